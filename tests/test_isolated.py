"""The hard per-file limits of ``readers/isolated.py``: a worker process killed at its time
budget, capped in memory, and a crash that stays one line.

* A reader stuck inside C, where the SIGALRM budget cannot reach it, is killed within its
  budget; the rest of the folder is still read, by a fresh worker.
* Decompression bombs that a C library inflates (a PDF's FlateDecode stream in pdfium, a
  docx whose XML part lxml builds into a huge tree) stop at the memory cap; a docx part that
  inflates to gigabytes is refused by the zip guards before anything is inflated.
* A worker that segfaults or aborts gives a one-line "could not be read" finding.
* Documents and errors come back intact: a third of ../shared/corpus and the examples read
  the same through the worker as in-process, and --debug still shows the reader's traceback.
* One worker serves a whole batch, and is replaced after a kill or a change of environment.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import zlib
from pathlib import Path

import pytest

from hostile.badset import CRED, DRAFT, docx_bytes, document_xml
from mccheck import engine, readers
from mccheck.document import Document
from mccheck.errors import InputError
from mccheck.readers import isolated
from mccheck.readers.limits import DEFAULT_LIMITS, MB, ReadLimits

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
pytestmark = pytest.mark.skipif(not isolated.available(), reason="no fork: files are read in-process")

STUCK_FOR = 10  # seconds a stuck reader would block: far past every budget used here


def _draft(folder: Path, name: str, text: str = DRAFT) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _blocked_in_c(path, limits):  # noqa: ANN001, ARG001
    """Sleeps inside a C call with SIGALRM blocked, as a C library's long loop would: no Python
    signal handler, so no SIGALRM budget, can run until it returns."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    ctypes.CDLL(None).sleep(STUCK_FOR)
    raise AssertionError("the reader was not stopped")


def _patch_markdown(monkeypatch, reader, only: str | None = None) -> None:
    """``reader`` replaces the markdown reader (for the file named ``only``, if given)."""
    from mccheck.readers import markdown

    real = markdown.read
    monkeypatch.setattr(markdown, "read", lambda p, l: reader(p, l) if only in (None, p.name) else real(p, l))


# ----------------------------------------------------------------------------- time


def test_a_reader_blocked_in_c_is_killed_within_its_budget(tmp_path, monkeypatch):
    _patch_markdown(monkeypatch, _blocked_in_c)
    path = _draft(tmp_path, "stuck.md")
    start = time.monotonic()
    with pytest.raises(InputError) as info:
        engine.read_all([path], ReadLimits(seconds=0.5), single=True)
    assert 0.5 <= time.monotonic() - start < 3
    assert info.value.one_line() == (
        f"{path}: took longer than 0.5 s to read: it may be damaged or very large; "
        "export it again, or allow more time with --timeout"
    )


def test_the_rest_of_the_folder_is_read_after_a_killed_worker(tmp_path, monkeypatch):
    _patch_markdown(monkeypatch, _blocked_in_c, only="b-stuck.md")
    files = [_draft(tmp_path, name) for name in ("a.md", "b-stuck.md", "c.md")]
    documents, unreadable = engine.read_all(files, ReadLimits(seconds=0.5), single=False)
    assert [Path(d.path).name for d in documents] == ["a.md", "c.md"]
    assert [(Path(p).name, m.split(":")[0]) for p, m in unreadable] == [("b-stuck.md", "took longer than 0.5 s to read")]


def test_a_c_hang_in_a_folder_is_a_finding_end_to_end(tmp_path, monkeypatch, cli):
    _patch_markdown(monkeypatch, _blocked_in_c, only="stuck.md")
    _draft(tmp_path, "Reflection.md")
    _draft(tmp_path, "stuck.md")
    monkeypatch.chdir(tmp_path)
    result = cli("check", ".", "-c", CRED, "-f", "json", "--timeout", "0.5")
    assert result.exit_code == 1 and result.stderr == ""
    report = json.loads(result.stdout)
    assert sorted(Path(f).name for f in report["files"]) == ["Reflection.md", "stuck.md"]
    problems = [f["message"] for f in report["findings"] if f["id"] == "read-problem"]
    assert problems == ["could not read stuck.md: took longer than 0.5 s to read: it may be damaged or very "
                        "large; export it again, or allow more time with --timeout"]


def _tag_with_worker_pid(monkeypatch, stuck: str = "") -> None:
    """The markdown reader notes the reading process's pid in each Document's path; it blocks on ``stuck``."""
    from mccheck.readers import markdown

    real = markdown.read

    def tagged(path, limits):
        if path.name == stuck:
            _blocked_in_c(path, limits)
        doc = real(path, limits)
        return Document(f"{doc.path}@{os.getpid()}", doc.blocks, doc.notes)

    monkeypatch.setattr(markdown, "read", tagged)


def _pids(documents) -> list[int]:
    return [int(d.path.rsplit("@", 1)[1]) for d in documents]


def test_one_worker_reads_every_file_and_a_new_one_follows_a_kill(tmp_path, monkeypatch):
    monkeypatch.setattr(isolated, "_most_workers", 1)  # as in a --jobs process
    _tag_with_worker_pid(monkeypatch, stuck="stuck.md")
    files = [_draft(tmp_path, name) for name in ("a.md", "b.md", "stuck.md", "c.md", "d.md")]
    documents, unreadable = engine.read_all(files, ReadLimits(seconds=0.5), single=False)
    pids = _pids(documents)
    assert len(pids) == 4 and os.getpid() not in pids
    assert pids[0] == pids[1] != pids[2] == pids[3]  # reused; replaced after the kill
    assert len(unreadable) == 1


def test_the_worker_serves_a_whole_batch_until_the_environment_changes(tmp_path, monkeypatch):
    _tag_with_worker_pid(monkeypatch)
    files = [_draft(tmp_path, name) for name in ("a.md", "b.md")]
    first = _pids(engine.read_all(files, DEFAULT_LIMITS, single=False)[0])
    second = _pids(engine.read_all(files, DEFAULT_LIMITS, single=False)[0])  # the next submission
    monkeypatch.setenv("MCCHECK_PDF_BACKEND", "pypdf")  # readers look at their environment
    third = _pids(engine.read_all(files, DEFAULT_LIMITS, single=False)[0])
    assert set(first) == set(second) and os.getpid() not in first
    assert not set(third) & set(first)


def test_ctrl_c_while_reading_ends_the_worker(tmp_path, monkeypatch):
    pid_file = tmp_path / "pid"

    def note_pid_and_block(path, limits):
        pid_file.write_text(str(os.getpid()))
        _blocked_in_c(path, limits)

    _patch_markdown(monkeypatch, note_pid_and_block)
    path = _draft(tmp_path, "stuck.md")

    def interrupt(signum, frame):  # noqa: ANN001, ARG001
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try:
        with pytest.raises(KeyboardInterrupt):
            isolated.read(path, DEFAULT_LIMITS)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    with pytest.raises(ProcessLookupError):  # killed and collected
        os.kill(int(pid_file.read_text()), 0)


def test_without_fork_files_are_read_in_process_under_the_alarm(tmp_path, monkeypatch):
    monkeypatch.setattr(isolated, "available", lambda: False)
    _patch_markdown(monkeypatch, lambda p, l: (time.sleep(STUCK_FOR), pytest.fail("not stopped")))
    path = _draft(tmp_path, "slow.md")
    with pytest.raises(InputError, match="took longer than 0.3 s to read"):
        engine.read_all([path], ReadLimits(seconds=0.3), single=True)


# ----------------------------------------------------------------------------- memory


def _flate_bomb_pdf(path: Path, inflated_mb: int) -> Path:
    """One page whose content stream inflates to ``inflated_mb`` MB of spaces after one line of text."""
    text, block = b"BT /F1 12 Tf 72 720 Td (Hello bomb) Tj ET\n", b" " * MB
    head = zlib.compressobj(9, zlib.DEFLATED, -15)
    checksum = zlib.adler32(text)
    for _ in range(inflated_mb):
        checksum = zlib.adler32(block, checksum)
    # A zlib stream: header, the text's deflate block, the spaces, the checksum of it all.
    deflated = head.compress(text) + head.flush(zlib.Z_FULL_FLUSH) + _deflate_megabytes(inflated_mb)
    data = b"\x78\xda" + deflated + checksum.to_bytes(4, "big")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    from hostile.badset import raw_pdf

    path.write_bytes(raw_pdf(objects))
    return path


def _measured_read(path: Path, memory_mb: int, backend: str) -> dict:
    """read_all in a fresh Python: its message, the worker's peak and its own peak (MB)."""
    script = textwrap.dedent(f"""
        import json, resource, sys
        from pathlib import Path
        from mccheck import engine
        from mccheck.readers.limits import MB, ReadLimits
        docs, bad = engine.read_all([Path({str(path)!r})], ReadLimits(max_memory_bytes={memory_mb} * MB), single=False)
        with open("/proc/self/status") as status:
            own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(json.dumps({{"read": len(docs), "problems": [m for _, m in bad],
                          "worker_mb": workers / 1024, "own_mb": own / 1024}}))
    """)
    env = dict(os.environ, MCCHECK_PDF_BACKEND=backend)
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return {**json.loads(proc.stdout), "seconds": time.monotonic() - started}


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to measure memory")
def test_a_pdf_flate_bomb_stops_at_the_memory_cap(tmp_path):
    pytest.importorskip("pypdfium2")
    bomb = _flate_bomb_pdf(tmp_path / "bomb.pdf", 600)  # pdfium inflates it whole, and more
    result = _measured_read(bomb, 200, "pdfium")
    assert result["problems"] == [
        "needs more than 200 MB of memory to read: it may be damaged or built to exhaust memory; export it again"
    ]
    assert result["worker_mb"] < 200 + 150  # the cap, above a worker's start
    assert result["own_mb"] < 150  # the bomb never reached the checking process
    assert result["seconds"] < 30


def test_the_same_bomb_with_pypdf_is_refused_too(tmp_path):
    bomb = _flate_bomb_pdf(tmp_path / "bomb.pdf", 600)
    result = _measured_read(bomb, 200, "pypdf")
    assert result["read"] == 0 and len(result["problems"]) == 1
    assert result["worker_mb"] < 200 + 150


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to measure memory")
def test_a_docx_whose_xml_builds_a_huge_tree_stops_at_the_memory_cap(tmp_path):
    """16 MB of XML, compressed 9:1: within every zip-bomb guard, but its lxml tree needs far more than 64 MB."""
    import random

    rng = random.Random(1)
    words = ["school", "mission", "vision", "plan", "team", "goal", "data", "value", "alpha", "beta"]
    paragraphs = "".join(
        f"<w:p><w:r><w:t>{' '.join(rng.choice(words) for _ in range(12))}</w:t></w:r></w:p>" for _ in range(2000)
    )
    path = tmp_path / "tree.docx"
    path.write_bytes(docx_bytes(document_xml(paragraphs * 80)))
    result = _measured_read(path, 64, "pdfium")
    assert result["problems"] == [
        "needs more than 64 MB of memory to read: it may be damaged or built to exhaust memory; export it again"
    ]
    assert result["worker_mb"] < 64 + 150


def _deflate_megabytes(count: int) -> bytes:
    """Raw deflate data that inflates to ``count`` MB of spaces, built without compressing them all:
    after a full flush a deflate stream holds no back references, so one compressed MB repeats."""
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    megabyte = raw.compress(b" " * MB) + raw.flush(zlib.Z_FULL_FLUSH)
    return megabyte * count + raw.flush()


def _one_entry_zip(name: str, data: bytes, declared: int) -> bytes:
    """A zip of one deflated entry that says it unpacks to ``declared`` bytes (its CRC is never reached)."""
    import struct

    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, 0, len(data), declared, len(name), 0)
    central = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, 0, len(data), declared,
                          len(name), 0, 0, 0, 0, 0, 0)
    body = local + name.encode() + data
    directory = central + name.encode()
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), len(body), 0)
    return body + directory + end


@pytest.mark.parametrize(
    ("declared_mb", "message"),
    [
        (2048, "would expand to more than 300 MB: it may be a zip bomb"),  # the header tells the truth
        # It lies: zipfile stops at the size declared, where the checksum fails.
        (1, "is damaged (word/document.xml cannot be unpacked): save it again from Word"),
    ],
    ids=["honest-header", "lying-header"],
)
def test_a_docx_whose_xml_inflates_to_gigabytes_is_refused_before_inflating(tmp_path, declared_mb, message):
    path = tmp_path / "bomb.docx"
    path.write_bytes(_one_entry_zip("word/document.xml", _deflate_megabytes(2048), declared_mb * MB))
    result = _measured_read(path, 1024, "pdfium")
    assert result["problems"] == [message]
    assert result["worker_mb"] < 150  # refused by the zip guards: nothing was inflated


def test_a_memory_bomb_in_a_batch_under_jobs_leaves_the_others_checked(tmp_path):
    pytest.importorskip("pypdfium2")
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "mccheck.yaml").write_text(f"credential: {CRED}\n", encoding="utf-8")
        _draft(folder, "Reflection.md")
    _flate_bomb_pdf(tmp_path / "b" / "Artifact.pdf", 1000)  # pdfium needs more than the default 1024 MB
    proc = subprocess.run([sys.executable, "-m", "mccheck", "check", str(tmp_path), "-j", "2", "-f", "json"],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ, MCCHECK_PDF_BACKEND="pdfium"))
    assert proc.returncode == 1 and proc.stderr == "", proc.stderr
    reports = {Path(s["paths"][0]).name: s for s in json.loads(proc.stdout)["submissions"]}
    assert not any(f["id"] == "read-problem" for f in reports["a"]["findings"])
    assert [f["message"].split(": ", 1)[1] for f in reports["b"]["findings"] if f["id"] == "read-problem"] == [
        "needs more than 1024 MB of memory to read: it may be damaged or built to exhaust memory; export it again"
    ]


# ----------------------------------------------------------------------------- crashes


@pytest.mark.parametrize(
    ("crash", "signal_name"),
    [(lambda: ctypes.string_at(0), "SIGSEGV"), (os.abort, "SIGABRT")],
    ids=["segfault", "abort"],
)
def test_a_worker_crash_is_a_one_line_finding(tmp_path, monkeypatch, cli, crash, signal_name):
    _patch_markdown(monkeypatch, lambda p, l: crash(), only="crash.md")
    _draft(tmp_path, "Reflection.md")
    _draft(tmp_path, "crash.md")
    monkeypatch.chdir(tmp_path)
    folder = cli("check", ".", "-c", CRED, "-f", "json")
    assert folder.exit_code == 1 and folder.stderr == ""
    problems = [f["message"] for f in json.loads(folder.stdout)["findings"] if f["id"] == "read-problem"]
    assert problems == [f"could not read crash.md: could not be read (the reader crashed: {signal_name}); "
                        "please report this file"]
    alone = cli("check", "crash.md", "-c", CRED)
    assert alone.exit_code == 2
    assert alone.stderr == (f"mccheck: crash.md: could not be read (the reader crashed: {signal_name}); "
                            "please report this file\n")


def test_page_progress_reaches_this_process(tmp_path):
    from mccheck.readers.progress import listening

    pdf = Path(__file__).parent / "data" / "pdf" / "draft-plain.pdf"
    calls = []
    with listening(lambda path, done, total: calls.append((done, total))):
        engine.read_all([pdf], DEFAULT_LIMITS, single=True)
    assert calls and calls == [(n, calls[0][1]) for n in range(1, calls[0][1] + 1)]


def test_a_reader_bug_in_the_worker_keeps_its_traceback_for_debug(tmp_path, monkeypatch):
    def buggy(path, limits):
        return {}["missing"]

    _patch_markdown(monkeypatch, buggy)
    path = _draft(tmp_path, "bug.md")
    with pytest.raises(InputError) as info:
        engine.read_all([path], DEFAULT_LIMITS, single=True)
    assert info.value.message == "could not be read (KeyError: 'missing'); please report this file"
    cause = info.value.__cause__
    assert isinstance(cause, isolated.WorkerTraceback)
    assert "in buggy" in str(cause) and "KeyError" in str(cause)


def test_a_plain_refusal_has_no_worker_traceback(tmp_path):
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    with pytest.raises(InputError) as info:
        engine.read_all([path], DEFAULT_LIMITS, single=True)
    assert info.value.message == "is empty" and info.value.__cause__ is None


# ----------------------------------------------------------------------------- documents


def _sample() -> list[Path]:
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and readers.is_supported(p))
    files = files[::3]  # a third of the corpus, every format: about a second
    files += sorted(p for p in EXAMPLES.rglob("*") if p.suffix in (".md", ".docx", ".pdf"))
    return files


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no ../shared/corpus")
def test_documents_come_back_from_the_worker_exactly_as_read_in_process():
    files = _sample()
    documents, unreadable = engine.read_all(files, DEFAULT_LIMITS, single=False)
    by_path = {d.path: d for d in documents}
    refused = dict(unreadable)
    assert len(by_path) + len(refused) == len(files)
    for path in files:
        try:
            here = readers.read(path)
        except InputError as e:
            assert refused[str(path)] == e.message
            continue
        assert by_path[str(path)] == here, path


# ----------------------------------------------------------------------------- two workers

two_cores = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: one worker")


def _long_pdf(path: Path, pages: int = 60) -> Path:
    """A report-like PDF: running header, page numbers, a heading every few pages, a paragraph
    hyphenated across each page break, and a two-column table over the middle page break."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_pdfs", Path(__file__).parent / "data" / "pdf" / "make_pdfs.py")
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)  # type: ignore[union-attr]
    body = ("Our team met every week to look at student writing and chose one small teaching move "
            "to try before the next meeting").split()
    out = []
    for p in range(1, pages + 1):
        lines = [(72, 760, 9, "Jordan Lee - Artifact 3: Mission Statement Analysis")]
        y = 720
        if p % 5 == 1:
            lines.append((72, y, 15, f"Part {p // 5 + 1}: Analysis of the mission", "B"))
            y -= 28
        if p in (pages // 2, pages // 2 + 1):
            for row in range(12):
                lines.append((72, y, 11, f"Stakeholder {p}-{row}"))
                lines.append((320, y, 11, f"Comment {row} on the draft"))
                y -= 14
        while y > 100:
            words = [body[(p * 7 + y + k) % len(body)] for k in range(12)]
            lines.append((72, y, 11, " ".join(words)))
            y -= 14
        lines.append((72, y, 11, "the work continued into the collabo-"))
        lines.append((290, 40, 9, f"Page {p} of {pages}"))
        out.append({"lines": lines})
    path.write_bytes(make.raw_pdf(out))
    return path


@two_cores
def test_a_submission_is_read_by_two_workers_at_once(tmp_path, monkeypatch):
    _tag_with_worker_pid(monkeypatch)
    files = [_draft(tmp_path, f"{name}.md") for name in "abcd"]
    documents, unreadable = engine.read_all(files, DEFAULT_LIMITS, single=False)
    assert [Path(d.path.rsplit("@", 1)[0]).name for d in documents] == ["a.md", "b.md", "c.md", "d.md"]
    assert len(set(_pids(documents))) == 2 and os.getpid() not in _pids(documents) and not unreadable


@two_cores
@pytest.mark.parametrize("backend", ["pdfium", "pypdf"])
def test_a_long_pdf_read_by_two_workers_is_the_one_read_in_process(tmp_path, monkeypatch, backend):
    from mccheck.readers import pdf, split

    monkeypatch.setenv("MCCHECK_PDF_BACKEND", backend)
    path = _long_pdf(tmp_path / "long.pdf")
    assert path.stat().st_size >= split.SPLIT_BYTES
    helpers = tmp_path / "helpers"
    real = pdf.extract_second_half

    def noted(p, limits):  # runs in the second worker, forked with this patch
        pages = real(p, limits)
        with open(helpers, "a") as out:
            out.write(f"{os.getpid()} {len(pages or [])}\n")
        return pages

    monkeypatch.setattr(pdf, "extract_second_half", noted)
    progress_seen = []
    from mccheck.readers.progress import listening

    with listening(lambda p, done, total: progress_seen.append((done, total))):
        split_read = isolated.read(path, DEFAULT_LIMITS)
    [(pid, pages)] = [line.split() for line in helpers.read_text().splitlines()]
    assert int(pid) != os.getpid() and int(pages) == 30
    assert split_read == readers.read(path)
    assert split_read.pages == 60 and progress_seen[-1] == (60, 60)


@two_cores
def test_a_second_worker_that_crashes_is_one_line_and_the_next_read_works(tmp_path, monkeypatch):
    from mccheck.readers import pdf

    path = _long_pdf(tmp_path / "long.pdf")
    monkeypatch.setattr(pdf, "extract_second_half", lambda p, limits: os.abort())
    with pytest.raises(InputError) as info:
        isolated.read(path, DEFAULT_LIMITS)
    assert info.value.message == "could not be read (the reader crashed: SIGABRT); please report this file"
    monkeypatch.undo()
    isolated.stop()
    assert isolated.read(path, DEFAULT_LIMITS).pages == 60


@two_cores
def test_a_jobs_process_reads_with_one_worker(tmp_path, monkeypatch):
    _tag_with_worker_pid(monkeypatch)
    monkeypatch.setattr(isolated, "_most_workers", 2)
    isolated.one_worker()
    files = [_draft(tmp_path, f"{name}.md") for name in "abc"]
    assert len(set(_pids(engine.read_all(files, DEFAULT_LIMITS, single=False)[0]))) == 1


@pytest.mark.parametrize("forks", [True, False])
def test_this_process_works_once_while_the_workers_read(tmp_path, monkeypatch, forks):
    if not forks:
        monkeypatch.setattr(isolated, "available", lambda: False)
    (tmp_path / "a.md").write_text("# Overview\n\nOne two three.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Reflection\n\nFour five.\n", encoding="utf-8")
    calls: list[int] = []
    results = isolated.read_all([tmp_path / "a.md", tmp_path / "b.md"], DEFAULT_LIMITS,
                                meanwhile=lambda: calls.append(os.getpid()))
    assert calls == [os.getpid()]  # once, in this process, never in a worker
    assert [type(r) for r in results] == [Document, Document]
    assert isolated.read_all([], DEFAULT_LIMITS, meanwhile=lambda: calls.append(0)) == [] and calls[-1] == 0

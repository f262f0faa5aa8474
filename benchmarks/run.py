#!/usr/bin/env python3
"""mccheck benchmarks: build inputs, time mccheck against baselines, print a markdown table.

    python benchmarks/run.py            # full run (about ten minutes on 2 cores)
    python benchmarks/run.py --quick    # smoke run with small inputs (a minute or two)

Measures every row of issue 14's table in one run and prints each ratio against its target:
the typical folder against the extraction floor with both PDF engines, one 3-page docx
against the floor and ``pandoc -t plain``, ``--help`` and ``--version`` against importing
typer, a 300-page PDF against a bare pypdfium2 loop (CPU) and ``pdftotext`` (wall), 200
folders with ``--jobs 2`` against ``--jobs 1``, and peak memory against page count.

Needs only Python and mccheck's own dependencies (python-docx writes the .docx inputs; the
PDFs come from the small PDF writer below: Helvetica text, one content stream per page).
pandoc and pdftotext are used as baselines when they are on PATH; a missing one skips its
row with a note.

Every number is the median of ``--runs`` runs of a fresh process (startup and imports
included, as a user sees it); the commands compared in a row run alternately, so a change
in machine load hits them alike. Wall time is the default; CPU time (user + system of the
process and every worker it collected) where a row says so. Memory is the peak RSS of the
largest of them (``wait4``). Inputs are generated from a fixed seed, so every run and every
machine checks the same files. Results are printed as markdown and, with ``--json FILE``,
written as raw data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

CREDENTIAL = "aligning-school-mission"
SEED = 20240611

# ------------------------------------------------------------------------------ text


_WORDS = (
    "students teachers families community mission vision values goals school learning "
    "classroom equity belonging survey stakeholders decisions alignment statement council "
    "leadership schedule electives intervention language culture reading writing data "
    "assessment feedback growth support access rigor partnership engagement trust purpose "
    "principal district counselor parents interpreters advisory evidence practice plan "
    "timeline resources barriers communication priorities outcomes reflection research "
    "the a of to and in for with on as by that this our their each every many most some "
    "we they it is are was were will can should could would have has had do does make "
    "build share listen revise review collect analyse compare describe explain improve "
    "clear concise inclusive distinctive shared current local diverse bilingual "
    "weekly monthly annual new strong common public first second third final"
).split()


def sentences(rng: random.Random, words: int) -> str:
    """About ``words`` words of sentence-shaped text (capitalised, 8-22 words, full stops)."""
    out: list[str] = []
    total = 0
    while total < words:
        n = min(rng.randint(8, 22), max(words - total, 3))
        sentence = [rng.choice(_WORDS) for _ in range(n)]
        sentence[0] = sentence[0].capitalize()
        if rng.random() < 0.15:
            sentence.insert(rng.randint(1, n - 1), f"{rng.randint(2, 99)}%")
        out.append(" ".join(sentence) + rng.choice(".......?"))
        total += n
    return " ".join(out)


def paragraphs(rng: random.Random, words: int) -> list[str]:
    paras: list[str] = []
    while words > 0:
        n = min(rng.randint(70, 160), words)
        paras.append(sentences(rng, n))
        words -= n
    return paras


# ------------------------------------------------------------------------------ PDF writer


def _pdf_str(text: str) -> bytes:
    return b"(" + text.encode("cp1252", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(
        b")", b"\\)"
    ) + b")"


def write_pdf(path: Path, pages: list[list[tuple[str, float, float, float, bool]]]) -> None:
    """A minimal valid PDF: each page a list of (text, x, y, size, bold) lines, Helvetica."""
    objects: list[bytes] = []  # object n is objects[n - 1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    kids: list[int] = []
    for lines in pages:
        ops = []
        for text, x, y, size, is_bold in lines:
            font = b"/F2" if is_bold else b"/F1"
            ops.append(b"BT %s %g Tf 1 0 0 1 %g %g Tm %s Tj ET" % (font, size, x, y, _pdf_str(text)))
        stream = zlib.compress(b"\n".join(ops), 6)
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>" % (pages_obj, content, regular, bold)
        ))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(out))


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def make_pdf(path: Path, title: str, n_pages: int, seed: int) -> None:
    """A report-like PDF: running header, page numbers, headings every few pages, body text."""
    rng = random.Random(seed)
    pages = []
    for p in range(1, n_pages + 1):
        lines = [(f"Jordan Lee - {title}", 72.0, 760.0, 9.0, False)]
        y = 720.0
        if p == 1 or p % 4 == 0:
            heading = title if p == 1 else f"{p // 4}. {rng.choice(_WORDS).capitalize()} and {rng.choice(_WORDS)}"
            lines.append((heading, 72.0, y, 15.0, True))
            y -= 26
        while y > 90:
            for text in _wrap(sentences(rng, rng.randint(60, 120)), 88):
                if y <= 72:
                    break
                lines.append((text, 72.0, y, 11.0, False))
                y -= 14
            y -= 8
        lines.append((f"Page {p} of {n_pages}", 290.0, 36.0, 9.0, False))
        pages.append(lines)
    write_pdf(path, pages)


# ------------------------------------------------------------------------------ docx, md

_WORDS_PER_PAGE = 500  # a page of 11-pt single-spaced prose


def make_docx(path: Path, sections: list[tuple[str, int]], seed: int) -> None:
    """A .docx with a Heading 1 per section followed by about ``words`` words of paragraphs."""
    import docx  # python-docx: a dependency of mccheck

    rng = random.Random(seed)
    doc = docx.Document()
    fixed = dt.datetime(2024, 11, 4, 9, 0, 0)
    doc.core_properties.created = doc.core_properties.modified = fixed
    doc.core_properties.author = "Benchmark"
    for title, words in sections:
        doc.add_heading(title, level=1)
        for para in paragraphs(rng, words):
            doc.add_paragraph(para)
    doc.save(str(path))


def make_md(path: Path, sections: list[tuple[str, int]], seed: int) -> None:
    rng = random.Random(seed)
    parts = []
    for title, words in sections:
        parts.append(f"# {title}\n")
        parts.extend(p + "\n" for p in paragraphs(rng, words))
    path.write_text("\n".join(parts), encoding="utf-8")


PART13 = "Part 1 and Part 3 Written Responses"
ARTIFACTS = (
    "Artifact 1 Comparable Mission Statements",
    "Artifact 2 Good Mission Statements",
    "Artifact 3 Mission Statement Analysis",
    "Artifact 4 Stakeholder Feedback",
    "Artifact 5 Action Plan for Alignment",
)


def _heading(stem: str) -> str:
    number, title = stem.split(" ", 2)[1], stem.split(" ", 2)[2]
    return f"Artifact {number}: {title}"


def make_typical(folder: Path, seed: int, docx_pages: int = 10, pdf_pages: int = 40) -> None:
    """One submission: a 10-page docx (Parts 1 and 3), four short docx artifacts, a 40-page PDF."""
    folder.mkdir(parents=True)
    (folder / "mccheck.yaml").write_text(f"credential: {CREDENTIAL}\n", encoding="utf-8")
    words = docx_pages * _WORDS_PER_PAGE
    make_docx(folder / f"{PART13}.docx",
              [("Part 1: Overview Questions", words * 4 // 5), ("Part 3: Reflection", words // 5)], seed)
    for k, stem in enumerate(ARTIFACTS):
        if k == 2:
            make_pdf(folder / f"{stem}.pdf", _heading(stem), pdf_pages, seed + k)
        else:
            make_docx(folder / f"{stem}.docx", [(_heading(stem), (2 + k % 2) * _WORDS_PER_PAGE)], seed + k)


def make_batch(top: Path, count: int, seed: int) -> None:
    """``count`` submission folders of mixed formats and sizes (drafts in md, docx and pdf)."""
    top.mkdir(parents=True)
    rng = random.Random(seed)
    for i in range(1, count + 1):
        folder = top / f"teacher-{i:03d}"
        folder.mkdir()
        (folder / "mccheck.yaml").write_text(f"credential: {CREDENTIAL}\n", encoding="utf-8")
        fmt = ("docx", "md", "pdf")[i % 3]
        words = rng.randint(2, 8) * _WORDS_PER_PAGE
        sections = [("Part 1: Overview Questions", words * 4 // 5), ("Part 3: Reflection", words // 5)]
        if fmt == "docx":
            make_docx(folder / f"{PART13}.docx", sections, seed + i)
        elif fmt == "md":
            make_md(folder / f"{PART13}.md", sections, seed + i)
        else:
            make_pdf(folder / f"{PART13}.pdf", "Part 1: Overview Questions", words // 600 + 1, seed + i)
        for k, stem in enumerate(ARTIFACTS):
            s = seed + 1000 * i + k
            if k == 2:
                make_pdf(folder / f"{stem}.pdf", _heading(stem), rng.randint(2, 16), s)
            else:
                make_docx(folder / f"{stem}.docx", [(_heading(stem), rng.randint(1, 3) * _WORDS_PER_PAGE)], s)


def build_inputs(work: str, folders: int, pdf_pages: list[int]) -> None:
    """Every input the benchmarks use, under ``work``; files already there are kept."""
    root = Path(work)
    typical = root / "typical"
    if not typical.exists():
        make_typical(typical, SEED, docx_pages=10, pdf_pages=40)
    one = root / "draft-3p.docx"  # one teacher's draft: Parts 1 and 3 on three pages
    if not one.exists():
        make_docx(one, [("Part 1: Overview Questions", 2 * _WORDS_PER_PAGE), ("Part 3: Reflection", _WORDS_PER_PAGE)],
                  SEED + 7)
    if folders:
        batch = root / f"batch-{folders}"
        if not batch.exists():
            make_batch(batch, folders, SEED)
    for n in pdf_pages:
        path = root / f"report-{n}p.pdf"
        if not path.exists():
            make_pdf(path, "Artifact 3: Mission Statement Analysis", n, SEED + n)


# ------------------------------------------------------------------------------ measuring


@dataclass
class Sample:
    seconds: float
    peak_mb: float
    cpu: float = 0.0  # user + system seconds of the process and its workers


def run_once(cmd: list[str], env: dict | None = None, cwd: Path | None = None, ok=(0, 1)) -> Sample:
    """Run ``cmd`` to completion; its wall time and peak RSS (its own or any waited-for child's)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode not in ok:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {proc.returncode}: {err.strip()[-500:]}")
    return Sample(elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


@dataclass
class Measure:
    name: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return max(s.peak_mb for s in self.samples)


def measure(name: str, cmd: list[str], runs: int, env: dict | None = None, warmup: int = 1, **kw) -> Measure:
    for _ in range(warmup):  # page cache, .pyc files
        run_once(cmd, env, **kw)
    m = Measure(name)
    for _ in range(runs):
        m.samples.append(run_once(cmd, env, **kw))
    return m


def measure_together(commands: list[tuple[str, list[str], dict | None]], runs: int, **kw) -> list[Measure]:
    """Interleave the runs of several commands so drift in machine load hits them alike."""
    measures = [Measure(name) for name, _, _ in commands]
    for _, cmd, env in commands:  # warm-up: page cache, .pyc files
        run_once(cmd, env, **kw)
    for _ in range(runs):
        for m, (_, cmd, env) in zip(measures, commands):
            m.samples.append(run_once(cmd, env, **kw))
    return measures


def mccheck_cmd() -> list[str]:
    """The console script next to this Python when installed, else ``python -m mccheck``."""
    script = Path(sys.executable).parent / "mccheck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mccheck"]


def env_with(**extra: str) -> dict:
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    env.pop("MCCHECK_PDF_BACKEND", None)
    # As installed for a user: pip writes every module's bytecode at install time, so the
    # warm-up runs must be allowed to (else each run compiles mccheck, but not typer, anew).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


# The extraction floor: a fresh Python that only opens the files and splits their text, with
# the library each type needs imported when a file of that type comes (as mccheck's readers).
FLOOR = r"""
import sys
words = 0
for name in sys.argv[1:]:
    if name.endswith(".docx"):
        import docx
        d = docx.Document(name)
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                parts.extend(c.text for c in row.cells)
        words += sum(len(p.split()) for p in parts)
    elif name.endswith(".pdf"):
        import pypdf
        r = pypdf.PdfReader(name)
        words += sum(len(p.extract_text().split()) for p in r.pages)
    else:
        words += len(open(name, encoding="utf-8").read().split())
print(words)
"""

PDFIUM_LOOP = r"""
import sys
import pypdfium2 as pdfium
pdf = pdfium.PdfDocument(sys.argv[1])
n = 0
for i in range(len(pdf)):
    page = pdf[i]
    text = page.get_textpage()
    n += len(text.get_text_range())
    text.close()
    page.close()
print(n)
"""

PYPDF_LOOP = r"""
import sys
from pypdf import PdfReader
r = PdfReader(sys.argv[1])
n = 0
for i in range(len(r.pages)):
    n += len(r.pages[i].extract_text())
print(n)
"""


# ------------------------------------------------------------------------------ report


@dataclass
class Row:
    what: str
    ours: str
    baseline: str
    ratio: str
    target: str
    met: str  # "yes", "no", "" (information only) or "skipped"


def fmt_s(m: Measure) -> str:
    return f"{m.seconds * 1000:.0f} ms" if m.seconds < 1 else f"{m.seconds:.2f} s"


def ratio_row(what: str, ours: Measure, base: Measure, target: float | None, better: str = "<=",
              target_text: str | None = None, cpu: bool = False) -> Row:
    """``ours`` against ``base`` (wall time, or CPU time of the processes and their workers)."""
    a, b = (ours.cpu, base.cpu) if cpu else (ours.seconds, base.seconds)
    r = a / b
    met = "" if target is None else ("yes" if (r <= target if better == "<=" else r >= target) else "no")
    text = target_text or ("" if target is None else f"{better} {target}x")
    shown = (lambda m: f"CPU {m.cpu * 1000:.0f} ms") if cpu else fmt_s
    return Row(what, shown(ours), f"{base.name}: {shown(base)}", f"{r:.2f}x", text, met)


def table(rows: list[Row]) -> str:
    out = ["| benchmark | mccheck | baseline | ratio | target | met |", "|---|---|---|---|---|---|"]
    out += [f"| {r.what} | {r.ours} | {r.baseline} | {r.ratio} | {r.target} | {r.met} |" for r in rows]
    return "\n".join(out)


def machine() -> str:
    import importlib.metadata as md

    def version(name: str) -> str:
        try:
            return md.version(name)
        except md.PackageNotFoundError:
            return "not installed"

    return (
        f"{platform.system()} {platform.machine()}, nproc {os.cpu_count()}, Python {platform.python_version()}; "
        f"mccheck {version('mccheck')}, typer {version('typer')}, pypdf {version('pypdf')}, "
        f"pypdfium2 {version('pypdfium2')}, python-docx {version('python-docx')}"
    )


# ------------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small inputs, 3 runs: a smoke test (< 1 min)")
    ap.add_argument("--runs", type=int, default=None, help="runs per measurement (default 7, --quick 3)")
    ap.add_argument("--work", type=Path, default=None, help="where to build inputs (default: a temp folder)")
    ap.add_argument("--keep", action="store_true", help="keep the generated inputs")
    ap.add_argument("--json", type=Path, default=None, help="also write the raw numbers here")
    ap.add_argument("--build", help=argparse.SUPPRESS)  # internal: build inputs (JSON spec) and exit
    ap.add_argument("--only", action="append", default=[],
                    help="run only these groups: startup, folder, docx, batch, pdf (repeatable)")
    args = ap.parse_args(argv)
    if args.build:
        build_inputs(**json.loads(args.build))
        return 0
    runs = args.runs or (3 if args.quick else 7)
    quick = args.quick
    groups = set(args.only) or {"startup", "folder", "docx", "batch", "pdf"}
    work = args.work or Path(tempfile.mkdtemp(prefix="mccheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    mc = mccheck_cmd()
    py = sys.executable
    cores = os.cpu_count() or 1
    has_pdfium = _has("pypdfium2")
    notes: list[str] = []
    rows: list[Row] = []
    scaling: list[tuple[int, str, Measure]] = []
    raw: dict = {"date": dt.date.today().isoformat(), "machine": machine(), "quick": quick, "runs": runs,
                 "load_before": os.getloadavg()[0]}
    say = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731 - progress on stderr

    try:
        # ---------------------------------------------------------------- inputs
        # Built in a child process: python-docx and lxml loaded here would make this process
        # large, and Linux carries a forked child's peak RSS across exec into every measurement.
        t0 = time.perf_counter()
        n_folders = 20 if quick else 200
        page_counts = (20, 50, 100) if quick else (50, 200, 500)
        big_pages = 100 if quick else 300
        spec = {"work": str(work), "folders": n_folders if "batch" in groups else 0,
                "pdf_pages": sorted({*page_counts, big_pages}) if "pdf" in groups else []}
        subprocess.run([py, __file__, "--build", json.dumps(spec)], check=True)
        typical, draft = work / "typical", work / "draft-3p.docx"
        batch = work / f"batch-{n_folders}"
        pdfs = {n: work / f"report-{n}p.pdf" for n in spec["pdf_pages"]}
        say(f"inputs in {work} ({time.perf_counter() - t0:.1f} s)")
        base_env = env_with()
        check = [*mc, "check", "--format", "json", "--no-progress"]

        # ---------------------------------------------------------------- startup
        if "startup" in groups:
            say("startup ...")
            typer_m, ver = measure_together([("python -c 'import typer'", [py, "-c", "import typer"], base_env),
                                             ("mccheck --version", [*mc, "--version"], base_env)], runs * 2)
            rows.append(ratio_row("`mccheck --version`", ver, typer_m, 1.1))
            rich_m, hlp = measure_together([
                ("python -c 'import typer, rich.console'", [py, "-c", "import typer, rich.console"], base_env),
                ("mccheck --help", [*mc, "--help"], base_env)], runs * 2)
            rows.append(ratio_row("`mccheck --help`", hlp, rich_m, 1.05))
            raw["startup"] = {m.name: m.seconds for m in (typer_m, ver, rich_m, hlp)}

        # ---------------------------------------------------------------- one folder
        if "folder" in groups:
            say("typical folder ...")
            files = sorted(str(f) for f in typical.iterdir() if f.suffix != ".yaml")
            commands = [("python-docx + pypdf extraction", [py, "-c", FLOOR, *files], base_env),
                        ("mccheck (pypdf)", [*check, str(typical)], env_with(MCCHECK_PDF_BACKEND="pypdf"))]
            if has_pdfium:
                commands.append(("mccheck (pdfium)", [*check, str(typical)], base_env))
            floor, slow, *fast = measure_together(commands, runs)
            what = "`check` typical folder (10-page docx + 4 docx + 40-page PDF)"
            if fast:
                rows.append(ratio_row(f"{what}, pdfium (default)", fast[0], floor, 1.3))
            rows.append(ratio_row(f"{what}, pypdf (fallback)", slow, floor, 1.4))
            raw["folder"] = {m.name: m.seconds for m in (floor, slow, *fast)}

        # ---------------------------------------------------------------- one draft
        if "docx" in groups:
            say("one 3-page docx ...")
            one = [*check, "-c", CREDENTIAL, str(draft)]
            commands = [("python-docx extraction", [py, "-c", FLOOR, str(draft)], base_env),
                        ("mccheck", one, base_env)]
            if shutil.which("pandoc"):
                commands.append(("pandoc -t plain", ["pandoc", "-t", "plain", str(draft)], base_env))
            else:
                notes.append("pandoc is not installed: the pandoc row was skipped (apt-get install pandoc).")
            floor, ours, *pandoc = measure_together(commands, runs * 2)
            rows.append(ratio_row("`check` one 3-page docx", ours, floor, 1.3))
            if pandoc:
                rows.append(ratio_row("`check` one 3-page docx vs pandoc", ours, pandoc[0], 0.6))
            raw["docx"] = {m.name: m.seconds for m in (floor, ours, *pandoc)}

        # ---------------------------------------------------------------- batch
        if "batch" in groups:
            say(f"{n_folders} folders ...")
            b_runs = max(1, runs // 2) if not quick else 1
            one, two = measure_together([("--jobs 1", [*check, "--jobs", "1", str(batch)], base_env),
                                         ("--jobs 2", [*check, "--jobs", "2", str(batch)], base_env)], b_runs)
            speedup = one.seconds / two.seconds
            rows.append(Row(f"{n_folders} folders, `--jobs 1`", fmt_s(one), f"CPU {one.cpu:.1f} s",
                            f"{n_folders / one.seconds:.1f} folders/s", "", ""))
            rows.append(Row(
                f"{n_folders} folders, `--jobs 2`", fmt_s(two), f"--jobs 1: {fmt_s(one)}; CPU {two.cpu:.1f} s",
                f"{speedup:.2f}x speed-up ({n_folders / two.seconds:.1f} folders/s, peak {two.peak_mb:.0f} MB)",
                ">= 1.9x" if cores >= 2 else "n/a (1 core)",
                ("yes" if speedup >= 1.9 else "no") if cores >= 2 else ""))
            raw["batch"] = {"folders": n_folders, "jobs1": one.seconds, "jobs2": two.seconds,
                            "cpu1": one.cpu, "cpu2": two.cpu}
            # On a busy machine wall time hides the pool; CPU time shows what it costs.
            notes.append(f"{n_folders} folders: {one.cpu:.1f} CPU-s with 1 worker, {two.cpu:.1f} CPU-s with 2: "
                         f"with a core free for each the speed-up would be at most {2 * one.cpu / two.cpu:.2f}x "
                         "(CPU time itself grows when other work competes for the cores).")

        # ---------------------------------------------------------------- PDFs
        if "pdf" in groups:
            big = pdfs[big_pages]
            say(f"{big_pages}-page PDF ...")
            one_file = [*check, "-c", CREDENTIAL]
            commands = [("pypdf extract_text loop", [py, "-c", PYPDF_LOOP, str(big)], base_env),
                        ("mccheck (pypdf)", [*one_file, str(big)], env_with(MCCHECK_PDF_BACKEND="pypdf"))]
            if has_pdfium:
                commands += [("bare pypdfium2 text loop", [py, "-c", PDFIUM_LOOP, str(big)], base_env),
                             ("mccheck (pdfium)", [*one_file, str(big)], base_env)]
                if shutil.which("pdftotext"):
                    commands.append(("pdftotext", ["pdftotext", str(big), "-"], base_env))
                else:
                    notes.append("pdftotext is not installed: the pdftotext row was skipped (apt-get install poppler-utils).")
            else:
                notes.append("pypdfium2 is not installed: the PDFium rows were skipped.")
            loop, slow, *fast = measure_together(commands, runs)
            if fast:
                bare, ours, *p2t = fast
                rows.append(ratio_row(f"`check` {big_pages}-page PDF, pdfium, CPU", ours, bare, 1.25, cpu=True))
                if p2t:
                    rows.append(ratio_row(f"`check` {big_pages}-page PDF, pdfium, wall", ours, p2t[0], 1.5))
            rows.append(ratio_row(f"`check` {big_pages}-page PDF, pypdf, CPU", slow, loop, None, cpu=True))
            raw["pdf_big"] = {"pages": big_pages, **{m.name: {"wall": m.seconds, "cpu": m.cpu} for m in (loop, slow, *fast)}}

            say("PDF scaling ...")
            backends = ["pypdf"] + (["pdfium"] if has_pdfium else [])
            s_runs = max(1, runs // 2)
            for backend in backends:
                env = env_with(MCCHECK_PDF_BACKEND=backend)
                for n in page_counts:
                    m = measure(f"{n}p {backend}", [*one_file, str(pdfs[n])], s_runs, env, warmup=0)
                    scaling.append((n, backend, m))
            raw["scaling"] = [{"pages": n, "backend": b, "seconds": m.seconds, "cpu": m.cpu, "peak_mb": m.peak_mb}
                              for n, b, m in scaling]
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)

    # -------------------------------------------------------------------- output
    print(f"## mccheck benchmarks, {raw['date']}{' (--quick)' if quick else ''}\n")
    print(f"Machine: {raw['machine']}. Median of {runs} runs (startup: {runs * 2}), fresh process each; "
          f"load average {raw['load_before']:.1f} before, {os.getloadavg()[0]:.1f} after (other work on the "
          "machine inflates times and hides parallel speed-up).\n")
    if rows:
        print(table(rows))
    if scaling:
        print("\n### Time and peak memory against PDF page count (`mccheck check FILE.pdf`, whole process)\n")
        print("| pages | backend | time | CPU | ms/page | marginal ms/page | peak RSS | target |")
        print("|---|---|---|---|---|---|---|---|")
        for backend in sorted({b for _, b, _ in scaling}):
            prev = None
            for n, b, m in (s for s in scaling if s[1] == backend):
                marginal = "" if prev is None else f"{(m.seconds - prev[1]) * 1000 / (n - prev[0]):.1f}"
                ok = "yes" if m.peak_mb < 80 else "no"
                target = f"< 80 MB: {ok}" if n == max(page_counts) and b == "pdfium" else ""
                print(f"| {n} | {b} | {fmt_s(m)} | {m.cpu:.2f} s | {m.seconds * 1000 / n:.1f} | {marginal} "
                      f"| {m.peak_mb:.0f} MB | {target} |")
                prev = (n, m.seconds)
    for note in notes:
        print(f"\nNote: {note}")
    if args.json:
        raw["rows"] = [r.__dict__ for r in rows]
        args.json.write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
    if args.keep or args.work is not None:
        print(f"\nInputs kept in {work}", file=sys.stderr)
    return 0


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


if __name__ == "__main__":
    sys.exit(main())

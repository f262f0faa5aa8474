"""Hostile and broken input: never crash, never hang, never lose or change a file.

* The bad-input set (``tests/hostile/badset.py``, generated at test time) run through
  ``python -m mccheck check``: exit 1 or 2, one clean stderr line and no traceback, within
  its time limit and 500 MB of memory (reading workers included), every input byte and
  mtime unchanged.
* The per-file time budget (``readers/budget.py``): a reader stuck in a loop, asleep, or
  swallowing the first alarm is stopped; previous timers are restored; threads fall back.
* The CLI's catch-all for bugs, ``--timeout`` and ``--max-file-size``, atomic ``--output``.
* Property tests: random markdown, random WordprocessingML bodies and mutated bytes of real
  files are read into a Document or refused with an InputError, never anything else.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile.badset import CASES, CRED, DRAFT, REPO, W, build, docx_bytes, document_xml, simple_docx
from mccheck import engine, readers
from mccheck.discover import Submission, discover
from mccheck.document import Document
from mccheck.errors import InputError
from mccheck.readers.budget import available, time_budget
from mccheck.readers.limits import DEFAULT_LIMITS, ReadLimits
from mccheck.report import Report

PDF_DATA = REPO / "tests" / "data" / "pdf"
DOCX_CORPUS = REPO.parent / "shared" / "corpus" / "real-docx"
MAX_RSS_KB = 500 * 1024
POSIX_MAIN = pytest.mark.skipif(not available(), reason="needs setitimer in the main thread")


# ----------------------------------------------------------------------------- running the CLI


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_kb: int
    timed_out: bool


# Runs mccheck as ``python -m mccheck`` would, then records the peak RSS of the process (VmHWM)
# and of its reading workers (collected first, so that RUSAGE_CHILDREN counts them).
# wait4's ru_maxrss is no good here: Linux carries the forking parent's peak (pytest's) across
# exec into the child's figure. VmHWM belongs to the child's own address space.
_MAIN_WITH_HWM = """\
import atexit, os, resource, sys
def _hwm():
    while True:
        try:
            os.wait()
        except ChildProcessError:
            break
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open("/proc/self/status") as status, open(os.environ["MCCHECK_TEST_HWM"], "w") as out:
        own = int(next(line for line in status if line.startswith("VmHWM")).split()[1])
        out.write(str(max(own, workers)))
if os.path.exists("/proc/self/status"):
    atexit.register(_hwm)
import runpy
sys.argv[0] = "mccheck"
runpy.run_module("mccheck", run_name="__main__")
"""


def run_cli(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 120) -> Run:
    """``python -m mccheck ARGS``, with the child's own peak RSS (VmHWM, in kB) and wall time."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "CI")}
    full_env.update({"NO_COLOR": "1", "COLUMNS": "100", **(env or {})})
    hwm_fd, hwm_file = tempfile.mkstemp(prefix="hwm-")
    os.close(hwm_fd)
    full_env["MCCHECK_TEST_HWM"] = hwm_file
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-c", _MAIN_WITH_HWM, *args], cwd=cwd, env=full_env,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                timed_out = True
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        hwm = Path(hwm_file).read_text() or "0"
        os.unlink(hwm_file)
        # Without /proc (not Linux), fall back to wait4's figure: an upper bound.
        peak = int(hwm) if int(hwm) else usage.ru_maxrss
        return Run(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   seconds, peak, timed_out)


def snapshot(root: Path) -> dict[str, tuple[str, int, int]]:
    """sha256, size and mtime of every regular file under ``root`` (links not followed)."""
    out = {}
    for folder, dirs, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            st_ = path.lstat()
            if not stat.S_ISREG(st_.st_mode):
                continue
            if st_.st_size > 50 * 1024 * 1024:  # the sparse "too big" files: size and mtime suffice
                digest = "sparse"
            else:
                try:
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
                except PermissionError:  # chmod 000 when not root
                    digest = "unreadable"
            out[str(path.relative_to(root))] = (digest, st_.st_size, st_.st_mtime_ns)
    return out


# ----------------------------------------------------------------------------- the bad set


@pytest.fixture(scope="session")
def bad_set(tmp_path_factory):
    """Build the set, run every case (two at a time), and return (folder, cases, runs, before)."""
    folder = tmp_path_factory.mktemp("bad")
    cases = build(folder)
    before = snapshot(folder)

    def one(case):
        args = ["check", "--format", "json"]
        if case.credential:
            args += ["-c", CRED]
        args += case.args
        return case.id, run_cli(args, folder, case.env, timeout=case.seconds + 30)

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = dict(pool.map(one, cases))
    return folder, {c.id: c for c in cases}, runs, before


@pytest.mark.parametrize("case_id", [c.id for c, _ in CASES])
def test_bad_input_is_refused_cleanly(bad_set, case_id):
    folder, cases, runs, _ = bad_set
    case, run = cases[case_id], runs[case_id]
    detail = f"exit {run.returncode}\nstderr: {run.stderr}\nstdout: {run.stdout[:2000]}"
    assert not run.timed_out, detail
    assert run.returncode in case.codes, detail
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout, detail
    lines = run.stderr.strip().splitlines()
    gists = case.gist if isinstance(case.gist, tuple) else (case.gist,)
    if run.returncode == 2:
        assert len(lines) == 1 and lines[0].startswith("mccheck: "), detail
        assert "internal error" not in lines[0], detail
        named = [Path(a).name for a in case.args if not a.startswith("-")]
        assert any(name in lines[0] for name in named), f"the message names no input: {detail}"
        assert any(g in lines[0] for g in gists), detail
    else:
        assert lines == [], detail
        report = json.loads(run.stdout)
        messages = " | ".join(f["message"] for r in _reports(report) for f in r["findings"])
        assert any(g in messages for g in gists), detail
    assert run.seconds < case.seconds, f"took {run.seconds:.1f} s: {detail}"
    assert run.max_rss_kb < MAX_RSS_KB, f"peak RSS {run.max_rss_kb / 1024:.0f} MB: {detail}"


def _reports(data: dict) -> list[dict]:
    return data["submissions"] if "submissions" in data else [data]


def test_bad_set_inputs_are_unchanged_and_nothing_ran(bad_set):
    folder, _, _, before = bad_set
    assert snapshot(folder) == before
    assert not (folder / "mccheck-pwned-marker").exists()  # evil.yaml's !!python/object/apply
    assert not (folder / "PWNED").exists()  # the folder config's tag
    leftovers = [p for p in folder.rglob("*.tmp") if not p.is_symlink()]
    assert leftovers == []


def test_bad_set_covers_every_area():
    ids = {c.id.split("-")[0] for c, _ in CASES}
    assert {"docx", "doc", "pdf", "text", "folder", "file", "name", "spec", "config"} <= ids
    assert len(CASES) >= 70


def test_examples_are_unchanged_by_a_run(tmp_path):
    """Every example folder and spec, checked with its credential; not a byte or mtime changes.

    A copy (mtimes kept) is checked, so an example being regenerated meanwhile cannot flake this.
    """
    src = REPO / "examples"
    if not src.is_dir():
        pytest.skip("no examples/")
    copy = tmp_path / "examples"
    shutil.copytree(src, copy, symlinks=True)
    before = snapshot(copy)
    ran = 0
    bundled = {p.stem for p in (REPO / "credentials").glob("*.yaml")}
    for folder in sorted(p for p in copy.iterdir() if p.is_dir() and p.name in bundled):
        for target in sorted(folder.iterdir()):
            run = run_cli(["check", str(target), "-c", folder.name, "--output", str(tmp_path / "report.txt")], tmp_path)
            assert run.returncode in (0, 1, 2) and "Traceback" not in run.stderr, run.stderr
            ran += 1
    for spec in sorted((copy / "specs").glob("*.yaml")) if (copy / "specs").is_dir() else []:
        run = run_cli(["validate", str(spec)], tmp_path)
        assert "Traceback" not in run.stderr
        ran += 1
    assert ran, "no example was checked"
    assert snapshot(copy) == before


def test_readers_open_inputs_read_only(tmp_path, monkeypatch):
    """Every open() a run makes on an input is a read: no "w", "a", "+" or "x" mode."""
    import builtins

    files = {
        "d.md": DRAFT.encode(),
        "d.docx": simple_docx(),
        "d.pdf": (PDF_DATA / "hyphenated.pdf").read_bytes(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    inputs = {str(tmp_path / n) for n in files}
    seen: list[tuple[str, str]] = []
    real_open = builtins.open

    def spy(file, mode="r", *a, **k):
        if isinstance(file, (str, os.PathLike)) and os.fspath(file) in inputs:
            seen.append((os.fspath(file), mode))
        return real_open(file, mode, *a, **k)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    monkeypatch.setenv("MCCHECK_PDF_BACKEND", "pypdf")  # pdfium opens files in C, read-only by design
    for name in files:
        readers.read(tmp_path / name)
    assert seen, "the spy saw no open()"
    assert all(not set(mode) & set("wax+") for _, mode in seen), seen


# ----------------------------------------------------------------------------- the time budget


def _slow_md(tmp_path: Path, name: str = "slow.md") -> Path:
    path = tmp_path / name
    path.write_text(DRAFT, encoding="utf-8")
    return path


def _alarm_state():
    return signal.getsignal(signal.SIGALRM), signal.getitimer(signal.ITIMER_REAL)


def _assert_alarm_restored(before, elapsed: float) -> None:
    """The SIGALRM handler is the one before, and so is the timer (e.g. pytest-timeout's), less the time spent."""
    handler, (delay, interval) = before
    now_delay, now_interval = signal.getitimer(signal.ITIMER_REAL)
    assert signal.getsignal(signal.SIGALRM) == handler
    assert now_interval == interval
    if delay == 0:
        assert now_delay == 0
    else:
        assert delay - elapsed - 1 < now_delay <= delay


STUCK_FOR = 5.0  # a stuck reader gives up after this long, so a broken budget fails, not hangs


def _stuck(seconds: float = STUCK_FOR) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    raise AssertionError("the time budget never stopped the reader")


def _loop_forever(path, limits):  # noqa: ANN001, ARG001
    _stuck()


def _swallow_first_alarm(path, limits):  # noqa: ANN001, ARG001
    try:
        _stuck()
    except BaseException:  # a library with a bare except: the retry alarm must still stop it
        pass
    _stuck()


def _catch_exception(path, limits):  # noqa: ANN001, ARG001
    end = time.monotonic() + STUCK_FOR
    while time.monotonic() < end:
        try:
            time.sleep(0.01)
        except Exception:  # like the readers' "any library error is damage" guards
            raise AssertionError("the budget must not be an Exception") from None
    raise AssertionError("the time budget never stopped the reader")


def _sleep(path, limits):  # noqa: ANN001, ARG001
    time.sleep(STUCK_FOR)
    raise AssertionError("the time budget never stopped the reader")


@POSIX_MAIN
@pytest.mark.parametrize("reader", [_loop_forever, _swallow_first_alarm, _catch_exception, _sleep])
def test_budget_stops_a_stuck_reader(tmp_path, monkeypatch, reader):
    from mccheck.readers import markdown

    monkeypatch.setattr(markdown, "read", reader)
    path = _slow_md(tmp_path)
    before = _alarm_state()
    start = time.monotonic()
    with pytest.raises(InputError) as info:
        engine.read_all([path], ReadLimits(seconds=0.2), single=True)
    assert time.monotonic() - start < 3
    assert info.value.path == str(path)
    assert info.value.message.startswith("took longer than 0.2 s to read")
    assert "--timeout" in info.value.message
    _assert_alarm_restored(before, time.monotonic() - start)


@POSIX_MAIN
def test_budget_in_a_folder_makes_the_slow_file_a_finding(tmp_path, monkeypatch):
    from mccheck.readers import markdown

    real = markdown.read
    monkeypatch.setattr(markdown, "read", lambda p, l: _loop_forever(p, l) if p.name == "slow.md" else real(p, l))
    slow, good = _slow_md(tmp_path), _slow_md(tmp_path, "good.md")
    documents, unreadable = engine.read_all([slow, good], ReadLimits(seconds=0.2), single=False)
    assert [d.path for d in documents] == [str(good)]
    assert unreadable == [(str(slow), unreadable[0][1])] and "took longer than 0.2 s" in unreadable[0][1]


@POSIX_MAIN
def test_engine_run_turns_a_slow_file_into_a_report_finding(tmp_path, monkeypatch):
    from mccheck.readers import markdown
    from mccheck.spec.catalog import resolve

    monkeypatch.setattr(markdown, "read", _loop_forever)
    _slow_md(tmp_path)
    report = engine.check(discover([tmp_path])[0], resolve(CRED), limits=ReadLimits(seconds=0.1))
    assert any(f.check == "read-problem" and "took longer than 0.1 s" in f.message for f in report.findings)


@POSIX_MAIN
def test_budget_restores_the_previous_handler_and_timer():
    calls = []

    def outer(*args):
        calls.append(args)

    runner_timer = signal.getitimer(signal.ITIMER_REAL)  # pytest-timeout's, if any
    old = signal.signal(signal.SIGALRM, outer)
    try:
        signal.setitimer(signal.ITIMER_REAL, 50)
        with time_budget("x.md", 5):
            assert signal.getsignal(signal.SIGALRM) is not outer
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 45 < remaining <= 50
        assert signal.getsignal(signal.SIGALRM) is outer
        # An outer timer that runs out during the budget still fires (late, never lost).
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        with time_budget("x.md", 5):
            time.sleep(0.1)
        time.sleep(0.05)
        assert calls, "the outer timer never fired"
    finally:
        signal.signal(signal.SIGALRM, old)
        signal.setitimer(signal.ITIMER_REAL, *runner_timer)


@POSIX_MAIN
def test_budget_leaves_no_timer_of_its_own_after_a_normal_read(tmp_path):
    before, start = _alarm_state(), time.monotonic()
    documents, unreadable = engine.read_all([_slow_md(tmp_path)], DEFAULT_LIMITS, single=True)
    assert len(documents) == 1 and not unreadable
    _assert_alarm_restored(before, time.monotonic() - start)


def test_budget_in_a_thread_falls_back_to_reader_deadlines(tmp_path, monkeypatch):
    """Without a worker process (no fork), a thread has no SIGALRM either: the readers' own deadlines hold."""
    from mccheck.readers import isolated, markdown

    monkeypatch.setattr(isolated, "available", lambda: False)
    real = markdown.read
    monkeypatch.setattr(markdown, "read", lambda p, l: (time.sleep(0.3), real(p, l))[1])
    result: dict = {}

    def work():
        assert not available()
        result["docs"] = engine.read_all([_slow_md(tmp_path)], ReadLimits(seconds=0.05), single=True)[0]
        try:  # the PDF reader's own deadline between pages still applies in a thread
            engine.read_all([PDF_DATA / "draft-plain.pdf"], ReadLimits(seconds=0), single=True)
        except InputError as e:
            result["pdf"] = e.message

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(20)
    assert len(result["docs"]) == 1
    assert "took longer than 0 s" in result["pdf"]


def test_budget_in_process_pool_workers(tmp_path):
    """A batch runs in worker processes; the budget works there too (their main thread)."""
    for name in ("a", "b"):
        sub = tmp_path / name
        sub.mkdir()
        shutil.copyfile(PDF_DATA / "draft-outline.pdf", sub / "draft.pdf")
        (sub / "mccheck.yaml").write_text(f"credential: {CRED}\n", encoding="utf-8")
    run = run_cli(["check", str(tmp_path), "-j", "2", "--timeout", "0.001", "--format", "json"], tmp_path,
                  env={"MCCHECK_PDF_BACKEND": "pypdf"})
    assert run.returncode == 1, run.stderr
    reports = _reports(json.loads(run.stdout))
    assert len(reports) == 2
    for report in reports:
        assert any("took longer than 0.001 s" in f["message"] for f in report["findings"]), report["findings"]


def _stuck_read_in_worker(path: str) -> tuple[bool, str]:
    """Runs in a pool worker: a stuck reader there is stopped by the worker's own budget."""
    from mccheck.readers import markdown

    markdown.read = _loop_forever
    try:
        engine.read_all([Path(path)], ReadLimits(seconds=0.2), single=True)
    except InputError as e:
        return available(), e.message
    return available(), ""


@POSIX_MAIN
def test_budget_stops_a_stuck_reader_in_a_pool_worker(tmp_path):
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1) as pool:
        in_main_thread, message = pool.submit(_stuck_read_in_worker, str(_slow_md(tmp_path))).result(timeout=30)
    assert in_main_thread
    assert message.startswith("took longer than 0.2 s to read")


@pytest.mark.parametrize("command", [["count"], ["sections", "-c", CRED], ["check", "-c", CRED]])
def test_timeout_option_on_every_reading_command(tmp_path, command):
    shutil.copyfile(PDF_DATA / "draft-outline.pdf", tmp_path / "draft.pdf")
    run = run_cli([*command, "draft.pdf", "--timeout", "0.001"], tmp_path, env={"MCCHECK_PDF_BACKEND": "pypdf"})
    assert run.returncode == 2
    assert run.stderr.strip() == (
        "mccheck: draft.pdf: took longer than 0.001 s to read: it may be damaged or very large; "
        "export it again, or allow more time with --timeout"
    )
    ok = run_cli([*command, "draft.pdf", "--timeout", "60"], tmp_path)
    assert ok.returncode in (0, 1) and ok.stderr == "", ok.stderr


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf"])
def test_timeout_must_be_positive(tmp_path, value):
    run = run_cli(["check", "x.md", "-c", CRED, "--timeout", value], tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip() == "mccheck: --timeout must be a positive number of seconds"


def test_max_file_size_raises_the_limit(tmp_path):
    (tmp_path / "draft.md").write_text(DRAFT * 20, encoding="utf-8")  # ~4 KB
    refused = run_cli(["check", "draft.md", "-c", CRED, "--max-file-size", "0.001"], tmp_path)
    assert refused.returncode == 2 and "above the 1 KB limit; raise it with --max-file-size" in refused.stderr
    allowed = run_cli(["check", "draft.md", "-c", CRED, "--max-file-size", "0.01"], tmp_path)
    assert allowed.returncode in (0, 1) and allowed.stderr == ""


# ----------------------------------------------------------------------------- CLI error path


def _call_main(monkeypatch, capsys, argv):
    from mccheck import cli

    monkeypatch.setattr(sys, "argv", ["mccheck", *argv])
    monkeypatch.setitem(cli._state, "debug", False)
    with pytest.raises(SystemExit) as info:
        cli.main()
    return info.value.code, capsys.readouterr().err


def _boom(*args, **kwargs):
    raise RuntimeError("boom\nsecond line")


def test_unexpected_exception_is_one_line_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(engine, "check", _boom)
    path = _slow_md(tmp_path, "draft.md")
    code, err = _call_main(monkeypatch, capsys, ["check", str(path), "-c", CRED])
    assert code == 2
    assert err == "mccheck: internal error (RuntimeError: boom second line); run with --debug and report it\n"


def test_unexpected_exception_with_debug_shows_the_traceback(tmp_path, monkeypatch):
    from mccheck import cli

    monkeypatch.setattr(engine, "check", _boom)
    monkeypatch.setattr(sys, "argv", ["mccheck", "--debug", "check", str(_slow_md(tmp_path, "d.md")), "-c", CRED])
    with pytest.raises(RuntimeError, match="boom"):
        cli.main()
    monkeypatch.setitem(cli._state, "debug", False)


def test_unexpected_exception_end_to_end_has_no_traceback(tmp_path):
    path = _slow_md(tmp_path, "draft.md")
    script = (
        "import sys, mccheck.engine as e\n"
        "def boom(*a, **k): raise KeyError('bug')\n"
        "e.check = boom\n"
        "from mccheck.cli import main\n"
        "sys.argv = ['mccheck', *sys.argv[1:]]\n"
        "main()\n"
    )
    for debug in ([], ["--debug"]):
        proc = subprocess.run([sys.executable, "-c", script, *debug, "check", str(path), "-c", CRED],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == (1 if debug else 2)
        if debug:
            assert "Traceback" in proc.stderr and "KeyError" in proc.stderr
        else:
            assert proc.stderr == "mccheck: internal error (KeyError: 'bug'); run with --debug and report it\n"


def test_input_error_with_debug_shows_the_traceback(tmp_path):
    (tmp_path / "empty.md").write_bytes(b"")
    quiet = run_cli(["check", "empty.md", "-c", CRED], tmp_path)
    loud = run_cli(["--debug", "check", "empty.md", "-c", CRED], tmp_path)
    assert quiet.stderr == "mccheck: empty.md: is empty\n" and quiet.returncode == 2
    assert "Traceback" in loud.stderr and "InputError" in loud.stderr


def test_python_tag_spec_runs_nothing_in_check(tmp_path):
    marker = tmp_path / "pwned"
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "evil.yaml").write_text(
        f'id: evil\ntitle: !!python/object/apply:os.system ["touch {marker}"]\nissuer: I\n'
        "passing_rule: {text: t}\nparts: []\n", encoding="utf-8")
    run = run_cli(["check", "draft.md", "-c", "evil.yaml"], tmp_path)
    assert run.returncode == 2
    assert run.stderr.startswith("mccheck: evil.yaml:2: tag !!python/object/apply:os.system is not allowed")
    assert not marker.exists()


# ----------------------------------------------------------------------------- --output


def test_failed_write_keeps_the_previous_report_and_no_temp_file(tmp_path, monkeypatch):
    from mccheck.cli import common

    report = tmp_path / "report.txt"
    report.write_text("previous report", encoding="utf-8")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(common.os, "replace", fail)
    with pytest.raises(InputError) as info:
        common.write_atomic(report, "new report")
    assert info.value.path == str(report) and "No space left on device" in info.value.message
    assert report.read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


@pytest.mark.parametrize("error", [KeyboardInterrupt, UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogate")])
def test_interrupted_write_keeps_the_previous_report_and_no_temp_file(tmp_path, monkeypatch, error):
    from mccheck.cli import common

    report = tmp_path / "report.txt"
    report.write_text("previous report", encoding="utf-8")

    def fail(src, dst):
        raise error

    monkeypatch.setattr(common.os, "replace", fail)
    with pytest.raises(type(error) if isinstance(error, BaseException) else error):
        common.write_atomic(report, "new report")
    assert report.read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_output_into_a_missing_folder_is_one_line(tmp_path):
    _slow_md(tmp_path, "draft.md")
    run = run_cli(["check", "draft.md", "-c", CRED, "--output", "nowhere/report.txt"], tmp_path)
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mccheck: nowhere/report.txt: ") and "folder nowhere" in lines[0]
    assert not (tmp_path / "nowhere").exists()


# ----------------------------------------------------------------------------- folders


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_in_a_folder_is_skipped_and_the_rest_checked(tmp_path):
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    locked = tmp_path / "locked.md"
    locked.write_text("x", encoding="utf-8")
    locked.chmod(0)
    run = run_cli(["check", ".", "-c", CRED, "--format", "json"], tmp_path)
    assert run.returncode in (0, 1) and run.stderr == ""


def test_permission_denied_alone_is_one_line_exit_2(tmp_path, monkeypatch, capsys):
    """Root ignores modes, so the refusal is simulated where the reader opens the file."""
    path = _slow_md(tmp_path, "draft.md")
    real = Path.open

    def deny(self, *a, **k):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real(self, *a, **k)

    monkeypatch.setattr(Path, "open", deny)
    code, err = _call_main(monkeypatch, capsys, ["check", str(path), "-c", CRED])
    assert code == 2 and err == f"mccheck: {path}: cannot be read: permission denied\n"


# ----------------------------------------------------------------------------- properties

FUZZ_LIMITS = ReadLimits(seconds=10)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _counter():
    n = 0
    while True:
        n += 1
        yield n


_names = _counter()


def read_or_refuse(folder: Path, name: str, data: bytes) -> Document | InputError:
    """The invariant: a Document or an InputError (one line, naming the file), well in time."""
    path = folder / f"{next(_names)}-{name}"
    path.write_bytes(data)
    start = time.monotonic()
    try:
        with time_budget(path, FUZZ_LIMITS.seconds):
            result: Document | InputError = readers.read(path, FUZZ_LIMITS)
    except InputError as e:
        result = e
    finally:
        elapsed = time.monotonic() - start
    assert elapsed < FUZZ_LIMITS.seconds
    if isinstance(result, InputError):
        assert result.path == str(path)
        assert "\n" not in str(result) and "took longer" not in result.message, result.message
    else:
        assert isinstance(result, Document)
    before = (hashlib.sha256(data).hexdigest(), path.stat().st_mtime_ns)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
    path.unlink()
    return result


# -- random markdown

_MD_LINE = st.one_of(
    st.text(max_size=80),
    st.builds(lambda p, t: p + t,
              st.sampled_from(["# ", "## ", "> ", ">>> ", "- ", "* ", "1. ", "  - ", "    ", "| ", "|---|", "```",
                               "~~~", "<!-- ", "-->", "<!-- mccheck-disable word-limit -->", "---", "***", "[", "]("]),
              st.text(st.characters(codec="utf-8"), max_size=40)),
    st.text(alphabet="*_`[]()!<>|#>-\\&;:\n ", max_size=200),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_MD_LINE, max_size=40), ending=st.sampled_from(["\n", "\r\n", "\r"]),
       suffix=st.sampled_from([".md", ".txt"]))
def test_random_markdown_is_read_or_refused(scratch, lines, ending, suffix):
    text = ending.join(lines)
    result = read_or_refuse(scratch, "draft" + suffix, text.encode("utf-8", "surrogatepass"))
    if isinstance(result, Document):
        assert all(b.text.strip() or not b.counted for b in result.blocks if b.kind != "table")


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=2000))
def test_random_bytes_as_text_are_read_or_refused(scratch, data):
    read_or_refuse(scratch, "draft.md", data)


# -- random WordprocessingML bodies

_WORDS = st.text(alphabet="abc XYZ é&<>\"'\u00a0\u2014-", max_size=20).map(
    lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
_RUN_CHILD = st.one_of(
    _WORDS.map(lambda t: f'<w:t xml:space="preserve">{t}</w:t>'),
    _WORDS.map(lambda t: f"<w:delText>{t}</w:delText>"),
    st.sampled_from(["<w:tab/>", "<w:br/>", "<w:cr/>", "<w:noBreakHyphen/>", "<w:rPr><w:b/></w:rPr>",
                     '<w:fldChar w:fldCharType="begin"/>', "<w:instrText> PAGE </w:instrText>",
                     '<w:fldChar w:fldCharType="end"/>', '<w:footnoteReference w:id="1"/>']),
)
_RUN = st.lists(_RUN_CHILD, max_size=4).map(lambda c: f"<w:r>{''.join(c)}</w:r>")
_PPR = st.sampled_from([
    "", '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>', '<w:pPr><w:pStyle w:val="Title"/></w:pPr>',
    '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>',
    '<w:pPr><w:outlineLvl w:val="0"/></w:pPr>', '<w:pPr><w:ind w:left="1440" w:right="720"/></w:pPr>',
    '<w:pPr><w:outlineLvl w:val="99"/><w:ind w:left="x"/></w:pPr>',
])


def _inline(children):
    return st.one_of(
        _RUN,
        children.map(lambda c: f'<w:ins w:id="1" w:author="A">{c}</w:ins>'),
        children.map(lambda c: f'<w:del w:id="2" w:author="B">{c}</w:del>'),
        children.map(lambda c: f'<w:hyperlink w:history="1">{c}</w:hyperlink>'),
        children.map(lambda c: f"<w:sdt><w:sdtContent>{c}</w:sdtContent></w:sdt>"),
    )


_INLINE = st.recursive(_RUN, _inline, max_leaves=8)
_PARA = st.builds(lambda ppr, runs: f"<w:p>{ppr}{''.join(runs)}</w:p>", _PPR, st.lists(_INLINE, max_size=4))


def _blocks(children):
    cell = st.lists(children, min_size=0, max_size=2).map(lambda c: f"<w:tc>{''.join(c) or '<w:p/>'}</w:tc>")
    row = st.lists(cell, min_size=1, max_size=3).map(lambda cs: f"<w:tr>{''.join(cs)}</w:tr>")
    return st.one_of(
        st.lists(row, min_size=1, max_size=3).map(lambda rs: f"<w:tbl><w:tblPr/>{''.join(rs)}</w:tbl>"),
        children.map(lambda c: f'<w:ins w:id="3" w:author="A">{c}</w:ins>'),
        children.map(lambda c: f"<w:sdt><w:sdtContent>{c}</w:sdtContent></w:sdt>"),
        children.map(lambda c: f"<w:customXml>{c}</w:customXml>"),
    )


_BODY = st.lists(st.recursive(_PARA, _blocks, max_leaves=10), max_size=8).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_BODY, strict=st.booleans())
def test_random_docx_bodies_are_read_or_refused(scratch, body, strict):
    xml = document_xml(body)
    if strict:
        xml = xml.replace(W.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")
    result = read_or_refuse(scratch, "draft.docx", docx_bytes(xml))
    assert isinstance(result, Document), result
    if not re.search(r"<w:t[ >]|noBreakHyphen", body):  # only deleted text, field codes, tabs: nothing to count
        assert not any(b.counted and b.text.strip() for b in result.blocks), result.blocks


# -- mutated bytes of real files

def _seeds() -> list[tuple[str, bytes]]:
    seeds = [(p.name, p.read_bytes()) for p in sorted(PDF_DATA.glob("*.pdf")) if p.stat().st_size < 50_000]
    seeds.append(("generated.docx", simple_docx()))
    seeds.append(("stored.docx", _stored(simple_docx())))
    seeds.append(("draft.md", DRAFT.encode()))
    if DOCX_CORPUS.is_dir():
        small = sorted((p for p in DOCX_CORPUS.glob("*.docx") if p.stat().st_size < 60_000), key=lambda p: p.name)
        seeds += [(p.name, p.read_bytes()) for p in small[:6]]
    return seeds


def _stored(data: bytes) -> bytes:
    """The same package without compression, so byte flips reach the XML itself."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
    return out.getvalue()


SEEDS = _seeds()


@st.composite
def mutated(draw):
    name, data = draw(st.sampled_from(SEEDS))
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "zero"]))
        pos = draw(st.integers(0, max(len(buf) - 1, 0)))
        if kind == "flip" and buf:
            buf[pos] ^= 1 << draw(st.integers(0, 7))
        elif kind == "truncate":
            del buf[pos:]
        elif kind == "insert":
            buf[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "delete":
            del buf[pos:pos + draw(st.integers(1, 256))]
        elif kind == "zero":
            buf[pos:pos + 16] = b"\0" * len(buf[pos:pos + 16])
    return name, bytes(buf)


def _has_pdfium() -> bool:
    import importlib.util

    return importlib.util.find_spec("pypdfium2") is not None


@pytest.mark.parametrize("backend", ["pypdf", pytest.param("pdfium", marks=pytest.mark.skipif(
    not _has_pdfium(), reason="pypdfium2 (mccheck[fast]) not installed"))])
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sample=mutated())
def test_mutated_files_are_read_or_refused(scratch, backend, sample):
    name, data = sample
    old = os.environ.get("MCCHECK_PDF_BACKEND")
    os.environ["MCCHECK_PDF_BACKEND"] = backend
    try:
        read_or_refuse(scratch, name, data)
    finally:
        if old is None:
            os.environ.pop("MCCHECK_PDF_BACKEND", None)
        else:
            os.environ["MCCHECK_PDF_BACKEND"] = old


@pytest.fixture(scope="module")
def spec():
    from mccheck.spec.catalog import resolve

    return resolve(CRED)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sample=mutated(), alone=st.booleans())
def test_mutated_files_end_to_end_give_a_report_or_input_error(scratch, spec, sample, alone):
    name, data = sample
    folder = scratch / f"run{next(_names)}"
    folder.mkdir()
    path = folder / name
    path.write_bytes(data)
    (folder / "other.md").write_text(DRAFT, encoding="utf-8")
    files = [path] if alone else [path, folder / "other.md"]
    try:
        sub = Submission(path.parent, (path,), is_folder=False) if alone else Submission(folder, tuple(files))
        report = engine.check(sub, spec, limits=FUZZ_LIMITS, single=alone)
    except InputError as e:
        assert alone and e.path == str(path)
    else:
        assert isinstance(report, Report)
        if not alone:
            assert str(folder / "other.md") in report.files
    shutil.rmtree(folder)


@st.composite
def mutated_docx_xml(draw):
    """A seed .docx whose document.xml is mutated before zipping, so the zip's CRC still holds."""
    name, data = draw(st.sampled_from([s for s in SEEDS if s[0].endswith(".docx")]))
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        parts = {i.filename: zin.read(i) for i in zin.infolist()}
    target = draw(st.sampled_from(sorted(n for n in parts if n.endswith(".xml") or n.endswith(".rels"))))
    xml = bytearray(parts[target])
    for _ in range(draw(st.integers(1, 3))):
        pos = draw(st.integers(0, max(len(xml) - 1, 0)))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if kind == "flip" and xml:
            xml[pos] = draw(st.sampled_from(b'<>/="&;:w \x00\xff'))
        elif kind == "insert":
            xml[pos:pos] = draw(st.sampled_from([b"<w:p>", b"</w:p>", b"<w:tbl>", b'<w:del w:id="9">', b"&amp;",
                                                 b"<!DOCTYPE x>", b"<?pi x?>", b"<!-- c -->", b"\xc3"]))
        elif kind == "delete":
            del xml[pos:pos + draw(st.integers(1, 64))]
        else:
            del xml[pos:]
    parts[target] = bytes(xml)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for part, content in parts.items():
            zout.writestr(part, content)
    return name, out.getvalue()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sample=mutated_docx_xml())
def test_mutated_docx_xml_is_read_or_refused(scratch, sample):
    read_or_refuse(scratch, *sample)


def test_zip_claiming_an_unknown_version_is_damaged(tmp_path):
    """Found by fuzzing: zipfile raised NotImplementedError("zip file version 8.4")."""
    from hostile.badset import set_zip_version

    path = tmp_path / "v.docx"
    path.write_bytes(set_zip_version(simple_docx(), 84))
    with pytest.raises(InputError, match="is damaged"):
        readers.read(path)


@pytest.mark.parametrize("backend", ["pypdf", pytest.param("pdfium", marks=pytest.mark.skipif(
    not _has_pdfium(), reason="pypdfium2 (mccheck[fast]) not installed"))])
def test_pdf_found_by_fuzzing_is_damaged(monkeypatch, backend):
    """pypdf raised LimitReachedError (not a PdfReadError) on this mutant of password.pdf."""
    monkeypatch.setenv("MCCHECK_PDF_BACKEND", backend)
    path = REPO / "tests" / "data" / "bad" / "xref-size-limit.pdf"
    if backend == "pypdf":
        with pytest.raises(InputError, match="^.*: is damaged or not a PDF: export it again$"):
            readers.read(path)
    else:  # pdfium repairs the xref and finds the (damaged) password dictionary
        with pytest.raises(InputError, match="is password-protected"):
            readers.read(path)


def test_seed_corpus_is_not_empty():
    kinds = {Path(n).suffix for n, _ in SEEDS}
    assert {".pdf", ".docx", ".md"} <= kinds


def test_mutations_actually_break_files(scratch):
    """Guards against a fuzzer that only ever feeds valid files: some mutants must be refused."""
    rng = random.Random(7)
    refused = 0
    for name, data in SEEDS:
        cut = data[: rng.randrange(1, max(len(data) // 2, 2))]
        if isinstance(read_or_refuse(scratch, name, cut), InputError):
            refused += 1
    assert refused >= len(SEEDS) // 2


def test_a_catastrophic_regex_in_a_spec_cannot_hang_the_checks(tmp_path):
    """A spec marker with nested quantifiers backtracks exponentially; the time budget stops it."""
    import yaml

    spec = yaml.safe_load((REPO / "tests" / "data" / "specs" / "mini.yaml").read_text())
    section = spec["parts"][0]["sections"][0]
    section["elements"] = [{"id": "slow", "kind": "count", "description": "items", "min": 1,
                            "marker": "^(a+)+$"}]
    evil = tmp_path / "slow.yaml"
    evil.write_text(yaml.safe_dump(spec))
    draft = tmp_path / "d.md"
    draft.write_text(f"# {section['title']}\n\n" + "a" * 40 + "b\n")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "mccheck", "check", str(draft), "-c", str(evil), "--timeout", "2"],
                            capture_output=True, text=True, timeout=120)
    assert time.monotonic() - started < 30
    assert result.returncode == 2, result.stderr
    assert "checking took longer than 10 s: a pattern in the credential spec" in result.stderr
    assert "Traceback" not in result.stderr


def test_errors_survive_pickling_between_processes():
    import pickle

    from mccheck.errors import SpecError

    error = pickle.loads(pickle.dumps(InputError("a.pdf", "is damaged")))
    assert (type(error), error.path, error.message, str(error)) == (InputError, "a.pdf", "is damaged", "a.pdf: is damaged")
    spec_error = pickle.loads(pickle.dumps(SpecError("s.yaml", ["s.yaml:3: bad", "s.yaml:4: worse"])))
    assert spec_error.problems == ["s.yaml:3: bad", "s.yaml:4: worse"]

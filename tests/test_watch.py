"""`mccheck watch`: polling, debounce, ignored lock files, and a clean Ctrl-C."""

from __future__ import annotations

import threading
import time

import pytest

from mccheck.cli import watch as watch_cli
from mccheck.cli.watch import snapshot, watch_loop
from mccheck.discover import is_junk as is_ignored
from mccheck.context import Policy
from mccheck.discover import discover
from mccheck.engine import check
from mccheck.errors import InputError
from mccheck.spec.catalog import resolve

CREDENTIAL = "collaborative-learning-culture"




def _draft(folder, words: int) -> None:
    body = " ".join(["word"] * words)
    (folder / "Reflection.md").write_text(f"# Part 3. Reflection\n\n{body}\n", encoding="utf-8")


def _words(report) -> int:
    return next(s.words for s in report.sections if s.section_id == "part3.reflection")


@pytest.fixture
def submission(tmp_path):
    folder = tmp_path / "sub"
    folder.mkdir()
    _draft(folder, 10)
    spec = resolve(CREDENTIAL)

    def run_once():
        return check(discover([folder])[0], spec, Policy())

    return folder, run_once


@pytest.mark.parametrize(
    "name", ["~$Draft.docx", ".~lock.Draft.docx#", "Draft.docx.tmp", "~WRL0001.tmp", ".DS_Store", "backup~"]
)
def test_lock_and_temp_files_are_ignored(name):
    assert is_ignored(name)


def test_snapshot_lists_only_real_files(tmp_path):
    (tmp_path / "Draft.docx").write_bytes(b"x")
    for junk in ("~$Draft.docx", ".~lock.Draft.docx#", "x.tmp", ".hidden"):
        (tmp_path / junk).write_bytes(b"y")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "index").write_bytes(b"z")
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "Artifact 1.pdf").write_bytes(b"%PDF")
    snap = snapshot(tmp_path)
    assert set(snap) == {"Draft.docx", "art/Artifact 1.pdf".replace("/", __import__("os").sep)}
    assert snap["Draft.docx"][1] == 1


def test_a_rewritten_file_gives_a_second_report_with_the_new_count(submission):
    folder, run_once = submission
    reports = []
    calls = {"n": 0}

    def sleep(seconds):  # the test controls time: the teacher saves during the first poll
        calls["n"] += 1
        if calls["n"] == 1:
            _draft(folder, 42)

    runs = watch_loop(folder, run_once, interval=0.5, stop_after=3, on_report=reports.append, settle=0.3, sleep=sleep)
    assert runs == 2
    assert [_words(r) for r in reports] == [10, 42]


def test_a_thread_saving_the_file_is_picked_up_in_real_time(submission):
    folder, run_once = submission
    reports = []

    def save_later():
        time.sleep(0.15)
        _draft(folder, 77)

    saver = threading.Thread(target=save_later)
    saver.start()
    watch_loop(folder, run_once, interval=0.05, stop_after=20, on_report=reports.append, settle=0.05)
    saver.join()
    assert _words(reports[0]) == 10
    assert _words(reports[-1]) == 77
    assert len(reports) == 2


def test_lock_files_do_not_trigger_a_run(submission):
    folder, run_once = submission
    reports = []

    def sleep(seconds):
        (folder / "~$Reflection.docx").write_bytes(str(time.time_ns()).encode())
        (folder / ".~lock.Reflection.docx#").write_text(str(time.time_ns()))

    assert watch_loop(folder, run_once, stop_after=4, on_report=reports.append, sleep=sleep) == 1
    assert len(reports) == 1


def test_a_save_in_several_steps_runs_once_when_it_settles(submission):
    folder, run_once = submission
    reports = []
    calls = {"n": 0}

    def sleep(seconds):
        calls["n"] += 1
        if calls["n"] <= 4:  # the poll, then three settle waits that still see changes
            _draft(folder, 20 + calls["n"])

    runs = watch_loop(folder, run_once, stop_after=2, on_report=reports.append, sleep=sleep)
    assert runs == 2
    assert [_words(r) for r in reports] == [10, 24]


def test_a_file_that_never_stops_changing_still_gets_a_run(submission):
    folder, run_once = submission
    reports = []
    calls = {"n": 0}

    def sleep(seconds):
        calls["n"] += 1
        _draft(folder, 30 + calls["n"] % 2)

    assert watch_loop(folder, run_once, stop_after=1, on_report=reports.append, sleep=sleep) == 2
    assert calls["n"] == 1 + watch_cli.MAX_SETTLES


def test_an_error_is_shown_and_watching_goes_on(submission):
    folder, _ = submission
    errors, reports = [], []
    outcomes = iter([InputError(folder / "x.docx", "is damaged"), "second"])

    def run_once():
        item = next(outcomes)
        if isinstance(item, Exception):
            raise item
        return item

    calls = {"n": 0}

    def sleep(seconds):
        calls["n"] += 1
        if calls["n"] == 1:
            _draft(folder, 5)

    watch_loop(folder, run_once, stop_after=1, on_report=reports.append, on_error=errors.append, sleep=sleep)
    assert [e.message for e in errors] == ["is damaged"]
    assert reports == ["second"]


def test_watch_command_prints_a_compact_view_and_ctrl_c_exits_0(cli, submission, monkeypatch):
    folder, _ = submission
    (folder / "mccheck.yaml").write_text(f"credential: {CREDENTIAL}\n", encoding="utf-8")
    real_loop = watch_cli.watch_loop

    def loop_then_ctrl_c(path, run_once, **kwargs):
        kwargs["stop_after"] = 0
        real_loop(path, run_once, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(watch_cli, "watch_loop", loop_then_ctrl_c)
    r = cli("watch", folder)
    assert r.exit_code == 0, r.stderr
    assert "NOT READY" in r.stdout
    assert "part3.reflection" in r.stdout and "10" in r.stdout
    assert "stopped watching" in r.stdout
    assert "Traceback" not in r.stdout + r.stderr


def test_watch_command_needs_a_credential_and_an_existing_path(cli, tmp_path, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("a usage error must stop watch before it starts watching")

    monkeypatch.setattr(watch_cli, "watch_loop", never)
    r = cli("watch", tmp_path / "missing")
    assert r.exit_code == 2 and "does not exist" in r.stderr
    (tmp_path / "d.md").write_text("# Reflection\n\nhello\n")
    r = cli("watch", tmp_path)
    assert r.exit_code == 2 and "which credential" in r.stderr
    r = cli("watch", tmp_path, "--credential", "no-such-credential")
    assert r.exit_code == 2 and "unknown credential" in r.stderr
    r = cli("watch", tmp_path, "--credential", CREDENTIAL, "--interval", "0")
    assert r.exit_code == 2 and "--interval" in r.stderr

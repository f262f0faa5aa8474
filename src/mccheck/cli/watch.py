"""`mccheck watch`: re-check a draft or folder every time a file in it is saved.

Polls file modification times and sizes (no extra dependency, works on network
drives and in containers where inotify does not), waits until a save has settled,
then re-runs the check and redraws a compact view: words against each limit and
the blocking findings. Word's lock and temp files never trigger a run.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import typer

from mccheck.cli import app
from mccheck.cli.common import FOLLOW_SYMLINKS
from mccheck.errors import MccheckError

Snapshot = dict[str, tuple[int, int]]  # relative path -> (mtime_ns, size)

POLL_SECONDS = 0.5
SETTLE_SECONDS = 0.3
MAX_SETTLES = 20
_MAX_ENTRIES = 20_000  # a watch on the wrong folder (a home directory) must not spin


def snapshot(path: Path) -> Snapshot:
    """Modification time and size of every watched file under ``path`` (or of ``path`` itself)."""
    path = Path(path)
    out: Snapshot = {}
    try:
        if not path.is_dir():
            st = path.stat()
            return {path.name: (st.st_mtime_ns, st.st_size)}
    except OSError:
        return {}
    from mccheck.discover import is_junk  # the same files discovery skips never trigger a run

    seen = 0
    for folder, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not is_junk(d))
        for name in files:
            if is_junk(name):
                continue
            seen += 1
            if seen > _MAX_ENTRIES:
                return out
            full = os.path.join(folder, name)
            try:
                st = os.stat(full)
            except OSError:
                continue  # deleted between the listing and the stat: the next poll sees it
            out[os.path.relpath(full, path)] = (st.st_mtime_ns, st.st_size)
    return out


def watch_loop(
    path: Path,
    run_once: Callable[[], object],
    interval: float = POLL_SECONDS,
    stop_after: int | None = None,
    on_report: Callable[[object], None] | None = None,
    settle: float = SETTLE_SECONDS,
    on_error: Callable[[MccheckError], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Run ``run_once`` now and again after every settled change under ``path``.

    ``stop_after``: return after that many polls (None: until interrupted). A change is
    run once the snapshot has stayed the same for ``settle`` seconds, so a save that
    writes a file in several steps gives one run. A MccheckError from ``run_once`` goes
    to ``on_error`` (the next save may fix it) and the loop goes on. Returns the number
    of runs.
    """
    on_report = on_report or (lambda report: None)

    def run(state: Snapshot) -> Snapshot:
        try:
            on_report(run_once())
        except MccheckError as e:
            if on_error is None:
                raise
            on_error(e)
        return state

    last = run(snapshot(path))
    runs = 1
    polls = 0
    while stop_after is None or polls < stop_after:
        sleep(interval)
        polls += 1
        current = snapshot(path)
        if current == last:
            continue
        # Debounce: wait until nothing changes for `settle` seconds (a file written
        # non-stop, such as a log, still gets a run every MAX_SETTLES waits).
        for _ in range(MAX_SETTLES):
            sleep(settle)
            again = snapshot(path)
            if again == current:
                break
            current = again
        last = run(current)
        runs += 1
    return runs


# -- the view ------------------------------------------------------------------------------


def _gauge(words: int, top: int, width: int = 16) -> str:
    filled = min(width, round(width * words / top)) if top else 0
    return "█" * filled + "░" * (width - filled)


def view(reports, target: Path, when: str = ""):
    """A compact rich renderable: for one submission its verdict, a gauge per section and the
    blocking findings; for a batch folder one line per submission."""
    from rich.console import Group
    from rich.text import Text

    from mccheck.safe_text import printable, printable_fields

    # Names and headings from the user's files are shown, never obeyed as terminal codes.
    reports, shown = printable_fields(list(reports)), printable(str(target))
    if len(reports) == 1:
        return _one_view(reports[0], shown, when)
    ready = sum(r.ready for r in reports)
    head = Text(f"{ready} of {len(reports)} submissions ready", style="bold green" if ready == len(reports) else "bold red")
    head.append(f"  {when} — watching {shown} (Ctrl-C to stop)", style="dim")
    lines = [head]
    for r in reports:
        line = Text("✓ " if r.ready else "✗ ", style="green" if r.ready else "red")
        line.append(r.paths[0] if r.paths else r.credential)
        if not r.ready:
            line.append(f"  {len(r.blocking)} blocking: {r.blocking[0].message}" if r.blocking else "", style="dim")
        lines.append(line)
    return Group(*lines)


def _one_view(report, target: str, when: str):
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    blocking = report.blocking
    head = Text()
    if report.ready:
        head.append("READY", style="bold green")
    else:
        head.append("NOT READY", style="bold red")
        head.append(f"  {len(blocking)} blocking")
    head.append(f"  {report.credential_title}", style="bold")
    head.append(f"  {when} — watching {target} (Ctrl-C to stop)", style="dim")

    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column("section", overflow="fold")
    table.add_column("words", justify="right")
    table.add_column("limit")
    table.add_column("gauge", no_wrap=True)
    styles = {"ok": "green", "over": "red", "under": "red", "missing": "red", "warning": "yellow"}
    for s in report.sections:
        style = styles.get(s.status, "dim")
        top = (s.limit.max or s.limit.min) if s.limit else None
        gauge = Text(_gauge(s.words, top), style=style) if top and s.present else Text(s.status, style=style)
        table.add_row(s.section_id, Text(str(s.words) if s.present else "—", style=style), s.limit.short() if s.limit else "", gauge)

    lines: list[Text | Table] = [head, table]
    shown = 12  # a live view must fit a terminal; the full list is `mccheck check`
    for f in blocking[:shown]:
        line = Text("✗ ", style="red")
        line.append(f.message)
        line.append(f"  → {f.next_step}", style="dim")
        lines.append(line)
    if len(blocking) > shown:
        lines.append(Text(f"… and {len(blocking) - shown} more: run `mccheck check {target}` for all", style="dim"))
    return Group(*lines)


@app.command()
def watch(
    path: Path = typer.Argument(..., help="A draft file or a submission folder.", show_default=False),
    credential: str | None = typer.Option(
        None, "--credential", "-c", help="Credential id or spec path (default: the folder's mccheck.yaml)."
    ),
    interval: float = typer.Option(POLL_SECONDS, "--interval", help="Seconds between looks at the files."),
    follow_symlinks: bool = FOLLOW_SYMLINKS,
) -> None:
    """Re-check a draft or folder every time you save, with a live view of word counts and blockers.

    Stop with Ctrl-C.
    """
    from datetime import datetime

    from rich.console import Console

    from mccheck.cli.check import check_all
    from mccheck.cli.common import load_credential_for
    from mccheck.discover import discover
    from mccheck.errors import InputError, UsageError
    from mccheck.safe_text import printable

    if interval <= 0:
        raise UsageError("--interval must be a positive number of seconds")
    if not path.exists():
        raise InputError(path, "does not exist: check the name and folder")

    # Fail fast on what a save cannot fix: no credential, an unknown id, a broken mccheck.yaml.
    load_credential_for(credential, discover([path], file_only=True, follow_symlinks=follow_symlinks)[0])

    def run_once():
        # The same submissions and checks as `mccheck check PATH` (the draft named, as named);
        # single=False: a file caught half-saved is a finding, and the next save fixes it.
        subs = discover([path], file_only=True, follow_symlinks=follow_symlinks)
        return check_all(subs, credential, jobs=1, single=False)

    console = Console(highlight=False)
    live_view = console.is_terminal and not os.environ.get("CI")

    def stamp() -> str:
        return datetime.now().strftime("%H:%M:%S")

    try:
        if live_view:
            from rich.live import Live
            from rich.text import Text

            with Live(Text(f"checking {printable(str(path))} …"), console=console, auto_refresh=False, transient=False) as live:
                watch_loop(
                    path,
                    run_once,
                    interval=interval,
                    on_report=lambda r: live.update(view(r, path, stamp()), refresh=True),
                    on_error=lambda e: live.update(Text(f"{stamp()} mccheck: {e.one_line()}", style="red"), refresh=True),
                )
        else:
            def show(report) -> None:
                console.rule(style="dim")
                console.print(view(report, path, stamp()))
                sys.stdout.flush()

            def show_error(e: MccheckError) -> None:
                console.print(f"{stamp()} mccheck: {e.one_line()}", markup=False, highlight=False)
                sys.stdout.flush()

            watch_loop(path, run_once, interval=interval, on_report=show, on_error=show_error)
    except KeyboardInterrupt:
        console.print("stopped watching", style="dim")
        raise typer.Exit(0) from None

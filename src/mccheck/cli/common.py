"""Helpers shared by the commands: option merging, credential resolution, output, progress."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import typer

from mccheck.errors import InputError, UsageError

FORMAT_HELP = "Output: terminal (default), json, markdown, junit, github, sarif, html."
PATHS_METAVAR = "PATHS..."  # typer's default reads "{paths}" or "<list[str]>", depending on its version


def complete_credential(incomplete: str) -> list[str]:
    """Shell completion: bundled credential ids starting with what was typed."""
    from mccheck.spec.catalog import bundled_ids

    return [cid for cid in bundled_ids() if cid.startswith(incomplete)]


def complete_check(incomplete: str) -> list[str]:
    """Shell completion: check ids starting with what was typed."""
    from mccheck.checks import CHECKS

    return [cid for cid in CHECKS if cid.startswith(incomplete)]


def make_console():
    """A rich Console on stdout for text meant for a person: coloured and wrapped to the screen
    only at a terminal (NO_COLOR, FORCE_COLOR and TERM=dumb honoured); whole lines elsewhere."""
    import sys

    from rich.console import Console

    from mccheck.formatters.terminal import UNWRAPPED, use_color

    tty = sys.stdout.isatty()
    color = use_color(tty)
    return Console(
        highlight=False, force_terminal=color, no_color=not color, color_system="standard" if color else None,
        width=None if tty else UNWRAPPED,
    )


def status(message: str) -> None:
    """A line for the person running mccheck (never data): standard error, so pipes stay clean."""
    import sys

    print(message, file=sys.stderr)

# One definition for every command that discovers submission folders.
FOLLOW_SYMLINKS = typer.Option(
    False, "--follow-symlinks", help="Also read files that links in a submission folder point to outside it."
)


TIMEOUT_HELP = "Seconds allowed to read one file (default 120)."


def read_limits(max_file_size_mb: float | None, timeout: float | None = None):
    from dataclasses import replace

    from mccheck.readers.limits import DEFAULT_LIMITS, MB

    limits = DEFAULT_LIMITS
    if max_file_size_mb is not None:
        if not max_file_size_mb > 0:  # also refuses NaN
            raise UsageError("--max-file-size must be a positive number of megabytes")
        size = int(max_file_size_mb * MB)
        # One option sets both: the size of any file, and of a text file's decoded content.
        limits = replace(limits, max_file_bytes=size, max_text_bytes=size)
    if timeout is not None:
        if not 0 < timeout < 1e6:  # also refuses NaN and inf
            raise UsageError("--timeout must be a positive number of seconds")
        limits = replace(limits, seconds=timeout)
    return limits


def load_credential_for(credential: str | None, submission):
    """The --credential option wins; else the folder's mccheck.yaml must name one."""
    from mccheck.spec.catalog import resolve

    if credential:
        return resolve(credential)
    config = getattr(submission, "config", None)
    if config is not None and config.credential:
        return resolve(config.credential)
    where = submission.root if getattr(submission, "is_folder", True) else submission.files[0]
    raise UsageError(
        f"{where}: which credential? Pass --credential ID (see `mccheck list`) "
        "or add an mccheck.yaml with `credential: ID` to the folder"
    )


def policy_for(submission, ignore=(), only=(), identity=(), counter=None, fail_on=None):
    """The command line's options merged with the submission's mccheck.yaml (the command line wins)."""
    from mccheck.context import Policy
    from mccheck.counting import get_counter

    config = getattr(submission, "config", None)
    chosen_counter = counter or (config.counter if config and config.counter else "word")
    get_counter(chosen_counter)  # validates the name with a did-you-mean
    return Policy(
        counter=chosen_counter,
        identities=tuple(identity) + tuple(config.identity if config else ()),
        ignore=frozenset(ignore) | frozenset(config.ignore if config else ()),
        only=frozenset(only) or frozenset(config.only if config else ()),
        fail_on=fail_on or (config.fail_on if config and config.fail_on else "error"),
        sections=config.section_map if config else {},
        levels=dict(config.levels) if config else {},
    )


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(path, f"cannot be written: folder {directory} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            # mkstemp makes 0600 files: a shared 0644 report.html must stay readable by others.
            if hasattr(os, "fchmod"):  # not on Windows, where files have no such mode
                os.fchmod(handle.fileno(), mode)
        os.replace(tmp, path)
    except BaseException as e:  # any failure, Ctrl-C included: leave no temporary file behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise InputError(path, f"cannot be written ({e.strerror or e})") from e
        raise


def _mode_for(path: Path) -> int:
    """An existing file keeps its mode; a new one gets what open() would give it (0644 under umask 022)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def progress(show: bool, total: int, label: str) -> Iterator:
    """A progress bar on stderr when a person is watching; a no-op otherwise."""
    if not show or total < 2:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)


# A document shorter than this reads too fast for a bar to be worth drawing.
_LONG_DOCUMENT_PAGES = 20


@contextlib.contextmanager
def page_progress(show: bool) -> Iterator[None]:
    """While reading in this process, draw a bar for any long PDF ("reading binder.pdf 120/300")."""
    if not show:
        yield
        return
    from pathlib import Path as _Path

    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

    from mccheck.readers.progress import listening
    from mccheck.safe_text import printable

    tasks: dict[str, TaskID] = {}
    with Progress(
        TextColumn("reading {task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    ) as bar:

        def update(path: str, done: int, total: int) -> None:
            if total < _LONG_DOCUMENT_PAGES:
                return
            if path not in tasks:
                tasks[path] = bar.add_task(escape(printable(_Path(path).name)), total=total)
            bar.update(tasks[path], completed=done)

        with listening(update):
            yield

"""Helpers shared by the commands: option merging, credential resolution, output, progress."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import typer

from mccheck.errors import InputError, UsageError

FORMAT_HELP = "Output: terminal (default), json, markdown, junit, github, sarif, html."

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
    raise UsageError(
        f"{submission.root}: which credential? Pass --credential ID (see `mccheck list`) "
        "or add an mccheck.yaml with `credential: ID` to the folder"
    )


def check_options_for(submission, ignore, only, identity, counter, fail_on):
    from mccheck.context import CheckOptions
    from mccheck.counting import get_counter

    config = getattr(submission, "config", None)
    chosen_counter = counter or (config.counter if config and config.counter else "word")
    get_counter(chosen_counter)  # validates the name with a did-you-mean
    return CheckOptions(
        counter=chosen_counter,
        identities=tuple(identity) + tuple(config.identity if config else ()),
        ignore=frozenset(ignore) | frozenset(config.ignore if config else ()),
        only=frozenset(only) or frozenset(config.only if config else ()),
        fail_on=fail_on or (config.fail_on if config and config.fail_on else "error"),
        overrides=config.section_map if config else {},
    )


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(path, f"cannot be written: folder {directory} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException as e:  # any failure, Ctrl-C included: leave no temporary file behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise InputError(path, f"cannot be written ({e.strerror or e})") from e
        raise


@contextlib.contextmanager
def progress(show: bool, total: int, label: str) -> Iterator:
    """A progress bar on stderr when a person is watching; a no-op otherwise."""
    if not show or total < 2:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

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
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from mccheck.readers.progress import listening
    from mccheck.safe_text import printable

    tasks: dict[str, int] = {}
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

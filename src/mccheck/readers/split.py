"""A long PDF read by two worker processes at once (PDFium is not thread-safe: processes).

``isolated.py`` gives the first worker the whole file and a second worker the file's second
half of pages. Both open the file, count its pages and take the same ``first_share``: the
first worker reads the pages before it, the outline and builds the Document; the second
reads the pages after it, which the first collects with ``rest()`` (through this process's
parent). Without a helper (one core, a ``--jobs`` worker, no fork) one worker reads all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

SPLIT_PAGES = 40  # fewer pages read faster in one process than the hand-over costs
SPLIT_BYTES = 64 * 1024  # a smaller PDF is not worth asking a second worker to open

Collect = Callable[[], object]  # the second worker's pages, or None: read them here after all
_collect: Collect | None = None


def first_share(count: int) -> int:
    """Pages the first worker reads of a ``count``-page PDF when a second worker reads the rest."""
    return count // 2 if count >= SPLIT_PAGES else count


def pages_here(count: int) -> int:
    """Pages of ``count`` this process reads from the start; those after it come from ``rest()``."""
    return count if _collect is None else first_share(count)


def rest() -> list | None:
    """The pages the second worker read (its InputError raised here), or None if it did not."""
    assert _collect is not None
    value = _collect()
    if isinstance(value, BaseException):
        raise value
    return value  # type: ignore[return-value]


@contextmanager
def helped(collect: Collect) -> Iterator[None]:
    """While reading one file whose second half another worker reads: ``collect`` fetches it."""
    global _collect
    previous, _collect = _collect, collect
    try:
        yield
    finally:
        _collect = previous

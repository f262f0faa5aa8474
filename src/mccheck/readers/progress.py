"""Page-by-page progress of long reads, for a progress bar the CLI may draw.

Readers call ``pages_read``; nothing happens unless the CLI is ``listening`` (a person
is watching a terminal). Kept as a module-level hook so reader signatures stay simple.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[str, int, int], None]  # (file, pages done, pages in all)
_listener: Listener | None = None


def pages_read(path: object, done: int, total: int) -> None:
    if _listener is not None:
        _listener(str(path), done, total)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    global _listener
    previous, _listener = _listener, listener
    try:
        yield
    finally:
        _listener = previous

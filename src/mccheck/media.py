"""How long a recording is, read from its container header (MP4 / MOV / M4A), with no dependency.

An ISO base media file (MP4, MOV, M4A, 3GP) keeps its duration in the ``mvhd`` box inside
``moov``. Boxes are walked by their sizes, so a multi-gigabyte video costs a few reads.
Other formats (WebM, MP3, ...) give ``None``: their time stamps are then not checked.
"""

from __future__ import annotations

import struct
from pathlib import Path

MEDIA_SUFFIXES = frozenset({".mp4", ".m4v", ".mov", ".m4a", ".3gp", ".3g2"})
_MAX_BOXES = 10_000  # a hostile file cannot make us walk forever


def duration_seconds(path: str | Path) -> float | None:
    """The duration of an MP4-family recording in seconds, or None when unknown."""
    if Path(path).suffix.lower() not in MEDIA_SUFFIXES:
        return None
    try:
        with open(path, "rb") as f:
            size = f.seek(0, 2)
            moov = _find(f, 0, size, b"moov")
            if moov is None:
                return None
            mvhd = _find(f, moov[0], moov[1], b"mvhd")
            if mvhd is None:
                return None
            f.seek(mvhd[0])
            head = f.read(32)
    except OSError:
        return None
    if len(head) < 20:
        return None
    version = head[0]
    if version == 1 and len(head) >= 32:
        timescale, duration = struct.unpack(">IQ", head[20:32])
    else:
        timescale, duration = struct.unpack(">II", head[12:20])
    if not timescale:
        return None
    return duration / timescale


def _find(f, start: int, end: int, kind: bytes) -> tuple[int, int] | None:
    """(payload start, payload end) of the first box of ``kind`` between start and end."""
    pos = start
    for _ in range(_MAX_BOXES):
        if pos + 8 > end:
            return None
        f.seek(pos)
        header = f.read(16)
        if len(header) < 8:
            return None
        size, name = struct.unpack(">I4s", header[:8])
        offset = 8
        if size == 1:
            if len(header) < 16:
                return None
            size = struct.unpack(">Q", header[8:16])[0]
            offset = 16
        elif size == 0:
            size = end - pos  # the box runs to the end of its parent
        if size < offset:
            return None
        if name == kind:
            return pos + offset, min(pos + size, end)
        pos += size
    return None


def clock(seconds: float) -> str:
    """ "22:10", "1:02:33": how a player shows a time."""
    total = int(round(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"

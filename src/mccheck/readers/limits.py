"""Resource limits every reader honours, so a hostile file cannot exhaust the machine."""

from __future__ import annotations

import time
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadLimits:
    max_file_bytes: int = 100 * MB  # raise with --max-file-size
    max_text_bytes: int = 20 * MB  # markdown / plain text files
    max_uncompressed_bytes: int = 300 * MB  # sum over a docx's zip entries
    max_zip_entries: int = 5000
    max_compression_ratio: int = 200  # per zip entry, above a few kB
    max_pages: int = 5000
    seconds: float = 120.0  # per-file time budget
    max_memory_bytes: int = 1024 * MB  # per file, above what the reading worker starts with

    def deadline(self) -> float:
        return time.monotonic() + self.seconds


DEFAULT_LIMITS = ReadLimits()

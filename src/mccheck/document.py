"""The document model every reader produces.

A Document is an ordered tuple of Blocks. Readers keep text that must not be
counted (headers, footers, footnotes, comments) as blocks with ``counted=False``
so checks such as identifying-info can still see it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table", "quote"]

# Where uncounted text came from; "" for ordinary body text.
Origin = Literal["", "header", "footer", "footnote", "endnote", "comment", "textbox", "prompt", "placeholder"]


@dataclass(frozen=True, slots=True)
class Location:
    """1-based position: page for PDF, paragraph number (``line``) for docx, line for markdown."""

    file: str
    page: int | None = None
    line: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            # A .docx has no lines: readers number its paragraphs instead.
            unit = "paragraph" if self.file.lower().endswith(".docx") else "line"
            parts.append(f"{unit} {self.line}")
        return ", ".join(parts) if len(parts) > 1 else self.file

    def to_dict(self) -> dict:
        return {"file": self.file, "page": self.page, "line": self.line}


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of content. For tables ``rows`` holds cell text and ``text`` their join."""

    kind: BlockKind
    text: str
    loc: Location
    level: int = 0  # heading level 1-9; list nesting depth; 0 otherwise
    rows: tuple[tuple[str, ...], ...] = ()
    counted: bool = True
    origin: Origin = ""


@dataclass(frozen=True, slots=True)
class Note:
    """Something a reader noticed that the report should mention (scanned page, footnotes...)."""

    code: str  # e.g. "scanned-pdf", "footnotes", "tracked-changes"
    severity: Literal["error", "warning", "info"]
    message: str
    loc: Location | None = None


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...] = ()
    pages: int | None = None  # PDF page count; None for flowing formats
    suppressed: frozenset[str] = field(default_factory=frozenset)  # check ids disabled in-file

    @property
    def counted_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.counted)

"""The document model every reader produces.

A Document is an ordered tuple of Blocks. Readers keep text that must not be
counted (headers, footers, footnotes, comments, front matter) as blocks with
``counted=False`` so checks such as identifying-info can still see it.

Readers report what the file says, not what it means: ``kind="heading"`` only for
a heading the file declares (a heading style or outline level, markdown ``#`` or
setext, a PDF bookmark), and ``Style`` for everything a layout decision needs
(bold, italic, size, caps, indent, automatic numbering). Whether a bold line is a
section heading, a sub-heading or a copied question is decided once, in
``mccheck.analysis``, from these features.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table", "quote"]

# Where uncounted text came from; "" for ordinary body text.
Origin = Literal[
    "", "header", "footer", "footnote", "endnote", "comment", "textbox", "prompt", "placeholder", "frontmatter"
]


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
class Style:
    """How a block looks in its file. Readers fill what their format knows; the rest stays default.

    ``outline`` is the heading level the file itself declares (a heading style or outline
    level, markdown ``#``/setext, a PDF bookmark), 0 when it declares none. ``bold``,
    ``italic`` and ``caps`` mean the whole text (every run with letters) is shown so.
    ``size`` is the font size in points (0: unknown). ``indent`` is the left indent in
    points (PDF: the first line's x minus the page body's left edge). ``number`` is what a
    word processor shows before the text but does not store in it (Word's automatic
    "1.", "a)", "Part 2:" or a bullet "•"). ``name`` is the style or markup that produced
    the block: a docx style name ("Heading 2", "Quote"), markdown's "atx", "setext",
    "blockquote", "bold-line"; a PDF line's font name.
    """

    name: str = ""
    outline: int = 0
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False
    size: float = 0.0
    indent: float = 0.0
    number: str = ""


PLAIN = Style()


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of content. For tables ``rows`` holds cell text and ``text`` their join.

    ``run_in``: the block continues the paragraph of the block before it; a reader split
    the paragraph where its emphasis changed ("**Question 2.** Our school..." gives a bold
    block and a run-in block). ``head``: how many leading ``rows`` the file marks as header
    rows (a markdown table's first row, Word's repeated header rows).
    """

    kind: BlockKind
    text: str
    loc: Location
    level: int = 0  # heading level 1-9; list nesting depth; 0 otherwise
    rows: tuple[tuple[str, ...], ...] = ()
    counted: bool = True
    origin: Origin = ""
    style: Style = PLAIN
    run_in: bool = False
    head: int = 0


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
    engine: str = ""  # the library that read the text, with its version ("pdfium 8149"); PDF only

    @property
    def counted_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.counted)

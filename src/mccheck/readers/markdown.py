"""Markdown reader: markdown-it tokens → Blocks with the features a layout decision needs.

The encoding rule and size limits are ``textfile``'s, shared with the plain-text reader.

Block rules (readers report what the file says; ``mccheck.analysis`` decides what it means):
  * ATX and setext headings → ``heading``, ``style.outline`` = level, ``style.name``
    "atx" or "setext".
  * Paragraphs → ``paragraph`` with ``style.bold``/``italic``/``caps`` when every word is
    so; a paragraph that is all bold is named "bold-line", all italic "italic-line".
  * A paragraph that opens with a bold or italic lead splits in two (``emphasis.lead_end``):
    the lead and the rest. When the lead ends in ":", "?" or "." on the same line
    ("**Question 3.** We...") the rest is ``run_in``; when the lead fills its own source
    line the rest starts on the next line and is not. An ALL-CAPS first line followed by
    more lines splits off the same way (named "line").
  * List items → ``list_item``; level is the nesting depth (1 = top level); text is the
    item's own paragraphs; nested items are blocks of their own, after their parent.
    ``style.number`` is the number the list shows ("3." or "3)"), "•" for bullets; a
    bold lead in the item's first paragraph splits as in a paragraph.
  * Tables → ``table``: ``rows`` of cell text, ``text`` = cells joined by tabs, rows by
    newlines, ``head=1`` (markdown tables always have a header row).
  * Anything inside a blockquote → ``quote`` named "blockquote" (one per paragraph,
    heading or list item); level is the quote depth.
  * Fenced code (```` ``` ````/``~~~``) is not prose: an uncounted paragraph. Indented code
    blocks are switched off, because in drafts an indented line is a first-line
    paragraph indent, not code.
  * ``<!-- mccheck-disable ID [ID...] -->`` adds ids to ``Document.suppressed``; other
    HTML comments become uncounted ``comment`` blocks (names hidden there still reach the
    identifying-info check). Other raw HTML keeps its text, tags dropped.
  * Inline markup is stripped: emphasis markers go, link text stays, autolink URLs
    stay as text, images (alt text included) are dropped, inline code keeps its text.
  * YAML front matter (``---`` … ``---`` at the top) is one uncounted block with
    ``origin="frontmatter"``.

Hostile-input guards (the parser is pure Python, so these bound time and memory):
nesting is capped at ``MAX_NESTING`` (deeper text is dropped with a warning note),
files with more than ``textfile.MAX_LINES`` lines or ``MAX_TABLE_PIPES`` "|" characters
are refused, a line with more than ``MAX_TABLE_COLUMNS`` "|" switches tables off, and inline
markup is parsed only while a per-file budget of markup characters lasts; beyond it the
text is kept as written, with a warning note.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from mccheck.document import Block, BlockKind, Document, Location, Note, Style
from mccheck.errors import InputError
from mccheck.readers import html_table, pandoc_tables
from mccheck.readers.emphasis import Look, RunProps, lead_end, look
from mccheck.readers.limits import DEFAULT_LIMITS, ReadLimits
from mccheck.readers.textfile import read_text, text_of

MAX_NESTING = 50  # markdown-it container levels; a list item costs two
MAX_TABLE_PIPES = 50_000
MAX_TABLE_COLUMNS = 200
# Measured (Python 3.11): markdown-it's inline parser spends ~2 µs per "terminator"
# character, ~8 µs per emphasis delimiter and 25-80 µs per "[". Weighted that way, the
# budget bounds a file's inline work to about 2.5 s; a 10,000-word draft uses ~1% of it.
INLINE_BUDGET = 1_000_000
_TERMINATORS = "!#$%&*+-:<=>@[\\]^_`{}~"

_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_DISABLE = re.compile(r"\s*mccheck-disable\b(.*)", re.S)
_TAG = re.compile(r"<[^>]*>")
_BR = re.compile(r"<br\s*/?>", re.I)
_SPACES = re.compile(r"[ \t]{2,}")
_FRONT_KEY = re.compile(r"[A-Za-z_][\w-]*\s*:")
_CONTAINERS = ("blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open")
BULLET = "\u2022"
# The formatting of a text span, by (inside strong, inside emphasis).
_MARKS = {(b, i): RunProps(b, i) for b in (False, True) for i in (False, True)}

_parsers: dict[bool, object] = {}


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read a .md/.markdown file into a Document; every failure is an InputError."""
    path = Path(path)
    text, notes = read_text(path, limits)
    return _parse_text(path, text, notes)


def from_bytes(data: bytes, path: Path) -> Document:
    """Read markdown text that is already in memory (standard input), named ``path``."""
    text, notes = text_of(data, path)
    return _parse_text(path, text, notes)


def _parse_text(path: Path, text: str, notes: list) -> Document:
    try:
        return _parse(path, text, notes)
    except (RecursionError, MemoryError) as e:
        raise InputError(path, "is too deeply nested or too large to read as text") from e


def _parser(tables: bool):
    """One MarkdownIt per configuration, built on first use (the import costs ~20 ms)."""
    md = _parsers.get(tables)
    if md is None:
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).disable("code")
        if tables:
            md.enable("table")
        # Inline parsing is done per block in _Walker so that it can be budgeted.
        md.core.ruler.disable(["inline", "text_join"])
        _parsers[tables] = md
    return md


def _parse(path: Path, text: str, notes: list[Note]) -> Document:
    file = str(path)
    pipes = text.count("|")
    if pipes > MAX_TABLE_PIPES:
        raise InputError(
            path, f"has {pipes:,} '|' characters, above the {MAX_TABLE_PIPES:,} limit: is it really a draft?"
        )
    tables = pipes <= MAX_TABLE_COLUMNS or not any(
        line.count("|") > MAX_TABLE_COLUMNS for line in text.splitlines()
    )
    if not tables:
        notes.append(
            Note("table-columns", "warning",
                 f"a line has more than {MAX_TABLE_COLUMNS} '|' characters; tables were read as plain text",
                 Location(file))
        )
    front: Block | None = None
    if path.suffix.lower() in (".md", ".markdown"):
        text, front = _front_matter(text, file)
    text = pandoc_tables.rewrite(text)  # pandoc's grid and multiline tables, as HTML tables
    md = _parser(tables)
    env: dict = {}
    tokens = md.parse(text, env)
    walker = _Walker(file, md, env)
    if front is not None:
        walker.blocks.append(front)
    walker.walk(tokens)
    return Document(
        path=file,
        blocks=tuple(b for b in walker.blocks if b is not None),
        notes=tuple(notes) + tuple(walker.notes),
        suppressed=frozenset(walker.suppressed),
    )


def _front_matter(text: str, file: str) -> tuple[str, Block | None]:
    """Blank out YAML front matter (keeping line numbers) and return it as an uncounted block."""
    if not text.startswith("---"):
        return text, None
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return text, None
    for end in range(1, min(len(lines), 200)):
        if lines[end].rstrip() in ("---", "..."):
            body = [ln for ln in lines[1:end] if ln.strip()]
            if not body or not _FRONT_KEY.match(body[0]):
                return text, None
            block = Block("paragraph", "\n".join(lines[1:end]).strip(), Location(file, line=1),
                          counted=False, origin="frontmatter")
            return "\n" * (end + 1) + "\n".join(lines[end + 1 :]), block
    return text, None


def _markup_cost(s: str) -> int:
    terminators = sum(s.count(c) for c in _TERMINATORS)
    return terminators + 39 * s.count("[") + 9 * (s.count("*") + s.count("_"))


@dataclass
class _Item:
    slot: int
    line: int
    level: int
    quote: int
    number: str
    parts: list[str] = field(default_factory=list)
    look: Look = Look()
    lead: _Part | None = None  # a bold lead split off the item's first paragraph,
    rest: _Part | None = None  # and what followed it


@dataclass(slots=True)
class _Spans:
    """One inline token's text as runs (text with its emphasis), line breaks as "\\n" runs."""

    runs: list[tuple[str, RunProps | None]]
    soft: list[int]  # which runs are soft line breaks: shown as spaces

    def raw(self) -> str:
        return "".join(t for t, _ in self.runs)

    def shown(self) -> str:
        """The text as it reads, softly wrapped lines joined with spaces (same length as raw)."""
        parts = [t for t, _ in self.runs]
        for i in self.soft:
            parts[i] = " "
        return "".join(parts)


@dataclass(frozen=True, slots=True)
class _Part:
    """A block's worth of a paragraph: its text, look, style name, and where it starts."""

    text: str
    look: Look
    name: str
    run_in: bool = False
    lines_down: int = 0  # source lines below the paragraph's first line


class _Walker:
    """Turns the block token stream into Blocks, keeping per-document state."""

    def __init__(self, file: str, md, env: dict):
        self.file = file
        self.md = md
        self.env = env
        self.blocks: list[Block | None] = []
        self.notes: list[Note] = []
        self.suppressed: set[str] = set()
        self.budget = INLINE_BUDGET
        self.budget_noted = False
        self.deep_noted = False

    def loc(self, line: int | None) -> Location:
        return Location(self.file, line=line)

    # -- inline ----------------------------------------------------------------------
    def inline(self, content: str, line: int | None) -> list | None:
        """Inline tokens for ``content``, or None when the markup budget is spent."""
        cost = _markup_cost(content)
        if cost > self.budget:  # this passage only: smaller ones may still fit
            if not self.budget_noted:
                self.budget_noted = True
                self.notes.append(
                    Note("markup-not-parsed", "warning",
                         "very long or markup-heavy text was read as written, without removing "
                         "formatting characters; they may be counted as words",
                         self.loc(line))
                )
            return None
        self.budget -= cost
        children: list = []
        self.md.inline.parse(content, self.md, self.env, children)
        return children

    def spans(self, token) -> _Spans:
        """An inline token's text with the emphasis of each span (markers stripped)."""
        line = token.map[0] + 1 if token.map else None
        children = self.inline(token.content, line)
        if children is None:
            return _Spans([(token.content, None)], [])
        runs: list[tuple[str, RunProps | None]] = []
        soft: list[int] = []
        strong = em = 0
        for t in children:
            kind = t.type
            if kind in ("text", "text_special", "code_inline"):
                runs.append((t.content, _MARKS[strong > 0, em > 0]))
            elif kind == "strong_open":
                strong += 1
            elif kind == "strong_close":
                strong -= 1
            elif kind == "em_open":
                em += 1
            elif kind == "em_close":
                em -= 1
            elif kind == "softbreak":
                soft.append(len(runs))
                runs.append(("\n", None))
            elif kind == "hardbreak":
                runs.append(("\n", None))
            elif kind == "html_inline":
                if _BR.fullmatch(t.content.strip()):
                    runs.append((" ", None))
                else:
                    self.comments(t.content, line, keep=False)
            # link and image tokens add nothing: images' alt text is not counted
        return _Spans(runs, soft)

    def text_of(self, token) -> str:
        return _clean(self.spans(token).shown())

    def comments(self, raw: str, line: int | None, keep: bool) -> None:
        """Record mccheck-disable ids; keep other comments as uncounted blocks if ``keep``."""
        for m in _COMMENT.finditer(raw):
            body = m.group(1)
            d = _DISABLE.match(body)
            if d:
                ids = [i for i in re.split(r"[\s,]+", d.group(1)) if i]
                if ids:
                    self.suppressed.update(ids)
                else:
                    self.notes.append(
                        Note("suppression", "warning",
                             "a mccheck-disable comment names no check ids, so it has no effect",
                             self.loc(line))
                    )
            elif keep and body.strip():
                self.blocks.append(
                    Block("paragraph", body.strip(), self.loc(line), counted=False, origin="comment")
                )

    # -- blocks ----------------------------------------------------------------------
    def walk(self, tokens: list) -> None:
        quote = 0
        lists = 0
        items: list[_Item] = []
        table: list[list[str]] | None = None
        table_line = 0
        heading: tuple[int, str] | None = None  # level and markup of the heading whose text comes next
        parent = ""  # type of the token before an inline token
        for tok in tokens:
            kind = tok.type
            line = tok.map[0] + 1 if tok.map else None
            if kind in _CONTAINERS and tok.level >= MAX_NESTING - 1 and not self.deep_noted:
                self.deep_noted = True
                self.notes.append(
                    Note("too-deep", "warning",
                         f"lists or quotes are nested too deeply; text more than {MAX_NESTING // 2} "
                         "levels in was not read",
                         self.loc(line))
                )
            if kind == "blockquote_open":
                quote += 1
            elif kind == "blockquote_close":
                quote -= 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                lists += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists -= 1
            elif kind == "list_item_open":
                number = tok.info + tok.markup if tok.info else BULLET  # info: an ordered item's number
                items.append(_Item(len(self.blocks), line or 0, lists, quote, number))
                self.blocks.append(None)  # filled in at list_item_close, before nested items
            elif kind == "list_item_close":
                self.close_item(items.pop())
            elif kind == "heading_open":
                heading = int(tok.tag[1:]), "atx" if tok.markup.startswith("#") else "setext"
            elif kind == "table_open":
                table, table_line = [], line or 0
            elif kind == "tr_open" and table is not None:
                table.append([])
            elif kind == "table_close" and table is not None:
                rows = tuple(tuple(r) for r in table)
                self.blocks.append(
                    Block("quote" if quote else "table", "\n".join("\t".join(r) for r in rows),
                          self.loc(table_line), level=quote, rows=rows, head=1 if rows else 0)
                )
                table = None
            elif kind == "fence":
                code = tok.content.rstrip("\n")
                if code.strip():
                    self.blocks.append(Block("paragraph", code, self.loc(line), counted=False,
                                             style=Style(name="fence")))
            elif kind == "html_block":
                self.html_block(tok.content, line)
            elif kind == "inline":
                if parent in ("th_open", "td_open") and table is not None:
                    table[-1].append(self.text_of(tok))
                elif items and items[-1].quote == quote:
                    self.item_text(items[-1], self.spans(tok))
                elif quote:
                    self.whole(self.spans(tok), "quote", line, quote, "blockquote")
                elif heading:
                    level, markup = heading
                    self.whole(self.spans(tok), "heading", line, level, markup, outline=level)
                else:
                    self.paragraph(self.spans(tok), line)
                heading = None
            parent = kind

    def html_block(self, content: str, line: int | None) -> None:
        self.comments(content, line, keep=True)
        rest = _COMMENT.sub(" ", content)
        if "<table" in rest.lower():
            # A table markdown cannot hold (pandoc writes a Word form so): its rows and cells.
            found, rest = html_table.tables(rest)
            for t in found:
                self.blocks.append(Block("table", "\n".join("\t".join(r) for r in t.rows), self.loc(line),
                                         rows=tuple(t.rows), head=t.head))
        text = " ".join(html.unescape(_TAG.sub(" ", _BR.sub(" ", rest))).split())
        if text:
            self.blocks.append(Block("paragraph", text, self.loc(line)))

    def whole(self, spans: _Spans, kind: BlockKind, line: int | None, level: int, name: str,
              outline: int = 0) -> None:
        """One block for all of an inline token (headings, quotes): no split."""
        text = _clean(spans.shown())
        if text:
            self.blocks.append(Block(kind, text, self.loc(line), level=level,
                                     style=_style(look(spans.runs), name, outline)))

    def paragraph(self, spans: _Spans, line: int | None) -> None:
        for part in _split(spans):
            here = line + part.lines_down if line is not None else None
            self.blocks.append(Block("paragraph", part.text, self.loc(here), run_in=part.run_in,
                                     style=_style(part.look, part.name)))

    def item_text(self, item: _Item, spans: _Spans) -> None:
        """Add one paragraph of a list item; the first may open with a lead."""
        if item.parts:
            text = _clean(spans.shown())
            if text:
                item.parts.append(text)
            return
        parts = _split(spans)
        if len(parts) == 2:
            item.lead, item.rest = parts
        if parts:
            item.parts.append(parts[-1].text)
            item.look = parts[-1].look

    def close_item(self, item: _Item) -> None:
        if not item.parts:
            return
        kind: BlockKind = "quote" if item.quote else "list_item"
        level = item.quote or item.level
        text = "\n".join(item.parts)
        if item.lead is None or item.rest is None:
            self.blocks[item.slot] = Block(kind, text, self.loc(item.line), level=level,
                                           style=_style(item.look, _line_name(item.look), number=item.number))
            return
        lead, rest = item.lead, item.rest
        self.blocks[item.slot] = Block(kind, lead.text, self.loc(item.line), level=level,
                                       style=_style(lead.look, lead.name, number=item.number))
        # Right after the lead, before the item's nested items (already closed, so no open
        # slot moves); the shift is only over those nested items.
        self.blocks.insert(item.slot + 1, Block(
            kind, text, self.loc(item.line + rest.lines_down), level=level, run_in=rest.run_in,
            style=_style(item.look, rest.name)))


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _style(features: Look, name: str, outline: int = 0, number: str = "") -> Style:
    return Style(name=name, outline=outline, bold=features.bold, italic=features.italic,
                 underline=features.underline, caps=features.caps, number=number)


def _line_name(features: Look) -> str:
    return "bold-line" if features.bold else "italic-line" if features.italic else ""


def _split(spans: _Spans) -> list[_Part]:
    """A paragraph as one part, or as its lead and the rest (see the module docstring)."""
    runs = spans.runs
    raw, shown = spans.raw(), spans.shown()
    cut = lead_end(runs)
    if cut is not None:
        end, count = cut
        start = len(raw) - len(raw[end:].lstrip())  # where the rest's first word starts
        own_line = "\n" in raw[end:start]
        lead_look = look(runs[:count])
        return [
            _Part(_clean(shown[:end]), lead_look, _line_name(lead_look)),
            _Part(_clean(shown[end:]), look(runs[count:]), "", not own_line, raw.count("\n", 0, start)),
        ]
    brk = next((i for i, (t, props) in enumerate(runs) if props is None and t == "\n"), None)
    if brk is not None:
        first, rest = runs[:brk], runs[brk + 1:]
        first_look, rest_look = look(first), look(rest)
        if first_look.caps and not rest_look.caps and any(t.strip() for t, _ in rest):
            end = sum(len(t) for t, _ in first)
            return [_Part(_clean(shown[:end]), first_look, "line"),
                    _Part(_clean(shown[end:]), rest_look, _line_name(rest_look), False, 1)]
    features = look(runs)
    text = _clean(shown)
    return [_Part(text, features, _line_name(features))] if text else []

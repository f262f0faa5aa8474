"""Markdown and plain-text reader: markdown-it tokens → Blocks.

``.txt`` files go through the same parser; plain prose parses as paragraphs.

Encoding rule (first match wins):
  1. a byte-order mark: UTF-8, UTF-32 LE/BE or UTF-16 LE/BE;
  2. otherwise NUL bytes mean "not a text file" (an InputError);
  3. valid UTF-8;
  4. anything else is read as Windows-1252 (what Notepad and Word save as "ANSI" on
     Western systems), with an "encoding" warning note.

Block rules:
  * ATX and setext headings → ``heading`` with their level.
  * A top-level paragraph that is one bold span on one source line, at most
    ``BOLD_HEADING_MAX_CHARS`` characters and not ending in "." or "!" →
    ``heading`` at ``BOLD_HEADING_LEVEL`` (``**Artifact 4: Stakeholder Feedback**``).
    When such a line opens a paragraph (no blank line before the text under it),
    it is split off as the heading and the rest stays a paragraph.
  * List items → ``list_item``; level is the nesting depth (1 = top level); text is the
    item's own paragraphs; nested items are blocks of their own, after their parent.
  * Tables → ``table``: ``rows`` of cell text, ``text`` = cells joined by tabs, rows by
    newlines.
  * Anything inside a blockquote → ``quote`` (one per paragraph, heading or list item);
    level is the quote depth.
  * Fenced code (```` ``` ````/``~~~``) is not prose: an uncounted paragraph. Indented code
    blocks are switched off, because in drafts (and every ``.txt``) an indented line is
    a first-line paragraph indent, not code.
  * ``<!-- mccheck-disable ID [ID...] -->`` adds ids to ``Document.suppressed``; other
    HTML comments become uncounted ``comment`` blocks (names hidden there still reach the
    identifying-info check). Other raw HTML keeps its text, tags dropped.
  * Inline markup is stripped: emphasis markers go, link text stays, autolink URLs
    stay as text, images (alt text included) are dropped, inline code keeps its text.
  * YAML front matter (``---`` … ``---`` at the top of a .md file) is one uncounted block.

Hostile-input guards (the parser is pure Python, so these bound time and memory):
nesting is capped at ``MAX_NESTING`` (deeper text is dropped with a warning note),
files with more than ``MAX_LINES`` lines or ``MAX_TABLE_PIPES`` "|" characters are
refused, a line with more than ``MAX_TABLE_COLUMNS`` "|" switches tables off, and inline
markup is parsed only while a per-file budget of markup characters lasts; beyond it the
text is kept as written, with a warning note.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from mccheck.document import Block, Document, Location, Note
from mccheck.errors import InputError
from mccheck.readers import human_size
from mccheck.readers.limits import DEFAULT_LIMITS, ReadLimits

BOLD_HEADING_MAX_CHARS = 120
BOLD_HEADING_LEVEL = 3
MAX_NESTING = 50  # markdown-it container levels; a list item costs two
MAX_LINES = 50_000
MAX_TABLE_PIPES = 50_000
MAX_TABLE_COLUMNS = 200
# Measured (Python 3.11): markdown-it's inline parser spends ~2 µs per "terminator"
# character, ~8 µs per emphasis delimiter and 25-80 µs per "[". Weighted that way, the
# budget bounds a file's inline work to about 2.5 s; a 10,000-word draft uses ~1% of it.
INLINE_BUDGET = 1_000_000
_TERMINATORS = "!#$%&*+-:<=>@[\\]^_`{}~"

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_DISABLE = re.compile(r"\s*mccheck-disable\b(.*)", re.S)
_TAG = re.compile(r"<[^>]*>")
_BR = re.compile(r"<br\s*/?>", re.I)
_SPACES = re.compile(r"[ \t]{2,}")
_FRONT_KEY = re.compile(r"[A-Za-z_][\w-]*\s*:")
_CONTAINERS = ("blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open")

_parsers: dict[bool, object] = {}


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read a .md/.markdown/.txt file into a Document; every failure is an InputError."""
    path = Path(path)
    return from_bytes(_read_bytes(path, limits), path)


def from_bytes(data: bytes, path: Path) -> Document:
    """Read markdown text that is already in memory (standard input), named ``path``."""
    text, notes = decode(data, path)
    try:
        return _parse(path, text, notes)
    except (RecursionError, MemoryError) as e:
        raise InputError(path, "is too deeply nested or too large to read as text") from e


def decode(data: bytes, path: Path) -> tuple[str, list[Note]]:
    """Bytes → text by the module's encoding rule; returns the text and any notes."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as e:
                name = codec.upper().replace("-LE", " LE").replace("-BE", " BE")
                raise InputError(path, f"is damaged: it is marked {name} but is not valid {name}") from e
            if "\x00" in text:
                raise InputError(path, "contains NUL characters: is it really a text file?")
            return text, []
    if b"\x00" in data:
        raise InputError(
            path,
            "contains NUL bytes: is it really a text file? (if it is UTF-16 without a "
            "byte-order mark, save it as UTF-8)",
        )
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    note = Note(
        "encoding",
        "warning",
        f"{path.name} was not UTF-8; read as Windows-1252 — save it as UTF-8 to be sure",
        Location(str(path)),
    )
    # The five bytes Windows-1252 leaves undefined become U+FFFD rather than an error.
    return data.decode("cp1252", errors="replace"), [note]


def _read_bytes(path: Path, limits: ReadLimits) -> bytes:
    cap = limits.max_text_bytes
    try:
        size = path.stat().st_size
        if size > cap:
            raise InputError(path, _too_big(size, cap))
        with path.open("rb") as f:
            data = f.read(cap + 1)
    except OSError as e:
        raise InputError(path, f"cannot be read: {(e.strerror or str(e)).lower()}") from e
    if len(data) > cap:  # the file grew after stat, or is not a plain file
        raise InputError(path, _too_big(len(data), cap))
    return data


def _too_big(size: int, cap: int) -> str:
    have, limit = human_size(size, cap)
    return f"is {have} of text, above the {limit} limit for text files; raise it with --max-file-size"


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
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise InputError(
            path, f"has {lines:,} lines, above the {MAX_LINES:,}-line limit for text files: is it really a draft?"
        )
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
            block = Block("paragraph", "\n".join(lines[1:end]).strip(), Location(file, line=1), counted=False)
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
    parts: list[str] = field(default_factory=list)


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

    def plain(self, children: list, line: int | None) -> str:
        out: list[str] = []
        for t in children:
            kind = t.type
            if kind in ("text", "text_special", "code_inline"):
                out.append(t.content)
            elif kind == "softbreak":
                out.append(" ")
            elif kind == "hardbreak":
                out.append("\n")
            elif kind == "html_inline":
                if _BR.fullmatch(t.content.strip()):
                    out.append(" ")
                else:
                    self.comments(t.content, line, keep=False)
            # emphasis, link and image tokens add nothing: images' alt text is not counted
        return _SPACES.sub(" ", "".join(out)).strip()

    def text_of(self, token) -> str:
        line = token.map[0] + 1 if token.map else None
        children = self.inline(token.content, line)
        if children is None:
            return token.content.strip()
        return self.plain(children, line)

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
        pending_heading = 0  # level of the heading whose inline token comes next
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
                items.append(_Item(len(self.blocks), line or 0, lists, quote))
                self.blocks.append(None)  # filled in at list_item_close, before nested items
            elif kind == "list_item_close":
                item = items.pop()
                if item.parts:
                    self.blocks[item.slot] = Block(
                        "quote" if item.quote else "list_item",
                        "\n".join(item.parts),
                        self.loc(item.line),
                        level=item.quote or item.level,
                    )
            elif kind == "heading_open":
                pending_heading = int(tok.tag[1:])
            elif kind == "table_open":
                table, table_line = [], line or 0
            elif kind == "tr_open" and table is not None:
                table.append([])
            elif kind == "table_close" and table is not None:
                rows = tuple(tuple(r) for r in table)
                self.blocks.append(
                    Block("quote" if quote else "table", "\n".join("\t".join(r) for r in rows),
                          self.loc(table_line), level=quote, rows=rows)
                )
                table = None
            elif kind == "fence":
                code = tok.content.rstrip("\n")
                if code.strip():
                    self.blocks.append(Block("paragraph", code, self.loc(line), counted=False))
            elif kind == "html_block":
                self.html_block(tok.content, line)
            elif kind == "inline":
                if parent in ("th_open", "td_open") and table is not None:
                    table[-1].append(self.text_of(tok))
                elif items and items[-1].quote == quote:
                    text = self.text_of(tok)
                    if text:
                        items[-1].parts.append(text)
                elif quote:
                    text = self.text_of(tok)
                    if text:
                        self.blocks.append(Block("quote", text, self.loc(line), level=quote))
                elif pending_heading:
                    text = self.text_of(tok)
                    if text:
                        self.blocks.append(Block("heading", text, self.loc(line), level=pending_heading))
                else:
                    self.paragraph(tok, line)
                pending_heading = 0
            parent = kind

    def html_block(self, content: str, line: int | None) -> None:
        self.comments(content, line, keep=True)
        rest = _COMMENT.sub(" ", content)
        text = " ".join(html.unescape(_TAG.sub(" ", _BR.sub(" ", rest))).split())
        if text:
            self.blocks.append(Block("paragraph", text, self.loc(line)))

    def paragraph(self, tok, line: int | None) -> None:
        children = self.inline(tok.content, line)
        if children is None:
            text = tok.content.strip()
            if text:
                self.blocks.append(Block("paragraph", text, self.loc(line)))
            return
        split = _bold_first_line(children)
        if split is not None:
            head = self.plain(children[:split], line)
            if _heading_like(head):
                self.blocks.append(Block("heading", head, self.loc(line), level=BOLD_HEADING_LEVEL))
                rest = self.plain(children[split:], line)
                if rest:
                    nxt = line + 1 if line is not None else None
                    self.blocks.append(Block("paragraph", rest, self.loc(nxt)))
                return
        text = self.plain(children, line)
        if text:
            self.blocks.append(Block("paragraph", text, self.loc(line)))


def _bold_first_line(children: list) -> int | None:
    """Index just past a bold span that fills the first source line, else None."""
    depth = 0
    start = None
    for i, t in enumerate(children):
        if t.type == "text" and not t.content.strip() and depth == 0:
            continue
        if t.type == "strong_open":
            if depth == 0:
                if start is not None:
                    return None  # a second bold span on the line
                start = i
            depth += 1
        elif t.type == "strong_close":
            depth -= 1
        elif depth == 0:
            if t.type in ("softbreak", "hardbreak") and start is not None:
                return i
            return None  # text outside the bold span
        elif t.type in ("softbreak", "hardbreak"):
            return None  # the bold span runs over more than one line
    return len(children) if start is not None and depth == 0 else None


def _heading_like(text: str) -> bool:
    return 0 < len(text) <= BOLD_HEADING_MAX_CHARS and not text.endswith((".", "!"))

"""Lines → Blocks: paragraphs, list items, outline headings and tables, each with its Style.

The reader reports what the page shows and leaves the meaning to ``mccheck.analysis``: a
line is a heading only when an outline entry names it; every other line joins a paragraph,
list item or table block carrying its font features. Decisions (constants below):

* A new block starts at a bullet or list number, after an outline heading or a table, when
  the font size changes by more than half a point, when the text turns bold or italic or back
  (a bold question over its regular answer), at a typed number ("1.", "2.3", "IV."),
  when the text direction changes, when the text
  moves up (a new column or text box), when the gap between baselines exceeds ``GAP_FACTOR``
  (1.3) times the page's line pitch (measured in font sizes, so it scales with the line), or when the previous line is short
  (its right end under ``SHORT_LINE`` = 75% of the usual full line, or room left on it for the
  next line's first word: wrapped text never leaves that) and ends a sentence (. ? ! :), or is
  bold or italic and the next line starts with a capital or digit (a bold label over a bold
  question). Consecutive lines in one style join, so a heading wrapped over two lines is one
  block. A paragraph continues onto the next page when that page's first line starts with a
  lowercase letter or the last line ended in a hyphenated word.
* A line that starts in bold (or italic) and goes on in another style is cut where the style
  changes: the emphasised start ends the block, the rest starts a block marked ``run_in``.
* Lists: a line starting with a bullet (•, ◦, ▪, -, *, –, or a Symbol-font private-use glyph)
  or "1)", "(a)", "a." becomes a ``list_item``; a drawn bullet is dropped from its text (word
  processors do not count it) and kept as ``Style.number``.
* Style: ``name`` is the font of the block's first line, ``bold``/``italic`` are true when every
  line is, ``size`` is the first line's, ``caps`` when every letter is upper-case, ``indent``
  the first line's x minus the page body's left edge (the most common line start),
  ``outline`` the bookmark level of an outline heading.
* A block quote: a paragraph of two or more lines that all start at one x, indented from the
  body's left edge by ``QUOTE_INDENT`` (14 pt) up to ``QUOTE_MOST`` (35%) of a full line,
  and not right after a list item (whose own paragraphs are indented as far), is a ``quote``:
  how Word's indented paragraphs and a browser's <blockquote> print.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from mccheck.document import Block, BlockKind, Location, Origin, Style
from mccheck.readers.pdf.edges import norm_edge
from mccheck.readers.pdf.model import Line, PageText
from mccheck.readers.pdf import tables
from mccheck.readers.pdf.tables import Table
from mccheck.readers.pdf.text import SOFT_END, join_lines

SIZE_STEP = 0.5  # points: a larger change of font size starts a block
GAP_FACTOR = 1.3
PITCH = 1.2  # line pitch in font sizes where a page has too few lines to measure it
SHORT_LINE = 0.75
QUOTE_INDENT = 14.0  # points
QUOTE_MOST = 0.35  # of a full line: further in is another column, not a quote
ALIGNED = 2.0  # points: lines that start this close start at one x

_BULLET = re.compile(r"^(?:[•◦▪▫■□●○·‣⁃∙➢➤►✓✔\-*–]|\(?\d{1,2}\)|\(?[a-zA-Z]\)|[a-z]\.)\s+\S")
_GLYPH_BULLET = re.compile(r"^([•◦▪▫■□●○·‣⁃∙➢➤►✓✔\-*–])\s+")
_NUMBERED = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.|[IVX]{1,5}\.)\s+\S")
_SENTENCE_END = re.compile(r"[.?!:][\"'”’)\]]*$")


@dataclass(slots=True)
class Metrics:
    """Document-wide measures the block rules compare against."""

    body_size: float
    full_width: float  # points: the usual length of a full line
    pitch: float  # the usual baseline-to-baseline distance, in font sizes
    left: float  # the most common line start


def metrics(pages: Sequence[PageText | None], marks: Sequence[dict[int, Origin]]) -> Metrics:
    sizes: Counter[float] = Counter()
    starts: Counter[int] = Counter()
    widths: list[float] = []
    pitches: list[float] = []
    for page, mark in zip(pages, marks):
        if page is None:
            continue
        prev: Line | None = None
        for i, line in enumerate(page.lines):
            if i in mark or line.angle:
                continue
            if line.size:
                sizes[round(line.size, 1)] += len(line.text)
            if line.text.count(" ") >= 2 and not line.runs:  # table rows are not text lines
                widths.append(line.x1 - line.x0)
                starts[round(line.x0)] += 1
            if prev is not None and (p := _pitch(prev, line)) is not None:
                pitches.append(p)
            prev = line
    widths.sort()
    if len(widths) >= 5:
        full = widths[int(0.8 * (len(widths) - 1))]
    else:  # too few lines for a percentile: the longest line is the best guess at "full"
        full = widths[-1] if widths else 400.0
    return Metrics(
        sizes.most_common(1)[0][0] if sizes else 10.0,
        max(full, 1.0),
        statistics.median(pitches) if pitches else PITCH,
        float(starts.most_common(1)[0][0]) if starts else 0.0,
    )


def _pitch(prev: Line, line: Line) -> float | None:
    """Baseline distance, in font sizes, between two lines of the same size that follow each
    other normally (in font sizes: a page may mix 11-pt prose with an 8-pt table)."""
    if prev.y is None or line.y is None or not prev.size or not line.size or prev.angle != line.angle:
        return None
    if abs(prev.size - line.size) > SIZE_STEP:
        return None
    dy = prev.y - line.y
    return dy / line.size if 0.5 * line.size < dy < 2.5 * line.size else None


def _page_pitch(lines: Sequence[Line], fallback: float) -> float:
    pitches = [p for a, b in zip(lines, lines[1:]) if (p := _pitch(a, b)) is not None]
    # The smallest common pitch is the line pitch; paragraph gaps are larger.
    return statistics.median_low(pitches) if len(pitches) >= 3 else fallback


def _page_left(lines: Sequence[Line], full_width: float, fallback: float) -> float:
    """Where the page's body lines start: the commonest start of its long lines (table cells
    and short lines start anywhere)."""
    starts = Counter(round(line.x0) for line in lines
                     if not line.angle and not line.runs and line.x1 - line.x0 >= 0.5 * full_width)
    if sum(starts.values()) < 3:
        return fallback
    return float(starts.most_common(1)[0][0])


def line_style(line: Line) -> tuple[bool, bool]:
    """(bold, italic) of the whole line: every run with letters or digits is."""
    if not line.runs:
        return line.font.bold, line.font.italic
    runs = [r for r in line.runs if any(ch.isalnum() for ch in r.text)] or list(line.runs)
    return all(r.font.bold for r in runs), all(r.font.italic for r in runs)


# ---------------------------------------------------------------------------- building


@dataclass(slots=True)
class _Open:
    kind: BlockKind
    lines: list[str]
    loc: Location
    first: Line
    indent: float
    style: tuple[bool, bool]
    level: int = 0
    number: str = ""
    run_in: bool = False
    counted: bool = True  # False when it starts on a page whose text cannot be decoded
    starts: list[float] = field(default_factory=list)  # each line's x minus the body's left edge


@dataclass(slots=True)
class Builder:
    """Collects a document's blocks page by page; ``counted`` is False on unreadable pages."""

    file: str
    metrics: Metrics
    blocks: list[Block] = field(default_factory=list)
    open: _Open | None = None
    pending: list[Block] = field(default_factory=list)  # uncounted edge blocks awaiting a flush
    counted: bool = True
    seen_edges: set[str] = field(default_factory=set)
    tail: tuple[int, tuple[tuple[float, float], ...]] | None = None  # a table ending the last page
    known: Callable[[], tables.Lexicon] | None = None  # the document's words (tables broken by letters)

    def flush(self) -> None:
        block = self.open
        if block is not None:
            text = join_lines(block.lines)
            if text:
                bold, italic = block.style
                first = block.first
                style = Style(
                    name=first.font.name, outline=block.level if block.kind == "heading" else 0,
                    bold=bold, italic=italic, caps=_caps(text), size=round(first.size or 0.0, 1),
                    indent=round(block.indent, 1), number=block.number,
                )
                kind = "quote" if self._indented_throughout(block) else block.kind
                self.blocks.append(Block(kind, text, block.loc, level=block.level,
                                         counted=block.counted, style=style, run_in=block.run_in))
            self.open = None
        self.blocks.extend(self.pending)
        self.pending.clear()

    def start(self, kind: BlockKind, text: str, loc: Location, line: Line, indent: float,
              style: tuple[bool, bool], level: int = 0, number: str = "", run_in: bool = False) -> None:
        self.flush()
        self.tail = None
        self.open = _Open(kind, [text], loc, line, indent, style, level, number, run_in, self.counted, [indent])

    def _indented_throughout(self, block: _Open) -> bool:
        """A paragraph set in from the body's left edge on every line: a block quote."""
        starts = block.starts
        if block.kind != "paragraph" or len(starts) < 2 or block.run_in:
            return False
        if self.blocks and self.blocks[-1].kind == "list_item":
            return False
        return (QUOTE_INDENT <= min(starts) <= QUOTE_MOST * self.metrics.full_width
                and max(starts) - min(starts) <= ALIGNED)

    def edge(self, text: str, loc: Location, origin: Origin) -> None:
        """A running header/footer or page number: kept once, uncounted."""
        key = norm_edge(text)
        if key not in self.seen_edges:
            self.seen_edges.add(key)
            self.pending.append(Block("paragraph", text, loc, counted=False, origin=origin))

    def table(self, table: Table, loc: Location, indent: float) -> None:
        self.flush()
        text = "\n".join("\t".join(row) for row in table.rows)
        style = Style(bold=table.head == len(table.rows), indent=round(indent, 1))
        self.blocks.append(Block("table", text, loc, rows=table.rows, counted=self.counted,
                                 style=style, head=table.head))
        self.tail = (len(self.blocks) - 1, table.columns)

    def continue_table(self, body: list[tuple[int, Line]], full_width: float, pitch: float) -> set[int]:
        """Let a table that ended the last page take this page's first lines in its columns;
        the indexes of the lines it took."""
        if self.tail is None or not body:
            return set()
        index, columns = self.tail
        part = tables.continued(body, columns, full_width, pitch, self.known)
        if part is None:
            return set()
        block = self.blocks[index]
        rows = [list(row) for row in block.rows]
        new = [list(row) for row in part.rows]
        if block.head and new and tuple(new[0]) == block.rows[0]:
            new.pop(0)  # the header row a word processor repeats on each page
        if new and tables.goes_on(tuple(new[0])):
            for k, cell in enumerate(new.pop(0)):
                rows[-1][k] = join_lines([rows[-1][k], cell])
        grid = tuple(tuple(row) for row in rows + new)
        self.blocks[index] = replace(block, rows=grid, text="\n".join("\t".join(row) for row in grid))
        return set(part.lines)

    def page(self, page_no: int, page: PageText, mark: dict[int, Origin],
             headings: dict[int, tuple[int, int]], found: Sequence[Table], taken: set[int]) -> None:
        """Add one page's body lines: edge lines in ``mark`` are recorded, not counted; lines in
        ``taken`` went to a table from the page before."""
        lines = page.lines
        for i, origin in mark.items():
            self.edge(lines[i].text, Location(self.file, page=page_no, line=i + 1), origin)
        body = [i for i in range(len(lines)) if i not in mark and i not in taken]
        if not body:
            return
        m = self.metrics
        pitch = _page_pitch([lines[i] for i in body], m.pitch)
        left = _page_left([lines[i] for i in body], m.full_width, m.left)
        table_at = {min(t.lines): t for t in found}
        in_table = set().union(*(t.lines for t in found)) if found else set()
        skip_until = -1
        prev: Line | None = None
        for i in body:
            if i < skip_until:
                continue
            line = lines[i]
            loc = Location(self.file, page=page_no, line=i + 1)
            if i in in_table:
                if i in table_at:
                    self.table(table_at[i], loc, line.x0 - left)
                prev = None
                continue
            hit = headings.get(i)
            if hit is not None:
                level, span = hit
                text = " ".join(lines[k].text for k in range(i, i + span))
                self.start("heading", text, loc, line, line.x0 - left, line_style(line), level)
                self.flush()
                skip_until = i + span
                prev = None
                continue
            self._line(line, prev, loc, left, pitch)
            prev = line

    def _line(self, line: Line, prev: Line | None, loc: Location, left: float, pitch: float) -> None:
        split = run_in_split(line) if line.runs else None
        if split is None:
            self._add(line, prev, loc, left, pitch)
            return
        head, tail = split
        self._add(head, prev, loc, left, pitch)
        self.start("paragraph", tail.text, loc, tail, tail.x0 - left, line_style(tail), run_in=True)

    def _add(self, line: Line, prev: Line | None, loc: Location, left: float, pitch: float) -> None:
        style = line_style(line)
        block = self.open
        if _BULLET.match(line.text):
            glyph = _GLYPH_BULLET.match(line.text)
            text = line.text[glyph.end():] if glyph else line.text
            self.start("list_item", text, loc, line, line.x0 - left, style, 1, glyph.group(1) if glyph else "")
        elif block is None or block.kind == "heading":
            self.start("paragraph", line.text, loc, line, line.x0 - left, style)
        elif prev is None:  # first line of a page: does the last page's paragraph go on?
            goes_on = line.text[:1].islower() or bool(SOFT_END.search(block.lines[-1]))
            if block.style == style and goes_on:
                block.lines.append(line.text)
                block.starts.append(line.x0 - left)
            else:
                self.start("paragraph", line.text, loc, line, line.x0 - left, style)
        elif self._breaks(prev, line, style, block, left, pitch):
            self.start("paragraph", line.text, loc, line, line.x0 - left, style)
        else:
            block.lines.append(line.text)
            block.starts.append(line.x0 - left)

    def _breaks(self, prev: Line, line: Line, style: tuple[bool, bool], block: _Open,
                left: float, pitch: float) -> bool:
        """Does a new block start at ``line``, coming after ``prev`` on the same page?"""
        if style != block.style or prev.angle != line.angle or _NUMBERED.match(line.text):
            return True
        if prev.size and line.size and abs(prev.size - line.size) > SIZE_STEP:
            return True
        if prev.y is not None and line.y is not None:
            dy = prev.y - line.y
            size = line.size or prev.size or 10.0
            if dy < -0.5 * size:
                return True  # moved up: a new column or text box
            if dy > GAP_FACTOR * pitch * size:
                return True
        room = left + self.metrics.full_width - prev.x1
        # Wrapped text never leaves room on a line for the next line's first word.
        first_word = len(line.text.split(" ", 1)[0]) + 1
        fits = room > first_word * (line.x1 - line.x0) / max(len(line.text), 1)
        if not fits and prev.x1 - left >= SHORT_LINE * self.metrics.full_width:
            return False
        # Such a line ends its paragraph when it ends a sentence; an emphasised one (a bold
        # label or sub-heading) also when the next line starts like a new one.
        starts_anew = line.text[:1].isupper() or line.text[:1].isdigit()
        # A numbered line with room left on it ("5. Stakeholder Feedback") is a heading or an
        # item of its own, whatever its font: the next line does not go on with it.
        numbered = bool(_NUMBERED.match(prev.text))
        return bool(_SENTENCE_END.search(prev.text)) or ((any(style) or numbered) and starts_anew)



def run_in_split(line: Line) -> tuple[Line, Line] | None:
    """A line that starts in bold or italic and goes on plain, cut where the style changes."""
    runs = [r for r in line.runs if any(ch.isalnum() for ch in r.text)]
    if len(runs) < 2:
        return None
    styles = [(r.font.bold, r.font.italic) for r in runs]
    if not any(styles[0]):
        return None
    cut = next(k for k, s in enumerate(styles) if s != styles[0]) if styles[-1] != styles[0] else None
    if cut is None or any(styles[cut]) or any(s != styles[cut] for s in styles[cut:]):
        return None
    start = line.runs.index(runs[cut])
    head, tail = line.runs[:start], line.runs[start:]
    head_line = Line(" ".join(r.text for r in head), line.y, line.size, head[0].x0, head[-1].x1,
                     runs[0].font, head, line.angle)
    tail_line = Line(" ".join(r.text for r in tail), line.y, line.size, tail[0].x0, tail[-1].x1,
                     tail[0].font, tail, line.angle)
    return head_line, tail_line


def _caps(text: str) -> bool:
    """Every letter upper-case (at least two of them): str.isupper, in C."""
    head = text[:200]
    return head.isupper() and sum(1 for ch in head if ch.isalpha()) >= 2

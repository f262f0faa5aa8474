"""Simple tables rebuilt from column alignment.

A PDF has no tables, only text placed in columns. A page region is a table when its text
lines up in two or more columns over two or more rows:

1. Seeds: a line cut into cells by wide gaps (two runs with letters or digits), or a narrow
   line followed by one that starts higher up and further right (a producer writing a table
   cell by cell, column after column).
2. The region from a seed grows over the following narrow or multi-cell lines; a line as
   wide as body text (``WIDE`` of the usual full line), a rotated line or a vertical gap of
   more than ``MAX_GAP`` line pitches ends it.
3. Columns are the gaps in the region's horizontal projection; a list marker ("•", "1.")
   belongs to the text after it. Producers write tables cell by cell, so a cell is a run of
   lines in stream order in one column and font, each on the line under the last; rows are
   cells whose first baselines are level. Rows at the region's edges with a
   single cell are ordinary text (a paragraph's last line above a table).
4. Kept when at least two rows have two or more cells and cells are short (at most
   ``MAX_CELL_WORDS`` words on average): two columns of running text are not a table.
5. A table that ends its page goes on with the next page's first lines that fit its columns
   (``continued``): a row cut by the page break, more rows; a repeated header row is dropped.

``head`` is 1 when every cell of the first row is bold.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from mccheck.readers.pdf.model import CELL_GAP, Line
from mccheck.readers.pdf.text import join_lines

WIDE = 0.7  # a single-cell line at least this share of the full line width is body text
MAX_GAP = 3.0  # line pitches of vertical gap that end a region
MAX_CELL_WORDS = 40
COLUMN_SLACK = 2.0  # points: intervals this close belong to one column
CELL_PITCH = 1.5  # line pitches: the most one cell's lines are apart

_MARKER = re.compile(r"^(?:[•◦▪▫■□●○·‣⁃∙➢➤►✓✔\-*–]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)])$")
_ALNUM = re.compile(r"\w")


@dataclass(slots=True)
class _Seg:
    line: int  # index of the line on the page
    x0: float
    x1: float
    y: float
    text: str
    bold: bool
    font: str


@dataclass(slots=True)
class _Cell:
    column: int
    lines: list[str] = field(default_factory=list)
    segs: list[_Seg] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.segs[0].y

    @property
    def bottom(self) -> float:
        return self.segs[-1].y


@dataclass(frozen=True, slots=True)
class Table:
    lines: frozenset[int]  # indexes of the page lines the table holds
    rows: tuple[tuple[str, ...], ...]
    head: int
    columns: tuple[tuple[float, float], ...] = ()  # left and right of each column of ``rows``


def segments(index: int, line: Line) -> list[_Seg]:
    """A line cut at wide gaps; a lone list marker stays with the text after it."""
    size = line.size or 10.0
    y = line.y if line.y is not None else 0.0
    out: list[_Seg] = []
    for run in line.parts:
        prev = out[-1] if out else None
        if prev is not None and (run.x0 - prev.x1 <= CELL_GAP * size or _MARKER.match(prev.text)):
            prev.x1 = max(prev.x1, run.x1)
            prev.text = f"{prev.text} {run.text}"
            prev.bold = prev.bold and (run.font.bold or not _ALNUM.search(run.text))
        else:
            out.append(_Seg(index, run.x0, run.x1, y, run.text, run.font.bold or not _ALNUM.search(run.text),
                            run.font.name))
    return out


def find(lines: list[tuple[int, Line]], full_width: float, pitch: float,
         known: Callable[[], Lexicon] | None = None) -> list[Table]:
    """The tables among a page's body lines (index on the page, line), in order. ``known``:
    the document's words, asked for only when a column breaks words by letters."""
    if not _maybe(lines):
        return []
    cut = [segments(i, line) for i, line in lines]
    n = len(lines)
    tables: list[Table] = []
    k = 0
    while k < n:
        if not _seed(lines, cut, k, full_width):
            k += 1
            continue
        start, end = _region(lines, cut, k, full_width, pitch)
        table = _table([s for segs in cut[start:end] for s in segs], pitch, known)
        if table is not None:
            tables.append(table)
        k = end
    return tables


def _maybe(lines: list[tuple[int, Line]]) -> bool:
    """Could the page hold a table at all? (Cheap: most pages have no runs and never move up.)"""
    prev = None
    for _, line in lines:
        if line.runs:
            return True
        if prev is not None and prev.y is not None and line.y is not None and line.y > prev.y + 0.5 * (prev.size or 10.0):
            return True
        prev = line
    return False


def _narrow(line: Line, segs: list[_Seg], full_width: float) -> bool:
    return len(segs) > 1 or line.x1 - line.x0 < WIDE * full_width


def _seed(lines: list[tuple[int, Line]], cut: list[list[_Seg]], k: int, full_width: float) -> bool:
    if sum(1 for s in cut[k] if _ALNUM.search(s.text)) >= 2:
        return True
    if k + 1 >= len(lines):
        return False
    a, b = lines[k][1], lines[k + 1][1]
    if a.y is None or b.y is None or a.angle or b.angle:
        return False
    em = a.size or 10.0
    return (_narrow(a, cut[k], full_width) and _narrow(b, cut[k + 1], full_width)
            and b.y > a.y + 0.5 * em and b.x0 > a.x1)


def _region(lines, cut, k: int, full_width: float, pitch: float) -> tuple[int, int]:  # noqa: ANN001
    """The run of lines from seed ``k`` that may belong to one table: [start, end).

    A table starts at its first multi-cell line; a seed of the cell-by-cell kind starts with
    its cell, the lines stacked above it in the same column and font. It ends before a line
    that crosses a gap between the cells of an earlier line (no table text spans a column
    boundary), a wide or rotated line, or a vertical gap.
    """
    start = k
    if len(cut[k]) == 1:
        while start > 0 and len(cut[start - 1]) == 1 and _stacked(cut[start - 1][0], cut[start][0], pitch):
            start -= 1
    gutters: list[tuple[float, float]] = []
    low = min(s.y for s in cut[k])
    end = k
    while end < len(lines):
        line, segs = lines[end][1], cut[end]
        if end > k and (line.angle or line.y is None or not _narrow(line, segs, full_width)
                        or line.y < low - MAX_GAP * pitch
                        or any(s.x0 < a and s.x1 > b for s in segs for a, b in gutters)):
            break
        gutters += [(a.x1, b.x0) for a, b in zip(segs, segs[1:])]
        low = min(low, line.y if line.y is not None else low)
        end += 1
    return start, end


def _stacked(above: _Seg, below: _Seg, pitch: float) -> bool:
    """Is ``below`` the next line of the cell that ``above`` is in?"""
    step = above.y - below.y
    return 0 < step <= CELL_PITCH * pitch and abs(above.x0 - below.x0) <= 2 * COLUMN_SLACK and above.font == below.font


def _columns(segs: list[_Seg]) -> list[tuple[float, float]]:
    spans: list[list[float]] = []
    for s in sorted(segs, key=lambda s: s.x0):
        if spans and s.x0 <= spans[-1][1] + COLUMN_SLACK:
            spans[-1][1] = max(spans[-1][1], s.x1)
        else:
            spans.append([s.x0, max(s.x0, s.x1)])
    return [(a, b) for a, b in spans]


def _table(segs: list[_Seg], pitch: float, known: Callable[[], Lexicon] | None = None) -> Table | None:
    if not segs:
        return None
    columns = _columns(segs)
    if len(columns) < 2:
        return None
    cells = _cells(segs, columns, pitch)
    _rejoin_broken_words(cells, known)
    rows = _rows(cells)

    def filled(row: list[_Cell]) -> int:  # columns with text in a row
        return len({c.column for c in row})

    while rows and filled(rows[0]) < 2:  # text just above or below the table
        rows.pop(0)
    while rows and filled(rows[-1]) < 2:
        rows.pop()
    if sum(1 for row in rows if filled(row) >= 2) < 2:
        return None
    kept = [cell for row in rows for cell in row]
    words = sum(len(" ".join(c.lines).split()) for c in kept)
    if words > MAX_CELL_WORDS * len(kept):
        return None
    used = sorted({c.column for c in kept})
    grid = tuple(
        tuple(join_lines(line for c in row if c.column == col for line in c.lines) for col in used)
        for row in rows
    )
    head = int(all(s.bold for c in rows[0] for s in c.segs))
    return Table(frozenset(s.line for c in kept for s in c.segs), grid, head, tuple(columns[c] for c in used))


def continued(lines: list[tuple[int, Line]], columns: tuple[tuple[float, float], ...],
              full_width: float, pitch: float, known: Callable[[], Lexicon] | None = None) -> Table | None:
    """The leading lines of a page that carry on a table from the page before (a row that a
    page break cut, more rows), in that table's columns, up to a line that does not fit them,
    a line as wide as body text or a vertical gap."""
    segs: list[_Seg] = []
    low = None
    for i, line in lines:
        cut = segments(i, line)
        if (line.angle or line.y is None or not _narrow(line, cut, full_width)
                or (low is not None and line.y < low - MAX_GAP * pitch)
                or not all(_column(s, columns) is not None for s in cut)):
            break
        segs += cut
        low = line.y if low is None else min(low, line.y)
    if not segs:
        return None
    cells = _cells(segs, list(columns), pitch)
    _rejoin_broken_words(cells, known)
    rows = _rows(cells)
    grid = tuple(
        tuple(join_lines(line for c in row if c.column == col for line in c.lines) for col in range(len(columns)))
        for row in rows
    )
    return Table(frozenset(s.line for s in segs), grid, 0, columns)


def goes_on(row: tuple[str, ...]) -> bool:
    """Does this first row of a page continue the row a page break cut? (A cell that starts in
    lower case, or an empty first column: a new row names itself there.)"""
    return not row[0] or any(cell[:1].islower() for cell in row)


def _column(seg: _Seg, columns: tuple[tuple[float, float], ...]) -> int | None:
    """The column a segment lies in: from its left edge to the next column's (no further)."""
    for k, (a, _) in enumerate(columns):
        limit = columns[k + 1][0] if k + 1 < len(columns) else float("inf")
        if a - COLUMN_SLACK <= seg.x0 and seg.x1 < limit:
            return k
    return None


def _cells(segs: list[_Seg], columns: list[tuple[float, float]], pitch: float) -> list[_Cell]:
    """Cells from segments in stream order: producers write a table cell by cell, so a segment
    goes on the cell before it when it is in the same column, on the next line, in the same font."""
    cells: list[_Cell] = []
    last_col = -1
    for s in segs:
        col = min(range(len(columns)), key=lambda i: max(columns[i][0] - s.x0, s.x0 - columns[i][1], 0.0))
        cell = cells[-1] if cells else None
        step = cell.bottom - s.y if cell is not None else -1.0
        if cell is not None and col == last_col and 0 < step <= CELL_PITCH * pitch and cell.segs[-1].font == s.font:
            cell.lines.append(s.text)
            cell.segs.append(s)
        else:
            cells.append(_Cell(col, [s.text], [s]))
        last_col = col
    return cells


def _rejoin_broken_words(cells: list[_Cell], known: Callable[[], Lexicon] | None) -> None:
    """Undo words broken by letters in a column too narrow for them: "Timeli" + "ne" is
    "Timeline" (LibreOffice and Word break such a word without a hyphen). Lines that start at
    one x are a column (a table nested in a cell has several inside one cell); it may be broken
    so when two or more of its lines are one token that fills it to its right edge. A full
    one-token line that ends in a letter and the next line of its cell and column, starting in
    lower case, are one word when the document's own words say so: the two make one of them
    (or the start of one, then a third piece follows), or the second is a short piece that is
    no word of the document ("ne", "tion"). Geometry alone cannot tell "mission" + "rewriti"
    (two words) from "rewriti" + "ng" (one)."""
    right: dict[int, float] = {}  # a column's left edge (to 2 pt) -> its right edge
    for cell in cells:
        for seg in cell.segs:
            key = round(seg.x0 / 2)
            right[key] = max(right.get(key, seg.x1), seg.x1)

    def full(seg: _Seg) -> bool:
        one_char = (seg.x1 - seg.x0) / max(len(seg.text), 1)
        return " " not in seg.text.strip() and seg.x1 >= right[round(seg.x0 / 2)] - 1.5 * one_char

    broken = Counter(round(seg.x0 / 2) for cell in cells for seg in cell.segs if full(seg))
    if known is None or max(broken.values(), default=0) < 2:
        return
    words = known()
    for cell in cells:
        lines: list[str] = []
        before: _Seg | None = None
        for seg, line in zip(cell.segs, cell.lines):
            key = round(seg.x0 / 2)
            if (before is not None and broken[key] >= 2 and round(before.x0 / 2) == key and full(before)
                    and lines[-1][-1:].isalpha() and line[:1].islower()
                    and words.joins(lines[-1].rsplit(" ", 1)[-1], line.strip(), " " not in line.strip())):
                lines[-1] += line.strip()
            else:
                lines.append(line)
            before = seg
        cell.lines = lines


class Lexicon:
    """The words of a document's running text (lower case), to tell a word's pieces from words."""

    def __init__(self, words: Iterable[str]):
        self.words = frozenset(w.casefold() for w in words)
        self._sorted = sorted(self.words)

    def joins(self, head: str, line: str, alone: bool) -> bool:
        """Do ``head`` (a line's last token) and the start of the next line make one word?
        ``alone``: that line is the piece alone, so a third piece may follow it."""
        piece = LETTERS.match(line)
        if piece is None:
            return False
        tail = piece.group().casefold()
        whole = (head + tail).casefold()
        if whole in self.words:
            return True
        if alone and self._starts_a_word(whole):
            return True
        return len(tail) <= MAX_PIECE and tail not in self.words

    def _starts_a_word(self, prefix: str) -> bool:
        at = bisect.bisect_left(self._sorted, prefix)
        return at < len(self._sorted) and self._sorted[at].startswith(prefix)


LETTERS = re.compile(r"[^\W\d_]+")  # a word's letters: what the lexicon holds
MAX_PIECE = 4  # letters: the end of a broken word ("ne", "ces", "tion") when it is no word itself


def _rows(cells: list[_Cell]) -> list[list[_Cell]]:
    """Cells grouped by their first baseline, top to bottom."""
    rows: list[list[_Cell]] = []
    for cell in sorted(cells, key=lambda c: -c.top):
        if rows and abs(rows[-1][0].top - cell.top) <= 3.0:
            rows[-1].append(cell)
        else:
            rows.append([cell])
    for row in rows:
        row.sort(key=lambda c: c.column)
    return rows

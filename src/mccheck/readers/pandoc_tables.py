"""Pandoc's own markdown tables, which ``pandoc draft.docx -o draft.md`` writes for a Word
table whose cells wrap (a multiline table) or hold several paragraphs (a grid table: a Word
form). CommonMark has neither, so ``rewrite`` turns each into a one-line HTML table (which the
markdown reader reads as a table) followed by blank lines, so every line below keeps its number.

* Grid table: ``+---+---+`` rules, ``|`` between cells, ``+===+`` under the header. The
  columns are every ``+`` of the rules; a row's cells are cut where each of its lines has a
  ``|``, so a merged cell spans the columns it covers.
* Multiline table: a line of dashes, the header, a line of dash runs (one per column), rows
  separated by blank lines, a closing line of dashes; without a header, the line of dash runs
  opens and closes it.
A cell's paragraphs (blank-line separated) stay paragraphs; emphasis marks and backslash
escapes are dropped, as the markdown reader drops them elsewhere.
"""

from __future__ import annotations

import bisect
import html
import re

_GRID_RULE = re.compile(r"^ {0,3}\+(?:[-=:]+\+)+\s*$")
_DASHES = re.compile(r"^ {0,3}-{10,}\s*$")
_COLUMNS = re.compile(r"^ {0,3}-{3,}(?: +-{3,})+\s*$")
_MARKS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|\\(?=[^\w\s])")
MAX_HEADER_LINES = 6
MAX_COLUMNS = 200  # as for pipe tables: more is no table


def rewrite(text: str) -> str:
    """``text`` with its pandoc grid and multiline tables as one-line HTML tables. Linear in
    the text: where a table could close is found once for the whole text."""
    if "+-" not in text and "----------" not in text:  # the common case: nothing to look at
        return text
    lines = text.split("\n")
    ends = _Ends(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        found = _grid(lines, i, ends) or _multiline(lines, i, ends)
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        end, table = found
        if table is None:  # looked like a table and is none: its lines stay as they are
            out.extend(lines[i:end])
        else:
            out.append(table)
            out.extend([""] * (end - i - 1))
        i = end
    return "\n".join(out)


class _Ends:
    """Where runs of grid lines end, and the lines that can close a multiline table."""

    def __init__(self, lines: list[str]):
        n = len(lines)
        self.run_end = [0] * (n + 1)  # the end of the run of "|"/"+" lines starting at each line
        self.run_end[n] = n
        for k in range(n - 1, -1, -1):
            self.run_end[k] = self.run_end[k + 1] if lines[k].lstrip().startswith(("|", "+")) else k
        def closes(k: int, pattern: re.Pattern[str]) -> bool:
            return bool(pattern.match(lines[k])) and (k + 1 == n or not lines[k + 1].strip())
        self.dash_closers = [k for k in range(n) if closes(k, _DASHES)]
        self.column_closers = [k for k in range(n) if closes(k, _COLUMNS)]

    @staticmethod
    def after(closers: list[int], k: int) -> int | None:
        """The first closing line after line ``k``."""
        at = bisect.bisect_right(closers, k)
        return closers[at] if at < len(closers) else None


def _grid(lines: list[str], i: int, ends: _Ends) -> tuple[int, str | None] | None:
    if not _GRID_RULE.match(lines[i]):
        return None
    j = ends.run_end[i]
    block = lines[i:j]
    if len(block) < 3 or not _GRID_RULE.match(block[-1]):
        return j, None
    rules = [k for k, line in enumerate(block) if _GRID_RULE.match(line)]
    grid = sorted({p for k in rules for p, ch in enumerate(block[k]) if ch == "+"})
    if len(grid) > MAX_COLUMNS + 1:
        return j, None
    head_rule = next((k for k in rules if "=" in block[k]), None)
    rows: list[list[tuple[str, int]]] = []
    head = 0
    for a, b in zip(rules, rules[1:]):
        region = block[a + 1 : b]
        if not region:
            continue
        cuts = [p for p in grid if all(p < len(line) and line[p] in "|+" for line in region)]
        cells = []
        for left, right in zip(cuts, cuts[1:]):
            span = sum(1 for p in grid if left < p <= right)
            cells.append((_cell([line[left + 1 : right] for line in region]), span))
        if cells:
            rows.append(cells)
            if head_rule is not None and b <= head_rule:
                head += 1
    return j, (_html(rows, head) if rows else None)


def _multiline(lines: list[str], i: int, ends: _Ends) -> tuple[int, str | None] | None:
    if _COLUMNS.match(lines[i]):
        return _headerless(lines, i, ends)
    if not _DASHES.match(lines[i]):
        return None
    j = i + 1
    while j < len(lines) and j <= i + MAX_HEADER_LINES and lines[j].strip() and not _COLUMNS.match(lines[j]):
        j += 1
    if j == i + 1 or j >= len(lines) or not _COLUMNS.match(lines[j]):
        return None
    k = ends.after(ends.dash_closers, j)
    if k is None:
        return None
    spans = _spans(lines[j])
    return k + 1, _html([_row(lines[i + 1 : j], spans), *_rows(lines[j + 1 : k], spans)], 1)


def _headerless(lines: list[str], i: int, ends: _Ends) -> tuple[int, str | None] | None:
    """A multiline table without a header: opened and closed by its line of dash runs."""
    if i + 1 >= len(lines) or not lines[i + 1].strip():
        return None
    k = ends.after(ends.column_closers, i)
    if k is None:
        return None
    return k + 1, _html(_rows(lines[i + 1 : k], _spans(lines[i])), 0)


def _spans(columns: str) -> list[tuple[int, int | None]]:
    """Each column's extent, from its dash run's start to the next one's (the last: to the end)."""
    starts = [m.start() for m in re.finditer(r"-+", columns)][:MAX_COLUMNS]
    return list(zip(starts, [*starts[1:], None]))


def _rows(lines: list[str], spans: list[tuple[int, int | None]]) -> list[list[tuple[str, int]]]:
    """A multiline table's rows: runs of lines between blank lines."""
    rows: list[list[tuple[str, int]]] = []
    group: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            group.append(line)
        elif group:
            rows.append(_row(group, spans))
            group = []
    return rows


def _row(lines: list[str], spans: list[tuple[int, int | None]]) -> list[tuple[str, int]]:
    return [(_cell([line[a:b] for line in lines]), 1) for a, b in spans]


def _cell(pieces: list[str]) -> str:
    """A cell's lines as HTML paragraphs (blank lines separate them)."""
    paragraphs: list[list[str]] = [[]]
    for piece in pieces:
        if piece.strip():
            paragraphs[-1].append(piece.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return "".join(f"<p>{html.escape(_MARKS.sub('', ' '.join(p)))}</p>" for p in paragraphs if p)


def _html(rows: list[list[tuple[str, int]]], head: int) -> str:
    out = ["<table>"]
    for n, cells in enumerate(rows):
        tag = "th" if n < head else "td"
        out.append("<tr>" + "".join(f'<{tag} colspan="{span}">{text}</{tag}>' for text, span in cells) + "</tr>")
    return "".join(out) + "</table>"

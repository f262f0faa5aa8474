"""count: how many statements (mission statements) a section holds, between min and max.

A statement is found in any of the layouts teachers use: a quoted block (Quote style,
a block quote, an italic paragraph, a paragraph in quotation marks) with the sub-heading
or label line that names it ("Riverbend School District", "Mission Statement 1:",
"1. Seaside Collegiate School") and the commentary after it; a line the element's
``marker`` labels ("Mission statement 2: ...") with its text; or a table with a column
for the statements (School | Mission statement), one per row. Quoted statements under
one name count once. These layouts are certain: fewer statements than required is an
error. Without any of them, repeated sub-headings naming schools or districts are
counted as a guess, and finding nothing at all is a warning that says what was looked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mccheck.analysis import items
from mccheck.analysis.text import terms
from mccheck.checks.elements import ElementResult
from mccheck.checks.elements.common import (
    compile_pattern,
    count_gaps,
    item_name,
    quoted_names,
    short,
    starts_with,
)

if TYPE_CHECKING:
    from mccheck.analysis.segment import SectionText
    from mccheck.document import Location
    from mccheck.spec.records import Element, Section

# A sub-heading that names a school or district ("Maple Grove Public Schools").
_INSTITUTION = re.compile(
    r"\b(?:schools?|district|academy|high|elementary|middle|college|unified|usd|isd|charter|collegiate|"
    r"institute|prep|preparatory|campus)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Statement:
    name: str  # what names it: its heading or label, the school's cell, or its first words
    loc: Location
    certain: bool  # found in a layout that says it is a statement (not only a school-like heading)


def statements(element: Element, text: SectionText) -> list[Statement]:
    """The section's statements in document order, from every layout above (each counted once)."""
    section_lines = items.lines(text)
    marker = compile_pattern(element.marker) if element.marker else None
    found: list[Statement] = []
    named: set[int] = set()  # lines that already name a quoted statement
    quoted_lines: set[int] = set()
    for q in items.quoted(section_lines):
        quoted_lines.update(line.index for line in q.quote)
        if q.label is not None and q.label.index in named:
            continue
        if q.label is not None:
            named.add(q.label.index)
        found.append(Statement((q.label or q.quote[0]).text, q.quote[0].loc, True))
    if marker is not None:
        for unit in items.units(section_lines, lambda line: _labelled(marker, line)):
            if unit.head.index in named or any(line.index in quoted_lines for line in unit.body):
                continue  # its statement is quoted, and counted as such
            inline = len(unit.head.text.split()) - len(unit.key.split()) >= 5
            if inline or any(True for _ in unit.content()):
                named.add(unit.head.index)
                found.append(Statement(unit.head.text, unit.head.loc, True))
    wanted = set(terms(item_name(element)))
    for line in section_lines:
        if line.block.kind == "table":
            # A table comparing statements already quoted above does not add them again.
            known = [s.name.casefold() for s in found]
            found.extend(s for s in _table_rows(line, wanted) if not any(s.name.casefold() in k for k in known))
    # A school's heading with its statement pasted as plain text is a guess, beside the others.
    found.extend(_school_headings(section_lines, named, quoted_lines))
    return sorted(found, key=lambda s: (s.loc.page or 0, s.loc.line or 0))


def detect(element: Element, section: Section, text: SectionText) -> ElementResult:
    found = statements(element, text)
    what = item_name(element).capitalize()
    gaps = count_gaps(
        element, section, text, [s.loc for s in found], listed=quoted_names([s.name for s in found]),
        looked_for=f"quoted statements: Quote style, a block quote, italics or quotation marks, under each school's "
                   f"name; label lines such as '{what} 1:'; or a table with a '{what}' column",
        how="each quoted under the name of its school or district", certain=any(s.certain for s in found))
    where = ", ".join(short(s.name, 5) for s in found[:6])
    return ElementResult(not gaps, f"{len(found)} found" + (f": {where}" if where else ""), tuple(gaps))


def _labelled(marker: re.Pattern[str], line: items.Line) -> str | None:
    """The marker label a line starts with ("Mission Statement 2"), or None."""
    if not (line.content or line.subheading):
        return None
    m = marker.search(line.text[:120])
    return m.group(0).strip() if m and starts_with(marker, line.text) else None


def _table_rows(line: items.Line, wanted: set[str]) -> list[Statement]:
    """One statement per filled row of a table column named for the statements."""
    block = line.block
    head, header = items.table_header(block)
    if not head or not wanted:
        return []
    columns = [c for c, cell in enumerate(header) if len(cell.split()) <= 4 and wanted & set(terms(cell))]
    if not columns:
        return []
    col = columns[-1]
    out = []
    for row in block.rows[head:]:
        if col < len(row) and len(row[col].split()) >= 3:
            out.append(Statement(row[0] if col else row[col], line.loc, True))
    return out


def _school_headings(section_lines: list[items.Line], named: set[int], quoted_lines: set[int]) -> list[Statement]:
    """A guess: repeated sub-headings naming schools or districts, with text but no quoted or
    labelled statement under them."""
    rank = items.repeated_rank(section_lines)
    if rank is None:
        return []
    key = (lambda line: line.text if line.subheading and line.rank == rank else None)
    return [Statement(u.head.text, u.head.loc, False) for u in items.units(section_lines, key)
            if _INSTITUTION.search(u.head.text) and u.head.index not in named
            and not any(line.index in quoted_lines for line in u.body) and any(True for _ in u.content())]

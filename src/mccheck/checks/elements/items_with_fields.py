"""items-with-fields: min-max items, each carrying every field (as a label or a table column)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mccheck.checks.elements import ElementResult, Gap
from mccheck.checks.elements.common import (
    article,
    chunks,
    example_label,
    first_loc,
    item_name,
    joined,
    term_patterns,
)
from mccheck.checks.elements.count import item_starts

if TYPE_CHECKING:
    from mccheck.analysis.segment import SectionText
    from mccheck.document import Block, Location
    from mccheck.spec.models import Element, Section


def table_items(element: Element, blocks: tuple[Block, ...]) -> list[tuple[Block, dict[str, str]]]:
    """Rows of a table whose header names the fields: one item per row."""
    items = []
    for block in blocks:
        if block.kind != "table" or len(block.rows) < 2:
            continue
        header = block.rows[0]
        columns: dict[int, str] = {}
        for col, cell in enumerate(header):
            for term in element.terms:
                if any(p.search(cell) for p in term_patterns(term)):
                    columns[col] = term.name
                    break
        if len(columns) < 2:
            # Transposed layout: field names down the first column, one item per column.
            rows = {r[0]: r for r in block.rows if r}
            names = {}
            for label in rows:
                for term in element.terms:
                    if any(p.search(label) for p in term_patterns(term)):
                        names[label] = term.name
            if len(names) >= 2:
                width = max(len(r) for r in block.rows)
                for col in range(1, width):
                    fields = {names[k]: (rows[k][col] if col < len(rows[k]) else "") for k in names}
                    items.append((block, fields))
            continue
        for row in block.rows[1:]:
            if not any(cell.strip() for cell in row):
                continue
            fields = {name: (row[col] if col < len(row) else "") for col, name in columns.items()}
            items.append((block, fields))
    return items


def detect(element: Element, section: Section, text: SectionText) -> ElementResult:
    blocks = text.blocks
    gaps: list[Gap] = []
    starts = item_starts(element, blocks)
    items: list[tuple[Location, dict[str, bool]]] = []
    for i, chunk in zip(starts, chunks(blocks, starts)):
        body = joined(chunk)
        have = {t.name: any(p.search(body) for p in term_patterns(t)) for t in element.terms}
        # A table inside the item counts its header as fields too.
        items.append((blocks[i].loc, have))
    if not items:
        for block, fields in table_items(element, blocks):
            have = {t.name: bool(fields.get(t.name, "").strip()) for t in element.terms}
            items.append((block.loc, have))
    n = len(items)
    word = element.description
    if element.min is not None and n < element.min:
        gaps.append(
            Gap(
                f"{section.title}: {n} of at least {element.min} {word} found",
                f"add {element.min - n} more, each starting with a label such as '{example_label(element)}'",
                first_loc(text),
            )
        )
    if element.max is not None and n > element.max:
        gaps.append(
            Gap(
                f"{section.title}: {n} {word} found, at most {element.max} allowed",
                f"merge or remove {n - element.max} of them",
                first_loc(text),
            )
        )
    for number, (loc, have) in enumerate(items, start=1):
        missing = [name for name, ok in have.items() if not ok]
        if missing:
            gaps.append(
                Gap(
                    f"{section.title}: {item_name(element)} {number} lacks {', '.join(missing)}",
                    f"add {article(missing[0])} {' / '.join(missing)} to {item_name(element)} {number}",
                    loc,
                )
            )
    complete = sum(all(h.values()) for _, h in items)
    return ElementResult(not gaps, f"{n} found, {complete} complete", tuple(gaps))

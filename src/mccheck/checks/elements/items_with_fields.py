"""items-with-fields: min-max items (suggestions of an action plan), each filling every field.

Items and their fields are read from the layouts teachers use:
- label lines under each item: "Suggestion 2: ..." (the element's ``marker``), or any
  heading, bold line or list item followed by "Timeline: ..." lines (or bullets);
- one table per item (under its heading): field names down the first column;
- one wide table: field names in the header row, one item per row;
- items as table columns: field names down the first column, one item per column.
A field is filled when its label (row, column) carries text that is not a placeholder.
Where the items label their fields, a missing one is certain (an error: "add a Timeline to
suggestion 2"); where every item is plain prose, a field is looked for by its words, and
one not named is a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mccheck.analysis import items
from mccheck.checks.elements import ElementResult, Gap
from mccheck.checks.elements.common import (
    article,
    compile_pattern,
    count_gaps,
    filled,
    item_name,
    mentions,
    short,
    starts_with,
    term_patterns,
)

if TYPE_CHECKING:
    from mccheck.analysis.segment import SectionText
    from mccheck.document import Location
    from mccheck.spec.records import Element, Section


@dataclass
class _Item:
    title: str
    loc: Location
    fields: dict[str, bool] = field(default_factory=dict)  # labelled field -> filled
    prose: list[str] = field(default_factory=list)  # the item's unlabelled text
    marked: bool = False  # opened by the element's marker ("Suggestion 2")
    depth: tuple[float, int] = (99.0, 0)  # how prominent its title is: (rank, list level)


class _Reader:
    """One pass over the section's lines, building items as their labels appear."""

    def __init__(self, element: Element):
        self.terms = element.terms
        self.marker = compile_pattern(element.marker) if element.marker else None
        self.items: list[_Item] = []
        self.title: items.Line | None = None  # a line that may name the next item
        self.waiting: str | None = None  # a field label whose text may follow on the next line

    def field_of(self, name: str) -> str | None:
        for term in self.terms:
            if any(p.search(name) or p.search(items.unwrapped(name)) for p in term_patterns(term)):
                return term.name
        return None

    def opens(self, text: str) -> bool:
        return self.marker is not None and starts_with(self.marker, text)

    def new(self, title: str, loc: Location, marked: bool = False, depth: tuple[float, int] = (99.0, 0)) -> _Item:
        self.items.append(_Item(title, loc, marked=marked, depth=depth))
        self.title, self.waiting = None, None
        return self.items[-1]

    def current_for(self, name: str, loc: Location) -> _Item:
        """The item a field label belongs to: the open one, or a new one when a title line at
        least as prominent as the open item's came after its fields (where markers open the
        items, only a marker does), or when the open one already has this field."""
        item = self.items[-1] if self.items else None
        title = self.title
        if title is not None and (
                item is None or (not item.marked and bool(item.fields) and _depth(title) <= item.depth)):
            return self.new(title.text, title.loc, depth=_depth(title))
        if item is None or (name in item.fields and title is None):
            return self.new(f"{len(self.items) + 1}", loc)
        return item

    def put(self, name: str, value: str, loc: Location) -> None:
        item = self.current_for(name, loc)
        item.fields[name] = item.fields.get(name, False) or filled(value)
        self.waiting = None if filled(value) else name

    def line(self, line: items.Line) -> None:
        if line.block.kind == "table":
            self.table(line)
            return
        if not (line.content or line.subheading):
            return
        if self.opens(line.text):
            self.new(line.text, line.loc, marked=True, depth=_depth(line))
            self.inline_after(line.text, line.loc)  # "Suggestion 1: ... Timeline: May."
            return
        found = items.label(line)
        name = self.field_of(found[0]) if found else None
        if found and name is not None:
            self.put(name, found[1], line.loc)
            self.inline_after(found[1], line.loc)
            return
        if self.inline_after(line.text, line.loc):
            return
        led = self.field_leads(line.text)
        if led is not None:
            self.put(*led, line.loc)
            return
        if self.waiting is not None and self.items and line.content and not line.subheading:
            self.items[-1].fields[self.waiting] = filled(line.text)
            self.waiting = None
            return
        if line.subheading or line.block.kind == "list_item" or line.block.style.bold:
            self.title = line
        if self.items and line.content:
            self.items[-1].prose.append(line.text)

    def field_leads(self, text: str) -> tuple[str, str] | None:
        """A line that opens with a field's name and no colon, in an item whose other fields are
        labelled: a table row a PDF page break turned into a paragraph ("Communications Plan A short ...")."""
        if not self.items or not self.items[-1].fields:
            return None
        for term in self.terms:
            for p in term_patterns(term):
                m = p.match(text)
                if m and term.name not in self.items[-1].fields:
                    return term.name, text[m.end():]
        return None

    def inline_after(self, text: str, loc: Location) -> bool:
        """Fields labelled inside a line ("Timeline: May. Potential barriers: time.")."""
        pieces = [(who, said) for who, said in items.turns(text, self.field_of) if who is not None]
        for who, said in pieces:
            self.put(who, said, loc)
        return bool(pieces)

    def table(self, line: items.Line) -> None:
        block = line.block
        head, header = items.table_header(block)
        by_column = {c: f for c, h in enumerate(header) for f in [self.field_of(h)] if f}
        if len(by_column) >= 2:  # a wide table: one item per row
            for row in block.rows[head:]:
                if not any(c.strip() for c in row):
                    continue
                title = next((c for i, c in enumerate(row) if i not in by_column and c.strip()), row[0] if row else "")
                item = self.new(title, line.loc, marked=True)
                item.fields = {f: c < len(row) and filled(row[c]) for c, f in by_column.items()}
            return
        by_row = [(r, self.field_of(row[0])) for r, row in enumerate(block.rows) if row]
        named = [(r, f) for r, f in by_row if f]
        width = max((len(row) for row in block.rows), default=0)
        if len(named) >= 2 and width > 2:  # items as columns
            for c in range(1, width):
                title = header[c] if c < len(header) else f"column {c + 1}"
                item = self.new(title, line.loc, marked=True)
                item.fields = {f: c < len(block.rows[r]) and filled(block.rows[r][c]) for r, f in named}
            return
        for row in block.rows:  # one item's table: "Timeline | Plan in January ..."
            if not row:
                continue
            text = " ".join(c for c in row if c.strip())
            name = self.field_of(row[0])
            if self.opens(text):
                self.new(text, line.loc, marked=True)
            elif name is not None:
                self.put(name, " ".join(row[1:]), line.loc)


def _a(field_name: str) -> str:
    """ "a Timeline", "Potential Barriers": an article for a singular field name only."""
    return "" if field_name.endswith("s") else f"{article(field_name)} "


def _depth(line: items.Line) -> tuple[float, int]:
    return (line.rank, line.block.level if line.block.kind == "list_item" else 0)


def _number(title: str) -> int:
    """The number in an item's label ("Suggestion 3: ..." is 3), or 0."""
    digits = re.search(r"\b(\d{1,2})\b", title[:40])
    return int(digits.group(1)) if digits else 0


def detect(element: Element, section: Section, text: SectionText) -> ElementResult:
    reader = _Reader(element)
    for line in items.lines(text):
        reader.line(line)
    found = [i for i in reader.items if i.fields or i.marked]
    fields = ", ".join(t.name for t in element.terms)
    # Items numbered past how many were read ("Suggestion 3" among two): one was not read
    # (a layout mccheck could not follow), so a count short of the minimum is only a doubt.
    numbers = [n for i in found if i.marked and (n := _number(i.title))]
    skipped = bool(numbers) and max(numbers) > len(found)
    gaps = count_gaps(
        element, section, text, [i.loc for i in found],
        listed=f"numbered up to {max(numbers)}: check that each one is there" if skipped else "",
        looked_for=f"labels such as '{item_name(element).capitalize()} 1', field labels such as "
                   f"'{element.terms[0].name}:', or a table with a column or row per field",
        how=f"each with its {fields}", certain=not skipped)
    # Where the items label their fields, an item without a label for a field lacks it for certain.
    labelled = any(i.fields for i in found)
    for number, item in enumerate(found, start=1):
        gaps.extend(_missing_fields(element, section, _number(item.title) if skipped else number, item, labelled))
    complete = sum(1 for i in found if not _missing_fields(element, section, 0, i, labelled))
    return ElementResult(not gaps, f"{len(found)} found, {complete} complete", tuple(gaps))


def _missing_fields(element: Element, section: Section, number: int, item: _Item, labelled: bool) -> list[Gap]:
    what = f"{item_name(element)} {number}"
    if item.title and not item.title.isdigit():
        what += f" ('{short(item.title, 8)}')"
    if item.fields:
        missing = [t.name for t in element.terms if not item.fields.get(t.name)]
    else:
        prose = "\n".join(item.prose + [item.title])
        missing = [t.name for t in element.terms if not mentions(t, prose)]
    certain = bool(item.fields) or labelled
    if not missing:
        return []
    how = "" if certain else " (mccheck looked for labels such as 'Timeline:' and for the words)"
    return [Gap(
        f"{section.title}: {what} lacks {', '.join(missing)}{how}",
        f"add {_a(missing[0])}{' / '.join(missing)} to {item_name(element)} {number}",
        item.loc, code="field-missing", data={"item": number, "fields": missing}, certain=certain)]

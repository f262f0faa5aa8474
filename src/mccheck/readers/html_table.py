"""HTML tables inside markdown: what pandoc writes for a table GFM cannot hold (cells with
several paragraphs, merged cells: a Word form converted to markdown), and what people paste.

``tables(html)`` gives each top-level ``<table>``'s rows of cell text, in order, with the
number of header rows (``<thead>`` or rows of ``<th>`` cells). A cell's paragraphs (``<p>``,
``<br>``, list items) are lines of its text, as the docx reader gives them; a cell spanning
columns repeats its text in each, as a merged Word cell does (a short text: a long one is
written once); a table nested in a cell is part of that cell's text. ``rest`` is the text outside the tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_LINE_BREAKS = frozenset({"p", "br", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})
MAX_COLSPAN = 50
MAX_REPEATED = 200  # characters: the longest cell text a column span repeats


@dataclass
class Table:
    rows: list[tuple[str, ...]] = field(default_factory=list)
    head: int = 0


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self.rest: list[str] = []
        self.depth = 0  # nesting of <table>
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.span = 1
        self.in_head = False
        self.row_is_head = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables.append(Table())
            return
        if self.depth != 1:  # inside a nested table: its rows are lines, its cells words apart
            if self.cell is not None and tag in _LINE_BREAKS:
                self.cell.append("\n")
            elif self.cell is not None and tag in ("td", "th"):
                self.cell.append(" ")
            return
        if tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.row, self.row_is_head = [], True
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
            span = dict(attrs).get("colspan") or "1"
            self.span = min(int(span), MAX_COLSPAN) if span.isdigit() and int(span) > 0 else 1
            self.row_is_head = self.row_is_head and tag == "th"
        elif self.cell is not None and tag in _LINE_BREAKS:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth = max(self.depth - 1, 0)
            return
        if self.depth != 1:
            return
        if tag == "thead":
            self.in_head = False
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            text = "\n".join(" ".join(line.split()) for line in "".join(self.cell).split("\n"))
            text = "\n".join(line for line in text.split("\n") if line)
            # A merged heading row repeats its text in each column, as Word's merged cells read;
            # a long text is written once (a span must not multiply a big cell).
            repeat = text if len(text) <= MAX_REPEATED else ""
            self.row.extend([text] + [repeat] * (self.span - 1))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.row:
                table = self.tables[-1]
                if (self.in_head or self.row_is_head) and table.head == len(table.rows):
                    table.head += 1
                table.rows.append(tuple(self.row))
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(" ".join(data.split("\n")))  # a line break in the source is a space
        elif self.depth == 0:
            self.rest.append(data)


def tables(html: str) -> tuple[list[Table], str]:
    """The tables of an HTML block, and its text outside them."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    width = [max((len(r) for r in t.rows), default=0) for t in reader.tables]
    out = [Table([row + ("",) * (w - len(row)) for row in t.rows], t.head)
           for t, w in zip(reader.tables, width) if t.rows]
    return out, " ".join("".join(reader.rest).split())

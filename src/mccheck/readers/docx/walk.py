"""Story XML (body, header, note, comment, text box) walked in order into Blocks.

* ``Location.line`` is the 1-based number of the paragraph among all ``w:p`` of the
  main story in document order, counting empty paragraphs and paragraphs inside tables
  and content controls (not those inside text boxes). A table's line is its first
  paragraph's; a text box's blocks carry the line of the paragraph anchoring them.
  Headers, footers, notes and comments have no line.
* Body and text-box paragraphs get their kind and ``Style``: ``heading`` only for a
  heading style or outline level 0-8, ``list_item`` for numbered or List-style
  paragraphs (the number Word draws in ``style.number``), ``quote`` for quote styles
  (Quote, Intense Quote, Block Text, LibreOffice's Quotations); everything else is a
  ``paragraph``. A paragraph that opens with a bold or italic lead ("**Question 2.** Our
  school...") becomes the lead and a ``run_in`` block (``emphasis.lead_end``).
* ``Style.bold``/``italic``/``underline``/``caps``: every run with a letter or digit has
  it, through direct formatting, character style, paragraph style and document defaults
  (``styles``); ``caps`` also for text typed in capitals. ``size``: the points of most of
  the text. ``indent``: the left indent in points, from the paragraph, its numbering
  level, its style or the defaults, nearest first.
* A table's ``head`` is the number of leading rows marked as repeated header rows
  (``w:tblHeader``), else 1 when every filled cell of the first row is bold (directly, by
  paragraph style, or by the table style's header-row formatting), else 0.
* Content controls showing their placeholder ("Click or tap here to enter text.") are
  not the teacher's words: their text becomes uncounted ``origin="placeholder"`` blocks
  (after the paragraph or table holding them) and is left out of the paragraph or cell.
* Tracked changes read as accepted: ``w:ins``/``w:moveTo`` in, ``w:del``/``w:moveFrom``
  out, deleted table rows dropped. Field codes are skipped, field results kept (legacy
  form fields keep the text typed in them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mccheck.document import Block, BlockKind, Location, Origin, Style
from mccheck.readers.docx.names import Names, branch, on
from mccheck.readers.docx.numbering import Numbering
from mccheck.readers.docx.styles import NO_PARA, ParaProps, StyleDef, Styles, read_ppr
from mccheck.readers.emphasis import NO_RUN, Look, RunProps, lead_end, look
from mccheck.readers.guards import Budget

if TYPE_CHECKING:
    from lxml import etree

_TRAILING_DIGIT = re.compile(r"(\d)\s*$")
_FIRST_ROW_LOOK = 0x0020  # w:tblLook w:val bit for "Header Row"
_MAIN = ("", "placeholder")  # origins of main-story paragraphs, which get line numbers
_CLASSIFIED = ("", "textbox")  # origins whose paragraphs get a kind and a split


class _Inline:
    """What the inline content of one paragraph yields (a plain class: one is made per paragraph)."""

    __slots__ = ("line", "parts", "runs", "boxes", "placeholders")

    def __init__(self, line: int | None, runs: list | None = None, boxes: list | None = None,
                 placeholders: list | None = None):
        self.line = line  # the paragraph's Location.line
        self.parts: list[str] = []
        self.runs: list[tuple[str, etree._Element | None]] | None = runs  # per run, when features are wanted
        self.boxes: list[etree._Element] = [] if boxes is None else boxes
        # (text, line) of content controls still showing their placeholder
        self.placeholders: list[tuple[str, int | None]] = [] if placeholders is None else placeholders

    def text(self) -> str:
        return "".join(self.parts)


class Walker:
    """Turns stories into Blocks, keeping the paragraph counter and what it has seen."""

    def __init__(self, n: Names, styles: Styles, numbering: Callable[[], Numbering], file: str,
                 budget: Budget, box_counted: bool):
        self.n = n
        self.styles = styles
        self._load_numbering = numbering
        self._numbering: Numbering | None = None
        self.file = file
        self.budget = budget
        self.box_counted = box_counted
        self.blocks: list[Block] = []
        self.line = 0  # main-story paragraph counter
        self.boxes = 0  # text boxes met in the main story
        self.altchunks = 0
        self.work = 0  # paragraphs walked in any story, for the time budget
        self.footnote_refs: set[str] = set()
        self.endnote_refs: set[str] = set()

    @property
    def numbering(self) -> Numbering:
        """numbering.xml, parsed when the first numbered paragraph needs it."""
        if self._numbering is None:
            self._numbering = self._load_numbering()
        return self._numbering

    # -- block level -------------------------------------------------------------------

    def story(self, container: etree._Element, origin: Origin = "", counted: bool = True,
              line: int | None = None) -> None:
        """Walk a story's block-level children. ``line`` fixed => not the main story."""
        n = self.n
        for child in container:
            tag = child.tag
            if tag == n.p:
                self._paragraph(child, origin, counted, line)
            elif tag == n.tbl:
                self._table(child, origin, counted, line)
            elif tag == n.sdt:
                content = child.find(n.sdtContent)
                if content is None:
                    continue
                if origin in _CLASSIFIED and self._placeholder(child):
                    self.story(content, "placeholder", False, line)
                else:
                    self.story(content, origin, counted, line)
            elif tag in n.transparent_block:
                self.story(child, origin, counted, line)
            elif tag == n.altChunk:
                self.altchunks += 1

    def _placeholder(self, sdt: etree._Element) -> bool:
        """A content control still showing its placeholder text."""
        pr = sdt.find(self.n.sdtPr)
        return pr is not None and bool(on(pr.find(self.n.showingPlcHdr), self.n))

    def _next_line(self, line: int | None) -> int | None:
        if line is not None:
            return line
        self.line += 1
        return self.line

    def _loc(self, line: int | None) -> Location:
        return Location(self.file, line=line)

    def _paragraph(self, p: etree._Element, origin: Origin, counted: bool, line: int | None) -> None:
        self.work += 1
        if self.work % 256 == 0:
            self.budget.tick()
        here = self._next_line(line) if line is None and origin in _MAIN else line
        classified = origin in _CLASSIFIED
        acc = _Inline(here, runs=[] if classified else None)
        self._inline(p, acc)
        text = acc.text().strip()
        if classified:
            self._classified(p, acc, text, counted, origin, here)
        elif text:
            self.blocks.append(Block("paragraph", text, self._loc(here), counted=counted,
                                     origin=origin))
        self._emit_placeholders(acc.placeholders)
        self._emit_boxes(acc.boxes, origin, counted, here)

    def _classified(self, p: etree._Element, acc: _Inline, text: str, counted: bool,
                    origin: Origin, line: int | None) -> None:
        """A body or text-box paragraph: its kind, Style and any bold lead split off."""
        direct, style_id = read_ppr(self.n, p.find(self.n.pPr))
        style = self.styles.paragraph(style_id)
        inherited = style.para if style is not None else NO_PARA
        number, level_left, ilvl = self._number(direct, style)  # even when empty: Word numbers those
        if not text:
            return
        kind, level, heading = _kind(direct, style, number is not None, ilvl)
        left = next((v for v in (direct.left, level_left, inherited.left, self.styles.para_defaults.left)
                     if v is not None), 0)
        name = style.name if style is not None else ""
        runs = self._props(acc.runs or [], self.styles.run_base(style))

        def make(text: str, features: Look, number: str, run_in: bool = False) -> Block:
            return Block(kind, text, self._loc(line), level, counted=counted,
                         origin=origin, run_in=run_in,
                         style=Style(name=name, outline=heading, bold=features.bold,
                                     italic=features.italic, underline=features.underline,
                                     caps=features.caps, size=features.size, indent=left / 20,
                                     number=number))

        split = None if heading else lead_end(runs)
        if split is None:
            self.blocks.append(make(text, look(runs), number or ""))
            return
        end, count = split
        joined = acc.text()
        self.blocks.append(make(joined[:end].strip(), look(runs[:count]), number or ""))
        self.blocks.append(make(joined[end:].strip(), look(runs[count:]), "", run_in=True))

    def _number(self, direct: ParaProps, style: StyleDef | None) -> tuple[str | None, int | None, int | None]:
        """Count a numbered paragraph: its label (None: not numbered), the level's indent, its ilvl.

        The ilvl is the paragraph's or its style's; None when neither says, and the level
        the style is linked to in the list is counted instead.
        """
        inherited = style.para if style is not None else NO_PARA
        num_id = direct.num_id if direct.num_id is not None else inherited.num_id
        ilvl = direct.ilvl if direct.ilvl is not None else inherited.ilvl
        if num_id is None or num_id == "0":  # numId 0 switches a style's numbering off
            return None, None, ilvl
        numbering = self.numbering
        at = ilvl if ilvl is not None else numbering.level_of_style(num_id, style.sid if style else None)
        at = min(max(at, 0), 8)
        lvl = numbering.level(num_id, at)
        return numbering.label(num_id, at), lvl.left if lvl is not None else None, ilvl

    def _props(self, runs: list[tuple[str, etree._Element | None]],
               base: RunProps) -> list[tuple[str, RunProps | None]]:
        """Each run's formatting; computed only for runs with something visible in them."""
        styles, n = self.styles, self.n
        return [(t, None if r is None else styles.run(n, r, base) if t.strip() else base)
                for t, r in runs]

    def _emit_placeholders(self, placeholders: list[tuple[str, int | None]]) -> None:
        for text, line in placeholders:
            if text:
                self.blocks.append(Block("paragraph", text, self._loc(line), counted=False,
                                         origin="placeholder"))

    def _emit_boxes(self, boxes: list, origin: Origin, counted: bool, line: int | None) -> None:
        for box in boxes:
            if origin == "":
                self.boxes += 1
                self.story(box, "textbox", self.box_counted, line if line is not None else 0)
            else:  # a text box inside a header or a note keeps that part's origin
                self.story(box, origin, counted, line)

    # -- tables ------------------------------------------------------------------------

    def _table(self, tbl: etree._Element, origin: Origin, counted: bool, line: int | None) -> None:
        main = line is None and origin in _MAIN
        first = self.line + 1 if main else line
        acc = _Inline(first)
        header = _HeaderRows(self, tbl) if origin in _CLASSIFIED else None
        rows = tuple(self._rows(tbl, main, acc, header))
        text = "\n".join(c for row in rows for c in row if c)
        if text:
            self.blocks.append(Block("table", text, self._loc(first), rows=rows, counted=counted,
                                     origin=origin,
                                     head=header.count(len(rows)) if header else 0))
        self._emit_placeholders(acc.placeholders)
        self._emit_boxes(acc.boxes, origin, counted, first)

    def _children(self, el: etree._Element, want: str):
        """Children with tag ``want``, looking through content controls and customXml."""
        n = self.n
        for child in el:
            tag = child.tag
            if tag == want:
                yield child
            elif tag == n.sdt:
                content = child.find(n.sdtContent)
                if content is not None:
                    yield from self._children(content, want)
            elif tag in n.transparent_block:
                yield from self._children(child, want)

    def _rows(self, tbl: etree._Element, main: bool, acc: _Inline, header: _HeaderRows | None):
        n = self.n
        for tr in self._children(tbl, n.tr):
            trpr = tr.find(n.trPr)
            if trpr is not None and trpr.find(n.deleted) is not None:
                # A deleted row: accepted, it is gone (its paragraphs still get numbers).
                if main:
                    self.line += sum(1 for _ in tr.iter(n.p))
                continue
            # The header rows' counter, on the first row only: its cells' formatting decides.
            first_row = header if header is not None and header.row(trpr) else None
            cells: list[str] = []
            for tc in self._children(tr, n.tc):
                tcpr = tc.find(n.tcPr)
                vmerge = tcpr.find(n.vMerge) if tcpr is not None else None
                cell = _Cell(first_row.first_run) if first_row is not None else None
                lines = self._cell_lines(tc, main, acc, cell)
                if vmerge is not None and vmerge.get(n.val, "continue") != "restart":
                    # Continuation of a vertical merge: Word shows the first cell's text.
                    cells.append("")
                else:
                    cells.append("\n".join(x for x in lines if x))
                    if first_row is not None and cell is not None and cells[-1]:
                        first_row.first_cell(cell.runs)
            yield tuple(cells)

    def _cell_lines(self, container: etree._Element, main: bool, acc: _Inline,
                    cell: _Cell | None, hidden: bool = False) -> list[str]:
        """A cell's text, one entry per paragraph; nested tables are flattened into it.

        ``cell`` collects the runs' formatting (first rows only); ``hidden`` paragraphs are
        a content control's placeholder and go to ``acc.placeholders`` instead.
        """
        n = self.n
        out: list[str] = []
        for child in container:
            tag = child.tag
            if tag == n.p:
                para = _Inline(self._next_line(None) if main else None, [] if cell is not None else None,
                               acc.boxes, acc.placeholders)
                self._inline(child, para)
                if hidden:
                    acc.placeholders.append((para.text().strip(), para.line))
                    continue
                out.append(para.text().strip())
                if cell is not None and para.runs:
                    style = self.styles.paragraph(read_ppr(n, child.find(n.pPr))[1])
                    cell.runs.extend(self._props(para.runs, self.styles.run_base(style, cell.table_run)))
            elif tag == n.tbl:
                for row in self._rows(child, main, acc, None):
                    out.extend(row)
            elif tag == n.sdt:
                content = child.find(n.sdtContent)
                if content is not None:
                    out.extend(self._cell_lines(content, main, acc, cell,
                                                hidden or self._placeholder(child)))
            elif tag in n.transparent_block:
                out.extend(self._cell_lines(child, main, acc, cell, hidden))
            elif tag == n.altChunk:
                self.altchunks += 1
        return out

    # -- inline level ------------------------------------------------------------------

    def _inline(self, el: etree._Element, acc: _Inline) -> None:
        n = self.n
        for child in el:
            tag = child.tag
            if tag == n.r:
                if acc.runs is None:  # text only (most table cells, headers, notes)
                    self._run_text(child, acc.parts, acc)
                else:
                    self._run(child, acc, acc.runs)
            elif tag in n.skip_inline or not isinstance(tag, str):
                continue
            elif tag == n.sdt:
                content = child.find(n.sdtContent)
                if content is None:
                    continue
                if self._placeholder(child):
                    hidden = _Inline(acc.line, None, acc.boxes)
                    self._inline(content, hidden)
                    acc.placeholders.append((hidden.text().strip(), acc.line))
                else:
                    self._inline(content, acc)
            elif tag == n.alternate:
                chosen = branch(n, child)
                if chosen is not None:
                    self._inline(chosen, acc)
            elif tag in n.math_t:
                acc.parts.append(child.text or "")
                if acc.runs is not None:
                    acc.runs.append((child.text or "", None))
            else:  # hyperlink, ins, moveTo, fldSimple, smartTag, customXml, bdo, dir, oMath...
                self._inline(child, acc)

    def _run(self, r: etree._Element, acc: _Inline, runs: list[tuple[str, etree._Element | None]]) -> None:
        """A run whose formatting is wanted (``runs``: the paragraph's, ``acc.runs``): its text kept
        apart, to pair with its w:rPr."""
        pieces: list[str] = []
        self._run_text(r, pieces, acc)
        text = "".join(pieces)
        acc.parts.append(text)
        if text:
            runs.append((text, r))

    def _run_text(self, content: etree._Element, out: list[str], acc: _Inline) -> None:
        n = self.n
        for c in content:
            tag = c.tag
            if tag == n.t:
                out.append(c.text or "")
            elif tag == n.tab or tag == n.ptab:
                out.append("\t")
            elif tag == n.br or tag == n.cr:
                out.append("\n")
            elif tag == n.noBreakHyphen:
                out.append("-")
            elif tag == n.footnoteReference:
                self.footnote_refs.add(c.get(n.id, ""))
            elif tag == n.endnoteReference:
                self.endnote_refs.add(c.get(n.id, ""))
            elif tag == n.drawing or tag == n.pict or tag == n.object:
                _find_boxes(n, c, acc.boxes)
            elif tag == n.alternate:
                chosen = branch(n, c)
                if chosen is not None:
                    self._run_text(chosen, out, acc)
            # instrText (field codes), delText, softHyphen, sym, fldChar: no text.


def _kind(direct: ParaProps, style: StyleDef | None, numbered: bool,
          ilvl: int | None) -> tuple[BlockKind, int, int]:
    """Block kind, level and heading level (0: none) of a paragraph, from what the file declares."""
    if direct.outline is not None:  # on the paragraph itself; 9 is body text
        heading = direct.outline + 1 if 0 <= direct.outline <= 8 else 0
    else:
        heading = style.heading if style is not None else 0
    name = style.name.casefold() if style is not None else ""
    if heading:
        return "heading", heading, heading
    if numbered and ilvl is not None:
        return "list_item", min(max(ilvl, 0), 8) + 1, 0
    if numbered or name.startswith("list"):
        m = _TRAILING_DIGIT.search(name)  # "List Bullet 2" is a second-level list
        return "list_item", int(m.group(1)) if m else 1, 0
    if style is not None and style.quote:
        return "quote", 0, 0
    return "paragraph", 0, 0


@dataclass(slots=True)
class _Cell:
    """The formatted runs of one first-row cell."""

    table_run: RunProps  # what the table style gives the row's text
    runs: list[tuple[str, RunProps | None]] = field(default_factory=list)


class _HeaderRows:
    """How many leading rows of a table are header rows: those marked w:tblHeader, else a bold first row."""

    def __init__(self, walker: Walker, tbl: etree._Element):
        n = self.n = walker.n
        self.marked = 0
        self.marking = True  # still inside the leading run of marked rows
        self.rows = 0
        self.cells = 0
        self.bold = True
        pr = tbl.find(n.tblPr)
        ref = pr.find(n.tblStyle) if pr is not None else None
        style: StyleDef | None = walker.styles.get(ref.get(n.val)) if ref is not None else None
        body = style.run if style is not None else NO_RUN
        # Table styles format the header row apart ("Grid Table 4": bold) when the table says so.
        self.first_run = (style.first_row.over(body)
                          if style is not None and _header_row_on(n, pr) else body)

    def row(self, trpr: etree._Element | None) -> bool:
        """Count a row; True for the first, whose cells' formatting decides without marks."""
        n = self.n
        if self.marking and not (trpr is not None and on(trpr.find(n.tblHeader), n)):
            self.marking = False
        elif self.marking:
            self.marked += 1
        self.rows += 1
        return self.rows == 1

    def first_cell(self, runs: list[tuple[str, RunProps | None]]) -> None:
        self.cells += 1
        self.bold = self.bold and look(runs).bold

    def count(self, rows: int) -> int:
        if self.marked:
            return min(self.marked, rows)
        return 1 if rows and self.cells and self.bold else 0


def _header_row_on(n: Names, tbl_pr: etree._Element | None) -> bool:
    """Whether the table turns its style's header-row formatting on (w:tblLook; on by default)."""
    look_el = tbl_pr.find(n.tblLook) if tbl_pr is not None else None
    if look_el is None:
        return True
    flag = look_el.get(n.firstRow)
    if flag is not None:
        return flag.lower() in ("1", "true", "on")
    try:
        return bool(int(look_el.get(n.val, "04A0"), 16) & _FIRST_ROW_LOOK)
    except ValueError:
        return True


def _find_boxes(n: Names, el: etree._Element, boxes: list) -> None:
    """Outermost w:txbxContent under a drawing/pict (DrawingML or VML), each once."""
    for child in el:
        tag = child.tag
        if tag == n.txbxContent:
            boxes.append(child)
        elif tag == n.alternate:
            chosen = branch(n, child)
            if chosen is not None:
                _find_boxes(n, chosen, boxes)
        elif isinstance(tag, str):
            _find_boxes(n, child, boxes)

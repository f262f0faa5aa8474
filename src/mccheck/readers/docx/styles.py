"""Word styles: paragraph and run properties as Word resolves them through styles.xml.

Nearest wins (ECMA-376 Part 1, 17.7.2): direct formatting, then the run's character
style, the paragraph style, the table style, the document defaults; each style with its
``basedOn`` chain folded in. Word's XOR rule for toggle properties set in two style
levels is not modelled: the nearest level that sets one decides.

Styles are parsed on first use: a styles.xml can hold thousands of definitions (one
corpus file has 2.5 MB of them) of which a document uses a handful.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from mccheck.readers.docx.names import Names, integer, on
from mccheck.readers.emphasis import NO_RUN, RunProps

if TYPE_CHECKING:
    from lxml import etree

_HEADING_NAME = re.compile(r"heading\s*([1-9])")
_SIZE = 4  # RunProps field index of size
_MAX_CHAIN = 64  # basedOn links followed; real chains are 2-5 long, a loop or a hostile file is not


class ParaProps(NamedTuple):
    """Paragraph formatting a layout decision needs; None where this level does not set it."""

    outline: int | None = None  # w:outlineLvl, 0-based; 9 = body text
    num_id: str | None = None  # "0" switches numbering off
    ilvl: int | None = None
    left: int | None = None  # left indent in twips

    def over(self, base: ParaProps) -> ParaProps:
        return ParaProps(
            base.outline if self.outline is None else self.outline,
            base.num_id if self.num_id is None else self.num_id,
            base.ilvl if self.ilvl is None else self.ilvl,
            base.left if self.left is None else self.left,
        )


NO_PARA = ParaProps()


def read_rpr(n: Names, rpr: etree._Element | None) -> tuple[RunProps, str | None]:
    """Run properties of one w:rPr (NO_RUN when it sets none we use), and its character style."""
    if rpr is None:
        return NO_RUN, None
    found: list[bool | int | None] | None = None
    style = None
    fields = n.run_fields
    for child in rpr:
        tag = child.tag
        i = fields.get(tag)
        if i is None:
            if tag == n.rStyle:
                style = child.get(n.val)
            continue
        if found is None:
            found = [None] * 5
        if i == _SIZE:
            found[i] = integer(child.get(n.val))
        elif tag == n.u:
            found[i] = child.get(n.val, "single") != "none"
        else:  # b, i, caps, smallCaps (either shows capitals)
            found[i] = bool(found[i]) or on(child, n)
    # _make: the fields are filled by index, so the list mixes bools and an int.
    return (NO_RUN if found is None else RunProps._make(found)), style


def read_ppr(n: Names, ppr: etree._Element | None) -> tuple[ParaProps, str | None]:
    """Paragraph properties of one w:pPr, and the paragraph style it names."""
    if ppr is None:
        return NO_PARA, None
    outline = num_id = ilvl = left = style = None
    for child in ppr:
        tag = child.tag
        if tag == n.pStyle:
            style = child.get(n.val)
        elif tag == n.outlineLvl:
            outline = integer(child.get(n.val))
        elif tag == n.numPr:
            for part in child:
                if part.tag == n.numId:
                    num_id = part.get(n.val, "0")
                elif part.tag == n.ilvl:
                    ilvl = integer(part.get(n.val))
        elif tag == n.ind:
            for attr in n.left_attrs:
                if child.get(attr) is not None:
                    left = integer(child.get(attr))
                    break
    return ParaProps(outline, num_id, ilvl, left), style


@dataclass(slots=True)
class StyleDef:
    """One w:style with its basedOn chain folded in."""

    sid: str
    name: str  # display name: "Heading 2", "Quote", "List Paragraph"
    para: ParaProps = NO_PARA
    run: RunProps = NO_RUN
    heading: int = 0  # 1-9 for a heading style, else 0
    quote: bool = False
    first_row: RunProps = NO_RUN  # table styles: the header-row formatting
    run_base: RunProps | None = None  # run over the document defaults, filled on first use


class Styles:
    """The styles of one document, parsed as the document asks for them."""

    def __init__(self, n: Names, root: etree._Element | None):
        self.n = n
        self._elements: dict[str, etree._Element] = {}
        self._defs: dict[str, StyleDef | None] = {}
        self.default_para: str | None = None
        self.run_defaults = NO_RUN
        self.para_defaults = NO_PARA
        if root is None:
            return
        for child in root:
            tag = child.tag
            if tag == n.style:
                sid = child.get(n.styleId)
                if sid is None:
                    continue
                self._elements.setdefault(sid, child)
                if (self.default_para is None and child.get(n.type, "paragraph") == "paragraph"
                        and child.get(n.default) in ("1", "true", "on")):
                    self.default_para = sid
            elif tag == n.docDefaults:
                rpr = child.find(f"{n.rPrDefault}/{n.rPr}")
                ppr = child.find(f"{n.pPrDefault}/{n.pPr}")
                self.run_defaults = read_rpr(n, rpr)[0]
                self.para_defaults = read_ppr(n, ppr)[0]

    def get(self, sid: str | None) -> StyleDef | None:
        """The style with this id, resolved; None when the document has none."""
        if not sid:
            return None
        if sid in self._defs:
            return self._defs[sid]
        # Walk up the basedOn chain to the first style already resolved (or the root),
        # then resolve downwards: iterative, so a long or looping chain cannot recurse.
        chain: list[str] = []
        cur: str | None = sid
        while cur and cur not in self._defs and cur in self._elements and len(chain) < _MAX_CHAIN:
            if cur in chain:
                break
            chain.append(cur)
            based = self._elements[cur].find(self.n.basedOn)
            cur = based.get(self.n.val) if based is not None else None
        base = self._defs.get(cur) if cur else None
        for link in reversed(chain):
            base = self._resolve(link, base)
            self._defs[link] = base
        return self._defs.setdefault(sid, None)

    def paragraph(self, sid: str | None) -> StyleDef | None:
        """A paragraph's style: the one it names, else the default paragraph style."""
        return self.get(sid) if sid else self.get(self.default_para)

    def run_base(self, style: StyleDef | None, table: RunProps = NO_RUN) -> RunProps:
        """Formatting of a run with no direct formatting, in a paragraph of ``style``."""
        if table is not NO_RUN:  # table-cell paragraphs: the table style sits below the paragraph's
            return (style.run if style else NO_RUN).over(table.over(self.run_defaults))
        if style is None:
            return self.run_defaults
        if style.run_base is None:
            style.run_base = style.run.over(self.run_defaults)
        return style.run_base

    def run(self, n: Names, r: etree._Element, base: RunProps) -> RunProps:
        """The formatting of run ``r`` in a paragraph whose plain runs look like ``base``."""
        first = r[0] if len(r) else None
        if first is None or first.tag != n.rPr:  # the schema puts w:rPr first
            return base
        direct, char_id = read_rpr(n, first)
        if char_id:
            char = self.get(char_id)
            if char is not None:
                base = char.run.over(base)
        return direct.over(base)

    def _resolve(self, sid: str, base: StyleDef | None) -> StyleDef:
        n = self.n
        el = self._elements[sid]
        name_el = el.find(n.name)
        name = (name_el.get(n.val, "") if name_el is not None else "").strip() or sid
        if name.islower():  # Word stores built-in names as "heading 1"; it shows "Heading 1"
            name = name.title()
        own_para, _ = read_ppr(n, el.find(n.pPr))
        own_run, _ = read_rpr(n, el.find(n.rPr))
        para = own_para.over(base.para) if base else own_para
        run = own_run.over(base.run) if base else own_run
        first_row = _first_row(n, el)
        if base is not None:
            first_row = first_row.over(base.first_row)
        folded = name.casefold()
        m = _HEADING_NAME.fullmatch(folded)
        if m:
            heading = int(m.group(1))
        elif para.outline is not None and 0 <= para.outline <= 8:
            heading = para.outline + 1
        elif base is not None and base.heading and own_para.outline is None:
            heading = base.heading  # a custom style based on Heading 2
        else:
            heading = 0
        quote = not heading and (
            "quot" in folded or folded == "block text" or (base is not None and base.quote)
        )
        return StyleDef(sid, name, para, run, heading, quote, first_row)


def _first_row(n: Names, style: etree._Element) -> RunProps:
    """A table style's header-row run formatting (w:tblStylePr w:type="firstRow")."""
    for cond in style.iterchildren(n.tblStylePr):
        if cond.get(n.type) == "firstRow":
            return read_rpr(n, cond.find(n.rPr))[0]
    return NO_RUN

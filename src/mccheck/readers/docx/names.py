"""Qualified XML names of WordprocessingML, for the transitional or the strict namespace.

lxml compares tags as ``{namespace}local`` strings; building them once per document
keeps the walk to plain string comparisons. Attributes are qualified the same way, so
``n.numId`` names both the ``w:numId`` element and the ``w:numId`` attribute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH_NS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
)

_LOCAL_NAMES = (
    # story structure and text
    "body p r t tab ptab br cr noBreakHyphen tbl tr tc sdt sdtContent customXml smartTag "
    "del moveFrom ins moveTo drawing pict object txbxContent footnoteReference "
    "endnoteReference altChunk footnote endnote comment "
    # paragraph, run and table properties
    "pPr rPr sdtPr sdtEndPr pStyle rStyle numPr numId ilvl outlineLvl ind b i u caps "
    "smallCaps sz trPr tcPr vMerge tblHeader tblPr tblStyle tblLook tblStylePr "
    "showingPlcHdr "
    # styles.xml and settings.xml
    "style name basedOn docDefaults rPrDefault pPrDefault doNotIncludeSubdocsInStats "
    # numbering.xml
    "abstractNum abstractNumId num lvl start numFmt lvlText lvlRestart lvlOverride "
    "startOverride isLgl numStyleLink"
).split()


class Names:
    """Qualified tag and attribute names for one WordprocessingML namespace."""

    def __init__(self, w: str):
        self.w = w
        for local in _LOCAL_NAMES:
            setattr(self, local, f"{{{w}}}{local}")
        q = lambda local: f"{{{w}}}{local}"  # noqa: E731
        self.val = q("val")
        self.id = q("id")
        self.type = q("type")
        self.styleId = q("styleId")
        self.default = q("default")
        self.firstRow = q("firstRow")
        self.left_attrs = (q("left"), q("start"))
        self.alternate = f"{{{MC}}}AlternateContent"
        self.choice = f"{{{MC}}}Choice"
        self.fallback = f"{{{MC}}}Fallback"
        self.math_t = {f"{{{m}}}t" for m in MATH_NS}
        self.deleted = q("del")
        # Inline elements whose content is never text Word shows as accepted.
        self.skip_inline = {self.pPr, self.rPr, self.sdtPr, self.sdtEndPr, self.deleted, self.moveFrom}
        self.transparent_block = {self.customXml, self.ins, self.moveTo}
        # w:rPr children that styles.RunProps keeps, by field: bold, italic, underline, caps, size.
        self.run_fields = {self.b: 0, self.i: 1, self.u: 2, self.caps: 3, self.smallCaps: 3, self.sz: 4}

    if TYPE_CHECKING:  # the names set from _LOCAL_NAMES above are all qualified-name strings
        def __getattr__(self, local: str) -> str: ...


def on(el: etree._Element | None, n: Names) -> bool | None:
    """An OOXML on/off property (``<w:b/>``, ``<w:b w:val="0"/>``): None when absent."""
    if el is None:
        return None
    return el.get(n.val, "true").lower() not in ("0", "false", "off")


def integer(value: str | None) -> int | None:
    """An integer attribute (twips, half-points, levels); None when absent or malformed."""
    if value is None:
        return None
    try:
        return int(float(value))
    except (ValueError, OverflowError):  # "x", "nan", "1e999"
        return None


def branch(n: Names, alternate: etree._Element) -> etree._Element | None:
    """One copy of mc:AlternateContent: the first Choice, else the Fallback."""
    for child in alternate:
        if child.tag == n.choice:
            return child
    for child in alternate:
        if child.tag == n.fallback:
            return child
    return None

"""Word .docx reader: the body walked in document order, as Word would count it.

Every XML part is read with zipfile and a hardened lxml parser (``guards.safe_xml``);
python-docx is not used. Its ``Document(path)`` parses every part with its own
parser before we could refuse a DTD, it costs ~45 ms to import, and its API hides
what counting needs (tracked changes, content controls, text boxes, field codes).
Styles are resolved from styles.xml directly, including ``basedOn`` chains.

Decisions:

* ``Location.line`` is the 1-based number of the paragraph among all ``w:p`` of the
  main story in document order, counting empty paragraphs and paragraphs inside
  tables and content controls (not those inside text boxes). A table's line is its
  first paragraph's; a text box's blocks carry the line of the paragraph anchoring
  them. Headers, footers, notes and comments have no line.
* Tracked changes are counted as if accepted (``w:ins``/``w:moveTo`` in,
  ``w:del``/``w:moveFrom`` out, deleted table rows dropped) and a Note says so.
* Text boxes are counted (``counted=True``, ``origin="textbox"``), as Word's Word
  Count does unless its "Include textboxes, footnotes and endnotes" box is cleared,
  which it records as ``w:doNotIncludeSubdocsInStats`` in settings.xml (ECMA-376
  Part 1, 17.15.1.40); then we leave them uncounted too. Each text box's blocks
  follow the paragraph that anchors it; ``mc:AlternateContent`` is read once
  (first ``mc:Choice``, else ``mc:Fallback``), so nothing is counted twice.
* Footnotes and endnotes are kept uncounted (micro-credential limits exclude
  references), with a Note giving their number and words.
* Headings: a Heading 1-9 / Title style (by ``w:name``, following ``basedOn``) or an
  ``w:outlineLvl`` 0-8 gives that level. Without one, a short line (<= 12 words, not
  ending in . , ; or !) that is numbered ("Part 1: Overview" -> level 1,
  "1. Overview" -> 2, "1.2 Context" -> 3) or entirely bold (-> level 2) is a heading.
  List paragraphs stay list items even when bold.
* Automatic list numbers are not part of the text (Word does not count them).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mccheck.document import Block, Document, Location, Note
from mccheck.errors import InputError
from mccheck.readers.guards import Budget, check_zip, read_part, safe_xml
from mccheck.readers.limits import ReadLimits

if TYPE_CHECKING:
    from lxml import etree

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH_NS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
)
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DEFAULT_MAIN = "word/document.xml"
NO_BODY_MESSAGE = (
    "has no document body (word/document.xml): it may be damaged; save it again from Word"
)

HEADING_WORDS = 12
_NO_HEADING_END = ".,;!"
_HEADING_NAME = re.compile(r"heading\s*([1-9])")
_TRAILING_DIGIT = re.compile(r"(\d)\s*$")
_NUMBERED = re.compile(
    r"""^(?:
        (?P<word>part|section|component|step|stage|task|question|prompt)\s+
            (?P<wn>\d{1,2}|[ivx]{1,4}|[a-h])\b[.:)]?
      | (?P<num>\d{1,2}(?:\.\d{1,2}){0,3})[.)]?(?=\s)
      | (?P<letter>[A-H]|[IVX]{1,4})[.)](?=\s)
    )\s*[-\u2013\u2014:]?\s*(?P<title>.*)$""",
    re.IGNORECASE | re.VERBOSE,
)
_SUPPRESS = re.compile(r"^\s*mccheck\s*:\s*ignore\b(?P<ids>.*)", re.IGNORECASE)
_CHECK_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
# Block quotes: indented at least 0.5" (720 twips) on the left and either indented
# on the right too or opening with a quotation mark. Hanging indents are not quotes.
QUOTE_LEFT_TWIPS = 720
QUOTE_RIGHT_TWIPS = 360
_QUOTE_OPENERS = "\"'\u201c\u2018\u00ab\u201e"


def _on(el: etree._Element | None, w_val: str) -> bool | None:
    """An OOXML on/off property: None when absent."""
    if el is None:
        return None
    return el.get(w_val, "true").lower() not in ("0", "false", "off")


def _twips(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


@dataclass(slots=True)
class _Style:
    """One w:style, then (after resolve) with its basedOn chain folded in."""

    name: str
    based_on: str | None
    kind: str  # paragraph, character, table, numbering
    outline: int | None = None
    num: bool | None = None  # numPr with numId != 0 -> True; numId 0 -> False
    ilvl: int | None = None
    bold: bool | None = None
    left: int | None = None
    right: int | None = None
    hanging: int | None = None
    heading: int = 0
    resolved: bool = False


class _Names:
    """Qualified tag names for one WordprocessingML namespace (transitional or strict)."""

    def __init__(self, w: str):
        q = lambda local: f"{{{w}}}{local}"  # noqa: E731
        self.w = w
        for local in (
            "body p r t tab ptab br cr noBreakHyphen tbl tr tc sdt sdtContent customXml "
            "smartTag del moveFrom ins moveTo pPr rPr pStyle rStyle numPr numId ilvl "
            "outlineLvl ind b trPr tcPr vMerge drawing pict object txbxContent "
            "footnoteReference endnoteReference altChunk sdtPr sdtEndPr style name "
            "basedOn docDefaults rPrDefault pPrDefault footnote endnote comment "
            "doNotIncludeSubdocsInStats"
        ).split():
            setattr(self, local, q(local))
        self.val = q("val")
        self.id = q("id")
        self.type = q("type")
        self.styleId = q("styleId")
        self.default = q("default")
        self.left_attrs = (q("left"), q("start"))
        self.right_attrs = (q("right"), q("end"))
        self.hanging_attr = q("hanging")
        self.author = q("author")
        self.alternate = f"{{{MC}}}AlternateContent"
        self.choice = f"{{{MC}}}Choice"
        self.fallback = f"{{{MC}}}Fallback"
        self.math_t = {f"{{{m}}}t" for m in MATH_NS}
        # Inline elements whose content is never text Word shows as accepted.
        self.skip_inline = {
            self.pPr, self.rPr, self.sdtPr, self.sdtEndPr, getattr(self, "del"), self.moveFrom
        }
        self.transparent_block = {self.customXml, self.ins, self.moveTo}


class _Styles:
    def __init__(self, n: _Names, root: etree._Element | None):
        self.n = n
        self.by_id: dict[str, _Style] = {}
        self.default_para: str | None = None
        self.default_bold: bool | None = None
        if root is None:
            return
        for st in root.iter(n.style):
            sid = st.get(n.styleId)
            if sid is None:
                continue
            kind = st.get(n.type, "paragraph")
            name_el = st.find(n.name)
            name = (name_el.get(n.val, "") if name_el is not None else sid).strip().lower()
            based = st.find(n.basedOn)
            s = _Style(name, based.get(n.val) if based is not None else None, kind)
            _read_ppr(n, st.find(n.pPr), s)
            rpr = st.find(n.rPr)
            if rpr is not None:
                s.bold = _on(rpr.find(n.b), n.val)
            self.by_id[sid] = s
            if kind == "paragraph" and st.get(n.default) in ("1", "true", "on"):
                self.default_para = sid
        defaults = root.find(n.docDefaults)
        if defaults is not None:
            rpr = defaults.find(f"{n.rPrDefault}/{n.rPr}")
            if rpr is not None:
                self.default_bold = _on(rpr.find(n.b), n.val)

    def get(self, sid: str | None) -> _Style | None:
        s = self.by_id.get(sid) if sid else None
        if s is not None and not s.resolved:
            self._resolve(s, set())
        return s

    def _resolve(self, s: _Style, seen: set[int]) -> None:
        seen.add(id(s))
        base = self.by_id.get(s.based_on) if s.based_on else None
        if base is not None and id(base) not in seen:
            if not base.resolved:
                self._resolve(base, seen)
            for attr in ("outline", "num", "ilvl", "bold", "left", "right", "hanging"):
                if getattr(s, attr) is None:
                    setattr(s, attr, getattr(base, attr))
        m = _HEADING_NAME.fullmatch(s.name)
        if m:
            s.heading = int(m.group(1))
        elif s.name == "title":
            s.heading = 1
        elif s.outline is not None and 0 <= s.outline <= 8:
            s.heading = s.outline + 1
        elif base is not None and base.heading and s.outline is None:
            s.heading = base.heading  # e.g. a custom style based on Heading 2
        s.resolved = True


def _read_ppr(n: _Names, ppr: etree._Element | None, s: _Style) -> None:
    """Fill outline level, numbering and indents from a pPr (style's or paragraph's)."""
    if ppr is None:
        return
    ol = ppr.find(n.outlineLvl)
    if ol is not None:
        try:
            s.outline = int(ol.get(n.val, "9"))
        except ValueError:
            pass
    num = ppr.find(n.numPr)
    if num is not None:
        num_id = num.find(n.numId)
        if num_id is not None:
            s.num = num_id.get(n.val, "0") != "0"
        ilvl = num.find(n.ilvl)
        if ilvl is not None:
            try:
                s.ilvl = int(ilvl.get(n.val, "0"))
            except ValueError:
                pass
    ind = ppr.find(n.ind)
    if ind is not None:
        for attr in n.left_attrs:
            if ind.get(attr) is not None:
                s.left = _twips(ind.get(attr))
                break
        for attr in n.right_attrs:
            if ind.get(attr) is not None:
                s.right = _twips(ind.get(attr))
                break
        if ind.get(n.hanging_attr) is not None:
            s.hanging = _twips(ind.get(n.hanging_attr))


class _Walker:
    """Turns story XML (body, header, note, comment, text box) into Blocks."""

    def __init__(self, n: _Names, styles: _Styles, file: str, budget: Budget, box_counted: bool):
        self.n = n
        self.styles = styles
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

    # -- block level -------------------------------------------------------------------

    def story(self, container: etree._Element, origin: str = "", counted: bool = True,
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
                if content is not None:
                    self.story(content, origin, counted, line)
            elif tag in n.transparent_block:
                self.story(child, origin, counted, line)
            elif tag == n.altChunk:
                self.altchunks += 1

    def _next_line(self, line: int | None) -> int | None:
        if line is not None:
            return line
        self.line += 1
        return self.line

    def _loc(self, line: int | None) -> Location:
        return Location(self.file, line=line)

    def _paragraph(self, p: etree._Element, origin: str, counted: bool, line: int | None) -> None:
        self.work += 1
        if self.work % 256 == 0:
            self.budget.tick()
        main = line is None and origin == ""
        here = self._next_line(line) if main else line
        parts: list[str] = []
        bold_runs: list[bool] | None = [] if main or origin == "textbox" else None
        boxes: list[etree._Element] = []
        self._inline(p, parts, bold_runs, boxes, self._para_style(p))
        text = "".join(parts).strip()
        if text:
            if origin in ("", "textbox"):
                kind, level = self._classify(p, text, bold_runs or [])
            else:
                kind, level = "paragraph", 0
            self.blocks.append(Block(kind, text, self._loc(here), level, counted=counted,
                                     origin=origin))  # type: ignore[arg-type]
        self._emit_boxes(boxes, origin, counted, here)

    def _emit_boxes(self, boxes: list, origin: str, counted: bool, line: int | None) -> None:
        for box in boxes:
            if origin == "":
                self.boxes += 1
                self.story(box, "textbox", self.box_counted, line if line is not None else 0)
            else:  # a text box inside a header or a note keeps that part's origin
                self.story(box, origin, counted, line)

    def _table(self, tbl: etree._Element, origin: str, counted: bool, line: int | None) -> None:
        main = line is None and origin == ""
        first = self.line + 1 if main else line
        boxes: list[etree._Element] = []
        rows = tuple(self._rows(tbl, main, boxes))
        text = "\n".join(c for row in rows for c in row if c)
        if text:
            self.blocks.append(Block("table", text, self._loc(first), rows=rows, counted=counted,
                                     origin=origin))  # type: ignore[arg-type]
        self._emit_boxes(boxes, origin, counted, first)

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

    def _rows(self, tbl: etree._Element, main: bool, boxes: list):
        n = self.n
        for tr in self._children(tbl, n.tr):
            trpr = tr.find(n.trPr)
            if trpr is not None and (trpr.find(getattr(n, "del")) is not None):
                # A deleted row: accepted, it is gone (its paragraphs still get numbers).
                if main:
                    self.line += sum(1 for _ in tr.iter(n.p))
                continue
            cells: list[str] = []
            for tc in self._children(tr, n.tc):
                tcpr = tc.find(n.tcPr)
                vmerge = tcpr.find(n.vMerge) if tcpr is not None else None
                lines = self._cell_lines(tc, main, boxes)
                if vmerge is not None and vmerge.get(n.val, "continue") != "restart":
                    # Continuation of a vertical merge: Word shows the first cell's text.
                    cells.append("")
                else:
                    cells.append("\n".join(x for x in lines if x))
            yield tuple(cells)

    def _cell_lines(self, container: etree._Element, main: bool, boxes: list) -> list[str]:
        """A cell's text, one entry per paragraph; nested tables are flattened into it."""
        n = self.n
        out: list[str] = []
        for child in container:
            tag = child.tag
            if tag == n.p:
                if main:
                    self._next_line(None)
                parts: list[str] = []
                self._inline(child, parts, None, boxes, None)
                out.append("".join(parts).strip())
            elif tag == n.tbl:
                for row in self._rows(child, main, boxes):
                    out.extend(row)
            elif tag == n.sdt:
                content = child.find(n.sdtContent)
                if content is not None:
                    out.extend(self._cell_lines(content, main, boxes))
            elif tag in n.transparent_block:
                out.extend(self._cell_lines(child, main, boxes))
            elif tag == n.altChunk:
                self.altchunks += 1
        return out

    # -- inline level ------------------------------------------------------------------

    def _para_style(self, p: etree._Element) -> _Style | None:
        n = self.n
        ppr = p.find(n.pPr)
        ps = ppr.find(n.pStyle) if ppr is not None else None
        sid = ps.get(n.val) if ps is not None else self.styles.default_para
        return self.styles.get(sid)

    def _inline(self, el: etree._Element, out: list[str], bold: list[bool] | None,
                boxes: list, pstyle: _Style | None) -> None:
        n = self.n
        for child in el:
            tag = child.tag
            if tag == n.r:
                self._run(child, child, out, bold, boxes, pstyle)
            elif tag in n.skip_inline or not isinstance(tag, str):
                continue
            elif tag == n.sdt:
                content = child.find(n.sdtContent)
                if content is not None:
                    self._inline(content, out, bold, boxes, pstyle)
            elif tag == n.alternate:
                branch = _branch(n, child)
                if branch is not None:
                    self._inline(branch, out, bold, boxes, pstyle)
            elif tag in n.math_t:
                out.append(child.text or "")
            else:  # hyperlink, ins, moveTo, fldSimple, smartTag, customXml, bdo, dir, oMath...
                self._inline(child, out, bold, boxes, pstyle)

    def _run(self, r: etree._Element, content: etree._Element, out: list[str],
             bold: list[bool] | None, boxes: list, pstyle: _Style | None) -> None:
        n = self.n
        start = len(out)
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
                _find_boxes(n, c, boxes)
            elif tag == n.alternate:
                branch = _branch(n, c)
                if branch is not None:
                    self._run(r, branch, out, bold, boxes, pstyle)
            # instrText (field codes), delText, softHyphen, sym, fldChar: no text.
        if bold is not None and content is r and "".join(out[start:]).strip():
            bold.append(self._is_bold(r, pstyle))

    def _is_bold(self, r: etree._Element, pstyle: _Style | None) -> bool:
        n = self.n
        rpr = r.find(n.rPr)
        if rpr is not None:
            direct = _on(rpr.find(n.b), n.val)
            if direct is not None:
                return direct
            rs = rpr.find(n.rStyle)
            cstyle = self.styles.get(rs.get(n.val)) if rs is not None else None
            if cstyle is not None and cstyle.bold is not None:
                return cstyle.bold
        if pstyle is not None and pstyle.bold is not None:
            return pstyle.bold
        return bool(self.styles.default_bold)

    # -- classification ----------------------------------------------------------------

    def _classify(self, p: etree._Element, text: str, bold_runs: list[bool]) -> tuple[str, int]:
        n = self.n
        style = self._para_style(p)
        own = _Style("", None, "paragraph")
        _read_ppr(n, p.find(n.pPr), own)
        if own.outline is not None:
            if 0 <= own.outline <= 8:
                return "heading", own.outline + 1
        elif style is not None and style.heading:
            return "heading", style.heading
        num = own.num if own.num is not None else (style.num if style else None)
        name = style.name if style is not None else ""
        if num or name.startswith("list"):
            ilvl = own.ilvl if own.ilvl is not None else (style.ilvl if style else None)
            if ilvl is not None and num:
                return "list_item", min(max(ilvl, 0), 8) + 1
            m = _TRAILING_DIGIT.search(name)
            return "list_item", int(m.group(1)) if m else 1
        if "quot" in name or name == "block text":
            return "quote", 0
        words = len(text.split())
        short = words <= HEADING_WORDS and text[-1] not in _NO_HEADING_END and "\n" not in text
        if short:
            level = _numbered_level(text)
            if level:
                return "heading", level
            if bold_runs and all(bold_runs) and any(ch.isalpha() for ch in text):
                return "heading", 2
        left = own.left if own.left is not None else (style.left if style else None)
        right = own.right if own.right is not None else (style.right if style else None)
        hanging = own.hanging if own.hanging is not None else (style.hanging if style else None)
        if (left or 0) >= QUOTE_LEFT_TWIPS and not hanging and (
            (right or 0) >= QUOTE_RIGHT_TWIPS or text[0] in _QUOTE_OPENERS
        ):
            return "quote", 0
        return "paragraph", 0


def _numbered_level(text: str) -> int:
    """Heading level of a typed-number line ("Part 1: Overview", "1.2 Context"), else 0."""
    m = _NUMBERED.match(text)
    if not m:
        return 0
    title = m.group("title").strip()
    if m.group("word"):
        return 1
    if not title or not (title[0].isupper() or title[0].isdigit()):
        return 0
    if m.group("num"):
        return min(2 + m.group("num").count("."), 9)
    return 2


def _branch(n: _Names, alternate: etree._Element) -> etree._Element | None:
    """One copy of mc:AlternateContent: the first Choice, else the Fallback."""
    for child in alternate:
        if child.tag == n.choice:
            return child
    for child in alternate:
        if child.tag == n.fallback:
            return child
    return None


def _find_boxes(n: _Names, el: etree._Element, boxes: list) -> None:
    """Outermost w:txbxContent under a drawing/pict (DrawingML or VML), each once."""
    for child in el:
        tag = child.tag
        if tag == n.txbxContent:
            boxes.append(child)
        elif tag == n.alternate:
            branch = _branch(n, child)
            if branch is not None:
                _find_boxes(n, branch, boxes)
        elif isinstance(tag, str):
            _find_boxes(n, child, boxes)


# -- package -------------------------------------------------------------------------------


class _Package:
    """The zip, its relationships, and hardened access to its XML parts."""

    def __init__(self, zf: zipfile.ZipFile, path: Path, limits: ReadLimits):
        self.zf = zf
        self.path = path
        self.limits = limits
        self.names = set(zf.namelist())

    def xml(self, name: str) -> etree._Element | None:
        if name not in self.names:
            return None
        return safe_xml(read_part(self.zf, name, self.path, self.limits), self.path, name)

    def rels(self, part: str) -> list[tuple[str, str]]:
        """(type suffix, target part) of a part's internal relationships."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        if root is None:
            return []
        out = []
        for rel in root.iter(f"{{{REL_NS}}}Relationship", "Relationship"):
            if rel.get("TargetMode", "").lower() == "external":
                continue
            target = rel.get("Target", "")
            if not target:
                continue
            if target.startswith("/"):
                name = target.lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            out.append((rel.get("Type", "").rsplit("/", 1)[-1], name))
        return out

    def main_part(self) -> str | None:
        for kind, name in self.rels(""):
            if kind == "officeDocument" and name in self.names:
                return name
        return DEFAULT_MAIN if DEFAULT_MAIN in self.names else None


def read(path: Path, limits: ReadLimits) -> Document:
    """Read a .docx into a Document; raise InputError for anything that is not a sane one."""
    path = Path(path)
    check_zip(path, limits)
    budget = Budget(path, limits)
    file = str(path)
    try:
        zf = zipfile.ZipFile(path, "r")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise InputError(path, "is damaged (not a readable zip): save it again from Word") from None
    with zf:
        pkg = _Package(zf, path, limits)
        main = pkg.main_part()
        if main is None:
            raise InputError(path, NO_BODY_MESSAGE)
        return _read_package(pkg, main, file, budget)


def _read_package(pkg: _Package, main: str, file: str, budget: Budget) -> Document:
    path = pkg.path
    root = pkg.xml(main)
    w = root.tag[1:].split("}", 1)[0] if root is not None and root.tag.startswith("{") else ""
    if w not in (W_TRANSITIONAL, W_STRICT):
        raise InputError(path, "is not a Word document (its body is not WordprocessingML)")
    n = _Names(w)
    body = root.find(n.body)
    if body is None:
        raise InputError(path, NO_BODY_MESSAGE)
    parts: dict[str, list[str]] = {}
    for kind, name in pkg.rels(main):
        if name in pkg.names and name not in parts.setdefault(kind, []):
            parts[kind].append(name)

    def first(kind: str) -> etree._Element | None:
        names = parts.get(kind)
        return pkg.xml(names[0]) if names else None

    styles = _Styles(n, first("styles"))
    settings = first("settings")
    box_counted = True
    if settings is not None:
        flag = settings.find(n.doNotIncludeSubdocsInStats)
        box_counted = not _on(flag, n.val)

    walker = _Walker(n, styles, file, budget, box_counted)
    notes: list[Note] = []

    # Headers come first (they sit at the top of the page), then the body, then the
    # notes, comments and footers. Only the body's blocks are counted.
    header_blocks = _side_parts(pkg, n, walker, parts.get("header", []), "header", budget)
    walker.story(body)
    body_blocks = walker.blocks
    walker.blocks = []

    tracked = next(
        body.iter(getattr(n, "del"), n.ins, n.moveFrom, n.moveTo), None
    ) is not None
    if tracked:
        notes.append(Note(
            "tracked-changes", "info",
            "the document has tracked changes that are not accepted yet; "
            "they were counted as if accepted",
        ))
    if walker.boxes:
        how = ("is counted, as in Word's word count" if box_counted else
               "is not counted: this document's Word Count is set to leave text boxes out")
        plural = "text box" if walker.boxes == 1 else f"{walker.boxes} text boxes"
        notes.append(Note("textboxes", "info", f"text in {plural} {how}"))
    if walker.altchunks:
        notes.append(Note(
            "embedded-content", "warning",
            f"{walker.altchunks} pasted-in part(s) (altChunk) cannot be read or counted: "
            "open the document in Word and save it again",
        ))

    note_blocks: list[Block] = []
    for kind, ref_ids, tag in (
        ("footnote", walker.footnote_refs, n.footnote),
        ("endnote", walker.endnote_refs, n.endnote),
    ):
        count, words = 0, 0
        for name in parts.get(kind + "s", []):
            root_ = pkg.xml(name)
            if root_ is None:
                continue
            for note in root_.iter(tag):
                if note.get(n.type) not in (None, "normal") or note.get(n.id) not in ref_ids:
                    continue  # separators, continuation notices, orphans
                walker.blocks = []
                walker.story(note, kind, False, None)
                if walker.blocks:
                    count += 1
                    words += sum(len(b.text.split()) for b in walker.blocks)
                    note_blocks.extend(walker.blocks)
        if count:
            notes.append(Note(
                kind + "s", "info",
                f"{count} {kind}{'s' if count != 1 else ''} with {words} "
                f"word{'s' if words != 1 else ''} {'are' if count != 1 else 'is'} not counted",
            ))

    comment_blocks, suppressed = _comments(pkg, n, walker, parts.get("comments", []))
    footer_blocks = _side_parts(pkg, n, walker, parts.get("footer", []), "footer", budget)

    author = _author(pkg)
    if author:
        notes.append(Note("author-metadata", "info", f"the document properties name {author}"))

    blocks = header_blocks + body_blocks + note_blocks + comment_blocks + footer_blocks
    return Document(file, tuple(blocks), tuple(notes), suppressed=frozenset(suppressed))


def _side_parts(pkg: _Package, n: _Names, walker: _Walker, names: list[str], origin: str,
                budget: Budget) -> list[Block]:
    """Uncounted blocks of each distinct header or footer part, once per part."""
    out: list[Block] = []
    for name in sorted(names, key=_natural):
        budget.tick()
        root = pkg.xml(name)
        if root is None:
            continue
        walker.blocks = []
        walker.story(root, origin, False, None)
        out.extend(walker.blocks)
    walker.blocks = []
    return out


def _comments(pkg: _Package, n: _Names, walker: _Walker,
              names: list[str]) -> tuple[list[Block], set[str]]:
    blocks: list[Block] = []
    suppressed: set[str] = set()
    for name in names:
        root = pkg.xml(name)
        if root is None:
            continue
        for comment in root.iter(n.comment):
            walker.blocks = []
            walker.story(comment, "comment", False, None)
            if not walker.blocks:
                continue
            m = _SUPPRESS.match(walker.blocks[0].text)
            if m:
                suppressed.update(_CHECK_ID.findall(m.group("ids").lower()))
            blocks.extend(walker.blocks)
    walker.blocks = []
    return blocks, suppressed


def _author(pkg: _Package) -> str:
    """"creator (last modified by X)" from docProps/core.xml, or ""."""
    name = next((p for k, p in pkg.rels("") if k == "core-properties"), "docProps/core.xml")
    root = pkg.xml(name)
    if root is None:
        return ""
    found: dict[str, str] = {}
    for child in root:
        if isinstance(child.tag, str):
            local = child.tag.rsplit("}", 1)[-1]
            if local in ("creator", "lastModifiedBy") and (child.text or "").strip():
                found[local] = " ".join(child.text.split())
    creator, modifier = found.get("creator", ""), found.get("lastModifiedBy", "")
    if creator and modifier and modifier != creator:
        return f"{creator} as author and {modifier} as last editor"
    if creator:
        return f"{creator} as author"
    if modifier:
        return f"{modifier} as last editor"
    return ""


def _natural(name: str) -> tuple:
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name))

"""Build the layout corpus (drafts/ + expected/) from the prose in sources/.

Regenerate from the repository root, in the project's virtualenv plus reportlab:

    pip install reportlab          # generator only, not a project dependency
    python tests/data/layouts/make_layouts.py            # every case
    python tests/data/layouts/make_layouts.py csp-01 asm  # cases whose name starts so
    python tests/data/layouts/make_layouts.py --verify   # check the built files and the truth

Tools used (the generated files are committed, so tests need none of them): pandoc
(markdown -> docx), LibreOffice (``soffice --headless --convert-to pdf``), Chromium
(``--headless --print-to-pdf``), python-docx and reportlab.

The truth in expected/CASE.json is computed here from the prose, by the counting convention
of ../shared/drafts/README.md, never from mccheck: each source block has a role (section
heading, own sub-heading, copied prompt, quoted mission statement, placeholder, answer text,
table), and a section's words are the tokens with a letter or digit in its counted blocks.

Source markup (sources/*.txt), one block per line or paragraph, blank lines between:
    = Title                      document title (not counted)
    ~ text                       front matter (not counted; unassigned_words)
    # Part 2: Evidence           part heading (not counted)
    ## SECTION-ID | Heading      the heading that names a section (not counted)
    ### Sub-heading              the teacher's own sub-heading (counted, not in words_prose)
    ? Copied question            a prompt copied from the credential (not counted)
    > "Quoted statement"         a quoted mission statement (not counted)
    [Insert ... here]            a placeholder-only line (not counted)
    - item / 1. item             bullets / numbered items (counted, marker excluded)
    | a | b |                    table rows (every cell counted)
    anything else                a paragraph (may wrap over several source lines)
A block prefixed ``{+tag}`` is kept only in cases with that tag, ``{-tag}`` only in cases
without it: that is how one prose set yields a ready draft and a draft with a planted problem.
``**bold**`` and ``*italic*`` mark inline runs.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SOURCES = HERE / "sources"
DRAFTS = HERE / "drafts"
EXPECTED = HERE / "expected"
CREDENTIALS = ROOT / "credentials"

COUNTED = {"sub", "para", "bullet", "number", "table"}
FORM_PLACEHOLDER = "Click or tap here to enter text."


# ---------------------------------------------------------------- source model


@dataclass(frozen=True)
class Block:
    kind: str  # title front part section sub prompt quote placeholder para bullet number table
    text: str = ""
    section: str | None = None  # the section the block belongs to (part headings: the next one)
    rows: tuple[tuple[str, ...], ...] = ()
    tags: frozenset[str] = frozenset()  # "+tag" / "-tag" conditions


_TAG = re.compile(r"^\{([+-][\w-]+)\}\s*")


def parse_source(name: str) -> list[Block]:
    """The blocks of sources/NAME.txt, every condition kept (see ``select``)."""
    raw = (SOURCES / f"{name}.txt").read_text(encoding="utf-8")
    blocks: list[Block] = []
    section: str | None = None
    for chunk in re.split(r"\n\s*\n", raw.strip()):
        lines = [ln.rstrip() for ln in chunk.splitlines() if ln.strip() and not ln.startswith("//")]
        if not lines:
            continue
        tags: set[str] = set()
        for i, ln in enumerate(lines):  # a tag on any line of a chunk applies to the chunk
            while m := _TAG.match(ln):
                tags.add(m.group(1))
                ln = ln[m.end():]
            lines[i] = ln
        lines = [ln for ln in lines if ln.strip()]
        head = lines[0]
        one = " ".join(ln.strip() for ln in lines)
        if head.startswith(("- ", "1. ")) or re.match(r"\d+\. ", head):
            for ln in lines:
                kind = "bullet" if ln.startswith("- ") else "number"
                blocks.append(Block(kind, re.sub(r"^(- |\d+\. )", "", ln).strip(), section, tags=frozenset(tags)))
            continue
        if len(lines) > 1 and all(ln.startswith("? ") for ln in lines):  # questions listed at the top
            blocks.extend(Block("prompt", ln[2:].strip(), section, tags=frozenset(tags)) for ln in lines)
            continue
        if head.startswith("|"):
            rows = tuple(tuple(c.strip() for c in ln.strip().strip("|").split("|")) for ln in lines)
            blocks.append(Block("table", section=section, rows=rows, tags=frozenset(tags)))
            continue
        if head.startswith("## "):
            sid, _, title = head[3:].partition("|")
            section = sid.strip()
            blocks.append(Block("section", title.strip(), section, tags=frozenset(tags)))
            continue
        for prefix, kind in (("= ", "title"), ("~ ", "front"), ("### ", "sub"), ("# ", "part"),
                             ("? ", "prompt"), ("> ", "quote")):
            if head.startswith(prefix):
                blocks.append(Block(kind, one[len(prefix):].strip(), section, tags=frozenset(tags)))
                break
        else:
            kind = "placeholder" if one.startswith("[") and one.endswith("]") else "para"
            blocks.append(Block(kind, one, section, tags=frozenset(tags)))
    # A part heading belongs with the section that follows it (folders split by section).
    out: list[Block] = []
    for i, b in enumerate(blocks):
        if b.kind in ("part", "title", "front"):
            nxt = next((c.section for c in blocks[i + 1:] if c.kind == "section"), None)
            b = replace(b, section=nxt if b.kind == "part" else None)
        out.append(b)
    return out


def select(blocks: list[Block], tags: set[str]) -> list[Block]:
    """The blocks a case with ``tags`` keeps."""
    def keep(b: Block) -> bool:
        return all((t[1:] in tags) == (t[0] == "+") for t in b.tags)
    return [b for b in blocks if keep(b)]


# ---------------------------------------------------------------- counting (the README's rule)


def plain(text: str) -> str:
    """Inline markup removed: the text a reader sees."""
    return re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*", lambda m: m.group(1) or m.group(2), text)


def words(text: str) -> int:
    """Whitespace-separated tokens with at least one letter or digit."""
    return sum(1 for t in plain(text).split() if any(c.isalnum() for c in t))


def block_words(b: Block) -> int:
    if b.kind == "table":
        return sum(words(c) for row in b.rows for c in row)
    return words(b.text)


# A hyphen between digits (a phone number) is one token for every counter; letters joined
# by a hyphen, dash or slash are not.
_JOINED = re.compile(r"[^\W\d][-\u2013\u2014/]\w|\w[\u2013\u2014/]\w|https?:|www\.")


def check_prose(case: str, blocks: list[Block]) -> None:
    """The README promises counted prose without joined tokens or URLs: hold the sources to it."""
    for b in blocks:
        if b.kind not in COUNTED or b.kind == "sub":
            continue
        texts = [c for row in b.rows for c in row] if b.kind == "table" else [b.text]
        for t in texts:
            if _JOINED.search(plain(t)):
                raise SystemExit(f"{case}: counted text has a joined token or URL: {t[:80]!r}")


# ---------------------------------------------------------------- specs


def spec_of(credential: str) -> dict:
    path = (DRAFTS / credential).resolve() if credential.endswith(".yaml") else CREDENTIALS / f"{credential}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def spec_sections(spec: dict) -> list[dict]:
    return [s for p in spec["parts"] for s in p["sections"]]


# ---------------------------------------------------------------- inline runs


_RUN = re.compile(r"(\*\*.+?\*\*|\*.+?\*)")


def runs(text: str) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) pieces of a line with ``**``/``*`` markup."""
    out = []
    for piece in _RUN.split(text):
        if not piece:
            continue
        if piece.startswith("**"):
            out.append((piece[2:-2], True, False))
        elif piece.startswith("*"):
            out.append((piece[1:-1], False, True))
        else:
            out.append((piece, False, False))
    return out


def grouped(blocks: list[Block]):
    """Blocks with consecutive bullets (or numbered items) as one ("list", kind, [blocks])."""
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind in ("bullet", "number"):
            j = i
            while j < len(blocks) and blocks[j].kind == b.kind:
                j += 1
            yield ("list", b.kind, blocks[i:j])
            i = j
        else:
            yield ("one", b.kind, [b])
            i += 1


# ---------------------------------------------------------------- markdown (ATX for pandoc, setext)


def to_markdown(blocks: list[Block], setext: bool = False) -> str:
    out: list[str] = []
    for kind_, kind, group in grouped(blocks):
        b = group[0]
        if kind_ == "list":
            out.append("\n".join(("- " if kind == "bullet" else f"{n}. ") + g.text for n, g in enumerate(group, 1)))
        elif kind == "title":
            out.append(f"{b.text}\n{'=' * len(b.text)}" if setext else f"# {b.text}")
        elif kind == "part":
            out.append(f"{b.text}\n{'=' * len(b.text)}" if setext else f"# {b.text}")
        elif kind == "section":
            out.append(f"{b.text}\n{'-' * len(b.text)}" if setext else f"## {b.text}")
        elif kind == "sub":
            out.append(f"**{b.text}**" if setext else f"### {b.text}")
        elif kind == "prompt":
            out.append(f"*{b.text}*")
        elif kind == "quote":
            out.append(f"> {b.text}")
        elif kind == "table":
            head, *rest = b.rows
            lines = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
            lines += ["| " + " | ".join(r) + " |" for r in rest]
            out.append("\n".join(lines))
        else:  # front, para, placeholder
            out.append(b.text)
    return "\n\n".join(out) + "\n"


def write_setext(blocks: list[Block], dest: Path) -> None:
    dest.write_text(to_markdown(blocks, setext=True), encoding="utf-8")


def write_pandoc_docx(blocks: list[Block], dest: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "draft.md"
        src.write_text(to_markdown(blocks), encoding="utf-8")
        subprocess.run(["pandoc", str(src), "-f", "markdown-smart", "-o", str(dest)], check=True)


# ---------------------------------------------------------------- plain text


def write_text(blocks: list[Block], dest: Path, style: str) -> None:
    """Plain text as teachers type it. style: "caps" (ALL CAPS headings), "underline"
    (headings underlined with = and -), "parts" ("Part 1:" lines, sections in Title Case
    with a colon, saved by Windows Notepad: a byte order mark and CRLF line ends);
    paragraphs hard-wrapped at 72 columns."""
    out: list[str] = []
    wrap = lambda t, indent="": textwrap.fill(plain(t), 72, initial_indent=indent, subsequent_indent=indent)
    for kind_, kind, group in grouped(blocks):
        b = group[0]
        if kind_ == "list":
            marker = "-" if kind == "bullet" else None
            out.append("\n".join(textwrap.fill(plain(g.text), 72, initial_indent=f"{marker or f'{n}.'} ",
                                               subsequent_indent="   ") for n, g in enumerate(group, 1)))
        elif kind in ("title", "part", "section"):
            text = plain(b.text)
            if style == "caps":
                out.append(text.upper())
            elif style == "underline":
                out.append(f"{text}\n{('=' if kind != 'section' else '-') * len(text)}")
            else:  # parts
                out.append(text.upper() if kind == "title" else (text if kind == "part" else f"{text}:"))
        elif kind == "sub":
            out.append(plain(b.text) + (":" if style != "caps" and not b.text.endswith((":", "?")) else ""))
        elif kind == "quote":
            out.append(wrap(b.text, "    "))
        elif kind == "table":
            out.append("\n".join("\t".join(plain(c) for c in r) for r in b.rows))
        else:
            out.append(wrap(b.text))
    text = "\n\n".join(out) + "\n"
    if style == "parts":
        dest.write_bytes(text.replace("\n", "\r\n").encode("utf-8-sig"))
    else:
        dest.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- HTML (Chromium print)


def to_html(blocks: list[Block], title: str) -> str:
    def inline(t: str) -> str:
        return "".join(f"<strong>{html.escape(p)}</strong>" if b else f"<em>{html.escape(p)}</em>" if i
                       else html.escape(p) for p, b, i in runs(t))
    body: list[str] = []
    for kind_, kind, group in grouped(blocks):
        b = group[0]
        if kind_ == "list":
            tag = "ul" if kind == "bullet" else "ol"
            body.append(f"<{tag}>" + "".join(f"<li>{inline(g.text)}</li>" for g in group) + f"</{tag}>")
        elif kind == "table":
            head, *rest = b.rows
            rows = "<tr>" + "".join(f"<th>{inline(c)}</th>" for c in head) + "</tr>"
            rows += "".join("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in r) + "</tr>" for r in rest)
            body.append(f"<table>{rows}</table>")
        else:
            tag = {"title": "h1", "part": "h2", "section": "h3", "sub": "h4", "quote": "blockquote"}.get(kind, "p")
            cls = {"front": ' class="byline"', "prompt": ' class="prompt"'}.get(kind, "")
            body.append(f"<{tag}{cls}>{inline(b.text)}</{tag}>")
    css = ("body{font-family:'Liberation Serif',serif;font-size:12pt;line-height:1.4;margin:0 0.3in}"
           "h1{font-size:22pt}h2{font-size:17pt;border-bottom:1px solid #999}h3{font-size:14pt}"
           "h4{font-size:12pt}.byline{color:#555}.prompt{font-style:italic;color:#333}"
           "blockquote{font-style:italic;margin-left:0.5in}table{border-collapse:collapse}"
           "td,th{border:1px solid #666;padding:4px;vertical-align:top;font-size:11pt}")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{css}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def write_browser_pdf(blocks: list[Block], dest: Path) -> None:
    """Chromium's print to PDF, with its default header (date, title) and footer (URL, page)."""
    title = next((plain(b.text) for b in blocks if b.kind in ("title", "part", "section")), dest.stem)
    with tempfile.TemporaryDirectory() as tmp:
        # A fixed page path keeps the footer's file URL the same from one build to the next.
        page = Path(tempfile.gettempdir()) / "mccheck-layouts" / f"{dest.stem}.html"
        page.parent.mkdir(exist_ok=True)
        page.write_text(to_html(blocks, title), encoding="utf-8")
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        f"--user-data-dir={tmp}/profile", f"--print-to-pdf={dest}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)


# ---------------------------------------------------------------- docx (python-docx)


def new_docx():
    import docx
    from docx.shared import Pt
    d = docx.Document()
    # python-docx signs its template "python-docx"; a teacher's export names no such author.
    d.core_properties.author = ""
    d.core_properties.last_modified_by = ""
    d.core_properties.comments = ""
    d.styles["Normal"].font.name = "Liberation Serif"
    d.styles["Normal"].font.size = Pt(11)
    return d


def add_runs(par, text: str, bold: bool | None = None, italic: bool | None = None, size: float | None = None):
    from docx.shared import Pt
    for piece, b, i in runs(text):
        r = par.add_run(piece)
        if b or bold:
            r.bold = True
        if i or italic:
            r.italic = True
        if size:
            r.font.size = Pt(size)
    return par


def add_table(container, rows, style: str | None = "Table Grid"):
    """A table with a bold header row; wide tables get a smaller font, as people shrink them
    to keep words from breaking inside narrow cells."""
    table = container.add_table(rows=len(rows), cols=len(rows[0]))
    if style:
        table.style = style
    size = 8 if len(rows[0]) > 4 else None
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            add_runs(cell.paragraphs[0], text, bold=(r == 0) or None, size=size)
    return table


def _numbering(doc, fmt: str) -> int:
    """A new w:num (restarting at 1) over a new abstract list of ``fmt`` (bullet/decimal)."""
    from docx.oxml import parse_xml
    numbering = doc.part.numbering_part.element
    ids = [int(x) for x in numbering.xpath("./w:abstractNum/@w:abstractNumId")] + [0]
    nums = [int(x) for x in numbering.xpath("./w:num/@w:numId")] + [0]
    aid, nid = max(ids) + 1, max(nums) + 1
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    text = "\u25cf" if fmt == "bullet" else "%1."
    abstract = parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="{aid}"><w:multiLevelType w:val="hybridMultilevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>')
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {ns} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    return nid


def _set_num(par, nid: int) -> None:
    from docx.oxml import parse_xml
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    par._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {ns}><w:ilvl w:val="0"/><w:numId w:val="{nid}"/></w:numPr>'))


def docx_body(doc, container, blocks: list[Block], look: str) -> None:
    """Write blocks into ``container`` (the document or a table cell).

    look: "styles" (Word heading styles, Quote, List Bullet/Number; a Word user),
    "gdocs" (Title/Subtitle, headings as Normal paragraphs with direct bold, lists through
    numbering.xml on Normal paragraphs, quotes as indented italic; what Google Docs exports),
    "gdocs-numbered" (gdocs, with the section headings numbered 1., 2., ... by one numbered
    list, the numbers not in the text, and no part headings), "direct" (no heading styles at
    all: headings only bigger and bold, lists as List styles).
    """
    from docx.shared import Inches, Pt
    first = container is doc
    heading_list = _numbering(doc, "decimal") if look == "gdocs-numbered" else None
    if look == "gdocs-numbered":
        blocks = [b for b in blocks if b.kind != "part"]
        look = "gdocs"
    for kind_, kind, group in grouped(blocks):
        b = group[0]
        if kind_ == "list":
            if look == "gdocs":
                nid = _numbering(doc, "bullet" if kind == "bullet" else "decimal")
                for g in group:
                    _set_num(add_runs(container.add_paragraph(), g.text), nid)
            else:
                style = "List Bullet" if kind == "bullet" else "List Number"
                for g in group:
                    add_runs(container.add_paragraph(style=style), g.text)
            continue
        if kind == "table":
            add_table(container, b.rows, None if look == "gdocs" else "Table Grid")
            container.add_paragraph()
            continue
        if look == "styles":
            style = {"title": "Title", "front": "Subtitle", "part": "Heading 1", "section": "Heading 2",
                     "sub": "Heading 3", "quote": "Quote"}.get(kind)
            p = container.add_paragraph(style=style)
            add_runs(p, b.text, italic=(kind == "prompt") or None)
            continue
        if look == "gdocs" and first and kind in ("title", "front"):
            add_runs(container.add_paragraph(style="Title" if kind == "title" else "Subtitle"), b.text)
            continue
        size = {"title": 18, "part": 16, "section": 13.5 if look == "direct" else 14, "sub": None}.get(kind)
        p = container.add_paragraph()
        bold = kind in ("title", "part", "section", "sub") or None
        italic = kind in ("prompt", "quote") or None
        add_runs(p, b.text, bold=bold, italic=italic, size=size)
        if kind == "quote":
            p.paragraph_format.left_indent = Inches(0.5)
        if kind in ("part", "section") and look != "direct":
            p.paragraph_format.space_before = Pt(12)
        if kind == "section" and heading_list:
            _set_num(p, heading_list)


def write_docx(blocks: list[Block], dest: Path, look: str, columns: int = 1) -> None:
    doc = new_docx()
    docx_body(doc, doc, blocks, look)
    if columns > 1:  # page layout in columns, as Word's Layout > Columns sets it
        from docx.oxml import parse_xml
        sect = doc.sections[0]._sectPr
        for old in sect.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cols"):
            sect.remove(old)
        sect.append(parse_xml(f'<w:cols {W_NS} w:num="{columns}" w:space="720"/>'))
    doc.save(dest)


def write_toc_docx(blocks: list[Block], dest: Path) -> None:
    """A Word document (heading styles) with the table of contents Word inserts after the
    title: a content control holding "TOC 1" / "TOC 2" paragraphs, each a part or section
    heading, a tab and a page number, as Word saves the field's last result."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml import parse_xml
    from docx.shared import Inches
    doc = new_docx()
    head = [b for b in blocks if b.kind in ("title", "front")]
    docx_body(doc, doc, head, "styles")
    for level in (1, 2):
        st = doc.styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = doc.styles["Normal"]
        st.paragraph_format.left_indent = Inches(0.25 * (level - 1))
        st.paragraph_format.tab_stops.add_tab_stop(Inches(6), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    toc = [doc.add_paragraph("Contents", style="TOC Heading")]
    page = 1
    for b in blocks:
        if b.kind in ("part", "section"):
            page += b.kind == "part"
            toc.append(doc.add_paragraph(f"{plain(b.text)}\t{page}", style="TOC 1" if b.kind == "part" else "TOC 2"))
    sdt = parse_xml(f'<w:sdt {W_NS}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
                    f'<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent/></w:sdt>')
    toc[0]._p.addprevious(sdt)
    for par in toc:
        sdt[1].append(par._p)
    doc.add_page_break()
    docx_body(doc, doc, [b for b in blocks if b.kind not in ("title", "front")], "styles")
    doc.save(dest)


def write_libreoffice_pdf(blocks: list[Block], dest: Path, look: str = "styles", columns: int = 1) -> None:
    """A .docx written with python-docx, exported to PDF by LibreOffice."""
    _through_libreoffice(blocks, dest, "pdf", look, columns)


def write_libreoffice_docx(blocks: list[Block], dest: Path) -> None:
    """A styled .docx opened and saved again as .docx by LibreOffice Writer: its own XML
    (styles.xml, numbering, run properties), as a teacher using Writer submits."""
    _through_libreoffice(blocks, dest, "docx:MS Word 2007 XML", "styles", 1)


def _through_libreoffice(blocks: list[Block], dest: Path, target: str, look: str, columns: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in" / f"{dest.stem}.docx"
        src.parent.mkdir()
        write_docx(blocks, src, look, columns)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/lo", "--headless",
                        "--convert-to", target, "--outdir", tmp, str(src)],
                       check=True, capture_output=True, timeout=180)
        shutil.move(Path(tmp) / f"{dest.stem}{dest.suffix}", dest)


# ---------------------------------------------------------------- Word fill-in form


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _content_control(cell, sdt_id: int, filled: bool) -> None:
    """Wrap the cell's paragraphs in a rich-text content control; unfilled, it shows
    Word's own placeholder text, as a form left partly blank does."""
    from docx.oxml import parse_xml
    pr = f'<w:sdtPr><w:id w:val="{sdt_id}"/><w:placeholder><w:docPart w:val="DefaultPlaceholder_-1854013440"/></w:placeholder>'
    if not filled:
        pr += "<w:showingPlcHdr/>"
    sdt = parse_xml(f"<w:sdt {W_NS}>{pr}</w:sdtPr><w:sdtContent/></w:sdt>")
    content = sdt[1]
    paragraphs = list(cell._tc.iterchildren("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p",
                                            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tbl"))
    if filled:
        paragraphs[0].addprevious(sdt)
        for p in paragraphs:
            content.append(p)
        cell._tc.append(parse_xml(f"<w:p {W_NS}/>"))  # a cell ends with a paragraph
    else:
        paragraphs[0].addprevious(sdt)
        content.append(parse_xml(
            f'<w:p {W_NS}><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr>'
            f"<w:t>{FORM_PLACEHOLDER}</w:t></w:r></w:p>"))


def write_form_docx(blocks: list[Block], dest: Path, spec: dict, prompts: str) -> None:
    """The whole submission in the issuer's form table, a full-width shaded row per part.

    prompts="left" / "above": one prompt cell per section (its title and the credential's
    own questions, or its guidance) left of or above the answer cell. prompts="rows": a
    full-width row with the section's title, then one row per question copied in the draft,
    the question on the left and its answer on the right. Answers sit in content controls;
    a placeholder block becomes a control still showing Word's "Click or tap here to enter
    text.": the whole answer when the section has nothing else, or a second control left
    unfilled under the answer."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.shared import RGBColor
    doc = new_docx()
    ph = doc.styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER)
    ph.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
    asks = {s["id"]: [p["text"] for p in s.get("prompts") or []] or [s.get("guidance", "")]
            for s in spec_sections(spec)}
    guidance = {s["id"]: s.get("guidance", "") for s in spec_sections(spec)}
    items: list[tuple[Block, list[Block]]] = []  # (part or section heading, its blocks)
    for b in blocks:
        if b.kind == "title":
            add_runs(doc.add_paragraph(style="Title"), b.text)
        elif b.kind == "front":
            add_runs(doc.add_paragraph(), b.text, italic=True)
        elif b.kind in ("part", "section"):
            items.append((b, []))
        elif items:
            items[-1][1].append(b)
    add_runs(doc.add_paragraph(), FORM_INSTRUCTIONS[f"form-{prompts}"], italic=True)
    cols = 1 if prompts == "above" else 2
    table = doc.add_table(rows=0, cols=cols)
    table.style = "Table Grid"
    def shade(cell):
        cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {W_NS} w:val="clear" w:color="auto" w:fill="D9E2F3"/>'))
    def full_row(text: str, size: float | None):
        row = table.add_row()
        cell = row.cells[0].merge(row.cells[-1]) if cols == 2 else row.cells[0]
        add_runs(cell.paragraphs[0], text, bold=True, size=size)
        shade(cell)
    n = 0
    for head, body in items:
        if head.kind == "part":
            full_row(head.text, 13)
            continue
        if prompts == "rows":  # the section's title, then one row per copied question
            full_row(head.text, None)
            pairs: list[tuple[list[str], list[Block]]] = []
            for b in body:
                if b.kind == "prompt":
                    pairs.append(([b.text], []))
                elif pairs:
                    pairs[-1][1].append(b)
                else:  # text before the first question: the form's guidance row
                    pairs.append(([guidance[head.section] or asks[head.section][0]], [b]))
        else:
            pairs = [([head.text] + asks[head.section], [b for b in body if b.kind != "prompt"])]
        for ask, answer in pairs:
            n += 1
            row = table.add_row()
            ask_cell = row.cells[0]
            answer_cell = table.add_row().cells[0] if prompts == "above" else row.cells[1]
            for k, a in enumerate(ask):
                par = ask_cell.paragraphs[0] if k == 0 else ask_cell.add_paragraph()
                add_runs(par, a, bold=(k == 0 and prompts != "rows") or None)
            if prompts == "above":
                shade(ask_cell)
            filled = [b for b in answer if b.kind != "placeholder"]
            answer_cell._tc.remove(answer_cell.paragraphs[0]._p)
            if filled:
                docx_body(doc, answer_cell, filled, "styles")
            else:
                answer_cell.add_paragraph()
            _content_control(answer_cell, 1000 + n, filled=bool(filled))
            if filled:  # a second control in the same cell, left as the form gave it
                for k, _ in enumerate(b for b in answer if b.kind == "placeholder"):
                    _content_control(answer_cell, 2000 + 10 * n + k, filled=False)
    doc.save(dest)


# ---------------------------------------------------------------- reportlab PDFs


def _reportlab_invariant() -> None:
    """reportlab writes no build date or random document id: a rebuild is byte for byte the same."""
    from reportlab import rl_config
    rl_config.invariant = 1


def _rl_styles(bold_headings: bool = True):
    """Paragraph styles; without ``bold_headings`` the title, part and section headings are
    only bigger (regular weight), and only the own sub-headings are bold."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    base = ParagraphStyle("body", fontName="Times-Roman", fontSize=10.5, leading=13.5, spaceAfter=6)
    head = "Helvetica-Bold" if bold_headings else "Helvetica"
    return {
        "title": ParagraphStyle("title", base, fontName=head, fontSize=18, leading=22, spaceAfter=10),
        "front": ParagraphStyle("front", base, fontName="Times-Italic"),
        "part": ParagraphStyle("part", base, fontName=head, fontSize=14, leading=18, spaceBefore=10),
        "section": ParagraphStyle("section", base, fontName=head, fontSize=12.5, leading=15, spaceBefore=8),
        "sub": ParagraphStyle("sub", base, fontName="Times-Bold"),
        "prompt": ParagraphStyle("prompt", base, fontName="Times-Italic"),
        "quote": ParagraphStyle("quote", base, fontName="Times-Italic", leftIndent=0.35 * inch),
        "para": base, "placeholder": base,
        "bullet": ParagraphStyle("bullet", base, leftIndent=14, bulletIndent=4),
        "cell": ParagraphStyle("cell", base, fontSize=9, leading=11, spaceAfter=0),
    }


def _rl_flowables(blocks: list[Block], width: float, bold_headings: bool = True):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle
    st = _rl_styles(bold_headings)
    def markup(t: str) -> str:
        return "".join(f"<b>{html.escape(p)}</b>" if b else f"<i>{html.escape(p)}</i>" if i else html.escape(p)
                       for p, b, i in runs(t))
    out = []
    for kind_, kind, group in grouped(blocks):
        b = group[0]
        if kind_ == "list":
            for n, g in enumerate(group, 1):
                out.append(Paragraph(markup(g.text), st["bullet"], bulletText="\u2022" if kind == "bullet" else f"{n}."))
        elif kind == "table":
            data = [[Paragraph(markup(c), st["cell"]) for c in r] for r in b.rows]
            t = Table(data, colWidths=[width / len(b.rows[0])] * len(b.rows[0]), repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(t)
        else:
            out.append(Paragraph(markup(b.text), st[kind]))
    return out


def write_bold_pdf(blocks: list[Block], dest: Path, bold_headings: bool = True) -> None:
    """One column; headings are only bigger or bold text, with no bookmarks or tags."""
    _reportlab_invariant()
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.units import inch
    from reportlab.platypus import SimpleDocTemplate
    doc = SimpleDocTemplate(str(dest), pagesize=letter, leftMargin=inch, rightMargin=inch,
                            topMargin=inch, bottomMargin=inch, title="", author="")
    doc.build(_rl_flowables(blocks, letter[0] - 2 * inch, bold_headings))


def write_two_column_pdf(blocks: list[Block], dest: Path) -> None:
    """A newsletter-style page: the title across the top of page 1, then two columns, with
    a page number centred in the footer."""
    _reportlab_invariant()
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.units import inch
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate
    w, h = letter
    m, gap = 0.7 * inch, 0.3 * inch
    col = (w - 2 * m - gap) / 2
    def footer(canvas, doc):
        canvas.setFont("Times-Roman", 9)
        canvas.drawCentredString(w / 2, 0.45 * inch, str(doc.page))
    top = Frame(m, h - m - 0.9 * inch, w - 2 * m, 0.9 * inch, id="top")
    first = [top, Frame(m, m, col, h - 2 * m - 0.9 * inch, id="c1"),
             Frame(m + col + gap, m, col, h - 2 * m - 0.9 * inch, id="c2")]
    later = [Frame(m, m, col, h - 2 * m, id="l1"), Frame(m + col + gap, m, col, h - 2 * m, id="l2")]
    doc = BaseDocTemplate(str(dest), pagesize=letter, title="", author="")
    doc.addPageTemplates([PageTemplate("first", first, onPage=footer), PageTemplate("later", later, onPage=footer)])
    from reportlab.platypus import FrameBreak
    flow = _rl_flowables(blocks, col)
    if blocks and blocks[0].kind == "title":
        flow = [flow[0], NextPageTemplate("later"), FrameBreak()] + flow[1:]
    doc.build(flow)


def write_artifact_pdf(dest: Path, title: str, pages: int) -> None:
    """An exhibit of ``pages`` pages: a heading and a few lines of notes on each."""
    _reportlab_invariant()
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(dest), pagesize=letter)
    for n in range(1, pages + 1):
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, 720, title)
        c.setFont("Helvetica", 11)
        for k, line in enumerate((f"Notes, sheet {n}", "Participants signed in at the start of the session.",
                                  "Decisions and next steps are listed at the end of the notes.")):
            c.drawString(72, 690 - 18 * k, line)
        c.drawCentredString(306, 40, str(n))
        c.showPage()
    c.save()


def write_mp4(dest: Path, seconds: int) -> None:
    """A video file that carries only its duration (ftyp + moov/mvhd), as the shared corpus's do."""
    ftyp = struct.pack(">I4s4sI4s4s", 24, b"ftyp", b"isom", 512, b"isom", b"mp41")
    matrix = struct.pack(">9I", 0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000)
    body = struct.pack(">BBBBIIII", 0, 0, 0, 0, 0, 0, 1000, seconds * 1000) + struct.pack(">IH", 0x00010000, 0x0100)
    body += b"\0" * 10 + matrix + b"\0" * 24 + struct.pack(">I", 2)
    mvhd = struct.pack(">I4s", 8 + len(body), b"mvhd") + body
    moov = struct.pack(">I4s", 8 + len(mvhd), b"moov") + mvhd
    dest.write_bytes(ftyp + moov)


# ---------------------------------------------------------------- layouts


# layout name -> (suffix, writer(blocks, dest, spec))
LAYOUTS = {
    "pandoc-docx": (".docx", lambda b, d, s: write_pandoc_docx(b, d)),
    "word-toc-docx": (".docx", lambda b, d, s: write_toc_docx(b, d)),
    "gdocs-docx": (".docx", lambda b, d, s: write_docx(b, d, "gdocs")),
    "gdocs-numbered-docx": (".docx", lambda b, d, s: write_docx(b, d, "gdocs-numbered")),
    "form-left": (".docx", lambda b, d, s: write_form_docx(b, d, s, "left")),
    "form-above": (".docx", lambda b, d, s: write_form_docx(b, d, s, "above")),
    "form-rows": (".docx", lambda b, d, s: write_form_docx(b, d, s, "rows")),
    "libreoffice-pdf": (".pdf", lambda b, d, s: write_libreoffice_pdf(b, d, "styles")),
    "libreoffice-docx": (".docx", lambda b, d, s: write_libreoffice_docx(b, d)),
    "bold-libreoffice-pdf": (".pdf", lambda b, d, s: write_libreoffice_pdf(b, d, "direct")),
    "two-column-libreoffice-pdf": (".pdf", lambda b, d, s: write_libreoffice_pdf(b, d, "styles", columns=2)),
    "browser-pdf": (".pdf", lambda b, d, s: write_browser_pdf(b, d)),
    "two-column-pdf": (".pdf", lambda b, d, s: write_two_column_pdf(b, d)),
    "bold-pdf": (".pdf", lambda b, d, s: write_bold_pdf(b, d)),
    "bigger-pdf": (".pdf", lambda b, d, s: write_bold_pdf(b, d, bold_headings=False)),
    "text-caps": (".txt", lambda b, d, s: write_text(b, d, "caps")),
    "text-underline": (".txt", lambda b, d, s: write_text(b, d, "underline")),
    "text-parts": (".txt", lambda b, d, s: write_text(b, d, "parts")),
    "setext-md": (".md", lambda b, d, s: write_setext(b, d)),
}

# Form instructions are the form's words, not the teacher's: they belong to no section.
FORM_INSTRUCTIONS = {
    "form-left": "Type your response in the box to the right of each prompt.",
    "form-above": "Respond in the white box below each shaded prompt. The boxes expand as you type.",
    "form-rows": "Answer each question in the box beside it. Do not change the questions.",
}


# ---------------------------------------------------------------- cases


@dataclass
class Case:
    name: str
    credential: str
    source: str
    layout: str | None  # one file; None for a folder (see files)
    notes: str
    findings: list[dict] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    files: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (name, layout, sections)
    artifacts: dict[str, dict] = field(default_factory=dict)  # relative path -> {"kind", "pages"|"duration_s", "title"}


def finding(id_: str, section: str | None, note: str, severity: str = "error", also: tuple[str, ...] = ()) -> dict:
    f = {"id": id_, "section": section, "severity": severity, "note": note}
    if also:
        f["also_accept"] = list(also)
    return f


def layout_front_words(layout: str, blocks: list[Block]) -> int:
    """Words a layout adds outside every section: a form's instructions line, the table of
    contents Word inserts (its heading, every entry and its page number)."""
    if layout in FORM_INSTRUCTIONS:
        return words(FORM_INSTRUCTIONS[layout])
    if layout == "word-toc-docx":
        return 1 + sum(words(b.text) + 1 for b in blocks if b.kind in ("part", "section"))
    return 0


def truth(case: Case, blocks: list[Block], spec: dict) -> dict:
    """expected/CASE.json: the counts from the blocks' roles, the planted findings."""
    sections: dict[str, dict] = {}
    for s in spec_sections(spec):
        mine = [b for b in blocks if b.section == s["id"] and b.kind in COUNTED]
        n = sum(block_words(b) for b in mine)
        prose = n - sum(block_words(b) for b in mine if b.kind == "sub")
        entry: dict = {"present": n > 0, "words": n or None}
        if n and prose != n:
            entry["words_prose"] = prose
        sections[s["id"]] = entry
    for f in case.findings:
        if f["id"] == "word-limit":
            _check_limit(case.name, spec, f, sections)
    front = sum(words(b.text) for b in blocks if b.kind == "front")
    layouts = [layout for _, layout, _ in case.files] if case.files else [case.layout]
    front += sum(layout_front_words(layout, blocks) for layout in layouts)
    out = {"path": case.name + ("/" if case.files else LAYOUTS[case.layout][0]),
           "credential": case.credential,
           "ready": not any(f["severity"] == "error" for f in case.findings),
           "sections": sections, "findings": case.findings, "notes": case.notes}
    out["unassigned_words"] = front
    if case.files:
        out["files"] = {name: secs for name, _, secs in case.files}
        out["artifacts"] = {p: {k: v for k, v in a.items() if k != "title"} for p, a in case.artifacts.items()}
    _check_ready_limits(case, spec, sections)
    return out


def _limits(spec: dict, sid: str) -> dict:
    return next(s for s in spec_sections(spec) if s["id"] == sid).get("limits") or {}


def _check_limit(name: str, spec: dict, f: dict, sections: dict) -> None:
    """A planted word-limit finding must really be outside the limit, by the counted truth."""
    lim, n = _limits(spec, f["section"]), sections[f["section"]]["words"]
    if n is None or not (n > lim.get("max", 10**9) or n < lim.get("min", 0)):
        raise SystemExit(f"{name}: planted word-limit in {f['section']} but {n} words is inside {lim}")


def _check_ready_limits(case: Case, spec: dict, sections: dict) -> None:
    """Every section without a planted word-limit finding is inside its limits."""
    planted = {f["section"] for f in case.findings if f["id"] == "word-limit"}
    for sid, s in sections.items():
        lim, n = _limits(spec, sid), s["words"]
        if n is None or sid in planted:
            continue
        if n > lim.get("max", 10**9) or n < lim.get("min", 0):
            raise SystemExit(f"{case.name}: {sid} has {n} words, outside {lim}, with no planted finding")


def build(case: Case) -> None:
    """Write the case's draft (a file, or a folder with its exhibits) and its truth."""
    blocks = select(parse_source(case.source), case.tags)
    check_prose(case.name, blocks)
    spec = spec_of(case.credential)
    if case.files:
        folder = DRAFTS / case.name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for i, (name, layout, secs) in enumerate(case.files):
            part = [b for b in blocks if b.section in secs or (i == 0 and b.section is None)]
            LAYOUTS[layout][1](part, folder / name, spec)
        for rel, a in case.artifacts.items():
            dest = folder / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            if a["kind"] == "pdf":
                write_artifact_pdf(dest, a["title"], a["pages"])
            else:
                write_mp4(dest, a["duration_s"])
    else:
        suffix, writer = LAYOUTS[case.layout]
        writer(blocks, DRAFTS / f"{case.name}{suffix}", spec)
    out = truth(case, blocks, spec)
    (EXPECTED / f"{case.name}.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"{case.name}: {out['path']}")


CSP = "cultivating-shared-purpose"
ASM = "aligning-school-mission"
CLC = "collaborative-learning-culture"
CL = "collaborative-leadership"

# school-defined specs, as paths relative to drafts/ (the scorer resolves them so)
CCR = "../specs/coaching-cycle-reflection.yaml"
POE = "../../../../examples/specs/portrait-of-an-educator.yaml"

CL_EXHIBITS = {
    "Exhibit A - Leadership Team Agendas.pdf": {"kind": "pdf", "pages": 4, "title": "Leadership Team Agendas"},
    "Exhibit B - Conflict Mediation Notes.pdf": {"kind": "pdf", "pages": 3, "title": "Conflict Mediation Notes"},
    "Exhibit C - Teacher Leader Workshop.mp4": {"kind": "video", "duration_s": 940},
    "Exhibit D - Growth Plan and Tracker.pdf": {"kind": "pdf", "pages": 3, "title": "Growth Plan and Tracker"},
    "Exhibit E - Feedback Survey Summary.pdf": {"kind": "pdf", "pages": 2, "title": "Feedback Survey Summary"},
}
CL_SECTIONS = ["part1.narrative", "part2.portfolio", "part3.reflection"]


def exhibits(folder: str) -> dict[str, dict]:
    return {f"{folder}/{name}": a for name, a in CL_EXHIBITS.items()}


CASES: list[Case] = [
    # cultivating-shared-purpose
    Case("csp-01-pandoc-ready", CSP, "csp-harbor-view", "pandoc-docx",
         "pandoc-made docx (Heading 1-3, First Paragraph / Body Text, Compact lists, a pandoc table); "
         "Part 1 questions copied as italic paragraphs above the answers they belong to; ready."),
    Case("csp-02-gdocs-over-limit", CSP, "csp-cedar-hollow", "gdocs-docx",
         "Google-Docs-like docx: Title and Subtitle styles, every heading a Normal paragraph with direct "
         "bold (parts 16 pt, sections 14 pt, own sub-headings body size), bullets and numbered goals "
         "through numbering.xml on Normal paragraphs, a table with no style. Team and challenge is over "
         "its 250-word limit.",
         [finding("word-limit", "part1.team-and-challenge", "one personal paragraph too many: over the "
                  "250-word limit")], tags={"over"}),
    Case("csp-03-text-no-survey", CSP, "csp-harbor-view", "text-caps",
         "Plain text: ALL CAPS title, part and section headings, own sub-headings (Mission, Vision...) "
         "as short lines, paragraphs hard-wrapped at 72 columns, goals typed as 1. 2. 3.; the team survey "
         "results are missing from the shared purpose document.",
         [finding("missing-element", "part2.shared-purpose", "no survey results: the shared purpose "
                  "document has mission, vision, values and goals only")], tags={"nosurvey"}),
    Case("csp-04-two-column-ready", CSP, "csp-cedar-hollow", "two-column-pdf",
         "Two-column PDF (newsletter layout made with reportlab): the title across the top of page 1, "
         "then two columns per page with bold headings, a page number in the footer, the survey table "
         "inside a column; no bookmarks. Ready."),
    Case("csp-06-bigger-pdf-ready", CSP, "csp-harbor-view", "bigger-pdf",
         "PDF (reportlab) whose title, part and section headings are only bigger regular-weight "
         "Helvetica, with no bookmarks; the own sub-headings (Mission, Vision...) are bold at body "
         "size; questions copied in italic. Ready."),
    Case("csp-05-form-blank-context", CSP, "csp-harbor-view", "form-left",
         "Word fill-in form: the whole submission in one table, a full-width shaded row per part, the "
         "form's prompt cell (section title and the credential's questions) on the left and the answer "
         "in a content control on the right. The team context answer was never filled in: its content "
         "control still shows Word's 'Click or tap here to enter text.'. The form's instructions line "
         "belongs to no section.",
         [finding("missing-section", "part3.team-context", "the answer cell holds only the content "
                  "control's placeholder text", also=("placeholder",))], tags={"blankctx"}),
    # aligning-school-mission
    Case("asm-01-libreoffice-ready", ASM, "asm-lakemont", "libreoffice-pdf",
         "LibreOffice PDF from a styled docx (Heading 1-3, Quote style mission statements under school "
         "name sub-headings, questions copied as italic lines, stakeholder answers grouped by question "
         "with role labels, the action plan as one wide six-column table). Ready."),
    Case("asm-02-setext-two-missions", ASM, "asm-willow-creek", "setext-md",
         "Setext markdown (=== parts, --- sections), school names and role names as bold-only lines, "
         "mission statements as blockquotes, the seven stakeholder questions listed once at the top and "
         "numbered answers per role, the action plan as bold-labelled paragraphs. Artifact 2 has only "
         "two mission statements.",
         [finding("missing-element", "artifact2.good-missions", "2 mission statements, 3 required")],
         tags={"twomissions"}),
    Case("asm-03-browser-email", ASM, "asm-lakemont", "browser-pdf",
         "Chromium print to PDF of an HTML page (h1-h4, blockquotes, a bordered table), with the "
         "browser's own header (date, page title) and footer (file URL, page x/y) on every page. The "
         "reflection gives the teacher's email address.",
         [finding("identifying-info", "part3.reflection", "an email address in the reflection")],
         tags={"email"}),
    Case("asm-04-form-above-no-barrier", ASM, "asm-willow-creek", "form-above",
         "Word fill-in form with the shaded prompt cell above each answer cell (one-column table), "
         "answers in content controls using Heading 3, Quote, List Number and bold labels inside the "
         "cells. Suggestion 2 of the action plan has no potential barriers.",
         [finding("missing-element", "artifact5.action-plan", "suggestion 2 lists no potential barriers")],
         tags={"nobarrier"}),
    Case("asm-05-bold-pdf-over-limit", ASM, "asm-lakemont", "bold-libreoffice-pdf",
         "LibreOffice PDF of a docx with no heading styles: headings are only bigger bold Normal "
         "paragraphs (no bookmarks), sub-headings bold at body size, mission statements italic and "
         "indented. Artifact 1 is over its 600-word maximum (mission statements excluded).",
         [finding("word-limit", "artifact1.comparable-missions", "an extra comparison of tone pushes "
                  "the analysis over 600 words")], tags={"over"}),
    Case("asm-07-form-rows-ready", ASM, "asm-lakemont", "form-rows",
         "Word fill-in form in the commonest shape: a full-width row per part and per section, then "
         "one row per question, the question on the left and its answer (a content control) on the "
         "right; sections without questions get one row with the credential's questions. "
         "Stakeholder answers sit in the question rows with role labels. Ready."),
    Case("asm-08-gdocs-numbered-ready", ASM, "asm-willow-creek", "gdocs-numbered-docx",
         "Google-Docs-like docx with no part headings: the seven section headings are bold Normal "
         "paragraphs numbered 1. to 7. by one numbered list (numbering.xml; the numbers are not in "
         "the text), school and role names bold at body size. Ready."),
    Case("asm-09-libreoffice-docx-ready", ASM, "asm-willow-creek", "libreoffice-docx",
         "A styled docx saved again as .docx by LibreOffice Writer (Writer's own styles.xml, list "
         "numbering and run properties): Heading 1-3, Quote, List Number answers per role, bold "
         "labels in the action plan. Ready."),
    Case("asm-06-text-four-groups", ASM, "asm-willow-creek", "text-parts",
         "Plain text saved by Windows Notepad (byte order mark, CRLF line ends) with 'Part 1: Overview "
         "Questions' lines, section titles ending in a colon, own sub-headings with a colon, hard-wrapped paragraphs, numbered answers typed per role, mission "
         "statements indented in curly quotes. Only four stakeholder groups were interviewed.",
         [finding("missing-element", "artifact4.stakeholder-feedback", "4 stakeholder groups "
                  "(principal, teacher, parent, board member), at least 5 required")], tags={"fourgroups"}),
    # collaborative-learning-culture
    Case("clc-01-gdocs-ready", CLC, "clc-juniper-ridge", "gdocs-docx",
         "Google-Docs-like docx (Title/Subtitle, bold Normal headings, bullets through numbering.xml). Ready."),
    Case("clc-02-text-over-limit", CLC, "clc-mesa-verde", "text-underline",
         "Plain text with headings underlined by === (title, parts) and --- (sections), parts named only "
         "'Part 1', hard-wrapped paragraphs. The overview is over its 300-word limit.",
         [finding("word-limit", "part1.overview", "over the 300-word limit")], tags={"over"}),
    Case("clc-03-browser-no-reflection", CLC, "clc-northshore", "browser-pdf",
         "Chromium print to PDF with the browser's header and footer; the reflection (Part 3) is missing.",
         [finding("missing-section", "part3.reflection", "no Part 3 at all")], tags={"reflection"}),
    Case("clc-04-setext-placeholder", CLC, "clc-juniper-ridge", "setext-md",
         "Setext markdown; a placeholder for the video link was left in the artifact list.",
         [finding("placeholder", "part2.artifacts", "[Insert link to the tuning protocol video here]")],
         tags={"placeholder"}),
    Case("clc-05-two-column-long-reflection", CLC, "clc-mesa-verde", "two-column-pdf",
         "Two-column PDF (reportlab) with the title across page 1; the reflection is over its 300-word limit.",
         [finding("word-limit", "part3.reflection", "a closing paragraph pushes it over 300 words")],
         tags={"longreflect"}),
    Case("clc-06-form-left-ready", CLC, "clc-northshore", "form-left",
         "Word fill-in form, prompt cells on the left, every answer in a filled content control; ready."),
    Case("clc-07-bold-pdf-ready", CLC, "clc-juniper-ridge", "bold-pdf",
         "PDF (reportlab) whose headings are only bigger bold Helvetica lines, body in Times; no bookmarks. Ready."),
    Case("clc-08-libreoffice-ready", CLC, "clc-mesa-verde", "libreoffice-pdf",
         "LibreOffice PDF from a styled docx with parts named only 'Part 1', 'Part 2', 'Part 3'. Ready."),
    Case("clc-09-two-column-libreoffice-ready", CLC, "clc-northshore", "two-column-libreoffice-pdf",
         "LibreOffice PDF of a styled docx laid out in two page columns (Word's Layout > Columns), "
         "title and headings inside the columns. Ready."),
    # collaborative-leadership (folders with exhibits)
    Case("cl-01-folder-mixed-ready", CL, "cl-fairhaven", None,
         "Folder with one file per part in three producers: a pandoc docx narrative (questions copied "
         "as italic 'Question N.' lines), a setext markdown self-analysis ('EO N' bold lines, "
         "'Evidence:' and 'Explanation:' paragraphs), a plain-text reflection with ALL CAPS headings; "
         "five exhibits (four PDFs and a video) in Exhibits/. Ready.",
         files=[("Part 1 - Narrative.docx", "pandoc-docx", ["part1.narrative"]),
                ("Part 2 - Evidence Self-Analysis.md", "setext-md", ["part2.portfolio"]),
                ("Part 3 - Reflection.txt", "text-caps", ["part3.reflection"])],
         artifacts=exhibits("Exhibits")),
    Case("cl-02-folder-browser-bad-page", CL, "cl-fairhaven", None,
         "Folder: the whole submission as one Chromium-printed PDF (browser header and footer) plus the "
         "exhibits; EO 2 cites page 6 of a three-page exhibit.",
         [finding("evidence-reference", "part2.portfolio", "EO 2 cites Exhibit B page 6, but the PDF "
                  "has 3 pages")],
         tags={"badpage"},
         files=[("Collaborative Leadership Submission.pdf", "browser-pdf", CL_SECTIONS)],
         artifacts=exhibits("Exhibits")),
    Case("cl-03-folder-short-narrative", CL, "cl-fairhaven", None,
         "Folder: one LibreOffice PDF (styled docx) holding all three parts, exhibits in Artifacts/. "
         "The narrative is under its 1,000-word minimum.",
         [finding("word-limit", "part1.narrative", "a paragraph of question 4 removed: under 1,000 words")],
         tags={"short"},
         files=[("Written Parts.pdf", "libreoffice-pdf", CL_SECTIONS)],
         artifacts=exhibits("Artifacts")),
    Case("cl-04-folder-word-toc-ready", CL, "cl-fairhaven", None,
         "Folder: one Word document with heading styles and the table of contents Word inserts "
         "after the title (TOC 1 / TOC 2 paragraphs with page numbers, in a content control), then a "
         "page break and the three parts; exhibits in Evidence/. The contents list is front matter. Ready.",
         files=[("Collaborative Leadership Submission.docx", "word-toc-docx", CL_SECTIONS)],
         artifacts=exhibits("Evidence")),
    # the school-defined spec (tests/data/layouts/specs/coaching-cycle-reflection.yaml)
    Case("ccr-01-setext-ready", CCR, "ccr-tidewater", "setext-md",
         "School-defined spec. Setext markdown, cycles as bold-only 'Cycle N: ...' lines with bold "
         "'Strategy:', 'Evidence:', 'Next step:' labels. Ready."),
    Case("ccr-02-gdocs-no-next-step", CCR, "ccr-tidewater", "gdocs-docx",
         "School-defined spec. Google-Docs-like docx; cycle 2 has no next step.",
         [finding("missing-element", "part2.cycles", "cycle 2 names no next step")], tags={"nonext"}),
    Case("ccr-03-bold-pdf-placeholder-phone", CCR, "ccr-bayside", "bold-pdf",
         "School-defined spec. PDF (reportlab) with bigger bold headings only, parts named 'Part 1' to "
         "'Part 3', the cycle log as a four-column table (Cycle | Strategy | Evidence | Next step). A "
         "placeholder is left under the table and the reflection gives a phone number.",
         [finding("placeholder", "part2.cycles", "[Add the exit ticket photos from cycle 3 here]"),
          finding("identifying-info", "part3.looking-ahead", "a phone number in the reflection")],
         tags={"placeholder", "phone"}),
    Case("ccr-04-pandoc-ready", CCR, "ccr-bayside", "pandoc-docx",
         "School-defined spec. pandoc docx with the cycle log as a table; ready."),
    Case("ccr-05-form-left-control-left", CCR, "ccr-tidewater", "form-left",
         "School-defined spec. Word fill-in form, prompt cells on the left; the Looking Ahead cell "
         "has the answer in one content control and a second control left showing 'Click or tap here "
         "to enter text.'.",
         [finding("placeholder", "part3.looking-ahead", "an unfilled content control under the answer")],
         tags={"leftctl"}),
    Case("ccr-06-two-column-libreoffice-ready", CCR, "ccr-tidewater", "two-column-libreoffice-pdf",
         "School-defined spec. LibreOffice PDF of a styled docx in two page columns; cycles under "
         "Heading 3 with bold labels. Ready."),
    # the example school spec shipped with mccheck (examples/specs/portrait-of-an-educator.yaml)
    Case("poe-01-browser-ready", POE, "poe-maple-grove", "browser-pdf",
         "The example school spec (Portrait of an Educator). Chromium print to PDF; each attribute "
         "under its own h4 sub-heading with 'What I did:', 'Impact:' and 'Next step:' paragraphs. Ready."),
    Case("poe-02-text-one-attribute", POE, "poe-maple-grove", "text-underline",
         "The example school spec. Plain text with underlined headings; only one Portrait attribute "
         "(Collaborative Colleague) has evidence.",
         [finding("missing-element", "part2.evidence", "1 Portrait attribute, 2 required")], tags={"oneattr"}),
]


# ---------------------------------------------------------------- verification (--verify)


def _tokens(text: str) -> list[str]:
    import unicodedata
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").lower()
    return [t for t in (re.sub(r"[^\w']", "", w) for w in text.split()) if any(c.isalnum() for c in t)]


def extracted_text(path: Path) -> str:
    """The file's text by tools independent of mccheck: the XML's w:t runs paragraph by
    paragraph (docx), pdftotext (PDF), the bytes (md, txt)."""
    if path.suffix == ".pdf":
        # -raw: the content stream's order (pdftotext's own reading order mixes two columns)
        return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True).stdout
    if path.suffix == ".docx":
        import zipfile
        from xml.etree import ElementTree
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        root = ElementTree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
        return "\n".join("".join(t.text or "" for t in p.iter(f"{w}t")) for p in root.iter(f"{w}p"))
    return path.read_text(encoding="utf-8")


def _found(needle: list[str], hay: list[str], gap: int = 25) -> bool:
    """``needle`` occurs in ``hay`` in order, with at most ``gap`` other tokens (a running
    header, a page number, a neighbouring table cell) between two of its tokens."""
    for start in (i for i, t in enumerate(hay) if needle and t == needle[0]):
        j, ok = start, True
        for tok in needle[1:]:
            k = next((k for k in range(j + 1, min(len(hay), j + 2 + gap)) if hay[k] == tok), None)
            if k is None:
                ok = False
                break
            j = k
        if ok:
            return True
    return False


def verify(case: Case) -> list[str]:
    """Problems with one built case: a counted block the file does not hold, or a count that
    differs from ``wc -w`` over the section's counted prose."""
    blocks = select(parse_source(case.source), case.tags)
    files = [DRAFTS / case.name / n for n, _, _ in case.files] if case.files else \
        [DRAFTS / f"{case.name}{LAYOUTS[case.layout][0]}"]
    hay = [t for f in files for t in _tokens(extracted_text(f))]
    problems = []
    for b in blocks:
        if b.kind not in COUNTED:
            continue
        for text in ([c for r in b.rows for c in r] if b.kind == "table" else [b.text]):
            # a table cell's lines may alternate with its row's other cells
            if not _found(_tokens(plain(text)), hay, gap=60 if b.kind == "table" else 25):
                problems.append(f"{case.name}: not in the file: {plain(text)[:70]!r}")
    truth_ = json.loads((EXPECTED / f"{case.name}.json").read_text(encoding="utf-8"))
    for sid, entry in truth_["sections"].items():
        prose = "\n".join(plain(c) for b in blocks if b.section == sid and b.kind in COUNTED
                          for c in ([c for r in b.rows for c in r] if b.kind == "table" else [b.text]))
        wc = int(subprocess.run(["wc", "-w"], input=prose, capture_output=True, text=True).stdout)
        if entry["words"] is not None and wc != entry["words"]:
            problems.append(f"{case.name}: {sid}: wc -w says {wc}, the truth {entry['words']}")
    return problems


def main(argv: list[str]) -> int:
    DRAFTS.mkdir(exist_ok=True)
    EXPECTED.mkdir(exist_ok=True)
    check = "--verify" in argv
    names = [a for a in argv if a != "--verify"]
    chosen = [c for c in CASES if not names or any(c.name.startswith(a) for a in names)]
    problems = []
    for case in chosen:
        if check:
            problems += verify(case)
        else:
            build(case)
    for p in problems:
        print(p)
    if check:
        print(f"verified {len(chosen)} cases: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

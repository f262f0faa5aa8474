"""The .docx reader and its guards, on generated documents and on real files from Word.

Documents are built at test time: python-docx saves a real package (styles, numbering,
settings), then the body and any extra parts are replaced with raw WordprocessingML.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mccheck.document import Document, Style
from mccheck.errors import InputError
from mccheck.readers import docx as reader
from mccheck.readers.guards import check_zip, safe_xml
from mccheck.readers.limits import DEFAULT_LIMITS, ReadLimits

CORPUS = Path(__file__).resolve().parents[2].parent / "shared/corpus/real-docx"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = (
    f'xmlns:w="{W}" xmlns:r="{R}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
)
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
PART_CT = {
    "header": CT + "header+xml",
    "footer": CT + "footer+xml",
    "footnotes": CT + "footnotes+xml",
    "endnotes": CT + "endnotes+xml",
    "comments": CT + "comments+xml",
}
ROOT_TAG = {"header": "hdr", "footer": "ftr", "footnotes": "footnotes",
            "endnotes": "endnotes", "comments": "comments"}


# -- building documents ------------------------------------------------------------------


def p(text: str = "", style: str | None = None, ppr: str = "", rpr: str = "") -> str:
    """A paragraph with one run (or none when text is empty)."""
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr
    run = f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{run if text else ''}</w:p>"


def r(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def tbl(*rows: str) -> str:
    return f"<w:tbl><w:tblPr/><w:tblGrid/>{''.join(rows)}</w:tbl>"


def tr(*cells: str) -> str:
    return f"<w:tr>{''.join(cells)}</w:tr>"


def tc(content: str, tcpr: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{content}</w:tc>"


def make_docx(tmp_path: Path, body: str, *, parts: dict[str, str] | None = None,
              sect: str = "", styles_extra: str = "", settings_extra: str = "",
              numbering: str | None = None, core: str | None = None,
              name: str = "draft.docx") -> Path:
    """Save a python-docx package, then put ``body`` in it and add ``parts``.

    ``parts`` maps a part name like "header1" or "footnotes" to the inner XML of its root.
    Header/footer relationships get ids rIdHeader1 etc., for use in ``sect``.
    ``numbering`` replaces the inner XML of numbering.xml (the template's own lists
    otherwise: numId 1-3 are its List Bullet styles).
    """
    import docx

    base = tmp_path / "base.docx"
    if not base.exists():
        docx.Document().save(base)
    with zipfile.ZipFile(base) as zin:
        files = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    files["word/document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<w:document {NS}><w:body>{body}<w:sectPr>{sect}</w:sectPr></w:body></w:document>"
    ).encode()
    rels = files["word/_rels/document.xml.rels"].decode()
    types = files["[Content_Types].xml"].decode()
    for part, inner in (parts or {}).items():
        kind = re.sub(r"\d+$", "", part)
        root = ROOT_TAG[kind]
        files[f"word/{part}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><w:{root} {NS}>{inner}</w:{root}>'
        ).encode()
        rid = "rId" + part.capitalize()
        rels = rels.replace(
            "</Relationships>",
            f'<Relationship Id="{rid}" Type="{REL_TYPE}{kind}" Target="{part}.xml"/></Relationships>',
        )
        types = types.replace(
            "</Types>",
            f'<Override PartName="/word/{part}.xml" ContentType="{PART_CT[kind]}"/></Types>',
        )
    files["word/_rels/document.xml.rels"] = rels.encode()
    files["[Content_Types].xml"] = types.encode()
    if styles_extra:
        files["word/styles.xml"] = files["word/styles.xml"].replace(
            b"</w:styles>", styles_extra.encode() + b"</w:styles>"
        )
    if settings_extra:
        files["word/settings.xml"] = files["word/settings.xml"].replace(
            b"</w:settings>", settings_extra.encode() + b"</w:settings>"
        )
    if numbering is not None:
        files["word/numbering.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {NS}>{numbering}</w:numbering>'
        ).encode()
    if core is not None:
        files["docProps/core.xml"] = core.encode()
    out = tmp_path / name
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for fname, data in files.items():
            zout.writestr(fname, data)
    return out


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    return reader.read(path, limits)


def body_blocks(doc: Document):
    return [b for b in doc.blocks if b.origin == ""]


def kinds(doc: Document) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in body_blocks(doc)]


def codes(doc: Document) -> set[str]:
    return {n.code for n in doc.notes}


def note(doc: Document, code: str):
    return next(n for n in doc.notes if n.code == code)


# -- headings, lists, quotes ---------------------------------------------------------------


def styles_of(doc: Document) -> list[tuple[str, str, Style]]:
    return [(b.kind, b.text, b.style) for b in body_blocks(doc)]


def test_headings_by_style_including_based_on_and_localized_names(tmp_path):
    styles = (
        '<w:style w:type="paragraph" w:styleId="MyHead"><w:name w:val="My Section Head"/>'
        '<w:basedOn w:val="Heading2"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="Überschrift 1"/>'
        '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    )
    body = (
        p("Micro-credential Submission", "Title")
        + p("A subtitle line", "Subtitle")
        + p("Overview", "Heading1")
        + p("Context", "Heading3")
        + p("Custom", "MyHead")
        + p("Lokalisiert", "berschrift1")
        + p("Outline on the paragraph", ppr='<w:outlineLvl w:val="3"/>')
        + p("Body text level, not a heading.", "Heading1", ppr='<w:outlineLvl w:val="9"/>')
        + p("Ordinary text with enough words to stay a paragraph.")
    )
    doc = read(make_docx(tmp_path, body, styles_extra=styles))
    assert kinds(doc) == [
        ("paragraph", 0, "Micro-credential Submission"),
        ("paragraph", 0, "A subtitle line"),
        ("heading", 1, "Overview"),
        ("heading", 3, "Context"),
        ("heading", 2, "Custom"),
        ("heading", 1, "Lokalisiert"),
        ("heading", 4, "Outline on the paragraph"),
        ("paragraph", 0, "Body text level, not a heading."),
        ("paragraph", 0, "Ordinary text with enough words to stay a paragraph."),
    ]
    # Word stores built-in names in lower case ("heading 1"); the name is the one Word shows.
    assert [(b.style.name, b.style.outline) for b in body_blocks(doc)] == [
        ("Title", 0), ("Subtitle", 0), ("Heading 1", 1), ("Heading 3", 3),
        ("My Section Head", 2), ("Überschrift 1", 1), ("Normal", 4), ("Heading 1", 0),
        ("Normal", 0),
    ]
    # The template's heading styles are bold and sized: the features come from the style chain.
    overview = body_blocks(doc)[2].style
    assert overview.bold and overview.size == 14.0
    assert body_blocks(doc)[-1].style.size == 11.0  # the document default (w:sz 22)


def test_bold_paragraphs_are_paragraphs_with_bold_style(tmp_path):
    body = (
        p("Evidence of Impact", rpr="<w:b/>")
        + p("What did your students learn?", rpr="<w:b/>")
        + "<w:p>" + r("Partly ", "<w:b/>") + r("bold") + "</w:p>"
        + p("Explicitly not bold", rpr='<w:b w:val="0"/>')
        + "<w:p>" + r("Strong style run", '<w:rStyle w:val="Strong"/>') + "</w:p>"
        + "<w:p>" + r("Bold words ", "<w:b/>") + r("(2024)") + "</w:p>"  # no letters: ignored
        + p("A bold paragraph by its style", "BoldBody")
        + p("Body text of a style based on it", "BoldChild")
        + p("Direct formatting beats the style", "BoldBody", rpr='<w:b w:val="false"/>')
    )
    styles = (
        '<w:style w:type="paragraph" w:styleId="BoldBody"><w:name w:val="Bold Body"/>'
        '<w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="BoldChild"><w:name w:val="Bold Child"/>'
        '<w:basedOn w:val="BoldBody"/></w:style>'
    )
    doc = read(make_docx(tmp_path, body, styles_extra=styles))
    assert [(b.kind, b.text, b.style.bold) for b in body_blocks(doc)] == [
        ("paragraph", "Evidence of Impact", True),
        ("paragraph", "What did your students learn?", True),
        ("paragraph", "Partly bold", False),
        ("paragraph", "Explicitly not bold", False),
        ("paragraph", "Strong style run", True),
        ("paragraph", "Bold words (2024)", False),
        ("paragraph", "A bold paragraph by its style", True),
        ("paragraph", "Body text of a style based on it", True),
        ("paragraph", "Direct formatting beats the style", False),
    ]


def test_typed_numbers_are_text_not_headings(tmp_path):
    lines = ["Part 1: Overview", "1. Overview", "1.2 Context and Setting", "B) Artifacts", "Section 2"]
    doc = read(make_docx(tmp_path, "".join(p(x) for x in lines)))
    assert kinds(doc) == [("paragraph", 0, x) for x in lines]
    assert all(b.style.number == "" and b.style.name == "Normal" for b in body_blocks(doc))


def num(ilvl: int, num_id: int = 1) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def test_list_items_with_levels(tmp_path):
    body = (
        p("First point", ppr=num(0))
        + p("Nested point", ppr=num(1))
        + p("Deeper point", ppr=num(2))
        + p("Bullet style second level", "ListBullet2")
        + p("List paragraph style", "ListParagraph")
        + p("Numbering switched off", ppr=num(0, 0))
        + p("Bold list items stay list items", ppr=num(0), rpr="<w:b/>")
    )
    doc = read(make_docx(tmp_path, body))
    assert kinds(doc) == [
        ("list_item", 1, "First point"),
        ("list_item", 2, "Nested point"),
        ("list_item", 3, "Deeper point"),
        ("list_item", 2, "Bullet style second level"),
        ("list_item", 1, "List paragraph style"),
        ("paragraph", 0, "Numbering switched off"),
        ("list_item", 1, "Bold list items stay list items"),
    ]
    assert body_blocks(doc)[-1].style.bold


def test_quotes_by_style_indents_are_features(tmp_path):
    quote_text = "Students learn best when they explain their thinking to each other, every day."
    styles = (
        '<w:style w:type="paragraph" w:styleId="Quotations"><w:name w:val="Quotations"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="567" w:right="567"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="MissionQuote"><w:name w:val="Mission"/>'
        '<w:basedOn w:val="Quotations"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="BlockText"><w:name w:val="Block Text"/>'
        '<w:basedOn w:val="Normal"/></w:style>'
    )
    body = (
        p(quote_text, "Quote")
        + p(quote_text, "IntenseQuote")
        + p(quote_text, "Quotations")  # LibreOffice
        + p(quote_text, "MissionQuote")  # based on a quote style
        + p(quote_text, "BlockText")  # pandoc
        + p(quote_text, ppr='<w:ind w:left="1440" w:right="720"/>')
        + p("\u201c" + quote_text + "\u201d", ppr='<w:ind w:start="720"/>', rpr="<w:i/>")
    )
    doc = read(make_docx(tmp_path, body, styles_extra=styles))
    got = [(b.kind, b.style.name, b.style.indent, b.style.italic) for b in body_blocks(doc)]
    assert got == [
        ("quote", "Quote", 0.0, True),  # the template's Quote style is italic
        ("quote", "Intense Quote", 46.8, True),  # indented by the template's style
        ("quote", "Quotations", 28.35, False),
        ("quote", "Mission", 28.35, False),
        ("quote", "Block Text", 0.0, False),
        ("paragraph", "Normal", 72.0, False),
        ("paragraph", "Normal", 36.0, True),
    ]


def rp(text: str, rpr: str = "", ppr: str = "") -> str:
    """A paragraph of runs: ``text`` with "**bold**", "*italic*", "\t" and "\n" marks."""
    runs = []
    for i, part in enumerate(re.split(r"(\*\*.+?\*\*|\*.+?\*)", text)):
        if not part:
            continue
        props = rpr
        if part.startswith("**"):
            part, props = part[2:-2], rpr + "<w:b/>"
        elif part.startswith("*"):
            part, props = part[1:-1], rpr + "<w:i/>"
        inner = "".join(
            "<w:tab/>" if piece == "\t" else "<w:br/>" if piece == "\n"
            else f'<w:t xml:space="preserve">{escape(piece)}</w:t>'
            for piece in re.split(r"(\t|\n)", part) if piece
        )
        runs.append(f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}{inner}</w:r>')
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{''.join(runs)}</w:p>"


def test_character_features_through_every_level(tmp_path):
    styles = (
        '<w:style w:type="character" w:styleId="Shout"><w:name w:val="Shout"/>'
        '<w:rPr><w:caps/><w:sz w:val="32"/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="LoudShout"><w:name w:val="Loud Shout"/>'
        '<w:basedOn w:val="Shout"/><w:rPr><w:u w:val="single"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Small"><w:name w:val="Small Print"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360"/></w:pPr>'
        '<w:rPr><w:i/><w:sz w:val="16"/></w:rPr></w:style>'
    )
    body = (
        p("Shouted through a character style", rpr='<w:rStyle w:val="Shout"/>')
        + p("Underlined through its base", rpr='<w:rStyle w:val="LoudShout"/>')
        + p("small capitals", rpr="<w:smallCaps/>")
        + p("TYPED IN CAPITALS 2024")
        + p("Mixed Case Is Not Caps")
        + p("Italic small print from the paragraph style", "Small")
        + p("Direct size wins", "Small", rpr='<w:sz w:val="40"/><w:i w:val="0"/>')
        + "<w:p>" + r("Mostly large text here", '<w:sz w:val="28"/>') + r(" small") + "</w:p>"
        + p("Underline none is not underlined", rpr='<w:u w:val="none"/>')
    )
    doc = read(make_docx(tmp_path, body, styles_extra=styles))
    got = [(s.caps, s.underline, s.italic, s.size, s.indent) for _, _, s in styles_of(doc)]
    assert got == [
        (True, False, False, 16.0, 0.0),
        (True, True, False, 16.0, 0.0),
        (True, False, False, 11.0, 0.0),
        (True, False, False, 11.0, 0.0),
        (False, False, False, 11.0, 0.0),
        (False, False, True, 8.0, 18.0),
        (False, False, False, 20.0, 18.0),
        (False, False, False, 14.0, 0.0),  # the size of most of the text
        (False, False, False, 11.0, 0.0),
    ]


def test_bold_or_italic_lead_splits_from_the_text_it_runs_into(tmp_path):
    paras = [
        "**Question 2.** Our school serves 480 students.",
        "**Timeline:** by March, after the survey.",
        "**Timeline**: by March, after the survey.",  # the colon typed after the bold
        "**Parent**\tThe mission feels distant to us.",
        "**Teacher**\nWe rarely mention it in meetings.",
        "*What did your students learn?* They learned to argue from evidence.",
        '**"Why now?"** Because the board asked.',
    ]
    doc = read(make_docx(tmp_path, "".join(rp(x) for x in paras)))
    got = [(b.text, b.style.bold, b.style.italic, b.run_in, b.loc.line) for b in body_blocks(doc)]
    assert got == [
        ("Question 2.", True, False, False, 1), ("Our school serves 480 students.", False, False, True, 1),
        ("Timeline:", True, False, False, 2), ("by March, after the survey.", False, False, True, 2),
        ("Timeline:", True, False, False, 3), ("by March, after the survey.", False, False, True, 3),
        ("Parent", True, False, False, 4), ("The mission feels distant to us.", False, False, True, 4),
        ("Teacher", True, False, False, 5), ("We rarely mention it in meetings.", False, False, True, 5),
        ("What did your students learn?", False, True, False, 6),
        ("They learned to argue from evidence.", False, False, True, 6),
        ('"Why now?"', True, False, False, 7), ("Because the board asked.", False, False, True, 7),
    ]


def test_emphasis_that_is_not_a_lead_does_not_split(tmp_path):
    paras = [
        "We used a **bold** word inside the sentence.",
        "**Bold**ly going on in the same word.",
        "**Important words** without a colon follow here.",
        "**" + " ".join(["long"] * 41) + ".** And the rest.",
        "**The whole paragraph is bold.**",
        "**Bold:** *all the rest italic is still not bold*",
    ]
    doc = read(make_docx(tmp_path, "".join(rp(x) for x in paras)))
    texts = [b.text for b in body_blocks(doc)]
    assert texts[:5] == [x.replace("**", "") for x in paras[:5]]
    assert [b.run_in for b in body_blocks(doc)] == [False] * 5 + [False, True]
    assert body_blocks(doc)[4].style.bold and not body_blocks(doc)[0].style.bold


def test_lead_split_keeps_kind_and_number_headings_never_split(tmp_path):
    body = (
        rp("**Timeline:** by March.", ppr=num(0))
        + rp("**Heading with a lead:** and more words.", ppr='<w:pStyle w:val="Heading2"/>')
    )
    doc = read(make_docx(tmp_path, body))
    got = [(b.kind, b.text, b.style.number, b.run_in, b.style.name) for b in body_blocks(doc)]
    assert got == [
        ("list_item", "Timeline:", "\u2022", False, "Normal"),  # the template's numId 1 is a bullet list
        ("list_item", "by March.", "", True, "Normal"),
        ("heading", "Heading with a lead: and more words.", "", False, "Heading 2"),
    ]


# -- automatic numbering -------------------------------------------------------------------


def lvl(ilvl: int, fmt: str = "decimal", text: str = "%1.", start: int | None = 1, extra: str = "") -> str:
    start_el = f'<w:start w:val="{start}"/>' if start is not None else ""
    return (f'<w:lvl w:ilvl="{ilvl}">{start_el}<w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def abstract(aid: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}">{extra}{"".join(levels)}</w:abstractNum>'


def num_def(nid: int, aid: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def numbers(doc: Document) -> list[tuple[str, str]]:
    return [(b.style.number, b.text) for b in body_blocks(doc)]


def test_numbering_labels_by_format_and_level(tmp_path):
    numbering = (
        abstract(0, lvl(0), lvl(1, "lowerLetter", "%2)"), lvl(2, "lowerRoman", "(%3)"))
        + abstract(1, lvl(0, "upperRoman", "%1.", 2), lvl(1, "decimal", "%1.%2", 1))
        + abstract(2, lvl(0, "decimal", "Part %1:"), lvl(1, "bullet", "\uf0b7"), lvl(2, "none", ""))
        + abstract(3, lvl(0, "upperLetter", "%1."), lvl(1, "decimal", "%1.%2", extra="<w:isLgl/>"))
        + num_def(1, 0) + num_def(2, 1) + num_def(3, 2) + num_def(4, 3)
    )
    body = "".join(p(t, ppr=num(i, n)) for n, i, t in [
        (1, 0, "one"), (1, 1, "one a"), (1, 1, "one b"), (1, 2, "one b i"), (1, 1, "one c"),
        (1, 0, "two"), (1, 1, "two a"),
        (2, 0, "roman from two"), (2, 1, "its first child"), (2, 0, "roman three"),
        (3, 0, "typed-looking label"), (3, 1, "a bullet"), (3, 2, "no label"), (3, 0, "second part"),
        (4, 0, "letter"), (4, 1, "legal numbering shows decimals"),
    ])
    doc = read(make_docx(tmp_path, body, numbering=numbering))
    assert numbers(doc) == [
        ("1.", "one"), ("a)", "one a"), ("b)", "one b"), ("(i)", "one b i"), ("c)", "one c"),
        ("2.", "two"), ("a)", "two a"),
        ("II.", "roman from two"), ("II.1", "its first child"), ("III.", "roman three"),
        ("Part 1:", "typed-looking label"), ("\u2022", "a bullet"), ("", "no label"),
        ("Part 2:", "second part"),
        ("A.", "letter"), ("1.1", "legal numbering shows decimals"),
    ]
    assert {b.kind for b in body_blocks(doc)} == {"list_item"}
    assert [b.level for b in body_blocks(doc)][:4] == [1, 2, 2, 3]


def test_numbering_counters_shared_restarted_and_overridden(tmp_path):
    never = '<w:lvlRestart w:val="0"/>'
    numbering = (
        abstract(0, lvl(0))
        + abstract(1, lvl(0), lvl(1, "lowerLetter", "%2.", extra=never))
        + abstract(2, lvl(0, start=None), lvl(1, "lowerLetter", "%2."))
        + num_def(1, 0) + num_def(2, 0)  # two lists on one definition share its count
        + num_def(3, 0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')
        + num_def(4, 1) + num_def(5, 2)
        + num_def(6, 2, '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="5"/>'
                        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl></w:lvlOverride>')
    )
    body = "".join(p(t, ppr=num(i, n)) for n, i, t in [
        (1, 0, "first"), (1, 0, "second"), (2, 0, "continues"), (3, 0, "restarted"),
        (1, 0, "continues the restart"), (3, 0, "and again"),
        (4, 0, "outer"), (4, 1, "inner"), (4, 0, "outer two"), (4, 1, "inner never restarts"),
        (5, 0, "no start element"), (5, 1, "child"), (5, 0, "next"), (5, 1, "child restarts"),
        (6, 0, "level redefined by the override"),
    ]) + p("", ppr=num(1, 4)) + p("after an empty numbered paragraph", ppr=num(1, 4))
    doc = read(make_docx(tmp_path, body, numbering=numbering))
    assert numbers(doc) == [
        ("1.", "first"), ("2.", "second"), ("3.", "continues"), ("1.", "restarted"),
        ("2.", "continues the restart"), ("3.", "and again"),
        ("1.", "outer"), ("a.", "inner"), ("2.", "outer two"), ("b.", "inner never restarts"),
        ("0.", "no start element"), ("a.", "child"), ("1.", "next"), ("a.", "child restarts"),
        ("5)", "level redefined by the override"),
        ("d.", "after an empty numbered paragraph"),
    ]


def test_numbered_headings_and_list_styles(tmp_path):
    numbering = (
        abstract(0, lvl(0, text="%1", extra='<w:pStyle w:val="NumHead1"/>'),
                 lvl(1, text="%1.%2", extra='<w:pStyle w:val="NumHead2"/>'))
        + abstract(1, lvl(0, "decimal", "%1.", extra='<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>'))
        + abstract(2, extra='<w:numStyleLink w:val="OutlineList"/>')
        + abstract(3, lvl(0, "upperLetter", "%1)"), extra='<w:styleLink w:val="OutlineList"/>')
        + num_def(1, 0) + num_def(2, 1) + num_def(3, 2) + num_def(4, 3)
    )
    styles = (
        '<w:style w:type="paragraph" w:styleId="NumHead1"><w:name w:val="Numbered Head 1"/>'
        '<w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="NumHead2"><w:name w:val="Numbered Head 2"/>'
        '<w:basedOn w:val="Heading2"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Steps"><w:name w:val="Steps"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="numbering" w:styleId="OutlineList"><w:name w:val="Outline List"/>'
        '<w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>'
    )
    body = (
        p("Overview", "NumHead1") + p("Context", "NumHead2") + p("Setting", "NumHead2")
        + p("Artifacts", "NumHead1") + p("Survey", "NumHead2")
        + p("Step by the style", "Steps") + p("Step indented on the paragraph", "Steps",
                                               ppr='<w:ind w:left="1080"/>')
        + p("Through a numbering style", ppr=num(0, 3)) + p("Still the linked list", ppr=num(0, 3))
    )
    doc = read(make_docx(tmp_path, body, styles_extra=styles, numbering=numbering))
    got = [(b.kind, b.level, b.style.number, b.text, b.style.indent) for b in body_blocks(doc)]
    assert got == [
        ("heading", 1, "1", "Overview", 0.0), ("heading", 2, "1.1", "Context", 0.0),
        ("heading", 2, "1.2", "Setting", 0.0), ("heading", 1, "2", "Artifacts", 0.0),
        ("heading", 2, "2.1", "Survey", 0.0),
        ("list_item", 1, "1.", "Step by the style", 36.0),  # the numbering level's indent
        ("list_item", 1, "2.", "Step indented on the paragraph", 54.0),
        ("list_item", 1, "A)", "Through a numbering style", 0.0),
        ("list_item", 1, "B)", "Still the linked list", 0.0),
    ]


def test_numbering_that_points_nowhere_or_is_hostile(tmp_path):
    numbering = (
        abstract(0, lvl(0, "lowerLetter", "%1.", 32767), lvl(1, "upperRoman", "%2", 99999))
        + abstract(1, lvl(0, "decimal", "%1.", "x"))  # type: ignore[arg-type]
        + abstract(2, extra='<w:numStyleLink w:val="Loop"/>')
        + num_def(1, 0) + num_def(2, 1) + num_def(3, 2) + num_def(4, 77)
    )
    styles = ('<w:style w:type="numbering" w:styleId="Loop"><w:name w:val="Loop"/>'
              '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>')
    body = "".join(p(t, ppr=num(i, n)) for n, i, t in [
        (1, 0, "huge letter"), (1, 1, "huge roman"), (2, 0, "bad start"), (3, 0, "style loop"),
        (4, 0, "missing abstract"), (99, 0, "missing num"), (1, 12, "level out of range"),
    ])
    doc = read(make_docx(tmp_path, body, styles_extra=styles, numbering=numbering))
    got = numbers(doc)
    assert got[0] == ("g" * 10 + ".", "huge letter")  # Word repeats the letter (1261 times): capped
    assert got[1] == ("32767", "huge roman")  # above Word's limit: clamped, shown as a number
    assert got[2:] == [("0.", "bad start"), ("", "style loop"), ("", "missing abstract"),
                       ("", "missing num"), ("", "level out of range")]
    assert all(b.kind == "list_item" for b in body_blocks(doc))


def test_empty_paragraphs_dropped_but_numbered(tmp_path):
    body = p("One") + p() + p("   ") + p("Four")
    doc = read(make_docx(tmp_path, body))
    assert [(b.text, b.loc.line) for b in doc.blocks] == [("One", 1), ("Four", 4)]
    assert str(doc.blocks[1].loc).endswith("paragraph 4")


# -- tables --------------------------------------------------------------------------------


def test_tables_interleaved_in_order_with_paragraph_numbers(tmp_path):
    body = (
        p("Before the table")
        + tbl(tr(tc(p("a1")), tc(p("b1"))), tr(tc(p("a2") + p("a2 second")), tc(p("b2"))))
        + p("After the table")
    )
    doc = read(make_docx(tmp_path, body))
    blocks = body_blocks(doc)
    assert [b.kind for b in blocks] == ["paragraph", "table", "paragraph"]
    table = blocks[1]
    assert table.rows == (("a1", "b1"), ("a2\na2 second", "b2"))
    assert table.text == "a1\nb1\na2\na2 second\nb2"
    # Cell paragraphs are numbered too: 1 before, 2-6 in the table, 7 after.
    assert [b.loc.line for b in blocks] == [1, 2, 7]


def test_merged_cells_are_not_duplicated(tmp_path):
    body = tbl(
        tr(tc(p("Spanning header"), '<w:gridSpan w:val="2"/>')),
        tr(tc(p("Tall cell"), '<w:vMerge w:val="restart"/>'), tc(p("x"))),
        tr(tc(p(), "<w:vMerge/>"), tc(p("y"))),
    )
    doc = read(make_docx(tmp_path, body))
    (table,) = body_blocks(doc)
    assert table.rows == (("Spanning header",), ("Tall cell", "x"), ("", "y"))
    assert table.text.split("\n") == ["Spanning header", "Tall cell", "x", "y"]


def test_nested_table_is_flattened_into_its_cell(tmp_path):
    inner = tbl(tr(tc(p("inner one")), tc(p("inner two"))))
    body = tbl(tr(tc(p("outer") + inner), tc(p("right"))))
    doc = read(make_docx(tmp_path, body))
    (table,) = body_blocks(doc)
    assert table.rows == (("outer\ninner one\ninner two", "right"),)
    assert len(table.text.split()) == 6


def header_table(*rows: str, tblpr: str = "") -> str:
    return f"<w:tbl><w:tblPr>{tblpr}</w:tblPr><w:tblGrid/>{''.join(rows)}</w:tbl>"


def test_table_header_rows_marked_bold_or_from_the_table_style(tmp_path):
    marked = '<w:trPr><w:tblHeader/></w:trPr>'
    styles = (
        '<w:style w:type="table" w:styleId="GridHead"><w:name w:val="Grid Head"/>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr></w:tblStylePr></w:style>'
        '<w:style w:type="paragraph" w:styleId="TableHeading"><w:name w:val="Table Heading"/>'
        '<w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>'
    )
    body_row = tr(tc(p("Parent")), tc(p("It feels distant.")))
    tables = [
        header_table(f"<w:tr>{marked}{tc(p('Role'))}{tc(p('Answer'))}</w:tr>",
                     f"<w:tr>{marked}{tc(p('who'))}{tc(p('what'))}</w:tr>", body_row),
        header_table(tr(tc(p("Role", rpr="<w:b/>")), tc(p("")), tc(p("Answer", rpr="<w:b/>"))), body_row),
        header_table(tr(tc(p("Role", rpr="<w:b/>")), tc(p("Answer"))), body_row),
        header_table(tr(tc(p("Role")), tc(p("Answer"))), body_row, tblpr='<w:tblStyle w:val="GridHead"/>'),
        header_table(tr(tc(p("Role")), tc(p("Answer"))), body_row,
                     tblpr='<w:tblStyle w:val="GridHead"/><w:tblLook w:val="0400" w:firstRow="0"/>'),
        header_table(tr(tc(p("Role")), tc(p("Answer"))), body_row,
                     tblpr='<w:tblStyle w:val="GridHead"/><w:tblLook w:val="0400"/>'),
        header_table(tr(tc(p("Role", "TableHeading")), tc(p("Answer", "TableHeading"))), body_row),
        header_table(tr(tc(p("Role")), tc(p("Answer"))), tr(tc(p("x", rpr="<w:b/>")), tc(p("y")))),
    ]
    doc = read(make_docx(tmp_path, "".join(t + p("between") for t in tables), styles_extra=styles))
    heads = [b.head for b in body_blocks(doc) if b.kind == "table"]
    assert heads == [2, 1, 0, 1, 0, 0, 1, 0]


PLACEHOLDER = "Click or tap here to enter text."


def sdt(content: str, showing: bool = True) -> str:
    pr = "<w:showingPlcHdr/>" if showing else ""
    return f"<w:sdt><w:sdtPr>{pr}<w:text/></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"


def test_content_controls_showing_their_placeholder_are_not_the_teachers_words(tmp_path):
    placeholder_run = r(PLACEHOLDER, '<w:rStyle w:val="PlaceholderText"/>')
    body = (
        sdt(p(PLACEHOLDER))  # a block-level control
        + "<w:p>" + r("Name: ") + sdt(placeholder_run) + "</w:p>"  # run-level, after a label
        + "<w:p>" + r("School: ") + sdt(r("Lincoln Middle"), showing=False) + "</w:p>"  # filled in
        + tbl(
            tr(tc(p("Question", rpr="<w:b/>")), tc(p("Answer", rpr="<w:b/>"))),
            tr(tc(p("Who is on your team?")), tc("<w:p>" + sdt(placeholder_run) + "</w:p>")),
            tr(tc(p("Why them?")), tc(sdt(p(PLACEHOLDER)))),
            tr(tc(p("What need?")), tc(p("Reading growth"))),
        )
    )
    doc = read(make_docx(tmp_path, body))
    got = [(b.kind, b.text, b.counted, b.origin, b.loc.line) for b in doc.blocks]
    table_rows = (("Question", "Answer"), ("Who is on your team?", ""), ("Why them?", ""),
                  ("What need?", "Reading growth"))
    assert got == [
        ("paragraph", PLACEHOLDER, False, "placeholder", 1),
        ("paragraph", "Name:", True, "", 2),
        ("paragraph", PLACEHOLDER, False, "placeholder", 2),
        ("paragraph", "School: Lincoln Middle", True, "", 3),
        ("table", "\n".join(c for row in table_rows for c in row if c), True, "", 4),
        ("paragraph", PLACEHOLDER, False, "placeholder", 7),
        ("paragraph", PLACEHOLDER, False, "placeholder", 9),
    ]
    table = doc.blocks[4]
    assert table.rows == table_rows and table.head == 1


def test_legacy_form_field_keeps_the_typed_result(tmp_path):
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text1"/><w:textInput/>'
        '</w:ffData></w:fldChar></w:r>'
        '<w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("Maria Alvarez") +
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    doc = read(make_docx(tmp_path, "<w:p>" + r("Teacher: ") + field + "</w:p>"))
    assert [(b.text, b.counted) for b in body_blocks(doc)] == [("Teacher: Maria Alvarez", True)]


# -- tracked changes, fields, content controls ----------------------------------------------


def test_tracked_changes_counted_as_accepted(tmp_path):
    ins = '<w:ins w:id="1" w:author="Reviewer" w:date="2024-01-01T00:00:00Z">'
    dele = '<w:del w:id="2" w:author="Reviewer" w:date="2024-01-01T00:00:00Z">'
    body = (
        "<w:p>" + r("The class ") + ins + r("really ") + "</w:ins>"
        + dele + '<w:r><w:delText>never </w:delText></w:r></w:del>'
        + r("improved.") + "</w:p>"
        + '<w:p><w:moveFrom w:id="3" w:author="R"><w:r><w:t>Moved away</w:t></w:r></w:moveFrom></w:p>'
        + '<w:p><w:moveTo w:id="4" w:author="R"><w:r><w:t>Moved here</w:t></w:r></w:moveTo></w:p>'
        + tbl(
            tr(tc(p("kept row"))),
            '<w:tr><w:trPr><w:del w:id="5" w:author="R"/></w:trPr>'
            + tc(dele + '<w:r><w:delText>gone row</w:delText></w:r></w:del>') + "</w:tr>",
        )
    )
    doc = read(make_docx(tmp_path, body))
    assert [b.text for b in body_blocks(doc)] == ["The class really improved.", "Moved here", "kept row"]
    n = note(doc, "tracked-changes")
    assert n.severity == "info" and "accepted" in n.message


def test_no_tracked_changes_note_without_changes(tmp_path):
    doc = read(make_docx(tmp_path, p("Plain text.")))
    assert "tracked-changes" not in codes(doc)


def test_field_codes_excluded_results_included(tmp_path):
    body = (
        "<w:p>" + r("See ")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + '<w:r><w:instrText xml:space="preserve"> REF _Ref123 \\h </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("Table 1")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + r(" and page ")
        + '<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>'
        + "</w:p>"
        + '<w:p><w:hyperlink r:id="rId99">' + r("the district website") + "</w:hyperlink></w:p>"
    )
    doc = read(make_docx(tmp_path, body))
    assert [b.text for b in body_blocks(doc)] == ["See Table 1 and page 7", "the district website"]


def test_special_run_characters(tmp_path):
    body = (
        "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t>"
        "<w:t>e</w:t><w:noBreakHyphen/><w:t>mail co</w:t><w:softHyphen/><w:t>operate</w:t>"
        '<w:sym w:font="Wingdings" w:char="F0E0"/><w:t> end</w:t></w:r></w:p>'
    )
    doc = read(make_docx(tmp_path, body))
    assert body_blocks(doc)[0].text == "a\tb\nc\nde-mail cooperate end"


def test_content_controls_block_and_run_level(tmp_path):
    body = (
        '<w:sdt><w:sdtPr><w:alias w:val="Reflection"/></w:sdtPr><w:sdtContent>'
        + p("Inside a block control")
        + "</w:sdtContent></w:sdt>"
        + "<w:p>" + r("Name: ")
        + '<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>' + r("Ms Rivera")
        + "</w:sdtContent></w:sdt></w:p>"
    )
    doc = read(make_docx(tmp_path, body))
    assert [b.text for b in body_blocks(doc)] == ["Inside a block control", "Name: Ms Rivera"]


def test_math_text_is_kept(tmp_path):
    body = "<w:p>" + r("Area is ") + "<m:oMath><m:r><m:t>πr²</m:t></m:r></m:oMath></w:p>"
    doc = read(make_docx(tmp_path, body))
    assert body_blocks(doc)[0].text == "Area is πr²"


# -- text boxes ----------------------------------------------------------------------------

TEXTBOX_INNER = p("Key takeaway from the lesson") + p("Second box line")


def textbox_paragraph(anchor_text: str = "Anchor text") -> str:
    drawing = (
        '<w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>'
        f"<w:txbxContent>{TEXTBOX_INNER}</w:txbxContent>"
        "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )
    vml = f'<w:pict><v:shape><v:textbox><w:txbxContent>{TEXTBOX_INNER}</w:txbxContent></v:textbox></v:shape></w:pict>'
    return (
        "<w:p>" + r(anchor_text)
        + f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
        + f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )


def test_textbox_kept_once_and_counted(tmp_path):
    doc = read(make_docx(tmp_path, p("First") + textbox_paragraph() + p("Last")))
    assert [(b.text, b.origin, b.counted, b.loc.line) for b in doc.blocks] == [
        ("First", "", True, 1),
        ("Anchor text", "", True, 2),
        ("Key takeaway from the lesson", "textbox", True, 2),
        ("Second box line", "textbox", True, 2),
        ("Last", "", True, 3),
    ]
    assert "text box is counted" in note(doc, "textboxes").message


def test_vml_only_textbox_and_run_level_alternate_content(tmp_path):
    vml = (f'<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>{p("VML box")}'
           "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>")
    # AlternateContent wrapping whole runs (Word writes this too): one copy only.
    run_level = (
        '<w:p><mc:AlternateContent><mc:Choice Requires="w14">' + r("chosen")
        + "</mc:Choice><mc:Fallback>" + r("fallback") + "</mc:Fallback></mc:AlternateContent></w:p>"
    )
    doc = read(make_docx(tmp_path, vml + run_level))
    assert [(b.text, b.origin) for b in doc.blocks] == [("VML box", "textbox"), ("chosen", "")]


def test_textbox_uncounted_when_word_count_excludes_them(tmp_path):
    doc = read(make_docx(tmp_path, textbox_paragraph(),
                         settings_extra="<w:doNotIncludeSubdocsInStats/>"))
    boxes = [b for b in doc.blocks if b.origin == "textbox"]
    assert len(boxes) == 2 and not any(b.counted for b in boxes)
    assert "not counted" in note(doc, "textboxes").message


# -- comments, headers, footers, notes, metadata -------------------------------------------


def test_comments_excluded_and_suppression_comment(tmp_path):
    body = (
        '<w:p><w:commentRangeStart w:id="0"/>' + r("Body text here.")
        + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>'
    )
    comments = (
        '<w:comment w:id="0" w:author="Coach">' + p("Great reflection, add data.") + "</w:comment>"
        + '<w:comment w:id="1" w:author="Me">' + p("mccheck: ignore word-limit Placeholder, extra")
        + "</w:comment>"
    )
    doc = read(make_docx(tmp_path, body, parts={"comments": comments}))
    assert [b.text for b in doc.counted_blocks] == ["Body text here."]
    kept = [b for b in doc.blocks if b.origin == "comment"]
    assert [b.text for b in kept][0] == "Great reflection, add data."
    assert not any(b.counted for b in kept)
    assert doc.suppressed == frozenset({"word-limit", "placeholder", "extra"})


def test_headers_and_footers_kept_uncounted_once_per_part(tmp_path):
    refs = ('<w:headerReference w:type="default" r:id="rIdHeader1"/>'
            '<w:footerReference w:type="default" r:id="rIdFooter1"/>')
    # Two sections that share the same header and footer parts.
    body = p("Section one text.") + f"<w:p><w:pPr><w:sectPr>{refs}</w:sectPr></w:pPr></w:p>" + p("Two.")
    doc = read(make_docx(
        tmp_path, body, sect=refs,
        parts={"header1": p("Jane Teacher, Lincoln Elementary"), "footer1": p("Page 1 of 3")},
    ))
    headers = [b for b in doc.blocks if b.origin == "header"]
    footers = [b for b in doc.blocks if b.origin == "footer"]
    assert [b.text for b in headers] == ["Jane Teacher, Lincoln Elementary"]
    assert [b.text for b in footers] == ["Page 1 of 3"]
    assert not any(b.counted for b in headers + footers)
    assert [b.text for b in doc.counted_blocks] == ["Section one text.", "Two."]
    assert doc.blocks[0].origin == "header" and doc.blocks[-1].origin == "footer"


def test_footnotes_and_endnotes_uncounted_with_note(tmp_path):
    body = (
        "<w:p>" + r("Claim") + '<w:r><w:footnoteReference w:id="1"/></w:r>'
        + r(" and more") + '<w:r><w:footnoteReference w:id="2"/></w:r>'
        + '<w:r><w:endnoteReference w:id="1"/></w:r></w:p>'
    )
    footnotes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0">' + p("continued") + "</w:footnote>"
        '<w:footnote w:id="1">' + p("Smith (2019), page four.") + "</w:footnote>"
        '<w:footnote w:id="2">' + p("Ibid.") + "</w:footnote>"
        '<w:footnote w:id="3">' + p("Orphan note nobody references") + "</w:footnote>"
    )
    endnotes = '<w:endnote w:id="1">' + p("An endnote") + "</w:endnote>"
    doc = read(make_docx(tmp_path, body, parts={"footnotes": footnotes, "endnotes": endnotes}))
    assert [b.text for b in doc.counted_blocks] == ["Claim and more"]
    foot = [b for b in doc.blocks if b.origin == "footnote"]
    assert [b.text for b in foot] == ["Smith (2019), page four.", "Ibid."]
    assert not any(b.counted for b in foot)
    assert note(doc, "footnotes").message == "2 footnotes with 5 words are not counted"
    assert note(doc, "endnotes").message == "1 endnote with 2 words is not counted"
    assert [b.text for b in doc.blocks if b.origin == "endnote"] == ["An endnote"]


def test_author_metadata_note(tmp_path):
    core = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:creator>Jane Teacher</dc:creator><cp:lastModifiedBy>J. T.</cp:lastModifiedBy>"
        "</cp:coreProperties>"
    )
    doc = read(make_docx(tmp_path, p("x"), core=core))
    n = note(doc, "author-metadata")
    assert n.severity == "info" and "Jane Teacher" in n.message and "J. T." in n.message
    empty = core.replace("Jane Teacher", "").replace("J. T.", " ")
    doc = read(make_docx(tmp_path, p("x"), core=empty, name="anon.docx"))
    assert "author-metadata" not in codes(doc)


def test_strict_ooxml_namespace(tmp_path):
    path = make_docx(tmp_path, p("Strict body text", "Heading1"))
    strict = tmp_path / "strict.docx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(strict, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename in ("word/document.xml", "word/styles.xml"):
                data = data.replace(W.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")
            zout.writestr(info, data)
    assert kinds(read(strict)) == [("heading", 1, "Strict body text")]


# -- hostile and wrong files -----------------------------------------------------------------


def rewrite(src: Path, dst: Path, replace: dict[str, bytes | None]) -> Path:
    """Copy a zip, replacing (or, with None, dropping) some entries."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in replace:
                data = replace[info.filename]
                if data is None:
                    continue
            else:
                data = zin.read(info)
            zout.writestr(info.filename, data)
    return dst


def expect_error(path: Path, fragment: str, limits: ReadLimits = DEFAULT_LIMITS) -> InputError:
    with pytest.raises(InputError) as info:
        reader.read(path, limits)
    err = info.value
    assert fragment in err.message, err.message
    assert "\n" not in str(err)
    assert err.path == str(path)
    return err


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b'<w:document xmlns:w="' + W.encode() + b'"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p>'
    b"</w:body></w:document>"
)


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml"])
def test_entity_declarations_refused_in_any_part(tmp_path, part):
    src = make_docx(tmp_path, p("x"))
    data = BILLION_LAUGHS if part == "word/document.xml" else (
        b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://example.invalid/x.dtd"><w:styles xmlns:w="'
        + W.encode() + b'"/>'
    )
    bad = rewrite(src, tmp_path / "bad.docx", {part: data})
    expect_error(bad, "contains XML entity declarations, which mccheck refuses for safety")


def test_safe_xml_refuses_utf16_doctype():
    data = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'
    with pytest.raises(InputError, match="entity declarations"):
        safe_xml(data.encode("utf-16"), "f.docx")
    assert safe_xml(b"<a><b>ok</b></a>", "f.docx")[0].text == "ok"


def test_damaged_xml_part(tmp_path):
    bad = rewrite(make_docx(tmp_path, p("x")), tmp_path / "bad.docx",
                  {"word/document.xml": b"<w:document><w:body>"})
    expect_error(bad, "has a damaged part (word/document.xml)")


def test_zip_bomb_by_ratio(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document/>")
        z.writestr("word/padding.xml", b"\0" * (4 * 1024 * 1024))
    expect_error(bomb, "compressed more than 200:1")


def test_zip_bomb_by_declared_total(tmp_path):
    src = make_docx(tmp_path, p("x"))
    expect_error(src, "would expand to more than", ReadLimits(max_uncompressed_bytes=100_000))


def test_zip_entry_larger_than_declared(tmp_path):
    """A central directory that understates a part's size must not be trusted."""
    src = make_docx(tmp_path, p("The real body text " * 200))
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as z:
        info = z.getinfo("word/document.xml")
    # Patch the uncompressed size in the local header (offset 22) and central directory (24).
    name = b"word/document.xml"
    cd = data.find(b"PK\x01\x02", 0)
    while data[cd + 46 : cd + 46 + len(name)] != name:
        cd = data.find(b"PK\x01\x02", cd + 4)
    small = (100).to_bytes(4, "little")
    data[info.header_offset + 22 : info.header_offset + 26] = small
    data[cd + 24 : cd + 28] = small
    liar = tmp_path / "liar.docx"
    liar.write_bytes(bytes(data))
    err = expect_error(liar, "")
    assert "bomb" in err.message or "damaged" in err.message


def test_too_many_entries(tmp_path):
    many = tmp_path / "many.docx"
    with zipfile.ZipFile(many, "w") as z:
        z.writestr("word/document.xml", b"<w:document/>")
        for i in range(30):
            z.writestr(f"word/media/image{i}.png", b"x")
    expect_error(many, "has 31 parts inside, more than the 20", ReadLimits(max_zip_entries=20))


OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def ole_file(tmp_path: Path, name: str, stream_name: str | None, body_mention: bool = False) -> Path:
    sector = bytearray(512)
    if stream_name:
        encoded = (stream_name + "\0").encode("utf-16-le")
        sector[128 : 128 + len(encoded)] = encoded  # second directory entry of the sector
        sector[128 + 64 : 128 + 66] = len(encoded).to_bytes(2, "little")
    data = OLE_HEADER + bytes(sector)
    if body_mention:  # the word in document text, not on an entry boundary
        data += b"\0" * 7 + "see EncryptionInfo\0".encode("utf-16-le") + b"\0" * 100
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_legacy_doc(tmp_path):
    path = ole_file(tmp_path, "old.docx", "WordDocument", body_mention=True)
    expect_error(path, "is an old Word 97-2003 .doc file: open it in Word and save as .docx")


def test_encrypted_office_file(tmp_path):
    path = ole_file(tmp_path, "locked.docx", "EncryptionInfo")
    expect_error(path, "is password-protected: remove the password in Word "
                       "(File > Info > Protect Document) and save again")


def test_not_a_zip(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("just some text someone renamed")
    expect_error(path, "is not a Word .docx file")


def test_pdf_renamed_docx(tmp_path):
    path = tmp_path / "export.docx"
    path.write_bytes(b"%PDF-1.7\n...")
    expect_error(path, "is a PDF file")


def test_zip_without_document_xml(tmp_path):
    src = make_docx(tmp_path, p("x"))
    bad = rewrite(src, tmp_path / "nobody.docx", {"word/document.xml": None})
    expect_error(bad, "has no document body (word/document.xml): it may be damaged; save it again from Word")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    expect_error(path, "is empty")


def test_directory(tmp_path):
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    expect_error(folder, "is a folder")


def test_missing_file(tmp_path):
    expect_error(tmp_path / "nope.docx", "does not exist")


def test_oversized_file(tmp_path):
    src = make_docx(tmp_path, p("x"))
    expect_error(src, "above the 1000 bytes limit; raise it with --max-file-size", ReadLimits(max_file_bytes=1000))


def test_check_zip_accepts_a_normal_docx(tmp_path):
    assert check_zip(make_docx(tmp_path, p("fine")), DEFAULT_LIMITS) is None


def test_input_is_not_modified(tmp_path):
    path = make_docx(tmp_path, textbox_paragraph())
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    os.chmod(path, 0o444)  # read-only input must be readable
    read(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_docx_reader_imports_no_heavy_modules():
    code = (
        "import sys, mccheck.readers.docx, mccheck.readers.guards;"
        "bad = [m for m in ('lxml', 'docx') if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_time_budget(tmp_path):
    path = make_docx(tmp_path, p("Line of text.") * 300)
    expect_error(path, "took longer than", ReadLimits(seconds=-1))


# -- properties ----------------------------------------------------------------------------

_WORDS = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N", "P", "S"), blacklist_characters="<>&"),
    min_size=1, max_size=12,
)
_PARAS = st.lists(st.lists(_WORDS, min_size=1, max_size=15).map(" ".join), min_size=1, max_size=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paras=_PARAS, cells=_PARAS)
def test_every_body_word_is_read_once(tmp_path, paras, cells):
    body = "".join(p(escape(x)) for x in paras) + tbl(tr(*(tc(p(escape(c))) for c in cells)))
    doc = read(make_docx(tmp_path, body, name="prop.docx"))
    expected = sum(len(x.split()) for x in paras + cells)
    assert sum(len(b.text.split()) for b in doc.counted_blocks) == expected
    assert [b.loc.line for b in doc.blocks] == sorted(b.loc.line for b in doc.blocks)


_RUN_TEXT = st.lists(
    st.sampled_from(["Timeline", "by", "March", "Question", "2", ":", ".", "?", "words", "\u201cWhy", "x,"]),
    min_size=1, max_size=6,
).map(" ".join)
_RUN = st.tuples(_RUN_TEXT, st.sampled_from(["", "<w:b/>", "<w:i/>", "<w:b/><w:i/>"]),
                 st.sampled_from(["", " ", "\t", "\n", ": "]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paras=st.lists(st.lists(_RUN, min_size=1, max_size=5), min_size=1, max_size=5))
def test_splitting_leads_never_loses_or_duplicates_a_word(tmp_path, paras):
    body, expected = "", []
    for runs in paras:
        xml = ""
        text = ""
        for words, rpr, tail in runs:
            piece = words + tail
            inner = "".join("<w:tab/>" if c == "\t" else "<w:br/>" if c == "\n" else
                            f'<w:t xml:space="preserve">{escape(c)}</w:t>' for c in re.split(r"([\t\n])", piece) if c)
            xml += f"<w:r><w:rPr>{rpr}</w:rPr>{inner}</w:r>"
            text += piece
        body += f"<w:p>{xml}</w:p>"
        expected += text.split()
    doc = read(make_docx(tmp_path, body, name="split.docx"))
    assert [w for b in doc.counted_blocks for w in b.text.split()] == expected
    assert all(b.text == b.text.strip() and b.text for b in doc.blocks)
    # A run-in block always follows the lead it was split from, on the same paragraph.
    for before, block in zip(doc.blocks, doc.blocks[1:]):
        if block.run_in:
            assert not before.run_in and before.loc == block.loc


# -- speed ---------------------------------------------------------------------------------

SENTENCE = "Students compared fractions using number lines and explained their reasoning aloud."


def ten_page_body() -> str:
    parts = []
    for section in range(1, 11):
        parts.append(p(f"Section {section}", "Heading1"))
        for _ in range(8):
            parts.append(p(" ".join([SENTENCE] * 5)))  # 55 words
        parts.append(tbl(*(tr(tc(p("Criterion")), tc(p(SENTENCE))) for _ in range(4))))
    return "".join(parts)


def test_ten_page_document_reads_fast(tmp_path):
    path = make_docx(tmp_path, ten_page_body())
    read(path)  # warm imports
    start = time.perf_counter()
    doc = read(path)
    elapsed = time.perf_counter() - start
    words = sum(len(b.text.split()) for b in doc.counted_blocks)
    assert words > 4800  # ~10 pages single-spaced
    assert elapsed < 0.5, f"{elapsed * 1000:.0f} ms"


# -- real documents ------------------------------------------------------------------------

CORPUS_FILES = sorted(CORPUS.glob("*.docx")) if CORPUS.is_dir() else []
_LIST_MARKER = re.compile(r"^\s*(?:\d+[.)]|[-*+\u2022]|[a-zA-Z][.)]|\(\w+\))\s+", re.M)


def regex_words(path: Path) -> int:
    """docx2txt-style: every w:t of document.xml, minus deleted text and fallback copies."""
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    xml = re.sub(r"<mc:Fallback>.*?</mc:Fallback>", "", xml, flags=re.S)
    xml = re.sub(r"<w:(del|moveFrom)\b[^>]*?(?<!/)>.*?</w:\1>", "", xml, flags=re.S)
    xml = re.sub(r"<w:(?:tab|br|cr)\b[^>]*/>|</w:p>", " <w:t> </w:t>", xml)
    return len("".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml)).split())


def pandoc_words(path: Path) -> int:
    """Words of pandoc's plain text, without table rules and list markers it adds."""
    out = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "plain", "--track-changes=accept", "--wrap=none", str(path)],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout
    out = _LIST_MARKER.sub("", out)
    return sum(1 for token in out.split() if any(ch.isalnum() for ch in token))


def agree(ours: int, theirs: int) -> bool:
    return abs(ours - theirs) <= 0.03 * max(ours, theirs)


@pytest.mark.skipif(not CORPUS_FILES, reason="shared corpus of real .docx files not present")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_real_docx_reads_and_counts_like_independent_extractors(path):
    try:
        doc = reader.read(path, DEFAULT_LIMITS)
    except InputError as e:  # a clean, one-line refusal is acceptable
        assert "\n" not in str(e)
        return
    assert isinstance(doc, Document)
    ours = sum(len(b.text.split()) for b in doc.counted_blocks)
    assert agree(ours, regex_words(path)), (ours, regex_words(path))
    if shutil.which("pandoc"):
        assert agree(ours, pandoc_words(path)), (ours, pandoc_words(path))

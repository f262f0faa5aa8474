"""PDF reader: engines, blocks and their Style, tables, headers/footers, hyphenation, headings
from the outline, rotated and positioned text, undecodable pages, scans, hostile files.

Test PDFs live in tests/data/pdf/ (regenerate with tests/data/pdf/make_pdfs.py); layouts that
need exact geometry are written on the fly with its ``raw_pdf`` (standard fonts, one line per
text object). Both engines run every test that the engine allows. The whole-corpus checks are
in test_corpus.py.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mccheck.counting import count_words
from mccheck.document import Block, Document
from mccheck.errors import InputError
from mccheck.readers import pdf
from mccheck.readers.limits import ReadLimits
from mccheck.readers.pdf import edges, engines, fonts, text

DATA = Path(__file__).resolve().parents[1] / "data" / "pdf"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PEERS = SHARED / "corpus" / "peers"
DRAFTS = SHARED / "drafts" / "drafts"
LIMITS = ReadLimits()
PASSWORD = "is password-protected: remove the password or export a new PDF"
DAMAGED = "is damaged or not a PDF: export it again"

spec = importlib.util.spec_from_file_location("tests_data_pdf_make", DATA / "make_pdfs.py")
assert spec and spec.loader
make = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make)


@pytest.fixture(params=["pdfium", "pypdf"])
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MCCHECK_PDF_BACKEND", request.param)
    return request.param


def words(doc: Document) -> int:
    return sum(count_words(b.text) for b in doc.counted_blocks)


def read(name: str) -> Document:
    return pdf.read(DATA / name, LIMITS)


def write(tmp_path: Path, *pages: dict, name: str = "layout.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(make.raw_pdf(list(pages)))
    return path


def flow(lines: list, x: float = 72, top: float = 720, size: float = 11, pitch: float = 14) -> list[tuple]:
    """Lines down a page: each a text or (text, font); "" leaves a paragraph gap."""
    out, y = [], top
    for line in lines:
        if line:
            words, font = (line, "R") if isinstance(line, str) else line
            out.append((x, y, size, words, font))
        y -= pitch
    return out


def body(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if not b.origin]


# ------------------------------------------------------------------ engines


def test_pdfium_is_the_default_and_the_env_forces_pypdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MCCHECK_PDF_BACKEND", raising=False)
    assert engines.backend_name() == "pdfium"
    assert read("hyphenated.pdf").engine.startswith("pdfium ")
    monkeypatch.setenv("MCCHECK_PDF_BACKEND", "pypdf")
    assert engines.backend_name() == "pypdf"
    assert read("hyphenated.pdf").engine.startswith("pypdf ")


def test_pypdf_reads_what_pdfium_cannot_open(monkeypatch: pytest.MonkeyPatch) -> None:
    from mccheck.readers.pdf import engine_pdfium

    def refuse(self, path):  # noqa: ANN001, ANN202
        raise InputError(path, DAMAGED)

    monkeypatch.delenv("MCCHECK_PDF_BACKEND", raising=False)
    monkeypatch.setattr(engine_pdfium.PdfiumEngine, "__init__", refuse)
    doc = read("hyphenated.pdf")
    assert doc.engine.startswith("pypdf ") and words(doc) > 50


def test_pypdf_is_used_where_pypdfium2_cannot_be_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MCCHECK_PDF_BACKEND", raising=False)
    monkeypatch.setitem(sys.modules, "mccheck.readers.pdf.engine_pdfium", None)  # import fails
    assert read("hyphenated.pdf").engine.startswith("pypdf ")


def test_engines_are_imported_lazily() -> None:
    code = "import mccheck.readers.pdf, sys; print('pypdf' in sys.modules, 'pypdfium2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_count_explain_names_the_engine(tmp_path: Path) -> None:
    shutil.copy(DATA / "draft-outline.pdf", tmp_path / "draft.pdf")
    out = subprocess.run([sys.executable, "-m", "mccheck", "count", "draft.pdf", "--explain", "The students"],
                         cwd=tmp_path, capture_output=True, text=True, check=True)
    assert "draft.pdf read with pdfium " in out.stdout


# ------------------------------------------------------------------ the LibreOffice draft


def test_draft_headers_footers_kept_once_uncounted(engine: str) -> None:
    doc = read("draft-plain.pdf")
    assert doc.pages == 6
    edge_blocks = [b for b in doc.blocks if b.origin in ("header", "footer")]
    assert [(b.origin, b.text, b.counted) for b in edge_blocks] == [
        ("header", "Jane Doe — Draft", False),
        ("footer", "Page 1 of 6", False),
    ]
    text_ = " ".join(b.text for b in doc.counted_blocks)
    assert "Jane Doe" not in text_ and "Page " not in text_


def test_draft_without_outline_has_no_headings_but_their_style(engine: str) -> None:
    doc = read("draft-plain.pdf")
    assert not [b for b in doc.blocks if b.kind == "heading"]
    styled = [(b.text, b.style.bold, b.style.size, b.loc.page) for b in body(doc)
              if b.style.bold or b.style.size != 11.0]
    assert styled == [
        ("Part 1: Context", True, 14.0, 1), ("Our school and classroom", True, 13.0, 1),
        ("The students", True, 13.0, 2), ("Part 2: Evidence", True, 14.0, 3),
        ("Artifact 1: Lesson plan", True, 13.0, 3), ("Artifact 2: Student work", True, 13.0, 4),
        ("Part 3: Reflection", True, 14.0, 5), ("What changed", True, 13.0, 5),
        ("Next steps", True, 13.0, 6),
    ]
    assert {b.style.name for b in body(doc)} >= {"DejaVuSans-Bold", "DejaVuSerif"}


def test_draft_headings_from_outline(engine: str) -> None:
    doc = read("draft-outline.pdf")
    headings = [(b.text, b.level, b.style.outline, b.counted) for b in doc.blocks if b.kind == "heading"]
    assert headings[:3] == [("Part 1: Context", 1, 1, True), ("Our school and classroom", 2, 2, True),
                            ("The students", 2, 2, True)]
    assert len(headings) == 9


def test_draft_paragraphs_and_lists(engine: str) -> None:
    doc = read("draft-plain.pdf")
    paragraphs = [b for b in doc.counted_blocks if b.kind == "paragraph" and not b.style.bold]
    # 6 subsections x 5 paragraphs, each rebuilt whole from its lines (one across a page break).
    assert len(paragraphs) == 30
    assert all(p.text.startswith("Our grade four team") and p.text.endswith("about instruction.")
               for p in paragraphs)
    items = [(b.text, b.style.number) for b in doc.blocks if b.kind == "list_item"]
    assert items == [("Sorted drafts by rubric level.", "•"), ("Chose one teaching move.", "•")] * 6
    first = paragraphs[0]
    assert first.loc.file.endswith("draft-plain.pdf") and first.loc.page == 1 and first.loc.line == 4


def test_draft_word_count_matches_source_text(engine: str) -> None:
    expected = 0
    for part, subs in make.SECTIONS:
        expected += len(part.split())
        for sub in subs:
            expected += len(sub.split()) + 5 * len(make.PARAGRAPH.split()) + 9  # two bullets: 5 + 4
    assert words(read("draft-plain.pdf")) == expected


# ------------------------------------------------------------------ style features


def test_bold_question_over_regular_answer_is_two_blocks(tmp_path: Path, engine: str) -> None:
    path = write(tmp_path, {"lines": flow([
        ("Is our mission statement clear and concise, and does it say", "B"),
        ("what we do every day?", "B"),
        "Mostly. It is clear, but it is longer than it needs to be and",
        "people forget it.",
        ("Is it welcoming?", "B"),
        "Yes.",
    ])})
    doc = pdf.read(path, LIMITS)
    assert [(b.text, b.style.bold, b.style.name) for b in doc.blocks] == [
        ("Is our mission statement clear and concise, and does it say what we do every day?", True,
         "Helvetica-Bold"),
        ("Mostly. It is clear, but it is longer than it needs to be and people forget it.", False, "Helvetica"),
        ("Is it welcoming?", True, "Helvetica-Bold"),
        ("Yes.", False, "Helvetica"),
    ]


@pytest.mark.parametrize("label_font", ["B", "I"])
def test_emphasised_label_running_into_its_answer_is_cut(tmp_path: Path, engine: str, label_font: str) -> None:
    path = write(tmp_path, {"lines": [
        (72, 720, 11, "Question 2.", label_font), (134, 720, 11, "Our school serves about nine hundred"),
        (72, 706, 11, "students in grades six to eight."),
    ]})
    doc = pdf.read(path, LIMITS)
    emphasis = "bold" if label_font == "B" else "italic"
    assert [(b.text, getattr(b.style, emphasis), b.run_in) for b in doc.blocks] == [
        ("Question 2.", True, False),
        ("Our school serves about nine hundred students in grades six to eight.", False, True),
    ]
    assert words(doc) == 14


def test_wrapped_bold_heading_is_one_block_and_headings_apart_stay_apart(tmp_path: Path, engine: str) -> None:
    path = write(tmp_path, {"lines": [
        (72, 720, 14, "Recommendation 1: Form a mission revision committee that", "B"),
        (72, 703, 14, "represents the whole community", "B"),
        (72, 670, 14, "Recommendation 2: Gather stakeholder voice", "B"),
        (72, 650, 11, "We will survey families in February."),
    ]})
    doc = pdf.read(path, LIMITS)
    assert [(b.text, b.style.bold, b.style.size) for b in doc.blocks] == [
        ("Recommendation 1: Form a mission revision committee that represents the whole community", True, 14.0),
        ("Recommendation 2: Gather stakeholder voice", True, 14.0),
        ("We will survey families in February.", False, 11.0),
    ]


def test_italic_indented_and_capitalised_blocks(tmp_path: Path, engine: str) -> None:
    path = write(tmp_path, {"lines": [
        *flow(["OUR MISSION", "", "The district states its purpose in one sentence, which every",
               "school prints on its letterhead.", ""]),
        *flow([("Every student learns at high levels and graduates ready.", "I")], x=108, top=636),
        *flow(["", "That sentence is clear, but it does not name our families."], top=622),
    ]})
    doc = pdf.read(path, LIMITS)
    got = [(b.text.split()[0], b.style.caps, b.style.italic, round(b.style.indent)) for b in doc.blocks]
    assert got == [("OUR", True, False, 0), ("The", False, False, 0), ("Every", False, True, 36),
                   ("That", False, False, 0)]


@pytest.mark.parametrize(("name", "flags", "weight", "expected"), [
    ("ABCDEF+Arial-BoldMT", 0, 0, ("Arial-BoldMT", True, False)),
    ("Calibri,BoldItalic", 0, 0, ("Calibri,BoldItalic", True, True)),
    ("TimesNewRomanPS-ItalicMT", 0, 0, ("TimesNewRomanPS-ItalicMT", False, True)),
    ("MinionPro-SemiboldIt", 0, 0, ("MinionPro-SemiboldIt", True, True)),
    ("Helvetica-Oblique", 0, 0, ("Helvetica-Oblique", False, True)),
    ("CMBX10", 0, 0, ("CMBX10", True, False)),
    ("CMTI10", 0, 0, ("CMTI10", False, True)),
    ("Lato-Black", 0, 0, ("Lato-Black", True, False)),
    ("NimbusRomNo9L-Medi", 0, 700, ("NimbusRomNo9L-Medi", True, False)),
    ("Garamond", fonts.FLAG_FORCE_BOLD | fonts.FLAG_ITALIC, 0, ("Garamond", True, True)),
    ("DejaVuSerif", 0, 400, ("DejaVuSerif", False, False)),
    ("OpenSymbol", 0, 0, ("OpenSymbol", False, False)),
    ("Kitchen-Regular", 0, 0, ("Kitchen-Regular", False, False)),
])
def test_font_style_from_name_and_descriptor(name: str, flags: int, weight: int, expected: tuple) -> None:
    found = fonts.font(name, flags, weight)
    assert (found.name, found.bold, found.italic) == expected


# ------------------------------------------------------------------ tables


def test_table_written_row_by_row_with_a_bold_header(tmp_path: Path, engine: str) -> None:
    rows = [("Plan element", "Details", "Owner"), ("Timeline", "Recruit members in January", "Principal"),
            ("Resources", "Interpreters and childcare", "District office")]
    lines = [(x, 600 - 18 * r, 11, cell, "B" if r == 0 else "R")
             for r, row in enumerate(rows) for x, cell in zip((72, 230, 430), row)]
    path = write(tmp_path, {"lines": [*flow(["Recommendation 1 comes with this plan:"]), *lines,
                                      (72, 520, 11, "The committee reports to the board in May.")]})
    doc = pdf.read(path, LIMITS)
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph"]
    table = doc.blocks[1]
    assert table.rows == tuple(rows) and table.head == 1 and table.counted
    assert words(doc) == 6 + 16 + 8


def test_table_written_cell_by_cell_with_wrapped_cells(tmp_path: Path, engine: str) -> None:
    cells = [
        [(72, ["Suggestion"]), (250, ["Timeline"]), (430, ["Resources"])],
        [(72, ["Open the mission to", "revision at a family", "summit"]), (250, ["Plan in January and", "hold it in March"]),
         (430, ["The cafeteria"])],
        [(72, ["Translate the mission"]), (250, ["By June"]), (430, ["District translators", "and art students"])],
    ]
    lines, top = [], 600
    for r, row in enumerate(cells):
        for x, texts in row:  # each cell top to bottom, then the next cell: the text moves up
            lines += [(x, top - 12 * k, 10, t, "B" if r == 0 else "R") for k, t in enumerate(texts)]
        top -= 12 * max(len(t) for _, t in row) + 8
    doc = pdf.read(write(tmp_path, {"lines": lines}), LIMITS)
    assert [b.kind for b in doc.blocks] == ["table"]
    assert doc.blocks[0].rows == (
        ("Suggestion", "Timeline", "Resources"),
        ("Open the mission to revision at a family summit", "Plan in January and hold it in March", "The cafeteria"),
        ("Translate the mission", "By June", "District translators and art students"),
    )
    assert doc.blocks[0].head == 1


@pytest.mark.parametrize("repeat_header", [False, True])
def test_table_cut_by_a_page_break_goes_on(tmp_path: Path, engine: str, repeat_header: bool) -> None:
    def row(y: float, cells: tuple[str, str], font: str = "R") -> list[tuple]:
        return [(72, y, 11, cells[0], font), (300, y, 11, cells[1], font)]

    header = ("Plan element", "Details")
    first = {"lines": [*flow(["The plan for our first recommendation follows."]),
                       *row(680, header, "B"), *row(662, ("Timeline", "Recruit members in January")),
                       *row(644, ("Resources", "Interpreters for three languages and")),
                       *flow(["Page 1 of 2"], top=40)]}
    top = [*row(720, header, "B")] if repeat_header else []
    second = {"lines": [*top, (300, 702, 11, "childcare during evening meetings."),
                        *row(684, ("Barriers", "Evening meetings clash with work")),
                        *flow(["", ("Part 3: Reflection", "B"), "I learned a great deal from this work."], top=640),
                        *flow(["Page 2 of 2"], top=40)]}
    doc = pdf.read(write(tmp_path, first, second), LIMITS)
    [table] = [b for b in doc.blocks if b.kind == "table"]
    assert table.rows == (header, ("Timeline", "Recruit members in January"),
                          ("Resources", "Interpreters for three languages and childcare during evening meetings."),
                          ("Barriers", "Evening meetings clash with work"))
    assert [b.text for b in body(doc) if b.loc.page == 2] == ["Part 3: Reflection",
                                                              "I learned a great deal from this work."]


@pytest.mark.parametrize(("marker", "kind"), [("•", "list_item"), ("a)", "list_item"), ("1.", "paragraph")])
def test_lists_are_not_tables(tmp_path: Path, engine: str, marker: str, kind: str) -> None:
    lines = []
    for k, item in enumerate(["Curiosity over judgment", "Generosity with our time", "Student focus first"]):
        lines += [(72, 700 - 16 * k, 11, marker), (90, 700 - 16 * k, 11, item)]
    doc = pdf.read(write(tmp_path, {"lines": lines}), LIMITS)
    # A typed "1." may number a list or a heading: a block of its own either way.
    assert [b.kind for b in doc.blocks] == [kind] * 3


def test_two_columns_of_prose_are_not_a_table(tmp_path: Path, engine: str) -> None:
    left = [f"left column line {k} of running prose that fills the column" for k in range(12)]
    right = [f"right column line {k} of running prose that fills it too" for k in range(12)]
    doc = pdf.read(write(tmp_path, {"lines": [*flow(left, size=9, pitch=11), *flow(right, x=320, size=9, pitch=11)]}),
                   LIMITS)
    assert "table" not in {b.kind for b in doc.blocks}
    assert words(doc) == 24 * 11


@pytest.mark.skipif(not DRAFTS.is_dir(), reason="../shared/drafts not present")
def test_draft_action_plan_tables(engine: str) -> None:
    doc = pdf.read(DRAFTS / "asm-03-identifying-info.pdf", LIMITS)
    tables_ = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables_) >= 3
    assert tables_[0].rows[0] == ("Plan element", "Details") and tables_[0].head == 1
    assert tables_[0].rows[1] == ("Timeline", "Recruit members in January, hold the first meeting in "
                                              "February, and present a draft to the board in May.")


# ------------------------------------------------------------------ words, rotation, XObjects, overprint


def test_words_placed_apart_without_spaces_are_separate(tmp_path: Path, engine: str) -> None:
    xs, line = 72.0, []
    for word in "More than 21:00 STAFF TRANSPORTATION 08/14/2019".split():
        line.append((xs, 700, 11, word))
        xs += 7 * len(word) + 9
    doc = pdf.read(write(tmp_path, {"lines": line}), LIMITS)
    assert doc.blocks[0].text == "More than 21:00 STAFF TRANSPORTATION 08/14/2019"


def test_rotated_line_is_kept_apart_in_reading_order(tmp_path: Path, engine: str) -> None:
    page = {"lines": [
        *flow(["The first paragraph ends here, as ugly as it is."]),
        (40, 300, 11, "Explicit margin label", "R", 90),
        *flow(["A second paragraph follows the label."], top=690),
    ]}
    doc = pdf.read(write(tmp_path, page), LIMITS)
    texts = [b.text for b in doc.blocks]
    assert "Explicit margin label" in texts
    assert "The first paragraph ends here, as ugly as it is." in texts
    assert words(doc) == 10 + 3 + 6


def test_form_xobject_placed_by_an_outer_transform(tmp_path: Path, engine: str) -> None:
    # Drawn at y=1010 inside the form, off the page: only the outer move brings it to y=610.
    page = {"lines": flow(["Garanties couvertes par le contrat conseillé :"]),
            "form": [(10, 1010, 11, "Assuré de moins de 61 ans")], "form_cm": (1, 0, 0, 1, 60, -400)}
    doc = pdf.read(write(tmp_path, page), LIMITS)
    assert [b.text for b in doc.blocks] == ["Garanties couvertes par le contrat conseillé :",
                                           "Assuré de moins de 61 ans"]


def test_overprinted_fake_bold_is_counted_once(tmp_path: Path, engine: str) -> None:
    line = "Our shared purpose"
    page = {"lines": [(72, 700, 14, line), (72.3, 700, 14, line), (72.6, 700.2, 14, line),
                      *flow(["Families and teachers wrote it together."], top=680)]}
    doc = pdf.read(write(tmp_path, page), LIMITS)
    assert [b.text for b in doc.blocks] == [line, "Families and teachers wrote it together."]


# ------------------------------------------------------------------ undecodable text


@pytest.mark.parametrize(("raw", "bad"), [
    ("/g150/g138/g140 /g151/g152 " * 20, True),
    ("\x04\x05\x06\x04\x07\x08\t\n\x08\x0b\x0c " * 20, True),
    ("Ԕΰ ϸЇ ́Ψ ߙ Îϣ ķϙ ʆϢ ͳ೅ဍഀඥ੒Ǌ¢һӍΉʽী¢ ,܅ȥ͟ರ¢һӍΉʽী¢ ΰചʽဍ̮̓˖¢͵ౖȈȥǬ්͟೼ˮʷ " * 3, True),
    ("Θͨ͘͠ͱ͍;ݱ৅͸၊ఆ͞Εͨ༗ަػྲྀి౯ͷͻͱͭͷ੨͍র໌Ͱ͢ớ͋ΒΏΔಁ໌ͳ༓ྶͷෳ߹ମỜ", True),
    ("The district serves 9,840 students in eleven elementary schools. " * 10, False),
    ("项目描述：负责四川省甘孜州丹巴磨子电站引水隧洞爆破方案，基于Geomagic进行成果分析。" * 5, False),
    ("Die Dichte ρ = 2,7 g/cm³ und die Länge 5 μm. Ελληνικά κείμενα και English words. " * 5, False),
    ("\uf0b7 First bulleted item\r\n\uf0b7 Second bulleted item\r\n" * 10, False),
    ("A page with one stray icon \ue001 among many ordinary words in a long paragraph. " * 5, False),
])
def test_undecodable_text(raw: str, bad: bool) -> None:
    assert text.undecodable(raw) is bad


@pytest.mark.skipif(not (PEERS / "pdfjs/TAMReview.pdf").exists(), reason="peer corpus not present")
def test_pages_without_a_character_map_are_reported_not_counted(engine: str) -> None:
    doc = pdf.read(PEERS / "pdfjs/TAMReview.pdf", LIMITS)
    [note] = doc.notes
    assert (note.code, note.severity, note.loc.page) == ("undecodable-text", "warning", 2)
    assert note.message.startswith("the text of pages 2-2")  # 2-22 or 2-23: the engines differ on page 23
    assert note.message.endswith(" cannot be read reliably: counts there may be wrong; "
                                 "export the PDF again with fonts embedded")
    assert {b.loc.page for b in doc.counted_blocks} <= {1, 23}  # the title page, and 23 with PDFium
    assert not any("/g1" in b.text for b in doc.counted_blocks)


def test_page_list() -> None:
    assert pdf.page_list([3]) == "page 3"
    assert pdf.page_list([3, 4, 5, 8, 10, 11]) == "pages 3-5, 8, 10-11"
    assert pdf.page_list(list(range(1, 100, 2)), most=2) == "pages 1, 3 ..."


# ------------------------------------------------------------------ page numbers


def test_page_numbers_only_in_the_edge_band_and_in_sequence(tmp_path: Path, engine: str) -> None:
    def page(n: int) -> dict:
        prose = [f"Prose line {'abcdefgh'[k]} of page {'xyz'[n - 1]} with enough words for body text." for k in range(8)]
        return {"lines": [*flow(prose), (72, 590, 11, "Students rated it"), (72, 576, 11, str(40 + n)),
                          (300, 40, 10, str(n))]}

    doc = pdf.read(write(tmp_path, page(1), page(2), page(3)), LIMITS)
    counted = " ".join(b.text for b in doc.counted_blocks).split()
    assert [w for w in counted if w.isdigit()] == ["41", "42", "43"]  # mid-page: body text
    assert [b.text for b in doc.blocks if b.origin == "footer"] == ["1"]  # kept once, uncounted


def test_a_paragraph_indented_on_every_line_is_a_block_quote(tmp_path: Path, engine: str) -> None:
    intro = ["Three schools in our district publish mission statements, and I compared all of them with",
             "ours. The first one puts students at the center of every sentence it writes:"]
    quote = ["Every student at Lakemont will leave ready to learn, to work and to care for others,",
             "because every adult here believes that they can."]
    after = ["That statement is short, and it names what the school promises to each of its students",
             "in words a parent would use. The second school writes at much greater length instead."]
    lines = [*flow(intro), *flow(quote, x=108, top=720 - 3 * 14), *flow(after, top=720 - 6 * 14)]
    doc = pdf.read(write(tmp_path, {"lines": lines}), LIMITS)
    assert [b.kind for b in body(doc)] == ["paragraph", "quote", "paragraph"]
    assert body(doc)[1].text.startswith("Every student at Lakemont")


def test_an_indented_paragraph_under_a_list_item_is_not_a_quote(tmp_path: Path, engine: str) -> None:
    lines = [*flow(["Our recommendations for the committee, in the order we would start them:", "",
                    "- Rewrite the mission with families this spring."]),
             *flow(["Listening sessions in February and March, a draft by April and a vote of the",
                    "board in May, with interpreters at every session."], x=90, top=720 - 3 * 14)]
    doc = pdf.read(write(tmp_path, {"lines": lines}), LIMITS)
    assert [b.kind for b in body(doc)] == ["paragraph", "list_item", "paragraph"]


def test_bullets_a_browser_paints_make_list_items(tmp_path: Path) -> None:
    # Chrome paints a list's bullets as small discs, not characters: PDFium sees the shapes.
    items = ["Student voice comes first.", "Every family is welcome, in every language.",
             "Teachers support each other instead of working alone."]
    lines = [*flow(["Our values, as the team wrote them in October:"]), *flow(items, x=90, top=720 - 14)]
    squares = [(78, 720 - 14 * (k + 1) + 2.5, 3.8) for k in range(len(items))]
    doc = pdf.read(write(tmp_path, {"lines": lines, "squares": squares}), LIMITS)
    assert [(b.kind, b.text, b.style.number) for b in body(doc)[1:]] == [("list_item", t, "•") for t in items]
    assert "•" not in " ".join(b.text for b in doc.counted_blocks)  # the bullet is not a word


def test_a_numbered_line_with_room_left_is_a_block_of_its_own(tmp_path: Path, engine: str) -> None:
    # A heading numbered by a list, in the body font (a Google Docs export): no bold, no size.
    lines = flow(["5. Stakeholder Feedback",
                  "I asked each person the same seven questions, listed below, and wrote down their",
                  "answers in order."])
    doc = pdf.read(write(tmp_path, {"lines": lines}), LIMITS)
    assert [b.text for b in body(doc)] == ["5. Stakeholder Feedback", "I asked each person the same seven "
                                           "questions, listed below, and wrote down their answers in order."]


def test_a_word_broken_by_letters_in_a_narrow_column_is_joined() -> None:
    from mccheck.readers.pdf.tables import Lexicon, _Cell, _rejoin_broken_words, _Seg

    def cell(column: int, x0: float, pieces: list[tuple[str, float]]) -> _Cell:
        segs = [_Seg(k, x0, x1, 700 - 9 * k, text, False, "F") for k, (text, x1) in enumerate(pieces)]
        return _Cell(column, [t for t, _ in pieces], segs)

    # A 25 pt column: LibreOffice breaks "Timeline" and "rewriting"; "mission" fits and wraps.
    cells = [cell(0, 311.8, [("Timeli", 336.0), ("ne", 319.6)]),
             cell(0, 311.8, [("Form a", 334.5), ("mission", 336.6), ("rewriti", 335.0), ("ng", 319.6),
                             ("Sugg", 335.2), ("estio", 335.1), ("n", 317.1)])]
    known = Lexicon("our timeline names a mission and a suggestion for the school".split())
    _rejoin_broken_words(cells, lambda: known)
    assert cells[0].lines == ["Timeline"]
    assert cells[1].lines == ["Form a", "mission", "rewriting", "Suggestion"]
    # A column whose lines are ragged, as wrapped words leave them, is left alone.
    ragged = [cell(0, 90.0, [("Interpreters", 140.0), ("for Spanish", 131.0)])]
    _rejoin_broken_words(ragged, lambda: known)
    assert ragged[0].lines == ["Interpreters", "for Spanish"]


def test_a_browser_print_stamp_is_kept_out_of_a_one_page_pdf(tmp_path: Path, engine: str) -> None:
    # Chrome draws its header (date and time, title) and footer (address, page counter) after
    # the page's text: the last lines of the stream, on one page, so nothing repeats.
    prose = [f"Our team met on {day} to read student work and plan the next unit together." for day in
             ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")]
    lines = [*flow(prose), (20, 775, 8, "12/1/26, 10:48 PM      Fostering a Collaborative Learning Culture"),
             (20, 15, 8, "file:///home/teacher/draft.html      1/1")]
    doc = pdf.read(write(tmp_path, {"lines": lines}), LIMITS)
    assert " ".join(b.text for b in doc.counted_blocks).split()[-1] == "together."
    assert {b.origin for b in doc.blocks if "1/1" in b.text or "10:48" in b.text} == {"header", "footer"}


@pytest.mark.parametrize("text_", ["12/1/26, 10:48 PM  Draft title", "Draft title  2026-12-01, 22:48",
                                   "file:///tmp/draft.html 1/1", "https://docs.example.org/d/x 2 of 3"])
def test_print_stamps(text_: str) -> None:
    assert edges.is_print_stamp(text_)


@pytest.mark.parametrize("text_", ["On 12/1/26 we met at 10:48 to plan.", "https://example.org/rubric",
                                   "Page 3 of 4", "We met 12/1/26, 10:48 PM and the team agreed"])
def test_not_print_stamps(text_: str) -> None:
    assert not edges.is_print_stamp(text_)


@pytest.mark.parametrize("text_", ["3", "Page 3", "page 3 of 10", "- 3 -", "— 12 —", "iv", "XII",
                                   "3 | Page", "Page | 3", "p. 7", "3/10"])
def test_page_number_lines(text_: str) -> None:
    assert edges.is_page_number(text_)


@pytest.mark.parametrize("text_", ["3 cats", "Part 3", "Figure 2", "I think", "2024-25", "mix", ""])
def test_not_page_numbers(text_: str) -> None:
    assert not edges.is_page_number(text_)


@pytest.mark.parametrize(("text_", "value"), [("iv", (4, False)), ("XII", (12, False)), ("Page 7", (7, True)),
                                             ("3 of 9", (3, True)), ("- 14 -", (14, False))])
def test_page_number_values(text_: str, value: tuple) -> None:
    assert edges.page_number(text_) == value


@pytest.mark.skipif(not (PEERS / "pdfminer/font-size-test.pdf").exists(), reason="peer corpus not present")
def test_bare_numbers_ending_body_text_are_kept(engine: str) -> None:
    doc = pdf.read(PEERS / "pdfminer/font-size-test.pdf", LIMITS)
    assert not [b for b in doc.blocks if b.origin]


def test_edge_marks_need_repeats_at_the_same_height() -> None:
    from mccheck.readers.pdf.model import Line, PageText

    def page(top: str, n: int) -> PageText:
        lines = tuple(Line(f"Body {chr(97 + n)}{chr(97 + k)} of the page.", 700 - 14 * k, 11) for k in range(8))
        return PageText((Line(top, 760, 9), *lines, Line(str(n), 40, 9)), 792)

    pages = [page("Jane Doe — Draft", 1), page("Jane Doe — Draft", 2), page("Other", 3)]
    assert [dict(m) for m in edges.edge_marks(pages)] == [
        {0: "header", 9: "footer"}, {0: "header", 9: "footer"}, {9: "footer"}]
    # The same words at a different height on each page are body text, not a running header.
    moved = [PageText((Line("Summary", y, 11), *(Line(f"Body {y} {k}.", y - 14 * k, 11)
                                                   for k in range(1, 8))), 792)
             for y in (700, 600, 500)]
    assert edges.edge_marks(moved) == [{}, {}, {}]


# ------------------------------------------------------------------ outline


def _with_outline(tmp_path: Path, source: Path, titles: list[tuple[str, int]]) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    for title, page in titles:
        writer.add_outline_item(title=title, page_number=page)
    out = tmp_path / "outlined.pdf"
    with open(out, "wb") as fh:
        writer.write(fh)
    return out


def test_outline_title_wrapped_at_a_hyphen_matches(tmp_path: Path, engine: str) -> None:
    source = write(tmp_path, {"lines": [
        (72, 720, 14, "2. Artifact 1 - Comparable Mission State-", "B"), (72, 703, 14, "ments", "B"),
        *flow(["We compared three districts near ours."], top=680)]})
    path = _with_outline(tmp_path, source, [("Artifact 1 - Comparable Mission Statements", 0)])
    doc = pdf.read(path, LIMITS)
    assert [(b.kind, b.text, b.style.outline) for b in doc.blocks] == [
        ("heading", "2. Artifact 1 - Comparable Mission State- ments", 1),
        ("paragraph", "We compared three districts near ours.", 0)]


def test_unmatched_outline_entry_is_never_inserted(tmp_path: Path, engine: str) -> None:
    plain = write(tmp_path, {"lines": flow([("Part 1: Overview", "B"), "Our school serves nine hundred students."])},
                  {"lines": flow([("Part 2: Artifacts", "B"), "The artifacts follow this page."])})
    path = _with_outline(tmp_path, plain, [("Part 1: Overview", 0), ("Part 2: Artifacts", 1),
                                           ("Part 3: Reflection", 1)])
    doc = pdf.read(path, LIMITS)
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["Part 1: Overview", "Part 2: Artifacts"]
    assert "Reflection" not in " ".join(b.text for b in doc.blocks)
    assert words(doc) == words(pdf.read(plain, LIMITS))


# ------------------------------------------------------------------ hyphenation


def test_hyphenation_rules(engine: str) -> None:
    doc = read("hyphenated.pdf")
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]
    joined = doc.blocks[0].text
    assert "collaborative team" in joined  # lower + lower: joined, hyphen dropped
    assert "classroom at" in joined
    assert "self-regulation" in joined  # a real prefix keeps its hyphen
    assert "Anglo-Saxon" in joined  # capital after the hyphen keeps it
    assert doc.blocks[1].text == "A second paragraph starts after a gap and ends here."


@pytest.mark.parametrize(("lines", "joined"), [
    (["collabo-", "rative work"], "collaborative work"),
    (["well-", "known"], "well-known"),
    (["COVID-", "19 cases"], "COVID-19 cases"),
    (["state of the art —", "really"], "state of the art — really"),
    (["ends with 5-", "six"], "ends with 5- six"),
    (["mid-", "2024"], "mid-2024"),
    (["", "  plain ", "lines"], "plain lines"),
])
def test_join_lines(lines: list[str], joined: str) -> None:
    assert text.join_lines(lines) == joined


# ------------------------------------------------------------------ scans, passwords, damage


def test_image_only_pdf_is_an_error_note(engine: str) -> None:
    doc = read("scan.pdf")
    assert doc.blocks == () and doc.pages == 2
    assert [(n.code, n.severity, n.message) for n in doc.notes] == [(
        "scanned-pdf", "error",
        "has no text layer (scanned?): export the PDF from your word processor, or run OCR",
    )]


def test_some_scanned_pages_are_a_warning(engine: str) -> None:
    doc = read("mixed-scan.pdf")
    assert [(n.code, n.severity, n.loc.page) for n in doc.notes] == [("scanned-pages", "warning", 2)]
    assert "page 2 has no text layer" in doc.notes[0].message
    assert doc.blocks[0].text == "Part 1: Context"
    assert words(doc) == 12


def test_user_password_is_a_clean_error(engine: str) -> None:
    with pytest.raises(InputError) as e:
        read("password.pdf")
    assert e.value.message == PASSWORD


@pytest.mark.parametrize("name", ["owner-only.pdf", "owner-only-aes.pdf"])
def test_owner_password_only_reads(engine: str, name: str) -> None:
    assert words(read(name)) == words(read("hyphenated.pdf")) > 50


@pytest.mark.parametrize("content", [b"hello, not a pdf\n", b"%PDF-1.4\n1 0 obj\n<<",
                                     b"%PDF-1.7\n" + b"\x00" * 2000])
def test_damaged_files(tmp_path: Path, engine: str, content: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(InputError) as e:
        pdf.read(path, LIMITS)
    assert e.value.message == DAMAGED


def test_empty_file(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"")
    with pytest.raises(InputError) as e:
        pdf.read(path, LIMITS)
    assert e.value.message == "is empty"


def test_truncated_pdf(tmp_path: Path, engine: str) -> None:
    data = (DATA / "draft-plain.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    try:
        doc = pdf.read(path, LIMITS)
    except InputError as e:
        assert e.message == DAMAGED
    else:  # engines may recover the pages that survived
        assert doc.pages is not None


def test_page_tree_loop_does_not_hang(engine: str) -> None:
    try:
        doc = read("page-loop.pdf")
    except InputError as e:
        assert e.message == DAMAGED
    else:
        assert doc.pages == 1 and words(doc) == 12


def test_too_many_pages(engine: str) -> None:
    with pytest.raises(InputError, match=r"has 6 pages, more than the limit of 5"):
        pdf.read(DATA / "draft-plain.pdf", ReadLimits(max_pages=5))


def test_time_budget(engine: str) -> None:
    with pytest.raises(InputError, match=r"took longer than 0 s to read"):
        pdf.read(DATA / "draft-plain.pdf", ReadLimits(seconds=0))


def test_file_size_limit(engine: str) -> None:
    with pytest.raises(InputError, match=r"above the 1000 bytes limit; raise it with --max-file-size"):
        pdf.read(DATA / "draft-plain.pdf", ReadLimits(max_file_bytes=1000))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist: check the name and folder"):
        pdf.read(tmp_path / "nope.pdf", LIMITS)


def test_reader_never_writes_the_input(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "draft.pdf"
    shutil.copy(DATA / "draft-plain.pdf", path)
    path.chmod(0o444)
    before = path.read_bytes()
    pdf.read(path, LIMITS)
    assert path.read_bytes() == before


# ------------------------------------------------------------------ PDFium line splitting


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab -\r\n\t\ufffe\uf0b7é")), max_size=60))
def test_fast_pdfium_row_split_equals_the_exact_loop(raw: str) -> None:
    from mccheck.readers.pdf.engine_pdfium import _rows, _rows_exact

    assert list(_rows(raw)) == list(_rows_exact(raw))


def test_row_split_counts_utf16_units() -> None:
    from mccheck.readers.pdf.engine_pdfium import _rows

    # PDFium's character indexes count UTF-16 units: the emoji is two.
    assert list(_rows(" a\U0001F600b \r\ncollabo\ufffework")) == [
        ("a\U0001F600b", 1, 4), ("collabo\ufffe", 8, 8), ("work", 16, 4)]


# ------------------------------------------------------------------ nothing lost, nothing doubled

_WHOLE = sorted(DATA.glob("draft-*.pdf")) + (sorted(DRAFTS.rglob("*.pdf")) if DRAFTS.is_dir() else [])


@pytest.mark.parametrize("path", _WHOLE, ids=lambda p: p.name[:40])
def test_blocks_hold_every_body_word_once(path: Path, engine: str) -> None:
    """Tables, run-in cuts, outline headings and list bullets move words between blocks; the
    body's words (lines that are not headers, footers or page numbers) all arrive, once."""
    pages, entries, name = pdf.extract(path, LIMITS)
    marks = edges.edge_marks(pages)
    lines = sorted(w for page, mark in zip(pages, marks) if page for i, line in enumerate(page.lines)
                   if i not in mark for w in line.text.split())
    doc = pdf.build(str(path), pages, entries, name)
    got = sorted([w for b in body(doc) for w in b.text.split()] + [b.style.number for b in body(doc) if b.style.number])
    assert got == lines


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \t\u00a0\u2003\u3000\ufb01\uf0b7\x07-")), max_size=30))
def test_spacing_only_clean_up_matches_the_full_one(raw: str) -> None:
    from mccheck.readers.pdf.engine_pdfium import _spaced

    if not text.needs_cleaning(raw):
        assert _spaced(raw.strip()) == text.clean_line(raw)


# ------------------------------------------------------------------ printed list numbers


@pytest.mark.parametrize(("items", "severity", "code"), [(31, "warning", "list-numbers-decide"), (35, "error", "over")])
def test_a_pdf_over_its_limit_only_by_printed_list_numbers_is_a_doubt(tmp_path: Path, items: int, severity: str,
                                                                     code: str) -> None:
    # 9 words an item: 31 items are 279 words, 310 with "1." ... "31." (limit 300); 35 are over either way.
    from mccheck.context import Policy
    from mccheck.engine import check_documents
    from mccheck.spec.catalog import resolve

    lines = ["Part 1", "Overview Question",
             *(f"{k}. We met every week to read student work again." for k in range(1, items + 1))]
    pages = [{"lines": flow(lines[:40])}] + ([{"lines": flow(lines[40:])}] if len(lines) > 40 else [])
    doc = pdf.read(write(tmp_path, *pages), LIMITS)
    report = check_documents([doc], resolve("collaborative-learning-culture"), Policy(only=frozenset({"word-limit"})))
    [finding] = [f for f in report.findings if f.section == "part1.overview"]
    assert (finding.severity, finding.code) == (severity, code)
    if code == "list-numbers-decide":
        assert finding.data["printed_numbers"] == items and "279 without them" in finding.message

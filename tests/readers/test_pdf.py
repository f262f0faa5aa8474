"""PDF reader: blocks, headers/footers, hyphenation, headings, scans, hostile files, both engines.

Test PDFs live in tests/data/pdf/ (regenerate with tests/data/pdf/make_pdfs.py); the corpus of
real-world PDFs (py-pdf sample-files) is in ../shared/corpus/real-pdfs and is skipped if absent.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mccheck.document import Document
from mccheck.errors import InputError
from mccheck.readers import pdf, pdf_backend
from mccheck.readers.limits import ReadLimits

DATA = Path(__file__).resolve().parents[1] / "data" / "pdf"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared/corpus/real-pdfs"
CORPUS_FILES = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []
HAS_PDFIUM = importlib.util.find_spec("pypdfium2") is not None
BACKENDS = ["pypdf", pytest.param("pdfium", marks=pytest.mark.skipif(
    not HAS_PDFIUM, reason="pypdfium2 (mccheck[fast]) not installed"))]
LIMITS = ReadLimits()
PASSWORD = "is password-protected: remove the password or export a new PDF"
DAMAGED = "is damaged or not a PDF: export it again"


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MCCHECK_PDF_BACKEND", request.param)
    return request.param


def words(doc: Document) -> int:
    return sum(len(b.text.split()) for b in doc.counted_blocks)


def read(name: str) -> Document:
    return pdf.read(DATA / name, LIMITS)


# ------------------------------------------------------------------ engine selection


def test_backend_name_follows_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MCCHECK_PDF_BACKEND", "pypdf")
    assert pdf_backend.backend_name() == "pypdf"
    monkeypatch.setenv("MCCHECK_PDF_BACKEND", "pdfium")
    assert pdf_backend.backend_name() == ("pdfium" if HAS_PDFIUM else "pypdf")
    monkeypatch.delenv("MCCHECK_PDF_BACKEND")
    assert pdf_backend.backend_name() == ("pdfium" if HAS_PDFIUM else "pypdf")


def test_engines_are_imported_lazily() -> None:
    code = "import mccheck.readers.pdf, sys; print('pypdf' in sys.modules, 'pypdfium2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# ------------------------------------------------------------------ the LibreOffice draft


def test_draft_headers_footers_kept_once_uncounted(backend: str) -> None:
    doc = read("draft-plain.pdf")
    assert doc.pages == 6
    edges = [b for b in doc.blocks if b.origin in ("header", "footer")]
    assert [(b.origin, b.text, b.counted) for b in edges] == [
        ("header", "Jane Doe — Draft", False),
        ("footer", "Page 1 of 6", False),
    ]
    body = " ".join(b.text for b in doc.counted_blocks)
    assert "Jane Doe" not in body and "Page " not in body


def test_draft_headings_without_outline_use_font_size(backend: str) -> None:
    doc = read("draft-plain.pdf")
    headings = [(b.text, b.level, b.loc.page) for b in doc.blocks if b.kind == "heading"]
    assert headings == [
        ("Part 1: Context", 1, 1), ("Our school and classroom", 2, 1), ("The students", 2, 2),
        ("Part 2: Evidence", 1, 3), ("Artifact 1: Lesson plan", 2, 3),
        ("Artifact 2: Student work", 2, 4), ("Part 3: Reflection", 1, 5),
        ("What changed", 2, 5), ("Next steps", 2, 6),
    ]


def test_draft_headings_from_outline(backend: str) -> None:
    doc = read("draft-outline.pdf")
    headings = [(b.text, b.level, b.counted) for b in doc.blocks if b.kind == "heading"]
    assert headings[:3] == [("Part 1: Context", 1, True), ("Our school and classroom", 2, True),
                            ("The students", 2, True)]
    assert len(headings) == 9


def test_draft_paragraphs_and_lists(backend: str) -> None:
    doc = read("draft-plain.pdf")
    paragraphs = [b for b in doc.counted_blocks if b.kind == "paragraph"]
    # 6 subsections x 5 paragraphs, each rebuilt whole from its lines (one across a page break).
    assert len(paragraphs) == 30
    assert all(p.text.startswith("Our grade four team") and p.text.endswith("about instruction.")
               for p in paragraphs)
    items = [b.text for b in doc.blocks if b.kind == "list_item"]
    assert items == ["Sorted drafts by rubric level.", "Chose one teaching move."] * 6
    first = paragraphs[0]
    assert first.loc.file.endswith("draft-plain.pdf") and first.loc.page == 1 and first.loc.line == 4


def test_draft_word_count_matches_source_text(backend: str) -> None:
    from tests_data_pdf_make import PARAGRAPH, SECTIONS  # type: ignore[import-not-found]

    expected = 0
    for part, subs in SECTIONS:
        expected += len(part.split())
        for sub in subs:
            expected += len(sub.split()) + 5 * len(PARAGRAPH.split()) + 9  # two bullets: 5 + 4
    assert words(read("draft-plain.pdf")) == expected


@pytest.fixture(autouse=True)
def _make_module_importable(monkeypatch: pytest.MonkeyPatch) -> None:
    # make_pdfs.py holds the source text; import it under a unique name without running it.
    if "tests_data_pdf_make" not in sys.modules:
        spec = importlib.util.spec_from_file_location("tests_data_pdf_make", DATA / "make_pdfs.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules["tests_data_pdf_make"] = module


# ------------------------------------------------------------------ hyphenation


def test_hyphenation_rules(backend: str) -> None:
    doc = read("hyphenated.pdf")
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]
    text = doc.blocks[0].text
    assert "collaborative team" in text  # lower + lower: joined, hyphen dropped
    assert "classroom at" in text
    assert "self-regulation" in text  # a real prefix keeps its hyphen
    assert "Anglo-Saxon" in text  # capital after the hyphen keeps it
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
    assert pdf.join_lines(lines) == joined


# ------------------------------------------------------------------ page numbers


@pytest.mark.parametrize("text", ["3", "Page 3", "page 3 of 10", "- 3 -", "— 12 —", "iv", "XII",
                                  "3 | Page", "Page | 3", "p. 7", "3/10"])
def test_page_number_lines(text: str) -> None:
    assert pdf.is_page_number(text)


@pytest.mark.parametrize("text", ["3 cats", "Part 3", "Figure 2", "I think", "2024-25", "mix", ""])
def test_not_page_numbers(text: str) -> None:
    assert not pdf.is_page_number(text)


def test_edge_marks_need_repeats_at_the_same_height() -> None:
    from mccheck.readers.pdf_backend import Line, PageText

    def page(top: str, n: int) -> PageText:
        body = tuple(Line(f"Body {chr(97 + n)}{chr(97 + k)} of the page.", 700 - 14 * k, 11) for k in range(8))
        return PageText((Line(top, 760, 9), *body, Line(str(n), 40, 9)), 792)

    pages = [page("Jane Doe — Draft", 1), page("Jane Doe — Draft", 2), page("Other", 3)]
    assert [dict(m) for m in pdf.edge_marks(pages)] == [
        {0: "header", 9: "footer"}, {0: "header", 9: "footer"}, {9: "footer"}]
    # The same words at a different height on each page are body text, not a running header.
    moved = [PageText((Line("Summary", y, 11), *(Line(f"Body {y} {k}.", y - 14 * k, 11)
                                                   for k in range(1, 8))), 792)
             for y in (700, 600, 500)]
    assert pdf.edge_marks(moved) == [{}, {}, {}]


# ------------------------------------------------------------------ scans, passwords, damage


def test_image_only_pdf_is_an_error_note(backend: str) -> None:
    doc = read("scan.pdf")
    assert doc.blocks == () and doc.pages == 2
    assert [(n.code, n.severity, n.message) for n in doc.notes] == [(
        "scanned-pdf", "error",
        "has no text layer (scanned?): export the PDF from your word processor, or run OCR",
    )]


def test_some_scanned_pages_are_a_warning(backend: str) -> None:
    doc = read("mixed-scan.pdf")
    assert [(n.code, n.severity, n.loc.page) for n in doc.notes] == [("scanned-pages", "warning", 2)]
    assert "page 2 has no text layer" in doc.notes[0].message
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].text == "Part 1: Context"
    assert words(doc) == 12


def test_user_password_is_a_clean_error(backend: str) -> None:
    with pytest.raises(InputError) as e:
        read("password.pdf")
    assert e.value.message == PASSWORD


def test_owner_password_only_reads(backend: str) -> None:
    assert words(read("owner-only.pdf")) == words(read("hyphenated.pdf")) > 50


@pytest.mark.parametrize("content", [b"hello, not a pdf\n", b"%PDF-1.4\n1 0 obj\n<<",
                                     b"%PDF-1.7\n" + b"\x00" * 2000])
def test_damaged_files(tmp_path: Path, backend: str, content: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(InputError) as e:
        pdf.read(path, LIMITS)
    assert e.value.message == DAMAGED


def test_empty_file(tmp_path: Path, backend: str) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"")
    with pytest.raises(InputError) as e:
        pdf.read(path, LIMITS)
    assert e.value.message == "is empty"


def test_truncated_pdf(tmp_path: Path, backend: str) -> None:
    data = (DATA / "draft-plain.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    try:
        doc = pdf.read(path, LIMITS)
    except InputError as e:
        assert e.message == DAMAGED
    else:  # engines may recover the pages that survived
        assert doc.pages is not None


def test_page_tree_loop_does_not_hang(backend: str) -> None:
    try:
        doc = read("page-loop.pdf")
    except InputError as e:
        assert e.message == DAMAGED
    else:
        assert doc.pages == 1 and words(doc) == 12


def test_too_many_pages(backend: str) -> None:
    with pytest.raises(InputError, match=r"has 6 pages, more than the limit of 5"):
        pdf.read(DATA / "draft-plain.pdf", ReadLimits(max_pages=5))


def test_time_budget(backend: str) -> None:
    with pytest.raises(InputError, match=r"took longer than 0 s to read"):
        pdf.read(DATA / "draft-plain.pdf", ReadLimits(seconds=0))


def test_file_size_limit(backend: str) -> None:
    with pytest.raises(InputError, match=r"above the 1000 bytes limit; raise it with --max-file-size"):
        pdf.read(DATA / "draft-plain.pdf", ReadLimits(max_file_bytes=1000))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist: check the name and folder"):
        pdf.read(tmp_path / "nope.pdf", LIMITS)


def test_reader_never_writes_the_input(tmp_path: Path, backend: str) -> None:
    path = tmp_path / "draft.pdf"
    shutil.copy(DATA / "draft-plain.pdf", path)
    path.chmod(0o444)
    before = path.read_bytes()
    pdf.read(path, LIMITS)
    assert path.read_bytes() == before


def test_no_output_on_stderr(capfd: pytest.CaptureFixture[str], backend: str) -> None:
    for name in CORPUS_FILES or [DATA / "draft-plain.pdf"]:
        try:
            pdf.read(name, LIMITS)
        except InputError:
            pass
    out, err = capfd.readouterr()
    assert out == "" and err == ""


# ------------------------------------------------------------------ real-world corpus


@pytest.mark.skipif(not CORPUS_FILES, reason="corpus not present")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name[:40])
def test_corpus_reads_or_fails_cleanly(path: Path, backend: str) -> None:
    try:
        doc = pdf.read(path, LIMITS)
    except InputError as e:
        assert e.message in (PASSWORD, DAMAGED)
        assert "password" in path.name
        return
    assert doc.pages and doc.pages >= 1
    assert doc.blocks or any(n.code == "scanned-pdf" for n in doc.notes)
    for block in doc.blocks:
        assert block.text == block.text.strip() and block.loc.page is not None
        assert 1 <= block.loc.page <= doc.pages


def _pdftotext_words(path: Path) -> int:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8", "replace")
    # pdftotext also undoes line-end hyphenation; drop private-use glyphs (icons, bullets).
    out = re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", out)
    out = "".join(ch for ch in out if not pdf_backend._private(ch))
    return len([w for w in out.split() if w not in ("•", "-", "–")])


def _removed_words(path: Path) -> int:
    pages, _ = pdf.extract(path, LIMITS)
    marks = pdf.edge_marks(pages)
    return sum(len(p.lines[i].text.split()) for p, m in zip(pages, marks) if p for i in m)


AGREEMENT = 0.03  # within 3% of pdftotext


@pytest.mark.skipif(not CORPUS_FILES, reason="corpus not present")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("path", [*CORPUS_FILES, *sorted(DATA.glob("*.pdf"))],
                         ids=lambda p: p.name[:40])
def test_word_count_agrees_with_pdftotext(path: Path, backend: str) -> None:
    if "password" in path.name or "page-loop" in path.name:
        pytest.skip("not readable by every engine")
    if "arabic" in path.name:
        pytest.skip("Arabic shaping differs between engines (3 words)")
    doc = pdf.read(path, LIMITS)
    ours = words(doc)
    theirs = _pdftotext_words(path) - _removed_words(path)
    assert abs(ours - theirs) <= max(2, AGREEMENT * theirs), (ours, theirs)


@pytest.mark.skipif(not HAS_PDFIUM, reason="pypdfium2 (mccheck[fast]) not installed")
@pytest.mark.parametrize("path", [*CORPUS_FILES, *sorted(DATA.glob("*.pdf"))],
                         ids=lambda p: p.name[:40])
def test_engines_agree_within_one_percent(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counts = {}
    for name in ("pypdf", "pdfium"):
        monkeypatch.setenv("MCCHECK_PDF_BACKEND", name)
        try:
            counts[name] = words(pdf.read(path, LIMITS))
        except InputError as e:
            counts[name] = e.message
    if isinstance(counts["pypdf"], str) or isinstance(counts["pdfium"], str):
        # Only the page-tree loop is refused by one engine and read by the other.
        assert counts["pypdf"] == counts["pdfium"] or "page-loop" in path.name
        return
    assert abs(counts["pypdf"] - counts["pdfium"]) <= max(1, 0.01 * counts["pypdf"]), counts


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab -\r\n\t\ufffe\uf0b7\U0001F600é")), max_size=60))
def test_fast_pdfium_row_split_equals_the_exact_loop(text):
    from mccheck.readers.pdf_backend import _pdfium_rows, _pdfium_rows_exact

    assert list(_pdfium_rows(text)) == list(_pdfium_rows_exact(text))

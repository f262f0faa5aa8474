"""Every real file of ../shared/corpus (real-pdfs, real-docx, peers), through the real readers.

Each file reads to a Document or is refused with a one-line InputError, with no traceback,
within its time budget; PDFs are read by both engines. Where pdftotext (PDF) or pandoc
(docx: ``pandoc -t plain --track-changes=accept``) is installed, the total of counted words
(``count_words`` over counted blocks) agrees with the reference's whitespace tokens that hold
a letter or digit, within 5% or 3 words. Two corrections are exact and always made for PDFs:
the words of running headers, footers and page numbers the reader removed are added back, and
pages the reader reports as undecodable are left out of the reference (pdftotext separates
pages with form feeds). Other known differences are listed below by class, with the file
named: a class either adjusts one side exactly or says why the file is not compared.
Reference output is made once per test session, in background threads, never stored.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from mccheck.counting import count_words, tokens
from mccheck.document import Document
from mccheck.errors import InputError
from mccheck.readers import budget, read
from mccheck.readers import pdf as pdf_reader
from mccheck.readers.limits import ReadLimits
from mccheck.readers.pdf import edges

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
FILES = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".pdf", ".docx")) if CORPUS.is_dir() else []
SECONDS = 30.0  # per file and engine; the slowest (pypdf on a 352-page book) takes about 3 s
LIMITS = ReadLimits(seconds=SECONDS)
AGREE = 0.05
AGREE_WORDS = 3
REFERENCE_SECONDS = 20


def _alnum(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def _alnum_tokens(text: str) -> int:
    """Word's tokens (CJK one per character) that hold a letter or digit."""
    return sum(1 for t in tokens(text) if any(c.isalnum() for c in t))


def _symbols(doc: Document) -> int:
    """Counted words without a letter or digit."""
    return sum(count_words(b.text) - _alnum_tokens(b.text) for b in doc.counted_blocks)


_LIST_NUMBER = re.compile(r"^\s*\(?(?:\d{1,3}|[a-zA-Z]|[ivxlc]{1,6})[.)]\s", re.MULTILINE)

# class name → (what it is, adjustment of (ours, reference, doc, reference text) or None: not compared)
Adjust = Callable[[int, int, Document, str], tuple[int, int]]
CLASSES: dict[str, tuple[str, Adjust | None]] = {
    "cjk": ("CJK counted per character (Word's rule); the reference's tokens hold whole runs: both sides "
            "counted by Word's rule, tokens with a letter or digit",
            lambda ours, ref, doc, text: (ours - _symbols(doc), _alnum_tokens(text))),
    "symbols": ("lone symbols, dot leaders and dashes are words by Word's rule, not tokens with a letter",
                lambda ours, ref, doc, text: (ours - _symbols(doc), ref)),
    "notes": ("footnotes and endnotes: kept uncounted; pandoc prints them",
              lambda ours, ref, doc, text: (ours + sum(count_words(b.text) for b in doc.blocks
                                                       if b.origin in ("footnote", "endnote")), ref)),
    "list-numbers": ("Word's automatic list numbers: not in the text (Word does not count them); pandoc prints them",
                     lambda ours, ref, doc, text: (ours, ref - len(_LIST_NUMBER.findall(text)))),
    "textboxes": ("text boxes: read and counted; pandoc drops them",
                  lambda ours, ref, doc, text: (ours - sum(count_words(b.text) for b in doc.counted_blocks
                                                           if b.origin == "textbox"), ref)),
    "placeholders": ("content controls still showing their placeholder ('Click or tap here to enter text.', a "
                     "template's sample text): not the writer's words, kept uncounted; pandoc prints them", None),
    "cropped": ("text outside the crop box: a viewer does not show it; pdftotext reads the media box", None),
    "forms": ("form fields and annotations: pdftotext prints their appearance, they are not page text", None),
    "recovered": ("a damaged file PDFium recovers further than pdftotext", None),
    "bomb": ("a decompression bomb: pdftotext runs for minutes, the reader refuses or stops it", None),
    "unmapped-cjk": ("CJK in a non-embedded font with a legacy CMap (Identity-V, GBK-EUC): PDFium drops "
                     "most of it; pdftotext maps it with Adobe's CJK tables", None),
    "letter-spaced": ("letter-spaced words: the engine joins the letters, pdftotext splits them", None),
    "pypdf-positions": ("pypdf reports no positions inside a text run, so words or cells placed apart "
                        "without a space stay joined (PDFium splits them)", None),
    "title-block": ("Title, Subtitle and Author paragraphs: counted; pandoc moves them to metadata", None),
    "image-text": ("image descriptions and equations: pandoc prints alt text and TeX", None),
    "pandoc-empty": ("pandoc prints nothing for this file", None),
    "unexplained": ("the docx reader counts about 15,000 words more than pandoc: not yet explained", None),
}

# Corpus path (relative) → classes; "file@engine" for a difference of one engine only.
KNOWN: dict[str, tuple[str, ...]] = {
    "peers/pdfjs/bomb_giant.pdf": ("bomb",),
    "peers/pdfjs/bug1815476.pdf": ("symbols",),
    "peers/pdfjs/freeculture.pdf": ("cropped",),
    "peers/pdfjs/issue16316.pdf": ("cropped",),
    "peers/pdfjs/issue17069.pdf": ("forms",),
    "peers/pdfjs/issue7454.pdf": ("symbols",),
    "peers/pdfjs/issue840.pdf": ("symbols",),
    "peers/pdfjs/poppler-90-0-fuzzed.pdf": ("recovered",),
    "peers/pdfjs/prefilled_f1040.pdf": ("symbols",),
    "peers/pdfjs/standard_fonts.pdf": ("symbols",),
    "peers/pdfminer/AcroForm_TEST.pdf": ("forms",),
    "peers/pdfminer/jo.pdf@pdfium": ("unmapped-cjk",),
    "peers/pdfminer/simple1.pdf": ("letter-spaced",),
    "peers/pdfplumber/ag-energy-round-up-2017-02-24.pdf": ("symbols",),
    "peers/pdfplumber/issue-53-example.pdf": ("cjk",),
    "peers/pdfplumber/issue-67-example.pdf": ("cjk",),
    "peers/pdfplumber/issue-71-duplicate-chars.pdf": ("cjk",),
    "peers/pdfplumber/pr-136-example.pdf": ("cjk",),
    "peers/pdfplumber/pr-136-example.pdf@pdfium": ("unmapped-cjk",),
    "peers/pdfplumber/scotus-transcript-p1.pdf": ("symbols",),
    "real-pdfs/015-arabic_habibi-rotated.pdf": ("letter-spaced",),
    "peers/mammoth/endnotes.docx": ("notes",),
    "peers/mammoth/footnotes.docx": ("notes",),
    "peers/pandoc/notes.docx": ("notes",),
    "peers/pandoc/sdt_in_footnote.docx": ("notes",),
    "peers/pandoc/empty_field.docx": ("cjk",),
    "peers/pandoc/instrText_hyperlink.docx": ("cjk",),
    "peers/poi/stress009.docx": ("cjk",),
    "peers/poi/stress019.docx": ("cjk",),
    "peers/pandoc/lists.docx": ("list-numbers",),
    "peers/pandoc/lists_level_override.docx": ("list-numbers",),
    "peers/pandoc/lists_restart_8367.docx": ("list-numbers",),
    "peers/poi/ComplexNumberedLists.docx": ("list-numbers", "symbols"),
    "peers/poi/signed.docx": ("list-numbers",),
    "peers/pandoc/mendeley_citations.docx": ("symbols",),
    "peers/poi/HeaderFooterUnicode.docx": ("symbols",),
    "peers/poi/delins.docx": ("symbols",),
    "peers/poi/bug57031.docx": ("symbols",),
    "peers/pandoc/image_with_textbox_caption.docx": ("textboxes",),
    "peers/poi/60316.docx": ("placeholders",),
    "peers/poi/stress014.docx": ("textboxes", "symbols"),
    "peers/poi/stress003.docx": ("textboxes", "list-numbers"),
    "peers/pandoc/9358.docx": ("title-block",),
    "peers/pandoc/metadata.docx": ("title-block",),
    "peers/poi/bug65738.docx": ("title-block",),
    "peers/pandoc/inline_images.docx": ("image-text",),
    "peers/pandoc/equations.docx": ("image-text",),
    "peers/poi/stress007.docx": ("image-text",),
    "peers/poi/bookmarks.docx": ("pandoc-empty",),
    "peers/poi/bug65649.docx": ("unexplained",),
    "peers/poi/stress004.docx": ("notes",),
    "peers/poi/stress018.docx": ("notes",),
}
# pypdf only.
for _name in ("pdfjs/issue5747", "pdfjs/issue6127", "pdfplumber/issue-598-example", "pdfplumber/issue-90-example",
              "pdfplumber/senate-expenditures", "pdfplumber/nics-background-checks-2015-11",
              "pdfplumber/pdffill-demo", "pdfminer/font-size-test"):
    KNOWN[f"peers/{_name}.pdf@pypdf"] = ("pypdf-positions",)


def _cases() -> list:
    out = []
    for path in FILES:
        name = str(path.relative_to(CORPUS))
        for engine in ("pdfium", "pypdf") if path.suffix == ".pdf" else ("",):
            out.append(pytest.param(path, engine, id=f"{name}{'@' + engine if engine else ''}"))
    return out


@pytest.fixture(scope="session")
def reference() -> Iterator[Callable[[Path], str | None]]:
    """pdftotext / pandoc output of each corpus file, None where unavailable.

    All references are started at once in two background threads (the tools are separate
    processes, so they run while the readers are tested) and kept for the session.
    """

    def make(path: Path) -> str | None:
        tool = "pdftotext" if path.suffix == ".pdf" else "pandoc"
        if shutil.which(tool) is None or "bomb" in _classes(path, ""):
            return None
        command = (["pdftotext", "-enc", "UTF-8", str(path), "-"] if tool == "pdftotext"
                   else ["pandoc", "-t", "plain", "--track-changes=accept", str(path)])
        try:
            done = subprocess.run(command, capture_output=True, timeout=REFERENCE_SECONDS)
        except subprocess.TimeoutExpired:
            return None
        return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {path: pool.submit(make, path) for path in FILES}
        yield lambda path: futures[path].result()
        for future in futures.values():
            future.cancel()


def _classes(path: Path, engine: str) -> tuple[str, ...]:
    name = str(path.relative_to(CORPUS))
    return KNOWN.get(name, ()) + KNOWN.get(f"{name}@{engine}", ())


def _read(path: Path, engine: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Document, int, set[int]]:
    """The Document, the words of removed headers/footers/page numbers, the undecodable pages."""
    if path.suffix != ".pdf":
        return read(path, LIMITS), 0, set()
    monkeypatch.setenv("MCCHECK_PDF_BACKEND", engine)
    pages, entries, name = pdf_reader.extract(path, LIMITS)
    assert name.startswith(f"{engine} ") or engine == "pdfium" and name.startswith("pypdf ")
    marks = edges.edge_marks(pages)
    broken = {i + 1 for i, page in enumerate(pages) if page is not None and page.undecodable}
    removed = sum(count_words(page.lines[i].text) for number, (page, mark) in enumerate(zip(pages, marks), 1)
                  if page and number not in broken for i in mark)
    return pdf_reader.build(str(path), pages, entries, name), removed, broken


@pytest.mark.skipif(not FILES, reason="../shared/corpus not present")
@pytest.mark.parametrize(("path", "engine"), _cases())
def test_real_file(path: Path, engine: str, reference: Callable[[Path], str | None],
                   monkeypatch: pytest.MonkeyPatch) -> None:
    started = time.monotonic()
    try:
        with budget.time_budget(path, SECONDS):
            doc, removed, broken = _read(path, engine, monkeypatch)
    except InputError as e:
        assert e.message and "\n" not in e.message and "Traceback" not in e.message
        assert time.monotonic() - started < SECONDS + 1
        return
    assert time.monotonic() - started < SECONDS + 1
    for block in doc.blocks:
        assert block.kind == "table" or block.text == block.text.strip()
        if doc.pages is not None:
            assert block.loc.page is not None and 1 <= block.loc.page <= doc.pages
    text = reference(path)
    if text is None:
        return
    classes = _classes(path, engine)
    skipped = [c for c in classes if CLASSES[c][1] is None]
    if skipped:
        pytest.skip(f"not compared: {CLASSES[skipped[0]][0]}")
    if broken:
        text = "\f".join(page for number, page in enumerate(text.split("\f"), 1) if number not in broken)
    ours = sum(count_words(b.text) for b in doc.counted_blocks) + removed
    ref = _alnum(text)
    for name in classes:
        adjusted = CLASSES[name][1](ours, ref, doc, text)  # type: ignore[misc]
        assert adjusted != (ours, ref), f"{name} changes nothing for this file: drop it from KNOWN"
        ours, ref = adjusted
    assert abs(ours - ref) <= max(AGREE_WORDS, AGREE * ref), (ours, ref, classes)


def test_every_known_file_and_class_exists() -> None:
    for key, classes in KNOWN.items():
        assert all(c in CLASSES for c in classes), key
        if FILES:
            assert (CORPUS / key.split("@")[0]).exists(), key

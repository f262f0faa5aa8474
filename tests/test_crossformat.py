"""The same draft as markdown, docx and a LibreOffice PDF gets the same counts.

Files: tests/data/crossformat/ (rebuilt by make_crossformat.py). The docx and PDF carry
a running header and page-number footer that must not be counted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mccheck.context import Policy
from mccheck.discover import discover
from mccheck.engine import analyse
from mccheck.spec.catalog import resolve

DATA = Path(__file__).parent / "data" / "crossformat"
SPEC = resolve("collaborative-learning-culture")


def section_words(name: str, backend: str | None = None, monkeypatch=None) -> dict[str, int]:
    if backend:
        monkeypatch.setenv("MCCHECK_PDF_BACKEND", backend)
    prepared = analyse(discover([DATA / name])[0], SPEC, Policy(), single=True)
    assert prepared.seg.unassigned == () or all(not b.counted for b in prepared.seg.unassigned)
    return {sid: c.words for sid, c in prepared.counts.items()}


def test_markdown_and_docx_agree_exactly():
    md, docx = section_words("draft.md"), section_words("draft.docx")
    assert md == docx
    assert md["part1.overview"] > 150 and md["part3.reflection"] > 100


@pytest.mark.parametrize("backend", ["pypdf", "pdfium"])
def test_pdf_agrees_within_one_percent(backend, monkeypatch):
    if backend == "pdfium":
        pytest.importorskip("pypdfium2")
    md = section_words("draft.md")
    pdf = section_words("draft.pdf", backend, monkeypatch)
    for sid, words in md.items():
        assert abs(pdf[sid] - words) <= max(1, words // 100), (sid, pdf[sid], words)


def test_headers_and_page_numbers_are_kept_but_not_counted():
    from mccheck.readers import read

    for name in ("draft.docx", "draft.pdf"):
        doc = read(DATA / name)
        uncounted = " ".join(b.text for b in doc.blocks if not b.counted)
        assert "Draft 2" in uncounted, name
        assert not any("Draft 2" in b.text for b in doc.blocks if b.counted), name

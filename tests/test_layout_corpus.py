"""The readiness verdict on drafts in the layouts the development corpus does not have.

tests/data/layouts holds 36 drafts with ground truth in the format of ../shared/drafts
(pandoc, LibreOffice and Google-Docs-like docx, Word fill-in form tables with content controls, a Word
table of contents, LibreOffice, browser-printed, two-column and bold-heading PDFs, plain
text, setext markdown, folders mixing them, and two school-defined specs); its README lists the cases and
make_layouts.py builds them. The same scorer and thresholds as the development corpus apply.
"""

from __future__ import annotations

from pathlib import Path

from corpus_scoring import assert_meets_thresholds

LAYOUTS = Path(__file__).resolve().parent / "data" / "layouts"


def test_layout_corpus_meets_the_readiness_thresholds():
    assert_meets_thresholds(LAYOUTS)

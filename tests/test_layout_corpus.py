"""The readiness verdict on drafts in the layouts the development corpus does not have.

tests/data/layouts holds 36 drafts with ground truth in the format of ../shared/drafts
(pandoc, LibreOffice and Google-Docs-like docx, Word fill-in form tables with content controls, a Word
table of contents, LibreOffice, browser-printed, two-column and bold-heading PDFs, plain
text, setext markdown, folders mixing them, and two school-defined specs); its README lists the cases and
make_layouts.py builds them. The same scorer and thresholds as the development corpus apply.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_scoring import assert_meets_thresholds

LAYOUTS = Path(__file__).resolve().parent / "data" / "layouts"


@pytest.mark.xfail(
    strict=False,
    reason="issue 11: below the thresholds today: Word fill-in forms are one table block that "
    "segmentation never looks inside; Word's content-control placeholder is not a placeholder "
    "finding; a byline under a title that resembles the credential's is counted; a one-page "
    "browser PDF keeps its header and footer; plain-text sub-headings are not structure. "
    "score_drafts.py -v names every miss.",
)
def test_layout_corpus_meets_the_readiness_thresholds():
    assert_meets_thresholds(LAYOUTS)

"""The readiness verdict on drafts in the layouts the development corpus does not have.

tests/data/layouts holds 31 drafts with ground truth in the format of ../shared/drafts
(pandoc and Google-Docs-like docx, Word fill-in form tables with content controls,
LibreOffice, browser-printed, two-column and bold-heading PDFs, plain text, setext markdown,
folders mixing them, and a school-defined spec); its README lists the cases and
make_layouts.py builds them. The same scorer and thresholds as the development corpus apply.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_scoring import assert_meets_thresholds

LAYOUTS = Path(__file__).resolve().parent / "data" / "layouts"


@pytest.mark.xfail(
    strict=False,
    reason="issue 11: the layout corpus scores below the thresholds today (form tables are not "
    "segmented, wide action-plan tables in PDFs lose their fields, plain-text sub-headings "
    "are not structure, front matter is counted); see tests/data/layouts/README.md",
)
def test_layout_corpus_meets_the_readiness_thresholds():
    assert_meets_thresholds(LAYOUTS)

"""The readiness verdict on the development drafts as other producers write them: LibreOffice's
PDF export, .docx and plain text, pandoc's markdown and docx, Chromium's print
(tests/producer_variants.py builds them; the layout corpus: test_producer_variants_layouts.py).
The producers are Debian packages; the test skips where one is missing (CI has none), and
says which to install.
"""

from __future__ import annotations

from pathlib import Path

import producer_variants
from corpus_scoring import SHARED, assert_meets_thresholds, require

HERE = Path(__file__).resolve().parent


def test_the_development_drafts_as_other_producers_write_them(tmp_path):
    # Words at 90%: plain text cannot mark a quoted mission statement (a Quote style or a
    # blockquote), which Artifacts 1-3 leave out of their limits.
    producer_variants.require()
    require(SHARED / "drafts" / "expected", "draft corpus")
    assert producer_variants.build(SHARED / "drafts", tmp_path) >= 40
    assert_meets_thresholds(tmp_path, words=0.9)

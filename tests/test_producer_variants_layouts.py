"""The layout corpus (tests/data/layouts) as other producers write it; see
test_producer_variants.py. A file of its own so that the two builds run on two workers."""

from __future__ import annotations

from pathlib import Path

import producer_variants
from corpus_scoring import assert_meets_thresholds

HERE = Path(__file__).resolve().parent


def test_the_layout_drafts_as_other_producers_write_them(tmp_path):
    # Words at 85%: a PDF prints Word's automatic list numbers as text ("1. Yes, ..."), which
    # Word does not count and a typed "1." it does; a PDF cannot tell them apart (counted), and
    # the layout corpus answers its stakeholder questions in automatic lists.
    producer_variants.require()
    assert producer_variants.build(HERE / "data" / "layouts", tmp_path) >= 49
    assert_meets_thresholds(tmp_path, words=0.85)

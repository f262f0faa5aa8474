"""The readiness verdict on realistic drafts nobody wrote against mccheck (../shared/drafts).

Runs the corpus's own scorer (../shared/tools/score_drafts.py) on this build, through the
real CLI, and holds the thresholds of the issue (see corpus_scoring). Without the corpus the
test skips, except in CI (``CI=true``), where a missing corpus must not look like a pass.
"""

from __future__ import annotations

from corpus_scoring import SHARED, assert_meets_thresholds, require

DRAFTS = SHARED / "drafts"


def test_draft_corpus_meets_the_readiness_thresholds():
    require(DRAFTS / "expected", "draft corpus")
    assert_meets_thresholds(DRAFTS)

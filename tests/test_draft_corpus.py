"""The readiness verdict on realistic drafts nobody wrote against mccheck (../shared/drafts).

Runs the corpus's own scorer (../shared/tools/score_drafts.py) on this build, through the
real CLI, and holds the thresholds of the issue: every verdict right, at least 95% of the
section word counts right, recall and precision of the findings at least 0.95, and no
blocking error on a draft that is ready. Without the corpus the test skips, except in CI
(``CI=true``), where a missing corpus must not look like a pass.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DRAFTS = SHARED / "drafts"
SCORER = SHARED / "tools" / "score_drafts.py"
_LAST = re.compile(
    r"fidelity: verdicts (\d+)/(\d+), words (\d+)/(\d+), recall ([\d.]+), precision ([\d.]+), "
    r"false alarms on ready drafts (\d+)"
)


def test_draft_corpus_meets_the_readiness_thresholds():
    if not (DRAFTS / "expected").is_dir() or not SCORER.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the draft corpus is missing in CI ({DRAFTS}): the verdict quality cannot be checked")
        pytest.skip(f"no draft corpus at {DRAFTS}")
    run = subprocess.run(
        [sys.executable, str(SCORER), f"{sys.executable} -m mccheck", str(DRAFTS), "-v"],
        capture_output=True, text=True, timeout=600,
    )
    last = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr
    m = _LAST.search(last)
    assert m, f"the scorer printed no score: {last}"
    v_ok, v_all, w_ok, w_all, recall, precision, alarms = m.groups()
    details = run.stdout  # every miss, named, for whoever has to fix it
    assert int(v_ok) == int(v_all), details
    assert int(w_ok) >= 0.95 * int(w_all), details
    assert float(recall) >= 0.95 and float(precision) >= 0.95, details
    assert int(alarms) == 0, details

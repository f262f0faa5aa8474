"""Run ../shared/tools/score_drafts.py on a corpus of drafts with ground truth and hold the
thresholds of issue 11: every verdict right, at least 95% of the section word counts right,
recall and precision of the findings at least 0.95, no blocking error on a ready draft.

Shared by the test of the development corpus (../shared/drafts) and the test of the layout
corpus (tests/data/layouts). The scorer is read from ../shared, never copied: without it the
tests skip, except in CI (``CI=true``), where a missing scorer must not look like a pass.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCORER = SHARED / "tools" / "score_drafts.py"
_LAST = re.compile(
    r"fidelity: verdicts (\d+)/(\d+), words (\d+)/(\d+), recall ([\d.]+), precision ([\d.]+), "
    r"false alarms on ready drafts (\d+)"
)


def require(path: Path, what: str) -> None:
    """Skip without ``path``; fail instead under CI, where it must be there."""
    if path.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing in CI ({path}): the verdict quality cannot be checked")
    pytest.skip(f"no {what} at {path}")


def assert_meets_thresholds(corpus: Path, words: float = 0.95) -> None:
    """Score this build (``python -m mccheck``) on ``corpus``; every miss is in the message.
    ``words``: the share of section word counts that must be right."""
    require(SCORER, "draft scorer")
    run = subprocess.run(
        [sys.executable, str(SCORER), f"{sys.executable} -m mccheck", str(corpus), "-v"],
        capture_output=True, text=True, timeout=600,
    )
    last = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr
    m = _LAST.search(last)
    assert m, f"the scorer printed no score: {last}"
    v_ok, v_all, w_ok, w_all, recall, precision, alarms = m.groups()
    details = run.stdout  # every miss, named, for whoever has to fix it
    assert int(v_ok) == int(v_all), details
    assert int(w_ok) >= words * int(w_all), details
    assert float(recall) >= 0.95 and float(precision) >= 0.95, details
    assert int(alarms) == 0, details

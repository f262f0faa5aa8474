"""Fixtures for the spec tests: the small valid spec (the CLI runner is in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
MINI = DATA / "specs" / "mini.yaml"
BAD = Path(__file__).resolve().parent / "bad"


@pytest.fixture
def mini() -> Path:
    return MINI



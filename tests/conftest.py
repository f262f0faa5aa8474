"""Shared fixtures. Area-specific fixtures live next to their tests."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
DATA = REPO / "tests" / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    # Declared at the top so `python -m pytest --update-golden` works from the repo root.
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden reports in tests/golden/expected/ (review the diff before committing)",
    )


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def data_dir() -> Path:
    return DATA

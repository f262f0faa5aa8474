"""Shared fixtures. Area-specific fixtures live next to their tests."""

from __future__ import annotations

import sys
from dataclasses import dataclass
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


@pytest.fixture(autouse=True)
def _fresh_reading_worker():
    """Files are read in one worker process per process (readers/isolated.py): ending it after
    each test makes the next test's worker fork with that test's monkeypatching in place."""
    yield
    isolated = sys.modules.get("mccheck.readers.isolated")
    if isolated is not None:
        isolated.stop()


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def data_dir() -> Path:
    return DATA


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``mccheck ARGS`` in process through the real entry point (exit codes, one-line errors)."""
    from mccheck.cli import main

    def run(*args) -> CliResult:
        monkeypatch.setattr(sys, "argv", ["mccheck", *map(str, args)])
        with pytest.raises(SystemExit) as exc:
            main()
        out = capsys.readouterr()
        code = exc.value.code
        return CliResult(code if isinstance(code, int) else (0 if code is None else 1), out.out, out.err)

    return run


@pytest.fixture
def run_cli(cli):
    return cli

"""Fixtures for the spec tests: the small valid spec and a CLI runner through ``main()``."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
MINI = DATA / "specs" / "mini.yaml"
BAD = Path(__file__).resolve().parent / "bad"


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def mini() -> Path:
    return MINI


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run ``mccheck ARGS`` through the real entry point (one-line errors, exit codes)."""
    from mccheck.cli import main

    def run(*args: str) -> CliResult:
        monkeypatch.setattr(sys, "argv", ["mccheck", *map(str, args)])
        with pytest.raises(SystemExit) as exc:
            main()
        out = capsys.readouterr()
        code = exc.value.code
        return CliResult(code if isinstance(code, int) else (0 if code is None else 1), out.out, out.err)

    return run

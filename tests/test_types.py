"""The package type-checks clean: mypy, with the settings of pyproject.toml's [tool.mypy]."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_package_type_checks_clean(pytestconfig: pytest.Config, tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is not installed (pip install '.[test]')")
    # mypy's cache under .pytest_cache: a re-run checks only what changed (about 1 s, not 5).
    cache = pytestconfig.cache.mkdir("mypy") if pytestconfig.cache is not None else tmp_path
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(REPO / "pyproject.toml"), "--cache-dir", str(cache)],
        cwd=REPO, capture_output=True, text=True, timeout=150,
    )
    if result.returncode != 0:
        pytest.fail(f"mypy found problems:\n{result.stdout}{result.stderr}", pytrace=False)

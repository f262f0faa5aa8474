"""Every check has a stable id, a docstring, a scope and tests that name it."""

from pathlib import Path

import pytest

from mccheck.checks import CHECKS, get
from mccheck.errors import UsageError

HERE = Path(__file__).parent


@pytest.mark.parametrize("check_id", list(CHECKS))
def test_check_is_documented_and_tested(check_id):
    module = CHECKS[check_id]
    assert module.ID == check_id
    assert module.SCOPE in ("section", "submission")
    assert (module.__doc__ or "").strip().startswith(f"{check_id}:")
    tests = "".join(p.read_text() for p in HERE.glob("test_*.py") if p.name != "test_registry.py")
    assert f'"{check_id}"' in tests, f"no test runs check {check_id}"


def test_unknown_check_suggests():
    with pytest.raises(UsageError, match='did you mean "word-limit"'):
        get("word-limmit")

"""The README stays true: its commands, checks and example paths exist."""

from __future__ import annotations

import re
from pathlib import Path

from mccheck.checks import CHECKS

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_check_is_documented():
    for check_id in CHECKS:
        assert f"| `{check_id}` |" in README, check_id


def test_every_command_is_documented():
    import mccheck.cli

    mccheck.cli._register()
    names = {c.name or c.callback.__name__.replace("_", "-") for c in mccheck.cli.app.registered_commands}
    for name in names:
        assert f"mccheck {name}" in README or f"`{name}" in README, name


def test_first_commands_name_files_that_exist_and_match_ci():
    example = re.search(r"mccheck check (examples/\S+)", README).group(1)
    assert (REPO / example).is_file()
    test_command = re.search(r"^pip install '\.\[test[^']*\]' && python -m pytest$", README, re.MULTILINE).group(0)
    assert test_command in (REPO / ".ci" / "run").read_text()

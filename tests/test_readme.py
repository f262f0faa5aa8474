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


def test_checks_table_is_generated_from_the_checks_docstrings():
    from mccheck.checkdoc import all_docs, markdown_table

    start = README.index("| id | what it checks |")
    table = README[start : README.index("\n\n", start) + 1]
    assert table == markdown_table(all_docs()), "regenerate it: mccheck explain --format markdown"


def test_explain_shows_a_passing_and_a_failing_example_for_every_check(cli):
    for check_id in CHECKS:
        result = cli("explain", check_id)
        assert result.exit_code == 0
        text = result.stdout
        assert text.startswith(f"{check_id}: ") and "\nPasses:\n    " in text and "\nFails:\n    " in text
    assert cli("explain", "--format", "markdown").stdout == README[README.index("| id | what it checks |"):].split("\n\n")[0] + "\n"
    wrong = cli("explain", "word-limt")
    assert wrong.exit_code == 2 and 'did you mean "word-limit"' in wrong.stderr


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

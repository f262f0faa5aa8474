"""`mccheck --help` and `--version` must stay fast: heavy libraries are imported only when used."""

import subprocess
import sys

HEAVY = ("docx", "pypdf", "pypdfium2", "pydantic", "lxml", "yaml", "markdown_it", "mccheck.spec.models")


def _loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('--MODULES--')\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(out.split("--MODULES--")[-1].split())  # help text above the marker may say "docx"


def test_importing_the_cli_loads_no_parser_or_validator():
    loaded = _loaded_after("import mccheck.cli; mccheck.cli._register()")
    assert not {m for m in HEAVY if m in loaded}


def test_help_and_version_exit_cleanly_without_heavy_imports():
    for args in (["--help"], ["--version"]):
        code = (
            "import sys; sys.argv=['mccheck', *%r]\n"
            "import mccheck.cli\n"
            "try:\n    mccheck.cli.main()\nexcept SystemExit as e:\n    assert e.code in (0, None), e.code\n" % (args,)
        )
        loaded = _loaded_after(code)
        assert not {m for m in HEAVY if m in loaded}, args


def test_subcommand_help_loads_no_parser_of_ours():
    for command in ("check", "count", "sections", "show", "validate", "init", "watch"):
        code = (
            "import sys; sys.argv=['mccheck', %r, '--help']\n"
            "import mccheck.cli\n"
            "try:\n    mccheck.cli.main()\nexcept SystemExit as e:\n    assert e.code in (0, None), e.code\n" % command
        )
        loaded = _loaded_after(code)
        assert not {m for m in HEAVY if m in loaded}, command


def test_checking_a_draft_loads_no_validator_and_no_parser_here(tmp_path):
    """Typer's parameters need no pydantic (typer < 0.29), a bundled spec is read from its
    compiled JSON, and the files are parsed in the worker process, not in this one."""
    draft = tmp_path / "draft.md"
    draft.write_text("# Part 1: Overview Questions\n\nOur school serves many families.\n", encoding="utf-8")
    args = ["check", str(draft), "-c", "aligning-school-mission", "--format", "json", "--jobs", "1"]
    code = (
        "import sys; sys.argv=['mccheck', *%r]\n"
        "import mccheck.cli\n"
        "try:\n    mccheck.cli.main()\nexcept SystemExit as e:\n    assert e.code in (0, 1), e.code\n" % (args,)
    )
    loaded = _loaded_after(code)
    assert not {m for m in HEAVY if m in loaded}

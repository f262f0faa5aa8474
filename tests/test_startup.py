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


# Typer (0.29) builds pydantic adapters to coerce any sub-command's parameters, so pydantic
# is the framework's own cost there; mccheck's own heavy imports must still stay out.
FRAMEWORK = {"pydantic"}


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
        assert not {m for m in HEAVY if m in loaded} - FRAMEWORK, command

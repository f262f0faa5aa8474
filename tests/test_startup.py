"""`mccheck --help` and `--version` must stay fast: heavy libraries are imported only when used."""

import subprocess
import sys

HEAVY = ("docx", "pypdf", "pypdfium2", "pydantic", "lxml", "yaml", "markdown_it", "mccheck.spec.models")


def _loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_importing_the_cli_loads_no_parser_or_validator():
    loaded = _loaded_after("import mccheck.cli; mccheck.cli._register()")
    assert not {m for m in HEAVY if m in loaded}


def test_help_and_version_exit_cleanly_without_heavy_imports():
    for args in (["--help"], ["--version"], ["check", "--help"]):
        code = (
            "import sys; sys.argv=['mccheck', *%r]\n"
            "import mccheck.cli\n"
            "try:\n    mccheck.cli.main()\nexcept SystemExit as e:\n    assert e.code in (0, None), e.code\n" % (args,)
        )
        loaded = _loaded_after(code)
        assert not {m for m in HEAVY if m in loaded}, args

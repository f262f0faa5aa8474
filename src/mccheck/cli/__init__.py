"""Command-line entry point. Only this package prints and chooses exit codes.

Command modules import only typer at module level; parsers, pydantic and rich
are imported inside the commands so ``mccheck --help`` stays fast.
"""

from __future__ import annotations

import re
import sys

import typer
from typer.core import TyperCommand

from mccheck import __version__
from mccheck.errors import MccheckError

# Bare type labels typer 0.29 adds to help ("PATHS... <list[str]>", "--format <str>").
_TYPE_LABEL = re.compile(r" <(?:list\[)?(?:str|int|float|bool|Path)\]?>")


class Command(TyperCommand):
    """Help that reads the same under every supported typer: "Usage: mccheck check [OPTIONS]
    PATHS...". Typer 0.29 writes "{paths}..." and "<list[str]>" where older ones use the metavar."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(param.metavar or (param.name or "").upper())
        return pieces

    def get_help(self, ctx) -> str:
        # Blanked, not cut, so the help column stays aligned.
        text = _TYPE_LABEL.sub(lambda m: " " * len(m.group()), super().get_help(ctx))
        return "\n".join(line.rstrip() for line in text.splitlines())


class _App(typer.Typer):
    def command(self, *args, cls=None, **kwargs):
        return super().command(*args, cls=cls or Command, **kwargs)


app = _App(
    name="mccheck",
    help="Pre-flight checks for micro-credential submissions: word limits, sections, "
    "required elements and the rubric, before you submit.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        from mccheck.pdf_engine import backend_name

        print(f"mccheck {__version__} (PDF backend: {backend_name()})")
        raise SystemExit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback when something goes wrong."),
) -> None:
    _state["debug"] = debug


def _register() -> None:
    # Each module adds its commands to ``app``; kept light, see the module docstring.
    from mccheck.cli import check as _check  # noqa: F401
    from mccheck.cli import count as _count  # noqa: F401
    from mccheck.cli import explain as _explain  # noqa: F401
    from mccheck.cli import init as _init  # noqa: F401
    from mccheck.cli import merge as _merge  # noqa: F401
    from mccheck.cli import newspec as _newspec  # noqa: F401
    from mccheck.cli import spec as _spec  # noqa: F401
    from mccheck.cli import watch as _watch  # noqa: F401


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        _version(True)  # answered before the commands are registered: startup is most of its cost
    _register()
    try:
        app()
    except MccheckError as e:
        if _state["debug"]:
            raise
        print(f"mccheck: {e.one_line()}", file=sys.stderr)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        print("mccheck: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as e:  # a bug: still one line by default, the traceback with --debug
        if _state["debug"]:
            raise
        from mccheck.safe_text import printable

        detail = printable(" ".join(f"{type(e).__name__}: {e}".split()))
        if len(detail) > 200:
            detail = detail[:197] + "..."
        print(f"mccheck: internal error ({detail}); run with --debug and report it", file=sys.stderr)
        sys.exit(2)

"""`mccheck explain [ID]`: a check's documentation with a passing and a failing example."""

from __future__ import annotations

import json

import typer

from mccheck.cli import app
from mccheck.cli.common import complete_check
from mccheck.errors import UsageError

_FORMATS = ("text", "markdown", "json")


@app.command()
def explain(
    check_id: str | None = typer.Argument(
        None, metavar="[ID]", autocompletion=complete_check, show_default=False,
        help="A check id, e.g. word-limit (default: list every check).",
    ),
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text, markdown or json."),
) -> None:
    """Explain a check: what it looks for, how it decides, and an example that passes and one that fails.

    Without an ID, list every check; `--format markdown` prints the README's table of checks.
    """
    from dataclasses import asdict

    from mccheck.checkdoc import all_docs, as_markdown, as_text, document, markdown_table
    from mccheck.checks import get

    if fmt not in _FORMATS:
        raise UsageError(f'--format must be text, markdown or json, not "{fmt}"')
    if check_id:
        doc = document(get(check_id))
        text = {"text": as_text, "markdown": as_markdown}.get(fmt, lambda d: json.dumps(asdict(d), indent=2))(doc)
    else:
        docs = all_docs()
        if fmt == "markdown":
            text = markdown_table(docs)
        elif fmt == "json":
            text = json.dumps([asdict(d) for d in docs], indent=2)
        else:
            width = max(len(d.id) for d in docs)
            text = "".join(f"{d.id:<{width}}  {d.summary}\n" for d in docs) + "\nmccheck explain ID shows one in full.\n"
    typer.echo(text.rstrip("\n"))

"""`mccheck merge-reports`: one report from the JSON reports of sharded `check` runs.

Each file is what ``mccheck check --format json`` wrote: one submission's report, or a
``{"submissions": [...]}`` object for several (schema "mccheck/report/v1"). The merged
report always has the several-submissions shape, with the summary recomputed and the
submissions in the order an unsharded run lists them (natural order of their paths). Each
submission keeps the verdict its shard gave it (``--fail-on`` was applied there).
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from mccheck.cli import app
from mccheck.errors import InputError, UsageError

MERGE_FORMATS = ("json", "markdown")
_HOW = "write one with `mccheck check --format json --output FILE`"


@app.command("merge-reports")
def merge_reports(
    files: list[str] = typer.Argument(..., metavar="FILES...", help="JSON reports of `mccheck check --shard K/N --format json`.",
                                      show_default=False),
    fmt: str = typer.Option("json", "--format", "-f", help="Output: json (default) or markdown."),
    output: str | None = typer.Option(None, "--output", "-o", help="Write the merged report to FILE (atomically)."),
) -> None:
    """Merge the JSON reports of sharded `check` runs into one report.

    Exit code 0: every submission ready; 1: some not ready; 2: a file that is not a report.
    """
    from mccheck.cli.common import write_atomic

    if fmt not in MERGE_FORMATS:
        raise UsageError(f'unknown format "{fmt}"; merge-reports writes: {", ".join(MERGE_FORMATS)}')
    merged = merge([(name, load_report(Path(name))) for name in files])
    if fmt == "json":
        text = render_json(merged)
    else:
        from mccheck.safe_text import printable_fields

        text = render_markdown(printable_fields(merged))
    if output:
        write_atomic(Path(output), text)
    else:
        sys.stdout.write(text)
    raise typer.Exit(0 if merged["ready"] else 1)


def load_report(path: Path) -> object:
    """The parsed JSON of one report file; InputError when it cannot be read or parsed."""
    import json

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "does not exist: check the name and folder") from None
    except IsADirectoryError:
        raise InputError(path, f"is a folder, not a JSON report; {_HOW}") from None
    except OSError as e:
        raise InputError(path, f"cannot be read: {(e.strerror or str(e)).lower()}") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(path, f"is not UTF-8 text, so not a JSON report; {_HOW}") from None
    except json.JSONDecodeError as e:
        raise InputError(path, f"is not valid JSON (line {e.lineno}, column {e.colno}); {_HOW}") from None
    except RecursionError:
        raise InputError(path, f"nests too deeply to be a JSON report; {_HOW}") from None


def submissions_of(name: str, data: object) -> list[dict]:
    """The submission reports in one file's data, each checked for the fields a merge needs."""
    from mccheck.report import REPORT_SCHEMA_ID

    if not isinstance(data, dict):
        raise InputError(name, f"is not an mccheck report (a JSON object with \"schema\": \"{REPORT_SCHEMA_ID}\"); {_HOW}")
    if data.get("schema") != REPORT_SCHEMA_ID:
        found = data.get("schema")
        what = f'has schema "{found}"' if isinstance(found, str) else 'has no "schema"'
        raise InputError(name, f'{what}, not "{REPORT_SCHEMA_ID}": is it an mccheck JSON report? {_HOW}')
    if "submissions" in data:
        items = data["submissions"]
        if not isinstance(items, list):
            raise InputError(name, f'has "submissions" that is not a list; {_HOW}')
    else:
        items = [data]
    for n, item in enumerate(items, 1):
        problem = _problem(item, REPORT_SCHEMA_ID)
        if problem:
            where = f"submission {n}" if "submissions" in data else "the report"
            raise InputError(name, f"{where} {problem}; {_HOW}")
    return items


def _problem(item: object, schema: str) -> str | None:
    if not isinstance(item, dict):
        return "is not a JSON object"
    if item.get("schema") != schema:
        return f'does not have "schema": "{schema}"'
    paths = item.get("paths")
    if not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths):
        return 'has no "paths" list'
    if not isinstance(item.get("ready"), bool):
        return 'has no true/false "ready"'
    if not isinstance(item.get("credential"), str):
        return 'has no "credential"'
    summary = item.get("summary")
    if not isinstance(summary, dict) or not all(
        isinstance(summary.get(k), int) and not isinstance(summary.get(k), bool) for k in ("errors", "warnings")
    ):
        return 'has no "summary" with "errors" and "warnings" counts'
    return None


def merge(reports: list[tuple[str, object]]) -> dict:
    """One several-submissions report (json_.as_data's shape) from (file name, data) pairs.

    A submission found in two files is an InputError: shards never overlap, so the same
    report was given twice or two different runs were mixed.
    """
    from mccheck.discover import natural_key
    from mccheck.formatters.json_ import combine

    seen: dict[tuple[str, ...], str] = {}
    items: list[dict] = []
    for name, data in reports:
        for item in submissions_of(name, data):
            key = tuple(item["paths"])
            if key in seen:
                raise InputError(
                    name, f"repeats submission {', '.join(key)} (also in {seen[key]}): give each shard's report once"
                )
            seen[key] = name
            items.append(item)
    items.sort(key=lambda i: tuple(natural_key(p) for p in i["paths"]))
    return combine(items)


def render_json(merged: dict) -> str:
    from mccheck.safe_text import to_json

    return to_json(merged)


def render_markdown(merged: dict) -> str:
    def cell(text: object) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    s = merged["summary"]
    verdict = "✅ all ready" if merged["ready"] else f"❌ {s['not_ready']} not ready"
    out = [
        f"## mccheck: {s['submissions']} submissions, {verdict}\n",
        f"{s['ready']} ready, {s['not_ready']} not ready; {s['errors']} errors, {s['warnings']} warnings.\n",
        "| submission | credential | ready | errors | warnings |",
        "|---|---|---|---:|---:|",
    ]
    for item in merged["submissions"]:
        paths = ", ".join(f"`{cell(p)}`" for p in item["paths"])
        ready = "✅ ready" if item["ready"] else "❌ not ready"
        out.append(
            f"| {paths} | {cell(item['credential'])} | {ready} | {item['summary']['errors']} "
            f"| {item['summary']['warnings']} |"
        )
    return "\n".join(out) + "\n"

"""`list`, `show`, `validate`, `schema`: commands about credential specs.

Only typer and the standard library at module level; the loader (pydantic, yaml) and
rich are imported inside the commands.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from mccheck.cli import app
from mccheck.errors import InputError, MccheckError, SpecError
from mccheck.safe_text import printable, to_json


class Format(str, Enum):
    text = "text"
    json = "json"


_FORMAT_HELP = "Output format: text for people, json for scripts."


# --------------------------------------------------------------------------- list


@app.command("list")
def list_command(
    format: Format = typer.Option(Format.text, "--format", "-f", help=_FORMAT_HELP),
) -> None:
    """List the bundled credentials.

    Shows each credential's id, title, issuer and number of sections. Use an id with `mccheck show ID` or `mccheck check --credential ID`.
    """
    from mccheck.spec import catalog
    from mccheck.spec.loader import load_spec

    rows: list[dict[str, Any]] = []
    first_error: MccheckError | None = None
    for cid in catalog.bundled_ids():
        path = catalog.bundled_path(cid)
        try:
            c = load_spec(path)
        except MccheckError as e:
            first_error = first_error or e
            rows.append({"id": cid, "title": None, "issuer": None, "sections": None, "error": e.one_line()})
            continue
        rows.append(
            {"id": c.id, "title": c.title, "issuer": c.issuer, "parts": len(c.parts), "sections": len(c.sections)}
        )
    if format is Format.json:
        typer.echo(to_json(rows), nl=False)
    elif not rows:
        typer.echo("No bundled credentials found (the installation may be incomplete).")
    else:
        typer.echo(_table(rows), nl=False)
    if first_error is not None:
        raise first_error


def _table(rows: list[dict[str, Any]]) -> str:
    import shutil

    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for name in ("ID", "Title", "Issuer", "Sections"):
        # Ids are typed by users: never wrap them.
        table.add_column(
            name,
            justify="right" if name == "Sections" else "left",
            overflow="fold",
            no_wrap=name in ("ID", "Sections"),
        )
    for r in rows:
        if "error" in r:
            table.add_row(r["id"], f"invalid spec: {r['error']}", "", "")
        else:
            table.add_row(r["id"], r["title"], r["issuer"], str(r["sections"]))
    console = Console(width=max(shutil.get_terminal_size((100, 24)).columns, 60), color_system=None)
    with console.capture() as capture:
        console.print(table)
    return capture.get()


# --------------------------------------------------------------------------- show


@app.command("show")
def show_command(
    credential: str = typer.Argument(..., metavar="ID_OR_PATH", help="A bundled credential id or a path to a .yaml spec."),
    format: Format = typer.Option(Format.text, "--format", "-f", help=_FORMAT_HELP),
) -> None:
    """Show a credential's requirements, to plan a draft.

    Lists parts, sections, the questions to answer, word limits (with where each comes
    from), required elements, artifacts to upload, the rubric and how to pass.
    """
    from mccheck.spec.catalog import resolve

    c = resolve(credential)
    if format is Format.json:
        typer.echo(to_json(show_dict(c)), nl=False)
    else:
        typer.echo(printable(show_text(c)), nl=False)


def _limits_dict(limit: Any) -> dict[str, Any]:
    if limit is None:
        return {"min": None, "max": None, "hard": False, "exclude": [], "source": "", "inferred": False}
    return {
        "min": limit.min,
        "max": limit.max,
        "hard": limit.hard,
        "exclude": list(limit.exclude),
        "source": limit.source,
        "inferred": limit.inferred,
    }


def show_dict(c: Any) -> dict[str, Any]:
    """JSON form of `show`: the spec, plus a flat ``sections`` list with its part and limits."""
    from mccheck.spec.records import as_data

    sections = []
    for part in c.parts:
        for s in part.sections:
            sections.append(
                {
                    "id": s.id,
                    "part": part.id,
                    "part_title": part.title,
                    "title": s.title,
                    "required": s.required,
                    "upload": s.upload,
                    "aliases": list(s.aliases),
                    "numbering": list(s.numbering),
                    "guidance": s.guidance,
                    "prompts": [p.text for p in s.prompts],
                    "prompt_ids": [p.id for p in s.prompts],
                    "limits": _limits_dict(s.limits),
                    "elements": as_data(s.elements),
                }
            )
    return {
        "schema": c.schema_,
        "id": c.id,
        "title": c.title,
        "issuer": c.issuer,
        "competency": c.competency,
        "key_method": c.key_method,
        "source_url": c.source_url,
        "licence": c.licence,
        "parts": [{"id": p.id, "title": p.title, "sections": [s.id for s in p.sections]} for p in c.parts],
        "sections": sections,
        "artifacts": as_data(c.artifacts),
        "constraints": as_data(c.constraints),
        "rubric": as_data(c.rubric),
        "passing_rule": as_data(c.passing_rule),
    }


def _sourced(item: Any) -> str:
    notes = []
    if item.source:
        notes.append(f'source: "{item.source}"')
    if item.inferred:
        notes.append("inferred by mccheck, not stated by the issuer")
    return f" ({'; '.join(notes)})" if notes else ""


def show_text(c: Any) -> str:
    """Plain-text `show`: headings and indented lists, no colour, pipe-friendly."""
    out: list[str] = []
    add = out.append
    add(f"{c.title} ({c.id})")
    add(f"Issuer: {c.issuer}")
    if c.competency:
        add(f"Competency: {c.competency}")
    if c.key_method:
        add(f"Key method: {c.key_method}")
    if c.source_url:
        add(f"Source: {c.source_url}")
    add("")
    add("To pass:")
    add(f"  {c.passing_rule.text}{_sourced(c.passing_rule)}")
    for req in c.passing_rule.requires:
        every = ", in every rubric component" if req.each_component else ""
        add(f"  - {', '.join(req.parts)}: at least {req.level}{every}")

    criteria_for: dict[str, list[Any]] = {}
    if c.rubric:
        for cr in c.rubric.criteria:
            for sid in cr.applies_to:
                criteria_for.setdefault(sid, []).append(cr)

    for part in c.parts:
        add("")
        add(f"{part.title} [{part.id}]")
        for s in part.sections:
            flags = []
            if not s.required:
                flags.append("optional")
            if s.upload:
                flags.append("uploaded as a separate file")
            add("")
            add(f"  {s.title} [{s.id}]" + (f" ({', '.join(flags)})" if flags else ""))
            if s.limits is not None:
                add(f"    Words: {s.limits.describe()}{_sourced(s.limits)}")
                if s.limits.exclude:
                    add(f"      not counted: {', '.join(s.limits.exclude)}")
            else:
                add("    Words: no limit")
            if s.aliases:
                add(f"    Also titled: {'; '.join(s.aliases)}")
            if s.guidance:
                add(f"    Guidance: {s.guidance}")
            if s.prompts:
                add("    Answer:")
                for p in s.prompts:
                    add(f"      {p.id}. {p.text}")
            if s.elements:
                add("    Must include:")
                for e in s.elements:
                    add(f"      - {e.description} [{e.id}: {_element_rule(e)}]{_sourced(e)}")
            if s.id in criteria_for:
                names = ", ".join(f"{cr.title} [{cr.id}]" for cr in criteria_for[s.id])
                add(f"    Scored by: {names}")

    if c.artifacts:
        add("")
        add("Artifacts to include:")
        for a in c.artifacts:
            where = f" for {a.part}" if a.part else ""
            kinds = f"; e.g. {', '.join(a.kinds)}" if a.kinds else ""
            add(f"  - {a.title} [{a.id}]{where}: at least {a.min} file{'s' if a.min != 1 else ''}{kinds}{_sourced(a)}")

    if c.constraints:
        add("")
        add("Constraints:")
        for k in c.constraints:
            scope = ", ".join(k.applies_to) if k.applies_to else "the whole submission"
            add(f"  - {k.text} [{k.id}; applies to {scope}]{_sourced(k)}")

    if c.rubric:
        add("")
        add(f"Rubric (levels best first: {', '.join(c.rubric.scale)}):")
        for cr in c.rubric.criteria:
            add(f"  {cr.title} [{cr.id}] scores {', '.join(cr.applies_to)}{_sourced(cr)}")
            for lv in cr.levels:
                add(f"    {lv.level}:")
                for d in lv.descriptors:
                    how = "you judge" if d.verify == "judgement" else f"mccheck checks: {d.verify}"
                    if d.element:
                        how += f" {d.element}"
                    add(f"      - {d.text} ({how})")
    return "\n".join(out) + "\n"


def _element_rule(e: Any) -> str:
    terms = ", ".join(t.name for t in e.terms)
    count = ""
    if e.min is not None and e.min == e.max:
        count = f"exactly {e.min}"
    elif e.min is not None and e.max is not None:
        count = f"{e.min}-{e.max}"
    elif e.min is not None:
        count = f"at least {e.min}"
    elif e.max is not None:
        count = f"at most {e.max}"
    if e.kind == "presence":
        return f"mentions {terms}"
    noun = e.item_name or "item"
    plural = noun if (e.min, e.max) == (1, 1) or (e.min == 1 and e.max is None) else f"{noun}s"
    if e.kind == "count":
        return f"{count} {plural}"
    if e.kind == "labelled-groups":
        return f"{count} of: {terms}" + (", each answering the prompts" if e.answers else "")
    if e.kind == "items-with-fields":
        return f"{count} {plural}, each with {terms}"
    return f"each of {terms} cites an artifact with a page or time"


# --------------------------------------------------------------------------- validate


@app.command("validate")
def validate_command(
    paths: list[str] = typer.Argument(..., metavar="PATHS...", help="Spec files (.yaml) to check; bundled ids also work."),
    format: Format = typer.Option(Format.text, "--format", "-f", help=_FORMAT_HELP),
) -> None:
    """Check credential spec files (.yaml).

    Reports every problem with its file and line, and goes on to the next file.
    Exit status: 0 all valid, 1 some spec is invalid, 2 some file can't be read or isn't YAML.
    """
    results = [_validate_one(p) for p in paths]
    if format is Format.json:
        typer.echo(to_json(results), nl=False)
    else:
        for r in results:
            if r["status"] == "ok":
                typer.echo(printable(f"ok: {r['path']} ({r['id']}, {r['sections']} sections)"))
            else:
                for p in r["problems"]:
                    typer.echo(printable(p["text"]))
        bad = sum(r["status"] != "ok" for r in results)
        if len(results) > 1 or bad:
            typer.echo(f"{len(results)} spec{'s' if len(results) != 1 else ''} checked: {len(results) - bad} valid, {bad} with problems")
    codes = {"ok": 0, "invalid": 1, "unreadable": 2}
    raise typer.Exit(max(codes[r["status"]] for r in results))


def _validate_one(arg: str) -> dict[str, Any]:
    from mccheck.spec import catalog
    from mccheck.spec.loader import SpecSyntaxError, load_spec

    path: Path = Path(arg)
    if not catalog.looks_like_path(arg) and arg in catalog.bundled_ids():
        path = catalog.bundled_path(arg)
    result: dict[str, Any] = {"path": str(path), "status": "ok", "id": None, "sections": None, "problems": []}
    try:
        c = load_spec(path)
    except SpecSyntaxError as e:
        result.update(status="unreadable", problems=[_split(e.path, p) for p in e.problems])
        return result
    except SpecError as e:
        result.update(status="invalid", problems=[_split(e.path, p) for p in e.problems])
        return result
    except InputError as e:
        result.update(status="unreadable", problems=[_split(e.path, str(e))])
        return result
    bundled = catalog.bundled_dir()
    if path.parent.resolve() == bundled.resolve() and c.id != path.stem:
        text = f"{path}:{_line_of_id(path)}: id: '{c.id}' does not match the file name '{path.name}': bundled specs are found by id"
        result.update(status="invalid", problems=[_split(str(path), text)])
        return result
    result.update(id=c.id, sections=len(c.sections))
    return result


def _line_of_id(path: Path) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if line.startswith("id:"):
            return n
    return 1


_LOC = re.compile(r"^:(\d+)(?::(\d+))?: ")


def _split(name: str, problem: str) -> dict[str, Any]:
    """'file:12:3: message' -> {file, line, column, message, text}."""
    line = column = None
    message = problem
    if problem.startswith(name):
        rest = problem[len(name) :]
        m = _LOC.match(rest)
        if m:
            line = int(m.group(1))
            column = int(m.group(2)) if m.group(2) else None
            message = rest[m.end() :]
        elif rest.startswith(": "):
            message = rest[2:]
    return {"file": name, "line": line, "column": column, "message": message, "text": problem}


# --------------------------------------------------------------------------- schema


@app.command("schema")
def schema_command(
    report: bool = typer.Option(False, "--report", help="Print the JSON Schema of `check --format json` reports instead."),
) -> None:
    """Print the JSON Schema of spec files (or, with --report, of JSON reports).

    The schema describes the credential spec format (credentials/*.yaml).

    Regenerate the shipped copy after changing the models:
    `mccheck schema > schemas/credential.schema.json`. Editors with yaml-language-server
    use it from a spec's first line: `# yaml-language-server: $schema=<path or URL>`.
    """
    if report:
        from importlib import resources

        # The shipped copy; a test keeps it equal to schemas/report.schema.json.
        typer.echo((resources.files("mccheck") / "schemas" / "report.schema.json").read_text(encoding="utf-8"), nl=False)
        return
    from mccheck.spec.schema import dumps

    typer.echo(dumps(), nl=False)

"""`mccheck count` (words per heading or per credential section) and `mccheck sections` (the mapping)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from mccheck.cli import app
from mccheck.cli.common import (
    TIMEOUT_HELP,
    load_credential_for,
    policy_for,
    read_limits,
)
from mccheck.errors import UsageError


def _submission(paths: list[str]):
    """The given paths as one submission (count and sections look at one draft or folder), and
    whether it is a lone file (whose read failure is an error, not a finding)."""
    from dataclasses import replace

    from mccheck.discover import discover

    given = [Path(p) for p in paths]  # taken as str: typer would import pydantic to coerce Path
    subs = discover(given)
    first = subs[0]
    if len(subs) > 1:
        first = replace(
            first,
            files=tuple(f for s in subs for f in s.files),
            skipped=tuple(x for s in subs for x in s.skipped),
            other_files=tuple(x for s in subs for x in s.other_files),
        )
    return first, len(given) == 1 and not given[0].is_dir()


def _loc_dict(loc) -> dict | None:
    return loc.to_dict() if loc else None


@app.command()
def count(
    paths: list[str] = typer.Argument(..., help="Draft files or a submission folder.", show_default=False),
    credential: str = typer.Option(None, "--credential", "-c", help="Count per section of this credential."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    counter: str = typer.Option("word", "--counter", help="word (as Microsoft Word) or whitespace (as web forms)."),
    explain: str = typer.Option(
        None, "--explain", help="Show the counted tokens and the excluded text of one section (id or heading)."
    ),
    max_file_size: float = typer.Option(None, "--max-file-size", help="Largest file to read, in MB (default 100)."),
    timeout: float = typer.Option(None, "--timeout", help=TIMEOUT_HELP),
) -> None:
    """Count words: the total, and per heading (or per credential section with --credential)."""
    from mccheck.counting import count_words, get_counter
    from mccheck.engine import analyse, inventory

    if fmt not in ("text", "json"):
        raise UsageError(f'--format must be text or json, not "{fmt}"')
    get_counter(counter)
    limits = read_limits(max_file_size, timeout)
    sub, single = _submission(paths)
    if credential or (sub.config and sub.config.credential):
        spec = load_credential_for(credential, sub)
        prepared = analyse(sub, spec, policy_for(sub, counter=counter), limits, single=single)
        documents = prepared.documents
        rows = []
        for section in spec.sections:
            text = prepared.seg.sections[section.id]
            c = prepared.counts[section.id]
            loc = c.counted[0][0].loc if c.counted else (text.blocks[0].loc if text.blocks else None)
            rows.append({"id": section.id, "title": section.title, "words": c.words, "location": _loc_dict(loc),
                         "excluded_words": sum(count_words(e.text, counter) for e in c.excluded if e.block.counted)})
        unassigned = [b for b in prepared.seg.unassigned if b.counted]
        if unassigned:
            rows.append({"id": "unassigned", "title": "text matching no section",
                         "words": sum(count_words(b.text, counter) for b in unassigned),
                         "location": _loc_dict(unassigned[0].loc), "excluded_words": 0})
        explained = _explain_section(prepared, explain, counter) if explain else None
        unreadable = list(prepared.inventory.unreadable)
    else:
        inv = inventory(sub, limits, single)
        documents, unreadable = inv.documents, list(inv.unreadable)
        rows = _per_heading(documents, counter)
        explained = _explain_heading(documents, explain, counter) if explain else None
    total = sum(count_words(b.text, counter) for d in documents for b in d.blocks if b.counted)
    data = {
        "files": [d.path for d in documents],
        "counter": counter,
        "sections": rows,
        "total": total,
        "unreadable": [{"file": f, "reason": r} for f, r in unreadable],
    }
    if explained is not None:
        explained["engines"] = {d.path: d.engine for d in documents if d.engine}  # which PDF engine read each
        data["explain"] = explained
    if fmt == "json":
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        _print_counts(data)
    raise typer.Exit(0)


def _per_heading(documents, counter: str) -> list[dict]:
    from mccheck.counting import count_words

    rows: list[dict] = []
    for doc in documents:
        current = {"heading": "(before the first heading)", "words": 0, "location": {"file": doc.path, "page": None, "line": None}}
        for block in doc.blocks:
            if not block.counted:
                continue
            if block.kind == "heading":
                if current["words"] or current["heading"] != "(before the first heading)":
                    rows.append(current)
                current = {"heading": block.text.strip(), "words": 0, "location": _loc_dict(block.loc)}
                continue
            current["words"] += count_words(block.text, counter)
        if current["words"] or current["heading"] != "(before the first heading)":
            rows.append(current)
    return rows


def _explain_section(prepared, section_id: str, counter: str) -> dict:
    if section_id not in prepared.counts:
        import difflib

        close = difflib.get_close_matches(section_id, list(prepared.counts), n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        raise UsageError(f'--explain: no section "{section_id}"{hint}')
    c = prepared.counts[section_id]
    return {
        "section": section_id,
        "words": c.words,
        "tokens": c.tokens(counter),
        "excluded": [{"text": e.text, "reason": e.reason, "location": _loc_dict(e.block.loc)} for e in c.excluded],
    }


def _explain_heading(documents, heading: str, counter: str) -> dict:
    from mccheck.counting import tokens

    wanted = heading.casefold()
    collecting, found, toks = False, None, []
    for doc in documents:
        for block in doc.blocks:
            if block.kind == "heading" and block.counted:
                if collecting:
                    collecting = False
                if found is None and wanted in block.text.casefold():
                    collecting, found = True, block.text.strip()
                continue
            if collecting and block.counted:
                toks.extend(tokens(block.text, counter))
    if found is None:
        raise UsageError(f'--explain: no heading containing "{heading}"')
    excluded = [{"text": b.text, "reason": f"{b.origin or 'not counted'} (not counted)", "location": _loc_dict(b.loc)}
                for d in documents for b in d.blocks if not b.counted]
    return {"section": found, "words": len(toks), "tokens": toks, "excluded": excluded}


def _print_counts(data: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    table = Table(box=None, header_style="bold")
    table.add_column("section", overflow="fold")
    table.add_column("words", justify="right")
    table.add_column("where", overflow="fold", style="dim")
    for row in data["sections"]:
        name = row.get("id") or row.get("heading")
        if row.get("title") and row.get("id") != "unassigned":
            name = f"{row['title']} ({row['id']})"
        where = _where(row["location"])
        extra = f" (+{row['excluded_words']} not counted)" if row.get("excluded_words") else ""
        style = "bold red" if row.get("id") == "unassigned" else None
        table.add_row(name, f"{row['words']}{extra}", where, style=style)
    console.print(table)
    console.print(f"[bold]total[/bold]: {data['total']} words ({data['counter']} counter) in {len(data['files'])} file(s)")
    for item in data["unreadable"]:
        console.print(f"[red]could not read {item['file']}: {item['reason']}[/red]")
    if "explain" in data:
        ex = data["explain"]
        for path, engine in ex.get("engines", {}).items():
            console.print(f"{Path(path).name} read with {engine}", markup=False, style="dim")
        console.print(f"\n[bold]{ex['section']}[/bold]: {ex['words']} words counted:")
        console.print(" ".join(f"[{i + 1}]{t}" for i, t in enumerate(ex["tokens"])), soft_wrap=True, markup=False)
        if ex["excluded"]:
            console.print("\n[bold]not counted[/bold]:")
            for e in ex["excluded"]:
                console.print(f"  - {e['reason']}: {' '.join(e['text'].split())[:120]!r} ({_where(e['location'])})", markup=False)


def _where(loc: dict | None) -> str:
    if not loc:
        return ""
    from mccheck.document import Location

    return str(Location(Path(loc["file"]).name, loc.get("page"), loc.get("line")))


@app.command()
def sections(
    paths: list[str] = typer.Argument(..., help="Draft files or a submission folder.", show_default=False),
    credential: str = typer.Option(None, "--credential", "-c", help="Credential id or spec path."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    max_file_size: float = typer.Option(None, "--max-file-size", help="Largest file to read, in MB (default 100)."),
    timeout: float = typer.Option(None, "--timeout", help=TIMEOUT_HELP),
) -> None:
    """Show how a draft was split into the credential's sections, and any text left unassigned."""
    from mccheck.engine import analyse

    if fmt not in ("text", "json"):
        raise UsageError(f'--format must be text or json, not "{fmt}"')
    sub, single = _submission(paths)
    spec = load_credential_for(credential, sub)
    prepared = analyse(sub, spec, policy_for(sub), read_limits(max_file_size, timeout), single=single)
    rows = []
    for section in spec.sections:
        text = prepared.seg.sections[section.id]
        counted = text.counted_blocks
        rows.append({
            "id": section.id,
            "title": section.title,
            "matched_by": text.matched_by or None,
            "present": text.present,
            "words": prepared.counts[section.id].words,
            "first_words": " ".join(" ".join(b.text for b in counted[:2]).split()[:10]),
            "from": _loc_dict(text.blocks[0].loc) if text.blocks else None,
            "to": _loc_dict(text.blocks[-1].loc) if text.blocks else None,
            "copied_prompts": list(text.copied_prompts),
        })
    unassigned = [
        {"text": " ".join(b.text.split()[:12]), "location": _loc_dict(b.loc), "kind": b.kind}
        for b in prepared.seg.unassigned if b.counted and b.text.strip()
    ]
    data = {"credential": spec.id, "files": [d.path for d in prepared.documents], "sections": rows, "unassigned": unassigned}
    if fmt == "json":
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        raise typer.Exit(0)
    from rich.console import Console

    console = Console(highlight=False)
    for row in rows:
        if row["present"]:
            span = _where(row["from"]) + (f" → {_where(row['to'])}" if row["to"] != row["from"] else "")
            console.print(f"[green]✓[/green] [bold]{row['id']}[/bold] ({row['words']} words) {span}", markup=True)
            console.print(f"    matched by {row['matched_by'] or 'position'}", markup=False, style="dim")
            console.print(f"    “{row['first_words']} …”", markup=False)
        else:
            console.print(f"[red]✗[/red] [bold]{row['id']}[/bold]: nothing found ({row['title']})")
    if unassigned:
        console.print(f"\n[bold red]UNASSIGNED: {len(unassigned)} block(s) match no section and are not counted anywhere:[/bold red]")
        for u in unassigned[:30]:
            console.print(f"  {_where(u['location'])}: “{u['text']} …”", markup=False)
        console.print("Add a heading naming the section above this text, or map it in mccheck.yaml (sections:).")
    else:
        console.print("\nAll text was assigned to a section.")
    raise typer.Exit(0)

"""`mccheck count` (words per heading or per credential section) and `mccheck sections` (the mapping)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from mccheck.cli import app
from mccheck.cli.common import (
    FOLLOW_SYMLINKS,
    PATHS_METAVAR,
    TIMEOUT_HELP,
    complete_credential,
    load_credential_for,
    make_console,
    policy_for,
    read_limits,
)
from mccheck.errors import UsageError
from mccheck.safe_text import printable_fields, to_json


STDIN = "-"  # as a path: the draft is read from standard input
_STDIN_NAME = "<stdin>"


def _submission(paths: list[str], follow_symlinks: bool = False):
    """All given paths as one set of files (count and sections look at one draft or folder)."""
    from mccheck.discover import Submission, cwd_config, discover

    if paths == [STDIN]:
        # Pasted text has no folder: the mccheck.yaml found upward from here names the credential.
        return Submission(Path("."), (Path(STDIN),), cwd_config(), is_folder=False), [], True
    if STDIN in paths:
        raise UsageError("- (standard input) cannot be combined with other paths")
    from dataclasses import replace

    named = [Path(p) for p in paths]  # taken as str: typer would import pydantic to coerce Path
    # Count what was named, not the submission around it.
    subs = discover(named, file_only=True, follow_symlinks=follow_symlinks)
    first = subs[0]
    if len(subs) > 1:  # several paths: one submission of all their files
        first = replace(
            first,
            files=tuple(f for s in subs for f in s.files),
            skipped=tuple(x for s in subs for x in s.skipped),
            other_files=tuple(x for s in subs for x in s.other_files),
        )
    return first, list(first.files), len(named) == 1 and not named[0].is_dir()


def _read_stdin(limits):
    """The draft piped in (``pbpaste | mccheck count -``), read as markdown text."""
    from mccheck.errors import InputError
    from mccheck.readers.markdown import from_bytes

    if sys.stdin is None or sys.stdin.isatty():
        print("mccheck: reading the draft from standard input; end it with Ctrl-D", file=sys.stderr)
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(limits.max_text_bytes + 1) if stream is not None else b""
    if len(data) > limits.max_text_bytes:
        raise InputError(STDIN, f"is more than {limits.max_text_bytes:,} bytes of text; raise the limit with --max-file-size")
    return from_bytes(data, Path(_STDIN_NAME))


def _section_id(choices: dict[str, str], value: str, option: str) -> str:
    """The section id for what the user typed: an id, or a title (any case); else a did-you-mean."""
    if value in choices:
        return value
    by_title = {title.casefold(): sid for sid, title in choices.items()}
    if value.casefold() in by_title:
        return by_title[value.casefold()]
    import difflib

    close = difflib.get_close_matches(value, list(choices), n=1)
    hint = f' (did you mean "{close[0]}"?)' if close else ""
    raise UsageError(f'{option}: no section "{value}"{hint}')


def _loc_dict(loc) -> dict | None:
    return loc.to_dict() if loc else None


@app.command()
def count(
    paths: list[str] = typer.Argument(
        ..., metavar=PATHS_METAVAR, show_default=False,
        help="Draft files or a submission folder; - reads a draft from standard input (pasted text).",
    ),
    credential: str | None = typer.Option(
        None, "--credential", "-c", metavar="ID", autocompletion=complete_credential,
        help="Count per section of this credential.",
    ),
    only_section: str | None = typer.Option(
        None, "--section", "-s", metavar="SECTION",
        help="Count only this section (id or heading); with -, the whole input is that section's text.",
    ),
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text or json."),
    counter: str = typer.Option(
        "word", "--counter", metavar="NAME", help="word (as Microsoft Word) or whitespace (as web forms)."
    ),
    explain: str | None = typer.Option(
        None, "--explain", metavar="SECTION",
        help="Show the counted tokens and the excluded text of one section (id or heading).",
    ),
    max_file_size: float | None = typer.Option(
        None, "--max-file-size", metavar="MB", help="Largest file to read, in MB (default 100)."
    ),
    timeout: float | None = typer.Option(None, "--timeout", metavar="SECONDS", help=TIMEOUT_HELP),
    follow_symlinks: bool = FOLLOW_SYMLINKS,
) -> None:
    """Count words: the total, and per heading (or per credential section with --credential)."""
    from mccheck.context import Inventory, Policy
    from mccheck.counting import count_words, get_counter
    from mccheck.engine import analyse_inventory, inventory

    if fmt not in ("text", "json"):
        raise UsageError(f'--format must be text or json, not "{fmt}"')
    get_counter(counter)
    limits = read_limits(max_file_size, timeout)
    sub, files, single = _submission(paths, follow_symlinks)
    # The same inventory `check` builds; pasted text is one document without a folder.
    inv = inventory(sub, limits, single) if files else Inventory(None, (_read_stdin(limits),))
    documents, unreadable = inv.documents, list(inv.unreadable)
    if credential or (sub.config and sub.config.credential):
        spec = load_credential_for(credential, sub)
        overrides = dict(sub.config.section_map if sub.config else {})
        only = _section_id({s.id: s.title for s in spec.sections}, only_section, "--section") if only_section else None
        if only and not files:
            overrides[_STDIN_NAME] = only  # pasted text is the text of that one section
        prepared = analyse_inventory(inv, spec, Policy(counter=counter, sections=overrides))
        rows = []
        for section in spec.sections:
            if only and section.id != only:
                continue
            text = prepared.seg.sections[section.id]
            c = prepared.counts[section.id]
            loc = c.counted[0][0].loc if c.counted else (text.blocks[0].loc if text.blocks else None)
            rows.append({"id": section.id, "title": section.title, "words": c.words, "location": _loc_dict(loc),
                         "excluded_words": sum(count_words(e.text, counter) for e in c.excluded if e.block.counted),
                         "limit": section.limits.describe() if section.limits else None})
        unassigned = [b for b in prepared.seg.unassigned if b.counted]
        if unassigned and not only:
            rows.append({"id": "unassigned", "title": "text matching no section",
                         "words": sum(count_words(b.text, counter) for b in unassigned),
                         "location": _loc_dict(unassigned[0].loc), "excluded_words": 0})
        explained = _explain_section(prepared, explain, counter) if explain else None
    else:
        if only_section:
            raise UsageError("--section needs a credential: pass --credential ID (or run it in a submission folder)")
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
        sys.stdout.write(to_json(data))
    else:
        _print_counts(printable_fields(data))
    raise typer.Exit(0)


def _per_heading(documents, counter: str) -> list[dict]:
    from mccheck.counting import count_words

    rows: list[dict] = []
    for doc in documents:
        current: dict[str, Any] = {"heading": "(before the first heading)", "words": 0, "location": {"file": doc.path, "page": None, "line": None}}
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
    """Every decision that changed the count: what was left out and why, which of the
    teacher's own sub-headings were counted (as Word counts them), which answers were split
    from the question they ran into, and how each file was read."""
    section_id = _section_id({sid: sid for sid in prepared.counts}, section_id, "--explain")
    c = prepared.counts[section_id]
    text = prepared.seg.sections[section_id]
    own = [b for b, r in zip(text.blocks, text.roles) if r == "subheading" and b.counted]
    run_in = [b for b, r in zip(text.blocks, text.roles) if r == "answer" and b.run_in]
    files = {b.loc.file for b in text.blocks}
    return {
        "section": section_id,
        "words": c.words,
        "prose_words": c.prose_words,
        "tokens": c.tokens(counter),
        "excluded": [{"text": e.text, "reason": e.reason, "location": _loc_dict(e.block.loc)} for e in c.excluded],
        "counted_subheadings": [{"text": b.text, "location": _loc_dict(b.loc)} for b in own],
        "split_from_a_question": [{"text": b.text, "location": _loc_dict(b.loc)} for b in run_in],
        "matched_by": text.matched_by,
        "engines": {d.path: d.engine for d in prepared.documents if d.path in files and d.engine},
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
    """``data``'s text already made printable; file names and headings are escaped as markup too."""
    from rich.markup import escape
    from rich.table import Table

    console = make_console()
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
        extra += f", limit {row['limit']}" if row.get("limit") else ""
        style = "bold red" if row.get("id") == "unassigned" else None
        table.add_row(escape(name), f"{row['words']}{extra}", escape(where), style=style)
    console.print(table)
    console.print(f"[bold]total[/bold]: {data['total']} words ({data['counter']} counter) in {len(data['files'])} file(s)")
    for item in data["unreadable"]:
        console.print(f"could not read {item['file']}: {item['reason']}", style="red", markup=False)
    if "explain" in data:
        ex = data["explain"]
        for path, engine in ex.get("engines", {}).items():
            console.print(f"{Path(path).name} read with {engine}", markup=False, style="dim")
        console.print(f"\n[bold]{escape(ex['section'])}[/bold]: {ex['words']} words counted:")
        console.print(" ".join(f"[{i + 1}]{t}" for i, t in enumerate(ex["tokens"])), soft_wrap=True, markup=False)
        if ex.get("matched_by"):
            console.print(f"found by: {ex['matched_by']}", markup=False, style="dim")
        if ex["excluded"]:
            console.print("\n[bold]not counted[/bold]:")
            for e in ex["excluded"]:
                console.print(f"  - {e['reason']}: {' '.join(e['text'].split())[:120]!r} ({_where(e['location'])})", markup=False)
        if ex.get("counted_subheadings"):
            console.print(f"\n[bold]your own sub-headings, counted[/bold] (as Word counts them; "
                          f"{ex['prose_words']} words without them):")
            for e in ex["counted_subheadings"]:
                console.print(f"  - {' '.join(e['text'].split())[:120]!r} ({_where(e['location'])})", markup=False)
        if ex.get("split_from_a_question"):
            console.print("\n[bold]answers that ran into a copied question[/bold] (the question is not counted, the answer is):")
            for e in ex["split_from_a_question"]:
                console.print(f"  - {' '.join(e['text'].split())[:120]!r} ({_where(e['location'])})", markup=False)


def _where(loc: dict | None) -> str:
    if not loc:
        return ""
    from mccheck.document import Location

    return str(Location(Path(loc["file"]).name, loc.get("page"), loc.get("line")))


@app.command()
def sections(
    paths: list[str] = typer.Argument(..., metavar=PATHS_METAVAR, help="Draft files or a submission folder.", show_default=False),
    credential: str | None = typer.Option(
        None, "--credential", "-c", metavar="ID", autocompletion=complete_credential, help="Credential id or spec path."
    ),
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text or json."),
    max_file_size: float | None = typer.Option(
        None, "--max-file-size", metavar="MB", help="Largest file to read, in MB (default 100)."
    ),
    timeout: float | None = typer.Option(None, "--timeout", metavar="SECONDS", help=TIMEOUT_HELP),
    follow_symlinks: bool = FOLLOW_SYMLINKS,
) -> None:
    """Show how a draft was split into the credential's sections, and any text left unassigned."""
    from mccheck.engine import analyse

    if fmt not in ("text", "json"):
        raise UsageError(f'--format must be text or json, not "{fmt}"')
    sub, files, single = _submission(paths, follow_symlinks)
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
        sys.stdout.write(to_json(data))
        raise typer.Exit(0)
    from rich.markup import escape

    rows, unassigned = printable_fields(rows), printable_fields(unassigned)
    console = make_console()
    for row in rows:
        if row["present"]:
            span = _where(row["from"]) + (f" → {_where(row['to'])}" if row["to"] != row["from"] else "")
            console.print(f"[green]✓[/green] [bold]{row['id']}[/bold] ({row['words']} words) {escape(span)}", markup=True)
            console.print(f"    matched by {row['matched_by'] or 'position'}", markup=False, style="dim")
            console.print(f"    “{row['first_words']} …”", markup=False)
        else:
            console.print(f"[red]✗[/red] [bold]{row['id']}[/bold]: nothing found ({escape(row['title'])})")
    if unassigned:
        console.print(f"\n[bold red]UNASSIGNED: {len(unassigned)} block(s) match no section and are not counted anywhere:[/bold red]")
        for u in unassigned[:30]:
            console.print(f"  {_where(u['location'])}: “{u['text']} …”", markup=False)
        console.print("Add a heading naming the section above this text, or map it in mccheck.yaml (sections:).")
    else:
        console.print("\nAll text was assigned to a section.")
    raise typer.Exit(0)

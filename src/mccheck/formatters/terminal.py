"""The teacher's report: verdict, word gauges per part, findings with next steps, rubric checklist."""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Sequence

from mccheck.report import Report, SectionResult

_STATUS_STYLE = {
    "ok": "green", "over": "red", "under": "red", "missing": "red", "incomplete": "red",
    "warning": "yellow", "not-required": "dim",
}
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_SEVERITY_MARK = {"error": "✗", "warning": "!", "info": "i"}


def render(
    reports: Sequence[Report],
    width: int | None = None,
    color: bool | None = None,
    **_: object,
) -> str:
    from rich.console import Console

    if color is None:
        # Colour only for a person at a terminal; NO_COLOR (no-color.org) and FORCE_COLOR win.
        color = bool(os.environ.get("FORCE_COLOR")) or (sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    width = width or shutil.get_terminal_size((100, 24)).columns
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(40, width),
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
    )
    for number, report in enumerate(reports):
        if number:
            console.rule()
        _one(console, report)
    if len(reports) > 1:
        ready = sum(r.ready for r in reports)
        console.rule("Summary")
        console.print(f"{ready} of {len(reports)} submissions ready; {len(reports) - ready} not ready.")
    return buffer.getvalue()


def _one(console, report: Report) -> None:
    from rich.table import Table
    from rich.text import Text

    blocking = report.blocking
    verdict = Text()
    if report.ready:
        verdict.append("READY", style="bold green")
        verdict.append(f"  {report.credential_title}: no blocking problems")
    else:
        verdict.append("NOT READY", style="bold red")
        n = len(blocking)
        verdict.append(f"  {report.credential_title}: {n} blocking problem{'s' if n != 1 else ''}")
    console.print(verdict)
    console.print(Text(f"checked: {', '.join(report.paths)}", style="dim"), overflow="fold")
    narrow = console.width < 70

    parts: dict[str, list[SectionResult]] = {}
    for s in report.sections:
        parts.setdefault(s.part, []).append(s)
    table = Table(show_header=True, header_style="bold", expand=False, pad_edge=False, box=None)
    table.add_column("section", overflow="fold")
    table.add_column("words", justify="right")
    table.add_column("limit", overflow="fold")
    if not narrow:
        table.add_column("", no_wrap=True)
    for sections in parts.values():
        if sections[0].part_title:
            # One group per part, titled: the issuer's parts are how teachers plan.
            table.add_row(Text(sections[0].part_title, style="bold"), *[""] * (len(table.columns) - 1))
        for s in sections:
            style = _STATUS_STYLE.get(s.status, "")
            row = [
                Text(s.section_id if narrow else f"  {s.title}  ({s.section_id})"),
                Text(str(s.words) if s.present else "—", style=style),
                Text(s.limit.short() if s.limit else ""),
            ]
            if not narrow:
                row.append(_gauge(s, style))
            table.add_row(*row)
    console.print()
    console.print(table)

    shown = [f for f in report.findings if f.severity != "info" or len(report.findings) < 30]
    if shown:
        console.print()
        console.print(Text("What to fix", style="bold"))
        by_section: dict[str | None, list] = {}
        for f in shown:
            by_section.setdefault(f.section, []).append(f)
        titles = {s.section_id: s.title for s in report.sections}
        for section_id, items in by_section.items():
            console.print(Text(titles.get(section_id, section_id) if section_id else "Submission", style="underline"))
            for f in items:
                line = Text("  ")
                line.append(f"{_SEVERITY_MARK[f.severity]} ", style=_SEVERITY_STYLE[f.severity])
                line.append(f.message)
                line.append(f"  [{f.check}]", style="dim")
                console.print(line, overflow="fold")
                detail = Text("      → ", style="dim")
                detail.append(f.next_step)
                if f.loc:
                    detail.append(f"  ({f.loc})", style="dim")
                console.print(detail, overflow="fold")

    if report.rubric:
        console.print()
        console.print(Text("Rubric checklist", style="bold"))
        current = None
        for item in report.rubric:
            if item.criterion != current:
                current = item.criterion
                console.print(Text(f"{item.title} — aim: {item.level}", style="underline"))
            if item.verified:
                mark, style = ("✓", "green") if item.passed else ("✗", "red")
                console.print(Text(f"  {mark} {item.text}", style=style), overflow="fold")
            else:
                console.print(Text(f"  ? Ask yourself: {item.text}", style="dim"), overflow="fold")


def _gauge(s: SectionResult, style: str, width: int = 20):
    from rich.text import Text

    if s.limit is None or not s.present:
        return Text("")
    top = s.limit.max or s.limit.min or 1
    filled = min(width, round(width * s.words / top))
    bar = Text("█" * filled, style=style)
    bar.append("░" * (width - filled), style="dim")
    if s.words > top and s.limit.max:
        bar.append(" +" + str(s.words - top), style="red")
    return bar

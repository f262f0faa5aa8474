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


# Wide enough that no line of a report is ever wrapped when it goes to a file, pipe or CI log.
UNWRAPPED = 100_000
_RULE_WIDTH = 100


def prepare() -> None:
    import rich.console  # noqa: F401
    import rich.table  # noqa: F401
    import rich.text  # noqa: F401


def render(
    reports: Sequence[Report],
    width: int | None = None,
    color: bool | None = None,
    tty: bool | None = None,
    quiet: bool = False,
    **_: object,
) -> str:
    """The report as text. ``tty``: it goes to a terminal (default: stdout is one), so it may
    be coloured and wrapped to the screen; otherwise every line stays whole for grep and CI logs.
    ``quiet``: the verdict and the blocking findings only."""
    from rich.console import Console
    from rich.text import Text

    tty = sys.stdout.isatty() if tty is None else tty
    if color is None:
        color = use_color(tty)
    screen = shutil.get_terminal_size((_RULE_WIDTH, 24))
    width = width or (screen.columns if tty else UNWRAPPED)
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
        if number and not quiet:
            _rule(console)
        if quiet:
            _quiet(console, report)
        else:
            _one(console, report, tty)
    if len(reports) > 1:
        # A batch ends with every submission's verdict, so the last screen answers "which?".
        if not quiet:
            _rule(console, "Summary")
            _batch_table(console, reports)
        ready = sum(r.ready for r in reports)
        console.print(Text(f"{ready} of {len(reports)} submissions ready; {len(reports) - ready} not ready.", "bold"))
    elif reports and _lines(buffer) > screen.lines:
        # Longer than a screen: the verdict at the top has scrolled away, so it comes again.
        console.print()
        console.print(_verdict(reports[0]))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _lines(buffer: io.StringIO) -> int:
    return buffer.getvalue().count("\n")


def use_color(tty: bool) -> bool:
    """Colour for a person at a terminal. NO_COLOR (no-color.org) wins, then FORCE_COLOR
    (force-color.org); a dumb terminal (TERM=dumb, Emacs shells) gets none."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return tty and os.environ.get("TERM") != "dumb"


def _rule(console, title: str = "") -> None:
    from rich.rule import Rule

    console.print(Rule(title), width=min(console.width, _RULE_WIDTH))


def _verdict(report: Report):
    from rich.text import Text

    verdict = Text()
    if report.ready:
        verdict.append("READY", style="bold green")
        verdict.append(f"  {report.credential_title}: no blocking problems")
    else:
        n = len(report.blocking)
        verdict.append("NOT READY", style="bold red")
        verdict.append(f"  {report.credential_title}: {n} blocking problem{'s' if n != 1 else ''}")
    return verdict


def _quiet(console, report: Report) -> None:
    verdict = _verdict(report)
    verdict.append(f"  ({', '.join(report.paths)})", style="dim")
    console.print(verdict, overflow="fold")
    for f in report.blocking:
        console.print(_finding_line(f), overflow="fold")


def _finding_line(f):
    """One finding on one line: what, what to do, where, and the check id."""
    from rich.text import Text

    line = Text("  ")
    line.append(f"{_SEVERITY_MARK[f.severity]} ", style=_SEVERITY_STYLE[f.severity])
    line.append(f.message)
    line.append(f" → {f.next_step}")
    if f.loc:
        line.append(f"  ({f.loc})", style="dim")
    line.append(f"  [{f.check}]", style="dim")
    return line


def _batch_table(console, reports: Sequence[Report]) -> None:
    """Every submission of a batch, ready or not, with its blocking count and first problem."""
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("submission", overflow="fold")
    table.add_column("verdict", no_wrap=True)
    table.add_column("blocking", justify="right")
    table.add_column("first problem", overflow="fold")
    for report in reports:
        blocking = report.blocking
        ready = report.ready
        first = blocking[0].message if blocking else ("" if report.files else "no files were checked")
        table.add_row(
            ", ".join(report.paths),
            Text("READY", style="green") if ready else Text("NOT READY", style="red"),
            str(len(blocking)),
            first,
        )
    console.print(table)


def _one(console, report: Report, tty: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(_verdict(report))
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
                if not tty:
                    console.print(_finding_line(f))
                    continue
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

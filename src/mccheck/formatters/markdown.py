"""Markdown report, to paste into a pull request, an email or a GitHub job summary."""

from __future__ import annotations

from collections.abc import Sequence

from mccheck.document import Location
from mccheck.report import Report, short_limit

_ICON = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render(reports: Sequence[Report], **_: object) -> str:
    out: list[str] = []
    for report in reports:
        data = report.to_dict()
        verdict = "READY" if data["ready"] else f"NOT READY ({data['summary']['blocking']} blocking)"
        out.append(f"## {'✅' if data['ready'] else '❌'} {verdict}: {_cell(report.credential_title)}\n")
        out.append(f"Checked: {', '.join(f'`{p}`' for p in report.paths)}\n")
        out.append("| section | words | limit | status |")
        out.append("|---|---:|---|---|")
        for s in data["sections"]:
            lim = s["limits"]
            limit = short_limit(lim["min"], lim["max"], lim["hard"])
            words = s["words"] if s["present"] else "—"
            out.append(f"| {_cell(s['title'])} (`{s['id']}`) | {words} | {limit} | {s['status']} |")
        out.append("")
        if data["findings"]:
            out.append("### What to fix\n")
            for f in data["findings"]:
                loc = f["location"]
                where = ""
                if loc:
                    where = f" — _{_cell(Location(**loc))}_"
                section = f" `{f['section']}`" if f["section"] else ""
                out.append(f"- {_ICON[f['severity']]} **{f['id']}**{section}: {_cell(f['message'])}{where}  ")
                out.append(f"  → {_cell(f['next_step'])}")
            out.append("")
        if data["rubric"]:
            out.append("### Rubric checklist\n")
            for item in data["rubric"]:
                if item["verified"]:
                    box = "x" if item["passed"] else " "
                    out.append(f"- [{box}] {_cell(item['title'])} ({item['level']}): {_cell(item['text'])}")
                else:
                    out.append(f"- [ ] {_cell(item['title'])} ({item['level']}): _ask yourself:_ {_cell(item['text'])}")
            out.append("")
    if len(reports) > 1:
        ready = sum(r.ready for r in reports)
        out.append(f"**{ready} of {len(reports)} submissions ready.**\n")
    return "\n".join(out)

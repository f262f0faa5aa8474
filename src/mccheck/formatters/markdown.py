"""Markdown report, to paste into a pull request, an email or a GitHub job summary.

A batch opens with an overview table of every submission; the full reports follow. With
``max_bytes`` (GitHub caps a job summary at 1 MiB) the reports that do not fit are left
out with a line saying how many, and the overview table is cut last.
"""

from __future__ import annotations

from collections.abc import Sequence

from mccheck.document import Location
from mccheck.report import Report, short_limit

_ICON = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}
# GitHub refuses a job summary over 1 MiB; leave room for what other steps write.
SUMMARY_LIMIT = 1024 * 1024 - 64 * 1024


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render(reports: Sequence[Report], max_bytes: int | None = None, **_: object) -> str:
    data = [r.to_dict() for r in reports]
    budget = _Budget(max_bytes)
    chunks: list[str] = []
    if len(data) > 1:
        ready = sum(d["ready"] for d in data)
        chunks.append(budget.take(f"## mccheck: {ready} of {len(data)} submissions ready\n"))
        firsts = [next(iter(r.blocking), None) for r in reports]
        chunks.append(budget.take(_overview(data, [f.message if f else "" for f in firsts], budget)))
    for number, item in enumerate(data):
        text = _report(item)
        if not budget.fits(text):
            chunks.append(f"_{len(data) - number} more report(s) left out to keep the job summary under "
                          "GitHub's 1 MiB limit: see the JSON or SARIF report._\n")
            break
        chunks.append(budget.take(text))
    if len(data) > 1:
        chunks.append(f"**{sum(d['ready'] for d in data)} of {len(data)} submissions ready.**\n")
    return "\n".join(chunks)


class _Budget:
    """Bytes left for the report; None: no limit. Room is kept for the closing lines."""

    _RESERVE = 400

    def __init__(self, max_bytes: int | None):
        self.left = None if max_bytes is None else max_bytes - self._RESERVE

    def fits(self, text: str) -> bool:
        return self.left is None or len(text.encode("utf-8")) < self.left

    def take(self, text: str) -> str:
        if self.left is not None:
            self.left -= len(text.encode("utf-8")) + 1
        return text


def _overview(data: list[dict], first_problems: list[str], budget: _Budget) -> str:
    """One row per submission, the not-ready first: verdict, blocking count, first problem."""
    rows = ["| submission | verdict | blocking | first problem |", "|---|---|---:|---|"]
    order = sorted(range(len(data)), key=lambda i: data[i]["ready"])  # stable: path order within each
    size = sum(len(r.encode("utf-8")) + 1 for r in rows)
    for shown, i in enumerate(order):
        item = data[i]
        paths = ", ".join(f"`{_cell(p)}`" for p in item["paths"])
        verdict = "✅ ready" if item["ready"] else "❌ not ready"
        row = f"| {paths} | {verdict} | {item['summary']['blocking']} | {_cell(first_problems[i])} |"
        size += len(row.encode("utf-8")) + 1
        if budget.left is not None and size > budget.left:
            rows.append(f"| _{len(order) - shown} more submission(s) not shown_ | | | |")
            break
        rows.append(row)
    return "\n".join(rows) + "\n"


def _report(data: dict) -> str:
    out: list[str] = []
    verdict = "READY" if data["ready"] else f"NOT READY ({data['summary']['blocking']} blocking)"
    out.append(f"## {'✅' if data['ready'] else '❌'} {verdict}: {_cell(data['credential_title'])}\n")
    out.append(f"Checked: {', '.join(f'`{p}`' for p in data['paths'])}\n")
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
            where = f" — _{_cell(Location(**loc))}_" if loc else ""
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
    return "\n".join(out)

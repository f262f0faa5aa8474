"""missing-section: a required section has no content.

A section counts as present when at least one of the teacher's own lines (not a
copied prompt or heading) was mapped to it. When a file named for the section is in
the folder but could not be read or was skipped (an old .doc, a broken link), the
finding says so and gives that file's fix instead of "add a file".

Passes:
    # Part 3. Reflection
    This work changed how our team plans lessons: ...
Fails:
    # Part 3. Reflection
    (nothing written under the heading, or no such heading at all)
    -> Reflection: missing; write the Reflection section under a heading that names it
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from mccheck.analysis.segment import SectionText, section_named_by
from mccheck.context import Context
from mccheck.report import Finding, Severity

ID = "missing-section"
SCOPE = "section"


def check(ctx: Context, text: SectionText) -> Iterator[Finding]:
    if text.present:
        return
    section = ctx.spec.section(text.section_id)
    severity: Severity = "error" if section.required else "info"
    heading = text.blocks[0] if text.blocks else None
    data = {"section": section.id}
    if heading is not None:
        yield Finding(
            ID, severity, f"{section.title}: the heading is there but no answer follows it",
            f"write your answer under '{heading.text.strip()[:60]}'", section.id, heading.loc, code="empty", data=data,
        )
        return
    left_out = _left_out_file(ctx, section.id)
    if left_out is not None:
        path, reason = left_out
        yield Finding(
            ID, severity, f"{section.title}: not read, because {Path(path).name} {reason}",
            f"fix {Path(path).name} as that says, then check again", section.id, None,
            code="file-not-read", data={**data, "file": path, "reason": reason},
        )
        return
    if section.upload:
        step = f"add a file named like '{_label(section)} {section.title}' or a heading '{section.title}'"
    else:
        step = f"add a heading '{_label(section)} {section.title}'".replace("  ", " ") + " followed by your answer"
    yield Finding(ID, severity, f"{section.title}: not found in the submission", step, section.id, None,
                  code="missing", data=data)


def _left_out_file(ctx: Context, section_id: str) -> tuple[str, str] | None:
    """A skipped or unreadable file whose name names this section."""
    inv = ctx.inventory
    for path, reason in (*inv.unreadable, *inv.skipped):
        if section_named_by(path, ctx.spec, ctx.policy.sections) == section_id:
            return path, reason
    return None


def _label(section) -> str:
    return section.numbering[0] if section.numbering else ""

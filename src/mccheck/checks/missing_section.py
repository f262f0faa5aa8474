"""missing-section: a required section has no content.

A section counts as present when at least one of the teacher's own lines (not a
copied prompt or heading) was mapped to it.

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

from mccheck.context import Context
from mccheck.report import Finding
from mccheck.segment import SectionText

ID = "missing-section"
SCOPE = "section"


def check(ctx: Context, text: SectionText) -> Iterator[Finding]:
    if text.present:
        return
    section = ctx.spec.section(text.section_id)
    heading = text.blocks[0] if text.blocks else None
    if heading is not None:
        message = f"{section.title}: the heading is there but no answer follows it"
        step = f"write your answer under '{heading.text.strip()[:60]}'"
    elif section.upload:
        message = f"{section.title}: not found in the submission"
        step = f"add a file named like '{_label(section)} {section.title}' or a heading '{section.title}'"
    else:
        message = f"{section.title}: not found in the submission"
        step = f"add a heading '{_label(section)} {section.title}'".replace("  ", " ") + " followed by your answer"
    yield Finding(
        ID,
        "error" if section.required else "info",
        message,
        step,
        section.id,
        heading.loc if heading else None,
    )


def _label(section) -> str:
    return section.numbering[0] if section.numbering else ""

"""missing-element: a required element is absent or under-counted.

Examples: fewer than 3 mission statements; fewer than 5 stakeholder roles, or a
role whose answers miss questions; an action-plan suggestion without a
Timeline; a shared-purpose document without its values; an essential outcome
with no evidence reference.

Passes:
    # Artifact 1. Comparable Mission Statements
    Mission statement 1: "..."   Mission statement 2: "..."   Mission statement 3: "..."
Fails:
    # Artifact 1. Comparable Mission Statements
    Mission statement 1: "..."   Mission statement 2: "..."
    -> 2 of 3 mission statements found; add 1 more, each starting with a label
"""

from __future__ import annotations

from collections.abc import Iterator

from mccheck.context import Context
from mccheck.elements import evaluate
from mccheck.report import Finding
from mccheck.segment import SectionText

ID = "missing-element"
SCOPE = "section"


def check(ctx: Context, text: SectionText) -> Iterator[Finding]:
    section = ctx.spec.section(text.section_id)
    if not text.present:
        return  # missing-section already says so
    for element in section.elements:
        result = evaluate(element, section, text)
        for gap in result.gaps:
            yield Finding(ID, "error", gap.message, gap.next_step, section.id, gap.loc)

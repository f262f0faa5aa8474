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

from mccheck.analysis.segment import SectionText
from mccheck.context import Context
from mccheck.report import Finding

ID = "missing-element"
SCOPE = "section"


def check(ctx: Context, text: SectionText) -> Iterator[Finding]:
    section = ctx.spec.section(text.section_id)
    if not text.present:
        return  # missing-section already says so
    for element in section.elements:
        result = ctx.elements.get((section.id, element.id))
        if result is None:
            continue
        for gap in result.gaps:
            data = {"element": element.id, "kind": element.kind, "inferred": element.inferred, **gap.data}
            yield Finding(ID, "error", gap.message, gap.next_step, section.id, gap.loc, code=gap.code or "missing", data=data)

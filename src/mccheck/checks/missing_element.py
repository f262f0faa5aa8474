"""missing-element: a required element is absent or under-counted.

Examples: fewer than 3 mission statements; fewer than 5 stakeholder roles, or a
question some roles did not answer; an action-plan suggestion without a Timeline;
a shared-purpose document without its values; an essential outcome with no
evidence. An element a recognised layout shows missing is an error; when nothing
recognisable was found ("no sign of ..."), or the spec only inferred the
requirement, it is a warning that says what mccheck looked for.

Passes:
    # Artifact 1. Comparable Mission Statements
    ## Riverbend School District
    > "Riverbend provides ..."   (and two more schools, each with its quoted statement)
Fails:
    # Artifact 1. Comparable Mission Statements
    ## Riverbend School District
    > "Riverbend provides ..."   (and one more school)
    -> 2 of 3 mission statements found
"""

from __future__ import annotations

from collections.abc import Iterator

from mccheck.analysis.segment import SectionText
from mccheck.checks.elements import owned_gaps
from mccheck.context import Context
from mccheck.report import Finding

ID = "missing-element"
SCOPE = "section"


def check(ctx: Context, text: SectionText) -> Iterator[Finding]:
    # Elements are evaluated only for sections with an answer: missing-section reports the rest.
    for section, element, gap in owned_gaps([ctx.spec.section(text.section_id)], ctx.elements, ID):
        data = {"element": element.id, "kind": element.kind, "inferred": element.inferred,
                "certain": gap.certain, **gap.data}
        yield Finding(ID, "error" if gap.certain else "warning", gap.message, gap.next_step, section.id, gap.loc,
                      code=gap.code or "missing", data=data)


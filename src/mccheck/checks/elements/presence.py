"""presence: every term of the element appears in the section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mccheck.checks.elements import ElementResult, Gap
from mccheck.checks.elements.common import first_loc, joined, term_patterns

if TYPE_CHECKING:
    from mccheck.segment import SectionText
    from mccheck.spec.models import Element, Section


def detect(element: Element, section: Section, text: SectionText) -> ElementResult:
    body = joined(text.blocks)
    found, gaps = [], []
    for term in element.terms:
        if any(p.search(body) for p in term_patterns(term)):
            found.append(term.name)
        else:
            gaps.append(
                Gap(
                    f"{section.title}: no sign of {term.name}",
                    f"add the {term.name} to {section.title}",
                    first_loc(text),
                )
            )
    summary = f"found {', '.join(found)}" if found else "none found"
    return ElementResult(not gaps, summary, tuple(gaps))

"""presence: every term of the element appears in the section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mccheck.checks.elements import ElementResult, Gap
from mccheck.checks.elements.common import first_loc, joined, term_patterns

if TYPE_CHECKING:
    from mccheck.analysis.segment import SectionText
    from mccheck.spec.models import Element, Section


def detect(element: Element, section: Section, text: SectionText) -> ElementResult:
    # Only the teacher's own words: a placeholder or a copied prompt naming the term is no sign of it.
    body = joined(text.counted_blocks)
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
                    code="term-missing",
                    data={"term": term.name},
                )
            )
    summary = f"found {', '.join(found)}" if found else "none found"
    return ElementResult(not gaps, summary, tuple(gaps), frozenset(found))

"""per-item-reference: each term (EO 1..5) cites an artifact with a page number or time stamp."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mccheck.checks.elements import ElementResult, Gap
from mccheck.checks.elements.common import (
    LOCATOR,
    chunks,
    first_loc,
    joined,
    label_hits,
)

if TYPE_CHECKING:
    from mccheck.analysis.segment import SectionText
    from mccheck.spec.models import Element, Section


def detect(element: Element, section: Section, text: SectionText) -> ElementResult:
    blocks = text.blocks
    mentions = label_hits(blocks, element.terms)
    by_start = dict(zip((i for i, _ in mentions), chunks(blocks, [i for i, _ in mentions])))
    gaps: list[Gap] = []
    ok_terms = []
    for term in element.terms:
        hits = [i for i, name in mentions if name == term.name]
        if not hits:
            gaps.append(
                Gap(
                    f"{section.title}: {term.name} is not addressed",
                    f"add a part labelled '{term.name}' that cites an artifact with a page number or time stamp",
                    first_loc(text),
                )
            )
            continue
        body = "\n".join(joined(by_start[i]) for i in hits)
        if LOCATOR.search(body):
            ok_terms.append(term.name)
        else:
            gaps.append(
                Gap(
                    f"{section.title}: {term.name} cites no page number or time stamp",
                    f"point the assessor to the evidence for {term.name} (e.g. 'Artifact B, p. 4' or 'video at 03:15')",
                    blocks[hits[0]].loc,
                )
            )
    return ElementResult(not gaps, f"{len(ok_terms)} of {len(element.terms)} with a located reference", tuple(gaps))

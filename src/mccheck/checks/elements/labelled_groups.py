"""labelled-groups: at least min distinct labels (roles) are used; with answers, each group answers every prompt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mccheck.checks.elements import ElementResult, Gap
from mccheck.checks.elements.common import (
    chunks,
    first_loc,
    label_hits,
    prompt_answered,
)

if TYPE_CHECKING:
    from mccheck.analysis.segment import SectionText
    from mccheck.spec.models import Element, Section


def detect(element: Element, section: Section, text: SectionText) -> ElementResult:
    blocks = text.blocks
    starts = label_hits(blocks, element.terms)
    groups = list(dict.fromkeys(name for _, name in starts))
    gaps: list[Gap] = []
    need = element.min or 0
    if len(groups) < need:
        missing = [t.name for t in element.terms if t.name not in groups]
        gaps.append(
            Gap(
                f"{section.title}: {len(groups)} of {need} {element.description} found"
                + (f" ({', '.join(groups)})" if groups else ""),
                f"add responses from {need - len(groups)} more group(s), each labelled by role "
                f"(e.g. {', '.join(missing[:3])})",
                first_loc(text),
            )
        )
    if element.answers and section.prompts and starts:
        parts = chunks(blocks, [i for i, _ in starts])
        for (i, name), chunk in zip(starts, parts):
            unanswered = [p for p in section.prompts if not prompt_answered(p, chunk)]
            if unanswered:
                gaps.append(
                    Gap(
                        f"{section.title}: the {name} response does not answer {len(unanswered)} "
                        f"of {len(section.prompts)} questions",
                        f"add the {name}'s answer to: {unanswered[0].text}",
                        blocks[i].loc,
                    )
                )
    found = f"{len(groups)} groups: {', '.join(groups)}" if groups else "no labelled groups found"
    return ElementResult(not gaps, found, tuple(gaps))

"""count: items introduced by the element's marker number between min and max."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mccheck.checks.elements import ElementResult, Gap
from mccheck.checks.elements.common import (
    compile_pattern,
    example_label,
    first_loc,
    head_text,
    is_label_block,
)

if TYPE_CHECKING:
    from mccheck.analysis.segment import SectionText
    from mccheck.document import Block
    from mccheck.spec.models import Element, Section


def item_starts(element: Element, blocks: tuple[Block, ...]) -> list[int]:
    marker = compile_pattern(element.marker or "")
    return [i for i, b in enumerate(blocks) if is_label_block(b, marker)]


def detect(element: Element, section: Section, text: SectionText) -> ElementResult:
    blocks = text.blocks
    starts = item_starts(element, blocks)
    # The same label repeated ("Mission statement 1" as heading and in a table) counts once.
    labels = list(dict.fromkeys(compile_pattern(element.marker or "").search(head_text(blocks[i])).group(0).casefold() for i in starts))
    n = len(labels)
    where = ", ".join(str(blocks[i].loc.page or blocks[i].loc.line or "") for i in starts[:6])
    found = f"{n} found" + (f" (at {where})" if where.strip(", ") else "")
    gaps = []
    if element.min is not None and n < element.min:
        gaps.append(
            Gap(
                f"{section.title}: {n} of {element.min} {element.description} found",
                f"add {element.min - n} more to {section.title}, each starting with a label such as "
                f"'{example_label(element)}'",
                first_loc(text),
            )
        )
    if element.max is not None and n > element.max:
        gaps.append(
            Gap(
                f"{section.title}: {n} {element.description} found, at most {element.max} expected",
                f"keep {element.max} and remove {n - element.max} from {section.title}",
                blocks[starts[element.max]].loc if len(starts) > element.max else first_loc(text),
            )
        )
    return ElementResult(not gaps, found, tuple(gaps))

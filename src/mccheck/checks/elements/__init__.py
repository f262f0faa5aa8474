"""Required elements of a section, one interpreter module per element kind.

Each interpreter reads the section's repeated units (``mccheck.analysis.items``) in
whatever layout the teacher used and returns an ``ElementResult``: whether the element
is satisfied, what was found (the evidence shown in the rubric checklist) and, for each
gap, a concrete next step with the numbers in ``data``. A gap is ``certain`` when a
recognised layout shows the element structurally missing (2 statements where 3 are
required, a suggestion without a Timeline row): an error. When nothing recognisable was
found it is a heuristic's doubt: a warning that says what mccheck looked for.

The engine evaluates every element once per submission (``evaluate_all``); the check
that ``owns`` a gap reports it (missing-element, or evidence-reference for a citation
without a locator), and the rubric reads the results.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mccheck.document import Location

if TYPE_CHECKING:
    from mccheck.analysis.segment import SectionText, Segmentation
    from mccheck.spec.records import Credential, Element, Section

_MODULES = {
    "presence": "presence",
    "count": "count",
    "labelled-groups": "labelled_groups",
    "items-with-fields": "items_with_fields",
    "per-item-reference": "per_item_reference",
}


@dataclass(frozen=True, slots=True)
class Gap:
    message: str
    next_step: str
    loc: Location | None = None
    code: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)
    certain: bool = True  # a recognised layout shows it missing (error); False: no sign of it (warning)
    owner: str = "missing-element"  # the check that reports it


@dataclass(frozen=True, slots=True)
class ElementResult:
    ok: bool
    found: str  # one line of evidence: "3 mission statements (p. 1, 2, 3)"
    gaps: tuple[Gap, ...] = ()
    terms_found: frozenset[str] = frozenset()  # which of the element's terms are there (a rubric row may name one)


def evaluate(element: Element, section: Section, text: SectionText) -> ElementResult:
    module = importlib.import_module(f"mccheck.checks.elements.{_MODULES[element.kind]}")
    return module.detect(element, section, text)


def owned_gaps(
    sections: Iterable[Section], results: Mapping[tuple[str, str], ElementResult], owner: str
) -> Iterator[tuple[Section, Element, Gap]]:
    """Every gap of these sections that the ``owner`` check reports, with its section and element."""
    for section in sections:
        for element in section.elements:
            result = results.get((section.id, element.id))
            for gap in result.gaps if result else ():
                if gap.owner == owner:
                    yield section, element, gap


def evaluate_all(spec: Credential, seg: Segmentation) -> dict[tuple[str, str], ElementResult]:
    """Every element of every section that has an answer (a missing section is reported once, as missing)."""
    results = {}
    for section in spec.sections:
        text = seg.sections[section.id]
        if not text.present:
            continue
        for element in section.elements:
            results[(section.id, element.id)] = evaluate(element, section, text)
    return results

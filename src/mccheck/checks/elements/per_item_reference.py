"""per-item-reference: each term (EO 1..5) points at its evidence with a locator.

An outcome's part is found as a heading or a label line starting with its label ("EO 3",
"Essential Outcome 3:"), running to the next outcome, or as a table row
("EO 1 | Artifact A, page 2 | ..."); failing both, the sentences that name it. Its
evidence is located when its text gives a page, pages, a slide or a time stamp or range.

What this element asks is whether each outcome points at located evidence. Whether a
cited file or page exists, and a citation ("Exhibit 4") given without its page, are the
evidence-reference check's: such a gap is handed to it, so one problem gives one finding.
An outcome with no part of its own while the others have one is missing (an error); when
no outcome label is found at all, a warning says what was looked for.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mccheck.analysis import items
from mccheck.analysis.labels import ATTACHMENT_KINDS, find
from mccheck.checks.elements import ElementResult, Gap
from mccheck.checks.elements.common import LOCATOR, first_loc, term_at_start, term_patterns

if TYPE_CHECKING:
    from mccheck.analysis.segment import SectionText
    from mccheck.document import Location
    from mccheck.spec.records import Element, Section

_SENTENCE = re.compile(r"[^.!?]*(?:[.!?]+|$)")
EVIDENCE_CHECK = "evidence-reference"


def detect(element: Element, section: Section, text: SectionText) -> ElementResult:
    section_lines = [line for line in items.lines(text) if line.role != "placeholder"]
    parts = _parts(element, section_lines)
    guessed = False
    if not parts:
        parts, guessed = _sentences(element, section_lines), True
    gaps: list[Gap] = []
    located = []
    for term in element.terms:
        found = parts.get(term.name)
        if found is None:
            if parts:
                why = "no sentence names it" if guessed else "the other outcomes have a part of their own"
                gaps.append(Gap(
                    f"{section.title}: {term.name} is not addressed ({why})",
                    f"add a part labelled '{term.name}' that cites an artifact with a page number or time stamp",
                    first_loc(text), code="item-missing", data={"item": term.name}, certain=not guessed))
            continue
        loc, body = found
        if LOCATOR.search(body):
            located.append(term.name)
            continue
        cited = [body[start:end] for label, start, end in find(body) if label.kind in ATTACHMENT_KINDS]
        if cited:
            gaps.append(Gap(
                f"{section.title}: {term.name} cites {cited[0]} without a page number or time stamp",
                f"guide the assessor to the evidence for {term.name}: add the page or time stamp "
                f"(e.g. '{cited[0]}, p. 2' or 'video at 03:15')",
                loc, code="no-locator", data={"item": term.name, "cited": cited[0]}, owner=EVIDENCE_CHECK))
        else:
            gaps.append(Gap(
                f"{section.title}: {term.name} has no located evidence (no artifact with a page number, slide "
                f"or time stamp)",
                f"cite the artifact that shows {term.name} and where in it (e.g. 'Artifact B, p. 4' or "
                f"'video at 03:15')",
                loc, code="no-evidence", data={"item": term.name}, certain=not guessed))
    if not parts:
        names = " … ".join(t.name for t in element.terms[:: max(1, len(element.terms) - 1)])
        gaps.append(Gap(
            f"{section.title}: no sign of {names} (mccheck looked for headings, label lines and table rows "
            f"starting with each label)",
            f"give each outcome a heading or a label line ('{element.terms[0].name}: ...') and cite its evidence "
            f"with a page number or time stamp",
            first_loc(text), code="none-found", certain=False))
    total = len(element.terms)
    return ElementResult(not gaps, f"{len(located)} of {total} with a located reference", tuple(gaps))


def _parts(element: Element, section_lines: list[items.Line]) -> dict[str, tuple[Location, str]]:
    """Each term's part: where it starts, and the teacher's text in it (copied questions left out)."""
    parts: dict[str, tuple[Location, list[str]]] = {}
    key = (lambda line: _named(element, line.text) if line.block.kind != "table" else None)
    for unit in items.units(section_lines, key, peers_close=False):
        texts = [unit.head.text]
        for line in unit.body:
            if line.block.kind == "table":
                texts.extend(_table_text(line))
            elif line.content or line.role == "heading":
                # A line the segmenter took for the section's heading inside an outcome's part
                # ("Evidence: Exhibit 4, ...") is still the teacher's pointer to the evidence.
                texts.append(line.text)
        for name in unit.key.split("\n"):
            parts.setdefault(name, (unit.head.loc, []))[1].extend(texts)
    for line in section_lines:
        if line.block.kind != "table":
            continue
        for row in line.block.rows:
            names = next(filter(None, (_named(element, c) for c in row[:2])), None)
            for name in names.split("\n") if names else ():
                parts.setdefault(name, (line.loc, []))[1].append(" | ".join(row))
    return {name: (loc, "\n".join(texts)) for name, (loc, texts) in parts.items()}


def _named(element: Element, text: str) -> str | None:
    """The outcomes a line opens with, joined by newlines: "EO 2" for "EO 2: ...", "EO 2\nEO 3"
    for a part that serves two ("EO 2 and EO 3")."""
    if term_at_start(element.terms, text) is None:
        return None
    head = text[:80]
    return "\n".join(t.name for t in element.terms if any(p.search(head) for p in term_patterns(t)))


def _table_text(line: items.Line) -> list[str]:
    return [" | ".join(row) for row in line.block.rows]


def _sentences(element: Element, section_lines: list[items.Line]) -> dict[str, tuple[Location, str]]:
    """A guess when no outcome has a part of its own: the sentences that name each one."""
    parts: dict[str, tuple[Location, list[str]]] = {}
    for line in section_lines:
        if not line.content:
            continue
        for sentence in _SENTENCE.findall(line.text):
            for term in element.terms:
                if any(p.search(sentence) for p in term_patterns(term)):
                    parts.setdefault(term.name, (line.loc, []))[1].append(sentence)
    return {name: (loc, "\n".join(texts)) for name, (loc, texts) in parts.items()}

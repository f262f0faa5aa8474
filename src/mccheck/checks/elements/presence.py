"""presence: every term of the element (mission, vision, values, goals, survey results) is there.

A component is there when the teacher wrote it: under its own sub-heading ("Core Values",
"Team Survey Results"), or named in the section's counted text. Placeholders, copied
questions, the headings that name the section and notes to self ("TODO: add the survey")
are never a sign of it. When the section gives its components their own sub-headings,
the layout is understood: a component whose sub-heading has only a placeholder under it,
or that has no part of its own, is missing (an error), unless a sub-heading of the same
look names no component ("Core Beliefs"): it may be there under another name, a warning
that asks. A bullet under another component's heading ("... on the spring survey" among
the goals) belongs to that component. In a section of plain prose a component nowhere
named is "no sign of" it: a warning, since a paraphrase cannot be ruled out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mccheck.analysis import items
from mccheck.checks.elements import ElementResult, Gap
from mccheck.checks.elements.common import Words, first_loc, mentions, names, quoted_names, short
from mccheck.placeholders import PATTERN, is_placeholder

if TYPE_CHECKING:
    from mccheck.analysis.segment import SectionText
    from mccheck.spec.records import Element, Section, Term


def detect(element: Element, section: Section, text: SectionText) -> ElementResult:
    section_lines = [line for line in items.lines(text) if not _note(line)]
    # Sub-headings naming one or a few components; one naming them all titles the section.
    own: dict[str, list[items.Unit]] = {t.name: [] for t in element.terms}
    for unit in items.units(section_lines, lambda line: _component_heading(element.terms, line)):
        for name in unit.key.split("\n"):
            own[name].append(unit)
    inside_other = {line.index for us in own.values() for u in us for line in u.body if line.block.kind == "list_item"}
    laid_out = sum(1 for us in own.values() if us) >= 2
    # Sub-headings that look like the components' but name none ("Core Beliefs"): a component
    # may be there under another name, so one without a part of its own is only a doubt.
    ranks = {u.head.rank for us in own.values() for u in us}
    others = [u.head.text for u in items.units(section_lines, lambda line: _other_part(element.terms, line, ranks))
              if u.key and any(True for _ in u.content())]
    free = Words("\n".join(line.text for line in section_lines
                           if line.content and not line.subheading and line.index not in inside_other))
    found: list[str] = []
    gaps: list[Gap] = []
    for term in element.terms:
        units = own[term.name]
        if any(True for u in units for _ in u.content()):
            found.append(term.name)
            continue
        if units:
            head = short(units[0].head.text)
            gaps.append(Gap(
                f"{section.title}: {term.name} missing: '{head}' has only placeholders or notes under it",
                f"write the {term.name} under '{head}'",
                units[0].head.loc, code="empty", data={"term": term.name}))
            continue
        if mentions(term, free):
            found.append(term.name)
        elif laid_out:
            parts = [n for n, us in own.items() if us]
            maybe = f"; is it under {quoted_names(others)}?" if others else ""
            gaps.append(Gap(
                f"{section.title}: {term.name} missing: the section has parts for {names(parts)}, "
                f"but none for {term.name}{maybe}",
                f"add a part for the {term.name} to {section.title}, with a sub-heading such as "
                f"'{term.name.title()}'",
                first_loc(text), code="term-missing", data={"term": term.name}, certain=not others))
        else:
            gaps.append(Gap(
                f"{section.title}: no sign of {term.name} (mccheck looked for a sub-heading or text naming it)",
                f"add the {term.name} to {section.title}; a sub-heading such as '{term.name.title()}' "
                f"makes it certain",
                first_loc(text), code="term-missing", data={"term": term.name}, certain=False))
    summary = f"found {', '.join(found)}" if found else "none found"
    return ElementResult(not gaps, summary, tuple(gaps), frozenset(found))


def _component_heading(terms: list[Term], line: items.Line) -> str | None:
    """The components a sub-heading names ("Values", "Mission and Vision"), joined by newlines.
    A heading naming most of them ("Mission, Vision, Values and Goals") titles the whole."""
    if not line.subheading:
        return None
    named = [t.name for t in terms if mentions(t, line.text)]
    return "\n".join(named) if 0 < len(named) <= max(1, len(terms) // 2) else None


def _other_part(terms: list[Term], line: items.Line, ranks: set[float]) -> str | None:
    """Splits at the sub-headings that look like the components' (same rank): their text when they
    name no component (a part under another name), "" when they do."""
    if not line.subheading or line.rank not in ranks or line.role == "heading":
        return None
    return "" if _component_heading(terms, line) else line.text


def _note(line: items.Line) -> bool:
    """A note to self left in the draft ("TODO: ask Ellen for the survey numbers")."""
    return any(is_placeholder(m) for m in PATTERN.finditer(line.text))

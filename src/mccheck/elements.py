"""Detect a section's required elements (see ``Element`` in spec/models.py for the kinds).

Each detector returns an ``ElementResult``: whether the element is satisfied,
what was found (the evidence shown in the rubric checklist) and, for each gap,
a concrete next step. The missing-element check and the rubric share these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from mccheck.document import Block, Location

if TYPE_CHECKING:
    from mccheck.segment import SectionText
    from mccheck.spec.models import Element, Prompt, Section, Term

# A label sits at the start of a short line or before a colon: "Parent:", "Role: Parent".
_LABEL_WINDOW = 80
_BULLET = re.compile(r"^[\s>*•·\-–—#|]+")
# A locator: "p. 4", "page 12", "pp. 3-5", "slide 7", "03:15", "1:02:33", "minute 4".
LOCATOR = re.compile(
    r"\b(?:p{1,2}\.?\s*\d+|pages?\s+\d+|slides?\s+\d+|minutes?\s+\d+|at\s+\d+\s*(?:min|s)\b)|\b\d{1,2}:\d{2}(?::\d{2})?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Gap:
    message: str
    next_step: str
    loc: Location | None = None


@dataclass(frozen=True, slots=True)
class ElementResult:
    ok: bool
    found: str  # one line of evidence: "3 mission statements (p. 1, 2, 3)"
    gaps: tuple[Gap, ...] = ()


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def term_patterns(term: Term) -> list[re.Pattern[str]]:
    if term.patterns:
        return [_compile(p) for p in term.patterns]
    return [_compile(rf"\b{re.escape(term.name)}\b")]


def _head(block: Block) -> str:
    return _BULLET.sub("", block.text)[:_LABEL_WINDOW]


def _is_label_block(block: Block, pattern: re.Pattern[str]) -> bool:
    """A block that starts with (or, when short, consists of) the pattern."""
    head = _head(block)
    m = pattern.search(head)
    if not m:
        return False
    short = len(block.text.split()) <= 12
    return m.start() <= 3 or short and block.kind in ("heading", "paragraph", "list_item") and m.start() <= 20


def _label_hits(blocks: tuple[Block, ...], terms: list[Term]) -> list[tuple[int, str]]:
    """(block index, term name) for every block labelled by one of the terms ("Parent:", "EO 3")."""
    hits = []
    for i, block in enumerate(blocks):
        for term in terms:
            if any(_is_label_block(block, p) for p in term_patterns(term)):
                hits.append((i, term.name))
                break
    return hits


def _chunks(blocks: tuple[Block, ...], starts: list[int]) -> list[tuple[Block, ...]]:
    bounds = starts + [len(blocks)]
    return [blocks[bounds[i] : bounds[i + 1]] for i in range(len(starts))]


def _text(blocks: tuple[Block, ...] | list[Block]) -> str:
    return "\n".join(b.text for b in blocks)


def evaluate(element: Element, section: Section, text: SectionText) -> ElementResult:
    detector = _DETECTORS[element.kind]
    return detector(element, section, text)


def _presence(element: Element, section: Section, text: SectionText) -> ElementResult:
    body = _text(text.blocks)
    found, gaps = [], []
    for term in element.terms:
        if any(p.search(body) for p in term_patterns(term)):
            found.append(term.name)
        else:
            gaps.append(
                Gap(
                    f"{section.title}: no sign of {term.name}",
                    f"add the {term.name} to {section.title}",
                    _first_loc(text),
                )
            )
    summary = f"found {', '.join(found)}" if found else "none found"
    return ElementResult(not gaps, summary, tuple(gaps))


def _item_starts(element: Element, blocks: tuple[Block, ...]) -> list[int]:
    marker = _compile(element.marker or "")
    return [i for i, b in enumerate(blocks) if _is_label_block(b, marker)]


def _count(element: Element, section: Section, text: SectionText) -> ElementResult:
    blocks = text.blocks
    starts = _item_starts(element, blocks)
    # The same label repeated ("Mission statement 1" as heading and in a table) counts once.
    labels = list(dict.fromkeys(_compile(element.marker or "").search(_head(blocks[i])).group(0).casefold() for i in starts))
    n = len(labels)
    where = ", ".join(str(blocks[i].loc.page or blocks[i].loc.line or "") for i in starts[:6])
    found = f"{n} found" + (f" (at {where})" if where.strip(", ") else "")
    gaps = []
    if element.min is not None and n < element.min:
        gaps.append(
            Gap(
                f"{section.title}: {n} of {element.min} {element.description} found",
                f"add {element.min - n} more to {section.title}, each starting with a label such as "
                f"'{_example_label(element)}'",
                _first_loc(text),
            )
        )
    if element.max is not None and n > element.max:
        gaps.append(
            Gap(
                f"{section.title}: {n} {element.description} found, at most {element.max} expected",
                f"keep {element.max} and remove {n - element.max} from {section.title}",
                blocks[starts[element.max]].loc if len(starts) > element.max else _first_loc(text),
            )
        )
    return ElementResult(not gaps, found, tuple(gaps))


def _labelled_groups(element: Element, section: Section, text: SectionText) -> ElementResult:
    blocks = text.blocks
    starts = _label_hits(blocks, element.terms)
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
                _first_loc(text),
            )
        )
    if element.answers and section.prompts and starts:
        chunks = _chunks(blocks, [i for i, _ in starts])
        for (i, name), chunk in zip(starts, chunks):
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


def _table_items(element: Element, blocks: tuple[Block, ...]) -> list[tuple[Block, dict[str, str]]]:
    """Rows of a table whose header names the fields: one item per row."""
    items = []
    for block in blocks:
        if block.kind != "table" or len(block.rows) < 2:
            continue
        header = block.rows[0]
        columns: dict[int, str] = {}
        for col, cell in enumerate(header):
            for term in element.terms:
                if any(p.search(cell) for p in term_patterns(term)):
                    columns[col] = term.name
                    break
        if len(columns) < 2:
            # Transposed layout: field names down the first column, one item per column.
            rows = {r[0]: r for r in block.rows if r}
            names = {}
            for label in rows:
                for term in element.terms:
                    if any(p.search(label) for p in term_patterns(term)):
                        names[label] = term.name
            if len(names) >= 2:
                width = max(len(r) for r in block.rows)
                for col in range(1, width):
                    fields = {names[k]: (rows[k][col] if col < len(rows[k]) else "") for k in names}
                    items.append((block, fields))
            continue
        for row in block.rows[1:]:
            if not any(cell.strip() for cell in row):
                continue
            fields = {name: (row[col] if col < len(row) else "") for col, name in columns.items()}
            items.append((block, fields))
    return items


def _items_with_fields(element: Element, section: Section, text: SectionText) -> ElementResult:
    blocks = text.blocks
    gaps: list[Gap] = []
    starts = _item_starts(element, blocks)
    items: list[tuple[Location, dict[str, bool]]] = []
    for i, chunk in zip(starts, _chunks(blocks, starts)):
        body = _text(chunk)
        have = {t.name: any(p.search(body) for p in term_patterns(t)) for t in element.terms}
        # A table inside the item counts its header as fields too.
        items.append((blocks[i].loc, have))
    if not items:
        for block, fields in _table_items(element, blocks):
            have = {t.name: bool(fields.get(t.name, "").strip()) for t in element.terms}
            items.append((block.loc, have))
    n = len(items)
    word = element.description
    if element.min is not None and n < element.min:
        gaps.append(
            Gap(
                f"{section.title}: {n} of at least {element.min} {word} found",
                f"add {element.min - n} more, each starting with a label such as '{_example_label(element)}'",
                _first_loc(text),
            )
        )
    if element.max is not None and n > element.max:
        gaps.append(
            Gap(
                f"{section.title}: {n} {word} found, at most {element.max} allowed",
                f"merge or remove {n - element.max} of them",
                _first_loc(text),
            )
        )
    for number, (loc, have) in enumerate(items, start=1):
        missing = [name for name, ok in have.items() if not ok]
        if missing:
            gaps.append(
                Gap(
                    f"{section.title}: {_item_name(element)} {number} lacks {', '.join(missing)}",
                    f"add {_a(missing[0])} {' / '.join(missing)} to {_item_name(element)} {number}",
                    loc,
                )
            )
    complete = sum(all(h.values()) for _, h in items)
    return ElementResult(not gaps, f"{n} found, {complete} complete", tuple(gaps))


def _per_item_reference(element: Element, section: Section, text: SectionText) -> ElementResult:
    blocks = text.blocks
    mentions = _label_hits(blocks, element.terms)
    chunks = dict(zip((i for i, _ in mentions), _chunks(blocks, [i for i, _ in mentions])))
    gaps: list[Gap] = []
    ok_terms = []
    for term in element.terms:
        hits = [i for i, name in mentions if name == term.name]
        if not hits:
            gaps.append(
                Gap(
                    f"{section.title}: {term.name} is not addressed",
                    f"add a part labelled '{term.name}' that cites an artifact with a page number or time stamp",
                    _first_loc(text),
                )
            )
            continue
        body = "\n".join(_text(chunks[i]) for i in hits)
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


def prompt_answered(prompt: Prompt, blocks: tuple[Block, ...] | list[Block]) -> bool:
    """Some sign of an answer: enough of the prompt's key terms in counted text."""
    body = " ".join(b.text for b in blocks if b.counted).casefold()
    if not body.strip():
        return False
    terms = [t.casefold() for t in prompt.key_terms] or _content_words(prompt.text)
    if not terms:
        return True
    hits = sum(1 for t in terms if t in body)
    return hits >= max(1, round(len(terms) * 0.4))


_STOP = frozenset(
    "what which when where does this that with your their have been will from they them there these those "
    "each into about would could should other after before being were also more most some such than then "
    "very just over only both many much make made how why who whom whose you our are the and for".split()
)


def _content_words(text: str) -> list[str]:
    words = re.findall(r"[a-zA-Z][a-zA-Z'-]{3,}", text.casefold())
    return list(dict.fromkeys(w[:7] for w in words if w not in _STOP))


def _first_loc(text: SectionText) -> Location | None:
    return text.blocks[0].loc if text.blocks else None


def _item_name(element: Element) -> str:
    return element.item_name or "item"


def _example_label(element: Element) -> str:
    name = _item_name(element)
    return f"{name[:1].upper()}{name[1:]} 1"


def _a(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


_DETECTORS = {
    "presence": _presence,
    "count": _count,
    "labelled-groups": _labelled_groups,
    "items-with-fields": _items_with_fields,
    "per-item-reference": _per_item_reference,
}

"""Word counts of a section, with the spec's exclusions applied and explained."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mccheck.counting import count_words, split_quoted, tokens
from mccheck.document import Block

if TYPE_CHECKING:
    from mccheck.analysis.segment import SectionText
    from mccheck.spec.records import Limit

_REFERENCES = re.compile(r"^\s*(references|works cited|bibliography|sources)\s*:?\s*$", re.IGNORECASE)
# A list number a PDF prints before an item's text ("3.", "b)", "(4)"): typed or Word's automatic
# numbering (which Word does not count), the PDF does not say which.
_PRINTED_NUMBER = re.compile(r"^\s*\(?(?:\d{1,3}|[a-z])[.)]\s+\S")


@dataclass(frozen=True, slots=True)
class Excluded:
    text: str
    reason: str
    block: Block


@dataclass(frozen=True, slots=True)
class SectionCount:
    words: int
    counted: tuple[tuple[Block, str], ...]  # each block with the text actually counted
    excluded: tuple[Excluded, ...]
    # The same count without the teacher's own sub-headings: what a reviewer who counts
    # prose only would get (Word counts the sub-headings of a selection).
    prose_words: int = 0
    # Counted list numbers printed in a PDF: the count may be this much above Word's.
    printed_numbers: int = 0

    def tokens(self, counter: str) -> list[str]:
        out: list[str] = []
        for _, text in self.counted:
            out.extend(tokens(text, counter))
        return out


_REASONS = {
    "heading": "the heading that names the section",
    "prompt": "a question copied from the credential",
    "placeholder": "template guidance (a placeholder)",
}


def measure(text: SectionText, limit: Limit | None, counter: str = "word") -> SectionCount:
    """Count the teacher's words in a section, from the role of each block: the heading that
    named it, copied questions and placeholders are out; quoted statements are out where the
    limit excludes them; the teacher's own sub-headings count (as Word counts them)."""
    exclude = set(limit.exclude) if limit else set()
    counted: list[tuple[Block, str]] = []
    excluded: list[Excluded] = []
    in_references = False
    subheading_words = 0
    roles = text.roles or tuple("answer" if b.counted else "prompt" for b in text.blocks)
    for block, role in zip(text.blocks, roles):
        if not block.counted:
            if role in _REASONS:
                excluded.append(Excluded(block.text, _REASONS[role], block))
            continue
        if "references" in exclude and _REFERENCES.match(block.text):
            in_references = True  # everything after a "References" line is the list
        if in_references:
            excluded.append(Excluded(block.text, "reference list (the limit excludes references)", block))
            continue
        if role == "quote" and exclude & {"quotes", "mission-statements"}:
            excluded.append(Excluded(block.text, _quote_reason(exclude), block))
            continue
        if block.kind == "table" and "tables" in exclude:
            excluded.append(Excluded(block.text, "table (the limit excludes tables)", block))
            continue
        body = block.text
        if exclude & {"quotes", "mission-statements"}:
            body, passages = split_quoted(body)
            excluded.extend(Excluded(p, _quote_reason(exclude), block) for p in passages)
        counted.append((block, body))
        if role == "subheading":
            subheading_words += count_words(body, counter)
    words = sum(count_words(body, counter) for _, body in counted)
    printed = sum(1 for block, body in counted if block.loc.page is not None and _PRINTED_NUMBER.match(body))
    return SectionCount(words, tuple(counted), tuple(excluded), words - subheading_words, printed)


def _quote_reason(exclude: Collection[str]) -> str:
    if "mission-statements" in exclude:
        return "quoted mission statement (not counted by this limit)"
    return "quoted text (not counted by this limit)"

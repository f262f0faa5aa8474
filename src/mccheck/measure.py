"""Word counts of a section, with the spec's exclusions applied and explained."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mccheck.counting import count_words, split_quoted, tokens
from mccheck.document import Block

if TYPE_CHECKING:
    from mccheck.analysis.segment import SectionText
    from mccheck.spec.models import Limit

_REFERENCES = re.compile(r"^\s*(references|works cited|bibliography|sources)\s*:?\s*$", re.IGNORECASE)


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

    def tokens(self, counter: str) -> list[str]:
        out: list[str] = []
        for _, text in self.counted:
            out.extend(tokens(text, counter))
        return out


def measure(text: SectionText, limit: Limit | None, counter: str = "word") -> SectionCount:
    """Count the teacher's words in a section; copied prompts and headings that named it are out."""
    exclude = set(limit.exclude) if limit else set()
    counted: list[tuple[Block, str]] = []
    excluded: list[Excluded] = []
    in_references = False
    for block in text.blocks:
        if not block.counted:
            if block.origin == "prompt":
                excluded.append(Excluded(block.text, "copied prompt or section heading", block))
            continue
        if "references" in exclude and _REFERENCES.match(block.text):
            in_references = True  # everything after a "References" line is the list
        if in_references:
            excluded.append(Excluded(block.text, "reference list (the limit excludes references)", block))
            continue
        if block.kind == "quote" and exclude & {"quotes", "mission-statements"}:
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
    words = sum(count_words(body, counter) for _, body in counted)
    return SectionCount(words, tuple(counted), tuple(excluded))


def _quote_reason(exclude: set[str]) -> str:
    if "mission-statements" in exclude:
        return "quoted mission statement (not counted by this limit)"
    return "quoted text (not counted by this limit)"

"""Helpers every element detector shares: term patterns, label lines, item chunks."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from mccheck.document import Block, Location

if TYPE_CHECKING:
    from mccheck.analysis.segment import SectionText
    from mccheck.spec.models import Element, Prompt, Term

# A label sits at the start of a short line or before a colon: "Parent:", "Role: Parent".
_LABEL_WINDOW = 80
_BULLET = re.compile(r"^[\s>*•·\-–—#|]+")
# A locator: "p. 4", "page 12", "pp. 3-5", "slide 7", "03:15", "1:02:33", "minute 4".
LOCATOR = re.compile(
    r"\b(?:p{1,2}\.?\s*\d+|pages?\s+\d+|slides?\s+\d+|minutes?\s+\d+|at\s+\d+\s*(?:min|s)\b)|\b\d{1,2}:\d{2}(?::\d{2})?\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=512)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def term_patterns(term: Term) -> list[re.Pattern[str]]:
    if term.patterns:
        return [compile_pattern(p) for p in term.patterns]
    return [compile_pattern(rf"\b{re.escape(term.name)}\b")]


def head_text(block: Block) -> str:
    return _BULLET.sub("", block.text)[:_LABEL_WINDOW]


def is_label_block(block: Block, pattern: re.Pattern[str]) -> bool:
    """A block that starts with (or, when short, consists of) the pattern."""
    head = head_text(block)
    m = pattern.search(head)
    if not m:
        return False
    short = len(block.text.split()) <= 12
    return m.start() <= 3 or short and block.kind in ("heading", "paragraph", "list_item") and m.start() <= 20


def label_hits(blocks: tuple[Block, ...], terms: list[Term]) -> list[tuple[int, str]]:
    """(block index, term name) for every block labelled by one of the terms ("Parent:", "EO 3")."""
    hits = []
    for i, block in enumerate(blocks):
        for term in terms:
            if any(is_label_block(block, p) for p in term_patterns(term)):
                hits.append((i, term.name))
                break
    return hits


def chunks(blocks: tuple[Block, ...], starts: list[int]) -> list[tuple[Block, ...]]:
    bounds = starts + [len(blocks)]
    return [blocks[bounds[i] : bounds[i + 1]] for i in range(len(starts))]


def joined(blocks: tuple[Block, ...] | list[Block]) -> str:
    return "\n".join(b.text for b in blocks)


def prompt_answered(prompt: Prompt, blocks: tuple[Block, ...] | list[Block]) -> bool:
    """Some sign of an answer: enough of the prompt's key terms in counted text."""
    body = " ".join(b.text for b in blocks if b.counted).casefold()
    if not body.strip():
        return False
    terms = [t.casefold() for t in prompt.key_terms] or content_words(prompt.text)
    if not terms:
        return True
    hits = sum(1 for t in terms if t in body)
    return hits >= max(1, round(len(terms) * 0.4))


_STOP = frozenset(
    "what which when where does this that with your their have been will from they them there these those "
    "each into about would could should other after before being were also more most some such than then "
    "very just over only both many much make made how why who whom whose you our are the and for".split()
)


def content_words(text: str) -> list[str]:
    words = re.findall(r"[a-zA-Z][a-zA-Z'-]{3,}", text.casefold())
    return list(dict.fromkeys(w[:7] for w in words if w not in _STOP))


def first_loc(text: SectionText) -> Location | None:
    return text.blocks[0].loc if text.blocks else None


def item_name(element: Element) -> str:
    return element.item_name or "item"


def example_label(element: Element) -> str:
    name = item_name(element)
    return f"{name[:1].upper()}{name[1:]} 1"


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"

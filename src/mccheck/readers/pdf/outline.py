"""Headings from the outline (bookmarks): the only headings a PDF declares.

An entry matches the line (or up to ``MAX_SPAN`` consecutive lines) on its page whose letters
and digits, ignoring case, spacing, punctuation, line-end hyphens and leading numbering ("1",
"2.3", "Part 2:"), equal the title's: "Comparable Mission State-" + "ments" matches
"Comparable Mission Statements". The outline is trusted when at least ``OUTLINE_TRUST`` of its
entries are found; an outline with fewer ("mistitled" bookmarks) is ignored. An entry that
matches no line is never inserted into the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from mccheck.analysis import labels
from mccheck.readers.pdf.model import OutlineEntry, PageText

OUTLINE_TRUST = 0.5
MAX_SPAN = 4  # lines one title may be wrapped over

_NOT_WORD = re.compile(r"[\W_]+")


def squash(text: str) -> str:
    """Letters and digits only, case-folded: what a title and its lines must share."""
    return _NOT_WORD.sub("", text.casefold())


def _keys(text: str) -> tuple[str, str]:
    """The squashed text with and without leading numbering."""
    return squash(text), squash(labels.leading_number(text.strip())[1])


def match(
    pages: Sequence[PageText | None], marks: Sequence[Mapping[int, object]], outline: Sequence[OutlineEntry]
) -> dict[tuple[int, int], tuple[int, int]]:
    """(page, first line) → (level, lines spanned) for the entries found; {} when not trusted."""
    found: dict[tuple[int, int], tuple[int, int]] = {}
    cursor: dict[int, int] = {}
    for entry in outline:
        page = pages[entry.page] if 0 <= entry.page < len(pages) else None
        if page is None:
            continue
        wants = {k for k in _keys(entry.title) if k}
        if not wants:
            continue
        mark = marks[entry.page]
        lines = page.lines
        for i in range(cursor.get(entry.page, 0), len(lines)):
            if i in mark or (entry.page, i) in found:
                continue
            span = _span(lines, mark, i, wants)
            if span:
                found[(entry.page, i)] = (entry.level, span)
                cursor[entry.page] = i + span
                break
    if not outline or len(found) < OUTLINE_TRUST * len(outline):
        return {}
    return found


def _span(lines, mark, i: int, wants: set[str]) -> int:  # noqa: ANN001
    """How many lines from ``i`` spell one of ``wants`` (0: none)."""
    joined = ""
    for extra in range(MAX_SPAN):
        k = i + extra
        if k >= len(lines) or k in mark:
            return 0
        joined += lines[k].text
        keys = _keys(joined)
        if keys[0] in wants or keys[1] in wants:
            return extra + 1
        if not any(w.startswith(key) for w in wants for key in keys if key):
            return 0
    return 0

"""Template text a teacher has not replaced yet: TODO markers, "[insert ...]", lorem ipsum.

Shared by the placeholder check (which reports it) and the segmenter (which does not
count a line that is nothing but a placeholder as the teacher's words).
"""

from __future__ import annotations

import re

PATTERN = re.compile(
    r"\bTODO\b|\bTBD\b|\bFIXME\b|\bXXX+\b|\?\?\?|lorem ipsum"
    r"|\[\s*(?:insert|add|write|your|replace|describe|enter|type|name|tbd|todo)\b[^\]]{0,120}\]"
    r"|<\s*(?:insert|add|your|replace)\b[^>]{0,120}>"
    r"|\{\{[^}]{0,80}\}\}"
    # Word's content-control prompts, still there after a PDF export or a conversion.
    r"|\bclick (?:or tap )?here to enter (?:text|a date)\b\.?|\bclick or tap to enter a date\b\.?"
    r"|\bchoose an item\b\.?",
    re.IGNORECASE,
)
# Upper-case-only markers must be upper case in the text (not "todo list" in prose).
CASE_SENSITIVE = frozenset({"todo", "tbd", "fixme"})
_FILLER = re.compile(r"[\s*_>#\-–—•.:;,]*")


def is_placeholder(match: re.Match[str]) -> bool:
    text = match.group(0)
    return not (text.casefold() in CASE_SENSITIVE and not text.isupper())


def may_hold_one(text: str) -> bool:
    """False only when ``PATTERN`` cannot match: no bracket, "???" or marker word in it.

    A few string scans in C instead of the pattern's search at every word (20 times faster on
    prose). Exact for ASCII text; other text (where IGNORECASE folds letters such as "ſ" to
    ASCII) is always searched."""
    if not text.isascii() or "[" in text or "<" in text or "{{" in text or "???" in text:
        return True
    low = text.lower()
    return ("todo" in low or "tbd" in low or "fixme" in low or "xxx" in low or "lorem ipsum" in low
            or "to enter" in low or "choose an item" in low)


def placeholder_only(text: str) -> bool:
    """The whole line is placeholders (and punctuation): "[Write 300-500 words: ...]"."""
    if not may_hold_one(text) or PATTERN.search(text) is None:  # the common case, much cheaper than sub()
        return False
    rest = PATTERN.sub(lambda m: "" if is_placeholder(m) else m.group(0), text)
    return rest != text and _FILLER.fullmatch(rest) is not None

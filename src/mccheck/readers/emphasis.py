"""How a paragraph's runs look, and where a bold or italic lead ends: shared by the readers.

A paragraph arrives as its runs: ``(text, RunProps)`` pairs in order (docx runs, markdown
emphasis spans), ``RunProps`` None for text with no formatting of its own (equations,
line breaks). Runs without a letter or digit (spaces, tabs, punctuation) do not decide
how the paragraph looks: "**Timeline**:" is bold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

ALNUM = re.compile(r"[^\W_]")
LEAD_MAX_WORDS = 40
_LEAD_ENDS = (":", "?", ".")
_CLOSERS = "\"'\u201d\u2019)]"  # a lead may end in a closing quote or bracket: **"Why?"**
_BREAKS = ("\t", "\n")


class RunProps(NamedTuple):
    """Character formatting; None where it is not set (docx: where a style level leaves it).

    Tuples rather than dataclasses: one is made for every formatted run, and a tuple is
    the cheapest immutable record Python builds.
    """

    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    caps: bool | None = None
    size: int | None = None  # half-points, as w:sz stores it

    def over(self, base: RunProps) -> RunProps:
        """These properties, falling back to ``base`` where unset."""
        if self is NO_RUN:
            return base
        return RunProps(
            base.bold if self.bold is None else self.bold,
            base.italic if self.italic is None else self.italic,
            base.underline if self.underline is None else self.underline,
            base.caps if self.caps is None else self.caps,
            base.size if self.size is None else self.size,
        )


NO_RUN = RunProps()
Runs = Sequence[tuple[str, "RunProps | None"]]


@dataclass(frozen=True, slots=True)
class Look:
    """How a whole paragraph (or part of one) looks: what a Style records of its runs."""

    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False
    size: float = 0.0  # points; the size of most of the text, 0 when no level sets one


def look(runs: Runs) -> Look:
    """Features shared by every run with a letter or digit; size is the most common one."""
    bold = italic = underline = caps_all = True
    caps_seen = False
    sizes: dict[int, int] = {}
    seen = False
    for text, props in runs:
        if not ALNUM.search(text):
            continue
        seen = True
        if props is None:
            bold = italic = underline = caps_all = False
            continue
        bold = bold and bool(props.bold)
        italic = italic and bool(props.italic)
        underline = underline and bool(props.underline)
        if props.caps:
            caps_seen = True
        elif text != text.upper():  # a lower-case letter shown as typed
            caps_all = False
        elif text != text.lower():  # typed in capitals
            caps_seen = True
        if props.size:
            sizes[props.size] = sizes.get(props.size, 0) + len(text)
    if not seen:
        return Look()
    size = max(sizes, key=sizes.__getitem__) / 2 if sizes else 0.0
    return Look(bold, italic, underline, caps_all and caps_seen, size)


def lead_end(runs: Runs) -> tuple[int, int] | None:
    """Where a bold (else italic) lead followed by regular text ends, else None.

    Returns ``(offset, count)``: the lead is the joined text up to ``offset`` and its
    features are those of the first ``count`` runs. A lead ends in ":", "?" or "." or is
    followed by a tab or line break, has at most ``LEAD_MAX_WORDS`` words, and ends
    between two words: "**Question 2.** Our school" and "**Timeline**: by March" split,
    "a **bold** word" and "**Bold**ly" do not.
    """
    text = "".join(t for t, _ in runs)
    for attr in ("bold", "italic"):
        found = _emphasized_prefix(runs, attr)
        if found is None:
            continue
        cut, count = found
        end = cut
        while end < len(text) and not text[end].isspace() and not ALNUM.match(text[end]):
            end += 1  # punctuation typed after the bold: "**Timeline**:"
        if end < len(text) and not text[end].isspace() and not text[end - 1].isspace():
            continue  # the emphasis changes inside a word
        lead, rest = text[:end], text[end:]
        gap = lead[len(lead.rstrip()):] + rest[: len(rest) - len(rest.lstrip())]
        lead = lead.strip()
        if not lead or len(lead.split()) > LEAD_MAX_WORDS:
            continue
        if lead.rstrip(_CLOSERS).endswith(_LEAD_ENDS) or any(b in gap for b in _BREAKS):
            return end, count
    return None


def _emphasized_prefix(runs: Runs, attr: str) -> tuple[int, int] | None:
    """End offset and run count of the leading runs that have ``attr``, when plain text follows."""
    pos = 0
    cut = count = 0
    for i, (text, props) in enumerate(runs):
        if ALNUM.search(text):
            if props is None or not getattr(props, attr):
                return (cut, count) if count else None
            cut, count = pos + len(text), i + 1
        pos += len(text)
    return None  # emphasized to the end: the whole paragraph is, nothing to split

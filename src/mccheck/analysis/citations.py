"""Citations of evidence, one clause at a time: "Exhibit 2, Grading Policy Mediation Notes,
page 5", "Appendix 2, pages 3-4", "(see Exhibit A, p. 2)", "Artifact C video, 06:12 to 09:45",
"Artifact B, slide 6".

A citation starts at an attachment label (artifact, exhibit, appendix, attachment, evidence)
and runs to the next such label or the end of its clause (a full stop before a capital, a
semicolon, a line break, a closing parenthesis), so a page number written long after the
label still belongs to it, and one written after the next label does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mccheck.analysis import labels
from mccheck.document import Block

_PAGES = re.compile(
    r"\b(?:pp?\.|pg\.?|pages?)\s*(?P<a>\d{1,4})(?:\s*(?:-|–|—|to|through|and|&)\s*(?:(?:pp?\.|pages?)\s*)?(?P<b>\d{1,4}))?",
    re.IGNORECASE,
)
_SLIDES = re.compile(r"\bslides?\s*(?P<a>\d{1,4})(?:\s*(?:-|–|to|through|and)\s*(?P<b>\d{1,4}))?", re.IGNORECASE)
_TIME = re.compile(r"(?<![\d:])(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?![\d:])")
_MINUTE = re.compile(r"\bminutes?\s*(?P<a>\d{1,3})\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\.(?=\s+[A-Z])|[;\n)]|\.\s*$")


@dataclass(frozen=True, slots=True)
class Citation:
    label: labels.Label
    written: str  # the label as the teacher wrote it ("Exhibit 2")
    clause: str  # the label and what follows it, up to the end of its clause
    block: Block
    pages: tuple[int, ...] = ()  # every page number cited (a range gives its two ends)
    slides: tuple[int, ...] = ()
    times: tuple[int, ...] = ()  # seconds into a recording

    @property
    def located(self) -> bool:
        return bool(self.pages or self.slides or self.times)


# Every attachment label starts with one of these words: a block without any cites nothing.
_ATTACHMENT_WORDS = ("artifact", "artefact", "exhibit", "appendix", "attachment", "evidence")


def citations(block: Block) -> list[Citation]:
    text = block.text
    low = text.casefold()
    if not any(word in low for word in _ATTACHMENT_WORDS):
        return []
    found = [(lab, s, e) for lab, s, e in labels.find(text) if lab.kind in labels.ATTACHMENT_KINDS]
    out = []
    for k, (lab, start, end) in enumerate(found):
        stop = found[k + 1][1] if k + 1 < len(found) else len(text)
        m = _CLAUSE_END.search(text, end, stop)
        clause = text[start : m.start() if m else stop]
        out.append(Citation(
            lab, text[start:end], clause, block,
            pages=_numbers(_PAGES, clause), slides=_numbers(_SLIDES, clause), times=_times(clause),
        ))
    return out


def _numbers(pattern: re.Pattern[str], clause: str) -> tuple[int, ...]:
    out: list[int] = []
    for m in pattern.finditer(clause):
        out.append(int(m.group("a")))
        if m.group("b"):
            out.append(int(m.group("b")))
    return tuple(out)


def _times(clause: str) -> tuple[int, ...]:
    out = [int(m.group("h")) * 60 + int(m.group("m")) if m.group("s") is None
           else int(m.group("h")) * 3600 + int(m.group("m")) * 60 + int(m.group("s"))
           for m in _TIME.finditer(clause)]
    out += [int(m.group("a")) * 60 for m in _MINUTE.finditer(clause)]
    return tuple(out)

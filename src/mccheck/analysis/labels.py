"""The one grammar for numbering labels: "Part 2", "Part II", "Part Two", "Artifact IV",
"EO 3", "Essential Outcome 3", "Exhibit B", "Appendix 2", "Question 4", "Step 1".

A ``Label`` is a kind and a number (letters count A=1, B=2: "Exhibit B" is exhibit 2).
``find`` gives every label in a text; ``strip`` removes them (for comparing titles);
``parse`` reads one label written on its own ("Artifact 4"). Segmentation, evidence
citations, the readers' numbering and ``init`` all use these, so "Part Two" means the
same thing everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Spelled-out numbers and ordinals a teacher may write ("Part Two", "Second Artifact").
WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}

# Canonical kind of each spelling.
KINDS = {
    "part": "part", "section": "section", "artifact": "artifact", "artefact": "artifact",
    "exhibit": "exhibit", "appendix": "appendix", "attachment": "attachment", "evidence": "evidence",
    "eo": "eo", "essential outcome": "eo", "outcome": "eo", "component": "component", "step": "step",
    "question": "question", "prompt": "question", "q": "question", "suggestion": "suggestion",
    "recommendation": "suggestion", "criterion": "criterion", "element": "element",
}
# Kinds that name a file the teacher attaches (a citation target), not a part of the writing.
ATTACHMENT_KINDS = frozenset({"artifact", "exhibit", "appendix", "attachment", "evidence"})

_KIND = r"essential\s+outcome|artifact|artefact|exhibit|appendix|attachment|evidence|outcome|component|" \
        r"section|part|step|question|prompt|suggestion|recommendation|criterion|element|eo|q"
_NUMBER = r"\d{1,3}|[ivx]{1,4}\b|[a-h]\b|" + "|".join(sorted(WORDS, key=len, reverse=True))
_LABEL = re.compile(
    # "(?!s\b)": the plural in "Artifacts 1-4" is not a citation of "Artifact S".
    rf"\b(?P<kind>{_KIND})(?!s\b)\.?\s*(?:#|no\.|number)?\s*(?P<num>{_NUMBER})(?![\w'])",
    re.IGNORECASE,
)
# "Second Artifact", "Third Mission Statement": an ordinal before the kind.
_ORDINAL_FIRST = re.compile(
    rf"\b(?P<num>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?P<kind>{_KIND})\b",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True, order=True)
class Label:
    kind: str
    number: int

    def __str__(self) -> str:
        return f"{self.kind} {self.number}"


def number_value(text: str) -> int:
    """1 for "1", "i", "a", "one", "first"; 0 when it is not a number."""
    low = text.casefold()
    if low.isdigit():
        return int(low)
    if low in _ROMAN:
        return _ROMAN[low]
    if low in WORDS:
        return WORDS[low]
    if len(low) == 1 and "a" <= low <= "h":
        return ord(low) - ord("a") + 1
    return 0


def _kind(text: str) -> str:
    return KINDS[_SPACES.sub(" ", text.casefold())]


def _ambiguous(kind: str, num: str, text: str, start: int, end: int) -> bool:
    """Single letters and roman numerals are labels only after a label word that clearly
    takes them: "Part I" and "Exhibit B" yes; "section a" inside a sentence, "q i" no,
    "the evidence I gathered" no."""
    low = num.casefold()
    if low.isdigit() or low in WORDS:
        return False
    if kind in ("question", "step", "component", "element", "criterion", "evidence", "eo"):
        return True  # "Question A" is rare; "step i", "evidence I found" are sentences
    if low == "i" and end < len(text) and text[end] not in ":.,;)-–—\n":
        return True  # "Part I" ends there; "Artifact I showed" is the pronoun
    # A lone capital is a label ("Artifact C"); a lone lowercase letter inside prose is not.
    return num.islower() and len(num) == 1 and start > 0 and text[start - 1] != "\n"


def find(text: str) -> list[tuple[Label, int, int]]:
    """Every label in ``text`` with its span: [(Label("part", 2), start, end), ...]."""
    out: list[tuple[Label, int, int]] = []
    for m in _LABEL.finditer(text):
        kind = _kind(m.group("kind"))
        num = m.group("num")
        if kind == "question" and m.group("kind").casefold() == "q" and not num.isdigit():
            continue
        if _ambiguous(kind, num, text, m.start(), m.end()):
            continue
        value = number_value(num)
        if value:
            out.append((Label(kind, value), m.start(), m.end()))
    for m in _ORDINAL_FIRST.finditer(text):
        out.append((Label(_kind(m.group("kind")), number_value(m.group("num"))), m.start(), m.end()))
    return sorted(out, key=lambda x: x[1])


def labels(text: str) -> set[Label]:
    return {label for label, _, _ in find(text)}


def parse(text: str) -> Label | None:
    """The label a short text consists of ("Artifact 4", "Part II"), or None."""
    found = find(text)
    if len(found) == 1:
        label, start, end = found[0]
        if not text[:start].strip() and not text[end:].strip(" .:-–—"):
            return label
    return None


def strip(text: str) -> str:
    """The text without its labels ("Part 2: Evidence" -> ": Evidence")."""
    return _ORDINAL_FIRST.sub(" ", _LABEL.sub(" ", text))


_LEADING = re.compile(
    rf"^\s*(?:(?:(?:{_KIND})\.?\s*(?:\d{{1,3}}|[ivx]{{1,4}}|[a-h])\b\s*[.):\-–—]?)"  # "Part 2", "Artifact IV:"
    rf"|\d{{1,3}}(?:\.\d{{1,3}})+\.?(?=\s)"  # "1.2 Context", "2.3."
    rf"|(?:\d{{1,3}}|[ivx]{{1,4}}|[a-h])\s*[.):\-–—])\s*",  # "2.", "b)", "iv."
    re.IGNORECASE,
)


def leading_number(text: str) -> tuple[str, str]:
    """Split a typed leading number or label off a line: "2. Artifact 1 - Missions" ->
    ("2.", "Artifact 1 - Missions"); "Question 3: What..." -> ("Question 3:", "What...")."""
    m = _LEADING.match(text)
    if not m:
        return "", text
    return m.group(0).strip(), text[m.end():]

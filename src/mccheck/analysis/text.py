"""Comparing short texts the way a reader would: normalised words, light stems, weights.

``terms(text)`` gives the content words of a heading or question, stemmed lightly
("decisions" and "decision-making" share "decis"), without stop words. ``Vocabulary``
weights each term by how few of the credential's names use it, so "shared purpose",
which three sections mention, counts for less than "alignment", which one does.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mccheck.spec.records import Term

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_PAREN = re.compile(r"\([^)]*\)")
# Words that carry no meaning for matching headings and questions to each other.
STOP = frozenset(
    """a an the and or but nor of to in on at by for with from into onto about over under as is are was were be
    been being am do does did done doing have has had having it its it's this that these those there their they
    them theirs our ours we us you your yours i me my mine he she his her hers him who whom whose which what when
    where why how all any each every some such no not only own same so than too very can will just should would
    could may might must shall also more most other others one ones s t if then else while within without
    please include including describe description discuss discussion provide explain identify share""".split()
)
# Words of a limit or an instruction pasted into a heading: "(250-word limit)", "300-500 words".
_LIMIT_WORDS = frozenset("word words limit minimum maximum max min guide approximately approx".split())
_STOP_AND_LIMITS = STOP | _LIMIT_WORDS


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("’", "'")


_PLURAL_ES = ("sses", "shes", "ches", "xes", "zes")


@lru_cache(maxsize=1 << 16)  # a document repeats its words: each is stemmed once
def stem(word: str) -> str:
    """A light, predictable stem: a plural, then one common suffix off, at most 6 letters kept
    ("issues" and "issue", "decisions" and "decision-making" meet)."""
    w = word
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(_PLURAL_ES):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        w = w[:-1]
    for suffix in ("ation", "ment", "ness", "ing", "ed", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    return w[:6]


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def terms(text: str, keep_limits: bool = False) -> list[str]:
    """Content terms of a short text, in order: no parentheticals, stop words or digits."""
    if len(text) <= _SHORT:
        return list(_short_terms(text, keep_limits))
    return _terms(text, keep_limits)


_SHORT = 300  # headings, questions and labels: compared again and again, so their terms are kept


@lru_cache(maxsize=4096)
def _short_terms(text: str, keep_limits: bool) -> tuple[str, ...]:
    return tuple(_terms(text, keep_limits))


def _terms(text: str, keep_limits: bool) -> list[str]:
    text = _PAREN.sub(" ", text)
    term = _limit_term if keep_limits else _term
    return [t for t in map(term, words(text.replace("-", " ").replace("/", " "))) if t]


@lru_cache(maxsize=1 << 16)  # a document repeats its words: each is looked at once
def _term(word: str) -> str:
    """The term of a word, or "" for a stop word, a limit word ("words"), a number or a letter."""
    w = word.replace("'", "")
    return "" if w in _STOP_AND_LIMITS or w.isdigit() or len(w) < 2 else stem(w)


@lru_cache(maxsize=1 << 12)
def _limit_term(word: str) -> str:
    """``_term``, keeping the words of limits ("maximum", "words")."""
    w = word.replace("'", "")
    return "" if w in STOP or w.isdigit() or len(w) < 2 else stem(w)


class Vocabulary:
    """Inverse document frequency of terms over a set of names (one "document" per owner)."""

    def __init__(self, documents: Iterable[Iterable[str]]):
        counts: dict[str, int] = {}
        total = 0
        for doc in documents:
            total += 1
            for t in set(doc):
                counts[t] = counts.get(t, 0) + 1
        self.total = max(total, 1)
        self.counts = counts
        self._weights: dict[str, float] = {}  # asked for again and again: each computed once

    def weight(self, term: str) -> float:
        w = self._weights.get(term)
        if w is None:
            n = self.counts.get(term, 0)
            w = self._weights[term] = math.log((self.total + 1) / (n + 0.5)) if n else math.log(self.total + 1) + 0.5
        return w

    def prepare(self, terms: Iterable[str]) -> tuple[set[str], float]:
        """A term list's set and total weight, once, for comparing it with many others."""
        unique = set(terms)
        return unique, sum(self.weight(t) for t in unique)

    def similarity(self, a: list[str], b: list[str]) -> float:
        """Weighted F1 of two term lists (0..1): both precision and recall matter, so a
        heading that only contains a name among other words scores below an exact title."""
        return self.similar(self.prepare(a), self.prepare(b))

    def similar(self, a: tuple[set[str], float], b: tuple[set[str], float]) -> float:
        """``similarity`` of two prepared term lists."""
        (sa, total_a), (sb, total_b) = a, b
        if not sa or not sb:
            return 0.0
        common = sum(self.weight(t) for t in sa & sb)
        if not common:
            return 0.0
        precision = common / total_a
        recall = common / total_b
        return 2 * precision * recall / (precision + recall)

    def coverage(self, text_terms: set[str], wanted: list[str]) -> float:
        """Weighted share of ``wanted`` terms found in ``text_terms`` (0..1)."""
        ws = set(wanted)
        if not ws:
            return 0.0
        total = sum(self.weight(t) for t in ws)
        return sum(self.weight(t) for t in ws & text_terms) / total


@lru_cache(maxsize=512)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A spec's pattern, case-insensitive, compiled once."""
    return re.compile(pattern, re.IGNORECASE)


def term_patterns(term: Term) -> list[re.Pattern[str]]:
    """How a spec term is found: its patterns, or its name as a whole word."""
    if term.patterns:
        return [compile_pattern(p) for p in term.patterns]
    return [compile_pattern(rf"\b{re.escape(term.name)}\b")]

"""Finding the credential's questions copied into a draft, however they were pasted.

A block may copy one prompt, several ("Is it clear and concise? Is it distinctive and
memorable?"), a merged paraphrase of several ("Is it welcoming and inclusive, and does
it reflect all stakeholders' voices and the school's priorities?"), carry a prefix
("Question 3.", "Q3:", "3.") or run into its answer on the same line ("...in your
description. Lakeshore High School is..."). ``PromptIndex.match`` reads the block's
leading sentences and says which prompts they copy and where the copy ends, so the
rest can be counted as the teacher's answer.

A sentence copies prompts when its words are the prompts' words: most of its terms
belong to one section's prompts (precision), and it covers at least one prompt well.
An index from term to prompt sentences keeps this linear in the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mccheck.analysis import labels
from mccheck.analysis.text import Vocabulary, terms

# A sentence is a copy when this share of its weighted terms are one section's prompt terms...
PRECISION = 0.8
# ...and it covers at least this share of each prompt sentence it is taken to copy (a
# merged question keeps about half of each: "...and the school's priorities?").
COVERAGE = 0.5
# A sentence that is nearly a whole prompt sentence is a copy; without a "?" it must be
# closer still (an answer may echo its question: "Our mission is clear and concise.").
SIMILAR = 0.75
SIMILAR_STATEMENT = 0.88

# A sentence ends at ? or !, or at a full stop followed by a capital (not "i.e.," or "etc.)").
_SENTENCE_END = re.compile(r"[?!]+['\"”’)\]]*\s*|\.+['\"”’)\]]*(?:\s+(?=[A-Z0-9\"“‘'(])|\s*$)")
_PUNCTUATION = re.compile(r"[()?!.]")  # what can end a sentence, or keep one open
_BULLET = re.compile(r"^[\s>*•·\-–—]+")
_QUESTION_PREFIX = re.compile(r"^\s*(?:(?:question|prompt|q)\s*\.?\s*\d{1,2}|\d{1,2}|[a-h])\s*[.):\-–—]\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PromptMatch:
    section_id: str
    prompt_ids: tuple[str, ...]  # in the order they were copied
    end: int  # characters of the block's text that are the copy (the rest is an answer)


@dataclass(frozen=True, slots=True)
class _Unit:
    section_id: str
    prompt_id: str
    terms: tuple[str, ...]
    plain: str  # the sentence's words, stop words too: a copy keeps the wording
    prepared: tuple[set[str], float]  # its terms for Vocabulary.similar, found once


class PromptIndex:
    def __init__(self, spec):
        # Unweighted: a copy carries all of a question's words, the common ones too, so a
        # short heading of its rarer words ("What Stood Out and Why") is not taken for one.
        self.vocab = Vocabulary([])
        self.units: list[_Unit] = []
        self.by_term: dict[str, list[int]] = {}
        self.section_terms: dict[str, set[str]] = {}
        # Sentences of prompts without content words ("Why or why not?"): part of a copy.
        self.tails: dict[str, set[str]] = {}
        for section in spec.sections:
            pool = self.section_terms.setdefault(section.id, set())
            for prompt in section.prompts:
                for sentence in _sentences(prompt.text):
                    ts = tuple(dict.fromkeys(terms(sentence)))
                    if len(ts) < 1:
                        self.tails.setdefault(section.id, set()).add(_plain(sentence))
                        continue
                    self.by_term_add(len(self.units), ts)
                    self.units.append(_Unit(section.id, prompt.id, ts, _plain(sentence), self.vocab.prepare(ts)))
                    pool.update(ts)

    def by_term_add(self, unit: int, ts: tuple[str, ...]) -> None:
        for t in ts:
            self.by_term.setdefault(t, []).append(unit)

    def match(self, text: str, prefer: str | None = None) -> PromptMatch | None:
        """The prompts the start of ``text`` copies, or None. ``prefer``: the section the
        block is in (the same questions recur in several sections)."""
        if not self.units or len(text) > 1500:
            return None
        offset = 0
        m = _BULLET.match(text)
        if m:
            offset = m.end()
        m = _QUESTION_PREFIX.match(text, offset)
        if m:
            offset = m.end()
        copied: list[str] = []
        section: str | None = None
        end = 0
        pos = offset
        for sentence in _sentences(text[offset:]):
            if not sentence.strip():
                break
            if section is not None and _plain(sentence) in self.tails.get(section, ()):
                pos += len(sentence)
                end = pos
                continue
            hit = self._sentence(sentence, section or prefer, sentence.rstrip().endswith("?"))
            if hit is None or (section is not None and hit[0] != section):
                break
            section = hit[0]
            copied.extend(p for p in hit[1] if p not in copied)
            pos += len(sentence)
            end = pos
        if not copied:
            return None
        return PromptMatch(section or "", tuple(copied), end)

    def _sentence(self, sentence: str, prefer: str | None, question: bool) -> tuple[str, list[str]] | None:
        ts = list(dict.fromkeys(terms(sentence)))
        if not ts:
            return None
        tset = set(ts)
        hits: dict[int, None] = {}
        for t in ts:
            for u in self.by_term.get(t, ()):
                hits[u] = None
        if not hits:
            return None
        near = SIMILAR if question else SIMILAR_STATEMENT
        mine = self.vocab.prepare(ts)
        if not question:
            # A statement copies only a prompt it is nearly the whole of. The likeness (an F1 of
            # weights) is at most 2·min/(sum) of the two total weights: prompts much shorter or
            # longer cannot reach it, so they are never compared (an exact cut).
            total = mine[1]
            hits = {u: None for u in hits
                    if 2 * min(total, self.units[u].prepared[1]) >= near * (total + self.units[u].prepared[1])}
            if not hits:
                return None
        best: tuple[float, str, list[str]] | None = None
        plain = _plain(sentence)
        by_section: dict[str, list[_Unit]] = {}
        for u in hits:
            by_section.setdefault(self.units[u].section_id, []).append(self.units[u])
        for sid, units in by_section.items():
            sims = [self.vocab.similar(mine, u.prepared) for u in units]
            if not question and max(sims) < near:
                continue  # a statement must be nearly a whole prompt; the wording cannot raise it
            # Nearly the same content words and about the same wording ("team" is not "Who is on your team?").
            scored = [(min(sim, _wording(plain, u.plain)) if sim > _WORDING_FLOOR else sim, u) for sim, u in zip(sims, units)]
            whole = max(sim for sim, _ in scored)
            if whole >= near:
                # A copy of one question (or of several, each nearly whole): those, and only those.
                copied = list(dict.fromkeys(u.prompt_id for sim, u in scored if sim >= near))
            elif question and self.vocab.coverage(self.section_terms[sid], ts) >= PRECISION:
                # A question made of one section's prompt words merges them: each prompt it
                # covers about half of is taken as copied.
                copied = list(dict.fromkeys(
                    u.prompt_id for u in units if self.vocab.coverage(tset, list(u.terms)) >= COVERAGE
                ))
                if not copied:
                    continue
            else:
                # A sentence without "?" copies a prompt only when it is nearly that prompt; a
                # short heading of prompt words ("What Stood Out and Why") is the teacher's own.
                continue
            score = whole + (0.05 if sid == prefer else 0.0)
            if best is None or score > best[0]:
                best = (score, sid, copied)
        return (best[1], best[2]) if best else None


def _sentences(text: str) -> Iterator[str]:
    """Sentences with their trailing space, so their lengths add up to the text's; lazily, as
    a block's first sentences usually settle whether it copies a prompt."""
    start = depth = resume = 0  # resume: the characters before it ended the last sentence
    for m in _PUNCTUATION.finditer(text):
        i = m.start()
        if i < resume:
            continue
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            end = _SENTENCE_END.match(text, i)
            if end:
                yield text[start : end.end()]
                start = resume = end.end()
    if text[start:].strip():
        yield text[start:]


_WORDING_FLOOR = 0.25  # the least ``_wording`` gives: a similarity at or below it is the minimum


def _wording(a: str, b: str) -> float:
    """How alike two sentences' wording is (0.25..1.25), word by word."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio() + _WORDING_FLOOR


def _plain(sentence: str) -> str:
    return " ".join(re.findall(r"\w+", sentence.casefold()))


def strip_prefix(text: str) -> str:
    """A heading without its "Question 3." or "3." prefix."""
    return labels.leading_number(text)[1]


def heading_evidence(prompt, headings: list[str], named: bool = True) -> float:
    """How much of a prompt the teacher's own sub-headings or opening sentences cover (0..1):
    "What Stood Out and Why They Resonated" answers two questions under one heading.
    ``named``: the texts are headings, so one made of the question's words names it."""
    wanted = set(terms(prompt.text))
    if not wanted:
        return 0.0
    best = 0.0
    for heading in headings:
        own = set(terms(heading))
        shared = len(wanted & own)
        # Covers half the question, or is (3 words or more) made of the question's words:
        # "Developing and implementing a personal growth plan" names a long question.
        best = max(best, shared / len(wanted), shared / len(own) if named and len(own) >= 3 else 0.0)
    return best


def evidence(prompt, body: str, body_terms: set[str]) -> float:
    """Share (0..1) of a prompt's key terms the text uses: as written ("socio", "%", "growth
    plan") or by stem ("decisions" for "decision-making"). No key terms: its content words."""
    from mccheck.analysis.text import stem

    wanted = [k.casefold() for k in prompt.key_terms] or list(dict.fromkeys(terms(prompt.text)))
    if not wanted:
        return 1.0
    hits = 0
    for key in wanted:
        if key in body or (" " not in key and stem(key) in body_terms) or (" " not in key and key[:6] in body_terms):
            hits += 1
    return hits / len(wanted)

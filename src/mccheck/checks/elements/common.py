"""Helpers the element interpreters share: term patterns, labels at a line's start, locators, wording."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mccheck.analysis.text import compile_pattern, term_patterns  # noqa: F401 - used by the detectors
from mccheck.analysis.text import terms as text_terms
from mccheck.placeholders import placeholder_only

if TYPE_CHECKING:
    from mccheck.analysis.segment import SectionText
    from mccheck.checks.elements import Gap
    from mccheck.document import Block, Location
    from mccheck.spec.records import Element, Prompt, Section, Term

_BULLET = re.compile(r"^[\s>*•·\-–—#|_]+")
# A locator: "p. 4", "page 12", "pp. 3-5", "slide 7", "03:15", "1:02:33", "minute 4".
LOCATOR = re.compile(
    r"\b(?:p{1,2}\.?\s*\d+|pages?\s+\d+|slides?\s+\d+|minutes?\s+\d+|at\s+\d+\s*(?:min|s)\b)|\b\d{1,2}:\d{2}(?::\d{2})?\b",
    re.IGNORECASE,
)


def starts_with(pattern: re.Pattern[str], text: str) -> bool:
    """The text opens with the pattern (after bullets and emphasis marks), or a short line
    holds it near its start: "Suggestion 2: ...", "**EO 3**", "2. Recommendation 2"."""
    head = _BULLET.sub("", text)[:80]
    m = pattern.search(head)
    if not m:
        return False
    return m.start() <= 3 or (len(text.split()) <= 12 and m.start() <= 20)


def term_at_start(terms: list[Term], text: str) -> str | None:
    """The first term a line starts with ("EO 3: ..." -> "EO 3")."""
    for term in terms:
        if any(starts_with(p, text) for p in term_patterns(term)):
            return term.name
    return None


class Words:
    """A long text asked about several terms: its words are found once, when first needed."""

    def __init__(self, text: str):
        self.text = text
        self._words: set[str] | None = None

    @property
    def words(self) -> set[str]:
        if self._words is None:
            self._words = set(text_terms(self.text))
        return self._words


def mentions(term: Term, text: str | Words) -> bool:
    """The text names the term: one of its patterns, or, for a name of several words, most of
    its words in any form ("making a decision" for "decision-making with stakeholders")."""
    source = text if isinstance(text, Words) else Words(text)
    if any(p.search(source.text) for p in term_patterns(term)):
        return True
    wanted = set(text_terms(term.name))
    if len(wanted) < 2:
        return False
    have = source.words & wanted
    return len(have) >= 2 and len(have) * 2 >= len(wanted)


def filled(value: str) -> bool:
    """Text the teacher wrote: some letter or digit, and not only a placeholder ("[TBD]")."""
    return any(c.isalnum() for c in value) and not placeholder_only(value)


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


def count_gaps(element: Element, section: Section, text: SectionText, found: list[Location], *,
               listed: str = "", looked_for: str, how: str, certain: bool = True) -> list[Gap]:
    """A count against the element's min and max: none found (a doubt that says what was looked
    for), too few, too many. ``found`` locates each item in order; ``listed`` names them."""
    from mccheck.checks.elements import Gap

    what, n, title = item_name(element), len(found), section.title
    listed = f" ({listed})" if listed else ""
    data = {"found": n, "min": element.min, "max": element.max}
    gaps = []
    if element.min is not None and n == 0 < element.min:
        gaps.append(Gap(f"{title}: no {what}s found (mccheck looks for {looked_for})",
                        f"add {plural(element.min, what)} to {title}, {how}",
                        first_loc(text), code="none-found", data=data, certain=False))
    elif element.min is not None and n < element.min:
        least = "" if element.max == element.min else "at least "
        gaps.append(Gap(f"{title}: {n} of {least}{element.min} {what}s found{listed}",
                        f"add {element.min - n} more {what}{'s' if element.min - n > 1 else ''} to {title}, {how}",
                        found[-1], code="too-few", data=data, certain=certain))
    if element.max is not None and n > element.max:
        gaps.append(Gap(f"{title}: {n} {what}s found, at most {element.max} allowed{listed}",
                        f"keep {element.max} and remove {n - element.max} from {title}",
                        found[element.max], code="too-many", data=data, certain=certain))
    return gaps


def first_loc(text: SectionText) -> Location | None:
    return text.blocks[0].loc if text.blocks else None


def item_name(element: Element) -> str:
    return element.item_name or "item"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word.endswith("s") else f"{n} {word}s"


def names(items: list[str]) -> str:
    """ "Parents", "Parents and Students", "Parents, Students and Teachers"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def quoted_names(items: list[str], most: int = 4) -> str:
    shown = [f"'{short(i)}'" for i in items[:most]]
    more = f" and {len(items) - most} more" if len(items) > most else ""
    return ", ".join(shown) + more


def short(text: str, words: int = 8) -> str:
    ws = text.split()
    return " ".join(ws[:words]) + ("…" if len(ws) > words else "")


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"

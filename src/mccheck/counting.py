"""Word counting the way a word processor does, plus quoted-text exclusion.

Two counters, chosen per check with ``--counter``:

* ``word`` (default): agrees with Microsoft Word / LibreOffice Writer on the
  cases that decide word limits. The rules, their evidence and the measured
  LibreOffice vectors are in docs/counting.md.
* ``whitespace``: every run of non-whitespace is a word, as most web forms count.

Both run in C (``str.split``, ``str.replace``, precompiled regexes): counting is
done for every paragraph of every submission, so no per-character Python loops.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from mccheck.errors import UsageError


@dataclass(frozen=True, slots=True)
class Counter:
    """A named way of splitting text into counted words."""

    name: str
    description: str  # one line, shown by --help and in the README
    _split: Callable[[str], list[str]]

    def tokens(self, text: str) -> list[str]:
        """The counted words of ``text``, in order."""
        return self._split(text)

    def count(self, text: str) -> int:
        return len(self._split(text))


# --- "word": the Word / LibreOffice-compatible rules -------------------------

# Em and en dash separate words even without spaces ("tried—and" is two words,
# a spaced " — " is none): LibreOffice's default WordCount/AdditionalSeparators
# is exactly these two characters. Two or more hyphens are a typed dash (Word's
# AutoFormat turns "--" into a dash), so they separate too; one hyphen joins.
_DASH_RUNS = re.compile(r"-{2,}")

# Invisible format characters (zero-width space, ZWNJ, ZWJ, word joiner, BOM,
# soft hyphen, Mongolian vowel separator) are dropped before splitting: a
# reader cannot see them, so they neither split a word ("x\u200by" is one) nor
# make one on their own.
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]+")

# Chinese, Japanese and Korean: each ideograph, kana, Hangul syllable and CJK
# punctuation mark is a word, as measured in LibreOffice ("你好，世界" = 5).
# Without this a whole CJK paragraph would be one "word".
_CJK_CLASS = (
    "\u1100-\u11ff"  # Hangul Jamo
    "\u2e80-\u2fdf"  # CJK and Kangxi radicals
    "\u3001-\u303f"  # CJK symbols and punctuation (U+3000 is whitespace)
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3100-\u31ff"  # Bopomofo, Hangul compatibility Jamo, Kanbun, Katakana ext.
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\ufe30-\ufe4f"  # CJK compatibility forms
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"  # fullwidth punctuation
    "\uff66-\uff9f"  # halfwidth Katakana
    "\U00020000-\U0003ffff"  # CJK extensions B and later
)
_CJK_FIRST = "\u1100"  # no character below it is in the class


@functools.cache
def _cjk_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compiled on first use: the class takes 5 ms to compile, and most drafts never need it."""
    return re.compile(f"[{_CJK_CLASS}]"), re.compile(f"[{_CJK_CLASS}]|[^{_CJK_CLASS}]+")


def _word_tokens(text: str) -> list[str]:
    # str.split() with no argument splits on exactly the Unicode whitespace:
    # NBSP, narrow NBSP, U+2000-U+200A, ideographic space, U+2028/2029, ...
    if _INVISIBLE_RE.search(text):
        text = _INVISIBLE_RE.sub("", text)
    if "--" in text:
        text = _DASH_RUNS.sub(" ", text)
    words = text.replace("\u2014", " ").replace("\u2013", " ").split()
    if text and max(text) >= _CJK_FIRST:
        cjk, pieces = _cjk_patterns()
        if cjk.search(text):
            words = [piece for word in words for piece in pieces.findall(word)]
    return words


def _whitespace_tokens(text: str) -> list[str]:
    return text.split()


COUNTERS: dict[str, Counter] = {
    c.name: c
    for c in (
        Counter(
            "word",
            "Microsoft Word / LibreOffice rules: hyphenated words, numbers and URLs are "
            "one word; em/en dashes separate words and are not words themselves",
            _word_tokens,
        ),
        Counter(
            "whitespace",
            "plain web-form split: every run of characters between spaces is a word, "
            "dashes and symbols included",
            _whitespace_tokens,
        ),
    )
}
DEFAULT_COUNTER = "word"


def get_counter(name: str) -> Counter:
    """The counter called ``name``; a UsageError naming the valid ones otherwise."""
    try:
        return COUNTERS[name]
    except KeyError:
        pass
    valid = ", ".join(sorted(COUNTERS))
    close = difflib.get_close_matches(str(name).lower(), COUNTERS, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise UsageError(f"unknown counter '{name}'{hint}; choose one of: {valid}")


def count_words(text: str, counter: str = DEFAULT_COUNTER) -> int:
    """Number of words in ``text`` by the named counter."""
    return get_counter(counter).count(text)


def tokens(text: str, counter: str = DEFAULT_COUNTER) -> list[str]:
    """The counted words of ``text`` in order (for ``count --explain``)."""
    return get_counter(counter).tokens(text)


# --- quoted passages ---------------------------------------------------------

# A quoted passage opens with " or “ and closes with " or ”, never crossing a
# blank line (a stray quote must not swallow whole paragraphs). A straight quote
# only opens after a non-word character and only closes before one, so inch
# marks such as 5" and 12" are not taken for quotes.
_QUOTED_RE = re.compile(
    r"""(?:“|(?<![\w"])")"""  # opening quote
    r"""((?:[^“”"\n]|\n(?![^\S\n]*\n))*)"""  # body: no quotes, no blank line
    r"""(?:”|"(?![\w"]))"""  # closing quote
)


def split_quoted(text: str, min_words: int = 8) -> tuple[str, list[str]]:
    """Remove quoted passages of at least ``min_words`` words from ``text``.

    Returns the text with each such passage (quotes included) replaced by a
    space, and the removed passages' inner text in order. Shorter quotes
    ("scare quotes", titles) stay in the text and are counted. Length is
    measured with the default counter.
    """
    removed: list[str] = []

    def _drop(match: re.Match[str]) -> str:
        inner = match.group(1)
        if count_words(inner) < min_words:
            return match.group(0)
        removed.append(inner.strip())
        return " "  # keep the words on either side apart

    if '"' not in text and "“" not in text:
        return text, removed
    return _QUOTED_RE.sub(_drop, text), removed

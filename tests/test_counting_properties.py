"""Counting invariants, checked with hypothesis over hostile Unicode text.

The invariants (docs/counting.md, "Invariants"):
* a separator between two texts makes the counts add up exactly;
* gluing two texts directly can merge the words at the seam, never add one;
* re-wrapping (any whitespace run for any other) never changes a count;
* invisible characters (zero-width space, soft hyphen, ...) never change a count;
* tokens() is exactly what count_words() counts;
* "word" and "whitespace" differ only through dashes, CJK and invisible characters:
  CJK only adds words, invisible characters only remove them.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mccheck.counting import COUNTERS, _cjk_patterns, count_words, split_quoted, tokens

WHITESPACE = [chr(i) for i in range(0x110000) if chr(i).isspace()]  # 29 characters
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"]
DASHES = ["\u2014", "\u2013", "-"]  # "--" arises from two "-"
CJK = ["\u4f60", "\u597d", "\u3002", "\uff0c", "\u306e", "\ud55c", "\U00020000"]
SPECIAL = WHITESPACE + INVISIBLE + DASHES + CJK + list("&/.,'\u2019\"\u201c\u201d\u2026\u2022*|")

# Mostly ordinary letters, with every character the rules single out mixed in.
chars = st.one_of(
    st.sampled_from("abcxyz019"),
    st.sampled_from(SPECIAL),
    st.characters(exclude_categories=("Cs",)),
)
texts = st.text(chars, max_size=60)
counters = st.sampled_from(sorted(COUNTERS))
whitespace_runs = st.text(st.sampled_from(WHITESPACE), min_size=1, max_size=4)
_WS_RUN = re.compile(r"\s+")


@given(texts, counters)
def test_tokens_are_what_is_counted(text: str, counter: str) -> None:
    words = tokens(text, counter)
    assert len(words) == count_words(text, counter) >= 0
    for word in words:
        assert word and not any(c.isspace() for c in word)
        if counter == "word":
            assert "\u2014" not in word and "\u2013" not in word and "--" not in word
            assert not any(c in word for c in INVISIBLE)


@given(texts, texts, whitespace_runs, counters)
def test_a_separator_makes_counts_add_up(a: str, b: str, sep: str, counter: str) -> None:
    assert count_words(a + sep + b, counter) == count_words(a, counter) + count_words(b, counter)
    assert count_words(a + "\n" + b, counter) == count_words(a, counter) + count_words(b, counter)


@given(texts, texts, st.sampled_from(["\u2014", "\u2013", "--", " \u2014 "]))
def test_a_dash_between_texts_separates_for_word(a: str, b: str, dash: str) -> None:
    # Trim hyphens (and invisible characters) at the seam, which would merge
    # with the dash into one longer dash.
    edge = "-" + "".join(INVISIBLE)
    a, b = a.rstrip(edge), b.lstrip(edge)
    assert count_words(a + dash + b) == count_words(a) + count_words(b)


@given(texts, texts, counters)
def test_gluing_merges_at_most_the_seam(a: str, b: str, counter: str) -> None:
    # The last word of a and the first of b may become one word (-1); for "word",
    # two lone hyphens meeting as "--" become a dash and both vanish (-2).
    total = count_words(a, counter) + count_words(b, counter)
    glued = count_words(a + b, counter)
    assert total - (2 if counter == "word" else 1) <= glued <= total


@given(st.data(), texts, counters)
def test_rewrapping_never_changes_a_count(data: st.DataObject, text: str, counter: str) -> None:
    rewrapped = _WS_RUN.sub(lambda _: data.draw(whitespace_runs), text)
    assert count_words(rewrapped, counter) == count_words(text, counter)


invisible_inserts = st.lists(st.tuples(st.integers(0, 60), st.sampled_from(INVISIBLE)), max_size=5)


@given(texts, invisible_inserts)
def test_invisible_characters_never_change_the_word_count(
    text: str, inserts: list[tuple[int, str]]
) -> None:
    changed = text
    for position, char in inserts:
        changed = changed[:position] + char + changed[position:]
    assert count_words(changed) == count_words(text)
    assert tokens(changed) == tokens(text)


@given(st.text(st.sampled_from("abc1-'.\u2019\u4f60"), min_size=2, max_size=20), st.data())
def test_zero_width_space_inside_a_word_never_changes_either_count(
    word: str, data: st.DataObject
) -> None:
    position = data.draw(st.integers(1, len(word) - 1))
    joined = word[:position] + "\u200b" + word[position:]
    for counter in COUNTERS:
        assert count_words(f"x {joined} y", counter) == count_words(f"x {word} y", counter)


@given(texts)
def test_word_and_whitespace_relation(text: str) -> None:
    word, plain = count_words(text, "word"), count_words(text, "whitespace")
    # CJK only splits a whitespace token, invisible characters only remove one,
    # dashes do both ("a\u2014b" is two words, a lone "\u2014" none).
    bare = "".join(c for c in text if c not in INVISIBLE)
    dashes = any(d in bare for d in ("\u2014", "\u2013", "--"))
    cjk = bool(_cjk_patterns()[0].search(text))
    invisible = any(c in text for c in INVISIBLE)
    if not dashes and not invisible:
        assert word >= plain
    if not dashes and not cjk:
        assert word <= plain
    if not dashes and not cjk and not invisible:
        assert word == plain


quoted_texts = st.text(
    st.sampled_from(["w", "x", "y", " ", " ", "\n", '"', "\u201c", "\u201d", "5", "\u2014"]),
    max_size=80,
)


@settings(max_examples=300)
@given(quoted_texts, st.integers(2, 6))
def test_quote_exclusion_only_removes_long_passages(text: str, min_words: int) -> None:
    rest, removed = split_quoted(text, min_words)
    assert all(count_words(passage) >= min_words for passage in removed)
    assert count_words(rest) <= count_words(text)
    if not removed:
        assert rest == text
    # every removed passage's words are gone from the count, give or take the
    # quote marks at its two edges
    removed_words = sum(map(count_words, removed))
    assert count_words(rest) + removed_words <= count_words(text) + 2 * len(removed)

"""Speed-ups that must not change a result: each fast path against the plain code it replaced."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mccheck.analysis import prompts

_SENTENCE_END = prompts._SENTENCE_END


def _sentences_by_character(text: str) -> list[str]:
    """The character loop ``prompts._sentences`` replaced (v0.2), kept as the reference."""
    out, start, depth = [], 0, 0
    i = 0
    while i < len(text):
        ch = text[i]
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch in "?!." and depth == 0:
            m = _SENTENCE_END.match(text, i)
            if m:
                out.append(text[start : m.end()])
                start = i = m.end()
                continue
        i += 1
    if text[start:].strip():
        out.append(text[start:])
    return out


# The characters the splitter cares about, and enough others to make words of.
_TEXT = st.text(alphabet="ab A1 .?!()\"'”’)]“(\n\t,", max_size=80)


@settings(max_examples=3000, deadline=None)
@given(_TEXT)
def test_sentences_split_as_the_character_loop_did(text):
    assert list(prompts._sentences(text)) == _sentences_by_character(text)


def test_sentences_on_prompts_and_answers():
    for text in (
        "Is it clear and concise? Is it distinctive (i.e. memorable)? Yes. Our mission...",
        "Describe your school (size, grades. etc.). Then explain why! 3. Next",
        "What stood out (and why?) to you. Lakeshore High School is a place.",
        "e.g., see p. 4. Then (unclosed ( parens. And more",
    ):
        assert list(prompts._sentences(text)) == _sentences_by_character(text)
        assert "".join(prompts._sentences(text)) == text  # the lengths add up to the text's


# Pieces of prose and of every kind of placeholder, joined at random.
_PROSE = st.lists(st.sampled_from([*"abcdefilmoprstuxTODBFIXLMPS [<>]{}?-.", "ſ", "K", "todo", "TBD", "lorem ipsum",
                                   "[insert", "{{", "???", "XXX", "fixme",
                                   "Click or tap here", " to enter ", "text.", "a date", "Choose an item"]), max_size=30).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_PROSE)
def test_the_placeholder_prefilter_never_hides_a_match(text):
    from mccheck.placeholders import PATTERN, may_hold_one

    if PATTERN.search(text) is not None:
        assert may_hold_one(text)


def test_the_placeholder_prefilter_passes_prose_by():
    from mccheck.placeholders import may_hold_one

    assert not may_hold_one("Our team met every week to look at student writing (grades 3-5), 40% of it.")
    assert may_hold_one("[Describe the impact here]") and may_hold_one("Lorem Ipsum dolor") and may_hold_one("ToDo")
    assert may_hold_one("lorem ipſum")  # not ASCII: searched


_CITING = st.lists(st.sampled_from(["Artifact", "ARTEFACT", "exhibit", "Exhibits", "Appendix", "attachment",
                                    "Evidence", "Part", " ", "2", "B", "iv", ", page 4", "pp. 3-4", ". The", "İ", "ß",
                                    "(see ", ")", "06:12", "slide 6", "\n"]), max_size=20).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_CITING)
def test_the_citation_prefilter_never_hides_a_label(text):
    from mccheck.analysis import labels
    from mccheck.analysis.citations import citations
    from mccheck.document import Block, Location

    found = [lab for lab, _, _ in labels.find(text) if lab.kind in labels.ATTACHMENT_KINDS]
    assert [c.label for c in citations(Block("paragraph", text, Location("a.md")))] == found

"""Plain-text reader: paragraphs, lines the writer ended, headings, lists, literal characters."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mccheck import readers
from mccheck.readers import text


def txt(tmp_path: Path, content: str, name: str = "draft.txt"):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return text.read(path)


def blocks(doc):
    return [(b.kind, b.text, b.style.name, b.loc.line) for b in doc.blocks]


def test_hard_wrapped_paragraphs_join_and_blank_lines_separate(tmp_path):
    doc = txt(tmp_path, (
        "Our school serves 480 students in grades six to eight, and most\n"
        "of them walk to school from the neighborhoods around it.\n"
        "\n\n"
        "A second paragraph, one line.\n"
    ))
    assert blocks(doc) == [
        ("paragraph", "Our school serves 480 students in grades six to eight, and most of them walk "
                      "to school from the neighborhoods around it.", "", 1),
        ("paragraph", "A second paragraph, one line.", "line", 5),
    ]


def test_lines_the_writer_ended_start_a_new_block(tmp_path):
    doc = txt(tmp_path, (
        "PART 1: OVERVIEW\n"
        "Team and Challenge Description\n"
        "Who is on your team?\n"
        "Our team has five teachers from three grade levels and one counselor who\n"
        "joined in the spring.\n"
        "Timeline:\n"
        "By March, after the survey closes.\n"
    ))
    assert [(b.text, b.style.name, b.style.caps, b.loc.line) for b in doc.blocks] == [
        ("PART 1: OVERVIEW", "line", True, 1),
        ("Team and Challenge Description", "line", False, 2),
        ("Who is on your team?", "line", False, 3),
        ("Our team has five teachers from three grade levels and one counselor who joined in the "
         "spring.", "", False, 4),
        ("Timeline:", "line", False, 6),
        ("By March, after the survey closes.", "line", False, 7),
    ]
    assert {b.kind for b in doc.blocks} == {"paragraph"}  # the layout layer decides what is a heading


def test_a_short_line_that_continues_in_lower_case_is_still_wrapped_text(tmp_path):
    doc = txt(tmp_path, "We met every week with\nthe principal and two parents to plan the survey together.\n")
    assert blocks(doc) == [
        ("paragraph", "We met every week with the principal and two parents to plan the survey together.", "", 1),
    ]


def test_declared_headings_hash_and_underlined(tmp_path):
    doc = txt(tmp_path, (
        "# Part 1: Overview #\n"
        "Reflection\n"
        "==========\n"
        "Earlier text of the same paragraph\n"
        "Context\n"
        "-------\n"
        "Body.\n"
        "\n"
        "#hashtag is not a heading\n"
        "\n"
        "**********\n"
    ))
    assert [(b.kind, b.text, b.style.name, b.style.outline, b.loc.line) for b in doc.blocks] == [
        ("heading", "Part 1: Overview", "atx", 1, 1),
        ("heading", "Reflection", "setext", 1, 2),
        ("paragraph", "Earlier text of the same paragraph", "line", 0, 4),
        ("heading", "Context", "setext", 2, 5),
        ("paragraph", "Body.", "line", 0, 7),
        ("paragraph", "#hashtag is not a heading", "line", 0, 9),
        ("paragraph", "**********", "line", 0, 11),
    ]


def test_bullets_and_numbers_are_list_items(tmp_path):
    doc = txt(tmp_path, (
        "1. Overview\n"
        "Our district is large.\n"
        "\n"
        "- We will recruit members in January and hold the first meeting in\n"
        "  February, at the district office.\n"
        "  * a nested point\n"
        "\u2022 Interpreters for Spanish\n"
        "2) Second step\n"
    ))
    got = [(b.kind, b.text, b.level, b.style.number, b.loc.line) for b in doc.blocks]
    assert got == [
        ("list_item", "Overview", 1, "1.", 1),
        ("paragraph", "Our district is large.", 0, "", 2),
        ("list_item", "We will recruit members in January and hold the first meeting in February, at the "
                      "district office.", 1, "\u2022", 4),
        ("list_item", "a nested point", 2, "\u2022", 6),
        ("list_item", "Interpreters for Spanish", 1, "\u2022", 7),
        ("list_item", "Second step", 1, "2)", 8),
    ]


def test_plain_text_characters_are_kept_as_typed(tmp_path):
    line = "The team is <insert names here>, 5 * 3 = 15, snake_case & C:\\Users\\me [1] **not bold**"
    doc = txt(tmp_path, line + "\n")
    assert [b.text for b in doc.blocks] == [line]
    assert not doc.blocks[0].style.bold


def test_dispatch_reads_txt_here_with_the_shared_encoding_rule(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"OVERVIEW\r\nWe met \x93weekly\x94.\r\n")  # Windows-1252 quotes, CRLF
    doc = readers.read(path)
    assert [(b.text, b.loc.line) for b in doc.blocks] == [("OVERVIEW", 1), ("We met \u201cweekly\u201d.", 2)]
    assert [n.code for n in doc.notes] == ["encoding"]  # cp1252, as the markdown reader would say


def test_whitespace_only_file_gives_empty_document(tmp_path):
    assert txt(tmp_path, "  \n\n\t\n").blocks == ()


# No list or heading markers here: those are the tests above; every word must come through.
_WORD = st.sampled_from(["Overview", "team", "WE", "met:", "weekly.", "Who?", "x-ray", "a", "2024", "It's"])
_LINE = st.lists(_WORD, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paras=st.lists(st.lists(_LINE, min_size=1, max_size=6), min_size=1, max_size=5),
       ending=st.sampled_from(["\n", "\r\n", "\r"]))
def test_never_loses_or_duplicates_a_word(tmp_path, paras, ending):
    content = (ending * 2).join(ending.join(lines) for lines in paras) + ending
    doc = txt(tmp_path, content, name="prop.txt")
    expected = [w for lines in paras for line in lines for w in line.split()]
    assert [w for b in doc.blocks for w in b.text.split()] == expected
    assert [b.loc.line for b in doc.blocks] == sorted(b.loc.line for b in doc.blocks)


def test_hostile_lines_are_read_in_linear_time(tmp_path):
    content = "# " + " #" * 1_000_000 + "x\n\n" + "- item\n" * 40_000 + "=" * 100_000 + "\n"
    start = time.monotonic()
    doc = txt(tmp_path, content)
    assert time.monotonic() - start < 5
    assert doc.blocks[0].kind == "heading" and len(doc.blocks) == 40_001


def test_a_file_not_hard_wrapped_has_a_paragraph_a_line(tmp_path):
    # A word processor's "Save as text" (or Notepad): one line per paragraph, no blank lines.
    long_a = "I interviewed six people between October 3 and October 21 using the seven questions below, " \
             "and each person read the mission statement first."
    long_b = "Interviews lasted ten to twenty minutes, and I took notes that each person checked afterward."
    doc = txt(tmp_path, f"Artifact 4: Stakeholder Feedback\n{long_a}\n{long_b}\nPrincipal: middle school principal\n"
                        "Is our mission statement clear and concise?\nMostly. It is clear.\n")
    assert [b.text for b in doc.blocks] == ["Artifact 4: Stakeholder Feedback", long_a, long_b,
                                            "Principal: middle school principal",
                                            "Is our mission statement clear and concise?", "Mostly. It is clear."]

"""Markdown / plain-text reader: encodings, block mapping, inline stripping, hostile input."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mccheck.errors import InputError
from mccheck.readers import markdown
from mccheck.readers.limits import ReadLimits


def md(tmp_path: Path, text: str, name: str = "draft.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return markdown.read(path)


def raw(tmp_path: Path, data: bytes, name: str = "draft.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return markdown.read(path)


def kinds(doc):
    return [(b.kind, b.text) for b in doc.blocks]


# -- encodings -------------------------------------------------------------------------


def test_utf8_bom_is_stripped(tmp_path):
    doc = raw(tmp_path, b"\xef\xbb\xbf# Reflection\n\nDon\xe2\x80\x99t stop.\n")
    assert kinds(doc) == [("heading", "Reflection"), ("paragraph", "Don’t stop.")]
    assert doc.notes == ()


@pytest.mark.parametrize("codec,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_utf16_with_bom(tmp_path, codec, bom):
    doc = raw(tmp_path, bom + "# Título\n\n“Quoted” café\n".encode(codec))
    assert kinds(doc) == [("heading", "Título"), ("paragraph", "“Quoted” café")]
    assert doc.blocks[1].loc.line == 3
    assert doc.notes == ()


def test_utf32_bom_is_not_mistaken_for_utf16(tmp_path):
    doc = raw(tmp_path, b"\xff\xfe\x00\x00" + "Hello there\n".encode("utf-32-le"))
    assert kinds(doc) == [("paragraph", "Hello there")]


def test_cp1252_fallback_warns(tmp_path):
    data = "The \u201cteam\u201d didn\u2019t meet \u2013 twice.\n".encode("cp1252")
    doc = raw(tmp_path, data)
    assert kinds(doc) == [("paragraph", "The “team” didn’t meet – twice.")]
    (note,) = doc.notes
    assert note.code == "encoding" and note.severity == "warning"
    assert "was not UTF-8; read as Windows-1252" in note.message
    assert "save it as UTF-8" in note.message


def test_cp1252_undefined_bytes_do_not_crash(tmp_path):
    doc = raw(tmp_path, b"caf\xe9 \x81 ok\n")
    assert doc.blocks[0].text.startswith("café")


def test_nul_bytes_refused(tmp_path):
    with pytest.raises(InputError, match="contains NUL bytes: is it really a text file"):
        raw(tmp_path, b"hello\x00world\n")


def test_utf16_without_bom_is_refused_with_hint(tmp_path):
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        raw(tmp_path, "hello".encode("utf-16-le"))


def test_bad_utf16_is_a_clean_error(tmp_path):
    with pytest.raises(InputError, match="marked UTF-16 LE but is not valid"):
        raw(tmp_path, b"\xff\xfe\x00\xd8")  # a lone surrogate


def test_crlf_and_cr_line_endings_keep_line_numbers(tmp_path):
    doc = raw(tmp_path, b"# A\r\n\r\nOne\r\n\r\nTwo\rThree\r")
    assert [(b.text, b.loc.line) for b in doc.blocks] == [("A", 1), ("One", 3), ("Two Three", 5)]


def test_text_size_limit_names_limit_and_option(tmp_path):
    path = tmp_path / "big.md"
    path.write_text("word " * 400)
    with pytest.raises(InputError) as e:
        markdown.read(path, ReadLimits(max_text_bytes=1024))
    msg = str(e.value)
    assert "is 2 KB of text, above the 1 KB limit" in msg and "--max-file-size" in msg


# -- blocks ----------------------------------------------------------------------------


def test_atx_and_setext_headings(tmp_path):
    doc = md(tmp_path, "# One\n\n### Three ###\n\nTwo\n---\n\nBody\n")
    assert [(b.kind, b.text, b.level, b.loc.line) for b in doc.blocks] == [
        ("heading", "One", 1, 1),
        ("heading", "Three", 3, 3),
        ("heading", "Two", 2, 5),
        ("paragraph", "Body", 0, 8),
    ]


def test_paragraph_lines_join_with_spaces(tmp_path):
    doc = md(tmp_path, "first line\nsecond line  \nthird\n")
    assert kinds(doc) == [("paragraph", "first line second line\nthird")]


def test_lists_nest_and_keep_order(tmp_path):
    text = "- top one\n  - nested **bold**\n    more nested\n\n  back in top\n- top two\n\n1. first\n2. second\n"
    doc = md(tmp_path, text)
    assert [(b.kind, b.text, b.level, b.loc.line) for b in doc.blocks] == [
        ("list_item", "top one\nback in top", 1, 1),
        ("list_item", "nested bold more nested", 2, 2),
        ("list_item", "top two", 1, 6),
        ("list_item", "first", 1, 8),
        ("list_item", "second", 1, 9),
    ]


def test_empty_list_item_is_dropped(tmp_path):
    doc = md(tmp_path, "-\n- real\n")
    assert kinds(doc) == [("list_item", "real")]


def test_table_rows_and_text(tmp_path):
    doc = md(tmp_path, "Intro\n\n| Criterion | Evidence |\n|---|---|\n| *A1* | [link](http://x) |\n| A2 | |\n")
    table = doc.blocks[1]
    assert table.kind == "table" and table.loc.line == 3 and table.head == 1
    assert table.rows == (("Criterion", "Evidence"), ("A1", "link"), ("A2", ""))
    assert table.text == "Criterion\tEvidence\nA1\tlink\nA2\t"


def test_blockquotes_become_quote_blocks(tmp_path):
    doc = md(tmp_path, "> First said.\n>\n> *Second said.*\n>\n> > Deeper.\n\nAfter.\n")
    assert [(b.kind, b.text, b.level, b.style.name, b.style.italic) for b in doc.blocks] == [
        ("quote", "First said.", 1, "blockquote", False),
        ("quote", "Second said.", 1, "blockquote", True),
        ("quote", "Deeper.", 2, "blockquote", False),
        ("paragraph", "After.", 0, "", False),
    ]


def test_quote_inside_list_item_and_list_inside_quote(tmp_path):
    doc = md(tmp_path, "- item\n\n  > quoted in item\n\n> - listed in quote\n")
    assert kinds(doc) == [
        ("list_item", "item"),
        ("quote", "quoted in item"),
        ("quote", "listed in quote"),
    ]


def test_fenced_code_is_kept_but_not_counted(tmp_path):
    doc = md(tmp_path, "Text\n\n```python\nprint('hi')\n```\n")
    code = doc.blocks[1]
    assert code.kind == "paragraph" and code.text == "print('hi')" and not code.counted
    assert [b.text for b in doc.counted_blocks] == ["Text"]


def test_indented_text_is_prose_not_code(tmp_path):
    doc = md(tmp_path, "First paragraph.\n\n    Indented paragraph of prose.\n\n\tTabbed too.\n", name="d.txt")
    assert all(b.counted for b in doc.blocks)
    assert [b.text for b in doc.blocks] == ["First paragraph.", "Indented paragraph of prose.", "Tabbed too."]


# -- headings, emphasis and the features they carry ---------------------------------


def features(doc):
    return [(b.kind, b.text, b.style.name, b.style.bold, b.style.italic, b.style.caps, b.run_in, b.loc.line)
            for b in doc.blocks]


def test_headings_carry_their_markup_and_level(tmp_path):
    doc = md(tmp_path, "# One\n\nTwo\n===\n\n#### **Who is on your team?**\n\nThree\n---\n")
    assert [(b.kind, b.text, b.style.name, b.style.outline, b.style.bold) for b in doc.blocks] == [
        ("heading", "One", "atx", 1, False),
        ("heading", "Two", "setext", 1, False),
        ("heading", "Who is on your team?", "atx", 4, True),
        ("heading", "Three", "setext", 2, False),
    ]


def test_bold_and_italic_lines_are_paragraphs_with_features(tmp_path):
    doc = md(tmp_path, "**Artifact 4: Stakeholder Feedback**\n\n*Why did you choose it?*\n\n"
                       "**bold that runs\nover two lines**\n\n**one** and **two**\n\nOVERVIEW\n")
    assert features(doc) == [
        ("paragraph", "Artifact 4: Stakeholder Feedback", "bold-line", True, False, False, False, 1),
        ("paragraph", "Why did you choose it?", "italic-line", False, True, False, False, 3),
        ("paragraph", "bold that runs over two lines", "bold-line", True, False, False, False, 5),
        ("paragraph", "one and two", "", False, False, False, False, 8),
        ("paragraph", "OVERVIEW", "", False, False, True, False, 10),
    ]


def test_lead_on_its_own_line_splits_without_run_in(tmp_path):
    doc = md(tmp_path, "Intro.\n\n__Part 2 – Reflection__\nI learned a lot.\nReally.\n\n"
                       "*What did you learn?*\nWe learned to listen.\n\n"
                       "PART 3: NEXT STEPS\nWe will meet monthly.\n")
    assert features(doc) == [
        ("paragraph", "Intro.", "", False, False, False, False, 1),
        ("paragraph", "Part 2 – Reflection", "bold-line", True, False, False, False, 3),
        ("paragraph", "I learned a lot. Really.", "", False, False, False, False, 4),
        ("paragraph", "What did you learn?", "italic-line", False, True, False, False, 7),
        ("paragraph", "We learned to listen.", "", False, False, False, False, 8),
        ("paragraph", "PART 3: NEXT STEPS", "line", False, False, True, False, 10),
        ("paragraph", "We will meet monthly.", "", False, False, False, False, 11),
    ]


@pytest.mark.parametrize("text,lead,rest,rest_line", [
    ("**Question 3.** We met every week.", "Question 3.", "We met every week.", 1),
    ("**Timeline:** by March.", "Timeline:", "by March.", 1),
    ("**Timeline**: by March.", "Timeline:", "by March.", 1),
    ("*What did you learn?* We learned to listen.", "What did you learn?", "We learned to listen.", 1),
    ("__Question 3. What is\nyour plan?__ We will\nmeet monthly.", "Question 3. What is your plan?",
     "We will meet monthly.", 2),
])
def test_bold_or_italic_lead_splits_into_a_run_in_block(tmp_path, text, lead, rest, rest_line):
    doc = md(tmp_path, text + "\n")
    got = [(b.text, b.run_in, b.loc.line) for b in doc.blocks]
    assert got == [(lead, False, 1), (rest, True, rest_line)]
    assert doc.blocks[0].style.bold or doc.blocks[0].style.italic
    assert not (doc.blocks[1].style.bold or doc.blocks[1].style.italic)


@pytest.mark.parametrize("text", [
    "We used a **bold** word in a sentence.",
    "**Important words** without a colon follow.",
    "**Bold**ly going.",
    "**This whole sentence is emphasised.**",
    "**1.** A bold typed number is not a lead.",
    "NASA and the IRS\nmet today.",  # capitals, but not an all-caps line
])
def test_emphasis_that_is_not_a_lead_does_not_split(tmp_path, text):
    doc = md(tmp_path, text + "\n")
    assert len(doc.blocks) == 1 and not doc.blocks[0].run_in


def test_list_numbers_and_bullets(tmp_path):
    doc = md(tmp_path, "3. third\n4. fourth\n\n- dash\n* star\n\n1) paren\n")
    assert [(b.text, b.style.number) for b in doc.blocks] == [
        ("third", "3."), ("fourth", "4."), ("dash", "\u2022"), ("star", "\u2022"), ("paren", "1)"),
    ]


def test_bold_lead_in_a_list_item_splits_into_two_items(tmp_path):
    doc = md(tmp_path, "- **Timeline:** by March.\n\n  More about the timeline.\n  - nested detail\n"
                       "- **Artifact 1**\n")
    got = [(b.kind, b.text, b.level, b.style.number, b.style.bold, b.run_in) for b in doc.blocks]
    assert got == [
        ("list_item", "Timeline:", 1, "\u2022", True, False),
        ("list_item", "by March.\nMore about the timeline.", 1, "", False, True),
        ("list_item", "nested detail", 2, "\u2022", False, False),
        ("list_item", "Artifact 1", 1, "\u2022", True, False),
    ]


_WORD = st.sampled_from(["Timeline", "by", "March", "Question", "3.", "plan?", "note:", "WE", "x,", "(a)"])
_SPAN = st.tuples(st.lists(_WORD, min_size=1, max_size=5), st.sampled_from(["", "**", "*", "__"]),
                  st.sampled_from([" ", "\n", ": "]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paras=st.lists(st.lists(_SPAN, min_size=1, max_size=5), min_size=1, max_size=4),
       item=st.booleans())
def test_splitting_never_loses_or_duplicates_a_word(tmp_path, paras, item):
    from markdown_it import MarkdownIt

    text = ""
    for spans in paras:
        para = "".join(mark + " ".join(words) + mark + gap for words, mark, gap in spans)
        text += ("- " if item else "") + para.strip() + "\n\n"
    # The words as any markdown renderer shows them, markers gone, before any split.
    rendered = MarkdownIt("commonmark").disable("code").render(text)
    blocks_apart = re.sub(r"</?(?:p|li|ul|ol)>", " ", rendered)
    expected = html.unescape(re.sub(r"<[^>]+>", "", blocks_apart)).split()
    doc = md(tmp_path, text, name="prop.md")
    assert [w for b in doc.blocks for w in b.text.split()] == expected
    for before, block in zip(doc.blocks, doc.blocks[1:]):
        if block.run_in:  # it starts where the lead ends: the lead's line or a later one
            assert not before.run_in and before.loc.line <= block.loc.line


# -- inline markup ---------------------------------------------------------------------


def test_inline_markup_is_stripped(tmp_path):
    doc = md(
        tmp_path,
        "Some *em*, **strong**, _under_, `code`, [link text](https://example.org), "
        "<https://auto.example.org>, ![alt words here](pic.png) and \\*escaped\\* &amp; done.\n",
    )
    assert doc.blocks[0].text == (
        "Some em, strong, under, code, link text, https://auto.example.org, and *escaped* & done."
    )


def test_inline_html_dropped_and_br_separates(tmp_path):
    doc = md(tmp_path, "one<br>two <span class='x'>three</span>\n")
    assert doc.blocks[0].text == "one two three"


def test_reference_definitions_are_not_text(tmp_path):
    doc = md(tmp_path, "See [the paper][p].\n\n[p]: https://example.org/paper\n")
    assert kinds(doc) == [("paragraph", "See the paper.")]


# -- comments, suppression, html, front matter ----------------------------------------


def test_disable_comment_suppresses_ids(tmp_path):
    doc = md(
        tmp_path,
        "<!-- mccheck-disable word-limit placeholder -->\n\nText <!-- mccheck-disable identifying-info -->\n",
    )
    assert doc.suppressed == {"word-limit", "placeholder", "identifying-info"}
    assert kinds(doc) == [("paragraph", "Text")]


def test_disable_comment_without_ids_warns(tmp_path):
    doc = md(tmp_path, "<!-- mccheck-disable -->\n")
    assert doc.suppressed == frozenset()
    assert [n.code for n in doc.notes] == ["suppression"]


def test_other_comments_are_uncounted_comment_blocks(tmp_path):
    doc = md(tmp_path, "Body.\n\n<!--\nTeacher: Jane Doe\n-->\n")
    comment = doc.blocks[1]
    assert comment.text == "Teacher: Jane Doe" and not comment.counted and comment.origin == "comment"
    assert comment.loc.line == 3
    assert [b.text for b in doc.counted_blocks] == ["Body."]


def test_html_block_keeps_its_text(tmp_path):
    doc = md(tmp_path, "<div align=\"center\">\nCentred &amp; bold\n</div>\n")
    assert kinds(doc) == [("paragraph", "Centred & bold")]


def test_front_matter_is_uncounted_and_lines_kept(tmp_path):
    doc = md(tmp_path, "---\nauthor: Jane Doe\n---\n# Title\n\nBody\n")
    assert [(b.text, b.counted, b.origin, b.loc.line) for b in doc.blocks] == [
        ("author: Jane Doe", False, "frontmatter", 1),
        ("Title", True, "", 4),
        ("Body", True, "", 6),
    ]


def test_horizontal_rule_at_top_is_not_front_matter(tmp_path):
    doc = md(tmp_path, "---\nJust text\n\nMore\n")
    assert kinds(doc) == [("paragraph", "Just text"), ("paragraph", "More")]


def test_whitespace_only_file_gives_empty_document(tmp_path):
    doc = md(tmp_path, "   \n\n\t\n")
    assert doc.blocks == ()


# -- hostile input ---------------------------------------------------------------------


def test_blockquote_nesting_bomb_is_quick_and_warned(tmp_path):
    start = time.monotonic()
    doc = md(tmp_path, ">" * 10_000 + " hi\n\nAfter.\n")
    assert time.monotonic() - start < 2
    assert "too-deep" in [n.code for n in doc.notes]


def test_list_nesting_bomb(tmp_path):
    text = "".join("  " * i + "- x\n" for i in range(2_000))
    start = time.monotonic()
    doc = md(tmp_path, text)
    assert time.monotonic() - start < 5
    assert "too-deep" in [n.code for n in doc.notes]


def test_moderate_nesting_is_read_without_warning(tmp_path):
    text = "".join("  " * i + f"- level {i + 1}\n" for i in range(12))
    doc = md(tmp_path, text)
    assert [b.level for b in doc.blocks] == list(range(1, 13))
    assert doc.notes == ()


def test_emphasis_nesting_bomb(tmp_path):
    doc = md(tmp_path, "*" * 50_000 + "x" + "*" * 50_000 + "\n\n" + "[" * 20_000 + "\n")
    assert doc.blocks


@pytest.mark.parametrize("unit", ["word ", "![", "[a](", "*a ", "#"])
def test_three_megabyte_line_is_fast(tmp_path, unit):
    line = unit * (3_000_000 // len(unit))
    start = time.monotonic()
    doc = md(tmp_path, line + "\n")
    assert time.monotonic() - start < 5
    assert len(doc.blocks) == 1


def test_markup_budget_falls_back_to_plain_text_with_note(tmp_path):
    doc = md(tmp_path, "*a* " + "[" * 300_000 + "\n")
    assert doc.blocks[0].text.startswith("*a* [[[")
    assert [n.code for n in doc.notes] == ["markup-not-parsed"]


def test_many_lines_refused(tmp_path):
    with pytest.raises(InputError, match="lines, above the 50,000-line limit"):
        md(tmp_path, "a\n\n" * 30_000)


def test_wide_table_row_turns_tables_off(tmp_path):
    cols = markdown.MAX_TABLE_COLUMNS + 5
    text = "a|" * cols + "\n" + "-|" * cols + "\n" + "b|" * cols + "\n"
    doc = md(tmp_path, text)
    assert "table-columns" in [n.code for n in doc.notes]
    assert all(b.kind != "table" for b in doc.blocks)


def test_many_pipes_refused(tmp_path):
    with pytest.raises(InputError, match="'|' characters"):
        md(tmp_path, "| a | b |\n" * 30_000)


def test_recursion_error_becomes_input_error(tmp_path, monkeypatch):
    def boom(*a, **k):
        raise RecursionError

    monkeypatch.setattr(markdown, "_parse", boom)
    with pytest.raises(InputError, match="too deeply nested"):
        md(tmp_path, "text\n")


def test_read_error_is_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot be read"):
        markdown.read(tmp_path / "missing.md")


def test_markup_budget_skips_only_what_does_not_fit(tmp_path):
    doc = md(tmp_path, "[" * 300_000 + "\n\nAfter **that**, fine.\n")
    assert doc.blocks[1].text == "After that, fine."


# -- HTML tables (pandoc writes a Word form so) --------------------------------------------


_FORM = """*Answer each question in the box beside it.*

<table>
<thead>
<tr class="header">
<th colspan="2"><strong>Part 1: Overview Questions</strong></th>
</tr>
</thead>
<tbody>
<tr class="odd">
<td>Describe the demographics of your school or district
community.</td>
<td><p>Lakemont Middle School serves 684 students in grades six
through eight.</p>
<p>Nearly one in five students is an English learner.</p></td>
</tr>
<tr class="even">
<td>Notes &amp; plans</td>
<td><table><tr><td>Timeline</td><td>March</td></tr></table></td>
</tr>
</tbody>
</table>
"""


def test_an_html_table_is_a_table_with_its_header_rows_and_cell_paragraphs(tmp_path):
    doc = md(tmp_path, _FORM)
    [table] = [b for b in doc.blocks if b.kind == "table"]
    assert table.head == 1
    assert table.rows == (
        ("Part 1: Overview Questions", "Part 1: Overview Questions"),  # a merged cell, as Word's reads
        ("Describe the demographics of your school or district community.",
         "Lakemont Middle School serves 684 students in grades six through eight.\n"
         "Nearly one in five students is an English learner."),
        ("Notes & plans", "Timeline March"),  # a nested table is the cell's text, a line a row
    )
    assert kinds(doc)[0] == ("paragraph", "Answer each question in the box beside it.")


def test_a_pandoc_form_in_markdown_is_read_as_a_form(tmp_path):
    from mccheck.analysis.segment import segment
    from mccheck.spec.catalog import resolve

    doc = md(tmp_path, _FORM.replace("Notes &amp; plans", "Do the decisions being made at your school or "
                                      "district align with your current mission statement?"))
    seg = segment([doc], resolve("aligning-school-mission"))
    assert [b.text for b in seg.sections["part1.overview"].counted_blocks][:2] == [
        "Lakemont Middle School serves 684 students in grades six through eight.",
        "Nearly one in five students is an English learner."]


def test_a_column_span_does_not_multiply_a_long_cell(tmp_path):
    long = "word " * 2000
    doc = md(tmp_path, f'<table><tr><td colspan="50">{long}</td></tr><tr><td>a</td><td>b</td></tr></table>\n')
    [table] = [b for b in doc.blocks if b.kind == "table"]
    assert len(table.rows[0]) == 50 and sum(len(c) for c in table.rows[0]) == len(long.strip())


# -- pandoc's own tables (grid and multiline) ------------------------------------------------

_GRID = """Intro line.

+-----------------------------------------------------------------------+
| **Part 1: Overview Questions**                                        |
+===================================+===================================+
| Describe the demographics of your | Lakemont Middle School serves 684 |
| school or district community.     | students.                         |
|                                   |                                   |
|                                   | Nearly one in five is an English  |
|                                   | learner.                          |
+-----------------------------------+-----------------------------------+

After the table.
"""

_MULTILINE = """  -----------------------------------------------------------------------
  **Question**                        **Response**
  ----------------------------------- -----------------------------------
  Is our mission statement clear and  Mostly. It is clear, but it is
  concise?                            longer than it needs to be.

  Is it welcoming and inclusive?      It is friendly.
  -----------------------------------------------------------------------

  ----------------------------------- -----------------------------------
  Timeline                            March
  ----------------------------------- -----------------------------------

Last line.
"""


def test_a_pandoc_grid_table_is_a_table_with_merged_and_multi_paragraph_cells(tmp_path):
    doc = md(tmp_path, _GRID)
    [table] = [b for b in doc.blocks if b.kind == "table"]
    assert table.head == 1 and table.rows == (
        ("Part 1: Overview Questions", "Part 1: Overview Questions"),
        ("Describe the demographics of your school or district community.",
         "Lakemont Middle School serves 684 students.\nNearly one in five is an English learner."),
    )
    assert [(b.text, b.loc.line) for b in doc.blocks if b.kind == "paragraph"] == [
        ("Intro line.", 1), ("After the table.", 13)]  # the lines below keep their numbers


def test_pandoc_multiline_tables_with_and_without_a_header(tmp_path):
    doc = md(tmp_path, _MULTILINE)
    first, second = [b for b in doc.blocks if b.kind == "table"]
    assert first.head == 1 and first.rows == (
        ("Question", "Response"),
        ("Is our mission statement clear and concise?", "Mostly. It is clear, but it is longer than it needs to be."),
        ("Is it welcoming and inclusive?", "It is friendly."),
    )
    assert second.head == 0 and second.rows == (("Timeline", "March"),)
    assert [(b.text, b.loc.line) for b in doc.blocks if b.kind == "paragraph"] == [("Last line.", 14)]


@pytest.mark.parametrize("text", ["A paragraph.\n\n----------\n\nAnother one.\n", "Title\n-----\n\n+ an item\n+ another\n",
                                  "a | b\n--- | ---\n1 | 2\n"])
def test_markdown_without_pandoc_tables_is_left_as_it_is(text):
    from mccheck.readers import pandoc_tables

    assert pandoc_tables.rewrite(text) == text


@pytest.mark.parametrize("text", ["+--+--+\n" * 49_000, "--- ---\nx\n" * 24_000, ("-" * 20 + "\ntext\n--- ---\n") * 16_000])
def test_pandoc_table_lookalikes_are_read_in_linear_time(tmp_path, text):
    start = time.perf_counter()
    md(tmp_path, text)
    assert time.perf_counter() - start < 20  # quadratic rescans took minutes

"""Segmentation: headings, numbering, file names, copied prompts, overrides, unassigned text."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent / "checks"))
from checkkit import SPEC, doc, words  # noqa: E402

from mccheck.analysis.labels import Label, labels  # noqa: E402
from mccheck.analysis.segment import segment  # noqa: E402
from mccheck.analysis.text import terms  # noqa: E402
from mccheck.document import Block, Document, Location  # noqa: E402
from mccheck.spec.catalog import resolve  # noqa: E402
from mccheck.spec.loader import validate_data  # noqa: E402

spec = validate_data(SPEC, "checkkit.SPEC")


def test_terms_drop_limits_numbers_stop_words_and_punctuation():
    assert terms("Part 1. Overview Questions (300-500 word limit):") == ["part", "overvi", "questi"]
    assert terms("1. Who is on your team?") == ["team"]
    assert terms("Don’t stop") == ["dont", "stop"]
    assert terms("decisions") == terms("decision") and terms("issues") == terms("issue")


def test_labels_read_digits_roman_letters_and_words():
    assert labels("Part 1 and Artifact IV") == {Label("part", 1), Label("artifact", 4)}
    assert labels("Essential Outcome 3") == {Label("eo", 3)}
    assert labels("EO 5: evidence") == {Label("eo", 5)}
    assert labels("Part Two") == {Label("part", 2)} and labels("Exhibit B, page 2") == {Label("exhibit", 2)}
    assert labels("participate") == set() and labels("the evidence I gathered") == set()


def test_heading_by_title_alias_and_numbering():
    d = doc(("h1", "Overview"), ("p", "a b c"), ("h1", "Artifact 4"), ("p", "d e"),
            ("h2", "Action Plan for Alignment"), ("p", "f"))
    seg = segment([d], spec)
    assert [b.text for b in seg.sections["part1.overview"].counted_blocks] == ["a b c"]
    assert [b.text for b in seg.sections["artifact4.stakeholders"].counted_blocks] == ["d e"]
    assert [b.text for b in seg.sections["artifact5.plan"].counted_blocks] == ["f"]
    assert "heading" in seg.sections["part1.overview"].matched_by


def test_numbering_never_crosses_to_another_artifact():
    d = doc(("h1", "Artifact 2: Comparable Mission Statements"), ("p", "x"))
    seg = segment([d], spec)
    assert not seg.sections["artifact1.missions"].present
    assert [b.text for b in seg.unassigned] == ["Artifact 2: Comparable Mission Statements", "x"]
    assert seg.unassigned_runs  # a document that names no section: all of it is lost text, reported


def test_short_plain_line_starts_a_section_only_on_a_strong_match():
    d = doc(("p", "Part 3: Reflection"), ("p", words(5)), ("p", "Reflection is hard"), ("p", "y"))
    seg = segment([d], spec)
    texts = [b.text for b in seg.sections["part3.reflection"].counted_blocks]
    assert texts == [words(5), "Reflection is hard", "y"]


def test_file_name_names_the_section():
    d = doc(("p", words(10)), path="Artifact 5 - Action Plan.docx")
    seg = segment([d], spec)
    assert seg.sections["artifact5.plan"].present
    assert seg.file_sections == {"Artifact 5 - Action Plan.docx": "artifact5.plan"}
    assert "file name" in seg.sections["artifact5.plan"].matched_by


def test_overrides_map_files_and_headings():
    d1 = doc(("p", "notes"), path="interviews.docx")
    d2 = doc(("h1", "What I learned"), ("p", "z"), path="draft.md")
    seg = segment([d1, d2], spec, {"interviews.docx": "artifact4.stakeholders", "What I learned": "part3.reflection"})
    assert [b.text for b in seg.sections["artifact4.stakeholders"].counted_blocks] == ["notes"]
    assert [b.text for b in seg.sections["part3.reflection"].counted_blocks] == ["z"]


def test_copied_prompt_is_kept_uncounted_and_recorded():
    d = doc(("h1", "Overview"), ("h2", "1. Describe the demographics of your school community"), ("p", "Mixed."))
    text = segment([d], spec).sections["part1.overview"]
    assert text.copied_prompts == ("q1",) and text.answered_prompts == ("q1",)
    assert [b.text for b in text.counted_blocks] == ["Mixed."]


def test_headers_and_footers_are_context_not_content():
    d = doc(("header", "Jane Doe draft"), ("h1", "Overview"), ("p", "a"), ("footer", "Page 1"))
    seg = segment([d], spec)
    assert [b.text for b in seg.context] == ["Jane Doe draft", "Page 1"]
    assert seg.unassigned == ()


def test_part_heading_over_two_sections_waits_for_a_section_heading():
    cultivating = resolve("cultivating-shared-purpose")
    d = doc(("h1", "Part 1. Overview questions"), ("h2", "Team and challenge description"), ("p", "team"),
            ("h2", "Challenge and impact description"), ("p", "impact"))
    seg = segment([d], cultivating)
    assert [b.text for b in seg.sections["part1.team-and-challenge"].counted_blocks] == ["team"]
    assert [b.text for b in seg.sections["part1.challenge-and-impact"].counted_blocks] == ["impact"]


# --- properties ------------------------------------------------------------------------

_HEADINGS = ["Overview", "Artifact 1", "Artifact 4 Stakeholder Feedback", "Part 3: Reflection",
             "Shared Purpose Document", "Random heading", "Notes"]
_TEXT = st.text(alphabet=st.sampled_from("abcdefgh ijk\n—-"), min_size=1, max_size=40)
_BLOCK = st.one_of(
    st.tuples(st.just("heading"), st.sampled_from(_HEADINGS)),
    st.tuples(st.sampled_from(["paragraph", "list_item", "quote"]), _TEXT),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_BLOCK, max_size=30))
def test_every_counted_block_lands_in_exactly_one_place_in_order(items):
    blocks = tuple(Block(kind, text, Location("d.md", line=i + 1), level=1 if kind == "heading" else 0)
                   for i, (kind, text) in enumerate(items))
    seg = segment([Document("d.md", blocks)], spec)
    placed = [b.loc.line for t in seg.sections.values() for b in t.blocks] + [b.loc.line for b in seg.unassigned]
    assert sorted(placed) == list(range(1, len(blocks) + 1))  # nothing lost, nothing doubled
    for text in seg.sections.values():
        lines = [b.loc.line for b in text.blocks]
        assert lines == sorted(lines)  # order kept inside a section


_SECTION_HEADINGS = [h for h in _HEADINGS if h not in ("Random heading", "Notes")]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_SECTION_HEADINGS), _TEXT), max_size=8, unique_by=lambda x: x[0]),
       st.integers(1, 4))
def test_splitting_a_draft_into_files_keeps_the_same_sections(parts, cut):
    """Moving section-headed blocks into a second file never changes what each section gets.

    (Text under a heading that names no section does not carry over into a new file: a
    file starts fresh, which is why the property uses section headings only, each once: a
    section in two files is reported as a duplicate by design.)"""
    items = [x for h, t in parts for x in (("h1", h), ("p", t))]
    whole = segment([doc(*items)], spec)
    cut = min(cut * 2, len(items))
    if cut < len(items) and items[cut][0] == "h1":
        first, second = doc(*items[:cut]), doc(*items[cut:], path="second.md")
        split = segment([first, second], spec)
        for sid in whole.sections:
            assert [b.text for b in whole.sections[sid].blocks] == [b.text for b in split.sections[sid].blocks]


def test_copied_question_outranks_a_section_title_inside_it():
    cultivating = resolve("cultivating-shared-purpose")
    d = doc(("h1", "Part 3. Reflection"), ("h2", "Shared purpose alignment"),
            ("h3", "Discussion of the ways in which the shared purpose is designed to meet an identified need "
                   "in your school"), ("p", "It meets the need."))
    seg = segment([d], cultivating)
    text = seg.sections["part3.shared-purpose-alignment"]
    assert [b.text for b in text.counted_blocks] == ["It meets the need."]
    assert not seg.sections["part2.shared-purpose"].blocks


def test_placeholder_lines_and_blank_template_tables_are_not_the_teachers_words():
    d = doc(("h1", "Overview"), ("p", "[Write 50-100 words: describe your school]"),
            ("table", [["Suggestion", "Timeline"], ["", ""]]), ("p", "TODO"), ("p", "Real text. TODO: more"))
    text = segment([d], spec).sections["part1.overview"]
    assert [b.text for b in text.counted_blocks] == ["Real text. TODO: more"]
    assert [b.origin for b in text.blocks if not b.counted] == ["prompt", "placeholder", "placeholder", "placeholder"]
    assert [r for b, r in zip(text.blocks, text.roles) if not b.counted] == [
        "heading", "placeholder", "placeholder", "placeholder"]


def test_unknown_heading_at_the_same_level_ends_the_section():
    d = doc(("h1", "Overview"), ("p", "in overview"), ("h2", "A sub-heading"), ("p", "still overview"),
            ("h1", "Looking back on the year"), ("p", "not the overview"), ("h1", "Part 3: Reflection"), ("p", "r"))
    seg = segment([d], spec)
    assert [b.text for b in seg.sections["part1.overview"].counted_blocks] == [
        "in overview", "A sub-heading", "still overview"]
    assert [[b.text for b in run] for run in seg.unassigned_runs] == [["Looking back on the year", "not the overview"]]


def test_a_files_own_section_survives_unknown_headings():
    d = doc(("h1", "Interview with a parent"), ("p", "answers"), ("h1", "Interview with a teacher"), ("p", "more"),
            path="Artifact 4 Stakeholder Feedback.md")
    seg = segment([d], spec)
    assert len(seg.sections["artifact4.stakeholders"].counted_blocks) == 4 and not seg.unassigned


def test_unassigned_runs_break_where_assigned_text_intervenes():
    d = doc(("p", "Title line"), ("h1", "Overview"), ("p", "x"), ("h1", "Random heading"), ("p", "stray"))
    seg = segment([d], spec)
    # A short title before the first section is front matter: unassigned, but expected.
    assert [b.text for b in seg.title_blocks] == ["Title line"]
    assert [[b.text for b in run] for run in seg.unassigned_runs] == [["Random heading", "stray"]]
    assert [b.text for b in seg.unassigned] == ["Title line", "Random heading", "stray"]


def test_long_text_before_the_first_section_is_lost_text_not_a_title():
    d = doc(("p", words(60)), ("h1", "Overview"), ("p", "x"))
    seg = segment([d], spec)
    assert not seg.title_blocks and [len(run) for run in seg.unassigned_runs] == [1]


def test_in_a_folder_files_that_name_no_section_are_evidence():
    agenda = doc(("p", "Agenda: 1. norms 2. protocol"), path="Agenda March.pdf")
    notes = doc(("p", "Meeting notes"), path="Exhibits/notes.md")
    draft = doc(("h1", "Overview"), ("p", "x"), path="draft.md")
    seg = segment([agenda, notes, draft], spec, evidence_names=frozenset({"Exhibits/notes.md"}), folder=True)
    assert seg.artifact_files == ("Agenda March.pdf", "Exhibits/notes.md") and not seg.unassigned
    # The same file given on its own is the teacher's writing, never an artifact.
    assert segment([agenda], spec).artifact_files == ()


def test_a_file_named_like_evidence_that_names_a_section_is_writing():
    d = doc(("h1", "Artifact 4 Stakeholder Feedback"), ("p", "answers"), path="interviews.pdf")
    seg = segment([d], spec, evidence_names=frozenset({"interviews.pdf"}), folder=True)
    assert seg.artifact_files == () and seg.sections["artifact4.stakeholders"].present


# --- a fill-in form: the whole submission in a table, read through the real docx reader ---


def _form_docx(path: Path, reflection_answer: str) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("Fostering a Collaborative Learning Culture: submission form", style="Title")
    table = d.add_table(rows=0, cols=2)

    def row(left: str, right: str = "") -> None:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = left, right

    row("Part 1. Overview (300-word limit)")
    row("Please discuss the collaborative learning culture you fostered, including the details of what "
        "considerations were made to engage teachers in this culture.", words(120, "culture"))
    row("Part 3. Reflection (300-word limit)")
    row("How is this collaborative culture of learning among adults impacting the school culture?",
        reflection_answer)
    row("What is the impact of purposeful and consistent adult learning on instruction?", words(60, "impact"))
    row("Moving forward, how might your practice change as a result of what you have learned?",
        words(50, "practice"))
    d.save(path)


def test_a_form_table_is_read_cell_by_cell_and_its_questions_are_not_counted(tmp_path):
    from mccheck.readers import read

    culture = resolve("collaborative-learning-culture")
    path = tmp_path / "form.docx"
    _form_docx(path, words(70, "adults"))
    seg = segment([read(path)], culture)
    overview, reflection = seg.sections["part1.overview"], seg.sections["part3.reflection"]
    assert [b.text for b in overview.counted_blocks] == [words(120, "culture")]
    assert [b.text for b in reflection.counted_blocks] == [words(70, "adults"), words(60, "impact"), words(50, "practice")]
    assert set(reflection.answered_prompts) == {"school-culture", "instruction", "practice-change"}


def test_a_table_that_names_no_section_stays_a_table():
    d = doc(("h1", "Artifact 4 Stakeholder Feedback"),
            ("table", [["Question", "Response"], ["Is our mission statement clear and concise?", "Yes."]]))
    text = segment([d], spec).sections["artifact4.stakeholders"]
    assert [b.kind for b in text.counted_blocks] == ["table"]


def test_a_one_column_forms_prompt_cell_above_the_answer_is_the_forms_text(tmp_path):
    # A shaded prompt cell (the section's name and the issuer's instructions) above each answer cell.
    import docx

    from mccheck.readers import read

    d = docx.Document()
    table = d.add_table(rows=0, cols=1)
    for text in ("Part 1. Overview (300-word limit)",
                 "Overview\nPlease discuss the collaborative learning culture you fostered.",
                 words(120, "culture"),
                 "Part 2. Work Examples\nUpload your artifacts and list each one below, with one sentence on its use.",
                 "Agendas for four sessions.\n" + words(30, "rubric"),
                 "Part 3. Reflection (300-word limit)",
                 words(90, "adults")):
        table.add_row().cells[0].text = text
    path = tmp_path / "form-above.docx"
    d.save(path)
    seg = segment([read(path)], resolve("collaborative-learning-culture"))
    counted = {sid: [b.text for b in s.counted_blocks] for sid, s in seg.sections.items()}
    assert counted == {"part1.overview": [words(120, "culture")],
                       "part2.artifacts": ["Agendas for four sessions.", words(30, "rubric")],
                       "part3.reflection": [words(90, "adults")]}


def test_a_title_that_calls_itself_a_micro_credential_keeps_its_byline_out():
    d = doc(("h1", "Collaborative Learning Culture Micro-credential"), ("p", "Mesa Verde Middle School, science department"),
            ("h1", "Part 1"), ("h2", "Overview Question"), ("p", words(40, "culture")))
    seg = segment([d], resolve("collaborative-learning-culture"))
    assert [b.text for b in seg.sections["part1.overview"].counted_blocks] == [words(40, "culture")]
    assert [b.text for b in seg.title_blocks][:2] == ["Collaborative Learning Culture Micro-credential",
                                                     "Mesa Verde Middle School, science department"]


def test_a_heading_that_names_an_element_of_the_open_section_is_its_sub_heading(tmp_path):
    # Every heading is a bold line, as in a browser's print of headings one size: "Vision
    # Statement" and "Goals" look like section headings but name the shared purpose's parts.
    from mccheck.readers import read

    lines = ["**Part 1: Overview Questions**", "**Team and Challenge Description**", words(60, "team"),
             "**Challenge and Impact Description**", words(60, "impact"),
             "**Part 2: Evidence**", "**Our Shared Purpose**",
             "**Mission Statement**", words(20, "mission"), "**Vision Statement**", words(20, "vision"),
             "**Values**", words(12, "value"), "**Goals**", words(15, "goal"),
             "**Team Survey on Our Process**", words(30, "survey"),
             "**Part 3: Reflection**", "**Shared Purpose and Alignment**", words(80, "align"),
             "**Team Context**", words(70, "context")]
    path = tmp_path / "draft.md"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    seg = segment([read(path)], resolve("cultivating-shared-purpose"))
    purpose = seg.sections["part2.shared-purpose"]
    assert sum(len(b.text.split()) for b in purpose.counted_blocks if not b.text.startswith(
        ("Mission", "Vision", "Values", "Goals", "Team Survey"))) == 20 + 20 + 12 + 15 + 30
    assert [b.text for b in purpose.with_role("subheading")] == [
        "Mission Statement", "Vision Statement", "Values", "Goals", "Team Survey on Our Process"]
    assert [b.text for b in seg.sections["part3.shared-purpose-alignment"].counted_blocks] == [words(80, "align")]
    assert not [b for run in seg.unassigned_runs for b in run if b.counted]


from checkkit import doc, ids, words

from mccheck.context import Policy
from mccheck.engine import check_documents
from mccheck.spec.records import as_data


def test_placeholders_are_found_with_location(run):
    d = doc(("h1", "Overview"), ("p", words(30) + " TODO add data"), ("p", "[Insert your school's data here]"),
            ("p", "Lorem ipsum dolor sit amet"), ("p", "we keep a todo list"))
    [f] = run(d, only=["placeholder"]).findings  # one per section, with how many more
    assert f.loc.line == 2 and "'TODO'" in f.message and "(and 2 more)" in f.message
    assert f.severity == "error" and f.section == "part1.overview"
    d2 = doc(("h1", "Overview"), ("p", "[Write 50 words]"), ("h1", "Part 3: Reflection"), ("p", "TBD"))
    assert [(f.section, f.loc.line) for f in run(d2, only=["placeholder"]).findings] == [
        ("part1.overview", 2), ("part3.reflection", 4)]


def test_a_word_content_control_prompt_is_a_placeholder_in_any_format(run):
    # Exported to PDF or converted to markdown, Word's prompt is plain text: still not an answer.
    d = doc(("h1", "Overview"), ("p", words(30)), ("h1", "Part 3: Reflection"), ("p", "Click or tap here to enter text."))
    [f] = run(d, only=["placeholder"]).findings
    assert (f.section, f.loc.line, f.severity) == ("part3.reflection", 4, "error")
    missing = {x.section: x.code for x in run(d, only=["missing-section"]).findings}
    assert missing["part3.reflection"] == "empty"  # the prompt is not the teacher's words
    d2 = doc(("h1", "Overview"), ("p", words(30) + " Choose an item. Click here to enter a date."))
    assert "(and 1 more)" in run(d2, only=["placeholder"]).findings[0].message
    prose = doc(("h1", "Overview"), ("p", "Teachers click here and there to enter text into the shared log."))
    assert run(prose, only=["placeholder"]).findings == ()


def test_identifying_info_in_text_and_footer(run):
    d = doc(("h1", "Overview"), ("p", "Write to jane.smith@lincoln.k12.us or call (555) 123-4567."),
            ("p", "Jane Smith teaches here."), ("footer", "Jane Smith — Lincoln Elementary"))
    findings = run(d, only=["identifying-info"], identities=("Jane Smith",)).findings
    messages = " | ".join(f.message for f in findings)
    assert "jane.smith@lincoln.k12.us" in messages and "(555) 123-4567" in messages
    assert sum("'Jane Smith'" in f.message for f in findings) == 2
    assert any("footer" in f.message for f in findings)


def test_identifying_info_ignores_numbers_that_are_not_phones(run):
    d = doc(("h1", "Overview"), ("p", "In 2023-2024, 1,250 students; ratio 3.5; dates 10/12/2025."))
    assert run(d, only=["identifying-info"]).findings == ()


def test_unassigned_text_is_reported(run):
    d = doc(("h1", "My thoughts"), ("p", words(40)), ("h1", "Overview"), ("p", words(60)))
    [f] = run(d, only=["unassigned-text"]).findings
    assert f.severity == "warning" and "42 words" in f.message and f.loc.line == 1  # the heading's 2 words count too


def test_short_title_before_sections_is_fine(run):
    d = doc(("h1", "Micro-credential submission"), ("h1", "Overview"), ("p", words(60)))
    assert run(d, only=["unassigned-text"]).findings == ()


def test_evidence_reference_to_missing_file_in_folder(spec, tmp_path):
    d = doc(("h1", "Overview"), ("p", "As Artifact B, p. 2 shows, and Artifact C shows."), path=str(tmp_path / "draft.md"))
    artifact = doc(("p", "agenda"), path=str(tmp_path / "Artifact C agenda.pdf"))
    object.__setattr__(artifact, "pages", 3)
    report = check_documents([d, artifact], spec, Policy(only=frozenset({"evidence-reference"})), folder=tmp_path)
    messages = [f.message for f in report.findings]
    assert any("Artifact B" in m and "no file" in m for m in messages)
    assert any("Artifact C without a page" in m for m in messages)


def test_evidence_reference_past_last_page(spec, tmp_path):
    d = doc(("h1", "Overview"), ("p", "See Artifact C, p. 9."), path=str(tmp_path / "draft.md"))
    artifact = doc(("p", "agenda"), path=str(tmp_path / "Artifact C.pdf"))
    object.__setattr__(artifact, "pages", 3)
    report = check_documents([d, artifact], spec, Policy(only=frozenset({"evidence-reference"})), folder=tmp_path)
    [f] = report.findings
    assert "page 9" in f.message and "only 3 pages" in f.message and f.severity == "error"


def test_unreadable_file_in_folder_is_a_finding(spec, tmp_path):
    d = doc(("h1", "Overview"), ("p", words(60)))
    report = check_documents([d], spec, Policy(only=frozenset({"read-problem"})), folder=tmp_path,
                             unreadable=[("locked.pdf", "is password-protected")])
    [f] = report.findings
    assert f.severity == "error" and "password" in f.message and f.loc.file == "locked.pdf"


def test_suppression_comment_disables_a_check_for_its_file(run):
    d = doc(("h1", "Overview"), ("p", words(30) + " TODO"), suppressed={"placeholder"})
    assert run(d, only=["placeholder"]).findings == ()


def test_ignore_and_only(run):
    d = doc(("h1", "Overview"), ("p", words(130)))
    assert "word-limit" not in {c for c, _ in ids(run(d, ignore=frozenset({"word-limit"})))}
    assert {c for c, _ in ids(run(d, only=["word-limit"]))} == {"word-limit"}


def test_rubric_checklist_marks_verified_and_judgement_items(run):
    items = [("h1", "Artifact 1")]
    for i in range(1, 4):
        items += [("h2", f"Mission statement {i}"), ("p", words(5))]
    report = run(doc(*items))
    rubric = {r.text: r for r in report.rubric}
    assert rubric["3 mission statements"].verified and rubric["3 mission statements"].passed
    judged = rubric["All questions answered thoughtfully"]
    assert not judged.verified and judged.passed is None
    assert all(r.level == "Proficient" for r in report.rubric)


def test_artifacts_counted_by_file_name_in_a_folder(spec, tmp_path):
    draft = doc(("h1", "Overview"), ("p", words(60)), path=str(tmp_path / "draft.md"))
    one = doc(("p", "x"), path=str(tmp_path / "Agenda March.pdf"))
    opts = Policy(only=frozenset({"artifact-missing"}))
    [f] = check_documents([draft, one], spec, opts, folder=tmp_path).findings
    # One agenda where the issuer asks for "several" (encoded as 2, inferred): a warning, not a block.
    assert f.severity == "warning" and "Agendas: 1 of at least 2 files" in f.message
    assert f.next_step.startswith("add 1 more file to") and "such as agendas of sessions" in f.next_step
    two = doc(("p", "x"), path=str(tmp_path / "agenda-april.docx"))
    assert check_documents([draft, one, two], spec, opts, folder=tmp_path).findings == ()
    # A file mccheck does not read (a recording) counts too, when its name says what it is.
    assert check_documents([draft, one], spec, opts, folder=tmp_path,
                           other_files=(str(tmp_path / "agenda walkthrough.mp4"),)).findings == ()


def test_artifacts_not_judged_for_a_single_file(spec):
    draft = doc(("h1", "Overview"), ("p", words(60)))
    [f] = check_documents([draft], spec, Policy(only=frozenset({"artifact-missing"}))).findings
    assert f.severity == "info" and "whole submission folder" in f.next_step


def test_artifact_that_is_a_required_section_is_left_to_missing_section(spec, tmp_path):
    data = as_data(spec)
    data["artifacts"] = [{"id": "missions-file", "title": "Artifact 1", "part": "artifact1", "patterns": ["artifact ?1"]}]
    data["parts"][1]["sections"][0]["upload"] = True
    from mccheck.spec.loader import validate_data

    with_upload = validate_data(data, "with_upload")
    draft = doc(("h1", "Overview"), ("p", words(60)), path=str(tmp_path / "draft.md"))
    report = check_documents([draft], with_upload, Policy(), folder=tmp_path)
    assert ("artifact-missing", None) not in ids(report)
    assert ("missing-section", "artifact1.missions") in ids(report)


def test_evidence_reference_plural_artifacts_is_not_a_citation(spec, tmp_path):
    # "Artifacts 1-4" once read as a citation of "Artifact S" with no file in the folder.
    d = doc(("h1", "Overview"), ("p", "These come from the gaps found in Artifacts 1-4 and in the exhibits."),
            path=str(tmp_path / "draft.md"))
    report = check_documents([d], spec, Policy(only=frozenset({"evidence-reference"})), folder=tmp_path)
    assert report.findings == ()


def test_evidence_reference_to_a_written_section_file_needs_no_page(spec, tmp_path):
    # "Artifact 1 ..." holds a section of this submission: a cross-reference, not evidence to locate.
    d = doc(("h1", "Overview"), ("p", "As I wrote in Artifact 1, and as Artifact C shows."), path=str(tmp_path / "draft.md"))
    section_file = doc(("p", words(40)), path=str(tmp_path / "Artifact 1 Comparable Mission Statements.docx"))
    evidence = doc(("p", "agenda"), path=str(tmp_path / "Artifact C agenda.pdf"))
    report = check_documents([d, section_file, evidence], spec,
                             Policy(only=frozenset({"evidence-reference"})), folder=tmp_path)
    messages = [f.message for f in report.findings]
    assert messages == ["cites Artifact C without a page number or time stamp"]


def test_unassigned_text_that_answers_a_missing_section_names_it(run):
    d = doc(("h1", "Overview"), ("p", words(60)), ("h1", "Looking back"),
            ("p", "Our demographics changed and decisions now align with the mission statement. " + words(20)))
    [f] = run(d, only=["unassigned-text"]).findings
    assert "names the section" in f.next_step  # the overview is present: no missing section fits
    d2 = doc(("h1", "Looking back"),
             ("p", "Our demographics changed and decisions now align with the mission statement. " + words(20)))
    [f] = run(d2, only=["unassigned-text"]).findings
    assert "reads like Overview Questions (part1.overview), which is missing" in f.next_step
    assert "'Part 1 Overview Questions'" in f.next_step


def test_declared_names_are_looked_for_even_without_an_anonymity_rule(spec):
    from mccheck.spec.loader import validate_data

    data = as_data(spec)
    data["constraints"] = []
    open_spec = validate_data(data, "open_spec")
    d = doc(("h1", "Overview"), ("p", "Jane Smith wrote this; mail jane@example.org."), ("footer", "Jane Smith"))
    opts = Policy(only=frozenset({"identifying-info"}), identities=("Jane Smith",))
    findings = check_documents([d], open_spec, opts).findings
    assert [(f.severity, f.loc.line) for f in findings] == [("warning", 2), ("warning", 3)]
    assert all("you asked mccheck" in f.message for f in findings)  # the email is not judged here
    assert check_documents([d], open_spec, Policy(only=frozenset({"identifying-info"}))).findings == ()


def test_evidence_beside_a_written_part_is_still_required(spec, tmp_path):
    """A portfolio attached to a written self-analysis: the files are checked, not the section."""
    data = as_data(spec)
    data["artifacts"] = [{"id": "portfolio", "title": "Artifact portfolio", "part": "part3", "min": 1,
                          "patterns": ["evidence|exhibit"]}]
    from mccheck.spec.loader import validate_data

    with_portfolio = validate_data(data, "with_portfolio")
    draft = doc(("h1", "Part 3: Reflection"), ("p", words(25)), path=str(tmp_path / "draft.md"))
    opts = Policy(only=frozenset({"artifact-missing"}))
    [f] = check_documents([draft], with_portfolio, opts, folder=tmp_path).findings
    assert "Artifact portfolio: 0 of at least 1 files" in f.message
    exhibit = doc(("p", "agenda"), path=str(tmp_path / "Exhibit A agenda.pdf"))
    assert check_documents([draft, exhibit], with_portfolio, opts, folder=tmp_path).findings == ()


def test_a_paraphrased_heading_is_mapped_and_reported_as_assumed(tmp_path):
    from mccheck.spec.catalog import resolve

    spec = resolve("cultivating-shared-purpose")
    d = doc(("h1", "Part 3: Reflection"),
            ("h2", "How our shared purpose meets a need and fits together"),
            ("p", "Our mission, vision, values and goals fit together to meet a need in our school. " + words(40)),
            ("h2", "Team Context"), ("p", words(50)), path=str(tmp_path / "reflection.md"))
    report = check_documents([d], spec, Policy(only=frozenset({"section-mapping"})))
    [f] = report.findings
    assert (f.check, f.code, f.section) == ("section-mapping", "assumed", "part3.shared-purpose-alignment")
    assert f.loc.line == 2 and "Shared purpose alignment" in f.next_step
    assert {s.section_id: s.words for s in report.sections}["part3.shared-purpose-alignment"] == 55


def test_a_copy_of_a_draft_is_named_and_not_counted_twice(tmp_path):
    from mccheck.spec.catalog import resolve

    spec = resolve("collaborative-learning-culture")
    draft = doc(("h1", "Part 3 Reflection"), ("p", words(120)), path=str(tmp_path / "Part 3 Reflection.md"))
    copy = doc(("h1", "Part 3 Reflection"), ("p", words(90)), path=str(tmp_path / "Part 3 Reflection (old version).md"))
    report = check_documents([copy, draft], spec, Policy(only=frozenset({"section-mapping"})), folder=tmp_path)
    [f] = report.findings
    assert (f.check, f.code, f.section) == ("section-mapping", "duplicate-file", "part3.reflection")
    assert f.data["first"].endswith("Part 3 Reflection.md") and not f.data["second_counted"]
    assert {s.section_id: s.words for s in report.sections}["part3.reflection"] == 120

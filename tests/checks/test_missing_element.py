"""missing-element on in-memory documents: severity from certainty, one finding per problem, advice.

The layouts themselves are covered by the check cases (tests/checks/cases/*.yaml) through
the real readers; these tests pin the contracts every interpreter shares.
"""

from checkkit import doc, ids, words


def _missions(n):
    items = [("h1", "Artifact 1: Comparable Mission Statements")]
    for i in range(1, n + 1):
        items += [("h2", f"Mission Statement {i}"), ("q", words(12, "mission")), ("p", words(10))]
    return doc(*items)


def test_three_mission_statements_pass(run):
    assert ids(run(_missions(3), only=["missing-element"]), section="artifact1.missions") == []


def test_two_mission_statements_are_an_error_that_says_how_many_to_add(run):
    [f] = run(_missions(2), only=["missing-element"]).findings
    assert (f.severity, f.code) == ("error", "too-few")
    assert "2 of 3" in f.message and "'Mission Statement 1', 'Mission Statement 2'" in f.message
    assert f.next_step.startswith("add 1 more mission statement") and "quoted under the name" in f.next_step
    assert f.data["certain"] is True and f.data["found"] == 2


def test_a_sentence_mentioning_mission_statement_is_no_statement_and_only_a_doubt(run):
    d = doc(("h1", "Artifact 1"), ("p", "Our mission statement 1 is clear, and " + words(20)))
    [f] = run(d, only=["missing-element"]).findings
    assert (f.severity, f.code) == ("warning", "none-found")
    assert "mccheck looks for quoted statements" in f.message


def _stakeholders(*roles, skip=()):
    items = [("h1", "Artifact 4 Stakeholder Feedback")]
    for role in roles:
        items.append(("p", f"{role}:"))
        if role not in skip:
            items.append(("p", "Is our mission statement clear and concise? Yes, mostly."))
        items.append(("p", "Is it welcoming and inclusive? Not to everyone."))
    return doc(*items)


def test_enough_roles_that_answer_every_copied_question_pass(run):
    assert ids(run(_stakeholders("Parent", "Teacher", "Role: Student"), only=["missing-element"])) == []


def test_too_few_roles_is_one_error_naming_the_roles_found(run):
    [f] = run(_stakeholders("Parent", "Parent", "Teacher"), only=["missing-element"]).findings
    assert (f.severity, f.code) == ("error", "too-few-groups")
    assert "2 of 3" in f.message and "(Parent, Teacher)" in f.message and "Student" in f.next_step


def test_an_unanswered_question_is_one_finding_naming_every_role_that_skipped_it(run):
    findings = run(_stakeholders("Parent", "Teacher", "Student", skip=("Parent", "Student")),
                   only=["missing-element"]).findings
    [f] = findings
    assert (f.severity, f.code) == ("error", "question-unanswered")
    assert "question 1" in f.message and "unanswered by Parent and Student" in f.message
    assert f.data["roles"] == ["Parent", "Student"]


def test_answers_that_cannot_be_placed_are_one_warning(run):
    d = doc(("h1", "Artifact 4 Stakeholder Feedback"),
            ("p", "Parent:"), ("p", "It is clear."), ("p", "Teacher:"), ("p", "Fine."),
            ("p", "Student:"), ("p", "Long."))
    [f] = run(d, only=["missing-element"]).findings
    assert (f.severity, f.code) == ("warning", "answers-unplaced")
    assert "Parent, Teacher and Student" in f.message and "its number, before its answer" in f.next_step


def test_suggestions_with_all_fields_pass(run):
    d = doc(("h1", "Artifact 5: Action Plan for Alignment"),
            ("h2", "Suggestion 1"), ("p", "Timeline: May. Potential barriers: time."),
            ("h2", "Suggestion 2"), ("p", "Timeline: June. Barriers: none."))
    assert ids(run(d, only=["missing-element"])) == []


def test_a_suggestion_without_the_labels_the_others_use_lacks_them_for_certain(run):
    d = doc(("h1", "Artifact 5"),
            ("h2", "Suggestion 1"), ("p", "Timeline: May. Potential barriers: time."),
            ("h2", "Suggestion 2"), ("p", "We will start in June."))
    [f] = run(d, only=["missing-element"]).findings
    assert (f.severity, f.code) == ("error", "field-missing")
    assert "suggestion 2 ('Suggestion 2') lacks Timeline, Potential Barriers" in f.message
    assert f.next_step == "add a Timeline / Potential Barriers to suggestion 2"
    assert f.loc.line == 4


def test_too_many_suggestions(run):
    items = [("h1", "Artifact 5")]
    for i in range(1, 5):
        items += [("h2", f"Recommendation {i}"), ("p", "Timeline: fall. Barriers: cost.")]
    [f] = run(doc(*items), only=["missing-element"]).findings
    assert f.code == "too-many" and "4 suggestions found, at most 3" in f.message and f.loc.line == 8


def test_action_plan_as_a_table_names_the_row_and_the_empty_field(run):
    d = doc(("h1", "Artifact 5"),
            ("table", [["Suggestion", "Timeline", "Potential Barriers"], ["Mission audit", "Fall", "Time"],
                       ["Survey", "", "Cost"]]))
    [f] = run(d, only=["missing-element"]).findings
    assert f.severity == "error" and "suggestion 2 ('Survey') lacks Timeline" in f.message


def test_presence_in_prose_names_each_component_it_found_no_sign_of(run):
    d = doc(("h1", "Part 2: Shared Purpose Document"), ("p", "Our mission is X. Our vision is Y."))
    [f] = run(d, only=["missing-element"]).findings
    assert (f.severity, f.code, f.data["term"]) == ("warning", "term-missing", "values")
    assert f.next_step.startswith("add the values to Shared Purpose Document")


def test_presence_never_counts_a_placeholder_or_a_heading(run):
    d = doc(("h1", "Part 2: Shared Purpose Document"),
            ("h2", "Mission"), ("p", "We open classroom doors."),
            ("h2", "Vision"), ("p", "[Insert your vision here]"),
            ("h2", "Values"), ("p", "Trust and curiosity."))
    [f] = run(d, only=["missing-element"]).findings
    assert (f.severity, f.code, f.data["term"], f.loc.line) == ("error", "empty", "vision", 4)


def test_each_outcome_needs_located_evidence(run):
    d = doc(("h1", "Part 3 Reflection"),
            ("p", "EO 1: see Artifact A, p. 4 for the agenda."),
            ("p", "EO 2: the video shows the protocol."))
    [f] = run(d, only=["missing-element"]).findings
    assert (f.severity, f.code) == ("error", "no-evidence") and "EO 2 has no located evidence" in f.message
    assert f.loc.line == 3
    d2 = doc(("h1", "Part 3 Reflection"), ("p", "EO 1: Artifact A, p. 4."), ("p", "EO 2: video at 03:15."))
    assert run(d2, only=["missing-element"]).findings == ()


def test_a_citation_without_its_page_is_reported_once_by_evidence_reference(run):
    d = doc(("h1", "Part 3 Reflection"), ("p", "EO 1: Artifact A, p. 4."), ("p", "EO 2: see Artifact B."))
    [f] = [f for f in run(d, only=["missing-element", "evidence-reference"]).findings if f.severity != "info"]
    assert (f.check, f.code, f.severity, f.loc.line) == ("evidence-reference", "no-locator", "error", 3)
    assert "EO 2 cites Artifact B without a page number" in f.message
    assert run(d, only=["missing-element"]).findings == ()


def test_an_inferred_requirement_only_warns(spec):
    from mccheck.context import Policy
    from mccheck.engine import check_documents
    from mccheck.spec.loader import validate_data
    from mccheck.spec.records import as_data

    data = as_data(spec)
    data["parts"][4]["sections"][0]["elements"][0]["inferred"] = True
    inferred = validate_data(data, "inferred")
    d = doc(("h1", "Part 2: Shared Purpose Document"), ("h2", "Mission"), ("p", "X."), ("h2", "Vision"), ("p", "Y."))
    [f] = check_documents([d], inferred, Policy(only=frozenset({"missing-element"}))).findings
    assert (f.code, f.severity, f.data["inferred"], f.data["certain"]) == ("term-missing", "warning", True, True)

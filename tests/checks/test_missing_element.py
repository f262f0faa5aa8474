from checkkit import doc, ids, words


def _missions(n):
    items = [("h1", "Artifact 1: Comparable Mission Statements")]
    for i in range(1, n + 1):
        items += [("h2", f"Mission Statement {i}"), ("q", words(12, "mission")), ("p", words(10))]
    return doc(*items)


def test_three_mission_statements_pass(run):
    assert ids(run(_missions(3), only=["missing-element"]), section="artifact1.missions") == []


def test_two_mission_statements_fail_with_how_many_to_add(run):
    [f] = run(_missions(2), only=["missing-element"]).findings
    assert f.severity == "error" and "2 of 3" in f.message and "add 1 more" in f.next_step
    assert "Mission statement 1" in f.next_step


def test_a_sentence_mentioning_mission_statement_is_not_an_item(run):
    d = doc(("h1", "Artifact 1"), ("p", "Our mission statement 1 is clear, and " + words(20)))
    [f] = run(d, only=["missing-element"]).findings
    assert "0 of 3" in f.message


def _stakeholders(*roles, answer=True):
    items = [("h1", "Artifact 4 Stakeholder Feedback")]
    for role in roles:
        items.append(("p", f"{role}:"))
        items.append(("p", "It is clear and concise. It is welcoming and inclusive." if answer else "It is clear."))
    return doc(*items)


def test_enough_distinct_roles_that_answer_everything_pass(run):
    assert ids(run(_stakeholders("Parent", "Teacher", "Role: Student"), only=["missing-element"])) == []


def test_too_few_roles_fail(run):
    [f] = run(_stakeholders("Parent", "Parent", "Teacher"), only=["missing-element"]).findings
    assert "2 of 3" in f.message and "Parent, Teacher" in f.message and "Student" in f.next_step


def test_a_role_that_misses_questions_is_named(run):
    findings = run(_stakeholders("Parent", "Teacher", "Student", answer=False), only=["missing-element"]).findings
    assert len(findings) == 3
    assert "Parent response does not answer 1 of 2" in findings[0].message
    assert "welcoming" in findings[0].next_step


def test_suggestions_with_all_fields_pass(run):
    d = doc(("h1", "Artifact 5: Action Plan for Alignment"),
            ("h2", "Suggestion 1"), ("p", "Timeline: May. Potential barriers: time."),
            ("h2", "Suggestion 2"), ("p", "Timeline: June. Barriers: none."))
    assert ids(run(d, only=["missing-element"])) == []


def test_suggestion_missing_a_field_names_it(run):
    d = doc(("h1", "Artifact 5"),
            ("h2", "Suggestion 1"), ("p", "Timeline: May. Potential barriers: time."),
            ("h2", "Suggestion 2"), ("p", "We will start in June."))
    [f] = run(d, only=["missing-element"]).findings
    assert "suggestion 2 lacks Timeline, Potential Barriers" in f.message
    assert f.next_step == "add a Timeline / Potential Barriers to suggestion 2"
    assert f.loc.line == 4


def test_too_many_suggestions(run):
    items = [("h1", "Artifact 5")]
    for i in range(1, 5):
        items += [("h2", f"Recommendation {i}"), ("p", "Timeline and barriers.")]
    [f] = run(doc(*items), only=["missing-element"]).findings
    assert "4 suggestions found, at most 3" in f.message


def test_action_plan_as_a_table(run):
    d = doc(("h1", "Artifact 5"),
            ("table", [["Suggestion", "Timeline", "Potential Barriers"], ["Mission audit", "Fall", "Time"],
                       ["Survey", "", "Cost"]]))
    [f] = run(d, only=["missing-element"]).findings
    assert "suggestion 2 lacks Timeline" in f.message


def test_presence_names_each_missing_component(run):
    d = doc(("h1", "Part 2: Shared Purpose Document"), ("p", "Our mission is X. Our vision is Y."))
    [f] = run(d, only=["missing-element"]).findings
    assert "values" in f.message and f.next_step == "add the values to Shared Purpose Document"


def test_evidence_reference_per_outcome(run):
    d = doc(("h1", "Part 3 Reflection"),
            ("p", "EO 1: see Artifact A, p. 4 for the agenda."),
            ("p", "EO 2: the video shows the protocol."))
    [f] = run(d, only=["missing-element"]).findings
    assert "EO 2 cites no page number or time stamp" in f.message and f.loc.line == 3
    d2 = doc(("h1", "Part 3 Reflection"), ("p", "EO 1: Artifact A, p. 4."), ("p", "EO 2: video at 03:15."))
    assert run(d2, only=["missing-element"]).findings == ()

from checkkit import doc, words


def test_key_terms_count_as_an_answer(run):
    d = doc(("h1", "Overview"), ("p", "Our demographics are diverse. Decisions align with the mission. " + words(50)))
    assert [f for f in run(d, only=["prompt-not-addressed"]).findings] == []


def test_unanswered_prompt_warns_with_its_number(run):
    d = doc(("h1", "Overview"), ("p", "Our demographics are diverse. " + words(50)))
    [f] = run(d, only=["prompt-not-addressed"]).findings
    assert f.severity == "warning" and "question 2" in f.message and "mission statement" in f.message


def test_copied_prompt_without_answer_warns_even_if_terms_appear_elsewhere(run):
    d = doc(("h1", "Overview"),
            ("h2", "Describe the demographics of your school community."),
            ("p", "Decisions align; demographics are mixed. " + words(50)),
            ("h2", "Do the decisions at your school align with your mission statement?"))
    findings = run(d, only=["prompt-not-addressed"]).findings
    assert len(findings) == 1 and "copied but has no answer" in findings[0].message


def test_copied_prompts_are_not_counted(run):
    d = doc(("h1", "Overview"),
            ("p", "Describe the demographics of your school community."),
            ("p", words(60)))
    report = run(d, only=["word-limit"])
    assert report.sections[0].words == 60


def test_question_list_copied_at_the_top_is_judged_by_the_answers_after_it(run):
    # An interview document: the questions are listed once, then each person's answers follow.
    d = doc(("h1", "Stakeholder Feedback"),
            ("li", "Is our mission statement clear and concise?"),
            ("li", "Is it welcoming and inclusive?"),
            ("h2", "Parent"),
            ("p", "It is clear but not concise. It feels welcoming to families and inclusive of them."))
    assert run(d, only=["prompt-not-addressed"]).findings == ()


def test_question_list_with_a_question_nobody_answered_still_warns(run):
    d = doc(("h1", "Stakeholder Feedback"),
            ("li", "Is our mission statement clear and concise?"),
            ("li", "Is it welcoming and inclusive?"),
            ("h2", "Parent"),
            ("p", "It is clear but not concise, and the sentence is long. " + words(20)))
    [f] = run(d, only=["prompt-not-addressed"]).findings
    assert "question 2" in f.message and "shows no sign of an answer" in f.message

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

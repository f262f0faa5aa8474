from checkkit import doc, ids, words


def test_over_hard_max_is_error_with_words_to_cut(run):
    report = run(doc(("h1", "Part 1. Overview Questions"), ("p", words(137))), only=["word-limit"])
    [f] = report.findings
    assert (f.check, f.severity, f.section) == ("word-limit", "error", "part1.overview")
    assert "137 words" in f.message and "cut 37 words" in f.next_step
    assert f.loc.line == 2


def test_under_min_is_error_with_words_to_add(run):
    report = run(doc(("h1", "Overview"), ("p", words(40))), only=["word-limit"])
    [f] = report.findings
    assert "under the minimum" in f.message and f.next_step.startswith("add at least 10 words")


def test_inside_limits_passes(run):
    report = run(doc(("h1", "Overview"), ("p", words(75))), only=["word-limit"])
    assert ids(report) == []


def test_soft_guide_is_warning(run):
    report = run(doc(("h1", "Part 3 Reflection"), ("p", words(45))), only=["word-limit"])
    [f] = report.findings
    assert f.severity == "warning" and f.section == "part3.reflection" and "cut 15 words" in f.next_step


def test_copied_heading_is_not_counted(run):
    # 100 words of answer + a long heading: the heading must not push it over.
    report = run(doc(("h1", "Part 1. Overview Questions (50-100 word limit)"), ("p", words(100))), only=["word-limit"])
    assert ids(report) == []
    assert report.sections[0].words == 100


def test_quoted_mission_statements_are_excluded(run):
    statement = '"' + words(30, "mission") + '"'
    d = doc(("h1", "Artifact 1: Comparable Mission Statements"), ("p", f"Mission statement 1: {statement}"),
            ("q", words(40, "quoted")), ("p", words(55)))
    report = run(d, only=["word-limit"])
    assert ids(report) == []
    section = next(s for s in report.sections if s.section_id == "artifact1.missions")
    assert section.words == 55 + 3  # "Mission statement 1:" label words count


def test_counter_disagreement_near_limit_warns(run):
    # 100 words by Word's rules, but the spaced dashes are words to a whitespace split.
    text = words(98) + " — " + "end — end"
    report = run(doc(("h1", "Overview"), ("p", text)), only=["word-limit"])
    [f] = report.findings
    assert f.severity == "warning" and "whitespace" in f.message and "102" in f.message


def test_missing_section_gets_no_word_limit_finding(run):
    report = run(doc(("h1", "Overview"), ("p", words(60))), only=["word-limit"])
    assert all(f.section == "part1.overview" for f in report.findings)

from checkkit import doc, ids, words


def test_absent_sections_are_errors_with_a_heading_to_add(run):
    report = run(doc(("h1", "Overview"), ("p", words(60))), only=["missing-section"])
    missing = {s for _, s in ids(report)}
    assert "part1.overview" not in missing
    assert {"artifact1.missions", "part3.reflection"} <= missing
    f = next(f for f in report.findings if f.section == "part3.reflection")
    assert f.severity == "error" and "Part 3" in f.next_step and "Reflection" in f.next_step


def test_heading_without_answer_is_missing_and_located(run):
    report = run(doc(("h1", "Overview"), ("p", words(60)), ("h1", "Part 3: Reflection")), only=["missing-section"])
    f = next(f for f in report.findings if f.section == "part3.reflection")
    assert "no answer follows" in f.message and f.loc.line == 3


def test_section_status_in_report(run):
    report = run(doc(("h1", "Overview"), ("p", words(60))), only=["missing-section"])
    status = {s.section_id: s.status for s in report.sections}
    assert status["part1.overview"] == "ok" and status["part3.reflection"] == "missing"
    assert not report.ready


def test_section_status_names_what_is_wrong(run):
    items = [("h1", "Overview"), ("p", words(130)),              # over the hard limit
             ("h1", "Artifact 1"), ("h2", "Mission statement 1"), ("p", words(5)),  # 1 of 3: incomplete
             ("h1", "Part 3: Reflection"), ("p", words(25) + " EO 1: p. 2. EO 2: p. 3.")]
    status = {s.section_id: s.status for s in run(doc(*items)).sections}
    assert status["part1.overview"] == "over"
    assert status["artifact1.missions"] == "incomplete"
    assert status["artifact5.plan"] == "missing"

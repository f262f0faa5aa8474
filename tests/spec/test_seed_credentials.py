"""The bundled credentials encode their issuers' requirements faithfully.

Pins what reports and CI users rely on (section ids, limits, element counts, rubric rows,
passing rules, constraints) against the issuers' texts in shared/seeds, and checks
that every regular expression compiles and that markers and term patterns match the
labels teachers write, but not sentences that merely mention the same words.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from mccheck.spec.models import Credential, Element

REPO = Path(__file__).resolve().parents[2]
CREDENTIALS = REPO / "credentials"
EXAMPLES = REPO / "examples" / "specs"

SEEDS = ["cultivating-shared-purpose", "aligning-school-mission", "collaborative-learning-culture", "collaborative-leadership"]
ALL_SPECS = [CREDENTIALS / f"{name}.yaml" for name in SEEDS] + [EXAMPLES / "portrait-of-an-educator.yaml"]


def load(path: Path) -> Credential:
    """The project loader (line numbers, guards) when present; plain safe_load otherwise."""
    try:
        from mccheck.spec.loader import load_spec
    except ImportError:  # pragma: no cover - the loader is written in parallel
        return Credential.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    return load_spec(path)


@pytest.fixture(scope="module")
def specs() -> dict[str, Credential]:
    return {p.stem: load(p) for p in ALL_SPECS}


def element(spec: Credential, section_id: str, element_id: str) -> Element:
    for e in spec.section(section_id).elements:
        if e.id == element_id:
            return e
    raise KeyError(element_id)


def search(pattern: str, text: str) -> bool:
    # mccheck matches markers and term patterns case-insensitively (elements.py).
    return re.search(pattern, text, re.IGNORECASE) is not None


# ----------------------------------------------------------------------------- every spec


@pytest.mark.parametrize("path", ALL_SPECS, ids=lambda p: p.stem)
def test_spec_loads_with_schema_comment_and_matching_id(path: Path) -> None:
    spec = load(path)
    assert spec.id == path.stem
    first = path.read_text(encoding="utf-8").splitlines()[0]
    depth = len(path.parent.relative_to(REPO).parts)
    assert first == f"# yaml-language-server: $schema={'../' * depth}schemas/credential.schema.json"


@pytest.mark.parametrize("path", ALL_SPECS, ids=lambda p: p.stem)
def test_every_section_has_aliases_numbering_and_sourced_limits(path: Path) -> None:
    spec = load(path)
    for section in spec.sections:
        assert section.aliases, section.id
        assert section.numbering, section.id
        if section.limits is not None:
            assert section.limits.source, section.id
        for prompt in section.prompts:
            assert prompt.key_terms, f"{section.id}.{prompt.id}"
        for el in section.elements:
            assert el.source, f"{section.id}.{el.id}"


@pytest.mark.parametrize("path", ALL_SPECS, ids=lambda p: p.stem)
def test_aliases_are_not_shared_between_sections(path: Path) -> None:
    spec = load(path)
    seen: dict[str, str] = {}
    for section in spec.sections:
        for name in [section.title, *section.aliases]:
            key = re.sub(r"\W+", " ", name.casefold()).strip()
            assert seen.setdefault(key, section.id) == section.id, f"{name!r}: {seen[key]} and {section.id}"


@pytest.mark.parametrize("path", ALL_SPECS, ids=lambda p: p.stem)
def test_every_regex_compiles(path: Path) -> None:
    spec = load(path)
    patterns: list[str] = [p for a in spec.artifacts for p in a.patterns]
    for section in spec.sections:
        for el in section.elements:
            if el.marker:
                patterns.append(el.marker)
            patterns.extend(p for t in el.terms for p in t.patterns)
    assert patterns
    for pattern in patterns:
        re.compile(pattern, re.IGNORECASE)


def test_bundled_credentials_are_exactly_the_seeds() -> None:
    assert sorted(p.stem for p in CREDENTIALS.glob("*.yaml")) == sorted(SEEDS)


# ----------------------------------------------------------------------------- cultivating


def test_cultivating_sections_and_limits(specs) -> None:
    spec = specs["cultivating-shared-purpose"]
    assert spec.issuer == "Center for Teaching Quality"
    assert [s.id for s in spec.sections] == [
        "part1.team-and-challenge",
        "part1.challenge-and-impact",
        "part2.shared-purpose",
        "part3.shared-purpose-alignment",
        "part3.team-context",
    ]
    limits = {s.id: (s.limits.min, s.limits.max, s.limits.hard) if s.limits else None for s in spec.sections}
    assert limits == {
        "part1.team-and-challenge": (None, 250, True),
        "part1.challenge-and-impact": (None, 250, True),
        "part2.shared-purpose": None,
        "part3.shared-purpose-alignment": (None, 500, True),
        "part3.team-context": (None, 500, True),
    }
    assert [len(s.prompts) for s in spec.sections] == [4, 4, 0, 3, 3]
    assert spec.section("part2.shared-purpose").upload


def test_cultivating_part2_presence_terms(specs) -> None:
    el = element(specs["cultivating-shared-purpose"], "part2.shared-purpose", "shared-purpose-components")
    assert el.kind == "presence"
    assert [t.name for t in el.terms] == ["mission", "vision", "values", "goals", "survey results"]
    samples = {
        "mission": "Our Mission: every teacher",
        "vision": "Vision statement",
        "values": "Core values",
        "goals": "Goal 1: all teams",
        "survey results": "Team survey results (n=6)",
    }
    for term in el.terms:
        assert any(search(p, samples[term.name]) for p in term.patterns), term.name


def test_cultivating_rubric_and_passing_rule(specs) -> None:
    spec = specs["cultivating-shared-purpose"]
    assert spec.rubric is not None
    assert spec.rubric.scale[:2] == ["Exemplary", "Proficient"]
    part2 = [c for c in spec.rubric.criteria if c.applies_to == ["part2.shared-purpose"]]
    assert [c.id for c in part2] == ["mission", "vision", "values", "goals", "survey-results"]
    assert all(c.inferred for c in spec.rubric.criteria)  # the issuer's rows are not published
    reqs = [(r.parts, r.level, r.each_component) for r in spec.passing_rule.requires]
    assert reqs == [(["part1", "part3"], "Passing", False), (["part2"], "Proficient", True)]
    assert "Proficient or Exemplary" in spec.passing_rule.text


def test_two_section_parts_share_numbering_but_not_titles(specs) -> None:
    spec = specs["cultivating-shared-purpose"]
    for part in ("part1", "part3"):
        a, b = [s for s in spec.sections if s.id.startswith(part + ".")]
        assert a.numbering == b.numbering == [f"Part {part[-1]}"]
        assert not {x.casefold() for x in [a.title, *a.aliases]} & {x.casefold() for x in [b.title, *b.aliases]}


# ----------------------------------------------------------------------------- aligning

ALIGNING_SECTIONS = [
    "part1.overview",
    "artifact1.comparable-missions",
    "artifact2.good-missions",
    "artifact3.mission-analysis",
    "artifact4.stakeholder-feedback",
    "artifact5.action-plan",
    "part3.reflection",
]


def test_aligning_sections_limits_and_uploads(specs) -> None:
    spec = specs["aligning-school-mission"]
    assert spec.issuer == "NEA"
    assert [p.id for p in spec.parts] == ["part1", "artifact1", "artifact2", "artifact3", "artifact4", "artifact5", "part3"]
    assert [s.id for s in spec.sections] == ALIGNING_SECTIONS
    got = {
        s.id: (s.limits.min, s.limits.max, s.limits.hard, s.limits.exclude) if s.limits else None for s in spec.sections
    }
    assert got == {
        "part1.overview": (300, 500, True, []),
        "artifact1.comparable-missions": (300, 600, True, ["mission-statements"]),
        "artifact2.good-missions": (300, 600, True, ["mission-statements"]),
        "artifact3.mission-analysis": (300, 600, True, ["mission-statements"]),
        "artifact4.stakeholder-feedback": None,
        "artifact5.action-plan": None,
        "part3.reflection": (200, 250, False, []),
    }
    assert [s.upload for s in spec.sections] == [False, True, True, True, True, True, False]
    assert [len(s.prompts) for s in spec.sections] == [3, 9, 9, 11, 7, 0, 4]
    assert [a.part for a in spec.artifacts] == ["artifact1", "artifact2", "artifact3", "artifact4", "artifact5"]


def test_aligning_artifact3_asks_how_developed_found_used(specs) -> None:
    texts = [p.text for p in specs["aligning-school-mission"].section("artifact3.mission-analysis").prompts]
    for q in ("How was it developed?", "Where can you find it?", "How is it used?", "Does it reflect the diversity of the community?"):
        assert q in texts


def test_aligning_mission_statement_counts(specs) -> None:
    spec = specs["aligning-school-mission"]
    for sid in ("artifact1.comparable-missions", "artifact2.good-missions"):
        el = element(spec, sid, "mission-statements")
        assert (el.kind, el.min, el.max) == ("count", 3, 3)
    own = element(spec, "artifact3.mission-analysis", "own-mission-statement")
    assert (own.kind, own.min) == ("count", 1)


MISSION_LABELS = [
    "Mission Statement 1",
    "Mission Statement 2:",
    "**Mission statement #3**",
    "Mission statement #2",
    "Mission Statement One",
    "Mission 3:",
    "1. Mission Statement 1: We believe every child",
    "School A mission",
    "School B Mission Statement:",
    "District 2's mission statement",
    "First mission statement:",
    "Lincoln High School Mission Statement",
    "Springfield USD mission statement:",
    "Mission Statement from Lincoln High School",
    "Mission statement of Springfield Public Schools:",
    "Mission Statement – Oak Grove USD",
]
NOT_MISSION_LABELS = [
    "our mission statement is clear",
    "Our mission statement is clear and concise.",
    "The mission statement is clear",
    "We reviewed each school's mission statement",
    "School A has a great statement",
    "Mission statement: We believe all students can learn and thrive",
    "Is it clear and concise? Yes, the mission statement is short.",
    "Mission statements matter because they guide decisions",
]


@pytest.mark.parametrize("label", MISSION_LABELS)
def test_mission_statement_marker_matches_labels(specs, label: str) -> None:
    el = element(specs["aligning-school-mission"], "artifact1.comparable-missions", "mission-statements")
    assert search(el.marker, label)


@pytest.mark.parametrize("text", NOT_MISSION_LABELS)
def test_mission_statement_marker_ignores_sentences(specs, text: str) -> None:
    el = element(specs["aligning-school-mission"], "artifact1.comparable-missions", "mission-statements")
    assert not search(el.marker, text)


def test_mission_statement_labels_are_distinct_items(specs) -> None:
    # count elements count distinct matched labels: the match must carry the item's identifier.
    marker = element(specs["aligning-school-mission"], "artifact2.good-missions", "mission-statements").marker
    found = {re.search(marker, s, re.IGNORECASE).group(0).strip("* ").casefold() for s in
             ["Mission Statement 1:", "Mission Statement 2:", "Mission Statement 3:"]}
    assert len(found) == 3
    found = {re.search(marker, s, re.IGNORECASE).group(0).casefold() for s in
             ["Lincoln High School Mission Statement", "Oak Grove USD Mission Statement"]}
    assert len(found) == 2


def test_own_mission_statement_marker(specs) -> None:
    marker = element(specs["aligning-school-mission"], "artifact3.mission-analysis", "own-mission-statement").marker
    for label in ("Our Mission Statement:", "Mission Statement", "Lincoln Elementary Mission:", "**Mission Statement**"):
        assert search(marker, label), label
    for text in ("Our mission statement is clear and concise.", "The mission statement was written in 2015."):
        assert not search(marker, text), text


STAKEHOLDERS = ["Superintendent", "Principals", "Teachers", "Parents", "Students", "Business Owners",
                "Community Members", "Board Members"]


def test_aligning_stakeholder_groups(specs) -> None:
    el = element(specs["aligning-school-mission"], "artifact4.stakeholder-feedback", "stakeholder-groups")
    assert (el.kind, el.min, el.answers) == ("labelled-groups", 5, True)
    assert [t.name for t in el.terms] == STAKEHOLDERS


@pytest.mark.parametrize("name", STAKEHOLDERS)
def test_stakeholder_patterns_match_role_labels(specs, name: str) -> None:
    el = element(specs["aligning-school-mission"], "artifact4.stakeholder-feedback", "stakeholder-groups")
    term = next(t for t in el.terms if t.name == name)
    plural = name
    singular = name[:-1] if name.endswith("s") else name
    for label in (f"{singular}:", f"Role: {singular}", f"{plural}:", f"Role: {plural}", f"Stakeholder 3: {singular}",
                  f"{singular} Interview", f"{singular} (interviewed 3/4)", f"**{singular}**",
                  f"{singular} of a seventh grader:", f"{singular} from our feeder school:"):
        assert any(search(p, label) for p in term.patterns), f"{name}: {label!r}"
    for sentence in (f"{plural} said the statement is clear and concise.",
                     f"{plural} in our district agree. They said: yes."):
        assert not any(search(p, sentence) for p in term.patterns), sentence


def test_stakeholder_examples_from_the_brief(specs) -> None:
    el = element(specs["aligning-school-mission"], "artifact4.stakeholder-feedback", "stakeholder-groups")
    by_name = {t.name: t.patterns for t in el.terms}
    assert any(search(p, "Parent:") for p in by_name["Parents"])
    assert any(search(p, "Role: Board Member") for p in by_name["Board Members"])


def test_aligning_action_plan(specs) -> None:
    el = element(specs["aligning-school-mission"], "artifact5.action-plan", "action-items")
    assert (el.kind, el.min, el.max) == ("items-with-fields", 3, 5)
    fields = ["Timeline", "Available Resources", "Needed Resources", "Potential Barriers", "Communications plan"]
    assert [t.name for t in el.terms] == fields
    for label in ("Suggestion 1", "Recommendation 2:", "**Suggestion 3:** Post the mission", "Suggested revision 4",
                  "Action Step 5 -", "1. Recommendation 1: Revise the statement"):
        assert search(el.marker, label), label
    for text in ("My suggestion is to revise it.", "As in recommendation 2 above, we will", "Suggestions from parents"):
        assert not search(el.marker, text), text
    samples = {
        "Timeline": ["Timeline:", "Time line", "Timeframe: spring"],
        "Available Resources": ["Available Resources:", "Resources available: staff"],
        "Needed Resources": ["Needed Resources:", "Resources needed: funds"],
        "Potential Barriers": ["Potential Barriers:", "Barrier: time"],
        "Communications plan": ["Communications Plan:", "Communication plan", "Communication: newsletter"],
    }
    for term in el.terms:
        for s in samples[term.name]:
            assert any(search(p, s) for p in term.patterns), f"{term.name}: {s!r}"
    # Fields do not stand in for one another.
    assert not any(search(p, "Needed Resources:") for p in el.terms[1].patterns)
    assert not any(search(p, "Available Resources:") for p in el.terms[2].patterns)


def test_aligning_rubric_rows(specs) -> None:
    spec = specs["aligning-school-mission"]
    rubric = spec.rubric
    assert rubric is not None
    assert rubric.scale[:3] == ["Proficient", "Basic", "Developing"]
    by_id = {c.id: c for c in rubric.criteria}
    assert list(by_id) == ["part1-overview", "artifact1", "artifact2", "artifact3", "artifact4", "artifact5", "part3-reflection"]
    for n in range(1, 6):
        c = by_id[f"artifact{n}"]
        assert [lv.level for lv in c.levels] == ["Proficient", "Basic", "Developing"], c.id
        assert c.applies_to == [ALIGNING_SECTIONS[n]]
        assert not c.inferred
    # Two clauses per level for Artifacts 1-2 (statements, questions); Artifact 4 Proficient has two.
    for n in (1, 2):
        assert [len(lv.descriptors) for lv in by_id[f"artifact{n}"].levels] == [2, 2, 2]
        prof = by_id[f"artifact{n}"].levels[0].descriptors
        assert prof[0].text == "Includes: 3 mission statements from 3 different similar schools or districts"
        assert (prof[0].verify, prof[0].element) == ("element", "mission-statements")
        assert prof[1].verify == "judgement"  # "thoughtfully and thoroughly"
        assert by_id[f"artifact{n}"].levels[2].descriptors[0].text == "Includes: 1 or fewer mission statements"
    assert [len(lv.descriptors) for lv in by_id["artifact4"].levels] == [2, 1, 1]
    assert by_id["artifact4"].levels[2].descriptors[0].text == "Only 1 or 2 people responded to some of the questions"
    assert all(d.verify == "judgement" for lv in by_id["artifact3"].levels[:2] for d in lv.descriptors)
    assert all(d.element == "action-items" for lv in by_id["artifact5"].levels for d in lv.descriptors)
    for cid in ("part1-overview", "part3-reflection"):
        assert [lv.level for lv in by_id[cid].levels] == ["Passing"]
    assert len(by_id["part1-overview"].levels[0].descriptors) == 3
    assert by_id["part1-overview"].levels[0].descriptors[2].element == "statistics"
    assert len(by_id["part3-reflection"].levels[0].descriptors) == 2


def test_aligning_passing_rule_and_constraint(specs) -> None:
    spec = specs["aligning-school-mission"]
    reqs = [(r.parts, r.level, r.each_component) for r in spec.passing_rule.requires]
    assert reqs == [
        (["part1", "part3"], "Passing", False),
        (["artifact1", "artifact2", "artifact3", "artifact4", "artifact5"], "Proficient", True),
    ]
    assert "all components in Part 2" in spec.passing_rule.text
    [constraint] = spec.constraints
    assert constraint.kind == "no-identifying-info"
    assert constraint.applies_to == ["part3.reflection"]
    assert "identifiable to your reviewers" in constraint.source


def test_aligning_artifact_file_patterns(specs) -> None:
    spec = specs["aligning-school-mission"]
    names = {
        "artifact1": "Artifact 1 - Comparable Mission Statements.docx",
        "artifact2": "artifact2_good_missions.pdf",
        "artifact3": "Artifact-3.docx",
        "artifact4": "Stakeholder Feedback.docx",
        "artifact5": "Action Plan.docx",
    }
    for a in spec.artifacts:
        assert any(search(p, names[a.id]) for p in a.patterns), a.id
        others = [n for k, n in names.items() if k != a.id]
        assert not any(search(p, n) for p in a.patterns for n in others), a.id


# ----------------------------------------------------------------------------- learning culture


def test_learning_culture(specs) -> None:
    spec = specs["collaborative-learning-culture"]
    assert spec.issuer == "Jacobs Institute for Innovation in Learning at USD"
    assert [s.id for s in spec.sections] == ["part1.overview", "part2.artifacts", "part3.reflection"]
    assert spec.section("part1.overview").limits.max == 300
    assert spec.section("part2.artifacts").limits is None
    assert spec.section("part3.reflection").limits.max == 300
    assert len(spec.section("part3.reflection").prompts) == 3
    [art] = spec.artifacts
    assert (art.part, art.min, art.inferred) == ("part2", 2, True)
    assert len(art.kinds) == 4
    reqs = [(r.parts, r.level) for r in spec.passing_rule.requires]
    assert reqs == [(["part1", "part3"], "Passing"), (["part2"], "Yes")]
    for fname in ("PL agenda 10-3.pdf", "protocol.mp4", "communication log.xlsx", "teacher_reflections.docx"):
        assert any(search(p, fname) for p in art.patterns), fname
    assert not any(search(p, "Part 3 Reflection.docx") for p in art.patterns)


# ----------------------------------------------------------------------------- leadership


def test_leadership_sections_and_limits(specs) -> None:
    spec = specs["collaborative-leadership"]
    assert [s.id for s in spec.sections] == ["part1.narrative", "part2.portfolio", "part3.reflection"]
    narrative, portfolio, reflection = spec.sections
    assert (narrative.limits.min, narrative.limits.max) == (1000, None)
    assert portfolio.limits is None
    assert (reflection.limits.min, reflection.limits.max) == (500, None)
    assert len(narrative.prompts) == 5
    assert [p.id for p in portfolio.prompts] == ["eo1", "eo2", "eo3", "eo4", "eo5"]
    reqs = [(r.parts, r.level, r.each_component) for r in spec.passing_rule.requires]
    assert reqs == [(["part1", "part2", "part3"], "Proficient", True)]
    assert spec.passing_rule.inferred
    assert [c.id for c in spec.rubric.criteria] == ["eo1", "eo2", "eo3", "eo4", "eo5"]


def test_leadership_eo_patterns(specs) -> None:
    el = element(specs["collaborative-leadership"], "part2.portfolio", "eo-evidence")
    assert el.kind == "per-item-reference"
    assert [t.name for t in el.terms] == [f"EO {n}" for n in range(1, 6)]
    for n, term in enumerate(el.terms, start=1):
        for label in (f"EO {n}", f"EO{n}", f"EO {n}.2", f"Essential Outcome {n}", f"Outcome {n}:", f"EO #{n}"):
            assert any(search(p, label) for p in term.patterns), label
        other = 1 if n != 1 else 2
        for text in (f"EO {other}", f"EO {n}0", f"Essential Outcome {other}"):
            assert not any(search(p, text) for p in term.patterns), (term.name, text)


# ----------------------------------------------------------------------------- portrait example


def test_portrait_example_is_a_school_spec(specs) -> None:
    spec = specs["portrait-of-an-educator"]
    assert spec.rubric.scale == ["Evident", "Emerging", "Not yet evident"]
    assert all([lv.level for lv in c.levels] == spec.rubric.scale for c in spec.rubric.criteria)
    assert "example" in spec.issuer.casefold()
    assert spec.passing_rule.requires


# ----------------------------------------------------------------------------- with the detectors


def _section_text(section_id: str, lines: list[str]):
    """A section's text as the segmenter leaves it: "# " lines are the teacher's sub-headings."""
    from mccheck.analysis.segment import SectionText
    from mccheck.document import Block, Location

    blocks = tuple(
        Block("heading" if line.startswith("# ") else "paragraph", line.removeprefix("# "), Location("t.md", line=i + 1),
              level=2 if line.startswith("# ") else 0)
        for i, line in enumerate(lines)
    )
    roles = tuple("subheading" if line.startswith("# ") else "answer" for line in lines)
    return SectionText(section_id, blocks, "test", roles=roles)


def test_detectors_count_realistic_artifacts(specs) -> None:
    from mccheck.checks import elements

    spec = specs["aligning-school-mission"]

    sid = "artifact1.comparable-missions"
    lines = []
    for n in (1, 2, 3):
        lines += [f"# Mission Statement {n}: School {n}", "We empower every learner.", "Is it clear and concise? Yes."]
    lines += ["Overall, our mission statement is clear, and each mission statement is short."]
    result = elements.evaluate(element(spec, sid, "mission-statements"), spec.section(sid), _section_text(sid, lines))
    assert result.ok, result

    sid = "artifact4.stakeholder-feedback"
    # Each role answers each question it was asked: the questions copied, each answer after its own.
    answer = " ".join(f"{p.text} Yes, mostly." for p in spec.section(sid).prompts)
    lines = []
    for role in ("Superintendent", "Principal", "Teacher", "Parent", "Role: Board Member"):
        lines += [role, answer]
    lines += ["Teachers said the statement is clear and concise."]
    el = element(spec, sid, "stakeholder-groups")
    result = elements.evaluate(el, spec.section(sid), _section_text(sid, lines))
    assert result.ok, result
    assert result.found.startswith("5 groups")

    sid = "artifact5.action-plan"
    lines = []
    for n in (1, 2, 3):
        lines += [f"# Suggestion {n}", "Timeline: fall", "Available Resources: staff", "Needed Resources: time",
                  "Potential Barriers: schedules", "Communications Plan: newsletter"]
    result = elements.evaluate(element(spec, sid, "action-items"), spec.section(sid), _section_text(sid, lines))
    assert result.ok, result


def test_detectors_find_located_eo_evidence(specs) -> None:
    from mccheck.checks import elements

    spec = specs["collaborative-leadership"]
    sid = "part2.portfolio"
    lines = []
    for n in range(1, 6):
        lines += [f"# EO {n}", f"See Artifact {n}, p. {n + 2}: the agenda shows how I led the decision."]
    result = elements.evaluate(element(spec, sid, "eo-evidence"), spec.section(sid), _section_text(sid, lines))
    assert result.ok, result


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Part 1: Team and Challenge Description", "part1.team-and-challenge"),
        ("Challenge and impact description (250-word limit)", "part1.challenge-and-impact"),
        ("Part 2. Evidence/artifacts", "part2.shared-purpose"),
        ("Part 3 - Additional context on your team", "part3.team-context"),
        ("Shared Purpose Alignment", "part3.shared-purpose-alignment"),
    ],
)
def test_cultivating_headings_map_to_sections(specs, heading: str, expected: str) -> None:
    from mccheck.analysis import segment
    from mccheck.document import Block, Document, Location, Style

    # As the markdown reader gives "# heading": its level declared (a bare Block has no look).
    doc = Document("s.md", (Block("heading", heading, Location("s.md", line=1), level=1, style=Style("atx", 1)),
                            Block("paragraph", "Some words.", Location("s.md", line=2))))
    seg = segment.segment([doc], specs["cultivating-shared-purpose"])
    assert seg.sections[expected].present, heading


def test_bare_part_label_of_a_two_section_part_is_not_guessed(specs) -> None:
    from mccheck.analysis import segment
    from mccheck.document import Block, Document, Location, Style

    doc = Document("s.md", (Block("heading", "Part 1", Location("s.md", line=1), level=1, style=Style("atx", 1)),
                            Block("paragraph", "Some words.", Location("s.md", line=2))))
    seg = segment.segment([doc], specs["cultivating-shared-purpose"])
    assert not any(t.present for t in seg.sections.values())


@pytest.mark.parametrize(
    "answer",
    [
        "What stood out to me was how plainly they are written.",
        "The thing that made them stand out is the everyday language.",
        "I noticed that each one names families first.",
    ],
)
def test_aligning_stood_out_is_answered_by_any_one_phrasing(specs, answer: str) -> None:
    # Its key terms are synonyms; with four of them an answer needed two different ones.
    from mccheck.checks.elements import common as elements

    spec = specs["aligning-school-mission"]
    prompt = next(p for p in spec.section("artifact2.good-missions").prompts if p.id == "stood-out")
    assert elements.prompt_answered(prompt, _section_text("artifact2.good-missions", [answer]).blocks)
    assert not elements.prompt_answered(prompt, _section_text("artifact2.good-missions", ["They are all short."]).blocks)

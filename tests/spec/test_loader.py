"""Spec loader: happy path, every bad spec in bad/, hostile input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mccheck.errors import InputError, SpecError
from mccheck.spec import loader
from mccheck.spec.loader import MAX_BYTES, SpecSyntaxError, load_spec, load_spec_bytes, load_spec_text

HERE = Path(__file__).resolve().parent
BAD = HERE / "bad"
MINI = HERE.parent / "data" / "specs" / "mini.yaml"

BAD_SPECS = sorted(BAD.glob("*.yaml"))
_EXPECT = re.compile(r"^# expect: (\d+): (.+)$")


def test_there_are_bad_specs():
    assert len(BAD_SPECS) >= 12


def test_mini_spec_loads():
    c = load_spec(MINI)
    assert c.id == "mini-credential"
    assert [s.id for s in c.sections] == ["part1.context", "part2.mission", "part2.goals", "part3.reflection"]
    ctx = c.section("part1.context")
    assert (ctx.limits.min, ctx.limits.max, ctx.limits.hard) == (300, 500, True)
    goals = c.section("part2.goals")
    assert goals.limits.hard is False and goals.limits.inferred is True
    assert goals.limits.exclude == ["mission-statements"]
    assert c.schema_ == "mccheck/spec/v1"
    assert c.rubric.criteria[0].levels[0].descriptors[0].element == "mvv"
    assert c.passing_rule.requires[1].each_component is True


def test_load_spec_text_matches_file():
    assert load_spec_text(MINI.read_text(encoding="utf-8"), "mini.yaml") == load_spec(MINI)


def test_load_is_cached_per_path_and_mtime(tmp_path):
    p = tmp_path / "m.yaml"
    p.write_bytes(MINI.read_bytes())
    assert load_spec(p) is load_spec(p)
    text = MINI.read_text(encoding="utf-8").replace("title: Mini Credential", "title: Changed Title")
    p.write_text(text, encoding="utf-8")
    assert load_spec(p).title == "Changed Title"


@pytest.mark.parametrize("path", BAD_SPECS, ids=lambda p: p.stem)
def test_bad_spec_reports_expected_problem(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    m = _EXPECT.match(first)
    assert m, f"{path.name} must start with '# expect: <line>: <substring>'"
    line, substring = int(m.group(1)), m.group(2)
    with pytest.raises(SpecError) as exc:
        load_spec(path)
    problems = exc.value.problems
    assert exc.value.path == str(path)
    prefix = re.compile(rf"^{re.escape(str(path))}:{line}(:\d+)?: ")
    assert any(prefix.match(p) and substring in p for p in problems), problems
    for p in problems:  # plain English, never pydantic's wording
        assert "Input should" not in p and "Value error" not in p and "pydantic" not in p


def test_all_problems_are_collected_not_only_the_first():
    text = """\
id: x
title: X
issuer: I
passing_rule: {text: t}
parts:
  - id: part1
    title: P
    sections:
      - id: part1.a
        title: A
        limits: {min: 300, maxx: 5}
      - id: part1.a
        title: B
        limits: {min: abc}
"""
    with pytest.raises(SpecError) as exc:
        load_spec_text(text, "x.yaml")
    joined = "\n".join(exc.value.problems)
    assert 'x.yaml:11: parts[0].sections[0].limits: unknown key "maxx"' in joined
    assert "x.yaml:14: parts[0].sections[1].limits.min: expected a whole number, got 'abc'" in joined
    # Cross references run too (on the raw data), so one run shows all three, in line order.
    assert exc.value.problems == [
        'x.yaml:11: parts[0].sections[0].limits: unknown key "maxx" (did you mean "max"?)',
        "x.yaml:12: parts[0].sections[1].id: duplicate section id 'part1.a' (first at line 9)",
        "x.yaml:14: parts[0].sections[1].limits.min: expected a whole number, got 'abc'",
    ]


def test_duplicate_keys_reported_with_validation_problems():
    text = "id: x\nid: y\ntitle: X\nissuer: I\npassing_rule: {text: t}\nparts: []\n"
    with pytest.raises(SpecError) as exc:
        load_spec_text(text, "d.yaml")
    assert exc.value.problems[0] == "d.yaml:2: duplicate key 'id' (first at line 1)"
    assert any("d.yaml:6: parts: needs at least 1 item" in p for p in exc.value.problems)


def test_merge_keys_and_a_few_aliases_are_fine():
    text = """\
id: x
title: X
issuer: I
passing_rule: {text: t}
parts:
  - id: part1
    title: P
    sections:
      - id: part1.a
        title: A
        limits: &limit {min: 300, max: 500, source: "300-500 words"}
      - id: part1.b
        title: B
        limits:
          <<: *limit
          max: 600
"""
    c = load_spec_text(text, "m.yaml")
    assert c.section("part1.b").limits.max == 600
    assert c.section("part1.b").limits.min == 300


def test_syntax_error_is_a_spec_syntax_error_with_line_and_column():
    with pytest.raises(SpecSyntaxError) as exc:
        load_spec_text("id: x\ntitle: [unclosed\n", "s.yaml")
    assert re.match(r"^s\.yaml:\d+:\d+: not valid YAML: ", exc.value.problems[0])


def test_empty_file_is_not_a_spec():
    with pytest.raises(SpecError) as exc:
        load_spec_text("# only a comment\n", "e.yaml")
    assert "e.yaml:1: the file is empty" in exc.value.problems[0]


def test_non_utf8_is_refused(tmp_path):
    p = tmp_path / "latin1.yaml"
    p.write_bytes("id: x\ntitle: Caf\u00e9\n".encode("latin-1"))
    with pytest.raises(InputError) as exc:
        load_spec(p)
    assert "is not UTF-8 text" in str(exc.value) and "line 2" in str(exc.value)


def test_utf8_bom_is_accepted():
    c = load_spec_bytes(b"\xef\xbb\xbf" + MINI.read_bytes(), "bom.yaml")
    assert c.id == "mini-credential"


def test_too_large_is_refused_before_parsing(tmp_path, monkeypatch):
    p = tmp_path / "big.yaml"
    p.write_bytes(b"# padding\n" * (MAX_BYTES // 10 + 1))
    monkeypatch.setattr(loader, "_parse", lambda *a: pytest.fail("parsed a file over the limit"))
    with pytest.raises(InputError) as exc:
        load_spec(p)
    assert "at most 1 MB" in str(exc.value)
    with pytest.raises(InputError):
        load_spec_text("#" * (MAX_BYTES + 1), "big.yaml")


def test_missing_file_and_folder_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="cannot be read"):
        load_spec(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="is not a file"):
        load_spec(tmp_path)


def test_python_tags_execute_nothing(tmp_path):
    marker = tmp_path / "pwned"
    payloads = [
        f'title: !!python/object/apply:os.system ["touch {marker}"]',
        f'title: !!python/object/apply:subprocess.call [["touch", "{marker}"]]',
        f'title: !<tag:yaml.org,2002:python/object/new:subprocess.Popen> [["touch", "{marker}"]]',
        'title: !!python/name:os.system ""',
    ]
    for payload in payloads:
        text = f"id: x\n{payload}\nissuer: I\npassing_rule: {{text: t}}\nparts: []\n"
        with pytest.raises(SpecError) as exc:
            load_spec_text(text, "evil.yaml")
        assert "evil.yaml:2: tag !!python/" in exc.value.problems[0]
        assert "is not allowed in a spec" in exc.value.problems[0]
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly():
    import time

    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 20):
        prev, cur = f"x{i - 1}" if i > 1 else "a", f"x{i}"
        lines.append(f"{cur}: &{cur} [{', '.join([f'*{prev}'] * 10)}]")
    start = time.perf_counter()
    with pytest.raises(SpecError) as exc:
        load_spec_text("\n".join(lines) + "\n", "bomb.yaml")
    assert time.perf_counter() - start < 2
    assert "uses too many YAML aliases" in exc.value.problems[0]


def test_many_aliases_without_expansion_blowup_are_refused():
    body = "base: &b 1\nlist: [" + ", ".join(["*b"] * 150) + "]\n"
    with pytest.raises(SpecError, match="too many YAML aliases"):
        load_spec_text(body, "aliases.yaml")


def test_passing_level_may_be_any_word_for_parts_without_criteria():
    # mini.yaml: part1/part3 require "Passing" (not in the scale; no criteria score them),
    # part2 requires "Proficient" (in the scale; scored by mission-quality).
    c = load_spec(MINI)
    assert "Passing" not in c.rubric.scale
    assert {r.level for r in c.passing_rule.requires} == {"Passing", "Proficient"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # libyaml composes it and the depth guard refuses it; pure-Python YAML overflows first.
        ("x: " + "[" * 2000 + "]" * 2000, "f.yaml:1: nests "),
        ("x: " + "[" * 80 + "]" * 80, "f.yaml:1: nests more than 60 levels deep"),
        ("id: x\n\x00\n", "f.yaml:2: not valid YAML: character U+0000 is not allowed"),
        ("a: &x 1\nb: &x 2\n", "f.yaml:2:4: not valid YAML: found duplicate anchor 'x' (first at line 1)"),
        ("? [a, b]\n: c\n", "f.yaml:1: found unhashable key"),
        ("a: *nothing\n", "f.yaml:1:4: not valid YAML: found undefined alias 'nothing'"),
        ("id: x\ntitle: yes\n", "f.yaml:2: title: expected text, got true (put it in quotes)"),
        ("id: x\ntitle: 2024-01-01\n", "f.yaml:2: title: expected text, got 2024-01-01 (put it in quotes)"),
        ("!!set {a, b}\n", "f.yaml:1: expected a mapping"),
        ("services:\n  web: {}\n", 'f.yaml:1: unknown key "services" (allowed: schema, id, title'),
    ],
    ids=["deep-compose", "deep", "nul", "dup-anchor", "unhashable", "undefined-alias", "yes", "date", "set", "not-spec"],
)
def test_odd_yaml_becomes_a_located_problem(text, expected):
    with pytest.raises(SpecError) as exc:
        load_spec_text(text, "f.yaml")
    assert any(expected in p for p in exc.value.problems), exc.value.problems

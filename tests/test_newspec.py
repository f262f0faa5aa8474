"""`mccheck new-spec`: a commented template that the loader and `validate` accept."""

from __future__ import annotations



from mccheck.spec.loader import load_spec




def test_generated_spec_loads_with_everything_the_template_promises(cli, tmp_path):
    path = tmp_path / "school.yaml"
    r = cli("new-spec", "--output", path, "--id", "my-school-pd", "--title", 'Leading "Data" Teams: Level 1')
    assert r.exit_code == 0, r.stderr
    text = path.read_text(encoding="utf-8")
    assert text.count("\n#") + text.count("  # ") > 10  # commented for the person editing it
    spec = load_spec(path)
    assert spec.id == "my-school-pd" and spec.title == 'Leading "Data" Teams: Level 1'
    assert len(spec.parts) == 1 and len(spec.parts[0].sections) == 2
    first, second = spec.parts[0].sections
    assert first.limits.source and second.limits.source and second.limits.hard is False
    assert first.prompts and second.prompts
    assert [e.kind for e in first.elements] == ["presence"]
    verifies = {d.verify for c in spec.rubric.criteria for lv in c.levels for d in lv.descriptors}
    assert {"judgement", "element"} <= verifies
    assert spec.passing_rule.requires and spec.passing_rule.requires[0].level in spec.rubric.scale


def test_validate_accepts_it(cli, tmp_path):
    path = tmp_path / "x.yaml"
    assert cli("new-spec", "-o", path).exit_code == 0
    r = cli("validate", path)
    assert r.exit_code == 0, r.stdout + r.stderr


def test_the_element_pattern_finds_data(cli, tmp_path):
    import re

    path = tmp_path / "x.yaml"
    assert cli("new-spec", "-o", path).exit_code == 0
    term = load_spec(path).sections[0].elements[0].terms[0]
    assert any(re.search(p, "About 42 % of students", re.I) for p in term.patterns)


def test_default_file_name_comes_from_the_title(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("new-spec", "--title", "Coaching Peers, Well!").exit_code == 0
    assert load_spec(tmp_path / "coaching-peers-well.yaml").id == "coaching-peers-well"


def test_never_overwrites_without_force(cli, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("mine\n", encoding="utf-8")
    r = cli("new-spec", "-o", path)
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "x.yaml" in r.stderr and "--force" in r.stderr
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert cli("new-spec", "-o", path, "--force").exit_code == 0
    load_spec(path)


def test_a_bad_id_is_a_usage_error(cli, tmp_path):
    r = cli("new-spec", "-o", tmp_path / "x.yaml", "--id", "Bad Id")
    assert r.exit_code == 2 and "--id" in r.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_a_scaffold_of_the_new_spec_maps_every_section(cli, tmp_path):
    path = tmp_path / "x.yaml"
    assert cli("new-spec", "-o", path).exit_code == 0
    assert cli("init", path, "-o", tmp_path / "sub").exit_code == 0
    r = cli("sections", tmp_path / "sub", "--format", "json")
    import json

    rows = json.loads(r.stdout)["sections"]
    assert all(row["matched_by"] for row in rows) and not any(row["present"] for row in rows)  # guidance only

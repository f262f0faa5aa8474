"""`mccheck list|show|validate|schema` through the real entry point: exit codes, output shape."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mccheck.spec import catalog
from mccheck.spec.schema import json_schema

HERE = Path(__file__).resolve().parent
MINI = HERE.parent / "data" / "specs" / "mini.yaml"
BAD = HERE / "bad"


@pytest.fixture
def fake_bundle(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "credentials"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini-credential.yaml")
    monkeypatch.setattr(catalog, "bundled_dir", lambda: folder)
    return folder


def test_list_text(run_cli, fake_bundle):
    r = run_cli("list")
    assert r.exit_code == 0, r.stderr
    assert "mini-credential" in r.stdout and "Mini Credential" in r.stdout and "Test Issuer" in r.stdout
    row = next(line for line in r.stdout.splitlines() if "mini-credential" in line)
    assert row.rstrip().endswith("4")


def test_list_json(run_cli, fake_bundle):
    r = run_cli("list", "--format", "json")
    assert r.exit_code == 0
    assert json.loads(r.stdout) == [
        {"id": "mini-credential", "title": "Mini Credential", "issuer": "Test Issuer", "parts": 3, "sections": 4}
    ]


def test_list_with_a_broken_bundled_spec_shows_the_rest_and_fails(run_cli, fake_bundle):
    shutil.copy(BAD / "unknown_key_did_you_mean.yaml", fake_bundle / "broken.yaml")
    r = run_cli("list", "-f", "json")
    assert r.exit_code == 2
    rows = {row["id"]: row for row in json.loads(r.stdout)}
    assert rows["mini-credential"]["sections"] == 4
    assert 'unknown key "maxx"' in rows["broken"]["error"]
    assert r.stderr.startswith("mccheck: ") and r.stderr.count("\n") == 1


def test_show_text_has_what_a_teacher_plans_with(run_cli):
    r = run_cli("show", MINI)
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    for expected in (
        "Mini Credential (mini-credential)",
        "Issuer: Test Issuer",
        "Context [part1.context]",
        "Words: 300-500 words",
        'source: "Part 1: 300-500 word limit"',
        "at most 600 words (guide)",
        "not counted: mission-statements",
        "inferred by mccheck",
        "q1. Describe your school.",
        "A mission, a vision and values.",
        "Meeting agendas [agendas] for part2: at least 2 files",
        "Remove student and school names.",
        "Rubric (levels best first: Proficient, Basic, Developing)",
        "part1, part3: at least Passing",
        "part2: at least Proficient, in every rubric component",
        "Words: no limit",
    ):
        assert expected in out, expected


def test_show_json_shape(run_cli):
    r = run_cli("show", MINI, "--format", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert (data["id"], data["title"], data["issuer"]) == ("mini-credential", "Mini Credential", "Test Issuer")
    by_id = {s["id"]: s for s in data["sections"]}
    assert list(by_id) == ["part1.context", "part2.mission", "part2.goals", "part3.reflection"]
    ctx = by_id["part1.context"]
    assert ctx["part"] == "part1" and ctx["title"] == "Context"
    assert ctx["prompts"] == ["Describe your school.", "What is your role?"]
    assert {k: ctx["limits"][k] for k in ("min", "max", "hard")} == {"min": 300, "max": 500, "hard": True}
    assert {k: by_id["part2.mission"]["limits"][k] for k in ("min", "max", "hard")} == {
        "min": None,
        "max": None,
        "hard": False,
    }
    assert by_id["part2.goals"]["limits"]["hard"] is False
    assert by_id["part2.mission"]["elements"][0]["id"] == "mvv"
    assert data["rubric"]["scale"] == ["Proficient", "Basic", "Developing"]
    assert data["passing_rule"]["requires"][0]["level"] == "Passing"


def test_show_bundled_id(run_cli, fake_bundle):
    r = run_cli("show", "mini-credential", "-f", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["id"] == "mini-credential"


def test_show_unknown_id_is_one_line_exit_2(run_cli, fake_bundle):
    r = run_cli("show", "mini-credentail")
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.count("\n") == 1 and "did you mean" in r.stderr and "mccheck list" in r.stderr
    assert "Traceback" not in r.stderr


def test_show_invalid_spec_is_one_line_exit_2(run_cli):
    r = run_cli("show", BAD / "min_above_max.yaml")
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and "limits.max (250) is below limits.min (300)" in r.stderr


def test_validate_ok(run_cli):
    r = run_cli("validate", MINI)
    assert r.exit_code == 0
    assert f"ok: {MINI} (mini-credential, 4 sections)" in r.stdout


def test_validate_invalid_reports_every_problem_and_keeps_going(run_cli):
    bad1, bad2 = BAD / "unknown_key_did_you_mean.yaml", BAD / "duplicate_section_id.yaml"
    r = run_cli("validate", bad1, MINI, bad2)
    assert r.exit_code == 1
    assert f'{bad1}:15: parts[0].sections[0].limits: unknown key "maxx" (did you mean "max"?)' in r.stdout
    assert f"ok: {MINI}" in r.stdout
    assert f"{bad2}:13: " in r.stdout
    assert "3 specs checked: 1 valid, 2 with problems" in r.stdout


def test_validate_unreadable_or_not_yaml_exits_2_and_keeps_going(run_cli, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    r = run_cli("validate", tmp_path / "missing.yaml", broken, MINI, BAD / "missing_key.yaml")
    assert r.exit_code == 2
    assert f"{tmp_path / 'missing.yaml'}: cannot be read" in r.stdout
    assert f"{broken}:3:1: not valid YAML" in r.stdout
    assert f"ok: {MINI}" in r.stdout
    assert 'missing required key "title"' in r.stdout


def test_validate_non_utf8_exits_2(run_cli, tmp_path):
    p = tmp_path / "latin.yaml"
    p.write_bytes(b"id: caf\xe9\n")
    r = run_cli("validate", p)
    assert r.exit_code == 2 and "is not UTF-8 text" in r.stdout


def test_validate_yaml_that_is_not_a_spec_is_invalid(run_cli, tmp_path):
    p = tmp_path / "compose.yaml"
    p.write_text("services:\n  web:\n    image: nginx\n", encoding="utf-8")
    r = run_cli("validate", p)
    assert r.exit_code == 1
    assert f'{p}:1: unknown key "services"' in r.stdout


def test_validate_json(run_cli, tmp_path):
    r = run_cli("validate", MINI, BAD / "wrong_type_integer.yaml", tmp_path / "none.yaml", "--format", "json")
    assert r.exit_code == 2
    ok, bad, missing = json.loads(r.stdout)
    assert ok == {"path": str(MINI), "status": "ok", "id": "mini-credential", "sections": 4, "problems": []}
    assert bad["status"] == "invalid"
    problem = bad["problems"][0]
    assert problem["file"] == str(BAD / "wrong_type_integer.yaml")
    assert problem["line"] == 14
    assert problem["message"] == "parts[0].sections[0].limits.min: expected a whole number, got 'abc'"
    assert missing["status"] == "unreadable" and missing["problems"][0]["line"] is None


def test_validate_bundled_spec_name_must_match_id(run_cli, fake_bundle):
    shutil.copy(MINI, fake_bundle / "renamed.yaml")
    r = run_cli("validate", fake_bundle / "renamed.yaml")
    assert r.exit_code == 1
    assert "does not match the file name" in r.stdout
    assert run_cli("validate", "mini-credential").exit_code == 0


def test_validate_needs_a_path(run_cli):
    r = run_cli("validate")
    assert r.exit_code == 2


def test_schema_command_prints_the_schema(run_cli):
    r = run_cli("schema")
    assert r.exit_code == 0
    assert json.loads(r.stdout) == json_schema()


@pytest.mark.parametrize("command", ["list", "show", "validate", "schema"])
def test_help(run_cli, command):
    r = run_cli(command, "--help")
    assert r.exit_code == 0
    assert "--format" in r.stdout or command == "schema"


def test_python_tag_in_a_spec_runs_nothing_end_to_end(tmp_path):
    marker = tmp_path / "pwned"
    spec = tmp_path / "evil.yaml"
    spec.write_text(
        f'id: evil\ntitle: !!python/object/apply:os.system ["touch {marker}"]\nissuer: I\n'
        "passing_rule: {text: t}\nparts: []\n",
        encoding="utf-8",
    )
    for args in (["validate", str(spec)], ["show", str(spec)]):
        proc = subprocess.run([sys.executable, "-m", "mccheck", *args], capture_output=True, text=True, timeout=60)
        assert proc.returncode in (1, 2)
        assert "Traceback" not in proc.stderr
        assert "tag !!python/object/apply:os.system is not allowed" in proc.stdout + proc.stderr
    assert not marker.exists()


def test_commands_do_not_import_heavy_modules_at_startup():
    code = (
        "import sys, mccheck.cli as c; c._register(); "
        "print(sorted(m for m in ('pydantic', 'yaml', 'rich', 'mccheck.spec.loader') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"

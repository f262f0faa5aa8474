"""End to end through the CLI: the seams between discovery, the engine, the checks and the formats.

Each test is one of the user-facing bugs that lived between those pieces: a file that is
in the folder but was skipped, watch and check disagreeing, a verdict that disagrees with
the exit code, a batch aborted by one folder, a status read from a message, guidance
taken for an answer, names missed outside the sections, a spec needing several runs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mccheck.cli.check import check_all
from mccheck.discover import discover

REPO = Path(__file__).resolve().parents[1]
ASM_SUBMISSION = REPO / "examples" / "aligning-school-mission" / "submission"


def _words(n: int, start: int = 0) -> str:
    return " ".join(f"w{i}" for i in range(start, start + n))


def _csp_draft(team_words: str) -> str:
    return f"""# Part 1: Overview Questions

## Team and Challenge Description

{team_words}

## Challenge and Impact Description

{_words(200)}

# Part 2: Shared Purpose Document

Our mission is to grow. Our vision is shared. Our values are trust and care. Our goals are
measurable. The team survey results show strong agreement.

# Part 3: Reflection

## Shared purpose alignment

{_words(300)}

## Team Context

{_words(300)}
"""


# 1. A file that is in the folder but could not be used is never "not found".


def test_a_skipped_draft_is_named_with_its_fix_not_reported_missing(tmp_path, cli):
    folder = tmp_path / "sub"
    shutil.copytree(ASM_SUBMISSION, folder)
    (folder / "Part 3 Reflection.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    r = cli("check", folder, "--format", "json", "--only", "missing-section", "--only", "read-problem")
    report = json.loads(r.stdout)
    skipped = [f for f in report["findings"] if f["id"] == "read-problem" and f["code"] == "skipped"]
    assert [Path(f["location"]["file"]).name for f in skipped] == ["Part 3 Reflection.doc"]
    assert "save as .docx" in skipped[0]["message"] and skipped[0]["severity"] == "warning"


def test_a_missing_section_whose_file_was_skipped_says_so(tmp_path, cli):
    folder = tmp_path / "clc"
    folder.mkdir()
    (folder / "mccheck.yaml").write_text("credential: collaborative-learning-culture\n", encoding="utf-8")
    (folder / "Part 1 Overview.md").write_text(f"# Part 1 Overview\n\n{_words(250)}\n", encoding="utf-8")
    (folder / "Part 3 Reflection.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    r = cli("check", folder, "--format", "json")
    report = json.loads(r.stdout)
    [missing] = [f for f in report["findings"] if f["id"] == "missing-section" and f["section"] == "part3.reflection"]
    assert missing["code"] == "file-not-read" and "Part 3 Reflection.doc" in missing["message"]
    assert "old Word 97-2003 format" in missing["message"] and "not found" not in missing["message"]
    assert r.exit_code == 1


# 2. watch sees exactly what check sees.


def _comparable(report: dict) -> dict:
    return {k: report[k] for k in ("ready", "sections", "findings", "rubric", "files")}


def test_watch_builds_the_same_reports_as_check(tmp_path, cli):
    folder = tmp_path / "clc"
    folder.mkdir()
    (folder / "mccheck.yaml").write_text("credential: collaborative-learning-culture\n", encoding="utf-8")
    (folder / "Overview.md").write_text(f"# Part 1 Overview\n\n{_words(250)}\n", encoding="utf-8")
    (folder / "Reflection.md").write_text(f"# Part 3 Reflection\n\n{_words(250)}\n", encoding="utf-8")
    for name in ("Agenda - Learning Circle.pdf", "Tuning Protocol video.mp4"):
        (folder / name).write_bytes(b"x")
    checked = json.loads(cli("check", folder, "--format", "json").stdout)
    [watched] = check_all(discover([folder]), None, jobs=1)
    assert _comparable(watched.to_dict()) == _comparable(checked)
    # The videos and files that are not drafts count as artifacts in both.
    assert not any(f["id"] == "artifact-missing" for f in checked["findings"])


def test_watch_on_a_batch_folder_checks_each_submission_apart(tmp_path):
    for name in ("ann", "bob"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "mccheck.yaml").write_text("credential: collaborative-learning-culture\n", encoding="utf-8")
        (folder / "Overview.md").write_text(f"# Part 1 Overview\n\n{_words(250)}\n", encoding="utf-8")
    reports = check_all(discover([tmp_path]), None, jobs=1)
    assert [Path(r.paths[0]).name for r in reports] == ["ann", "bob"]
    assert all(r.sections[0].words == 250 for r in reports)  # never merged into one


# 3. The verdict a format prints is the exit code.


def _batch(tmp_path: Path, configs: dict[str, str]) -> Path:
    for name, extra in configs.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / "mccheck.yaml").write_text(f"credential: cultivating-shared-purpose\n{extra}", encoding="utf-8")
        (folder / "draft.md").write_text(_csp_draft(_words(240)), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("extra", ["", "fail_on: warning\n"])
def test_verdict_and_exit_code_agree_in_a_batch(tmp_path, cli, extra):
    batch = _batch(tmp_path, {"a": "", "b": extra})
    r = cli("check", batch, "--format", "json", "--jobs", "1")
    data = json.loads(r.stdout)
    assert r.exit_code == (0 if data["ready"] else 1)
    assert data["ready"] == all(s["ready"] for s in data["submissions"])


def test_fail_on_warning_in_one_folder_blocks_only_that_folder(tmp_path, cli):
    batch = _batch(tmp_path, {"a": "", "b": "fail_on: warning\n"})
    (batch / "b" / "draft.md").write_text(_csp_draft(_words(240)) + "\nTODO\n", encoding="utf-8")
    (batch / "b" / "mccheck.yaml").write_text(
        "credential: cultivating-shared-purpose\nfail_on: warning\nlevels: {placeholder: warning}\n", encoding="utf-8"
    )
    r = cli("check", batch, "--format", "json", "--jobs", "1")
    data = json.loads(r.stdout)
    a, b = data["submissions"]
    assert a["ready"] and not b["ready"] and b["fail_on"] == "warning"
    assert r.exit_code == 1 and data["ready"] is False


# 4. One broken folder of a batch does not abort the batch.


def test_an_empty_or_broken_folder_of_a_batch_is_a_finding_and_the_batch_goes_on(tmp_path, cli):
    batch = _batch(tmp_path, {"good": ""})
    (batch / "empty").mkdir()
    (batch / "empty" / "mccheck.yaml").write_text("credential: cultivating-shared-purpose\n", encoding="utf-8")
    (batch / "broken").mkdir()
    (batch / "broken" / "mccheck.yaml").write_text("countr: word\n", encoding="utf-8")
    (batch / "broken" / "draft.md").write_text("# Hello\n", encoding="utf-8")
    r = cli("check", batch, "--format", "json", "--jobs", "1")
    assert r.exit_code == 1, r.stderr
    data = json.loads(r.stdout)
    by_name = {Path(s["paths"][0]).name: s for s in data["submissions"]}
    assert set(by_name) == {"good", "empty", "broken"}
    assert by_name["good"]["ready"] is True
    [empty] = by_name["empty"]["findings"]
    assert empty["code"] == "submission-unusable" and "has no .docx, .pdf, .md or .txt files" in empty["message"]
    [broken] = by_name["broken"]["findings"]
    assert 'did you mean "counter"' in broken["message"] and broken["location"]["file"].endswith("mccheck.yaml")


def test_an_empty_folder_on_its_own_is_still_a_one_line_error(tmp_path, cli):
    (tmp_path / "mccheck.yaml").write_text("credential: cultivating-shared-purpose\n", encoding="utf-8")
    r = cli("check", tmp_path)
    assert r.exit_code == 2 and "has no .docx, .pdf, .md or .txt files" in r.stderr


# 5. Section status comes from the finding's data, not from its wording.


def test_a_section_inside_its_limit_is_not_over_when_another_counter_disagrees(tmp_path, cli):
    # 250 words as Word counts them; the two spaced dashes make 252 whitespace tokens.
    team = _words(124) + " – " + _words(124, 200) + " – " + "w999 w998"
    draft = tmp_path / "draft.md"
    draft.write_text(_csp_draft(team), encoding="utf-8")
    r = cli("check", draft, "-c", "cultivating-shared-purpose", "--format", "json")
    report = json.loads(r.stdout)
    [section] = [s for s in report["sections"] if s["id"] == "part1.team-and-challenge"]
    [note] = [f for f in report["findings"] if f["section"] == "part1.team-and-challenge" and f["id"] == "word-limit"]
    assert section["words"] == 250 and note["code"] == "counter-disagrees" and note["data"]["other_words"] == 252
    assert section["status"] == "warning" and report["ready"] is True


# 6. Guidance left in is not an answer; unchecked rubric rows are not ticked.


def test_guidance_left_in_is_no_sign_of_the_elements(tmp_path, cli):
    draft = tmp_path / "draft.md"
    part2 = ("# Part 2: Shared Purpose Document\n\n"
             "[Add the team's mission, vision, values, goals and survey results]\n\n"
             f"{_words(80)}\n")
    draft.write_text(_csp_draft(_words(240)).split("# Part 2")[0] + part2 + "# Part 3" +
                     _csp_draft(_words(240)).split("# Part 3")[1], encoding="utf-8")
    r = cli("check", draft, "-c", "cultivating-shared-purpose", "--format", "json")
    report = json.loads(r.stdout)
    missing = {f["data"]["term"] for f in report["findings"] if f["id"] == "missing-element"}
    assert {"mission", "vision", "values", "goals"} <= {m.split()[0].lower() for m in missing}
    element_rows = [row for row in report["rubric"] if row["criterion"] in ("mission", "vision", "values", "goals")]
    assert len(element_rows) == 4 and all(row["status"] == "failed" for row in element_rows)


def test_rubric_rows_of_checks_that_did_not_run_are_not_checked(tmp_path, cli):
    draft = tmp_path / "draft.md"
    draft.write_text(_csp_draft(_words(300)), encoding="utf-8")  # over the 250-word limit
    r = cli("check", draft, "-c", "cultivating-shared-purpose", "--format", "json", "--ignore", "word-limit")
    rows = [row for row in json.loads(r.stdout)["rubric"] if "word" in row["text"].lower() and row["verified"]]
    assert rows and all(row["status"] == "not-checked" and row["passed"] is None for row in rows)
    r = cli("check", draft, "-c", "cultivating-shared-purpose", "--format", "json", "--only", "missing-section")
    rows = [row for row in json.loads(r.stdout)["rubric"] if row["verified"]]
    assert {row["status"] for row in rows} <= {"not-checked", "passed", "failed"}
    assert all(row["status"] == "not-checked" for row in rows if "word" in row["text"].lower())


# 7. Privacy everywhere.


def test_names_and_contacts_above_the_first_heading_are_found(tmp_path, cli):
    draft = tmp_path / "draft.md"
    head = "Jane Smith, jane.smith@school.org, (555) 123-4567\n\n"
    draft.write_text(head + _csp_draft(_words(240)), encoding="utf-8")
    r = cli("check", draft, "-c", "cultivating-shared-purpose", "--identity", "Jane Smith", "--format", "json")
    [name] = [f for f in json.loads(r.stdout)["findings"] if f["id"] == "identifying-info"]
    # No anonymity rule in this credential: the declared name is a warning; contacts are allowed.
    assert name["code"] == "declared-name" and name["severity"] == "warning" and name["location"]["line"] == 1


def test_declared_names_are_errors_where_the_rule_applies_and_warnings_elsewhere(tmp_path, cli):
    folder = tmp_path / "sub"
    shutil.copytree(ASM_SUBMISSION, folder)
    # The anonymity rule of this credential covers Part 3; the school is named in Part 1 only.
    r = cli("check", folder, "--identity", "Harbor View", "--format", "json", "--only", "identifying-info")
    found = {(f["section"], f["severity"], f["code"]) for f in json.loads(r.stdout)["findings"]}
    assert found == {("part1.overview", "warning", "declared-name"),
                     ("artifact3.mission-analysis", "warning", "declared-name")}
    assert r.exit_code == 0
    # Students are named in Part 3's text: there the same kind of finding blocks.
    r = cli("check", folder, "--identity", "students", "--format", "json", "--only", "identifying-info")
    levels = {(f["section"], f["severity"]) for f in json.loads(r.stdout)["findings"]}
    assert ("part3.reflection", "error") in levels and ("part1.overview", "warning") in levels
    assert r.exit_code == 1


# 8. validate shows every problem of a spec in one run, in line order.


def test_validate_reports_every_problem_in_one_pass_sorted_by_line(tmp_path, cli):
    spec = tmp_path / "bad.yaml"
    spec.write_text(
        """schema: mccheck/spec/v1
id: bad-spec
title: A bad spec
issuer: Me
passing_rule:
  text: pass
  requires:
    - parts: [part9]
      level: Great
parts:
  - id: part1
    title: One
    sections:
      - id: part1.a
        title: A
        limits: {min: 300, max: 250}
        prompts:
          - {id: q1, text: What?}
          - {id: q1, text: Again?}
      - id: part2.b
        title: B
        limitz: 3
rubric:
  scale: [Good, Bad]
  criteria:
    - id: c1
      title: C
      applies_to: [part1.zz]
      levels:
        - level: Grand
          descriptors: [{text: x}]
""",
        encoding="utf-8",
    )
    r = cli("validate", spec)
    lines = [line for line in r.stdout.splitlines() if line.startswith(str(spec))]
    numbers = [int(line.split(":")[1]) for line in lines]
    text = spec.read_text(encoding="utf-8").splitlines()

    def line_of(fragment: str, nth: int = 0) -> int:
        return [i + 1 for i, line in enumerate(text) if fragment in line][nth]

    expected = [line_of("[part9]"), line_of("max: 250"), line_of("id: q1", 1), line_of("part2.b"),
                line_of("limitz"), line_of("part1.zz"), line_of("level: Grand")]
    assert numbers == sorted(numbers) == expected
    assert r.exit_code == 1

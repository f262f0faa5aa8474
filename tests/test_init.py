"""`mccheck init`: the scaffold maps section by section, and a fresh one is NOT READY without crashing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mccheck import scaffold
from mccheck.checks.placeholder import PATTERN
from mccheck.context import Policy
from mccheck.discover import discover
from mccheck.engine import analyse
from mccheck.spec.catalog import bundled_ids, resolve

CREDENTIALS = (
    "cultivating-shared-purpose",
    "aligning-school-mission",
    "collaborative-learning-culture",
    "collaborative-leadership",
)
ACTION_PLAN = ("Suggestion", "Timeline", "Available Resources", "Needed Resources", "Potential Barriers", "Communications plan")




def test_the_four_credentials_are_bundled():
    assert set(CREDENTIALS) <= set(bundled_ids())


@pytest.mark.parametrize("fmt", ["md", "docx"])
@pytest.mark.parametrize("credential", CREDENTIALS)
def test_scaffold_maps_every_section_and_prompt(cli, tmp_path, credential, fmt):
    folder = tmp_path / "draft"
    r = cli("init", credential, "--format", fmt, "--output", folder)
    assert r.exit_code == 0, r.stderr
    spec = resolve(credential)
    drafts = sorted(p.name for p in folder.iterdir() if p.suffix == f".{fmt}")
    assert drafts == sorted(d.name(fmt) for d in scaffold.plan(spec))
    assert (folder / "mccheck.yaml").read_text(encoding="utf-8").splitlines()[-1] == f"credential: {credential}"

    prepared = analyse(discover([folder])[0], spec, Policy())
    assert not prepared.inventory.unreadable
    for section in spec.sections:
        text = prepared.seg.sections[section.id]
        # Mapped (a heading or the file name opened it) but not present: guidance is not writing.
        assert text.matched_by and text.blocks, f"{section.id} not found in the scaffold"
        assert not text.present, f"{section.id}: scaffold guidance was counted as the teacher's words"
        assert text.matched_by, section.id
        # Every prompt was recognised as copied (so it is not counted) in its own section.
        assert set(text.copied_prompts) == {p.id for p in section.prompts}, section.id
        # The words counted are the guidance lines only, each a placeholder.
        for block in text.counted_blocks:
            if block.kind != "table":
                assert PATTERN.fullmatch(block.text.strip()), (section.id, block.text)
    assert not [b for b in prepared.seg.unassigned if b.counted and b.text.strip()]


def _blocking_by_section(report: dict) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in report["findings"]:
        if f["severity"] == "error":
            out.setdefault(f["section"], set()).add(f["id"])
    return out


@pytest.mark.parametrize("fmt", ["md", "docx"])
@pytest.mark.parametrize("credential", CREDENTIALS)
def test_fresh_scaffold_is_not_ready_with_a_finding_per_section(cli, tmp_path, credential, fmt):
    folder = tmp_path / "draft"
    assert cli("init", credential, "-f", fmt, "-o", folder).exit_code == 0
    r = cli("check", folder, "--format", "json")
    assert r.exit_code == 1, r.stderr
    assert "Traceback" not in r.stderr
    report = json.loads(r.stdout)
    assert report["ready"] is False
    blocking = _blocking_by_section(report)
    for section in resolve(credential).sections:
        if section.required:
            assert blocking.get(section.id, set()) & {"missing-section", "placeholder"}, section.id


@pytest.mark.parametrize("fmt", ["md", "docx"])
@pytest.mark.parametrize("credential", CREDENTIALS)
def test_fresh_scaffold_check_terminal_says_not_ready(cli, tmp_path, credential, fmt):
    folder = tmp_path / "draft"
    assert cli("init", credential, "-f", fmt, "-o", folder).exit_code == 0
    r = cli("check", folder)
    assert r.exit_code == 1
    assert "NOT READY" in r.stdout and "placeholder" in r.stdout
    assert "Traceback" not in r.stdout + r.stderr


def test_upload_sections_get_their_own_file_named_for_the_segmenter(cli, tmp_path):
    folder = tmp_path / "asm"
    assert cli("init", "aligning-school-mission", "-o", folder).exit_code == 0
    names = {p.name for p in folder.iterdir()}
    assert {
        "Artifact 1 Comparable Mission Statements.md",
        "Artifact 4 Stakeholder Feedback.md",
        "Artifact 5 Action Plan for Alignment.md",
        "Part 1 Overview Questions.md",
        "Part 3 Reflection.md",
        "mccheck.yaml",
    } <= names
    spec = resolve("aligning-school-mission")
    prepared = analyse(discover([folder])[0], spec, Policy())
    by_name = {Path(f).name: sid for f, sid in prepared.seg.file_sections.items()}
    assert by_name["Artifact 4 Stakeholder Feedback.md"] == "artifact4.stakeholder-feedback"
    text = (folder / "Part 1 Overview Questions.md").read_text(encoding="utf-8")
    assert text.startswith("# Part 1. Overview Questions\n")
    assert "[Write 300-500 words: " in text
    assert "## Describe the demographics of your school or district community." in text


def test_several_sections_of_a_part_share_one_file_with_a_heading_each(cli, tmp_path):
    folder = tmp_path / "csp"
    assert cli("init", "cultivating-shared-purpose", "-o", folder).exit_code == 0
    text = (folder / "Part 1 Overview questions.md").read_text(encoding="utf-8")
    assert "## Part 1. Team and challenge description" in text
    assert "## Part 1. Challenge and impact description" in text
    assert text.count("[Write at most 250 words: ") == 2
    assert (folder / "Part 2 Shared purpose document.md").is_file()  # upload: true


def test_a_prompt_naming_another_section_is_still_a_recognised_heading():
    # "... the shared purpose ..." contains another section's title; the copied question wins.
    spec = resolve("cultivating-shared-purpose")
    drafts = {d.stem: d for d in scaffold.plan(spec)}
    lines = drafts["Part 3 Reflection"].lines
    question = next(line for line in lines if line.text.startswith("Discussion of the ways in which the shared purpose"))
    assert question.kind == "heading"
    assert scaffold.unrecognised_prompts(spec, list(drafts.values())) == frozenset()


def test_action_plan_is_a_pipe_table_with_three_empty_rows(cli, tmp_path):
    folder = tmp_path / "asm"
    assert cli("init", "aligning-school-mission", "-o", folder).exit_code == 0
    lines = (folder / "Artifact 5 Action Plan for Alignment.md").read_text(encoding="utf-8").splitlines()
    header = "| " + " | ".join(ACTION_PLAN) + " |"
    at = lines.index(header)
    assert set(lines[at + 1].replace("|", "")) == {"-"}
    rows = lines[at + 2 : at + 5]
    assert len(rows) == 3 and all(r.count("|") == len(ACTION_PLAN) + 1 and not r.replace("|", "").strip() for r in rows)
    from mccheck.readers import read

    doc = read(folder / "Artifact 5 Action Plan for Alignment.md")
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.rows[0] == ACTION_PLAN and len(table.rows) == 4


def test_action_plan_is_a_real_word_table(cli, tmp_path):
    import docx

    folder = tmp_path / "asm"
    assert cli("init", "aligning-school-mission", "--format", "docx", "-o", folder).exit_code == 0
    path = folder / "Artifact 5 Action Plan for Alignment.docx"
    document = docx.Document(str(path))
    assert len(document.tables) == 1
    table = document.tables[0]
    assert tuple(c.text for c in table.rows[0].cells) == ACTION_PLAN
    assert len(table.rows) == 4 and all(not c.text for row in table.rows[1:] for c in row.cells)
    assert document.paragraphs[0].style.name == "Heading 1"
    assert document.paragraphs[0].text == "Artifact 5. Action Plan for Alignment"
    assert document.core_properties.author == ""  # nothing for identifying-info to flag


def test_refuses_to_overwrite_without_force(cli, tmp_path):
    folder = tmp_path / "draft"
    assert cli("init", "collaborative-learning-culture", "-o", folder).exit_code == 0
    target = folder / "Part 3 Reflection.md"
    target.write_text("my own words\n", encoding="utf-8")
    r = cli("init", "collaborative-learning-culture", "-o", folder)
    assert r.exit_code == 2
    assert r.stderr.startswith("mccheck: ") and r.stderr.count("\n") == 1
    assert "already exists" in r.stderr and "--force" in r.stderr
    assert target.read_text(encoding="utf-8") == "my own words\n"
    r = cli("init", "collaborative-learning-culture", "-o", folder, "--force")
    assert r.exit_code == 0, r.stderr
    assert target.read_text(encoding="utf-8").startswith("# Part 3. Reflection")


def test_refuses_before_writing_anything(cli, tmp_path):
    folder = tmp_path / "draft"
    folder.mkdir()
    (folder / "mccheck.yaml").write_text("credential: other\n", encoding="utf-8")
    r = cli("init", "collaborative-leadership", "-o", folder)
    assert r.exit_code == 2 and "mccheck.yaml" in r.stderr
    assert [p.name for p in folder.iterdir()] == ["mccheck.yaml"]


def test_default_folder_is_the_credential_id(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("init", "collaborative-leadership").exit_code == 0
    assert (tmp_path / "collaborative-leadership" / "mccheck.yaml").is_file()


def test_a_spec_given_by_path_is_recorded_by_absolute_path(cli, tmp_path, data_dir):
    folder = tmp_path / "mini"
    spec_path = data_dir / "specs" / "mini.yaml"
    assert cli("init", spec_path, "-o", folder).exit_code == 0
    from mccheck.discover import load_config

    assert load_config(folder / "mccheck.yaml").credential == str(spec_path.resolve())
    r = cli("sections", folder, "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert all(row["matched_by"] for row in json.loads(r.stdout)["sections"])


def test_bad_usage_is_exit_2(cli, tmp_path):
    r = cli("init", "collaborative-leadership", "--format", "pdf", "-o", tmp_path / "x")
    assert r.exit_code == 2 and "md or docx" in r.stderr
    r = cli("init", "no-such-credential", "-o", tmp_path / "y")
    assert r.exit_code == 2 and "unknown credential" in r.stderr
    (tmp_path / "afile").write_text("x")
    r = cli("init", "collaborative-leadership", "-o", tmp_path / "afile")
    assert r.exit_code == 2 and "not a folder" in r.stderr


def test_guidance_lines_stay_short_enough_for_the_placeholder_check():
    for cid in CREDENTIALS:
        for draft in scaffold.plan(resolve(cid)):
            for line in draft.lines:
                if line.kind == "text":
                    assert PATTERN.fullmatch(line.text), (cid, line.text)


def test_word_drafts_carry_no_template_metadata(cli, tmp_path):
    import zipfile

    folder = tmp_path / "docx"
    assert cli("init", "aligning-school-mission", "--format", "docx", "--output", folder).exit_code == 0
    for path in folder.glob("*.docx"):
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            core = z.read("docProps/core.xml").decode("utf-8")
        assert not [n for n in names if "thumbnail" in n], path.name
        assert "python-docx" not in core and "2013-" not in core, path.name
        assert "<dc:creator></dc:creator>" in core or "<dc:creator/>" in core

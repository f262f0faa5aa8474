"""`mccheck count` and `mccheck sections` from the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data" / "crossformat"
CRED = "collaborative-learning-culture"


def mccheck(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1", COLUMNS="120")
    return subprocess.run([sys.executable, "-m", "mccheck", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_count_per_heading_json_shape():
    result = mccheck("count", str(DATA / "draft.md"), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["files"] == [str(DATA / "draft.md")]
    headings = [s["heading"] for s in data["sections"]]
    assert headings == ["Part 1. Overview question", "Part 3. Reflection"]
    assert all(s["location"]["line"] for s in data["sections"])
    # The total counts everything a word processor counts: the headings' words too.
    assert data["total"] == sum(s["words"] for s in data["sections"]) + 4 + 3


def test_count_per_credential_section_matches_check():
    count = json.loads(mccheck("count", str(DATA / "draft.docx"), "-c", CRED, "--format", "json").stdout)
    check = json.loads(mccheck("check", str(DATA / "draft.docx"), "-c", CRED, "--format", "json").stdout)
    by_id = {s["id"]: s["words"] for s in count["sections"]}
    assert by_id == {s["id"]: s["words"] for s in check["sections"]}


def test_whitespace_counter_counts_spaced_dashes():
    word = json.loads(mccheck("count", str(DATA / "draft.md"), "--format", "json").stdout)["total"]
    plain = json.loads(mccheck("count", str(DATA / "draft.md"), "--format", "json", "--counter", "whitespace").stdout)
    assert plain["total"] > word and plain["counter"] == "whitespace"


def test_explain_lists_tokens_and_exclusions():
    result = mccheck("count", str(DATA / "draft.docx"), "-c", CRED, "--explain", "part1.overview", "--format", "json")
    data = json.loads(result.stdout)["explain"]
    assert len(data["tokens"]) == data["words"]
    assert "state-of-the-art" in data["tokens"] and "1,000" in data["tokens"] and "—" not in data["tokens"]
    assert any("heading" in e["reason"] for e in data["excluded"])
    text = mccheck("count", str(DATA / "draft.docx"), "-c", CRED, "--explain", "part1.overview").stdout
    assert "not counted" in text and "[1]Our" in text


def test_explain_unknown_section_suggests():
    result = mccheck("count", str(DATA / "draft.md"), "-c", CRED, "--explain", "part1.overveiw")
    assert result.returncode == 2 and 'did you mean "part1.overview"' in result.stderr


def test_count_works_on_pdf_and_reports_pages():
    data = json.loads(mccheck("count", str(DATA / "draft.pdf"), "-c", CRED, "--format", "json").stdout)
    overview = next(s for s in data["sections"] if s["id"] == "part1.overview")
    assert overview["location"]["page"] == 1 and overview["words"] > 150


def test_sections_shows_mapping_and_unassigned(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("# Notes to self\n\nSome stray thoughts here about many things.\n\n"
                     "# Part 1. Overview question\n\nOur culture.\n")
    data = json.loads(mccheck("sections", str(draft), "-c", CRED, "--format", "json").stdout)
    overview = next(s for s in data["sections"] if s["id"] == "part1.overview")
    assert overview["present"] and "Part 1" in overview["matched_by"] and overview["first_words"] == "Our culture."
    assert [u["text"] for u in data["unassigned"]] == ["Notes to self", "Some stray thoughts here about many things."]
    text = mccheck("sections", str(draft), "-c", CRED).stdout
    assert "UNASSIGNED" in text and "part3.reflection: nothing found" in text


def test_folder_config_maps_odd_headings_and_files(tmp_path):
    (tmp_path / "notes.md").write_text("Our culture grew from shared norms.\n")
    (tmp_path / "d.md").write_text("# What I learned\n\nThe impact on instruction was large.\n")
    (tmp_path / "mccheck.yaml").write_text(
        f"credential: {CRED}\nsections:\n  notes.md: part1.overview\n  What I learned: part3.reflection\n")
    data = json.loads(mccheck("sections", str(tmp_path), "--format", "json").stdout)
    rows = {r["id"]: r for r in data["sections"]}
    assert rows["part1.overview"]["present"] and "mccheck.yaml mapping" in rows["part1.overview"]["matched_by"]
    assert rows["part3.reflection"]["first_words"] == "The impact on instruction was large."
    assert data["unassigned"] == []


def test_explain_names_every_decision_that_changed_the_count(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text(
        "# Part 3. Reflection\n\n"
        "**How is this collaborative culture of learning among adults impacting the school culture?** "
        "Teachers now visit each other's rooms.\n\n"
        "## Our first cycle\n\nWe started in October with four teachers.\n",
        encoding="utf-8",
    )
    data = json.loads(mccheck("count", str(draft), "-c", CRED, "--explain", "part3.reflection", "--format", "json").stdout)
    ex = data["explain"]
    reasons = {e["reason"] for e in ex["excluded"]}
    assert {"the heading that names the section", "a question copied from the credential"} <= reasons
    assert [e["text"] for e in ex["counted_subheadings"]] == ["Our first cycle"]
    assert [e["text"] for e in ex["split_from_a_question"]] == ["Teachers now visit each other's rooms."]
    assert ex["words"] == ex["prose_words"] + 3 and "heading" in ex["matched_by"]
    text = mccheck("count", str(draft), "-c", CRED, "--explain", "part3.reflection").stdout
    assert "your own sub-headings, counted" in text and "ran into a copied question" in text

"""End-to-end `mccheck check`: exit codes, formats, CI conveniences, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from clients import assert_valid_junit, assert_valid_sarif

REPO = Path(__file__).resolve().parents[1]
CRED = "collaborative-learning-culture"

READY = """# Part 1. Overview question

We fostered a collaborative learning culture among teachers by starting every session with a short
team-building activity and by agreeing on norms. Teachers chose the problems we worked on, and the
considerations we made to engage teachers included time, trust and choice. {filler}

# Part 3. Reflection

This collaborative culture of learning among adults is changing the school culture: teachers visit
each other's classes and the impact on instruction shows in shared lesson plans. Moving forward my
practice will change: I will build in more reflection time. {filler}
"""


def draft(tmp_path: Path, body: str = READY, name: str = "draft.md", filler_words: int = 120) -> Path:
    path = tmp_path / name
    path.write_text(body.format(filler=" ".join(["learning"] * filler_words)), encoding="utf-8")
    return path


def mccheck(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "CI")}
    full_env.update({"NO_COLOR": "1", "COLUMNS": "100"})
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "mccheck", *args], capture_output=True, text=True, cwd=cwd,
                          env=full_env, timeout=120)


def test_ready_draft_exits_0_with_verdict(tmp_path):
    result = mccheck("check", str(draft(tmp_path)), "-c", CRED)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("READY")
    assert "part1.overview" in result.stdout and "Traceback" not in result.stderr


def test_over_limit_exits_1_and_says_how_much_to_cut(tmp_path):
    result = mccheck("check", str(draft(tmp_path, filler_words=400)), "-c", CRED)
    assert result.returncode == 1
    assert result.stdout.startswith("NOT READY")
    assert "cut " in result.stdout and "words from Overview" in result.stdout


def test_json_report_validates_against_the_shipped_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((REPO / "schemas" / "report.schema.json").read_text())
    result = mccheck("check", str(draft(tmp_path, filler_words=400)), "-c", CRED, "--format", "json")
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema)
    assert data["schema"] == "mccheck/report/v1" and data["ready"] is False
    over = next(s for s in data["sections"] if s["id"] == "part1.overview")
    assert over["limits"] == {"min": None, "max": 300, "hard": True, "source": over["limits"]["source"]}
    assert over["status"] == "over"
    assert any(f["id"] == "word-limit" and f["location"]["file"].endswith("draft.md") for f in data["findings"])


def test_several_paths_report_each_with_a_summary(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    draft(a), draft(b, filler_words=400)
    # Two drafts checked as files (as folders, the Part 2 artifacts would be required too).
    result = mccheck("check", str(a / "draft.md"), str(b / "draft.md"), "-c", CRED, "--format", "json", "--jobs", "2")
    data = json.loads(result.stdout)
    assert result.returncode == 1
    assert [s["ready"] for s in data["submissions"]] == [True, False]
    assert data["summary"]["ready"] == 1


def test_strict_makes_warnings_block(tmp_path):
    # A declared name in a credential without an anonymity rule is a warning only.
    path = draft(tmp_path, body=READY.replace("Teachers chose", "Jane Smith and the teachers chose"))
    named = ("--identity", "Jane Smith")
    assert mccheck("check", str(path), "-c", CRED, *named).returncode == 0
    assert mccheck("check", str(path), "-c", CRED, *named, "--strict").returncode == 1
    assert mccheck("check", str(path), "-c", CRED, *named, "--fail-on", "warning").returncode == 1


def test_output_and_extra_reports_are_written_while_terminal_prints(tmp_path):
    path = draft(tmp_path)
    out = tmp_path / "reports"
    out.mkdir()
    result = mccheck("check", str(path), "-c", CRED, "--report", f"junit:{out / 'r.xml'}",
                     "--report", f"sarif:{out / 'r.sarif'}", "--report", f"json:{out / 'r.json'}")
    assert result.returncode == 0 and result.stdout.startswith("READY")
    assert_valid_junit((out / "r.xml").read_text())
    assert assert_valid_sarif((out / "r.sarif").read_text())["version"] == "2.1.0"
    assert json.loads((out / "r.json").read_text())["ready"] is True
    assert sorted(p.name for p in out.iterdir()) == ["r.json", "r.sarif", "r.xml"]  # no temp files left


def test_junit_lists_passing_checks_too(tmp_path):
    result = mccheck("check", str(draft(tmp_path, filler_words=400)), "-c", CRED, "--format", "junit")
    root = assert_valid_junit(result.stdout)
    cases = root.findall(".//testcase")
    failed = [c for c in cases if c.find("failure") is not None]
    assert len(cases) > 10 and 1 <= len(failed) < len(cases)
    # A failing case is named for the check and where it found the problem: "word-limit (line 1)".
    assert any(c.get("name").startswith("word-limit (line ") and c.get("classname").endswith("part1.overview") for c in failed)


def test_github_actions_gets_annotations_and_a_step_summary(tmp_path):
    summary = tmp_path / "summary.md"
    result = mccheck("check", str(draft(tmp_path, filler_words=400)), "-c", CRED,
                     env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    assert "::error file=" in result.stdout and "title=mccheck word-limit::" in result.stdout
    assert "| section | words | limit | status |" in summary.read_text()


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", "missing.md", "-c", CRED], "missing.md: does not exist"),
        (["check", "{tmp}/draft.md", "-c", "aligning-mission"], "did you mean"),
        (["check", "{tmp}/draft.md", "-c", CRED, "--only", "word-limmit"], 'did you mean "word-limit"'),
        (["check", "{tmp}/draft.md", "-c", CRED, "--format", "yaml"], 'unknown format "yaml"'),
        (["check", "{tmp}/draft.md", "-c", CRED, "--counter", "wrod"], "did you mean 'word'"),
        (["check", "{tmp}/draft.md"], "which credential?"),
        (["check", "{tmp}/empty", "-c", CRED], "has no .docx, .pdf, .md or .txt files"),
        (["check", "{tmp}/bad.pdf", "-c", CRED], "bad.pdf"),
    ],
)
def test_usage_and_input_errors_are_one_line_exit_2(tmp_path, args, message):
    draft(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    result = mccheck(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert message in result.stderr


def test_unreadable_file_in_a_folder_is_a_finding_and_the_rest_is_checked(tmp_path):
    draft(tmp_path)
    (tmp_path / "Artifact 1 agenda.pdf").write_bytes(b"%PDF-1.4 broken")
    result = mccheck("check", str(tmp_path), "-c", CRED, "--format", "json")
    data = json.loads(result.stdout)
    assert any(f["id"] == "read-problem" and "Artifact 1 agenda.pdf" in f["message"] for f in data["findings"])
    assert next(s for s in data["sections"] if s["id"] == "part1.overview")["present"]


def test_inputs_are_never_changed(tmp_path):
    path = draft(tmp_path)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    mccheck("check", str(tmp_path), "-c", CRED, "--output", str(tmp_path / "report.json"), "--format", "json")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_folder_config_names_the_credential_and_settings(tmp_path):
    draft(tmp_path, filler_words=400)
    (tmp_path / "mccheck.yaml").write_text(f"credential: {CRED}\nignore: [word-limit]\n")
    result = mccheck("check", str(tmp_path), "--format", "json")
    data = json.loads(result.stdout)
    assert data["credential"] == CRED and "word-limit" not in data["checks_run"]


def test_a_video_in_the_folder_counts_as_an_artifact(tmp_path):
    draft(tmp_path)
    # A PDF that holds no section of the credential: evidence.
    (tmp_path / "Agenda October.pdf").write_bytes((REPO / "tests/data/pdf/hyphenated.pdf").read_bytes())
    data = json.loads(mccheck("check", str(tmp_path), "-c", CRED, "--format", "json").stdout)
    [f] = [f for f in data["findings"] if f["id"] == "artifact-missing"]
    assert "1 of at least 2 files" in f["message"] and "add 1 more file to" in f["next_step"]
    (tmp_path / "protocol video.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    data = json.loads(mccheck("check", str(tmp_path), "-c", CRED, "--format", "json").stdout)
    assert not [f for f in data["findings"] if f["id"] == "artifact-missing"]

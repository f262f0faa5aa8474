"""SARIF and JUnit as the CI tools that read them require, on several realistic layouts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from clients import assert_valid_junit, assert_valid_sarif

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


@pytest.fixture
def layouts(tmp_path, monkeypatch):
    """A checkout with a batch of submissions: names with spaces and accents, a folder missing
    its artifacts, a docx and a PDF draft, and a fresh `init` folder full of placeholders."""
    root = tmp_path / "checkout"
    batch = root / "submissions"
    shutil.copytree(EXAMPLES / "aligning-school-mission" / "submission", batch / "Jane Smith")
    culture = batch / "Renée #2"
    culture.mkdir()
    shutil.copy(EXAMPLES / "collaborative-learning-culture" / "not-ready.pdf", culture / "My draft (v2).pdf")
    (culture / "mccheck.yaml").write_text("credential: collaborative-learning-culture\n")
    leadership = batch / "leadership 100%"
    leadership.mkdir()
    shutil.copy(EXAMPLES / "collaborative-leadership" / "not-ready.docx", leadership / "Part 1 draft.docx")
    (leadership / "mccheck.yaml").write_text("credential: collaborative-leadership\n")
    monkeypatch.chdir(root)
    return root


def test_sarif_of_a_batch_is_accepted_with_a_location_for_every_result(cli, layouts):
    result = cli("check", "submissions", "--format", "sarif", "--jobs", "1")
    assert result.exit_code == 1
    log = assert_valid_sarif(result.stdout)
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "submissions/Ren%C3%A9e%20%232/mccheck.yaml" in uris  # artifact-missing: the folder's config
    assert any(u.startswith("submissions/leadership%20100%25/") for u in uris)
    assert any(r["ruleId"] == "artifact-missing" for r in results)


def test_sarif_of_a_fresh_init_folder_and_a_file_outside_the_checkout(cli, layouts, tmp_path):
    assert cli("init", "cultivating-shared-purpose", "--output", "fresh draft").exit_code == 0
    outside = tmp_path / "elsewhere" / "notes.md"
    outside.parent.mkdir()
    shutil.copy(EXAMPLES / "cultivating-shared-purpose" / "not-ready.md", outside)
    result = cli("check", "fresh draft", str(outside), "-c", "cultivating-shared-purpose", "--format", "sarif", "-j", "1")
    log = assert_valid_sarif(result.stdout)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
    assert any(u["uri"].startswith("fresh%20draft/") for u in uris)
    assert any(u["uri"].startswith("file:///") and "uriBaseId" not in u for u in uris)


def test_rules_carry_the_checks_documentation(cli, layouts):
    from mccheck.checks import CHECKS

    log = json.loads(cli("check", "submissions/Jane Smith", "--format", "sarif").stdout)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(CHECKS)
    word_limit = rules[0]
    assert word_limit["name"] == "WordLimit" and "Fails:" in word_limit["help"]["text"]


def test_junit_failures_are_the_blocking_findings_each_with_its_file(cli, layouts):
    report = json.loads(cli("check", "submissions", "--format", "json", "-j", "1").stdout)
    root = assert_valid_junit(cli("check", "submissions", "--format", "junit", "-j", "1").stdout)
    blocking = sum(s["summary"]["blocking"] for s in report["submissions"])
    assert blocking > 3
    assert int(root.get("failures")) == blocking == len(root.findall(".//failure"))
    for suite in root.iter("testsuite"):
        assert suite.get("file")
        for case in suite.iter("testcase"):
            failure = case.find("failure")
            if failure is not None and suite.get("file").endswith(".docx"):
                assert "(paragraph " in case.get("name")


def test_junit_warnings_fail_only_with_fail_on_warning(cli, layouts):
    plain = assert_valid_junit(cli("check", "submissions/Jane Smith", "--format", "junit").stdout)
    strict = assert_valid_junit(cli("check", "submissions/Jane Smith", "--format", "junit", "--strict").stdout)
    data = json.loads(cli("check", "submissions/Jane Smith", "--format", "json", "--strict").stdout)
    assert int(strict.get("failures")) == data["summary"]["blocking"] >= int(plain.get("failures"))
    assert int(plain.get("tests")) == int(strict.get("tests"))

"""Golden end-to-end tests: `mccheck check` on every example in examples/, compared with expected/.

Run in-process with typer's CliRunner, from the repository root and with relative paths, so
the reports are the same on every machine. `pytest tests/golden --update-golden` rewrites
the expected files (see README.md here); they are never edited by hand.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from mccheck import __version__
from clients import assert_valid_junit, assert_valid_sarif

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
EXPECTED = Path(__file__).resolve().parent / "expected"
SCHEMA = REPO / "schemas" / "report.schema.json"
# Folders of examples/ that hold no example submissions.
NOT_EXAMPLES = {"specs", "sources"}
DRAFT_SUFFIXES = {".md", ".docx", ".pdf"}
ENV = {"NO_COLOR": "1", "COLUMNS": "100", "GITHUB_ACTIONS": "", "FORCE_COLOR": "", "CI": ""}
FORMATS = {"json": "json", "txt": "terminal", "md": "markdown"}
# The one not-ready example whose JUnit and SARIF reports are kept as goldens too.
CI_EXAMPLE = "aligning-school-mission__not-ready_md"


@dataclass(frozen=True)
class Case:
    name: str  # golden file stem
    path: str  # relative to the repository root, with forward slashes
    credential: str
    folder: bool

    @property
    def ready(self) -> bool:
        return not Path(self.path).name.startswith("not-ready")

    def args(self) -> list[str]:
        # A submission folder names its credential in mccheck.yaml: check that it is honoured.
        return [self.path] if self.folder else [self.path, "--credential", self.credential]

    def files(self) -> list[str]:
        if not self.folder:
            return [self.path]
        return sorted(
            p.relative_to(REPO).as_posix()
            for p in (REPO / self.path).rglob("*")
            if p.suffix.lower() in DRAFT_SUFFIXES
        )


def _name(rel: Path) -> str:
    return "__".join(rel.parts).replace(".", "_")


def _cases() -> list[Case]:
    cases = []
    for cred_dir in sorted(p for p in EXAMPLES.iterdir() if p.is_dir() and p.name not in NOT_EXAMPLES):
        for item in sorted(cred_dir.iterdir()):
            rel = item.relative_to(EXAMPLES)
            path = item.relative_to(REPO).as_posix()
            if item.is_file() and item.suffix.lower() in DRAFT_SUFFIXES:
                cases.append(Case(_name(rel), path, cred_dir.name, folder=False))
            elif item.is_dir() and (item / "mccheck.yaml").is_file():
                cases.append(Case(_name(rel), path, cred_dir.name, folder=True))
    return cases


CASES = _cases()
IDS = [c.name for c in CASES]


@cache
def _runner():
    from mccheck.cli import _register, app

    _register()
    return CliRunner(), app


@cache
def run(*args: str) -> tuple[int, str]:
    """Run the CLI from the repository root; the same call is made only once per session."""
    runner, app = _runner()
    with contextlib.chdir(REPO):
        result = runner.invoke(app, list(args), env=ENV, catch_exceptions=False)
    out = result.stdout.replace(f'"version": "{__version__}"', '"version": "<mccheck version>"')
    out = out.replace(f'"{REPO.as_uri()}/"', '"file:///<checkout>/"')  # SARIF's %SRCROOT%
    return result.exit_code, out


def check(case: Case, fmt: str) -> tuple[int, str]:
    return run("check", *case.args(), "--format", fmt, "--no-progress")


def compare(name: str, actual: str, update: bool) -> None:
    golden = EXPECTED / name
    if update:
        EXPECTED.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert golden.exists(), f"no golden file {golden.name}: run pytest tests/golden --update-golden"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"{golden.name} differs: run pytest tests/golden --update-golden and review the diff"


def test_examples_exist():
    credentials = {c.credential for c in CASES}
    assert {"aligning-school-mission", "cultivating-shared-purpose", "collaborative-learning-culture",
            "collaborative-leadership"} <= credentials
    for credential in credentials:
        verdicts = {c.ready for c in CASES if c.credential == credential}
        assert verdicts == {True, False}, f"{credential} needs a ready and a not-ready example"
    suffixes = {Path(f).suffix for c in CASES for f in c.files()}
    assert suffixes == DRAFT_SUFFIXES


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("ext", list(FORMATS))
def test_check_matches_golden(case: Case, ext: str, update_golden: bool):
    code, out = check(case, FORMATS[ext])
    assert code == (0 if case.ready else 1), out
    compare(f"{case.name}.{ext}", out, update_golden)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_json_report_validates_against_schema(case: Case):
    _, out = check(case, "json")
    data = json.loads(out)
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert data["ready"] is case.ready
    assert data["credential"] == case.credential


@pytest.mark.parametrize("case", [c for c in CASES if c.ready], ids=[c.name for c in CASES if c.ready])
def test_ready_examples_have_no_errors(case: Case):
    data = json.loads(check(case, "json")[1])
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert errors == []
    assert all(s["present"] for s in data["sections"] if s["status"] != "not-required")


@pytest.mark.parametrize("case", [c for c in CASES if not c.ready], ids=[c.name for c in CASES if not c.ready])
def test_not_ready_examples_say_what_to_fix(case: Case):
    data = json.loads(check(case, "json")[1])
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert errors and all(f["next_step"] for f in errors)


def test_every_example_is_covered_by_a_golden_case():
    covered = {f for c in CASES for f in c.files()}
    drafts = {
        p.relative_to(REPO).as_posix()
        for p in EXAMPLES.rglob("*")
        if p.suffix.lower() in DRAFT_SUFFIXES
        and len(p.relative_to(EXAMPLES).parts) > 1  # examples/README.md is not an example
        and p.relative_to(EXAMPLES).parts[0] not in NOT_EXAMPLES
    }
    assert drafts - covered == set(), "examples outside any case (a folder without mccheck.yaml?)"
    missing = [f"{c.name}.{ext}" for c in CASES for ext in FORMATS if not (EXPECTED / f"{c.name}.{ext}").exists()]
    assert missing == [], "run pytest tests/golden --update-golden"


def test_no_orphan_golden_files():
    known = {f"{c.name}.{ext}" for c in CASES for ext in FORMATS} | {f"{CI_EXAMPLE}.junit.xml", f"{CI_EXAMPLE}.sarif"}
    orphans = sorted(p.name for p in EXPECTED.iterdir() if p.name not in known)
    assert orphans == [], "golden files of examples that no longer exist: delete them"


@pytest.mark.parametrize(
    "file,credential",
    [(f, c.credential) for c in CASES for f in c.files()],
    ids=[f.removeprefix("examples/") for c in CASES for f in c.files()],
)
def test_count_works_on_every_example_file(file: str, credential: str):
    code, out = run("count", file, "--credential", credential, "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert data["total"] > 0 and data["unreadable"] in ([], None, {})


def test_junit_matches_golden(update_golden: bool):
    case = next(c for c in CASES if c.name == CI_EXAMPLE)
    code, out = check(case, "junit")
    assert code == 1
    root = assert_valid_junit(out)
    failures = root.findall(".//failure")
    assert failures, "the not-ready example must produce JUnit failures"
    assert int(root.get("failures")) == len(failures) == json.loads(check(case, "json")[1])["summary"]["blocking"]
    compare(f"{CI_EXAMPLE}.junit.xml", out, update_golden)


def test_sarif_matches_golden(update_golden: bool):
    case = next(c for c in CASES if c.name == CI_EXAMPLE)
    code, out = check(case, "sarif")
    assert code == 1
    log = assert_valid_sarif(out)
    assert log["version"] == "2.1.0"
    [run_] = log["runs"]
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert len(rule_ids) == len(set(rule_ids)) and "missing-element" in rule_ids
    results = run_["results"]
    assert results and {r["ruleId"] for r in results} <= set(rule_ids)
    for r in results:
        assert r["level"] in ("error", "warning", "note") and r["message"]["text"]
        assert rule_ids[r["ruleIndex"]] == r["ruleId"]
    compare(f"{CI_EXAMPLE}.sarif", out, update_golden)


def test_generated_examples_are_committed_and_small():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_examples", EXAMPLES / "make_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for rel, sources in module.OUTPUTS.items():
        out = EXAMPLES / rel
        assert out.is_file(), f"{rel} is missing: run python examples/make_examples.py"
        assert out.stat().st_size < 60_000, f"{rel} is over 60 kB"
        assert all((EXAMPLES / "sources" / s).is_file() for s in sources)

"""`check --shard K/N` slices and `merge-reports`: shards merge back into the unsharded report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CRED = "aligning-school-mission"
SIZES = (40, 900, 120, 30000, 60, 700, 250)  # filler words per submission: uneven on purpose


def mccheck(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "CI")}
    env.update({"NO_COLOR": "1", "COLUMNS": "100"})
    return subprocess.run([sys.executable, "-m", "mccheck", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=120)


def _batch(root: Path) -> Path:
    batch = root / "batch"
    for i, words in enumerate(SIZES, 1):
        folder = batch / f"teacher-{i}"
        folder.mkdir(parents=True)
        (folder / "mccheck.yaml").write_text(f"credential: {CRED}\n", encoding="utf-8")
        filler = " ".join(["mission"] * words)
        (folder / "draft.md").write_text(
            f"# Part 1: Overview Questions\n\nOur school serves many families. {filler}\n\n"
            f"# Part 3: Reflection\n\nI learned to listen to families.\n",
            encoding="utf-8",
        )
    return batch


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    return _batch(tmp_path_factory.mktemp("shards"))


@pytest.fixture(scope="module")
def unsharded(batch) -> dict:
    result = mccheck("check", str(batch), "--format", "json", "--jobs", "1")
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


def _shard(batch: Path, k: int, n: int, out: Path) -> list[str]:
    result = mccheck("check", str(batch), "--shard", f"{k}/{n}", "--format", "json", "--output", str(out), "--jobs", "1")
    assert result.returncode in (0, 1), result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    items = data["submissions"] if "submissions" in data else [data]
    return [i["paths"][0] for i in items]


def test_merged_shards_equal_the_unsharded_run(batch, unsharded, tmp_path):
    one, two = tmp_path / "shard1.json", tmp_path / "shard2.json"
    _shard(batch, 1, 2, one)
    _shard(batch, 2, 2, two)
    # Given in either order, the merge lists submissions as the unsharded run does.
    for files in ((one, two), (two, one)):
        result = mccheck("merge-reports", *map(str, files))
        assert result.returncode == 1, result.stderr  # these drafts are not ready
        merged = json.loads(result.stdout)
        assert merged["schema"] == "mccheck/report/v1"
        assert merged["submissions"] == unsharded["submissions"]
        assert merged["summary"] == unsharded["summary"]
        assert merged["ready"] is unsharded["ready"] is False


def test_shards_are_disjoint_complete_deterministic_and_balanced_by_size(batch, unsharded, tmp_path):
    n = 3
    slices = [_shard(batch, k, n, tmp_path / f"s{k}.json") for k in range(1, n + 1)]
    again = [_shard(batch, k, n, tmp_path / f"t{k}.json") for k in range(1, n + 1)]
    assert slices == again
    every = [p for s in slices for p in s]
    assert sorted(every) == sorted(s["paths"][0] for s in unsharded["submissions"])
    assert len(set(every)) == len(every)

    from mccheck.cli.check import SHARD_BASE_BYTES

    def size(path: str) -> int:  # the weight --shard balances: bytes of input plus a fixed cost
        return SHARD_BASE_BYTES + sum(f.stat().st_size for f in Path(path).iterdir() if f.suffix == ".md")

    loads = [sum(size(p) for p in s) for s in slices]
    biggest = max(size(p) for p in every)
    # Greedy largest-first: no slice exceeds the mean by more than one submission's weight.
    assert max(loads) <= sum(loads) / n + biggest
    # The largest submission is alone: a count-based split would give it company.
    heavy = max(every, key=size)
    assert [heavy] in slices


def test_more_shards_than_submissions_leaves_an_empty_report(batch, tmp_path):
    out = tmp_path / "empty.json"
    result = mccheck("check", str(batch), "--shard", f"{len(SIZES) + 1}/{len(SIZES) + 1}", "--format", "json",
                     "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert "has none of the" in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["submissions"] == [] and data["ready"] is True
    # ... and merges with the others like any shard.
    merged = mccheck("merge-reports", str(out))
    assert merged.returncode == 0 and json.loads(merged.stdout)["summary"]["submissions"] == 0


def _report(path: str, ready: bool, errors: int = 0, warnings: int = 0) -> dict:
    return {
        "schema": "mccheck/report/v1", "credential": CRED, "credential_title": "Aligning", "paths": [path],
        "files": [f"{path}/draft.md"], "ready": ready, "counter": "word", "sections": [], "findings": [],
        "rubric": [], "checks_run": [],
        "summary": {"errors": errors, "warnings": warnings, "info": 0, "blocking": errors},
    }


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_single_reports_and_multi_reports_merge_and_set_the_exit_code(tmp_path):
    a = _write(tmp_path / "a.json", _report("subs/teacher-10", True))
    b = _write(tmp_path / "b.json", {"schema": "mccheck/report/v1", "ready": True, "summary": {},
                                     "submissions": [_report("subs/teacher-2", True, warnings=2)]})
    result = mccheck("merge-reports", str(a), str(b))
    assert result.returncode == 0, result.stderr
    merged = json.loads(result.stdout)
    assert [s["paths"] for s in merged["submissions"]] == [["subs/teacher-2"], ["subs/teacher-10"]]  # natural order
    assert merged["summary"] == {"submissions": 2, "ready": 2, "not_ready": 0, "errors": 0, "warnings": 2}

    c = _write(tmp_path / "c.json", _report("subs/teacher-3", False, errors=3))
    out = tmp_path / "merged.md"
    result = mccheck("merge-reports", str(a), str(b), str(c), "--format", "markdown", "--output", str(out))
    assert result.returncode == 1 and result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "| submission | credential | ready | errors | warnings |" in text
    assert f"| `subs/teacher-3` | {CRED} | ❌ not ready | 3 | 0 |" in text
    assert f"| `subs/teacher-2` | {CRED} | ✅ ready | 0 | 2 |" in text
    assert text.index("teacher-2`") < text.index("teacher-3`") < text.index("teacher-10`")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON (line 1"),
        ("[1, 2]", "is not an mccheck report"),
        ('{"schema": "other/v2"}', 'has schema "other/v2", not "mccheck/report/v1"'),
        ('{"schema": "mccheck/report/v1", "submissions": [{"schema": "mccheck/report/v1"}]}',
         'submission 1 has no "paths" list'),
        ('{"schema": "mccheck/report/v1", "paths": ["x"], "ready": "yes"}', 'has no true/false "ready"'),
        (None, "does not exist"),
    ],
)
def test_unreadable_or_invalid_input_is_one_line_exit_2(tmp_path, content, message):
    good = _write(tmp_path / "good.json", _report("subs/a", True))
    bad = tmp_path / "bad.json"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    result = mccheck("merge-reports", str(good), str(bad))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"mccheck: {bad}: ") and message in lines[0], result.stderr


def test_the_same_submission_twice_is_refused(tmp_path):
    a = _write(tmp_path / "a.json", _report("subs/a", True))
    result = mccheck("merge-reports", str(a), str(a))
    assert result.returncode == 2
    assert "repeats submission subs/a" in result.stderr and "Traceback" not in result.stderr


def test_unknown_format_is_a_usage_error(tmp_path):
    a = _write(tmp_path / "a.json", _report("subs/a", True))
    result = mccheck("merge-reports", str(a), "--format", "sarif")
    assert result.returncode == 2 and "merge-reports writes: json, markdown" in result.stderr

"""action.yml run locally as the runner would: each `run:` step with bash, the inputs
substituted, and a fake GITHUB_* environment (step summary, outputs, PATH additions)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from ci_checkout import REPO, project_copy, submissions_repo
from clients import assert_valid_sarif

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
_EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


class Runner:
    """Just enough of the Actions runner for a composite action of bash steps."""

    def __init__(self, action_dir: Path, workspace: Path, temp: Path):
        self.action_dir, self.workspace, self.temp = action_dir, workspace, temp
        temp.mkdir(parents=True, exist_ok=True)
        self.files = {name: temp / name for name in ("summary.md", "output", "path")}
        for file in self.files.values():
            file.touch()

    def expand(self, text: str, inputs: dict[str, str], outputs: dict[str, str]) -> str:
        def value(match: re.Match) -> str:
            name = match.group(1)
            if name.startswith("inputs."):
                return inputs[name.removeprefix("inputs.")]
            if name.startswith("steps."):
                return outputs.get(name.rsplit(".", 1)[-1], "")
            if name == "github.action_path":
                return str(self.action_dir)
            raise AssertionError(f"the test runner does not know ${{{{ {name} }}}}")

        return _EXPRESSION.sub(value, str(text))

    def run(self, workspace: Path | None = None, **given: str) -> tuple[int, dict[str, str], str]:
        """Run every step; (exit status of the first failing step or 0, the action's outputs, stdout)."""
        workspace = workspace or self.workspace
        inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
        unknown = set(given) - set(inputs)
        assert not unknown, f"action.yml has no inputs {unknown}"
        inputs.update(given)
        env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_") and k not in ("NO_COLOR", "FORCE_COLOR")}
        env.update(
            CI="true", GITHUB_ACTIONS="true", GITHUB_WORKSPACE=str(workspace), RUNNER_TEMP=str(self.temp),
            GITHUB_ACTION_PATH=str(self.action_dir), GITHUB_STEP_SUMMARY=str(self.files["summary.md"]),
            GITHUB_OUTPUT=str(self.files["output"]), GITHUB_PATH=str(self.files["path"]),
        )
        outputs: dict[str, str] = {}
        stdout = ""
        assert ACTION["runs"]["using"] == "composite"
        for step in ACTION["runs"]["steps"]:
            assert "run" in step and step["shell"] == "bash", "only bash run: steps can be run here"
            added = [line for line in self.files["path"].read_text().splitlines() if line]
            step_env = {**env, "PATH": os.pathsep.join([*reversed(added), env["PATH"]])}
            step_env.update({k: self.expand(v, inputs, outputs) for k, v in step.get("env", {}).items()})
            script = self.temp / "step.sh"
            script.write_text(self.expand(step["run"], inputs, outputs))
            # GitHub runs `shell: bash` as `bash --noprofile --norc -eo pipefail {0}`.
            done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=workspace,
                                  env=step_env, capture_output=True, text=True, timeout=300)
            stdout += done.stdout
            for line in self.files["output"].read_text().splitlines():
                key, _, val = line.partition("=")
                outputs[key] = val
            if done.returncode:
                return done.returncode, self._outputs(inputs, outputs), stdout + done.stderr
        return 0, self._outputs(inputs, outputs), stdout

    def _outputs(self, inputs: dict, outputs: dict) -> dict[str, str]:
        return {name: self.expand(spec["value"], inputs, outputs) for name, spec in ACTION["outputs"].items()}


@pytest.fixture(scope="module")
def runner(tmp_path_factory):
    base = tmp_path_factory.mktemp("action")
    return Runner(project_copy(base / "action"), submissions_repo(base / "workspace"), base / "runner")


def test_not_ready_batch_fails_the_job_with_annotations_summary_and_reports(runner):
    status, outputs, stdout = runner.run(path="submissions\n")
    assert status == 1, stdout
    assert outputs["ready"] == "false"
    assert "::error file=submissions/sam/" in stdout
    summary = runner.files["summary.md"].read_text(encoding="utf-8")
    assert summary.startswith("## mccheck: 1 of 2 submissions ready\n")
    assert summary.index("| `submissions/sam` | ❌ not ready |") < summary.index("## ❌ NOT READY")
    assert_valid_sarif((runner.workspace / outputs["sarif"]).read_text(encoding="utf-8"))
    report = json.loads((runner.workspace / outputs["json"]).read_text(encoding="utf-8"))
    assert [s["ready"] for s in report["submissions"]] == [True, False]


def test_readme_shard_matrix_and_merge_job_as_written(runner, tmp_path):
    """The README's matrix: each shard job with its inputs, then the merge job over what
    download-artifact lays out (shard-K/mccheck.json)."""
    shard_step, merge_step = readme_action_steps("matrix: {shard:")
    downloads = tmp_path / "downloads"
    shards = 2
    for k in (1, 2):
        inputs = {key: str(value).replace("${{ matrix.shard }}", str(k)).replace("/4", f"/{shards}")
                  for key, value in shard_step["with"].items()}
        status, outputs, stdout = runner.run(**inputs)
        assert status == 0, stdout  # fail-job: "false"
        (downloads / f"shard-{k}").mkdir(parents=True)
        (runner.workspace / outputs["json"]).rename(downloads / f"shard-{k}" / "mccheck.json")
    status, outputs, stdout = runner.run(downloads, **merge_step["with"])
    assert status == 1 and outputs["ready"] == "false", stdout  # sam is not ready
    merged = json.loads((downloads / outputs["json"]).read_text(encoding="utf-8"))
    assert [s["paths"] for s in merged["submissions"]] == [["submissions/jane"], ["submissions/sam"]]
    assert "submissions/sam" in runner.files["summary.md"].read_text(encoding="utf-8")


def test_readme_workflows_use_only_what_the_action_has():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install mccheck" not in readme  # it is on no package index
    workflows = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL) if "jobs:" in b]
    assert len(workflows) == 2
    for workflow in workflows:
        for job in workflow["jobs"].values():
            ids = {s["id"] for s in job["steps"] if "id" in s and s.get("uses", "").startswith("mccheck/mccheck@")}
            for step in job["steps"]:
                if step.get("uses", "").startswith("mccheck/mccheck@"):
                    assert set(step["with"]) <= set(ACTION["inputs"]), step
                for ref in re.findall(r"steps\.(\w+)\.outputs\.(\w+)", json.dumps(step)):
                    assert ref[0] in ids and ref[1] in ACTION["outputs"], ref
            sarif = [s for s in job["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
            if ids:
                assert sarif and "outputs.sarif" in sarif[0]["with"]["sarif_file"]


def readme_action_steps(marker: str) -> list[dict]:
    """The action's steps, in order, in the README workflow containing ``marker``."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    [block] = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL) if marker in b]
    jobs = yaml.safe_load(block)["jobs"].values()
    return [s for job in jobs for s in job["steps"] if s.get("uses", "").startswith("mccheck/mccheck@")]


def test_a_credential_input_and_paths_with_spaces(runner):
    status, outputs, stdout = runner.run(path="submissions/sam/Shared purpose draft.md",
                                         credential="cultivating-shared-purpose", **{"fail-on": "warning"})
    assert status == 1 and outputs["ready"] == "false", stdout
    assert "::error file=submissions/sam/Shared purpose draft.md" in stdout

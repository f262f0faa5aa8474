"""The pre-commit hook, run by the real pre-commit on a repository of submission folders:
`try-repo` against this working tree, and the README's snippet as a user pastes it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from ci_checkout import REPO, git, project_copy, submissions_repo

README = (REPO / "README.md").read_text(encoding="utf-8")
READY_FILE = "submissions/jane/Artifact 2 Good Mission Statements.docx"
NOT_READY_FILES = ("submissions/sam/Shared purpose draft.md", "submissions/sam/mccheck.yaml")


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    base = tmp_path_factory.mktemp("precommit")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    env.update(PRE_COMMIT_HOME=str(base / "cache"), NO_COLOR="1", CI="")
    return project_copy(base / "mccheck"), submissions_repo(base / "cohort"), env


def pre_commit(cwd, env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_try_repo_checks_each_changed_submission_once_and_skips_other_files(setup):
    # try-repo installs the hook afresh on every run, so one run covers both outcomes.
    hooks, repo, env = setup
    files = (READY_FILE, *NOT_READY_FILES, "README.md")
    result = pre_commit(repo, env, "try-repo", str(hooks), "mccheck", "--verbose", "--files", *files)
    assert result.returncode == 1 and "Failed" in result.stdout, result.stdout + result.stderr
    out = result.stdout
    assert out.count("READY  Aligning your School Mission") == 1 and "(submissions/jane)" in out
    assert out.count("NOT READY") == 1 and "(submissions/sam)" in out
    assert "README.md" not in out.split("- hook id: mccheck")[-1]  # its TODO is in no submission


def test_readme_snippet_as_written_pins_a_commit_and_runs(setup):
    hooks, repo, env = setup
    snippet = re.search(r"```yaml\n(repos:\n.*?)```", README, re.DOTALL).group(1)
    url = re.search(r"repo: (\S+)", snippet).group(1)
    (repo / ".pre-commit-config.yaml").write_text(snippet.replace(url, str(hooks)), encoding="utf-8")
    # The README's next step: pin rev to a full commit hash (the project has no version tags).
    assert pre_commit(repo, env, "autoupdate", "--freeze").returncode == 0
    pinned = (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert f"rev: {git(hooks, 'rev-parse', 'HEAD').strip()}" in pinned
    assert pre_commit(repo, env, "run", "--files", READY_FILE).returncode == 0
    failed = pre_commit(repo, env, "run", "--files", *NOT_READY_FILES)
    assert failed.returncode == 1 and "NOT READY" in failed.stdout

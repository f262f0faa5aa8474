"""The project as a client sees it: a fresh git repository holding this working tree's files
(committed, as `pre-commit try-repo` and `uses: ./` need), and a repository of submissions."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_SYSTEM": "/dev/null"}


def git(cwd: Path, *args: str, env: dict | None = None) -> str:
    import os

    full = {**os.environ, **GIT_ENV, **(env or {})}
    return subprocess.run(["git", *args], cwd=cwd, env=full, check=True, capture_output=True, text=True).stdout


def project_copy(dest: Path) -> Path:
    """This working tree's tracked and new files, committed in a repository of their own."""
    import pytest

    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("needs git and a git checkout of mccheck")
    listed = git(REPO, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    for rel in filter(None, listed):
        source = REPO / rel
        if source.is_file() or source.is_symlink():
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "mccheck under test")
    return dest


def submissions_repo(dest: Path) -> Path:
    """A repository of submission folders: one ready, one not ready, and a README outside both."""
    shutil.copytree(EXAMPLES / "aligning-school-mission" / "submission", dest / "submissions" / "jane")
    not_ready = dest / "submissions" / "sam"
    not_ready.mkdir(parents=True)
    shutil.copy(EXAMPLES / "cultivating-shared-purpose" / "not-ready.md", not_ready / "Shared purpose draft.md")
    (not_ready / "mccheck.yaml").write_text("credential: cultivating-shared-purpose\n", encoding="utf-8")
    (dest / "README.md").write_text("# Our cohort's submissions\n\nTODO: add the others.\n", encoding="utf-8")
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "submissions")
    return dest

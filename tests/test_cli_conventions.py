"""Linter conventions (ruff, yamllint, check-jsonschema, markdownlint-cli2, Vale): submission-aware
paths and config discovery, quiet and colour, unwrapped logs, completion, help, standard input,
long reports, GitHub extras, file modes, stdout for data and stderr for status."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CRED = "collaborative-learning-culture"
READY_MD = EXAMPLES / CRED / "ready.md"


def submission(folder: Path, ready: bool = True) -> Path:
    """A submission folder of the collaborative-learning-culture credential (markdown, fast to read)."""
    folder.mkdir(parents=True)
    (folder / "mccheck.yaml").write_text(f"credential: {CRED}\n", encoding="utf-8")
    shutil.copy(READY_MD, folder / "Parts 1 and 3.md")
    if ready:  # Part 2 asks for at least two artifacts
        # An agenda: a PDF that holds no section of the credential, so it is evidence.
        shutil.copy(REPO / "tests/data/pdf/hyphenated.pdf", folder / "Agenda October.pdf")
        (folder / "protocol video.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    return folder


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    """A git checkout of submissions (its root stops the search for mccheck.yaml); cwd is its root."""
    root = tmp_path / "cohort"
    root.mkdir()
    (root / ".git").mkdir()
    submission(root / "submissions" / "jane")
    submission(root / "submissions" / "sam", ready=False)
    (root / "README.md").write_text("# Cohort\n\nTODO\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def reports(result) -> list[dict]:
    data = json.loads(result.stdout)
    return data["submissions"] if "submissions" in data else [data]


# -- which submissions a path stands for -------------------------------------------------


def test_files_inside_a_submission_check_it_once(cli, checkout):
    jane = "submissions/jane"
    result = cli("check", f"{jane}/Parts 1 and 3.md", f"{jane}/Agenda October.pdf", "--format", "json")
    [report] = reports(result)
    assert result.exit_code == 0 and report["paths"] == [jane] and report["ready"]
    assert len(report["files"]) == 2  # the whole folder's drafts, the video counted as an artifact


def test_file_only_checks_each_named_file_alone(cli, checkout):
    result = cli("check", "submissions/jane/Parts 1 and 3.md", "--file-only", "--format", "json")
    [report] = reports(result)
    assert report["paths"] == ["submissions/jane/Parts 1 and 3.md"]
    assert report["credential"] == CRED  # the folder's mccheck.yaml still names the credential


def test_no_path_checks_the_current_folder_and_finds_the_config_upward(cli, checkout, monkeypatch):
    part = checkout / "submissions" / "sam" / "notes"
    part.mkdir()
    monkeypatch.chdir(part)
    result = cli("check", "--format", "json")
    [report] = reports(result)
    assert result.exit_code == 1 and report["credential"] == CRED
    assert Path(report["paths"][0]).resolve() == (checkout / "submissions" / "sam").resolve()


def test_the_search_for_mccheck_yaml_stops_at_the_repository_root(cli, checkout, tmp_path):
    (tmp_path / "mccheck.yaml").write_text(f"credential: {CRED}\n")  # above the checkout: not ours
    result = cli("check", "README.md")
    assert result.exit_code == 2 and "README.md: which credential?" in result.stderr


def test_a_file_outside_any_submission_uses_the_config_found_from_the_current_folder(cli, checkout, tmp_path, monkeypatch):
    outside = tmp_path / "pasted.md"
    shutil.copy(READY_MD, outside)
    monkeypatch.chdir(checkout / "submissions" / "jane")
    [report] = reports(cli("check", str(outside), "--format", "json"))
    assert report["credential"] == CRED and report["paths"] == [str(outside)]


def test_config_option_overrides_every_folders_settings(cli, checkout, tmp_path):
    settings = tmp_path / "strict.yaml"
    settings.write_text(f"credential: {CRED}\nignore: [artifact-missing]\n", encoding="utf-8")
    result = cli("check", "submissions", "--config", str(settings), "--format", "json", "-j", "1")
    assert result.exit_code == 0
    assert all("artifact-missing" not in r["checks_run"] for r in reports(result))


def test_submissions_only_skips_loose_files(cli, checkout):
    result = cli("check", "README.md", "submissions/jane/Parts 1 and 3.md", "--submissions-only", "--format", "json")
    assert [r["paths"] for r in reports(result)] == [["submissions/jane"]]
    alone = cli("check", "README.md", "--submissions-only")
    assert alone.exit_code == 0 and alone.stdout == "" and "nothing to check" in alone.stderr


# -- output conventions --------------------------------------------------------------------


def test_quiet_prints_the_verdict_and_blocking_findings_only(cli, checkout):
    result = cli("check", "submissions/sam", "--quiet")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1 and lines[0].startswith("NOT READY") and "(submissions/sam)" in lines[0]
    assert len(lines) == 2 and "[artifact-missing]" in lines[1] and "→ add 2 more files" in lines[1]
    assert "Rubric" not in result.stdout and result.stderr == ""


def test_version_short_and_long(cli):
    from mccheck import __version__

    for flag in ("-V", "--version"):
        result = cli(flag)
        assert result.exit_code == 0 and result.stdout.startswith(f"mccheck {__version__}")


def test_fail_on_never_reports_but_exits_0(cli, checkout):
    result = cli("check", "submissions/sam", "--fail-on", "never")
    assert result.exit_code == 0 and result.stdout.startswith("NOT READY")
    bad = cli("check", "submissions/sam", "--fail-on", "sometimes")
    assert bad.exit_code == 2 and '"never"' in bad.stderr


@pytest.mark.parametrize(
    "env, tty, coloured",
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"TERM": "dumb"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
    ],
)
def test_colour_follows_no_color_force_color_and_term(monkeypatch, env, tty, coloured):
    from mccheck.formatters.terminal import use_color

    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert use_color(tty) is coloured


def test_force_color_reaches_the_report(cli, checkout, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in cli("check", "submissions/sam").stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli("check", "submissions/sam").stdout


def test_piped_output_is_not_wrapped_one_finding_per_line(cli, checkout, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    deep = checkout / ("a folder with a very long name " * 4).strip() / "sam"
    shutil.copytree(checkout / "submissions" / "sam", deep)
    result = cli("check", str(deep.relative_to(checkout)))
    [line] = [line for line in result.stdout.splitlines() if "[artifact-missing]" in line]
    assert str(deep.relative_to(checkout)) in line and line.lstrip().startswith("✗")


def test_a_report_longer_than_a_screen_ends_with_the_verdict_again(cli, checkout, monkeypatch):
    monkeypatch.setenv("LINES", "10")
    long = cli("check", "submissions/sam").stdout.rstrip("\n").splitlines()
    assert long[-1] == long[0] and long[0].startswith("NOT READY")
    monkeypatch.setenv("LINES", "500")
    short = cli("check", "submissions/sam").stdout.rstrip("\n").splitlines()
    assert short[-1] != short[0]


def test_a_batch_ends_with_a_table_of_every_submission(cli, checkout):
    result = cli("check", "submissions", "-j", "1")
    tail = result.stdout.split("Summary")[-1].splitlines()
    [jane] = [line for line in tail if line.startswith("submissions/jane")]
    [sam] = [line for line in tail if line.startswith("submissions/sam")]
    assert "READY" in jane and "NOT READY" not in jane
    assert "NOT READY" in sam and " 1 " in sam and "0 of at least 2 files" in sam
    assert tail[-1] == "1 of 2 submissions ready; 1 not ready."


def test_batch_html_has_an_index_linking_every_report(cli, checkout):
    html = cli("check", "submissions", "--format", "html", "-j", "1").stdout
    index = html.split('<table class="index">')[1].split("</table>")[0]
    assert '<a href="#submission-1">submissions/jane</a>' in index and "✗ not ready" in index
    assert 'id="submission-2"' in html


# -- completion, help, standard input --------------------------------------------------------


def _complete(words: str) -> list[str]:
    script = shutil.which("mccheck", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the mccheck console script is not installed next to this Python")
    env = {**os.environ, "_MCCHECK_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    return subprocess.run([script], env=env, capture_output=True, text=True, timeout=60).stdout.split()


def test_completion_knows_credential_and_check_ids():
    assert _complete("mccheck check -c coll") == ["collaborative-leadership", "collaborative-learning-culture"]
    assert _complete("mccheck check --ignore word") == ["word-limit"]
    assert _complete("mccheck explain place") == ["placeholder"]


@pytest.mark.parametrize("command, usage", [("check", "PATHS..."), ("count", "PATHS..."), ("validate", "PATHS..."),
                                            ("merge-reports", "FILES..."), ("explain", "[ID]")])
def test_help_names_the_arguments_plainly(cli, command, usage):
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].endswith(f"mccheck {command} [OPTIONS] {usage}")
    for noise in ("{", "<list", "<str>", "<float>", "<int>"):
        assert noise not in result.stdout, noise


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))


def test_count_reads_pasted_text_as_one_section(cli, monkeypatch):
    # What a teacher is about to paste into the portal's box: quoted statements are not counted.
    _stdin(monkeypatch, 'We began with norms.\n\n> "Every child, every day."\n\nTeachers chose the problems.\n')
    result = cli("count", "-", "-c", "aligning-school-mission", "--section", "artifact1.comparable-missions",
                 "--format", "json")
    data = json.loads(result.stdout)
    [row] = data["sections"]
    assert result.exit_code == 0 and row["id"] == "artifact1.comparable-missions"
    assert row["words"] == 8 and row["excluded_words"] == 4 and row["limit"] == "300-600 words"


def test_count_stdin_finds_the_credential_from_the_current_folder(cli, checkout, monkeypatch):
    monkeypatch.chdir(checkout / "submissions" / "jane")
    _stdin(monkeypatch, "Teachers chose the problems we worked on.\n")
    result = cli("count", "-", "--section", "part1.overview")
    assert result.exit_code == 0 and "7, limit at most 300 words" in result.stdout


def test_count_stdin_errors_are_one_line(cli, monkeypatch):
    _stdin(monkeypatch, "text\n")
    assert "did you mean" in cli("count", "-", "-c", CRED, "--section", "part1.overveiw").stderr
    _stdin(monkeypatch, "text\n")
    assert "cannot be combined" in cli("count", "-", "README.md").stderr


# -- GitHub Actions ------------------------------------------------------------------------


def _github(monkeypatch, summary: Path) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))


def test_job_summary_opens_with_the_overview_and_stays_under_the_limit(cli, checkout, monkeypatch, tmp_path):
    from mccheck.formatters.markdown import SUMMARY_LIMIT

    summary = tmp_path / "summary.md"
    earlier = "x" * (SUMMARY_LIMIT - 1_500) + "\n"  # another step already wrote most of the budget
    summary.write_text(earlier, encoding="utf-8")
    _github(monkeypatch, summary)
    assert cli("check", "submissions", "-j", "1").exit_code == 1
    mine = summary.read_text(encoding="utf-8")[len(earlier):]
    assert mine.startswith("## mccheck: 1 of 2 submissions ready\n")
    assert "| `submissions/sam` | ❌ not ready | 1 |" in mine and "left out" in mine
    assert summary.stat().st_size <= SUMMARY_LIMIT


def test_unwritable_job_summary_is_a_warning_and_the_verdict_stands(cli, checkout, monkeypatch, tmp_path):
    _github(monkeypatch, tmp_path / "no such folder" / "summary.md")
    result = cli("check", "submissions/sam")
    # The missing artifacts are filed under the submission's mccheck.yaml.
    assert result.exit_code == 1 and "::error file=submissions/sam/mccheck.yaml,title=mccheck artifact-missing::" in result.stdout
    assert "warning: could not write the job summary" in result.stderr and "internal error" not in result.stderr


def test_the_annotation_cap_warning_comes_first(cli, checkout, monkeypatch, tmp_path):
    for n in range(11):
        shutil.copytree(checkout / "submissions" / "sam", checkout / "submissions" / f"sam{n}")
    _github(monkeypatch, tmp_path / "summary.md")
    lines = cli("check", "submissions", "-j", "1").stdout.splitlines()
    assert lines[0].startswith("::warning::mccheck found 12 errors; GitHub shows only 10")
    assert sum(line.startswith("::error") for line in lines) == 12


# -- files written, stdout and stderr ------------------------------------------------------


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_written_files_get_the_umask_mode_and_keep_an_existing_mode(cli, checkout, umask_022):
    assert cli("check", "submissions/sam", "--output", "report.html", "--format", "html").exit_code == 1
    assert (checkout / "report.html").stat().st_mode & 0o777 == 0o644
    os.chmod(checkout / "report.html", 0o640)
    cli("check", "submissions/sam", "--output", "report.html", "--format", "html", "--report", "json:r.json")
    assert (checkout / "report.html").stat().st_mode & 0o777 == 0o640
    assert (checkout / "r.json").stat().st_mode & 0o777 == 0o644
    assert cli("init", CRED, "--output", "draft").exit_code == 0
    assert {p.stat().st_mode & 0o777 for p in (checkout / "draft").iterdir()} == {0o644}


def test_data_goes_to_stdout_and_status_to_stderr(cli, checkout):
    made = cli("init", CRED, "--output", "fresh")
    assert made.stdout == "" and "Created" in made.stderr
    wrote = cli("new-spec", "--id", "my-spec")
    assert wrote.stdout == "" and "Wrote my-spec.yaml" in wrote.stderr
    piped = cli("new-spec", "--id", "piped", "-o", "-")
    assert piped.stderr == "" and piped.stdout.startswith("# A credential spec for mccheck")
    (checkout / "piped.yaml").write_text(piped.stdout, encoding="utf-8")
    assert cli("validate", "piped.yaml").exit_code == 0


def test_schema_report_prints_the_shipped_report_schema(cli):
    result = cli("schema", "--report")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def test_every_schema_ships_in_the_package_unchanged():
    from importlib import resources

    shipped = resources.files("mccheck") / "schemas"
    for schema in sorted((REPO / "schemas").glob("*.json")):
        assert (shipped / schema.name).read_text(encoding="utf-8") == schema.read_text(encoding="utf-8"), (
            f"copy schemas/{schema.name} to src/mccheck/schemas/"
        )


def test_the_wheel_holds_every_schema_and_credential(tmp_path):
    import zipfile

    from ci_checkout import project_copy

    source = project_copy(tmp_path / "src")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
                            str(source)], capture_output=True, text=True, timeout=300)
    if built.returncode:
        pytest.skip(f"cannot build a wheel here: {built.stderr.strip().splitlines()[-1:]}")
    [wheel] = (tmp_path / "dist").glob("mccheck-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for schema in (REPO / "schemas").glob("*.json"):
        assert f"mccheck/schemas/{schema.name}" in names
    for spec in (REPO / "credentials").glob("*.yaml"):
        assert f"mccheck/credentials/{spec.name}" in names


def test_readme_paste_command_runs_as_written(cli, monkeypatch):
    import re
    import shlex

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = re.search(r"^pbpaste \| mccheck (count .+)$", readme, re.MULTILINE).group(1)
    _stdin(monkeypatch, "Our school serves 420 students; 61% qualify for free lunch.\n")
    result = cli(*shlex.split(command))
    assert result.exit_code == 0 and "10, limit 300-500 words" in result.stdout, result.stdout

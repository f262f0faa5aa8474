"""discover(): paths → submissions, and mccheck.yaml parsing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mccheck import discover as disc
from mccheck.discover import FolderConfig, Submission, discover, load_config, natural_key
from mccheck.errors import InputError


def touch(root: Path, *names: str, text: str = "text\n") -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def rel(sub: Submission) -> list[str]:
    return [p.relative_to(sub.root).as_posix() for p in sub.files]


def skipped(sub: Submission) -> dict[str, str]:
    return {p.relative_to(sub.root).as_posix(): reason for p, reason in sub.skipped}


# -- files and folders -----------------------------------------------------------------


def test_file_is_a_one_file_submission(tmp_path):
    touch(tmp_path, "draft.md")
    (sub,) = discover([tmp_path / "draft.md"])
    assert sub == Submission(tmp_path, (tmp_path / "draft.md",), None, (), is_folder=False)


def test_file_picks_up_its_folders_config(tmp_path):
    touch(tmp_path, "draft.md")
    (tmp_path / "mccheck.yaml").write_text("credential: abc\n")
    (sub,) = discover([tmp_path / "draft.md"])
    assert sub.config is not None and sub.config.credential == "abc"


def test_named_file_of_unsupported_type_is_kept_for_the_reader(tmp_path):
    touch(tmp_path, "essay.doc")
    (sub,) = discover([tmp_path / "essay.doc"])
    assert sub.files == (tmp_path / "essay.doc",)


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        discover([tmp_path / "nope"])


def test_dangling_link_given_directly(tmp_path):
    (tmp_path / "l").symlink_to(tmp_path / "gone")
    with pytest.raises(InputError, match="does not exist"):
        discover([tmp_path / "l"])


def test_folder_natural_order_recursive(tmp_path):
    touch(
        tmp_path,
        "Artifact 10.docx",
        "Artifact 2.docx",
        "artifact 1.pdf",
        "Part 2/Reflection.md",
        "Part 10/Reflection.md",
        "Part 2/notes.txt",
    )
    (sub,) = discover([tmp_path])
    assert sub.root == tmp_path and sub.config is None and sub.is_folder
    assert rel(sub) == [
        "artifact 1.pdf",
        "Artifact 2.docx",
        "Artifact 10.docx",
        "Part 2/notes.txt",
        "Part 2/Reflection.md",
        "Part 10/Reflection.md",
    ]


def test_junk_files_are_ignored_silently(tmp_path):
    touch(
        tmp_path,
        "draft.docx",
        "~$draft.docx",
        ".~lock.draft.docx#",
        "~WRL0001.tmp",
        "draft.md.tmp",
        ".hidden.md",
        ".git/notes.md",
        "__MACOSX/._draft.docx",
        "Thumbs.db",
        ".DS_Store",
        "draft.md~",
    )
    (sub,) = discover([tmp_path])
    assert rel(sub) == ["draft.docx"]
    assert sub.skipped == ()


def test_other_files_are_recorded_as_skipped(tmp_path):
    touch(tmp_path, "draft.md", "photo.jpg", "old.doc", "essay.pages")
    (sub,) = discover([tmp_path])
    assert rel(sub) == ["draft.md"]
    reasons = skipped(sub)
    assert set(reasons) == {"photo.jpg", "old.doc", "essay.pages"}
    assert "save as .docx" in reasons["old.doc"]
    assert "export it as .docx or PDF" in reasons["essay.pages"]
    assert "is not a .md" in reasons["photo.jpg"]


def test_unreadable_entries_are_recorded_not_fatal(tmp_path):
    touch(tmp_path, "good.md")
    (tmp_path / "broken.md").symlink_to(tmp_path / "missing.md")
    os.mkfifo(tmp_path / "pipe.md")
    (sub,) = discover([tmp_path])
    assert rel(sub) == ["good.md"]
    reasons = skipped(sub)
    assert "does not exist" in reasons["broken.md"]
    assert "not a regular file" in reasons["pipe.md"]


def test_permission_denied_file_is_recorded(tmp_path, monkeypatch):
    touch(tmp_path, "good.md", "locked.md")
    real = os.access
    monkeypatch.setattr(disc.os, "access", lambda p, m: not str(p).endswith("locked.md") and real(p, m))
    (sub,) = discover([tmp_path])
    assert rel(sub) == ["good.md"]
    assert skipped(sub) == {"locked.md": "cannot be read: permission denied"}


def test_unopenable_subfolder_is_recorded(tmp_path, monkeypatch):
    touch(tmp_path, "good.md", "secret/x.md")
    real = os.scandir

    def scandir(p):
        if Path(p).name == "secret":
            raise PermissionError(13, "Permission denied")
        return real(p)

    monkeypatch.setattr(disc.os, "scandir", scandir)
    (sub,) = discover([tmp_path])
    assert rel(sub) == ["good.md"]
    assert skipped(sub) == {"secret": "cannot be opened: permission denied"}


def test_symlink_loop_terminates(tmp_path):
    touch(tmp_path, "a/draft.md")
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    (tmp_path / "a" / "self").symlink_to(tmp_path / "a")
    (sub,) = discover([tmp_path])
    assert rel(sub) == ["a/draft.md"]
    assert set(skipped(sub)) == {"a/loop", "a/self"}
    assert all("already included" in r for r in skipped(sub).values())


def test_symlinked_file_and_folder_are_followed_once(tmp_path):
    outside = tmp_path / "outside"
    touch(outside, "shared.md", "dir/inner.md")
    sub_root = tmp_path / "sub"
    touch(sub_root, "own.md")
    (sub_root / "link.md").symlink_to(outside / "shared.md")
    (sub_root / "again.md").symlink_to(outside / "shared.md")
    (sub_root / "linked dir").symlink_to(outside / "dir")
    (sub,) = discover([sub_root], follow_symlinks=True)
    assert rel(sub) == ["again.md", "linked dir/inner.md", "own.md"]
    assert "same file as" in skipped(sub)["link.md"]


OUTSIDE_FILE = "is a link to a file outside the submission folder: copy the file in, or use --follow-symlinks"
OUTSIDE_FOLDER = "is a link to a folder outside the submission folder: copy the folder in, or use --follow-symlinks"


def _linked_submission(tmp_path: Path, relative: bool) -> Path:
    """A submission holding links to a file and a folder inside it, and to ones outside it.

    The inside targets sit in a hidden folder, which the walk skips: what is read from
    them is read through the links.
    """
    outside = tmp_path / "elsewhere"
    touch(outside, "secret.md", "notes/private.md")
    root = tmp_path / "sub"
    touch(root, "own.md", "parts/part2.md", ".store/kept.md", ".store/dir/inner.md")

    def link(name: str, target: Path) -> None:
        (root / name).symlink_to(os.path.relpath(target, (root / name).parent) if relative else target)

    link("inside.md", root / ".store" / "kept.md")
    link("inside dir", root / ".store" / "dir")
    link("outside.md", outside / "secret.md")
    link("outside dir", outside / "notes")
    link("parts/deep outside.md", outside / "secret.md")  # in a subfolder
    link("parts/back out", tmp_path)  # the folder that holds the submission
    return root


@pytest.mark.parametrize("relative", [False, True], ids=["absolute", "relative"])
def test_links_that_leave_the_submission_are_skipped(tmp_path, relative):
    (sub,) = discover([_linked_submission(tmp_path, relative)])
    assert rel(sub) == ["inside dir/inner.md", "inside.md", "own.md", "parts/part2.md"]
    assert skipped(sub) == {
        "outside dir": OUTSIDE_FOLDER,
        "outside.md": OUTSIDE_FILE,
        "parts/back out": OUTSIDE_FOLDER,
        "parts/deep outside.md": OUTSIDE_FILE,
    }


@pytest.mark.parametrize("relative", [False, True], ids=["absolute", "relative"])
def test_follow_symlinks_follows_them_and_loops_still_end(tmp_path, relative):
    (sub,) = discover([_linked_submission(tmp_path, relative)], follow_symlinks=True)
    assert rel(sub) == [
        "inside dir/inner.md", "inside.md", "outside dir/private.md", "outside.md", "own.md", "parts/part2.md"
    ]
    assert skipped(sub) == {
        "parts/deep outside.md": f"is the same file as {sub.root / 'outside.md'}",
        "parts/back out/elsewhere/notes": "links back to a folder that is already included",
        "parts/back out/elsewhere/secret.md": f"is the same file as {sub.root / 'outside.md'}",
        "parts/back out/sub": "links back to a folder that is already included",  # itself: the loop ends
    }


def test_a_link_given_on_the_command_line_is_used_as_given(tmp_path):
    touch(tmp_path / "real", "draft.md", "part.md")
    (tmp_path / "shortcut").symlink_to(tmp_path / "real")
    (tmp_path / "draft-link.md").symlink_to(tmp_path / "real" / "draft.md")
    (folder,) = discover([tmp_path / "shortcut"])
    assert rel(folder) == ["draft.md", "part.md"] and folder.skipped == ()
    (alone,) = discover([tmp_path / "draft-link.md"])
    assert alone.files == (tmp_path / "draft-link.md",)


def test_a_link_between_two_submissions_of_a_batch_is_outside_both(tmp_path):
    touch(tmp_path, "a/draft.md", "b/draft.md")
    touch(tmp_path, "a/mccheck.yaml", "b/mccheck.yaml", text="credential: x\n")
    (tmp_path / "b" / "borrowed.md").symlink_to(tmp_path / "a" / "draft.md")
    a, b = discover([tmp_path])
    assert rel(a) == ["draft.md"] and rel(b) == ["draft.md"]
    assert skipped(b) == {"borrowed.md": OUTSIDE_FILE}


def test_file_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(disc, "MAX_FILES", 5)
    touch(tmp_path, *[f"d{i}.md" for i in range(6)])
    with pytest.raises(InputError, match="more than 5 drafts"):
        discover([tmp_path])


def test_entry_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(disc, "MAX_ENTRIES", 10)
    touch(tmp_path, *[f"d{i}.jpg" for i in range(11)])
    with pytest.raises(InputError, match="more than 10 files and folders"):
        discover([tmp_path])


def test_empty_folder_is_an_empty_submission(tmp_path):
    (sub,) = discover([tmp_path])
    assert sub.files == () and sub.skipped == ()


def test_odd_names(tmp_path):
    touch(tmp_path, "-dash.md", "spaced  name.docx", "ünïcødé ✓.pdf", "Artifact #3 (final).txt")
    (sub,) = discover([tmp_path])
    assert sorted(rel(sub)) == sorted(["-dash.md", "spaced  name.docx", "ünïcødé ✓.pdf", "Artifact #3 (final).txt"])


def test_several_paths_keep_their_order(tmp_path):
    touch(tmp_path, "b/x.md", "a/y.md")
    subs = discover([tmp_path / "b", tmp_path / "a"])
    assert [s.root.name for s in subs] == ["b", "a"]


# -- batch folders ---------------------------------------------------------------------


def test_batch_folder_of_submissions(tmp_path):
    for name, cred in [("Teacher 10", "cred-b"), ("Teacher 2", "cred-a")]:
        touch(tmp_path / name, "draft.docx", "Artifacts/Artifact 1.pdf")
        (tmp_path / name / "mccheck.yaml").write_text(f"credential: {cred}\n")
    subs = discover([tmp_path])
    assert [s.root.name for s in subs] == ["Teacher 2", "Teacher 10"]
    assert [s.config.credential for s in subs] == ["cred-a", "cred-b"]
    assert all(rel(s) == ["Artifacts/Artifact 1.pdf", "draft.docx"] for s in subs)


def test_loose_files_in_a_batch_folder_form_their_own_submission(tmp_path):
    touch(tmp_path, "loose.md", "one/draft.md")
    (tmp_path / "one" / "mccheck.yaml").write_text("")
    subs = discover([tmp_path])
    assert [(s.root, rel(s)) for s in subs] == [(tmp_path, ["loose.md"]), (tmp_path / "one", ["draft.md"])]


def test_nested_config_folder_is_claimed_out_of_parent(tmp_path):
    (tmp_path / "mccheck.yaml").write_text("credential: parent\n")
    touch(tmp_path, "parent.md", "deep/er/child/draft.md")
    (tmp_path / "deep/er/child/mccheck.yaml").write_text("credential: child\n")
    parent, child = discover([tmp_path])
    assert rel(parent) == ["parent.md"] and parent.config.credential == "parent"
    assert rel(child) == ["draft.md"] and child.config.credential == "child"


def test_exclude_globs(tmp_path):
    (tmp_path / "mccheck.yaml").write_text("exclude: ['old/*', '*draft v1*']\n")
    touch(tmp_path, "final.md", "my draft v1.md", "old/a.md")
    (sub,) = discover([tmp_path])
    assert rel(sub) == ["final.md"]
    assert skipped(sub) == {"my draft v1.md": "excluded by mccheck.yaml", "old/a.md": "excluded by mccheck.yaml"}


# -- mccheck.yaml ----------------------------------------------------------------------


def config(tmp_path: Path, text: str) -> FolderConfig:
    path = tmp_path / "mccheck.yaml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_full_config(tmp_path):
    cfg = config(
        tmp_path,
        """
credential: ca-teacher-leadership-1
identity: [Jane Doe, No, 2024]
ignore: [placeholder]
only: word-limit
fail_on: warning
counter: whitespace
sections:
  "Artifact 4.docx": part-2-artifact-4
  Stakeholder feedback: part-2-reflection
exclude:
  - "*.bak.md"
""",
    )
    assert cfg == FolderConfig(
        path=tmp_path / "mccheck.yaml",
        credential="ca-teacher-leadership-1",
        identity=("Jane Doe", "No", "2024"),  # read as written, not YAML's False / 2024
        ignore=("placeholder",),
        only=("word-limit",),
        fail_on="warning",
        counter="whitespace",
        sections=(("Artifact 4.docx", "part-2-artifact-4"), ("Stakeholder feedback", "part-2-reflection")),
        exclude=("*.bak.md",),
    )
    assert cfg.section_map["Stakeholder feedback"] == "part-2-reflection"


def test_empty_config_is_all_defaults(tmp_path):
    assert config(tmp_path, "# nothing yet\n") == FolderConfig(tmp_path / "mccheck.yaml")


def test_credential_path_is_resolved_against_folder(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    path = sub / "mccheck.yaml"
    path.write_text("credential: ../specs/mine.yaml\n")
    assert load_config(path).credential == str((tmp_path / "specs" / "mine.yaml").resolve())


def test_unknown_key_did_you_mean(tmp_path):
    with pytest.raises(InputError) as e:
        config(tmp_path, "credential: x\ncredentail: y\n")
    assert e.value.message == 'line 2: unknown key "credentail" (did you mean "credential"?)'


def test_unknown_key_without_close_match_lists_keys(tmp_path):
    with pytest.raises(InputError, match=r'unknown key "zzz" \(known keys: credential, identity'):
        config(tmp_path, "zzz: 1\n")


def test_bad_choice_did_you_mean(tmp_path):
    with pytest.raises(InputError, match=r'line 1: fail_on must be error or warning, not "warnings" \(did you mean "warning"\?\)'):
        config(tmp_path, "fail_on: warnings\n")


def test_duplicate_key(tmp_path):
    with pytest.raises(InputError, match='line 2: "ignore" is set twice'):
        config(tmp_path, "ignore: [a]\nignore: [b]\n")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("identity: {a: b}\n", "line 1: identity must be a list"),
        ("identity: [[a]]\n", "each identity entry must be a single non-empty value"),
        ("credential: [a, b]\n", "credential must be a single non-empty value"),
        ("credential:\n", "credential must be a single non-empty value"),
        ("sections: [a]\n", "sections must map file names or headings to section ids"),
        ("- a\n- b\n", "line 1: must be a list of settings"),
        ("credential: [unclosed\n", "is not valid YAML"),
        ("a: b\n---\nc: d\n", "is not valid YAML"),
    ],
)
def test_config_errors(tmp_path, text, expected):
    with pytest.raises(InputError, match=expected.replace("[", r"\[")):
        config(tmp_path, text)


def test_config_error_names_the_file(tmp_path):
    touch(tmp_path / "T1", "d.md")
    (tmp_path / "T1" / "mccheck.yaml").write_text("countr: word\n")
    touch(tmp_path / "T2", "d.md")
    (tmp_path / "T2" / "mccheck.yaml").write_text("counter: word\n")
    # A broken folder of a batch is reported with its submission; the batch goes on.
    broken, fine = discover([tmp_path])
    assert broken.error.path == str(tmp_path / "T1" / "mccheck.yaml") and fine.error is None
    assert 'did you mean "counter"' in broken.error.message
    # The folder given is itself broken: nothing to go on with.
    with pytest.raises(InputError, match='did you mean "counter"'):
        discover([tmp_path / "T1"])


def test_python_tags_are_never_constructed(tmp_path):
    marker = tmp_path / "ran"
    with pytest.raises(InputError, match="credential must be a single"):
        config(tmp_path, f"credential: !!python/object/apply:os.system ['touch {marker}']\n")
    assert not marker.exists()
    # A tagged scalar is read as its text, never built.
    assert config(tmp_path, "credential: !!python/name:os.system x\n").credential == "x"


def test_oversized_config(tmp_path):
    with pytest.raises(InputError, match="should be a few lines"):
        config(tmp_path, "identity:\n" + "  - name\n" * 20_000)


def test_utf8_bom_config(tmp_path):
    path = tmp_path / "mccheck.yaml"
    path.write_bytes(b"\xef\xbb\xbfcredential: x\n")
    assert load_config(path).credential == "x"


# -- natural sort ----------------------------------------------------------------------


def test_natural_key():
    names = ["Artifact 10.md", "artifact 2.md", "Artifact 1.md", "Artifact 1b.md", "B.md", "a.md"]
    assert sorted(names, key=natural_key) == [
        "a.md",
        "Artifact 1.md",
        "Artifact 1b.md",
        "artifact 2.md",
        "Artifact 10.md",
        "B.md",
    ]


def test_files_of_other_types_are_kept_as_possible_artifacts(tmp_path):
    (tmp_path / "draft.md").write_text("# Part 1\n\ntext\n")
    (tmp_path / "protocol video.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    (tmp_path / "~$draft.docx").write_bytes(b"lock")
    [sub] = discover([tmp_path])
    assert [p.name for p in sub.other_files] == ["protocol video.mp4"]
    assert "protocol video.mp4" in {p.name for p, _ in sub.skipped}


# -- paths inside a submission -----------------------------------------------------------


def test_a_file_stands_for_the_nearest_enclosing_submission(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "mccheck.yaml").write_text("credential: outer\n")  # a submission holding another
    touch(tmp_path, "cohort/jane/part1/draft.md")
    touch(tmp_path, "cohort/jane/Artifact 1.md")
    (tmp_path / "cohort" / "jane" / "mccheck.yaml").write_text("credential: inner\n")
    (sub,) = discover([tmp_path / "cohort/jane/part1/draft.md", tmp_path / "cohort/jane/Artifact 1.md"])
    assert sub.root == tmp_path / "cohort" / "jane" and sub.is_folder and sub.config.credential == "inner"
    assert [f.name for f in sub.files] == ["Artifact 1.md", "draft.md"]


def test_a_submission_named_as_a_folder_and_by_its_files_is_one(tmp_path):
    touch(tmp_path, "jane/draft.md")
    (tmp_path / "jane" / "mccheck.yaml").write_text("credential: abc\n")
    subs = discover([tmp_path / "jane", tmp_path / "jane" / "draft.md", tmp_path / "jane" / "mccheck.yaml"])
    assert [s.root for s in subs] == [tmp_path / "jane"]


def test_file_only_and_submissions_only(tmp_path):
    touch(tmp_path, "jane/draft.md")
    touch(tmp_path, "README.md")
    (tmp_path / ".git").mkdir()
    (tmp_path / "jane" / "mccheck.yaml").write_text("credential: abc\n")
    (alone,) = discover([tmp_path / "jane" / "draft.md"], file_only=True)
    assert not alone.is_folder and alone.files == (tmp_path / "jane" / "draft.md",) and alone.config.credential == "abc"
    (sub,) = discover([tmp_path / "README.md", tmp_path / "jane" / "draft.md"], submissions_only=True)
    assert sub.root == tmp_path / "jane"
    assert discover([tmp_path / "README.md"], submissions_only=True) == []


# -- --follow-symlinks on the commands ---------------------------------------------------

CRED = "collaborative-learning-culture"


@pytest.fixture
def borrowed(tmp_path, monkeypatch) -> Path:
    """A submission whose Reflection.md is a link to a file outside it."""
    touch(tmp_path, "elsewhere/Reflection.md", text="# Part 3. Reflection\n\nwords of someone else\n")
    touch(tmp_path, "sub/Overview.md", text="# Part 1. Overview\n\nmy own words\n")
    (tmp_path / "sub" / "Reflection.md").symlink_to("../elsewhere/Reflection.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "sub"


@pytest.mark.parametrize("command", [["check", "-c", CRED], ["count"], ["sections", "-c", CRED]])
def test_commands_skip_outside_links_unless_told_to_follow(cli, borrowed, command):
    def files(*extra: str) -> list[str]:
        result = cli(command[0], "sub", *command[1:], "-f", "json", *extra)
        assert result.exit_code in (0, 1), result.stderr
        return sorted(Path(f).name for f in json.loads(result.stdout)["files"])

    assert files() == ["Overview.md"]
    assert files("--follow-symlinks") == ["Overview.md", "Reflection.md"]


def test_watch_follows_links_only_when_told(cli, borrowed, monkeypatch):
    from mccheck.cli import watch as watch_cli

    seen: list[list[str]] = []

    def once(path, run_once, **kwargs):
        seen.append(sorted(Path(f).name for f in run_once()[0].files))
        raise KeyboardInterrupt

    monkeypatch.setattr(watch_cli, "watch_loop", once)
    for extra in ([], ["--follow-symlinks"]):
        assert cli("watch", "sub", "-c", CRED, *extra).exit_code == 0
    assert seen == [["Overview.md"], ["Overview.md", "Reflection.md"]]

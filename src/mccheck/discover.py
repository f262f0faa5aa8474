"""Turn command-line paths into submissions: which files belong together, and their config.

* A file path inside a submission folder (the nearest folder above it with an
  ``mccheck.yaml``, up to the repository root) stands for that submission, checked once however
  many of its files are named. Any other file, or any file with ``file_only``, is a one-file
  submission; the nearest ``mccheck.yaml`` above it applies, or else the one found upward from
  the current directory (as ruff and yamllint find theirs). A ``config`` given replaces them all.
* A folder inside a submission folder, with no submissions of its own, stands for the submission.
* A folder is one submission holding every supported file under it, in natural order
  ("Artifact 2" before "Artifact 10").
* A folder below it that has its own ``mccheck.yaml`` is a submission of its own and is
  left out of its parent's files: a "batch" folder of submissions needs no config itself.
  The parent is a submission too only if it has files of its own, a config of its own, or
  no submissions inside it.
* Word lock and temp files, hidden files and folders, ``__MACOSX``, ``Thumbs.db`` and the
  like are ignored silently. Everything else that is not read is recorded in
  ``Submission.skipped`` with the reason: other file types, broken links, pipes, folders
  that cannot be opened, links back to a folder already walked, ``exclude`` matches.
* ``credential:`` in ``mccheck.yaml`` is a credential id or a path to a ``.yaml``/``.yml`` spec,
  relative to the ``mccheck.yaml``; it may lead outside the submission folder (a school's shared
  spec one level up is the common case). That is allowed because a spec is plain data, loaded
  with the same guards as ``--credential``: it names no other files and runs nothing. Any other
  file name is refused, so a folder's config cannot make mccheck parse, and quote from, an
  arbitrary file.
* A link inside a submission folder is followed when it points inside that folder (the real
  paths of both are compared, for relative and absolute links alike). A link to a file or
  folder outside it is skipped with the reason, unless ``follow_symlinks`` (the CLI's
  ``--follow-symlinks``) is given: a submission cannot pull in files it does not hold, and a
  shared folder cannot make mccheck read, and quote from, another user's files. A path given
  on the command line is used as given, link or not. Each real folder and file is visited
  once, so loops end.
"""

from __future__ import annotations

import difflib
import fnmatch
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from mccheck.errors import InputError
from mccheck.readers import CONVERTIBLE, is_supported, supported_list

CONFIG_NAME = "mccheck.yaml"
MAX_FILES = 2_000  # supported files per submission
MAX_ENTRIES = 50_000  # directory entries looked at per path given
MAX_CONFIG_BYTES = 64 * 1024

_JUNK_NAMES = {"__macosx", "thumbs.db", "desktop.ini", "ehthumbs.db"}


@dataclass(frozen=True, slots=True)
class FolderConfig:
    """Settings from a submission folder's ``mccheck.yaml``; None means "not set"."""

    path: Path  # the mccheck.yaml itself
    credential: str | None = None  # a credential id, or an absolute path to a spec file
    identity: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    only: tuple[str, ...] = ()
    fail_on: Literal["error", "warning"] | None = None
    counter: Literal["word", "whitespace"] | None = None
    sections: tuple[tuple[str, str], ...] = ()  # (file name or heading text, section id)
    exclude: tuple[str, ...] = ()
    levels: tuple[tuple[str, str], ...] = ()  # (check id, severity it reports at)

    @property
    def section_map(self) -> dict[str, str]:
        return dict(self.sections)


@dataclass(frozen=True, slots=True)
class Submission:
    root: Path
    files: tuple[Path, ...]
    config: FolderConfig | None = None
    skipped: tuple[tuple[Path, str], ...] = ()
    # Regular files of a type mccheck does not read (a video, a recording): still artifacts.
    other_files: tuple[Path, ...] = ()
    is_folder: bool = True  # False when a single file was named on the command line
    # A folder of a batch whose mccheck.yaml cannot be used: reported for this submission
    # while the rest of the batch is checked.
    error: InputError | None = None


def discover(
    paths: Iterable[Path],
    file_only: bool = False,
    config: FolderConfig | None = None,
    submissions_only: bool = False,
    follow_symlinks: bool = False,
) -> list[Submission]:
    """Submissions for the given files and folders, in the order given, each once.

    ``file_only``: a file is checked on its own even inside a submission folder.
    ``config``: these settings (``--config FILE``) instead of every ``mccheck.yaml`` found.
    ``submissions_only``: files that lie in no submission folder are left out (a pre-commit
    hook is given every changed file of the repository, README.md included).
    ``follow_symlinks``: also follow links that lead outside their submission folder.
    """
    out: dict[str, Submission] = {}
    wholes: dict[str, Submission] = {}  # each enclosing submission walked once, however many files name it
    for p in map(Path, paths):
        for sub in _submissions_for(p, file_only, submissions_only, wholes, follow_symlinks):
            if config is not None:
                sub = replace(sub, config=config)
            key = os.path.abspath(sub.root) if sub.is_folder else os.path.abspath(sub.files[0])
            out.setdefault(key, sub)
    return list(out.values())


def _submissions_for(
    p: Path, file_only: bool, submissions_only: bool, wholes: dict, follow_symlinks: bool
) -> list[Submission]:
    if p.is_dir():
        subs = _folder(p, follow_symlinks)
        if any(s.config is not None for s in subs):
            return subs
        enclosing = enclosing_submission(p)
    elif p.exists():
        subs = [Submission(p.parent, (p,), None, is_folder=False)]
        enclosing = enclosing_submission(p.parent)
    elif p.is_symlink():
        raise InputError(p, "is a link to a file or folder that does not exist")
    else:
        raise InputError(p, "does not exist: check the name and folder")
    # Loose drafts (a file, or a folder without an mccheck.yaml: its "part1/", or `mccheck check`
    # run there) inside a submission folder stand for that submission.
    if enclosing and not file_only:
        key = os.path.abspath(enclosing)
        if key not in wholes:
            wholes[key] = _submission(enclosing, _config_in(enclosing), _Walk(enclosing, follow_symlinks))[0]
        return [wholes[key]]
    if submissions_only:
        return []
    config = load_config(enclosing / CONFIG_NAME) if enclosing else cwd_config()
    return [replace(s, config=config) for s in subs]


def enclosing_submission(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` with an ``mccheck.yaml``, up to the repository
    root (the folder holding ``.git``); shown relative to the current directory when it is there."""
    start = Path(os.path.abspath(folder))  # lexical: a linked folder is where the user sees it
    for candidate in (start, *start.parents):
        if (candidate / CONFIG_NAME).is_file():
            return _shown(candidate, folder)
        if (candidate / ".git").exists():
            return None
    return None


def _shown(found: Path, given: Path) -> Path:
    if given.is_absolute():
        return found
    try:
        return Path(os.path.relpath(found))
    except ValueError:  # Windows: on another drive than the current folder
        return found


def cwd_config() -> FolderConfig | None:
    """The ``mccheck.yaml`` found upward from the current directory, for files outside any submission."""
    found = enclosing_submission(Path("."))
    return load_config(found / CONFIG_NAME) if found else None


# -- walking ---------------------------------------------------------------------------


def natural_key(path: Path | str) -> tuple:
    """Sort key: digit runs compare as numbers and case is ignored, part by part."""
    parts = Path(path).parts
    return tuple(
        tuple((0, int(c), "") if c.isdigit() else (1, 0, c) for c in re.split(r"(\d+)", part.casefold()) if c)
        for part in parts
    ), str(path)


def is_junk(name: str) -> bool:
    """Lock, temp, hidden and OS clutter files: never content, never worth reporting."""
    low = name.casefold()
    return (
        name.startswith((".", "~$"))
        or low.endswith((".tmp", "~", "#"))  # "#" : editors' autosave files (#draft.md#)
        or low in _JUNK_NAMES
    )


class _Walk:
    """Shared state for one path given on the command line."""

    def __init__(self, top: Path, follow_symlinks: bool):
        self.top = top
        self.follow_symlinks = follow_symlinks
        self.entries = 0
        self.seen_dirs: set[tuple[int, int]] = set()


def _folder(top: Path, follow_symlinks: bool) -> list[Submission]:
    walk = _Walk(top, follow_symlinks)
    try:
        st = top.stat()
    except OSError as e:
        raise InputError(top, f"cannot be opened: {(e.strerror or str(e)).lower()}") from e
    walk.seen_dirs.add((st.st_dev, st.st_ino))
    try:
        os.listdir(top)
    except OSError as e:
        raise InputError(top, f"cannot be opened: {(e.strerror or str(e)).lower()}") from e
    subs: list[Submission] = []
    queue = [top]  # a queue, not recursion: nesting depth is up to the folder's author
    while queue:
        root = queue.pop()
        try:
            config, error = _config_in(root), None
        except InputError as e:
            if root == top:
                raise  # the folder given is itself the broken submission
            config, error = None, e
        own, nested = _submission(root, config, walk)
        if error is not None:
            own = Submission(own.root, own.files, None, own.skipped, own.other_files, error=error)
        queue.extend(nested)
        # A folder that only holds other submissions (a batch folder) is not one itself.
        if own.files or own.config is not None or not nested:
            subs.append(own)
    return sorted(subs, key=lambda s: natural_key(s.root))


def _submission(root: Path, config: FolderConfig | None, walk: _Walk) -> tuple[Submission, list[Path]]:
    """The submission rooted at ``root``, and the roots of submissions nested in it."""
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    others: list[Path] = []
    nested: list[Path] = []
    seen_files: dict[tuple[int, int], Path] = {}
    excludes = config.exclude if config else ()
    real_root = os.path.realpath(root)
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                # Sorted, so which of two links to one file is kept does not vary by disk.
                entries = sorted(it, key=lambda e: natural_key(e.name))
        except OSError as e:
            skipped.append((folder, f"cannot be opened: {(e.strerror or str(e)).lower()}"))
            continue
        walk.entries += len(entries)
        if walk.entries > MAX_ENTRIES:
            raise InputError(
                walk.top,
                f"holds more than {MAX_ENTRIES:,} files and folders: point mccheck at one "
                "submission folder (or a folder of them)",
            )
        subfolders: list[Path] = []
        for entry in entries:
            path = Path(entry.path)
            if is_junk(entry.name) or (folder == root and entry.name == CONFIG_NAME):
                continue
            rel = path.relative_to(root).as_posix()
            if any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(entry.name, g) for g in excludes):
                skipped.append((path, f"excluded by {CONFIG_NAME}"))
                continue
            try:
                st = os.stat(path)  # follows links
            except FileNotFoundError:
                skipped.append((path, "is a link to something that does not exist"))
                continue
            except OSError as e:
                skipped.append((path, f"cannot be read: {(e.strerror or str(e)).lower()}"))
                continue
            if not walk.follow_symlinks and entry.is_symlink() and not _inside(os.path.realpath(path), real_root):
                what = "folder" if stat.S_ISDIR(st.st_mode) else "file"
                skipped.append((path, f"is a link to a {what} outside the submission folder: "
                                      f"copy the {what} in, or use --follow-symlinks"))
                continue
            key = (st.st_dev, st.st_ino)
            if stat.S_ISDIR(st.st_mode):
                if key in walk.seen_dirs:
                    skipped.append((path, "links back to a folder that is already included"))
                    continue
                walk.seen_dirs.add(key)
                if (path / CONFIG_NAME).is_file():
                    nested.append(path)
                else:
                    subfolders.append(path)
            elif not stat.S_ISREG(st.st_mode):
                skipped.append((path, "is not a regular file (a pipe, socket or device)"))
            elif not is_supported(path):
                reason = CONVERTIBLE.get(path.suffix.lower(), f"is not a {supported_list()} file")
                skipped.append((path, reason))
                others.append(path)
            elif key in seen_files:
                skipped.append((path, f"is the same file as {seen_files[key]}"))
            elif not os.access(path, os.R_OK):
                skipped.append((path, "cannot be read: permission denied"))
            else:
                seen_files[key] = path
                files.append(path)
                if len(files) > MAX_FILES:
                    raise InputError(
                        root,
                        f"holds more than {MAX_FILES:,} drafts: is it the right folder? "
                        "(use exclude: in mccheck.yaml to leave files out)",
                    )
        stack.extend(reversed(subfolders))  # popped in natural order
    files.sort(key=lambda p: natural_key(p.relative_to(root)))
    skipped.sort(key=lambda s: natural_key(s[0]))
    return Submission(root, tuple(files), config, tuple(skipped), other_files=tuple(others)), nested


def _inside(real_path: str, real_root: str) -> bool:
    return real_path == real_root or real_path.startswith(real_root.rstrip(os.sep) + os.sep)


# -- mccheck.yaml ----------------------------------------------------------------------

_KEYS = ("credential", "identity", "ignore", "only", "fail_on", "counter", "sections", "exclude", "levels")
_CHOICES = {"fail_on": ("error", "warning"), "counter": ("word", "whitespace")}
_LEVELS = ("error", "warning", "info")


def _config_in(folder: Path) -> FolderConfig | None:
    path = folder / CONFIG_NAME
    return load_config(path) if path.is_file() else None


def load_config(path: Path) -> FolderConfig:
    """Parse and validate one ``mccheck.yaml``; any problem is an InputError naming its line.

    Scalars are read as the text written, so ``identity: [No, 2024]`` gives the names
    "No" and "2024" rather than YAML 1.1's False and 2024.
    """
    import yaml

    try:
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            raise InputError(path, f"is {size:,} bytes; a {CONFIG_NAME} should be a few lines")
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(path, "is not UTF-8 text: save it as UTF-8") from e
    except OSError as e:
        raise InputError(path, f"cannot be read: {(e.strerror or str(e)).lower()}") from e
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e)
        raise InputError(path, f"{where}is not valid YAML ({problem})") from e
    finally:
        loader.dispose()
    if root is None:
        return FolderConfig(path)
    if not isinstance(root, yaml.MappingNode):
        raise InputError(path, f"line {_line(root)}: must be a list of settings such as 'credential: ID'")
    values: dict[str, Any] = {}  # each key's value as _value checked it: its FolderConfig field's type
    for key_node, value_node in root.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        line = _line(key_node)
        if key not in _KEYS:
            hint = difflib.get_close_matches(str(key), _KEYS, n=1)
            did = f' (did you mean "{hint[0]}"?)' if hint else f" (known keys: {', '.join(_KEYS)})"
            raise InputError(path, f'line {line}: unknown key "{key}"{did}')
        if key in values:
            raise InputError(path, f'line {line}: "{key}" is set twice')
        values[key] = _value(path, key, value_node)
    credential = values.get("credential")
    if isinstance(credential, str) and _looks_like_path(credential):
        credential = str((path.parent / credential).resolve())
    return FolderConfig(
        path=path,
        credential=credential,
        identity=values.get("identity", ()),
        ignore=values.get("ignore", ()),
        only=values.get("only", ()),
        fail_on=values.get("fail_on"),
        counter=values.get("counter"),
        sections=values.get("sections", ()),
        exclude=values.get("exclude", ()),
        levels=values.get("levels", ()),
    )


def _line(node) -> int:
    return node.start_mark.line + 1


def _looks_like_path(value: str) -> bool:
    return "/" in value or "\\" in value or value.lower().endswith((".yaml", ".yml"))


def _scalar(path: Path, key: str, node) -> str:
    import yaml

    if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
        raise InputError(path, f"line {_line(node)}: {key} must be a single non-empty value")
    return node.value.strip()


def _level(path: Path, key_node, value_node) -> tuple[str, str]:
    from mccheck.checks import CHECKS

    check_id = _scalar(path, "a levels entry", key_node)
    if check_id not in CHECKS:
        hint = difflib.get_close_matches(check_id, CHECKS, n=1)
        did = f' (did you mean "{hint[0]}"?)' if hint else f" (known checks: {', '.join(CHECKS)})"
        raise InputError(path, f'line {_line(key_node)}: levels: unknown check "{check_id}"{did}')
    level = _scalar(path, "a level", value_node)
    if level not in _LEVELS:
        raise InputError(path, f"line {_line(value_node)}: levels: {check_id} must be error, warning or info, not \"{level}\"")
    return check_id, level


def _value(path: Path, key: str, node):
    import yaml

    if key in ("credential", "fail_on", "counter"):
        value = _scalar(path, key, node)
        if key == "credential" and _looks_like_path(value) and not value.lower().endswith((".yaml", ".yml")):
            # A folder's config may point at a shared spec (also outside the folder), but only a
            # .yaml spec: it must not make mccheck parse, and quote from, any other file.
            raise InputError(
                path, f'line {_line(node)}: credential must be a credential id or the path of a .yaml spec, not "{value}"'
            )
        choices = _CHOICES.get(key)
        if choices and value not in choices:
            hint = difflib.get_close_matches(value, choices, n=1)
            did = f' (did you mean "{hint[0]}"?)' if hint else ""
            listed = f"{', '.join(choices[:-1])} or {choices[-1]}"
            raise InputError(path, f"line {_line(node)}: {key} must be {listed}, not \"{value}\"{did}")
        return value
    if key == "sections":
        if isinstance(node, yaml.ScalarNode) and node.value == "":
            return ()
        if not isinstance(node, yaml.MappingNode):
            raise InputError(
                path, f'line {_line(node)}: sections must map file names or headings to section ids, e.g. "Reflection.docx: part-2"'
            )
        pairs = [(_scalar(path, "a sections entry", k), _scalar(path, "a section id", v)) for k, v in node.value]
        return tuple(pairs)
    if key == "levels":
        if isinstance(node, yaml.ScalarNode) and node.value == "":
            return ()
        if not isinstance(node, yaml.MappingNode):
            raise InputError(path, f"line {_line(node)}: levels must map check ids to a level, e.g. prompt-not-addressed: info")
        return tuple(_level(path, k, v) for k, v in node.value)
    # identity, ignore, only, exclude: a list of strings (a single string is a list of one)
    if isinstance(node, yaml.ScalarNode):
        return () if node.value == "" else (_scalar(path, key, node),)
    if not isinstance(node, yaml.SequenceNode):
        raise InputError(path, f"line {_line(node)}: {key} must be a list, e.g. {key}: [a, b]")
    return tuple(_scalar(path, f"each {key} entry", item) for item in node.value)

"""The bundled credentials, and resolving what a user typed: a credential id or a spec path.

Bundled specs are ``credentials/*.yaml`` in the package (``src/mccheck/credentials`` is a
symlink to the repository's ``credentials/`` so they ship in the wheel). The id of a
bundled spec is its file stem, which must equal the ``id:`` inside it.
"""

from __future__ import annotations

import difflib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from mccheck.errors import SpecError, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from mccheck.spec.records import Credential

_SUFFIXES = (".yaml", ".yml")


def bundled_dir() -> Path:
    """Folder holding the bundled ``*.yaml`` specs (may be missing in a broken install)."""
    return Path(str(resources.files("mccheck") / "credentials"))


def bundled_ids() -> list[str]:
    """Ids of the bundled credentials, sorted."""
    folder = bundled_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.iterdir() if p.suffix in _SUFFIXES and p.is_file())


def bundled_path(credential_id: str) -> Path:
    """Path of the bundled spec ``credential_id``; ``UsageError`` if there is none."""
    for suffix in _SUFFIXES:
        path = bundled_dir() / f"{credential_id}{suffix}"
        if "/" not in credential_id and "\\" not in credential_id and path.is_file():
            return path
    raise UsageError(_unknown(credential_id))


def looks_like_path(value: str) -> bool:
    """An existing file, or anything ending .yaml/.yml, is a path; otherwise an id."""
    return value.lower().endswith(_SUFFIXES) or Path(value).is_file()


def resolve(id_or_path: str | Path) -> Credential:
    """Load a credential given a bundled id or a path to a spec file."""
    value = str(id_or_path)
    if isinstance(id_or_path, Path) or looks_like_path(value):
        from mccheck.spec.loader import load_spec

        return load_spec(value)
    path = bundled_path(value)
    credential = load_bundled(path)
    if credential.id != value:
        raise SpecError(path, [f"{path}: id '{credential.id}' does not match the file name: rename one to match"])
    return credential


_bundled: dict[tuple[str, int, int], Credential] = {}


def load_bundled(path: Path) -> Credential:
    """A bundled spec, once per process: from its compiled JSON while that matches the YAML
    (no PyYAML, no pydantic), else validated in full by the loader."""
    from mccheck.spec import compiled

    try:
        st = path.stat()
        key = (str(path), st.st_mtime_ns, st.st_size)
        credential = _bundled.get(key) or compiled.load(path, path.read_bytes())
    except OSError:
        key, credential = None, None
    if credential is None:
        from mccheck.spec.loader import load_spec

        credential = load_spec(path)  # (it also says what is wrong with an unreadable file)
    if key is not None:
        _bundled[key] = credential
    return credential


def _unknown(value: str) -> str:
    ids = bundled_ids()
    close = [i for i in ids if value and value.lower() in i] or difflib.get_close_matches(value, ids, n=1, cutoff=0.5)
    hint = f' (did you mean "{close[0]}"?)' if close else ""
    return f"unknown credential '{value}'{hint}: run `mccheck list` to see the bundled ones, or give a path to a .yaml spec"

"""Pick a reader by file suffix; check what every reader needs checked first.

Reader modules are imported only when a file of their type is read, so ``import
mccheck.readers`` stays cheap. Each exposes ``read(path, limits) -> Document``. Problems
the user can fix (missing, empty, too large, wrong format) are InputErrors raised here;
an unexpected exception inside a reader is left for the engine to turn into a finding.
"""

from __future__ import annotations

import importlib
import os
import stat
from pathlib import Path

from mccheck.document import Document
from mccheck.errors import InputError
from mccheck.readers.limits import DEFAULT_LIMITS, MB, ReadLimits

_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".docx": "docx",
    ".pdf": "pdf",
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_BY_SUFFIX)

_EXPORT = "export it as .docx or PDF and check that file"
# Documents people commonly have that mccheck cannot read, with what to do instead.
CONVERTIBLE: dict[str, str] = {
    ".doc": "is in the old Word 97-2003 format: save as .docx (File > Save As > Word Document)",
    ".docm": "is a macro-enabled Word file: save as .docx (File > Save As > Word Document)",
    ".dotx": "is a Word template: save as .docx (File > Save As > Word Document)",
    ".odt": f"is an OpenDocument (LibreOffice) file: {_EXPORT}",
    ".pages": f"is an Apple Pages file: {_EXPORT} (File > Export To)",
    ".rtf": f"is a Rich Text file: {_EXPORT}",
    ".gdoc": "is a Google Docs shortcut, not the document: in Google Docs use "
    "File > Download and export as .docx or PDF",
}


def supported_list() -> str:
    return ", ".join(SUPPORTED_SUFFIXES)


def unsupported_reason(path: Path) -> str:
    """Why ``path`` cannot be read, by its suffix; the message names what to do."""
    suffix = path.suffix.lower()
    if suffix in CONVERTIBLE:
        return CONVERTIBLE[suffix]
    if not suffix:
        return f"has no file extension; mccheck reads {supported_list()} files"
    return f"is a {suffix} file; mccheck reads {supported_list()} files"


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in _BY_SUFFIX


def human_size(size: int, limit: int) -> tuple[str, str]:
    """``size`` and ``limit`` as short strings that differ whenever the numbers do."""
    for digits in (0, 1, 2):
        a, b = _fmt(size, digits), _fmt(limit, digits)
        if a != b:
            return a, b
    return f"{size:,} bytes", f"{limit:,} bytes"


def _fmt(n: int, digits: int) -> str:
    if n < 1024:
        return f"{n} bytes" if n != 1 else "1 byte"
    if n < MB:
        return f"{n / 1024:.{digits}f} KB"
    return f"{n / MB:.{digits}f} MB"


def check_file(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> os.stat_result:
    """The checks every file gets before its reader runs; returns its stat."""
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(path, "is a link to a file that does not exist") from None
        raise InputError(path, "does not exist: check the name and folder") from None
    except PermissionError:
        raise InputError(path, "cannot be read: permission denied") from None
    except OSError as e:
        raise InputError(path, f"cannot be read: {(e.strerror or str(e)).lower()}") from e
    if stat.S_ISDIR(st.st_mode):
        raise InputError(path, "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        # Opening a pipe or device could block forever.
        raise InputError(path, "is not a regular file (a pipe, socket or device)")
    if st.st_size == 0:
        raise InputError(path, "is empty")
    if st.st_size > limits.max_file_bytes:
        have, limit = human_size(st.st_size, limits.max_file_bytes)
        raise InputError(path, f"is {have}, above the {limit} limit; raise it with --max-file-size")
    try:
        with path.open("rb"):
            pass
    except PermissionError:
        raise InputError(path, "cannot be read: permission denied") from None
    except OSError as e:
        raise InputError(path, f"cannot be read: {(e.strerror or str(e)).lower()}") from e
    return st


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read one draft into a Document, with the reader its suffix names."""
    path = Path(path)
    name = _BY_SUFFIX.get(path.suffix.lower())
    if name is None:
        if not path.is_file():
            check_file(path, limits)  # says "does not exist", "is a folder", ...
        raise InputError(path, unsupported_reason(path))
    check_file(path, limits)
    module = importlib.import_module(f"mccheck.readers.{name}")
    return module.read(path, limits)

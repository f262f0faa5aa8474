"""Text files (.md, .markdown, .txt): their bytes read within the limits and decoded by one rule.

Encoding rule (first match wins):
  1. a byte-order mark: UTF-8, UTF-32 LE/BE or UTF-16 LE/BE;
  2. otherwise NUL bytes mean "not a text file" (an InputError);
  3. valid UTF-8;
  4. anything else is read as Windows-1252 (what Notepad and Word save as "ANSI" on
     Western systems), with an "encoding" warning note.

A file over ``limits.max_text_bytes`` or with more than ``MAX_LINES`` lines is refused: the
readers are pure Python, so these bound their time and memory.
"""

from __future__ import annotations

from pathlib import Path

from mccheck.document import Location, Note
from mccheck.errors import InputError
from mccheck.readers import human_size
from mccheck.readers.limits import ReadLimits

MAX_LINES = 50_000
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def read_text(path: Path, limits: ReadLimits) -> tuple[str, list[Note]]:
    """The file's text and any notes about its encoding; every failure is an InputError."""
    text, notes = decode(_read_bytes(path, limits), path)
    # "\r\n", "\n" and a lone "\r" (old Mac files) each end a line.
    lines = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    if lines > MAX_LINES:
        raise InputError(
            path, f"has {lines:,} lines, above the {MAX_LINES:,}-line limit for text files: is it really a draft?"
        )
    return text, notes


def decode(data: bytes, path: Path) -> tuple[str, list[Note]]:
    """Bytes → text by the module's encoding rule; returns the text and any notes."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as e:
                name = codec.upper().replace("-LE", " LE").replace("-BE", " BE")
                raise InputError(path, f"is damaged: it is marked {name} but is not valid {name}") from e
            if "\x00" in text:
                raise InputError(path, "contains NUL characters: is it really a text file?")
            return text, []
    if b"\x00" in data:
        raise InputError(
            path,
            "contains NUL bytes: is it really a text file? (if it is UTF-16 without a "
            "byte-order mark, save it as UTF-8)",
        )
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    note = Note(
        "encoding",
        "warning",
        f"{path.name} was not UTF-8; read as Windows-1252 — save it as UTF-8 to be sure",
        Location(str(path)),
    )
    # The five bytes Windows-1252 leaves undefined become U+FFFD rather than an error.
    return data.decode("cp1252", errors="replace"), [note]


def _read_bytes(path: Path, limits: ReadLimits) -> bytes:
    cap = limits.max_text_bytes
    try:
        size = path.stat().st_size
        if size > cap:
            raise InputError(path, _too_big(size, cap))
        with path.open("rb") as f:
            data = f.read(cap + 1)
    except OSError as e:
        raise InputError(path, f"cannot be read: {(e.strerror or str(e)).lower()}") from e
    if len(data) > cap:  # the file grew after stat, or is not a plain file
        raise InputError(path, _too_big(len(data), cap))
    return data


def _too_big(size: int, cap: int) -> str:
    have, limit = human_size(size, cap)
    return f"is {have} of text, above the {limit} limit for text files; raise it with --max-file-size"

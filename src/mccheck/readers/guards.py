"""Safety checks shared by readers: what a file is, zip bombs, XML entities, time budget.

Every failure is an ``InputError`` with a one-line message that says what to do.
Nothing here imports a third-party library at module level: lxml is imported
inside the functions that parse XML, so ``mccheck --help`` stays fast.
"""

from __future__ import annotations

import mmap
import time
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from mccheck.errors import InputError
from mccheck.readers import (
    check_file,  # the dispatcher's checks, for readers called directly
)
from mccheck.readers.limits import MB, ReadLimits

if TYPE_CHECKING:
    from lxml import etree

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"

# Entries smaller than this are never called a bomb, whatever their ratio:
# a 300-byte run of spaces compresses 100:1 and is harmless.
RATIO_MIN_BYTES = 8 * 1024
_CHUNK = 64 * 1024

# An encrypted Office file (Agile or Standard encryption, MS-OFFCRYPTO 2.3.4) is an OLE2
# compound file with a stream named "EncryptionInfo". Directory entries are 128 bytes
# long, start on 128-byte boundaries, and hold the name as null-terminated UTF-16LE
# followed (at offset 64) by its length in bytes including the terminator.
_ENCRYPTION_INFO = "EncryptionInfo\0".encode("utf-16-le")
_DIR_ENTRY = 128
_NAME_LEN_OFFSET = 64

PASSWORD_MESSAGE = (
    "is password-protected: remove the password in Word "
    "(File > Info > Protect Document) and save again"
)
LEGACY_DOC_MESSAGE = "is an old Word 97-2003 .doc file: open it in Word and save as .docx"
NOT_DOCX_MESSAGE = "is not a Word .docx file"
ENTITY_MESSAGE = "contains XML entity declarations, which mccheck refuses for safety"


def _mb(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n} bytes"


def is_encrypted_ole(path: Path) -> bool:
    """True if an OLE2 file has an "EncryptionInfo" stream (a password-protected Office file)."""
    with open(path, "rb") as f:
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
            pos = m.find(_ENCRYPTION_INFO)
            while pos != -1:
                # The name must start a directory entry, and the entry's length field
                # must agree; otherwise it is body text that happens to mention the word.
                length_at = pos + _NAME_LEN_OFFSET
                if pos % _DIR_ENTRY == 0 and length_at + 2 <= len(m):
                    if int.from_bytes(m[length_at : length_at + 2], "little") == len(
                        _ENCRYPTION_INFO
                    ):
                        return True
                pos = m.find(_ENCRYPTION_INFO, pos + 1)
    return False


def sniff_not_zip(path: Path, head: bytes) -> InputError:
    """The error for a file that is not a zip, naming what it looks like instead."""
    if head.startswith(OLE2_MAGIC):
        if is_encrypted_ole(path):
            return InputError(path, PASSWORD_MESSAGE)
        return InputError(path, LEGACY_DOC_MESSAGE)
    if head.startswith(b"%PDF"):
        return InputError(path, "is a PDF file with a .docx name: rename it to .pdf")
    if head.startswith(b"{\\rtf"):
        return InputError(path, "is a Rich Text (.rtf) file: open it in Word and save as .docx")
    return InputError(path, NOT_DOCX_MESSAGE)


def check_zip(path: Path, limits: ReadLimits) -> None:
    """Before any parsing: the file must be a sane zip (no bomb, no encrypted entries).

    Checks the entry count, the declared uncompressed total and each entry's
    compression ratio. Declared sizes can lie; ``read_part`` enforces them while reading.
    """
    check_file(path, limits)
    with open(path, "rb") as f:
        head = f.read(8)
    if not (head.startswith(ZIP_MAGIC) or head.startswith(EMPTY_ZIP_MAGIC)):
        raise sniff_not_zip(path, head)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError, NotImplementedError):
        # NotImplementedError: a header claiming a zip version Python cannot read ("zip file version 8.4").
        raise InputError(path, "is damaged (not a readable zip): save it again from Word") from None
    if len(infos) > limits.max_zip_entries:
        raise InputError(
            path,
            f"has {len(infos)} parts inside, more than the {limits.max_zip_entries} "
            "mccheck allows: it may be a zip bomb",
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(path, PASSWORD_MESSAGE)
        total += info.file_size
        if total > limits.max_uncompressed_bytes:
            raise InputError(
                path,
                f"would expand to more than {_mb(limits.max_uncompressed_bytes)}: "
                "it may be a zip bomb",
            )
        if (
            info.file_size > RATIO_MIN_BYTES
            and info.file_size > limits.max_compression_ratio * max(info.compress_size, 1)
        ):
            raise InputError(
                path,
                f"has a part ({info.filename}) compressed more than "
                f"{limits.max_compression_ratio}:1: it may be a zip bomb",
            )


def read_part(zf: zipfile.ZipFile, name: str, path: Path, limits: ReadLimits) -> bytes:
    """One zip entry's bytes, never more than it declares (a lying header is a bomb too)."""
    try:
        info = zf.getinfo(name)
        cap = min(info.file_size, limits.max_uncompressed_bytes)
        chunks: list[bytes] = []
        got = 0
        with zf.open(info) as f:
            while True:
                chunk = f.read(_CHUNK)
                if not chunk:
                    break
                got += len(chunk)
                if got > cap:
                    raise InputError(
                        path, f"has a part ({name}) larger than it declares: it may be a zip bomb"
                    )
                chunks.append(chunk)
    except KeyError:
        raise InputError(
            path, f"has no {name} part: it may be damaged; save it again from Word"
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
        # RuntimeError: an encrypted entry; NotImplementedError: e.g. deflate64.
        raise InputError(
            path, f"is damaged ({name} cannot be unpacked): save it again from Word"
        ) from None
    return b"".join(chunks)


_DECLS = tuple(
    s.encode(enc) for s in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be")
)
_parser: etree.XMLParser | None = None


def hardened_parser() -> etree.XMLParser:
    """An lxml parser that loads no DTD, resolves no entity and touches no network."""
    global _parser
    if _parser is None:
        from lxml import etree

        _parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
            dtd_validation=False,
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
        )
    return _parser


def safe_xml(data: bytes, path: str | Path, part: str = "") -> etree._Element:
    """Parse one XML part, refusing any DOCTYPE or ENTITY declaration.

    Office never writes a DTD, so one is either damage or an attack (billion laughs,
    external entities); refusing it outright is simpler than defusing it.
    """
    from lxml import etree

    if any(d in data for d in _DECLS):
        raise InputError(path, ENTITY_MESSAGE)
    try:
        root = etree.fromstring(data, hardened_parser())
    except etree.XMLSyntaxError:
        where = f" ({part})" if part else ""
        raise InputError(path, f"has a damaged part{where}: save it again from Word") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:  # e.g. an encoding the scan missed
        raise InputError(path, ENTITY_MESSAGE)
    return root


class Budget:
    """The per-file time budget: ``tick()`` raises once ``limits.seconds`` have passed."""

    __slots__ = ("_deadline", "_path", "_seconds")

    def __init__(self, path: str | Path, limits: ReadLimits):
        self._path = path
        self._seconds = limits.seconds
        self._deadline = limits.deadline()

    def tick(self) -> None:
        if time.monotonic() > self._deadline:
            raise InputError(
                self._path,
                f"took longer than {self._seconds:g} seconds to read: "
                "it may be damaged or very large",
            )

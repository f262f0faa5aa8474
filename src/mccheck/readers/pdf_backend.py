"""PDF text engines behind one small interface: pypdfium2 when installed (mccheck[fast]), else pypdf.

Both engines give, per page, the text lines in content-stream order with each line's
baseline height (``y``, PDF units, larger = higher on the page) and font size, so the
reader's paragraph, header and heading rules see the same input whichever engine ran.
``MCCHECK_PDF_BACKEND=pypdf|pdfium`` forces one; a forced pdfium that is not installed
falls back to pypdf (``backend_name()`` reports what will really run).

Engines raise ``InputError`` with the reader's standard sentences; pdf.py adds nothing.
Both libraries are imported inside functions so ``import mccheck.cli`` stays light.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import os
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mccheck.errors import InputError

DAMAGED = "is damaged or not a PDF: export it again"
PASSWORD = "is password-protected: remove the password or export a new PDF"
MAX_OUTLINE_ENTRIES = 10_000  # a hostile outline cannot make us build millions of headings
MAX_OUTLINE_DEPTH = 16


@dataclass(frozen=True, slots=True)
class Line:
    """One text line; ``y`` is the baseline (None when the engine could not place it)."""

    text: str
    y: float | None = None
    size: float | None = None


@dataclass(frozen=True, slots=True)
class PageText:
    lines: tuple[Line, ...]
    height: float | None = None  # page height in PDF units (for header vs footer)
    has_images: bool = False  # only computed when the page has no text


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    title: str
    page: int  # 0-based page index
    level: int  # 1-based


class Backend(Protocol):
    name: str
    page_count: int

    def page(self, index: int) -> PageText: ...

    def outline(self) -> list[OutlineEntry]: ...

    def close(self) -> None: ...


def backend_name() -> str:
    """The engine ``open_pdf`` will use: "pdfium" or "pypdf"."""
    has_pdfium = importlib.util.find_spec("pypdfium2") is not None
    forced = os.environ.get("MCCHECK_PDF_BACKEND", "").strip().lower()
    if forced == "pypdf":
        return "pypdf"
    return "pdfium" if has_pdfium else "pypdf"


def open_pdf(path: Path, name: str | None = None) -> Backend:
    """Open ``path`` read-only with the named (or the active) engine; InputError on failure."""
    name = name or backend_name()
    if name == "pdfium":
        return _PdfiumBackend(path)
    if name == "pypdf":
        return _PypdfBackend(path)
    raise ValueError(f"unknown PDF backend {name!r}")


# Hyphen marks engines emit at a line-end hyphenation, and typographic ligatures.
_CHAR_MAP = str.maketrans(
    {"\x02": "-", "\u00ad": "-", "\ufffe": "-", "\u2010": "-", "\ufb00": "ff", "\ufb01": "fi",
     "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
)
# Control characters (other than tab) and private-use icons carry no words.
_DROP = {c: None for c in range(0x20) if c not in (0x09,)}


_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
_ROW_END = re.compile("\r\n|[\r\n\ufffe]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def clean_line(text: str) -> str:
    """Normalise one line the same way for both engines."""
    text = " ".join(text.translate(_CHAR_MAP).translate(_DROP).split())
    # Word and LibreOffice draw bullets from Symbol/Wingdings, which map to the private-use
    # area (U+F0B7 is Symbol's "•"): a private-use character starting a line is a bullet.
    if len(text) > 2 and _private(text[0]) and text[1] == " ":
        text = "•" + text[1:]
    if _PRIVATE_USE.search(text):  # rare: a regex, not a per-character loop, on the hot path
        text = " ".join(_PRIVATE_USE.sub("", text).split())
    return text


def _private(ch: str) -> bool:
    return 0xE000 <= ord(ch) <= 0xF8FF or ord(ch) >= 0xF0000


@contextmanager
def quiet() -> Iterator[None]:
    """Silence pypdf's logger and warnings while it parses (they would print on stderr)."""
    logger = logging.getLogger("pypdf")
    old = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(old)


class _PypdfBackend:
    name = "pypdf"

    def __init__(self, path: Path):
        from pypdf import PasswordType, PdfReader
        from pypdf.errors import (
            DependencyError,
            FileNotDecryptedError,
            PdfReadError,
            PyPdfError,
        )

        self._path = path
        with quiet():
            try:
                # Given a path, pypdf reads the file ("rb") into memory and closes it.
                self._reader = PdfReader(path, strict=False)
                if self._reader.is_encrypted:
                    # Owner-password-only files open with the empty user password.
                    if self._reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                        raise InputError(path, PASSWORD)
                self.page_count = len(self._reader.pages)
            except InputError:
                raise
            except FileNotDecryptedError as e:
                raise InputError(path, PASSWORD) from e
            except DependencyError as e:
                raise InputError(
                    path, "is encrypted with AES: install the 'cryptography' package to read it"
                ) from e
            except (PdfReadError, ValueError, TypeError, KeyError, AttributeError, IndexError,
                    OSError, RecursionError, AssertionError, NotImplementedError, OverflowError,
                    ZeroDivisionError, PyPdfError) as e:
                # PyPdfError: e.g. LimitReachedError for an xref table larger than the file allows.
                raise InputError(path, DAMAGED) from e

    def page(self, index: int) -> PageText:
        # pypdf's text is the concatenation of the chunks it passes to the visitor, with
        # "\n" where it starts a new line; each chunk comes with the matrices in force
        # where it starts, which give its baseline, x and font size.
        chunks: list[tuple[str, float, float, float]] = []  # text, x, y, size; "\n" = break

        def visit(text: str, cm: list, tm: list, font_dict: object, font_size: float) -> None:
            a = tm[0] * cm[0] + tm[1] * cm[2]
            b = tm[0] * cm[1] + tm[1] * cm[3]
            c = tm[2] * cm[0] + tm[3] * cm[2]
            d = tm[2] * cm[1] + tm[3] * cm[3]
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            size = abs(font_size or 0) * math.sqrt(abs(a * d - b * c))
            for k, piece in enumerate(text.split("\n")):
                if k:
                    chunks.append(("\n", x, y, size))
                if piece:
                    chunks.append((piece, x, y, size))

        with quiet():
            page = self._reader.pages[index]
            page.extract_text(visitor_text=visit)
            lines = _pypdf_lines(chunks)
            try:
                box = page.cropbox
                bottom, top = float(box.bottom), float(box.top)
            except Exception:  # a malformed box only costs us header/footer placement
                bottom = top = None
            lines = _visible(lines, bottom, top)
            height = None if top is None or bottom is None else top - bottom
            has_text = any(line.text for line in lines)
            has_images = False
            if not has_text:
                try:
                    has_images = len(page.images) > 0
                except Exception:
                    has_images = False
        return PageText(tuple(line for line in lines if line.text), height, has_images)


    def outline(self) -> list[OutlineEntry]:
        out: list[OutlineEntry] = []
        reader = self._reader

        def walk(items: list, level: int) -> None:
            if level > MAX_OUTLINE_DEPTH:
                return
            for item in items:
                if len(out) >= MAX_OUTLINE_ENTRIES:
                    return
                if isinstance(item, list):
                    walk(item, level + 1)
                    continue
                try:
                    page = reader.get_destination_page_number(item)
                    title = clean_line(str(item.title or ""))
                except Exception:
                    continue
                if title and page is not None and page >= 0:
                    out.append(OutlineEntry(title, page, level))

        with quiet():
            try:
                walk(reader.outline, 1)
            except Exception:  # a broken outline is not worth refusing the file
                return out
        return out

    def close(self) -> None:
        self._reader = None  # type: ignore[assignment]


class _PdfiumBackend:
    name = "pdfium"

    def __init__(self, path: Path):
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw

        self._path = path
        self._raw = raw
        try:
            # Opened from a path, pdfium reads the file itself, read-only.
            self._doc = pdfium.PdfDocument(str(path))
            self.page_count = len(self._doc)
        except pdfium.PdfiumError as e:
            if getattr(e, "err_code", None) == raw.FPDF_ERR_PASSWORD:
                raise InputError(path, PASSWORD) from e
            raise InputError(path, DAMAGED) from e
        except (OSError, ValueError) as e:
            raise InputError(path, DAMAGED) from e

    def page(self, index: int) -> PageText:
        import ctypes

        import pypdfium2 as pdfium

        raw = self._raw
        try:
            page = self._doc[index]
        except pdfium.PdfiumError as e:
            raise InputError(self._path, DAMAGED) from e
        try:
            left, bottom, right, top = (float(v) for v in page.get_cropbox())
            height = top - bottom
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
                lines: list[Line] = []
                x, y = ctypes.c_double(), ctypes.c_double()
                for row, first in _pdfium_rows(text):
                    cleaned = clean_line(row)
                    if not cleaned:
                        continue
                    ly = size = None
                    if first is not None and raw.FPDFText_GetCharOrigin(
                        textpage.raw, first, ctypes.byref(x), ctypes.byref(y)
                    ):
                        ly = y.value
                        size = raw.FPDFText_GetFontSize(textpage.raw, first)
                    lines.append(Line(cleaned, ly, size))
                lines = _visible(lines, bottom, top)
            finally:
                textpage.close()
            has_images = False
            if not lines:
                has_images = any(
                    True for _ in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=4)
                )
        finally:
            page.close()
        return PageText(tuple(lines), height, has_images)

    def outline(self) -> list[OutlineEntry]:
        out: list[OutlineEntry] = []
        try:
            for item in self._doc.get_toc(max_depth=MAX_OUTLINE_DEPTH):
                if len(out) >= MAX_OUTLINE_ENTRIES:
                    break
                dest = item.get_dest()
                page = dest.get_index() if dest is not None else None
                title = clean_line(item.get_title() or "")
                if title and page is not None and page >= 0:
                    out.append(OutlineEntry(title, page, item.level + 1))
        except Exception:  # a broken outline is not worth refusing the file
            return out
        return out

    def close(self) -> None:
        self._doc.close()


def _pypdf_lines(chunks: list[tuple[str, float, float, float]]) -> list[Line]:
    """Build lines from pypdf's chunks.

    pypdf sometimes breaks a line where only the font or text matrix changed (e.g. an
    italic word in a Google Docs export); a break followed by text on the same baseline
    to the right is undone, glued without a space when the next chunk starts within the
    widest plausible width of the previous one (0.6 em per character), as pdfium does.
    """
    lines: list[Line] = []
    parts: list[str] = []
    line_y = line_size = None
    last: tuple[str, float, float, float] | None = None  # previous visible chunk
    pending_break = False
    for text, x, y, size in chunks:
        if text == "\n":
            pending_break = True
            continue
        if not text.strip() and line_y is None:
            parts.append(text)
            continue
        if pending_break:
            pending_break = False
            same_line = (
                last is not None
                and line_y is not None
                and abs(y - last[2]) <= 0.15 * max(size, last[3], 1.0)
                and x >= last[1]
            )
            if same_line:
                assert last is not None
                reach = last[1] + len(last[0]) * 0.6 * last[3] + 0.1 * last[3]
                if x > reach and not parts[-1].endswith(" ") and not text.startswith(" "):
                    parts.append(" ")
            else:
                lines.append(Line(clean_line("".join(parts)), line_y, line_size))
                parts, line_y, line_size = [], None, None
        if line_y is None and text.strip():
            line_y, line_size = y, size
        parts.append(text)
        if text.strip():
            last = (text, x, y, size)
    lines.append(Line(clean_line("".join(parts)), line_y, line_size))
    return lines


def _pdfium_rows(text: str) -> Iterator[tuple[str, int | None]]:
    """Split pdfium page text into lines, each with the char index of its first visible char.

    The same as ``_pdfium_rows_exact`` (a test holds them equal), with regexes instead of a
    per-character loop; text with characters beyond U+FFFF, whose UTF-16 positions differ
    from str indexes, takes the exact loop.
    """
    if _ASTRAL.search(text):
        yield from _pdfium_rows_exact(text)
        return
    start = 0
    for m in _ROW_END.finditer(text):
        row = text[start : m.start()]
        visible = len(row) - len(row.lstrip())  # index of the first visible char in the row
        first = start + visible if visible < len(row) else None
        if m.group() == "\ufffe":
            row += "-"
        yield row, first
        start = m.end()
    row = text[start:]
    visible = len(row) - len(row.lstrip())
    yield row, (start + visible if visible < len(row) else None)


def _pdfium_rows_exact(text: str) -> Iterator[tuple[str, int | None]]:
    """Split pdfium page text into lines, each with the char index of its first visible char.

    pdfium's char index counts UTF-16 code units, including the "\r\n" it generates
    between lines. It does not break the line after a hyphen it judged to be a
    line-end hyphenation: it emits U+FFFE there instead, so we end the line after it
    (as a "-") to match what pypdf gives.
    """
    row: list[str] = []
    first: int | None = None
    pos = 0
    prev = ""
    for ch in text:
        if ch in "\r\n":
            if not (ch == "\n" and prev == "\r"):
                yield "".join(row), first
                row, first = [], None
        elif ch == "\ufffe":
            row.append("-")
            yield "".join(row), first
            row, first = [], None
        else:
            if first is None and not ch.isspace():
                first = pos
            row.append(ch)
        pos += 2 if ord(ch) > 0xFFFF else 1
        prev = ch
    yield "".join(row), first


def _visible(lines: list[Line], bottom: float | None, top: float | None) -> list[Line]:
    """Drop lines whose baseline lies outside the visible page (viewers and pdftotext hide them).

    Heights are made relative to the box's bottom edge so header/footer placement works for
    boxes that do not start at 0.
    """
    if bottom is None or top is None or top <= bottom:
        return lines
    out = []
    for line in lines:
        if line.y is None:
            out.append(line)
            continue
        size = line.size or 0.0
        # One font size of slack: engines disagree on some boxes (e.g. inherited MediaBox).
        if bottom - size <= line.y <= top + size:
            out.append(Line(line.text, line.y - bottom, line.size))
    return out

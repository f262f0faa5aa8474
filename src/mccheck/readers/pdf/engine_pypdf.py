"""The pypdf engine, the fallback: pages → lines with positions, fonts and runs.

pypdf's text visitor reports text in chunks (one per font and line, as pypdf splits it)
with the matrices in force where each starts; they give the chunk's position, direction
and size, and its font dictionary gives the font. This module repairs what pypdf's plain
text gets wrong on real files: text inside a Form XObject is reported without the outer
transform (it is applied here, from the ``Do`` operator's matrix), rotated lines are kept
apart from horizontal ones, words separated only by position get a space, and text
overprinted to fake bold is kept once. Widths are not reported, so a chunk's end is
estimated (``EM_PER_CHAR``); PDFium's runs and cells are exact, these are approximate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mccheck.errors import InputError
from mccheck.readers.pdf import fonts
from mccheck.readers.pdf.engines import DAMAGED, MAX_OUTLINE_DEPTH, MAX_OUTLINE_ENTRIES, PASSWORD, quiet
from mccheck.readers.pdf.geometry import Box, direction, frame_size, quarter, to_frame, upright
from mccheck.readers.pdf.model import CELL_GAP, NO_FONT, Font, Line, OutlineEntry, PageText, Run
from mccheck.readers.pdf.text import clean_line, undecodable

EM_PER_CHAR = 0.6  # the widest plausible average advance: a gap beyond it is a real gap
WORD_GAP = 0.1  # ems beyond the estimated end of a chunk that separate words
SAME_LINE = 0.15  # ems of baseline difference within one line
OVERPRINT = 0.5  # ems within which an identical line drawn again is a fake-bold copy

@dataclass(slots=True)
class _Chunk:
    text: str
    x: float  # along the text direction
    y: float  # across it (the baseline)
    size: float
    font: Font
    angle: int


class PypdfEngine:
    name = "pypdf"

    def __init__(self, path: Path):
        import pypdf
        from pypdf import PasswordType, PdfReader
        from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

        self.version = f"pypdf {pypdf.__version__}"
        self._path = path
        self._fonts: dict[int, Font] = {}
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
            except DependencyError as e:  # AES without the 'cryptography' package
                raise InputError(path, "is encrypted in a way this installation cannot read: "
                                 "reinstall mccheck, or export the PDF again without encryption") from e
            except (PdfReadError, ValueError, TypeError, KeyError, AttributeError, IndexError,
                    OSError, RecursionError, AssertionError, NotImplementedError, OverflowError,
                    ZeroDivisionError, PyPdfError) as e:
                # PyPdfError: e.g. LimitReachedError for an xref table larger than the file allows.
                raise InputError(path, DAMAGED) from e

    def page(self, index: int) -> PageText:
        chunks: list[_Chunk | None] = []  # None: pypdf started a new line
        outer: list[tuple[float, ...]] = []  # transforms of the Form XObjects being read
        entering: list[tuple[float, ...]] = []  # a Do seen, its form's first operator not yet

        def before(op: bytes, args: list, cm: list, tm: list) -> None:
            if entering:  # the first operator inside the form: its content starts here
                outer.append(entering.pop())
            if op == b"Do":
                entering.append(_mul(cm, outer[-1]) if outer else tuple(cm))

        def after(op: bytes, args: list, cm: list, tm: list) -> None:
            if op == b"Do":
                if entering:
                    entering.pop()  # an image, or a form without operators
                elif outer:
                    outer.pop()

        def visit(text: str, cm: list, tm: list, font_dict: object, font_size: float) -> None:
            if not text:
                return
            m = _mul(tm, _mul(cm, outer[-1]) if outer else cm)
            a, b, c, d, e, f = m
            angle = direction(a, b)
            x, y = to_frame(quarter(angle), box, e, f)
            size = abs(font_size or 0) * math.sqrt(abs(a * d - b * c))
            font = self._font(font_dict)
            for k, piece in enumerate(text.split("\n")):
                if k:
                    chunks.append(None)
                if piece:
                    chunks.append(_Chunk(piece, x, y, size, font, angle))

        with quiet():
            page = self._reader.pages[index]
            box = _box(page)
            raw = page.extract_text(visitor_text=visit, visitor_operand_before=before,
                                    visitor_operand_after=after)
            lines, width, height = upright(_visible(_lines(chunks), box), box)
            has_images = False
            if not lines:
                try:
                    has_images = len(page.images) > 0
                except Exception:
                    has_images = False
        return PageText(tuple(lines), height, width, has_images, bool(lines) and undecodable(raw))

    def _font(self, font_dict: object) -> Font:
        key = id(font_dict)
        found = self._fonts.get(key)
        if found is None:
            found = self._fonts[key] = _font_of(font_dict)
        return found

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
        del self._reader  # the file's bytes it holds go with it


def _font_of(font_dict: Any) -> Font:
    """The Font of a pypdf font dictionary (its /BaseFont and descriptor).

    ``Any``: whatever the file put there (a dictionary, None, a broken object).
    """
    try:
        get = font_dict.get
        name = str(get("/BaseFont") or "")
        descriptor = get("/FontDescriptor")
        if descriptor is None and get("/DescendantFonts"):
            descriptor = get("/DescendantFonts")[0].get_object().get("/FontDescriptor")
        flags = weight = 0
        if descriptor is not None:
            descriptor = descriptor.get_object()
            flags = int(descriptor.get("/Flags", 0) or 0)
            weight = int(float(descriptor.get("/FontWeight", 0) or 0))
        return fonts.font(name, flags, weight)
    except Exception:  # an odd font dictionary costs only the style
        return NO_FONT


def _mul(m: list | tuple, n: list | tuple) -> tuple[float, ...]:
    """The product m × n of two PDF matrices [a b c d e f]."""
    return (
        m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
    )


def _box(page) -> Box:  # noqa: ANN001 - a pypdf page
    """The visible box (crop box, which pypdf defaults to the media box)."""
    try:
        box = page.cropbox
        left, bottom, right, top = float(box.left), float(box.bottom), float(box.right), float(box.top)
    except Exception:  # a malformed box: US Letter, the commonest page
        return 0.0, 0.0, 612.0, 792.0
    if right <= left or top <= bottom:
        return 0.0, 0.0, 612.0, 792.0
    return left, bottom, right, top


def _lines(chunks: list[_Chunk | None]) -> list[Line]:
    """Lines (with runs) from pypdf's chunks.

    pypdf sometimes breaks a line where only the font or text matrix changed (an italic
    word in a Google Docs export): a break followed by text on the same baseline further
    along is undone. Where a chunk starts beyond the widest plausible end of the one before
    it, the words are separated; beyond ``CELL_GAP`` they are separate runs.
    """
    lines: list[Line] = []
    runs: list[Run] = []
    current: _Chunk | None = None  # the line's first chunk
    last: _Chunk | None = None  # the previous chunk with text
    broken = False
    for chunk in chunks:
        if chunk is None:
            broken = True
            continue
        if not chunk.text.strip():
            continue
        gap = 0.0
        if last is not None:
            em = max(chunk.size, last.size, 1.0)
            if chunk.text == last.text and abs(chunk.x - last.x) <= OVERPRINT * em and abs(chunk.y - last.y) <= OVERPRINT * em:
                continue  # the same text drawn again a hair away: fake bold
            same_line = (
                chunk.angle == last.angle
                and abs(chunk.y - last.y) <= SAME_LINE * em
                and chunk.x >= last.x
            )
            if same_line or not broken:
                gap = (chunk.x - (last.x + len(last.text) * EM_PER_CHAR * last.size)) / em
            if not same_line and broken:
                lines.append(_line(runs, current))
                runs, current = [], None
        broken = False
        text = chunk.text
        if runs and gap > WORD_GAP and not runs[-1].text.endswith(" ") and not text.startswith(" "):
            text = " " + text
        end = chunk.x + len(chunk.text.rstrip()) * 0.5 * chunk.size
        if runs and runs[-1].font == chunk.font and gap <= CELL_GAP:
            prev = runs[-1]
            runs[-1] = Run(prev.text + text, prev.x0, max(prev.x1, end), prev.font)
        else:
            runs.append(Run(text, chunk.x, end, chunk.font))
        if current is None:
            current = chunk
        last = chunk
    if runs:
        lines.append(_line(runs, current))
    return _without_overprint([line for line in lines if line.text])


def _line(runs: list[Run], first: _Chunk | None) -> Line:
    # Runs keep pypdf's spacing until here; a font change inside a word stays one word.
    joined = "".join(run.text for run in runs)
    text = clean_line(joined)
    if first is None or not text:
        return Line("")
    cut: list[Run] = []
    for run in runs:
        piece = clean_line(run.text)
        if not piece:
            continue
        if cut and not run.text[:1].isspace() and not cut[-1].text.endswith(" "):
            prev = cut[-1]  # no space at the join: the same word, one run
            cut[-1] = Run(prev.text + piece, prev.x0, run.x1, prev.font)
        else:
            cut.append(Run(piece, run.x0, run.x1, run.font))
    x0, x1 = min(r.x0 for r in cut), max(r.x1 for r in cut)
    main = next((r.font for r in cut if any(ch.isalpha() for ch in r.text)), cut[0].font)
    return Line(text, first.y, first.size, x0, x1, main, tuple(cut) if len(cut) > 1 else (), first.angle)


def _without_overprint(lines: list[Line]) -> list[Line]:
    """Lines with a fake-bold copy (the same text drawn again a hair away) kept once."""
    seen: dict[str, list[Line]] = {}
    out = []
    for line in lines:
        em = OVERPRINT * (line.size or 10.0)
        twins = seen.setdefault(line.text, [])
        if any(t.y is not None and line.y is not None and abs(t.y - line.y) <= em
               and abs(t.x0 - line.x0) <= em for t in twins):
            continue
        twins.append(line)
        out.append(line)
    return out


def _visible(lines: list[Line], box: Box) -> list[tuple[Line, int]]:
    """Lines inside the visible box (one font size of slack), with their direction.

    Viewers show only the crop box; text drawn outside it (or placed off the page by a
    producer) is not on the page.
    """
    out = []
    for line in lines:
        size = line.size or 0.0
        width, height = frame_size(quarter(line.angle), box)
        if -size <= (line.y or 0.0) <= height + size and line.x1 >= -size and line.x0 <= width + size:
            out.append((line, line.angle))
    return out

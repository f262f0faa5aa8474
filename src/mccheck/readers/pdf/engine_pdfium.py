"""The PDFium engine (pypdfium2): pages → lines with positions, fonts and runs.

PDFium's text page already orders characters, inserts the spaces a viewer shows between
positioned words, places text drawn inside Form XObjects and drops overprinted copies. Its
page text, with "\\r\\n" between lines, gives the lines; per line a handful of calls give the
baseline, size and font of its first character and the rectangles of its text objects. A
line whose rectangles are separated by a wide gap (table cells) or whose last character is
in another font is cut into runs; the cut positions are found by bisecting
``FPDFText_CountRects`` over the line, so no Python work is done per character.

A list bullet a browser paints as a small disc or square (Chrome, Edge: not a character)
is written back as "•" in front of its line, so the item reads as the list item it shows.
"""

from __future__ import annotations

import ctypes
import math
import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from mccheck.errors import InputError
from mccheck.readers.pdf import fonts
from mccheck.readers.pdf.engines import DAMAGED, MAX_OUTLINE_DEPTH, MAX_OUTLINE_ENTRIES, PASSWORD
from mccheck.readers.pdf.geometry import Box, direction, frame_size, quarter, to_frame, upright
from mccheck.readers.pdf.model import CELL_GAP, Font, Line, OutlineEntry, PageText, Run
from mccheck.readers.pdf.text import clean_line, needs_cleaning, undecodable

MAX_IMAGE_SCAN = 2000  # page objects looked at to tell a scanned page from a blank one
BULLET_SIDE = (1.5, 8.0)  # points: the side of a painted bullet (Chrome's disc is 3.8)
LIST_INDENT = 90.0  # points: the furthest a list item's text sits from the body's left edge

_ROW_END = re.compile("\r\n|[\r\n\ufffe]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SPACE = frozenset(" \t\u00a0\u3000")
_ODD_SPACE = re.compile(r"\s\s|[^\S ]")  # two spaces, or a space other than " "


class PdfiumEngine:
    name = "pdfium"

    def __init__(self, path: Path):
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
        from pypdfium2.version import PDFIUM_INFO

        self.version = f"pdfium {PDFIUM_INFO.build}"
        self._path = path
        self._raw = raw
        try:
            # Opened from a path, PDFium reads the file itself, read-only.
            self._doc = pdfium.PdfDocument(str(path))
            self.page_count = len(self._doc)
        except pdfium.PdfiumError as e:
            if getattr(e, "err_code", None) == raw.FPDF_ERR_PASSWORD:
                raise InputError(path, PASSWORD) from e
            raise InputError(path, DAMAGED) from e
        except (OSError, ValueError) as e:
            raise InputError(path, DAMAGED) from e
        self._fonts: dict[tuple[bytes, int], Font] = {}
        self._name = ctypes.create_string_buffer(256)
        self._flags = ctypes.c_int()
        self._d = [ctypes.c_double() for _ in range(6)]
        self._matrix = raw.FS_MATRIX()

    # ------------------------------------------------------------------ pages

    def page(self, index: int) -> PageText:
        raw = self._raw
        page = raw.FPDF_LoadPage(self._doc.raw, index)
        if not page:
            raise InputError(self._path, DAMAGED)
        try:
            box = self._box(page)
            textpage = raw.FPDFText_LoadPage(page)
            if not textpage:
                raise InputError(self._path, DAMAGED)
            try:
                text = _page_text(raw, textpage)
                lines, width, height = self._lines(textpage, text, box)
                if _some_indented(lines):
                    lines = _with_painted_bullets(lines, _painted_bullets(raw, page, box))
                bad = bool(lines) and undecodable(text)
            finally:
                raw.FPDFText_ClosePage(textpage)
            has_images = not lines and _has_images(raw, page)
        finally:
            raw.FPDF_ClosePage(page)
        return PageText(tuple(lines), height, width, has_images, bad)

    def _box(self, page) -> Box:  # noqa: ANN001 - a ctypes handle
        """The visible box (crop box, else media box), as left, bottom, right, top."""
        raw = self._raw
        a, b, c, d = (ctypes.c_float() for _ in range(4))
        for getter in (raw.FPDFPage_GetCropBox, raw.FPDFPage_GetMediaBox):
            if getter(page, a, b, c, d) and c.value > a.value and d.value > b.value:
                return a.value, b.value, c.value, d.value
        return 0.0, 0.0, raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)

    def _lines(self, tp, text: str, box: Box) -> tuple[list[Line], float, float]:  # noqa: ANN001
        """The page's lines, the page width and height in its upright direction."""
        raw = self._raw
        count_rects, get_rect, get_matrix = raw.FPDFText_CountRects, raw.FPDFText_GetRect, raw.FPDFText_GetMatrix
        origin, font_size = raw.FPDFText_GetCharOrigin, raw.FPDFText_GetFontSize
        font_of = self._font
        x, y, r0, r1, r2, r3 = self._d
        m = self._matrix
        left, bottom = box[0], box[1]
        upright_width, upright_height = frame_size(0, box)
        lines: list[tuple[Line, int]] = []
        # Most pages hold nothing clean_line changes but spacing: one scan decides for all lines.
        clean = clean_line if needs_cleaning(text) else _spaced
        # Hot loop (one pass per line, a few calls each): the upright case is inlined.
        for body, first, units in _rows(text):
            get_matrix(tp, first, m)
            a, b = m.a, m.b
            # The font size times the text matrix's scale is the size a reader sees.
            size = font_size(tp, first) * (math.sqrt(abs(a * m.d - b * m.c)) or 1.0)
            origin(tp, first, x, y)
            if b == 0.0 and a > 0.0:
                angle = q = 0
                width, height = upright_width, upright_height
                px, py = x.value - left, y.value - bottom
            else:
                angle = direction(a, b)
                q = quarter(angle)
                width, height = frame_size(q, box)
                px, py = to_frame(q, box, x.value, y.value)
            # One font size of slack: engines disagree on some boxes (e.g. inherited MediaBox).
            if not (-size <= py <= height + size):
                continue
            nrects = count_rects(tp, first, units)
            if nrects > 1:
                line = self._split(tp, body, first, units, nrects, size, font_of(tp, first), angle, box, px, py)
            else:
                # The line starts at its first character's origin (a glyph's box may start
                # left or right of it: side bearings, italic slant).
                x1 = px
                if nrects == 1:
                    get_rect(tp, 0, r0, r1, r2, r3)  # left, top, right, bottom
                    end = r2.value - left if q == 0 else _along(q, box, r0.value, r1.value, r2.value, r3.value)[1]
                    x1 = end if end > px else px
                cleaned = clean(body)
                line = Line(cleaned, py, size, px, x1, font_of(tp, first), (), angle) if cleaned else None
            if line is not None and line.x1 >= -size and line.x0 <= width + size:  # inside the box
                lines.append((line, angle))
        return upright(lines, box)

    def _split(
        self, tp, body: str, first: int, units: int, nrects: int, size: float, font: Font,  # noqa: ANN001
        angle: int, box: Box, start_x: float, baseline: float,
    ) -> Line | None:
        """A line of several text objects: runs cut at wide gaps and at font changes."""
        raw = self._raw
        q = quarter(angle)
        a, b, c, d = self._d[2:]
        rects = []
        for k in range(nrects):
            raw.FPDFText_GetRect(tp, k, a, b, c, d)
            rects.append(_along(q, box, a.value, b.value, c.value, d.value))
        cleaned = clean_line(body)
        if not cleaned:
            return None
        x0, x1 = start_x, max(r[1] for r in rects)
        rects[0] = (start_x, rects[0][1])
        cuts = {k for k in range(1, nrects) if rects[k][0] - rects[k - 1][1] > CELL_GAP * size}
        fonts_differ = self._font(tp, first + units - 1) != font
        if not (cuts or fonts_differ) or len(body) != units:  # astral text: offsets would not match
            return Line(cleaned, baseline, size, x0, x1, font, (), angle)
        runs: list[Run] = []
        start, start_rect, run_font = 0, 0, font
        off = 0
        for k in range(1, nrects) if fonts_differ else sorted(cuts):
            off = _rect_start(raw.FPDFText_CountRects, tp, first, units, k, off)
            next_font = self._font(tp, first + off) if fonts_differ else run_font
            # Cut only at a space: a font change inside a word keeps the word whole.
            at_space = 0 < off < units and (body[off - 1] in _SPACE or body[off] in _SPACE)
            if at_space and (k in cuts or next_font != run_font):
                _add_run(runs, body[start:off], rects[start_rect:k], run_font)
                start, start_rect, run_font = off, k, next_font
        _add_run(runs, body[start:], rects[start_rect:], run_font)
        if len(runs) < 2:
            return Line(cleaned, baseline, size, x0, x1, font, (), angle)
        main = next((run.font for run in runs if any(ch.isalpha() for ch in run.text)), font)
        return Line(cleaned, baseline, size, x0, x1, main, tuple(runs), angle)

    def _font(self, tp, index: int) -> Font:  # noqa: ANN001
        raw = self._raw
        raw.FPDFText_GetFontInfo(tp, index, self._name, 256, self._flags)
        key = (self._name.value, self._flags.value)
        found = self._fonts.get(key)
        if found is None:
            weight = raw.FPDFText_GetFontWeight(tp, index)
            found = self._fonts[key] = fonts.font(key[0].decode("utf-8", "replace"), key[1], max(weight, 0))
        return found

    # ------------------------------------------------------------------ outline

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


def _some_indented(lines: list[Line]) -> bool:
    """Could any line follow a painted bullet, set in from the text's left edge as far as a
    list's items are? (A page of flush-left prose and a centred page number is not searched.)"""
    starts = [line.x0 for line in lines if line.angle == 0]
    if not starts:
        return False
    left = min(starts)
    return any(BULLET_SIDE[0] < x - left <= LIST_INDENT for x in starts)


def _painted_bullets(raw, page, box: Box) -> list[tuple[float, float, float]]:  # noqa: ANN001
    """Small square path objects on an upright page: (left, right, middle height), page frame."""
    out = []
    a, b, c, d = (ctypes.c_float() for _ in range(4))
    lo, hi = BULLET_SIDE
    for i in range(min(raw.FPDFPage_CountObjects(page), MAX_IMAGE_SCAN)):
        obj = raw.FPDFPage_GetObject(page, i)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH or not raw.FPDFPageObj_GetBounds(obj, a, b, c, d):
            continue
        w, h = c.value - a.value, d.value - b.value
        if lo <= w <= hi and lo <= h <= hi and abs(w - h) <= 0.25 * max(w, h):
            out.append((a.value - box[0], c.value - box[0], (b.value + d.value) / 2 - box[1]))
    return out


def _with_painted_bullets(lines: list[Line], bullets: list[tuple[float, float, float]]) -> list[Line]:
    """Each line that starts just right of a painted bullet, at its height, gets "• " in front."""
    if not bullets:
        return lines
    out = []
    for line in lines:
        size = line.size or 10.0
        if line.angle == 0 and line.y is not None and not line.text.startswith("•"):
            for left, right, middle in bullets:
                if 0 < line.x0 - right <= 2.5 * size and -0.2 * size <= middle - line.y <= 0.8 * size:
                    line = Line(f"• {line.text}", line.y, line.size, left, line.x1, line.font, line.runs, line.angle)
                    break
        out.append(line)
    return out


def _along(q: int, box: Box, left: float, top: float, right: float, bottom: float) -> tuple[float, float]:
    """A character rectangle's extent along the text direction of quarter turn ``q``."""
    if q == 0:
        return left - box[0], right - box[0]
    a = to_frame(q, box, left, bottom)[0]
    b = to_frame(q, box, right, top)[0]
    return min(a, b), max(a, b)


def _add_run(runs: list[Run], text: str, rects: list[tuple[float, float]], font: Font) -> None:
    text = clean_line(text)
    if text and rects:
        runs.append(Run(text, min(r[0] for r in rects), max(r[1] for r in rects), font))


def _page_text(raw, textpage) -> str:  # noqa: ANN001
    """The page's characters in PDFium's order; index i of the result is character i."""
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return ""
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    written = raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    # surrogatepass keeps one str character per UTF-16 unit for a lone surrogate.
    return buffer.raw[: 2 * max(written - 1, 0)].decode("utf-16-le", errors="surrogatepass")


def _spaced(text: str) -> str:
    """``clean_line`` for text that needs only its spacing collapsed."""
    return " ".join(text.split()) if _ODD_SPACE.search(text) else text


def _rect_start(count_rects, tp, first: int, units: int, k: int, lo: int) -> int:  # noqa: ANN001
    """Offset in the line of the first character of its rectangle ``k`` (bisection)."""
    hi = units
    while lo < hi:
        mid = (lo + hi) // 2
        if count_rects(tp, first, mid + 1) > k:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _rows(text: str) -> Iterator[tuple[str, int, int]]:
    """The page's lines: text without surrounding space, its first character's index, its length.

    PDFium separates lines with "\\r\\n". After a hyphen it judged to be a line-end
    hyphenation it emits U+FFFE instead and no line break, so a line also ends there (with
    a "-"). Lengths and indexes count UTF-16 units, as PDFium does: text with characters
    beyond U+FFFF takes ``_rows_exact``.
    """
    if _ASTRAL.search(text):
        yield from _rows_exact(text)
        return
    if "\ufffe" not in text and text.count("\r") == text.count("\n") == text.count("\r\n"):
        start = 0  # the common page: lines split by str.split, in C
        for row in text.split("\r\n"):
            body = row.strip()
            if body:
                yield body, start + len(row) - len(row.lstrip()), len(body)
            start += len(row) + 2
        return
    start = 0
    for m in _ROW_END.finditer(text):
        end = m.start() + (m.group() == "\ufffe")
        row = text[start:end]
        body = row.strip()
        if body:
            yield body, start + len(row) - len(row.lstrip()), len(body)
        start = m.end()
    row = text[start:]
    body = row.strip()
    if body:
        yield body, start + len(row) - len(row.lstrip()), len(body)


def _rows_exact(text: str) -> Iterator[tuple[str, int, int]]:
    """``_rows`` one character at a time, counting UTF-16 units (a test holds them equal)."""
    row: list[str] = []
    first: int | None = None  # unit index of the row's first visible character (None: none yet)
    last = 0  # unit index of its last one (set whenever first is)
    pos = 0
    prev = ""
    for ch in text:
        units = 2 if ord(ch) > 0xFFFF else 1
        end_here = ch in "\r\n" and not (ch == "\n" and prev == "\r")
        if ch == "\ufffe":
            row.append(ch)
            first = pos if first is None else first
            last = pos + units - 1
        elif not end_here and ch not in "\r\n":
            row.append(ch)
            if not ch.isspace():
                first = pos if first is None else first
                last = pos + units - 1
        if end_here or ch == "\ufffe":
            if first is not None:
                yield "".join(row).strip(), first, last - first + 1
            row, first = [], None
        pos += units
        prev = ch
    if first is not None:
        yield "".join(row).strip(), first, last - first + 1


def _has_images(raw, page) -> bool:  # noqa: ANN001
    """Does the page draw an image (directly or inside a Form XObject)? For textless pages."""
    seen = 0
    stack = [(raw.FPDFPage_CountObjects(page), partial(raw.FPDFPage_GetObject, page), 0)]
    while stack:
        count, get, depth = stack.pop()
        for i in range(max(count, 0)):
            seen += 1
            if seen > MAX_IMAGE_SCAN:
                return False
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                return True
            if kind == raw.FPDF_PAGEOBJ_FORM and depth < 4:
                stack.append((raw.FPDFFormObj_CountObjects(obj),
                              partial(raw.FPDFFormObj_GetObject, obj), depth + 1))
    return False

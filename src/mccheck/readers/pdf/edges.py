"""Running headers, footers and page numbers: the lines kept out of counts.

* A line among the first or last ``EDGE_LINES`` (3) lines of a page is a running header or
  footer when, with digits and roman numerals replaced by "#", it occurs at the edge of at
  least ``REPEAT_SHARE`` (50%) of the pages that have text (``VARIED_SHARE``, 80%, when the
  numbers in it change from page to page) and on at least
  ``REPEAT_MIN_PAGES`` (2) pages at the same height (within ``EDGE_Y_TOLERANCE``, 3 pt), and has
  at most ``EDGE_MAX_WORDS`` (12) words (so boilerplate body text that happens to start
  several pages stays).
* A lone page number ("3", "Page 3", "Page 3 of 10", "- 3 -", "iv", "3 | Page") is removed
  only in the top or bottom ``BAND`` (12%) of the page, and only in sequence: its value minus
  the page's index is the same on two or more pages, or it is the page's own number, or it
  says "page". A bare number that ends a body paragraph mid-page is text.
* Lines are removed from an edge inwards and removal stops at the first ordinary line. A page
  whose every line would be removed keeps them all (a one-line label page is body text).
  Rotated lines are never headers or footers.
* A browser's print stamp is a header or footer in the band even on a one-page PDF: a line
  that starts or ends with the printing date and time ("12/1/26, 10:48 PM"), or a web address
  followed by the page counter ("file:///.../draft.html 1/1", "https://... 1 of 2").
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence

from mccheck.document import Origin
from mccheck.readers.pdf.model import Line, PageText

EDGE_LINES = 3
EDGE_MAX_WORDS = 12
EDGE_Y_TOLERANCE = 3.0  # PDF points
REPEAT_SHARE = 0.5
VARIED_SHARE = 0.8  # for a line whose numbers change from page to page
REPEAT_MIN_PAGES = 2
BAND = 0.12  # of the page height, at the top and at the bottom

_ROMAN = r"(?=[ivxlc]+\b)(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})"  # up to 89: "mix" is a word
_PAGE_NUMBER = re.compile(
    rf"""^(?:
        (?P<word>page|p\.|pg\.?|seite|página|pagina)?\s*(?P<n>\d{{1,5}}|{_ROMAN})
            (?:\s*(?:of|/|von|de|sur)\s*\d{{1,5}})?
      | [-–—]\s*(?P<n2>\d{{1,5}}|{_ROMAN})\s*[-–—]
      | (?P<n3>\d{{1,5}})\s*\|\s*(?P<word3>page|p\.)
      | (?P<word4>page|p\.)\s*\|\s*(?P<n4>\d{{1,5}})
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_PRINT_STAMP = re.compile(
    r"""^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s|$)
      | \s\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?$
      | ^(?:file|https?)://\S+\s+(?:page\s+)?\d{1,5}\s*(?:/|of)\s*\d{1,5}$""",
    re.IGNORECASE | re.VERBOSE,
)
_DIGITS = re.compile(r"\d+")
_ROMAN_TOKEN = re.compile(rf"\b{_ROMAN}\b", re.IGNORECASE)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def norm_edge(text: str) -> str:
    """A header/footer line with page-dependent numbers replaced, for comparison across pages."""
    text = _DIGITS.sub("#", text.casefold())
    text = _ROMAN_TOKEN.sub(lambda m: "#" if m.group(0) else "", text)
    return " ".join(text.split())


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def page_number(text: str) -> tuple[int, bool] | None:
    """The value of a page-number line and whether it says "page"; None if it is none."""
    m = _PAGE_NUMBER.match(text.strip())
    if not m:
        return None
    raw = m.group("n") or m.group("n2") or m.group("n3") or m.group("n4")
    said = bool(m.group("word") or m.group("word3") or m.group("word4") or " of " in text.casefold())
    return (int(raw) if raw.isdigit() else _roman(raw)), said


def is_print_stamp(text: str) -> bool:
    """A browser's printing date and time, or a web address with the page counter."""
    return bool(_PRINT_STAMP.search(text.strip()))


def _roman(text: str) -> int:
    values = [_ROMAN_VALUES[c] for c in text.casefold()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _edge_indexes(n: int) -> list[int]:
    return sorted(set(range(min(EDGE_LINES, n))) | set(range(max(0, n - EDGE_LINES), n)))


def _in_band(page: PageText, line: Line) -> bool:
    if line.y is None or not page.height:
        return True  # unplaced: the edge position is all we know
    return line.y >= (1 - BAND) * page.height or line.y <= BAND * page.height


def edge_marks(pages: Sequence[PageText | None]) -> list[dict[int, Origin]]:
    """Per page, the indexes of header/footer/page-number lines and whether each is header or footer."""
    repeated = _repeated(pages)
    numbers = _numbered(pages)

    def edge(p: int, page: PageText, i: int, line: Line) -> bool:
        if line.angle:
            return False
        if i in numbers.get(p, ()):
            return True
        if is_print_stamp(line.text) and _in_band(page, line):
            return True
        key = norm_edge(line.text)
        if key not in repeated:
            return False
        usual = repeated[key]
        return usual is None or line.y is None or abs(line.y - usual) <= EDGE_Y_TOLERANCE

    marks: list[dict[int, Origin]] = []
    for p, page in enumerate(pages):
        found: dict[int, Origin] = {}
        if page is not None and page.lines:
            n = len(page.lines)
            for i in range(min(EDGE_LINES, n)):
                if not edge(p, page, i, page.lines[i]):
                    break
                found[i] = _origin(page, page.lines[i], "header")
            for i in range(n - 1, max(-1, n - 1 - EDGE_LINES), -1):
                if i in found or not edge(p, page, i, page.lines[i]):
                    break
                found[i] = _origin(page, page.lines[i], "footer")
            if len(found) == n:
                found = {}
        marks.append(found)
    return marks


def _repeated(pages: Sequence[PageText | None]) -> dict[str, float | None]:
    """Normalised edge lines repeated on enough pages, with their usual height."""
    with_text = [p for p in pages if p is not None and p.lines]
    spots: dict[str, list[float | None]] = {}  # normalised edge line → its height on each page
    texts: dict[str, set[str]] = {}  # normalised edge line → the lines as written
    for page in with_text:
        seen_here: set[str] = set()
        for i in _edge_indexes(len(page.lines)):
            line = page.lines[i]
            key = norm_edge(line.text)
            # A lone number is a page number or body text, never a running header.
            if (not line.angle and len(line.text.split()) <= EDGE_MAX_WORDS and key not in seen_here
                    and not is_page_number(line.text)):
                seen_here.add(key)
                spots.setdefault(key, []).append(line.y)
                texts.setdefault(key, set()).add(line.text)
    share = max(REPEAT_MIN_PAGES, REPEAT_SHARE * len(with_text))
    varied = max(REPEAT_MIN_PAGES, VARIED_SHARE * len(with_text))
    # A running header sits at the same height on every page: count only the pages where the
    # line is within EDGE_Y_TOLERANCE of its usual height.
    repeated: dict[str, float | None] = {}
    for key, ys in spots.items():
        # Lines that differ in their numbers ("Joint Meeting 1, October 23", "Joint Meeting 2,
        # October 30") are page titles unless nearly every page has one.
        need = share if len(texts[key]) == 1 else varied
        if len(ys) < need:
            continue
        known = [y for y in ys if y is not None]
        if not known:
            repeated[key] = None
            continue
        usual = statistics.median_low(known)
        if sum(1 for y in ys if y is None or abs(y - usual) <= EDGE_Y_TOLERANCE) >= need:
            repeated[key] = usual
    return repeated


def _numbered(pages: Sequence[PageText | None]) -> dict[int, set[int]]:
    """Per page, the edge lines that are its page number (in the band, in sequence)."""
    found: list[tuple[int, int, int, bool]] = []  # page, line, value - page index, says "page"
    for p, page in enumerate(pages):
        if page is None:
            continue
        for i in _edge_indexes(len(page.lines)):
            line = page.lines[i]
            value = page_number(line.text) if not line.angle and _in_band(page, line) else None
            if value is not None:
                found.append((p, i, value[0] - p, value[1]))
    offsets = Counter(offset for _, _, offset, _ in found)
    out: dict[int, set[int]] = {}
    for p, i, offset, said in found:
        # Front matter numbered i, ii, ... or a title page without a number shift the sequence.
        if offsets[offset] >= 2 or offset in (0, 1) or said:
            out.setdefault(p, set()).add(i)
    return out


def _origin(page: PageText, line: Line, default: Origin) -> Origin:
    if line.y is not None and page.height:
        return "header" if line.y > page.height / 2 else "footer"
    return default

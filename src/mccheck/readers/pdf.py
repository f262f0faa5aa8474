"""PDF reader: pages → lines → Blocks.

The text engine (pypdf, or pypdfium2 when installed) is chosen by ``pdf_backend``; both give
the same lines with their baseline and font size, and everything below works on those.

Decisions (each is a constant below so tests and reviewers can find it):

* Running headers and footers: a line among the first or last ``EDGE_LINES`` (3) lines of a
  page is a header/footer when, with digits and roman numerals replaced by "#", it occurs at
  the edge of at least ``REPEAT_SHARE`` (50%) of the pages that have text and on at least
  ``REPEAT_MIN_PAGES`` (2) pages at the same height (within ``EDGE_Y_TOLERANCE``, 3 pt, when the
  engine gives positions), and has at most ``EDGE_MAX_WORDS`` (12) words (so boilerplate
  body text that happens to start several pages stays). A page whose every line would be removed
  keeps them all (a one-line label page is body text). Lone page numbers ("3", "Page 3", "Page 3 of 10", "- 3 -",
  "iv", "3 | Page") are removed at the edges of any page. Lines are removed from an edge inwards
  and removal stops at the first ordinary line. Each distinct header/footer is kept once,
  uncounted, as a paragraph block with origin "header" or "footer" (by its height on the page).
* Paragraphs: consecutive lines join into one block; a new block starts at a bullet, after a
  heading, when the font size changes by more than ``SIZE_CHANGE`` (15%), when the gap between
  baselines exceeds ``GAP_FACTOR`` (1.3) times the page's usual line pitch (or the text moves
  up: a new column or text box), or when the previous line is short (under ``SHORT_LINE`` = 75%
  of the document's typical full line) and ends a sentence (. ? ! :). A paragraph continues onto
  the next page when that page's first line starts with a lowercase letter or the last line
  ended in a hyphenated word.
* Hyphenation: a line ending in letter + "-" followed by a line starting with a lowercase letter
  is joined without the hyphen ("collabo-" + "rative" → "collaborative"), except after a few
  prefixes that are real compounds (``KEEP_HYPHEN_PREFIXES``: "self-", "well-", ...) and when the
  next line starts with a capital or digit ("Anglo-" + "Saxon", "COVID-" + "19"), where the
  hyphen stays and no space is added. Word counts are the same either way except for the
  join itself, which is the point.
* Headings from the outline (bookmarks): trusted when at least half its entries are found as a
  line on their page (title equal to the line, ignoring case, spacing and leading numbering such
  as "1", "2.3" or "Part 2:"); the matched line becomes the heading at the entry's level. Entries
  not found become an uncounted heading at the start of their page. An outline with fewer than
  half its titles on the page ("mistitled" bookmarks) is ignored.
* Headings without a trusted outline (conservative): a line standing alone (a block break before
  and after), of at most ``HEADING_MAX_WORDS`` (10) words, starting with a capital or a number,
  not ending in . , ; ! ? and either set at least ``HEADING_SIZE`` (12%) larger than body text,
  or numbered with a keyword ("Part 2", "Artifact 4:", "Section B"), or numbered ("1.", "2.3")
  with extra space above and below. Level: numbering depth, else rank of the font size.
* Lists: a line starting with a bullet (•, ◦, ▪, -, *, –, or a Symbol-font private-use glyph)
  or "1)", "(a)", "a." becomes a ``list_item`` (glyph bullets are dropped from its text, as word
  processors do not count them); lines that follow without a break continue it.
* Pages without text: all → a "scanned-pdf" error note and no blocks; some (with images) → a
  "scanned-pages" warning listing them. Blank pages without images are ignored.
* Memory: pages are read one at a time; only the cleaned lines are kept (text once), and each
  page's lines are dropped as soon as its blocks are built. Time: ``limits.deadline()`` is checked
  between pages (a single pathological page cannot be interrupted).
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mccheck.document import Block, BlockKind, Document, Location, Note, Origin
from mccheck.errors import InputError
from mccheck.readers import check_file, pdf_backend, progress
from mccheck.readers.limits import ReadLimits
from mccheck.readers.pdf_backend import Line, OutlineEntry, PageText

EDGE_LINES = 3
EDGE_MAX_WORDS = 12
EDGE_Y_TOLERANCE = 3.0  # PDF points
REPEAT_SHARE = 0.5
REPEAT_MIN_PAGES = 2
SIZE_CHANGE = 0.15
GAP_FACTOR = 1.3
SHORT_LINE = 0.75
HEADING_MAX_WORDS = 10
HEADING_SIZE = 1.12
OUTLINE_TRUST = 0.5
KEEP_HYPHEN_PREFIXES = frozenset({"self", "well", "non", "cross", "half", "all", "ex", "co"})

_ROMAN = r"(?=[ivxlc]+\b)(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})"  # up to 89: "mix" is a word
_PAGE_NUMBER = re.compile(
    rf"""^(?:
        (?:page|p\.|pg\.?|seite|página|pagina)?\s*(?:\d{{1,5}}|{_ROMAN})
            (?:\s*(?:of|/|von|de|sur)\s*\d{{1,5}})?
      | [-–—]\s*(?:\d{{1,5}}|{_ROMAN})\s*[-–—]
      | \d{{1,5}}\s*\|\s*(?:page|p\.)
      | (?:page|p\.)\s*\|\s*\d{{1,5}}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_DIGITS = re.compile(r"\d+")
_ROMAN_TOKEN = re.compile(rf"\b{_ROMAN}\b", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[•◦▪▫■□●○·‣⁃∙➢➤►✓✔\-*–]|\(?\d{1,2}\)|\(?[a-zA-Z]\)|[a-z]\.)\s+\S")
_GLYPH_BULLET = re.compile(r"^[•◦▪▫■□●○·‣⁃∙➢➤►✓✔\-*–]\s+")
_NUMBERED = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.)\s+\S")
_KEYWORD_NUMBERED = re.compile(
    r"^(?:part|section|artifact|artefact|appendix|step|question|reflection|chapter|unit|module"
    r"|evidence|component|element|criterion|prompt)\s+(?:\d{1,3}|[ivx]{1,5}|[a-z])\b",
    re.IGNORECASE,
)
_STRIP_NUMBERING = re.compile(
    r"^(?:(?:part|section|chapter|artifact|appendix)\s+)?(?:\d{1,3}(?:\.\d{1,3})*|[ivx]{1,5}|[a-z])"
    r"[.):]?\s+",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.?!:][\"'”’)\]]*$")
_HEADING_BAD_END = re.compile(r"[.,;!?]$")
_SOFT_END = re.compile(r"(?<=[^\W\d_])-$")


def read(path: Path, limits: ReadLimits) -> Document:
    """Read ``path`` into a Document; InputError (one plain sentence) when it cannot be read."""
    pages, outline = extract(path, limits)
    return build(str(path), pages, outline)


def extract(path: Path, limits: ReadLimits) -> tuple[list[PageText | None], list[OutlineEntry]]:
    """Every page's lines and the outline, read one page at a time under the limits."""
    deadline = limits.deadline()
    check_file(path, limits)  # the dispatcher's checks, for a reader called directly
    backend = pdf_backend.open_pdf(path)
    try:
        count = backend.page_count
        if count == 0:
            raise InputError(path, pdf_backend.DAMAGED)
        if count > limits.max_pages:
            raise InputError(
                path, f"has {count} pages, more than the limit of {limits.max_pages}: "
                "is this the right file?"
            )
        pages: list[PageText | None] = []
        for index in range(count):
            if time.monotonic() > deadline:
                raise _too_slow(path, limits)
            pages.append(_page(backend, index, path))
            progress.pages_read(path, index + 1, count)
        outline = _guard(backend.outline, path)
    finally:
        backend.close()
    if time.monotonic() > deadline:
        raise _too_slow(path, limits)
    return pages, outline


def _too_slow(path: Path, limits: ReadLimits) -> InputError:
    return InputError(
        path,
        f"took longer than {limits.seconds:g} s to read; export a smaller PDF or check it "
        "opens in a PDF viewer",
    )


def _page(backend: pdf_backend.Backend, index: int, path: Path) -> PageText:
    return _guard(lambda: backend.page(index), path)


def _guard(call, path: Path):  # noqa: ANN001, ANN202 - tiny local adapter
    """Run one engine call; any library failure becomes the one "damaged" sentence."""
    try:
        with pdf_backend.quiet():
            return call()
    except InputError:
        raise
    except MemoryError as e:
        raise InputError(path, "needs too much memory to read: export it again") from e
    except Exception as e:  # engines raise dozens of types on malformed input
        raise InputError(path, pdf_backend.DAMAGED) from e


# ---------------------------------------------------------------------------- analysis


def norm_edge(text: str) -> str:
    """A header/footer line with page-dependent numbers replaced, for comparison across pages."""
    text = _DIGITS.sub("#", text.casefold())
    text = _ROMAN_TOKEN.sub(lambda m: "#" if m.group(0) else "", text)
    return " ".join(text.split())


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def edge_marks(pages: Sequence[PageText | None]) -> list[dict[int, Origin]]:
    """Per page, the indexes of header/footer/page-number lines and whether each is header or footer."""
    with_text = [p for p in pages if p is not None and p.lines]
    spots: dict[str, list[float | None]] = {}  # normalised edge line → its height on each page
    for page in with_text:
        n = len(page.lines)
        seen_here: set[str] = set()
        for i in sorted(set(range(min(EDGE_LINES, n))) | set(range(max(0, n - EDGE_LINES), n))):
            line = page.lines[i]
            key = norm_edge(line.text)
            if len(line.text.split()) <= EDGE_MAX_WORDS and key not in seen_here:
                seen_here.add(key)
                spots.setdefault(key, []).append(line.y)
    need = max(REPEAT_MIN_PAGES, REPEAT_SHARE * len(with_text))
    # A running header sits at the same height on every page: count only the pages where the
    # line is within EDGE_Y_TOLERANCE of its usual height.
    repeated: dict[str, float | None] = {}
    for key, ys in spots.items():
        if len(ys) < need:
            continue
        known = [y for y in ys if y is not None]
        if not known:
            repeated[key] = None
            continue
        usual = statistics.median_low(known)
        if sum(1 for y in ys if y is None or abs(y - usual) <= EDGE_Y_TOLERANCE) >= need:
            repeated[key] = usual

    def edge(line: Line) -> bool:
        if is_page_number(line.text):
            return True
        key = norm_edge(line.text)
        if key not in repeated:
            return False
        usual = repeated[key]
        return usual is None or line.y is None or abs(line.y - usual) <= EDGE_Y_TOLERANCE

    marks: list[dict[int, Origin]] = []
    for page in pages:
        found: dict[int, Origin] = {}
        if page is not None and page.lines:
            n = len(page.lines)
            for i in range(min(EDGE_LINES, n)):
                if not edge(page.lines[i]):
                    break
                found[i] = _origin(page, page.lines[i], "header")
            for i in range(n - 1, max(-1, n - 1 - EDGE_LINES), -1):
                if i in found or not edge(page.lines[i]):
                    break
                found[i] = _origin(page, page.lines[i], "footer")
            # A page holding nothing but edge lines is body text (a label, a table of numbers).
            if len(found) == n:
                found = {}
        marks.append(found)
    return marks


def _origin(page: PageText, line: Line, default: Origin) -> Origin:
    if line.y is not None and page.height:
        return "header" if line.y > page.height / 2 else "footer"
    return default


@dataclass(slots=True)
class _Metrics:
    body_size: float | None
    full_line: float  # characters in a typical full-width line
    pitch: float | None  # document-wide usual baseline-to-baseline distance


def _metrics(pages: Sequence[PageText | None], marks: Sequence[dict[int, Origin]]) -> _Metrics:
    sizes: Counter[float] = Counter()
    lengths: list[int] = []
    pitches: list[float] = []
    for page, mark in zip(pages, marks):
        if page is None:
            continue
        prev: Line | None = None
        for i, line in enumerate(page.lines):
            if i in mark:
                continue
            if line.size:
                sizes[round(line.size, 1)] += len(line.text)
            if len(line.text.split()) >= 3:
                lengths.append(len(line.text))
            if prev is not None:
                pitch = _pitch(prev, line)
                if pitch is not None:
                    pitches.append(pitch)
            prev = line
    body = sizes.most_common(1)[0][0] if sizes else None
    lengths.sort()
    if len(lengths) >= 5:
        full = float(lengths[int(0.8 * (len(lengths) - 1))])
    else:  # too few lines for a percentile: the longest line is the best guess at "full"
        full = float(lengths[-1]) if lengths else 60.0
    return _Metrics(body, full, statistics.median(pitches) if pitches else None)


def _pitch(prev: Line, line: Line) -> float | None:
    """Baseline distance between two lines of the same size that follow each other normally."""
    if prev.y is None or line.y is None or not prev.size or not line.size:
        return None
    if abs(prev.size - line.size) > SIZE_CHANGE * max(prev.size, line.size):
        return None
    dy = prev.y - line.y
    if 0.5 * line.size < dy < 2.5 * line.size:
        return dy
    return None


def _page_pitch(page: PageText, mark: dict[int, Origin], fallback: float | None) -> float | None:
    pitches = []
    prev = None
    for i, line in enumerate(page.lines):
        if i in mark:
            continue
        if prev is not None and (p := _pitch(prev, line)) is not None:
            pitches.append(p)
        prev = line
    # The smallest common pitch is the line pitch; paragraph gaps are larger.
    return statistics.median_low(pitches) if len(pitches) >= 3 else fallback


# ---------------------------------------------------------------------------- outline


def _key(text: str) -> str:
    return " ".join(_STRIP_NUMBERING.sub("", " ".join(text.casefold().split()), count=1).split())


def _match_outline(
    pages: Sequence[PageText | None],
    marks: Sequence[dict[int, Origin]],
    outline: Sequence[OutlineEntry],
) -> tuple[dict[tuple[int, int], tuple[int, int]], dict[int, list[OutlineEntry]]]:
    """Map (page, line) → (level, lines spanned) for outline titles found, and the unfound ones."""
    found: dict[tuple[int, int], tuple[int, int]] = {}
    missing: dict[int, list[OutlineEntry]] = {}
    cursor: dict[int, int] = {}
    for entry in outline:
        page = pages[entry.page] if entry.page < len(pages) else None
        hit = None
        if page is not None:
            want = _key(entry.title)
            mark = marks[entry.page]
            start = cursor.get(entry.page, 0)
            for i in range(start, len(page.lines)):
                if i in mark or (entry.page, i) in found:
                    continue
                text = page.lines[i].text
                if _key(text) == want or " ".join(text.casefold().split()) == want:
                    hit = (i, 1)
                    break
                # A title wrapped over up to three lines.
                joined = text
                for extra in range(1, 3):
                    if i + extra >= len(page.lines) or not want.startswith(_key(joined)):
                        break
                    joined = f"{joined} {page.lines[i + extra].text}"
                    if _key(joined) == want:
                        hit = (i, extra + 1)
                        break
                if hit:
                    break
        if hit is None:
            missing.setdefault(entry.page, []).append(entry)
        else:
            found[(entry.page, hit[0])] = (entry.level, hit[1])
            cursor[entry.page] = hit[0] + hit[1]
    return found, missing


# ---------------------------------------------------------------------------- building


@dataclass(slots=True)
class _Open:
    kind: BlockKind
    lines: list[str]
    loc: Location
    level: int = 0


@dataclass(slots=True)
class _Builder:
    file: str
    blocks: list[Block] = field(default_factory=list)
    open: _Open | None = None
    pending: list[Block] = field(default_factory=list)  # uncounted edge blocks awaiting a flush

    def flush(self) -> None:
        if self.open is not None:
            text = join_lines(self.open.lines)
            if text:
                self.blocks.append(Block(self.open.kind, text, self.open.loc, level=self.open.level))
            self.open = None
        self.blocks.extend(self.pending)
        self.pending.clear()

    def start(self, kind: BlockKind, text: str, loc: Location, level: int = 0) -> None:
        self.flush()
        self.open = _Open(kind, [text], loc, level)

    def add(self, block: Block) -> None:
        self.flush()
        self.blocks.append(block)


def join_lines(lines: Iterable[str]) -> str:
    """Join a block's lines, undoing line-end hyphenation (see the module docstring)."""
    # Linear in the block's length: pieces are collected and joined once, and only the
    # previous line is searched for a soft hyphen (searching the text so far made a long
    # block quadratic).
    parts: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not parts:
            parts.append(line)
            continue
        last = parts[-1]
        if last.endswith("-") and _SOFT_END.search(last[-2:]) and line[0].isalnum():
            stem = last[:-1]
            # The hyphenated word may have started in an earlier line that was glued on.
            word = re.split(r"[\s\-/]", stem)[-1]
            if not re.search(r"[\s\-/]", stem):
                word = re.split(r"[\s\-/]", "".join(_tail(parts[:-1])) + stem)[-1]
            if line[0].islower() and word.casefold() not in KEEP_HYPHEN_PREFIXES:
                parts[-1] = stem
            parts.append(line)
        else:
            parts.append(" ")
            parts.append(line)
    return "".join(parts)


def _tail(parts: list[str]) -> list[str]:
    """The trailing pieces of ``parts`` back to the last one holding a separator."""
    out: list[str] = []
    for piece in reversed(parts):
        out.append(piece)
        if re.search(r"[\s\-/]", piece):
            break
    return out[::-1]


def build(file: str, pages: list[PageText | None], outline: Sequence[OutlineEntry]) -> Document:
    """Turn extracted pages into a Document. Consumes ``pages`` (each is dropped once used)."""
    count = len(pages)
    textless = [i + 1 for i, p in enumerate(pages) if p is None or not p.lines]
    if len(textless) == count:
        note = Note(
            "scanned-pdf",
            "error",
            "has no text layer (scanned?): export the PDF from your word processor, or run OCR",
            Location(file),
        )
        return Document(file, (), (note,), pages=count)
    notes: list[Note] = []
    scanned = [i + 1 for i, p in enumerate(pages) if p is not None and not p.lines and p.has_images]
    if scanned:
        listed = ", ".join(map(str, scanned[:20])) + (" ..." if len(scanned) > 20 else "")
        word = "page" if len(scanned) == 1 else "pages"
        notes.append(Note(
            "scanned-pages",
            "warning",
            f"{word} {listed} {'has' if len(scanned) == 1 else 'have'} no text layer (scanned?): "
            "their words are not counted; export the PDF from your word processor, or run OCR",
            Location(file, page=scanned[0]),
        ))

    marks = edge_marks(pages)
    metrics = _metrics(pages, marks)
    outline_hits, outline_missing = _match_outline(pages, marks, outline)
    use_outline = bool(outline) and len(outline_hits) >= OUTLINE_TRUST * len(outline)
    if not use_outline:
        outline_hits, outline_missing = {}, {}
    heading_sizes = _heading_sizes(pages, marks, metrics) if not use_outline else []

    out = _Builder(file)
    seen_edges: set[str] = set()
    for p_index in range(count):
        page = pages[p_index]
        pages[p_index] = None  # keep the text once: this page's lines go away as blocks are made
        page_no = p_index + 1
        for entry in outline_missing.get(p_index, ()):
            out.add(Block("heading", entry.title, Location(file, page=page_no), level=entry.level,
                          counted=False))
        if page is None or not page.lines:
            continue
        mark = marks[p_index]
        for i, origin in mark.items():
            key = norm_edge(page.lines[i].text)
            if key not in seen_edges:
                seen_edges.add(key)
                out.pending.append(Block("paragraph", page.lines[i].text,
                                         Location(file, page=page_no, line=i + 1),
                                         counted=False, origin=origin))
        _build_page(out, page, mark, p_index, metrics, outline_hits, use_outline, heading_sizes)
    out.flush()
    return Document(file, tuple(out.blocks), tuple(notes), pages=count)


def _heading_sizes(pages, marks, metrics: _Metrics) -> list[float]:  # noqa: ANN001
    """Distinct font sizes larger than body text, biggest first (their rank is the level)."""
    if not metrics.body_size:
        return []
    sizes = set()
    for page, mark in zip(pages, marks):
        if page is None:
            continue
        for i, line in enumerate(page.lines):
            if i not in mark and line.size and line.size >= HEADING_SIZE * metrics.body_size:
                if len(line.text.split()) <= HEADING_MAX_WORDS:
                    sizes.add(round(line.size))
    return sorted(sizes, reverse=True)


def _build_page(
    out: _Builder,
    page: PageText,
    mark: dict[int, Origin],
    p_index: int,
    metrics: _Metrics,
    outline_hits: dict[tuple[int, int], tuple[int, int]],
    use_outline: bool,
    heading_sizes: list[float],
) -> None:
    body = [i for i in range(len(page.lines)) if i not in mark]
    if not body:
        return
    lines = page.lines
    pitch = _page_pitch(page, mark, metrics.pitch)
    file = out.file

    def breaks(a: int, b: int) -> bool:
        """Does a new block start at line b, coming after line a on the same page?"""
        prev, line = lines[a], lines[b]
        if _BULLET.match(line.text):
            return True
        if prev.size and line.size and abs(prev.size - line.size) > SIZE_CHANGE * max(prev.size, line.size):
            return True
        if prev.y is not None and line.y is not None:
            dy = prev.y - line.y
            size = line.size or prev.size or 10.0
            if dy < -0.5 * size:
                return True  # moved up: a new column or text box
            if pitch and dy > GAP_FACTOR * pitch:
                return True
        return len(prev.text) < SHORT_LINE * metrics.full_line and bool(_SENTENCE_END.search(prev.text))

    def gap(a: int, b: int) -> bool:
        prev, line = lines[a], lines[b]
        if prev.y is None or line.y is None or not pitch:
            return False
        return prev.y - line.y > GAP_FACTOR * pitch

    skip_until = -1
    for pos, i in enumerate(body):
        if i < skip_until:
            continue
        line = lines[i]
        loc = Location(file, page=p_index + 1, line=i + 1)
        prev_i = body[pos - 1] if pos else None
        next_i = body[pos + 1] if pos + 1 < len(body) else None

        if use_outline:
            hit = outline_hits.get((p_index, i))
            if hit is not None:
                level, span = hit
                text = " ".join(lines[k].text for k in range(i, i + span))
                out.add(Block("heading", text, loc, level=level))
                skip_until = i + span
                continue

        starts = prev_i is None or breaks(prev_i, i)
        # A short line followed by a capitalised line may be a heading over its paragraph.
        ends = next_i is None or breaks(i, next_i) or (
            len(line.text) < SHORT_LINE * metrics.full_line and lines[next_i].text[:1].isupper()
        )
        if not use_outline and starts and ends:
            level = _heading_level(line, metrics, heading_sizes,
                                   before=prev_i is None or gap(prev_i, i),
                                   after=next_i is None or gap(i, next_i))
            if level:
                out.add(Block("heading", line.text, loc, level=level))
                continue

        if _BULLET.match(line.text):
            # A drawn bullet is not a word (word processors do not count it); "1)" stays.
            out.start("list_item", _GLYPH_BULLET.sub("", line.text), loc, level=1)
            continue
        if prev_i is None:
            if out.open is not None and out.open.kind in ("paragraph", "list_item") and _continues(out.open, line):
                out.open.lines.append(line.text)
                continue
            out.start("paragraph", line.text, loc)
            continue
        if starts or out.open is None:
            out.start("paragraph", line.text, loc)
        else:
            out.open.lines.append(line.text)


def _continues(block: _Open, line: Line) -> bool:
    """Does the first line of a page carry on the paragraph the previous page ended with?"""
    last = block.lines[-1]
    return bool(line.text) and (line.text[0].islower() or bool(_SOFT_END.search(last)))


def _heading_level(
    line: Line, metrics: _Metrics, heading_sizes: list[float], *, before: bool, after: bool
) -> int:
    """The heading level of a stand-alone line, or 0 when it does not look like a heading."""
    text = line.text
    words = text.split()
    if not 1 <= len(words) <= HEADING_MAX_WORDS or _HEADING_BAD_END.search(text):
        return 0
    if not (text[0].isupper() or text[0].isdigit()) or not any(c.isalpha() for c in text):
        return 0
    big = bool(line.size and metrics.body_size and line.size >= HEADING_SIZE * metrics.body_size)
    numbered = _NUMBERED.match(text)
    depth = text.split()[0].rstrip(".").count(".") + 1 if numbered else 0
    if big:
        size_rank = heading_sizes.index(round(line.size)) + 1 if round(line.size) in heading_sizes else 1
        return min(depth or size_rank, 6)
    if _KEYWORD_NUMBERED.match(text):
        return 1
    if numbered and before and after:
        return min(depth, 6)
    return 0

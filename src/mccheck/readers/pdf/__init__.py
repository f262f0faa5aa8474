"""PDF reader: pages → lines → Blocks with the features layout analysis needs.

One module per step:

* ``engines``: PDFium by default, pypdf as the fallback (``engine_pdfium``, ``engine_pypdf``);
  both give pages of ``model.Line`` with positions, sizes, fonts (``fonts``) and runs, rotated
  lines measured in their own direction (``geometry``).
* ``edges``: running headers, footers and page numbers, kept once and uncounted.
* ``outline``: bookmark titles matched to lines, the only headings a PDF declares.
* ``tables``: simple tables rebuilt from column alignment, continued across page breaks.
* ``paragraphs``: the other lines joined into paragraph and list blocks with their Style.
* ``text``: clean-up shared by the engines, hyphenation, and the test for undecodable text.

Pages without text: all → a "scanned-pdf" error note and no blocks; some (with images) → a
"scanned-pages" warning listing them. Pages whose text the engine could not decode (no usable
character map) → an "undecodable-text" warning naming them, and their words uncounted.
Memory: pages are read one at a time and each page's lines are dropped as soon as its blocks
are built. Time: ``limits.deadline()`` is checked between pages.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from mccheck.document import Block, Document, Location, Note
from mccheck.errors import InputError
from mccheck.readers import check_file, progress, split
from mccheck.readers.limits import ReadLimits
from mccheck.readers.pdf import edges, engines, outline, paragraphs, tables
from mccheck.readers.pdf.model import OutlineEntry, PageText

FULL_WIDTH_SHARE = 0.6  # of the page width: the least a full line of body text spans


def read(path: Path, limits: ReadLimits) -> Document:
    """Read ``path`` into a Document; InputError (one plain sentence) when it cannot be read."""
    pages, entries, engine = extract(path, limits)
    return build(str(path), pages, entries, engine)


def extract(path: Path, limits: ReadLimits) -> tuple[list[PageText | None], list[OutlineEntry], str]:
    """Every page's lines, the outline and the engine's name, read one page at a time (the
    second half by another worker when ``split`` says one helps)."""
    deadline = limits.deadline()
    check_file(path, limits)  # the dispatcher's checks, for a reader called directly
    engine = engines.open_pdf(path)
    try:
        count = _page_count(engine, path, limits)
        here = split.pages_here(count)
        pages = _pages(engine, path, limits, deadline, range(here), count)
        if here < count:
            rest = split.rest()
            pages += rest if rest is not None else _pages(engine, path, limits, deadline, range(here, count), count)
            progress.pages_read(path, count, count)
        entries = _guard(engine.outline, path)
    finally:
        engine.close()
    if time.monotonic() > deadline:
        raise _too_slow(path, limits)
    return pages, entries, engine.version


def extract_second_half(path: Path, limits: ReadLimits) -> list[PageText | None] | None:
    """The pages after ``split.first_share`` of a long PDF, for the worker that reads the
    first part; None when the file is too short to be worth splitting."""
    deadline = limits.deadline()
    check_file(path, limits)
    engine = engines.open_pdf(path)
    try:
        count = _page_count(engine, path, limits)
        start = split.first_share(count)
        if start == count:
            return None
        return _pages(engine, path, limits, deadline, range(start, count), count, report=False)
    finally:
        engine.close()


def _page_count(engine: engines.Engine, path: Path, limits: ReadLimits) -> int:
    count = engine.page_count
    if count == 0:
        raise InputError(path, engines.DAMAGED)
    if count > limits.max_pages:
        raise InputError(
            path, f"has {count} pages, more than the limit of {limits.max_pages}: "
            "is this the right file?"
        )
    return count


def _pages(engine: engines.Engine, path: Path, limits: ReadLimits, deadline: float, indexes: range, count: int,
           report: bool = True) -> list[PageText | None]:
    pages: list[PageText | None] = []
    for index in indexes:
        if time.monotonic() > deadline:
            raise _too_slow(path, limits)
        pages.append(_guard(lambda: engine.page(index), path))
        if report:
            progress.pages_read(path, index + 1, count)
    return pages


def _too_slow(path: Path, limits: ReadLimits) -> InputError:
    return InputError(
        path,
        f"took longer than {limits.seconds:g} s to read; export a smaller PDF or check it "
        "opens in a PDF viewer",
    )


def _guard(call, path: Path):  # noqa: ANN001, ANN202 - tiny local adapter
    """Run one engine call; any library failure becomes the one "damaged" sentence."""
    try:
        with engines.quiet():
            return call()
    except InputError:
        raise
    except MemoryError as e:
        raise InputError(path, "needs too much memory to read: export it again") from e
    except Exception as e:  # engines raise dozens of types on malformed input
        raise InputError(path, engines.DAMAGED) from e


def build(file: str, pages: list[PageText | None], entries: Sequence[OutlineEntry], engine: str = "") -> Document:
    """Turn extracted pages into a Document. Consumes ``pages`` (each is dropped once used)."""
    count = len(pages)
    if all(p is None or not p.lines for p in pages):
        note = Note("scanned-pdf", "error",
                    "has no text layer (scanned?): export the PDF from your word processor, or run OCR",
                    Location(file))
        return Document(file, (), (note,), pages=count, engine=engine)
    notes = _notes(file, pages)
    marks = edges.edge_marks(pages)
    metrics = paragraphs.metrics(pages, marks)
    headings: dict[int, dict[int, tuple[int, int]]] = {}  # page → line → (level, lines spanned)
    for (p, i), hit in outline.match(pages, marks, entries).items():
        headings.setdefault(p, {})[i] = hit
    out = paragraphs.Builder(file, metrics)
    lexicon: list[tables.Lexicon] = []

    def known() -> tables.Lexicon:
        # The document's own words, gathered on first need (a table breaking words by
        # letters): the blocks made so far and the pages still to come.
        if not lexicon:
            lexicon.append(tables.Lexicon(_running_words(out.blocks, pages)))
        return lexicon[0]

    out.known = known
    for index in range(count):
        page = pages[index]
        pages[index] = None  # keep the text once: this page's lines go away as blocks are made
        if page is None or not page.lines:
            continue
        mark = marks[index]
        out.counted = not page.undecodable
        pitch = metrics.pitch * metrics.body_size
        body = [(i, line) for i, line in enumerate(page.lines) if i not in mark]
        # A line as wide as body text is no table row; a page of short lines (a table
        # alone) measures that against the page.
        full = max(metrics.full_width, FULL_WIDTH_SHARE * (page.width or 0.0))
        taken = out.continue_table(body, full, pitch)
        found = tables.find([(i, line) for i, line in body if i not in taken], full, pitch, known)
        out.page(index + 1, page, mark, headings.get(index, {}), found, taken)
    out.flush()
    return Document(file, tuple(out.blocks), tuple(notes), pages=count, engine=engine)


def _running_words(blocks: Sequence[Block], pages: Sequence[PageText | None]) -> Iterator[str]:
    """Words of running text: the paragraphs built so far, and the inner words of the later
    pages' longer lines (a line's first and last may be pieces of a word)."""
    for block in blocks:
        if block.kind != "table" and block.counted:
            yield from tables.LETTERS.findall(block.text)
    for page in pages:
        for line in page.lines if page is not None else ():
            tokens = line.text.split()
            if len(tokens) >= 4:
                for token in tokens[1:-1]:
                    yield from tables.LETTERS.findall(token)


def _notes(file: str, pages: Sequence[PageText | None]) -> list[Note]:
    notes: list[Note] = []
    scanned = [i + 1 for i, p in enumerate(pages) if p is not None and not p.lines and p.has_images]
    if scanned:
        have = "has" if len(scanned) == 1 else "have"
        notes.append(Note(
            "scanned-pages", "warning",
            f"{page_list(scanned)} {have} no text layer (scanned?): their words are not counted; "
            "export the PDF from your word processor, or run OCR",
            Location(file, page=scanned[0]),
        ))
    broken = [i + 1 for i, p in enumerate(pages) if p is not None and p.undecodable]
    if broken:
        notes.append(Note(
            "undecodable-text", "warning",
            f"the text of {page_list(broken)} cannot be read reliably: counts there may be wrong; "
            "export the PDF again with fonts embedded",
            Location(file, page=broken[0]),
        ))
    return notes


def page_list(numbers: Sequence[int], most: int = 20) -> str:
    """ "page 3", "pages 3-5, 8": page numbers in ranges, the first ``most`` ranges."""
    ranges: list[list[int]] = []
    for n in numbers:
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    text = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges[:most])
    more = " ..." if len(ranges) > most else ""
    return f"{'page' if len(numbers) == 1 else 'pages'} {text}{more}"

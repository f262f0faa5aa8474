"""Word .docx reader: the body walked in document order, as Word would count it.

Every XML part is read with zipfile and a hardened lxml parser (``guards.safe_xml``);
python-docx is not used. Its ``Document(path)`` parses every part with its own
parser before we could refuse a DTD, it costs ~45 ms to import, and its API hides
what counting needs (tracked changes, content controls, text boxes, field codes).

One module per job: ``package`` (the zip and its parts), ``styles`` (style chains),
``numbering`` (Word's automatic list labels), ``walk`` (stories into Blocks, with
``emphasis`` for how runs look). This module puts the parts together:

* The body is counted; headers and footers (once per part), footnotes, endnotes and
  comments are kept uncounted, so the identifying-info check still sees them.
* Tracked changes are counted as if accepted and a Note says so.
* Text boxes are counted (``counted=True``, ``origin="textbox"``), as Word's Word
  Count does unless its "Include textboxes, footnotes and endnotes" box is cleared,
  which it records as ``w:doNotIncludeSubdocsInStats`` in settings.xml (ECMA-376
  Part 1, 17.15.1.40); then we leave them uncounted too. Each text box's blocks
  follow the paragraph that anchors it; ``mc:AlternateContent`` is read once
  (first ``mc:Choice``, else ``mc:Fallback``), so nothing is counted twice.
* Footnotes and endnotes are kept uncounted (micro-credential limits exclude
  references), with a Note giving their number and words.
* Automatic list numbers are not part of the text (Word does not count them): they
  are in ``Block.style.number``.
* A comment starting "mccheck: ignore ID..." switches those checks off for the file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from mccheck.document import Block, Document, Note, Origin
from mccheck.errors import InputError
from mccheck.readers.docx.names import W_STRICT, W_TRANSITIONAL, Names, on
from mccheck.readers.docx.numbering import Numbering
from mccheck.readers.docx.package import Package, natural
from mccheck.readers.docx.styles import Styles
from mccheck.readers.docx.walk import Walker
from mccheck.readers.guards import Budget, check_zip
from mccheck.readers.limits import ReadLimits

if TYPE_CHECKING:
    from lxml import etree

NO_BODY_MESSAGE = (
    "has no document body (word/document.xml): it may be damaged; save it again from Word"
)
_SUPPRESS = re.compile(r"^\s*mccheck\s*:\s*ignore\b(?P<ids>.*)", re.IGNORECASE)
_CHECK_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


def read(path: Path, limits: ReadLimits) -> Document:
    """Read a .docx into a Document; raise InputError for anything that is not a sane one."""
    path = Path(path)
    check_zip(path, limits)
    budget = Budget(path, limits)
    file = str(path)
    try:
        zf = zipfile.ZipFile(path, "r")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise InputError(path, "is damaged (not a readable zip): save it again from Word") from None
    with zf:
        pkg = Package(zf, path, limits)
        main = pkg.main_part()
        if main is None:
            raise InputError(path, NO_BODY_MESSAGE)
        return _read_package(pkg, main, file, budget)


def _read_package(pkg: Package, main: str, file: str, budget: Budget) -> Document:
    path = pkg.path
    root = pkg.xml(main)
    w = root.tag[1:].split("}", 1)[0] if root is not None and root.tag.startswith("{") else ""
    if root is None or w not in (W_TRANSITIONAL, W_STRICT):
        raise InputError(path, "is not a Word document (its body is not WordprocessingML)")
    n = Names(w)
    body = root.find(n.body)
    if body is None:
        raise InputError(path, NO_BODY_MESSAGE)
    parts: dict[str, list[str]] = {}
    for kind, name in pkg.rels(main):
        if name in pkg.names and name not in parts.setdefault(kind, []):
            parts[kind].append(name)

    def first(kind: str) -> etree._Element | None:
        names = parts.get(kind)
        return pkg.xml(names[0]) if names else None

    styles = Styles(n, first("styles"))
    settings = first("settings")
    box_counted = True
    if settings is not None:
        flag = settings.find(n.doNotIncludeSubdocsInStats)
        box_counted = not on(flag, n)

    walker = Walker(n, styles, lambda: Numbering(n, first("numbering"), styles), file, budget,
                    box_counted)
    notes: list[Note] = []

    # Headers come first (they sit at the top of the page), then the body, then the
    # notes, comments and footers. Only the body's blocks are counted.
    header_blocks = _side_parts(pkg, walker, parts.get("header", []), "header", budget)
    walker.story(body)
    body_blocks = walker.blocks
    walker.blocks = []

    tracked = next(body.iter(n.deleted, n.ins, n.moveFrom, n.moveTo), None) is not None
    if tracked:
        notes.append(Note(
            "tracked-changes", "info",
            "the document has tracked changes that are not accepted yet; "
            "they were counted as if accepted",
        ))
    if walker.boxes:
        how = ("is counted, as in Word's word count" if box_counted else
               "is not counted: this document's Word Count is set to leave text boxes out")
        plural = "text box" if walker.boxes == 1 else f"{walker.boxes} text boxes"
        notes.append(Note("textboxes", "info", f"text in {plural} {how}"))
    if walker.altchunks:
        notes.append(Note(
            "embedded-content", "warning",
            f"{walker.altchunks} pasted-in part(s) (altChunk) cannot be read or counted: "
            "open the document in Word and save it again",
        ))

    note_blocks = _notes(pkg, n, walker, parts, notes)
    comment_blocks, suppressed = _comments(pkg, n, walker, parts.get("comments", []))
    footer_blocks = _side_parts(pkg, walker, parts.get("footer", []), "footer", budget)

    author = pkg.author()
    if author:
        notes.append(Note("author-metadata", "info", f"the document properties name {author}"))

    blocks = header_blocks + body_blocks + note_blocks + comment_blocks + footer_blocks
    return Document(file, tuple(blocks), tuple(notes), suppressed=frozenset(suppressed))


def _notes(pkg: Package, n: Names, walker: Walker, parts: dict[str, list[str]],
           notes: list[Note]) -> list[Block]:
    """Uncounted blocks of the footnotes and endnotes the body refers to; a Note for each kind."""
    blocks: list[Block] = []
    kinds: tuple[tuple[Origin, set[str], str], ...] = (
        ("footnote", walker.footnote_refs, n.footnote),
        ("endnote", walker.endnote_refs, n.endnote),
    )
    for kind, ref_ids, tag in kinds:
        count, words = 0, 0
        for name in parts.get(kind + "s", []):
            root = pkg.xml(name)
            if root is None:
                continue
            for note in root.iter(tag):
                if note.get(n.type) not in (None, "normal") or note.get(n.id) not in ref_ids:
                    continue  # separators, continuation notices, orphans
                walker.blocks = []
                walker.story(note, kind, False, None)
                if walker.blocks:
                    count += 1
                    words += sum(len(b.text.split()) for b in walker.blocks)
                    blocks.extend(walker.blocks)
        if count:
            notes.append(Note(
                kind + "s", "info",
                f"{count} {kind}{'s' if count != 1 else ''} with {words} "
                f"word{'s' if words != 1 else ''} {'are' if count != 1 else 'is'} not counted",
            ))
    walker.blocks = []
    return blocks


def _side_parts(pkg: Package, walker: Walker, names: list[str], origin: Origin,
                budget: Budget) -> list[Block]:
    """Uncounted blocks of each distinct header or footer part, once per part."""
    out: list[Block] = []
    for name in sorted(names, key=natural):
        budget.tick()
        root = pkg.xml(name)
        if root is None:
            continue
        walker.blocks = []
        walker.story(root, origin, False, None)
        out.extend(walker.blocks)
    walker.blocks = []
    return out


def _comments(pkg: Package, n: Names, walker: Walker,
              names: list[str]) -> tuple[list[Block], set[str]]:
    blocks: list[Block] = []
    suppressed: set[str] = set()
    for name in names:
        root = pkg.xml(name)
        if root is None:
            continue
        for comment in root.iter(n.comment):
            walker.blocks = []
            walker.story(comment, "comment", False, None)
            if not walker.blocks:
                continue
            m = _SUPPRESS.match(walker.blocks[0].text)
            if m:
                suppressed.update(_CHECK_ID.findall(m.group("ids").lower()))
            blocks.extend(walker.blocks)
    walker.blocks = []
    return blocks, suppressed

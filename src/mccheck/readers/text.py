"""Plain-text reader (.txt): lines as teachers type them, with no markup language.

Plain text is not markdown: "*", "_", "\\", "&" and "<insert names here>" are the
teacher's characters (markdown would drop the last as an HTML tag), a numbered line
does not swallow the lines under it, and an underline belongs to one line, not to the
whole paragraph above it. So this reader works line by line:

* Blank lines separate paragraphs; the lines of a hard-wrapped paragraph are joined
  with spaces. A run of lines of which one is longer than ``UNWRAPPED`` (100 characters) is
  not hard-wrapped (Notepad, a word processor's "Save as text"): each line is a paragraph,
  unless the next goes on in lower case.
* A line ends its block early, and the next line starts a new one, when the file shows
  the writer ended it: it is in capitals and the next line is not ("PART 1: OVERVIEW"),
  or it ends with ":" or stops short of the paragraph's wrap width (the next line's first
  word would have fitted on it: "Overview", "Who is on your team?") and the next line
  does not continue in lower case. A hard-wrapped paragraph fills its lines, so it stays
  one block.
* ``# Title`` lines are headings (``style.outline`` = the number of "#", name "atx"); a
  line underlined with ``===`` or ``---`` is a heading (outline 1 or 2, name "setext").
  Other heading-like lines stay paragraphs: the layout layer decides from their features.
* Lines starting with a bullet ("-", "*", "+", "•", "–", ...) or a number ("1.", "2)")
  are list items; the marker goes to ``style.number`` ("•" for any bullet, the number as
  typed) and out of the text, as in markdown. Level: 1 + two spaces of indent per level.
* A paragraph of one line is named "line"; ``style.caps`` when it is typed in capitals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from mccheck.document import Block, BlockKind, Document, Location, Style
from mccheck.readers.emphasis import NO_RUN, look
from mccheck.readers.limits import DEFAULT_LIMITS, ReadLimits
from mccheck.readers.textfile import read_text

BULLET = "\u2022"
_ATX = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_UNDERLINE = re.compile(r"[ \t]*(?:={3,}|-{3,})[ \t]*$")
_ITEM = re.compile(r"([ \t]*)(?:([-*+\u2022\u25e6\u25aa\u2023\u2043\u2013])|(\d{1,3}[.)]))[ \t]+(?=\S)")


@dataclass(slots=True)
class _Open:
    """The block being built: its kind, first line and the lines joined so far."""

    kind: BlockKind
    line: int
    parts: list[str] = field(default_factory=list)
    level: int = 0
    number: str = ""


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read a .txt file into a Document; every failure is an InputError."""
    path = Path(path)
    text, notes = read_text(path, limits)
    file = str(path)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    group: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            group.append((number, line.rstrip()))
        elif group:
            blocks.extend(_paragraphs(file, group))
            group = []
    if group:
        blocks.extend(_paragraphs(file, group))
    return Document(file, tuple(blocks), tuple(notes))


UNWRAPPED = 100  # characters: nobody hard-wraps wider


def _paragraphs(file: str, group: list[tuple[int, str]]) -> list[Block]:
    """The blocks of one run of non-blank lines."""
    width = max(len(line) for _, line in group)
    if width > UNWRAPPED:
        width = 10**9  # one paragraph a line: the next line's first word always "fits"
    out: list[Block] = []
    current: _Open | None = None
    skip = False
    for i, (number, line) in enumerate(group):
        if skip:  # a setext underline already used
            skip = False
            continue
        nxt = group[i + 1][1] if i + 1 < len(group) else None
        atx = _ATX.match(line)
        item = _ITEM.match(line)
        if atx or _UNDERLINE.match(line) or (nxt is not None and _UNDERLINE.match(nxt) and not item):
            _close(file, current, out)
            current = None
            if atx:
                _heading(file, out, number, atx.group(2), len(atx.group(1)), "atx")
            elif not _UNDERLINE.match(line):  # the line above an underline
                assert nxt is not None  # the branch's condition: the next line underlines this one
                _heading(file, out, number, line.strip(), 1 if nxt.lstrip().startswith("=") else 2, "setext")
                skip = True
            continue  # an underline under nothing is decoration
        if item:
            _close(file, current, out)
            indent = len(item.group(1).expandtabs(4))
            current = _Open("list_item", number, [line[item.end():].strip()], 1 + indent // 2,
                            BULLET if item.group(2) else item.group(3))
        elif current is None:
            current = _Open("paragraph", number, [line.strip()])
        else:
            current.parts.append(line.strip())
        if nxt is not None and _ends_here(line, nxt, width):
            _close(file, current, out)
            current = None
    _close(file, current, out)
    return out


def _ends_here(line: str, nxt: str, width: int) -> bool:
    """Whether the writer ended the block at ``line`` rather than the text wrapping there."""
    if _caps(line) and not _caps(nxt):
        return True
    rest = nxt.lstrip()
    if rest[:1].islower():  # the sentence goes on
        return False
    first_word = rest.split(None, 1)[0]
    return line.endswith(":") or len(line) + 1 + len(first_word) <= width


def _caps(text: str) -> bool:
    return look([(text, NO_RUN)]).caps


def _heading(file: str, out: list[Block], line: int, text: str, level: int, name: str) -> None:
    if text:
        out.append(Block("heading", text, Location(file, line=line), level=level,
                         style=Style(name=name, outline=level, caps=_caps(text))))


def _close(file: str, block: _Open | None, out: list[Block]) -> None:
    if block is None:
        return
    text = " ".join(p for p in block.parts if p)
    if not text:
        return
    name = "line" if block.kind == "paragraph" and len(block.parts) == 1 else ""
    out.append(Block(block.kind, text, Location(file, line=block.line),
                     level=block.level, style=Style(name=name, caps=_caps(text), number=block.number)))

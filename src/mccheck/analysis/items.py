"""Repeated units in a section's blocks, whatever the layout a teacher chose.

The element interpreters (``checks/elements``) ask the same few questions of a section:
where do its sub-headings split it, which lines carry a label ("Timeline:", "Parent:",
"Mission Statement 1:"), which statements are quoted and what comments on them, what
a table's cells say under which row and column, and who speaks in a transcript
("Interviewer: ... Parent: ..."). This module answers them from the blocks and their
roles, in one pass each, so an interpreter only says what its units mean.

``lines`` joins a block with the run-in blocks that continue it (a bold "Timeline:" lead
and its text); ``units`` splits lines at the lines a key names; ``label`` and ``turns``
read labels at the start of a line or inside it; ``quoted`` pairs quoted statements
with their label and commentary; ``table_header`` names a table's columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from mccheck.analysis import labels
from mccheck.analysis.layout import body_size, is_heading_like, rank_of, signature_of, title_case
from mccheck.analysis.segment import SectionText, quoted_statement
from mccheck.document import Block, Document, Location

# Roles whose text is the teacher's (a sub-heading included); prompts, placeholders and
# the section's own heading are not.
CONTENT_ROLES = frozenset({"answer", "quote", "subheading"})
# A label names a thing in a few words: "Timeline", "Parent of a seventh grader".
LABEL_WORDS = 8
_LABEL = re.compile(r"^[\s•·*\-–—>]*(?P<name>[^\W\d_][^:\n]{0,60}?)\s*[:：]\s*(?P<value>.*)\Z", re.DOTALL)
# A label inside a line starts it or follows the end of a sentence: "... clear. Teacher: No.".
# Its name is a few words; a full stop inside it only ends an abbreviation ("Ms. Lopez (parent):").
_NAME_WORD = r"(?:[^\W\d_]{1,3}\.|[\w'’&/()\-]+)"
_TURN = re.compile(
    r"(?:^|(?<=[.!?…]\s)|(?<=[.!?…][\"”’)]\s))[\s•*\-–]*"
    rf"(?P<name>(?:[^\W\d_]{{1,3}}\.|[^\W\d_][\w'’&/()\-]*)(?:[ ]{_NAME_WORD}){{0,5}})\s*:\s+"
)
_SENTENCE_STOP = re.compile(r"[.!?]\s")
_BULLETS = "•·-*–◦▪"


@dataclass(frozen=True, slots=True)
class Line:
    """One logical line of a section: a block and the run-in blocks that continue it."""

    index: int  # position of its first block in the section's blocks
    block: Block  # the first block: kind, style, location
    role: str  # the segmenter's role of the first block
    text: str  # the whole line, run-in pieces joined
    lead: str = ""  # an emphasised lead the reader split off ("Timeline:" of "**Timeline:** May")
    rank: float = 99.0  # prominence when it is a sub-heading (lower is more prominent)

    @property
    def loc(self) -> Location:
        return self.block.loc

    @property
    def content(self) -> bool:
        """The teacher's own text (not a copied question, a placeholder or the section heading)."""
        return self.role in CONTENT_ROLES and self.block.counted and bool(self.text.strip())

    @property
    def subheading(self) -> bool:
        return self.rank < 99.0


@dataclass(frozen=True, slots=True)
class Unit:
    """A stretch of lines opened by a line a key names ("Suggestion 2", a school's name)."""

    key: str
    head: Line
    body: tuple[Line, ...]

    def content(self) -> Iterator[Line]:
        """The teacher's own lines in the unit's body."""
        return (line for line in self.body if line.content)


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted statement (one or more quoted lines), the line naming it, and what follows it."""

    label: Line | None  # the sub-heading or label line just before it (a school's name)
    quote: tuple[Line, ...]
    commentary: tuple[Line, ...]


# -- lines -------------------------------------------------------------------------------


def lines(text: SectionText) -> list[Line]:
    """The section's logical lines, with sub-headings ranked by how prominent they look."""
    blocks = text.blocks
    roles = text.roles or ("answer",) * len(blocks)
    body = body_size(Document("", blocks))
    out: list[Line] = []
    for i, (block, role) in enumerate(zip(blocks, roles)):
        prev = out[-1] if out else None
        # A run-in piece continues the line before it (the reader split it where the emphasis
        # changed), unless that line is a copied question: its run-in text is the answer.
        if block.run_in and prev is not None and prev.role in CONTENT_ROLES and role in CONTENT_ROLES:
            lead = prev.lead or prev.text
            out[-1] = Line(prev.index, prev.block, prev.role, f"{prev.text} {block.text}", lead)
            continue
        out.append(Line(i, block, role, block.text))
    return [_ranked(line, body) for line in out]


def _ranked(line: Line, body: float) -> Line:
    """The line, ranked when it looks like a heading inside the section: declared, emphasised,
    bigger, numbered or a bare label ("Mission Statement 1:"), short, and not a quoted statement."""
    block = line.block
    if line.lead or line.role not in ("subheading", "heading") or (line.index == 0 and line.role == "heading"):
        return line
    # The segmenter leaves a heading naming the section uncounted; its look is what matters here.
    if block.kind == "table" or is_quote(line) or not is_heading_like(replace(block, counted=True)):
        return line
    sig = signature_of(block, body)
    outline, size_step, bold, italic, caps, underline, number_kind = sig[:7]
    shown = block.style.number
    numbered = bool(number_kind) or bool(shown and shown not in _BULLETS)
    # Plain text has no bold: there a short line standing alone in title case is the heading
    # ("Mission", "Team Survey Results"); a short plain line of prose ("Teaching us, I think.") is not.
    titled = len(block.text.split()) <= 6 and title_case(block.text) and not block.text.rstrip().endswith((".", ","))
    if not (outline or size_step or bold or italic or caps or underline or numbered or titled
            or block.text.rstrip().endswith(":")):
        return line
    return Line(line.index, block, line.role, line.text, line.lead, rank_of(sig))


def is_quote(line: Line) -> bool:
    """A quoted statement: the segmenter's "quote" role, or a quoted paragraph it took for a
    sub-heading (an italic statement in a PDF)."""
    return line.role == "quote" or (line.role == "subheading" and quoted_statement(line.block))


# -- labels ------------------------------------------------------------------------------


def label(line: Line | str) -> tuple[str, str] | None:
    """The label a line starts with and the text it labels: "Timeline: May" -> ("Timeline", "May").
    An emphasised lead counts as a label without its colon ("**Timeline** May")."""
    if isinstance(line, Line) and line.lead:
        name = line.lead.strip().rstrip(":：–—-").strip()
        if name and len(name.split()) <= LABEL_WORDS:
            return name, line.text[len(line.lead):].strip()
    text = line.text if isinstance(line, Line) else line
    m = _LABEL.match(text[:400])
    if not m:
        return None
    name = m.group("name").strip(" *_")
    if len(name.split()) > LABEL_WORDS or _SENTENCE_STOP.search(name) or "//" in name:
        return None
    return name, (m.group("value") + text[400:]).strip()


def turns(text: str, speaker: Callable[[str], str | None]) -> list[tuple[str | None, str]]:
    """Split a line at the labels ``speaker`` recognises, at its start or after a sentence:
    "Interviewer: Is it clear? Parent: Yes." -> [("interviewer", "Is it clear?"), ("Parent", "Yes.")].
    Text before the first such label comes first, with speaker None."""
    out: list[tuple[str | None, str]] = []
    who: str | None = None
    start = pos = 0
    while (m := _TURN.search(text, pos)) is not None:
        found = speaker(m.group("name").strip())
        if found is None:
            pos = m.start() + 1  # a label nobody speaks ("Note:") may hide one further on
            continue
        said = text[start : m.start()].strip()
        if said or who is not None:
            out.append((who, said))
        who, start = found, m.end()
        pos = m.end()
    rest = text[start:].strip()
    if rest or who is not None:
        out.append((who, rest))
    return out


def number_of(line: Line) -> int:
    """The number a line is labelled with: Word's automatic "3.", a typed "3." or "Q3:", "Question 3"."""
    shown = line.block.style.number.strip(".)( ")
    if shown.isdigit():
        return int(shown)
    lead, _ = labels.leading_number(line.text)
    digits = re.search(r"\d{1,2}", lead)
    if digits:
        return int(digits.group())
    for found, start, _ in labels.find(line.text[:30]):
        if found.kind == "question" and start <= 2:
            return found.number
    return 0


# -- units -------------------------------------------------------------------------------


def units(section_lines: list[Line], key: Callable[[Line], str | None], peers_close: bool = True) -> list[Unit]:
    """Split at every line ``key`` names. A unit runs to the next named line or to the next
    sub-heading at least as prominent as its own head (a "Summary" after the last school);
    a unit opened by a label line ("EO 2: ...") ends only at the section's top sub-headings.
    ``peers_close=False``: a sub-heading that looks like the head but is not named belongs to
    the unit ("Evidence" and "Explanation" under "EO 2", all three bold)."""
    top = min((line.rank for line in section_lines if line.subheading), default=99.0)
    out: list[Unit] = []
    head: Line | None = None
    name = ""
    body: list[Line] = []
    for line in section_lines:
        k = key(line)
        limit = head.rank if head is not None and head.subheading else top
        closes = line.subheading and head is not None and (line.rank <= limit if peers_close else line.rank < limit)
        if k is not None or closes:
            if head is not None:
                out.append(Unit(name, head, tuple(body)))
            head, name, body = (line, k, []) if k is not None else (None, "", [])
            continue
        if head is not None:
            body.append(line)
    if head is not None:
        out.append(Unit(name, head, tuple(body)))
    return out


def repeated_rank(section_lines: list[Line]) -> float | None:
    """The rank of the section's repeated sub-headings (school names, "Suggestion 2"): the most
    prominent rank used at least twice, else the most prominent one."""
    counts: dict[float, int] = {}
    for line in section_lines:
        if line.subheading:
            counts[line.rank] = counts.get(line.rank, 0) + 1
    if not counts:
        return None
    repeated = [r for r, n in counts.items() if n >= 2]
    return min(repeated or counts)


# -- quoted statements ---------------------------------------------------------------------


def quoted(section_lines: list[Line]) -> list[Quoted]:
    """Quoted statements in order, each with the line naming it (the nearest sub-heading or
    label line since the previous statement, or a short line just before it: a school's name
    in plain text) and the lines commenting on it."""
    out: list[Quoted] = []
    label_line: Line | None = None
    previous: Line | None = None
    quote: list[Line] = []
    comment: list[Line] = []

    def flush() -> None:
        if quote:
            out.append(Quoted(label_line, tuple(quote), tuple(comment)))

    for line in section_lines:
        if is_quote(line):
            if comment or not quote:
                flush()
                if quote:
                    label_line = None  # a second quote under the same name has no name of its own
                if label_line is None and previous is not None and _short_name(previous):
                    label_line = previous
                quote, comment = [], []
            quote.append(line)
        elif line.subheading or (line.content and _names(line)):
            flush()
            quote, comment = [], []
            label_line = line
        elif quote:
            comment.append(line)
        previous = line
    flush()
    return out


def _short_name(line: Line) -> bool:
    """A few words of the teacher's that end no sentence ("Riverbend School District")."""
    text = line.text.strip()
    return line.content and 0 < len(text.split()) <= LABEL_WORDS and text[-1:] not in ".!?"


def _names(line: Line) -> bool:
    """A short label line that names what follows ("Mission Statement 2:", "School: Eastlake")."""
    found = label(line)
    return found is not None and len(found[1].split()) <= LABEL_WORDS


# -- tables ------------------------------------------------------------------------------


def header_rows(block: Block) -> int:
    """How many leading rows are headers: what the file says, else a first row of short,
    filled-in cells above longer ones."""
    if block.head:
        return block.head
    rows = block.rows
    if len(rows) < 2 or not rows[0]:
        return 0
    first = rows[0]
    if all(c.strip() and len(c.split()) <= 6 for c in first):
        longest = max(len(c.split()) for r in rows[1:] for c in r) if any(rows[1:]) else 0
        return 1 if longest > max(len(c.split()) for c in first) or len(first) > 2 else 0
    return 0


def table_header(block: Block) -> tuple[int, tuple[str, ...]]:
    """How many header rows a table has, and the header row its columns are named by."""
    head = header_rows(block)
    return head, (block.rows[head - 1] if head else ())


_WRAPPED = re.compile(r"(?<=[a-z])\s+(?=[a-z]{1,3}\b)")


def unwrapped(cell: str) -> str:
    """A narrow cell's word put back together where the column wrapped it ("Communicatio ns Plan")."""
    return _WRAPPED.sub("", cell)

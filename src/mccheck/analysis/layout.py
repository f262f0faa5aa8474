"""Which blocks of a document look like headings, and how they look: their signatures.

Readers report features (declared outline level, bold, italic, caps, size, a typed
number); this module turns them into heading *candidates*, each with a ``signature``
(what it looks like) and a ``rank`` (how prominent that look is in this document: lower
is more prominent). Segmentation then learns from the candidates that name credential
sections which signature is the section level in this document: a candidate that
looks different (a bold school name under a typed "2. Artifact 1" heading) is a
sub-heading and never closes a section. Nothing here decides what a heading means.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from mccheck.analysis import labels
from mccheck.document import Block, Document
from mccheck.placeholders import placeholder_only

# A heading-like line is short; a copied question can be long ("Who are the people that
# will be affected by your project (i.e., teachers, students, parents, ...)?").
MAX_HEADING_WORDS = 24
# Sizes count as different steps of a hierarchy when they differ by this factor.
SIZE_STEP = 1.08
_SENTENCE_END = re.compile(r"[.!]['\"”’)\]]*$")
_LABEL_LINE = re.compile(r"^[^\s:]{1,40}(?:\s+[^\s:]+){0,7}:\s*$")  # "Timeline:", "Mission Statement 1:"


@dataclass(frozen=True, slots=True)
class Candidate:
    index: int  # position in the document's blocks
    signature: tuple  # how it looks; equal signatures look alike
    rank: float  # prominence in this document: lower is more prominent
    declared: bool  # the file itself calls it a heading (style, outline, markdown #)


def body_size(doc: Document) -> float:
    """The font size of ordinary text (by characters), 0 when the reader gives no sizes."""
    sizes = [(b.style.size, len(b.text)) for b in doc.blocks if b.style.size and b.kind == "paragraph" and b.counted]
    if not sizes:
        return 0.0
    total = sum(n for _, n in sizes)
    acc = 0
    for size, n in sorted(sizes):
        acc += n
        if acc >= total / 2:
            return size
    return sizes[-1][0]


def is_heading_like(block: Block) -> bool:
    """Short, on one line, and not a sentence of prose: the shape of a heading or a label."""
    if block.kind == "heading":
        return True
    if block.kind not in ("paragraph", "list_item") or block.run_in or not block.counted:
        return False
    text = block.text.strip()
    if not text or "\n" in text or placeholder_only(text):
        return False
    n = len(text.split())
    if n > MAX_HEADING_WORDS:
        return False
    # Italics alone mark a quotation or a title of a work as often as a heading: an italic
    # sentence ("Port Lucas High School: Respect. Responsibility. Readiness.") is a statement.
    strong = block.style.bold or block.style.underline or _caps(block)
    if block.style.italic and not strong and (_SENTENCE_END.search(text) or n > 10 or text[:1] in "\"“‘'"):
        return False
    emphasised = block.style.bold or block.style.italic or block.style.underline or _caps(block)
    numbered = bool(labels.leading_number(text)[0]) or bool(labels.find(text[:40]))
    if n > 12 and not (emphasised or text.endswith("?")):
        return False
    if _SENTENCE_END.search(text) and not emphasised and n > 6:
        return False  # a short sentence of prose
    return emphasised or numbered or text.endswith((":", "?")) or n <= 8 and title_case(text)


def _caps(block: Block) -> bool:
    letters = [c for c in block.text if c.isalpha()]
    return block.style.caps or (len(letters) >= 4 and all(c.isupper() for c in letters))


def title_case(text: str) -> bool:
    """ "Looking Across All Three", "Team Survey Results": most words capitalised."""
    ws = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    return bool(ws) and sum(w[0].isupper() for w in ws) >= max(1, round(0.6 * len(ws))) and text[0].isupper()


def _size_step(size: float, body: float) -> int:
    """How many steps above body text a size is (0 = body size or unknown)."""
    if not size or not body or size < body * SIZE_STEP:
        return 0
    steps = 0
    s = body
    while s * SIZE_STEP <= size and steps < 6:
        s *= SIZE_STEP * 1.1
        steps += 1
    return steps


def signature_of(block: Block, body: float) -> tuple:
    st = block.style
    if st.outline:
        # A level the file declares is the look, whatever is typed in it ("Artifact 1", "Overview").
        return (st.outline, 0, False, False, False, False, "", False, "")
    outline = block.level if block.kind == "heading" else 0
    number_kind = _number_kind(block.text)
    return (
        outline,
        _size_step(st.size, body),
        st.bold,
        st.italic,
        _caps(block),
        st.underline,
        number_kind,
        block.kind == "list_item",
        st.name,  # the style that made it: "Normal" bold and "List Paragraph" bold differ, as a form's label and answer cells do
    )


def _number_kind(text: str) -> str:
    """The shape of a typed number: "1." and "2." alike, "Part 1" and "Part 2" alike."""
    lead, _ = labels.leading_number(text)
    if lead:
        return re.sub(r"\d+|[ivx]+\b|\b[a-h]\b", "#", lead.casefold())
    found = labels.find(text[:40])
    return f"{found[0][0].kind} #" if found and found[0][1] <= 2 else ""


def rank_of(signature: tuple) -> float:
    """Prominence of a look: a declared level first, then size, then emphasis."""
    outline, size_step, bold, italic, caps, underline, number_kind, listed, _ = signature
    if outline:
        return float(outline)
    rank = 10.0 - 1.5 * size_step
    rank -= 1.0 if bold else 0.0
    rank -= 0.6 if caps else 0.0
    rank -= 0.3 if underline else 0.0
    rank -= 0.2 if italic else 0.0
    rank -= 0.4 if number_kind else 0.0
    rank += 0.5 if listed else 0.0
    return rank


def candidates(doc: Document) -> list[Candidate]:
    body = body_size(doc)
    out = []
    for i, block in enumerate(doc.blocks):
        if not is_heading_like(block):
            continue
        sig = signature_of(block, body)
        out.append(Candidate(i, sig, rank_of(sig), block.kind == "heading"))
    return out


def outranks(a: tuple, b: tuple) -> bool:
    """Is look ``a`` a higher level than look ``b``? Only where the file says so: a smaller
    declared outline level, or a bigger font. Bold against a typed "2." is just different."""
    if a[0] and b[0]:
        return a[0] < b[0]
    if a[0] or b[0]:
        return False  # a declared "####" and a bold line: different, not higher
    return a[1] > b[1]


def most_common(signatures: list[tuple]) -> tuple | None:
    if not signatures:
        return None
    try:
        return statistics.mode(signatures)
    except statistics.StatisticsError:  # pragma: no cover - Python < 3.8 only
        return signatures[0]

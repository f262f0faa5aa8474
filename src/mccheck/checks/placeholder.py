"""placeholder: template text left in the draft.

Flags TODO / TBD / XXX markers, "[insert ...]" style brackets, lorem ipsum, the
guidance lines that ``mccheck init`` writes into a new draft, and Word content controls
(form fields) that still show their placeholder ("Click or tap here to enter text.").

Passes:
    # Part 3. Reflection
    Our data team now meets every week ...
Fails:
    # Part 3. Reflection
    [Describe the impact on your practice here]
    -> placeholder text left in: '[Describe the impact on your practice here]'
"""

from __future__ import annotations

from collections.abc import Iterator

from mccheck.context import Context
from mccheck.document import Block
from mccheck.placeholders import PATTERN, is_placeholder, may_hold_one
from mccheck.report import Finding

ID = "placeholder"
SCOPE = "submission"

def check(ctx: Context) -> Iterator[Finding]:
    # One finding per section (a fresh template has dozens): the first one, and how many.
    found: dict[str | None, list[tuple[str, Block]]] = {}
    for sid, block in _blocks(ctx):
        matched = False
        if may_hold_one(block.text):
            for m in PATTERN.finditer(block.text):
                if is_placeholder(m):
                    found.setdefault(sid, []).append((m.group(0), block))
                    matched = True
        if not matched and block.origin == "placeholder" and block.text.strip():
            # A Word content control still showing its prompt ("Click or tap here to enter text."):
            # the file itself says it was never filled in.
            found.setdefault(sid, []).append((block.text.strip(), block))
    for sid, hits in found.items():
        text, block = hits[0]
        more = f" (and {len(hits) - 1} more)" if len(hits) > 1 else ""
        yield Finding(
            ID,
            "error",
            f"placeholder text left in: {text[:60]!r}{more}",
            "replace each placeholder with your own text, or delete it",
            sid,
            block.loc,
            code="placeholder",
            data={"text": text[:60], "count": len(hits)},
        )


def _blocks(ctx: Context) -> Iterator[tuple[str | None, Block]]:
    for sid, text in ctx.seg.sections.items():
        for block in text.blocks:
            if block.counted or block.origin == "placeholder":
                yield sid, block
    for block in ctx.seg.unassigned:
        if block.counted or block.origin == "placeholder":
            yield None, block

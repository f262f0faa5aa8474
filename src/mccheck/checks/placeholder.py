"""placeholder: template text left in the draft.

Flags TODO / TBD / XXX markers, "[insert ...]" style brackets, lorem ipsum and
the guidance lines that ``mccheck init`` writes into a new draft.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mccheck.context import Context
from mccheck.document import Block
from mccheck.report import Finding

ID = "placeholder"
SCOPE = "submission"

PATTERN = re.compile(
    r"\bTODO\b|\bTBD\b|\bFIXME\b|\bXXX+\b|\?\?\?|lorem ipsum"
    r"|\[\s*(?:insert|add|write|your|replace|describe|enter|type|name|tbd|todo)\b[^\]]{0,120}\]"
    r"|<\s*(?:insert|add|your|replace)\b[^>]{0,120}>"
    r"|\{\{[^}]{0,80}\}\}",
    re.IGNORECASE,
)
# Upper-case-only markers must be upper case in the text (not "todo list" in prose).
_CASE_SENSITIVE = {"todo", "tbd", "fixme"}


def check(ctx: Context) -> Iterator[Finding]:
    # One finding per section (a fresh template has dozens): the first one, and how many.
    found: dict[str | None, list[tuple[str, Block]]] = {}
    for sid, block in _blocks(ctx):
        for m in PATTERN.finditer(block.text):
            text = m.group(0)
            if text.casefold() in _CASE_SENSITIVE and not text.isupper():
                continue
            found.setdefault(sid, []).append((text, block))
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
        )


def _blocks(ctx: Context) -> Iterator[tuple[str | None, Block]]:
    for sid, text in ctx.seg.sections.items():
        for block in text.blocks:
            if block.counted or block.origin == "placeholder":
                yield sid, block
    for block in ctx.seg.unassigned:
        if block.counted or block.origin == "placeholder":
            yield None, block

"""placeholder: template text left in the draft.

Flags TODO / TBD / XXX markers, "[insert ...]" style brackets, lorem ipsum and
the guidance lines that ``mccheck init`` writes into a new draft.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mccheck.context import Context
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
    per_section = 0
    for sid, block in _blocks(ctx):
        for m in PATTERN.finditer(block.text):
            found = m.group(0)
            if found.casefold() in _CASE_SENSITIVE and not found.isupper():
                continue
            per_section += 1
            if per_section > 50:
                return  # a template pasted whole: 50 findings say enough
            yield Finding(
                ID,
                "error",
                f"placeholder text left in: {found[:60]!r}",
                "replace it with your own text, or delete it",
                sid,
                block.loc,
            )


def _blocks(ctx: Context):
    for sid, text in ctx.seg.sections.items():
        for block in text.counted_blocks:
            yield sid, block
    for block in ctx.seg.unassigned:
        if block.counted:
            yield None, block

"""identifying-info: nothing that identifies the author, where the credential forbids it.

Looks for email addresses, phone numbers and the names the user declares
(``--identity "Jane Smith"`` or ``identity:`` in mccheck.yaml) in the text,
headers, footers and comments, and for an author name in document properties.
Where the credential has no such rule, declared names are still looked for
everywhere (the user asked), as warnings.

Passes:
    (mccheck.yaml: identity: ["Jane Smith"])
    As a third-grade teacher, I asked my team ...
Fails:
    (mccheck.yaml: identity: ["Jane Smith"])
    As Jane Smith, a third-grade teacher, I asked ... or jane.smith@school.org in the footer
    -> a declared name / an email address appears where reviewers must not see it
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mccheck.context import Context
from mccheck.document import Block
from mccheck.report import Finding

ID = "identifying-info"
SCOPE = "submission"

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PHONE = re.compile(r"(?<![\w/.-])(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?![\w/-])")


def check(ctx: Context) -> Iterator[Finding]:
    constraints = [c for c in ctx.spec.constraints if c.kind == "no-identifying-info"]
    names = [n.strip() for n in ctx.options.identities if n.strip()]
    if not constraints:
        yield from _declared_names_only(ctx, names)
        return
    scope: set[str] = set()
    for c in constraints:
        scope |= set(c.applies_to) if c.applies_to else set(ctx.seg.sections)
    rule = constraints[0]
    why = f" ({rule.source})" if rule.source else ""
    name_patterns = _name_patterns(names)
    for sid, block, where in _blocks(ctx, scope):
        for m in EMAIL.finditer(block.text):
            yield Finding(ID, "error", f"an email address ({m.group(0)}) {where} identifies you{why}",
                          "remove it: reviewers must not be able to identify you", sid, block.loc)
        for m in PHONE.finditer(block.text):
            yield Finding(ID, "error", f"a phone number ({m.group(0)}) {where} identifies you{why}",
                          "remove it: reviewers must not be able to identify you", sid, block.loc)
        for name, pattern in name_patterns:
            if pattern.search(block.text):
                yield Finding(ID, "error", f"'{name}' appears {where}{why}",
                              f"remove or anonymise '{name}' (e.g. 'my school', 'a colleague')", sid, block.loc)
    for doc in ctx.documents:
        for note in doc.notes:
            if note.code == "author-metadata":
                yield Finding(ID, "warning", f"{note.message}{why}",
                              "clear the author in the file's properties (Word: File > Info > Inspect Document)",
                              None, note.loc)


def _name_patterns(names: list[str]) -> list[tuple[str, re.Pattern[str]]]:
    return [(n, re.compile(rf"(?<!\w){re.escape(n)}(?!\w)", re.IGNORECASE)) for n in names]


def _declared_names_only(ctx: Context, names: list[str]) -> Iterator[Finding]:
    """No anonymity rule in this credential, but the user named what must not appear."""
    patterns = _name_patterns(names)
    for sid, block, where in _blocks(ctx, set(ctx.seg.sections)):
        for name, pattern in patterns:
            if pattern.search(block.text):
                yield Finding(ID, "warning", f"'{name}' appears {where} (you asked mccheck to look for it)",
                              f"remove or anonymise '{name}' if reviewers must not see it", sid, block.loc)


def _blocks(ctx: Context, scope: set[str]) -> Iterator[tuple[str | None, Block, str]]:
    for sid, text in ctx.seg.sections.items():
        if sid in scope:
            for block in text.blocks:
                yield sid, block, "in the text"
    for block in ctx.seg.context:
        yield None, block, f"in a {block.origin or 'header or footer'}"

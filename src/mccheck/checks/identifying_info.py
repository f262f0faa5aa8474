"""identifying-info: nothing that identifies the author, where the credential forbids it.

Looks everywhere a reviewer could see: the sections' text and headings, the title and
front matter, text outside any section, headers, footers, footnotes and comments,
artifact documents, and the author in document properties. Email addresses and phone
numbers are reported where a credential's anonymity rule applies (an error). The names
the user declares (``--identity "Jane Smith"`` or ``identity:`` in mccheck.yaml) are
looked for everywhere, with every credential: an error where the rule applies, a
warning elsewhere. Text that belongs to no section (a header, the title) is covered by
the rule when its file holds a section the rule covers. Each distinct problem is one
finding, at its first place, with the number of places.

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
from dataclasses import dataclass

from mccheck.context import Context
from mccheck.document import Block, Location
from mccheck.report import Finding

ID = "identifying-info"
SCOPE = "submission"

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PHONE = re.compile(r"(?<![\w/.-])(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?![\w/-])")
_ANONYMOUS = "remove it: reviewers must not be able to identify you"


@dataclass(frozen=True, slots=True)
class _Place:
    section: str | None
    block: Block
    where: str  # "in the text", "in a header"
    forbidden: bool  # an anonymity rule covers this place


def check(ctx: Context) -> Iterator[Finding]:
    rules = [c for c in ctx.spec.constraints if c.kind == "no-identifying-info"]
    names = [n.strip() for n in ctx.policy.identities if n.strip()]
    why = f" ({rules[0].source})" if rules and rules[0].source else ""
    patterns = [(n, re.compile(rf"(?<!\w){re.escape(n)}(?!\w)", re.IGNORECASE)) for n in names]
    hits: dict[tuple, list[_Place]] = {}
    for place in _places(ctx, rules):
        text = place.block.text
        if place.forbidden:
            for kind, pattern in (("email", EMAIL), ("phone", PHONE)):
                for m in pattern.finditer(text):
                    hits.setdefault((kind, m.group(0), place.section), []).append(place)
        for name, pattern in patterns:
            if pattern.search(text):
                hits.setdefault(("declared-name", name, place.section, place.forbidden), []).append(place)
    for key, places in hits.items():
        kind, value, section = key[0], key[1], key[2]
        first = places[0]
        more = f" (and {len(places) - 1} more places)" if len(places) > 1 else ""
        data = {"value": value, "places": len(places)}
        if kind == "declared-name" and first.forbidden:
            yield Finding(ID, "error", f"'{value}' appears {first.where}{more}{why}",
                          f"remove or anonymise '{value}' (e.g. 'my school', 'a colleague')",
                          section, first.block.loc, code=kind, data=data)
        elif kind == "declared-name":
            yield Finding(ID, "warning", f"'{value}' appears {first.where}{more} (you asked mccheck to look for it)",
                          f"remove or anonymise '{value}' if reviewers must not see it",
                          section, first.block.loc, code=kind, data=data)
        else:
            label = "an email address" if kind == "email" else "a phone number"
            yield Finding(ID, "error", f"{label} ({value}) {first.where}{more} identifies you{why}",
                          _ANONYMOUS, section, first.block.loc, code=kind, data=data)
    if rules:
        for doc in ctx.documents:
            if not _file_covered(ctx, rules, doc.path):
                continue
            for note in doc.notes:
                if note.code == "author-metadata":
                    yield Finding(ID, "warning", f"{note.message}{why}",
                                  "clear the author in the file's properties (Word: File > Info > Inspect Document)",
                                  None, note.loc or Location(doc.path), code="author-metadata", data={"file": doc.path})


def _covered_sections(ctx: Context, rules) -> set[str]:
    covered: set[str] = set()
    for rule in rules:
        covered |= set(rule.applies_to) if rule.applies_to else set(ctx.seg.sections)
    return covered


def _file_covered(ctx: Context, rules, path: str) -> bool:
    """Does a rule cover text of this file that belongs to no section (its header, its title)?"""
    if any(not r.applies_to for r in rules):
        return True
    covered = _covered_sections(ctx, rules)
    return any(
        b.loc.file == path for sid in covered for b in ctx.seg.sections[sid].blocks
    ) or ctx.seg.file_sections.get(path) in covered


def _places(ctx: Context, rules) -> Iterator[_Place]:
    covered = _covered_sections(ctx, rules)
    file_cover: dict[str, bool] = {}

    def outside(block: Block) -> bool:
        path = block.loc.file
        if path not in file_cover:
            file_cover[path] = bool(rules) and _file_covered(ctx, rules, path)
        return file_cover[path]

    for sid, text in ctx.seg.sections.items():
        for block in text.blocks:
            yield _Place(sid, block, "in the text", sid in covered)
    for block in ctx.seg.unassigned:
        yield _Place(None, block, "in text outside any section", outside(block))
    for block in ctx.seg.context:
        yield _Place(None, block, f"in a {block.origin or 'header or footer'}", outside(block))
    artifacts = set(ctx.seg.artifact_files)
    whole = any(not r.applies_to for r in rules)
    for doc in ctx.documents:
        if doc.path in artifacts:
            for block in doc.blocks:
                yield _Place(None, block, f"in the artifact {doc.path}", whole)

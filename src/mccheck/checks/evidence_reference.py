"""evidence-reference: a citation of an artifact must resolve and be precise.

Each citation ("Exhibit 2, Grading Policy Mediation Notes, page 5", "Appendix 2, pages
3-4", "Artifact C video, 06:12 to 09:45", "Artifact B, slide 6") is read as one clause
and checked against the submission's files: the cited artifact must be in the folder (a
file named with its label, or a section of this submission), a cited page must not be
past the PDF's last page, and a cited time must not be past the recording's end. A
citation with no page, slide or time stamp is an error where the credential asks the
teacher to guide the assessor to the evidence (a section with evidence references per
item, such as ELN's essential outcomes), and a reminder elsewhere. A file that holds one
of the credential's written sections is part of the submission, not evidence, so citing
it needs no locator. Where an element found an item's evidence written without any
label this check could read (an essential outcome's "Evidence: my journal"), the
element hands that gap to this check, so it is still reported, and only once.

Passes:
    As the agenda shows (Artifact B, p. 2), ...
    with "Artifact B Agenda.pdf" (3 pages) in the folder
Fails:
    As the agenda shows (Artifact B, p. 7), ...
    with "Artifact B Agenda.pdf" (3 pages) in the folder
    -> Artifact B has 3 pages; page 7 does not exist
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from mccheck.analysis import labels
from mccheck.analysis.citations import Citation, citations
from mccheck.checks.elements import owned_gaps
from mccheck.context import Context
from mccheck.media import clock
from mccheck.report import Finding

ID = "evidence-reference"
SCOPE = "submission"


def check(ctx: Context) -> Iterator[Finding]:
    inv = ctx.inventory
    files = list(inv.files)
    written = set(ctx.seg.file_sections)
    own_labels = {
        lab for sid, text in ctx.seg.sections.items() if text.present
        for n in ctx.spec.section(sid).numbering for lab in labels.labels(n)
    }
    reported: set[tuple] = set()
    places: set[tuple] = set()  # (section, location) of every finding, so a handed-over gap is not a second one
    for sid, text in ctx.seg.sections.items():
        strict = any(e.kind == "per-item-reference" for e in ctx.spec.section(sid).elements)
        for block in text.counted_blocks:
            for cite in citations(block):
                for finding in _judge(ctx, cite, sid, strict, files, written, own_labels):
                    key = (finding.code, cite.label, finding.data.get("value"))
                    if key not in reported:
                        reported.add(key)
                        places.add((finding.section, finding.loc))
                        yield finding
    # Evidence without a locator that an element found and no labelled citation explained.
    for section, element, gap in owned_gaps(ctx.spec.sections, ctx.elements, ID):
        if (section.id, gap.loc) not in places:
            data = {"element": element.id, "inferred": element.inferred, **gap.data}
            yield Finding(ID, "error", gap.message, gap.next_step, section.id, gap.loc, code=gap.code, data=data)


def _judge(ctx: Context, cite: Citation, sid: str, strict: bool, files, written, own_labels) -> Iterator[Finding]:
    inv = ctx.inventory
    name = cite.written
    data = {"label": str(cite.label), "cited": cite.clause.strip()}
    target = _file_for(cite.label, files)
    if target is None:
        if cite.label.kind == "artifact" and cite.label in own_labels:
            return  # names a section of this very submission ("as in Artifact 1")
        if not inv.is_folder:
            return  # one file checked: the artifacts are not here to look at
        yield Finding(
            ID, "error", f"cites {name}, but no file named like '{name}' is in the submission folder",
            f"add the file for {name} to the folder (its name must contain '{name}'), or correct the citation",
            sid, cite.block.loc, code="file-missing", data=data,
        )
        return
    if target in written:
        return  # a written section of this submission, not evidence to locate
    pages = inv.pages(target)
    for page in cite.pages:
        if pages and page > pages:
            yield Finding(
                ID, "error", f"cites {name} page {page}, but {Path(target).name} has only {pages} page"
                f"{'s' if pages != 1 else ''}",
                f"correct the page number of the citation of {name}", sid, cite.block.loc,
                code="page-past-end", data={**data, "value": page, "pages": pages},
            )
    length = inv.duration(target)
    for seconds in cite.times:
        if length is not None and seconds > length + 1:
            yield Finding(
                ID, "error", f"cites {name} at {clock(seconds)}, but {Path(target).name} is only {clock(length)} long",
                f"correct the time stamp of the citation of {name}", sid, cite.block.loc,
                code="time-past-end", data={**data, "value": seconds, "duration": length},
            )
    if not cite.located:
        example = f"{name}, 03:15" if length is not None else f"{name}, p. 2"
        yield Finding(
            ID, "error" if strict else "info",
            f"cites {name} without a page number or time stamp"
            + (": the credential asks you to guide the assessor to the evidence" if strict else ""),
            f"add where the evidence is, e.g. '{example}'", sid, cite.block.loc, code="no-locator", data=data,
        )


def _file_for(label: labels.Label, files: list[str]) -> str | None:
    """The file whose name carries the label: "Exhibit 2 - Notes.pdf" for Exhibit 2. A file
    labelled with another attachment word and the same number counts when it is the only one
    ("Artifact 2" cited, "Exhibit 2 - Notes.pdf" uploaded)."""
    same, other = [], []
    for path in files:
        found = labels.labels(Path(path).stem)
        if label in found:
            same.append(path)
        elif any(f.kind in labels.ATTACHMENT_KINDS and f.number == label.number for f in found):
            other.append(path)
    if same:
        return same[0]
    return other[0] if len(other) == 1 else None

"""evidence-reference: a citation of an artifact must resolve and be precise.

A citation such as "Artifact B, p. 4" or "video at 03:15" is checked against the
submission: the artifact must be in the folder (a file or a section named by its
label), a page citation must not point past a PDF artifact's last page, and a
citation without any locator gets a reminder (reviewers need the page). A file
that holds one of the credential's written sections (an uploaded "Artifact 1"
essay) is part of the submission, not evidence, so citing it needs no locator.
Where the credential requires located evidence (each essential outcome's), the
element finds the citation without a locator and this check reports it, as an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from mccheck.analysis.labels import Label, labels
from mccheck.checks.elements import owned_gaps
from mccheck.context import Context
from mccheck.report import Finding

ID = "evidence-reference"
SCOPE = "submission"

_CITATION = re.compile(
    # "(?!s\b)": the plural in "Artifacts 1-4" is not a citation of "Artifact S".
    r"\b(?P<kind>artifact|artefact|exhibit|appendix|attachment)(?!s\b)\s*#?\s*(?P<label>[A-Z]\b|\d{1,2}\b)"
    # The locator follows closely: "Artifact B, p. 4", "Artifact 2 (slide 3)", "Artifact C at 03:15".
    r"(?=(?P<tail>[^;\n]{0,22}))",  # a lookahead, so the next citation can start inside it
    re.IGNORECASE,
)
_PAGE = re.compile(r"\b(?:p{1,2}\.?|pages?)\s*(?P<page>\d{1,4})", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")


def check(ctx: Context) -> Iterator[Finding]:
    files = list(ctx.inventory.files)
    pages = {d.path: d.pages for d in ctx.documents}
    present_labels = set()
    for sid, text in ctx.seg.sections.items():
        if text.present:
            for label in ctx.spec.section(sid).numbering:
                present_labels |= labels(label)
    reported: set[tuple[str, str]] = set()
    # Citations without a locator that an element found (an outcome's evidence): reported here, once.
    for section, element, gap in owned_gaps(ctx.spec.sections, ctx.elements, ID):
        reported.add(("handed", str(gap.data.get("cited", "")).casefold()))
        data = {"element": element.id, "inferred": element.inferred, **gap.data}
        yield Finding(ID, "error", gap.message, gap.next_step, section.id, gap.loc, code=gap.code, data=data)
    for sid, text in ctx.seg.sections.items():
        for block in text.counted_blocks:
            for m in _CITATION.finditer(block.text):
                kind, label = m.group("kind").lower(), m.group("label").upper()
                key = (kind, label)
                target = _find_file(kind, label, files)
                section = sid
                if target is None:
                    number = int(label) if label.isdigit() else ord(label) - ord("A") + 1
                    if Label("artifact", number) in present_labels and kind.startswith("arti") and label.isdigit():
                        continue  # names a section of this very submission
                    if ctx.folder is None or key in reported:
                        continue  # one file checked: the artifacts are not here to look at
                    reported.add(key)
                    yield Finding(
                        ID,
                        "error",
                        f"cites {m.group('kind')} {label}, but no file named like '{m.group('kind')} {label}' "
                        f"is in the submission folder",
                        f"add the file for {m.group('kind')} {label} to the folder (its name must contain "
                        f"'{m.group('kind')} {label}'), or correct the citation",
                        section,
                        block.loc,
                        code="file-missing",
                        data={"label": f"{kind} {label}"},
                    )
                    continue
                tail = m.group("tail")
                page = _PAGE.search(tail)
                if page and pages.get(target):
                    cited = int(page.group("page"))
                    if cited > (pages[target] or 0):
                        yield Finding(
                            ID,
                            "error",
                            f"cites {m.group('kind')} {label} page {cited}, but {Path(target).name} has only "
                            f"{pages[target]} pages",
                            f"correct the page number of the citation of {m.group('kind')} {label}",
                            section,
                            block.loc,
                            code="page-past-end",
                            data={"label": f"{kind} {label}", "page": cited, "pages": pages[target]},
                        )
                elif target in ctx.seg.file_sections:
                    continue  # a written section of this submission ("as in Artifact 1"), not evidence to locate
                elif not page and not _TIME.search(tail) and (kind, label, "loc") not in reported \
                        and ("handed", f"{m.group('kind')} {m.group('label')}".casefold()) not in reported:
                    reported.add((kind, label, "loc"))
                    yield Finding(
                        ID,
                        "info",
                        f"cites {m.group('kind')} {label} without a page number or time stamp",
                        f"guide the reviewer: add a page or time stamp, e.g. '{m.group('kind')} {label}, p. 2'",
                        section,
                        block.loc,
                        code="no-locator",
                        data={"label": f"{kind} {label}"},
                    )


def _find_file(kind: str, label: str, files: list[str]) -> str | None:
    pattern = re.compile(rf"(?:{kind}|artifact|artefact|exhibit|appendix)[\s_\-#]*{re.escape(label)}(?![A-Za-z0-9])", re.IGNORECASE)
    for path in files:
        if pattern.search(Path(path).stem):
            return path
    return None

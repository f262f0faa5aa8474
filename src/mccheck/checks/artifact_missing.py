"""artifact-missing: the submission folder lacks artifacts the credential requires.

Counts the files whose names match each expected artifact (for example the
"several" artifacts of Part 2). Only judged when a folder is checked. An
artifact that is itself a required uploaded section (the five uploads of Aligning
your School Mission) is left to missing-section, so it is reported once.

Passes:
    submission/
      Part 2 Work examples.md
      Agenda October.pdf
      Teacher reflection video.mp4
Fails:
    submission/
      Part 2 Work examples.md
    -> Artifacts: 0 of at least 2 files found in the folder; add 2 more files
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from mccheck.context import Context
from mccheck.report import Finding

ID = "artifact-missing"
SCOPE = "submission"


def check(ctx: Context) -> Iterator[Finding]:
    if not ctx.spec.artifacts:
        return
    files = list(ctx.inventory.files)
    if ctx.folder is None:
        yield Finding(
            ID,
            "info",
            "one file was checked, so the artifacts this credential expects were not looked for",
            "check the whole submission folder to verify the artifacts: mccheck check FOLDER",
            code="not-a-folder",
        )
        return
    writing = set(ctx.seg.file_sections) | {
        b.loc.file for text in ctx.seg.sections.values() for b in text.counted_blocks
    }
    for artifact in ctx.spec.artifacts:
        if _written_section_covers(ctx, artifact):
            continue
        patterns = [re.compile(p, re.IGNORECASE) for p in artifact.patterns]
        # A file that holds a written section ("Part 2 Work examples and artifacts.md") is not evidence.
        evidence = [f for f in files if f not in writing]
        if patterns:
            matching = [f for f in evidence if any(p.search(Path(f).name) for p in patterns)]
        else:
            matching = evidence
        if len(matching) < artifact.min:
            missing = artifact.min - len(matching)
            such_as = f", such as {' or '.join(artifact.kinds[:2])}" if artifact.kinds else ""
            yield Finding(
                ID,
                "error",
                f"{artifact.title}: {len(matching)} of at least {artifact.min} files found in the folder"
                + (f" ({_short(artifact.source)})" if artifact.source else ""),
                f"add {missing} more file{'s' if missing > 1 else ''} to {ctx.folder}{such_as}, "
                "each named for what it is so mccheck recognises it",
                _section_of(ctx, artifact),
                code="too-few",
                # "Several" encoded as 2 is inferred; that there must be some is not: none is an error.
                data={"artifact": artifact.id, "found": len(matching), "min": artifact.min,
                      "inferred": artifact.inferred and bool(matching)},
            )


def _section_of(ctx: Context, artifact) -> str | None:
    """The section the artifacts belong to (the first of their part), so the finding names it."""
    part = next((p for p in ctx.spec.parts if p.id == artifact.part), None)
    return part.sections[0].id if part is not None else None


def _short(source: str, limit: int = 70) -> str:
    """The issuer's phrase, cut at a word boundary: the report line stays readable."""
    if len(source) <= limit:
        return source
    return source[:limit].rsplit(" ", 1)[0] + " ..."


def _written_section_covers(ctx: Context, artifact) -> bool:
    """The artifact is itself a required uploaded section (missing-section reports it).

    Evidence attached to a written part (a portfolio beside its self-analysis) is not.
    """
    if artifact.part is None:
        return False
    part = next((p for p in ctx.spec.parts if p.id == artifact.part), None)
    return part is not None and any(s.required and s.upload for s in part.sections)

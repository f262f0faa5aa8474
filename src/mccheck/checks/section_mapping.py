"""section-mapping: where mccheck had to assume which text is which section.

Sections are found by their headings. When a heading only paraphrases a section ("How
our shared purpose fits together" for Shared purpose alignment) mccheck decides from its
words, the part it sits in, the credential's order and the questions the text under it
answers; that decision is reported as a warning saying what was assumed and how to make
it certain (the section's own heading, or ``sections:`` in mccheck.yaml). When two files
hold the same section (a draft and its "(old version)" copy, an old/ folder), one is
counted and the finding names both, so a count never silently doubles.

Passes:
    # Part 3. Reflection
    ## Shared purpose alignment
    Our mission, vision, values and goals fit together ...
Fails:
    # Part 3. Reflection
    ## How our shared purpose fits together
    Our mission, vision, values and goals fit together ...
    -> warning: Shared purpose alignment: assumed to start at 'How our shared purpose fits together'
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from mccheck.context import Context
from mccheck.report import Finding

ID = "section-mapping"
SCOPE = "submission"


def check(ctx: Context) -> Iterator[Finding]:
    for a in ctx.seg.assumptions:
        section = ctx.spec.section(a.section_id)
        heading = a.block.text.strip() if a.block is not None else ""
        label = f"{section.numbering[0]} " if section.numbering else ""
        yield Finding(
            ID, "warning",
            f"{section.title}: assumed to start at '{heading[:60]}' ({a.evidence})",
            f"make it certain: use the heading '{label}{section.title}', or map '{heading[:40]}' to "
            f"{section.id} under sections: in mccheck.yaml",
            section.id, a.block.loc if a.block is not None else None,
            code="assumed", data={"heading": heading},
        )
    for dup in ctx.seg.duplicates:
        section = ctx.spec.section(dup.section_id)
        first, second = Path(dup.first).name, Path(dup.second).name
        counted = "both are counted together" if dup.second_counted else f"only {first} is counted"
        yield Finding(
            ID, "warning",
            f"{section.title} is in two files, {first} and {second}: {counted}",
            f"keep {section.title} in one file: remove {second} from the folder or exclude it in mccheck.yaml",
            section.id, None, code="duplicate-file",
            data={"first": dup.first, "second": dup.second, "second_counted": dup.second_counted},
        )

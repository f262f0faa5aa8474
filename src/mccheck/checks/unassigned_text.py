"""unassigned-text: text that mccheck could not place in any section.

Such text is not counted toward any limit, so say so loudly: the teacher can add
a heading that names the section, or map it in mccheck.yaml. When the text answers
the questions of a section that is missing, the next step names that section.

Passes:
    # Part 1. Overview
    Every paragraph sits under a heading that names a section.
Fails:
    Some thoughts before I start ...   (above the first heading, naming no section)
    -> text that matched no section, so it counts toward no limit
"""

from __future__ import annotations

from collections.abc import Iterator

from mccheck.checks.elements.common import prompt_answered
from mccheck.context import Context
from mccheck.counting import count_words
from mccheck.report import Finding

ID = "unassigned-text"
SCOPE = "submission"

# A short title line before the first section ("Jane's submission") is normal.
_TITLE_WORDS = 12


def check(ctx: Context) -> Iterator[Finding]:
    for blocks in ctx.seg.unassigned_runs:
        run = [b for b in blocks if b.counted and b.text.strip()]
        if not run:
            continue
        words = sum(count_words(b.text, ctx.policy.counter) for b in run)
        if words <= _TITLE_WORDS and len(run) <= 2:
            continue  # a title or a name line
        first = run[0]
        likely = _likely_section(ctx, run)
        if likely is not None:
            label = f"{likely.numbering[0]} " if likely.numbering else ""
            step = (f"it reads like {likely.title} ({likely.id}), which is missing: "
                    f"put the heading '{label}{likely.title}' above it")
        else:
            step = ("add a heading that names the section above this text (see `mccheck show` for titles), "
                    "or map it in mccheck.yaml under sections:")
        yield Finding(
            ID,
            "warning",
            f"{words} words match no section of the credential (starting \"{' '.join(first.text.split()[:8])}...\")",
            step,
            None,
            first.loc,
            code="unassigned",
            data={"words": words, "likely_section": likely.id if likely is not None else None},
        )


def _likely_section(ctx: Context, run: list):
    """The missing section whose questions this text answers best (at least half of them)."""
    best, best_share = None, 0.5
    for section in ctx.spec.sections:
        if ctx.seg.sections[section.id].present or not section.prompts:
            continue
        share = sum(prompt_answered(p, run) for p in section.prompts) / len(section.prompts)
        if share >= best_share:
            best, best_share = section, share
    return best

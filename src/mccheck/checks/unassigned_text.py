"""unassigned-text: text that mccheck could not place in any section.

Such text is not counted toward any limit, so say so loudly: the teacher can add
a heading that names the section, or map it in mccheck.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator

from mccheck.context import Context
from mccheck.counting import count_words
from mccheck.report import Finding

ID = "unassigned-text"
SCOPE = "submission"

# A short title line before the first section ("Jane's submission") is normal.
_TITLE_WORDS = 12


def check(ctx: Context) -> Iterator[Finding]:
    for run in ctx.seg.unassigned_runs:
        run = [b for b in run if b.counted and b.text.strip()]
        if not run:
            continue
        words = sum(count_words(b.text, ctx.options.counter) for b in run)
        if words <= _TITLE_WORDS and len(run) <= 2:
            continue  # a title or a name line
        first = run[0]
        yield Finding(
            ID,
            "warning",
            f"{words} words match no section of the credential (starting \"{' '.join(first.text.split()[:8])}...\")",
            "add a heading that names the section above this text (see `mccheck show` for titles), "
            "or map it in mccheck.yaml under sections:",
            None,
            first.loc,
        )

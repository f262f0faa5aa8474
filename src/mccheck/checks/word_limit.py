"""word-limit: a section's word count must sit inside its limit.

Hard limits are errors; limits the issuer calls "a guide" are warnings. When
another counter (a web form's whitespace split, LibreOffice) would put the same
text on the other side of the limit, a warning says so: leave a margin.

Passes:
    # Part 1. Overview   (limit: 300 words)
    An answer of 287 words.
Fails:
    # Part 1. Overview   (limit: 300 words)
    An answer of 412 words.
    -> Overview: 412 words, over the limit of 300 words; cut 112 words from Overview
"""

from __future__ import annotations

from collections.abc import Iterator

from mccheck.context import Context
from mccheck.counting import COUNTERS, count_words
from mccheck.report import Finding
from mccheck.segment import SectionText

ID = "word-limit"
SCOPE = "section"


def check(ctx: Context, text: SectionText) -> Iterator[Finding]:
    section = ctx.spec.section(text.section_id)
    limit = section.limits
    count = ctx.counts[text.section_id]
    if limit is None or not text.present:
        return
    words = count.words
    loc = count.counted[0][0].loc if count.counted else None
    severity = "error" if limit.hard else "warning"
    why = f" ({limit.source})" if limit.source else ""
    if limit.max is not None and words > limit.max:
        yield Finding(
            ID,
            severity,
            f"{section.title}: {words} words, over the limit of {limit.describe()}{why}",
            f"cut {words - limit.max} words from {section.title}",
            section.id,
            loc,
        )
        return
    if limit.min is not None and words < limit.min:
        yield Finding(
            ID,
            severity,
            f"{section.title}: {words} words, under the minimum of {limit.describe()}{why}",
            f"add at least {limit.min - words} words to {section.title}",
            section.id,
            loc,
        )
        return
    # Inside the limit by this counter: would another common counter disagree?
    for name in COUNTERS:
        if name == ctx.options.counter:
            continue
        other = sum(count_words(body, name) for _, body in count.counted)
        over = limit.max is not None and other > limit.max
        under = limit.min is not None and other < limit.min
        if over or under:
            edge = limit.max if over else limit.min
            yield Finding(
                ID,
                "warning",
                f"{section.title}: {words} words by mccheck's count but {other} by the {name} counter, "
                f"which is {'over' if over else 'under'} the limit of {edge}",
                f"{'cut' if over else 'add'} {abs(other - edge)} words to be safe with every word processor",
                section.id,
                loc,
            )
            return

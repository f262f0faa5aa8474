"""word-limit: a section's word count must sit inside its limit.

Hard limits are errors; limits the issuer calls "a guide" are warnings. When
another counter (a web form's whitespace split, LibreOffice) would put the same
text on the other side of the limit, a warning says so: leave a margin. The
teacher's own sub-headings count, as Word counts a selection; when leaving them
out (as a reviewer counting prose only would) lands on the other side of the
limit, a warning says that too. In a PDF, a count over the limit only because of the list
numbers the PDF prints ("1.", "2." before items, which Word does not count when they are its
automatic numbering) is a warning that says both counts.

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

from mccheck.analysis.segment import SectionText
from mccheck.context import Context
from mccheck.counting import COUNTERS, count_words
from mccheck.report import Finding, Severity

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
    severity: Severity = "error" if limit.hard else "warning"
    why = f" ({limit.source})" if limit.source else ""
    if limit.max is not None and words > limit.max >= words - count.printed_numbers:
        # Over only with the list numbers a PDF prints, which Word may not count: not certain.
        numbers = count.printed_numbers
        yield Finding(
            ID,
            "warning",
            f"{section.title}: {words} words, over the limit of {limit.describe()}{why} only if the "
            f"{numbers} list numbers of the PDF count ({words - numbers} without them; Word does not "
            "count automatic numbering)",
            f"check the count in your word processor, or cut {words - limit.max} words from {section.title} "
            "to be safe",
            section.id,
            loc,
            code="list-numbers-decide",
            data={**_data(words, limit, ctx.policy.counter), "printed_numbers": numbers},
        )
        return
    if limit.max is not None and words > limit.max:
        yield Finding(
            ID,
            severity,
            f"{section.title}: {words} words, over the limit of {limit.describe()}{why}",
            f"cut {words - limit.max} words from {section.title}",
            section.id,
            loc,
            code="over",
            data=_data(words, limit, ctx.policy.counter),
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
            code="under",
            data=_data(words, limit, ctx.policy.counter),
        )
        return
    # Inside the limit: would a reviewer who counts prose only, without the sub-headings, disagree?
    # (Prose alone is never longer, so only a minimum can be missed that way.)
    prose = count.prose_words
    if limit.min is not None and prose < limit.min:
        yield Finding(
            ID,
            "warning",
            f"{section.title}: {words} words with your sub-headings, {prose} without them, which is under "
            f"the minimum of {limit.min}",
            f"add {limit.min - prose} words of prose to be safe however the reviewer counts",
            section.id,
            loc,
            code="subheadings-decide",
            data={**_data(words, limit, ctx.policy.counter), "prose_words": prose},
        )
        return
    # Inside the limit by this counter: would another common counter disagree?
    for name in COUNTERS:
        if name == ctx.policy.counter:
            continue
        other = sum(count_words(body, name) for _, body in count.counted)
        if limit.max is not None and other > limit.max:
            over, edge = True, limit.max
        elif limit.min is not None and other < limit.min:
            over, edge = False, limit.min
        else:
            continue
        yield Finding(
            ID,
            "warning",
            f"{section.title}: {words} words by mccheck's count but {other} by the {name} counter, "
            f"which is {'over' if over else 'under'} the limit of {edge}",
            f"{'cut' if over else 'add'} {abs(other - edge)} words to be safe with every word processor",
            section.id,
            loc,
            code="counter-disagrees",
            data={**_data(words, limit, ctx.policy.counter), "other_counter": name, "other_words": other},
        )
        return


def _data(words: int, limit, counter: str) -> dict:
    return {"words": words, "min": limit.min, "max": limit.max, "hard": limit.hard, "counter": counter}

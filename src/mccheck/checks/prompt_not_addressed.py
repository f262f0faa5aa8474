"""prompt-not-addressed: a question of a section shows no sign of an answer.

A prompt counts as addressed when it was copied as a heading with text after
it, or when enough of its key terms appear in the section. A list of questions
copied together (as a stakeholder interview document begins) is judged by the
key terms of the answers that follow it. This is a heuristic,
so it warns rather than blocks.

Passes:
    # Part 1. Overview
    Q: What considerations did you make to engage teachers?
    We planned around time, trust and choice: teachers chose the problems ...
Fails:
    # Part 1. Overview
    (the answer never touches the question's key terms: considerations, engage, teachers)
    -> warning: a question of Overview shows no sign of an answer
"""

from __future__ import annotations

from collections.abc import Iterator

from mccheck.context import Context
from mccheck.elements import prompt_answered
from mccheck.report import Finding
from mccheck.segment import SectionText

ID = "prompt-not-addressed"
SCOPE = "section"


def check(ctx: Context, text: SectionText) -> Iterator[Finding]:
    section = ctx.spec.section(text.section_id)
    if not text.present or not section.prompts:
        return
    for number, prompt in enumerate(section.prompts, start=1):
        if prompt.id in text.answered_prompts:
            continue
        # Copied as a heading with nothing under it; a question list copied at the top is
        # judged like uncopied prompts, by the answers further on.
        copied_bare = prompt.id in text.copied_prompts and prompt.id not in text.listed_prompts
        if not copied_bare and prompt_answered(prompt, text.blocks):
            continue
        detail = "is copied but has no answer under it" if copied_bare else "shows no sign of an answer"
        yield Finding(
            ID,
            "warning",
            f"{section.title}: question {number} {detail}: \"{prompt.text}\"",
            f"answer question {number} in {section.title}, or copy it as a subheading above your answer",
            section.id,
            text.blocks[0].loc if text.blocks else None,
        )


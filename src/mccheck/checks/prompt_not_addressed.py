"""prompt-not-addressed: a question of a section shows no sign of an answer.

A question is addressed when it is copied with the teacher's text after it. Where the
teacher copies the section's questions above their answers, a question that is neither
copied nor clearly answered stands out by the layout itself. Elsewhere (questions not
copied, or listed together at the top) a question counts as addressed when enough of its
key terms, or their stems, appear in the section. This is a heuristic, so it warns
rather than blocks, and says which question to look at.

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

from mccheck.analysis.prompts import evidence, heading_evidence
from mccheck.analysis.segment import SectionText
from mccheck.analysis.text import terms
from mccheck.context import Context
from mccheck.document import Block
from mccheck.report import Finding

ID = "prompt-not-addressed"
SCOPE = "section"

# Where the other questions are copied above their answers, a question not copied needs
# half of its key terms in the section, or an own sub-heading covering half of its words.
SIGN_IN_QA_LAYOUT = 0.5
# Elsewhere the key terms are a weak signal (an answer need not repeat them): only a
# section that uses none of a question's key terms, and almost none of its words, is worth a look.
WORDS_USED = 0.34


def check(ctx: Context, text: SectionText) -> Iterator[Finding]:
    section = ctx.spec.section(text.section_id)
    if not text.present or not section.prompts:
        return
    block_terms = {id(b): terms(b.text) for b in text.counted_blocks}  # each block's once
    body = " ".join(b.text for b in text.counted_blocks).casefold()
    body_terms = set().union(*block_terms.values())
    openings = [b.text.split(".")[0] for b, r in zip(text.blocks, text.roles) if r == "answer"]
    # Text that answers no copied question: where a question that was not copied can be answered.
    unowned = _unowned(text)
    free = " ".join(b.text for b in unowned).casefold()
    free_terms = set().union(*(block_terms[id(b)] for b in unowned))  # counted blocks all
    answered = set(text.answered_prompts)
    listed = set(text.listed_prompts)
    # The teacher's own sub-headings that each name one question ("Modeling conflict resolution").
    own = {p.id for p in section.prompts if heading_evidence(p, _subheadings(text)) >= SIGN_IN_QA_LAYOUT}
    qa_layout = len(answered) >= 2 or len(own) >= 2
    paragraphs = sum(1 for b, r in zip(text.blocks, text.roles) if r == "answer" and len(b.text.split()) >= 20)
    for number, prompt in enumerate(section.prompts, start=1):
        if prompt.id in answered:
            continue
        copied_bare = prompt.id in text.copied_prompts and prompt.id not in listed
        if copied_bare:
            detail, code = "is copied but has no answer under it", "copied-unanswered"
        elif qa_layout and prompt.id not in listed:
            signs = max(evidence(prompt, free, free_terms), heading_evidence(prompt, _subheadings(text)),
                        heading_evidence(prompt, openings, named=False))
            if signs >= SIGN_IN_QA_LAYOUT:
                continue
            detail, code = "is not copied above an answer like the other questions, and no answer to it shows", "not-copied"
        else:
            # Answers in as many paragraphs as there are questions: each is likely answered in
            # turn, in the teacher's own words; only a section too short for that is worth a look.
            if paragraphs >= len(section.prompts):
                continue
            if evidence(prompt, body, body_terms) > 0 or _words_used(prompt, body_terms) >= WORDS_USED:
                continue
            detail, code = "shows no sign of an answer (none of its key words appear)", "no-sign"
        yield Finding(
            ID,
            "warning",
            f"{section.title}: question {number} {detail}: \"{prompt.text}\"",
            f"answer question {number} in {section.title}, or copy it as a subheading above your answer",
            section.id,
            text.blocks[0].loc if text.blocks else None,
            code=code,
            data={"prompt": prompt.id, "question": number},
        )


def _subheadings(text: SectionText) -> list[str]:
    return [b.text for b, r in zip(text.blocks, text.roles) if r == "subheading"]


def _unowned(text: SectionText) -> list[Block]:
    """Counted blocks not under a copied question (before the first one, or after a sub-heading)."""
    owned = False
    out = []
    for block, role in zip(text.blocks, text.roles):
        if role == "prompt":
            owned = True
        elif role in ("subheading", "heading"):
            owned = False
        elif block.counted and not owned:
            out.append(block)
    return out


def _words_used(prompt, body_terms: set[str]) -> float:
    wanted = set(terms(prompt.text))
    return len(wanted & body_terms) / len(wanted) if wanted else 1.0

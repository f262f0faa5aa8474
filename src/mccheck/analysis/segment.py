"""Map a submission's blocks to a credential's sections: scoring, then one alignment.

Every heading candidate of a document (``layout.candidates``) is scored against every
section and part: graded similarity of its words to the section's title and aliases
(weighted so that words many sections share count less), to its guidance and
questions (a paraphrased heading), numbering labels ("Part 2", "Artifact IV"; a
different number of the same kind rules a section out), questions it copies, and how
well the text under it covers the section's questions. One order-preserving
alignment per document (dynamic programming over the candidates, with sections
allowed to be absent) then decides, for each candidate, whether it opens a section,
opens a part, is a sub-heading of the current section, or ends it. The alignment also
rewards the enclosing part (from a part heading or the file name), the credential's
order, and the heading look that the document uses for its section headings; it
penalises the credential's own title, a section taken twice and going backwards.

A file name is a hint with a weight: it sets where the document starts, and a heading
inside can overrule it. What was assumed rather than read (a paraphrased heading, a
section found only by position) is recorded as an ``Assumption`` with its evidence,
so the report can say how to make it certain.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mccheck.analysis import labels as label_grammar
from mccheck.analysis.layout import MAX_HEADING_WORDS, Candidate, candidates, most_common, outranks
from mccheck.analysis.prompts import PromptIndex, PromptMatch
from mccheck.analysis.text import Vocabulary, fold, term_patterns, terms
from mccheck.document import Block, Document
from mccheck.placeholders import placeholder_only

if TYPE_CHECKING:
    from mccheck.spec.records import Credential

Role = Literal["heading", "prompt", "placeholder", "subheading", "quote", "answer", "title"]
UNCOUNTED_ROLES = frozenset({"heading", "prompt", "placeholder", "title"})
_CONTEXT_ORIGINS = ("header", "footer", "comment", "footnote", "endnote", "frontmatter")

# Evidence a candidate needs, beyond its context, to open a section or a part.
OPEN_THRESHOLD = 0.45
PART_THRESHOLD = 0.55
# A static score at least this high is a heading naming the section outright.
CERTAIN = 0.95
MAX_ELEMENT_HEADING_WORDS = 8
# The most a copied question says about the section it sits in, before its own bonus.
PROMPT_EVIDENCE = 0.6
# A heading right under the heading that opened its section is the section's own only when
# it names the section this well (else it is the first sub-heading).
NAMES_AGAIN = CERTAIN
# Weights of the evidence (each piece is roughly 0..1).
W_NAME, W_DESCRIBED, W_COVER = 1.2, 0.55, 0.35
W_LABEL, W_LABEL_SHARED, W_LABEL_CONFLICT = 1.0, 0.35, -3.0
W_PART_SAME, W_PART_OTHER = 0.25, -0.35
W_NEXT, W_SKIP, W_BACK, W_BACK_NAMED, W_AGAIN, W_TAKEN = 0.15, -0.05, -0.8, -0.2, -1.0, -0.5
W_LEVEL, W_OTHER_LOOK = 0.2, -0.3
W_PROMPT_OWN, W_PROMPT_OTHER = 0.4, -0.4
W_CREDENTIAL_TITLE = -1.5
SUB_AT_SECTION_LEVEL, CLOSE_AT_SECTION_LEVEL, CLOSE_BELOW = -0.3, -0.2, -1.0
# An unknown heading that looks like the section headings ends a section only when that
# look is used for sections: this share of its candidates name one.
CLEAN_LEVEL = 0.5
# Copies of a draft: "(old version)", "copy", "backup", "(1)", an "old" folder.
_COPY = re.compile(r"\b(?:old|older|previous|copy|backup|bak|archive|superseded|v\d+)\b|\(\d+\)\s*$", re.IGNORECASE)
# The look given to the cells of an unfolded fill-in form: its label column, its answers.
FORM_LABEL, FORM_ANSWER = "form label", "form answer"
# Front matter before the first section that is short is a title block, not lost text.
FRONT_MATTER_WORDS = 40


@dataclass(frozen=True, slots=True)
class SectionText:
    """The blocks assigned to one section, with the role of each; ``counted`` blocks are the teacher's words."""

    section_id: str
    blocks: tuple[Block, ...]
    matched_by: str  # human-readable: what made mccheck put text here
    copied_prompts: tuple[str, ...] = ()  # prompt ids found copied
    answered_prompts: tuple[str, ...] = ()  # copied prompts followed by the teacher's text
    # Copied prompts that sit in a run of copied prompts: a question list (the interview
    # questions of a stakeholder document), answered further on rather than under each one.
    listed_prompts: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    assumed: bool = False  # found by position or paraphrase, not by a heading naming it

    @property
    def present(self) -> bool:
        return any(b.counted and b.text.strip() for b in self.blocks)

    @property
    def counted_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.counted)

    def with_role(self, role: str) -> tuple[Block, ...]:
        return tuple(b for b, r in zip(self.blocks, self.roles) if r == role)


@dataclass(frozen=True, slots=True)
class Assumption:
    """A mapping mccheck inferred rather than read: what, from what evidence, and how to make it certain."""

    section_id: str
    block: Block | None
    evidence: str


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Two files hold the same section. A copy ("(old version)", an old/ folder) is set aside;
    two drafts are both counted. Either way it is reported, so a count never silently doubles."""

    section_id: str
    first: str
    second: str
    second_counted: bool


@dataclass(frozen=True, slots=True)
class Segmentation:
    sections: dict[str, SectionText]
    # Text that matched no section, in stretches that no assigned text interrupts.
    unassigned_runs: tuple[tuple[Block, ...], ...] = ()
    # Uncounted context blocks (headers, footers, comments, front matter) of every file.
    context: tuple[Block, ...] = ()
    file_sections: dict[str, str] = field(default_factory=dict)  # file path -> first section it holds
    artifact_files: tuple[str, ...] = ()  # evidence files: read, but not writing
    assumptions: tuple[Assumption, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    # Document titles and short front matter before the first section: unassigned (counted
    # toward no section) but expected, so never reported as lost text.
    title_blocks: tuple[Block, ...] = ()

    @property
    def unassigned(self) -> tuple[Block, ...]:
        return self.title_blocks + tuple(b for run in self.unassigned_runs for b in run)


# -- the credential, as something to match against ---------------------------------------

# Unweighted, for names: how much of a title a heading says, word for word.
_PLAIN = Vocabulary([])
# How far a name's rare words may carry it past its plain likeness ("Team Context" for
# "Additional context on our team" keeps its weight, a lone "Response" does not).
NAME_SLACK = 0.1


class Matcher:
    """Scores texts against a credential's sections and parts (built once per submission)."""

    def __init__(self, spec: Credential, overrides: Mapping[str, str] | None = None):
        self.spec = spec
        self.sections = list(spec.sections)
        self.index = {s.id: i for i, s in enumerate(self.sections)}
        self.part_of = {s.id: p.id for p in spec.parts for s in p.sections}
        self.parts = list(spec.parts)
        self.part_index = {p.id: i for i, p in enumerate(self.parts)}
        self.overrides = {_key(k): v for k, v in (overrides or {}).items()}
        names, described = [], []
        for s in self.sections:
            part = next(p for p in spec.parts if any(x.id == s.id for x in p.sections))
            own = [s.title, *s.aliases] + ([part.title] if len(part.sections) == 1 else [])
            names.append([terms(label_grammar.strip(n)) for n in own])
            texts = [s.guidance, *(p.text for p in s.prompts)]
            if s.limits and s.limits.source:
                texts.append(s.limits.source.split(":", 1)[-1])
            described.append([terms(label_grammar.strip(t)) for t in texts if t])
        self.names = names
        self.described = described
        self.part_names = [[terms(label_grammar.strip(p.title))] for p in self.parts]
        self.title_terms = terms(spec.title)
        self.vocab = Vocabulary(
            [t for group in n for t in group] + [t for group in d for t in group]
            for n, d in zip(names, described)
        )
        # What each section's required elements are called ("Vision", "Parents"): a heading
        # naming one is a sub-heading of that section.
        self._element_patterns = [[pat for e in s.elements for t in e.terms for pat in term_patterns(t)]
                                  for s in self.sections]
        # Each name and description prepared once: every candidate heading is compared with all.
        self._names_ready = [[(self.vocab.prepare(n), _PLAIN.prepare(n)) for n in group] for group in names]
        self._described_ready = [[(set(d), self.vocab.prepare(d)) for d in group] for group in described]
        self.prompts = PromptIndex(spec)
        self.content = [
            set(t for group in d for t in group) | set(t for group in n for t in group) for n, d in zip(names, described)
        ]
        # Labels: what numbers each section and part; which are unique to one section.
        self.section_labels = [
            {lab for text in s.numbering for lab in label_grammar.labels(text)} for s in self.sections
        ]
        counts: dict = {}
        for labs in self.section_labels:
            for lab in labs:
                counts[lab] = counts.get(lab, 0) + 1
        self.unique_labels = {lab for lab, n in counts.items() if n == 1}
        self.section_kinds = [{lab.kind for lab in labs} for labs in self.section_labels]
        self.part_labels = []
        for p in self.parts:
            labs = label_grammar.labels(p.title) | label_grammar.labels(re.sub(r"(\D)(\d)", r"\1 \2", p.id))
            shared = set.intersection(*(self.section_labels[self.index[s.id]] for s in p.sections)) \
                if p.sections else set()
            self.part_labels.append(labs | shared)

    # -- static scores: the evidence of a text alone, without its place in the document --

    def section_scores(self, text: str, described: bool = True) -> list[float]:
        """Evidence that ``text`` names each section; ``described``: also count likeness to its
        guidance and questions (a paraphrased heading), not only to its title and aliases."""
        bare = self._own_words(text)
        weighted, plain, bare_set = self.vocab.prepare(bare), _PLAIN.prepare(bare), set(bare)
        found = label_grammar.labels(text[:80])
        out = []
        for i in range(len(self.sections)):
            # A name is short and every word of it counts: "Response" is not "Interview Responses".
            name = max((min(self.vocab.similar(weighted, n), _PLAIN.similar(plain, p) + NAME_SLACK)
                        for n, p in self._names_ready[i]), default=0.0)
            # Likeness to the questions needs two shared words: one ("Culture") is a topic, not a paraphrase.
            desc = max((self.vocab.similar(weighted, d) for d_set, d in self._described_ready[i]
                        if len(bare_set & d_set) >= 2), default=0.0) if described else 0.0
            score = W_NAME * name + W_DESCRIBED * desc * (1 - name)
            for lab in found:
                if lab in self.section_labels[i]:
                    score += W_LABEL if lab in self.unique_labels else W_LABEL_SHARED
                elif lab.kind in self.section_kinds[i]:
                    score += W_LABEL_CONFLICT
            out.append(score)
        return out

    def _own_words(self, text: str) -> list[str]:
        """A heading's terms without its labels and without the credential's title, which
        teachers put in front of headings ("Aligning your School Mission: Overview")."""
        bare = terms(label_grammar.strip(text))
        title = set(self.title_terms)
        rest = [t for t in bare if t not in title]
        return rest if rest and len(rest) < len(bare) and title <= set(bare) else bare

    def part_scores(self, text: str) -> list[float]:
        bare = self._own_words(text)
        found = label_grammar.labels(text[:80])
        out = []
        for i, p in enumerate(self.parts):
            score = W_NAME * max((self.vocab.similarity(bare, n) for n in self.part_names[i]), default=0.0)
            kinds = {lab.kind for lab in self.part_labels[i]}
            for lab in found:
                if lab in self.part_labels[i]:
                    score += W_LABEL
                elif lab.kind in kinds:
                    score += W_LABEL_CONFLICT
            if not bare and not (found & self.part_labels[i]):
                score = min(score, 0.0)
            out.append(score)
        return out

    def elements_named(self, text: str) -> frozenset[int]:
        """The sections one of whose required elements a short heading names ("Vision Statement")."""
        if len(text.split()) > MAX_ELEMENT_HEADING_WORDS:
            return frozenset()
        return frozenset(i for i, pats in enumerate(self._element_patterns) if any(p.search(text) for p in pats))

    def is_credential_title(self, text: str) -> bool:
        """The document's title: the credential's name, often shortened ("Collaborative Learning
        Culture" for "Fostering a ...") and with words of its own ("Micro-credential Submission")."""
        words = terms(text)
        own = [t for t in words if t not in _DOCUMENT_WORDS]
        if not own:
            return bool(words)
        likeness = self.vocab.similarity(own, self.title_terms)
        # A line that calls itself a submission needs only to be part of the credential's name.
        calls_itself = len(own) < len(words) and set(own) <= set(self.title_terms)
        return likeness >= 0.7 or (calls_itself and likeness >= 0.5)

    def coverage(self, text_terms: set[str]) -> list[float]:
        return [self.vocab.coverage(text_terms, list(c)) if c else 0.0 for c in self.content]

    def override(self, text: str) -> str | None:
        return self.overrides.get(_key(text))


# What a submission calls itself besides the credential's name.
_DOCUMENT_WORDS = frozenset(terms("micro-credential microcredential credential submission draft"))


def _key(text: str) -> str:
    return " ".join(fold(text).split()).strip(" .:")


# -- file names ----------------------------------------------------------------------------


def section_named_by(path: str, spec: Credential, overrides: Mapping[str, str] | None = None) -> str | None:
    """The section a file's name names, if any ("Part 3 Reflection.doc" -> part3.reflection)."""
    matcher = Matcher(spec, overrides)
    state = _file_hint(path, matcher)[0]
    return matcher.sections[state].id if state is not None and state < len(matcher.sections) else None


def _file_hint(path: str, m: Matcher) -> tuple[int | None, str]:
    """The state a document starts in, from its file name (a section, a part, or None), and why."""
    name = Path(path).name
    for key in (name, Path(name).stem):
        sid = m.override(key)
        if sid in m.index:
            return m.index[sid], f"mccheck.yaml mapping of file {name!r}"
    stem = re.sub(r"[_]+", " ", Path(name).stem)
    stem = re.sub(r"^\s*\d{1,2}\s*[-.)]?\s+", "", stem)  # "01 Overview Narrative": the 01 is an order
    scores = m.section_scores(stem)
    best = max(range(len(scores)), key=scores.__getitem__) if scores else None
    why = f"file name {name!r}"
    if best is not None and scores[best] >= 0.7 and sorted(scores)[-2:-1] != [scores[best]]:
        return best, why
    parts = m.part_scores(stem)
    bp = max(range(len(parts)), key=parts.__getitem__) if parts else None
    if bp is not None and parts[bp] >= 0.8:
        p = m.parts[bp]
        if len(p.sections) == 1:
            return m.index[p.sections[0].id], why
        return _States(m).part(bp), why
    return None, ""


def is_copy(path: str) -> bool:
    """A copy of a draft kept beside it: "(old version)", "copy", an old/ folder."""
    return any(_COPY.search(part) for part in Path(path).parts[-3:])


# -- one document ---------------------------------------------------------------------------


@dataclass
class _Doc:
    doc: Document
    blocks: list[Block]
    cands: list[Candidate]
    hint: int | None
    section_static: list[list[float]]
    part_static: list[list[float]]
    prompt_hits: list[PromptMatch | None]
    cover: list[list[float]]
    credential_title: list[bool]
    text_before: list[bool]
    hint_reason: str  # the teacher wrote something between the previous candidate and this one
    element_heads: list[frozenset[int]]  # per candidate: the sections one of whose elements it names
    decisions: list[tuple[str, int]] = field(default_factory=list)  # per candidate: (option, target)


def _unfold_forms(blocks: list[Block], m: Matcher) -> list[Block]:
    """A fill-in form puts the whole submission in a table: a cell that names a section or a
    part ("Part 1: Overview Questions (300-500 words)") makes the table a form, read cell by
    cell in reading order, so its headings, copied questions and answers each take their
    role. Other tables (an action plan, a role's Question | Response table) stay tables."""
    out: list[Block] = []
    for block in blocks:
        if block.kind != "table" or not block.counted or not _names_a_section(block, m):
            out.append(block)
            continue
        # Per row, its cells with text; a merged cell repeats its text: read once.
        filled_cells = [[c for c, cell in enumerate(row) if cell.strip() and not (c and cell == row[c - 1])]
                        for row in block.rows]
        for r, row in enumerate(block.rows):
            filled = filled_cells[r]
            for c in filled:
                cell = row[c]
                # The label column (or a lone heading-like cell, or the prompt cell above an
                # answer cell) holds headings and questions; the other cells hold answers,
                # whose own sub-headings must not look like the labels.
                label = c == filled[0] and (len(filled) > 1 or (len(cell.split()) <= MAX_HEADING_WORDS and "\n" not in cell)
                                            or _asks_above(block.rows, filled_cells, r, m))
                look = replace(block.style, bold=r < block.head or block.style.bold,
                               name=FORM_LABEL if label else FORM_ANSWER)
                for line in cell.split("\n"):  # a cell's paragraphs: its heading, its questions
                    if line.strip():
                        out.append(Block("paragraph", line.strip(), block.loc, style=look))
    return out


def _asks_above(table: Sequence[Sequence[str]], filled: list[list[int]], r: int, m: Matcher) -> bool:
    """A one-column form's prompt cell: it opens with a line naming a section and the next row
    is a lone cell that names none (the answer). Its other lines are the form's instructions."""
    if len(filled[r]) != 1 or r + 1 >= len(table) or len(filled[r + 1]) != 1:
        return False
    first = table[r][filled[r][0]].strip().split("\n", 1)[0]
    answer = table[r + 1][filled[r + 1][0]].strip().split("\n", 1)[0]
    return _named(first, m) is not None and _named(answer, m) is None


def _named(line: str, m: Matcher) -> int | None:
    """The section or part (an index into sections + parts) a short line names without doubt."""
    text = line.strip()
    if not text or len(text.split()) > 16:
        return None
    scores = m.section_scores(text, described=False) + m.part_scores(text)
    best = max(range(len(scores)), key=scores.__getitem__) if scores else -1
    return best if best >= 0 and scores[best] >= CERTAIN else None


def _names_a_section(table: Block, m: Matcher) -> bool:
    """Cells that name two different sections or parts, or one and a cell that copies a
    question: a form. Only a cell alone in its row (a full-width heading row) or in the label
    column of a label | answer row can name a section: the header cells of a data table
    ("Cycle | Strategy | Evidence | Next step") are field names, not a form's headings."""
    named: set[int] = set()
    prompts = 0
    for row in table.rows:
        filled = [c for c, cell in enumerate(row) if cell.strip()]
        labels_here = filled[:1] if len(filled) <= 2 else []
        for c, cell in enumerate(row):
            if c not in labels_here:
                if cell.strip() and m.prompts.match(cell.strip()) is not None:
                    prompts += 1
                continue
            for line in cell.split("\n"):
                text = line.strip()
                if not text or len(text) > 600:
                    continue
                best = _named(text, m)
                if best is not None:
                    named.add(best)
                elif m.prompts.match(text) is not None:
                    prompts += 1
    return len(named) >= 2 or (len(named) == 1 and prompts >= 1)


def _prepare(doc: Document, m: Matcher) -> _Doc:
    blocks = [b for b in doc.blocks if not (not b.counted and b.origin in _CONTEXT_ORIGINS)]
    blocks = _unfold_forms(blocks, m)
    cands = candidates(Document(doc.path, tuple(blocks)))
    section_static, part_static, prompt_hits, titles, elements = [], [], [], [], []
    for c in cands:
        text = blocks[c.index].text.strip()
        sid = m.override(text)
        if sid in m.index:
            row = [0.0] * len(m.sections)
            row[m.index[sid]] = 10.0
            section_static.append(row)
        else:
            section_static.append(m.section_scores(text))
        part_static.append(m.part_scores(text))
        hit = m.prompts.match(text)
        prompt_hits.append(hit)
        if hit is not None and hit.end >= len(text.rstrip()) - 1:
            # A copied question is evidence of where its section is, never a heading naming it:
            # "Who is on your team?" is not the alias "Team Description".
            section_static[-1] = [min(x, PROMPT_EVIDENCE) for x in section_static[-1]]
        titles.append(m.is_credential_title(text))
        elements.append(m.elements_named(text))
    # What the text under each candidate covers, up to the next candidate that could open something.
    strong = [i for i, c in enumerate(cands) if max(section_static[i], default=0) > 0.3 or max(part_static[i], default=0) > 0.3
              or prompt_hits[i] is not None]
    bounds = {}
    for k, i in enumerate(strong):
        end = cands[strong[k + 1]].index if k + 1 < len(strong) else len(blocks)
        bounds[i] = end
    cover = []
    block_terms: dict[int, list[str]] = {}  # the ranges overlap: each block's terms are found once
    for i, c in enumerate(cands):
        end = bounds.get(i, cands[i + 1].index if i + 1 < len(cands) else len(blocks))
        seg_terms: set[str] = set()
        for k in range(c.index + 1, end):
            if blocks[k].counted:
                if k not in block_terms:
                    block_terms[k] = terms(blocks[k].text[:2000])
                seg_terms.update(block_terms[k])
        cover.append(m.coverage(seg_terms) if seg_terms else [0.0] * len(m.sections))
    text_before = []
    previous = -1
    for c in cands:
        text_before.append(any(b.counted and b.text.strip() and not placeholder_only(b.text)
                               for b in blocks[previous + 1 : c.index]))
        previous = c.index
    hint, why = _file_hint(doc.path, m)
    return _Doc(doc, blocks, cands, hint, section_static, part_static, prompt_hits, cover, titles, text_before, why,
                elements)


def _section_level(d: _Doc) -> tuple[tuple | None, float, bool]:
    """The look of this document's section headings, its rank, and whether it is used only
    for sections (then an unknown heading with that look ends a section)."""
    sigs = [c.signature for i, c in enumerate(d.cands) if max(d.section_static[i], default=0) >= CERTAIN]
    sig = most_common(sigs)
    if sig is None:
        return None, 99.0, False
    same = [i for i, c in enumerate(d.cands) if c.signature == sig]
    named = sum(1 for i in same if max(d.section_static[i], default=0) >= 0.6 or max(d.part_static[i], default=0) >= 0.6)
    rank = next(c.rank for c in d.cands if c.signature == sig)
    return sig, rank, named >= CLEAN_LEVEL * len(same)


class _States:
    """The alignment's states: a section open; after a section (an unknown heading closed
    it); inside a part before its first section; nowhere yet. Each knows its part and its
    position in the credential's order, so going back and opening a section twice cost."""

    def __init__(self, m: Matcher):
        self.m = m
        self.S, self.P = len(m.sections), len(m.parts)
        self.none = 2 * self.S + self.P

    def open(self, s: int) -> int:
        return s

    def after(self, s: int) -> int:
        return self.S + s

    def part(self, p: int) -> int:
        return 2 * self.S + p

    def section(self, state: int) -> int | None:
        """The open section, if any."""
        return state if state < self.S else None

    def part_of(self, state: int) -> int | None:
        m = self.m
        if state < 2 * self.S:
            return m.part_index[m.part_of[m.sections[state % self.S].id]]
        if state < self.none:
            return state - 2 * self.S
        return None

    def position(self, state: int) -> float:
        if state < self.S:
            return float(state)
        if state < 2 * self.S:
            return state - self.S + 0.5
        if state < self.none:
            return self.m.index[self.m.parts[state - 2 * self.S].sections[0].id] - 0.5
        return -1.0


def _align(d: _Doc, m: Matcher, taken: set[int]) -> None:
    """One order-preserving alignment of the document's candidates to sections and parts."""
    st = _States(m)
    S, P = st.S, st.P
    level_sig, level_rank, clean = _section_level(d)
    start = d.hint if d.hint is not None else st.none
    best: dict[int, float] = {start: 0.0}
    back: list[dict[int, tuple[int, str, int]]] = []
    for ci, c in enumerate(d.cands):
        # Nothing written since the section was opened: a heading naming it again is its own
        # heading (under a part heading, or under a file named for it), not a second copy.
        first = not d.text_before[ci]
        statics = d.section_static[ci]
        look = 0.0
        if level_sig is not None:
            look = W_LEVEL if c.signature == level_sig else (0.0 if outranks(c.signature, level_sig) else W_OTHER_LOOK)
        # Only a heading that looks like the section headings (or a level above them) can end a
        # section; one that merely looks different is a sub-heading.
        at_level = level_sig is not None and (c.signature == level_sig or outranks(c.signature, level_sig))
        prompt = d.prompt_hits[ci]
        viable = [s for s in range(S) if statics[s] > 0.2 or (prompt is not None and m.index.get(prompt.section_id) == s)]
        # A heading that names one of a part's sections better than the part is that section's.
        viable_parts = [
            p for p in range(P)
            if d.part_static[ci][p] > 0.3
            and (len(m.parts[p].sections) == 1
                 or d.part_static[ci][p] > max(statics[m.index[x.id]] for x in m.parts[p].sections))
        ]
        nxt: dict[int, float] = {}
        ptr: dict[int, tuple[int, str, int]] = {}
        names_one = max(statics, default=0.0) >= CERTAIN or max(d.part_static[ci], default=0.0) >= CERTAIN

        def offer(state: int, score: float, prev: int, option: str, target: int) -> None:
            if score > nxt.get(state, -1e18):
                nxt[state] = score
                ptr[state] = (prev, option, target)

        for state, value in best.items():
            open_now = st.section(state)
            if open_now in d.element_heads[ci] and not names_one:
                # It names one of the open section's elements ("Vision Statement" in the shared
                # purpose document): its sub-heading, whatever it looks like.
                offer(state, value, state, "sub", state)
                continue
            # A sub-heading (or a copied question) of whatever is open.
            sub = SUB_AT_SECTION_LEVEL if at_level and clean and prompt is None else 0.0
            offer(state, value + sub, state, "sub", state)
            # An unknown heading that looks like a section heading ends the section.
            if open_now is not None:
                close = CLOSE_AT_SECTION_LEVEL if at_level and clean else CLOSE_BELOW
                offer(st.after(open_now), value + close, state, "close", st.after(open_now))
            here = st.part_of(state)
            pos = st.position(state)
            for s in viable:
                gain = statics[s] - OPEN_THRESHOLD + look + W_COVER * d.cover[ci][s]
                sp = m.part_index[m.part_of[m.sections[s].id]]
                if here is not None:
                    gain += W_PART_SAME if sp == here else W_PART_OTHER
                certain = statics[s] >= CERTAIN
                if s > pos:
                    gain += W_NEXT + W_SKIP * max(0.0, s - pos - 1)
                elif s == open_now:
                    if prompt is not None and prompt.section_id == m.sections[s].id:
                        continue  # the open section's own question: a question, not a second start
                    if first and statics[s] < NAMES_AGAIN:
                        continue  # under its part heading, only a heading that names it is its heading
                    gain += 0.0 if first else W_AGAIN
                else:
                    # Going back against the credential's order: only a heading that names
                    # the section outright does that without doubt.
                    gain += W_BACK_NAMED if certain else W_BACK
                if s in taken:
                    gain += W_TAKEN
                if prompt is not None:
                    gain += W_PROMPT_OWN if prompt.section_id == m.sections[s].id else W_PROMPT_OTHER
                if d.credential_title[ci]:
                    gain += W_CREDENTIAL_TITLE
                offer(st.open(s), value + gain, state, "open", st.open(s))
            for p in viable_parts:
                gain = d.part_static[ci][p] - PART_THRESHOLD + look
                first_of = m.index[m.parts[p].sections[0].id]
                gain += W_NEXT if first_of > pos else (0.0 if (here == p and first) else W_BACK)
                if d.credential_title[ci]:
                    gain += W_CREDENTIAL_TITLE
                target = st.open(first_of) if len(m.parts[p].sections) == 1 else st.part(p)
                offer(target, value + gain, state, "part", target)
        best = nxt
        back.append(ptr)
    # Walk back the best path.
    state = max(best, key=best.__getitem__) if best else start
    decisions: list[tuple[str, int]] = []
    before: list[int] = []
    for ptr in reversed(back):
        prev, option, target = ptr[state]
        decisions.append((option, target))
        before.append(prev)
        state = prev
    decisions.reverse()
    before.reverse()
    # A document title that resembles a section, right before that section's own heading:
    # the title opened nothing ("Collaborative Learning Culture Submission" / "Part 1. Overview").
    for i in range(len(decisions) - 1):
        if (decisions[i][0] == "open" and before[i] == st.none and decisions[i + 1] == decisions[i]
                and not d.text_before[i + 1]
                and max(d.section_static[i]) < max(d.section_static[i + 1])):
            decisions[i] = ("sub", st.none)
    d.decisions = decisions


# -- the submission -------------------------------------------------------------------------


def segment(
    documents: list[Document] | tuple[Document, ...],
    spec: Credential,
    overrides: dict[str, str] | None = None,
    evidence_names: frozenset[str] = frozenset(),
    folder: bool = False,
) -> Segmentation:
    """Assign every block of every document to a section of ``spec`` (or to unassigned).

    In a submission ``folder``, a document is evidence (an artifact: an agenda, minutes, a
    log) rather than writing when no heading in it names a section outright and either its
    name or folder says it is evidence (``evidence_names``) or its name names no section.
    A file given on its own is always writing.
    """
    m = Matcher(spec, overrides)
    S = len(m.sections)
    assigned: dict[str, list[tuple[Block, str, tuple[str, ...]]]] = {s.id: [] for s in m.sections}
    reasons: dict[str, str] = {}
    assumed: dict[str, Assumption] = {}
    sources: dict[str, list[str]] = {s.id: [] for s in m.sections}
    runs: list[list[Block]] = []
    context: list[Block] = []
    titles: list[Block] = []
    file_sections: dict[str, str] = {}
    artifacts: list[str] = []
    taken: set[int] = set()
    copies: list[Duplicate] = []

    prepared = []
    for doc in documents:
        context.extend(b for b in doc.blocks if not b.counted and b.origin in _CONTEXT_ORIGINS)
        prepared.append(_prepare(doc, m))
    # Drafts before their copies, so the copy is the one set aside.
    prepared.sort(key=lambda d: is_copy(d.doc.path))

    # A file that names no section is evidence only beside files that do: a folder whose
    # drafts all name nothing holds writing mccheck could not place, and must say so.
    some_writing = any(d.hint is not None or any(max(r, default=0) >= CERTAIN for r in d.section_static + d.part_static)
                       for d in prepared)
    for d in prepared:
        _align(d, m, taken)
        opened = {t for (o, t) in d.decisions if o in ("open", "part") and t < S}
        certain = any(
            o in ("open", "part") and max(d.section_static[i] + d.part_static[i], default=0) >= CERTAIN
            for i, (o, _) in enumerate(d.decisions)
        )
        if folder and not certain and (d.doc.path in evidence_names or (d.hint is None and some_writing)):
            artifacts.append(d.doc.path)  # evidence, checked as an artifact rather than as writing
            continue
        mine = opened | ({d.hint} if d.hint is not None and d.hint < S else set())
        if is_copy(d.doc.path) and mine & taken:
            for s in sorted(mine & taken):
                sid = m.sections[s].id
                copies.append(Duplicate(sid, sources[sid][0] if sources[sid] else "", d.doc.path, False))
            continue
        for s in sorted(mine & taken):
            sid = m.sections[s].id
            if sources[sid] and sources[sid][-1] != d.doc.path:
                copies.append(Duplicate(sid, sources[sid][0], d.doc.path, True))
        _assign(d, m, assigned, reasons, assumed, sources, runs, titles, file_sections)
        taken |= mine

    sections = {sid: _section_text(sid, items, reasons.get(sid, ""), sid in assumed) for sid, items in assigned.items()}
    return Segmentation(
        sections,
        tuple(tuple(r) for r in runs if r),
        tuple(context),
        file_sections,
        tuple(artifacts),
        tuple(assumed.values()),
        tuple(copies),
        tuple(titles),
    )


def _assign(d: _Doc, m: Matcher, assigned, reasons, assumed, sources, runs, titles, file_sections) -> None:
    S = len(m.sections)
    # A file named for a section that opens with a title block and then the section's own
    # heading: the title block is front matter. Without such a heading it is the section's.
    reopened = d.hint is not None and _opens_hint_again(d, m)
    st = _States(m)
    state = d.hint if d.hint is not None and not reopened else st.none
    if d.hint is not None and d.hint < S:
        sid = m.sections[d.hint].id
        reasons.setdefault(sid, d.hint_reason)
        file_sections.setdefault(d.doc.path, sid)
    decision_at = {c.index: (ci, d.decisions[ci]) for ci, c in enumerate(d.cands)}
    run: list[Block] | None = None
    seen_section = d.hint is not None and d.hint < S and not reopened
    front: list[Block] = []
    for i, block in enumerate(d.blocks):
        role: str | None = None
        if i in decision_at:
            ci, (option, target) = decision_at[i]
            prompt = d.prompt_hits[ci]
            if option in ("open", "part"):
                state = target
                # A copied question that opens its section is still a question, unless it is the title too.
                named = max(m.section_scores(block.text, described=False) + d.part_static[ci])
                role = "heading" if prompt is None or named >= CERTAIN else "prompt"
                if state < S:
                    sid = m.sections[state].id
                    why = "heading" if role == "heading" else "copied question"
                    reasons.setdefault(sid, f"{why} {block.text.strip()[:60]!r} ({block.loc})")
                    file_sections.setdefault(d.doc.path, sid)
                    if max(d.section_static[ci]) < CERTAIN and role == "heading" and state != d.hint:
                        assumed.setdefault(sid, Assumption(sid, block, _evidence(d, ci, state, m)))
                    seen_section = True
            elif option == "close":
                state = target
                role = "subheading"
            else:
                role = "prompt" if prompt is not None else "subheading"
        current = m.sections[state].id if state < S else None
        for piece, piece_role, prompt_ids in _pieces(block, role, current, m):
            if current is not None:
                if piece_role in ("answer", "quote", "subheading") and piece.counted:
                    if not sources[current] or sources[current][-1] != d.doc.path:
                        sources[current].append(d.doc.path)
                assigned[current].append((piece, piece_role, prompt_ids))
                run = None
                continue
            if not seen_section:
                front.append(piece)
                continue
            if run is None:
                run = []
                runs.append(run)
            run.append(piece if piece_role not in UNCOUNTED_ROLES else replace(piece, counted=False))
    if seen_section:
        _front_matter(front, runs, titles)
    elif front:
        runs.insert(0, front)  # a document that names no section: all of it is unassigned


def _opens_hint_again(d: _Doc, m: Matcher) -> bool:
    """Does the document's first opening heading open the section (or part) its name gives?"""
    hint = d.hint
    if hint is None:  # no file-name hint: nothing to open again
        return False
    st = _States(m)
    for (option, target) in d.decisions:
        if option in ("open", "part"):
            return target == hint or (hint < st.S and st.part_of(target) == st.part_of(hint) and target >= st.S)
    return False


def _front_matter(front: list[Block], runs: list[list[Block]], titles: list[Block]) -> None:
    """Text before a document's first section: a short title block is kept apart (not lost
    text); anything longer is unassigned, so the report can say where it belongs."""
    from mccheck.counting import count_words

    words = sum(count_words(b.text) for b in front if b.counted)
    if words <= FRONT_MATTER_WORDS:
        titles.extend(front)
    elif front:
        runs.insert(0, list(front))


def _pieces(block: Block, role: str | None, current: str | None, m: Matcher):
    """(block, role, prompt ids) for a block; two pieces when a copied question runs into its answer."""
    if role == "heading":
        yield replace(block, counted=False, origin="prompt"), "heading", ()
        return
    if block.style.name == FORM_LABEL and block.counted:
        # A fill-in form's own text (its labels, questions and guidance), never the teacher's words.
        hit = m.prompts.match(block.text, current)
        yield replace(block, counted=False, origin="prompt"), "prompt", hit.prompt_ids if hit else ()
        return
    if role == "subheading":
        yield block, role, ()
        return
    if role == "prompt" or (block.counted and block.kind in ("paragraph", "list_item", "heading", "quote")):
        hit = m.prompts.match(block.text, current)
        if hit is not None and (current is None or hit.section_id == current or role == "prompt"):
            head, rest = block.text[: hit.end].rstrip(), block.text[hit.end :].strip()
            yield replace(block, text=head or block.text, counted=False, origin="prompt"), "prompt", hit.prompt_ids
            if rest:
                yield replace(block, text=rest, run_in=True), "answer", ()
            return
        if role == "prompt":
            yield replace(block, counted=False, origin="prompt"), "prompt", ()
            return
    if block.counted and (placeholder_only(block.text) or _blank_template_table(block)):
        # Template guidance is not the teacher's words; the placeholder check reports it.
        yield replace(block, counted=False, origin="placeholder"), "placeholder", ()
        return
    yield block, "quote" if quoted_statement(block) else "answer", ()


_OPEN_QUOTES = "\"“„«‘'"
_CLOSE_QUOTES = "\"”“»’'"


def quoted_statement(block: Block) -> bool:
    """A statement quoted rather than written: a Quote style or block quote, a paragraph set in
    italics, or one wrapped in quotation marks ("mission statements ... in quotation marks")."""
    if block.kind == "quote":
        return True
    if block.kind != "paragraph" or len(block.text.split()) < 5:
        return False
    text = block.text.strip()
    if block.style.italic:
        return True
    if text[:1] in _OPEN_QUOTES:
        close = max(text.rfind(q) for q in _CLOSE_QUOTES)
        # The quotation ends the paragraph, or only an attribution follows it ("... ” (district website)").
        return close > 0 and len(text) - close <= max(40, len(text) // 5)
    return False


def _evidence(d: _Doc, ci: int, s: int, m: Matcher) -> str:
    parts = []
    name = d.section_static[ci][s]
    if name > 0.3:
        parts.append("its words are close to the section's title or questions")
    if d.cover[ci][s] > 0.3:
        parts.append("the text under it answers the section's questions")
    if d.hint is not None:
        parts.append(f"it is in {Path(d.doc.path).name}")
    parts.append("it comes where the credential puts this section")
    return ", ".join(parts)


def _section_text(sid: str, items: list[tuple[Block, str, tuple[str, ...]]], reason: str, assumed: bool) -> SectionText:
    copied = [(i, ids) for i, (_, r, ids) in enumerate(items) if r == "prompt"]
    positions = {i for i, _ in copied}

    def listed(at: int) -> bool:
        return at - 1 in positions or at + 1 in positions

    return SectionText(
        sid,
        tuple(b for b, _, _ in items),
        reason,
        tuple(dict.fromkeys(pid for _, ids in copied for pid in ids)),
        tuple(dict.fromkeys(pid for i, ids in copied if _answered_after(items, i) and not listed(i) for pid in ids)),
        tuple(dict.fromkeys(pid for i, ids in copied if listed(i) for pid in ids)),
        tuple(r for _, r, _ in items),
        assumed,
    )


def _answered_after(items: list[tuple[Block, str, tuple[str, ...]]], at: int) -> bool:
    for block, role, _ in items[at + 1 :]:
        if role in ("prompt", "heading"):
            return False
        if block.counted and block.text.strip():
            return True
    return False


def _blank_template_table(block: Block) -> bool:
    """A table with a header row and nothing filled in below it (a template's action plan)."""
    return block.kind == "table" and len(block.rows) > 1 and not any(c.strip() for r in block.rows[1:] for c in r)

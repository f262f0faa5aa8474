"""Map a submission's blocks to a credential's sections.

A heading (or a short line) starts a section when it names one: its title, an
alias, or its numbering ("Part 1", "Artifact 4", "EO 3"). A file whose name
names a section (``Artifact 4 Stakeholder Feedback.pdf``) holds that section.
Copied prompts are kept but marked uncounted. Text that matches no section is
returned as ``unassigned`` so the report can say so, never silently dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING

from mccheck.document import Block, Document
from mccheck.placeholders import placeholder_only

if TYPE_CHECKING:
    from mccheck.spec.models import Credential, Part, Prompt, Section

_LABEL = re.compile(
    r"\b(part|artifact|artefact|section|eo|essential\s+outcome|outcome|component|step)\s*#?\s*(\d+|[ivx]+\b|[a-e]\b)",
    re.IGNORECASE,
)
_PAREN = re.compile(r"\([^)]*\)")
_LEADING_NUMBER = re.compile(r"^\s*(?:\d+|[a-z]|[ivx]+)[.)]\s+", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_LETTER = {c: i + 1 for i, c in enumerate("abcde")}

# A short line may start a section even if the reader did not call it a heading.
_MAX_LABEL_WORDS = 12
# How alike a block must be to a prompt to count as a copy of it.
_PROMPT_SIMILARITY = 0.82


def normalize(text: str) -> str:
    """Lower-case, drop parentheticals ("(250-word limit)"), punctuation and extra spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _PAREN.sub(" ", text)
    text = _LEADING_NUMBER.sub("", text)
    text = _NON_WORD.sub(" ", text.replace("’", "'").replace("'", ""))
    return _SPACES.sub(" ", text).strip()


def labels(text: str) -> set[tuple[str, int]]:
    """Numbering labels in a text: "Part 1" -> ("part", 1); "Artifact IV" -> ("artifact", 4)."""
    found = set()
    for kind, number in _LABEL.findall(text):
        kind = kind.lower()
        kind = {"artefact": "artifact", "essential outcome": "eo", "outcome": "eo"}.get(
            _SPACES.sub(" ", kind), kind
        )
        number = number.lower()
        if number.isdigit():
            value = int(number)
        elif number in _ROMAN:
            value = _ROMAN[number]
        else:
            value = _LETTER.get(number, 0)
        if value:
            found.add((kind, value))
    return found


def _strip_labels(text: str) -> str:
    return normalize(_LABEL.sub(" ", text))


@dataclass(frozen=True, slots=True)
class SectionText:
    """The blocks assigned to one section; ``counted`` blocks are the teacher's words."""

    section_id: str
    blocks: tuple[Block, ...]
    matched_by: str  # human-readable: what made mccheck put text here
    copied_prompts: tuple[str, ...] = ()  # prompt ids found copied as headings/lines
    answered_prompts: tuple[str, ...] = ()  # copied prompts followed by the teacher's text
    # Copied prompts that sit in a run of copied prompts: a question list (the interview
    # questions of a stakeholder document), answered further on rather than under each one.
    listed_prompts: tuple[str, ...] = ()

    @property
    def present(self) -> bool:
        return any(b.counted and b.text.strip() for b in self.blocks)

    @property
    def counted_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.counted)


@dataclass(frozen=True, slots=True)
class Segmentation:
    sections: dict[str, SectionText]
    # Text that matched no section, in stretches that no assigned text interrupts.
    unassigned_runs: tuple[tuple[Block, ...], ...] = ()
    # Uncounted context blocks (headers, footers, comments) of every file.
    context: tuple[Block, ...] = ()
    file_sections: dict[str, str] = field(default_factory=dict)  # file path -> section id
    artifact_files: tuple[str, ...] = ()  # evidence files named like the credential's artifacts

    @property
    def unassigned(self) -> tuple[Block, ...]:
        return tuple(b for run in self.unassigned_runs for b in run)


class _Matcher:
    """Scores a line of text against every section and part of a credential."""

    def __init__(self, spec: Credential, overrides: dict[str, str] | None = None):
        self.spec = spec
        self.overrides = {normalize(k): v for k, v in (overrides or {}).items()}
        self.names: list[tuple[Section, set[str]]] = []
        self.numbering: list[tuple[Section, set[tuple[str, int]]]] = []
        for section in spec.sections:
            names = {normalize(section.title)} | {normalize(a) for a in section.aliases}
            names |= {_strip_labels(a) for a in [section.title, *section.aliases]}
            self.names.append((section, {n for n in names if n}))
            nums: set[tuple[str, int]] = set()
            for label in section.numbering:
                nums |= labels(label)
            self.numbering.append((section, nums))
        self.part_names: list[tuple[Part, set[str], set[tuple[str, int]]]] = []
        for part in spec.parts:
            names = {normalize(part.title), _strip_labels(part.title)} - {""}
            nums = labels(part.title) | labels(part.id.replace("part", "part "))  # "part3" -> Part 3
            self.part_names.append((part, names, nums))
        # Labels shared by several sections ("Part 1" in a two-section part) do not decide alone.
        counts: dict[tuple[str, int], int] = {}
        for _, nums in self.numbering:
            for n in nums:
                counts[n] = counts.get(n, 0) + 1
        self.unique_labels = {n for n, c in counts.items() if c == 1}

    def match(self, text: str) -> tuple[Section | None, int, str]:
        """Best section for a heading-like text: (section, score 0-100, reason)."""
        norm = normalize(text)
        if not norm:
            return None, 0, ""
        if norm in self.overrides:
            return self.spec.section(self.overrides[norm]), 100, "mccheck.yaml mapping"
        text_labels = labels(text)
        bare = _strip_labels(text)
        best: tuple[Section | None, int, str] = (None, 0, "")
        for (section, names), (_, nums) in zip(self.names, self.numbering):
            score, reason = 0, ""
            shared = text_labels & nums
            if norm in names or (bare and bare in names):
                score, reason = 100, "title"
            elif shared and bare and any(_contains(bare, n) for n in names):
                score, reason = 95, "numbering and title"
            elif shared and (shared & self.unique_labels) and not bare_conflicts(bare, names):
                score, reason = 80, "numbering"
            elif bare and any(_contains(bare, n) for n in names if len(n.split()) >= 2):
                score, reason = 70, "title"
            if text_labels and nums and not shared:
                score = 0  # "Artifact 2 ..." never maps to another artifact's section, even by title
            if score > best[1]:
                best = (section, score, reason)
        return best

    def match_part(self, text: str) -> Part | None:
        norm, text_labels = normalize(text), labels(text)
        for part, names, nums in self.part_names:
            if norm in names or (text_labels & nums and (not _strip_labels(text) or _strip_labels(text) in names)):
                return part
        return None


def bare_conflicts(bare: str, names: set[str]) -> bool:
    """True when a heading has its own words that name nothing of this section.

    "Part 1" alone maps by numbering; "Part 1 Budget Notes" does not.
    """
    if not bare:
        return False
    words = set(bare.split())
    return not any(words & set(n.split()) for n in names)


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and re.search(rf"(?:^|\s){re.escape(needle)}(?:\s|$)", haystack) is not None


def _is_heading_like(block: Block) -> bool:
    if block.kind == "heading":
        return True
    return block.kind in ("paragraph", "list_item") and len(block.text.split()) <= _MAX_LABEL_WORDS


class _PromptIndex:
    """Finds blocks that are copies of a prompt, cheaply: word overlap first, then difflib."""

    def __init__(self, spec: Credential):
        self.entries: list[tuple[str, Prompt, str, set[str]]] = []
        for section in spec.sections:
            for prompt in section.prompts:
                norm = normalize(prompt.text)
                self.entries.append((section.id, prompt, norm, set(norm.split())))

    def find(self, text: str, prefer_section: str | None) -> tuple[str, Prompt] | None:
        norm = normalize(text)
        words = set(norm.split())
        if not words or len(words) > 80:
            return None
        best: tuple[float, str, Prompt] | None = None
        for section_id, prompt, pnorm, pwords in self.entries:
            overlap = len(words & pwords) / max(len(words | pwords), 1)
            if overlap < 0.5:
                continue
            ratio = SequenceMatcher(None, norm, pnorm, autojunk=False).ratio()
            if ratio < _PROMPT_SIMILARITY:
                continue
            # Same questions recur across sections (Artifacts 1-3): prefer the current one.
            score = ratio + (0.05 if section_id == prefer_section else 0.0)
            if best is None or score > best[0]:
                best = (score, section_id, prompt)
        return (best[1], best[2]) if best else None


def file_section(path: str, matcher: _Matcher, overrides: dict[str, str]) -> tuple[str | None, str]:
    """Section named by a file (override by name or stem, else its name as a heading)."""
    name = Path(path).name
    for key, section_id in overrides.items():
        if key.casefold() in (name.casefold(), Path(name).stem.casefold()):
            return section_id, f"mccheck.yaml mapping of file {name}"
    stem = re.sub(r"[_\-]+", " ", Path(name).stem)
    section, score, reason = matcher.match(stem)
    if section is not None and score >= 70:
        return section.id, f"file name {name!r} ({reason})"
    return None, ""


def section_named_by(path: str, spec: Credential, overrides: dict[str, str] | None = None) -> str | None:
    """The section a file's name names, if any ("Part 3 Reflection.doc" -> part3.reflection)."""
    overrides = dict(overrides or {})
    return file_section(path, _Matcher(spec, overrides), overrides)[0]


def artifact_file(path: str, spec: Credential) -> bool:
    """A file named like one of the credential's artifacts (an agenda, a log): evidence, not writing."""
    name = Path(path).name
    return any(re.search(p, name, re.IGNORECASE) for a in spec.artifacts for p in a.patterns)


def segment(
    documents: list[Document] | tuple[Document, ...],
    spec: Credential,
    overrides: dict[str, str] | None = None,
) -> Segmentation:
    """Assign every block of every document to a section of ``spec`` (or to unassigned)."""
    overrides = dict(overrides or {})
    matcher = _Matcher(spec, overrides)
    prompts = _PromptIndex(spec)
    assigned: dict[str, list[Block]] = {s.id: [] for s in spec.sections}
    reasons: dict[str, str] = {}
    copied: dict[str, list[tuple[str, int]]] = {s.id: [] for s in spec.sections}
    runs: list[list[Block]] = []  # unassigned text, in uninterrupted stretches
    context: list[Block] = []
    file_sections: dict[str, str] = {}
    artifacts: list[str] = []
    run_open = False

    def to_unassigned(block: Block) -> None:
        nonlocal run_open
        if run_open:
            runs[-1].append(block)
        else:
            runs.append([block])
        run_open = True

    def open_section(section_id: str, block: Block, why: str) -> None:
        reasons.setdefault(section_id, f"{why}: {block.text.strip()[:60]!r} ({block.loc})")
        assigned[section_id].append(replace(block, counted=False, origin="prompt"))

    for doc in documents:
        base, base_reason = file_section(doc.path, matcher, overrides)
        if base is None and artifact_file(doc.path, spec):
            artifacts.append(doc.path)  # evidence files are checked as artifacts, not as writing
            continue
        if base:
            file_sections[doc.path] = base
            reasons.setdefault(base, base_reason)
        current, opened_at = base, 0  # opened_at: level of the heading that opened `current`
        run_open = False
        for block in doc.blocks:
            if not block.counted and block.origin in ("header", "footer", "comment", "footnote", "endnote", "frontmatter"):
                context.append(block)
                continue
            was_open, run_open = run_open, False  # did the previous block go to unassigned?
            if block.counted and (placeholder_only(block.text) or _blank_template_table(block)):
                # Template guidance is not the teacher's words; the placeholder check reports it.
                if current:
                    assigned[current].append(replace(block, counted=False, origin="placeholder"))
                else:
                    run_open = was_open
                    to_unassigned(replace(block, counted=False, origin="placeholder"))
                continue
            hit = prompts.find(block.text, current) if len(block.text) < 600 else None
            if _is_heading_like(block):
                section, score, reason = matcher.match(block.text)
                strong = score >= (70 if block.kind == "heading" else 95)
                # A copied question outranks a loose title match inside it.
                if strong and (hit is None or score >= 95):
                    current, opened_at = section.id, block.level if block.kind == "heading" else 0
                    open_section(current, block, reason)
                    continue
                part = matcher.match_part(block.text) if hit is None else None
                if part is not None:
                    if len(part.sections) == 1:
                        current, opened_at = part.sections[0].id, block.level if block.kind == "heading" else 0
                        open_section(current, block, "part heading")
                    else:
                        # A part heading over several sections: wait for a section heading.
                        current, opened_at = None, 0
                        run_open = False
                        to_unassigned(replace(block, counted=False, origin="prompt"))
                    continue
            if hit is not None:
                section_id, prompt = hit
                if current is None or (current != section_id and not _same_part(spec, current, section_id)):
                    current, opened_at = section_id, 0
                    reasons.setdefault(current, f"prompt copied: {block.text.strip()[:60]!r} ({block.loc})")
                copied[current].append((prompt.id, len(assigned[current])))
                assigned[current].append(replace(block, counted=False, origin="prompt"))
                continue
            if block.kind == "heading" and current != base and 0 < block.level <= opened_at:
                # An unknown heading as high as the one that opened this section ends it:
                # its text is reported as unassigned rather than silently added here.
                current, opened_at = base, 0
            if current is None:
                run_open = was_open
                to_unassigned(block)
            else:
                assigned[current].append(block)

    sections = {
        sid: SectionText(
            sid,
            tuple(blocks),
            reasons.get(sid, ""),
            tuple(dict.fromkeys(pid for pid, _ in copied[sid])),
            # The text after a question list answers none of its questions in particular.
            tuple(dict.fromkeys(
                pid for pid, at in copied[sid]
                if _answered_after(blocks, at) and not _in_question_list(copied[sid], at)
            )),
            tuple(dict.fromkeys(pid for pid, at in copied[sid] if _in_question_list(copied[sid], at))),
        )
        for sid, blocks in assigned.items()
    }
    return Segmentation(sections, tuple(tuple(r) for r in runs), tuple(context), file_sections, tuple(artifacts))


def _blank_template_table(block: Block) -> bool:
    """A table with a header row and nothing filled in below it (a template's action plan)."""
    return block.kind == "table" and len(block.rows) > 1 and not any(c.strip() for r in block.rows[1:] for c in r)


def _answered_after(blocks: list[Block], at: int) -> bool:
    """The teacher wrote something after the copied prompt at ``at``, before the next one."""
    for block in blocks[at + 1 :]:
        if block.origin == "prompt":
            return False
        if block.counted and block.text.strip():
            return True
    return False


def _in_question_list(copied: list[tuple[str, int]], at: int) -> bool:
    """The copied prompt at block ``at`` has another copied prompt right before or after it."""
    positions = {i for _, i in copied}
    return at - 1 in positions or at + 1 in positions


def _same_part(spec: Credential, a: str, b: str) -> bool:
    return spec.part_of(a).id == spec.part_of(b).id

"""labelled-groups: at least min groups (stakeholder roles) are labelled; with ``answers``,
every group answers every question of the section.

One walk over the section fills a role x question matrix, whatever the layout:
- by role: a role heading or label line ("Principal: middle school principal",
  "Stakeholder role: Parent"), then the questions copied or not, each followed by its answer;
- by question: a copied question ("Question 3. Does our ..."), then "Role: answer" lines,
  several of them on one line when a PDF joined them;
- tables: Question | Response under a role heading, Role | Response under a question,
  a role x question matrix either way round, or Role | Question | Response rows;
- transcripts: "Interviewer: <question>" turns followed by "Parent: <answer>" turns.

A cell is answered when that role gives some text of its own for that question (never
judged by whether the answer echoes the question's words). Answers whose question cannot
be told (no copied question, no number) are matched by count only, as a guess.

Findings: one for too few groups, one per labelled group with no answers, and one per
question some groups left unanswered, naming them ("question 4 is unanswered by Parents
and Students"), never one per role per question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING

from mccheck.analysis import items
from mccheck.analysis.prompts import PromptIndex
from mccheck.analysis.text import Vocabulary, terms
from mccheck.checks.elements import ElementResult, Gap
from mccheck.checks.elements.common import filled, first_loc, item_name, names, short, term_patterns

if TYPE_CHECKING:
    from mccheck.analysis.segment import SectionText
    from mccheck.document import Location
    from mccheck.spec.records import Element, Section, Term

# Labels that announce a role rather than name one: "Stakeholder role: Parent", "Interview 3: Teacher".
_ROLE_SLOT = re.compile(
    r"^(?:stakeholder(?:\s+(?:role|group|type))?|role|group|interviewee|respondent|participant|position|"
    r"title|person|speaker|perspective|interview(?:\s*(?:#|no\.)?\s*\d+)?)$",
    re.IGNORECASE,
)
# Who asks in a transcript, and who answers for the role of the heading above.
_ASKER = re.compile(r"^(?:interviewer|me|i|q|question(?:\s*\d+)?|q\s*\d+|prompt)$", re.IGNORECASE)
_ANSWERER = re.compile(r"^(?:a|answer|response|reply|interviewee|respondent)$", re.IGNORECASE)
ASK, ANSWER = "\0ask", "\0answer"
# A heading naming a role is short; a longer line that mentions one is prose.
_HEADING_WORDS = 12
_QUESTION_END = re.compile(r"(?<=[?])\s+")
_NUMBER_PREFIX = re.compile(r"^\s*(?:(?:question|q)\s*\.?\s*)?\d{1,2}\s*[.):\-–—]?\s*", re.IGNORECASE)
# A question inside a line: a sentence ending in "?" ("... Mostly. Is it memorable? No.").
_ASKED = re.compile(r"(?:^|(?<=[.!?…]\s))[^.!?]{6,300}\?")


class _Roles:
    """Which of the element's roles a label or heading names."""

    def __init__(self, roles: list[Term]):
        self.roles = [(t.name, term_patterns(t), set(terms(t.name))) for t in roles]

    def in_label(self, name: str) -> str | None:
        """The role a label names ("Parent", "Ms. Lopez (parent)", "Parent of a 7th grader")."""
        found = self._first(name + ":")
        return found[1] if found else None

    def in_cell(self, cell: str) -> str | None:
        """The role a table cell or header is ("Parent", "Parents (2)"), not one it mentions."""
        found = self._first(cell) if len(cell.split()) <= 6 else None
        return found[1] if found and found[0] <= 3 else None

    def _first(self, text: str) -> tuple[int, str] | None:
        hits = []
        for role, patterns, _ in self.roles:
            for p in patterns:
                m = p.search(text)
                if m:
                    hits.append((m.start(), role))
        return min(hits) if hits else None

    def in_heading(self, text: str) -> str | None:
        """The role a short heading names, by pattern or by all the words of its name
        ("Interview with a local business owner")."""
        if len(text.split()) > _HEADING_WORDS:
            return None
        found = self.in_label(text)
        if found:
            return found
        words = set(terms(text))
        return next((role for role, _, wanted in self.roles if wanted and wanted <= words), None)

    def speaker(self, name: str) -> str | None:
        if _ASKER.match(name.strip()):
            return ASK
        if _ANSWERER.match(name.strip()):
            return ANSWER
        if _ROLE_SLOT.match(name.strip()):
            return None
        return self.in_label(name)


class _Questions:
    """Which of the section's questions a text copies or numbers (a tuple: a heading may copy two)."""

    def __init__(self, section: Section):
        self.ids = [p.id for p in section.prompts]
        self.terms = {p.id: terms(p.text) for p in section.prompts}
        # Weighted by how few questions use a word: the interview questions share most of theirs
        # ("our school/district mission statement"), and what tells them apart is the rest.
        self.vocab = Vocabulary(self.terms.values())
        self.index = PromptIndex(SimpleNamespace(sections=[section]))
        self.seen: dict[str, tuple[str, ...]] = {}  # the same questions are copied under every role

    def copied(self, text: str) -> tuple[str, ...]:
        if text not in self.seen:
            self.seen[text] = self._copied(text)
        return self.seen[text]

    def _copied(self, text: str) -> tuple[str, ...]:
        hit = self.index.match(text)
        if hit is None:
            return ()
        # The index lists every question a copy covers well; each question copied is the one
        # closest to its sentence.
        out: list[str] = []
        for sentence in _QUESTION_END.split(text[: hit.end]):
            words = terms(sentence)
            if words:
                best = max(hit.prompt_ids, key=lambda q: self.vocab.similarity(words, self.terms[q]))
                if best not in out:
                    out.append(best)
        return tuple(out)

    def numbered(self, number: int) -> tuple[str, ...]:
        return (self.ids[number - 1],) if 0 < number <= len(self.ids) else ()

    def of_line(self, line: items.Line) -> tuple[str, ...]:
        return self.copied(line.text) or self.numbered(items.number_of(line))

    def split(self, text: str) -> list[tuple[tuple[str, ...], str]]:
        """The text cut at the questions copied into it: "Is it clear? Yes. Is it memorable? No." ->
        [((), ""), (("clear",), ""), ((), "Yes. "), (("memorable",), ""), ((), "No.")]."""
        out: list[tuple[tuple[str, ...], str]] = []
        start = 0
        for m in _ASKED.finditer(text):
            asked = self.copied(m.group(0))
            if asked:
                out += [((), text[start : m.start()]), (asked, "")]
                start = m.end()
        out.append(((), text[start:]))
        return out

    def inside(self, text: str) -> tuple[str, ...]:
        """A question that starts inside a heading ("Parent: mother of two Is our mission ...?"):
        a PDF line that ran a role heading into the first question."""
        for m in re.finditer(r"\b[A-Z]", text):
            found = self.copied(text[m.start():]) if m.start() else ()
            if found:
                return found
        return ()


@dataclass
class _Matrix:
    """What each role answered: question id (None: could not tell which) -> where."""

    answers: dict[str, dict[str | None, Location]] = field(default_factory=dict)
    unplaced: dict[str, int] = field(default_factory=dict)  # role -> answers of unknown question
    named: dict[str, Location] = field(default_factory=dict)  # role -> where it is first named
    other: set[str] = field(default_factory=set)  # groups the credential does not list, by their headings
    asked: dict[tuple[str | None, str], Location] = field(default_factory=dict)  # (role, question) -> where

    def name(self, role: str, loc: Location) -> None:
        self.named.setdefault(role, loc)
        self.answers.setdefault(role, {})

    def ask(self, role: str | None, questions: tuple[str, ...], loc: Location) -> None:
        for q in questions:
            self.asked.setdefault((role, q), loc)

    def answer(self, role: str, questions: tuple[str, ...], loc: Location) -> None:
        self.name(role, loc)
        if not questions:
            self.unplaced[role] = self.unplaced.get(role, 0) + 1
        for q in questions or (None,):
            self.answers[role].setdefault(q, loc)


def detect(element: Element, section: Section, text: SectionText) -> ElementResult:
    roles = _Roles(element.terms)
    questions = _Questions(section)
    matrix = _walk(items.lines(text), roles, questions)
    # A group the credential does not list counts when it answers at least half the questions.
    enough = max(1, len(questions.ids) // 2)
    for role in matrix.other:
        if len(matrix.answers.get(role, ())) + matrix.unplaced.get(role, 0) < enough:
            matrix.answers.pop(role, None)
            matrix.named.pop(role, None)
            matrix.unplaced.pop(role, None)
    groups = [r for r in matrix.answers if matrix.answers[r]]
    silent = [r for r in matrix.named if not matrix.answers[r]]
    need = element.min or 0
    gaps: list[Gap] = []
    what = item_name(element) if element.item_name else "group"
    if len(groups) < need:
        missing = [t.name for t in element.terms if t.name not in matrix.named]
        found = f" ({', '.join(groups)})" if groups else ""
        certain = bool(matrix.named)
        look = "" if certain else (" (mccheck looked for role headings or labels such as 'Parent:', 'Role: Teacher', "
                                   "and for tables with a role column or row)")
        gaps.append(Gap(
            f"{section.title}: {len(groups)} of {need} {what}s found{found}{look}",
            f"add responses from {need - len(groups)} more {what}{'s' if need - len(groups) > 1 else ''}, each "
            f"labelled with the role (e.g. {', '.join(missing[:3])})",
            first_loc(text), code="too-few-groups", data={"found": groups, "min": need}, certain=certain))
    for role in silent:
        gaps.append(Gap(
            f"{section.title}: the {role} {what} is named but has no answers",
            f"add the answers of the {role} under their label, or remove the label",
            matrix.named[role], code="group-without-answers", data={"role": role}))
    if element.answers and questions.ids:
        gaps.extend(_unanswered(section, matrix, questions))
    found = f"{len(groups)} groups: {', '.join(groups)}" if groups else "no labelled groups found"
    return ElementResult(not gaps, found, tuple(gaps))


def _walk(section_lines: list[items.Line], roles: _Roles, questions: _Questions) -> _Matrix:
    """Fill the matrix in one pass: the role and question in force come from headings,
    copied questions and labels; each piece of the teacher's text answers them."""
    matrix = _Matrix()
    heading_role: str | None = None  # from a role heading: holds until the next one
    heading_rank = 99.0
    turn_role: str | None = None  # from "Role:" in the text: holds until the next question
    question: tuple[str, ...] = ()
    fragment = ""  # a heading line that named nothing: the start of a question wrapped over two lines
    for k, line in enumerate(section_lines):
        after = section_lines[k + 1] if k + 1 < len(section_lines) else None
        if line.block.kind == "table":
            _table(line, roles, questions, matrix, turn_role or heading_role, question)
            continue
        if line.role == "prompt":
            question = questions.of_line(line) or question
            turn_role = None
            matrix.ask(heading_role, question, line.loc)
            continue
        if line.subheading or _bare_label(line) or _role_alone(line, roles) or _labels_a_group(line, after, roles, questions):
            role = _heading_role(line, roles)
            if role is not None:
                heading_role, heading_rank, turn_role, fragment = role, line.rank, None, ""
                question = questions.inside(line.text)
                matrix.name(role, line.loc)
                matrix.ask(role, question, line.loc)
                continue
            answer = _numbered_answer(line)
            asked = (questions.copied(f"{fragment} {line.text}") if fragment else ()) or questions.copied(line.text)
            asked = asked or (() if answer else questions.numbered(items.number_of(line)))
            fragment = "" if asked else line.text
            if asked:
                question, turn_role = asked, None
                matrix.ask(heading_role, question, line.loc)
                continue
            # A heading of its own ("Summary", "Role: Volunteer") ends the group above it; the
            # rest of a question wrapped onto a second line ("including minority groups?") does not.
            ends = (line.rank <= heading_rank and not _continues(line) and not _COLUMN_LABEL.match(line.text.strip())
                    if line.subheading else _is_slot(line))
            if ends:
                heading_role, turn_role, question = None, None, ()
                # A heading that looks like the role headings but names a role the credential does
                # not list ("Counselor: ...") may open another group: it counts if answered like one.
                other = _other_group(line) if line.rank == heading_rank else None
                if other is not None:
                    heading_role = other
                    matrix.other.add(other)
            if not answer:
                continue
        fragment = ""
        if not line.content:
            continue
        for who, said in items.turns(line.text, roles.speaker):
            if who == ASK:
                question = questions.copied(said) or questions.numbered(items.number_of(line)) or question
                matrix.ask(heading_role, question, line.loc)
                continue
            if who not in (None, ANSWER):
                turn_role = who
            role = turn_role or heading_role
            if role is None:
                continue
            if who not in (None, ANSWER):
                matrix.name(role, line.loc)
            for asked, piece in questions.split(said):
                if asked:
                    question = asked
                    matrix.ask(role, question, line.loc)
                elif filled(piece):
                    matrix.answer(role, question or questions.numbered(items.number_of(line)), line.loc)
    return matrix


def _numbered_answer(line: items.Line) -> bool:
    """A numbered line that says something after its number ("2. Not very."): an answer to that
    question, not a heading for it ("Question 2")."""
    if not line.content or not items.number_of(line):
        return False
    return any(c.isalpha() for c in _NUMBER_PREFIX.sub("", line.text, count=1))


# A table's column names left on lines of their own (a table saved as text): no heading.
_COLUMN_LABEL = re.compile(r"^(?:questions?|responses?|answers?)[:.]?$", re.IGNORECASE)
# Headings of a stakeholder section that are no group of people.
_NOT_A_GROUP = re.compile(
    r"\b(?:summary|overview|themes?|findings|analysis|conclusions?|reflections?|notes?|questions?|introduction|"
    r"methods?|takeaways?|next steps|results|patterns|interview questions|background|discussion)\b",
    re.IGNORECASE,
)


def _other_group(line: items.Line) -> str | None:
    """The group a role-like heading names, when the credential does not list it ("Counselor")."""
    found = items.label(line)
    name = (found[0] if found else line.text).strip(" *_")
    if not name or len(name.split()) > 4 or _NOT_A_GROUP.search(name) or not name[0].isupper():
        return None
    return name


def _continues(line: items.Line) -> bool:
    """A heading-like line that is part of a question wrapped over lines, not a heading of its own:
    it starts in lower case, ends in "?" or ",", or is longer than a heading."""
    text = line.text.strip()
    return text[:1].islower() or text.endswith(("?", ",")) or len(text.split()) > items.LABEL_WORDS


def _is_slot(line: items.Line) -> bool:
    found = items.label(line)
    return found is not None and _ROLE_SLOT.match(found[0]) is not None


def _role_alone(line: items.Line, roles: _Roles) -> bool:
    """A short line that is a role and nothing else ("Superintendent" on a line of its own)."""
    return line.content and line.text.rstrip()[-1:] not in ".!?" and roles.in_cell(line.text) is not None


def _labels_a_group(line: items.Line, after: items.Line | None, roles: _Roles, questions: _Questions) -> bool:
    """A role's label line right above the section's first question, copied ("Principal: middle
    school principal", then "Is our mission statement clear?"): who answers the questions that
    follow, not an answer. (Above a later question, "Principal: Yes, it is." answers the one before.)"""
    found = items.label(line)
    return (after is not None and after.role == "prompt" and found is not None
            and roles.in_label(found[0]) is not None and questions.ids[:1] == list(questions.of_line(after))[:1])


def _bare_label(line: items.Line) -> bool:
    """A label line naming its subject only ("Parent:", "Role: Teacher"), the answer below it."""
    found = items.label(line)
    return line.content and found is not None and (not found[1] or _is_slot(line))


def _heading_role(line: items.Line, roles: _Roles) -> str | None:
    found = items.label(line)
    if found and _ROLE_SLOT.match(found[0]):
        return roles.in_heading(found[1])
    if found:
        return roles.in_label(found[0]) or (roles.in_heading(line.text) if line.subheading else None)
    return roles.in_heading(line.text)


def _table(line: items.Line, roles: _Roles, questions: _Questions, matrix: _Matrix,
           role_here: str | None, question_here: tuple[str, ...]) -> None:
    """Answers in a table: each cell's role and question come from its column header, from
    its row's role or question cell, or from the heading above the table."""
    block = line.block
    head, header = items.table_header(block)
    col_role = [roles.in_cell(h) for h in header]
    col_question = [questions.copied(h) or questions.numbered(_number(h)) for h in header]
    for named in filter(None, col_role):
        matrix.name(named, line.loc)
    for row in block.rows[head:]:
        role_cells = [roles.in_cell(c) for c in row]
        question_cells = [questions.copied(c) for c in row]
        row_role = next(filter(None, role_cells), None)
        row_question = next(filter(None, question_cells), ()) or (questions.numbered(_number(row[0])) if row else ())
        for c, cell in enumerate(row):
            role = (col_role[c] if c < len(col_role) else None) or row_role or role_here
            asked = (col_question[c] if c < len(col_question) else ()) or row_question or question_here
            keys = role_cells[c] or question_cells[c] or (c == 0 and len(row) > 1)
            if keys or role is None:
                continue
            if filled(cell):
                matrix.answer(role, asked, line.loc)
            else:
                matrix.ask(role, asked, line.loc)


def _number(cell: str) -> int:
    """The question a short table cell numbers: "3", "Q3", "Question 3", "Answer to question 3"."""
    if len(cell.split()) > 5:
        return 0
    m = re.fullmatch(r"\s*(\d{1,2})[.):]?\s*", cell) or re.search(r"\b(?:q|question)\s*\.?\s*(\d{1,2})\b", cell, re.I)
    return int(m.group(1)) if m else 0


def _unanswered(section: Section, matrix: _Matrix, questions: _Questions) -> list[Gap]:
    """One gap per question some groups left unanswered; a guess for groups whose answers
    could not be placed."""
    placed = [r for r, a in matrix.answers.items() if any(q is not None for q in a)]
    gaps = []
    for number, (qid, prompt) in enumerate(zip(questions.ids, section.prompts), start=1):
        missing = [r for r in placed if qid not in matrix.answers[r]]
        if not missing:
            continue
        who = "every group" if len(missing) == len(placed) and len(placed) > 1 else names(missing)
        loc = matrix.asked.get((missing[0], qid)) or matrix.asked.get((None, qid)) or matrix.named[missing[0]]
        gaps.append(Gap(
            f"{section.title}: question {number} ('{short(prompt.text, 10)}') is unanswered by {who}",
            f"add the answer{'s' if len(missing) > 1 else ''} from {who} to question {number}",
            loc, code="question-unanswered", data={"question": qid, "number": number, "roles": missing}))
    short_of = {r: n for r, n in matrix.unplaced.items() if r not in placed and n < len(questions.ids)}
    if short_of:
        counts = ", ".join(f"{r} {n}" for r, n in short_of.items())
        gaps.append(Gap(
            f"{section.title}: mccheck could not tell which of the {len(questions.ids)} questions the answers of "
            f"{names(list(short_of))} answer (answers found: {counts})",
            "put each question, or its number, before its answer; then every unanswered question is named",
            matrix.named[next(iter(short_of))], code="answers-unplaced", data={"answers": short_of}, certain=False))
    return gaps

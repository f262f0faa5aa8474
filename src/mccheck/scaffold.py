"""Plan and render a new submission folder for a credential (`mccheck init`).

One file per part, or one per section where the section is a separate upload
(``upload: true``), named so the segmenter maps it by file name ("Artifact 4
Stakeholder Feedback.md"). Each section gets the heading mccheck maps ("Part 1.
Overview Questions"), a bracketed guidance line with its limit, each prompt as a
copied subheading over ``[Write your answer here]``, and a pre-shaped table where
the credential asks for items with fields. Every guidance line is a placeholder
the ``placeholder`` check flags, so a folder with one left in is never "ready".

Pure planning and rendering: nothing here writes files (the CLI does).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from mccheck.spec.records import Credential, Element, Part, Section

FORMATS = ("md", "docx")
CONFIG_NAME = "mccheck.yaml"
EMPTY_ROWS = 3
ANSWER_HERE = "[Write your answer here]"

# The placeholder check matches "[write ...]" with at most 120 characters inside.
_MAX_INSIDE = 110
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_PART_ID = re.compile(r"^([a-z]+)-?(\d+)$")


@dataclass(frozen=True, slots=True)
class Line:
    """One block of a scaffolded draft, rendered the same way to markdown and Word."""

    kind: Literal["heading", "text", "question", "table"]
    text: str = ""
    level: int = 0
    columns: tuple[str, ...] = ()
    rows: int = 0


@dataclass(frozen=True, slots=True)
class DraftFile:
    """A file to create: its name without suffix and its blocks."""

    stem: str
    sections: tuple[str, ...]  # section ids it holds
    lines: tuple[Line, ...]

    def name(self, fmt: str) -> str:
        return f"{self.stem}.{fmt}"


def plan(spec: Credential) -> list[DraftFile]:
    """The drafts of a submission: one per part, plus one per separately uploaded section.

    Prompts are subheadings, except one the segmenter would read as the title of another
    section ("... the shared purpose ..." names Part 2's "Shared Purpose"): that one is
    written as an italic line, which is still recognised as a copied prompt.
    """
    demoted: frozenset[tuple[str, str]] = frozenset()
    for _ in range(3):
        files = _plan(spec, demoted)
        missed = demoted | unrecognised_prompts(spec, files)
        if missed == demoted:
            return files
        demoted = missed
    return files


def _plan(spec: Credential, demoted: frozenset[tuple[str, str]]) -> list[DraftFile]:
    files: list[DraftFile] = []
    for part in spec.parts:
        written = [s for s in part.sections if not s.upload]
        if written:
            files.append(_part_file(part, written, demoted))
        for section in part.sections:
            if section.upload:
                files.append(_upload_file(part, section, demoted))
    return files


def as_document(draft: DraftFile, fmt: str = "md"):
    """The blocks a reader would produce from ``draft`` (for checking a plan without files)."""
    from mccheck.document import Block, Document, Location

    path = draft.name(fmt)
    blocks = []
    for number, line in enumerate(draft.lines, start=1):
        loc = Location(path, line=number)
        if line.kind == "heading":
            blocks.append(Block("heading", line.text, loc, level=line.level))
        elif line.kind == "table":
            rows = (line.columns, *(("",) * len(line.columns) for _ in range(line.rows)))
            blocks.append(Block("table", "\n".join("\t".join(r) for r in rows), loc, rows=rows))
        else:
            blocks.append(Block("paragraph", line.text, loc))
    return Document(path, tuple(blocks))


def unrecognised_prompts(spec: Credential, drafts: list[DraftFile]) -> frozenset[tuple[str, str]]:
    """(section id, prompt id) of every prompt the segmenter does not find copied in its section."""
    from mccheck.analysis.segment import segment

    seg = segment([as_document(d) for d in drafts], spec)
    return frozenset(
        (section.id, prompt.id)
        for section in spec.sections
        for prompt in section.prompts
        if prompt.id not in seg.sections[section.id].copied_prompts
    )


def config_text(credential_ref: str) -> str:
    """The folder's mccheck.yaml: names the credential so `mccheck check .` needs no option."""
    return (
        "# Created by `mccheck init`: `mccheck check .` in this folder uses these settings.\n"
        f"credential: {_yaml_scalar(credential_ref)}\n"
    )


def render_markdown(draft: DraftFile) -> str:
    out: list[str] = []
    for line in draft.lines:
        if line.kind == "heading":
            out.append(f"{'#' * line.level} {line.text}")
        elif line.kind == "text":
            out.append(line.text)
        elif line.kind == "question":
            out.append(f"*{line.text}*")
        else:
            cells = [c.replace("|", "\\|") for c in line.columns]
            out.append("| " + " | ".join(cells) + " |")
            out.append("|" + "|".join("---" for _ in cells) + "|")
            for _ in range(line.rows):
                out.append("|" + "|".join("   " for _ in cells) + "|")
        out.append("")
    return "\n".join(out)


def render_docx(draft: DraftFile) -> bytes:
    """A Word document with real heading styles and a real table (python-docx)."""
    import docx  # heavy: only when a .docx is scaffolded

    document = docx.Document()
    _no_template_metadata(document, draft.stem)
    for line in draft.lines:
        if line.kind == "heading":
            document.add_heading(line.text, level=min(max(line.level, 1), 9))
        elif line.kind == "text":
            document.add_paragraph(line.text)
        elif line.kind == "question":
            document.add_paragraph().add_run(line.text).italic = True
        else:
            table = document.add_table(rows=1 + line.rows, cols=len(line.columns))
            table.style = "Table Grid"
            for cell, name in zip(table.rows[0].cells, line.columns):
                cell.text = ""
                cell.paragraphs[0].add_run(name).bold = True
            document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _no_template_metadata(document, title: str) -> None:
    """Nothing of python-docx's template in the draft's properties: its author, its 2013 dates,
    its "generated by python-docx" note and the thumbnail of someone else's page. A draft a
    teacher submits must not carry metadata that identifies anyone or anything."""
    from datetime import datetime, timezone

    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    props = document.core_properties
    now = datetime.now(timezone.utc).replace(microsecond=0)
    props.author = props.last_modified_by = props.comments = props.keywords = props.subject = ""
    props.title = title
    props.created = props.modified = now
    props.revision = 1
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]


def render(draft: DraftFile, fmt: str) -> bytes:
    if fmt == "md":
        return render_markdown(draft).encode("utf-8")
    if fmt == "docx":
        return render_docx(draft)
    raise ValueError(f"unknown scaffold format {fmt!r}")


# -- planning ------------------------------------------------------------------------------


def part_label(part: Part) -> str:
    """ "Part 1" / "Artifact 4": a section's numbering, else the part id, else nothing."""
    for section in part.sections:
        if section.numbering:
            return section.numbering[0]
    m = _PART_ID.match(part.id)
    return f"{m.group(1).capitalize()} {int(m.group(2))}" if m else ""


def section_heading(part: Part, section: Section) -> str:
    """ "Part 1. Overview Questions": the label and the exact title, which the segmenter maps."""
    label = section.numbering[0] if section.numbering else part_label(part)
    return f"{label}. {section.title}" if label else section.title


def _part_heading(part: Part) -> str:
    label = part_label(part)
    title = _without_label(part.title, label)
    return f"{label}. {title}" if label and title else (label or part.title)


def _without_label(title: str, label: str) -> str:
    """ "Artifact 1: Comparable Mission Statements" minus "Artifact 1" -> "Comparable Mission Statements"."""
    if label and title.casefold().startswith(label.casefold()):
        return title[len(label):].lstrip(" .:-–—")
    return title


def file_stem(label: str, title: str) -> str:
    """A portable file name: "Artifact 4 Stakeholder Feedback" (no characters Windows refuses)."""
    title = _without_label(title, label)
    name = f"{label} {title}" if label else title
    name = _UNSAFE_IN_NAME.sub(" ", name.replace("/", " and ").replace("&", "and"))
    return " ".join(name.split()).strip(" .") or "Draft"


def _part_file(part: Part, sections: list[Section], demoted: frozenset[tuple[str, str]]) -> DraftFile:
    lines: list[Line] = []
    if len(sections) > 1:
        # A part heading over several sections; each section then gets its own heading.
        lines.append(Line("heading", _part_heading(part), level=1))
        for section in sections:
            lines.extend(_section_lines(part, section, 2, demoted))
    else:
        lines.extend(_section_lines(part, sections[0], 1, demoted))
    return DraftFile(file_stem(part_label(part), part.title), tuple(s.id for s in sections), tuple(lines))


def _upload_file(part: Part, section: Section, demoted: frozenset[tuple[str, str]]) -> DraftFile:
    label = section.numbering[0] if section.numbering else part_label(part)
    lines = _section_lines(part, section, 1, demoted)
    return DraftFile(file_stem(label, section.title), (section.id,), tuple(lines))


def _section_lines(part: Part, section: Section, level: int, demoted: frozenset[tuple[str, str]]) -> list[Line]:
    lines = [Line("heading", section_heading(part, section), level=level)]
    lines.append(Line("text", _bracket("Write", _limit_words(section), section.guidance or _default_guidance(section))))
    table_elements = [e for e in section.elements if e.kind == "items-with-fields"]
    for element in section.elements:
        lines.append(Line("text", _bracket("Add", _element_hint(element), "")))
    for prompt in section.prompts:
        if (section.id, prompt.id) in demoted:
            lines.append(Line("question", prompt.text))
        else:
            lines.append(Line("heading", prompt.text, level=level + 1))
        lines.append(Line("text", ANSWER_HERE))
    for element in table_elements:
        first = (element.item_name or "item").capitalize()
        columns = (first, *(t.name for t in element.terms))
        lines.append(Line("table", columns=columns, rows=EMPTY_ROWS))
    return lines


def _limit_words(section: Section) -> str:
    limit = section.limits
    return limit.describe() if limit is not None else "here"


def _default_guidance(section: Section) -> str:
    if section.prompts:
        return "answer each question below"
    return f"replace this line with your {section.title}"


def _element_hint(element: Element) -> str:
    what = element.description.rstrip(".")
    if element.kind == "count":
        n = "" if element.min == 1 and element.max in (None, 1) else _range(element.min, element.max)
        return f"{n} {what}".strip() if n else what
    if element.kind == "labelled-groups":
        names = ", ".join(t.name for t in element.terms[:4])
        return f"{_range(element.min, element.max)} {what} (e.g. {names})".strip()
    if element.kind == "items-with-fields":
        return f"{_range(element.min, element.max)} {what}: fill one table row each".strip()
    return what


def _range(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return str(low) if low == high else f"{low}-{high}"
    if low is not None:
        return f"at least {low}"
    return f"at most {high}" if high is not None else ""


def _bracket(verb: str, head: str, tail: str) -> str:
    """ "[Write 300-500 words: tail]", cut so the placeholder check still matches it."""
    head = head.replace("[", "(").replace("]", ")")
    tail = " ".join(tail.replace("[", "(").replace("]", ")").split())
    inside = f"{head}: {tail}" if tail else head
    if len(inside) > _MAX_INSIDE:
        inside = inside[: _MAX_INSIDE - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"[{verb} {inside}]"


def _yaml_scalar(value: str) -> str:
    """Quote a YAML scalar only when it needs it (ids never do; paths might)."""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._/-]*", value):
        return value
    return "'" + value.replace("'", "''") + "'"

"""A small credential covering every element kind, and builders for in-memory documents.

A plain module (not conftest) so tests elsewhere can import it by name."""

from __future__ import annotations

import re
from pathlib import Path

from mccheck.document import Block, Document, Location, Style

SPEC = {
    "id": "test-cred",
    "title": "Test Credential",
    "issuer": "Test Issuer",
    "passing_rule": {
        "text": "Parts 1 and 3 passing; every Part 2 component Proficient",
        "requires": [
            {"parts": ["part1", "part3"], "level": "Passing"},
            {"parts": ["artifact1", "artifact4", "artifact5", "part2"], "level": "Proficient", "each_component": True},
        ],
    },
    "parts": [
        {"id": "part1", "title": "Part 1. Overview Questions", "sections": [{
            "id": "part1.overview", "title": "Overview Questions", "aliases": ["Overview"], "numbering": ["Part 1"],
            "limits": {"min": 50, "max": 100, "source": "Part 1: (50-100 word limit)"},
            "prompts": [
                {"id": "q1", "text": "Describe the demographics of your school community.", "key_terms": ["demograph"]},
                {"id": "q2", "text": "Do the decisions at your school align with your mission statement?",
                 "key_terms": ["decision", "align"]},
            ],
        }]},
        {"id": "artifact1", "title": "Artifact 1", "sections": [{
            "id": "artifact1.missions", "title": "Comparable Mission Statements", "numbering": ["Artifact 1"],
            "limits": {"max": 60, "exclude": ["mission-statements"]},
            "elements": [{"id": "mission-statements", "kind": "count", "description": "mission statements",
                          "item_name": "mission statement",
                          "marker": r"^mission statement\s*#?\s*\d", "min": 3, "max": 3}],
        }]},
        {"id": "artifact4", "title": "Artifact 4", "sections": [{
            "id": "artifact4.stakeholders", "title": "Stakeholder Feedback", "numbering": ["Artifact 4"],
            "prompts": [
                {"id": "q1", "text": "Is our mission statement clear and concise?", "key_terms": ["clear", "concise"]},
                {"id": "q2", "text": "Is it welcoming and inclusive?", "key_terms": ["welcom", "inclusive"]},
            ],
            "elements": [{"id": "roles", "kind": "labelled-groups", "description": "stakeholder roles",
                          "min": 3, "answers": True,
                          "terms": [{"name": "Parent", "patterns": [r"\bparents?\b"]},
                                    {"name": "Teacher", "patterns": [r"\bteachers?\b"]},
                                    {"name": "Student", "patterns": [r"\bstudents?\b"]},
                                    {"name": "Principal", "patterns": [r"\bprincipals?\b"]}]}],
        }]},
        {"id": "artifact5", "title": "Artifact 5", "sections": [{
            "id": "artifact5.plan", "title": "Action Plan for Alignment", "numbering": ["Artifact 5"],
            "elements": [{"id": "suggestions", "kind": "items-with-fields", "description": "suggestions",
                          "item_name": "suggestion", "marker": r"^(suggestion|recommendation)\s*#?\s*\d",
                          "min": 2, "max": 3,
                          "terms": [{"name": "Timeline"}, {"name": "Potential Barriers", "patterns": [r"barriers?"]}]}],
        }]},
        {"id": "part2", "title": "Part 2", "sections": [{
            "id": "part2.purpose", "title": "Shared Purpose Document", "numbering": ["Part 2"],
            "elements": [{"id": "components", "kind": "presence", "description": "the shared purpose components",
                          "terms": [{"name": "mission"}, {"name": "vision"}, {"name": "values"}]}],
        }]},
        {"id": "part3", "title": "Part 3", "sections": [{
            "id": "part3.reflection", "title": "Reflection", "numbering": ["Part 3"],
            "limits": {"min": 20, "max": 30, "hard": False, "source": "Part 3: (20-30 words) use as a guide"},
            "elements": [{"id": "eo-evidence", "kind": "per-item-reference", "description": "evidence per outcome",
                          "terms": [{"name": "EO 1", "patterns": [r"\bEO\s*1\b"]},
                                    {"name": "EO 2", "patterns": [r"\bEO\s*2\b"]}]}],
        }]},
    ],
    "artifacts": [{"id": "agendas", "title": "Agendas", "kinds": ["agendas of sessions"], "min": 2,
                   "patterns": [r"agenda"], "source": "Part 2: several artifacts", "inferred": True}],
    "constraints": [{"id": "anonymous", "kind": "no-identifying-info", "text": "Do not identify yourself.",
                     "source": "Part 3: do not include identifying information"}],
    "rubric": {
        "scale": ["Proficient", "Basic", "Developing"],
        "criteria": [{
            "id": "artifact1", "title": "Artifact 1", "applies_to": ["artifact1.missions"],
            "levels": [
                {"level": "Proficient", "descriptors": [
                    {"text": "3 mission statements", "verify": "element", "element": "mission-statements"},
                    {"text": "All questions answered thoughtfully", "verify": "judgement"}]},
                {"level": "Basic", "descriptors": [{"text": "Less than 3 mission statements"}]},
            ],
        }],
    },
}


_KINDS = {"h1": ("heading", 1), "h2": ("heading", 2), "h3": ("heading", 3), "p": ("paragraph", 0),
          "li": ("list_item", 1), "q": ("quote", 0), "header": ("paragraph", 0), "footer": ("paragraph", 0)}


def doc(*items, path: str = "draft.md", suppressed=()) -> Document:
    """doc(("h1", "Part 1"), ("p", "text"), ("table", [["a", "b"], ["1", "2"]]), ("footer", "x"))"""
    blocks = []
    for line, (kind, value) in enumerate(items, start=1):
        loc = Location(path, line=line)
        if kind == "table":
            rows = tuple(tuple(r) for r in value)
            blocks.append(Block("table", "\n".join(c for r in rows for c in r), loc, rows=rows))
            continue
        block_kind, level = _KINDS[kind]
        if kind in ("header", "footer"):
            blocks.append(Block(block_kind, value, loc, counted=False, origin=kind))
        elif block_kind == "heading":  # a markdown "#" heading: the file declares its level
            blocks.append(Block(block_kind, value, loc, level=level, style=Style(outline=level)))
        else:
            blocks.append(Block(block_kind, value, loc, level=level))
    return Document(path, tuple(blocks), suppressed=frozenset(suppressed))


def words(n: int, word: str = "word") -> str:
    return " ".join([word] * n)


def ids(report, check=None, section=None):
    return [(f.check, f.section) for f in report.findings
            if (check is None or f.check == check) and (section is None or f.section == section)]


def write_draft(path: Path, document, questions: dict[str, str] | None = None) -> None:
    """A draft as a real file: markdown or text as given; a .docx built with python-docx from
    ``[style, text]`` blocks (h1-h4, p, bold, italic, lead, quote, bullet, number, title,
    table). ``{q1}``... are replaced by the section's questions."""
    questions = questions or {}
    fill = (lambda text: re.sub(r"\{(q\d+)\}", lambda m: questions[m.group(1)], text))
    if path.suffix != ".docx":
        path.write_text(fill(document), encoding="utf-8")
        return
    import docx

    out = docx.Document()
    for style, *content in document:
        if style == "table":
            rows = content[0]
            table = out.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = fill(cell)
            continue
        paragraph = out.add_paragraph(style=_STYLES.get(style, style))
        if style == "lead":  # a bold label and the text after it: ["lead", "Timeline:", " May"]
            paragraph.add_run(fill(content[0])).bold = True
            paragraph.add_run(fill(content[1]))
            continue
        run = paragraph.add_run(fill(content[0]))
        run.bold = style == "bold"
        run.italic = style == "italic"
    out.save(path)


_STYLES = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "h4": "Heading 4", "p": "Normal",
           "bold": "Normal", "italic": "Normal", "lead": "Normal", "quote": "Quote", "bullet": "List Bullet",
           "number": "List Number", "title": "Title", "subtitle": "Subtitle"}

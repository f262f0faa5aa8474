"""A check's documentation, read from its module docstring: what `explain`, SARIF rules and
the README's table of checks all show, so the three never disagree.

A check's docstring reads::

    check-id: one line saying what it checks.

    Paragraphs explaining how it decides, and its severity.

    Passes:
        a short example that is fine
    Fails:
        a short example that is reported, and what mccheck says
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from types import ModuleType

_EXAMPLES = ("Passes:", "Fails:")


@dataclass(frozen=True, slots=True)
class CheckDoc:
    id: str
    summary: str  # the first line, without "id: "
    description: str  # the paragraphs after it, unwrapped
    passes: str  # an example that passes (indentation removed, lines kept)
    fails: str  # an example that is reported

    @property
    def name(self) -> str:
        """PascalCase, as SARIF viewers list rules: "word-limit" -> "WordLimit"."""
        return "".join(word.capitalize() for word in self.id.split("-"))


def document(module: ModuleType) -> CheckDoc:
    """The documentation of one check module."""
    lines = textwrap.dedent((module.__doc__ or "").strip("\n")).strip().splitlines()
    first = lines[0] if lines else module.ID
    summary = first.split(": ", 1)[1] if first.startswith(f"{module.ID}: ") else first
    parts: dict[str, list[str]] = {"": [], **{k: [] for k in _EXAMPLES}}
    current = ""
    for line in lines[1:]:
        if line.strip() in _EXAMPLES and not line.startswith(" "):
            current = line.strip()
            continue
        parts[current].append(line)
    return CheckDoc(
        id=module.ID,
        summary=summary.strip(),
        description=" ".join(" ".join(parts[""]).split()),
        passes=textwrap.dedent("\n".join(parts["Passes:"])).strip(),
        fails=textwrap.dedent("\n".join(parts["Fails:"])).strip(),
    )


def all_docs() -> list[CheckDoc]:
    """Every registered check's documentation, in registry order."""
    from mccheck.checks import CHECKS

    return [document(m) for m in CHECKS.values()]


def as_text(doc: CheckDoc) -> str:
    """What `mccheck explain ID` prints."""
    indent = "    "
    return (
        f"{doc.id}: {doc.summary}\n\n"
        + "\n".join(textwrap.wrap(doc.description, 88))
        + f"\n\nPasses:\n{textwrap.indent(doc.passes, indent)}\n\nFails:\n{textwrap.indent(doc.fails, indent)}\n"
    )


def as_markdown(doc: CheckDoc) -> str:
    """The same documentation as markdown (SARIF rule help, shown by GitHub code scanning)."""
    return (
        f"**{doc.id}**: {doc.summary}\n\n{doc.description}\n\n"
        f"Passes:\n\n```text\n{doc.passes}\n```\n\nFails:\n\n```text\n{doc.fails}\n```\n"
    )


def markdown_table(docs: list[CheckDoc]) -> str:
    """The README's table of checks."""
    rows = ["| id | what it checks |", "|---|---|"]
    rows += [f"| `{d.id}` | {d.summary.rstrip('.')} |" for d in docs]
    return "\n".join(rows) + "\n"

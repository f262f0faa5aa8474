"""`mccheck new-spec`: write a commented credential spec to start from (for an issuer or a school)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import typer

from mccheck.cli import app
from mccheck.errors import InputError, UsageError

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Placeholders: {id} and {title} (JSON-quoted, which is valid YAML). Keep the comments
# short and practical: this file is the documentation most spec authors will read.
TEMPLATE = """\
# A credential spec for mccheck. Check it with:   mccheck validate {file}
# Then use it:  mccheck show {file}   ·   mccheck check DRAFT --credential {file}
# Editor help (completion, errors as you type): mccheck schema > credential.schema.json
# and add the line  # yaml-language-server: $schema=credential.schema.json  at the top.
#
# Rule of thumb: every number comes from the issuer's document. Quote where in `source`;
# if you guessed it, add `inferred: true` so reports say so.
schema: mccheck/spec/v1
id: {id}                      # lower-case letters, digits and dashes; the file is usually named <id>.yaml
title: {title}
issuer: "Your organisation"
competency: "What an educator who earns this credential can do, in one sentence."
source_url: null              # a link to the issuer's published requirements, if there is one
licence: ""

# What it takes to pass, in the issuer's words, and as a rule mccheck can show per part.
passing_rule:
  text: "Proficient in Part 1."
  source: "Requirements page: to earn the credential, Part 1 must be Proficient"
  requires:
    - parts: [part1]
      level: Proficient        # must be one of rubric.scale below

parts:
  - id: part1
    title: "Part 1: Overview questions"
    sections:
      # A section is the unit that gets a word count. Its id is "<part id>.<name>" and
      # must stay stable: reports, CI filters and mccheck.yaml mappings use it.
      - id: part1.context
        title: "School context"             # the heading teachers are told to use
        aliases: ["Our school", "Context"]  # other headings that mean this section
        numbering: ["Part 1"]              # labels that identify it ("Part 1", "Artifact 4")
        guidance: "Describe the school community you work in."
        prompts:
          # Questions the section must answer. key_terms (stems allowed) suggest an answer.
          - id: community
            text: "Describe the demographics of your school community."
            key_terms: [demograph, student, community]
          - id: role
            text: "What is your role in the school?"
            key_terms: [role]
        limits:
          min: 200
          max: 400
          source: "Part 1: 200-400 word limit"
        elements:
          # Something a reviewer looks for that mccheck can verify. Kinds: presence,
          # count, labelled-groups, items-with-fields, per-item-reference.
          - id: data
            kind: presence
            description: "statistics or data about the school community"
            source: "Part 1 rubric: response includes statistics and data"
            terms:
              - name: statistics or data
                patterns: ["\\\\d+\\\\s*%", "\\\\bstatistic", "\\\\bdata\\\\b", "\\\\bpercent"]

      - id: part1.reflection
        title: "Reflection"
        numbering: ["Part 1"]
        prompts:
          - id: next-steps
            text: "What are your next steps?"
        limits:
          max: 300
          hard: false                      # the issuer says "use the word count as a guide"
          source: "Part 1: about 300 words; use the word count as a guide"
          inferred: false

# Optional: files the folder must hold besides the written sections.
# artifacts:
#   - id: agendas
#     title: Meeting agendas
#     min: 2
#     part: part1
#     patterns: ["(?i)agenda"]

# Optional: what must not appear in the submission.
constraints:
  - id: anonymous
    kind: no-identifying-info
    text: "Do not include your name, your school's name or student names."
    source: "Submission guidelines"

rubric:
  scale: [Proficient, Basic, Developing]   # best first
  criteria:
    - id: context
      title: "Part 1: School context"
      applies_to: [part1.context]
      source: "Part 1 rubric"
      levels:
        - level: Proficient
          descriptors:
            # verify: judgement (the default) is for a person; element, word-limit,
            # present and prompts are checked by mccheck and shown as ✓/✗.
            - text: "Includes statistics or data about the school community."
              verify: element
              element: data
            - text: "Stays within 200-400 words."
              verify: word-limit
            - text: "Shows an understanding of the community the school serves."
        - level: Developing
          descriptors:
            - text: "Describes the school without evidence."
"""


def spec_text(credential_id: str, title: str, file_name: str) -> str:
    """The commented template with the id, title and file name filled in."""
    return TEMPLATE.format(id=credential_id, title=json.dumps(title, ensure_ascii=False), file=file_name)


def _slug(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    return slug[:60].strip("-") or "my-credential"


@app.command("new-spec")
def new_spec(
    output: Path = typer.Option(
        None, "--output", "-o", metavar="FILE", help="File to write (default: ID.yaml here); - for standard output."
    ),
    credential_id: str | None = typer.Option(None, "--id", help="Credential id: lower-case letters, digits and dashes."),
    title: str = typer.Option("My Micro-credential", "--title", help="The credential's title."),
    force: bool = typer.Option(False, "--force", help="Overwrite the file if it exists."),
) -> None:
    """Write a commented credential spec to start from: parts, sections, limits, prompts,
    an element, a rubric and a passing rule that `mccheck validate` accepts."""
    from mccheck.cli.common import status, write_atomic

    if not title.strip():
        raise UsageError("--title must not be empty")
    credential_id = credential_id if credential_id is not None else _slug(title)
    if not _ID.match(credential_id):
        raise UsageError(
            f'--id "{credential_id}" must use lower-case letters, digits and dashes and start with a letter or digit'
        )
    if str(output) == "-":
        sys.stdout.write(spec_text(credential_id, title.strip(), f"{credential_id}.yaml"))
        return
    path = output if output is not None else Path(f"{credential_id}.yaml")
    if (path.exists() or path.is_symlink()) and not force:
        raise InputError(path, "already exists: pass --force to overwrite it")
    write_atomic(path, spec_text(credential_id, title.strip(), path.name))
    status(f"Wrote {path}. Edit it, then run: mccheck validate {path}")  # stderr: `> my.yaml` stays clean

"""Typed model of a credential spec (``credentials/*.yaml``).

Every number a report relies on carries a ``source`` note quoting the issuer's
document, and anything mccheck inferred rather than read is marked
``inferred: true`` so ``show`` and the reports can say so.

These models validate a spec and describe its format (``spec/schema.py``); the loader
returns the plain records of ``spec/records.py`` built from what they accepted, which a test
keeps field for field equal to these. Imported lazily (pydantic costs ~75 ms): only loading
a spec file that is not bundled (or ``validate``, ``schema``) pulls it in.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mccheck.spec.records import SPEC_SCHEMA_ID

_ID = r"^[a-z0-9][a-z0-9-]*$"
_SECTION_ID = r"^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$"


class _Model(BaseModel):
    # Unknown keys are errors (the loader adds "did you mean" suggestions).
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(_Model):
    """Where a requirement comes from: part + the issuer's phrase. ``inferred`` if not stated."""

    source: str = Field(
        default="",
        description='The part and phrase of the issuer\'s document, e.g. "Part 1: 300-500 word limit".',
    )
    inferred: bool = Field(
        default=False, description="True when mccheck inferred this rather than read it in the source."
    )


class Limit(Sourced):
    """Word limits of a section. A range has both ``min`` and ``max``."""

    min: int | None = Field(default=None, ge=0, description="Fewest words allowed.")
    max: int | None = Field(default=None, ge=1, description="Most words allowed.")
    hard: bool = Field(
        default=True,
        description='False when the issuer calls the count only a guide ("use the word count as a guide").',
    )
    exclude: list[Literal["quotes", "mission-statements", "prompts", "tables", "references"]] = Field(
        default_factory=list,
        description="Text not counted, e.g. mission-statements for "
        '"300-600 word limit not including the mission statements".',
    )

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Limit:
        if self.min is None and self.max is None:
            raise ValueError("a limit needs min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"limits.max ({self.max}) is below limits.min ({self.min})")
        return self


class Prompt(_Model):
    """A question the section must answer."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable id within the section, e.g. q1.")
    text: str = Field(min_length=1, description="The question as the issuer words it.")
    key_terms: list[str] = Field(
        default_factory=list,
        description="Words whose presence suggests the prompt was addressed (stems allowed: 'demograph').",
    )


ElementKind = Literal["presence", "count", "labelled-groups", "items-with-fields", "per-item-reference"]


class Term(_Model):
    """A named thing to look for, with the spellings a teacher might use."""

    name: str = Field(min_length=1)
    patterns: list[str] = Field(
        default_factory=list,
        description="Case-insensitive regular expressions; default: the name as a whole word.",
    )

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as e:
                raise ValueError(f"pattern {pattern!r} is not a valid regular expression: {e}") from None
        return value


class Element(Sourced):
    """A required element of a section, machine-checkable where the source gives a number.

    Kinds:
    - ``presence``: every term in ``terms`` appears (mission, vision, values, goals...).
    - ``count``: items introduced by ``marker`` number between ``min`` and ``max``.
    - ``labelled-groups``: at least ``min`` distinct labels from ``terms`` are used as
      labels (heading or "Role:" line); with ``answers`` each group answers every prompt.
    - ``items-with-fields``: ``min``-``max`` items (``marker``), each carrying every
      field in ``terms`` (as a label or a table column).
    - ``per-item-reference``: each of ``terms`` (e.g. EO 1..5) cites an artifact with
      a locator (page number or time stamp).
    """

    id: str = Field(pattern=_ID)
    kind: ElementKind
    description: str = Field(min_length=1, description="What the teacher must include, in plain words.")
    terms: list[Term] = Field(default_factory=list)
    marker: str | None = Field(
        default=None, description="Regular expression that starts one counted item (count, items-with-fields)."
    )
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=1)
    answers: bool = Field(default=False, description="labelled-groups: each group must answer the section's prompts.")
    item_name: str = Field(
        default="",
        description='What one counted item is called in messages, e.g. "suggestion", "mission statement".',
    )

    @field_validator("marker")
    @classmethod
    def _marker_compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as e:
                raise ValueError(f"marker {value!r} is not a valid regular expression: {e}") from None
        return value

    @model_validator(mode="after")
    def _shape(self) -> Element:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"max ({self.max}) is below min ({self.min})")
        if self.kind in ("presence", "labelled-groups", "items-with-fields", "per-item-reference") and not self.terms:
            raise ValueError(f"an element of kind {self.kind} needs terms")
        if self.kind in ("count", "items-with-fields") and not self.marker:
            raise ValueError(f"an element of kind {self.kind} needs a marker")
        if self.kind in ("count", "labelled-groups", "items-with-fields") and self.min is None:
            raise ValueError(f"an element of kind {self.kind} needs min")
        return self


class Section(_Model):
    """The unit that gets a word count: one answer, artifact or reflection."""

    id: str = Field(pattern=_SECTION_ID, description='"<part>.<name>", stable: reports and CI filters use it.')
    title: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list, description="Other headings a teacher might use.")
    numbering: list[str] = Field(
        default_factory=list, description='Labels like "Part 1" or "Artifact 4" that identify this section.'
    )
    prompts: list[Prompt] = Field(default_factory=list)
    limits: Limit | None = None
    elements: list[Element] = Field(default_factory=list)
    required: bool = True
    upload: bool = Field(default=False, description="Submitted as a separate file (an artifact upload).")
    guidance: str = Field(default="", description="Short instruction from the issuer (not background prose).")


class Part(_Model):
    id: str = Field(pattern=_ID, description='e.g. "part1", "artifact4".')
    title: str = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)


class Artifact(Sourced):
    """Files expected in a submission folder beyond the written sections."""

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    kinds: list[str] = Field(default_factory=list, description="Examples the issuer names (agendas, video...).")
    min: int = Field(default=1, ge=0, description='How many files at least; "several" is encoded as 2 (inferred).')
    part: str | None = Field(default=None, description="Part id the artifacts belong to.")
    patterns: list[str] = Field(
        default_factory=list, description="Filename regular expressions that identify such a file."
    )


class Constraint(Sourced):
    id: str = Field(pattern=_ID)
    kind: Literal["no-identifying-info"]
    text: str = Field(min_length=1)
    applies_to: list[str] = Field(
        default_factory=list, description="Section ids; empty means the whole submission."
    )


Verify = Literal["judgement", "element", "word-limit", "present", "prompts"]


class Descriptor(_Model):
    """One clause of a rubric level. ``verify`` says whether a machine can check it."""

    text: str = Field(min_length=1)
    verify: Verify = Field(
        default="judgement",
        description="judgement: a person decides; element/word-limit/present/prompts: mccheck checks it.",
    )
    element: str | None = Field(default=None, description="Element id when verify is 'element'.")
    term: str | None = Field(
        default=None,
        description="With verify: element, the one term of the element this descriptor is about "
        "(the 'vision' of a mission-vision-values element); default: the whole element.",
    )

    @model_validator(mode="after")
    def _element_named(self) -> Descriptor:
        if self.verify == "element" and not self.element:
            raise ValueError("a descriptor with verify: element needs element: <element id>")
        return self


class RubricLevel(_Model):
    level: str = Field(min_length=1)
    descriptors: list[Descriptor] = Field(min_length=1)


class Criterion(Sourced):
    id: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    applies_to: list[str] = Field(min_length=1, description="Section ids this criterion scores.")
    levels: list[RubricLevel] = Field(min_length=1)


class Rubric(_Model):
    scale: list[str] = Field(min_length=1, description="Levels best first, e.g. [Proficient, Basic, Developing].")
    criteria: list[Criterion] = Field(default_factory=list)


class PassRequirement(_Model):
    parts: list[str] = Field(min_length=1, description="Part ids.")
    level: str = Field(min_length=1, description="Lowest acceptable level, e.g. Passing, Proficient, Yes.")
    each_component: bool = Field(default=False, description="Every criterion of the part must reach it.")


class PassingRule(Sourced):
    text: str = Field(min_length=1)
    requires: list[PassRequirement] = Field(default_factory=list)


class Credential(_Model):
    schema_: str = Field(default=SPEC_SCHEMA_ID, alias="schema")
    id: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    issuer: str = Field(min_length=1)
    competency: str = ""
    key_method: str = ""
    source_url: str | None = None
    licence: str = ""
    passing_rule: PassingRule
    parts: list[Part] = Field(min_length=1)
    artifacts: list[Artifact] = Field(default_factory=list)
    constraints: list[Constraint] = Field(default_factory=list)
    rubric: Rubric | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

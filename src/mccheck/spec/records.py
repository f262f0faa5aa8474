"""The credential spec as mccheck uses it: plain frozen records, built only from validated data.

``spec/models.py`` (pydantic) validates a spec and describes its format (the JSON Schema);
these records are what the loader returns and what every check reads. They are built from
the validated data (``build``), so they hold exactly what validation accepted, and they cost
nothing to import: a bundled spec is loaded from its compiled JSON without pydantic or YAML
(``spec/compiled.py``). A test keeps their fields equal to the models' fields.
"""

from __future__ import annotations

from typing import Any

SPEC_SCHEMA_ID = "mccheck/spec/v1"


class _Fields(type):
    """Each annotated name of a record class is a slot, after its bases' ones, as with a dataclass."""

    _fields: tuple[str, ...]

    def __new__(mcls, name, bases, namespace):
        namespace["__slots__"] = tuple(n for n in namespace.get("__annotations__", ()) if not n.startswith("_"))
        cls = super().__new__(mcls, name, bases, namespace)
        cls._fields = tuple(f for c in reversed(cls.__mro__) for f in c.__dict__.get("__slots__", ()))
        return cls


class _Record(metaclass=_Fields):
    """Frozen, slotted and compared by value, as ``dataclass(frozen=True, slots=True)`` makes
    them, without the code generation that costs 8 ms at import for these classes (Python 3.11).

    ``_nested``: the record type of a field's value, or of its list's items; ``_keys``: a field's
    name in the data when it differs (``schema_`` is ``schema``)."""

    _fields: tuple[str, ...]
    _nested: dict[str, type[_Record]] = {}
    _keys: dict[str, str] = {}

    def __init__(self, **values: Any):
        if values.keys() != set(self._fields):
            raise TypeError(f"{type(self).__name__} takes exactly {', '.join(self._fields)}")
        for name in self._fields:
            object.__setattr__(self, name, values[name])

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __hash__(self) -> int:  # it holds lists, as the validated models did
        raise TypeError(f"unhashable type: {type(self).__name__!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self._fields)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{f}={getattr(self, f)!r}' for f in self._fields)})"

    def __reduce__(self):  # pickled for --jobs workers: slots and a frozen __setattr__ need this
        return _rebuild, (type(self), tuple(getattr(self, f) for f in self._fields))


def _rebuild(cls: type[_Record], values: tuple) -> Any:
    return cls(**dict(zip(cls._fields, values)))


class Sourced(_Record):
    source: str
    inferred: bool


class Limit(Sourced):
    min: int | None
    max: int | None
    hard: bool
    exclude: list[str]

    def describe(self) -> str:
        if self.min is not None and self.max is not None:
            text = f"{self.min}-{self.max} words"
        elif self.max is not None:
            text = f"at most {self.max} words"
        else:
            text = f"at least {self.min} words"
        return text if self.hard else f"{text} (guide)"


class Prompt(_Record):
    id: str
    text: str
    key_terms: list[str]


class Term(_Record):
    name: str
    patterns: list[str]


class Element(Sourced):
    id: str
    kind: str
    description: str
    terms: list[Term]
    marker: str | None
    min: int | None
    max: int | None
    answers: bool
    item_name: str
    _nested = {"terms": Term}


class Section(_Record):
    id: str
    title: str
    aliases: list[str]
    numbering: list[str]
    prompts: list[Prompt]
    limits: Limit | None
    elements: list[Element]
    required: bool
    upload: bool
    guidance: str
    _nested = {"prompts": Prompt, "limits": Limit, "elements": Element}


class Part(_Record):
    id: str
    title: str
    sections: list[Section]
    _nested = {"sections": Section}


class Artifact(Sourced):
    id: str
    title: str
    kinds: list[str]
    min: int
    part: str | None
    patterns: list[str]


class Constraint(Sourced):
    id: str
    kind: str
    text: str
    applies_to: list[str]


class Descriptor(_Record):
    text: str
    verify: str
    element: str | None
    term: str | None


class RubricLevel(_Record):
    level: str
    descriptors: list[Descriptor]
    _nested = {"descriptors": Descriptor}


class Criterion(Sourced):
    id: str
    title: str
    applies_to: list[str]
    levels: list[RubricLevel]
    _nested = {"levels": RubricLevel}


class Rubric(_Record):
    scale: list[str]
    criteria: list[Criterion]
    _nested = {"criteria": Criterion}


class PassRequirement(_Record):
    parts: list[str]
    level: str
    each_component: bool


class PassingRule(Sourced):
    text: str
    requires: list[PassRequirement]
    _nested = {"requires": PassRequirement}


class Credential(_Record):
    schema_: str
    id: str
    title: str
    issuer: str
    competency: str
    key_method: str
    source_url: str | None
    licence: str
    passing_rule: PassingRule
    parts: list[Part]
    artifacts: list[Artifact]
    constraints: list[Constraint]
    rubric: Rubric | None
    _nested = {"passing_rule": PassingRule, "parts": Part, "artifacts": Artifact, "constraints": Constraint, "rubric": Rubric}
    _keys = {"schema_": "schema"}

    # -- lookups ---------------------------------------------------------
    @property
    def sections(self) -> list[Section]:
        return [s for p in self.parts for s in p.sections]

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def part_of(self, section_id: str) -> Part:
        for p in self.parts:
            if any(s.id == section_id for s in p.sections):
                return p
        raise KeyError(section_id)


def build(cls: type[_Record], data: dict) -> Any:
    """The record ``cls`` of validated ``data`` (every field present: validation fills in defaults)."""
    values = {}
    for name in cls._fields:
        value = data[cls._keys.get(name, name)]
        item = cls._nested.get(name)
        if item is not None and value is not None:
            value = [build(item, v) for v in value] if isinstance(value, list) else build(item, value)
        values[name] = value
    return cls(**values)


def as_data(value: Any) -> Any:
    """The plain data of a record (dicts, lists, scalars; ``schema`` for ``schema_``), as in a spec file."""
    if isinstance(value, list):
        return [as_data(v) for v in value]
    if not isinstance(value, _Record):
        return value
    return {value._keys.get(f, f): as_data(getattr(value, f)) for f in value._fields}

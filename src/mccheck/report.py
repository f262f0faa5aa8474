"""Findings and reports: the one serialisable record every formatter renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from mccheck.document import Location

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
REPORT_SCHEMA_ID = "mccheck/report/v1"


@dataclass(frozen=True, slots=True)
class Finding:
    check: str
    severity: Severity
    message: str
    next_step: str
    section: str | None = None
    loc: Location | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.check,
            "severity": self.severity,
            "section": self.section,
            "message": self.message,
            "next_step": self.next_step,
            "location": self.loc.to_dict() if self.loc else None,
        }


@dataclass(frozen=True, slots=True)
class LimitInfo:
    min: int | None
    max: int | None
    hard: bool
    source: str = ""

    def to_dict(self) -> dict:
        return {"min": self.min, "max": self.max, "hard": self.hard, "source": self.source}

    def short(self) -> str:
        """ "300–500", "≤ 250", "≥ 1000", with " (guide)" for a soft limit: for tables."""
        return short_limit(self.min, self.max, self.hard)


def short_limit(lo: int | None, hi: int | None, hard: bool) -> str:
    if lo is None and hi is None:
        return ""
    text = f"{lo}–{hi}" if lo is not None and hi is not None else (f"≤ {hi}" if hi is not None else f"≥ {lo}")
    return text if hard else f"{text} (guide)"


@dataclass(frozen=True, slots=True)
class SectionResult:
    section_id: str
    part: str
    title: str
    present: bool
    words: int
    limit: LimitInfo | None
    status: Literal["ok", "over", "under", "missing", "incomplete", "warning", "not-required"]
    loc: Location | None = None
    matched_by: str = ""
    part_title: str = ""

    def to_dict(self) -> dict:
        return {
            "id": self.section_id,
            "part": self.part,
            "part_title": self.part_title,
            "title": self.title,
            "present": self.present,
            "words": self.words,
            "limits": self.limit.to_dict() if self.limit else {"min": None, "max": None, "hard": False, "source": ""},
            "status": self.status,
            "location": self.loc.to_dict() if self.loc else None,
            "matched_by": self.matched_by,
        }


@dataclass(frozen=True, slots=True)
class RubricItem:
    criterion: str
    title: str
    level: str
    text: str
    verified: bool  # True: mccheck checked it; False: the teacher must judge
    passed: bool | None  # None when not verified

    def to_dict(self) -> dict:
        return {
            "criterion": self.criterion,
            "title": self.title,
            "level": self.level,
            "text": self.text,
            "verified": self.verified,
            "passed": self.passed,
        }


@dataclass(frozen=True, slots=True)
class Report:
    credential: str
    credential_title: str
    paths: tuple[str, ...]
    sections: tuple[SectionResult, ...]
    findings: tuple[Finding, ...]
    rubric: tuple[RubricItem, ...] = ()
    checks_run: tuple[str, ...] = ()
    counter: str = "word"
    files: tuple[str, ...] = field(default=())

    def blocking(self, fail_on: Severity = "error") -> tuple[Finding, ...]:
        threshold = SEVERITY_RANK[fail_on]
        return tuple(f for f in self.findings if SEVERITY_RANK[f.severity] >= threshold)

    def is_ready(self, fail_on: Severity = "error") -> bool:
        return bool(self.files) and not self.blocking(fail_on)

    @property
    def ready(self) -> bool:
        return self.is_ready()

    def to_dict(self, fail_on: Severity = "error") -> dict:
        return {
            "schema": REPORT_SCHEMA_ID,
            "credential": self.credential,
            "credential_title": self.credential_title,
            "paths": list(self.paths),
            "files": list(self.files),
            "ready": self.is_ready(fail_on),
            "counter": self.counter,
            "sections": [s.to_dict() for s in self.sections],
            "findings": [f.to_dict() for f in self.findings],
            "rubric": [r.to_dict() for r in self.rubric],
            "checks_run": list(self.checks_run),
            "summary": {
                "errors": sum(f.severity == "error" for f in self.findings),
                "warnings": sum(f.severity == "warning" for f in self.findings),
                "info": sum(f.severity == "info" for f in self.findings),
                "blocking": len(self.blocking(fail_on)),
            },
        }

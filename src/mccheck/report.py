"""Findings and reports: the one serialisable record every formatter renders.

A check yields ``Finding``s whose ``code`` and ``data`` say what was found in numbers
(words, limit, which element, role or question); section status and rubric ticks are
derived from those, never from the wording of ``message``. The engine stamps the final
severity and computes ``Report.ready`` once; formats and exit codes only read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from mccheck.document import Location

Severity = Literal["error", "warning", "info"]
FailOn = Literal["error", "warning"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
# The lowest severity that blocks readiness (`--fail-on never` only keeps the exit code at 0).
FAIL_ON_RANK = {"warning": 1, "error": 2}
REPORT_SCHEMA_ID = "mccheck/report/v1"


@dataclass(frozen=True, slots=True)
class Finding:
    check: str
    severity: Severity
    message: str
    next_step: str
    section: str | None = None
    loc: Location | None = None
    code: str = ""  # the kind of problem within the check: "over", "under", "skipped-file"...
    data: Mapping[str, Any] = field(default_factory=dict, compare=False)  # its numbers, for status and rubric

    def to_dict(self) -> dict:
        return {
            "id": self.check,
            "code": self.code,
            "severity": self.severity,
            "section": self.section,
            "message": self.message,
            "next_step": self.next_step,
            "location": self.loc.to_dict() if self.loc else None,
            "data": dict(self.data),
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


SectionStatus = Literal["ok", "over", "under", "missing", "incomplete", "warning", "not-required"]


@dataclass(frozen=True, slots=True)
class SectionResult:
    section_id: str
    part: str
    title: str
    present: bool
    words: int
    limit: LimitInfo | None
    status: SectionStatus
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


RubricStatus = Literal["passed", "failed", "not-checked", "judgement"]


@dataclass(frozen=True, slots=True)
class RubricItem:
    criterion: str
    title: str
    level: str
    text: str
    verified: bool  # True: mccheck can check it; False: the teacher must judge
    passed: bool | None  # None when not verified, or when its check did not run
    status: RubricStatus = "judgement"  # "not-checked": its check was ignored, filtered out or suppressed

    def to_dict(self) -> dict:
        return {
            "criterion": self.criterion,
            "title": self.title,
            "level": self.level,
            "text": self.text,
            "verified": self.verified,
            "passed": self.passed,
            "status": self.status,
        }


def blocks(severity: str, fail_on: str) -> bool:
    """Does a finding of this severity block readiness under ``fail_on``?"""
    return SEVERITY_RANK[severity] >= FAIL_ON_RANK[fail_on]


@dataclass(frozen=True, slots=True)
class Report:
    """One submission's result. Build it with ``Report.of(...)`` so ``ready`` is computed once."""

    credential: str
    credential_title: str
    paths: tuple[str, ...]
    sections: tuple[SectionResult, ...]
    findings: tuple[Finding, ...]
    rubric: tuple[RubricItem, ...] = ()
    checks_run: tuple[str, ...] = ()
    counter: str = "word"
    files: tuple[str, ...] = field(default=())
    fail_on: FailOn = "error"
    ready: bool = False
    engines: tuple[tuple[str, str], ...] = ()  # (file, reader engine) where a file names one

    @classmethod
    def of(cls, **fields: Any) -> Report:
        fail_on = fields.get("fail_on", "error")
        ready = bool(fields.get("files")) and not any(blocks(f.severity, fail_on) for f in fields["findings"])
        return cls(**fields, ready=ready)

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if blocks(f.severity, self.fail_on))

    def to_dict(self) -> dict:
        return {
            "schema": REPORT_SCHEMA_ID,
            "credential": self.credential,
            "credential_title": self.credential_title,
            "paths": list(self.paths),
            "files": list(self.files),
            "ready": self.ready,
            "fail_on": self.fail_on,
            "counter": self.counter,
            "engines": {file: engine for file, engine in self.engines},
            "sections": [s.to_dict() for s in self.sections],
            "findings": [f.to_dict() for f in self.findings],
            "rubric": [r.to_dict() for r in self.rubric],
            "checks_run": list(self.checks_run),
            "summary": {
                "errors": sum(f.severity == "error" for f in self.findings),
                "warnings": sum(f.severity == "warning" for f in self.findings),
                "info": sum(f.severity == "info" for f in self.findings),
                "blocking": len(self.blocking),
            },
        }

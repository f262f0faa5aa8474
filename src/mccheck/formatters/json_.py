"""JSON report: the stable contract for CI (schema "mccheck/report/v1").

One submission: the report object itself. Several: ``{"schema", "ready",
"summary", "submissions": [report, ...]}``.
"""

from __future__ import annotations

from collections.abc import Sequence

from mccheck.report import REPORT_SCHEMA_ID, Report
from mccheck.safe_text import to_json


def as_data(reports: Sequence[Report]) -> dict:
    if len(reports) == 1:
        return reports[0].to_dict()
    return combine([r.to_dict() for r in reports])


def combine(items: list[dict]) -> dict:
    """Several report dicts as one multi-submission object (also used by merge-reports)."""
    return {
        "schema": REPORT_SCHEMA_ID,
        "ready": all(i["ready"] for i in items),
        "summary": {
            "submissions": len(items),
            "ready": sum(i["ready"] for i in items),
            "not_ready": sum(not i["ready"] for i in items),
            "errors": sum(i["summary"]["errors"] for i in items),
            "warnings": sum(i["summary"]["warnings"] for i in items),
        },
        "submissions": items,
    }


def render(reports: Sequence[Report], **_: object) -> str:
    return to_json(as_data(reports))

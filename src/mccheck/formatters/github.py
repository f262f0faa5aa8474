"""GitHub Actions workflow commands: one annotation per finding.

Values are escaped as the runner expects (``%``, CR, LF in messages; also ``:``
and ``,`` in properties), which several linters forget.
"""

from __future__ import annotations

from collections.abc import Sequence

from mccheck.formatters import submission_file
from mccheck.report import Report

# GitHub shows at most 10 error and 10 warning annotations per step.
ANNOTATION_LIMIT = 10
_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: Sequence[Report], **_: object) -> str:
    lines = []
    for report in reports:
        for f in report.findings:
            # A finding about the whole submission (a missing artifact) is filed under its mccheck.yaml.
            props = [f"file={escape_property(f.loc.file if f.loc else submission_file(report))}"]
            if f.loc and f.loc.line is not None and f.loc.file.lower().endswith((".md", ".markdown", ".txt")):
                props.append(f"line={f.loc.line}")
            props.append(f"title={escape_property(f'mccheck {f.check}')}")
            where = f" ({f.loc})" if f.loc else ""
            message = f"{f.message} → {f.next_step}{where}"
            lines.append(f"::{_LEVEL[f.severity]} {','.join(props)}::{escape_data(message)}")
        verdict = "READY" if report.ready else "NOT READY"
        lines.append(f"{verdict}: {report.credential} {', '.join(report.paths)} ({len(report.findings)} findings)")
    return "\n".join(lines) + "\n"

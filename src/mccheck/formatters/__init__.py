"""Output formats: each module exposes ``render(reports, fail_on) -> str``.

Every machine format is built from ``Report.to_dict()``, so a field added once
reaches every format. Only ``terminal`` imports rich.

Text from the user's files and file names reaches every format but JSON and SARIF through
``safe_text.printable_fields``: control and invisible characters shown, never obeyed. JSON
and SARIF keep the exact text and write it with ``safe_text.to_json``.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from mccheck.errors import UsageError
from mccheck.report import Report

FORMATS = {
    "terminal": "terminal",
    "json": "json_",
    "markdown": "markdown",
    "junit": "junit",
    "github": "github",
    "sarif": "sarif",
    "html": "html",
}
MACHINE_FORMATS = {"json", "junit", "sarif", "github"}
EXACT_FORMATS = {"json", "sarif"}  # keep the user's text exactly, escaped as JSON


def render(name: str, reports: Sequence[Report], fail_on: str = "error", **options) -> str:
    if name not in FORMATS:
        raise UsageError(f'unknown format "{name}"; choose one of: {", ".join(FORMATS)}')
    module = importlib.import_module(f"mccheck.formatters.{FORMATS[name]}")
    if name not in EXACT_FORMATS:
        from mccheck.safe_text import printable_fields

        reports = printable_fields(list(reports))
    return module.render(reports, fail_on=fail_on, **options)

"""Output formats: each module exposes ``render(reports) -> str``.

JSON, markdown and HTML are built from ``Report.to_dict()``; JUnit, SARIF, GitHub
annotations and the terminal read the same Report's findings and sections directly. The
verdict (``Report.ready``) and the blocking findings come from the report, computed once by
the engine; no format recomputes them. Only ``terminal`` imports rich.

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


def submission_file(report: Report) -> str:
    """The file a finding about the whole submission (a missing artifact) is filed under, for
    formats that need one per finding: the submission's mccheck.yaml, or else its first file."""
    from pathlib import Path

    folder = Path(report.paths[0]) if report.paths else None
    if folder is not None and (folder / "mccheck.yaml").is_file():
        return str(folder / "mccheck.yaml")
    if report.files:
        return report.files[0]
    return str(folder) if folder is not None else "."


def prepare(name: str) -> None:
    """Import what rendering ``name`` needs (rich, for the terminal): the CLI does it while the
    files are read."""
    if name in FORMATS:
        module = importlib.import_module(f"mccheck.formatters.{FORMATS[name]}")
        getattr(module, "prepare", lambda: None)()


def render(name: str, reports: Sequence[Report], **options) -> str:
    if name not in FORMATS:
        raise UsageError(f'unknown format "{name}"; choose one of: {", ".join(FORMATS)}')
    module = importlib.import_module(f"mccheck.formatters.{FORMATS[name]}")
    if name not in EXACT_FORMATS:
        from mccheck.safe_text import printable_fields

        reports = printable_fields(list(reports))
    return module.render(reports, **options)

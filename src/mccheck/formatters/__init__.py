"""Output formats: each module exposes ``render(reports) -> str``.

Every machine format is built from ``Report.to_dict()``, so a field added once
reaches every format. Only ``terminal`` imports rich.
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


def render(name: str, reports: Sequence[Report], **options) -> str:
    if name not in FORMATS:
        raise UsageError(f'unknown format "{name}"; choose one of: {", ".join(FORMATS)}')
    module = importlib.import_module(f"mccheck.formatters.{FORMATS[name]}")
    return module.render(reports, **options)

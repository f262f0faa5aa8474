"""SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning accepts it as uploaded).

Rules come from the checks' docstrings (``mccheck.checkdoc``). Every result has a physical
location, as GitHub requires: a finding about the whole submission (a missing artifact)
points at the submission's ``mccheck.yaml``, or else its first file, line 1. URIs are
percent-encoded and relative to ``%SRCROOT%`` (the folder mccheck ran in, the checkout in
CI); a file outside it gets an absolute ``file:`` URI. Only text files have lines: a docx
paragraph or a PDF page is named in the message, and the region is line 1.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mccheck import __version__
from mccheck.formatters import submission_file
from mccheck.report import Report
from mccheck.safe_text import to_json

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_TEXT_SUFFIXES = (".md", ".markdown", ".txt")
SRCROOT = "%SRCROOT%"
# Where the project is published: the rules' documentation link.
INFORMATION_URI = "https://github.com/mccheck/mccheck"
_GITHUB_TEXT_LIMIT = 1024  # GitHub's limit for a rule's short and full description


def render(reports: Sequence[Report], **_: object) -> str:
    from mccheck.checkdoc import all_docs, as_markdown, as_text

    docs = all_docs()
    index = {d.id: n for n, d in enumerate(docs)}
    rules = [
        {
            "id": d.id,
            "name": d.name,
            "shortDescription": {"text": _cut(d.summary)},
            "fullDescription": {"text": _cut(d.description or d.summary)},
            "help": {"text": as_text(d), "markdown": as_markdown(d)},
            "helpUri": f"{INFORMATION_URI}#checks",
        }
        for d in docs
    ]
    root = Path.cwd()
    results = []
    for report in reports:
        fallback = submission_file(report)
        for f in report.findings:
            file = f.loc.file if f.loc else fallback
            line = f.loc.line if f.loc and f.loc.line is not None and file.lower().endswith(_TEXT_SUFFIXES) else 1
            result: dict[str, Any] = {
                "ruleId": f.check,
                "level": _LEVEL[f.severity],
                "message": {"text": f"{f.message}. Next step: {f.next_step}" + (f" ({f.loc})" if f.loc else "")},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(file, root),
                                                    "region": {"startLine": line}}}],
                "properties": {"credential": report.credential, "section": f.section},
            }
            if f.check in index:
                result["ruleIndex"] = index[f.check]
            if f.loc and f.loc.page is not None:
                result["properties"]["page"] = f.loc.page
            results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mccheck",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
                "results": results,
            }
        ],
    }
    return to_json(log)


def artifact_location(file: str, root: Path) -> dict:
    """A percent-encoded URI relative to %SRCROOT% when the file is under it, else absolute."""
    absolute = Path(os.path.abspath(file))
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": SRCROOT}


def _cut(text: str) -> str:
    return text if len(text) <= _GITHUB_TEXT_LIMIT else text[: _GITHUB_TEXT_LIMIT - 3].rsplit(" ", 1)[0] + "..."

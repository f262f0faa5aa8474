"""SARIF 2.1.0, for code-scanning dashboards. Rules come from the checks' docstrings.

Only text files get a line region: a docx paragraph number or a PDF page is not
a line, so it goes into the message instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mccheck import __version__
from mccheck.report import Report
from mccheck.safe_text import to_json

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_TEXT_SUFFIXES = (".md", ".markdown", ".txt")


def render(reports: Sequence[Report], fail_on: str = "error", **_: object) -> str:
    from mccheck.checks import CHECKS

    rule_ids = list(CHECKS)
    rules = []
    for cid, module in CHECKS.items():
        doc = (module.__doc__ or "").strip()
        first, _, rest = doc.partition("\n")
        rules.append(
            {
                "id": cid,
                "name": "".join(w.capitalize() for w in cid.split("-")),
                "shortDescription": {"text": first.split(": ", 1)[-1]},
                "fullDescription": {"text": " ".join(rest.split()) or first},
                "help": {"text": first},
            }
        )
    results = []
    for report in reports:
        for f in report.findings:
            result = {
                "ruleId": f.check,
                "ruleIndex": rule_ids.index(f.check) if f.check in rule_ids else -1,
                "level": _LEVEL[f.severity],
                "message": {"text": f"{f.message}. Next step: {f.next_step}" + (f" ({f.loc})" if f.loc else "")},
                "properties": {"credential": report.credential, "section": f.section},
            }
            if f.loc:
                physical: dict = {"artifactLocation": {"uri": Path(f.loc.file).as_posix()}}
                if f.loc.line is not None and f.loc.file.lower().endswith(_TEXT_SUFFIXES):
                    physical["region"] = {"startLine": f.loc.line}
                result["locations"] = [{"physicalLocation": physical}]
                if f.loc.page is not None:
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
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return to_json(log)

"""JUnit XML: one test case per check per section per submission, passing ones too.

CI systems then show "12/14 checks passed". Findings below the --fail-on
threshold are listed in the test case's system-out instead of failing it.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from mccheck.report import Report, blocks


def render(reports: Sequence[Report], **_: object) -> str:
    root = ET.Element("testsuites", name="mccheck")
    total = failures = 0
    for report in reports:
        suite = ET.SubElement(root, "testsuite", name=f"{report.credential}: {', '.join(report.paths)}")
        cases = [(s.section_id, cid) for s in report.sections for cid in report.checks_run if _section_scope(cid)]
        cases += [("submission", cid) for cid in report.checks_run if not _section_scope(cid)]
        suite_failures = 0
        for section_id, check_id in cases:
            case = ET.SubElement(
                suite, "testcase", classname=f"mccheck.{report.credential}.{section_id}", name=check_id
            )
            mine = [
                f for f in report.findings
                if f.check == check_id and (f.section == section_id or (section_id == "submission" and not _section_scope(check_id)))
            ]
            blocking = [f for f in mine if blocks(f.severity, report.fail_on)]
            if blocking:
                suite_failures += 1
                failure = ET.SubElement(case, "failure", message=blocking[0].message, type=check_id)
                failure.text = "\n".join(f"{f.severity}: {f.message} -> {f.next_step} ({f.loc or ''})" for f in blocking)
            others = [f for f in mine if f not in blocking]
            if others:
                ET.SubElement(case, "system-out").text = "\n".join(f"{f.severity}: {f.message}" for f in others)
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        total += len(cases)
        failures += suite_failures
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _section_scope(check_id: str) -> bool:
    from mccheck.checks import CHECKS

    module = CHECKS.get(check_id)
    return module is not None and module.SCOPE == "section"

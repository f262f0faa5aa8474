"""JUnit XML: one test case per finding, and one per check that found nothing.

CI systems then show "12/14 checks passed", and the failure count equals the report's
blocking findings (those at or above --fail-on); the other findings are test cases that
pass, with the finding in system-out. Jenkins' junit-10.xsd allows ``file`` on a test
suite but not on a test case, so each file with findings is a test suite of its own
(``file`` set), and a test case's name says where in the file: "word-limit (line 13)".
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from mccheck.formatters import submission_file
from mccheck.report import Report


def render(reports: Sequence[Report], **_: object) -> str:
    root = ET.Element("testsuites", name="mccheck")
    for report in reports:
        name = f"{report.credential}: {', '.join(report.paths)}"
        fallback = submission_file(report)
        blocking = set(map(id, report.blocking))
        by_file: dict[str, list] = {}
        for f in report.findings:
            by_file.setdefault(f.loc.file if f.loc else fallback, []).append(f)
        for file, findings in by_file.items():
            suite = ET.SubElement(root, "testsuite", name=f"{name}: {file}", file=file)
            for f in findings:
                where = f" ({_where(f.loc)})" if f.loc and _where(f.loc) else ""
                case = ET.SubElement(suite, "testcase", classname=_classname(report, f.section), name=f"{f.check}{where}")
                detail = f"{f.severity}: {f.message} -> {f.next_step}" + (f" ({f.loc})" if f.loc else "")
                if id(f) in blocking:
                    ET.SubElement(case, "failure", message=f.message, type=f.check).text = detail
                else:
                    ET.SubElement(case, "system-out").text = detail
            _count(suite)
        passed = ET.SubElement(root, "testsuite", name=f"{name}: checks that found nothing", file=fallback)
        found = {(f.section, f.check) for f in report.findings} | {(None, f.check) for f in report.findings}
        for section, check_id in _cases(report):
            if (section, check_id) not in found:
                ET.SubElement(passed, "testcase", classname=_classname(report, section), name=check_id)
        _count(passed)
    _count(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _cases(report: Report) -> list[tuple[str | None, str]]:
    """(section, check) for every section of a section check, (None, check) for the others."""
    from mccheck.checks import CHECKS

    cases: list[tuple[str | None, str]] = []
    for check_id in report.checks_run:
        module = CHECKS.get(check_id)
        if module is not None and module.SCOPE == "section":
            cases += [(s.section_id, check_id) for s in report.sections]
        else:
            cases.append((None, check_id))
    return cases


def _classname(report: Report, section: str | None) -> str:
    return f"mccheck.{report.credential}.{section or 'submission'}"


def _where(loc) -> str:
    """ "line 13", "page 4", "paragraph 7": the place inside the suite's file."""
    text = str(loc)
    return text[len(loc.file) + 2 :] if text.startswith(f"{loc.file}, ") else ""


def _count(element: ET.Element) -> None:
    cases = list(element.iter("testcase"))
    failures = sum(case.find("failure") is not None for case in cases)
    element.set("tests", str(len(cases)))
    element.set("failures", str(failures))
    element.set("errors", "0")

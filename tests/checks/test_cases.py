"""Element checks as data (as sqlfluff's rule cases): tests/checks/cases/<element-kind>.yaml.

Each case is a draft in one layout, written to a real file (markdown as given, .docx
built with python-docx from a compact block list), read by the real reader and checked
by the real engine with the case's checks. The findings a teacher must act on (errors
and warnings) must be exactly the case's: check id, code, severity, section, and the
line (markdown) or paragraph (docx) they point at.

Case keys: ``layout`` (what the case shows; every element kind needs three or more),
``credential`` (a bundled id), ``format`` (md, txt or docx), ``document`` (the text, or
for docx a list of ``[style, text]`` blocks), ``checks`` (default: missing-element) and
``findings`` (``[check, code, severity, section, line]``). ``{q1}``... in a document are
the section's questions, as the issuer words them (``section`` names the section).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
import yaml

from checkkit import write_draft

from mccheck.context import Policy
from mccheck.engine import check_documents
from mccheck.readers import read
from mccheck.spec.catalog import resolve
from mccheck.spec.models import ElementKind

CASES = Path(__file__).parent / "cases"
MIN_LAYOUTS = 3


def _load() -> dict[str, list[dict]]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))["cases"] for p in sorted(CASES.glob("*.yaml"))}


ALL = _load()


def test_every_element_kind_has_cases_in_three_layouts_or_more():
    assert set(ALL) == set(get_args(ElementKind)), "one cases file per element kind"
    for kind, cases in ALL.items():
        layouts = {case["layout"] for case in cases}
        assert len(layouts) >= MIN_LAYOUTS, f"{kind}: {len(layouts)} layouts, at least {MIN_LAYOUTS} wanted"
        names = [case["name"] for case in cases]
        assert len(names) == len(set(names)), f"{kind}: case names repeat"


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=f"{kind}: {c['name']}") for kind, cases in ALL.items() for c in cases]
)
def test_case(case, tmp_path):
    spec = resolve(case["credential"])
    path = tmp_path / f"draft.{case.get('format', 'md')}"
    questions = {f"q{i}": p.text for i, p in enumerate(spec.section(case["section"]).prompts, start=1)}
    write_draft(path, case["document"], questions)
    policy = Policy(only=frozenset(case.get("checks", ["missing-element"])))
    report = check_documents([read(path)], spec, policy)
    got = [[f.check, f.code, f.severity, f.section, f.loc.line if f.loc else None]
           for f in report.findings if f.severity != "info"]
    assert got == case["findings"], "\n".join(f"{f.severity} {f.check} {f.code}: {f.message}" for f in report.findings)

"""Sections as data: tests/checks/section_cases/*.yaml, through the real readers and engine.

Each case is a draft in one heading style, written to a real file, read by the real
reader and analysed by the engine; every section listed must be present with exactly
its words, every other section absent. A style needs three cases or more.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from checkkit import write_draft

from mccheck.context import Inventory, Policy
from mccheck.engine import analyse_inventory
from mccheck.readers import read
from mccheck.spec.catalog import resolve

CASES = Path(__file__).parent / "section_cases"
MIN_CASES = 3
ALL = [c for p in sorted(CASES.glob("*.yaml")) for c in yaml.safe_load(p.read_text(encoding="utf-8"))["cases"]]


def test_every_heading_style_has_three_cases_or_more():
    styles: dict[str, int] = {}
    for case in ALL:
        styles[case["style"]] = styles.get(case["style"], 0) + 1
    assert styles and all(n >= MIN_CASES for n in styles.values()), styles
    assert len({c["name"] for c in ALL}) == len(ALL), "case names repeat"


def _expand(text: str, questions: dict[str, str]) -> str:
    import re

    text = re.sub(r"\{w:(\d+)\}", lambda m: " ".join(f"word{i % 7}" for i in range(int(m.group(1)))), text)
    return re.sub(r"\{(q\d+)\}", lambda m: questions[m.group(1)], text)


@pytest.mark.parametrize("case", [pytest.param(c, id=f"{c['style']}: {c['name']}") for c in ALL])
def test_section_case(case, tmp_path):
    spec = resolve(case["credential"])
    fmt = case.get("format", "md")
    path = tmp_path / case.get("file", f"draft.{fmt}")
    prompts = spec.section(case["prompts_of"]).prompts if "prompts_of" in case else []
    questions = {f"q{i}": p.text for i, p in enumerate(prompts, start=1)}
    document = case["document"]
    document = [[s, *(_expand(x, questions) for x in rest)] for s, *rest in document] if fmt == "docx" \
        else _expand(document, questions)
    write_draft(path, document)
    analysis = analyse_inventory(Inventory(None, (read(path),)), spec, Policy())
    got = {sid: analysis.counts[sid].words for sid, text in analysis.seg.sections.items() if text.present}
    explain = {sid: [(r, b.text[:50]) for b, r in zip(t.blocks, t.roles)] for sid, t in analysis.seg.sections.items()}
    assert got == case["sections"], (explain, [b.text[:50] for b in analysis.seg.unassigned])

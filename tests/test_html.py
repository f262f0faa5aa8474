"""`--format html`: one self-contained, escaped page; rendered in headless Chromium when available."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from mccheck.document import Location
from mccheck.formatters import render
from mccheck.report import Finding, LimitInfo, Report, RubricItem, SectionResult

EVIL = '<script>alert("x")</script> & "quotes"'


def _report(**changes) -> Report:
    base = dict(
        credential="mini-credential",
        credential_title="Mini <Credential>",
        paths=("drafts/",),
        sections=(
            SectionResult("part1.context", "part1", "Context", True, 612, LimitInfo(300, 500, True, "Part 1: 300-500"), "over",
                          Location("drafts/a.md", line=3), "title"),
            SectionResult("part3.reflection", "part3", "Reflection", False, 0, LimitInfo(None, 500, False, ""), "missing"),
        ),
        findings=(
            Finding("word-limit", "error", "Context: 612 words, over the limit of 300-500 words",
                    "cut 112 words from Context", "part1.context", Location("drafts/a.md", line=3)),
            Finding("placeholder", "error", f"placeholder text left in: {EVIL}", "replace it with your own text",
                    "part1.context", Location("drafts/a.docx", page=2, line=14)),
            Finding("missing-section", "error", "Reflection: not found in the submission",
                    "add a heading 'Part 3 Reflection' followed by your answer", "part3.reflection"),
        ),
        rubric=(
            RubricItem("context", "Context", "Proficient", "Includes data.", True, True),
            RubricItem("context", "Context", "Proficient", "Within the word limit.", True, False),
            RubricItem("context", "Context", "Proficient", "Shows understanding of the community.", False, None),
        ),
        files=("drafts/a.md",),
    )
    base.update(changes)
    return Report.of(**base)


def test_structure_verdict_sections_findings_rubric():
    html = render("html", [_report()])
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media print" in html and "@media (max-width" in html
    assert "NOT READY" in html and "3 blocking problems" in html
    assert 'id="section-part1.context"' in html and 'id="section-part3.reflection"' in html
    assert "612 words · 300–500 words" in html and "over the limit" in html
    assert '<p class="next">cut 112 words from Context</p>' in html
    assert "drafts/a.docx, page 2, paragraph 14" in html
    assert 'class="pass"' in html and 'class="fail"' in html and "Ask yourself:" in html
    assert html.count("<article") == 1


def test_everything_is_escaped():
    html = render("html", [_report()])
    assert "<script" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;" in html
    assert "Mini &lt;Credential&gt;" in html


def test_self_contained_no_urls_no_scripts():
    html = render("html", [_report()])
    for attr in re.findall(r'\b(?:src|href|action|srcset)\s*=\s*"([^"]*)"', html):
        assert attr.startswith("#"), attr
    assert "http://" not in html and "https://" not in html
    assert "@import" not in html and "url(" not in html
    assert "default-src 'none'" in html


def test_ready_report_and_several_submissions():
    ready = _report(findings=(), sections=(_report().sections[0].__class__(
        "part1.context", "part1", "Context", True, 400, LimitInfo(300, 500, True, ""), "ok"),))
    html = render("html", [ready])
    assert "✓ READY" in html and "Nothing to fix." in html
    both = render("html", [ready, _report()])
    assert "1 of 2 submissions ready." in both and both.count("<article") == 2




@pytest.fixture
def report_file(cli, tmp_path):
    folder = tmp_path / "draft"
    assert cli("init", "cultivating-shared-purpose", "-o", folder).exit_code == 0
    out = tmp_path / "report.html"
    r = cli("check", folder, "--format", "html", "--output", out)
    assert r.exit_code == 1, r.stderr
    return out


def test_check_writes_an_html_report(report_file):
    html = report_file.read_text(encoding="utf-8")
    assert "NOT READY" in html and "part1.team-and-challenge" in html
    assert "replace each placeholder with your own text, or delete it" in html


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=120,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_renders_in_a_real_browser_on_a_phone_sized_window(report_file, tmp_path):
    dom = _chromium(tmp_path, "--dump-dom", report_file.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    text = re.sub(r"<[^>]+>", " ", dom.stdout)
    assert "NOT READY" in text
    assert "part1.team-and-challenge" in text
    assert "replace each placeholder with your own text, or delete it" in text
    assert ("Rubric checklist" in text) == ("Rubric checklist" in report_file.read_text(encoding="utf-8"))

    png = tmp_path / "phone.png"
    shot = _chromium(tmp_path, f"--screenshot={png}", "--window-size=412,900", report_file.as_uri())
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert png.is_file() and png.stat().st_size > 10_000
    with png.open("rb") as handle:
        head = handle.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    assert (width, height) == (412, 900)


def test_the_footer_names_the_counter_that_made_the_numbers():
    assert "Word counts follow Microsoft Word." in render("html", [_report()])
    spaces = render("html", [_report(counter="whitespace")])
    assert "split at spaces" in spaces and "Microsoft Word" not in spaces

"""Text from users' files and their names is shown, never obeyed, by every output.

A folder holds a draft whose name carries an OSC "set window title" sequence and whose
heading and placeholder carry OSC, CSI and bidi characters, and an empty file named with
a CSI sequence (a read-problem finding quoting its name). Each format is run end to end
through the CLI: the raw sequences never reach the output, the escaped forms do, and JSON
and SARIF give back the exact names.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree as ET

import pytest

from mccheck.safe_text import printable, printable_fields, to_json

SPEC = Path(__file__).parent / "data" / "specs" / "mini.yaml"
OSC = "\x1b]0;pwned\x07"  # sets the terminal window title to "pwned"
CSI = "\x1b[31m"  # turns the rest of the line red
RLO = "\u202e"  # right-to-left override: the rest of the line is shown reversed
DRAFT_NAME = f"draft{OSC}.md"
EMPTY_NAME = f"notes{CSI}.md"
SHOWN_DRAFT = r"draft\x1b]0;pwned\x07.md"
SHOWN_EMPTY = r"notes\x1b[31m.md"
HEADING = f"# Notes {CSI}red{OSC} {RLO}desrever"
SHOWN_HEADING = r"Notes \x1b[31mred\x1b]0;pwned\x07 <U+202E>desrever"  # quoted by unassigned-text
SGR = re.compile(r"\x1b\[[0-9;]*m")  # the colour codes rich itself writes


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "sub"
    folder.mkdir()
    (folder / DRAFT_NAME).write_text(
        f"{HEADING}\n\n"
        f"Our school {RLO}serves families from many places, and this text matches no section at all.\n\n"
        "[Insert your name here]\n",
        encoding="utf-8",
    )
    (folder / EMPTY_NAME).write_bytes(b"")
    return folder


def _check(cli, folder: Path, fmt: str, monkeypatch, color: bool = False):
    monkeypatch.setenv("FORCE_COLOR" if color else "NO_COLOR", "1")
    monkeypatch.delenv("NO_COLOR" if color else "FORCE_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "400")  # no folding inside the names looked for
    monkeypatch.chdir(folder.parent)
    result = cli("check", folder.name, "-c", SPEC, "-f", fmt)
    assert result.exit_code == 1, result.stderr
    assert result.stderr == ""
    return result.stdout


# ------------------------------------------------------------------ the text formats


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "github", "html", "junit"])
def test_text_formats_show_escapes_instead_of_obeying_them(cli, hostile, monkeypatch, fmt):
    out = _check(cli, hostile, fmt, monkeypatch)
    assert "\x1b" not in out and "\x07" not in out and RLO not in out
    assert SHOWN_EMPTY in out  # the unreadable file's name, in its read-problem finding
    assert SHOWN_DRAFT in out.replace("&lt;", "<") or fmt == "junit"  # junit names no files
    assert SHOWN_HEADING in out.replace("&lt;", "<").replace("&gt;", ">")


def test_terminal_in_colour_writes_only_its_own_colour_codes(cli, hostile, monkeypatch):
    out = _check(cli, hostile, "terminal", monkeypatch, color=True)
    assert SGR.search(out), "colour was not on"
    plain = SGR.sub("", out)
    assert "\x1b" not in plain and "\x07" not in plain and RLO not in plain
    assert SHOWN_DRAFT in plain and SHOWN_EMPTY in plain


def test_junit_is_well_formed_xml(cli, hostile, monkeypatch):
    root = ET.fromstring(_check(cli, hostile, "junit", monkeypatch))
    failures = [f.get("message") for f in root.iter("failure")]
    assert any(SHOWN_EMPTY in (m or "") for m in failures)


def test_html_shows_a_bidi_override_as_text(cli, hostile, monkeypatch):
    out = _check(cli, hostile, "html", monkeypatch)
    assert "&lt;U+202E&gt;desrever" in out  # made visible, then HTML-escaped


def test_markdown_keeps_the_table_intact(cli, hostile, monkeypatch):
    out = _check(cli, hostile, "markdown", monkeypatch)
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert rows and all(row.endswith("|") for row in rows)


# ------------------------------------------------------------------ exact formats


def test_json_round_trips_the_exact_names_and_text(cli, hostile, monkeypatch):
    out = _check(cli, hostile, "json", monkeypatch)
    assert "\x1b" not in out and "\x07" not in out and RLO not in out  # written as \u escapes
    data = json.loads(out)
    assert {Path(f).name for f in data["files"]} == {DRAFT_NAME, EMPTY_NAME}
    messages = [f["message"] for f in data["findings"]]
    assert any(EMPTY_NAME in m for m in messages)
    assert any(HEADING.lstrip("# ") in m for m in messages)


def test_sarif_round_trips_the_exact_uris(cli, hostile, monkeypatch):
    out = _check(cli, hostile, "sarif", monkeypatch)
    assert "\x1b" not in out and "\x07" not in out
    uris = {
        Path(unquote(loc["physicalLocation"]["artifactLocation"]["uri"])).name  # percent-encoded, exact once decoded
        for result in json.loads(out)["runs"][0]["results"]
        for loc in result.get("locations", ())
    }
    assert EMPTY_NAME in uris and DRAFT_NAME in uris


# ------------------------------------------------------------------ other outputs


def test_an_error_naming_the_file_is_one_safe_line(cli, tmp_path, monkeypatch):
    name = f"old{CSI}{OSC}.doc"
    (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0 not really a doc")
    monkeypatch.chdir(tmp_path)
    result = cli("check", name, "-c", SPEC)
    assert result.exit_code == 2
    assert result.stderr == (
        r"mccheck: old\x1b[31m\x1b]0;pwned\x07.doc: is in the old Word 97-2003 format: "
        "save as .docx (File > Save As > Word Document)\n"
    )


def test_count_and_sections_text_output(cli, hostile, monkeypatch):
    monkeypatch.chdir(hostile.parent)
    for args in (["count", hostile.name], ["sections", hostile.name, "-c", SPEC]):
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout, args
        assert SHOWN_DRAFT in result.stdout


def test_count_shows_markup_in_a_heading_as_text(cli, tmp_path, monkeypatch):
    """A heading such as "[/]" is text, not rich markup (which would fail to parse)."""
    (tmp_path / "d.md").write_text("# Plans [/] and [bold]goals\n\nsome words here\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("count", "d.md")
    assert result.exit_code == 0, result.stderr
    assert "Plans [/] and [bold]goals" in result.stdout


def test_count_json_round_trips_the_heading(cli, hostile, monkeypatch):
    monkeypatch.chdir(hostile.parent)
    result = cli("count", hostile.name, "-f", "json")
    headings = [row["heading"] for row in json.loads(result.stdout)["sections"]]
    assert HEADING.lstrip("# ") in headings


def test_watch_view_shows_escapes(hostile):
    from rich.console import Console

    from mccheck import engine
    from mccheck.cli.watch import view
    from mccheck.discover import discover
    from mccheck.spec.catalog import resolve

    report = engine.check(discover([hostile])[0], resolve(str(SPEC)))
    console = Console(record=True, force_terminal=True, width=200)
    with console.capture() as captured:
        console.print(view([report], hostile / DRAFT_NAME))
    plain = SGR.sub("", captured.get())
    assert "\x1b" not in plain and "\x07" not in plain
    assert SHOWN_DRAFT in plain and SHOWN_EMPTY in plain


def test_a_file_name_that_is_not_utf8_is_shown_and_kept(cli, tmp_path, monkeypatch):
    """A name's undecodable byte (a surrogate in Python) is shown as \\xff and round-trips in JSON."""
    folder = tmp_path / "sub"
    folder.mkdir()
    try:
        raw = folder / "draft\udcff.md"  # the byte 0xff, as os.fsdecode gives it
        raw.write_bytes(b"")  # empty: a finding names it
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    (folder / "plain.md").write_text("# Notes\n\nsome words\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shown = cli("check", "sub", "-c", SPEC, "-f", "markdown", "-o", "out.md")
    assert shown.exit_code == 1, shown.stderr
    assert r"draft\xff.md" in (tmp_path / "out.md").read_text(encoding="utf-8")
    exact = cli("check", "sub", "-c", SPEC, "-f", "json", "-o", "out.json")
    assert exact.exit_code == 1, exact.stderr
    files = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["files"]
    assert str(raw.relative_to(tmp_path)) in files


# ------------------------------------------------------------------ the functions


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text, tabs\tand\nnewlines", "plain text, tabs\tand\nnewlines"),
        (OSC, r"\x1b]0;pwned\x07"),
        (CSI + "red", r"\x1b[31mred"),
        ("over\rwrite\b", r"over\x0dwrite\x08"),
        ("del\x7f c1\x9b", r"del\x7f c1\x9b"),
        ("abc\u202edef\u2066x\u2069", "abc<U+202E>def<U+2066>x<U+2069>"),
        ("zero\u200bwidth\ufeff", "zero<U+200B>width<U+FEFF>"),
        ("tag\U000e0041", "tag<U+E0041>"),
        ("bad byte \udcff", r"bad byte \xff"),
        # Joiners are part of words and emoji; accents and other scripts stay as they are.
        ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 👩\u200d🏫 café Ünïcødé 中文", None),
    ],
)
def test_printable(text, shown):
    assert printable(text) == (text if shown is None else shown)


def test_printable_fields_rebuilds_frozen_records():
    from mccheck.document import Location
    from mccheck.report import Finding

    finding = Finding("x", "error", f"bad {CSI}", "fix", None, Location(DRAFT_NAME, line=2))
    safe = printable_fields({"list": [finding], "tuple": (OSC,)})
    assert safe["list"][0].message == r"bad \x1b[31m"
    assert safe["list"][0].loc == Location(SHOWN_DRAFT, line=2)
    assert safe["tuple"] == (r"\x1b]0;pwned\x07",)


def test_to_json_escapes_but_keeps_the_exact_text():
    data = {"name": f"{OSC}{CSI}\x9b{RLO}\U000e0041\udcff é", "n": 1}
    text = to_json(data)
    assert text.isascii() is False  # "é" stays readable
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202e\U000e0041\udcff]", text.replace("\n", ""))
    assert json.loads(text) == data
    text.encode("utf-8")  # a lone surrogate would fail here

"""Build the .docx and .pdf examples from their markdown sources in examples/sources/.

Regenerate (from the repository root, in the project's virtualenv):

    python examples/make_examples.py            # every .docx and .pdf in OUTPUTS
    python examples/make_examples.py --check    # only report which outputs are missing

Then refresh the golden reports and review the diff before committing:

    python -m pytest tests/golden --update-golden

.docx files are written with python-docx. PDFs are made by writing the .docx first and
converting it with LibreOffice (``soffice --headless --convert-to pdf``); when soffice is
not on PATH the PDFs are left as they are and a note says so. The generated files are
committed, so neither mccheck nor its tests ever need LibreOffice.

The sources use a small markdown subset: ``#``/``##``/``###`` headings, paragraphs,
``- `` bullets, ``1. `` numbered items, ``> `` block quotes (Word's "Quote" style),
pipe tables and ``**bold**`` runs. The .md examples themselves (e.g.
aligning-school-mission/not-ready.md) are written by hand and not generated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"

# output (relative to examples/) -> markdown sources (relative to examples/sources/), in order
OUTPUTS: dict[str, list[str]] = {
    "aligning-school-mission/submission/Part 1 and Part 3 Written Responses.docx": [
        "aligning-school-mission/part1-part3.md"
    ],
    "aligning-school-mission/submission/Artifact 1 Comparable Mission Statements.docx": [
        "aligning-school-mission/artifact1.md"
    ],
    "aligning-school-mission/submission/Artifact 2 Good Mission Statements.docx": [
        "aligning-school-mission/artifact2.md"
    ],
    "aligning-school-mission/submission/Artifact 3 Mission Statement Analysis.pdf": [
        "aligning-school-mission/artifact3.md"
    ],
    "aligning-school-mission/submission/Artifact 4 Stakeholder Feedback.docx": [
        "aligning-school-mission/artifact4.md"
    ],
    "aligning-school-mission/submission/Artifact 5 Action Plan for Alignment.docx": [
        "aligning-school-mission/artifact5.md"
    ],
    "cultivating-shared-purpose/ready.docx": ["cultivating-shared-purpose/ready.md"],
    "collaborative-learning-culture/not-ready.pdf": ["collaborative-learning-culture/not-ready.md"],
    "collaborative-leadership/ready.pdf": ["collaborative-leadership/ready.md"],
    "collaborative-leadership/not-ready.docx": ["collaborative-leadership/not-ready.md"],
}

# Fixed document dates, so regenerating does not change the properties for no reason.
_DATE = dt.datetime(2024, 11, 4, 9, 0, 0)
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_NUMBERED = re.compile(r"^\d+\.\s+")


def _runs(paragraph, text: str) -> None:
    """Add ``text`` to ``paragraph``, turning **bold** spans into bold runs."""
    pos = 0
    for m in _BOLD.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos : m.start()])
        paragraph.add_run(m.group(1)).bold = True
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def build_docx(sources: list[Path], out: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    props = doc.core_properties
    # No author: some credentials forbid anything that identifies the teacher.
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    props.created = props.modified = _DATE
    props.revision = 1
    lines: list[str] = []
    for source in sources:
        lines.extend(source.read_text(encoding="utf-8").splitlines())
        lines.append("")
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                if not re.fullmatch(r"\|?[\s:|-]+\|?", lines[i].strip()):
                    rows.append(_cells(lines[i]))
                i += 1
            table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = ""
                    _runs(cell.paragraphs[0], f"**{value}**" if r == 0 else value)
            continue
        heading = re.match(r"^(#{1,3})\s+(.*)$", line)
        if heading:
            doc.add_heading(heading.group(2), level=len(heading.group(1)))
        elif line.startswith("> "):
            _runs(doc.add_paragraph(style="Quote"), line[2:])
        elif line.startswith("- "):
            _runs(doc.add_paragraph(style="List Bullet"), line[2:])
        elif _NUMBERED.match(line):
            _runs(doc.add_paragraph(style="List Number"), _NUMBERED.sub("", line))
        else:
            _runs(doc.add_paragraph(), line)
        i += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)


def build_pdf(sources: list[Path], out: Path, soffice: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / (out.stem + ".docx")
        build_docx(sources, docx)
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=180,
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(tmp) / (out.stem + ".pdf"), out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only list outputs that are missing")
    parser.add_argument("only", nargs="*", help="build only outputs whose path contains one of these")
    args = parser.parse_args(argv)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    missing = 0
    for rel, sources in OUTPUTS.items():
        if args.only and not any(o in rel for o in args.only):
            continue
        out = HERE / rel
        if args.check:
            if not out.exists():
                print(f"missing: {rel}")
                missing += 1
            continue
        paths = [SOURCES / s for s in sources]
        if out.suffix == ".docx":
            build_docx(paths, out)
        elif soffice is None:
            print(f"skipped (LibreOffice's soffice is not on PATH): {rel}", file=sys.stderr)
            continue
        else:
            build_pdf(paths, out, soffice)
        print(f"{out.stat().st_size // 1024:>4} kB  {rel}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())

"""Build the same draft as markdown, docx and PDF, for tests/test_crossformat.py.

Run from the repo root:  python tests/data/crossformat/make_crossformat.py
Needs python-docx; the PDF needs LibreOffice (`soffice`), used only here, never by mccheck.
The docx carries a running header and a page-number footer; the PDF repeats them on
every page, so the test also proves that headers, footers and page numbers are not counted.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

SECTIONS = [
    ("Part 1. Overview question", [
        "Our school's collaborative learning culture began in September with a simple promise: "
        "every teacher's voice counts. We met weekly, and the considerations we made to engage "
        "teachers included time, trust and choice.",
        "Teachers chose the problems we worked on — reading fluency, math discourse and/or "
        "attendance — and we kept a shared log at https://example.org/log so nobody missed a "
        "decision. About 1,000 minutes of planning time were protected across 3.5 months.",
        "We used well-known protocols: state-of-the-art tuning protocols, "
        "consultancy protocols and learning walks. Small groups of 3-6 people kept the talk "
        "focused, and norms were revisited at the start of each session.",
    ] * 3),
    ("Part 3. Reflection", [
        "This collaborative culture of learning among adults is changing the school culture. "
        "Teachers don't wait for a workshop anymore; they visit each other's classes, and the "
        "impact of purposeful, consistent adult learning on instruction shows in shared lessons.",
        "Moving forward, my practice will change: I will build in more reflection time, "
        "protect teachers' choice of problems, and ask for feedback after every session — "
        "because what we learned together is what we actually use.",
    ] * 3),
]


def markdown() -> str:
    out = []
    for title, paragraphs in SECTIONS:
        out.append(f"# {title}\n")
        out.extend(p + "\n" for p in paragraphs)
    return "\n".join(out)


def build_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Collaborative Learning Culture — Draft 2"
    footer = section.footer.paragraphs[0]
    footer.text = "Page "
    run = footer.add_run()
    # A PAGE field, so each PDF page prints its own number.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.text = text
        run._r.append(el)
    for title, paragraphs in SECTIONS:
        document.add_heading(title, level=1)
        for p in paragraphs:
            document.add_paragraph(p)
    document.save(path)


def main() -> int:
    (HERE / "draft.md").write_text(markdown(), encoding="utf-8")
    build_docx(HERE / "draft.docx")
    soffice = shutil.which("soffice")
    if not soffice:
        print("soffice not found: draft.pdf not rebuilt", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(HERE), str(HERE / "draft.docx")],
            check=True, capture_output=True, timeout=180,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

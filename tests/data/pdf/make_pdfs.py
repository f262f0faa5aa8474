"""Regenerate the PDF test files in this folder. Tests never run this.

    python tests/data/pdf/make_pdfs.py            # all files
    python tests/data/pdf/make_pdfs.py --big out.pdf   # ~300-page timing PDF (not committed)

Two sources:
* LibreOffice (``soffice --headless``, e.g. ``apt-get install libreoffice-writer-nogui``) turns
  python-docx documents into the realistic drafts: ``draft-outline.pdf`` (6 pages, running
  header "Jane Doe — Draft", footer "Page N of M", Heading 1/2 styles, a bullet list, exported
  with bookmarks) and ``draft-plain.pdf`` (same text, no bookmarks).
* A tiny raw PDF writer below (standard Helvetica, no embedded fonts) for exact layouts:
  ``hyphenated.pdf`` (line-end hyphenation), ``mixed-scan.pdf`` (a text page and an image-only
  page), ``scan.pdf`` (image only), ``page-loop.pdf`` (a page tree that contains itself) and,
  via pypdf, ``password.pdf`` (user password "secret"), ``owner-only.pdf`` (owner password
  only, opens without a password) and ``owner-only-aes.pdf`` (the same with AES-256).
  ``raw_pdf`` also builds the layouts the reader tests write on the fly (tables, bold and
  italic runs, rotated lines, Form XObjects, overprinted text).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

PARAGRAPH = (
    "Our grade four team met every week to look at student writing together. We sorted the "
    "drafts by the rubric, talked about what the strongest pieces had in common, and chose one "
    "small teaching move to try before the next meeting. Over six weeks the share of students "
    "who organised their ideas into clear paragraphs rose from about a third to well over half, "
    "and the conversations changed from complaints about effort to questions about instruction."
)

SECTIONS = [
    ("Part 1: Context", ["Our school and classroom", "The students"]),
    ("Part 2: Evidence", ["Artifact 1: Lesson plan", "Artifact 2: Student work"]),
    ("Part 3: Reflection", ["What changed", "Next steps"]),
]


# ------------------------------------------------------------------ LibreOffice drafts


def _docx(path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "Jane Doe — Draft"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    for name in ("PAGE", "NUMPAGES"):
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), name)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        footer._p.append(field)
        if name == "PAGE":
            footer.add_run(" of ")
    for part, subs in SECTIONS:
        doc.add_heading(part, level=1)
        for sub in subs:
            doc.add_heading(sub, level=2)
            for _ in range(5):
                doc.add_paragraph(PARAGRAPH)
            for item in ("Sorted drafts by rubric level.", "Chose one teaching move."):
                doc.add_paragraph(item, style="List Bullet")
    doc.save(path)


def _soffice(docx: Path, out: Path, bookmarks: bool) -> None:
    options = {"ExportBookmarks": {"type": "boolean", "value": "true" if bookmarks else "false"}}
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile",
             "--convert-to", f"pdf:writer_pdf_Export:{json.dumps(options)}", "--outdir", tmp,
             str(docx)],
            check=True, capture_output=True, timeout=300,
        )
        shutil.move(str(Path(tmp) / (docx.stem + ".pdf")), out)


def make_drafts() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / "draft.docx"
        _docx(docx)
        _soffice(docx, HERE / "draft-outline.pdf", bookmarks=True)
        _soffice(docx, HERE / "draft-plain.pdf", bookmarks=False)


def make_big(out: Path, pages: int = 300) -> None:
    """A long draft for timing (about ``pages`` pages); not committed."""
    from docx import Document

    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "Jane Doe — Draft"
    for i in range(pages * 11 // 2):  # about 5.5 paragraphs per page
        if i % 10 == 0:
            doc.add_heading(f"Section {i // 10 + 1}", level=1)
        doc.add_paragraph(PARAGRAPH)
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / (out.stem + ".docx")
        doc.save(docx)
        _soffice(docx, out, bookmarks=True)


# ------------------------------------------------------------------ raw PDF writer


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


FONTS = {"R": b"Helvetica", "B": b"Helvetica-Bold", "I": b"Helvetica-Oblique", "S": b"Times-Roman"}


def _show(x: float, y: float, size: float, text: str, font: str = "R", angle: float = 0.0) -> bytes:
    """One line of text: ``font`` is a key of FONTS, ``angle`` turns it (degrees, counter-clockwise)."""
    import math

    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    return b"BT /F%s %g Tf %.4f %.4f %.4f %.4f %g %g Tm (%s) Tj ET" % (
        font.encode(), size, c, s, -s, c, x, y, _escape(text))


def raw_pdf(pages: list[dict], *, loop: bool = False) -> bytes:
    """A minimal PDF with the standard fonts of FONTS. Each page is a dict:

    ``lines``: (x, y, size, text[, font[, angle]]) tuples; ``image``: an image-only area;
    ``form``: lines drawn inside a Form XObject, placed with the matrix ``form_cm``;
    ``squares``: (x, y, side) filled squares, as a browser paints list bullets.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    fonts = b" ".join(
        b"/F%s %d 0 R" % (key.encode(), add(b"<< /Type /Font /Subtype /Type1 /BaseFont /%s "
                                             b"/Encoding /WinAnsiEncoding >>" % name))
        for key, name in FONTS.items()
    )
    pages_id = len(objects) + 1
    add(b"")  # placeholder for the page tree
    kids = []
    for page in pages:
        ops = [_show(*line) for line in page.get("lines", [])]
        ops += [b"%g %g %g %g re f" % (x, y, side, side) for x, y, side in page.get("squares", [])]
        resources = b"/Font << %s >>" % fonts
        xobjects = []
        if page.get("image"):
            pixels = bytes((i * 7) % 256 for i in range(64 * 64))
            data = zlib.compress(pixels)
            image = add(
                b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(data)
                + data + b"\nendstream"
            )
            xobjects.append(b"/Im1 %d 0 R" % image)
            ops.append(b"q 400 0 0 500 100 200 cm /Im1 Do Q")
        if page.get("form"):
            body = b"\n".join(_show(*line) for line in page["form"])
            form = add(b"<< /Type /XObject /Subtype /Form /BBox [0 0 2000 2000] /Resources << /Font << %s >> >> "
                       b"/Length %d >>\nstream\n" % (fonts, len(body)) + body + b"\nendstream")
            xobjects.append(b"/Fm1 %d 0 R" % form)
            ops.append(b"q %s cm /Fm1 Do Q" % b" ".join(b"%g" % v for v in page.get("form_cm", (1, 0, 0, 1, 0, 0))))
        if xobjects:
            resources += b" /XObject << %s >>" % b" ".join(xobjects)
        content = b"\n".join(ops)
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << %s >> "
            b"/Contents %d 0 R >>" % (pages_id, resources, stream)
        ))
    kid_refs = b" ".join(b"%d 0 R" % k for k in kids)
    if loop:  # the page tree lists itself as a kid
        kid_refs += b" %d 0 R" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kid_refs, len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, xref)
    return bytes(out)


def _flow(lines: list[str], top: int = 720, size: int = 11, pitch: int = 14) -> list[tuple]:
    """Lines down a page; an empty string leaves a paragraph gap."""
    out, y = [], top
    for text in lines:
        if text:
            out.append((72, y, size, text))
            y -= pitch
        else:
            y -= pitch  # an extra blank pitch: a paragraph break
    return out


HYPHENATED = [
    "Teachers in our building worked as a collabo-",
    "rative team on the new writing units and shared",
    "evidence from every class-",
    "room at the meetings each week of the term, looking at",
    "the self-",
    "regulation routines the students had used while",
    "they drafted, revised and edited their work. We",
    "also read about the Anglo-",
    "Saxon roots of many spelling patterns together.",
    "",
    "A second paragraph starts after a gap and ends here.",
]


def make_raw() -> None:
    (HERE / "hyphenated.pdf").write_bytes(raw_pdf([{"lines": _flow(HYPHENATED)}]))
    text_page = {"lines": _flow(["Part 1: Context", "", "This page has a text layer and eight words."])}
    (HERE / "mixed-scan.pdf").write_bytes(raw_pdf([text_page, {"image": True}]))
    (HERE / "scan.pdf").write_bytes(raw_pdf([{"image": True}, {"image": True}]))
    (HERE / "page-loop.pdf").write_bytes(raw_pdf([text_page], loop=True))

    from pypdf import PdfReader, PdfWriter

    for name, user, owner, algorithm in (("password.pdf", "secret", "owner", "RC4-128"),
                                         ("owner-only.pdf", "", "owner", "RC4-128"),
                                         ("owner-only-aes.pdf", "", "owner", "AES-256")):
        writer = PdfWriter(clone_from=PdfReader(HERE / "hyphenated.pdf"))
        writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
        with open(HERE / name, "wb") as fh:
            writer.write(fh)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--big":
        make_big(Path(sys.argv[2]))
    else:
        make_raw()
        make_drafts()
        for pdf in sorted(HERE.glob("*.pdf")):
            print(f"{pdf.name}: {pdf.stat().st_size} bytes")

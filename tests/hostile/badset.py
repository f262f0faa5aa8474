"""The hostile and broken input set, generated at test time (nothing large is committed).

    python tests/hostile/badset.py OUT_DIR     # materialise the set to look at it

Each ``Case`` is one `mccheck check` run: the arguments (file names relative to the set's
folder), the exit codes allowed, and a fragment the one-line error (exit 2) or a finding's
message (exit 1, read from ``--format json``) must contain. ``tests/test_hostile.py`` runs
every case in a subprocess and asserts the exit code, one clean stderr line and no
traceback, a time limit, a memory limit, and that no input changed.

The few fixed files are in ``tests/data/bad/`` (tiny specs); the PDFs are copied from
``tests/data/pdf/``. Everything else is built here from a few bytes of Python.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
PDF_DATA = TESTS / "data" / "pdf"
STATIC = TESTS / "data" / "bad"
CRED = "collaborative-learning-culture"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

DRAFT = """# Part 1. Overview question

We built a collaborative learning culture by agreeing on norms and choosing problems together.

# Part 3. Reflection

Teachers now visit each other's classes, and I will build in more reflection time.
"""


# ----------------------------------------------------------------------------- builders


def document_xml(body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    ).encode()


def docx_bytes(body_xml: bytes | None = None, extra: dict[str, bytes] | None = None,
               compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal .docx: content types, package rels and word/document.xml (unless None)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        if body_xml is not None:
            z.writestr("word/document.xml", body_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def simple_docx() -> bytes:
    paras = "".join(
        f"<w:p><w:r><w:t xml:space=\"preserve\">{line}</w:t></w:r></w:p>"
        for line in DRAFT.replace("# ", "").splitlines() if line.strip()
    )
    return docx_bytes(document_xml(paras))


def patch_central_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the uncompressed size ``name`` declares, in its local and central headers."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(name)
    encoded = size.to_bytes(4, "little")
    out[info.header_offset + 22 : info.header_offset + 26] = encoded
    cd = out.find(b"PK\x01\x02")
    while out[cd + 46 : cd + 46 + len(name)] != name.encode():
        cd = out.find(b"PK\x01\x02", cd + 4)
    out[cd + 24 : cd + 28] = encoded
    return bytes(out)


def set_encrypted_flag(data: bytes) -> bytes:
    """Mark every entry as encrypted (general purpose flag bit 0) in the central directory."""
    out = bytearray(data)
    cd = out.find(b"PK\x01\x02")
    while cd != -1:
        out[cd + 8] |= 0x01
        cd = out.find(b"PK\x01\x02", cd + 4)
    return bytes(out)


def set_zip_version(data: bytes, version: int) -> bytes:
    """Claim every entry needs zip version ``version`` / 10 to extract (central directory)."""
    out = bytearray(data)
    cd = out.find(b"PK\x01\x02")
    while cd != -1:
        out[cd + 6 : cd + 8] = version.to_bytes(2, "little")
        cd = out.find(b"PK\x01\x02", cd + 4)
    return bytes(out)


def ole_bytes(stream_name: str | None) -> bytes:
    """An OLE2 compound file header and one directory sector (enough for the sniffers)."""
    sector = bytearray(512)
    if stream_name:
        encoded = (stream_name + "\0").encode("utf-16-le")
        sector[128 : 128 + len(encoded)] = encoded
        sector[128 + 64 : 128 + 66] = len(encoded).to_bytes(2, "little")
    return OLE2_MAGIC + b"\0" * 504 + bytes(sector)


def raw_pdf(objects: list[bytes], root: int = 1, xref_ok: bool = True) -> bytes:
    """A PDF from numbered object bodies (object i+1 is objects[i]), with an xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % (off if xref_ok else off + 7)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, xref if xref_ok else xref + 13)
    return bytes(out)


def text_page_pdf(text: str) -> list[bytes]:
    stream = b"BT /F1 12 Tf 72 720 Td (" + text.encode() + b") Tj ET"
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def many_pages_pdf(n: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"] * n
    return raw_pdf(objects)


def sparse(path: Path, size: int) -> None:
    with open(path, "wb") as f:
        f.truncate(size)


# ----------------------------------------------------------------------------- cases


@dataclass
class Case:
    id: str
    args: list[str]  # after "check -c CRED --format json" (paths relative to the set's folder)
    codes: tuple[int, ...]  # exit codes allowed
    gist: str | tuple[str, ...] = ""  # in the stderr line (exit 2) or a finding (exit 1); a tuple: any of
    env: dict[str, str] = field(default_factory=dict)
    credential: bool = True  # add "-c CRED" (spec cases give their own; folder configs name one)
    seconds: float = 30.0  # wall-clock limit for the run (the set's folder is the working directory)


Builder = Callable[[Path], None]
CASES: list[tuple[Case, Builder]] = []


def case(id: str, args: list[str], codes: tuple[int, ...], gist: str = "", **kw):
    def register(build: Builder) -> Builder:
        CASES.append((Case(id, args, codes, gist, **kw), build))
        return build
    return register


def _write(rel: str, data: bytes | str) -> Builder:
    def build(d: Path) -> None:
        path = d / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    return build


def add(id: str, rel: str, data: bytes | str, codes: tuple[int, ...], gist: str = "", extra: list[str] = (), **kw):
    CASES.append((Case(id, [rel, *extra], codes, gist, **kw), _write(rel, data)))


# -- zip-based formats
add("docx-ratio-bomb", "ratio-bomb.docx",
    docx_bytes(document_xml(""), {"word/padding.xml": b"\0" * (4 * 1024 * 1024)}), (2,),
    "compressed more than 200:1")
add("docx-declared-total", "declared-total.docx",
    patch_central_size(docx_bytes(document_xml("")), "word/document.xml", 400 * 1024 * 1024), (2,),
    "would expand to more than 300 MB")
add("docx-lying-size", "lying-size.docx",
    patch_central_size(docx_bytes(document_xml("<w:p><w:r><w:t>" + "words " * 400 + "</w:t></w:r></w:p>")),
                       "word/document.xml", 100), (2,), ("larger than it declares", "cannot be unpacked"))
add("docx-too-many-entries", "many-entries.docx",
    docx_bytes(document_xml(""), {f"word/media/x{i}.bin": b"" for i in range(5001)},
               compression=zipfile.ZIP_STORED), (2,), "parts inside, more than the 5000")
add("docx-billion-laughs", "billion-laughs.docx",
    docx_bytes(b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
               b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
               b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
               b'<w:document xmlns:w="' + W.encode() + b'"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r>'
               b"</w:p></w:body></w:document>"), (2,), "contains XML entity declarations")
add("docx-external-entity", "xxe.docx",
    docx_bytes(b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               b'<w:document xmlns:w="' + W.encode() + b'"><w:body><w:p><w:r><w:t>&x;</w:t></w:r>'
               b"</w:p></w:body></w:document>"), (2,), "contains XML entity declarations")
add("docx-no-document-xml", "no-body.docx", docx_bytes(None), (2,), "word/document.xml")
add("docx-not-wordprocessingml", "not-word.docx",
    docx_bytes(b'<?xml version="1.0"?><html><body>hi</body></html>'), (2,), "is not a Word document")
add("docx-damaged-xml", "damaged-xml.docx", docx_bytes(b"<w:document><w:body>"), (2,), "has a damaged part")
add("docx-truncated", "truncated.docx", simple_docx()[:300], (2,), "save it again from Word")
add("docx-encrypted-entries", "zip-encrypted.docx", set_encrypted_flag(simple_docx()), (2,), "password-protected")
add("docx-unknown-zip-version", "zip-version.docx", set_zip_version(simple_docx(), 84), (2,),
    "is damaged (not a readable zip)")  # found by fuzzing: zipfile raised NotImplementedError
add("docx-empty-zip", "empty-zip.docx", b"PK\x05\x06" + b"\0" * 18, (2,), "word/document.xml")
add("docx-encrypted-office", "encrypted.docx", ole_bytes("EncryptionInfo"), (2,), "is password-protected")
add("docx-legacy-renamed", "legacy-renamed.docx", ole_bytes("WordDocument"), (2,), "old Word 97-2003 .doc")
add("doc-legacy", "legacy.doc", ole_bytes("WordDocument"), (2,), "old Word 97-2003 format: save as .docx")
add("docx-is-text", "text.docx", "just some text\n", (2,), "is not a Word .docx file")
add("docx-is-pdf", "pdf-named.docx", raw_pdf(text_page_pdf("hello")), (2,), "is a PDF file with a .docx name")
add("docx-is-rtf", "rtf-named.docx", "{\\rtf1 hello}", (2,), "is a Rich Text (.rtf) file")
add("odt-convertible", "draft.odt", b"PK\x03\x04odt", (2,), "OpenDocument")

# -- PDF
add("pdf-not-a-pdf", "not.pdf", b"%PDF-1.4 this is not really a pdf", (2,), "is damaged or not a PDF")
add("pdf-html", "html.pdf", "<html><body>Saved web page</body></html>", (2,), "is damaged or not a PDF")
add("pdf-broken-xref", "broken-xref.pdf", raw_pdf(text_page_pdf("Part 1. Overview words"), xref_ok=False), (1, 2))
add("pdf-no-xref", "no-xref.pdf",
    raw_pdf(text_page_pdf("Part 1. Overview words")).split(b"xref")[0] + b"%%EOF\n", (1, 2))
add("pdf-huge-page-count", "huge-page-count.pdf", many_pages_pdf(5001), (2,),
    "pages, more than the limit of 5000", seconds=60)
add("pdf-lying-page-count", "lying-count.pdf",
    raw_pdf([*text_page_pdf("hello")[:1], b"<< /Type /Pages /Kids [3 0 R] /Count 999999999 >>",
             *text_page_pdf("hello")[2:]]), (1, 2))
add("pdf-kids-loop", "kids-loop.pdf",
    raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
             b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"]), (1, 2))
add("pdf-empty-page-tree", "no-pages.pdf",
    raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]), (2,),
    "is damaged or not a PDF")
add("pdf-blank-page", "blank.pdf",
    raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
             b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]), (1,))
add("pdf-big-sparse", "big.pdf", b"", (2,), "above the 100 MB limit; raise it with --max-file-size")
CASES[-1] = (CASES[-1][0], lambda d: sparse(d / "big.pdf", 101 * 1024 * 1024))


def _copy_pdf(name: str, rel: str) -> Builder:
    return lambda d: shutil.copyfile(PDF_DATA / name, d / rel)


def _cut_pdf(d: Path) -> None:
    data = (PDF_DATA / "draft-plain.pdf").read_bytes()
    (d / "truncated.pdf").write_bytes(data[: len(data) // 3])


CASES += [
    (Case("pdf-user-password", ["password.pdf"], (2,),
          "is password-protected: remove the password or export a new PDF"), _copy_pdf("password.pdf", "password.pdf")),
    (Case("pdf-owner-password-only", ["owner-only.pdf"], (1,)), _copy_pdf("owner-only.pdf", "owner-only.pdf")),
    (Case("pdf-page-tree-loop", ["page-loop.pdf"], (1, 2)), _copy_pdf("page-loop.pdf", "page-loop.pdf")),
    (Case("pdf-image-only", ["scan.pdf"], (1,), "scan"), _copy_pdf("scan.pdf", "scan.pdf")),
    (Case("pdf-truncated", ["truncated.pdf"], (1, 2)), _cut_pdf),
    # Found by fuzzing: pypdf raised LimitReachedError (an xref table larger than the file).
    (Case("pdf-xref-size-limit", ["xref-size-limit.pdf"], (2,), "is damaged or not a PDF",
          env={"MCCHECK_PDF_BACKEND": "pypdf"}),
     lambda d: shutil.copyfile(STATIC / "xref-size-limit.pdf", d / "xref-size-limit.pdf")),
    # One per-file time budget for every reader; pypdf forced so the read surely takes > 1 ms.
    (Case("pdf-time-budget", ["slow.pdf", "--timeout", "0.001"], (2,), "took longer than 0.001 s to read",
          env={"MCCHECK_PDF_BACKEND": "pypdf"}), _copy_pdf("draft-outline.pdf", "slow.pdf")),
]

# -- text
add("text-empty", "empty.md", b"", (2,), "is empty")
add("text-only-whitespace", "blank.md", "\n\n   \n", (1,))
add("text-nul-bytes", "nul.md", b"Part 1\0 text\n", (2,), "contains NUL bytes")
add("text-utf16-without-bom", "utf16.txt", "Part 1. Overview\n".encode("utf-16-le"), (2,), "contains NUL bytes")
add("text-bad-utf16-bom", "bad-bom.md", b"\xff\xfeP\x00a\x00r", (2,), "is marked UTF-16 LE but is not valid")
add("text-cp1252", "cp1252.md", "# Part 1. Overview\n\nCaf\u00e9 \u201cquoted\u201d\n".encode("cp1252"), (1,),
    "was not UTF-8")
add("text-binary-junk", "junk.txt", bytes(range(1, 256)) * 40, (1,), "was not UTF-8")
add("text-15mb-line", "long-line.md", "word " * 3_000_000, (1,), seconds=60)
add("text-15mb-markup-line", "long-markup.md", "a*b_c[d] " * 1_600_000, (1,), "formatting characters",
    seconds=60)
add("text-deep-blockquotes", "deep-quotes.md", ">" * 100_000 + " deep\n", (1,), "nested too deeply")
add("text-deep-lists", "deep-lists.md", "".join("  " * i + "- item\n" for i in range(1000)), (1,),
    "nested too deeply")
add("text-deep-list-markers", "deep-markers.md", "".join("- " * i + "x\n" for i in range(1, 3000)), (1,),
    "nested too deeply")
add("text-many-lines", "many-lines.md", "x\n" * 60_000, (2,), "above the 50,000-line limit")
add("text-many-pipes", "pipes.md", "|" * 60_000, (2,), "'|' characters, above the 50,000 limit")
add("text-wide-table", "wide-table.md", "|" + "a|" * 300 + "\n|" + "-|" * 300 + "\n", (1,), "tables were read as plain text")
add("text-brackets", "brackets.md", "[" * 200_000 + "\n", (1,), seconds=60)
add("text-too-big", "huge.md", b"", (2,), "above the 20 MB limit for text files; raise it with --max-file-size")
CASES[-1] = (CASES[-1][0], lambda d: sparse(d / "huge.md", 21 * 1024 * 1024))
add("text-max-file-size-small", "small-limit.md", DRAFT * 20, (2,), "raise it with --max-file-size",
    extra=["--max-file-size", "0.001"])
add("unsupported-suffix", "notes.pages", b"x", (2,), "Apple Pages")


# -- folders and names
def _symlink_loop(d: Path) -> None:
    root = d / "loop"
    (root / "sub").mkdir(parents=True)
    (root / "draft.md").write_text(DRAFT, encoding="utf-8")
    os.symlink("..", root / "sub" / "back")
    os.symlink(".", root / "self")


def _many_files(d: Path) -> None:
    root = d / "many"
    root.mkdir()
    for i in range(2001):
        (root / f"draft {i}.md").write_text("x", encoding="utf-8")


def _many_other_files(d: Path) -> None:
    root = d / "many-other"
    root.mkdir()
    (root / "draft.md").write_text(DRAFT, encoding="utf-8")
    for i in range(3000):
        (root / f"photo {i}.jpg").write_bytes(b"")


def _odd_entries(d: Path) -> None:
    root = d / "odd"
    root.mkdir()
    (root / "draft.md").write_text(DRAFT, encoding="utf-8")
    os.symlink("nowhere.md", root / "dangling.md")
    os.mkfifo(root / "pipe.md")
    (root / "folder.docx").mkdir()  # a folder with a draft's name
    (root / "folder.docx" / "inner.md").write_text("Inner text.\n", encoding="utf-8")
    (root / "unreadable.md").write_text("secret", encoding="utf-8")
    os.chmod(root / "unreadable.md", 0)
    (root / "Artifact 1 agenda.pdf").write_bytes(b"%PDF-1.4 broken")  # unreadable: a finding
    (root / "~$draft.docx").write_bytes(b"lock")


def _fifo_alone(d: Path) -> None:
    os.mkfifo(d / "alone-pipe.md")


CASES += [
    (Case("folder-symlink-loop", ["loop"], (1,)), _symlink_loop),
    (Case("folder-too-many-drafts", ["many"], (2,), "holds more than 2,000 drafts"), _many_files),
    (Case("folder-thousands-of-other-files", ["many-other"], (1,)), _many_other_files),
    (Case("folder-odd-entries", ["odd"], (1,), "Artifact 1 agenda.pdf"), _odd_entries),
    (Case("file-is-a-fifo", ["alone-pipe.md"], (2,), "is not a regular file"), _fifo_alone),
    (Case("file-is-a-directory", ["dir.docx"], (2,), "has no .docx, .pdf, .md or .txt files"),
     lambda d: (d / "dir.docx").mkdir()),
    (Case("file-dangling-link", ["dangling-alone.md"], (2,), "is a link to a file or folder that does not exist"),
     lambda d: os.symlink("nowhere", d / "dangling-alone.md")),
    (Case("file-missing", ["missing.md"], (2,), "does not exist"), lambda d: None),
    # Odd but valid names: the draft is read (0 or 1 is the verdict on its content).
    (Case("name-spaces-unicode", ["my dräft – ü.md"], (0, 1)), _write("my dräft – ü.md", DRAFT)),
    (Case("name-leading-dash-after-double-dash", ["--", "-draft.md"], (0, 1)), _write("-draft.md", DRAFT)),
    (Case("name-leading-dash-dot-slash", ["./-draft2.md"], (0, 1)), _write("-draft2.md", DRAFT)),
]


# -- specs (given with -c, or named by a folder's mccheck.yaml)
def _spec_case(id: str, spec: str, data: bytes | str | None, codes, gist, static: str | None = None):
    def build(d: Path) -> None:
        (d / "spec-draft.md").write_text(DRAFT, encoding="utf-8")
        if static:
            shutil.copyfile(STATIC / static, d / spec)
        elif data is not None:
            _write(spec, data)(d)
    CASES.append((Case(id, ["-c", spec, "spec-draft.md"], codes, gist, credential=False), build))


_spec_case("spec-python-tag", "evil.yaml", None, (2,), "tag !!python/object/apply:os.system is not allowed",
           static="evil.yaml")
_spec_case("spec-alias-bomb", "alias-bomb.yaml", None, (2,), "too many YAML aliases", static="alias-bomb.yaml")
_spec_case("spec-huge", "huge-spec.yaml", "id: x\n" + "# padding\n" * 120_000, (2,), "a credential spec may be at most 1 MB")
_spec_case("spec-not-utf8", "latin1.yaml", "id: caf\u00e9\n".encode("latin-1"), (2,), "is not UTF-8")
_spec_case("spec-wrong-types", "wrong-types.yaml",
           "id: 12\ntitle: [a, b]\nissuer: {x: 1}\npassing_rule: 3\nparts: nope\n", (2,), "wrong-types.yaml")
_spec_case("spec-not-a-mapping", "list.yaml", "- a\n- b\n", (2,), "not a mapping")
_spec_case("spec-deep", "deep.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n", (2,), "deep.yaml")
_spec_case("spec-is-a-folder", "folder.yaml", None, (2,), "folder.yaml")
CASES[-1] = (CASES[-1][0], lambda d: ((d / "spec-draft.md").write_text(DRAFT), (d / "folder.yaml").mkdir()))
_spec_case("spec-missing", "nowhere.yaml", None, (2,), "nowhere.yaml")
_spec_case("spec-not-yaml", "binary.yaml", b"\x00\x01\x02", (2,), "not valid YAML")


def _outside_spec(d: Path) -> None:
    """credential: ../../shared/school.yaml -- a spec outside the submission: allowed."""
    sub = d / "school" / "submissions" / "jane"
    sub.mkdir(parents=True)
    (sub / "draft.md").write_text(DRAFT, encoding="utf-8")
    (sub / "mccheck.yaml").write_text("credential: ../../shared/school.yaml\n", encoding="utf-8")
    shared = d / "school" / "shared"
    shared.mkdir()
    shutil.copyfile(REPO / "credentials" / f"{CRED}.yaml", shared / "school.yaml")
    # The id inside must not matter for a path; keep the bundled one.


def _outside_not_yaml(d: Path) -> None:
    sub = d / "sneaky"
    sub.mkdir()
    (sub / "draft.md").write_text(DRAFT, encoding="utf-8")
    (sub / "mccheck.yaml").write_text("credential: ../../../../etc/passwd\n", encoding="utf-8")


def _config_tag(d: Path) -> None:
    sub = d / "tagged"
    sub.mkdir()
    (sub / "draft.md").write_text(DRAFT, encoding="utf-8")
    (sub / "mccheck.yaml").write_text(
        f"credential: {CRED}\nidentity: !!python/object/apply:os.system [\"touch {d}/PWNED\"]\n", encoding="utf-8")


def _config_huge(d: Path) -> None:
    sub = d / "huge-config"
    sub.mkdir()
    (sub / "draft.md").write_text(DRAFT, encoding="utf-8")
    (sub / "mccheck.yaml").write_text(f"credential: {CRED}\n" + "#\n" * 40_000, encoding="utf-8")


def _config_latin1(d: Path) -> None:
    sub = d / "latin1-config"
    sub.mkdir()
    (sub / "draft.md").write_text(DRAFT, encoding="utf-8")
    (sub / "mccheck.yaml").write_bytes(f"credential: {CRED}\nidentity: [Jos\u00e9]\n".encode("latin-1"))


CASES += [
    (Case("config-spec-outside-folder-allowed", ["school/submissions/jane"], (1,), credential=False), _outside_spec),
    (Case("config-spec-not-yaml-refused", ["sneaky"], (2,), "credential must be a credential id or the path of a .yaml spec", credential=False),
     _outside_not_yaml),
    (Case("config-python-tag-runs-nothing", ["tagged"], (1, 2), credential=False), _config_tag),
    (Case("config-huge", ["huge-config"], (2,), "should be a few lines", credential=False), _config_huge),
    (Case("config-not-utf8", ["latin1-config"], (2,), "is not UTF-8 text", credential=False), _config_latin1),
]


def build(dest: Path) -> list[Case]:
    """Create every case's files under ``dest``; return the cases."""
    dest.mkdir(parents=True, exist_ok=True)
    for _, make in CASES:
        make(dest)
    ids = [c.id for c, _ in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    return [c for c, _ in CASES]


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bad-set")
    for c in build(out):
        print(f"{c.id:40} {' '.join(c.args)}")

"""readers.read(): suffix dispatch and the checks every file gets first."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import types
from pathlib import Path

import pytest

from mccheck import readers
from mccheck.document import Document
from mccheck.errors import InputError
from mccheck.readers.limits import MB, ReadLimits


def test_supported_suffixes():
    assert set(readers.SUPPORTED_SUFFIXES) == {".md", ".markdown", ".txt", ".docx", ".pdf"}


@pytest.mark.parametrize("name,body", [("a.md", "Body"), ("b.MARKDOWN", "Body"), ("D.Md", "Body"),
                                       ("c.txt", "*Body*"), ("e.TXT", "*Body*")])
def test_text_suffixes_use_the_markdown_or_plain_text_reader(tmp_path, name, body):
    path = tmp_path / name
    path.write_text("# Hi\n\n*Body*\n")
    doc = readers.read(path)
    assert isinstance(doc, Document)
    assert [b.text for b in doc.blocks] == ["Hi", body]  # plain text keeps its asterisks


@pytest.mark.parametrize("suffix,module", [(".docx", "docx"), (".PDF", "pdf")])
def test_binary_suffixes_dispatch_lazily(tmp_path, monkeypatch, suffix, module):
    calls = []
    fake = types.ModuleType(f"mccheck.readers.{module}")
    fake.read = lambda path, limits: calls.append((path, limits)) or Document(str(path), ())
    monkeypatch.setitem(sys.modules, f"mccheck.readers.{module}", fake)
    path = tmp_path / f"draft{suffix}"
    path.write_bytes(b"x")
    limits = ReadLimits(max_pages=3)
    readers.read(path, limits)
    assert calls == [(path, limits)]


def test_reader_exceptions_are_not_swallowed(tmp_path, monkeypatch):
    fake = types.ModuleType("mccheck.readers.pdf")

    def read(path, limits):
        raise ValueError("reader bug")

    fake.read = read
    monkeypatch.setitem(sys.modules, "mccheck.readers.pdf", fake)
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(ValueError, match="reader bug"):
        readers.read(path)


def test_import_is_lazy():
    code = (
        "import sys, mccheck.readers; "
        "bad = [m for m in ('markdown_it', 'docx', 'pypdf', 'mccheck.readers.markdown') if m in sys.modules]; "
        "assert not bad, bad"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


@pytest.mark.parametrize(
    "name,expected",
    [
        ("essay.doc", "old Word 97-2003 format: save as .docx"),
        ("essay.DOC", "old Word 97-2003 format: save as .docx"),
        ("essay.odt", "export it as .docx or PDF"),
        ("essay.pages", "export it as .docx or PDF"),
        ("essay.rtf", "export it as .docx or PDF"),
        ("essay.gdoc", "Google Docs shortcut"),
        ("photo.jpg", "is a .jpg file; mccheck reads .md, .markdown, .txt, .docx, .pdf files"),
        ("README", "has no file extension"),
    ],
)
def test_unsupported_suffix_messages(tmp_path, name, expected):
    path = tmp_path / name
    path.write_bytes(b"data")
    with pytest.raises(InputError) as e:
        readers.read(path)
    assert expected in e.value.message
    assert e.value.path == str(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        readers.read(tmp_path / "nope.docx")


def test_missing_file_with_unsupported_suffix_says_missing(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        readers.read(tmp_path / "nope.doc")


def test_dangling_symlink(tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "gone.md")
    with pytest.raises(InputError, match="link to a file that does not exist"):
        readers.read(link)


def test_directory(tmp_path):
    folder = tmp_path / "drafts.md"
    folder.mkdir()
    with pytest.raises(InputError, match="is a folder, not a file"):
        readers.read(folder)


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        readers.read(fifo)


def test_socket_is_refused(tmp_path):
    path = tmp_path / "s.txt"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
        with pytest.raises(InputError, match="not a regular file"):
            readers.read(path)
    finally:
        sock.close()


@pytest.mark.parametrize("name", ["empty.md", "empty.docx", "empty.pdf"])
def test_empty_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(InputError, match="is empty"):
        readers.read(path)


def test_too_large_small_limit(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * 3000)
    with pytest.raises(InputError) as e:
        readers.read(path, ReadLimits(max_file_bytes=1024))
    assert e.value.message == "is 3 KB, above the 1 KB limit; raise it with --max-file-size"


def test_too_large_is_checked_before_the_reader(tmp_path, monkeypatch):
    fake = types.ModuleType("mccheck.readers.docx")
    fake.read = lambda path, limits: pytest.fail("reader must not run")
    monkeypatch.setitem(sys.modules, "mccheck.readers.docx", fake)
    path = tmp_path / "big.docx"
    with path.open("wb") as f:  # sparse: no real disk use
        f.truncate(130 * MB)
    with pytest.raises(InputError) as e:
        readers.read(path)
    assert e.value.message == "is 130 MB, above the 100 MB limit; raise it with --max-file-size"


def test_permission_denied(tmp_path, monkeypatch):
    path = tmp_path / "locked.md"
    path.write_text("text")
    real_open = Path.open

    def deny(self, *a, **k):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *a, **k)

    monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(InputError, match="cannot be read: permission denied"):
        readers.read(path)


@pytest.mark.parametrize(
    "size,limit,expected",
    [
        (130 * MB, 100 * MB, ("130 MB", "100 MB")),
        (100 * MB + MB // 3, 100 * MB, ("100.3 MB", "100.0 MB")),
        (2000, 1024, ("2 KB", "1 KB")),
        (11, 10, ("11 bytes", "10 bytes")),
        (100 * MB + 1, 100 * MB, ("104,857,601 bytes", "104,857,600 bytes")),
    ],
)
def test_human_size_never_shows_equal_numbers(size, limit, expected):
    assert readers.human_size(size, limit) == expected


def test_odd_file_names(tmp_path):
    for name in ["-leading dash.md", "spaces  and  ünïcødé ✓.md", "Artifact #3 (final).txt"]:
        path = tmp_path / name
        path.write_text("Body text\n")
        assert readers.read(path).blocks[0].text == "Body text"

"""Which text engine reads a PDF: PDFium (pypdfium2) by default, pypdf as the fallback.

PDFium is faster (6 to 16 times on long files) and handles more real files: positioned
words, Form XObjects, AES encryption. pypdf is used when pypdfium2 cannot be imported on
a platform, when PDFium cannot open a file, or when ``MCCHECK_PDF_BACKEND=pypdf`` forces
it. Both give the same ``PageText`` (see ``model``), and both raise ``InputError`` with the
sentences below; both libraries are imported inside functions so ``import mccheck.cli``
stays light.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from mccheck.errors import InputError
from mccheck.readers.pdf.model import OutlineEntry, PageText
from mccheck.pdf_engine import backend_name

DAMAGED = "is damaged or not a PDF: export it again"
PASSWORD = "is password-protected: remove the password or export a new PDF"
MAX_OUTLINE_ENTRIES = 10_000  # a hostile outline cannot make us build millions of headings
MAX_OUTLINE_DEPTH = 16


class Engine(Protocol):
    name: str
    version: str  # "pdfium 8149", "pypdf 7.1.1": recorded on the Document
    page_count: int

    def page(self, index: int) -> PageText: ...

    def outline(self) -> list[OutlineEntry]: ...

    def close(self) -> None: ...


def open_pdf(path: Path) -> Engine:
    """Open ``path`` read-only with the first engine that can; InputError when none can."""
    from mccheck.readers.pdf.engine_pypdf import PypdfEngine

    if backend_name() == "pypdf":
        return PypdfEngine(path)
    try:
        from mccheck.readers.pdf.engine_pdfium import PdfiumEngine
    except ImportError:  # a platform without a pypdfium2 build
        return PypdfEngine(path)
    try:
        return PdfiumEngine(path)
    except InputError as first:
        if first.message == PASSWORD:
            raise
        # pypdf's parser forgives some damage PDFium refuses (a broken cross-reference table).
        try:
            return PypdfEngine(path)
        except InputError:
            raise first from None


@contextmanager
def quiet() -> Iterator[None]:
    """Silence pypdf's logger and warnings while it parses (they would print on stderr)."""
    logger = logging.getLogger("pypdf")
    old = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(old)

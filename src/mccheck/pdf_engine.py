"""Which engine reads PDFs first, kept out of ``readers`` so that ``--version`` imports no reader."""

from __future__ import annotations

import importlib.util
import os


def backend_name() -> str:
    """The engine ``readers.pdf.engines.open_pdf`` tries first: "pdfium" or "pypdf"."""
    forced = os.environ.get("MCCHECK_PDF_BACKEND", "").strip().lower()
    if forced == "pypdf" or importlib.util.find_spec("pypdfium2") is None:
        return "pypdf"
    return "pdfium"

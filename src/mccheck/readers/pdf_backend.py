"""Which PDF text engine is active: pypdfium2 when installed (mccheck[fast]), else pypdf."""

from __future__ import annotations

import importlib.util
import os


def backend_name() -> str:
    forced = os.environ.get("MCCHECK_PDF_BACKEND", "").strip().lower()
    if forced in ("pypdf", "pdfium"):
        return forced
    return "pdfium" if importlib.util.find_spec("pypdfium2") is not None else "pypdf"

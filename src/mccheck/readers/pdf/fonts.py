"""A PDF font name (and its descriptor, where the engine gives it) → ``Font`` with bold/italic.

Producers name fonts after the face: "ABCDEF+Arial-BoldMT", "Calibri,BoldItalic",
"TimesNewRomanPS-ItalicMT", "DejaVuSans-Bold", "MinionPro-SemiboldIt", TeX's "CMBX10" and
"CMTI10". The name is the most reliable signal (LibreOffice writes FontWeight 400 for its bold
faces); the descriptor's ForceBold and Italic flags and a FontWeight of 600 or more add to it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mccheck.readers.pdf.model import Font

_SUBSET = re.compile(r"^[A-Z]{6}\+")
# Bold, Semibold, Demi(bold), Black, Heavy, ExtraBold, "Bd"/"Blk" abbreviations; TeX's CMBX/CMB.
_BOLD = re.compile(r"bold|black|heavy|demi|semibd|smbd|(?<![a-z])(?:bd|blk)(?![a-z])|^(?:cm|sf|lm)bx?\d", re.I)
# Italic, Oblique, Kursiv, Slanted; TeX's CMTI/CMSL/CMMI.
_ITALIC = re.compile(r"italic|oblique|kursiv|slant|inclined|^(?:cm|sf|lm)(?:ti|sl|mi|bxti|bxsl)\d", re.I)
# Adobe's "-It" suffix ("MinionPro-It", "MyriadPro-BoldIt"): case matters ("Kit" is no italic).
_IT_SUFFIX = re.compile(r"[-,]\w*It(?:MT)?$")

FLAG_ITALIC = 1 << 6
FLAG_FORCE_BOLD = 1 << 18
BOLD_WEIGHT = 600


def clean_name(name: str) -> str:
    """The font name without a subset prefix ("ABCDEF+") or a leading slash."""
    return _SUBSET.sub("", name.lstrip("/"))


@lru_cache(maxsize=512)
def font(name: str, flags: int = 0, weight: int = 0) -> Font:
    """The ``Font`` for a font name and, where known, its descriptor's flags and weight."""
    name = clean_name(name)
    bold = bool(_BOLD.search(name)) or bool(flags & FLAG_FORCE_BOLD) or weight >= BOLD_WEIGHT
    italic = bool(_ITALIC.search(name) or _IT_SUFFIX.search(name)) or bool(flags & FLAG_ITALIC)
    return Font(name, bold, italic)

"""Text clean-up shared by both engines, and the test for text that could not be decoded.

A font without a usable character map gives an engine nothing to map its glyphs to; what
comes out instead is control characters (pdfium passes the raw codes), glyph names such as
"/g150" (pypdf), private-use code points, or mojibake: letters from unrelated scripts mixed
inside one word ("ϸЇ", "Θͨ͘͠ͱ͍;ݱ৅͸"). ``undecodable`` finds pages where that is a large
part of the text, so their words are reported instead of counted.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

# One table for the hot path: control characters (other than tab) carry no words; hyphen
# marks engines emit at a line-end hyphenation become "-"; typographic ligatures are split.
_CLEAN = {c: None for c in range(0x20) if c != 0x09} | str.maketrans(
    {"\x02": "-", "\u00ad": "-", "\ufffe": "-", "\u2010": "-", "\ufb00": "ff", "\ufb01": "fi",
     "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff\ud800-\udfff]")

# What an engine emits for glyphs it cannot map: control codes, U+FFFD, lone surrogates,
# glyph names ("/g150", "/uni0041", "/cid12"), pdfminer-style "(cid:12)".
# (Two patterns: a plain character class scans a page many times faster than an alternation.)
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd\ud800-\udfff]")
_GLYPH_NAMES = re.compile(r"(?:/(?:g|G|cid|uni|glyph)[0-9A-Fa-f]{1,6})+|\(cid:\d+\)")
# Anything outside Latin, general punctuation and symbols: only such pages need the
# per-word script test (ordinary English drafts never reach it).
_NOT_LATIN = re.compile("[^\x00-\u024f\u2000-\u2bff\ufb00-\ufb06\u00a0-\u00ff\ue000-\uf8ff]")
BAD_SHARE = 0.1  # of a page's visible characters
BAD_MIN = 8  # characters: a stray icon is not a broken font

# Unicode blocks by script, enough to tell mojibake from real mixed-script text.
_SCRIPT_STARTS, _SCRIPTS = zip(*[
    (0x0000, ""), (0x0041, "latin"), (0x0250, "latin"), (0x02B0, ""), (0x0370, "greek"),
    (0x0400, "cyrillic"), (0x0530, "armenian"), (0x0590, "hebrew"), (0x0600, "arabic"),
    (0x0700, "syriac"), (0x0750, "arabic"), (0x0780, "thaana"), (0x07C0, "nko"),
    (0x0800, "other"), (0x08A0, "arabic"), (0x0900, "devanagari"), (0x0980, "bengali"),
    (0x0A00, "gurmukhi"), (0x0A80, "gujarati"), (0x0B00, "oriya"), (0x0B80, "tamil"),
    (0x0C00, "telugu"), (0x0C80, "kannada"), (0x0D00, "malayalam"), (0x0D80, "sinhala"),
    (0x0E00, "thai"), (0x0E80, "lao"), (0x0F00, "tibetan"), (0x1000, "myanmar"),
    (0x10A0, "georgian"), (0x1100, "cjk"), (0x1200, "ethiopic"), (0x13A0, "other"),
    (0x1E00, "latin"), (0x1F00, "greek"), (0x2000, ""), (0x2E80, "cjk"), (0xA000, "other"),
    (0xAC00, "cjk"), (0xD7B0, "other"), (0xF900, "cjk"), (0xFB00, "latin"), (0xFB1D, "hebrew"),
    (0xFB50, "arabic"), (0xFE00, ""), (0xFE70, "arabic"), (0xFF00, "cjk"), (0xFFF0, ""),
    (0x10000, "other"), (0x20000, "cjk"), (0x30000, "other"),
])
# Latin letters (and digits) sit next to any one other script in real text: "Geomagic进行",
# "μm", a transliteration. Mojibake mixes two non-Latin scripts, or three of any.
_EASY_MIX = "latin"


# What ``clean_line`` changes besides spacing (line breaks aside: they separate lines).
_NEEDS_CLEANING = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\u00ad\ufffe\u2010\ufb00-\ufb06\ue000-\uf8ff\ud800-\udfff\U000f0000-\U0010ffff]"
)


def needs_cleaning(text: str) -> bool:
    """Does ``clean_line`` do more than collapse spaces anywhere in ``text``? (One scan a page.)"""
    return _NEEDS_CLEANING.search(text) is not None


def clean_line(text: str) -> str:
    """Normalise one line the same way for both engines."""
    text = " ".join(text.translate(_CLEAN).split())
    # Word and LibreOffice draw bullets from Symbol/Wingdings, which map to the private-use
    # area (U+F0B7 is Symbol's "•"): a private-use character starting a line is a bullet.
    if len(text) > 2 and is_private(text[0]) and text[1] == " ":
        text = "•" + text[1:]
    if _PRIVATE_USE.search(text):  # rare: a regex, not a per-character loop, on the hot path
        text = " ".join(_PRIVATE_USE.sub("", text).split())
    return text


def is_private(ch: str) -> bool:
    """Is ``ch`` a private-use code point (an icon or a glyph without a character)?"""
    return 0xE000 <= ord(ch) <= 0xF8FF or ord(ch) >= 0xF0000


def undecodable(raw: str) -> bool:
    """Does an engine's raw page text consist largely of unmapped glyphs or mojibake?"""
    bad = len(_BAD_CHARS.findall(raw)) + _private_count(raw)
    if "/" in raw or "(cid:" in raw:
        bad += sum(len(m) for m in _GLYPH_NAMES.findall(raw))
    if _NOT_LATIN.search(raw):
        bad += _mojibake_count(raw)
    if bad < BAD_MIN:
        return False
    visible = len(raw) - sum(raw.count(c) for c in " \r\n\t")
    return bad >= BAD_SHARE * visible


def _private_count(raw: str) -> int:
    # A private-use glyph followed by a space starts a bulleted line: not a decoding fault.
    return sum(1 for m in _PRIVATE_USE.finditer(raw) if raw[m.end():m.end() + 1] not in (" ", "\t"))


def _mojibake_count(raw: str) -> int:
    """Letters in words whose letters come from scripts that do not mix in real text."""
    count = 0
    for word in raw.split():
        if not _NOT_LATIN.search(word):
            continue
        scripts = {_script(ch) for ch in word if ch.isalpha()} - {""}
        if len(scripts) >= 3 or (len(scripts) == 2 and _EASY_MIX not in scripts):
            count += len(word)
    return count


def _script(ch: str) -> str:
    return _SCRIPTS[bisect.bisect_right(_SCRIPT_STARTS, ord(ch)) - 1]


KEEP_HYPHEN_PREFIXES = frozenset({"self", "well", "non", "cross", "half", "all", "ex", "co"})
SOFT_END = re.compile(r"(?<=[^\W\d_])-$")
_SEPARATOR = re.compile(r"[\s\-/]")


def join_lines(lines: Iterable[str]) -> str:
    """Join a block's lines, undoing line-end hyphenation.

    A line ending in letter + "-" followed by a line starting with a lowercase letter is
    joined without the hyphen ("collabo-" + "rative" → "collaborative"), except after a few
    prefixes that are real compounds (``KEEP_HYPHEN_PREFIXES``: "self-", "well-", ...) and
    when the next line starts with a capital or digit ("Anglo-" + "Saxon", "COVID-" + "19"),
    where the hyphen stays and no space is added.
    """
    # Linear in the block's length: pieces are collected and joined once, and only the
    # previous line is searched for a soft hyphen (searching the text so far made a long
    # block quadratic).
    parts: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not parts:
            parts.append(line)
            continue
        last = parts[-1]
        if last.endswith("-") and SOFT_END.search(last[-2:]) and line[0].isalnum():
            stem = last[:-1]
            # The hyphenated word may have started in an earlier line that was glued on.
            word = _SEPARATOR.split(stem)[-1]
            if not _SEPARATOR.search(stem):
                word = _SEPARATOR.split("".join(_tail(parts[:-1])) + stem)[-1]
            if line[0].islower() and word.casefold() not in KEEP_HYPHEN_PREFIXES:
                parts[-1] = stem
            parts.append(line)
        else:
            parts.append(" ")
            parts.append(line)
    return "".join(parts)


def _tail(parts: list[str]) -> list[str]:
    """The trailing pieces of ``parts`` back to the last one holding a separator."""
    out: list[str] = []
    for piece in reversed(parts):
        out.append(piece)
        if _SEPARATOR.search(piece):
            break
    return out[::-1]

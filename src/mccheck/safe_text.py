"""Text from users' files and file names, made safe to print.

A file name, heading or quoted passage can carry characters a terminal obeys instead of
showing: ESC starts a sequence that recolours the screen, sets the window title (OSC
``\\x1b]0;...\\x07``) or moves the cursor; CR and backspace overwrite what came before;
bidi overrides and isolates (U+202A-202E, U+2066-2069) reorder the rest of the line, and
zero-width and tag characters hide text. ``printable`` makes each of them visible:

* C0 controls (tab and newline kept), DEL and C1 controls: ``\\x1b``, ``\\x9b``;
* a byte a file name could not decode (Python keeps it as a surrogate): ``\\xff``;
* bidi, zero-width and other invisible formatting characters: ``<U+202E>``.

Zero-width joiners (U+200C, U+200D) stay: scripts and emoji need them. The text formats
(terminal, markdown, GitHub, HTML, JUnit, watch) apply it at their boundary through
``printable_fields``; JSON and SARIF keep the exact text and use ``to_json``, which writes
the same characters as ``\\u`` escapes, so a report printed to a terminal is safe too.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re

_INVISIBLE = (
    "\u061c"  # Arabic letter mark (bidi)
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200e\u200f"  # zero-width space; left-to-right and right-to-left marks
    "\u2028-\u202e"  # line and paragraph separators; bidi embeddings and overrides
    "\u2060-\u206f"  # word joiner, invisible operators, bidi isolates, deprecated formatting
    "\ufeff"  # zero-width no-break space (a BOM inside text)
    "\ufff9-\ufffb"  # interlinear annotation
    "\U000e0000-\U000e007f"  # tag characters: invisible copies of ASCII
)
# Also noncharacters XML forbids (U+FFFE, U+FFFF) and surrogates (undecodable file-name bytes).
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}\ufffe\uffff\ud800-\udfff]")
# The same in JSON output, where json.dumps has already escaped the C0 controls.
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_INVISIBLE}\ufffe\uffff\ud800-\udfff]")


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the undecodable byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"<U+{code:04X}>"


def printable(text: str) -> str:
    """``text`` with every control and invisible formatting character made visible."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_visible, text)


def printable_fields(value):
    """``value`` with ``printable`` applied to every string in it, through dataclasses (a Report
    and what it holds), tuples, lists and dicts. What needs no change is returned as it is,
    so a clean report costs one walk and no copies."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, (tuple, list)):
        items = [printable_fields(item) for item in value]
        return value if all(a is b for a, b in zip(items, value)) else type(value)(items)
    if isinstance(value, dict):
        pairs = [(printable_fields(k), printable_fields(v)) for k, v in value.items()]
        return value if all(k is a and v is b for (k, v), (a, b) in zip(pairs, value.items())) else dict(pairs)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for name in _field_names(type(value)):
            old = getattr(value, name)
            new = printable_fields(old)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


def _json_escape(match: re.Match) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # JSON spells an astral character as its UTF-16 surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def to_json(data: object) -> str:
    """``data`` as indented JSON (UTF-8 text, not ASCII-escaped) ending in a newline.

    Strings keep their exact text; controls and invisible characters are written as
    ``\\u`` escapes, so the output is safe on a terminal and a lone surrogate (a file-name
    byte that is not UTF-8) can still be written out as UTF-8.
    """
    text = json.dumps(data, indent=2, ensure_ascii=False)
    # Such characters can only occur inside JSON strings: the syntax around them is ASCII.
    return _UNSAFE_IN_JSON.sub(_json_escape, text) + "\n"

"""Word's automatic numbering: the label ("1.", "a)", "II.", "Part 2:", "•") a paragraph shows.

Word does not store these labels in the text: a paragraph names a list (``w:numId``) and a
level (``w:ilvl``), and numbering.xml says how that level is drawn (``w:numFmt``,
``w:lvlText`` with ``%1``..``%9`` for the counters of levels 1-9, ``w:start``). Counters
belong to the abstract definition, not to the ``w:num`` (ECMA-376 Part 1, 17.9): two
nums on one abstractNum continue one count, which is how Word continues a list after
an interruption, and a ``w:startOverride`` restarts that count the first time its num is
used at that level ("Restart at 1"). Using a level resets the deeper levels, unless a
deeper level's ``w:lvlRestart`` says otherwise (0: never; N: only after levels 1..N).

Definitions are parsed per num on first use, so a document with a long numbering.xml
and few lists pays for the few.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mccheck.readers.docx.names import Names, integer, on

if TYPE_CHECKING:
    from lxml import etree

    from mccheck.readers.docx.styles import Styles

LEVELS = 9
BULLET = "\u2022"
_MAX_START = 32767  # Word's own limit for w:start
_MAX_LINKS = 4  # numStyleLink hops (a style that points at another list)
_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)


@dataclass(frozen=True, slots=True)
class Level:
    """One w:lvl: how its label is drawn and where it restarts."""

    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    restart: int | None = None  # w:lvlRestart; None: after any shallower level
    left: int | None = None  # the level's left indent in twips
    legal: bool = False  # w:isLgl: every counter in the label shown as a decimal
    style: str | None = None  # the paragraph style linked to this level


@dataclass(frozen=True, slots=True)
class _List:
    """What one w:num resolves to: the counter's owner and its nine levels."""

    key: str  # the abstractNum whose counters it shares
    levels: tuple[Level | None, ...]
    start_overrides: dict[int, int]


class Numbering:
    """numbering.xml of one document, and the running counters of its lists."""

    def __init__(self, n: Names, root: etree._Element | None, styles: Styles):
        self.n = n
        self.styles = styles
        self._nums: dict[str, etree._Element] = {}
        self._abstracts: dict[str, etree._Element] = {}
        if root is not None:
            for child in root:
                if child.tag == n.num:
                    self._nums.setdefault(child.get(n.numId, ""), child)
                elif child.tag == n.abstractNum:
                    self._abstracts.setdefault(child.get(n.abstractNumId, ""), child)
        self._lists: dict[str, _List | None] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._used: set[tuple[str, int]] = set()

    def level(self, num_id: str, ilvl: int) -> Level | None:
        """The definition of level ``ilvl`` (0-based) of list ``num_id``, if the document has one."""
        lst = self._list(num_id)
        return lst.levels[ilvl] if lst is not None and 0 <= ilvl < LEVELS else None

    def level_of_style(self, num_id: str, style_id: str | None) -> int:
        """The level a paragraph style is linked to in a list (Heading 2 -> level 2), else 0."""
        lst = self._list(num_id)
        if lst is not None and style_id:
            for i, lvl in enumerate(lst.levels):
                if lvl is not None and lvl.style == style_id:
                    return i
        return 0

    def label(self, num_id: str, ilvl: int) -> str:
        """Count one paragraph at ``ilvl`` of list ``num_id``; the label Word shows for it."""
        lst = self._list(num_id)
        if lst is None or not 0 <= ilvl < LEVELS:
            return ""
        levels = lst.levels
        this = levels[ilvl]
        if this is None:
            return ""
        counters = self._counters.setdefault(lst.key, [None] * LEVELS)
        first_use = (num_id, ilvl) not in self._used
        if first_use:
            self._used.add((num_id, ilvl))
        if first_use and ilvl in lst.start_overrides:
            counters[ilvl] = lst.start_overrides[ilvl]
        else:
            current = counters[ilvl]
            counters[ilvl] = this.start if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            lvl = levels[deeper]
            restart = lvl.restart if lvl is not None else None
            if counters[deeper] is not None and (restart is None or ilvl < restart):
                counters[deeper] = None
        if this.fmt == "bullet":
            return BULLET

        def counter(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lvl = levels[k] or Level()
            # A shallower level not used yet shows one less than its start (Word's "0.1").
            value = counters[k]
            if value is None:
                value = max(lvl.start - 1, 0)
            return _format(value, "decimal" if this.legal else lvl.fmt)

        return _PLACEHOLDER.sub(counter, this.text).strip()

    def _list(self, num_id: str) -> _List | None:
        if num_id in self._lists:
            return self._lists[num_id]
        lst = self._read_list(num_id)
        self._lists[num_id] = lst
        return lst

    def _read_list(self, num_id: str) -> _List | None:
        n = self.n
        num = self._nums.get(num_id)
        if num is None:
            return None
        key, abstract = self._abstract_of(num)
        if abstract is None:
            return None
        levels: list[Level | None] = [None] * LEVELS
        for lvl in abstract.iterchildren(n.lvl):
            i = integer(lvl.get(n.ilvl))
            if i is not None and 0 <= i < LEVELS and levels[i] is None:
                levels[i] = _read_level(n, lvl)
        overrides: dict[int, int] = {}
        for override in num.iterchildren(n.lvlOverride):
            i = integer(override.get(n.ilvl))
            if i is None or not 0 <= i < LEVELS:
                continue
            lvl = override.find(n.lvl)
            if lvl is not None:  # a level redefined for this list alone starts where it says
                level = levels[i] = _read_level(n, lvl)
                overrides[i] = level.start
            start = override.find(n.startOverride)
            if start is not None:
                overrides[i] = _start(start.get(n.val))
        return _List(key, tuple(levels), overrides)

    def _abstract_of(self, num: etree._Element) -> tuple[str, etree._Element | None]:
        """The abstractNum a num draws from, following numbering-style links."""
        n = self.n
        for _ in range(_MAX_LINKS):
            ref = num.find(n.abstractNumId)
            key = ref.get(n.val, "") if ref is not None else ""
            abstract = self._abstracts.get(key)
            if abstract is None:
                return key, None
            link = abstract.find(n.numStyleLink)
            if link is None:
                return key, abstract
            style = self.styles.get(link.get(n.val))
            linked = self._nums.get(style.para.num_id) if style and style.para.num_id else None
            if linked is None or linked is num:
                return key, abstract
            num = linked
        return "", None


def _read_level(n: Names, lvl: etree._Element) -> Level:
    fmt = lvl.find(n.numFmt)
    text = lvl.find(n.lvlText)
    start = lvl.find(n.start)
    restart = lvl.find(n.lvlRestart)
    style = lvl.find(n.pStyle)
    ppr = lvl.find(n.pPr)
    ind = ppr.find(n.ind) if ppr is not None else None
    left = None
    if ind is not None:
        left = integer(next((ind.get(a) for a in n.left_attrs if ind.get(a) is not None), None))
    return Level(
        fmt=fmt.get(n.val, "decimal") if fmt is not None else "decimal",
        text=text.get(n.val, "") if text is not None else "",
        start=_start(start.get(n.val)) if start is not None else 0,  # ECMA-376: omitted means 0
        restart=integer(restart.get(n.val)) if restart is not None else None,
        left=left,
        legal=bool(on(lvl.find(n.isLgl), n)),
        style=style.get(n.val) if style is not None else None,
    )


def _start(value: str | None) -> int:
    return min(max(integer(value) or 0, 0), _MAX_START)


def _format(value: int, fmt: str) -> str:
    """One counter drawn in a w:numFmt; formats mccheck does not draw fall back to decimal."""
    if fmt == "none":
        return ""
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        # Word goes a..z, then aa..zz, aaa..: the letter repeated, not base 26.
        letter = chr(ord("a") + (value - 1) % 26) * min((value - 1) // 26 + 1, 10)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman = _roman(value)
        return roman if fmt == "lowerRoman" else roman.upper()
    if fmt == "decimalZero" and 0 <= value < 10:
        return f"0{value}"
    if fmt == "ordinal":
        suffix = "th" if value % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value}{suffix}"
    return str(value)


def _roman(value: int) -> str:
    out = []
    for amount, digits in _ROMAN:
        count, value = divmod(value, amount)
        out.append(digits * count)
    return "".join(out)

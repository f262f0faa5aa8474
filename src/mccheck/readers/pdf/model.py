"""What a PDF text engine gives the reader: pages of lines, each line made of runs.

Both engines (``engine_pdfium``, ``engine_pypdf``) produce these, so everything after
extraction (running headers, tables, paragraphs, styles) sees the same input whichever
engine ran. Coordinates are PDF points with the origin at the bottom-left of the page's
visible box; ``y`` grows upwards.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Font:
    """A font as a layout decision needs it: the name (subset prefix removed) and its style."""

    name: str = ""
    bold: bool = False
    italic: bool = False


NO_FONT = Font()


@dataclass(frozen=True, slots=True)
class Run:
    """Part of a line in one font, with no wide gap inside (a table cell is at least one run)."""

    text: str
    x0: float
    x1: float
    font: Font = NO_FONT


@dataclass(frozen=True, slots=True)
class Line:
    """One text line in reading order.

    ``y`` is the baseline (None when the engine could not place the line); ``x0``/``x1``
    its left and right ends. ``runs`` is filled only when the line has more than one run
    (a change of font, or a gap wide enough to separate table cells); a one-run line keeps
    its font in ``font``. ``angle`` is the text direction in degrees (0, 90, 180, 270):
    for a rotated line ``x``/``y`` are measured along and across its own direction.
    """

    text: str
    y: float | None = None
    size: float | None = None
    x0: float = 0.0
    x1: float = 0.0
    font: Font = NO_FONT
    runs: tuple[Run, ...] = ()
    angle: int = 0

    @property
    def parts(self) -> tuple[Run, ...]:
        """The line's runs, a one-run line included."""
        return self.runs or (Run(self.text, self.x0, self.x1, self.font),)


@dataclass(frozen=True, slots=True)
class PageText:
    lines: tuple[Line, ...]
    height: float | None = None  # the visible box's height (for header vs footer)
    width: float | None = None
    has_images: bool = False  # only computed when the page has no text
    undecodable: bool = False  # the engine saw text it could not map to characters


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    title: str
    page: int  # 0-based page index
    level: int  # 1-based

"""Text directions and the frame each direction is measured in, shared by both engines.

A line drawn rotated (a vertical label, a landscape table drawn sideways, a watermark) is
measured along and across its own direction, from the bottom-left corner of the page box as
that direction sees it, so "above", "below" and "indented" mean the same for every line.
Each page's most common direction is its upright; other lines carry their angle from it.
"""

from __future__ import annotations

import math
from collections import Counter

from mccheck.readers.pdf.model import Line, Run

Box = tuple[float, float, float, float]  # left, bottom, right, top


def direction(a: float, b: float) -> int:
    """The direction of a text matrix's x axis, in whole degrees (0-359)."""
    if b == 0.0 and a > 0.0:
        return 0
    return round(math.degrees(math.atan2(b, a))) % 360


def quarter(angle: int) -> int:
    """The quarter turn nearest to ``angle``."""
    return round(angle / 90) % 4 * 90


def to_frame(q: int, box: Box, x: float, y: float) -> tuple[float, float]:
    """Page coordinates → (along, across) in the frame of quarter turn ``q``."""
    left, bottom, right, top = box
    if q == 0:
        return x - left, y - bottom
    if q == 90:
        return y - bottom, right - x
    if q == 180:
        return right - x, top - y
    return top - y, x - left


def frame_size(q: int, box: Box) -> tuple[float, float]:
    """(width, height) of the page box seen in the frame of quarter turn ``q``."""
    left, bottom, right, top = box
    return (right - left, top - bottom) if q in (0, 180) else (top - bottom, right - left)


def upright(lines: list[tuple[Line, int]], box: Box) -> tuple[list[Line], float, float]:
    """Lines measured in their own frames (with their direction) → lines whose ``angle`` is
    relative to the page's most common direction, and that direction's page width and height."""
    if all(angle == 0 for _, angle in lines):
        width, height = frame_size(0, box)
        return [line for line, _ in lines], width, height
    weight: Counter[int] = Counter()
    for line, angle in lines:
        weight[angle] += len(line.text)
    main = weight.most_common(1)[0][0]
    width, height = frame_size(quarter(main), box)
    out = []
    for line, angle in lines:
        relative = (angle - main) % 360
        if relative != line.angle:
            line = Line(line.text, line.y, line.size, line.x0, line.x1, line.font, line.runs, relative)
        out.append(line)
    return out, width, height


def shift_runs(runs: tuple[Run, ...], dx: float) -> tuple[Run, ...]:
    return tuple(Run(r.text, r.x0 + dx, r.x1 + dx, r.font) for r in runs)

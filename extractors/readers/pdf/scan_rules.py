"""Table rules on a scanned page image, in PDF points.

A rule is a long horizontal or vertical run of dark pixels, kept by a morphological opening (text
does not survive it) and bridged over the scan's small gaps. The layout stage builds the cell grid
from the rules as it does for a born-digital page's ruling lines (`tables.rules_to_tables`), and
puts Tesseract's words into the cells by their boxes.

The rules stay on the image Tesseract reads. Erasing them was tried on scanner-like renderings of
a task table: Tesseract then reads the words of narrow cells better but loses or misreads the row
numbers of the first column ("2.2", "5.1" dropped, "2.5" read "25"), which are the tasks' ids.
"""

from __future__ import annotations

from typing import Any

from kehoach.extractors.readers.pdf.page import PageRule

POINTS_PER_INCH = 72.0
# A ruling line is at least this long (points); table cells are rarely narrower or shorter.
DEFAULT_MIN_RULE_LENGTH = 14.0
# Gaps this long (points) in a scanned line are bridged.
DEFAULT_RULE_GAP = 2.0
# A dark run thicker than this (points) is a filled area, not a rule.
DEFAULT_MAX_RULE_THICKNESS = 4.0


def detect_rules(
    gray: Any, dpi: int, *, min_length: float = DEFAULT_MIN_RULE_LENGTH, gap: float = DEFAULT_RULE_GAP,
    max_thickness: float = DEFAULT_MAX_RULE_THICKNESS,
) -> list[PageRule]:
    """Long horizontal and vertical dark lines of a grayscale page image (numpy uint8), in points."""
    import cv2
    import numpy as np

    px = dpi / POINTS_PER_INCH
    binary = cv2.adaptiveThreshold(
        np.asarray(gray, dtype=np.uint8), 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15
    )
    length = max(8, round(min_length * px))
    gap_px = max(1, round(gap * px))
    thickness = max_thickness * px
    rows, cols = binary.shape
    edge = max(2, round(px))
    rules: list[PageRule] = []
    for horizontal in (True, False):
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (gap_px * 2 + 1, 1) if horizontal else (1, gap_px * 2 + 1))
        # Open first (only long straight runs survive, text does not), then bridge the scan's gaps.
        lines = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel)
        lines = cv2.morphologyEx(lines, cv2.MORPH_CLOSE, bridge)
        count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for i in range(1, count):
            x, y, w, h = (int(v) for v in stats[i, :4])
            along, across = (w, h) if horizontal else (h, w)
            if along < length:
                continue
            # A slightly skewed scan line is a thin diagonal band: keep its centre line.
            if across > thickness and across > along * 0.02 + thickness:
                continue
            # The dark border or edge of a scanned sheet is not a rule.
            if y < edge or x < edge or y + h > rows - edge or x + w > cols - edge:
                continue
            if along > 0.97 * (cols if horizontal else rows):
                continue
            if horizontal:
                y_mid = (y + h / 2) / px
                rules.append(PageRule(x / px, y_mid, (x + w) / px, y_mid))
            else:
                x_mid = (x + w / 2) / px
                rules.append(PageRule(x_mid, y / px, x_mid, (y + h) / px))
    return rules

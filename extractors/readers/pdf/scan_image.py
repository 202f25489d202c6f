"""A scanned page image made ready for OCR: coloured ink masked out, the page turned straight.

- Ink: official text is printed black. Red seals, incoming-mail stamps ("CÔNG VĂN ĐẾN ...") and blue
  signatures are coloured; pixels whose colour channels differ strongly are set to paper white, so
  Tesseract neither reads them as body text nor lets them break the lines they cover. A gray scan
  has no colour and is left as it is.
- Skew: a page fed slightly askew puts each text line on a slant; axis-aligned word boxes of
  neighbouring lines then overlap and any line rebuilt from boxes mixes them. The skew angle is the
  one whose horizontal projection of the ink is sharpest (text rows and the gaps between them line
  up), searched coarse then fine on a reduced image; the page is rotated back by it.
"""

from __future__ import annotations

from typing import Any

# A pixel whose largest and smallest colour channel differ by more than this is coloured ink;
# black print and its JPEG fringes stay below it.
DEFAULT_INK_CHROMA = 70
# Skews are searched within +-MAX_SKEW degrees; below MIN_SKEW a page is left as it is.
MAX_SKEW = 3.0
MIN_SKEW = 0.1
_COARSE_STEP = 0.2
_FINE_STEP = 0.04
# The skew is measured on the page reduced to about this resolution (dpi), inside the margins of
# this share of the page, on marks no wider than this share of it, and only when some are there.
_SKEW_DPI = 75
_EDGE_SHARE = 0.04
_MAX_MARK_WIDTH = 0.25
_MIN_MARKS = 200
# The turned profile must be this much sharper than the page's own.
_MIN_GAIN = 1.02


def mask_coloured_ink(image: Any, chroma: int = DEFAULT_INK_CHROMA) -> Any:
    """A grayscale image (numpy uint8) of a colour page (BGR or BGRA), coloured ink turned white."""
    import cv2
    import numpy as np

    colour = np.asarray(image)
    if colour.ndim == 2:
        return colour
    blue, green, red = cv2.split(np.ascontiguousarray(colour[:, :, :3]))
    spread = cv2.subtract(cv2.max(cv2.max(blue, green), red), cv2.min(cv2.min(blue, green), red))
    gray = cv2.cvtColor(cv2.merge((blue, green, red)), cv2.COLOR_BGR2GRAY)
    gray[spread > chroma] = 255
    return gray


def _profile_score(binary: Any, angle: float) -> float:
    import cv2
    import numpy as np

    rows, cols = binary.shape
    matrix = cv2.getRotationMatrix2D((cols / 2, rows / 2), angle, 1.0)
    turned = cv2.warpAffine(binary, matrix, (cols, rows), flags=cv2.INTER_NEAREST, borderValue=0)
    profile = turned.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(profile)).sum())


def _best(binary: Any, centre: float, span: float, step: float) -> float:
    count = round(span / step)
    angles = [centre + step * k for k in range(-count, count + 1)]
    return max(angles, key=lambda a: _profile_score(binary, a))


def estimate_skew(gray: Any, dpi: int) -> float:
    """The rotation (degrees, OpenCV's sense) that makes the text rows of a page image horizontal."""
    import cv2
    import numpy as np

    factor = min(1.0, _SKEW_DPI / dpi)
    small = cv2.resize(np.asarray(gray, dtype=np.uint8), None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    _, binary = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    binary = _text_marks(binary)
    if binary.sum() < _MIN_MARKS:
        return 0.0
    coarse = _best(binary, 0.0, MAX_SKEW, _COARSE_STEP)
    fine = _best(binary, coarse, _COARSE_STEP, _FINE_STEP)
    # A page whose profile is hardly sharper turned than as it is has no clear skew (a blank back).
    if abs(fine) < MIN_SKEW or _profile_score(binary, fine) < _MIN_GAIN * _profile_score(binary, 0.0):
        return 0.0
    return fine


def _text_marks(binary: Any) -> Any:
    """Only the marks of the size of letters and words: the sheet's dark edges, rules, seals and
    pictures would pull the profile towards their own slant."""
    import cv2
    import numpy as np

    rows, cols = binary.shape
    margin_y, margin_x = round(rows * _EDGE_SHARE), round(cols * _EDGE_SHARE)
    inner = np.zeros_like(binary)
    inner[margin_y:rows - margin_y, margin_x:cols - margin_x] = binary[margin_y:rows - margin_y, margin_x:cols - margin_x]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(inner, connectivity=8)
    if count <= 1:
        return inner
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    typical = float(np.median(heights))
    keep = np.zeros(count, dtype=np.uint8)
    keep[1:] = (heights <= 3 * typical + 2) & (stats[1:, cv2.CC_STAT_WIDTH] <= cols * _MAX_MARK_WIDTH)
    return keep[labels]


def rotate(gray: Any, angle: float) -> Any:
    """The image turned by `angle` degrees about its centre, the uncovered corners paper white."""
    import cv2

    if not angle:
        return gray
    rows, cols = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((cols / 2, rows / 2), angle, 1.0)
    return cv2.warpAffine(
        gray, matrix, (cols, rows), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )


def prepare_page(image: Any, dpi: int) -> tuple[Any, float]:
    """(the grayscale image straightened with coloured ink masked, the skew corrected in degrees)."""
    gray = mask_coloured_ink(image)
    angle = estimate_skew(gray, dpi)
    return rotate(gray, angle), angle

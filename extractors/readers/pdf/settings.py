"""The PDF reader's tolerances: one settings object, its defaults named module constants."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from kehoach.extractors.readers.pdf.recovery import RecoverySettings

# Word extraction (the defaults of pdfplumber's word extractor, whose splits `text_layer` keeps).
DEFAULT_X_TOLERANCE = 3.0
DEFAULT_Y_TOLERANCE = 3.0
# A word joins a line when it overlaps the line's band by this share of the smaller height.
DEFAULT_LINE_OVERLAP = 0.5
# A smaller word touching a line's band is a sub- or superscript of that line.
DEFAULT_SCRIPT_RATIO = 0.85
# Words closer than this share of the font size are glued without a space (a font change mid-word).
DEFAULT_GLUE_GAP = 0.12
# Ruling lines.
DEFAULT_RULE_THICKNESS = 3.0
DEFAULT_SNAP_TOLERANCE = 3.0
DEFAULT_JOIN_TOLERANCE = 3.0
DEFAULT_INTERSECTION_TOLERANCE = 3.0
# Paragraphs.
DEFAULT_INDENT = 8.0
DEFAULT_PARAGRAPH_GAP_RATIO = 1.15
DEFAULT_SHORT_LINE_RATIO = 0.12
DEFAULT_PAGE_END_RATIO = 0.8  # a paragraph that goes on over the page runs below this share of it
DEFAULT_CENTER_TOLERANCE = 12.0
DEFAULT_SIZE_TOLERANCE = 0.6
# Two-column layout regions.
DEFAULT_MIN_COLUMN_GAP = 18.0
DEFAULT_COLUMN_GAP_RATIO = 1.5
DEFAULT_MIN_REGION_LINES = 2
DEFAULT_MIN_COLUMN_BAND = 4.0
DEFAULT_INNER_GAP_RATIO = 1.0
DEFAULT_LAYOUT_ROW_GAP_RATIO = 0.5
DEFAULT_ALIGN_TOLERANCE = 8.0
# Page furniture: share of the page height counted as top or bottom margin.
DEFAULT_FURNITURE_MARGIN = 0.12


@dataclass
class PdfSettings:
    """Tolerances in PDF points unless named a ratio; see the DEFAULT_* constants."""

    x_tolerance: float = DEFAULT_X_TOLERANCE
    y_tolerance: float = DEFAULT_Y_TOLERANCE
    line_overlap: float = DEFAULT_LINE_OVERLAP
    script_ratio: float = DEFAULT_SCRIPT_RATIO
    glue_gap: float = DEFAULT_GLUE_GAP
    rule_thickness: float = DEFAULT_RULE_THICKNESS
    snap_tolerance: float = DEFAULT_SNAP_TOLERANCE
    join_tolerance: float = DEFAULT_JOIN_TOLERANCE
    intersection_tolerance: float = DEFAULT_INTERSECTION_TOLERANCE
    indent: float = DEFAULT_INDENT
    paragraph_gap_ratio: float = DEFAULT_PARAGRAPH_GAP_RATIO
    short_line_ratio: float = DEFAULT_SHORT_LINE_RATIO
    page_end_ratio: float = DEFAULT_PAGE_END_RATIO
    center_tolerance: float = DEFAULT_CENTER_TOLERANCE
    size_tolerance: float = DEFAULT_SIZE_TOLERANCE
    min_column_gap: float = DEFAULT_MIN_COLUMN_GAP
    column_gap_ratio: float = DEFAULT_COLUMN_GAP_RATIO
    min_region_lines: int = DEFAULT_MIN_REGION_LINES
    min_column_band: float = DEFAULT_MIN_COLUMN_BAND
    inner_gap_ratio: float = DEFAULT_INNER_GAP_RATIO
    layout_row_gap_ratio: float = DEFAULT_LAYOUT_ROW_GAP_RATIO
    align_tolerance: float = DEFAULT_ALIGN_TOLERANCE
    furniture_margin: float = DEFAULT_FURNITURE_MARGIN
    dedupe_chars: bool = True
    keep_rotated: bool = False
    # Per page: use the text layer, repair it, or OCR the page (recovery); None reads the layer as is.
    recovery: RecoverySettings | None = None

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, float | int) and not isinstance(value, bool) and value < 0:
                raise ValueError(f"PdfSettings.{f.name} must be >= 0, got {value!r}")

    @classmethod
    def resolve(cls, settings: PdfSettings | dict[str, Any] | None) -> PdfSettings:
        if settings is None:
            return cls()
        if isinstance(settings, cls):
            return settings
        if isinstance(settings, dict):
            return cls(**settings)
        raise ValueError(f"cannot resolve PdfSettings from {settings!r}")

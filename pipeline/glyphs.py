"""The glyph tables shipped in `pipeline/data/glyphs/`, loaded once, for the PDF reader's repair path."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from extractors.errors import ReferenceDataError
from extractors.readers.pdf.glyphs import GlyphTable

GLYPH_TABLES: tuple[str, ...] = ("times-new-roman-glyph-ids.json",)


def _parse(name: str, text: str) -> GlyphTable:
    try:
        return GlyphTable.from_dict(json.loads(text))
    except (ValueError, TypeError, AttributeError) as exc:
        raise ReferenceDataError(name, f"not a glyph table ({exc})") from exc


@lru_cache(maxsize=1)
def load_glyph_table() -> GlyphTable:
    """Every shipped glyph table, merged."""
    table = GlyphTable()
    folder = resources.files("pipeline") / "data" / "glyphs"
    for name in GLYPH_TABLES:
        try:
            text = (folder / name).read_text(encoding="utf-8")
        except OSError as exc:
            raise ReferenceDataError(name, f"cannot read ({exc})") from exc
        table = table.merged(_parse(name, text))
    return table


def load_user_glyph_table(path: str | Path) -> GlyphTable:
    """The shipped tables extended by a user's table (`kehoach learn-glyphs ... -o table.json`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReferenceDataError(str(path), f"cannot read ({exc})") from exc
    return load_glyph_table().merged(_parse(str(path), text))

"""The sample documents the store tests ingest (tests/store)."""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
AN_GIANG = SAMPLES / "an-giang-27-KH-SKHCN-2021.txt"
LANG_SON = SAMPLES / "lang-son-129-KH-UBND-2019.txt"
LANG_SON_HTML = SAMPLES / "lang-son-129-KH-UBND-2019.html"
AN_GIANG_HTML = SAMPLES / "an-giang-27-KH-SKHCN-2021.html"

"""Vietnamese text helpers shared by readers and extractors: Unicode form, spaces, comparison keys."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# C0/C1 controls except tab and newline, plus zero-width and soft-hyphen characters.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean_text(text: str) -> str:
    """NFC, form feeds and other control characters dropped, non-breaking spaces made plain."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _CONTROLS.sub("", text)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def collapse_spaces(text: str) -> str:
    """All runs of whitespace (line breaks included) to one space, trimmed."""
    return " ".join(text.split())


def collapse_inline_spaces(text: str) -> str:
    return _SPACES.sub(" ", text)

"""Text clean-up shared by the markup readers (DOCX, DOC, HTML): what every emitted string goes through.

Word and web pages carry characters that look like nothing but break matching downstream: non-breaking
spaces, zero-width spaces, soft hyphens, stray control characters, decomposed Vietnamese tone marks
(`e` + U+0301 instead of `é`). Readers pass each block's and cell's text through `clean_text` before
handing it to the LayoutBuilder, so offsets are computed on the cleaned text.
"""

from __future__ import annotations

import re
import unicodedata

# Spaces a reader should see as plain spaces.
_SPACE_LIKE = re.compile("[\u00a0\u2007\u202f\u2000-\u200a\u3000]")
# Invisible characters that only affect rendering or line breaking.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# C0/C1 control characters except tab and line feed, which the builder uses.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """NFC, non-breaking and other odd spaces to spaces, control and zero-width characters removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACE_LIKE.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)

"""Matching keys for comparing plans: comparison keys (casefolded, tone placement folded) with
punctuation as spaces, padded so that a term is found as whole syllables (" đo lường ")."""

from __future__ import annotations

import re

from kehoach.extractors.vntext import comparison_key

_NON_WORD = re.compile(r"[^\w%]+")


def padded_key(text: str) -> str:
    """ "Đo lường, hạ tầng." -> " đo lường hạ tầng " """
    return " " + " ".join(_NON_WORD.sub(" ", comparison_key(text)).split()) + " "

"""Is the text OCR read from a page to be trusted? What the syllable share alone does not catch.

A page can be 97% valid syllables and still carry the errors that matter: a line whose words are
mixed with the next line's, glued across the gap ("Cănphủ quycứ"), or an amount whose digits were
misread ("1.2A5. 000.HH", "12.345.000. 000"). Each such sign gives a reason; a page with a reason is
reported OCR_TEXT_DOUBTFUL, so that values read from it are not trusted silently.

Lines are taken as the OCR engine segmented them (`PageWord.line`), in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kehoach.extractors.readers.pdf.page import PageWord
from kehoach.extractors.vnsyllables import classify_word

# A line holding this many letter runs in a row that are not syllables is garbled.
DEFAULT_BAD_RUN = 3
# A page is doubtful when more than this share of its lines is garbled (a run of non-syllables in a line
# of at least MIN_LINE_WORDS words, or characters print does not use).
DEFAULT_MAX_GARBLED_SHARE = 0.08
DEFAULT_MIN_GARBLED_LINES = 2
# ...or when fewer than this share of its judged letter runs are syllables.
DEFAULT_MIN_VALID_SHARE = 0.85
MIN_LINE_WORDS = 4

_LETTER_RUN = re.compile(r"[^\W\d_]+")
# What official print is made of: Latin letters with Vietnamese marks, digits, common punctuation.
# Anything else ("¬", "œ", "®", "¡", "⁄", "ö") is OCR reading a stamp, a signature or a smudge.
_VIETNAMESE_MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
_PRINTABLE = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZđĐ0123456789"
    ".,;:!?()[]{}\"'“”‘’/\\-–—%+=&*…<>#@_§°№" + _VIETNAMESE_MARKS
)
# A line with this many tokens holding other characters is garbled, whatever its length.
DEFAULT_JUNK_TOKENS = 2
# A number in thousands groups with letters among its digits: "3.A25.", "000.HH", "1.2O0.000".
_NUMBER_WITH_LETTERS = re.compile(r"^(?=[\w.,]*\d)(?=[\w.,]*[A-Za-z])\w+(?:[.,]\w+)+[.,]?$")
_THREE_WITH_DIGIT = re.compile(r"(?:^|[.,])(?=\w{0,2}\d)\w{3}(?=[.,]|$)")
# Thousands groups cut by a space after the dot ("12.345.000. 000") or a group of the wrong size
# inside a grouped number ("1.75.000").
_SPLIT_GROUPS = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{3})+\.\s+\d{3}(?![\d.,]?\d)")
_BAD_GROUP = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{3})*\.(?:\d{1,2}|\d{4,})\.\d{3}(?!\d)")


@dataclass(frozen=True, slots=True)
class DoubtSettings:
    bad_run: int = DEFAULT_BAD_RUN
    max_garbled_share: float = DEFAULT_MAX_GARBLED_SHARE
    min_garbled_lines: int = DEFAULT_MIN_GARBLED_LINES
    min_valid_share: float = DEFAULT_MIN_VALID_SHARE
    junk_tokens: int = DEFAULT_JUNK_TOKENS


def engine_line_texts(words: Sequence[PageWord]) -> list[str]:
    """The page's text lines as the OCR engine segmented them, words left to right."""
    groups: dict[int, list[PageWord]] = {}
    for k, w in enumerate(words):
        groups.setdefault(w.line if w.line is not None else -1 - k, []).append(w)
    ordered = sorted(groups.values(), key=lambda g: (min(w.top for w in g), min(w.x0 for w in g)))
    return [" ".join(w.text for w in sorted(g, key=lambda w: w.x0)) for g in ordered]


def garbled_numbers(text: str) -> list[str]:
    """Numbers in a line that OCR visibly misread (letters among digit groups, broken groups)."""
    found = [m.group(0) for m in _SPLIT_GROUPS.finditer(text)]
    found += [m.group(0) for m in _BAD_GROUP.finditer(text)]
    for token in text.split():
        core = token.strip("():;\"'")
        if _NUMBER_WITH_LETTERS.match(core) and _THREE_WITH_DIGIT.search(core):
            found.append(core)
    return found


def junk_tokens(text: str) -> list[str]:
    """Tokens holding characters official print does not use."""
    import unicodedata

    return [t for t in text.split() if not set(unicodedata.normalize("NFD", t)) <= _PRINTABLE]


def longest_invalid_run(text: str) -> int:
    """The most letter runs in a row in `text` that are not syllables (acronyms and units break no run)."""
    best = run = 0
    for part in _LETTER_RUN.findall(text):
        kind = classify_word(part)
        if kind == "invalid":
            run += 1
            best = max(best, run)
        elif kind == "valid":
            run = 0
    return best


def page_doubt(words: Sequence[PageWord], share: float | None, settings: DoubtSettings | None = None) -> str | None:
    """Why a page's OCR text is doubtful, or None; `share` is its valid-syllable share (None: too few words)."""
    s = settings or DoubtSettings()
    lines = engine_line_texts(words)
    reasons: list[str] = []
    numbers = [n for line in lines for n in garbled_numbers(line)]
    if numbers:
        reasons.append("garbled numbers " + ", ".join(f'"{n}"' for n in numbers[:3]))
    judged = [line for line in lines if len(line.split()) >= MIN_LINE_WORDS]
    garbled = [
        line for line in lines
        if len(junk_tokens(line)) >= s.junk_tokens or (line in judged and longest_invalid_run(line) >= s.bad_run)
    ]
    if len(garbled) >= s.min_garbled_lines and len(garbled) / len(lines) > s.max_garbled_share:
        reasons.append(f"{len(garbled)} of {len(lines)} lines garbled (e.g. \"{garbled[0][:60]}\")")
    if share is not None and share < s.min_valid_share:
        reasons.append(f"only {share:.0%} of the words are Vietnamese syllables")
    return "; ".join(reasons) or None

"""Text checked for legacy encodings as `legacy_text.convert_text` checks it (and a text file's bytes
decoded as `decode_bytes` decodes them), faster for the usual text: typed in Unicode Vietnamese.

`convert_text` judges every word of such a text twice (once for its lines that could be legacy, once
for whether the text is readable at all), about 1 to 2 ms a plan. The same answer is reached here with
less work, and the file is given to `convert_text` whenever it could differ:

- the lines that `convert_text` would try to convert (a Latin-1 character, no letter only Unicode
  writes) are each tried as it would try them, unless every word is a syllable already; if one
  converts, `convert_text` decides;
- the text is readable when at least half of all its words (an upper bound of the words judged) are
  Vietnamese syllables, each distinct word judged once, until the syllables make half: for a plan,
  the first few hundred distinct words settle it. Otherwise `convert_text` decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from itertools import filterfalse

from kehoach.extractors.readers.legacy_text import (
    Converted, convert_text, decode_bytes, is_unicode_vietnamese, judge,
)
from kehoach.extractors.vnsyllables import classify_word

# The words `legacy_text.judge` counts; punctuation around a word, none of it part of one.
_WORD = re.compile(r"[^\W\d_]+")
_EDGES = ",.;:()[]\"'“”‘’…!?/-"
# A line `legacy_text.convert_text` tries to convert on its own: a Latin-1 character, no Unicode letter
# of Vietnamese (its ranges as `legacy_text` has them).
_LATIN1 = re.compile("[\u00a0-\u00ff]")


def _plainly_readable(text: str) -> bool:
    """True when half the words of `text` or more are syllables: `legacy_text` would not call it
    unreadable. False says nothing."""
    tokens = text.split()  # every word lies within one whitespace-separated token
    counts = Counter(tokens)
    words = len(tokens)  # a token all letters is one word; the others are counted below
    split: dict[str, list[str]] = {}
    for token in filterfalse(str.isalpha, counts):
        core = token.strip(_EDGES)
        if core.isalpha():
            found = [core]
        elif token.isascii() and token.lower() == token.upper():
            found = []  # no letter at all: "1.1", "2021-2030", "(1)"
        else:
            found = _WORD.findall(token)
        split[token] = found
        words += counts[token] * (len(found) - 1)
    # Any order reaches the same answer (the count of syllables only grows): the tokens as they come.
    valid = 0
    for token, n in counts.items():
        found = split.get(token)
        if found is None:
            if classify_word(token) == "valid":
                valid += n
        else:
            for word in found:
                if classify_word(word) == "valid":
                    valid += n
        if 2 * valid >= words:
            return True
    return False


def convert_unicode_text(text: str) -> Converted:
    """`convert_text(text)`, reached without judging every word when the text is plainly Unicode."""
    text = unicodedata.normalize("NFC", text)
    if not is_unicode_vietnamese(text):
        return convert_text(text)  # ASCII, or legacy text throughout: judged as a whole
    lines = text.split("\n")
    for line in {line for line in lines if not is_unicode_vietnamese(line) and _LATIN1.search(line)}:
        if line.isspace():
            continue  # its Latin-1 character is U+00A0, which no conversion changes (an HTML "&nbsp;")
        judged = judge(line)
        if judged.valid == judged.judged > 0:
            continue  # every word a syllable already: no reading can do better ("cá nhân có liên quan.")
        if convert_text(line).encoding is not None:
            return convert_text(text)
    if not _plainly_readable(text):
        return convert_text(text)
    return Converted(text)


def decode_text(data: bytes) -> Converted:
    """`decode_bytes(data)`, reached without judging every word when the file is plainly UTF-8 Unicode."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return decode_bytes(data)
    return convert_unicode_text(text)

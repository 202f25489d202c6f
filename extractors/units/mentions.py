"""Unit names in running text: "giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính".

A name starts with a head word of Vietnamese public bodies (Sở, Phòng, Chi cục, Trung tâm, UBND,
Công an, ...) or with "các" and a generic plural noun ("các sở, ban, ngành"). The head is found by
a lookup in the head index (`words.py`) at each syllable token; a small pure function then extends
it over the name that follows by capitalisation (Vietnamese capitalises the first syllable of each
word of a proper name) or over a locality ("tỉnh", "cấp huyện", "các xã, phường").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count

from kehoach.extractors.units.qualifiers import in_area, kind_of_body, place_end, qualified
from kehoach.extractors.units.words import (
    DEFAULT_AGENCY_HEADS,
    DEFAULT_GENERIC_NOUNS,
    DEFAULT_NAME_STOPS,
    GENERIC_PHRASES,
    HeadIndex,
    head_at,
    head_lengths,
    head_phrases,
    is_title,
    locality_at,
    plural_ministries,
    syllables,
)

MAX_INNER_LOWER = 3  # lowercase syllables allowed between two capitalised ones inside a name

_JOINERS = frozenset({"&", "-", "–", "và", ","})
_SINGLE_NOUNS = frozenset(n for n in DEFAULT_GENERIC_NOUNS if " " not in n)
_GENERIC = frozenset(DEFAULT_GENERIC_NOUNS)
_SOCIAL = (["-", "xã", "hội"], ["–", "xã", "hội"])  # what follows "chính trị" in "tổ chức chính trị - xã hội"
_NOUN_STARTS = _SINGLE_NOUNS | {"cơ", "đơn", "địa", "tổ", "cá", "doanh", "đoàn"}


@dataclass(frozen=True)
class UnitMention:
    text: str
    start: int
    end: int


def find_unit_mentions(
    text: str, heads: Iterable[str] = DEFAULT_AGENCY_HEADS, names: Iterable[str] = ()
) -> list[UnitMention]:
    """Unit names in running text, in order, not overlapping. `names` are full names known to be
    units ("Sở Nông nghiệp và Phát triển nông thôn"): where one is printed, the mention is all of it,
    though the rules of capitals would stop inside it (at "triển", a verb's syllable elsewhere)."""
    return list(_mentions(text, _vocabulary(tuple(heads), tuple(names))))


def forget_paragraphs() -> None:
    """Empty the caches of paragraphs read (for measuring a plan as if it were new)."""
    _mentions.cache_clear()
    _paragraph.cache_clear()


class _Vocabulary:
    """What mentions are read with: the head index, the known names by their first two words, and
    the words a mention can start with. Hashed by identity: a cache key, cheaper than the tuples."""

    __slots__ = ("phrases", "known", "first", "single", "pairs")

    def __init__(self, heads: tuple[str, ...], names: tuple[str, ...]) -> None:
        self.phrases = head_phrases(heads)
        self.known = _name_index(names) if names else {}
        # A mention starts at a head of one word, or at the first two words of a longer head, generic
        # phrase or known name: a word that only begins longer phrases ("công" of "Công an") starts
        # nothing unless the next word goes on with one ("công tác" does not).
        self.first = frozenset(self.phrases) | frozenset(GENERIC_PHRASES) | frozenset(self.known)
        self.single = frozenset(w for w, found in self.phrases.items() if any(len(p) == 1 for p in found))
        self.pairs = frozenset(
            [p[:2] for index in (self.phrases, GENERIC_PHRASES) for found in index.values() for p in found if len(p) > 1]
            + [(first, second) for first, by in self.known.items() for second in by]
        )


# The vocabularies in use, by the identity of their heads and names (held, so an id is not reused):
# a plan reads every paragraph with the same few.
_VOCABULARIES: dict[tuple[int, int], tuple[tuple[str, ...], tuple[str, ...], _Vocabulary]] = {}


def _vocabulary(heads: tuple[str, ...], names: tuple[str, ...]) -> _Vocabulary:
    found = _VOCABULARIES.get((id(heads), id(names)))
    if found is not None and found[0] is heads and found[1] is names:
        return found[2]
    if len(_VOCABULARIES) >= 16:
        _VOCABULARIES.clear()
    vocabulary = _vocabulary_of(heads, names)
    _VOCABULARIES[(id(heads), id(names))] = (heads, names, vocabulary)
    return vocabulary


@lru_cache(maxsize=16)
def _vocabulary_of(heads: tuple[str, ...], names: tuple[str, ...]) -> _Vocabulary:
    return _Vocabulary(heads, names)


class _Paragraph:
    """A paragraph as mentions are read from it, made once per plan (a paragraph is read with and
    without the known names): its syllable tokens, the same lowercased, the word span the head rules
    make at each start (by head index), and the tokens' offsets as far as they were needed. Callers
    never change them."""

    __slots__ = ("text", "words", "lows", "spans", "offsets")

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = syllables(text)
        self.lows = list(map(str.lower, self.words))
        self.spans: dict[int, tuple[HeadIndex, dict[int, tuple[int, int] | None]]] = {}
        self.offsets: list[int] = []

    def spans_by(self, phrases: HeadIndex) -> dict[int, tuple[int, int] | None]:
        """_mention_at's span at each start read so far with `phrases`."""
        held = self.spans.get(id(phrases))
        if held is None or held[0] is not phrases:
            held = self.spans[id(phrases)] = (phrases, {})
        return held[1]

    def offsets_to(self, count: int) -> list[int]:
        """The offsets of the first `count` tokens (at least): tokens are separated by white space
        only, so each is found from the previous token's end."""
        offsets, words, text = self.offsets, self.words, self.text
        done = len(offsets)
        if done < count:
            position = offsets[-1] + len(words[done - 1]) if done else 0
            for word in words[done:count]:
                position = text.find(word, position)
                offsets.append(position)
                position += len(word)
        return offsets


@lru_cache(maxsize=1024)
def _paragraph(text: str) -> _Paragraph:
    return _Paragraph(text)


@lru_cache(maxsize=1024)
def _mentions(text: str, vocabulary: _Vocabulary) -> tuple[UnitMention, ...]:
    paragraph = _paragraph(text)
    words, lows = paragraph.words, paragraph.lows
    phrases = vocabulary.phrases
    known = vocabulary.known
    found = paragraph.spans_by(phrases)
    # A mention starts only where a head phrase, a generic phrase or a known name starts: most words
    # start none (the first test runs over all the words at once).
    single, pairs, last = vocabulary.single, vocabulary.pairs, len(lows) - 1
    spans: list[tuple[int, int]] = []
    i = 0
    for start in compress(count(), map(vocabulary.first.__contains__, lows)):
        if start < i:
            continue
        low = lows[start]
        if low not in single and (start == last or (low, lows[start + 1]) not in pairs):
            continue
        if start in found:
            span = found[start]
        else:
            span = found[start] = _mention_at(words, lows, start, phrases)
        candidates = known.get(low, {}).get(lows[start + 1]) if start < last and known else None
        if candidates:
            span = _with_known_name(words, lows, start, span, candidates, head_at(lows, start, phrases))
        if span is not None:
            spans.append(span)
            i = span[1]
    if not spans:
        return ()
    offsets = paragraph.offsets_to(spans[-1][1])
    mentions = []
    for start, end in spans:
        char_start = offsets[start]
        char_end = offsets[end - 1] + len(words[end - 1])
        mentions.append(UnitMention(text[char_start:char_end], char_start, char_end))
    return tuple(mentions)


@lru_cache(maxsize=16)
def _name_index(names: tuple[str, ...]) -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
    """Known names as lowered syllable tokens, by their first and second tokens, longest first."""
    index: dict[str, dict[str, list[tuple[str, ...]]]] = {}
    for name in sorted({n for n in names if n}, key=lambda n: -len(syllables(n))):
        parts = tuple(w.lower() for w in syllables(name))
        if len(parts) > 1:
            index.setdefault(parts[0], {}).setdefault(parts[1], []).append(parts)
    return {first: {second: tuple(found) for second, found in by.items()} for first, by in index.items()}


def _with_known_name(
    words: list[str], lows: list[str], start: int, span: tuple[int, int] | None,
    candidates: tuple[tuple[str, ...], ...], head: int,
) -> tuple[int, int] | None:
    """`span`, or the longer span of a known name printed at words[start] (with the place after it:
    "Sở Nông nghiệp và Phát triển nông thôn tỉnh Quảng Ngãi"); a name that is no more than its head
    ("Thanh tra", also a verb) never makes a mention the rules did not."""
    for parts in candidates:  # the known names that begin with the two words at `start`, longest first
        end = start + len(parts)
        if (span is not None and end <= span[1]) or len(parts) <= head:
            return span
        if is_title(words[start]) and tuple(lows[start:end]) == parts:
            return start, place_end(words, lows, end) if locality_at(lows, end) else end
    return span


def _mention_at(words: list[str], lows: list[str], start: int, phrases: HeadIndex) -> tuple[int, int] | None:
    """The word span of a unit name beginning at words[start] (`lows`: the words lowercased), or None."""
    generic = head_at(lows, start, GENERIC_PHRASES) if lows[start] in GENERIC_PHRASES else 0
    if generic == 2 and lows[start + 1] == "bộ" and not plural_ministries(lows, start + 2):
        generic = 0
    if generic:
        return start, _extend_generic(words, lows, start + generic, phrases)
    titled = words[start][0].isupper()
    count = len(words)
    for length in head_lengths(lows, start, phrases):
        end = start + length
        if end >= count:
            continue  # a head with no name after it
        # The name begins right after the head: "Sở Tài chính", "Công an tỉnh"; a head in lower case
        # only before a capital ("giao phòng Quản lý ...").
        if not words[end][0].isupper() and not (titled and (
            locality_at(lows, end)
            # After a head of two or more syllables, lower case may run to a locality: "Tòa án nhân
            # dân tỉnh" (not after "Hội": "Hội nghị toàn tỉnh" is a meeting).
            or (length > 1 and (
                _lower_before_locality(words, lows, end) > 0
                or _lower_before_capital(words, lows, end, phrases) > 0  # "Trung tâm xúc tiến Đầu tư"
            ))
            # "Báo và Phát thanh, Truyền hình tỉnh": the name may open with "và" and a capital.
            or (lows[end] == "và" and not head_at(lows, end + 1, phrases))
        )):
            continue
        name_end = _extend_name(words, lows, end, phrases, lower_to_locality=length > 1)
        if name_end == end:
            continue  # a head with no name after it: "bộ tiêu chí", "phòng thí nghiệm"
        return start, name_end
    return None


def _extend_name(
    words: list[str], lows: list[str], i: int, phrases: HeadIndex, *, lower_to_locality: bool = False
) -> int:
    """The end (exclusive word index) of a name whose head ends at word i; i itself if none follows.
    With `lower_to_locality`, lowercase syllables right after the head may run to a locality."""
    end = i
    j = i
    seen_title = False
    count = len(words)
    while j < count:
        word = words[j]
        if is_title(word):
            if seen_title and words[j - 1] in {",", "và"} and head_at(lows, j, phrases):
                break
            seen_title = True
            end = j = j + 1
            continue
        if word in _JOINERS and j + 1 < count and is_title(words[j + 1]):
            if word in {",", "và"} and head_at(lows, j + 1, phrases):
                break
            if word in {"-", "–"} and (head_at(lows, j + 1, phrases) or _generic_at(lows, j + 1)):
                break  # another unit or its role: "Sở Tài chính - Cơ quan thường trực" (not "Lao động - Thương binh")
            if word == "," and lows[j - 2 : j] == ["việt", "nam"]:
                break  # the country closes a name: "Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam"
            j += 1
            continue
        if seen_title and end == j and _name_number(words, lows, j):
            end = j = j + 1  # "Bộ Tư lệnh Vùng 3"
            continue
        if not seen_title:
            loc = locality_at(lows, j)
            if loc:
                end = j = j + loc
                # "các huyện, thành phố", "các xã, phường": one locality list.
                while j + 1 < count and words[j] == "," and locality_at(lows, j + 1):
                    j += 1 + locality_at(lows, j + 1)
                    end = j
                # "các tỉnh, thành phố trực thuộc trung ương", "các huyện, thị xã thuộc tỉnh".
                attached = _attached_to_locality(lows, j) or _range_of_places(words, lows, j)
                if attached:
                    end = j = j + attached
                continue
            run = _lower_before_locality(words, lows, j) if lower_to_locality and j == i else 0
            if run:
                end = place_end(words, lows, j + run)  # "Tòa án nhân dân tỉnh", "Ban chỉ đạo tỉnh"
                break
            run = _lower_before_capital(words, lows, j, phrases) if lower_to_locality and j == i else 0
            if run:
                j += run  # "Trung tâm xúc tiến Đầu tư, Thương mại và Du lịch"
                continue
            break
        if locality_at(lows, j) > 1:  # "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố"
            end = place_end(words, lows, j)
            break
        # Lowercase syllables: one ends a word ("Khoa học"); more only when a capital follows soon.
        run = 0
        while j + run < count and not is_title(words[j + run]) and words[j + run].isalpha():
            if lows[j + run] in DEFAULT_NAME_STOPS or (run and locality_at(lows, j + run)):
                break
            run += 1
        nxt = j + run
        if 0 < run <= MAX_INNER_LOWER and nxt < count and is_title(words[nxt]) and (run == 1 or not head_at(lows, nxt, phrases)):
            j = nxt
            continue
        if (
            # "Cục Thông tin cơ sở và Thông tin đối ngoại": lowercase syllables may run to "và" and a capital
            0 < run <= (MAX_INNER_LOWER if words[nxt : nxt + 1] == ["và"] else 1) and nxt + 1 < count and words[nxt] in _JOINERS
            and is_title(words[nxt + 1]) and not head_at(lows, nxt + 1, phrases)
            and not (words[nxt] in {"-", "–"} and _generic_at(lows, nxt + 1))
        ):
            j = nxt + 1
            continue
        if 0 < run <= MAX_INNER_LOWER and not any(w in DEFAULT_NAME_STOPS for w in lows[j:nxt]) and locality_at(lows, nxt):
            end = place_end(words, lows, nxt)  # "Trung tâm Dịch vụ việc làm tỉnh Hà Giang"
            break
        closes = nxt >= count or (not words[nxt].isalpha() and words[nxt] not in {"&", "-", "–"})
        if 1 < run <= MAX_INNER_LOWER and closes:
            # "Chi cục Quản lý thị trường:": the name runs to the punctuation, or takes its number
            end = nxt + _name_number(words, lows, nxt)  # "Bộ Tư lệnh Vùng Cảnh sát biển 3"
            break
        if run and lows[j] not in DEFAULT_NAME_STOPS:
            end = j + 1
            j = end
            if locality_at(lows, j):
                end = place_end(words, lows, j)
            break
        if locality_at(lows, j):
            end = place_end(words, lows, j)
        break
    return end


def _generic_at(lows: list[str], j: int) -> bool:
    return lows[j] in _GENERIC or " ".join(lows[j : j + 2]) in _GENERIC


def _name_number(words: list[str], lows: list[str], j: int) -> int:
    """1 when words[j] is a short number that closes a name ("Vùng Cảnh sát biển 3", "Đội 2"): the
    text ends, or punctuation or a verb follows it; else 0."""
    if j < len(words) and len(words[j]) <= 2 and words[j].isdigit():
        k = j + 1
        if k == len(words) or not words[k].isalnum() or lows[k] in DEFAULT_NAME_STOPS:
            return 1
    return 0


def _attached_to_locality(lows: list[str], j: int) -> int:
    """How many words at lows[j] say which locality a locality list belongs to ("trực thuộc trung
    ương", "thuộc tỉnh"), else 0."""
    k = j + (j < len(lows) and lows[j] == "trực")
    if k >= len(lows) or lows[k] != "thuộc":
        return 0
    place = locality_at(lows, k + 1)
    return k + 1 + place - j if place else 0


def _range_of_places(words: list[str], lows: list[str], j: int) -> int:
    """How many words at words[j] bound a locality list by two named places ("các tỉnh, thành phố từ
    Hà Tĩnh đến Lâm Đồng"), else 0."""
    if lows[j : j + 1] != ["từ"]:
        return 0
    k = j + 1
    for word in ("đến", None):
        start = k
        while k < len(words) and is_title(words[k]) and words[k].isalpha():
            k += 1
        if k == start:
            return 0
        if word is not None:
            if lows[k : k + 1] != [word]:
                return 0
            k += 1
    return k - j


def _lower_before_locality(words: list[str], lows: list[str], j: int) -> int:
    """How many lowercase syllables (one or two, no verb) stand at words[j] before a locality."""
    for run in (1, 2):
        lower = words[j : j + run]
        if len(lower) < run or not all(w.isalpha() and not is_title(w) for w in lower):
            return 0
        if any(lows[j + k] in DEFAULT_NAME_STOPS or locality_at(lows, j + k) for k in range(run)):
            return 0
        if locality_at(lows, j + run):
            return run
    return 0


def _lower_before_capital(words: list[str], lows: list[str], j: int, phrases: HeadIndex) -> int:
    """How many lowercase syllables (one or two, no verb) stand at words[j] before the capitals that
    go on with the name ("Trung tâm xúc tiến Đầu tư"), not before another unit's head."""
    for run in (1, 2):
        nxt = j + run
        if nxt >= len(words) or not all(w.isalpha() and not is_title(w) for w in words[j:nxt]):
            return 0
        if any(lows[k] in DEFAULT_NAME_STOPS or locality_at(lows, k) for k in range(j, nxt)):
            return 0
        if is_title(words[nxt]) and words[nxt].isalpha():
            return 0 if head_at(lows, nxt, phrases) else run
    return 0


def _extend_generic(words: list[str], lows: list[str], j: int, phrases: HeadIndex) -> int:
    """"các sở, ban, ngành", "các cơ quan, đơn vị (có) liên quan": nouns joined by commas, then
    an optional "(có) liên quan" or locality (`lows`: the words lowercased)."""
    if lows[j : j + 3] in _SOCIAL:  # "các tổ chức chính trị - xã hội"
        j += 3
    end = j
    while j < len(lows) and (
        (j + 1 < len(lows) and lows[j] == "," and lows[j + 1] in _NOUN_STARTS)
        or lows[j] in _SINGLE_NOUNS
    ):
        k = j + 1 if lows[j] == "," else j
        k += next(
            (n for n in (5, 4, 3, 2) if k + n <= len(lows) and " ".join(lows[k : k + n]) in DEFAULT_GENERIC_NOUNS), 1
        )
        if lows[k : k + 3] in _SOCIAL:
            k += 3
        j = end = k
    end += kind_of_body(lows, end, verbs=True)  # "các cơ quan chức năng có liên quan"
    tail = lows[end : end + 3]
    if tail[:2] == ["có", "liên"] and len(tail) > 2 and tail[2] == "quan":
        end += 3
    elif tail[:2] == ["liên", "quan"]:
        end += 2
    else:
        end += locality_at(lows, end)
    end += qualified(lows, end)
    end += _belonging(words, lows, end, phrases)
    return end + in_area(words, lows, end)


def _belonging(words: list[str], lows: list[str], j: int, phrases: HeadIndex) -> int:
    """How many words at words[j] say which body generic units belong to: "(trực) thuộc Bộ Công an",
    "thuộc tỉnh", "thuộc Bộ" (the issuing ministry, named by its head alone)."""
    k = j + (j < len(lows) and lows[j] == "trực")
    if k + 1 >= len(lows) or lows[k] != "thuộc":
        return 0
    k += 1
    if locality_at(lows, k):
        return place_end(words, lows, k) - j
    if not is_title(words[k]):
        return 0
    span = _mention_at(words, lows, k, phrases)
    if span is not None:
        return span[1] - j
    alone = k + 1 == len(words) or not words[k + 1].isalnum() or lows[k + 1] in DEFAULT_NAME_STOPS
    return k + 1 - j if alone and head_at(lows, k, phrases) == 1 else 0

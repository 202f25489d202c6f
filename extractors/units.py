"""Units (agencies, offices, persons) that lead and coordinate tasks, and their abbreviations.

How plans write them:

- In a table cell, a list separated by ";" (sometimes "," or "và"):
  "Văn phòng Sở KH&CN; Phòng Kế hoạch - Tài chính; các tổ chức, cá nhân có liên quan".
  A "," or "và" separates two units only where a new unit begins ("Sở Công Thương, Sở Xây dựng"),
  never inside "tổ chức, cá nhân có liên quan", "Sở Văn hóa, Thể thao và Du lịch" or
  "UBND các huyện, thành phố"; "-" never separates ("Phòng Kế hoạch - Tài chính").
- Abbreviations defined inline, right after the full name:
  "Chi cục Tiêu chuẩn Đo lường Chất lượng (Chi cục TĐC)". Later mentions ("Chi cục TĐC",
  "TT ƯDCN KH &CN") are expanded through the comparison key, so spacing, dash kinds, case and
  tone-mark placement do not matter. Common official abbreviations (UBND, KH&CN, ...) come from
  reference data and are known without a definition; they are not expanded (the plan did not).
- In prose, names start with a head word of Vietnamese public bodies (Sở, Phòng, Chi cục, Trung tâm,
  UBND, Công an, ...) followed by a capitalised name or a locality ("tỉnh", "cấp huyện",
  "các xã, phường"): "giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính".

Prose mentions are found by a spaCy Matcher over a blank multi-language ("xx") pipeline. Vietnamese
is written syllable by syllable, so splitting on spaces and punctuation gives syllable tokens, which is
exactly what head-word patterns need ("Chi cục" is two tokens, "KH&CN" one); `spacy.blank("vi")` would
need pyvi's word segmenter, which adds a dependency and groups syllables into words the patterns then
have to guess. The matcher finds heads; a small pure function extends each head over the name that
follows it by capitalisation (Vietnamese capitalises the first syllable of each word of a proper name).
spaCy is imported on first use only and the pipeline is cached.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kehoach.extractors.vntext import collapse_spaces, comparison_key as _comparison_key

# Head words of public bodies, as they begin a unit name (matched case-insensitively, then checked).
DEFAULT_AGENCY_HEADS: tuple[str, ...] = (
    "Sở", "Ban", "Bộ", "Cục", "Tổng cục", "Chi cục", "Trung tâm", "Phòng", "Văn phòng", "Thanh tra",
    "Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND", "Ủy ban", "Uỷ ban",
    "Công an", "Bộ Chỉ huy", "Bộ đội", "Hiệp hội", "Hội", "Liên minh", "Liên đoàn", "Mặt trận",
    "Đoàn", "Tỉnh đoàn", "Viện", "Trường", "Đài", "Báo", "Kho bạc", "Thuế", "Ngân hàng", "Quỹ",
    "Công ty", "Tổng công ty", "Điện lực", "Tòa án", "Viện kiểm sát", "Đội", "Tổ", "Hạt",
    "Vườn quốc gia", "Khu", "Cảng vụ", "Bảo hiểm xã hội", "Tỉnh ủy", "Thành ủy", "Huyện ủy",
)
# Heads that name a unit with only a locality after them ("Công an tỉnh", "UBND cấp huyện").
DEFAULT_LOCAL_HEADS: frozenset[str] = frozenset({
    "ủy ban nhân dân", "uỷ ban nhân dân", "ubnd", "hội đồng nhân dân", "hđnd", "công an", "thanh tra",
    "thuế", "kho bạc", "văn phòng", "bộ chỉ huy", "bảo hiểm xã hội", "mặt trận", "tỉnh đoàn",
})
# Nouns of generic, plural units: "các sở, ban, ngành", "các cơ quan, đơn vị liên quan".
DEFAULT_GENERIC_NOUNS: tuple[str, ...] = (
    "sở", "ban", "ngành", "cơ quan", "đơn vị", "địa phương", "tổ chức", "cá nhân", "doanh nghiệp",
    "hội", "hiệp hội", "phòng", "đoàn thể", "huyện", "xã", "phường", "thành phố", "thị xã", "cấp",
    "chủ đầu tư", "cơ sở", "trường", "tổ chức chính trị",
)
DEFAULT_LOCALITIES: tuple[str, ...] = (
    "tỉnh", "thành phố", "huyện", "thị xã", "quận", "xã", "phường", "thị trấn", "đặc khu", "cấp tỉnh",
    "cấp huyện", "cấp xã", "các cấp", "trung ương", "khu vực", "các huyện", "các xã", "các phường",
    "các quận", "các thị xã", "các thành phố", "các địa phương", "các đặc khu",
)
# Lowercase words that end a name in prose: verbs and function words of assignment sentences.
DEFAULT_NAME_STOPS: frozenset[str] = frozenset({
    "chủ", "phối", "có", "chịu", "là", "và", "với", "để", "về", "theo", "trong", "tại", "của", "cho",
    "thực", "tổ", "tham", "xây", "căn", "báo", "hướng", "triển", "kiểm", "rà", "đôn", "giao", "được",
    "trên", "thuộc", "trực", "đề", "nghiên", "hỗ", "gửi", "tiếp", "cập", "công", "thẩm", "lập",
})
MAX_INNER_LOWER = 3  # lowercase syllables allowed between two capitalised ones inside a name
MAX_ABBREVIATION_LENGTH = 40

_ABBREVIATION_DEF = re.compile(r"\(([^()]{2,40})\)")
_CAPS_TOKEN = re.compile(r"[A-ZĐ][A-ZĐ&]*[A-ZĐ]")
_UPPER_RUN = re.compile(r"[A-ZĐ]{2,}")
_TRAILING_BRACKET = re.compile(r"\s*\(([^()]+)\)\s*$")
_ALWAYS_SPLIT = re.compile(r"\s*;\s*")
_ALWAYS_SPLIT_LINES = re.compile(r"\s*(?:;|\n)\s*")
_SOFT_SPLIT = re.compile(r"\s*,\s*|\s+và\s+|\s+cùng\s+|\s*\n\s*")
_EDGE_PUNCT = " \t.,;:-–"
_PERSON_TITLE = re.compile(r"^(?:Ông|Bà|Đ/c|Đồng chí)\s+", re.I)


@lru_cache(maxsize=8192)
def comparison_key(text: str) -> str:
    """vntext.comparison_key, cached: unit names and abbreviations are compared over and over."""
    return _comparison_key(text)


def _is_title(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _is_caps_abbreviation(word: str) -> bool:
    return bool(_UPPER_RUN.search(word)) and not any(c.islower() for c in word.replace("&", ""))


@dataclass
class AbbreviationDefinition:
    abbreviation: str
    full: str
    start: int  # offsets of the full name in the searched text
    end: int


@dataclass(frozen=True)
class UnitMention:
    text: str
    start: int
    end: int


HeadIndex = dict[str, tuple[tuple[str, ...], ...]]


@lru_cache(maxsize=16)
def _head_index(heads: tuple[str, ...]) -> HeadIndex:
    """Head phrases by their first word, longest first: a lookup per word instead of a scan."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for head in sorted({h.lower() for h in heads}, key=lambda h: -len(h.split())):
        parts = tuple(head.split())
        index.setdefault(parts[0], []).append(parts)
    return {first: tuple(phrases) for first, phrases in index.items()}


def _head_phrases(heads: Iterable[str]) -> HeadIndex:
    return _head_index(tuple(heads))


def _head_at(words: list[str], i: int, heads: HeadIndex) -> int:
    """How many words a head phrase takes at words[i] (0 if none)."""
    if i >= len(words):
        return 0
    for parts in heads.get(words[i].lower(), ()):
        if len(parts) == 1 or tuple(w.lower() for w in words[i : i + len(parts)]) == parts:
            return len(parts)
    return 0


_LOCALITIES: HeadIndex = _head_index(tuple(DEFAULT_LOCALITIES))


def _locality_at(words: list[str], i: int) -> int:
    return _head_at(words, i, _LOCALITIES)


@lru_cache(maxsize=64)
def _abbreviation_keys(abbreviations: tuple[str, ...]) -> tuple[frozenset[str], int]:
    """The abbreviations' comparison keys, and the most words one of them has."""
    keys = frozenset(k for k in map(comparison_key, abbreviations) if k)
    return keys, max((k.count(" ") + 1 for k in keys), default=0)


def starts_unit(text: str, heads: Iterable[str] = DEFAULT_AGENCY_HEADS, abbreviations: Iterable[str] = ()) -> bool:
    """Whether `text` begins with a unit name: a capitalised head word, "các" + a generic noun, or an
    abbreviation (capitals such as "UBND", "TT ƯDCN KH&CN")."""
    stripped = text.lstrip()
    if not stripped:
        return False
    keys, longest = _abbreviation_keys(tuple(abbreviations))
    if keys:
        parts = comparison_key(stripped).split(" ", longest)
        if any(" ".join(parts[:n]) in keys for n in range(1, min(longest, len(parts)) + 1)):
            return True
    words = stripped.split()
    if words[0].lower() == "các" and len(words) > 1:
        rest = " ".join(words[1:]).lower()
        return any(rest == n or rest.startswith(n + " ") or rest.startswith(n + ",") for n in DEFAULT_GENERIC_NOUNS)
    if not _is_title(words[0]):
        return False
    if _is_caps_abbreviation(words[0]):
        return True
    return _head_at(words, 0, _head_phrases(heads)) > 0


def split_unit_list(
    text: str, heads: Iterable[str] = DEFAULT_AGENCY_HEADS, abbreviations: Iterable[str] = (),
    *, hard_newlines: bool = False,
) -> list[tuple[int, int]]:
    """The [start, end) offsets of each unit in a list such as a lead or partner cell.

    ";" always separates; "," "và" "cùng" and line breaks only where a new unit begins (a line break
    in a cell is mostly wrapping); with `hard_newlines` every line is one item (persons).
    """
    heads = tuple(heads)
    abbreviations = tuple(abbreviations)
    pieces: list[tuple[int, int]] = []
    position = 0
    always = _ALWAYS_SPLIT_LINES if hard_newlines else _ALWAYS_SPLIT
    for match in list(always.finditer(text)) + [None]:
        end = match.start() if match else len(text)
        _split_soft(text, position, end, heads, abbreviations, pieces)
        if match:
            position = match.end()
    return [p for p in (_trim(text, s, e) for s, e in pieces) if p[1] > p[0]]


def _split_soft(
    text: str, start: int, end: int, heads: tuple[str, ...], abbreviations: tuple[str, ...],
    out: list[tuple[int, int]],
) -> None:
    piece_start = start
    for match in _SOFT_SPLIT.finditer(text, start, end):
        if starts_unit(text[match.end() : end], heads, abbreviations):
            out.append((piece_start, match.start()))
            piece_start = match.end()
    out.append((piece_start, end))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return start, end


def find_abbreviation_definitions(
    text: str, heads: Iterable[str] = DEFAULT_AGENCY_HEADS
) -> list[AbbreviationDefinition]:
    """"<full name> (<abbreviation>)" where the full name starts with a head word and the bracket
    holds capitals: "Chi cục Tiêu chuẩn Đo lường Chất lượng (Chi cục TĐC)"."""
    phrases = _head_phrases(heads)
    found: list[AbbreviationDefinition] = []
    for match in _ABBREVIATION_DEF.finditer(text):
        abbreviation = collapse_spaces(match.group(1))
        if not _UPPER_RUN.search(abbreviation) or len(abbreviation) > MAX_ABBREVIATION_LENGTH:
            continue
        if any(w[0].islower() and w.lower() not in {"và", "tỉnh"} for w in abbreviation.split() if w[0].isalpha()) and not _head_at(abbreviation.split(), 0, phrases):
            continue
        before = text[: match.start()].rstrip()
        cut = max(before.rfind(c) for c in ";:\t\n(") + 1
        cut = max(cut, before.rfind(", ") + 2 if ", " in before else 0)
        segment = before[cut:]
        words = [(m.start() + cut, m.group()) for m in re.finditer(r"\S+", segment)]
        plain = [w for _, w in words]
        for i, (offset, _) in enumerate(words):
            if _is_title(plain[i]) and _head_at(plain, i, phrases):
                full = before[offset:].strip()
                if comparison_key(full) != comparison_key(abbreviation):
                    found.append(AbbreviationDefinition(abbreviation, full, offset, offset + len(full)))
                break
    return found


# --- prose mentions (spaCy) -------------------------------------------------------------------

@lru_cache(maxsize=4)
def _pipeline(heads: tuple[str, ...]) -> tuple[Any, Any]:
    """A blank multi-language pipeline (syllable tokens) and a Matcher for head words and generic
    plural units; built once per head list."""
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("xx")
    nlp.max_length = 10**7  # beyond layout.MAX_TEXT_CHARS: a blank pipeline only tokenizes, any paragraph is safe
    matcher = Matcher(nlp.vocab)
    matcher.add("HEAD", [[{"LOWER": part} for part in parts] for group in _head_phrases(heads).values() for parts in group])
    generic = []
    for noun in DEFAULT_GENERIC_NOUNS:
        generic.append([{"LOWER": "các"}] + [{"LOWER": part} for part in noun.split()])
    matcher.add("GENERIC", generic)
    return nlp, matcher


def _extend_name(words: list[str], i: int, phrases: HeadIndex) -> int:
    """The end (exclusive word index) of a name whose head ends at word i; i itself if none follows."""
    end = i
    j = i
    seen_title = False
    while j < len(words):
        word = words[j]
        if _is_title(word):
            if seen_title and _head_at(words, j, phrases) and words[j - 1] in {",", "và"}:
                break
            seen_title = True
            end = j = j + 1
            continue
        if word in {"&", "-", "–", "và", ","} and j + 1 < len(words) and _is_title(words[j + 1]):
            if _head_at(words, j + 1, phrases) and word in {",", "và"}:
                break
            j += 1
            continue
        if not seen_title:
            loc = _locality_at(words, j)
            if loc:
                end = j = j + loc
                # "các huyện, thành phố", "các xã, phường": one locality list.
                while j + 1 < len(words) and words[j] == "," and _locality_at(words, j + 1):
                    j += 1 + _locality_at(words, j + 1)
                    end = j
                continue
            break
        # Lowercase syllables: one ends a word ("Khoa học"); more only when a capital follows soon.
        run = 0
        while j + run < len(words) and not _is_title(words[j + run]) and words[j + run].isalpha():
            if words[j + run].lower() in DEFAULT_NAME_STOPS or (run and _locality_at(words, j + run)):
                break
            run += 1
        nxt = j + run
        if 0 < run <= MAX_INNER_LOWER and nxt < len(words) and _is_title(words[nxt]) and (run == 1 or not _head_at(words, nxt, phrases)):
            j = nxt
            continue
        if (
            0 < run <= 1 and nxt + 1 < len(words) and words[nxt] in {"&", "-", "–", "và", ","}
            and _is_title(words[nxt + 1]) and not _head_at(words, nxt + 1, phrases)
        ):
            j = nxt + 1
            continue
        if 0 < run <= MAX_INNER_LOWER and not any(w.lower() in DEFAULT_NAME_STOPS for w in words[j:nxt]) and _locality_at(words, nxt):
            end = _place_end(words, nxt)  # "Trung tâm Dịch vụ việc làm tỉnh Hà Giang"
            break
        closes = nxt >= len(words) or (not words[nxt].isalpha() and words[nxt] not in {"&", "-", "–"})
        if 1 < run <= MAX_INNER_LOWER and closes:
            end = nxt  # "Chi cục Quản lý thị trường:": the name runs to the punctuation
            break
        if run and words[j].lower() not in DEFAULT_NAME_STOPS:
            end = j + 1
            j = end
            if _locality_at(words, j):
                end = _place_end(words, j)
            break
        if _locality_at(words, j):
            end = _place_end(words, j)
        break
    return end


def _place_end(words: list[str], j: int) -> int:
    """The end of a locality at words[j] with the place name after it ("tỉnh Hà Giang")."""
    end = j + _locality_at(words, j)
    while end < len(words) and _is_title(words[end]) and words[end].isalpha():
        end += 1
    return end


def find_unit_mentions(text: str, heads: Iterable[str] = DEFAULT_AGENCY_HEADS) -> list[UnitMention]:
    """Unit names in running text, in order, not overlapping."""
    return list(_mentions(text, tuple(heads)))


@lru_cache(maxsize=1024)
def _mentions(text: str, heads: tuple[str, ...]) -> tuple[UnitMention, ...]:
    nlp, matcher = _pipeline(heads)
    doc = nlp(text)
    words = [t.text for t in doc]
    phrases = _head_phrases(heads)
    spans: list[tuple[int, int]] = []
    for match_id, start, end in sorted(matcher(doc), key=lambda m: (m[1], -m[2])):
        label = nlp.vocab.strings[match_id]
        if spans and start < spans[-1][1]:
            continue
        if label == "GENERIC":
            stop = _extend_generic(words, end)
            spans.append((start, stop))
            continue
        head = words[start]
        name_end = _extend_name(words, end, phrases)
        if name_end == end:
            continue  # a head with no name after it: "bộ tiêu chí", "phòng thí nghiệm"
        if not _is_title(head) and not (name_end > end and _is_title(words[end])):
            continue
        if head.lower() not in DEFAULT_LOCAL_HEADS and not _is_title(words[end]) and _locality_at(words, end) == 0:
            continue
        spans.append((start, name_end))
    mentions = []
    for start, end in spans:
        char_start = doc[start].idx
        char_end = doc[end - 1].idx + len(doc[end - 1].text)
        mentions.append(UnitMention(text[char_start:char_end], char_start, char_end))
    return tuple(mentions)


def _extend_generic(words: list[str], j: int) -> int:
    """"các sở, ban, ngành", "các cơ quan, đơn vị (có) liên quan": nouns joined by commas, then
    an optional "(có) liên quan" or locality."""
    nouns = {n for n in DEFAULT_GENERIC_NOUNS if " " not in n}
    starts = nouns | {"cơ", "đơn", "địa", "tổ", "cá", "doanh", "đoàn"}
    end = j
    while j < len(words) and (
        (j + 1 < len(words) and words[j] == "," and words[j + 1].lower() in starts)
        or words[j].lower() in nouns
    ):
        k = j + 1 if words[j] == "," else j
        two = " ".join(words[k : k + 2]).lower()
        k += 2 if " " in two and two in DEFAULT_GENERIC_NOUNS else 1
        j = end = k
    tail = [w.lower() for w in words[end : end + 3]]
    if tail in (["-", "xã", "hội"], ["–", "xã", "hội"]):  # "các tổ chức chính trị - xã hội"
        end += 3
        tail = [w.lower() for w in words[end : end + 3]]
    if tail[:2] == ["có", "liên"] and len(tail) > 2 and tail[2] == "quan":
        end += 3
    elif tail[:2] == ["liên", "quan"]:
        end += 2
    else:
        end += _locality_at(words, end)
    return end


# --- the plan's unit table ----------------------------------------------------------------------

@dataclass
class UnitEntry:
    name: str
    abbreviations: list[str] = field(default_factory=list)
    mentions: int = 0
    first: tuple[int, int] | None = None  # offsets of the first mention in the layout text


class UnitTable:
    """The plan's units: abbreviations it defines, known ones, and each distinct unit with its
    mentions. Spelling variants share one entry through the comparison key."""

    def __init__(
        self, definitions: Iterable[AbbreviationDefinition] = (),
        known: Mapping[str, str] | None = None, heads: Iterable[str] = DEFAULT_AGENCY_HEADS,
    ) -> None:
        self.heads = tuple(heads)
        self.defined: dict[str, str] = {}  # key of abbreviation -> full name
        self.defined_printed: dict[str, str] = {}
        for d in definitions:
            self.defined.setdefault(comparison_key(d.abbreviation), d.full)
            self.defined_printed.setdefault(comparison_key(d.abbreviation), d.abbreviation)
        self.known: dict[str, str] = {comparison_key(k): v for k, v in (known or {}).items()}
        self.known_printed: list[str] = list((known or {}).keys())
        self.abbreviations: tuple[str, ...] = (*self.defined_printed.values(), *self.known_printed)
        self._defined_tokens = {
            comparison_key(t) for a in self.defined_printed.values() for t in _CAPS_TOKEN.findall(a)
        }
        self.entries: dict[str, UnitEntry] = {}
        self.order: list[str] = []
        self._merge_keys: dict[str, str] = {}

    def expand(self, printed: str) -> str:
        """The full name for a printed unit: a defined abbreviation expanded (whole name, or the name
        an abbreviation begins: "Văn phòng Sở KH&CN" stays), else the printed form cleaned."""
        cleaned = collapse_spaces(printed).strip(_EDGE_PUNCT)
        return self.defined.get(comparison_key(cleaned), cleaned)

    def _merge_key(self, name: str) -> str:
        """The comparison key with known abbreviations spelled out, so "UBND tỉnh" and
        "Ủy ban nhân dân tỉnh" are one unit."""
        key = self._merge_keys.get(name)
        if key is None:
            key = self._merge_keys[name] = self._spelled_out_key(name)
        return key

    def _spelled_out_key(self, name: str) -> str:
        words = []
        for word in name.split():
            full = self.known.get(comparison_key(word))  # "" for an ambiguous one
            words.append(full if full and _is_caps_abbreviation(word) else word)
        return comparison_key(" ".join(words))

    def _strip_definition(self, cleaned: str) -> tuple[str, str | None]:
        """"Chi cục Tiêu chuẩn Đo lường Chất lượng (Chi cục TĐC)" -> the name and its abbreviation."""
        match = _TRAILING_BRACKET.search(cleaned)
        if match is None or match.start() == 0:
            return cleaned, None
        # A remark after the name ("(CĐT)", "(vốn xây dựng)") is not part of it either.
        return cleaned[: match.start()].rstrip(), self.defined_printed.get(comparison_key(match.group(1)))

    def add(self, printed: str, start: int | None = None, end: int | None = None) -> str:
        """Record one mention; returns the unit's full name as the plan is to show it."""
        cleaned, defined_here = self._strip_definition(collapse_spaces(printed).strip(_EDGE_PUNCT))
        if defined_here is not None and start is not None:
            end = start + len(cleaned)
        name = self.expand(cleaned)
        key = self._merge_key(name)
        entry = self.entries.get(key)
        if entry is None:
            entry = self.entries[key] = UnitEntry(name=name)
            self.order.append(key)
        entry.mentions += 1
        if entry.first is None and start is not None and end is not None:
            entry.first = (start, end)
        abbreviation = defined_here or self.defined_printed.get(comparison_key(cleaned))
        if abbreviation and abbreviation not in entry.abbreviations:
            entry.abbreviations.append(abbreviation)
        return entry.name

    def define(self, definition: AbbreviationDefinition) -> None:
        """Make sure a defined unit carries its abbreviation even before it is mentioned by it."""
        key = self._merge_key(definition.full)
        entry = self.entries.get(key)
        if entry is not None and definition.abbreviation not in entry.abbreviations:
            entry.abbreviations.append(definition.abbreviation)

    def undefined_abbreviations(self, printed: str) -> list[str]:
        """Capital tokens in a printed unit that the plan never defines and that are not known."""
        cleaned, _ = self._strip_definition(collapse_spaces(printed).strip(_EDGE_PUNCT))
        if comparison_key(cleaned) in self.defined:
            return []
        missing = []
        for token in _CAPS_TOKEN.findall(cleaned.replace(" &", "&").replace("& ", "&")):
            key = comparison_key(token)
            if key in self.known or key in self._defined_tokens or key in self.defined:
                continue
            missing.append(token)
        return missing

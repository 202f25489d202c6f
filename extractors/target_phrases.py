"""Reading targets in a sentence: the number, its comparator, range, change and counted noun.

How plans write them: "ít nhất 300 lượt người tham gia", "đạt trên 80% nhu cầu", "từ 5 đến 10 doanh
nghiệp", "2 - 3 công trình nghiên cứu", "khoảng 1.500 hộ", "tăng trên 3%", "giảm ít nhất 10%",
"dưới 2%", "không quá 10 ngày", "60 lượt người/năm", "500 nghìn thuê bao".

Rules:
- A target is a number (``parse_number``: 05 -> 5, 99,86 -> 99.86; a small number in words after a
  "ít nhất" / "tối đa" and before a counted noun: "ít nhất một cơ sở y tế") with a comparator before it or a counted noun after it. Comparators: "ít nhất", "tối thiểu", "không dưới", "≥" -> at_least; "trên",
  "hơn", "vượt", ">" -> over; "không quá", "tối đa", "≤" -> at_most; "dưới", "ít hơn", "<" -> under;
  "... trở lên" after it -> at_least, "... trở xuống" -> at_most; "từ A đến B" or "A - B" -> between
  (``quantity_max`` B); else exactly. "khoảng", "gần", "xấp xỉ", "trên dưới" before it -> approximate.
  "tăng" / "giảm" before it (and before its comparator) -> direction.
- The counted noun is the noun phrase written after the number, as Vietnamese ends one: at
  punctuation, a following number, a capitalised name, a grammatical word (preposition, conjunction,
  auxiliary, quantifier: ``DEFAULT_PHRASE_ENDERS``) or a verb (``DEFAULT_VERBS``; those that are
  nouns as well, ``DEFAULT_VERBS_AFTER_HEAD``, only after the head word; these are in
  ``extractors.target_units``); at most ``DEFAULT_MAX_UNIT_WORDS`` syllables. "%" and measurement symbols
  ("MW", "μg/m3") are units as written. Two short nouns of the same length joined by a comma are one
  unit when the phrase ends after the second ("04 tin, bài về ...", "02 cán bộ, công chức"). "nghìn", "triệu", "tỷ" after the number scale it.
- ``per_year``: "/năm", "mỗi năm", "hằng năm" right after the unit, or "mỗi/hằng năm" in the clause
  before the number.
- Not targets: years, dates, document numbers, money (``find_amounts``), counts in the quoted name of
  another document ('Đề án "... ít nhất 01 triệu căn hộ ..."'), numbers after a name word
  ("Quyết định 82", "Điều 3", "cấp độ 3", "thứ 10"), a count in parentheses ("(16 mục tiêu)",
  "(1)"), ages ("15 tuổi", "24 tháng tuổi"), durations with no comparator ("sơ kết 5 năm") and the
  baseline of a change ("giảm từ 23 ca sinh xuống 18 ca sinh": 18 only), the figures of a stated
  frequency ("tần suất quan trắc: 02 đợt/tháng").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kehoach.extractors.target_units import DEFAULT_PHRASE_ENDERS, population_after, unit_after
from kehoach.extractors.vnnumbers import NumberFormatError, find_amounts, parse_number
from kehoach.extractors.vntext import collapse_spaces
from kehoach.schemas import MAX_YEAR, MIN_YEAR
from kehoach.schemas.plan import Comparator

# A rate is written per a power of ten: "4/100.000 trẻ sinh ra còn sống", "18 ca sinh/1.000 phụ nữ".
_DENOMINATOR = r"(?:100|1\.000|10\.000|100\.000|1\.000\.000)(?![\d.,])"
# Figures and the bounds a number in words may follow (_AT_LEAST, _AT_MOST), found in one scan: every
# match begins with one character of a class (a digit, or a bound's first character as the
# case-insensitive match takes it: "K" is the Kelvin sign), which lets the regex engine skip every
# other character at once; lookbehinds after it tell which it is.
_FIGURE_OR_BOUND = re.compile(
    r"[\dkKKíÍtT≥≤<>](?:(?<=\d)(?<![\w./,\-–]\d)(?P<num>(?:\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d*(?:,\d+)?))"
    rf"(?!\w|[.,]\d|\s*/(?!\s*{_DENOMINATOR}\s+[^\W\d_]))"
    r"|(?P<bound>(?i:(?<=k)hông\s+(?:dưới|ít\s+hơn|thấp\s+hơn|(?:vượt\s+)?quá)|(?<=í)t\s+nhất"
    r"|(?<=t)ối\s+(?:thiểu|đa)|(?<=[≥≤])|(?<=[<>])=)))"
)
# The leading lookahead lets a scan pass over other characters at once.
_WORD_NUMBER = re.compile(r"(?=[mhbstc])(?<!\w)(?P<word>một|hai|ba|bốn|sáu|bảy|tám|chín|mười)(?!\w)", re.I)
_PREFIX = 40  # characters before a number where its comparator, approximation or name is read
# Small numbers in words count only after "ít nhất", "tối đa" ... and before a counted noun ("ít nhất
# một cơ sở y tế", not "ít nhất một trong các dịch vụ"); "năm" is left out
# (it is "year" far more often than "five").
_NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}


def _led(heads: str, pattern: str, flags: int = re.I) -> re.Pattern[str]:
    """`pattern` behind a lookahead on the characters its matches begin with (`heads`), so that a
    search passes over every other position at once (several times faster on a 40-character prefix)."""
    return re.compile(f"(?=[{heads}])(?:{pattern})", flags)


# "tần suất quan trắc: 02 đợt/tháng": the figures of a stated frequency are not targets.
_FREQUENCY = re.compile(r"\btần\s+suất\b", re.I)
# "mỗi tháng 02 chuyên mục": a frequency, not the name of a month.
_FREQUENCY_BEFORE = _led("mh", r"\b(?:mỗi|hằng|hàng)\s+(?:tháng|quý|năm|tuần|ngày)\s*$")
_TAIL = r"\s*(?:là\s+|mức\s+|được\s+)?$"
_AT_LEAST = r"(?:không\s+(?:dưới|ít\s+hơn|thấp\s+hơn)|ít\s+nhất|tối\s+thiểu|≥|>=)"
_AT_MOST = r"(?:không\s+(?:vượt\s+)?quá|tối\s+đa|≤|<=)"
_UNDER = r"(?:dưới|ít\s+hơn|thấp\s+hơn|<)"
_OVER = r"(?:(?<!dựa )trên|hơn|vượt(?:\s+quá)?|cao\s+hơn|nhiều\s+hơn|>)"
_APPROXIMATE = r"(?:khoảng|gần|xấp\s+xỉ|chừng|trên\s+dưới|ước\s+(?:tính|đạt))"
_COMPARATOR_BEFORE: list[tuple[re.Pattern[str], Comparator]] = [
    (_led("kít≥>", _AT_LEAST + _TAIL), "at_least"),
    (_led("kt≤<", _AT_MOST + _TAIL), "at_most"),
    (_led("dít<", _UNDER + _TAIL), "under"),
    (_led("thvcn>", _OVER + _TAIL), "over"),
]
# The bounds a number in words may follow (_AT_LEAST, _AT_MOST), led by their first character as
# the case-insensitive match takes it ("K" is the Kelvin sign), so that a scan skips other characters.
_BOUND = re.compile(
    r"[kKKíÍtT≥≤<>](?i:(?<=k)hông\s+(?:dưới|ít\s+hơn|thấp\s+hơn|(?:vượt\s+)?quá)|(?<=í)t\s+nhất"
    r"|(?<=t)ối\s+(?:thiểu|đa)|(?<=[≥≤])|(?<=[<>])=)"
)
_APPROXIMATE_BEFORE = _led("kgxctư", _APPROXIMATE + r"\s*$")
# Where this finds nothing, neither _APPROXIMATE_BEFORE nor a comparator does (most figures).
_QUALIFIER_BEFORE = _led("kgxctưí≥>≤<dhvn", f"(?:{_APPROXIMATE}|{_AT_LEAST}|{_AT_MOST}|{_UNDER}|{_OVER}){_TAIL}")
# The end of the prefix reversed: the last word of any qualifier, after the optional _TAIL word. A
# match at the start of the reversed prefix is a few steps, where a search for _QUALIFIER_BEFORE's
# "$" tries every position; where this fails, so does _QUALIFIER_BEFORE.
_QUALIFIER_END_REVERSED = re.compile(
    r"(?:\s++(?:àl|cứm|cợưđ))?\s*+(?:iớưd|nơh|tấhn|uểiht|áuq|ađ|nêrt|tợưv|gnảohk|nầg|ỉx|gnừhc|hnít|tạđ|[≥≤<>=])", re.I
)
_DIRECTION_BEFORE = _led(
    "tg", r"\b(?P<verb>tăng|giảm)(?:\s+(?:thêm|bình\s+quân|trung\s+bình|được|tối\s+thiểu|ít\s+nhất|khoảng))*\s*$"
)
_RANGE_AFTER = re.compile(r"\s*(?:-|–|—|đến|tới)\s*(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\w/]|[.,]\d)")
_FROM_BEFORE = _led("t", r"\btừ\s*$")
# "giảm từ 23 ca sinh xuống 18 ca sinh": the first figure is the baseline, the second the target.
_BASELINE_AFTER = re.compile(r"[^,;]{0,40}?\s(?:xuống|lên|còn)\s+(?:mức\s+|dưới\s+|trên\s+)?\d", re.I)
_RATE_AFTER = re.compile(rf"\s*/\s*(?P<denominator>{_DENOMINATOR})\s+(?=[^\W\d_])")
_AT_LEAST_AFTER = re.compile(r"\s*trở\s+lên\b", re.I)
_AT_MOST_AFTER = re.compile(r"\s*trở\s+xuống\b", re.I)
_PER_YEAR_AFTER = re.compile(r"\s*(?:/\s*năm\b|(?:mỗi|hàng|hằng|một|trên)\s+năm\b)", re.I)
_PER_YEAR_BEFORE = _led("mh", r"(?:mỗi|hàng|hằng)\s+năm\s*(?:đạt\s+|có\s+|khoảng\s+|là\s+)?$")
_NAME_WORDS = (
    r"năm|tháng|ngày|quý|số|giai\s+đoạn|điều|khoản|điểm|mục|phụ\s+lục|lần\s+thứ|khóa|"
    r"chương\s+trình|quyết\s+định|nghị\s+định|thông\s+tư|kế\s+hoạch|đề\s+án|nghị\s+quyết|chỉ\s+thị|"
    r"luật|công\s+văn|văn\s+bản|tiêu\s+chuẩn|tcvn|iso|phiên\s+bản|tầng|phòng|đợt|nhóm|bước|"
    r"cấp\s+độ|mức\s+độ|hạng|vị\s+trí|thứ|dự\s+án|tiểu\s+dự\s+án"
)
_NAME_BEFORE = _led("ntqsgđkmplcvibhd", rf"(?:\b(?:{_NAME_WORDS}))\s*(?:thứ\s+)?$")
# The prefix reversed begins with the last word of a name, reversed, where _NAME_BEFORE matches: a
# match at the start is a few steps, where the search tries every position.
_NAME_END_REVERSED = re.compile(
    r"(?:\s++ứht)?\s*+(?:"
    + "|".join(sorted({word.split("\\s+")[-1][::-1] for word in _NAME_WORDS.split("|")}))
    + ")",
    re.I,
)
# The name of a model or principle counts its parts ("chính quyền địa phương 2 cấp", "mô hình bảo vệ 04
# lớp", "nguyên tắc 6 rõ"): the name word, then at most two words of the same noun phrase. A share
# after it is still an objective ("bảo đảm nguyên tắc 100% hồ sơ ... được tiếp nhận").
_MODEL_BEFORE = _led(
    "cmnp",
    r"\b(?:chính\s+quyền(?:\s+địa\s+phương)?|mô\s+hình|nguyên\s+tắc|phương\s+châm)"
    r"(?P<words>(?:\s+[^\W\d_]+){0,2})\s*$",
)
# The situation, not an objective: "Hiện nay, tổng số trạm ... khoảng 180 trạm", "(đến nay mới đạt
# 39,5%)"; unless a change to come follows the marker ("từ 50% hiện nay lên 80%").
_SITUATION = _led("hđ", r"\b(?:hiện\s+nay|đến\s+nay|hiện\s+tại|hiện\s+có)\b")
_CHANGE_TO_COME = _led("lxcptgn", r"\b(?:lên|xuống|còn|phấn\s+đấu|tăng|giảm|nâng)\b")
# A count after a preposition of place or accompaniment describes where or with what, not how much is
# to be reached ("tại 34 tỉnh, thành phố", "với 05 chức năng chính"); a share there still is ("tại
# 100% xã").
_PASSING_BEFORE = _led("tvở", r"(?<!đối\s)\b(?:tại|với|ở)\s*$")  # "đối với 117 thôn": the object
# The counted things exist already ("40 xã, phường đã được công bố tình huống khẩn cấp").
_EXISTING_AFTER = re.compile(r"\s*(?:\[\d+\]\s*)?(?:đã|hiện\s+(?:đang|có))\s", re.I)
# The counted ones are addressed as doers: "6 thành phố trực thuộc Trung ương chủ động, chủ trì xây dựng
# ...", "11 địa phương [1] khẩn trương thành lập ...": who carries out the work, not how much of it.
_DOERS_AFTER = re.compile(
    r"\s*(?:\[\d+\]\s*)?(?:chủ\s+trì|chủ\s+động|khẩn\s+trương|tham\s+mưu|phối\s+hợp\s+với)\b", re.I
)
_ACRONYM_BEFORE = _led("A-ZĐ", r"\b[A-ZĐ]{2,}\s*$", 0)  # "ISO 9001", "TCVN 6165"
_PER_YEAR_IN_CLAUSE = _led("mh", r"\b(?:mỗi|hàng|hằng)\s+năm\b")
# "(đến|vào|trong ...) năm 2025": the word before "năm" does not change the year it names.
_YEAR_IN_CLAUSE = _led("n", r"năm\s+(?P<year>(?:19|20|21)\d{2})(?!\d)")
_MILESTONE_AFTER = _led("vđt", r"(?:vào|đến|tới|trong)\s+(?:hết\s+|cuối\s+)?năm\s+(?P<year>(?:19|20|21)\d{2})(?!\d)")
# The quoted name of another document or programme: a count in it is that document's ('Đề án "Đầu
# tư xây dựng ít nhất 01 triệu căn hộ nhà ở xã hội"').
_CITED_NAME = _led(
    "đckpdnql",
    r"\b(?:đề\s+án|chương\s+trình|kế\s+hoạch|phong\s+trào|cuộc\s+vận\s+động|dự\s+án|nghị\s+quyết|"
    r"quyết\s+định|chiến\s+lược|chỉ\s+thị|luật)\b[^“\"”.;]{0,60}?[“\"](?P<name>[^”\"]{1,300})[”\"]",
)
_CLAUSE_END = re.compile(r";|\.(?=\s+[A-ZÀ-ỸĐ\-–+])|\.\s*$|\n")
_SCALE_AFTER = re.compile(r"\s*(?P<scale>nghìn|ngàn|triệu|tỷ|tỉ)(?=\s+[^\W\d_])", re.I)
# Every pattern naming a year ("năm") holds these letters; where a piece's lower case does not, the
# pattern is not tried (no other character matches "ă" or "m" case-insensitively).
_YEAR = "ăm"
_SCALES = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}

DEFAULT_TIME_UNITS = frozenset({"ngày", "tháng", "năm", "giờ", "tuần", "quý", "phút", "giây", "buổi"})
DEFAULT_AGE_WORD = "tuổi"
_UNIT_WINDOW = 120  # characters after a number where its unit is looked for (units are short)


class Reading(NamedTuple):
    """A target read from a piece of text, with offsets into it."""

    quantity: float
    comparator: Comparator
    quantity_max: float | None
    approximate: bool
    direction: str | None
    unit: str | None
    per_year: bool
    clause: str
    year: int | None
    start: int  # offsets in the scanned text of the words the target came from
    end: int


def _qualifiers_before(prefix: str) -> tuple[Comparator | None, int, bool]:
    """The comparator written just before a number, where it starts in `prefix`, and whether an
    approximation ("khoảng", "gần") stands there instead."""
    if not _QUALIFIER_END_REVERSED.match(prefix[::-1]) or not _QUALIFIER_BEFORE.search(prefix):
        return None, len(prefix), False
    if _APPROXIMATE_BEFORE.search(prefix):
        return None, len(prefix), True
    for pattern, comparator in _COMPARATOR_BEFORE:
        match = pattern.search(prefix)
        if match and (match.start() == 0 or not prefix[match.start() - 1].isalnum()):
            return comparator, match.start(), False
    return None, len(prefix), False


def _after_a_name(before: str) -> bool:
    """True when the word just before is capitalized inside a sentence ("Việt Nam 20", "Chương trình 712")."""
    tail = before[-60:]
    words = tail.rstrip()
    if len(words) == len(tail):
        return False  # no space before the number
    start = len(words)
    while start and _is_letter(words[start - 1]):
        start -= 1
    if start == len(words) or not words[start].isupper():
        return False
    rest = tail[:start].rstrip()
    return bool(rest) and rest[-1] not in ".;:!?-–+*•\n\t"


def _is_letter(char: str) -> bool:
    """A letter as the pattern [^\\W\\d_] takes it (a word character, not a digit nor "_")."""
    return char.isalnum() and not char.isdecimal()


def _clause_ends(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _CLAUSE_END.finditer(text)]


def _clause_bounds(text: str, position: int, ends: list[tuple[int, int]]) -> tuple[int, int]:
    """The clause of `text` holding `position`; `ends` are _clause_ends(text)."""
    start = 0
    for end_start, end_end in ends:
        if end_end <= position:
            start = end_end
        elif end_start >= position:
            return start, end_start
    return start, len(text)


def _year_in(text: str) -> int | None:
    years = [int(m["year"]) for m in _YEAR_IN_CLAUSE.finditer(text)]
    return years[-1] if years else None


def _to_quantity(number: str) -> float | None:
    try:
        return float(parse_number(number))
    except NumberFormatError:
        return None


def _is_year_like(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and MIN_YEAR <= int(number) <= MAX_YEAR


def _not_a_target_before(text: str, start: int, prefix: str) -> bool:
    return bool(
        (_NAME_END_REVERSED.match(prefix[::-1]) and _NAME_BEFORE.search(prefix)) or _ACRONYM_BEFORE.search(prefix)
        or _after_a_name(text[max(0, start - 60) : start])
    )


def _names_a_model(prefix: str) -> bool:
    match = _MODEL_BEFORE.search(prefix)
    if match is None:
        return False
    words = match["words"].casefold().split()
    return not any(word in DEFAULT_PHRASE_ENDERS for word in words)


def _in_situation(scope: str) -> bool:
    """True when the words before a figure (its clause, or its open bracket) report the situation."""
    marker = None
    for marker in _SITUATION.finditer(scope):
        pass
    return marker is not None and not _CHANGE_TO_COME.search(scope, marker.end())


def _scope(text: str, clause_start: int, start: int) -> str:
    """The words a figure belongs to: from its clause start or the bracket it sits in."""
    before = text[clause_start:start]
    opened = before.rfind("(")
    if opened > before.rfind(")"):
        return before[opened:]
    return before


def _money_and_cited_names(text: str) -> list[tuple[int, int]]:
    """Where amounts of money and the quoted names of other documents lie: no target is read there."""
    spans = [(a.start, a.end) for a in find_amounts(text)]
    if '"' in text or "“" in text:
        spans += [m.span("name") for m in _CITED_NAME.finditer(text)]
    return spans


def _numbers(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, in words) of the numbers that may be targets, in order: every figure in digits, and
    the small numbers in words that a bound ("ít nhất", "tối đa") may stand before; a number in words
    counts only after one, and a bound is read within _PREFIX characters before a number."""
    found: list[tuple[int, int, bool]] = []
    bounds: list[tuple[int, int]] = []
    for match in _FIGURE_OR_BOUND.finditer(text):
        if match.lastgroup == "num":
            found.append((match.start(), match.end(), False))
        else:
            bounds.append(match.span())
    words: set[int] = set()
    for bound_start, bound_end in bounds:
        # a number in words is at most 4 letters, and its end is read with the character after it
        for match in _WORD_NUMBER.finditer(text, bound_start, bound_end + _PREFIX + 5):
            start, end = match.span("word")
            if start > bound_end + _PREFIX:
                break
            if start not in words:
                words.add(start)
                found.append((start, end, True))
    if words:
        found.sort()
    return found


def read_targets(text: str) -> list[Reading]:
    """Every target in a piece of text, with offsets into it."""
    money: list[tuple[int, int]] | None = None
    clause_ends: list[tuple[int, int]] | None = None
    readings: list[Reading] = []
    skip_until = -1
    for start, end, in_words in _numbers(text):
        if start < skip_until:
            continue
        number = text[start:end]
        prefix = text[max(0, start - _PREFIX) : start]
        comparator, comp_at, approximate = _qualifiers_before(prefix)
        if in_words and comparator not in ("at_least", "at_most"):
            continue
        if comparator is None and (
            _is_year_like(number)
            or (_not_a_target_before(text, start, prefix) and not _FREQUENCY_BEFORE.search(prefix))
        ):
            continue
        if money is None:  # read once a figure gets this far: most are years and document numbers
            money = _money_and_cited_names(text)
        if any(s < end and start < e for s, e in money):
            continue
        quantity = float(_NUMBER_WORDS[number.casefold()]) if in_words else _to_quantity(number)
        if quantity is None:
            continue
        quantity_max: float | None = None
        number_end = end
        ranged = _RANGE_AFTER.match(text, end)
        if ranged and not _is_year_like(ranged["num"]):
            upper = _to_quantity(ranged["num"])
            if upper is not None and upper > quantity:
                quantity_max, number_end = upper, ranged.end()
        scale = _SCALE_AFTER.match(text, number_end)
        if scale and quantity_max is None:
            quantity *= _SCALES[scale["scale"].casefold()]
            number_end = scale.end()
        after = text[number_end : number_end + _UNIT_WINDOW]
        unit, unit_len = unit_after(after)
        unit_end = number_end + unit_len
        rate = _RATE_AFTER.match(text, unit_end)
        if rate:
            population, unit_end = population_after(text, rate.end())
            unit = f"{unit or ''}/{rate['denominator']} {population}"
        if unit is None and (in_words or (comparator is None and quantity_max is None)):
            continue
        head = (unit or "").casefold().split(" ")[0]
        if DEFAULT_AGE_WORD in (unit or "").casefold().split(" ")[:2]:
            continue
        if comparator is None and head in DEFAULT_TIME_UNITS:
            continue
        if prefix.rstrip().endswith("(") and text[unit_end:].lstrip().startswith(")"):
            continue
        if comparator is None and unit != "%" and (
            _names_a_model(prefix) or _PASSING_BEFORE.search(prefix) or _EXISTING_AFTER.match(text, unit_end)
            or _DOERS_AFTER.match(text, unit_end)
        ):
            continue
        if prefix.rstrip().endswith(("“", '"')) and text[unit_end:].lstrip().startswith(("”", '"')):
            continue  # a slogan in quotes ("6 rõ", "3 không")
        if clause_ends is None:
            clause_ends = _clause_ends(text)
        c_start, c_end = _clause_bounds(text, start, clause_ends)
        if comparator is None and _in_situation(_scope(text, c_start, start)):
            continue
        if comparator is None and _FREQUENCY.search(text, c_start, start):
            continue  # "tần suất quan trắc: 02 đợt/tháng (18 đợt/năm)": how often, not how much
        from_match = _FROM_BEFORE.search(prefix) if prefix.rstrip().lower().endswith("từ") else None
        if from_match and _BASELINE_AFTER.match(text, unit_end):
            continue
        if quantity_max is not None:
            comparator = "between"
        elif comparator is None and _AT_LEAST_AFTER.match(text, unit_end):
            comparator = "at_least"
        elif comparator is None and _AT_MOST_AFTER.match(text, unit_end):
            comparator = "at_most"
        per_match = _PER_YEAR_AFTER.match(text, unit_end)
        end_at = per_match.end() if per_match else max(unit_end, number_end)
        begin_at = start - (len(prefix) - comp_at) if comp_at < len(prefix) else start
        if quantity_max is not None and from_match:
            begin_at = start - len(from_match.group())
        before_comparator = prefix[:comp_at]
        lowered = before_comparator.lower()
        direction_match = _DIRECTION_BEFORE.search(before_comparator) if "ăng" in lowered or "ảm" in lowered else None
        direction = None
        if direction_match:
            direction = "increase" if direction_match["verb"].casefold() == "tăng" else "decrease"
        before = text[c_start:start]
        year_before = _YEAR in before.lower()
        per_year = bool(per_match) or (
            _YEAR in lowered and bool(_PER_YEAR_BEFORE.search(before_comparator))
        ) or (year_before and bool(_PER_YEAR_IN_CLAUSE.search(before)))
        clause = collapse_spaces(text[c_start:c_end]).strip(" ,;.:")
        year = _year_in(before) if year_before else None
        if year is None and _YEAR in text[end_at:c_end].lower():
            later = _MILESTONE_AFTER.search(text, end_at, c_end)
            year = int(later["year"]) if later else None
        readings.append(
            Reading(
                quantity, comparator or "exactly", quantity_max, approximate,
                direction, unit, per_year, clause, year, begin_at, end_at,
            )
        )
        skip_until = number_end
    return readings

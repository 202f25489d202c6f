"""Tests for extractors.vnnumbers: digits, amounts, words, and their round trips."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.extractors.vnnumbers import (
    AmountReading,
    NumberFormatError,
    find_amounts,
    parse_amount,
    parse_number,
    unit_multiplier,
)
from kehoach.extractors.vnwords import WordsReading, number_to_words, words_to_number

# --- parse_number ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("16.925.000.000", 16_925_000_000, id="dot-thousands"),
        pytest.param("2.989,5", 2989.5, id="dot-thousands-decimal-comma"),
        pytest.param("1,5", 1.5, id="decimal-comma"),
        pytest.param("05", 5, id="zero-padded-count"),
        pytest.param("13,5", 13.5, id="decimal-13-5"),
        pytest.param("99,86", 99.86, id="percent-like"),
        pytest.param("1.500", 1500, id="vn-thousand"),
        pytest.param("1,500", 1.5, id="single-comma-is-decimal"),
        pytest.param("1,500,000", 1_500_000, id="english-two-groups"),
        pytest.param("1,500.25", 1500.25, id="english-grouped-decimal"),
        pytest.param("1.5", 1.5, id="english-decimal-dot"),
        pytest.param("12.3456", 12.3456, id="dot-not-thousands"),
        pytest.param(" 2025 ", 2025, id="surrounding-space"),
        pytest.param("0", 0, id="zero"),
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    result = parse_number(text)
    assert result == expected
    assert isinstance(result, int) == isinstance(expected, int)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("abc", id="letters"),
        pytest.param("1.23.456", id="bad-grouping"),
        pytest.param("1,234,5", id="bad-english-grouping"),
        pytest.param("1.234.5", id="short-last-group"),
        pytest.param("-5", id="sign"),
        pytest.param("16 925 000", id="space-grouping"),
        pytest.param("1,5,0", id="two-commas-not-groups"),
        pytest.param("٣", id="arabic-indic-digit"),
        pytest.param("1" * 31, id="too-long"),
        pytest.param("5%", id="percent-sign"),
    ],
)
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_number(text)


def test_number_format_error_is_value_error() -> None:
    assert issubclass(NumberFormatError, ValueError)


# --- parse_amount ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "default_unit", "vnd", "unit_source"),
    [
        pytest.param("16.925.000.000 đồng", None, 16_925_000_000, "written", id="dong"),
        pytest.param("16.925 triệu đồng", None, 16_925_000_000, "written", id="trieu-dong"),
        pytest.param("6 tỷ đồng", None, 6_000_000_000, "written", id="ty-dong"),
        pytest.param("1,5 tỷ đồng", None, 1_500_000_000, "written", id="decimal-ty"),
        pytest.param("500 triệu", None, 500_000_000, "written", id="bare-trieu"),
        pytest.param("13,5 tỷ", None, 13_500_000_000, "written", id="bare-ty"),
        pytest.param("2 tỉ đồng", None, 2_000_000_000, "written", id="ti-spelling"),
        pytest.param("500.000đ", None, 500_000, "written", id="d-suffix"),
        pytest.param("500.000 VNĐ", None, 500_000, "written", id="vnd-upper"),
        pytest.param("3 Tỷ VNĐ", None, 3_000_000_000, "written", id="ty-vnd"),
        pytest.param("250 nghìn đồng", None, 250_000, "written", id="nghin-dong"),
        pytest.param("250 ngàn đồng", None, 250_000, "written", id="ngan-dong"),
        pytest.param("1,2 nghìn tỷ đồng", None, 1_200_000_000_000, "written", id="nghin-ty"),
        pytest.param("120 tr.đ", None, 120_000_000, "written", id="tr-d-abbreviation"),
        pytest.param("2.989,5", "triệu đồng", 2_989_500_000, "default", id="header-trieu"),
        pytest.param("2.989,5", "Tỷ VNĐ", 2_989_500_000_000, "default", id="header-ty-vnd"),
        pytest.param("150", "nghìn đồng", 150_000, "default", id="header-nghin"),
        pytest.param("150.000", "đồng", 150_000, "default", id="header-dong"),
        pytest.param("150.000", "VND", 150_000, "default", id="header-vnd-ascii"),
        pytest.param("1,5", "tỉ", 1_500_000_000, "default", id="header-ti"),
        pytest.param("5 tỷ", "triệu đồng", 5_000_000_000, "written", id="written-beats-header"),
        pytest.param("16.925.000.000", None, 16_925_000_000, "none", id="no-unit"),
        pytest.param(" 16.925 triệu đồng. ", None, 16_925_000_000, "written", id="trailing-dot"),
    ],
)
def test_parse_amount(text: str, default_unit: str | None, vnd: int, unit_source: str) -> None:
    reading = parse_amount(text, default_unit)
    assert reading.vnd == vnd
    assert reading.unit_source == unit_source
    assert text[reading.start : reading.end] == reading.text


def test_parse_amount_span_excludes_padding() -> None:
    reading = parse_amount("  6 tỷ đồng;")
    assert (reading.start, reading.end, reading.text) == (2, 11, "6 tỷ đồng")


@pytest.mark.parametrize(
    ("text", "default_unit"),
    [
        pytest.param("", None, id="empty"),
        pytest.param("đồng", None, id="unit-only"),
        pytest.param("khoảng 5 tỷ", None, id="leading-word"),
        pytest.param("5 tỷ lượt", None, id="trailing-word"),
        pytest.param("0,5 đồng", None, id="fraction-of-dong"),
        pytest.param("1,500", None, id="single-comma-decimal-not-whole-dong"),
        pytest.param("12", "Số lượng", id="header-without-money"),
    ],
)
def test_parse_amount_rejects(text: str, default_unit: str | None) -> None:
    with pytest.raises(NumberFormatError):
        parse_amount(text, default_unit)


# --- unit_multiplier -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "multiplier"),
    [
        pytest.param("Kinh phí (triệu đồng)", 10**6, id="parenthesised"),
        pytest.param("Tỷ VNĐ", 10**9, id="ty-vnd"),
        pytest.param("nghìn đồng", 10**3, id="nghin"),
        pytest.param("Đồng", 1, id="dong-alone"),
        pytest.param("VNĐ", 1, id="vnd"),
        pytest.param("VND", 1, id="vnd-ascii"),
        pytest.param("tỉ", 10**9, id="ti"),
        pytest.param("ĐVT: nghìn đồng", 10**3, id="dvt-label"),
        pytest.param("Đơn vị tính: Triệu đồng", 10**6, id="don-vi-tinh"),
        pytest.param("Kinh phí (đồng)", 1, id="dong-in-parentheses"),
        pytest.param("Dự toán kinh phí (Đơn vị: triệu đồng)", 10**6, id="don-vi-in-parentheses"),
        pytest.param("Kinh phí hỗ trợ cộng đồng (triệu đồng)", 10**6, id="cong-dong-ignored"),
        pytest.param("Tổng số tỷ đồng", 10**9, id="scale-with-currency-anywhere"),
        pytest.param("Tr.đồng", 10**6, id="tr-dong"),
        pytest.param("Hội đồng nhân dân", None, id="hoi-dong-not-a-unit"),
        pytest.param("Số lượng", None, id="no-unit"),
        pytest.param("(triệu đồng) (tỷ đồng)", None, id="conflicting"),
    ],
)
def test_unit_multiplier(header: str, multiplier: int | None) -> None:
    assert unit_multiplier(header) == multiplier


# --- find_amounts ----------------------------------------------------------------------------


def test_find_amounts_in_sentence() -> None:
    text = (
        "Tổng kinh phí thực hiện: 16.925.000.000 đồng (Bằng chữ: Mười sáu tỷ chín trăm hai mươi "
        "lăm triệu đồng), trong đó năm 2025: 500 triệu, 1,5 triệu lượt người, 13,5 tỷ."
    )
    readings = find_amounts(text)
    assert [r.vnd for r in readings] == [16_925_000_000, 500_000_000, 13_500_000_000]
    for reading in readings:
        assert text[reading.start : reading.end] == reading.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Kinh phí: 500 triệu đồng/năm", [500_000_000], id="per-year"),
        pytest.param("hỗ trợ 05 doanh nghiệp", [], id="count-not-money"),
        pytest.param("đến năm 2025", [], id="year-not-money"),
        pytest.param("5 nghìn doanh nghiệp", [], id="bare-scale-before-word"),
        pytest.param("6 tỷ đồng và 1,2 tỷ VNĐ", [6_000_000_000, 1_200_000_000], id="two"),
        pytest.param("Hội đồng nhân dân tỉnh", [], id="hoi-dong"),
        pytest.param("5 đơn vị", [], id="d-starting-word"),
    ],
)
def test_find_amounts(text: str, expected: list[int]) -> None:
    assert [r.vnd for r in find_amounts(text)] == expected


# --- words_to_number -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("Mười sáu tỷ chín trăm hai mươi năm triệu đồng", 16_925_000_000, id="nam-as-five"),
        pytest.param(
            "Mười sáu tỷ chín trăm hai mươi lăm triệu đồng chẵn./.", 16_925_000_000, id="chan-end-mark"
        ),
        pytest.param("MƯỜI SÁU TỶ CHÍN TRĂM\nHAI MƯƠI LĂM TRIỆU ĐỒNG", 16_925_000_000, id="upper-wrapped"),
        pytest.param("Sáu tỷ đồng", 6_000_000_000, id="six-billion"),
        pytest.param("Một tỷ năm trăm triệu đồng", 1_500_000_000, id="one-and-half-billion"),
        pytest.param("Năm trăm triệu đồng chẵn", 500_000_000, id="five-hundred-million"),
        pytest.param("Hai tỷ chín trăm tám mươi chín triệu năm trăm nghìn đồng", 2_989_500_000, id="table"),
        pytest.param("hai mươi mốt", 21, id="mot-after-muoi"),
        pytest.param("hai mươi một", 21, id="mot-plain"),
        pytest.param("hai mươi tư", 24, id="tu"),
        pytest.param("hai mươi bốn", 24, id="bon"),
        pytest.param("hai mươi nhăm", 25, id="nham"),
        pytest.param("mười lăm", 15, id="muoi-lam"),
        pytest.param("mười năm", 15, id="muoi-nam"),
        pytest.param("mười một", 11, id="muoi-mot"),
        pytest.param("một trăm linh năm", 105, id="linh"),
        pytest.param("một trăm lẻ năm", 105, id="le"),
        pytest.param("một trăm linh tư", 104, id="linh-tu"),
        pytest.param("một nghìn không trăm linh năm", 1005, id="khong-tram"),
        pytest.param("một ngàn linh năm", 1005, id="ngan-linh"),
        pytest.param("một tỷ tỷ", 10**18, id="ty-ty"),
        pytest.param("mười sáu tỷ năm triệu", 16_005_000_000, id="units-before-scale"),
        pytest.param("hai mười", 20, id="muoi-spelled-muoi"),
        pytest.param("mươi", 10, id="muoi-alone"),
        pytest.param("ba tỉ", 3_000_000_000, id="ti"),
        pytest.param("một nghìn tỷ", 10**12, id="nghin-ty"),
        pytest.param("một nghìn hai trăm tỷ", 1_200 * 10**9, id="nghin-hai-tram-ty"),
        pytest.param("hai triệu tỷ", 2 * 10**15, id="trieu-ty"),
        pytest.param("Mười sáu tỷ, chín trăm hai mươi lăm triệu đồng.", 16_925_000_000, id="comma"),
        pytest.param("(Mười sáu tỷ đồng)", 16_000_000_000, id="parentheses"),
        pytest.param("không đồng", 0, id="zero"),
        pytest.param("Bảy tỷ đồng", 7_000_000_000, id="bay"),
        pytest.param("bẩy triệu", 7_000_000, id="bay-variant"),
        pytest.param("Mười sáu tỷ đồng chẵn", 16_000_000_000, id="dong-chan"),
        pytest.param("Mười sáu tỷ chẵn", 16_000_000_000, id="chan"),
    ],
)
def test_words_to_number(text: str, value: int) -> None:
    reading = words_to_number(text)
    assert reading.value == value, reading.error
    assert reading.unknown_words == []
    assert reading.error is None


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        pytest.param("Mười sáu tỷ và năm triệu", ["và"], id="va"),
        pytest.param("Bằng chữ: Sáu tỷ đồng", ["bằng", "chữ"], id="label-not-stripped"),
        pytest.param("Hai tỷ rưỡi", ["rưỡi"], id="ruoi-unsupported"),
        pytest.param("16 tỷ đồng", ["16"], id="digits"),
        pytest.param("Sáu tỷ đồng Việt Nam", ["việt", "nam"], id="dong-viet-nam"),
    ],
)
def test_words_to_number_reports_unknown_words(text: str, unknown: list[str]) -> None:
    reading = words_to_number(text)
    assert reading.value is None
    assert reading.unknown_words == unknown


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("đồng", id="tail-only"),
        pytest.param("hai ba", id="two-digits"),
        pytest.param("triệu", id="scale-alone"),
        pytest.param("một triệu hai triệu", id="repeated-scale"),
        pytest.param("năm triệu sáu tỷ", id="rising-scale"),
        pytest.param("một trăm năm", id="ambiguous-after-hundreds"),
        pytest.param("mười mốt", id="mot-after-muoi"),
        pytest.param("linh năm", id="linh-without-hundreds"),
        pytest.param("một trăm linh lăm", id="lam-after-linh"),
        pytest.param("lăm", id="lam-alone"),
        pytest.param("một mươi", id="one-ten"),
        pytest.param("hai đồng ba", id="dong-inside"),
        pytest.param("trăm", id="hundred-alone"),
        pytest.param("hai trăm ba trăm", id="two-hundreds"),
        pytest.param("một nghìn năm", id="lone-units-after-thousand"),
        pytest.param("một triệu hai", id="lone-units-after-million"),
        pytest.param("mười tỷ triệu", id="smaller-stacked-scale"),
    ],
)
def test_words_to_number_rejects_grammar(text: str) -> None:
    reading = words_to_number(text)
    assert reading.value is None
    assert reading.unknown_words == []
    assert reading.error


# --- number_to_words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "words"),
    [
        pytest.param(0, "không", id="zero"),
        pytest.param(5, "năm", id="five"),
        pytest.param(10, "mười", id="ten"),
        pytest.param(15, "mười lăm", id="fifteen"),
        pytest.param(21, "hai mươi mốt", id="twenty-one"),
        pytest.param(24, "hai mươi tư", id="twenty-four"),
        pytest.param(25, "hai mươi lăm", id="twenty-five"),
        pytest.param(105, "một trăm linh năm", id="hundred-five"),
        pytest.param(1005, "một nghìn không trăm linh năm", id="thousand-five"),
        pytest.param(16_925_000_000, "mười sáu tỷ chín trăm hai mươi lăm triệu", id="plan-total"),
        pytest.param(10**12, "một nghìn tỷ", id="trillion"),
    ],
)
def test_number_to_words(n: int, words: str) -> None:
    assert number_to_words(n) == words


@pytest.mark.parametrize("bad", [-1, 1.5, True, "5"])
def test_number_to_words_rejects(bad: object) -> None:
    with pytest.raises(ValueError):
        number_to_words(bad)  # type: ignore[arg-type]


# --- properties ------------------------------------------------------------------------------

_PLAN_SIZED = st.integers(min_value=0, max_value=10**15 - 1)


@given(_PLAN_SIZED)
def test_words_round_trip(n: int) -> None:
    assert words_to_number(number_to_words(n)).value == n


@given(st.integers(min_value=0, max_value=10**18 - 1))
def test_words_round_trip_large(n: int) -> None:
    assert words_to_number(number_to_words(n)).value == n


_VARIANTS: dict[str, list[str]] = {
    "lăm": ["lăm", "năm"],
    "mốt": ["mốt", "một"],
    "linh": ["linh", "lẻ"],
    "nghìn": ["nghìn", "ngàn"],
    "tỷ": ["tỷ", "tỉ"],
}


def _variant_words(words: list[str], draw: Callable[[st.SearchStrategy[str]], str]) -> list[str]:
    out: list[str] = []
    for i, word in enumerate(words):
        previous = words[i - 1] if i else ""
        choices = list(_VARIANTS.get(word, [word]))
        if word == "lăm" and previous == "mươi":
            choices.append("nhăm")
        if word == "tư":
            choices.append("bốn")
        if word == "bốn" and previous in ("mười", "linh"):
            choices.append("tư")
        if word == "mươi":
            choices.append("mười")
        if word == "mười":
            choices.append("mươi")
        chosen = draw(st.sampled_from(choices))
        chosen = draw(st.sampled_from([chosen, chosen.upper(), chosen.capitalize()]))
        out.append(chosen)
    return out


@given(_PLAN_SIZED, st.data())
def test_words_variants_round_trip(n: int, data: st.DataObject) -> None:
    words = _variant_words(number_to_words(n).split(), data.draw)
    separators = data.draw(st.lists(st.sampled_from([" ", "\n", "  ", " \n"]), min_size=len(words)))
    text = "".join(w + s for w, s in zip(words, separators, strict=False)).strip()
    tail = data.draw(st.sampled_from(["", " đồng", " đồng chẵn", " đồng./.", " chẵn", "./.", " Đồng."]))
    reading = words_to_number(text + tail)
    assert reading.value == n, (text + tail, reading.error)


def _vn_grouped(n: int) -> str:
    return f"{n:,}".replace(",", ".")


_UNITS = [
    ("đồng", 1),
    ("VNĐ", 1),
    ("đ", 1),
    ("nghìn đồng", 10**3),
    ("triệu đồng", 10**6),
    ("triệu", 10**6),
    ("tỷ đồng", 10**9),
    ("tỉ", 10**9),
    ("Tỷ VNĐ", 10**9),
]


@given(st.integers(min_value=0, max_value=10**13), st.sampled_from(_UNITS), st.sampled_from([" ", ""]))
def test_parse_amount_formatted_integers(n: int, unit: tuple[str, int], space: str) -> None:
    word, multiplier = unit
    text = f"{_vn_grouped(n)}{space}{word}"
    reading = parse_amount(text)
    assert reading.vnd == n * multiplier
    assert reading.text == text


@given(
    st.integers(min_value=0, max_value=10**6),
    st.text(alphabet="0123456789", min_size=1, max_size=6),
    st.sampled_from(["triệu đồng", "tỷ đồng", "Tỷ VNĐ"]),
)
def test_parse_amount_decimal_comma_in_header(whole: int, fraction: str, header: str) -> None:
    multiplier = unit_multiplier(header)
    assert multiplier is not None
    reading = parse_amount(f"{_vn_grouped(whole)},{fraction}", default_unit=header)
    digits = len(str(multiplier)) - 1
    assert reading.vnd == whole * multiplier + int(fraction) * 10 ** (digits - len(fraction))


@given(st.integers(min_value=0, max_value=10**13), st.sampled_from(_UNITS))
def test_find_amounts_locates_formatted_amounts(n: int, unit: tuple[str, int]) -> None:
    word, multiplier = unit
    text = f"Kinh phí thực hiện là {_vn_grouped(n)} {word}, do ngân sách tỉnh bảo đảm."
    readings = find_amounts(text)
    assert [r.vnd for r in readings] == [n * multiplier]
    assert text[readings[0].start : readings[0].end] == readings[0].text


_NUMBERISH = st.text(alphabet="0123456789.,- đồngtriệutỷVNĐ()", max_size=30)


@settings(max_examples=300)
@given(st.one_of(st.text(), _NUMBERISH))
def test_parse_number_parses_or_raises_documented_error(text: str) -> None:
    try:
        result = parse_number(text)
    except NumberFormatError:
        return
    assert isinstance(result, (int, float))


@settings(max_examples=300)
@given(st.one_of(st.text(), _NUMBERISH), st.one_of(st.none(), st.text(max_size=20), _NUMBERISH))
def test_parse_amount_parses_or_raises_documented_error(text: str, default_unit: str | None) -> None:
    try:
        reading = parse_amount(text, default_unit)
    except NumberFormatError:
        return
    assert isinstance(reading, AmountReading)
    assert text[reading.start : reading.end] == reading.text


@settings(max_examples=300)
@given(st.one_of(st.text(), _NUMBERISH))
def test_find_amounts_and_unit_multiplier_never_raise(text: str) -> None:
    for reading in find_amounts(text):
        assert text[reading.start : reading.end] == reading.text
    assert unit_multiplier(text) is None or unit_multiplier(text) >= 1  # type: ignore[operator]


_WORDISH = st.lists(
    st.sampled_from(
        ["một", "hai", "năm", "lăm", "mốt", "tư", "mười", "mươi", "trăm", "linh", "lẻ", "nghìn",
         "triệu", "tỷ", "đồng", "chẵn", "không", "./.", ",", "và"]
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=500)
@given(st.one_of(st.text(), _WORDISH))
def test_words_to_number_never_raises(text: str) -> None:
    reading = words_to_number(text)
    assert isinstance(reading, WordsReading)
    if reading.value is None:
        assert reading.error
    else:
        assert reading.unknown_words == [] and reading.value >= 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tổng kinh phí: 2 tỷ 500 triệu đồng.", [2_500_000_000]),
        ("khoảng 1 tỷ 250 triệu đồng", [1_250_000_000]),
        ("ngân sách tỉnh 1,5 tỷ; xã hội hóa 1.500 triệu đồng", [1_500_000_000, 1_500_000_000]),
        ("3 triệu 500 nghìn lượt người", []),
        ("tài trợ 150 nghìn USD", []),
    ],
)
def test_mixed_notation(text: str, expected: list[int]) -> None:
    assert [r.vnd for r in find_amounts(text)] == expected

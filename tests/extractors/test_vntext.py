"""Tests for extractors.vntext: nfc, clean_text, collapse_spaces, comparison_key, key_pattern."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.extractors.vntext import clean_text, collapse_spaces, comparison_key, key_pattern, nfc


def test_nfc_composes() -> None:
    decomposed = unicodedata.normalize("NFD", "Lạng Sơn")
    assert decomposed != "Lạng Sơn"
    assert nfc(decomposed) == "Lạng Sơn"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("  Sở  Khoa học\nvà\tCông nghệ ", "Sở Khoa học và Công nghệ", id="mixed"),
        pytest.param("", "", id="empty"),
        pytest.param("\n\n", "", id="only-breaks"),
    ],
)
def test_collapse_spaces(text: str, expected: str) -> None:
    assert collapse_spaces(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("Hoà Bình", "Hòa Bình", id="oa"),
        pytest.param("Thanh Hoá", "THANH HÓA", id="oa-case"),
        pytest.param("Khánh Hoà", "Khánh Hòa", id="khanh-hoa"),
        pytest.param("Uỷ ban nhân dân", "Ủy ban nhân dân", id="uy"),
        pytest.param("thuỷ sản", "thủy sản", id="thuy"),
        pytest.param("khoẻ", "khỏe", id="oe"),
        pytest.param("Bà Rịa - Vũng Tàu", "Bà Rịa-Vũng Tàu", id="dash-spacing"),
        pytest.param("Bà Rịa – Vũng Tàu", "bà rịa - vũng tàu", id="en-dash"),
        pytest.param("KH&CN", "KH & CN", id="ampersand"),
        pytest.param("Thừa  Thiên\nHuế", "thừa thiên huế", id="whitespace"),
        pytest.param(unicodedata.normalize("NFD", "Lạng Sơn"), "Lạng Sơn", id="nfd"),
    ],
)
def test_comparison_key_matches_variants(a: str, b: str) -> None:
    assert comparison_key(a) == comparison_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("Đà Nẵng", "Da Nang", id="diacritics-kept"),
        pytest.param("Đồng Nai", "Dong Nai", id="d-bar-kept"),
        pytest.param("Hòa", "Hoa", id="tone-kept"),
        pytest.param("hoàng", "hòang", id="closed-syllable-untouched"),
        pytest.param("quý", "qúy", id="qu-not-a-pair"),
    ],
)
def test_comparison_key_keeps_distinctions(a: str, b: str) -> None:
    assert comparison_key(a) != comparison_key(b)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        pytest.param("Hoà Bình", "hòa bình", id="hoa-binh"),
        pytest.param("TP. Hồ Chí Minh", "tp. hồ chí minh", id="hcmc"),
        pytest.param("Bà Rịa – Vũng Tàu", "bà rịa-vũng tàu", id="brvt"),
    ],
)
def test_comparison_key_value(text: str, key: str) -> None:
    assert comparison_key(text) == key


@given(st.text())
def test_comparison_key_is_idempotent_nfc(text: str) -> None:
    key = comparison_key(text)
    assert comparison_key(key) == key
    assert unicodedata.is_normalized("NFC", key)


def test_key_pattern_matches_every_case_and_tone_placement_of_a_word() -> None:
    pattern = re.compile(key_pattern("HÒA") + r"\s+" + key_pattern("bình"))
    text = "Hoà Bình, HÒA BÌNH, hòa bình, Hoa Bình, Hóa Bình"
    assert pattern.findall(text) == ["Hoà Bình", "HÒA BÌNH", "hòa bình"]


def test_key_pattern_capitalized_wants_a_capital_first_letter_in_either_tone_placement() -> None:
    pattern = re.compile(key_pattern("ỦY", capitalized=True) + r"\s+" + key_pattern("ban"))
    assert pattern.findall("uỷ ban, ủy ban, Uỷ ban, Ủy Ban, ỦY BAN") == ["Uỷ ban", "Ủy Ban", "ỦY BAN"]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Sở Tài chính", "Sở Tài chính"),  # clean already: passed through
        ("Sở\u00a0Tài\u00adchính", "Sở Tàichính"),  # no-break space made plain, soft hyphen dropped
        ("a\r\nb\fc", "a\nb\nc"),
        (unicodedata.normalize("NFD", "Sở Tài chính"), "Sở Tài chính"),
        ("x\u200by\x07", "xy"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean

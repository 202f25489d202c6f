import pytest

from kehoach.extractors.vnsyllables import classify_word, is_folded_syllable, is_syllable


@pytest.mark.parametrize(
    "word",
    [
        "Lào", "Cai", "ngày", "tháng", "năm", "Kế", "hoạch", "quyết", "định", "nghĩa", "giếng", "gì",
        "gìn", "quýt", "khuya", "xoong", "người", "ĐỘC", "LẬP", "Hạnh", "phúc", "uỷ", "ủy", "yên",
        "quốc", "nghiêng", "chuyện", "oanh", "huỳnh", "khoẻ", "ngoằn", "giữa", "thuở", "tuần",
    ],
)
def test_valid_syllables(word: str) -> None:
    assert is_syllable(word)


@pytest.mark.parametrize(
    "word",
    [
        "viet", "chat", "quyet", "h6a", "cqng", "ngdy", "cid", "ce", "ngi", "kao", "ghu", "tàc", "qa",
        "logistics", "ấá", "bbb", "q",
    ],
)
def test_invalid_syllables(word: str) -> None:
    assert not is_syllable(word)


@pytest.mark.parametrize(
    ("word", "folded"), [("viet", True), ("QUYET", True), ("chat", True), ("ngdy", False), ("cid", False)]
)
def test_folded_syllables(word: str, folded: bool) -> None:
    assert is_folded_syllable(word) is folded


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Lào", "valid"),
        ("b", "neutral"),
        ("UBND", "neutral"),
        ("kg", "neutral"),
        ("QUYET", "invalid"),
        ("Thuong", "invalid"),
        ("luyQn", "invalid"),
        ("cid", "invalid"),
    ],
)
def test_classify_word(word: str, kind: str) -> None:
    assert classify_word(word) == kind

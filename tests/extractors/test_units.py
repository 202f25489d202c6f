"""Units: lists in cells, abbreviations defined inline, agency names in prose, one entry per unit."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kehoach.extractors.units import (
    AbbreviationDefinition,
    UnitTable,
    distributed_places,
    find_abbreviation_definitions,
    find_term_definitions,
    find_unit_mentions,
    split_unit_list,
    starts_unit,
)


def _split(text: str, abbreviations: tuple[str, ...] = ()) -> list[str]:
    return [text[s:e] for s, e in split_unit_list(text, abbreviations=abbreviations)]


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("Sở Tài chính; Sở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
        ("Sở Công Thương, Sở Xây dựng", ["Sở Công Thương", "Sở Xây dựng"]),
        ("Sở Công Thương và Sở Xây dựng", ["Sở Công Thương", "Sở Xây dựng"]),
        ("Phòng Kế hoạch - Tài chính; các tổ chức, cá nhân có liên quan",
         ["Phòng Kế hoạch - Tài chính", "các tổ chức, cá nhân có liên quan"]),
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("UBND các huyện, thành phố", ["UBND các huyện, thành phố"]),
        ("Sở Y tế, các Sở, ban, ngành và các cơ quan, đơn vị có liên quan",
         ["Sở Y tế", "các Sở, ban, ngành", "các cơ quan, đơn vị có liên quan"]),
        ("Sở Khoa học và Công nghệ.", ["Sở Khoa học và Công nghệ"]),
        ("Phòng Quản lý Năng lượng\nPhòng Quản lý Công nghiệp",
         ["Phòng Quản lý Năng lượng", "Phòng Quản lý Công nghiệp"]),
        ("các tổ chức\ncá nhân có liên quan", ["các tổ chức\ncá nhân có liên quan"]),
    ],
    ids=["semicolon", "comma-new-unit", "va-new-unit", "generic-kept", "comma-in-name",
         "locality-list", "generic-plural", "trailing-dot", "line-new-unit", "line-wrap"],
)
def test_split_unit_list(text: str, units: list[str]) -> None:
    assert _split(text) == units


def test_split_unit_list_abbreviation_starts_unit() -> None:
    assert _split("Chi cục TĐC, TT UDTB KH&CN", ("TT UDTB KH&CN",)) == ["Chi cục TĐC", "TT UDTB KH&CN"]


def test_split_persons_on_lines() -> None:
    text = "Nguyễn Văn An\nTrần Thị Bình"
    assert [text[s:e] for s, e in split_unit_list(text, hard_newlines=True)] == ["Nguyễn Văn An", "Trần Thị Bình"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Sở Tài chính", True), ("các cơ quan liên quan", True), ("UBND tỉnh", True),
     ("cá nhân có liên quan", False), ("Thể thao và Du lịch", False), ("thành phố", False)],
)
def test_starts_unit(text: str, expected: bool) -> None:
    assert starts_unit(text) is expected


def test_definitions() -> None:
    text = "Chủ trì: Trung tâm Kỹ thuật Tiêu chuẩn Đo lường (Trung tâm KT TĐC); Sở Tài chính (b/c)"
    found = find_abbreviation_definitions(text)
    assert [(d.full, d.abbreviation) for d in found] == [
        ("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường", "Trung tâm KT TĐC")
    ]
    assert text[found[0].start : found[0].end] == found[0].full


def test_definition_in_a_sentence() -> None:
    found = find_abbreviation_definitions("giao Sở Nông nghiệp và Môi trường (Sở NN&MT) chủ trì")
    assert [(d.full, d.abbreviation) for d in found] == [("Sở Nông nghiệp và Môi trường", "Sở NN&MT")]


@pytest.mark.parametrize(
    "text",
    [
        "đạt 200 ha (CĐT)", "Đề án (Đề án)", "ngày 20/1 (Techmart)",
        # "ban" is a head word ("Ban Chỉ đạo") but a bracket in lower case abbreviates nothing.
        "1. Sở Khoa học và Công nghệ (ban) chủ trì", "Ban Chỉ đạo (ban)",
    ],
)
def test_not_definitions(text: str) -> None:
    assert find_abbreviation_definitions(text) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ và UBND cấp huyện tổ chức thực hiện.",
         ["Sở Tư pháp", "Sở Nội vụ", "UBND cấp huyện"]),
        ("giao Sở Kế hoạch và Đầu tư tham mưu", ["Sở Kế hoạch và Đầu tư"]),
        ("Giao phòng Quản lý Thương mại triển khai", ["phòng Quản lý Thương mại"]),
        ("phối hợp với các sở, ngành liên quan và Ủy ban nhân dân các xã, phường",
         ["các sở, ngành liên quan", "Ủy ban nhân dân các xã, phường"]),
        ("Trung tâm Dịch vụ việc làm tỉnh Hà Giang chủ trì", ["Trung tâm Dịch vụ việc làm tỉnh Hà Giang"]),
        ("Chi cục Quản lý thị trường: kiểm tra", ["Chi cục Quản lý thị trường"]),
        ("áp dụng bộ tiêu chí cho phòng thí nghiệm", []),
        ("Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh phối hợp", ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]),
        # ttg-2530-qd-ttg (IV.2.m): the provinces' committees as one unit, with what they belong to.
        ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương chịu trách nhiệm:",
         ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"]),
        ("Sở Tài chính chủ trì, phối hợp với UBND các tỉnh, thành phố", ["Sở Tài chính", "UBND các tỉnh, thành phố"]),
        ("UBND các huyện, thị xã thuộc tỉnh phối hợp", ["UBND các huyện, thị xã thuộc tỉnh"]),
        # A modal verb ends the name (ttg-2530-qd-ttg, IV.2.m#6).
        ("Ủy ban nhân dân Thành phố Hồ Chí Minh cần tập trung", ["Ủy ban nhân dân Thành phố Hồ Chí Minh"]),
        ("Sở Y tế phải báo cáo kết quả", ["Sở Y tế"]),
        # A name may open with "và" and a capital (the merged press agencies of 2025: can-tho-153,
        # dak-lak-0129, ld-kh-tuyentruyen-cchc-2026), but not when a head follows "và".
        ("Báo và Phát thanh, Truyền hình tỉnh chủ trì, phối hợp", ["Báo và Phát thanh, Truyền hình tỉnh"]),
        ("giao Báo và Phát thanh - Truyền hình Đắk Lắk; Sở Tài chính", ["Báo và Phát thanh - Truyền hình Đắk Lắk", "Sở Tài chính"]),
        ("Sở và Phòng Giáo dục huyện thực hiện", ["Phòng Giáo dục huyện"]),
        # Generic units placed in an area keep the place (ld-kh-cchc-2026, ld-kh-thidua-cchc-2026).
        ("Các cơ quan trung ương đóng trên địa bàn tỉnh phối hợp", ["Các cơ quan trung ương đóng trên địa bàn tỉnh"]),
        ("các cơ quan, đơn vị, địa phương trên địa bàn tỉnh Lâm Đồng thực hiện",
         ["các cơ quan, đơn vị, địa phương trên địa bàn tỉnh Lâm Đồng"]),
        ("các doanh nghiệp trên địa bàn chủ động", ["các doanh nghiệp trên địa bàn"]),
        ("các sở, ngành trên cơ sở đó", ["các sở, ngành"]),
        # Verbs of a dispatch end the name (ttg-220-cd-ttg I.3, II.2.b.1).
        ("Bộ trưởng Bộ Công Thương hoàn thành việc rà soát", ["Bộ Công Thương"]),
        ("Bộ Tài chính giải quyết 03 vấn đề tồn đọng", ["Bộ Tài chính"]),
        # The Party's committees lead in conclusions (tw-221-kl-tw 3, vptw-432-tb-vptw 4.2).
        ("Giao Đảng uỷ Chính phủ lãnh đạo, chỉ đạo các bộ, ngành", ["Đảng uỷ Chính phủ", "các bộ, ngành"]),
        ("Đảng ủy Công an Trung ương chủ trì", ["Đảng ủy Công an Trung ương"]),
        # vpcp-653, vptw-432: "chỉ đạo", "đẩy nhanh" are verbs after a name; groups and Party committees.
        ("Ủy ban nhân dân tỉnh Đồng Nai chỉ đạo đơn vị liên quan", ["Ủy ban nhân dân tỉnh Đồng Nai"]),
        ("Bộ Công Thương chỉ đạo Tập đoàn Điện lực Việt Nam đẩy nhanh", ["Bộ Công Thương", "Tập đoàn Điện lực Việt Nam"]),
        ("Giao Đảng uỷ Công an Trung ương chủ trì", ["Đảng uỷ Công an Trung ương"]),
        # ttg-2623: the categories of central bodies go on a generic list.
        ("các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ chủ trì", ["các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"]),
        # ttg-234: a locality list bounded by two named places; not a span of time.
        ("Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng, trong đó",
         ["Ủy ban nhân dân các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng"]),
        ("các xã từ năm 2025 đến nay", ["các xã"]),
    ],
    ids=["lead-and-partners", "giao", "lowercase-head", "generic", "place-name", "to-punctuation",
         "not-a-unit", "local-heads", "provinces-of-the-centre", "provinces", "districts-of-the-province",
         "modal-can", "modal-must", "opens-with-va", "opens-with-va-dash", "va-before-a-head",
         "central-bodies-in-the-province", "generic-in-named-province", "generic-in-the-area", "not-an-area",
         "verb-hoan-thanh", "verb-giai-quyet", "party-committee", "party-committee-of-a-ministry",
         "verb-chi-dao", "group-and-verb-day", "party-committee-of-the-police", "central-bodies", "range-of-places",
         "not-a-range-of-places"],
)
def test_find_unit_mentions(text: str, names: list[str]) -> None:
    mentions = find_unit_mentions(text)
    assert [m.text for m in mentions] == names
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_table_expands_defined_abbreviations_through_the_key() -> None:
    table = UnitTable([AbbreviationDefinition("TT KT TĐC", "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường", 0, 10)])
    assert table.add("TT KT  TĐC") == "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường"
    assert table.add("tt kt tđc") == "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường"
    assert table.add("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường (TT KT TĐC)") == "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường"
    entry = next(iter(table.entries.values()))
    assert (entry.mentions, entry.abbreviations, len(table.entries)) == (3, ["TT KT TĐC"], 1)


def test_table_merges_spelling_variants_keeps_first_print() -> None:
    table = UnitTable(known={"UBND": "Ủy ban nhân dân"})
    names = [
        table.add("Phòng Kế hoạch – Tài chính"), table.add("Phòng Kế hoạch - Tài chính"),
        table.add("Sở Văn hoá, Thể thao"), table.add("Sở Văn hóa, Thể thao"),
        table.add("Ủy ban nhân dân tỉnh"), table.add("UBND tỉnh"),
    ]
    assert names == ["Phòng Kế hoạch – Tài chính"] * 2 + ["Sở Văn hoá, Thể thao"] * 2 + ["Ủy ban nhân dân tỉnh", "UBND tỉnh"]
    assert len(table.entries) == 3


def test_an_abbreviated_name_is_shown_as_printed_and_listed_in_full() -> None:
    """ld-kh-cchc-2026, ttg-2530: a task names the unit as its own sentence prints it ("UBND thành
    phố Hà Nội" in a table, "Ủy ban nhân dân thành phố Hà Nội" in the text), and the plan's list of
    units names it in full, where the full name is printed, whichever comes first."""
    table = UnitTable(known={"UBND": "Ủy ban nhân dân"})
    names = [
        table.add("Văn phòng UBND tỉnh", 10, 29), table.add("Văn phòng Ủy ban nhân dân tỉnh", 500, 530),
        table.add("Văn phòng UBND tỉnh", 900, 919),
    ]
    assert names == ["Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"]
    [entry] = table.entries.values()
    assert (entry.name, entry.first, entry.mentions) == ("Văn phòng Ủy ban nhân dân tỉnh", (500, 530), 3)


def test_undefined_abbreviations() -> None:
    table = UnitTable(
        [AbbreviationDefinition("Chi cục TĐC", "Chi cục Tiêu chuẩn Đo lường Chất lượng", 0, 1)],
        known={"UBND": "Ủy ban nhân dân", "KH&CN": "Khoa học và Công nghệ"},
    )
    assert table.undefined_abbreviations("Chi cục TĐC") == []
    assert table.undefined_abbreviations("Văn phòng Sở KH &CN") == []
    assert table.undefined_abbreviations("UBND cấp huyện") == []
    assert table.undefined_abbreviations("Phòng QLCN") == ["QLCN"]


def test_finding_names_in_a_fresh_process() -> None:
    # One mechanism, the head index over syllable tokens, built from the reference data on first use.
    code = (
        "from kehoach.extractors.units import find_unit_mentions; "
        "print([m.text for m in find_unit_mentions('giao Sở Nội vụ chủ trì')])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['Sở Nội vụ']"


@pytest.mark.parametrize(
    "text",
    [
        # A document number names its issuer's code, not a unit.
        "theo Công văn số 125/UBND-NC ngày 10/3/2025 của tỉnh",
        # Two bodies in a row after one head: neither is a name that the head begins.
        "lực lượng Công an, Hải quan tăng cường kiểm tra",
    ],
    ids=["document-number", "head-then-comma"],
)
def test_no_unit_mention(text: str) -> None:
    assert find_unit_mentions(text) == []


def test_a_paragraph_over_a_million_characters_is_read() -> None:
    sentence = "Sở Tài chính chủ trì, phối hợp với Sở Nội vụ thực hiện. "
    text = sentence * (1_100_000 // len(sentence) + 1)
    assert len(text) > 1_000_000
    mentions = find_unit_mentions(text)
    assert len(mentions) == 2 * text.count(sentence)
    assert {m.text for m in mentions} == {"Sở Tài chính", "Sở Nội vụ"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Đề nghị Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh phối hợp",
         ["Viện Kiểm sát nhân dân tỉnh", "Tòa án nhân dân tỉnh"]),
        ("Trung tâm y tế huyện chủ trì", ["Trung tâm y tế huyện"]),
        # A one-syllable head before lower case is a common noun: a meeting, not a unit.
        ("tổ chức Hội nghị toàn tỉnh", []),
    ],
    ids=["court-and-procuracy", "centre-of-district", "meeting"],
)
def test_a_name_in_lower_case_up_to_its_locality(text: str, names: list[str]) -> None:
    assert [m.text for m in find_unit_mentions(text)] == names


def test_known_names_are_read_whole() -> None:
    """A known body's name is one mention though the rules of capitals would stop inside it (qng-ct-
    tet2022-scan: "Sở Nông nghiệp và Phát triển nông thôn", "Sở Giao thông vận tải"); a known name
    that is no more than its head ("Thanh tra", also a verb) makes no mention of its own."""
    names = ("Sở Nông nghiệp và Phát triển nông thôn", "Sở Giao thông vận tải", "Thanh tra")

    def found(text: str) -> list[str]:
        return [m.text for m in find_unit_mentions(text, names=names)]

    assert found("Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp") == ["Sở Nông nghiệp và Phát triển nông thôn"]
    assert found("giao Sở Nông nghiệp và Phát triển nông thôn tỉnh Quảng Ngãi thực hiện") == [
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Quảng Ngãi"
    ]
    assert found("Sở Giao thông vận tải, Sở Y tế phối hợp") == ["Sở Giao thông vận tải", "Sở Y tế"]
    assert found("Thanh tra, kiểm tra, giám sát") == []
    assert [m.text for m in find_unit_mentions("Sở Giao thông vận tải chủ trì")] == ["Sở Giao thông"]


def test_a_head_over_several_places_is_the_body_of_each() -> None:
    # ttg-2530-qd-ttg, appendix 2: "UBND thành phố Hà Nội, Thành phố Hồ Chí Minh" leads the cities' tasks.
    assert distributed_places("UBND thành phố Hà Nội, Thành phố Hồ Chí Minh") == [
        ("UBND thành phố Hà Nội", 0, 21), ("UBND Thành phố Hồ Chí Minh", 23, 44),
    ]
    assert [name for name, _, _ in distributed_places("Công an tỉnh Lâm Đồng, tỉnh Đắk Lắk và tỉnh Gia Lai.") or []] == [
        "Công an tỉnh Lâm Đồng", "Công an tỉnh Đắk Lắk", "Công an tỉnh Gia Lai",
    ]
    for text in ("Sở Y tế tỉnh Lâm Đồng", "UBND các tỉnh, thành phố", "UBND thành phố Hà Nội, UBND Thành phố Hồ Chí Minh",
                 "UBND thành phố Hà Nội, Thành phố Hồ Chí Minh và các tỉnh khác"):
        assert distributed_places(text) is None, text


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", ["BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH"]),
        ("UBND THÀNH PHỐ HÀ NỘI VÀ UBND THÀNH PHỐ HỒ CHÍ MINH", ["UBND THÀNH PHỐ HÀ NỘI", "UBND THÀNH PHỐ HỒ CHÍ MINH"]),
        ("BỘ Y TẾ, BỘ CÔNG AN", ["BỘ Y TẾ", "BỘ CÔNG AN"]),
        ("Sở Văn hóa, Thể thao và Du lịch, VNPT Lâm Đồng", ["Sở Văn hóa, Thể thao và Du lịch", "VNPT Lâm Đồng"]),
    ],
    ids=["caps-name-with-commas", "caps-va", "caps-list", "abbreviation-still-splits"],
)
def test_unit_lists_in_capitals(text: str, units: list[str]) -> None:
    """ttg-2530-qd-ttg appendix 1 groups: a name in capitals splits only where a unit begins."""
    assert [text[s:e] for s, e in split_unit_list(text)] == units


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Bộ Tư lệnh Vùng Cảnh sát biển 3 chủ trì", ["Bộ Tư lệnh Vùng Cảnh sát biển 3"]),  # ld-kh-ctmtqg-pcmt-2030
        ("Bộ Tư lệnh Vùng 3, Công an tỉnh phối hợp", ["Bộ Tư lệnh Vùng 3", "Công an tỉnh"]),
        ("Sở Y tế 2 đơn vị trực thuộc", ["Sở Y tế"]),
        ("Sở Tài chính 10 ngày", ["Sở Tài chính"]),
    ],
    ids=["number-after-lowercase", "number-after-capital", "count-of-things", "duration"],
)
def test_a_short_number_may_close_a_name(text: str, names: list[str]) -> None:
    assert [m.text for m in find_unit_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Các Sở, ban, ngành khác chủ động", ["Các Sở, ban, ngành khác"]),  # dong-nai-182, III.2.12
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội trực thuộc:",
         ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "các tổ chức chính trị - xã hội trực thuộc"]),
        ("các cơ quan khác nhau", ["các cơ quan"]),
        # the body they belong to is part of their name, as the facts record it ("các đơn vị thuộc Bộ
        # Công an", "các cơ quan chức năng thuộc Chính phủ")
        ("các tổ chức trực thuộc Sở Y tế", ["các tổ chức trực thuộc Sở Y tế"]),
    ],
    ids=["other", "attached", "various", "belongs-to-a-unit"],
)
def test_generic_units_keep_their_qualifier(text: str, names: list[str]) -> None:
    assert [m.text for m in find_unit_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("2. Các bộ, ngành, địa phương có trách nhiệm:", ["Các bộ, ngành, địa phương"]),  # ttg-2629, IV.2
        ("Đề nghị các Bộ, ngành chủ trì rà soát", ["các Bộ, ngành"]),
        ("Các bộ chủ trì xây dựng", ["Các bộ"]),
        ("ban hành các bộ tiêu chí đánh giá", []),  # sets of criteria
        ("kiện toàn các bộ phận một cửa", []),  # parts of an office
        ("Các Bộ: Công an, Quốc phòng chủ trì", []),  # each a ministry, not "the ministries"
    ],
    ids=["list", "capital", "before-a-verb", "criteria", "parts", "distributed"],
)
def test_plural_ministries(text: str, names: list[str]) -> None:
    assert [m.text for m in find_unit_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # ld-vb-chidao-caithien-chiso-2025, I.2
        ("Trung tâm xúc tiến Đầu tư, Thương mại và Du lịch tỉnh chủ trì",
         ["Trung tâm xúc tiến Đầu tư, Thương mại và Du lịch tỉnh"]),
        ("Trung tâm phối hợp Sở Y tế", ["Sở Y tế"]),  # a verb after the head ends it
        # can-tho-153, IV.12: a locality of two syllables after the capitals
        ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố và các tổ chức chính trị - xã hội",
         ["Ủy ban Mặt trận Tổ quốc Việt Nam thành phố", "các tổ chức chính trị - xã hội"]),
    ],
    ids=["lowercase-then-capitals", "verb", "city-after-capitals"],
)
def test_lowercase_syllables_after_a_head_then_capitals(text: str, names: list[str]) -> None:
    assert [m.text for m in find_unit_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Các sở, ban, ngành, tổ chức chính trị - xã hội tỉnh thực hiện",  # nghe-an-980, IV.1
         ["Các sở, ban, ngành, tổ chức chính trị - xã hội tỉnh"]),
        ("các sở, ban, ngành, đơn vị, tổ chức chính trị - xã hội, hội, đoàn thể thực hiện",  # ho-chi-minh-2853, V.8
         ["các sở, ban, ngành, đơn vị, tổ chức chính trị - xã hội, hội, đoàn thể"]),
        ("Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội thành viên chủ trì",  # ttg-2530, IV.2.n
         ["Mặt trận Tổ quốc Việt Nam", "các tổ chức chính trị - xã hội thành viên"]),
    ],
    ids=["in-a-list", "list-goes-on", "members"],
)
def test_political_social_organisations_in_generic_lists(text: str, names: list[str]) -> None:
    assert [m.text for m in find_unit_mentions(text)] == names


def test_central_agencies_without_a_head_word_are_known_names() -> None:
    """ttg-2530, IV.2.l: agencies of the Government named without a head word ("Thông tấn xã") are
    found by the names the reference data knows, and "Việt Nam," closes the name before them."""
    from kehoach.extractors.tasks.extract import _known_names
    from kehoach.pipeline.reference import load_reference

    names = _known_names(load_reference())
    text = "Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam chủ trì tuyên truyền"
    assert [m.text for m in find_unit_mentions(text, names=names)] == [
        "Đài Truyền hình Việt Nam", "Đài Tiếng nói Việt Nam", "Thông tấn xã Việt Nam",
    ]
    assert find_unit_mentions("cung cấp thông tin và truyền thông kịp thời", names=names) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("phối hợp với các cơ quan báo chí tuyên truyền", ["các cơ quan báo chí"]),  # can-tho-153, IV.1.c
        ("các cơ quan truyền thông, báo chí đưa tin", ["các cơ quan truyền thông, báo chí"]),  # ld-kh-thidua, VII.3
        ("các cơ quan, đơn vị chức năng kiểm tra", ["các cơ quan, đơn vị chức năng"]),  # dong-nai-182, III.2.13.a
        ("phối hợp với các cơ quan chuyên môn có liên quan hướng dẫn", ["các cơ quan chuyên môn có liên quan"]),
        ("Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo", ["Sở Tài chính", "Ban Chỉ đạo"]),  # its role, not its name
        ("Sở Lao động - Thương binh và Xã hội chủ trì", ["Sở Lao động - Thương binh và Xã hội"]),
        # kinds that are verbs too: a kind right after the noun with no object, a verb after "liên quan"
        ("Thủ trưởng các cơ quan tham mưu, quản lý nhà nước thuộc Bộ", ["các cơ quan tham mưu, quản lý nhà nước thuộc Bộ"]),
        ("Sở Tài chính và các đơn vị có liên quan tham mưu Ủy ban nhân dân tỉnh",
         ["Sở Tài chính", "các đơn vị có liên quan", "Ủy ban nhân dân tỉnh"]),
        ("các cơ quan tham mưu UBND tỉnh ban hành", ["các cơ quan", "UBND tỉnh"]),
        # the body generic units belong to
        ("giao các đơn vị thuộc Bộ Công an chủ trì", ["các đơn vị thuộc Bộ Công an"]),
        ("các cơ quan, đơn vị thuộc tỉnh triển khai", ["các cơ quan, đơn vị thuộc tỉnh"]),
        ("các đơn vị thuộc diện sắp xếp", ["các đơn vị"]),
    ],
    ids=["press", "media-and-press", "competent", "specialised", "dash-role", "dash-name", "advisory",
         "advise-verb", "advise-object", "of-ministry", "of-province", "not-a-body"],
)
def test_generic_units_keep_the_kind_of_body(text: str, names: list[str]) -> None:
    assert [m.text for m in find_unit_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("2. Vụ Tổ chức cán bộ: Tham mưu Lãnh đạo Bộ", ["Vụ Tổ chức cán bộ"]),  # a ministry's department
        ("3. Vụ Kế hoạch, Tài chính", ["Vụ Kế hoạch, Tài chính"]),
        ("hoàn thành nhiệm vụ được giao", []),
        ("Giao Văn phòng Bộ tổng hợp chung về kết quả thực hiện", ["Văn phòng Bộ"]),  # "tổng hợp" is the verb
        ("Cục Báo chí, Cục Thông tin cơ sở và Thông tin đối ngoại: Tham mưu",
         ["Cục Báo chí", "Cục Thông tin cơ sở và Thông tin đối ngoại"]),
    ],
    ids=["department", "department-comma", "duty", "verb-after-name", "lower-then-and"],
)
def test_departments_of_a_ministry(text: str, names: list[str]) -> None:
    assert [m.text for m in find_unit_mentions(text)] == names


def test_terms_defined_by_their_initials_are_spelled_out_in_unit_names() -> None:
    # ha-noi-6357, nghe-an-987: "bảo hiểm y tế (BHYT)", "khám chữa bệnh (KCB)", "(viết tắt KCN)".
    text = (
        "chính sách bảo hiểm y tế (BHYT) trên địa bàn, chi phí khám chữa bệnh (KCB) BHYT; "
        "tại các Khu công nghiệp (viết tắt KCN) đã; ứng dụng trí tuệ nhân tạo (AI)"
    )
    terms = find_term_definitions(text)
    assert [(t.abbreviation, t.full) for t in terms] == [
        ("BHYT", "bảo hiểm y tế"), ("KCB", "khám chữa bệnh"), ("KCN", "Khu công nghiệp"),
    ]
    table = UnitTable(terms=terms)
    assert table.add("Các cơ sở KCB BHYT trên địa bàn Thành phố") == (
        "Các cơ sở khám chữa bệnh bảo hiểm y tế trên địa bàn Thành phố"
    )
    assert table.add("Các doanh nghiệp thứ cấp đang hoạt động trong KCN") == (
        "Các doanh nghiệp thứ cấp đang hoạt động trong Khu công nghiệp"
    )
    assert table.add("Văn phòng UBND tỉnh") == "Văn phòng UBND tỉnh"

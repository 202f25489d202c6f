"""Tests for pipeline.reference and the data files it ships."""

from __future__ import annotations

import json
import shutil
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from kehoach.extractors.errors import ReferenceDataError
from kehoach.extractors.reference import ReferenceData
from kehoach.pipeline.reference import load_reference, load_reference_from

DATA_FILES = [
    "provinces.json",
    "document_types.json",
    "issuers.json",
    "abbreviations.json",
    "programmes/996-QD-TTg.json",
]
BEFORE_MERGER = date(2025, 6, 30)
AFTER_MERGER = date(2025, 7, 1)


@pytest.fixture(scope="module")
def reference() -> ReferenceData:
    return load_reference()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    packaged = resources.files("kehoach.pipeline").joinpath("data")
    for name in DATA_FILES:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(packaged.joinpath(name).read_text(encoding="utf-8"), encoding="utf-8")
    return root


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_file_is_installed_with_source_and_as_of(name: str) -> None:
    raw = json.loads(resources.files("kehoach.pipeline").joinpath("data", name).read_text(encoding="utf-8"))
    assert list(raw)[:2] == ["source", "as_of"]
    assert raw["source"].strip()
    date.fromisoformat(raw["as_of"])


def test_load_reference_is_cached(reference: ReferenceData) -> None:
    assert load_reference() is reference
    assert set(reference.sources) == set(DATA_FILES)


# --- provinces ------------------------------------------------------------------------------------


def test_province_counts(reference: ReferenceData) -> None:
    assert len(reference.provinces_on(date(2019, 7, 23))) == 63
    assert len(reference.provinces_on(BEFORE_MERGER)) == 63
    after = reference.provinces_on(AFTER_MERGER)
    assert len(after) == 34
    assert sum(p.kind == "thành phố" for p in after) == 6
    assert sum(p.kind == "tỉnh" for p in after) == 28


def test_province_codes_unique_on_each_date(reference: ReferenceData) -> None:
    for day in (date(2019, 1, 1), BEFORE_MERGER, AFTER_MERGER):
        codes = [p.code for p in reference.provinces_on(day)]
        assert None not in codes
        assert len(codes) == len(set(codes))


def test_every_merged_unit_has_a_successor_that_lists_it(reference: ReferenceData) -> None:
    for province in reference.provinces:
        if province.merged_into is None:
            continue
        successor = reference.successor_of(province)
        assert successor is not None, province.name
        assert province.name in successor.formed_from


def test_merged_units_form_the_new_ones(reference: ReferenceData) -> None:
    formed = {
        p.name: sorted(p.formed_from) for p in reference.provinces_on(AFTER_MERGER) if p.valid_from == AFTER_MERGER
    }
    assert formed["Lào Cai"] == ["Lào Cai", "Yên Bái"]
    assert formed["An Giang"] == ["An Giang", "Kiên Giang"]
    assert formed["Tuyên Quang"] == ["Hà Giang", "Tuyên Quang"]
    assert formed["Hồ Chí Minh"] == ["Bà Rịa - Vũng Tàu", "Bình Dương", "Hồ Chí Minh"]
    assert formed["Phú Thọ"] == ["Hòa Bình", "Phú Thọ", "Vĩnh Phúc"]
    assert sum(len(names) for names in formed.values()) == 52  # 63 - 11 unchanged


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("Lạng Sơn", "Lạng Sơn", id="plain"),
        pytest.param("tỉnh Lạng Sơn", "Lạng Sơn", id="with-kind"),
        pytest.param("Hoà Bình", "Hòa Bình", id="tone-placement"),
        pytest.param("HÒA BÌNH", "Hòa Bình", id="upper"),
        pytest.param("Thanh Hoá", "Thanh Hóa", id="thanh-hoa"),
        pytest.param("TP. Hồ Chí Minh", "Hồ Chí Minh", id="tp-dot"),
        pytest.param("TP HCM", "Hồ Chí Minh", id="tp-hcm"),
        pytest.param("TP.HCM", "Hồ Chí Minh", id="tp-hcm-glued"),
        pytest.param("Thành phố Hồ Chí Minh", "Hồ Chí Minh", id="full-name"),
        pytest.param("Bà Rịa–Vũng Tàu", "Bà Rịa - Vũng Tàu", id="en-dash"),
        pytest.param("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu", id="no-spaces"),
        pytest.param("Đăk Lăk", "Đắk Lắk", id="dak-lak-spelling"),
        pytest.param("Bắc Cạn", "Bắc Kạn", id="bac-can"),
        pytest.param("Thừa Thiên Huế", "Thừa Thiên Huế", id="tt-hue"),
        pytest.param("Huế", "Huế", id="hue"),
    ],
)
def test_province_by_name(reference: ReferenceData, text: str, name: str) -> None:
    province = reference.province_by_name(text)
    assert province is not None
    assert province.name == name


@pytest.mark.parametrize(
    ("text", "successor"),
    [
        pytest.param("Thừa Thiên Huế", "Huế", id="tt-hue-to-hue"),
        pytest.param("Bình Dương", "Hồ Chí Minh", id="binh-duong"),
        pytest.param("Yên Bái", "Lào Cai", id="yen-bai"),
        pytest.param("Kiên Giang", "An Giang", id="kien-giang"),
        pytest.param("Hà Giang", "Tuyên Quang", id="ha-giang"),
        pytest.param("Lạng Sơn", "Lạng Sơn", id="unchanged"),
        pytest.param("Hải Dương", "Hải Phòng", id="into-city"),
    ],
)
def test_province_successor(reference: ReferenceData, text: str, successor: str) -> None:
    province = reference.province_by_name(text, successor=True)
    assert province is not None
    assert province.name == successor
    assert province.valid_on(AFTER_MERGER)


def test_province_on_a_date(reference: ReferenceData) -> None:
    old = reference.province_by_name("Lào Cai", on=date(2019, 7, 23))
    new = reference.province_by_name("Lào Cai", on=AFTER_MERGER)
    assert old is not None and new is not None
    assert (old.code, new.code) == ("10", "15")
    assert reference.province_by_name("Huế", on=date(2019, 7, 23)) is None
    assert reference.province_by_name("Bình Dương", on=AFTER_MERGER) is None


@pytest.mark.parametrize("text", ["Sở Khoa học và Công nghệ", "", "Hà Tây", "Lang Son"])
def test_unknown_province(reference: ReferenceData, text: str) -> None:
    assert reference.province_by_name(text) is None


def test_full_name(reference: ReferenceData) -> None:
    hcm = reference.province_by_name("TP HCM")
    lang_son = reference.province_by_name("Lạng Sơn")
    assert hcm is not None and lang_son is not None
    assert (hcm.full_name, lang_son.full_name) == ("Thành phố Hồ Chí Minh", "Tỉnh Lạng Sơn")


# --- document types, issuers, abbreviations -------------------------------------------------------

DECREE_30_CODES = (
    "NQ QĐ CT QC QyĐ TC TB HD CTr KH PA ĐA DA BC BB TTr HĐ CĐ BGN BTT GUQ GM GGT GNP PG PC PB".split()
)


def test_document_types(reference: ReferenceData) -> None:
    codes = [t.code for t in reference.document_types if t.code is not None]
    assert len(codes) == len(set(codes))
    for code in DECREE_30_CODES:
        document_type = reference.document_type_by_code(code)
        assert document_type is not None and document_type.kind == "administrative", code
    kh = reference.document_type_by_code("KH")
    assert kh is not None and kh.name == "Kế hoạch"
    cong_van = reference.document_type_by_name("Công văn")
    assert cong_van is not None and cong_van.code is None and not cong_van.in_number
    assert {"KẾ HOẠCH", "QUYẾT ĐỊNH", "NGHỊ ĐỊNH", "LUẬT"} <= reference.type_names()
    nghi_dinh = reference.document_type_by_name("Nghị định")
    assert nghi_dinh is not None and nghi_dinh.code == "NĐ"


@pytest.mark.parametrize(
    ("abbreviation", "name"),
    [
        pytest.param("UBND", "Ủy ban nhân dân", id="ubnd"),
        pytest.param("TTg", "Thủ tướng Chính phủ", id="ttg"),
        pytest.param("SKHCN", "Sở Khoa học và Công nghệ", id="skhcn"),
        pytest.param("SKH&CN", "Sở Khoa học và Công nghệ", id="skh-cn-variant"),
        pytest.param("BKHCN", "Bộ Khoa học và Công nghệ", id="bkhcn"),
        pytest.param("BCT", "Bộ Công Thương", id="bct"),
        pytest.param("SNN&MT", "Sở Nông nghiệp và Môi trường", id="snn-mt"),
    ],
)
def test_issuers(reference: ReferenceData, abbreviation: str, name: str) -> None:
    issuer = reference.issuer_by_abbreviation(abbreviation)
    assert issuer is not None and issuer.name == name


def test_national_motto(reference: ReferenceData) -> None:
    assert reference.national_motto.country == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert reference.national_motto.motto == "Độc lập - Tự do - Hạnh phúc"


def test_abbreviations(reference: ReferenceData) -> None:
    khcn = reference.abbreviation("KH & CN")
    assert khcn is not None and khcn.expansions == ["Khoa học và Công nghệ"]
    assert reference.abbreviation("KHCN") == khcn
    tt = reference.abbreviation("TT")
    assert tt is not None and tt.ambiguous and tt.expansions[0] == "Trung tâm"
    assert reference.abbreviation("XYZ") is None


def test_programme_996(reference: ReferenceData) -> None:
    programme = reference.programmes["996/QĐ-TTg"]
    assert programme.date == date(2018, 8, 10)
    assert [g.number for g in programme.task_groups] == [1, 2, 3, 4, 5, 6]
    assert len({g.id for g in programme.task_groups}) == 6
    assert all(g.keywords for g in programme.task_groups)


# --- failures -------------------------------------------------------------------------------------


def test_copy_loads(data_copy: Path) -> None:
    assert len(load_reference_from(data_copy).provinces) == len(load_reference().provinces)


def test_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "issuers.json").unlink()
    with pytest.raises(ReferenceDataError, match="issuers.json"):
        load_reference_from(data_copy)


def test_malformed_json_is_named(data_copy: Path) -> None:
    (data_copy / "provinces.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="provinces.json.*not valid JSON"):
        load_reference_from(data_copy)


def test_missing_source_is_named(data_copy: Path) -> None:
    path = data_copy / "abbreviations.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    del raw["source"]
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="abbreviations.json.*source"):
        load_reference_from(data_copy)


def test_bad_programme_is_named(data_copy: Path) -> None:
    path = data_copy / "programmes" / "996-QD-TTg.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["task_groups"][0]["id"] = "Not An Id"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="programmes/996-QD-TTg.json"):
        load_reference_from(data_copy)


def test_missing_programmes_directory(data_copy: Path) -> None:
    shutil.rmtree(data_copy / "programmes")
    with pytest.raises(ReferenceDataError, match="programmes"):
        load_reference_from(data_copy)


def test_glyph_tables_load_with_the_reference_data() -> None:
    """The shipped glyph tables are found, read and reported like every other reference file."""
    from kehoach.pipeline.reading import load_glyph_table
    from kehoach.pipeline.reference import load_glyph_data

    (name, data), = load_glyph_data()
    assert name == "glyphs/times-new-roman-glyph-ids.json"
    table = load_glyph_table()
    assert set(table.fonts) == set(data["fonts"]) and len(table.fonts) > 0
    for font, glyphs in data["fonts"].items():  # every printable glyph of the file, as the file says
        assert all(table.fonts[font][int(gid)] == char for gid, char in glyphs.items() if char.isprintable())

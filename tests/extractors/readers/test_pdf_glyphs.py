import json
import re
import time
from pathlib import Path

import pytest

from kehoach.extractors.readers.pdf.glyphs import (
    FontDecoder,
    FontInfo,
    GlyphTable,
    RepairStats,
    base_font,
    document_decoders,
    font_decoders,
    learn_glyph_table,
    learnt_pairs,
    repair_chars,
)
from kehoach.extractors.readers.pdf.quality import glued_texts, measure_words
from kehoach.extractors.readers.pdf.text_layer import words_from_chars

ROOT = Path(__file__).parents[3]
REAL = ROOT / "samples" / "real"
TABLE_FILE = ROOT / "pipeline" / "data" / "glyphs" / "times-new-roman-glyph-ids.json"
GARBLED = {
    "lao-cai-kh-1105-dkt-kiem-tra-vlncn-garbled.pdf": [
        r"Số:\s*1\s*1\s*0\s*5\s*/KH-ĐKT", r"Lào Cai, ngày\s*1\s*0 tháng 3 năm 2026", "KẾ HOẠCH",
        "vật liệu nổ công nghiệp", "Phân công nhiệm vụ",
    ],
    "lao-cai-qd-1050-sct-doan-kiem-tra-vlncn-garbled.pdf": [
        r"Số:\s*1\s*0\s*5\s*0\s*/QĐ-SCT", r"Lào Cai, ngày\s*0\s*6 tháng 3 năm 2026", "QUYẾT ĐỊNH",
        "GIÁM ĐỐC SỞ CÔNG THƯƠNG TỈNH LÀO CAI",
    ],
}


@pytest.fixture(scope="module")
def table() -> GlyphTable:
    return GlyphTable.from_dict(json.loads(TABLE_FILE.read_text(encoding="utf-8")))


def test_shipped_table_has_source_and_four_styles(table: GlyphTable) -> None:
    assert table.source and table.as_of
    assert set(table.fonts) == {
        "TimesNewRomanPSMT", "TimesNewRomanPS-BoldMT", "TimesNewRomanPS-ItalicMT", "TimesNewRomanPS-BoldItalicMT",
    }
    regular = table.fonts["TimesNewRomanPSMT"]
    assert regular[54] == "S" and regular[1250] == "Ở" and regular[1132] == "Ư"
    assert 0 not in regular  # .notdef is not a character


def test_installed_table_loads() -> None:
    from kehoach.pipeline.reading import load_glyph_table

    assert load_glyph_table().fonts["TimesNewRomanPSMT"][1250] == "Ở"


@pytest.mark.parametrize(
    ("fontname", "key"),
    [
        ("KERPTY+TimesNewRomanPSMT", "TimesNewRomanPSMT"),
        ("ABCDEF+Times New Roman,Bold", "TimesNewRomanPS-BoldMT"),
        ("TimesNewRoman,BoldItalic", "TimesNewRomanPS-BoldItalicMT"),
        ("TimesNewRomanPS-ItalicMT", "TimesNewRomanPS-ItalicMT"),
    ],
)
def test_table_for_font_by_family_and_style(table: GlyphTable, fontname: str, key: str) -> None:
    assert table.for_font(fontname) is table.fonts[key]


def test_table_for_unknown_font(table: GlyphTable) -> None:
    assert table.for_font("ABCDEF+Arial") is None


def test_merged_prefers_the_extension() -> None:
    a = GlyphTable(fonts={"F": {1: "a", 2: "b"}}, source="a", as_of="2026-01-01")
    b = GlyphTable(fonts={"F": {2: "B"}, "G": {3: "c"}}, source="b", as_of="2026-02-01")
    merged = a.merged(b)
    assert merged.fonts == {"F": {1: "a", 2: "B"}, "G": {3: "c"}}
    assert merged.as_of == "2026-02-01"
    assert GlyphTable.from_dict(merged.to_dict()) == merged


def _chars(*texts: str, font: str = "ABCDEF+TimesNewRomanPSMT") -> list[dict[str, object]]:
    return [
        {"text": t, "fontname": font, "x0": 10.0 * i, "x1": 10.0 * i + 6, "width": 6.0, "top": 0.0, "bottom": 10.0}
        for i, t in enumerate(texts)
    ]


def test_repair_decodes_glyph_codes() -> None:
    font = FontInfo(name="ABCDEF+TimesNewRomanPSMT", cid=True, to_unicode={})
    decoders = {font.name: FontDecoder(font=font, pairs={54: "S", 1250: "Ở"})}
    stats = RepairStats()
    out = repair_chars(_chars("(cid:54)", "(cid:1250)", "(cid:9999)"), decoders, stats)
    assert [c["text"] for c in out] == ["S", "Ở", "(cid:9999)"]
    assert (stats.codes, stats.decoded, stats.undecoded) == (3, 2, 1)


def test_font_whose_codes_are_not_glyph_ids_is_not_decoded() -> None:
    # Its own map says code 54 is "A": the codes were renumbered, the table does not apply.
    renumbered = FontInfo(name="XXXXXX+TimesNewRomanPSMT", cid=True, to_unicode={54: "A", 55: "B", 56: "C"})
    fits = FontInfo(name="YYYYYY+TimesNewRomanPSMT", cid=True, to_unicode={19: "0", 20: "1"})
    table = GlyphTable(fonts={"TimesNewRomanPSMT": {54: "S", 55: "T", 56: "U", 19: "0", 20: "1", 1250: "Ở"}})
    decoders = font_decoders({f.name: f for f in (renumbered, fits)}, table)
    assert set(decoders) == {"YYYYYY+TimesNewRomanPSMT"}
    assert decoders["YYYYYY+TimesNewRomanPSMT"].decode(1250) == "Ở"


def test_document_pairs_learnt_from_fonts_with_glyph_id_codes() -> None:
    ascii_map = {ord(c) - 29: c for c in "ABCDEFGHIJ0123"}
    clean = FontInfo(name="AAAAAA+TimesNewRomanPSMT", cid=True, to_unicode={**ascii_map, 1250: "Ở"})
    renumbered = FontInfo(name="BBBBBB+TimesNewRomanPSMT", cid=True, to_unicode={1: "A", 2: "B"})
    assert learnt_pairs([clean, renumbered]) == {"TimesNewRomanPSMT": {**ascii_map, 1250: "Ở"}}


@pytest.mark.parametrize(
    ("fontname", "texts", "expected"),
    [
        ("IEMIUK+.VnTime", ["L", "µ", "o"], "Lào"),
        ("IEMIUK+.VnTimeH", ["L", "µ", "o"], "LÀO"),
        ("VNI-Times", ["L", "a", "ø", "o"], "Lào"),
    ],
)
def test_repair_converts_legacy_fonts(fontname: str, texts: list[str], expected: str) -> None:
    out = repair_chars(_chars(*texts, font=fontname), {})
    assert "".join(c["text"] for c in out) == expected


def test_vni_mark_merges_into_its_base_box() -> None:
    out = repair_chars(_chars("a", "ø", font="VNI-Times"), {})
    assert len(out) == 1 and out[0]["x0"] == 0.0 and out[0]["x1"] == 16.0


def _repaired_pages(path: Path, table: GlyphTable) -> list[tuple[str, float, RepairStats]]:
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        decoders = document_decoders((p.page_obj for p in pdf.pages), table)
        for page in pdf.pages:
            stats = RepairStats()
            words = words_from_chars(repair_chars(page.chars, decoders, stats))
            text = " ".join(glued_texts(words))
            pages.append((text, measure_words(words, page.height).share, stats))
    return pages


@pytest.mark.parametrize("name", sorted(GARBLED))
def test_garbled_pdfs_repaired_without_ocr(table: GlyphTable, name: str) -> None:
    for number, (_, share, stats) in enumerate(_repaired_pages(REAL / name, table), 1):
        assert stats.codes > 0 and stats.undecoded == 0, f"page {number}"
        assert share >= 0.95, f"page {number}: {share:.3f} valid syllables"


@pytest.mark.parametrize("name", sorted(GARBLED))
def test_garbled_pdfs_read_as_repaired_layout(table: GlyphTable, name: str) -> None:
    from kehoach.extractors.readers.pdf.reader import read_pdf_recovered
    from kehoach.extractors.readers.pdf.recovery import RecoveryReport, RecoverySettings

    report = RecoveryReport()
    layout = read_pdf_recovered(
        (REAL / name).read_bytes(), name, recovery=RecoverySettings(glyphs=lambda: table, ocr=None), report=report
    )
    assert set(report.paths.values()) == {"repaired"}
    for page in layout.page_info:
        assert page.origin == "repaired" and page.readable
        assert page.quality is not None and page.quality >= 0.95, (page.number, page.quality)
    text = " ".join(layout.text.split())
    assert "(cid:" not in text
    for pattern in GARBLED[name]:
        assert re.search(pattern, text), pattern


def test_garbled_pdf_without_table_goes_to_ocr_path() -> None:
    from kehoach.extractors.readers.pdf.reader import read_pdf_recovered
    from kehoach.extractors.readers.pdf.recovery import RecoveryReport, RecoverySettings

    name = "lao-cai-qd-1050-sct-doan-kiem-tra-vlncn-garbled.pdf"
    report = RecoveryReport()
    layout = read_pdf_recovered(
        (REAL / name).read_bytes(), name, recovery=RecoverySettings(glyphs=None, ocr=None), report=report
    )
    assert set(report.paths.values()) == {"ocr"}
    assert not any(p.readable for p in layout.page_info)


def test_learnt_table_agrees_with_shipped(table: GlyphTable) -> None:
    learnt = learn_glyph_table([(REAL / "lao-cai-phuong-an-no-min-duy-hieu-xuan-hoa.pdf").read_bytes()])
    assert learnt.fonts
    compared = 0
    for font, pairs in learnt.fonts.items():
        shipped = table.for_font(font)
        assert shipped is not None, font
        for gid, ch in pairs.items():
            if gid in shipped:
                compared += 1
                assert shipped[gid] == ch, (font, gid)
    assert compared > 100


def test_learning_skips_garbled_and_scanned_pdfs() -> None:
    for name in ("lao-cai-kh-1105-dkt-kiem-tra-vlncn-garbled.pdf", "lao-cai-gp-2507-ubnd-su-dung-vlncn-scanned.pdf"):
        assert learn_glyph_table([(REAL / name).read_bytes()]).fonts == {}


def test_base_font() -> None:
    assert base_font("KERPTY+TimesNewRomanPSMT") == "TimesNewRomanPSMT"
    assert base_font("TimesNewRomanPSMT") == "TimesNewRomanPSMT"


def test_repair_time_per_page(table: GlyphTable) -> None:
    import pdfplumber

    with pdfplumber.open(REAL / "lao-cai-kh-1105-dkt-kiem-tra-vlncn-garbled.pdf") as pdf:
        decoders = document_decoders((p.page_obj for p in pdf.pages), table)
        chars = [p.chars for p in pdf.pages]
        start = time.perf_counter()
        for page_chars in chars:
            repair_chars(page_chars, decoders)
        per_page = (time.perf_counter() - start) / len(chars)
    assert per_page < 0.05, f"{per_page * 1000:.1f} ms per page"

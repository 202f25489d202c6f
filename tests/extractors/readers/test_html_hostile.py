"""Hostile HTML is read in time linear in its size: style sheets without braces, cut off inside a
rule or full of unclosed comments, and tables whose rowspans claim tens of thousands of rows."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kehoach.extractors.readers.html_reader import css_class_rules, place_cells, read_html, _parse, _table_rows

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "lang-son-129-KH-UBND-2019.html"


def _page(style: bytes = b"", body: bytes = b"<p>x</p>") -> bytes:
    return b"<html><head><style>" + style + b"</style></head><body>" + body + b"</body></html>"


@pytest.mark.parametrize(
    "style",
    [b"a" * 300_000, b".a{" + b"color:red;" * 30_000, b"/*" * 150_000, b".a{x:y}" + b"/*" * 150_000],
    ids=["no-braces", "cut-inside-a-rule", "unclosed-comments", "rule-then-unclosed-comments"],
)
def test_a_hostile_style_sheet_reads_in_well_under_a_second(style: bytes) -> None:
    start = time.perf_counter()
    layout = read_html(_page(style), "hostile.html")
    assert time.perf_counter() - start < 1.0
    assert [block.text for block in layout.blocks] == ["x"]


def test_class_rules_are_still_read() -> None:
    root = _parse(
        "<html><head><style>.b { font-weight: bold } /* note */ td.x, .y{border-left:1px solid}"
        "@media print { .p { font-weight: 700 } } .cut { color: red</style></head><body></body></html>",
        "a.html",
    )
    rules = css_class_rules(root)
    assert rules == {
        "b": {"font-weight": "bold"}, "x": {"border-left": "1px solid"}, "y": {"border-left": "1px solid"},
        "p": {"font-weight": "700"},
    }


def test_rowspans_claiming_the_whole_page_are_bounded_by_the_tables_size() -> None:
    rows = b"<tr><td rowspan=65534>x</td><td rowspan=65534>y</td></tr>" * 2000
    start = time.perf_counter()
    layout = read_html(_page(body=b"<table>" + rows + b"</table>"), "spans.html")
    assert time.perf_counter() - start < 5.0
    assert len(layout.blocks) == 2000
    cells = sum(len(block.cells) for block in layout.blocks)
    assert cells <= 5 * 4000  # the real cells and at most four times as many covered places


def test_an_honest_rowspan_still_covers_the_rows_below() -> None:
    root = _parse("<table><tr><td rowspan=3>Sở A</td><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr></table>",
                  "a.html")
    grid = place_cells(_table_rows(root.find(".//table")))
    assert [[(c.column, c.element is None) for c in row] for row in grid] == [
        [(0, False), (1, False)], [(0, True), (1, False)], [(0, True), (1, False)],
    ]
    assert grid[0][0].rowspan == 3


def test_nul_bytes_do_not_break_the_title() -> None:
    data = SAMPLE.read_bytes().replace("KẾ HOẠCH".encode(), "KẾ\x00 HOẠ\x00CH".encode(), 1)
    layout = read_html(data, "nul.html")
    assert "\ufffd" not in layout.text and "\x00" not in layout.text
    assert "KẾ HOẠCH" in layout.text

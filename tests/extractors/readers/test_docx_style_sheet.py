"""The styles part read lazily gives the answers of the part parsed whole, on every DOCX of the repository
and on hand-built sheets; what the scan does not understand is parsed whole."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from kehoach.extractors.readers.docx.sheet import LazySheet, ParsedSheet, index_styles
from kehoach.extractors.readers.docx.styles import Styles

ROOT = Path(__file__).resolve().parents[3]
ALL_DOCX = sorted({*(ROOT / "samples").rglob("*.docx"), *(ROOT / "tests").rglob("*.docx")})
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def _parse(xml: bytes) -> etree._Element:
    return etree.fromstring(xml, _PARSER)


def _lazy(blob: bytes) -> LazySheet:
    index = index_styles(blob)
    assert index is not None
    return LazySheet(index, _parse, lambda: _parse(blob))


def _xml(element: etree._Element | None) -> bytes | None:
    return None if element is None else etree.tostring(element)


def assert_same_sheet(blob: bytes) -> None:
    whole, lazy = ParsedSheet(_parse(blob)), _lazy(blob)
    assert (lazy.default_paragraph, lazy.default_table) == (whole.default_paragraph, whole.default_table)
    assert _xml(lazy.run_defaults) == _xml(whole.run_defaults)
    whole_styles, lazy_styles = Styles(whole), Styles(lazy)
    assert (lazy_styles.default_bold, lazy_styles.default_font) == (whole_styles.default_bold, whole_styles.default_font)
    ids = {element.get(f"{{{W_NS}}}styleId") or "" for element in _parse(blob).iterchildren(f"{{{W_NS}}}style")}
    for style_id in sorted(ids) + ["no-such-style"]:
        assert _xml(lazy.element(style_id)) == _xml(whole.element(style_id)), style_id
        for question in ("chain", "name", "inherited", "borders"):
            assert getattr(lazy_styles, question)(style_id) == getattr(whole_styles, question)(style_id), (
                style_id, question)


def test_every_docx_of_the_repository_is_indexed() -> None:
    assert len(ALL_DOCX) >= 16


@pytest.mark.parametrize("path", ALL_DOCX, ids=lambda path: path.name)
def test_lazy_sheet_answers_as_the_whole_parse(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        assert_same_sheet(archive.read("word/styles.xml"))


def _sheet(body: str, *, root: str = f'<w:styles xmlns:w="{W_NS}">', declaration: str = "") -> bytes:
    return f"{declaration}{root}{body}</w:styles>".encode()


_HEADING = (
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
)
_NORMAL = (
    "<w:style w:type='paragraph' w:default='1' w:styleId='Normal'><w:name w:val='Normal'/>"
    '<w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style >'
)
_GRID = (
    '<w:style w:type="table" w:default="true" w:styleId="Grid"><w:name w:val="Table Grid"/><w:tblPr>'
    '<w:tblBorders><w:left w:val="single"/><w:insideV w:val="nil"/></w:tblBorders></w:tblPr></w:style>'
)
_DEFAULTS = '<w:docDefaults><w:rPrDefault><w:rPr><w:b/><w:rFonts w:hAnsi="VNI-Times"/></w:rPr></w:rPrDefault></w:docDefaults>'


@pytest.mark.parametrize(
    "blob",
    [
        _sheet(_DEFAULTS + '<w:latentStyles w:count="1"><w:lsdException w:name="x"/></w:latentStyles>'
               + _NORMAL + "\n  " + _HEADING + _GRID),
        _sheet(_NORMAL + _HEADING + _HEADING.replace("heading 1", "heading 2"), declaration='<?xml version="1.0"?>'),
        _sheet(_HEADING, declaration="\ufeff<?xml version='1.0' encoding='utf-8' standalone='yes'?>\n"),
        f'<x:styles xmlns:x="{W_NS}" xmlns:w="urn:other">{_HEADING.replace("w:", "x:")}</x:styles>'.encode(),
        _sheet(""),
        _sheet(_DEFAULTS),
        _sheet(_HEADING + "  \n", root=f'<w:styles\n xmlns:w="{W_NS}"  >'),
    ],
)
def test_hand_built_sheets_answer_as_the_whole_parse(blob: bytes) -> None:
    assert_same_sheet(blob)


@pytest.mark.parametrize(
    "blob",
    [
        _sheet("<!-- a comment -->" + _HEADING),
        _sheet(_HEADING.replace("<w:name", "<![CDATA[x]]><w:name")),
        _sheet(_HEADING, declaration='<?xml version="1.0"?><!DOCTYPE w:styles>'),
        _sheet("<?pi here?>" + _HEADING),
        _sheet('<w:style w:type="paragraph" w:styleId="Empty"/>' + _HEADING),
        _sheet(_HEADING.replace('<w:style w:type', f'<w:style xmlns:w="{W_NS}" w:type')),
        _sheet(f'<x:style xmlns:x="{W_NS}" x:styleId="Other"/>' + _HEADING),
        _sheet(_HEADING.replace("Heading1", "Heading&#49;")),
        _sheet(_HEADING.replace("</w:style>", _GRID + "</w:style>")),
        _sheet(_HEADING, declaration='<?xml version="1.0" encoding="windows-1252"?>'),
        _sheet(_HEADING + "<w:other/>"),
        _sheet(_HEADING, root=f'<w:styles xmlns="{W_NS}" xmlns:w="{W_NS}">'),
        _sheet(_HEADING, root=f'<w:styles xmlns:w="{W_NS}" xmlns:ww="{W_NS}">'),
        _sheet("<w:latentStyles/>" + _DEFAULTS + _HEADING),
        f'<w:styles xmlns:w="{W_NS}"/>'.encode(),
        _HEADING.encode("utf-16"),
    ],
)
def test_what_the_scan_does_not_expect_is_parsed_whole(blob: bytes) -> None:
    assert index_styles(blob) is None

"""The readers' fast paths give exactly what their slow, checked forms give.

Shortcuts keep the text and HTML readers fast: `unicode_text.decode_text` stands for
`legacy_text.decode_bytes` on UTF-8 Unicode files, and the Layout builder makes blocks, cells and
locations without pydantic validation when every value already has its type. They must be invisible:
the same decoded text, encoding and unreadable flag on every text file of the project and on legacy
variants of them; the same models, fields set included, as validation builds; the same page text
gathered for the legacy check as one XPath over the whole page selects.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from kehoach.extractors.layout import Layout
from kehoach.extractors.readers import read_document
from kehoach.extractors.readers.legacy_text import convert_text, decode_bytes
from kehoach.extractors.readers.unicode_text import convert_unicode_text, decode_text
from legacy_encode import to_tcvn3, to_vni

ROOT = Path(__file__).resolve().parents[3]
TEXTS = sorted(
    p for folder in ("samples", "tests/corpus/documents") for p in (ROOT / folder).rglob("*")
    if p.suffix in {".txt", ".md"} and p.name != "README.md"
)
READABLE = sorted(
    p for folder in ("samples", "tests/corpus/documents") for p in (ROOT / folder).rglob("*")
    if p.suffix in {".txt", ".md", ".html", ".docx"} and p.name != "README.md" and "expected" not in p.parts
)


def test_there_are_files_to_check() -> None:
    assert len(TEXTS) >= 20 and len(READABLE) >= 40


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_decode_text_is_decode_bytes(path: Path) -> None:
    data = path.read_bytes()
    assert decode_text(data) == decode_bytes(data)
    text = data.decode("utf-8-sig")
    lines = text.splitlines()
    # A legacy line among Unicode ones, a text all in one legacy encoding, a text stripped of its
    # letters: each must still be judged as convert_text judges it.
    variants = [
        "\n".join([*lines[:5], to_tcvn3(lines[5] if len(lines) > 5 else text), *lines[6:]]),
        to_vni(text[:3000]),
        "".join(c for c in text[:3000] if c.isascii()),
        "\n".join([*lines[:5], "\u00a0", " \u00a0\t\u00a0 ", *lines[5:]]),
    ]
    for variant in variants:
        assert convert_unicode_text(variant) == convert_text(variant)


def _same_models(built: BaseModel, validated: BaseModel, where: str) -> None:
    assert type(built) is type(validated), where
    assert built.model_fields_set == validated.model_fields_set, where
    for name in type(built).model_fields:
        mine, theirs = getattr(built, name), getattr(validated, name)
        if isinstance(mine, BaseModel):
            _same_models(mine, theirs, f"{where}.{name}")
        elif isinstance(mine, list) and mine and isinstance(mine[0], BaseModel):
            assert len(mine) == len(theirs), where
            for i, (a, b) in enumerate(zip(mine, theirs)):
                _same_models(a, b, f"{where}.{name}[{i}]")
        else:
            assert mine == theirs and type(mine) is type(theirs), f"{where}.{name}"


@pytest.mark.parametrize("path", READABLE, ids=lambda p: p.name)
def test_built_layout_is_what_validation_builds(path: Path) -> None:
    layout = read_document(path.read_bytes(), path.name)
    validated = Layout.model_validate(layout.model_dump(exclude_unset=True))
    assert layout == validated
    _same_models(layout, validated, path.name)


PAGES = [p.read_bytes() for p in sorted((ROOT / "samples").rglob("*.html"))] + [
    page.encode() for page in (
        "<html><body>a<!-- c -->b<p>x&amp;y<script>z é</script>tail é<style>q</style>t2</p>after</body></html>",
        "<html><head><title>T é</title></head><body><noscript>n é</noscript>é<br>é<template>é<p>é</p>"
        "</template>ok é</body></html>",
        "<p>loose é<table><tr><td>c é<td>d é</table>é",
        "<html><body><div>é<span>x<script>é</script>ü<b>é<style>ä</style></b>ö</span>tail</div>"
        "<noscript><script>a</script>é</noscript>ç</body></html>",
        "<html><head><script>é</script></head><body><svg><title>é</title>é</svg>é</body></html>",
    )
]


@pytest.mark.parametrize("page", PAGES, ids=range(len(PAGES)))
def test_page_texts_are_what_xpath_selects(page: bytes) -> None:
    from kehoach.extractors.readers.html_reader import _parse, decode_html
    from kehoach.extractors.readers.legacy_html import _NOT_TEXT, _page_texts

    root = _parse(decode_html(page), "page.html")
    hidden = " or ".join(f"ancestor::{tag}" for tag in sorted(_NOT_TEXT))
    assert _page_texts(root) == [str(text) for text in root.xpath(f"//text()[not({hidden})]")]

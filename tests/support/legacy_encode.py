"""Unicode Vietnamese written back in the legacy encodings, with the inverse of the converter's tables:
the test files of legacy text are made from the Unicode samples with these."""

from __future__ import annotations

import unicodedata

from kehoach.extractors.vntext_legacy import tcvn3_table, vni_table


def to_tcvn3(text: str) -> str:
    """TCVN3 (.VnTime) characters for `text`. The normal fonts have no capital with a tone or a breve
    mark: such a capital is written as its small letter (a person types it in .VnTimeH instead)."""
    inverse = {unicode: code for code, unicode in tcvn3_table().items()}
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in inverse:
            out.append(inverse[char])
        elif char.lower() in inverse and char.isupper():
            out.append(inverse[char.lower()])
        else:
            out.append(char)
    return "".join(out)


def to_tcvn3_capitals(text: str) -> str:
    """Text of a .VnTimeH run: every letter as its small TCVN3 code, drawn as a capital by the font."""
    return to_tcvn3(text.lower())


def to_vni(text: str) -> str:
    """VNI (VNI-Times) characters for `text`."""
    inverse = {unicode: code for code, unicode in vni_table().items()}
    return "".join(inverse.get(char, char) for char in unicodedata.normalize("NFC", text))


def one_byte(text: str) -> bytes:
    """Legacy characters as the bytes a Windows file holds: Latin-1, curly quotes and dashes as in
    Windows-1252."""
    return b"".join(bytes([ord(c)]) if ord(c) < 256 else c.encode("cp1252") for c in text)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _tcvn3_pieces(text: str) -> list[tuple[str, str]]:
    """(font, legacy text) runs for `text`: capitals the normal font lacks go to .VnTimeH, as typed."""
    inverse = {unicode: code for code, unicode in tcvn3_table().items()}
    pieces: list[tuple[str, str]] = []
    for char in unicodedata.normalize("NFC", text):
        capital = char.isupper() and char not in inverse and char.lower() in inverse
        font = ".VnTimeH" if capital else ".VnTime"
        code = inverse[char.lower()] if capital else inverse.get(char, char)
        if pieces and pieces[-1][0] == font:
            pieces[-1] = (font, pieces[-1][1] + code)
        else:
            pieces.append((font, code))
    return pieces


def legacy_docx(data: bytes, encoding: str, *, paragraphs: slice = slice(None)) -> bytes:
    """A DOCX with the text of its runs (in the paragraphs selected) written in TCVN3 or VNI fonts."""
    import copy
    import zipfile
    from io import BytesIO

    from lxml import etree

    source = zipfile.ZipFile(BytesIO(data))
    root = etree.fromstring(source.read("word/document.xml"))
    for paragraph in list(root.iter(f"{_W}p"))[paragraphs]:
        for run in list(paragraph.iter(f"{_W}r")):
            texts = run.findall(f"{_W}t")
            if len(texts) != 1 or not texts[0].text:
                continue
            text = texts[0].text
            pieces = _tcvn3_pieces(text) if encoding == "TCVN3" else [("VNI-Times", to_vni(text))]
            parent, index = run.getparent(), run.getparent().index(run)
            parent.remove(run)
            for n, (font, legacy) in enumerate(pieces):
                new = copy.deepcopy(run)
                rpr = new.find(f"{_W}rPr")
                if rpr is None:
                    rpr = etree.SubElement(new, f"{_W}rPr")
                    new.insert(0, rpr)
                for old in rpr.findall(f"{_W}rFonts"):
                    rpr.remove(old)
                fonts = etree.Element(f"{_W}rFonts")
                for attribute in ("ascii", "hAnsi", "cs"):
                    fonts.set(f"{_W}{attribute}", font)
                rpr.insert(0, fonts)
                t = new.find(f"{_W}t")
                t.text = legacy
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                parent.insert(index + n, new)
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if item.filename == "word/document.xml" else source.read(item.filename)
            target.writestr(item, content)
    return out.getvalue()

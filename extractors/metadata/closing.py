"""The closing: recipients ("Nơi nhận") and the signature block."""

from __future__ import annotations

import re

from kehoach.extractors.grounding import span
from kehoach.extractors.layout import Block, Layout
from kehoach.extractors.metadata.lines import Line, block_to_lines, stretch
from kehoach.extractors.metadata.spelling import Speller, is_caps, position_case
from kehoach.extractors.structure import StructuredDocument
from kehoach.extractors.vntext import collapse_spaces, comparison_key
from kehoach.schemas import Signer, Span

_RECIPIENTS_LABEL = re.compile(r"^\s*Nơi\s*nhận\s*:?\s*", re.I)
_BULLET = re.compile(r"^\s*[-–—+•*]\s*")
_AUTHORITY = re.compile(r"^\s*(?P<kind>TM|KT|TL|TUQ|Q)\s*\.\s*(?P<rest>.+)$")
_STAMP = re.compile(r"^\s*[(\[]|^\s*(?:Ký\s+bởi|Thời\s+gian\s+ký|Đã\s+ký)\b", re.I)
_CLOSING_OPENER = re.compile(r"^[\s*_]*(?:Nơi\s*nhận|KT\.|TM\.|TL\.|TUQ\.|Q\.\s)", re.I)
MAX_CLOSING_BLOCKS = 40
_APPENDIX_HEADING = re.compile(r"^[\s*_]*PHỤ\s+LỤC\b", re.I)
_PERSON = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\.?\s+){1,5}[A-ZĐÀ-Ỹ][a-zđà-ỹ]*$")


def read_closing(doc: StructuredDocument) -> tuple[list[Line], list[Line]]:
    """Recipient and signature lines: from the structure's closing, else (no signer found there) from
    the first "Nơi nhận" or "TM."/"KT." line after the preamble up to an appendix heading (a Markdown
    conversion prints them in emphasis, "*Nơi nhận:*", and its stray lines can cut the closing short)."""
    found = closing_lines(doc.closing)
    if _signer_name(found[1]) is not None:
        return found
    blocks = doc.layout.body()
    preamble = {id(p) for p in doc.preamble}
    preamble_end = max((i for i, b in enumerate(blocks) if id(b) in preamble), default=0)
    for i in range(preamble_end, len(blocks)):
        texts = [c.text for c in blocks[i].cells] if blocks[i].kind == "row" else [blocks[i].text]
        if any(_CLOSING_OPENER.match(t) for t in texts):
            chosen: list[Block] = []
            for block in blocks[i : i + MAX_CLOSING_BLOCKS]:
                if chosen and block.kind != "row" and _APPENDIX_HEADING.match(block.text):
                    break
                chosen.append(block)
            extended = closing_lines(chosen)
            return extended if _signer_name(extended[1]) is not None or not found[1] else found
    return found


def closing_lines(closing: list[Block]) -> tuple[list[Line], list[Line]]:
    """Split the closing into recipient lines and signature lines, stopping where an annex begins."""
    recipients: list[Line] = []
    signature: list[Line] = []
    table: int | None = None
    recipient_column: int | None = None
    in_recipients = False
    signed = False  # whether a paragraph line of `signature` names the signer (_signer_name)
    for index, block in enumerate(closing):
        if block.kind == "row":
            if table is None:
                table = block.table
            elif block.table != table:
                break
            if block.style not in (None, "layout") and (recipients or signature):
                break
            lines = block_to_lines(block, index)
            for line in lines:
                if _RECIPIENTS_LABEL.match(line.text):
                    recipient_column = line.column
            for line in lines:
                if recipient_column is not None and line.column == recipient_column:
                    recipients.append(line)
                else:
                    signature.append(line)
            continue
        if table is not None:
            lines = block_to_lines(block, index)
            if _signer_name(signature) is None and len(lines) == 1 and _PERSON.match(lines[0].text):
                signature += lines  # the name printed under the signature table
            break  # a paragraph after a signature table: an annex
        for line in block_to_lines(block, index):
            if _RECIPIENTS_LABEL.match(line.text):
                in_recipients = True
                recipients.append(line)
            elif in_recipients and (_BULLET.match(line.text) or _continues_item(recipients, line.text)):
                recipients.append(line)
            else:
                in_recipients = False
                if signed:
                    return recipients, signature
                signature.append(line)
                signed = _names_a_signer(line)
    return recipients, signature


def _continues_item(lines: list[Line], text: str) -> bool:
    if not lines or _RECIPIENTS_LABEL.match(lines[-1].text):
        return False
    previous = lines[-1].text.rstrip()
    return not previous.endswith((";", ".")) and (text[:1].islower() or text.startswith("("))


def recipient_items(lines: list[Line], text: str) -> list[tuple[str, tuple[int, int] | None]]:
    """Each recipient ("Bộ Khoa học và Công nghệ (b/c)") and where it is printed in the layout `text`
    (None when its lines are not one stretch of the text)."""
    items: list[tuple[str, list[Line], int]] = []  # text, its lines, where it begins on the first one
    for line in lines:
        value, skip = line.text, 0
        label = _RECIPIENTS_LABEL.match(value)
        if label:
            value, skip = value[label.end() :], label.end()
            if not value.strip():
                continue
        bullet = _BULLET.match(value)
        if bullet:
            items.append((value[bullet.end() :], [line], skip + bullet.end()))
        elif items and not items[-1][0].rstrip().endswith((";", ".")):
            items[-1] = (f"{items[-1][0]} {value}", [*items[-1][1], line], items[-1][2])
        else:
            items.append((value, [line], skip))
    out: list[tuple[str, tuple[int, int] | None]] = []
    for value, item_lines, skip in items:
        cleaned = collapse_spaces(value).rstrip(" ;.,")
        if cleaned:
            out.append((cleaned, _item_at(text, item_lines, skip)))
    return out


def _item_at(text: str, lines: list[Line], skip: int) -> tuple[int, int] | None:
    whole = stretch(text, lines)
    if whole is None:
        return None
    start, end = whole[0] + skip, whole[1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t\n;.,":
        end -= 1
    return (start, end) if end > start else None


def _names_a_signer(line: Line) -> bool:
    return bool(_PERSON.match(line.text)) and not is_caps(line.text)


def _signer_name(lines: list[Line]) -> Line | None:
    for line in reversed(lines):
        if _names_a_signer(line):
            return line
    return None


def read_signer(lines: list[Line], speller: Speller, layout: Layout) -> Signer | None:
    lines = [line for line in lines if not _STAMP.match(line.text)]
    if not lines:
        return None
    name_line = _signer_name(lines)
    upto = lines.index(name_line) if name_line is not None else len(lines)
    position: str | None = None
    on_behalf_of: str | None = None
    position_line: Line | None = None
    first: Line | None = None
    pending_tm: str | None = None
    for line in lines[:upto]:
        if not is_caps(line.text):
            continue
        authority = _AUTHORITY.match(line.text)
        first = first or line
        if pending_tm is not None and not authority:
            joined = f"{pending_tm} {line.text}"
            pending_tm = None
            if comparison_key(joined) in speller.known_keys():
                on_behalf_of = speller.spell(joined)  # "TM. ỦY BAN" / "NHÂN DÂN"
                continue
        if authority:
            kind, rest = authority.group("kind").upper(), authority.group("rest")
            if kind == "TM":
                if on_behalf_of is None:
                    on_behalf_of = speller.spell(rest)
                    pending_tm = rest
            elif kind == "Q":
                position, position_line = position_case(f"QUYỀN {rest}"), line  # "Q. GIÁM ĐỐC": acting
            else:
                on_behalf_of = position_case(rest)
        else:
            position, position_line = position_case(line.text), line
    if first is None and name_line is None:
        return None
    name = collapse_spaces(name_line.text) if name_line is not None else None
    return Signer(name=name, position=position, on_behalf_of=on_behalf_of, source=_signer_span(layout, lines, first, name_line or position_line))


def _signer_span(layout: Layout, lines: list[Line], first: Line | None, last: Line | None) -> Span | None:
    """The signature block when it is one stretch of text (one cell, or paragraphs one under another),
    else its last line (the name, or the position)."""
    if last is None:
        return None
    first = first or last
    block = lines[lines.index(first) : lines.index(last) + 1]
    stretch = layout.text[first.start : last.end]
    if collapse_spaces(stretch) == collapse_spaces(" ".join(line.text for line in block)):
        return span(layout, first.start, last.end)
    return span(layout, last.start, last.end)

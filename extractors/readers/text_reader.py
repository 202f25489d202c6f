"""Plain text and Markdown plans, as converted from PDF or copied from a web page.

What such files carry (both seeds do): paragraphs separated by blank lines, or hard-wrapped lines
with no blank lines at all ("2. Tăng cường phát triển hạ tầng\\nđo lường của tỉnh"); tables as
tab-separated lines or Markdown `| a | b |` rows; inline HTML (`<b>1</b>`, `<sup>(1)</sup>`,
`<ul><li>- ...</li></ul>`); Markdown `#` headings and `**bold**`; flattened layout tables whose cells
are separated by lines holding a lone `|`; rules of dashes under the issuer and the motto.

Hard-wrapped lines are joined into one paragraph unless the next line starts a new one: an outline
marker (I., 1., 1.1, a), -, +), a line after sentence-ending punctuation that starts with a capital,
or a short line followed by a capitalised one (a heading). Table rows keep their cells.

Markdown crawled from legal-document sites (tables flattened into lone `|` lines, two in a row where a
row ends; emphasis markers across line breaks) is recognised by that content and read by
`extractors.readers.markdown`.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from kehoach.extractors.errors import DocumentLoadError
from kehoach.extractors.layout import CellSpec, Layout, LayoutBuilder, sha256_of
from kehoach.extractors.outline import opens_plain_paragraph, starts_with_number
from kehoach.extractors.readers.legacy_text import notes_for
from kehoach.extractors.readers.markdown.detect import is_crawled_markdown
from kehoach.extractors.readers.markdown.headings import atx_heading
from kehoach.extractors.readers.markdown.reader import build_layout
from kehoach.extractors.readers.unicode_text import decode_text
from kehoach.extractors.vntext import clean_text, collapse_spaces

_MD_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_RULE_LINE = re.compile(r"^\s*[-_=—–.*]{3,}\s*$")
_RULE_CHARS = frozenset("-_=—–.*")
_CELL_BREAK = re.compile(r"^\s*\|{1,2}\s*$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
# Rows of a crawled table flattened without the opening bar: "Số: 12/KH-UBND | Hà Nội, ngày ... |".
_OPEN_ROW = re.compile(r"^[^|]+(?:\|[^|]*)+\|\s*$")
# A cell closed on its own line: "ỦY BAN NHÂN DÂN |".
_CLOSED_CELL = re.compile(r"^([^|]+?)\s*\|\s*$")
_BOLD_MD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_TERMINAL = (".", ";", ":", "!", "?", "./.")
_SMALL_LATIN = re.compile("[a-z]")
_ROW_NUMBER = re.compile(r"^[\dIVX]+\.?$")
_LONG_LINE_SHARE = 0.9
_CAPS_LINE_SHARE = 0.5
_HARD_WRAP_MIN_LINES = 20
_BOLD_TAGS = ("b", "strong")
# A tag without attributes, as the HTML parser reads it: an opening one (perhaps closing itself) or a
# closing one. Script and style tags make the parser read what follows as raw text.
_PLAIN_TAG = re.compile(r"<(?:([a-zA-Z][a-zA-Z0-9]*)[ \t\n\r\f]*(/?)|/([a-zA-Z][a-zA-Z0-9]*))>")
_CDATA_TAGS = frozenset({"script", "style"})


class _TagStripper(HTMLParser):
    """Inline HTML to text: line breaks at <br>, <li> and block ends, every other tag dropped."""

    BREAKS = frozenset({"br", "li", "p", "div", "tr", "ul", "ol"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.bold_chars = 0
        self.chars = 0
        self._bold_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n")
        if tag in _BOLD_TAGS:
            self._bold_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BREAKS:
            self.parts.append("\n")
        if tag in _BOLD_TAGS and self._bold_depth:
            self._bold_depth -= 1

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        visible = len(data.strip())
        self.chars += visible
        if self._bold_depth:
            self.bold_chars += visible


def _strip_tags(text: str) -> tuple[str, bool]:
    """Text without its HTML tags, and whether all its visible text was bold."""
    simple = _strip_plain_tags(text)
    if simple is not None:
        return simple
    stripper = _TagStripper()
    stripper.feed(text)
    stripper.close()
    return "".join(stripper.parts), stripper.chars > 0 and stripper.bold_chars == stripper.chars


def _strip_plain_tags(text: str) -> tuple[str, bool] | None:
    """What `_TagStripper` makes of `text` when every "<" in it opens a plain tag ("<b>", "</sup>",
    "<br/>": no attribute, no script or style), found without its parser (most cells); else None."""
    parts: list[str] = []
    chars = bold_chars = depth = position = 0
    for match in [*_PLAIN_TAG.finditer(text), None]:
        data = text[position : match.start() if match else len(text)]
        if data:
            if "<" in data:
                return None
            data = unescape(data)
            parts.append(data)
            visible = len(data.strip())
            chars += visible
            if depth:
                bold_chars += visible
        if match is None:
            break
        position = match.end()
        opened, closes_itself, closed = match.groups()
        if opened:
            tag = opened.lower()
            if tag in _CDATA_TAGS:
                return None
            if tag in _TagStripper.BREAKS:
                parts.append("\n")
            depth += tag in _BOLD_TAGS
        if closed or closes_itself:
            tag = (closed or opened).lower()
            if tag in _TagStripper.BREAKS:
                parts.append("\n")
            if tag in _BOLD_TAGS and depth:
                depth -= 1
    return "".join(parts), chars > 0 and bold_chars == chars


def _collapsed(text: str) -> str:
    """`collapse_spaces(text)`, without splitting the text where it has nothing to collapse (a space is
    the only whitespace character that is printable)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def _bold_inner(match: re.Match[str]) -> str:
    return match.group(1) or match.group(2)


def _strip_markup(text: str) -> tuple[str, bool]:
    """Text without inline HTML and Markdown emphasis, and whether all of it was bold."""
    if "<" not in text and "&" not in text and "*" not in text and "__" not in text and "\n" not in text:
        return _collapsed(text), False  # most lines: no markup to strip, one line
    bold = False
    if "**" in text or "__" in text:  # what emphasis needs
        bold = bool(_BOLD_MD.fullmatch(text.strip()))
        text = _BOLD_MD.sub(_bold_inner, text)
    if "<" in text and ">" in text:
        text, all_bold = _strip_tags(text)
        bold = bold or all_bold
    elif "&" in text:
        text = unescape(text)
    if "\n" not in text:
        return _collapsed(text), bold
    lines = [collapse_spaces(line) for line in text.split("\n")]
    return "\n".join(line for line in lines if line), bold


def _is_upper(line: str) -> bool:
    if _SMALL_LATIN.search(line):  # most lines: no need to look at every letter
        return False
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _starts_lower(line: str) -> bool:
    for char in line:
        if char.isalpha():
            return char.islower()
        if char.isdigit():
            return False
        if char in "“\"'(«":
            continue
        return False
    return False


def _wrap_width(lines: list[str]) -> int | None:
    """The width at which the file was hard-wrapped, or None when it was not."""
    lengths = sorted(len(line) for line in lines if line.strip())
    if len(lengths) < _HARD_WRAP_MIN_LINES:
        return None
    p90 = lengths[int(len(lengths) * 0.9)]
    return p90 if 40 <= p90 <= 160 else None


def _continues(previous: str, line: str, wrap: int | None) -> bool:
    """Whether `line` continues the paragraph whose last line is `previous`."""
    if opens_plain_paragraph(line):
        return False
    prev = previous.rstrip()
    if _starts_lower(line):
        return True
    if prev.endswith(_TERMINAL):
        return False
    if _is_upper(prev) and _is_upper(line):
        # A heading in capitals wrapped over lines ("II. NHIỆM VỤ VÀ GIẢI / PHÁP THỰC HIỆN"), not
        # stacked short lines such as "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
        if starts_with_number(prev) or (wrap is not None and len(prev) >= _CAPS_LINE_SHARE * wrap):
            return True
    return wrap is not None and len(prev) >= _LONG_LINE_SHARE * wrap


def _split_row(line: str) -> list[str]:
    if "\t" in line:
        return line.split("\t")
    inner = line.strip()
    return inner[1 if inner[0] == "|" else 0 : -1].split("|")


class _TextLayoutWriter:
    def __init__(self, builder: LayoutBuilder, wrap: int | None) -> None:
        self.builder = builder
        self.wrap = wrap
        self.lines: list[str] = []
        self.table = -1
        self.in_table = False

    def flush(self) -> None:
        if self.lines:
            raw = " ".join(self.lines)
            text, bold = _strip_markup(raw)
            if "\n" in text:  # lines of inline HTML; one line is collapsed already
                text = collapse_spaces(text)
            if text:
                self.builder.add("paragraph", text, bold=bold)
        self.lines = []

    def end_table(self) -> None:
        self.in_table = False

    def paragraph_line(self, line: str, stripped: str) -> None:
        self.in_table = False
        if self.lines and not _continues(self.lines[-1], line, self.wrap):
            self.flush()
        self.lines.append(stripped)

    def heading(self, level: int, raw: str) -> None:
        self.flush()
        self.end_table()
        text, bold = _strip_markup(raw)
        if "\n" in text:
            text = collapse_spaces(text)
        if text:
            self.builder.add("heading", text, level=level, bold=bold)

    def row(self, raw_cells: list[str]) -> None:
        self.flush()
        if not self.in_table:
            self.table += 1
            self.in_table = True
            first = True
        else:
            first = False
        cells = []
        bold_cells = 0
        for column, raw in enumerate(raw_cells):
            text, bold = _strip_markup(raw)
            bold_cells += bold
            cells.append(CellSpec(text=text, column=column))
        texts = [c.text for c in cells if c.text]
        header = first and bool(texts) and not _ROW_NUMBER.match(texts[0])
        if header or (bold_cells and bold_cells == len(texts)):
            for cell in cells:
                cell.header = header
        self.builder.add_row(cells, table=self.table)


def read_text(data: bytes, path: str) -> Layout:
    decoded = decode_text(data)
    text = clean_text(decoded.text)
    if not text.strip():
        raise DocumentLoadError(path, "the file has no text")
    fmt = "md" if path.lower().endswith((".md", ".markdown")) else "txt"
    lines = text.split("\n")
    if is_crawled_markdown(lines):
        layout = build_layout(text, path, fmt, sha256_of(data))
        layout.notes.extend(notes_for(decoded, "the file"))
        return layout
    builder = LayoutBuilder(path, fmt, sha256_of(data))
    for note in notes_for(decoded, "the file"):
        builder.add_note(note)
    writer = _TextLayoutWriter(builder, _wrap_width(lines))
    for line in lines:
        stripped = line.strip()
        if not stripped:
            writer.flush()
            writer.end_table()
            continue
        # The substring tests only spare most lines a pattern that could not match them.
        bar = "|" in line
        if bar and _CELL_BREAK.match(line) or stripped[0] in _RULE_CHARS and _RULE_LINE.match(line):
            writer.flush()
            continue
        heading = atx_heading(line) if line[0] == "#" else None
        if heading:
            writer.heading(*heading)
        elif bar and _MD_TABLE_RULE.match(line):
            continue
        elif "\t" in line or bar and (_PIPE_ROW.match(line) or _OPEN_ROW.match(line)):
            writer.row(_split_row(line))
        elif bar and (closed := _CLOSED_CELL.match(stripped)):
            writer.paragraph_line(closed[1], closed[1])
            writer.flush()
        else:
            writer.paragraph_line(line, stripped)
    writer.flush()
    return builder.build()

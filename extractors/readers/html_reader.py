"""HTML reader: a published plan page (or a LibreOffice XHTML export) as blocks and table rows.

How a page becomes blocks, as a browser would show it:

- Block elements (p, div, h1-h6, li, blockquote, ...) start and end a block; text and inline elements
  between them are one block. In the body flow a `<br>` also ends the block (pages use it to separate
  lines that are paragraphs in the Word original); inside a table cell it is a "\\n".
- Whitespace collapses as a browser does (runs of spaces and newlines → one space, trimmed at block
  edges); entities are decoded by the parser; `&nbsp;` becomes a space.
- h1-h6 give headings with their level. A block is bold when all its text is in b/strong/th/h1-h6 or
  in an element whose inline style or CSS class sets font-weight bold (LibreOffice exports use classes).
- Tables: one row block per `<tr>` (rows of nested tables are not rows of this table); `th` cells and
  cells in `<thead>` are header cells; colspan and rowspan are honoured as in the DOCX reader: a spanning
  cell's text is read once, in its first row, and each row it covers below repeats it at the same
  column (`continued`, with the first row's location, adding nothing to the text). Cell text: the cell's lines joined with "\\n"; a nested table is flattened into the
  cell, one line per nested row.
- Layout tables (header and signature blocks) are told apart as in the DOCX reader: a table that draws
  no vertical line (no `border` attribute, no visible left/right border on the table or its cells in
  inline styles or class rules of the page's `<style>`) gets `style="layout"` on its rows.
- Scripts, styles, templates, comments and the head are ignored.

Bytes are decoded from the BOM, else the declared charset (meta or XML declaration), else UTF-8; if
that fails, one byte a character (Windows-1258, or TCVN3 / VNI, whichever reads as Vietnamese). Text
in legacy fonts or encodings is then converted in the tree (`legacy_html`). The parser is libxml2's HTML parser without
`huge_tree`: a page nested deeper than its limit (256) is refused with DocumentLoadError rather than
read with its end silently cut.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from kehoach.extractors.errors import DocumentLoadError
from kehoach.extractors.layout import Cell, CellSpec, Layout, LayoutBuilder, sha256_of
from kehoach.extractors.readers.html_tables import place_cells
from kehoach.extractors.readers.html_tables import table_rows as _table_rows
from kehoach.extractors.readers.legacy_html import convert_page
from kehoach.extractors.readers.legacy_text import one_byte_reading
from kehoach.extractors.vntext import clean_text

if TYPE_CHECKING:
    from lxml.html import HtmlElement

EXTENSIONS: tuple[str, ...] = (".html", ".htm", ".xhtml")

CHARSET_SNIFF_BYTES = 4096
# Nested tables deeper than this are read as plain text containers (keeps recursion bounded).
MAX_TABLE_NESTING = 16

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED_CHARSET = re.compile(
    rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_CLASS_SELECTOR = re.compile(r"^[a-zA-Z0-9]*\.([A-Za-z0-9_\-]+)$")

_SKIPPED = frozenset(
    {"head", "script", "style", "template", "noscript", "title", "meta", "link", "iframe", "object",
     "embed", "svg", "math", "canvas", "select", "option", "button"}
)
_BLOCKS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
     "pre", "address", "article", "aside", "center", "details", "summary", "fieldset", "figure",
     "figcaption", "footer", "form", "header", "hr", "main", "nav", "section", "caption", "body",
     "html", "tr", "td", "th", "thead", "tbody", "tfoot", "legend"}
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BOLD_TAGS = frozenset({"b", "strong", "th", *_HEADINGS})
_BORDER_STYLES = frozenset({"solid", "dotted", "dashed", "double", "groove", "ridge", "inset", "outset"})
_VERTICAL_BORDER_PROPS = (
    "border", "border-left", "border-right", "border-style", "border-left-style",
    "border-right-style", "border-inline", "border-inline-start", "border-inline-end",
    "border-inline-style",
)


def read_html(data: bytes, path: str) -> Layout:
    """Read an HTML page's bytes into a Layout (no pages)."""
    text = decode_html(data).replace("\x00", "")  # NUL is never text; the parser would make it U+FFFD
    root = _parse(text, path)
    css = StyleSheet(css_class_rules(root))
    builder = LayoutBuilder(path, "html", sha256_of(data))
    for note in convert_page(root, css.style_of):
        builder.add_note(note)
    body = root.find("body")
    _PageWalker(builder, css).run(body if body is not None else root)
    return builder.build()


# ---------------------------------------------------------------------------------------------------
# Bytes to a tree


def declared_charset(head: bytes) -> str | None:
    """The charset a page declares in its first bytes (meta charset, http-equiv, XML declaration)."""
    match = _DECLARED_CHARSET.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes) -> str:
    """Text of an HTML file: BOM, then declared charset, then UTF-8, Windows-1258, cp1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, "replace")
    declared = declared_charset(data[:CHARSET_SNIFF_BYTES])
    for encoding in [declared] if declared else []:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1258, or TCVN3 / VNI converted in the tree: whichever reads as Vietnamese.
        return one_byte_reading(data)


def _parse(text: str, path: str) -> HtmlElement:
    from lxml import etree

    # Re-encoded as UTF-8 and said so, the parser ignores whatever charset the page declares. The tree
    # is lxml.html's without its element classes (looked up in Python for every element touched): the
    # reader uses nothing they add.
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=False,
    )
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
        if root is None:
            raise etree.ParserError("Document is empty")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise DocumentLoadError(path, f"cannot parse the HTML page ({exc})") from exc
    for entry in parser.error_log:
        if entry.level >= etree.ErrorLevels.FATAL:
            raise DocumentLoadError(
                path, f"the HTML page cannot be read whole ({entry.message.strip()}, line {entry.line})"
            )
    return root


# ---------------------------------------------------------------------------------------------------
# CSS: only what tells bold and borders


@lru_cache(maxsize=4096)
def css_declarations(style: str) -> Mapping[str, str]:
    """`a: b; c: d` → {"a": "b", "c": "d"}, property names lowercased, `!important` dropped.
    Read-only and shared: pages repeat the same few style attributes thousands of times."""
    declarations: dict[str, str] = {}
    for part in style.split(";"):
        name, sep, value = part.partition(":")
        if sep:
            value = value.replace("!important", "").replace("! important", "")
            declarations[name.strip().lower()] = value.strip().lower()
    return MappingProxyType(declarations)


def _without_comments(sheet: str) -> str:
    """The style sheet without its /* comments */; an unclosed one runs to the end. One pass: a
    pattern would rescan the rest of the sheet from every "/*" that is never closed."""
    parts: list[str] = []
    position = 0
    while (start := sheet.find("/*", position)) >= 0:
        parts.append(sheet[position:start])
        end = sheet.find("*/", start + 2)
        if end < 0:
            return "".join(parts)
        position = end + 2
    parts.append(sheet[position:])
    return "".join(parts)


def _css_rules(sheet: str) -> Iterator[tuple[str, str]]:
    """(selectors, declarations) of each `selectors { declarations }` rule, in one pass; text without
    braces, or a rule cut off, gives nothing."""
    for chunk in sheet.split("}")[:-1]:  # what follows the last "}" is no closed rule
        selectors, brace, body = chunk.rpartition("{")
        selectors = selectors.rsplit("{", 1)[-1]  # inside "@media ... {": the rule's own selectors
        if brace and selectors.strip():
            yield selectors, body


def css_class_rules(root: HtmlElement) -> dict[str, dict[str, str]]:
    """Declarations of the page's class selectors (`.P1`, `td.Table1_A1`), merged in source order."""
    rules: dict[str, dict[str, str]] = {}
    for style in root.iter("style"):
        sheet = _without_comments(style.text or "")
        for selectors, body in _css_rules(sheet):
            declarations = css_declarations(body)
            for selector in selectors.split(","):
                match = _CLASS_SELECTOR.match(selector.strip())
                if match:
                    rules.setdefault(match.group(1), {}).update(declarations)
    return rules


class StyleSheet:
    """The page's class rules, and what an element's class and style attributes make of it
    (remembered by attribute values: pages repeat a few of them on every cell)."""

    def __init__(self, rules: dict[str, dict[str, str]]) -> None:
        self.rules = rules
        self._bold: dict[tuple[str | None, str | None], bool | None] = {}
        self._border: dict[tuple[str | None, str | None], bool] = {}

    def style_of(self, element: HtmlElement) -> dict[str, str]:
        merged: dict[str, str] = {}
        for name in (element.get("class") or "").split():
            merged.update(self.rules.get(name, {}))
        merged.update(css_declarations(element.get("style") or ""))
        return merged

    def has_vertical_border(self, element: HtmlElement) -> bool:
        key = (element.get("class"), element.get("style"))
        found = self._border.get(key)
        if found is None:
            found = self._border[key] = _has_vertical_border(self.style_of(element))
        return found

    def bold_of(self, element: HtmlElement) -> bool | None:
        """True or False where the element's style sets the font weight, else None."""
        key = (element.get("class"), element.get("style"))
        found = self._bold.get(key, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._bold[key] = _is_bold_style(self.style_of(element)) if key[0] or key[1] else None
        return found


def _is_bold_style(style: dict[str, str]) -> bool | None:
    weight = style.get("font-weight")
    if weight is None:
        return None
    if weight in ("bold", "bolder"):
        return True
    return weight.isdigit() and int(weight) >= 600


def _has_vertical_border(style: dict[str, str]) -> bool:
    for prop in _VERTICAL_BORDER_PROPS:
        value = style.get(prop)
        if not value:
            continue
        tokens = value.replace(",", " ").split()
        if any(token in _BORDER_STYLES for token in tokens) and not any(
            re.fullmatch(r"0(\.0+)?[a-z%]*", token) for token in tokens
        ):
            return True
    return False


# ---------------------------------------------------------------------------------------------------
# Tables


def _is_layout_table(table: HtmlElement, css: StyleSheet) -> bool:
    border = table.get("border")
    if border is not None and border.strip() not in ("0", "0px"):
        return False
    if css.has_vertical_border(table):
        return False
    for cell in table.iter("td", "th"):
        if css.has_vertical_border(cell):
            return False
    return True


# ---------------------------------------------------------------------------------------------------
# Walking the page


@dataclass
class _Line:
    """Inline text gathered until the next block boundary."""

    parts: list[str] = field(default_factory=list)
    bold_chars: int = 0
    plain_chars: int = 0

    def add(self, text: str, bold: bool) -> None:
        if not text:
            return
        self.parts.append(text)
        visible = len(text.strip())
        if bold:
            self.bold_chars += visible
        else:
            self.plain_chars += visible

    def take(self) -> tuple[str, bool]:
        if not self.parts:
            return "", False
        text = _joined(self.parts)
        bold = self.bold_chars > 0 and self.plain_chars == 0
        self.bold_chars = self.plain_chars = 0
        return text, bold


def _joined(parts: list[str]) -> str:
    """The text of `parts`, whitespace collapsed as a browser shows it; `parts` is emptied."""
    text = "".join(parts)
    parts.clear()
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
        text = _WHITESPACE.sub(" ", text)  # else no run to collapse: every space already single
    return clean_text(text).strip()


class _Frame(NamedTuple):
    element: HtmlElement  # only where it is a table's: an element that changes nothing shares its parent's
    bold: bool
    level: int | None


class _PageWalker:
    """Walks the tree without recursion (pages can nest deeply) and writes blocks to the builder."""

    def __init__(self, builder: LayoutBuilder, css: StyleSheet) -> None:
        self._builder = builder
        self._css = css
        self._tables = 0

    def run(self, root: HtmlElement) -> None:
        """The page in document order: text gathered into lines, a block boundary (entering or leaving
        a block element, or a `<br>`) ending the line with the level of the block being closed,
        tables written whole (not descended into)."""
        line = _Line()
        add, flush = line.add, self._flush
        css = self._css
        base = _Frame(root, False, None)
        stack: list[tuple[int, _Frame, Any]] = [(_ENTER, base, root)]  # a tail's entry holds its text
        pop, push = stack.pop, stack.append
        while stack:
            action, parent, element = pop()
            if action is _TAIL:
                add(element, parent.bold)
                continue
            if action is _LEAVE:
                flush(line, parent.level)
                continue
            tag = element.tag
            if element is not root:
                tail = element.tail
                if tail:
                    push((_TAIL, parent, tail))
            if tag.__class__ is not str or not tag or tag in _SKIPPED:
                continue
            if tag == "br":
                flush(line, parent.level)
                continue
            if tag == "table" and element is not root:
                flush(line, parent.level)
                self._emit_table(element)
                continue
            frame = _frame_for(element, tag, parent, css)
            if tag in _BLOCKS or tag == "table":
                flush(line, parent.level)
                push((_LEAVE, frame, element))
            for child in reversed(element):
                push((_ENTER, frame, child))
            text = element.text
            if text:
                add(text, frame.bold)
        flush(line, None)

    def _flush(self, line: _Line, level: int | None) -> None:
        text, bold = line.take()
        if text:
            self._builder.add("heading" if level else "paragraph", text, level=level, bold=bold)

    def _emit_table(self, table: HtmlElement) -> None:
        index = self._tables
        self._tables += 1
        style = "layout" if _is_layout_table(table, self._css) else None
        merge_starts: dict[int, Cell] = {}  # grid column -> the cell a rowspan there started with
        repeated: dict[tuple[int, bool], CellSpec] = {}  # one spec per merge, shared by the rows it covers
        for cells in place_cells(_table_rows(table)):
            specs: list[CellSpec] = []
            for cell in cells:
                origin = merge_starts.get(cell.column) if cell.element is None else None
                if origin is not None:
                    # A covered cell shows the merged cell's text at its place, as the DOCX reader gives it.
                    spec = repeated.get((cell.column, cell.header))
                    if spec is None:
                        spec = repeated[(cell.column, cell.header)] = CellSpec(
                            text=origin.text, column=cell.column, colspan=cell.colspan, header=cell.header,
                            repeats=origin.location,
                        )
                    specs.append(spec)
                    continue
                specs.append(CellSpec(
                    text="" if cell.element is None else cell_text(cell.element, self._css),
                    column=cell.column, colspan=cell.colspan, rowspan=cell.rowspan, header=cell.header,
                ))
            if not specs:
                continue
            block = self._builder.add_row(specs, table=index, style=style)
            for written in block.cells:
                if written.rowspan > 1:
                    merge_starts[written.column] = written
                    repeated.pop((written.column, False), None)
                    repeated.pop((written.column, True), None)
                elif not written.continued:
                    merge_starts.pop(written.column, None)


def cell_text(cell: HtmlElement, css: StyleSheet, nesting: int = 0) -> str:
    """A cell's lines (blocks and `<br>`s split lines) joined with "\\n", nested tables flattened.

    The walk is the page's (`_PageWalker.run`) without frames: what is bold or a heading does not change
    a cell's text."""
    lines: list[str] = []
    parts: list[str] = []
    tables = nesting < MAX_TABLE_NESTING
    stack: list[Any] = [cell]  # an element to enter, a tail's text, or _EXIT (a block's end)
    pop, push = stack.pop, stack.append
    while stack:
        element = pop()
        if element.__class__ is str:
            parts.append(element)
            continue
        if element is _EXIT:
            if parts:
                text = _joined(parts)
                if text:
                    lines.append(text)
            continue
        tag = element.tag
        if element is not cell:
            tail = element.tail
            if tail:
                push(tail)
        if tag.__class__ is not str or not tag or tag in _SKIPPED:
            continue
        is_table = tag == "table"
        if tag == "br" or is_table or tag in _BLOCKS:
            if parts:
                text = _joined(parts)
                if text:
                    lines.append(text)
            if tag == "br":
                continue
            if is_table and tables and element is not cell:
                for row in place_cells(_table_rows(element)):
                    texts = [
                        cell_text(c.element, css, nesting + 1).replace("\n", " ")
                        for c in row if c.element is not None
                    ]
                    joined = " ".join(t for t in texts if t)
                    if joined:
                        lines.append(joined)
                continue
            push(_EXIT)
        for child in reversed(element):
            push(child)
        text = element.text
        if text:
            parts.append(text)
    if parts:
        text = _joined(parts)
        if text:
            lines.append(text)
    return "\n".join(lines).replace("\t", " ")


_EXIT = object()


_ENTER, _TAIL, _LEAVE = 0, 1, 2


def _frame_for(element: HtmlElement, tag: str, parent: _Frame, css: StyleSheet) -> _Frame:
    bold = parent.bold or tag in _BOLD_TAGS
    styled = css.bold_of(element)
    if styled is not None:
        bold = styled
    level = _HEADINGS.get(tag, parent.level)
    if bold == parent.bold and level == parent.level:
        return parent
    return _Frame(element, bold, level)


_UNKNOWN = object()

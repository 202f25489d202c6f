"""The styles part, parsed whole or only where it is used.

A Word styles part holds a few hundred styles of a few kilobytes each (350 KB is common) while a plan
uses a handful, and parsing all of it cost more than reading the body. `index_styles` finds each
top-level `w:style` element's bytes and its styleId, type and default attributes with a cheap scan;
`LazySheet` parses a style (inside a copy of the part's root start tag, for its namespaces) only
when the body asks for it. The scan accepts only what it fully understands: no comment, CDATA,
doctype or processing instruction; one prefix for WordprocessingML, declared on the root alone;
styles as consecutive children ending the root; plain attribute values. On anything else, and on a
style that does not parse, the whole part is parsed as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import repeat
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kehoach.extractors.readers.docx.elements import W_NS, W_RPR, w

if TYPE_CHECKING:
    from lxml.etree import _Element

_ON = ("1", "true", "on")
_W_NS = W_NS.encode()
_DECLARATION = re.compile(rb"<\?xml[^?>]*\?>")
_DECLARED_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ATTRIBUTE_SYNTAX = rb"""((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>"""
_ATTRIBUTE = re.compile(rb"""\s+([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_START_TAG_REST = re.compile(_ATTRIBUTE_SYNTAX)
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*):styles(?=[\s/>])" + _ATTRIBUTE_SYNTAX)


class _Unexpected(Exception):
    """The scan met something it does not handle: the part is parsed whole."""


@dataclass(frozen=True)
class StyleIndex:
    """Where each top-level style is in the part, by id, and what the sheet needs before any style is
    read."""

    prolog: bytes  # everything up to the end of the root start tag
    start_tag: bytes  # a style's start tag up to its attributes ("<w:style")
    close: bytes  # the root end tag
    styles: dict[str, bytes]  # a style's bytes after `start_tag`, by id
    default_paragraph: str | None
    default_table: str | None
    doc_defaults: bytes | None


def _attributes(text: bytes) -> dict[bytes, bytes]:
    """The attributes of a start tag whose syntax `_ATTRIBUTE_SYNTAX` checked, by qualified name; a
    namespace declaration is not expected there."""
    if b"xmlns" in text:
        raise _Unexpected("namespace declaration below the root")
    return {name: double or single for name, double, single in _ATTRIBUTE.findall(text)}


def _value(attributes: dict[bytes, bytes], name: bytes) -> str | None:
    raw = attributes.get(name)
    if raw is None:
        return None
    if b"&" in raw or b"\t" in raw or b"\n" in raw or b"\r" in raw:
        raise _Unexpected("attribute value needing normalization")
    return raw.decode("utf-8")


def _prolog_end(blob: bytes) -> int:
    position = 3 if blob.startswith(b"\xef\xbb\xbf") else 0
    declaration = _DECLARATION.match(blob, position)
    if declaration is not None:
        encoding = _DECLARED_ENCODING.search(declaration.group())
        if encoding is not None and encoding.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
            raise _Unexpected("not UTF-8")
        position = declaration.end()
    # One-byte searches first: they are much faster than two-byte ones, and "?" and "!" are rare.
    if blob.find(b"?", position) >= 0 and blob.find(b"<?", position) >= 0 or b"!" in blob and b"<!" in blob:
        raise _Unexpected("processing instruction, comment, CDATA or doctype")
    return position


def _ends_with_tag(piece: bytes, end_tag: bytes) -> bool:
    if piece.endswith(end_tag + b">"):
        return True
    stripped = piece.rstrip()
    return stripped.endswith(b">") and stripped[:-1].rstrip().endswith(end_tag)


def _doc_defaults(head: bytes, prefix: bytes) -> bytes | None:
    """The docDefaults element before the first style: the root's first child, or absent."""
    start_tag, end_tag = b"<" + prefix + b":docDefaults", b"</" + prefix + b":docDefaults"
    count = head.count(start_tag)
    if count == 0:
        return None
    content = head.lstrip()
    if count > 1 or not content.startswith(start_tag):
        raise _Unexpected("docDefaults not the first child")
    end = content.find(end_tag)
    closing = content.find(b">", end)
    if end < 0 or closing < 0 or content[end + len(end_tag) : closing].strip():
        raise _Unexpected("docDefaults end tag")
    return content[: closing + 1]


def _index(blob: bytes) -> StyleIndex:
    position = _prolog_end(blob)
    while blob[position : position + 1].isspace():
        position += 1
    root = _ROOT.match(blob, position)
    if root is None or root.group(3):
        raise _Unexpected("root start tag")
    prefix, root_end = root.group(1), root.end()
    declarations = {name: double or single for name, double, single in _ATTRIBUTE.findall(root.group(2))}
    bound = [name for name, value in declarations.items() if name.startswith(b"xmlns") and value == _W_NS]
    if bound != [b"xmlns:" + prefix]:
        raise _Unexpected("namespace declarations")
    closing = blob.rfind(b"</" + prefix + b":styles")
    if closing < root_end or not _ends_with_tag(blob[closing:], b"</" + prefix + b":styles"):
        raise _Unexpected("root end tag")

    # Cut at every style start tag: each piece after the first must end with a style end tag. In a
    # well-formed part that tag closes the piece's own style (no other style was opened), so the
    # pieces are whole styles, and consecutive up to the root's end tag, they are the root's last
    # children. A piece that is not well-formed fails its own parse when it is used. The cutting and
    # the checks run as one call each over all the pieces (`split`, `map`): a part holds hundreds.
    start_tag, end_tag = b"<" + prefix + b":style", b"</" + prefix + b":style"
    head, *pieces = blob[root_end:closing].split(start_tag)
    if b"xmlns" in head:  # an element in another prefix bound to WordprocessingML could be a style
        raise _Unexpected("namespace declaration below the root")
    whole_end = end_tag + b">"
    if not all(map(bytes.endswith, pieces, repeat(whole_end))) and not all(
        _ends_with_tag(piece, end_tag) for piece in pieces
    ):
        raise _Unexpected("style end tag")
    style_id, kind, default = (prefix + b":" + name for name in (b"styleId", b"type", b"default"))
    # Most start tags are as Word writes them, with no default: one match reads their id.
    plain = re.compile(
        rb'\s+P:type="[^"&]*"(?:\s+P:customStyle="[^"&]*")?\s+P:styleId="([^"&\t\n\r]*)"\s*>'.replace(
            b"P:", re.escape(prefix) + b":"
        )
    )
    styles: dict[str, bytes] = {}
    default_paragraph = default_table = None
    for piece, found in zip(pieces, map(plain.match, pieces)):
        if found is not None:
            styles[found[1].decode("utf-8")] = piece
            continue
        tag = _START_TAG_REST.match(piece)
        if tag is None or tag.group(2):
            raise _Unexpected("style start tag")
        attributes = _attributes(tag.group(1))
        identifier = _value(attributes, style_id) or ""
        styles[identifier] = piece
        if default in attributes and (_value(attributes, default) or "").lower() in _ON:
            if _value(attributes, kind) == "paragraph":
                default_paragraph = identifier
            elif _value(attributes, kind) == "table":
                default_table = identifier
    return StyleIndex(
        blob[:root_end], start_tag, b"</" + prefix + b":styles>", styles, default_paragraph, default_table,
        _doc_defaults(head, prefix),
    )


def index_styles(blob: bytes) -> StyleIndex | None:
    """The styles part's index, or None when it must be parsed whole."""
    try:
        return _index(blob)
    except (_Unexpected, UnicodeDecodeError):
        return None


_RUN_DEFAULTS_OF_DEFAULTS = f"{w('rPrDefault')}/{W_RPR}"
_RUN_DEFAULTS = f"{w('docDefaults')}/{_RUN_DEFAULTS_OF_DEFAULTS}"


class ParsedSheet:
    """A styles part parsed whole: its top-level styles by id (the last of an id wins), the default
    paragraph and table styles, and the document defaults' run properties."""

    def __init__(self, root: _Element) -> None:
        self._elements: dict[str, _Element] = {}
        self.default_paragraph: str | None = None
        self.default_table: str | None = None
        for element in root.iterchildren(w("style")):
            style_id = element.get(w("styleId")) or ""
            self._elements[style_id] = element
            if (element.get(w("default")) or "").lower() in _ON:
                kind = element.get(w("type"))
                if kind == "paragraph":
                    self.default_paragraph = style_id
                elif kind == "table":
                    self.default_table = style_id
        self.run_defaults: _Element | None = root.find(_RUN_DEFAULTS)

    def element(self, style_id: str) -> _Element | None:
        return self._elements.get(style_id)


class LazySheet:
    """A styles part from its index, parsing a style when it is first asked for. `parse` turns bytes into
    a root element and raises lxml's error on bad XML; then `parse_whole` parses the whole part (and
    refuses the document when that fails too, as before)."""

    def __init__(
        self, index: StyleIndex, parse: Callable[[bytes], _Element], parse_whole: Callable[[], _Element]
    ) -> None:
        from lxml.etree import LxmlError

        self._index = index
        self._parse = parse
        self._parse_whole = parse_whole
        self._error = LxmlError
        self._whole: ParsedSheet | None = None
        self.default_paragraph = index.default_paragraph
        self.default_table = index.default_table
        self.run_defaults: _Element | None = None
        if index.doc_defaults is not None:
            defaults = self._fragment(index.doc_defaults)
            if defaults is not None:
                self.run_defaults = defaults.find(_RUN_DEFAULTS_OF_DEFAULTS)
        if self._whole is not None:
            self.run_defaults = self._whole.run_defaults

    def _fragment(self, element: bytes) -> _Element | None:
        """One element's bytes parsed under a copy of the root; None when they do not parse (the whole
        part is parsed instead)."""
        try:
            return self._parse(self._index.prolog + element + self._index.close)[0]
        except self._error:
            self._whole = ParsedSheet(self._parse_whole())
            return None

    def element(self, style_id: str) -> _Element | None:
        if self._whole is None:
            piece = self._index.styles.get(style_id)
            if piece is None:
                return None
            element = self._fragment(self._index.start_tag + piece)
            if element is not None:
                return element
        assert self._whole is not None
        return self._whole.element(style_id)

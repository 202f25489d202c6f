"""PageContent -> blocks: a page's tables, regions, paragraphs and furniture in reading order, and what
one page hands to the next (an open table, region or paragraph)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kehoach.extractors.layout import CellSpec, LayoutBuilder, PageInfo, TextOrigin
from kehoach.extractors.readers.pdf.furniture import is_page_number_line
from kehoach.extractors.readers.pdf.lines import (
    Line,
    join_lines,
    join_words,
    line_text,
    words_to_lines,
)
from kehoach.extractors.readers.pdf.page import PageContent
from kehoach.extractors.readers.pdf.paragraphs import (
    Metrics,
    cell_text,
    continues,
    goes_on,
    lines_to_paragraphs,
    measure,
)
from kehoach.extractors.readers.pdf.regions import Region, find_regions, region_rows
from kehoach.extractors.readers.pdf.settings import PdfSettings
from kehoach.extractors.readers.pdf.tables import GridCell, Table, assign_words, rules_to_tables

ItemKind = Literal["paragraph", "furniture", "table", "region"]


@dataclass(slots=True)
class _Item:
    top: float
    kind: ItemKind
    lines: list[Line] = field(default_factory=list)
    table: Table | None = None
    region: Region | None = None


@dataclass
class _State:
    """What one page hands to the next: an open table or layout region at the page's end."""

    next_table: int = 0
    open_table: tuple[int, int, list[str]] | None = None  # index, grid columns, first row texts
    open_region: tuple[int, Region] | None = None
    region_width: float = 0.0  # the width of the page the open region is on
    # The page's last paragraph while it may go on at the top of the next page: (pages, lines, origin).
    open_paragraph: tuple[list[int | None], list[Line], TextOrigin] | None = None


def layout_pages(
    pages: list[PageContent], builder: LayoutBuilder, settings: PdfSettings | None = None
) -> None:
    """Lay out pages (from the text layer, repair or OCR alike) into blocks on `builder`."""
    s = PdfSettings.resolve(settings)
    prepared: list[tuple[PageContent, list[Table], list[Line]]] = []
    for page in pages:
        tables = rules_to_tables(page.rules, s) if page.words else []
        free = assign_words(tables, page.words)
        prepared.append((page, tables, words_to_lines(free, s)))
    metrics = measure([lines for _, _, lines in prepared], pages[0].width if pages else 0.0)
    state = _State()
    for page, tables, lines in prepared:
        builder.add_page(
            PageInfo(
                number=page.number, width=page.width, height=page.height, origin=page.origin,
                quality=page.quality, readable=page.readable, doubt=page.doubt,
            )
        )
        items = _page_items(page, tables, lines, metrics, state, s)
        _emit(page, items, builder, state, metrics, s)
    _flush_paragraph(builder, state, s)


def _page_items(
    page: PageContent, tables: list[Table], lines: list[Line], m: Metrics, state: _State,
    s: PdfSettings,
) -> list[_Item]:
    items: list[_Item] = [_Item(t.ys[0], "table", table=t) for t in tables]
    body = list(lines)
    for edge in (0, -1):
        if body and is_page_number_line(body[edge], page.height, s):
            items.append(_Item(body[edge].top, "furniture", [body.pop(edge)]))
    carried = None
    # A page turned the other way (a landscape appendix after the signature) starts a new part.
    if state.open_region is not None and page.width == state.region_width and not _table_before_text(tables, body):
        carried = state.open_region[1]
    used: set[int] = set()
    for region, start, end in find_regions(body, s, carried):
        items.append(_Item(body[start].top, "region", region=region))
        used.update(range(start, end))
    # Paragraphs never run across a table or a region lying between their lines.
    barriers = sorted(it.top for it in items if it.kind in ("table", "region"))
    for run in _flow_runs(body, used, barriers):
        items.extend(_Item(p[0].top, "paragraph", p) for p in lines_to_paragraphs(run, m, s))
    items.sort(key=lambda it: it.top)
    return items


def _flow_runs(lines: list[Line], used: set[int], barriers: list[float]) -> list[list[Line]]:
    """Runs of free lines not separated by a region's lines or by a table lying between them."""
    runs: list[list[Line]] = [[]]
    for k, line in enumerate(lines):
        run = runs[-1]
        if k in used:
            if run:
                runs.append([])
            continue
        if run and any(run[-1].top < b < line.top for b in barriers):
            run = []
            runs.append(run)
        run.append(line)
    return [r for r in runs if r]


def _table_before_text(tables: list[Table], body: list[Line]) -> bool:
    return bool(tables) and (not body or tables[0].ys[0] < body[0].top)


def _add_paragraph(
    builder: LayoutBuilder, lines: list[Line], pages: list[int | None], s: PdfSettings, *,
    furniture: bool = False, origin: TextOrigin = "text",
) -> None:
    builder.add(
        "paragraph", join_lines(line_text(ln, s) for ln in lines), page=pages[0],
        pages=pages if len(pages) > 1 else None, layer="furniture" if furniture else "body",
        bold=all(ln.bold for ln in lines), origin=origin,
    )


def _flush_paragraph(builder: LayoutBuilder, state: _State, s: PdfSettings) -> None:
    if state.open_paragraph is not None:
        pages, lines, origin = state.open_paragraph
        _add_paragraph(builder, lines, pages, s, origin=origin)
        state.open_paragraph = None


def _emit(
    page: PageContent, items: list[_Item], builder: LayoutBuilder, state: _State, m: Metrics,
    s: PdfSettings,
) -> None:
    body_items = [it for it in items if it.kind != "furniture"]
    first_body = body_items[0] if body_items else None
    last_body = body_items[-1] if body_items else None
    open_table, open_region = state.open_table, state.open_region
    state.open_table = state.open_region = None
    carried = state.open_paragraph
    if carried is not None and not (
        first_body is not None and first_body.kind == "paragraph" and continues(carried[1], first_body.lines, s)
    ):
        _flush_paragraph(builder, state, s)
        carried = None
    state.open_paragraph = None
    for it in items:
        if it.kind == "furniture":
            _add_paragraph(builder, it.lines, [page.number], s, furniture=True, origin=page.origin)
        elif it.kind == "paragraph":
            lines, pages, origin = it.lines, [page.number], page.origin
            if it is first_body and carried is not None:
                lines, pages, origin = carried[1] + lines, [*carried[0], page.number], carried[2]
            if it is last_body and goes_on(it.lines, page, m, s):
                state.open_paragraph = (pages, lines, origin)
            else:
                _add_paragraph(builder, lines, pages, s, origin=origin)
        elif it.kind == "table" and it.table is not None:
            cols = len(it.table.xs) - 1
            index = state.next_table
            continued = open_table is not None and it is first_body and open_table[1] == cols
            if continued and open_table is not None:
                index = open_table[0]
            else:
                state.next_table += 1
            first = _emit_table(page, it.table, index, builder, s, open_table if continued else None)
            if it is last_body:
                state.open_table = (index, cols, first)
        elif it.kind == "region" and it.region is not None:
            index = state.next_table
            if open_region is not None and it is first_body:
                index = open_region[0]
            else:
                state.next_table += 1
            _emit_region(page, it.region, index, builder, s)
            if it is last_body:
                state.open_region = (index, it.region)
                state.region_width = page.width


def _emit_table(
    page: PageContent, table: Table, index: int, builder: LayoutBuilder, s: PdfSettings,
    previous: tuple[int, int, list[str]] | None,
) -> list[str]:
    """Add a table's rows; return the texts of its first row (to spot a repeated header)."""
    rows: dict[int, list[GridCell]] = {}
    for cell in table.cells:
        rows.setdefault(cell.row, []).append(cell)
    first_texts: list[str] = []
    first = True
    for r in sorted(rows):
        cells = sorted(rows[r], key=lambda c: c.col)
        texts = [cell_text(c.words, s) for c in cells]
        if not any(texts):
            continue
        header = False
        if first:
            words = [w for c in cells for w in c.words]
            header = all(w.bold for w in words) or (previous is not None and previous[2] == texts)
            first_texts = texts
        specs = [
            CellSpec(
                text=t, column=c.col, colspan=c.colspan, rowspan=c.rowspan, header=header,
                page=page.number,
            )
            for c, t in zip(cells, texts)
        ]
        builder.add_row(specs, table=index, page=page.number, origin=page.origin)
        if first and header and previous is not None and previous[2] == texts:
            _mark_header(builder, index, texts)
        first = False
    return first_texts


def _mark_header(builder: LayoutBuilder, index: int, texts: list[str]) -> None:
    """A header repeated on the next page is a header on the earlier pages too."""
    for block in builder._blocks:  # noqa: SLF001 - the builder keeps blocks until build()
        if block.table == index and [c.text for c in block.cells] == texts:
            for cell in block.cells:
                cell.header = True


def _emit_region(
    page: PageContent, region: Region, index: int, builder: LayoutBuilder, s: PdfSettings
) -> None:
    for row in region_rows(region, s):
        left = "\n".join(join_words(rl.left, s.glue_gap) for rl in row if rl.left)
        right = "\n".join(join_words(rl.right, s.glue_gap) for rl in row if rl.right)
        builder.add_row(
            [
                CellSpec(text=left, column=0, page=page.number),
                CellSpec(text=right, column=1, page=page.number),
            ],
            table=index, page=page.number, style="layout", origin=page.origin,
        )

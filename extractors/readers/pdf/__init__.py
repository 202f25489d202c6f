"""PDF reader: pdfium characters and ruling lines in, a Layout out (entry: `reader.read_pdf`).

Two stages with a fixed seam between them (`page.PageContent`):

1. `pdfium_source.read_page` reads one page through pdfium (pypdfium2) into plain records: characters
   with their boxes, font name and size (`PageSource.chars`), ruling segments from the page's path
   objects, image boxes; the page is closed before the next is read. `text_layer.read_text_layer`
   groups the characters into positioned words (`PageWord`) as pdfplumber's word extractor would.
   Garbled-font repair and OCR produce the same `PageContent` (`recovery`, `glyphs`, `ocr`, `quality`);
   pdfium gives no character codes nor font maps, so for a page whose fonts pdfium cannot map to
   Unicode, and only then, the repair reads that page's characters and the document's fonts with
   pdfplumber (pdfminer). OCR pages are straightened and their coloured ink masked first
   (`scan_image`), their words carry Tesseract's line numbers, slips print makes certain are repaired
   (`ocr_fixes`), and doubtful text is named (`ocr_doubts`, reported OCR_TEXT_DOUBTFUL).
2. `layout.layout_pages(pages, builder)` lays the pages out from `PageContent` only:
   words -> lines (`lines`; OCR words keep Tesseract's lines) -> paragraphs (`paragraphs`); ruling lines -> grid lines -> cells -> rows
   (`tables`); unruled two-column regions (header block, recipients and signature) -> layout rows
   (`regions`); page numbers -> furniture (`furniture`). Tolerances live in `settings.PdfSettings`.

What the blocks look like:

- A paragraph joins its hard-wrapped lines with one space. A new paragraph starts on an outline marker
  at line start (`I.`, `1.`, `1.1.`, `a)`, `-`, `+`, `*`, `Căn cứ`, `Nơi nhận`) after a line that ends a
  sentence or stops short, on a first-line indent, on a vertical gap clearly wider than the document's
  line pitch, or on a change of font size or of boldness. `bold=True` when every word is bold.
- Ruled tables become rows (`add_row`), one `table` index per table. A table that ends a page and one
  that opens the next page with the same grid columns keep the same index (a table cut by a page
  break); rows cut by the break are not stitched (normalization does that). Cells carry their grid
  column and colspan/rowspan. **Cell text joins its hard-wrapped lines with one space; a line that
  starts a new paragraph inside the cell (by the paragraph rules above) follows a "\\n".**
  The first row of a table on a page is `header=True` when all its words are bold or when it repeats
  the first row of the same table on the previous page.
- An unruled two-column region (lines with a wide gap whose halves sit either side of one column
  boundary, and the one-sided lines between them) becomes rows with `style="layout"` and two cells,
  left (column 0) and right (column 1). Layout cells keep each visual line, separated by "\\n"; a row
  ends at a vertical gap. A region that ends a page continues on the next page while the lines there
  still fit its columns, with the same `table` index.
- Page numbers (a lone number, `- 3 -`, `Trang 3`, `3/10`) on the first or last line of a page, in the
  top or bottom margin, become paragraphs with `layer="furniture"`.
"""

"""DOCX reader: paragraphs and tables in body order, merged cells read once, Word numbering shown
(entry: `reader.read_docx`; modules: `package` checks and opens the file, `styles`, `numbering`, `body`).

What a Word plan hides from a naive reader, and what this module does about it:

- Body order: python-docx lists paragraphs and tables apart; we walk `w:body` children (and the
  content of `w:sdt` / `w:customXml` wrappers) so that a table stays between the paragraphs around it.
- Merged cells: python-docx's `row.cells` repeats a merged cell once per grid column. We walk the `w:tc`
  elements: `w:gridSpan` gives one cell with `colspan`; a `w:vMerge` run gives the first cell its
  `rowspan`, and each row it covers a cell with the same text and the same location (`continued`): the
  lead unit or deadline of a merged column belongs to every row, and the text is written once.
- Legacy fonts: a run in a TCVN3 (.VnTime, .VnTimeH) or VNI (VNI-Times) font, from its own properties,
  its character or paragraph style or the document defaults, is converted to Unicode run by run (a
  document may mix them with Unicode runs); the Layout's notes say so.
- Automatic numbering: "1.", "a)", "-", "I." shown by Word are not in the paragraph's text. We compute
  them from `word/numbering.xml` (direct or style-linked `w:numPr`) and prefix them. A TT column whose
  cells are auto-numbered reads "1.", "2.", ... as Word displays it (the level text decides the dot).
- Fields: instruction text (`PAGE`, `TOC \\o`, ...) never reaches the text; cached results do.
- Headers, footers, footnotes, comments, text boxes and deleted revisions are not body text: skipped.
- Layout tables: the header block (issuer, motto, number, date) and the signature block ("Nơi nhận",
  "KT. CHỦ TỊCH") are borderless tables. Rule: a table that draws no vertical line (no visible left,
  right or inside-vertical border in its direct properties, its table style or any cell) is a layout
  table; its rows get `style="layout"`. Grids draw column lines; layout tables do not. Short
  horizontal rules under the motto do not make a table a grid.
- Cell text: the cell's non-empty paragraphs joined with "\\n"; a nested table is flattened into the
  cell, one line per nested row with its cells joined by a space.

Safety: the ZIP directory is checked before python-docx inflates anything (entry count, total size,
compression ratio); python-docx parses XML with `resolve_entities=False` and lxml's default
`no_network=True`, so an external entity is neither fetched nor read.
"""

"""Markdown as crawled from legal-document sites (converted from the site's HTML by Trafilatura and the
like), read into the Layout a person sees on the page (entry: `reader.build_layout`; recognised by
`detect.is_crawled_markdown`).

What the conversion leaves, and the module that undoes it:
- `flat_tables`: every table flattened, each cell a run of lines closed by a line holding only `|`,
  two bars in a row where a row ends: the letterhead, number and date, recipients and signature, and
  the appendix task tables alike;
- `table_rows`: header rows, group rows and layout tables known by their content, not their borders;
- `emphasis`: `**` and `*` markers spanning line breaks, labels broken inside a marker
  ("*Đơn vị chủ trì tham mưu thực" / "hiện: *"), kept as a bold flag, markers dropped;
- `paragraphs`: lines hard-wrapped at the page source's width joined back into paragraphs and headings;
- `pipe_tables`: plain Markdown `| a | b |` tables where they occur, rows broken over lines joined.
"""

"""Units (agencies, offices, persons) that lead and coordinate tasks, and their abbreviations.

How plans write them:

- In a table cell, a list separated by ";" (sometimes "," or "và"):
  "Văn phòng Sở KH&CN; Phòng Kế hoạch - Tài chính; các tổ chức, cá nhân có liên quan" (`lists`).
- Abbreviations defined inline, right after the full name:
  "Chi cục Tiêu chuẩn Đo lường Chất lượng (Chi cục TĐC)" (`abbreviations`). Later mentions
  ("Chi cục TĐC", "TT ƯDCN KH &CN") are expanded through the comparison key, so spacing, dash kinds,
  case and tone-mark placement do not matter. Common official abbreviations (UBND, KH&CN, ...) come
  from reference data and are known without a definition; they are not expanded (the plan did not).
- In prose, names start with a head word of Vietnamese public bodies followed by a capitalised name
  or a locality: "giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính" (`mentions`).

Every one of them finds head words one way: the head index over syllable tokens in `words`.
It replaced a spaCy Matcher over the same heads (measured on the corpus's 1,436 paragraphs, 2 cores
under load: a cold worker paid 5-8 s to build the pipeline, now 0.1-0.3 s; 3.6-3.9 s per pass over
the paragraphs, now 1.1-1.4 s; the same names bar two document-number codes the matcher took).
"""

from kehoach.extractors.units.abbreviations import (
    AbbreviationDefinition,
    find_abbreviation_definitions,
    find_term_definitions,
)
from kehoach.extractors.units.lists import distributed_places, split_unit_list, starts_unit
from kehoach.extractors.units.mentions import UnitMention, find_unit_mentions
from kehoach.extractors.units.table import UnitEntry, UnitTable
from kehoach.extractors.units.words import DEFAULT_AGENCY_HEADS, comparison_key

__all__ = [
    "DEFAULT_AGENCY_HEADS",
    "AbbreviationDefinition",
    "UnitEntry",
    "UnitMention",
    "UnitTable",
    "comparison_key",
    "distributed_places",
    "find_abbreviation_definitions",
    "find_term_definitions",
    "find_unit_mentions",
    "split_unit_list",
    "starts_unit",
]

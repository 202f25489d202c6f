"""Markdown pipe tables: `| a | b |` rows, with a `|---|---|` rule under the header row."""

from __future__ import annotations

import re

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def is_pipe_row(line: str) -> bool:
    """A row of at least two cells ("| a | b |"); a lone "|" is a flattened table's bar, not a row."""
    return bool(_PIPE_ROW.match(line)) and line.count("|") >= 3


def is_pipe_rule(line: str) -> bool:
    return "|" in line and bool(_PIPE_RULE.match(line))


def split_pipe_row(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip()[1:-1].split("|")]

"""Diff the Layouts two kehoach trees read from the same PDFs (OCR off), e.g. before and after a reader change.

    git archive 5b15b69 | tar -x -C /tmp/old
    python scripts/compare_pdf_layouts.py /tmp/old samples/*.pdf samples/real/*.pdf

Each tree reads every file in its own interpreter (its directory first on the path); the script then
prints, per file, how many blocks and page records differ and the first differing texts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
DUMP = """
import json, sys
from kehoach.extractors.readers import read_document
from kehoach.pipeline.reading import reader_settings
for path in sys.argv[1:]:
    layout = read_document(open(path, "rb").read(), path, settings=reader_settings(ocr=False))
    print(json.dumps(layout.model_dump(mode="json"), ensure_ascii=False))
"""


def _layouts(tree: Path, paths: list[str]) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", DUMP, *paths], cwd=tree, env=env, capture_output=True, text=True, check=True
    )
    return [json.loads(line) for line in out.stdout.splitlines()]


def _text(block: dict) -> str:
    return block.get("text") or " | ".join(c["text"] for c in block.get("cells", []))


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    old_tree, paths = Path(argv[0]).resolve(), [str(Path(p).resolve()) for p in argv[1:]]
    old, new = _layouts(old_tree, paths), _layouts(HERE, paths)
    differing = 0
    for path, a, b in zip(paths, old, new):
        blocks = sum(x != y for x, y in zip(a["blocks"], b["blocks"])) + abs(len(a["blocks"]) - len(b["blocks"]))
        pages = sum(x != y for x, y in zip(a["page_info"], b["page_info"]))
        differing += bool(blocks or pages)
        print(f"{Path(path).name}: {len(a['blocks'])} -> {len(b['blocks'])} blocks, {blocks} differ; {pages} page records differ")
        shown = 0
        for x, y in zip(a["blocks"], b["blocks"]):
            if x != y and shown < 3:
                print(f"  old: {_text(x)[:160]}\n  new: {_text(y)[:160]}")
                shown += 1
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

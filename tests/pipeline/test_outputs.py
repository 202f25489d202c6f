"""Outputs are never lost and never half-written: a write that fails is one line naming the output
and the reason while the other outputs are still written; inputs named alike never overwrite each
other; names that are not UTF-8 or not printable reach neither JSON nor the terminal raw; CSV cells
are never run as spreadsheet formulas; kehoach's own JSON output is not taken for a plan document."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from kehoach.pipeline.cli import main
from kehoach.pipeline.cli.common import error_line
from kehoach.pipeline.export import spreadsheet_text

ROOT = Path(__file__).resolve().parents[2]
TEXT = ROOT / "samples" / "lang-son-129-KH-UBND-2019.txt"
OTHER = ROOT / "samples" / "an-giang-27-KH-SKHCN-2021.txt"


def _invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("kehoach: error:")]


def test_inputs_named_alike_in_two_folders_keep_their_folders(tmp_path: Path) -> None:
    for folder, source in (("d1", TEXT), ("d2", OTHER)):
        (tmp_path / folder).mkdir()
        shutil.copy(source, tmp_path / folder / "a.txt")
    out = tmp_path / "out"
    result = _invoke("extract", str(tmp_path / "d1" / "a.txt"), str(tmp_path / "d2" / "a.txt"), "-o", str(out), "-q")
    assert result.exit_code == 0, result.stderr
    first = json.loads((out / "d1" / "a.txt.json").read_text(encoding="utf-8"))
    second = json.loads((out / "d2" / "a.txt.json").read_text(encoding="utf-8"))
    assert first["document"]["number"] == "129/KH-UBND"
    assert second["document"]["number"] == "27/KH-SKHCN"


def test_the_same_file_twice_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _invoke("extract", str(TEXT), str(TEXT), "-o", str(out), "-q")
    assert result.exit_code == 2
    assert "would both be written to" in result.stderr
    assert not out.exists()


def test_an_output_folder_that_cannot_exist_is_one_line_per_file(tmp_path: Path) -> None:
    result = _invoke("extract", str(TEXT), str(OTHER), "-o", "/dev/null/x", "-q")
    assert result.exit_code == 2
    assert _errors(result.stderr) == [
        f"kehoach: error: {TEXT}: cannot write /dev/null/x/{TEXT.name}.json (Not a directory)",
        f"kehoach: error: {OTHER}: cannot write /dev/null/x/{OTHER.name}.json (Not a directory)",
    ]


def test_one_unwritable_output_does_not_stop_the_others(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{TEXT.name}.json").mkdir()  # a folder where the first output should go
    result = _invoke("extract", str(TEXT), str(OTHER), "-o", str(out), "-q")
    assert result.exit_code == 2
    assert _errors(result.stderr) == [
        f"kehoach: error: {TEXT}: cannot write {out / (TEXT.name + '.json')} (Is a directory)"
    ]
    assert json.loads((out / f"{OTHER.name}.json").read_text(encoding="utf-8"))["document"]["number"] == "27/KH-SKHCN"


def test_report_and_compare_outputs_that_cannot_be_written_are_one_line(tmp_path: Path) -> None:
    for args, where, why in (
        (["report", str(TEXT), "-o", str(tmp_path)], str(tmp_path), "Is a directory"),
        (["report", str(TEXT), "-o", str(tmp_path / "missing" / "r.html")], str(tmp_path / "missing" / "r.html"),
         "No such file or directory"),
        (["compare", str(TEXT), "-o", str(tmp_path / "missing" / "x")], str(tmp_path / "missing" / "x"),
         "No such file or directory"),
    ):
        result = _invoke(*args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output
        assert _errors(result.stderr) == [f"kehoach: error: {where}: cannot write ({why})"], args


def test_a_full_standard_output_is_one_line() -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        run = subprocess.run([sys.executable, "-m", "kehoach.pipeline.cli", "extract", str(TEXT)], stdout=full,
                             stderr=subprocess.PIPE, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 2
    assert run.stderr.strip() == "kehoach: error: standard output: cannot write (No space left on device)"


def test_a_name_that_is_not_utf8_and_a_very_long_name_are_written(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.fsdecode(b"k\xe9-ho\xb8ch.txt")
    long = "d" * 246 + ".txt"  # 250 bytes; its output name reaches the 255-byte limit
    for name in (odd, long, "good.txt"):
        shutil.copy(TEXT, folder / name)
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "kehoach.pipeline.cli", "extract", str(folder), "-o", str(out), "-q"],
                         capture_output=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    written = sorted(os.listdir(os.fsencode(out)))
    assert written == sorted([os.fsencode(odd) + b".json", long.encode() + b".json", b"good.txt.json"])
    plan = json.loads((out / (odd + ".json")).read_bytes())
    assert plan["source"]["path"].endswith("k\ufffd-ho\ufffdch.txt")
    assert plan["document"]["number"] == "129/KH-UBND"


def test_error_lines_are_printable_and_short() -> None:
    line = error_line("a\nb\x1b[31m.pdf", "cannot parse " + "<< /Type /Page /Parent 2 0 R >> " * 20)
    assert "\n" not in line and "\x1b" not in line
    assert line.startswith("kehoach: error: a\\nb\\x1b[31m.pdf: cannot parse << /Type")
    assert len(line) < 260 and line.endswith("…")


def test_csv_cells_are_never_formulas(tmp_path: Path) -> None:
    assert spreadsheet_text("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert spreadsheet_text("- Sở Tài chính") == "'- Sở Tài chính"
    assert spreadsheet_text("Sở Tài chính") == "Sở Tài chính"
    plan = tmp_path / "formula.txt"
    plan.write_text(TEXT.read_text(encoding="utf-8").replace("KẾ HOẠCH", "=cmd|' /C calc'!A0\nKẾ HOẠCH", 1),
                    encoding="utf-8")
    result = _invoke("extract", str(plan), "--format", "csv", "-o", str(tmp_path / "csv"), "-q")
    assert result.exit_code == 0, result.stderr
    quoted = 0
    for table in ("documents", "tasks", "targets", "budget"):
        with open(tmp_path / "csv" / f"{table}.csv", encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row if not _number(cell)), row
                quoted += sum(cell.startswith(("'-", "'=")) for cell in row)
    assert quoted  # the plan's budget labels begin with "- ": they are there, quoted
    compared = _invoke("compare", str(plan), "--format", "csv")
    assert compared.exit_code == 0, compared.stderr
    cells = [cell for row in csv.reader(compared.stdout.splitlines()) for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells if not _number(cell))


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_kehoachs_own_json_output_is_not_taken_for_a_plan(tmp_path: Path) -> None:
    saved = tmp_path / "plan.json"
    saved.write_text(_invoke("extract", str(TEXT)).stdout, encoding="utf-8")
    result = _invoke("extract", str(saved))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"kehoach: error: {saved}: this is kehoach's JSON output, not a plan document (compare reads it back)"
    )

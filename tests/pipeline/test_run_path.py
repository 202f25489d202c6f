"""Every command runs its inputs through the one runner: the same --timeout and --max-memory bounds,
and the same one-line reason for an input that fails, whichever command read it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kehoach.pipeline.reading
from kehoach.extractors.layout import Layout
from kehoach.pipeline.cli import main

ROOT = Path(__file__).resolve().parents[2]
TEXT = ROOT / "samples" / "lang-son-129-KH-UBND-2019.txt"
PDF = ROOT / "samples" / "lang-son-129-KH-UBND-2019.pdf"

# Each command that reads documents, with the arguments it needs besides its input.
COMMANDS: dict[str, list[str]] = {
    "extract": [],
    "validate": [],
    "compare": [],
    "report": ["-o", "{tmp}/page.html"],
    "layout": [],
}


def _invoke(command: str, path: Path, tmp_path: Path, *options: str):  # type: ignore[no-untyped-def]
    extra = [arg.format(tmp=tmp_path) for arg in COMMANDS[command]]
    return CliRunner().invoke(main, [command, str(path), *extra, *options], catch_exceptions=False)


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("kehoach: error:")]


@pytest.fixture
def slow_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading any document takes a minute."""

    def read_slowly(data: bytes, path: str) -> Layout:
        time.sleep(60)
        raise AssertionError("the time limit did not stop the reader")

    monkeypatch.setattr(kehoach.pipeline.reading, "read_layout", read_slowly)


@pytest.fixture
def buggy_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading any document hits a bug."""

    def read_wrongly(data: bytes, path: str) -> Layout:
        raise KeyError("missing")

    monkeypatch.setattr(kehoach.pipeline.reading, "read_layout", read_wrongly)


@pytest.fixture
def greedy_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading any document asks for 4 GB."""

    def read_greedily(data: bytes, path: str) -> Layout:
        hog = bytearray(4 * 1024**3)
        raise AssertionError(f"the memory bound did not stop the reader ({len(hog)} bytes)")

    monkeypatch.setattr(kehoach.pipeline.reading, "read_layout", read_greedily)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_timeout_bounds_every_command(command: str, tmp_path: Path, slow_reader: None) -> None:
    start = time.monotonic()
    result = _invoke(command, TEXT, tmp_path, "--timeout", "1")
    assert time.monotonic() - start < 20
    assert result.exit_code == 2
    assert _error_lines(result.stderr) == [f"kehoach: error: {TEXT}: timed out after 1 s"]
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["validate", "compare"])
def test_the_timeout_bounds_worker_processes_too(command: str, tmp_path: Path, slow_reader: None) -> None:
    other = tmp_path / "other.txt"
    other.write_bytes(TEXT.read_bytes())
    start = time.monotonic()
    result = CliRunner().invoke(main, [command, str(TEXT), str(other), "--jobs", "2", "--timeout", "1"],
                                catch_exceptions=False)
    assert time.monotonic() - start < 30
    assert result.exit_code == 2
    assert _error_lines(result.stderr) == [
        f"kehoach: error: {TEXT}: timed out after 1 s", f"kehoach: error: {other}: timed out after 1 s",
    ]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_memory_bound_holds_for_every_command(command: str, tmp_path: Path, greedy_reader: None) -> None:
    result = _invoke(command, TEXT, tmp_path, "--max-memory", "256")
    assert result.exit_code == 2
    assert _error_lines(result.stderr) == [f"kehoach: error: {TEXT}: exceeded the memory limit of 256 MB"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_bug_is_one_line_not_a_traceback(command: str, tmp_path: Path, buggy_reader: None) -> None:
    result = _invoke(command, TEXT, tmp_path)
    assert result.exit_code == 2
    assert _error_lines(result.stderr) == [
        f"kehoach: error: {TEXT}: internal error (KeyError: 'missing'); please report it"
    ]
    assert "Traceback" not in result.output


def _truncated_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "truncated.pdf"
    path.write_bytes(PDF.read_bytes()[:3000])
    return path


def _empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    return path


def _missing_file(tmp_path: Path) -> Path:
    return tmp_path / "missing.html"


@pytest.mark.parametrize("make", [_truncated_pdf, _empty_file, _missing_file], ids=["truncated-pdf", "empty", "missing"])
def test_bad_input_gives_every_command_the_same_line(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    lines = {}
    for command in COMMANDS:
        result = _invoke(command, path, tmp_path)
        assert result.exit_code == 2, (command, result.output)
        assert "Traceback" not in result.output
        lines[command] = _error_lines(result.stderr)
        assert len(lines[command]) == 1, (command, result.stderr)
        assert lines[command][0].startswith(f"kehoach: error: {path}: "), lines[command]
    assert len(set(map(tuple, lines.values()))) == 1, lines


def test_a_missing_json_output_reads_like_a_missing_document(tmp_path: Path) -> None:
    missing = tmp_path / "plan.json"
    result = CliRunner().invoke(main, ["compare", str(missing)], catch_exceptions=False)
    assert result.exit_code == 2
    assert _error_lines(result.stderr) == [f"kehoach: error: {missing}: no such file"]


def test_compare_names_every_input_that_failed(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"tasks": 1}', encoding="utf-8")
    missing = tmp_path / "missing.pdf"
    result = CliRunner().invoke(main, ["compare", str(bad), str(TEXT), str(missing)], catch_exceptions=False)
    assert result.exit_code == 2
    assert [line.split(": ")[2] for line in _error_lines(result.stderr)] == [str(bad), str(missing)]
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["validate", "compare", "report", "layout"])
def test_every_command_takes_the_runner_options(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "--timeout" in result.stdout and "--max-memory" in result.stdout
    assert "default: 300.0" in result.stdout and "default: 2048" in result.stdout

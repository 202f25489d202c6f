"""Bad input through the real command line: a clear one-line error or a correct result, within the
time limit; never a traceback, a hang, or a read outside the input.

The corpus is made by the tests in tmp_path (nothing hostile is committed). The password-protected PDF
needs qpdf (`scripts/system-packages.sh` installs it); without it that one case is skipped.
"""

from __future__ import annotations

import functools
import io
import json
import os
import random
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kehoach.pipeline.cli import main
from zip_headers import UNCOMPRESSED_SIZE, with_header_field

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
PDF = SAMPLES / "lang-son-129-KH-UBND-2019.pdf"
DOCX = SAMPLES / "an-giang-27-KH-SKHCN-2021.docx"
TEXT = SAMPLES / "lang-son-129-KH-UBND-2019.txt"
TIMEOUT_S = 60
SECRET = "KEHOACH-SECRET-7f3a9c"  # in a file beside the corpus; no output may ever contain it

# --- the corpus ---------------------------------------------------------------------------------------


def _flip_bits(data: bytes, count: int, seed: int) -> bytes:
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(count):
        position = rng.randrange(len(out))
        out[position] ^= 1 << rng.randrange(8)
    return bytes(out)


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """A copy of a DOCX with some entries replaced (or added)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in replace:
                target.writestr(info, source.read(info.filename))
        for name, content in replace.items():
            target.writestr(name, content)
    return buffer.getvalue()


def _lying_docx() -> bytes:
    """A DOCX whose document part inflates to 64 MB while its headers claim 4,000 bytes."""
    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    data = _rezip(DOCX.read_bytes(), {"word/document.xml": body + b" " * (64 * 1024 * 1024)})
    return with_header_field(data, "word/document.xml", UNCOMPRESSED_SIZE, 4000)


@functools.lru_cache(maxsize=1)
def _zip_bomb() -> bytes:
    """A DOCX whose document.xml inflates to 300 MB (about 1000 times its compressed size)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(DOCX.read_bytes())) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info.filename))
        with target.open("word/document.xml", "w", force_zip64=True) as handle:
            handle.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                         b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            chunk = b" " * (1024 * 1024)
            for _ in range(300):
                handle.write(chunk)
            handle.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


def _external_entity_docx(secret_file: Path) -> bytes:
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret_file}">]>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>"
        "</w:body></w:document>"
    ).encode("utf-8")
    return _rezip(DOCX.read_bytes(), {"word/document.xml": xml})


_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 as Word wrote it: precomposed vowels where the code page has them, tone marks
    as combining characters after the vowel otherwise."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        marks = "".join(c for c in parts if c in _TONE_MARKS)
        out.append((base + marks).encode("cp1258", errors="replace"))
    return b"".join(out)


def _deep_html() -> bytes:
    depth = 10_000
    return ("<html><body>" + "<div>" * depth + "KẾ HOẠCH" + "</div>" * depth + "</body></html>").encode("utf-8")


def _big_text() -> bytes:
    seed = TEXT.read_bytes() + b"\n"
    return seed * (50 * 1024 * 1024 // len(seed) + 1)


def _encrypted_pdf(tmp_path: Path) -> bytes:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.fail("qpdf is missing: run `sh scripts/system-packages.sh`")
    target = tmp_path / "encrypted-source.pdf"
    subprocess.run([qpdf, "--encrypt", "user-secret", "owner-secret", "256", "--", str(PDF), str(target)], check=True)
    return target.read_bytes()


# name -> (file name, maker); each maker gets tmp_path
BAD: dict[str, tuple[str, Callable[[Path], bytes]]] = {
    "truncated-pdf": ("truncated.pdf", lambda _: PDF.read_bytes()[: PDF.stat().st_size // 2]),
    "bit-flipped-pdf": ("flipped.pdf", lambda _: _flip_bits(PDF.read_bytes(), 200, seed=7)),
    "truncated-docx": ("truncated.docx", lambda _: DOCX.read_bytes()[: DOCX.stat().st_size // 2]),
    "bit-flipped-docx": ("flipped.docx", lambda _: _flip_bits(DOCX.read_bytes(), 50, seed=11)),
    "random-bytes-as-pdf": ("random.pdf", lambda _: random.Random(3).randbytes(64 * 1024)),
    "empty-file": ("empty.txt", lambda _: b""),
    "empty-pdf": ("empty.pdf", lambda _: b""),
    "password-protected-pdf": ("encrypted.pdf", _encrypted_pdf),
    "docx-zip-bomb": ("bomb.docx", lambda _: _zip_bomb()),
    "html-nested-10000-deep": ("deep.html", lambda _: _deep_html()),
    "docx-external-entity": ("xxe.docx", lambda tmp: _external_entity_docx(tmp / "secret.txt")),
    "docx-lying-sizes": ("liar.docx", lambda _: _lying_docx()),
    "doc-signature-then-junk": ("junk.doc", lambda _: bytes.fromhex("D0CF11E0A1B11AE1") + random.Random(5).randbytes(20000)),
    "utf16-odd-byte-count": ("odd16.txt", lambda _: TEXT.read_text(encoding="utf-8").encode("utf-16") + b"\x41"),
    "utf16-lone-surrogate": ("surrogate16.txt",
                             lambda _: TEXT.read_text(encoding="utf-8").encode("utf-16") + b"\x00\xd8\x41\x00"),
    "utf8-encoded-surrogate": ("surrogate8.txt", lambda _: TEXT.read_bytes() + b"\xed\xa0\x80 x"),
}
# Inputs that are odd but readable: they must give the same plan as the clean text.
READABLE: dict[str, tuple[str, Callable[[Path], bytes]]] = {
    "windows-1258-text": ("cp1258.txt", lambda _: _to_cp1258(TEXT.read_text(encoding="utf-8"))),
    "utf-16-text": ("utf16.txt", lambda _: TEXT.read_text(encoding="utf-8").encode("utf-16")),
}


def _make(tmp_path: Path, name: str, maker: Callable[[Path], bytes]) -> Path:
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    path = corpus / name
    path.write_bytes(maker(tmp_path))
    return path


def _extract(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["extract", "--timeout", str(TIMEOUT_S), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _assert_clean_failure_or_plan(path: Path, code: int, stdout: str, stderr: str) -> None:
    assert "Traceback" not in stderr and "Traceback" not in stdout
    assert SECRET not in stdout and SECRET not in stderr
    if code == 0:
        plan = json.loads(stdout)
        assert plan["source"]["path"] == str(path)
        return
    assert code == 2, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"kehoach: error: {path}: "), lines[0]
    assert "internal error" not in lines[0], lines[0]
    assert stdout == ""


# Known reader bugs, reported to their owners; strict, so the mark goes once they are fixed.
KNOWN_BUGS: dict[str, str] = {}


@pytest.mark.parametrize(
    "case",
    [pytest.param(case, marks=pytest.mark.xfail(reason=KNOWN_BUGS[case], strict=True)) if case in KNOWN_BUGS else case
     for case in sorted(BAD)],
)
def test_bad_input_gives_one_clear_line(tmp_path: Path, case: str) -> None:
    name, maker = BAD[case]
    path = _make(tmp_path, name, maker)
    code, stdout, stderr = _extract(str(path))
    _assert_clean_failure_or_plan(path, code, stdout, stderr)


@pytest.mark.parametrize("case", ["empty-file", "empty-pdf", "random-bytes-as-pdf", "password-protected-pdf", "docx-zip-bomb",
                                  "docx-lying-sizes", "doc-signature-then-junk"])
def test_inputs_that_cannot_be_plans_fail(tmp_path: Path, case: str) -> None:
    name, maker = BAD[case]
    path = _make(tmp_path, name, maker)
    code, _stdout, stderr = _extract(str(path))
    assert code == 2
    assert stderr.startswith(f"kehoach: error: {path}: ")


def test_the_external_entity_is_not_read(tmp_path: Path) -> None:
    name, maker = BAD["docx-external-entity"]
    path = _make(tmp_path, name, maker)
    code, stdout, stderr = _extract(str(path))
    _assert_clean_failure_or_plan(path, code, stdout, stderr)
    if code == 0:
        assert SECRET not in json.dumps(json.loads(stdout), ensure_ascii=False)


@pytest.mark.parametrize("case", sorted(READABLE))
def test_legacy_encodings_read_like_the_utf8_text(tmp_path: Path, case: str) -> None:
    name, maker = READABLE[case]
    path = _make(tmp_path, name, maker)
    code, stdout, stderr = _extract(str(path))
    assert code == 0, stderr
    plan = json.loads(stdout)
    expected = json.loads(_extract(str(TEXT))[1])
    assert plan["document"] == expected["document"]
    assert [t["title"] for t in plan["tasks"]] == [t["title"] for t in expected["tasks"]]
    assert plan["budget"] == expected["budget"]


def test_a_50_mb_text_file_is_refused_as_too_long_before_its_time_limit(tmp_path: Path) -> None:
    path = _make(tmp_path, "big.txt", lambda _: _big_text())
    assert path.stat().st_size >= 50 * 1024 * 1024
    result = CliRunner().invoke(main, ["extract", "--timeout", "60", str(path)], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"kehoach: error: {path}: refused: more than 5,000,000 characters of text, too long for one plan"
    )


def test_a_folder_of_bad_files_and_one_good_one_in_a_real_process(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, maker in BAD.values():
        (folder / name).write_bytes(maker(tmp_path))
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    shutil.copy(TEXT, folder / "good.txt")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    run = subprocess.run(
        [sys.executable, "-m", "kehoach.pipeline.cli", "extract", str(folder), "-o", str(out), "--jobs", "2",
         "--timeout", str(TIMEOUT_S)],
        capture_output=True, text=True, timeout=10 * TIMEOUT_S, env=env, cwd=ROOT,
    )
    assert "Traceback" not in run.stderr
    assert SECRET not in run.stderr
    assert run.returncode == 2
    plan = json.loads((out / "good.txt.json").read_text(encoding="utf-8"))
    assert plan["source"]["path"] == str(folder / "good.txt")
    errors = [line for line in run.stderr.splitlines() if line.startswith("kehoach: error: ")]
    extracted = {p.name.removesuffix(".json") for p in out.iterdir()}
    failed = {Path(line.removeprefix("kehoach: error: ").split(": ")[0]).name for line in errors}
    assert len(errors) == len(failed)  # one line per bad file
    assert failed | extracted == {name for name, _maker in BAD.values()} | {"good.txt"}
    assert not failed & extracted
    for name in extracted:
        assert SECRET not in (out / f"{name}.json").read_text(encoding="utf-8")


def test_a_docx_whose_headers_understate_its_size_is_refused_without_inflating_it(tmp_path: Path) -> None:
    name, maker = BAD["docx-lying-sizes"]
    path = _make(tmp_path, name, maker)
    result = CliRunner().invoke(main, ["extract", str(path), "--max-memory", "100"], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"kehoach: error: {path}: not a valid DOCX: corrupt ZIP container "
        "(Bad CRC-32 for file 'word/document.xml')"
    )


def test_a_docx_with_a_huge_document_part_is_refused_with_its_size(tmp_path: Path) -> None:
    body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
    path = tmp_path / "huge.docx"
    path.write_bytes(_rezip(DOCX.read_bytes(), {"word/document.xml": body + b"a" * (110 * 1024 * 1024) + b"</w:t>"}))
    result = CliRunner().invoke(main, ["extract", str(path)], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"kehoach: error: {path}: refused: ZIP entry 'word/document.xml' holds 110 MB of XML (limit 100 MB), "
        "too large for one plan"
    )

"""DOC reader: an old Word binary file (CFB, Word 97-2003), converted to DOCX by LibreOffice, then read
as DOCX. The Layout's source keeps the format "doc" and the hash of the original bytes.

LibreOffice runs headless with a throw-away user profile (a shared profile makes concurrent runs fail
or block on its lock) and under a timeout: some damaged .doc files make `soffice` hang forever, so the
whole process group is killed when the time is up.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kehoach.extractors.errors import DocumentLoadError, MissingDependencyError
from kehoach.extractors.layout import Layout, sha256_of
from kehoach.extractors.readers.docx.reader import read_docx_as

EXTENSIONS: tuple[str, ...] = (".doc",)

DEFAULT_TIMEOUT_SECONDS = 120.0
LIBREOFFICE_EXECUTABLES = ("soffice", "libreoffice")
LIBREOFFICE_INSTALL_HINT = "apt-get install libreoffice-writer-nogui"
_STDERR_TAIL = 300


@dataclass(frozen=True)
class DocSettings:
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS

    def __post_init__(self) -> None:
        if self.timeout_seconds <= 0:
            raise ValueError(f"DocSettings.timeout_seconds must be positive, got {self.timeout_seconds!r}")


def read_doc(data: bytes, path: str, settings: DocSettings | None = None) -> Layout:
    """Convert a .doc file's bytes to DOCX with LibreOffice and read the result."""
    settings = settings or DocSettings()
    if not data:
        raise DocumentLoadError(path, "the file is empty")
    _check_word_binary(data, path)
    executable = find_libreoffice()
    docx_bytes = convert_to_docx(data, path, executable, settings.timeout_seconds)
    return read_docx_as(docx_bytes, path, fmt="doc", sha256=sha256_of(data))


def _check_word_binary(data: bytes, path: str) -> None:
    """A Word 97-2003 file is a compound file holding a "WordDocument" stream; LibreOffice would read
    anything else (the signature followed by junk) as text and give a plan of garbage."""
    import io

    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("WordDocument"):
                return
    except (OSError, ValueError, IndexError, TypeError) as exc:  # olefile's errors for a broken file
        raise DocumentLoadError(path, f"not a readable Word 97-2003 file ({exc})") from exc
    raise DocumentLoadError(path, "not a Word 97-2003 document: its compound file has no WordDocument stream")


def find_libreoffice() -> str:
    """The LibreOffice executable on PATH, or MissingDependencyError with how to install it."""
    for name in LIBREOFFICE_EXECUTABLES:
        found = shutil.which(name)
        if found:
            return found
    raise MissingDependencyError("LibreOffice", LIBREOFFICE_INSTALL_HINT)


def convert_to_docx(data: bytes, path: str, executable: str, timeout_seconds: float) -> bytes:
    """Run `soffice --headless --convert-to docx` on a copy of the bytes in a private temporary folder."""
    with tempfile.TemporaryDirectory(prefix="kehoach-doc-") as tmp:
        folder = Path(tmp)
        source = folder / "input.doc"
        source.write_bytes(data)
        out_dir = folder / "out"
        out_dir.mkdir()
        profile = (folder / "profile").as_uri()
        command = [
            executable, f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "docx", "--outdir",
            str(out_dir), str(source),
        ]
        returncode, stderr = _run_with_timeout(command, path, timeout_seconds, folder)
        result = out_dir / "input.docx"
        if returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            detail = stderr.strip()[-_STDERR_TAIL:] or f"exit status {returncode}, no output file"
            raise DocumentLoadError(path, f"LibreOffice could not convert the .doc file ({detail})")
        return result.read_bytes()


def _run_with_timeout(
    command: list[str], path: str, timeout_seconds: float, home: Path
) -> tuple[int, str]:
    env = {**os.environ, "HOME": str(home)}
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
            env=env, start_new_session=True,
        )
    except OSError as exc:
        raise DocumentLoadError(path, f"cannot start LibreOffice ({exc})") from exc
    try:
        _, stderr = process.communicate(timeout=timeout_seconds)
    except subprocess.TimeoutExpired as exc:
        _kill_group(process)
        raise DocumentLoadError(
            path, f"LibreOffice did not finish converting within {timeout_seconds:g} s"
        ) from exc
    return process.returncode, stderr.decode("utf-8", "replace")


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the converter and anything it started (soffice forks oosplash and soffice.bin)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.communicate()

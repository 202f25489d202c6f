"""What the machine serving kehoach can read: the version, OCR (Tesseract with the Vietnamese model)
for scans, and LibreOffice for old Word .doc files. Looked up once, when the service starts."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from typing import Any

from kehoach.pipeline.version import kehoach_version

# The same executables the readers look for (extractors/readers/pdf/ocr.py, extractors/readers/doc_reader.py).
TESSERACT = "tesseract"
VIETNAMESE = "vie"
LIBREOFFICE = ("soffice", "libreoffice")
_PROBE_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Tools:
    version: str
    ocr: bool
    ocr_languages: list[str] = field(default_factory=list)
    libreoffice: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)



def _tesseract_languages() -> list[str] | None:
    """The languages Tesseract has models for, or None when it is not installed or does not answer."""
    if shutil.which(TESSERACT) is None:
        return None
    try:
        done = subprocess.run([TESSERACT, "--list-langs"], capture_output=True, text=True,
                              timeout=_PROBE_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = (done.stdout or done.stderr).splitlines()
    return sorted(line.strip() for line in lines if line.strip() and not line.strip().endswith(":"))


def find_tools() -> Tools:
    languages = _tesseract_languages()
    return Tools(
        version=kehoach_version(),
        ocr=languages is not None and VIETNAMESE in languages,
        ocr_languages=languages or [],
        libreoffice=any(shutil.which(name) for name in LIBREOFFICE),
    )

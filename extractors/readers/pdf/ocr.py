"""OCR of PDF pages into the same PageContent a born-digital page gives: words with boxes, ruling lines.

A page is rendered in colour with pypdfium2, its coloured ink (seals, stamps, signatures) masked and
its skew turned back (`scan_image`), read by Tesseract (`-l vie`, TSV output, so every word keeps its
box and the number of the text line Tesseract put it in), and its table rules are found on the image
(`scan_rules`). The layout stage then rebuilds paragraphs and ruled tables as for a born-digital
page, taking lines from Tesseract's own segmentation.

Pages run in a small thread pool: Tesseract is a subprocess (run with OMP_THREAD_LIMIT=1 so that
workers do not oversubscribe the cores); rendering shares one pdfium document behind a lock, since
pdfium is not thread-safe. Results are cached per file hash, page, resolution, language, page
segmentation mode and Tesseract version, so a second run of the same file does no OCR.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from kehoach.extractors.errors import MissingDependencyError
from kehoach.extractors.readers.pdf.pdfium_source import PDFIUM_LOCK
from kehoach.extractors.readers.pdf.ocr_fixes import (
    council_level,
    joins_number,
    numbered_heading,
    repaired_word,
    roman_heading,
)
from kehoach.extractors.readers.pdf.page import PageRule, PageWord
from kehoach.extractors.readers.pdf.scan_image import prepare_page
from kehoach.extractors.readers.pdf.scan_rules import (
    DEFAULT_MAX_RULE_THICKNESS,
    DEFAULT_MIN_RULE_LENGTH,
    DEFAULT_RULE_GAP,
    detect_rules,
)

# Measured (tests/benchmarks/test_ocr_dpi.py): Tesseract's time goes mostly to recognising lines, which
# it scales to one height, so 200 dpi saves only ~20% of it. 200 reads a clean rendering as well as 300
# but loses digits on real scans ("29/6/2024;" dropped, "38/2025" read "3ð/2025"), 250 misreads some
# too, 150 misreads words; 400 is ~40% slower for no gain. 300 is the lowest that keeps the text right.
DEFAULT_DPI = 300
DEFAULT_LANG = "vie"
DEFAULT_PSM = 3
# Parallel Tesseracts per file, never more than the cores this process may use.
DEFAULT_WORKERS = 2
DEFAULT_TIMEOUT = 180.0
DEFAULT_MIN_CONFIDENCE = 0.0
DEFAULT_TESSERACT = "tesseract"
# Tesseract has already split the words; boxes of neighbours can touch (a title's wide letters), and
# the layout stage glues touching words. Insetting each box by this much (points) keeps them apart.
WORD_INSET = 1.0
# Seals, signatures and smudges: a line of at most MARK_LINE_WORDS words read with a mean confidence
# below MARK_LINE_CONFIDENCE, or a block of MARK_BLOCK_LINES or more lines of one or two words each
# read below MARK_BLOCK_CONFIDENCE. Printed words are read at 75-95.
MARK_LINE_WORDS = 3
MARK_LINE_CONFIDENCE = 40.0
MARK_BLOCK_LINES = 5
MARK_BLOCK_CONFIDENCE = 60.0
# A line of one word without a letter or digit ("~", "“", "_") is a speck of a signature or the paper,
# unless it is a dash or plus, which a table prints alone in an empty cell.
_SPECK = re.compile(r"^[^\w+\-–—]+$")
CACHE_ENV = "KEHOACH_CACHE_DIR"
CACHE_VERSION = 12
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-vie"

POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class OcrSettings:
    """How pages are rendered and read; `cache_dir=None` means $KEHOACH_CACHE_DIR or ~/.cache/kehoach/ocr."""

    dpi: int = DEFAULT_DPI
    lang: str = DEFAULT_LANG
    psm: int = DEFAULT_PSM
    workers: int = DEFAULT_WORKERS
    timeout: float = DEFAULT_TIMEOUT
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    min_rule_length: float = DEFAULT_MIN_RULE_LENGTH
    rule_gap: float = DEFAULT_RULE_GAP
    max_rule_thickness: float = DEFAULT_MAX_RULE_THICKNESS
    tesseract: str = DEFAULT_TESSERACT
    cache_dir: str | None = None
    use_cache: bool = True

    def __post_init__(self) -> None:
        if not 50 <= self.dpi <= 1200:
            raise ValueError(f"OcrSettings.dpi must be within 50..1200, got {self.dpi!r}")
        if self.workers < 1:
            raise ValueError(f"OcrSettings.workers must be >= 1, got {self.workers!r}")
        for name in ("timeout", "min_rule_length", "rule_gap", "max_rule_thickness"):
            if getattr(self, name) <= 0:
                raise ValueError(f"OcrSettings.{name} must be > 0, got {getattr(self, name)!r}")

    def cache_path(self) -> Path:
        if self.cache_dir:
            return Path(self.cache_dir)
        env = os.environ.get(CACHE_ENV)
        if env:
            return Path(env)
        return Path.home() / ".cache" / "kehoach" / "ocr"


@dataclass
class OcrPage:
    """One page read by OCR, in PDF points; `seconds` is the time it took (0 when cached)."""

    number: int
    width: float
    height: float
    words: list[PageWord] = field(default_factory=list)
    rules: list[PageRule] = field(default_factory=list)
    seconds: float = 0.0
    cached: bool = False
    skew: float = 0.0  # degrees the page image was turned back before OCR


# --- Tesseract --------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def tesseract_version(command: str = DEFAULT_TESSERACT) -> str | None:
    """Tesseract's version ("5.3.0"), or None when it is not installed."""
    if shutil.which(command) is None:
        return None
    try:
        done = subprocess.run([command, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    first = (done.stdout or done.stderr).strip().splitlines()
    return first[0].split()[-1] if first else None


@lru_cache(maxsize=8)
def tesseract_languages(command: str = DEFAULT_TESSERACT) -> frozenset[str]:
    try:
        done = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in done.stdout.splitlines()[1:] if line.strip())


def require_tesseract(settings: OcrSettings) -> str:
    """Tesseract's version; raises MissingDependencyError naming the install command when unusable."""
    version = tesseract_version(settings.tesseract)
    if version is None:
        raise MissingDependencyError("tesseract", INSTALL_HINT)
    missing = [lang for lang in settings.lang.split("+") if lang not in tesseract_languages(settings.tesseract)]
    if missing:
        raise MissingDependencyError(f"tesseract language data {'+'.join(missing)}", INSTALL_HINT)
    return version


# LSTM only (the packaged Vietnamese model has no other engine); no second pass over each line turned
# upside down looking for white-on-black print, which official documents do not use (~5% of the time).
TESSERACT_OPTIONS = ("--oem", "1", "-c", "preserve_interword_spaces=0", "-c", "tessedit_do_invert=0")


def run_tesseract(png: bytes, settings: OcrSettings) -> str:
    """Tesseract's TSV for one PNG page image; one thread, as pages already run in parallel."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = [
        settings.tesseract, "stdin", "stdout", "-l", settings.lang, "--psm", str(settings.psm),
        "--dpi", str(settings.dpi), *TESSERACT_OPTIONS, "tsv",
    ]
    done = subprocess.run(command, input=png, capture_output=True, timeout=settings.timeout, env=env)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(f"tesseract failed: {message[-1] if message else done.returncode}")
    return done.stdout.decode("utf-8", "replace")


# --- TSV -> words -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _TsvWord:
    line: tuple[int, int, int, int]
    left: int
    top: int
    width: int
    height: int
    conf: float
    text: str


def _tsv_rows(tsv: str) -> Iterable[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    yield from reader


# Tesseract reads table rules next to words as "|" (sometimes "_" or brackets); official text has no "|".
_RULE_ARTIFACT = re.compile(r"^[|_\[\]]+$")


def _clean_word(text: str) -> str:
    text = text.replace("|", "")
    return "" if _RULE_ARTIFACT.match(text) else text.strip("_")


def tsv_to_words(tsv: str, dpi: int, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[PageWord]:
    """Tesseract TSV -> PageWords in points. Words of one OCR line share the line's band and size."""
    import unicodedata

    scale = POINTS_PER_INCH / dpi
    raw: list[_TsvWord] = []
    for row in _tsv_rows(tsv):
        text = _clean_word(unicodedata.normalize("NFC", (row.get("text") or "").strip()))
        if row.get("level") != "5" or not text:
            continue
        conf = float(row.get("conf") or -1)
        if conf < min_confidence:
            continue
        key = (int(row["page_num"]), int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        raw.append(
            _TsvWord(key, int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]), conf, text)
        )
    raw = _repaired(_without_marks(raw))
    numbers: dict[tuple[int, int, int, int], int] = {}
    for w in raw:
        numbers.setdefault(w.line, len(numbers))
    bands: dict[tuple[int, int, int, int], tuple[int, int]] = {}
    for w in raw:
        top, bottom = bands.get(w.line, (w.top, w.top + w.height))
        bands[w.line] = (min(top, w.top), max(bottom, w.top + w.height))
    heights = sorted(b - t for t, b in bands.values())
    typical = heights[len(heights) // 2] if heights else 0
    words: list[PageWord] = []
    for w in raw:
        top, bottom = bands[w.line]
        height = bottom - top
        # One size per page unless a line is clearly taller (a title): OCR boxes are too noisy to
        # tell 13 from 14 pt, and a size change would start a new paragraph in the layout stage.
        size_px = typical if typical and abs(height - typical) <= 0.3 * typical else height
        x0, x1 = w.left * scale, (w.left + w.width) * scale
        if x1 - x0 > 4 * WORD_INSET:
            x0, x1 = x0 + WORD_INSET, x1 - WORD_INSET
        words.append(
            PageWord(
                text=w.text, x0=x0, x1=x1, top=top * scale,
                bottom=bottom * scale, fontname="ocr", size=round(size_px * scale * 0.75, 1),
                line=numbers[w.line],
            )
        )
    return words


def _without_marks(raw: list[_TsvWord]) -> list[_TsvWord]:
    """Words without what OCR made of seals, signatures and smudges: a short line read with little
    confidence, a line of one speck, or a block of such scraps (a column of one-word lines Tesseract
    is unsure of)."""
    lines: dict[tuple[int, int, int, int], list[_TsvWord]] = {}
    for w in raw:
        lines.setdefault(w.line, []).append(w)
    blocks: dict[tuple[int, int], list[list[_TsvWord]]] = {}
    for key, words in lines.items():
        blocks.setdefault(key[:2], []).append(words)
    dropped: set[tuple[int, int, int, int]] = set()
    for block in blocks.values():
        scraps = len(block) >= MARK_BLOCK_LINES and sorted(len(ws) for ws in block)[len(block) // 2] <= 2
        if scraps and _mean_conf([w for ws in block for w in ws]) < MARK_BLOCK_CONFIDENCE:
            dropped.update(ws[0].line for ws in block)
            continue
        for ws in block:
            if len(ws) <= MARK_LINE_WORDS and _mean_conf(ws) < MARK_LINE_CONFIDENCE:
                dropped.add(ws[0].line)
            elif len(ws) == 1 and _SPECK.match(ws[0].text):
                dropped.add(ws[0].line)
    return [w for w in raw if w.line not in dropped]


def _mean_conf(words: Sequence[_TsvWord]) -> float:
    return sum(w.conf for w in words) / len(words) if words else 0.0


def _words_before(raw: list[_TsvWord], k: int) -> list[str]:
    """The words that precede word `k` in its sentence: those before it on its line or, for a line's
    first word, the end of the line above it in its column (a letterhead's "NHÂN DÂN" / "TỈNH ...",
    which Tesseract may read as one line with the next column's words)."""
    w = raw[k]
    same = [v.text for v in raw[max(0, k - 2):k] if v.line == w.line]
    if same:
        return same
    left, right = w.left, w.left + w.width
    for v in raw[k + 1:]:
        if v.line != w.line or v.left - right > 2 * w.height:  # the next column of a two-column line
            break
        right = v.left + v.width
    above = [v for v in raw[:k] if v.top + v.height <= w.top and v.left < right and v.left + v.width > left]
    if not above:
        return []
    last = max(above, key=lambda v: v.top)
    return [v.text for v in above if abs(v.top - last.top) < last.height][-2:]


def _repaired(raw: list[_TsvWord]) -> list[_TsvWord]:
    """Words with the slips of `ocr_fixes` repaired: marks, amounts split after a dot joined, Roman numerals."""
    out: list[_TsvWord] = []
    for k, w in enumerate(raw):
        w = replace(w, text=council_level(repaired_word(w.text), _words_before(raw, k)))
        last = out[-1] if out else None
        if last is not None and last.line == w.line and joins_number(last.text, w.text):
            right = max(last.left + last.width, w.left + w.width)
            bottom = max(last.top + last.height, w.top + w.height)
            top = min(last.top, w.top)
            out[-1] = replace(
                last, text=last.text + w.text, width=right - last.left, top=top, height=bottom - top,
                conf=min(last.conf, w.conf),
            )
        else:
            out.append(w)
    for k, w in enumerate(out):
        if k == 0 or out[k - 1].line != w.line:
            rest = [v.text for v in out[k + 1:k + 3] if v.line == w.line]
            fixed = numbered_heading(roman_heading(w.text, rest), rest)
            if fixed != w.text:
                out[k] = replace(w, text=fixed)
    return out


# --- cache ---------------------------------------------------------------------------------------


def _cache_file(root: Path, sha256: str, number: int, settings: OcrSettings, version: str) -> Path:
    params = f"{CACHE_VERSION}|{settings.dpi}|{settings.lang}|{settings.psm}|{settings.min_confidence}|{version}"
    tag = hashlib.sha1(params.encode()).hexdigest()[:12]
    return root / sha256[:2] / f"{sha256}-p{number}-{tag}.json"


def _load_cached(path: Path) -> OcrPage | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return OcrPage(
            number=data["number"], width=data["width"], height=data["height"],
            words=[PageWord(**w) for w in data["words"]], rules=[PageRule(**r) for r in data["rules"]],
            seconds=0.0, cached=True, skew=data.get("skew", 0.0),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store(path: Path, page: OcrPage) -> None:
    data = {
        "number": page.number, "width": page.width, "height": page.height,
        "words": [asdict(w) for w in page.words], "rules": [asdict(r) for r in page.rules],
        "skew": page.skew,
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as f:
            json.dump(data, f, ensure_ascii=False)
        os.replace(f.name, path)
    except OSError:
        pass  # a cache that cannot be written only costs time


# --- pages ---------------------------------------------------------------------------------------


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, which containers and `taskset` narrow)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class _Renderer:
    """One pdfium document shared by the workers; pdfium is not thread-safe, so renders take turns."""

    def __init__(self, data: bytes) -> None:
        import pypdfium2

        with PDFIUM_LOCK:
            self._pdf = pypdfium2.PdfDocument(data)

    def render(self, index: int, dpi: int) -> tuple[Any, float, float]:
        """(colour numpy image (BGR), page width, page height in points) of page `index` (0-based)."""
        with PDFIUM_LOCK:  # the one lock of every pdfium call in the process
            page = self._pdf[index]
            try:
                width, height = page.get_size()
                bitmap = page.render(scale=dpi / POINTS_PER_INCH)
                image = bitmap.to_numpy().copy()
            finally:
                page.close()
        return image, float(width), float(height)

    def close(self) -> None:
        self._pdf.close()


def _png(gray: Any) -> bytes:
    import cv2

    ok, encoded = cv2.imencode(".png", gray)
    if not ok:
        raise RuntimeError("cannot encode the page image")
    return bytes(encoded)


def _ocr_one(renderer: _Renderer, number: int, settings: OcrSettings) -> OcrPage:
    start = time.perf_counter()
    image, width, height = renderer.render(number - 1, settings.dpi)
    gray, skew = prepare_page(image, settings.dpi)
    words = tsv_to_words(run_tesseract(_png(gray), settings), settings.dpi, settings.min_confidence)
    rules = detect_rules(
        gray, settings.dpi, min_length=settings.min_rule_length, gap=settings.rule_gap,
        max_thickness=settings.max_rule_thickness,
    )
    return OcrPage(
        number=number, width=width, height=height, words=words, rules=rules,
        seconds=time.perf_counter() - start, skew=skew,
    )


def ocr_pages(
    data: bytes, numbers: Sequence[int], settings: OcrSettings | None = None, sha256: str | None = None
) -> dict[int, OcrPage | Exception]:
    """OCR the given pages (1-based) of a PDF; a page that fails maps to its exception.

    Raises MissingDependencyError when Tesseract or its language data is not installed.
    """
    s = settings or OcrSettings()
    version = require_tesseract(s)
    sha = sha256 or hashlib.sha256(data).hexdigest()
    root = s.cache_path()
    results: dict[int, OcrPage | Exception] = {}
    todo: list[int] = []
    for number in numbers:
        cached = _load_cached(_cache_file(root, sha, number, s, version)) if s.use_cache else None
        if cached is not None:
            results[number] = cached
        else:
            todo.append(number)
    if not todo:
        return results
    renderer = _Renderer(data)
    try:
        with ThreadPoolExecutor(max_workers=min(s.workers, len(todo), usable_cores())) as pool:
            futures = {number: pool.submit(_ocr_one, renderer, number, s) for number in todo}
            for number, future in futures.items():
                try:
                    page = future.result()
                except Exception as exc:  # one failed page must not lose the others
                    results[number] = exc
                    continue
                results[number] = page
                if s.use_cache:
                    _store(_cache_file(root, sha, number, s, version), page)
    finally:
        renderer.close()
    return results

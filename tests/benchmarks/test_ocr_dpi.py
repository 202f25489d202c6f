"""OCR accuracy and time per page at 200, 300 and 400 dpi (run with `pytest -m benchmark -s`).

Accuracy: against the text layer of a born-digital seed rendered to an image-only PDF (character
similarity), and on real scans as the share of valid Vietnamese syllables (no transcript exists).
Every resolution tried must keep both: at least 0.93 similarity on each seed page (0.956 and more
measured) and 0.97 valid syllables on each scanned page (0.989 and more measured).
"""

import difflib
import io
import time
from pathlib import Path

import pytest

from kehoach.extractors.readers.pdf.ocr import OcrSettings, ocr_pages
from kehoach.extractors.readers.pdf.quality import measure_words

ROOT = Path(__file__).parents[2]
pytestmark = pytest.mark.benchmark


def _image_pdf(data: bytes, pages: int, dpi: int = 300) -> bytes:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    images = [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(pages)]
    pdf.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


@pytest.mark.parametrize("dpi", [200, 300, 400])
def test_ocr_dpi(dpi: int) -> None:
    import pdfplumber

    settings = OcrSettings(dpi=dpi, workers=1, use_cache=False)
    seed = (ROOT / "samples" / "an-giang-27-KH-SKHCN-2021.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(seed)) as pdf:
        truth = [" ".join(w["text"] for w in p.extract_words()) for p in pdf.pages[:2]]
    start = time.perf_counter()
    seeded = ocr_pages(_image_pdf(seed, 2), [1, 2], settings)
    seconds = [seeded[n].seconds for n in (1, 2)]  # type: ignore[union-attr]
    similarity = [
        difflib.SequenceMatcher(None, truth[n - 1], " ".join(w.text for w in seeded[n].words)).ratio()  # type: ignore[union-attr]
        for n in (1, 2)
    ]
    shares = []
    for name, numbers in [
        ("lao-cai-qd-2338-ubnd-ctdt-kcn-phu-xuan-1-scanned.pdf", [1, 2]),
        ("lao-cai-gp-2507-ubnd-su-dung-vlncn-scanned.pdf", [1]),
    ]:
        for page in ocr_pages((ROOT / "samples" / "real" / name).read_bytes(), numbers, settings).values():
            shares.append(measure_words(page.words, page.height).share)  # type: ignore[union-attr]
            seconds.append(page.seconds)  # type: ignore[union-attr]
    print(
        f"\ndpi={dpi}: seed similarity {[round(s, 4) for s in similarity]}, scan syllable share "
        f"{[round(s, 4) for s in shares]}, seconds/page {[round(s, 2) for s in seconds]}, "
        f"total {time.perf_counter() - start:.1f}s"
    )
    assert min(similarity) >= 0.93, f"OCR at {dpi} dpi reads the seed with similarity {similarity}"
    assert min(shares) >= 0.97, f"OCR at {dpi} dpi reads the scans with syllable shares {shares}"

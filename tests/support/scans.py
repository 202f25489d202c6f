"""Scanner-like renderings of born-digital PDFs: what a scanner makes of a printed page.

Each page is rendered, turned by a small skew (alternately left and right), blurred, given noise and
JPEG-compressed, then bound into an image-only PDF, as an office scanner would.
"""

from __future__ import annotations

import io

SKEWS = (0.6, -1.2, 1.5, -0.4, 0.9, -0.3)
DPI = 300  # what offices scan documents for archiving at


def scanner_like(data: bytes, skews: tuple[float, ...] = SKEWS, dpi: int = DPI, pages: int | None = None) -> bytes:
    """An image-only PDF of `data`'s pages (the first `pages` of them), each turned by its skew, blurred,
    noisy and JPEG-compressed."""
    import cv2
    import numpy as np
    import pypdfium2
    from PIL import Image

    noise = np.random.default_rng(13)
    pdf = pypdfium2.PdfDocument(data)
    images = []
    try:
        for i in range(len(pdf) if pages is None else min(pages, len(pdf))):
            page = pdf[i].render(scale=dpi / 72).to_numpy()[:, :, :3]
            rows, cols = page.shape[:2]
            matrix = cv2.getRotationMatrix2D((cols / 2, rows / 2), skews[i % len(skews)], 1.0)
            page = cv2.warpAffine(page, matrix, (cols, rows), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))
            page = cv2.GaussianBlur(page, (3, 3), 0.8)
            page = np.clip(page + noise.normal(0, 6, page.shape), 0, 255).astype(np.uint8)
            ok, jpeg = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, 65])
            assert ok
            page = cv2.imdecode(jpeg, cv2.IMREAD_COLOR)
            images.append(Image.fromarray(cv2.cvtColor(page, cv2.COLOR_BGR2RGB)))
    finally:
        pdf.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()

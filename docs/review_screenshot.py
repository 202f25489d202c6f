"""Regenerate docs/review-page.png: the review page of a seed in headless Chromium (Debian's package).

    python docs/review_screenshot.py [samples/lang-son-129-KH-UBND-2019.txt] [docs/review-page.png]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from pipeline.report import render_report
from pipeline.run import process_path

LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def main(source: str = "samples/lang-son-129-KH-UBND-2019.txt", image: str = "docs/review-page.png") -> None:
    result = process_path(source, keep_layout=True)
    assert result.plan is not None and result.layout is not None, result.error
    with tempfile.TemporaryDirectory() as folder:
        page_path = Path(folder) / "review.html"
        page_path.write_text(render_report(result.plan, result.layout.text), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 860})
            page.goto(page_path.as_uri(), wait_until="load")
            page.locator("#s-targets a.go").nth(1).click()  # a target in the objectives, flashing
            page.locator("#s-targets").scroll_into_view_if_needed()
            page.wait_for_timeout(250)
            page.screenshot(path=image)
            browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])

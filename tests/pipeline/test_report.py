"""The review page: highlights laid out from spans, escaping, and the page in a real (headless) Chromium.

The browser tests need Debian's Chromium at /usr/bin/chromium and Playwright's Python package; they
fail, never skip, when either is missing.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kehoach.pipeline.report import _Highlight, highlighted_text, render_report
from kehoach.schemas import Budget, Finding, Plan, Source, Span, Target, Task
from kehoach.schemas.plan import Document, Period

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [ROOT / "samples" / "lang-son-129-KH-UBND-2019.txt", ROOT / "samples" / "an-giang-27-KH-SKHCN-2021.txt"]
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def _span(text: str, part: str, start_at: int = 0) -> Span:
    start = text.index(part, start_at)
    return Span(page=1, text=part, start=start, end=start + len(part))


# --- highlights -------------------------------------------------------------------------------------


def _h(id: str, start: int, end: int, order: int = 0) -> _Highlight:
    return _Highlight(id, "task", start, end, id, order)


def _strip_tags(html: str) -> str:
    import html as html_lib

    return html_lib.unescape(re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize(("spans", "expected"), [
    ([(0, 5)], '<m h1>abcde</m>fghij'),
    ([(0, 10), (2, 4)], '<m h1>ab<m h2>cd</m>efghij</m>'),
    ([(2, 6), (4, 8)], 'ab<m h1>cd<m h2>ef</m></m><m h2>gh</m>ij'),
    ([(3, 5), (3, 5)], 'abc<m h1><m h2>de</m></m>fghij'),
    ([(0, 3), (3, 6)], '<m h1>abc</m><m h2>def</m>ghij'),
], ids=["one", "nested", "crossing-split", "same-range", "adjacent"])
def test_highlighted_text_nesting(spans: list[tuple[int, int]], expected: str) -> None:
    html = highlighted_text("abcdefghij", [_h(f"h{i + 1}", s, e, i) for i, (s, e) in enumerate(spans)])
    short = re.sub(r'<mark class="k-task"(?: id="h\d+")? data-ref="(h\d+)" title="[^"]*">', r"<m \1>", html)
    assert short.replace("</mark>", "</m>") == expected
    assert _strip_tags(html) == "abcdefghij"
    # Every highlight has exactly one element carrying its id.
    for i in range(len(spans)):
        assert html.count(f'id="h{i + 1}"') == 1


def test_text_and_values_are_escaped() -> None:
    text = 'Kế hoạch <script>alert("x")</script> & "trích dẫn" 5 < 6'
    plan = Plan(
        source=Source(path="<b>evil</b>.txt", format="txt", sha256="0" * 64),
        document=Document(title='<img src=x onerror="alert(1)">'),
        tasks=[Task(id="1", kind="task", title="<i>task</i>", lead_units=["A & B"], source=_span(text, "<script>"))],
        findings=[Finding(code="X", severity="error", message='"><script>alert(2)</script>', source=_span(text, "&"))],
    )
    page = render_report(plan, text)
    assert page.count("<script>") == 1  # the page's own
    assert "&lt;script&gt;" in page and "&lt;/script&gt;" in page
    assert "<img" not in page and "<i>task</i>" not in page and "<b>evil" not in page
    assert "A &amp; B" in page


def test_spans_without_offsets_or_out_of_range_are_listed_not_linked() -> None:
    text = "abc"
    plan = Plan(
        source=Source(path="p.txt", format="txt", sha256="0" * 64),
        findings=[
            Finding(code="A", severity="warning", message="no span"),
            Finding(code="B", severity="warning", message="no offsets", source=Span(text="x")),
            Finding(code="C", severity="warning", message="beyond", source=Span(text="x", start=2, end=9)),
        ],
    )
    page = render_report(plan, text)
    assert "<mark" not in page.split('<div id="text">')[1].split("</pre>")[0]
    findings = page.split('id="s-findings"')[1].split("</section>")[0]
    assert findings.count('class="nolink"') == 3


# --- a plan of 140 tasks ----------------------------------------------------------------------------


def big_plan(tasks: int = 140) -> tuple[Plan, str]:
    """A plan whose text repeats a task row `tasks` times, every value grounded, findings at both ends."""
    head = "KẾ HOẠCH\nTriển khai Đề án đo lường\nSố: 1/KH-UBND\n\n"
    row = ("{n}. Bồi dưỡng, nâng cao chuyên môn nghiệp vụ về đo lường cho ít nhất 30 lượt người; "
           "chủ trì: Sở Khoa học và Công nghệ; phối hợp: Sở Tài chính, UBND các huyện; thời gian: 2021-2025.\n")
    parts = [head]
    offsets = []
    position = len(head)
    for n in range(1, tasks + 1):
        line = row.format(n=n)
        offsets.append(position)
        parts.append(line)
        position += len(line)
    tail = "\nTổng kinh phí: 1.000.000.000 đồng.\n"
    text = "".join(parts) + tail
    task_list, targets = [], []
    for n, start in enumerate(offsets, start=1):
        line = row.format(n=n)
        body = line.rstrip("\n")
        task_list.append(Task(
            id=str(n), number=str(n), kind="task", title=body.split(";")[0][len(str(n)) + 2:],
            lead_units=["Sở Khoa học và Công nghệ"], coordinating_units=["Sở Tài chính", "UBND các huyện"],
            period=Period(text="2021-2025", start_year=2021, end_year=2025),
            source=Span(page=1 + n // 20, text=body, start=start, end=start + len(body)),
        ))
        at = start + line.index("30 lượt người")
        targets.append(Target(quantity=30, comparator="at_least", unit="lượt người", text=body, task_id=str(n),
                              source=Span(page=1 + n // 20, text="30 lượt người", start=at, end=at + 13)))
    total = text.index("1.000.000.000 đồng")
    findings = [
        Finding(code="NUMBERING_GAP", severity="warning", message="first", source=task_list[0].source),
        Finding(code="BUDGET_SUM_MISMATCH", severity="error", message="the last task's budget",
                source=Span(page=8, text="30 lượt người", start=targets[-1].source.start, end=targets[-1].source.end)),  # type: ignore[union-attr]
        Finding(code="AMOUNT_UNPARSEABLE", severity="warning", message="total",
                source=Span(page=8, text="1.000.000.000 đồng", start=total, end=total + 18)),
    ]
    plan = Plan(
        source=Source(path="big.txt", format="txt", sha256="0" * 64, pages=8),
        document=Document(number="1/KH-UBND", title="Triển khai Đề án đo lường",
                          source=_span(text, "Số: 1/KH-UBND")),
        tasks=task_list, targets=targets, findings=findings,
        budget=Budget(total_vnd=1_000_000_000, source=findings[2].source),
    )
    return plan, text


def test_big_plan_renders_fast() -> None:
    plan, text = big_plan()
    started = time.perf_counter()
    page = render_report(plan, text)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.25, f"render took {elapsed:.3f} s"
    assert page.count('<tr class="task"') == 140
    assert _strip_tags(page.split('<div id="text"><pre>')[1].split("</pre>")[0]) == text


# --- in the browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing at /usr/bin/chromium: run `sh scripts/system-packages.sh`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright's Python package is missing: run `pip install '.[test]'` (no browser download needed)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


class _Watched:
    """A page with its console errors, page errors and any request that left file://."""

    def __init__(self, browser: object) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: r.url.startswith("file:") or self.requests.append(r.url))

    def open(self, path: Path) -> None:
        self.page.goto(path.resolve().as_uri(), wait_until="load")

    def in_viewport(self, selector: str) -> bool:
        return bool(self.page.evaluate(
            """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                 return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight
                        && r.left >= 0 && r.right <= window.innerWidth; }""",
            selector,
        ))

    def close(self) -> None:
        self.page.close()


def _finding_link(page: object, code: str) -> tuple[object, str]:
    link = page.locator("#s-findings a.go", has_text=code).first  # type: ignore[attr-defined]
    return link, link.get_attribute("data-h")


def test_big_plan_in_the_browser(browser: object, tmp_path: Path) -> None:
    plan, text = big_plan()
    path = tmp_path / "big.html"
    path.write_text(render_report(plan, text), encoding="utf-8")
    watched = _Watched(browser)
    try:
        watched.open(path)
        load_ms = watched.page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime; }"
        )
        assert load_ms < 1000, f"the page took {load_ms:.0f} ms to load"
        assert watched.page.locator("#s-tasks tr.task").count() == 140
        link, hid = _finding_link(watched.page, "BUDGET_SUM_MISMATCH")
        assert not watched.in_viewport(f"#{hid}")
        link.click()  # type: ignore[attr-defined]
        assert watched.in_viewport(f"#{hid}")
        assert "flash" in (watched.page.get_attribute(f"#{hid}", "class") or "")
        # And back: the total's finding, near the end, then the first task's, at the top.
        _link, first = _finding_link(watched.page, "NUMBERING_GAP")
        assert not watched.in_viewport(f"#{first}")
        _link.click()  # type: ignore[attr-defined]
        assert watched.in_viewport(f"#{first}")
        # A click on a highlight brings its panel entry into view: the last task's, clicked on its number.
        task_hid = watched.page.locator("#s-tasks a.go").last.get_attribute("data-h")
        assert not watched.in_viewport(f"#p-{task_hid}")
        watched.page.locator(f"#{task_hid}").scroll_into_view_if_needed()
        watched.page.locator(f"#{task_hid}").click(position={"x": 3, "y": 5})
        assert watched.in_viewport(f"#p-{task_hid}")
        assert watched.errors == [] and watched.requests == []
    finally:
        watched.close()


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_report_command_on_seeds(browser: object, tmp_path: Path, seed: Path) -> None:
    from kehoach.pipeline.cli import main

    out = tmp_path / f"{seed.stem}.html"
    result = CliRunner().invoke(main, ["report", str(seed), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html
    watched = _Watched(browser)
    try:
        watched.open(out)
        number = seed.stem.split("-")[-4] if "lang-son" in seed.stem else "27"
        assert number in watched.page.locator("header").inner_text()
        marks = watched.page.locator("#text mark.k-task")
        assert marks.count() >= 15
        links = watched.page.locator("#panel a.go")
        assert links.count() >= 20
        # Every link points at an element that exists.
        missing = watched.page.evaluate(
            "() => [...document.querySelectorAll('#panel a.go')].filter(a => !document.getElementById(a.dataset.h)).length"
        )
        assert missing == 0
        # The last task's link brings its highlight into view.
        last = watched.page.locator("#s-tasks a.go").last
        hid = last.get_attribute("data-h")
        last.click()
        assert watched.in_viewport(f"#{hid}")
        findings = watched.page.locator("#s-findings a.go")
        if findings.count():
            fid = findings.last.get_attribute("data-h")
            findings.last.click()
            assert watched.in_viewport(f"#{fid}")
        assert watched.errors == [] and watched.requests == []
    finally:
        watched.close()


def test_report_refuses_json(tmp_path: Path) -> None:
    from kehoach.pipeline.cli import main

    result = CliRunner().invoke(main, ["report", "plan.json", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "not its JSON output" in result.output

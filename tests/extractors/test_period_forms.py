"""Periods finer than a year and recurring (CONTRACT 1.1), with exact values, and on real lines.

Each case is (start_year, end_year, recurrence, start_date, end_date, granularity).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.extractors.period_anchor import anchor_periods, plan_year
from kehoach.extractors.period_finder import find_period
from kehoach.extractors.periods import parse_period, years_in_title
from kehoach.schemas import Document, Period, Task

DOCUMENTS = Path(__file__).resolve().parents[1] / "corpus" / "documents"


def _values(period: Period | None) -> tuple[object, ...] | None:
    if period is None:
        return None
    return (
        period.start_year, period.end_year, period.recurrence, period.start_date, period.end_date,
        period.granularity,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quý III/2026", (2026, 2026, "once", "2026-07-01", "2026-09-30", "quarter")),
        ("Quý 3/2026", (2026, 2026, "once", "2026-07-01", "2026-09-30", "quarter")),
        ("Quý I năm 2026", (2026, 2026, "once", "2026-01-01", "2026-03-31", "quarter")),
        ("Hoàn thành trong Quý II/2026", (2026, 2026, "once", "2026-04-01", "2026-06-30", "quarter")),
        ("Quý IV/2025- Quý II/2026", (2025, 2026, None, "2025-10-01", "2026-06-30", "quarter")),
        ("Tháng 12/2025", (2025, 2025, "once", "2025-12-01", "2025-12-31", "month")),
        ("tháng 6 năm 2026", (2026, 2026, "once", "2026-06-01", "2026-06-30", "month")),
        ("Tháng 02/2028", (2028, 2028, "once", "2028-02-01", "2028-02-29", "month")),
        ("03/2025", (2025, 2025, "once", "2025-03-01", "2025-03-31", "month")),
        ("Tháng 3-6/2026", (2026, 2026, "once", "2026-03-01", "2026-06-30", "month")),
        ("6 tháng đầu năm 2026", (2026, 2026, "once", "2026-01-01", "2026-06-30", "month")),
        ("6 tháng cuối năm 2025", (2025, 2025, "once", "2025-07-01", "2025-12-31", "month")),
        ("Trước ngày 30/6/2026", (None, 2026, "once", None, "2026-06-30", "day")),
        ("Trước 30/6/2026", (None, 2026, "once", None, "2026-06-30", "day")),
        ("chậm nhất là ngày 15/01/2026", (None, 2026, "once", None, "2026-01-15", "day")),
        ("chậm nhất trong tháng 9/2026", (None, 2026, "once", None, "2026-09-30", "month")),
        ("Trước tháng 6/2026", (None, 2026, "once", None, "2026-05-31", "month")),
        ("Từ ngày 01/7/2025", (2025, None, None, "2025-07-01", None, "day")),
        ("Từ ngày 01/01/2021 đến ngày 31/12/2025", (2021, 2025, None, "2021-01-01", "2025-12-31", "day")),
        ("trong ngày 20 tháng 11 năm 2025", (2025, 2025, "once", "2025-11-20", "2025-11-20", "day")),
        ("gửi trước 10 giờ 00 ngày 03/02/2022", (None, 2022, "once", None, "2022-02-03", "day")),
        ("Năm 2026-2027", (2026, 2027, None, None, None, "year")),
        ("Trong năm 2026", (2026, 2026, "once", None, None, "year")),
        ("Năm 2026 và các năm tiếp theo", (2026, None, "ongoing", None, None, "year")),
        ("2026 trở đi", (2026, None, None, None, None, "year")),
        ("Giai đoạn 2026-2030", (2026, 2030, None, None, None, "year")),
        ("Đến hết năm 2025", (None, 2025, None, None, None, "year")),
        ("Trước năm 2030", (None, 2029, "once", None, None, "year")),
        ("Hằng năm", (None, None, "annual", None, None, None)),
        ("Hàng năm", (None, None, "annual", None, None, None)),
        ("Định kỳ hằng năm", (None, None, "annual", None, None, None)),
        ("Tháng 12 hằng năm", (None, None, "annual", None, None, "month")),
        ("Trước ngày 31/01 năm liền kề", (None, None, "annual", None, None, "day")),
        ("trước ngày 15/12 hằng năm", (None, None, "annual", None, None, "day")),
        ("Hằng quý", (None, None, "quarterly", None, None, None)),
        ("Hằng tháng", (None, None, "monthly", None, None, None)),
        ("Trước ngày 05 của tháng liền kề", (None, None, "monthly", None, None, None)),
        ("6 tháng một lần", (None, None, "semiannual", None, None, None)),
        ("06 tháng/lần", (None, None, "semiannual", None, None, None)),
        ("Thường xuyên", (None, None, "ongoing", None, None, None)),
        ("Thường xuyên, liên tục", (None, None, "ongoing", None, None, None)),
        ("Định kỳ hằng quý, hằng năm", (None, None, "quarterly", None, None, None)),
        ("Hoàn thành trong năm 2026 và có rà soát, sửa đổi, bổ sung trong các năm tiếp theo (nếu có)",
         (2026, 2026, "once", None, None, "year")),
        ("Thí điểm trong giai đoạn 2026 - 2027 và thực hiện mở rộng sau năm 2028",
         (2026, None, None, None, None, "year")),
    ],
)
def test_form(text: str, expected: tuple[object, ...]) -> None:
    assert _values(parse_period(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Theo Quyết định số 12/QĐ-UBND ngày 05/3/2024", None),
        ("Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh", None),
        ("Theo Luật Đầu tư công năm 2019", None),
        ("Triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, hoàn thành trong Quý I/2026",
         (2026, 2026, "once", "2026-01-01", "2026-03-31", "quarter")),
        ("Theo Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015 của Chính phủ", None),
    ],
)
def test_cited_documents_dates_are_not_the_period(text: str, expected: tuple[object, ...] | None) -> None:
    assert _values(parse_period(text)) == expected


def test_a_date_without_year_keeps_only_its_granularity() -> None:
    period = parse_period("Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 1")
    assert _values(period) == (None, None, None, None, None, "day")


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 1", 2026,
         (2026, 2026, "once", "2026-01-23", "2026-01-23", "day")),
        ("từ ngày 15/11 đến ngày 15/12", 2025, (2025, 2025, "once", "2025-11-15", "2025-12-15", "day")),
        ("Thường xuyên trong năm", 2026, (2026, 2026, "ongoing", None, None, "year")),
        ("Trước ngày 31/01 năm liền kề", 2026, (None, None, "annual", None, None, "day")),
        ("Quý II/2027", 2026, (2027, 2027, "once", "2027-04-01", "2027-06-30", "quarter")),
    ],
)
def test_the_plans_year_completes_a_text_without_one(text: str, year: int, expected: tuple[object, ...]) -> None:
    assert _values(parse_period(text, year)) == expected


@pytest.mark.parametrize(
    ("title", "years"),
    [
        ("Tuyên truyền Cải cách hành chính năm 2026", [2026]),
        ("TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA PHÒNG, CHỐNG MA TÚY ĐẾN NĂM 2030", []),
        ("BAN HÀNH KẾ HOẠCH TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTG NGÀY 02 THÁNG 01 NĂM 2025 CỦA THỦ TƯỚNG", []),
        ("PHÁT TRIỂN KINH TẾ SỐ TRÊN ĐỊA BÀN TỈNH ĐỒNG NAI GIAI ĐOẠN 2026 - 2030", []),
    ],
)
def test_years_in_title(title: str, years: list[int]) -> None:
    assert years_in_title(title) == years


def _task(text: str) -> Task:
    period = parse_period(text)
    assert period is not None
    return Task(id="1", kind="task", title="t", period=period)


def test_anchor_a_deadline_in_the_year_of_issue() -> None:
    document = Document(title="Triển khai nhiệm vụ trọng tâm", issued_date="2025-11-18")
    [task] = anchor_periods([_task("trước ngày 16 tháng 12 năm 2025")], document)
    assert _values(task.period) == (2025, 2025, "once", None, "2025-12-16", "day")


def test_a_deadline_in_a_later_year_keeps_an_open_start() -> None:
    document = Document(title="Ban hành Kế hoạch sửa đổi, bổ sung các luật", issued_date="2024-12-28")
    [task] = anchor_periods([_task("Trình UBTVQH xem xét, thông qua trước ngày 10/01/2025")], document)
    assert _values(task.period) == (None, 2025, "once", None, "2025-01-10", "day")


def test_a_draft_with_a_blank_day_is_anchored_to_its_printed_year() -> None:
    # ld-tbkl-sokhcn-2026, ld-vb-chidao-caithien-chiso-2025: "ngày    tháng 12 năm 2025", no issued_date.
    document = Document(title="Tập trung thực hiện các giải pháp cải thiện các chỉ số", issued_date=None)
    [task] = anchor_periods([_task("Hoàn thành trước ngày 20/12/2025")], document, dated_year=2025)
    assert _values(task.period) == (2025, 2025, "once", None, "2025-12-20", "day")
    [task] = anchor_periods([_task("Hoàn thành trước ngày 20/12/2025")], document)
    assert _values(task.period) == (None, 2025, "once", None, "2025-12-20", "day")


def test_a_deadline_in_the_year_the_plan_is_for_starts_in_it() -> None:
    # ld-kh-cchc-2026 (a plan for 2026 drafted in December 2025): both years bound a deadline's start.
    document = Document(title="Cải cách hành chính nhà nước năm 2026", issued_date=None)
    [for_year, of_issue, later] = anchor_periods(
        [_task("chậm nhất là ngày 15/01/2026"), _task("chậm nhất là ngày 31/12/2025"), _task("trước ngày 10/01/2027")],
        document, dated_year=2025,
    )
    assert _values(for_year.period)[:2] == (2026, 2026)
    assert _values(of_issue.period)[:2] == (2025, 2025)
    assert _values(later.period)[:2] == (None, 2027)


def test_anchor_dates_without_year_to_the_title_year() -> None:
    document = Document(title="Tuyên truyền Cải cách hành chính năm 2026", issued_date=None)
    assert plan_year(document) == 2026
    [task] = anchor_periods([_task("Từ 20 giờ 15’- 20 giờ 45’ ngày 13 tháng 3")], document)
    assert _values(task.period) == (2026, 2026, "once", "2026-03-13", "2026-03-13", "day")


@pytest.mark.parametrize(
    ("document", "line", "expected"),
    [
        ("ha-noi-310-kh-ubnd.md", "Quý III Năm 2026", (2026, 2026, "once", "2026-07-01", "2026-09-30", "quarter")),
        ("vpcp-624-tb-vpcp.md", "Công nghệ cao Hòa Lạc, bảo đảm khởi công dự án trong Quý III/2025",
         (2025, 2025, "once", "2025-07-01", "2025-09-30", "quarter")),
        ("ho-chi-minh-174-kh-ubnd.md", "trước ngày 16 tháng 12 năm 2025 để tổng hợp báo cáo Bộ Nội vụ, Ủy ban nhân dân",
         (None, 2025, "once", None, "2025-12-16", "day")),
        ("ho-chi-minh-174-kh-ubnd.md",
         "triển khai Thông báo kết luận số 196-TB/TW ngày 16 tháng 3 năm 2015 của Ban Bí", None),
        ("ho-chi-minh-2820-qd-ubnd.md", "Thường xuyên, định kỳ hằng quý báo cáo về Sở Tài chính",
         (None, None, "ongoing", None, None, None)),
        ("ttg-2629-qd-ttg.md", "- Định kỳ hằng quý, hằng năm công bố kết quả đánh",
         (None, None, "quarterly", None, None, None)),
        ("dong-nai-179-kh-ubnd.md", "hiện tốt Kế hoạch này. Định kỳ 06 tháng các cơ quan có liên quan báo cáo kết quả",
         (None, None, "semiannual", None, None, None)),
    ],
)
def test_real_lines(document: str, line: str, expected: tuple[object, ...] | None) -> None:
    assert line in (DOCUMENTS / document).read_text(encoding="utf-8").splitlines()
    assert _values(parse_period(line)) == expected


def test_a_title_run_on_into_the_preamble_still_names_its_year() -> None:
    title = (
        "Tuyên truyền Cải cách hành chính năm 2026 Tiếp tục thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 "
        "của Chính phủ về ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030"
    )
    assert years_in_title(title) == [2026]
    assert years_in_title("Hội nghị đánh giá công tác năm 2025 và triển khai nhiệm vụ năm 2026") == [2025, 2026]


@pytest.mark.parametrize(
    ("document", "line", "expected"),
    [
        ("vpcp-624-tb-vpcp.md", "của Chính phủ; hoàn thành trước ngày 25 tháng 11 năm 2025.",
         ("hoàn thành trước ngày 25 tháng 11 năm 2025", (None, 2025, "once", None, "2025-11-25", "day"))),
        ("vpcp-624-tb-vpcp.md", "lược ưu tiên triển khai, hoàn thành trong tháng 11 năm 2025; **(2)** chủ",
         ("hoàn thành trong tháng 11 năm 2025", (2025, 2025, "once", "2025-11-01", "2025-11-30", "month"))),
        ("ttg-2629-qd-ttg.md", "- Định kỳ hằng quý, hằng năm công bố kết quả đánh",
         ("Định kỳ hằng quý, hằng năm", (None, None, "quarterly", None, None, None))),
        ("ho-chi-minh-174-kh-ubnd.md",
         "triển khai Thông báo kết luận số 196-TB/TW ngày 16 tháng 3 năm 2015 của Ban Bí", None),
    ],
)
def test_find_period_in_running_text(
    document: str, line: str, expected: tuple[str, tuple[object, ...]] | None
) -> None:
    assert line in (DOCUMENTS / document).read_text(encoding="utf-8").splitlines()
    period = find_period(line)
    assert (None if period is None else (period.text, _values(period))) == expected


@pytest.mark.parametrize(
    ("document", "line", "expected"),
    [
        # a recurrence that governs the task: a closing clause of its own, or the head of the text
        ("vpcp-624-tb-vpcp.md", "người dân với doanh nghiệp, và người dân với người dân, nhiệm vụ thường xuyên.",
         ("thường xuyên", "ongoing")),
        ("ttg-2530-qd-ttg.md", "Thực hiện thường xuyên, liên tục", ("thường xuyên", "ongoing")),
        ("ha-noi-310-kh-ubnd.md", "Thường xuyên", ("Thường xuyên", "ongoing")),
        # one that qualifies a noun, one step in a list of manners, or a later sentence's step
        ("can-tho-153-kh-ubnd.md", "xếp loại cán bộ hằng năm.", None),
        ("dong-nai-182-kh-ubnd.md", "bộ, thường xuyên, liên tục cả phòng và chống. Thực hiện phương châm ngăn cung,",
         None),
        ("can-tho-153-kh-ubnd.md",
         "phạm pháp luật có liên quan. Thường xuyên cập nhật và phổ biến thông tin cho", None),
        ("dong-nai-182-kh-ubnd.md", "chặn ma túy từ xa, từ sớm; thực hiện thường xuyên, liên tục, đồng bộ các giải",
         None),
    ],
)
def test_a_recurrence_alone_is_the_period_only_where_it_governs_the_task(
    document: str, line: str, expected: tuple[str, str] | None
) -> None:
    assert line in (DOCUMENTS / document).read_text(encoding="utf-8").splitlines()
    period = find_period(line)
    assert (None if period is None else (period.text, period.recurrence)) == expected


def test_find_period_reads_a_deadline_and_a_recurrence_together() -> None:
    period = find_period("Bộ Tài chính báo cáo Thủ tướng trước ngày 20 tháng 11 năm 2025 và hàng tháng.")
    assert period is not None and period.text == "trước ngày 20 tháng 11 năm 2025 và hàng tháng"
    assert _values(period) == (None, 2025, "monthly", None, "2025-11-20", "day")


@pytest.mark.parametrize(
    "text",
    [
        "Tổng kết công tác cải cách hành chính năm 2025",
        "Thực hiện theo Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh",
        "Triển khai Luật Đầu tư công năm 2019 và các văn bản hướng dẫn",
        "Bố trí kinh phí chi thường xuyên giao tự chủ cho các đơn vị",
        "",
    ],
)
def test_find_period_none(text: str) -> None:
    assert find_period(text) is None


def test_find_period_label_wins() -> None:
    period = find_period("Xây dựng cơ sở dữ liệu. Thời gian thực hiện: Quý II/2026; định kỳ hằng năm cập nhật")
    assert period is not None and period.text == "Quý II/2026"


@pytest.mark.parametrize(
    ("document", "line"),
    [
        ("ttg-2530-qd-ttg.md", "không khí tự động, liên tục theo Quy hoạch tổng thể quan trắc môi trường quốc"),
        ("ttg-2530-qd-ttg.md", "gia 2021 - 2030, đảm bảo dữ liệu liên tục, không gián đoạn."),
    ],
)
def test_find_period_not_in_a_description(document: str, line: str) -> None:
    assert line in (DOCUMENTS / document).read_text(encoding="utf-8").splitlines()
    assert find_period(line) is None


def test_find_period_skips_a_programme_name_and_a_vision() -> None:
    text = (
        "Triển khai Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030 theo Quy hoạch "
        "giai đoạn 2021-2030, tầm nhìn đến năm 2050"
    )
    assert find_period(text) is None

"""The service's database endpoints for real: `kehoach serve --db` started on the loopback, on SQLite and
on the throwaway PostgreSQL server, fed through POST /plans and asked over HTTP with httpx. The answers
are what the sample plans say (read from the documents), and what `kehoach query` and `kehoach compare
--db` answer on the same database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from kehoach.pipeline.cli import main
from service_load import running_server
from store_databases import fresh_postgresql_database
from store_samples import AN_GIANG, LANG_SON, LANG_SON_HTML

TIMEOUT = 600


def _post(base: str, path: Path, data: bytes | None = None, name: str | None = None) -> httpx.Response:
    body = data if data is not None else path.read_bytes()
    return httpx.post(f"{base}/plans", files={"file": (name or path.name, body)}, timeout=TIMEOUT)


def _get(base: str, path: str, **params: str) -> httpx.Response:
    return httpx.get(f"{base}{path}", params=params, timeout=TIMEOUT)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A server on a new database that holds nothing yet, then the two sample plans (the Lạng Sơn one
    twice: its text, then its HTML as a new version), ingested through POST /plans."""
    if request.param == "sqlite":
        db = str(tmp_path_factory.mktemp("served") / "kehoach.db")
    else:
        db = fresh_postgresql_database(request.getfixturevalue("postgresql_server"))
    with running_server("--jobs", "1", "--db", db) as base:
        empty = _get(base, "/plans")
        answers = {path.name: _post(base, path) for path in (AN_GIANG, LANG_SON, LANG_SON_HTML)}
        again = _post(base, AN_GIANG)
        yield {"base": base, "db": db, "empty": empty, "answers": answers, "again": again}


def _ids(served: dict[str, Any]) -> dict[str, int]:
    return {name: answer.json()["plan_id"] for name, answer in served["answers"].items()}


def test_post_plans_answers_the_ingest_status_and_the_plan_id(served: dict[str, Any]) -> None:
    # A database that does not exist yet is created on first use, empty.
    assert served["empty"].status_code == 200 and served["empty"].json() == []
    answers = {name: answer.json() for name, answer in served["answers"].items()}
    assert [a.status_code for a in served["answers"].values()] == [201, 201, 201]
    assert answers[AN_GIANG.name]["status"] == "added" and answers[AN_GIANG.name]["version"] == 1
    assert answers[LANG_SON.name]["status"] == "added" and answers[LANG_SON.name]["version"] == 1
    # Other bytes of the same plan (129/KH-UBND of the Lạng Sơn People's Committee): its second version.
    assert answers[LANG_SON_HTML.name]["status"] == "new version" and answers[LANG_SON_HTML.name]["version"] == 2
    assert len(set(_ids(served).values())) == 3
    # The same bytes again: nothing is done, and the answer names the stored plan.
    again = served["again"]
    assert again.status_code == 200
    assert again.json() == {"status": "unchanged", "plan_id": _ids(served)[AN_GIANG.name], "version": 1,
                            "file": AN_GIANG.name}
    assert again.headers["location"] == f"/plans/{_ids(served)[AN_GIANG.name]}"


def test_get_plans_lists_the_current_plans_with_the_query_filters(served: dict[str, Any]) -> None:
    base, ids = served["base"], _ids(served)
    plans = _get(base, "/plans").json()
    assert [(p["id"], p["number"], p["province"], p["version"]) for p in plans] == [
        (ids[AN_GIANG.name], "27/KH-SKHCN", "An Giang", 1), (ids[LANG_SON_HTML.name], "129/KH-UBND", "Lạng Sơn", 2)]
    assert [p["number"] for p in _get(base, "/plans", province="lạng sơn").json()] == ["129/KH-UBND"]
    assert [p["number"] for p in _get(base, "/plans", year="2021").json()] == ["27/KH-SKHCN"]
    assert len(_get(base, "/plans", programme="996/QĐ-TTg").json()) == 2
    assert _get(base, "/plans", type="QĐ").json() == []
    assert _get(base, "/plans", level="nowhere").status_code == 422
    # The same rows as kehoach query plans on the same database.
    result = CliRunner().invoke(main, ["query", "plans", "--db", served["db"], "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == plans


def test_get_plan_by_id_is_the_plan_json_extract_gives(served: dict[str, Any], extracted: Any) -> None:
    base, ids = served["base"], _ids(served)
    plan = _get(base, f"/plans/{ids[AN_GIANG.name]}").json()
    assert plan == extracted(AN_GIANG)
    assert plan["document"]["number"] == "27/KH-SKHCN"
    # An earlier version is still there by its id.
    assert _get(base, f"/plans/{ids[LANG_SON.name]}").json() == extracted(LANG_SON)
    missing = _get(base, "/plans/987654")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "no plan with id 987654 in the database", "kind": "not_found"}


def test_get_tasks_by_unit_and_province(served: dict[str, Any]) -> None:
    base, ids = served["base"], _ids(served)
    # An Giang 27/KH-SKHCN: "Chi cục TĐC" (defined in task 1.1) leads 1.1, 2.1, 2.2, 2.4, 2.5, 3.1, 3.3,
    # 3.4, the row under group 4, and 6.1; Phòng Quản lý Khoa học leads 1.2, 2.6 and 5.1.
    rows = _get(base, "/tasks", unit="Chi cục TĐC", role="lead").json()
    assert len(rows) == 10
    assert {"1.1", "2.1", "2.2", "2.4", "2.5", "3.1", "3.3", "3.4", "6.1"} <= {r["number"] for r in rows}
    assert {(r["plan_id"], r["plan"], r["province"], r["unit"]) for r in rows} == {
        (ids[AN_GIANG.name], "27/KH-SKHCN", "An Giang", "Chi cục Tiêu chuẩn Đo lường Chất lượng")}
    science = _get(base, "/tasks", unit="Phòng Quản lý Khoa học", role="lead", province="An Giang").json()
    assert sorted(r["number"] for r in science) == ["1.2", "2.6", "5.1"]
    assert _get(base, "/tasks", unit="Chi cục TĐC", province="Lạng Sơn").json() == []
    # 1.2 has Chi cục TĐC among its coordinating units.
    coordinating = _get(base, "/tasks", unit="Chi cục TĐC", role="coordinating").json()
    assert "1.2" in {r["number"] for r in coordinating}


def test_plans_and_tasks_come_in_pages(served: dict[str, Any]) -> None:
    base = served["base"]
    every = _get(base, "/tasks", unit="Chi cục TĐC", role="lead")
    assert every.headers["x-total-count"] == "10"
    rows = every.json()
    pages = [_get(base, "/tasks", unit="Chi cục TĐC", role="lead", limit="4", offset=str(start))
             for start in (0, 4, 8, 12)]
    assert [len(page.json()) for page in pages] == [4, 4, 2, 0]
    assert [row for page in pages for row in page.json()] == rows
    assert {page.headers["x-total-count"] for page in pages} == {"10"}
    plans = _get(base, "/plans", limit="1", offset="1")
    assert [p["number"] for p in plans.json()] == ["129/KH-UBND"] and plans.headers["x-total-count"] == "2"
    assert _get(base, "/plans", limit="0").status_code == 422
    assert _get(base, "/tasks", offset="-1").status_code == 422


def test_get_compare_is_kehoach_compare_db(served: dict[str, Any]) -> None:
    base, ids = served["base"], _ids(served)
    pair = f"{ids[AN_GIANG.name]},{ids[LANG_SON_HTML.name]}"
    answer = _get(base, "/compare", ids=pair)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    summaries = answer.json()["plans"]
    assert [(p["number"], p["province"]) for p in summaries] == [("27/KH-SKHCN", "An Giang"), ("129/KH-UBND", "Lạng Sơn")]
    # Lạng Sơn: "Tổng kinh phí thực hiện Kế hoạch ... Dự kiến khoảng: 16.925.000.000 đồng".
    assert summaries[1]["budget_vnd"] == 16_925_000_000
    assert {p["programme"] for p in summaries} == {"996/QĐ-TTg"}
    for fmt in ("json", "markdown"):
        cli = CliRunner().invoke(main, ["compare", "--db", served["db"], "--format", fmt,
                                        str(ids[AN_GIANG.name]), str(ids[LANG_SON_HTML.name])])
        assert cli.exit_code == 0, cli.output
        assert cli.output.rstrip("\n") == _get(base, "/compare", ids=pair, format=fmt).text.rstrip("\n")
    # Ids repeated as parameters are the same question.
    repeated = httpx.get(f"{base}/compare", params=[("ids", str(ids[AN_GIANG.name])), ("ids", str(ids[LANG_SON_HTML.name]))],
                         timeout=TIMEOUT)
    assert repeated.json() == answer.json()


def test_compare_and_post_refuse_what_they_cannot_use(served: dict[str, Any]) -> None:
    base = served["base"]
    bad_id = _get(base, "/compare", ids="1,x")
    assert bad_id.status_code == 422 and bad_id.json()["detail"].startswith("'x': not a plan id")
    assert _get(base, "/compare", ids="1,987654").status_code == 404
    before = _get(base, "/plans").json()
    for name, data, status in [("noise.bin", b"\x00\x01\x02\xff" * 100, 415), ("empty.txt", b"", 422),
                               ("cut.docx", b"PK\x03\x04" + b"\x00" * 200, 422)]:
        answer = _post(base, AN_GIANG, data, name)
        assert answer.status_code == status
        assert answer.json()["file"] == name and "\n" not in answer.json()["detail"]
    assert _get(base, "/plans").json() == before


def test_a_database_that_cannot_be_used_is_503_and_extract_goes_on(tmp_path: Path) -> None:
    not_a_database = tmp_path / "plans.db"
    not_a_database.write_text("plan number, title\n", encoding="utf-8")
    # Given by the environment alone, as in a container.
    with running_server("--jobs", "1", environment={"KEHOACH_DB": str(not_a_database)}) as base:
        for answer in (_get(base, "/plans"), _get(base, "/tasks", unit="Sở Tài chính"), _post(base, AN_GIANG)):
            assert answer.status_code == 503
            assert answer.json() == {"detail": f"{not_a_database}: not an SQLite database", "kind": "database"}
        extracted = httpx.post(f"{base}/extract", files={"file": (AN_GIANG.name, AN_GIANG.read_bytes())},
                               timeout=TIMEOUT)
        assert extracted.status_code == 200 and extracted.json()["document"]["number"] == "27/KH-SKHCN"
    assert not_a_database.read_text(encoding="utf-8") == "plan number, title\n"

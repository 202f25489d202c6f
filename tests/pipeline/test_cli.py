"""The command line through click's CliRunner: inputs, outputs, formats, the batch runner's limits."""

from __future__ import annotations

import csv
import json
import os
import resource
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kehoach.pipeline import batch
from kehoach.pipeline.batch import in_input_order, run_batch
from kehoach.pipeline.cli import main
from kehoach.pipeline.failures import memory_reason
from kehoach.pipeline.job import BatchSettings, Job, Outcome

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
TEXT = SAMPLES / "lang-son-129-KH-UBND-2019.txt"
TEXT2 = SAMPLES / "an-giang-27-KH-SKHCN-2021.txt"
HTML = SAMPLES / "lang-son-129-KH-UBND-2019.html"
DOCX = SAMPLES / "an-giang-27-KH-SKHCN-2021.docx"
PDF = SAMPLES / "lang-son-129-KH-UBND-2019.pdf"

def _invoke(*args: str, input: bytes | str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("kehoach: error:")]


# --- commands that need no document -----------------------------------------------------------------


def test_help_lists_the_commands() -> None:
    result = _invoke("--help")
    assert result.exit_code == 0
    for command in ("extract", "validate", "schema", "layout"):
        assert command in result.stdout


def test_extract_help_names_the_batch_options() -> None:
    result = _invoke("extract", "--help")
    assert result.exit_code == 0
    for option in ("--jobs", "--timeout", "--max-memory", "--format", "csv", "--output"):
        assert option in result.stdout


def test_version() -> None:
    result = _invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("kehoach, version ")


def test_schema_prints_the_plan_schema() -> None:
    from kehoach.schemas import plan_json_schema

    result = _invoke("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == plan_json_schema()


def test_csv_needs_an_output_folder() -> None:
    result = _invoke("extract", str(TEXT), "--format", "csv")
    assert result.exit_code == 2
    assert "-o DIR" in result.stderr


def test_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = _invoke("extract", str(tmp_path))
    assert result.exit_code == 2
    assert "no input files" in result.stderr


def test_only_missing_files_exit_2_with_one_line_each(tmp_path: Path) -> None:
    missing = [str(tmp_path / "nope.pdf"), str(tmp_path / "gone.docx")]
    result = _invoke("extract", *missing)
    assert result.exit_code == 2
    assert _error_lines(result.stderr) == [f"kehoach: error: {m}: no such file" for m in missing]
    assert "Traceback" not in result.output


# --- extraction end to end -----------------------------------------------------------------------


def test_one_input_gives_one_json_plan() -> None:
    result = _invoke("extract", str(TEXT))
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["schema_version"] == "1.1"
    assert plan["source"]["path"] == str(TEXT)
    assert plan["source"]["format"] == "txt"
    assert result.stderr == ""  # no summary for a single file on stdout


def test_several_inputs_give_json_lines_in_input_order() -> None:
    inputs = [str(HTML), str(TEXT), str(TEXT2)]
    result = _invoke("extract", *inputs, "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == inputs
    assert "3 files: 3 extracted, 0 failed" in result.stderr


def test_output_folder_gets_one_file_per_input_named_with_its_extension(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _invoke("extract", str(TEXT), str(DOCX), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [DOCX.name + ".json", TEXT.name + ".json"]
    plan = json.loads((out / (DOCX.name + ".json")).read_text(encoding="utf-8"))
    assert plan["source"]["format"] == "docx"
    assert "written to" in result.stderr


def test_folders_are_walked_recursively_and_keep_their_tree(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "a" / "b").mkdir(parents=True)
    shutil.copy(TEXT, src / "top.txt")
    shutil.copy(TEXT2, src / "a" / "b" / "deep.txt")
    (src / "notes.xyz").write_text("not a plan", encoding="utf-8")  # not a known extension: skipped
    out = tmp_path / "out"
    result = _invoke("extract", str(src), "-o", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert (out / "top.txt.json").is_file()
    assert (out / "a" / "b" / "deep.txt.json").is_file()
    assert not list(out.rglob(".*"))  # no temporary files left behind


def test_dash_reads_standard_input() -> None:
    result = _invoke("extract", "-", input=TEXT.read_bytes())
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["source"]["path"] == "<stdin>"
    expected = json.loads(_invoke("extract", str(TEXT)).stdout)
    assert plan["tasks"] == expected["tasks"]
    assert plan["source"]["sha256"] == expected["source"]["sha256"]


def test_a_missing_file_is_reported_and_the_others_are_extracted(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.pdf")
    result = _invoke("extract", str(TEXT), missing, str(HTML))
    assert result.exit_code == 2
    assert _error_lines(result.stderr) == [f"kehoach: error: {missing}: no such file"]
    paths = [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()]
    assert paths == [str(TEXT), str(HTML)]
    assert "1 failed: no such file" in result.stderr


def test_output_is_the_same_for_any_number_of_jobs(tmp_path: Path) -> None:
    inputs = [str(p) for p in (TEXT, HTML, DOCX, TEXT2, PDF)] + [str(tmp_path / "missing.txt")]
    streams = {}
    for jobs in ("1", "2", "3"):
        out = tmp_path / f"out{jobs}"
        to_files = _invoke("extract", *inputs, "-o", str(out), "--jobs", jobs)
        assert to_files.exit_code == 2
        streamed = _invoke("extract", *inputs, "--format", "jsonl", "--jobs", jobs)
        assert streamed.exit_code == 2
        streams[jobs] = (streamed.stdout, _error_lines(streamed.stderr))
    assert streams["1"] == streams["2"] == streams["3"]
    assert len(streams["1"][0].splitlines()) == 5
    names = sorted(p.name for p in (tmp_path / "out1").iterdir())
    for jobs in ("2", "3"):
        assert sorted(p.name for p in (tmp_path / f"out{jobs}").iterdir()) == names
        for name in names:
            assert (tmp_path / f"out{jobs}" / name).read_bytes() == (tmp_path / "out1" / name).read_bytes()


def test_jsonl_into_a_folder_writes_plans_jsonl(tmp_path: Path) -> None:
    result = _invoke("extract", str(TEXT), str(TEXT2), "--format", "jsonl", "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    lines = (tmp_path / "plans.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == [str(TEXT), str(TEXT2)]
    assert result.stdout == ""


def test_csv_tables_with_a_byte_order_mark(tmp_path: Path) -> None:
    result = _invoke("extract", str(TEXT), str(DOCX), "--format", "csv", "-o", str(tmp_path), "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["budget.csv", "documents.csv", "targets.csv", "tasks.csv"]
    for name in names:
        assert (tmp_path / name).read_bytes().startswith(b"\xef\xbb\xbfplan_number,source_path,")
    with open(tmp_path / "documents.csv", encoding="utf-8-sig", newline="") as handle:
        documents = list(csv.DictReader(handle))
    assert [row["source_path"] for row in documents] == [str(TEXT), str(DOCX)]
    plans = [json.loads(line) for line in _invoke("extract", str(TEXT), str(DOCX)).stdout.splitlines()]
    for row, plan in zip(documents, plans):
        assert row["plan_number"] == (plan["document"]["number"] or "")
        assert int(row["tasks"]) == len(plan["tasks"])
    with open(tmp_path / "tasks.csv", encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == sum(len(p["tasks"]) for p in plans)


def test_csv_flattens_nested_budget_items_with_their_path() -> None:
    from kehoach.pipeline.export import csv_text, plan_to_csv_rows

    plan = {
        "source": {"path": "p.txt", "format": "txt", "sha256": "0", "pages": None},
        "document": {"number": "1/KH-UBND"},
        "tasks": [{"id": "1", "kind": "task", "title": "Tập huấn", "lead_units": ["Sở A", "Sở B"],
                   "period": {"text": "2021-2025", "start_year": 2021, "end_year": 2025, "years": []}}],
        "targets": [{"quantity": 5.0, "comparator": "at_least", "unit": "lượt", "per_year": True, "text": "t"}],
        "budget": {"total_vnd": 30, "items": [
            {"label": "Ngân sách tỉnh", "amount_vnd": 20, "items": [{"label": "Năm 2021", "amount_vnd": 20}]},
            {"label": "Xã hội hóa", "amount_vnd": 10},
        ]},
        "findings": [{"severity": "error"}, {"severity": "info"}],
    }
    rows = plan_to_csv_rows(plan)
    assert [(r["position"], r["path"], r["level"]) for r in rows["budget"]] == [
        ("1", "Ngân sách tỉnh", 1), ("1.1", "Ngân sách tỉnh > Năm 2021", 2), ("2", "Xã hội hóa", 1),
    ]
    assert all(r["plan_number"] == "1/KH-UBND" and r["source_path"] == "p.txt" for r in rows["budget"])
    tasks = csv_text("tasks", rows["tasks"]).splitlines()
    assert "Sở A; Sở B" in tasks[1] and ",2021,2025," in tasks[1]
    targets = csv_text("targets", rows["targets"]).splitlines()
    assert ",5,,at_least,,,lượt,true," in targets[1]  # quantity, quantity_max, comparator, approximate, direction
    documents = csv_text("documents", rows["documents"]).splitlines()
    assert documents[1].endswith(",1,0,1")


# --- the runner's limits, with a stand-in for the pipeline ------------------------------------------


def _fake_runner(job: Job, settings: BatchSettings) -> Outcome:
    """Behaves by the file's name: hang, die, hog memory, or give a tiny plan."""
    name = Path(job.path).name
    if name.startswith("hang"):
        time.sleep(60)
    if name.startswith("die"):
        os._exit(3)
    if name.startswith("kill"):
        os.kill(os.getpid(), 9)
    if name.startswith("hog"):
        try:
            hog = bytearray(4 * 1024**3)
        except MemoryError:
            return Outcome(job.index, job.name, error=memory_reason(settings.max_memory_mb), retire_worker=True)
        del hog
    plan = {"schema_version": "1.1", "source": {"path": job.name, "format": "txt", "sha256": "", "pages": 1},
            "tasks": [{"id": "1"}], "findings": [{"severity": "warning"}]}
    return Outcome(job.index, job.name, plan=plan)


def _jobs(*names: str) -> list[Job]:
    return [Job(i, name) for i, name in enumerate(names)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_hung_file_times_out_and_the_batch_goes_on(jobs: int) -> None:
    settings = BatchSettings(jobs=jobs, timeout_s=1, max_memory_mb=None)
    start = time.monotonic()
    outcomes = list(in_input_order(run_batch(_jobs("a.txt", "hang.txt", "b.txt", "c.txt"), settings, _fake_runner)))
    assert time.monotonic() - start < 20
    assert [o.error for o in outcomes] == [None, "timed out after 1 s", None, None]
    assert [o.index for o in outcomes] == [0, 1, 2, 3]


def test_a_worker_that_dies_is_replaced() -> None:
    settings = BatchSettings(jobs=2, timeout_s=30, max_memory_mb=None)
    names = ("a.txt", "die.txt", "b.txt", "kill.txt", "c.txt", "d.txt")
    outcomes = list(in_input_order(run_batch(_jobs(*names), settings, _fake_runner)))
    assert [o.ok for o in outcomes] == [True, False, True, False, True, True]
    assert outcomes[1].error == "the worker process exited unexpectedly (exit code 3)"
    assert outcomes[3].error == "the worker process died (SIGKILL)"


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_over_the_memory_bound_fails_and_the_batch_goes_on(jobs: int) -> None:
    settings = BatchSettings(jobs=jobs, timeout_s=30, max_memory_mb=256)
    outcomes = list(in_input_order(run_batch(_jobs("hog.txt", "a.txt", "hog2.txt", "b.txt"), settings, _fake_runner)))
    assert [o.error for o in outcomes] == [
        "exceeded the memory limit of 256 MB", None, "exceeded the memory limit of 256 MB", None,
    ]


def test_the_memory_bound_is_the_workers_not_this_process() -> None:
    before = resource.getrlimit(resource.RLIMIT_AS)
    list(run_batch(_jobs("hog.txt"), BatchSettings(jobs=1, max_memory_mb=256), _fake_runner))
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    bytearray(512 * 1024**2)  # allocations beyond the bound work here


def test_the_cli_reports_timeouts_and_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "run_job", _fake_runner)
    for name in ("a.txt", "hang.txt", "b.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    result = _invoke("extract", str(tmp_path), "--jobs", "2", "--timeout", "1", "--format", "jsonl")
    assert result.exit_code == 2
    assert _error_lines(result.stderr) == [f"kehoach: error: {tmp_path / 'hang.txt'}: timed out after 1 s"]
    assert len(result.stdout.splitlines()) == 2
    assert "3 files: 2 extracted, 1 failed; 2 pages, 2 tasks; findings: 0 error, 2 warning, 0 info" in result.stderr
    assert "1 failed: timed out after 1 s" in result.stderr
    assert "\r" not in result.stderr  # no progress bar when stderr is not a terminal


def test_settings_refuse_nonsense() -> None:
    with pytest.raises(ValueError, match="jobs"):
        BatchSettings(jobs=0)
    with pytest.raises(ValueError, match="timeout"):
        BatchSettings(timeout_s=-1)

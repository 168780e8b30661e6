"""Do the benchmarks still run (tiny sizes, one run; the real figures are in docs/benchmarks.md)?"""
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_export_benchmark_runs_and_counts_every_row():
    result = subprocess.run(
        [sys.executable, "bench/export_memory.py", "--sizes", "40", "--databases", "sqlite", "--formats", "csv", "xlsx",
         "--trace", "csv", "xlsx"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    runs = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [run["format"] for run in runs] == ["csv", "xlsx"]
    for run in runs:
        assert run["rows"]["hearings"] == 40 and run["rows"]["accused"] >= 40
        assert run["python_peak_mib"] > 0 and run["max_rss_mib"] > 0
    assert "| sqlite | 40 | csv |" in result.stdout


def test_checklist_page_benchmark_runs_every_flow():
    """Does the phone benchmark still drive every flow to the first section (one run each)?"""
    result = subprocess.run([sys.executable, "bench/checklist_page.py", "--runs", "1"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    for flow in ("app, new checklist, first visit", "app, a section seen before", "plain page, first visit"):
        assert re.search(rf"{re.escape(flow)} +first contentful paint +\d+ +section on screen +\d+", result.stdout), result.stdout
    assert re.search(r"app, first visit \(/app/new\) +HTML\+CSS\+JS +[\d.]+ KB", result.stdout)


def test_submission_benchmark_runs_every_endpoint_and_loses_nothing():
    """Does the serving benchmark still start each server, load it and check the database (tiny load)?"""
    result = subprocess.run([sys.executable, "bench/submissions.py", "--engine", "sqlite", "--clients", "4", "--requests", "5"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = {cells[1]: cells for cells in (line.strip("|").split("|") for line in result.stdout.splitlines()
                                          if line.startswith("| sqlite |"))}
    rows = {name.strip(): [cell.strip() for cell in cells] for name, cells in rows.items()}
    for name in ("bare Flask endpoint", "durable floor: token lookup + one INSERT + synced commit",
                 "Court Monitor, signed-in GET /api/v1/session", "Court Monitor submission"):
        assert rows[name][2] == "20" and rows[name][8] == "0", rows[name]  # 20 requests, 0 errors
    assert rows["Court Monitor submission"][9:11] == ["0", "0"]  # none lost, none duplicated


def test_hostile_requests_benchmark_runs_and_every_request_is_refused_short():
    """Does the hostile-client benchmark still send every request, each refused with a short answer?"""
    result = subprocess.run([sys.executable, "bench/hostile_requests.py", "--repeat", "1"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = [line.split("|")[1:-1] for line in result.stdout.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == 8 and rows[0][2].strip() == "201"
    assert all(row[2].strip() == "422" and int(row[4].strip().replace(",", "")) < 20_000 for row in rows[1:])


def test_startup_benchmark_measures_the_command_and_its_floor():
    """Does the start-up benchmark still run the floor and `flask courts list` (one run each)?"""
    result = subprocess.run([sys.executable, "bench/startup.py", "--runs", "1"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    for line in ("floor (bench/startup_floor.py)", "flask --app wsgi courts list", "difference",
                 "the same, compiling the definitions"):
        assert re.search(rf"{re.escape(line)} +[\d.]+ s", result.stdout), result.stdout


def test_small_quarter_benchmark_compares_both_engines_against_the_reading_floor():
    """Does the small-quarter benchmark still load the demo, run both engines and find the same figures?"""
    result = subprocess.run([sys.executable, "bench/small_quarter.py", "--hearings", "60", "--runs", "1"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Figures identical before and after: yes" in result.stdout
    for line in ("reading floor", "before: whole report", "after: whole report (build_report)",
                 "after: work after reading"):
        assert re.search(rf"{re.escape(line)} +[\d.]+ +[\d.]+", result.stdout), result.stdout

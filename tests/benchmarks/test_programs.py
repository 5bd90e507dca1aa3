"""The benchmark suite's programs and tools (benchmarks/).

Checks that every program in the catalog has its files and expected
results, that the Python (and, when gcc is installed, C) versions print the
expected result at the tiny size, that the Elle versions do too once
`elle.vm` exists, and that the runner's parsers and the report work on
canned data. No timing assertions: a benchmark is not a test.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "benchmarks"
sys.path.insert(0, str(BENCH))

import catalog  # noqa: E402
import jitstats  # noqa: E402
import measure  # noqa: E402
import report  # noqa: E402

PROGRAM_NAMES = [p.name for p in catalog.PROGRAMS]


def has_elle_vm() -> bool:
    try:
        return importlib.util.find_spec("elle.vm") is not None
    except ImportError:
        return False


def elle_env():
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_program(argv, env=None, timeout=60):
    p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=env)
    assert p.returncode == 0, p.stderr[-2000:]
    return measure.parse_output(p.stdout)


# --- the catalog -----------------------------------------------------------

def test_catalog_has_at_least_twelve_programs_covering_every_group():
    assert len(catalog.PROGRAMS) >= 12
    groups = {p.group for p in catalog.PROGRAMS}
    assert {"calls", "floats", "integer loops", "lists", "closures", "strings", "hostile"} <= groups


@pytest.mark.parametrize("name", PROGRAM_NAMES)
def test_program_has_its_files_and_expected_results(name):
    program = catalog.BY_NAME[name]
    assert catalog.SCHEME in program.languages and catalog.PYTHON in program.languages
    for language in program.languages:
        assert program.path(language).is_file(), program.path(language)
    for mode in catalog.MODES:
        size = program.size(mode)
        assert re.fullmatch(r"-?\d+", program.expected[size]), (mode, size)
    assert program.size("tiny") < program.size("quick") < program.size("bench")


@pytest.mark.parametrize("name", PROGRAM_NAMES)
def test_default_size_in_every_language_is_the_bench_size(name):
    program = catalog.BY_NAME[name]
    bench = program.size("bench")
    patterns = {catalog.SCHEME: rf"\(bench-size {bench}\)", catalog.PYTHON: rf"else {bench}\n",
                catalog.C: rf": {bench};", catalog.LUA: rf"or {bench}\n"}
    for language in program.languages:
        assert re.search(patterns[language], program.path(language).read_text()), language


@pytest.mark.parametrize("name", PROGRAM_NAMES)
def test_scheme_version_is_portable_r7rs_with_one_import_line(name):
    text = catalog.BY_NAME[name].path(catalog.SCHEME).read_text()
    imports = [line for line in text.splitlines() if line.startswith("(import ")]
    assert imports == ["(import (scheme base) (scheme write) (scheme time) (scheme process-context))"]
    assert "#lang" not in text


def test_select_rejects_unknown_programs():
    assert [p.name for p in catalog.select(["tak", "fib"])] == ["fib", "tak"]
    with pytest.raises(ValueError):
        catalog.select(["no-such-program"])


# --- the programs at the tiny size ----------------------------------------

@pytest.mark.parametrize("name", PROGRAM_NAMES)
def test_python_version_prints_expected_result(name):
    program = catalog.BY_NAME[name]
    size = program.size("tiny")
    result, kernel_ms = run_program([sys.executable, str(program.path(catalog.PYTHON)), str(size)])
    assert result == program.expected[size]
    assert kernel_ms is not None and kernel_ms >= 0


@pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc not installed")
def test_c_versions_print_expected_results(tmp_path):
    for program in catalog.PROGRAMS:
        if not program.has(catalog.C):
            continue
        exe = tmp_path / program.name
        subprocess.run(["gcc", "-O2", "-o", str(exe), str(program.path(catalog.C)), "-lm"], check=True)
        size = program.size("tiny")
        result, _ = run_program([str(exe), str(size)])
        assert result == program.expected[size], program.name


@pytest.mark.skipif(not has_elle_vm(), reason="elle.vm is not importable yet")
@pytest.mark.parametrize("name", PROGRAM_NAMES)
def test_elle_version_prints_expected_result(name):
    program = catalog.BY_NAME[name]
    size = program.size("tiny")
    result, kernel_ms = run_program([sys.executable, "-m", "elle", str(program.path(catalog.SCHEME)), str(size)],
                                    env=elle_env())
    assert result == program.expected[size]
    assert kernel_ms is not None


# --- measuring one run ----------------------------------------------------

def test_parse_output_reads_result_and_kernel_time():
    assert measure.parse_output("noise\nresult: 42\ntime-ms: 12.5\n") == ("42", 12.5)
    assert measure.parse_output("nothing here") == (None, None)


def test_run_once_judges_ok_fail_error_and_timeout():
    py = [sys.executable, "-c"]
    ok = measure.run_once(py + ["print('result: 7'); print('time-ms: 1.5')"], "7", timeout=30)
    assert (ok.status, ok.kernel_ms) == (measure.OK, 1.5)
    assert measure.run_once(py + ["print('result: 8')"], "7", timeout=30).status == measure.FAIL
    assert measure.run_once(py + ["import sys; sys.exit(3)"], "7", timeout=30).status == measure.ERROR
    assert measure.run_once(py + ["print('hello')"], "7", timeout=30).status == measure.ERROR
    slow = measure.run_once(py + ["import time; time.sleep(10)"], "7", timeout=0.5)
    assert slow.status == measure.TIMEOUT
    assert measure.run_once(["/no/such/program"], "7", timeout=30).status == measure.ERROR


def test_cell_statistics_use_ok_runs_and_report_the_worst_status():
    cell = measure.Cell("fib", "elle", 10)
    for ms in (3.0, 1.0, 2.0):
        cell.runs.append(measure.Run(measure.OK, "1", ms, ms + 10))
    assert (cell.status, cell.stat("kernel_ms", "median"), cell.stat("kernel_ms", "min"),
            cell.stat("wall_ms", "max")) == ("ok", 2.0, 1.0, 13.0)
    cell.runs.append(measure.Run(measure.FAIL, "2", 1.0, 1.0, detail="printed '2'"))
    assert cell.status == "FAIL" and cell.detail() == "printed '2'"
    assert measure.Cell("fib", "elle", 10, note="x").status == "skipped"


# --- JIT statistics -------------------------------------------------------

STATS_SUMMARY = """\
JIT statistics:
  compiled:      2 (total 12.5 ms, median 6.0 ms)
  rejected:      1
    my-map: argument 1 is not a fixnum, flonum or boolean
  compile time:  12.5 ms
  native calls:  9000
  bytecode calls: 1000
  bail-outs:     3
  invalidations: 0
"""

STATS_TABLE = """\
JIT statistics:
  function   signature        compile-ms  native-calls  bailouts
  fib        (fixnum)         4.25        1000          0
  loop       (flonum fixnum)  1.75        20            1

  native calls: 1020
  calls: 2000
"""


def test_parse_summary_lines():
    s = jitstats.parse(STATS_SUMMARY)
    assert (s.compiled, s.rejected, s.compile_ms, s.native_calls, s.vm_calls, s.bailouts,
            s.invalidations) == (2, 1, 12.5, 9000, 1000, 3, 0)
    assert s.calls() == 10000 and s.native_share() == 0.9


def test_parse_function_table():
    s = jitstats.parse(STATS_TABLE)
    assert [(f.name, f.compile_ms, f.native_calls, f.bailouts) for f in s.functions] == \
        [("fib", 4.25, 1000, 0), ("loop", 1.75, 20, 1)]
    assert s.compiled == 2 and s.total_compile_ms() == 6.0
    assert s.calls() == 2000 and s.native_share() == 0.51


def test_parse_key_value_function_lines_and_garbage():
    s = jitstats.parse("fib compile=2.5ms native=100 bailouts=0\nSegmentation fault?\n")
    assert [(f.name, f.compile_ms, f.native_calls) for f in s.functions] == [("fib", 2.5, 100)]
    empty = jitstats.parse("error: something else entirely\n")
    assert not empty.found and empty.native_share() is None


STATS_ELLE_TODAY = """\
JIT statistics:
  compiled:      2 (total 588.7 ms, median 294.0 ms)
    fib(fix) -> fix  500.5 ms
    loop(flo, fix) -> flo  88.2 ms
  rejected:      1
    my-map: argument 1 is not a fixnum, flonum or boolean
  native calls:  11
  bail-outs:     0
  invalidations: 0
"""


def test_parse_the_format_elle_prints_today():
    s = jitstats.parse(STATS_ELLE_TODAY)
    assert (s.compiled, s.rejected, s.compile_ms, s.native_calls, s.bailouts) == (2, 1, 588.7, 11, 0)
    assert [(f.name, f.compile_ms) for f in s.functions] == \
        [("fib(fix) -> fix", 500.5), ("loop(flo, fix) -> flo", 88.2)]
    assert s.rejections == [("my-map", "argument 1 is not a fixnum, flonum or boolean")]
    assert s.native_share() is None          # no count of all calls to divide by


def test_break_even_calls():
    s = jitstats.JitStats(compile_ms=10.0, native_calls=1000, vm_calls=0)
    # bytecode: 100 ms / 1000 calls = 0.1 ms a call; native: (20 - 10) / 1000 = 0.01 ms
    assert jitstats.break_even(s, 100.0, 20.0) == pytest.approx(10.0 / 0.09)
    assert jitstats.break_even(s, None, 20.0) is None
    assert jitstats.break_even(jitstats.JitStats(), 100.0, 20.0) is None


# --- the report -----------------------------------------------------------

def write_fake_results(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    header = ["program", "group", "system", "size", "status", "runs", "kernel_ms_median", "kernel_ms_min",
              "kernel_ms_max", "wall_ms_median", "wall_ms_min", "wall_ms_max", "detail"]
    rows = [["fib", "calls", "elle", 15, "ok", 5, 400, 390, 410, 500, 490, 510, ""],
            ["fib", "calls", "elle-jit", 15, "ok", 5, 40, 39, 41, 140, 139, 141, ""],
            ["fib", "calls", "cpython", 15, "ok", 5, 20, 19, 21, 60, 59, 61, ""],
            ["tak", "calls", "elle", 12, "FAIL", 1, "", "", "", 100, 100, 100, "printed '1', expected '5'"],
            ["tak", "calls", "cpython", 12, "ok", 5, 10, 9, 11, 50, 49, 51, ""]]
    with open(folder / "results.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    with open(folder / "jit.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["program", "compiled", "rejected", "compile_ms", "native_calls", "vm_calls",
                    "total_calls", "native_share", "bailouts", "invalidations", "break_even_calls"])
        w.writerow(["fib", 1, 0, "5.000", 1000, 10, 1010, "0.9901", 0, 0, 14])
    (folder / "meta.json").write_text(json.dumps({"date": "today", "size": "tiny", "repeats": 5,
                                                  "machine": {"cpu": "test cpu", "cores": 2},
                                                  "systems": {"elle": "elle 0.1"}, "skipped": {"gcc-O2": "no gcc"}}))


def test_report_writes_tables_and_readme_section(tmp_path, monkeypatch):
    monkeypatch.setattr(report, "bar_chart", lambda *a, **k: False)   # keep the test fast
    write_fake_results(tmp_path / "res")
    report.generate(tmp_path / "res", readme=None)
    md = (tmp_path / "res" / "results.md").read_text()
    assert "| fib | 400 | 40.0 | 20.0 |" in md
    assert "| fib | 20x | 2.0x | 1.0x |" in md          # against CPython
    assert "**FAIL**" in md and "printed '1', expected '5'" in md
    assert "99.0%" in md and "test cpu" in md and "no gcc" in md
    section = (tmp_path / "res" / "README-section.md").read_text()
    assert section.startswith("Generated by") and "| fib | 400 | 40.0 | 20.0 |" in section


def test_splice_readme_replaces_only_between_markers(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{report.START}\nold table\n{report.END}\noutro\n")
    assert report.splice_readme("## Performance\nnew table\n", readme)
    assert readme.read_text() == f"intro\n{report.START}\n## Performance\nnew table\n{report.END}\noutro\n"
    readme.write_text("no markers here\n")
    assert not report.splice_readme("x", readme)
    assert readme.read_text() == "no markers here\n"


STATS_ELLE_WITH_CALLS = """\
JIT statistics:
  compiled:      2 (total 40.0 ms, median 20.0 ms)
    fib(fix) -> fix  17.9 ms  native=21881
    loop(fix, flo, flo) [n: fix] -> flo  22.1 ms  native=599991
  rejected:      0
  native calls:  621872
  bytecode calls: 20
  bail-outs:     0
  invalidations: 0
"""


def test_parse_call_counts_elle_prints():
    s = jitstats.parse(STATS_ELLE_WITH_CALLS)
    assert [(f.name, f.compile_ms, f.native_calls) for f in s.functions] == \
        [("fib(fix) -> fix", 17.9, 21881), ("loop(fix, flo, flo) [n: fix] -> flo", 22.1, 599991)]
    assert (s.native_calls, s.vm_calls, s.calls()) == (621872, 20, 621892)
    assert s.compile_ms == 40.0


def test_incomplete_bytecode_count_stays_unknown():
    text = STATS_ELLE_WITH_CALLS.replace(
        "bytecode calls: 20",
        "bytecode calls: at least 20 (calls of functions left in the VM are not counted)")
    s = jitstats.parse(text)
    assert s.vm_calls is None and s.native_share() is None

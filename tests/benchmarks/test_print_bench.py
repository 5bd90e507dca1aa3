"""benchmarks/print_bench.py at a tiny size: it runs, Elle prints what Guile
prints (when Guile is installed), and the JSON has the fields the README
numbers come from. No timing assertions: a benchmark is not a test."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "benchmarks" / "print_bench.py"


def test_print_bench_runs_and_outputs_agree(tmp_path):
    systems = ["elle", "guile"]         # guile is skipped with a note when absent
    out = tmp_path / "r.json"
    p = subprocess.run([sys.executable, str(BENCH), "--size", "40", "--repeats", "1",
                        "--systems", *systems, "--json", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr
    data = json.loads(out.read_text())
    assert data["outputs_identical"] is True
    elle = data["results"]["elle"]
    assert elle["bytes"] > 0 and elle["median_s"] > 0 and "cpu_median_s" in elle
    assert "elle-startup" in data["results"]
    if shutil.which("guile"):
        assert "vs_guile" in elle and data["results"]["guile"]["bytes"] == elle["bytes"]
    else:
        assert "guile" in p.stdout and "skipped" in p.stdout


def test_the_printing_program_prints_the_expected_lines():
    p = subprocess.run([sys.executable, "-m", "elle", str(REPO / "benchmarks" / "printing" / "printing.scm"), "8"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.split("\n")
    assert lines[:3] == ["0", "1", "line 0 of the output"]
    assert lines[-2] == '("say \\"hi\\"" (a 1 #(1 "x\\\\y" #\\space)) (key . "tab\\there") (1 (2 (3 (4)))))'
    assert len(lines) == 9

"""Turn the raw benchmark results into tables, charts and the README section.

**Owns:** reading a results directory (`results.csv`, `jit.csv`,
`jit-functions.csv`, `meta.json`, all written by `run.py`) and writing
`results.md`, the PNG charts and `README-section.md` into it; splicing that
section into the repository README between the markers
`<!-- bench:start -->` and `<!-- bench:end -->` (for `results/`) or
`<!-- tiers:start -->` and `<!-- tiers:end -->` (for `results/tiers/`)
when they exist.
**Does not touch:** running anything; any README text outside the markers.

    python benchmarks/report.py                    # regenerate from benchmarks/results/
    python benchmarks/report.py DIR --no-readme    # another results directory
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

# Column order in tables and charts, and a fixed colour per system.
SYSTEM_ORDER = ("elle", "elle-vm", "elle-jit", "cpython", "pypy3", "guile", "chez", "racket", "luajit", "gcc-O2")
COLOURS = {"elle": "#d62728", "elle-vm": "#8c564b", "elle-jit": "#ff7f0e", "cpython": "#1f77b4", "pypy3": "#17becf",
           "guile": "#2ca02c", "chez": "#9467bd", "racket": "#8c564b", "luajit": "#e377c2",
           "gcc-O2": "#7f7f7f"}


# --- reading ---------------------------------------------------------------

def read_csv(path: Path) -> list:
    if not path.exists():
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


class Results:
    """The contents of one results directory."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.rows = read_csv(folder / "results.csv")
        self.jit = read_csv(folder / "jit.csv")
        self.jit_functions = read_csv(folder / "jit-functions.csv")
        meta_path = folder / "meta.json"
        self.meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        self.cell = {(r["program"], r["system"]): r for r in self.rows}
        self.programs = list(dict.fromkeys(r["program"] for r in self.rows))
        present = {r["system"] for r in self.rows}
        self.systems = [s for s in SYSTEM_ORDER if s in present] + \
            sorted(present - set(SYSTEM_ORDER))

    def value(self, program, system, column="kernel_ms_median"):
        """A float from an ok cell, else None."""
        r = self.cell.get((program, system))
        if r is None or r["status"] != "ok" or not r[column]:
            return None
        return float(r[column])

    def label(self, program, system, column="kernel_ms_median") -> str:
        r = self.cell.get((program, system))
        if r is None:
            return ""
        if r["status"] != "ok":
            return "**FAIL**" if r["status"] == "FAIL" else r["status"]
        return fmt_ms(float(r[column])) if r[column] else ""

    def ratio(self, program, system, base):
        a, b = self.value(program, system), self.value(program, base)
        if a is None or b is None or b == 0:
            return None
        return a / b


# --- formatting ------------------------------------------------------------

def fmt_ms(ms: float) -> str:
    if ms >= 100:
        return f"{ms:,.0f}"
    if ms >= 10:
        return f"{ms:.1f}"
    return f"{ms:.2f}"


def fmt_number(text: str) -> str:
    """A CSV number for a table: one decimal for floats, blank stays blank."""
    if not text:
        return ""
    try:
        x = float(text)
    except ValueError:
        return text
    return f"{x:.1f}" if "." in text else text


def fmt_ratio(x) -> str:
    if x is None:
        return ""
    if x >= 10:
        return f"{x:.0f}x"
    if x >= 1:
        return f"{x:.1f}x"
    if x >= 0.01:
        return f"{x:.2f}x"
    return f"{x:.1g}x"


def geomean(xs):
    xs = [x for x in xs if x is not None and x > 0]
    if not xs:
        return None
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


_NUMERIC_CELL = re.compile(r"^(\*\*)?[-+]?[\d,.]+(x|%| ms)?(\*\*)?$|^$|^[\d,.]+–[\d,.]+ \(\d+\)$")


def table(header, rows) -> str:
    """A Markdown table; columns whose cells are all numbers are right-aligned."""
    def numeric(i):
        return i > 0 and all(_NUMERIC_CELL.match(str(row[i])) for row in rows if i < len(row))
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---:" if numeric(i) else "---" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


# --- tables ----------------------------------------------------------------

def time_table(res: Results, column="kernel_ms_median") -> str:
    rows = [[p] + [res.label(p, s, column) for s in res.systems] for p in res.programs]
    return table(["program (ms)"] + res.systems, rows)


def spread_table(res: Results) -> str:
    rows = []
    for p in res.programs:
        row = [p]
        for s in res.systems:
            r = res.cell.get((p, s))
            if r is None or r["status"] != "ok" or not r["kernel_ms_min"]:
                row.append("")
            else:
                row.append(f"{fmt_ms(float(r['kernel_ms_min']))}–{fmt_ms(float(r['kernel_ms_max']))} ({r['runs']})")
        rows.append(row)
    return table(["program: min–max ms (runs)"] + res.systems, rows)


def ratio_table(res: Results, base: str) -> str:
    rows = [[p] + [fmt_ratio(res.ratio(p, s, base)) for s in res.systems] for p in res.programs]
    rows.append(["**geometric mean**"] +
                [fmt_ratio(geomean([res.ratio(p, s, base) for p in res.programs])) for s in res.systems])
    return table([f"time / {base}"] + res.systems, rows)


def jit_table(res: Results) -> str:
    if not res.jit:
        return "_No Elle `--jit` runs in these results._"
    rows = []
    for r in res.jit:
        share = r.get("native_share", "")
        rows.append([r["program"], r.get("compiled", ""), r.get("rejected", ""),
                     fmt_number(r.get("compile_ms", "")), r.get("native_calls", ""), r.get("total_calls", ""),
                     f"{float(share) * 100:.1f}%" if share else "", r.get("bailouts", ""),
                     r.get("break_even_calls", "")])
    return table(["program", "compiled", "rejected", "compile ms", "native calls", "all calls",
                  "native share", "bail-outs", "break-even calls"], rows)


def jit_function_table(res: Results) -> str:
    compiled = [r for r in res.jit_functions if not r.get("rejected_because")]
    if not compiled:
        return "_The `--stats` output named no compiled functions._"
    rows = [[r["program"], f"`{r['function']}`", fmt_number(r["compile_ms"]), r["native_calls"], r["bailouts"]]
            for r in compiled]
    return table(["program", "function", "compile ms", "native calls", "bail-outs"], rows)


def jit_rejection_table(res: Results) -> str:
    rejected = [r for r in res.jit_functions if r.get("rejected_because")]
    if not rejected:
        return "_None reported._"
    rows = [[r["program"], f"`{r['function']}`", r["rejected_because"]] for r in rejected]
    return table(["program", "function", "why it stayed in the VM"], rows)


def problems(res: Results) -> list:
    return [f"- **{r['status']}**: `{r['program']}` under `{r['system']}`: {r['detail']}"
            for r in res.rows if r["status"] not in ("ok",)]


def machine_lines(meta: dict) -> list:
    m = meta.get("machine", {})
    return [f"- date: {meta.get('date', '?')}",
            f"- machine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores, {m.get('memory', '?')} RAM",
            f"- OS: {m.get('uname', '?')}",
            f"- sizes: `{meta.get('size', '?')}`; repeats: {meta.get('repeats', '?')} per program and system "
            f"(fewer when one cell would exceed {meta.get('cell_budget_s', '?')} s); "
            f"cap {meta.get('timeout_s', '?')} s per run; whole suite {meta.get('elapsed_s', '?')} s"]


def results_markdown(res: Results, charts: list) -> str:
    meta = res.meta
    out = ["# Benchmark results", "",
           "Generated by `benchmarks/run.py` and `benchmarks/report.py`; do not edit by hand.", ""]
    out += machine_lines(meta) + ["", "## Systems", ""]
    out.append(table(["system", "version"], [[s, v] for s, v in meta.get("systems", {}).items()]))
    skipped = meta.get("skipped", {})
    if skipped:
        out += ["", "Skipped (not available):", ""] + [f"- `{s}`: {why}" for s, why in skipped.items()]
    out += ["", "## Kernel time (median, milliseconds)", "",
            "Measured inside each program around its kernel, so start-up and compilation "
            "before the kernel are excluded; JIT compilation during the kernel is included.", "",
            time_table(res), "", "## Ratios against CPython", "", ratio_table(res, "cpython"), "",
            "## Ratios against Elle bytecode", "", ratio_table(res, "elle"), "",
            "## Whole-process time (median, milliseconds)", "",
            time_table(res, "wall_ms_median"), "", "## Spread of kernel times", "", spread_table(res), "",
            "## JIT (`elle --jit --stats`)", "",
            "Native share = calls executed as native code / all calls of Elle procedures. "
            "Break-even calls = compile time / (bytecode time per call − native time per call), "
            "with per-call times derived from the bytecode and JIT kernel times and the call counts; "
            "blank where the statistics do not give what it needs.", "",
            jit_table(res), "", "### Compiled functions", "", jit_function_table(res), "",
            "### Functions the JIT rejected", "", jit_rejection_table(res), ""]
    bad = problems(res)
    if bad:
        out += ["## Problems", ""] + bad + [""]
    if charts:
        out += ["## Charts", ""] + [f"![{c.stem}]({c.name})" for c in charts] + [""]
    return "\n".join(out)


def readme_section(res: Results, charts: list) -> str:
    rel = res.folder.resolve().relative_to(REPO_DIR) if res.folder.resolve().is_relative_to(REPO_DIR) \
        else res.folder
    # No heading: the README has its own "## Performance" above the markers.
    out = ["Generated by `python benchmarks/run.py` (see `benchmarks/README.md`); "
           f"full tables, JIT statistics and charts in [`{rel}/results.md`]({rel}/results.md).", ""]
    out += machine_lines(res.meta) + ["", "Median kernel time in milliseconds "
                                          "(lower is better; ratios in the full report):", "",
                                      time_table(res), "", ratio_table(res, "cpython"), ""]
    if charts:
        out += [f"![kernel times]({rel}/{charts[0].name})", ""]
    return "\n".join(out)


# --- charts ----------------------------------------------------------------

def bar_chart(res: Results, column: str, title: str, path: Path) -> bool:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    programs, systems = res.programs, res.systems
    if not programs or not systems:
        return False
    width = 0.8 / len(systems)
    fig, ax = plt.subplots(figsize=(max(10, 1.1 * len(programs)), 5.5))
    for i, s in enumerate(systems):
        xs, ys = [], []
        for j, p in enumerate(programs):
            v = res.value(p, s, column)
            if v is not None and v > 0:
                xs.append(j - 0.4 + width * (i + 0.5))
                ys.append(v)
        if ys:
            ax.bar(xs, ys, width=width, label=s, color=COLOURS.get(s))
    ax.set_yscale("log")
    ax.set_xticks(range(len(programs)))
    ax.set_xticklabels(programs, rotation=30, ha="right")
    ax.set_ylabel("milliseconds (log scale)")
    ax.set_title(title)
    ax.grid(axis="y", which="major", alpha=0.3)
    ax.legend(ncol=len(systems), fontsize="small", loc="upper center",
              bbox_to_anchor=(0.5, -0.16), frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def charts(res: Results) -> list:
    made = []
    specs = [("kernel_ms_median", "Kernel time per program (median, log scale)", "kernel-times.png"),
             ("wall_ms_median", "Whole-process time per program (median, log scale)", "process-times.png")]
    for column, title, name in specs:
        path = res.folder / name
        if bar_chart(res, column, title, path):
            made.append(path)
    return made


# --- output ----------------------------------------------------------------

# The results directories whose section goes into the README, and between which markers:
# the whole suite with its peers, and Elle's tiers against CPython
# (`run.py --systems elle elle-vm cpython --out benchmarks/results/tiers`).
README_MARKERS = {
    (BENCH_DIR / "results").resolve(): (START, END),
    (BENCH_DIR / "results" / "tiers").resolve(): ("<!-- tiers:start -->", "<!-- tiers:end -->"),
}


def splice_readme(section: str, readme: Path, markers=(START, END)) -> bool:
    """Replace the text between the markers; False when there are no markers."""
    if not readme.exists():
        return False
    text = readme.read_text()
    start_mark, end_mark = markers
    start, end = text.find(start_mark), text.find(end_mark)
    if start < 0 or end < start:
        return False
    new = text[:start + len(start_mark)] + "\n" + section.rstrip() + "\n" + text[end:]
    if new != text:
        readme.write_text(new)
    return True


def generate(folder: Path, readme: Path | None = REPO_DIR / "README.md") -> None:
    res = Results(Path(folder))
    if not res.rows:
        print(f"report: no results.csv in {folder}", file=sys.stderr)
        return
    made = charts(res)
    (res.folder / "results.md").write_text(results_markdown(res, made))
    section = readme_section(res, made)
    (res.folder / "README-section.md").write_text(section)
    markers = README_MARKERS.get(res.folder.resolve())
    if readme is not None and markers is not None:
        if splice_readme(section, readme, markers):
            print(f"report: updated the performance section of {readme}")
        else:
            print(f"report: no {markers[0]} ... {markers[1]} markers in {readme}; "
                  "section left in README-section.md")
    print(f"report: wrote {res.folder / 'results.md'}" + (f" and {len(made)} chart(s)" if made else
                                                           " (no charts: matplotlib missing)"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Regenerate the benchmark report from raw results.")
    ap.add_argument("folder", nargs="?", type=Path, default=BENCH_DIR / "results")
    ap.add_argument("--no-readme", action="store_true", help="do not touch README.md")
    args = ap.parse_args(argv)
    generate(args.folder, readme=None if args.no_readme else REPO_DIR / "README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Run the benchmark suite: every program under every available system.

**Owns:** the command line, the run loop (prepare, repeat, per-cell time
budget, progress lines, loud FAIL lines), and writing the raw results
(`results.csv`, `runs.csv`, `jit.csv`, `jit-functions.csv`, `meta.json`)
into the output directory; then it calls `report.py` to build the tables
and charts. **Does not touch:** how a system runs a program
(`systems.py`), judging one run (`measure.py`), report layout (`report.py`).

    python benchmarks/run.py                       # the full suite -> benchmarks/results/
    python benchmarks/run.py --quick               # small sizes, 3 repeats -> results/quick/
    python benchmarks/run.py --systems elle cpython --programs fib tak --repeats 3

Every system runs the same sizes. Runs are strictly one at a time, and a
program's systems take turns (one run each, round after round), so a slow
spell of the machine is shared by all of them. Each (program, system) cell
repeats `--repeats` times (default 5) unless the first run shows that would
take longer than `--cell-budget` seconds; then it repeats as often as fits
(at least once) and the report shows the count.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import catalog  # noqa: E402
import jitstats  # noqa: E402
import measure  # noqa: E402
import systems  # noqa: E402

BENCH_DIR = Path(__file__).resolve().parent


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description="Run Elle's benchmark suite against its peers.")
    ap.add_argument("--quick", action="store_true",
                    help="small sizes and 3 repeats; writes to results/quick/")
    ap.add_argument("--size", choices=catalog.MODES,
                    help="which catalog size to run (default bench, or quick with --quick)")
    ap.add_argument("--repeats", type=int, help="runs per program and system (default 5; 3 with --quick)")
    ap.add_argument("--timeout", type=float, default=60.0, help="wall-clock cap per run in seconds (default 60)")
    ap.add_argument("--cell-budget", type=float, default=45.0,
                    help="seconds one (program, system) cell may take before repeats are cut (default 45)")
    ap.add_argument("--systems", nargs="+", metavar="SYSTEM", help="subset of: " + " ".join(systems.NAMES))
    ap.add_argument("--programs", nargs="+", metavar="PROGRAM",
                    help="subset of: " + " ".join(p.name for p in catalog.PROGRAMS))
    ap.add_argument("--elle-python", help="the Python that runs `-m elle` (default: this one)")
    ap.add_argument("--cpython", help="the CPython to compare with (default: this one)")
    ap.add_argument("--out", type=Path, help="output directory (default results/, or results/quick/)")
    ap.add_argument("--no-report", action="store_true", help="write the raw results only")
    ap.add_argument("--list", action="store_true", help="list programs and systems, then exit")
    args = ap.parse_args(argv)
    args.size = args.size or ("quick" if args.quick else "bench")
    args.repeats = args.repeats or (3 if args.quick else 5)
    if args.out is None:
        args.out = BENCH_DIR / "results" / ("quick" if args.size != "bench" else "")
    return args


def machine_description() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    u = platform.uname()
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem,
            "uname": f"{u.system} {u.release} {u.version} {u.machine}"}


class _Cell:
    """One (program, system) pair while its runs are taken in turns."""

    def __init__(self, system, program, size, args, log):
        self.system, self.program = system, program
        self.cell = measure.Cell(program.name, system.name, size)
        self.stats = []
        self.expected = program.expected[size]
        self.planned = args.repeats
        self.done = False
        try:
            system.prepare(program)
        except (systems.PrepareError, OSError) as e:
            self.cell.note = f"prepare failed: {e}"
            log(f"  {program.name:<11} {system.name:<9} PREPARE FAILED: {e}")
            self.done = True
            return
        self.argv = system.command(program, size)
        self.env = system.env()

    def run_one(self, args, log) -> None:
        cell, system = self.cell, self.system
        run = measure.run_once(self.argv, self.expected, args.timeout, env=self.env)
        cell.runs.append(run)
        if system.wants_stats() and run.status == measure.OK:
            self.stats.append(jitstats.parse(run.stderr))
        if run.status == measure.FAIL:
            log(f"*** FAIL: {self.program.name} under {system.name}: {run.detail}")
        if len(cell.runs) == 1:
            per_run = max(run.wall_ms / 1000.0, 1e-3)
            self.planned = max(1, min(args.repeats, int(args.cell_budget // per_run)))
        if run.status != measure.OK or len(cell.runs) >= self.planned:
            self.done = True

    def finish(self, args) -> None:
        if self.stats and self.cell.runs and self.cell.runs[-1].status == measure.OK:
            # the call counts come from one more run with native call counting on
            run = measure.run_once(self.argv, self.expected, args.timeout,
                                   env=self.system.stats_env())
            if run.status == measure.OK:
                self.stats.insert(0, jitstats.parse(run.stderr))


def run_program(program, chosen, size, args, log) -> list:
    """All runs of one program under each system in `chosen`, taken in
    turns (one run of each system, then the next round), so that a slow
    spell of a noisy machine falls on every system of the program alike
    instead of on one cell: [(Cell, [JitStats])] in the order of `chosen`."""
    pairs = [_Cell(s, program, size, args, log) for s in chosen]
    while True:
        pending = [c for c in pairs if not c.done]
        if not pending:
            break
        for c in pending:
            c.run_one(args, log)
    for c in pairs:
        c.finish(args)
    return [(c.cell, c.stats) for c in pairs]


def describe(cell) -> str:
    n = len(cell.runs)
    med, lo, hi = (cell.stat("kernel_ms", h) for h in ("median", "min", "max"))
    wall = cell.stat("wall_ms", "median")
    if med is None:
        return f"{cell.status:<8} {cell.detail()}"
    return (f"{cell.status:<8} {n} run(s)  kernel {med:10.1f} ms ({lo:.1f}-{hi:.1f})  "
            f"process {wall:10.1f} ms")


def pick_stats(stats_list):
    """One JitStats for a cell: the counts of the first run, median compile time."""
    found = [s for s in stats_list if s.found]
    if not found:
        return None
    chosen = found[0]
    times = [s.compile_ms for s in found if s.compile_ms is not None]
    if times:
        chosen.compile_ms = statistics.median(times)
    return chosen


def write_results(out: Path, cells, jit, meta):
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "results.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["program", "group", "system", "size", "status", "runs",
                    "kernel_ms_median", "kernel_ms_min", "kernel_ms_max",
                    "wall_ms_median", "wall_ms_min", "wall_ms_max", "detail"])
        for c in cells:
            row = [c.program, catalog.BY_NAME[c.program].group, c.system, c.size, c.status, len(c.runs)]
            for attr in ("kernel_ms", "wall_ms"):
                for how in ("median", "min", "max"):
                    v = c.stat(attr, how)
                    row.append("" if v is None else f"{v:.3f}")
            row.append(c.detail())
            w.writerow(row)
    with open(out / "runs.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["program", "system", "size", "run", "status", "kernel_ms", "wall_ms", "detail"])
        for c in cells:
            for i, r in enumerate(c.runs, 1):
                w.writerow([c.program, c.system, c.size, i, r.status,
                            "" if r.kernel_ms is None else f"{r.kernel_ms:.3f}", f"{r.wall_ms:.3f}", r.detail])
    write_jit(out, jit)
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")


def _blank(v, fmt="{}"):
    return "" if v is None else fmt.format(v)


def write_jit(out: Path, jit: dict):
    """jit.csv (one row per program) and jit-functions.csv (one per compiled function)."""
    with open(out / "jit.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["program", "compiled", "rejected", "compile_ms", "native_calls", "vm_calls",
                    "total_calls", "native_share", "bailouts", "invalidations", "break_even_calls"])
        for program, (s, be) in jit.items():
            if s is None:
                w.writerow([program] + [""] * 10)
                continue
            w.writerow([program, _blank(s.compiled), _blank(s.rejected), _blank(s.total_compile_ms(), "{:.3f}"),
                        _blank(s.native_calls), _blank(s.vm_calls), _blank(s.calls()),
                        _blank(s.native_share(), "{:.4f}"), _blank(s.bailouts), _blank(s.invalidations),
                        _blank(be, "{:.0f}")])
    with open(out / "jit-functions.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["program", "function", "compile_ms", "native_calls", "bailouts", "rejected_because"])
        for program, (s, _) in jit.items():
            for fs in (s.functions if s else []):
                w.writerow([program, fs.name, _blank(fs.compile_ms, "{:.3f}"),
                            _blank(fs.native_calls), _blank(fs.bailouts), ""])
            for name, reason in (s.rejections if s else []):
                w.writerow([program, name, "", "", "", reason])


def jit_summary(cells, jit_stats) -> dict:
    """program -> (JitStats or None, break-even calls or None)."""
    kernel = {(c.program, c.system): c.stat("kernel_ms", "median") for c in cells}
    out = {}
    for program, stats_list in jit_stats.items():
        s = pick_stats(stats_list)
        be = None
        if s is not None:
            be = jitstats.break_even(s, kernel.get((program, "elle")), kernel.get((program, "elle-jit")))
        out[program] = (s, be)
    return out


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        programs = catalog.select(args.programs)
        chosen = systems.make_systems(args.systems, BENCH_DIR / "build",
                                      elle_python=args.elle_python, cpython=args.cpython)
    except ValueError as e:
        print(f"run.py: {e}", file=sys.stderr)
        return 2
    if args.list:
        for p in catalog.PROGRAMS:
            print(f"{p.name:<11} {p.group:<14} {'/'.join(p.languages):<12} {p.summary}")
        print("systems:", " ".join(systems.NAMES))
        return 0

    def log(msg):
        print(msg, flush=True)

    started = time.time()
    meta = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine_description(), "size": args.size, "repeats": args.repeats,
            "timeout_s": args.timeout, "cell_budget_s": args.cell_budget,
            "systems": {}, "skipped": {}}
    ready = []
    for s in chosen:
        ok, why = s.available()
        if ok:
            meta["systems"][s.name] = s.version()
            ready.append(s)
            log(f"system {s.name:<9} {meta['systems'][s.name]}")
        else:
            meta["skipped"][s.name] = why
            log(f"system {s.name:<9} SKIPPED: {why}")

    cells, jit_stats = [], {}
    for program in programs:
        size = program.size(args.size)
        chosen = [s for s in ready if program.has(s.language)]
        for s, (cell, stats) in zip(chosen, run_program(program, chosen, size, args, log)):
            cells.append(cell)
            if s.wants_stats():
                jit_stats[program.name] = stats
            log(f"  {program.name:<11} {s.name:<9} {describe(cell)}")

    meta["elapsed_s"] = round(time.time() - started, 1)
    jit = jit_summary(cells, jit_stats)
    write_results(args.out, cells, jit, meta)
    log(f"wrote {args.out} ({meta['elapsed_s']} s)")
    if not args.no_report:
        import report
        report.generate(args.out)
    bad = [c for c in cells if c.status in (measure.FAIL, measure.ERROR)]
    for c in bad:
        log(f"*** {c.status}: {c.program} under {c.system}: {c.detail()}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

"""Printing speed: Elle against Guile on a display/write-heavy program.

**Owns:** running `printing/printing.scm` (display of integers, strings and
flat lists, write of nested data with escapes; SIZE lines in all) under
Elle (tiered, and `--no-jit`) and Guile, with standard output going into a
pipe that this script reads and throws away; the medians of several runs;
the ratio of each Elle system to Guile; and a check that every system
printed exactly the same bytes. **Does not touch:** the main suite
(`run.py`, `catalog.py`): its programs print two lines, this one prints
hundreds of thousands, and its time is the whole process's.

    python benchmarks/print_bench.py                  # size 200000, 5 runs each
    python benchmarks/print_bench.py --size 20000 --repeats 3 --systems elle
    python benchmarks/print_bench.py --json out.json  # also write the numbers

Guile is skipped with a note when it is not installed (see setup-peers.sh);
one untimed run first fills its compile cache. The Elle start-up time (`elle
-e 0`) is reported too, so the printing cost can be told from the fixed one.
Run it with the Python that has Elle installed (the project's venv).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
PROGRAM = BENCH_DIR / "printing" / "printing.scm"


def elle_env() -> dict:
    env = dict(os.environ)
    src = str(REPO_DIR / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["ELLE_JIT_CACHE"] = "off"
    return env


def systems(python: str) -> dict:
    """name -> (argv prefix before the program, environment, available?, why not)."""
    found = shutil.which("guile") is not None
    return {
        "elle": ([python, "-m", "elle"], elle_env(), True, ""),
        "elle-vm": ([python, "-m", "elle", "--no-jit"], elle_env(), True, ""),
        "guile": (["guile", "--r7rs"], None, found, "`guile` not found on PATH"),
    }


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_piped(argv, env, timeout: float):
    """(wall seconds, CPU seconds, output bytes, stderr text) of one run
    whose stdout is a pipe. CPU time (user + system, of the child) moves
    less than wall time on a busy machine."""
    cpu0 = _child_cpu()
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        raise RuntimeError(f"{argv[0]}: killed after {timeout:g} s") from None
    seconds = time.perf_counter() - t0
    cpu = _child_cpu() - cpu0
    if p.returncode != 0:
        tail = (err.decode(errors="replace").strip().splitlines() or ["(no stderr)"])[-1]
        raise RuntimeError(f"{' '.join(argv)}: exit status {p.returncode}: {tail}")
    return seconds, cpu, out, err.decode(errors="replace")


def measure(argv, env, repeats: int, timeout: float) -> dict:
    """Medians (and min, max) of wall and CPU seconds; the first run's output."""
    walls, cpus, first = [], [], None
    for _ in range(repeats):
        seconds, cpu, out, _ = run_piped(argv, env, timeout)
        walls.append(seconds)
        cpus.append(cpu)
        if first is None:
            first = out
    return {"median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls),
            "cpu_median_s": statistics.median(cpus), "output": first}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=200000, help="lines printed (default 200000)")
    ap.add_argument("--repeats", type=int, default=5, help="runs per system (default 5)")
    ap.add_argument("--systems", nargs="+", default=["elle", "elle-vm", "guile"],
                    help="any of: elle elle-vm guile")
    ap.add_argument("--python", default=sys.executable, help="the Python that runs `-m elle`")
    ap.add_argument("--timeout", type=float, default=300.0, help="cap per run in seconds")
    ap.add_argument("--json", type=Path, help="also write the results to this file")
    args = ap.parse_args(argv)

    table = systems(args.python)
    unknown = [s for s in args.systems if s not in table]
    if unknown:
        ap.error("unknown system(s): " + ", ".join(unknown))
    results, outputs = {}, {}
    print(f"printing benchmark: {PROGRAM.name} {args.size}, stdout to a pipe, "
          f"median of {args.repeats}")
    for name in args.systems:
        prefix, env, ok, why = table[name]
        if not ok:
            print(f"  {name:8s} skipped: {why}")
            continue
        command = [*prefix, str(PROGRAM), str(args.size)]
        try:
            if name == "guile":     # fill Guile's compile cache, untimed
                run_piped([*prefix, str(PROGRAM), "4"], env, args.timeout)
            r = measure(command, env, args.repeats, args.timeout)
        except (OSError, RuntimeError) as e:
            print(f"  {name:8s} error: {e}")
            continue
        outputs[name] = r.pop("output")
        r["bytes"] = len(outputs[name])
        results[name] = r
        print(f"  {name:8s} wall {r['median_s']:7.3f} s (min {r['min_s']:.3f}, max {r['max_s']:.3f})"
              f"  cpu {r['cpu_median_s']:7.3f} s  {r['bytes']} bytes")
    if "elle" in args.systems:
        prefix, env, _, _ = table["elle"]
        r = measure([*prefix, "-e", "0"], env, args.repeats, args.timeout)
        r.pop("output")
        results["elle-startup"] = r
        print(f"  elle start-up (elle -e 0): wall {r['median_s']:.3f} s  cpu {r['cpu_median_s']:.3f} s")
    if "guile" in results:
        base = results["guile"]
        for name in results:
            if name.startswith("elle") and name != "elle-startup":
                r = results[name]
                r["vs_guile"] = r["median_s"] / base["median_s"]
                r["cpu_vs_guile"] = r["cpu_median_s"] / base["cpu_median_s"]
                print(f"  {name} / guile: {r['vs_guile']:.2f}x wall, {r['cpu_vs_guile']:.2f}x cpu")
    same = len({bytes(o) for o in outputs.values()}) <= 1
    if len(outputs) > 1:
        print("  outputs identical: " + ("yes" if same else "NO"))
    if args.json:
        args.json.write_text(json.dumps({"size": args.size, "repeats": args.repeats,
                                         "results": results, "outputs_identical": same},
                                        indent=2) + "\n")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

"""The performance targets the issues set, measured side by side in one run.

**Owns:** `python benchmarks/targets.py`, which measures

* the bytecode VM against CPython on the same algorithms, in one process,
  interleaved rounds, median of the per-round ratios: naive `fib 25`, a
  tail-recursive loop of 10^6 iterations, and a closure-heavy loop (2*10^5
  calls of `((make-adder i) acc)`); targets <= 15x (fib), <= 10x (others);
* the JIT on naive `fib 32`, `tak 24 16 8` and a 10^7-iteration float loop
  (`fsum`), each as a whole program: Elle bytecode, Elle `--jit`, CPython and
  `gcc -O2`, kernel time measured inside the program (for `--jit` that
  includes compiling the kernel: cold, with the on-disk code cache off, and
  warm, with the cache an earlier run filled); and the JIT's steady state: the same
  program's kernel run again in the same process once it is compiled
  (`(main)` evaluated 1 + STEADY_RUNS times, median of the later runs); with the JIT's
  compile time (from `--stats`) and the break-even call count (calls after
  which JIT mode is ahead: compile time / (bytecode time per call - native
  time per call)); targets: JIT >= 50x bytecode and >= 20x CPython on fib,
  within 2x of C, median compile time <= 10 ms.

It writes `results/targets.md` and splices it into README.md between
`<!-- targets:start -->` and `<!-- targets:end -->`. Every result is checked
against CPython's. **Does not touch:** the main suite (`run.py`).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "programs"
RESULTS = HERE / "results"
README = HERE.parent / "README.md"

# -- part A: the bytecode VM against CPython, in one process -------------------

VM_SRC = """
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (loop i acc) (if (= i 0) acc (loop (- i 1) (+ acc 1))))
(define (make-adder n) (lambda (x) (+ x n)))
(define (closures n) (let lp ((i 0) (acc 0)) (if (= i n) acc (lp (+ i 1) ((make-adder i) acc)))))
"""


def py_fib(n):
    return n if n < 2 else py_fib(n - 1) + py_fib(n - 2)


def py_loop(i, acc):
    while i != 0:
        i, acc = i - 1, acc + 1
    return acc


def py_closures(n):
    def make_adder(k):
        return lambda x: x + k
    acc = 0
    for i in range(n):
        acc = make_adder(i)(acc)
    return acc


VM_CASES = [
    ("fib 25", "(fib 25)", lambda: py_fib(25), 15),
    ("tail loop 10^6", "(loop 1000000 0)", lambda: py_loop(1000000, 0), 10),
    ("closures 2*10^5", "(closures 200000)", lambda: py_closures(200000), 10),
]


def measure_vm(rounds: int):
    sys.path.insert(0, str(HERE.parent / "src"))
    from elle import Interpreter, config
    cfg = config.from_environ()
    cfg.jit = cfg.tier1 = False         # the bytecode VM alone
    interp = Interpreter(config=cfg)
    interp.eval(VM_SRC)
    ratios = {name: [] for name, *_ in VM_CASES}
    times = {name: ([], []) for name, *_ in VM_CASES}
    for _ in range(rounds):
        for name, expr, py, _target in VM_CASES:
            t0 = time.perf_counter()
            got = interp.eval(expr)
            t1 = time.perf_counter()
            want = py()
            t2 = time.perf_counter()
            if got != want:
                raise SystemExit(f"targets: {name}: Elle gave {got}, CPython {want}")
            times[name][0].append(t1 - t0)
            times[name][1].append(t2 - t1)
            ratios[name].append((t1 - t0) / (t2 - t1))
    rows = []
    for name, _expr, _py, target in VM_CASES:
        rows.append((name, statistics.median(times[name][0]) * 1e3,
                     statistics.median(times[name][1]) * 1e3,
                     statistics.median(ratios[name]), target))
    return rows


# -- part B: the JIT, whole programs --------------------------------------------

JIT_CASES = [("fib", "32", "fib 32"), ("tak", "24", "tak 24 16 8"), ("fsum", "10000000", "float loop 10^7")]


def count_calls(program: str, size: int) -> int:
    """Calls of the kernel's hot procedure (loop iterations for fsum)."""
    if program == "fib":
        a, b = 1, 1      # calls(n) = 2*fib(n+1) - 1
        for _ in range(size):
            a, b = b, a + b
        return 2 * a - 1
    if program == "tak":
        import functools

        @functools.lru_cache(maxsize=None)
        def tak(x, y, z):
            if not y < x:
                return z, 1
            a, ca = tak(x - 1, y, z)
            b, cb = tak(y - 1, z, x)
            c, cc = tak(z - 1, x, y)
            v, cv = tak(a, b, c)
            return v, 1 + ca + cb + cc + cv
        return tak(size, size * 2 // 3, size // 3)[1]
    return size


def run_program(argv, timeout=600, cache="off"):
    """(result, kernel ms, stderr) of one run; `cache` is ELLE_JIT_CACHE."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ELLE_")}
    env["ELLE_JIT_CACHE"] = cache
    env["ELLE_JIT_COUNT_CALLS"] = "0"      # --stats for compile times, native code as users run it
    p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=env)
    if p.returncode != 0:
        raise SystemExit(f"targets: {' '.join(argv)} failed:\n{p.stderr[-2000:]}")
    result = re.search(r"^result: (.*)$", p.stdout, re.M).group(1).strip()
    ms = float(re.search(r"^time-ms: ([0-9.eE+-]+)", p.stdout, re.M).group(1))
    return result, ms, p.stderr


STEADY_RUNS = 5
STEADY_DRIVER = (
    "import sys; from elle import Interpreter; "
    "i = Interpreter(jit=True, argv=sys.argv[1:]); "
    "i.eval(open(sys.argv[1]).read(), sys.argv[1]); "
    "[i.eval('(main)') for _ in range({runs})]")


def run_steady(elle_python: str, src: Path, size: str):
    """(result, median kernel ms of the runs after the first) in one --jit process."""
    argv = [elle_python, "-c", STEADY_DRIVER.format(runs=STEADY_RUNS), str(src), size]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ELLE_")}
    env["ELLE_JIT_CACHE"] = "off"
    p = subprocess.run(argv, capture_output=True, text=True, timeout=600, env=env)
    if p.returncode != 0:
        raise SystemExit(f"targets: steady-state run of {src.name} failed:\n{p.stderr[-2000:]}")
    results = re.findall(r"^result: (.*)$", p.stdout, re.M)
    times = [float(t) for t in re.findall(r"^time-ms: ([0-9.eE+-]+)", p.stdout, re.M)]
    if len(set(results)) != 1 or len(times) != STEADY_RUNS + 1:
        raise SystemExit(f"targets: steady-state run of {src.name}: {p.stdout[-2000:]}")
    return results[0].strip(), statistics.median(times[1:])


def compile_ms(stats_text: str) -> list[float]:
    return [float(m) for m in re.findall(r"->\s*\S+\s+([0-9.]+) ms", stats_text)]


def measure_jit(repeats: int, elle_python: str, python: str):
    systems = {
        "elle": [elle_python, "-m", "elle", "--no-jit"],
        "elle-jit": [elle_python, "-m", "elle", "--jit", "--stats"],
        "elle-jit-warm": [elle_python, "-m", "elle", "--jit", "--stats"],
        "cpython": [python],
    }
    build = Path(tempfile.mkdtemp(prefix="elle-targets-"))
    warm_cache = str(build / "jit-cache")
    have_gcc = shutil.which("gcc") is not None
    rows = []
    compiles: list[float] = []
    warm_compiles: list[float] = []
    for program, size, label in JIT_CASES:
        cells, result = {}, None
        for sysname, cmd in systems.items():
            src = PROGRAMS / (program + (".py" if sysname == "cpython" else ".scm"))
            times = []
            cache = "off"
            if sysname == "elle-jit-warm":      # a first run fills the cache
                cache = warm_cache
                run_program([*cmd, str(src), size], cache=cache)
            for _ in range(repeats):
                r, ms, err = run_program([*cmd, str(src), size], cache=cache)
                times.append(ms)
                if sysname == "elle-jit":
                    compiles.extend(compile_ms(err))
                elif sysname == "elle-jit-warm":
                    warm_compiles.extend(compile_ms(err))
                if result is None:
                    result = r
                elif r != result:
                    raise SystemExit(f"targets: {program}: {sysname} gave {r}, expected {result}")
            cells[sysname] = statistics.median(times)
        r, cells["elle-jit-steady"] = run_steady(elle_python, PROGRAMS / f"{program}.scm", size)
        if r != result:
            raise SystemExit(f"targets: {program}: steady-state --jit gave {r}, expected {result}")
        if have_gcc and (PROGRAMS / f"{program}.c").exists():
            exe = build / program
            subprocess.run(["gcc", "-O2", "-o", str(exe), str(PROGRAMS / f"{program}.c"), "-lm"],
                           check=True)
            times = []
            for _ in range(repeats):
                r, ms, _ = run_program([str(exe), size])
                if r != result:
                    raise SystemExit(f"targets: {program}: C gave {r}, expected {result}")
                times.append(ms)
            cells["gcc-O2"] = statistics.median(times)
        rows.append((label, program, int(size), cells))
    shutil.rmtree(build, ignore_errors=True)
    return rows, compiles, warm_compiles


# -- report ---------------------------------------------------------------------

def fmt(ms: float) -> str:
    return f"{ms:,.0f}" if ms >= 100 else f"{ms:.3g}"


def report(vm_rows, jit_rows, compiles, warm_compiles, repeats, rounds) -> str:
    out = ["Measured by `python benchmarks/targets.py` on "
           f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} (2-core machine; medians).", ""]
    out += ["**Bytecode VM against CPython** (same algorithm, one process, "
            f"{rounds} interleaved rounds, median of per-round ratios):", "",
            "| program | Elle bytecode (ms) | CPython (ms) | ratio | target |",
            "|---|---:|---:|---:|---:|"]
    for name, e, p, ratio, target in vm_rows:
        mark = "met" if ratio <= target else "not met"
        out.append(f"| {name} | {fmt(e)} | {fmt(p)} | {ratio:.1f}x | <= {target}x ({mark}) |")
    out += ["", "**JIT, whole programs** (kernel time measured inside the program, so it "
            "includes compiling the kernel; median of "
            f"{repeats}). *cold*: `ELLE_JIT_CACHE=off`, every function compiled; *warm*: the "
            "on-disk code cache filled by an earlier run of the same program:", "",
            "| program | bytecode (ms) | --jit cold (ms) | --jit warm (ms) | CPython (ms) | "
            "gcc -O2 (ms) | cold vs bytecode | vs CPython cold / warm | JIT / C cold / warm | "
            "break-even calls |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    steady = ["", "**JIT steady state** (the kernel run again in the same process after it "
              f"was compiled, median of {STEADY_RUNS} runs; the other columns as above):", "",
              "| program | --jit steady (ms) | speed-up vs bytecode | vs CPython | JIT / C |",
              "|---|---:|---:|---:|---:|"]
    med_compile = statistics.median(compiles) if compiles else None
    for label, program, size, c in jit_rows:
        b, j, w, p, cc = (c["elle"], c["elle-jit"], c["elle-jit-warm"], c["cpython"],
                          c.get("gcc-O2"))
        calls = count_calls(program, size)
        per_b, per_j = b / calls, j / calls
        if med_compile is not None and per_b > per_j:
            breakeven = f"{med_compile / (per_b - per_j):,.0f}"
        else:
            breakeven = "n/a"
        ratio_c = f"{j / cc:.1f}x / {w / cc:.1f}x" if cc else "n/a"
        out.append(f"| {label} | {fmt(b)} | {fmt(j)} | {fmt(w)} | {fmt(p)} | "
                   f"{fmt(cc) if cc else 'n/a'} | {b / j:.0f}x | {p / j:.1f}x / {p / w:.1f}x | "
                   f"{ratio_c} | {breakeven} |")
        st = c["elle-jit-steady"]
        steady.append(f"| {label} | {fmt(st)} | {b / st:.0f}x | {p / st:.1f}x | "
                      + (f"{st / cc:.2f}x |" if cc else "n/a |"))
    out += steady
    if med_compile is not None:
        out += ["", f"Median compile time per function (cold): {med_compile:.1f} ms "
                f"(target <= 10 ms; {len(compiles)} compilations); with the code cache warm: "
                f"{statistics.median(warm_compiles):.1f} ms. Break-even uses the cold median "
                "and the per-call times above."]
    return "\n".join(out) + "\n"


def splice(text: str) -> None:
    if not README.exists():
        return
    s = README.read_text(encoding="utf-8")
    start, end = "<!-- targets:start -->", "<!-- targets:end -->"
    if start not in s or end not in s:
        return
    head, rest = s.split(start, 1)
    _, tail = rest.split(end, 1)
    README.write_text(head + start + "\n" + text + end + tail, encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--elle-python", default=sys.executable)
    ap.add_argument("--python", default=sys.executable)
    args = ap.parse_args(argv)
    vm_rows = measure_vm(args.rounds)
    jit_rows, compiles, warm_compiles = measure_jit(args.repeats, args.elle_python, args.python)
    text = report(vm_rows, jit_rows, compiles, warm_compiles, args.repeats, args.rounds)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "targets.md").write_text("# Performance targets\n\n" + text, encoding="utf-8")
    splice(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

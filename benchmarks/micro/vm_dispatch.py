"""Micro-benchmarks of the VM's dispatch loop, for before/after comparisons.

**Owns:** a handful of tiny Elle programs timed with pyperf through
`elle.Interpreter` in this process (no start-up, no file reading): a call-
heavy recursion, a tail-call loop, closure calls, vector access and
floating-point arithmetic. **Does not touch:** the benchmark suite
(`benchmarks/run.py`), Elle itself.

    python benchmarks/micro/vm_dispatch.py -o before.json        # on the old VM
    python benchmarks/micro/vm_dispatch.py -o after.json         # on the new VM
    python -m pyperf compare_to before.json after.json --table
    python benchmarks/micro/vm_dispatch.py --fast                # a quick look
    python benchmarks/micro/vm_dispatch.py --elle-jit=1 -o jit.json   # with the JIT

Each benchmark builds one interpreter per pyperf worker process, defines
its procedures once, and then times only the call `(NAME ARG)`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyperf

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from elle import Interpreter  # noqa: E402

# name -> (definitions, the timed expression)
PROGRAMS = {
    "fib-20": ("""
        (define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
        """, "(fib 20)"),
    "tail-loop-100k": ("""
        (define (count-to n)
          (let loop ((i 0)) (if (< i n) (loop (+ i 1)) i)))
        """, "(count-to 100000)"),
    "closure-calls-50k": ("""
        (define (make-adder k) (lambda (x) (+ x k)))
        (define (call-closures n)
          (let ((add1 (make-adder 1)) (add2 (make-adder 2)))
            (let loop ((i 0) (acc 0))
              (if (= i n) acc (loop (+ i 1) (add2 (add1 acc)))))))
        """, "(call-closures 50000)"),
    "vector-sum-100k": ("""
        (define v (make-vector 1000 3))
        (define (vector-sum rounds)
          (let outer ((r 0) (acc 0))
            (if (= r rounds)
                acc
                (let inner ((i 0) (acc acc))
                  (if (= i 1000) (outer (+ r 1) acc)
                      (inner (+ i 1) (+ acc (vector-ref v i))))))))
        """, "(vector-sum 100)"),
    "float-loop-100k": ("""
        (define (float-loop n)
          (let loop ((i 0) (x 0.0))
            (if (= i n) x (loop (+ i 1) (+ (* x 0.5) 1.0)))))
        """, "(float-loop 100000)"),
}


def make_bench(interp, expression):
    """A function pyperf can time: evaluates `expression` `loops` times."""
    def bench(loops):
        t0 = pyperf.perf_counter()
        for _ in range(loops):
            interp.eval(expression)
        return pyperf.perf_counter() - t0
    return bench


def add_cmdline_args(cmd, args):
    """Forward our own options to pyperf's worker processes."""
    if args.elle_jit:
        cmd.append("--elle-jit=" + args.elle_jit)
    if args.only:
        cmd.extend(["--only", *args.only])


def main():
    runner = pyperf.Runner(add_cmdline_args=add_cmdline_args)
    runner.argparser.add_argument("--elle-jit", metavar="N", default="",
                                  help="run with the JIT on (threshold N calls); default: bytecode only")
    runner.argparser.add_argument("--only", nargs="+", choices=sorted(PROGRAMS),
                                  help="run only these micro-benchmarks")
    args = runner.parse_args()
    runner.metadata["elle_mode"] = f"jit={args.elle_jit}" if args.elle_jit else "bytecode"
    interp = Interpreter(jit=args.elle_jit) if args.elle_jit else Interpreter(jit=False)
    for name, (definitions, expression) in PROGRAMS.items():
        if args.only and name not in args.only:
            continue
        interp.eval_text(definitions, f"<{name}>")
        runner.bench_time_func(name, make_bench(interp, expression))


if __name__ == "__main__":
    main()

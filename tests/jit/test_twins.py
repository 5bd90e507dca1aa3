"""JIT twins (jit.lower): a small function making one real call of itself
is unrolled one level through an always-inlined copy. Results, bail-outs
(overflow, depth) and call counts must be those of the VM; a function with
several real self calls gets no twin."""

import pytest

pytest.importorskip("llvmlite")

from elle import Interpreter

from support import counting_config

SRC = """
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (big n) (if (< n 2) 4611686018427387904 (+ (big (- n 1)) (big (- n 2)))))
(define (scaled n) (* 3 (fib n)))
(define (down n) (if (= n 0) 0 (- (down (- n 1)) 1)))
(define (tak x y z)
  (if (not (< y x)) z (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y))))
"""


def run(expr, jit, counting=False):
    i = Interpreter(jit=jit, config=counting_config() if counting else None)
    i.eval(SRC)
    return i, i.eval(expr)


def lowered_twins(name):
    """The (function, twin) names of `name`'s batch."""
    from elle.jit import pipeline
    seen = []
    original = pipeline.NativeBackend._link

    def spy(self, be, ml, *rest):
        seen.append(list(ml.twins))
        return original(self, be, ml, *rest)

    pipeline.NativeBackend._link = spy
    try:
        i, _ = run(f"({name} 5 3 1)" if name == "tak" else f"({name} 5)", 1)
    finally:
        pipeline.NativeBackend._link = original
    assert i.jit.stats.compiled
    return seen[-1]


@pytest.mark.parametrize("expr", ["(fib 25)", "(big 10)", "(down 10)", "(down 1000000)",
                                  "(tak 18 12 6)"])
def test_tiers_agree(expr):
    _, want = run(expr, False)
    i, got = run(expr, 1)
    assert got == want
    assert i.jit.stats.compiled


def test_overflow_inside_the_inlined_twin_gives_the_exact_result():
    i, got = run("(big 12)", 1)
    assert got == 233 * 4611686018427387904
    assert i.jit.stats.bailouts.get("overflow") == 1


def test_depth_guard_counts_the_twin_as_a_level():
    i, got = run("(down 1000000)", 1)
    assert got == -1000000
    assert i.jit.stats.bailouts.get("depth") == 1


def test_call_counts_are_those_of_the_vm():
    i, got = run("(fib 20)", 1, counting=True)
    c = i.jit.stats.counters()
    assert got == 6765 and c["native-calls"] + c["bytecode-calls"] == 21891


def test_a_caller_compiles_with_a_twinned_callee_in_its_batch():
    # the callee is defined after the caller in the module, whose text calls it
    i, got = run("(scaled 20)", 1)
    assert got == 3 * 6765
    assert "scaled" not in i.jit.stats.rejected
    assert "scaled" in [name for name, _, _ in i.jit.stats.compiled]


def test_which_functions_get_a_twin():
    [(fn, twin)] = lowered_twins("fib")
    assert fn.endswith("_fib_0") and twin == fn + "_twin"
    [(fn, twin)] = lowered_twins("down")
    assert twin.endswith("_down_0_twin")
    assert lowered_twins("tak") == []       # three real self calls

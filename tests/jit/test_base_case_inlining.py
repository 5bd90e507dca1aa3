"""JIT base-case inlining (jit.lower): a function's calls of itself test for
its call-free base case in place. Results, bail-outs and call counts must
be those of the VM, also when the inlined base case overflows, reads a
captured variable, binds a local, or is the else-arm."""

import pytest
from hypothesis import given, settings, strategies as st

pytest.importorskip("llvmlite")

from elle import Interpreter

from support import counting_config

SRC = """
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (fib-swapped n) (if (>= n 2) (+ (fib-swapped (- n 1)) (fib-swapped (- n 2))) n))
(define (edge n k) (if (= n 0) (+ k 9223372036854775000) (- (edge (- n 1) k) 1)))
(define (let-base n) (if (< n 3) (let ((m (* n 10))) (+ m 1)) (+ (let-base (- n 1)) (let-base (- n 3)))))
(define (make-counter step)
  (define (walk n) (if (< n 1) step (+ (walk (- n 1)) (walk (- n 2)))))
  walk)
(define walk3 (make-counter 3))
(define (fl n) (if (< n 2) 1.5 (+ (fl (- n 1)) (fl (- n 2)))))
"""


def both(expr):
    out = []
    for jit in (False, 1):
        i = Interpreter(jit=jit, config=counting_config())
        i.eval(SRC)
        if jit:
            before = calls(i)
        out.append((i, i.eval(expr)))
    (vm, want), (ji, got) = out
    assert got == want, expr
    assert ji.jit.stats.compiled, "nothing compiled: the JIT tier was not exercised"
    ji.calls = calls(ji) - before
    return ji, got


def calls(i):
    c = i.jit.stats.counters()
    return c["native-calls"] + c["bytecode-calls"]


@pytest.mark.parametrize("name", ["fib", "fib-swapped"])
def test_tree_recursion_agrees_and_counts_every_call(name):
    ji, got = both(f"({name} 18)")
    assert got == 2584
    assert ji.calls == 8361          # fib(18) makes 8361 calls
    assert ji.jit.stats.counters()["bailouts"] == 0


def test_inlined_base_case_that_overflows_bails_out_to_the_exact_result():
    ji, got = both("(edge 5 1000)")
    assert got == 9223372036854775000 + 1000 - 5
    assert ji.jit.stats.counters()["bailouts"] >= 1


def test_base_case_with_a_local_binding():
    ji, got = both("(list (let-base 0) (let-base 2) (let-base 15))")
    assert got[:2] == [1, 21]


def test_base_case_reading_a_captured_variable():
    ji, got = both("(walk3 15)")
    assert got > 0
    assert ji.jit.stats.counters()["compiled"] >= 1


def test_float_base_case():
    both("(fl 15)")


@settings(max_examples=25, deadline=None)
@given(k=st.sampled_from([0, 1, -1, 2**62, -2**62, 2**63 - 1, -2**63, 2**63 - 2000]),
       n=st.integers(0, 8))
def test_base_cases_near_the_i64_limits_agree(k, n):
    both(f"(list (edge {n} {k}) (edge {n} {k}))")

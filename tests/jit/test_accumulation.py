"""JIT accumulation: `(+ X (self ...))` / `(* X (self ...))` in tail position
becomes a running sum/product and a jump (jit.lower), with the same results,
the same bail-outs on overflow and the same call counts as the VM."""

import pytest
from hypothesis import given, settings, strategies as st

pytest.importorskip("llvmlite")

from elle import Interpreter

from support import counting_config

SRC = """
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))
(define (sumto n) (if (= n 0) 0 (+ n (sumto (- n 1)))))
(define (mixed n) (if (< n 1) 1 (if (odd? n) (+ 1 (mixed (- n 1))) (* 2 (mixed (- n 1))))))
(define (step k n) (if (= n 0) 0 (+ k (step k (- n 1)))))
"""


def both(expr, threshold=1):
    out = []
    for jit in (False, threshold):
        i = Interpreter(jit=jit, config=counting_config())
        i.eval(SRC)
        out.append((i, i.eval(expr)))
    (_, want), (ji, got) = out
    assert got == want, expr
    return ji, got


def test_fib_agrees_and_counts_every_call():
    ji, got = both("(fib 20)")
    assert got == 6765
    c = ji.jit.stats.counters()
    assert c["native-calls"] + c["bytecode-calls"] == 21891


def test_product_past_2_63_bails_out_to_the_exact_result():
    ji, got = both("(list (fact 20) (fact 21) (fact 30))")
    assert got[2] == 265252859812191058636308480000000
    assert ji.jit.stats.counters()["bailouts"] >= 1


def test_deep_sum_runs_as_a_loop():
    ji, got = both("(sumto 1000000)")
    assert got == 500000500000
    assert ji.jit.stats.counters()["bailouts"] == 0      # no depth bail-out: a loop


def test_only_one_operator_accumulates():
    both("(list (mixed 10) (mixed 61) (mixed 100))")


@settings(max_examples=25, deadline=None)
@given(k=st.sampled_from([1, -1, 3, 2**62, -2**62, 2**61 + 7, 2**63 - 1, -2**63]),
       n=st.integers(0, 6))
def test_sums_near_the_i64_limits_agree(k, n):
    both(f"(list (step {k} {n}) (step {k} {n}))")

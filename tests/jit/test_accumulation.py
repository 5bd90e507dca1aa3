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


def test_deep_sum_agrees_past_the_native_depth():
    ji, got = both("(sumto 100000)")
    assert got == 5000050000
    # each pending (+ n ...) is a level: past the native depth limit the VM finishes it
    assert ji.jit.stats.bailouts == {"depth": 1}
    ji, got = both("(sumto 15000)")
    assert got == 112507500 and ji.jit.stats.counters()["bailouts"] == 0


def test_accumulating_recursion_keeps_the_depth_limit():
    """The VM's depth error, not a result (or a loop that never ends) from
    native code, whose accumulator levels are frames the VM would keep."""
    from elle.errors import ElleError
    kinds = []
    for jit in (False, 1):
        cfg = counting_config()
        cfg.max_depth = 30000
        i = Interpreter(jit=jit, config=cfg)
        i.eval(SRC + "(define (forever n) (+ 1 (forever n)))")
        for expr in ("(sumto 40000)", "(forever 1)"):
            with pytest.raises(ElleError) as e:
                i.eval(expr)
            kinds.append(e.value.kind)
        assert i.eval("(sumto 20000)") == 200010000
    assert kinds == ["recursion-depth"] * 4


def test_only_one_operator_accumulates():
    both("(list (mixed 10) (mixed 61) (mixed 100))")


@settings(max_examples=25, deadline=None)
@given(k=st.sampled_from([1, -1, 3, 2**62, -2**62, 2**61 + 7, 2**63 - 1, -2**63]),
       n=st.integers(0, 6))
def test_sums_near_the_i64_limits_agree(k, n):
    both(f"(list (step {k} {n}) (step {k} {n}))")

"""A function compiled by an earlier batch is called, not compiled again,
by a later batch (jit.coordinator `_reusable`, jit.lower `reused`): same
results, bail-outs classified by kind across modules, invalidation of
either batch honoured."""

import pytest

pytest.importorskip("llvmlite")

from elle import Interpreter

SRC = """
(define (step x) (+ (* x 3) 1))
(define (run n acc) (if (= n 0) acc (run (- n 1) (step acc))))
"""


def warmed(threshold=3):
    """`step` compiled alone first (hot in the VM's `run`), then `run`."""
    i = Interpreter(jit=threshold)
    i.eval(SRC)
    for k in range(threshold):
        i.eval(f"(step {k})")
    assert [n for n, _, _ in i.jit.stats.compiled] == ["step"]
    return i


def counters(i):
    return i.jit.stats.counters()


def test_later_batch_calls_the_earlier_function():
    i = warmed()
    for _ in range(3):
        assert i.eval("(run 5 1)") == 364
    assert [n for n, _, _ in i.jit.stats.compiled] == ["step", "run"]
    assert counters(i)["reused-callees"] == 1
    assert counters(i)["bailouts"] == 0


def test_overflow_in_the_reused_callee_bails_out_with_its_kind():
    i = warmed()
    for _ in range(3):
        i.eval("(run 2 1)")
    vm = Interpreter(jit=False)
    vm.eval(SRC)
    assert i.eval("(run 45 1)") == vm.eval("(run 45 1)")       # passes 2^63
    assert i.jit.stats.bailouts.get("overflow", 0) >= 1
    assert "unknown" not in i.jit.stats.bailouts


def test_redefining_the_callee_invalidates_the_caller():
    i = warmed()
    for _ in range(3):
        i.eval("(run 2 1)")
    i.eval("(define (step x) (- x 1))")
    assert i.eval("(run 5 10)") == 5
    for _ in range(5):
        assert i.eval("(run 3 10)") == 7
    assert counters(i)["invalidations"] >= 1      # run's batch assumed the old step


def test_an_invalidated_batch_is_not_reused():
    i = Interpreter(jit=2)
    i.eval("(define k 3) (define (step x) (+ x k))"
           "(define (run n acc) (if (= n 0) acc (run (- n 1) (step acc))))")
    i.eval("(step 1) (step 2)")                 # step compiled, assuming k = 3
    i.eval("(define k 10)")                     # ... invalidated
    for _ in range(3):
        assert i.eval("(run 2 0)") == 20
    assert counters(i)["reused-callees"] == 0

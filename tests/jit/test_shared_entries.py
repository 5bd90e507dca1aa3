"""Entries shared by shape (jit.bridge): every compiled function whose
entry would be the same code (parameter types, captured values, result,
resumable, counting) uses one entry, told which function to call by its
`self` data. Each function must still get its own native code, counter,
bail-out callable and resume slots."""

import pytest

pytest.importorskip("llvmlite")

from elle import Interpreter

from support import counting_config

# Two loops of one shape, (fix fix) -> fix with one captured fixnum, which
# is not among the entries made at start-up; both pass 2^63 and resume in
# the VM at their own loop head.
SRC = """
(define (make-loops k)
  (define (fib-iter n a) (let loop ((i 0) (a a) (b 1)) (if (= i n) a (loop (+ i 1) b (+ a b k)))))
  (define (pow-iter n a) (let loop ((i 0) (a a)) (if (= i n) a (loop (+ i 1) (* a (+ 3 k))))))
  (list fib-iter pow-iter))
(define loops (make-loops 0))
(define fib-iter (car loops))
(define pow-iter (cadr loops))
"""


def entry_symbols(i):
    """{function label: its entry's symbol} of what `i`'s JIT compiled."""
    return {e.label: e.entry_symbol for e in i.jit.cache.entries.values()}


def run(exprs, config=None):
    out = {}
    for jit in (False, 1):
        i = Interpreter(jit=jit, config=config)
        i.eval(SRC)
        out[jit] = ([i.eval(e) for e in exprs], i)
    assert out[False][0] == out[1][0]
    return out[1]


def test_two_functions_of_one_shape_share_one_entry_and_keep_their_own_state():
    results, i = run(["(fib-iter 100 0)", "(pow-iter 50 1)", "(fib-iter 10 0)", "(pow-iter 5 2)"])
    assert results == [354224848179261915075, 3 ** 50, 55, 486]
    assert i.jit.stats.bailouts.get("overflow", 0) >= 2       # each resumed in the VM
    symbols = entry_symbols(i)
    fib, pow_ = [s for label, s in symbols.items() if label.startswith(("fib-iter", "pow-iter"))]
    assert fib == pow_ and fib.startswith("elle_entry_")


def test_counting_and_plain_code_of_one_shape_do_not_share_an_entry():
    plain = Interpreter(jit=1)
    counting = Interpreter(jit=1, config=counting_config())
    for i in (plain, counting):
        i.eval("(define (g n) (if (< n 2) n (+ (g (- n 1)) (g (- n 2)))))")
        assert i.eval("(g 15)") == 610
    c, p = counting.jit.stats.counters(), plain.jit.stats.counters()
    assert c["native-calls"] + c["bytecode-calls"] == 1973 and c["native-calls-complete"]
    assert p["native-calls"] == 2 and not p["native-calls-complete"]

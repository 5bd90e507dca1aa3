"""Tier agreement: generated functions give the same results and the same
errors in bytecode mode and with the JIT compiling on the first call.

Functions mix arithmetic on fixnums near the i64 limits, flonums and
exact/inexact contagion, comparisons, `if`, `let`, named-`let` loops and
self recursion; each is called with several argument tuples (integers,
floats, bignums, booleans, exact and inexact complex numbers) so compiled
code meets its guards and overflow bail-outs.
"""

import pytest

pytest.importorskip("llvmlite")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elle.api import Interpreter
from elle.complexnum import ExactComplex
from elle.errors import ElleError, describe_payload
from elle.printer import write_string

I64_MAX = 2**63 - 1
I64_MIN = -2**63

ints = st.one_of(
    st.integers(-20, 20),
    st.sampled_from([I64_MAX, I64_MIN, I64_MAX - 1, I64_MIN + 1, 2**62, -2**62, 2**31, 3037000499]),
    st.integers(I64_MIN, I64_MAX),
)
floats = st.one_of(st.sampled_from([0.0, -0.0, 0.5, 1.5, -2.25, 1e300, -1e-300]),
                   st.floats(-1e6, 1e6, allow_nan=False))
complexes = st.one_of(
    st.tuples(st.integers(-5, 5), st.integers(1, 5)).map(lambda t: ExactComplex(*t)),
    st.tuples(floats, floats).map(lambda t: complex(*t)))
literal = st.one_of(ints.map(str), floats.map(lambda f: repr(f) if "." in repr(f) or "e" in repr(f) else repr(f) + ".0"))

BINOPS = ["+", "-", "*", "max", "min"]
CMPS = ["<", ">", "=", "<=", ">="]
UNOPS = ["abs", "square", "zero?", "even?", "odd?", "negative?"]


def expr(params, depth):
    leaf = st.one_of(st.sampled_from(params), literal)
    if depth <= 0:
        return leaf
    sub = expr(params, depth - 1)
    return st.one_of(
        leaf,
        st.tuples(st.sampled_from(BINOPS), sub, sub).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(st.sampled_from(["quotient", "remainder", "modulo"]), sub, sub)
          .map(lambda t: f"(if (and (exact-integer? {t[1]}) (exact-integer? {t[2]})) ({t[0]} {t[1]} {t[2]}) 0)"),
        st.tuples(st.sampled_from(CMPS), sub, sub, sub, sub)
          .map(lambda t: f"(if ({t[0]} {t[1]} {t[2]}) {t[3]} {t[4]})"),
        st.tuples(sub, sub).map(lambda t: f"(let ((t0 {t[0]})) (+ t0 {t[1]}))"),
        st.tuples(st.sampled_from(["abs", "square"]), sub).map(lambda t: f"({t[0]} {t[1]})"),
    )


@st.composite
def programs(draw):
    params = ["a", "b"]
    body = draw(expr(params, 3))
    kind = draw(st.sampled_from(["plain", "loop", "recursive"]))
    if kind == "plain":
        src = f"(define (f a b) {body})"
    elif kind == "loop":
        src = (f"(define (f a b) (let loop ((i 0) (acc 0)) "
               f"(if (= i 5) acc (loop (+ i 1) (+ acc (let ((a (+ a i))) {body}))))))")
    else:
        src = (f"(define (f a b) (if (and (exact-integer? a) (> a 0) (< a 6)) "
               f"(+ 1 (f (- a 1) b)) {body}))")
    arg = st.one_of(ints, floats, complexes)
    calls = draw(st.lists(st.tuples(arg, arg), min_size=2, max_size=6))
    return src, calls


def run_tier(src, calls, jit):
    from elle import config
    cfg = config.from_environ()
    cfg.tier1 = False                   # the VM alone against tier 2 alone
    interp = Interpreter(jit=jit, config=cfg)
    interp.eval_text(src, "<gen>")
    f = interp.globals.lookup("f")
    out = []
    for a, b in calls:
        try:
            out.append(write_string(interp.vm.apply(f, [a, b])))
        except ElleError as e:
            out.append(("error",) + describe_payload(e.payload))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_bytecode_and_jit_agree(prog):
    src, calls = prog
    assert run_tier(src, calls, jit=False) == run_tier(src, calls, jit=1), src

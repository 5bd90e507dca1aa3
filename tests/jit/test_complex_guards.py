"""Complex numbers never reach native code: a complex argument, a vector
element, or a result that turns complex (`sqrt`/`log`/`expt` of a negative
flonum) is a guard failure or a bail-out, and the VM's answer is the one
returned.
(Tier 1: tests/tier1/test_complex_tier1.py.)"""

import pytest

pytest.importorskip("llvmlite")

from elle import Interpreter
from elle.complexnum import ExactComplex

from support import counting_config


def native(threshold=1):
    return Interpreter(jit=threshold, config=counting_config())


def vm_and_native(src, exprs):
    out = []
    for jit in (False, 1):
        i = Interpreter(jit=jit, config=counting_config())
        i.eval(src)
        out.append([i.eval(e) for e in exprs])
    assert out[0] == out[1]
    return out[1]


def test_complex_argument_after_flonum_profile_is_a_guard_failure():
    i = native()
    i.eval("(define (sq x) (* x x))")
    assert i.eval("(sq 1.5)") == 2.25
    assert i.eval("(sq 1.5)") == 2.25
    assert i.eval("(sq +i)") == -1
    assert i.eval("(sq 1.0+1.0i)") == 2j
    assert i.jit.stats.bailouts.get("guard", 0) >= 1


def test_complex_argument_after_fixnum_profile():
    i = native()
    i.eval("(define (add3 x) (+ x 3))")
    assert i.eval("(add3 1)") == 4
    assert i.eval("(add3 1)") == 4
    assert i.eval("(add3 1+2i)") == ExactComplex(4, 2)
    assert i.eval("(add3 1)") == 4


@pytest.mark.parametrize("expr,want", [
    ("(f -4.0)", complex(0.0, 2.0)),
    ("(g -1.0)", complex(0.0, 3.141592653589793)),
    ("(h -8.0 0.5)", (-8.0 + 0j) ** 0.5),
])
def test_flonum_code_whose_result_turns_complex_bails_out(expr, want):
    src = "(define (f x) (sqrt x)) (define (g x) (log x)) (define (h x y) (expt x y))"
    i = native()
    i.eval(src)
    i.eval("(f 4.0) (f 4.0) (g 2.0) (g 2.0) (h 2.0 0.5) (h 2.0 0.5)")
    got = i.eval(expr)
    assert type(got) is complex
    assert got == pytest.approx(want)


def test_vector_of_flonums_holding_a_complex_element():
    src = """(define (vsum v n) (let loop ((k 0) (s 0.0))
               (if (= k n) s (loop (+ k 1) (+ s (vector-ref v k))))))"""
    got = vm_and_native(src, ["(vsum (vector 1.0 2.0 3.0) 3)",
                              "(vsum (vector 1.0 2.0 3.0) 3)",
                              "(vsum (vector 1.0 +i 3.0) 3)"])
    assert got[2] == complex(4.0, 1.0)


def test_complex_constants_and_globals_are_rejected_not_miscompiled():
    i = native()
    i.eval("(define w 1+i) (define (k x) (+ x w)) (define (c x) (* x 2.0+0.0i))")
    for _ in range(3):
        assert i.eval("(k 1)") == ExactComplex(2, 1)
        assert i.eval("(c 1.0)") == complex(2.0, 0.0)
    names = [name for name, _, _ in i.jit.stats.compiled]
    assert "k" not in names and "c" not in names


def test_rejection_reasons_name_complex_numbers():
    i = native()
    i.eval("(define w 1+i) (define (k x) (+ x w)) (define (c x) (* x 2.0+0.0i))")
    i.eval("(k 1) (k 1) (c 1.0) (c 1.0)")
    reasons = dict(i.jit.stats.rejected)
    assert "exact complex number" in reasons["k"]
    assert "inexact complex number" in reasons["c"]

"""Property: random arithmetic/control-flow functions agree with and without the JIT."""


import pytest

pytest.importorskip("elle.vm")
pytest.importorskip("llvmlite")

from hypothesis import HealthCheck, given, settings, strategies as st

from elle import Interpreter
from elle.errors import ElleError

BIG = 2 ** 63
INTS = st.sampled_from([0, 1, -1, 2, 7, -13, 3037000499, BIG - 1, -BIG, BIG // 2, 2 ** 53 + 1])
FLOATS = st.sampled_from([0.0, -0.0, 0.5, -2.5, 1e300, 3.0, 9007199254740993.0])
ATOMS = st.one_of(st.sampled_from(["x", "y"]), INTS.map(str), FLOATS.map(repr))


def exprs():
    def extend(inner):
        return st.one_of(
            st.tuples(st.sampled_from(["+", "-", "*", "max", "min"]), inner, inner)
            .map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(st.sampled_from(["quotient", "remainder", "modulo"]), inner)
            .map(lambda t: f"({t[0]} (exact (round {t[1]})) 7)"),
            st.tuples(st.sampled_from(["<", "=", ">="]), inner, inner, inner, inner)
            .map(lambda t: f"(if ({t[0]} {t[1]} {t[2]}) {t[3]} {t[4]})"),
            st.tuples(inner, inner).map(lambda t: f"(let ((x {t[0]})) (+ x {t[1]}))"),
        )
    return st.recursive(ATOMS, extend, max_leaves=6)


def run(src, calls, jit):
    interp = Interpreter(jit=jit)
    interp.eval(src)
    out = []
    for c in calls:
        try:
            v = interp.eval(c)
            # floats by repr: NaN matches NaN, and -0.0 must not match 0.0
            out.append(("float", repr(v)) if isinstance(v, float) else v)
        except ElleError as e:
            out.append(("error", str(e)))
    return out


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(body=exprs(), args=st.lists(st.tuples(st.one_of(INTS, FLOATS), st.one_of(INTS, FLOATS)),
                                   min_size=1, max_size=3))
def test_tiers_agree(body, args):
    src = f"(define (f x y) {body})"
    calls = [f"(f {a!r} {b!r})" for a, b in args for _ in range(2)]
    assert run(src, calls, False) == run(src, calls, 1)

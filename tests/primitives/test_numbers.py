"""Numeric primitives called directly through the primitive table."""

import math
from fractions import Fraction as F

import pytest
from hypothesis import given, strategies as st

from elle.complexnum import ExactComplex
from elle.errors import ElleError
from elle.primitives import load_all
from elle.values import Values

P = load_all()


def call(name, *args):
    return P[name].fn(*args)


def fails(kind, name, *args):
    with pytest.raises(ElleError) as info:
        call(name, *args)
    assert info.value.kind == kind
    assert info.value.payload.message.startswith(name + ":")
    return info.value.payload.message


def same(got, want):
    """Equal value and equal exactness (and NaN matches NaN)."""
    assert type(got) is type(want), (got, want)
    if isinstance(want, float) and math.isnan(want):
        assert math.isnan(got)
    else:
        assert got == want


# -- + - * / -----------------------------------------------------------------------

def test_add_and_multiply_identities():
    same(call("+"), 0)
    same(call("*"), 1)
    same(call("+", 5), 5)


def test_exact_arithmetic_stays_exact_and_normalises():
    same(call("+", F(1, 2), F(1, 2)), 1)
    same(call("-", F(1, 2), F(1, 2)), 0)
    same(call("*", F(2, 3), 3), 2)
    same(call("/", 6, 4), F(3, 2))
    same(call("/", 6, 3), 2)
    same(call("/", 2), F(1, 2))
    same(call("/", 1, 2, 3), F(1, 6))


def test_inexact_contagion():
    same(call("+", 1, 2.0), 3.0)
    same(call("*", F(1, 2), 2.0), 1.0)
    same(call("-", 10, 0.5), 9.5)
    same(call("-", 2.0), -2.0)


def test_nary_forms_fold_left_exact_until_the_first_inexact_operand():
    # R7RS: (op a b c) is (op (op a b) c); converting every argument to a
    # float first would overflow 10**400 and lose 10**200's precision.
    big = 10 ** 400
    same(call("+", big, -big, 1.0), 1.0)
    same(call("-", big, big, 1.0), -1.0)
    same(call("*", big, 0, 1.0), 0.0)
    same(call("/", 10 ** 200, 10 ** 190, 1.0), 1e10)
    same(call("+", F(1, 3), F(2, 3), 0.5), 1.5)
    same(call("+", -0.0, -0.0), -0.0)


def test_negation():
    same(call("-", 5), -5)
    same(call("-", F(1, 3)), F(-1, 3))


def test_big_ints_never_overflow():
    same(call("*", 2 ** 64, 2 ** 64), 2 ** 128)
    same(call("+", 2 ** 200, 1), 2 ** 200 + 1)


def test_huge_exact_mixed_with_float_gives_infinity():
    same(call("+", 10 ** 400, 1.0), math.inf)
    same(call("*", -(10 ** 400), 1.0), -math.inf)


def test_division_by_zero():
    fails("divide-by-zero", "/", 1, 0)
    fails("divide-by-zero", "/", 0)
    fails("divide-by-zero", "/", F(1, 2), 0)
    same(call("/", 1.0, 0), math.inf)
    same(call("/", -1, 0.0), -math.inf)
    same(call("/", 1, -0.0), -math.inf)
    same(call("/", 0.0, 0), math.nan)


def test_arithmetic_type_errors_name_the_argument():
    msg = fails("type-error", "+", True, 1)
    assert "argument 1" in msg
    fails("type-error", "*", 2, "x")
    fails("type-error", "-", None)
    fails("type-error", "/", 1, False)


# -- comparisons ------------------------------------------------------------------

def test_comparisons_n_ary():
    assert call("<", 1, 2, 3) is True
    assert call("<", 1, 3, 2) is False
    assert call("=", 1, 1, 1.0) is True
    assert call(">=", 3, 3, 2) is True
    assert call("<=", 1) is True
    assert call(">", 3, 2) is True


def test_mixed_exactness_compared_exactly():
    assert call("=", F(1, 3), 1 / 3) is False
    assert call("<", 2 ** 53, float(2 ** 53 + 1)) is False
    assert call("=", 2 ** 53 + 1, float(2 ** 53)) is False
    assert call("<", F(1, 3), 0.34) is True


def test_nan_compares_false():
    nan = math.nan
    for op in ("=", "<", ">", "<=", ">="):
        assert call(op, nan, nan) is False
        assert call(op, 1, nan) is False


def test_comparison_type_error_checks_all_arguments():
    fails("type-error", "<", 2, 1, "x")
    fails("type-error", "=", 1, True)


# -- integer division -------------------------------------------------------------

@pytest.mark.parametrize("name,a,b,want", [
    ("quotient", 7, 2, 3), ("quotient", -7, 2, -3), ("quotient", 7, -2, -3),
    ("remainder", -7, 2, -1), ("remainder", 7, -2, 1),
    ("modulo", -7, 2, 1), ("modulo", 7, -2, -1), ("modulo", 13, 4, 1),
    ("floor-quotient", -7, 2, -4), ("floor-remainder", -7, 2, 1),
    ("truncate-quotient", -7, 2, -3), ("truncate-remainder", -7, 2, -1),
    ("quotient", 5.0, 2, 2.0), ("modulo", -7, 2.0, 1.0),
])
def test_integer_division(name, a, b, want):
    same(call(name, a, b), want)


def test_floor_and_truncate_slash_return_two_values():
    v = call("floor/", -7, 2)
    assert isinstance(v, Values) and v.items == (-4, 1)
    assert call("truncate/", -7, 2).items == (-3, -1)


def test_integer_division_errors():
    fails("divide-by-zero", "quotient", 1, 0)
    fails("divide-by-zero", "modulo", 1, 0.0)
    fails("divide-by-zero", "floor/", 1, 0)
    fails("type-error", "quotient", 1.5, 1)
    fails("type-error", "remainder", 1, F(1, 2))
    fails("type-error", "modulo", True, 1)


@given(st.integers(), st.integers().filter(lambda b: b != 0))
def test_division_laws(a, b):
    q, r = call("floor/", a, b).items
    assert q * b + r == a
    q, r = call("truncate/", a, b).items
    assert q * b + r == a and abs(r) < abs(b) and (r == 0 or (r < 0) == (a < 0))


def test_gcd_lcm():
    same(call("gcd"), 0)
    same(call("lcm"), 1)
    same(call("gcd", 32, -36), 4)
    same(call("lcm", 32, -36), 288)
    same(call("lcm", 32.0, -36), 288.0)
    same(call("lcm", 0, 5), 0)
    fails("type-error", "gcd", 1.5)


# -- abs min max, rounding ------------------------------------------------------------

def test_abs_min_max():
    same(call("abs", -7), 7)
    same(call("abs", F(-1, 2)), F(1, 2))
    same(call("abs", -2.5), 2.5)
    same(call("max", 1, 2.0), 2.0)
    same(call("max", 3, 2.0), 3.0)
    same(call("min", 1, 2), 1)
    same(call("min", F(1, 2), 1), F(1, 2))
    same(call("max", 1, math.nan), math.nan)
    same(call("min", math.nan, 1), math.nan)
    fails("type-error", "max", 1, "a")


@pytest.mark.parametrize("args", [(0.0, -0.0), (-0.0, 0.0), (0, -0.0), (-0.0, 0, -0.0)])
def test_min_max_of_signed_zeros_do_not_depend_on_order(args):
    # IEEE 754-2019 maximum/minimum: +0.0 is the larger zero (the JIT agrees)
    assert math.copysign(1.0, call("max", *args)) == 1.0
    assert math.copysign(1.0, call("min", *args)) == -1.0


@pytest.mark.parametrize("name,x,want", [
    ("floor", -4.3, -5.0), ("ceiling", -4.3, -4.0), ("truncate", -4.3, -4.0),
    ("round", -4.3, -4.0), ("floor", 3.5, 3.0), ("ceiling", 3.5, 4.0),
    ("truncate", 3.5, 3.0), ("round", 3.5, 4.0), ("round", 2.5, 2.0),
    ("round", F(7, 2), 4), ("round", F(5, 2), 2), ("floor", F(-1, 2), -1),
    ("round", 7, 7), ("floor", math.inf, math.inf),
])
def test_rounding(name, x, want):
    same(call(name, x), want)


def test_rounding_keeps_negative_zero():
    assert math.copysign(1.0, call("round", -0.4)) == -1.0


def test_numerator_denominator():
    same(call("numerator", F(6, 4)), 3)
    same(call("denominator", F(6, 4)), 2)
    same(call("denominator", 5), 1)
    same(call("denominator", 0.5), 2.0)
    same(call("numerator", 0.5), 1.0)
    fails("type-error", "numerator", math.inf)


def test_rationalize():
    same(call("rationalize", F(1, 3), F(1, 100)), F(1, 3))
    same(call("rationalize", F(3, 10), F(1, 10)), F(1, 3))
    same(call("rationalize", 0.3, F(1, 10)), 1 / 3)
    same(call("rationalize", -F(3, 10), F(1, 10)), F(-1, 3))
    same(call("rationalize", F(1, 10), F(1, 5)), 0)
    same(call("rationalize", math.inf, 3), math.inf)
    same(call("rationalize", 3, math.inf), 0.0)


# -- transcendental ------------------------------------------------------------------

def test_exp_log():
    same(call("exp", 0), 1.0)
    same(call("exp", 10000), math.inf)
    same(call("log", 1), 0.0)
    same(call("log", 0), -math.inf)
    same(call("log", 0.0), -math.inf)
    assert call("log", 8, 2) == pytest.approx(3.0)
    assert call("log", 10 ** 400) == pytest.approx(400 * math.log(10))
    assert call("log", F(1, 2)) == pytest.approx(math.log(0.5))
    same(call("log", -1), complex(0.0, math.pi))     # complex results: see tests/primitives/test_complex.py


def test_trigonometry():
    same(call("sin", 0), 0.0)
    same(call("cos", 0), 1.0)
    assert call("tan", 1) == pytest.approx(math.tan(1))
    assert call("asin", 1) == pytest.approx(math.pi / 2)
    assert call("acos", 1) == 0.0
    assert call("atan", 1) == pytest.approx(math.pi / 4)
    assert call("atan", 1, -1) == pytest.approx(3 * math.pi / 4)
    assert type(call("asin", 2)) is complex
    fails("type-error", "sin", "x")
    fails("type-error", "atan", 1, "x")
    same(call("sin", math.inf), math.nan)


# -- sqrt and expt -------------------------------------------------------------------

def test_sqrt_exact_when_possible():
    same(call("sqrt", 16), 4)
    same(call("sqrt", F(1, 4)), F(1, 2))
    same(call("sqrt", 0), 0)
    same(call("sqrt", 2), math.sqrt(2))
    same(call("sqrt", 16.0), 4.0)
    same(call("sqrt", 10 ** 400), 10 ** 200)
    assert call("sqrt", 10 ** 401) == pytest.approx(math.sqrt(10) * 1e200)


def test_sqrt_negative_is_imaginary():
    assert call("sqrt", -4) == ExactComplex(0, 2)
    same(call("sqrt", -4.0), complex(0.0, 2.0))
    fails("type-error", "sqrt", "4")


def test_exact_integer_sqrt():
    assert call("exact-integer-sqrt", 17).items == (4, 1)
    assert call("exact-integer-sqrt", 0).items == (0, 0)
    fails("type-error", "exact-integer-sqrt", -1)
    fails("type-error", "exact-integer-sqrt", 4.0)


@pytest.mark.parametrize("base,power,want", [
    (2, 100, 2 ** 100), (2, -1, F(1, 2)), (4, F(1, 2), 2), (2.0, 3, 8.0),
    (0, 0, 1), (0.0, 0, 1.0), (F(2, 3), 2, F(4, 9)), (F(1, 2), -2, 4),
    (8, F(2, 3), 4), (27, F(-1, 3), F(1, 3)), (2, 0.5, math.sqrt(2)),
    (0.0, -1, math.inf), (0, 5, 0), (-2, 3, -8), (10.0, 400, math.inf),
])
def test_expt(base, power, want):
    same(call("expt", base, power), want)


def test_expt_inexact_root_of_non_power():
    assert call("expt", 2, F(1, 3)) == pytest.approx(2 ** (1 / 3))


def test_expt_errors():
    fails("divide-by-zero", "expt", 0, -1)
    assert type(call("expt", -8, F(1, 3))) is complex
    assert type(call("expt", -8.0, 0.5)) is complex
    fails("type-error", "expt", "2", 2)
    fails("range-error", "expt", 2, 10 ** 12)


def test_square():
    same(call("square", 5), 25)
    same(call("square", F(1, 2)), F(1, 4))
    same(call("square", 1.5), 2.25)
    fails("type-error", "square", True)


# -- exactness --------------------------------------------------------------------------

def test_exact_and_inexact():
    same(call("exact", 2.5), F(5, 2))
    same(call("exact", 2.0), 2)
    same(call("exact", F(1, 3)), F(1, 3))
    same(call("inexact", F(1, 3)), 1 / 3)
    same(call("inexact", 10 ** 400), math.inf)
    same(call("exact->inexact", 1), 1.0)
    same(call("inexact->exact", 0.5), F(1, 2))
    fails("range-error", "exact", math.inf)
    fails("range-error", "exact", math.nan)
    fails("type-error", "inexact", "x")


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_exact_round_trips_floats(x):
    assert call("inexact", call("exact", x)) == x


@given(st.fractions())
def test_inexact_of_rational_is_nearest_float(q):
    assert call("inexact", q) == q.numerator / q.denominator


# -- predicates --------------------------------------------------------------------------

def test_type_predicates():
    for name in ("number?", "complex?", "real?"):
        assert call(name, 1) and call(name, 1.5) and call(name, F(1, 2))
        assert call(name, True) is False and call(name, "1") is False
    assert call("rational?", math.inf) is False
    assert call("rational?", 1.5) is True
    assert call("rational?", math.nan) is False
    assert call("integer?", 2.0) is True
    assert call("integer?", 2.5) is False
    assert call("integer?", math.inf) is False
    assert call("integer?", F(1, 2)) is False
    assert call("exact-integer?", 2.0) is False
    assert call("exact-integer?", 2) is True
    assert call("exact-rational?", F(1, 2)) is True
    assert call("exact-rational?", 0.5) is False
    assert call("exact?", F(1, 2)) is True
    assert call("inexact?", 1.0) is True
    fails("type-error", "exact?", "x")


def test_value_predicates():
    assert call("nan?", math.nan) is True
    assert call("nan?", 1) is False
    assert call("infinite?", -math.inf) is True
    assert call("finite?", math.inf) is False
    assert call("finite?", 10 ** 400) is True
    assert call("zero?", 0.0) is True
    assert call("zero?", -0.0) is True
    assert call("positive?", F(1, 2)) is True
    assert call("negative?", -1e-300) is True
    assert call("positive?", math.nan) is False
    assert call("odd?", -3) is True
    assert call("even?", 0) is True
    assert call("even?", 4.0) is True
    assert call("odd?", 2 ** 100 + 1) is True
    fails("type-error", "odd?", 1.5)
    fails("type-error", "zero?", "0")
    fails("type-error", "nan?", True)


# -- number syntax ------------------------------------------------------------------------

def test_number_to_string():
    from elle.datum import MString
    assert call("number->string", 255, 16) == MString("ff")
    assert call("number->string", -255, 2) == MString("-11111111")
    assert call("number->string", F(-1, 2)) == MString("-1/2")
    assert call("number->string", F(255, 16), 16) == MString("ff/10")
    assert call("number->string", 1.5) == MString("1.5")
    assert call("number->string", math.inf) == MString("+inf.0")
    assert call("number->string", math.nan) == MString("+nan.0")
    fails("range-error", "number->string", 1.5, 2)
    fails("type-error", "number->string", 10, 3)
    fails("type-error", "number->string", "10")


def test_string_to_number():
    from elle.datum import MString
    s = MString
    same(call("string->number", s("ff"), 16), 255)
    same(call("string->number", s("#xff")), 255)
    same(call("string->number", s("1/2")), F(1, 2))
    same(call("string->number", s("4/2")), 2)
    same(call("string->number", s("#e1.5")), F(3, 2))
    same(call("string->number", s("#i1/2")), 0.5)
    same(call("string->number", s("1e3")), 1000.0)
    same(call("string->number", s("-.5")), -0.5)
    same(call("string->number", s("+inf.0")), math.inf)
    same(call("string->number", s("101"), 2), 5)
    for bad in ("", "abc", "1/0", "+", "1.2.3", "#e+inf.0", "1/2.5", "#x#x1", "--1"):
        assert call("string->number", s(bad)) is False, bad
    fails("type-error", "string->number", 5)


@given(st.integers(), st.sampled_from([2, 8, 10, 16]))
def test_integer_text_round_trips(n, radix):
    text = call("number->string", n, radix)
    assert call("string->number", text, radix) == n


@given(st.floats(allow_nan=False))
def test_float_text_round_trips(x):
    assert call("string->number", call("number->string", x)) == x


def test_huge_integers_convert_to_and_from_decimal_text():
    from elle.datum import MString
    n = 7 ** 20000            # beyond Python's default 4300-digit str limit
    text = call("number->string", -n)
    assert text.s.startswith("-") and len(text.s) > 16000
    assert call("string->number", text) == -n
    assert call("string->number", MString(text.s[1:] + "/3")) == F(n, 3)


def test_exact_decimal_syntax():
    from elle.datum import MString
    same(call("string->number", MString("#e1.25e-3")), F(1, 800))
    same(call("string->number", MString("#e-.5")), F(-1, 2))
    assert call("string->number", MString("#e1e999999999")) is False

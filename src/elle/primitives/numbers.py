"""Numbers: R7RS section 6.2 arithmetic on the whole numeric tower.

**Owns:** every numeric primitive except the text conversions (`+ - * /`,
comparisons, integer division, `gcd lcm abs min max`, rounding,
`numerator denominator rationalize`, transcendental functions, `sqrt`,
`exact-integer-sqrt`, `expt`, exactness conversion, the numeric type
predicates; the elementary functions `exp log sin ... sqrt expt` are in
`primitives.elementary`) and the exactness rules they share: an exact result is an `int`
or a `Fraction` with denominator > 1 (`normalise`), and any inexact argument
makes the result inexact (contagion). Real arguments are computed here; as
soon as an argument or the result is not real (`(sqrt -4)`, `(log -1)`,
`(asin 2)`, `(* +i +i)`), the work is handed to `primitives.complex_numbers`.
**Does not touch:** number syntax (`primitives.number_syntax`), the
`(scheme complex)` procedures, the VM's inlined fixnum fast paths.

Type predicates follow R7RS 6.2.6 with Elle's normal forms (see
`elle.complexnum`): `(real? 1+0i)` is #t because `1+0i` *is* 1, while
`(real? 1.0+0.0i)` is #f (an inexact complex keeps its 0.0 imaginary
part); `rational?` and `integer?` imply `real?`. The ordering predicates
(`< > <= >= positive? negative? max min`), rounding and the integer
operations take real numbers only: a non-real argument is a type error.

Exact values that are too large for a float become +-inf.0 when converted
(`to_float`), never a Python OverflowError.
"""

from __future__ import annotations

import math
import operator
from fractions import Fraction

from ..complexnum import ExactComplex, make_rectangular
from ..errors import raise_error, type_error
from ..values import make_values
from . import alias, primitive
from . import complex_numbers as cx
from .arguments import check_integer, check_number, check_real
from .number_syntax import format_number, to_float

INF = float("inf")
NAN = float("nan")


# -- shared helpers --------------------------------------------------------

def normalise(q):
    """A Fraction with denominator 1 becomes an int; anything else unchanged."""
    if type(q) is Fraction and q.denominator == 1:
        return q.numerator
    return q


EXACT, INEXACT, NONREAL = 0, 1, 2


def check_numbers(who: str, xs) -> int:
    """Type-check every argument: NONREAL when any is not real, else
    INEXACT when any is inexact, else EXACT."""
    kind = EXACT
    for i, x in enumerate(xs, 1):
        t = type(x)
        if t is float:
            kind = kind or INEXACT
        elif t is complex or t is ExactComplex:
            kind = NONREAL
        elif t is not int and t is not Fraction:
            type_error(who, "a number", x, i)
    return kind


def _check_reals(who: str, xs) -> bool:
    """Type-check every argument as real; True when any is inexact."""
    inexact = False
    for i, x in enumerate(xs, 1):
        t = type(x)
        if t is float:
            inexact = True
        elif t is not int and t is not Fraction:
            check_real(who, x, i)
    return inexact


def _fold(op, xs):
    result = xs[0]
    for x in xs[1:]:
        result = op(result, x)
    return result


def _fold_real(op, xs):
    """`(op (op a b) c)...` over real numbers, as R7RS defines the n-ary
    forms: exact while both operands are, inexact from the first inexact
    operand on (so `(+ (expt 10 400) (- (expt 10 400)) 1.0)` is 1.0, not
    the NaN of converting every argument first)."""
    result = xs[0]
    for x in xs[1:]:
        if type(result) is float or type(x) is float:
            result = op(to_float(result), to_float(x))
        else:
            result = op(result, x)
    return result


def _is_finite_rational(x) -> bool:
    return type(x) is not float or math.isfinite(x)


# -- + - * / ----------------------------------------------------------------

@primitive("+", 0, None, native="add", pure=True, exact_result="ints", inline={3: (
    "({0} + {1} + {2}) if type({0}) is int_ and type({1}) is int_ and type({2}) is int_ "
    "else {f}({0}, {1}, {2})")})
def add(*xs):
    total = 0
    for x in xs:                  # the common case: exact integers only
        if type(x) is not int:
            break
        total += x
    else:
        return total
    kind = check_numbers("+", xs)
    if kind == NONREAL:
        return _fold(cx.add2, xs)
    if kind:                      # folded from xs[0], not 0.0: (+ -0.0 -0.0) is -0.0 (IEEE)
        return _fold_real(operator.add, xs)
    return normalise(sum(xs))


@primitive("*", 0, None, native="mul", pure=True, exact_result="ints", inline={3: (
    "({0} * {1} * {2}) if type({0}) is int_ and type({1}) is int_ and type({2}) is int_ "
    "else {f}({0}, {1}, {2})")})
def mul(*xs):
    product = 1
    for x in xs:                  # the common case: exact integers only
        if type(x) is not int:
            break
        product *= x
    else:
        return product
    inexact = check_numbers("*", xs)
    if inexact == NONREAL:
        return _fold(cx.mul2, xs)
    return normalise(_fold_real(operator.mul, xs))


@primitive("-", 1, None, native="sub", pure=True, exact_result="ints", inline={3: (
    "({0} - {1} - {2}) if type({0}) is int_ and type({1}) is int_ and type({2}) is int_ "
    "else {f}({0}, {1}, {2})")})
def sub(*xs):
    if type(xs[0]) is int:        # the common case: exact integers only
        result = xs[0]
        if len(xs) == 1:
            return -result
        for x in xs[1:]:
            if type(x) is not int:
                break
            result -= x
        else:
            return result
    inexact = check_numbers("-", xs)
    if inexact == NONREAL:
        return -xs[0] if len(xs) == 1 else _fold(cx.sub2, xs)
    if len(xs) == 1:
        return -xs[0]
    return normalise(_fold_real(operator.sub, xs))


def float_div(a: float, b: float) -> float:
    """a / b for floats with IEEE semantics for a zero divisor."""
    if b == 0:
        if a == 0 or a != a:
            return NAN
        return math.copysign(INF, a) * math.copysign(1.0, b)
    return a / b


def _div2(a, b, inexact: bool):
    if inexact:
        return float_div(to_float(a), to_float(b))
    if b == 0:
        raise_error("divide-by-zero", "/: division by zero", a)
    if type(a) is int and type(b) is int:
        return normalise(Fraction(a, b))
    return normalise(Fraction(a) / b)


@primitive("/", 1, None, native="div", pure=True)
def div(*xs):
    if len(xs) == 2:
        a, b = xs
        if type(a) is float and type(b) is float and b:
            return a / b
    inexact = check_numbers("/", xs)
    if inexact == NONREAL:
        return cx.div2(1, xs[0]) if len(xs) == 1 else _fold(cx.div2, xs)
    if len(xs) == 1:
        return _div2(1, xs[0], inexact)
    result = xs[0]
    for x in xs[1:]:              # exact until an inexact operand: R7RS's (/ (/ a b) c)
        result = _div2(result, x, type(result) is float or type(x) is float)
    return result


# -- comparisons -------------------------------------------------------------
# Python compares ints, Fractions and floats exactly (no rounding), and every
# comparison with NaN is false, which is what R7RS asks for. `=` also compares
# complex numbers (part by part, exactly); the orderings take reals only.

def _compare(who: str, op, xs) -> bool:
    if op is _eq:
        check_numbers(who, xs)
    else:
        _check_reals(who, xs)
    for i in range(len(xs) - 1):
        if not op(xs[i], xs[i + 1]):
            return False
    return True


def _eq(a, b) -> bool:
    return a == b


@primitive("=", 1, None, native="cmp", pure=True)
def num_eq(*xs):
    if len(xs) == 2 and type(xs[0]) is int and type(xs[1]) is int:
        return xs[0] == xs[1]
    return _compare("=", _eq, xs)


@primitive("<", 1, None, native="cmp", pure=True)
def num_lt(*xs):
    if len(xs) == 2 and type(xs[0]) is int and type(xs[1]) is int:
        return xs[0] < xs[1]
    return _compare("<", lambda a, b: a < b, xs)


@primitive(">", 1, None, native="cmp", pure=True)
def num_gt(*xs):
    if len(xs) == 2 and type(xs[0]) is int and type(xs[1]) is int:
        return xs[0] > xs[1]
    return _compare(">", lambda a, b: a > b, xs)


@primitive("<=", 1, None, native="cmp", pure=True)
def num_le(*xs):
    if len(xs) == 2 and type(xs[0]) is int and type(xs[1]) is int:
        return xs[0] <= xs[1]
    return _compare("<=", lambda a, b: a <= b, xs)


@primitive(">=", 1, None, native="cmp", pure=True)
def num_ge(*xs):
    if len(xs) == 2 and type(xs[0]) is int and type(xs[1]) is int:
        return xs[0] >= xs[1]
    return _compare(">=", lambda a, b: a >= b, xs)


# -- integer division ----------------------------------------------------------

def _int_operands(who: str, a, b):
    """(a, b, inexact) as Python ints; division by zero is an error."""
    check_integer(who, a, 1)
    check_integer(who, b, 2)
    inexact = type(a) is float or type(b) is float
    if b == 0:
        raise_error("divide-by-zero", f"{who}: division by zero", a)
    return int(a), int(b), inexact


def _result(n: int, inexact: bool):
    return float(n) if inexact else n


def _truncate_div(a: int, b: int):
    q = abs(a) // abs(b)
    if (a < 0) != (b < 0):
        q = -q
    return q, a - b * q


@primitive("floor/", 2, pure=True)
def floor_div(a, b):
    a, b, inexact = _int_operands("floor/", a, b)
    q, r = divmod(a, b)
    return make_values([_result(q, inexact), _result(r, inexact)])


@primitive("floor-quotient", 2, pure=True, exact_result="ints")
def floor_quotient(a, b):
    a, b, inexact = _int_operands("floor-quotient", a, b)
    return _result(a // b, inexact)


@primitive("floor-remainder", 2, pure=True, exact_result="ints")
def floor_remainder(a, b):
    a, b, inexact = _int_operands("floor-remainder", a, b)
    return _result(a % b, inexact)


@primitive("modulo", 2, native="intdiv", pure=True, exact_result="ints",
           inline="({0} % {1}) if type({0}) is int_ and type({1}) is int_ and {1} else {f}({0}, {1})")
def modulo(a, b):
    if type(a) is int and type(b) is int and b:
        return a % b
    a, b, inexact = _int_operands("modulo", a, b)
    return _result(a % b, inexact)


@primitive("truncate/", 2, pure=True)
def truncate_div(a, b):
    a, b, inexact = _int_operands("truncate/", a, b)
    q, r = _truncate_div(a, b)
    return make_values([_result(q, inexact), _result(r, inexact)])


@primitive("truncate-quotient", 2, pure=True, exact_result="ints")
def truncate_quotient(a, b):
    a, b, inexact = _int_operands("truncate-quotient", a, b)
    return _result(_truncate_div(a, b)[0], inexact)


@primitive("truncate-remainder", 2, pure=True, exact_result="ints")
def truncate_remainder(a, b):
    a, b, inexact = _int_operands("truncate-remainder", a, b)
    return _result(_truncate_div(a, b)[1], inexact)


@primitive("quotient", 2, native="intdiv", pure=True, exact_result="ints",
           inline="({0} // {1}) if type({0}) is int_ and type({1}) is int_ and {0} >= 0 and {1} > 0 "
                  "else {f}({0}, {1})")
def quotient(a, b):
    a, b, inexact = _int_operands("quotient", a, b)
    return _result(_truncate_div(a, b)[0], inexact)


@primitive("remainder", 2, native="intdiv", pure=True, exact_result="ints",
           inline="({0} % {1}) if type({0}) is int_ and type({1}) is int_ and {0} >= 0 and {1} > 0 "
                  "else {f}({0}, {1})")
def remainder(a, b):
    a, b, inexact = _int_operands("remainder", a, b)
    return _result(_truncate_div(a, b)[1], inexact)


@primitive("gcd", 0, None, pure=True, exact_result="ints")
def gcd(*xs):
    result, inexact = 0, False
    for i, x in enumerate(xs, 1):
        check_integer("gcd", x, i)
        inexact = inexact or type(x) is float
        result = math.gcd(result, int(x))
    return _result(result, inexact)


@primitive("lcm", 0, None, pure=True, exact_result="ints")
def lcm(*xs):
    result, inexact = 1, False
    for i, x in enumerate(xs, 1):
        check_integer("lcm", x, i)
        inexact = inexact or type(x) is float
        n = abs(int(x))
        result = 0 if n == 0 or result == 0 else result * n // math.gcd(result, n)
    return _result(result, inexact)


# -- abs, min, max --------------------------------------------------------------

@primitive("abs", 1, native="abs", pure=True, exact_result="ints")
def num_abs(x):
    check_real("abs", x, 1)
    return abs(x)


def _extremum(who: str, xs, better, zero_sign: float):
    """max/min. Exact arguments: exact result. With an inexact one: IEEE
    754-2019 maximum/minimum of the arguments as floats -- NaN if any is
    NaN, and of two zeros the one with sign `zero_sign` (+0.0 for max,
    -0.0 for min), so the answer never depends on argument order. (Taking
    the float of each first gives the same value as comparing exactly and
    converting the winner: rounding to float is monotonic.)"""
    if not _check_reals(who, xs):
        best = xs[0]
        for x in xs[1:]:
            if better(x, best):
                best = x
        return best
    fs = [to_float(x) for x in xs]
    best = fs[0]
    for f in fs:
        if f != f:
            return NAN
        if better(f, best) or (f == best == 0.0 and math.copysign(1.0, f) == zero_sign):
            best = f
    return best


@primitive("max", 1, None, native="minmax", pure=True, exact_result="ints")
def num_max(*xs):
    return _extremum("max", xs, lambda a, b: a > b, 1.0)


@primitive("min", 1, None, native="minmax", pure=True, exact_result="ints")
def num_min(*xs):
    return _extremum("min", xs, lambda a, b: a < b, -1.0)


# -- rounding ---------------------------------------------------------------------

def _rounder(who: str, fn):
    def apply(x):
        t = type(x)
        if t is int:
            return x
        if t is Fraction:
            return fn(x)
        if t is float:
            if not math.isfinite(x):
                return x
            return math.copysign(float(fn(x)), x)
        type_error(who, "a real number", x, 1)
    return apply


# round() on a float or Fraction rounds halves to even, as R7RS requires.
for _name, _fn in (("floor", math.floor), ("ceiling", math.ceil),
                   ("round", round), ("truncate", math.trunc)):
    primitive(_name, 1, pure=True, native="round")(_rounder(_name, _fn))


def _check_rational(who: str, x, pos=1):
    check_real(who, x, pos)
    if not _is_finite_rational(x):
        type_error(who, "a rational number", x, pos)
    return x


@primitive("numerator", 1, pure=True)
def numerator(q):
    _check_rational("numerator", q)
    if type(q) is float:
        return float(Fraction(q).numerator)
    return Fraction(q).numerator


@primitive("denominator", 1, pure=True)
def denominator(q):
    _check_rational("denominator", q)
    if type(q) is float:
        return float(Fraction(q).denominator)
    return Fraction(q).denominator


def simplest_rational(lo: Fraction, hi: Fraction) -> Fraction:
    """The simplest rational in [lo, hi] (smallest denominator, then
    numerator), by the continued-fraction walk of the Stern-Brocot tree."""
    if lo > 0:
        return _simplest_positive(lo, hi)
    if hi < 0:
        return -_simplest_positive(-hi, -lo)
    return Fraction(0)


def _simplest_positive(lo: Fraction, hi: Fraction) -> Fraction:
    terms = []
    while True:
        fl = math.floor(lo)
        if fl == lo:
            terms.append(fl)
            break
        if fl < math.floor(hi):
            terms.append(fl + 1)
            break
        terms.append(fl)
        lo, hi = 1 / (hi - fl), 1 / (lo - fl)
    result = Fraction(terms[-1])
    for t in reversed(terms[:-1]):
        result = t + 1 / result
    return result


@primitive("rationalize", 2, pure=True)
def rationalize(x, y):
    inexact = _check_reals("rationalize", (x, y))
    if x != x or y != y:
        return NAN
    if not _is_finite_rational(y):
        return NAN if not _is_finite_rational(x) else 0.0
    if not _is_finite_rational(x):
        return x
    x, y = Fraction(x), abs(Fraction(y))
    result = simplest_rational(x - y, x + y)
    return to_float(result) if inexact else normalise(result)


# -- exactness ------------------------------------------------------------------------

def _exact_real(z: float):
    if not math.isfinite(z):
        raise_error("range-error",
                    f"exact: {format_number(z)} has no exact representation")
    return normalise(Fraction(z))


@primitive("exact", 1, native="exact", pure=True)
def exact(z):
    t = type(z)
    if t is int or t is Fraction or t is ExactComplex:
        return z
    if t is float:
        return _exact_real(z)
    if t is complex:
        if not (math.isfinite(z.real) and math.isfinite(z.imag)):
            raise_error("range-error",
                        f"exact: {format_number(z)} has no exact representation")
        return make_rectangular(_exact_real(z.real), _exact_real(z.imag))
    type_error("exact", "a number", z, 1)


@primitive("inexact", 1, native="inexact", pure=True, inline=(
    "({0} + 0.0) if type({0}) is int_ and -9007199254740992 <= {0} <= 9007199254740992 "
    "else {0} if type({0}) is float_ else {f}({0})"))
def inexact(z):
    t = type(z)
    if t is complex or t is ExactComplex:
        return cx.to_inexact(z)
    check_number("inexact", z, 1)
    return to_float(z)


alias("inexact->exact", "exact")
alias("exact->inexact", "inexact")


# -- predicates -----------------------------------------------------------------------

@primitive("number?", 1, pure=True)
def is_number(x):
    t = type(x)
    return (t is int or t is float or t is Fraction or t is complex
            or t is ExactComplex)


alias("complex?", "number?")


@primitive("real?", 1, pure=True)
def is_real(x):
    t = type(x)
    return t is int or t is float or t is Fraction


@primitive("rational?", 1, pure=True)
def is_rational(x):
    t = type(x)
    return t is int or t is Fraction or (t is float and math.isfinite(x))


@primitive("integer?", 1, pure=True)
def is_integer(x):
    t = type(x)
    return t is int or (t is float and x.is_integer())


@primitive("exact-integer?", 1, pure=True)
def is_exact_integer(x):
    return type(x) is int


@primitive("exact-rational?", 1, pure=True)
def is_exact_rational(x):
    return type(x) is int or type(x) is Fraction


@primitive("exact?", 1, pure=True)
def is_exact(z):
    check_number("exact?", z, 1)
    return type(z) is not float and type(z) is not complex


@primitive("inexact?", 1, pure=True)
def is_inexact(z):
    check_number("inexact?", z, 1)
    return type(z) is float or type(z) is complex


@primitive("nan?", 1, pure=True)
def is_nan(z):
    check_number("nan?", z, 1)
    if type(z) is complex:
        return z.real != z.real or z.imag != z.imag
    return z != z


@primitive("infinite?", 1, pure=True)
def is_infinite(z):
    check_number("infinite?", z, 1)
    if type(z) is complex:
        return math.isinf(z.real) or math.isinf(z.imag)
    return type(z) is float and math.isinf(z)


@primitive("finite?", 1, pure=True)
def is_finite(z):
    check_number("finite?", z, 1)
    if type(z) is complex:
        return math.isfinite(z.real) and math.isfinite(z.imag)
    return type(z) is not float or math.isfinite(z)


@primitive("zero?", 1, native="sign", pure=True, inline="({0} == 0) if type({0}) is int_ else {f}({0})")
def is_zero(z):
    if type(z) is int:
        return z == 0
    check_number("zero?", z, 1)
    return z == 0


@primitive("positive?", 1, native="sign", pure=True)
def is_positive(x):
    return check_real("positive?", x, 1) > 0


@primitive("negative?", 1, native="sign", pure=True)
def is_negative(x):
    return check_real("negative?", x, 1) < 0


@primitive("odd?", 1, native="parity", pure=True, inline="({0} & 1 == 1) if type({0}) is int_ else {f}({0})")
def is_odd(n):
    if type(n) is int:
        return n & 1 == 1
    return int(check_integer("odd?", n, 1)) & 1 == 1


@primitive("even?", 1, native="parity", pure=True, inline="({0} & 1 == 0) if type({0}) is int_ else {f}({0})")
def is_even(n):
    if type(n) is int:
        return n & 1 == 0
    return int(check_integer("even?", n, 1)) & 1 == 0

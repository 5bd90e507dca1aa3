"""Elementary functions: `exp log sin cos tan asin acos atan sqrt
exact-integer-sqrt expt square` (R7RS 6.2.6).

**Owns:** these primitives on real arguments, exact roots of exact
rationals (`integer_root`, `exact_root`: `(sqrt 1/4)` is 1/2, `(expt 8
2/3)` is 4), exact powers and the size limit on them (`MAX_EXPT_BITS`),
and IEEE special cases of the real functions (infinities, signed zeros,
overflow to +-inf.0). A non-real argument, or a real one whose answer is
not real (`(sqrt -4)`, `(log -1)`, `(asin 2)`, `(expt -8 1/3)`), is
handed to `primitives.complex_numbers`. **Does not touch:** the shared
exactness helpers (`primitives.numbers`), number syntax.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..complexnum import ExactComplex
from ..errors import raise_error
from ..values import make_values
from . import complex_numbers as cx
from . import primitive
from .arguments import check_index, check_number, check_real
from .numbers import INF, NAN, NONREAL, check_numbers, float_div, normalise, to_float


# -- transcendental functions -------------------------------------------------------

def _is_real(z) -> bool:
    t = type(z)
    return t is float or t is int or t is Fraction


def _real_arg(who: str, x, pos=1) -> float:
    check_real(who, x, pos)
    return to_float(x)


@primitive("exp", 1, native="libm", pure=True)
def exp(z):
    if not _is_real(z):
        return cx.complex_exp(cx.to_inexact(check_number("exp", z, 1)))
    try:
        return math.exp(to_float(z))
    except OverflowError:
        return INF


def _log1(who: str, z):
    if _is_real(z):
        if z == 0:
            return -INF
        if z > 0:
            return cx.real_log(z)
    else:
        check_number(who, z, 1)
    return cx.complex_log(who, z)


@primitive("log", 1, 2, native="libm", pure=True)
def log(z, base=None):
    if base is None:
        return _log1("log", z)
    check_number("log", base, 2)
    a, b = _log1("log", z), _log1("log", base)
    if type(a) is float and type(b) is float:
        return float_div(a, b)
    return cx.div2(a, b)


def _unary_float(who: str, fn, domain=None):
    def apply(z):
        if not _is_real(z):
            check_number(who, z, 1)
            return cx.complex_trig(who, z)
        x = to_float(z)
        if domain is not None and not domain(x):
            return cx.complex_trig(who, x)
        try:
            return fn(x)
        except ValueError:           # sin/cos/tan of an infinity
            return NAN
    return apply


def _in_unit_interval(x: float) -> bool:
    return x != x or -1 <= x <= 1


primitive("sin", 1, native="libm", pure=True)(_unary_float("sin", math.sin))
primitive("cos", 1, native="libm", pure=True)(_unary_float("cos", math.cos))
primitive("tan", 1, native="libm", pure=True)(_unary_float("tan", math.tan))
primitive("asin", 1, pure=True)(_unary_float("asin", math.asin, _in_unit_interval))
primitive("acos", 1, pure=True)(_unary_float("acos", math.acos, _in_unit_interval))


@primitive("atan", 1, 2, native="libm", pure=True)
def atan(y, x=None):
    if x is None:
        if not _is_real(y):
            check_number("atan", y, 1)
            return cx.complex_trig("atan", y)
        return math.atan(to_float(y))
    fy = _real_arg("atan", y, 1)
    return math.atan2(fy, _real_arg("atan", x, 2))


# -- roots and powers -----------------------------------------------------------------

def integer_root(n: int, k: int) -> int:
    """floor(n ** (1/k)) for n >= 0, k >= 1, by integer Newton iteration."""
    if n < 2 or k == 1:
        return n
    if k == 2:
        return math.isqrt(n)
    if n.bit_length() <= k:
        return 1
    x = 1 << -(-n.bit_length() // k)          # an over-estimate
    while True:
        y = ((k - 1) * x + n // x ** (k - 1)) // k
        if y >= x:
            return x
        x = y


def exact_root(q, k: int):
    """The exact k-th root of the non-negative exact rational `q`, or None."""
    q = Fraction(q)
    num, den = integer_root(q.numerator, k), integer_root(q.denominator, k)
    if num ** k == q.numerator and den ** k == q.denominator:
        return normalise(Fraction(num, den))
    return None


def _float_sqrt(x) -> float:
    if type(x) is int and x.bit_length() > 1000:
        return to_float(math.isqrt(x))
    return math.sqrt(to_float(x))


@primitive("sqrt", 1, native="sqrt", pure=True)
def sqrt(z):
    if not _is_real(z):
        return cx.complex_sqrt(check_number("sqrt", z, 1))
    if z < 0:
        return cx.complex_sqrt(z)
    if type(z) is float:
        return math.sqrt(z)
    root = exact_root(z, 2)
    return root if root is not None else _float_sqrt(z)


@primitive("exact-integer-sqrt", 1, pure=True)
def exact_integer_sqrt(k):
    check_index("exact-integer-sqrt", k, 1)
    s = math.isqrt(k)
    return make_values([s, k - s * s])


def _float_pow(base: float, power: float):
    if base == 0 and power < 0:
        return INF if math.copysign(1.0, base) > 0 or power % 2 != 1 else -INF
    if base < 0 and not power.is_integer() and math.isfinite(power):
        return cx.complex_expt(base, power)
    try:
        return math.pow(base, power)
    except OverflowError:
        return -INF if base < 0 and power % 2 == 1 else INF


MAX_EXPT_BITS = 1 << 27


def _bits(q) -> int:
    q = Fraction(q)
    return max(abs(q.numerator).bit_length(), q.denominator.bit_length())


def _check_size(base, power: int) -> None:
    """Refuse exact powers whose result would need more than 16 MB."""
    if type(base) is ExactComplex:
        bits = max(_bits(base.re), _bits(base.im))
    elif type(base) is Fraction:
        bits = _bits(base)
    else:
        bits = abs(base).bit_length()
    if bits > 1 and abs(power) * (bits - 1) > MAX_EXPT_BITS:
        raise_error("range-error", "expt: exact result too large", base, power)


@primitive("expt", 2, native="expt", pure=True)
def expt(base, power):
    inexact = check_numbers("expt", (base, power))
    if inexact == NONREAL:
        if type(power) is int and type(base) is ExactComplex:
            _check_size(base, power)
        return cx.complex_expt(base, power)
    if inexact:
        return _float_pow(to_float(base), to_float(power))
    if type(power) is int:
        _check_size(base, power)
        if power >= 0:
            return normalise(Fraction(base) ** power) if type(base) is Fraction else base ** power
        if base == 0:
            raise_error("divide-by-zero", "expt: division by zero", base, power)
        return normalise(Fraction(base) ** power)
    # exact rational power p/q: exact when base is a perfect q-th power
    if base < 0:
        return cx.complex_expt(base, power)
    if base == 0:
        if power < 0:
            raise_error("divide-by-zero", "expt: division by zero", base, power)
        return 0
    root = exact_root(base, power.denominator)
    if root is not None:
        return expt(root, power.numerator)
    return _float_pow(to_float(base), to_float(power))


@primitive("square", 1, native="square", pure=True)
def square(z):
    if type(z) is int:
        return z * z
    check_number("square", z, 1)
    return z * z

"""Complex numbers: R7RS 6.2 arithmetic off the real line.

**Owns:** the primitives of `(scheme complex)` (`make-rectangular
make-polar real-part imag-part magnitude angle`); the binary operations
`add2 sub2 mul2 div2` that `primitives.numbers` calls when an operand is
not real; and the complex branches of the transcendental functions
(`complex_exp complex_log complex_sqrt complex_trig complex_expt`) and
of `sqrt`/`expt` on exact numbers, which stay exact when the answer is
(`(sqrt -4)` is `+2i`, `(sqrt 3+4i)` is `2+i`, `(expt -1 1/2)` is `+i`).
**Does not touch:** the representation (`elle.complexnum`), real
arithmetic and argument dispatch (`primitives.numbers`), syntax.

Exactness: an operation on exact operands is exact (ExactComplex
arithmetic); any inexact operand makes it inexact, as a Python `complex`.
Mixed real/complex operations follow C99 Annex G (G.5.1): a real operand
is *not* widened to `x+0.0i`, so `(+ 1.0 -0.0-0.0i)` keeps the imaginary
-0.0 and `(* 2.0 +inf.0+0.0i)` has no NaN.

Branch cuts and signed zeros (R7RS 6.2.6, which follows Common Lisp):
complex arguments go to Python's `cmath`, which implements C99 Annex G,
so the sign of a zero part picks the side of a cut (`(sqrt -4.0-0.0i)` is
`0.0-2.0i`). An exact zero part counts as +0.0. A *real* argument has no
signed imaginary zero, and then the value is R7RS's formula on the
closed side of the cut: `(log -1)` is `0.0+3.14...i`, `(sqrt -4.0)` is
`0.0+2.0i`, `(asin 2)` is `1.57...-1.31...i` (the cut above 1 is
continuous with quadrant IV) and `(acos 2)` is `0.0+1.31...i`. `atan` at
+-i is an error; overflow gives infinities, never a Python OverflowError.
An inexact result of a function of an exact non-real argument has an
inexact real part even when it is zero (`(sqrt -2)` is
`0.0+1.4142135623730951i`): Elle has no mixed-exactness complex numbers.
"""

from __future__ import annotations

import cmath
import math
from fractions import Fraction

from ..complexnum import ExactComplex, imag_part, make_polar, make_rectangular, real_part
from ..errors import raise_error, type_error
from . import primitive
from .arguments import check_number, check_real
from .number_syntax import to_float

INF = math.inf


def to_inexact(z):
    """A float for a real, a Python complex for a non-real."""
    t = type(z)
    if t is complex or t is float:
        return z
    if t is ExactComplex:
        return complex(to_float(z.re), to_float(z.im))
    return to_float(z)


def _is_exact(z) -> bool:
    return type(z) is not float and type(z) is not complex


def _float_div(a: float, b: float) -> float:
    if b == 0:
        if a == 0 or a != a:
            return math.nan
        return math.copysign(INF, a) * math.copysign(1.0, b)
    return a / b


# -- + - * / with a non-real operand ---------------------------------------------
# `numbers` folds these over all the arguments once one of them is not real,
# so an intermediate result may be real: exact reals are normalised (1/2 +
# 1/2 is 1), two floats use the real operation, and a real float meeting a
# complex one is never widened to x+0.0i (C99 G.5.1).

def _normal(q):
    if type(q) is Fraction and q.denominator == 1:
        return q.numerator
    return q


def add2(a, b):
    if _is_exact(a) and _is_exact(b):
        return _normal(a + b)
    a, b = to_inexact(a), to_inexact(b)
    if type(a) is float:
        return a + b if type(b) is float else complex(a + b.real, b.imag)
    if type(b) is float:
        return complex(a.real + b, a.imag)
    return a + b


def sub2(a, b):
    if _is_exact(a) and _is_exact(b):
        return _normal(a - b)
    a, b = to_inexact(a), to_inexact(b)
    if type(a) is float:
        return a - b if type(b) is float else complex(a - b.real, -b.imag)
    if type(b) is float:
        return complex(a.real - b, a.imag)
    return a - b


def mul2(a, b):
    if _is_exact(a) and _is_exact(b):
        return _normal(a * b)
    a, b = to_inexact(a), to_inexact(b)
    if type(a) is float:
        return a * b if type(b) is float else complex(a * b.real, a * b.imag)
    if type(b) is float:
        return complex(a.real * b, a.imag * b)
    return a * b


def div2(a, b):
    if _is_exact(a) and _is_exact(b):
        if b == 0:
            raise_error("divide-by-zero", "/: division by zero", a)
        if type(a) is not ExactComplex and type(b) is not ExactComplex:
            return _normal(Fraction(a) / b)
        return a / b
    a, b = to_inexact(a), to_inexact(b)
    if type(b) is float or b == 0:
        d = b if type(b) is float else 0.0
        if type(a) is float:
            if type(b) is float:
                return _float_div(a, d)
            a = complex(a, 0.0)
        return complex(_float_div(a.real, d), _float_div(a.imag, d))
    return a / b


# -- exact roots -----------------------------------------------------------------

def _exact_sqrt(q):
    """The exact square root of the exact rational q >= 0, or None."""
    q = Fraction(q)
    n, d = math.isqrt(q.numerator), math.isqrt(q.denominator)
    if n * n == q.numerator and d * d == q.denominator:
        return n if d == 1 else Fraction(n, d)
    return None


def exact_complex_sqrt(z):
    """The exact principal square root of an exact negative rational or
    ExactComplex `z`, or None when it is not exact. For a+bi: with
    r = |z|, the root is sqrt((r+a)/2) + sign(b) sqrt((r-a)/2) i."""
    if type(z) is not ExactComplex:
        root = _exact_sqrt(-z)
        return None if root is None else make_rectangular(0, root)
    a, b = z.re, z.im
    r = _exact_sqrt(Fraction(a) * a + Fraction(b) * b)
    if r is None:
        return None
    x = _exact_sqrt(Fraction(r + a) / 2)
    y = _exact_sqrt(Fraction(r - a) / 2)
    if x is None or y is None:
        return None
    return make_rectangular(x, y if b > 0 else -y)


# -- transcendental functions ----------------------------------------------------

def _huge(x: float) -> float:
    """exp(x) for the real part of an overflowing complex exponential."""
    try:
        return math.exp(x)
    except OverflowError:
        return INF


def _times(m: float, c: float) -> float:
    """m * c where an exact zero `c` wins over an infinite `m` (no NaN)."""
    return c if c == 0 else m * c


def complex_exp(z: complex) -> complex:
    try:
        return cmath.exp(z)
    except OverflowError:
        m = _huge(z.real)
        return complex(_times(m, math.cos(z.imag)), _times(m, math.sin(z.imag)))


def real_log(x) -> float:
    """log of a real x >= 0 of any size (-inf.0 for 0)."""
    if x == 0:
        return -INF
    if type(x) is int:
        return math.log(x)                        # exact for ints of any size
    if type(x) is Fraction:
        return math.log(x.numerator) - math.log(x.denominator)
    return math.log(x) if x != INF else INF


def complex_log(who: str, z) -> complex:
    """The principal logarithm as a complex: of a negative real, of a
    non-real, or of any base `expt` needs it for. The log of an exact 0 is
    an error; of an inexact zero, -inf.0 plus the zero's angle."""
    t = type(z)
    if t is int or t is Fraction or t is float:
        if z == 0 and t is not float:
            raise_error("divide-by-zero", f"{who}: logarithm of exact 0", z)
        return complex(real_log(abs(z)), math.pi if z < 0 else 0.0)
    z = to_inexact(z)
    if z == 0:
        return complex(-INF, math.atan2(z.imag, z.real))
    return cmath.log(z)


def complex_sqrt(z):
    """sqrt of a negative real or of a non-real number."""
    if _is_exact(z):
        root = exact_complex_sqrt(z)
        if root is not None:
            return root
        z = to_inexact(z)
    if type(z) is float:                          # negative: +0.0 imaginary side
        return complex(0.0, math.sqrt(-z))
    return cmath.sqrt(z)


def _cosh_sinh(y: float):
    try:
        return math.cosh(y), math.sinh(y)
    except OverflowError:
        return INF, math.copysign(INF, y)


def _sin(z: complex) -> complex:
    try:
        return cmath.sin(z)
    except OverflowError:
        ch, sh = _cosh_sinh(z.imag)
        return complex(_times(ch, math.sin(z.real)), _times(sh, math.cos(z.real)))


def _cos(z: complex) -> complex:
    try:
        return cmath.cos(z)
    except OverflowError:
        ch, sh = _cosh_sinh(z.imag)
        return complex(_times(ch, math.cos(z.real)), -_times(sh, math.sin(z.real)))


def _tan(z: complex) -> complex:
    try:
        return cmath.tan(z)
    except OverflowError:                         # |Im z| huge: tan -> +-i
        return complex(0.0, math.copysign(1.0, z.imag))


def _atan(z: complex) -> complex:
    if z.real == 0 and abs(z.imag) == 1:
        raise_error("range-error", "atan: +i and -i are poles of atan")
    return cmath.atan(z)


def _off_axis(x: float) -> complex:
    """A real argument of asin/acos beyond [-1, 1], on the side of the cut
    R7RS's formula takes (imaginary -0.0 above 1, +0.0 below -1)."""
    return complex(x, -0.0 if x > 0 else 0.0)


_TRIG = {"sin": _sin, "cos": _cos, "tan": _tan, "atan": _atan,
         "asin": cmath.asin, "acos": cmath.acos}


def complex_trig(who: str, z) -> complex:
    """sin cos tan asin acos atan of a non-real `z`, or asin/acos of a
    real outside [-1, 1]."""
    z = to_inexact(z)
    if type(z) is float:
        z = _off_axis(z)
    return _TRIG[who](z)


def _exact_ipow(z, n: int):
    """z ** n for an exact (complex) z and an exact integer n, by squaring."""
    if n < 0:
        if z == 0:
            raise_error("divide-by-zero", "expt: division by zero", z, n)
        return div2(1, _exact_ipow(z, -n))
    result = 1
    while n:
        if n & 1:
            result = mul2(result, z)
        n >>= 1
        if n:
            z = mul2(z, z)
    return result


def complex_expt(base, power):
    """(expt base power) when the base is non-real, the power is non-real,
    or a negative real base meets a non-integer power."""
    if _is_exact(base) and _is_exact(power):
        if type(power) is int:
            return _exact_ipow(base, power)
        if type(power) is Fraction and power.denominator == 2 and base != 0:
            root = complex_sqrt(base)             # exact when it can be: (expt -4 3/2) is -8i
            if _is_exact(root):
                return _exact_ipow(root, power.numerator)
            try:
                return root ** power.numerator
            except (OverflowError, ZeroDivisionError):
                pass
    if base == 0:
        re = real_part(power)
        if power == 0:
            return 1 if _is_exact(base) and _is_exact(power) else 1.0
        if re > 0:
            return 0 if _is_exact(base) and _is_exact(power) else 0.0
        raise_error("divide-by-zero", "expt: 0 to a power with a non-positive real part",
                    base, power)
    if type(power) is int and type(base) is complex:
        try:
            return base ** power
        except (OverflowError, ZeroDivisionError):
            pass
    return complex_exp(mul2(to_inexact(power), complex_log("expt", base)))


# -- the (scheme complex) primitives ---------------------------------------------

@primitive("make-rectangular", 2, pure=True)
def make_rectangular_(re, im):
    check_real("make-rectangular", re, 1)
    check_real("make-rectangular", im, 2)
    return make_rectangular(re, im)


@primitive("make-polar", 2, pure=True)
def make_polar_(magnitude, angle):
    check_real("make-polar", magnitude, 1)
    check_real("make-polar", angle, 2)
    return make_polar(magnitude, angle)


@primitive("real-part", 1, pure=True)
def real_part_(z):
    return real_part(check_number("real-part", z, 1))


@primitive("imag-part", 1, pure=True)
def imag_part_(z):
    return imag_part(check_number("imag-part", z, 1))


@primitive("magnitude", 1, pure=True)
def magnitude(z):
    t = type(z)
    if t is ExactComplex:
        m = _exact_sqrt(Fraction(z.re) ** 2 + Fraction(z.im) ** 2)
        if m is not None:
            return m
        return math.hypot(to_float(z.re), to_float(z.im))
    if t is complex:
        return abs(z)
    check_number("magnitude", z, 1)
    return abs(z)


@primitive("angle", 1, pure=True)
def angle(z):
    t = type(z)
    if t is ExactComplex:
        return math.atan2(to_float(z.im), to_float(z.re))
    if t is complex:
        return math.atan2(z.imag, z.real)
    if t is float:
        return math.atan2(0.0, z)
    if t is int or t is Fraction:
        return math.pi if z < 0 else 0
    type_error("angle", "a number", z, 1)

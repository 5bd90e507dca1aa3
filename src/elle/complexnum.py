"""Complex numbers: how they are represented and built from their parts.

**Owns:** `ExactComplex` (a non-real complex number whose parts are exact
rationals, `int` or `Fraction`: the one numeric type Python does not
supply), the exact field operations on it (`+ - * /`, negation, `==`,
hashing) against ints, Fractions and other ExactComplex values, and the
constructors every layer shares: `make_rectangular` and `make_polar`
(used by the reader for `a+bi` / `m@a` and by the primitives of the same
name), `real_part`/`imag_part`. Inexact complex numbers are Python
`complex`. **Does not touch:** arithmetic that mixes exact and inexact
operands and the transcendental functions (`primitives.complex_numbers`),
syntax (`elle.number_grammar`, `elle.printer`).

Normal forms (R7RS 6.2.6, and what `real?` answers):
- an exact complex with imaginary part 0 *is* its real part (`1+0i` is 1),
  so an `ExactComplex` always has a non-zero imaginary part;
- a part that is an exact 0 makes no number inexact: `(make-rectangular
  1.5 0)` is the real 1.5;
- otherwise any inexact part makes both inexact, and an inexact complex
  keeps an imaginary part of 0.0 (`1.0+0.0i` is not `real?`).

The Python operators of ExactComplex return NotImplemented for a float or
complex operand on purpose: contagion to inexact, and the signed-zero rules
that come with it, are decided in one place (`primitives.complex_numbers`).
"""

from __future__ import annotations

import math
from fractions import Fraction


def _exact(q):
    if type(q) is Fraction and q.denominator == 1:
        return q.numerator
    return q


def make_exact_rectangular(re, im):
    """re + im*i for exact rationals; an exact real when `im` is 0."""
    if im == 0:
        return _exact(re)
    return ExactComplex(_exact(re), _exact(im))


def _parts(x):
    """(re, im) of an exact number, or None for anything else."""
    t = type(x)
    if t is ExactComplex:
        return x.re, x.im
    if t is int or t is Fraction:
        return x, 0
    return None


class ExactComplex:
    """re + im*i with exact rational parts and im != 0 (immutable)."""

    __slots__ = ("re", "im")

    def __init__(self, re, im):
        self.re = re
        self.im = im

    def __repr__(self):
        return f"ExactComplex({self.re!r}, {self.im!r})"

    def __eq__(self, other):
        t = type(other)
        if t is ExactComplex:
            return self.re == other.re and self.im == other.im
        if t is complex:      # Python compares float with Fraction exactly
            return self.re == other.real and self.im == other.imag
        return False          # every real number has imaginary part 0

    def __hash__(self):
        return hash((self.re, self.im))

    def __neg__(self):
        return ExactComplex(-self.re, -self.im)

    def __add__(self, other):
        p = _parts(other)
        if p is None:
            return NotImplemented
        return make_exact_rectangular(self.re + p[0], self.im + p[1])

    __radd__ = __add__

    def __sub__(self, other):
        p = _parts(other)
        if p is None:
            return NotImplemented
        return make_exact_rectangular(self.re - p[0], self.im - p[1])

    def __rsub__(self, other):
        p = _parts(other)
        if p is None:
            return NotImplemented
        return make_exact_rectangular(p[0] - self.re, p[1] - self.im)

    def __mul__(self, other):
        p = _parts(other)
        if p is None:
            return NotImplemented
        a, b = self.re, self.im
        c, d = p
        return make_exact_rectangular(a * c - b * d, a * d + b * c)

    __rmul__ = __mul__

    def __truediv__(self, other):
        p = _parts(other)
        if p is None:
            return NotImplemented
        return _divide(self.re, self.im, p[0], p[1])

    def __rtruediv__(self, other):
        p = _parts(other)
        if p is None:
            return NotImplemented
        return _divide(p[0], p[1], self.re, self.im)

    def conjugate(self):
        return ExactComplex(self.re, -self.im)


def _divide(a, b, c, d):
    """(a + bi) / (c + di) exactly; ZeroDivisionError when c = d = 0."""
    den = Fraction(c * c + d * d)
    if den == 0:
        raise ZeroDivisionError("exact complex division by zero")
    return make_exact_rectangular((a * c + b * d) / den, (b * c - a * d) / den)


def _to_float(q) -> float:
    if type(q) is float:
        return q
    try:
        return q.numerator / q.denominator if type(q) is Fraction else float(q)
    except OverflowError:
        return math.inf if q > 0 else -math.inf


def make_rectangular(re, im):
    """re + im*i for any real parts, in the normal forms above."""
    if type(im) is not float:
        if im == 0:
            return re
        if type(re) is not float:
            return ExactComplex(_exact(re), _exact(im))
    return complex(_to_float(re), _to_float(im))


def make_polar(magnitude, angle):
    """magnitude * e^(i angle); exact only when `angle` is an exact 0."""
    if type(angle) is not float and angle == 0:
        return magnitude
    m, a = _to_float(magnitude), _to_float(angle)
    if math.isinf(a) or a != a:            # math.cos(inf) would raise
        return complex(math.nan, math.nan)
    return complex(m * math.cos(a), m * math.sin(a))


def real_part(z):
    t = type(z)
    if t is ExactComplex:
        return z.re
    if t is complex:
        return z.real
    return z


def imag_part(z):
    """The imaginary part; an exact 0 for every real number (R7RS 6.2.6)."""
    t = type(z)
    if t is ExactComplex:
        return z.im
    if t is complex:
        return z.imag
    return 0

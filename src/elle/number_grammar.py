"""The R7RS number grammar (7.1.1): text -> number.

**Owns:** `read_number(text, radix)`, which the reader uses for every atom
that may be a number and `string->number` uses as is, and `digits_to_int`.
Accepts radix and exactness prefixes in either order, signed integers,
`n/d` rationals (normalised: `4/2` is 2), decimals with an exponent (radix
10 only; the markers `e s f d l` in either case all mean "times ten to
the", and every inexact number is a double), `+inf.0 -inf.0 +nan.0
-nan.0`, and complex numbers: rectangular `a+bi`, `a-i`, `+bi`, `+i`,
`-i`, `a+inf.0i`, and polar `m@a`. **Does not touch:** what a token is
(`elle.reader`), how numbers are written (`elle.printer`), arithmetic.

A complex literal means `(make-rectangular a b)` or `(make-polar m a)` of
its parts as read (see `elle.complexnum` for the normal forms): `1+0i` is
the exact 1 and `1.5+0i` the real 1.5, while `1.0+0.0i` stays complex. An
exactness prefix applies to both parts (`#i1+2i` is 1.0+2.0i, `#e1.5+2i`
is 3/2+2i); `#e1@2` is the exact number nearest the inexact polar value.
A rectangular literal is split at a `+`/`-` that does not follow an
exponent marker; the split is unique because a real part can never end
in an exponent marker or a sign.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from .complexnum import make_polar, make_rectangular

_RADIX_PREFIX = {"x": 16, "o": 8, "b": 2, "d": 10}
_DIGITS = {2: "01", 8: "0-7", 10: "0-9", 16: "0-9a-fA-F"}
_UINTEGER = {r: re.compile(f"[{d}]+\\Z") for r, d in _DIGITS.items()}
_URATIONAL = {r: re.compile(f"([{d}]+)/([{d}]+)\\Z") for r, d in _DIGITS.items()}
_DECIMAL = re.compile(
    r"(?:([0-9]+)(?:\.([0-9]*))?|\.([0-9]+))(?:[eEsSfFdDlL]([+-]?[0-9]+))?\Z")
_EXPONENT_MARKERS = "eEsSfFdDlL"
_SPECIAL = {"inf.0": math.inf, "nan.0": math.nan}
# An exact decimal with a larger exponent would need an absurd amount of memory.
_MAX_EXACT_EXPONENT = 100_000


def digits_to_int(digits: str, radix: int = 10) -> int:
    """int(digits, radix), also past CPython's limit on decimal digit strings."""
    if len(digits) <= 4000:
        return int(digits, radix)
    half = len(digits) // 2
    low = len(digits) - half
    return (digits_to_int(digits[:half], radix) * radix ** low
            + digits_to_int(digits[half:], radix))


def _to_float(num: int, den: int = 1) -> float:
    try:
        return num / den
    except OverflowError:
        return math.inf if (num < 0) == (den < 0) else -math.inf


def _exact(q: Fraction):
    return q.numerator if q.denominator == 1 else q


def _read_ureal(body: str, radix: int, exactness):
    """An unsigned real in `radix` (or None); `exactness` is None, "e" or "i"."""
    if _UINTEGER[radix].match(body):
        n = digits_to_int(body, radix)
        return _to_float(n) if exactness == "i" else n
    m = _URATIONAL[radix].match(body)
    if m:
        num = digits_to_int(m.group(1), radix)
        den = digits_to_int(m.group(2), radix)
        if den == 0:
            return None
        return _to_float(num, den) if exactness == "i" else _exact(Fraction(num, den))
    special = _SPECIAL.get(body.lower())
    if special is not None:
        return None if exactness == "e" else special
    if radix != 10:
        return None
    m = _DECIMAL.match(body)
    if m is None:
        return None
    whole, frac, only_frac, exp = m.groups()
    if exactness != "e":
        if exp is not None and body[m.start(4) - 1] not in "eE":
            body = body[:m.start(4) - 1] + "e" + body[m.start(4):]
        return float(body)
    frac = only_frac if whole is None else (frac or "")
    exponent = int(exp or 0) - len(frac)
    if abs(exponent) > _MAX_EXACT_EXPONENT:
        raise OverflowError("exponent too large for an exact number")
    mantissa = digits_to_int((whole or "") + frac)
    if exponent >= 0:
        return mantissa * 10 ** exponent
    return _exact(Fraction(mantissa, 10 ** -exponent))


def _read_real(text: str, radix: int, exactness):
    """A real: an optional sign then an unsigned real (`inf.0`/`nan.0` need the sign)."""
    sign = text[:1]
    signed = sign == "+" or sign == "-"
    body = text[1:] if signed else text
    if not body or body[0] in "+-":
        return None
    if not signed and body.lower() in _SPECIAL:
        return None  # "inf.0" without a sign is a symbol
    value = _read_ureal(body, radix, exactness)
    if value is not None and sign == "-":
        value = -value
    return value


def _unit(sign: str, exactness):
    """The imaginary unit coefficient written as a bare `+` or `-`."""
    one = 1.0 if exactness == "i" else 1
    return one if sign == "+" else -one


def _read_complex(body: str, radix: int, exactness):
    at = body.find("@")
    if at >= 0:
        m = _read_real(body[:at], radix, exactness)
        a = _read_real(body[at + 1:], radix, exactness)
        if m is None or a is None:
            return None
        z = make_polar(m, a)
        if exactness == "e" and type(z) is complex:
            if not (math.isfinite(z.real) and math.isfinite(z.imag)):
                return None
            return make_rectangular(_exact(Fraction(z.real)), _exact(Fraction(z.imag)))
        return z
    if body[-1] not in "iI":               # no real ends in i, not even in hex
        return _read_real(body, radix, exactness)
    s = body[:-1]
    if s in ("+", "-"):
        return make_rectangular(0.0 if exactness == "i" else 0, _unit(s, exactness))
    if s[:1] in ("+", "-"):                 # a pure imaginary: +bi
        im = _read_real(s, radix, exactness)
        if im is not None:
            return make_rectangular(0.0 if exactness == "i" else 0, im)
    for k in range(len(s) - 1, 0, -1):     # a+bi: split at the imaginary part's sign
        c = s[k]
        if c not in "+-" or (radix == 10 and s[k - 1] in _EXPONENT_MARKERS):
            continue
        re_part = _read_real(s[:k], radix, exactness)
        if re_part is None:
            return None
        tail = s[k:]
        im = _unit(tail, exactness) if len(tail) == 1 else _read_real(tail, radix, exactness)
        if im is None:
            return None
        return make_rectangular(re_part, im)
    return None


def read_number(text: str, radix: int = 10):
    """The number `text` denotes in R7RS syntax (default `radix`), or None.

    Raises OverflowError for an exact decimal whose exponent is too large to
    represent sensibly.
    """
    exactness = None
    radix_seen = False
    i = 0
    while text.startswith("#", i) and i + 1 < len(text):
        c = text[i + 1].lower()
        if c in _RADIX_PREFIX and not radix_seen:
            radix_seen = True
            radix = _RADIX_PREFIX[c]
        elif c in "ei" and exactness is None:
            exactness = c
        else:
            return None
        i += 2
    body = text[i:]
    if not body:
        return None
    return _read_complex(body, radix, exactness)


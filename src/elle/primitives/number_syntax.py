"""Number syntax: parsing and formatting numbers as text.

**Owns:** `parse_number(text, radix)` (the full R7RS real-number syntax:
radix and exactness prefixes `#x #o #b #d #e #i` in either order, signed
integers, `n/d` rationals, decimals with exponents, `+inf.0 -inf.0 +nan.0
-nan.0`; complex numbers are not supported and parse as "not a number"),
`format_number(x, radix)`, and the primitives `number->string` and
`string->number`. **Does not touch:** arithmetic (`primitives.numbers`),
the printer (`elle.printer` should call `format_number` so `write` and
`number->string` agree).
"""

from __future__ import annotations

import re
from fractions import Fraction

from ..datum import MString
from ..errors import raise_error, type_error
from . import primitive
from .arguments import check_number, check_string

_DIGITS = {2: "01", 8: "0-7", 10: "0-9", 16: "0-9a-f"}
_RADIX_PREFIX = {"x": 16, "o": 8, "b": 2, "d": 10}

_UREAL = {
    r: re.compile(rf"([{d}]+)(?:/([{d}]+))?\Z", re.I) for r, d in _DIGITS.items()
}
_DECIMAL = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[+-]?[0-9]+)?\Z", re.I)
_SPECIAL = {"+inf.0": float("inf"), "-inf.0": float("-inf"),
            "+nan.0": float("nan"), "-nan.0": float("nan")}


def _normalise(q: Fraction):
    return q.numerator if q.denominator == 1 else q


def ratio_to_float(num: int, den: int) -> float:
    """num/den correctly rounded, +-inf when beyond the float range."""
    try:
        return num / den
    except OverflowError:
        return float("inf") if (num < 0) == (den < 0) else float("-inf")


# Python refuses int <-> decimal str conversions beyond ~4300 digits (a
# guard against quadratic work); these split longer numbers in halves.
_SAFE_DIGITS = 4000
MAX_EXACT_EXPONENT = 100_000   # `#e1e999999999` is "not a number", not a hang


def parse_digits(digits: str, radix: int) -> int:
    """int(digits, radix) for digit strings of any length."""
    if radix != 10 or len(digits) <= _SAFE_DIGITS:
        return int(digits, radix)
    k = len(digits) // 2
    return parse_digits(digits[:-k], 10) * 10 ** k + parse_digits(digits[-k:], 10)


def decimal_digits(n: int) -> str:
    """str(n) for non-negative ints of any size."""
    if n.bit_length() <= _SAFE_DIGITS * 3:
        return str(n)
    k = n.bit_length() * 3 // 20          # about half the decimal digits
    high, low = divmod(n, 10 ** k)
    return decimal_digits(high) + decimal_digits(low).rjust(k, "0")


_DECIMAL_PARTS = re.compile(r"([0-9]*)(?:\.([0-9]*))?(?:e([+-]?[0-9]+))?\Z", re.I)


def _exact_decimal(body: str):
    """The exact value of an unsigned decimal like `1.25e-3`, or None."""
    whole, frac, exp = _DECIMAL_PARTS.match(body).groups()
    frac = frac or ""
    exponent = int(exp) if exp else 0
    if abs(exponent) > MAX_EXACT_EXPONENT:
        return None
    mantissa = parse_digits((whole or "") + frac or "0", 10)
    return _normalise(Fraction(mantissa) * Fraction(10) ** (exponent - len(frac)))


def parse_number(text: str, radix: int = 10):
    """The number `text` denotes in `radix`, or None if it is not a number."""
    exactness = None
    radix_seen = False
    i = 0
    while i + 1 < len(text) and text[i] == "#":
        c = text[i + 1].lower()
        if c in _RADIX_PREFIX:
            if radix_seen:
                return None
            radix_seen = True
            radix = _RADIX_PREFIX[c]
        elif c in "ei":
            if exactness is not None:
                return None
            exactness = c
        else:
            return None
        i += 2
    body = text[i:]
    if not body:
        return None
    special = _SPECIAL.get(body.lower())
    if special is not None:
        return None if exactness == "e" else special
    sign = 1
    if body[0] in "+-":
        sign = -1 if body[0] == "-" else 1
        body = body[1:]
        if not body or body[0] in "+-":
            return None
    m = _UREAL[radix].match(body)
    if m:
        num = parse_digits(m.group(1), radix) * sign
        if m.group(2) is None:
            return ratio_to_float(num, 1) if exactness == "i" else num
        den = parse_digits(m.group(2), radix)
        if den == 0:
            return None
        if exactness == "i":
            return ratio_to_float(num, den)
        return _normalise(Fraction(num, den))
    if radix == 10 and _DECIMAL.match(body):
        if exactness == "e":
            q = _exact_decimal(body)
            return None if q is None else q * sign
        return float(body) * sign
    return None


def format_exact(x, radix: int = 10) -> str:
    """An exact integer or rational written in `radix`."""
    if type(x) is Fraction:
        return format_exact(x.numerator, radix) + "/" + format_exact(x.denominator, radix)
    if radix == 10:
        return ("-" if x < 0 else "") + decimal_digits(abs(x))
    digits = "0123456789abcdef"
    n = abs(x)
    out = []
    while True:
        n, d = divmod(n, radix)
        out.append(digits[d])
        if n == 0:
            break
    return ("-" if x < 0 else "") + "".join(reversed(out))


def format_float(x: float) -> str:
    """An inexact real in R7RS syntax: `+inf.0`, `-inf.0`, `+nan.0`, else
    Python's shortest round-tripping repr (`1.0`, `1e+100`, `-0.0`)."""
    if x != x:
        return "+nan.0"
    if x == float("inf"):
        return "+inf.0"
    if x == float("-inf"):
        return "-inf.0"
    return repr(x)


def format_number(x, radix: int = 10) -> str:
    """`x` as text; inexact numbers can only be written in radix 10."""
    if type(x) is float:
        if radix != 10:
            raise_error("range-error",
                        f"number->string: cannot write inexact {format_float(x)} in radix {radix}")
        return format_float(x)
    return format_exact(x, radix)


def _check_radix(who, radix, pos):
    if radix is None:
        return 10
    if type(radix) is not int or radix not in _DIGITS:
        type_error(who, "a radix (2, 8, 10 or 16)", radix, pos)
    return radix


@primitive("number->string", 1, 2, pure=True)
def number_to_string(z, radix=None):
    check_number("number->string", z, 1)
    return MString(format_number(z, _check_radix("number->string", radix, 2)))


@primitive("string->number", 1, 2, pure=True)
def string_to_number(s, radix=None):
    check_string("string->number", s, 1)
    n = parse_number(s.s, _check_radix("string->number", radix, 2))
    return False if n is None else n

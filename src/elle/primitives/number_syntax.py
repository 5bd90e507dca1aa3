"""Number syntax as procedures: `number->string` and `string->number`.

**Owns:** `parse_number(text, radix)` (what `string->number` accepts: the
reader's number syntax, see `elle.number_grammar`, with "not a number"
for an exact decimal too large to build), `format_number(x, radix)` (exact
numbers in radix 2, 8, 10 or 16; inexact ones in radix 10 exactly as
`write` prints them), `ratio_to_float`, and the two primitives.
**Does not touch:** the grammar itself (`elle.reader`), how `write` prints
numbers (`elle.printer`), arithmetic (`primitives.numbers`).
"""

from __future__ import annotations

from fractions import Fraction

from ..complexnum import ExactComplex
from ..datum import MString
from ..errors import raise_error, type_error
from ..number_grammar import read_number
from ..printer import complex_text, exact_complex_text, float_text, int_text
from . import primitive
from .arguments import check_number, check_string

_RADIXES = (2, 8, 10, 16)


def ratio_to_float(num: int, den: int) -> float:
    """num/den correctly rounded, +-inf when beyond the float range."""
    try:
        return num / den
    except OverflowError:
        return float("inf") if (num < 0) == (den < 0) else float("-inf")


def to_float(x) -> float:
    """The nearest float to any real `x` (+-inf.0 when too large)."""
    t = type(x)
    if t is float:
        return x
    if t is int:
        return ratio_to_float(x, 1)
    return ratio_to_float(x.numerator, x.denominator)


def parse_number(text: str, radix: int = 10):
    """The number `text` denotes in `radix`, or None if it is not a number."""
    try:
        return read_number(text, radix)
    except OverflowError:        # `#e1e999999999` is "not a number", not a hang
        return None


def format_exact(x, radix: int = 10) -> str:
    """An exact integer or rational written in `radix`."""
    if type(x) is Fraction:
        return format_exact(x.numerator, radix) + "/" + format_exact(x.denominator, radix)
    if radix == 10:
        return int_text(x)
    digits = "0123456789abcdef"
    n = abs(x)
    out = []
    while True:
        n, d = divmod(n, radix)
        out.append(digits[d])
        if n == 0:
            break
    return ("-" if x < 0 else "") + "".join(reversed(out))


def format_number(x, radix: int = 10) -> str:
    """`x` as text; inexact numbers can only be written in radix 10."""
    t = type(x)
    if t is float or t is complex:
        text = float_text(x) if t is float else complex_text(x)
        if radix != 10:
            raise_error("range-error",
                        f"number->string: cannot write inexact {text} in radix {radix}")
        return text
    if t is ExactComplex:
        return exact_complex_text(x, lambda q: format_exact(q, radix))
    return format_exact(x, radix)


def _check_radix(who, radix, pos):
    if radix is None:
        return 10
    if type(radix) is not int or radix not in _RADIXES:
        type_error(who, "a radix (2, 8, 10 or 16)", radix, pos)
    return radix


@primitive("number->string", 1, 2, pure=True, inline={1: (
    "MString_(str({0})) if type({0}) is int_ and -9007199254740992 <= {0} <= 9007199254740992 "
    "else {f}({0})")})
def number_to_string(z, radix=None):
    if type(z) is int and radix is None:          # the common case
        return MString(int_text(z))
    check_number("number->string", z, 1)
    return MString(format_number(z, _check_radix("number->string", radix, 2)))


@primitive("string->number", 1, 2, pure=True)
def string_to_number(s, radix=None):
    check_string("string->number", s, 1)
    n = parse_number(s.s, _check_radix("string->number", radix, 2))
    return False if n is None else n

"""Argument checking shared by the primitive modules.

**Owns:** the small helpers every domain module uses to validate its
arguments and report bad ones in the standard shape: type checks
(`check_int`, `check_string`, ...), index and `start`/`end` range checks
(kind "range-error"), and walking an Elle list into a Python list with
cycle detection (`list_items`). Registers no primitives.
**Does not touch:** the primitive table, the VM.

Optional arguments: primitives declare them as Python keyword defaults of
`None` (no Elle value is ever `None`), so `start=None` means "omitted".
"""

from __future__ import annotations

from fractions import Fraction

from ..complexnum import ExactComplex
from ..datum import Char, MString, Pair, Symbol, nil
from ..errors import raise_error, type_error
from ..values import Procedure

NUMBER_TYPES = (int, float, Fraction, complex, ExactComplex)


def is_number(x) -> bool:
    t = type(x)
    return (t is int or t is float or t is Fraction or t is complex
            or t is ExactComplex)


def check_number(who: str, x, pos=None):
    """Any number, complex ones included."""
    t = type(x)
    if (t is int or t is float or t is Fraction or t is complex
            or t is ExactComplex):
        return x
    type_error(who, "a number", x, pos)


def check_real(who: str, x, pos=None):
    """A real number: a complex one is a type error too."""
    t = type(x)
    if t is int or t is float or t is Fraction:
        return x
    type_error(who, "a real number", x, pos)


def check_int(who: str, x, pos=None) -> int:
    """An exact integer."""
    if type(x) is int:
        return x
    type_error(who, "an exact integer", x, pos)


def check_integer(who: str, x, pos=None):
    """An integer, exact or inexact (5 or 5.0)."""
    t = type(x)
    if t is int:
        return x
    if t is float and x.is_integer():
        return x
    type_error(who, "an integer", x, pos)


def check_index(who: str, k, pos=None) -> int:
    """A non-negative exact integer (an index or a count)."""
    if type(k) is int and k >= 0:
        return k
    type_error(who, "a non-negative exact integer", k, pos)


MAX_LENGTH = 1 << 28   # the largest string, vector or bytevector `make-...` will build


def check_length(who: str, k, pos=None) -> int:
    """The length of a sequence to allocate: an index, and not absurdly large
    (so `(make-vector (expt 10 12))` is an Elle error, not a stalled machine)."""
    check_index(who, k, pos)
    if k > MAX_LENGTH:
        raise_error("range-error", f"{who}: length {k} is too large")
    return k


def check_string(who: str, x, pos=None) -> MString:
    if type(x) is MString:
        return x
    type_error(who, "a string", x, pos)


def check_mutable_string(who: str, x, pos=None) -> MString:
    if type(x) is not MString:
        type_error(who, "a string", x, pos)
    if x.immutable:
        raise_error("type-error", f"{who}: cannot modify an immutable string", x)
    return x


def check_char(who: str, x, pos=None) -> Char:
    if type(x) is Char:
        return x
    type_error(who, "a character", x, pos)


def check_symbol(who: str, x, pos=None) -> Symbol:
    if type(x) is Symbol:
        return x
    type_error(who, "a symbol", x, pos)


def check_vector(who: str, x, pos=None) -> list:
    if type(x) is list:
        return x
    type_error(who, "a vector", x, pos)


def check_bytevector(who: str, x, pos=None) -> bytearray:
    if type(x) is bytearray:
        return x
    type_error(who, "a bytevector", x, pos)


def check_byte(who: str, x, pos=None) -> int:
    if type(x) is int and 0 <= x <= 255:
        return x
    type_error(who, "a byte (an exact integer 0-255)", x, pos)


def check_pair(who: str, x, pos=None) -> Pair:
    if type(x) is Pair:
        return x
    type_error(who, "a pair", x, pos)


def check_procedure(who: str, x, pos=None):
    if isinstance(x, Procedure):
        return x
    type_error(who, "a procedure", x, pos)


def who_name(who) -> str:
    """The name a prelude helper (`%cars`, `%check-string`, ...) reports an
    error as: `who` is the symbol or procedure the prelude passes; anything
    else a program passes is shown as Python prints it."""
    name = getattr(who, "name", None)
    return name if type(name) is str else str(who)


def list_items(who: str, lst, pos=None) -> list:
    """The elements of the proper list `lst` as a Python list.

    Improper and circular lists are a type error (Floyd's tortoise and hare:
    `slow` advances one cell for every two of the walk, so a cycle is caught
    after at most one lap plus the tail length)."""
    out = []
    p = lst
    slow = lst
    while type(p) is Pair:
        out.append(p.car)
        p = p.cdr
        if type(p) is not Pair:
            break
        out.append(p.car)
        p = p.cdr
        slow = slow.cdr
        if p is slow:
            circular_list_error(who, pos)
    if p is not nil:
        type_error(who, "a proper list", lst, pos)
    return out


def proper_length(who: str, lst, pos=None) -> int:
    """The length of the proper list `lst`, walked as `list_items` walks
    it (improper and circular lists are the same type errors), without
    collecting the elements."""
    n = 0
    p = slow = lst
    while type(p) is Pair:
        p = p.cdr
        n += 1
        if type(p) is not Pair:
            break
        p = p.cdr
        n += 1
        slow = slow.cdr
        if p is slow:
            circular_list_error(who, pos)
    if p is not nil:
        type_error(who, "a proper list", lst, pos)
    return n


def circular_list_error(who: str, pos=None):
    where = f" (argument {pos})" if pos is not None else ""
    raise_error("type-error", f"{who}: expected a proper list{where}, got a circular list")


def check_range(who: str, length: int, start, end, start_pos=None, what="string"):
    """Resolve optional `start`/`end` against a sequence of `length` items.

    Returns (start, end) as ints; omitted arguments are None. `start_pos`
    is the argument position of `start` (`end` is the next one)."""
    if start is None:
        start = 0
    else:
        check_index(who, start, start_pos)
        if start > length:
            raise_error("range-error",
                        f"{who}: start {start} out of range for {what} of length {length}")
    if end is None:
        end = length
    else:
        check_index(who, end, None if start_pos is None else start_pos + 1)
        if end > length:
            raise_error("range-error",
                        f"{who}: end {end} out of range for {what} of length {length}")
        if end < start:
            raise_error("range-error", f"{who}: start {start} is greater than end {end}")
    return start, end


def check_element_index(who: str, k, length: int, what: str, pos=2) -> int:
    """An index into a sequence: 0 <= k < length."""
    if type(k) is not int:
        type_error(who, "an exact integer index", k, pos)
    if not 0 <= k < length:
        raise_error("range-error",
                    f"{who}: index {k} out of range for {what} of length {length}")
    return k

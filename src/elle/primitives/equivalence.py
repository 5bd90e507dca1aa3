"""Equivalence predicates: `eq?`, `eqv?`, `equal?`.

**Owns:** the three R7RS equivalence predicates and their Python forms
`eqv(a, b)` and `equal(a, b)`, which other modules (lists: memv/member,
hashtables: key comparison) reuse. **Does not touch:** hashing of keys
(`primitives.hashtables`), ordering (`primitives.numbers`).

Decisions:
- `eq?` is `eqv?`. R7RS leaves `eq?` on numbers and characters unspecified;
  answering like `eqv?` is the friendliest choice (`(eq? 100000000000 100000000000)`
  is #t) and costs nothing, since everything else is compared by identity.
- `eqv?` on numbers: same exactness and numerically equal; `+nan.0` is
  `eqv?` to itself and `0.0` is not `eqv?` to `-0.0` (R7RS 6.1); an
  inexact complex is `eqv?` to another when both parts are. Strings,
  vectors and bytevectors are compared by identity.
- `equal?` recurses through pairs, vectors, strings (by content) and
  bytevectors; everything else falls back to `eqv?` (records, hash tables and
  procedures by identity). It is iterative (an explicit stack, so a
  million-element list cannot overflow Python's stack) and terminates on
  cyclic data: every pair of compound nodes already under comparison is
  remembered, and meeting it again is taken as "equal so far" (the
  coinductive reading of equality that R7RS requires of `equal?` on
  circular structures).
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..complexnum import ExactComplex
from ..datum import MString, Pair
from . import primitive


def _float_eqv(a: float, b: float) -> bool:
    if a == b:
        return a != 0.0 or math.copysign(1.0, a) == math.copysign(1.0, b)
    return a != a and b != b   # both NaN


def eqv(a, b) -> bool:
    """R7RS `eqv?`."""
    if a is b:
        return True
    ta = type(a)
    if ta is not type(b):
        return False
    if ta is int or ta is Fraction or ta is ExactComplex:
        return a == b
    if ta is float:
        return _float_eqv(a, b)
    if ta is complex:
        return _float_eqv(a.real, b.real) and _float_eqv(a.imag, b.imag)
    return False


def equal(a, b) -> bool:
    """R7RS `equal?`: structural, iterative, terminating on cycles."""
    if a is b:
        return True
    stack = [(a, b)]
    seen = set()
    while stack:
        x, y = stack.pop()
        if x is y:
            continue
        tx = type(x)
        if tx is not type(y):
            return False
        if tx is Pair:
            key = (id(x), id(y))
            if key in seen:
                continue
            seen.add(key)
            stack.append((x.cdr, y.cdr))
            stack.append((x.car, y.car))
        elif tx is MString:
            if x.s != y.s:
                return False
        elif tx is list:
            if len(x) != len(y):
                return False
            key = (id(x), id(y))
            if key in seen:
                continue
            seen.add(key)
            stack.extend(zip(reversed(x), reversed(y)))
        elif tx is bytearray:
            if x != y:
                return False
        elif not eqv(x, y):
            return False
    return True


@primitive("eq?", 2, pure=True, identity_with_constants=True, inline="True if {0} is {1} else {f}({0}, {1})")
def is_eq(a, b):
    return eqv(a, b)


@primitive("eqv?", 2, pure=True, identity_with_constants=True, inline="True if {0} is {1} else {f}({0}, {1})")
def is_eqv(a, b):
    return eqv(a, b)


@primitive("equal?", 2, pure=True)
def is_equal(a, b):
    return equal(a, b)

"""Random numbers: `random` and the core of SRFI 27.

**Owns:** random sources (`RandomSource`, a Python `random.Random`: the
Mersenne Twister), each interpreter's default source, and the procedures

    (random n)                  exact n > 0: an exact integer in [0, n);
                                inexact n > 0: a flonum in [0, n)
    (random-integer n)          SRFI 27: exact integer in [0, n), n exact > 0
    (random-real)               SRFI 27: a flonum in (0, 1), both ends excluded
    (random-seed! k)            reseed the default source: the same k gives
                                the same numbers afterwards
    default-random-source, (make-random-source), (random-source? x),
    (random-source-randomize! s), (random-source-pseudo-randomize! s i j),
    (random-source-state-ref s), (random-source-state-set! s state),
    (random-source-make-integers s), (random-source-make-reals s [unit])

**Does not touch:** cryptographic randomness (none of this is suitable for
keys). Each interpreter has its own default source (a program run in one
interpreter never changes another's numbers); it starts from operating
system entropy, so two runs differ unless the program seeds it. A new
`make-random-source` starts from a fixed state, as SRFI 27 says.
"""

from __future__ import annotations

import random as pyrandom
import weakref
from fractions import Fraction

from .. import host as host_mod
from ..datum import MString
from ..errors import raise_error, type_error
from ..values import Primitive, unspecified
from . import primitive


class RandomSource:
    """An SRFI 27 random source: a Mersenne Twister generator."""

    __slots__ = ("rng", "__weakref__")

    def __init__(self, seed=0):
        self.rng = pyrandom.Random(seed)

    def __elle_repr__(self) -> str:
        return "#<random-source>"


_defaults: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def default_source() -> RandomSource:
    """The running interpreter's default source (made on first use)."""
    h = host_mod.active()
    s = _defaults.get(h)
    if s is None:
        s = _defaults[h] = RandomSource(None)
    return s


def check_source(who, s, pos) -> RandomSource:
    if type(s) is RandomSource:
        return s
    type_error(who, "a random source", s, pos)


def check_bound(who, n, pos=1):
    """A positive exact integer."""
    if type(n) is int and n > 0:
        return n
    type_error(who, "a positive exact integer", n, pos)


@primitive("random", 1)
def random_(n):
    """(random n): an exact integer in [0, n) for an exact n > 0, a flonum
    in [0, n) for an inexact n > 0, from the default random source."""
    rng = default_source().rng
    if type(n) is int and n > 0:
        return rng.randrange(n)
    if type(n) is float and n > 0 and n != float("inf"):
        x = rng.random() * n
        return x if x < n else 0.0
    type_error("random", "a positive exact integer or flonum", n, 1)


@primitive("random-integer", 1)
def random_integer(n):
    """An exact integer in [0, n) from the default random source (SRFI 27)."""
    return default_source().rng.randrange(check_bound("random-integer", n))


def open_unit(rng) -> float:
    """A flonum in (0, 1): 0.0 is excluded (SRFI 27), redrawn when drawn."""
    while True:
        x = rng.random()
        if x > 0.0:
            return x


@primitive("random-real", 0)
def random_real():
    """A flonum in (0, 1), both ends excluded, from the default source (SRFI 27)."""
    return open_unit(default_source().rng)


@primitive("random-seed!", 1)
def random_seed(k):
    """Reseed the default random source with the exact integer `k`, so the
    numbers drawn afterwards are the same in every run."""
    if type(k) is not int:
        type_error("random-seed!", "an exact integer", k, 1)
    default_source().rng.seed(k)
    return unspecified


@primitive("%default-random-source", 0)
def default_random_source():
    return default_source()


@primitive("make-random-source", 0)
def make_random_source():
    """A new random source, in the same fixed initial state every time."""
    return RandomSource(0)


@primitive("random-source?", 1, pure=True)
def is_random_source(x):
    return type(x) is RandomSource


@primitive("random-source-randomize!", 1)
def random_source_randomize(s):
    """Put `s` in a state drawn from operating system entropy."""
    check_source("random-source-randomize!", s, 1).rng.seed(None)
    return unspecified


@primitive("random-source-pseudo-randomize!", 3)
def random_source_pseudo_randomize(s, i, j):
    """Put `s` in a state determined by the non-negative integers i and j."""
    src = check_source("random-source-pseudo-randomize!", s, 1)
    for pos, v in ((2, i), (3, j)):
        if type(v) is not int or v < 0:
            type_error("random-source-pseudo-randomize!", "a non-negative exact integer", v, pos)
    src.rng.seed(f"{i}/{j}")
    return unspecified


@primitive("random-source-state-ref", 1)
def random_source_state_ref(s):
    """The state of `s` as an external value (a string) that
    `random-source-state-set!` accepts."""
    version, state, gauss = check_source("random-source-state-ref", s, 1).rng.getstate()
    return MString(" ".join(map(str, (version, *state, gauss))))


@primitive("random-source-state-set!", 2)
def random_source_state_set(s, state):
    src = check_source("random-source-state-set!", s, 1)
    try:
        if type(state) is not MString:
            raise ValueError
        parts = state.s.split()
        gauss = None if parts[-1] == "None" else float(parts[-1])
        src.rng.setstate((int(parts[0]), tuple(int(p) for p in parts[1:-1]), gauss))
    except (ValueError, TypeError, IndexError):
        raise_error("error", "random-source-state-set!: not a state from random-source-state-ref",
                    state)
    return unspecified


@primitive("random-source-make-integers", 1)
def random_source_make_integers(s):
    """A procedure of n returning exact integers in [0, n) drawn from `s`."""
    rng = check_source("random-source-make-integers", s, 1).rng
    return Primitive("random-integer",
                     lambda n: rng.randrange(check_bound("random-integer", n)), 1, 1)


@primitive("random-source-make-reals", 1, 2)
def random_source_make_reals(s, unit=None):
    """A procedure of no arguments returning flonums in (0, 1) drawn from
    `s` (the optional `unit`, a real in (0, 1), is accepted and ignored:
    every flonum the generator can draw is already finer than it)."""
    rng = check_source("random-source-make-reals", s, 1).rng
    if unit is not None and not (type(unit) in (float, Fraction) and 0 < unit < 1):
        type_error("random-source-make-reals", "a real number between 0 and 1", unit, 2)
    return Primitive("random-real", lambda: open_unit(rng), 0, 0)

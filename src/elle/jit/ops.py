"""The JIT's type lattice and the primitives native code implements.

**Owns:** the type tags (`FIX`, `FLO`, `BOOL`, `UNSPEC`, `BOT`, `TOP`),
`join`, `tag_of` (the tag of a run-time value), `Reject` (why a function
cannot be compiled), the typing rule of each family of operations
(argument types -> result type, or a Reject), and `OPS`: every primitive
the JIT lowers, read from the primitives' own declarations (their arity and
`native` family), so nothing about a primitive is written down twice.
**Does not touch:** LLVM (`jit.lower` emits the operations), the AST.

Vectors: a vector (a Python list) is tagged by its first element's type
(`VEC_FIX`, `VEC_FLO`, `VEC_BOOL`); native code holds it as a pointer and
checks every element it reads, so the tag is a guess, never trusted.

Lattice: BOT < {FIX, FLO, BOOL, UNSPEC, VEC_*} < TOP. FIX is an exact integer in
[-2^63, 2^63); FLO a double; UNSPEC the unspecified value (results of
`set!`, one-armed `if`). R7RS contagion: an operation with any FLO operand
and otherwise FIX operands computes in FLO. Typing rules answer BOT while an
operand is still BOT (the fixpoint has not reached it yet).
"""

from __future__ import annotations

BOT = "bot"
FIX = "fix"
FLO = "flo"
BOOL = "bool"
UNSPEC = "unspec"
TOP = "top"
OTHER = "other"          # a run-time tag only: never compiled
VEC_FIX = "vfix"         # a vector whose first element is a fixnum
VEC_FLO = "vflo"         # ... a flonum
VEC_BOOL = "vbool"       # ... a boolean
VECTORS = {VEC_FIX: FIX, VEC_FLO: FLO, VEC_BOOL: BOOL}   # vector tag -> element tag

I64_MIN = -(1 << 63)
I64_MAX = (1 << 63) - 1

NUMERIC = (FIX, FLO)


class Reject(Exception):
    """The function cannot be compiled; `reason` says why, for people."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def join(a: str, b: str) -> str:
    if a == b or b == BOT:
        return a
    if a == BOT:
        return b
    return TOP


def tag_of(x) -> str:
    """The type tag of a run-time value (`#t` is a boolean, never an integer)."""
    t = type(x)
    if t is int:
        return FIX if I64_MIN <= x <= I64_MAX else OTHER
    if t is float:
        return FLO
    if t is bool:
        return BOOL
    if t is list and x:
        return _VECTOR_OF.get(tag_of(x[0]), OTHER)
    return OTHER


_VECTOR_OF = {FIX: VEC_FIX, FLO: VEC_FLO, BOOL: VEC_BOOL}


def describe(tag: str) -> str:
    return {FIX: "a fixnum", FLO: "a flonum", BOOL: "a boolean",
            UNSPEC: "the unspecified value", TOP: "of no single type",
            BOT: "of unknown type", OTHER: "a non-number", VEC_FIX: "a vector of fixnums",
            VEC_FLO: "a vector of flonums", VEC_BOOL: "a vector of booleans"}[tag]


class Op:
    """One primitive the JIT implements: arity and typing rule."""

    __slots__ = ("name", "min_args", "max_args", "typing", "family")

    def __init__(self, name, min_args, max_args, typing, family):
        self.name = name
        self.min_args = min_args
        self.max_args = max_args
        self.typing = typing
        self.family = family


def _numeric(name, ts):
    """Check operand types are numbers (or not yet known); True if all known."""
    known = True
    for i, t in enumerate(ts, 1):
        if t == BOT:
            known = False
        elif t == TOP:
            raise Reject(f"argument {i} of {name} is not of a single numeric type")
        elif t not in NUMERIC:
            raise Reject(f"{name} applied to {describe(t)}")
    return known


def contagion(name, ts):
    if not _numeric(name, ts):
        return BOT
    return FLO if FLO in ts else FIX


def _predicate(name, ts):
    _numeric(name, ts)
    return BOOL


def _fix_only(name, ts):
    if not _numeric(name, ts):
        return BOT
    if FLO in ts:
        raise Reject(f"{name} on flonums is not compiled")
    return FIX


def _fix_predicate(name, ts):
    _fix_only(name, ts)
    return BOOL


def _same(name, ts):
    if not _numeric(name, ts):
        return BOT
    return ts[0]


def _to_flo(name, ts):
    _numeric(name, ts)
    return FLO


def _to_fix(name, ts):
    _numeric(name, ts)
    return FIX


def _sqrt(name, ts):
    if not _numeric(name, ts):
        return BOT
    if ts[0] == FIX:
        raise Reject("sqrt of an exact integer is exact or inexact depending on the value")
    return FLO


def _not(name, ts):
    if ts[0] == TOP:
        raise Reject("argument of not is of no single type")
    return BOOL


def _vector_arg(name, t):
    if t == TOP or (t != BOT and t not in VECTORS):
        raise Reject(f"{name} applied to {describe(t)}")
    return t != BOT


def _index_arg(name, t):
    if t == TOP or (t != BOT and t != FIX):
        raise Reject(f"{name} with an index that is {describe(t)}")
    return t != BOT


def _vector_ref(name, ts):
    known = _vector_arg(name, ts[0])
    _index_arg(name, ts[1])
    return VECTORS[ts[0]] if known else BOT


def _vector_length(name, ts):
    _vector_arg(name, ts[0])
    return FIX


def _vector_set(name, ts):
    _vector_arg(name, ts[0])
    _index_arg(name, ts[1])
    if ts[2] not in (BOT, FIX, FLO, BOOL):
        raise Reject(f"{name} stores a value that is {describe(ts[2])}")
    return UNSPEC


def _libm(name, ts):
    if name == "log" and len(ts) == 2:
        raise Reject("log with a base is not compiled")
    return _to_flo(name, ts)


_VECTOR_TYPING = {"vector-ref": _vector_ref, "vector-length": _vector_length,
                  "vector-set!": _vector_set}

# Each family's typing rule; the family of a primitive is declared with it
# (`@primitive(..., native=FAMILY)` in elle.primitives), and jit.emit_ops
# has the family's emitter.
FAMILY_TYPING = {
    "add": contagion, "sub": contagion, "mul": contagion, "div": contagion,
    "cmp": _predicate, "intdiv": _fix_only, "abs": _same, "square": _same,
    "minmax": contagion, "sign": _predicate, "parity": _fix_predicate, "not": _not,
    "inexact": _to_flo, "exact": _to_fix, "round": _same, "sqrt": _sqrt,
    "libm": _libm, "expt": contagion,
    "vector": lambda name, ts: _VECTOR_TYPING[name](name, ts),
}


def _declared_ops() -> dict:
    """{name: Op} for every primitive declared with a native family."""
    from ..primitives import load_all
    return {p.name: Op(p.name, p.min_args, p.max_args, FAMILY_TYPING[p.native], p.native)
            for p in load_all().values() if getattr(p, "native", None) is not None}


MUTATORS = frozenset(["vector-set!"])     # operations with an effect outside the function

OPS: dict[str, Op] = _declared_ops()


def op_type(op: Op, ts) -> str:
    """The result type of `op` applied to operand types `ts` (or Reject)."""
    n = len(ts)
    if n < op.min_args or (op.max_args is not None and n > op.max_args):
        raise Reject(f"calls {op.name} with {n} argument{'s' if n != 1 else ''}")
    return op.typing(op.name, list(ts))


def code_name(code) -> str:
    """A code object's name for logs and statistics."""
    name = getattr(code, "name", None) or getattr(getattr(code, "lam", None), "name", None)
    return str(name) if name else "anonymous"

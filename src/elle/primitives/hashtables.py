"""Hash tables (an Elle extra, in the style of SRFI-69).

**Owns:** the `HashTable` value and the primitives `make-hash-table
hash-table? hash-table-set! hash-table-ref/default hash-table-delete!
hash-table-contains? hash-table-exists? hash-table-count hash-table-size
hash-table-keys hash-table-values hash-table->alist hash-table-clear!
hash-table-copy alist->hash-table %hash-table-missing-key`.
**Does not touch:** anything that calls a procedure (`hash-table-ref` with
a failure thunk, `hash-table-update!`, `hash-table-walk`,
`hash-table-fold`: `prelude/40-hashtables-io.scm`).

Equivalence: `(make-hash-table)` compares keys with `equal?`; passing the
procedure `eq?`, `eqv?`, `equal?` or `string=?` chooses that one (any
other procedure is an error: a table cannot hash by an arbitrary Elle
predicate without calling Elle code). An optional second argument (a hash
function, as SRFI-69 allows) is accepted and ignored.

Keys are wrapped in `_Key` objects holding the key, its hash computed once
at insertion, and the table's equivalence; Python's dict does the rest and
keeps insertion order (so `hash-table-keys` is deterministic). Hashes are
consistent with the equivalence: `eqv?` hashes numbers by value (1 and 1.0
hash alike but are different keys), everything else by identity; `equal?`
hashes strings by content and walks lists and vectors (at most
`_HASH_NODES` nodes, so cyclic keys hash fine). Mutating a string or list
after using it as an `equal?` key leaves it filed under its old hash: look
it up again only with an equal copy of the old contents, or re-insert it.
"""

from __future__ import annotations

from fractions import Fraction

from ..complexnum import ExactComplex
from ..datum import MString, Pair, list_to_pairs, make_pair
from ..errors import raise_error, type_error
from ..values import Procedure, unspecified
from .arguments import list_items
from .equivalence import equal, eqv
from . import PRIMITIVES, primitive

_HASH_NODES = 64


def _float_hash(x: float) -> int:
    return 0x7FF8 if x != x else hash(x)   # every NaN alike (hash(nan) is per object)


def eqv_hash(x) -> int:
    t = type(x)
    if t is int or t is Fraction or t is ExactComplex:
        return hash(x)
    if t is float:
        return _float_hash(x)
    if t is complex:
        return _float_hash(x.real) * 1000003 ^ _float_hash(x.imag)
    return id(x)


def equal_hash(x) -> int:
    """A hash consistent with `equal?`: a bounded preorder walk of the key."""
    h = 17
    stack = [x]
    budget = _HASH_NODES
    while stack and budget:
        budget -= 1
        y = stack.pop()
        t = type(y)
        if t is Pair:
            h = (h * 31 + 3) & 0xFFFFFFFFFFFF
            stack.append(y.cdr)
            stack.append(y.car)
            continue
        if t is MString:
            part = hash(y.s)
        elif t is list:
            part = len(y)
            stack.extend(reversed(y))
        elif t is bytearray:
            part = hash(bytes(y))
        else:
            part = eqv_hash(y)
        h = (h * 31 + part) & 0xFFFFFFFFFFFF
    return h


def _string_eq(a, b) -> bool:
    return a.s == b.s


class _Key:
    """A key as the table's dict sees it: hashed once, compared by the table's equivalence."""

    __slots__ = ("obj", "h", "same")

    def __init__(self, obj, h, same):
        self.obj = obj
        self.h = h
        self.same = same

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        return self.same(self.obj, other.obj)


class HashTable:
    """A mutable map from Elle keys to Elle values under one equivalence."""

    __slots__ = ("kind", "entries", "__weakref__")

    def __init__(self, kind: str):
        self.kind = kind            # "eqv", "equal" or "string"
        self.entries: dict[_Key, object] = {}

    def key(self, who: str, obj) -> _Key:
        kind = self.kind
        if kind == "equal":
            return _Key(obj, equal_hash(obj), equal)
        if kind == "eqv":
            return _Key(obj, eqv_hash(obj), eqv)
        if type(obj) is not MString:
            type_error(who, "a string key (the table uses string=?)", obj, 2)
        return _Key(obj, hash(obj.s), _string_eq)

    def __elle_repr__(self) -> str:
        return f"#<hash-table {len(self.entries)}>"

    def __repr__(self) -> str:
        return self.__elle_repr__()


def _kind_of(proc) -> str:
    for name, kind in (("equal?", "equal"), ("eqv?", "eqv"), ("eq?", "eqv"),
                       ("string=?", "string")):
        if PRIMITIVES.get(name) is proc:
            return kind
    type_error("make-hash-table", "one of the procedures eq?, eqv?, equal?, string=?", proc, 1)


def _check_table(who: str, t) -> HashTable:
    if type(t) is HashTable:
        return t
    type_error(who, "a hash table", t, 1)


@primitive("make-hash-table", 0, 2)
def make_hash_table(equiv=None, hash_fn=None):
    if equiv is None:
        return HashTable("equal")
    if not isinstance(equiv, Procedure):
        type_error("make-hash-table", "an equivalence procedure", equiv, 1)
    if hash_fn is not None and not isinstance(hash_fn, Procedure):
        type_error("make-hash-table", "a hash function", hash_fn, 2)
    return HashTable(_kind_of(equiv))


@primitive("hash-table?", 1, pure=True)
def is_hash_table(x):
    return type(x) is HashTable


@primitive("hash-table-set!", 3)
def hash_table_set(t, k, v):
    who = "hash-table-set!"
    t = _check_table(who, t)
    t.entries[t.key(who, k)] = v
    return unspecified


@primitive("hash-table-ref/default", 3, pure=True)
def hash_table_ref_default(t, k, default):
    who = "hash-table-ref/default"
    t = _check_table(who, t)
    return t.entries.get(t.key(who, k), default)


@primitive("%hash-table-missing-key", 2)
def hash_table_missing_key(t, k):
    """What `hash-table-ref` does for a missing key when given no failure thunk."""
    raise_error("range-error", "hash-table-ref: no value for key", k)


@primitive("hash-table-delete!", 2)
def hash_table_delete(t, k):
    who = "hash-table-delete!"
    t = _check_table(who, t)
    t.entries.pop(t.key(who, k), None)
    return unspecified


@primitive("hash-table-contains?", 2, pure=True)
def hash_table_contains(t, k):
    who = "hash-table-contains?"
    t = _check_table(who, t)
    return t.key(who, k) in t.entries


PRIMITIVES["hash-table-exists?"] = PRIMITIVES["hash-table-contains?"]


@primitive("hash-table-count", 1, pure=True)
def hash_table_count(t):
    return len(_check_table("hash-table-count", t).entries)


@primitive("hash-table-size", 1, pure=True)
def hash_table_size(t):
    return len(_check_table("hash-table-size", t).entries)


@primitive("hash-table-keys", 1, pure=True)
def hash_table_keys(t):
    return list_to_pairs([k.obj for k in _check_table("hash-table-keys", t).entries])


@primitive("hash-table-values", 1, pure=True)
def hash_table_values(t):
    return list_to_pairs(list(_check_table("hash-table-values", t).entries.values()))


@primitive("hash-table->alist", 1, pure=True)
def hash_table_to_alist(t):
    entries = _check_table("hash-table->alist", t).entries
    return list_to_pairs([make_pair(k.obj, v) for k, v in entries.items()])


@primitive("hash-table-clear!", 1)
def hash_table_clear(t):
    _check_table("hash-table-clear!", t).entries.clear()
    return unspecified


@primitive("hash-table-copy", 1, 2, pure=True)
def hash_table_copy(t, mutable=None):
    t = _check_table("hash-table-copy", t)
    copy = HashTable(t.kind)
    copy.entries = dict(t.entries)
    return copy


@primitive("alist->hash-table", 1, 3, pure=True)
def alist_to_hash_table(alist, equiv=None, hash_fn=None):
    """The first association of a repeated key wins (SRFI-69)."""
    who = "alist->hash-table"
    t = make_hash_table(equiv, hash_fn)
    for entry in list_items(who, alist, 1):
        if type(entry) is not Pair:
            type_error(who, "an association list (a list of pairs)", alist, 1)
        key = t.key(who, entry.car)
        if key not in t.entries:
            t.entries[key] = entry.cdr
    return t

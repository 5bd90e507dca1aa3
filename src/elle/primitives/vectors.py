"""Vectors: R7RS section 6.8 (vectors are Python lists).

**Owns:** `vector? vector make-vector vector-ref vector-set! vector-length
vector->list list->vector vector-fill! vector-copy vector-copy!
vector-append`, every optional `start`/`end` range-checked.
**Does not touch:** procedures taking procedure arguments (`vector-map`,
`vector-for-each`: `prelude/20-strings-vectors.scm`), conversion to and
from strings (`primitives.strings`).

Literal vectors from source may be shared constants; mutating them is
allowed (R7RS calls it an error but does not require detection).
"""

from __future__ import annotations

from .. import limits
from ..datum import list_to_pairs
from ..errors import raise_error
from ..values import unspecified
from . import primitive
from .arguments import (check_element_index, check_index, check_length,
                        check_range, check_vector, list_items, who_name)


def _slice(who: str, v, start, end, start_pos, pos=1) -> list:
    v = check_vector(who, v, pos)
    start, end = check_range(who, len(v), start, end, start_pos, "vector")
    return v[start:end]


@primitive("vector?", 1, pure=True, inline="type({0}) is list_")
def is_vector(x):
    return type(x) is list


@primitive("vector", 0, None)
def vector(*xs):
    return list(xs)


@primitive("make-vector", 1, 2)
def make_vector(k, fill=unspecified):
    limits.reserve(8 * check_length("make-vector", k, 1))
    return [fill] * k


@primitive("vector-length", 1, native="vector", pure=True, exact_result="always",
           inline="len({0}) if type({0}) is list_ else {f}({0})")
def vector_length(v):
    return len(check_vector("vector-length", v, 1))


@primitive("vector-ref", 2, native="vector")
def vector_ref(v, k):
    if type(v) is list and type(k) is int and 0 <= k < len(v):
        return v[k]
    v = check_vector("vector-ref", v, 1)
    return v[check_element_index("vector-ref", k, len(v), "vector")]


@primitive("vector-set!", 3, native="vector")
def vector_set(v, k, obj):
    if type(v) is list and type(k) is int and 0 <= k < len(v):
        v[k] = obj
        return unspecified
    v = check_vector("vector-set!", v, 1)
    v[check_element_index("vector-set!", k, len(v), "vector")] = obj
    return unspecified


@primitive("vector->list", 1, 3)
def vector_to_list(v, start=None, end=None):
    return list_to_pairs(_slice("vector->list", v, start, end, 2))


@primitive("list->vector", 1)
def list_to_vector(lst):
    return list_items("list->vector", lst, 1)


@primitive("vector-fill!", 2, 4)
def vector_fill(v, fill, start=None, end=None):
    v = check_vector("vector-fill!", v, 1)
    start, end = check_range("vector-fill!", len(v), start, end, 3, "vector")
    v[start:end] = [fill] * (end - start)
    return unspecified


@primitive("vector-copy", 1, 3)
def vector_copy(v, start=None, end=None):
    return _slice("vector-copy", v, start, end, 2)


@primitive("vector-copy!", 3, 5)
def vector_copy_to(to, at, source, start=None, end=None):
    """Copy source[start:end] into `to` at `at`; the slice is taken before
    writing, so overlapping copies within one vector are correct."""
    who = "vector-copy!"
    to = check_vector(who, to, 1)
    check_index(who, at, 2)
    items = _slice(who, source, start, end, 4, pos=3)
    if at > len(to):
        raise_error("range-error",
                    f"{who}: index {at} out of range for vector of length {len(to)}")
    if at + len(items) > len(to):
        raise_error("range-error",
                    f"{who}: {len(items)} elements do not fit at index {at} "
                    f"of a vector of length {len(to)}")
    to[at:at + len(items)] = items
    return unspecified


@primitive("vector-append", 0, None)
def vector_append(*vs):
    out = []
    for i, v in enumerate(vs, 1):
        out.extend(check_vector("vector-append", v, i))
    return out


# -- helpers for prelude/20-strings-vectors.scm ----------------------------------
# `who` is the symbol naming the Scheme procedure that reports the error.

@primitive("%vectors-min-length", 2)
def vectors_min_length(who, vectors):
    """The length of the shortest vector in the list `vectors` (arguments 2, 3, ...)."""
    name = who_name(who)
    items = list_items(name, vectors)
    return min((len(check_vector(name, v, i)) for i, v in enumerate(items, 2)), default=0)


@primitive("%vector-refs", 2)
def vector_refs(vectors, k):
    """A list of the k-th element of every vector in `vectors` (all long enough)."""
    out = []
    for v in list_items("%vector-refs", vectors, 1):
        items = check_vector("%vector-refs", v, 1)
        out.append(items[check_element_index("%vector-refs", k, len(items), "vector")])
    return list_to_pairs(out)

"""Bytevectors: R7RS section 6.9 (bytevectors are Python bytearrays).

**Owns:** `bytevector? bytevector make-bytevector bytevector-u8-ref
bytevector-u8-set! bytevector-length bytevector-copy bytevector-copy!
bytevector-append` and the UTF-8 conversions `utf8->string` and
`string->utf8`, with optional `start`/`end` range-checked.
**Does not touch:** binary ports (`primitives.io`).

Invalid UTF-8 given to `utf8->string` is an error (kind "error") naming
the offending byte offset, rather than being silently replaced.
"""

from __future__ import annotations

from .. import limits
from ..datum import MString
from ..errors import raise_error, type_error
from ..values import unspecified
from . import primitive
from .arguments import (check_byte, check_bytevector, check_element_index,
                        check_index, check_length, check_range, check_string)


def _slice(who: str, bv, start, end, start_pos, pos=1) -> bytearray:
    bv = check_bytevector(who, bv, pos)
    start, end = check_range(who, len(bv), start, end, start_pos, "bytevector")
    return bv[start:end]


@primitive("bytevector?", 1, pure=True)
def is_bytevector(x):
    return type(x) is bytearray


@primitive("bytevector", 0, None)
def bytevector(*bytes_):
    for i, b in enumerate(bytes_, 1):
        check_byte("bytevector", b, i)
    return bytearray(bytes_)


@primitive("make-bytevector", 1, 2)
def make_bytevector(k, fill=0):
    limits.reserve(check_length("make-bytevector", k, 1))
    return bytearray([check_byte("make-bytevector", fill, 2)]) * k


@primitive("bytevector-length", 1, pure=True, exact_result="always")
def bytevector_length(bv):
    return len(check_bytevector("bytevector-length", bv, 1))


@primitive("bytevector-u8-ref", 2)
def bytevector_u8_ref(bv, k):
    bv = check_bytevector("bytevector-u8-ref", bv, 1)
    return bv[check_element_index("bytevector-u8-ref", k, len(bv), "bytevector")]


@primitive("bytevector-u8-set!", 3)
def bytevector_u8_set(bv, k, byte):
    who = "bytevector-u8-set!"
    bv = check_bytevector(who, bv, 1)
    k = check_element_index(who, k, len(bv), "bytevector")
    bv[k] = check_byte(who, byte, 3)
    return unspecified


@primitive("bytevector-copy", 1, 3)
def bytevector_copy(bv, start=None, end=None):
    return _slice("bytevector-copy", bv, start, end, 2)


@primitive("bytevector-copy!", 3, 5)
def bytevector_copy_to(to, at, source, start=None, end=None):
    """Copy source[start:end] into `to` at `at` (overlap-safe: the slice is a copy)."""
    who = "bytevector-copy!"
    to = check_bytevector(who, to, 1)
    check_index(who, at, 2)
    data = _slice(who, source, start, end, 4, pos=3)
    if at > len(to):
        raise_error("range-error",
                    f"{who}: index {at} out of range for bytevector of length {len(to)}")
    if at + len(data) > len(to):
        raise_error("range-error",
                    f"{who}: {len(data)} bytes do not fit at index {at} "
                    f"of a bytevector of length {len(to)}")
    to[at:at + len(data)] = data
    return unspecified


@primitive("bytevector-append", 0, None)
def bytevector_append(*bvs):
    out = bytearray()
    for i, bv in enumerate(bvs, 1):
        out += check_bytevector("bytevector-append", bv, i)
    return out


@primitive("utf8->string", 1, 3)
def utf8_to_string(bv, start=None, end=None):
    data = _slice("utf8->string", bv, start, end, 2)
    try:
        return MString(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise_error("error", f"utf8->string: invalid UTF-8 at byte {e.start}", bv)


@primitive("string->utf8", 1, 3)
def string_to_utf8(s, start=None, end=None):
    text = check_string("string->utf8", s, 1).s
    start, end = check_range("string->utf8", len(text), start, end, 2)
    try:
        return bytearray(text[start:end].encode("utf-8"))
    except UnicodeEncodeError:
        type_error("string->utf8", "a string without surrogate characters", s, 1)

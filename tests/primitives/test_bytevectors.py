"""Bytevector primitives called directly through the primitive table."""

import pytest

from elle.datum import MString
from elle.errors import ElleError
from elle.primitives import load_all
from elle.values import unspecified

P = load_all()


def call(name, *args):
    return P[name].fn(*args)


def fails(kind, name, *args):
    with pytest.raises(ElleError) as info:
        call(name, *args)
    assert info.value.kind == kind
    assert info.value.payload.message.startswith(name + ":")
    return info.value.payload.message


B = bytearray


def test_construction():
    assert call("bytevector?", B(b"a")) is True
    assert call("bytevector?", [1]) is False
    assert call("bytevector", 1, 2, 255) == B([1, 2, 255])
    assert call("bytevector") == B()
    assert call("make-bytevector", 3, 7) == B([7, 7, 7])
    assert call("make-bytevector", 2) == B([0, 0])
    fails("type-error", "bytevector", 1, 256)
    fails("type-error", "bytevector", -1)
    fails("type-error", "make-bytevector", 2, 300)
    fails("type-error", "make-bytevector", -2)


def test_ref_set_length():
    bv = B([1, 2, 3])
    assert call("bytevector-u8-ref", bv, 1) == 2
    assert call("bytevector-length", bv) == 3
    assert call("bytevector-u8-set!", bv, 1, 200) is unspecified
    assert bv == B([1, 200, 3])
    msg = fails("range-error", "bytevector-u8-ref", bv, 3)
    assert msg == "bytevector-u8-ref: index 3 out of range for bytevector of length 3"
    fails("type-error", "bytevector-u8-set!", bv, 0, 256)
    fails("range-error", "bytevector-u8-set!", bv, 5, 0)
    fails("type-error", "bytevector-length", [1])


def test_copy_and_append():
    bv = B([1, 2, 3, 4])
    c = call("bytevector-copy", bv, 1, 3)
    assert c == B([2, 3])
    assert call("bytevector-copy", bv) is not bv
    call("bytevector-copy!", bv, 1, bv, 0, 3)   # overlapping
    assert bv == B([1, 1, 2, 3])
    fails("range-error", "bytevector-copy!", bv, 3, B([9, 9]))
    fails("range-error", "bytevector-copy", bv, 2, 1)
    assert call("bytevector-append", B([1]), B(), B([2])) == B([1, 2])
    fails("type-error", "bytevector-append", B(), [1])


def test_utf8():
    assert call("string->utf8", MString("λx")) == B("λx".encode())
    assert call("string->utf8", MString("abc"), 1) == B(b"bc")
    assert call("utf8->string", B("λx".encode())).s == "λx"
    assert call("utf8->string", B(b"abcd"), 1, 3).s == "bc"
    assert "invalid UTF-8" in fails("error", "utf8->string", B([0xFF]))
    fails("range-error", "string->utf8", MString("abc"), 4)
    fails("type-error", "utf8->string", MString("abc"))
    fails("type-error", "string->utf8", B())

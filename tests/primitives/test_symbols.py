"""Symbol and boolean primitives called directly through the primitive table."""

import pytest

from elle.datum import MString, Symbol, nil
from elle.errors import ElleError
from elle.primitives import load_all

P = load_all()


def call(name, *args):
    return P[name].fn(*args)


def fails(kind, name, *args):
    with pytest.raises(ElleError) as info:
        call(name, *args)
    assert info.value.kind == kind
    assert info.value.payload.message.startswith(name + ":")


def test_symbol_predicates():
    assert call("symbol?", Symbol("a")) is True
    assert call("symbol?", MString("a")) is False
    assert call("symbol=?", Symbol("a"), Symbol("a"), Symbol("a")) is True
    assert call("symbol=?", Symbol("a"), Symbol("b")) is False
    fails("type-error", "symbol=?", Symbol("a"), MString("a"))


def test_symbol_string_conversion():
    assert call("string->symbol", MString("hello world")) is Symbol("hello world")
    s = call("symbol->string", Symbol("abc"))
    assert s.s == "abc" and not s.immutable
    s.s = "changed"
    assert Symbol("abc").name == "abc"
    fails("type-error", "string->symbol", Symbol("a"))
    fails("type-error", "symbol->string", MString("a"))


def test_booleans():
    assert call("boolean?", False) is True
    assert call("boolean?", nil) is False
    assert call("boolean?", 0) is False
    assert call("boolean=?", True, True, True) is True
    assert call("boolean=?", True, False) is False
    fails("type-error", "boolean=?", True, 1)
    assert call("not", False) is True
    assert call("not", nil) is False
    assert call("not", 0) is False

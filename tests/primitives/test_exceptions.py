"""Error objects (elle.primitives.exceptions)."""

import pytest

from elle.datum import MString, Symbol, list_to_pairs, nil, pairs_to_list
from elle.errors import ElleError
from elle.primitives import load_all
from elle.values import ErrorObject

P = load_all()


def call(name, *args):
    return P[name].fn(*args)


def raised(name, *args) -> ElleError:
    with pytest.raises(ElleError) as info:
        call(name, *args)
    return info.value


def test_error_builds_an_error_object():
    err = raised("error", MString("bad thing:"), 1, MString("s"))
    obj = err.payload
    assert type(obj) is ErrorObject and obj.kind == "error"
    assert obj.message == "bad thing:"
    assert obj.irritants[0] == 1 and obj.irritants[1].s == "s"
    assert err.kind == "error"


def test_error_with_symbol_message():
    assert raised("error", Symbol("oops")).payload.message == "oops"
    obj = raised("error", Symbol("my-proc"), MString("went wrong"), 3).payload
    assert obj.message == "my-proc: went wrong" and obj.irritants == [3]
    assert raised("error", 42).payload.message == "42"


def test_error_object_accessors():
    obj = ErrorObject("error", "msg", [1, 2])
    assert call("error-object?", obj) is True
    assert call("error-object?", MString("x")) is False
    assert call("error-object-message", obj).s == "msg"
    assert pairs_to_list(call("error-object-irritants", obj)) == [1, 2]
    assert call("error-object-irritants", ErrorObject("error", "m")) is nil
    assert call("error-object-kind", ErrorObject("type-error", "m")) is Symbol("type-error")


def test_accessors_reject_non_error_objects():
    for name in ("error-object-message", "error-object-irritants", "error-object-kind"):
        err = raised(name, 5)
        assert err.kind == "type-error"
        assert err.payload.message == f"{name}: expected an error object, got 5"


def test_read_and_file_error_predicates():
    assert call("read-error?", ErrorObject("read-error", "m")) is True
    assert call("read-error?", ErrorObject("error", "m")) is False
    assert call("file-error?", ErrorObject("file-error", "m")) is True
    assert call("file-error?", Symbol("file-error")) is False
    assert call("read-error?", 5) is False


def test_assert_failed():
    expr = list_to_pairs([Symbol(">"), Symbol("x"), 1])
    err = raised("%assert-failed", expr)
    assert err.kind == "assertion"
    assert err.payload.message == "assertion failed: (> x 1)"

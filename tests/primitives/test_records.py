"""Record types (elle.primitives.records)."""

import pytest

from elle.datum import MString, Symbol, list_to_pairs, nil
from elle.errors import ElleError
from elle.primitives import load_all
from elle.values import Primitive, Record, RecordType, unspecified

P = load_all()
S = Symbol


def call(name, *args):
    return P[name].fn(*args)


def L(*xs):
    return list_to_pairs(list(xs))


def error_of(fn, *args):
    with pytest.raises(ElleError) as info:
        fn(*args)
    return info.value


@pytest.fixture
def point():
    return call("make-record-type", S("<point>"), L(S("x"), S("y")))


def test_make_record_type(point):
    assert type(point) is RecordType
    assert point.name == "point"                     # angle brackets dropped
    assert point.fields == (S("x"), S("y"))
    assert call("record-type?", point) is True
    assert call("make-record-type", MString("thing"), nil).name == "thing"


def test_make_record_type_errors():
    assert error_of(call, "make-record-type", 5, nil).kind == "type-error"
    assert error_of(call, "make-record-type", S("p"), L(1)).kind == "type-error"
    assert error_of(call, "make-record-type", S("p"), 5).kind == "type-error"
    assert error_of(call, "make-record-type", S("p"), L(S("a"), S("a"))).kind == "syntax-error"


def test_constructor_predicate_accessor_modifier(point):
    make = call("record-constructor", point, L(S("x"), S("y")))
    is_point = call("record-predicate", point)
    get_x = call("record-accessor", point, S("x"))
    set_y = call("record-modifier", point, S("y"))
    assert isinstance(make, Primitive) and (make.min_args, make.max_args) == (2, 2)
    assert make.name == "make-point" and is_point.name == "point?"
    assert get_x.name == "point-x" and set_y.name == "point-y-set!"
    p = make.fn(1, 2)
    assert type(p) is Record and p.values == [1, 2]
    assert is_point.fn(p) is True and is_point.fn(5) is False
    assert call("record?", p) is True and call("record?", [1]) is False
    assert get_x.fn(p) == 1
    set_y.fn(p, 9)
    assert p.values == [1, 9]


def test_constructor_with_subset_and_reordered_fields(point):
    make = call("record-constructor", point, L(S("y")))
    p = make.fn(7)
    assert p.values == [unspecified, 7]
    swap = call("record-constructor", point, L(S("y"), S("x")))
    assert swap.fn(1, 2).values == [2, 1]


def test_explicit_procedure_names(point):
    get = call("record-accessor", point, S("x"), S("px"))
    assert get.name == "px"
    assert call("record-constructor", point, nil, S("new-pt")).name == "new-pt"
    assert call("record-predicate", point, S("pt?")).name == "pt?"
    assert call("record-modifier", point, S("x"), S("set-px!")).name == "set-px!"


def test_accessor_on_wrong_value_names_the_type(point):
    get_x = call("record-accessor", point, S("x"))
    err = error_of(get_x.fn, 5)
    assert err.kind == "type-error"
    assert err.payload.message == "point-x: expected a point record, got 5"
    other = call("make-record-type", S("other"), L(S("x")))
    o = call("record-constructor", other, L(S("x"))).fn(1)
    assert error_of(get_x.fn, o).kind == "type-error"
    set_x = call("record-modifier", point, S("x"))
    assert error_of(set_x.fn, o, 1).payload.message.startswith("point-x-set!:")


def test_bad_arguments_to_record_procedures(point):
    assert error_of(call, "record-accessor", 5, S("x")).kind == "type-error"
    err = error_of(call, "record-accessor", point, S("z"))
    assert err.kind == "range-error" and "no field z" in err.payload.message
    assert error_of(call, "record-accessor", point, 1).kind == "type-error"
    assert error_of(call, "record-constructor", point, L(S("q"))).kind == "range-error"
    assert error_of(call, "record-constructor", point, 5).kind == "type-error"
    assert error_of(call, "record-predicate", "x").kind == "type-error"
    assert error_of(call, "record-modifier", point, S("x"), 5).kind == "type-error"

"""Character primitives called directly through the primitive table."""

import pytest
from hypothesis import given, strategies as st

from elle.datum import Char
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
    return info.value.payload.message


def C(s):
    return Char(s)


def test_char_predicate():
    assert call("char?", C("a")) is True
    assert call("char?", "a") is False


def test_char_integer_conversion():
    assert call("char->integer", C("A")) == 65
    assert call("char->integer", C("λ")) == 0x3BB
    assert call("integer->char", 0x1F600) is C("\U0001F600")
    assert call("integer->char", 0) is C("\x00")
    assert call("integer->char", 0x10FFFF) is C("\U0010FFFF")


def test_integer_to_char_errors():
    assert "surrogate" in fails("range-error", "integer->char", 0xD800)
    fails("range-error", "integer->char", 0x110000)
    fails("range-error", "integer->char", -1)
    fails("type-error", "integer->char", 65.0)
    fails("type-error", "char->integer", 65)


@given(st.characters(exclude_categories=("Cs",)))
def test_code_points_round_trip(ch):
    assert call("integer->char", call("char->integer", C(ch))) is C(ch)


def test_comparisons():
    assert call("char<?", C("a"), C("b"), C("c")) is True
    assert call("char<?", C("a"), C("c"), C("b")) is False
    assert call("char=?", C("a"), C("a")) is True
    assert call("char>=?", C("b"), C("b"), C("a")) is True
    assert call("char>?", C("a"), C("b")) is False
    assert call("char<=?", C("a")) is True


def test_case_insensitive_comparisons():
    assert call("char-ci=?", C("a"), C("A")) is True
    assert call("char-ci<?", C("a"), C("B")) is True
    assert call("char<?", C("a"), C("B")) is False
    assert call("char-ci=?", C("Σ"), C("σ"), C("ς")) is True


def test_comparison_type_errors():
    assert "argument 2" in fails("type-error", "char<?", C("a"), "b")
    fails("type-error", "char-ci=?", 1, C("a"))


def test_classes():
    assert call("char-alphabetic?", C("λ")) is True
    assert call("char-alphabetic?", C("1")) is False
    assert call("char-numeric?", C("٣")) is True
    assert call("char-numeric?", C("x")) is False
    assert call("char-whitespace?", C(" ")) is True
    assert call("char-whitespace?", C("\u3000")) is True
    assert call("char-whitespace?", C("\x1c")) is False
    assert call("char-whitespace?", C("a")) is False
    assert call("char-upper-case?", C("Ä")) is True
    assert call("char-lower-case?", C("ä")) is True
    assert call("char-upper-case?", C("1")) is False
    fails("type-error", "char-alphabetic?", "a")


def test_digit_value():
    assert call("digit-value", C("3")) == 3
    assert call("digit-value", C("٤")) == 4
    assert call("digit-value", C("a")) is False
    fails("type-error", "digit-value", 3)


def test_case_mapping():
    assert call("char-upcase", C("a")) is C("A")
    assert call("char-downcase", C("Ä")) is C("ä")
    assert call("char-foldcase", C("Σ")) is C("σ")
    assert call("char-upcase", C("ß")) is C("ß")       # "SS" is two characters
    assert call("char-upcase", C("1")) is C("1")
    fails("type-error", "char-upcase", "a")

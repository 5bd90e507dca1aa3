"""Tests for elle.printer: every value type under write and display, datum
labels for cycles and sharing, and the size limits."""

from fractions import Fraction

import pytest

from elle.datum import Char, MString, Symbol, list_to_pairs, nil, make_pair
from elle.errors import ElleError
from elle.printer import (display_string, write_shared_string, write_simple_string,
                          write_string)
from elle.reader import read_all
from elle.values import (Box, Closure, Continuation, Environment, ErrorObject, Parameter,
                         Primitive, Promise, Record, RecordType, Values, eof, unspecified)

S = Symbol


def L(*items, tail=nil):
    return list_to_pairs(list(items), tail)


# ---------------------------------------------------------------- numbers

@pytest.mark.parametrize("value,text", [
    (0, "0"), (42, "42"), (-7, "-7"), (2**100, str(2**100)),
    (Fraction(1, 3), "1/3"), (Fraction(-5, 2), "-5/2"),
    (1.5, "1.5"), (2.0, "2.0"), (100.0, "100.0"), (0.5, "0.5"), (-0.0, "-0.0"),
    (1e21, "1e21"), (1e100, "1e100"), (1e-7, "1e-7"), (-1.5e-300, "-1.5e-300"),
    (2.5e16, "2.5e16"),
    (float("inf"), "+inf.0"), (float("-inf"), "-inf.0"), (float("nan"), "+nan.0"),
])
def test_numbers(value, text):
    assert write_string(value) == text
    assert display_string(value) == text


def test_huge_integers_beyond_cpython_digit_limit():
    n = 7 ** 30000
    text = write_string(n)
    assert len(text) > 25000 and text[0] in "123456789"
    assert read_all(text)[0] == n
    assert write_string(-n) == "-" + text
    assert write_string(Fraction(n, 3 ** 9000)).endswith("/" + write_string(3 ** 9000))


def test_numbers_agree_with_number_to_string():
    ns = pytest.importorskip("elle.primitives.number_syntax")
    for x in [0, -3, 2**200, Fraction(3, 7), 1.5, 2.0, -0.0, 1e21, 1e-300,
              float("inf"), float("-inf"), float("nan")]:
        assert write_string(x) == ns.format_number(x, 10)


# ---------------------------------------------------------------- simple data

def test_booleans_and_empty_list():
    assert write_string(True) == "#t" and write_string(False) == "#f"
    assert write_string(nil) == "()"


def test_symbols():
    assert write_string(S("abc")) == "abc"
    for plain in ["+", "-", "...", "->x", "1+", "<=?", "a.b", "λ", "ABC", "a#b"]:
        assert write_string(S(plain)) == plain
    assert write_string(S("a b")) == "|a b|"
    assert write_string(S("")) == "||"
    assert write_string(S("42")) == "|42|"
    assert write_string(S("1/2")) == "|1/2|"
    assert write_string(S("+inf.0")) == "|+inf.0|"
    assert write_string(S(".")) == "|.|"
    assert write_string(S("#foo")) == "|#foo|"
    assert write_string(S("a|b")) == "|a\\|b|"
    assert write_string(S("a\\b")) == "|a\\\\b|"
    assert write_string(S("a\nb")) == "|a\\nb|"
    assert write_string(S("(")) == "|(|"
    assert write_string(S("a;b")) == "|a;b|"
    assert write_string(S("a\x01")) == "|a\\x1;|"


def test_symbols_display_raw():
    assert display_string(S("a b")) == "a b"
    assert display_string(S("")) == ""


@pytest.mark.parametrize("ch,text", [
    ("a", "#\\a"), ("A", "#\\A"), (" ", "#\\space"), ("\n", "#\\newline"),
    ("\t", "#\\tab"), ("\r", "#\\return"), ("\0", "#\\null"), ("\x07", "#\\alarm"),
    ("\x08", "#\\backspace"), ("\x7f", "#\\delete"), ("\x1b", "#\\escape"),
    ("\x01", "#\\x1"), ("\xa0", "#\\xa0"), ("λ", "#\\λ"), ("(", "#\\("), ("x", "#\\x"),
    ("\\", "#\\\\"), ("#", "#\\#"),
])
def test_chars(ch, text):
    assert write_string(Char(ch)) == text
    assert display_string(Char(ch)) == ch


@pytest.mark.parametrize("s,text", [
    ("", '""'), ("abc", '"abc"'), ('a"b', '"a\\"b"'), ("a\\b", '"a\\\\b"'),
    ("a\nb", '"a\\nb"'), ("\t\r", '"\\t\\r"'), ("\x01", '"\\x1;"'), ("\x7f", '"\\x7f;"'),
    ("λ ☃", '"λ ☃"'), ("|", '"|"'),
])
def test_strings(s, text):
    assert write_string(MString(s)) == text
    assert display_string(MString(s)) == s


def test_vectors_and_bytevectors():
    assert write_string([1, MString("a"), [2]]) == '#(1 "a" #(2))'
    assert display_string([1, MString("a"), Char("b")]) == "#(1 a b)"
    assert write_string([]) == "#()"
    assert write_string(bytearray([1, 2, 255])) == "#u8(1 2 255)"
    assert write_string(bytearray()) == "#u8()"


def test_lists():
    assert write_string(L(1, 2, 3)) == "(1 2 3)"
    assert write_string(L(1, 2, tail=3)) == "(1 2 . 3)"
    assert write_string(make_pair(1, 2)) == "(1 . 2)"
    assert write_string(L(L(1), nil, L(L()))) == "((1) () (()))"
    assert write_string(L(1, tail=[2])) == "(1 . #(2))"
    assert display_string(L(MString("a b"), Char("c"))) == "(a b c)"


def test_quote_forms_print_long_hand():
    assert write_string(L(S("quote"), S("x"))) == "(quote x)"
    assert write_string(read_all("'`(a ,b ,@c)")[0]) == \
        "(quote (quasiquote (a (unquote b) (unquote-splicing c))))"


# ---------------------------------------------------------------- runtime values

def test_procedures():
    assert write_string(Primitive("car", lambda p: p, 1, 1)) == "#<procedure car>"
    assert write_string(Closure(None, (), "f")) == "#<procedure f>"
    assert write_string(Closure(None, (), S("g"))) == "#<procedure g>"
    assert write_string(Closure(None, ())) == "#<procedure>"
    assert write_string(Continuation(None, ())) == "#<continuation>"
    assert write_string(Parameter(1)) == "#<parameter>"


def test_records():
    point = RecordType("point", ("x", "y"))
    assert write_string(Record(point, [1, 2])) == "#<point 1 2>"
    assert write_string(Record(point, [MString("a"), L(1)])) == '#<point "a" (1)>'
    assert display_string(Record(point, [MString("a"), 2])) == "#<point a 2>"
    assert write_string(point) == "#<record-type point>"
    bracketed = RecordType("<node>", ("v",))
    assert write_string(Record(bracketed, [1])) == "#<node 1>"
    assert write_string(bracketed) == "#<record-type node>"
    assert write_string(Record(RecordType("empty", ()), [])) == "#<empty>"


def test_error_objects():
    e = ErrorObject("error", "something bad", [1, MString("x")])
    assert write_string(e) == '#<error-object error: something bad 1 "x">'
    assert write_string(ErrorObject("type-error", "car: no", [])) == \
        "#<error-object type-error: car: no>"


def test_other_runtime_values():
    assert write_string(Promise(False, None)) == "#<promise>"
    assert write_string(Environment(None)) == "#<environment>"
    assert write_string(eof) == "#<eof>"
    assert write_string(unspecified) == "#<unspecified>"
    assert display_string(unspecified) == "#<unspecified>"
    assert write_string(Box(5)) == "#<box 5>"
    assert write_string(Values((1, MString("a"), L(2)))) == '1 "a" (2)'
    assert display_string(Values((1, MString("a")))) == "1 a"
    assert write_string(Values(())) == ""


def test_objects_with_elle_repr_and_unknown_python_objects():
    class Table:
        def __elle_repr__(self):
            return "#<hash-table 0>"

    assert write_string(Table()) == "#<hash-table 0>"
    assert write_string(L(Table())) == "(#<hash-table 0>)"
    assert write_string(object.__new__(type("Thing", (), {"__repr__": lambda s: "T"}))) == \
        "#<python T>"
    assert write_string("raw") == "#<python 'raw'>"
    assert write_string(None) == "#<python None>"


def test_hash_table_repr_if_available():
    ht = pytest.importorskip("elle.primitives.hashtables")
    table = ht.HashTable("equal")
    assert write_string(table) == table.__elle_repr__()


# ---------------------------------------------------------------- cycles and sharing

def test_cdr_cycle():
    p = L(1, 2)
    p.cdr.cdr = p
    assert write_string(p) == "#0=(1 2 . #0#)"
    assert display_string(p) == "#0=(1 2 . #0#)"
    assert write_shared_string(p) == "#0=(1 2 . #0#)"


def test_car_cycle():
    p = L(1)
    p.car = p
    assert write_string(p) == "#0=(#0#)"


def test_cycle_in_the_middle_of_a_list():
    tail = L(2, 3)
    tail.cdr.cdr = tail
    p = make_pair(1, tail)
    assert write_string(p) == "(1 . #0=(2 3 . #0#))"


def test_vector_cycle():
    v = [1, None]
    v[1] = v
    assert write_string(v) == "#0=#(1 #0#)"


def test_record_cycle():
    rt = RecordType("node", ("next",))
    r = Record(rt, [None])
    r.values[0] = r
    assert write_string(r) == "#0=#<node #0#>"


def test_sharing_without_cycle_is_not_labelled_by_write():
    shared = L(1)
    p = L(shared, shared)
    assert write_string(p) == "((1) (1))"
    assert write_shared_string(p) == "(#0=(1) #0#)"
    assert write_simple_string(p) == "((1) (1))"
    v = [shared, shared]
    assert write_shared_string(v) == "#(#0=(1) #0#)"


def test_shared_tail_is_labelled_by_write_shared():
    tail = L(2, 3)
    p = L(L(1, tail=tail), tail)
    assert write_shared_string(p) == "((1 . #0=(2 3)) #0#)"


def test_car_pointing_at_later_cell_is_not_a_cycle():
    p = L(0, 1, 2)
    p.car = p.cdr          # p = ((1 2) 1 2): shared, not circular
    assert write_string(p) == "((1 2) 1 2)"
    assert write_shared_string(p) == "(#0=(1 2) . #0#)"


def test_two_cycles_get_two_labels():
    a = L(1)
    a.cdr = a
    b = L(2)
    b.cdr = b
    assert write_string(L(a, b)) == "(#0=(1 . #0#) #1=(2 . #1#))"


def test_written_cycles_read_back():
    for text in ["#0=(a b . #0#)", "#0=(#0# x)", "(1 . #0=(2 3 . #0#))", "#0=#(1 #0# (#0#))"]:
        datum = read_all(text)[0]
        assert write_string(datum) == text


def test_write_simple_refuses_cycles():
    p = L(1)
    p.cdr = p
    with pytest.raises(ElleError) as e:
        write_simple_string(p)
    assert e.value.kind == "range-error"


def test_pair_repr_uses_printer():
    assert repr(L(1, S("a"))) == "(1 a)"


# ---------------------------------------------------------------- limits

def test_million_element_list():
    big = list_to_pairs(list(range(1_000_000)))
    text = write_string(big)
    assert text.startswith("(0 1 2 ") and text.endswith(" 999999)")
    assert display_string(list_to_pairs(list(range(1000)))) == text[:text.index(" 1000 ")] + ")"


def test_printing_grows_linearly():
    """Writing does work proportional to the data (counted in calls, not
    timed: a wall-clock limit fails on a loaded machine)."""
    from support import grows_linearly
    assert grows_linearly(lambda n: list_to_pairs(list(range(n))), write_string, 2000)
    assert grows_linearly(lambda n: list(range(n)), write_string, 2000)
    assert grows_linearly(lambda n: list_to_pairs([MString("a\\b")] * n), display_string, 2000)


def test_deeply_nested_list_and_vector():
    x = nil
    for _ in range(10_000):
        x = make_pair(x, nil)
    text = write_string(x)
    assert text == "(" * 10_000 + "()" + ")" * 10_000
    assert write_shared_string(x) == text
    v = []
    for _ in range(10_000):
        v = [v]
    assert write_string(v) == "#(" * 10_001 + ")" * 10_001


def test_long_cyclic_list():
    p = list_to_pairs(list(range(100_000)))
    last = p
    while last.cdr is not nil:
        last = last.cdr
    last.cdr = p
    text = write_string(p)
    assert text.startswith("#0=(0 1 ") and text.endswith(" 99999 . #0#)")

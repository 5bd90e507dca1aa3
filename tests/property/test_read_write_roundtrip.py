"""Property: `read(write(d))` gives back a datum equal to `d`.

Datums are generated from every readable type: exact integers of any size,
rationals, floats (infinities and NaN compared by kind, -0.0 by sign),
exact and inexact complex numbers,
strings and symbols over arbitrary Unicode (no lone surrogates, which are
not characters), characters, booleans, and nested proper/dotted lists,
vectors and bytevectors. A second property builds shared and circular
structure and checks that `write`/`write-shared` output reads back to a
datum that writes the same way.
"""

import math
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from elle.complexnum import ExactComplex
from elle.datum import Char, MString, Nil, Pair, Symbol, nil, make_pair
from elle.printer import display_string, write_shared_string, write_string
from elle.reader import Reader, read_all

unicode_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)

TRICKY_SYMBOLS = ["+", "-", "...", ".", "..", "1+", "+1", "-i", "1/2", "#t", "#foo",
                  "a b", "", "|", "\\", "a;b", "(", ")", "[", "'", "`", ",", ",@", "\"",
                  "+inf.0", "-nan.0", "1e5", ".5", "#x10", "\n", "\t", "\x00", "λ",
                  "ABC", "->", "a.b", "#!fold-case", "#|", "|#", "#;", "+i", "-I",
                  "+NaN.0abc", "-inf.0i", "1+2i", "1@2", "1s2", "+5i", "1/2-i"]


def exact_rationals():
    return st.fractions(max_denominator=10**30).map(
        lambda q: q.numerator if q.denominator == 1 else q)


atoms = st.one_of(
    st.integers(),
    st.integers(min_value=-10**60, max_value=10**60),
    exact_rationals(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.tuples(exact_rationals(), exact_rationals().filter(lambda q: q != 0)).map(
        lambda t: ExactComplex(*t)),
    st.tuples(st.floats(), st.floats()).map(lambda t: complex(*t)),
    st.booleans(),
    st.just(nil),
    unicode_text.map(MString),
    st.characters(blacklist_categories=("Cs",)).map(Char),
    unicode_text.map(Symbol),
    st.sampled_from(TRICKY_SYMBOLS).map(Symbol),
    st.binary(max_size=8).map(bytearray),
)


def build_list(items, tail):
    result = tail
    for x in reversed(items):
        result = make_pair(x, result)
    return result


def containers(children):
    proper = st.lists(children, max_size=5).map(lambda xs: build_list(xs, nil))
    dotted = st.tuples(st.lists(children, min_size=1, max_size=4), atoms).map(
        lambda t: build_list(t[0], t[1]))
    vectors = st.lists(children, max_size=5)
    return st.one_of(proper, dotted, vectors)


datums = st.recursive(atoms, containers, max_leaves=25)


def same(a, b) -> bool:
    """Structural equality with NaN == NaN and -0.0 distinct from 0.0."""
    ta, tb = type(a), type(b)
    if ta is not tb:
        return False
    if ta is float:
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if ta is complex:
        return same(a.real, b.real) and same(a.imag, b.imag)
    if ta is Pair:
        return same(a.car, b.car) and same(a.cdr, b.cdr)
    if ta is list:
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if ta is MString:
        return a.s == b.s
    if ta in (Symbol, Char, Nil):
        return a is b
    return a == b


def read_one(text):
    reader = Reader(text)
    datum = reader.read()
    assert reader.read() is Reader.EOF, text
    return datum


@settings(max_examples=150, deadline=None)
@given(datums)
def test_write_then_read_gives_equal_datum(d):
    text = write_string(d)
    assert same(read_one(text), d), text


@settings(max_examples=50, deadline=None)
@given(st.lists(datums, max_size=6))
def test_several_written_datums_read_back_in_order(ds):
    text = "\n".join(write_string(d) for d in ds)
    back = read_all(text)
    assert len(back) == len(ds)
    assert all(same(x, y) for x, y in zip(back, ds))


@settings(max_examples=200, deadline=None)
@given(unicode_text)
def test_strings_and_symbols_round_trip(s):
    assert read_one(write_string(MString(s))).s == s
    assert read_one(write_string(Symbol(s))) is Symbol(s)
    assert display_string(MString(s)) == s


def _pairs(x):
    """All pairs reachable from `x`, in a fixed order."""
    out, seen, todo = [], set(), [x]
    while todo:
        y = todo.pop()
        if type(y) is Pair and id(y) not in seen:
            seen.add(id(y))
            out.append(y)
            todo += [y.cdr, y.car]
        elif type(y) is list and id(y) not in seen:
            seen.add(id(y))
            todo += reversed(y)
    return out


@settings(max_examples=150, deadline=None)
@given(datums, st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50), st.booleans()),
                        max_size=4))
def test_shared_and_circular_structure_round_trips(d, links):
    root = make_pair(d, nil)
    for src, dst, use_car in links:
        pairs = _pairs(root)
        a, b = pairs[src % len(pairs)], pairs[dst % len(pairs)]
        if use_car:
            a.car = b
        else:
            a.cdr = b
    for writer in (write_string, write_shared_string):
        text = writer(root)
        back = read_one(text)
        assert writer(back) == text

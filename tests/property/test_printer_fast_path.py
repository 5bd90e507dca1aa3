"""The printer's fast path agrees exactly with the general printer.

`write_string`, `display_string` and `write_simple_string` first try a
recursive fast printer and fall back to the general (label-searching,
stack-based) one when a datum is deep, long, circular or holds a record,
box, error object or multiple values. These tests print generated data both
ways, including data that shares structure (no labels under `write`), and
data just past the fast printer's limits.
"""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from elle import printer
from elle.datum import Char, MString, Symbol, list_to_pairs, nil, make_pair
from elle.values import Box, Record, RecordType, Values

atoms = st.one_of(
    st.integers(), st.floats(allow_nan=True),
    st.fractions().filter(lambda q: q.denominator != 1),
    st.booleans(), st.just(nil),
    st.text(max_size=6).map(MString),
    st.text(max_size=6).map(Symbol),
    st.characters().map(Char),
)


def _extend(children):
    return st.one_of(
        st.lists(children, max_size=5).map(list_to_pairs),
        st.tuples(children, children).map(lambda t: make_pair(t[0], t[1])),
        st.lists(children, max_size=5),                       # a vector
        children.map(Box),
        st.lists(children, max_size=3).map(
            lambda vs: Record(RecordType("<r>", tuple("abc"[:len(vs)])), vs)),
    )


data = st.recursive(atoms, _extend, max_leaves=30)


def _general(x, write):
    return printer._write_general(x) if write else printer._display_general(x)


@settings(max_examples=300, deadline=None)
@given(data)
def test_fast_and_general_printers_agree(x):
    assert printer.write_string(x) == _general(x, True)
    assert printer.display_string(x) == _general(x, False)
    assert printer.write_simple_string(x) == _general(x, True)


@settings(max_examples=100, deadline=None)
@given(data)
def test_shared_structure_prints_without_labels_on_both_paths(x):
    shared = list_to_pairs([x, x, [x, x]])
    assert printer.write_string(shared) == _general(shared, True)
    assert "#0=" not in printer.write_string(list_to_pairs([MString("a")] * 3))


def test_limits_of_the_fast_path():
    for depth in (printer._FAST_DEPTH - 1, printer._FAST_DEPTH, printer._FAST_DEPTH + 2):
        x = nil
        for _ in range(depth):
            x = list_to_pairs([x, 1])
        assert printer.write_string(x) == _general(x, True)
        v = [1]
        for _ in range(depth):
            v = [v, MString("s")]
        assert printer.write_string(v) == _general(v, True)
    for n in (printer._SPINE_CHECK - 1, printer._SPINE_CHECK, printer._SPINE_CHECK + 3):
        long = list_to_pairs(list(range(n)), tail=Fraction(1, 2))
        assert printer.display_string(long) == _general(long, False)
        wide = [list(range(200))] * (n // 200 + 1)
        assert printer.write_string(wide) == _general(wide, True)
        ring = list_to_pairs(list(range(n)))
        last = ring
        while last.cdr is not nil:
            last = last.cdr
        last.cdr = ring.cdr.cdr
        assert printer.write_string(ring) == _general(ring, True)
        assert printer.write_string(ring).startswith("(0 1 . #0=(2 3 4 ")


def test_cycles_fall_back_to_labels():
    p = list_to_pairs([1, 2, 3])
    p.cdr.cdr.cdr = p
    assert printer.write_string(p) == "#0=(1 2 3 . #0#)"
    v = [1, None]
    v[1] = v
    assert printer.display_string(v) == "#0=#(1 #0#)"
    q = make_pair(nil, nil)
    q.car = q
    assert printer.write_string(q) == "#0=(#0#)"
    assert printer.write_string(Values([1, MString("a")])) == printer._write_general(Values([1, MString("a")]))


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_string_literals_agree_with_the_escape_loop(s):
    assert printer.string_text(s) == '"' + printer._escape(s, printer._STRING_ESCAPES) + '"'


def test_huge_integers_inside_data_use_the_general_printer():
    n = 7 ** 30000
    x = list_to_pairs([1, n, [n]])
    text = printer.write_string(x)
    assert text == _general(x, True) and len(text) > 50000
    assert printer.display_string(n) == printer.int_text(n)

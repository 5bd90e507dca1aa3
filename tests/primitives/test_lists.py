"""List primitives (elle.primitives.lists) called directly through the table."""

import pytest
from hypothesis import given, strategies as st

from elle.datum import Symbol, list_to_pairs, nil, pairs_to_list, make_pair
from elle.errors import ElleError
from elle.primitives import load_all
from elle.values import unspecified

P = load_all()


def call(name, *args):
    return P[name].fn(*args)


def fails(kind, name, *args, who=None):
    with pytest.raises(ElleError) as info:
        call(name, *args)
    assert info.value.kind == kind
    message = info.value.payload.message
    assert message.startswith((who or name) + ":"), message
    return message


def L(*xs):
    return list_to_pairs(list(xs))


def circular(*xs):
    lst = L(*xs)
    p = lst
    while p.cdr is not nil:
        p = p.cdr
    p.cdr = lst
    return lst


def test_cons_car_cdr():
    p = call("cons", 1, 2)
    assert (p.car, p.cdr) == (1, 2)
    assert call("car", p) == 1 and call("cdr", p) == 2
    call("set-car!", p, 10)
    call("set-cdr!", p, nil)
    assert pairs_to_list(p) == [10]


def test_car_error_message_matches_r7rs_style():
    assert fails("type-error", "car", 5) == "car: expected a pair, got 5"
    fails("type-error", "cdr", nil)
    fails("type-error", "set-car!", 5, 1)
    fails("type-error", "set-cdr!", nil, 1)


def test_cxr_combinations_all_exist_and_work():
    tree = L(L(1, 2), 3, 4, 5)
    assert call("caar", tree) == 1
    assert call("cadr", tree) == 3
    assert pairs_to_list(call("cddr", tree)) == [4, 5]
    assert call("caddr", tree) == 4
    assert call("cadddr", tree) == 5
    assert pairs_to_list(call("cdadr", L(1, L(2, 3)))) == [3]
    names = [n for n in P if n.startswith("c") and n.endswith("r")
             and set(n[1:-1]) <= {"a", "d"} and 2 <= len(n) - 2 <= 4]
    assert len(names) == 4 + 8 + 16
    msg = fails("type-error", "cadr", L(1))
    assert msg == "cadr: expected a pair, got (1)"


def test_list_predicates():
    assert call("list?", L(1, 2)) is True
    assert call("list?", nil) is True
    assert call("list?", make_pair(1, 2)) is False
    assert call("list?", circular(1, 2, 3)) is False
    assert call("list?", 5) is False
    assert call("pair?", make_pair(1, 2)) is True and call("pair?", nil) is False
    assert call("null?", nil) is True and call("null?", False) is False


def test_length():
    assert call("length", nil) == 0
    assert call("length", L(1, 2, 3)) == 3
    fails("type-error", "length", make_pair(1, 2))
    fails("type-error", "length", 7)
    msg = fails("type-error", "length", circular(1, 2, 3))
    assert "circular" in msg


def test_long_list_length_is_iterative():
    big = list_to_pairs(list(range(200_000)))
    assert call("length", big) == 200_000
    assert call("list?", big) is True


def test_append():
    assert call("append") is nil
    assert call("append", 5) == 5
    tail = L(3)
    r = call("append", L(1), L(2), tail)
    assert pairs_to_list(r) == [1, 2, 3]
    assert r.cdr.cdr is tail                      # the last argument is shared
    assert call("append", L(1), 2).cdr == 2        # improper result
    first = L(1)
    call("append", first, L(2))
    assert first.cdr is nil                        # earlier arguments are copied
    fails("type-error", "append", make_pair(1, 2), L(3))
    fails("type-error", "append", 1, L(3))


def test_reverse_list_tail_ref_set():
    assert pairs_to_list(call("reverse", L(1, 2, 3))) == [3, 2, 1]
    assert call("reverse", nil) is nil
    fails("type-error", "reverse", make_pair(1, 2))
    lst = L(1, 2, 3)
    assert call("list-tail", lst, 1) is lst.cdr
    assert call("list-tail", lst, 3) is nil
    fails("range-error", "list-tail", lst, 4)
    fails("type-error", "list-tail", lst, -1)
    assert call("list-ref", lst, 2) == 3
    fails("range-error", "list-ref", lst, 3)
    fails("type-error", "list-ref", lst, 1.0)
    call("list-set!", lst, 1, "x")
    assert pairs_to_list(lst) == [1, "x", 3]
    fails("range-error", "list-set!", lst, 5, 0)


def test_list_copy_and_make_list():
    lst = L(1, 2)
    c = call("list-copy", lst)
    assert c is not lst and pairs_to_list(c) == [1, 2]
    dotted = make_pair(1, make_pair(2, 3))
    dc = call("list-copy", dotted)
    assert dc.car == 1 and dc.cdr.cdr == 3
    assert call("list-copy", 5) == 5
    assert pairs_to_list(call("make-list", 3, "z")) == ["z"] * 3
    assert pairs_to_list(call("make-list", 2)) == [unspecified] * 2
    fails("type-error", "make-list", -1)


def test_member_and_assoc_families():
    from elle.datum import MString
    lst = L(1, 2.0, MString("a"), L(1))
    assert call("memq", 1, lst) is lst
    assert call("memv", 2.0, lst) is lst.cdr
    assert call("memv", 2, lst) is False           # 2 and 2.0 are not eqv
    assert call("%member", MString("a"), lst) is lst.cdr.cdr
    assert call("%member", L(1), lst) is lst.cdr.cdr.cdr
    assert call("memq", 9, lst) is False
    fails("type-error", "memq", 1, make_pair(0, 5))
    fails("type-error", "memv", 1, circular(2, 3))
    alist = L(make_pair(1, "one"), make_pair(MString("k"), "kv"))
    assert call("assq", 1, alist) is alist.car
    assert call("assv", 1, alist) is alist.car
    assert call("%assoc", MString("k"), alist) is alist.cdr.car
    assert call("assq", 2, alist) is False
    msg = fails("type-error", "assq", 1, L(5))
    assert "association list" in msg
    with pytest.raises(ElleError) as info:
        call("%assoc", 1, 7)
    assert info.value.payload.message.startswith("assoc:")


def test_srfi1_simple_procedures():
    assert pairs_to_list(call("iota", 5)) == [0, 1, 2, 3, 4]
    assert pairs_to_list(call("iota", 3, 1)) == [1, 2, 3]
    assert pairs_to_list(call("iota", 3, 0, 0.5)) == [0, 0.5, 1.0]
    fails("type-error", "iota", -1)
    fails("type-error", "iota", 2, "x")
    lst = L(1, 2, 3)
    assert call("first", lst) == 1 and call("second", lst) == 2 and call("third", lst) == 3
    fails("type-error", "third", L(1, 2))
    assert call("rest", lst) is lst.cdr
    assert call("last", lst) == 3
    assert call("last-pair", lst) is lst.cdr.cdr
    assert call("last-pair", make_pair(1, make_pair(2, 3))).cdr == 3
    fails("type-error", "last", nil)
    fails("type-error", "last-pair", circular(1, 2))
    assert pairs_to_list(call("take", lst, 2)) == [1, 2]
    assert call("drop", lst, 2) is lst.cdr.cdr
    fails("range-error", "take", lst, 4)
    fails("range-error", "drop", lst, 4)
    assert pairs_to_list(call("append-reverse", L(2, 1), L(3))) == [1, 2, 3]


def test_prelude_helpers():
    sym = Symbol("map")
    lst = L(1)
    assert call("%check-list", sym, lst, 2) is lst
    with pytest.raises(ElleError) as info:
        call("%check-list", sym, 5, 2)
    assert info.value.payload.message == "map: expected a proper list (argument 2), got 5"
    assert pairs_to_list(call("%cars", sym, L(L(1, 2), L(3)))) == [1, 3]
    assert call("%cars", sym, L(L(1), nil)) is False
    with pytest.raises(ElleError):
        call("%cars", sym, L(L(1), 5))
    rests = pairs_to_list(call("%cdrs", L(L(1, 2), L(3))))
    assert pairs_to_list(rests[0]) == [2] and rests[1] is nil
    with pytest.raises(ElleError):
        call("%check-procedure", Symbol("sort"), 5, 2)
    with pytest.raises(ElleError):
        call("%check-vector", Symbol("vector-sort"), nil, 1)


@given(st.lists(st.integers()))
def test_reverse_and_append_agree_with_python(xs):
    lst = L(*xs)
    assert pairs_to_list(call("reverse", lst)) == xs[::-1]
    assert pairs_to_list(call("append", lst, lst)) == xs + xs
    assert call("length", lst) == len(xs)


def test_sort_by_primitive_fast_path():
    lst = L(3, 1, 2, 1.0)
    result = call("%sort-by-primitive", lst, P["<"])
    assert pairs_to_list(result) == [1, 1.0, 2, 3]          # stable: 1 before 1.0
    assert call("%sort-by-primitive", lst, P["car"]) is False  # wrong arity
    from elle.values import Closure
    assert call("%sort-by-primitive", lst, Closure(None, [])) is False
    with pytest.raises(ElleError) as info:
        call("%sort-by-primitive", make_pair(1, 2), P["<"])
    assert info.value.kind == "type-error"
    with pytest.raises(ElleError):
        call("%sort-by-primitive", L(1, Symbol("a")), P["<"])


@given(st.integers(0, 12), st.integers(-1, 12), st.booleans())
def test_length_reverse_and_check_list_on_proper_improper_and_circular_lists(n, loop_to, dotted):
    items = list(range(n))
    lst = list_to_pairs(items, 99 if dotted and n else nil)
    if 0 <= loop_to < n:                       # the last pair's cdr goes back to pair loop_to
        cells = []
        p = lst
        while type(p) is not int and p is not nil:
            cells.append(p)
            p = p.cdr
        cells[-1].cdr = cells[loop_to]
        for name in ("length", "reverse"):
            assert "circular" in fails("type-error", name, lst)
        assert "circular" in fails("type-error", "%check-list", Symbol("map"), lst, 2, who="map")
    elif dotted and n:
        for name in ("length", "reverse"):
            fails("type-error", name, lst)
    else:
        assert call("length", lst) == n
        assert pairs_to_list(call("reverse", lst)) == items[::-1]
        assert call("%check-list", Symbol("map"), lst, 2) is lst


def test_apply_to_a_circular_list_is_a_type_error_not_a_hang():
    from elle.api import Interpreter
    from elle.errors import ElleError
    i = Interpreter(jit=False)
    i.eval("(define c (list 1 2 3)) (set-cdr! (cddr c) c)")
    for src in ("(apply + c)", "(apply max 1 c)"):
        with pytest.raises(ElleError, match="apply: expected a proper list .*circular"):
            i.eval(src)

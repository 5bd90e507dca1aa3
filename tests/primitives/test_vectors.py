"""Vector primitives called directly through the primitive table."""

import pytest
from hypothesis import given, strategies as st

from elle.datum import list_to_pairs, nil, pairs_to_list, make_pair
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


def test_construction():
    assert call("vector?", [1]) is True
    assert call("vector?", nil) is False
    assert call("vector", 1, 2) == [1, 2]
    assert call("vector") == []
    assert call("make-vector", 3, 0) == [0, 0, 0]
    assert call("make-vector", 2) == [unspecified, unspecified]
    fails("type-error", "make-vector", -1)
    fails("type-error", "make-vector", 1.0)


def test_ref_set_length():
    v = [1, 2, 3]
    assert call("vector-ref", v, 2) == 3
    assert call("vector-length", v) == 3
    assert call("vector-set!", v, 0, "x") is unspecified
    assert v[0] == "x"
    msg = fails("range-error", "vector-ref", v, 3)
    assert msg == "vector-ref: index 3 out of range for vector of length 3"
    fails("range-error", "vector-set!", v, -1, 0)
    fails("type-error", "vector-ref", v, True)
    fails("type-error", "vector-ref", (1, 2), 0)
    fails("type-error", "vector-length", "v")


def test_list_conversions():
    assert pairs_to_list(call("vector->list", [1, 2, 3])) == [1, 2, 3]
    assert pairs_to_list(call("vector->list", [1, 2, 3], 1)) == [2, 3]
    assert call("vector->list", [1, 2, 3], 1, 1) is nil
    assert call("list->vector", list_to_pairs([1, 2])) == [1, 2]
    assert call("list->vector", nil) == []
    fails("type-error", "list->vector", make_pair(1, 2))
    fails("range-error", "vector->list", [1], 0, 2)


def test_list_to_vector_rejects_circular_lists():
    cell = make_pair(1, nil)
    cell.cdr = cell
    assert "circular" in fails("type-error", "list->vector", cell)


def test_fill():
    v = [0] * 5
    call("vector-fill!", v, 7, 1, 3)
    assert v == [0, 7, 7, 0, 0]
    call("vector-fill!", v, 1)
    assert v == [1] * 5
    fails("range-error", "vector-fill!", v, 0, 2, 1)


def test_copy():
    v = [1, 2, 3]
    c = call("vector-copy", v)
    assert c == v and c is not v
    assert call("vector-copy", v, 1) == [2, 3]
    assert call("vector-copy", v, 1, 2) == [2]
    fails("range-error", "vector-copy", v, 4)
    fails("type-error", "vector-copy", v, -1)


def test_copy_to():
    v = [1, 2, 3, 4, 5]
    call("vector-copy!", v, 0, ["a", "b"])
    assert v == ["a", "b", 3, 4, 5]
    fails("range-error", "vector-copy!", v, 4, [1, 2])
    fails("range-error", "vector-copy!", v, 6, [])
    fails("type-error", "vector-copy!", v, 0, "ab")


@given(st.integers(0, 6), st.integers(0, 6), st.integers(0, 6))
def test_overlapping_copy_matches_slice_semantics(at, start, end):
    if start > end or at + (end - start) > 6:
        return
    v = list(range(6))
    expected = list(v)
    expected[at:at + end - start] = v[start:end]
    call("vector-copy!", v, at, v, start, end)
    assert v == expected


def test_append():
    assert call("vector-append") == []
    assert call("vector-append", [1], [], [2, 3]) == [1, 2, 3]
    assert "argument 2" in fails("type-error", "vector-append", [1], nil)


def test_absurd_lengths_are_range_errors():
    fails("range-error", "make-vector", 10 ** 12)
    fails("range-error", "make-string", 10 ** 12)
    fails("range-error", "make-bytevector", 10 ** 12)

"""String primitives called directly through the primitive table."""

import pytest
from hypothesis import given, strategies as st

from elle.datum import Char, MString, Pair, list_to_pairs, nil, pairs_to_list, make_pair
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


S = MString


def texts(lst):
    return [s.s for s in pairs_to_list(lst)]


def test_construction():
    assert call("string?", S("x")) is True
    assert call("string?", Char("x")) is False
    assert call("make-string", 3, Char("z")).s == "zzz"
    assert len(call("make-string", 2).s) == 2
    assert call("string", Char("a"), Char("λ")).s == "aλ"
    assert call("string").s == ""
    fails("type-error", "make-string", -1)
    fails("type-error", "make-string", 2, "z")
    fails("type-error", "string", Char("a"), 1)


def test_length_and_ref():
    assert call("string-length", S("héllo")) == 5
    assert call("string-ref", S("abc"), 1) is Char("b")
    assert call("string-ref", S("a\U0001F600"), 1) is Char("\U0001F600")
    msg = fails("range-error", "string-ref", S("abc"), 10)
    assert msg == "string-ref: index 10 out of range for string of length 3"
    fails("range-error", "string-ref", S("abc"), -1)
    fails("type-error", "string-ref", S("abc"), 1.0)
    fails("type-error", "string-ref", "abc", 0)
    fails("type-error", "string-length", 5)


def test_string_set():
    s = S("abc")
    assert call("string-set!", s, 1, Char("X")) is unspecified
    assert s.s == "aXc"
    fails("range-error", "string-set!", s, 3, Char("X"))
    fails("type-error", "string-set!", s, 0, "X")
    assert "immutable" in fails("type-error", "string-set!", S("abc", immutable=True), 0, Char("X"))


def test_substring_and_copy():
    assert call("substring", S("hello"), 1, 3).s == "el"
    assert call("substring", S("hello"), 2).s == "llo"
    assert call("string-copy", S("hello")).s == "hello"
    assert call("string-copy", S("hello"), 3).s == "lo"
    assert call("string-copy", S("hello"), 0, 0).s == ""
    original = S("abc", immutable=True)
    copy = call("string-copy", original)
    assert copy is not original and copy.immutable is False
    fails("range-error", "substring", S("abc"), 2, 1)
    fails("range-error", "substring", S("abc"), 0, 4)
    fails("range-error", "string-copy", S("abc"), 5)
    fails("type-error", "string-copy", S("abc"), "1")


def test_string_append():
    assert call("string-append").s == ""
    assert call("string-append", S("a"), S("bc"), S("")).s == "abc"
    assert "argument 2" in fails("type-error", "string-append", S("a"), Char("b"))


def test_string_copy_to():
    s = S("abcde")
    call("string-copy!", s, 1, S("XY"))
    assert s.s == "aXYde"
    call("string-copy!", s, 0, S("12345"), 3, 5)
    assert s.s == "45Yde"
    t = S("abcde")
    call("string-copy!", t, 1, t, 0, 3)       # overlapping
    assert t.s == "aabce"
    fails("range-error", "string-copy!", S("ab"), 1, S("xyz"))
    fails("range-error", "string-copy!", S("ab"), 3, S(""))
    fails("range-error", "string-copy!", S("abc"), 0, S("xyz"), 2, 1)
    fails("type-error", "string-copy!", S("ab", immutable=True), 0, S("x"))
    fails("type-error", "string-copy!", S("ab"), 0, 5)


def test_string_fill():
    s = S("abcde")
    call("string-fill!", s, Char("z"), 1, 3)
    assert s.s == "azzde"
    call("string-fill!", s, Char("q"))
    assert s.s == "qqqqq"
    fails("range-error", "string-fill!", s, Char("z"), 6)
    fails("type-error", "string-fill!", s, "z")


def test_list_and_vector_conversions():
    lst = call("string->list", S("abc"))
    assert type(lst) is Pair and [c.ch for c in pairs_to_list(lst)] == ["a", "b", "c"]
    assert call("string->list", S("abc"), 1, 2).car is Char("b")
    assert call("string->list", S("")) is nil
    assert call("list->string", list_to_pairs([Char("x"), Char("y")])).s == "xy"
    assert call("list->string", nil).s == ""
    assert call("string->vector", S("ab")) == [Char("a"), Char("b")]
    assert call("vector->string", [Char("a"), Char("b"), Char("c")], 1).s == "bc"
    fails("type-error", "list->string", list_to_pairs([Char("x"), 1]))
    fails("type-error", "list->string", make_pair(Char("x"), Char("y")))
    fails("type-error", "vector->string", [1])
    fails("range-error", "vector->string", [Char("a")], 0, 2)
    fails("range-error", "string->list", S("abc"), 4)


def test_case_mapping():
    assert call("string-upcase", S("straße")).s == "STRASSE"
    assert call("string-downcase", S("ÄB")).s == "äb"
    assert call("string-foldcase", S("Straße")).s == "strasse"
    fails("type-error", "string-upcase", Char("a"))


def test_comparisons():
    assert call("string=?", S("a"), S("a"), S("a")) is True
    assert call("string<?", S("a"), S("ab"), S("b")) is True
    assert call("string<?", S("b"), S("a")) is False
    assert call("string>=?", S("b"), S("b")) is True
    assert call("string-ci=?", S("Straße"), S("STRASSE")) is True
    assert call("string-ci<?", S("apple"), S("Banana")) is True
    assert call("string<?", S("apple"), S("Banana")) is False
    fails("type-error", "string=?", S("a"), "a")


def test_null_and_reverse():
    assert call("string-null?", S("")) is True
    assert call("string-null?", S(" ")) is False
    assert call("string-reverse", S("abc")).s == "cba"
    fails("type-error", "string-null?", nil)


def test_split():
    assert texts(call("string-split", S("a,b,,c"), Char(","))) == ["a", "b", "", "c"]
    assert texts(call("string-split", S("a::b"), S("::"))) == ["a", "b"]
    assert texts(call("string-split", S("  one two\tthree \n"))) == ["one", "two", "three"]
    assert call("string-split", S("   ")) is nil
    assert texts(call("string-split", S(""), Char(","))) == [""]
    fails("range-error", "string-split", S("abc"), S(""))
    fails("type-error", "string-split", S("abc"), 1)
    fails("type-error", "string-split", 1)


def test_join():
    lst = list_to_pairs([S("a"), S("b"), S("c")])
    assert call("string-join", lst).s == "a b c"
    assert call("string-join", lst, S(", ")).s == "a, b, c"
    assert call("string-join", nil).s == ""
    fails("type-error", "string-join", list_to_pairs([S("a"), 1]))
    fails("type-error", "string-join", lst, Char(","))


def test_contains_and_index():
    assert call("string-contains", S("hello world"), S("o w")) == 4
    assert call("string-contains", S("hello"), S("")) == 0
    assert call("string-contains", S("hello"), S("z")) is False
    assert call("string-index", S("hello"), Char("l")) == 2
    assert call("string-index", S("hello"), Char("z")) is False
    fails("type-error", "string-contains", S("a"), Char("a"))
    fails("type-error", "string-index", S("a"), S("a"))


def test_trim():
    assert call("string-trim", S("  a b \n")).s == "a b"
    assert call("string-trim-left", S("  a ")).s == "a "
    assert call("string-trim-right", S("  a ")).s == "  a"
    assert call("string-trim", S("   ")).s == ""
    fails("type-error", "string-trim", 1)


def test_prefix_suffix():
    assert call("string-prefix?", S("he"), S("hello")) is True
    assert call("string-prefix?", S("hello"), S("he")) is False
    assert call("string-suffix?", S("lo"), S("hello")) is True
    assert call("string-suffix?", S(""), S("hello")) is True
    fails("type-error", "string-prefix?", S("a"), 1)


@given(st.text(), st.characters(exclude_categories=("Cs",)))
def test_split_then_join_round_trips(text, sep):
    parts = call("string-split", S(text), Char(sep))
    assert call("string-join", parts, S(sep)).s == text


@given(st.text(), st.text())
def test_comparisons_agree_with_code_point_order(a, b):
    assert call("string<?", S(a), S(b)) is (a < b)
    assert call("string=?", S(a), S(b)) is (a == b)
    assert call("string-ci=?", S(a), S(b)) is (a.casefold() == b.casefold())


# -- a mutated string's representation (elle.datum.MString) -----------------------

def test_string_set_switches_to_a_character_list_once():
    s = S("abc")
    call("string-set!", s, 1, Char("X"))
    assert s.text is None and s.chars == ["a", "X", "c"]    # no str rebuilt per set
    call("string-set!", s, 2, Char("λ"))
    assert s.chars == ["a", "X", "λ"]
    assert call("string-ref", s, 2) == Char("λ")
    assert call("string-length", s) == 3
    assert s.text is None                   # neither read joined the list
    assert s.s == "aXλ" and s.text == "aXλ"     # a full read joins once and keeps it
    call("string-set!", s, 0, Char("z"))
    assert s.s == "zXλ"


@given(st.text(min_size=1, max_size=12), st.lists(st.tuples(st.integers(0, 11), st.characters()),
                                                   max_size=12))
def test_mutations_agree_with_a_python_model(text, sets):
    s, model = S(text), list(text)
    for k, ch in sets:
        k %= len(text)
        call("string-set!", s, k, Char(ch))
        model[k] = ch
        assert call("string-ref", s, k) == Char(ch)
    want = "".join(model)
    assert call("string-length", s) == len(want)
    assert call("string-append", s, S("!")).s == want + "!"
    assert call("substring", s, 0, len(want)).s == want
    assert call("string=?", s, S(want)) is True
    assert call("equal?", s, S(want)) is True
    call("string-fill!", s, Char("q"), 0, 1)        # a bulk mutation after the sets
    assert s.s == "q" + want[1:]
    call("string-set!", s, len(want) - 1, Char("e"))
    assert s.s == "q" + want[1:-1] + "e" if len(want) > 1 else s.s == "e"


@given(st.text(min_size=1, max_size=10),
       st.lists(st.tuples(st.sampled_from(["set", "copy", "fill", "substring", "read"]),
                          st.integers(0, 9), st.integers(0, 9), st.text(max_size=4)), max_size=10))
def test_bulk_operations_on_a_mutated_string_agree_with_a_python_model(text, ops):
    s, model = S(text), list(text)
    n = len(text)
    for op, i, j, piece in ops:
        i, j = sorted((i % n, j % n))
        if op == "set":
            call("string-set!", s, i, Char(piece[:1] or "#"))
            model[i] = piece[:1] or "#"
        elif op == "copy":
            piece = piece[:n - i]
            call("string-copy!", s, i, S(piece))
            model[i:i + len(piece)] = piece
        elif op == "fill":
            call("string-fill!", s, Char("*"), i, j)
            model[i:j] = "*" * (j - i)
        elif op == "substring":
            assert call("substring", s, i, j).s == "".join(model[i:j])
        else:
            assert s.s == "".join(model)
    assert s.s == "".join(model) and call("string-length", s) == n
    call("string-copy!", s, 0, s, n // 2)       # overlapping, within one string
    model[:n - n // 2] = model[n // 2:]
    assert s.s == "".join(model)


def test_an_empty_string_indexes_as_empty():
    e = S("")
    assert call("string-length", e) == 0
    fails("range-error", "string-ref", e, 0)
    fails("range-error", "string-set!", e, 0, Char("a"))

"""Scheme-level tests of prelude/20-strings-vectors.scm and of the B1
primitives seen through the whole pipeline."""

import pytest

pytest.importorskip("elle.vm")

from elle import Interpreter  # noqa: E402
from elle.errors import ElleError  # noqa: E402


@pytest.fixture(scope="module")
def elle():
    try:
        return Interpreter(jit=False)
    except ImportError as e:          # a pipeline stage has not landed yet
        pytest.skip(f"interpreter not complete: {e}")


def fails(elle, src, kind, who):
    with pytest.raises(ElleError) as info:
        elle.eval(src)
    assert info.value.kind == kind
    assert info.value.payload.message.startswith(who + ":"), info.value.payload.message


def test_string_map(elle):
    assert elle.eval('(string-map char-upcase "abc")') == "ABC"
    assert elle.eval('(string-map (lambda (a b) (if (char<? a b) a b)) "adcz" "bbb")') == "abb"
    assert elle.eval('(string-map char-upcase "")') == ""


def test_string_map_errors(elle):
    fails(elle, '(string-map char-upcase 5)', "type-error", "string-map")
    fails(elle, '(string-map 5 "abc")', "type-error", "string-map")
    fails(elle, '(string-map (lambda (c) 1) "abc")', "type-error", "string-map")
    fails(elle, '(string-map char-upcase "abc" 5)', "type-error", "string-map")


def test_string_for_each(elle):
    src = '''(let ((out '()))
               (string-for-each (lambda (a b) (set! out (cons (string a b) out))) "abc" "xy")
               out)'''
    assert elle.eval(src) == ["by", "ax"]
    fails(elle, '(string-for-each car (list 1))', "type-error", "string-for-each")


def test_vector_map(elle):
    assert elle.eval("(vector-map (lambda (x) (* x x)) #(1 2 3))") == (1, 4, 9)
    assert elle.eval("(vector-map + #(1 2 3) #(10 20))") == (11, 22)
    assert elle.eval("(vector-map car #())") == ()
    fails(elle, "(vector-map car '(1))", "type-error", "vector-map")
    fails(elle, "(vector-map + #(1) '(1))", "type-error", "vector-map")


def test_vector_for_each(elle):
    src = '''(let ((sum 0))
               (vector-for-each (lambda (a b) (set! sum (+ sum (* a b)))) #(1 2 3) #(4 5 6 7))
               sum)'''
    assert elle.eval(src) == 32


def test_string_index_both_forms(elle):
    assert elle.eval('(string-index "hello" #\\l)') == 2
    assert elle.eval('(string-index "hello" char-upper-case?)') is False
    assert elle.eval('(string-index "heLlo" char-upper-case?)') == 2
    fails(elle, '(string-index "abc" 5)', "type-error", "string-index")
    fails(elle, '(string-index 5 char?)', "type-error", "string-index")


def test_long_string_map_is_iterative(elle):
    assert elle.eval('(string-length (string-map char-upcase (make-string 100000 #\\a)))') == 100000


def test_numbers_through_the_pipeline(elle):
    assert elle.eval("(expt 2 100)") == 2 ** 100
    assert elle.eval("(exact->inexact 1/3)") == 1 / 3
    assert elle.eval('(number->string 255 16)') == "ff"
    assert elle.eval('(string->number "abc")') is False
    fails(elle, "(/ 1 0)", "divide-by-zero", "/")
    fails(elle, "(+ #t 1)", "type-error", "+")
    assert elle.eval("(sqrt -4.0)") == 2j


def test_literal_strings_are_immutable(elle):
    fails(elle, '(define s "abc") (string-set! s 0 #\\x)', "type-error", "string-set!")
    assert elle.eval('(let ((s (string-copy "abc"))) (string-set! s 0 #\\x) s)') == "xbc"

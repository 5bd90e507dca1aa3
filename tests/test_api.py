"""The embedding API: Interpreter.eval / define / call and value conversion."""

from fractions import Fraction

import pytest

from elle.api import Interpreter
from elle.datum import Symbol
from elle.errors import ElleError


def test_eval_returns_python_values():
    e = Interpreter()
    assert e.eval("(+ 1 2)") == 3
    assert e.eval("(/ 1 3)") == Fraction(1, 3)
    assert e.eval('"hi"') == "hi"
    assert e.eval("'(1 2 (3))") == [1, 2, [3]]
    assert e.eval("#(1 2)") == (1, 2)
    assert e.eval("'sym") == Symbol("sym")
    assert e.eval("#t") is True
    assert e.eval("(if #f #f)") is None
    assert e.eval("(values 1 2)") == (1, 2)


def test_define_python_callable():
    e = Interpreter()
    e.define("py-upper", str.upper)
    assert e.eval('(py-upper "abc")') == "ABC"
    e.define("py-sum", lambda xs: sum(xs))
    assert e.eval("(py-sum '(1 2 3))") == 6
    e.define("answer", 42)
    assert e.eval("(+ answer 1)") == 43


def test_procedures_become_callables():
    e = Interpreter()
    sq = e.eval("(lambda (x) (* x x))")
    assert sq(12) == 144
    assert e.call("list", 1, "a") == [1, "a"]


def test_errors_raise_elle_error():
    e = Interpreter()
    with pytest.raises(ElleError) as info:
        e.eval("(car 1)")
    assert info.value.kind == "type-error"


def test_python_exception_in_callable_becomes_elle_error():
    e = Interpreter()

    def boom(x):
        raise ValueError("bad value")

    e.define("boom", boom)
    assert e.eval("(guard (c (#t 'caught)) (boom 1))") == Symbol("caught")


def test_interpreters_are_independent():
    a, b = Interpreter(), Interpreter()
    a.eval("(define x 1)")
    with pytest.raises(ElleError):
        b.eval("x")

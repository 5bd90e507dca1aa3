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


def test_exception_classes_are_exported_from_elle():
    import elle
    from elle import errors
    assert elle.ElleError is ElleError
    assert elle.ElleSyntaxError is errors.ElleSyntaxError
    assert issubclass(elle.ConversionError, ElleError) and issubclass(elle.ConversionError, ValueError)
    assert issubclass(elle.ElleExit, SystemExit)
    assert issubclass(elle.ConfigError, ValueError)
    with pytest.raises(elle.ElleSyntaxError):
        elle.Interpreter().eval("(lambda)")


def test_python_exception_in_callable_keeps_its_cause():
    e = Interpreter()
    original = ValueError("bad value")

    def boom(x):
        raise original

    e.define("boom", boom)
    with pytest.raises(ElleError) as info:
        e.eval("(boom 1)")
    assert info.value.kind == "host-error" and "ValueError: bad value" in str(info.value)
    assert info.value.__cause__ is original
    # re-raised by a guard that does not take it: still the cause
    with pytest.raises(ElleError) as info:
        e.eval("(guard (c ((string? c) 'no)) (boom 1))")
    assert info.value.__cause__ is original
    assert e.eval("(guard (c ((error-object? c) (error-object-message c))) (boom 1))") == \
        "boom: ValueError: bad value"


def test_output_is_flushed_when_eval_returns(capsys):
    e = Interpreter()
    e.eval('(display "from elle")')
    print(" then python", end="")
    e.call("display", "!")
    with pytest.raises(ElleError):
        e.eval('(display " partial") (car 1)')
    assert capsys.readouterr().out == "from elle then python! partial"


def test_circular_lists_are_a_conversion_error_not_a_hang():
    from elle import ConversionError
    e = Interpreter()
    for src in ("(define x (list 1 2 3)) (set-cdr! (cddr x) x) x",
                "(define y (list 1 2)) (set-car! (cdr y) y) y",
                "(define v (vector 1 2)) (vector-set! v 0 (list v)) v",
                "(define z (list 1)) (set-cdr! z z) z"):
        with pytest.raises(ConversionError):
            e.eval(src)
    shared = e.eval("(let ((s (list 1 2))) (list s s (vector s)))")
    assert shared == [[1, 2], [1, 2], ([1, 2],)]
    loop = []
    loop.append(loop)
    with pytest.raises(ConversionError):
        e.define("loop", loop)


def test_exit_raises_system_exit():
    e = Interpreter()
    with pytest.raises(SystemExit) as info:
        e.eval("(exit 3)")
    assert info.value.code == 3
    with pytest.raises(SystemExit) as info:
        e.eval("(dynamic-wind (lambda () #f) (lambda () (exit #f)) (lambda () (display \"after\")))")
    assert info.value.code == 1
    assert e.eval("(+ 1 2)") == 3


def test_command_line_and_console_belong_to_each_interpreter(capsys):
    a = Interpreter(argv=["a.scm", "x"])
    b = Interpreter(argv=["b.scm"])
    assert a.eval("(command-line)") == ["a.scm", "x"]
    assert b.eval("(command-line)") == ["b.scm"]
    a.eval("(define saved (current-output-port))")
    b.eval('(display "b1")')
    assert a.eval("(eq? saved (current-output-port))") is True
    assert b.eval("(eq? (current-output-port) (current-output-port))") is True
    assert a.lookup("saved") is not b.lookup("current-output-port")
    # text a buffers is a's alone: b's flush does not write it
    a.eval_text('(display "a1")')
    b.flush()
    assert capsys.readouterr().out == "b1"
    a.flush()
    assert capsys.readouterr().out == "a1"
    # a callback from one interpreter into another writes to the other's console
    a.define("in-b", lambda: b.eval('(display "inner") (command-line)'))
    assert a.eval("(in-b)") == ["b.scm"]
    assert a.eval("(command-line)") == ["a.scm", "x"]
    assert capsys.readouterr().out == "inner"


def test_compiled_code_does_not_leak_watchers():
    import gc
    e = Interpreter()
    car = e.globals.cell(Symbol("car"))
    gc.collect()
    before = car.watcher_count()
    for n in range(5_000):
        e.eval("(car (cons %d 2))" % n)
    gc.collect()
    assert car.watcher_count() <= before + 2
    # the watchers that remain still work: redefinition reaches live code
    e.eval("(define (first-of p) (car p))")
    assert e.eval("(first-of (cons 1 2))") == 1
    e.eval("(define (car p) 'mine)")
    assert e.eval("(first-of (cons 1 2))") == Symbol("mine")

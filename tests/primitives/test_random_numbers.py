"""random and the SRFI 27 subset (elle.primitives.random_numbers)."""

import pytest

from elle.api import Interpreter
from elle.errors import ElleError


@pytest.fixture(scope="module")
def interp():
    return Interpreter(jit=False)


def err(interp, src):
    with pytest.raises(ElleError) as info:
        interp.eval(src)
    return str(info.value)


def test_random_exact_and_inexact_ranges(interp):
    interp.eval("(random-seed! 1)")
    ints = interp.eval("(let loop ((i 0) (acc '())) (if (= i 500) acc (loop (+ i 1) (cons (random 7) acc))))")
    assert all(type(x) is int and 0 <= x < 7 for x in ints)
    assert set(ints) == set(range(7))
    floats = interp.eval("(map (lambda (i) (random 2.5)) (iota 200))")
    assert all(type(x) is float and 0 <= x < 2.5 for x in floats)
    assert 0 <= interp.eval("(random (expt 10 40))") < 10 ** 40


def test_srfi27_integer_and_real(interp):
    assert all(0 <= x < 3 for x in interp.eval("(map (lambda (i) (random-integer 3)) (iota 100))"))
    assert all(0 < x < 1 for x in interp.eval("(map (lambda (i) (random-real)) (iota 100))"))


def test_seeding_is_reproducible(interp):
    src = "(begin (random-seed! 1234) (list (random 1000) (random 1.0) (random-integer 99) (random-real)))"
    assert interp.eval(src) == interp.eval(src)
    a = interp.eval("(begin (random-seed! 1) (random (expt 2 60)))")
    b = interp.eval("(begin (random-seed! 2) (random (expt 2 60)))")
    assert a != b


def test_each_interpreter_has_its_own_default_source():
    one, two = Interpreter(jit=False), Interpreter(jit=False)
    one.eval("(random-seed! 5)")
    two.eval("(random-seed! 5)")
    first = one.eval("(random 1000000)")
    two.eval("(random-seed! 6)")       # reseeding `two` leaves `one` alone
    one.eval("(random-seed! 5)")
    assert one.eval("(random 1000000)") == first


def test_random_sources(interp):
    assert interp.eval("(random-source? default-random-source)") is True
    assert interp.eval("(random-source? 5)") is False
    assert interp.eval("""(let* ((a (make-random-source)) (b (make-random-source))
                                 (ia (random-source-make-integers a))
                                 (ib (random-source-make-integers b)))
                            (equal? (map (lambda (i) (ia 100)) (iota 10))
                                    (map (lambda (i) (ib 100)) (iota 10))))""") is True
    assert interp.eval("""(let* ((s (make-random-source)) (next (random-source-make-integers s)))
                            (random-source-pseudo-randomize! s 3 4)
                            (let ((saved (random-source-state-ref s)) (x (next 1000000)))
                              (random-source-state-set! s saved)
                              (= x (next 1000000))))""") is True
    reals = interp.eval("(let ((r (random-source-make-reals (make-random-source)))) (map (lambda (i) (r)) (iota 50)))")
    assert all(0 < x < 1 for x in reals)
    assert interp.eval("(begin (random-source-randomize! (make-random-source)) 1)") == 1


def test_errors(interp):
    assert "positive exact integer or flonum" in err(interp, "(random 0)")
    assert "positive exact integer or flonum" in err(interp, "(random -1.0)")
    assert "positive exact integer or flonum" in err(interp, "(random 'x)")
    assert "positive exact integer" in err(interp, "(random-integer 2.0)")
    assert "exact integer" in err(interp, "(random-seed! 1.5)")
    assert "random source" in err(interp, "(random-source-make-integers 5)")
    assert "not a state" in err(interp, '(random-source-state-set! (make-random-source) "junk")')
    assert "non-negative" in err(interp, "(random-source-pseudo-randomize! (make-random-source) -1 0)")


def test_default_random_source_is_what_random_draws_from(interp):
    src = ("(begin (random-source-pseudo-randomize! default-random-source 1 2)"
           " (list (random 1000) (random-integer 1000) (random-real)))")
    assert interp.eval(src) == interp.eval(src)
    assert interp.eval("(eq? default-random-source (%default-random-source))") is True

"""JIT: closures that capture variables (named-let loops inside a function
called once) compile, with their captured values as extra entry parameters."""

import pytest

pytest.importorskip("llvmlite")

from elle import Interpreter

FSUM = """
(define (fsum n)
  (let loop ((i 0) (x 0.0) (acc 0.0))
    (if (= i n)
        acc
        (loop (+ i 1) (+ x 1.0) (+ acc (/ 1.0 (+ (* x x) 1.0)))))))
"""


def both(src, expr, threshold=3):
    out = []
    for jit in (False, threshold):
        i = Interpreter(jit=jit)
        i.eval(src)
        out.append((i, i.eval(expr)))
    (_, want), (ji, got) = out
    assert got == want
    return ji


def signatures(interp):
    return [sig for _, sig, _ in interp.jit.stats.compiled]


def test_loop_capturing_a_parameter_compiles_mid_loop():
    i = both(FSUM, "(fsum 5000)")
    assert any(s.startswith("loop(fix, flo, flo) [n: fix]") for s in signatures(i))
    assert i.jit.stats.counters()["native-calls"] >= 1
    assert i.jit.stats.counters()["bailouts"] == 0


def test_captured_value_guards_a_second_closure_of_the_same_code():
    src = """(define (count-to n) (let loop ((i 0)) (if (>= i n) i (loop (+ i 1)))))"""
    i = both(src, "(list (count-to 50) (count-to 7) (count-to 2.5) (count-to 60))")
    assert i.eval("(count-to 100)") == 100


def test_captured_flonum_and_fixnum_together():
    src = """(define (scale k f)
               (let loop ((i 0) (acc 0.0))
                 (if (= i k) acc (loop (+ i 1) (+ acc (* f (exact->inexact i)))))))"""
    both(src, "(list (scale 100 0.5) (scale 30 2.0) (scale 30 3))")


def test_non_tail_self_call_of_a_closure_passes_captured_values():
    src = """(define (sum-to n step)
               (let rec ((i 0))
                 (if (> i n) 0 (+ i (rec (+ i step))))))"""
    i = both(src, "(list (sum-to 100 1) (sum-to 100 3) (sum-to 1000 7))")
    assert any("rec(fix) [n: fix] [step: fix]" in s for s in signatures(i))


def test_overflow_in_a_closure_loop_gives_the_bignum():
    src = """(define (pow2 n) (let loop ((i 0) (acc 1)) (if (= i n) acc (loop (+ i 1) (* acc 2)))))"""
    both(src, "(list (pow2 10) (pow2 62) (pow2 70) (pow2 100))")


def test_captured_procedure_is_rejected_with_a_reason():
    src = """(define (apply-n f n) (let loop ((i 0) (x 0)) (if (= i n) x (loop (+ i 1) (f x)))))"""
    i = both(src, "(apply-n (lambda (x) (+ x 1)) 40)")
    assert "captured variable f" in i.jit.stats.rejected["loop"]


NESTED = """
(define (nested n)
  (let ((count 0))
    (do ((a 0 (+ a 1))) ((= a n))
      (do ((b 0 (+ b 1))) ((= b n))
        (do ((c 0 (+ c 1))) ((= c n))
          (when (= (modulo (+ (* a b) c) 7) 0)
            (set! count (+ count 1))))))
    count))
"""


def test_assigned_captured_variable_is_written_back():
    i = both(NESTED, "(list (nested 12) (nested 20))")
    assert any("[count: fix]" in s for s in signatures(i))
    assert i.jit.stats.counters()["bailouts"] == 0


def test_box_shared_with_another_closure_sees_the_native_updates():
    src = """(define (make n)
               (let ((total 0))
                 (cons (lambda () (let loop ((i 0)) (if (< i n) (begin (set! total (+ total i)) (loop (+ i 1))))))
                       (lambda () total))))
             (define p (make 100))"""
    i = both(src, "(begin ((car p)) ((car p)) ((car p)) ((cdr p)))", threshold=2)
    assert i.eval("((cdr p))") == 3 * 4950


def test_bail_out_after_assigning_a_captured_variable_leaves_the_box_alone():
    src = """(define (grow n)
               (let ((acc 1))
                 (let loop ((i 0))
                   (if (< i n) (begin (set! acc (* acc 3)) (loop (+ i 1)))))
                 acc))"""
    i = both(src, "(list (grow 5) (grow 30) (grow 50) (grow 100))")
    assert i.jit.stats.counters()["bailouts"] >= 1


def test_captured_variable_changing_type_is_rejected_or_agrees():
    src = """(define (mix n)
               (let ((x 0))
                 (let loop ((i 0)) (if (< i n) (begin (set! x (+ x 0.5)) (loop (+ i 1)))))
                 x))"""
    both(src, "(list (mix 10) (mix 20))")

"""JIT: vectors (read, length, set!) and resuming the VM at the loop head
after a bail-out, so no finished iteration -- and no mutation -- runs twice."""

import pytest

pytest.importorskip("llvmlite")

from elle import Interpreter

SIEVE = """
(define (sieve n)
  (let ((v (make-vector n #t)))
    (vector-set! v 0 #f)
    (vector-set! v 1 #f)
    (let loop ((i 2) (count 0))
      (cond ((= i n) count)
            ((vector-ref v i)
             (let mark ((j (* i i)))
               (when (< j n)
                 (vector-set! v j #f)
                 (mark (+ j i))))
             (loop (+ i 1) (+ count 1)))
            (else (loop (+ i 1) count))))))
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


def test_sieve_marking_loop_compiles_and_counts_primes():
    i = both(SIEVE, "(list (sieve 100) (sieve 5000))")
    assert any(s.startswith("mark(fix) [n: fix] [v: vbool]") for s in signatures(i))
    assert "vector-set!" in i.jit.stats.rejected.get("loop", "vector-set!")


def test_vector_sum_reads_elements():
    src = """(define (vsum v)
               (let loop ((i 0) (acc 0))
                 (if (= i (vector-length v)) acc (loop (+ i 1) (+ acc (vector-ref v i))))))
             (define v (make-vector 100 3))"""
    i = both(src, "(list (vsum v) (vsum v) (vsum (vector 1 2 3)) (vsum v))", threshold=1)
    assert any(s.startswith("vsum(vfix)") or "vfix" in s for s in signatures(i))


def test_element_of_another_type_bails_out_and_agrees():
    src = """(define (vsum v)
               (let loop ((i 0) (acc 0))
                 (if (= i (vector-length v)) acc (loop (+ i 1) (+ acc (vector-ref v i))))))"""
    both(src, "(list (vsum (vector 1 2 3)) (vsum (vector 1 2 3)) (vsum (vector 1 2.5 3))"
              " (vsum (vector 1 2 (expt 2 70))))", threshold=1)


def test_index_out_of_range_gives_the_vm_error():
    src = """(define (get v k) (vector-ref v k))
             (define (safe v k) (guard (e (#t (error-object-message e))) (get v k)))"""
    both(src, "(list (get (vector 1 2) 1) (get (vector 1 2) 0) (safe (vector 1 2) 5) (safe (vector 1 2) -1))",
         threshold=1)


def test_increment_loop_is_not_done_twice_after_an_overflow():
    # each iteration increments v[i]; the accumulator overflows at some
    # iteration: the VM must resume there, not redo the increments
    src = """(define (bump v)
               (let loop ((i 0) (acc 1))
                 (if (= i (vector-length v)) acc
                     (begin (vector-set! v i (+ (vector-ref v i) 1))
                            (loop (+ i 1) (* acc 1000))))))
             (define v (make-vector 12 0))"""
    i = both(src, "(begin (bump v) (bump v) (list (bump v) v))", threshold=1)
    assert i.jit.stats.counters()["bailouts"] >= 1


def test_iterative_fib_resumes_past_2_63():
    src = """(define (fib-iter n) (let loop ((i 0) (a 0) (b 1)) (if (= i n) a (loop (+ i 1) b (+ a b)))))"""
    i = both(src, "(list (fib-iter 10) (fib-iter 90) (fib-iter 100) (fib-iter 300))", threshold=1)
    assert i.jit.stats.bailouts.get("overflow", 0) >= 1


def test_mutation_inside_an_inner_loop_that_may_bail_is_rejected():
    src = """(define (fill! v)
               (let outer ((k 0))
                 (when (< k 3)
                   (let inner ((i 0))
                     (when (< i (vector-length v)) (vector-set! v i (+ (vector-ref v i) k)) (inner (+ i 1))))
                   (outer (+ k 1)))))
             (define v (make-vector 5 1))"""
    i = both(src, "(begin (fill! v) (fill! v) (fill! v) v)", threshold=1)
    assert "vector-set!" in i.jit.stats.rejected.get("fill!", "vector-set!")

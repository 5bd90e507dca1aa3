"""Register layout: parameters, then captured variables, then locals.

A closure's captured variables arrive in registers (the call appends
`Closure.regs` to the arguments), so these tests exercise every way a
frame is set up: plain calls, tail calls, self tail calls, rest arguments,
`apply`, continuation re-entry, and code rebuilt after a primitive was
redefined while closures of the old code were still alive.
"""

from elle import Interpreter
from elle.datum import Symbol

from bytecode_helpers import code_of, opnames


def test_captured_variables_are_registers_after_the_parameters():
    i = Interpreter()
    i.eval("(define (make-adder n) (lambda (x) (+ x n)))")
    inner = code_of(i, "make-adder").children[0]
    assert inner.nfree == 1 and inner.nparams == 1
    assert i.eval("((make-adder 40) 2)") == 42
    clo = i.eval_text("(make-adder 5)", "t.scm")
    assert clo.free == (5,)
    assert clo.regs[:1] == (5,) and len(clo.regs) == inner.nregs - inner.nparams


def test_global_function_without_captures_has_regs_equal_to_pad():
    i = Interpreter()
    i.eval("(define (f a b) (let ((c (* a b))) (+ c 1)))")
    f = i.globals.lookup(Symbol("f"))
    assert f.free == () and f.regs == f.code.pad


def test_closure_capturing_an_assigned_variable_shares_its_box():
    i = Interpreter()
    i.eval("""
      (define (make-counter)
        (let ((n 0))
          (cons (lambda () (set! n (+ n 1)) n)
                (lambda () n))))
      (define c (make-counter))""")
    assert i.eval("((car c))") == 1
    assert i.eval("((car c))") == 2
    assert i.eval("((cdr c))") == 2
    assert "BSET" in opnames(code_of(i, "make-counter").children[0])


def test_captured_parameter_assigned_inside_the_closure():
    i = Interpreter()
    i.eval("(define (acc total) (lambda (x) (set! total (+ total x)) total))")
    i.eval("(define a (acc 10))")
    assert [i.eval("(a 1)"), i.eval("(a 5)")] == [11, 16]


def test_nested_closures_capture_through_an_intermediate_closure():
    i = Interpreter()
    i.eval("""
      (define (f a)
        (lambda (b)
          (lambda (c) (list a b c))))""")
    assert i.eval("(((f 1) 2) 3)") == [1, 2, 3]


def test_closure_capturing_itself_and_other_variables():
    # the self variable of a named let is the running closure (SELF), and
    # an inner lambda capturing it takes the closure, not a register
    i = Interpreter()
    i.eval("""
      (define (g k)
        (let loop ((i 0) (acc '()))
          (if (= i k) (reverse (map (lambda (f) (f)) acc))
              (loop (+ i 1) (cons (lambda () (if (procedure? loop) (* i k) 'no)) acc)))))""")
    assert i.eval("(g 3)") == [0, 3, 6]


def test_self_tail_call_keeps_captured_registers():
    i = Interpreter()
    i.eval("(define (sum-to n) (let lp ((i 0) (acc 0)) (if (= i n) acc (lp (+ i 1) (+ acc i)))))")
    assert i.eval("(sum-to 1000)") == 499500


def test_rest_argument_closure_with_captured_variables():
    i = Interpreter()
    i.eval("(define (tagger tag . more) (lambda (x . ys) (list tag more x ys)))")
    assert i.eval("((tagger 't 1 2) 'a 'b 'c)") == [Symbol("t"), [1, 2], Symbol("a"),
                                                  [Symbol("b"), Symbol("c")]]
    assert i.eval("((tagger 't) 'a)") == [Symbol("t"), [], Symbol("a"), []]
    assert i.eval("(apply (tagger 'u) '(1 2))") == [Symbol("u"), [], 1, [2]]


def test_apply_and_higher_order_calls_of_closures_with_captures():
    i = Interpreter()
    i.eval("(define (scale k) (lambda (x) (* k x)))")
    assert i.eval("(map (scale 3) '(1 2 3))") == [3, 6, 9]
    assert i.eval("(apply (scale 2) '(21))") == 42


def test_arity_error_of_a_closure_with_captures():
    import pytest
    from elle.errors import ElleError
    i = Interpreter()
    i.eval("(define (make-adder n) (lambda (x) (+ x n)))")
    with pytest.raises(ElleError) as e:
        i.eval("((make-adder 1) 1 2)")
    assert e.value.payload.kind == "arity-error"


def test_call_cc_reentry_through_a_closure_with_captured_variables():
    # The continuation is captured inside a closure that reads captured
    # registers; it is re-entered twice after the capturing frames returned.
    i = Interpreter()
    i.eval("""
      (define k #f)
      (define count 0)
      (define (make-step base)
        (let ((cell 0))
          (lambda (x)
            (set! cell (+ cell 1))
            (+ base x (call/cc (lambda (c) (set! k c) 0)) (* 0 cell)))))
      (define step (make-step 100))
      (define results '())
      (set! results (cons (step 1) results))
      (set! count (+ count 1))
      (if (< count 3) (k count))""")
    assert i.eval("results") == [103, 102, 101]


def test_recompile_after_primitive_redefinition_keeps_live_closures_working():
    # Closures made before the rebuild carry the old padding; the rebuilt
    # code needs more registers (the + is no longer inlined) and grows the frame.
    i = Interpreter()
    i.eval("(define (make-sel n) (lambda (x) (if (< x 2) n (list x n))))")
    i.eval("(define old (make-sel 'small))")
    inner = code_of(i, "make-sel").children[0]
    before = inner.nregs
    assert i.eval("(old 1)") == Symbol("small")
    i.eval("(define (< a b) (> b a))")
    assert "GROW" in opnames(inner) and inner.nregs > before
    assert i.eval("(old 1)") == Symbol("small")
    assert i.eval("(old 5)") == [5, Symbol("small")]
    assert i.eval("((make-sel 'new) 1)") == Symbol("new")


def test_recompiled_self_loop_with_captures_does_not_grow_without_bound():
    i = Interpreter()
    i.eval("""
      (define (f n)
        (let ((k 1))
          (let lp ((i 0) (acc 0))
            (if (= i n) acc (lp (+ i k) (+ acc k))))))""")
    i.eval("(define (+ a b) (- a (- 0 b)))")
    assert "GROW" in opnames(code_of(i, "f").children[0])
    assert i.eval("(f 10000)") == 10000


def test_disassembly_names_captured_registers():
    from elle.disasm import disassemble
    i = Interpreter()
    i.eval("(define (make-adder n) (lambda (x) (+ x n)))")
    text = disassemble(code_of(i, "make-adder"))
    assert "free: n=r1" in text

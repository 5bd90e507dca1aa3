"""Fused and specialised instructions: ADDRET, CLOSRET, CALLG1, CALL1 and
the tail calls' frame-reuse operand. Each must behave exactly like the
instruction sequence it replaces: type checks, errors with locations and
backtraces, arity, depth limit, continuations, the JIT hook."""

import pytest

from elle import Interpreter
from elle.config import Config
from elle.datum import Symbol
from elle.disasm import disassemble
from elle.errors import ElleError

from bytecode_helpers import code_of, error_kind, opnames


# -- ADDRET ---------------------------------------------------------------

def test_tail_addition_is_one_instruction():
    i = Interpreter()
    i.eval("(define (add a b) (+ a b)) (define (inc a) (+ a 1))")
    assert opnames(code_of(i, "add")) == ["ADDRET"]
    assert opnames(code_of(i, "inc"))[-1] == "RET"        # immediates keep ADDI


def test_addret_mixes_numbers_like_the_primitive():
    i = Interpreter()
    i.eval("(define (add a b) (+ a b))")
    assert i.eval("(add 1 2)") == 3
    assert i.eval("(add 1.5 2)") == 3.5
    assert i.eval("(add (expt 2 100) 1)") == 2 ** 100 + 1
    assert i.eval("(add 1/2 1/3)") == i.eval("5/6")


def test_addret_rejects_booleans_with_location_and_backtrace():
    i = Interpreter()
    i.eval_text("(define (add a b)\n  (+ a b))\n(define (g) (list (add #t 1)))", "t.scm")
    with pytest.raises(ElleError) as info:
        i.eval("(g)")
    err = info.value
    assert err.kind == "type-error"
    assert str(err.loc) == "t.scm:2:3"
    assert [name for name, _ in err.backtrace][:2] == ["add", "g"]


def test_addret_error_reaches_an_elle_handler():
    i = Interpreter()
    i.eval("(define (add a b) (+ a b))")
    src = """
    (call/cc (lambda (k)
      (with-exception-handler (lambda (e) (k 'caught))
        (lambda () (add 'x 1)))))"""
    assert i.eval(src) == Symbol("caught")


def test_addret_returns_into_a_frame_a_continuation_captured():
    i = Interpreter()
    i.eval("""
      (define k #f)
      (define (add a b) (+ a b))
      (define results '())
      (set! results (cons (add 100 (call/cc (lambda (c) (set! k c) 1))) results))
      (if (< (length results) 3) (k (length results)))""")
    assert i.eval("results") == [102, 101, 101]


# -- CLOSRET --------------------------------------------------------------

def test_returned_lambda_is_one_instruction_and_captures_correctly():
    i = Interpreter()
    i.eval("(define (make-adder n) (lambda (x) (+ x n)))")
    assert opnames(code_of(i, "make-adder")) == ["CLOSRET"]
    assert i.eval("(map (make-adder 10) '(1 2 3))") == [11, 12, 13]
    assert "CLOSRET <code anonymous> [r0]" in disassemble(code_of(i, "make-adder"))


def test_closret_capturing_the_running_closure_and_a_box():
    i = Interpreter()
    i.eval("""
      (define (f n)
        (let loop ((i n))
          (if (> i 0) (loop (- i 1))
              (let ((hits 0))
                (lambda () (set! hits (+ hits 1)) (list hits (procedure? loop)))))))
      (define g (f 3))""")
    assert i.eval("(g)") == [1, True]
    assert i.eval("(g)") == [2, True]


def test_closret_names_the_closure_when_defined():
    i = Interpreter()
    i.eval("(define (mk) (lambda () 1)) (define h (mk))")
    assert i.eval_text("h", "t.scm").name == "h"


# -- CALLG1 / CALL1 -------------------------------------------------------

def test_one_argument_calls_use_the_specialised_instructions():
    i = Interpreter()
    i.eval("(define (f g x) (list (g x) (car (h x)))) (define (h x) (list x))")
    ops = opnames(code_of(i, "f"))
    assert "CALL1" in ops and "CALLG1" in ops


def test_one_argument_calls_of_every_kind_of_procedure():
    i = Interpreter()
    i.eval("""
      (define (id x) x)
      (define (f g x) (list (g x) (id x)))
      (define (va . xs) xs)""")
    assert i.eval("(f id 1)") == [1, 1]
    assert i.eval("(f va 1)") == [[1], 1]                       # rest arguments
    assert i.eval("(f car (list 1 2))") == [1, [1, 2]]          # a primitive
    assert i.eval("(f (lambda (x) (* x 2)) 4)") == [8, 4]
    assert i.eval("(+ 1 (call/cc (lambda (k) (f k 41))))") == 42  # a continuation
    assert i.eval("(let ((q (lambda (x) (apply id (list x))))) (f q 7))") == [7, 7]


def test_one_argument_call_errors():
    i = Interpreter()
    i.eval("(define (two a b) a) (define (f g x) (list (g x))) (define (h x) (nope x))")
    assert error_kind(i, "(f two 1)") == "arity-error"
    assert error_kind(i, "(f 5 1)") == "type-error"
    assert error_kind(i, "(h 1)") == "unbound-variable"
    i.eval("(define (two a b) (+ a b))")
    assert error_kind(i, "(list (two 1))") == "arity-error"


def test_one_argument_calls_respect_the_depth_limit():
    i = Interpreter(config=Config(max_depth=3000))
    i.eval("(define (down n) (+ 1 (down n))) (define (k f) (+ 1 (f 1)))")
    assert error_kind(i, "(down 1)") == "recursion-depth"
    assert error_kind(i, "(define (loop x) (k loop)) (loop 1)") == "recursion-depth"
    assert i.eval("(+ 1 2)") == 3


def test_one_argument_calls_in_jit_mode():
    i = Interpreter(jit=True)
    i.eval("(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))")
    i.eval("(define (twice f) (lambda (x) (f (f x))))")
    assert i.eval("(fib 20)") == 6765
    assert i.eval("((twice (lambda (x) (* x 3))) 2)") == 18


# -- tail calls: the frame-reuse operand ------------------------------------

def test_self_tail_call_with_a_different_argument_count_goes_the_generic_way():
    i = Interpreter()
    i.eval("(define (f a . rest) (if (null? rest) a (f (+ a (car rest)))))")
    assert i.eval("(f 1 2)") == 3
    i.eval("(define (g a) (if (pair? a) (g 1 2) a))")
    assert error_kind(i, "(g '(1))") == "arity-error"


def test_a_global_tail_call_reuses_the_frame_only_for_the_running_closure():
    i = Interpreter()
    i.eval("""
      (define (loop i acc) (if (= i 0) acc (loop (- i 1) (+ acc 1))))
      (define saved loop)
      (define (loop i acc) (list 'new i acc))""")
    assert i.eval("(saved 5 0)") == [Symbol("new"), 4, 1]
    assert i.eval("(saved 0 7)") == 7


# -- RETLTI -----------------------------------------------------------------

def test_base_case_return_is_one_instruction_with_the_else_code_after_it():
    i = Interpreter()
    i.eval("(define (f n) (if (< n 2) n (* n 10)))")
    assert opnames(code_of(i, "f"))[0] == "RETLTI"
    assert [i.eval(f"(f {x})") for x in ("1", "5", "1.5", "2.5", "-7", "(expt 2 70)", "1/2")] == [
        1, 50, 1.5, 25.0, -7, 10 * 2 ** 70, i.eval("1/2")]


def test_retlti_rejects_non_numbers_at_the_test():
    i = Interpreter()
    i.eval_text("(define (f n)\n  (if (< n 2) n 0))", "t.scm")
    with pytest.raises(ElleError) as info:
        i.eval("(f #t)")
    assert info.value.kind == "type-error" and str(info.value.loc) == "t.scm:2:7"


def test_retlti_only_for_a_register_variable_in_the_then_branch():
    i = Interpreter()
    i.eval("(define (f n) (if (< n 2) 'small n))")
    i.eval("(define (g n) (if (< n 2) (begin (set! n 5) n) n))")
    assert "RETLTI" not in opnames(code_of(i, "f"))
    assert "RETLTI" not in opnames(code_of(i, "g"))
    assert i.eval("(list (f 1) (f 3) (g 1) (g 3))") == [Symbol("small"), 3, 5, 3]


# -- CALLG1I ----------------------------------------------------------------

def test_call_with_offset_argument_agrees_with_the_plain_code():
    i = Interpreter()
    i.eval("(define (id x) x) (define (f n) (list (id (- n 1)) (id (+ n 2))))")
    assert "CALLG1I" in opnames(code_of(i, "f"))
    assert i.eval("(f 10)") == [9, 12]
    assert i.eval("(f 0.5)") == [-0.5, 2.5]
    assert i.eval("(f (expt 2 80))") == [2 ** 80 - 1, 2 ** 80 + 2]
    assert i.eval("(f 1/2)") == [i.eval("-1/2"), i.eval("5/2")]   # the out-of-line path


def test_call_with_offset_argument_of_other_callees():
    i = Interpreter()
    i.eval("""
      (define (va . xs) xs)
      (define (two a b) a)
      (define g #f)
      (define (f n) (g (- n 1)))""")
    i.eval("(set! g va)")
    assert i.eval("(f 5)") == [4]
    i.eval("(set! g abs)")
    assert i.eval("(f -5)") == 6
    i.eval("(set! g two)")
    assert error_kind(i, "(f 5)") == "arity-error"


def test_call_with_offset_argument_errors_point_at_the_arithmetic():
    i = Interpreter()
    i.eval_text("(define (id x) x)\n(define (f n)\n  (list (id (- n 1))))", "t.scm")
    with pytest.raises(ElleError) as info:
        i.eval("(f 'a)")
    err = info.value
    assert err.kind == "type-error" and str(err.loc) == "t.scm:3:13"
    assert error_kind(i, "(f)") == "arity-error"


def test_call_with_offset_argument_backtrace_points_at_the_call():
    i = Interpreter()
    i.eval_text("(define (f n)\n  (if (= n 0) (car n) (list (f (- n 1)))))", "t.scm")
    with pytest.raises(ElleError) as info:
        i.eval("(f 3)")
    bt = info.value.backtrace
    assert bt[0][0] == "f" and str(bt[0][1]) == "t.scm:2:15"
    assert str(bt[1][1]) == "t.scm:2:29"          # the recursive call, x3 folded


def test_call_with_offset_argument_in_jit_mode_and_redefinition():
    i = Interpreter(jit=True)
    i.eval("(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))")
    assert i.eval("(fib 22)") == 17711
    j = Interpreter()
    j.eval("(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))")
    assert j.eval("(fib 10)") == 55
    j.eval("(define (- a b) (+ a b 0))")        # fib now never reaches a base case...
    assert "CALLG1I" not in opnames(code_of(j, "fib"))
    j.eval("(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))")
    assert j.eval("(fib -1)") == -1


# -- ADDI / SUBI share one handler: SUBI adds -k --------------------------------

def test_subtracting_an_immediate_is_adding_its_negation_except_zero():
    i = Interpreter()
    i.eval("(define (id x) x)"
           "(define (f x) (list (- x 1) (- x 0) (+ x 0) (id (- x 0)) (id (- x 3))))")
    assert opnames(code_of(i, "f"))[:3] == ["SUBI", "CONST", "SUB"]
    z = i.eval("(f -0.0)")
    assert [str(v) for v in z] == ["-1.0", "-0.0", "0.0", "-0.0", "-3.0"]
    assert i.eval("(f (expt 2 64))") == [2 ** 64 - 1, 2 ** 64, 2 ** 64, 2 ** 64, 2 ** 64 - 3]
    assert "SUBI    r" in disassemble(code_of(i, "f")) and " 1 <" in disassemble(code_of(i, "f"))


def test_call_with_offset_argument_depth_limit_and_deep_recursion():
    i = Interpreter(config=Config(max_depth=3000))
    i.eval("(define (d n) (+ 1 (d (- n 1))))")
    assert error_kind(i, "(d 1)") == "recursion-depth"
    assert i.eval("(define (c n) (if (= n 0) 0 (+ 1 (c (- n 1))))) (c 2900)") == 2900


def test_multi_shot_reentry_through_offset_calls_and_addret():
    i = Interpreter()
    i.eval("""
      (define k #f)
      (define count 0)
      (define (f x) (if (< x 1) (call/cc (lambda (c) (set! k c) 0)) (+ x (f (- x 1)))))
      (define results '())
      (set! results (cons (f 3) results))
      (set! count (+ count 1))
      (if (< count 3) (k count))""")
    assert i.eval("results") == [8, 7, 6]


def test_addition_of_negative_zeros_is_ieee_in_every_path():
    # -0.0 + -0.0 is -0.0: the inline ADD / ADDRET, the + primitive (apply,
    # three arguments) and the JIT all agree.
    for jit in (False, 1):
        i = Interpreter(jit=jit)
        i.eval("(define (add a b) (+ a b)) (define (add2 a b) (let ((s (+ a b))) s))")
        for form, want in (("(add -0.0 -0.0)", "-0.0"), ("(add2 -0.0 -0.0)", "-0.0"),
                           ("(apply + '(-0.0 -0.0))", "-0.0"), ("(+ -0.0 -0.0 -0.0)", "-0.0"),
                           ("(+ -0.0)", "-0.0"), ("(add -0.0 0.0)", "0.0"),
                           ("(add 1.5 -0.0)", "1.5")):
            for _ in range(2):
                assert str(i.eval(form)) == want, (jit, form)


def test_one_argument_calls_of_primitives_and_settled_closures():
    # CALLG1/CALL1 inline a plain primitive (also one answering with a tail
    # call, like (apply f '())) and, with the JIT on, a closure the JIT left in
    # the VM. (apply f) without the list is an arity error (R7RS), also there.
    src = """
    (define (g f) (+ 1 (apply f '())))
    (define (g1 f) (apply f))
    (define (len1 x) (length x))
    (define (show x) (string->symbol "s") x)
    (define (count-up n) (if (= n 0) 0 (+ 1 (count-up (- n (show 1))))))"""
    for jit in (False, 1):
        i = Interpreter(jit=jit)
        i.eval(src)
        assert i.eval("(g (lambda () 41))") == 42
        with pytest.raises(ElleError, match="apply: expected at least 2 arguments"):
            i.eval("(g1 (lambda () 41))")
        assert i.eval("(len1 '(1 2 3))") == 3
        assert i.eval("(list (len1 '()) (len1 '(a)))") == [0, 1]
        with pytest.raises(ElleError, match="length: expected a proper list"):
            i.eval("(len1 5)")
        for _ in range(3):
            assert i.eval("(count-up 5)") == 5       # show makes a symbol: left in the VM
        if jit:
            c = i.jit.stats.counters()
            assert c["bytecode-calls-complete"]

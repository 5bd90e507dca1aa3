"""Compiler: fused instructions, integration of primitives and its undoing."""

from elle import Interpreter
from elle.datum import Symbol
from elle.disasm import disassemble

from bytecode_helpers import code_of, opnames


def test_fib_uses_fused_return_call_and_add_instructions():
    i = Interpreter()
    i.eval("(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))")
    ops = opnames(code_of(i, "fib"))
    # the base case returns in one instruction; both calls compute their
    # argument themselves, with the plain code out of line after the body
    assert ops == ["RETLTI", "CALLG1I", "CALLG1I", "ADDRET",
                   "SUBI", "CALLG1", "JMP", "SUBI", "CALLG1", "JMP"]


def test_named_let_loop_is_a_self_tail_call():
    i = Interpreter()
    i.eval("(define (f n) (let loop ((i 0) (acc 0)) (if (= i n) acc (loop (+ i 1) (+ acc i)))))")
    loop = code_of(i, "f").children[0]
    assert "TSCALL" in opnames(loop)


def test_redefining_an_integrated_primitive_recompiles_its_users():
    i = Interpreter()
    i.eval("(define (add a b) (+ a b))")
    assert "ADDRET" in opnames(code_of(i, "add"))
    i.eval("(define (+ a b) (list 'plus a b))")
    assert "ADDRET" not in opnames(code_of(i, "add"))
    assert i.eval("(add 1 2)") == [Symbol("plus"), 1, 2]


def test_disassembler_names_globals_registers_and_locations():
    i = Interpreter()
    i.eval_text("(define (g x) (car (h x)))", "prog.scm")
    text = disassemble(code_of(i, "g"))
    assert "code g: 1 params" in text
    assert "CALLG" in text and " h " in text
    assert "prog.scm:1:" in text


def test_if_not_swaps_the_branches_while_not_is_the_builtin():
    i = Interpreter()
    i.eval("(define (f x y) (if (not (< y x)) 'a 'b))")
    ops = opnames(code_of(i, "f"))
    assert ops[0] == "JNLT" and "JT" not in ops and "CMP" not in ops
    assert [i.eval("(f 1 2)"), i.eval("(f 2 1)"), i.eval("(if (not (not #f)) 1 2)")] == [
        Symbol("a"), Symbol("b"), 2]
    i.eval("(define (not x) x)")
    assert "JNLT" not in opnames(code_of(i, "f"))
    assert [i.eval("(f 1 2)"), i.eval("(f 2 1)")] == [Symbol("b"), Symbol("a")]


def test_every_opcode_has_a_disassembler_layout():
    from elle.bytecode import OPNAMES
    from elle.disasm import _LAYOUT
    assert set(_LAYOUT) == set(OPNAMES)

"""Tier 2 reads what it compiles from the primitives' own declarations
(`@primitive(..., native=FAMILY)`): every declared family has a typing rule
and an emitter, and the arity is the primitive's."""

import pytest

from elle.api import Interpreter
from elle.jit import emit_ops, ops
from elle.primitives import load_all


def test_every_declared_family_has_a_typing_rule_and_an_emitter():
    declared = {p.native for p in load_all().values() if getattr(p, "native", None)}
    assert declared == set(ops.FAMILY_TYPING) == set(emit_ops._FAMILIES)


def test_ops_take_their_arity_from_the_declaration():
    prims = load_all()
    for name, op in ops.OPS.items():
        assert (op.min_args, op.max_args) == (prims[name].min_args, prims[name].max_args)
    assert "car" not in ops.OPS            # declared without a family: never native


def test_an_alias_is_compiled_as_its_primitive():
    i = Interpreter(jit=1)
    i.eval("(define (f n) (let loop ((k 0) (s 0.0)) (if (= k n) s (loop (+ k 1) (+ s (exact->inexact k))))))")
    assert i.eval("(f 10)") == 45.0
    assert any(name == "f" for name, _, _ in i.jit.stats.compiled)


@pytest.mark.parametrize("expr,want", [("(log 8.0 2.0)", 3.0), ("(log 1.0)", 0.0)])
def test_log_with_a_base_stays_in_the_vm_and_agrees(expr, want):
    i = Interpreter(jit=1)
    i.eval(f"(define (f x) (let loop ((k 0) (s 0.0)) (if (= k 2) s (loop (+ k 1) {expr}))))")
    assert i.eval("(f 1.0)") == pytest.approx(want)
    compiled = [name for name, _, _ in i.jit.stats.compiled]
    if "8.0 2.0" in expr:
        assert "f" not in compiled and "log with a base" in i.jit.stats.rejected["f"]
    else:
        assert "f" in compiled

"""Tiers 1 and 2 together (the default): who runs what, and that results,
errors and depth limits stay the VM's.

Tier 2 decides first (it profiles a procedure's first calls at ENTER); tier 1
takes what tier 2 rejects, and tier-1 code calls native code directly.
"""

from __future__ import annotations

import pytest

from elle import bytecode as B
from elle import config
from elle.api import Interpreter
from elle.errors import ElleError

pytestmark = pytest.mark.filterwarnings("ignore")


def interp(tiers: str, **kw) -> Interpreter:
    cfg = config.from_environ()
    config.parse_tiers(tiers, cfg)
    cfg.jit_cache = "off"
    cfg.jit_threshold = 3
    cfg.tier1_threshold = 2
    for k, v in kw.items():
        setattr(cfg, k, v)
    return Interpreter(config=cfg)


def run(tiers: str, src: str, **kw):
    i = interp(tiers, **kw)
    try:
        return i, ("value", repr(i.eval_text(src, "<tiers>")))
    except ElleError as e:
        return i, ("error", e.kind, e.loc.line if e.loc else None)


KERNEL = """
(define (poly x y)
  (let loop ((k 0) (s (* x x)))
    (if (= k 3) (+ s (* 3 y)) (loop (+ k 1) (+ s k)))))
(define (walk xs acc)
  (if (null? xs) acc (walk (cdr xs) (+ acc (poly (car xs) 2)))))
(define (go n) (let loop ((i 0) (t 0)) (if (= i n) t (loop (+ i 1) (walk (list i 1 2 3) t)))))
"""


def test_tier1_code_calls_native_code():
    i, got = run("1,2", KERNEL + "(go 200)")
    _, want = run("vm", KERNEL + "(go 200)")
    assert got == want
    poly = i.globals.lookup("poly").code
    walk = i.globals.lookup("walk").code
    assert poly.jit_entry is not None                  # tier 2 compiled the numeric one
    assert walk.jit_entry is None and walk.t1 is not i.tier1.t1_stub   # tier 1 the list one
    assert poly.t1 is not i.tier1.t1_stub and poly.t1.__name__ == "t1"   # native, from tier 1
    assert i.jit.stats.native_call_sources and sum(
        f() for f in i.jit.stats.native_call_sources) > 0


def test_a_small_leaf_stays_in_tier_1():
    src = "(define (tri x) (* x 3)) (define (go n) (let loop ((i 0) (s 0)) (if (= i n) s (loop (+ i 1) (+ s (tri i))))))"
    i, got = run("1,2", src + "(go 100)")
    assert got == run("vm", src + "(go 100)")[1]
    tri = i.globals.lookup("tri").code
    assert tri.jit_entry is None and tri.t1.__name__ != "t1"      # tier 1's own function
    assert any(name == "tri" and "leaf" in why for name, why in i.jit.stats.rejected.items())
    j = interp("2")
    j.eval_text(src + "(go 100)", "<tiers>")
    assert j.globals.lookup("tri").code.jit_entry is not None     # without tier 1 it pays


def test_jit_compile_of_a_small_leaf_is_obeyed():
    # the leaf rule is tier 2's judgement of hot code, not a veto on a request
    i = interp("1,2")
    i.eval_text("(define (tri x) (* x 3)) (tri 1)", "<tiers>")
    assert i.eval_text("(jit-compile tri)", "<tiers>") is True
    assert i.globals.lookup("tri").code.jit_entry is not None
    assert i.eval_text("(tri 14)", "<tiers>") == 42


def test_a_bail_out_under_tier_1_gives_the_same_result():
    src = KERNEL + """
    (define (mixed n) (let loop ((i 0) (t 0))
      (if (= i n) t (loop (+ i 1) (+ t (poly (if (odd? i) 1.5 i) (expt 2 (* i 3))))))))
    (list (go 50) (mixed 60))"""
    _, got = run("1,2", src)
    _, want = run("vm", src)
    assert got == want


def test_errors_in_native_callees_are_the_vms():
    src = KERNEL + "(go 50) (walk (list 1 2 'x) 0)"
    assert run("1,2", src)[1] == run("vm", src)[1] == ("error", "type-error", 3)


def test_a_low_depth_limit_holds_in_every_tier():
    src = "(define (f n) (if (= n 0) 0 (+ 1 (f (- n 1))))) (f 10) (f 10) (f 10) (f 5000)"
    outcomes = {t: run(t, src, max_depth=1000)[1] for t in ("vm", "1", "2", "1,2")}
    assert set(outcomes.values()) == {("error", "recursion-depth", 1)}, outcomes


def test_the_entry_hook_is_only_there_when_a_tier_is():
    src = "(define (f x) x) f"
    for tiers, first in (("vm", None), ("1", B.ENTER), ("2", B.ENTER), ("1,2", B.ENTER)):
        i = interp(tiers)
        code = i.eval_text(src, "<t>").code
        op = code.ops[0][0]
        assert (op == B.ENTER) == (first == B.ENTER), tiers


def test_llvm_is_not_loaded_for_code_tier_2_rejects():
    i, _ = run("1,2", "(define (f l) (if (null? l) 0 (+ 1 (f (cdr l))))) (f '(1 2 3)) "
                      "(f '(1 2 3)) (f '(1 2 3)) (f '(1 2))")
    assert not i.jit.backend.started


def test_stats_name_what_each_tier_compiled():
    i, _ = run("1,2", KERNEL + "(go 100)")
    t1 = i.tier1.stats.report()
    assert "compiled walk in" in t1 and "ms after start" in t1
    assert "poly(fix, fix) -> fix" in i.jit.stats.report()


def test_llvm_waits_for_a_procedure_called_often_with_the_default_threshold():
    """The first compilation loads LLVM (~100 ms): with the default
    threshold it waits for a candidate called FIRST_COMPILE_CALLS times,
    so a short program does not pay for it; an explicit threshold holds."""
    from elle.jit.coordinator import FIRST_COMPILE_CALLS
    src = "(define (sq x) (let loop ((i 0) (s 0)) (if (= i 3) s (loop (+ i 1) (+ s (* x x))))))"
    i = interp("1,2", jit_threshold=None)
    i.eval_text(src + "(let rep ((k 0)) (if (< k 100) (begin (sq k) (rep (+ k 1)))))", "<t>")
    assert not i.jit.backend.started            # (a few hundred entries of each)
    assert i.eval_text(f"(let rep ((k 0) (t 0)) (if (< k {FIRST_COMPILE_CALLS}) "
                       f"(rep (+ k 1) (+ t (sq 3))) t))", "<t>") == 27 * FIRST_COMPILE_CALLS
    assert i.jit.backend.started and "-> fix" in i.jit.stats.report()
    j = interp("1,2")                     # jit_threshold = 3
    j.eval_text(src + "(sq 1) (sq 2) (sq 3) (sq 4)", "<t>")
    assert j.jit.backend.started and "-> fix" in j.jit.stats.report()

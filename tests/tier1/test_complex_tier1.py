"""Tier 1 and complex numbers: its inlined fast paths test `type(x) is int`
or `float`, so complex values fall through to the generic primitives; at
threshold 1 every procedure runs as tier-1 code and must agree with the VM."""

import pytest

from elle import Interpreter, config


def test_tier1_at_threshold_1_agrees_with_the_vm():
    src = """(define (sq x) (* x x))
             (define (lt a b) (< a b))
             (define (acc n z) (let loop ((k 0) (s 0)) (if (= k n) s (loop (+ k 1) (+ s z)))))"""
    exprs = ["(sq 3)", "(sq 1.5)", "(sq +i)", "(sq 1/2-1/2i)", "(acc 4 +i)", "(acc 3 0.5+0.5i)",
             "(acc 2 3)", "(eqv? (sq -0.0+1.0i) -1.0-0.0i)"]
    results = []
    for tier1 in (False, True):
        cfg = config.from_environ()
        cfg.tier1 = tier1
        if tier1:
            cfg.tier1_threshold = 1
        i = Interpreter(jit=False, config=cfg)
        i.eval(src)
        results.append([i.eval(e) for e in exprs])
        if tier1:
            with pytest.raises(Exception) as info:
                i.eval("(lt +i 1)")
            assert "real number" in str(info.value)
    assert results[0] == results[1]

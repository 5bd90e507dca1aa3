"""Property: the VM alone, tier 1 (threshold 1) and tiers 1 and 2 together
(the default, at thresholds 1 and 2) agree on generated programs.

Programs mix lists, strings, complex numbers, closures over assigned variables, internal
defines, non-tail and tail recursion, call/cc escapes, guard, dynamic-wind
and redefinition of a global between calls; each runs in both tiers and the
printed results or error kinds must be identical.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from elle import config
from elle.api import Interpreter
from elle.errors import ElleError
from elle.printer import write_string

ATOMS = ["x", "n", "acc", "1", "0", "-3", "'()", "'(1 2)", '"ab"', "#t", "#f", "2.5", "1+i",
         "-0.5+2.0i"]


def exprs(depth):
    atom = st.sampled_from(ATOMS)
    if depth == 0:
        return atom
    sub = exprs(depth - 1)
    return st.one_of(
        atom,
        st.builds(lambda a, b: f"(cons {a} {b})", sub, sub),
        st.builds(lambda a: f"(car {a})", sub),
        st.builds(lambda a: f"(cdr {a})", sub),
        st.builds(lambda a, b: f"(+ {a} {b})", sub, sub),
        st.builds(lambda a, b: f"(- {a} {b})", sub, sub),
        st.builds(lambda a, b, c: f"(if {a} {b} {c})", sub, sub, sub),
        st.builds(lambda a: f"(length {a})", sub),
        st.builds(lambda a: f"(helper {a})", sub),
        st.builds(lambda a: f"(num {a} 2)", sub),          # numeric: tier 2 compiles it
        st.builds(lambda a: f"(string-append \"s\" {a})", sub),
        st.builds(lambda a, b: f"(let ((x {a})) {b})", sub, sub),
        st.builds(lambda a: f"((lambda (y) (set! acc y) acc) {a})", sub),
        st.builds(lambda a: f"(call/cc (lambda (k) (+ 1 (k {a}))))", sub),
        st.builds(lambda a, b: f"(guard (e (#t {b})) {a})", sub, sub),
        st.builds(lambda a: f"(dynamic-wind (lambda () (emit! 'in)) (lambda () {a}) "
                            f"(lambda () (emit! 'out)))", sub),
        st.builds(lambda a: f"(map (lambda (z) (cons z {a})) '(1 2))", sub),
    )


@st.composite
def programs(draw):
    body = draw(exprs(3))
    helper = draw(exprs(2)).replace("(helper ", "(list ")
    shape = draw(st.sampled_from(["plain", "loop", "recursive"]))
    if shape == "plain":
        f = f"(define (f x n) (define acc 0) {body})"
    elif shape == "loop":
        f = (f"(define (f x n) (let loop ((i 0) (acc '())) "
             f"(if (= i 3) acc (loop (+ i 1) (cons (let ((n i)) {body}) acc)))))")
    else:
        f = (f"(define (f x n) (define acc 1) (if (and (integer? n) (> n 0)) "
             f"(cons n (f x (- n 1))) {body}))")
    redefine = draw(st.booleans())
    calls = draw(st.lists(st.sampled_from(["1", "'(a b)", '"s"', "2"]), min_size=1, max_size=3))
    src = ["(define (num a b) (if (< a 100) (+ (* a 3) b) (- a b)))",
           f"(define (helper x) {helper})", f]
    for k, arg in enumerate(calls):
        src.append(f"(emit! (f {arg} 2))")
        if redefine and k == 0:
            src.append("(define (helper x) (list x x))")
    return src


def run(src, tier1, tier2=False):
    cfg = config.from_environ()
    cfg.jit, cfg.tier1, cfg.tier1_threshold = tier2, tier1, 1
    cfg.jit_threshold, cfg.jit_cache = 2, "off"
    i = Interpreter(config=cfg)
    out = []
    i.define("emit!", lambda x: out.append(write_string(x)))
    for form in src:
        try:
            i.eval_text(form, "<gen>")
        except ElleError as e:
            out.append(("error", e.kind))
    return out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_vm_and_tier1_agree(src):
    assert run(src, False) == run(src, True), "\n".join(src)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_vm_and_both_tiers_agree(src):
    assert run(src, False) == run(src, True, tier2=True), "\n".join(src)

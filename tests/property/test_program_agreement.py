"""Property: larger generated programs agree in the VM alone and in tier 1.

The programs are shaped like the ones that found tier and compiler bugs in
real code: a driver procedure with many internal defines, closures over
`set!` variables (counters, accumulators, a procedure variable that is
reassigned), `letrec`-bound local procedures called from inside lambdas,
named-`let` loops, nested `guard`s (one that handles, one that re-raises),
`raise`, call/cc escapes, `eval`, and globals that shadow built-in names
(`length`, `list`, `car`, `+`, ...) -- defined before the driver, or
between its runs, so code compiled with the built-in inlined is recompiled
while closures made by the old code are still alive. The driver runs
several times, with tier 1's threshold drawn from 1 (everything compiled on
its first entry) to 7 (procedures move from the VM to tier 1 part-way
through a run), and every run's printed value or error kind must be
identical in both tiers; an "internal-error" is a failure in either. Each
generated procedure spends a unit of fuel, so a program that would loop
for ever raises `out-of-fuel` instead, identically in every tier.

What it found: "internal-error: 'Closure' object has no attribute 'value'"
in every tier, from an internal procedure named by an earlier one before
its definition (so boxed) that calls itself from a lambda in its own body
(the lambda captured the bare closure; see `compiler` `closure` and
tests/vm/test_vm.py). The generator makes that shape often on purpose:
forward references between the procedures, every procedure called once
per run, and recursion through a lambda early in a run. A failure takes
minutes to shrink; a pass takes seconds.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from elle import config
from elle.api import Interpreter
from elle.errors import ElleError
from elle.printer import write_string
from elle.values import Primitive, unspecified

# Built-ins a program may shadow: a wrapper that behaves the same (so the
# program goes on) or one that does something else.
REDEFINITIONS = [
    "(define length (let ((orig length)) (lambda (l) (orig l))))",
    "(define (length l) (if (pair? l) (+ 1 (length (cdr l))) 0))",
    "(define (length l) 7)",
    "(define list (lambda xs xs))",
    "(define car (let ((orig car)) (lambda (p) (if (pair? p) (orig p) 'no-car))))",
    "(define cdr (let ((orig cdr)) (lambda (p) (if (pair? p) (orig p) '()))))",
    "(define + (let ((orig +)) (lambda args (apply orig args))))",
    "(define (not x) (if x #f #t))",
    "(define null? (let ((orig null?)) (lambda (x) (orig x))))",
    "(define (reverse l) (let loop ((l l) (r '())) (if (pair? l) (loop (cdr l) (cons (car l) r)) r)))",
    "(define cons (let ((orig cons)) (lambda (a b) (orig a b))))",
    "(define (pair? x) #f)",
]

EVALS = ["'(+ 1 2)", "'(length (list 1 2 3))", "'(car (cons 'a 'b))", "'(g-bump!)",
         "'(car 5)", "'(reverse (list 1 2))",
         # redefinitions while the driver runs: code it is running is recompiled
         "'(define length (let ((orig length)) (lambda (l) (orig l))))",
         "'(define (not x) (if x #f #t))",
         "'(define cons (let ((orig cons)) (lambda (a b) (orig a b))))"]


class Scope:
    """The names an expression may use: values and callable locals."""

    def __init__(self, values, procs, assignable, current=None):
        self.values = tuple(values)          # variables holding any value
        self.procs = tuple(procs)            # (name, arity) of local procedures
        self.assignable = tuple(assignable)  # variables it may set!
        self.current = current               # (name, arity) of the procedure being defined

    def with_value(self, name, assignable=True):
        return Scope(self.values + (name,), self.procs,
                     self.assignable + ((name,) if assignable else ()), self.current)


def expr(draw, scope: Scope, depth: int) -> str:
    """One expression over `scope`, at most `depth` levels deep."""
    atoms = list(scope.values) + ["0", "1", "2", "-1", "'()", "'(1 2)", "'a", '"s"', "#f"]
    if depth <= 0 or draw(st.integers(0, 5)) == 0:
        return draw(st.sampled_from(atoms))
    d = depth - 1
    sub = lambda s=scope: expr(draw, s, d)  # noqa: E731
    kind = draw(st.sampled_from([
        "arith", "cons", "car", "if", "let", "set", "call", "call", "lambda-call",
        "map", "guard", "guard-reraise", "raise", "callcc", "eval", "tick", "push",
        "builtin", "loop", "begin", "letrec", "set-proc", "proc-in-lambda", "escape",
        "abort", "nested-define", "vector", "apply", "self-in-lambda", "self-in-lambda",
        "string"]))
    if kind == "arith":
        op = draw(st.sampled_from(['+', '-']))
        if draw(st.booleans()):
            return f"({op} {sub()} {sub()})"
        return f"(let ((x {sub()}) (y {sub()})) (if (and (number? x) (number? y)) ({op} x y) (list x y)))"
    if kind == "cons":
        return f"(cons {sub()} {sub()})"
    if kind == "car":
        return f"(let ((p {sub()})) (if (pair? p) (car p) p))"
    if kind == "if":
        return f"(if {sub()} {sub()} {sub()})"
    if kind == "let":
        v = f"v{depth}"
        return f"(let (({v} {sub()})) {sub(scope.with_value(v))})"
    if kind == "set" and scope.assignable:
        v = draw(st.sampled_from(scope.assignable))
        return f"(begin (set! {v} {sub()}) {v})"
    if kind == "set-proc" and scope.procs:
        name, arity = draw(st.sampled_from(scope.procs))
        params = " ".join(f"q{depth}{j}" for j in range(arity))
        return f"(begin (set! {name} (lambda ({params}) (list '{name} {sub()}))) ({name}{' 1' * arity}))"
    if kind == "call" and scope.procs:
        name, arity = draw(st.sampled_from(scope.procs))
        return f"({name}{''.join(' ' + sub() for _ in range(arity))})"
    if kind == "lambda-call":
        v = f"l{depth}"
        return f"((lambda ({v}) {sub(scope.with_value(v))}) {sub()})"
    if kind == "map":
        v = f"m{depth}"
        return f"(map (lambda ({v}) {sub(scope.with_value(v, False))}) '(1 2))"
    if kind == "guard":
        return f"(guard (e (#t (list 'caught {sub()}))) {sub()})"
    if kind == "guard-reraise":
        return (f"(guard (e ((symbol? e) (list 'outer e))) "
                f"(guard (e ((string? e) 'inner)) {sub()}))")
    if kind == "raise":
        return f"(if {sub()} (raise 'oops) {sub()})"
    if kind == "callcc":
        return f"(call/cc (lambda (k) (+ 1 (k {sub()}))))"
    if kind == "eval":
        return f"(eval {draw(st.sampled_from(EVALS))} (interaction-environment))"
    if kind == "tick":
        return "(tick)"
    if kind == "push":
        return f"(push! {sub()})"
    if kind == "builtin":
        name = draw(st.sampled_from(["length", "reverse", "list", "null?", "not"]))
        if name == "list":
            return f"(list {sub()} {sub()})"
        if name in ("length", "reverse"):
            return f"(let ((x {sub()})) (if (list? x) ({name} x) x))"
        return f"({name} {sub()})"
    if kind == "loop":
        v = f"i{depth}"
        return (f"(let loop ((i 0) (r {sub()})) "
                f"(if (< i 2) (loop (+ i 1) {sub(scope.with_value('r').with_value(v, False))}) r))"
                ).replace(v, "i")
    if kind == "proc-in-lambda" and scope.procs:
        name, arity = draw(st.sampled_from(scope.procs))
        return f"(let ((th (lambda () ({name}{''.join(' ' + sub() for _ in range(arity))})))) (th))"
    if kind == "self-in-lambda" and scope.current:
        # the procedure calling itself from a lambda inside its own body
        name, arity = scope.current
        args = "".join(" " + sub() for _ in range(arity))
        return draw(st.sampled_from([f"((lambda () ({name}{args})))",
                                     f"(map (lambda (s) ({name}{args})) '(1))",
                                     f"(guard (e (#t 'again)) ({name}{args}))"]))
    if kind == "escape":
        return f"(with-escape (lambda () {sub()}))"
    if kind == "abort":
        return f"(if {sub()} (escape! 'aborted) {sub()})"
    if kind == "nested-define":
        y = f"y{depth}"
        inner = scope.with_value(y)
        return (f"((lambda () (define (h{depth} {y}) {sub(inner)}) (define z{depth} {sub()}) "
                f"(h{depth} z{depth})))")
    if kind == "vector":
        return f"(let ((vec (make-vector 2 {sub()}))) (vector-set! vec 1 {sub()}) (vector->list vec))"
    if kind == "string":
        # a mutated string (elle.datum.MString's character list) read every way
        return (f"(let ((s (make-string 3 #\\a)) (x {sub()})) "
                f"(string-set! s (if (and (exact-integer? x) (< -1 x 3)) x 0) #\\b) "
                f"(do ((i 1 (+ i 1))) ((= i 3)) (string-set! s i (string-ref \"xyz\" i))) "
                f"(string-copy! s 1 (if (string? x) x \"zz\") 0 "
                f"(if (string? x) (min 1 (string-length x)) 2)) "
                f"(list (string-ref s 0) (substring s 1 3) (string-append s \"!\") (string-length s) "
                f"(begin (string-fill! s #\\q 2) s) {sub()}))")
    if kind == "apply" and scope.procs:
        name, arity = draw(st.sampled_from(scope.procs))
        return f"(apply {name} (list{''.join(' ' + sub() for _ in range(arity))}))"
    if kind == "letrec":
        return (f"(letrec ((ev? (lambda (n) (if (= n 0) #t (od? (- n 1)))))"
                f" (od? (lambda (n) (if (= n 0) #f (ev? (- n 1))))))"
                f" (if (ev? 4) {sub()} {sub()}))")
    return f"(begin {sub()} {sub()})"


@st.composite
def programs(draw):
    """A list of toplevel forms; each `(emit! ...)` records one result."""
    top = Scope(["input", "counter"], [], ["counter"])
    forms = ["(define g-count 0)",
             "(define (g-bump!) (set! g-count (+ g-count 1)) g-count)",
             "(define (make-counter) (define n 0) (lambda () (set! n (+ n 1)) n))",
             # every generated procedure spends fuel: a program that would
             # loop for ever raises instead, the same way in every tier
             "(define fuel 0)",
             "(define (fuel!) (set! fuel (- fuel 1)) (if (< fuel 0) (raise 'out-of-fuel)))",
             # an escape through a continuation kept in a global, as
             # exception handling is written in portable R7RS programs
             "(define escape! (lambda (v) (raise 'no-escape)))",
             "(define (with-escape proc) (let ((old escape!)) (let ((val (call/cc "
             "(lambda (k) (set! escape! k) (proc))))) (fuel!) (set! escape! old) val)))"]
    forms += draw(st.lists(st.sampled_from(REDEFINITIONS), max_size=2))
    defines = ["(define tick (make-counter))",
               "(define acc '())",
               "(define counter 0)",
               "(define (push! x) (set! acc (cons x acc)) x)"]
    scope = Scope(top.values + ("acc",), [], top.assignable + ("acc",))
    arities = draw(st.lists(st.integers(0, 2), min_size=2, max_size=4))
    procs = [(f"f{k}", n) for k, n in enumerate(arities)]
    forward = draw(st.integers(0, 3)) > 0   # may a procedure call the ones defined after it?
    for k, (name, arity) in enumerate(procs):
        params = [f"a{k}{j}" for j in range(arity)]
        visible = procs if forward else procs[:k]
        body_scope = Scope(scope.values + tuple(params), tuple(visible),
                           scope.assignable + tuple(params), (name, arity))
        body = expr(draw, body_scope, 3)
        if draw(st.booleans()):
            # recursion through a lambda, early in every run (fuel bounds it)
            args = "".join(" " + expr(draw, body_scope, 1) for _ in range(arity))
            inner = draw(st.sampled_from([f"((lambda () ({name}{args})))",
                                          f"(map (lambda (s) ({name}{args})) '(1))",
                                          f"(guard (e (#t 'again)) ({name}{args}))"]))
            body = f"(begin (if (> fuel 280) {inner} #f) {body})"
        if forward and k + 1 < len(procs):
            # name the next procedure before it is defined (so it is boxed)
            nxt, n = procs[k + 1]
            body = f"(if (eq? input 'never) ({nxt}{' 0' * n}) {body})"
        defines.append(f"(define ({name}{''.join(' ' + p for p in params)}) (fuel!) {body})")
    scope = Scope(scope.values, tuple(procs), scope.assignable)
    if procs and draw(st.booleans()):
        # a procedure variable reassigned after closures over it exist
        name, arity = procs[0]
        params = " ".join(f"z{j}" for j in range(arity))
        defines.append(f"(define keep (lambda () ({name}{' 0' * arity})))")
        defines.append(f"(set! {name} (lambda ({params}) (list 'replaced (tick))))")
        scope = Scope(scope.values + ("keep",), scope.procs + (("keep", 0),), scope.assignable)
    body = expr(draw, scope, 4)
    result = expr(draw, scope, 2)
    each = " ".join(f"(lambda () ({name}{' 1' * arity}))" for name, arity in procs)
    forms.append(f"(define (run input) {' '.join(defines)} "
                 f"(let ((v {body})) (list v {result} (reverse acc) (tick) "
                 f"(map (lambda (th) (guard (e (#t 'failed)) (th))) (list {each})))))")
    runs = draw(st.lists(st.sampled_from(["1", "'(1 2)", '"s"', "'()"]), min_size=2, max_size=6))
    later = draw(st.lists(st.sampled_from(REDEFINITIONS + [
        "(set! make-counter (let ((orig make-counter)) (lambda () (orig))))",
        "(define (fuel!) (set! fuel (- fuel 2)) (if (< fuel 0) (raise 'out-of-fuel)))"]),
        max_size=2))
    for k, arg in enumerate(runs):
        # (a continuation left in escape! by an earlier run is not re-entered)
        forms.append("(begin (set! fuel 300) (set! escape! (lambda (v) (raise 'no-escape))))")
        forms.append(f"(emit! (run {arg}))")
        if k == 0:
            forms.extend(later)
    forms.append("(emit! g-count)")
    return forms


def run(forms, tier1: bool, threshold: int = 1):
    cfg = config.from_environ()
    cfg.jit, cfg.tier1, cfg.tier1_threshold = False, tier1, threshold
    cfg.max_depth = 3_000
    i = Interpreter(config=cfg)
    out = []

    def emit(x):            # the Elle value itself, printed: no conversion
        out.append(write_string(x))
        return unspecified
    i.globals.define("emit!", Primitive("emit!", emit, 1, 1))
    for form in forms:
        try:
            i.eval_text(form, "<gen>")
        except ElleError as e:
            assert e.kind != "internal-error", f"{'tier 1' if tier1 else 'VM'}: {e}"
            out.append(("error", e.kind))
    return out


def check_agreement(forms, threshold):
    assert run(forms, False) == run(forms, True, threshold), "\n".join(forms)


# derandomize: the same examples on every run, so a failure is reproducible
# and the test is deterministic; the slow variant explores further.
@settings(max_examples=80, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(programs(), st.sampled_from([1, 1, 2, 3, 7]))
def test_vm_and_tier1_agree_on_larger_programs(forms, threshold):
    check_agreement(forms, threshold)


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("ELLE_SLOW_TESTS"),
                    reason="exploration run (over 20 minutes in CI): set ELLE_SLOW_TESTS=1")
@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(programs(), st.sampled_from([1, 2, 3, 5, 7, 20]))
def test_vm_and_tier1_agree_on_many_larger_programs(forms, threshold):
    check_agreement(forms, threshold)

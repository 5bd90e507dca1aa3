"""trace, untrace and time (prelude 50-extras.scm, elle.primitives.tracing),
in every tier: a traced procedure already compiled by tier 1 or tier 2 must
see its global rebound, also in its calls of itself."""

import pytest

from elle import config
from elle.api import Interpreter
from elle.errors import ElleError

FACT = "(define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))"
FACT_TRACE = """(fact 3)
  (fact 2)
    (fact 1)
      (fact 0)
      => 1
    => 1
  => 2
=> 6
"""


def make(tier):
    cfg = config.from_environ()
    cfg.tier1 = tier in ("t1", "default")
    cfg.jit = tier in ("jit1", "default")
    if tier == "jit1":
        pytest.importorskip("llvmlite")
        cfg.jit_threshold = 1
    if tier == "t1":
        cfg.tier1_threshold = 1
    return Interpreter(config=cfg)


def captured(interp, src):
    return interp.eval(f"(with-output-to-string (lambda () {src}))")


@pytest.mark.parametrize("tier", ["vm", "t1", "jit1", "default"])
def test_trace_a_hot_compiled_self_recursive_procedure(tier):
    interp = make(tier)
    interp.eval(FACT)
    interp.eval("(define (count-down i) (if (= i 0) 'done (count-down (- i 1))))")
    for _ in range(60):                 # hot: every tier has compiled it
        interp.eval("(fact 12) (count-down 20)")
    interp.eval("(trace fact)")
    assert captured(interp, "(fact 3)") == FACT_TRACE
    interp.eval("(trace count-down)")
    assert captured(interp, "(count-down 1)") == "(count-down 1)\n  (count-down 0)\n  => done\n=> done\n"
    interp.eval("(untrace fact count-down)")
    assert captured(interp, "(fact 3) (count-down 3)") == ""
    assert interp.eval("(fact 20)") == 2432902008176640000


def test_trace_shows_every_value_and_keeps_them():
    interp = make("vm")
    interp.eval("(define (two x) (values x (* 2 x)))")
    interp.eval("(trace two)")
    assert captured(interp, "(two 4)") == "(two 4)\n=> 4 8\n"
    assert interp.eval("(call-with-values (lambda () (two 5)) list)") == [5, 10]


def test_trace_twice_and_untrace_untraced_are_harmless():
    interp = make("vm")
    interp.eval(FACT)
    interp.eval("(trace fact) (trace fact)")
    assert captured(interp, "(fact 0)") == "(fact 0)\n=> 1\n"
    interp.eval("(untrace fact) (untrace fact)")
    assert captured(interp, "(fact 0)") == ""


def test_trace_depth_recovers_after_an_error():
    interp = make("vm")
    interp.eval("(define (boom x) (if (= x 0) (error \"boom\") (boom (- x 1))))")
    interp.eval("(define (ok) 1)")
    interp.eval("(trace boom ok)")
    interp.eval("(guard (e (#t #f)) (with-output-to-string (lambda () (boom 2))))")
    assert captured(interp, "(ok)") == "(ok)\n=> 1\n"


def test_trace_errors():
    interp = make("vm")
    interp.eval("(define x 5)")
    with pytest.raises(ElleError, match="trace: expected a procedure"):
        interp.eval("(trace x)")
    with pytest.raises(ElleError, match="unbound"):
        interp.eval("(trace no-such-procedure)")


def test_time_returns_the_values_and_reports_on_the_error_port():
    interp = make("vm")
    got = interp.eval("""(let ((err (open-output-string)))
                           (parameterize ((current-error-port err))
                             (let-values (((a b) (time (values 1 2))))
                               (list a b (get-output-string err)))))""")
    a, b, report = got
    assert (a, b) == (1, 2)
    assert report.startswith("; time: ") and "real" in report and "cpu" in report


def test_time_and_trace_are_ordinary_names_when_rebound():
    interp = make("vm")
    assert interp.eval("(let ((time 3) (trace 4)) (+ time trace))") == 7
    interp.eval("(define trace '())")
    assert interp.eval("(begin (set! trace (cons 1 trace)) trace)") == [1]


def test_tracing_the_procedures_the_wrapper_uses_does_not_recurse():
    from support import run_cli
    r = run_cli("-e", "(trace values apply dynamic-wind call-with-values cons)"
                      "(dynamic-wind (lambda () #f)"
                      "  (lambda () (call-with-values (lambda () (values 1 2)) cons))"
                      "  (lambda () #f))")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("(dynamic-wind #<procedure anonymous>")
    assert "    (values 1 2)" in lines and "    => 1 2" in lines
    assert "      (cons 1 2)" in lines or "    (cons 1 2)" in lines
    assert lines[-2:] == ["=> (1 . 2)", "(1 . 2)"]


def test_a_traced_procedure_keeps_its_name():
    interp = make("vm")
    interp.eval("(define (f x) x) (trace f)")
    assert captured(interp, "(write f)").startswith("#<procedure f")


def test_trace_depth_follows_escapes_by_continuation():
    interp = make("vm")
    interp.eval("(define (leave k) (k 'left))")
    interp.eval("(define (ok) 1)")
    interp.eval("(trace leave ok)")
    text = captured(interp, "(call/cc (lambda (k) (leave k))) (ok)")
    assert text == "(leave #<continuation>)\n(ok)\n=> 1\n" or text.endswith("\n(ok)\n=> 1\n")


def test_time_needs_one_expression():
    interp = make("vm")
    for src in ("(time)", "(time 1 2)"):
        with pytest.raises(ElleError, match="time: expected one expression"):
            interp.eval(src)

"""The REPL loop, driven by a list of input lines instead of a terminal."""

import io

from elle.api import Interpreter
from elle.cli.repl import Repl


def drive(lines):
    it = iter(lines)
    out, err = io.StringIO(), io.StringIO()
    Repl(Interpreter(), lambda prompt: next(it, None), out, err).run()
    return out.getvalue(), err.getvalue()


def test_results_are_written():
    out, _ = drive(['(+ 1 2)', '"hi"', '(values 1 2)'])
    assert "3\n" in out and '"hi"\n' in out and "1\n2\n" in out


def test_multi_line_input():
    out, _ = drive(["(define (f x)", "  (* x 2))", "(f 21)"])
    assert "42\n" in out


def test_error_returns_to_prompt():
    out, err = drive(["(car 1)", "(+ 40 2)"])
    assert "car" in err and "42\n" in out


def test_state_persists_and_quit():
    out, _ = drive(["(define x 10)", "(* x x)", ",quit", "(display 'never)"])
    assert "100\n" in out and "never" not in out


def test_disasm_command():
    out, _ = drive(["(define (sq x) (* x x))", ",disasm sq"])
    assert "sq" in out

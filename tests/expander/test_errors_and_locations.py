"""Syntax errors point at the offending form; core nodes carry locations."""

from elle import core
from elle.reader import read_all

from expander_session import message


def test_malformed_let_binding_points_at_binding(s):
    err = s.syntax_error("(define x 1)\n(let ((x)) x)")
    assert message(err) == "let: malformed binding (x)"
    assert (err.loc.file, err.loc.line, err.loc.col) == ("<test>", 2, 7)


def test_else_not_last(s):
    err = s.syntax_error("(cond (else 1) (#t 2))")
    assert "else clause must be last" in message(err)
    assert err.loc.col == 7
    err = s.syntax_error("(case 1 (else 1) ((1) 2))")
    assert "else clause must be last" in message(err)


def test_error_inside_macro_use_points_at_use_site(s):
    s.run("(define-syntax m (syntax-rules () ((_ x) (let ((x)) 1))))")
    err = s.syntax_error("\n\n   (m y)")
    assert (err.loc.line, err.loc.col) == (3, 4)


def test_error_in_nested_form_uses_nearest_location(s):
    err = s.syntax_error("(define (f)\n  (list 1\n    (if)))")
    assert (err.loc.line, err.loc.col) == (3, 5)


def test_every_call_node_has_a_location(s):
    s.run("(define-syntax my-or (syntax-rules () ((_) #f) ((_ e r ...) (let ((t e)) (if t t (my-or r ...))))))")
    src = """(define (f x)
      (do ((i 0 (+ i 1))) ((= i 3) (my-or #f x))
        (case i ((1) (display i)) (else (newline)))
        (guard (e (#t (list e))) (parameterize () (vector-ref `#(,x) 0)))
        (try (car x) (catch e 1) (finally 2))))"""
    node = s.interp.expander.expand_toplevel(read_all(src, "f.scm")[0])
    calls = [n for n in core.walk(node) if isinstance(n, core.Call)]
    assert calls and all(n.loc is not None and n.loc.file == "f.scm" for n in calls)
    assert all(n.loc is not None for n in core.walk(node))


def test_call_location_is_its_open_paren(s):
    node = s.interp.expander.expand_toplevel(read_all("(define (g y)\n  (car y))", "g.scm")[0])
    call = next(n for n in core.walk(node) if isinstance(n, core.Call))
    assert (call.loc.line, call.loc.col) == (2, 3)


def test_quote_is_not_expanded(s):
    assert s.run("'(if lambda (define x))") == "(if lambda (define x))"


def test_errors_are_elle_errors_not_python(s):
    for src in ["(let loop)", "(do)", "(do ((i)) (#t))", "(case)", "(cond (1 => ))", "`(1 ,@2 . ,@3)",
                "(define-record-type)", "(guard)", "(guard (1) 2)", "(try)", "(parameterize ((1)) 2)",
                "(let-values ((x)) 1)", "(define-values)", "(case-lambda (1))", "(lambda (1) 1)",
                "(quasiquote)", "(unquote 1 2)", "(define-syntax)", "(let-syntax ((m 1)) 2)",
                "(syntax-rules)", "(cond-expand (1))", "(import 5)", "(define-library)",
                "(set! 1 2)", "(assert)", "(delay)", "(when)", "(and . 1)", "(begin . 1)"]:
        err = s.error(src)
        assert err.kind in ("syntax-error", "unbound-variable"), (src, err)


import pytest


@pytest.mark.parametrize("src", [
    "#0=(a . #0#)",                                   # a call whose arguments never end
    "(display . #0=(1 . #0#))",
    "(begin . #0=(1 . #0#))",
    "(let #0=((x 1) . #0#) x)",
    "(lambda #0=(x . #0#) 1)",
    "(define-syntax m (syntax-rules () ((_ x ...) (list x ...))))\n(m . #0=(1 . #0#))",
    "(eval (quote #0=(list 1 2 . #0#)) (interaction-environment))",
])
def test_circular_source_is_a_syntax_error_not_a_hang(s, src):
    err = s.syntax_error(src)
    assert message(err).endswith("bad syntax, a circular list")


def test_a_macro_expanding_into_itself_is_an_error_not_a_hang(s, monkeypatch):
    from elle.expander import engine
    monkeypatch.setattr(engine, "MAX_EXPANSIONS_IN_PLACE", 500)
    s.run("(define-syntax g (syntax-rules () ((_) (g))))")
    s.run("(define-syntax grow (syntax-rules () ((_ x) (grow (x)))))")
    s.run("(define-macro (m) '(m))")
    for src, name in (("\n  (g)", "g"),                          # at toplevel
                      ("(display\n  (g))", "g"),                 # in an expression
                      ("(define (h)\n  (g) 1)", "g"),            # in a body, before definitions
                      ("(list\n  (grow 1))", "grow"),            # a growing form
                      ("(list\n  (m))", "m")):                   # define-macro
        err = s.syntax_error(src)
        assert message(err).startswith(f"{name}: macro expansion does not end (500 macro uses in a row")
        assert (err.loc.line, err.loc.col) == (2, 3), src
    # a continuation-passing macro taking one step per element is not stopped
    s.run("(define-syntax rev (syntax-rules () ((_ () acc) 'acc) ((_ (x . xs) acc) (rev xs (x . acc)))))")
    assert s.run("(length (rev (" + " ".join(map(str, range(450))) + ") ()))") == "450"

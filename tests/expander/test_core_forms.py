"""Core special forms, definitions and bodies."""

from expander_session import message


def test_quote_and_self_evaluating(s):
    assert s.run("'(a b . c)") == "(a b . c)"
    assert s.run("(quote #(1 x))") == "#(1 x)"
    assert s.run('"str"') == '"str"'
    assert s.run("#(1 2)") == "#(1 2)"


def test_lambda_lists(s):
    assert s.run("((lambda (a b) (list b a)) 1 2)") == "(2 1)"
    assert s.run("((lambda (a . r) (list a r)) 1 2 3)") == "(1 (2 3))"
    assert s.run("((lambda args args) 1 2)") == "(1 2)"
    assert s.run("((fn (x) (* x x)) 7)") == "49"


def test_define_shorthands(s):
    assert s.run("(define (f . args) args) (f 1 2)") == "(1 2)"
    assert s.run("(define ((adder n) m) (+ n m)) ((adder 3) 4)") == "7"
    assert s.run("(define x) (define y 5) y") == "5"


def test_if_and_set(s):
    assert s.run("(if #f 1)") == s.run("(if #f #f)")
    assert s.run("(define x 1) (set! x (+ x 1)) x") == "2"
    assert s.run("(let ((y 1)) (set! y 5) y)") == "5"


def test_toplevel_begin_splices_definitions(s):
    assert s.run("(begin (define a 1) (define b (+ a 1))) (list a b)") == "(1 2)"
    assert s.run("(begin)") == s.run("(if #f #f)")


def test_internal_defines_are_letrec_star(s):
    src = """
    (define (f)
      (define a 1)
      (begin (define (even? n) (if (= n 0) #t (odd? (- n 1))))
             (define (odd? n) (if (= n 0) #f (even? (- n 1)))))
      (define b (+ a 1))
      (list b (even? 10)))
    (f)"""
    assert s.run(src) == "(2 #t)"


def test_internal_define_syntax_and_values_and_records(s):
    src = """
    (define (g)
      (define-syntax twice (syntax-rules () ((_ e) (begin e e))))
      (define-values (q r) (floor/ 7 2))
      (define-record-type pt (mk x) pt? (x px))
      (define n 0)
      (twice (set! n (+ n 1)))
      (list q r n (px (mk 9))))
    (g)"""
    assert s.run(src) == "(3 1 2 9)"


def test_body_expression_then_definition(s):
    assert s.run("(let () (define a 1) (set! a 2) (define b a) b)") == "2"


def test_lambda_names_for_backtraces(s):
    from elle.reader import read_all
    for src in ["(define (f) 1)", "(define f (lambda () 1))"]:
        node = s.interp.expander.expand_toplevel(read_all(src, "t")[0])
        assert node.value.name == "f"


def test_special_forms_are_shadowable(s):
    assert s.run("(define (f if) if) (f 3)") == "3"
    assert s.run("(let ((list (lambda xs 'mine))) (list 1))") == "mine"
    assert s.run("(let ((when 5)) when)") == "5"
    assert s.run("((lambda (quote) (quote (list 1 2))) car)") == "1"


def test_toplevel_define_shadows_macro(s):
    s.run("(define-syntax m (syntax-rules () ((_) 'macro)))")
    assert s.run("(m)") == "macro"
    s.run("(define (m) 'proc)")
    assert s.run("(m)") == "proc"
    s.run("(define (assert x) (list 'my-assert x))")
    assert s.run("(assert #f)") == "(my-assert #f)"


def test_locals_resolve_to_vars_globals_to_names(s):
    out = s.expand("(lambda (x) (car x))")
    assert out.startswith("(lambda (x#") and "(car x#" in out


def test_syntax_keyword_as_value_is_error(s):
    err = s.syntax_error("(display if)")
    assert "invalid use of syntax keyword" in message(err)


def test_set_of_macro_is_error(s):
    err = s.syntax_error("(define-syntax m (syntax-rules () ((_) 1))) (set! m 2)")
    assert "set!: cannot assign to syntax keyword m" in message(err)


def test_definition_in_expression_context(s):
    err = s.syntax_error("(if #t (define x 1) 2)")
    assert "define: definition in expression context" in message(err)


def test_malformed_core_forms(s):
    for src, text in [("(if)", "if: bad syntax"), ("(lambda)", "lambda: bad syntax"),
                      ("(define)", "define: bad syntax"), ("(quote)", "quote"),
                      ("(lambda (x x) x)", "duplicate parameter x"),
                      ("(let ((a 1) (a 2)) a)", "duplicate variable a"),
                      ("(lambda (x))", "lambda: bad syntax"),
                      ("(f . 1)", "call: bad syntax"), ("()", "missing procedure"),
                      ("(define (f) (define x 1))", "no expression after the definitions")]:
        err = s.syntax_error(src)
        assert text in message(err), (src, message(err))
        assert err.kind == "syntax-error"

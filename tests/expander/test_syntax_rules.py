"""syntax-rules: matching, templates and hygiene."""

from expander_session import message


def test_swap_with_user_variable_named_tmp(s):
    s.run("(define-syntax swap! (syntax-rules () ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))")
    assert s.run("(define tmp 1) (define y 2) (swap! tmp y) (list tmp y)") == "(2 1)"
    assert s.run("(let ((tmp 'a) (other 'b)) (swap! tmp other) (list tmp other))") == "(b a)"


def test_user_shadowing_if_and_list_around_use(s):
    s.run("(define-syntax my-or (syntax-rules () ((_) #f) ((_ e) e)"
          " ((_ e r ...) (let ((t e)) (if t t (my-or r ...))))))")
    assert s.run("(let ((if list)) (my-or #f 7))") == "7"
    s.run("(define-syntax mk (syntax-rules () ((_ x) (list x x))))")
    assert s.run("(let ((list vector)) (mk 1))") == "(1 1)"
    assert s.run("(let ((t 5)) (my-or #f t))") == "5"


def test_template_free_identifier_refers_to_definition_scope(s):
    src = """
    (define (f)
      (let ((helper (lambda (x) (* x 10))))
        (let-syntax ((call-helper (syntax-rules () ((_ v) (helper v)))))
          (let ((helper (lambda (x) 'wrong)))
            (call-helper 4)))))
    (f)"""
    assert s.run(src) == "40"


def test_literals_match_by_binding(s):
    s.run("(define-syntax arrow (syntax-rules (=>) ((_ a => b) (list a b)) ((_ a b c) 'no-arrow)))")
    assert s.run("(arrow 1 => 2)") == "(1 2)"
    assert s.run("(let ((=> #f)) (arrow 1 => 2))") == "no-arrow"


def test_underscore_and_literal_data(s):
    s.run("(define-syntax second (syntax-rules () ((_ _ b . _) b)))")
    assert s.run("(second 1 2 3 4)") == "2"
    s.run("(define-syntax is-one (syntax-rules () ((_ 1) 'one) ((_ x) 'other)))")
    assert s.run("(list (is-one 1) (is-one 2) (is-one #t))") == "(one other other)"


def test_ellipsis_with_tail_patterns(s):
    s.run("(define-syntax last-two (syntax-rules () ((_ a ... b c) '((a ...) b c))))")
    assert s.run("(last-two 1 2 3 4)") == "((1 2) 3 4)"
    assert s.run("(last-two 3 4)") == "(() 3 4)"


def test_dotted_patterns(s):
    s.run("(define-syntax dot (syntax-rules () ((_ a . rest) '(a rest))))")
    assert s.run("(dot 1 2 3)") == "(1 (2 3))"
    s.run("(define-syntax dots (syntax-rules () ((_ a ... . r) '((a ...) r))))")
    assert s.run("(dots 1 2)") == "((1 2) ())"


def test_nested_ellipsis(s):
    s.run("(define-syntax my-let* (syntax-rules () ((_ () body ...) (let () body ...))"
          " ((_ ((x v) rest ...) body ...) (let ((x v)) (my-let* (rest ...) body ...)))))")
    assert s.run("(my-let* ((a 1) (b (+ a 1))) (* a b))") == "2"
    s.run("(define-syntax flat (syntax-rules () ((_ (a b ...) ...) '(a ... (b ...) ... b ... ...))))")
    assert s.run("(flat (1 2 3) (4 5))") == "(1 4 (2 3) (5) 2 3 5)"


def test_vector_patterns(s):
    s.run("(define-syntax vsum (syntax-rules () ((_ #(a ...)) (+ a ...))))")
    assert s.run("(vsum #(1 2 3))") == "6"
    s.run("(define-syntax vt (syntax-rules () ((_ a ...) #(a ... end))))")
    assert s.run("(vt 1 2)") == "#(1 2 end)"


def test_custom_ellipsis_and_escape(s):
    s.run("(define-syntax my-list (syntax-rules ::: () ((_ x :::) (list x :::))))")
    assert s.run("(my-list 1 2 3)") == "(1 2 3)"
    s.run("(define-syntax quote-dots (syntax-rules () ((_ x) '(x (... ...)))))")
    assert s.run("(quote-dots 1)") == "(1 ...)"


def test_macro_defining_macros(s):
    src = """
    (define-syntax def-getter
      (syntax-rules ()
        ((_ name val) (define-syntax name (syntax-rules () ((_) val))))))
    (def-getter get-five 5)
    (get-five)"""
    assert s.run(src) == "5"
    src = """
    (define-syntax def-lister
      (syntax-rules ()
        ((_ name) (define-syntax name (syntax-rules ::: () ((_ x :::) (list 'name x :::)))))))
    (def-lister tagged)
    (tagged 1 2)"""
    assert s.run(src) == "(tagged 1 2)"
    src = """
    (define-syntax def-lister2
      (syntax-rules ()
        ((_ name) (define-syntax name (syntax-rules () ((_ x (... ...)) (list x (... ...))))))))
    (def-lister2 l2)
    (l2 3 4)"""
    assert s.run(src) == "(3 4)"


def test_recursive_macro_and_while(s):
    s.run("(define-syntax while (syntax-rules () ((_ c body ...) (let lp () (when c body ... (lp))))))")
    assert s.run("(define i 0) (while (< i 5) (set! i (+ i 1))) i") == "5"
    assert s.run("(let ((lp 3) (n 0)) (while (< n lp) (set! n (+ n 1))) n)") == "3"


def test_introduced_binding_does_not_capture_body(s):
    s.run("(define-syntax with-x (syntax-rules () ((_ e) (let ((x 'macro)) e))))")
    assert s.run("(let ((x 'user)) (with-x x))") == "user"


def test_quoted_template_symbols_are_plain(s):
    s.run("(define-syntax q (syntax-rules () ((_) '(a b #(c)))))")
    assert s.run("(q)") == "(a b #(c))"
    assert s.run("(eq? (car (q)) 'a)") == "#t"


def test_toplevel_definition_from_macro(s):
    s.run("(define-syntax def (syntax-rules () ((_ n v) (define n v))))")
    assert s.run("(def z 42) z") == "42"
    s.run("(define-syntax def-hidden (syntax-rules () ((_ v) (begin (define hidden v) hidden))))")
    assert s.run("(def-hidden 7)") == "7"


def test_let_syntax_and_letrec_syntax(s):
    assert s.run("(let-syntax ((foo (syntax-rules () ((_ x) (* x 2))))) (foo 21))") == "42"
    src = """
    (letrec-syntax ((my-or (syntax-rules () ((_) #f) ((_ e r ...) (let ((t e)) (if t t (my-or r ...)))))))
      (my-or #f #f 3))"""
    assert s.run(src) == "3"
    # R7RS 4.3.1: let-syntax transformers see the outer binding
    src = """
    (let ((x 'outer))
      (let-syntax ((m (syntax-rules () ((_) x))))
        (let ((x 'inner)) (m))))"""
    assert s.run(src) == "outer"


def test_define_syntax_alias_of_keyword(s):
    s.run("(define-syntax my-if if)")
    assert s.run("(my-if #f 1 2)") == "2"


def test_no_matching_rule_error(s):
    s.run("(define-syntax swap! (syntax-rules () ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))")
    err = s.syntax_error("\n  (swap! 1)")
    assert message(err) == "no matching syntax rule for (swap! 1)"
    assert (err.loc.line, err.loc.col) == (2, 3)


def test_definition_time_errors(s):
    err = s.syntax_error("(define-syntax bad (syntax-rules () ((_ a ...) a)))")
    assert "pattern variable a used with 0 ellipses, bound with 1" in message(err)
    err = s.syntax_error("(define-syntax bad (syntax-rules () ((_ a) (a ...))))")
    assert "no pattern variable to iterate" in message(err)
    err = s.syntax_error("(define-syntax bad (syntax-rules () ((_ a ... b ...) 1)))")
    assert "two ellipses" in message(err)
    err = s.syntax_error("(define-syntax bad 5)")
    assert "syntax-rules" in message(err)


def test_syntax_error_form(s):
    s.run("(define-syntax must-be-pair (syntax-rules () ((_ (a . b)) 'ok) ((_ x) (syntax-error \"not a pair\" x))))")
    assert s.run("(must-be-pair (1 . 2))") == "ok"
    err = s.syntax_error("(must-be-pair 5)")
    assert message(err) == "not a pair 5"


def test_template_keywords_survive_user_rebinding(s):
    s.run("(define-syntax my-let (syntax-rules () ((_ ((n v) ...) b ...) ((lambda (n ...) b ...) v ...))))")
    assert s.run("(let ((lambda 5)) (my-let ((x 1)) (+ x lambda)))") == "6"


def test_introduced_internal_definition_is_private(s):
    s.run("(define-syntax def-hidden (syntax-rules () ((_ v) (begin (define hidden v) hidden))))")
    assert s.run("(define (f) (define hidden 'user) (define r (let () (def-hidden 7))) (list r hidden)) (f)") \
        == "(7 user)"


def test_literal_else_shadowed_at_use_site(s):
    s.run("(define-syntax kw (syntax-rules (else) ((_ else) 'else-kw) ((_ x) 'other)))")
    assert s.run("(list (kw else) (let ((else 1)) (kw else)))") == "(else-kw other)"


def test_expansion_binding_shadows_macro_keyword(s):
    s.run("(define-syntax ten (syntax-rules () ((_) 10)))")
    s.run("(define-syntax use-ten (syntax-rules () ((_) (let ((ten (lambda () 'shadow))) (ten)))))")
    assert s.run("(list (use-ten) (ten))") == "(shadow 10)"

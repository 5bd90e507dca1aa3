"""Derived expression types (R7RS 4.2) and Elle's additions."""

from hypothesis import given, settings, strategies as st

from expander_session import Session, message


def test_let_family(s):
    assert s.run("(let ((x 1) (y 2)) (let ((x y) (y x)) (list x y)))") == "(2 1)"
    assert s.run("(let* ((x 1) (y (+ x 1)) (x (* y 10))) (list x y))") == "(20 2)"
    assert s.run("(letrec ((ev? (lambda (n) (if (= n 0) #t (od? (- n 1)))))"
                 "         (od? (lambda (n) (if (= n 0) #f (ev? (- n 1))))))"
                 "  (ev? 100))") == "#t"
    assert s.run("(letrec* ((a 1) (b (+ a 1))) b)") == "2"
    assert s.run("(let () 5)") == "5"


def test_named_let(s):
    assert s.run("(let loop ((i 0) (acc '())) (if (= i 3) acc (loop (+ i 1) (cons i acc))))") \
        == "(2 1 0)"
    # the inits do not see the loop name
    assert s.run("(define loop 10) (let loop ((i loop)) i)") == "10"


def test_named_let_runs_long_loops(s):
    assert s.run("(let lp ((i 0)) (if (< i 100000) (lp (+ i 1)) i))") == "100000"


def test_let_values(s):
    assert s.run("(let-values (((a b) (values 1 2)) ((c . d) (values 3 4 5))) (list a b c d))") \
        == "(1 2 3 (4 5))"
    assert s.run("(let ((a 'outer)) (let-values (((a) (values 1)) ((b) (values a))) (list a b)))") \
        == "(1 outer)"
    assert s.run("(let*-values (((a) (values 1)) ((b) (values (+ a 1)))) (list a b))") == "(1 2)"
    assert s.run("(let-values ((all (values 1 2))) all)") == "(1 2)"


def test_define_values(s):
    assert s.run("(define-values (q r) (floor/ 17 5)) (list q r)") == "(3 2)"
    assert s.run("(define-values (h . t) (values 1 2 3)) (list h t)") == "(1 (2 3))"
    assert s.run("(define-values all (values 4 5)) all") == "(4 5)"


def test_do(s):
    assert s.run("(do ((vec (make-vector 5)) (i 0 (+ i 1))) ((= i 5) vec) (vector-set! vec i i))") \
        == "#(0 1 2 3 4)"
    assert s.run("(let ((x '(1 3 5 7 9))) (do ((x x (cdr x)) (sum 0 (+ sum (car x)))) ((null? x) sum)))") \
        == "25"


def test_cond(s):
    assert s.run("(cond ((> 3 2) 'greater) ((< 3 2) 'less))") == "greater"
    assert s.run("(cond ((assv 'b '((a 1) (b 2))) => cadr) (else #f))") == "2"
    assert s.run("(cond (#f 1) (else 2 3))") == "3"
    assert s.run("(cond ((memv 2 '(1 2 3))))") == "(2 3)"
    assert s.run("(cond (#f 1))") == s.run("(if #f #f)")


def test_cond_else_shadowed_locally_is_an_expression(s):
    assert s.run("(let ((else #f)) (cond (else 'a) (#t 'b)))") == "b"


def test_case(s):
    assert s.run("(case (* 2 3) ((2 3 5 7) 'prime) ((1 4 6 8 9) 'composite))") == "composite"
    assert s.run("(case (car '(c d)) ((a e i o u) 'vowel) ((w y) 'semivowel) (else => (lambda (x) x)))") == "c"
    assert s.run("(case 'a ((a) => (lambda (x) (list x x))) (else 'no))") == "(a a)"
    assert s.run("(case 9 ((1) 'one))") == s.run("(if #f #f)")
    assert s.run("(case #\\a ((#\\a) 'char))") == "char"


def test_and_or_when_unless(s):
    assert s.run("(list (and) (and 1 2) (and #f (car '())) (or) (or #f 3) (or (memv 1 '(1)) 5))") \
        == "(#t 2 #f #f 3 (1))"
    assert s.run("(list (when #t 1 2) (unless #f 3 4))") == "(2 4)"
    assert s.run("(when #f 1)") == s.run("(if #f #f)")


def test_or_temporary_does_not_capture(s):
    assert s.run("(let ((t 5)) (or #f t))") == "5"


def test_quasiquote(s):
    assert s.run("`(list ,(+ 1 2) 4)") == "(list 3 4)"
    assert s.run("(let ((name 'a)) `(list ,name ',name))") == "(list a (quote a))"
    assert s.run("`(a ,(+ 1 2) ,@(map abs '(4 -5 6)) b)") == "(a 3 4 5 6 b)"
    assert s.run("`((foo ,(- 10 3)) ,@(cdr '(c)) . ,(car '(cons)))") == "((foo 7) . cons)"
    assert s.run("`#(10 5 ,(sqrt 4) ,@(map sqrt '(16 9)) 8)") == "#(10 5 2 4 3 8)"
    assert s.run("`(1 ,@'() 2)") == "(1 2)"
    assert s.run("`(1 . ,(+ 1 1))") == "(1 . 2)"


def test_nested_quasiquote(s):
    assert s.run("`(a `(b ,(+ 1 2) ,(foo ,(+ 1 3) d) e) f)") \
        == "(a (quasiquote (b (unquote (+ 1 2)) (unquote (foo 4 d)) e)) f)"
    assert s.run("(let ((name1 'x) (name2 'y)) `(a `(b ,,name1 ,',name2 d) e))") \
        == "(a (quasiquote (b (unquote x) (unquote (quote y)) d)) e)"
    assert s.run("`(1 `,(+ 1 ,(+ 2 3)) 4)") == "(1 (quasiquote (unquote (+ 1 5))) 4)"


@settings(max_examples=40, deadline=None)
@given(st.recursive(st.integers(-5, 5), lambda c: st.lists(c, max_size=4), max_leaves=12))
def test_quasiquote_of_constant_is_quote(tree):
    def text(t):
        return "(" + " ".join(text(x) for x in t) + ")" if isinstance(t, list) else str(t)
    s = Session()
    assert s.run(f"`{text(tree)}") == s.run(f"'{text(tree)}")
    # unquoting every leaf gives the same structure
    def unq(t):
        return "(" + " ".join(unq(x) for x in t) + ")" if isinstance(t, list) else f",(+ 0 {t})"
    assert s.run(f"`{unq(tree)}") == s.run(f"'{text(tree)}")


def test_delay_and_force(s):
    assert s.run("(force (delay (+ 1 2)))") == "3"
    assert s.run("(let* ((n 0) (p (delay (begin (set! n (+ n 1)) n)))) (force p) (force p) n)") == "1"
    assert s.run("(force (delay-force (delay 'x)))") == "x"
    assert s.run("(define (stream-loop n) (delay-force (if (= n 0) (delay 'done) (stream-loop (- n 1)))))"
                 "(force (stream-loop 10000))") == "done"


def test_parameterize(s):
    src = """
    (define p (make-parameter 10 (lambda (x) (* x 2))))
    (define (get) (p))
    (list (p) (parameterize ((p 3)) (get)) (p))"""
    assert s.run(src) == "(20 6 20)"


def test_parameterize_restores_on_escape(s):
    src = """
    (define p (make-parameter 1))
    (call/cc (lambda (k) (parameterize ((p 2)) (k 'out))))
    (p)"""
    assert s.run(src) == "1"


def test_guard(s):
    assert s.run("(guard (e (#t (list 'caught e))) (raise 'boom))") == "(caught boom)"
    assert s.run("(guard (e ((assq 'a e) => cdr) ((assq 'b e))) (raise (list (cons 'a 42))))") == "42"
    assert s.run("(guard (e ((assq 'a e) => cdr) ((assq 'b e))) (raise (list (cons 'b 23))))") == "(b . 23)"
    assert s.run("(guard (e (else 'other)) (raise 1))") == "other"
    assert s.run("(guard (e (#f 'no)) 'normal)") == "normal"
    assert s.run("(call-with-values (lambda () (guard (e (#f #f)) (values 1 2))) list)") == "(1 2)"


def test_guard_reraises_continuably(s):
    assert s.run("(with-exception-handler (lambda (c) 42)"
                 "  (lambda () (+ 1 (guard (e ((string? e) 's)) (raise-continuable 'c)))))") == "43"
    assert s.run("(guard (e (#t (list 'outer e))) (guard (e ((number? e) 'n)) (raise 'x)))") == "(outer x)"


def test_try_catch_finally(s):
    assert s.run("(try (+ 1 (raise 'x)) (catch e (list 'caught e)))") == "(caught x)"
    assert s.run("(try (car 1) (catch e (error-object? e)))") == "#t"
    assert s.run("(try 5 (catch e 'no))") == "5"
    src = """
    (define log '())
    (define r (try (set! log (cons 'body log)) 'value (finally (set! log (cons 'fin log)))))
    (list r log)"""
    assert s.run(src) == "(value (fin body))"
    src = """
    (define log '())
    (define r (guard (e (#t (list 'outer e)))
      (try (raise 'inner) (catch e (raise (list 'again e))) (finally (set! log (cons 'fin log))))))
    (list r log)"""
    assert s.run(src) == "((outer (again inner)) (fin))"
    src = """
    (define log '())
    (define r (call/cc (lambda (k) (try (k 'escaped) (finally (set! log 'fin))))))
    (list r log)"""
    assert s.run(src) == "(escaped fin)"


def test_try_catch_binds_user_variable_hygienically(s):
    assert s.run("(define (f guard-k) (try (raise guard-k) (catch e (list e)))) (f 3)") == "(3)"


def test_case_lambda(s):
    src = """
    (define range (case-lambda ((e) (range 0 e)) ((b e) (do ((r '() (cons e r)) (e (- e 1) (- e 1))) ((< e b) r)))))
    (list (range 3) (range 3 5))"""
    assert s.run(src) == "((0 1 2) (3 4))"
    assert s.run("((case-lambda ((a) 'one) ((a . r) (list 'many r))) 1 2 3)") == "(many (2 3))"
    err = s.error("((case-lambda ((a) 'one)))")
    assert "case-lambda" in message(err)


def test_case_lambda_clauses_are_called_directly_and_behave_like_the_dispatch(s):
    # the first clause that accepts the count wins; a rest clause takes the rest as a list
    src = """
    (define n 0)
    (define f (case-lambda ((a) (set! n (+ n 1)) (list 'one a n))
                           ((a b . r) (list 'many a b r))
                           ((a b) 'never)
                           (r (list 'any r))))
    (list (f 1) (f 1 2) (f 1 2 3) (f) (apply f '(7)) (apply f 1 2 '(3 4)) (map f '(5 6)) n)"""
    assert s.run(src) == ("((one 1 1) (many 1 2 ()) (many 1 2 (3)) (any ()) (one 7 2) "
                          "(many 1 2 (3 4)) ((one 5 3) (one 6 4)) 4)")
    # each evaluation makes fresh clauses over its own environment
    src = """
    (define (counter start) (case-lambda (() start) ((k) (set! start (+ start k)) start)))
    (define c1 (counter 10)) (define c2 (counter 100))
    (c1 5) (c2 1)
    (list (c1) (c2) (c1 1))"""
    assert s.run(src) == "(15 101 16)"
    # a continuation captured in a clause re-enters it
    src = """
    (define k #f) (define runs 0)
    (define g (case-lambda ((x) (+ x (call/cc (lambda (c) (set! k c) 1))))))
    (define r (g 10))
    (set! runs (+ runs 1))
    (if (< runs 3) (k runs))
    (list r runs)"""
    assert s.run(src) == "(12 3)"
    # no clause for the count: the dispatch's own error, naming the arguments
    err = s.error("(define h (case-lambda ((a) 1) ((a b c) 3))) (h 1 2)")
    assert "no clause accepts the arguments (1 2)" in message(err)


def test_case_lambda_records_its_clauses_for_direct_calls(s):
    from elle.bytecode import pick_case
    s.run("(define f (case-lambda ((a) 1) ((a b . r) 2)))")
    f = s.interp.globals.lookup("f")
    assert f.code.cases == ((1, False, 0), (2, True, 1))
    assert pick_case(f, 1).code.nparams == 1 and pick_case(f, 5).code.rest
    assert pick_case(f, 0) is None
    assert f.name == "f" and pick_case(f, 1).name == "f"      # clauses carry the name


def test_define_record_type(s):
    src = """
    (define-record-type <pare> (kons x y) pare? (x kar set-kar!) (y kdr))
    (define k (kons 1 2))
    (set-kar! k 3)
    (list (pare? k) (pare? 5) (kar k) (kdr k))"""
    assert s.run(src) == "(#t #f 3 2)"


def test_assert(s):
    assert s.run("(assert (= 1 1))") == s.run("(if #f #f)")
    err = s.error("(assert (= 1 2))")
    assert err.kind == "assertion"
    assert "(= 1 2)" in message(err)
    assert "(%assert-failed (quote (= 1 2)))" in s.expand("(assert (= 1 2))")

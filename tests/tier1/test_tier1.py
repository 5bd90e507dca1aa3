"""Tier 1 (elle.tier1): results, errors and control flow identical to the VM.

Each program runs twice, in the VM alone and in tier 1 compiling every
procedure on its first entry, and the two runs must agree on output, value
and error (kind, message, location and backtrace).
"""

from __future__ import annotations

import pytest

from elle import config
from elle.api import Interpreter
from elle.errors import ElleError


def interp(tier1: bool, **kw) -> Interpreter:
    cfg = config.from_environ()
    cfg.jit = False
    cfg.tier1 = tier1
    cfg.tier1_threshold = 1
    for k, v in kw.items():
        setattr(cfg, k, v)
    return Interpreter(config=cfg)


def outcome(i: Interpreter, src: str):
    from elle.printer import write_string
    out = []
    i.define("emit!", lambda x: out.append(write_string(x)))
    try:
        v = i.eval_text(src, "<t1>")
        return ("value", write_string(v), out)
    except ElleError as e:
        bt = [(name, loc.line if loc else None) for name, loc in e.backtrace]
        return ("error", e.kind, str(e.payload.message if hasattr(e.payload, "message")
                                     else e.payload), e.loc.line if e.loc else None, bt, out)


def agree(src: str, **kw):
    vm = outcome(interp(False, **kw), src)
    t1 = outcome(interp(True, **kw), src)
    assert vm == t1
    return t1


def test_recursion_and_loops_agree():
    r = agree("""
      (define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
      (define (sum l) (let loop ((l l) (acc 0)) (if (null? l) acc (loop (cdr l) (+ acc (car l))))))
      (list (fib 18) (sum (map fib '(1 2 3 4 5))) (fact 25))
      """.replace("(fact 25)", "(let f ((n 25)) (if (= n 0) 1 (* n (f (- n 1)))))"))
    assert r[1] == "(2584 12 15511210043330985984000000)"


def test_tier1_actually_compiles():
    i = interp(True)
    i.eval_text("(define (f x) (+ x 1)) (f 1) (f 2)", "<t1>")
    assert i.tier1.stats.compiled >= 1
    assert i.globals.lookup("f").code.t1 is not i.tier1.t1_stub


def test_deep_non_tail_recursion():
    r = agree("(define (build n) (if (= n 0) '() (cons n (build (- n 1)))))"
              "(length (build 300000))")
    assert r[1] == "300000"


@pytest.mark.slow
def test_recursion_a_million_deep():
    i = interp(True)
    assert i.eval("(define (d n) (if (= n 0) 0 (+ 1 (d (- n 1))))) (d 1000000)") == 1000000


def test_mutual_tail_recursion_runs_in_bounded_stack():
    r = agree("(define (ev? n) (if (= n 0) #t (od? (- n 1))))"
              "(define (od? n) (if (= n 0) #f (ev? (- n 1))))"
              "(list (ev? 1000000) (od? 7))")
    assert r[1] == "(#t #t)"


def test_direct_tail_calls_of_terminal_procedures():
    # (mid x) tail-calls leaf, which tail-calls nothing: a direct Python call
    src = ("(define (leaf x) (+ x 1)) (define (mid x) (leaf x))"
           "(define (deep n) (if (= n 0) 0 (+ 1 (mid (deep (- n 1))))))")
    i = interp(True)
    i.eval_text(src + "(deep 3)", "<t1>")
    assert i.globals.lookup("leaf").code.t1_terminal
    assert not i.globals.lookup("mid").code.t1_terminal
    # 15,000 deep with a 10,000-frame Python chunk: handed back mid-way
    assert agree(src + "(deep 15000)", max_depth=40000)[1] == "30000"


def test_self_recursive_procedures_are_terminal_and_called_directly():
    # rev-onto's recursive call goes through its global: it loops while the
    # global holds it, so it makes no direct tail call and stays terminal
    src = ("(define (rev-onto xs ys) (if (null? xs) ys (rev-onto (cdr xs) (cons (car xs) ys))))"
           "(define (f xs) (rev-onto xs '()))")
    i = interp(True)
    i.eval_text(src + "(f '(1 2 3))", "<t1>")
    assert i.globals.lookup("rev-onto").code.t1_terminal
    # redefined: the old code's call by name is a marker to the new procedure
    r = agree(src + "(define keep rev-onto) (f '(1 2)) (f '(1 2))"
              "(set! rev-onto (lambda (xs ys) (list 'new xs ys))) (keep '(1 2) '())")
    assert r[1] == "(new (2) (1))"


def test_named_let_loops_are_entered_directly_and_mutual_recursion_stays_bounded():
    # f's loop is a closure f has just made: f calls it directly; the loops
    # tail-call the other procedure with markers, so 10^6 rounds run in
    # bounded stack, and a redefinition is still seen
    src = ("(define (f n) (let loop ((k n) (j 0)) (if (= k 0) 'done (g (- k 1)))))"
           "(define (g n) (let loop ((k n)) (if (= k 0) 'done (f k))))")
    assert agree(src + "(f 1000000)")[1] == "done"
    i = interp(True)
    i.eval_text(src + "(f 10)", "<t1>")
    assert i.tier1.stats.unwinds == 0
    r = agree(src + "(f 100) (set! g (lambda (n) (list 'g n))) (f 5)")
    assert r[1] == "(g 4)"


def test_a_frame_in_a_direct_tail_call_leaves_no_trace():
    # the error is raised under calls-bad's direct tail call: the backtrace
    # has no calls-bad frame (the VM replaced it), in both tiers
    r = agree("(define (bad x) (car x)) (define (calls-bad x) (bad x))"
              "(define (top x) (list (calls-bad x))) (top 5)")
    assert r[0] == "error" and [n for n, _ in r[4]] == ["bad", "top"]
    r = agree("(define k #f) (define (cap x) (call/cc (lambda (c) (set! k c) x)))"
              "(define (via x) (cap x))"
              "(define (run n acc) (if (= n 0) acc (run (- n 1) (+ acc (via n)))))"
              "(define n 0) (define r (run 50 0)) (set! n (+ n 1))"
              "(if (< n 3) (k 100) (list n r))")
    assert r[1] == "(3 1374)"      # k re-enters the last (via 1): 1274 + 100


def test_errors_have_the_vm_message_location_and_backtrace():
    r = agree("(define (f x) (car x))\n(define (g y) (+ 1 (f y)))\n"
              "(define (h z) (* 2 (g z)))\n(h 5)")
    assert r[0] == "error" and r[1] == "type-error" and [n for n, _ in r[4]] == ["f", "g", "h"]


def test_arity_and_unbound_and_not_a_procedure():
    for src in ["(define (f x) x) (define (g) (f 1 2)) (g)",
                "(define (g) (nope 1)) (g)",
                "(define (g x) (x 1)) (g 5)",
                "(define (g x) (x 1)) (define (h) (g 5) 1) (h)"]:
        assert agree(src)[0] == "error"


def test_depth_limit_is_the_same_error():
    r = agree("(define (f n) (+ 1 (f n))) (f 0)", max_depth=5000)
    assert r[1] == "recursion-depth"


def test_call_cc_escape_and_reentry_through_tier1_frames():
    r = agree("""
      (define k #f)
      (define n 0)
      (define (deep d) (if (= d 0) (call/cc (lambda (c) (set! k c) 0)) (+ 1 (deep (- d 1)))))
      (define r (deep 50))
      (set! n (+ n 1))
      (if (< n 3) (k 10))
      (define (find p l) (call/cc (lambda (ret) (for-each (lambda (x) (if (p x) (ret x))) l) #f)))
      (list r n (find (lambda (x) (> x 3)) '(1 2 5 7)))
      """)
    assert r[1] == "(60 3 5)"


def test_dynamic_wind_and_handlers():
    r = agree("""
      (define log '())
      (define (note x) (set! log (cons x log)))
      (define (risky x) (if (> x 2) (raise 'big) x))
      (define (run x)
        (guard (e ((symbol? e) (note e) -1))
          (dynamic-wind (lambda () (note 'in)) (lambda () (risky x)) (lambda () (note 'out)))))
      (define v (map run '(1 5 2)))
      (define c (with-exception-handler (lambda (e) 42) (lambda () (+ 1 (raise-continuable 'c)))))
      (list v c (reverse log))
      """)
    assert r[1] == "((1 -1 2) 43 (in out in out big in out))"


def test_redefinition_is_seen_by_compiled_callers():
    r = agree("""
      (define (g x) (* x 2))
      (define (f x) (g x))
      (define a (f 5))
      (define (g x) (* x 3))
      (define b (f 5))
      (define (car x) 'mine)
      (define (h p) (car p))
      (list a b (h '(1)))
      """)
    assert r[1] == "(10 15 mine)"


def test_redefining_an_inlined_primitive_recompiles_tier1_code():
    i = interp(True)
    i.eval_text("(define (f p) (car p)) (f '(1)) (f '(2))", "<t1>")
    i.eval_text("(define (car x) 'mine)", "<t1>")
    assert i.eval("(f '(1))").name == "mine"


def test_rest_arguments_apply_and_values():
    r = agree("""
      (define (f . xs) (length xs))
      (define (g a . xs) (cons a xs))
      (define (h) (call-with-values (lambda () (values 1 2 3)) list))
      (list (f) (f 1 2 3) (g 1 2) (apply g '(1 2 3)) (apply + 1 2 '(3)) (h))
      """)
    assert r[1] == "(0 3 (1 2) (1 2 3) 6 (1 2 3))"


def test_closures_boxes_and_strings():
    r = agree("""
      (define (counter) (let ((n 0)) (lambda () (set! n (+ n 1)) n)))
      (define c (counter))
      (c) (c)
      (define (join l) (if (null? l) "" (string-append (car l) (join (cdr l)))))
      (list (c) (join '("a" "b" "c")) (vector-map (lambda (x) (* x x)) #(1 2 3)))
      """)
    assert r[1] == '(3 "abc" #(1 4 9))'


def test_string_mutation_inline_texts_agree_with_the_vm():
    """tier 1's inline string-set! / string-ref / string-length / string-append
    read a mutated string's character list (elle.datum.MString)."""
    r = agree(r"""
      (define (reverse! s)
        (let loop ((i 0) (j (- (string-length s) 1)))
          (if (< i j)
              (let ((c (string-ref s i)))
                (string-set! s i (string-ref s j))
                (string-set! s j c)
                (loop (+ i 1) (- j 1)))
              s)))
      (define (fill s c) (do ((i 0 (+ i 1))) ((= i (string-length s)) s) (string-set! s i c)))
      (define s (string-copy "hello, world"))
      (define lit "const")
      (list (reverse! s) (string-append s "!" s) (string-length s)
            (fill (make-string 3) #\z) (fill (make-string 0) #\z)
            (guard (e (#t (error-object-message e))) (string-set! lit 0 #\x))
            (guard (e (#t (error-object-message e))) (string-ref s 99)))
      """)
    assert r[1].startswith('("dlrow ,olleh" "dlrow ,olleh!dlrow ,olleh" 12 "zzz" ""')


def test_car_and_cdr_of_a_register_known_to_hold_a_pair_skip_the_test(capsys):
    src = ("(define (f xs) (if (pair? xs) (+ (car xs) (car xs) (cadr xs)) 0))"
           "(define (g xs) (let ((a (car xs))) (list a (cdr xs) (car xs))))"
           "(define (h xs) (if (null? xs) 0 (car xs)))")
    assert agree(src + "(list (f '(1 2)) (f 5) (g '(1 . 2)) (h '()) (h '(3)))")[1] == "(4 0 (1 2 1) 0 3)"
    r = agree(src + "(h 5)")             # not known to be a pair: the primitive's error
    assert r[0] == "error" and r[1] == "type-error"
    i = interp(True)
    i.tier1.dump = True
    i.eval_text(src + "(g '(1 2))", "<t1>")
    g = capsys.readouterr().err.split(";; tier 1: g")[1]
    assert g.count("is Pair_") == 1          # the first car tests; cdr and car after it do not


def test_operands_known_to_be_constants_drop_their_type_tests(capsys):
    src = ("(define (f h c) (list (* h 31) (- 7 h) (< h 2.5) (modulo h 1000003) (char=? c #\\7)"
           "                      (+ h 1 2) (= h -3)))")
    good = "(list (f 5 #\\7) (f 2.0 #\\a) (f (expt 10 30) #\\7) (f -3 #\\b) (f 9007199254740993 #\\7))"
    assert agree(src + good)[0] == "value"
    for bad in ("(f #t #\\7)", "(f 'x #\\7)", "(f 5 \"7\")", "(f 1.5 #\\7)"):
        r = agree(src + bad)            # the primitive's own error in both tiers
        assert r[0] == "error" and r[1] == "type-error"
    i = interp(True)
    i.tier1.dump = True
    i.eval_text(src + "(f 1 #\\1)", "<t1>")
    f = capsys.readouterr().err.split(";; tier 1: f")[1]
    assert "* 31)" in f and "(7 - " in f and "% 1000003)" in f
    assert "type(31)" not in f and "is type(" not in f     # no two-operand type tests


def test_case_lambda_calls_agree_with_the_vm():
    src = ("(define f (case-lambda ((a) (car a)) ((a b) (list a b)) ((a . r) r)))"
           "(define (g x) (list (f (list x)) (f x 2) (f x 2 3) (map f '((1) (2)))))")
    assert agree(src + "(list (g 1) (g 2))")[1] == "((1 (1 2) (2 3) (1 2)) (2 (2 2) (2 3) (1 2)))"
    r = agree(src + "(define (h x) (+ 1 (f x))) (h 5)")     # an error inside a clause
    assert r[0] == "error" and r[1] == "type-error" and r[4][0][0] == "f"
    r = agree(src + "(define (k) (f)) (k)")                  # no clause: the dispatch's error
    assert r[0] == "error" and "no clause" in r[2]


def test_exact_integer_body_agrees_with_the_general_one(capsys):
    # loops whose numbers change type part-way (int -> float, int -> bignum),
    # booleans (not integers), and a non-number: each must give the VM's result or error
    src = ("(define (f i acc lim) (if (> i lim) acc (f (+ i 1) (+ (* acc 3) i) lim)))"
           "(define (g i x) (if (= i 0) x (g (- i 1) (* x 1.5))))"
           "(define (h a b) (list (+ a b) (- a b) (* a b) (< a b) (= a 2) (+ a 1) (* a 0.25) (- 2.5 b)))")
    assert agree(src + "(list (f 0 0 50) (f 0 0.5 10) (g 5 1) (g 3 (expt 2 60)) (h 2 3) (h 2 2.5)"
                       " (h (expt 2 70) 1.0) (h 9007199254740993 1.0) (h 1.0 2))")[0] == "value"
    for bad in ("(h #t 1)", "(h 1 #f)", "(f 0 'x 3)", "(h 1 \"2\")"):
        r = agree(src + bad)
        assert r[0] == "error" and r[1] == "type-error"
    i = interp(True)
    i.tier1.dump = True
    i.eval_text(src + "(f 0 0 5)", "<t1>")
    f = capsys.readouterr().err.split(";; tier 1: f")[1].split(";; tier 1:")[0]
    assert "if type(r0) is int_ and type(r1) is int_ and type(r2) is int_:" in f
    exact = f.split("\n        else:\n")[0]         # the exact-integer body: no tests left
    for line in ("if (r0 > r2):", "r3 = r0 + 1", "r5 = r1 * 3", "r4 = r5 + r0"):
        assert line in exact
    # its self tail call passes exact integers: it loops inside the exact body
    assert "            while True:" in exact and "break" not in exact


def test_primitives_declared_exact_keep_the_exact_integer_loop(capsys):
    src = ("(define (m i h s) (if (= i 0) (list h s)"
           "  (m (- i 1) (modulo (+ (* h 31) i) 1000003) (+ s (string-length \"ab\") (abs (- i))))))")
    assert agree(src + "(list (m 50 0 0) (m 3 2.0 0) (m 2 0 1.5) (m 2 (expt 10 40) 0))")[0] == "value"
    i = interp(True)
    i.tier1.dump = True
    i.eval_text(src + "(m 5 0 0)", "<t1>")
    exact = capsys.readouterr().err.split(";; tier 1: m")[1].split("\n        else:\n")[0]
    assert "            while True:" in exact and "break" not in exact


def test_primitives_held_in_variables_agree_with_the_vm():
    src = ("(define (f g x) (g x))"                     # a tail call of a primitive
           "(define (k g x y) (list (g x y)))"          # a non-tail call
           "(define (h) (+ 1 (f car 5)))")
    assert agree(src + "(list (f car '(1 2)) (k cons 1 2) (k + 1 2) (f length '(1 2)) (k apply list '(3)))")[0] == "value"
    for bad in ("(h)", "(k car 1 2)", "(f vector-ref 1)", "(k / 1 0)"):
        r = agree(src + bad)                # message, location and backtrace as the VM's
        assert r[0] == "error"


def test_eq_with_a_constant_that_is_its_own_identity_is_is(capsys):
    src = ("(define (f a) (list (eq? a 'x) (eqv? #\\a a) (eq? a '()) (eqv? a #t) (eq? a 2) (eqv? 2.5 a)))")
    assert agree(src + "(list (f 'x) (f #\\a) (f '()) (f #t) (f 2) (f 2.5) (f (string->symbol \"x\"))"
                       " (f (string-ref \"a\" 0)) (f (list)) (f (expt 2 100)))")[0] == "value"
    i = interp(True)
    i.tier1.dump = True
    i.eval_text(src + "(f 1)", "<t1>")
    f = capsys.readouterr().err.split(";; tier 1: f")[1]
    for line in ("r2 = r0 is r3", "r3 = r4 is r0", "r4 = r0 is r5", "r5 = r0 is r6"):
        assert line in f                    # symbol, character, '() and #t: identity
    assert "r6 = True if r0 is r7 else" in f      # a number is not: eqv? compares values


def test_inline_list_and_cxr_agree_with_the_vm():
    src = "(define (f a) (list (cadr a) (cddr a) (caddr a) (cdadr a) (list a) (list a a a a)))"
    assert agree(src + "(f '(1 (2 3) 4))")[0] == "value"
    for bad in ("(f '(1))", "(f 5)", "(f '(1 2 . 3))", "(f '(1 2 3))"):
        r = agree(src + bad)
        assert r[0] == "error" and r[1] == "type-error"


def test_inline_string_append_and_number_to_string_agree_with_the_vm():
    src = ("(define (f a b) (list (string-append a b) (string-append a \",\" b) (number->string (string-length a))"
           "                      (number->string b)))")
    assert agree(src + "(list (f \"ab\" \"c\") (f \"\" \"\"))")[0] == "error"     # (number->string "c")
    src = "(define (g x) (list (number->string x) (string-append (number->string x) \"!\")))"
    assert agree(src + "(list (g 5) (g -3) (g (expt 10 40)) (g 2.5) (g 1/3))")[0] == "value"
    for bad in ("(g 'x)", "(g \"5\")"):
        r = agree(src + bad)
        assert r[0] == "error" and r[1] == "type-error"
    r = agree("(define (h a) (string-append a \"x\" a)) (h 5)")
    assert r[0] == "error" and r[1] == "type-error"


def test_parameters_used_with_float_constants_are_not_assumed_exact(capsys):
    src = "(define (f i x) (if (= i 0) x (f (- i 1) (* x 0.5))))"
    assert agree(src + "(list (f 10 1.0) (f 3 8))")[0] == "value"
    i = interp(True)
    i.tier1.dump = True
    i.eval_text(src + "(f 3 1.0)", "<t1>")
    f = capsys.readouterr().err.split(";; tier 1: f")[1]
    assert "if type(r0) is int_:" in f          # i only: x meets a float constant


# -- tail recursion modulo cons: (cons x (self ...)) loops ---------------------------

TRMC = ("(define (my-map f xs) (if (null? xs) '() (cons (f (car xs)) (my-map f (cdr xs)))))"
        "(define (upto i n) (if (= i n) '() (cons i (upto (+ i 1) n))))")


def test_cons_onto_a_self_call_loops(capsys):
    i = interp(True)
    i.tier1.dump = True
    r = i.eval_text(TRMC + "(length (my-map (lambda (x) (* x x)) (upto 0 200000)))", "<t1>")
    assert r == 200000
    err = capsys.readouterr().err
    assert "hole_.cdr = p_" in err.split(";; tier 1: my-map")[1]
    assert i.tier1.room[0] == i.tier1.chunk          # every pair's depth given back
    src = "(let loop ((i 0)) (if (= i 5) '() (cons i (loop (+ i 1)))))"   # SCALL
    assert agree(src)[1] == "(0 1 2 3 4)"
    down = "(define (down n) (if (= n 0) '() (cons n (down (- n 1)))))"  # CALLG1I
    assert agree(down + "(length (down 3000))")[1] == "3000"
    i.eval_text(down + "(down 2)", "<t1>")
    assert "hole_.cdr = p_" in capsys.readouterr().err.split(";; tier 1: down")[1]


def test_cons_loops_agree_on_errors_and_backtraces():
    r = agree(TRMC + "(define (g x) (if (= x 700) (car x) x))\n(my-map g (upto 0 1000))")
    assert r[0] == "error" and r[1] == "type-error" and [n for n, _ in r[4]][:2] == ["g", "my-map"]
    r = agree(TRMC + "(my-map (lambda (x) x) '(1 2 . 3))")
    assert r[0] == "error"
    r = agree("(define (f x) (cons x (f x))) (f 0)", max_depth=5000)      # never ends: the depth error
    assert r[1] == "recursion-depth"


def test_cons_loops_agree_on_continuations_and_handlers():
    src = TRMC + """
      (define k #f) (define n 0)
      (define r (my-map (lambda (x) (if (= x 600) (call/cc (lambda (c) (set! k c) x)) x))
                        (upto 0 1000)))
      (set! n (+ n 1))
      (if (< n 3) (k (* n 1000)))
      (define h (with-exception-handler (lambda (e) 'handled)
                  (lambda () (my-map (lambda (x) (if (= x 3) (raise-continuable 'oops) x))
                                     (upto 0 6)))))
      (list n (list-ref r 600) (length r) (apply + r) h)"""
    assert agree(src)[1] == "(3 2000 1000 500900 (0 1 2 handled 4 5))"


def test_cons_loops_end_in_tail_calls_and_see_redefinition():
    src = """
      (define (tail-of b) (if (pair? b) (tail-of (cdr b)) (list b)))
      (define (app a b) (if (null? a) (tail-of b) (cons (car a) (app (cdr a) b))))
      (define (cut l) (if (null? l) '()
                          (begin (if (= (car l) 3) (set! cut (lambda (l) (list 'new))))
                                 (cons (car l) (cut (cdr l))))))
      (list (app '(1 2 3) '(4 5 . 6)) (cut '(1 2 3 4 5)) (cut '(7 8)))"""
    assert agree(src)[1] == "((1 2 3 6) (1 2 3 new) (new))"


def test_default_threshold_grows_with_the_size_of_the_code():
    """Compiling costs ~100 us per instruction: with the default threshold a
    procedure waits 20 entries plus ENTRIES_PER_OP per instruction, so many
    procedures entered a few dozen times each stay in the VM (300 such
    made a program 4-6x slower than the VM alone), and a hot one compiles."""
    from elle.tier1 import tiering
    cfg = config.from_environ()
    cfg.jit = False
    cfg.tier1_threshold = 0            # the default
    i = Interpreter(config=cfg)
    procs = "\n".join(
        f"(define (f{k} x) (let loop ((j 0) (acc 0)) (if (< j 3) (loop (+ j 1) (+ acc x {k})) acc)))"
        for k in range(40))
    calls = " ".join(f"(set! total (+ total (f{k} n)))" for k in range(40))
    # (each loop: 4 entries a call, 40 in all; the procedures' own 20 + 10 per instruction: more)
    i.eval(procs + f"\n(define total 0)\n(do ((n 0 (+ n 1))) ((= n 10)) {calls})")
    assert i.tier1.stats.compiled == 0
    assert i.eval("total") == sum(sum(n + k for _ in range(3)) for n in range(10) for k in range(40))
    i.eval("(define (hot n) (let loop ((j 0) (acc 0)) (if (< j n) (loop (+ j 1) (+ acc j)) acc)))")
    need = tiering.DEFAULT_THRESHOLD + tiering.MAX_EXTRA        # whatever the loop's size
    assert i.eval("(hot 10)") == 45 and i.tier1.stats.compiled == 0
    assert i.eval(f"(hot {need + 50})") == sum(range(need + 50))
    assert i.tier1.stats.compiled >= 1

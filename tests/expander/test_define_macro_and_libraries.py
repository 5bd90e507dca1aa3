"""define-macro, import, define-library, include and cond-expand."""

from expander_session import message


def test_define_macro_forms(s):
    s.run("(define-macro (unless2 c . body) `(if ,c #f (begin ,@body)))")
    assert s.run("(unless2 #f 'ran)") == "ran"
    s.run("(define-macro swap-args (lambda (f a b) (list f b a)))")
    assert s.run("(swap-args - 1 10)") == "9"


def test_define_macro_is_not_hygienic(s):
    s.run("(define-macro (capture-it e) `(let ((it 42)) ,e))")
    assert s.run("(capture-it (+ it 1))") == "43"


def test_define_macro_transformer_uses_earlier_definitions(s):
    s.run("(define (make-adder-form n) `(lambda (x) (+ x ,n)))")
    s.run("(define-macro (adder n) (make-adder-form n))")
    assert s.run("((adder 5) 1)") == "6"


def test_define_macro_inside_body(s):
    assert s.run("(define (f) (define-macro (two) 2) (* (two) 3)) (f)") == "6"


def test_define_macro_receives_plain_symbols_from_syntax_rules(s):
    s.run("(define-macro (sym-name x) (symbol->string x))")
    s.run("(define-syntax call-it (syntax-rules () ((_) (sym-name inserted))))")
    assert s.run("(call-it)") == '"inserted"'


def test_import_of_standard_libraries_is_accepted(s):
    assert s.run("(import (scheme base) (scheme write) (only (srfi 1) iota) (elle core)) 1") == "1"


def test_cond_expand(s):
    assert s.run("(cond-expand (r7rs 'yes) (else 'no))") == "yes"
    assert s.run("(cond-expand ((and elle (not foo)) 1) (else 2))") == "1"
    assert s.run("(cond-expand ((or foo bar) 1) ((library (scheme base)) 2))") == "2"
    assert s.run("(cond-expand (foo 1))") == s.run("(if #f #f)")
    assert s.run("(cond-expand (ratios (define cx 5))) cx") == "5"


def test_define_library_and_import(s):
    src = """
    (define-library (stack)
      (export push pop (rename stack-size size))
      (import (scheme base))
      (begin
        (define items '())
        (define (push x) (set! items (cons x items)))
        (define (pop) (let ((x (car items))) (set! items (cdr items)) x))
        (define (stack-size) (length items))))
    (import (stack))
    (push 1) (push 2)
    (list (pop) (size))"""
    assert s.run(src) == "(2 1)"


def test_import_loads_library_file(s, tmp_path):
    (tmp_path / "mylib").mkdir()
    (tmp_path / "mylib" / "util.sld").write_text(
        "(define-library (mylib util) (export double) (import (scheme base))"
        " (begin (define (double x) (* 2 x))))")
    main = tmp_path / "main.scm"
    main.write_text("(import (scheme base) (prefix (mylib util) u:))\n(u:double 21)\n")
    assert s.interp.load(str(main)) == 42


def test_import_unknown_library_is_error(s):
    err = s.syntax_error("(import (no such lib))")
    assert "library (no such lib) not found" in message(err)


def test_include(s, tmp_path):
    inc = tmp_path / "defs.scm"
    inc.write_text("(define inc-a 1)\n(define inc-b 2)\n")
    main = tmp_path / "main.scm"
    main.write_text('(include "defs.scm")\n(define (f) (include "defs.scm") (+ inc-a inc-b 10))\n'
                    "(list inc-a inc-b (f))\n")
    from elle.printer import write_string
    assert write_string(s.interp.load(str(main))) == "(1 2 13)"


def test_include_missing_file(s):
    err = s.syntax_error('(include "surely-not-here.scm")')
    assert "cannot find file" in message(err)


def test_import_is_toplevel_only(s):
    err = s.syntax_error("(let () (import (scheme base)) 1)")
    assert "only allowed at toplevel" in message(err)

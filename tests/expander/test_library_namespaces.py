"""define-library namespaces: private definitions stay private, two
libraries may use the same names, imports bind (not copy) exported
variables and macros, and `only` / `except` / `prefix` / `rename` shape
what an import binds."""

from expander_session import message

TWO_LIBS = """
(define-library (lib a)
  (export a-value twice counter bump!)
  (import (scheme base))
  (begin
    (define helper 10)
    (define counter 0)
    (define (bump!) (set! counter (+ counter 1)))
    (define (a-value) helper)
    (define (twice x) (* 2 x))))
(define-library (lib b)
  (export b-value (rename helper b-helper))
  (import (scheme base))
  (begin
    (define helper 20)
    (define (b-value) helper)))
"""


def test_same_private_name_in_two_libraries(s):
    s.run(TWO_LIBS)
    assert s.run("(import (lib a) (lib b)) (list (a-value) (b-value) b-helper)") == "(10 20 20)"


def test_private_names_are_not_visible_to_the_importer(s):
    s.run(TWO_LIBS + "(import (lib a))")
    err = s.error("helper")
    assert "unbound variable: helper" in message(err)


def test_program_definitions_do_not_clash_with_library_privates(s):
    s.run(TWO_LIBS + "(import (lib a)) (define helper 'mine)")
    assert s.run("(list helper (a-value))") == "(mine 10)"


def test_imported_variable_is_the_library_variable_not_a_copy(s):
    s.run(TWO_LIBS + "(import (lib a))")
    assert s.run("(bump!) (bump!) counter") == "2"


def test_only_except_prefix_rename(s):
    s.run(TWO_LIBS)
    s.run("(import (only (lib a) twice) (prefix (except (lib b) b-helper) b:))")
    assert s.run("(list (twice 4) (b:b-value))") == "(8 20)"
    assert "unbound variable: a-value" in message(s.error("(a-value)"))
    assert "unbound variable: b:b-helper" in message(s.error("b:b-helper"))
    s.run("(import (rename (lib a) (twice double)))")
    assert s.run("(double 21)") == "42"


def test_importing_a_name_the_library_does_not_export_is_an_error(s):
    s.run(TWO_LIBS)
    err = s.syntax_error("(import (only (lib a) helper))")
    assert "helper is not exported by (lib a)" in message(err)


def test_exported_macro_uses_the_library_private_names(s):
    s.run("""
    (define-library (lib m)
      (export checked)
      (import (scheme base))
      (begin
        (define (log-it x) (list 'checked x))
        (define-syntax checked (syntax-rules () ((_ e) (log-it e))))))
    (import (lib m))
    (define (log-it x) 'user-version)""")
    assert s.run("(checked 5)") == "(checked 5)"


def test_a_library_importing_another(s):
    s.run(TWO_LIBS + """
    (define-library (lib c)
      (export c-value)
      (import (scheme base) (prefix (lib a) a:))
      (begin (define (c-value) (+ (a:a-value) (a:twice 1)))))
    (import (lib c))""")
    assert s.run("(c-value)") == "12"
    assert "unbound variable: a:a-value" in message(s.error("(a:a-value)"))


def test_procedure_names_in_backtraces_stay_plain(s):
    s.run(TWO_LIBS + "(import (lib a))")
    assert s.run("twice") == "#<procedure twice>"


def test_library_procedures_may_refer_to_later_definitions(s):
    s.run("""
    (define-library (lib fwd)
      (export f define-pair)
      (import (scheme base))
      (begin
        (define-syntax define-pair
          (syntax-rules () ((_ a b va vb) (begin (define a va) (define b vb)))))
        (define (f) (list (g) h k))
        (define (g) 'g)
        (define-pair h k 1 2)))
    (import (lib fwd))""")
    assert s.run("(f)") == "(g 1 2)"
    assert "unbound variable: g" in message(s.error("(g)"))
    assert s.run("(define-pair p q 3 4) (list p q)") == "(3 4)"

"""Error messages as a user sees them: the location and caret, values
quoted at a limited width, did-you-mean for unbound names, syntax errors
naming the wrong part (elle.errors.format_error over real evaluation)."""

import pytest

from elle.api import Interpreter
from elle.errors import ElleError, format_error
from elle.printer import ERROR_PRINT_WIDTH


def rendered(src: str, filename: str = "t.scm", jit=False) -> str:
    interp = Interpreter(jit=jit)
    with pytest.raises(ElleError) as info:
        interp.eval(src, filename)
    return format_error(info.value)


def caret_column(text: str, line_no: int) -> int:
    """The 1-based column of the caret under source line `line_no`."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.lstrip().startswith(f"{line_no} | "):
            caret = lines[i + 1]
            prefix = line.index("| ") + 2
            return caret.index("^") - prefix + 1
    raise AssertionError(f"no source line {line_no} in:\n{text}")


# ---------------------------------------------------------------- locations

def test_raise_of_a_symbol_in_tail_position_points_at_the_toplevel_call():
    text = rendered("(define (g) (raise 'boom))\n(g)\n")
    assert text.startswith("raise: non-error object raised: boom")
    assert "--> t.scm:2:1" in text
    assert caret_column(text, 2) == 1


def test_raise_at_toplevel_has_a_location():
    text = rendered("(display 1)\n(raise 'oops)\n")
    assert "--> t.scm:2:1" in text


def test_prelude_procedure_failing_in_tail_position_points_at_the_user_call():
    # `find` is written in Elle (prelude); h calls it in tail position, so
    # no user frame is left when car fails inside it.
    text = rendered("(define (h l) (find car l))\n(display \"x\")\n(h (list 1 2))\n")
    assert "car: expected a pair" in text
    assert "--> t.scm:3:1" in text


def test_errors_with_a_user_frame_keep_their_location():
    text = rendered("(define (f x)\n  (car x))\n(define (g y) (+ 1 (f y)))\n(g 42)\n")
    assert "--> t.scm:2:3" in text


# ---------------------------------------------------------------- width

def test_a_big_vector_irritant_is_cut_to_the_print_width():
    text = rendered('(define v (make-vector 5000 0))\n(error "bad vector" v)\n')
    first = text.split("\n")[0]
    assert first.startswith("error: bad vector #(0 0 0")
    assert first.endswith("...")
    assert len(first) <= len("error: bad vector ") + ERROR_PRINT_WIDTH


def test_wrong_type_values_and_raised_objects_are_cut_too():
    text = rendered("(car (make-vector 3000 1))")
    assert len(text.split("\n")[0]) < ERROR_PRINT_WIDTH + 60 and "..." in text
    text = rendered("(raise (make-string 1000 #\\a))")
    assert len(text.split("\n")[0]) < ERROR_PRINT_WIDTH + 60 and text.split("\n")[0].endswith("...")
    text = rendered("((make-vector 1000 2) 1)")
    assert "not a procedure: #(2 2" in text and len(text.split("\n")[0]) < ERROR_PRINT_WIDTH + 60


def test_a_circular_irritant_prints_with_labels_inside_the_width():
    text = rendered("(define p (list 1 2))\n(set-cdr! (cdr p) p)\n(error \"loop\" p)\n")
    assert text.startswith("error: loop #0=(1 2 . #0#)")


def test_short_irritants_are_printed_whole():
    text = rendered('(error "bad thing:" \'(1 2 3) "str")')
    assert text.startswith('error: bad thing: (1 2 3) "str"')


def test_the_error_object_keeps_its_irritants_whole():
    interp = Interpreter(jit=False)
    n = interp.eval("(guard (e (#t (vector-length (car (error-object-irritants e)))))"
                    " (error \"big\" (make-vector 5000 0)))")
    assert n == 5000


# ---------------------------------------------------------------- did you mean

def test_unbound_name_close_to_a_bound_one_gets_a_suggestion():
    text = rendered("(define (f x)\n  (+ 1 (lenght x)))\n(f '(1 2))\n")
    assert text.startswith("unbound-variable: unbound variable: lenght (did you mean length?)")


def test_suggestions_cover_user_definitions_and_syntax_keywords():
    assert "(did you mean my-counter?)" in rendered("(define my-counter 0)\n(+ my-countr 1)\n")
    assert "(did you mean vector-length?)" in rendered("(vector-lenth (vector 1))")
    assert "(did you mean length?)" in rendered("(set! lenght 1)")
    assert "(did you mean unless?)" in rendered("(unles #f 1)")


def test_no_suggestion_when_nothing_is_close():
    text = rendered("(qqqqqzz 1)")
    assert "unbound variable: qqqqqzz" in text and "did you mean" not in text
    assert "did you mean" not in rendered("(zq 1)")      # too short to guess


def test_internal_and_library_private_names_are_never_suggested():
    from elle.errors import closest_name
    interp = Interpreter(jit=False)
    names = interp.vm.known_names()
    assert "length" in names and "lambda" in names
    assert not [n for n in names if n.startswith("%") or "@(" in n]
    assert closest_name("lenght", ["length", "lent"]) == "length"
    assert closest_name("abc", ["abd", "abe"]) == "abd"      # deterministic tie-break


def test_a_handled_unbound_error_keeps_the_plain_message():
    interp = Interpreter(jit=False)
    msg = interp.eval("(guard (e (#t (error-object-message e))) (lenght 1))")
    assert msg == "unbound variable: lenght"


def test_edit_distance_counts_a_swap_as_one_edit():
    from elle.errors import edit_distance
    assert edit_distance("lenght", "length", 3) == 1
    assert edit_distance("kitten", "sitting", 5) == 3
    assert edit_distance("abc", "abcdefgh", 2) == 3        # over the limit: limit + 1


@pytest.mark.parametrize("jit", [False, None])     # the VM alone; the default tiers
def test_suggestion_from_compiled_code_too(jit):
    src = "(define (f n) (if (= n 0) (lenght '(1)) (f (- n 1))))\n(f 200)\n"
    assert "(did you mean length?)" in rendered(src, jit=jit)


# ---------------------------------------------------------------- carets

@pytest.mark.parametrize("jit", [False, None])
def test_unbound_callee_caret_is_under_the_name_not_the_paren(jit):
    text = rendered("(define (f x)\n  (+ 1 (lenght x)))\n(f '(1 2))\n", jit=jit)
    assert "--> t.scm:2:9" in text
    assert caret_column(text, 2) == 9
    assert "f  t.scm:2:8" in text          # the backtrace still names the call


def test_unbound_argument_caret_is_under_the_name():
    text = rendered("(define (f x)\n  (+ x undefined-thing))\n(f 1)\n")
    assert "--> t.scm:2:8" in text and caret_column(text, 2) == 8


def test_unbound_toplevel_atom_has_its_own_location():
    # a bare name at toplevel is an atom: no pair carries its location
    text = rendered("(display 1)\n\n   undefined-thing\n")
    assert "--> t.scm:3:4" in text and caret_column(text, 3) == 4
    assert "--> t.scm:1:7" in rendered('"a" 5 nothing-here')


def test_space_after_the_paren_is_skipped():
    text = rendered("( lenght 1)")
    assert "--> t.scm:1:3" in text


def test_other_errors_at_a_global_call_still_point_at_the_call():
    text = rendered("(define (f x)\n  (car x))\n(define (g y) (+ 1 (f y)))\n(g 42)\n")
    assert "--> t.scm:2:3" in text and caret_column(text, 2) == 3
    assert "--> t.scm:1:1" in rendered("(vector-ref (vector 1) 5)")


def test_a_name_introduced_by_a_macro_points_at_the_macro_use():
    src = ("(define-syntax call-missing\n  (syntax-rules () ((_ x) (missing-proc x))))\n"
           "(display 1)\n(call-missing 5)\n")
    text = rendered(src)
    assert "unbound variable: missing-proc" in text
    assert "--> t.scm:4:1" in text


# ---------------------------------------------------------------- syntax errors

@pytest.mark.parametrize("src,first_line", [
    ("(let ((x 1) (y)) (+ x y))", "syntax-error: let: malformed binding (y)"),
    ("(define (f x))", "syntax-error: define: procedure f has no body"),
    ("(define x 1 2)", "syntax-error: define: unexpected expression after the value: 2"),
    ("(define 5 1)", "syntax-error: define: expected a name, got 5"),
    ("(lambda (x 1) x)", "syntax-error: lambda: parameter is not an identifier: 1"),
    ("(set! 5 1)", "syntax-error: set!: expected a variable name, got 5"),
    ("(if 1 2 3 4)", "syntax-error: if: bad syntax, unexpected 4, expected (if test then [else])"),
    ("(if)", "syntax-error: if: bad syntax, missing parts in (if), expected (if test then [else])"),
    ("(f . 1)", "syntax-error: call: bad syntax, a dotted tail . 1, expected a proper list"),
    ("(let ((x 1) (x 2)) x)", "syntax-error: let: duplicate variable x"),
])
def test_syntax_errors_name_the_wrong_part(src, first_line):
    text = rendered(src)
    assert text.split("\n")[0].startswith(first_line), text


def test_a_long_form_is_not_glued_onto_the_message():
    body = " ".join(f"(display {i})" for i in range(100))
    for src in [f"(define (f x) {body} (define y 1))",        # no expression after definitions
                f"(define (f x))\n{body}",
                f"(let ((a 1) (a 2)) {body})"]:
        first = rendered(src).split("\n")[0]
        assert "(display 5)" not in first and len(first) < 120, first


def test_a_long_wrong_part_is_cut():
    inner = " ".join(str(i) for i in range(500))
    first = rendered(f"(if 1 2 3 ({inner}))").split("\n")[0]
    assert "unexpected (0 1 2" in first and "..." in first and len(first) < 200


def test_local_variables_are_suggested_and_win_ties():
    text = rendered("(define (f count) (let ((total 5)) (+ cont total)))\n(f 1)\n")
    assert "unbound variable: cont (did you mean count?)" in text      # not `cond`
    text = rendered("(define (f count) (let ((total 5)) (+ count totl)))\n(f 1)\n")
    assert "(did you mean total?)" in text
    text = rendered("(define (f) (let loop ((index 0)) (if (< indx 3) (loop (+ index 1)) 0)))\n(f)\n")
    assert "(did you mean index?)" in text


@pytest.mark.parametrize("src, message", [
    ("(exact +inf.0)", "exact: +inf.0 has no exact representation"),
    ("(exact 1e400)", "exact: +inf.0 has no exact representation"),
    ("(exact (make-rectangular +nan.0 1.0))", "exact: +nan.0+1.0i has no exact representation"),
    ("(make-vector (expt 10 12))", "make-vector: length 1000000000000 is too large"),
])
def test_value_named_in_message_is_not_repeated_as_irritant(src, message):
    from elle.api import Interpreter
    from elle.errors import ElleError, format_error
    with pytest.raises(ElleError) as e:
        Interpreter(jit=False).eval(src)
    first = format_error(e.value).splitlines()[0]
    assert first == "range-error: " + message

"""Complex numbers, procedure by procedure: exact (ExactComplex) and
inexact (Python complex) arguments, branch cuts, signed zeros, the
exactness rules of R7RS 6.2 and the type predicates. Results are compared
by their written text, which shows exactness and the sign of every zero."""

import math

import pytest

from elle import Interpreter
from elle.errors import ElleError
from elle.printer import write_string

_INTERP = Interpreter(jit=False)


def w(expr: str) -> str:
    return write_string(_INTERP.eval_text(expr))


def check(expr: str, want: str):
    assert w(expr) == want, expr


def fails(expr: str, kind: str, text: str = ""):
    with pytest.raises(ElleError) as info:
        _INTERP.eval(expr)
    assert info.value.kind == kind, info.value
    assert text in info.value.payload.message


def close(expr: str, re: float, im: float):
    z = _INTERP.eval(expr)
    assert type(z) is complex, (expr, z)
    assert z.real == pytest.approx(re, abs=1e-12) and z.imag == pytest.approx(im, abs=1e-12)


# -- constructors and accessors -------------------------------------------------------

@pytest.mark.parametrize("expr,want", [
    ("(make-rectangular 1 2)", "1+2i"), ("(make-rectangular 1/2 -1)", "1/2-i"),
    ("(make-rectangular 3 0)", "3"), ("(make-rectangular 1.5 0)", "1.5"),
    ("(make-rectangular 1 0.0)", "1.0+0.0i"), ("(make-rectangular 0 -0.0)", "0.0-0.0i"),
    ("(make-rectangular -0.0 2)", "-0.0+2.0i"),
    ("(make-polar 2 0)", "2"), ("(make-polar 0 1)", "0.0+0.0i"),
    ("(real-part 1+2i)", "1"), ("(imag-part 1+2i)", "2"), ("(real-part 1.5-2.5i)", "1.5"),
    ("(imag-part 1.5-0.0i)", "-0.0"), ("(imag-part 7)", "0"), ("(imag-part 7.5)", "0"),
    ("(real-part 7.5)", "7.5"),
    ("(magnitude 3+4i)", "5"), ("(magnitude -3/4i)", "3/4"), ("(magnitude 1+i)", "1.4142135623730951"),
    ("(magnitude 3.0-4.0i)", "5.0"), ("(magnitude -5)", "5"), ("(magnitude -2.5)", "2.5"),
    ("(magnitude +inf.0+nan.0i)", "+inf.0"),
    ("(angle 1)", "0"), ("(angle 1.0)", "0.0"), ("(angle -1)", "3.141592653589793"),
    ("(angle -0.0)", "3.141592653589793"), ("(angle +i)", "1.5707963267948966"),
    ("(angle -1.0-0.0i)", "-3.141592653589793"), ("(angle -1.0+0.0i)", "3.141592653589793"),
])
def test_constructors_and_accessors(expr, want):
    check(expr, want)


def test_make_polar_inexact():
    close("(make-polar 2 1)", 2 * math.cos(1), 2 * math.sin(1))
    close("(make-polar 1.0 (acos -1))", -1.0, 1.2246467991473532e-16)
    fails("(make-polar +i 1)", "type-error", "real number")
    fails("(make-rectangular 1 +i)", "type-error", "real number")
    fails("(real-part 'x)", "type-error")


# -- arithmetic -------------------------------------------------------------------

@pytest.mark.parametrize("expr,want", [
    ("(+ 1+2i 3-2i)", "4"), ("(+ 1/2 +i)", "1/2+i"), ("(+ 1+i 0.5)", "1.5+1.0i"),
    ("(+ 1.0 -0.0-0.0i)", "1.0-0.0i"), ("(+ +i)", "+i"), ("(+ 1 2 +i 3.0)", "6.0+1.0i"),
    ("(- +i)", "-i"), ("(- 0.0+0.0i)", "-0.0-0.0i"), ("(- 5 +i)", "5-i"),
    ("(- 1.0 0.0+1.0i)", "1.0-1.0i"), ("(- 1.0+2.0i 1)", "0.0+2.0i"),
    ("(* +i +i)", "-1"), ("(* 1+i 1-i)", "2"), ("(* 2 1/2+3/2i)", "1+3i"),
    ("(* 2.0 +inf.0+0.0i)", "+inf.0+0.0i"), ("(* 1.0+1.0i 1.0-1.0i)", "2.0+0.0i"),
    ("(* 0.5 +i)", "0.0+0.5i"),
    ("(/ +i)", "-i"), ("(/ 1+2i 3-4i)", "-1/5+2/5i"), ("(/ 2+2i 2)", "1+i"),
    ("(/ 1.0+2.0i 2)", "0.5+1.0i"), ("(/ 1.0+2.0i 0)", "+inf.0+inf.0i"),
    ("(/ 1 0.0+0.0i)", "+inf.0+nan.0i"), ("(/ 1.0 +2.0i)", "0.0-0.5i"),
    ("(square 1+i)", "+2i"), ("(square 1.0+1.0i)", "0.0+2.0i"),
    # folds whose intermediate results are real keep the real rules
    ("(+ +i -i 1/2 1/2)", "1"), ("(/ +i +i 2 4)", "1/8"), ("(* +i -i 1/2 2)", "1"),
    ("(- +i +i 1/2 1/2)", "-1"), ("(* 2.0 3.0 +i)", "0.0+6.0i"), ("(+ 1.0 2.0 +i)", "3.0+1.0i"),
    ("(/ +i +i 1.0 0.0)", "+inf.0"), ("(* -2.0 0.0+1.0i 1)", "-0.0-2.0i"),
])
def test_arithmetic(expr, want):
    check(expr, want)


def test_exact_division_by_zero():
    fails("(/ 1+2i 0)", "divide-by-zero")
    fails("(/ +i 0)", "divide-by-zero")


@pytest.mark.parametrize("expr,want", [
    ("(= 1+i 1+i)", "#t"), ("(= 1+i 1.0+1.0i)", "#t"), ("(= 1+i 1-i)", "#f"),
    ("(= 1 1.0+0.0i)", "#t"), ("(= +i +i +i)", "#t"), ("(= 1/2+i 0.5+1.0i 1/2+i)", "#t"),
    ("(zero? 0.0+0.0i)", "#t"), ("(zero? -0.0-0.0i)", "#t"), ("(zero? +i)", "#f"),
    ("(eqv? 1+i 1+i)", "#t"), ("(eqv? 1+i 1.0+1.0i)", "#f"),
    ("(eqv? 1.0+0.0i 1.0-0.0i)", "#f"), ("(eqv? +nan.0+i +nan.0+i)", "#t"),
    ("(equal? (list 1+i) (list 1+i))", "#t"),
])
def test_equality(expr, want):
    check(expr, want)


@pytest.mark.parametrize("expr", [
    "(< +i 1)", "(> 1 1+i)", "(<= 1.0+1.0i 2)", "(>= +i +i)", "(positive? +i)",
    "(negative? -1.0-1.0i)", "(max 1 +i)", "(min +i)", "(abs -i)", "(floor 1.5+i)",
    "(round +i)", "(numerator +i)", "(quotient +i 2)", "(atan +i 1)", "(exact-integer-sqrt -1)",
])
def test_ordering_and_real_only_procedures_refuse_non_real(expr):
    fails(expr, "type-error")


def test_hash_tables_key_complex_numbers_by_eqv():
    check("""(let ((h (make-hash-table eqv?)))
               (hash-table-set! h 1+i 'exact) (hash-table-set! h 1.0+1.0i 'inexact)
               (hash-table-set! h +nan.0+nan.0i 'nan)
               (list (hash-table-ref/default h 1+i #f) (hash-table-ref/default h 1.0+1.0i #f)
                     (hash-table-ref/default h (make-rectangular +nan.0 +nan.0) #f)))""",
          "(exact inexact nan)")


# -- predicates and exactness -------------------------------------------------------

@pytest.mark.parametrize("expr,want", [
    ("(number? +i)", "#t"), ("(complex? 1.0+2.0i)", "#t"), ("(complex? 1)", "#t"),
    ("(real? 1+0i)", "#t"), ("(real? 1.0+0i)", "#t"), ("(real? 1.0+0.0i)", "#f"),
    ("(real? +i)", "#f"), ("(rational? 1/2+0i)", "#t"), ("(rational? 1+i)", "#f"),
    ("(integer? 3+0i)", "#t"), ("(integer? 3.0+0.0i)", "#f"), ("(integer? +i)", "#f"),
    ("(exact? 1+i)", "#t"), ("(exact? 1.0+i)", "#f"), ("(inexact? 1.0+1.0i)", "#t"),
    ("(exact-integer? +i)", "#f"), ("(exact-rational? +i)", "#f"),
    ("(nan? +nan.0+i)", "#t"), ("(nan? 1+nan.0i)", "#t"), ("(nan? 1.0+1.0i)", "#f"),
    ("(infinite? 1+inf.0i)", "#t"), ("(infinite? +nan.0+nan.0i)", "#f"),
    ("(finite? 1.0+1.0i)", "#t"), ("(finite? 1+inf.0i)", "#f"), ("(finite? +nan.0+i)", "#f"),
    ("(exact 1.5-2.5i)", "3/2-5/2i"), ("(exact 2.0+0.0i)", "2"), ("(inexact 1/2+i)", "0.5+1.0i"),
    ("(exact->inexact +i)", "0.0+1.0i"), ("(inexact->exact 0.0+1.0i)", "+i"),
    ("(exact 1+i)", "1+i"), ("(inexact 1.0+1.0i)", "1.0+1.0i"),
])
def test_predicates_and_exactness(expr, want):
    check(expr, want)


def test_exact_of_a_non_finite_complex_is_an_error():
    fails("(exact +inf.0+i)", "range-error")
    fails("(exact 1+nan.0i)", "range-error")


# -- roots -------------------------------------------------------------------------

@pytest.mark.parametrize("expr,want", [
    ("(sqrt -1)", "+i"), ("(sqrt -4)", "+2i"), ("(sqrt -4/9)", "+2/3i"),
    ("(sqrt 3+4i)", "2+i"), ("(sqrt 3-4i)", "2-i"), ("(sqrt -3+4i)", "1+2i"),
    ("(sqrt +2i)", "1+i"), ("(sqrt -2i)", "1-i"),
    ("(sqrt (square (+ (expt 10 30) (* 3 (expt 10 29)) +i)))", "1300000000000000000000000000000+i"),
    ("(sqrt -4.0)", "0.0+2.0i"), ("(sqrt -4.0+0.0i)", "0.0+2.0i"),
    ("(sqrt -4.0-0.0i)", "0.0-2.0i"), ("(sqrt -0.0)", "-0.0"), ("(sqrt -inf.0)", "0.0+inf.0i"),
    ("(sqrt -2)", "0.0+1.4142135623730951i"), ("(sqrt 0.0+0.0i)", "0.0+0.0i"),
    ("(sqrt +inf.0+nan.0i)", "+inf.0+nan.0i"),
])
def test_sqrt(expr, want):
    check(expr, want)


def test_sqrt_inexact_complex():
    close("(sqrt +i)", math.sqrt(0.5), math.sqrt(0.5))
    close("(sqrt 1+i)", 1.0986841134678098, 0.45508986056222733)


def test_exact_integer_sqrt_stays_integer_only():
    check("(call-with-values (lambda () (exact-integer-sqrt 17)) list)", "(4 1)")
    fails("(exact-integer-sqrt +i)", "type-error")


@pytest.mark.parametrize("expr,want", [
    ("(expt +i 2)", "-1"), ("(expt +i 3)", "-i"), ("(expt 1+i 4)", "-4"),
    ("(expt 1+i -2)", "-1/2i"), ("(expt -1 1/2)", "+i"), ("(expt -4 1/2)", "+2i"),
    ("(expt -4 3/2)", "-8i"), ("(expt 3+4i 1/2)", "2+i"), ("(expt 1+i 0)", "1"),
    ("(expt 1.0+1.0i 2)", "0.0+2.0i"), ("(expt 0.0 1+i)", "0.0"), ("(expt +i -2)", "-1"),
    ("(expt +i -1)", "-i"), ("(expt +2i -3)", "+1/8i"), ("(expt -1/4 1/2)", "+1/2i"),
])
def test_expt_exact_and_integer_powers(expr, want):
    check(expr, want)


def test_expt_inexact():
    close("(expt -1 0.5)", 6.123233995736766e-17, 1.0)
    check("(expt -2 1/2)", "0.0+1.4142135623730951i")       # as (sqrt -2)
    close("(expt -8 1/3)", 1.0, math.sqrt(3))
    close("(expt -8.0 1/3)", 1.0, math.sqrt(3))
    close("(expt 2 +i)", math.cos(math.log(2)), math.sin(math.log(2)))
    close("(expt +i +i)", math.exp(-math.pi / 2), 0.0)
    fails("(expt 0 +i)", "divide-by-zero")
    fails("(expt 0 -1+i)", "divide-by-zero")
    check("(expt +i (expt 10 12))", "1")
    fails("(expt 2+i (expt 10 12))", "range-error")


# -- exp and log ---------------------------------------------------------------------

def test_exp():
    close("(exp (* +i (acos -1)))", -1.0, 1.2246467991473532e-16)
    close("(exp +i)", math.cos(1), math.sin(1))
    close("(exp 1+i)", math.e * math.cos(1), math.e * math.sin(1))
    check("(exp 0.0+0.0i)", "1.0+0.0i")
    check("(exp 1000+i)", "+inf.0+inf.0i")
    check("(exp 1000.0+0.0i)", "+inf.0+0.0i")
    check("(exp -inf.0+0.0i)", "0.0+0.0i")


@pytest.mark.parametrize("expr,re,im", [
    ("(log -1)", 0.0, math.pi), ("(log -1.0)", 0.0, math.pi), ("(log -1/2)", math.log(0.5), math.pi),
    ("(log (- (expt 10 400)))", 400 * math.log(10), math.pi),
    ("(log +i)", 0.0, math.pi / 2), ("(log -i)", 0.0, -math.pi / 2),
    ("(log -1.0+0.0i)", 0.0, math.pi), ("(log -1.0-0.0i)", 0.0, -math.pi),
    ("(log 1+i)", math.log(2) / 2, math.pi / 4),
    ("(log -8 2)", 3.0, math.pi / math.log(2)),
])
def test_log_branch_cut(expr, re, im):
    close(expr, re, im)


def test_log_of_complex_zero_and_infinity():
    check("(log 0.0+0.0i)", "-inf.0+0.0i")
    check("(log -0.0+0.0i)", "-inf.0+3.141592653589793i")
    check("(log -inf.0)", "+inf.0+3.141592653589793i")
    check("(log 0)", "-inf.0")


# -- trigonometry ------------------------------------------------------------------------

def test_sin_cos_tan():
    close("(sin +i)", 0.0, math.sinh(1))
    close("(cos +i)", math.cosh(1), 0.0)
    close("(tan 1+i)", 0.27175258531951174, 1.0839233273386946)
    check("(sin 1+1000i)", "+inf.0+inf.0i")
    check("(tan 1+1000i)", "0.0+1.0i")
    check("(sin 0.0+0.0i)", "0.0+0.0i")
    check("(sin -0.0-0.0i)", "-0.0-0.0i")


@pytest.mark.parametrize("expr,re,im", [
    # real arguments beyond [-1, 1]: R7RS's formula (cut above 1 continuous with quadrant IV)
    ("(asin 2)", math.pi / 2, -1.3169578969248166), ("(asin -2)", -math.pi / 2, 1.3169578969248166),
    ("(acos 2)", 0.0, 1.3169578969248166), ("(acos -2)", math.pi, -1.3169578969248166),
    ("(asin 2.0)", math.pi / 2, -1.3169578969248166),
    # complex arguments: the sign of the zero imaginary part picks the side (C99 Annex G)
    ("(asin 2.0+0.0i)", math.pi / 2, 1.3169578969248166),
    ("(asin 2.0-0.0i)", math.pi / 2, -1.3169578969248166),
    ("(acos 2.0+0.0i)", 0.0, -1.3169578969248166),
    ("(asin +i)", 0.0, math.asinh(1)), ("(acos +i)", math.pi / 2, -math.asinh(1)),
    ("(atan 1+i)", 1.0172219678978514, 0.4023594781085251),
    ("(atan +2i)", math.pi / 2, math.atanh(0.5)), ("(atan -0.0+2.0i)", -math.pi / 2, math.atanh(0.5)),
    ("(atan -2i)", math.pi / 2, -math.atanh(0.5)),
])
def test_inverse_trig_branch_cuts(expr, re, im):
    close(expr, re, im)


def test_real_arguments_inside_the_domain_stay_real():
    check("(asin 1)", "1.5707963267948966")
    check("(acos 1)", "0.0")
    check("(atan 1 1)", "0.7853981633974483")
    check("(asin +nan.0)", "+nan.0")


def test_atan_poles_are_errors():
    fails("(atan +i)", "range-error", "pole")
    fails("(atan -1.0i)", "range-error", "pole")


# -- number->string and string->number ---------------------------------------------------

@pytest.mark.parametrize("expr,want", [
    ('(number->string 1+2i)', '"1+2i"'), ('(number->string 10+255i 16)', '"a+ffi"'),
    ('(number->string -1/2-i 2)', '"-1/10-i"'), ('(number->string 1.5-0.0i)', '"1.5-0.0i"'),
    ('(string->number "1+2i")', "1+2i"), ('(string->number "a+fi" 16)', "10+15i"),
    ('(string->number "#e1.5+2.5i")', "3/2+5/2i"), ('(string->number "#i1+i")', "1.0+1.0i"),
    ('(string->number "1@0")', "1"), ('(string->number "+inf.0i")', "0.0+inf.0i"),
    ('(string->number "-inf.0-nan.0i")', "-inf.0+nan.0i"), ('(string->number "1+i+")', "#f"),
    ('(string->number "+i")', "+i"), ('(string->number "-I")', "-i"),
])
def test_number_string_conversions(expr, want):
    check(expr, want)


def test_inexact_complex_in_another_radix_is_an_error():
    fails("(number->string 1.0+1.0i 16)", "range-error")


# -- (scheme complex) -----------------------------------------------------------------------

def test_scheme_complex_library_exports():
    i = Interpreter(jit=False)
    got = i.eval_text("""(import (prefix (scheme complex) c:))
                    (list (c:make-rectangular 1 2) (c:make-polar 1 0) (c:real-part 1+2i)
                          (c:imag-part 1+2i) (c:magnitude 3+4i) (c:angle 1))""")
    assert write_string(got) == "(1+2i 1 1 2 5 0)"
    with pytest.raises(ElleError) as info:
        i.eval("(import (only (scheme complex) sqrt))")
    assert "not exported" in info.value.payload.message
    got = i.eval_text("(import (rename (only (scheme complex) angle) (angle arg))) (arg -1)")
    assert got == math.pi

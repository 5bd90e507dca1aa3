"""Every primitive, called with arguments of every kind, answers with a value
or an Elle error: never an internal error (a Python exception escaping a
primitive) and never a hang.

The arguments come from a fixed pool of values of every type (with the
awkward ones: NaN, -0.0, a bignum, an improper list, `(values)`...); each
arity a primitive accepts (up to three past its minimum) is tried with
every pool value alone, or with a fixed pseudo-random sample of tuples.
All of one primitive's calls run in one program, each under `guard`, so
the sweep stays fast; a time limit stops a call that would not end.
"""

from __future__ import annotations

import itertools
import random

import pytest

from elle.api import Interpreter
from elle.errors import ElleError
from elle.primitives import PRIMITIVES, load_all

POOL = ("0", "1", "-1", "7", "2.5", "-0.0", "+nan.0", "+inf.0", "1/3", "(expt 10 40)", "1+2i",
        '"ab"', '""', "#\\a", "'sym", "'()", "'(1 2)", "'(1 . 2)", "(vector 1 2)", "(vector)",
        "(bytevector 1 2)", "#t", "#f", "car", "(lambda (x) x)", "(lambda args 1)",
        "(make-parameter 1)", "(current-output-port)", "(list 'a 1)", "(string->list \"ab\")",
        "(eof-object)", "(if #f #f)", "(values)", "(values 1 2)", "'#(1 #(2))", "'((a . 1))")
# Reading stdin, sleeping and leaving the process are not what this checks.
SKIP = {"exit", "emergency-exit", "read", "read-line", "read-char", "peek-char", "read-string",
        "read-u8", "peek-u8", "read-bytevector", "read-bytevector!", "char-ready?", "u8-ready?",
        "sleep", "%sleep",
        "%raise-uncaught"}     # (the uncaught-raise path: guard does not see it, by design)
SAMPLES = 24        # argument tuples per arity above 1


def _calls(name, prim, rnd):
    hi = prim.max_args if prim.max_args is not None else prim.min_args + 3
    for n in range(prim.min_args, min(hi, prim.min_args + 3) + 1):
        if n <= 1:
            combos = itertools.product(POOL, repeat=n)
        else:
            combos = (tuple(rnd.choice(POOL) for _ in range(n)) for _ in range(SAMPLES))
        for args in combos:
            yield f"({name} {' '.join(args)})"


def _program(calls) -> str:
    """Run every call under guard; the value is the list of the indices of
    the calls that raised an internal error."""
    thunks = "\n".join(f"(lambda () {c})" for c in calls)
    return (
        "(let loop ((ts (list " + thunks + ")) (i 0) (bad '()))\n"
        "  (if (null? ts) (reverse bad)\n"
        "      (loop (cdr ts) (+ i 1)\n"
        "            (guard (e ((and (error-object? e) (string? (error-object-message e))\n"
        "                            (>= (string-length (error-object-message e)) 14)\n"
        "                            (string=? (substring (error-object-message e) 0 14)\n"
        "                                      \"internal error\"))\n"
        "                       (cons i bad))\n"
        "                      (#t bad))\n"
        "              (call-with-values (car ts) (lambda vals bad))))))")


def _primitive_names():
    load_all()
    return sorted(n for n, p in PRIMITIVES.items() if n not in SKIP and hasattr(p, "max_args"))


@pytest.mark.slow
def test_no_primitive_raises_an_internal_error():
    rnd = random.Random(20261204)
    failures = []
    interp = Interpreter(sandbox=True, time_limit=20)
    for name in _primitive_names():
        calls = list(_calls(name, PRIMITIVES[name], rnd))
        try:
            bad = interp.eval(_program(calls))
        except ElleError as e:          # a hang (time limit) or an error guard let through
            failures.append(f"{name}: {str(e).splitlines()[0]}")
            interp = Interpreter(sandbox=True, time_limit=20)
            continue
        failures.extend(calls[i] for i in bad)
    assert failures == []


def test_prelude_helpers_reject_bad_arguments_with_elle_errors():
    """The `%` helpers the prelude's n-ary procedures use are ordinary
    globals a program can call: bad arguments are type and range errors."""
    interp = Interpreter()
    for call, kind in (("(%cars 'map 5)", "type-error"), ("(%cdrs '(1 2))", "type-error"),
                       ("(%cdrs 0)", "type-error"), ("(%vector-refs 1 2)", "type-error"),
                       ("(%vector-refs (list (vector 1)) 3)", "range-error"),
                       ("(%string-refs (list \"ab\") 5)", "range-error"),
                       ("(%check-string 1 2 3)", "type-error"),
                       ("(%list->string 7 '(1))", "type-error"),
                       ("(make-list (expt 10 40))", "range-error"),
                       ("(iota (expt 10 12))", "range-error")):
        with pytest.raises(ElleError) as info:
            interp.eval(call)
        assert info.value.kind == kind, call
    assert interp.eval("(%vectors-min-length 'vector-map '())") == 0
    assert interp.eval("(map + '(1 2) '(10 20 30))") == [11, 22]

"""Unit tests for the compilability check and type inference (no VM needed)."""

import pytest

from elle import analysis
from elle.core import Call, Const, GlobalRef, GlobalSet, If, Lambda, Let, Letrec, LocalRef, LocalSet, Seq, Var
from elle.datum import MString, Symbol
from elle.environment import GlobalEnv
from elle.jit.check import Planner
from elle.jit.infer import infer
from elle.jit.ops import BOOL, FIX, FLO, Reject, join, tag_of, TOP
from elle.primitives import load_all
from elle.values import Closure


class Code:
    def __init__(self, lam, name):
        self.lam, self.name = lam, name
        self.jit_entry, self.jit_profile, self.jit_data = None, True, None


def G(name):
    return GlobalRef(Symbol(name))


def prim(name, *args):
    return Call(G(name), list(args))


@pytest.fixture
def env():
    e = GlobalEnv()
    for k, v in load_all().items():
        e.define(k, v)
    return e


def define(env, name, params, body):
    lam = Lambda(params, None, body, name=name)
    analysis.analyse(lam)
    code = Code(lam, name)
    env.define(name, Closure(code, [], name))
    return code


def fib(env):
    n = Var("n")
    body = If(prim("<", LocalRef(n), Const(2)), LocalRef(n),
              prim("+", Call(G("fib"), [prim("-", LocalRef(n), Const(1))]),
                   Call(G("fib"), [prim("-", LocalRef(n), Const(2))])))
    return define(env, "fib", [n], body)


def reason(env, code, sig=(FIX,)):
    with pytest.raises(Reject) as exc:
        infer(Planner(env), code, sig)
    return exc.value.reason


def test_tags_never_treat_booleans_as_integers():
    assert tag_of(True) == BOOL and tag_of(5) == FIX and tag_of(2.0) == FLO
    assert tag_of(2 ** 63) == "other" and tag_of(-2 ** 63) == FIX
    assert join(FIX, FLO) == TOP and join("bot", FIX) == FIX


def test_fib_infers_fixnum_by_fixpoint(env):
    inf = infer(Planner(env), fib(env), (FIX,))
    assert inf.root.ret == FIX


def test_fib_on_flonums_is_flonum(env):
    inf = infer(Planner(env), fib(env), (FLO,))
    # (< n 2) then n: flo; (+ flo flo): flo
    assert inf.root.ret == FLO


def test_mixed_contagion(env):
    x, y = Var("x"), Var("y")
    code = define(env, "mix", [x, y], prim("*", LocalRef(x), LocalRef(y)))
    assert infer(Planner(env), code, (FIX, FLO)).root.ret == FLO
    assert infer(Planner(env), code, (FIX, FIX)).root.ret == FIX


def test_rejects_display(env):
    x = Var("x")
    code = define(env, "show", [x], Call(G("display"), [LocalRef(x)]))
    assert reason(env, code) == "calls display"


def test_rejects_global_assignment(env):
    x = Var("x")
    code = define(env, "setter", [x], GlobalSet(Symbol("counter"), LocalRef(x)))
    assert reason(env, code) == "assigns global variable counter"


def test_rejects_strings_and_closures(env):
    x = Var("x")
    code = define(env, "s", [x], Const(MString("hi")))
    assert reason(env, code) == "uses a constant of type a string"
    y = Var("y")
    code = define(env, "mk", [x], Lambda([y], None, LocalRef(y)))
    assert reason(env, code) == "creates a closure"


def test_rejects_unknown_global(env):
    x = Var("x")
    code = define(env, "u", [x], Call(G("nowhere"), [LocalRef(x)]))
    assert "nowhere" in reason(env, code)


def test_loop_variable_changing_type_is_rejected_with_names(env):
    n, s, i, loop = Var("n"), Var("s"), Var("i"), Var("loop")
    loop_lam = Lambda([i, s], None,
                      If(prim("=", LocalRef(i), LocalRef(n)), LocalRef(s),
                         Call(LocalRef(loop), [prim("+", LocalRef(i), Const(1)),
                                               prim("+", LocalRef(s), Const(0.5))])))
    body = Letrec([loop], [loop_lam], Call(LocalRef(loop), [Const(0), Const(0)]))
    code = define(env, "sumh", [n], body)
    r = reason(env, code)
    assert "variable s" in r and "fixnum" in r and "flonum" in r


def test_named_let_loop_infers(env):
    n, a, i, loop = Var("n"), Var("a"), Var("i"), Var("loop")
    loop_lam = Lambda([i, a], None,
                      If(prim("=", LocalRef(i), LocalRef(n)), LocalRef(a),
                         Call(LocalRef(loop), [prim("+", LocalRef(i), Const(1)),
                                               prim("+", LocalRef(a), LocalRef(i))])))
    body = Letrec([loop], [loop_lam], Call(LocalRef(loop), [Const(0), Const(0)]))
    code = define(env, "tri", [n], body)
    assert infer(Planner(env), code, (FIX,)).root.ret == FIX


def test_non_tail_loop_call_is_rejected(env):
    n, i, loop = Var("n"), Var("i"), Var("loop")
    loop_lam = Lambda([i], None, prim("+", Const(1), Call(LocalRef(loop), [LocalRef(i)])))
    body = Letrec([loop], [loop_lam], Call(LocalRef(loop), [LocalRef(n)]))
    code = define(env, "bad", [n], body)
    assert "non-tail" in reason(env, code)


def test_callee_rejection_names_the_callee(env):
    x = Var("x")
    define(env, "shout", [x], Call(G("display"), [LocalRef(x)]))
    y = Var("y")
    code = define(env, "caller", [y], Call(G("shout"), [LocalRef(y)]))
    assert reason(env, code) == "calls shout, which calls display"


def test_quotient_on_flonums_rejected(env):
    x = Var("x")
    code = define(env, "qf", [x], prim("quotient", LocalRef(x), Const(2)))
    assert "quotient on flonums" in reason(env, code, (FLO,))


def test_local_set_and_let(env):
    x, t = Var("x"), Var("t")
    body = Let([t], [Const(0)], Seq([LocalSet(t, prim("+", LocalRef(t), LocalRef(x))), LocalRef(t)]))
    code = define(env, "acc", [x], body)
    assert infer(Planner(env), code, (FIX,)).root.ret == FIX

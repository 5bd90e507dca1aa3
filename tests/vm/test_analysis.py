"""Analysis: ownership, captures, boxing, self closures, tail positions."""

from elle.analysis import analyse
from elle.core import Call, Const, GlobalRef, If, Lambda, Let, Letrec, LocalRef, LocalSet, Var
from elle.datum import sym


def toplevel(node):
    return analyse(Lambda([], None, node, "<toplevel>"))


def test_named_let_is_a_self_closure_without_captures():
    i, loop = Var("i"), Var("loop")
    body = If(Call(GlobalRef(sym("=")), [LocalRef(i), Const(0)]), Const(0),
              Call(LocalRef(loop), [Call(GlobalRef(sym("-")), [LocalRef(i), Const(1)])]))
    lam = Lambda([i], None, body, "loop")
    toplevel(Letrec([loop], [lam], Call(LocalRef(loop), [Const(5)])))
    assert lam.self_var is loop
    assert lam.free == []
    assert not loop.captured and not loop.boxed
    assert body.else_.tail and not body.else_.args[0].tail


def test_captured_and_assigned_variable_is_boxed():
    x = Var("x")
    inner = Lambda([], None, LocalSet(x, Const(1)), "set-x")
    top = toplevel(Let([x], [Const(0)], inner))
    assert x.captured and x.assigned and x.boxed
    assert inner.free == [x]
    assert x.owner is top


def test_assigned_but_not_captured_is_boxed_for_reentrant_continuations():
    x = Var("x")
    toplevel(Let([x], [Const(0)], LocalSet(x, Const(1))))
    assert x.assigned and not x.captured and x.boxed


def test_captured_immutable_variable_is_not_boxed():
    x = Var("x")
    inner = Lambda([], None, LocalRef(x), "get-x")
    toplevel(Let([x], [Const(0)], inner))
    assert x.captured and not x.boxed and inner.free == [x]


def test_mutual_recursion_boxes_the_variable_used_before_its_initialisation():
    ev, od, n = Var("even?"), Var("odd?"), Var("n")
    m = Var("m")
    even = Lambda([n], None, Call(LocalRef(od), [LocalRef(n)]), "even?")
    odd = Lambda([m], None, Call(LocalRef(ev), [LocalRef(m)]), "odd?")
    toplevel(Letrec([ev, od], [even, odd], Call(LocalRef(ev), [Const(4)])))
    assert od.boxed          # captured by even? before odd? exists
    assert not ev.boxed      # initialised before odd? captures it
    assert even.free == [od] and odd.free == [ev]


def test_free_variables_pass_through_intermediate_lambdas():
    x = Var("x")
    innermost = Lambda([], None, LocalRef(x), "c")
    middle = Lambda([], None, innermost, "b")
    toplevel(Let([x], [Const(1)], middle))
    assert middle.free == [x] and innermost.free == [x]

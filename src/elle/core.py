"""The core language: the small AST every surface form expands into.

**Owns:** the node classes below and `Var`, the identity of one local
variable binding. The expander (`elle.expander`) produces these with every
local resolved to a `Var` and every free identifier resolved to a global
`Symbol`; `elle.analysis` then fills in the analysis fields (marked
*analysis*) in place; `elle.compiler` lowers to bytecode and keeps the
analysed `Lambda` on each code object so the JIT can lower it again.
**Does not touch:** surface syntax, macros, bytecode.

Nodes (every node has `loc`: SourceLoc | None):

    Const(value)                      a literal / quoted datum
    LocalRef(var)                     read a local variable
    GlobalRef(name)                   read a global (Symbol)
    LocalSet(var, value)              set! a local; value of the node is unspecified
    GlobalSet(name, value)            set! a global (error if unbound)
    GlobalDefine(name, value)         toplevel define
    If(test, then, else_)             else_ is Const(unspecified) when absent
    Seq(body)                         body: non-empty list of nodes
    Lambda(params, rest, body, name)  params: list[Var]; rest: Var | None
    Let(vars, inits, body)            parallel let: inits see the outer scope
    Letrec(vars, inits, body)         letrec* : inits evaluated in order, each
                                      sees all vars (internal defines, named let)
    Call(fn, args)                    procedure call

Analysis fields:
    Var.assigned   some LocalSet targets it (after initialisation)
    Var.captured   referenced from a Lambda nested inside its binder
    Var.owner      the Lambda whose frame holds the variable
    Var.boxed      needs a Box at run time (assigned, or a
                   letrec var referenced before/while being initialised by
                   something other than its own lambda); set by analysis
    Lambda.free    list[Var]: the outer variables this lambda captures, in
                   the order its closure stores them
    Lambda.self_var  the letrec Var bound to this lambda when references to
                   it from inside can use the closure itself (named let), else None
    Call.tail      the call is in tail position of its lambda (or toplevel)
"""

from __future__ import annotations

import itertools

from .datum import SourceLoc, Symbol

_var_ids = itertools.count(1)


class Var:
    """One local variable binding. Identity is the binding: two Vars with the
    same name are different variables (that is what hygiene produces)."""

    __slots__ = ("name", "id", "assigned", "captured", "boxed", "binder", "owner")

    def __init__(self, name: Symbol | str):
        self.name = name if isinstance(name, Symbol) else Symbol(name)
        self.id = next(_var_ids)
        self.assigned = False
        self.captured = False
        self.boxed = False
        self.binder = None  # the Lambda / Let / Letrec node that binds it (analysis)
        self.owner = None   # the Lambda whose frame holds it (analysis)

    def __repr__(self):
        return f"{self.name.name}#{self.id}"


class Node:
    __slots__ = ("loc",)

    def children(self):
        return ()


class Const(Node):
    __slots__ = ("value",)

    def __init__(self, value, loc: SourceLoc | None = None):
        self.value = value
        self.loc = loc


class LocalRef(Node):
    __slots__ = ("var",)

    def __init__(self, var: Var, loc=None):
        self.var = var
        self.loc = loc


class GlobalRef(Node):
    __slots__ = ("name",)

    def __init__(self, name: Symbol, loc=None):
        self.name = name
        self.loc = loc


class LocalSet(Node):
    __slots__ = ("var", "value")

    def __init__(self, var: Var, value: Node, loc=None):
        self.var = var
        self.value = value
        self.loc = loc

    def children(self):
        return (self.value,)


class GlobalSet(Node):
    __slots__ = ("name", "value")

    def __init__(self, name: Symbol, value: Node, loc=None):
        self.name = name
        self.value = value
        self.loc = loc

    def children(self):
        return (self.value,)


class GlobalDefine(Node):
    __slots__ = ("name", "value")

    def __init__(self, name: Symbol, value: Node, loc=None):
        self.name = name
        self.value = value
        self.loc = loc

    def children(self):
        return (self.value,)


class If(Node):
    __slots__ = ("test", "then", "else_")

    def __init__(self, test: Node, then: Node, else_: Node, loc=None):
        self.test = test
        self.then = then
        self.else_ = else_
        self.loc = loc

    def children(self):
        return (self.test, self.then, self.else_)


class Seq(Node):
    __slots__ = ("body",)

    def __init__(self, body: list, loc=None):
        assert body, "Seq needs at least one node"
        self.body = body
        self.loc = loc

    def children(self):
        return tuple(self.body)


class Lambda(Node):
    __slots__ = ("params", "rest", "body", "name", "free", "self_var", "code", "cases")

    def __init__(self, params: list, rest: Var | None, body: Node, name=None, loc=None):
        self.params = params
        self.rest = rest
        self.body = body
        self.name = name          # str | None, for printing and backtraces
        self.loc = loc
        self.free = []            # analysis
        self.self_var = None      # analysis
        self.code = None          # the CodeObject compiled from this lambda
        # A case-lambda's dispatcher (`expander.forms`): [(clause Lambda,
        # the variable it is bound to, which this lambda captures)]
        self.cases = None

    def children(self):
        return (self.body,)


class Let(Node):
    __slots__ = ("vars", "inits", "body")

    def __init__(self, vars: list, inits: list, body: Node, loc=None):
        self.vars = vars
        self.inits = inits
        self.body = body
        self.loc = loc

    def children(self):
        return (*self.inits, self.body)


class Letrec(Node):
    __slots__ = ("vars", "inits", "body")

    def __init__(self, vars: list, inits: list, body: Node, loc=None):
        self.vars = vars
        self.inits = inits
        self.body = body
        self.loc = loc

    def children(self):
        return (*self.inits, self.body)


class Call(Node):
    __slots__ = ("fn", "args", "tail")

    def __init__(self, fn: Node, args: list, loc=None):
        self.fn = fn
        self.args = args
        self.loc = loc
        self.tail = False         # analysis

    def children(self):
        return (self.fn, *self.args)


def walk(node: Node):
    """Yield `node` and all its descendants (pre-order, not entering nested
    Lambda bodies twice)."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.children()))


def to_sexpr(node: Node):
    """A readable S-expression view of a core tree (for `--dump expanded`)."""
    from .datum import list_to_pairs, sym
    L = lambda *xs: list_to_pairs(list(xs))
    if isinstance(node, Const):
        v = node.value
        if isinstance(v, (Symbol,)) or type(v).__name__ in ("Pair", "Nil"):
            return L(sym("quote"), v)
        return v
    if isinstance(node, LocalRef):
        return sym(repr(node.var))
    if isinstance(node, GlobalRef):
        return node.name
    if isinstance(node, LocalSet):
        return L(sym("set!"), sym(repr(node.var)), to_sexpr(node.value))
    if isinstance(node, GlobalSet):
        return L(sym("set!"), node.name, to_sexpr(node.value))
    if isinstance(node, GlobalDefine):
        return L(sym("define"), node.name, to_sexpr(node.value))
    if isinstance(node, If):
        return L(sym("if"), to_sexpr(node.test), to_sexpr(node.then), to_sexpr(node.else_))
    if isinstance(node, Seq):
        return L(sym("begin"), *[to_sexpr(b) for b in node.body])
    if isinstance(node, Lambda):
        params = list_to_pairs([sym(repr(v)) for v in node.params],
                               sym(repr(node.rest)) if node.rest else __import__("elle.datum").datum.nil)
        return L(sym("lambda"), params, to_sexpr(node.body))
    if isinstance(node, (Let, Letrec)):
        head = sym("let") if isinstance(node, Let) else sym("letrec*")
        binds = list_to_pairs([L(sym(repr(v)), to_sexpr(i)) for v, i in zip(node.vars, node.inits)])
        return L(head, binds, to_sexpr(node.body))
    if isinstance(node, Call):
        return list_to_pairs([to_sexpr(node.fn)] + [to_sexpr(a) for a in node.args])
    raise TypeError(f"unknown core node {node!r}")

"""Analysis of the core AST: who owns, captures, assigns and boxes each variable.

**Owns:** `analyse(lam)`, which fills in, in place, the analysis fields that
`elle.core` documents: `Var.assigned`, `Var.captured`, `Var.boxed`,
`Var.binder`, `Var.owner`, `Lambda.free`, `Lambda.self_var`, `Call.tail`. **Does not touch:**
bytecode (`elle.compiler` reads these fields), surface syntax.

Rules, in order of application:

* A variable is *owned* by the innermost Lambda around its binder; a
  reference from any other Lambda is a capture, and every Lambda between the
  reference and the owner lists the variable in `free` (first-use order).
* A Letrec variable bound to a Lambda and never assigned becomes that
  Lambda's `self_var`: inside it, the variable *is* the running closure, so
  a self-recursive function (named `let`, internal `define`) needs no capture.
  Such a variable can still be `boxed` (below: an earlier init captured it);
  a lambda inside its own function then captures a fresh box holding the
  running closure, since every capture of a boxed variable is a box
  (`compiler` `closure`).
* `boxed` = assigned, or captured by a closure created before the variable
  is initialised (letrec mutual recursion). Boxed variables live in a
  `values.Box`, shared by the frame, every closure and every copy of the
  frame's registers: the VM copies registers when it returns into a frame a
  continuation captured, so only a box keeps one location per variable
  across re-entries (a `set!` after the capture must stay visible).
* `Call.tail` = the call is in tail position of its Lambda.
"""

from __future__ import annotations

from . import core
from .core import (Call, Const, GlobalDefine, GlobalRef, GlobalSet, If, Lambda, Let,
                   Letrec, LocalRef, LocalSet, Seq)


class _VarInfo:
    """Per-analysis facts about a Var that the compiler does not need."""

    __slots__ = ("owner", "uninit")

    def __init__(self, owner):
        self.owner = owner
        self.uninit = False


def analyse(lam: Lambda) -> Lambda:
    """Analyse `lam` (normally the toplevel wrapper Lambda) and everything in it."""
    _Analyser().lambda_(lam, parent_chain=())
    finish_boxing(lam)
    return lam


class _Analyser:
    def __init__(self):
        self.info: dict[core.Var, _VarInfo] = {}

    # -- binding ----------------------------------------------------------

    def bind(self, var: core.Var, binder, owner: Lambda):
        var.binder = binder
        var.owner = owner
        var.assigned = var.captured = var.boxed = False
        self.info[var] = _VarInfo(owner)

    # -- references -------------------------------------------------------

    def reference(self, var: core.Var, chain: tuple):
        """Record a read or write of `var` from the Lambda at chain[-1]."""
        info = self.info.get(var)
        if info is None:
            raise ValueError(f"analysis: {var!r} referenced outside its binding")
        owner = info.owner
        # Walk from the innermost function outwards until the owner, or a
        # function whose self_var is `var` (there the variable is the closure).
        captured_here = False
        for fn in reversed(chain):
            if fn is owner or fn.self_var is var:
                break
            captured_here = True
            if var not in fn.free:
                fn.free.append(var)
        if captured_here:
            if fn is owner:     # really captured from the owning frame
                var.captured = True
                if info.uninit:
                    var.boxed = True

    # -- walking ----------------------------------------------------------

    def lambda_(self, lam: Lambda, parent_chain: tuple):
        lam.free = []
        chain = parent_chain + (lam,)
        for v in lam.params:
            self.bind(v, lam, lam)
        if lam.rest is not None:
            self.bind(lam.rest, lam, lam)
        self.expr(lam.body, chain, tail=True)

    def expr(self, node, chain: tuple, tail: bool):
        """Iterative over Seq/If spines is unnecessary: bodies are shallow;
        deep nesting is in calls, handled by the explicit stack below."""
        stack = [(node, tail)]
        while stack:
            n, t = stack.pop()
            k = type(n)
            if k is Const or k is GlobalRef:
                continue
            if k is LocalRef:
                self.reference(n.var, chain)
            elif k is Call:
                n.tail = t
                stack.append((n.fn, False))
                stack.extend((a, False) for a in reversed(n.args))
            elif k is If:
                stack.append((n.else_, t))
                stack.append((n.then, t))
                stack.append((n.test, False))
            elif k is Seq:
                last = len(n.body) - 1
                for i in range(last, -1, -1):
                    stack.append((n.body[i], t and i == last))
            elif k is LocalSet:
                n.var.assigned = True
                self.reference(n.var, chain)
                stack.append((n.value, False))
            elif k is GlobalSet or k is GlobalDefine:
                stack.append((n.value, False))
            elif k is Lambda:
                self.lambda_(n, chain)
            elif k is Let:
                owner = chain[-1]
                for init in n.inits:
                    self.expr(init, chain, False)
                for v in n.vars:
                    self.bind(v, n, owner)
                stack.append((n.body, t))
            elif k is Letrec:
                self.letrec(n, chain, t)
            else:
                raise TypeError(f"analysis: unknown node {n!r}")
        return node

    def letrec(self, n: Letrec, chain: tuple, tail: bool):
        owner = chain[-1]
        for v in n.vars:
            self.bind(v, n, owner)
            self.info[v].uninit = True
        # self_var needs "never assigned", which is only known after the
        # walk: find assignments first (cheap pre-scan of the whole Letrec).
        assigned = {s.var for s in core.walk(n) if type(s) is LocalSet}
        for v, init in zip(n.vars, n.inits):
            if type(init) is Lambda and v not in assigned:
                init.self_var = v
            elif type(init) is Lambda:
                init.self_var = None
        for v, init in zip(n.vars, n.inits):
            self.expr(init, chain, False)
            self.info[v].uninit = False
        self.expr(n.body, chain, tail)


def finish_boxing(lam: Lambda) -> None:
    """Box every assigned variable (params, let and letrec vars).

    Run by `analyse` after the walk, when every assignment is known."""
    for n in core.walk(lam):
        vars_ = ()
        if type(n) is Lambda:
            vars_ = n.params + ([n.rest] if n.rest is not None else [])
        elif type(n) in (Let, Letrec):
            vars_ = n.vars
        for v in vars_:
            if v.assigned:
                v.boxed = True

"""Compilability check: can this function's analysed form become native code?

**Owns:** `Planner.plan(code) -> Plan` (or `Reject` with a precise reason):
a structural walk over a code object's analysed `core.Lambda` that resolves
every global it touches against the current global environment and
classifies every construct. **Does not touch:** types (`jit.infer`), LLVM.

The soundness rule behind every rejection: native code may only have effects
on its own locals, so that a bail-out can re-run the call in the VM. So:
no `set!`/`define` of globals, no closures that escape, no calls to anything
but the numeric primitives in `jit.ops` and other compilable global
functions, no constants other than fixnums, flonums, booleans and the
unspecified value.

Closures: a function may capture variables of an enclosing function: the
closure's `free` tuple holds their values, which native code receives as
extra entry parameters after the real ones (`Plan.entry_vars`). A captured
variable that is assigned (`Var.boxed`) is in a `Box` shared with other
closures: native code works on a copy of its content, which the entry
writes back into the box only when the call returns normally -- nothing
else can observe the box meanwhile (native code calls no Elle procedure
that could see it), and a bail-out leaves it untouched, so re-running the
call in the VM stays sound. Inside
a named-let procedure its own name (`Lambda.self_var`) calls the running
closure: `Plan.self_calls`, lowered as a jump in tail position.

Vectors: `vector-ref`, `vector-length` and `vector-set!` are compiled.
`vector-set!` is the one effect outside the function's locals, so a
function that uses it must never bail out once it has mutated a vector
since the last time it passed its own loop head (`jit.lower` rejects
otherwise): a bail-out then resumes the VM at that loop head with the
current loop variables (`jit.bridge`), and nothing is done twice.

Named `let` and `do` loops: a `Letrec` whose inits are all lambdas is a
*loop group* when every reference to its variables is the operator of a
call in a *jump position*: a tail position of the letrec's body or of a
lambda of the group (transitively through nested groups in tail position).
Such lambdas are lowered as blocks with parameters, their calls as jumps.
"""

from __future__ import annotations

from .. import core
from ..core import (Call, Const, GlobalDefine, GlobalRef, GlobalSet, If, Lambda, Let,
                    Letrec, LocalRef, LocalSet, Seq)
from ..values import Closure, Primitive, unspecified
from .ops import I64_MAX, I64_MIN, MUTATORS, OPS, Reject, code_name  # noqa: F401 (re-exported)

RETURN = object()   # marker in a jump context: "this position returns from the function"


class Plan:
    """What the check learned about one function (shared by all its specialisations)."""

    def __init__(self, code, lam: Lambda):
        self.code = code
        self.lam = lam
        self.name = code_name(code)
        self.loops: dict[core.Var, Lambda] = {}      # loop var -> its lambda
        self.prim_calls: dict[Call, object] = {}     # call -> ops.Op
        self.closure_calls: dict[Call, Closure] = {}  # call -> callee closure
        self.return_tail: set = set()                 # calls in the function's own tail
        self.global_consts: dict[GlobalRef, object] = {}
        self.cells: set = set()                       # GlobalCells this plan assumed
        self.free: list = list(lam.free or ())        # captured variables, closure order
        self.self_calls: set = set()                  # calls of the closure itself
        self.mutations: set = set()                   # calls of vector-set!

    @property
    def entry_vars(self) -> list:
        """Parameters then captured variables: what a native function receives."""
        return list(self.lam.params) + self.free


def is_builtin(value) -> bool:
    """Is `value` the interpreter's own primitive of that name?"""
    if not isinstance(value, Primitive):
        return False
    try:
        from ..primitives import PRIMITIVES
    except ImportError:  # pragma: no cover
        return True
    return PRIMITIVES.get(value.name, value) is value


class Planner:
    """Checks code objects against one global environment, caching plans."""

    def __init__(self, globals_env):
        self.globals = globals_env
        self.plans: dict = {}

    def plan(self, code) -> Plan:
        p = self.plans.get(code)
        if p is None:
            p = self.plans[code] = _Checker(self, code).run()
        if isinstance(p, Reject):
            raise p
        return p

    def plan_or_reject(self, code):
        try:
            return self.plan(code)
        except Reject as r:
            self.plans[code] = r
            raise


class _Checker:
    def __init__(self, planner: Planner, code):
        self.planner = planner
        self.code = code
        lam = getattr(code, "lam", None)
        if lam is None:
            raise Reject("has no analysed form")
        self.plan = Plan(code, lam)

    def run(self) -> Plan:
        lam = self.plan.lam
        if lam.rest is not None:
            raise Reject("has a rest parameter")
        self.node(lam.body, frozenset([RETURN]))
        return self.plan

    # -- globals ------------------------------------------------------------

    def resolve(self, name):
        cell = self.planner.globals.cell(name)
        self.plan.cells.add(cell)
        return cell.value

    # -- walk ---------------------------------------------------------------

    def node(self, n, jumps: frozenset):
        """Check `n`; `jumps` is what a tail call here may jump to (empty if not tail)."""
        if isinstance(n, Const):
            return self.const(n.value)
        if isinstance(n, LocalRef):
            if n.var is self.plan.lam.self_var:
                raise Reject(f"uses itself ({n.var.name.name}) as a value")
            if n.var in self.plan.loops:
                raise Reject(f"uses loop procedure {n.var.name.name} as a value")
            return
        if isinstance(n, GlobalRef):
            return self.global_value(n)
        if isinstance(n, LocalSet):
            if n.var in self.plan.loops:
                raise Reject(f"assigns loop procedure {n.var.name.name}")
            return self.node(n.value, frozenset())
        if isinstance(n, GlobalSet):
            raise Reject(f"assigns global variable {n.name.name}")
        if isinstance(n, GlobalDefine):
            raise Reject(f"defines global variable {n.name.name}")
        if isinstance(n, If):
            self.node(n.test, frozenset())
            self.node(n.then, jumps)
            return self.node(n.else_, jumps)
        if isinstance(n, Seq):
            for b in n.body[:-1]:
                self.node(b, frozenset())
            return self.node(n.body[-1], jumps)
        if isinstance(n, Let):
            for i in n.inits:
                self.node(i, frozenset())
            return self.node(n.body, jumps)
        if isinstance(n, Letrec):
            return self.letrec(n, jumps)
        if isinstance(n, Lambda):
            raise Reject("creates a closure")
        if isinstance(n, Call):
            return self.call(n, jumps)
        raise Reject(f"uses an unsupported form {type(n).__name__}")

    def const(self, v):
        t = type(v)
        if t is int:
            if not I64_MIN <= v <= I64_MAX:
                raise Reject("uses a bignum constant")
            return
        if t is float or t is bool or v is unspecified:
            return
        raise Reject(f"uses a constant of type {_kind(v)}")

    def global_value(self, n: GlobalRef):
        v = self.resolve(n.name)
        t = type(v)
        if t is int and I64_MIN <= v <= I64_MAX or t is float or t is bool:
            self.plan.global_consts[n] = v
            return
        raise Reject(f"reads global {n.name.name}, which holds {_kind(v)}")

    def letrec(self, n: Letrec, jumps):
        lambdas = [i for i in n.inits if isinstance(i, Lambda)]
        if lambdas and len(lambdas) != len(n.inits):
            raise Reject("binds procedures and values in one letrec")
        if not lambdas:
            for v, i in zip(n.vars, n.inits):
                if v.boxed:
                    raise Reject(f"letrec variable {v.name.name} may be used before it is initialised")
                self.node(i, frozenset())
            return self.node(n.body, jumps)
        for v, lam in zip(n.vars, n.inits):
            if lam.rest is not None:
                raise Reject(f"local procedure {v.name.name} has a rest parameter")
            if v.assigned:
                raise Reject(f"assigns local procedure {v.name.name}")
            self.plan.loops[v] = lam
        inner = jumps | frozenset(n.vars) if jumps else frozenset(n.vars)
        self.node(n.body, inner)
        for lam in n.inits:
            self.node(lam.body, inner)

    def call(self, n: Call, jumps):
        for a in n.args:
            self.node(a, frozenset())
        fn = n.fn
        if RETURN in jumps:
            self.plan.return_tail.add(n)
        if isinstance(fn, LocalRef) and fn.var in self.plan.loops:
            if fn.var not in jumps:
                raise Reject(f"calls local procedure {fn.var.name.name} in a non-tail position")
            if len(n.args) != len(self.plan.loops[fn.var].params):
                raise Reject(f"calls local procedure {fn.var.name.name} with the wrong number of arguments")
            return
        if isinstance(fn, LocalRef) and fn.var is self.plan.lam.self_var:
            if len(n.args) != len(self.plan.lam.params):
                raise Reject(f"calls itself ({fn.var.name.name}) with the wrong number of arguments")
            self.plan.self_calls.add(n)
            return
        if not isinstance(fn, GlobalRef):
            raise Reject("calls a computed procedure")
        v = self.resolve(fn.name)
        if isinstance(v, Primitive):
            op = OPS.get(v.name)
            if op is None or not is_builtin(v):
                raise Reject(f"calls {fn.name.name}")
            self.plan.prim_calls[n] = op
            if op.name in MUTATORS:
                self.plan.mutations.add(n)
            return
        if isinstance(v, Closure):
            lam = getattr(v.code, "lam", None)
            if v.free:
                raise Reject(f"calls {fn.name.name}, which captures variables")
            if lam is None or lam.rest is not None or len(lam.params) != len(n.args):
                raise Reject(f"calls {fn.name.name} with a different number of arguments")
            self.plan.closure_calls[n] = v
            return
        raise Reject(f"calls global {fn.name.name}, which holds {_kind(v)}")


def _kind(v) -> str:
    from ..environment import UNBOUND
    if v is UNBOUND:
        return "no value (unbound)"
    if isinstance(v, Closure):
        return "a procedure"
    if isinstance(v, Primitive):
        return f"the primitive {v.name}"
    name = type(v).__name__
    return {"MString": "a string", "Pair": "a list", "Nil": "the empty list",
            "list": "a vector", "Symbol": "a symbol", "Char": "a character",
            "int": "a bignum", "Fraction": "a rational", "complex": "an inexact complex number",
            "ExactComplex": "an exact complex number"}.get(name, name)

"""Type inference: abstract interpretation of analysed core forms.

**Owns:** `infer(planner, code, argtypes) -> Inference`: the set of
*instances* (a function specialised to argument types) reachable from the
root by direct calls, each with the type of every variable, of every
expression and of its result. **Does not touch:** LLVM, run-time values.

The argument types of an instance cover its parameters and then its
captured variables (`Plan.entry_vars`); a closure's call of itself keeps
the captured variables' types.

Method: a fixpoint over the lattice of `jit.ops`. Variables are typed
flow-insensitively (the join of their initial value and every `set!` and
every loop-call argument). Return types start at BOT and grow; a recursive
call whose callee's return is still BOT types as BOT, so `(if base fix
(+ (fib ..) (fib ..)))` is FIX after the first round and confirmed by the
second. Every round re-walks every instance until nothing changes.
Expression types recorded in the last round are what `jit.lower` reads; a
TOP that the lowering needs is rejected there, with the names involved.
"""

from __future__ import annotations

from ..core import (Call, Const, GlobalRef, If, Let, Letrec, LocalRef, LocalSet, Seq)
from ..values import unspecified
from .check import Planner, code_name
from .ops import BOT, TOP, UNSPEC, Reject, describe, join, op_type, tag_of

MAX_ROUNDS = 64


class Instance:
    """One function specialised to one tuple of argument types."""

    def __init__(self, plan, argtypes: tuple, index: int):
        self.plan = plan
        self.argtypes = argtypes
        self.index = index
        self.ret = BOT
        self.var_types = dict(zip(plan.entry_vars, argtypes))
        self.node_types: dict = {}
        self.callees: dict = {}      # Call -> Instance

    @property
    def name(self) -> str:
        return self.plan.name

    def signature(self) -> str:
        n = len(self.plan.lam.params)
        args = ", ".join(self.argtypes[:n])
        free = "".join(f" [{v.name.name}: {t}]" for v, t in zip(self.plan.free, self.argtypes[n:]))
        return f"{self.name}({args}){free} -> {self.ret}"


class Inference:
    def __init__(self, planner: Planner, code, argtypes: tuple):
        self.planner = planner
        self.instances: dict = {}
        self.changed = False
        self.root = self.instance(code, tuple(argtypes))

    def instance(self, code, argtypes: tuple) -> Instance:
        key = (code, argtypes)
        inst = self.instances.get(key)
        if inst is None:
            plan = self.planner.plan(code)
            inst = self.instances[key] = Instance(plan, argtypes, len(self.instances))
            self.changed = True
        return inst

    def run(self) -> "Inference":
        for _ in range(MAX_ROUNDS):
            self.changed = False
            for inst in list(self.instances.values()):
                self.walk_instance(inst)
            if not self.changed:
                break
        else:
            raise Reject("type inference did not converge")
        for inst in self.instances.values():
            if inst.ret == BOT:
                raise Reject(f"{inst.name} never returns (cannot type its result)")
            if inst.ret == TOP:
                raise Reject(f"{inst.name} returns values of different types")
        return self

    # -- one round --------------------------------------------------------

    def walk_instance(self, inst: Instance):
        t = self.type(inst, inst.plan.lam.body)
        self.set_ret(inst, t)

    def set_ret(self, inst, t):
        new = join(inst.ret, t)
        if new != inst.ret:
            inst.ret = new
            self.changed = True

    def set_var(self, inst, var, t):
        old = inst.var_types.get(var, BOT)
        new = join(old, t)
        if new == TOP and old != TOP:
            raise Reject(f"variable {var.name.name} is {describe(old)} and also "
                         f"{describe(t)} (no single type)")
        if new != old:
            inst.var_types[var] = new
            self.changed = True

    def type(self, inst, n) -> str:
        t = self._type(inst, n)
        inst.node_types[n] = t
        return t

    def _type(self, inst, n) -> str:
        if isinstance(n, Const):
            return UNSPEC if n.value is unspecified else tag_of(n.value)
        if isinstance(n, LocalRef):
            return inst.var_types.get(n.var, BOT)
        if isinstance(n, GlobalRef):
            return tag_of(inst.plan.global_consts[n])
        if isinstance(n, LocalSet):
            self.set_var(inst, n.var, self.type(inst, n.value))
            return UNSPEC
        if isinstance(n, If):
            self.type(inst, n.test)
            return join(self.type(inst, n.then), self.type(inst, n.else_))
        if isinstance(n, Seq):
            t = BOT
            for b in n.body:
                t = self.type(inst, b)
            return t
        if isinstance(n, Let):
            for v, i in zip(n.vars, n.inits):
                self.set_var(inst, v, self.type(inst, i))
            return self.type(inst, n.body)
        if isinstance(n, Letrec):
            return self.letrec(inst, n)
        if isinstance(n, Call):
            return self.call(inst, n)
        raise Reject(f"cannot type {type(n).__name__}")

    def letrec(self, inst, n: Letrec) -> str:
        plan = inst.plan
        if n.vars and n.vars[0] in plan.loops:
            t = self.type(inst, n.body)
            for lam in n.inits:
                t = join(t, self.type(inst, lam.body))
            return t
        for v, i in zip(n.vars, n.inits):
            self.set_var(inst, v, self.type(inst, i))
        return self.type(inst, n.body)

    def call(self, inst, n: Call) -> str:
        plan = inst.plan
        ts = [self.type(inst, a) for a in n.args]
        op = plan.prim_calls.get(n)
        if op is not None:
            return op_type(op, ts)
        if isinstance(n.fn, LocalRef) and n not in plan.self_calls:   # a jump to a loop
            for p, t in zip(plan.loops[n.fn.var].params, ts):
                self.set_var(inst, p, t)
            return BOT
        if n in plan.self_calls:                  # the closure calls itself
            if BOT in ts:
                return BOT
            for i, t in enumerate(ts, 1):
                if t == TOP:
                    raise Reject(f"argument {i} of a call to {inst.name} has no single type")
            target = self.instance(plan.code, tuple(ts) + inst.argtypes[len(ts):])
            inst.callees[n] = target
            return target.ret
        callee = plan.closure_calls[n]
        name = code_name(callee.code)
        for i, t in enumerate(ts, 1):
            if t == TOP:
                raise Reject(f"argument {i} of a call to {name} has no single type")
        if BOT in ts:
            return BOT
        try:
            target = self.instance(callee.code, tuple(ts))
        except Reject as r:
            if callee.code is inst.plan.code:
                raise
            raise Reject(f"calls {name}, which {r.reason}") from None
        inst.callees[n] = target
        return target.ret


def infer(planner: Planner, code, argtypes) -> Inference:
    """Infer types for `code` called with `argtypes` and everything it calls."""
    return Inference(planner, code, tuple(argtypes)).run()

"""What tier-1 code calls at run time: the call helpers and the namespace.

**Owns:** `namespace(vm)`, the globals every generated function of one
interpreter starts from: the types its fast paths test, and the helpers
`call_` (a call of anything, tail or not), `tramp_` (run a tail-call marker to its value), `unbound_`, `gset_`,
`gdef_`. **Does not touch:** code generation, policy, the VM's frames.

The helpers follow the VM's slow call path (`VM._call`) case for case, so
arity errors, "not a procedure" and unbound variables are raised with the
VM's messages, from the tier-1 frame the VM would have raised them in.
What only the VM can do -- `call/cc`, calling a continuation, running a
closure tier 1 does not compile -- raises `Unwind` with the pending call.
A helper keeps the call it is about to make in its locals `f` and `a`
(procedure and arguments): if the Python recursion limit stops that call
before it starts, `elle.tier1.unwind` reads them from the traceback and the
VM makes the call instead.
"""

from __future__ import annotations

from ..bytecode import pick_case
from ..datum import Char, MString, Pair, Symbol, list_to_pairs, nil
from ..environment import UNBOUND
from ..errors import raise_error
from ..values import (NATIVE_BAILOUT, Box, Closure, Continuation, Parameter, Primitive,
                      TailCall, unspecified)
from .protocol import Unwind


def _arity(f, got):
    from ..errors import arity_error
    arity_error(f.name or "anonymous procedure", f.code.arity_text(), got)


def _not_procedure(f):
    from ..printer import write_limited
    raise_error("type-error", f"not a procedure: {write_limited(f)}")


def unbound_(cell):
    raise_error("unbound-variable", f"unbound variable: {cell.name.name}")


def gset_(cell, v):
    if cell.value is UNBOUND:
        raise_error("unbound-variable", f"set!: unbound variable: {cell.name.name}")
    cell.assign(v)


def gdef_(cell, v):
    if type(v) is Closure and v.name in (None, "anonymous"):
        v.name = cell.name.name
    cell.assign(v)


def tramp_(v):
    """Run tail-call markers (closures of checked arity) until a value."""
    f = v.proc
    a = v.args
    while True:
        v = f.code.t1v(f, a)
        if type(v) is not TailCall:
            return v
        f = v.proc
        a = v.args


def native_callers(ent):
    """(t1, t1v) for code tier 2 compiled: tier-1 callers enter native code
    `ent` directly. After a bail-out (the entry is suspended then) the call
    is made again by whatever runs the code now, from the arguments the
    entry left (a loop's state; see `elle.vm` on NATIVE_BAILOUT)."""

    def t1(f, *a):
        argv = list(a)
        v = ent(f, argv)
        return v if v is not NATIVE_BAILOUT else rerun_(f, argv, t1v)

    def t1v(f, a):
        argv = list(a)
        v = ent(f, argv)
        return v if v is not NATIVE_BAILOUT else rerun_(f, argv, t1v)

    return t1, t1v


def rerun_(f, argv, native):
    """Make a call native code bailed out of again, through whatever runs
    `f`'s code now (the VM, if that is still `native`)."""
    again = f.code.t1v
    if again is native:
        raise Unwind((f, tuple(argv)))
    return again(f, argv)


def make_call_helper(vm):
    """`call_(f, a, cell, tail)`, the call of anything from tier-1 code, for
    the interpreter of `vm`: a non-tail call returns the value, a tail call
    returns a `TailCall` of a closure (arity checked) or a primitive's value."""
    check_prim_arity = vm._check_prim_arity
    control = vm._control

    def call_(f, a, cell, tail):
        while True:
            t = type(f)
            if t is Closure:
                co = f.code
                na = len(a)
                if co.rest:
                    if co.cases is not None:        # a case-lambda: call its clause
                        clause = pick_case(f, na)
                        if clause is not None:
                            f = clause
                            continue
                    if na < co.nparams:
                        _arity(f, na)
                elif na != co.nparams:
                    _arity(f, na)
                if tail:
                    return TailCall(f, a)
                v = co.t1v(f, a)
                if type(v) is not TailCall:
                    return v
                f = v.proc
                a = v.args
                continue
            if t is Primitive:
                check_prim_arity(f, len(a))
                ctl = f.control
                if ctl is None:
                    v = f.fn(*a)
                    if type(v) is not TailCall:
                        return v
                    f = v.proc
                    a = v.args
                    continue
                if ctl == "call/cc":
                    raise Unwind((f, a), tail)
                return control(ctl, list(a))
            if t is Continuation:
                raise Unwind((f, a), tail)
            if t is Parameter:
                if a:
                    raise_error("arity-error", "parameter object: expected 0 arguments, got "
                                f"{len(a)}")
                return f.value
            if f is UNBOUND and cell is not None:
                unbound_(cell)
            _not_procedure(f)

    return call_


def namespace(vm) -> dict:
    """The globals generated functions of `vm`'s interpreter start from."""
    return {
        "int_": int, "float_": float, "list_": list, "len": len, "type": type,
        "Pair_": Pair, "nil_": nil, "Closure_": Closure, "Primitive_": Primitive,
        "TailCall_": TailCall, "Box_": Box, "unspecified_": unspecified, "UNBOUND_": UNBOUND,
        "unbound_": unbound_, "gset_": gset_, "gdef_": gdef_, "tramp_": tramp_,
        "call_": make_call_helper(vm), "list_to_pairs_": list_to_pairs,
        "room_": [0], "new_": object.__new__, "Char_": Char, "CHARS_": Char._table, "MString_": MString, "Symbol_": Symbol,
    }

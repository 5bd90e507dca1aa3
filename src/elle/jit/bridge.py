"""The bridge between the VM and native code: a generated CPython entry point.

**Owns:** `emit_entry(ml, inst)`, which adds to a batch's LLVM
module a function with CPython's `METH_FASTCALL` signature
`PyObject *entry(PyObject *self, PyObject *const *args, Py_ssize_t nargs)`,
and `make_callable(address, name)`, which wraps it in a builtin function
object (`PyCFunction_NewEx` over a `PyMethodDef` kept alive forever).
The VM calls it as `entry(closure, args_list)`. **Does not touch:** the
native calling convention of compiled functions (`jit.lower`), policy
(`jit.coordinator`).

What the entry does, in ~10 ns rather than ~400 ns through ctypes:
1. guards: `args_list` is exactly a list of the specialised length; each
   element has exactly the specialised type: FIX is `type(x) is int` and
   fits in i64 (`PyLong_AsLongLongAndOverflow`), FLO `type(x) is float`,
   BOOL `x is True or x is False` (so `#t` is never an integer);
   then, for a closure that captures variables, the same for each value
   of the closure's `free` tuple (`args[0]` is the closure); an assigned
   captured variable's `Box` is unboxed into a native copy, passed by
   pointer, and written back only after a normal return;
2. calls the native function with the count from `@<prefix>_count` and
   stores the count it returns there (see `jit.lower`);
3. boxes the result (`PyLong_FromLongLong`, `PyFloat_FromDouble`, the
   `True`/`False`/unspecified singletons with a new reference);
4. on a failed guard (bail kind GUARD) or a native bail-out, returns
   `on_bailout()` (a Python callable: bookkeeping, then NATIVE_BAILOUT).
   After a native bail-out of a *resumable* function (`jit.lower`: its
   parameters are never assigned) the entry first stores the loop variables
   the native code had at its last pass through its loop head into the
   argument list (`PyList_SetItem`). The VM re-runs a bailed-out call with
   that same list (vm.py: `ent(fn, argv)` then `r = argv`), so it resumes
   the loop where native code left it instead of redoing finished
   iterations (an overflow past 2^63 continues with bignums; a vector
   mutated in earlier iterations is not mutated again).

Object layouts used (CPython 3.11-3.13, default build): `ob_type` at offset
8, `PyListObject.ob_size` 16 and `ob_item` 24, `PyTupleObject.ob_size` 16 and
items inline from 24, `PyFloatObject.ob_fval` 16; the offset of
`Closure.free` is measured at import (`CLOSURE_FREE_OFFSET`).
Type objects and singletons are named by symbols (`PY_OBJECTS`) that the
backend binds to their addresses: static types or module-level singletons
that are never freed. The batch's bail-out callable likewise
(`bailout_symbol`).
"""

from __future__ import annotations

import ctypes
import sys

import llvmlite.ir as ir

from ..values import Box, Closure, unspecified
from .lower import BAIL_GUARD, CALL_ONE, F64, I1, I32, I64, LL, PTR
from .ops import BOOL, FIX, FLO, UNSPEC, VECTORS

METH_FASTCALL = 0x80
assert sys.version_info >= (3, 9)


class PyMethodDef(ctypes.Structure):
    _fields_ = [("ml_name", ctypes.c_char_p), ("ml_meth", ctypes.c_void_p),
                ("ml_flags", ctypes.c_int), ("ml_doc", ctypes.c_char_p)]


_new_cfunction = ctypes.pythonapi.PyCFunction_NewEx
_new_cfunction.restype = ctypes.py_object
_new_cfunction.argtypes = [ctypes.POINTER(PyMethodDef), ctypes.c_void_p, ctypes.c_void_p]

# Method definitions must outlive every function object made from them; the
# native code they point to is never unloaded either (see jit.llvm).
_KEEP_ALIVE: list = []

C_API = ("PyLong_AsLongLongAndOverflow", "PyLong_FromLongLong", "PyFloat_FromDouble",
         "Py_IncRef", "Py_DecRef", "PyObject_CallNoArgs", "PyList_SetItem")


def _slot_offset(cls, field: str) -> int:
    """Byte offset of `__slots__` member `field` in instances of `cls`, found
    by looking for a marker object's address in a fresh instance's memory."""
    marker = object()
    probe = cls.__new__(cls)
    setattr(probe, field, marker)
    for off in range(16, cls.__basicsize__, 8):
        if ctypes.c_void_p.from_address(id(probe) + off).value == id(marker):
            return off
    raise RuntimeError(f"cannot find slot {field} in {cls.__name__}")  # pragma: no cover


CLOSURE_FREE_OFFSET = _slot_offset(Closure, "free")
BOX_VALUE_OFFSET = _slot_offset(Box, "value")


def c_api(ml) -> dict:
    """Declarations of the C API functions native code calls, in `ml`'s module."""
    return {
        "aslong": ml.external("PyLong_AsLongLongAndOverflow", I64, [PTR, PTR]),
        "fromlong": ml.external("PyLong_FromLongLong", PTR, [I64]),
        "fromdouble": ml.external("PyFloat_FromDouble", PTR, [F64]),
        "incref": ml.external("Py_IncRef", ir.VoidType(), [PTR]),
        "decref": ml.external("Py_DecRef", ir.VoidType(), [PTR]),
        "callnoargs": ml.external("PyObject_CallNoArgs", PTR, [PTR]),
        "setitem": ml.external("PyList_SetItem", I32, [PTR, I64, PTR]),
    }


# The Python objects native code compares with or returns, by symbol: the
# IR names them, the backend binds each name to the object's address in
# this process (`object_symbols`), so the machine code is the same in every
# process and can be cached on disk (`jit.objcache`).
PY_OBJECTS = {"int": int, "float": float, "list": list, "tuple": tuple, "Closure": Closure,
              "Box": Box, "True": True, "False": False, "unspecified": unspecified}
_SYMBOL_OF = {id(v): f"elle_py_{k}" for k, v in PY_OBJECTS.items()}


def object_symbols() -> dict:
    """{symbol: address} for every object in PY_OBJECTS."""
    return {name: address for address, name in _SYMBOL_OF.items()}


def obj_ptr(b, obj):
    """A pointer to `obj`, one of PY_OBJECTS."""
    return symbol_ptr(b, _SYMBOL_OF[id(obj)])


def symbol_ptr(b, name: str):
    """The address of external symbol `name` (bound by the backend), declared
    once in the builder's module."""
    mod = b.block.parent.module
    g = mod.globals.get(name)
    if g is None:
        g = ir.GlobalVariable(mod, ir.IntType(8), name)
    return g


def load_at(b, base, offset, ty):
    addr = b.gep(base, [ir.Constant(I64, offset)], source_etype=ir.IntType(8))
    return b.load(addr, typ=ty)


def emit_entry(ml, inst) -> str:
    """Add the FASTCALL entry for root instance `inst`; return its symbol name."""
    mod = ml.module
    name = f"{ml.prefix}_entry"
    fn = ir.Function(mod, ir.FunctionType(PTR, [PTR, PTR, I64]), name)
    api = c_api(ml)
    _, args, nargs = fn.args
    entry = fn.append_basic_block("entry")
    guard = fn.append_basic_block("guard_failed")
    bail = fn.append_basic_block("bail")
    b = ir.IRBuilder(entry)
    overflow = b.alloca(I32)

    def require(cond):
        ok = fn.append_basic_block("ok")
        b.cbranch(cond, ok, guard)
        b.position_at_end(ok)

    require(b.icmp_signed("==", nargs, ir.Constant(I64, 2)))
    lst = b.load(b.gep(args, [ir.Constant(I64, 1)], source_etype=PTR), typ=PTR)
    require(b.icmp_unsigned("==", load_at(b, lst, 8, PTR), obj_ptr(b, list)))
    n = len(inst.plan.lam.params)
    require(b.icmp_signed("==", load_at(b, lst, 16, I64), ir.Constant(I64, n)))
    items = load_at(b, lst, 24, PTR)
    values = []
    boxes = []          # (box object, native copy, type, var) per assigned captured variable
    for i, t in enumerate(inst.argtypes[:n]):
        x = b.load(b.gep(items, [ir.Constant(I64, i)], source_etype=PTR), typ=PTR)
        values.append(unbox(b, require, api, overflow, x, t))
    nfree = len(inst.argtypes) - n
    if nfree:
        clo = b.load(args, typ=PTR)
        require(b.icmp_unsigned("==", load_at(b, clo, 8, PTR), obj_ptr(b, Closure)))
        free = load_at(b, clo, CLOSURE_FREE_OFFSET, PTR)
        require(b.icmp_unsigned("==", load_at(b, free, 8, PTR), obj_ptr(b, tuple)))
        require(b.icmp_signed("==", load_at(b, free, 16, I64), ir.Constant(I64, nfree)))
        for i, t in enumerate(inst.argtypes[n:]):
            x = load_at(b, free, 24 + 8 * i, PTR)
            var = inst.plan.free[i]
            if var.boxed:
                require(b.icmp_unsigned("==", load_at(b, x, 8, PTR), obj_ptr(b, Box)))
                copy = b.alloca(LL[t])
                b.store(unbox(b, require, api, overflow,
                              load_at(b, x, BOX_VALUE_OFFSET, PTR), t), copy)
                boxes.append((x, copy, t, var))
                values.append(copy)
            else:
                values.append(unbox(b, require, api, overflow, x, t))
    count = b.load(ml.count)
    r = b.call(ml.functions[inst], values + [count], cconv="fastcc")
    if ml.counting:
        b.store(b.extract_value(r, 2), ml.count)
    else:           # entries from the VM only
        b.store(b.add(count, ir.Constant(I64, CALL_ONE)), ml.count)
    done = fn.append_basic_block("done")
    native_bail = fn.append_basic_block("native_bail") if ml.resume_slots else bail
    b.cbranch(b.extract_value(r, 1), native_bail, done)
    b.position_at_end(done)
    result = box(b, api, b.extract_value(r, 0), inst.ret)
    for obj, copy, t, var in boxes:
        if var.assigned:
            write_box(b, api, obj, box(b, api, b.load(copy), t))
    b.ret(result)

    b.position_at_end(guard)
    b.store(ir.Constant(I64, BAIL_GUARD), ml.bail_kind)
    b.branch(bail)
    if ml.resume_slots:
        # the native code stopped: resume the VM at its loop head, i.e. call
        # again with the loop variables it had there (the VM re-runs the call
        # with this same argument list)
        b.position_at_end(native_bail)
        objs = [box(b, api, b.load(g, typ=LL.get(t, PTR)), t)
                for g, t in zip(ml.resume_slots, inst.argtypes)]
        for i, obj in enumerate(objs):
            b.call(api["setitem"], [lst, ir.Constant(I64, i), obj])
        b.branch(bail)
    b.position_at_end(bail)
    b.ret(b.call(api["callnoargs"], [symbol_ptr(b, bailout_symbol(ml.prefix))]))
    return name


def bailout_symbol(prefix: str) -> str:
    """The symbol of a batch's bail-out callable (bound by the coordinator)."""
    return f"{prefix}_on_bailout"


def unbox(b, require, api, overflow, x, t):
    if t == FIX:
        require(b.icmp_unsigned("==", load_at(b, x, 8, PTR), obj_ptr(b, int)))
        v = b.call(api["aslong"], [x, overflow])
        require(b.icmp_signed("==", b.load(overflow), ir.Constant(I32, 0)))
        return v
    if t == FLO:
        require(b.icmp_unsigned("==", load_at(b, x, 8, PTR), obj_ptr(b, float)))
        return load_at(b, x, 16, F64)
    if t == BOOL:
        is_true = b.icmp_unsigned("==", x, obj_ptr(b, True))
        require(b.or_(is_true, b.icmp_unsigned("==", x, obj_ptr(b, False))))
        return is_true
    if t == UNSPEC:
        require(b.icmp_unsigned("==", x, obj_ptr(b, unspecified)))
        return ir.Constant(I1, 0)
    if t in VECTORS:
        require(b.icmp_unsigned("==", load_at(b, x, 8, PTR), obj_ptr(b, list)))
        return x        # borrowed: the argument list or the closure holds it
    raise AssertionError(t)


def box(b, api, v, t):
    if t == FIX:
        return b.call(api["fromlong"], [v])
    if t == FLO:
        return b.call(api["fromdouble"], [v])
    if t == BOOL:
        obj = b.select(v, obj_ptr(b, True), obj_ptr(b, False))
    elif t in VECTORS:
        obj = v
    else:
        obj = obj_ptr(b, unspecified)
    b.call(api["incref"], [obj])
    return obj


def write_box(b, api, box_obj, new):
    """`box.value = new`, taking over the reference to `new`."""
    addr = b.gep(box_obj, [ir.Constant(I64, BOX_VALUE_OFFSET)], source_etype=ir.IntType(8))
    old = b.load(addr, typ=PTR)
    b.store(new, addr)
    b.call(api["decref"], [old])


def make_callable(address: int, name: str):
    """A Python builtin function object calling the FASTCALL entry at `address`."""
    cname = name.encode()
    md = PyMethodDef(cname, address, METH_FASTCALL, None)
    _KEEP_ALIVE.append((md, cname))
    return _new_cfunction(ctypes.byref(md), None, None)


def read_i64(address: int) -> int:
    return ctypes.c_int64.from_address(address).value

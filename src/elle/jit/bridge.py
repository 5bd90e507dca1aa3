"""The bridge between the VM and native code: generated CPython entry points.

**Owns:** `emit_entry(module, shape, name)`, which adds to an LLVM module
a function with CPython's `METH_FASTCALL` signature
`PyObject *entry(PyObject *self, PyObject *const *args, Py_ssize_t nargs)`
for native functions of one `EntryShape`, and `make_callable(address,
name, data)`, which wraps it in a builtin function object
(`PyCFunction_NewEx` over a `PyMethodDef` kept alive forever) whose `self`
is `data` (`entry_data`). The VM calls it as `entry(closure, args_list)`.
**Does not touch:** the native calling convention of compiled functions
(`jit.lower`), policy (`jit.coordinator`).

Entries are shared: an entry's code depends only on its `EntryShape`
(parameter types, captured values, result type, resumable, counting), and
everything particular to one compiled function -- the address of its
native function, of its batch's call counter and of its resume slots, and
its bail-out callable -- is read from `self`, a bytes object of i64s
(`DATA_*`). So the coordinator generates one entry per shape per process,
in the batch that first needs it (measured on fib: a compilation that
generates its entry takes ~10.5-11 ms, one that finds it ready ~8.3 ms:
code generation, and building, printing and parsing the entry's IR), and
the entry calls the native function through the pointer in `self` (an
indirect call, once per entry from the VM; no slower measurably).

What the entry does, in ~10 ns rather than ~400 ns through ctypes:
1. guards: `args_list` is exactly a list of the specialised length; each
   element has exactly the specialised type: FIX is `type(x) is int` and
   fits in i64 (`PyLong_AsLongLongAndOverflow`), FLO `type(x) is float`,
   BOOL `x is True or x is False` (so `#t` is never an integer);
   then, for a closure that captures variables, the same for each value
   of the closure's `free` tuple (`args[0]` is the closure); an assigned
   captured variable's `Box` is unboxed into a native copy, passed by
   pointer, and written back only after a normal return;
2. calls the native function with the count from its batch's counter and
   stores there the count it returns, or with counting off the count plus
   one entry (see `jit.lower`);
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
that are never freed. The contents of a bytes object start at
`BYTES_DATA_OFFSET` (measured at import).
"""

from __future__ import annotations

import ctypes
import struct
import sys
from typing import NamedTuple

import llvmlite.ir as ir

from ..values import Box, Closure, unspecified
from .llvm import BAIL_KIND_SYMBOL
from .objcache import sha256
from .lower import BAIL_GUARD, CALL_ONE, F64, I1, I32, I64, LL, PTR, native_function_type
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


def _bytes_data_offset() -> int:
    """Byte offset of a bytes object's contents from its address."""
    probe = bytes(range(1, 9)) * 2
    for off in range(16, 64, 8):
        if ctypes.string_at(id(probe) + off, 16) == probe:
            return off
    raise RuntimeError("cannot find the contents of a bytes object")  # pragma: no cover


BYTES_DATA_OFFSET = _bytes_data_offset()


def c_api(module) -> dict:
    """Declarations of the C API functions an entry calls, in `module`."""
    def declare(name, ret, args):
        fn = module.globals.get(name)
        return fn if fn is not None else ir.Function(module, ir.FunctionType(ret, args), name)
    return {
        "aslong": declare("PyLong_AsLongLongAndOverflow", I64, [PTR, PTR]),
        "fromlong": declare("PyLong_FromLongLong", PTR, [I64]),
        "fromdouble": declare("PyFloat_FromDouble", PTR, [F64]),
        "incref": declare("Py_IncRef", ir.VoidType(), [PTR]),
        "decref": declare("Py_DecRef", ir.VoidType(), [PTR]),
        "callnoargs": declare("PyObject_CallNoArgs", PTR, [PTR]),
        "setitem": declare("PyList_SetItem", I32, [PTR, I64, PTR]),
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
    return declared_global(b.block.parent.module, name, ir.IntType(8))


def declared_global(module, name: str, ty):
    """External global `name` of type `ty`, declared once in `module`."""
    g = module.globals.get(name)
    return g if g is not None else ir.GlobalVariable(module, ty, name)


def load_at(b, base, offset, ty):
    addr = b.gep(base, [ir.Constant(I64, offset)], source_etype=ir.IntType(8))
    return b.load(addr, typ=ty)


class EntryShape(NamedTuple):
    """All an entry's code depends on: entries are shared by every compiled
    function of the same shape (see the module doc)."""
    params: tuple       # the parameters' types
    free: tuple         # (type, boxed, assigned) per captured value
    ret: str
    resumable: bool     # native code records its loop-head values (jit.lower)
    counting: bool      # native code counts its calls (jit.lower)

    def native_type(self):
        """The LLVM type of the native functions this entry calls."""
        return native_function_type(self.ret, list(self.params) + [t for t, _, _ in self.free],
                                    [False] * len(self.params) + [boxed for _, boxed, _ in self.free])

    def symbol(self) -> str:
        """The entry's name: the same in every process (so batches that
        define it can be cached on disk) and unique to the shape."""
        return "elle_entry_" + sha256(repr(tuple(self)).encode()).hexdigest()[:24]


def entry_shape(ml, inst) -> EntryShape:
    n = len(inst.plan.lam.params)
    free = tuple((t, v.boxed, v.boxed and v.assigned)
                 for t, v in zip(inst.argtypes[n:], inst.plan.free))
    return EntryShape(tuple(inst.argtypes[:n]), free, inst.ret, bool(ml.resume_slots),
                      ml.counting)


# The entry's `self` is a bytes object holding these i64s; the entry reads
# them at BYTES_DATA_OFFSET (measured at import, below).
DATA_NATIVE, DATA_COUNT, DATA_ON_BAILOUT, DATA_RESUME = 0, 1, 2, 3


def entry_data(native: int, count: int, on_bailout, resume: list) -> bytes:
    """The `self` of an entry for one compiled function: the addresses of its
    native function, its batch's call counter, its bail-out callable (kept
    alive by the caller) and its resume slots."""
    return struct.pack(f"<{3 + len(resume)}q", native, count, id(on_bailout), *resume)


def emit_entry(module, shape: EntryShape, name: str) -> None:
    """Add the FASTCALL entry for functions of `shape` to `module` as `name`."""
    fn = ir.Function(module, ir.FunctionType(PTR, [PTR, PTR, I64]), name)
    api = c_api(module)
    bail_kind = declared_global(module, BAIL_KIND_SYMBOL, I64)
    data_obj, args, nargs = fn.args
    entry = fn.append_basic_block("entry")
    guard = fn.append_basic_block("guard_failed")
    bail = fn.append_basic_block("bail")
    b = ir.IRBuilder(entry)
    overflow = b.alloca(I32)

    def require(cond):
        ok = fn.append_basic_block("ok")
        b.cbranch(cond, ok, guard)
        b.position_at_end(ok)

    def data(i, ty):
        return load_at(b, data_obj, BYTES_DATA_OFFSET + 8 * i, ty)

    require(b.icmp_signed("==", nargs, ir.Constant(I64, 2)))
    lst = b.load(b.gep(args, [ir.Constant(I64, 1)], source_etype=PTR), typ=PTR)
    require(b.icmp_unsigned("==", load_at(b, lst, 8, PTR), obj_ptr(b, list)))
    n = len(shape.params)
    require(b.icmp_signed("==", load_at(b, lst, 16, I64), ir.Constant(I64, n)))
    items = load_at(b, lst, 24, PTR)
    values = []
    boxes = []          # (box object, native copy, type) per assigned captured variable
    for i, t in enumerate(shape.params):
        x = b.load(b.gep(items, [ir.Constant(I64, i)], source_etype=PTR), typ=PTR)
        values.append(unbox(b, require, api, overflow, x, t))
    if shape.free:
        clo = b.load(args, typ=PTR)
        require(b.icmp_unsigned("==", load_at(b, clo, 8, PTR), obj_ptr(b, Closure)))
        free = load_at(b, clo, CLOSURE_FREE_OFFSET, PTR)
        require(b.icmp_unsigned("==", load_at(b, free, 8, PTR), obj_ptr(b, tuple)))
        require(b.icmp_signed("==", load_at(b, free, 16, I64), ir.Constant(I64, len(shape.free))))
        for i, (t, boxed, assigned) in enumerate(shape.free):
            x = load_at(b, free, 24 + 8 * i, PTR)
            if boxed:
                require(b.icmp_unsigned("==", load_at(b, x, 8, PTR), obj_ptr(b, Box)))
                copy = b.alloca(LL[t])
                b.store(unbox(b, require, api, overflow,
                              load_at(b, x, BOX_VALUE_OFFSET, PTR), t), copy)
                if assigned:
                    boxes.append((x, copy, t))
                values.append(copy)
            else:
                values.append(unbox(b, require, api, overflow, x, t))
    count_at = data(DATA_COUNT, PTR)
    count = b.load(count_at, typ=I64)
    native = data(DATA_NATIVE, shape.native_type().as_pointer())
    r = b.call(native, values + [count], cconv="fastcc")
    if shape.counting:
        b.store(b.extract_value(r, 2), count_at)
    else:           # entries from the VM only
        b.store(b.add(count, ir.Constant(I64, CALL_ONE)), count_at)
    done = fn.append_basic_block("done")
    native_bail = fn.append_basic_block("native_bail") if shape.resumable else bail
    b.cbranch(b.extract_value(r, 1), native_bail, done)
    b.position_at_end(done)
    result = box(b, api, b.extract_value(r, 0), shape.ret)
    for obj, copy, t in boxes:
        write_box(b, api, obj, box(b, api, b.load(copy), t))
    b.ret(result)

    b.position_at_end(guard)
    b.store(ir.Constant(I64, BAIL_GUARD), bail_kind)
    b.branch(bail)
    if shape.resumable:
        # the native code stopped: resume the VM at its loop head, i.e. call
        # again with the loop variables it had there (the VM re-runs the call
        # with this same argument list)
        b.position_at_end(native_bail)
        objs = [box(b, api, b.load(data(DATA_RESUME + i, PTR), typ=LL.get(t, PTR)), t)
                for i, t in enumerate(shape.params)]
        for i, obj in enumerate(objs):
            b.call(api["setitem"], [lst, ir.Constant(I64, i), obj])
        b.branch(bail)
    b.position_at_end(bail)
    b.ret(b.call(api["callnoargs"], [data(DATA_ON_BAILOUT, PTR)]))


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


def make_callable(address: int, name: str, data: bytes):
    """A Python builtin function object calling the FASTCALL entry at
    `address` with `data` (`entry_data`) as its `self`."""
    cname = name.encode()
    md = PyMethodDef(cname, address, METH_FASTCALL, None)
    _KEEP_ALIVE.append((md, cname))
    return _new_cfunction(ctypes.byref(md), id(data), None)      # holds a reference to data


def read_i64(address: int) -> int:
    return ctypes.c_int64.from_address(address).value

"""LLVM code for the numeric primitives of `jit.ops`.

**Owns:** `emit_op(fl, op, call, result_type)`: the native version of each
primitive, with the exact semantics of `elle.primitives.numbers` for the
types it is given. Anything whose result the VM would compute differently
(an i64 overflow, a non-integral exact quotient, a mixed comparison of a
fixnum too large to convert exactly, an error) bails out, so the VM
recomputes it. **Does not touch:** typing (`jit.ops`), control flow
(`jit.lower`).

Vectors are Python lists reached through the C layout (`ob_size` at 16,
`ob_item` at 24): an index out of range bails out (the VM raises the
error), an element read is checked against the type the vector was
profiled with (bail-out GUARD otherwise), and `vector-set!` boxes the new
element, stores it and releases the old one, then marks the lowering
`dirty` (see `jit.lower`).

Notes on matching the VM bit for bit:
* inexact `+` starts from its first operand (so `(+ -0.0 -0.0)` is -0.0,
  as IEEE and the VM's inline add), `*` from 1.0 (exact for every operand);
* mixed fixnum/flonum comparisons and min/max are exact in the VM (Python
  compares int and float exactly); natively the fixnum is converted, which is
  exact only within 2^53, so larger fixnums bail out; inexact min/max are
  IEEE 754-2019 minimum/maximum in both tiers (`llvm.minimum`/`maximum`);
* `floor ceiling round truncate` on flonums are LLVM's floor/ceil/roundeven/
  trunc (round is to even, like R7RS); transcendental functions call the
  C library, as Python's `math` does.
"""

from __future__ import annotations

import llvmlite.ir as ir

from .lower import (BAIL_ERROR, BAIL_OVERFLOW, BAIL_RANGE, EXACT_FLOAT_LIMIT, F64, FIX, FLO,
                    I1, I64, LIBM)
from .lower import BAIL_GUARD, PTR
from .ops import BOOL, I64_MIN

_ICMP = {"=": "==", "<": "<", ">": ">", "<=": "<=", ">=": ">="}
_ROUND = {"floor": "llvm.floor.f64", "ceiling": "llvm.ceil.f64",
          "round": "llvm.roundeven.f64", "truncate": "llvm.trunc.f64"}


def i64(v):
    return ir.Constant(I64, v)


def f64(v):
    return ir.Constant(F64, v)


def emit_op(fl, op, call, rt):
    ts = [fl.type_of(a) for a in call.args]
    vs = [fl.expr(a) for a in call.args]
    return _FAMILIES[op.family](fl, op.name, vs, ts, rt)


def to_flo(fl, v, t):
    return fl.b.sitofp(v, F64) if t == FIX else v


def guard_exact_float(fl, v):
    """Bail out unless fixnum `v` converts to a double exactly (|v| <= 2^53)."""
    b = fl.b
    lim = i64(EXACT_FLOAT_LIMIT)
    out = b.or_(b.icmp_signed(">", v, lim), b.icmp_signed("<", v, b.neg(lim)))
    fl.bail_if(out, BAIL_RANGE)


def intrinsic(fl, name, nargs=1):
    return fl.ml.external(name, F64, [F64] * nargs)


def checked(fl, fn, a, b):
    r = fn(a, b)
    fl.bail_if(fl.b.extract_value(r, 1), BAIL_OVERFLOW)
    return fl.b.extract_value(r, 0)


# -- + - * / -------------------------------------------------------------------

def _add(fl, name, vs, ts, rt):
    b = fl.b
    if rt == FIX:
        if not vs:
            return i64(0)
        acc = vs[0]
        for v in vs[1:]:
            acc = checked(fl, b.sadd_with_overflow, acc, v)
        return acc
    acc = to_flo(fl, vs[0], ts[0])     # not 0.0 + ...: (+ -0.0 -0.0) is -0.0
    for v, t in zip(vs[1:], ts[1:]):
        acc = b.fadd(acc, to_flo(fl, v, t))
    return acc


def _mul(fl, name, vs, ts, rt):
    b = fl.b
    if rt == FIX:
        if not vs:
            return i64(1)
        acc = vs[0]
        for v in vs[1:]:
            acc = checked(fl, b.smul_with_overflow, acc, v)
        return acc
    acc = f64(1.0)
    for v, t in zip(vs, ts):
        acc = b.fmul(acc, to_flo(fl, v, t))
    return acc


def _sub(fl, name, vs, ts, rt):
    b = fl.b
    if rt == FIX:
        if len(vs) == 1:
            return checked(fl, b.ssub_with_overflow, i64(0), vs[0])
        acc = vs[0]
        for v in vs[1:]:
            acc = checked(fl, b.ssub_with_overflow, acc, v)
        return acc
    fs = [to_flo(fl, v, t) for v, t in zip(vs, ts)]
    if len(fs) == 1:
        return b.fneg(fs[0])
    acc = fs[0]
    for v in fs[1:]:
        acc = b.fsub(acc, v)
    return acc


def _div(fl, name, vs, ts, rt):
    b = fl.b
    if rt == FLO:
        fs = [to_flo(fl, v, t) for v, t in zip(vs, ts)]
        if len(fs) == 1:
            return b.fdiv(f64(1.0), fs[0])
        acc = fs[0]
        for v in fs[1:]:
            acc = b.fdiv(acc, v)
        return acc
    acc, rest = (i64(1), vs) if len(vs) == 1 else (vs[0], vs[1:])
    for d in rest:
        fl.bail_if(b.icmp_signed("==", d, i64(0)), BAIL_ERROR)
        fl.bail_if(b.and_(b.icmp_signed("==", acc, i64(I64_MIN)),
                          b.icmp_signed("==", d, i64(-1))), BAIL_OVERFLOW)
        fl.bail_if(b.icmp_signed("!=", b.srem(acc, d), i64(0)), BAIL_RANGE)
        acc = b.sdiv(acc, d)
    return acc


# -- comparisons -------------------------------------------------------------------

def compare2(fl, name, a, ta, c, tc):
    b = fl.b
    if ta == FIX and tc == FIX:
        return b.icmp_signed(_ICMP[name], a, c)
    if ta == FIX:
        guard_exact_float(fl, a)
    if tc == FIX:
        guard_exact_float(fl, c)
    return b.fcmp_ordered(_ICMP[name], to_flo(fl, a, ta), to_flo(fl, c, tc))


def _cmp(fl, name, vs, ts, rt):
    result = ir.Constant(I1, 1)
    for i in range(len(vs) - 1):
        result = fl.b.and_(result, compare2(fl, name, vs[i], ts[i], vs[i + 1], ts[i + 1]))
    return result


# -- integer division -----------------------------------------------------------------

def _intdiv(fl, name, vs, ts, rt):
    b = fl.b
    a, d = vs
    fl.bail_if(b.icmp_signed("==", d, i64(0)), BAIL_ERROR)
    fl.bail_if(b.and_(b.icmp_signed("==", a, i64(I64_MIN)),
                      b.icmp_signed("==", d, i64(-1))), BAIL_OVERFLOW)
    if name == "quotient":
        return b.sdiv(a, d)
    r = b.srem(a, d)
    if name == "remainder":
        return r
    adjust = b.and_(b.icmp_signed("!=", r, i64(0)),
                    b.icmp_signed("<", b.xor(r, d), i64(0)))
    return b.select(adjust, b.add(r, d), r)


# -- abs, square, min, max ------------------------------------------------------------------

def _abs(fl, name, vs, ts, rt):
    b = fl.b
    x = vs[0]
    if rt == FLO:
        return b.call(intrinsic(fl, "llvm.fabs.f64"), [x])
    fl.bail_if(b.icmp_signed("==", x, i64(I64_MIN)), BAIL_OVERFLOW)
    return b.select(b.icmp_signed("<", x, i64(0)), b.neg(x), x)


def _square(fl, name, vs, ts, rt):
    if rt == FLO:
        return fl.b.fmul(vs[0], vs[0])
    return checked(fl, fl.b.smul_with_overflow, vs[0], vs[0])


def _minmax(fl, name, vs, ts, rt):
    b = fl.b
    pred = ">" if name == "max" else "<"
    if rt == FIX:
        best = vs[0]
        for v in vs[1:]:
            best = b.select(b.icmp_signed(pred, v, best), v, best)
        return best
    for v, t in zip(vs, ts):
        if t == FIX and len(vs) > 1:
            guard_exact_float(fl, v)
    # IEEE 754-2019 maximum / minimum, as the VM: NaN if any is NaN, and
    # +0.0 > -0.0. (A select on an ordered compare left the sign of a tied
    # zero to LLVM, which folded nested ones differently from the VM.)
    fn = intrinsic(fl, "llvm.maximum.f64" if name == "max" else "llvm.minimum.f64", 2)
    fs = [to_flo(fl, v, t) for v, t in zip(vs, ts)]
    best = fs[0]
    for v in fs[1:]:
        best = b.call(fn, [best, v])
    return best


# -- predicates ----------------------------------------------------------------------------

def _sign(fl, name, vs, ts, rt):
    b = fl.b
    pred = {"zero?": "==", "positive?": ">", "negative?": "<"}[name]
    if ts[0] == FIX:
        return b.icmp_signed(pred, vs[0], i64(0))
    return b.fcmp_ordered(pred, vs[0], f64(0.0))


def _parity(fl, name, vs, ts, rt):
    b = fl.b
    bit = b.and_(vs[0], i64(1))
    return b.icmp_signed("==" if name == "odd?" else "!=", bit, i64(1))


def _not(fl, name, vs, ts, rt):
    if ts[0] == BOOL:
        return fl.b.xor(vs[0], ir.Constant(I1, 1))
    return ir.Constant(I1, 0)


# -- exactness and rounding -------------------------------------------------------------------

def _inexact(fl, name, vs, ts, rt):
    return to_flo(fl, vs[0], ts[0])


def _exact(fl, name, vs, ts, rt):
    b = fl.b
    x = vs[0]
    if ts[0] == FIX:
        return x
    # NaN and infinities fail `trunc(x) == x` or the range test: the VM raises.
    t = b.call(intrinsic(fl, "llvm.trunc.f64"), [x])
    fl.bail_if(b.fcmp_unordered("une", t, x), BAIL_RANGE)
    in_range = b.and_(b.fcmp_ordered(">=", x, f64(-2.0 ** 63)), b.fcmp_ordered("<", x, f64(2.0 ** 63)))
    fl.bail_if(b.not_(in_range), BAIL_RANGE)
    return b.fptosi(x, I64)


def _round(fl, name, vs, ts, rt):
    if ts[0] == FIX:
        return vs[0]
    return fl.b.call(intrinsic(fl, _ROUND[name]), [vs[0]])


def _sqrt(fl, name, vs, ts, rt):
    b = fl.b
    fl.bail_if(b.fcmp_ordered("<", vs[0], f64(0.0)), BAIL_ERROR)
    return b.call(intrinsic(fl, "llvm.sqrt.f64"), [vs[0]])


def _libm(fl, name, vs, ts, rt):
    b = fl.b
    fs = [to_flo(fl, v, t) for v, t in zip(vs, ts)]
    if name == "log":
        fl.bail_if(b.fcmp_ordered("<", fs[0], f64(0.0)), BAIL_ERROR)
    cname = "atan2" if name == "atan" and len(fs) == 2 else name
    return b.call(intrinsic(fl, cname, LIBM[cname]), fs)


def _expt(fl, name, vs, ts, rt):
    b = fl.b
    if rt == FLO:
        base, power = (to_flo(fl, v, t) for v, t in zip(vs, ts))
        # The VM special-cases zero and negative bases (infinities, complex errors).
        fl.bail_if(b.fcmp_ordered("<=", base, f64(0.0)), BAIL_RANGE)
        return b.call(intrinsic(fl, "pow", 2), [base, power])
    base, power = vs
    fl.bail_if(b.icmp_signed("<", power, i64(0)), BAIL_RANGE)
    return _ipow(fl, base, power)


def _ipow(fl, base, power):
    """Exponentiation by squaring with overflow checks (a small loop in IR)."""
    b = fl.b
    pre = b.block
    loop = fl.fn.append_basic_block("expt_loop")
    body = fl.fn.append_basic_block("expt_body")
    done = fl.fn.append_basic_block("expt_done")
    b.branch(loop)
    b.position_at_end(loop)
    result = b.phi(I64)
    x = b.phi(I64)
    e = b.phi(I64)
    result.add_incoming(i64(1), pre)
    x.add_incoming(base, pre)
    e.add_incoming(power, pre)
    b.cbranch(b.icmp_signed(">", e, i64(0)), body, done)
    b.position_at_end(body)
    odd = b.icmp_signed("!=", b.and_(e, i64(1)), i64(0))
    mul = b.smul_with_overflow(result, x)
    odd_ovf = b.and_(odd, b.extract_value(mul, 1))
    new_result = b.select(odd, b.extract_value(mul, 0), result)
    e2 = b.ashr(e, i64(1))
    sq = b.smul_with_overflow(x, x)
    sq_ovf = b.and_(b.icmp_signed(">", e2, i64(0)), b.extract_value(sq, 1))
    fl.bail_if(b.or_(odd_ovf, sq_ovf), BAIL_OVERFLOW)
    result.add_incoming(new_result, b.block)
    x.add_incoming(b.extract_value(sq, 0), b.block)
    e.add_incoming(e2, b.block)
    b.branch(loop)
    b.position_at_end(done)
    return result


# -- vectors ---------------------------------------------------------------------------------

def _vector(fl, name, vs, ts, rt):
    from .bridge import box, c_api, load_at
    b = fl.b
    vec = vs[0]
    size = load_at(b, vec, 16, I64)
    if name == "vector-length":
        return size
    index = vs[1]
    # unsigned >= also catches a negative index; the VM raises the error
    fl.bail_if(b.icmp_unsigned(">=", index, size), BAIL_ERROR)
    slot = b.gep(load_at(b, vec, 24, PTR), [index], source_etype=PTR)
    api = c_api(fl.ml.module)
    if name == "vector-ref":
        return unbox_element(fl, api, b.load(slot, typ=PTR), rt)
    new = box(b, api, vs[2], ts[2])
    old = b.load(slot, typ=PTR)
    b.store(new, slot)
    b.call(api["decref"], [old])
    fl.dirty = True
    return ir.Constant(I1, 0)


def unbox_element(fl, api, x, t):
    """The native value of vector element `x`, bailing out unless it has type `t`."""
    from .bridge import load_at, obj_ptr
    b = fl.b
    if t == BOOL:
        is_true = b.icmp_unsigned("==", x, obj_ptr(b, True))
        fl.bail_if(b.not_(b.or_(is_true, b.icmp_unsigned("==", x, obj_ptr(b, False)))), BAIL_GUARD)
        return is_true
    if t == FLO:
        fl.bail_if(b.icmp_unsigned("!=", load_at(b, x, 8, PTR), obj_ptr(b, float)), BAIL_GUARD)
        return load_at(b, x, 16, F64)
    fl.bail_if(b.icmp_unsigned("!=", load_at(b, x, 8, PTR), obj_ptr(b, int)), BAIL_GUARD)
    overflow = fl._temp(ir.IntType(32))
    v = b.call(api["aslong"], [x, overflow])
    fl.bail_if(b.icmp_signed("!=", b.load(overflow), ir.Constant(ir.IntType(32), 0)), BAIL_GUARD)
    return v


_FAMILIES = {
    "add": _add, "sub": _sub, "mul": _mul, "div": _div, "cmp": _cmp, "intdiv": _intdiv,
    "abs": _abs, "square": _square, "minmax": _minmax, "sign": _sign, "parity": _parity,
    "not": _not, "inexact": _inexact, "exact": _exact, "round": _round, "sqrt": _sqrt,
    "libm": _libm, "expt": _expt, "vector": _vector,
}

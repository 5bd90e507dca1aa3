"""Core AST -> register bytecode.

**Owns:** `compile_toplevel(node, interp)`, which wraps a toplevel core tree
in a Lambda, runs `elle.analysis`, and compiles every Lambda to a
`bytecode.CodeObject` (kept on `Lambda.code`, with the Lambda kept on
`CodeObject.lam`); register allocation; the choice of fused instructions;
integration of primitives. **Does not touch:** how instructions run
(`elle.vm`), the surface language.

Fused instructions (see `elle.bytecode`) are chosen while emitting, not by a
peephole pass over finished code: at emission the compiler still knows the
source form, so a fused form needs no result register and no jump target
can fall between the two halves. They are: ADDRET (a tail `(+ a b)`),
CLOSRET (a tail lambda), RETLTI (a tail `(if (< x k) y ...)` with y a
register variable), CALLG1I (`(g (+ e k))` / `(g (- e k))`, with an
out-of-line copy of the plain code for every other case), and
`(if (not t) a b)` compiled as `(if t b a)`.

Integration: a call `(g x y)` where global `g` currently holds a builtin
`Primitive` with a fitting arity compiles to an inline instruction (fused
`ADD`, compare-and-branch, `PRIM`) instead of a call. That assumption is
recorded: `GlobalCell.watch` fires when `g` is redefined and the code object
is recompiled without integration, so R7RS redefinition semantics hold for
calls made after the redefinition.
"""

from __future__ import annotations

import operator

from . import analysis, bytecode as B
from .errors import CallLoc
from .core import (Call, Const, GlobalDefine, GlobalRef, GlobalSet, If, Lambda, Let,
                   Letrec, LocalRef, LocalSet, Seq)
from .values import Primitive, unspecified

_CMP = {"<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge,
        "=": operator.eq}
_ARITH = {"+": (B.ADD, B.ADDI), "-": (B.SUB, B.SUBI), "*": (B.MUL, None)}


def _is_imm_int(node) -> bool:
    return type(node) is Const and type(node.value) is int and -(1 << 62) < node.value < (1 << 62)


def _addend(name, node):
    """k or -k for `(+ e k)` / `(- e k)` with a small integer k (ADDI/SUBI
    add it), else None. `(- e 0)` is left to SUB: -0.0 - 0 is -0.0, but
    -0.0 + 0 is 0.0. For k != 0, x - k == x + (-k) exactly for ints and
    floats (IEEE subtraction is addition of the negation)."""
    if not _is_imm_int(node):
        return None
    k = node.value
    if name == "+":
        return k
    return -k if k != 0 else None


def compile_toplevel(node, interp) -> B.CodeObject:
    """Compile one toplevel core tree into a code object of no parameters."""
    lam = Lambda([], None, node, name="<toplevel>", loc=getattr(node, "loc", None))
    analysis.analyse(lam)
    return compile_lambda(lam, interp, toplevel=True)


def compile_lambda(lam: Lambda, interp, integrate: bool = True,
                   toplevel: bool = False) -> B.CodeObject:
    code = B.CodeObject(lam.name or "anonymous", lam, len(lam.params),
                        lam.rest is not None, lam.loc)
    code.integrate = integrate
    _FunctionCompiler(lam, code, interp, toplevel=toplevel).run()
    if lam.cases is not None:
        code.cases = _case_table(lam)
    if not toplevel and getattr(interp, "tier1", None) is not None:
        interp.tier1.adopt(code)
    lam.code = code
    return code


def _case_table(lam: Lambda):
    """`CodeObject.cases` of a case-lambda dispatcher: its clauses' arities
    and where each clause closure is among the captured values (None if a
    clause variable is boxed or not captured: then the dispatch runs)."""
    table = []
    for clause, var in lam.cases:
        if var.boxed or var not in lam.free:
            return None
        table.append((len(clause.params), clause.rest is not None, lam.free.index(var)))
    return tuple(table)


def recompile(code: B.CodeObject, interp) -> None:
    """Rebuild `code` in place without primitive integration (a primitive it
    inlined was redefined). Frames already running keep the old ops.

    Closures made before the rebuild keep the register padding of the old
    code in `Closure.regs`, which may be too short now: the rebuilt code
    starts with `GROW nregs`, which lengthens a frame that is short."""
    fresh = B.CodeObject(code.name, code.lam, code.nparams, code.rest, code.loc)
    fresh.integrate = False
    _FunctionCompiler(code.lam, fresh, interp, reuse_children=True, grow=True).run()
    code.ops, code.locs, code.nregs, code.pad = fresh.ops, fresh.locs, fresh.nregs, fresh.pad
    code.integrate = False
    if getattr(interp, "tier1", None) is not None:
        interp.tier1.adopt(code)
    code.lam.code = code


def _recompiler(interp):
    """The watcher that recompiles a code object when a primitive it
    inlined is redefined. It holds the interpreter, never the code object
    (the cell holds that weakly: `GlobalCell.watch_for`)."""
    def on_redefine(cell, code):
        if code.integrate:
            recompile(code, interp)
    return on_redefine


class _FunctionCompiler:
    def __init__(self, lam: Lambda, code: B.CodeObject, interp, reuse_children=False,
                 grow=False, toplevel=False):
        self.lam = lam
        self.code = code
        self.interp = interp
        self.reuse = reuse_children
        self.grow = grow
        # every lambda starts with ENTER when a tier above the VM may take it
        self.entry = not toplevel and (getattr(interp, "tier1", None) is not None
                                       or getattr(interp, "jit", None) is not None)
        self.where = {}                       # Var -> ("reg", i) | ("self",)
        self.assumes = {}
        self.out_of_line = []     # [(instr, imm, [(instr tuple, loc)])]: see call_offset
        self.loc = lam.loc
        for i, v in enumerate(lam.params):
            self.where[v] = ("reg", i)
        if lam.rest is not None:
            self.where[lam.rest] = ("reg", len(lam.params))
        # Captured variables follow the parameters (the call appends
        # Closure.regs = free + pad to the arguments), so a closure body
        # reads them as plain registers.
        for k, v in enumerate(lam.free):
            self.where[v] = ("reg", code.nregs + k)
        code.nfree = len(lam.free)
        code.nregs += code.nfree
        self.top = code.nregs
        self.max = code.nregs
        if lam.self_var is not None:
            self.where[lam.self_var] = ("self",)

    # -- emission ---------------------------------------------------------

    def emit(self, op, a=None, b=None, c=None, d=None, loc=None):
        self.code.ops.append((op, a, b, c, d))
        self.code.locs.append(loc or self.loc)
        return len(self.code.ops) - 1

    def patch(self, at: int, slot: int, value):
        ins = list(self.code.ops[at])
        ins[slot] = value
        self.code.ops[at] = tuple(ins)

    def here(self) -> int:
        return len(self.code.ops)

    def alloc(self) -> int:
        r = self.top
        self.top += 1
        if self.top > self.max:
            self.max = self.top
        return r

    def run(self):
        lam, code = self.lam, self.code
        params = lam.params + ([lam.rest] if lam.rest is not None else [])
        if self.entry:      # the tiers' hook (elle.vm, ENTER): a = native argument count
            self.emit(B.ENTER, code.fixed)
        grow = self.emit(B.GROW) if self.grow else None
        for i, v in enumerate(params):
            if v.boxed:
                self.emit(B.MKBOX, i)
        self.tail(lam.body)
        for at, imm, slow_path in self.out_of_line:
            start = self.here()
            for ins, loc in slow_path:
                self.emit(*ins, loc=loc)
            self.emit(B.JMP, at + 1, loc=slow_path[-1][1])
            self.patch(at, 4, (imm, start))
        code.nregs = self.max
        code.pad = (None,) * (self.max - code.nparams - (1 if code.rest else 0) - code.nfree)
        if grow is not None:
            self.patch(grow, 1, code.nregs)
        if self.assumes:
            on_redefine = _recompiler(self.interp)
            for cell in self.assumes:
                cell.watch_for(code, on_redefine)

    # -- variables --------------------------------------------------------

    def read_var(self, var, dst, loc):
        kind = self.where.get(var)
        if kind is None:
            raise AssertionError(f"compiler: no location for {var!r} in {self.lam.name}")
        if kind[0] == "reg":
            if var.boxed:
                dst = self.alloc() if dst is None else dst
                self.emit(B.BREF, dst, kind[1], loc=loc)
                return dst
            if dst is None or dst == kind[1]:
                return kind[1]
            self.emit(B.MOV, dst, kind[1], loc=loc)
            return dst
        dst = self.alloc() if dst is None else dst
        self.emit(B.SELF, dst, loc=loc)
        return dst

    def write_var(self, var, node, loc):
        kind = self.where[var]
        if kind[0] == "reg" and not var.boxed:
            self.expr(node, kind[1])
        elif kind[0] == "reg":
            mark = self.top
            src = self.expr(node, None)
            self.emit(B.BSET, kind[1], src, loc=loc)
            self.top = mark
        else:
            raise AssertionError(f"compiler: set! of unboxed captured {var!r}")

    # -- expressions ------------------------------------------------------

    def expr(self, node, dst):
        """Emit code leaving the value of `node` in a register; return it.
        If `dst` is not None the value goes exactly there. Nodes without a
        location (a bare symbol) get the nearest enclosing one."""
        if node.loc is None or node.loc is self.loc:
            return self._expr(node, dst)
        outer = self.loc
        self.loc = node.loc
        try:
            return self._expr(node, dst)
        finally:
            self.loc = outer

    def _expr(self, node, dst):
        k = type(node)
        loc = node.loc or self.loc
        if k is LocalRef:
            return self.read_var(node.var, dst, loc)
        if dst is None:
            dst = self.alloc()
        mark = self.top
        if k is Const:
            self.emit(B.CONST, dst, node.value, loc=loc)
        elif k is GlobalRef:
            self.emit(B.GREF, dst, self.cell(node.name), loc=loc)
        elif k is Call:
            self.call(node, dst, tail=False)
        elif k is If:
            test, then, else_ = self.branches(node)
            jumps = self.test(test, negate=False)
            self.expr(then, dst)
            over = self.emit(B.JMP)
            for at, slot in jumps:
                self.patch(at, slot, self.here())
            self.expr(else_, dst)
            self.patch(over, 1, self.here())
        elif k is Seq:
            for n in node.body[:-1]:
                self.effect(n)
            self.expr(node.body[-1], dst)
        elif k is Lambda:
            self.closure(node, dst)
        elif k is LocalSet:
            self.write_var(node.var, node.value, loc)
            self.emit(B.CONST, dst, unspecified, loc=loc)
        elif k is GlobalSet or k is GlobalDefine:
            src = self.expr(node.value, None)
            self.emit(B.GSET if k is GlobalSet else B.GDEF, self.cell(node.name), src, loc=loc)
            self.emit(B.CONST, dst, unspecified, loc=loc)
        elif k is Let or k is Letrec:
            self.bindings(node)
            self.expr(node.body, dst)
        else:
            raise TypeError(f"compiler: unknown node {node!r}")
        self.top = mark
        return dst

    def effect(self, node):
        """Compile `node` for its effects only."""
        if type(node) in (Const, LocalRef, Lambda):
            return
        mark = self.top
        if type(node) is Call and len(node.args) == 3:
            prim = self.integrable(node)
            if prim is not None and prim.name == "vector-set!":
                outer = self.loc
                self.loc = node.loc or outer
                regs = [self.expr(a, None) for a in node.args]
                self.emit(B.VSET, *regs, prim.fn)
                self.loc = outer
                self.top = mark
                return
        self.expr(node, None)
        self.top = mark

    def tail(self, node):
        """Compile `node` in tail position: it returns from the function."""
        if node.loc is None or node.loc is self.loc:
            return self._tail(node)
        outer = self.loc
        self.loc = node.loc
        try:
            return self._tail(node)
        finally:
            self.loc = outer

    def _tail(self, node):
        k = type(node)
        if k is Call:
            mark = self.top
            self.call(node, None, tail=True)
            self.top = mark
        elif k is If:
            test, then, else_ = self.branches(node)
            if self.return_if(test, then, node.loc):
                self.tail(else_)
                return
            jumps = self.test(test, negate=False)
            self.tail(then)
            for at, slot in jumps:
                self.patch(at, slot, self.here())
            self.tail(else_)
        elif k is Seq:
            for n in node.body[:-1]:
                self.effect(n)
            self.tail(node.body[-1])
        elif k is Let or k is Letrec:
            mark = self.top
            self.bindings(node)
            self.tail(node.body)
            self.top = mark
        elif k is Lambda:
            self.closure(node, None)
        else:
            mark = self.top
            r = self.expr(node, None)
            self.emit(B.RET, r, loc=node.loc or self.loc)
            self.top = mark

    def branches(self, node: If):
        """(test, then, else) of `node`, with `(if (not t) a b)` read as
        `(if t b a)` while `not` is the builtin, so the test compiles to one
        compare-and-branch instead of a compare, then a jump on its value."""
        test, then, else_ = node.test, node.then, node.else_
        while type(test) is Call and len(test.args) == 1:
            prim = self.integrable(test)
            if prim is None or prim.name != "not":
                break
            test, then, else_ = test.args[0], else_, then
        return test, then, else_

    def return_if(self, test, then, loc) -> bool:
        """`(if (< x k) y ...)` in tail position, y a variable in a register:
        emit RETLTI (return y when x < k, else fall through to the else
        code) and return True; otherwise emit nothing and return False."""
        if (type(test) is not Call or len(test.args) != 2 or type(then) is not LocalRef
                or then.var.boxed or not _is_imm_int(test.args[1])):
            return False
        kind = self.where.get(then.var)
        if kind is None or kind[0] != "reg":
            return False
        prim = self.integrable(test)
        if prim is None or prim.name != "<":
            return False
        x = self.expr(test.args[0], None)
        self.emit(B.RETLTI, x, test.args[1].value, kind[1], prim.fn,
                  loc=test.loc or loc or self.loc)
        return True

    def bindings(self, node):
        """Allocate and initialise the variables of a Let/Letrec (the caller
        restores `top` after the body)."""
        regs = [self.alloc() for _ in node.vars]
        for v, r in zip(node.vars, regs):
            self.where[v] = ("reg", r)
        loc = node.loc or self.loc
        if type(node) is Let:
            for v, r, init in zip(node.vars, regs, node.inits):
                self.expr(init, r)
                if v.boxed:
                    self.emit(B.MKBOX, r, loc=loc)
        else:
            for v, r in zip(node.vars, regs):
                if v.boxed:
                    self.emit(B.NEWBOX, r, loc=loc)
            for v, r, init in zip(node.vars, regs, node.inits):
                if v.boxed:
                    mark = self.top
                    src = self.expr(init, None)
                    self.emit(B.BSET, r, src, loc=loc)
                    self.top = mark
                else:
                    self.expr(init, r)

    def closure(self, lam: Lambda, dst):
        if self.reuse and lam.code is not None:
            code = lam.code
        else:
            code = compile_lambda(lam, self.interp, self.code.integrate)
        self.code.children.append(code)
        caps = []
        for v in lam.free:
            kind = self.where[v]
            if kind[0] == "reg":
                caps.append(kind[1])
            elif v.boxed:
                # v is this function's own name (its self_var: here it *is*
                # the running closure), but boxed -- an earlier letrec init
                # captured it before it was initialised -- so every closure
                # capturing it expects a Box. v is never assigned (a
                # self_var never is), so a fresh box holding the running
                # closure is the same variable.
                r = self.alloc()
                self.emit(B.SELF, r, loc=lam.loc or self.loc)
                self.emit(B.MKBOX, r, loc=lam.loc or self.loc)
                caps.append(r)
            else:
                caps.append(None)
        all_regs = None not in caps
        if dst is None:     # a lambda in tail position: make it and return it
            self.emit(B.CLOSRET, code, tuple(caps), all_regs, loc=lam.loc or self.loc)
        else:
            self.emit(B.CLOS, dst, code, tuple(caps), all_regs, loc=lam.loc or self.loc)

    def cell(self, name):
        return self.interp.globals.cell(name)

    # -- tests (conditional jumps) ----------------------------------------

    def test(self, node, negate):
        """Emit a conditional jump taken when `node` is false (or, with
        `negate`, when it is true). Returns [(instr, slot)] to patch with
        the target."""
        loc = node.loc or self.loc
        if type(node) is Call and not negate:
            prim = self.integrable(node)
            if prim is not None:
                name, n = prim.name, len(node.args)
                if name in _CMP and n == 2:
                    a = self.expr(node.args[0], None)
                    if _is_imm_int(node.args[1]):
                        imm = node.args[1].value
                        if name == "<":
                            return [(self.emit(B.JNLTI, a, imm, None, prim.fn, loc=loc), 3)]
                        if name == "=":
                            return [(self.emit(B.JNEQI, a, imm, None, prim.fn, loc=loc), 3)]
                        return [(self.emit(B.JNCMPI, a, imm, None, (_CMP[name], prim.fn), loc=loc), 3)]
                    b = self.expr(node.args[1], None)
                    if name == "<":
                        return [(self.emit(B.JNLT, a, b, None, prim.fn, loc=loc), 3)]
                    if name == "=":
                        return [(self.emit(B.JNEQ, a, b, None, prim.fn, loc=loc), 3)]
                    return [(self.emit(B.JNCMP, a, b, None, (_CMP[name], prim.fn), loc=loc), 3)]
                if name == "null?" and n == 1:
                    a = self.expr(node.args[0], None)
                    return [(self.emit(B.JNNULL, a, loc=loc), 2)]
                if name == "pair?" and n == 1:
                    a = self.expr(node.args[0], None)
                    return [(self.emit(B.JNPAIR, a, loc=loc), 2)]
                if name == "not" and n == 1:
                    a = self.expr(node.args[0], None)
                    return [(self.emit(B.JT, a, loc=loc), 2)]
        r = self.expr(node, None)
        return [(self.emit(B.JT if negate else B.JF, r, loc=loc), 2)]

    # -- calls ------------------------------------------------------------

    def integrable(self, node: Call):
        """The builtin Primitive `node` calls, if it can be inlined."""
        if not self.code.integrate or type(node.fn) is not GlobalRef:
            return None
        cell = self.cell(node.fn.name)
        p = cell.value
        if type(p) is not Primitive or p.control is not None or p.tail:
            return None
        n = len(node.args)
        if n < p.min_args or (p.max_args is not None and n > p.max_args):
            return None
        self.assumes[cell] = True
        return p

    def call(self, node: Call, dst, tail: bool):
        loc = node.loc or self.loc
        prim = self.integrable(node)
        if prim is not None:
            if tail and prim.name == "+" and len(node.args) == 2 and not _is_imm_int(node.args[1]):
                a = self.expr(node.args[0], None)
                b = self.expr(node.args[1], None)
                self.emit(B.ADDRET, a, b, prim.fn, loc=loc)
                return None
            if dst is None:
                dst = self.alloc()
            self.inline_primitive(prim, node, dst, loc)
            if tail:
                self.emit(B.RET, dst, loc=loc)
            return dst
        fn = node.fn
        # A tail call's third operand: the argument count when a call of the
        # running closure may reuse its frame (the count fits its arity), else -1.
        lam = self.lam
        n = len(node.args)
        selfn = n if lam.rest is None and n == len(lam.params) else -1
        if type(fn) is LocalRef and self.where.get(fn.var) == ("self",):
            args = tuple(self.expr(a, None) for a in node.args)
            if tail:
                self.emit(B.TSCALL, args, None, selfn, loc=loc)
                return None
            self.emit(B.SCALL, dst, args, loc=loc)
            return dst
        if type(fn) is GlobalRef:
            cell = self.cell(fn.name)
            if loc is not None and fn.loc is not None and fn.loc != loc:
                loc = CallLoc(loc, fn.loc)      # an unbound callee's error points at its name
            if n == 1 and not tail:
                fused = self.offset_argument(node.args[0])
                if fused is not None:
                    return self.call_offset(cell, fused, dst, loc)
            args = tuple(self.expr(a, None) for a in node.args)
            return self.emit_call((B.TCALLG, B.CALLG1, B.CALLG), cell, args, dst, tail, selfn, loc)
        f = self.expr(fn, None)
        args = tuple(self.expr(a, None) for a in node.args)
        return self.emit_call((B.TCALL, B.CALL1, B.CALL), f, args, dst, tail, selfn, loc)

    def emit_call(self, opcodes, callee, args, dst, tail, selfn, loc):
        """A call of `callee` (a global's cell or a register) with one of
        `opcodes` = (tail call, one-argument call, call)."""
        tcall, call1, call = opcodes
        if tail:
            self.emit(tcall, callee, args, selfn, loc=loc)
        elif len(args) == 1:
            self.emit(call1, dst, callee, args[0], loc=loc)
        else:
            self.emit(call, dst, callee, args, loc=loc)
        return dst

    def offset_argument(self, arg):
        """(primitive, operand node, k, addend) if `arg` is an inlinable
        `(+ e k)` or `(- e k)` with a small integer k (see `_addend`), else None."""
        if type(arg) is not Call or len(arg.args) != 2 or not _is_imm_int(arg.args[1]):
            return None
        prim = self.integrable(arg)
        if prim is None or prim.name not in ("+", "-"):
            return None
        imm = _addend(prim.name, arg.args[1])
        return None if imm is None else (prim, arg, arg.args[1].value, imm)

    def call_offset(self, cell, fused, dst, loc):
        """`(g (- e k))` as one CALLG1I: the argument r[x] + imm is computed
        in the call. Only the case of a fixed-arity closure and a fixnum or
        flonum argument runs there; everything else (other argument types,
        other callees, the JIT on) jumps to an out-of-line copy of the plain
        sequence `SUBI tmp x k; CALLG1 dst g tmp; JMP back`, so error
        messages, locations and hooks are exactly those of the unfused code."""
        prim, arg, k, imm = fused
        x = self.expr(arg.args[0], None)
        tmp = self.alloc()
        if dst is None:
            dst = self.alloc()
        at = self.emit(B.CALLG1I, dst, cell, x, None, loc=loc)
        arith = (B.ADDI if prim.name == "+" else B.SUBI, tmp, x, imm, (prim.fn, k))
        self.out_of_line.append((at, imm, [
            (arith, arg.loc or loc), ((B.CALLG1, dst, cell, tmp, None), loc)]))
        return dst

    def inline_primitive(self, prim: Primitive, node: Call, dst, loc):
        name, args = prim.name, node.args
        if len(args) == 2 and name in _ARITH:
            op, opi = _ARITH[name]
            a = self.expr(args[0], None)
            imm = _addend(name, args[1]) if opi is not None else None
            if imm is not None:
                self.emit(opi, dst, a, imm, (prim.fn, args[1].value), loc=loc)
            else:
                b = self.expr(args[1], None)
                self.emit(op, dst, a, b, prim.fn, loc=loc)
            return
        if len(args) == 2 and name in _CMP:
            a = self.expr(args[0], None)
            if _is_imm_int(args[1]):
                self.emit(B.CMPI, dst, a, args[1].value, (_CMP[name], prim.fn), loc=loc)
            else:
                b = self.expr(args[1], None)
                self.emit(B.CMP, dst, a, b, (_CMP[name], prim.fn), loc=loc)
            return
        if len(args) == 2 and name == "vector-ref":
            a = self.expr(args[0], None)
            b = self.expr(args[1], None)
            self.emit(B.VREF, dst, a, b, prim.fn, loc=loc)
            return
        if len(args) == 1 and name in ("car", "cdr"):
            a = self.expr(args[0], None)
            self.emit(B.CAR if name == "car" else B.CDR, dst, a, prim.fn, loc=loc)
            return
        regs = tuple(self.expr(a, None) for a in args)
        if len(regs) == 1:
            self.emit(B.PRIM1, dst, prim.fn, regs[0], loc=loc)
        elif len(regs) == 2:
            self.emit(B.PRIM2, dst, prim.fn, regs[0], regs[1], loc=loc)
        else:
            self.emit(B.PRIM, dst, prim.fn, regs, loc=loc)

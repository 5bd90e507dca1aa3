"""Lowering: typed instances of analysed core forms -> LLVM IR (llvmlite.ir).

**Owns:** `lower_module(inference, prefix, reused) -> ModuleLowerer`: one LLVM
module holding one native function per instance (the root and every
compilable callee not compiled before) and a depth-and-calls counter.
**Does not touch:** the Python entry point (`jit.bridge`), compilation
(`jit.llvm`), run-time values.

Functions have external linkage and batch-unique names, so a later batch
can call an instance an earlier one compiled (`reused`: declared, not
lowered again; e.g. a helper that got hot first, then its caller). The
calling convention below is the same in every module, and the bail-out
kind is one process-wide cell (`BAIL_KIND_SYMBOL`, defined by `jit.llvm`):
native code runs holding the GIL, so one thread at a time writes it.

Native calling convention (`fastcc`, internal): a function takes its
arguments (parameters, then captured variables) unboxed (FIX i64, FLO
double, BOOL i1, UNSPEC i1 0), except that a captured variable that is
assigned is passed as a pointer to the entry's copy of its box's content,
and last the *count* (below); it returns `{T, i1, i64}`: the value, a
status (1 = bail out) and the count. Before returning status 1 the code
that gave up stores its reason in `@elle_jit_bail_kind` (see BAIL_*);
callers propagate the status unchanged.

The count is one i64 passed to every call in registers: the call depth in
its low 16 bits (DEPTH_BITS). Entering a function adds 1 and bails out
past DEPTH_LIMIT levels (deep native recursion must not overflow the C
stack). With call counting on (`counting`: `--stats`, ELLE_JIT_COUNT_CALLS)
the bits above the depth count native calls (`native_calls(value)`):
entering adds `CALL_ONE + 1`, each function continues with the count its
callee returns, and every return gives back its count minus 1; the bridge
loads the total from the global `@<prefix>_count` before the call and
stores the returned count after it. A call is a procedure application in
Scheme's sense, the count the VM would see, so the native share of calls
means the same in both tiers: a jump that stands for a call (a self tail
call, a call of a named-let / do loop, an inlined base case) adds CALL_ONE
too. Counting is off by default because threading the count back through
every return costs: measured on fib(32), 4.9 ms native without it, 6.2 ms
with it (the count is one more value live across every call; a global
updated in memory on every call instead was worse, ~10-13 ms). Without it
the returned count is undefined and the bridge counts entries only.

Vector mutation (`vector-set!`) is the one effect outside the function:
`dirty` tracks, during lowering, whether a vector may have been mutated
since the last pass through the function's own loop head; a bail-out
point reached dirty is rejected (the VM would redo the mutation). The
root function records its parameters in `@<prefix>_resume_<i>` when it
bails out, so the entry can resume the VM at that loop head (see
`jit.bridge`); that is why its parameters must never be assigned.

Accumulation: a function returning a fixnum whose tail is `(+ X (self
...))` or `(* X (self ...))` (one operator per function) keeps a running
sum (product) in `acc`: that call becomes `acc := acc op X` and a jump, and
every return gives `acc op value`. Exact integer + and * are associative
and commutative, and each step is overflow-checked, so the result is
exact or the code bails out. fib then makes one call per level instead of
two (fib(32) native ~12 -> ~6 ms). Each jump still counts as a level of
depth (the pending `op` is a frame the VM would keep): past DEPTH_LIMIT
it bails out, so the VM's depth limit and error hold (`(+ 1 (self n))`
used to loop for ever); a checked increment per level, ~10% on fib(32). Only for functions without vector
mutation (pure), because the root's bail-out then restarts from its
original arguments: the parameters at the loop head miss the pending
`acc`.

Base-case inlining: when the body is `(if TEST BASE ...)` (or with the
arms swapped) and TEST and BASE make no calls, a call of the function by
itself evaluates TEST and BASE in place on the arguments (into fresh
slots) and makes a real call only for the other case. Most calls of a
tree recursion are leaves, so this removes most real calls: fib(32)
native 8.5 -> 6.9 ms.

Twins: a small function that makes one real call of itself (not tak,
which makes three) gets a *twin*, an internal `alwaysinline` copy of its
IR text (`ModuleLowerer.text`); the function
calls the twin and the twin calls the function, and LLVM's always-inliner
(first in `jit.llvm.LIGHT_PASSES`) inlines the twin into the function. So
the recursion is unrolled one level: each real call covers two levels,
with the base-case test and the accumulator loop of both (fib(32) native
6.7 -> 4.9 ms with the small code model; with the count threaded through
returns the gain was lost to spills). The twin behaves exactly like a
call of the function (depth, count, bail-outs, resume slots), so nothing
else knows about it. It costs compile time: code generation for twice
the code (fib's compile ~8.5 -> ~9.5 ms).

Every local lives in an `alloca` (LLVM's mem2reg/SROA turns them into SSA).
Positions in tail context are lowered against a *target*: returning from
the function, or storing into a letrec's result slot and branching to its
exit. Calls to loop procedures (named let / do) and self tail calls with
the same specialisation are stores into the parameter slots plus a branch
to the loop header: loops run in constant stack.
"""

from __future__ import annotations

import llvmlite.ir as ir

from ..core import (Call, Const, GlobalRef, If, Let, Letrec, LocalRef, LocalSet, Seq)
from ..values import NATIVE_DEPTH_LIMIT, unspecified
from .. import core
from .interrupt import INTERRUPT_SYMBOL
from .llvm import BAIL_KIND_SYMBOL
from .ops import BOOL, BOT, FIX, FLO, UNSPEC, VECTORS, Reject, describe

I1 = ir.IntType(1)
I32 = ir.IntType(32)
I64 = ir.IntType(64)
F64 = ir.DoubleType()
PTR = ir.PointerType()
LL = {FIX: I64, FLO: F64, BOOL: I1, UNSPEC: I1, **{v: PTR for v in VECTORS}}

BAIL_OVERFLOW, BAIL_DEPTH, BAIL_ERROR, BAIL_GUARD, BAIL_RANGE, BAIL_INTERRUPT = 1, 2, 3, 4, 5, 6
BAIL_NAMES = {BAIL_OVERFLOW: "overflow", BAIL_DEPTH: "depth", BAIL_ERROR: "error",
              BAIL_GUARD: "guard", BAIL_RANGE: "range", BAIL_INTERRUPT: "interrupt"}

DEPTH_LIMIT = NATIVE_DEPTH_LIMIT
DEPTH_BITS = 16
DEPTH_MASK = (1 << DEPTH_BITS) - 1
CALL_ONE = 1 << DEPTH_BITS
assert DEPTH_LIMIT + 1 <= DEPTH_MASK


def native_calls(count: int) -> int:
    """The number of native calls in a value of `@<prefix>_count`."""
    return (count & ((1 << 64) - 1)) >> DEPTH_BITS
# What a symbol this module defines is printed with: external linkage (other
# batches may use it) and `dso_local` (it is not preempted), so that with
# the small PIC code model (`jit.llvm`) references to it from this module
# are direct, e.g. a self call is a direct `call`, not one through a PLT
# stub. (llvmlite prints `linkage` verbatim before the definition.)
LOCAL = "dso_local"
ACC_IDENTITY = {"+": 0, "*": 1}     # accumulating operators (see the module doc)
EXACT_FLOAT_LIMIT = 1 << 53     # fixnums this small convert to double exactly
INLINE_MAX_NODES = 24          # base-case inlining only for small tests and arms
TWIN_MAX_NODES = 60            # twins only for small bodies
LIBM = {"exp": 1, "log": 1, "sin": 1, "cos": 1, "tan": 1, "atan": 1, "atan2": 2, "pow": 2}


def node_count(n) -> int:
    return sum(1 for _ in core.walk(n))


def ll_type(t: str, what: str):
    ty = LL.get(t)
    if ty is None:
        raise Reject(f"{what} is {describe(t)}")
    return ty


def is_box_param(inst, i: int) -> bool:
    """Is entry value `i` of `inst` a captured, assigned variable (passed by pointer)?"""
    v = inst.plan.entry_vars[i]
    return v.boxed and i >= len(inst.plan.lam.params)


def ret_type(t: str):
    return ir.LiteralStructType([ll_type(t, "the result"), I1, I64])


def native_function_type(ret: str, argtypes, by_pointer, name="a native function"):
    """The type of native function `name` (the convention in the module
    doc): arguments of `argtypes` (a pointer where `by_pointer`), then the
    count."""
    return ir.FunctionType(ret_type(ret), [
        PTR if p else ll_type(t, f"parameter {i + 1} of {name}")
        for i, (t, p) in enumerate(zip(argtypes, by_pointer))] + [I64])


class ModuleLowerer:
    """One LLVM module for one batch of instances."""

    def __init__(self, inference, prefix: str, reused=None, counting=True):
        self.inference = inference
        self.prefix = prefix
        self.counting = counting
        self.module = ir.Module(name=prefix)
        self.count = self.global_i64(f"{prefix}_count")
        self.bail_kind = ir.GlobalVariable(self.module, I64, BAIL_KIND_SYMBOL)   # external
        self.interrupt = ir.GlobalVariable(self.module, I64, INTERRUPT_SYMBOL)   # external
        self.externals: dict[str, ir.Function] = {}
        self.functions = {}         # instance -> its function, defined here or reused
        self.twins = []             # (function name, twin name): see text()
        self.defined = []           # the instances this module defines
        self.resume_slots = self.resume_globals(inference.root)
        reused = reused or {}
        for inst in self.reachable(inference.root, reused):
            fty = native_function_type(inst.ret, inst.argtypes,
                                       [is_box_param(inst, i) for i in range(len(inst.argtypes))],
                                       inst.name)
            fn = ir.Function(self.module, fty, reused.get(inst) or self.function_name(inst))
            fn.calling_convention = "fastcc"
            fn.attributes.add("nounwind")
            if inst not in reused:
                fn.linkage = LOCAL
            self.functions[inst] = fn
            if inst not in reused:
                self.defined.append(inst)

    @staticmethod
    def reachable(root, reused) -> list:
        """The instances the root's code can reach by calls, not looking
        inside reused ones (their own module already has their callees)."""
        seen, order, todo = set(), [], [root]
        while todo:
            inst = todo.pop()
            if inst in seen:
                continue
            seen.add(inst)
            order.append(inst)
            if inst not in reused:
                todo.extend(inst.callees.values())
        return order

    def resume_globals(self, root) -> list:
        """One global per parameter of the root, holding its loop-head value
        when native code bails out -- if the root can be resumed there."""
        plan = root.plan
        n = len(plan.lam.params)
        if any(p.assigned for p in plan.lam.params):
            why = "assigns a parameter"
        elif any(v.boxed and v.assigned for v in plan.free):
            why = "assigns a captured variable"
        else:
            return [self.global_of(f"{self.prefix}_resume_{i}", LL[t])
                    for i, t in enumerate(root.argtypes[:n])]
        for inst in self.inference.instances.values():
            if inst.plan.mutations:
                raise Reject(f"mutates a vector and {why} (a bail-out could not resume)")
        return []

    def global_of(self, name, ty):
        g = ir.GlobalVariable(self.module, ty, name)
        g.initializer = ir.Constant(ty, None)
        g.linkage = LOCAL
        return g

    def function_name(self, inst) -> str:
        safe = "".join(c if c.isalnum() else "_" for c in inst.name)[:40]
        return f"{self.prefix}_{safe}_{inst.index}"

    def global_i64(self, name):
        return self.global_of(name, I64)

    def external(self, name: str, ret, args):
        fn = self.externals.get(name)
        if fn is None:
            fn = self.externals[name] = ir.Function(self.module, ir.FunctionType(ret, args), name)
        return fn

    def lower(self) -> "ModuleLowerer":
        for inst in self.defined:
            fn = self.functions[inst]
            main = FunctionLowerer(self, inst, fn)
            main.emit()
            if main.twin is not None:
                self.twins.append((fn.name, main.twin.name))
        return self

    def text(self) -> str:
        """The module's IR text, with each twin (see the module doc) cloned
        from its function's text: the same body under the twin's name,
        internal and always inlined, calling the function where the
        function calls the twin. (Cloning the text instead of lowering the
        function again halves the Python side of a twin's cost.)"""
        text = str(self.module)
        for name, twin in self.twins:
            # its definition, not a call of it in a function defined before it
            at = text.index(f'@"{name}"(')
            while not text.startswith("define ", text.rindex("\n", 0, at) + 1):
                at = text.index(f'@"{name}"(', at + 1)
            start = text.rindex("\n", 0, at) + 1
            end = text.index("\n}\n", start) + 3
            head, body = text[start:end].split("\n", 1)
            assert head.endswith(" nounwind"), head
            clone = (head.replace(f"define {LOCAL} ", "define internal ", 1)
                     .replace(f'@"{name}"(', f'@"{twin}"(', 1) + " alwaysinline\n"
                     + body.replace(f'@"{twin}"(', f'@"{name}"('))
            text = text[:end] + "\n" + clone + text[end:]
        return text


class ReturnTarget:
    def __init__(self, t):
        self.type = t

    def deliver(self, fl, value, t):
        fl.check_same(t, self.type)
        fl.ret_value(value)


class ExitTarget:
    def __init__(self, t, slot, block):
        self.type = t
        self.slot = slot
        self.block = block
        self.dirty = False      # some path reaches the exit after a vector-set!

    def deliver(self, fl, value, t):
        fl.check_same(t, self.type)
        self.dirty |= fl.dirty
        fl.b.store(value, self.slot)
        fl.b.branch(self.block)


class FunctionLowerer:
    def __init__(self, ml: ModuleLowerer, inst, fn):
        self.ml = ml
        self.inst = inst
        self.plan = inst.plan
        self.fn = fn
        self.twin = None            # made by the first real call of itself, if wanted
        self.types = inst.node_types
        self.entry = fn.append_basic_block("entry")
        self.b = ir.IRBuilder(self.entry)
        self.slots: dict = {}
        self.headers: dict = {}     # loop Var -> header block
        self.bail_blocks: dict = {}
        self.propagate_block = None
        self.is_root = inst is ml.inference.root
        self.dirty = False          # a vector was mutated since the loop head
        self.header_dirty: dict = {}   # inner loop Var -> may be entered dirty
        self.acc_op = self.accumulation()   # "+", "*" or None (see the module doc)
        self.acc = None
        self.frame_slots = self.slots       # the function's own slots (not an inlined copy's)
        self.base = None if self.plan.mutations else self.base_case()
        self.twinned = self.wants_twin()

    # -- frame ---------------------------------------------------------------

    def emit(self):
        b = self.b
        for i, (p, arg) in enumerate(zip(self.plan.entry_vars, self.fn.args)):
            if is_box_param(self.inst, i):
                ll_type(self.inst.var_types.get(p, BOT), f"variable {p.name.name}")
                self.slots[p] = arg     # the caller's copy of the box content
            else:
                b.store(arg, self.slot(p))
        self.count = b.alloca(I64, name="count")    # SSA after SROA: a register
        c = b.add(self.fn.args[-1], ir.Constant(I64, CALL_ONE + 1 if self.ml.counting else 1))
        b.store(c, self.count)
        d = b.and_(c, ir.Constant(I64, DEPTH_MASK))
        if self.acc_op is not None:
            self.acc = b.alloca(I64, name="acc")
            b.store(ir.Constant(I64, ACC_IDENTITY[self.acc_op]), self.acc)
            self.acc_depth = b.alloca(I64, name="acc_depth")
            b.store(ir.Constant(I64, 0), self.acc_depth)
        header = self.fn.append_basic_block("header")
        self.fn_header = header
        # Too deep, or interrupted (jit.interrupt.RAISED is above any depth):
        # one comparison on the hot path, the reason sorted out when bailing.
        flag = b.load_atomic(self.ml.interrupt, "monotonic", 8, typ=I64)
        b.cbranch(b.icmp_unsigned(">", b.or_(d, flag), ir.Constant(I64, DEPTH_LIMIT)),
                  self.entry_bail_block(flag), header)
        b.position_at_end(header)
        self.tail(self.plan.lam.body, ReturnTarget(self.inst.ret))

    def slot(self, var):
        s = self.slots.get(var)
        if s is None:
            t = self.inst.var_types.get(var, BOT)
            ty = ll_type(t, f"variable {var.name.name}")
            with self.b.goto_entry_block():
                self.b.position_at_start(self.entry)
                s = self.b.alloca(ty, name=var.name.name)
            self.slots[var] = s
        return s

    def load_var(self, var):
        ty = ll_type(self.inst.var_types.get(var, BOT), f"variable {var.name.name}")
        return self.b.load(self.slot(var), typ=ty)

    def ret_value(self, value):
        if self.acc is not None:
            value = self.accumulate(value)
        self.ret(value, 0)

    def ret_bail(self):
        self.ret(None, 1)

    def ret(self, value, status: int):
        """Return `value` (None: undefined) with `status` and the count
        one level shallower."""
        b = self.b
        r = ir.Constant(self.fn.function_type.return_type, ir.Undefined)
        if value is not None:
            r = b.insert_value(r, value, 0)
        r = b.insert_value(r, ir.Constant(I1, status), 1)
        if self.ml.counting:
            c = b.sub(b.load(self.count), ir.Constant(I64, 1))
            if self.acc is not None:            # the accumulator's levels end here too
                c = b.sub(c, b.load(self.acc_depth))
            r = b.insert_value(r, c, 2)
        b.ret(r)

    def count_jump(self):
        """A jump that stands for a call (see the module doc)."""
        if not self.ml.counting:
            return
        self.b.store(self.b.add(self.b.load(self.count), ir.Constant(I64, CALL_ONE)),
                     self.count)

    def save_resume_state(self):
        """Root only: record the parameters (= values at the last loop head),
        or, when accumulating, the original arguments (a restart)."""
        if self.is_root:
            for i, (p, g) in enumerate(zip(self.plan.lam.params, self.ml.resume_slots)):
                self.b.store(self.fn.args[i] if self.acc is not None else
                             self.b.load(self.frame_slots[p]), g)

    # -- accumulation (see the module doc) -----------------------------------------

    def accumulation(self):
        """The operator of this function's accumulating tail calls, if any."""
        if self.inst.ret != FIX or self.plan.mutations:
            return None
        for n in self.plan.return_tail:
            op = self.acc_call(n)
            if op is not None:
                return op
        return None

    def acc_call(self, n):
        """"+" or "*" if `n` is `(op X (self ...))` on fixnums, else None."""
        op = self.plan.prim_calls.get(n)
        if op is None or op.name not in ACC_IDENTITY or len(n.args) != 2:
            return None
        last = n.args[-1]
        if (self.type_of(n) != FIX or last in self.plan.prim_calls
                or self.inst.callees.get(last) is not self.inst):
            return None
        return op.name

    def accumulate(self, value):
        from .emit_ops import checked
        fn = self.b.sadd_with_overflow if self.acc_op == "+" else self.b.smul_with_overflow
        return checked(self, fn, self.b.load(self.acc), value)

    def accumulating_jump(self, n: Call):
        """`(op X (self args))` in tail position: acc := acc op X, then jump.
        The pending `op` stands for a frame the VM would keep, so the jump
        is one level deeper, as a call is: past DEPTH_LIMIT the code bails
        out and the VM, whose depth limit is Elle's, runs the call again
        (a recursion that never ends, `(+ 1 (self n))`, gets the VM's
        depth error instead of running on)."""
        b = self.b
        b.store(self.accumulate(self.expr(n.args[0])), self.acc)
        c = b.add(b.load(self.count), ir.Constant(I64, 1))
        b.store(c, self.count)
        b.store(b.add(b.load(self.acc_depth), ir.Constant(I64, 1)), self.acc_depth)
        self.bail_if(b.icmp_unsigned(">", b.and_(c, ir.Constant(I64, DEPTH_MASK)),
                                     ir.Constant(I64, DEPTH_LIMIT)), BAIL_DEPTH)
        call = n.args[-1]
        self.jump((self.plan.lam.params, self.fn_header, None), [self.expr(a) for a in call.args],
                  poll=False)     # a recursion, not a loop (see poll_interrupt)

    def no_bail_when_dirty(self):
        if self.dirty:
            raise Reject("may bail out after vector-set! in the same iteration "
                         "(the VM would do it again)")

    def bail_block(self, kind: int):
        self.no_bail_when_dirty()
        blk = self.bail_blocks.get(kind)
        if blk is None:
            blk = self.bail_blocks[kind] = self.fn.append_basic_block(f"bail_{BAIL_NAMES[kind]}")
            saved = self.b.block
            self.b.position_at_end(blk)
            self.b.store(ir.Constant(I64, kind), self.ml.bail_kind)
            self.save_resume_state()
            self.ret_bail()
            self.b.position_at_end(saved)
        return blk

    def entry_bail_block(self, flag):
        """The bail-out at function entry: BAIL_INTERRUPT if the flag is
        set, else BAIL_DEPTH (see `emit`)."""
        blk = self.fn.append_basic_block("bail_entry")
        saved = self.b.block
        self.b.position_at_end(blk)
        kind = self.b.select(self.b.icmp_unsigned("!=", flag, ir.Constant(I64, 0)),
                             ir.Constant(I64, BAIL_INTERRUPT), ir.Constant(I64, BAIL_DEPTH))
        self.b.store(kind, self.ml.bail_kind)
        self.save_resume_state()
        self.ret_bail()
        self.b.position_at_end(saved)
        return blk

    def bail_if(self, cond, kind: int):
        """Bail out with `kind` when the i1 `cond` holds; continue otherwise."""
        cont = self.fn.append_basic_block("ok")
        self.b.cbranch(cond, self.bail_block(kind), cont)
        self.b.position_at_end(cont)

    def check_same(self, t, target_t):
        if t != target_t:
            raise Reject(f"a result is {describe(t)} where {describe(target_t)} is expected")

    def type_of(self, n) -> str:
        return self.types.get(n, BOT)

    # -- tail positions --------------------------------------------------------

    def tail(self, n, target):
        b = self.b
        if isinstance(n, If):
            then_b = self.fn.append_basic_block("then")
            else_b = self.fn.append_basic_block("else")
            b.cbranch(self.cond(n.test), then_b, else_b)
            dirty = self.dirty
            b.position_at_end(then_b)
            self.tail(n.then, target)
            self.dirty = dirty
            b.position_at_end(else_b)
            self.tail(n.else_, target)
            return
        if isinstance(n, Seq):
            if self.hoistable_jump(n, target):
                return self.hoisted_jump(n, target)
            for e in n.body[:-1]:
                self.effect(e)
            return self.tail(n.body[-1], target)
        if isinstance(n, Let):
            self.bind_let(n)
            return self.tail(n.body, target)
        if isinstance(n, Letrec):
            if n.vars and n.vars[0] in self.plan.loops:
                return self.loops(n, target)
            self.bind_letrec(n)
            return self.tail(n.body, target)
        if isinstance(n, Call):
            if (self.acc is not None and isinstance(target, ReturnTarget)
                    and n in self.plan.return_tail and self.acc_call(n) == self.acc_op):
                return self.accumulating_jump(n)
            jump = self.jump_target(n, target)
            if jump is not None:
                return self.jump(jump, [self.expr(a) for a in n.args])
        target.deliver(self, self.expr(n), self.type_of(n))

    def jump_target(self, n: Call, target):
        """(params, header block, loop Var or None) if tail call `n` is a jump."""
        if isinstance(n.fn, LocalRef) and n.fn.var in self.plan.loops:
            lam = self.plan.loops[n.fn.var]
            return lam.params, self.headers[n.fn.var], n.fn.var
        if (n in self.plan.return_tail and isinstance(target, ReturnTarget)
                and self.inst.callees.get(n) is self.inst):
            return self.plan.lam.params, self.fn_header, None
        return None

    def jump(self, jump, values, poll=True):
        params, header, var = jump
        if var is not None and self.dirty:         # entering an inner loop dirty
            if self.header_dirty.get(var) is False:
                raise Reject(f"may bail out after vector-set! in loop {var.name.name}")
            self.header_dirty[var] = True
        for p, v in zip(params, values):          # values all computed first: parallel
            self.b.store(v, self.slot(p))
        self.count_jump()
        if poll:
            self.poll_interrupt()
        self.b.branch(header)

    def poll_interrupt(self):
        """Bail out if Ctrl-C was pressed (`jit.interrupt`): at every loop
        back edge (named let, do, a self tail call), so no native loop runs
        on. Not where a bail-out is not allowed (after `vector-set!` in the
        same iteration: see `dirty`), and not at the accumulator's jumps
        (measured on fib(32): 10-16%). Function entries test the flag
        together with the depth (`emit`), so a bounded-depth tree
        recursion (fib 50) is interruptible too; a separate poll there
        cost 45% on fib(32) (a native fib call is ~3 ns)."""
        if self.dirty:
            return
        flag = self.b.load_atomic(self.ml.interrupt, "monotonic", 8, typ=I64)
        self.bail_if(self.b.icmp_unsigned("!=", flag, ir.Constant(I64, 0)), BAIL_INTERRUPT)

    # Hoisting: in `(begin (vector-set! v j #f) (loop (+ j i)))` the jump's
    # arguments may bail out (overflow) after the mutation. When they read
    # nothing the statements before them change, computing them first is
    # equivalent and moves the bail-out before the mutation.

    def hoistable_jump(self, n: Seq, target) -> bool:
        last = n.body[-1]
        if not isinstance(last, Call) or self.dirty or self.jump_target(last, target) is None:
            return False
        if not any(c in self.plan.mutations for s in n.body[:-1] for c in core.walk(s)):
            return False
        assigned = {x.var for s in n.body[:-1] for x in core.walk(s) if isinstance(x, LocalSet)}
        for a in last.args:
            for x in core.walk(a):
                if isinstance(x, LocalRef) and x.var in assigned:
                    return False
                if isinstance(x, Call):
                    op = self.plan.prim_calls.get(x)
                    if op is None or op.family == "vector":
                        return False
                elif not isinstance(x, (Const, LocalRef, GlobalRef)):
                    return False
        return True

    def hoisted_jump(self, n: Seq, target):
        last = n.body[-1]
        jump = self.jump_target(last, target)
        values = [self.expr(a) for a in last.args]
        for e in n.body[:-1]:
            self.effect(e)
        return self.jump(jump, values)

    def loops(self, n: Letrec, target):
        for v, lam in zip(n.vars, n.inits):
            self.headers[v] = self.fn.append_basic_block(f"loop_{v.name.name}")
            if any(c in self.plan.mutations for c in core.walk(lam.body)):
                self.header_dirty[v] = True     # its own back edges come dirty
        self.tail(n.body, target)
        for v, lam in zip(n.vars, n.inits):
            self.b.position_at_end(self.headers[v])
            self.dirty = self.header_dirty.setdefault(v, False)
            self.tail(lam.body, target)

    # -- bindings -----------------------------------------------------------------

    def bind_let(self, n: Let):
        values = [self.expr(i) for i in n.inits]
        for v, x in zip(n.vars, values):
            self.b.store(x, self.slot(v))

    def bind_letrec(self, n: Letrec):
        for v, i in zip(n.vars, n.inits):
            self.b.store(self.expr(i), self.slot(v))

    # -- value positions ----------------------------------------------------------

    def cond(self, n):
        """An i1 that is 1 when `n` is true in Scheme's sense."""
        if self.type_of(n) == BOOL:
            return self.expr(n)
        self.effect(n)
        return ir.Constant(I1, 1)

    def effect(self, n):
        """Evaluate `n` for its effects only."""
        if isinstance(n, (Const, LocalRef, GlobalRef)):
            return
        if isinstance(n, Seq):
            for e in n.body:
                self.effect(e)
            return
        if isinstance(n, If):
            then_b = self.fn.append_basic_block("then")
            else_b = self.fn.append_basic_block("else")
            join_b = self.fn.append_basic_block("endif")
            self.b.cbranch(self.cond(n.test), then_b, else_b)
            before, after = self.dirty, False
            for blk, arm in ((then_b, n.then), (else_b, n.else_)):
                self.b.position_at_end(blk)
                self.dirty = before
                self.effect(arm)
                after |= self.dirty
                self.b.branch(join_b)
            self.dirty = after
            self.b.position_at_end(join_b)
            return
        self.expr(n)

    def expr(self, n):
        t = self.type_of(n)
        if isinstance(n, Const):
            return self.constant(n.value)
        if isinstance(n, LocalRef):
            return self.load_var(n.var)
        if isinstance(n, GlobalRef):
            return self.constant(self.plan.global_consts[n])
        if isinstance(n, LocalSet):
            self.b.store(self.expr(n.value), self.slot(n.var))
            return ir.Constant(I1, 0)
        if isinstance(n, Seq):
            for e in n.body[:-1]:
                self.effect(e)
            return self.expr(n.body[-1])
        if isinstance(n, Let):
            self.bind_let(n)
            return self.expr(n.body)
        if isinstance(n, Letrec) and not (n.vars and n.vars[0] in self.plan.loops):
            self.bind_letrec(n)
            return self.expr(n.body)
        if isinstance(n, (If, Letrec)):
            ty = ll_type(t, "a conditional's value" if isinstance(n, If) else "a loop's value")
            slot = self._temp(ty)
            exit_b = self.fn.append_basic_block("join")
            target = ExitTarget(t, slot, exit_b)
            self.tail(n, target)
            self.dirty = target.dirty
            self.b.position_at_end(exit_b)
            return self.b.load(slot)
        if isinstance(n, Call):
            op = self.plan.prim_calls.get(n)
            if op is not None:
                from .emit_ops import emit_op
                return emit_op(self, op, n, t)
            return self.native_call(n)
        raise Reject(f"cannot lower {type(n).__name__}")

    def _temp(self, ty):
        with self.b.goto_entry_block():
            self.b.position_at_start(self.entry)
            return self.b.alloca(ty)

    def constant(self, v):
        if v is unspecified:
            return ir.Constant(I1, 0)
        if type(v) is bool:
            return ir.Constant(I1, int(v))
        if type(v) is int:
            return ir.Constant(I64, v)
        if type(v) is float:
            return ir.Constant(F64, v)
        raise Reject(f"cannot lower constant {v!r}")

    # -- base-case inlining (see the module doc) -------------------------------------

    def base_case(self):
        """(test, arm, arm is the then-arm) when the body is `(if TEST ARM
        OTHER)` (or with the arms swapped) and TEST and ARM make no calls:
        the base case a call site can test for before calling."""
        body = self.plan.lam.body
        if not isinstance(body, If) or not self.call_free(body.test):
            return None
        for arm, is_then in ((body.then, True), (body.else_, False)):
            if (self.call_free(arm) and self.type_of(arm) == self.inst.ret
                    and node_count(body.test) + node_count(arm) <= INLINE_MAX_NODES):
                return body.test, arm, is_then
        return None

    def call_free(self, n) -> bool:
        return all(x in self.plan.prim_calls if isinstance(x, Call)
                   else isinstance(x, (Const, LocalRef, GlobalRef, If, Seq, Let))
                   for x in core.walk(n))

    def inner_slots(self, args) -> dict:
        """Fresh slots for an inlined copy of this function, holding `args`."""
        outer = self.slots
        self.slots = {v: outer[v] for v in self.plan.free if v in outer}
        for p, v in zip(self.plan.lam.params, args):
            self.b.store(v, self.slot(p))
        return outer

    def partial_inline(self, args):
        """A call of itself that tests for the base case first and computes
        it in place; only the other case makes a real call."""
        test, arm, is_then = self.base
        t = self.inst.ret
        result = self._temp(ll_type(t, "the result"))
        base_b = self.fn.append_basic_block("base_case")
        call_b = self.fn.append_basic_block("call")
        join_b = self.fn.append_basic_block("called")
        outer = self.inner_slots(args)
        try:
            c = self.cond(test)
            self.b.cbranch(c, *((base_b, call_b) if is_then else (call_b, base_b)))
            self.b.position_at_end(base_b)
            self.count_jump()
            self.b.store(self.expr(arm), result)
            self.b.branch(join_b)
        finally:
            self.slots = outer
        self.b.position_at_end(call_b)
        self.b.store(self.real_call(self.inst, args), result)
        self.b.branch(join_b)
        self.b.position_at_end(join_b)
        return self.b.load(result)

    def native_call(self, n: Call):
        callee = self.inst.callees[n]
        if callee.plan.mutations:
            raise Reject(f"calls {callee.name}, which mutates a vector, from native code")
        self.no_bail_when_dirty()
        args = [self.expr(a) for a in n.args]
        if callee is self.inst and self.base is not None:
            return self.partial_inline(args)
        return self.real_call(callee, args)

    def real_call(self, callee, args):
        if callee.plan is self.plan:            # itself: pass its captured values on
            args += [self.slot(v) if v.boxed else self.load_var(v)
                     for v in self.plan.free]
        args.append(self.b.load(self.count))
        fn = self.self_call_target() if callee is self.inst else self.ml.functions[callee]
        r = self.b.call(fn, args, cconv="fastcc")
        if self.ml.counting:
            self.b.store(self.b.extract_value(r, 2), self.count)
        if self.propagate_block is None:
            saved = self.b.block
            self.propagate_block = self.fn.append_basic_block("propagate")
            self.b.position_at_end(self.propagate_block)
            self.save_resume_state()
            self.ret_bail()
            self.b.position_at_end(saved)
        cont = self.fn.append_basic_block("returned")
        self.b.cbranch(self.b.extract_value(r, 1), self.propagate_block, cont)
        self.b.position_at_end(cont)
        return self.b.extract_value(r, 0)

    def wants_twin(self) -> bool:
        """A twin (see the module doc) only for a small function making
        exactly one real call of itself: with more (tak makes three) the
        inlined copies multiply the code, and the compile time with it."""
        body = self.plan.lam.body
        if node_count(body) > TWIN_MAX_NODES:
            return False
        real = 0
        for n in core.walk(body):
            if not isinstance(n, Call) or self.inst.callees.get(n) is not self.inst:
                continue
            if n in self.plan.return_tail:
                continue                    # a jump to the loop head
            real += 1
        if self.acc_op is not None:         # (op X (self ...)) in the tail: a jump too
            real -= sum(1 for n in self.plan.return_tail if self.acc_call(n) == self.acc_op)
        return real == 1

    def self_call_target(self):
        """The function a real call of itself goes to: itself, or its twin."""
        if not self.twinned:
            return self.fn
        if self.twin is None:      # a name to call; its definition is cloned (ModuleLowerer.text)
            self.twin = ir.Function(ir.Module(), self.fn.function_type, self.fn.name + "_twin")
        return self.twin


def lower_module(inference, prefix: str, reused=None, counting=True) -> ModuleLowerer:
    """Lower `inference`'s instances into one module; `reused` maps
    instances compiled by an earlier batch to their function's symbol,
    which this module declares and calls instead of lowering them again;
    `counting`: whether native code counts its calls (see the module doc)."""
    return ModuleLowerer(inference, prefix, reused, counting).lower()

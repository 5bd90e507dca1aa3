"""Tier-1 policy and installation: when a procedure is compiled to Python, and how.

**Owns:** `Tier1`, one per interpreter: the call threshold, compiling a code
object (`elle.tier1.codegen`) with `exec`, installing the result on it, the
registry `elle.tier1.unwind` reads frames back with, the Python recursion
limit while tier-1 code runs, `--dump py` and the tier-1 statistics.
**Does not touch:** the generated text, the VM's dispatch.

A code object compiled with tiering on starts with ENTER, which counts
entries (calls and self-tail-call iterations). At `threshold` (with the
default one, plus ENTRIES_PER_OP per instruction of the code: `adopt`
starts the count below zero) the VM asks `hot(code, ops)`: the code is
compiled and `ops[0]` becomes T1ENTER, so every later VM call runs the
Python function instead; if it cannot be
compiled, `ops[0]` becomes a jump over itself and the VM keeps it. Tier-1
code calling a closure goes through `code.t1` (positional arguments) or
`code.t1v` (an argument sequence): for code not compiled yet these are
stubs that compile it first, whatever its count -- a procedure reached from
hot code is hot -- so tier-1 code rarely goes back to the VM.

Installed on a CodeObject: `t1(clo, *args)`, `t1v(clo, args)`, the T1ENTER
operand `R(clo, registers)`, and the registry entry (code, ops, line
table, register count, cons-loop site) keyed by the Python code object. A recompiled code
object (a primitive it inlined was redefined) gets fresh stubs
(`reset`); tier-1 frames already running keep the old function, as VM
frames keep the old bytecode.

Recursion: tier-1 calls are Python calls. While the VM runs, the Python
limit is raised to CHUNK frames above the run's start; a deeper recursion
raises RecursionError, its frames are handed to the VM, which goes on in
bytecode (and enters tier 1 again at the next call). A tier-1 cons loop
(`codegen._Gen.cons_onto_self_call`) stands for VM frames without Python
frames: those come out of a budget of CHUNK more (`room`, reset for each
run). T1ENTER enters tier 1 only while the VM's depth leaves both below
the Elle depth limit, so the limit and its error are the VM's, exactly.
"""

from __future__ import annotations

import sys
import time
import weakref

from ..limits import critical_section
from .. import bytecode as B
from ..values import NATIVE_DEPTH_LIMIT
from . import protocol, runtime

DEFAULT_THRESHOLD = 20
# With the default threshold a procedure also waits ENTRIES_PER_OP entries
# per bytecode instruction (at most MAX_EXTRA): compiling costs ~100 us per
# instruction (generating the Python and CPython's `compile`), a VM entry
# 1-10 us, so a procedure entered a few dozen times is not compiled for
# nothing -- nor, since it stays in the VM, what it calls (a procedure first
# called from tier-1 code is compiled on that call). Measured: 300
# procedures entered 30-90 times each ran 4-6x slower tiered than in the
# VM (601 compilations, 1 s), now as fast; 300 test thunks run once each
# by `for-each`: 352 ms tiered with no wait (580 compilations), 270 ms
# with 10 per instruction, 121 ms with 40 (VM alone: 10 ms). The cost: a
# big hot loop (hostile's) compiles ~20 ms later, which did not show in its
# time.
ENTRIES_PER_OP = 40
MAX_EXTRA = 10_000
MAX_CHUNK = 1_000_000


class Stats:
    SHOWN = 12      # procedures listed by name (the slowest compilations)

    def __init__(self):
        self.compiled = 0
        self.compile_s = 0.0
        self.procedures = []     # (name, compile ms, ms since the interpreter started)
        self.t0 = time.perf_counter()
        self.rejected = {}       # name -> reason
        self.unwinds = 0
        self.redos = 0

    def report(self) -> str:
        lines = [f"tier 1 (Python): compiled {self.compiled} procedures "
                 f"in {self.compile_s * 1000:.1f} ms; {self.unwinds} hand-backs to the VM "
                 f"({self.redos} of them re-running an instruction)"]
        shown = sorted(self.procedures, key=lambda p: -p[1])[:self.SHOWN]
        for name, ms, at in sorted(shown, key=lambda p: p[2]):
            lines.append(f"  compiled {name} in {ms:.2f} ms, {at:.0f} ms after start")
        if len(self.procedures) > len(shown):
            lines.append(f"  ... and {len(self.procedures) - len(shown)} more")
        for name, reason in sorted(self.rejected.items()):
            lines.append(f"  left in the VM: {name}: {reason}")
        return "\n".join(lines)


class Tier1:
    def __init__(self, interp):
        self.interp = interp
        self.vm = interp.vm
        cfg = interp.config
        self.threshold = cfg.tier1_threshold or DEFAULT_THRESHOLD
        self.entries_per_op = 0 if cfg.tier1_threshold else ENTRIES_PER_OP
        self.max_depth = cfg.max_depth
        self.chunk = min(MAX_CHUNK, max(200, cfg.max_depth // 4))
        self.depth_cap = -1             # set by raise_limit for each run
        self.base = runtime.namespace(self.vm)
        self.room = self.base["room_"]   # [frames tier-1 cons loops may still stand for]
        self.info = weakref.WeakKeyDictionary()   # Python code -> (code, ops, lines, nregs)
        self.helpers = weakref.WeakSet()     # Python code of the helpers (elle.tier1.unwind)
        for name in ("call_", "tramp_"):
            self.helpers.add(self.base[name].__code__)
        for shim in (*runtime.native_callers(None), runtime.rerun_):
            self.helpers.add(shim.__code__)
        self.stats = Stats()
        self.built = weakref.WeakKeyDictionary()  # code -> (its ops, build()'s result)
        self.jit = None                  # the tier-2 coordinator, if tier 2 is on
        self.dump = False
        self._names = 0
        self._make_stubs()

    # -- stubs ------------------------------------------------------------------------

    def _make_stubs(self):
        tier = self

        def t1_stub(f, *a):
            return t1v_stub(f, a)

        def t1v_stub(f, a):
            code = f.code
            if tier.profiling(code):             # (profiling implies a fixed arity)
                tier.jit.on_call(f, list(a))     # tier 2 decides first (it may compile it now)
                if code.t1v is not t1v_stub:
                    return code.t1v(f, a)
                if tier.profiling(code):         # undecided: run it in tier 1, uninstalled
                    return tier.build(code, f, a)[1](f, a)
            tier.compile(code)
            return code.t1v(f, a)

        self.t1_stub, self.t1v_stub = t1_stub, t1v_stub
        self.helpers.add(t1_stub.__code__)
        self.helpers.add(t1v_stub.__code__)

    def profiling(self, code) -> bool:
        """Is tier 2 still watching `code`'s calls (so tier 1 must not take it yet)?"""
        return (self.jit is not None and code.fixed >= 0 and code.jit_profile
                and code.jit_entry is None)

    def adopt(self, code) -> None:
        """Give a new (or recompiled) code object the compiling stubs."""
        code.t1 = self.t1_stub
        code.t1v = self.t1v_stub
        code.t1_calls = -min(MAX_EXTRA, self.entries_per_op * len(code.ops))
        code.t1_terminal = False
        self.built.pop(code, None)

    def native_changed(self, code) -> None:
        """Tier 2 installed (or withdrew) native code for `code`: tier-1
        callers call it through `code.t1`, the VM through ENTER."""
        ent = code.jit_entry
        if ent is None:
            if code.t1 is not protocol.unavailable:
                code.t1, code.t1v = self.t1_stub, self.t1v_stub
            code.t1_terminal = False
            return
        if not self.native_ok():        # a low depth limit: tier-1 callers keep out
            return
        code.t1, code.t1v = runtime.native_callers(ent)
        code.t1_terminal = True         # native code returns a value (or a loop's marker)
        ops = code.ops
        if ops and ops[0][0] in (B.T1ENTER, B.JMP):
            ops[0] = (B.ENTER, code.fixed, None, None, None)

    # -- compiling --------------------------------------------------------------------

    def hot(self, code, ops) -> None:
        """ENTER reached the threshold for `code`, running `ops`."""
        if code.t1 is self.t1_stub and ops is code.ops:
            self.compile(code)
        if ops[0][0] == B.ENTER:       # not compiled, or an older copy of its bytecode
            ops[0] = (B.JMP, 1, None, None, None)

    @critical_section       # elle.limits: never cut short by a time or memory limit
    def compile(self, code) -> bool:
        """Compile `code` and install it (its callers and ops[0] run tier 1)."""
        if code.t1 is not self.t1_stub:
            return code.t1 is not protocol.unavailable
        got = self.build(code)
        if got is None:
            return False
        fn, v, rr, terminal = got
        code.t1 = fn
        code.t1v = v
        code.t1_terminal = terminal
        ops = code.ops
        if ops and ops[0][0] == B.ENTER:
            ops[0] = (B.T1ENTER, rr, None, None, None)
        return True

    def build(self, code, f=None, a=None):
        """(fn, V_, R_, terminal) of `code` in tier 1, made once per
        bytecode (terminal: see `codegen.generate`); None if tier 1 cannot
        compile it. With `f`, `a` (a call to make): raise
        Unwind for that call instead of returning None."""
        ops = code.ops
        got = self.built.get(code)
        if got is not None and got[0] is ops:
            if got[1] is None and f is not None:
                raise protocol.Unwind((f, a))
            return got[1]
        from . import codegen        # (imported here: start-up does not pay for it)
        t0 = time.perf_counter()
        self._names += 1
        fname = f"t1_{self._names}"
        try:
            src, lines, consts, terminal, trmc = codegen.generate(code, ops, fname)
            src += self._shims(code, fname)
            ns = dict(self.base)
            ns.update(consts)
            exec(compile(src, f"<tier1 {code.name}>", "exec"), ns)
        except Exception as e:       # a tier-1 bug must not break the program
            why = str(e) if isinstance(e, codegen.Unsupported) else (
                f"internal tier-1 error: {type(e).__name__}: {e}")
            self._reject(code, ops, why)
            self.built[code] = (ops, None)
            if f is not None:
                raise protocol.Unwind((f, a))
            return None
        fn = ns[fname]
        self.info[fn.__code__] = (code, ops, lines, code.nregs, trmc)
        self.helpers.add(ns["V_"].__code__)
        self.helpers.add(ns["R_"].__code__)
        got = (fn, ns["V_"], ns["R_"], terminal)
        self.built[code] = (ops, got)
        dt = time.perf_counter() - t0
        self.stats.compiled += 1
        self.stats.compile_s += dt
        self.stats.procedures.append((code.name, dt * 1000, (t0 - self.stats.t0) * 1000))
        if self.dump:
            print(f";; tier 1: {code.name} ({dt * 1000:.2f} ms)\n{src}", file=sys.stderr)
        return got

    @staticmethod
    def _shims(code, fname) -> str:
        """V_(f, a): call with an argument sequence; R_(f, r): with VM registers."""
        n = code.nparams
        fixed = [f"a[{i}]" for i in range(n)]
        if code.rest:
            fixed.append(f"list_to_pairs_(a[{n}:])")
        regs = [f"a[{i}]" for i in range(n + (1 if code.rest else 0))]
        v_args = ", ".join(["f"] + fixed)
        r_args = ", ".join(["f"] + regs)
        return (f"def V_(f, a):\n    return {fname}({v_args})\n"
                f"def R_(f, a):\n    return {fname}({r_args})\n")

    def _reject(self, code, ops, reason: str) -> None:
        code.t1_terminal = False
        code.t1 = protocol.unavailable
        code.t1v = protocol.unavailable_v
        if ops and ops[0][0] == B.ENTER and not self.profiling(code):
            ops[0] = (B.JMP, 1, None, None, None)
        self.stats.rejected[code.name] = reason

    # -- running ------------------------------------------------------------------------

    def raise_limit(self) -> int:
        """Make room for CHUNK Python frames above this one and set the VM
        depth up to which T1ENTER enters tier 1 (so that no tier-1 excursion
        can pass the Elle depth limit); return the old limit."""
        old = sys.getrecursionlimit()
        f, n = sys._getframe(), 0
        while f is not None:
            n += 1
            f = f.f_back
        need = n + self.chunk
        if need > old:
            sys.setrecursionlimit(need)
        self.room[0] = self.chunk
        self.depth_cap = (self.max_depth - (max(need, old) - n) - self.chunk
                          - self._native_room())
        return old

    def _native_room(self) -> int:
        """Depth kept free for native code called from tier 1 (its own
        nesting limit), when tier 2 is on and the Elle limit leaves room."""
        return NATIVE_DEPTH_LIMIT if self.native_ok() else 0

    def native_ok(self) -> bool:
        return (self.jit is not None
                and self.max_depth - self.chunk - NATIVE_DEPTH_LIMIT >= self.max_depth // 2)

    def resume(self, exc, code, clo, r, fr, depth):
        from .unwind import resume
        return resume(self, self.vm, exc, code, clo, r, fr, depth)

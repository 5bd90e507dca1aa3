"""The JIT coordinator: tier 2's policy, the VM's one contact with it.

**Owns:** when to compile (the call threshold; with the default one, the
first compilation, which loads LLVM, waits for FIRST_COMPILE_CALLS calls),
for which signature (the
one profiled most), what not to compile while tier 1 runs
(`not_worth_entering`), what a bail-out does next, when to give up on a
function, installing entries in the code cache (`jit.cache`) under one
lock, so two threads asking for the same function compile it once;
logging (`ELLE_JIT_LOG`) and `--stats`. **Does not touch:** the VM's frames;
the pipeline of one compilation -- analysis, LLVM, the on-disk cache --
which is the back end's (`jit.pipeline.NativeBackend`: `analyse(code,
sig)`, then `build(...)` -> an entry and the global cells it assumed, or a
`Reject` from either).

Interface used by the VM and the interpreter: `on_call(closure, args)`,
`end_of_run()`, `finish(dumps, stats)`, `compile_now(closure)`, `stats`.

Bail-out policy (never unbounded re-execution): a bail-out *suspends* the
entry: the VM re-runs the call in bytecode and every nested call of that
function stays in bytecode until the current outermost run ends
(`end_of_run` restores it). So a 1,000,000-deep recursion whose depth guard
trips is re-run once, in the VM. After MAX_BAILOUTS bail-outs an entry is
dropped; if they were guard failures (new argument types) the function is
profiled again for a new signature (at most MAX_VERSIONS compilations),
otherwise it stays in the VM, and `--stats` says why.

Call accounting (`--stats`: "bytecode calls", "native calls"): native code
counts its own calls (`jit.lower`) when `config.count_calls()` (with
`--stats`, unless ELLE_JIT_COUNT_CALLS=0), else only its entries from the VM; every call of a closure that runs in
the VM is counted in its code object's `Profile.vm_calls`. The VM reports
a call (`on_call`) only while `code.jit_profile` is true. A function
suspended after a bail-out keeps `jit_profile` true with its profile in
`counting_only` mode (`on_call` is one test and one increment) until the
run ends. A bail-out counts one VM call (the VM re-runs the call; the
native attempt counted one native call too).
Not counted, because the VM does not report them: calls of a function
rejected or left in the VM for good (`jit_profile` false: keeping it true
to count them cost msort 13% -- a Python call per call, and the VM's
frame-reusing self tail call is lost -- so `--stats` says the count is
incomplete unless the VM keeps `code.jit_vm_calls` itself), and self calls
through `SCALL` (a non-tail call of a procedure to itself by a local name).
"""

from __future__ import annotations

import sys
import threading
import time

from ..config import DEFAULT_JIT_THRESHOLD
from ..limits import critical_section
from ..values import NATIVE_BAILOUT
from .cache import CodeCache, Entry
from .ops import OTHER, Reject, code_name
from .profiler import Profiler
from .stats import Stats

MAX_BAILOUTS = 3
MAX_VERSIONS = 3

def _arity(closure) -> int:
    """How many values native code receives: parameters + captured values."""
    lam = getattr(closure.code, "lam", None)
    return len(getattr(lam, "params", ()) or ()) + len(closure.free)


# A procedure without loops or calls whose body has fewer primitive
# operations than this stays in tier 1 (when tier 1 runs): a native entry
# (guards, unboxing, boxing) costs more than the few operations save.
# Measured on mapfold: its three one-operation lambdas native made the
# program ~40% slower than tier 1 alone.
MIN_LEAF_OPS = 12


def not_worth_entering(plan) -> str:
    """Why native code for `plan` would not pay for its entry from tier 1
    ('' if it would): a leaf -- no loop, no call of itself or of another
    compiled procedure -- with fewer than MIN_LEAF_OPS primitive operations."""
    if plan.loops or plan.self_calls or plan.closure_calls or len(plan.prim_calls) >= MIN_LEAF_OPS:
        return ""
    return (f"a leaf with {len(plan.prim_calls)} primitive operation(s) and no loop: "
            "tier 1 runs it (entering native code would cost more than it saves)")


def _other_reason(closure, sig: tuple) -> str:
    """Why signature `sig` (arguments as passed, then captured values) has OTHER."""
    i = sig.index(OTHER)
    nargs = len(sig) - len(closure.free)
    if i < nargs:
        return f"argument {i + 1} is not a fixnum, flonum or boolean"
    free = getattr(closure.code.lam, "free", None) or ()
    k = i - nargs
    name = free[k].name.name if k < len(free) else f"#{k + 1}"
    return f"captured variable {name} is not a fixnum, flonum or boolean"


FIRST_COMPILE_CALLS = 1000     # calls before the compilation that loads LLVM (see Coordinator)


class _Deferred(Exception):
    """Compilable, but not yet worth loading LLVM for (`Coordinator.first_threshold`)."""


class Coordinator:
    def __init__(self, interp):
        self.interp = interp
        self.config = interp.config
        chosen = getattr(self.config, "jit_threshold", None)
        self.threshold = DEFAULT_JIT_THRESHOLD if chosen is None else max(1, int(chosen))
        # The first compilation loads LLVM (~100 ms: importing llvmlite,
        # initialising it, the first code generation). With the default
        # threshold it waits for a candidate called FIRST_COMPILE_CALLS
        # times: a program that calls its numeric procedures only a few
        # hundred times is done before LLVM would have loaded (the VM runs
        # a call of one in ~1-2 us, so a kernel waits ~1-2 ms). An explicit
        # threshold (--jit=N, ELLE_JIT_THRESHOLD) holds for every compilation.
        self.first_threshold = (max(self.threshold, FIRST_COMPILE_CALLS)
                                if chosen is None else self.threshold)
        self.log_enabled = bool(getattr(self.config, "jit_log", False))
        self.lock = threading.RLock()
        self.profiler = Profiler()
        self.counting = self.config.count_calls()
        self.stats = Stats()
        self.stats.vm_call_source = self.profiler.vm_calls
        self.stats.native_calls_complete = self.counting
        self.cache = CodeCache(self.lock, on_invalidate=self._invalidated,
                               on_change=self._entry_changed)
        from .pipeline import NativeBackend
        self.backend = NativeBackend(interp, self.stats, self.log, self.counting)

    # -- the VM hook ---------------------------------------------------------------

    def on_call(self, closure, args) -> None:
        code = closure.code
        prof = code.jit_data
        if prof is not None and prof.counting_only:
            prof.vm_calls += 1
            return
        prof = self.profiler.record(code, args, closure.free)
        if prof.calls >= self.threshold and prof.calls >= prof.due:
            self._compile_hot(closure, prof)

    def _entry_changed(self, code) -> None:
        tier1 = getattr(self.interp, "tier1", None)
        if tier1 is not None:
            tier1.native_changed(code)

    def start_of_run(self) -> None:
        """Before an outermost VM run: Ctrl-C must reach native code even if
        the SIGINT handler was replaced since (jit.interrupt)."""
        if self.backend.started:
            from . import interrupt
            interrupt.reinstall_native_handler()

    def end_of_run(self) -> None:
        if self.backend.started:
            from . import interrupt     # a Ctrl-C of this run has been delivered by now
            interrupt.clear()
        if self.cache.suspended:
            for entry in self.cache.restore_all():
                self.profiler.profile(entry.code).counting_only = False

    def finish(self, dumps=(), stats=False) -> None:
        if stats:
            print(self.stats.report(), file=sys.stderr, flush=True)

    # -- decisions ---------------------------------------------------------------------

    def _compile_hot(self, closure, prof) -> None:
        code = closure.code
        sig = prof.dominant(_arity(closure))
        if OTHER in sig:
            self._reject(code, _other_reason(closure, sig))
            return
        self.compile(closure, sig)

    def compile_now(self, closure) -> bool:
        """`(jit-compile f)`: compile with the types seen so far (all-fixnum if none)."""
        code = closure.code
        lam = getattr(code, "lam", None)
        if lam is None:
            return False
        if code.jit_entry is not None:
            return True
        sig = self.profiler.profile(code).dominant(_arity(closure))
        if OTHER in sig:
            return False
        return self.compile(closure, sig, asked=True)

    @critical_section       # elle.limits: never cut short by a time or memory limit
    def compile(self, closure, sig: tuple, asked: bool = False) -> bool:
        """Compile `closure`'s code for `sig` and install it; `asked`: the
        program asked for it (`jit-compile`), so tier 2's own judgement of
        what is worth compiling (`not_worth_entering`) does not apply."""
        code = closure.code
        with self.lock:
            if code.jit_entry is not None:
                return True
            cached = self.cache.get(code, sig)
            if cached is not None:
                self.cache.install(cached, cached.cells)
                return True
            prof = self.profiler.profile(code)
            if prof.versions >= MAX_VERSIONS:
                self._reject(code, f"compiled {MAX_VERSIONS} times already")
                return False
            try:
                self._build(code, sig, asked)
            except _Deferred:
                return False
            except Reject as r:
                self._reject(code, r.reason)
                return False
            except Exception as e:      # a JIT bug must not break the program
                self._reject(code, f"internal JIT error: {type(e).__name__}: {e}")
                return False
            prof.versions += 1
            return True

    def _build(self, code, sig, asked: bool) -> None:
        """Compile `code` at `sig` through the back end and install it."""
        t0 = time.perf_counter()
        be = self.backend
        inference = be.analyse(code, sig)
        if not asked and getattr(self.interp, "tier1", None) is not None:
            why = not_worth_entering(inference.root.plan)
            if why:
                raise Reject(why)
        prof = self.profiler.profile(code)
        if not asked and not be.started and prof.calls < self.first_threshold:
            prof.due = self.first_threshold         # (compilable: ask again then)
            self.log(f"{code_name(code)} can be compiled: waiting for "
                     f"{self.first_threshold} calls before loading LLVM")
            raise _Deferred
        entry, cells = be.build(code, sig, inference, self._bailed_out, t0)
        self.cache.install(entry, cells)

    def _reject(self, code, reason: str) -> None:
        self._leave_in_vm(code)
        name = code_name(code)
        self.stats.record_reject(name, reason)
        self.log(f"rejected {name}: {reason}")

    def _count_only(self, code) -> None:
        """Until the run ends, `code` runs in the VM or tier 1 (which count
        its calls in `code.jit_vm_calls`); no profiling."""
        self.profiler.profile(code).counting_only = True
        code.jit_profile = False

    def _leave_in_vm(self, code) -> None:
        """Never compile `code`; the VM stops reporting its calls."""
        self.profiler.profile(code).left_in_vm = True
        code.jit_profile = False

    # -- bail-outs and invalidation ------------------------------------------------

    def _bailed_out(self, entry: Entry):
        """Called by native code (through the bridge) when it gives up."""
        from .bridge import read_i64
        from .lower import BAIL_GUARD, BAIL_INTERRUPT, BAIL_NAMES
        kind = read_i64(entry.bail_kind_address)
        kind_name = BAIL_NAMES.get(kind, "unknown")
        name = code_name(entry.code)
        self.stats.record_bailout(name, kind_name)
        with self.lock:
            if kind == BAIL_INTERRUPT:      # Ctrl-C: not the code's fault, not counted
                self.cache.suspend(entry)
                self._count_only(entry.code)
                return NATIVE_BAILOUT
            self.profiler.profile(entry.code).vm_calls += 1     # the VM re-runs it
            entry.bailouts += 1
            if entry.bailouts < MAX_BAILOUTS:
                self.cache.suspend(entry)
                self._count_only(entry.code)
                self.log(f"bail-out in {entry.label}: {kind_name}; running it in the VM")
                return NATIVE_BAILOUT
            self.cache.drop(entry)
            if kind == BAIL_GUARD:
                prof = self.profiler.profile(entry.code)
                prof.reset()
                entry.code.jit_profile = True
                self.log(f"dropped {entry.label}: arguments of other types; profiling again")
            else:
                why = f"bailed out {entry.bailouts} times (last: {kind_name})"
                self.stats.dropped[name] = why
                self._leave_in_vm(entry.code)
                self.log(f"dropped {entry.label}: {why}; left in the VM")
        return NATIVE_BAILOUT

    def _invalidated(self, entry: Entry, cell) -> None:
        self.stats.invalidations += 1
        self.profiler.profile(entry.code).reset()
        self.log(f"invalidated {entry.label}: global {cell.name.name} was assigned")

    # -- tooling ------------------------------------------------------------------------

    def log(self, msg: str) -> None:
        if self.log_enabled:
            print(f"jit: {msg}", file=sys.stderr, flush=True)

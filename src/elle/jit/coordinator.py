"""The JIT coordinator: the VM's one contact with the JIT tier.

**Owns:** the policy: when to compile (the call threshold), for which
signature (the one profiled most), what a bail-out does next, when to give
up on a function; the pipeline run of one compilation (check -> infer ->
lower -> bridge -> LLVM, or machine code from the on-disk cache,
`jit.objcache`) under one lock, so two threads asking for the same
function compile it once; which earlier batches' functions a batch calls
instead of compiling them again (`_reusable`); logging (`ELLE_JIT_LOG`), `--dump ir|asm`
and `--stats`. **Does not touch:** the VM's frames; LLVM objects directly
(`jit.llvm`); the analysis of forms (`jit.check`, `jit.infer`).

Interface used by the VM and the interpreter: `on_call(closure, args)`,
`end_of_run()`, `finish(dumps, stats)`, `compile_now(closure)`, `stats`.

Start-up: creating a Coordinator imports llvmlite and initialises the
LLVM back end (`_start_backend`), so only `--jit` pays for it, at start-up
rather than inside the program's first hot call. Once the prelude is
loaded, `warm_up()` runs the whole pipeline once on a small private
function (not recorded anywhere): the first compilation in a process
otherwise pays ~2.5 ms of one-time costs inside LLVM's optimiser and code
generator and in Python (measured: fib's first compile 11.0 ms, later ones
8.5 ms). Once per process.

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

from ..values import NATIVE_BAILOUT
from .cache import DEAD, CodeCache, Entry
from .check import Planner, code_name
from .ops import FIX, FLO, OTHER, Reject
from .profiler import Profiler
from .stats import Stats

MAX_BAILOUTS = 3
MAX_VERSIONS = 3
PREFIX_PLACEHOLDER = "elle_jit_PREFIX"      # replaced by the batch's name (see _build)
_loaded_prefixes: set = set()               # batch names linked into this process
_prefix_lock = threading.Lock()

# Warm-up function: fixnum and flonum arithmetic, a comparison, a checked
# operation, a call of itself with a base case: what real kernels contain.
WARM_UP_SRC = ("(letrec ((warm (lambda (n x) (if (< n 2) (+ x 1.0)"
               " (* (warm (- n 1) (sqrt x)) (exact->inexact n)))))) warm)")
_pipeline_warm = False


def _arity(closure) -> int:
    """How many values native code receives: parameters + captured values."""
    lam = getattr(closure.code, "lam", None)
    return len(getattr(lam, "params", ()) or ()) + len(closure.free)


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


class Coordinator:
    def __init__(self, interp):
        self.interp = interp
        self.config = interp.config
        self.threshold = max(1, int(getattr(self.config, "jit_threshold", 10)))
        self.log_enabled = bool(getattr(self.config, "jit_log", False))
        self.lock = threading.RLock()
        self.profiler = Profiler()
        self.counting = self.config.count_calls()
        self.stats = Stats()
        self.stats.vm_call_source = self.profiler.vm_calls
        self.stats.native_calls_complete = self.counting
        self.cache = CodeCache(self.lock, on_invalidate=self._invalidated)
        self._batches = 0
        self._native: dict = {}     # (code, argtypes) -> (symbol, result type, batch's Entry)
        self.objcache = None
        self._start_backend()

    def _start_backend(self) -> None:
        """Import the compiler modules and initialise LLVM now, at interpreter
        start-up, so a program's first compilation pays only for itself
        (~60 ms of imports and target set-up otherwise land in the first
        hot call). Process-wide: only the first coordinator pays. The code
        generator itself is warmed by `warm_up`, a whole compilation. A
        failure here is not fatal: each compilation will then be rejected
        with it."""
        try:
            from . import bridge, emit_ops, infer, lower    # noqa: F401 (import cost only)
            from .llvm import backend
            from .objcache import ObjectCache, cache_directory
            be = backend()
            be.bind_symbols(bridge.object_symbols())
            be.ensure_symbols(bridge.C_API + tuple(lower.LIBM))
            from .. import __version__
            self.objcache = ObjectCache(
                cache_directory(getattr(self.config, "jit_cache", None)),
                f"{be.fingerprint()}|{sys.version}|elle {__version__}", self.log)
        except Exception as e:      # pragma: no cover - llvmlite missing or broken
            self.log(f"back end not available: {type(e).__name__}: {e}")

    def warm_up(self) -> None:
        """Compile WARM_UP_SRC once per process, unrecorded (see the module doc)."""
        global _pipeline_warm
        if _pipeline_warm:
            return
        _pipeline_warm = True
        stats, self.stats = self.stats, Stats()
        cache, self.objcache = self.objcache, None      # warm the code generator itself
        self._warming = True
        try:
            closure = self.interp.eval_text(WARM_UP_SRC, "<jit warm-up>")
            self._build(closure.code, (FIX, FLO))
        except Exception as e:      # pragma: no cover - then the first compile pays
            self.log(f"warm-up failed: {type(e).__name__}: {e}")
        finally:
            self.stats = stats
            self.objcache = cache
            self._warming = False

    _warming = False

    # -- the VM hook ---------------------------------------------------------------

    def on_call(self, closure, args) -> None:
        code = closure.code
        prof = code.jit_data
        if prof is not None and prof.counting_only:
            prof.vm_calls += 1
            return
        prof = self.profiler.record(code, args, closure.free)
        if prof.calls >= self.threshold:
            self._compile_hot(closure, prof)

    def end_of_run(self) -> None:
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
        return self.compile(closure, sig)

    def compile(self, closure, sig: tuple) -> bool:
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
                self._build(code, sig)
            except Reject as r:
                self._reject(code, r.reason)
                return False
            except Exception as e:      # a JIT bug must not break the program
                self._reject(code, f"internal JIT error: {type(e).__name__}: {e}")
                return False
            prof.versions += 1
            return True

    def _build(self, code, sig) -> Entry:
        """Run the pipeline for `code` at `sig`; install and return the entry."""
        from . import bridge
        from .infer import infer
        from .llvm import backend
        from .lower import lower_module, native_calls
        be = backend()           # one-time set-up is not compile time
        t0 = time.perf_counter()
        planner = Planner(self.interp.globals)
        inference = infer(planner, code, sig)
        reused = self._reusable(inference)
        ml = lower_module(inference, PREFIX_PLACEHOLDER, reused, self.counting)
        root = inference.root
        entry = Entry(code, sig, root.signature())

        def on_bailout(entry=entry):
            return self._bailed_out(entry)

        bridge._KEEP_ALIVE.append(on_bailout)     # native code refers to it forever
        name = bridge.emit_entry(ml, root)
        be.ensure_symbols(ml.externals)
        compiled, prefix, name = self._link(be, ml, name, on_bailout)
        entry.callable = bridge.make_callable(be.function_address(name), code_name(code))
        entry.bail_kind_address = be.bail_kind_address
        entry.ncalls_address = addr = be.global_address(f"{prefix}_count")
        # (a cached object's counter starts at 0 like a fresh one: it is
        # loaded from the object file's zero-initialised data)
        calls = lambda a=addr: native_calls(bridge.read_i64(a))       # noqa: E731
        self.stats.native_call_sources.append(calls)
        cells = set()
        for inst in inference.instances.values():
            cells |= inst.plan.cells
        self.cache.install(entry, cells)
        self.stats.reused += len(reused)
        for inst in ml.defined:
            self._native[(inst.plan.code, inst.argtypes)] = (
                ml.functions[inst].name.replace(PREFIX_PLACEHOLDER, prefix), inst.ret, entry)
        ms = (time.perf_counter() - t0) * 1e3
        self.stats.record_compile(code_name(code), entry.label, ms, calls)
        self._dump(entry, inference, compiled)
        extra = []
        if len(ml.defined) > 1:
            extra.append(f"with {len(ml.defined) - 1} callee specialisations")
        if reused:
            extra.append(f"calling {len(reused)} compiled before")
        if compiled.cached:
            extra.append("machine code from the cache")
        self.log(f"compiled {entry.label} in {ms:.1f} ms"
                 + (f" ({', '.join(extra)})" if extra else ""))
        return entry

    def _link(self, be, ml, entry_name: str, on_bailout):
        """Name the batch, then compile its IR (or load its machine code from
        the on-disk cache) into the engine; returns (CompiledModule, batch
        prefix, entry symbol).

        The batch is named by its content, so that the same code gets the
        same names (and cache key) in every process; a second batch with the
        same content in this process gets a fresh name and no cache."""
        from . import bridge
        text = ml.text()
        cache = self.objcache
        key = cache.key(text) if cache is not None else None
        prefix = f"elle_jit_{key[:24]}" if key else f"elle_jit_{id(self):x}"
        with _prefix_lock:          # interpreters in other threads link batches too
            if prefix in _loaded_prefixes:
                self._batches += 1
                prefix, key = f"{prefix}_{self._batches}", None
                while prefix in _loaded_prefixes:
                    prefix += "x"
            _loaded_prefixes.add(prefix)
        text = text.replace(PREFIX_PLACEHOLDER, prefix)
        entry_name = entry_name.replace(PREFIX_PLACEHOLDER, prefix)
        be.bind_symbols({bridge.bailout_symbol(prefix): id(on_bailout)})
        dumps = self.interp.dumps
        compiled = be.compile(text, want_ir="ir" in dumps, want_asm="asm" in dumps,
                              quick=(entry_name,), cache=cache, key=key)
        if compiled.cached:
            self.stats.cache_hits += 1
        return compiled, prefix, entry_name

    def _reusable(self, inference) -> dict:
        """{callee instance: symbol} for the callees an earlier batch compiled
        whose batch is still valid (its entry not invalidated or dropped:
        then every global it assumed still holds) -- see `jit.lower`."""
        reused = {}
        for inst in inference.instances.values():
            if inst is inference.root:
                continue
            known = self._native.get((inst.plan.code, inst.argtypes))
            if known is not None:
                symbol, ret, entry = known
                if ret == inst.ret and entry.state != DEAD:
                    reused[inst] = symbol
        return reused

    def _reject(self, code, reason: str) -> None:
        self._leave_in_vm(code)
        name = code_name(code)
        self.stats.record_reject(name, reason)
        self.log(f"rejected {name}: {reason}")

    def _count_only(self, code) -> None:
        """Until the run ends, only count the VM calls of `code`."""
        self.profiler.profile(code).counting_only = True
        code.jit_profile = True

    def _leave_in_vm(self, code) -> None:
        """Never compile `code`; the VM stops reporting its calls."""
        self.profiler.profile(code).left_in_vm = True
        code.jit_profile = False

    # -- bail-outs and invalidation ------------------------------------------------

    def _bailed_out(self, entry: Entry):
        """Called by native code (through the bridge) when it gives up."""
        from .bridge import read_i64
        from .lower import BAIL_GUARD, BAIL_NAMES
        kind = read_i64(entry.bail_kind_address)
        kind_name = BAIL_NAMES.get(kind, "unknown")
        name = code_name(entry.code)
        self.stats.record_bailout(name, kind_name)
        with self.lock:
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
        if self.log_enabled and not self._warming:
            print(f"jit: {msg}", file=sys.stderr, flush=True)

    def _dump(self, entry, inference, compiled) -> None:
        if self._warming:
            return
        if compiled.ir is not None:
            print(f";; ===== jit: {entry.label} -- optimised LLVM IR =====", flush=True)
            print(compiled.ir, flush=True)
        if compiled.asm is not None:
            print(f";; ===== jit: {entry.label} -- x86-64 assembly =====", flush=True)
            print(compiled.asm, flush=True)


"""JIT statistics: what was compiled, rejected, bailed out, invalidated.

**Owns:** `Stats` (counters, per-function compile times, rejection reasons,
bail-out kinds), `report()` (the text of `--stats` and the REPL's `,stats`)
and `as_alist()` (the value of `(jit-stats)`). **Does not touch:** policy;
the coordinator updates the counters.

Calls: `native calls` is every call that ran as native code (entries from
the VM and native-to-native calls, including jumps that stand for calls,
see `jit.lower`), `bytecode calls` every call of a closure the VM ran in
bytecode and reported to the JIT (see `jit.coordinator`); their sum is all
calls -- unless the VM stopped reporting the calls of a function left in
it, in which case the line reads `bytecode calls: at least N (...)`,
which `benchmarks/jitstats.py` leaves unparsed (unknown, not wrong).
Per compiled function, `native=N` counts the calls of the native
code compiled in that batch (the function and the callees specialised
with it). Both are read from live counters at report time.
Native code counts its own calls only when asked to (`--stats`,
`ELLE_STATS`, `ELLE_JIT_COUNT_CALLS`: see `jit.lower`, it costs call-heavy
code ~30%); otherwise only entries from the VM are counted, and the
report says `native calls: at least N` (`native-calls-complete` #f).
"""

from __future__ import annotations

from ..datum import Symbol, list_to_pairs, make_pair


class Stats:
    def __init__(self):
        self.compiled: list[tuple[str, str, float]] = []     # (name, signature, ms)
        self.rejected: dict[str, str] = {}                   # name -> reason
        self.bailouts: dict[str, int] = {}                   # kind -> count
        self.bailouts_by_function: dict[str, int] = {}
        self.dropped: dict[str, str] = {}                    # name -> why
        self.invalidations = 0
        self.reused = 0         # callees called in an earlier batch's code, not recompiled
        self.cache_hits = 0     # compilations whose machine code came from the disk cache
        self.native_call_sources: list = []                  # callables -> int
        self.native_by_function: list = []     # parallel to `compiled`: callable -> int
        self.vm_call_source = lambda: (0, True)    # callable -> (int, complete)
        self.native_calls_complete = True   # False: native code counts entries only

    # -- updates ------------------------------------------------------------------

    def record_compile(self, name: str, signature: str, ms: float, native_calls=None):
        """A compilation; `native_calls()` reads the batch's call counter."""
        self.compiled.append((name, signature, ms))
        self.native_by_function.append(native_calls or (lambda: 0))

    def record_reject(self, name: str, reason: str):
        self.rejected[name] = reason

    def record_bailout(self, name: str, kind: str):
        self.bailouts[kind] = self.bailouts.get(kind, 0) + 1
        self.bailouts_by_function[name] = self.bailouts_by_function.get(name, 0) + 1

    # -- views ----------------------------------------------------------------------

    def native_calls(self) -> int:
        return sum(src() for src in self.native_call_sources)

    def bytecode_calls(self) -> int:
        return self.vm_call_source()[0]

    def bytecode_calls_complete(self) -> bool:
        return self.vm_call_source()[1]

    def functions(self) -> list:
        """(name, signature, compile ms, native calls) per compilation."""
        return [(name, sig, ms, calls())
                for (name, sig, ms), calls in zip(self.compiled, self.native_by_function)]

    def compile_ms(self) -> float:
        return sum(ms for _, _, ms in self.compiled)

    def counters(self) -> dict:
        times = sorted(ms for _, _, ms in self.compiled)
        median = times[len(times) // 2] if times else 0.0
        return {
            "compiled": len(self.compiled),
            "rejected": len(self.rejected),
            "compile-ms": round(self.compile_ms(), 3),
            "median-compile-ms": round(median, 3),
            "native-calls": self.native_calls(),
            "native-calls-complete": self.native_calls_complete,
            "bytecode-calls": self.bytecode_calls(),
            "bytecode-calls-complete": self.bytecode_calls_complete(),
            "bailouts": sum(self.bailouts.values()),
            "invalidations": self.invalidations,
            "dropped": len(self.dropped),
            "reused-callees": self.reused,
            "cache-hits": self.cache_hits,
        }

    def as_alist(self):
        return list_to_pairs([make_pair(Symbol(k), v) for k, v in self.counters().items()])

    def report(self) -> str:
        c = self.counters()
        out = ["JIT statistics:",
               f"  compiled:      {c['compiled']} (total {c['compile-ms']:.1f} ms, "
               f"median {c['median-compile-ms']:.1f} ms)"]
        for name, sig, ms, calls in self.functions():
            out.append(f"    {sig}  {ms:.1f} ms  native={calls}"
                       + ("" if self.native_calls_complete else " (entries)"))
        if self.cache_hits:
            out.append(f"    (machine code loaded from the code cache: {self.cache_hits})")
        if self.reused:
            out.append(f"    (callees compiled earlier and called, not compiled again: {self.reused})")
        out.append(f"  rejected:      {c['rejected']}")
        for name, reason in sorted(self.rejected.items()):
            out.append(f"    {name}: {reason}")
        if self.native_calls_complete:
            out.append(f"  native calls:  {c['native-calls']}")
        else:
            out.append(f"  native calls:  at least {c['native-calls']} (entries from the VM; "
                       "set ELLE_JIT_COUNT_CALLS=1 to count calls inside native code)")
        if self.bytecode_calls_complete():
            out.append(f"  bytecode calls: {c['bytecode-calls']}")
        else:
            out.append(f"  bytecode calls: at least {c['bytecode-calls']} "
                       "(calls of functions left in the VM are not counted)")
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.bailouts.items()))
        out.append(f"  bail-outs:     {c['bailouts']}" + (f" ({kinds})" if kinds else ""))
        for name, why in sorted(self.dropped.items()):
            out.append(f"    left in the VM: {name}: {why}")
        out.append(f"  invalidations: {c['invalidations']}")
        return "\n".join(out)

"""Profiler: call counts and argument-type feedback per code object.

**Owns:** `Profile` (calls seen, signature counts, calls that ran in the
VM) and `Profiler.record`, which the coordinator calls from the VM's hook
on every call of a function that is still being profiled; `vm_calls()`,
the number of calls of every profiled function that ran in bytecode, and
whether that number is complete: the VM stops reporting calls of a
function left in the VM for good (`jit_profile` false), so those are
counted only if the VM counts them itself in `code.jit_vm_calls`. The profile lives in the code object's
`jit_data` slot when it has one (one attribute load, no dictionary).
**Does not touch:** compilation decisions (`jit.coordinator`).

A signature is the tuple of argument tags from `jit.ops.tag_of`: `fix`
(exact integer within 64 bits), `flo`, `bool`, `other`. A captured variable that is assigned lives in a `Box`: its tag
is that of the box's current content.
"""

from __future__ import annotations

from ..values import Box
from .ops import FIX, tag_of


class Profile:
    __slots__ = ("calls", "signatures", "versions", "vm_calls", "counting_only", "left_in_vm",
                 "due")

    def __init__(self):
        self.calls = 0
        self.signatures: dict[tuple, int] = {}
        self.versions = 0          # specialisations compiled so far
        self.vm_calls = 0          # calls that ran in bytecode (never reset)
        self.counting_only = False     # suspended: on_call only counts
        self.left_in_vm = False        # rejected or dropped: the VM stops reporting
        self.due = 0                   # no compilation attempt before this many calls

    def dominant(self, nparams: int) -> tuple:
        """The signature seen most often (all-fixnum when nothing was seen)."""
        if not self.signatures:
            return (FIX,) * nparams
        return max(self.signatures.items(), key=lambda kv: kv[1])[0]

    def reset(self):
        """Profile afresh (after an invalidation or new argument types)."""
        self.calls = 0
        self.signatures.clear()
        self.counting_only = False
        self.left_in_vm = False
        self.due = 0


class Profiler:
    def __init__(self):
        self._fallback: dict = {}
        self.profiles: list = []       # (code, Profile)

    def vm_calls(self) -> tuple:
        """(calls that ran in bytecode, whether none went uncounted)."""
        total, complete = 0, True
        for code, p in self.profiles:
            total += p.vm_calls
            own = getattr(code, "jit_vm_calls", None)     # a VM-side counter, if any
            if own is not None:
                total += own
            elif p.left_in_vm:
                complete = False
        return total, complete

    def profile(self, code) -> Profile:
        p = getattr(code, "jit_data", None)
        if isinstance(p, Profile):
            return p
        p = Profile()
        self.profiles.append((code, p))
        try:
            code.jit_data = p
        except AttributeError:
            p = self._fallback.setdefault(code, p)
        return p

    def record(self, code, args, free=()) -> Profile:
        """Count a call; its signature is the tags of `args` then of `free`
        (the closure's captured values, which native code receives too)."""
        p = self.profile(code)
        p.calls += 1
        p.vm_calls += 1
        sig = tuple(map(tag_of, args))
        if free:
            sig += tuple(tag_of(x.value) if type(x) is Box else tag_of(x) for x in free)
        s = p.signatures
        s[sig] = s.get(sig, 0) + 1
        return p

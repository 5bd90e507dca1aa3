"""Native code cache: (code object, signature) -> entry, and its invalidation.

**Owns:** `Entry` (one compiled specialisation: its callable, the global
cells it assumed, its bail-out count and state) and `CodeCache` (the map,
installing an entry into its code object's `jit_entry` slot, suspending and
restoring entries around bail-outs, and invalidation when an assumed global
is assigned). **Does not touch:** LLVM (`jit.llvm`), profiling, policy
(`jit.coordinator` decides *when*; this module does *what*).
**Thread safety:** every mutation happens under the coordinator's lock,
which the cache shares; the VM reads `code.jit_entry` without it.

Entry states: `active` (installed in the code object), `suspended` (a
bail-out happened: the VM runs this function in bytecode until the current
outermost run ends), `dead` (invalidated or dropped; never installed again).
"""

from __future__ import annotations

import threading

ACTIVE, SUSPENDED, DEAD = "active", "suspended", "dead"


class Entry:
    def __init__(self, code, signature: tuple, label: str):
        self.code = code
        self.signature = signature
        self.label = label          # "fib(fix) -> fix", for logs and dumps
        self.callable = None
        self.cells = ()
        self.bailouts = 0
        self.state = DEAD
        self.bail_kind_address = 0
        self.entry_symbol = None    # its (shared) entry's symbol, jit.bridge


class CodeCache:
    def __init__(self, lock=None, on_invalidate=None, on_change=None):
        self.lock = lock or threading.RLock()
        self.entries: dict[tuple, Entry] = {}
        self.suspended: list[Entry] = []
        self.on_invalidate = on_invalidate   # callback(entry, cell)
        self.on_change = on_change           # callback(code): its jit_entry changed

    def _set(self, code, callable_) -> None:
        code.jit_entry = callable_
        if self.on_change is not None:
            self.on_change(code)

    def get(self, code, signature):
        e = self.entries.get((code, signature))
        return e if e is not None and e.state != DEAD else None

    def install(self, entry: Entry, cells) -> None:
        """Make `entry` the code object's native entry; watch every assumed global."""
        with self.lock:
            self.entries[(entry.code, entry.signature)] = entry
            entry.cells = tuple(cells)
            entry.state = ACTIVE
            self._set(entry.code, entry.callable)
            for cell in entry.cells:
                cell.watch(lambda c, e=entry: self.invalidate(e, c))

    def suspend(self, entry: Entry) -> None:
        """Stop native entry into this function until `restore_all`."""
        with self.lock:
            if entry.state == ACTIVE:
                entry.state = SUSPENDED
                self.suspended.append(entry)
            self._detach(entry)

    def restore_all(self) -> list:
        """Re-install every suspended entry; return those restored."""
        with self.lock:
            pending, self.suspended = self.suspended, []
            restored = []
            for e in pending:
                if e.state == SUSPENDED:
                    e.state = ACTIVE
                    self._set(e.code, e.callable)
                    restored.append(e)
            return restored

    def drop(self, entry: Entry) -> None:
        """Forget `entry` for good (its code object stays in the VM)."""
        with self.lock:
            entry.state = DEAD
            self._detach(entry)
            self.entries.pop((entry.code, entry.signature), None)

    def invalidate(self, entry: Entry, cell) -> None:
        with self.lock:
            if entry.state == DEAD:
                return
            self.drop(entry)
            entry.code.jit_profile = True
        if self.on_invalidate is not None:
            self.on_invalidate(entry, cell)

    def _detach(self, entry: Entry):
        if entry.code.jit_entry is entry.callable:
            self._set(entry.code, None)

"""Global variables: one mutable cell per toplevel name.

**Owns:** `GlobalCell` and `GlobalEnv` (Symbol -> GlobalCell). Compiled
bytecode holds cells directly, so a global read is one attribute load.
Every `define`/`set!` of a global goes through `GlobalCell.assign`, which
bumps `version` and notifies its watchers once (the JIT's code cache
registers a callback to invalidate native code that assumed the old value;
the compiler one to recompile bytecode that inlined a primitive). A watcher
registered on behalf of an `owner` (a code object) is held through a weak
reference and dropped when the owner dies, so code compiled and thrown away
-- every `eval` -- leaves nothing behind on the cells it assumed.
**Does not touch:** macro bindings (`elle.expander` keeps those), the VM.
"""

from __future__ import annotations

import weakref

from .datum import Symbol


class Unbound:
    __slots__ = ()

    def __repr__(self):
        return "#<unbound>"


UNBOUND = Unbound()


class GlobalCell:
    """The location of one global variable. `value` is UNBOUND until defined."""

    __slots__ = ("name", "value", "version", "watchers", "dependents")

    def __init__(self, name: Symbol):
        self.name = name
        self.value = UNBOUND
        self.version = 0
        self.watchers = None     # list of callables(cell), or None
        self.dependents = None   # WeakKeyDictionary owner -> callable(cell, owner), or None

    def assign(self, value) -> None:
        """Define or set! this global; invalidates anything that assumed the old value."""
        self.value = value
        self.version += 1
        if self.watchers:
            watchers, self.watchers = self.watchers, None
            for w in watchers:
                w(self)
        if self.dependents:
            dependents, self.dependents = self.dependents, None
            for owner, w in list(dependents.items()):
                w(self, owner)

    def watch(self, callback) -> None:
        """Call `callback(cell)` once, the next time this global is assigned."""
        if self.watchers is None:
            self.watchers = []
        self.watchers.append(callback)

    def watch_for(self, owner, callback) -> None:
        """Call `callback(cell, owner)` once, the next time this global is
        assigned, if `owner` is still alive then. `callback` must not refer
        to `owner` (that would keep it alive)."""
        if self.dependents is None:
            self.dependents = weakref.WeakKeyDictionary()
        self.dependents[owner] = callback

    def watcher_count(self) -> int:
        """How many watchers are waiting (live owners only)."""
        return len(self.watchers or ()) + len(self.dependents or ())

    def __repr__(self):
        return f"#<global {self.name.name}>"


class GlobalEnv:
    """All toplevel bindings of one interpreter."""

    __slots__ = ("cells",)

    def __init__(self):
        self.cells: dict[Symbol, GlobalCell] = {}

    def cell(self, name: Symbol) -> GlobalCell:
        c = self.cells.get(name)
        if c is None:
            c = self.cells[name] = GlobalCell(name)
        return c

    def define(self, name: Symbol | str, value) -> None:
        if isinstance(name, str):
            name = Symbol(name)
        self.cell(name).assign(value)

    def lookup(self, name: Symbol | str, default=UNBOUND):
        if isinstance(name, str):
            name = Symbol(name)
        c = self.cells.get(name)
        return default if c is None or c.value is UNBOUND else c.value

    def is_bound(self, name: Symbol) -> bool:
        c = self.cells.get(name)
        return c is not None and c.value is not UNBOUND

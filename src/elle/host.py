"""What one interpreter's program sees of the process around it.

**Owns:** `Host` -- one interpreter's console ports, its three current-port
parameters and its command line -- and which Host is active on the running
thread (`active`, `swap`). The primitives are shared by every interpreter
(`elle.primitives`), so they find "the current output port" or "the command
line" through `active()`; the VM makes its interpreter's Host active for the
length of each run, so two interpreters (or two threads) never share them.
Outside any run, `active()` is the process default, made when
`elle.primitives.io` is imported. **Does not touch:** what ports do
(`elle.primitives.io` makes the console ports), the VM.
"""

from __future__ import annotations

import threading
import weakref

from .values import Parameter


class Host:
    """The console and command line of one interpreter."""

    __slots__ = ("argv", "stdin", "stdout", "stderr", "input", "output", "error",
                 "sandboxed", "__weakref__")

    def __init__(self, argv, console):
        self.argv = [str(a) for a in argv] or ["elle"]
        self.stdin, self.stdout, self.stderr = console
        self.input = Parameter(self.stdin)
        self.output = Parameter(self.stdout)
        self.error = Parameter(self.stderr)
        self.sandboxed = False      # elle.sandbox: set by Interpreter(sandbox=True)
        HOSTS.add(self)


# Every live Host, so output still buffered at exit is written (io.flush_all).
HOSTS: "weakref.WeakSet[Host]" = weakref.WeakSet()

_thread = threading.local()
_default: list = [None]


def set_default(host: Host) -> None:
    """Make `host` what `active()` is outside every run (done once, by io)."""
    _default[0] = host


def active() -> Host:
    """The Host of the interpreter running on this thread (else the default)."""
    h = getattr(_thread, "host", None)
    return _default[0] if h is None else h


def swap(host: Host | None) -> Host | None:
    """Make `host` active on this thread; return what was (to swap back)."""
    old = getattr(_thread, "host", None)
    _thread.host = host
    return old

"""Time and memory limits on a running program, in every tier.

**Owns:** `Limits` (one per interpreter: its time limit in seconds and its
memory limit in MB), the watch that enforces them around one evaluation
(`Limits.run`), and the errors a program stopped by one gets: kind
`time-limit` ("time limit of S s exceeded") or `memory-limit` ("memory
limit of M MB exceeded"). **Does not touch:** the VM, tier 1's code or
native code: nothing in them polls for limits (see below), except the
interrupt flag native code already polls for Ctrl-C (`jit.interrupt`).

Design. `Interpreter.eval_text` (so `eval`, `load`, the CLI's program,
each REPL input) and `Interpreter.call` run inside `Limits.run`; nested
evaluations (`eval`, `load` from Elle) share the outer watch. A watch
(`_Watch`) starts a watcher thread, which sleeps (Event.wait, without the
GIL) and wakes every CHECK_INTERVAL to compare the clock with the
deadline and the process's resident set size (/proc/self/statm) with its
size when the watch began. Over a limit, it *trips*: records why, sets the interrupt flag
(so native code bails out to the VM at its next back edge or function
entry) and raises a limit exception in the evaluating thread with
PyThreadState_SetAsyncExc. CPython delivers that at the thread's next
bytecode boundary check -- inside the VM's dispatch loop, tier 1's Python
functions, the expander -- so the VM and tier 1 pay nothing for limits.
The exception is a BaseException (TimeLimitExceeded, MemoryLimitExceeded),
like KeyboardInterrupt: no `guard`, `with-exception-handler` or
`dynamic-wind` in the program can catch it or carry on. `Limits.run`
turns it into an ElleError of the matching kind, so the host (and the
CLI: exit status 1) sees an ordinary Elle error, and puts back the VM
state it found (the interpreter's `_snapshot`: the exception may have cut
the VM's own clean-up short), so the interpreter is usable for the next
evaluation.

Native code holds the GIL while it runs, so the watcher cannot even wake
up then. For the deadline, a second thread waits inside the native alarm
(`jit.interrupt.native_alarm`, called through ctypes, which releases the
GIL) and sets the interrupt flag itself at the deadline; the native code
bails out, the VM runs Python bytecode again, and the watcher wakes and
trips. The alarm exists once LLVM is up; a watch that starts before that
starts its alarm when it is (`jit.interrupt.on_backend_ready`), which is
before the first native code runs. Native code allocates no Python
objects, so the memory check loses nothing by waiting for it.

Memory: RSS growth is coarse (it counts the interpreter's own caches and
the JIT's code, and freed memory is not always given back), but it is
cheap, needs no tracing and is per evaluation; RLIMIT_AS would be
process-wide and breaks LLVM's reservations. A Python MemoryError inside a
watch with a memory limit is reported as `memory-limit` too. One C-level
operation is not interrupted until it returns (the check happens between
bytecodes), so the primitives that allocate a size the program chooses
in one step (make-vector, make-string, make-bytevector) ask first
(`reserve`); a bignum power or a huge string-append is not checked.

The exception can land anywhere in Python code, so the compilers (tier
1's and tier 2's `compile`) are critical sections (`critical_section`):
a limit reached inside one is raised when it returns. CPython drops an
exception raised inside a `__del__` or a weakref callback, so until the
evaluation has ended the watcher raises it again every RETRIP_INTERVAL.

The flag is process-wide: a limit tripping in one thread also makes native
code running in another bail out once (it goes on in the VM). Blocking
reads of standard input are not interrupted.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
import time

from .errors import ElleError
from .values import ErrorObject

CHECK_INTERVAL = 0.02           # seconds between the watcher's checks
RETRIP_INTERVAL = 0.2           # seconds before a trip not yet acted on is raised again


class LimitExceeded(BaseException):
    """Raised asynchronously in the evaluating thread; never seen by Elle code."""
    kind = "limit"


class TimeLimitExceeded(LimitExceeded):
    kind = "time-limit"


class MemoryLimitExceeded(LimitExceeded):
    kind = "memory-limit"


def _page_size() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 4096


PAGE = _page_size()


def resident_bytes() -> int | None:
    """The process's resident set size, or None where /proc is missing."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return None


_current = threading.local()     # .watch: the watch of the evaluation running on this thread
RESERVE_MIN = 1 << 20            # bytes: smaller allocations are left to the watcher


def reserve(nbytes: int) -> None:
    """Called by a primitive about to allocate `nbytes` in one C-level step
    (make-vector, make-string, make-bytevector), which no watcher could
    interrupt: raise the memory limit now if the allocation would pass it."""
    if nbytes < RESERVE_MIN:
        return
    watch = getattr(_current, "watch", None)
    if watch is None or watch.max_growth is None or watch.base_rss is None:
        return
    rss = resident_bytes()
    if rss is not None and rss - watch.base_rss + nbytes > watch.max_growth:
        raise MemoryLimitExceeded()


_filter_installed = []


def _install_unraisable_filter() -> None:
    """A limit exception CPython drops (raised inside a __del__, a weakref
    or gc callback) is raised again by the watcher; it must not also be
    reported as "Exception ignored in ..." with a Python traceback."""
    if _filter_installed:
        return
    _filter_installed.append(True)
    previous = sys.unraisablehook

    def hook(unraisable):
        if isinstance(unraisable.exc_value, LimitExceeded) or (
                isinstance(unraisable.exc_type, type)
                and issubclass(unraisable.exc_type, LimitExceeded)):
            return
        previous(unraisable)
    sys.unraisablehook = hook


def critical_section(fn):
    """Decorate a method that must not be cut short by a limit (tier 1's
    and tier 2's compilers: half-installed code, or an LLVM object owned
    twice, would outlive the evaluation): a limit reached while it runs
    is raised when it returns."""
    import functools

    @functools.wraps(fn)
    def guarded(*args, **kw):
        watch = getattr(_current, "watch", None)
        if watch is None:
            return fn(*args, **kw)
        watch.enter_critical()
        try:
            return fn(*args, **kw)
        finally:
            watch.exit_critical()
    return guarded


def _raise_in(thread_id: int, exc_type) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc_type))


class _Flush(BaseException):
    """Takes the place of a cancelled asynchronous exception (see below)."""


def cancel_own_async_exception() -> None:
    """Drop an exception another thread asked to raise in this one
    (PyThreadState_SetAsyncExc) that has not arrived yet.

    Not by setting it to NULL: CPython 3.11 then leaves its interpreter-wide
    "asynchronous exception pending" flag set for good, so every thread
    checks for pending work at every call and loop iteration from then on,
    and one running under sys.setprofile or sys.settrace (a profiler, a
    coverage tool, a debugger) loops for ever at its next call. Instead the
    pending exception is replaced by `_Flush`, which arrives here at once
    (at the loop's backward jump) and clears the flag as any delivered one
    does."""
    try:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(threading.get_ident()),
                                                   ctypes.py_object(_Flush))
        for _ in range(8):
            pass
    except _Flush:
        pass


class Limits:
    """The limits of one interpreter; `run()` enforces them."""

    def __init__(self, time_limit=None, memory_limit=None, snapshot=None):
        self.time_limit = time_limit          # seconds, or None
        self.memory_limit = memory_limit      # MB, or None
        self.snapshot = snapshot              # () -> restore(): the VM state to go back to
        self.running = False                  # nested evaluations share the outer watch

    @property
    def active(self) -> bool:
        return self.time_limit is not None or self.memory_limit is not None

    def run(self, fn, *args):
        """fn(*args) under the limits (see the module docstring): its value,
        or an ElleError of kind time-limit / memory-limit."""
        if not self.active or self.running:
            return fn(*args)
        restore = self.snapshot() if self.snapshot is not None else None
        watch = _Watch(self)
        self.running = True
        try:
            try:
                watch.start()
                return fn(*args)
            finally:
                watch.stop()
        except LimitExceeded as e:
            # It may have cut anything short, the first stop() included;
            # once a stop() completes, nothing more is raised.
            while True:
                try:
                    watch.stop()
                    break
                except LimitExceeded:
                    pass
            if restore is not None:
                restore()
            raise self.error(e.kind) from None
        except MemoryError:
            if self.memory_limit is None:
                raise
            if restore is not None:
                restore()
            raise self.error("memory-limit") from None
        finally:
            self.running = False

    def error(self, kind: str) -> ElleError:
        if kind == "time-limit":
            msg = f"time limit of {self.time_limit:g} s exceeded"
        else:
            msg = f"memory limit of {self.memory_limit:g} MB exceeded"
        return ElleError(ErrorObject(kind, msg))


class _Watch:
    """One evaluation's watcher thread (and alarm thread)."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.cancel = ctypes.c_int64(0)       # read by the native alarm
        self.tripped = None                   # the exception class raised, once
        self.alarm_started = False
        self.stopped = False
        self.thread_id = threading.get_ident()
        self.deadline = self.base_rss = self.max_growth = None
        self.critical = 0                     # depth of critical sections running
        self.pending = None                   # a trip held back by one

    # -- the evaluating thread ------------------------------------------------------

    def start(self):
        lim = self.limits
        self.thread_id = threading.get_ident()
        self.deadline = (time.monotonic() + lim.time_limit
                         if lim.time_limit is not None else None)
        self.base_rss = resident_bytes() if lim.memory_limit is not None else None
        self.max_growth = (lim.memory_limit * 1024 * 1024
                           if lim.memory_limit is not None else None)
        _install_unraisable_filter()
        self.outer = getattr(_current, "watch", None)
        _current.watch = self
        threading.Thread(target=self._watch, name="elle-limits", daemon=True).start()
        if self.deadline is not None:
            from .jit import interrupt
            interrupt.on_backend_ready(self._start_alarm)
            self._start_alarm()

    def stop(self):
        """No trip after this; a trip not yet delivered is withdrawn. May be
        cut short by that delivery, and is then called again."""
        with self.lock:
            self.done.set()
            self.cancel.value = 1
            tripped = self.tripped
        if getattr(_current, "watch", None) is self:
            _current.watch = self.outer
        if tripped is not None and not self.stopped:
            cancel_own_async_exception()      # (run by the watched thread)
            from .jit import interrupt
            interrupt.clear()
        if self.deadline is not None:
            from .jit import interrupt
            interrupt.forget_backend_ready(self._start_alarm)
        self.stopped = True

    def enter_critical(self):
        with self.lock:
            tripped = self.tripped
            if tripped is None or self.done.is_set():
                self.critical += 1
                return
        cancel_own_async_exception()       # raised here instead, once
        raise tripped()

    def exit_critical(self):
        with self.lock:
            self.critical -= 1
            pending = self.pending if self.critical == 0 else None
            if pending is not None:
                self.pending = None
        if pending is not None:
            raise pending()

    def _start_alarm(self):
        from .jit import interrupt
        alarm = interrupt.native_alarm()
        if alarm is None or self.alarm_started or self.done.is_set():
            return
        self.alarm_started = True
        deadline_ns = int(self.deadline * 1e9)
        cancel = ctypes.addressof(self.cancel)
        threading.Thread(target=alarm, args=(deadline_ns, cancel), name="elle-alarm",
                         daemon=True).start()

    # -- the watcher thread -------------------------------------------------------------

    def _watch(self):
        while True:
            wait = CHECK_INTERVAL
            if self.deadline is not None and self.tripped is None:
                wait = max(0.0, min(wait, self.deadline - time.monotonic()))
            if self.done.wait(wait if self.tripped is None else RETRIP_INTERVAL):
                return
            if self.tripped is not None:
                self._trip(self.tripped)      # not stopped yet: delivered again
            elif self.deadline is not None and time.monotonic() >= self.deadline:
                self._trip(TimeLimitExceeded)
            elif self.max_growth is not None and self.base_rss is not None:
                rss = resident_bytes()
                if rss is not None and rss - self.base_rss > self.max_growth:
                    self._trip(MemoryLimitExceeded)

    def _trip(self, exc_type):
        with self.lock:
            if self.done.is_set():
                return
            self.tripped = exc_type
            from .jit import interrupt
            interrupt.raise_flag()            # native code: bail out to the VM
            if self.critical:
                self.pending = exc_type       # exit_critical raises it
            else:
                _raise_in(self.thread_id, exc_type)

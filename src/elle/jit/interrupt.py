"""The interrupt flag native code polls, so Ctrl-C and limits stop every tier.

**Owns:** one process-wide i64 (`FLAG`), its address (bound by `jit.llvm`
as INTERRUPT_SYMBOL, which every native module declares), `clear()`, the
native SIGINT handler that sets the flag (`install_native_handler`,
below), and the native alarm that sets it at a deadline (`native_alarm`,
for `elle.limits`). **Does not touch:** what native code does when it sees
the flag (`jit.lower`: it bails out at the next loop back edge or function
entry, and the VM, running the call in bytecode, then raises the pending
exception: CPython's KeyboardInterrupt, or the limit exception
`elle.limits` sends); how the CLI and the REPL report that interrupt.

Who sets FLAG must not need the GIL: native code holds it and never gives
it back until it returns. A signal handler does not (SIGINT, below); nor
does a thread sleeping in native code (the alarm, called through ctypes,
which releases the GIL for the call).
"""

from __future__ import annotations

import ctypes

INTERRUPT_SYMBOL = "elle_jit_interrupt"
FLAG = ctypes.c_int64(0)
# The value every setter stores: above any call depth, so a function entry
# tests depth and interrupt in one comparison, (depth | FLAG) > DEPTH_LIMIT
# (`jit.lower`); loop back edges test FLAG != 0.
RAISED = 1 << 32


def raise_flag() -> None:
    FLAG.value = RAISED


def address() -> int:
    return ctypes.addressof(FLAG)


def clear() -> None:
    """After an interrupt was delivered: native code runs on again."""
    FLAG.value = 0


# -- the native SIGINT handler --------------------------------------------------
#
# While native code runs, the thread holds the GIL and never returns to the
# Python interpreter, so no Python code can set FLAG. Once LLVM is loaded
# (`install_native_handler`, from `jit.llvm`), SIGINT goes first to a
# five-instruction native handler that sets FLAG and then calls the
# handler it replaced (CPython's, which schedules the KeyboardInterrupt).
# It is installed with sigaction, copying the old action's mask and flags,
# so blocking calls are interrupted exactly as before. If a program later
# installs its own SIGINT handler (`signal.signal`), that replaces this one
# until the next outermost VM run puts it back in front
# (`reinstall_native_handler`).

_HANDLER_IR = f"""
@elle_sigint_prev = global i64 0
define void @elle_sigint(i32 %sig) {{
entry:
  store atomic i64 {RAISED}, ptr @{INTERRUPT_SYMBOL} monotonic, align 8
  %p = load atomic i64, ptr @elle_sigint_prev monotonic, align 8
  %chain = icmp ugt i64 %p, 1
  br i1 %chain, label %call, label %done
call:
  %f = inttoptr i64 %p to ptr
  call void %f(i32 %sig)
  br label %done
done:
  ret void
}}
"""


class _SigAction(ctypes.Structure):      # struct sigaction, Linux x86-64 / aarch64 (glibc)
    _fields_ = [("handler", ctypes.c_void_p), ("mask", ctypes.c_ulong * 16),
                ("flags", ctypes.c_int), ("restorer", ctypes.c_void_p)]


_native = {}     # once installed: libc, the handler's address, the cell of the one it chains to


def install_native_handler(backend) -> bool:
    """Put the native handler in front of the current SIGINT handler (once
    per process); False where that is not possible (not Linux, SIGINT
    ignored or default, or anything failing)."""
    if _native:
        return True
    try:
        import sys
        if not sys.platform.startswith("linux"):
            return False
        libc = ctypes.CDLL(None, use_errno=True)
        if not _compile_runtime(backend):
            return False
        _native.update(
            libc=libc, handler=backend.function_address("elle_sigint"),
            prev=ctypes.c_int64.from_address(backend.global_address("elle_sigint_prev")))
        if not _chain():
            _native.clear()
            return False
        return True
    except Exception:           # no native interrupts, nothing else lost
        _native.clear()
        return False


def reinstall_native_handler() -> None:
    """Put the native handler back in front if a signal.signal() call
    replaced it since (prompt_toolkit does, around every prompt, and
    restores CPython's handler afterwards): called by the VM (through
    `jit.coordinator.start_of_run`) before each outermost run, so Ctrl-C
    stops native code in the REPL too. One sigaction call when nothing
    changed."""
    if _native:
        try:
            _chain()
        except Exception:
            pass


def _chain() -> bool:
    """Make the native handler SIGINT's, chaining to the current one
    (unless it already is ours, or SIG_DFL / SIG_IGN, which stay)."""
    import signal
    libc = _native["libc"]
    old = _SigAction()
    if libc.sigaction(signal.SIGINT, None, ctypes.byref(old)) != 0:
        return False
    if old.handler == _native["handler"]:
        return True
    if not old.handler or old.handler == 1:        # SIG_DFL / SIG_IGN: keep them
        return False
    _native["prev"].value = old.handler
    new = _SigAction()
    ctypes.memmove(ctypes.byref(new), ctypes.byref(old), ctypes.sizeof(old))
    new.handler = _native["handler"]
    return libc.sigaction(signal.SIGINT, ctypes.byref(new), None) == 0


# -- the native alarm (elle.limits) ----------------------------------------------
#
# `elle_alarm(deadline_ns, cancel)` sleeps in slices of at most 10 ms until
# CLOCK_MONOTONIC (time.monotonic_ns on Linux) reaches `deadline_ns`, then
# sets FLAG again every 10 ms (the VM clears it at the end of each
# toplevel form's run, which may come before the limit is delivered, and
# the next form's native code must still stop); it returns as soon as it
# finds the i64 at `cancel` non-zero. A Python thread calls it through ctypes, so it waits
# without the GIL and sets FLAG even while native code holds the GIL.

_ALARM_IR = f"""
declare i32 @clock_gettime(i32, ptr)
declare i32 @nanosleep(ptr, ptr)
define i64 @elle_alarm(i64 %deadline, ptr %cancel) {{
entry:
  %ts = alloca {{i64, i64}}, align 8
  %sec = getelementptr {{i64, i64}}, ptr %ts, i32 0, i32 0
  %nsec = getelementptr {{i64, i64}}, ptr %ts, i32 0, i32 1
  br label %loop
loop:
  %c = load atomic i64, ptr %cancel monotonic, align 8
  %stop = icmp ne i64 %c, 0
  br i1 %stop, label %cancelled, label %check
check:
  %r = call i32 @clock_gettime(i32 1, ptr %ts)
  %s = load i64, ptr %sec, align 8
  %n = load i64, ptr %nsec, align 8
  %s9 = mul i64 %s, 1000000000
  %now = add i64 %s9, %n
  %late = icmp sge i64 %now, %deadline
  br i1 %late, label %fire, label %sleep
fire:
  store atomic i64 {RAISED}, ptr @{INTERRUPT_SYMBOL} monotonic, align 8
  br label %sleep
sleep:
  %left = sub i64 %deadline, %now
  %short = icmp slt i64 %left, 10000000
  %pos = icmp sgt i64 %left, 0
  %soon = and i1 %short, %pos
  %d = select i1 %soon, i64 %left, i64 10000000
  store i64 0, ptr %sec, align 8
  store i64 %d, ptr %nsec, align 8
  %z = call i32 @nanosleep(ptr %ts, ptr null)
  br label %loop
cancelled:
  ret i64 0
}}
"""

_alarm = [None]
_ready_hooks: list = []


def backend_ready(backend) -> None:
    """Called (by `jit.coordinator`) once LLVM is up: compile the alarm
    (once per process), then tell `elle.limits` (`on_backend_ready`), whose
    running time limits start their alarms before any native code runs."""
    if _alarm[0] is None:
        if not _compile_runtime(backend):
            return
        try:
            proto = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64, ctypes.c_void_p)
            _alarm[0] = proto(backend.function_address("elle_alarm"))
        except Exception:           # no native alarm: a native loop may outlive its limit
            return
    for hook in list(_ready_hooks):
        hook()


_compiled: list = []     # [True] once the handler and the alarm are machine code


def _compile_runtime(backend) -> bool:
    """Compile the SIGINT handler and the alarm, as one module (one
    compilation's fixed cost, ~3 ms, instead of two), once per process;
    False if that failed (then neither exists)."""
    if not _compiled:
        try:
            backend.ensure_symbols(("clock_gettime", "nanosleep"))
            backend.compile(f"@{INTERRUPT_SYMBOL} = external global i64\n" + _HANDLER_IR + _ALARM_IR,
                            quick=("elle_sigint", "elle_alarm"))
        except Exception:
            return False
        _compiled.append(True)
    return True


def on_backend_ready(hook) -> None:
    _ready_hooks.append(hook)


def forget_backend_ready(hook) -> None:
    """Undo `on_backend_ready(hook)` (if it is still registered)."""
    if hook in _ready_hooks:
        _ready_hooks.remove(hook)


def native_alarm():
    """The alarm, callable as alarm(deadline_ns, address of a cancel i64),
    or None before LLVM is up (then no native code runs either)."""
    return _alarm[0]

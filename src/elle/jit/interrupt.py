"""The interrupt flag native code polls, so Ctrl-C stops every tier.

**Owns:** one process-wide i64 (`FLAG`), its address (bound by `jit.llvm`
as INTERRUPT_SYMBOL, which every native module declares), `clear()`, and
the native SIGINT handler that sets the flag (`install_native_handler`,
below). **Does not touch:** what native code does when it sees the flag
(`jit.lower`: it bails out at the next loop back edge, and the VM, running
the call in bytecode, then raises CPython's pending KeyboardInterrupt);
how the CLI and the REPL report that interrupt.
"""

from __future__ import annotations

import ctypes

INTERRUPT_SYMBOL = "elle_jit_interrupt"
FLAG = ctypes.c_int64(0)


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
# and native code is no longer interrupted.

_HANDLER_IR = f"""
@{INTERRUPT_SYMBOL} = external global i64
@elle_sigint_prev = global i64 0
define void @elle_sigint(i32 %sig) {{
entry:
  store atomic i64 1, ptr @{INTERRUPT_SYMBOL} monotonic, align 8
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


_installed = False


def install_native_handler(backend) -> bool:
    """Put the native handler in front of the current SIGINT handler (once
    per process); False where that is not possible (not Linux, SIGINT
    ignored or default, or anything failing)."""
    global _installed
    if _installed:
        return True
    try:
        import signal
        import sys
        if not sys.platform.startswith("linux"):
            return False
        libc = ctypes.CDLL(None, use_errno=True)
        old = _SigAction()
        if libc.sigaction(signal.SIGINT, None, ctypes.byref(old)) != 0:
            return False
        if not old.handler or old.handler == 1:        # SIG_DFL / SIG_IGN: keep them
            return False
        backend.compile(_HANDLER_IR, quick=("elle_sigint",))
        prev = ctypes.c_int64.from_address(backend.global_address("elle_sigint_prev"))
        prev.value = old.handler
        new = _SigAction()
        ctypes.memmove(ctypes.byref(new), ctypes.byref(old), ctypes.sizeof(old))
        new.handler = backend.function_address("elle_sigint")
        if libc.sigaction(signal.SIGINT, ctypes.byref(new), None) != 0:
            return False
        _installed = True
        return True
    except Exception:           # no native interrupts, nothing else lost
        return False

"""Shared helpers for Elle's tests: run Elle source in-process or via the CLI."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stdout


def run_scm(src: str, jit=False):
    """Evaluate `src` in a fresh interpreter; return (last value as Python, stdout text)."""
    from elle.api import Interpreter
    interp = Interpreter(jit=jit)
    buf = io.StringIO()
    with redirect_stdout(buf):
        value = interp.eval(src)
        interp.flush()
    return value, buf.getvalue()


def run_cli(*args, stdin: str | None = None, env_extra=None, timeout=60):
    """Run the real `elle` command; return the CompletedProcess (text mode).

    The child sees none of the caller's ELLE_* switches, and never reads or
    writes the user's JIT code cache (ELLE_JIT_CACHE=off unless `env_extra`
    says otherwise)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ELLE_")}
    env["ELLE_JIT_CACHE"] = "off"
    if env_extra:
        env.update(env_extra)
    return subprocess.run([sys.executable, "-m", "elle", *args], input=stdin,
                          capture_output=True, text=True, timeout=timeout, env=env)


def counting_config():
    """A configuration whose native code counts its calls (what `--stats`
    turns on), for tests that check call counts. Tier 1 is off: the counts
    are of the VM and native code (tier 1 would take the VM's calls)."""
    from elle import config
    cfg = config.from_environ()
    cfg.jit_count_calls = True
    cfg.tier1 = False
    return cfg


def call_count(fn, *args) -> int:
    """How many Python and C function calls running fn(*args) makes: a
    deterministic measure of work, for complexity checks that must not
    depend on the machine's speed or load (see `grows_linearly`)."""
    import sys
    n = 0

    def count(frame, event, arg):
        nonlocal n
        if event == "call" or event == "c_call":
            n += 1

    sys.setprofile(count)
    try:
        fn(*args)
    finally:
        sys.setprofile(None)
    return n


def grows_linearly(make_input, run, small: int, factor: int = 4) -> bool:
    """Does run(make_input(n)) do about `factor` times the work (calls) for
    `factor` times the input? Linear work gives a ratio near `factor`, a
    quadratic one near factor**2; the bound allows 25% slack."""
    a = call_count(run, make_input(small))
    b = call_count(run, make_input(small * factor))
    return b <= factor * 1.25 * a

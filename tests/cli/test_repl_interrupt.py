"""Ctrl-C in the interactive REPL, driven through a real terminal (pexpect):
it stops a native loop and a native tree recursion, prints `interrupted`,
and the prompt comes back with the interpreter still usable.

Against the `elle` command as a user runs it (not `elle.cli.repl`'s
internals), so it holds for any REPL implementation that keeps the
`interrupted` message and answers the next input. Waits are on output
(pexpect's timeouts are only upper bounds), never on elapsed time."""

from __future__ import annotations

import os
import sys

import pytest

pexpect = pytest.importorskip("pexpect")

BOUND = 60          # seconds: an upper bound for each expected output, never a measurement


def spawn_repl(*flags):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ELLE_")}
    env.update(ELLE_JIT_CACHE="off", ELLE_JIT_LOG="1", TERM="dumb", NO_COLOR="1")
    child = pexpect.spawn(sys.executable, ["-m", "elle", *flags], env=env,
                          encoding="utf-8", timeout=BOUND, dimensions=(24, 200))
    child.expect("Elle ")
    return child


def answer(child, text, expected):
    child.sendline(text)
    child.expect(expected)


@pytest.mark.parametrize("define, warm, forever, compiled", [
    ("(define (spin n) (let loop ((i 0)) (if (< i n) (loop (+ i 1)) i)))",
     "(spin 100)", "(spin 100000000000000)", "jit: compiled loop"),
    ("(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))",
     "(fib 15)", "(fib 90)", "jit: compiled fib"),
])
def test_ctrl_c_stops_native_code_and_the_prompt_returns(define, warm, forever, compiled):
    child = spawn_repl("--jit=1", "--tiers=2")
    try:
        child.sendline(define)
        answer(child, warm, compiled)                # native code exists now
        # "running" is written (and flushed) just before the native call, so
        # the Ctrl-C reaches the evaluation, not the line editor
        child.sendline(f'(begin (display "run" (current-error-port)) '
                       f'(display "ning" (current-error-port)) '
                       f'(flush-output-port (current-error-port)) {forever})')
        child.expect_exact("running")
        child.sendintr()
        child.expect("interrupted")
        answer(child, "(+ 20 22)", "42")
        answer(child, warm, r"\d+")                   # native code runs again after the interrupt
        child.sendintr()                              # Ctrl-C at the prompt: no harm
        answer(child, "(* 6 7)", "42")
    finally:
        child.close(force=True)

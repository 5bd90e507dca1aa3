"""JIT call accounting: native calls (including native-to-native calls and
jumps that stand for calls) plus bytecode calls make all calls."""

import pytest

pytest.importorskip("elle.vm")
pytest.importorskip("llvmlite")

from elle import Interpreter

from support import counting_config
from elle.jit.lower import DEPTH_BITS, native_calls

FIB = "(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))"
TAK = """(define (tak x y z)
  (if (not (< y x)) z (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y))))"""


def fib_calls(n):
    return 1 if n < 2 else 1 + fib_calls(n - 1) + fib_calls(n - 2)


def counts(i):
    c = i.jit.stats.counters()
    return c["native-calls"], c["bytecode-calls"], c["bytecode-calls-complete"]


def test_fib_20_compiled_on_the_tenth_call():
    i = Interpreter(jit=10, config=counting_config())
    i.eval(FIB)
    assert i.eval("(fib 20)") == 6765
    # fib(20) .. fib(11) ran in the VM (the tenth call compiled fib), the rest natively
    assert counts(i) == (21891 - 10, 10, True)
    assert fib_calls(20) == 21891


def test_fib_compiled_on_first_call_runs_all_natively_afterwards():
    i = Interpreter(jit=1, config=counting_config())
    i.eval(FIB)
    i.eval("(fib 20)")
    native, vm, _ = counts(i)
    assert native + vm == 21891 and vm == 1
    i.eval("(fib 10)")
    assert counts(i)[:2] == (native + fib_calls(10), 1)


def test_tak_counts_self_tail_calls_as_calls():
    i = Interpreter(jit=10, config=counting_config())
    i.eval(TAK)
    assert i.eval("(tak 18 12 6)") == 7
    native, vm, complete = counts(i)
    assert native + vm == 63609 and complete     # the count the VM would make


def test_loop_iterations_count_as_calls():
    i = Interpreter(jit=10, config=counting_config())
    i.eval("(define (count-to n) (let loop ((i 0)) (if (= i n) i (loop (+ i 1)))))")
    assert i.eval("(count-to 1000)") == 1000
    native, vm, _ = counts(i)
    # one call of count-to, 1001 calls of loop (i = 0 .. 1000)
    assert native + vm == 1 + 1001


def test_report_lines_and_alist():
    i = Interpreter(jit=10, config=counting_config())
    i.eval(FIB)
    i.eval("(fib 15)")
    report = i.jit.stats.report()
    assert f"fib(fix) -> fix  " in report and f"native={fib_calls(15) - 10}" in report
    assert f"native calls:  {fib_calls(15) - 10}" in report
    assert "bytecode calls: 10" in report
    assert i.eval("(cdr (assq 'bytecode-calls (jit-stats)))") == 10
    assert i.eval("(cdr (assq 'native-calls (jit-stats)))") == fib_calls(15) - 10


def test_rejected_functions_are_still_counted_by_the_vm():
    i = Interpreter(jit=2, config=counting_config())
    i.eval("(define (len l) (if (null? l) 0 (+ 1 (len (cdr l)))))")
    assert i.eval("(len '(1 2 3 4 5))") == 5
    assert "len" in i.jit.stats.rejected
    native, vm, complete = counts(i)
    assert native == 0 and vm == 6 and complete
    assert "bytecode calls: 6" in i.jit.stats.report()


def test_bailout_runs_in_the_vm_and_is_counted_there():
    i = Interpreter(jit=1, config=counting_config())
    i.eval("(define (f n) (if (= n 0) 0 (+ (f (- n 1)) 1)))")     # not a loop (jit.lower)
    assert i.eval("(f 100000)") == 100000     # deeper than native code may go
    assert i.jit.stats.bailouts.get("depth") == 1
    native, vm, complete = counts(i)
    # every call of f in the re-run is a VM call; the aborted native attempt counts too
    assert vm >= 100001 and complete


def test_counter_layout():
    assert native_calls((5 << DEPTH_BITS) + 3) == 5
    assert native_calls(-1 & ((1 << 64) - 1)) == (1 << (64 - DEPTH_BITS)) - 1


def test_without_counting_native_code_counts_its_entries_only():
    i = Interpreter(jit=1)          # the default: no --stats, no ELLE_JIT_COUNT_CALLS
    i.eval(FIB)
    assert i.eval("(fib 20)") == 6765
    assert i.eval("(fib 10)") == 55
    c = i.jit.stats.counters()
    # (fib 20)'s first call ran in the VM and entered native code for fib 19 and
    # fib 18, then (fib 10) entered it once; the calls inside native code are not counted
    assert (c["native-calls"], c["bytecode-calls"], c["native-calls-complete"]) == (3, 1, False)
    assert "native calls:  at least 3 (entries from the VM" in i.jit.stats.report()
    assert i.eval("(cdr (assq 'native-calls-complete (jit-stats)))") is False


def test_stats_flag_turns_counting_on(tmp_path):
    from support import run_cli
    src = tmp_path / "fib.scm"
    src.write_text(FIB + "\n(display (fib 15))\n")
    p = run_cli("--jit=1", "--stats", str(src))
    assert p.stdout == "610"
    assert f"native calls:  {fib_calls(15) - 1}" in p.stderr
    p = run_cli("--jit=1", "--stats", str(src), env_extra={"ELLE_JIT_COUNT_CALLS": "0"})
    assert p.stdout == "610"
    assert "native calls:  at least 2 (entries from the VM" in p.stderr

"""The `elle` command through a real subprocess: modes, options, exit codes."""

import os

import pytest

from support import run_cli

HERE = os.path.dirname(__file__)


def test_version_and_help():
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.startswith("elle ")
    r = run_cli("--help")
    assert r.returncode == 0 and "usage: elle" in r.stdout


def test_eval_prints_with_write():
    r = run_cli("-e", '(string-append "a" "b")')
    assert r.returncode == 0
    assert r.stdout == '"ab"\n'


def test_eval_unspecified_prints_nothing():
    r = run_cli("-e", "(if #f #f)")
    assert r.returncode == 0 and r.stdout == ""


def test_pipe_runs_program():
    r = run_cli(stdin="(display (* 6 7)) (newline)")
    assert r.returncode == 0 and r.stdout == "42\n"


def test_unknown_option_is_usage_error():
    r = run_cli("--frobnicate")
    assert r.returncode == 2 and "unknown option" in r.stderr


def test_missing_file():
    r = run_cli("/nonexistent/prog.scm")
    assert r.returncode == 2 and "cannot open" in r.stderr


def test_shebang_and_command_line(tmp_path):
    prog = tmp_path / "prog.scm"
    prog.write_text("#!/usr/bin/env elle\n(write (cdr (command-line))) (newline)\n")
    r = run_cli(str(prog), "a", "b")
    assert r.returncode == 0, r.stderr
    assert r.stdout == '("a" "b")\n'


def test_a_leading_byte_order_mark_is_not_part_of_the_program(tmp_path):
    prog = tmp_path / "bom.scm"
    prog.write_bytes(b"\xef\xbb\xbf(display 1)\n(car 2)\n")
    r = run_cli(str(prog))
    assert r.stdout == "1" and r.returncode == 1
    assert "car: expected a pair" in r.stderr and "bom.scm:2:1" in r.stderr
    prog.write_bytes(b"\xef\xbb\xbf#!/usr/bin/env elle\n(display 2)\n")
    r = run_cli(str(prog))
    assert r.returncode == 0 and r.stdout == "2", r.stderr
    r = run_cli(stdin="\ufeff(display 3)")
    assert r.returncode == 0 and r.stdout == "3", r.stderr


def test_error_has_location_caret_and_backtrace(tmp_path):
    prog = tmp_path / "bad.scm"
    prog.write_text("(define (f x)\n  (car x))\n(define (g y) (+ 1 (f y)))\n(g 42)\n")
    r = run_cli(str(prog))
    assert r.returncode == 1
    err = r.stderr
    assert "car" in err
    assert "bad.scm:2:3" in err
    assert "  (car x))" in err and "^" in err
    assert "backtrace" in err and " f " in err.replace("\n", " ") or "f  " in err
    assert "Traceback" not in err


def test_syntax_error_points_at_location(tmp_path):
    prog = tmp_path / "syn.scm"
    prog.write_text("(display 1)\n(display #q)\n")
    r = run_cli(str(prog))
    assert r.returncode == 1
    assert "syn.scm:2:10" in r.stderr
    assert "Traceback" not in r.stderr


def test_dump_bytecode(tmp_path):
    prog = tmp_path / "d.scm"
    prog.write_text("(define (sq x) (* x x))\n(display (sq 3))\n")
    r = run_cli("--dump", "bytecode", str(prog))
    assert r.returncode == 0, r.stderr
    assert "sq" in r.stdout and r.stdout.rstrip().endswith("9")


def test_max_depth_option(tmp_path):
    prog = tmp_path / "deep.scm"
    prog.write_text("(define (f n) (if (= n 0) 0 (+ 1 (f (- n 1)))))\n(display (f 5000))\n")
    r = run_cli("--max-depth", "1000", str(prog))
    assert r.returncode == 1 and "recursion" in r.stderr
    r = run_cli(str(prog))
    assert r.returncode == 0 and r.stdout == "5000"


def test_ctrl_c_interrupts_a_running_program(tmp_path):
    import signal
    import subprocess
    import sys
    prog = tmp_path / "spin.scm"
    # The program says when it runs: a fixed sleep before the signal could
    # end before start-up on a loaded machine (SIGINT would then kill it).
    prog.write_text('(display "running") (newline) (flush-output-port)\n'
                    "(let loop ((i 0)) (loop (+ i 1)))\n")
    p = subprocess.Popen([sys.executable, "-m", "elle", str(prog)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert p.stdout.readline() == "running\n"
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=30)
    assert p.returncode == 130
    assert "interrupted" in err
    assert "Traceback" not in err


def test_ctrl_c_stops_native_code(tmp_path):
    """A loop compiled to native code polls the interrupt flag (jit.interrupt)."""
    import os
    import signal
    import subprocess
    import sys
    import time
    prog = tmp_path / "spin.scm"
    prog.write_text("(define (spin n) (let loop ((i 0)) (if (< i n) (loop (+ i 1)) i)))\n"
                    "(spin 100000000000000)\n")
    env = dict(os.environ, ELLE_JIT_LOG="1", ELLE_JIT_CACHE="off")
    p = subprocess.Popen([sys.executable, "-m", "elle", str(prog)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        for line in p.stderr:               # native code is running once this is logged
            if line.startswith("jit: compiled loop"):
                break
        time.sleep(0.5)                     # (in the native loop by then)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=60)
    finally:
        p.kill()
    assert p.returncode == 130
    assert "interrupted" in err and "Traceback" not in err


def test_deeply_nested_source_expands(tmp_path):
    prog = tmp_path / "deep.scm"
    prog.write_text("(display " + "(+ 1 " * 2000 + "0" + ")" * 2000 + ")\n")
    r = run_cli(str(prog))
    assert r.returncode == 0, r.stderr
    assert r.stdout == "2000"


def test_long_source_line_is_windowed_in_errors(tmp_path):
    prog = tmp_path / "long.scm"
    prog.write_text("(list " + "1 " * 500 + "(car 5))\n")
    r = run_cli(str(prog))
    assert r.returncode == 1
    shown = [l for l in r.stderr.splitlines() if l.startswith(" 1 |")]
    assert shown and len(shown[0]) < 130 and shown[0].startswith(" 1 | ...")


def test_exit_runs_dynamic_wind_after_thunks():
    r = run_cli("-e", "(dynamic-wind (lambda () #f) (lambda () (exit 3))"
                      " (lambda () (display \"after\")))")
    assert r.returncode == 3
    assert r.stdout == "after"


def test_cli_tests_keep_the_jit_cache_off():
    r = run_cli("-e", '(get-environment-variable "ELLE_JIT_CACHE")')
    assert r.returncode == 0 and r.stdout == '"off"\n'


@pytest.mark.parametrize("args", [["--jit=abc"], ["--jit=-5"], ["--max-depth=x"], ["--tiers=x"]])
def test_bad_option_value_is_a_usage_error(tmp_path, args):
    prog = tmp_path / "ok.scm"
    prog.write_text("(display 1)")
    r = run_cli(*args, str(prog))
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith("elle: ") and "usage: elle" in r.stderr
    assert "internal error" not in r.stderr and r.stdout == ""


@pytest.mark.parametrize("var, value", [("ELLE_JIT", "banana"), ("ELLE_JIT", "-5"),
                                        ("ELLE_MAX_DEPTH", "abc"), ("ELLE_TIERS", "x"),
                                        ("ELLE_TIER1_THRESHOLD", "abc"),
                                        ("ELLE_TIER1_THRESHOLD", "0"),
                                        ("ELLE_JIT_THRESHOLD", "abc")])
def test_bad_environment_value_is_a_usage_error(tmp_path, var, value):
    prog = tmp_path / "ok.scm"
    prog.write_text("(display 1)")
    r = run_cli(str(prog), env_extra={var: value})
    assert r.returncode == 2, r.stderr
    assert var in r.stderr and "usage: elle" in r.stderr
    assert "internal error" not in r.stderr and r.stdout == ""


def test_directory_as_program_is_a_file_error(tmp_path):
    r = run_cli(str(tmp_path))
    assert r.returncode == 1
    assert r.stderr.strip() == f"file-error: cannot read {tmp_path}: is a directory"


def test_non_utf8_program_is_a_file_error(tmp_path):
    prog = tmp_path / "latin1.scm"
    prog.write_bytes(b'(display "caf\xe9")\n')
    r = run_cli(str(prog))
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip() == f"file-error: cannot read {prog}: not UTF-8 text (byte 0xe9 at offset 13)"


def test_non_utf8_standard_input_is_a_file_error():
    import subprocess
    import sys
    env = {k: v for k, v in os.environ.items() if not k.startswith("ELLE_")}
    env["ELLE_JIT_CACHE"] = "off"
    p = subprocess.run([sys.executable, "-m", "elle"], input=b"(display 1)\xff",
                       capture_output=True, env=env, timeout=60)
    assert p.returncode == 1 and b"not UTF-8" in p.stderr and b"internal" not in p.stderr


def test_load_and_include_of_unreadable_files_are_file_errors(tmp_path):
    bad = tmp_path / "bad.scm"
    bad.write_bytes(b"\xff")
    for form in (f'(load "{tmp_path}")', f'(load "{bad}")'):
        r = run_cli("-e", f"(guard (e ((file-error? e) (display (error-object-message e)))) {form})")
        assert r.returncode == 0, (form, r.stderr)
        assert r.stdout.startswith("load: cannot read"), (form, r.stdout)
    r = run_cli("-e", f'(include "{bad}")')
    assert r.returncode == 1 and "include: cannot read" in r.stderr and "internal" not in r.stderr


def test_importing_the_command_imports_nothing_heavy():
    """Start-up stays quick: the console script's `from elle.cli.start
    import main` and main()'s own `elle.cli.main` load nothing heavy
    before main() runs (Ctrl-C is guarded from elle.cli.start's first line,
    test below)."""
    import subprocess
    import sys
    code = ("import sys; from elle.cli.start import main; import elle.cli.main; "
            "print(sorted(m for m in ('elle.config', 'elle.errors', 'dataclasses', 'elle.api') "
            "if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


def test_ctrl_c_outside_the_worker_is_an_interrupt_not_a_traceback(monkeypatch, capsys):
    """Ctrl-C on the main thread while the worker starts, or in the worker
    outside run()'s own handler: "interrupted", status 130."""
    import sys
    from elle.cli import main as cli

    def interrupted(argv):
        raise KeyboardInterrupt
    monkeypatch.setattr(cli, "_interrupt_reported", [])
    monkeypatch.setattr(cli, "run_on_big_stack", interrupted)
    monkeypatch.setattr(cli.sys, "argv", ["elle", "-e", "1"])
    with pytest.raises(SystemExit) as e:
        cli.main()
    assert e.value.code == 130
    assert capsys.readouterr().err.strip() == "interrupted"
    monkeypatch.undo()
    monkeypatch.setattr(cli, "_interrupt_reported", [])
    monkeypatch.setattr(cli, "run", interrupted)
    hook = sys.unraisablehook
    assert cli.run_on_big_stack(["-e", "1"]) == 130
    assert capsys.readouterr().err.strip() == "interrupted"
    assert sys.unraisablehook is hook


def test_ctrl_c_dropped_by_python_is_delivered_again(tmp_path):
    """CPython drops a KeyboardInterrupt raised in a weakref callback or a
    __del__ (printing "Exception ignored in ..."): the command sends it
    again until the program has stopped, and keeps quiet about the dropped
    one. Here `run` swallows the first one, as such a callback would."""
    import signal
    import subprocess
    import sys
    script = tmp_path / "drop.py"
    script.write_text(
        "import sys, time\n"
        "from elle.cli import main as cli\n"
        "def run(argv):\n"
        "    print('ready', flush=True)\n"
        "    try:\n"
        "        while True: time.sleep(0.01)\n"
        "    except KeyboardInterrupt:\n"
        "        pass\n"
        "    while True: time.sleep(0.01)\n"
        "cli.run = run\n"
        "sys.argv = ['elle', '-e', '1']\n"
        "cli.main()\n")
    p = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert p.stdout.readline() == "ready\n"
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=30)
    finally:
        p.kill()
    assert p.returncode == 130, err
    assert err.strip() == "interrupted"


def test_source_nested_too_deeply_to_compile_is_a_syntax_error(tmp_path):
    """Expanded, but too deep for the compiler: a syntax-error at the form,
    not "internal error: Python recursion limit reached" (status 70)."""
    prog = tmp_path / "deep.scm"
    prog.write_text("(display " + "(+ 1 " * 15000 + "0" + ")" * 15000 + ")\n")
    r = run_cli(str(prog))
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith("syntax-error: expression is nested too deeply to")
    assert "deep.scm:1:1" in r.stderr and "internal" not in r.stderr


def test_ctrl_c_while_the_command_starts_is_an_interrupt_not_a_traceback():
    """From the entry module's first line (elle.cli.start) to main() taking
    over, Ctrl-C prints "interrupted" and exits 130: here the signal
    arrives in the middle of importing elle.cli.main."""
    import signal
    import subprocess
    import sys
    script = ("import os, signal, sys\n"
              "import elle.cli.start\n"
              "os.kill(os.getpid(), signal.SIGINT)\n"
              "import elle.cli.main\n"
              "print('not reached')\n")
    p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                       preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert p.returncode == 130, p.stderr
    assert p.stderr.strip() == "interrupted" and p.stdout == ""
    ok = subprocess.run([sys.executable, "-c", "import sys; sys.argv = ['elle', '-e', '(+ 1 2)']\n"
                         "from elle.cli.start import main; main()"],
                        capture_output=True, text=True, timeout=60)
    assert (ok.returncode, ok.stdout) == (0, "3\n")

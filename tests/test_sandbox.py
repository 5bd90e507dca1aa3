"""The sandbox (elle.sandbox): files, the environment and source loading are
denied to a sandboxed interpreter's program with one catchable Elle error;
everything else, the console and string ports included, still works."""

from __future__ import annotations

import pytest

from elle import config as config_mod
from elle.api import Interpreter
from elle.errors import ElleError
from elle.sandbox import DENIED
from support import run_cli

TIERS = {"vm": "vm", "t1": "1", "t2": "2", "default": "1,2"}


def make(tiers="1,2", **kw):
    cfg = config_mod.Config()
    config_mod.parse_tiers(tiers, cfg)
    cfg.tier1_threshold = 1
    cfg.jit_threshold = 1
    cfg.jit_cache = "off"
    return Interpreter(config=cfg, **kw)


def denied(interp, src):
    """The sandbox-error message `src` raises (it must raise one)."""
    with pytest.raises(ElleError) as info:
        interp.eval(src)
    assert info.value.payload.kind == "sandbox-error", info.value
    return info.value.payload.message


PRIMITIVE_CALLS = {
    "open-input-file": '(open-input-file "{f}")',
    "open-binary-input-file": '(open-binary-input-file "{f}")',
    "open-output-file": '(open-output-file "{f}")',
    "open-binary-output-file": '(open-binary-output-file "{f}")',
    "file-exists?": '(file-exists? "{f}")',
    "delete-file": '(delete-file "{f}")',
    "get-environment-variable": '(get-environment-variable "HOME")',
    "get-environment-variables": "(get-environment-variables)",
    "load": '(load "{f}")',
    "include": '(include "{f}")',
    "include-ci": '(include-ci "{f}")',
}


@pytest.fixture
def victim(tmp_path):
    f = tmp_path / "secret.scm"
    f.write_text("(define secret 42)\n")
    return f


@pytest.mark.parametrize("name", sorted(PRIMITIVE_CALLS))
def test_each_operation_is_denied(name, victim):
    interp = make(sandbox=True)
    msg = denied(interp, PRIMITIVE_CALLS[name].format(f=victim))
    assert msg == f"sandbox: {name} is not allowed"
    assert victim.read_text() == "(define secret 42)\n"     # not truncated, not deleted


def test_every_denied_name_is_tested():
    assert set(DENIED) == set(PRIMITIVE_CALLS) | {"import"}


@pytest.mark.parametrize("src", [
    '(call-with-input-file "{f}" read-line)',
    '(call-with-output-file "{f}" (lambda (p) (write 1 p)))',
    '(with-input-from-file "{f}" read-line)',
    '(with-output-to-file "{f}" (lambda () (display 1)))',
])
def test_prelude_file_procedures_are_denied(src, victim):
    interp = make(sandbox=True)
    assert "is not allowed" in denied(interp, src.format(f=victim))
    assert victim.read_text() == "(define secret 42)\n"


def test_guard_catches_the_sandbox_error(victim):
    interp = make(sandbox=True)
    kind, msg = interp.eval(f'''(guard (e ((error-object? e)
                                          (list (symbol->string (error-object-kind e))
                                                (error-object-message e))))
                                (open-input-file "{victim}"))''')
    assert (kind, msg) == ("sandbox-error", "sandbox: open-input-file is not allowed")


@pytest.mark.parametrize("tier", sorted(TIERS))
@pytest.mark.parametrize("src", [
    '(eval \'(file-exists? "{f}") (interaction-environment))',
    '(eval \'(file-exists? "{f}") (environment \'(scheme base) \'(scheme file)))',
    '(eval \'(file-exists? "{f}") (scheme-report-environment 5))',
    '(let ((f file-exists?)) (f "{f}"))',
    '(apply file-exists? (list "{f}"))',
    '(map file-exists? (list "{f}"))',
    '(begin (define probe file-exists?) (probe "{f}"))',
    '(begin (define (probe x) (file-exists? x)) (probe "x") (probe "y") (probe "{f}"))',
    '(begin (define (probe n) (if (= n 0) (file-exists? "{f}") (probe (- n 1)))) (probe 50))',
    "(eval '(load \"{f}\") (interaction-environment))",
    '(eval \'(include "{f}") (interaction-environment))',
    '(call-with-current-continuation (lambda (k) (k (file-exists? "{f}"))))',
    '(dynamic-wind (lambda () #f) (lambda () (file-exists? "{f}")) (lambda () #f))',
])
def test_no_route_around_the_check(src, tier, victim):
    interp = make(TIERS[tier], sandbox=True)
    denied(interp, src.format(f=victim))
    with pytest.raises(ElleError):
        interp.eval("secret")                 # the file was never loaded


def test_library_files_are_denied_but_builtin_and_own_libraries_work(tmp_path):
    (tmp_path / "mylib.sld").write_text(
        "(define-library (mylib) (export f) (import (scheme base)) (begin (define (f) 1)))\n")
    prog = tmp_path / "main.scm"
    prog.write_text("(import (mylib))\n")
    interp = make(sandbox=True)
    with pytest.raises(ElleError) as info:
        interp.eval(prog.read_text(), str(prog))
    assert info.value.payload.kind == "sandbox-error"
    assert "importing (mylib) from a file" in info.value.payload.message
    assert interp.eval("""
        (import (scheme base) (scheme write) (only (scheme char) char-upcase))
        (define-library (own) (export g) (import (scheme base)) (begin (define (g) 7)))
        (import (own))
        (g)""") == 7


def test_string_ports_and_computation_still_work():
    interp = make(sandbox=True)
    assert interp.eval("""
        (let ((out (open-output-string)))
          (write '(a "b" #\\c) out)
          (display (read (open-input-string "(1 2)")) out)
          (get-output-string out))""") == '(a "b" #\\c)(1 2)'
    assert interp.eval("(command-line)") == ["elle"]
    assert interp.eval("(exact? (current-jiffy))") is True


def test_the_sandbox_is_per_interpreter(victim):
    boxed, free = make(sandbox=True), make()
    denied(boxed, f'(file-exists? "{victim}")')
    assert free.eval(f'(file-exists? "{victim}")') is True
    denied(boxed, f'(file-exists? "{victim}")')
    # a sandboxed program calling back into the host, which uses the free one
    boxed.define("host-probe", lambda: free.eval(f'(file-exists? "{victim}")'))
    assert boxed.eval("(host-probe)") is True
    denied(boxed, f'(file-exists? "{victim}")')


def test_the_host_may_still_load_files(victim):
    interp = make(sandbox=True)
    interp.load(str(victim))                  # the host's call, not the program's
    assert interp.eval("secret") == 42


def test_cli_sandbox():
    r = run_cli("--sandbox", "-e", '(open-output-file "/tmp/never")')
    assert r.returncode == 1
    assert "sandbox-error: sandbox: open-output-file is not allowed" in r.stderr
    assert "Traceback" not in r.stderr


def test_cli_sandbox_keeps_the_console(tmp_path):
    prog = tmp_path / "echo.scm"
    prog.write_text("(display (string-append (read-line) \"!\")) (newline)\n"
                    "(display (guard (e (#t (error-object-kind e))) (get-environment-variable \"PATH\")))\n")
    r = run_cli("--sandbox", str(prog), stdin="hello\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "hello!\nsandbox-error"

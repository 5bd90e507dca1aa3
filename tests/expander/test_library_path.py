"""Built-in library names, the library search path (-I DIR, ELLE_PATH, the
program's directory) and the message for a library found nowhere."""

import os

import pytest

from elle import config
from elle.api import Interpreter
from elle.errors import ElleError
from support import run_cli


def write_library(root, key, body, exports):
    path = root.joinpath(*key[:-1])
    path.mkdir(parents=True, exist_ok=True)
    (path / f"{key[-1]}.sld").write_text(
        f"(define-library ({' '.join(key)}) (export {exports}) (import (scheme base))"
        f" (begin {body}))\n")


def import_error(interp, src):
    with pytest.raises(ElleError) as info:
        interp.eval(src)
    return str(info.value)


def test_builtin_libraries_import_and_unknown_ones_do_not():
    interp = Interpreter(jit=False)
    assert interp.eval("(import (scheme base) (scheme write) (srfi 1) (srfi 28) (srfi 27) (elle core)) 1") == 1
    msg = import_error(interp, "(import (srfi 9999))")
    assert "library (srfi 9999) not found" in msg
    assert "(srfi X) for X in 1, 6, 9" in msg and "132" in msg
    assert "srfi/9999.sld" in msg and "-I DIR or ELLE_PATH" in msg
    assert "(scheme X) for X in base" in import_error(interp, "(import (scheme bogus))")
    assert "it is not built in," in import_error(interp, "(import (foo bar))")
    assert "not found" in import_error(interp, "(import (elle nonsense))")


def test_cond_expand_library_sees_only_real_libraries():
    interp = Interpreter(jit=False)
    assert interp.eval("(cond-expand ((library (srfi 9999)) 'yes) (else 'no))").name == "no"
    assert interp.eval("(cond-expand ((library (srfi 28)) 'yes) (else 'no))").name == "yes"


def test_message_lists_every_directory_searched(tmp_path):
    cfg = config.from_environ()
    cfg.library_path = [str(tmp_path / "one"), str(tmp_path / "two")]
    interp = Interpreter(jit=False, config=cfg)
    msg = import_error(interp, "(import (foo bar))")
    assert str(tmp_path / "one") in msg and str(tmp_path / "two") in msg
    assert os.getcwd() in msg


def test_library_path_from_config(tmp_path):
    write_library(tmp_path, ("tools", "twice"), "(define (twice x) (* 2 x))", "twice")
    cfg = config.from_environ()
    cfg.library_path = [str(tmp_path)]
    interp = Interpreter(jit=False, config=cfg)
    assert interp.eval("(import (tools twice)) (twice 21)") == 42


def test_elle_path_is_parsed():
    env = {"ELLE_PATH": f"/a{os.pathsep}{os.pathsep}rel"}
    assert config.from_environ(env).library_path == ["/a", os.path.abspath("rel")]
    assert config.from_environ({}).library_path == []


def test_cli_include_option_and_elle_path(tmp_path):
    libs_a, libs_b, prog_dir = tmp_path / "a", tmp_path / "b", tmp_path / "prog"
    prog_dir.mkdir()
    write_library(libs_b, ("low", "ident"), "(define (ident x) x)", "ident")
    # a library in an -I directory importing one found through ELLE_PATH
    (libs_a / "high").mkdir(parents=True)
    (libs_a / "high" / "triple.sld").write_text(
        "(define-library (high triple) (export triple) (import (scheme base) (low ident))"
        " (begin (define (triple x) (* 3 (ident x)))))\n")
    prog = prog_dir / "main.scm"
    prog.write_text("(import (scheme base) (scheme write) (high triple))\n(display (triple 14))\n")
    r = run_cli("-I", str(libs_a), str(prog), env_extra={"ELLE_PATH": str(libs_b)})
    assert (r.returncode, r.stdout) == (0, "42"), r.stderr
    r = run_cli(f"-I{libs_a}", "-I", str(libs_b), str(prog))
    assert (r.returncode, r.stdout) == (0, "42"), r.stderr
    r = run_cli(str(prog))
    assert r.returncode == 1
    assert "library (high triple) not found" in r.stderr and str(prog_dir) in r.stderr
    assert "Traceback" not in r.stderr


def test_program_directory_is_searched_by_libraries_elsewhere(tmp_path):
    # (far lib) lives in an -I directory and imports (near lib), which sits
    # beside the program
    far, prog_dir = tmp_path / "far", tmp_path / "prog"
    (far / "far").mkdir(parents=True)
    (far / "far" / "lib.sld").write_text(
        "(define-library (far lib) (export f) (import (scheme base) (near lib))"
        " (begin (define (f) (g))))\n")
    write_library(prog_dir, ("near", "lib"), "(define (g) 'near)", "g")
    prog = prog_dir / "main.scm"
    prog.write_text("(import (scheme base) (scheme write) (far lib))\n(write (f))\n")
    r = run_cli("-I", str(far), str(prog))
    assert (r.returncode, r.stdout) == (0, "near"), r.stderr


def test_include_option_needs_a_directory():
    r = run_cli("-I")
    assert r.returncode == 2 and "-I needs a directory" in r.stderr

"""The systems the benchmark suite runs programs under.

**Owns:** for each system (Elle bytecode, Elle `--jit`, CPython, PyPy,
Guile, Chez Scheme, Racket, LuaJIT, C with `gcc -O2`): whether it is
installed, its version string, the preparation a program needs before it
can be timed (compiling C, wrapping a Scheme program in a per-system
prelude, filling Guile's and Racket's compiled-code caches) and the command
line that runs a program at a size. **Does not touch:** timing, result
checking (`measure.py`), the run loop (`run.py`).

Portable Scheme programs start with one R7RS `(import ...)` line. Elle and
Guile (`guile --r7rs`) run them as they are; for Chez (no R7RS libraries)
and Racket (the `r7rs` language is not packaged) the import line is
replaced by a small prelude from `peers/` and the result is written to
`build/<system>/`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from catalog import C, LUA, PYTHON, SCHEME

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
PEERS_DIR = BENCH_DIR / "peers"


class PrepareError(Exception):
    """A program could not be made ready for a system (compile error, ...)."""


def _first_line(argv, timeout=30) -> str:
    """The first non-empty line a version command prints (stdout or stderr)."""
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.SubprocessError):
        return "?"
    for line in (p.stdout + "\n" + p.stderr).splitlines():
        if line.strip():
            return line.strip()
    return "?"


def _strip_import(text: str) -> str:
    """The program without its R7RS import line(s)."""
    return "".join(line for line in text.splitlines(keepends=True)
                   if not line.startswith("(import "))


class System:
    """One way of running programs. Subclasses fill in the details."""

    name = "?"
    language = SCHEME
    executable = None          # looked up on PATH by `available`

    def __init__(self, build_dir: Path):
        self.build_dir = build_dir / self.name

    def available(self):
        """(True, "") or (False, why not)."""
        if self.executable and shutil.which(self.executable) is None:
            return False, f"`{self.executable}` not found on PATH"
        return True, ""

    def version(self) -> str:
        return "?"

    def env(self) -> dict | None:
        """The environment for runs (None: inherit)."""
        return None

    def prepare(self, program) -> None:
        """Make `program` ready to run; raises PrepareError."""

    def command(self, program, size: int) -> list:
        raise NotImplementedError

    def wants_stats(self) -> bool:
        """True when the runs print JIT statistics to stderr worth parsing."""
        return False

    def stats_env(self) -> dict | None:
        """The environment of a run whose statistics are wanted."""
        return self.env()


class Elle(System):
    name = "elle"
    language = SCHEME
    extra_flags: tuple = ()

    def __init__(self, build_dir, python=None):
        super().__init__(build_dir)
        self.python = python or sys.executable

    def env(self):
        env = dict(os.environ)
        src = str(REPO_DIR / "src")
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "") if env.get("PYTHONPATH") else src
        # Every run compiles (no machine code from an earlier run's on-disk
        # cache): the suite reports cold JIT times; targets.py reports warm too.
        env["ELLE_JIT_CACHE"] = "off"
        # Elle's modules run from their compiled bytecode, as after a pip
        # install (which writes it): with PYTHONDONTWRITEBYTECODE set, an
        # editable checkout recompiled the JIT's lazily imported modules
        # from source inside every timed kernel (~90 ms).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return env

    def available(self):
        try:
            subprocess.run([self.python, "-m", "compileall", "-q", str(REPO_DIR / "src" / "elle")],
                           env=self.env(), capture_output=True, timeout=300)
            p = subprocess.run([self.python, "-m", "elle", "-e", "(+ 1 2)"], env=self.env(),
                               capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.SubprocessError) as e:
            return False, f"cannot run {self.python} -m elle: {e}"
        if p.returncode != 0 or p.stdout.strip() != "3":
            last = (p.stderr.strip().splitlines() or ["no output"])[-1]
            return False, f"`{self.python} -m elle` does not run yet ({last})"
        return True, ""

    def version(self):
        try:
            p = subprocess.run([self.python, "-m", "elle", "--version"], env=self.env(),
                               capture_output=True, text=True, timeout=60)
            v = (p.stdout + p.stderr).strip().splitlines()
        except (OSError, subprocess.SubprocessError):
            v = []
        py = _first_line([self.python, "--version"])
        return (v[0] if v else "elle ?") + f" on {py}"

    def command(self, program, size):
        return [self.python, "-m", "elle", *self.extra_flags, str(program.path(SCHEME)), str(size)]


class ElleVM(Elle):
    """`--no-jit`: the bytecode VM alone (what `elle` was before tiering)."""
    name = "elle-vm"
    extra_flags = ("--no-jit",)


class ElleJit(Elle):
    """`--tiers=2 --stats`: the VM and native code, no tier 1 (what `--jit`
    was before tiering). Timed runs keep native call counting off (what a
    user runs: counting costs call-heavy code ~30%); `stats_env` is the
    environment of one more, untimed run that counts calls."""
    name = "elle-jit"
    extra_flags = ("--tiers=2", "--stats")

    def wants_stats(self):
        return True

    def env(self):
        env = super().env()
        env["ELLE_JIT_COUNT_CALLS"] = "0"
        return env

    def stats_env(self):
        env = super().env()
        env["ELLE_JIT_COUNT_CALLS"] = "1"
        return env


class CPython(System):
    name = "cpython"
    language = PYTHON

    def __init__(self, build_dir, python=None):
        super().__init__(build_dir)
        self.python = python or sys.executable

    def version(self):
        return _first_line([self.python, "--version"])

    def command(self, program, size):
        return [self.python, str(program.path(PYTHON)), str(size)]


class PyPy(System):
    name = "pypy3"
    language = PYTHON
    executable = "pypy3"

    def version(self):
        out = subprocess.run(["pypy3", "--version"], capture_output=True, text=True).stdout
        return " ".join(line.strip() for line in out.splitlines() if line.strip())

    def command(self, program, size):
        return ["pypy3", str(program.path(PYTHON)), str(size)]


class Guile(System):
    name = "guile"
    language = SCHEME
    executable = "guile"

    def version(self):
        return _first_line(["guile", "--version"])

    def prepare(self, program):
        # Guile compiles a script on its first run and caches the result;
        # one untimed run at the tiny size keeps compilation out of the timings.
        p = subprocess.run(["guile", "--r7rs", str(program.path(SCHEME)), str(program.size("tiny"))],
                           capture_output=True, text=True, timeout=120)
        if p.returncode != 0:
            raise PrepareError(p.stderr.strip()[-500:])

    def command(self, program, size):
        return ["guile", "--r7rs", str(program.path(SCHEME)), str(size)]


class _Wrapped(System):
    """A Scheme whose programs get a prelude instead of the import line."""

    prelude = ""
    suffix = ""

    def wrapped_path(self, program) -> Path:
        return self.build_dir / (program.name + self.suffix)

    def prepare(self, program):
        self.build_dir.mkdir(parents=True, exist_ok=True)
        prelude = (PEERS_DIR / self.prelude).read_text()
        body = _strip_import(program.path(SCHEME).read_text())
        self.wrapped_path(program).write_text(prelude + "\n" + body)


class Chez(_Wrapped):
    name = "chez"
    executable = "scheme"
    prelude = "chez-prelude.ss"
    suffix = ".ss"

    def version(self):
        return "Chez Scheme " + _first_line(["scheme", "--version"])

    def command(self, program, size):
        return ["scheme", "--script", str(self.wrapped_path(program)), str(size)]


class Racket(_Wrapped):
    name = "racket"
    executable = "racket"
    prelude = "racket-prelude.rkt"
    suffix = ".rkt"

    def version(self):
        return _first_line(["racket", "--version"])

    def prepare(self, program):
        super().prepare(program)
        # Compile the module ahead (compiled/*.zo) so a run does not recompile it.
        if shutil.which("raco"):
            p = subprocess.run(["raco", "make", str(self.wrapped_path(program))],
                               capture_output=True, text=True, timeout=300)
            if p.returncode != 0:
                raise PrepareError(p.stderr.strip()[-500:])

    def command(self, program, size):
        return ["racket", str(self.wrapped_path(program)), str(size)]


class LuaJIT(System):
    name = "luajit"
    language = LUA
    executable = "luajit"

    def version(self):
        return _first_line(["luajit", "-v"]).split(" -- ")[0]

    def command(self, program, size):
        return ["luajit", str(program.path(LUA)), str(size)]


class Gcc(System):
    name = "gcc-O2"
    language = C
    executable = "gcc"

    def version(self):
        return _first_line(["gcc", "--version"])

    def binary(self, program) -> Path:
        return self.build_dir / program.name

    def prepare(self, program):
        self.build_dir.mkdir(parents=True, exist_ok=True)
        p = subprocess.run(["gcc", "-O2", "-o", str(self.binary(program)),
                            str(program.path(C)), "-lm"],
                           capture_output=True, text=True, timeout=300)
        if p.returncode != 0:
            raise PrepareError(p.stderr.strip()[-500:])

    def command(self, program, size):
        return [str(self.binary(program)), str(size)]


ALL = (Elle, ElleVM, ElleJit, CPython, PyPy, Guile, Chez, Racket, LuaJIT, Gcc)
NAMES = tuple(cls.name for cls in ALL)


def make_systems(names, build_dir: Path, elle_python=None, cpython=None) -> list:
    """System objects for `names` (all when empty), in the canonical order."""
    unknown = [n for n in names or () if n not in NAMES]
    if unknown:
        raise ValueError("unknown system(s): " + ", ".join(unknown) + " (known: " + ", ".join(NAMES) + ")")
    out = []
    for cls in ALL:
        if names and cls.name not in names:
            continue
        if issubclass(cls, Elle):
            out.append(cls(build_dir, python=elle_python))
        elif cls is CPython:
            out.append(cls(build_dir, python=cpython))
        else:
            out.append(cls(build_dir))
    return out

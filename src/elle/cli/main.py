"""The `elle` command.

**Owns:** command-line parsing, choosing what to run (a file, `-e EXPR`,
standard input, or the REPL), `--dump` output, `--stats` at exit, exit
statuses (2 with a usage message for a bad option or ELLE_* value; 1 with
one formatted message for an uncaught Elle error, including a program file
that cannot be read; 70 only for an internal bug), and never letting a
Python traceback reach the user. **Does not touch:**
evaluation itself (`elle.api`), the REPL loop (`elle.cli.repl`).

    elle [OPTIONS] [FILE [ARGS...]]
    elle [OPTIONS] -e EXPR

Options end at the first argument that does not start with `-`: that is the
program file, and everything after it goes to `(command-line)`.
"""

from __future__ import annotations

import os
import sys

# elle.config is imported where it is used, not here: this module is
# imported before main() guards Ctrl-C (see `main`).

USAGE = """\
usage: elle [OPTIONS] [FILE [ARGS...]]
       elle [OPTIONS] -e EXPR

Run an Elle (Scheme) program, evaluate an expression, or start a REPL.
With no FILE: runs the program on standard input, or starts the REPL when
standard input is a terminal.

options:
  -e, --eval EXPR      evaluate EXPR, print its value with `write`
  --jit[=N]            tier 2 compiles a hot numeric function to native code
                       after N calls (default 10; tier 2 is on by default)
  --no-jit             bytecode VM only (no tier 1, no tier 2)
  --tiers LIST         tiers above the VM: 1, 2, 1,2 or vm (default: 1,2;
                       1: hot procedures become Python functions, 2: hot
                       numeric ones native code through LLVM)
  --stats              print tier statistics to stderr at exit
  --dump KINDS         print compiler output while running; KINDS is a comma
                       list of: expanded, bytecode, py, ir, asm
  --max-depth N        maximum call depth before a recursion-depth error
  -I DIR               search DIR for library files (DIR/foo/bar.sld for
                       `(import (foo bar))`); repeatable, before ELLE_PATH
  --sandbox            deny the program files, environment variables, load,
                       include and library files (elle.sandbox)
  --time-limit S       stop the program after S seconds (a time-limit error)
  --memory-limit MB    stop the program when the process has grown by MB
                       megabytes (a memory-limit error; elle.limits)
  --version            print the version and exit
  -h, --help           print this help and exit

environment: ELLE_TIERS, ELLE_TIER1_THRESHOLD, ELLE_JIT, ELLE_JIT_THRESHOLD, ELLE_JIT_LOG, ELLE_JIT_CACHE (where compiled
machine code is kept for later runs; "off" disables it), ELLE_MAX_DEPTH,
ELLE_STATS, ELLE_PATH (see elle.config)
"""

DUMP_KINDS = ("expanded", "bytecode", "py", "ir", "asm")


class UsageError(Exception):
    pass


class Options:
    def __init__(self):
        self.expr = None
        self.file = None
        self.args = []
        self.jit = None
        self.tiers = None
        self.stats = False
        self.dumps = []
        self.max_depth = None
        self.sandbox = False
        self.limits = {}            # "time_limit" / "memory_limit" -> number
        self.version = False
        self.help = False
        self.include_dirs = []


def check_switch(parse, value: str, flag: str) -> None:
    """Reject a malformed option value while parsing (UsageError), by
    applying it to a scratch configuration."""
    from .. import config as config_mod
    try:
        parse(value, config_mod.Config())
    except config_mod.ConfigError as e:
        raise UsageError(f"{flag}: {e}") from None


def parse_args(argv: list[str]) -> Options:
    from .. import config as config_mod
    opts = Options()
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            i += 1
            break
        if not a.startswith("-") or a == "-":
            break
        name, eq, val = a.partition("=")
        if a in ("-h", "--help"):
            opts.help = True
        elif a == "--version":
            opts.version = True
        elif name in ("-e", "--eval"):
            if not eq:
                i += 1
                if i >= len(argv):
                    raise UsageError(f"{a} needs an expression")
                val = argv[i]
            opts.expr = val
        elif name == "--jit":
            opts.jit = val if eq else "on"
            check_switch(config_mod.parse_jit, opts.jit, "--jit")
        elif a == "--no-jit":
            opts.jit = "off"
        elif name == "--tiers":
            if not eq:
                i += 1
                val = argv[i] if i < len(argv) else ""
            check_switch(config_mod.parse_tiers, val, "--tiers")
            opts.tiers = val
        elif a == "--stats":
            opts.stats = True
        elif name == "--dump":
            if not eq:
                i += 1
                if i >= len(argv):
                    raise UsageError("--dump needs a kind: " + ", ".join(DUMP_KINDS))
                val = argv[i]
            for kind in val.split(","):
                if kind not in DUMP_KINDS:
                    raise UsageError(f"unknown dump kind {kind!r} (expected one of {', '.join(DUMP_KINDS)})")
                opts.dumps.append(kind)
        elif name == "--max-depth":
            if not eq:
                i += 1
                val = argv[i] if i < len(argv) else ""
            try:
                opts.max_depth = config_mod.parse_int("--max-depth", val)
            except config_mod.ConfigError as e:
                raise UsageError(str(e)) from None
        elif a.startswith("-I"):
            val = a[2:]
            if not val:
                i += 1
                if i >= len(argv):
                    raise UsageError("-I needs a directory")
                val = argv[i]
            opts.include_dirs.append(os.path.abspath(val))
        elif a == "--sandbox":
            opts.sandbox = True
        elif name in ("--time-limit", "--memory-limit"):
            if not eq:
                i += 1
                val = argv[i] if i < len(argv) else ""
            try:
                opts.limits[name[2:].replace("-", "_")] = config_mod.parse_limit(name, val)
            except config_mod.ConfigError as e:
                raise UsageError(str(e)) from None
        else:
            raise UsageError(f"unknown option {a}")
        i += 1
    rest = argv[i:]
    if rest and opts.expr is None:
        opts.file = rest[0]
        opts.args = rest[1:]
    else:
        opts.args = rest
    return opts


def make_config(opts: Options) -> config_mod.Config:
    """The environment's configuration overridden by the options (whose
    values parse_args has checked); UsageError for a bad ELLE_* value."""
    from .. import config as config_mod
    try:
        cfg = config_mod.from_environ()
    except config_mod.ConfigError as e:
        raise UsageError(str(e)) from None
    if opts.jit is not None:
        config_mod.parse_jit(opts.jit, cfg)
    if opts.tiers is not None:
        config_mod.parse_tiers(opts.tiers, cfg)
    if opts.stats:
        cfg.stats = True
    if opts.max_depth is not None:
        cfg.max_depth = max(config_mod.MIN_MAX_DEPTH, opts.max_depth)
    cfg.library_path = opts.include_dirs + cfg.library_path
    if opts.file is not None and opts.file != "-":
        cfg.library_path.append(os.path.dirname(os.path.abspath(opts.file)))
    cfg.sandbox = cfg.sandbox or opts.sandbox
    for field, value in opts.limits.items():
        setattr(cfg, field, value)
    return cfg


# The cyclic collector's first-generation threshold for the `elle` process
# (CPython's default is 700 allocations). Lisp programs allocate pairs by
# the million, each one a tracked object, so at 700 the collector runs every
# few hundred conses and re-walks every young list: msort spent ~15% of its
# time there; 10,000 brought that to ~2%. Only the CLI sets it: it owns its
# process, an embedding host owns its own.
GC_THRESHOLD = 10_000


def make_interpreter(opts: Options, cfg: config_mod.Config, program: str):
    import gc
    from ..api import Interpreter
    interp = Interpreter(config=cfg, argv=[program, *opts.args], dumps=opts.dumps)
    gc.freeze()             # the prelude's objects live as long as the process
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    return interp


def read_stdin() -> str:
    """The program on standard input; a file-error if it is not UTF-8."""
    from ..errors import raise_error
    from ..sourcefile import describe_read_failure
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    if isinstance(data, str):
        return data
    try:
        text = data.decode("utf-8-sig")        # a leading byte order mark is dropped
    except UnicodeDecodeError as e:
        raise_error("file-error", f"cannot read standard input: {describe_read_failure(e)}")
    return text.replace("\r\n", "\n").replace("\r", "\n")   # as text-mode reading does


def report_error(err) -> None:
    from ..errors import format_error
    sys.stdout.flush()
    print(format_error(err), file=sys.stderr)


INTERRUPTED = 130   # the exit status after Ctrl-C (128 + SIGINT)
_interrupt_reported = []    # non-empty once report_interrupt has run


def report_interrupt() -> int:
    """Ctrl-C stopped the program: one line on stderr (once), status 130."""
    if not _interrupt_reported:
        _interrupt_reported.append(True)
        try:
            print("\ninterrupted", file=sys.stderr, flush=True)
        except (OSError, ValueError):
            pass
    return INTERRUPTED


def run(argv: list[str]) -> int:
    from ..errors import ElleError, ElleExit
    try:
        opts = parse_args(argv)
        cfg = make_config(opts)
    except UsageError as e:
        print(f"elle: {e}\n\n{USAGE}", file=sys.stderr, end="")
        return 2
    if opts.help:
        print(USAGE, end="")
        return 0
    if opts.version:
        from .. import __version__
        print(f"elle {__version__}")
        return 0
    if opts.file is not None and not os.path.exists(opts.file):
        print(f"elle: cannot open {opts.file}: no such file", file=sys.stderr)
        return 2
    interp = None
    status = 0
    try:
        try:
            interp = make_interpreter(opts, cfg, opts.file or "elle")
            if opts.expr is not None:
                from ..printer import write_string
                from ..values import unspecified
                value = interp.eval_text(opts.expr, "<expr>")
                interp.flush()
                if value is not unspecified:
                    print(write_string(value))
            elif opts.file is not None:
                interp.load(opts.file)
            elif sys.stdin.isatty():
                from .repl import run_repl
                run_repl(interp)
            else:
                interp.eval_text(read_stdin(), "<stdin>")
        except ElleError as err:
            if interp is not None:
                interp.flush()
            report_error(err)
            status = 1
        except ElleExit as ex:
            if interp is not None and not ex.emergency:
                interp.flush()
            return ex.code
        except KeyboardInterrupt:
            if interp is not None:
                interp.flush()
            return report_interrupt()
        if interp is not None:
            interp.flush()
            if interp.tier1 is not None and interp.config.stats:
                print(interp.tier1.stats.report(), file=sys.stderr, flush=True)
            if interp.jit is not None:
                interp.jit.finish(dumps=opts.dumps, stats=interp.config.stats)
        return status
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return status
    except RecursionError:
        print("elle: internal error: Python recursion limit reached (please report this)", file=sys.stderr)
        return 70
    except Exception as e:  # last line of defence: an internal bug, not a user error
        import traceback
        print(f"elle: internal error: {type(e).__name__}: {e}", file=sys.stderr)
        if os.environ.get("ELLE_DEBUG"):
            traceback.print_exc()
        else:
            print("(set ELLE_DEBUG=1 for the Python traceback; please report this)", file=sys.stderr)
        return 70


# Programs run on a worker thread with a large C stack and a high Python
# recursion limit, so the recursive stages (expander, compiler, analysis) take
# deeply nested source and quoted data; the Elle call stack itself never uses
# Python recursion. The REPL stays on the main thread (prompt_toolkit needs it).
WORKER_STACK = 512 * 1024 * 1024
WORKER_RECURSION_LIMIT = 60_000
RESEND_INTERVAL = 0.3   # seconds before a Ctrl-C the worker has not reported is sent again


def run_on_big_stack(argv: list[str]) -> int:
    import ctypes
    import threading
    from ..limits import cancel_own_async_exception
    status = [70]
    done = threading.Event()
    # `finished` (under `lock`) says the worker will take no more Ctrl-C:
    # the main thread delivers one only before it is set, and the worker
    # clears one still pending when it sets it, so a KeyboardInterrupt can
    # never escape the thread (a "Exception in thread" traceback) however
    # late the Ctrl-C comes.
    #
    # CPython drops an exception raised inside a `__del__` or a weakref
    # callback (printing "Exception ignored in ..." with a traceback): a
    # Ctrl-C delivered there would be lost. So the hook below keeps quiet
    # about a KeyboardInterrupt, and the main thread delivers it again every
    # RESEND_INTERVAL until the worker has reported it or finished (as
    # elle.limits does for its limits).
    lock = threading.Lock()
    finished = [False]
    previous_hook = sys.unraisablehook

    def unraisable(u):
        if not (isinstance(u.exc_value, KeyboardInterrupt)
                or (isinstance(u.exc_type, type) and issubclass(u.exc_type, KeyboardInterrupt))):
            previous_hook(u)
    sys.unraisablehook = unraisable

    def deliver():
        with lock:
            if finished[0] or _interrupt_reported:
                return
            jit_interrupt = sys.modules.get("elle.jit.interrupt")
            if jit_interrupt is not None:
                jit_interrupt.raise_flag()      # native code: bail out to the VM
            ctypes.pythonapi.PyThreadState_SetAsyncExc(
                ctypes.c_ulong(worker.ident), ctypes.py_object(KeyboardInterrupt))

    def work():
        code = 70
        try:
            code = run(argv)
        except KeyboardInterrupt:   # arrived outside run's own handler
            code = report_interrupt()
        finally:
            while True:
                try:
                    with lock:
                        finished[0] = True
                        cancel_own_async_exception()    # a Ctrl-C sent too late
                    break
                except KeyboardInterrupt:   # (sent before `finished` was set)
                    code = report_interrupt()
            status[0] = code
            done.set()

    old_limit = sys.getrecursionlimit()
    try:
        threading.stack_size(WORKER_STACK)
        sys.setrecursionlimit(WORKER_RECURSION_LIMIT)
        worker = threading.Thread(target=work, name="elle", daemon=True)
        worker.start()
    except (RuntimeError, ValueError, MemoryError):
        sys.setrecursionlimit(old_limit)
        return run(argv)
    finally:
        threading.stack_size(0)
    # Wait on an Event, not Thread.join: a join interrupted by Ctrl-C can
    # leave the thread reporting itself dead while it still runs.
    interrupted = False
    while not done.is_set():
        try:
            if not done.wait(RESEND_INTERVAL if interrupted else 0.2) and interrupted:
                deliver()       # the last one was dropped (see above)
        except KeyboardInterrupt:
            # Deliver Ctrl-C to the worker, where the CLI reports it.
            interrupted = True
            deliver()
    sys.unraisablehook = previous_hook
    return status[0]


def wants_repl(argv: list[str]) -> bool:
    try:
        opts = parse_args(argv)
    except UsageError:
        return False
    return (opts.expr is None and opts.file is None and not opts.help
            and not opts.version and sys.stdin.isatty())


def main() -> None:
    import signal
    try:
        # from here on Ctrl-C is KeyboardInterrupt, reported below or by
        # the worker (until now: elle.cli.start)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    except ValueError:          # not the main thread: an embedding host's
        pass
    argv = sys.argv[1:]
    try:
        status = run(argv) if wants_repl(argv) else run_on_big_stack(argv)
    except KeyboardInterrupt:
        # Ctrl-C on the main thread outside the worker's wait (starting
        # the worker, or just after it finished)
        status = report_interrupt()
    sys.exit(status)


if __name__ == "__main__":
    main()

"""The REPL's comma commands (`,help`, `,time EXPR`, `,doc NAME`, ...).

**Owns:** the command table (`COMMANDS`: name -> handler and one line of
help), `run` (parse and dispatch one command line), the names a user can
refer to (`bound_names`, also what Tab completes), and how a binding is
described (`describe`, for `,doc`). **Does not touch:** the loop and
printing of values (`elle.cli.repl`), tracing wrappers
(`elle.cli.tracing`).

A handler is `handler(repl, arg)` where `arg` is the rest of the line,
stripped; output goes to `repl.out`, complaints to `repl.err`.
"""

from __future__ import annotations

import inspect
import os
import shutil
import time

# -- names -------------------------------------------------------------------------


def bound_names(interp) -> list[str]:
    """Every name bound at toplevel (variables, special forms, macros),
    sorted; the REPL's `$N` result variables are left out."""
    from ..datum import Symbol
    from ..expander.syntax import BUILTINS
    names = {str(s) for s, c in interp.globals.cells.items() if _is_bound(c)}
    names.update(str(s) for s in BUILTINS)
    names.update(str(s) for s in interp.expander.toplevel.table if isinstance(s, Symbol))
    return sorted(n for n in names if not (n.startswith("$") and n[1:].isdigit()))


def _is_bound(cell) -> bool:
    from ..environment import UNBOUND
    return cell.value is not UNBOUND


def arity_text(lo: int, hi) -> str:
    """"takes 2 arguments", "takes 1 to 3 arguments", "takes at least 1 argument"..."""
    def n(k):
        return f"{k} argument" + ("" if k == 1 else "s")
    if hi is None:
        return "takes any number of arguments" if lo == 0 else f"takes at least {n(lo)}"
    if lo == hi:
        return f"takes {n(lo)}"
    if hi == lo + 1:
        return f"takes {lo} or {n(hi)}"
    return f"takes {lo} to {n(hi)}"


def _primitive_signature(name: str, prim) -> str:
    """`(name a b [c] rest ...)` from the Python function's parameters,
    or `(name ...)` when they do not match the declared arity."""
    try:
        params = list(inspect.signature(prim.fn).parameters.values())
    except (TypeError, ValueError):
        params = []
    parts = []
    fixed = 0
    for p in params:
        if p.kind is p.VAR_POSITIONAL:
            parts.append(f"{p.name.rstrip('_')} ...")
        elif p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            fixed += 1
            pname = p.name.rstrip("_")
            parts.append(pname if p.default is p.empty else f"[{pname}]")
    variadic = any(p.kind is p.VAR_POSITIONAL for p in params)
    if prim.control is not None or fixed != (prim.max_args if prim.max_args is not None
                                             else fixed) or variadic != (prim.max_args is None):
        return f"({name} ...)"
    return "(" + " ".join([name, *parts]) + ")"


def _closure_signature(name: str, code) -> str:
    lam = code.lam
    if lam is None:
        return f"({name} ...)"
    params = [str(v.name) for v in lam.params]
    sig = "(" + " ".join([name, *params])
    if lam.rest is not None:
        sig += f" . {lam.rest.name}"
    return sig + ")"


def _closure_docstring(code) -> str | None:
    """The string that opens a procedure's body, when more forms follow it."""
    from ..core import Const, Seq
    from ..datum import MString
    lam = code.lam
    body = getattr(lam, "body", None)
    if isinstance(body, Seq) and len(body.body) > 1:
        first = body.body[0]
        if isinstance(first, Const) and isinstance(first.value, MString):
            return first.value.s
    return None


def describe(interp, name: str, tracer=None) -> str | None:
    """The `,doc` text for `name`, or None if it is not bound. `tracer`
    (an `elle.cli.tracing.Tracer`) sees through tracing wrappers."""
    from ..datum import Symbol
    from ..environment import UNBOUND
    from ..expander.syntax import BUILTINS, Special
    from ..printer import write_string
    from ..values import Closure, Parameter, Primitive, Procedure
    sym = Symbol(name)
    value = interp.globals.lookup(sym)
    if value is UNBOUND:
        binding = interp.expander.toplevel.table.get(sym) or BUILTINS.get(sym)
        if binding is None or isinstance(binding, Symbol):
            return None
        if isinstance(binding, Special):
            return f"{name}: special form"
        return f"{name}: macro"
    original = tracer.original_of(value) if tracer is not None else None
    note = " (traced)" if original is not None else ""
    if original is not None:
        value = original
    if isinstance(value, Primitive):
        lines = [f"{_primitive_signature(name, value)}",
                 f"  primitive procedure{note}, {arity_text(value.min_args, value.max_args)}"]
        doc = inspect.getdoc(value.fn) if value.fn is not None else None
        if doc:
            lines.append("")
            lines.extend("  " + line for line in doc.splitlines())
        return "\n".join(lines)
    if isinstance(value, Closure):
        code = value.code
        hi = None if code.rest else code.nparams
        lines = [_closure_signature(name, code),
                 f"  procedure{note}, {arity_text(code.nparams, hi)}"]
        if code.loc is not None:
            lines[-1] += f", defined at {code.loc}"
        doc = _closure_docstring(code)
        if doc:
            lines.append("")
            lines.extend("  " + line for line in inspect.cleandoc(doc).splitlines())
        return "\n".join(lines)
    if isinstance(value, Parameter):
        return f"{name}: parameter object, current value {write_string(value.value)}"
    if isinstance(value, Procedure):
        return f"{name}: procedure {write_string(value)}"
    text = write_string(value)
    if len(text) > 70:
        text = text[:67] + "..."
    return f"{name}: variable, value {text}"


# -- the commands --------------------------------------------------------------------


def cmd_help(repl, arg):
    if arg:                         # ,help NAME is ,doc NAME
        return cmd_doc(repl, arg)
    width = max(len(usage) for usage, _ in _HELP_ROWS)
    print("Enter Scheme expressions; each value is printed as $N = value ($N and _",
          file=repl.out)
    print("name earlier results). Enter on an unfinished form continues it.", file=repl.out)
    for usage, text in _HELP_ROWS:
        print(f"  {usage.ljust(width)}  {text}", file=repl.out)
    print("Tab completes names (and file names inside strings); Up recalls earlier entries.",
          file=repl.out)
    print("Ctrl-C interrupts a running computation or clears the line; Ctrl-D exits.",
          file=repl.out)


def cmd_time(repl, arg):
    if not arg:
        return _usage(repl, "time EXPR")
    real0, cpu0 = time.perf_counter(), time.process_time()
    if not repl.evaluate(arg):
        return
    real, cpu = time.perf_counter() - real0, time.process_time() - cpu0
    repl.fresh_line()
    print(f";; {_seconds(real)} real, {_seconds(cpu)} cpu", file=repl.out)


def _seconds(t: float) -> str:
    return f"{t * 1000:.3g} ms" if t < 1 else f"{t:.3f} s"


def cmd_bt(repl, arg):
    from ..errors import describe_payload, source_line
    err = repl.last_error
    if err is None:
        print("no error yet", file=repl.out)
        return
    kind, msg = describe_payload(err.payload)
    print(f"{'error' if kind == 'error' else kind}: {msg}", file=repl.out)
    if err.loc is not None:
        print(f"  at {err.loc}", file=repl.out)
    if not err.backtrace:
        print("no procedure frames (the error was raised at toplevel)", file=repl.out)
        return
    print("backtrace (most recent call first):", file=repl.out)
    frames = err.backtrace if arg == "all" else err.backtrace[:BT_FRAMES]
    width = max(len(str(name)) for name, _ in frames)
    for i, (name, loc) in enumerate(frames):
        line = f"  {i:>3}  {str(name).ljust(width)}"
        if loc is not None:
            line += f"  {loc}"
            text = source_line(loc)
            if text is not None:
                text = text[max(loc.col - 1, 0):].strip()     # from the frame's form on
                line += "  " + (text if len(text) <= 50 else text[:47] + "...")
        print(line, file=repl.out)
    if len(frames) < len(err.backtrace):
        print(f"  ... {len(err.backtrace) - len(frames)} more frames (,bt all shows them)",
              file=repl.out)


BT_FRAMES = 100


def cmd_doc(repl, arg):
    if not arg:
        return _usage(repl, "doc NAME")
    text = describe(repl.interp, arg, repl.tracer)
    if text is None:
        print(f"{arg} is not bound" + _did_you_mean(repl.interp, arg), file=repl.err)
    else:
        print(text, file=repl.out)


def _did_you_mean(interp, name: str) -> str:
    import difflib
    close = difflib.get_close_matches(name, bound_names(interp), n=3, cutoff=0.75)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def cmd_apropos(repl, arg):
    if not arg:
        return _usage(repl, "apropos TEXT")
    needle = arg.lower()
    found = [n for n in bound_names(repl.interp) if needle in n.lower()]
    if not found:
        print(f"nothing bound contains {arg!r}", file=repl.out)
        return
    print_columns(found, repl.out)


def print_columns(words: list[str], out) -> None:
    width = min(shutil.get_terminal_size((80, 24)).columns, 120)
    cell = max(len(w) for w in words) + 2
    per_line = max(1, width // cell)
    for i in range(0, len(words), per_line):
        print("".join(w.ljust(cell) for w in words[i:i + per_line]).rstrip(), file=out)


def cmd_expand(repl, arg):
    from ..core import to_sexpr
    from ..printer import write_string
    from ..reader import read_all
    if not arg:
        return _usage(repl, "expand EXPR")

    def work():
        for datum in read_all(arg, "<repl>"):
            node = repl.interp.expander.expand_toplevel(datum)
            print(write_string(to_sexpr(node)), file=repl.out)
    repl.guarded(work)


def cmd_disasm(repl, arg):
    """Disassemble the procedure `arg` evaluates to (a name or any expression)."""
    from ..disasm import disassemble
    from ..values import Closure, Primitive
    if not arg:
        return _usage(repl, "disasm NAME")
    got = []
    if not repl.guarded(lambda: got.append(repl.interp.eval_text(arg, "<repl>"))):
        return
    v = got[0]
    if repl.tracer is not None:
        v = repl.tracer.original_of(v) or v
    if isinstance(v, Closure):
        print(disassemble(v.code), file=repl.out)
    elif isinstance(v, Primitive):
        print(f"{arg} is a primitive (implemented in Python): nothing to disassemble",
              file=repl.err)
    else:
        print(f"{arg} is not a compiled procedure", file=repl.err)


def cmd_load(repl, arg):
    path = arg.strip()
    if len(path) >= 2 and path[0] == path[-1] == '"':
        path = path[1:-1]
    if not path:
        return _usage(repl, "load FILE")
    path = os.path.expanduser(path)
    if repl.load(path):
        repl.fresh_line()
        print(f";; loaded {path}", file=repl.out)


def cmd_trace(repl, arg):
    tracer = _tracer(repl)
    if not arg:
        names = tracer.traced_names()
        print("tracing " + " ".join(names) if names else "nothing traced (,trace NAME ...)",
              file=repl.out)
        return
    for name in arg.split():
        problem = tracer.trace(name)
        if problem:
            print(problem + (_did_you_mean(repl.interp, name) if "not bound" in problem else ""),
                  file=repl.err)
        else:
            print(f";; tracing {name}", file=repl.out)


def cmd_untrace(repl, arg):
    tracer = _tracer(repl)
    names = arg.split() or tracer.traced_names()
    if not names:
        print("nothing traced", file=repl.out)
    for name in names:
        problem = tracer.untrace(name)
        if problem:
            print(problem, file=repl.err)
        else:
            print(f";; untraced {name}", file=repl.out)


def _tracer(repl):
    if repl.tracer is None:
        from .tracing import Tracer
        repl.tracer = Tracer(repl.interp, lambda: repl.screen.at_line_start)
    return repl.tracer


def cmd_stats(repl, arg):
    interp = repl.interp
    shown = False
    if interp.tier1 is not None:
        print(interp.tier1.stats.report(), file=repl.out)
        shown = True
    if interp.jit is not None:
        print(interp.jit.stats.report(), file=repl.out)
        shown = True
    if not shown:
        print("no tier statistics: tier 1 and the JIT are both off", file=repl.out)


def cmd_quit(repl, arg):
    return "quit"


def _usage(repl, usage):
    print(f"usage: ,{usage}", file=repl.err)


# name -> (handler, usage, help); aliases share a handler
COMMANDS = {
    "help": (cmd_help, "help [NAME]", "this text (or ,doc NAME)"),
    "time": (cmd_time, "time EXPR", "evaluate EXPR and show how long it took"),
    "bt": (cmd_bt, "bt [all]", "backtrace of the last error"),
    "doc": (cmd_doc, "doc NAME", "what NAME is: arity, parameters, docstring"),
    "apropos": (cmd_apropos, "apropos TEXT", "bound names containing TEXT"),
    "expand": (cmd_expand, "expand EXPR", "the core form EXPR expands to"),
    "disasm": (cmd_disasm, "disasm NAME", "disassemble the procedure bound to NAME"),
    "load": (cmd_load, "load FILE", "run the program in FILE"),
    "trace": (cmd_trace, "trace NAME ...", "print each call of NAME and its result"),
    "untrace": (cmd_untrace, "untrace [NAME ...]", "stop tracing NAME (or everything)"),
    "stats": (cmd_stats, "stats", "tier 1 and JIT statistics"),
    "quit": (cmd_quit, "quit", "leave (Ctrl-D also works)"),
}
ALIASES = {"h": "help", "?": "help", "q": "quit", "exit": "quit", "backtrace": "bt",
           "describe": "doc", "a": "apropos", "l": "load", "t": "time"}
_HELP_ROWS = [("," + usage, text) for _, usage, text in COMMANDS.values()]


def run(repl, line: str) -> str | None:
    """Run the comma command `line` (with its comma); "quit" to end the session."""
    parts = line.strip()[1:].split(None, 1)
    cmd, arg = (parts + ["", ""])[:2] if parts else ("", "")
    cmd = ALIASES.get(cmd, cmd)
    entry = COMMANDS.get(cmd)
    if entry is None:
        import difflib
        close = difflib.get_close_matches(cmd, list(COMMANDS), n=1, cutoff=0.6)
        hint = f"did you mean ,{close[0]}? " if close else ""
        print(f"unknown command ,{cmd} ({hint}try ,help)", file=repl.err)
        return None
    return entry[0](repl, arg.strip())

"""Procedures that need the running interpreter: `eval`, environments, `load`.

**Owns:** `eval`, `environment`, `interaction-environment`,
`scheme-report-environment`, `null-environment`, `load`, and binding the
JIT's `jit-stats` / `jit-compile` procedures. These are closures over one
`Interpreter`, so they cannot live in the shared primitive table
(`elle.primitives`). **Does not touch:** the stages themselves; every call
goes through the `Interpreter` pipeline methods.

All environments share the interpreter's one global namespace: R7RS allows
`(environment '(scheme base))` to be any environment containing those
bindings, and Elle has a single toplevel per interpreter.
"""

from __future__ import annotations

from .datum import MString, Pair, Symbol, nil
from .errors import type_error
from .sandbox import check_interp
from .values import Environment, Primitive, unspecified


def install_interpreter_procedures(interp) -> None:
    env = Environment(interp)

    def define(name, fn, lo, hi):
        interp.globals.define(Symbol(name), Primitive(name, fn, lo, hi))

    def eval_(datum, environment=None):
        if environment is not None and not isinstance(environment, Environment):
            type_error("eval", "an environment", environment, 2)
        return interp.eval_datum(datum)

    def environment_(*specs):
        for spec in specs:
            if not (type(spec) is Pair or spec is nil):
                type_error("environment", "an import set (a list)", spec)
        return env

    def report_env(version=7):
        if type(version) is not int:
            type_error("scheme-report-environment", "an integer", version, 1)
        return env

    def load_(filename, environment=None):
        check_interp(interp, "load")
        if type(filename) is not MString:
            type_error("load", "a string", filename, 1)
        from .sourcefile import read_source
        path = filename.s
        interp.eval_text(read_source(path, "load"), path)
        return unspecified

    define("eval", eval_, 1, 2)
    define("environment", environment_, 0, None)
    define("interaction-environment", lambda: env, 0, 0)
    define("scheme-report-environment", report_env, 0, 1)
    define("null-environment", report_env, 0, 1)
    define("load", load_, 1, 2)
    try:
        from .jit.primitives import install as install_jit_procedures
    except ImportError:
        return
    install_jit_procedures(interp)

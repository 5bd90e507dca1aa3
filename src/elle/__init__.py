"""Elle: a Scheme-family Lisp implemented in Python, with an LLVM JIT tier.

The public embedding API is `Interpreter` (see `elle.api`) and these
exception classes:

    ElleError        an Elle error reached Python: `.kind` ("type-error",
                     "host-error", ...), `.payload` (the raised Elle object),
                     `.loc`, `.backtrace`; `__cause__` is the Python
                     exception behind a "host-error" (raised by a callable
                     given to `Interpreter.define`) or an "internal-error"
    ElleSyntaxError  an ElleError from the reader or expander
    ConversionError  an ElleError (and ValueError): a value with no
                     equivalent on the other side, e.g. a circular list
    ElleExit         a SystemExit: the program called `exit`; `.code`
    ConfigError      a ValueError: a malformed ELLE_* setting
"""

__version__ = "0.1.0"

__all__ = ["Interpreter", "ElleError", "ElleSyntaxError", "ConversionError", "ElleExit",
           "ConfigError"]


# Everything is imported on first use, so that importing the package costs
# nothing: the `elle` command guards Ctrl-C only once its main() runs, and
# an import before that point (elle.config alone pulls in dataclasses and
# inspect, ~30 ms) would turn an early Ctrl-C into a Python traceback.
def __getattr__(name):
    if name == "Interpreter":
        from .api import Interpreter
        return Interpreter
    if name == "ConfigError":
        from .config import ConfigError
        return ConfigError
    if name in ("ConversionError", "ElleError", "ElleExit", "ElleSyntaxError"):
        from . import errors
        return getattr(errors, name)
    raise AttributeError(name)

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

from .config import ConfigError
from .errors import ConversionError, ElleError, ElleExit, ElleSyntaxError

__all__ = ["Interpreter", "ElleError", "ElleSyntaxError", "ConversionError", "ElleExit",
           "ConfigError"]


def __getattr__(name):
    if name == "Interpreter":
        from .api import Interpreter
        return Interpreter
    raise AttributeError(name)

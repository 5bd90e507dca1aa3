"""Elle: a Scheme-family Lisp implemented in Python, with an LLVM JIT tier.

The public embedding API is `Interpreter` (see `elle.api`).
"""

__version__ = "0.1.0"


def __getattr__(name):
    if name == "Interpreter":
        from .api import Interpreter
        return Interpreter
    raise AttributeError(name)

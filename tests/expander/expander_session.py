"""Helpers for expander tests: run source through a fresh interpreter and
compare printed results, or look at the core tree an expansion produces."""

from __future__ import annotations

import pytest

from elle.api import Interpreter
from elle.core import to_sexpr
from elle.errors import ElleError, ElleSyntaxError
from elle.printer import write_string
from elle.reader import read_all


class Session:
    def __init__(self):
        self.interp = Interpreter(jit=False)

    def run(self, src: str, filename: str = "<test>") -> str:
        """The written representation of the value of the last form."""
        return write_string(self.interp.eval_text(src, filename))

    def expand(self, src: str) -> str:
        """The written core tree of the last form (earlier forms are run)."""
        forms = read_all(src, "<test>")
        for f in forms[:-1]:
            self.interp.eval_datum(f)
        return write_string(to_sexpr(self.interp.expander.expand_toplevel(forms[-1])))

    def syntax_error(self, src: str) -> ElleSyntaxError:
        with pytest.raises(ElleSyntaxError) as info:
            self.interp.eval_text(src, "<test>")
        return info.value

    def error(self, src: str) -> ElleError:
        with pytest.raises(ElleError) as info:
            self.interp.eval_text(src, "<test>")
        return info.value


def message(err: ElleError) -> str:
    """Message with irritants, as a user sees it."""
    from elle.errors import describe_payload
    return describe_payload(err.payload)[1]

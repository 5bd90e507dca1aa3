"""Bad input never crashes: random programs built from Elle tokens either run
or raise an Elle error (ElleError / ElleExit), never a Python exception."""

import signal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elle import Interpreter
from elle.errors import ElleError, ElleExit

TOKENS = ["(", ")", "(", ")", "'", "`", ",", ",@", "#(", "#u8(", ".", "[", "]",
          "1", "-7", "2.5", "1/3", "+inf.0", "#t", "#f", "#\\a", '"s"', "x", "y",
          "define", "lambda", "let", "let*", "letrec", "if", "cond", "case", "else",
          "=>", "set!", "begin", "quote", "quasiquote", "unquote", "do", "and", "or",
          "when", "unless", "define-syntax", "syntax-rules", "...", "_", "guard",
          "call/cc", "dynamic-wind", "values", "call-with-values", "apply", "car",
          "cdr", "cons", "list", "vector", "vector-ref", "+", "-", "*", "/", "<",
          "=", "string-append", "string-ref", "length", "map", "for-each", "raise",
          "error", "with-exception-handler", "delay", "force", "make-parameter",
          "parameterize", "define-record-type", "try", "catch", "finally", "fn",
          "define-macro", "exit", "eval", "#;", "#|", "|#", ";", "\n", "#!fold-case"]

programs = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40).map(" ".join)


class TimeUp(BaseException):
    """A generated program that loops forever is fine; stop it."""


def _time_up(signum, frame):
    raise TimeUp()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs)
def test_random_token_soup_gives_only_elle_errors(src):
    interp = Interpreter()
    interp.vm.depth_limit = interp.vm.max_depth = 20000
    old = signal.signal(signal.SIGALRM, _time_up)
    signal.alarm(2)
    try:
        interp.eval_text(src, "<fuzz>")
    except (ElleError, ElleExit, TimeUp):
        pass
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)

"""Embedding Elle in Python: run with `python examples/embed.py`."""

from elle import Interpreter

elle = Interpreter()

# Python functions become Elle procedures; values convert at the boundary.
elle.define("py-title", str.title)
print(elle.eval('(py-title "hello from elle")'))          # Hello From Elle

# Elle procedures become Python callables.
elle.eval("(define (sum-squares xs) (apply + (map (lambda (x) (* x x)) xs)))")
sum_squares = elle.eval("sum-squares")
print(sum_squares([1, 2, 3, 4]))                           # 30

# Errors are Elle errors with a location and a backtrace.
from elle.errors import ElleError
try:
    elle.eval("(vector-ref (vector 1 2 3) 10)")
except ElleError as err:
    print("caught:", err)

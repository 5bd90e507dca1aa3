"""deriv: symbolic differentiation of a small polynomial, repeated n times.

Expressions are tuples whose first element is the operator symbol (a str).
"""
import sys
import time


def deriv(a):
    if not isinstance(a, tuple):
        return 1 if a == "x" else 0
    op = a[0]
    if op == "+":
        return ("+",) + tuple(deriv(b) for b in a[1:])
    if op == "-":
        return ("-",) + tuple(deriv(b) for b in a[1:])
    if op == "*":
        return ("*", a, ("+",) + tuple(("/", deriv(b), b) for b in a[1:]))
    if op == "/":
        return ("-", ("/", deriv(a[1]), a[2]), ("/", a[1], ("*", a[2], a[2], deriv(a[2]))))
    return 0


def count_pairs(a):
    """The number of pairs the same expression has as a Scheme list."""
    if not isinstance(a, tuple):
        return 0
    return len(a) + sum(count_pairs(b) for b in a)


EXPRESSION = ("+", ("*", 3, "x", "x"), ("*", "a", "x", "x"), ("*", "b", "x"), 5,
              ("/", "x", ("+", "x", 1)))


def deriv_benchmark(n):
    total = 0
    for _ in range(n):
        total = total + count_pairs(deriv(EXPRESSION))
    return total


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 6000
    t0 = time.perf_counter()
    r = deriv_benchmark(n)
    t1 = time.perf_counter()
    print("result:", r)
    print("time-ms: %.3f" % ((t1 - t0) * 1000.0))


main()

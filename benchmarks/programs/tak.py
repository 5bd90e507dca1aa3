"""tak: the Takeuchi function (call-heavy recursion with three arguments)."""
import sys
import time


def tak(x, y, z):
    if not y < x:
        return z
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 22
    t0 = time.perf_counter()
    r = tak(n, n * 2 // 3, n // 3)
    t1 = time.perf_counter()
    print("result:", r)
    print("time-ms: %.3f" % ((t1 - t0) * 1000.0))


main()

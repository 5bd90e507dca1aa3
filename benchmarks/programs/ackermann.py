"""ackermann: Ackermann's function A(3, n) (deep call-heavy recursion)."""
import sys
import time


def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))


def main():
    sys.setrecursionlimit(1000000)
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    t0 = time.perf_counter()
    r = ack(3, n)
    t1 = time.perf_counter()
    print("result:", r)
    print("time-ms: %.3f" % ((t1 - t0) * 1000.0))


main()

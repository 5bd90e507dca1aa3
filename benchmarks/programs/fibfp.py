"""fibfp: doubly recursive Fibonacci on floats (float arithmetic in calls)."""
import sys
import time


def fibfp(n):
    if n < 2.0:
        return n
    return fibfp(n - 1.0) + fibfp(n - 2.0)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 27
    t0 = time.perf_counter()
    r = fibfp(float(n))
    t1 = time.perf_counter()
    print("result:", int(r))
    print("time-ms: %.3f" % ((t1 - t0) * 1000.0))


main()

"""fsum: a float sum loop, sum of 1/(x*x + 1) for x = 0.0, 1.0, ..."""
import math
import sys
import time


def fsum(n):
    i = 0
    x = 0.0
    acc = 0.0
    while i != n:
        acc = acc + 1.0 / (x * x + 1.0)
        x = x + 1.0
        i = i + 1
    return acc


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 600000
    t0 = time.perf_counter()
    r = fsum(n)
    t1 = time.perf_counter()
    print("result:", math.floor(r * 1e9))
    print("time-ms: %.3f" % ((t1 - t0) * 1000.0))


main()

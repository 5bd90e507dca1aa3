"""hostile: one call site sees small ints, floats and bignums.

Deliberately hostile to a type-specialising JIT: `combine` is called with
(int, int), (float, float) and (bignum, int) arguments from one loop.
"""
import math
import sys
import time


def combine(a, b):
    return a * 3 + b


BIG_LIMIT = 2 ** 256
BIG_SHRINK = 2 ** 100


def hostile(n):
    iacc = 0
    facc = 0.0
    big = 1
    for i in range(n):
        k = i % 3
        if k == 0:
            iacc = combine(iacc, i) % 1000000007
        elif k == 1:
            facc = combine(facc * 0.25, float(i))
        else:
            b = combine(big, i)
            big = b // BIG_SHRINK if b > BIG_LIMIT else b
    return iacc * 1000000000000 + math.floor(facc) * 1000000 + big % 1000003


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300000
    t0 = time.perf_counter()
    r = hostile(n)
    t1 = time.perf_counter()
    print("result:", r)
    print("time-ms: %.3f" % ((t1 - t0) * 1000.0))


main()

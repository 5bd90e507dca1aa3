"""nested: a triple nested integer loop counting (a*b + c) mod 7 == 0."""
import sys
import time


def nested(n):
    count = 0
    for a in range(n):
        for b in range(n):
            for c in range(n):
                if (a * b + c) % 7 == 0:
                    count = count + 1
    return count


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    t0 = time.perf_counter()
    r = nested(n)
    t1 = time.perf_counter()
    print("result:", r)
    print("time-ms: %.3f" % ((t1 - t0) * 1000.0))


main()

"""sieve: Eratosthenes' sieve over a vector of booleans; counts primes below n."""
import sys
import time


def sieve(n):
    v = [True] * n
    v[0] = False
    v[1] = False
    count = 0
    i = 2
    while i != n:
        if v[i]:
            j = i * i
            while j < n:
                v[j] = False
                j = j + i
            count = count + 1
        i = i + 1
    return count


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500000
    t0 = time.perf_counter()
    r = sieve(n)
    t1 = time.perf_counter()
    print("result:", r)
    print("time-ms: %.3f" % ((t1 - t0) * 1000.0))


main()

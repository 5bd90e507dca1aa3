"""msort: merge sort of a list of pseudo-random integers; prints a checksum."""
import sys
import time


def random_list(n):
    acc = []
    x = 42
    for _ in range(n):
        x = (x * 16807) % 2147483647
        acc.append(x)
    acc.reverse()
    return acc


def merge_lists(a, b):
    out = []
    i = 0
    j = 0
    while i < len(a) and j < len(b):
        if b[j] < a[i]:
            out.append(b[j])
            j = j + 1
        else:
            out.append(a[i])
            i = i + 1
    out.extend(a[i:])
    out.extend(b[j:])
    return out


def merge_sort(xs, n):
    if n < 2:
        return xs
    half = n // 2
    return merge_lists(merge_sort(xs[:half], half), merge_sort(xs[half:], n - half))


def checksum(xs):
    acc = 0
    prev = -1
    for i, x in enumerate(xs, 1):
        if x < prev:
            return -1
        prev = x
        acc = (acc + i * x) % 1000000007
    return acc


def sort_benchmark(n):
    return checksum(merge_sort(random_list(n), n))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
    t0 = time.perf_counter()
    r = sort_benchmark(n)
    t1 = time.perf_counter()
    print("result:", r)
    print("time-ms: %.3f" % ((t1 - t0) * 1000.0))


main()

"""strings: building strings from numbers, reversing and scanning them."""
import sys
import time


def make_chunk(start):
    s = ""
    for k in range(20):
        s = s + str((start + k) * 7919 % 100003) + ","
    return s


def reverse_string(s):
    n = len(s)
    out = [" "] * n
    for i in range(n):
        out[n - i - 1] = s[i]
    return "".join(out)


def scan(s, hash_, sevens):
    for c in s:
        hash_ = (hash_ * 31 + ord(c)) % 1000003
        if c == "7":
            sevens = sevens + 1
    return hash_, sevens


def strings_benchmark(n):
    hash_ = 0
    sevens = 0
    for i in range(n):
        hash_, sevens = scan(reverse_string(make_chunk(i * 20)), hash_, sevens)
    return hash_ * 1000000 + sevens


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1500
    t0 = time.perf_counter()
    r = strings_benchmark(n)
    t1 = time.perf_counter()
    print("result:", r)
    print("time-ms: %.3f" % ((t1 - t0) * 1000.0))


main()

"""mapfold: closures and higher-order map/filter/fold pipelines over a list."""
import sys
import time


def my_map(f, xs):
    return [f(x) for x in xs]


def my_filter(keep, xs):
    return [x for x in xs if keep(x)]


def my_fold(f, acc, xs):
    for x in xs:
        acc = f(acc, x)
    return acc


def make_adder(k):
    return lambda x: x + k


def compose(f, g):
    return lambda x: f(g(x))


def is_even(x):
    return x % 2 == 0


def mapfold(rounds):
    xs = list(range(1000))
    total = 0
    for r in range(rounds):
        f = compose(make_adder(r), lambda x: x * 3)
        ys = my_filter(is_even, my_map(f, xs))
        s = my_fold(lambda acc, y: acc + y, 0, ys)
        total = (total + s) % 1000000007
    return total


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    t0 = time.perf_counter()
    r = mapfold(n)
    t1 = time.perf_counter()
    print("result:", r)
    print("time-ms: %.3f" % ((t1 - t0) * 1000.0))


main()

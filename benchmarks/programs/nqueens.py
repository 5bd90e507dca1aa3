"""nqueens: counts the solutions of the n-queens puzzle, with lists of rows.

Lists are tuples here: rows[0] is the car, rows[1:] the cdr.
"""
import sys
import time


def safe(row, dist, placed):
    for p in placed:
        if p == row + dist or p == row - dist:
            return False
        dist = dist + 1
    return True


def try_rows(rows, skipped, placed):
    if not rows:
        return 1 if not skipped else 0
    total = 0
    if safe(rows[0], 1, placed):
        total = try_rows(rows[1:] + skipped, (), (rows[0],) + placed)
    return total + try_rows(rows[1:], (rows[0],) + skipped, placed)


def queens(n):
    return try_rows(tuple(range(1, n + 1)), (), ())


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    t0 = time.perf_counter()
    r = queens(n)
    t1 = time.perf_counter()
    print("result:", r)
    print("time-ms: %.3f" % ((t1 - t0) * 1000.0))


main()

"""mandelbrot: escape-time count on an n-by-n grid (float loops)."""
import sys
import time

MAX_ITER = 50


def point_inside(cr, ci):
    i = 0
    zr = 0.0
    zi = 0.0
    while True:
        if i == MAX_ITER:
            return 1
        if zr * zr + zi * zi > 4.0:
            return 0
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
        i = i + 1


def mandelbrot(n):
    count = 0
    for y in range(n):
        ci = 2.0 * y / n - 1.0
        for x in range(n):
            cr = 2.0 * x / n - 1.5
            count = count + point_inside(cr, ci)
    return count


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 110
    t0 = time.perf_counter()
    r = mandelbrot(n)
    t1 = time.perf_counter()
    print("result:", r)
    print("time-ms: %.3f" % ((t1 - t0) * 1000.0))


main()

/* mandelbrot: escape-time count on an n-by-n grid (float loops). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

#define MAX_ITER 50

static long point_inside(double cr, double ci)
{
    double zr = 0.0, zi = 0.0;
    for (int i = 0;; i++) {
        if (i == MAX_ITER)
            return 1;
        if (zr * zr + zi * zi > 4.0)
            return 0;
        double nzr = zr * zr - zi * zi + cr;
        zi = 2.0 * zr * zi + ci;
        zr = nzr;
    }
}

static long mandelbrot(long n)
{
    long count = 0;
    for (long y = 0; y < n; y++) {
        double ci = 2.0 * (double)y / (double)n - 1.0;
        for (long x = 0; x < n; x++) {
            double cr = 2.0 * (double)x / (double)n - 1.5;
            count += point_inside(cr, ci);
        }
    }
    return count;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 110;
    double t0 = now_ms();
    long r = mandelbrot(n);
    double t1 = now_ms();
    printf("result: %ld\n", (long)(r));
    printf("time-ms: %.3f\n", t1 - t0);
    return 0;
}

/* fsum: a float sum loop, sum of 1/(x*x + 1) for x = 0.0, 1.0, ... */
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

static double fsum(long n)
{
    double x = 0.0, acc = 0.0;
    for (long i = 0; i != n; i++) {
        acc = acc + 1.0 / (x * x + 1.0);
        x = x + 1.0;
    }
    return acc;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 600000;
    double t0 = now_ms();
    double r = fsum(n);
    double t1 = now_ms();
    printf("result: %ld\n", (long)(floor(r * 1e9)));
    printf("time-ms: %.3f\n", t1 - t0);
    return 0;
}

/* fibfp: doubly recursive Fibonacci on floats (float arithmetic in calls). */
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

static double fibfp(double n)
{
    return n < 2.0 ? n : fibfp(n - 1.0) + fibfp(n - 2.0);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 27;
    double t0 = now_ms();
    double r = fibfp((double)n);
    double t1 = now_ms();
    printf("result: %ld\n", (long)(r));
    printf("time-ms: %.3f\n", t1 - t0);
    return 0;
}

/* tak: the Takeuchi function (call-heavy recursion with three arguments). */
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

static long tak(long x, long y, long z)
{
    if (!(y < x))
        return z;
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 22;
    double t0 = now_ms();
    long r = tak(n, n * 2 / 3, n / 3);
    double t1 = now_ms();
    printf("result: %ld\n", (long)(r));
    printf("time-ms: %.3f\n", t1 - t0);
    return 0;
}

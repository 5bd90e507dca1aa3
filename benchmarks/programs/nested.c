/* nested: a triple nested integer loop counting (a*b + c) mod 7 == 0. */
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

static long nested(long n)
{
    long count = 0;
    for (long a = 0; a < n; a++)
        for (long b = 0; b < n; b++)
            for (long c = 0; c < n; c++)
                if ((a * b + c) % 7 == 0)
                    count++;
    return count;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 100;
    double t0 = now_ms();
    long r = nested(n);
    double t1 = now_ms();
    printf("result: %ld\n", (long)(r));
    printf("time-ms: %.3f\n", t1 - t0);
    return 0;
}

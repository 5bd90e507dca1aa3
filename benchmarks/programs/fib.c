/* fib: doubly recursive Fibonacci on small integers (call-heavy recursion). */
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

static long fib(long n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 30;
    double t0 = now_ms();
    long r = fib(n);
    double t1 = now_ms();
    printf("result: %ld\n", (long)(r));
    printf("time-ms: %.3f\n", t1 - t0);
    return 0;
}

/* sieve: Eratosthenes' sieve over a vector of booleans; counts primes below n. */
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

static long sieve(long n)
{
    char *v = malloc(n);
    long count = 0;
    for (long i = 0; i < n; i++)
        v[i] = 1;
    v[0] = v[1] = 0;
    for (long i = 2; i != n; i++) {
        if (v[i]) {
            for (long j = i * i; j < n; j += i)
                v[j] = 0;
            count++;
        }
    }
    free(v);
    return count;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 500000;
    double t0 = now_ms();
    long r = sieve(n);
    double t1 = now_ms();
    printf("result: %ld\n", (long)(r));
    printf("time-ms: %.3f\n", t1 - t0);
    return 0;
}

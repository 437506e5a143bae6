/* The tests' random data: Marsaglia's xorshift32 (shifts 13, 17, 5;
 * G. Marsaglia, "Xorshift RNGs", Journal of Statistical Software 8(14),
 * 2003). Each test keeps its own state and seed, so its data are the same
 * on every run and every machine. */
#ifndef CAREALIGN_TESTS_XORSHIFT_H
#define CAREALIGN_TESTS_XORSHIFT_H
#include <stdint.h>

/* The next number of *state, reduced to 0 .. n - 1 (n > 0). */
static inline int32_t carealign_test_rnd(uint32_t *state, int32_t n)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return (int32_t)(x % (uint32_t)n);
}
#endif

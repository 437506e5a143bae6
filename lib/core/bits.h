/* Bit tricks and cache hints shared by the layers. Never installed. */
#ifndef CAREALIGN_CORE_BITS_H
#define CAREALIGN_CORE_BITS_H

#include <stdint.h>

/* Index of the lowest set bit of v != 0. */
static inline unsigned carealign__ctz64(uint64_t v)
{
#if defined(__GNUC__) || defined(__clang__)
    return (unsigned)__builtin_ctzll(v);
#else
    unsigned k = 0;
    for (; !(v & 1); v >>= 1)
        k++;
    return k;
#endif
}

/* The n lowest bits set: none when n <= 0, all 64 when n >= 64. */
static inline uint64_t carealign__low_bits64(int n)
{
    return n <= 0 ? 0 : n >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << n) - 1;
}

/* Start loading the cache line of p for a read, or for a write
 * (carealign__prefetch_write), so that an access soon after need not wait.
 * Nothing where the compiler has no prefetch. */
static inline void carealign__prefetch_read(const void *p)
{
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(p, 0);
#else
    (void)p;
#endif
}

static inline void carealign__prefetch_write(const void *p)
{
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(p, 1);
#else
    (void)p;
#endif
}

#endif /* CAREALIGN_CORE_BITS_H */

/* Bit tricks shared by the layers. Never installed. */
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

#endif /* CAREALIGN_CORE_BITS_H */

/* Internal 128-bit integers as two uint64 halves, so that exact sums work
 * the same with every compiler (MSVC has no __int128). A signed value is
 * the two's complement reading of the same 128 bits. */
#ifndef CAREALIGN_ACCUM_WIDE_H
#define CAREALIGN_ACCUM_WIDE_H

#include <stdint.h>

typedef struct carealign__u128 {
    uint64_t lo;
    uint64_t hi;
} carealign__u128;

static inline carealign__u128 carealign__u128_make(uint64_t hi, uint64_t lo)
{
    carealign__u128 r = {lo, hi};
    return r;
}

static inline carealign__u128 carealign__u128_from_u64(uint64_t v)
{
    return carealign__u128_make(0, v);
}

static inline carealign__u128 carealign__i128_from_i64(int64_t v)
{
    return carealign__u128_make(v < 0 ? UINT64_MAX : 0, (uint64_t)v);
}

static inline int carealign__u128_is_zero(carealign__u128 a)
{
    return a.lo == 0 && a.hi == 0;
}

static inline int carealign__u128_eq(carealign__u128 a, carealign__u128 b)
{
    return a.lo == b.lo && a.hi == b.hi;
}

/* -1, 0 or 1 as unsigned numbers compare. */
static inline int carealign__u128_cmp(carealign__u128 a, carealign__u128 b)
{
    if (a.hi != b.hi)
        return a.hi < b.hi ? -1 : 1;
    if (a.lo != b.lo)
        return a.lo < b.lo ? -1 : 1;
    return 0;
}

static inline int carealign__i128_is_negative(carealign__u128 a)
{
    return (a.hi >> 63) != 0;
}

/* -1, 0 or 1 as signed numbers compare. */
static inline int carealign__i128_cmp(carealign__u128 a, carealign__u128 b)
{
    int na = carealign__i128_is_negative(a), nb = carealign__i128_is_negative(b);
    if (na != nb)
        return na ? -1 : 1;
    return carealign__u128_cmp(a, b);
}

/* a + b modulo 2^128; *carry receives the carry out of bit 127. */
static inline carealign__u128 carealign__u128_add_wrap(carealign__u128 a, carealign__u128 b,
                                                       int *carry)
{
    carealign__u128 r;
    r.lo = a.lo + b.lo;
    uint64_t c = r.lo < a.lo;
    r.hi = a.hi + b.hi + c;
    *carry = (r.hi < a.hi) || (c && r.hi == a.hi);
    return r;
}

/* a - b modulo 2^128; *borrow receives 1 when b > a as unsigned numbers. */
static inline carealign__u128 carealign__u128_sub_wrap(carealign__u128 a, carealign__u128 b,
                                                       int *borrow)
{
    carealign__u128 r;
    r.lo = a.lo - b.lo;
    uint64_t c = a.lo < b.lo;
    r.hi = a.hi - b.hi - c;
    *borrow = (a.hi < b.hi) || (c && a.hi == b.hi);
    return r;
}

/* Unsigned a + b; returns 1 (and leaves *r alone) on overflow. */
static inline int carealign__u128_add(carealign__u128 *r, carealign__u128 a, carealign__u128 b)
{
    int carry;
    carealign__u128 s = carealign__u128_add_wrap(a, b, &carry);
    if (carry)
        return 1;
    *r = s;
    return 0;
}

/* Signed a + b; returns 1 (and leaves *r alone) on overflow. */
static inline int carealign__i128_add(carealign__u128 *r, carealign__u128 a, carealign__u128 b)
{
    int carry;
    carealign__u128 s = carealign__u128_add_wrap(a, b, &carry);
    int na = carealign__i128_is_negative(a), nb = carealign__i128_is_negative(b);
    if (na == nb && carealign__i128_is_negative(s) != na)
        return 1;
    *r = s;
    return 0;
}

/* -a modulo 2^128. */
static inline carealign__u128 carealign__u128_negate(carealign__u128 a)
{
    int borrow;
    return carealign__u128_sub_wrap(carealign__u128_make(0, 0), a, &borrow);
}

/* |a| of a signed value, as an unsigned value (exact even for -2^127). */
static inline carealign__u128 carealign__i128_magnitude(carealign__u128 a)
{
    return carealign__i128_is_negative(a) ? carealign__u128_negate(a) : a;
}

/* The full 128-bit product of two uint64 values, from 32-bit halves. */
static inline carealign__u128 carealign__u128_mul64(uint64_t a, uint64_t b)
{
    uint64_t a0 = a & 0xffffffffu, a1 = a >> 32, b0 = b & 0xffffffffu, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
    carealign__u128 r;
    r.lo = (mid << 32) | (p00 & 0xffffffffu);
    r.hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
    return r;
}

/* The magnitude of an int64 as uint64 (exact for INT64_MIN). */
static inline uint64_t carealign__u64_magnitude(int64_t v)
{
    return v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
}

/* v * v for an int64, as an unsigned 128-bit value. */
static inline carealign__u128 carealign__square64(int64_t v)
{
    uint64_t m = carealign__u64_magnitude(v);
    return carealign__u128_mul64(m, m);
}

/* The signed product of two int64 values as a signed 128-bit value. */
static inline carealign__u128 carealign__i128_mul64(int64_t a, int64_t b)
{
    carealign__u128 m =
        carealign__u128_mul64(carealign__u64_magnitude(a), carealign__u64_magnitude(b));
    return ((a < 0) != (b < 0)) ? carealign__u128_negate(m) : m;
}

/* Does a signed 128-bit value fit an int64? Then *out receives it. */
static inline int carealign__i128_to_i64(carealign__u128 a, int64_t *out)
{
    if ((a.hi == 0 && (a.lo >> 63) == 0) || (a.hi == UINT64_MAX && (a.lo >> 63) != 0)) {
        *out = (int64_t)a.lo; /* two's complement on every supported target */
        return 1;
    }
    return 0;
}

/* Conversions to double, deterministic (a fixed sequence of roundings). */
double carealign__u128_to_double(carealign__u128 a);
double carealign__i128_to_double(carealign__u128 a);

/* The exact n * sumsq - sum^2 (>= 0 for a consistent state), which is
 * n times the sum of squared deviations, as a double; -1 when negative (an
 * inconsistent state). */
double carealign__exact_n_m2(uint64_t n, carealign__u128 sum, carealign__u128 sumsq);

#endif /* CAREALIGN_ACCUM_WIDE_H */

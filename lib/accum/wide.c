/* 128- and 256-bit helpers that are not worth inlining: conversions to
 * double (scaling by exact powers of two, no libm) and the exact sum of
 * squared deviations. */
#include "accum/wide.h"

double carealign__u128_to_double(carealign__u128 a)
{
    return (double)a.hi * 0x1p64 + (double)a.lo;
}

double carealign__i128_to_double(carealign__u128 a)
{
    double m = carealign__u128_to_double(carealign__i128_magnitude(a));
    return carealign__i128_is_negative(a) ? -m : m;
}

/* r[0..3] += v << (64 * at), carrying upwards (r is large enough). */
static void add_at(uint64_t r[4], carealign__u128 v, int at)
{
    uint64_t parts[2] = {v.lo, v.hi};
    uint64_t carry = 0;
    for (int i = at; i < 4; i++) {
        uint64_t add = (i - at < 2) ? parts[i - at] : 0;
        uint64_t s = r[i] + add;
        uint64_t c1 = s < add;
        uint64_t t = s + carry;
        uint64_t c2 = t < carry;
        r[i] = t;
        carry = c1 + c2;
        if (i - at >= 1 && carry == 0)
            break;
    }
}

double carealign__exact_n_m2(uint64_t n, carealign__u128 sum, carealign__u128 sumsq)
{
    /* p = n * sumsq (at most 192 bits) */
    uint64_t p[4] = {0, 0, 0, 0};
    add_at(p, carealign__u128_mul64(n, sumsq.lo), 0);
    add_at(p, carealign__u128_mul64(n, sumsq.hi), 1);

    /* s = |sum|^2 (at most 256 bits) */
    carealign__u128 m = carealign__i128_magnitude(sum);
    uint64_t s[4] = {0, 0, 0, 0};
    add_at(s, carealign__u128_mul64(m.lo, m.lo), 0);
    add_at(s, carealign__u128_mul64(m.lo, m.hi), 1);
    add_at(s, carealign__u128_mul64(m.hi, m.lo), 1);
    add_at(s, carealign__u128_mul64(m.hi, m.hi), 2);

    /* d = p - s */
    uint64_t d[4];
    uint64_t borrow = 0;
    for (int i = 0; i < 4; i++) {
        uint64_t t = p[i] - s[i];
        uint64_t b1 = p[i] < s[i];
        uint64_t u = t - borrow;
        uint64_t b2 = t < borrow;
        d[i] = u;
        borrow = b1 | b2;
    }
    if (borrow)
        return -1.0;
    return (double)d[3] * 0x1p192 + (double)d[2] * 0x1p128 + (double)d[1] * 0x1p64 + (double)d[0];
}

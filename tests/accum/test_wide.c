/* The portable 128-bit arithmetic (two uint64 halves) against the
 * compiler's own unsigned __int128, an independent implementation available
 * with gcc and clang on 64-bit targets, plus hand-checked edge values. */
#include "cmocka_all.h"

#include <math.h>
#include <string.h>

#include "accum/wide.h"

#ifndef __SIZEOF_INT128__
#error "this test compares against the compiler's __int128 (gcc or clang, 64-bit)"
#endif
__extension__ typedef unsigned __int128 ref_u128;
__extension__ typedef __int128 ref_i128;

static ref_u128 ref(carealign__u128 a)
{
    return ((ref_u128)a.hi << 64) | a.lo;
}

static carealign__u128 from_ref(ref_u128 r)
{
    return carealign__u128_make((uint64_t)(r >> 64), (uint64_t)r);
}

static uint64_t rng_state = 0x9e3779b97f4a7c15u;
static uint64_t next(void)
{
    /* splitmix64 */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* random values biased towards the edges where carries happen */
static uint64_t edgy(void)
{
    switch (next() % 6) {
    case 0: return 0;
    case 1: return UINT64_MAX - next() % 4;
    case 2: return (uint64_t)1 << (next() % 64);
    case 3: return next() >> (next() % 64);
    default: return next();
    }
}

static void products_match_the_compiler(void **state)
{
    (void)state;
    carealign__u128 m = carealign__u128_mul64(UINT64_MAX, UINT64_MAX);
    assert_true(m.hi == UINT64_MAX - 1 && m.lo == 1); /* (2^64-1)^2 = 2^128 - 2^65 + 1 */
    for (int i = 0; i < 200000; i++) {
        uint64_t a = edgy(), b = edgy();
        assert_true(ref(carealign__u128_mul64(a, b)) == (ref_u128)a * b);
        int64_t sa = (int64_t)a, sb = (int64_t)b;
        if (sa == INT64_MIN || sb == INT64_MIN)
            continue;
        assert_true((ref_i128)ref(carealign__i128_mul64(sa, sb)) == (ref_i128)sa * sb);
        assert_true(ref(carealign__square64(sa)) == (ref_u128)((ref_i128)sa * sa));
    }
}

static void sums_and_overflow_match_the_compiler(void **state)
{
    (void)state;
    for (int i = 0; i < 200000; i++) {
        carealign__u128 a = carealign__u128_make(edgy(), edgy());
        carealign__u128 b = carealign__u128_make(edgy(), edgy());
        ref_u128 ra = ref(a), rb = ref(b);
        carealign__u128 r = carealign__u128_make(7, 7);
        int overflow = carealign__u128_add(&r, a, b);
        assert_int_equal(overflow, ra + rb < ra);
        if (!overflow)
            assert_true(ref(r) == ra + rb);
        else
            assert_true(r.hi == 7 && r.lo == 7); /* unchanged */

        ref_i128 sa = (ref_i128)ra, sb = (ref_i128)rb;
        ref_u128 wrapped = ra + rb;
        int signed_overflow = ((sa < 0) == (sb < 0)) && (((ref_i128)wrapped < 0) != (sa < 0));
        r = carealign__u128_make(7, 7);
        assert_int_equal(carealign__i128_add(&r, a, b), signed_overflow);
        if (!signed_overflow)
            assert_true(ref(r) == wrapped);

        int borrow;
        assert_true(ref(carealign__u128_sub_wrap(a, b, &borrow)) == ra - rb);
        assert_int_equal(borrow, ra < rb);
        assert_int_equal(carealign__u128_cmp(a, b), ra < rb ? -1 : ra > rb);
        assert_int_equal(carealign__i128_cmp(a, b), sa < sb ? -1 : sa > sb);
        assert_true(ref(carealign__u128_negate(a)) == (ref_u128)0 - ra);
        ref_u128 mag = sa < 0 ? (ref_u128)0 - ra : ra;
        assert_true(ref(carealign__i128_magnitude(a)) == mag);

        int64_t small = (int64_t)edgy();
        assert_true((ref_i128)ref(carealign__i128_from_i64(small)) == small);
        int64_t back = 0;
        assert_int_equal(carealign__i128_to_i64(a, &back), sa >= INT64_MIN && sa <= INT64_MAX);
        if (sa >= INT64_MIN && sa <= INT64_MAX)
            assert_true(back == (int64_t)sa);
    }
}

static void conversions_to_double(void **state)
{
    (void)state;
    assert_true(carealign__u128_to_double(carealign__u128_make(1, 0)) == ldexp(1, 64));
    assert_true(carealign__i128_to_double(carealign__i128_from_i64(-5)) == -5.0);
    assert_true(carealign__i128_to_double(carealign__u128_make(UINT64_MAX, UINT64_MAX)) == -1.0);
    for (int i = 0; i < 10000; i++) {
        carealign__u128 a = carealign__u128_make(edgy(), edgy());
        double got = carealign__u128_to_double(a);
        long double want = (long double)ref(a);
        assert_true(fabsl((long double)got - want) <= want * 0x1p-51L);
    }
}

static void exact_sum_of_squared_deviations(void **state)
{
    (void)state;
    /* values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squared deviations 32,
     * so n * m2 = 8 * 32 = 256 */
    carealign__u128 sum = carealign__i128_from_i64(40);
    carealign__u128 sumsq = carealign__u128_from_u64(232);
    assert_true(carealign__exact_n_m2(8, sum, sumsq) == 256.0);
    /* negative values: -3, -1 -> mean -2, m2 = 2, n m2 = 4 */
    assert_true(carealign__exact_n_m2(2, carealign__i128_from_i64(-4),
                                      carealign__u128_from_u64(10)) == 4.0);
    /* inconsistent (sumsq too small) */
    assert_true(
        carealign__exact_n_m2(2, carealign__i128_from_i64(10), carealign__u128_from_u64(1)) < 0);
    /* a huge offset that would cancel catastrophically in double: values
     * 2^52 + 1 and 2^52 + 3 -> m2 = 2, n m2 = 4 exactly */
    int64_t a = ((int64_t)1 << 52) + 1, b = ((int64_t)1 << 52) + 3;
    carealign__u128 s, q;
    assert_int_equal(
        carealign__i128_add(&s, carealign__i128_from_i64(a), carealign__i128_from_i64(b)), 0);
    assert_int_equal(carealign__u128_add(&q, carealign__square64(a), carealign__square64(b)), 0);
    assert_true(carealign__exact_n_m2(2, s, q) == 4.0);
    /* against __int128 arithmetic for random small states */
    for (int i = 0; i < 20000; i++) {
        uint64_t n = 1 + next() % 1000;
        ref_i128 rs = 0;
        ref_u128 rq = 0;
        for (uint64_t k = 0; k < n && k < 5; k++) {
            int64_t v = (int64_t)(next() % 2000001) - 1000000;
            rs += v;
            rq += (ref_u128)((ref_i128)v * v);
        }
        if ((ref_u128)n * rq < (ref_u128)(rs * rs))
            continue;
        double got = carealign__exact_n_m2(n, from_ref((ref_u128)rs), from_ref(rq));
        ref_u128 want = (ref_u128)n * rq - (ref_u128)(rs * rs);
        assert_true(got == (double)want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(products_match_the_compiler),
        cmocka_unit_test(sums_and_overflow_match_the_compiler),
        cmocka_unit_test(conversions_to_double),
        cmocka_unit_test(exact_sum_of_squared_deviations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* carealign_acc_add_batch's fast paths (the SSE2 and the scalar chunk, see
 * lib/accum/accum.c) against the exact element-by-element path
 * (carealign_acc_add_units of integers computed here), on random chunks
 * with every kind of awkward value: NaN, infinities, values just off the
 * grid, the edges of the 32-bit fast range, negative zero and huge values.
 * All paths are exact, so they must agree bit for bit. */
#include "cmocka_all.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "carealign/carealign.h"
#include "accum/accum_impl.h"

static uint64_t rng = 99;
static uint64_t next(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* A grid value in units, usually small, sometimes at the edges. */
static int64_t units(void)
{
    switch (next() % 10) {
    case 0: return (int64_t)0x7fffffff - (int64_t)(next() % 3);  /* 2^31 - 1 .. - 3 */
    case 1: return -(int64_t)0x80000000 + (int64_t)(next() % 3); /* -2^31 .. */
    case 2: return (int64_t)0x80000000 + (int64_t)(next() % 3);  /* just beyond */
    case 3: return ((int64_t)1 << 53) - (int64_t)(next() % 2);   /* the largest */
    case 4: return -((int64_t)1 << 52) - (int64_t)(next() % 1000);
    default: return (int64_t)(next() % 2001) - 1000;
    }
}

static void both_chunk_implementations_agree_with_each_other(void **state)
{
    (void)state;
    const double scales[] = {1, 100, 1000, 10000};
    for (int trial = 0; trial < 4000; trial++) {
        double scale = scales[trial % 4];
        double v[CAREALIGN__GRID_CHUNK];
        for (int k = 0; k < CAREALIGN__GRID_CHUNK; k++)
            v[k] = (double)((int64_t)(next() % 2001) - 1000) / scale;
        if (trial % 3 == 1) /* one awkward value */
            v[next() % CAREALIGN__GRID_CHUNK] = (double)units() / scale;
        if (trial % 7 == 2)
            v[next() % CAREALIGN__GRID_CHUNK] = trial % 2 ? NAN : -INFINITY;
        if (trial % 11 == 3)
            v[next() % CAREALIGN__GRID_CHUNK] = 0.5 / scale; /* off the grid */
        if (trial % 13 == 4)
            v[next() % CAREALIGN__GRID_CHUNK] = -0.0;
        carealign__fast_sums a = {3, -5, 7, 11, 13}, b = a;
        int ra = carealign__grid_chunk_scalar(v, scale, &a);
#if CAREALIGN__ACC_SSE2
        int rb = carealign__grid_chunk_sse2(v, scale, &b);
#else
        int rb = carealign__grid_chunk_scalar(v, scale, &b);
#endif
        assert_int_equal(ra, rb);
        assert_memory_equal(&a, &b, sizeof a);
        if (!ra) { /* refused: nothing changed */
            carealign__fast_sums c = {3, -5, 7, 11, 13};
            assert_memory_equal(&a, &c, sizeof a);
        }
    }
}

static void batches_equal_the_exact_path(void **state)
{
    (void)state;
    enum { N = 3000 };
    static double v[N];
    static int64_t u[N];
    const int32_t scales[] = {1, 100, 1000, 10000};
    for (int trial = 0; trial < 200; trial++) {
        int32_t scale = scales[trial % 4];
        size_t n = 1 + next() % N;
        for (size_t i = 0; i < n; i++) {
            u[i] = trial % 5 == 0 ? units() : (int64_t)(next() % 20001) - 10000;
            v[i] = (double)u[i] / scale;
            /* a huge u divided by the scale may not come back to u as a
             * double; such a value is off the grid, which is right but
             * not what this test is about */
            if (fabs(v[i] * scale - (double)u[i]) > 1e-9) {
                u[i] %= 100000;
                v[i] = (double)u[i] / scale;
            }
            if (next() % 500 == 0) {
                v[i] = NAN;
                u[i] = INT64_MIN;
            }
        }
        carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
        p.kind = CAREALIGN_ACC_MEAN;
        p.scale = scale;
        carealign_acc *fast = NULL, *exact = NULL;
        assert_int_equal(carealign_acc_new(&p, &fast), CAREALIGN_OK);
        assert_int_equal(carealign_acc_new(&p, &exact), CAREALIGN_OK);
        assert_int_equal(carealign_acc_add_batch(fast, v, NULL, n), CAREALIGN_OK);
        assert_int_equal(carealign_acc_add_units(exact, u, n), CAREALIGN_OK);
        uint8_t a[256], b[256];
        size_t la = 0, lb = 0;
        assert_int_equal(carealign_acc_serialize(fast, a, sizeof a, &la), CAREALIGN_OK);
        assert_int_equal(carealign_acc_serialize(exact, b, sizeof b, &lb), CAREALIGN_OK);
        assert_int_equal(la, lb);
        assert_memory_equal(a, b, la);
        carealign_acc_free(fast);
        carealign_acc_free(exact);
    }
}

static void an_off_grid_value_deep_in_a_batch_is_found(void **state)
{
    (void)state;
    enum { N = 100000 };
    static double v[N];
    for (size_t i = 0; i < N; i++)
        v[i] = (double)(i % 1595) / 1000.0 - 0.594;
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = CAREALIGN_ACC_MEAN;
    p.scale = 1000;
    carealign_acc *acc = NULL;
    assert_int_equal(carealign_acc_new(&p, &acc), CAREALIGN_OK);
    const size_t bad[] = {0, 255, 256, 65535, 65536, 99999};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        double keep = v[bad[k]];
        v[bad[k]] = 0.0005;
        assert_int_equal(carealign_acc_add_batch(acc, v, NULL, N), CAREALIGN_EINVAL);
        char want[64];
        snprintf(want, sizeof want, "values[%zu]", bad[k]);
        assert_non_null(strstr(carealign_last_error(), want));
        v[bad[k]] = keep;
    }
    carealign_acc_summary s = CAREALIGN_ACC_SUMMARY_INIT;
    assert_int_equal(carealign_acc_get_summary(acc, &s), CAREALIGN_OK);
    assert_int_equal(s.n, 0);
    assert_int_equal(carealign_acc_add_batch(acc, v, NULL, N), CAREALIGN_OK);
    carealign_acc_free(acc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(both_chunk_implementations_agree_with_each_other),
        cmocka_unit_test(batches_equal_the_exact_path),
        cmocka_unit_test(an_off_grid_value_deep_in_a_batch_is_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

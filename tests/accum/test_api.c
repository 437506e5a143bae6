/* The accumulator API: parameters, each kind's adds and summary, errors
 * (naming the bad index), all-or-nothing batches and merges.
 *
 * Expected values are worked by hand from the small data sets in each test
 * (the arithmetic is in the comments); tests/accum/check_accum.py checks
 * the same summaries and quantiles on random data against numpy. */
#include "cmocka_all.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"
#include "accum/accum_impl.h"

/* ---- an allocator that can be told to fail (installed in main) ---- */
static long allocations_left = -1; /* -1: never fail */

static void *failing_malloc(size_t bytes, void *user)
{
    (void)user;
    if (allocations_left == 0)
        return NULL;
    if (allocations_left > 0)
        allocations_left--;
    return malloc(bytes);
}

static void *failing_realloc(void *ptr, size_t bytes, void *user)
{
    (void)user;
    if (allocations_left == 0)
        return NULL;
    if (allocations_left > 0)
        allocations_left--;
    return realloc(ptr, bytes);
}

static void plain_free(void *ptr, void *user)
{
    (void)user;
    free(ptr);
}

#define CLOSE(a, b) assert_true(fabs((a) - (b)) <= 1e-12 * fmax(1.0, fabs(b)))

static carealign_acc *make(int32_t kind, int32_t scale, uint32_t flags)
{
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = kind;
    p.scale = scale;
    p.flags = flags;
    carealign_acc *acc = NULL;
    assert_int_equal(carealign_acc_new(&p, &acc), CAREALIGN_OK);
    return acc;
}

static carealign_acc_summary summary(const carealign_acc *acc)
{
    carealign_acc_summary s = CAREALIGN_ACC_SUMMARY_INIT;
    assert_int_equal(carealign_acc_get_summary(acc, &s), CAREALIGN_OK);
    return s;
}

static size_t blob(const carealign_acc *acc, uint8_t *buf, size_t cap)
{
    size_t len = 0;
    assert_int_equal(carealign_acc_serialize(acc, buf, cap, &len), CAREALIGN_OK);
    return len;
}

static void assert_unchanged(const carealign_acc *acc, const uint8_t *before, size_t len)
{
    uint8_t now[4096];
    assert_int_equal(blob(acc, now, sizeof now), len);
    assert_memory_equal(now, before, len);
}

static void assert_error_mentions(const char *text)
{
    if (strstr(carealign_last_error(), text) == NULL)
        fail_msg("last error \"%s\" does not mention \"%s\"", carealign_last_error(), text);
}

/* ---------------------------------------------------------------------- */

static void init_functions_and_struct_sizes(void **state)
{
    (void)state;
    carealign_acc_params p;
    memset(&p, 0xff, sizeof p);
    assert_int_equal(carealign_acc_params_init(&p, sizeof p), CAREALIGN_OK);
    assert_int_equal(p.size, sizeof p);
    assert_int_equal(p.kind, 0);
    assert_null(p.standard);
    assert_int_equal(carealign_acc_params_init(&p, 95), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_params_init(NULL, sizeof p), CAREALIGN_EINVAL);
    carealign_acc_summary s;
    assert_int_equal(carealign_acc_summary_init(&s, sizeof s), CAREALIGN_OK);
    assert_int_equal(s.size, 136);
    assert_int_equal(carealign_acc_summary_init(&s, 135), CAREALIGN_EINVAL);
    assert_int_equal(sizeof(carealign_acc_params), 96);
    assert_int_equal(sizeof(carealign_acc_summary), 136);
}

static void new_checks_every_parameter(void **state)
{
    (void)state;
    carealign_acc *acc = NULL;
    assert_int_equal(carealign_acc_new(NULL, &acc), CAREALIGN_EINVAL);
    struct {
        int32_t kind, scale, unit, direction;
        double per, mid;
        uint32_t n_bands, flags, reserved;
        int32_t stdpop;
        carealign_status want;
    } cases[] = {
        {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, CAREALIGN_EINVAL},       /* kind required */
        {8, 0, 0, 0, 0, 0, 0, 0, 0, 0, CAREALIGN_EINVAL},       /* unknown kind */
        {2, 3, 0, 0, 0, 0, 0, 0, 0, 0, CAREALIGN_EINVAL},       /* scale 3 */
        {2, -1, 0, 0, 0, 0, 0, 0, 0, 0, CAREALIGN_EINVAL},      /* scale -1 */
        {1, 100, 0, 0, 0, 0, 0, 0, 0, 0, CAREALIGN_EINVAL},     /* PROPORTION has no scale */
        {2, 0, 1, 0, 0, 0, 0, 0, 0, 0, CAREALIGN_EINVAL},       /* unit on MEAN */
        {6, 0, 4, 0, 0, 0, 0, 0, 0, 0, CAREALIGN_EINVAL},       /* unknown unit */
        {5, 0, 0, 2, 0, 0, 0, 0, 0, 0, CAREALIGN_EINVAL},       /* direction 2 */
        {2, 0, 0, 1, 0, 0, 0, 0, 0, 0, CAREALIGN_EINVAL},       /* direction on MEAN */
        {2, 0, 0, 0, 100, 0, 0, 0, 0, 0, CAREALIGN_EINVAL},     /* per on MEAN */
        {3, 0, 0, 0, -1, 0, 0, 0, 0, 0, CAREALIGN_EINVAL},      /* negative per */
        {3, 0, 0, 0, NAN, 0, 0, 0, 0, 0, CAREALIGN_EINVAL},     /* NaN per */
        {5, 100, 0, 0, 0, 0.005, 0, 0, 0, 0, CAREALIGN_EINVAL}, /* MID off the 1/100 grid */
        {5, 0, 0, 0, 0, -1, 0, 0, 0, 0, CAREALIGN_EINVAL},      /* negative MID */
        {2, 0, 0, 0, 0, 1, 0, 0, 0, 0, CAREALIGN_EINVAL},       /* MID on MEAN */
        {4, 0, 0, 0, 0, 0, 18, 0, 0, 0, CAREALIGN_EINVAL},      /* ESP2013 has 19 bands */
        {2, 0, 0, 0, 0, 0, 19, 0, 0, 0, CAREALIGN_EINVAL},      /* bands on MEAN */
        {2, 0, 0, 0, 0, 0, 0, 2, 0, 0, CAREALIGN_EINVAL},       /* DENOMINATOR_SET on MEAN */
        {3, 0, 0, 0, 0, 0, 0, 1, 0, 0, CAREALIGN_EINVAL},       /* WEIGHTED on RATE */
        {7, 0, 0, 0, 0, 0, 0, 8, 0, 0, CAREALIGN_EINVAL},       /* unknown flag */
        {2, 0, 0, 0, 0, 0, 0, 0, 1, 0, CAREALIGN_EINVAL},       /* reserved */
        {4, 0, 0, 0, 0, 0, 0, 0, 0, 1, CAREALIGN_EUNSUPPORTED}, /* unknown stdpop */
        {2, 10000, 0, 0, 0, 0, 0, 1, 0, 0, CAREALIGN_OK},
        {4, 0, 0, 0, 0, 0, 19, 0, 0, 0, CAREALIGN_OK},
        {5, 1000, 0, -1, 0, 0.074, 0, 0, 0, 0, CAREALIGN_OK},
        {6, 0, 3, 0, 0, 0, 0, 4, 0, 0, CAREALIGN_OK},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
        p.kind = cases[i].kind;
        p.scale = cases[i].scale;
        p.unit = cases[i].unit;
        p.direction = cases[i].direction;
        p.per = cases[i].per;
        p.mid = cases[i].mid;
        p.n_bands = cases[i].n_bands;
        p.flags = cases[i].flags;
        p.reserved = cases[i].reserved;
        p.stdpop = cases[i].stdpop;
        acc = NULL;
        carealign_status s = carealign_acc_new(&p, &acc);
        if (s != cases[i].want)
            fail_msg("case %zu: status %d, expected %d (%s)", i, (int)s, (int)cases[i].want,
                     carealign_last_error());
        carealign_acc_free(acc);
    }

    /* custom standards */
    const double bad[] = {1, -1, 1}, zero[] = {0, 0}, good[] = {0, 1, 2};
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = CAREALIGN_ACC_DSR;
    p.standard = bad;
    p.n_bands = 3;
    assert_int_equal(carealign_acc_new(&p, &acc), CAREALIGN_EINVAL);
    p.standard = zero;
    p.n_bands = 2;
    assert_int_equal(carealign_acc_new(&p, &acc), CAREALIGN_EINVAL);
    p.standard = good;
    p.n_bands = 0;
    assert_int_equal(carealign_acc_new(&p, &acc), CAREALIGN_EINVAL);
    p.n_bands = 257;
    assert_int_equal(carealign_acc_new(&p, &acc), CAREALIGN_EINVAL);
    p.n_bands = 3;
    assert_int_equal(carealign_acc_new(&p, &acc), CAREALIGN_OK);
    carealign_acc_params back = CAREALIGN_ACC_PARAMS_INIT;
    assert_int_equal(carealign_acc_get_params(acc, &back), CAREALIGN_OK);
    assert_ptr_not_equal(back.standard, good); /* copied */
    assert_memory_equal(back.standard, good, sizeof good);
    carealign_acc_free(acc);
}

static void params_struct_size_rules(void **state)
{
    (void)state;
    struct {
        carealign_acc_params p;
        uint64_t newer_field;
    } bigger;
    memset(&bigger, 0, sizeof bigger);
    bigger.p.size = sizeof bigger;
    bigger.p.kind = CAREALIGN_ACC_MEAN;
    carealign_acc *acc = NULL;
    assert_int_equal(carealign_acc_new(&bigger.p, &acc), CAREALIGN_OK);
    carealign_acc_free(acc);
    bigger.newer_field = 1;
    assert_int_equal(carealign_acc_new(&bigger.p, &acc), CAREALIGN_EUNSUPPORTED);
    carealign_acc_params small = CAREALIGN_ACC_PARAMS_INIT;
    small.kind = CAREALIGN_ACC_MEAN;
    small.size = 88;
    assert_int_equal(carealign_acc_new(&small, &acc), CAREALIGN_EINVAL);

    /* output structs: a larger size is zero-filled beyond the known fields */
    acc = make(CAREALIGN_ACC_MEAN, 0, 0);
    struct {
        carealign_acc_summary s;
        uint64_t newer[2];
    } out;
    memset(&out, 0xee, sizeof out);
    out.s.size = sizeof out;
    assert_int_equal(carealign_acc_get_summary(acc, &out.s), CAREALIGN_OK);
    assert_int_equal(out.s.size, sizeof out);
    assert_true(out.newer[0] == 0 && out.newer[1] == 0);
    out.s.size = 100;
    assert_int_equal(carealign_acc_get_summary(acc, &out.s), CAREALIGN_EINVAL);
    struct {
        carealign_acc_params p;
        uint64_t newer;
    } pout;
    memset(&pout, 0xee, sizeof pout);
    pout.p.size = sizeof pout;
    assert_int_equal(carealign_acc_get_params(acc, &pout.p), CAREALIGN_OK);
    assert_true(pout.newer == 0);
    assert_int_equal(pout.p.scale, 1); /* default filled in */
    carealign_acc_free(acc);
}

static void defaults_are_filled_in(void **state)
{
    (void)state;
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT, back = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = CAREALIGN_ACC_DSR;
    carealign_acc *acc = NULL;
    assert_int_equal(carealign_acc_new(&p, &acc), CAREALIGN_OK);
    assert_int_equal(carealign_acc_get_params(acc, &back), CAREALIGN_OK);
    assert_true(back.per == 100000.0);
    assert_int_equal(back.n_bands, 19);
    assert_int_equal(back.scale, 1);
    assert_null(back.standard);
    carealign_acc_free(acc);

    carealign_acc_params c = CAREALIGN_ACC_PARAMS_INIT;
    c.kind = CAREALIGN_ACC_CHANGE;
    c.scale = 1000;
    c.mid = 0.074;
    memset(c.context, 7, 32);
    assert_int_equal(carealign_acc_new(&c, &acc), CAREALIGN_OK);
    assert_int_equal(carealign_acc_get_params(acc, &back), CAREALIGN_OK);
    assert_int_equal(back.direction, 1);
    assert_true(back.mid == 0.074);
    assert_memory_equal(back.context, c.context, 32);
    uint32_t mv = 0;
    assert_int_equal(carealign_acc_methods_version(acc, &mv), CAREALIGN_OK);
    assert_int_equal(mv, carealign_methods_version());
    carealign_acc_free(acc);
    carealign_acc_free(NULL);
    carealign_acc_reset(NULL);
}

static void mean_is_exact_on_the_grid(void **state)
{
    (void)state;
    carealign_acc *acc = make(CAREALIGN_ACC_MEAN, 1000, 0);
    const double v[] = {0.5, 0.75, -0.1, 1.0, NAN, 0.816};
    assert_int_equal(carealign_acc_add_batch(acc, v, NULL, 6), CAREALIGN_OK);
    carealign_acc_summary s = summary(acc);
    /* grid units 500 + 750 - 100 + 1000 + 816 = 2966 over n = 5 */
    assert_int_equal(s.n, 5);
    assert_int_equal(s.n_missing, 1);
    assert_int_equal(s.total_units, 2966);
    assert_int_equal(s.flags, 0);
    CLOSE(s.numerator, 2.966);
    CLOSE(s.mean, 0.5932);
    /* sum of squares 0.25 + 0.5625 + 0.01 + 1 + 0.665856 = 2.488356;
     * m2 = 2.488356 - 2.966^2 / 5 = 2.488356 - 1.7594312 = 0.7289248 */
    CLOSE(s.m2, 0.7289248);
    assert_true(s.min == -0.1 && s.max == 1.0);
    assert_true(s.sum_weights == 5 && s.effective_n == 5);

    /* single adds give the same state as a batch */
    carealign_acc *one = make(CAREALIGN_ACC_MEAN, 1000, 0);
    for (int i = 0; i < 6; i++)
        assert_int_equal(carealign_acc_add(one, v[i], 1.0), CAREALIGN_OK);
    uint8_t a[256], b[256];
    size_t la = blob(acc, a, sizeof a), lb = blob(one, b, sizeof b);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);

    /* exact where double accumulation is not: 2^52 + 1 and 2^52 + 3 */
    carealign_acc *big = make(CAREALIGN_ACC_MEAN, 1, 0);
    const double huge[] = {4503599627370497.0, 4503599627370499.0};
    assert_int_equal(carealign_acc_add_batch(big, huge, NULL, 2), CAREALIGN_OK);
    s = summary(big);
    assert_true(s.m2 == 2.0); /* deviations of 1 each */
    assert_true(s.mean == 4503599627370498.0);
    carealign_acc_free(big);
    carealign_acc_free(one);
    carealign_acc_free(acc);
}

static void bad_values_name_their_index_and_add_nothing(void **state)
{
    (void)state;
    carealign_acc *acc = make(CAREALIGN_ACC_MEAN, 1000, 0);
    const double v[] = {0.5, 0.25};
    assert_int_equal(carealign_acc_add_batch(acc, v, NULL, 2), CAREALIGN_OK);
    uint8_t before[256];
    size_t len = blob(acc, before, sizeof before);

    const double off[] = {0.5, 0.75, 0.1234, 1};
    assert_int_equal(carealign_acc_add_batch(acc, off, NULL, 4), CAREALIGN_EINVAL);
    assert_error_mentions("values[2]");
    assert_error_mentions("1/1000 grid");
    assert_null(strstr(carealign_last_error(), "0.1234")); /* never the value */
    assert_unchanged(acc, before, len);

    const double inf[] = {0.5, INFINITY};
    assert_int_equal(carealign_acc_add_batch(acc, inf, NULL, 2), CAREALIGN_EINVAL);
    assert_error_mentions("values[1]");
    const double beyond[] = {1e13}; /* 1e16 grid units > 2^53 */
    assert_int_equal(carealign_acc_add_batch(acc, beyond, NULL, 1), CAREALIGN_EINVAL);
    const double w[] = {1, 1, 2, 1};
    assert_int_equal(carealign_acc_add_batch(acc, v, w + 1, 2), CAREALIGN_EINVAL);
    assert_error_mentions("weights[1]");
    assert_int_equal(carealign_acc_add(acc, 0.5, 2.0), CAREALIGN_EINVAL);
    assert_error_mentions("weight must be 1");
    assert_int_equal(carealign_acc_add(acc, 0.0005, 1.0), CAREALIGN_EINVAL);
    assert_error_mentions("carealign_acc_add: value is not on");
    assert_unchanged(acc, before, len);

    /* the wrong call for the kind */
    assert_int_equal(carealign_acc_add_pair(acc, 1, 2), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_add_band(acc, 0, 1), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_set_denominator(acc, 1), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_set_band_population(acc, 0, 1), CAREALIGN_EINVAL);
    double q;
    assert_int_equal(carealign_acc_quantile(acc, 0.5, &q), CAREALIGN_EINVAL);
    /* NULL arguments */
    assert_int_equal(carealign_acc_add_batch(acc, NULL, NULL, 1), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_add_batch(acc, NULL, NULL, 0), CAREALIGN_OK);
    assert_int_equal(carealign_acc_add(NULL, 1, 1), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_add_units(acc, NULL, 3), CAREALIGN_EINVAL);
    assert_unchanged(acc, before, len);
    carealign_acc_free(acc);
}

static void overflow_is_erange_and_adds_nothing(void **state)
{
    (void)state;
    carealign_acc *acc = make(CAREALIGN_ACC_MEAN, 1, 0);
    const int64_t units[] = {3};
    assert_int_equal(carealign_acc_add_units(acc, units, 1), CAREALIGN_OK);
    /* white-box: a sum of squares just below 2^128 */
    acc->st.sumsq = carealign__u128_make(UINT64_MAX, UINT64_MAX - 20);
    uint8_t before[256];
    size_t len = blob(acc, before, sizeof before);
    const double v[] = {1, 2, 3, 4, 5};
    assert_int_equal(carealign_acc_add_batch(acc, v, NULL, 5), CAREALIGN_ERANGE);
    assert_unchanged(acc, before, len);
    const int64_t u[] = {1, 2, 3, 4, 5};
    assert_int_equal(carealign_acc_add_units(acc, u, 5), CAREALIGN_ERANGE);
    assert_unchanged(acc, before, len);
    /* merging into it overflows too, and leaves it alone */
    carealign_acc *other = make(CAREALIGN_ACC_MEAN, 1, 0);
    assert_int_equal(carealign_acc_add_batch(other, v, NULL, 5), CAREALIGN_OK);
    assert_int_equal(carealign_acc_merge(acc, other), CAREALIGN_ERANGE);
    assert_unchanged(acc, before, len);
    carealign_acc_free(other);
    carealign_acc_free(acc);
}

static void weighted_mean_and_kish_n(void **state)
{
    (void)state;
    carealign_acc *acc = make(CAREALIGN_ACC_MEAN, 100, CAREALIGN_ACC_WEIGHTED);
    const double v[] = {1.5, 2.25, 3.0, NAN}, w[] = {0.5, 1.25, 2.0, 1.0};
    assert_int_equal(carealign_acc_add_batch(acc, v, w, 4), CAREALIGN_OK);
    carealign_acc_summary s = summary(acc);
    /* W = 3.75, W2 = 0.25 + 1.5625 + 4 = 5.8125, Kish n = 3.75^2 / 5.8125;
     * mean = (0.75 + 2.8125 + 6) / 3.75 = 2.55;
     * m2 = 0.5 * 1.05^2 + 1.25 * 0.3^2 + 2 * 0.45^2 = 1.06875 */
    assert_int_equal(s.n, 3);
    assert_int_equal(s.n_missing, 1);
    CLOSE(s.sum_weights, 3.75);
    CLOSE(s.sum_weights_sq, 5.8125);
    CLOSE(s.effective_n, 14.0625 / 5.8125);
    CLOSE(s.mean, 2.55);
    CLOSE(s.m2, 1.06875);
    assert_true(s.min == 1.5 && s.max == 3.0);

    const double bad_w[] = {1, -1};
    assert_int_equal(carealign_acc_add_batch(acc, v, bad_w, 2), CAREALIGN_EINVAL);
    assert_error_mentions("weights[1]");
    assert_int_equal(carealign_acc_add(acc, 1.5, NAN), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_add(acc, 1.5, INFINITY), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_add(acc, 1.501, 1), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_add(acc, 1.5, 1e154), CAREALIGN_OK);
    assert_int_equal(carealign_acc_add(acc, 1.5, 1e154), CAREALIGN_ERANGE); /* w^2 overflows */
    const int64_t units[] = {1};
    assert_int_equal(carealign_acc_add_units(acc, units, 1), CAREALIGN_EINVAL);
    carealign_acc_free(acc);
}

static void proportions(void **state)
{
    (void)state;
    carealign_acc *acc = make(CAREALIGN_ACC_PROPORTION, 0, 0);
    const double v[] = {1, 0, 1, 1, NAN, 0};
    assert_int_equal(carealign_acc_add_batch(acc, v, NULL, 6), CAREALIGN_OK);
    carealign_acc_summary s = summary(acc);
    assert_int_equal(s.n, 5);
    assert_int_equal(s.total_units, 3);
    assert_true(s.numerator == 3 && s.denominator == 5);
    CLOSE(s.mean, 0.6);
    CLOSE(s.m2, 1.2); /* 3 * 2 / 5 */
    assert_int_equal(carealign_acc_add(acc, 0.5, 1), CAREALIGN_EINVAL);
    assert_error_mentions("must be 0 or 1");
    const int64_t units[] = {1, INT64_MIN, 0, 2};
    assert_int_equal(carealign_acc_add_units(acc, units, 4), CAREALIGN_EINVAL);
    assert_error_mentions("units[3]");
    assert_int_equal(carealign_acc_add_units(acc, units, 3), CAREALIGN_OK);
    s = summary(acc);
    assert_int_equal(s.n, 7);
    assert_int_equal(s.n_missing, 2);
    assert_int_equal(s.total_units, 4);
    carealign_acc_free(acc);

    acc = make(CAREALIGN_ACC_PROPORTION, 0, CAREALIGN_ACC_WEIGHTED);
    const double y[] = {1, 0, 1}, w[] = {2.5, 1.0, 0.5};
    assert_int_equal(carealign_acc_add_batch(acc, y, w, 3), CAREALIGN_OK);
    s = summary(acc);
    /* numerator 3, denominator 4, W2 = 6.25 + 1 + 0.25 = 7.5, Kish n = 16 / 7.5 */
    assert_true(s.numerator == 3.0 && s.denominator == 4.0);
    CLOSE(s.effective_n, 16.0 / 7.5);
    CLOSE(s.mean, 0.75);
    assert_int_equal(s.total_units, 2); /* unweighted successes */
    carealign_acc_free(acc);
}

static void rates(void **state)
{
    (void)state;
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = CAREALIGN_ACC_RATE;
    p.scale = 100; /* person-years to 1/100 */
    carealign_acc *acc = NULL;
    assert_int_equal(carealign_acc_new(&p, &acc), CAREALIGN_OK);
    const double e[] = {3, 0, 2}, t[] = {1.25, 0.5, 2.0};
    assert_int_equal(carealign_acc_add_pairs(acc, e, t, 3), CAREALIGN_OK);
    carealign_acc_summary s = summary(acc);
    assert_true(s.numerator == 5 && s.denominator == 3.75);
    assert_int_equal(s.total_units, 5);
    assert_int_equal(carealign_acc_add_pair(acc, 1.5, 1), CAREALIGN_EINVAL);
    assert_error_mentions("a must be a whole number");
    assert_int_equal(carealign_acc_add_pair(acc, 1, -1), CAREALIGN_EINVAL);
    assert_error_mentions("b must be person-time");
    assert_int_equal(carealign_acc_add(acc, 1, 1), CAREALIGN_EINVAL); /* needs pairs */
    carealign_acc_free(acc);

    p.scale = 0;
    p.flags = CAREALIGN_ACC_DENOMINATOR_SET;
    carealign_acc *a = NULL, *b = NULL;
    assert_int_equal(carealign_acc_new(&p, &a), CAREALIGN_OK);
    assert_int_equal(carealign_acc_new(&p, &b), CAREALIGN_OK);
    assert_int_equal(carealign_acc_add_pair(a, 1, 1), CAREALIGN_EINVAL);
    s = summary(a);
    assert_true(isnan(s.denominator)); /* not set yet */
    assert_int_equal(carealign_acc_add(a, 4, 1), CAREALIGN_OK);
    assert_int_equal(carealign_acc_add(b, 6, 1), CAREALIGN_OK);
    assert_int_equal(carealign_acc_set_denominator(a, 1000), CAREALIGN_OK);
    assert_int_equal(carealign_acc_set_denominator(a, -1), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_set_denominator(b, 2000), CAREALIGN_OK);
    uint8_t before[256];
    size_t len = blob(a, before, sizeof before);
    assert_int_equal(carealign_acc_merge(a, b), CAREALIGN_EINVAL);
    assert_error_mentions("denominators differ");
    assert_unchanged(a, before, len);
    assert_int_equal(carealign_acc_set_denominator(b, 1000), CAREALIGN_OK);
    assert_int_equal(carealign_acc_merge(a, b), CAREALIGN_OK);
    s = summary(a);
    assert_true(s.numerator == 10 && s.denominator == 1000);
    /* a partial without a denominator takes the other's */
    carealign_acc *c = NULL;
    assert_int_equal(carealign_acc_new(&p, &c), CAREALIGN_OK);
    assert_int_equal(carealign_acc_merge(c, a), CAREALIGN_OK);
    s = summary(c);
    assert_true(s.numerator == 10 && s.denominator == 1000);
    carealign_acc_free(a);
    carealign_acc_free(b);
    carealign_acc_free(c);
}

static void standardised_rates_per_band(void **state)
{
    (void)state;
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = CAREALIGN_ACC_DSR;
    carealign_acc *a = NULL, *b = NULL;
    assert_int_equal(carealign_acc_new(&p, &a), CAREALIGN_OK);
    assert_int_equal(carealign_acc_new(&p, &b), CAREALIGN_OK);
    const int32_t bands[] = {0, 18, 19};
    const double events[] = {1, 2, 3};
    assert_int_equal(carealign_acc_add_bands(a, bands, events, 3), CAREALIGN_EINVAL);
    assert_error_mentions("bands[2]");
    assert_int_equal(carealign_acc_add_bands(a, bands, events, 2), CAREALIGN_OK);
    assert_int_equal(carealign_acc_add_band(a, -1, 1), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_add_band(a, 3, 0.5), CAREALIGN_EINVAL);
    assert_error_mentions("events must be a whole number");
    assert_int_equal(carealign_acc_add_band(b, 18, 4), CAREALIGN_OK);
    assert_int_equal(carealign_acc_add_band(b, 7, NAN), CAREALIGN_OK);
    assert_int_equal(carealign_acc_set_band_population(a, 18, 500), CAREALIGN_OK);
    assert_int_equal(carealign_acc_set_band_population(b, 18, 600), CAREALIGN_OK);
    assert_int_equal(carealign_acc_set_band_population(b, 19, 600), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_merge(a, b), CAREALIGN_EINVAL);
    assert_error_mentions("band 18");
    assert_int_equal(carealign_acc_set_band_population(b, 18, 500), CAREALIGN_OK);
    assert_int_equal(carealign_acc_set_band_population(b, 0, 100), CAREALIGN_OK);
    assert_int_equal(carealign_acc_merge(a, b), CAREALIGN_OK);
    carealign_acc_summary s = summary(a);
    assert_int_equal(s.n, 3);
    assert_int_equal(s.n_missing, 1);
    assert_true(s.numerator == 7 && s.denominator == 600); /* 1 + 2 + 4 events; 500 + 100 */
    assert_int_equal(s.total_units, 7);
    carealign_acc_reset(a);
    s = summary(a);
    assert_true(s.n == 0 && s.numerator == 0 && s.denominator == 0);
    carealign_acc_free(a);
    carealign_acc_free(b);
}

static void paired_change_classified_against_the_mid(void **state)
{
    (void)state;
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = CAREALIGN_ACC_CHANGE;
    p.scale = 100;
    p.mid = 3.0;
    carealign_acc *acc = NULL;
    assert_int_equal(carealign_acc_new(&p, &acc), CAREALIGN_OK);
    /* differences: +3.67 improved, 0 unchanged, -4.68 deteriorated, +1.56
     * unchanged, +17.57 improved, +3.00 improved (the MID itself counts),
     * -3.00 deteriorated */
    const double a[] = {20.5, 23.21, 27.03, 19.98, 17.43, 20.0, 23.0, NAN};
    const double b[] = {24.17, 23.21, 22.35, 21.54, 35.0, 23.0, 20.0, 1.0};
    assert_int_equal(carealign_acc_add_pairs(acc, a, b, 8), CAREALIGN_OK);
    carealign_acc_summary s = summary(acc);
    assert_int_equal(s.n, 7);
    assert_int_equal(s.n_missing, 1);
    assert_int_equal(s.n_improved, 3);
    assert_int_equal(s.n_unchanged, 2);
    assert_int_equal(s.n_deteriorated, 2);
    /* 367 + 0 - 468 + 156 + 1757 + 300 - 300 = 1812 hundredths */
    assert_int_equal(s.total_units, 1812);
    CLOSE(s.mean, 18.12 / 7);
    assert_true(s.min == -4.68 && s.max == 17.57);
    assert_int_equal(carealign_acc_add_pair(acc, 20.001, 21), CAREALIGN_EINVAL);
    assert_error_mentions("a is not on the 1/100 grid");
    carealign_acc_free(acc);

    /* lower is better, no MID: any fall is an improvement */
    p.scale = 0;
    p.mid = 0;
    p.direction = -1;
    assert_int_equal(carealign_acc_new(&p, &acc), CAREALIGN_OK);
    assert_int_equal(carealign_acc_add_pair(acc, 10, 6), CAREALIGN_OK);
    assert_int_equal(carealign_acc_add_pair(acc, 4, 4), CAREALIGN_OK);
    assert_int_equal(carealign_acc_add_pair(acc, 3, 9), CAREALIGN_OK);
    s = summary(acc);
    assert_true(s.n_improved == 1 && s.n_unchanged == 1 && s.n_deteriorated == 1);
    assert_int_equal(s.total_units, 2); /* -4 + 0 + 6 */
    carealign_acc_free(acc);
}

static void money_and_time_totals(void **state)
{
    (void)state;
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = CAREALIGN_ACC_TOTAL;
    p.unit = CAREALIGN_UNIT_PENCE;
    carealign_acc *acc = NULL;
    assert_int_equal(carealign_acc_new(&p, &acc), CAREALIGN_OK);
    const double amount[] = {12345, 0, -500}, days[] = {30, 365, 10};
    assert_int_equal(carealign_acc_add_pairs(acc, amount, days, 3), CAREALIGN_OK);
    assert_int_equal(carealign_acc_add(acc, 99999, 1), CAREALIGN_OK);
    carealign_acc_summary s = summary(acc);
    assert_int_equal(s.n, 4);
    assert_int_equal(s.total_units, 111844); /* 12345 + 0 - 500 + 99999 */
    CLOSE(s.denominator, 405 / 365.25);      /* person-years */
    CLOSE(s.mean, 27961.0);
    assert_int_equal(carealign_acc_add_pair(acc, 1, 0.5), CAREALIGN_EINVAL);
    assert_error_mentions("b must be whole exposure days");
    assert_int_equal(carealign_acc_add_pair(acc, 1.5, 1), CAREALIGN_EINVAL);
    /* beyond int64: the flag, not a wrong number */
    acc->st.sum = carealign__u128_make(1, 0);
    s = summary(acc);
    assert_int_equal(s.flags, CAREALIGN_ACC_TOTAL_OVERFLOW64);
    assert_int_equal(s.total_units, 0);
    carealign_acc_free(acc);
}

static void distribution_quantiles_type_7(void **state)
{
    (void)state;
    carealign_acc *acc = make(CAREALIGN_ACC_DISTRIBUTION, 0, 0);
    double q = 0;
    assert_int_equal(carealign_acc_quantile(acc, 0.5, &q), CAREALIGN_OK);
    assert_true(isnan(q));
    const double v[] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, NAN, -2};
    assert_int_equal(carealign_acc_add_batch(acc, v, NULL, 13), CAREALIGN_OK);
    /* sorted: -2 1 1 2 3 3 4 5 5 5 6 9 (n = 12); type 7: h = 11 p */
    const double p[] = {0, 0.25, 0.5, 0.9, 1};
    const double want[] = {-2, 1.75, 3.5, 5.9, 9}; /* h 2.75: 1 + .75; 5.5: 3 + .5; 9.9: 5 + .9 */
    for (int i = 0; i < 5; i++) {
        assert_int_equal(carealign_acc_quantile(acc, p[i], &q), CAREALIGN_OK);
        CLOSE(q, want[i]);
    }
    assert_int_equal(carealign_acc_quantile(acc, 1.5, &q), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_quantile(acc, NAN, &q), CAREALIGN_EINVAL);
    carealign_acc_summary s = summary(acc);
    assert_int_equal(s.n, 12);
    assert_int_equal(s.total_units, 42);
    assert_true(s.min == -2 && s.max == 9);
    const double off[] = {1, 2.5};
    assert_int_equal(carealign_acc_add_batch(acc, off, NULL, 2), CAREALIGN_EINVAL);
    assert_error_mentions("values[1]");
    s = summary(acc);
    assert_int_equal(s.n, 12);

    /* on a 1/10 grid of days, quantiles come back in days */
    carealign_acc *tenths = make(CAREALIGN_ACC_DISTRIBUTION, 100, 0);
    const int64_t units[] = {150, 250, INT64_MIN};
    assert_int_equal(carealign_acc_add_units(tenths, units, 3), CAREALIGN_OK);
    assert_int_equal(carealign_acc_quantile(tenths, 0.5, &q), CAREALIGN_OK);
    CLOSE(q, 2.0);
    carealign_acc_free(tenths);
    carealign_acc_free(acc);
}

static void distribution_batch_is_all_or_nothing_when_memory_runs_out(void **state)
{
    (void)state;
    carealign_acc *acc = make(CAREALIGN_ACC_DISTRIBUTION, 0, 0);
    const double first[] = {5, 1};
    assert_int_equal(carealign_acc_add_batch(acc, first, NULL, 2), CAREALIGN_OK);
    uint8_t before[1024];
    size_t len = blob(acc, before, sizeof before);
    double many[100];
    for (int i = 0; i < 100; i++)
        many[i] = (double)(i * 7 % 101); /* 100 distinct values: the array must grow */
    allocations_left = 0;
    assert_int_equal(carealign_acc_add_batch(acc, many, NULL, 100), CAREALIGN_ENOMEM);
    allocations_left = -1;
    assert_unchanged(acc, before, len);
    carealign_acc *copy = NULL;
    allocations_left = 1; /* the accumulator, then its histogram fails */
    assert_int_equal(carealign_acc_clone(acc, &copy), CAREALIGN_ENOMEM);
    allocations_left = -1;
    assert_null(copy);
    assert_int_equal(carealign_acc_add_batch(acc, many, NULL, 100), CAREALIGN_OK);
    carealign_acc *other = make(CAREALIGN_ACC_DISTRIBUTION, 0, 0);
    assert_int_equal(carealign_acc_add_batch(other, first, NULL, 2), CAREALIGN_OK);
    len = blob(other, before, sizeof before);
    allocations_left = 0;
    assert_int_equal(carealign_acc_merge(other, acc), CAREALIGN_ENOMEM);
    allocations_left = -1;
    assert_unchanged(other, before, len);
    assert_int_equal(carealign_acc_merge(other, acc), CAREALIGN_OK);
    assert_int_equal(summary(other).n, 104);
    carealign_acc_free(other);
    carealign_acc_free(acc);
}

static void merges_refuse_different_accumulators(void **state)
{
    (void)state;
    carealign_acc *a = make(CAREALIGN_ACC_MEAN, 1000, 0);
    carealign_acc *kind = make(CAREALIGN_ACC_DISTRIBUTION, 1000, 0);
    carealign_acc *scale = make(CAREALIGN_ACC_MEAN, 100, 0);
    carealign_acc *weighted = make(CAREALIGN_ACC_MEAN, 1000, CAREALIGN_ACC_WEIGHTED);
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = CAREALIGN_ACC_MEAN;
    p.scale = 1000;
    p.context[31] = 1;
    carealign_acc *context = NULL;
    assert_int_equal(carealign_acc_new(&p, &context), CAREALIGN_OK);
    const double v[] = {0.5};
    assert_int_equal(carealign_acc_add_batch(a, v, NULL, 1), CAREALIGN_OK);
    uint8_t before[256];
    size_t len = blob(a, before, sizeof before);
    assert_int_equal(carealign_acc_merge(a, kind), CAREALIGN_EINVAL);
    assert_error_mentions("kind");
    assert_int_equal(carealign_acc_merge(a, scale), CAREALIGN_EINVAL);
    assert_error_mentions("parameters");
    assert_int_equal(carealign_acc_merge(a, weighted), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_merge(a, context), CAREALIGN_EINVAL);
    assert_error_mentions("context");
    assert_int_equal(carealign_acc_merge(a, a), CAREALIGN_EINVAL);
    assert_int_equal(carealign_acc_merge(a, NULL), CAREALIGN_EINVAL);
    assert_unchanged(a, before, len);

    /* clone, reset and merge of equals */
    carealign_acc *copy = NULL;
    assert_int_equal(carealign_acc_clone(a, &copy), CAREALIGN_OK);
    assert_int_equal(carealign_acc_merge(a, copy), CAREALIGN_OK);
    carealign_acc_summary s = summary(a);
    assert_int_equal(s.n, 2);
    assert_int_equal(s.total_units, 1000);
    carealign_acc_reset(copy);
    assert_int_equal(summary(copy).n, 0);
    assert_int_equal(carealign_acc_merge(a, copy), CAREALIGN_OK); /* empty changes nothing */
    assert_int_equal(summary(a).n, 2);
    carealign_acc_free(copy);
    carealign_acc_free(a);
    carealign_acc_free(kind);
    carealign_acc_free(scale);
    carealign_acc_free(weighted);
    carealign_acc_free(context);
}

int main(void)
{
    carealign_allocator allocator;
    carealign_allocator_init(&allocator, sizeof allocator);
    allocator.malloc_fn = failing_malloc;
    allocator.realloc_fn = failing_realloc;
    allocator.free_fn = plain_free;
    if (carealign_set_allocator(&allocator) != CAREALIGN_OK)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(init_functions_and_struct_sizes),
        cmocka_unit_test(new_checks_every_parameter),
        cmocka_unit_test(params_struct_size_rules),
        cmocka_unit_test(defaults_are_filled_in),
        cmocka_unit_test(mean_is_exact_on_the_grid),
        cmocka_unit_test(bad_values_name_their_index_and_add_nothing),
        cmocka_unit_test(overflow_is_erange_and_adds_nothing),
        cmocka_unit_test(weighted_mean_and_kish_n),
        cmocka_unit_test(proportions),
        cmocka_unit_test(rates),
        cmocka_unit_test(standardised_rates_per_band),
        cmocka_unit_test(paired_change_classified_against_the_mid),
        cmocka_unit_test(money_and_time_totals),
        cmocka_unit_test(distribution_quantiles_type_7),
        cmocka_unit_test(distribution_batch_is_all_or_nothing_when_memory_runs_out),
        cmocka_unit_test(merges_refuse_different_accumulators),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

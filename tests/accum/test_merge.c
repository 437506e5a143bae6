/* The merge property (DESIGN.md "One definition, provably the same"):
 * random data split into k random parts, the parts merged in random orders
 * and random tree shapes (some of them through a blob), equal a single
 * pass: byte for byte for the exact kinds, and within
 * 1e-12 * max(1, |a|, |b|) for the weighted kinds. */
#include "cmocka_all.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"

enum { N_RECORDS = 1500, MAX_PARTS = 12, TRIALS = 100, MAX_BLOB = 16384 };

static uint64_t rng;
static uint64_t next(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15u); /* splitmix64 */
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}
static int64_t uniform(int64_t lo, int64_t hi)
{
    return lo + (int64_t)(next() % (uint64_t)(hi - lo + 1));
}
static double unit_double(void)
{
    return (double)(next() >> 11) * 0x1p-53;
}

typedef struct config {
    const char *name;
    int32_t kind, scale;
    uint32_t flags;
    int exact;
} config;

static const config configs[] = {
    {"mean 1/1000", CAREALIGN_ACC_MEAN, 1000, 0, 1},
    {"mean weighted 1/100", CAREALIGN_ACC_MEAN, 100, CAREALIGN_ACC_WEIGHTED, 0},
    {"proportion", CAREALIGN_ACC_PROPORTION, 0, 0, 1},
    {"proportion weighted", CAREALIGN_ACC_PROPORTION, 0, CAREALIGN_ACC_WEIGHTED, 0},
    {"rate", CAREALIGN_ACC_RATE, 1, 0, 1},
    {"rate set population", CAREALIGN_ACC_RATE, 0, CAREALIGN_ACC_DENOMINATOR_SET, 1},
    {"dsr esp2013", CAREALIGN_ACC_DSR, 0, 0, 1},
    {"change 1/100", CAREALIGN_ACC_CHANGE, 100, 0, 1},
    {"total pence", CAREALIGN_ACC_TOTAL, 1, 0, 1},
    {"distribution days", CAREALIGN_ACC_DISTRIBUTION, 1, 0, 1},
};

/* One record: a value and a weight, a pair, or a band and events. */
typedef struct record {
    double a, b;
    int32_t band;
    int kind_of_add; /* 0 add/add_batch, 1 pair, 2 band */
} record;

static record records[N_RECORDS];

static void generate(const config *c)
{
    for (int i = 0; i < N_RECORDS; i++) {
        record *r = &records[i];
        memset(r, 0, sizeof *r);
        r->b = 1.0;
        int missing = next() % 40 == 0;
        switch (c->kind) {
        case CAREALIGN_ACC_MEAN:
            if (c->flags & CAREALIGN_ACC_WEIGHTED) {
                r->a = (double)uniform(-594, 1000) / 100.0;
                r->b = 0.05 + 3 * unit_double(); /* arbitrary bits: rounding happens */
            } else {
                r->a = (double)uniform(-594, 1000) / 1000.0;
            }
            break;
        case CAREALIGN_ACC_PROPORTION:
            r->a = (double)(next() % 3 == 0);
            if (c->flags & CAREALIGN_ACC_WEIGHTED)
                r->b = 0.1 + 5 * unit_double();
            break;
        case CAREALIGN_ACC_RATE:
            if (c->flags & CAREALIGN_ACC_DENOMINATOR_SET) {
                r->a = (double)uniform(0, 4);
            } else {
                r->kind_of_add = 1;
                r->a = (double)uniform(0, 5);
                r->b = (double)uniform(0, 3650);
            }
            break;
        case CAREALIGN_ACC_DSR:
            r->kind_of_add = 2;
            r->band = (int32_t)uniform(0, 18);
            r->a = (double)uniform(0, 3);
            break;
        case CAREALIGN_ACC_CHANGE:
            r->kind_of_add = 1;
            r->a = (double)uniform(700, 3500) / 100.0;
            r->b = (double)uniform(700, 3500) / 100.0;
            break;
        case CAREALIGN_ACC_TOTAL:
            r->kind_of_add = next() % 4 ? 1 : 0;
            r->a = (double)uniform(-1000, 2000000);
            r->b = r->kind_of_add ? (double)uniform(0, 365) : 1.0;
            break;
        case CAREALIGN_ACC_DISTRIBUTION:
            r->a = (double)(next() % 50 == 0 ? uniform(-100000, 100000) : uniform(0, 60));
            break;
        }
        if (missing)
            r->a = NAN;
    }
}

static carealign_acc *new_acc(const config *c)
{
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = c->kind;
    p.scale = c->scale;
    p.flags = c->flags;
    if (c->kind == CAREALIGN_ACC_CHANGE)
        p.mid = 3.0;
    if (c->kind == CAREALIGN_ACC_TOTAL)
        p.unit = CAREALIGN_UNIT_PENCE;
    memset(p.context, 0x5a, sizeof p.context);
    carealign_acc *acc = NULL;
    assert_int_equal(carealign_acc_new(&p, &acc), CAREALIGN_OK);
    return acc;
}

/* Populations are set, not added: every partition that sets one sets the
 * same value (DESIGN.md: partitions of one pooled dataset). */
static void set_populations(const config *c, carealign_acc *acc)
{
    if (c->kind == CAREALIGN_ACC_RATE && (c->flags & CAREALIGN_ACC_DENOMINATOR_SET))
        assert_int_equal(carealign_acc_set_denominator(acc, 123456.0), CAREALIGN_OK);
    if (c->kind == CAREALIGN_ACC_DSR)
        for (int32_t b = 0; b < 19; b++)
            assert_int_equal(carealign_acc_set_band_population(acc, b, 1000.0 + 37.5 * b),
                             CAREALIGN_OK);
}

/* Add the records idx[0..n) one by one or in batches of random sizes. */
static void feed(carealign_acc *acc, const size_t *idx, size_t n)
{
    double a[64], b[64];
    int32_t band[64];
    size_t i = 0;
    while (i < n) {
        size_t take = 1 + next() % 64;
        if (take > n - i)
            take = n - i;
        int kind_of_add = records[idx[i]].kind_of_add;
        size_t m = 0;
        while (m < take && records[idx[i + m]].kind_of_add == kind_of_add) {
            const record *r = &records[idx[i + m]];
            a[m] = r->a;
            b[m] = r->b;
            band[m] = r->band;
            m++;
        }
        if (m == 1 && next() % 2) {
            const record *r = &records[idx[i]];
            if (kind_of_add == 0)
                assert_int_equal(carealign_acc_add(acc, r->a, r->b), CAREALIGN_OK);
            else if (kind_of_add == 1)
                assert_int_equal(carealign_acc_add_pair(acc, r->a, r->b), CAREALIGN_OK);
            else
                assert_int_equal(carealign_acc_add_band(acc, r->band, r->a), CAREALIGN_OK);
        } else if (kind_of_add == 0) {
            int all_one = 1;
            for (size_t k = 0; k < m; k++)
                all_one &= b[k] == 1.0;
            assert_int_equal(carealign_acc_add_batch(acc, a, all_one && next() % 2 ? NULL : b, m),
                             CAREALIGN_OK);
        } else if (kind_of_add == 1) {
            assert_int_equal(carealign_acc_add_pairs(acc, a, b, m), CAREALIGN_OK);
        } else {
            assert_int_equal(carealign_acc_add_bands(acc, band, a, m), CAREALIGN_OK);
        }
        i += m;
    }
}

static carealign_acc *through_blob(carealign_acc *acc)
{
    static uint8_t buf[MAX_BLOB], again[MAX_BLOB];
    size_t len = 0, len2 = 0;
    assert_int_equal(carealign_acc_serialize(acc, buf, sizeof buf, &len), CAREALIGN_OK);
    carealign_acc *read = NULL;
    assert_int_equal(carealign_acc_deserialize(buf, len, &read), CAREALIGN_OK);
    assert_int_equal(carealign_acc_serialize(read, again, sizeof again, &len2), CAREALIGN_OK);
    assert_int_equal(len, len2);
    assert_memory_equal(buf, again, len); /* serialize -> deserialize -> serialize */
    carealign_acc_free(acc);
    return read;
}

static void assert_close(double a, double b, const char *what, const char *name)
{
    if (isnan(a) && isnan(b))
        return;
    double tol = 1e-12 * fmax(1.0, fmax(fabs(a), fabs(b)));
    if (!(fabs(a - b) <= tol))
        fail_msg("%s: %s differs: %.17g vs %.17g", name, what, a, b);
}

static void assert_same(const config *c, const carealign_acc *x, const carealign_acc *y)
{
    static uint8_t bx[MAX_BLOB], by[MAX_BLOB];
    carealign_acc_summary s = CAREALIGN_ACC_SUMMARY_INIT, t = CAREALIGN_ACC_SUMMARY_INIT;
    assert_int_equal(carealign_acc_get_summary(x, &s), CAREALIGN_OK);
    assert_int_equal(carealign_acc_get_summary(y, &t), CAREALIGN_OK);
    if (c->exact) {
        size_t lx = 0, ly = 0;
        assert_int_equal(carealign_acc_serialize(x, bx, sizeof bx, &lx), CAREALIGN_OK);
        assert_int_equal(carealign_acc_serialize(y, by, sizeof by, &ly), CAREALIGN_OK);
        if (lx != ly || memcmp(bx, by, lx) != 0)
            fail_msg("%s: merged blob differs from the single pass", c->name);
        assert_memory_equal(&s, &t, sizeof s);
        return;
    }
    assert_true(s.n == t.n && s.n_missing == t.n_missing && s.total_units == t.total_units);
    assert_close(s.numerator, t.numerator, "numerator", c->name);
    assert_close(s.denominator, t.denominator, "denominator", c->name);
    assert_close(s.sum_weights, t.sum_weights, "sum of weights", c->name);
    assert_close(s.sum_weights_sq, t.sum_weights_sq, "sum of squared weights", c->name);
    assert_close(s.effective_n, t.effective_n, "effective n", c->name);
    assert_close(s.mean, t.mean, "mean", c->name);
    assert_close(s.m2, t.m2, "m2", c->name);
    assert_close(s.min, t.min, "min", c->name);
    assert_close(s.max, t.max, "max", c->name);
}

static void one_trial(const config *c)
{
    size_t order[N_RECORDS];
    for (size_t i = 0; i < N_RECORDS; i++)
        order[i] = i;
    carealign_acc *single = new_acc(c);
    set_populations(c, single);
    feed(single, order, N_RECORDS);

    /* the same records in a shuffled order, in one pass */
    for (size_t i = N_RECORDS - 1; i > 0; i--) {
        size_t j = next() % (i + 1);
        size_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    carealign_acc *shuffled = new_acc(c);
    set_populations(c, shuffled);
    feed(shuffled, order, N_RECORDS);
    assert_same(c, single, shuffled);
    carealign_acc_free(shuffled);

    /* k random parts (each record to a random part), original order within */
    size_t k = 1 + next() % MAX_PARTS;
    static size_t parts[MAX_PARTS][N_RECORDS];
    size_t count[MAX_PARTS] = {0};
    for (size_t i = 0; i < N_RECORDS; i++) {
        size_t p = next() % k;
        parts[p][count[p]++] = i;
    }
    carealign_acc *acc[MAX_PARTS];
    int populations_set = 0;
    for (size_t p = 0; p < k; p++) {
        acc[p] = new_acc(c);
        if (next() % 2 || (p == k - 1 && !populations_set)) {
            set_populations(c, acc[p]);
            populations_set = 1;
        }
        feed(acc[p], parts[p], count[p]);
        if (next() % 3 == 0)
            acc[p] = through_blob(acc[p]);
    }
    /* random tree: merge a random part into another until one is left */
    size_t live = k;
    while (live > 1) {
        size_t i = next() % live, j = next() % (live - 1);
        if (j >= i)
            j++;
        assert_int_equal(carealign_acc_merge(acc[i], acc[j]), CAREALIGN_OK);
        carealign_acc_free(acc[j]);
        acc[j] = acc[live - 1];
        live--;
        if (next() % 4 == 0) {
            size_t at = i == live ? j : i; /* where the merged one now is */
            acc[at] = through_blob(acc[at]);
        }
    }
    assert_same(c, single, acc[0]);
    carealign_acc_free(acc[0]);
    carealign_acc_free(single);
}

static void merged_parts_equal_a_single_pass(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof configs / sizeof configs[0]; c++) {
        rng = 0x1234567u + c;
        for (int trial = 0; trial < TRIALS; trial++) {
            generate(&configs[c]);
            one_trial(&configs[c]);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(merged_parts_equal_a_single_pass),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

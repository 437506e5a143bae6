/* The one-record fast paths (lib/accum/fast.c) against the public calls they
 * stand for: two accumulators of the same parameters, one fed through
 * carealign__acc_add1 / _add_pair1 / _add_count and one through
 * carealign_acc_add / _add_pair / _add_units, must give the same status on
 * every record and byte-identical blobs (carealign_acc_serialize) at the
 * end. The records mix values on and off the grid, NaN, negative and
 * oversized values and wrong kinds, so that the fallbacks are exercised. */
#include "cmocka_all.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"
#include "accum/fast.h"

enum { N_RECORDS = 3000, MAX_BLOB = 65536 };

static uint64_t rng;
static uint64_t next(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15u); /* splitmix64 */
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* A value that is usually on the grid of `scale`, sometimes not. */
static double value(int32_t scale)
{
    switch (next() % 16) {
    case 0: return NAN;
    case 1: return 0.5 / (double)scale; /* off the grid */
    case 2: return -(double)(next() % 50);
    case 3: return 1e300;
    case 4: return 9007199254740992.0 / (double)scale; /* 2^53 grid units */
    default: return (double)(int64_t)(next() % 2000) / (double)scale;
    }
}

typedef struct config {
    int32_t kind, scale;
    uint32_t flags;
} config;

static const config configs[] = {
    {CAREALIGN_ACC_PROPORTION, 1, 0},
    {CAREALIGN_ACC_PROPORTION, 1, CAREALIGN_ACC_WEIGHTED},
    {CAREALIGN_ACC_MEAN, 1, 0},
    {CAREALIGN_ACC_MEAN, 1000, 0},
    {CAREALIGN_ACC_MEAN, 100, CAREALIGN_ACC_WEIGHTED},
    {CAREALIGN_ACC_RATE, 1, 0},
    {CAREALIGN_ACC_RATE, 1, CAREALIGN_ACC_DENOMINATOR_SET},
    {CAREALIGN_ACC_RATE, 100, 0},
    {CAREALIGN_ACC_CHANGE, 1, 0},
    {CAREALIGN_ACC_CHANGE, 1000, 0},
    {CAREALIGN_ACC_TOTAL, 1, 0},
    {CAREALIGN_ACC_TOTAL, 10000, 0},
    {CAREALIGN_ACC_DISTRIBUTION, 1, 0},
    {CAREALIGN_ACC_DSR, 1, 0},
};

static carealign_acc *make(const config *c, int direction, double mid)
{
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = c->kind;
    p.scale = c->scale;
    p.flags = c->flags;
    if (c->kind == CAREALIGN_ACC_CHANGE) {
        p.direction = direction;
        p.mid = mid;
    }
    carealign_acc *a = NULL;
    assert_int_equal(carealign_acc_new(&p, &a), CAREALIGN_OK);
    return a;
}

static void assert_same_state(const carealign_acc *a, const carealign_acc *b)
{
    static unsigned char x[MAX_BLOB], y[MAX_BLOB];
    size_t nx = 0, ny = 0;
    assert_int_equal(carealign_acc_serialize(a, x, sizeof x, &nx), CAREALIGN_OK);
    assert_int_equal(carealign_acc_serialize(b, y, sizeof y, &ny), CAREALIGN_OK);
    assert_int_equal(nx, ny);
    assert_memory_equal(x, y, nx);
}

/* The public equivalent of carealign__acc_add_count: ones then zeros as
 * grid units, in batches of 64. */
static carealign_status count_public(carealign_acc *acc, uint64_t s, uint64_t n)
{
    carealign_status st = CAREALIGN_OK;
    int64_t units[64];
    while (n > 0 && st == CAREALIGN_OK) {
        size_t k = n < 64 ? (size_t)n : 64;
        for (size_t u = 0; u < k; u++)
            units[u] = s > u ? 1 : 0;
        st = carealign_acc_add_units(acc, units, k);
        s = s > k ? s - k : 0;
        n -= k;
    }
    return st;
}

static void test_same_as_public_calls(void **state)
{
    (void)state;
    rng = 20261123;
    for (size_t ci = 0; ci < sizeof configs / sizeof configs[0]; ci++) {
        const config *c = &configs[ci];
        for (int variant = 0; variant < 3; variant++) {
            int direction = variant == 1 ? -1 : 1;
            double mid = variant == 2 ? 3.0 : 0.0;
            carealign_acc *fast = make(c, direction, mid), *slow = make(c, direction, mid);
            int ok_fast = 0;
            for (int i = 0; i < N_RECORDS; i++) {
                carealign_status sf, ss;
                switch (next() % 3) {
                case 0: {
                    double v = c->kind == CAREALIGN_ACC_PROPORTION ? (double)(next() % 3)
                                                                   : value(c->scale);
                    if (next() % 8 == 0)
                        v = NAN;
                    sf = carealign__acc_add1(fast, v);
                    ss = carealign_acc_add(slow, v, 1.0);
                    break;
                }
                case 1: {
                    double a = value(c->scale), b = value(c->scale);
                    if (c->kind == CAREALIGN_ACC_RATE || c->kind == CAREALIGN_ACC_TOTAL)
                        a = next() % 4 == 0 ? a : (double)(next() % 5);
                    if (c->kind == CAREALIGN_ACC_TOTAL)
                        b = next() % 4 == 0 ? b : (double)(next() % 400);
                    sf = carealign__acc_add_pair1(fast, a, b);
                    ss = carealign_acc_add_pair(slow, a, b);
                    break;
                }
                default: {
                    uint64_t n = next() % 150, s = n == 0 ? 0 : next() % (n + 1);
                    sf = carealign__acc_add_count(fast, s, n);
                    ss = count_public(slow, s, n);
                    break;
                }
                }
                assert_int_equal(sf, ss);
                ok_fast += sf == CAREALIGN_OK;
            }
            /* every kind takes some records (DSR takes none of these calls) */
            if (c->kind != CAREALIGN_ACC_DSR)
                assert_true(ok_fast > 0);
            assert_same_state(fast, slow);
            carealign_acc_free(fast);
            carealign_acc_free(slow);
        }
    }
}

/* Overflow: the fast path changes nothing and gives the public call's error. */
static void test_overflow_falls_back(void **state)
{
    (void)state;
    config c = {CAREALIGN_ACC_PROPORTION, 1, 0};
    carealign_acc *fast = make(&c, 1, 0);
    assert_int_equal(carealign__acc_add_count(fast, UINT64_MAX - 5, UINT64_MAX - 5), CAREALIGN_OK);
    /* ten more would pass 2^64 - 1 records: the public path's ERANGE */
    assert_int_equal(carealign__acc_add_count(fast, 10, 10), CAREALIGN_ERANGE);
    carealign_acc_summary s = CAREALIGN_ACC_SUMMARY_INIT;
    assert_int_equal(carealign_acc_get_summary(fast, &s), CAREALIGN_OK);
    assert_true(s.n == UINT64_MAX - 5);
    carealign_acc_free(fast);
}

/* Same status and, on an error, the same message. */
static void assert_same_outcome(carealign_status fast, const char *fast_msg, carealign_status slow)
{
    assert_int_equal(fast, slow);
    if (slow != CAREALIGN_OK)
        assert_string_equal(fast_msg, carealign_last_error());
}

/* A weight: usually on the 2^-20 grid, sometimes 0, negative, NaN or huge. */
static double weight(void)
{
    switch (next() % 12) {
    case 0: return 0.0;
    case 1: return -1.0;
    case 2: return NAN;
    case 3: return 1e300;
    case 4: return INFINITY;
    default: return (double)(1 + next() % 4000000) / 1048576.0;
    }
}

/* One record (carealign__acc_rec) added to accumulators of every kind in
 * turn, the record often kept for several rounds (its prepared values
 * reused, also across parameters): each add as the public call. */
static void test_record_same_as_public_calls(void **state)
{
    (void)state;
    rng = 7;
    enum { N_ACC = sizeof configs / sizeof configs[0] };
    carealign_acc *fast[N_ACC], *slow[N_ACC];
    for (size_t i = 0; i < N_ACC; i++) {
        fast[i] = make(&configs[i], i % 2 ? -1 : 1, i % 3 ? 0.0 : 2.0);
        slow[i] = make(&configs[i], i % 2 ? -1 : 1, i % 3 ? 0.0 : 2.0);
    }
    carealign__acc_rec r;
    memset(&r, 0, sizeof r);
    static char msg[512];
    for (int round = 0; round < 2000; round++) {
        if (round % 3 != 0) { /* a new record; else the same again */
            int32_t scale = next() % 2 ? 1 : 100;
            switch (next() % 4) {
            case 0: {
                double v = next() % 2 ? (double)(next() % 3) : value(scale);
                carealign__acc_rec_value(&r, v);
                break;
            }
            case 3: {
                double v = next() % 2 ? (double)(next() % 3) : value(scale);
                carealign__acc_rec_weighted(&r, v, weight());
                break;
            }
            case 1: {
                double a = next() % 2 ? (double)(next() % 5) : value(scale);
                double b = next() % 2 ? (double)(next() % 400) : value(scale);
                carealign__acc_rec_pair(&r, a, b);
                break;
            }
            default: {
                uint64_t n = next() % 150, k = n == 0 ? 0 : next() % (n + 2);
                carealign__acc_rec_count(&r, k, n);
                break;
            }
            }
        }
        for (size_t j = 0; j < N_ACC; j++) {
            size_t i = (j + (size_t)round) % N_ACC;
            carealign_status sf = carealign__acc_add_rec(fast[i], &r);
            snprintf(msg, sizeof msg, "%s", carealign_last_error());
            carealign_status ss;
            switch (r.op) {
            case CAREALIGN__REC_VALUE: ss = carealign_acc_add(slow[i], r.a, 1.0); break;
            case CAREALIGN__REC_PAIR: ss = carealign_acc_add_pair(slow[i], r.a, r.b); break;
            case CAREALIGN__REC_WEIGHTED: ss = carealign_acc_add(slow[i], r.a, r.b); break;
            default:
                ss = r.successes <= r.n ? count_public(slow[i], r.successes, r.n)
                                        : carealign__acc_add_count(slow[i], r.successes, r.n);
                break;
            }
            assert_same_outcome(sf, msg, ss);
        }
    }
    for (size_t i = 0; i < N_ACC; i++) {
        assert_same_state(fast[i], slow[i]);
        carealign_acc_free(fast[i]);
        carealign_acc_free(slow[i]);
    }
}

/* A record that would overflow: nothing changes, the public call's error. */
static void test_record_overflow(void **state)
{
    (void)state;
    config c = {CAREALIGN_ACC_PROPORTION, 1, 0};
    carealign_acc *fast = make(&c, 1, 0);
    carealign__acc_rec r;
    memset(&r, 0, sizeof r);
    carealign__acc_rec_count(&r, UINT64_MAX - 5, UINT64_MAX - 5);
    assert_int_equal(carealign__acc_add_rec(fast, &r), CAREALIGN_OK);
    carealign__acc_rec_count(&r, 10, 10);
    assert_int_equal(carealign__acc_add_rec(fast, &r), CAREALIGN_ERANGE);
    carealign__acc_rec_value(&r, 1.0);
    for (int i = 0; i < 5; i++)
        assert_int_equal(carealign__acc_add_rec(fast, &r), CAREALIGN_OK);
    assert_int_equal(carealign__acc_add_rec(fast, &r), CAREALIGN_ERANGE);
    carealign_acc_summary s = CAREALIGN_ACC_SUMMARY_INIT;
    assert_int_equal(carealign_acc_get_summary(fast, &s), CAREALIGN_OK);
    assert_true(s.n == UINT64_MAX);
    carealign_acc_free(fast);
}

/* Values about the edge of fast.h's small grid path (0 <= u < 2^32 grid
 * units: 64-bit operands) added as records to a MEAN whose sum or sum of
 * squares is at its largest or about to carry, and to a fresh one: each
 * as the public call, status and state. */
static void test_small_grid_edges(void **state)
{
    (void)state;
    static const double values[] = {0, 1, 3, 4294967295.0, 4294967296.0, -1, -4294967296.0};
    enum { N_VALUES = sizeof values / sizeof values[0] };
    static char msg[512];
    for (int edge = 0; edge < 6; edge++)
        for (size_t v = 0; v < N_VALUES; v++) {
            config c = {CAREALIGN_ACC_MEAN, 1, 0};
            carealign_acc *acc[2] = {make(&c, 1, 0), make(&c, 1, 0)};
            for (int i = 0; i < 2; i++) {
                assert_int_equal(carealign_acc_add(acc[i], 2.0, 1.0), CAREALIGN_OK);
                carealign__acc_state *s = &acc[i]->st;
                switch (edge) {
                case 1: s->sum = carealign__u128_make(INT64_MAX, UINT64_MAX); break;
                case 2: s->sum = carealign__u128_make(INT64_MAX, UINT64_MAX - 2); break;
                case 5: s->sum = carealign__u128_make(UINT64_MAX, UINT64_MAX - 1); break;
                case 3: s->sumsq = carealign__u128_make(UINT64_MAX, UINT64_MAX - 3); break;
                case 4: s->sumsq = carealign__u128_make(5, UINT64_MAX - 1); break;
                default: break;
                }
            }
            carealign__acc_rec r;
            memset(&r, 0, sizeof r);
            carealign__acc_rec_value(&r, values[v]);
            for (int round = 0; round < 2; round++) { /* prepared, then again */
                carealign_status sf = carealign__acc_add_rec(acc[0], &r);
                snprintf(msg, sizeof msg, "%s", carealign_last_error());
                assert_same_outcome(sf, msg, carealign_acc_add(acc[1], values[v], 1.0));
                assert_same_state(acc[0], acc[1]);
            }
            carealign_acc_free(acc[0]);
            carealign_acc_free(acc[1]);
        }
}

/* Weighted adds (carealign__acc_add_weighted1 / _count) and DSR bands
 * (carealign__acc_add_band1) as the public calls, in the same order. */
static void test_weighted_and_bands_same_as_public_calls(void **state)
{
    (void)state;
    rng = 11;
    static const config wconfigs[] = {
        {CAREALIGN_ACC_PROPORTION, 1, CAREALIGN_ACC_WEIGHTED},
        {CAREALIGN_ACC_MEAN, 100, CAREALIGN_ACC_WEIGHTED},
        {CAREALIGN_ACC_MEAN, 1, 0},
    };
    static char msg[512];
    for (size_t ci = 0; ci < sizeof wconfigs / sizeof wconfigs[0]; ci++) {
        carealign_acc *fast = make(&wconfigs[ci], 1, 0), *slow = make(&wconfigs[ci], 1, 0);
        for (int i = 0; i < N_RECORDS; i++) {
            double w = weight();
            carealign_status sf, ss = CAREALIGN_OK;
            if (next() % 2) {
                double x = wconfigs[ci].kind == CAREALIGN_ACC_PROPORTION && next() % 4
                               ? (double)(next() % 3)
                               : value(wconfigs[ci].scale);
                sf = carealign__acc_add_weighted1(fast, x, w);
                snprintf(msg, sizeof msg, "%s", carealign_last_error());
                ss = carealign_acc_add(slow, x, w);
            } else {
                uint64_t n = next() % 20, k = n == 0 ? 0 : next() % (n + 1);
                sf = carealign__acc_add_weighted_count(fast, k, n, w);
                snprintf(msg, sizeof msg, "%s", carealign_last_error());
                for (uint64_t j = 0; j < n && ss == CAREALIGN_OK; j++)
                    ss = carealign_acc_add(slow, j < k ? 1.0 : 0.0, w);
            }
            assert_same_outcome(sf, msg, ss);
        }
        assert_same_state(fast, slow);
        carealign_acc_free(fast);
        carealign_acc_free(slow);
    }
    /* DSR, the whole ESP and a custom standard */
    for (int custom = 0; custom < 2; custom++) {
        double standard[19];
        for (int b = 0; b < 19; b++)
            standard[b] = b % 4 == 0 ? 0.0 : 1000.0 + b;
        carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
        p.kind = CAREALIGN_ACC_DSR;
        if (custom) {
            p.standard = standard;
            p.n_bands = 19;
        }
        carealign_acc *fast = NULL, *slow = NULL;
        assert_int_equal(carealign_acc_new(&p, &fast), CAREALIGN_OK);
        assert_int_equal(carealign_acc_new(&p, &slow), CAREALIGN_OK);
        const double *sf_std = carealign__acc_standard(fast);
        assert_true(custom ? sf_std != NULL && sf_std[1] == 1001.0 : sf_std == NULL);
        for (int i = 0; i < N_RECORDS; i++) {
            int32_t band = (int32_t)(next() % 23) - 2;
            double e = next() % 5 == 0 ? value(1) : (double)(next() % 7);
            carealign_status sf = carealign__acc_add_band1(fast, band, e);
            snprintf(msg, sizeof msg, "%s", carealign_last_error());
            assert_same_outcome(sf, msg, carealign_acc_add_band(slow, band, e));
        }
        assert_same_state(fast, slow);
        carealign_acc_free(fast);
        carealign_acc_free(slow);
    }
}

/* The 64-bit-half adds of fast.h (carealign__fast_u128_add64, _i128_add64,
 * _u128_add2) against wide.h's carealign__u128_add and carealign__i128_add:
 * the same sum and the same overflow on edge and random operands. */
static void test_wide_adds_same_as_wide_h(void **state)
{
    (void)state;
    rng = 17;
    static const uint64_t edges[] = {
        0, 1, 2, 0x7fffffffffffffffu, 0x8000000000000000u, 0xfffffffffffffffeu, UINT64_MAX};
    enum { N_EDGES = sizeof edges / sizeof edges[0] };
    for (int i = 0; i < 40000; i++) {
        carealign__u128 a, b;
        if (i < N_EDGES * N_EDGES * N_EDGES) {
            a = carealign__u128_make(edges[i % N_EDGES], edges[(i / N_EDGES) % N_EDGES]);
            b = carealign__u128_make(0, edges[(i / (N_EDGES * N_EDGES)) % N_EDGES]);
        } else {
            a = carealign__u128_make(next() % 4 == 0 ? edges[next() % N_EDGES] : next(), next());
            b = carealign__u128_make(next() % 2 == 0 ? 0 : next(), next());
        }
        carealign__u128 want = carealign__u128_make(5, 5), got = carealign__u128_make(5, 5);
        /* unsigned 128 + 64 */
        carealign__u128 b64 = carealign__u128_from_u64(b.lo);
        int ow = carealign__u128_add(&want, a, b64), og = carealign__fast_u128_add64(&got, a, b.lo);
        assert_int_equal(ow, og);
        assert_true(got.lo == want.lo && got.hi == want.hi);
        /* signed 128 + sign-extended 64 */
        want = got = carealign__u128_make(7, 7);
        ow = carealign__i128_add(&want, a, carealign__i128_from_i64((int64_t)b.lo));
        og = carealign__fast_i128_add64(&got, a, (int64_t)b.lo);
        assert_int_equal(ow, og);
        assert_true(got.lo == want.lo && got.hi == want.hi);
        /* signed 128 + a 64-bit b >= 0 */
        const uint64_t bp = b.lo & (uint64_t)INT64_MAX;
        want = got = carealign__u128_make(8, 8);
        ow = carealign__i128_add(&want, a, carealign__i128_from_i64((int64_t)bp));
        og = carealign__fast_i128_add64p(&got, a, bp);
        assert_int_equal(ow, og);
        assert_true(got.lo == want.lo && got.hi == want.hi);
        /* unsigned 128 + 128 */
        if (i < N_EDGES * N_EDGES * N_EDGES)
            b.hi = edges[(i / 7) % N_EDGES];
        want = got = carealign__u128_make(9, 9);
        ow = carealign__u128_add(&want, a, b);
        og = carealign__fast_u128_add2(&got, a, b);
        assert_int_equal(ow, og);
        assert_true(got.lo == want.lo && got.hi == want.hi);
    }
}

/* Blocks the library holds of counting_malloc (main sets it). */
static long live_blocks;

static void *counting_malloc(size_t bytes, void *user)
{
    (void)user;
    void *p = malloc(bytes);
    live_blocks += p != NULL;
    return p;
}

static void *counting_realloc(void *ptr, size_t bytes, void *user)
{
    (void)user;
    void *p = realloc(ptr, bytes);
    live_blocks += ptr == NULL && p != NULL;
    return p;
}

static void counting_free(void *ptr, void *user)
{
    (void)user;
    live_blocks -= ptr != NULL;
    free(ptr);
}

/* The cache line of byte p. */
static uintptr_t line_of(const void *p)
{
    return (uintptr_t)p / 64;
}

/* Are the fields a one-record add to acc touches (accum_impl.h) in one
 * cache line: sum to successes, or for a RATE n to exposure? */
static int one_line(const carealign_acc *acc)
{
    const carealign__acc_state *s = &acc->st;
    if (acc->kind == CAREALIGN_ACC_RATE)
        return line_of(&s->n) == line_of((const char *)(&s->exposure + 1) - 1);
    return line_of(&s->sum) == line_of((const char *)(&s->successes + 1) - 1);
}

/* Every accumulator (new, clone, deserialize; every kind) has the fields
 * a one-record add touches in one cache line, adds to it are the public
 * calls' (the other tests), and its blocks are the user allocator's, all
 * given back by carealign_acc_free. */
static void test_accumulators_cache_aligned(void **state)
{
    (void)state;
    const long before = live_blocks;
    enum { N = sizeof configs / sizeof configs[0] };
    for (size_t i = 0; i < N; i++) {
        carealign_acc *a[3] = {make(&configs[i], 1, 0), NULL, NULL};
        for (int k = 0; k < 5; k++) /* DISTRIBUTION: a histogram to clone and read back */
            (void)carealign_acc_add(a[0], (double)k, 1.0);
        assert_int_equal(carealign_acc_clone(a[0], &a[1]), CAREALIGN_OK);
        static unsigned char blob[MAX_BLOB];
        size_t n = 0;
        assert_int_equal(carealign_acc_serialize(a[0], blob, sizeof blob, &n), CAREALIGN_OK);
        assert_int_equal(carealign_acc_deserialize(blob, n, &a[2]), CAREALIGN_OK);
        for (int k = 0; k < 3; k++) {
            assert_true(one_line(a[k]));
        }
        assert_same_state(a[0], a[1]);
        assert_same_state(a[0], a[2]);
        assert_true(live_blocks > before);
        for (int k = 0; k < 3; k++)
            carealign_acc_free(a[k]);
        assert_int_equal(live_blocks, before);
    }
    /* a DSR of a custom standard: its own blocks too */
    const double standard[3] = {1, 2, 3};
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = CAREALIGN_ACC_DSR;
    p.standard = standard;
    p.n_bands = 3;
    carealign_acc *d = NULL;
    assert_int_equal(carealign_acc_new(&p, &d), CAREALIGN_OK);
    assert_true(one_line(d));
    carealign_acc_free(d);
    assert_int_equal(live_blocks, before);
}

int main(void)
{
    carealign_allocator allocator;
    carealign_allocator_init(&allocator, sizeof allocator);
    allocator.malloc_fn = counting_malloc;
    allocator.realloc_fn = counting_realloc;
    allocator.free_fn = counting_free;
    if (carealign_set_allocator(&allocator) != CAREALIGN_OK)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accumulators_cache_aligned),
        cmocka_unit_test(test_same_as_public_calls),
        cmocka_unit_test(test_overflow_falls_back),
        cmocka_unit_test(test_record_same_as_public_calls),
        cmocka_unit_test(test_record_overflow),
        cmocka_unit_test(test_small_grid_edges),
        cmocka_unit_test(test_weighted_and_bands_same_as_public_calls),
        cmocka_unit_test(test_wide_adds_same_as_wide_h),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

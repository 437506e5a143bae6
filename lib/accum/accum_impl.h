/* Internal to lib/accum: the accumulator's representation, shared by the
 * lifecycle and adding code (accum.c), the blob format (format.c) and
 * finalize (finalize.c). Never installed. */
#ifndef CAREALIGN_ACCUM_IMPL_H
#define CAREALIGN_ACCUM_IMPL_H

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "carealign/accum.h"
#include "accum/wide.h"

/* Largest magnitude of a grid value read from a double: 2^53, below which
 * every integer is exactly a double. Differences (CHANGE) reach 2^54. */
#define CAREALIGN__GRID_MAX 9007199254740992.0
#define CAREALIGN__GRID_MAX_I64 ((int64_t)1 << 53)
#define CAREALIGN__DIFF_MAX_I64 ((int64_t)1 << 54)

/* The number of bands of the European Standard Population 2013. */
#define CAREALIGN__ESP2013_BANDS 19u

/* Classification without <math.h>'s macros, whose mingw-w64 versions
 * trip -Wfloat-conversion. IEEE 754 arithmetic is required anyway. */
static inline int carealign__is_nan(double x)
{
    return x != x;
}

static inline int carealign__is_finite(double x)
{
    return x >= -DBL_MAX && x <= DBL_MAX;
}

static inline int carealign__sign_bit(double x)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    return (int)(bits >> 63);
}

/* A compensated (Neumaier) sum: the value is s + c. */
typedef struct carealign__nsum {
    double s;
    double c;
} carealign__nsum;

/* a + x (Neumaier): shared by the public adds (accum.c) and the one-record
 * paths (fast.c), which must give the same bits. */
static inline carealign__nsum carealign__nsum_add(carealign__nsum a, double x)
{
    double t = a.s + x;
    if (fabs(a.s) >= fabs(x))
        a.c += (a.s - t) + x;
    else
        a.c += (x - t) + a.s;
    a.s = t;
    return a;
}

/* Is the compensated sum's every part finite (accum.c's merge check)? */
static inline int carealign__nsum_finite(carealign__nsum a)
{
    return carealign__is_finite(a.s) && carealign__is_finite(a.c) &&
           carealign__is_finite(a.s + a.c);
}

/* The part of the state that is plain numbers (no allocation), so that a
 * batch can be built aside and merged in only when it is complete.
 *
 * Ordered for the scorecard's one-record adds (fast.h), which touch one
 * accumulator after another far apart in memory: a MEAN or TOTAL value
 * (sum, sumsq, min, max, n), a PROPORTION (n, successes) and a RATE (n,
 * events, exposure) each read and write 64 bytes or fewer in a row, and an
 * accumulator is allocated with the row of its kind at the start of a cache
 * line (carealign__acc_alloc, carealign__acc_line_start): one cache line
 * per add. The blob format (format.c) writes each field by name: the order
 * here is not part of it. */
typedef struct carealign__acc_state {
    carealign__u128 sum;            /* signed: MEAN, CHANGE, TOTAL, DISTRIBUTION (derived) */
    carealign__u128 sumsq;          /* unsigned */
    int64_t min, max;               /* grid units; meaningful when n > 0 */
    uint64_t n;                     /* records added, missing ones excluded */
    uint64_t successes;             /* PROPORTION: outcomes equal to 1 */
    carealign__u128 events;         /* RATE */
    carealign__u128 exposure;       /* RATE: person-time in grid units */
    uint64_t n_missing;             /* records skipped for NaN */
    uint64_t n_improved;            /* CHANGE */
    uint64_t n_unchanged;           /* CHANGE */
    uint64_t n_deteriorated;        /* CHANGE */
    carealign__nsum w, w2, wx, wxx; /* weighted kinds: sum w, w^2, w x, w x^2 (x in grid units) */
    double denominator;             /* RATE with DENOMINATOR_SET */
    int32_t has_denominator;
    carealign__u128 sum_e;  /* TOTAL: exposure days */
    carealign__u128 sum_e2; /* TOTAL: exposure days squared */
    carealign__u128 sum_ae; /* TOTAL: signed, amount x exposure days */
} carealign__acc_state;

typedef struct carealign__hist_entry {
    int64_t value;  /* grid units, strictly increasing along the array */
    uint64_t count; /* >= 1 */
} carealign__hist_entry;

/* The cache line an accumulator's hot fields are fitted to
 * (carealign__acc_alloc). */
#define CAREALIGN__ACC_LINE 64

/* The offset in carealign__acc_state of the first of the fields a
 * one-record add of an accumulator of `kind` touches, which
 * carealign__acc_alloc puts at the start of a cache line: a RATE's n
 * (then events, exposure), else sum (sumsq, min, max, n, successes). */
static inline size_t carealign__acc_line_start(int32_t kind)
{
    return kind == CAREALIGN_ACC_RATE ? offsetof(carealign__acc_state, n)
                                      : offsetof(carealign__acc_state, sum);
}

struct carealign_acc {
    /* first, so that its commonest fields are one cache line (see above) */
    carealign__acc_state st;

    /* parameters, normalised (defaults filled in) */
    int32_t kind;
    int32_t scale; /* 1, 100, 1000, 10000 (1 for PROPORTION and DSR) */
    int32_t unit;
    int32_t direction; /* CHANGE: +1 or -1 (0 is normalised to +1) */
    double per;        /* RATE, DSR; 0 for the other kinds */
    int64_t mid_units; /* CHANGE: MID in grid units */
    int32_t stdpop;    /* DSR: 0 ESP2013 (standard NULL) */
    uint32_t n_bands;  /* DSR */
    double *standard;  /* DSR custom standard (n_bands), owned, or NULL */
    uint32_t flags;
    uint8_t context[CAREALIGN_ACC_CONTEXT_SIZE];
    uint32_t methods_version;

    /* DSR: per band (n_bands each), owned */
    carealign__u128 *band_events;
    double *band_population;
    uint8_t *band_has_population;

    /* DISTRIBUTION: sorted histogram, owned */
    carealign__hist_entry *hist;
    size_t hist_len;
    size_t hist_cap;
};

/* A value on the grid: value * scale within 1e-9 of an integer of
 * magnitude at most 2^53. Returns 1 and sets *u, or 0. NaN gives 0.
 * Shared by the public adds (accum.c) and the one-record paths (fast.c). */
static inline int carealign__acc_to_grid(double x, double scale, int64_t *u)
{
    double y = x * scale;
    if (!(y >= -CAREALIGN__GRID_MAX && y <= CAREALIGN__GRID_MAX))
        return 0;
    int64_t r = (int64_t)y; /* toward zero; y - r is exact */
    double f = y - (double)r;
    if (f > 0.5) {
        r++;
        f -= 1.0;
    } else if (f < -0.5) {
        r--;
        f += 1.0;
    }
    if (f > 1e-9 || f < -1e-9)
        return 0;
    *u = r;
    return 1;
}

/* A whole number >= 0 and at most 2^53 (events, exposure days). */
static inline int carealign__acc_to_whole(double x, uint64_t *u)
{
    if (!(x >= 0 && x <= CAREALIGN__GRID_MAX))
        return 0;
    uint64_t r = (uint64_t)x;
    if ((double)r != x)
        return 0;
    *u = r;
    return 1;
}

/* s with grid value u added, given its new sum and sum of squares (n,
 * min and max updated here). */
static inline void carealign__acc_grid_store(carealign__acc_state *s, int64_t u,
                                             carealign__u128 sum, carealign__u128 sq)
{
    s->sum = sum;
    s->sumsq = sq;
    if (s->n == 0 || u < s->min)
        s->min = u;
    if (s->n == 0 || u > s->max)
        s->max = u;
    s->n++;
}

/* s += one grid value (n, sum, sum of squares, min, max); 1 on overflow,
 * s unchanged. */
static inline int carealign__acc_state_add_grid(carealign__acc_state *s, int64_t u)
{
    carealign__u128 sum, sq;
    if (s->n == UINT64_MAX || carealign__i128_add(&sum, s->sum, carealign__i128_from_i64(u)) ||
        carealign__u128_add(&sq, s->sumsq, carealign__square64(u)))
        return 1;
    carealign__acc_grid_store(s, u, sum, sq);
    return 0;
}

/* CHANGE: the counter of s that a difference of diff grid units (after -
 * before) goes to, by the accumulator's direction and minimal important
 * difference. */
static inline uint64_t *carealign__acc_change_bucket(const struct carealign_acc *acc,
                                                     carealign__acc_state *s, int64_t diff)
{
    int64_t g = acc->direction < 0 ? -diff : diff;
    if (acc->mid_units == 0 ? g > 0 : g >= acc->mid_units)
        return &s->n_improved;
    if (acc->mid_units == 0 ? g < 0 : g <= -acc->mid_units)
        return &s->n_deteriorated;
    return &s->n_unchanged;
}

/* The fast path of carealign_acc_add_batch (accum.c): running sums of
 * values already known to be on the grid with |u| < 2^31. */
typedef struct carealign__fast_sums {
    int64_t sum, min, max;
    uint64_t sq_lo, sq_hi;
} carealign__fast_sums;

#if defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2)
#include <emmintrin.h>
#define CAREALIGN__ACC_SSE2 1
#else
#define CAREALIGN__ACC_SSE2 0
#endif

/* Values a chunk of the fast path takes (a multiple of 2). */
#define CAREALIGN__GRID_CHUNK 256

/* Add CAREALIGN__GRID_CHUNK values to *a when all are on the grid with
 * |u| < 2^31 and return 1; otherwise change nothing and return 0. The two
 * give identical results; the SSE2 one exists where SSE2 does. */
int carealign__grid_chunk_scalar(const double *values, double scale, carealign__fast_sums *a);
#if CAREALIGN__ACC_SSE2
int carealign__grid_chunk_sse2(const double *values, double scale, carealign__fast_sums *a);
#endif

/* Allocate an accumulator with normalised parameters already in `proto`
 * (its pointers ignored; `standard` copied from `standard`). */
carealign_status carealign__acc_alloc(const carealign_acc *proto, const double *standard,
                                      carealign_acc **out);

/* The value of a compensated sum. */
double carealign__nsum_value(carealign__nsum a);

/* Check the normalised parameters of `acc` (used by new and deserialize);
 * returns 0 when valid, else writes a reason into *why. */
int carealign__acc_params_valid(const carealign_acc *acc, const char **why);

#endif /* CAREALIGN_ACCUM_IMPL_H */

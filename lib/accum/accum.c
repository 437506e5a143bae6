/* Accumulators: parameters, lifecycle, adding values, merging, summaries
 * and quantiles. Exact kinds keep integer grid units in 64/128 bits; the
 * weighted kinds keep compensated floating sums. Every add and merge is
 * all or nothing: the new state is built aside and committed only when
 * nothing failed. */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "accum/accum_impl.h"

/* ------------------------------------------------------------------------
 * Small helpers
 */

static const char *kind_name(int32_t kind)
{
    switch (kind) {
    case CAREALIGN_ACC_PROPORTION: return "PROPORTION";
    case CAREALIGN_ACC_MEAN: return "MEAN";
    case CAREALIGN_ACC_RATE: return "RATE";
    case CAREALIGN_ACC_DSR: return "DSR";
    case CAREALIGN_ACC_CHANGE: return "CHANGE";
    case CAREALIGN_ACC_TOTAL: return "TOTAL";
    case CAREALIGN_ACC_DISTRIBUTION: return "DISTRIBUTION";
    }
    return "unknown";
}

double carealign__nsum_value(carealign__nsum a)
{
    return a.s + a.c;
}

static carealign__nsum nsum_add(carealign__nsum a, double x)
{
    return carealign__nsum_add(a, x);
}

static carealign__nsum nsum_merge(carealign__nsum a, carealign__nsum b)
{
    a = nsum_add(a, b.s);
    a.c += b.c;
    return a;
}

static int nsum_finite(carealign__nsum a)
{
    return carealign__nsum_finite(a);
}

/* "values[12]" in a batch, "value" for a single call. */
static carealign_status bad_element(carealign_status status, const char *fn, int batch,
                                    const char *name, size_t index, const char *what)
{
    if (batch)
        return carealign__error(status, "%s: %s[%zu] %s", fn, name, index, what);
    return carealign__error(status, "%s: %s %s", fn, name, what);
}

static const char *grid_text(int32_t scale)
{
    switch (scale) {
    case 100: return "is not on the 1/100 grid or is beyond 2^53 grid units";
    case 1000: return "is not on the 1/1000 grid or is beyond 2^53 grid units";
    case 10000: return "is not on the 1/10000 grid or is beyond 2^53 grid units";
    }
    return "is not a whole number or is beyond 2^53";
}

/* ------------------------------------------------------------------------
 * State arithmetic (checked: 1 on overflow, the state unchanged)
 */

static int add_u64(uint64_t *r, uint64_t a, uint64_t b)
{
    if (a > UINT64_MAX - b)
        return 1;
    *r = a + b;
    return 0;
}

/* out = a + b. Returns 0, 1 on overflow or 2 when both have a different set
 * denominator. */
static int state_merge(carealign__acc_state *out, const carealign__acc_state *a,
                       const carealign__acc_state *b)
{
    carealign__acc_state r = *a;
    if (add_u64(&r.n, a->n, b->n) || add_u64(&r.n_missing, a->n_missing, b->n_missing) ||
        add_u64(&r.successes, a->successes, b->successes) ||
        add_u64(&r.n_improved, a->n_improved, b->n_improved) ||
        add_u64(&r.n_unchanged, a->n_unchanged, b->n_unchanged) ||
        add_u64(&r.n_deteriorated, a->n_deteriorated, b->n_deteriorated) ||
        carealign__i128_add(&r.sum, a->sum, b->sum) ||
        carealign__u128_add(&r.sumsq, a->sumsq, b->sumsq) ||
        carealign__u128_add(&r.events, a->events, b->events) ||
        carealign__u128_add(&r.exposure, a->exposure, b->exposure) ||
        carealign__u128_add(&r.sum_e, a->sum_e, b->sum_e) ||
        carealign__u128_add(&r.sum_e2, a->sum_e2, b->sum_e2) ||
        carealign__i128_add(&r.sum_ae, a->sum_ae, b->sum_ae))
        return 1;
    if (b->n > 0) {
        r.min = (a->n == 0 || b->min < a->min) ? b->min : a->min;
        r.max = (a->n == 0 || b->max > a->max) ? b->max : a->max;
    }
    r.w = nsum_merge(a->w, b->w);
    r.w2 = nsum_merge(a->w2, b->w2);
    r.wx = nsum_merge(a->wx, b->wx);
    r.wxx = nsum_merge(a->wxx, b->wxx);
    if (!nsum_finite(r.w) || !nsum_finite(r.w2) || !nsum_finite(r.wx) || !nsum_finite(r.wxx))
        return 1;
    if (b->has_denominator) {
        if (a->has_denominator && !(a->denominator == b->denominator))
            return 2;
        r.has_denominator = 1;
        r.denominator = b->denominator;
    }
    *out = r;
    return 0;
}

/* Commit a batch's state into acc. */
static carealign_status commit(carealign_acc *acc, const carealign__acc_state *delta,
                               const char *fn)
{
    carealign__acc_state merged;
    if (state_merge(&merged, &acc->st, delta) != 0)
        return carealign__error(CAREALIGN_ERANGE, "%s: a sum would overflow; nothing was added",
                                fn);
    acc->st = merged;
    return CAREALIGN_OK;
}

/* ------------------------------------------------------------------------
 * Parameters
 */

carealign_status carealign_acc_params_init(carealign_acc_params *params, size_t size)
{
    return carealign__init_struct(params, size, sizeof(carealign_acc_params),
                                  "carealign_acc_params");
}

carealign_status carealign_acc_summary_init(carealign_acc_summary *summary, size_t size)
{
    return carealign__init_struct(summary, size, sizeof(carealign_acc_summary),
                                  "carealign_acc_summary");
}

static int scale_ok(int32_t scale)
{
    return scale == 1 || scale == 100 || scale == 1000 || scale == 10000;
}

static uint32_t allowed_flags(int32_t kind)
{
    switch (kind) {
    case CAREALIGN_ACC_PROPORTION:
    case CAREALIGN_ACC_MEAN: return CAREALIGN_ACC_WEIGHTED;
    case CAREALIGN_ACC_RATE: return CAREALIGN_ACC_DENOMINATOR_SET;
    case CAREALIGN_ACC_TOTAL: return CAREALIGN_ACC_PER_PERSON_YEAR;
    }
    return 0;
}

int carealign__acc_params_valid(const carealign_acc *a, const char **why)
{
    int32_t k = a->kind;
    if (k < CAREALIGN_ACC_PROPORTION || k > CAREALIGN_ACC_DISTRIBUTION) {
        *why = "kind is not a CAREALIGN_ACC_ kind";
        return 0;
    }
    if (!scale_ok(a->scale) ||
        ((k == CAREALIGN_ACC_PROPORTION || k == CAREALIGN_ACC_DSR) && a->scale != 1)) {
        *why = "scale must be 1, 100, 1000 or 10000 (and 0 or 1 for PROPORTION and DSR)";
        return 0;
    }
    if (k == CAREALIGN_ACC_TOTAL ? (a->unit < CAREALIGN_UNIT_COUNT || a->unit > CAREALIGN_UNIT_DAYS)
                                 : a->unit != 0) {
        *why = "unit must be a CAREALIGN_UNIT_ constant for TOTAL and 0 otherwise";
        return 0;
    }
    if (k == CAREALIGN_ACC_CHANGE ? (a->direction != 1 && a->direction != -1) : a->direction != 0) {
        *why = "direction must be 0, 1 or -1 for CHANGE and 0 otherwise";
        return 0;
    }
    if (k == CAREALIGN_ACC_RATE || k == CAREALIGN_ACC_DSR
            ? !(carealign__is_finite(a->per) && a->per > 0)
            : !(a->per == 0 && !carealign__sign_bit(a->per))) {
        *why = "per must be finite and > 0 for RATE and DSR and 0 otherwise";
        return 0;
    }
    if (k == CAREALIGN_ACC_CHANGE ? (a->mid_units < 0 || a->mid_units > CAREALIGN__GRID_MAX_I64)
                                  : a->mid_units != 0) {
        *why = "mid must be >= 0 and on the grid for CHANGE and 0 otherwise";
        return 0;
    }
    if (a->stdpop != 0) {
        *why = "stdpop must be 0 (the European Standard Population 2013)";
        return 0;
    }
    if (k == CAREALIGN_ACC_DSR) {
        if (a->standard == NULL && a->n_bands != CAREALIGN__ESP2013_BANDS) {
            *why = "n_bands must be 0 or 19 with the European Standard Population 2013";
            return 0;
        }
        if (a->standard != NULL) {
            if (a->n_bands < 1 || a->n_bands > CAREALIGN_ACC_MAX_BANDS) {
                *why = "n_bands must be 1 to 256 with a custom standard population";
                return 0;
            }
            int positive = 0;
            for (uint32_t i = 0; i < a->n_bands; i++) {
                double w = a->standard[i];
                if (!(carealign__is_finite(w) && w >= 0) || (w == 0 && carealign__sign_bit(w))) {
                    *why = "standard population weights must be finite and >= 0";
                    return 0;
                }
                positive |= w > 0;
            }
            if (!positive) {
                *why = "a standard population needs a weight above 0";
                return 0;
            }
        }
    } else if (a->n_bands != 0 || a->standard != NULL) {
        *why = "n_bands and standard apply to DSR only";
        return 0;
    }
    if ((a->flags & ~allowed_flags(k)) != 0) {
        *why = "a flag does not apply to this kind";
        return 0;
    }
    if (a->methods_version < 1) {
        *why = "methods version must be 1 or more";
        return 0;
    }
    return 1;
}

/* A zeroed accumulator of `kind` whose state's field
 * carealign__acc_line_start(kind) starts a cache line (see
 * carealign__acc_state), inside one carealign__malloc block whose address
 * is kept in the bytes just before it (acc_block_free); NULL when out of
 * memory. */
static carealign_acc *acc_block(int32_t kind)
{
    const size_t a = CAREALIGN__ACC_LINE, lead = sizeof(void *);
    const size_t start = offsetof(carealign_acc, st) + carealign__acc_line_start(kind);
    unsigned char *raw = carealign__malloc(sizeof(carealign_acc) + lead + a - 1);
    if (raw == NULL)
        return NULL;
    const size_t off = lead + (a - (size_t)(((uintptr_t)raw + lead + start) & (a - 1))) % a;
    unsigned char *p = raw + off;
    memcpy(p - lead, &raw, sizeof raw);
    memset(p, 0, sizeof(carealign_acc));
    return (carealign_acc *)(void *)p;
}

/* The rows carealign__acc_line_start begins fit in a cache line. */
_Static_assert(offsetof(carealign__acc_state, successes) + sizeof(uint64_t) <= CAREALIGN__ACC_LINE,
               "a value's and a proportion's fields span two cache lines");
_Static_assert(offsetof(carealign__acc_state, exposure) + sizeof(carealign__u128) -
                       offsetof(carealign__acc_state, n) <=
                   CAREALIGN__ACC_LINE,
               "a rate's fields span two cache lines");

/* Free an accumulator's block (acc_block). */
static void acc_block_free(carealign_acc *acc)
{
    void *raw;
    memcpy(&raw, (unsigned char *)acc - sizeof raw, sizeof raw);
    carealign__free(raw);
}

carealign_status carealign__acc_alloc(const carealign_acc *proto, const double *standard,
                                      carealign_acc **out)
{
    carealign_acc *acc = acc_block(proto->kind);
    if (acc == NULL)
        return CAREALIGN_ENOMEM;
    *acc = *proto;
    acc->standard = NULL;
    acc->band_events = NULL;
    acc->band_population = NULL;
    acc->band_has_population = NULL;
    acc->hist = NULL;
    acc->hist_len = acc->hist_cap = 0;
    memset(&acc->st, 0, sizeof acc->st);
    if (acc->kind == CAREALIGN_ACC_DSR) {
        size_t nb = acc->n_bands;
        if (standard != NULL) {
            acc->standard = carealign__calloc(nb, sizeof(double));
            if (acc->standard != NULL)
                memcpy(acc->standard, standard, nb * sizeof(double));
        }
        acc->band_events = carealign__calloc(nb, sizeof(carealign__u128));
        acc->band_population = acc->band_events ? carealign__calloc(nb, sizeof(double)) : NULL;
        acc->band_has_population = acc->band_population ? carealign__calloc(nb, 1) : NULL;
        if ((standard != NULL && acc->standard == NULL) || acc->band_has_population == NULL) {
            carealign_acc_free(acc);
            return CAREALIGN_ENOMEM;
        }
    }
    *out = acc;
    return CAREALIGN_OK;
}

carealign_status carealign_acc_new(const carealign_acc_params *params, carealign_acc **out)
{
    if (params == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_acc_new: NULL argument");
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    carealign_status status =
        carealign__read_struct(&p, sizeof p, params, sizeof p, "carealign_acc_params");
    if (status != CAREALIGN_OK)
        return status;
    if (p.reserved != 0)
        return carealign__error(CAREALIGN_EINVAL, "carealign_acc_new: reserved must be zero");
    if (p.stdpop != 0)
        return carealign__error(CAREALIGN_EUNSUPPORTED,
                                "carealign_acc_new: unknown standard population %d", p.stdpop);

    carealign_acc proto;
    memset(&proto, 0, sizeof proto);
    proto.kind = p.kind;
    proto.scale = p.scale == 0 ? 1 : p.scale;
    proto.unit = p.unit;
    proto.direction = (p.kind == CAREALIGN_ACC_CHANGE && p.direction == 0) ? 1 : p.direction;
    proto.per = ((p.kind == CAREALIGN_ACC_RATE || p.kind == CAREALIGN_ACC_DSR) && p.per == 0)
                    ? 100000.0
                    : p.per;
    proto.stdpop = p.stdpop;
    proto.n_bands = (p.kind == CAREALIGN_ACC_DSR && p.standard == NULL && p.n_bands == 0)
                        ? CAREALIGN__ESP2013_BANDS
                        : p.n_bands;
    proto.standard = (double *)(uintptr_t)p.standard; /* only read, then copied */
    proto.flags = p.flags;
    memcpy(proto.context, p.context, sizeof proto.context);
    proto.methods_version = carealign_methods_version();
    if (p.kind == CAREALIGN_ACC_CHANGE) {
        int64_t mid;
        if (!(p.mid >= 0) || !scale_ok(proto.scale) ||
            !carealign__acc_to_grid(p.mid, proto.scale, &mid))
            return carealign__error(CAREALIGN_EINVAL,
                                    "carealign_acc_new: mid must be >= 0 and on the grid");
        proto.mid_units = mid;
    } else if (p.mid != 0) {
        return carealign__error(CAREALIGN_EINVAL, "carealign_acc_new: mid applies to CHANGE only");
    }

    const char *why = NULL;
    if (!carealign__acc_params_valid(&proto, &why))
        return carealign__error(CAREALIGN_EINVAL, "carealign_acc_new: %s", why);
    return carealign__acc_alloc(&proto, p.standard, out);
}

void carealign_acc_free(carealign_acc *acc)
{
    if (acc == NULL)
        return;
    carealign__free(acc->standard);
    carealign__free(acc->band_events);
    carealign__free(acc->band_population);
    carealign__free(acc->band_has_population);
    carealign__free(acc->hist);
    acc_block_free(acc);
}

void carealign_acc_reset(carealign_acc *acc)
{
    if (acc == NULL)
        return;
    memset(&acc->st, 0, sizeof acc->st);
    if (acc->kind == CAREALIGN_ACC_DSR) {
        memset(acc->band_events, 0, acc->n_bands * sizeof *acc->band_events);
        memset(acc->band_population, 0, acc->n_bands * sizeof *acc->band_population);
        memset(acc->band_has_population, 0, acc->n_bands);
    }
    acc->hist_len = 0;
}

carealign_status carealign_acc_clone(const carealign_acc *acc, carealign_acc **out)
{
    if (acc == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_acc_clone: NULL argument");
    carealign_acc *copy;
    carealign_status status = carealign__acc_alloc(acc, acc->standard, &copy);
    if (status != CAREALIGN_OK)
        return status;
    copy->st = acc->st;
    if (acc->kind == CAREALIGN_ACC_DSR) {
        memcpy(copy->band_events, acc->band_events, acc->n_bands * sizeof *acc->band_events);
        memcpy(copy->band_population, acc->band_population,
               acc->n_bands * sizeof *acc->band_population);
        memcpy(copy->band_has_population, acc->band_has_population, acc->n_bands);
    }
    if (acc->hist_len > 0) {
        copy->hist = carealign__calloc(acc->hist_len, sizeof *copy->hist);
        if (copy->hist == NULL) {
            carealign_acc_free(copy);
            return CAREALIGN_ENOMEM;
        }
        memcpy(copy->hist, acc->hist, acc->hist_len * sizeof *copy->hist);
        copy->hist_len = copy->hist_cap = acc->hist_len;
    }
    *out = copy;
    return CAREALIGN_OK;
}

/* ------------------------------------------------------------------------
 * Histogram (DISTRIBUTION)
 */

/* The index of the first entry with value >= v. */
static size_t hist_lower_bound(const carealign_acc *acc, int64_t v)
{
    size_t lo = 0, hi = acc->hist_len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (acc->hist[mid].value < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Count one more v; ENOMEM leaves the histogram as it was. *hint speeds up
 * runs of equal values. */
static carealign_status hist_add(carealign_acc *acc, int64_t v, size_t *hint)
{
    size_t i = *hint;
    if (!(i < acc->hist_len && acc->hist[i].value == v)) {
        i = hist_lower_bound(acc, v);
        if (!(i < acc->hist_len && acc->hist[i].value == v)) {
            if (acc->hist_len == acc->hist_cap) {
                size_t cap = acc->hist_cap ? acc->hist_cap * 2 : 16;
                carealign__hist_entry *grown =
                    carealign__realloc_array(acc->hist, cap, sizeof *grown);
                if (grown == NULL)
                    return CAREALIGN_ENOMEM;
                acc->hist = grown;
                acc->hist_cap = cap;
            }
            memmove(acc->hist + i + 1, acc->hist + i, (acc->hist_len - i) * sizeof *acc->hist);
            acc->hist[i].value = v;
            acc->hist[i].count = 0;
            acc->hist_len++;
        }
    }
    acc->hist[i].count++;
    *hint = i;
    return CAREALIGN_OK;
}

/* Undo hist_add of v (the entry exists). */
static void hist_remove(carealign_acc *acc, int64_t v)
{
    size_t i = hist_lower_bound(acc, v);
    if (i < acc->hist_len && acc->hist[i].value == v && --acc->hist[i].count == 0) {
        memmove(acc->hist + i, acc->hist + i + 1, (acc->hist_len - i - 1) * sizeof *acc->hist);
        acc->hist_len--;
    }
}

/* Add n grid values already validated (from doubles when `values` is set,
 * else from units), with `delta` their checked moments. All or nothing. */
static carealign_status hist_commit(carealign_acc *acc, const double *values, const int64_t *units,
                                    size_t n, const carealign__acc_state *delta, const char *fn)
{
    carealign__acc_state merged;
    if (state_merge(&merged, &acc->st, delta) != 0)
        return carealign__error(CAREALIGN_ERANGE, "%s: a sum would overflow; nothing was added",
                                fn);
    size_t hint = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t u = 0;
        if (values != NULL) {
            if (carealign__is_nan(values[i]))
                continue;
            carealign__acc_to_grid(values[i], acc->scale, &u);
        } else {
            if (units[i] == CAREALIGN_NA_I64)
                continue;
            u = units[i];
        }
        if (hist_add(acc, u, &hint) != CAREALIGN_OK) {
            for (size_t j = 0; j < i; j++) {
                if (values != NULL) {
                    if (carealign__is_nan(values[j]))
                        continue;
                    carealign__acc_to_grid(values[j], acc->scale, &u);
                } else {
                    if (units[j] == CAREALIGN_NA_I64)
                        continue;
                    u = units[j];
                }
                hist_remove(acc, u);
            }
            return carealign__error(CAREALIGN_ENOMEM, "%s: out of memory; nothing was added", fn);
        }
    }
    acc->st = merged;
    return CAREALIGN_OK;
}

/* ------------------------------------------------------------------------
 * Adding values
 */

#if defined(__FAST_MATH__)
#error "lib/accum relies on IEEE 754 arithmetic: do not build it with -ffast-math"
#endif

/* The hot path: unweighted grid values (MEAN, TOTAL without exposure).
 *
 * y = x * scale is rounded to the nearest integer by adding and removing
 * 1.5 * 2^52, which leaves the integer in the low bits of the sum: no
 * conversion instruction and no data-dependent branch. A value takes this
 * path only when |y| < 2^31 and y is within 1e-9 of that integer; anything
 * else (NaN, large values, values off the grid, or a caller's non-default
 * rounding mode) goes through carealign__acc_to_grid(), which decides exactly. The fast
 * path can never accept a wrong integer: the check is on the result.
 *
 * Blocks of 65536 keep the fast values' sum in an int64 (65536 * 2^31 <
 * 2^63) and their sum of squares (each < 2^62) as two words; each block is
 * folded into the checked state. */
/* One value that missed the fast path, into `slow`. */
CAREALIGN__NOINLINE static carealign_status grid_slow_value(carealign__acc_state *slow, double x,
                                                            double scale)
{
    int64_t u;
    if (carealign__is_nan(x)) {
        slow->n_missing++;
        return CAREALIGN_OK;
    }
    if (!carealign__acc_to_grid(x, scale, &u))
        return CAREALIGN_EINVAL;
    return carealign__acc_state_add_grid(slow, u) ? CAREALIGN_ERANGE : CAREALIGN_OK;
}

/* Add values[i..end) while they take the fast path; returns the index of
 * the first one that does not (or end). */
static size_t grid_fast_run(const double *values, size_t i, size_t end, double scale,
                            carealign__fast_sums *a)
{
    const double magic = 6755399441055744.0; /* 1.5 * 2^52 */
    uint64_t magic_bits;
    memcpy(&magic_bits, &magic, sizeof magic_bits);
    int64_t sum = a->sum, mn = a->min, mx = a->max;
    uint64_t sq_lo = a->sq_lo, sq_hi = a->sq_hi;
    for (; i < end; i++) {
        double y = values[i] * scale;
        double t = y + magic;
        double f = y - (t - magic);
        if (!((fabs(y) < 0x1p31) & (fabs(f) <= 1e-9)))
            break;
        uint64_t tb;
        memcpy(&tb, &t, sizeof tb);
        int64_t u = (int64_t)(tb - magic_bits);
        sum += u;
        uint64_t q = (uint64_t)(u * u);
        sq_lo += q;
        sq_hi += sq_lo < q;
        mn = u < mn ? u : mn;
        mx = u > mx ? u : mx;
    }
    a->sum = sum;
    a->min = mn;
    a->max = mx;
    a->sq_lo = sq_lo;
    a->sq_hi = sq_hi;
    return i;
}

/* The common case, in chunks of CAREALIGN__GRID_CHUNK values with no
 * branch inside.
 *
 * Every value's integer u comes from the bits of t = y + 1.5 * 2^52; it is
 * round(y) when -2^51 <= y < 2^51, and otherwise (including NaN and the
 * infinities) its magnitude is at least 2^51. So when every u lies within
 * [-2^31, 2^31) and every |y - round(y)| is at most 1e-9, every value is on
 * the grid, every u is exact and every u * u fits 62 bits. If not, the
 * chunk is redone value by value, which decides exactly; this test only
 * chooses the path. The functions return 0, changing nothing, to ask for
 * the value-by-value path. */
static const double grid_magic = 6755399441055744.0; /* 1.5 * 2^52 */

static uint64_t magic_bits(void)
{
    uint64_t b;
    memcpy(&b, &grid_magic, sizeof b);
    return b;
}

/* Round a double known to be within 1e-9 of an integer below 2^31. */
static int64_t round_small(double y)
{
    double t = y + grid_magic;
    uint64_t b;
    memcpy(&b, &t, sizeof b);
    return (int64_t)(b - magic_bits());
}

/* Add one checked chunk's totals: n values whose (u + 2^31) sum to sv and
 * whose (u + 2^31)^2 sum to sv2; min and max in grid units. Using v = u +
 * 2^31 (0 <= v < 2^32): sum u = sv - n 2^31 and
 * sum u^2 = sv2 - 2^32 sv + n 2^62, all exact in 128 bits. */
static void add_chunk(carealign__fast_sums *a, uint64_t n, uint64_t sv, carealign__u128 sv2,
                      int64_t mn, int64_t mx)
{
    int carry;
    a->sum += (int64_t)(sv - (n << 31));
    carealign__u128 sq =
        carealign__u128_add_wrap(sv2, carealign__u128_make(n >> 2, n << 62), &carry);
    sq = carealign__u128_sub_wrap(sq, carealign__u128_make(sv >> 32, sv << 32), &carry);
    carealign__u128 total =
        carealign__u128_add_wrap(carealign__u128_make(a->sq_hi, a->sq_lo), sq, &carry);
    a->sq_hi = total.hi;
    a->sq_lo = total.lo;
    a->min = mn < a->min ? mn : a->min;
    a->max = mx > a->max ? mx : a->max;
}

int carealign__grid_chunk_scalar(const double *values, double scale, carealign__fast_sums *a)
{
    const uint64_t bias = magic_bits() - 0x80000000u; /* bits - bias = u + 2^31 */
    uint64_t sv0 = 0, sv1 = 0, hi0 = 0, hi1 = 0, lo0 = 0, lo1 = 0, range = 0;
    double err0 = 0, err1 = 0, mn0 = values[0] * scale, mn1 = mn0, mx0 = mn0, mx1 = mn0;
    for (int k = 0; k < CAREALIGN__GRID_CHUNK; k += 2) { /* two lanes */
        double y0 = values[k] * scale, y1 = values[k + 1] * scale;
        double t0 = y0 + grid_magic, t1 = y1 + grid_magic;
        double f0 = fabs(y0 - (t0 - grid_magic)), f1 = fabs(y1 - (t1 - grid_magic));
        err0 = f0 > err0 ? f0 : err0;
        err1 = f1 > err1 ? f1 : err1;
        mn0 = y0 < mn0 ? y0 : mn0;
        mn1 = y1 < mn1 ? y1 : mn1;
        mx0 = y0 > mx0 ? y0 : mx0;
        mx1 = y1 > mx1 ? y1 : mx1;
        uint64_t b0, b1;
        memcpy(&b0, &t0, sizeof b0);
        memcpy(&b1, &t1, sizeof b1);
        uint64_t v0 = b0 - bias, v1 = b1 - bias;
        range |= v0 | v1;
        sv0 += v0;
        sv1 += v1;
        uint64_t q0 = (v0 & 0xffffffffu) * (v0 & 0xffffffffu);
        uint64_t q1 = (v1 & 0xffffffffu) * (v1 & 0xffffffffu);
        hi0 += q0 >> 32;
        hi1 += q1 >> 32;
        lo0 += q0 & 0xffffffffu;
        lo1 += q1 & 0xffffffffu;
    }
    if (!(range >> 32 == 0 && err0 <= 1e-9 && err1 <= 1e-9))
        return 0;
    /* hi and lo sums are below 2^40: sv2 = (hi << 32) + lo in 128 bits */
    uint64_t hi = hi0 + hi1, lo = lo0 + lo1;
    int carry;
    carealign__u128 sv2 = carealign__u128_add_wrap(carealign__u128_make(hi >> 32, hi << 32),
                                                   carealign__u128_from_u64(lo), &carry);
    add_chunk(a, CAREALIGN__GRID_CHUNK, sv0 + sv1, sv2, round_small(mn0 < mn1 ? mn0 : mn1),
              round_small(mx0 > mx1 ? mx0 : mx1));
    return 1;
}

#if CAREALIGN__ACC_SSE2
/* The same with SSE2 (every x86-64 processor): two values per instruction.
 * _mm_mul_epu32 squares the low 32 bits of each lane exactly. */
int carealign__grid_chunk_sse2(const double *values, double scale, carealign__fast_sums *a)
{
    const __m128d vscale = _mm_set1_pd(scale), vmagic = _mm_set1_pd(grid_magic);
    const __m128d absmask = _mm_castsi128_pd(_mm_set1_epi64x(0x7fffffffffffffffLL));
    const __m128i bias = _mm_set1_epi64x((long long)(magic_bits() - 0x80000000u));
    const __m128i low32 = _mm_set1_epi64x(0xffffffffLL);
    __m128d err = _mm_setzero_pd();
    __m128d mn = _mm_set1_pd(values[0] * scale), mx = mn;
    __m128i range = _mm_setzero_si128(), sv = range, hi = range, lo = range;
    for (int k = 0; k < CAREALIGN__GRID_CHUNK; k += 2) {
        __m128d y = _mm_mul_pd(_mm_loadu_pd(values + k), vscale);
        __m128d t = _mm_add_pd(y, vmagic);
        __m128d f = _mm_and_pd(_mm_sub_pd(y, _mm_sub_pd(t, vmagic)), absmask);
        err = _mm_max_pd(err, f);
        mn = _mm_min_pd(mn, y);
        mx = _mm_max_pd(mx, y);
        __m128i v = _mm_sub_epi64(_mm_castpd_si128(t), bias);
        range = _mm_or_si128(range, v);
        sv = _mm_add_epi64(sv, v);
        __m128i q = _mm_mul_epu32(v, v);
        hi = _mm_add_epi64(hi, _mm_srli_epi64(q, 32));
        lo = _mm_add_epi64(lo, _mm_and_si128(q, low32));
    }
    uint64_t r[2], s[2], h[2], l[2];
    double e[2], lo_y[2], hi_y[2];
    _mm_storeu_si128((__m128i *)r, range);
    _mm_storeu_si128((__m128i *)s, sv);
    _mm_storeu_si128((__m128i *)h, hi);
    _mm_storeu_si128((__m128i *)l, lo);
    _mm_storeu_pd(e, err);
    _mm_storeu_pd(lo_y, mn);
    _mm_storeu_pd(hi_y, mx);
    if (!((r[0] | r[1]) >> 32 == 0 && e[0] <= 1e-9 && e[1] <= 1e-9))
        return 0;
    uint64_t hs = h[0] + h[1], ls = l[0] + l[1];
    int carry;
    carealign__u128 sv2 = carealign__u128_add_wrap(carealign__u128_make(hs >> 32, hs << 32),
                                                   carealign__u128_from_u64(ls), &carry);
    add_chunk(a, CAREALIGN__GRID_CHUNK, s[0] + s[1], sv2,
              round_small(lo_y[0] < lo_y[1] ? lo_y[0] : lo_y[1]),
              round_small(hi_y[0] > hi_y[1] ? hi_y[0] : hi_y[1]));
    return 1;
}
#endif

static int grid_chunk(const double *values, double scale, carealign__fast_sums *a)
{
#if CAREALIGN__ACC_SSE2
    return carealign__grid_chunk_sse2(values, scale, a);
#else
    return carealign__grid_chunk_scalar(values, scale, a);
#endif
}

static carealign_status grid_block_values(carealign__acc_state *d, const double *values, size_t n,
                                          int32_t scale_i, size_t *bad)
{
    const double scale = (double)scale_i;
    size_t i = 0;
    while (i < n) {
        /* 65536 values a block: the fast sum stays below 65536 * 2^31 < 2^63 */
        const size_t start = i, end = n - i > 65536 ? i + 65536 : n;
        carealign__fast_sums a = {0, INT64_MAX, INT64_MIN, 0, 0};
        carealign__acc_state slow;
        memset(&slow, 0, sizeof slow);
        while (i < end) {
            if (end - i >= CAREALIGN__GRID_CHUNK && grid_chunk(values + i, scale, &a)) {
                i += CAREALIGN__GRID_CHUNK;
                continue;
            }
            size_t stop = end - i >= CAREALIGN__GRID_CHUNK ? i + CAREALIGN__GRID_CHUNK : end;
            while (i < stop) {
                i = grid_fast_run(values, i, stop, scale, &a);
                if (i == stop)
                    break;
                carealign_status status = grid_slow_value(&slow, values[i], scale);
                if (status != CAREALIGN_OK) {
                    *bad = i;
                    return status;
                }
                i++;
            }
        }
        carealign__acc_state b;
        memset(&b, 0, sizeof b);
        b.n = (uint64_t)(end - start) - slow.n - slow.n_missing;
        b.sum = carealign__i128_from_i64(a.sum);
        b.sumsq = carealign__u128_make(a.sq_hi, a.sq_lo);
        b.min = a.min;
        b.max = a.max;
        if (state_merge(&b, &b, &slow) != 0 || state_merge(d, d, &b) != 0)
            return CAREALIGN_ERANGE;
    }
    return CAREALIGN_OK;
}

static carealign_status grid_values(carealign__acc_state *d, const double *values,
                                    const double *weights, size_t n, int32_t scale_i,
                                    const char *fn, int batch)
{
    /* weights first, so that the value loop does not look at them; the
     * error still names the first bad element of either array */
    size_t limit = n;
    if (weights != NULL)
        for (size_t i = 0; i < n; i++)
            if (weights[i] != 1.0) {
                limit = i;
                break;
            }
    size_t bad = 0;
    carealign_status status = grid_block_values(d, values, limit, scale_i, &bad);
    if (status == CAREALIGN_EINVAL)
        return bad_element(status, fn, batch, batch ? "values" : "value", bad, grid_text(scale_i));
    if (status == CAREALIGN_ERANGE)
        return carealign__error(status, "%s: a sum would overflow; nothing was added", fn);
    if (limit < n)
        return bad_element(CAREALIGN_EINVAL, fn, batch, batch ? "weights" : "weight", limit,
                           "must be 1 for an unweighted accumulator");
    return CAREALIGN_OK;
}

static carealign_status weighted_values(const carealign_acc *acc, carealign__acc_state *d,
                                        const double *values, const double *weights, size_t n,
                                        const char *fn, int batch)
{
    const double scale = (double)acc->scale;
    const int proportion = acc->kind == CAREALIGN_ACC_PROPORTION;
    for (size_t i = 0; i < n; i++) {
        double x = values[i];
        double w = weights != NULL ? weights[i] : 1.0;
        if (carealign__is_nan(x)) {
            d->n_missing++;
            continue;
        }
        if (!(w >= 0 && carealign__is_finite(w)))
            return bad_element(CAREALIGN_EINVAL, fn, batch, batch ? "weights" : "weight", i,
                               "must be finite and >= 0");
        double gx;
        if (proportion) {
            if (x != 0 && x != 1)
                return bad_element(CAREALIGN_EINVAL, fn, batch, batch ? "values" : "value", i,
                                   "must be 0 or 1");
            gx = x;
            d->successes += x == 1;
        } else {
            int64_t u;
            if (!carealign__acc_to_grid(x, scale, &u))
                return bad_element(CAREALIGN_EINVAL, fn, batch, batch ? "values" : "value", i,
                                   grid_text(acc->scale));
            if (d->n == 0 || u < d->min)
                d->min = u;
            if (d->n == 0 || u > d->max)
                d->max = u;
            gx = (double)u;
        }
        w += 0.0; /* -0 -> +0 */
        d->w = nsum_add(d->w, w);
        d->w2 = nsum_add(d->w2, w * w);
        d->wx = nsum_add(d->wx, w * gx);
        if (!proportion)
            d->wxx = nsum_add(d->wxx, (w * gx) * gx);
        d->n++;
    }
    if (!nsum_finite(d->w) || !nsum_finite(d->w2) || !nsum_finite(d->wx) || !nsum_finite(d->wxx))
        return carealign__error(CAREALIGN_ERANGE,
                                "%s: a weighted sum would overflow; nothing was added", fn);
    return CAREALIGN_OK;
}

static carealign_status exact_values(const carealign_acc *acc, carealign__acc_state *d,
                                     const double *values, const double *weights, size_t n,
                                     const char *fn, int batch)
{
    for (size_t i = 0; i < n; i++) {
        if (weights != NULL && weights[i] != 1.0)
            return bad_element(CAREALIGN_EINVAL, fn, batch, batch ? "weights" : "weight", i,
                               "must be 1 for an unweighted accumulator");
        double x = values[i];
        if (carealign__is_nan(x)) {
            d->n_missing++;
            continue;
        }
        int overflow = 0;
        if (acc->kind == CAREALIGN_ACC_PROPORTION) {
            if (x != 0 && x != 1)
                return bad_element(CAREALIGN_EINVAL, fn, batch, batch ? "values" : "value", i,
                                   "must be 0 or 1");
            d->successes += x == 1;
            d->n++;
        } else if (acc->kind == CAREALIGN_ACC_RATE) {
            uint64_t e;
            if (!carealign__acc_to_whole(x, &e))
                return bad_element(CAREALIGN_EINVAL, fn, batch, batch ? "values" : "value", i,
                                   "must be a whole number of events from 0 to 2^53");
            overflow = carealign__u128_add(&d->events, d->events, carealign__u128_from_u64(e));
            d->n++;
        } else {
            int64_t u;
            if (!carealign__acc_to_grid(x, acc->scale, &u))
                return bad_element(CAREALIGN_EINVAL, fn, batch, batch ? "values" : "value", i,
                                   grid_text(acc->scale));
            overflow = carealign__acc_state_add_grid(d, u);
        }
        if (overflow)
            return carealign__error(CAREALIGN_ERANGE, "%s: a sum would overflow; nothing was added",
                                    fn);
    }
    return CAREALIGN_OK;
}

static carealign_status add_values(carealign_acc *acc, const double *values, const double *weights,
                                   size_t n, const char *fn, int batch)
{
    carealign__acc_state d;
    memset(&d, 0, sizeof d);
    carealign_status status;
    switch (acc->kind) {
    case CAREALIGN_ACC_MEAN:
        if (acc->flags & CAREALIGN_ACC_WEIGHTED)
            status = weighted_values(acc, &d, values, weights, n, fn, batch);
        else
            status = grid_values(&d, values, weights, n, acc->scale, fn, batch);
        break;
    case CAREALIGN_ACC_TOTAL:
        status = grid_values(&d, values, weights, n, acc->scale, fn, batch);
        break;
    case CAREALIGN_ACC_PROPORTION:
        if (acc->flags & CAREALIGN_ACC_WEIGHTED)
            status = weighted_values(acc, &d, values, weights, n, fn, batch);
        else
            status = exact_values(acc, &d, values, weights, n, fn, batch);
        break;
    case CAREALIGN_ACC_RATE:
        if (!(acc->flags & CAREALIGN_ACC_DENOMINATOR_SET))
            return carealign__error(CAREALIGN_EINVAL,
                                    "%s: a RATE without CAREALIGN_ACC_DENOMINATOR_SET takes "
                                    "pairs (carealign_acc_add_pair)",
                                    fn);
        status = exact_values(acc, &d, values, weights, n, fn, batch);
        break;
    case CAREALIGN_ACC_DISTRIBUTION:
        status = exact_values(acc, &d, values, weights, n, fn, batch);
        if (status == CAREALIGN_OK)
            return hist_commit(acc, values, NULL, n, &d, fn);
        return status;
    default:
        return carealign__error(CAREALIGN_EINVAL, "%s: not for a %s accumulator", fn,
                                kind_name(acc->kind));
    }
    if (status != CAREALIGN_OK)
        return status;
    return commit(acc, &d, fn);
}

carealign_status carealign_acc_add(carealign_acc *acc, double value, double weight)
{
    if (acc == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_acc_add: NULL accumulator");
    return add_values(acc, &value, &weight, 1, "carealign_acc_add", 0);
}

carealign_status carealign_acc_add_batch(carealign_acc *acc, const double *values,
                                         const double *weights, size_t n)
{
    if (acc == NULL || (values == NULL && n > 0))
        return carealign__error(CAREALIGN_EINVAL, "carealign_acc_add_batch: NULL argument");
    if (n == 0)
        return CAREALIGN_OK;
    return add_values(acc, values, weights, n, "carealign_acc_add_batch", 1);
}

static carealign_status add_pairs(carealign_acc *acc, const double *a, const double *b, size_t n,
                                  const char *fn, int batch)
{
    int32_t k = acc->kind;
    if (!(k == CAREALIGN_ACC_CHANGE || k == CAREALIGN_ACC_TOTAL ||
          (k == CAREALIGN_ACC_RATE && !(acc->flags & CAREALIGN_ACC_DENOMINATOR_SET))))
        return carealign__error(CAREALIGN_EINVAL, "%s: not for a %s accumulator%s", fn,
                                kind_name(k),
                                k == CAREALIGN_ACC_RATE ? " with a set denominator" : "");
    carealign__acc_state d;
    memset(&d, 0, sizeof d);
    for (size_t i = 0; i < n; i++) {
        double x = a[i], y = b[i];
        if (carealign__is_nan(x) || carealign__is_nan(y)) {
            d.n_missing++;
            continue;
        }
        int overflow = 0;
        if (k == CAREALIGN_ACC_RATE) {
            uint64_t e;
            int64_t t;
            if (!carealign__acc_to_whole(x, &e))
                return bad_element(CAREALIGN_EINVAL, fn, batch, "a", i,
                                   "must be a whole number of events from 0 to 2^53");
            if (!carealign__acc_to_grid(y, acc->scale, &t) || t < 0)
                return bad_element(CAREALIGN_EINVAL, fn, batch, "b", i,
                                   "must be person-time >= 0 on the grid");
            overflow =
                carealign__u128_add(&d.events, d.events, carealign__u128_from_u64(e)) ||
                carealign__u128_add(&d.exposure, d.exposure, carealign__u128_from_u64((uint64_t)t));
            d.n++;
        } else if (k == CAREALIGN_ACC_CHANGE) {
            int64_t ua, ub;
            if (!carealign__acc_to_grid(x, acc->scale, &ua))
                return bad_element(CAREALIGN_EINVAL, fn, batch, "a", i, grid_text(acc->scale));
            if (!carealign__acc_to_grid(y, acc->scale, &ub))
                return bad_element(CAREALIGN_EINVAL, fn, batch, "b", i, grid_text(acc->scale));
            int64_t diff = ub - ua;
            overflow = carealign__acc_state_add_grid(&d, diff);
            (*carealign__acc_change_bucket(acc, &d, diff))++;
        } else { /* TOTAL: amount, exposure days */
            int64_t u;
            uint64_t e;
            if (!carealign__acc_to_grid(x, acc->scale, &u))
                return bad_element(CAREALIGN_EINVAL, fn, batch, "a", i, grid_text(acc->scale));
            if (!carealign__acc_to_whole(y, &e))
                return bad_element(CAREALIGN_EINVAL, fn, batch, "b", i,
                                   "must be whole exposure days from 0 to 2^53");
            overflow =
                carealign__acc_state_add_grid(&d, u) ||
                carealign__u128_add(&d.sum_e, d.sum_e, carealign__u128_from_u64(e)) ||
                carealign__u128_add(&d.sum_e2, d.sum_e2, carealign__u128_mul64(e, e)) ||
                carealign__i128_add(&d.sum_ae, d.sum_ae, carealign__i128_mul64(u, (int64_t)e));
        }
        if (overflow)
            return carealign__error(CAREALIGN_ERANGE, "%s: a sum would overflow; nothing was added",
                                    fn);
    }
    return commit(acc, &d, fn);
}

carealign_status carealign_acc_add_pair(carealign_acc *acc, double a, double b)
{
    if (acc == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_acc_add_pair: NULL accumulator");
    return add_pairs(acc, &a, &b, 1, "carealign_acc_add_pair", 0);
}

carealign_status carealign_acc_add_pairs(carealign_acc *acc, const double *a, const double *b,
                                         size_t n)
{
    if (acc == NULL || ((a == NULL || b == NULL) && n > 0))
        return carealign__error(CAREALIGN_EINVAL, "carealign_acc_add_pairs: NULL argument");
    if (n == 0)
        return CAREALIGN_OK;
    return add_pairs(acc, a, b, n, "carealign_acc_add_pairs", 1);
}

static carealign_status add_bands(carealign_acc *acc, const int32_t *bands, const double *events,
                                  size_t n, const char *fn, int batch)
{
    if (acc->kind != CAREALIGN_ACC_DSR)
        return carealign__error(CAREALIGN_EINVAL, "%s: not for a %s accumulator", fn,
                                kind_name(acc->kind));
    carealign__u128 add[CAREALIGN_ACC_MAX_BANDS];
    memset(add, 0, sizeof add);
    carealign__acc_state d;
    memset(&d, 0, sizeof d);
    for (size_t i = 0; i < n; i++) {
        int32_t band = bands[i];
        if (band < 0 || (uint32_t)band >= acc->n_bands)
            return bad_element(CAREALIGN_EINVAL, fn, batch, batch ? "bands" : "band", i,
                               "is not a band of this accumulator");
        if (carealign__is_nan(events[i])) {
            d.n_missing++;
            continue;
        }
        uint64_t e;
        if (!carealign__acc_to_whole(events[i], &e))
            return bad_element(CAREALIGN_EINVAL, fn, batch, "events", i,
                               "must be a whole number of events from 0 to 2^53");
        if (carealign__u128_add(&add[band], add[band], carealign__u128_from_u64(e)))
            return carealign__error(CAREALIGN_ERANGE, "%s: a sum would overflow; nothing was added",
                                    fn);
        d.n++;
    }
    carealign__u128 next[CAREALIGN_ACC_MAX_BANDS];
    for (uint32_t b = 0; b < acc->n_bands; b++)
        if (carealign__u128_add(&next[b], acc->band_events[b], add[b]))
            return carealign__error(CAREALIGN_ERANGE, "%s: a sum would overflow; nothing was added",
                                    fn);
    carealign_status status = commit(acc, &d, fn);
    if (status == CAREALIGN_OK)
        memcpy(acc->band_events, next, acc->n_bands * sizeof *next);
    return status;
}

carealign_status carealign_acc_add_band(carealign_acc *acc, int32_t band, double events)
{
    if (acc == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_acc_add_band: NULL accumulator");
    return add_bands(acc, &band, &events, 1, "carealign_acc_add_band", 0);
}

carealign_status carealign_acc_add_bands(carealign_acc *acc, const int32_t *bands,
                                         const double *events, size_t n)
{
    if (acc == NULL || ((bands == NULL || events == NULL) && n > 0))
        return carealign__error(CAREALIGN_EINVAL, "carealign_acc_add_bands: NULL argument");
    if (n == 0)
        return CAREALIGN_OK;
    return add_bands(acc, bands, events, n, "carealign_acc_add_bands", 1);
}

carealign_status carealign_acc_add_units(carealign_acc *acc, const int64_t *units, size_t n)
{
    const char *fn = "carealign_acc_add_units";
    if (acc == NULL || (units == NULL && n > 0))
        return carealign__error(CAREALIGN_EINVAL, "%s: NULL argument", fn);
    int32_t k = acc->kind;
    if (!(k == CAREALIGN_ACC_MEAN || k == CAREALIGN_ACC_TOTAL || k == CAREALIGN_ACC_DISTRIBUTION ||
          k == CAREALIGN_ACC_PROPORTION) ||
        (acc->flags & CAREALIGN_ACC_WEIGHTED))
        return carealign__error(CAREALIGN_EINVAL, "%s: not for a %s%s accumulator", fn,
                                (acc->flags & CAREALIGN_ACC_WEIGHTED) ? "weighted " : "",
                                kind_name(k));
    carealign__acc_state d;
    memset(&d, 0, sizeof d);
    for (size_t i = 0; i < n; i++) {
        int64_t u = units[i];
        if (u == CAREALIGN_NA_I64) {
            d.n_missing++;
            continue;
        }
        if (k == CAREALIGN_ACC_PROPORTION) {
            if (u != 0 && u != 1)
                return bad_element(CAREALIGN_EINVAL, fn, 1, "units", i, "must be 0 or 1");
            d.successes += (uint64_t)u;
            d.n++;
            continue;
        }
        if (u < -CAREALIGN__GRID_MAX_I64 || u > CAREALIGN__GRID_MAX_I64)
            return bad_element(CAREALIGN_EINVAL, fn, 1, "units", i, "is beyond 2^53 grid units");
        if (carealign__acc_state_add_grid(&d, u))
            return carealign__error(CAREALIGN_ERANGE, "%s: a sum would overflow; nothing was added",
                                    fn);
    }
    if (k == CAREALIGN_ACC_DISTRIBUTION)
        return hist_commit(acc, NULL, units, n, &d, fn);
    return commit(acc, &d, fn);
}

carealign_status carealign_acc_set_denominator(carealign_acc *acc, double population)
{
    if (acc == NULL)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_acc_set_denominator: NULL accumulator");
    if (acc->kind != CAREALIGN_ACC_RATE || !(acc->flags & CAREALIGN_ACC_DENOMINATOR_SET))
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_acc_set_denominator: only for a RATE with "
                                "CAREALIGN_ACC_DENOMINATOR_SET");
    if (!(carealign__is_finite(population) && population >= 0))
        return carealign__error(
            CAREALIGN_EINVAL, "carealign_acc_set_denominator: population must be finite and >= 0");
    acc->st.denominator = population + 0.0;
    acc->st.has_denominator = 1;
    return CAREALIGN_OK;
}

carealign_status carealign_acc_set_band_population(carealign_acc *acc, int32_t band,
                                                   double population)
{
    const char *fn = "carealign_acc_set_band_population";
    if (acc == NULL)
        return carealign__error(CAREALIGN_EINVAL, "%s: NULL accumulator", fn);
    if (acc->kind != CAREALIGN_ACC_DSR)
        return carealign__error(CAREALIGN_EINVAL, "%s: not for a %s accumulator", fn,
                                kind_name(acc->kind));
    if (band < 0 || (uint32_t)band >= acc->n_bands)
        return carealign__error(CAREALIGN_EINVAL, "%s: band %d is not a band of this accumulator",
                                fn, band);
    if (!(carealign__is_finite(population) && population >= 0))
        return carealign__error(CAREALIGN_EINVAL, "%s: population must be finite and >= 0", fn);
    acc->band_population[band] = population + 0.0;
    acc->band_has_population[band] = 1;
    return CAREALIGN_OK;
}

/* ------------------------------------------------------------------------
 * Merging
 */

static int same_params(const carealign_acc *a, const carealign_acc *b, const char **what)
{
    if (a->kind != b->kind) {
        *what = "kind";
        return 0;
    }
    if (a->scale != b->scale || a->unit != b->unit || a->direction != b->direction ||
        memcmp(&a->per, &b->per, sizeof a->per) != 0 || a->mid_units != b->mid_units ||
        a->stdpop != b->stdpop || a->n_bands != b->n_bands || a->flags != b->flags ||
        (a->standard == NULL) != (b->standard == NULL) ||
        (a->standard != NULL &&
         memcmp(a->standard, b->standard, a->n_bands * sizeof *a->standard) != 0)) {
        *what = "parameters";
        return 0;
    }
    if (memcmp(a->context, b->context, sizeof a->context) != 0) {
        *what = "context";
        return 0;
    }
    if (a->methods_version != b->methods_version) {
        *what = "methods version";
        return 0;
    }
    return 1;
}

static carealign_status merge_hist(carealign_acc *dst, const carealign_acc *src)
{
    if (src->hist_len == 0)
        return CAREALIGN_OK;
    size_t cap = dst->hist_len + src->hist_len; /* cannot overflow: both are in memory */
    carealign__hist_entry *out = carealign__calloc(cap, sizeof *out);
    if (out == NULL)
        return CAREALIGN_ENOMEM;
    size_t i = 0, j = 0, k = 0;
    while (i < dst->hist_len || j < src->hist_len) {
        if (j == src->hist_len || (i < dst->hist_len && dst->hist[i].value < src->hist[j].value))
            out[k++] = dst->hist[i++];
        else if (i == dst->hist_len || src->hist[j].value < dst->hist[i].value)
            out[k++] = src->hist[j++];
        else {
            out[k] = dst->hist[i++];
            out[k++].count += src->hist[j++].count; /* bounded by the checked total n */
        }
    }
    carealign__free(dst->hist);
    dst->hist = out;
    dst->hist_len = k;
    dst->hist_cap = cap;
    return CAREALIGN_OK;
}

carealign_status carealign_acc_merge(carealign_acc *dst, const carealign_acc *src)
{
    const char *fn = "carealign_acc_merge";
    if (dst == NULL || src == NULL)
        return carealign__error(CAREALIGN_EINVAL, "%s: NULL accumulator", fn);
    if (dst == src)
        return carealign__error(CAREALIGN_EINVAL, "%s: dst and src are the same accumulator", fn);
    const char *what = NULL;
    if (!same_params(dst, src, &what))
        return carealign__error(CAREALIGN_EINVAL, "%s: the accumulators differ in %s", fn, what);
    carealign__acc_state merged;
    int r = state_merge(&merged, &dst->st, &src->st);
    if (r == 1)
        return carealign__error(CAREALIGN_ERANGE, "%s: a sum would overflow", fn);
    if (r == 2)
        return carealign__error(CAREALIGN_EINVAL, "%s: the set denominators differ", fn);
    if (dst->kind == CAREALIGN_ACC_DSR) {
        carealign__u128 next[CAREALIGN_ACC_MAX_BANDS];
        for (uint32_t b = 0; b < dst->n_bands; b++) {
            if (dst->band_has_population[b] && src->band_has_population[b] &&
                !(dst->band_population[b] == src->band_population[b]))
                return carealign__error(CAREALIGN_EINVAL, "%s: the populations of band %u differ",
                                        fn, b);
            if (carealign__u128_add(&next[b], dst->band_events[b], src->band_events[b]))
                return carealign__error(CAREALIGN_ERANGE, "%s: a sum would overflow", fn);
        }
        memcpy(dst->band_events, next, dst->n_bands * sizeof *next);
        for (uint32_t b = 0; b < dst->n_bands; b++) {
            if (src->band_has_population[b]) {
                dst->band_population[b] = src->band_population[b];
                dst->band_has_population[b] = 1;
            }
        }
    }
    if (dst->kind == CAREALIGN_ACC_DISTRIBUTION && merge_hist(dst, src) != CAREALIGN_OK)
        return carealign__error(CAREALIGN_ENOMEM, "%s: out of memory", fn);
    dst->st = merged;
    return CAREALIGN_OK;
}

/* ------------------------------------------------------------------------
 * Reading an accumulator
 */

carealign_status carealign_acc_methods_version(const carealign_acc *acc, uint32_t *out)
{
    if (acc == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_acc_methods_version: NULL argument");
    *out = acc->methods_version;
    return CAREALIGN_OK;
}

/* Write `local` (the library's layout) into a caller's output struct of
 * `size` bytes (at least `known`): what fits, zeros beyond. */
static void write_out(void *out, size_t size, const void *local, size_t known)
{
    memcpy(out, local, size < known ? size : known);
    if (size > known)
        memset((char *)out + known, 0, size - known);
}

carealign_status carealign_acc_get_params(const carealign_acc *acc, carealign_acc_params *out)
{
    if (acc == NULL || out == NULL || out->size < sizeof(carealign_acc_params))
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_acc_get_params: NULL argument or size below %zu",
                                sizeof(carealign_acc_params));
    carealign_acc_params p;
    memset(&p, 0, sizeof p);
    p.size = out->size;
    p.kind = acc->kind;
    p.scale = acc->scale;
    p.unit = acc->unit;
    p.direction = acc->direction;
    p.per = acc->per;
    p.mid = (double)acc->mid_units / acc->scale;
    p.stdpop = acc->stdpop;
    p.n_bands = acc->n_bands;
    p.standard = acc->standard;
    p.flags = acc->flags;
    memcpy(p.context, acc->context, sizeof p.context);
    write_out(out, out->size, &p, sizeof p);
    return CAREALIGN_OK;
}

carealign_status carealign_acc_get_summary(const carealign_acc *acc, carealign_acc_summary *out)
{
    if (acc == NULL || out == NULL || out->size < sizeof(carealign_acc_summary))
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_acc_get_summary: NULL argument or size below %zu",
                                sizeof(carealign_acc_summary));
    const carealign__acc_state *st = &acc->st;
    const double scale = (double)acc->scale;
    const double n = (double)st->n;
    const int weighted = (acc->flags & CAREALIGN_ACC_WEIGHTED) != 0;
    carealign_acc_summary s;
    memset(&s, 0, sizeof s);
    s.size = out->size;
    s.kind = acc->kind;
    s.n = st->n;
    s.n_missing = st->n_missing;
    s.n_improved = st->n_improved;
    s.n_unchanged = st->n_unchanged;
    s.n_deteriorated = st->n_deteriorated;
    s.sum_weights = weighted ? carealign__nsum_value(st->w) : n;
    s.sum_weights_sq = weighted ? carealign__nsum_value(st->w2) : n;
    s.effective_n =
        weighted ? (s.sum_weights_sq > 0 ? s.sum_weights * s.sum_weights / s.sum_weights_sq : 0)
                 : n;
    s.min = s.max = s.mean = s.m2 = NAN;

    if (acc->kind == CAREALIGN_ACC_MEAN && weighted) {
        double w = s.sum_weights, wx = carealign__nsum_value(st->wx);
        double wxx = carealign__nsum_value(st->wxx);
        s.numerator = wx / scale;
        if (st->n > 0) {
            s.min = (double)st->min / scale;
            s.max = (double)st->max / scale;
        }
        if (w > 0) {
            s.mean = wx / w / scale;
            double m2 = wxx - wx * (wx / w);
            s.m2 = (m2 > 0 ? m2 : 0) / (scale * scale);
        }
    }
    carealign__u128 total = carealign__u128_make(0, 0);
    switch (weighted && acc->kind == CAREALIGN_ACC_MEAN ? 0 : acc->kind) {
    case CAREALIGN_ACC_PROPORTION:
        total = carealign__u128_from_u64(st->successes);
        if (weighted) {
            double wx = carealign__nsum_value(st->wx);
            s.numerator = wx;
            s.denominator = s.sum_weights;
            if (s.sum_weights > 0) {
                s.mean = wx / s.sum_weights;
                s.m2 = wx * (s.sum_weights - wx) / s.sum_weights;
            }
        } else {
            s.numerator = (double)st->successes;
            s.denominator = n;
            if (st->n > 0) {
                s.mean = s.numerator / n;
                s.m2 = s.numerator * (double)(st->n - st->successes) / n;
            }
        }
        break;
    case CAREALIGN_ACC_RATE:
        total = st->events;
        s.numerator = carealign__u128_to_double(st->events);
        s.denominator = (acc->flags & CAREALIGN_ACC_DENOMINATOR_SET)
                            ? (st->has_denominator ? st->denominator : NAN)
                            : carealign__u128_to_double(st->exposure) / scale;
        break;
    case CAREALIGN_ACC_DSR: {
        double pop = 0;
        for (uint32_t b = 0; b < acc->n_bands; b++) {
            int carry;
            total = carealign__u128_add_wrap(total, acc->band_events[b], &carry);
            if (carry)
                s.flags |= CAREALIGN_ACC_TOTAL_OVERFLOW64;
            pop += acc->band_has_population[b] ? acc->band_population[b] : 0;
        }
        s.numerator = carealign__u128_to_double(total);
        s.denominator = pop;
        break;
    }
    case CAREALIGN_ACC_MEAN:
    case CAREALIGN_ACC_CHANGE:
    case CAREALIGN_ACC_TOTAL:
    case CAREALIGN_ACC_DISTRIBUTION:
        total = st->sum;
        s.numerator = carealign__i128_to_double(st->sum) / scale;
        if (acc->kind == CAREALIGN_ACC_TOTAL)
            s.denominator = carealign__u128_to_double(st->sum_e) / 365.25;
        if (st->n > 0) {
            s.min = (double)st->min / scale;
            s.max = (double)st->max / scale;
            s.mean = carealign__i128_to_double(st->sum) / n / scale;
            double nm2 = carealign__exact_n_m2(st->n, st->sum, st->sumsq);
            s.m2 = (nm2 > 0 ? nm2 : 0) / n / (scale * scale);
        }
        break;
    }
    if (s.flags & CAREALIGN_ACC_TOTAL_OVERFLOW64 ||
        !carealign__i128_to_i64(total, &s.total_units)) {
        s.flags |= CAREALIGN_ACC_TOTAL_OVERFLOW64;
        s.total_units = 0;
    }
    write_out(out, out->size, &s, sizeof s);
    return CAREALIGN_OK;
}

/* The k-th (0-based) value in sorted order, in grid units. */
static int64_t order_statistic(const carealign_acc *acc, uint64_t k)
{
    uint64_t seen = 0;
    for (size_t i = 0; i < acc->hist_len; i++) {
        seen += acc->hist[i].count;
        if (k < seen)
            return acc->hist[i].value;
    }
    return acc->hist_len ? acc->hist[acc->hist_len - 1].value : 0;
}

carealign_status carealign_acc_quantile(const carealign_acc *acc, double p, double *out)
{
    const char *fn = "carealign_acc_quantile";
    if (acc == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "%s: NULL argument", fn);
    if (acc->kind != CAREALIGN_ACC_DISTRIBUTION)
        return carealign__error(CAREALIGN_EINVAL, "%s: not for a %s accumulator", fn,
                                kind_name(acc->kind));
    if (!(p >= 0 && p <= 1))
        return carealign__error(CAREALIGN_EINVAL, "%s: p must be between 0 and 1", fn);
    if (acc->st.n == 0) {
        *out = NAN;
        return CAREALIGN_OK;
    }
    double h = (double)(acc->st.n - 1) * p;
    /* floor(h) for h >= 0, without libm; h may round up to 2^64 */
    uint64_t lo = h < 0x1p64 ? (uint64_t)h : acc->st.n - 1;
    if (lo > acc->st.n - 1)
        lo = acc->st.n - 1;
    double frac = h - (double)lo;
    if (frac < 0)
        frac = 0;
    double a = (double)order_statistic(acc, lo);
    double q = a;
    if (frac > 0 && lo + 1 < acc->st.n) {
        double b = (double)order_statistic(acc, lo + 1);
        q = a + frac * (b - a);
    }
    *out = q / acc->scale;
    return CAREALIGN_OK;
}

/* The accumulator blob, format version 1 (docs/formats.md): a header
 * (magic, version, kind, flags, methods version, context), the kind's
 * parameters and payload as canonical LEB128 varints and little-endian
 * IEEE-754 doubles, and a CRC-32C trailer. Every byte is written and read
 * explicitly, so the encoding is the same on every host.
 *
 * Reading is strict: any field out of range, any non-canonical encoding
 * (an overlong varint, a negative zero) and any inconsistency is
 * CAREALIGN_ECORRUPT, so that an accepted blob always re-serializes to the
 * same bytes. */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "accum/accum_impl.h"
#include "accum/crc32c.h"

static const uint8_t magic[4] = {'C', 'A', 'A', 'C'};

enum {
    HEADER_CONTEXT = 0x01, /* header flag: 32 context bytes follow */
    STDPOP_ESP2013 = 0,    /* DSR standard population codes in the blob */
    STDPOP_CUSTOM = 1,
    /* magic, version, kind, header flags, methods version, flags, n, n_missing, CRC */
    MIN_BLOB = 4 + 2 + 1 + 1 + 1 + 1 + 1 + 1 + 4
};

/* ------------------------------------------------------------------------
 * Writing
 */

typedef struct writer {
    uint8_t *buf; /* NULL while measuring */
    size_t len;
} writer;

static void put(writer *w, const void *data, size_t n)
{
    if (w->buf != NULL)
        memcpy(w->buf + w->len, data, n);
    w->len += n;
}

static void put_u8(writer *w, uint8_t v)
{
    put(w, &v, 1);
}

static void put_u128(writer *w, carealign__u128 v)
{
    uint8_t bytes[19];
    size_t n = 0;
    while (v.hi != 0 || v.lo >= 0x80) {
        bytes[n++] = (uint8_t)((v.lo & 0x7f) | 0x80);
        v.lo = (v.lo >> 7) | (v.hi << 57);
        v.hi >>= 7;
    }
    bytes[n++] = (uint8_t)v.lo;
    put(w, bytes, n);
}

static void put_u64(writer *w, uint64_t v)
{
    put_u128(w, carealign__u128_from_u64(v));
}

static void put_i128(writer *w, carealign__u128 v)
{
    uint64_t sign = carealign__i128_is_negative(v) ? UINT64_MAX : 0;
    carealign__u128 z;
    z.hi = ((v.hi << 1) | (v.lo >> 63)) ^ sign;
    z.lo = (v.lo << 1) ^ sign;
    put_u128(w, z);
}

static void put_i64(writer *w, int64_t v)
{
    put_i128(w, carealign__i128_from_i64(v));
}

static void put_f64(writer *w, double v)
{
    uint64_t bits;
    v += 0.0; /* no negative zero in a blob */
    memcpy(&bits, &v, sizeof bits);
    uint8_t bytes[8];
    for (int i = 0; i < 8; i++)
        bytes[i] = (uint8_t)(bits >> (8 * i));
    put(w, bytes, 8);
}

static int context_is_zero(const carealign_acc *acc)
{
    for (size_t i = 0; i < sizeof acc->context; i++)
        if (acc->context[i] != 0)
            return 0;
    return 1;
}

static void put_moments(writer *w, const carealign__acc_state *st)
{
    put_i128(w, st->sum);
    put_u128(w, st->sumsq);
    put_i64(w, st->min);
    put_i64(w, st->max);
}

static void encode(const carealign_acc *acc, writer *w)
{
    const carealign__acc_state *st = &acc->st;
    const int weighted = (acc->flags & CAREALIGN_ACC_WEIGHTED) != 0;
    const int has_context = !context_is_zero(acc);

    put(w, magic, sizeof magic);
    put_u8(w, (uint8_t)(CAREALIGN_ACC_FORMAT_VERSION & 0xff));
    put_u8(w, (uint8_t)(CAREALIGN_ACC_FORMAT_VERSION >> 8));
    put_u8(w, (uint8_t)acc->kind);
    put_u8(w, has_context ? HEADER_CONTEXT : 0);
    put_u64(w, acc->methods_version);
    if (has_context)
        put(w, acc->context, sizeof acc->context);
    put_u64(w, acc->flags);

    switch (acc->kind) { /* parameters */
    case CAREALIGN_ACC_MEAN:
    case CAREALIGN_ACC_DISTRIBUTION: put_u64(w, (uint64_t)acc->scale); break;
    case CAREALIGN_ACC_RATE:
        put_u64(w, (uint64_t)acc->scale);
        put_f64(w, acc->per);
        break;
    case CAREALIGN_ACC_DSR:
        put_f64(w, acc->per);
        if (acc->standard == NULL) {
            put_u64(w, STDPOP_ESP2013);
        } else {
            put_u64(w, STDPOP_CUSTOM);
            put_u64(w, acc->n_bands);
            for (uint32_t b = 0; b < acc->n_bands; b++)
                put_f64(w, acc->standard[b]);
        }
        break;
    case CAREALIGN_ACC_CHANGE:
        put_u64(w, (uint64_t)acc->scale);
        put_u8(w, (uint8_t)(acc->direction < 0 ? 1 : 0));
        put_u64(w, (uint64_t)acc->mid_units);
        break;
    case CAREALIGN_ACC_TOTAL:
        put_u64(w, (uint64_t)acc->scale);
        put_u64(w, (uint64_t)acc->unit);
        break;
    }

    put_u64(w, st->n);
    put_u64(w, st->n_missing);
    switch (acc->kind) { /* payload */
    case CAREALIGN_ACC_PROPORTION:
        if (st->n == 0)
            break;
        put_u64(w, st->successes);
        if (weighted) {
            put_f64(w, carealign__nsum_value(st->w));
            put_f64(w, carealign__nsum_value(st->w2));
            put_f64(w, carealign__nsum_value(st->wx));
        }
        break;
    case CAREALIGN_ACC_MEAN:
        if (st->n == 0)
            break;
        if (weighted) {
            put_i64(w, st->min);
            put_i64(w, st->max);
            put_f64(w, carealign__nsum_value(st->w));
            put_f64(w, carealign__nsum_value(st->w2));
            put_f64(w, carealign__nsum_value(st->wx));
            put_f64(w, carealign__nsum_value(st->wxx));
        } else {
            put_moments(w, st);
        }
        break;
    case CAREALIGN_ACC_RATE:
        put_u128(w, st->events);
        if (acc->flags & CAREALIGN_ACC_DENOMINATOR_SET) {
            put_u8(w, st->has_denominator ? 1 : 0);
            if (st->has_denominator)
                put_f64(w, st->denominator);
        } else {
            put_u128(w, st->exposure);
        }
        break;
    case CAREALIGN_ACC_DSR:
        for (uint32_t b = 0; b < acc->n_bands; b++) {
            put_u128(w, acc->band_events[b]);
            put_u8(w, acc->band_has_population[b] ? 1 : 0);
            if (acc->band_has_population[b])
                put_f64(w, acc->band_population[b]);
        }
        break;
    case CAREALIGN_ACC_CHANGE:
        if (st->n == 0)
            break;
        put_moments(w, st);
        put_u64(w, st->n_improved);
        put_u64(w, st->n_unchanged);
        break;
    case CAREALIGN_ACC_TOTAL:
        if (st->n == 0)
            break;
        put_moments(w, st);
        put_u128(w, st->sum_e);
        put_u128(w, st->sum_e2);
        put_i128(w, st->sum_ae);
        break;
    case CAREALIGN_ACC_DISTRIBUTION:
        put_u64(w, acc->hist_len);
        for (size_t i = 0; i < acc->hist_len; i++) {
            if (i == 0)
                put_i64(w, acc->hist[0].value);
            else /* strictly increasing; the gap fits uint64 */
                put_u64(w, (uint64_t)acc->hist[i].value - (uint64_t)acc->hist[i - 1].value);
            put_u64(w, acc->hist[i].count);
        }
        break;
    }
}

carealign_status carealign_acc_serialize(const carealign_acc *acc, void *buf, size_t cap,
                                         size_t *out_len)
{
    if (acc == NULL || out_len == NULL || (buf == NULL && cap > 0))
        return carealign__error(CAREALIGN_EINVAL, "carealign_acc_serialize: NULL argument");
    writer measure = {NULL, 0};
    encode(acc, &measure);
    size_t need = measure.len + 4;
    if (cap < need) {
        *out_len = need;
        return carealign__error(CAREALIGN_EBUFSIZE,
                                "carealign_acc_serialize: the blob needs %zu bytes", need);
    }
    writer w = {buf, 0};
    encode(acc, &w);
    uint32_t crc = carealign__crc32c(buf, w.len);
    uint8_t trailer[4] = {(uint8_t)crc, (uint8_t)(crc >> 8), (uint8_t)(crc >> 16),
                          (uint8_t)(crc >> 24)};
    put(&w, trailer, 4);
    *out_len = w.len;
    return CAREALIGN_OK;
}

/* ------------------------------------------------------------------------
 * Reading
 */

typedef struct reader {
    const uint8_t *p;
    size_t end; /* bytes readable (the blob without its CRC) */
    size_t pos;
    const char *field; /* the field being read, for the error message */
    const char *problem;
} reader;

static int fail(reader *r, const char *problem)
{
    if (r->problem == NULL)
        r->problem = problem;
    return 0;
}

static int get(reader *r, void *out, size_t n)
{
    if (r->problem != NULL)
        return 0;
    if (r->end - r->pos < n)
        return fail(r, "truncated");
    memcpy(out, r->p + r->pos, n);
    r->pos += n;
    return 1;
}

static int get_u8(reader *r, const char *field, uint8_t *v)
{
    r->field = field;
    return get(r, v, 1);
}

/* A canonical LEB128 varint of at most `bits` bits. */
static int get_varint(reader *r, const char *field, unsigned bits, carealign__u128 *out)
{
    if (r->problem != NULL)
        return 0;
    r->field = field;
    carealign__u128 v = carealign__u128_make(0, 0);
    unsigned shift = 0;
    for (;;) {
        uint8_t byte;
        if (!get(r, &byte, 1))
            return 0;
        uint64_t part = byte & 0x7fu;
        if (shift >= bits || (bits - shift < 7 && (part >> (bits - shift)) != 0))
            return fail(r, "varint too large");
        if (shift < 64) {
            v.lo |= part << shift;
            if (shift > 57)
                v.hi |= part >> (64 - shift);
        } else {
            v.hi |= part << (shift - 64);
        }
        if ((byte & 0x80u) == 0) {
            if (byte == 0 && shift > 0)
                return fail(r, "overlong varint");
            break;
        }
        shift += 7;
    }
    *out = v;
    return 1;
}

static int get_u64(reader *r, const char *field, uint64_t *out)
{
    carealign__u128 v;
    if (!get_varint(r, field, 64, &v))
        return 0;
    *out = v.lo;
    return 1;
}

static int get_u128(reader *r, const char *field, carealign__u128 *out)
{
    return get_varint(r, field, 128, out);
}

static int get_i128(reader *r, const char *field, carealign__u128 *out)
{
    carealign__u128 z;
    if (!get_varint(r, field, 128, &z))
        return 0;
    uint64_t sign = (z.lo & 1) ? UINT64_MAX : 0;
    out->lo = ((z.lo >> 1) | (z.hi << 63)) ^ sign;
    out->hi = (z.hi >> 1) ^ sign;
    return 1;
}

static int get_i64(reader *r, const char *field, int64_t *out)
{
    carealign__u128 v;
    if (!get_varint(r, field, 64, &v))
        return 0;
    uint64_t z = v.lo;
    uint64_t u = (z >> 1) ^ (0 - (z & 1));
    memcpy(out, &u, sizeof u); /* two's complement */
    return 1;
}

/* A finite double that is not negative zero; `nonneg` also refuses < 0. */
static int get_f64(reader *r, const char *field, int nonneg, double *out)
{
    uint8_t bytes[8];
    r->field = field;
    if (!get(r, bytes, 8))
        return 0;
    uint64_t bits = 0;
    for (int i = 0; i < 8; i++)
        bits |= (uint64_t)bytes[i] << (8 * i);
    double v;
    memcpy(&v, &bits, sizeof v);
    if (!carealign__is_finite(v))
        return fail(r, "not a finite number");
    if (v == 0 && carealign__sign_bit(v))
        return fail(r, "negative zero");
    if (nonneg && v < 0)
        return fail(r, "negative");
    *out = v;
    return 1;
}

static int get_moments(reader *r, carealign__acc_state *st, int64_t limit)
{
    if (!get_i128(r, "sum", &st->sum) || !get_u128(r, "sum of squares", &st->sumsq) ||
        !get_i64(r, "min", &st->min) || !get_i64(r, "max", &st->max))
        return 0;
    r->field = "min/max";
    if (st->min > st->max || st->min < -limit || st->max > limit)
        return fail(r, "out of range");
    r->field = "sum of squares";
    if (carealign__exact_n_m2(st->n, st->sum, st->sumsq) < 0)
        return fail(r, "inconsistent with the sum");
    if (st->n == 1 && !(carealign__i128_cmp(st->sum, carealign__i128_from_i64(st->min)) == 0 &&
                        st->min == st->max))
        return fail(r, "inconsistent with min and max");
    return 1;
}

static int nsum_read(reader *r, const char *field, int nonneg, carealign__nsum *out)
{
    out->c = 0;
    return get_f64(r, field, nonneg, &out->s);
}

/* Parse everything after the header into `acc` (allocated). */
static int decode_payload(reader *r, carealign_acc *acc)
{
    carealign__acc_state *st = &acc->st;
    const int weighted = (acc->flags & CAREALIGN_ACC_WEIGHTED) != 0;
    if (!get_u64(r, "n", &st->n) || !get_u64(r, "n_missing", &st->n_missing))
        return 0;
    switch (acc->kind) {
    case CAREALIGN_ACC_PROPORTION:
        if (st->n == 0)
            return 1;
        if (!get_u64(r, "successes", &st->successes))
            return 0;
        if (st->successes > st->n)
            return fail(r, "more than n");
        if (weighted && !(nsum_read(r, "sum of weights", 1, &st->w) &&
                          nsum_read(r, "sum of squared weights", 1, &st->w2) &&
                          nsum_read(r, "weighted successes", 1, &st->wx)))
            return 0;
        return 1;
    case CAREALIGN_ACC_MEAN:
        if (st->n == 0)
            return 1;
        if (!weighted)
            return get_moments(r, st, CAREALIGN__GRID_MAX_I64);
        if (!get_i64(r, "min", &st->min) || !get_i64(r, "max", &st->max))
            return 0;
        if (st->min > st->max || st->min < -CAREALIGN__GRID_MAX_I64 ||
            st->max > CAREALIGN__GRID_MAX_I64)
            return fail(r, "out of range");
        return nsum_read(r, "sum of weights", 1, &st->w) &&
               nsum_read(r, "sum of squared weights", 1, &st->w2) &&
               nsum_read(r, "weighted sum", 0, &st->wx) &&
               nsum_read(r, "weighted sum of squares", 1, &st->wxx);
    case CAREALIGN_ACC_RATE:
        if (!get_u128(r, "events", &st->events))
            return 0;
        if (acc->flags & CAREALIGN_ACC_DENOMINATOR_SET) {
            uint8_t has;
            if (!get_u8(r, "denominator flag", &has))
                return 0;
            if (has > 1)
                return fail(r, "not 0 or 1");
            st->has_denominator = has;
            if (has && !get_f64(r, "denominator", 1, &st->denominator))
                return 0;
        } else if (!get_u128(r, "exposure", &st->exposure)) {
            return 0;
        }
        if (st->n == 0 &&
            !(carealign__u128_is_zero(st->events) && carealign__u128_is_zero(st->exposure)))
            return fail(r, "events or exposure without records");
        return 1;
    case CAREALIGN_ACC_DSR: {
        int any = 0;
        for (uint32_t b = 0; b < acc->n_bands; b++) {
            uint8_t has;
            if (!get_u128(r, "band events", &acc->band_events[b]) ||
                !get_u8(r, "band population flag", &has))
                return 0;
            if (has > 1)
                return fail(r, "not 0 or 1");
            acc->band_has_population[b] = has;
            if (has && !get_f64(r, "band population", 1, &acc->band_population[b]))
                return 0;
            any |= !carealign__u128_is_zero(acc->band_events[b]);
        }
        if (st->n == 0 && any)
            return fail(r, "events without records");
        return 1;
    }
    case CAREALIGN_ACC_CHANGE:
        if (st->n == 0)
            return 1;
        if (!get_moments(r, st, CAREALIGN__DIFF_MAX_I64) ||
            !get_u64(r, "n_improved", &st->n_improved) ||
            !get_u64(r, "n_unchanged", &st->n_unchanged))
            return 0;
        if (st->n_improved > st->n || st->n_unchanged > st->n - st->n_improved)
            return fail(r, "more than n");
        st->n_deteriorated = st->n - st->n_improved - st->n_unchanged;
        return 1;
    case CAREALIGN_ACC_TOTAL:
        if (st->n == 0)
            return 1;
        return get_moments(r, st, CAREALIGN__GRID_MAX_I64) && get_u128(r, "exposure", &st->sum_e) &&
               get_u128(r, "exposure squared", &st->sum_e2) &&
               get_i128(r, "amount x exposure", &st->sum_ae);
    case CAREALIGN_ACC_DISTRIBUTION: {
        uint64_t k;
        if (!get_u64(r, "distinct values", &k))
            return 0;
        if (k > (r->end - r->pos) / 2) /* each entry takes 2 bytes or more */
            return fail(r, "more entries than bytes");
        if ((k == 0) != (st->n == 0))
            return fail(r, "inconsistent with n");
        if (k == 0)
            return 1;
        acc->hist = carealign__calloc((size_t)k, sizeof *acc->hist);
        if (acc->hist == NULL) {
            r->problem = "out of memory";
            return 0;
        }
        acc->hist_cap = (size_t)k;
        carealign__acc_state m;
        memset(&m, 0, sizeof m);
        int64_t value = 0;
        for (uint64_t i = 0; i < k; i++) {
            uint64_t count;
            if (i == 0) {
                if (!get_i64(r, "first value", &value))
                    return 0;
            } else {
                uint64_t gap;
                if (!get_u64(r, "value gap", &gap))
                    return 0;
                if (gap == 0 || gap > (uint64_t)(CAREALIGN__GRID_MAX_I64 - value))
                    return fail(r, "out of range");
                value = (int64_t)((uint64_t)value + gap);
            }
            if (value < -CAREALIGN__GRID_MAX_I64 || value > CAREALIGN__GRID_MAX_I64)
                return fail(r, "out of range");
            if (!get_u64(r, "count", &count))
                return 0;
            if (count == 0)
                return fail(r, "zero count");
            if (count > st->n - m.n)
                return fail(r, "counts exceed n");
            /* moments of `count` copies of value */
            carealign__u128 sum, sq;
            carealign__u128 cv = carealign__u128_mul64(count, carealign__u64_magnitude(value));
            if (value < 0)
                cv = carealign__u128_negate(cv);
            carealign__u128 vv = carealign__square64(value);
            carealign__u128 cvv_lo = carealign__u128_mul64(count, vv.lo);
            carealign__u128 cvv_hi = carealign__u128_mul64(count, vv.hi);
            if (cvv_hi.hi != 0 || /* count * value^2 < 2^128 */
                carealign__u128_add(&sq, cvv_lo, carealign__u128_make(cvv_hi.lo, 0)) ||
                carealign__u128_add(&sq, m.sumsq, sq) || carealign__i128_add(&sum, m.sum, cv))
                return fail(r, "sums overflow");
            m.sum = sum;
            m.sumsq = sq;
            if (m.n == 0)
                m.min = value;
            m.max = value;
            m.n += count;
            acc->hist[i].value = value;
            acc->hist[i].count = count;
            acc->hist_len = (size_t)i + 1;
        }
        r->field = "counts";
        if (m.n != st->n)
            return fail(r, "do not add up to n");
        st->sum = m.sum;
        st->sumsq = m.sumsq;
        st->min = m.min;
        st->max = m.max;
        return 1;
    }
    }
    return fail(r, "unknown kind");
}

carealign_status carealign_acc_deserialize(const void *buf, size_t len, carealign_acc **out)
{
    const char *fn = "carealign_acc_deserialize";
    if (out == NULL || (buf == NULL && len > 0))
        return carealign__error(CAREALIGN_EINVAL, "%s: NULL argument", fn);
    const uint8_t *p = buf;
    if (len < MIN_BLOB)
        return carealign__error(CAREALIGN_ECORRUPT, "%s: truncated: %zu bytes", fn, len);
    if (memcmp(p, magic, sizeof magic) != 0)
        return carealign__error(CAREALIGN_ECORRUPT, "%s: not an accumulator blob", fn);
    uint32_t stored = (uint32_t)p[len - 4] | (uint32_t)p[len - 3] << 8 |
                      (uint32_t)p[len - 2] << 16 | (uint32_t)p[len - 1] << 24;
    if (carealign__crc32c(p, len - 4) != stored)
        return carealign__error(CAREALIGN_ECORRUPT,
                                "%s: CRC-32C mismatch (damaged, truncated or extended)", fn);
    unsigned version = (unsigned)p[4] | (unsigned)p[5] << 8;
    if (version > CAREALIGN_ACC_FORMAT_VERSION)
        return carealign__error(CAREALIGN_EUNSUPPORTED,
                                "%s: format version %u is newer than this library's %d", fn,
                                version, CAREALIGN_ACC_FORMAT_VERSION);
    if (version < 1)
        return carealign__error(CAREALIGN_ECORRUPT, "%s: format version 0 does not exist", fn);

    reader r = {p, len - 4, 6, "header", NULL};
    carealign_acc proto;
    memset(&proto, 0, sizeof proto);
    uint8_t kind, hflags;
    uint64_t methods = 0, flags = 0, scale = 1, unit = 0, mid = 0, stdpop = 0, n_bands = 0;
    uint8_t direction = 0;
    double standard[CAREALIGN_ACC_MAX_BANDS];
    int custom = 0;
    get_u8(&r, "kind", &kind);
    get_u8(&r, "header flags", &hflags);
    if (r.problem == NULL && (hflags & ~HEADER_CONTEXT) != 0)
        fail(&r, "unknown flag");
    get_u64(&r, "methods version", &methods);
    if (r.problem == NULL && (methods < 1 || methods > UINT32_MAX))
        fail(&r, "out of range");
    if (hflags & HEADER_CONTEXT) {
        r.field = "context";
        get(&r, proto.context, sizeof proto.context);
        int zero = 1;
        for (size_t i = 0; i < sizeof proto.context; i++)
            zero &= proto.context[i] == 0;
        if (r.problem == NULL && zero)
            fail(&r, "all zero (must be omitted)");
    }
    get_u64(&r, "flags", &flags);
    if (r.problem == NULL && flags > UINT32_MAX)
        fail(&r, "out of range");
    proto.kind = kind;
    switch (kind) {
    case CAREALIGN_ACC_MEAN:
    case CAREALIGN_ACC_DISTRIBUTION: get_u64(&r, "scale", &scale); break;
    case CAREALIGN_ACC_RATE:
        get_u64(&r, "scale", &scale);
        get_f64(&r, "per", 1, &proto.per);
        break;
    case CAREALIGN_ACC_DSR:
        get_f64(&r, "per", 1, &proto.per);
        get_u64(&r, "standard population", &stdpop);
        if (r.problem == NULL && stdpop == STDPOP_ESP2013) {
            n_bands = CAREALIGN__ESP2013_BANDS;
        } else if (r.problem == NULL && stdpop == STDPOP_CUSTOM) {
            custom = 1;
            get_u64(&r, "n_bands", &n_bands);
            if (r.problem == NULL && (n_bands < 1 || n_bands > CAREALIGN_ACC_MAX_BANDS))
                fail(&r, "out of range");
            for (uint64_t b = 0; b < n_bands && r.problem == NULL; b++)
                get_f64(&r, "standard weight", 1, &standard[b]);
        } else if (r.problem == NULL) {
            fail(&r, "unknown code");
        }
        break;
    case CAREALIGN_ACC_CHANGE:
        get_u64(&r, "scale", &scale);
        get_u8(&r, "direction", &direction);
        if (r.problem == NULL && direction > 1)
            fail(&r, "not 0 or 1");
        get_u64(&r, "mid", &mid);
        break;
    case CAREALIGN_ACC_TOTAL:
        get_u64(&r, "scale", &scale);
        get_u64(&r, "unit", &unit);
        break;
    case CAREALIGN_ACC_PROPORTION: break;
    default:
        if (r.problem == NULL) {
            r.field = "kind";
            fail(&r, "unknown kind");
        }
    }
    if (r.problem != NULL)
        return carealign__error(CAREALIGN_ECORRUPT, "%s: %s at byte %zu: %s", fn, r.field, r.pos,
                                r.problem);
    if (scale > 10000 || unit > 3 || mid > (uint64_t)CAREALIGN__GRID_MAX_I64)
        return carealign__error(CAREALIGN_ECORRUPT, "%s: parameters out of range", fn);
    proto.scale = (int32_t)scale;
    proto.unit = (int32_t)unit;
    proto.direction = kind == CAREALIGN_ACC_CHANGE ? (direction ? -1 : 1) : 0;
    proto.mid_units = (int64_t)mid;
    proto.stdpop = 0;
    proto.n_bands = (uint32_t)n_bands;
    proto.standard = custom ? standard : NULL;
    proto.flags = (uint32_t)flags;
    proto.methods_version = (uint32_t)methods;
    const char *why = NULL;
    if (!carealign__acc_params_valid(&proto, &why))
        return carealign__error(CAREALIGN_ECORRUPT, "%s: parameters: %s", fn, why);

    carealign_acc *acc;
    carealign_status status = carealign__acc_alloc(&proto, proto.standard, &acc);
    if (status != CAREALIGN_OK)
        return status;
    if (!decode_payload(&r, acc)) {
        carealign_acc_free(acc);
        if (strcmp(r.problem, "out of memory") == 0)
            return carealign__error(CAREALIGN_ENOMEM, "%s: out of memory", fn);
        return carealign__error(CAREALIGN_ECORRUPT, "%s: %s at byte %zu: %s", fn, r.field, r.pos,
                                r.problem);
    }
    if (r.pos != r.end) {
        carealign_acc_free(acc);
        return carealign__error(CAREALIGN_ECORRUPT, "%s: %zu unexpected bytes before the CRC", fn,
                                r.end - r.pos);
    }
    *out = acc;
    return CAREALIGN_OK;
}

/* Partial scorecards: the "CASC" blob and merging (docs/scorecard.md).
 *
 * Layout, little-endian: "CASC", u32 format version, u8[32] framework hash,
 * u32 methods version, u32 option flags, f64 confidence; then 6 dictionaries
 * (u32 n, each u32 length + bytes); organisations (u32 n, each i32 sector,
 * u32 name length + bytes); populations (u32 n, each 6 x i32 + i64); FFT
 * keys (u32 n, each 4 x i32); feed counts (6 feeds x 7 x u64; format 2: 6,
 * without unscored, read with unscored 0; format 1: 5, refused); groups (u32
 * n, each 8 x i32 key + u32 length + accumulator blob). Every count is
 * bounded by the blob's length before anything is allocated. */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "scorecard/internal.h"
#include "scorecard/contrib.h"

typedef struct wbuf {
    unsigned char *p;
    size_t cap, len;
} wbuf;

static void put(wbuf *w, const void *data, size_t n)
{
    if (w->p != NULL && w->len + n <= w->cap)
        memcpy(w->p + w->len, data, n);
    w->len += n;
}

static void put_u32(wbuf *w, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    put(w, b, 4);
}

static void put_u64(wbuf *w, uint64_t v)
{
    put_u32(w, (uint32_t)v);
    put_u32(w, (uint32_t)(v >> 32));
}

static void put_i32(wbuf *w, int32_t v)
{
    put_u32(w, (uint32_t)v);
}

static carealign_status write_all(const carealign_scorecard *sc, wbuf *w)
{
    put(w, CAREALIGN_SCORECARD_MAGIC, 4);
    put_u32(w, CAREALIGN_SCORECARD_FORMAT_CURRENT);
    put(w, sc->hash, sizeof sc->hash);
    put_u32(w, sc->methods_version);
    put_u32(w, sc->flags);
    uint64_t conf = 0;
    memcpy(&conf, &sc->confidence, sizeof conf);
    put_u64(w, conf);
    for (int d = 0; d < CAREALIGN_DICT_COUNT; d++) {
        const carealign__sc_dict *dict = &sc->dicts[d];
        put_u32(w, (uint32_t)dict->n);
        for (size_t i = 0; i < dict->n; i++) {
            put_u32(w, (uint32_t)dict->len[i]);
            put(w, dict->bytes + dict->start[i], dict->len[i]);
        }
    }
    put_u32(w, (uint32_t)sc->n_orgs);
    for (size_t i = 0; i < sc->n_orgs; i++) {
        put_i32(w, sc->orgs[i].sector);
        put_u32(w, (uint32_t)sc->orgs[i].name_len);
        if (sc->orgs[i].name_len > 0)
            put(w, sc->orgs[i].name, sc->orgs[i].name_len);
    }
    put_u32(w, (uint32_t)sc->n_pops);
    for (size_t i = 0; i < sc->n_pops; i++) {
        const carealign_population *p = &sc->pops[i];
        put_u32(w, p->has);
        put_i32(w, p->area);
        put_i32(w, p->year);
        put_i32(w, p->sex);
        put_i32(w, p->age_lower);
        put_i32(w, p->age_upper);
        put_u64(w, (uint64_t)p->count);
    }
    put_u32(w, (uint32_t)sc->n_fftkeys);
    for (size_t i = 0; i < sc->n_fftkeys; i++) {
        put_i32(w, sc->fftkeys[i].org);
        put_i32(w, sc->fftkeys[i].month);
        put_i32(w, sc->fftkeys[i].mode);
        put_i32(w, sc->fftkeys[i].has_mode);
    }
    for (int f = 1; f < 7; f++) {
        put_u64(w, sc->counts[f].read);
        put_u64(w, sc->counts[f].used);
        put_u64(w, sc->counts[f].rejected);
        put_u64(w, sc->counts[f].excluded_opt_out);
        put_u64(w, sc->counts[f].excluded_outside_base);
        put_u64(w, sc->counts[f].weights_not_applied);
        put_u64(w, sc->counts[f].unscored);
    }
    put_u32(w, (uint32_t)sc->n_groups);
    unsigned char acc_buf[4096];
    for (size_t g = 0; g < sc->n_groups; g++) {
        const carealign__sc_key *k = &sc->groups[g].key;
        carealign_acc tmp; /* the group with its finest cells' adds (fine.c) */
        const carealign_acc *acc = carealign__sc_fine_view(sc, g, &tmp);
        const int32_t v[8] = {k->measure,    k->level,      k->unit,       k->stratum[0],
                              k->stratum[1], k->stratum[2], k->stratum[3], k->period};
        for (int i = 0; i < 8; i++)
            put_i32(w, v[i]);
        size_t len = 0;
        carealign_status st = carealign_acc_serialize(acc, acc_buf, sizeof acc_buf, &len);
        if (st == CAREALIGN_EBUFSIZE) {
            /* a large distribution: write in place when there is room, else count */
            carealign_clear_error();
            put_u32(w, (uint32_t)len);
            if (w->p != NULL && w->len + len <= w->cap) {
                st = carealign_acc_serialize(acc, w->p + w->len, len, &len);
                if (st != CAREALIGN_OK)
                    return st;
            }
            w->len += len;
            continue;
        }
        if (st != CAREALIGN_OK)
            return st;
        put_u32(w, (uint32_t)len);
        put(w, acc_buf, len);
    }
    return CAREALIGN_OK;
}

carealign_status carealign_scorecard_serialize(const carealign_scorecard *sc, void *buf, size_t cap,
                                               size_t *out_len)
{
    if (sc == NULL || out_len == NULL || (buf == NULL && cap > 0))
        return carealign__error(CAREALIGN_EINVAL, "scorecard_serialize: NULL argument");
    if (sc->finalized)
        return carealign__error(CAREALIGN_ESTATE, "scorecard_serialize: after finalize");
    if (sc->n_people > 0)
        return carealign__error(CAREALIGN_ESTATE,
                                "scorecard_serialize: people still open (close_all first)");
    wbuf w = {NULL, 0, 0};
    carealign_status st = write_all(sc, &w);
    if (st != CAREALIGN_OK)
        return st;
    if (w.len > cap) {
        *out_len = w.len;
        return carealign__error(CAREALIGN_EBUFSIZE, "scorecard_serialize: buffer too small");
    }
    wbuf w2 = {buf, cap, 0};
    st = write_all(sc, &w2);
    if (st != CAREALIGN_OK)
        return st;
    *out_len = w2.len;
    return CAREALIGN_OK;
}

/* ---- reading ------------------------------------------------------------ */

typedef struct rbuf {
    const unsigned char *p;
    size_t len, pos;
    int bad;
} rbuf;

static const unsigned char *take(rbuf *r, size_t n)
{
    if (r->bad || n > r->len - r->pos) {
        r->bad = 1;
        return NULL;
    }
    const unsigned char *q = r->p + r->pos;
    r->pos += n;
    return q;
}

static uint32_t get_u32(rbuf *r)
{
    const unsigned char *b = take(r, 4);
    if (b == NULL)
        return 0;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static uint64_t get_u64(rbuf *r)
{
    uint64_t lo = get_u32(r);
    return lo | (uint64_t)get_u32(r) << 32;
}

static int32_t get_i32(rbuf *r)
{
    uint32_t u = get_u32(r);
    int32_t v;
    memcpy(&v, &u, sizeof v);
    return v;
}

static carealign_status corrupt(const char *what)
{
    return carealign__error(CAREALIGN_ECORRUPT, "scorecard_deserialize: %s", what);
}

/* A stratum dimension and value this framework can produce. */
static int valid_stratum(const carealign_scorecard *sc, int32_t dim, int32_t v)
{
    if (dim < 0 || dim >= sc->n_strata)
        return 0;
    switch (sc->stratum_kind[dim]) {
    case CAREALIGN_STRATUM_AGE: return v >= 0 && v < sc->stratum_groups[dim];
    case CAREALIGN_STRATUM_SEX: return v == 1 || v == 2 || v == 9;
    case CAREALIGN_STRATUM_DEPRIVATION:
        return v >= 1 && v <= (sc->stratum_groups[dim] == 5 ? 5 : 10);
    case CAREALIGN_STRATUM_ETHNICITY:
        return v >= 0 && (sc->dicts[CAREALIGN_DICT_ETHNICITY].n == 0 ||
                          (size_t)v < sc->dicts[CAREALIGN_DICT_ETHNICITY].n);
    default: return 0;
    }
}

/* A group key this scorecard could have made. */
static int valid_key(const carealign_scorecard *sc, const carealign__sc_key *k)
{
    if (k->measure < 0 || k->measure >= sc->n_measures || k->period < -1 ||
        k->period >= sc->n_periods)
        return 0;
    switch (k->level) {
    case CAREALIGN_LEVEL_SYSTEM:
        if (k->unit != -1)
            return 0;
        break;
    case CAREALIGN_LEVEL_SECTOR:
        if (k->unit < 0 || k->unit > 31)
            return 0;
        break;
    case CAREALIGN_LEVEL_ORG:
    case CAREALIGN_LEVEL_COHORT:
        if (k->unit < 0)
            return 0;
        break;
    default: return 0;
    }
    const int32_t *st = k->stratum;
    if (st[0] == CAREALIGN_STRATUM_MARGIN)
        return st[1] == CAREALIGN_STRATUM_MARGIN && st[2] == CAREALIGN_STRATUM_MARGIN &&
               st[3] == CAREALIGN_STRATUM_MARGIN;
    if (k->period != -1 || !valid_stratum(sc, st[0], st[1]))
        return 0;
    if (st[2] == CAREALIGN_STRATUM_MARGIN)
        return st[3] == CAREALIGN_STRATUM_MARGIN;
    return st[2] != st[0] && valid_stratum(sc, st[2], st[3]);
}

static carealign_status read_all(carealign_scorecard *sc, rbuf *r, uint32_t version)
{
    for (int d = 0; d < CAREALIGN_DICT_COUNT; d++) {
        uint32_t n = get_u32(r);
        if (n > r->len - r->pos)
            return corrupt("dictionary count");
        for (uint32_t i = 0; i < n; i++) {
            uint32_t len = get_u32(r);
            const unsigned char *s = take(r, len);
            if (s == NULL)
                return corrupt("dictionary string");
            int32_t idx = 0;
            carealign_status st = carealign__sc_dict_add(&sc->dicts[d], (const char *)s, len, &idx);
            if (st != CAREALIGN_OK)
                return st;
            if ((uint32_t)idx != i)
                return corrupt("duplicate dictionary string");
        }
    }
    uint32_t n_orgs = get_u32(r);
    if (n_orgs > (r->len - r->pos) / 8)
        return corrupt("organisation count");
    if (n_orgs > 0) {
        sc->orgs = carealign__calloc(n_orgs, sizeof *sc->orgs);
        if (sc->orgs == NULL)
            return carealign__error(CAREALIGN_ENOMEM, "scorecard_deserialize: out of memory");
        sc->n_orgs = n_orgs;
    }
    for (uint32_t i = 0; i < n_orgs; i++) {
        int32_t sector = get_i32(r);
        uint32_t len = get_u32(r);
        const unsigned char *s = take(r, len);
        if (s == NULL || sector < 0 || sector > 31 || (sector == 0 && len > 0))
            return corrupt("organisation");
        sc->orgs[i].sector = sector;
        if (sector != 0) {
            sc->orgs[i].name = carealign__malloc((size_t)len + 1);
            if (sc->orgs[i].name == NULL)
                return carealign__error(CAREALIGN_ENOMEM, "scorecard_deserialize: out of memory");
            if (len > 0)
                memcpy(sc->orgs[i].name, s, len);
            sc->orgs[i].name[len] = '\0';
            sc->orgs[i].name_len = len;
        }
    }
    uint32_t n_pops = get_u32(r);
    if (n_pops > (r->len - r->pos) / 32)
        return corrupt("population count");
    for (uint32_t i = 0; i < n_pops; i++) {
        carealign_population p = CAREALIGN_POPULATION_INIT;
        p.has = get_u32(r);
        p.area = get_i32(r);
        p.year = get_i32(r);
        p.sex = get_i32(r);
        p.age_lower = get_i32(r);
        p.age_upper = get_i32(r);
        p.count = (int64_t)get_u64(r);
        if (r->bad || p.area < 0 || (size_t)p.area >= sc->dicts[CAREALIGN_DICT_AREA].n ||
            p.count < 0)
            return corrupt("population");
        carealign_status st =
            carealign__sc_grow((void **)&sc->pops, &sc->cap_pops, sc->n_pops + 1, sizeof p);
        if (st != CAREALIGN_OK)
            return st;
        sc->pops[sc->n_pops++] = p;
    }
    uint32_t n_fft = get_u32(r);
    if (n_fft > (r->len - r->pos) / 16)
        return corrupt("FFT count");
    for (uint32_t i = 0; i < n_fft; i++) {
        carealign__sc_fftkey k;
        k.org = get_i32(r);
        k.month = get_i32(r);
        k.mode = get_i32(r);
        k.has_mode = get_i32(r);
        carealign_status st = carealign__sc_grow((void **)&sc->fftkeys, &sc->cap_fftkeys,
                                                 sc->n_fftkeys + 1, sizeof k);
        if (st != CAREALIGN_OK)
            return st;
        sc->fftkeys[sc->n_fftkeys++] = k;
    }
    for (int f = 1; f < 7; f++) {
        carealign_feed_counts *c = &sc->counts[f];
        c->read = get_u64(r);
        c->used = get_u64(r);
        c->rejected = get_u64(r);
        c->excluded_opt_out = get_u64(r);
        c->excluded_outside_base = get_u64(r);
        c->weights_not_applied = get_u64(r);
        c->unscored = version >= 3 ? get_u64(r) : 0;
        if (!r->bad && (c->used + c->rejected != c->read || c->weights_not_applied > c->used ||
                        c->unscored > c->used))
            return corrupt("feed counts");
    }
    uint32_t n_groups = get_u32(r);
    if (r->bad || n_groups > (r->len - r->pos) / 36)
        return corrupt("group count");
    for (uint32_t g = 0; g < n_groups; g++) {
        carealign__sc_key k;
        k.measure = get_i32(r);
        k.level = get_i32(r);
        k.unit = get_i32(r);
        for (int i = 0; i < 4; i++)
            k.stratum[i] = get_i32(r);
        k.period = get_i32(r);
        uint32_t len = get_u32(r);
        const unsigned char *blob = take(r, len);
        if (blob == NULL || !valid_key(sc, &k))
            return corrupt("group");
        carealign_acc *acc = NULL;
        carealign_status st = carealign_acc_deserialize(blob, len, &acc);
        if (st != CAREALIGN_OK)
            return st == CAREALIGN_ENOMEM ? st : corrupt("accumulator");
        /* the accumulator must be the one this measure makes */
        carealign_acc *want = NULL;
        st = carealign__sc_acc_new(sc, &k, &want);
        if (st == CAREALIGN_OK) {
            st = carealign_acc_merge(want, acc);
            if (st == CAREALIGN_OK) {
                carealign_acc *slot = NULL;
                st = carealign__sc_group_get(sc, &k, &slot);
                if (st == CAREALIGN_OK) {
                    carealign_acc_summary s = CAREALIGN_ACC_SUMMARY_INIT;
                    carealign_acc_get_summary(slot, &s);
                    if (s.n != 0 || s.n_missing != 0)
                        st = corrupt("duplicate group");
                    else
                        st = carealign_acc_merge(slot, acc);
                }
            } else if (st != CAREALIGN_ENOMEM) {
                st = corrupt("accumulator of another kind or framework");
            }
        }
        carealign_acc_free(want);
        carealign_acc_free(acc);
        if (st != CAREALIGN_OK)
            return st;
    }
    if (r->bad || r->pos != r->len)
        return corrupt("length");
    return CAREALIGN_OK;
}

carealign_status carealign_scorecard_deserialize(const carealign_framework *fw, const void *buf,
                                                 size_t len, carealign_scorecard **out)
{
    if (fw == NULL || buf == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_deserialize: NULL argument");
    rbuf r = {buf, len, 0, 0};
    const unsigned char *magic = take(&r, 4);
    if (magic == NULL || memcmp(magic, CAREALIGN_SCORECARD_MAGIC, 4) != 0)
        return corrupt("not a scorecard blob");
    uint32_t version = get_u32(&r);
    if (r.bad)
        return corrupt("truncated");
    if (version != CAREALIGN_SCORECARD_FORMAT_VERSION &&
        version != CAREALIGN_SCORECARD_FORMAT_CURRENT)
        return carealign__error(CAREALIGN_EUNSUPPORTED,
                                "scorecard_deserialize: format %u (this version reads 2 and 3)",
                                (unsigned)version);
    const unsigned char *hash = take(&r, CAREALIGN_SHA256_SIZE);
    uint32_t methods = get_u32(&r);
    uint32_t flags = get_u32(&r);
    uint64_t conf_bits = get_u64(&r);
    if (r.bad)
        return corrupt("truncated");
    double conf = 0;
    memcpy(&conf, &conf_bits, sizeof conf);
    uint8_t fw_hash[CAREALIGN_SHA256_SIZE];
    carealign_status st = carealign_framework_hash(fw, fw_hash);
    if (st != CAREALIGN_OK)
        return st;
    if (memcmp(hash, fw_hash, sizeof fw_hash) != 0)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_deserialize: another framework");
    if (methods != carealign_methods_version())
        return carealign__error(CAREALIGN_EINVAL, "scorecard_deserialize: methods version %u",
                                (unsigned)methods);
    if (!(conf > 0.0 && conf < 1.0) ||
        (flags & ~(CAREALIGN_SC_GROUPED | CAREALIGN_SC_NO_DISCLOSURE)) != 0)
        return corrupt("options");
    carealign_scorecard_options o = CAREALIGN_SCORECARD_OPTIONS_INIT;
    o.flags = flags;
    o.confidence = conf;
    carealign_scorecard *sc = NULL;
    st = carealign_scorecard_new(fw, &o, &sc);
    if (st != CAREALIGN_OK)
        return st;
    st = read_all(sc, &r, version);
    if (st != CAREALIGN_OK) {
        carealign_scorecard_free(sc);
        return st;
    }
    *out = sc;
    return CAREALIGN_OK;
}

/* ---- merge -------------------------------------------------------------- */

static int32_t remap(const carealign_scorecard *dst, const carealign_scorecard *src, int32_t dict,
                     int32_t idx)
{
    const carealign__sc_dict *s = &src->dicts[dict];
    if (s->n == 0 || idx < 0 || (size_t)idx >= s->n)
        return idx; /* caller indices, not a dictionary */
    return carealign__sc_dict_find(&dst->dicts[dict], s->bytes + s->start[idx], s->len[idx]);
}

static int32_t remap_stratum(const carealign_scorecard *dst, const carealign_scorecard *src,
                             int32_t dim, int32_t value)
{
    if (dim >= 0 && dst->stratum_kind[dim] == CAREALIGN_STRATUM_ETHNICITY)
        return remap(dst, src, CAREALIGN_DICT_ETHNICITY, value);
    return value;
}

carealign_status carealign_scorecard_merge(carealign_scorecard *dst, const carealign_scorecard *src)
{
    if (dst == NULL || src == NULL || dst == src)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_merge: NULL or the same scorecard");
    if (dst->finalized || src->finalized)
        return carealign__error(CAREALIGN_ESTATE, "scorecard_merge: after finalize");
    if (src->n_people > 0)
        return carealign__error(CAREALIGN_ESTATE, "scorecard_merge: source has people open");
    if (dst->fw != src->fw && memcmp(dst->hash, src->hash, sizeof dst->hash) != 0)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_merge: another framework");
    if (memcmp(dst->hash, src->hash, sizeof dst->hash) != 0 ||
        dst->methods_version != src->methods_version || dst->flags != src->flags ||
        dst->confidence != src->confidence)
        return carealign__error(CAREALIGN_EINVAL,
                                "scorecard_merge: framework, methods version or options differ");
    /* Dictionaries: every source string must already be known to dst, so
     * that the merge cannot fail half-way on a new string. */
    for (int d = 0; d < CAREALIGN_DICT_COUNT; d++)
        for (size_t i = 0; i < src->dicts[d].n; i++)
            if (remap(dst, src, d, (int32_t)i) < 0)
                return carealign__error(CAREALIGN_EINVAL,
                                        "scorecard_merge: dictionary %d string %zu unknown to "
                                        "the destination (register it first)",
                                        d, i);
    /* Organisations: same sectors where both know one. */
    for (size_t i = 0; i < src->n_orgs; i++) {
        if (src->orgs[i].sector == 0)
            continue;
        int32_t j = remap(dst, src, CAREALIGN_DICT_ORG, (int32_t)i);
        if (j < 0 || (size_t)j >= dst->n_orgs || dst->orgs[j].sector != src->orgs[i].sector)
            return carealign__error(CAREALIGN_EINVAL, "scorecard_merge: organisation %zu differs",
                                    i);
    }
    /* Populations: the same table. */
    if (dst->n_pops != src->n_pops)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_merge: populations differ");
    for (size_t i = 0; i < src->n_pops; i++) {
        carealign_population p = src->pops[i];
        p.area = remap(dst, src, CAREALIGN_DICT_AREA, p.area);
        int found = 0;
        for (size_t k = 0; k < dst->n_pops && !found; k++)
            found = memcmp(&dst->pops[k], &p, sizeof p) == 0;
        if (!found)
            return carealign__error(CAREALIGN_EINVAL, "scorecard_merge: populations differ");
    }
    /* FFT rows are aggregates, not people: each may be fed to one partition only. */
    for (size_t i = 0; i < src->n_fftkeys; i++) {
        carealign__sc_fftkey k = src->fftkeys[i];
        k.org = remap(dst, src, CAREALIGN_DICT_ORG, k.org);
        for (size_t j = 0; j < dst->n_fftkeys; j++)
            if (memcmp(&dst->fftkeys[j], &k, sizeof k) == 0)
                return carealign__error(CAREALIGN_EINVAL,
                                        "scorecard_merge: FFT row %zu fed to both partitions", i);
    }
    carealign_status gst =
        carealign__sc_grow((void **)&dst->fftkeys, &dst->cap_fftkeys,
                           dst->n_fftkeys + src->n_fftkeys, sizeof *dst->fftkeys);
    if (gst != CAREALIGN_OK)
        return gst;
    /* Groups: create every missing one first (may fail, nothing merged yet),
     * then merge the accumulators (dst's finest cells added to its groups
     * first, src's read through carealign__sc_fine_view). */
    carealign__sc_fine_flush_all(dst);
    for (size_t g = 0; g < src->n_groups; g++) {
        carealign__sc_key k = src->groups[g].key;
        if (k.level == CAREALIGN_LEVEL_ORG || k.level == CAREALIGN_LEVEL_COHORT)
            k.unit = remap(dst, src, CAREALIGN_DICT_ORG, k.unit);
        k.stratum[1] = remap_stratum(dst, src, k.stratum[0], k.stratum[1]);
        k.stratum[3] = remap_stratum(dst, src, k.stratum[2], k.stratum[3]);
        carealign_acc *acc = NULL;
        carealign_status st = carealign__sc_group_get(dst, &k, &acc);
        if (st != CAREALIGN_OK)
            return st;
    }
    for (size_t g = 0; g < src->n_groups; g++) {
        carealign__sc_key k = src->groups[g].key;
        if (k.level == CAREALIGN_LEVEL_ORG || k.level == CAREALIGN_LEVEL_COHORT)
            k.unit = remap(dst, src, CAREALIGN_DICT_ORG, k.unit);
        k.stratum[1] = remap_stratum(dst, src, k.stratum[0], k.stratum[1]);
        k.stratum[3] = remap_stratum(dst, src, k.stratum[2], k.stratum[3]);
        carealign_acc *acc = NULL;
        carealign_status st = carealign__sc_group_get(dst, &k, &acc);
        carealign_acc tmp;
        if (st == CAREALIGN_OK)
            st = carealign_acc_merge(acc, carealign__sc_fine_view(src, g, &tmp));
        if (st != CAREALIGN_OK)
            return st; /* only an exact-sum overflow or ENOMEM inside acc_merge */
    }
    carealign__sc_fine_check(dst); /* merged groups may be out of the cells' bounds */
    for (size_t i = 0; i < src->n_fftkeys; i++) {
        carealign__sc_fftkey k = src->fftkeys[i];
        k.org = remap(dst, src, CAREALIGN_DICT_ORG, k.org);
        dst->fftkeys[dst->n_fftkeys++] = k;
    }
    /* organisations and populations are the same tables in every partition:
     * their counts are not added */
    for (int f = CAREALIGN_FEED_PEOPLE; f < 7; f++) {
        dst->counts[f].read += src->counts[f].read;
        dst->counts[f].used += src->counts[f].used;
        dst->counts[f].rejected += src->counts[f].rejected;
        dst->counts[f].excluded_opt_out += src->counts[f].excluded_opt_out;
        dst->counts[f].excluded_outside_base += src->counts[f].excluded_outside_base;
        dst->counts[f].weights_not_applied += src->counts[f].weights_not_applied;
        dst->counts[f].unscored += src->counts[f].unscored;
    }
    return CAREALIGN_OK;
}

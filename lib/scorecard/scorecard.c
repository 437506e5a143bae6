/* The scorecard handle: creation from a framework (the measure plans), the
 * dictionaries, the result groups, and the read side of finished results. */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "scorecard/empty.h"
#include "scorecard/internal.h"
#include "scorecard/slots.h"

carealign_status carealign__sc_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return CAREALIGN_OK;
    size_t n = *cap < 16 ? 16 : *cap;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem)
            return carealign__error(CAREALIGN_ENOMEM, "scorecard: array too large");
        n *= 2;
    }
    void *q = carealign__realloc_array(*p, n, elem);
    if (q == NULL)
        return carealign__error(CAREALIGN_ENOMEM, "scorecard: out of memory");
    *p = q;
    *cap = n;
    return CAREALIGN_OK;
}

/* ---- dictionaries ------------------------------------------------------- */

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = UINT64_C(1469598103934665603);
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

int32_t carealign__sc_dict_find(const carealign__sc_dict *d, const char *s, size_t len)
{
    if (d->n_slots == 0)
        return -1;
    size_t mask = d->n_slots - 1;
    for (size_t i = (size_t)hash_bytes(s, len) & mask;; i = (i + 1) & mask) {
        int32_t v = d->slots[i];
        if (v == 0)
            return -1;
        size_t k = (size_t)(v - 1);
        if (d->len[k] == len && (len == 0 || memcmp(d->bytes + d->start[k], s, len) == 0))
            return v - 1;
    }
}

static carealign_status dict_rehash(carealign__sc_dict *d, size_t n_slots)
{
    int32_t *slots = carealign__calloc(n_slots, sizeof *slots);
    if (slots == NULL)
        return carealign__error(CAREALIGN_ENOMEM, "scorecard: out of memory");
    size_t mask = n_slots - 1;
    for (size_t k = 0; k < d->n; k++) {
        size_t i = (size_t)hash_bytes(d->bytes + d->start[k], d->len[k]) & mask;
        while (slots[i] != 0)
            i = (i + 1) & mask;
        slots[i] = (int32_t)(k + 1);
    }
    carealign__free(d->slots);
    d->slots = slots;
    d->n_slots = n_slots;
    return CAREALIGN_OK;
}

carealign_status carealign__sc_dict_add(carealign__sc_dict *d, const char *s, size_t len,
                                        int32_t *out_index)
{
    int32_t found = carealign__sc_dict_find(d, s, len);
    if (found >= 0) {
        *out_index = found;
        return CAREALIGN_OK;
    }
    if (d->n >= (size_t)INT32_MAX - 1)
        return carealign__error(CAREALIGN_EINVAL, "scorecard: dictionary full");
    if ((d->n + 1) * 2 > d->n_slots) {
        carealign_status st = dict_rehash(d, d->n_slots == 0 ? 64 : d->n_slots * 2);
        if (st != CAREALIGN_OK)
            return st;
    }
    size_t cap = d->cap;
    carealign_status st = carealign__sc_grow((void **)&d->start, &cap, d->n + 1, sizeof(size_t));
    if (st == CAREALIGN_OK) {
        cap = d->cap;
        st = carealign__sc_grow((void **)&d->len, &cap, d->n + 1, sizeof(size_t));
    }
    if (st != CAREALIGN_OK)
        return st;
    d->cap = cap;
    st = carealign__sc_grow((void **)&d->bytes, &d->bytes_cap, d->bytes_len + len + 1, 1);
    if (st != CAREALIGN_OK)
        return st;
    if (len > 0)
        memcpy(d->bytes + d->bytes_len, s, len);
    d->bytes[d->bytes_len + len] = '\0';
    d->start[d->n] = d->bytes_len;
    d->len[d->n] = len;
    d->bytes_len += len + 1;
    size_t mask = d->n_slots - 1;
    size_t i = (size_t)hash_bytes(s, len) & mask;
    while (d->slots[i] != 0)
        i = (i + 1) & mask;
    d->slots[i] = (int32_t)(d->n + 1);
    *out_index = (int32_t)d->n;
    d->n++;
    return CAREALIGN_OK;
}

void carealign__sc_dict_free(carealign__sc_dict *d)
{
    carealign__free(d->bytes);
    carealign__free(d->start);
    carealign__free(d->len);
    carealign__free(d->slots);
    memset(d, 0, sizeof *d);
}

carealign_status carealign_scorecard_register_ids(carealign_scorecard *sc, int32_t dict,
                                                  const char *bytes, const uint64_t *offsets,
                                                  size_t n, int32_t *out_indices)
{
    if (sc == NULL || (offsets == NULL && n > 0))
        return carealign__error(CAREALIGN_EINVAL, "scorecard_register_ids: NULL argument");
    if (dict < 0 || dict >= CAREALIGN_DICT_COUNT)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_register_ids: unknown dictionary %d",
                                (int)dict);
    if (sc->finalized)
        return carealign__error(CAREALIGN_ESTATE, "scorecard_register_ids: after finalize");
    if (n >= (size_t)INT32_MAX)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_register_ids: too many strings");
    for (size_t i = 0; i < n; i++)
        if (offsets[i + 1] < offsets[i] || (bytes == NULL && offsets[i + 1] != offsets[0]))
            return carealign__error(CAREALIGN_EINVAL,
                                    "scorecard_register_ids: offsets[%zu] decreasing", i + 1);
    for (size_t i = 0; i < n; i++) {
        int32_t idx = 0;
        size_t len = (size_t)(offsets[i + 1] - offsets[i]);
        carealign_status st = carealign__sc_dict_add(
            &sc->dicts[dict], bytes == NULL ? "" : bytes + offsets[i], len, &idx);
        if (st != CAREALIGN_OK)
            return st;
        if (out_indices != NULL)
            out_indices[i] = idx;
    }
    return CAREALIGN_OK;
}

carealign_status carealign_scorecard_get_id(const carealign_scorecard *sc, int32_t dict,
                                            int32_t index, const char **out, size_t *out_len)
{
    if (sc == NULL || out == NULL || out_len == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_get_id: NULL argument");
    if (dict < 0 || dict >= CAREALIGN_DICT_COUNT)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_get_id: unknown dictionary %d",
                                (int)dict);
    const carealign__sc_dict *d = &sc->dicts[dict];
    if (index < 0 || (size_t)index >= d->n)
        return carealign__error(CAREALIGN_ERANGE, "scorecard_get_id: index out of range");
    *out = d->bytes + d->start[index];
    *out_len = d->len[index];
    return CAREALIGN_OK;
}

const char *carealign__sc_dict_string(const carealign__sc_table *t, int32_t dict, int32_t index,
                                      size_t *out_len)
{
    const char *s = "";
    size_t len = 0;
    if (t != NULL && t->sc != NULL && dict >= 0 && dict < CAREALIGN_DICT_COUNT) {
        const carealign__sc_dict *d = &t->sc->dicts[dict];
        if (index >= 0 && (size_t)index < d->n) {
            s = d->bytes + d->start[index];
            len = d->len[index];
        }
    }
    if (out_len != NULL)
        *out_len = len;
    return s;
}

const char *carealign__sc_org_name(const carealign__sc_table *t, int32_t org, size_t *out_len)
{
    const char *s = "";
    size_t len = 0;
    if (t != NULL && t->sc != NULL && org >= 0 && (size_t)org < t->sc->n_orgs &&
        t->sc->orgs[org].name != NULL) {
        s = t->sc->orgs[org].name;
        len = t->sc->orgs[org].name_len;
    }
    if (out_len != NULL)
        *out_len = len;
    return s;
}

const carealign_framework *carealign__sc_framework(const carealign__sc_table *t)
{
    return t == NULL || t->sc == NULL ? NULL : t->sc->fw;
}

/* ---- groups ------------------------------------------------------------- */

/* Four multiplies over the key packed in 64-bit words, then a final mix so
 * that the low bits (the slot) depend on every field. */
static uint64_t key_hash(const carealign__sc_key *k)
{
    const uint64_t a = ((uint64_t)(uint32_t)k->measure << 32) | (uint32_t)k->level;
    const uint64_t b = ((uint64_t)(uint32_t)k->unit << 32) | (uint32_t)k->period;
    const uint64_t c = ((uint64_t)(uint32_t)k->stratum[0] << 32) | (uint32_t)k->stratum[1];
    const uint64_t d = ((uint64_t)(uint32_t)k->stratum[2] << 32) | (uint32_t)k->stratum[3];
    uint64_t h = (a * UINT64_C(0x9E3779B97F4A7C15)) ^ (b * UINT64_C(0xC2B2AE3D27D4EB4F)) ^
                 (c * UINT64_C(0x165667B19E3779F9)) ^ (d * UINT64_C(0xff51afd7ed558ccd));
    h ^= h >> 32;
    h *= UINT64_C(0xc4ceb9fe1a85ec53);
    h ^= h >> 29;
    return h;
}

static int key_eq(const carealign__sc_key *a, const carealign__sc_key *b)
{
    return a->measure == b->measure && a->level == b->level && a->unit == b->unit &&
           a->stratum[0] == b->stratum[0] && a->stratum[1] == b->stratum[1] &&
           a->stratum[2] == b->stratum[2] && a->stratum[3] == b->stratum[3] &&
           a->period == b->period;
}

static carealign_status groups_rehash(carealign_scorecard *sc, size_t n_slots)
{
    int32_t *slots = carealign__calloc(n_slots, sizeof *slots);
    if (slots == NULL)
        return carealign__error(CAREALIGN_ENOMEM, "scorecard: out of memory");
    size_t mask = n_slots - 1;
    for (size_t g = 0; g < sc->n_groups; g++) {
        size_t i = (size_t)key_hash(&sc->groups[g].key) & mask;
        while (slots[i] != 0)
            i = (i + 1) & mask;
        slots[i] = (int32_t)(g + 1);
    }
    carealign__free(sc->gslots);
    sc->gslots = slots;
    sc->n_gslots = n_slots;
    return CAREALIGN_OK;
}

carealign_status carealign__sc_acc_new(const carealign_scorecard *sc, const carealign__sc_key *key,
                                       carealign_acc **out)
{
    const carealign__sc_measure *m = &sc->measures[key->measure];
    double standard[CAREALIGN__SC_ESP_BANDS];
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = m->acc_kind;
    memcpy(p.context, sc->hash, sizeof p.context);
    if (m->mflags & CAREALIGN_MEASURE_WEIGHTED)
        p.flags = CAREALIGN_ACC_WEIGHTED; /* PROPORTION or MEAN (compile_measure) */
    switch (m->acc_kind) {
    case CAREALIGN_ACC_PROPORTION: break;
    case CAREALIGN_ACC_RATE:
        p.per = m->per;
        p.scale = 1;
        if (m->pop_denominator)
            p.flags = CAREALIGN_ACC_DENOMINATOR_SET;
        break;
    case CAREALIGN_ACC_DSR:
        p.per = m->per;
        if (carealign__sc_dsr_standard(sc, m, key, standard)) {
            /* an age-restricted group: the ESP bands of its ages (dsr.c) */
            p.standard = standard;
            p.n_bands = CAREALIGN__SC_ESP_BANDS;
        }
        break;
    case CAREALIGN_ACC_CHANGE:
        p.scale = m->scale;
        p.direction = m->improvement == CAREALIGN_IMPROVE_DECREASE ? -1 : 1;
        break;
    default: p.scale = m->scale; break;
    }
    return carealign_acc_new(&p, out);
}

carealign_status carealign__sc_group_get(carealign_scorecard *sc, const carealign__sc_key *key,
                                         carealign_acc **out)
{
    if (sc->n_gslots != 0) {
        size_t mask = sc->n_gslots - 1;
        for (size_t i = (size_t)key_hash(key) & mask;; i = (i + 1) & mask) {
            int32_t v = sc->gslots[i];
            if (v == 0)
                break;
            if (key_eq(&sc->groups[v - 1].key, key)) {
                *out = sc->groups[v - 1].acc;
                return CAREALIGN_OK;
            }
        }
    }
    if ((sc->n_groups + 1) * 2 > sc->n_gslots) {
        carealign_status st = groups_rehash(sc, sc->n_gslots == 0 ? 256 : sc->n_gslots * 2);
        if (st != CAREALIGN_OK)
            return st;
    }
    carealign_status st = carealign__sc_grow((void **)&sc->groups, &sc->cap_groups,
                                             sc->n_groups + 1, sizeof *sc->groups);
    if (st != CAREALIGN_OK)
        return st;
    carealign_acc *acc = NULL;
    st = carealign__sc_acc_new(sc, key, &acc);
    if (st != CAREALIGN_OK)
        return st;
    sc->groups[sc->n_groups].key = *key;
    sc->groups[sc->n_groups].acc = acc;
    size_t mask = sc->n_gslots - 1;
    size_t i = (size_t)key_hash(key) & mask;
    while (sc->gslots[i] != 0)
        i = (i + 1) & mask;
    sc->gslots[i] = (int32_t)(sc->n_groups + 1);
    sc->n_groups++;
    *out = acc;
    return CAREALIGN_OK;
}

/* ---- creation ----------------------------------------------------------- */

static int is_count_figure(int32_t which)
{
    return which != CAREALIGN_JF_COC && which != CAREALIGN_JF_UPC && which != CAREALIGN_JF_SECON &&
           which != CAREALIGN_JF_MMCI && which != CAREALIGN_JF_FRAGMENTATION;
}

int carealign__sc_is_discharge_figure(int32_t which)
{
    switch (which) {
    case CAREALIGN_JF_DISCHARGES:
    case CAREALIGN_JF_FOLLOWED_UP_WITHIN:
    case CAREALIGN_JF_FOLLOWUP_NONE:
    case CAREALIGN_JF_READMISSIONS:
    case CAREALIGN_JF_DELAY_KNOWN:
    case CAREALIGN_JF_DELAY_DAYS:
    case CAREALIGN_JF_REABLEMENT_DENOMINATOR:
    case CAREALIGN_JF_REABLEMENT_NUMERATOR: return 1;
    default: return 0;
    }
}

/* Whether criteria a and b have the same person atoms in the same order
 * (the other atoms aside): person_holds_at gives the same on every day. */
int carealign__sc_person_atoms_same(const carealign__sc_crit *a, const carealign__sc_crit *b)
{
    int32_t i = 0, j = 0;
    for (;;) {
        while (i < a->n && a->atoms[i].kind != CAREALIGN_ATOM_PERSON)
            i++;
        while (j < b->n && b->atoms[j].kind != CAREALIGN_ATOM_PERSON)
            j++;
        if (i == a->n || j == b->n)
            return i == a->n && j == b->n;
        const carealign__sc_atom *x = &a->atoms[i++], *y = &b->atoms[j++];
        if (x->which != y->which || x->flags != y->flags || x->n_values != y->n_values ||
            memcmp(&x->at_least, &y->at_least, sizeof x->at_least) != 0 ||
            memcmp(&x->at_most, &y->at_most, sizeof x->at_most) != 0 ||
            (x->n_values > 0 && memcmp(x->values, y->values, x->n_values * sizeof *x->values) != 0))
            return 0;
    }
}

/* Criterion c of measure mi's person_key: the first criterion compiled
 * before it (measures 0 .. mi, criteria in order) with the same person
 * atoms, else (or without person atoms) its own 7 * mi + c. */
static int32_t person_key_of(const carealign_scorecard *sc, int32_t mi, int32_t c)
{
    const carealign__sc_crit *cr = &sc->measures[mi].crit[c], none = {.n = 0};
    if (carealign__sc_person_atoms_same(cr, &none)) /* no person atom */
        return 7 * mi + c;
    for (int32_t k = 0; k < 7 * mi + c; k++) {
        const carealign__sc_crit *o = &sc->measures[k / 7].crit[k % 7];
        if (k % 7 != 0 && o->n > 0 && carealign__sc_person_atoms_same(o, cr))
            return o->person_key;
    }
    return 7 * mi + c;
}

static carealign_status compile_measure(carealign_scorecard *sc, int32_t mi)
{
    carealign_measure_info info = {.size = sizeof info};
    carealign_status st = carealign_framework_get_measure(sc->fw, mi, &info);
    if (st != CAREALIGN_OK)
        return st;
    carealign__sc_measure *m = &sc->measures[mi];
    m->scoring = info.scoring;
    m->aim = info.aim;
    m->improvement = info.improvement;
    m->mflags = info.flags;
    m->per = (info.flags & CAREALIGN_MEASURE_HAS_PER) ? info.per : 1.0;
    m->target = (info.flags & CAREALIGN_MEASURE_HAS_TARGET) ? info.target : NAN;
    m->mid = (info.flags & CAREALIGN_MEASURE_HAS_MID) ? info.mid : 0.0;
    m->stdpop = info.standard_population;
    m->pair_baseline = info.pairing_baseline;
    m->pair_follow_up = info.pairing_follow_up;
    m->pair_min_days = info.pairing_min_days;
    m->pair_max_days = info.pairing_max_days;
    m->pair_org = info.pairing_organisation;
    m->aggregate = info.observation_aggregate;
    m->vs = -1;
    m->jopt = -1;
    m->periods = (info.flags & CAREALIGN_MEASURE_SPC_HISTORY) != 0;
    if (info.valueset_index >= 0 && info.valueset_index < sc->n_vs)
        m->vs = info.valueset_index;
    if (info.instrument_len == 3 && memcmp(info.instrument, "fft", 3) == 0)
        m->fft = 1;
    int needs_journey = 0;
    for (int32_t c = CAREALIGN_CRIT_INITIAL_POPULATION; c <= CAREALIGN_CRIT_OBSERVATION; c++) {
        size_t n = 0;
        st = carealign_framework_atom_count(sc->fw, mi, c, &n);
        if (st != CAREALIGN_OK)
            return st;
        if (n > CAREALIGN__SC_MAX_ATOMS)
            return carealign__error(CAREALIGN_EINVAL,
                                    "scorecard: measure %d: more than %d atoms in a criterion",
                                    (int)mi, CAREALIGN__SC_MAX_ATOMS);
        carealign__sc_crit *cr = &m->crit[c];
        cr->n = (int32_t)n;
        cr->counted = -1;
        for (size_t k = 0; k < n; k++) {
            carealign_framework_atom a = {.size = sizeof a};
            st = carealign_framework_get_atom(sc->fw, mi, c, k, &a);
            if (st != CAREALIGN_OK)
                return st;
            carealign__sc_atom *t = &cr->atoms[k];
            t->kind = a.kind;
            t->which = a.which;
            t->flags = a.flags;
            t->days = a.days;
            t->at_least = a.at_least;
            t->at_most = a.at_most;
            t->values = a.values;
            t->n_values = a.n_values;
            if (a.kind == CAREALIGN_ATOM_CONTACTS) {
                for (size_t v = 0; v < a.n_values; v++)
                    if (a.values[v] >= 0 && a.values[v] < 64)
                        t->type_mask |= UINT64_C(1) << a.values[v];
                for (size_t v = 0; v < a.n_sectors; v++)
                    if (a.sectors[v] >= 0 && a.sectors[v] < 32)
                        t->sector_mask |= UINT32_C(1) << a.sectors[v];
            }
            if (a.kind == CAREALIGN_ATOM_JOURNEY) {
                needs_journey = 1;
                if (carealign__sc_is_discharge_figure(a.which))
                    m->needs_discharges = 1;
            }
            if (a.kind == CAREALIGN_ATOM_POPULATION && c == CAREALIGN_CRIT_DENOMINATOR)
                m->pop_denominator = 1;
            if ((a.flags & CAREALIGN_ATOM_CONDITION) == 0 && a.kind != CAREALIGN_ATOM_POPULATION &&
                a.kind != CAREALIGN_ATOM_PERSON)
                cr->counted = (int32_t)k;
        }
        cr->person_key = person_key_of(sc, mi, c);
    }
    if (needs_journey) {
        carealign_journey_options o = {.size = sizeof o};
        st = carealign_framework_get_journey_options(sc->fw, mi, &o);
        if (st != CAREALIGN_OK)
            return st;
        /* One computation per distinct option set (the options point into the
         * framework, so equal bytes mean equal options). */
        for (int32_t j = 0; j < sc->n_jopts; j++)
            if (memcmp(&sc->jopts[j], &o, sizeof o) == 0) {
                m->jopt = j;
                break;
            }
        if (m->jopt < 0) {
            if (sc->n_jopts >= 256)
                return carealign__error(CAREALIGN_EINVAL,
                                        "scorecard: more than 256 distinct journey option sets");
            sc->jopts[sc->n_jopts] = o;
            m->jopt = sc->n_jopts++;
        }
    }
    /* The accumulator that reproduces the measure's method. */
    const carealign__sc_crit *obs = &m->crit[CAREALIGN_CRIT_OBSERVATION];
    switch (m->scoring) {
    case CAREALIGN_SCORING_PROPORTION: m->acc_kind = CAREALIGN_ACC_PROPORTION; break;
    case CAREALIGN_SCORING_RATIO:
        if (m->pop_denominator && m->stdpop == CAREALIGN_STDPOP_ESP2013)
            m->acc_kind = CAREALIGN_ACC_DSR;
        else
            m->acc_kind = CAREALIGN_ACC_RATE;
        break;
    case CAREALIGN_SCORING_CONTINUOUS: {
        if (obs->n != 1)
            return carealign__error(CAREALIGN_EINVAL,
                                    "scorecard: measure %d: observation needs exactly one atom",
                                    (int)mi);
        const carealign__sc_atom *a = &obs->atoms[0];
        int32_t scale = 1;
        if (a->kind == CAREALIGN_ATOM_SCORE || a->kind == CAREALIGN_ATOM_CHANGE) {
            int32_t dec = m->vs >= 0 ? sc->vs[m->vs].decimals : 4;
            scale = dec <= 0 ? 1 : dec == 2 ? 100 : dec == 3 ? 1000 : 10000;
        } else if (a->kind == CAREALIGN_ATOM_JOURNEY && !is_count_figure(a->which)) {
            scale = 10000; /* continuity indices: rounded to 1/10000 (docs/scorecard.md) */
        }
        m->scale = scale;
        if (a->kind == CAREALIGN_ATOM_CHANGE)
            m->acc_kind = CAREALIGN_ACC_CHANGE;
        else if (m->aggregate == CAREALIGN_AGG_MEDIAN)
            m->acc_kind = CAREALIGN_ACC_DISTRIBUTION;
        else if (m->aggregate == CAREALIGN_AGG_SUM)
            m->acc_kind = CAREALIGN_ACC_TOTAL;
        else
            m->acc_kind = CAREALIGN_ACC_MEAN;
        break;
    }
    default: /* cohort: a count of people */
        m->acc_kind = CAREALIGN_ACC_TOTAL;
        m->scale = 1;
        break;
    }
    if ((m->mflags & CAREALIGN_MEASURE_WEIGHTED) &&
        ((m->acc_kind != CAREALIGN_ACC_PROPORTION && m->acc_kind != CAREALIGN_ACC_MEAN) ||
         m->vs < 0 || m->fft))
        return carealign__error(CAREALIGN_EINVAL,
                                "scorecard: measure %d: survey weights apply to proportions and "
                                "means over responses only",
                                (int)mi);
    return CAREALIGN_OK;
}

static carealign_status build(carealign_scorecard *sc)
{
    carealign_framework_info info = {.size = sizeof info};
    carealign_status st = carealign_framework_get_info(sc->fw, &info);
    if (st != CAREALIGN_OK)
        return st;
    memcpy(sc->hash, info.hash, sizeof sc->hash);
    sc->methods_version = carealign_methods_version();
    sc->n_periods = info.n_periods;
    sc->period_start = info.period_start;
    sc->period_end = info.period_end;
    sc->base_kind = info.population_base;
    size_t np = info.n_periods > 0 ? (size_t)info.n_periods : 1;
    sc->pstart = carealign__calloc(np, sizeof(int32_t));
    sc->pend = carealign__calloc(np, sizeof(int32_t));
    sc->n_measures = info.n_measures;
    size_t nm = info.n_measures > 0 ? (size_t)info.n_measures : 1;
    sc->measures = carealign__calloc(nm, sizeof *sc->measures);
    sc->jopts = carealign__calloc(nm, sizeof *sc->jopts);
    sc->n_strata = info.n_strata;
    size_t ns = info.n_strata > 0 ? (size_t)info.n_strata : 1;
    sc->stratum_kind = carealign__calloc(ns, sizeof(int32_t));
    sc->stratum_groups = carealign__calloc(ns, sizeof(int32_t));
    sc->band_lower = carealign__calloc(ns, sizeof(int32_t *));
    sc->band_upper = carealign__calloc(ns, sizeof(int32_t *));
    sc->n_crosses = info.n_crosses;
    size_t nc = info.n_crosses > 0 ? (size_t)info.n_crosses : 1;
    sc->cross_a = carealign__calloc(nc, sizeof(int32_t));
    sc->cross_b = carealign__calloc(nc, sizeof(int32_t));
    size_t nv = info.n_valuesets > 0 ? (size_t)info.n_valuesets : 1;
    sc->vs = carealign__calloc(nv, sizeof *sc->vs);
    if (sc->pstart == NULL || sc->pend == NULL || sc->measures == NULL || sc->jopts == NULL ||
        sc->stratum_kind == NULL || sc->stratum_groups == NULL || sc->band_lower == NULL ||
        sc->band_upper == NULL || sc->cross_a == NULL || sc->cross_b == NULL || sc->vs == NULL)
        return carealign__error(CAREALIGN_ENOMEM, "scorecard_new: out of memory");
    for (int32_t i = 0; i < info.n_periods; i++) {
        st = carealign_framework_get_period(sc->fw, i, &sc->pstart[i], &sc->pend[i]);
        if (st != CAREALIGN_OK)
            return st;
    }
    for (int32_t i = 0; i < info.n_strata; i++) {
        carealign_framework_stratum s = {.size = sizeof s};
        st = carealign_framework_get_stratum(sc->fw, i, &s);
        if (st != CAREALIGN_OK)
            return st;
        sc->stratum_kind[i] = s.kind;
        sc->stratum_groups[i] = s.n_groups;
        sc->band_lower[i] = s.band_lower;
        sc->band_upper[i] = s.band_upper;
    }
    for (int32_t i = 0; i < info.n_crosses; i++) {
        st = carealign_framework_get_cross(sc->fw, i, &sc->cross_a[i], &sc->cross_b[i]);
        if (st != CAREALIGN_OK)
            return st;
    }
    sc->n_vs = info.n_valuesets;
    for (int32_t i = 0; i < info.n_valuesets; i++) {
        carealign_framework_valueset v = {.size = sizeof v};
        st = carealign_framework_get_valueset(sc->fw, i, &v);
        if (st != CAREALIGN_OK)
            return st;
        carealign__sc_vs *t = &sc->vs[i];
        t->instrument = -1;
        t->valueset = -1;
        if (v.kind != CAREALIGN_VS_INSTRUMENT || carealign__sc_vs_gas(t, &v))
            continue;
        size_t count = carealign_instrument_count();
        for (size_t k = 0; k < count; k++) {
            const carealign_instrument_info *ii = carealign_instrument_get(k);
            if (ii == NULL || strlen(ii->name) != v.instrument_len ||
                memcmp(ii->name, v.instrument, v.instrument_len) != 0)
                continue;
            for (size_t j = 0; j < ii->n_valuesets; j++) {
                const carealign_valueset_info *vi = carealign_instrument_valueset(ii, j);
                if (vi != NULL && strlen(vi->name) == v.name_len &&
                    memcmp(vi->name, v.name, v.name_len) == 0) {
                    t->instrument = (int32_t)k;
                    t->valueset = (int32_t)j;
                    t->decimals = vi->decimals;
                    t->instrument_name = ii->name;
                    t->valueset_name = vi->name;
                    t->n_items = ii->n_items;
                }
            }
        }
    }
    for (int32_t i = 0; i < info.n_measures; i++) {
        st = compile_measure(sc, i);
        if (st != CAREALIGN_OK)
            return st;
    }
    st = carealign_journey_new(&sc->journey);
    if (st != CAREALIGN_OK)
        return st;
    for (int f = 0; f < 7; f++)
        sc->counts[f].size = sizeof(carealign_feed_counts);
    return CAREALIGN_OK;
}

carealign_status carealign_scorecard_new(const carealign_framework *fw,
                                         const carealign_scorecard_options *opt,
                                         carealign_scorecard **out)
{
    if (fw == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_new: NULL argument");
    carealign_scorecard_options o = CAREALIGN_SCORECARD_OPTIONS_INIT;
    if (opt != NULL) {
        carealign_status st =
            carealign__read_struct(&o, sizeof o, opt, 24, "carealign_scorecard_options");
        if (st != CAREALIGN_OK)
            return st;
    }
    if (o.reserved != 0)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_new: reserved must be zero");
    if ((o.flags & ~(CAREALIGN_SC_GROUPED | CAREALIGN_SC_NO_DISCLOSURE)) != 0)
        return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard_new: unknown flags");
    if (o.confidence != 0.0 && !(o.confidence > 0.0 && o.confidence < 1.0))
        return carealign__error(CAREALIGN_EINVAL, "scorecard_new: confidence outside (0, 1)");
    carealign_scorecard *sc = carealign__calloc(1, sizeof *sc);
    if (sc == NULL)
        return carealign__error(CAREALIGN_ENOMEM, "scorecard_new: out of memory");
    sc->fw = fw;
    sc->flags = o.flags;
    sc->confidence = o.confidence == 0.0 ? 0.95 : o.confidence;
    carealign_status st = build(sc);
    if (st != CAREALIGN_OK) {
        carealign_scorecard_free(sc);
        return st;
    }
    *out = sc;
    return CAREALIGN_OK;
}

void carealign__sc_table_free(carealign__sc_table *t)
{
    carealign__free(t->rows);
    carealign__free(t->aims);
    t->org_sector = NULL;
    t->n_org_sector = 0;
    t->rows = NULL;
    t->aims = NULL;
    t->n_rows = 0;
    t->n_aims = 0;
}

void carealign_scorecard_free(carealign_scorecard *sc)
{
    if (sc == NULL)
        return;
    for (size_t g = 0; g < sc->n_groups; g++)
        carealign_acc_free(sc->groups[g].acc);
    carealign__free(sc->groups);
    carealign__free(sc->gslots);
    carealign__sc_slots_free(sc);
    for (int d = 0; d < CAREALIGN_DICT_COUNT; d++)
        carealign__sc_dict_free(&sc->dicts[d]);
    for (size_t i = 0; i < sc->n_orgs; i++)
        carealign__free(sc->orgs[i].name);
    carealign__free(sc->orgs);
    carealign__free(sc->pops);
    carealign__free(sc->fftkeys);
    carealign__free(sc->people);
    carealign__free(sc->pslots);
    carealign__free(sc->closed);
    carealign__free(sc->seen);
    carealign__free(sc->resp);
    carealign__free(sc->pending);
    carealign__free(sc->pending_extra);
    carealign__free(sc->work_contacts);
    carealign__free(sc->work_perm);
    carealign__free(sc->work_dis);
    carealign__free(sc->dis_rows);
    carealign__free(sc->work_jc);
    carealign__free(sc->work_wb);
    carealign__free(sc->jr_table);
    carealign__free(sc->work);
    carealign__free(sc->jconv);
    carealign__free(sc->jconv_done);
    carealign_journey_free(sc->journey);
    for (size_t i = 0; i < sc->n_jpool; i++)
        carealign_journey_free(sc->jpool[i]);
    carealign__free(sc->jpool);
    carealign__free(sc->jpool_gen);
    carealign__free(sc->pstart);
    carealign__free(sc->pend);
    carealign__free(sc->measures);
    carealign__free(sc->jopts);
    carealign__free(sc->stratum_kind);
    carealign__free(sc->stratum_groups);
    carealign__free((void *)sc->band_lower);
    carealign__free((void *)sc->band_upper);
    carealign__free(sc->cross_a);
    carealign__free(sc->cross_b);
    carealign__free(sc->vs);
    carealign__sc_table_free(&sc->table);
    carealign__free(sc->org_sector);
    carealign__free(sc);
}

/* ---- results ------------------------------------------------------------ */

static void write_result(const carealign_result *src, carealign_result *dst, size_t size)
{
    size_t n = size < sizeof *src ? size : sizeof *src;
    memcpy(dst, src, n);
    if (size > sizeof *src)
        memset((unsigned char *)dst + sizeof *src, 0, size - sizeof *src);
    dst->size = size;
}

carealign_status carealign_scorecard_result_count(const carealign_scorecard *sc, size_t *out_n)
{
    if (sc == NULL || out_n == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_result_count: NULL argument");
    if (!sc->finalized)
        return carealign__error(CAREALIGN_ESTATE, "scorecard_result_count: not finalized");
    *out_n = sc->table.n_rows;
    return CAREALIGN_OK;
}

carealign_status carealign_scorecard_get_result(const carealign_scorecard *sc, size_t i,
                                                carealign_result *out)
{
    if (sc == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_get_result: NULL argument");
    if (out->size < 144)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_get_result: size below 144");
    if (!sc->finalized)
        return carealign__error(CAREALIGN_ESTATE, "scorecard_get_result: not finalized");
    if (i >= sc->table.n_rows)
        return carealign__error(CAREALIGN_ERANGE, "scorecard_get_result: index out of range");
    write_result(&sc->table.rows[i].res, out, out->size);
    return CAREALIGN_OK;
}

carealign_status carealign_scorecard_get_results(const carealign_scorecard *sc, size_t first,
                                                 carealign_result *out, size_t cap, size_t *out_n)
{
    if (sc == NULL || out_n == NULL || (out == NULL && cap > 0))
        return carealign__error(CAREALIGN_EINVAL, "scorecard_get_results: NULL argument");
    if (!sc->finalized)
        return carealign__error(CAREALIGN_ESTATE, "scorecard_get_results: not finalized");
    if (cap == 0) {
        *out_n = 0;
        return CAREALIGN_OK;
    }
    size_t stride = out[0].size;
    if (stride < 144 || stride % 8 != 0)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_get_results: out[0].size invalid");
    size_t n = 0;
    for (size_t i = first; i < sc->table.n_rows && n < cap; i++, n++)
        write_result(&sc->table.rows[i].res,
                     (carealign_result *)(void *)((unsigned char *)out + n * stride), stride);
    *out_n = n;
    return CAREALIGN_OK;
}

carealign_status carealign_scorecard_find_result(const carealign_scorecard *sc, int32_t measure,
                                                 int32_t level, int32_t unit, int32_t period,
                                                 size_t *out_index)
{
    if (sc == NULL || out_index == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_find_result: NULL argument");
    if (!sc->finalized)
        return carealign__error(CAREALIGN_ESTATE, "scorecard_find_result: not finalized");
    /* Rows are sorted; a linear scan keeps this simple and is not a hot path. */
    for (size_t i = 0; i < sc->table.n_rows; i++) {
        const carealign_result *r = &sc->table.rows[i].res;
        if (r->measure == measure && r->kind == CAREALIGN_RESULT_ESTIMATE && r->level == level &&
            r->unit == unit && r->period == period && r->stratum[0] == CAREALIGN_STRATUM_MARGIN &&
            r->stratum[2] == CAREALIGN_STRATUM_MARGIN) {
            *out_index = i;
            return CAREALIGN_OK;
        }
    }
    return carealign__error(CAREALIGN_EMISSING, "scorecard_find_result: no such row");
}

carealign_status carealign_scorecard_get_aim_summary(const carealign_scorecard *sc, int32_t aim,
                                                     int32_t level, int32_t unit,
                                                     carealign_aim_summary *out)
{
    if (sc == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_get_aim_summary: NULL argument");
    if (out->size < 56)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_get_aim_summary: size below 56");
    if (!sc->finalized)
        return carealign__error(CAREALIGN_ESTATE, "scorecard_get_aim_summary: not finalized");
    for (size_t i = 0; i < sc->table.n_aims; i++) {
        const carealign_aim_summary *a = &sc->table.aims[i];
        if (a->aim == aim && a->level == level && a->unit == unit) {
            size_t size = out->size;
            size_t n = size < sizeof *a ? size : sizeof *a;
            memcpy(out, a, n);
            if (size > sizeof *a)
                memset((unsigned char *)out + sizeof *a, 0, size - sizeof *a);
            out->size = size;
            return CAREALIGN_OK;
        }
    }
    return carealign__error(CAREALIGN_EMISSING, "scorecard_get_aim_summary: no such summary");
}

carealign_status carealign_scorecard_get_counts(const carealign_scorecard *sc, int32_t feed,
                                                carealign_feed_counts *out)
{
    if (sc == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_get_counts: NULL argument");
    if (feed < CAREALIGN_FEED_ORGANISATIONS || feed > CAREALIGN_FEED_CONTACTS)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_get_counts: unknown feed %d",
                                (int)feed);
    if (out->size < 48)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_get_counts: size below 48");
    size_t size = out->size;
    size_t n = size < sizeof *out ? size : sizeof *out;
    memcpy(out, &sc->counts[feed], n);
    if (size > sizeof *out)
        memset((unsigned char *)out + sizeof *out, 0, size - sizeof *out);
    out->size = size;
    return CAREALIGN_OK;
}

carealign_status carealign_scorecard_write_cb(const carealign_scorecard *sc, int32_t format,
                                              const carealign_write_options *opt,
                                              carealign_write_fn fn, void *user)
{
    if (sc == NULL || fn == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_write_cb: NULL argument");
    if (!sc->finalized)
        return carealign__error(CAREALIGN_ESTATE, "scorecard_write_cb: not finalized");
    if (format < CAREALIGN_FORMAT_JSON || format > CAREALIGN_FORMAT_FHIR)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_write_cb: unknown format %d",
                                (int)format);
    return carealign__sc_write(&sc->table, sc->fw, format, opt, fn, user);
}

typedef struct buf_sink {
    char *buf;
    size_t cap;
    size_t len;
} buf_sink;

static int32_t buf_write(const void *data, size_t len, void *user)
{
    buf_sink *s = user;
    if (s->buf != NULL && s->len + len < s->cap)
        memcpy(s->buf + s->len, data, len);
    s->len += len;
    return 0;
}

carealign_status carealign_scorecard_write(const carealign_scorecard *sc, int32_t format,
                                           const carealign_write_options *opt, char *buf,
                                           size_t cap, size_t *out_len)
{
    if (sc == NULL || out_len == NULL || (buf == NULL && cap > 0))
        return carealign__error(CAREALIGN_EINVAL, "scorecard_write: NULL argument");
    buf_sink s = {buf, cap, 0};
    carealign_status st = carealign_scorecard_write_cb(sc, format, opt, buf_write, &s);
    if (st != CAREALIGN_OK)
        return st;
    if (s.len + 1 > cap) {
        if (cap > 0)
            buf[0] = '\0';
        *out_len = s.len + 1;
        return carealign__error(CAREALIGN_EBUFSIZE, "scorecard_write: buffer too small");
    }
    buf[s.len] = '\0';
    *out_len = s.len;
    return CAREALIGN_OK;
}

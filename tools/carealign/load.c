/* Loading the six data files (docs/data.md) into scorecard records.
 *
 * Every file is read with the strict CSV reader. A file that cannot be
 * opened or read, or whose header is wrong, is an error (exit status 1); a
 * row that breaks a rule of its own, or names a person or organisation
 * that is not in the people or organisations file, is rejected with its
 * file, line, field and reason (never its value) and the run goes on. Rows
 * the library rejects get their reason after feeding (rep_collect_rejects).
 * Strings (people, organisations, areas, practices, ethnic groups,
 * professionals) become dense dictionary indices in order of first
 * appearance, registered in every scorecard in the same order. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "csv.h"
#include "input.h"
#include "progress.h"
#include "report.h"

/* ---- dictionaries ---- */

static uint32_t fnv1a(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static int dict_grow_slots(rep_dict *d)
{
    size_t n = d->n_slots ? d->n_slots * 2 : 64;
    int32_t *slots = malloc(n * sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < n; i++)
        slots[i] = -1;
    for (size_t k = 0; k < d->n; k++) {
        size_t len = (size_t)(d->offsets[k + 1] - d->offsets[k]);
        size_t h = fnv1a(d->bytes + d->offsets[k], len) & (n - 1);
        while (slots[h] >= 0)
            h = (h + 1) & (n - 1);
        slots[h] = (int32_t)k;
    }
    free(d->slots);
    d->slots = slots;
    d->n_slots = n;
    return 0;
}

int32_t rep_dict_find(rep_dict *d, const char *s, size_t len, int add)
{
    if (d->n_slots > 0) {
        size_t h = fnv1a(s, len) & (d->n_slots - 1);
        while (d->slots[h] >= 0) {
            int32_t k = d->slots[h];
            size_t klen = (size_t)(d->offsets[k + 1] - d->offsets[k]);
            if (klen == len && memcmp(d->bytes + d->offsets[k], s, len) == 0)
                return k;
            h = (h + 1) & (d->n_slots - 1);
        }
    }
    if (!add)
        return -1;
    if (d->n >= INT32_MAX - 1)
        return -2;
    if ((d->n + 1) * 2 > d->n_slots && dict_grow_slots(d) != 0)
        return -2;
    if (d->n + 2 > d->cap_n) {
        size_t cap = d->cap_n ? d->cap_n * 2 : 64;
        uint64_t *o = realloc(d->offsets, cap * sizeof *o);
        if (o == NULL)
            return -2;
        d->offsets = o;
        d->cap_n = cap;
        if (d->n == 0)
            d->offsets[0] = 0;
    }
    if (d->len + len + 1 > d->cap) {
        size_t cap = d->cap ? d->cap : 256;
        while (cap < d->len + len + 1)
            cap *= 2;
        char *b = realloc(d->bytes, cap);
        if (b == NULL)
            return -2;
        d->bytes = b;
        d->cap = cap;
    }
    if (len > 0)
        memcpy(d->bytes + d->len, s, len);
    d->len += len;
    int32_t k = (int32_t)d->n++;
    d->offsets[d->n] = d->len;
    size_t h = fnv1a(s, len) & (d->n_slots - 1);
    while (d->slots[h] >= 0)
        h = (h + 1) & (d->n_slots - 1);
    d->slots[h] = k;
    return k;
}

const char *rep_dict_get(const rep_dict *d, int32_t i, size_t *len)
{
    if (i < 0 || (size_t)i >= d->n) {
        *len = 0;
        return "";
    }
    *len = (size_t)(d->offsets[i + 1] - d->offsets[i]);
    return d->bytes + d->offsets[i];
}

void rep_dict_free(rep_dict *d)
{
    free(d->bytes);
    free(d->offsets);
    free(d->slots);
    memset(d, 0, sizeof *d);
}

/* ---- tables and rejects ---- */

static void *tab_push(rep_table *t, size_t size, int64_t line)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        void *r = realloc(t->recs, cap * size);
        int64_t *l = realloc(t->line, cap * sizeof *l);
        if (r != NULL)
            t->recs = r;
        if (l != NULL)
            t->line = l;
        if (r == NULL || l == NULL)
            return NULL;
        t->cap = cap;
    }
    t->size = size;
    unsigned char *rec = (unsigned char *)t->recs + t->n * size;
    memset(rec, 0, size);
    memcpy(rec, &size, sizeof size);
    t->line[t->n] = line;
    t->n++;
    return rec;
}

static int add_reject(rep_data *d, int file, int64_t line, const char *field, const char *reason)
{
    if (d->n_rejects == d->cap_rejects) {
        size_t cap = d->cap_rejects ? d->cap_rejects * 2 : 64;
        rep_reject *r = realloc(d->rejects, cap * sizeof *r);
        if (r == NULL)
            return -1;
        d->rejects = r;
        d->cap_rejects = cap;
    }
    rep_reject *r = &d->rejects[d->n_rejects++];
    r->file = file;
    r->line = line;
    r->field = field;
    r->reason = reason;
    return 0;
}

/* ---- field parsing ---- */

typedef struct cols {
    const char *const *names;
    const int *required;
    size_t n;
    int at[16]; /* column position of each name, -1 when absent */
} cols;

static const char *field(csv_reader *r, const cols *c, int k, size_t *len)
{
    if (c->at[k] < 0) {
        *len = 0;
        return "";
    }
    return csv_field(r, (size_t)c->at[k], len);
}

static int parse_int(const char *text, long long min, long long max, int32_t *out)
{
    long long v;
    if (!tool_parse_int(text, min, max, &v))
        return 0;
    *out = (int32_t)v;
    return 1;
}

static int parse_day(const char *text, size_t len, int32_t *out)
{
    return carealign_date_parse(text, len, out) == CAREALIGN_OK;
}

static int is_id(const char *text, size_t len)
{
    if (len == 0 || len > 64)
        return 0;
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
            return 0;
    }
    return 1;
}

static int parse_decimal(const char *text, double *out)
{
    const char *p = text;
    int digits = 0;
    while (*p >= '0' && *p <= '9') {
        digits++;
        p++;
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            digits++;
            p++;
        }
    }
    if (*p != '\0' || digits == 0)
        return 0;
    *out = strtod(text, NULL);
    return rep_finite(*out) && *out > 0;
}

/* ---- the files ---- */

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))
/* Goals read per Goal Attainment Scaling row. */
#define GAS_MAX_GOALS 64

static const char *const ORG_N[] = {"org_id", "name", "sector"};
static const int ORG_R[] = {1, 0, 1};
static const char *const POP_N[] = {"area", "year", "sex", "age_lower", "age_upper", "count"};
static const int POP_R[] = {1, 1, 1, 1, 0, 1};
static const char *const PEO_N[] = {
    "person_id", "birth_year", "birth_month", "sex",        "ethnicity",        "imd_decile",
    "area",      "practice",   "opted_out",   "death_date", "long_term_support"};
static const int PEO_R[] = {1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0};
static const char *const RES_N[] = {"person_id", "org_id", "date",  "instrument",
                                    "value_set", "items",  "proxy", "weight"};
static const int RES_R[] = {1, 0, 1, 1, 0, 1, 0, 0};
static const char *const FFT_N[] = {"org_id",  "month", "mode",      "very_good", "good",
                                    "neither", "poor",  "very_poor", "dont_know"};
static const int FFT_R[] = {1, 1, 0, 1, 1, 1, 1, 1, 1};
static const char *const CON_N[] = {"person_id",
                                    "org_id",
                                    "sector",
                                    "type",
                                    "start_date",
                                    "end_date",
                                    "start_minute",
                                    "professional",
                                    "subtype",
                                    "admission_method",
                                    "discharge_destination",
                                    "discharge_ready_date",
                                    "staff_minutes",
                                    "activity",
                                    "cost_pence"};
static const int CON_R[] = {1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

typedef struct loader {
    const char *command;
    rep_data *d;
    const carealign_framework *fw;
    int file;
    int64_t line;
    const char *bad_field;
    const char *bad_reason;
    int oom;
} loader;

/* Mark the row bad (the first problem wins); returns 0 for chaining. */
static int bad(loader *L, const char *fieldname, const char *reason)
{
    if (L->bad_field == NULL) {
        L->bad_field = fieldname;
        L->bad_reason = reason;
    }
    return 0;
}

static int32_t dict_add(loader *L, int dict, const char *s, size_t len)
{
    int32_t k = rep_dict_find(&L->d->dict[dict], s, len, 1);
    if (k == -2)
        L->oom = 1;
    return k;
}

/* ---- the fields of a row: each getter returns 1, or 0 after marking the
 * row bad with the field's column name. An optional field is one given a
 * has pointer: empty, it is left alone; given, it sets flag in *has. ---- */

/* Field k as a whole number in [min, max]. */
static int get_i64(loader *L, csv_reader *r, const cols *c, int k, long long min, long long max,
                   const char *reason, int64_t *out, uint32_t *has, uint32_t flag)
{
    size_t len;
    const char *text = field(r, c, k, &len);
    long long v;
    if (has != NULL && len == 0)
        return 1;
    if (!tool_parse_int(text, min, max, &v))
        return bad(L, c->names[k], reason);
    *out = (int64_t)v;
    if (has != NULL)
        *has |= flag;
    return 1;
}

/* As get_i64, for [min, max] within int32_t. */
static int get_i32(loader *L, csv_reader *r, const cols *c, int k, long long min, long long max,
                   const char *reason, int32_t *out, uint32_t *has, uint32_t flag)
{
    int64_t v = *out;
    if (!get_i64(L, r, c, k, min, max, reason, &v, has, flag))
        return 0;
    *out = (int32_t)v;
    return 1;
}

/* Field k as a date (YYYY-MM-DD). */
static int get_day(loader *L, csv_reader *r, const cols *c, int k, int32_t *out, uint32_t *has,
                   uint32_t flag)
{
    size_t len;
    const char *text = field(r, c, k, &len);
    if (has != NULL && len == 0)
        return 1;
    if (!parse_day(text, len, out))
        return bad(L, c->names[k], "not a date (YYYY-MM-DD)");
    if (has != NULL)
        *has |= flag;
    return 1;
}

/* Field k as an identifier (is_id); empty allowed when optional. */
static int get_id(loader *L, csv_reader *r, const cols *c, int k, int optional, const char **text,
                  size_t *len)
{
    *text = field(r, c, k, len);
    if ((optional && *len == 0) || is_id(*text, *len))
        return 1;
    return bad(L, c->names[k], "not an identifier");
}

/* Field k as 0 or 1 (empty: 0); 1 sets flag in *flags. */
static int get_bool(loader *L, csv_reader *r, const cols *c, int k, uint32_t *flags, uint32_t flag)
{
    size_t len;
    const char *text = field(r, c, k, &len);
    if (len == 0 || strcmp(text, "0") == 0)
        return 1;
    if (strcmp(text, "1") != 0)
        return bad(L, c->names[k], "not 0 or 1");
    *flags |= flag;
    return 1;
}

/* Field k as a person of the people file (dict CAREALIGN_DICT_PERSON) or an
 * organisation of the organisations file (CAREALIGN_DICT_ORG). */
static int get_ref(loader *L, csv_reader *r, const cols *c, int k, int dict, int32_t *out,
                   uint32_t *has, uint32_t flag)
{
    size_t len;
    const char *text = field(r, c, k, &len);
    if (has != NULL && len == 0)
        return 1;
    *out = rep_dict_find(&L->d->dict[dict], text, len, 0);
    if (*out < 0)
        return bad(L, c->names[k],
                   dict == CAREALIGN_DICT_PERSON ? "not in the people file"
                                                 : "not in the organisations file");
    if (has != NULL)
        *has |= flag;
    return 1;
}

static int ensure_org_arrays(rep_data *d, size_t n)
{
    if (n <= d->n_org_sector)
        return 0;
    int32_t *s = realloc(d->org_sector, n * sizeof *s);
    if (s == NULL)
        return -1;
    d->org_sector = s;
    char **nm = realloc(d->org_name, n * sizeof *nm);
    if (nm == NULL)
        return -1;
    d->org_name = nm;
    for (size_t i = d->n_org_sector; i < n; i++) {
        d->org_sector[i] = 0;
        d->org_name[i] = NULL;
    }
    d->n_org_sector = n;
    return 0;
}

static void row_orgs(loader *L, csv_reader *r, const cols *c)
{
    size_t len;
    const char *id = field(r, c, 0, &len);
    if (!is_id(id, len)) {
        bad(L, "org_id", "not an identifier (1 to 64 bytes, no control characters)");
        return;
    }
    size_t nlen;
    const char *name = field(r, c, 1, &nlen);
    if (nlen > 256) {
        bad(L, "name", "longer than 256 bytes");
        return;
    }
    int sector = tool_code_of(CAREALIGN_TABLE_SECTOR, 1, 10, field(r, c, 2, &len));
    if (sector < 0) {
        bad(L, "sector", "not a sector code");
        return;
    }
    int32_t k = dict_add(L, CAREALIGN_DICT_ORG, id, strlen(id));
    if (k < 0 || ensure_org_arrays(L->d, (size_t)k + 1) != 0) {
        L->oom = 1;
        return;
    }
    carealign_organisation *o = tab_push(&L->d->t[REP_ORGS], sizeof *o, L->line);
    if (o == NULL) {
        L->oom = 1;
        return;
    }
    o->org = k;
    o->sector = sector;
    if (L->d->org_name[k] == NULL && nlen > 0) {
        L->d->org_name[k] = malloc(nlen + 1);
        if (L->d->org_name[k] == NULL) {
            L->oom = 1;
            return;
        }
        memcpy(L->d->org_name[k], name, nlen + 1);
    }
    if (L->d->org_sector[k] == 0)
        L->d->org_sector[k] = sector;
    /* name pointers are set after loading (the names array is stable) */
}

static void row_pops(loader *L, csv_reader *r, const cols *c)
{
    size_t len;
    carealign_population p;
    memset(&p, 0, sizeof p);
    const char *area;
    if (!get_id(L, r, c, 0, 0, &area, &len) ||
        !get_i32(L, r, c, 1, 1800, 2200, "not a whole number from 1800 to 2200", &p.year, NULL,
                 0) ||
        !get_i32(L, r, c, 2, 1, 2, "not 1 or 2", &p.sex, NULL, 0) ||
        !get_i32(L, r, c, 3, 0, 130, "not a whole number from 0 to 130", &p.age_lower, NULL, 0) ||
        !get_i32(L, r, c, 4, 0, 130, "not a whole number from 0 to 130", &p.age_upper, &p.has,
                 CAREALIGN_POP_HAS_AGE_UPPER))
        return;
    if ((p.has & CAREALIGN_POP_HAS_AGE_UPPER) && p.age_upper < p.age_lower) {
        bad(L, "age_upper", "below age_lower");
        return;
    }
    if (!get_i64(L, r, c, 5, 0, INT64_MAX, "not a whole number, 0 or more", &p.count, NULL, 0))
        return;
    p.area = dict_add(L, CAREALIGN_DICT_AREA, area, strlen(area));
    carealign_population *rec = tab_push(&L->d->t[REP_POPS], sizeof p, L->line);
    if (rec == NULL || p.area < 0) {
        L->oom = 1;
        return;
    }
    p.size = sizeof p;
    *rec = p;
}

static void row_people(loader *L, csv_reader *r, const cols *c)
{
    size_t len, eth_len, area_len, prac_len;
    carealign_person p;
    memset(&p, 0, sizeof p);
    const char *id, *eth, *area, *prac;
    p.has = CAREALIGN_PERSON_HAS_BIRTH;
    if (!get_id(L, r, c, 0, 0, &id, &len) ||
        !get_i32(L, r, c, 1, 1850, 2200, "not a whole number from 1850 to 2200", &p.birth_year,
                 NULL, 0) ||
        !get_i32(L, r, c, 2, 1, 12, "not a month 1 to 12", &p.birth_month, NULL, 0) ||
        !get_i32(L, r, c, 3, 1, 9, "not 1, 2 or 9", &p.sex, &p.has, CAREALIGN_PERSON_HAS_SEX))
        return;
    if ((p.has & CAREALIGN_PERSON_HAS_SEX) && p.sex != 1 && p.sex != 2 && p.sex != 9) {
        bad(L, "sex", "not 1, 2 or 9");
        return;
    }
    if (!get_id(L, r, c, 4, 1, &eth, &eth_len) ||
        !get_i32(L, r, c, 5, 1, 10, "not a decile 1 to 10", &p.imd_decile, &p.has,
                 CAREALIGN_PERSON_HAS_IMD) ||
        !get_id(L, r, c, 6, 1, &area, &area_len) || !get_id(L, r, c, 7, 1, &prac, &prac_len) ||
        !get_bool(L, r, c, 8, &p.flags, CAREALIGN_PERSON_OPTED_OUT) ||
        !get_day(L, r, c, 9, &p.death_day, &p.has, CAREALIGN_PERSON_HAS_DEATH))
        return;
    const char *t = field(r, c, 10, &len);
    if (len > 0) {
        if (strcmp(t, "residential") == 0)
            p.flags |= CAREALIGN_PERSON_LTS_RESIDENTIAL;
        else if (strcmp(t, "nursing") == 0)
            p.flags |= CAREALIGN_PERSON_LTS_NURSING;
        else if (strcmp(t, "prison") == 0)
            p.flags |= CAREALIGN_PERSON_LTS_PRISON;
        else {
            bad(L, "long_term_support", "not residential, nursing or prison");
            return;
        }
    }
    if (eth_len > 0) {
        p.ethnicity = dict_add(L, CAREALIGN_DICT_ETHNICITY, eth, eth_len);
        p.has |= CAREALIGN_PERSON_HAS_ETHNICITY;
    }
    if (area_len > 0) {
        p.area = dict_add(L, CAREALIGN_DICT_AREA, area, area_len);
        p.has |= CAREALIGN_PERSON_HAS_AREA;
    }
    if (prac_len > 0) {
        p.practice = dict_add(L, CAREALIGN_DICT_PRACTICE, prac, prac_len);
        p.has |= CAREALIGN_PERSON_HAS_PRACTICE;
    }
    size_t id_len = strlen(id);
    p.person = dict_add(L, CAREALIGN_DICT_PERSON, id, id_len);
    if (L->oom || p.person < 0) {
        L->oom = 1;
        return;
    }
    rep_data *d = L->d;
    if ((size_t)p.person >= d->cap_person_hash) {
        size_t cap = d->cap_person_hash ? d->cap_person_hash * 2 : 256;
        while (cap <= (size_t)p.person)
            cap *= 2;
        uint32_t *h = realloc(d->person_hash, cap * sizeof *h);
        if (h == NULL) {
            L->oom = 1;
            return;
        }
        d->person_hash = h;
        d->cap_person_hash = cap;
    }
    d->person_hash[p.person] = fnv1a(id, id_len);
    carealign_person *rec = tab_push(&d->t[REP_PEOPLE], sizeof p, L->line);
    if (rec == NULL) {
        L->oom = 1;
        return;
    }
    p.size = sizeof p;
    *rec = p;
}

static int push_items(rep_data *d, size_t n)
{
    if (d->n_items + n > d->cap_items) {
        size_t cap = d->cap_items ? d->cap_items : 1024;
        while (cap < d->n_items + n)
            cap *= 2;
        int32_t *it = realloc(d->items, cap * sizeof *it);
        if (it == NULL)
            return -1;
        d->items = it;
        d->cap_items = cap;
    }
    return 0;
}

static void row_responses(loader *L, csv_reader *r, const cols *c)
{
    size_t len;
    carealign_response p;
    memset(&p, 0, sizeof p);
    if (!get_ref(L, r, c, 0, CAREALIGN_DICT_PERSON, &p.person, NULL, 0) ||
        !get_ref(L, r, c, 1, CAREALIGN_DICT_ORG, &p.org, &p.has, CAREALIGN_RESPONSE_HAS_ORG) ||
        !get_day(L, r, c, 2, &p.day, NULL, 0))
        return;
    const char *instr = field(r, c, 3, &len);
    const carealign_instrument_info *info = NULL;
    size_t count = carealign_instrument_count();
    for (size_t k = 0; k < count; k++) {
        const carealign_instrument_info *ii = carealign_instrument_get(k);
        if (ii != NULL && strcmp(ii->name, instr) == 0) {
            info = ii;
            p.instrument = (int32_t)k;
            break;
        }
    }
    /* Goal Attainment Scaling is not in the registry: any number of goals
     * (up to GAS_MAX_GOALS), each -2..+2, value set tscore-rho-0.3 (index 0). */
    int gas = info == NULL && strcmp(instr, "gas") == 0;
    size_t max_items = gas ? GAS_MAX_GOALS : info != NULL ? info->n_items : 0;
    if (gas)
        p.instrument = CAREALIGN_RESPONSE_INSTRUMENT_GAS;
    else if (info == NULL) {
        bad(L, "instrument", "not an instrument of this library's registry");
        return;
    }
    const char *t = field(r, c, 4, &len);
    if (len > 0 && gas) {
        if (strcmp(t, "tscore-rho-0.3") != 0) {
            bad(L, "value_set", "not a value set of the instrument");
            return;
        }
        p.valueset = 0;
        p.has |= CAREALIGN_RESPONSE_HAS_VALUESET;
    } else if (len > 0) {
        int found = 0;
        for (size_t j = 0; j < info->n_valuesets; j++) {
            const carealign_valueset_info *vs = carealign_instrument_valueset(info, j);
            if (vs != NULL && strcmp(vs->name, t) == 0) {
                p.valueset = (int32_t)j;
                found = 1;
                break;
            }
        }
        if (!found) {
            bad(L, "value_set", "not a value set of the instrument");
            return;
        }
        p.has |= CAREALIGN_RESPONSE_HAS_VALUESET;
    }
    const char *items = field(r, c, 5, &len);
    rep_data *d = L->d;
    if (push_items(d, max_items + 1) != 0) {
        L->oom = 1;
        return;
    }
    size_t n = 0;
    const char *q = items;
    for (;;) {
        const char *end = strchr(q, ';');
        size_t l = end ? (size_t)(end - q) : strlen(q);
        if (n >= max_items) {
            bad(L, "items",
                gas ? "more goals than the tool reads (64)"
                    : "more levels than the instrument has items");
            return;
        }
        int32_t level = CAREALIGN_NA_I32;
        if (l > 0) {
            char buf[16];
            if (l >= sizeof buf) {
                bad(L, "items", "a level is not a whole number");
                return;
            }
            memcpy(buf, q, l);
            buf[l] = '\0';
            if (!parse_int(buf, -1000000, 1000000, &level)) {
                bad(L, "items", "a level is not a whole number");
                return;
            }
        }
        d->items[d->n_items + n] = level;
        n++;
        if (end == NULL)
            break;
        q = end + 1;
    }
    if (!gas && n != info->n_items) {
        bad(L, "items", "not as many levels as the instrument has items");
        return;
    }
    p.n_items = (int32_t)n;
    if (!get_bool(L, r, c, 6, &p.flags, CAREALIGN_RESPONSE_PROXY))
        return;
    t = field(r, c, 7, &len);
    if (len > 0) {
        if (!parse_decimal(t, &p.weight)) {
            bad(L, "weight", "not a decimal above 0");
            return;
        }
        p.has |= CAREALIGN_RESPONSE_HAS_WEIGHT;
    }
    rep_table *tab = &d->t[REP_RESPONSES];
    carealign_response *rec = tab_push(tab, sizeof p, L->line);
    if (rec == NULL) {
        L->oom = 1;
        return;
    }
    if (tab->cap > d->cap_item_at) {
        size_t *at = realloc(d->item_at, tab->cap * sizeof *at);
        if (at == NULL) {
            L->oom = 1;
            return;
        }
        d->item_at = at;
        d->cap_item_at = tab->cap;
    }
    d->item_at[tab->n - 1] = d->n_items;
    d->n_items += n;
    p.size = sizeof p;
    *rec = p;
}

static void row_fft(loader *L, csv_reader *r, const cols *c)
{
    size_t len;
    carealign_fft_counts p;
    memset(&p, 0, sizeof p);
    if (!get_ref(L, r, c, 0, CAREALIGN_DICT_ORG, &p.org, NULL, 0))
        return;
    const char *t = field(r, c, 1, &len);
    int32_t y, m, dd;
    if (!parse_day(t, len, &p.month) ||
        carealign_date_to_ymd(p.month, &y, &m, &dd) != CAREALIGN_OK || dd != 1) {
        bad(L, "month", "not the first day of a month (YYYY-MM-01)");
        return;
    }
    const char *mode;
    size_t mode_len;
    if (!get_id(L, r, c, 2, 1, &mode, &mode_len))
        return;
    for (int k = 0; k < 6; k++) {
        if (!get_i64(L, r, c, 3 + k, 0, INT64_MAX, "not a whole number, 0 or more", &p.counts[k],
                     NULL, 0))
            return;
    }
    if (mode_len > 0) {
        p.mode = rep_dict_find(&L->d->modes, mode, mode_len, 1);
        if (p.mode < 0) {
            L->oom = 1;
            return;
        }
        p.has = CAREALIGN_FFT_HAS_MODE;
    }
    carealign_fft_counts *rec = tab_push(&L->d->t[REP_FFT], sizeof p, L->line);
    if (rec == NULL) {
        L->oom = 1;
        return;
    }
    p.size = sizeof p;
    *rec = p;
}

static void row_contacts(loader *L, csv_reader *r, const cols *c)
{
    size_t len;
    carealign_contact p;
    memset(&p, 0, sizeof p);
    if (!get_ref(L, r, c, 0, CAREALIGN_DICT_PERSON, &p.person, NULL, 0) ||
        !get_ref(L, r, c, 1, CAREALIGN_DICT_ORG, &p.org, NULL, 0))
        return;
    const char *t = field(r, c, 2, &len);
    if (len > 0) {
        p.sector = tool_code_of(CAREALIGN_TABLE_SECTOR, 1, 10, t);
        if (p.sector < 0) {
            bad(L, "sector", "not a sector code");
            return;
        }
    } else {
        p.sector = (size_t)p.org < L->d->n_org_sector ? L->d->org_sector[p.org] : 0;
    }
    p.type = tool_code_of(CAREALIGN_TABLE_CONTACT_TYPE, 1, 64, field(r, c, 3, &len));
    if (p.type < 0) {
        bad(L, "type", "not a contact type");
        return;
    }
    if (!get_day(L, r, c, 4, &p.start_day, NULL, 0) ||
        !get_day(L, r, c, 5, &p.end_day, &p.has, CAREALIGN_CONTACT_HAS_END))
        return;
    if ((p.has & CAREALIGN_CONTACT_HAS_END) && p.end_day < p.start_day) {
        bad(L, "end_date", "before start_date");
        return;
    }
    const char *prof;
    size_t prof_len;
    if (!get_i32(L, r, c, 6, 0, 1439, "not a minute 0 to 1439", &p.start_minute, &p.has,
                 CAREALIGN_CONTACT_HAS_START_MINUTE) ||
        !get_id(L, r, c, 7, 1, &prof, &prof_len) ||
        !get_i32(L, r, c, 8, 0, INT32_MAX, "not a whole number, 0 or more", &p.subtype, &p.has,
                 CAREALIGN_CONTACT_HAS_SUBTYPE) ||
        !get_i32(L, r, c, 9, 0, 99, "not a code 0 to 99", &p.admission_method, &p.has,
                 CAREALIGN_CONTACT_HAS_ADMISSION_METHOD) ||
        !get_i32(L, r, c, 10, 0, 99, "not a code 0 to 99", &p.discharge_destination, &p.has,
                 CAREALIGN_CONTACT_HAS_DESTINATION) ||
        !get_day(L, r, c, 11, &p.discharge_ready_day, &p.has, CAREALIGN_CONTACT_HAS_READY_DAY) ||
        !get_i32(L, r, c, 12, 0, INT32_MAX, "not a whole number, 0 or more", &p.staff_minutes,
                 &p.has, 0) ||
        !get_i64(L, r, c, 13, 0, INT64_MAX, "not a whole number, 0 or more", &p.activity, &p.has,
                 CAREALIGN_CONTACT_HAS_ACTIVITY) ||
        !get_i64(L, r, c, 14, 0, INT64_MAX, "not a whole number, 0 or more", &p.cost_pence, &p.has,
                 CAREALIGN_CONTACT_HAS_COST))
        return;
    if (prof_len > 0) {
        p.professional = dict_add(L, CAREALIGN_DICT_PROFESSIONAL, prof, prof_len);
        p.has |= CAREALIGN_CONTACT_HAS_PROFESSIONAL;
    }
    carealign_contact *rec = tab_push(&L->d->t[REP_CONTACTS], sizeof p, L->line);
    if (rec == NULL) {
        L->oom = 1;
        return;
    }
    p.size = sizeof p;
    *rec = p;
}

typedef void (*row_fn)(loader *, csv_reader *, const cols *);

static int load_file(loader *L, int file, int quiet)
{
    static const char *const *const NAMES[REP_N_FILES] = {ORG_N, POP_N, PEO_N, RES_N, FFT_N, CON_N};
    static const int *const REQ[REP_N_FILES] = {ORG_R, POP_R, PEO_R, RES_R, FFT_R, CON_R};
    static const size_t NN[REP_N_FILES] = {NCOLS(ORG_N), NCOLS(POP_N), NCOLS(PEO_N),
                                           NCOLS(RES_N), NCOLS(FFT_N), NCOLS(CON_N)};
    static const row_fn ROW[REP_N_FILES] = {row_orgs,      row_pops, row_people,
                                            row_responses, row_fft,  row_contacts};
    rep_data *d = L->d;
    const char *path = d->path[file];
    tool_in *in = tool_in_open(L->command, path);
    if (in == NULL)
        return -1;
    csv_reader *r = csv_open(tool_in_read, in);
    if (r == NULL) {
        tool_in_close(in);
        tool_error(L->command, "out of memory");
        return -1;
    }
    int rc = -1;
    cols c;
    c.names = NAMES[file];
    c.required = REQ[file];
    c.n = NN[file];
    for (size_t k = 0; k < c.n; k++)
        c.at[k] = -1;
    int got = csv_next(r);
    if (got <= 0) {
        if (got < 0)
            tool_error(L->command, "%s: %s", tool_in_name(in),
                       tool_in_error(in)[0] ? tool_in_error(in) : csv_error(r));
        else
            tool_error(L->command, "%s: empty file (expected a header naming the %s columns)",
                       tool_in_name(in), rep_file_kind(file));
        goto done;
    }
    for (size_t i = 0; i < csv_field_count(r); i++) {
        const char *name = csv_field(r, i, NULL);
        size_t k = 0;
        while (k < c.n && strcmp(c.names[k], name) != 0)
            k++;
        if (k == c.n) {
            tool_error(L->command, "%s: line 1: column %llu: not a column of the %s file", path,
                       (unsigned long long)(i + 1), rep_file_kind(file));
            goto done;
        }
        if (c.at[k] >= 0) {
            tool_error(L->command, "%s: line 1: column '%s' given twice", path, c.names[k]);
            goto done;
        }
        c.at[k] = (int)i;
    }
    for (size_t k = 0; k < c.n; k++) {
        if (c.required[k] && c.at[k] < 0) {
            tool_error(L->command, "%s: line 1: required column '%s' is missing", path, c.names[k]);
            goto done;
        }
    }
    tool_progress prog;
    tool_progress_start(&prog, quiet, tool_in_name(in), tool_in_size(in));
    rep_table *t = &d->t[file];
    L->file = file;
    for (;;) {
        got = csv_next(r);
        if (got == 0)
            break;
        if (got < 0) {
            tool_progress_end(&prog);
            tool_error(L->command, "%s: %s", path,
                       tool_in_error(in)[0] ? tool_in_error(in) : csv_error(r));
            goto done;
        }
        t->rows++;
        L->line = csv_line(r);
        L->bad_field = NULL;
        ROW[file](L, r, &c);
        if (L->oom) {
            tool_progress_end(&prog);
            tool_error(L->command, "out of memory");
            goto done;
        }
        if (L->bad_field != NULL) {
            t->rejected++;
            if (add_reject(d, file, L->line, L->bad_field, L->bad_reason) != 0) {
                tool_progress_end(&prog);
                tool_error(L->command, "out of memory");
                goto done;
            }
        }
        if (tool_progress_due(&prog))
            tool_progress_show(&prog, tool_in_position(in), t->rows);
    }
    tool_progress_end(&prog);
    rc = 0;
done:
    csv_close(r);
    tool_in_close(in);
    return rc;
}

int rep_load(const char *command, const carealign_framework *fw, rep_data *data, int quiet)
{
    loader L;
    memset(&L, 0, sizeof L);
    L.command = command;
    L.d = data;
    L.fw = fw;
    /* organisations and people first: the other files refer to them */
    static const int ORDER[REP_N_FILES] = {REP_ORGS,      REP_PEOPLE, REP_POPS,
                                           REP_RESPONSES, REP_FFT,    REP_CONTACTS};
    for (int k = 0; k < REP_N_FILES; k++) {
        if (load_file(&L, ORDER[k], quiet) != 0)
            return -1;
    }
    /* stable pointers now that loading is over */
    rep_table *o = &data->t[REP_ORGS];
    for (size_t i = 0; i < o->n; i++) {
        carealign_organisation *rec = (carealign_organisation *)o->recs + i;
        const char *nm = data->org_name[rec->org];
        rec->name = nm;
        rec->name_len = nm ? strlen(nm) : 0;
    }
    rep_table *rs = &data->t[REP_RESPONSES];
    for (size_t i = 0; i < rs->n; i++) {
        carealign_response *rec = (carealign_response *)rs->recs + i;
        rec->items = data->items + data->item_at[i];
    }
    for (int f = 0; f < REP_N_FILES; f++) {
        rep_table *t = &data->t[f];
        if (t->n > 0) {
            t->reason = calloc(t->n, sizeof *t->reason);
            if (t->reason == NULL) {
                tool_error(command, "out of memory");
                return -1;
            }
        }
    }
    return 0;
}

carealign_status rep_register(carealign_scorecard *sc, const rep_data *data)
{
    for (int k = 0; k < CAREALIGN_DICT_COUNT; k++) {
        const rep_dict *d = &data->dict[k];
        if (d->n == 0)
            continue;
        carealign_status st =
            carealign_scorecard_register_ids(sc, k, d->bytes, d->offsets, d->n, NULL);
        if (st != CAREALIGN_OK)
            return st;
    }
    return CAREALIGN_OK;
}

static int32_t rec_person(const rep_table *t, int file, size_t i)
{
    const unsigned char *rec = (const unsigned char *)t->recs + i * t->size;
    if (file == REP_PEOPLE)
        return ((const carealign_person *)(const void *)rec)->person;
    if (file == REP_RESPONSES)
        return ((const carealign_response *)(const void *)rec)->person;
    return ((const carealign_contact *)(const void *)rec)->person;
}

static carealign_status feed_one(carealign_scorecard *sc, int file, const void *recs, size_t n,
                                 int32_t *reason)
{
    switch (file) {
    case REP_ORGS: return carealign_scorecard_feed_organisations(sc, recs, n, reason, NULL);
    case REP_POPS: return carealign_scorecard_feed_populations(sc, recs, n, reason, NULL);
    case REP_PEOPLE: return carealign_scorecard_feed_people(sc, recs, n, reason, NULL);
    case REP_RESPONSES: return carealign_scorecard_feed_responses(sc, recs, n, reason, NULL);
    case REP_FFT: return carealign_scorecard_feed_fft(sc, recs, n, reason, NULL);
    default: return carealign_scorecard_feed_contacts(sc, recs, n, reason, NULL);
    }
}

carealign_status rep_feed(carealign_scorecard *sc, rep_data *data, uint32_t part, uint32_t nparts)
{
    carealign_status st = rep_register(sc, data);
    for (int file = 0; st == CAREALIGN_OK && file < REP_N_FILES; file++) {
        rep_table *t = &data->t[file];
        if (t->n == 0)
            continue;
        int by_person = file == REP_PEOPLE || file == REP_RESPONSES || file == REP_CONTACTS;
        if (file == REP_FFT && part != 0)
            continue;
        if (nparts <= 1 || !by_person) {
            st = feed_one(sc, file, t->recs, t->n, t->reason);
            continue;
        }
        /* gather this partition's rows, feed, scatter the reasons back */
        size_t *idx = malloc(t->n * sizeof *idx);
        unsigned char *buf = malloc(t->n * t->size);
        int32_t *rr = malloc(t->n * sizeof *rr);
        if (idx == NULL || buf == NULL || rr == NULL) {
            free(idx);
            free(buf);
            free(rr);
            return CAREALIGN_ENOMEM;
        }
        size_t m = 0;
        for (size_t i = 0; i < t->n; i++) {
            int32_t p = rec_person(t, file, i);
            if (data->person_hash[p] % nparts != part)
                continue;
            memcpy(buf + m * t->size, (unsigned char *)t->recs + i * t->size, t->size);
            idx[m++] = i;
        }
        if (m > 0)
            st = feed_one(sc, file, buf, m, rr);
        for (size_t j = 0; st == CAREALIGN_OK && j < m; j++)
            t->reason[idx[j]] = rr[j];
        free(idx);
        free(buf);
        free(rr);
    }
    if (st == CAREALIGN_OK)
        st = carealign_scorecard_close_all(sc);
    return st;
}

static int reject_cmp(const void *a, const void *b)
{
    const rep_reject *x = a, *y = b;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return 0;
}

int rep_collect_rejects(rep_data *data)
{
    for (int file = 0; file < REP_N_FILES; file++) {
        rep_table *t = &data->t[file];
        for (size_t i = 0; i < t->n; i++) {
            if (t->reason[i] != CAREALIGN_REJECT_NONE &&
                add_reject(data, file, t->line[i], "",
                           carealign_reject_reason_name(t->reason[i])) != 0)
                return -1;
        }
    }
    if (data->n_rejects > 1)
        qsort(data->rejects, data->n_rejects, sizeof *data->rejects, reject_cmp);
    return 0;
}

void rep_data_free(rep_data *data)
{
    for (int k = 0; k < CAREALIGN_DICT_COUNT; k++)
        rep_dict_free(&data->dict[k]);
    rep_dict_free(&data->modes);
    for (size_t i = 0; i < data->n_org_sector; i++)
        free(data->org_name[i]);
    free(data->org_name);
    free(data->org_sector);
    for (int f = 0; f < REP_N_FILES; f++) {
        free(data->t[f].recs);
        free(data->t[f].line);
        free(data->t[f].reason);
    }
    free(data->person_hash);
    free(data->items);
    free(data->item_at);
    free(data->rejects);
    memset(data, 0, sizeof *data);
}

/* Validation of a parsed framework document into the model. Every check
 * reports "<source>:<line>:<column>: [measure '<id>': ]field '<path>':
 * <problem>" with the position of the offending member or value. The rules
 * are those of docs/framework.md and docs/framework.schema.json. */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "framework/internal.h"

/* ---- context and errors --------------------------------------------------- */

typedef struct vctx {
    carealign_framework *fw;
    const char *source;
    char path[256];
    size_t path_len;
    int in_measure;
    char measure_label[96];
    size_t n_instrument_sets; /* during measures: instrument value sets so far */
    carealign__fw_valueset *instrument_sets;
    size_t cap_instrument_sets;
    carealign__fw_valueset *code_sets;
    size_t n_code_sets;
} vctx;

static carealign_status verr(vctx *c, carealign_status st, int64_t line, int64_t column,
                             const char *fmt, ...) CAREALIGN__PRINTF(5, 6);

static carealign_status verr(vctx *c, carealign_status st, int64_t line, int64_t column,
                             const char *fmt, ...)
{
    char what[320];
    va_list args;
    va_start(args, fmt);
    if (vsnprintf(what, sizeof what, fmt, args) < 0)
        what[0] = '\0';
    va_end(args);
    char where[400];
    if (c->in_measure && c->path_len > 0)
        snprintf(where, sizeof where, "measure '%s': field '%s': ", c->measure_label, c->path);
    else if (c->in_measure)
        snprintf(where, sizeof where, "measure '%s': ", c->measure_label);
    else if (c->path_len > 0)
        snprintf(where, sizeof where, "field '%s': ", c->path);
    else
        where[0] = '\0';
    return carealign__error_at(st, line, column, "%s:%" PRId64 ":%" PRId64 ": %s%s", c->source,
                               line, column, where, what);
}

static size_t push(vctx *c, const char *fmt, ...) CAREALIGN__PRINTF(2, 3);

static size_t push(vctx *c, const char *fmt, ...)
{
    size_t old = c->path_len;
    va_list args;
    va_start(args, fmt);
    int n = vsnprintf(c->path + old, sizeof c->path - old, fmt, args);
    va_end(args);
    if (n < 0)
        n = 0;
    c->path_len = old + (size_t)n < sizeof c->path ? old + (size_t)n : sizeof c->path - 1;
    return old;
}

static size_t push_field(vctx *c, const char *name)
{
    return c->path_len ? push(c, ".%s", name) : push(c, "%s", name);
}

static size_t push_index(vctx *c, size_t i)
{
    return push(c, "[%zu]", i);
}

static void pop(vctx *c, size_t old)
{
    c->path_len = old;
    c->path[old] = '\0';
}

static const char *type_name(const carealign__json *v)
{
    switch (v->type) {
    case CAREALIGN__JSON_NULL: return "null";
    case CAREALIGN__JSON_FALSE:
    case CAREALIGN__JSON_TRUE: return "a boolean";
    case CAREALIGN__JSON_NUMBER: return "a number";
    case CAREALIGN__JSON_STRING: return "a string";
    case CAREALIGN__JSON_ARRAY: return "an array";
    default: return "an object";
    }
}

static carealign_status wrong_type(vctx *c, const carealign__json *v, const char *expected)
{
    return verr(c, CAREALIGN_EINVAL, v->line, v->column, "must be %s, not %s", expected,
                type_name(v));
}

/* Printable, bounded copy of a name from the file for a message. */
static const char *shown(const char *s, size_t len, char *buf, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 4 < cap; i++) {
        unsigned char ch = (unsigned char)s[i];
        buf[n++] = ch < 0x20 || ch == 0x7F ? '?' : (char)ch;
    }
    if (len > n && n + 4 >= cap) {
        while (n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0x80)
            n--;
        if (n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0xC0)
            n--;
        memcpy(buf + n, "...", 3);
        n += 3;
    }
    buf[n] = '\0';
    return buf;
}

static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
    size_t row[72];
    if (la > 64 || lb > 64)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = diag + cost;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* " (did you mean 'x'?)" for the closest candidate, or "". */
static const char *suggest(const char *got, size_t len, const char *const *candidates, char *buf,
                           size_t cap)
{
    const char *best = NULL;
    size_t best_d = 99;
    for (size_t i = 0; candidates[i] != NULL; i++) {
        size_t d = edit_distance(got, len, candidates[i], strlen(candidates[i]));
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    if (best == NULL || best_d > limit) {
        buf[0] = '\0';
        return buf;
    }
    snprintf(buf, cap, " (did you mean '%s'?)", best);
    return buf;
}

static const char *list_names(const carealign__fw_name *table, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; table[i].name != NULL && n + 1 < cap; i++) {
        int w = snprintf(buf + n, cap - n, "%s%s", i ? ", " : "", table[i].name);
        if (w < 0 || (size_t)w >= cap - n)
            break;
        n += (size_t)w;
    }
    return buf;
}

/* ---- generic readers ------------------------------------------------------ */

static carealign_status expect_object(vctx *c, const carealign__json *v, const char *const *allowed)
{
    if (v->type != CAREALIGN__JSON_OBJECT)
        return wrong_type(c, v, "an object");
    for (size_t i = 0; i < v->n; i++) {
        const carealign__json_member *m = &v->members[i];
        int known = 0;
        for (size_t k = 0; allowed[k] != NULL && !known; k++)
            known = strlen(allowed[k]) == m->key_len && memcmp(allowed[k], m->key, m->key_len) == 0;
        if (!known) {
            char name[80], hint[96];
            shown(m->key, m->key_len, name, sizeof name);
            size_t old = push_field(c, name);
            carealign_status st = verr(c, CAREALIGN_EINVAL, m->line, m->column, "unknown field%s",
                                       suggest(m->key, m->key_len, allowed, hint, sizeof hint));
            pop(c, old);
            return st;
        }
    }
    return CAREALIGN_OK;
}

static carealign_status missing(vctx *c, const carealign__json *obj, const char *name)
{
    size_t old = push_field(c, name);
    carealign_status st = verr(c, CAREALIGN_EINVAL, obj->line, obj->column, "missing (required)");
    pop(c, old);
    return st;
}

static carealign_status string_value(vctx *c, const carealign__json *v, carealign__fw_str *out)
{
    if (v->type != CAREALIGN__JSON_STRING)
        return wrong_type(c, v, "a string");
    if (v->len == 0)
        return verr(c, CAREALIGN_EINVAL, v->line, v->column, "must not be empty");
    if (memchr(v->text, '\0', v->len) != NULL)
        return verr(c, CAREALIGN_EINVAL, v->line, v->column, "must not contain U+0000");
    out->p = v->text;
    out->len = v->len;
    return CAREALIGN_OK;
}

static int is_id_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '.';
}

/* A FHIR id: [A-Za-z0-9\-\.]{1,64}. */
static carealign_status id_value(vctx *c, const carealign__json *v, carealign__fw_str *out)
{
    carealign_status st = string_value(c, v, out);
    if (st != CAREALIGN_OK)
        return st;
    int ok = out->len <= 64;
    for (size_t i = 0; i < out->len && ok; i++)
        ok = is_id_char(out->p[i]);
    if (!ok)
        return verr(c, CAREALIGN_EINVAL, v->line, v->column,
                    "must be 1 to 64 letters, digits, '-' or '.' (a FHIR id)");
    return CAREALIGN_OK;
}

static carealign_status int_value(vctx *c, const carealign__json *v, int64_t min, int64_t max,
                                  int64_t *out)
{
    if (v->type != CAREALIGN__JSON_NUMBER)
        return wrong_type(c, v, "a whole number");
    int64_t x;
    carealign_status st = carealign__json_to_int64(v, &x);
    if (st != CAREALIGN_OK || x < min || x > max)
        return verr(c, CAREALIGN_EINVAL, v->line, v->column,
                    "must be a whole number from %" PRId64 " to %" PRId64, min, max);
    *out = x;
    return CAREALIGN_OK;
}

static carealign_status number_value(vctx *c, const carealign__json *v, double *out)
{
    if (v->type != CAREALIGN__JSON_NUMBER)
        return wrong_type(c, v, "a number");
    if (carealign__json_to_double(v, out) != CAREALIGN_OK)
        return verr(c, CAREALIGN_EINVAL, v->line, v->column, "number out of range");
    return CAREALIGN_OK;
}

static carealign_status name_value(vctx *c, const carealign__json *v,
                                   const carealign__fw_name *table, int32_t *out)
{
    if (v->type != CAREALIGN__JSON_STRING)
        return wrong_type(c, v, "a string");
    int32_t code = carealign__fw_lookup(table, v->text, v->len);
    if (code < 0) {
        const char *names[40];
        size_t n = 0;
        for (; table[n].name != NULL && n + 1 < sizeof names / sizeof names[0]; n++)
            names[n] = table[n].name;
        names[n] = NULL;
        char got[80], hint[96], all[400];
        return verr(
            c, CAREALIGN_EINVAL, v->line, v->column, "unknown value '%s'%s; expected one of: %s",
            shown(v->text, v->len, got, sizeof got),
            suggest(v->text, v->len, names, hint, sizeof hint), list_names(table, all, sizeof all));
    }
    *out = code;
    return CAREALIGN_OK;
}

static carealign_status date_value(vctx *c, const carealign__json *v, int32_t *out)
{
    if (v->type != CAREALIGN__JSON_STRING)
        return wrong_type(c, v, "a date string (YYYY-MM-DD)");
    if (carealign_date_parse(v->text, v->len, out) != CAREALIGN_OK)
        return verr(c, CAREALIGN_EINVAL, v->line, v->column,
                    "not a calendar date in the form YYYY-MM-DD");
    return CAREALIGN_OK;
}

static carealign_status bool_value(vctx *c, const carealign__json *v, int *out)
{
    if (v->type != CAREALIGN__JSON_TRUE && v->type != CAREALIGN__JSON_FALSE)
        return wrong_type(c, v, "true or false");
    *out = v->type == CAREALIGN__JSON_TRUE;
    return CAREALIGN_OK;
}

/* Member readers: absent optional members leave *out alone and report 0. */
typedef carealign_status (*value_reader)(vctx *c, const carealign__json *v, void *out,
                                         const void *arg);

static carealign_status read_member(vctx *c, const carealign__json *obj, const char *name,
                                    int required, int *present, value_reader fn, void *out,
                                    const void *arg)
{
    const carealign__json *v = carealign__json_get(obj, name);
    if (present)
        *present = v != NULL;
    if (v == NULL)
        return required ? missing(c, obj, name) : CAREALIGN_OK;
    size_t old = push_field(c, name);
    carealign_status st = fn(c, v, out, arg);
    pop(c, old);
    return st;
}

static carealign_status rd_string(vctx *c, const carealign__json *v, void *out, const void *arg)
{
    (void)arg;
    return string_value(c, v, out);
}

static carealign_status rd_id(vctx *c, const carealign__json *v, void *out, const void *arg)
{
    (void)arg;
    return id_value(c, v, out);
}

static carealign_status rd_date(vctx *c, const carealign__json *v, void *out, const void *arg)
{
    (void)arg;
    return date_value(c, v, out);
}

static carealign_status rd_bool(vctx *c, const carealign__json *v, void *out, const void *arg)
{
    (void)arg;
    return bool_value(c, v, out);
}

static carealign_status rd_number(vctx *c, const carealign__json *v, void *out, const void *arg)
{
    (void)arg;
    return number_value(c, v, out);
}

static carealign_status rd_name(vctx *c, const carealign__json *v, void *out, const void *arg)
{
    return name_value(c, v, arg, out);
}

typedef struct int_range {
    int64_t min, max;
} int_range;

static carealign_status rd_int(vctx *c, const carealign__json *v, void *out, const void *arg)
{
    const int_range *r = arg;
    return int_value(c, v, r->min, r->max, out);
}

static carealign_status read_string(vctx *c, const carealign__json *obj, const char *name,
                                    int required, carealign__fw_str *out)
{
    return read_member(c, obj, name, required, NULL, rd_string, out, NULL);
}

static carealign_status read_name(vctx *c, const carealign__json *obj, const char *name,
                                  int required, const carealign__fw_name *table, int32_t *out,
                                  int *present)
{
    return read_member(c, obj, name, required, present, rd_name, out, table);
}

static carealign_status read_int(vctx *c, const carealign__json *obj, const char *name,
                                 int required, int64_t min, int64_t max, int64_t *out, int *present)
{
    int_range r = {min, max};
    return read_member(c, obj, name, required, present, rd_int, out, &r);
}

/* ---- ownership -------------------------------------------------------------- */

void *carealign__fw_alloc(carealign_framework *fw, size_t count, size_t size)
{
    if (fw->n_allocs == fw->cap_allocs) {
        size_t cap = fw->cap_allocs ? fw->cap_allocs * 2 : 64;
        void **grown = carealign__realloc_array(fw->allocs, cap, sizeof *grown);
        if (grown == NULL)
            return NULL;
        fw->allocs = grown;
        fw->cap_allocs = cap;
    }
    void *p = carealign__calloc(count ? count : 1, size ? size : 1);
    if (p != NULL)
        fw->allocs[fw->n_allocs++] = p;
    return p;
}

#define ALLOC(c, ptr, count)                                                                       \
    do {                                                                                           \
        (ptr) = carealign__fw_alloc((c)->fw, (count), sizeof *(ptr));                              \
        if ((ptr) == NULL)                                                                         \
            return CAREALIGN_ENOMEM;                                                               \
    } while (0)

static const carealign__fw_str empty_str = {"", 0};

/* ---- top level pieces --------------------------------------------------------- */

static carealign_status read_period(vctx *c, const carealign__json *obj, const char *name,
                                    int32_t *start, int32_t *end, const carealign__json **where)
{
    static const char *const allowed[] = {"start", "end", NULL};
    const carealign__json *v = carealign__json_get(obj, name);
    if (v == NULL)
        return missing(c, obj, name);
    *where = v;
    size_t old = push_field(c, name);
    carealign_status st = expect_object(c, v, allowed);
    if (st == CAREALIGN_OK)
        st = read_member(c, v, "start", 1, NULL, rd_date, start, NULL);
    if (st == CAREALIGN_OK)
        st = read_member(c, v, "end", 1, NULL, rd_date, end, NULL);
    if (st == CAREALIGN_OK && *end < *start) {
        const carealign__json *e = carealign__json_get(v, "end");
        size_t o2 = push_field(c, "end");
        st = verr(c, CAREALIGN_EINVAL, e->line, e->column, "is before the start");
        pop(c, o2);
    }
    pop(c, old);
    return st;
}

static carealign_status build_periods(vctx *c, const carealign__json *where)
{
    carealign_framework *fw = c->fw;
    int32_t y, m, d, ey, em, ed;
    carealign_date_to_ymd(fw->period_start, &y, &m, &d);
    carealign_date_to_ymd(fw->period_end, &ey, &em, &ed);
    int32_t next;
    int last_day = carealign_date_from_ymd(ey, em, ed + 1, &next) != CAREALIGN_OK;
    size_t old = push_field(c, "reporting_period");
    carealign_status st = CAREALIGN_OK;
    if (d != 1)
        st = verr(c, CAREALIGN_EINVAL, where->line, where->column,
                  "must start on the first day of a month");
    else if (!last_day)
        st = verr(c, CAREALIGN_EINVAL, where->line, where->column,
                  "must end on the last day of a month");
    int64_t months = ((int64_t)ey * 12 + em) - ((int64_t)y * 12 + m) + 1;
    int32_t step = fw->interval == CAREALIGN_INTERVAL_QUARTER ? 3 : 1;
    if (st == CAREALIGN_OK && months % step != 0)
        st = verr(c, CAREALIGN_EINVAL, where->line, where->column,
                  "must be a whole number of quarters for a quarterly interval");
    if (st == CAREALIGN_OK && months > 1200)
        st = verr(c, CAREALIGN_EINVAL, where->line, where->column, "is longer than 100 years");
    pop(c, old);
    if (st != CAREALIGN_OK)
        return st;
    fw->n_periods = (int32_t)(months / step);
    ALLOC(c, fw->period_starts, (size_t)fw->n_periods);
    ALLOC(c, fw->period_ends, (size_t)fw->n_periods);
    int32_t cy = y, cm = m;
    for (int32_t i = 0; i < fw->n_periods; i++) {
        carealign_date_from_ymd(cy, cm, 1, &fw->period_starts[i]);
        cm += step;
        while (cm > 12) {
            cm -= 12;
            cy++;
        }
        int32_t next_start;
        if (cy > 9999)
            next_start = CAREALIGN_DATE_MAX + 1;
        else
            carealign_date_from_ymd(cy, cm, 1, &next_start);
        fw->period_ends[i] = next_start - 1;
    }
    return CAREALIGN_OK;
}

static carealign_status read_population_base(vctx *c, const carealign__json *root)
{
    static const char *const residents[] = {"kind", "local_authorities", NULL};
    static const char *const registered[] = {"kind", "practices", NULL};
    const carealign__json *v = carealign__json_get(root, "population_base");
    if (v == NULL)
        return missing(c, root, "population_base");
    size_t old = push_field(c, "population_base");
    carealign_status st =
        v->type == CAREALIGN__JSON_OBJECT ? CAREALIGN_OK : wrong_type(c, v, "an object");
    int32_t kind = 0;
    if (st == CAREALIGN_OK)
        st = read_name(c, v, "kind", 1, carealign__fw_bases, &kind, NULL);
    const char *list = kind == CAREALIGN_BASE_RESIDENTS ? "local_authorities" : "practices";
    if (st == CAREALIGN_OK)
        st = expect_object(c, v, kind == CAREALIGN_BASE_RESIDENTS ? residents : registered);
    const carealign__json *codes = st == CAREALIGN_OK ? carealign__json_get(v, list) : NULL;
    if (st == CAREALIGN_OK && codes == NULL)
        st = missing(c, v, list);
    if (st == CAREALIGN_OK) {
        size_t o2 = push_field(c, list);
        if (codes->type != CAREALIGN__JSON_ARRAY)
            st = wrong_type(c, codes, "an array of codes");
        else if (codes->n == 0)
            st = verr(c, CAREALIGN_EINVAL, codes->line, codes->column, "must not be empty");
        if (st == CAREALIGN_OK) {
            c->fw->population_codes =
                carealign__fw_alloc(c->fw, codes->n, sizeof(carealign__fw_str));
            if (c->fw->population_codes == NULL)
                st = CAREALIGN_ENOMEM;
        }
        for (size_t i = 0; st == CAREALIGN_OK && i < codes->n; i++) {
            size_t o3 = push_index(c, i);
            st = string_value(c, &codes->items[i], &c->fw->population_codes[i]);
            for (size_t j = 0; st == CAREALIGN_OK && j < i; j++)
                if (c->fw->population_codes[j].len == codes->items[i].len &&
                    memcmp(c->fw->population_codes[j].p, codes->items[i].text,
                           codes->items[i].len) == 0)
                    st = verr(c, CAREALIGN_EINVAL, codes->items[i].line, codes->items[i].column,
                              "repeats code %zu", j);
            pop(c, o3);
        }
        if (st == CAREALIGN_OK)
            c->fw->n_population_codes = codes->n;
        pop(c, o2);
    }
    c->fw->population_base = kind;
    pop(c, old);
    return st;
}

static int str_eq(const carealign__fw_str *a, const char *b, size_t len)
{
    return a->len == len && memcmp(a->p, b, len) == 0;
}

static carealign_status read_stratum(vctx *c, const carealign__json *v, carealign__fw_stratum *s)
{
    static const char *const plain[] = {"id", "kind", NULL};
    static const char *const age[] = {"id", "kind", "bands", NULL};
    static const char *const deprivation[] = {"id", "kind", "grouping", "edition", NULL};
    static const char *const ethnicity[] = {"id", "kind", "classification", NULL};
    static const char *const band_fields[] = {"from", "to", NULL};
    if (v->type != CAREALIGN__JSON_OBJECT)
        return wrong_type(c, v, "an object");
    carealign_status st = read_member(c, v, "id", 1, NULL, rd_id, &s->id, NULL);
    if (st == CAREALIGN_OK)
        st = read_name(c, v, "kind", 1, carealign__fw_strata, &s->kind, NULL);
    if (st != CAREALIGN_OK)
        return st;
    s->edition = empty_str;
    switch (s->kind) {
    case CAREALIGN_STRATUM_AGE: st = expect_object(c, v, age); break;
    case CAREALIGN_STRATUM_DEPRIVATION: st = expect_object(c, v, deprivation); break;
    case CAREALIGN_STRATUM_ETHNICITY: st = expect_object(c, v, ethnicity); break;
    default: st = expect_object(c, v, plain);
    }
    if (st != CAREALIGN_OK)
        return st;
    if (s->kind == CAREALIGN_STRATUM_DEPRIVATION) {
        st = read_name(c, v, "grouping", 1, carealign__fw_groupings, &s->grouping, NULL);
        if (st == CAREALIGN_OK)
            st = read_string(c, v, "edition", 1, &s->edition);
        s->n_groups = s->grouping == CAREALIGN_GROUPING_DECILE ? 10 : 5;
        return st;
    }
    if (s->kind == CAREALIGN_STRATUM_ETHNICITY)
        return read_string(c, v, "classification", 1, &s->edition);
    if (s->kind != CAREALIGN_STRATUM_AGE)
        return CAREALIGN_OK;
    const carealign__json *bands = carealign__json_get(v, "bands");
    if (bands == NULL)
        return missing(c, v, "bands");
    size_t old = push_field(c, "bands");
    if (bands->type != CAREALIGN__JSON_ARRAY)
        st = wrong_type(c, bands, "an array of {\"from\", \"to\"} bands");
    else if (bands->n == 0 || bands->n > 64)
        st = verr(c, CAREALIGN_EINVAL, bands->line, bands->column, "must have 1 to 64 bands");
    if (st == CAREALIGN_OK) {
        s->band_lower = carealign__fw_alloc(c->fw, bands->n, sizeof(int32_t));
        s->band_upper = carealign__fw_alloc(c->fw, bands->n, sizeof(int32_t));
        if (s->band_lower == NULL || s->band_upper == NULL)
            st = CAREALIGN_ENOMEM;
    }
    for (size_t i = 0; st == CAREALIGN_OK && i < bands->n; i++) {
        const carealign__json *b = &bands->items[i];
        size_t o2 = push_index(c, i);
        int64_t from = 0, to = -1;
        int has_to = 0;
        st = expect_object(c, b, band_fields);
        if (st == CAREALIGN_OK)
            st = read_int(c, b, "from", 1, 0, 130, &from, NULL);
        if (st == CAREALIGN_OK)
            st = read_int(c, b, "to", 0, 0, 130, &to, &has_to);
        if (st == CAREALIGN_OK && has_to && to < from)
            st = verr(c, CAREALIGN_EINVAL, b->line, b->column, "'to' is below 'from'");
        if (st == CAREALIGN_OK && i > 0 &&
            (s->band_upper[i - 1] < 0 || from <= s->band_upper[i - 1]))
            st = verr(c, CAREALIGN_EINVAL, b->line, b->column,
                      "overlaps or precedes the band before it (bands go up in age)");
        if (st == CAREALIGN_OK && !has_to && i + 1 < bands->n)
            st = verr(c, CAREALIGN_EINVAL, b->line, b->column,
                      "only the last band may be open (no 'to')");
        s->band_lower[i] = (int32_t)from;
        s->band_upper[i] = has_to ? (int32_t)to : -1;
        pop(c, o2);
    }
    s->n_groups = (int32_t)bands->n;
    pop(c, old);
    return st;
}

static carealign_status read_strata(vctx *c, const carealign__json *root)
{
    const carealign__json *v = carealign__json_get(root, "strata");
    if (v == NULL)
        return missing(c, root, "strata");
    size_t old = push_field(c, "strata");
    carealign_status st = CAREALIGN_OK;
    if (v->type != CAREALIGN__JSON_ARRAY)
        st = wrong_type(c, v, "an array");
    if (st == CAREALIGN_OK) {
        c->fw->strata = carealign__fw_alloc(c->fw, v->n, sizeof(carealign__fw_stratum));
        if (c->fw->strata == NULL)
            st = CAREALIGN_ENOMEM;
    }
    for (size_t i = 0; st == CAREALIGN_OK && i < v->n; i++) {
        size_t o2 = push_index(c, i);
        st = read_stratum(c, &v->items[i], &c->fw->strata[i]);
        for (size_t j = 0; st == CAREALIGN_OK && j < i; j++)
            if (str_eq(&c->fw->strata[j].id, c->fw->strata[i].id.p, c->fw->strata[i].id.len)) {
                const carealign__json *idv = carealign__json_get(&v->items[i], "id");
                st = verr(c, CAREALIGN_EINVAL, idv->line, idv->column,
                          "id repeats that of strata[%zu]", j);
            }
        pop(c, o2);
    }
    if (st == CAREALIGN_OK)
        c->fw->n_strata = v->n;
    pop(c, old);
    return st;
}

static int find_stratum(const carealign_framework *fw, const char *id, size_t len)
{
    for (size_t i = 0; i < fw->n_strata; i++)
        if (str_eq(&fw->strata[i].id, id, len))
            return (int)i;
    return -1;
}

static carealign_status read_crosses(vctx *c, const carealign__json *root)
{
    const carealign__json *v = carealign__json_get(root, "crosses");
    if (v == NULL)
        return CAREALIGN_OK; /* margins only */
    size_t old = push_field(c, "crosses");
    carealign_status st = CAREALIGN_OK;
    if (v->type != CAREALIGN__JSON_ARRAY)
        st = wrong_type(c, v, "an array of [stratum, stratum] pairs");
    if (st == CAREALIGN_OK) {
        c->fw->crosses = carealign__fw_alloc(c->fw, 2 * v->n, sizeof(int32_t));
        if (c->fw->crosses == NULL)
            st = CAREALIGN_ENOMEM;
    }
    for (size_t i = 0; st == CAREALIGN_OK && i < v->n; i++) {
        const carealign__json *pair = &v->items[i];
        size_t o2 = push_index(c, i);
        if (pair->type != CAREALIGN__JSON_ARRAY || pair->n != 2)
            st = verr(c, CAREALIGN_EINVAL, pair->line, pair->column,
                      "must be a pair of stratum ids, like [\"age\", \"sex\"]");
        for (size_t k = 0; st == CAREALIGN_OK && k < 2; k++) {
            const carealign__json *e = &pair->items[k];
            size_t o3 = push_index(c, k);
            if (e->type != CAREALIGN__JSON_STRING) {
                st = wrong_type(c, e, "a stratum id");
            } else {
                int idx = find_stratum(c->fw, e->text, e->len);
                char got[80];
                if (idx < 0)
                    st = verr(c, CAREALIGN_EINVAL, e->line, e->column,
                              "'%s' is not a declared stratum", shown(e->text, e->len, got, 80));
                c->fw->crosses[2 * i + k] = idx;
            }
            pop(c, o3);
        }
        if (st == CAREALIGN_OK && c->fw->crosses[2 * i] == c->fw->crosses[2 * i + 1])
            st = verr(c, CAREALIGN_EINVAL, pair->line, pair->column,
                      "crosses a stratum with itself");
        for (size_t j = 0; st == CAREALIGN_OK && j < i; j++) {
            int32_t a = c->fw->crosses[2 * i], b = c->fw->crosses[2 * i + 1];
            int32_t pa = c->fw->crosses[2 * j], pb = c->fw->crosses[2 * j + 1];
            if ((a == pa && b == pb) || (a == pb && b == pa))
                st = verr(c, CAREALIGN_EINVAL, pair->line, pair->column, "repeats crosses[%zu]", j);
        }
        pop(c, o2);
    }
    if (st == CAREALIGN_OK)
        c->fw->n_crosses = v->n;
    pop(c, old);
    return st;
}

static carealign_status read_code_sets(vctx *c, const carealign__json *root)
{
    static const char *const allowed[] = {"id", "system", "codes", "source", NULL};
    const carealign__json *v = carealign__json_get(root, "code_sets");
    if (v == NULL)
        return CAREALIGN_OK;
    size_t old = push_field(c, "code_sets");
    carealign_status st = CAREALIGN_OK;
    if (v->type != CAREALIGN__JSON_ARRAY)
        st = wrong_type(c, v, "an array");
    if (st == CAREALIGN_OK) {
        c->code_sets = carealign__fw_alloc(c->fw, v->n, sizeof(carealign__fw_valueset));
        if (c->code_sets == NULL)
            st = CAREALIGN_ENOMEM;
    }
    for (size_t i = 0; st == CAREALIGN_OK && i < v->n; i++) {
        const carealign__json *e = &v->items[i];
        carealign__fw_valueset *vs = &c->code_sets[i];
        size_t o2 = push_index(c, i);
        vs->kind = CAREALIGN_VS_CODES;
        vs->instrument = empty_str;
        st = expect_object(c, e, allowed);
        if (st == CAREALIGN_OK)
            st = read_member(c, e, "id", 1, NULL, rd_id, &vs->name, NULL);
        if (st == CAREALIGN_OK)
            st = read_string(c, e, "system", 1, &vs->system);
        if (st == CAREALIGN_OK)
            st = read_string(c, e, "source", 1, &vs->source);
        for (size_t j = 0; st == CAREALIGN_OK && j < i; j++)
            if (str_eq(&c->code_sets[j].name, vs->name.p, vs->name.len)) {
                const carealign__json *idv = carealign__json_get(e, "id");
                st = verr(c, CAREALIGN_EINVAL, idv->line, idv->column,
                          "id repeats that of code_sets[%zu]", j);
            }
        const carealign__json *codes = st == CAREALIGN_OK ? carealign__json_get(e, "codes") : NULL;
        if (st == CAREALIGN_OK && codes == NULL)
            st = missing(c, e, "codes");
        if (st == CAREALIGN_OK) {
            size_t o3 = push_field(c, "codes");
            if (codes->type != CAREALIGN__JSON_ARRAY)
                st = wrong_type(c, codes, "an array of codes");
            else if (codes->n == 0)
                st = verr(c, CAREALIGN_EINVAL, codes->line, codes->column, "must not be empty");
            if (st == CAREALIGN_OK) {
                vs->codes = carealign__fw_alloc(c->fw, codes->n, sizeof(carealign__fw_str));
                if (vs->codes == NULL)
                    st = CAREALIGN_ENOMEM;
            }
            for (size_t k = 0; st == CAREALIGN_OK && k < codes->n; k++) {
                size_t o4 = push_index(c, k);
                st = string_value(c, &codes->items[k], &vs->codes[k]);
                for (size_t j = 0; st == CAREALIGN_OK && j < k; j++)
                    if (str_eq(&vs->codes[j], vs->codes[k].p, vs->codes[k].len))
                        st = verr(c, CAREALIGN_EINVAL, codes->items[k].line, codes->items[k].column,
                                  "repeats code %zu", j);
                pop(c, o4);
            }
            if (st == CAREALIGN_OK)
                vs->n_codes = codes->n;
            pop(c, o3);
        }
        pop(c, o2);
    }
    if (st == CAREALIGN_OK)
        c->n_code_sets = v->n;
    pop(c, old);
    return st;
}

static carealign_status read_unit_costs(vctx *c, const carealign__json *root)
{
    static const char *const allowed[] = {"price_year", "source", "items", NULL};
    static const char *const item_fields[] = {"contact_type", "sector", "per", "pence", NULL};
    const carealign__json *v = carealign__json_get(root, "unit_costs");
    if (v == NULL)
        return missing(c, root, "unit_costs");
    size_t old = push_field(c, "unit_costs");
    carealign_status st = expect_object(c, v, allowed);
    if (st == CAREALIGN_OK)
        st = read_string(c, v, "price_year", 1, &c->fw->price_year);
    if (st == CAREALIGN_OK)
        st = read_string(c, v, "source", 1, &c->fw->cost_source);
    const carealign__json *items = st == CAREALIGN_OK ? carealign__json_get(v, "items") : NULL;
    if (st == CAREALIGN_OK && items == NULL)
        st = missing(c, v, "items");
    if (st == CAREALIGN_OK) {
        size_t o2 = push_field(c, "items");
        if (items->type != CAREALIGN__JSON_ARRAY)
            st = wrong_type(c, items, "an array");
        if (st == CAREALIGN_OK) {
            c->fw->unit_costs =
                carealign__fw_alloc(c->fw, items->n, sizeof(carealign__fw_unit_cost));
            if (c->fw->unit_costs == NULL)
                st = CAREALIGN_ENOMEM;
        }
        for (size_t i = 0; st == CAREALIGN_OK && i < items->n; i++) {
            const carealign__json *e = &items->items[i];
            carealign__fw_unit_cost *uc = &c->fw->unit_costs[i];
            size_t o3 = push_index(c, i);
            st = expect_object(c, e, item_fields);
            if (st == CAREALIGN_OK)
                st = read_name(c, e, "contact_type", 1, carealign__fw_contact_types,
                               &uc->contact_type, NULL);
            if (st == CAREALIGN_OK) {
                const carealign__json *sv = carealign__json_get(e, "sector");
                if (sv == NULL) {
                    st = missing(c, e, "sector");
                } else if (sv->type == CAREALIGN__JSON_STRING && sv->len == 3 &&
                           memcmp(sv->text, "any", 3) == 0) {
                    uc->sector = 0;
                } else {
                    st = read_name(c, e, "sector", 1, carealign__fw_sectors, &uc->sector, NULL);
                }
            }
            if (st == CAREALIGN_OK)
                st = read_name(c, e, "per", 1, carealign__fw_cost_pers, &uc->per, NULL);
            if (st == CAREALIGN_OK)
                st = read_int(c, e, "pence", 1, 0, INT64_C(100000000000), &uc->pence, NULL);
            for (size_t j = 0; st == CAREALIGN_OK && j < i; j++)
                if (c->fw->unit_costs[j].contact_type == uc->contact_type &&
                    c->fw->unit_costs[j].sector == uc->sector)
                    st = verr(c, CAREALIGN_EINVAL, e->line, e->column,
                              "prices the same contact type and sector as items[%zu]", j);
            pop(c, o3);
        }
        if (st == CAREALIGN_OK)
            c->fw->n_unit_costs = items->n;
        pop(c, o2);
    }
    pop(c, old);
    return st;
}

static carealign_status read_rules(vctx *c, const carealign__json *root)
{
    static const char *const ce_fields[] = {"threshold_pence_per_qaly", "source", NULL};
    static const char *const disclosure_fields[] = {"suppress_max", "round_to", "source", NULL};
    carealign_framework *fw = c->fw;
    carealign_status st = CAREALIGN_OK;
    const carealign__json *ce = carealign__json_get(root, "cost_effectiveness");
    fw->ce_source = empty_str;
    if (ce != NULL) {
        size_t old = push_field(c, "cost_effectiveness");
        st = expect_object(c, ce, ce_fields);
        if (st == CAREALIGN_OK)
            st = read_int(c, ce, "threshold_pence_per_qaly", 1, 1, INT64_C(100000000000),
                          &fw->ce_threshold_pence, NULL);
        if (st == CAREALIGN_OK)
            st = read_string(c, ce, "source", 1, &fw->ce_source);
        fw->flags |= CAREALIGN_FRAMEWORK_HAS_CE_THRESHOLD;
        pop(c, old);
    }
    if (st != CAREALIGN_OK)
        return st;
    const carealign__json *dc = carealign__json_get(root, "disclosure");
    if (dc == NULL)
        return missing(c, root, "disclosure");
    size_t old = push_field(c, "disclosure");
    int64_t smax = 0, round_to = 1;
    st = expect_object(c, dc, disclosure_fields);
    if (st == CAREALIGN_OK)
        st = read_int(c, dc, "suppress_max", 1, 0, 1000, &smax, NULL);
    if (st == CAREALIGN_OK)
        st = read_int(c, dc, "round_to", 1, 1, 1000, &round_to, NULL);
    if (st == CAREALIGN_OK)
        st = read_string(c, dc, "source", 1, &fw->disclosure_source);
    fw->disclosure_suppress_max = (int32_t)smax;
    fw->disclosure_round_to = (int32_t)round_to;
    pop(c, old);
    return st;
}

/* ---- measures ------------------------------------------------------------------- */

static carealign_status read_instrument(vctx *c, const carealign__json *mv,
                                        carealign__fw_measure *m)
{
    static const char *const allowed[] = {"code", "value_set", NULL};
    m->instrument = empty_str;
    m->valueset = empty_str;
    m->valueset_index = -1;
    const carealign__json *v = carealign__json_get(mv, "instrument");
    if (v == NULL)
        return missing(c, mv, "instrument");
    if (v->type == CAREALIGN__JSON_NULL)
        return CAREALIGN_OK; /* stated: this measure uses no questionnaire */
    size_t old = push_field(c, "instrument");
    carealign_status st = v->type == CAREALIGN__JSON_OBJECT
                              ? expect_object(c, v, allowed)
                              : wrong_type(c, v, "an object {\"code\", \"value_set\"} or null");
    if (st == CAREALIGN_OK)
        st = read_string(c, v, "code", 1, &m->instrument);
    const carealign__fw_instrument *ins = carealign__fw_instruments;
    if (st == CAREALIGN_OK) {
        while (ins->name != NULL && !str_eq(&m->instrument, ins->name, strlen(ins->name)))
            ins++;
        if (ins->name == NULL) {
            const char *names[16];
            size_t n = 0;
            for (; carealign__fw_instruments[n].name != NULL; n++)
                names[n] = carealign__fw_instruments[n].name;
            names[n] = NULL;
            const carealign__json *cv = carealign__json_get(v, "code");
            char got[80], hint[96];
            size_t o2 = push_field(c, "code");
            st = verr(c, CAREALIGN_EUNSUPPORTED, cv->line, cv->column, "unknown instrument '%s'%s",
                      shown(m->instrument.p, m->instrument.len, got, sizeof got),
                      suggest(m->instrument.p, m->instrument.len, names, hint, sizeof hint));
            pop(c, o2);
        }
    }
    if (st == CAREALIGN_OK) {
        char all[200];
        size_t n = 0;
        all[0] = '\0';
        for (size_t k = 0; ins->valuesets[k] != NULL; k++)
            n +=
                (size_t)snprintf(all + n, sizeof all - n, "%s%s", k ? ", " : "", ins->valuesets[k]);
        const carealign__json *vv = carealign__json_get(v, "value_set");
        if (vv == NULL) {
            size_t o2 = push_field(c, "value_set");
            st = verr(c, CAREALIGN_EINVAL, v->line, v->column,
                      "missing: instrument '%s' must name its value set (one of: %s); "
                      "value sets are never implicit",
                      ins->name, all);
            pop(c, o2);
        } else {
            size_t o2 = push_field(c, "value_set");
            st = string_value(c, vv, &m->valueset);
            size_t k = 0;
            while (st == CAREALIGN_OK && ins->valuesets[k] != NULL &&
                   !str_eq(&m->valueset, ins->valuesets[k], strlen(ins->valuesets[k])))
                k++;
            char got[80];
            if (st == CAREALIGN_OK && ins->valuesets[k] == NULL)
                st = verr(c, CAREALIGN_EUNSUPPORTED, vv->line, vv->column,
                          "unknown value set '%s' for instrument '%s' (known: %s)",
                          shown(vv->text, vv->len, got, sizeof got), ins->name, all);
            pop(c, o2);
        }
    }
    if (st == CAREALIGN_OK) {
        size_t k = 0;
        while (k < c->n_instrument_sets &&
               !(str_eq(&c->instrument_sets[k].instrument, m->instrument.p, m->instrument.len) &&
                 str_eq(&c->instrument_sets[k].name, m->valueset.p, m->valueset.len)))
            k++;
        if (k == c->n_instrument_sets) {
            if (k == c->cap_instrument_sets) {
                size_t cap = k ? 2 * k : 8;
                carealign__fw_valueset *grown =
                    carealign__realloc_array(c->instrument_sets, cap, sizeof *grown);
                if (grown == NULL) {
                    pop(c, old);
                    return CAREALIGN_ENOMEM;
                }
                c->instrument_sets = grown;
                c->cap_instrument_sets = cap;
            }
            carealign__fw_valueset *vs = &c->instrument_sets[k];
            memset(vs, 0, sizeof *vs);
            vs->kind = CAREALIGN_VS_INSTRUMENT;
            vs->name = m->valueset;
            vs->instrument = m->instrument;
            vs->system = empty_str;
            vs->source = empty_str;
            c->n_instrument_sets++;
        }
        m->valueset_index = (int32_t)k;
    }
    pop(c, old);
    return st;
}

static int find_code_set(const vctx *c, const char *id, size_t len)
{
    for (size_t i = 0; i < c->n_code_sets; i++)
        if (str_eq(&c->code_sets[i].name, id, len))
            return (int)i;
    return -1;
}

static carealign_status contact_type_list(vctx *c, const carealign__json *v,
                                          const carealign__fw_name *table, const char *what,
                                          int32_t **out, size_t *out_n)
{
    if (v->type != CAREALIGN__JSON_ARRAY)
        return wrong_type(c, v, "an array of names");
    if (v->n == 0)
        return verr(c, CAREALIGN_EINVAL, v->line, v->column, "must not be empty");
    int32_t *codes = carealign__fw_alloc(c->fw, v->n, sizeof(int32_t));
    if (codes == NULL)
        return CAREALIGN_ENOMEM;
    for (size_t i = 0; i < v->n; i++) {
        size_t old = push_index(c, i);
        carealign_status st = name_value(c, &v->items[i], table, &codes[i]);
        for (size_t j = 0; st == CAREALIGN_OK && j < i; j++)
            if (codes[j] == codes[i])
                st = verr(c, CAREALIGN_EINVAL, v->items[i].line, v->items[i].column,
                          "repeats %s %zu", what, j);
        pop(c, old);
        if (st != CAREALIGN_OK)
            return st;
    }
    *out = codes;
    *out_n = v->n;
    return CAREALIGN_OK;
}

static carealign_status read_param(vctx *c, const carealign__json_member *mem,
                                   carealign__fw_param *p)
{
    const carealign__fw_param_spec *spec = carealign__fw_param_specs;
    while (spec->name != NULL &&
           !(strlen(spec->name) == mem->key_len && memcmp(spec->name, mem->key, mem->key_len) == 0))
        spec++;
    char key[80];
    shown(mem->key, mem->key_len, key, sizeof key);
    size_t old = push_field(c, key);
    carealign_status st = CAREALIGN_OK;
    if (spec->name == NULL) {
        const char *names[32];
        size_t n = 0;
        for (; carealign__fw_param_specs[n].name != NULL; n++)
            names[n] = carealign__fw_param_specs[n].name;
        names[n] = NULL;
        char hint[96];
        st = verr(c, CAREALIGN_EINVAL, mem->line, mem->column,
                  "unknown journey parameter%s (docs/framework.md lists them)",
                  suggest(mem->key, mem->key_len, names, hint, sizeof hint));
        pop(c, old);
        return st;
    }
    const carealign__json *v = &mem->value;
    p->name.p = mem->key;
    p->name.len = mem->key_len;
    p->kind = spec->kind;
    p->valueset = -1;
    p->text = empty_str;
    switch (spec->kind) {
    case CAREALIGN_PARAM_INT: st = int_value(c, v, spec->min, spec->max, &p->value); break;
    case CAREALIGN_PARAM_BOOL: {
        int b = 0;
        st = bool_value(c, v, &b);
        p->value = b;
        break;
    }
    case CAREALIGN_PARAM_NAME: {
        int32_t code = 0;
        st = name_value(c, v, spec->names, &code);
        p->value = code;
        if (st == CAREALIGN_OK)
            p->text = (carealign__fw_str){v->text, v->len};
        break;
    }
    case CAREALIGN_PARAM_INT_LIST:
        if (v->type != CAREALIGN__JSON_ARRAY) {
            st = wrong_type(c, v, "an array of whole numbers");
            break;
        }
        if (v->n == 0 || v->n > spec->max_count) {
            st = verr(c, CAREALIGN_EINVAL, v->line, v->column, "must have 1 to %zu entries",
                      spec->max_count);
            break;
        }
        p->values = carealign__fw_alloc(c->fw, v->n, sizeof(int64_t));
        if (p->values == NULL) {
            st = CAREALIGN_ENOMEM;
            break;
        }
        for (size_t i = 0; st == CAREALIGN_OK && i < v->n; i++) {
            size_t o2 = push_index(c, i);
            st = int_value(c, &v->items[i], spec->min, spec->max, &p->values[i]);
            if (st == CAREALIGN_OK && i > 0 && p->values[i] <= p->values[i - 1])
                st = verr(c, CAREALIGN_EINVAL, v->items[i].line, v->items[i].column,
                          "entries must increase");
            pop(c, o2);
        }
        p->n_values = v->n;
        break;
    case CAREALIGN_PARAM_CONTACT_TYPES: {
        int32_t *codes = NULL;
        size_t n = 0;
        st = contact_type_list(c, v, carealign__fw_contact_types, "contact type", &codes, &n);
        if (st != CAREALIGN_OK)
            break;
        p->values = carealign__fw_alloc(c->fw, n, sizeof(int64_t));
        if (p->values == NULL) {
            st = CAREALIGN_ENOMEM;
            break;
        }
        for (size_t i = 0; i < n; i++) {
            p->values[i] = codes[i];
            p->mask |= UINT64_C(1) << codes[i];
        }
        p->n_values = n;
        break;
    }
    case CAREALIGN_PARAM_CODESET:
    default:
        if (v->type != CAREALIGN__JSON_STRING) {
            st = wrong_type(c, v, "the id of a declared code set");
            break;
        }
        p->valueset = find_code_set(c, v->text, v->len);
        if (p->valueset < 0) {
            char got[80];
            st = verr(c, CAREALIGN_EINVAL, v->line, v->column,
                      "'%s' is not a declared code set (code_sets); code lists are never implicit",
                      shown(v->text, v->len, got, sizeof got));
        }
        p->text = (carealign__fw_str){v->text, v->len};
        break;
    }
    pop(c, old);
    return st;
}

static carealign_status read_params(vctx *c, const carealign__json *mv, carealign__fw_measure *m)
{
    const carealign__json *v = carealign__json_get(mv, "journey");
    if (v == NULL)
        return CAREALIGN_OK;
    size_t old = push_field(c, "journey");
    carealign_status st = CAREALIGN_OK;
    if (v->type != CAREALIGN__JSON_OBJECT)
        st = wrong_type(c, v, "an object of named parameters");
    if (st == CAREALIGN_OK && v->n > 0) {
        m->params = carealign__fw_alloc(c->fw, v->n, sizeof(carealign__fw_param));
        if (m->params == NULL)
            st = CAREALIGN_ENOMEM;
    }
    /* Members are in canonical (sorted) order already. */
    for (size_t i = 0; st == CAREALIGN_OK && i < v->n; i++)
        st = read_param(c, &v->members[i], &m->params[i]);
    if (st == CAREALIGN_OK)
        m->n_params = v->n;
    /* The national readmission flag is a claim that the national exclusions
     * were supplied: it needs both code lists that carry them. */
    for (size_t i = 0; st == CAREALIGN_OK && i < m->n_params; i++) {
        const carealign__fw_param *p = &m->params[i];
        if (!str_eq(&p->name, "national_readmission", 20) || p->value == 0)
            continue;
        int methods = 0, dests = 0;
        for (size_t k = 0; k < m->n_params; k++) {
            methods |= str_eq(&m->params[k].name, "readmission_excluded_methods", 28);
            dests |= str_eq(&m->params[k].name, "excluded_destinations", 21);
        }
        if (!methods || !dests) {
            size_t o2 = push_field(c, "national_readmission");
            st = verr(c, CAREALIGN_EINVAL, v->members[i].value.line, v->members[i].value.column,
                      "true needs '%s' (the national exclusions are named, never implied; "
                      "docs/framework.md section 4)",
                      !methods ? "readmission_excluded_methods" : "excluded_destinations");
            pop(c, o2);
        }
    }
    pop(c, old);
    return st;
}

static const carealign__fw_param *measure_param(const carealign__fw_measure *m, const char *name)
{
    for (size_t i = 0; i < m->n_params; i++)
        if (str_eq(&m->params[i].name, name, strlen(name)))
            return &m->params[i];
    return NULL;
}

/* Read "at_least" / "at_most" (numbers); at least one when `required`. */
static carealign_status read_thresholds(vctx *c, const carealign__json *v, carealign__fw_atom *a,
                                        int required, int whole, int64_t lo, int64_t hi)
{
    static const char *const names[2] = {"at_least", "at_most"};
    int any = 0;
    for (int k = 0; k < 2; k++) {
        const carealign__json *t = carealign__json_get(v, names[k]);
        if (t == NULL)
            continue;
        size_t old = push_field(c, names[k]);
        double x = 0;
        carealign_status st;
        if (whole) {
            int64_t i = 0;
            st = int_value(c, t, lo, hi, &i);
            x = (double)i;
        } else {
            st = number_value(c, t, &x);
        }
        pop(c, old);
        if (st != CAREALIGN_OK)
            return st;
        if (k == 0) {
            a->at_least = x;
            a->flags |= CAREALIGN_ATOM_HAS_AT_LEAST;
        } else {
            a->at_most = x;
            a->flags |= CAREALIGN_ATOM_HAS_AT_MOST;
        }
        any = 1;
    }
    if ((a->flags & CAREALIGN_ATOM_HAS_AT_LEAST) && (a->flags & CAREALIGN_ATOM_HAS_AT_MOST) &&
        a->at_most < a->at_least)
        return verr(c, CAREALIGN_EINVAL, v->line, v->column, "'at_most' is below 'at_least'");
    if (required && !any)
        return verr(c, CAREALIGN_EINVAL, v->line, v->column,
                    "needs a threshold: 'at_least', 'at_most' or both");
    if (any)
        a->flags |= CAREALIGN_ATOM_CONDITION;
    return CAREALIGN_OK;
}

static carealign_status int_list(vctx *c, const carealign__json *v, int64_t lo, int64_t hi,
                                 int32_t **out, size_t *out_n)
{
    if (v->type != CAREALIGN__JSON_ARRAY)
        return wrong_type(c, v, "an array of whole numbers");
    if (v->n == 0)
        return verr(c, CAREALIGN_EINVAL, v->line, v->column, "must not be empty");
    int32_t *vals = carealign__fw_alloc(c->fw, v->n, sizeof(int32_t));
    if (vals == NULL)
        return CAREALIGN_ENOMEM;
    for (size_t i = 0; i < v->n; i++) {
        int64_t x = 0;
        size_t old = push_index(c, i);
        carealign_status st = int_value(c, &v->items[i], lo, hi, &x);
        for (size_t j = 0; st == CAREALIGN_OK && j < i; j++)
            if (vals[j] == x)
                st = verr(c, CAREALIGN_EINVAL, v->items[i].line, v->items[i].column,
                          "repeats entry %zu", j);
        pop(c, old);
        if (st != CAREALIGN_OK)
            return st;
        vals[i] = (int32_t)x;
    }
    *out = vals;
    *out_n = v->n;
    return CAREALIGN_OK;
}

/* One atom. `observation` is set for a measure observation (a quantity). */
static carealign_status read_atom(vctx *c, const carealign__json *v, int32_t crit,
                                  const carealign__fw_measure *m, carealign__fw_atom *a)
{
    static const char *const kinds[] = {"population", "person",  "response", "score",
                                        "change",     "journey", "contacts", NULL};
    static const char *const f_population[] = {"population", "description", "aggregate", NULL};
    static const char *const f_person_age[] = {"person", "at_least", "at_most", "description",
                                               NULL};
    static const char *const f_person_in[] = {"person", "in", "description", NULL};
    static const char *const f_response[] = {"response", "description", NULL};
    static const char *const f_score[] = {"score",       "at_least",  "at_most",
                                          "description", "aggregate", NULL};
    static const char *const f_change[] = {"change",      "at_least",  "at_most",
                                           "description", "aggregate", NULL};
    static const char *const f_journey[] = {"journey",     "at_least",  "at_most", "days",
                                            "description", "aggregate", NULL};
    static const char *const f_contacts[] = {"contacts", "types",       "sectors",   "at_least",
                                             "at_most",  "description", "aggregate", NULL};
    if (v->type != CAREALIGN__JSON_OBJECT)
        return wrong_type(c, v,
                          "an object naming one of: population, person, response, score, "
                          "change, journey, contacts (or \"all\")");
    const carealign__json_member *kind_member = NULL;
    for (size_t k = 0; kinds[k] != NULL; k++) {
        const carealign__json_member *km = carealign__json_find(v, kinds[k]);
        if (km == NULL)
            continue;
        if (kind_member != NULL) {
            char a1[40], a2[40];
            shown(kind_member->key, kind_member->key_len, a1, sizeof a1);
            shown(km->key, km->key_len, a2, sizeof a2);
            return verr(c, CAREALIGN_EINVAL, v->line, v->column,
                        "names two kinds ('%s' and '%s'); use {\"all\": [...]} to combine them", a1,
                        a2);
        }
        kind_member = km;
        a->kind = (int32_t)k + 1;
    }
    if (kind_member == NULL) {
        /* Report the first member that could have been the kind, with a
         * suggestion ("jorney" -> "journey"). */
        for (size_t i = 0; i < v->n; i++) {
            const carealign__json_member *mm = &v->members[i];
            if ((mm->key_len == 11 && memcmp(mm->key, "description", 11) == 0) ||
                (mm->key_len == 9 && memcmp(mm->key, "aggregate", 9) == 0))
                continue;
            char name[80], hint[96];
            shown(mm->key, mm->key_len, name, sizeof name);
            size_t o2 = push_field(c, name);
            carealign_status st2 =
                verr(c, CAREALIGN_EINVAL, mm->line, mm->column, "unknown field%s",
                     suggest(mm->key, mm->key_len, kinds, hint, sizeof hint));
            pop(c, o2);
            return st2;
        }
        return verr(c, CAREALIGN_EINVAL, v->line, v->column,
                    "names no criterion; name one of: population, person, response, score, "
                    "change, journey, contacts");
    }
    a->json = v;
    a->at_least = NAN;
    a->at_most = NAN;
    const carealign__json *kv = &kind_member->value;
    size_t old = push_field(c, kinds[a->kind - 1]);
    carealign_status st = CAREALIGN_OK;
    const carealign__fw_name *whats = NULL;
    switch (a->kind) {
    case CAREALIGN_ATOM_POPULATION: whats = carealign__fw_population_whats; break;
    case CAREALIGN_ATOM_PERSON: whats = carealign__fw_person_attrs; break;
    case CAREALIGN_ATOM_RESPONSE: whats = carealign__fw_response_whats; break;
    case CAREALIGN_ATOM_SCORE: whats = carealign__fw_score_whats; break;
    case CAREALIGN_ATOM_CHANGE: whats = carealign__fw_change_whats; break;
    case CAREALIGN_ATOM_JOURNEY: whats = carealign__fw_journey_figures; break;
    default: whats = carealign__fw_contacts_whats;
    }
    st = name_value(c, kv, whats, &a->which);
    pop(c, old);
    if (st != CAREALIGN_OK)
        return st;

    int observation = crit == CAREALIGN_CRIT_OBSERVATION;
    int uses_instrument = a->kind == CAREALIGN_ATOM_RESPONSE || a->kind == CAREALIGN_ATOM_SCORE ||
                          a->kind == CAREALIGN_ATOM_CHANGE;
    int uses_pair = a->kind == CAREALIGN_ATOM_CHANGE ||
                    (a->kind == CAREALIGN_ATOM_RESPONSE && a->which == CAREALIGN_RESPONSE_PAIRED) ||
                    (a->kind == CAREALIGN_ATOM_SCORE && (a->which == CAREALIGN_SCORE_BASELINE ||
                                                         a->which == CAREALIGN_SCORE_FOLLOW_UP));
    if (uses_instrument && m->instrument.len == 0)
        return verr(c, CAREALIGN_EINVAL, kind_member->line, kind_member->column,
                    "'%s' needs the measure to name an instrument", kinds[a->kind - 1]);
    if (uses_pair && !(m->flags & CAREALIGN_MEASURE_HAS_PAIRING))
        return verr(c, CAREALIGN_EINVAL, kind_member->line, kind_member->column,
                    "needs the measure's baseline/follow-up 'pairing' rule");

    switch (a->kind) {
    case CAREALIGN_ATOM_POPULATION:
        st = expect_object(c, v, f_population);
        if (st == CAREALIGN_OK && crit != CAREALIGN_CRIT_INITIAL_POPULATION &&
            crit != CAREALIGN_CRIT_DENOMINATOR)
            st = verr(c, CAREALIGN_EINVAL, kind_member->line, kind_member->column,
                      "the population base may only be an initial population or a denominator");
        break;
    case CAREALIGN_ATOM_PERSON:
        a->flags |= CAREALIGN_ATOM_CONDITION;
        if (a->which == CAREALIGN_PERSON_AGE) {
            st = expect_object(c, v, f_person_age);
            if (st == CAREALIGN_OK)
                st = read_thresholds(c, v, a, 1, 1, 0, 130);
        } else {
            st = expect_object(c, v, f_person_in);
            const carealign__json *in = st == CAREALIGN_OK ? carealign__json_get(v, "in") : NULL;
            if (st == CAREALIGN_OK && in == NULL)
                st = missing(c, v, "in");
            if (st == CAREALIGN_OK) {
                int64_t hi = a->which == CAREALIGN_PERSON_SEX                  ? 9
                             : a->which == CAREALIGN_PERSON_DEPRIVATION_DECILE ? 10
                                                                               : 5;
                int64_t lo = a->which == CAREALIGN_PERSON_SEX ? 0 : 1;
                size_t o2 = push_field(c, "in");
                st = int_list(c, in, lo, hi, &a->values, &a->n_values);
                pop(c, o2);
            }
        }
        break;
    case CAREALIGN_ATOM_RESPONSE:
        st = expect_object(c, v, f_response);
        a->flags |= CAREALIGN_ATOM_CONDITION; /* whether the person responded */
        break;
    case CAREALIGN_ATOM_SCORE:
        st = expect_object(c, v, f_score);
        if (st == CAREALIGN_OK)
            st = read_thresholds(c, v, a, 0, 0, 0, 0);
        if (a->which == CAREALIGN_SCORE_EACH)
            a->flags &= ~CAREALIGN_ATOM_CONDITION; /* counts the responses that meet it */
        else if (st == CAREALIGN_OK && !observation && !(a->flags & CAREALIGN_ATOM_CONDITION))
            st = verr(c, CAREALIGN_EINVAL, v->line, v->column,
                      "a score in a population criterion needs a threshold ('at_least' or "
                      "'at_most'); use it without one only as a measure observation");
        break;
    case CAREALIGN_ATOM_CHANGE:
        st = expect_object(c, v, f_change);
        if (st == CAREALIGN_OK && a->which != CAREALIGN_CHANGE_VALUE) {
            if (carealign__json_get(v, "at_least") || carealign__json_get(v, "at_most"))
                st = verr(c, CAREALIGN_EINVAL, v->line, v->column,
                          "'improved_by_mid' and 'worsened_by_mid' take no threshold");
            else if (!(m->flags & CAREALIGN_MEASURE_HAS_MID))
                st = verr(c, CAREALIGN_EINVAL, kind_member->line, kind_member->column,
                          "needs the measure's 'minimal_important_difference'");
            else if (m->improvement == CAREALIGN_IMPROVE_NONE)
                st = verr(c, CAREALIGN_EINVAL, kind_member->line, kind_member->column,
                          "needs the measure's 'improvement_notation' to know which way is better");
            a->flags |= CAREALIGN_ATOM_CONDITION;
        } else if (st == CAREALIGN_OK) {
            st = read_thresholds(c, v, a, 0, 0, 0, 0);
            if (st == CAREALIGN_OK && !observation && !(a->flags & CAREALIGN_ATOM_CONDITION))
                st = verr(c, CAREALIGN_EINVAL, v->line, v->column,
                          "a change in a population criterion needs a threshold ('at_least' or "
                          "'at_most'); use it without one only as a measure observation");
        }
        break;
    case CAREALIGN_ATOM_JOURNEY:
        st = expect_object(c, v, f_journey);
        if (st == CAREALIGN_OK)
            st = read_thresholds(c, v, a, 0, 0, 0, 0);
        if (st == CAREALIGN_OK) {
            const carealign__json *dv = carealign__json_get(v, "days");
            int needs = a->which == CAREALIGN_JF_FOLLOWED_UP_WITHIN;
            if (needs && dv == NULL) {
                st = verr(c, CAREALIGN_EINVAL, v->line, v->column,
                          "'followed_up_within' needs 'days' (one of the measure's "
                          "journey.followup_within_days)");
            } else if (!needs && dv != NULL) {
                size_t o2 = push_field(c, "days");
                st = verr(c, CAREALIGN_EINVAL, dv->line, dv->column,
                          "only 'followed_up_within' takes 'days'");
                pop(c, o2);
            } else if (needs) {
                int64_t d = 0;
                size_t o2 = push_field(c, "days");
                st = int_value(c, dv, 0, 3650, &d);
                const carealign__fw_param *fp = measure_param(m, "followup_within_days");
                int found = 0;
                for (size_t i = 0; fp != NULL && i < fp->n_values; i++)
                    found |= fp->values[i] == d;
                if (st == CAREALIGN_OK && !found)
                    st =
                        verr(c, CAREALIGN_EINVAL, dv->line, dv->column,
                             "%" PRId64 " is not in the measure's journey.followup_within_days", d);
                a->days = (int32_t)d;
                pop(c, o2);
            }
        }
        break;
    default: { /* contacts */
        st = expect_object(c, v, f_contacts);
        const carealign__json *tv = st == CAREALIGN_OK ? carealign__json_get(v, "types") : NULL;
        if (st == CAREALIGN_OK && tv == NULL)
            st = missing(c, v, "types");
        if (st == CAREALIGN_OK) {
            size_t o2 = push_field(c, "types");
            st = contact_type_list(c, tv, carealign__fw_contact_types, "contact type", &a->values,
                                   &a->n_values);
            pop(c, o2);
        }
        const carealign__json *sv = st == CAREALIGN_OK ? carealign__json_get(v, "sectors") : NULL;
        if (sv != NULL) {
            size_t o2 = push_field(c, "sectors");
            st = contact_type_list(c, sv, carealign__fw_sectors, "sector", &a->sectors,
                                   &a->n_sectors);
            pop(c, o2);
        }
        if (st == CAREALIGN_OK)
            st = read_thresholds(c, v, a, 0, 0, 0, 0);
        break;
    }
    }
    if (st != CAREALIGN_OK)
        return st;
    if (observation) {
        if (a->flags & CAREALIGN_ATOM_CONDITION)
            return verr(c, CAREALIGN_EINVAL, v->line, v->column,
                        "a measure observation is a quantity: it takes no threshold and no "
                        "person or pairing condition");
        if (a->kind == CAREALIGN_ATOM_POPULATION ||
            (a->kind == CAREALIGN_ATOM_SCORE && a->which == CAREALIGN_SCORE_EACH))
            return verr(c, CAREALIGN_EINVAL, kind_member->line, kind_member->column,
                        "cannot be a measure observation (it counts people or responses)");
    } else if (carealign__json_get(v, "aggregate") != NULL) {
        const carealign__json *ag = carealign__json_get(v, "aggregate");
        size_t o2 = push_field(c, "aggregate");
        st = verr(c, CAREALIGN_EINVAL, ag->line, ag->column,
                  "only a measure observation takes 'aggregate'");
        pop(c, o2);
    }
    return st;
}

static int atom_counts(const carealign__fw_atom *a)
{
    return !(a->flags & CAREALIGN_ATOM_CONDITION);
}

static carealign_status read_criterion(vctx *c, const carealign__json *pops, int32_t crit,
                                       carealign__fw_measure *m)
{
    static const char *const all_fields[] = {"all", "description", NULL};
    const char *name = carealign__fw_name_of(carealign__fw_criteria, crit);
    const carealign__json *v = carealign__json_get(pops, name);
    carealign__fw_criterion *cr = &m->criteria[crit];
    cr->description = empty_str;
    if (v == NULL)
        return CAREALIGN_OK;
    cr->json = v;
    size_t old = push_field(c, name);
    carealign_status st = CAREALIGN_OK;
    if (v->type != CAREALIGN__JSON_OBJECT)
        st = wrong_type(c, v, "an object (one criterion, or {\"all\": [...]})");
    if (st == CAREALIGN_OK)
        st = read_string(c, v, "description", 0, &cr->description);
    const carealign__json *all = st == CAREALIGN_OK ? carealign__json_get(v, "all") : NULL;
    if (st == CAREALIGN_OK && all != NULL) {
        st = expect_object(c, v, all_fields);
        if (st == CAREALIGN_OK && crit == CAREALIGN_CRIT_OBSERVATION)
            st = verr(c, CAREALIGN_EINVAL, all->line, all->column,
                      "a measure observation is one quantity, not \"all\"; put conditions in "
                      "the initial population");
        size_t o2 = push_field(c, "all");
        if (st == CAREALIGN_OK && all->type != CAREALIGN__JSON_ARRAY)
            st = wrong_type(c, all, "an array of criteria");
        else if (st == CAREALIGN_OK && (all->n == 0 || all->n > 32))
            st = verr(c, CAREALIGN_EINVAL, all->line, all->column, "must have 1 to 32 criteria");
        if (st == CAREALIGN_OK) {
            cr->atoms = carealign__fw_alloc(c->fw, all->n, sizeof(carealign__fw_atom));
            if (cr->atoms == NULL)
                st = CAREALIGN_ENOMEM;
        }
        size_t counted = SIZE_MAX;
        for (size_t i = 0; st == CAREALIGN_OK && i < all->n; i++) {
            size_t o3 = push_index(c, i);
            const carealign__json *e = &all->items[i];
            if (e->type == CAREALIGN__JSON_OBJECT && carealign__json_get(e, "all") != NULL)
                st = verr(c, CAREALIGN_EINVAL, e->line, e->column,
                          "\"all\" cannot be nested (the vocabulary is flat on purpose)");
            else if (e->type == CAREALIGN__JSON_OBJECT &&
                     carealign__json_get(e, "description") != NULL)
                st = verr(c, CAREALIGN_EINVAL, e->line, e->column,
                          "put 'description' beside \"all\", not inside it");
            if (st == CAREALIGN_OK)
                st = read_atom(c, e, crit, m, &cr->atoms[i]);
            if (st == CAREALIGN_OK && atom_counts(&cr->atoms[i])) {
                if (counted != SIZE_MAX)
                    st = verr(c, CAREALIGN_EINVAL, e->line, e->column,
                              "counts something, as all[%zu] does; an \"all\" counts at most one "
                              "thing (give the others a threshold)",
                              counted);
                counted = i;
            }
            pop(c, o3);
        }
        if (st == CAREALIGN_OK)
            cr->n_atoms = all->n;
        pop(c, o2);
    } else if (st == CAREALIGN_OK) {
        cr->atoms = carealign__fw_alloc(c->fw, 1, sizeof(carealign__fw_atom));
        if (cr->atoms == NULL)
            st = CAREALIGN_ENOMEM;
        if (st == CAREALIGN_OK)
            st = read_atom(c, v, crit, m, cr->atoms);
        if (st == CAREALIGN_OK)
            cr->n_atoms = 1;
        if (st == CAREALIGN_OK && crit == CAREALIGN_CRIT_OBSERVATION) {
            const carealign__json *ag = carealign__json_get(v, "aggregate");
            if (ag == NULL)
                st = verr(c, CAREALIGN_EINVAL, v->line, v->column,
                          "missing 'aggregate' (mean, median or sum)");
            else
                st =
                    read_name(c, v, "aggregate", 1, carealign__fw_aggregates, &cr->aggregate, NULL);
        }
    }
    pop(c, old);
    return st;
}

static carealign_status read_populations(vctx *c, const carealign__json *mv,
                                         carealign__fw_measure *m)
{
    static const char *const allowed[] = {"initial_population",
                                          "denominator",
                                          "denominator_exclusion",
                                          "numerator",
                                          "numerator_exclusion",
                                          "measure_observation",
                                          NULL};
    const carealign__json *v = carealign__json_get(mv, "populations");
    if (v == NULL)
        return missing(c, mv, "populations");
    size_t old = push_field(c, "populations");
    carealign_status st = expect_object(c, v, allowed);
    /* What each scoring needs (1), allows (2) or forbids (0), by CAREALIGN_CRIT_*. */
    static const int rules[5][7] = {
        {0, 0, 0, 0, 0, 0, 0}, {0, 1, 1, 2, 1, 2, 0}, /* proportion */
        {0, 1, 1, 2, 1, 2, 0},                        /* ratio */
        {0, 1, 2, 2, 0, 0, 1},                        /* continuous-variable */
        {0, 1, 0, 0, 0, 0, 0},                        /* cohort */
    };
    const char *scoring = carealign__fw_name_of(carealign__fw_scorings, m->scoring);
    for (int32_t k = 1; st == CAREALIGN_OK && k <= 6; k++) {
        const char *name = carealign__fw_name_of(carealign__fw_criteria, k);
        const carealign__json_member *mem = carealign__json_find(v, name);
        int rule = rules[m->scoring][k];
        if (mem == NULL && rule == 1) {
            size_t o2 = push_field(c, name);
            st = verr(c, CAREALIGN_EINVAL, v->line, v->column, "missing: a %s measure needs it",
                      scoring);
            pop(c, o2);
        } else if (mem != NULL && rule == 0) {
            size_t o2 = push_field(c, name);
            st = verr(c, CAREALIGN_EINVAL, mem->line, mem->column, "a %s measure has no %s",
                      scoring, name);
            pop(c, o2);
        }
    }
    /* Read in dependency-free order: each criterion only needs the measure. */
    for (int32_t k = 1; st == CAREALIGN_OK && k <= 6; k++)
        st = read_criterion(c, v, k, m);
    pop(c, old);
    return st;
}

static carealign_status read_sourced_value(vctx *c, const carealign__json *mv, const char *name,
                                           double *value, carealign__fw_str *source, int positive,
                                           int *present)
{
    static const char *const allowed[] = {"value", "source", NULL};
    const carealign__json *v = carealign__json_get(mv, name);
    *present = v != NULL;
    if (v == NULL)
        return CAREALIGN_OK;
    size_t old = push_field(c, name);
    carealign_status st = expect_object(c, v, allowed);
    if (st == CAREALIGN_OK)
        st = read_member(c, v, "value", 1, NULL, rd_number, value, NULL);
    if (st == CAREALIGN_OK && positive && !(*value > 0)) {
        const carealign__json *x = carealign__json_get(v, "value");
        size_t o2 = push_field(c, "value");
        st = verr(c, CAREALIGN_EINVAL, x->line, x->column, "must be greater than 0");
        pop(c, o2);
    }
    if (st == CAREALIGN_OK)
        st = read_string(c, v, "source", 1, source);
    pop(c, old);
    return st;
}

/* "composite": {"thresholds": [t1, t2, t3], "source": "..."}: the rule that
 * scores the measure 1 (best) to 4 for an aim's composite, in the manner of
 * the NHS Oversight Framework 2025/26 (each metric scored 1..4, the scores
 * averaged). Cut points in the measure's unit, best first: strictly
 * decreasing for "increase" measures, strictly increasing for "decrease". */
static carealign_status read_composite(vctx *c, const carealign__json *mv, carealign__fw_measure *m)
{
    static const char *const allowed[] = {"thresholds", "source", NULL};
    const carealign__json *v = carealign__json_get(mv, "composite");
    if (v == NULL)
        return CAREALIGN_OK;
    size_t old = push_field(c, "composite");
    carealign_status st = expect_object(c, v, allowed);
    if (st == CAREALIGN_OK && m->scoring == CAREALIGN_SCORING_COHORT)
        st = verr(c, CAREALIGN_EINVAL, v->line, v->column,
                  "needs an improvement notation: a cohort has no better or worse");
    const carealign__json *t = st == CAREALIGN_OK ? carealign__json_get(v, "thresholds") : NULL;
    if (st == CAREALIGN_OK && t == NULL)
        st = verr(c, CAREALIGN_EINVAL, v->line, v->column,
                  "needs 'thresholds': three cut points, best first");
    if (st == CAREALIGN_OK) {
        size_t o2 = push_field(c, "thresholds");
        if (t->type != CAREALIGN__JSON_ARRAY || t->n != 3)
            st = verr(c, CAREALIGN_EINVAL, t->line, t->column,
                      "must be an array of three numbers (cut points for scores 1, 2 and 3)");
        for (size_t i = 0; st == CAREALIGN_OK && i < 3; i++)
            st = number_value(c, &t->items[i], &m->composite_cut[i]);
        int increase = m->improvement == CAREALIGN_IMPROVE_INCREASE;
        for (size_t i = 1; st == CAREALIGN_OK && i < 3; i++) {
            double a = m->composite_cut[i - 1], b = m->composite_cut[i];
            if (increase ? !(a > b) : !(a < b))
                st = verr(c, CAREALIGN_EINVAL, t->items[i].line, t->items[i].column,
                          increase ? "must decrease: best first, and higher is better here"
                                   : "must increase: best first, and lower is better here");
        }
        pop(c, o2);
    }
    if (st == CAREALIGN_OK)
        st = read_string(c, v, "source", 1, &m->composite_source);
    if (st == CAREALIGN_OK)
        m->has_composite = 1;
    pop(c, old);
    return st;
}

static carealign_status read_pairing(vctx *c, const carealign__json *mv, carealign__fw_measure *m)
{
    static const char *const allowed[] = {"baseline", "follow_up", "window_days", "organisation",
                                          NULL};
    const carealign__json *v = carealign__json_get(mv, "pairing");
    if (v == NULL)
        return CAREALIGN_OK;
    size_t old = push_field(c, "pairing");
    carealign_status st = expect_object(c, v, allowed);
    if (st == CAREALIGN_OK && m->instrument.len == 0)
        st = verr(c, CAREALIGN_EINVAL, v->line, v->column,
                  "pairs questionnaire responses, but the measure names no instrument");
    if (st == CAREALIGN_OK)
        st = read_name(c, v, "baseline", 1, carealign__fw_pair_baselines, &m->pairing_baseline,
                       NULL);
    if (st == CAREALIGN_OK)
        st = read_name(c, v, "follow_up", 1, carealign__fw_pair_follow_ups, &m->pairing_follow_up,
                       NULL);
    if (st == CAREALIGN_OK)
        st = read_name(c, v, "organisation", 1, carealign__fw_pair_orgs, &m->pairing_organisation,
                       NULL);
    const carealign__json *w = st == CAREALIGN_OK ? carealign__json_get(v, "window_days") : NULL;
    if (st == CAREALIGN_OK && w == NULL)
        st = missing(c, v, "window_days");
    if (st == CAREALIGN_OK) {
        size_t o2 = push_field(c, "window_days");
        int64_t lo = 0, hi = 0;
        if (w->type != CAREALIGN__JSON_ARRAY || w->n != 2)
            st = verr(c, CAREALIGN_EINVAL, w->line, w->column,
                      "must be [min, max] days after the baseline");
        if (st == CAREALIGN_OK)
            st = int_value(c, &w->items[0], 1, 3650, &lo);
        if (st == CAREALIGN_OK)
            st = int_value(c, &w->items[1], 1, 3650, &hi);
        if (st == CAREALIGN_OK && hi < lo)
            st = verr(c, CAREALIGN_EINVAL, w->line, w->column, "max is below min");
        m->pairing_min_days = (int32_t)lo;
        m->pairing_max_days = (int32_t)hi;
        pop(c, o2);
    }
    if (st == CAREALIGN_OK)
        m->flags |= CAREALIGN_MEASURE_HAS_PAIRING;
    pop(c, old);
    return st;
}

static int has_deprivation_stratum(const carealign_framework *fw)
{
    for (size_t i = 0; i < fw->n_strata; i++)
        if (fw->strata[i].kind == CAREALIGN_STRATUM_DEPRIVATION)
            return 1;
    return 0;
}

/* "weighted": true (docs/framework.md): survey weights apply. Only a
 * proportion, or a continuous-variable measure whose observation is a score
 * averaged (mean), on a questionnaire other than the Friends and Family
 * Test (anonymous aggregate counts carry no weights). */
static carealign_status read_weighted(vctx *c, const carealign__json *mv, carealign__fw_measure *m)
{
    int flag = 0, present = 0;
    carealign_status st = read_member(c, mv, "weighted", 0, &present, rd_bool, &flag, NULL);
    if (st != CAREALIGN_OK || !flag)
        return st;
    const char *why = NULL;
    const carealign__fw_criterion *obs = &m->criteria[CAREALIGN_CRIT_OBSERVATION];
    if (m->instrument.len == 0)
        why = "needs an instrument: survey weights come with responses";
    else if (str_eq(&m->instrument, "fft", 3))
        why = "must be false for the Friends and Family Test (aggregate counts, no weights)";
    else if (m->scoring != CAREALIGN_SCORING_PROPORTION &&
             m->scoring != CAREALIGN_SCORING_CONTINUOUS)
        why = "applies to proportion and continuous-variable measures only";
    else if (m->scoring == CAREALIGN_SCORING_CONTINUOUS &&
             (obs->n_atoms != 1 || obs->atoms[0].kind != CAREALIGN_ATOM_SCORE ||
              (obs->aggregate != CAREALIGN_AGG_MEAN && obs->aggregate != 0)))
        why = "a continuous-variable measure is weighted only as the mean of a score";
    if (why != NULL) {
        const carealign__json *wv = carealign__json_get(mv, "weighted");
        size_t o2 = push_field(c, "weighted");
        st = verr(c, CAREALIGN_EINVAL, wv->line, wv->column, "%s", why);
        pop(c, o2);
        return st;
    }
    m->flags |= CAREALIGN_MEASURE_WEIGHTED;
    return CAREALIGN_OK;
}

static carealign_status read_measure(vctx *c, const carealign__json *mv, carealign__fw_measure *m,
                                     size_t index)
{
    static const char *const allowed[] = {"id",
                                          "version",
                                          "title",
                                          "description",
                                          "aim",
                                          "scoring",
                                          "official_ref",
                                          "local",
                                          "citation",
                                          "url",
                                          "populations",
                                          "improvement_notation",
                                          "target",
                                          "minimal_important_difference",
                                          "unit",
                                          "per",
                                          "standard_population",
                                          "instrument",
                                          "pairing",
                                          "journey",
                                          "spc_history",
                                          "spc_min_points",
                                          "comparable",
                                          "inequality",
                                          "composite",
                                          "weighted",
                                          NULL};
    c->in_measure = 1;
    snprintf(c->measure_label, sizeof c->measure_label, "#%zu", index + 1);
    m->json = mv;
    m->id = m->version = m->title = m->description = m->official_ref = m->local = empty_str;
    m->citation = m->url = m->unit = m->mid_source = m->target_source = empty_str;
    m->composite_source = empty_str;
    m->target = m->mid = NAN;
    m->per = 1;
    m->spc_min_points = 15;
    if (mv->type != CAREALIGN__JSON_OBJECT)
        return wrong_type(c, mv, "an object");
    carealign_status st = read_member(c, mv, "id", 1, NULL, rd_id, &m->id, NULL);
    if (st != CAREALIGN_OK)
        return st;
    shown(m->id.p, m->id.len, c->measure_label, sizeof c->measure_label);
    st = expect_object(c, mv, allowed);
    if (st == CAREALIGN_OK)
        st = read_string(c, mv, "version", 1, &m->version);
    if (st == CAREALIGN_OK)
        st = read_string(c, mv, "title", 1, &m->title);
    if (st == CAREALIGN_OK)
        st = read_string(c, mv, "description", 0, &m->description);
    if (st == CAREALIGN_OK)
        st = read_name(c, mv, "aim", 1, carealign__fw_aims, &m->aim, NULL);
    if (st == CAREALIGN_OK)
        st = read_name(c, mv, "scoring", 1, carealign__fw_scorings, &m->scoring, NULL);
    int has_official = 0, has_local = 0;
    if (st == CAREALIGN_OK)
        st =
            read_member(c, mv, "official_ref", 0, &has_official, rd_string, &m->official_ref, NULL);
    if (st == CAREALIGN_OK)
        st = read_member(c, mv, "local", 0, &has_local, rd_string, &m->local, NULL);
    if (st == CAREALIGN_OK && has_official == has_local)
        st =
            verr(c, CAREALIGN_EINVAL, mv->line, mv->column,
                 has_local ? "has both 'official_ref' and 'local'; a definition is one or the other"
                           : "must say where its definition comes from: 'official_ref' (e.g. "
                             "\"ASCOF 2D 2024/25\") or 'local'");
    if (has_local)
        m->flags |= CAREALIGN_MEASURE_LOCAL;
    if (st == CAREALIGN_OK)
        st = read_string(c, mv, "citation", 1, &m->citation);
    if (st == CAREALIGN_OK)
        st = read_string(c, mv, "url", 0, &m->url);
    if (st == CAREALIGN_OK)
        st = read_string(c, mv, "unit", 1, &m->unit);
    int present = 0;
    if (st == CAREALIGN_OK)
        st = read_name(c, mv, "improvement_notation", m->scoring != CAREALIGN_SCORING_COHORT,
                       carealign__fw_improvements, &m->improvement, &present);
    if (st == CAREALIGN_OK)
        st = read_sourced_value(c, mv, "target", &m->target, &m->target_source, 0, &present);
    if (present)
        m->flags |= CAREALIGN_MEASURE_HAS_TARGET;
    if (st == CAREALIGN_OK)
        st = read_sourced_value(c, mv, "minimal_important_difference", &m->mid, &m->mid_source, 1,
                                &present);
    if (present)
        m->flags |= CAREALIGN_MEASURE_HAS_MID;
    if (st == CAREALIGN_OK)
        st = read_member(c, mv, "per", m->scoring == CAREALIGN_SCORING_RATIO, &present, rd_number,
                         &m->per, NULL);
    if (st == CAREALIGN_OK && present) {
        m->flags |= CAREALIGN_MEASURE_HAS_PER;
        if (!(m->per > 0)) {
            const carealign__json *pv = carealign__json_get(mv, "per");
            size_t o2 = push_field(c, "per");
            st = verr(c, CAREALIGN_EINVAL, pv->line, pv->column, "must be greater than 0");
            pop(c, o2);
        }
    }
    if (st == CAREALIGN_OK)
        st = read_name(c, mv, "standard_population", 0, carealign__fw_stdpops,
                       &m->standard_population, &present);
    if (st == CAREALIGN_OK && m->standard_population != CAREALIGN_STDPOP_NONE &&
        m->scoring != CAREALIGN_SCORING_RATIO) {
        const carealign__json *sv = carealign__json_get(mv, "standard_population");
        size_t o2 = push_field(c, "standard_population");
        st = verr(c, CAREALIGN_EINVAL, sv->line, sv->column,
                  "direct standardisation applies to ratio (rate) measures only");
        pop(c, o2);
    }
    int flag = 0;
    if (st == CAREALIGN_OK)
        st = read_member(c, mv, "spc_history", 1, NULL, rd_bool, &flag, NULL);
    if (flag)
        m->flags |= CAREALIGN_MEASURE_SPC_HISTORY;
    int64_t points = 15;
    if (st == CAREALIGN_OK)
        st = read_int(c, mv, "spc_min_points", 0, 2, 1000, &points, NULL);
    m->spc_min_points = (int32_t)points;
    flag = 0;
    if (st == CAREALIGN_OK)
        st = read_member(c, mv, "comparable", 1, NULL, rd_bool, &flag, NULL);
    if (flag)
        m->flags |= CAREALIGN_MEASURE_COMPARABLE;
    flag = 0;
    if (st == CAREALIGN_OK)
        st = read_member(c, mv, "inequality", 0, &present, rd_bool, &flag, NULL);
    if (flag) {
        m->flags |= CAREALIGN_MEASURE_SII;
        if (st == CAREALIGN_OK && !has_deprivation_stratum(c->fw)) {
            const carealign__json *iv = carealign__json_get(mv, "inequality");
            size_t o2 = push_field(c, "inequality");
            st = verr(c, CAREALIGN_EINVAL, iv->line, iv->column,
                      "needs a deprivation stratum in the framework's strata");
            pop(c, o2);
        }
    }
    if (st == CAREALIGN_OK)
        st = read_instrument(c, mv, m);
    if (st == CAREALIGN_OK && (m->flags & CAREALIGN_MEASURE_COMPARABLE) &&
        str_eq(&m->instrument, "fft", 3)) {
        const carealign__json *cv = carealign__json_get(mv, "comparable");
        size_t o2 = push_field(c, "comparable");
        st = verr(c, CAREALIGN_EINVAL, cv->line, cv->column,
                  "must be false: Friends and Family Test results are not for comparing "
                  "organisations (NHS England's FFT guidance)");
        pop(c, o2);
    }
    if (st == CAREALIGN_OK)
        st = read_composite(c, mv, m);
    if (st == CAREALIGN_OK)
        st = read_pairing(c, mv, m);
    if (st == CAREALIGN_OK)
        st = read_params(c, mv, m);
    if (st == CAREALIGN_OK)
        st = read_populations(c, mv, m);
    if (st == CAREALIGN_OK)
        st = read_weighted(c, mv, m);
    if (st == CAREALIGN_OK && m->standard_population == CAREALIGN_STDPOP_ESP2013) {
        const carealign__fw_criterion *den = &m->criteria[CAREALIGN_CRIT_DENOMINATOR];
        int base = 0;
        for (size_t i = 0; i < den->n_atoms; i++)
            base |= den->atoms[i].kind == CAREALIGN_ATOM_POPULATION;
        if (!base) {
            const carealign__json *sv = carealign__json_get(mv, "standard_population");
            size_t o2 = push_field(c, "standard_population");
            st = verr(c, CAREALIGN_EINVAL, sv->line, sv->column,
                      "standardising needs the population base as the denominator");
            pop(c, o2);
        }
    }
    if (st == CAREALIGN_OK)
        c->in_measure = 0;
    return st;
}

static carealign_status read_measures(vctx *c, const carealign__json *root)
{
    const carealign__json *v = carealign__json_get(root, "measures");
    if (v == NULL)
        return missing(c, root, "measures");
    size_t old = push_field(c, "measures");
    carealign_status st = CAREALIGN_OK;
    if (v->type != CAREALIGN__JSON_ARRAY)
        st = wrong_type(c, v, "an array");
    else if (v->n == 0)
        st = verr(c, CAREALIGN_EINVAL, v->line, v->column, "must have at least one measure");
    else if (v->n > 10000)
        st = verr(c, CAREALIGN_EINVAL, v->line, v->column, "has more than 10000 measures");
    pop(c, old);
    if (st != CAREALIGN_OK)
        return st;
    c->fw->measures = carealign__fw_alloc(c->fw, v->n, sizeof(carealign__fw_measure));
    if (c->fw->measures == NULL)
        return CAREALIGN_ENOMEM;
    for (size_t i = 0; i < v->n; i++) {
        char saved[256];
        size_t saved_len = c->path_len;
        memcpy(saved, c->path, c->path_len + 1);
        pop(c, 0); /* inside a measure, paths are relative to it */
        st = read_measure(c, &v->items[i], &c->fw->measures[i], i);
        if (st != CAREALIGN_OK)
            return st;
        memcpy(c->path, saved, saved_len + 1);
        c->path_len = saved_len;
        carealign__fw_measure *m = &c->fw->measures[i];
        for (size_t j = 0; j < i; j++)
            if (str_eq(&c->fw->measures[j].id, m->id.p, m->id.len)) {
                const carealign__json *idv = carealign__json_get(&v->items[i], "id");
                c->in_measure = 1;
                size_t o2 = push_field(c, "id");
                st = verr(c, CAREALIGN_EINVAL, idv->line, idv->column,
                          "repeats the id of measure %zu (ids are unique)", j + 1);
                pop(c, o2);
                return st;
            }
    }
    c->fw->n_measures = v->n;
    return CAREALIGN_OK;
}

/* ---- whole document --------------------------------------------------------------- */

carealign_status carealign__fw_build(carealign_framework *fw, const char *source)
{
    static const char *const allowed[] = {"$schema",
                                          "format",
                                          "id",
                                          "version",
                                          "title",
                                          "description",
                                          "effective_period",
                                          "reporting_period",
                                          "interval",
                                          "population_base",
                                          "strata",
                                          "crosses",
                                          "code_sets",
                                          "unit_costs",
                                          "cost_effectiveness",
                                          "disclosure",
                                          "measures",
                                          NULL};
    vctx c;
    memset(&c, 0, sizeof c);
    c.fw = fw;
    c.source = source;
    const carealign__json *root = carealign__json_root(fw->doc);
    fw->id = fw->version = fw->title = fw->description = empty_str;
    fw->price_year = fw->cost_source = fw->ce_source = fw->disclosure_source = empty_str;
    if (root->type != CAREALIGN__JSON_OBJECT)
        return wrong_type(&c, root, "an object (a framework)");
    /* The format first: a newer file is unsupported, not full of unknown fields. */
    const carealign__json *fmt = carealign__json_get(root, "format");
    if (fmt == NULL)
        return missing(&c, root, "format");
    size_t old = push_field(&c, "format");
    static const char expected[] = CAREALIGN_FRAMEWORK_FORMAT;
    carealign_status st = CAREALIGN_OK;
    if (fmt->type != CAREALIGN__JSON_STRING)
        st = wrong_type(&c, fmt, "the string \"" CAREALIGN_FRAMEWORK_FORMAT "\"");
    else if (fmt->len != sizeof expected - 1 || memcmp(fmt->text, expected, fmt->len) != 0) {
        char got[80];
        int ours = fmt->len > 20 && memcmp(fmt->text, "carealign-framework/", 20) == 0;
        st = verr(&c, ours ? CAREALIGN_EUNSUPPORTED : CAREALIGN_EINVAL, fmt->line, fmt->column,
                  "'%s' is not a format this library reads (it reads %s)",
                  shown(fmt->text, fmt->len, got, sizeof got), expected);
    }
    pop(&c, old);
    if (st == CAREALIGN_OK)
        st = expect_object(&c, root, allowed);
    if (st == CAREALIGN_OK)
        st = read_string(&c, root, "$schema", 0, &(carealign__fw_str){NULL, 0});
    if (st == CAREALIGN_OK)
        st = read_member(&c, root, "id", 1, NULL, rd_id, &fw->id, NULL);
    if (st == CAREALIGN_OK)
        st = read_string(&c, root, "version", 1, &fw->version);
    if (st == CAREALIGN_OK)
        st = read_string(&c, root, "title", 1, &fw->title);
    if (st == CAREALIGN_OK)
        st = read_string(&c, root, "description", 0, &fw->description);
    const carealign__json *where = NULL;
    if (st == CAREALIGN_OK)
        st = read_period(&c, root, "effective_period", &fw->effective_start, &fw->effective_end,
                         &where);
    if (st == CAREALIGN_OK)
        st = read_name(&c, root, "interval", 1, carealign__fw_intervals, &fw->interval, NULL);
    if (st == CAREALIGN_OK)
        st = read_period(&c, root, "reporting_period", &fw->period_start, &fw->period_end, &where);
    if (st == CAREALIGN_OK)
        st = build_periods(&c, where);
    if (st == CAREALIGN_OK)
        st = read_population_base(&c, root);
    if (st == CAREALIGN_OK)
        st = read_strata(&c, root);
    if (st == CAREALIGN_OK)
        st = read_crosses(&c, root);
    if (st == CAREALIGN_OK)
        st = read_code_sets(&c, root);
    if (st == CAREALIGN_OK)
        st = read_unit_costs(&c, root);
    if (st == CAREALIGN_OK)
        st = read_rules(&c, root);
    if (st == CAREALIGN_OK)
        st = read_measures(&c, root);
    if (st == CAREALIGN_OK) {
        /* Value sets: the instrument ones in order of first use, then code sets. */
        size_t n = c.n_instrument_sets + c.n_code_sets;
        fw->valuesets = carealign__fw_alloc(fw, n, sizeof(carealign__fw_valueset));
        if (fw->valuesets == NULL) {
            st = CAREALIGN_ENOMEM;
        } else {
            if (c.n_instrument_sets > 0)
                memcpy(fw->valuesets, c.instrument_sets,
                       c.n_instrument_sets * sizeof *fw->valuesets);
            if (c.n_code_sets > 0)
                memcpy(fw->valuesets + c.n_instrument_sets, c.code_sets,
                       c.n_code_sets * sizeof *fw->valuesets);
            fw->n_valuesets = n;
            for (size_t i = 0; i < fw->n_measures; i++)
                for (size_t k = 0; k < fw->measures[i].n_params; k++)
                    if (fw->measures[i].params[k].valueset >= 0)
                        fw->measures[i].params[k].valueset += (int32_t)c.n_instrument_sets;
        }
    }
    carealign__free(c.instrument_sets);
    return st;
}

/* The journey builder: one person's contacts -> continuity, hand-offs,
 * discharge follow-up, readmission, reablement, discharge delay, duplicate
 * assessments and totals. Every window and filter comes from the options;
 * the definitions are in docs/journey.md. */
#include <math.h>
#include <string.h>

#include "core/bits.h"
#include "core/internal.h"
#include "journey/figures.h"
#include "journey/internal.h"
#include "journey/sort.h"

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define CAREALIGN__SSE2 1
#else
#define CAREALIGN__SSE2 0
#endif

#define MIN_CONTACT 80u
#define MIN_PERSON 56u
#define MIN_OPTIONS 192u
#define MIN_RESULT 272u
#define MIN_DISCHARGE 48u
#define MIN_CONTACT_COLUMNS 136u
#define MIN_PERSON_COLUMNS 96u

/* ---- init functions ------------------------------------------------------ */

carealign_status carealign_contact_init(carealign_contact *contact, size_t size)
{
    return carealign__init_struct(contact, size, MIN_CONTACT, "carealign_contact");
}

carealign_status carealign_person_init(carealign_person *person, size_t size)
{
    return carealign__init_struct(person, size, MIN_PERSON, "carealign_person");
}

carealign_status carealign_journey_options_init(carealign_journey_options *options, size_t size)
{
    return carealign__init_struct(options, size, MIN_OPTIONS, "carealign_journey_options");
}

carealign_status carealign_journey_result_init(carealign_journey_result *result, size_t size)
{
    return carealign__init_struct(result, size, MIN_RESULT, "carealign_journey_result");
}

carealign_status carealign_discharge_init(carealign_discharge *discharge, size_t size)
{
    return carealign__init_struct(discharge, size, MIN_DISCHARGE, "carealign_discharge");
}

carealign_status carealign_contact_columns_init(carealign_contact_columns *columns, size_t size)
{
    return carealign__init_struct(columns, size, MIN_CONTACT_COLUMNS, "carealign_contact_columns");
}

carealign_status carealign_person_columns_init(carealign_person_columns *columns, size_t size)
{
    return carealign__init_struct(columns, size, MIN_PERSON_COLUMNS, "carealign_person_columns");
}

void carealign__journey_put(void *dst, size_t size, const void *src, size_t known)
{
    size_t n = size < known ? size : known;
    memcpy(dst, src, n);
    if (size > known)
        memset((unsigned char *)dst + known, 0, size - known);
    memcpy(dst, &size, sizeof size);
}

static int is_stay_type(int32_t t)
{
    return t == CAREALIGN_CONTACT_ADMISSION || t == CAREALIGN_CONTACT_EMERGENCY_ADMISSION;
}

/* A contact a stay is built from: an admission or a discharge (the
 * builder's n_stayc counts them). */
static int is_stay_contact(int32_t t)
{
    return is_stay_type(t) || t == CAREALIGN_CONTACT_DISCHARGE;
}

/* ---- builder lifecycle --------------------------------------------------- */

static void forget_person(carealign_journey *j)
{
    j->n = 0;
    j->n_prof = 0;
    j->n_stayc = 0;
    j->sorted = 1;
    j->soa = 0;
    j->aos_stale = 0;
    j->tbits_valid = 0;
    j->g_valid = 0;
    j->prep = NULL;
    j->n_rejected = 0;
    j->person = -1;
    j->has_birth = 0;
    j->birth_day = 0;
    j->death_day = CAREALIGN__NO_DAY;
    j->person_flags = 0;
    j->n_stays = 0;
    j->n_dis = 0;
}

carealign_status carealign_journey_new(carealign_journey **out)
{
    if (out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_journey_new: out is NULL");
    carealign_journey *j = carealign__calloc(1, sizeof *j);
    if (j == NULL)
        return CAREALIGN_ENOMEM;
    forget_person(j);
    *out = j;
    return CAREALIGN_OK;
}

void carealign_journey_free(carealign_journey *j)
{
    if (j == NULL)
        return;
    carealign__free(j->c);
    carealign__free(j->c_tmp);
    carealign__free(j->keys);
    carealign__free(j->keys_tmp);
    carealign__free(j->seq);
    carealign__free(j->seq_tmp);
    carealign__free(j->ids);
    carealign__free(j->ids_tmp);
    carealign__free(j->stays);
    carealign__free(j->stays_tmp);
    carealign__free(j->used);
    carealign__free(j->sidx);
    carealign__free(j->spans);
    carealign__free(j->spans_tmp);
    carealign__free(j->dis);
    carealign__free(j->k_block);
    carealign__free(j->fig_block);
    carealign__free(j->fig_pb);
    carealign__free(j->fig_bed);
    for (int i = 0; i < CAREALIGN__JB_SLOTS; i++)
        carealign__free(j->jb[i]);
    carealign__free(j);
}

void carealign_journey_reset(carealign_journey *j)
{
    if (j != NULL)
        forget_person(j);
}

carealign_status carealign__journey_birth(carealign_journey *j, int32_t year, int32_t month)
{
    int32_t day;
    if (year < 1 || year > 9999 || month < 1 || month > 12 ||
        carealign_date_from_ymd(year, month, 1, &day) != CAREALIGN_OK)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_person: birth_year %d or "
                                "birth_month %d out of range",
                                (int)year, (int)month);
    j->has_birth = 1;
    j->birth_day = day;
    return CAREALIGN_OK;
}

carealign_status carealign__journey_person(const carealign_person *person, carealign__jperson *out)
{
    carealign_person p;
    carealign_person_init(&p, sizeof p);
    carealign_status s =
        carealign__read_struct(&p, sizeof p, person, MIN_PERSON, "carealign_person");
    if (s != CAREALIGN_OK)
        return s;
    int32_t birth = 0, has_birth = 0;
    if (p.has & CAREALIGN_PERSON_HAS_BIRTH) {
        if (p.birth_year < 1 || p.birth_year > 9999 || p.birth_month < 1 || p.birth_month > 12 ||
            carealign_date_from_ymd(p.birth_year, p.birth_month, 1, &birth) != CAREALIGN_OK)
            return carealign__error(CAREALIGN_EINVAL, "carealign_person: birth_year or "
                                                      "birth_month out of range");
        has_birth = 1;
    }
    out->person = p.person;
    out->has_birth = has_birth;
    out->birth_day = birth;
    out->death_day = (p.has & CAREALIGN_PERSON_HAS_DEATH) ? p.death_day : CAREALIGN__NO_DAY;
    out->flags = p.flags;
    return CAREALIGN_OK;
}

void carealign__journey_put_person(carealign_journey *j, const carealign__jperson *p)
{
    j->person = p->person;
    j->has_birth = p->has_birth;
    j->birth_day = p->birth_day;
    j->death_day = p->death_day;
    j->person_flags = p->flags;
    j->prep = NULL;
}

carealign_status carealign_journey_set_person(carealign_journey *j, const carealign_person *person)
{
    if (j == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_journey_set_person: journey is NULL");
    carealign__jperson p = {0};
    carealign_status s = carealign__journey_person(person, &p);
    if (s == CAREALIGN_OK)
        carealign__journey_put_person(j, &p);
    return s;
}

/* ---- contacts ------------------------------------------------------------ */

carealign_status carealign__journey_convert(const carealign_contact *c, carealign__jc *out)
{
    memset(out, 0, sizeof *out);
    if (c->type < 1 || c->type >= CAREALIGN_CONTACT_TYPE_END)
        return carealign__error(CAREALIGN_EINVAL, "carealign_contact.type %d is not a contact type",
                                (int)c->type);
    if (c->org < 0)
        return carealign__error(CAREALIGN_EINVAL, "carealign_contact.org is negative");
    if (c->sector < 0 || c->sector > 31)
        return carealign__error(CAREALIGN_EINVAL, "carealign_contact.sector %d is outside 0..31",
                                (int)c->sector);
    if (c->start_day == INT32_MIN)
        return carealign__error(CAREALIGN_EINVAL, "carealign_contact.start_day is missing");
    if ((c->has & CAREALIGN_CONTACT_HAS_END) && c->end_day < c->start_day)
        return carealign__error(CAREALIGN_EINVAL, "carealign_contact.end_day is before start_day");
    if ((c->has & CAREALIGN_CONTACT_HAS_START_MINUTE) &&
        (c->start_minute < 0 || c->start_minute > 1439))
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_contact.start_minute is outside 0..1439");
    if ((c->has & CAREALIGN_CONTACT_HAS_PROFESSIONAL) && c->professional < 0)
        return carealign__error(CAREALIGN_EINVAL, "carealign_contact.professional is negative");
    if (c->staff_minutes < 0)
        return carealign__error(CAREALIGN_EINVAL, "carealign_contact.staff_minutes is negative");
    if ((c->has & CAREALIGN_CONTACT_HAS_ACTIVITY) && c->activity < 0)
        return carealign__error(CAREALIGN_EINVAL, "carealign_contact.activity is negative");
    if ((c->has & CAREALIGN_CONTACT_HAS_COST) && c->cost_pence < 0)
        return carealign__error(CAREALIGN_EINVAL, "carealign_contact.cost_pence is negative");
    carealign__journey_fill(c, out);
    return CAREALIGN_OK;
}

int carealign__journey_grow_array(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 1;
    size_t cap2 = *cap ? *cap : 16;
    while (cap2 < need)
        cap2 *= 2;
    void *q = carealign__realloc_array(*p, cap2, elem);
    if (q == NULL)
        return 0;
    *p = q;
    *cap = cap2;
    return 1;
}

carealign_status carealign__journey_grow(carealign_journey *j, size_t need)
{
    return carealign__journey_grow_array((void **)&j->c, &j->cap, need, sizeof *j->c)
               ? CAREALIGN_OK
               : CAREALIGN_ENOMEM;
}

/* ---- the columns --------------------------------------------------------- */

/* Bytes a contact takes in the columns: two int64 and thirteen 32-bit. */
#define COL_BYTES (2 * sizeof(int64_t) + 13 * sizeof(int32_t))

/* Room for `need` contacts in the columns; what they held is lost. */
static int grow_cols(carealign_journey *j, size_t need)
{
    if (need <= j->k_cap)
        return 1;
    size_t cap = j->k_cap ? j->k_cap : 16;
    while (cap < need)
        cap *= 2;
    if (cap > SIZE_MAX / COL_BYTES)
        return 0;
    void *b = carealign__malloc(cap * COL_BYTES);
    if (b == NULL)
        return 0;
    carealign__free(j->k_block);
    j->k_block = b;
    j->k_cap = cap;
    carealign__jcols *k = &j->k_all;
    k->activity = b;
    k->cost = k->activity + cap;
    int32_t *w = (int32_t *)(void *)(k->cost + cap);
    int32_t **col32[12] = {&k->start, &k->end,     &k->minute, &k->org,  &k->prof,  &k->sector,
                           &k->type,  &k->subtype, &k->method, &k->dest, &k->ready, &k->staff};
    for (int i = 0; i < 12; i++) {
        *col32[i] = w;
        w += cap;
    }
    k->has = (uint32_t *)(void *)w;
    j->k = *k;
    j->k_plain = 0;
    return 1;
}

/* Value i of a column that may be NULL (all dflt). */
static int32_t col_at(const int32_t *col, size_t i, int32_t dflt)
{
    return col != NULL ? col[i] : dflt;
}

/* Contact i of the columns, every byte as carealign__journey_convert sets it. */
static void cols_get(const carealign__jcols *k, size_t i, carealign__jc *c)
{
    memset(c, 0, sizeof *c);
    c->start = k->start[i];
    c->end = col_at(k->end, i, c->start);
    c->minute = col_at(k->minute, i, -1);
    c->org = k->org[i];
    c->prof = col_at(k->prof, i, -1);
    c->sector = k->sector[i];
    c->type = k->type[i];
    c->subtype = col_at(k->subtype, i, INT32_MIN);
    c->method = col_at(k->method, i, INT32_MIN);
    c->dest = col_at(k->dest, i, INT32_MIN);
    c->ready = col_at(k->ready, i, INT32_MIN);
    c->staff_minutes = col_at(k->staff, i, 0);
    c->has = k->has[i];
    c->activity = k->activity != NULL ? k->activity[i] : 1;
    c->cost = k->cost != NULL ? k->cost[i] : INT64_MIN;
}

/* The source of column row i: c[idx[i]] (idx NULL: c[order[i] & mask];
 * both NULL: c[i]). */
#define CAREALIGN__SRC(i)                                                                          \
    (&c[idx != NULL ? (size_t)idx[(i)] : order != NULL ? (size_t)(order[(i)] & mask) : (i)])

/* The n contacts c[idx[i]] (idx NULL: c[order[i] & mask]; both NULL: c[i];
 * idx is a constant NULL or not where it is called) into rows at ..
 * at + n - 1 of the columns (a NULL column: every contact has its
 * default): column by column (the columns every contact has in one pass,
 * then each optional one that is not NULL), the column pointers read
 * once. */
static inline void cols_put_from(const carealign__jcols *k, size_t at, const carealign__jc *c,
                                 size_t n, const uint64_t *order, uint64_t mask,
                                 const uint32_t *idx)
{
    if (n == 0) /* the columns may not be made (NULL) */
        return;
    int32_t *const start = k->start + at, *const org = k->org + at, *const sector = k->sector + at,
                   *const type = k->type + at;
    uint32_t *const has = k->has + at;
    for (size_t i = 0; i < n; i++) {
        const carealign__jc *x = CAREALIGN__SRC(i);
        start[i] = x->start;
        org[i] = x->org;
        sector[i] = x->sector;
        type[i] = x->type;
        has[i] = x->has;
    }
#define CAREALIGN__COL(col, field)                                                                 \
    if ((col) != NULL) {                                                                           \
        for (size_t i = 0; i < n; i++)                                                             \
            (col)[at + i] = CAREALIGN__SRC(i)->field;                                              \
    }
    CAREALIGN__COL(k->end, end);
    CAREALIGN__COL(k->minute, minute);
    CAREALIGN__COL(k->prof, prof);
    CAREALIGN__COL(k->subtype, subtype);
    CAREALIGN__COL(k->method, method);
    CAREALIGN__COL(k->dest, dest);
    CAREALIGN__COL(k->ready, ready);
    CAREALIGN__COL(k->staff, staff_minutes);
    CAREALIGN__COL(k->activity, activity);
    CAREALIGN__COL(k->cost, cost);
#undef CAREALIGN__COL
}
#undef CAREALIGN__SRC

/* cols_put_from without idx: c[order[i] & mask] (order NULL: c[i]). */
static void cols_put(const carealign__jcols *k, size_t at, const carealign__jc *c, size_t n,
                     const uint64_t *order, uint64_t mask)
{
    cols_put_from(k, at, c, n, order, mask, NULL);
}

/* j->k: every column of the allocation but those no contact has a value
 * for (has: the contacts' has bits ORed; staff: their staff time ORed). */
static void cols_of(carealign_journey *j, uint32_t has, int32_t staff)
{
    carealign__jcols *k = &j->k;
    *k = j->k_all;
    j->k_plain = 0;
    if (!(has & CAREALIGN_CONTACT_HAS_END))
        k->end = NULL;
    if (!(has & CAREALIGN_CONTACT_HAS_START_MINUTE))
        k->minute = NULL;
    if (!(has & CAREALIGN_CONTACT_HAS_PROFESSIONAL))
        k->prof = NULL;
    if (!(has & CAREALIGN_CONTACT_HAS_SUBTYPE))
        k->subtype = NULL;
    if (!(has & CAREALIGN_CONTACT_HAS_ADMISSION_METHOD))
        k->method = NULL;
    if (!(has & CAREALIGN_CONTACT_HAS_DESTINATION))
        k->dest = NULL;
    if (!(has & CAREALIGN_CONTACT_HAS_READY_DAY))
        k->ready = NULL;
    if (!(has & CAREALIGN_CONTACT_HAS_ACTIVITY))
        k->activity = NULL;
    if (!(has & CAREALIGN_CONTACT_HAS_COST))
        k->cost = NULL;
    if (staff == 0) /* staff time is never negative */
        k->staff = NULL;
}

/* The n contacts of c into the columns in content order: c[order[i] &
 * mask] is the i-th (order NULL: c[i]); a column no contact has a value
 * for (no has bit, or no staff time) stays NULL. */
static carealign_status to_cols(carealign_journey *j, const uint64_t *order, uint64_t mask)
{
    if (!grow_cols(j, j->n))
        return CAREALIGN_ENOMEM;
    uint32_t has = 0;
    int32_t staff = 0;
    for (size_t i = 0; i < j->n; i++) {
        has |= j->c[i].has;
        staff |= j->c[i].staff_minutes;
    }
    cols_of(j, has, staff);
    cols_put(&j->k, 0, j->c, j->n, order, mask);
    return CAREALIGN_OK;
}

carealign_status carealign__journey_edit(carealign_journey *j)
{
    if (j->aos_stale) {
        if (!carealign__journey_grow_array((void **)&j->c, &j->cap, j->n, sizeof *j->c))
            return CAREALIGN_ENOMEM;
        for (size_t i = 0; i < j->n; i++)
            cols_get(&j->k, i, &j->c[i]);
        j->aos_stale = 0;
    }
    j->soa = 0;
    j->tbits_valid = 0;
    j->g_valid = 0;
    j->prep = NULL;
    return CAREALIGN_OK;
}

/* Append contact c, the array having room for it. */
static inline void push_one(carealign_journey *j, const carealign__jc *c)
{
    j->c[j->n++] = *c;
    if (c->prof >= 0)
        j->n_prof++;
    if (is_stay_contact(c->type))
        j->n_stayc++;
}

static int jc_less(const carealign__jc *x, const carealign__jc *y);

/* push_some's usual case, a builder without contacts: c[idx[0]] ..
 * c[idx[n - 1]] straight into the columns when they are in content order
 * (jc_less) already, as to_cols would put them after the sort, c left
 * stale (as after a gather); the types present noted as push_some does.
 * in_order: the caller vouches for the order (not checked). 0 (nothing
 * changed) when they are not in order or the columns cannot grow:
 * push_some's copy then. */
static inline int push_cols(carealign_journey *j, const carealign__jc *c, const uint32_t *idx,
                            size_t n, int in_order)
{
    uint32_t has = 0, tbits = 0;
    int32_t staff = 0;
    size_t n_prof = 0, n_stayc = 0;
    const carealign__jc *prev = &c[idx[0]];
    for (size_t i = 0; i < n; i++) {
        const carealign__jc *x = &c[idx[i]];
        if (!in_order && jc_less(x, prev))
            return 0;
        prev = x;
        has |= x->has;
        staff |= x->staff_minutes;
        tbits |= (uint32_t)CAREALIGN_TYPE_BIT(x->type);
        n_prof += x->prof >= 0;
        n_stayc += (size_t)is_stay_contact(x->type);
    }
    if (!grow_cols(j, n))
        return 0;
    cols_of(j, has, staff);
    cols_put_from(&j->k, 0, c, n, NULL, 0, idx);
    j->n = n;
    j->n_prof += n_prof;
    j->n_stayc += n_stayc;
    j->sorted = 1;
    j->soa = 1;
    j->aos_stale = 1;
    /* as push_some leaves a fresh builder */
    j->tbits = tbits;
    j->tbits_valid = 1;
    j->orgs_or_valid = 0;
    j->prep = NULL;
    return 1;
}

/* carealign__journey_push_some, in_order as push_cols takes it. */
static inline carealign_status push_some(carealign_journey *j, const carealign__jc *c,
                                         const uint32_t *idx, size_t n, int in_order)
{
    if (n == 0)
        return CAREALIGN_OK;
    if (carealign__journey_edit(j) != CAREALIGN_OK)
        return CAREALIGN_ENOMEM;
    if (j->n == 0 && push_cols(j, c, idx, n, in_order))
        return CAREALIGN_OK;
    if (n > j->cap - j->n &&
        !carealign__journey_grow_array((void **)&j->c, &j->cap, j->n + n, sizeof *j->c))
        return CAREALIGN_ENOMEM;
    const int fresh = j->n == 0; /* the builder's contacts are these */
    uint32_t tbits = 0;
    for (size_t i = 0; i < n; i++) {
        push_one(j, &c[idx[i]]);
        tbits |= (uint32_t)CAREALIGN_TYPE_BIT(c[idx[i]].type);
    }
    if (fresh) {
        /* the types present, as a gather leaves them (types 1 to 15:
         * carealign__journey_convert checks them), for the preparation's
         * scans; the organisations' OR is not made */
        j->tbits = tbits;
        j->tbits_valid = 1;
        j->orgs_or_valid = 0;
    }
    j->sorted = 0;
    j->prep = NULL;
    return CAREALIGN_OK;
}

carealign_status carealign__journey_push_some(carealign_journey *j, const carealign__jc *c,
                                              const uint32_t *idx, size_t n)
{
    return push_some(j, c, idx, n, 0);
}

carealign_status carealign__journey_push_ordered(carealign_journey *j, const carealign__jc *c,
                                                 const uint32_t *idx, size_t n)
{
    return push_some(j, c, idx, n, 1);
}

carealign_status carealign__journey_push(carealign_journey *j, const carealign__jc *c)
{
    if (carealign__journey_edit(j) != CAREALIGN_OK)
        return CAREALIGN_ENOMEM;
    if (j->n == j->cap &&
        !carealign__journey_grow_array((void **)&j->c, &j->cap, j->n + 1, sizeof *j->c))
        return CAREALIGN_ENOMEM;
    push_one(j, c);
    j->sorted = 0;
    j->prep = NULL;
    return CAREALIGN_OK;
}

carealign_status carealign_journey_add_contact(carealign_journey *j,
                                               const carealign_contact *contact)
{
    if (j == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_journey_add_contact: journey is NULL");
    carealign_contact c;
    carealign_contact_init(&c, sizeof c);
    carealign_status s =
        carealign__read_struct(&c, sizeof c, contact, MIN_CONTACT, "carealign_contact");
    if (s != CAREALIGN_OK)
        return s;
    carealign__jc jc;
    s = carealign__journey_convert(&c, &jc);
    if (s != CAREALIGN_OK) {
        j->n_rejected++;
        return s;
    }
    return carealign__journey_push(j, &jc);
}

carealign_status carealign_journey_add_contacts(carealign_journey *j,
                                                const carealign_contact *contacts, size_t n,
                                                int32_t *row_status, size_t *out_n_rejected)
{
    if (j == NULL || (contacts == NULL && n > 0))
        return carealign__error(CAREALIGN_EINVAL, "carealign_journey_add_contacts: NULL argument");
    size_t rejected = 0;
    if (n > 0) {
        size_t stride = contacts[0].size;
        if (stride < MIN_CONTACT)
            return carealign__error(CAREALIGN_EINVAL,
                                    "carealign_journey_add_contacts: contacts[0].size %zu below "
                                    "%u",
                                    stride, MIN_CONTACT);
        if (!carealign__journey_grow_array((void **)&j->c, &j->cap, j->n + n, sizeof *j->c))
            return CAREALIGN_ENOMEM;
        const unsigned char *base = (const unsigned char *)contacts;
        for (size_t i = 0; i < n; i++) {
            const carealign_contact *ci =
                (const carealign_contact *)(const void *)(base + i * stride);
            carealign_status s;
            if (ci->size != stride)
                s = carealign__error(CAREALIGN_EINVAL,
                                     "carealign_journey_add_contacts: contact "
                                     "%zu has a different size",
                                     i);
            else
                s = carealign_journey_add_contact(j, ci);
            if (s == CAREALIGN_ENOMEM)
                return s; /* cannot happen: capacity reserved above */
            if (s != CAREALIGN_OK) {
                rejected++;
                if (ci->size != stride)
                    j->n_rejected++;
            }
            if (row_status != NULL)
                row_status[i] = (int32_t)s;
        }
    }
    if (out_n_rejected != NULL)
        *out_n_rejected = rejected;
    return CAREALIGN_OK;
}

/* ---- options ------------------------------------------------------------- */

#define BIT(t) CAREALIGN_TYPE_BIT(t)

carealign_status carealign__journey_options(const carealign_journey_options *options,
                                            carealign__jopts *o)
{
    memset(o, 0, sizeof *o);
    carealign_journey_options *r = &o->raw;
    carealign_journey_options_init(r, sizeof *r);
    size_t given = sizeof *r;
    if (options != NULL) {
        memcpy(&given, options, sizeof given);
        carealign_status s =
            carealign__read_struct(r, sizeof *r, options, MIN_OPTIONS, "carealign_journey_options");
        if (s != CAREALIGN_OK)
            return s;
    }
    o->has_period = (r->has & CAREALIGN_JOPT_HAS_PERIOD) != 0;
    o->ps = r->period_start;
    o->pe = r->period_end;
    if (o->has_period && (o->ps < CAREALIGN_DATE_MIN || o->pe > CAREALIGN_DATE_MAX))
        return carealign__error(CAREALIGN_ERANGE,
                                "carealign_journey_options: period outside the date range");
    if (o->has_period && o->pe < o->ps)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_journey_options.period_end is before period_start");
    if (!o->has_period) {
        o->ps = INT32_MIN;
        o->pe = INT32_MAX - 1;
    }
    o->continuity_types = r->continuity_types ? r->continuity_types
                                              : BIT(CAREALIGN_CONTACT_COMMUNITY_VISIT) |
                                                    BIT(CAREALIGN_CONTACT_GP_APPOINTMENT) |
                                                    BIT(CAREALIGN_CONTACT_SOCIAL_CARE_ASSESSMENT) |
                                                    BIT(CAREALIGN_CONTACT_HEALTH_ASSESSMENT) |
                                                    BIT(CAREALIGN_CONTACT_REVIEW);
    o->followup_types = r->followup_types ? r->followup_types
                                          : BIT(CAREALIGN_CONTACT_COMMUNITY_VISIT) |
                                                BIT(CAREALIGN_CONTACT_HOMECARE_VISIT) |
                                                BIT(CAREALIGN_CONTACT_GP_APPOINTMENT) |
                                                BIT(CAREALIGN_CONTACT_SOCIAL_CARE_ASSESSMENT) |
                                                BIT(CAREALIGN_CONTACT_HEALTH_ASSESSMENT) |
                                                BIT(CAREALIGN_CONTACT_REVIEW) |
                                                BIT(CAREALIGN_CONTACT_CARE_PACKAGE_START) |
                                                BIT(CAREALIGN_CONTACT_REABLEMENT_START);
    o->assessment_types = r->assessment_types ? r->assessment_types
                                              : BIT(CAREALIGN_CONTACT_SOCIAL_CARE_ASSESSMENT) |
                                                    BIT(CAREALIGN_CONTACT_HEALTH_ASSESSMENT);
    if (r->min_contacts < 0)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_journey_options.min_contacts is negative");
    o->min_contacts = r->min_contacts < 2 ? 2 : r->min_contacts;
    if (r->same_day < CAREALIGN_SAMEDAY_KEEP || r->same_day > CAREALIGN_SAMEDAY_BY_MINUTE)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_journey_options.same_day %d is not a rule",
                                (int)r->same_day);
    o->same_day = r->same_day;
    int any = 0;
    for (int i = 0; i < 4; i++) {
        if (r->followup_within[i] < 0)
            return carealign__error(CAREALIGN_EINVAL,
                                    "carealign_journey_options.followup_within[%d] is negative", i);
        if (r->followup_within[i] > 0)
            any = 1;
    }
    if (any) {
        for (int i = 0; i < 4; i++)
            o->followup[i] = r->followup_within[i];
    } else {
        o->followup[0] = 3;
        o->followup[1] = 7;
    }
    if (r->readmission_days < 0 || r->duplicate_days < 0 || r->reablement_followup_days < 0 ||
        r->reablement_before < 0 || r->reablement_after < 0 || r->reablement_cluster_gap < 0)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_journey_options: a window in days is negative");
    o->readmission_days = r->readmission_days ? r->readmission_days : 30;
    o->duplicate_days = r->duplicate_days ? r->duplicate_days : 90;
    if (r->reablement_outcome != CAREALIGN_REABLE_OUTCOME_NO_EVENT &&
        r->reablement_outcome != CAREALIGN_REABLE_OUTCOME_AT_HOME_ON_DAY)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_journey_options.reablement_outcome %d is not a rule",
                                (int)r->reablement_outcome);
    if ((r->has & CAREALIGN_JOPT_HAS_REABLEMENT_DISCHARGES) &&
        r->reablement_discharge_last < r->reablement_discharge_first)
        return carealign__error(CAREALIGN_EINVAL, "carealign_journey_options."
                                                  "reablement_discharge_last is before _first");
    if ((r->reablement_excluded_methods == NULL && r->n_reablement_excluded_methods > 0) ||
        (r->reablement_excluded_destinations == NULL &&
         r->n_reablement_excluded_destinations > 0) ||
        (r->readmission_excluded_methods == NULL && r->n_readmission_excluded_methods > 0) ||
        (r->discharge_excluded_destinations == NULL && r->n_discharge_excluded_destinations > 0))
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_journey_options: a code list is NULL with a count");
    if (r->unit_costs != NULL && r->n_cost_sectors > 0 &&
        r->n_cost_types > SIZE_MAX / r->n_cost_sectors)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_journey_options: unit cost table too large");
    if ((r->has & CAREALIGN_JOPT_HAS_REABLEMENT_MAX_AGE) &&
        given < offsetof(carealign_journey_options, reserved2))
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_journey_options: HAS_REABLEMENT_MAX_AGE needs a size "
                                "that includes reablement_max_age");
    if (r->reserved != 0 || r->reserved2 != 0)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_journey_options.reserved must be zero");
    o->stay_sectors = r->stay_sectors ? r->stay_sectors : UINT32_MAX;
    carealign_journey_result *b = &o->base; /* zero bytes, from the memset above */
    b->size = sizeof *b;
    b->min_contacts_used = o->min_contacts;
    b->same_day_used = o->same_day;
    for (int i = 0; i < 4; i++)
        b->followup_days[i] = o->followup[i];
    b->readmission_days_used = o->readmission_days;
    b->duplicate_days_used = o->duplicate_days;
    if (!(r->flags & CAREALIGN_JOPT_NATIONAL_READMISSION))
        b->flags |= CAREALIGN_JR_LOCAL_READMISSION;
    return CAREALIGN_OK;
}

/* ---- sorting ------------------------------------------------------------- */

static int jc_less(const carealign__jc *x, const carealign__jc *y)
{
    if (x->start != y->start)
        return x->start < y->start;
    if (x->org != y->org)
        return x->org < y->org;
    if (x->prof != y->prof)
        return x->prof < y->prof;
    if (x->type != y->type)
        return x->type < y->type;
    if (x->end != y->end)
        return x->end < y->end;
    if (x->minute != y->minute)
        return x->minute < y->minute;
    return memcmp(x, y, sizeof *x) < 0;
}
#define JC_LESS(x, y) jc_less((x), (y))
CAREALIGN__DEFINE_SORT(sort_jc, carealign__jc, JC_LESS)

#define U64_LESS(x, y) (*(x) < *(y))
CAREALIGN__DEFINE_SORT(sort_u64, uint64_t, U64_LESS)

static unsigned bit_width(uint64_t v)
{
    unsigned b = 0;
    while (v != 0) {
        b++;
        v >>= 1;
    }
    return b;
}

/* The contacts' jc_less order. Rather than moving 72-byte contacts, sort
 * one 64-bit key per contact, (start, org, index) packed, then order runs
 * of equal (start, org) with jc_less on the indices: the i-th contact in
 * order is c[key[i] & *mask_out], key returned (to_cols permutes while it
 * converts). NULL when c itself is in order: it was, or (keys wider than
 * 64 bits) it has been sorted in place. jc_less is a total order up to
 * identical bytes, so the order is sort_jc's. Usual case (at most 256 contacts, organisations below
 * 2^24): start with its sign bit flipped in the high half, org and index
 * below, built in one pass; otherwise the person's ranges decide the widths. */
static const uint64_t *sort_contacts(carealign_journey *j, uint64_t *mask_out)
{
    carealign__jc *c = j->c;
    size_t n = j->n;
    size_t i = 1;
    while (i < n && !jc_less(&c[i], &c[i - 1]))
        i++;
    if (i >= n)
        return NULL; /* already in order (or fewer than two) */
    uint64_t *key = j->keys;
    unsigned bi = 8;
    uint32_t orall = 0;
    if (n <= 256) {
        for (i = 0; i < n; i++) {
            orall |= (uint32_t)c[i].org;
            key[i] = (uint64_t)((uint32_t)c[i].start ^ UINT32_C(0x80000000)) << 32 |
                     (uint64_t)(uint32_t)c[i].org << 8 | (uint64_t)i;
        }
    }
    if (n > 256 || (orall >> 24) != 0) {
        int32_t lo = c[0].start, hi = c[0].start, omax = c[0].org;
        for (i = 1; i < n; i++) {
            lo = c[i].start < lo ? c[i].start : lo;
            hi = c[i].start > hi ? c[i].start : hi;
            omax = c[i].org > omax ? c[i].org : omax;
        }
        unsigned bs = bit_width((uint64_t)((int64_t)hi - lo)), bo = bit_width((uint64_t)omax);
        bi = bit_width((uint64_t)(n - 1));
        if (bs + bo + bi > 64) {
            sort_jc(c, j->c_tmp, n);
            return NULL;
        }
        for (i = 0; i < n; i++)
            key[i] = (bs ? (uint64_t)((int64_t)c[i].start - lo) << (bo + bi) : 0) |
                     ((uint64_t)(uint32_t)c[i].org << bi) | (uint64_t)i;
    }
    uint64_t mask = ((uint64_t)1 << bi) - 1;
    sort_u64(key, j->keys_tmp, n);
    /* runs with the same start and org: full order on the indices */
    for (i = 1; i < n; i++) {
        if (((key[i] ^ key[i - 1]) >> bi) != 0)
            continue;
        size_t a0 = i - 1, r = i + 1;
        while (r < n && ((key[r] ^ key[a0]) >> bi) == 0)
            r++;
        for (size_t a = a0 + 1; a < r; a++) {
            uint64_t x = key[a];
            size_t b = a;
            while (b > a0 && jc_less(&c[x & mask], &c[key[b - 1] & mask])) {
                key[b] = key[b - 1];
                b--;
            }
            key[b] = x;
        }
        i = r - 1;
    }
    *mask_out = mask;
    return key;
}

/* The gathered columns j->k (m contacts) put in full jc_less order within
 * the runs of the same start and org, which key[0..m) (content order) shows:
 * the same bits above the low bi. The contacts are rebuilt from the
 * columns into j->c (rare). 0 for ENOMEM. */
static int order_ties(carealign_journey *j, const uint64_t *key, unsigned bi, size_t m)
{
    if (!carealign__journey_grow_array((void **)&j->c, &j->cap, m, sizeof *j->c))
        return 0;
    carealign__jcols *kc = &j->k;
    carealign__jc *c = j->c;
    for (size_t q = 0; q < m; q++)
        cols_get(kc, q, &c[q]);
    for (size_t i = 1; i < m; i++) {
        if (((key[i] ^ key[i - 1]) >> bi) != 0)
            continue;
        size_t a0 = i - 1, r = i + 1;
        while (r < m && ((key[r] ^ key[a0]) >> bi) == 0)
            r++;
        for (size_t a = a0 + 1; a < r; a++) {
            carealign__jc x = c[a];
            size_t b = a;
            while (b > a0 && jc_less(&x, &c[b - 1])) {
                c[b] = c[b - 1];
                b--;
            }
            c[b] = x;
        }
        cols_put(kc, a0, c + a0, r - a0, NULL, 0);
        i = r - 1;
    }
    return 1;
}

/* The builder's state after a gather of m contacts into j->k: stale, c does
 * not hold them; tbits, the types present; orall, the organisations ORed
 * (made for up to 256 rows); n_prof, the contacts naming a professional. */
static void gather_done(carealign_journey *j, size_t m, int stale, uint32_t tbits, uint32_t orall,
                        size_t n_prof)
{
    j->n = m;
    j->sorted = 1;
    j->soa = 1;
    j->aos_stale = stale;
    j->prep = NULL;
    j->tbits = tbits;
    j->tbits_valid = 1;
    j->g_valid = 0;
    j->orgs_or = orall;
    j->orgs_or_valid = m <= 256;
    /* an upper bound is enough (it sizes the stays' scratch) */
    if (tbits & (BIT(CAREALIGN_CONTACT_ADMISSION) | BIT(CAREALIGN_CONTACT_EMERGENCY_ADMISSION) |
                 BIT(CAREALIGN_CONTACT_DISCHARGE)))
        j->n_stayc += m;
    j->n_prof += n_prof;
}

#if CAREALIGN__SSE2
/* The OR of the four lanes of x. */
static uint32_t or_lanes(__m128i x)
{
    x = _mm_or_si128(x, _mm_shuffle_epi32(x, 0x4E));
    x = _mm_or_si128(x, _mm_shuffle_epi32(x, 0xB1));
    return (uint32_t)_mm_cvtsi128_si32(x);
}

/* The keys of gather_plain's places past m, by lane: above every key of a
 * row (below 2^30), ascending, distinct in all but their low 4 bits and
 * below INT32_MAX, the key past the last place. */
#define PLAIN_PADS _mm_setr_epi32(0x7FFFFF80, 0x7FFFFF90, 0x7FFFFFA0, 0x7FFFFFB0)

/* The ORs of gather_plain's first pass, lane by lane. */
typedef struct plain_acc {
    __m128i dor, oor, sor, tor, tb, sb, bad, far;
} plain_acc;

/* Rows 4v..4v+3 of gather_plain's first pass (lane: their places): their
 * keys into kv[v] and k32, their payloads (type in bits 0-3, sector in
 * 4-8, CAREALIGN_CONTACT_HAS_END at bit 9, end - start from bit 10, 0
 * without an end) into pay, their checks into a.
 * masked: the lanes outside valid are no rows of the person (their keys
 * those of PLAIN_PADS, no checks); not masked (a constant 0 here), valid is
 * not read. */
static inline void plain_step(const int32_t *cs, const int32_t *co, const int32_t *csec,
                              const int32_t *ctyp, const int32_t *ce, size_t v, __m128i s0,
                              __m128i lane, __m128i valid, int masked, __m128i *kv, int32_t *k32,
                              int32_t *pay, plain_acc *a)
{
#define CAREALIGN__VALID(x) (masked ? _mm_and_si128(valid, (x)) : (x))
    const __m128i st = _mm_loadu_si128((const __m128i *)(const void *)(cs + 4 * v)),
                  org = _mm_loadu_si128((const __m128i *)(const void *)(co + 4 * v)),
                  sec = _mm_loadu_si128((const __m128i *)(const void *)(csec + 4 * v)),
                  ty = _mm_loadu_si128((const __m128i *)(const void *)(ctyp + 4 * v));
    const __m128i du = _mm_sub_epi32(st, s0);
    __m128i key = _mm_or_si128(_mm_or_si128(_mm_slli_epi32(du, 12), _mm_slli_epi32(org, 4)), lane);
    if (masked)
        key = _mm_or_si128(_mm_and_si128(valid, key), _mm_andnot_si128(valid, PLAIN_PADS));
    kv[v] = key;
    _mm_storeu_si128((__m128i *)(void *)(k32 + 4 * v), key);
    a->dor = _mm_or_si128(a->dor, CAREALIGN__VALID(_mm_add_epi32(du, _mm_set1_epi32(1 << 18))));
    a->oor = _mm_or_si128(a->oor, CAREALIGN__VALID(org));
    a->sor = _mm_or_si128(a->sor, CAREALIGN__VALID(sec));
    a->tor = _mm_or_si128(a->tor, CAREALIGN__VALID(ty));
    /* 1 << type for types 0..30: 2^type as a float's bits, converted */
    const __m128i pow = _mm_cvttps_epi32(
        _mm_castsi128_ps(_mm_slli_epi32(_mm_add_epi32(ty, _mm_set1_epi32(127)), 23)));
    a->tb = _mm_or_si128(a->tb, CAREALIGN__VALID(pow));
    /* 1 << sector the same way (a sector above 31 sends the rows to the
     * general path) */
    const __m128i spow = _mm_cvttps_epi32(
        _mm_castsi128_ps(_mm_slli_epi32(_mm_add_epi32(sec, _mm_set1_epi32(127)), 23)));
    a->sb = _mm_or_si128(a->sb, CAREALIGN__VALID(spow));
    __m128i p = _mm_or_si128(ty, _mm_slli_epi32(sec, 4));
    if (ce != NULL) {
        const __m128i e = _mm_loadu_si128((const __m128i *)(const void *)(ce + 4 * v));
        const __m128i miss = _mm_cmpeq_epi32(e, _mm_set1_epi32(CAREALIGN_NA_I32));
        /* x in the lanes with an end (and a row) */
        const __m128i given = _mm_andnot_si128(miss, valid);
#define CAREALIGN__GIVEN(x) (masked ? _mm_and_si128(given, (x)) : _mm_andnot_si128(miss, (x)))
        /* a given end before the start: a bad row */
        a->bad = _mm_or_si128(a->bad, CAREALIGN__GIVEN(_mm_cmplt_epi32(e, st)));
        const __m128i len = CAREALIGN__GIVEN(_mm_sub_epi32(e, st));
        a->far = _mm_or_si128(a->far, len);
        p = _mm_or_si128(
            p,
            _mm_or_si128(CAREALIGN__GIVEN(_mm_set1_epi32((int32_t)CAREALIGN_CONTACT_HAS_END << 9)),
                         _mm_slli_epi32(len, 10)));
#undef CAREALIGN__GIVEN
    }
    _mm_storeu_si128((__m128i *)(void *)(pay + 4 * v), p);
#undef CAREALIGN__VALID
}

/* carealign__journey_gather for up to 16 rows of a plain table (no
 * optional column but end_day), four rows a step. Rows base..base + 4 *
 * ceil(m / 4) - 1 must be in the table; the places past m are masked. Each
 * row becomes two words: its key (that of the general path's small case:
 * start - first start, org, index) and its payload (type, sector, whether
 * an end is given and the end - start), checked on the way; each key's rank
 * is counted with every key broadcast from its vector; the two words are
 * put at their ranks (not moved when the keys ascend already: the rows in
 * content order) and the columns unpacked from them four rows a step.
 * 2 when the rows are not small or an end is 2^22 days or more after its
 * start (the general path decides then), else as carealign__journey_gather. */
static int gather_plain(carealign_journey *j, const carealign_contact_columns *k, size_t base,
                        size_t m)
{
    const int32_t *const cs = k->start_day + base, *const co = k->org + base,
                         *const csec = k->sector + base, *const ctyp = k->type + base;
    const int32_t *const ce = k->end_day != NULL ? k->end_day + base : NULL;
    const size_t nv = (m + 3) >> 2;
    const __m128i s0 = _mm_set1_epi32(cs[0]), mv = _mm_set1_epi32((int32_t)m),
                  four = _mm_set1_epi32(4);
    __m128i lane = _mm_setr_epi32(0, 1, 2, 3);
    plain_acc acc;
    acc.dor = acc.oor = acc.sor = acc.tor = acc.tb = acc.sb = acc.bad = acc.far =
        _mm_setzero_si128();
    __m128i kv[4];
    int32_t k32[17], pay[16]; /* k32[4 * nv]: INT32_MAX */
    const size_t nfull = m >> 2;
    for (size_t v = 0; v < nfull; v++) {
        plain_step(cs, co, csec, ctyp, ce, v, s0, lane, lane, 0, kv, k32, pay, &acc);
        lane = _mm_add_epi32(lane, four);
    }
    if (nfull < nv) /* the last rows, the places past m masked */
        plain_step(cs, co, csec, ctyp, ce, nfull, s0, lane, _mm_cmplt_epi32(lane, mv), 1, kv, k32,
                   pay, &acc);
    const __m128i dor = acc.dor, oor = acc.oor, sor = acc.sor, tor = acc.tor, tb = acc.tb,
                  bad = acc.bad, far = acc.far;
    k32[4 * nv] = INT32_MAX;
    /* small: the starts within 2^18 days of the first (which is not within
     * 2^18 of INT32_MIN), organisations below 256, sectors in 0..31; and
     * each given end less than 2^22 days after its start (an end before it,
     * a bad row, may send the rows to the general path too, which rejects
     * them) */
    const __m128i out = _mm_or_si128(_mm_or_si128(_mm_srli_epi32(dor, 19), _mm_srli_epi32(oor, 8)),
                                     _mm_or_si128(_mm_srli_epi32(sor, 5), _mm_srli_epi32(far, 22)));
    const uint32_t s0u = (uint32_t)cs[0];
    if (_mm_movemask_epi8(_mm_cmpeq_epi32(out, _mm_setzero_si128())) != 0xFFFF ||
        ((s0u ^ UINT32_C(0x80000000)) + (UINT32_C(1) << 18)) <= (UINT32_C(1) << 19))
        return 2;
    /* every type in 1..15 (type 0 sets bit 0 of tbits) and every end at
     * or after its start */
    _Static_assert(CAREALIGN_CONTACT_TYPE_END == 16, "the type check below needs 16");
    const uint32_t tbits = or_lanes(tb);
    if (_mm_movemask_epi8(_mm_cmpeq_epi32(_mm_or_si128(bad, _mm_srli_epi32(tor, 4)),
                                          _mm_setzero_si128())) != 0xFFFF ||
        (tbits & 1u))
        return 0;
    if (m > j->k_cap && !grow_cols(j, m))
        return -1;
    carealign__jcols *kc = &j->k;
    const int32_t want = ce != NULL ? 2 : 1;
    if (j->k_plain != want) {
        *kc = j->k_all;
        kc->minute = kc->prof = kc->subtype = kc->method = kc->dest = kc->ready = kc->staff = NULL;
        kc->activity = kc->cost = NULL;
        if (ce == NULL)
            kc->end = NULL;
        j->k_plain = want;
    }
    /* keys ascending (with the places past m): the rows in content order
     * already */
    __m128i up = _mm_set1_epi32(-1);
    for (size_t v = 0; v < nv; v++) {
        const __m128i next = _mm_loadu_si128((const __m128i *)(const void *)(k32 + 4 * v + 1));
        up = _mm_and_si128(up, _mm_cmpgt_epi32(next, kv[v]));
    }
    const int32_t *sk = k32, *sp = pay; /* the two words in content order */
    int32_t sk_ranked[20], sp_ranked[20];
    if (_mm_movemask_epi8(up) != 0xFFFF) {
        /* each key's rank: the keys below it, m - 1 less the keys above it
         * (each of the m keys broadcast from its vector and compared with
         * all; the places past m, above every key, are not broadcast; the
         * compare overwrites the broadcast key, which is a copy). One case
         * per m: NV vectors, R keys in the last. */
        __m128i rk[4];
#define CAREALIGN__RANK_BY(NV, u, imm)                                                             \
    do {                                                                                           \
        const __m128i b = _mm_shuffle_epi32(kv[u], imm);                                           \
        for (int v = 0; v < (NV); v++)                                                             \
            rk[v] = _mm_add_epi32(rk[v], _mm_cmpgt_epi32(b, kv[v]));                               \
    } while (0)
#define CAREALIGN__RANKS(NV, R)                                                                    \
    do {                                                                                           \
        for (int v = 0; v < (NV); v++)                                                             \
            rk[v] = _mm_set1_epi32(4 * ((NV)-1) + (R)-1);                                          \
        for (int u = 0; u < (NV); u++) {                                                           \
            const int r_ = u < (NV)-1 ? 4 : (R);                                                   \
            CAREALIGN__RANK_BY(NV, u, 0x00);                                                       \
            if (r_ > 1)                                                                            \
                CAREALIGN__RANK_BY(NV, u, 0x55);                                                   \
            if (r_ > 2)                                                                            \
                CAREALIGN__RANK_BY(NV, u, 0xAA);                                                   \
            if (r_ > 3)                                                                            \
                CAREALIGN__RANK_BY(NV, u, 0xFF);                                                   \
        }                                                                                          \
        for (int v = 0; v < (NV); v++)                                                             \
            _mm_storeu_si128((__m128i *)(void *)(rank + 4 * v), rk[v]);                            \
    } while (0)
        uint32_t rank[16];
        switch (m) {
        case 1: CAREALIGN__RANKS(1, 1); break;
        case 2: CAREALIGN__RANKS(1, 2); break;
        case 3: CAREALIGN__RANKS(1, 3); break;
        case 4: CAREALIGN__RANKS(1, 4); break;
        case 5: CAREALIGN__RANKS(2, 1); break;
        case 6: CAREALIGN__RANKS(2, 2); break;
        case 7: CAREALIGN__RANKS(2, 3); break;
        case 8: CAREALIGN__RANKS(2, 4); break;
        case 9: CAREALIGN__RANKS(3, 1); break;
        case 10: CAREALIGN__RANKS(3, 2); break;
        case 11: CAREALIGN__RANKS(3, 3); break;
        case 12: CAREALIGN__RANKS(3, 4); break;
        case 13: CAREALIGN__RANKS(4, 1); break;
        case 14: CAREALIGN__RANKS(4, 2); break;
        case 15: CAREALIGN__RANKS(4, 3); break;
        default: CAREALIGN__RANKS(4, 4); break;
        }
#undef CAREALIGN__RANKS
#undef CAREALIGN__RANK_BY
        for (size_t i = 0; i < m; i++) {
            const uint32_t q = rank[i];
            sk_ranked[q] = k32[i];
            sp_ranked[q] = pay[i];
        }
        /* the places past m as in k32 (the ties below need no mask), and
         * defined payloads there */
        _mm_storeu_si128((__m128i *)(void *)(sk_ranked + m), PLAIN_PADS);
        _mm_storeu_si128((__m128i *)(void *)(sp_ranked + m), _mm_setzero_si128());
        sk = sk_ranked;
        sp = sp_ranked;
    }
    /* the columns from the two words; ties: neighbours in content order
     * with the same start and org (all but the low 4 bits, the index, of
     * their keys; never a place past m) */
    int32_t *const ks = kc->start, *const ko = kc->org, *const ksec = kc->sector,
                   *const kt = kc->type, *const kend = ce != NULL ? kc->end : NULL;
    int32_t *const khas = (int32_t *)(void *)kc->has;
    _Static_assert(CAREALIGN_CONTACT_HAS_END == 1, "the has column below is bit 9 of the payload");
    const __m128i m15 = _mm_set1_epi32(15), m31 = _mm_set1_epi32(31), m255 = _mm_set1_epi32(255),
                  one = _mm_set1_epi32(1);
    __m128i same = _mm_setzero_si128();
    uint32_t stays = 0; /* bit q: contact q is of type 1 to 3 (places past m too) */
    for (size_t v = 0; v < nv; v++) {
        const __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(sk + 4 * v));
        const __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(sk + 4 * v + 1));
        const __m128i p = _mm_loadu_si128((const __m128i *)(const void *)(sp + 4 * v));
        const __m128i a4 = _mm_srai_epi32(a, 4);
        same = _mm_or_si128(same, _mm_cmpeq_epi32(a4, _mm_srai_epi32(b, 4)));
        const __m128i st = _mm_add_epi32(s0, _mm_srai_epi32(a, 12));
        _mm_storeu_si128((__m128i *)(void *)(ks + 4 * v), st);
        _mm_storeu_si128((__m128i *)(void *)(ko + 4 * v), _mm_and_si128(a4, m255));
        const __m128i t = _mm_and_si128(p, m15);
        _mm_storeu_si128((__m128i *)(void *)(kt + 4 * v), t);
        stays |= (uint32_t)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmplt_epi32(t, four))) << (4 * v);
        _mm_storeu_si128((__m128i *)(void *)(ksec + 4 * v),
                         _mm_and_si128(_mm_srli_epi32(p, 4), m31));
        _mm_storeu_si128((__m128i *)(void *)(khas + 4 * v),
                         _mm_and_si128(_mm_srli_epi32(p, 9), one));
        if (kend != NULL)
            _mm_storeu_si128((__m128i *)(void *)(kend + 4 * v),
                             _mm_add_epi32(st, _mm_srli_epi32(p, 10)));
    }
    int stale = 1;
    if (_mm_movemask_epi8(same) != 0) {
        /* the 64-bit keys of order_ties: the index in the low 8 bits */
        size_t cap = j->keys_cap, cap2 = j->keys_cap;
        if (!carealign__journey_grow_array((void **)&j->keys, &cap, m, sizeof *j->keys) ||
            !carealign__journey_grow_array((void **)&j->keys_tmp, &cap2, m, sizeof *j->keys_tmp))
            return -1;
        j->keys_cap = cap < cap2 ? cap : cap2;
        uint64_t *key = j->keys;
        for (size_t q = 0; q < m; q++)
            key[q] = (uint64_t)(((uint32_t)sk[q] ^ UINT32_C(0x80000000)) >> 4) << 8 |
                     (uint64_t)((uint32_t)sk[q] & 15u);
        if (!order_ties(j, key, 8, m))
            return -1;
        stale = 0;
    }
    gather_done(j, m, stale, tbits, or_lanes(oor), 0);
    /* the sectors always; the stays' places unless order_ties moved
     * contacts (stale 0) */
    j->g_sectors = or_lanes(acc.sb);
    j->g_stays = stays & ((UINT32_C(1) << m) - 1u);
    j->g_valid = stale ? CAREALIGN__G_SECTORS | CAREALIGN__G_STAYS : CAREALIGN__G_SECTORS;
    return 1;
}
#endif

int carealign__journey_gather(carealign_journey *j, const carealign_contact_columns *k, size_t base,
                              size_t m, int plain)
{
    if (m == 0)
        return 0;
#if CAREALIGN__SSE2
    if (plain && m <= 16 && k->n - base >= ((m + 3) & ~(size_t)3)) {
        const int got = gather_plain(j, k, base, m);
        if (got != 2)
            return got;
    }
#else
    (void)plain;
#endif
    size_t keys_cap = j->keys_cap, keys_cap2 = j->keys_cap;
    if (!carealign__journey_grow_array((void **)&j->keys, &keys_cap, m, sizeof *j->keys) ||
        !carealign__journey_grow_array((void **)&j->keys_tmp, &keys_cap2, m, sizeof *j->keys_tmp))
        return -1;
    j->keys_cap = keys_cap < keys_cap2 ? keys_cap : keys_cap2;
    const int32_t *cs = k->start_day, *co = k->org, *csec = k->sector, *ctyp = k->type;
    uint64_t *key = j->keys;
    unsigned bi = 8;
    uint32_t orall = 0;
    int32_t bad = 0;
    size_t i;
    /* the keys of sort_contacts, from the columns; the checks of add_rows
     * on the four required columns on the way */
#define CAREALIGN__BAD_ROW(r)                                                                      \
    (((uint32_t)ctyp[r] - 1u >= (uint32_t)CAREALIGN_CONTACT_TYPE_END - 1u) | (co[r] < 0) |         \
     ((uint32_t)csec[r] > 31u) | (cs[r] == INT32_MIN))
    /* up to 16 rows with starts within 2^18 days of the first and
     * organisations below 256: (start - first start, org, index) in 32
     * signed bits, each key's rank counted (small) */
    int small = 0;
    int32_t k32[16];
    if (m <= 16) {
        /* no row check here: a row failing one is not small (a negative
         * org, a sector above 31, a start of INT32_MIN, which only a first
         * start within 2^18 days of it round the 32-bit circle lets
         * through: ruled out below), or fails the type check of the
         * conversion below; a person who is not small has every row
         * checked by the 64-bit keys' loops */
        const uint32_t s0 = (uint32_t)cs[base];
        uint32_t dor = 0, sor = 0;
        for (i = 0; i < 16; i++)
            k32[i] = INT32_MAX;
        for (i = 0; i < m; i++) {
            size_t r = base + i;
            const uint32_t org = (uint32_t)co[r];
            orall |= org;
            sor |= (uint32_t)csec[r];
            uint32_t du = (uint32_t)cs[r] - s0;
            dor |= du + (UINT32_C(1) << 18);
            k32[i] = (int32_t)(du << 12 | org << 4 | (uint32_t)i);
        }
        small = (dor >> 19) == 0 && (orall >> 8) == 0 && sor <= 31u &&
                ((s0 ^ UINT32_C(0x80000000)) + (UINT32_C(1) << 18)) > (UINT32_C(1) << 19);
    }
    if (!small && m <= 256) {
        for (i = 0; i < m; i++) {
            size_t r = base + i;
            bad |= CAREALIGN__BAD_ROW(r);
            orall |= (uint32_t)co[r];
            key[i] = (uint64_t)((uint32_t)cs[r] ^ UINT32_C(0x80000000)) << 32 |
                     (uint64_t)(uint32_t)co[r] << 8 | (uint64_t)i;
        }
        if (bad)
            return 0;
    }
    if (!small && (m > 256 || (orall >> 24) != 0)) {
        size_t r = base;
        int32_t lo = cs[r], hi = cs[r], omax = co[r];
        for (i = 0; i < m; i++) {
            r = base + i;
            bad |= CAREALIGN__BAD_ROW(r);
            lo = cs[r] < lo ? cs[r] : lo;
            hi = cs[r] > hi ? cs[r] : hi;
            omax = co[r] > omax ? co[r] : omax;
        }
        if (bad)
            return 0;
        unsigned bs = bit_width((uint64_t)((int64_t)hi - lo)), bo = bit_width((uint64_t)omax);
        bi = bit_width((uint64_t)(m - 1));
        if (bs + bo + bi > 64)
            return 0;
        for (i = 0; i < m; i++) {
            r = base + i;
            key[i] = (bs ? (uint64_t)((int64_t)cs[r] - lo) << (bo + bi) : 0) |
                     ((uint64_t)(uint32_t)co[r] << bi) | (uint64_t)i;
        }
    }
#undef CAREALIGN__BAD_ROW
    uint64_t mask = ((uint64_t)1 << bi) - 1;
    uint32_t rank[16]; /* small: the place of row i in content order */
    if (small) {
        /* each key's rank, counted without a branch (an insertion sort's
         * every stop is a mispredicted branch); the rows are then put
         * straight at their ranks below */
#if CAREALIGN__SSE2
        /* NV vectors of four keys: as many as the m keys need */
#define CAREALIGN__RANKS(NV)                                                                       \
    do {                                                                                           \
        __m128i kv[NV], rk[NV];                                                                    \
        for (int v = 0; v < (NV); v++) {                                                           \
            kv[v] = _mm_loadu_si128((const __m128i *)(const void *)(k32 + 4 * v));                 \
            rk[v] = _mm_setzero_si128();                                                           \
        }                                                                                          \
        for (size_t q = 0; q < m; q++) {                                                           \
            __m128i b = _mm_set1_epi32(k32[q]);                                                    \
            for (int v = 0; v < (NV); v++) /* lanes whose key is above k32[q]: one more */         \
                rk[v] = _mm_sub_epi32(rk[v], _mm_cmplt_epi32(b, kv[v]));                           \
        }                                                                                          \
        for (int v = 0; v < (NV); v++)                                                             \
            _mm_storeu_si128((__m128i *)(void *)(rank + 4 * v), rk[v]);                            \
    } while (0)
        if (m <= 8)
            CAREALIGN__RANKS(2);
        else if (m <= 12)
            CAREALIGN__RANKS(3);
        else
            CAREALIGN__RANKS(4);
#undef CAREALIGN__RANKS
#else
        for (i = 0; i < 16; i++)
            rank[i] = 0;
        for (size_t q = 0; q < m; q++)
            for (i = 0; i < 16; i++)
                rank[i] += (uint32_t)(k32[q] < k32[i]);
#endif
    } else if (m <= 16) {
        /* the same with 64-bit keys */
        uint64_t *t = j->keys_tmp;
        for (i = 0; i < m; i++) {
            uint64_t x = key[i];
            size_t at = 0;
            for (size_t q = 0; q < m; q++)
                at += key[q] < x;
            t[at] = x;
        }
        memcpy(key, t, m * sizeof *key);
    } else {
        sort_u64(key, j->keys_tmp, m);
    }
    /* convert in key order (row[q]: the row of the q-th contact) straight
     * into the columns, with the checks and bytes of add_rows */
    if (!grow_cols(j, m))
        return -1;
    uint64_t *row = j->keys_tmp;
    j->k = j->k_all;
    j->k_plain = 0;
    carealign__jcols *kc = &j->k;
    int32_t *ks = kc->start, *ko = kc->org, *ksec = kc->sector, *kt = kc->type;
    uint32_t *kh = kc->has;
    uint32_t tbits = 0; /* the types present (all below 16 when no row is bad) */
    uint64_t ties = 0;  /* some adjacent keys share start and org */
    int32_t v;
    if (small) {
        /* the rows in their own order, each column written at the row's
         * rank (reads in sequence, writes within 16 slots); the keys in
         * content order (sk) show the ties: the same start and org, all
         * but the low 4 bits (the index) */
        /* 1 << t for the types: a load, not a shift by a register */
        static const uint32_t type_bit[16] = {
            1u << 0, 1u << 1, 1u << 2,  1u << 3,  1u << 4,  1u << 5,  1u << 6,  1u << 7,
            1u << 8, 1u << 9, 1u << 10, 1u << 11, 1u << 12, 1u << 13, 1u << 14, 1u << 15};
        int32_t sk[19];
        uint32_t tor = 0; /* the types ORed: the check of CAREALIGN__BAD_ROW */
        if (k->end_day != NULL) {
            const int32_t *ce = k->end_day;
            int32_t *ke = kc->end;
            for (i = 0; i < m; i++) {
                const size_t r = base + i;
                const uint32_t q = rank[i];
                const int32_t start = cs[r];
                ks[q] = start;
                /* without a branch on whether the end is given: the end is
                 * the later of v and the start (the missing value
                 * INT32_MIN is below every start; an end before the start
                 * is a bad row) */
                v = ce[r];
                const uint32_t given = v != CAREALIGN_NA_I32;
                bad |= (int32_t)(given & (uint32_t)(v < start));
                kh[q] = given * (uint32_t)CAREALIGN_CONTACT_HAS_END;
                ke[q] = v > start ? v : start;
            }
        } else {
            for (i = 0; i < m; i++) {
                const uint32_t q = rank[i];
                ks[q] = cs[base + i];
                kh[q] = 0;
            }
            kc->end = NULL;
        }
        for (i = 0; i < m; i++) {
            const size_t r = base + i;
            const uint32_t q = rank[i];
            const int32_t type = ctyp[r];
            sk[q] = k32[i];
            kt[q] = type;
            ko[q] = co[r];
            ksec[q] = csec[r];
            tor |= (uint32_t)type;
            tbits |= type_bit[type & 15];
        }
        /* the rows in content order, for the optional columns below */
        if (k->start_minute != NULL || k->professional != NULL || k->subtype != NULL ||
            k->admission_method != NULL || k->discharge_destination != NULL ||
            k->discharge_ready_day != NULL || k->staff_minutes != NULL || k->activity != NULL ||
            k->cost_pence != NULL)
            for (i = 0; i < m; i++)
                row[rank[i]] = base + i;
        /* every type in 1..CAREALIGN_CONTACT_TYPE_END - 1 */
        _Static_assert(CAREALIGN_CONTACT_TYPE_END == 16, "the type check below needs 16");
        bad |= (int32_t)(tor > 15u) | (int32_t)(tbits & 1u);
#if CAREALIGN__SSE2
        /* four neighbours a step; shifted right by 4 the keys are within
         * +-2^26 (du within +-2^18), the three places past m hold distinct
         * keys below them */
        sk[m] = INT32_MIN;
        sk[m + 1] = INT32_MIN + 16;
        sk[m + 2] = INT32_MIN + 32;
        {
            __m128i same = _mm_setzero_si128();
            for (size_t q = 0; q + 1 < m; q += 4) {
                const __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(sk + q));
                const __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(sk + q + 1));
                same =
                    _mm_or_si128(same, _mm_cmpeq_epi32(_mm_srai_epi32(a, 4), _mm_srai_epi32(b, 4)));
            }
            ties = (uint64_t)(_mm_movemask_epi8(same) != 0);
        }
#else
        for (size_t q = 1; q < m; q++)
            ties |= (uint64_t)((((uint32_t)sk[q] ^ (uint32_t)sk[q - 1]) >> 4) == 0);
#endif
        if (ties) /* the 64-bit keys of the tie-break below: index in the low bi = 8 bits */
            for (size_t q = 0; q < m; q++)
                key[q] = (uint64_t)(((uint32_t)sk[q] ^ UINT32_C(0x80000000)) >> 4) << 8 |
                         (uint64_t)((uint32_t)sk[q] & 15u);
    } else {
        /* in short loops, each with few values live (one loop doing it all
         * ran out of registers): the rows in key order and the ties, ... */
        for (size_t q = 0; q < m; q++)
            row[q] = base + (size_t)(key[q] & mask);
        for (size_t q = 1; q < m; q++)
            ties |= ((key[q] ^ key[q - 1]) >> bi) == 0;
        /* ... the start, the type and the end day (when given), ... */
        if (k->end_day != NULL) {
            const int32_t *ce = k->end_day;
            int32_t *ke = kc->end;
            for (size_t q = 0; q < m; q++) {
                const size_t r = (size_t)row[q];
                const int32_t start = cs[r], type = ctyp[r];
                ks[q] = start;
                kt[q] = type;
                tbits |= UINT32_C(1) << type;
                /* without a branch on whether the end is given (gm: all ones when it is) */
                v = ce[r];
                const int32_t gm = -(int32_t)(v != CAREALIGN_NA_I32);
                bad |= gm & (v < start);
                kh[q] = (uint32_t)gm & CAREALIGN_CONTACT_HAS_END;
                ke[q] = (v & gm) | (start & ~gm);
            }
        } else {
            for (size_t q = 0; q < m; q++) {
                const size_t r = (size_t)row[q];
                const int32_t type = ctyp[r];
                ks[q] = cs[r];
                kt[q] = type;
                tbits |= UINT32_C(1) << type;
                kh[q] = 0;
            }
            kc->end = NULL;
        }
        /* ... the organisation and the sector */
        for (size_t q = 0; q < m; q++) {
            const size_t r = (size_t)row[q];
            ko[q] = co[r];
            ksec[q] = csec[r];
        }
    }
    int64_t w;
    size_t n_prof = 0;
    /* an optional column: the value when given (has bit set), else the
     * default; a missing column stays NULL (all defaults) */
#define CAREALIGN__OPT32(col, dst, bit, dflt, check)                                               \
    do {                                                                                           \
        if ((col) != NULL) {                                                                       \
            int32_t *d_ = (dst);                                                                   \
            for (size_t q = 0; q < m; q++) {                                                       \
                v = (col)[row[q]];                                                                 \
                int given_ = v != CAREALIGN_NA_I32;                                                \
                bad |= given_ & (check);                                                           \
                kh[q] |= given_ ? (uint32_t)(bit) : 0u;                                            \
                d_[q] = given_ ? v : (dflt);                                                       \
            }                                                                                      \
        } else {                                                                                   \
            (dst) = NULL;                                                                          \
        }                                                                                          \
    } while (0)
    CAREALIGN__OPT32(k->start_minute, kc->minute, CAREALIGN_CONTACT_HAS_START_MINUTE, -1,
                     v < 0 || v > 1439);
    CAREALIGN__OPT32(k->professional, kc->prof, CAREALIGN_CONTACT_HAS_PROFESSIONAL, -1, v < 0);
    if (k->professional != NULL)
        for (size_t q = 0; q < m; q++)
            n_prof += kc->prof[q] >= 0;
    CAREALIGN__OPT32(k->subtype, kc->subtype, CAREALIGN_CONTACT_HAS_SUBTYPE, INT32_MIN, 0);
    CAREALIGN__OPT32(k->admission_method, kc->method, CAREALIGN_CONTACT_HAS_ADMISSION_METHOD,
                     INT32_MIN, 0);
    CAREALIGN__OPT32(k->discharge_destination, kc->dest, CAREALIGN_CONTACT_HAS_DESTINATION,
                     INT32_MIN, 0);
    CAREALIGN__OPT32(k->discharge_ready_day, kc->ready, CAREALIGN_CONTACT_HAS_READY_DAY, INT32_MIN,
                     0);
    CAREALIGN__OPT32(k->staff_minutes, kc->staff, 0, 0, v < 0);
#undef CAREALIGN__OPT32
    int64_t *ka = kc->activity, *kk = kc->cost;
    kc->activity = k->activity != NULL ? ka : NULL;
    kc->cost = k->cost_pence != NULL ? kk : NULL;
    if (k->activity != NULL) {
        for (size_t q = 0; q < m; q++) {
            w = k->activity[row[q]];
            int given = w != CAREALIGN_NA_I64;
            bad |= given & (w < 0);
            kh[q] |= given ? (uint32_t)CAREALIGN_CONTACT_HAS_ACTIVITY : 0u;
            ka[q] = given ? w : 1;
        }
    }
    if (k->cost_pence != NULL) {
        for (size_t q = 0; q < m; q++) {
            w = k->cost_pence[row[q]];
            int given = w != CAREALIGN_NA_I64;
            bad |= given & (w < 0);
            kh[q] |= given ? (uint32_t)CAREALIGN_CONTACT_HAS_COST : 0u;
            kk[q] = w; /* INT64_MIN, the missing value, also when not given */
        }
    }
    if (bad)
        return 0; /* nothing taken: j->n is still 0 */
    int stale = 1;
    if (ties) {
        if (!order_ties(j, key, bi, m))
            return -1;
        stale = 0;
    }
    gather_done(j, m, stale, tbits, orall, n_prof);
    return 1;
}

#define SEQ_LESS(x, y)                                                                             \
    ((x)->day != (y)->day         ? (x)->day < (y)->day                                            \
     : (x)->minute != (y)->minute ? (x)->minute < (y)->minute                                      \
                                  : (x)->id < (y)->id)
CAREALIGN__DEFINE_SORT(sort_seq, carealign__seq, SEQ_LESS)

#define I32_LESS(x, y) (*(x) < *(y))
CAREALIGN__DEFINE_SORT(sort_i32, int32_t, I32_LESS)

#define SPAN_LESS(x, y) ((x)->a != (y)->a ? (x)->a < (y)->a : (x)->b < (y)->b)
CAREALIGN__DEFINE_SORT(sort_span, carealign__span, SPAN_LESS)

#define STAY_LESS(x, y)                                                                            \
    ((x)->dis != (y)->dis   ? (x)->dis < (y)->dis                                                  \
     : (x)->adm != (y)->adm ? (x)->adm < (y)->adm                                                  \
                            : (x)->org < (y)->org)
CAREALIGN__DEFINE_SORT(sort_stay, carealign__stay, STAY_LESS)

/* ---- figures ------------------------------------------------------------- */

/* to - from for to >= from, held at INT32_MAX when longer (days near the
 * ends of the int32 range must not overflow; docs/journey.md) */
static int32_t day_span(int32_t from, int32_t to)
{
    const int64_t d = (int64_t)to - from;
    return d > INT32_MAX ? INT32_MAX : (int32_t)d;
}

static int in_list(const int32_t *list, size_t n, int32_t v)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == v)
            return 1;
    return 0;
}

/* Up to this many ids are counted by a scan instead of a sort. */
#define SMALL 24

/* The five indices of a sequence of ids (in time order). n >= 2. */
static void continuity(carealign_journey *j, const carealign__seq *s, size_t n, double out[5])
{
    int32_t *ids = j->ids;
    size_t same = 0;
    double sumsq = 0, max = 0, k = 0;
    if (n <= SMALL) {
        /* few contacts: count each id by a scan of the distinct ones; the
         * sums are of small integers, exact in any order */
        int32_t val[SMALL];
        uint32_t cnt[SMALL];
        size_t nd = 0;
        for (size_t i = 0; i < n; i++) {
            int32_t v = s[i].id;
            if (i > 0 && v == s[i - 1].id)
                same++;
            size_t t = 0;
            while (t < nd && val[t] != v)
                t++;
            if (t == nd) {
                val[nd] = v;
                cnt[nd++] = 0;
            }
            cnt[t]++;
        }
        for (size_t t = 0; t < nd; t++) {
            double c = (double)cnt[t];
            sumsq += c * c;
            if (c > max)
                max = c;
        }
        k = (double)nd;
        goto indices;
    }
    for (size_t i = 0; i < n; i++) {
        ids[i] = s[i].id;
        if (i > 0 && s[i].id == s[i - 1].id)
            same++;
    }
    sort_i32(ids, j->ids_tmp, n);
    for (size_t i = 0; i < n;) {
        size_t r = i + 1;
        while (r < n && ids[r] == ids[i])
            r++;
        double c = (double)(r - i);
        sumsq += c * c;
        if (c > max)
            max = c;
        k += 1;
        i = r;
    }
indices:
    indices(n, same, sumsq, max, k, out);
}

/* Collapse a (day, id)-sorted sequence to one entry per id per day. */
static size_t collapse(carealign__seq *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        int dup = 0;
        /* same day and id: in (day, minute, id) order they may be apart only by minute */
        for (size_t k = w; k > 0 && s[k - 1].day == s[i].day; k--)
            if (s[k - 1].id == s[i].id) {
                dup = 1;
                break;
            }
        if (!dup)
            s[w++] = s[i];
    }
    return w;
}

static size_t distinct(carealign_journey *j, size_t n)
{
    if (n <= SMALL) { /* a scan beats a sort for a few ids */
        int32_t *v = j->ids;
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            size_t t = 0;
            while (t < k && v[t] != v[i])
                t++;
            if (t == k)
                v[k++] = v[i];
        }
        return k;
    }
    sort_i32(j->ids, j->ids_tmp, n);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || j->ids[i] != j->ids[i - 1])
            k++;
    return k;
}

static int32_t age_at(const carealign_journey *j, int32_t day, uint32_t flags, int *known)
{
    *known = 0;
    if (!j->has_birth || day < j->birth_day)
        return 0;
    *known = 1;
    if (flags & CAREALIGN_JOPT_AGE_DAYS_365_25)
        return (int32_t)(((int64_t)day - j->birth_day) * 4 / 1461);
    int32_t age = 0;
    if (carealign_age_years(j->birth_day, day, &age) != CAREALIGN_OK)
        *known = 0;
    return age;
}

static carealign_status reserve(carealign_journey *j, size_t n, size_t n_stays)
{
    size_t need = n ? n : 1;
    if (!carealign__journey_grow_array((void **)&j->c_tmp, &j->c_tmp_cap, need, sizeof *j->c_tmp))
        return CAREALIGN_ENOMEM;
    size_t keys_cap = j->keys_cap, keys_cap2 = j->keys_cap;
    if (!carealign__journey_grow_array((void **)&j->keys, &keys_cap, need, sizeof *j->keys) ||
        !carealign__journey_grow_array((void **)&j->keys_tmp, &keys_cap2, need,
                                       sizeof *j->keys_tmp))
        return CAREALIGN_ENOMEM;
    j->keys_cap = keys_cap < keys_cap2 ? keys_cap : keys_cap2;
    size_t seq_cap = j->seq_cap;
    if (!carealign__journey_grow_array((void **)&j->seq, &seq_cap, need, sizeof *j->seq))
        return CAREALIGN_ENOMEM;
    size_t seq_cap2 = j->seq_cap;
    if (!carealign__journey_grow_array((void **)&j->seq_tmp, &seq_cap2, need, sizeof *j->seq_tmp))
        return CAREALIGN_ENOMEM;
    j->seq_cap = seq_cap < seq_cap2 ? seq_cap : seq_cap2;
    size_t ids_cap = j->ids_cap, ids_cap2 = j->ids_cap;
    if (!carealign__journey_grow_array((void **)&j->ids, &ids_cap, need, sizeof *j->ids) ||
        !carealign__journey_grow_array((void **)&j->ids_tmp, &ids_cap2, need, sizeof *j->ids_tmp))
        return CAREALIGN_ENOMEM;
    j->ids_cap = ids_cap < ids_cap2 ? ids_cap : ids_cap2;
    if (!carealign__journey_grow_array((void **)&j->used, &j->used_cap, need, 1))
        return CAREALIGN_ENOMEM;
    size_t ns = n_stays ? n_stays : 1;
    size_t st_cap = j->stays_cap, st_cap2 = j->stays_cap;
    if (!carealign__journey_grow_array((void **)&j->stays, &st_cap, ns, sizeof *j->stays) ||
        !carealign__journey_grow_array((void **)&j->stays_tmp, &st_cap2, ns, sizeof *j->stays_tmp))
        return CAREALIGN_ENOMEM;
    j->stays_cap = st_cap < st_cap2 ? st_cap : st_cap2;
    if (!carealign__journey_grow_array((void **)&j->sidx, &j->sidx_cap, ns, sizeof *j->sidx))
        return CAREALIGN_ENOMEM;
    size_t sp_cap = j->spans_cap, sp_cap2 = j->spans_cap;
    if (!carealign__journey_grow_array((void **)&j->spans, &sp_cap, need, sizeof *j->spans) ||
        !carealign__journey_grow_array((void **)&j->spans_tmp, &sp_cap2, need,
                                       sizeof *j->spans_tmp))
        return CAREALIGN_ENOMEM;
    j->spans_cap = sp_cap < sp_cap2 ? sp_cap : sp_cap2;
    if (!carealign__journey_grow_array((void **)&j->dis, &j->dis_cap, ns, sizeof *j->dis))
        return CAREALIGN_ENOMEM;
    return CAREALIGN_OK;
}

/* Stays from the admission and discharge contacts, c[idx[0..m)] in contact
 * order (the only contacts a stay reads); any_dis 0 when none of them is a
 * discharge. */
static void build_stays(carealign_journey *j, const carealign__jopts *o, const uint32_t *idx,
                        size_t m, int any_dis)
{
    const carealign__jcols *c = &j->k;
    unsigned char *used = j->used;
    if (any_dis)
        memset(used, 0, m);
    carealign__stay *const stays = j->stays;
    const uint32_t stay_sectors = o->stay_sectors;
    size_t ns = 0;
    for (size_t q = 0; q < m; q++) {
        const size_t ci = idx[q];
        const int32_t type = c->type[ci];
        if (!is_stay_type(type) || !(stay_sectors & (UINT32_C(1) << c->sector[ci])))
            continue;
        carealign__stay *s = &stays[ns++]; /* every byte set */
        s->adm = c->start[ci];
        s->org = c->org[ci];
        s->sector = c->sector[ci];
        s->method = col_at(c->method, ci, INT32_MIN);
        s->dest = col_at(c->dest, ci, INT32_MIN);
        s->ready = col_at(c->ready, ci, INT32_MIN);
        s->emergency = type == CAREALIGN_CONTACT_EMERGENCY_ADMISSION;
        s->adm_unknown = 0;
        s->ci = (uint32_t)ci;
        if (c->has[ci] & CAREALIGN_CONTACT_HAS_END) {
            s->dis = c->end[ci];
        } else {
            s->dis = CAREALIGN__NO_DAY;
            for (size_t u = q; u < m && any_dis; u++) {
                const size_t ck = idx[u];
                if (c->type[ck] == CAREALIGN_CONTACT_DISCHARGE && !used[u] &&
                    c->org[ck] == s->org && c->start[ck] >= s->adm) {
                    used[u] = 1;
                    s->dis = c->start[ck];
                    if (s->dest == INT32_MIN)
                        s->dest = col_at(c->dest, ck, INT32_MIN);
                    if (s->ready == INT32_MIN)
                        s->ready = col_at(c->ready, ck, INT32_MIN);
                    break;
                }
            }
        }
    }
    for (size_t q = 0; q < m && any_dis; q++) {
        const size_t ck = idx[q];
        if (c->type[ck] != CAREALIGN_CONTACT_DISCHARGE || used[q] ||
            !(stay_sectors & (UINT32_C(1) << c->sector[ck])))
            continue;
        carealign__stay *s = &stays[ns++];
        s->adm = c->start[ck];
        s->dis = c->start[ck];
        s->org = c->org[ck];
        s->sector = c->sector[ck];
        s->method = col_at(c->method, ck, INT32_MIN);
        s->dest = col_at(c->dest, ck, INT32_MIN);
        s->ready = col_at(c->ready, ck, INT32_MIN);
        s->emergency = 0;
        s->adm_unknown = 1;
        s->ci = (uint32_t)ck;
    }
    /* often in order already (admissions in day order, ends given) */
    size_t k0 = 1;
    while (k0 < ns && !STAY_LESS(&stays[k0], &stays[k0 - 1]))
        k0++;
    if (k0 < ns)
        sort_stay(stays, j->stays_tmp, ns);
    j->n_stays = ns;
}

static int in_care_home(const carealign_journey *j, int32_t day)
{
    const carealign__jcols *c = &j->k;
    for (size_t i = 0; i < j->n && c->start[i] <= day; i++) {
        if (c->type[i] != CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM)
            continue;
        if (!(c->has[i] & CAREALIGN_CONTACT_HAS_END) || c->end[i] > day)
            return 1;
    }
    return 0;
}

static int care_home_start_between(const carealign_journey *j, int32_t lo, int32_t hi)
{
    const carealign__jcols *c = &j->k;
    for (size_t i = lower_bound(c->start, j->n, lo); i < j->n && c->start[i] <= hi; i++)
        if (c->type[i] == CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM)
            return 1;
    return 0;
}

static void reablement(carealign_journey *j, const carealign__jopts *o, int32_t death,
                       carealign_journey_result *r)
{
    const carealign_journey_options *p = &o->raw;
    const carealign__jcols *c = &j->k;
    size_t n = j->n;
    int32_t F = p->reablement_followup_days;
    /* eligibility of every discharge */
    int32_t first = INT32_MIN, last = INT32_MAX;
    if (p->has & CAREALIGN_JOPT_HAS_REABLEMENT_DISCHARGES) {
        first = p->reablement_discharge_first;
        last = p->reablement_discharge_last;
    } else if (o->has_period) {
        first = o->ps;
        last = o->pe;
    }
    int lts_person =
        (j->person_flags & (CAREALIGN_PERSON_LTS_RESIDENTIAL | CAREALIGN_PERSON_LTS_NURSING |
                            CAREALIGN_PERSON_LTS_PRISON)) != 0;
    for (size_t d = 0; d < j->n_dis; d++) {
        carealign_discharge *ds = &j->dis[d];
        const carealign__stay *st = &j->stays[d];
        uint32_t ex = 0;
        if (ds->day < first || ds->day > last)
            ex |= CAREALIGN_REABLE_EXCL_PERIOD;
        if (p->has & CAREALIGN_JOPT_HAS_REABLEMENT_MIN_AGE) {
            int known;
            int32_t age = age_at(j, ds->day, p->flags, &known);
            if (!known || age < p->reablement_min_age)
                ex |= CAREALIGN_REABLE_EXCL_AGE;
        }
        if (p->has & CAREALIGN_JOPT_HAS_REABLEMENT_MAX_AGE) {
            int known;
            int32_t age = age_at(j, ds->day, p->flags, &known);
            if (!known || age > p->reablement_max_age)
                ex |= CAREALIGN_REABLE_EXCL_AGE;
        }
        if (st->method != INT32_MIN &&
            in_list(p->reablement_excluded_methods, p->n_reablement_excluded_methods, st->method))
            ex |= CAREALIGN_REABLE_EXCL_METHOD;
        if (st->dest != INT32_MIN && in_list(p->reablement_excluded_destinations,
                                             p->n_reablement_excluded_destinations, st->dest))
            ex |= CAREALIGN_REABLE_EXCL_DEST;
        if ((p->flags & CAREALIGN_JOPT_REABLE_EXCLUDE_LTS) &&
            (lts_person || in_care_home(j, st->adm)))
            ex |= CAREALIGN_REABLE_EXCL_LTS;
        if ((p->flags & CAREALIGN_JOPT_REABLE_EXCLUDE_ZERO_LOS) &&
            (st->adm_unknown || st->adm >= st->dis))
            ex |= CAREALIGN_REABLE_EXCL_ZERO_LOS;
        if ((p->flags & CAREALIGN_JOPT_REABLE_EXCLUDE_DIED_IN_HOSPITAL) && death <= ds->day)
            ex |= CAREALIGN_REABLE_EXCL_DIED;
        ds->reablement_exclusions = ex;
        if (ex & ~(uint32_t)CAREALIGN_REABLE_EXCL_PERIOD)
            r->n_reablement_excluded++;
    }
    /* reablement spells -> clusters, in start order */
    memset(j->used, 0, n);
    int32_t cluster_start = 0, cluster_end = 0;
    int have_cluster = 0;
    for (size_t i = 0; i <= n; i++) {
        int32_t s = 0, e = 0;
        int is_spell = 0;
        if (i < n && c->type[i] == CAREALIGN_CONTACT_REABLEMENT_START) {
            is_spell = 1;
            s = c->start[i];
            if (c->has[i] & CAREALIGN_CONTACT_HAS_END) {
                e = c->end[i];
            } else {
                e = CAREALIGN__NO_DAY;
                for (size_t k = i; k < n; k++)
                    if (c->type[k] == CAREALIGN_CONTACT_REABLEMENT_END && !j->used[k] &&
                        c->start[k] >= s) {
                        j->used[k] = 1;
                        e = c->start[k];
                        break;
                    }
            }
        }
        if (i < n && !is_spell)
            continue;
        if (have_cluster && i < n && (int64_t)s - cluster_end <= p->reablement_cluster_gap) {
            if (e > cluster_end)
                cluster_end = e;
            continue;
        }
        if (have_cluster) {
            /* close the cluster: link the latest eligible discharge */
            int64_t lo = (int64_t)cluster_start - p->reablement_before;
            int64_t hi = (int64_t)cluster_start + p->reablement_after;
            size_t best = SIZE_MAX;
            for (size_t d = 0; d < j->n_dis; d++) {
                const carealign_discharge *ds = &j->dis[d];
                if (ds->reablement_exclusions != 0 || ds->day < lo || ds->day > hi ||
                    ds->admission_day > cluster_start)
                    continue;
                if (best == SIZE_MAX || ds->day >= j->dis[best].day)
                    best = d;
            }
            if (best != SIZE_MAX) {
                carealign_discharge *ds = &j->dis[best];
                int32_t dd = ds->day;
                int64_t until = (int64_t)dd + F;
                int died = death != CAREALIGN__NO_DAY && death >= dd && death <= until;
                if (died && (p->flags & CAREALIGN_JOPT_REABLE_EXCLUDE_DEATHS)) {
                    ds->reablement_exclusions |= CAREALIGN_REABLE_EXCL_DIED;
                    r->n_reablement_excluded++;
                } else {
                    int fail = 0;
                    if (p->reablement_outcome == CAREALIGN_REABLE_OUTCOME_NO_EVENT) {
                        fail = died;
                        for (size_t k = 0; k < j->n_stays && !fail; k++) {
                            const carealign__stay *s2 = &j->stays[k];
                            if (!s2->emergency || s2->adm_unknown)
                                continue;
                            if (s2->adm <= dd || s2->adm <= cluster_start || s2->adm > until)
                                continue;
                            if ((p->flags & CAREALIGN_JOPT_REABLE_READMIT_EXCLUDE_ZERO_LOS) &&
                                s2->dis <= s2->adm)
                                continue;
                            fail = 1;
                        }
                        if (!fail && until <= INT32_MAX &&
                            care_home_start_between(j, dd, (int32_t)until))
                            fail = 1;
                    } else {
                        int32_t T = until > INT32_MAX - 1 ? INT32_MAX - 1 : (int32_t)until;
                        fail = death <= T;
                        for (size_t k = 0; k < j->n_stays && !fail; k++) {
                            const carealign__stay *s2 = &j->stays[k];
                            if (!s2->adm_unknown && s2->adm <= T && s2->dis > T)
                                fail = 1;
                        }
                        if (!fail && in_care_home(j, T))
                            fail = 1;
                    }
                    r->n_reablement_denominator++;
                    ds->reablement = 1;
                    if (!fail) {
                        r->n_reablement_numerator++;
                        ds->reablement = 2;
                    }
                }
            }
            have_cluster = 0;
        }
        if (i < n) {
            have_cluster = 1;
            cluster_start = s;
            cluster_end = e;
        }
    }
}

/* *r = *src: with SSE2 one 16-byte load and store at a time (compilers
 * made the 272-byte memcpy a `rep movs`, whose start-up costs more than
 * the copy); memcpy elsewhere. */
static inline void copy_result(carealign_journey_result *r, const carealign_journey_result *src)
{
#if CAREALIGN__SSE2
    if (sizeof *r % 16 == 0) {
        unsigned char *d = (unsigned char *)r;
        const unsigned char *s = (const unsigned char *)src;
        for (size_t i = 0; i < sizeof *r; i += 16)
            _mm_storeu_si128((__m128i *)(void *)(d + i),
                             _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
        return;
    }
#endif
    memcpy(r, src, sizeof *r);
}

/* ---- several periods at once ------------------------------------------- */

/* Up to this many contacts in a period the usual case sums the squares of
 * their continuity counts in integers: below 2^53, as exact as
 * org_counts' doubles. */
#define PLAIN_MAX ((size_t)1 << 26)

/* j->tinfo for the options o. */
static void make_tinfo(carealign_journey *j, const carealign__jopts *o)
{
    const uint64_t ct = o->continuity_types, at = o->assessment_types;
    for (unsigned t = 0; t < CAREALIGN_CONTACT_TYPE_END; t++)
        j->tinfo[t] = (((ct >> t) & 1u) ? UINT64_C(0xFFFFFFFF) : 0) | (((at >> t) & 1u) << 63);
    j->tinfo_c = ct;
    j->tinfo_a = at;
}

/* The figures of the run c[i0..i1) that compute_period's general pass
 * (period_run) gives, in the usual case: no minutes, staff time, activity
 * or costs given, no unit costs, the "keep" same-day rule, no professional
 * named, the types present known (j->tbits), every organisation below 64
 * and at most PLAIN_MAX contacts in the run. r holds o->base's fields for
 * them. Its own function, so that the few values of its loop stay in
 * registers: the organisations' and sectors' bits from a table, one table
 * entry per type for whether it is a continuity contact and an assessment,
 * the continuity contacts per organisation in j->ocnt (their sum, squares,
 * largest and how many read off after the loop), the assessments looked at
 * after it and the long-term care-home admissions counted only when there
 * are some. */
CAREALIGN__NOINLINE static void plain_run(carealign_journey *j, const carealign__jopts *o,
                                          carealign_journey_result *r, size_t i0, size_t i1)
{
    if (j->tinfo_c != o->continuity_types || j->tinfo_a != o->assessment_types)
        make_tinfo(j, o);
    const size_t m = i1 - i0;
    int32_t *const ax = j->ids; /* the assessments, as offsets from i1 (room for n) */
    uint64_t sec = 0, ob = 0;
    size_t h = 0, na = 0;
    if (m > 0) {
        const int32_t *const c_type = j->k.type + i1, *const c_org = j->k.org + i1,
                             *const c_sector = j->k.sector + i1;
        uint32_t prev = UINT32_MAX;
        int32_t *axe = ax;
#define CAREALIGN__PLAIN_STEP(SEC)                                                                 \
    do {                                                                                           \
        const uint32_t org = (uint32_t)c_org[i]; /* org >= 0 */                                    \
        const uint64_t t = j->tinfo[c_type[i]];                                                    \
        SEC;                                                                                       \
        ob |= carealign__bit64(org);                                                               \
        if (t >> 63)                                                                               \
            *axe++ = (int32_t)i;                                                                   \
        j->ocnt[org] -= (uint32_t)t; /* + 1 for a continuity contact */                            \
        /* nonzero for a continuity contact at another organisation than                           \
         * the last one; prev = that organisation, no branch */                                    \
        const uint32_t diff = (org ^ prev) & (uint32_t)t;                                          \
        h += diff != 0;                                                                            \
        prev ^= diff;                                                                              \
    } while (0)
        if (i0 == 0 && i1 == j->n && (j->g_valid & CAREALIGN__G_SECTORS)) {
            /* the run is every contact: their sectors are known */
            sec = j->g_sectors;
            for (ptrdiff_t i = -(ptrdiff_t)m; i < 0; i++)
                CAREALIGN__PLAIN_STEP((void)0);
        } else {
            for (ptrdiff_t i = -(ptrdiff_t)m; i < 0; i++)
                CAREALIGN__PLAIN_STEP(sec |= carealign__bit64((uint32_t)c_sector[i]));
        }
#undef CAREALIGN__PLAIN_STEP
        na = (size_t)(axe - ax);
    }
    int32_t n_dup = 0, n_ltch = 0;
    if (i0 > 0) {
        for (size_t a = 0; a < na; a++)
            n_dup += earlier_other_org(j->k.start, j->k.type, j->k.org, j->kv.subtype, j->kv.su,
                                       (size_t)((ptrdiff_t)i1 + ax[a]), o->duplicate_days);
    } else {
        /* every assessment before one is in ax: earlier_other_org over
         * them alone (another type is never a match), none for the first */
        const int32_t *const c_start = j->k.start + i1, *const c_type = j->k.type + i1,
                             *const c_org = j->k.org + i1, *const c_sub = j->kv.subtype;
        const size_t su = j->kv.su;
        const int64_t dup_days = o->duplicate_days;
        for (size_t a = 1; a < na; a++) {
            const ptrdiff_t i = ax[a];
            const int32_t start = c_start[i], type = c_type[i], org = c_org[i];
            const int32_t sub = c_sub[(size_t)((ptrdiff_t)i1 + i) & su];
            for (size_t b = a; b > 0; b--) {
                const ptrdiff_t k = ax[b - 1];
                if ((int64_t)start - c_start[k] > dup_days)
                    break;
                if (c_type[k] == type && c_sub[(size_t)((ptrdiff_t)i1 + k) & su] == sub &&
                    c_org[k] != org) {
                    n_dup++;
                    break;
                }
            }
        }
    }
    if (j->tbits & BIT(CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM))
        for (size_t i = i0; i < i1; i++)
            n_ltch += j->k.type[i] == CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM;
    /* org_counts over the organisations (those without a continuity
     * contact count 0) in integers, exact */
    uint64_t sq = 0;
    uint32_t mx = 0, k = 0, n_org = 0;
    size_t m0 = 0;
    for (uint64_t b = ob; b != 0; b &= b - 1) {
        const unsigned id = carealign__ctz64(b);
        const uint32_t cnt = j->ocnt[id];
        j->ocnt[id] = 0;
        m0 += cnt;
        sq += (uint64_t)cnt * cnt;
        mx = cnt > mx ? cnt : mx;
        k += cnt != 0;
        n_org++;
    }
    h -= m0 > 0;
    r->activity = (int64_t)m; /* each contact's activity is 1, none priced */
    r->n_unpriced = (int32_t)m;
    if (m > 0)
        r->flags |= CAREALIGN_JR_UNPRICED_ACTIVITY;
    r->n_lt_care_home_admissions = n_ltch;
    r->n_assessments = (int32_t)na;
    r->n_duplicate_assessments = n_dup;
    r->n_sectors = (int32_t)popcount64(sec & ~(UINT64_C(1) << CAREALIGN_SECTOR_UNKNOWN));
    r->n_organisations = (int32_t)n_org;
    set_org_continuity(r, m0, h, (double)sq, (double)mx, (double)k, o->min_contacts);
    /* no professional named: an empty professional sequence */
    r->prof_coc = r->prof_upc = r->prof_secon = r->prof_mmci = r->prof_fragmentation = NAN;
    r->flags |= CAREALIGN_JR_PROF_CONTINUITY_NA;
}

/* compute_period's figures of the run c[i0..i1) in any case: the sums,
 * sectors, organisations, professionals and both continuity sequences. */
static void period_run(carealign_journey *j, const carealign__jopts *o, carealign_journey_result *r,
                       size_t i0, size_t i1)
{
    const carealign_journey_options *p = &o->raw;
    const carealign__jcols *c = &j->k;
    /* a NULL column reads as its default (j->kv, no branch in the loop) */
    const carealign__jview *kv = &j->kv;
    const int32_t *const c_start = c->start, *const c_type = c->type, *const c_org = c->org,
                         *const c_sector = c->sector;
    const int32_t *const c_minute = kv->minute, *const c_staff = kv->staff,
                         *const c_subtype = kv->subtype;
    const int64_t *const c_activity = kv->activity, *const c_cost = kv->cost;
    const size_t mi_mask = kv->mi, st_mask = kv->st, su_mask = kv->su, ac_mask = kv->ac,
                 co_mask = kv->co;
    /* the fused pass of carealign__journey_compute over the period's run */
    uint32_t sectors = 0;
    uint64_t orgbits = 0, cbits = 0;
    size_t n_ids = 0, m0 = 0, hand = 0;
    int big_org = 0;
    int32_t prev_id = -1;
    const int32_t same_day = o->same_day;
    const uint64_t ctypes = o->continuity_types, atypes = o->assessment_types;
    uint32_t *ocnt = j->ocnt;
    carealign__seq *seq = j->seq;
    int64_t activity = 0, staff = 0, cost = 0;
    int32_t n_unpriced = 0, n_ltch = 0, n_assess = 0, n_dup = 0;
    const int64_t *unit_costs = p->unit_costs;
    const size_t n_cost_types = p->n_cost_types, n_cost_sectors = p->n_cost_sectors;
    const int64_t dup_days = o->duplicate_days;
    const int32_t minute_mask = same_day == CAREALIGN_SAMEDAY_BY_MINUTE ? -1 : 0;
    /* the usual case first: no minutes, staff time, activity or costs
     * given, no unit costs, the "keep" same-day rule (the organisation
     * sequence is then not needed) and, as it turns out, organisations
     * below 64; otherwise undone and the general loop below */
    int done = 0;
    if (kv->plain && unit_costs == NULL && same_day == CAREALIGN_SAMEDAY_KEEP) {
        uint32_t orall = 0;
        for (size_t i = i0; i < i1; i++) {
            const int32_t type = c_type[i], org = c_org[i];
            const uint32_t o6 = (uint32_t)org & 63u;
            orall |= (uint32_t)org;
            sectors |= UINT32_C(1) << c_sector[i];
            n_ltch += type == CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM;
            orgbits |= UINT64_C(1) << o6;
            if (atypes & BIT(type)) {
                n_assess++;
                n_dup += earlier_other_org(c_start, c_type, c_org, c_subtype, su_mask, i, dup_days);
            }
            const size_t is_c = (size_t)((ctypes >> type) & 1u);
            hand += is_c & (size_t)(org != prev_id);
            /* prev_id = is_c ? org : prev_id, without a branch (compilers
             * made it one, mispredicted about every other contact) */
            prev_id ^= (prev_id ^ org) & -(int32_t)is_c;
            m0 += is_c;
            cbits |= (uint64_t)is_c << o6;
            ocnt[o6] += (uint32_t)is_c;
        }
        if ((orall >> 6) == 0) {
            activity = (int64_t)(i1 - i0); /* each contact's activity is 1 */
            n_unpriced = (int32_t)(i1 - i0);
            done = 1;
        } else {
            for (uint64_t b = cbits; b != 0; b &= b - 1)
                ocnt[carealign__ctz64(b)] = 0;
            sectors = 0;
            orgbits = cbits = 0;
            m0 = hand = 0;
            prev_id = -1;
            n_ltch = n_assess = n_dup = 0;
        }
    }
    for (size_t i = i0; i < i1 && !done; i++) {
        const int32_t type = c_type[i], start = c_start[i], org = c_org[i], sector = c_sector[i];
        const int64_t act = c_activity[i & ac_mask], given_cost = c_cost[i & co_mask];
        activity += act;
        staff += c_staff[i & st_mask];
        if (given_cost != INT64_MIN) {
            cost += given_cost;
        } else {
            int64_t unit = INT64_MIN;
            if (unit_costs != NULL && (size_t)type < n_cost_types &&
                (size_t)sector < n_cost_sectors)
                unit = unit_costs[(size_t)type * n_cost_sectors + (size_t)sector];
            if (unit != INT64_MIN && unit >= 0 && ((uint64_t)act <= 1 || unit <= INT64_MAX / act)) {
                cost += unit * act;
            } else {
                n_unpriced++;
            }
        }
        sectors |= UINT32_C(1) << sector;
        n_ltch += type == CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM;
        if (org < 64)
            orgbits |= UINT64_C(1) << org;
        else
            j->ids[n_ids++] = org;
        const uint64_t tb = BIT(type);
        if (atypes & tb) {
            n_assess++;
            n_dup += earlier_other_org(c_start, c_type, c_org, c_subtype, su_mask, i, dup_days);
        }
        const size_t is_c = (size_t)((ctypes >> type) & 1u);
        seq[m0].day = start;
        seq[m0].minute = c_minute[i & mi_mask] & minute_mask;
        seq[m0].id = org;
        hand += is_c & (size_t)(org != prev_id);
        prev_id ^= (prev_id ^ org) & -(int32_t)is_c;
        m0 += is_c;
        if (org < 64) {
            cbits |= (uint64_t)is_c << org;
            ocnt[org] += (uint32_t)is_c;
        } else {
            big_org |= (int)is_c;
        }
    }
    hand -= m0 > 0;
    sectors &= ~(UINT32_C(1) << CAREALIGN_SECTOR_UNKNOWN);
    r->activity = activity;
    r->staff_minutes = staff;
    r->cost_pence = cost;
    r->n_unpriced = n_unpriced;
    r->n_lt_care_home_admissions = n_ltch;
    r->n_assessments = n_assess;
    r->n_duplicate_assessments = n_dup;
    if (r->n_unpriced > 0)
        r->flags |= CAREALIGN_JR_UNPRICED_ACTIVITY;
    r->n_sectors = (int32_t)popcount64(sectors);
    r->n_organisations = (int32_t)(popcount64(orgbits) + (n_ids > 0 ? distinct(j, n_ids) : 0));
    n_ids = 0;
    if (j->n_prof > 0) {
        for (size_t i = i0; i < i1; i++)
            if (c->prof[i] >= 0)
                j->ids[n_ids++] = c->prof[i];
        r->n_professionals = (int32_t)distinct(j, n_ids);
    }

    double idx[5];
    double sumsq, cmax, kd;
    org_counts(cbits, ocnt, &sumsq, &cmax, &kd);
    if (same_day == CAREALIGN_SAMEDAY_KEEP && !big_org)
        set_org_continuity(r, m0, hand, sumsq, cmax, kd, o->min_contacts);
    for (int pass = same_day == CAREALIGN_SAMEDAY_KEEP && !big_org; pass < 2; pass++) {
        size_t m = pass == 0 ? m0 : 0;
        for (size_t i = i0; i < i1 && pass == 1 && j->n_prof > 0; i++) {
            if (!(o->continuity_types & BIT(c_type[i])) || c->prof[i] < 0)
                continue;
            carealign__seq *sq = &j->seq[m++];
            sq->day = c_start[i];
            sq->minute = o->same_day == CAREALIGN_SAMEDAY_BY_MINUTE ? c_minute[i & mi_mask] : 0;
            sq->id = c->prof[i];
        }
        if ((pass == 1 || o->same_day == CAREALIGN_SAMEDAY_BY_MINUTE) && m > 1)
            sort_seq(j->seq, j->seq_tmp, m);
        if (o->same_day == CAREALIGN_SAMEDAY_COLLAPSE)
            m = collapse(j->seq, m);
        if (pass == 0) {
            r->continuity_contacts = (int32_t)m;
            for (size_t i = 1; i < m; i++)
                if (j->seq[i].id != j->seq[i - 1].id)
                    r->n_handoffs++;
        } else {
            r->prof_continuity_contacts = (int32_t)m;
        }
        double *dst = pass == 0 ? &r->coc : &r->prof_coc;
        if (m >= (size_t)o->min_contacts) {
            continuity(j, j->seq, m, idx);
            for (int k = 0; k < 5; k++)
                dst[k] = idx[k];
        } else {
            for (int k = 0; k < 5; k++)
                dst[k] = NAN;
            r->flags |= pass == 0 ? CAREALIGN_JR_CONTINUITY_NA : CAREALIGN_JR_PROF_CONTINUITY_NA;
        }
    }
}

/* A discharge's fields that depend on the period, before reablement():
 * its reablement fields cleared and CAREALIGN_DIS_IN_PERIOD set by o's
 * period (everything else was set once, by the preparation). 1 when it is
 * in the period. */
static inline int discharge_period(carealign_discharge *ds, const carealign__jopts *o)
{
    ds->reablement = 0;
    ds->reablement_exclusions = 0;
    const int in = ds->day >= o->ps && ds->day <= o->pe;
    if (in)
        ds->flags |= CAREALIGN_DIS_IN_PERIOD;
    else
        ds->flags &= ~(uint32_t)CAREALIGN_DIS_IN_PERIOD;
    return in;
}

/* compute_period's figures of the discharges, the reablement and the days. */
static void period_tail(carealign_journey *j, const carealign__jopts *o,
                        carealign_journey_result *r)
{
    const carealign_journey_options *p = &o->raw;
    for (size_t d = 0; d < j->n_dis; d++) {
        carealign_discharge *ds = &j->dis[d];
        if (!discharge_period(ds, o) || (ds->flags & CAREALIGN_DIS_EXCLUDED))
            continue;
        r->n_discharges++;
        if (ds->flags & CAREALIGN_DIS_FOLLOWED_UP) {
            for (int t = 0; t < 4; t++)
                if (o->followup[t] > 0 && ds->days_to_followup <= o->followup[t])
                    r->n_followup_within[t]++;
        } else {
            r->n_followup_none++;
        }
        if (ds->flags & CAREALIGN_DIS_READMITTED)
            r->n_readmissions++;
        if (ds->flags & CAREALIGN_DIS_DELAY_KNOWN) {
            r->n_delay_known++;
            r->delay_days_total = ds->delay_days > INT32_MAX - r->delay_days_total
                                      ? INT32_MAX
                                      : r->delay_days_total + ds->delay_days;
            if (ds->delay_days > 0)
                r->n_delayed++;
        }
    }

    if (p->reablement_followup_days > 0)
        reablement(j, o, j->prep_death, r);
    else
        r->flags |= CAREALIGN_JR_NO_REABLEMENT;

    carealign__journey_period_days(j, o, r);
}

/* The figures of the period [o->ps, o->pe] that depend on it, from the
 * shared state compute_periods built: the contacts of the period are the
 * sorted run c[i0..i1), the stays and discharges (j->stays, j->dis) are
 * already built and the spans away from the community merged (n_merged of
 * them in j->spans). */
void carealign__journey_compute_period(carealign_journey *j, const carealign__jopts *o,
                                       carealign_journey_result *r)
{
    const int32_t *const c_start = j->k.start;
    const size_t n = j->n;
    copy_result(r, &o->base);
    r->person = j->person;
    r->n_contacts = (int32_t)n;
    r->n_rejected = j->n_rejected;
    if (n == 0)
        r->flags |= CAREALIGN_JR_NO_CONTACTS;
    const size_t i0 = lower_bound(c_start, n, o->ps);
    /* pe < INT32_MAX; the columns are NULL when the builder never held a contact */
    const size_t i1 = i0 < n ? i0 + lower_bound(c_start + i0, n - i0, o->pe + 1) : i0;
    if ((j->kv.plain & j->tbits_valid & j->orgs_or_valid) && (j->orgs_or >> 6) == 0 &&
        j->n_prof == 0 && o->raw.unit_costs == NULL && o->same_day == CAREALIGN_SAMEDAY_KEEP &&
        i1 - i0 <= PLAIN_MAX)
        plain_run(j, o, r, i0, i1);
    else
        period_run(j, o, r, i0, i1);
    period_tail(j, o, r);
}

/* Whether the builder holds a contact of type t (below 32): its types'
 * bits when known, else its contacts' types (the columns of a prepared
 * builder). */
static int holds_type(const carealign_journey *j, int32_t t)
{
    if (j->tbits_valid)
        return (j->tbits >> t) & 1u;
    for (size_t i = 0; i < j->n; i++)
        if (j->k.type[i] == t)
            return 1;
    return 0;
}

/* carealign__journey_discharges_period, or with `exclusions` 0
 * carealign__journey_discharges_reablement. */
static void discharges_marks(carealign_journey *j, const carealign__jopts *o, int exclusions)
{
    /* period_tail's discharge loop without its counts */
    for (size_t d = 0; d < j->n_dis; d++)
        (void)discharge_period(&j->dis[d], o);
    if (o->raw.reablement_followup_days <= 0)
        return;
    /* without a reablement start there is no spell: reablement() would set
     * the exclusions only (its counts are not read) */
    if (!exclusions && !holds_type(j, CAREALIGN_CONTACT_REABLEMENT_START))
        return;
    carealign_journey_result r; /* reablement's counts, not read */
    memset(&r, 0, sizeof r);
    reablement(j, o, j->prep_death, &r);
}

void carealign__journey_discharges_period(carealign_journey *j, const carealign__jopts *o)
{
    discharges_marks(j, o, 1);
}

void carealign__journey_discharges_reablement(carealign_journey *j, const carealign__jopts *o)
{
    discharges_marks(j, o, 0);
}

/* The indices of the admission and discharge contacts (types 1 to 3:
 * every type is at least 1) of the n types t into idx; their count. */
static size_t stay_contacts(const int32_t *t, size_t n, uint32_t *idx)
{
    size_t m = 0, i = 0;
#if CAREALIGN__SSE2
    /* four contacts a compare, their indices from the mask */
    const __m128i four = _mm_set1_epi32(4);
    for (; i + 4 <= n; i += 4) {
        const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        unsigned hit = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmplt_epi32(v, four)));
        for (; hit != 0; hit &= hit - 1)
            idx[m++] = (uint32_t)(i + carealign__ctz64(hit));
    }
#endif
    for (; i < n; i++)
        if (t[i] <= CAREALIGN_CONTACT_DISCHARGE)
            idx[m++] = (uint32_t)i;
    return m;
}

/* carealign__journey_prepare's first steps: room for the contacts'
 * stays and discharges, the contacts in content order in columns and the
 * view of their optional columns. */
static carealign_status prepare_contacts(carealign_journey *j)
{
    size_t n = j->n;
    j->fig_for = NULL; /* periods.c's sums are of the previous preparation */
    if (j->dis == NULL || n > j->reserved_n || j->n_stayc > j->reserved_stays) {
        if (reserve(j, n, j->n_stayc) != CAREALIGN_OK)
            return CAREALIGN_ENOMEM;
        j->reserved_n = n > j->reserved_n ? n : j->reserved_n;
        j->reserved_stays = j->n_stayc > j->reserved_stays ? j->n_stayc : j->reserved_stays;
    }
    if (!j->soa) {
        /* c stays as it is when the order is a permutation of it (it is
         * sorted again after another contact is added) */
        const uint64_t *order = NULL;
        uint64_t mask = 0;
        if (!j->sorted) {
            order = sort_contacts(j, &mask);
            j->sorted = order == NULL;
        }
        if (to_cols(j, order, mask) != CAREALIGN_OK)
            return CAREALIGN_ENOMEM;
        j->soa = 1;
    }
    {
        static const int32_t minus1 = -1, zero = 0, na32 = INT32_MIN;
        static const int64_t one = 1, na64 = INT64_MIN;
        const carealign__jcols *k = &j->k;
        carealign__jview *v = &j->kv;
        /* in the usual case (no optional column) the view is already of
         * the defaults alone, as the last preparation left it */
        /* (k_plain: the gather's plain path left those columns NULL) */
        if ((j->k_plain == 0 &&
             ((uintptr_t)k->minute | (uintptr_t)k->staff | (uintptr_t)k->subtype |
              (uintptr_t)k->activity | (uintptr_t)k->cost) != 0) ||
            !v->plain || v->subtype != &na32) {
            v->minute = k->minute != NULL ? k->minute : &minus1;
            v->staff = k->staff != NULL ? k->staff : &zero;
            v->subtype = k->subtype != NULL ? k->subtype : &na32;
            v->activity = k->activity != NULL ? k->activity : &one;
            v->cost = k->cost != NULL ? k->cost : &na64;
            v->mi = k->minute != NULL ? SIZE_MAX : 0;
            v->st = k->staff != NULL ? SIZE_MAX : 0;
            v->su = k->subtype != NULL ? SIZE_MAX : 0;
            v->ac = k->activity != NULL ? SIZE_MAX : 0;
            v->co = k->cost != NULL ? SIZE_MAX : 0;
            v->plain =
                k->minute == NULL && k->staff == NULL && k->activity == NULL && k->cost == NULL;
        }
    }
    return CAREALIGN_OK;
}

carealign_status carealign__journey_prepare_contacts(carealign_journey *j,
                                                     const carealign__jopts *o0)
{
    carealign_status st = prepare_contacts(j);
    if (st != CAREALIGN_OK)
        return st;
    /* as for a person with no stay and nothing away from the community */
    j->n_stays = 0;
    j->n_dis = 0;
    j->prep_death = j->death_day;
    j->prep_merged = 0;
    j->prep = o0;
    j->prep_stays = 0;
    return CAREALIGN_OK;
}

/* carealign__journey_prepare's discharges of the stays j->stays under the
 * options o0 (their exclusions, follow-up types and readmission window):
 * every byte of j->dis[0 .. j->n_dis) but being in a period. */
static void make_discharges(carealign_journey *j, const carealign__jopts *o0)
{
    const carealign_journey_options *p = &o0->raw;
    const size_t n = j->n;
    const int32_t *const c_type = j->k.type, *const c_start = j->k.start;
    /* the stays a discharge may be readmitted by (emergency, admission
     * known, method not excluded), into sidx (done with) */
    uint32_t *const readm = j->sidx;
    size_t n_readm = 0;
    for (size_t q = 0; q < j->n_stays; q++) {
        const carealign__stay *s2 = &j->stays[q];
        if (!s2->emergency || s2->adm_unknown ||
            (s2->method != INT32_MIN && in_list(p->readmission_excluded_methods,
                                                p->n_readmission_excluded_methods, s2->method)))
            continue;
        readm[n_readm++] = (uint32_t)q;
    }
    j->n_dis = 0;
    for (size_t k = 0; k < j->n_stays; k++) {
        const carealign__stay *st = &j->stays[k];
        if (st->dis == CAREALIGN__NO_DAY)
            break;
        carealign_discharge *ds = &j->dis[j->n_dis++];
        memset(ds, 0, sizeof *ds);
        ds->size = sizeof *ds;
        ds->day = st->dis;
        ds->admission_day = st->adm;
        ds->org = st->org;
        ds->sector = st->sector;
        if (st->emergency)
            ds->flags |= CAREALIGN_DIS_EMERGENCY;
        if (st->adm_unknown)
            ds->flags |= CAREALIGN_DIS_ADMISSION_UNKNOWN;
        if (st->dest != INT32_MIN && in_list(p->discharge_excluded_destinations,
                                             p->n_discharge_excluded_destinations, st->dest))
            ds->flags |= CAREALIGN_DIS_EXCLUDED;
        /* the first contact from the discharge day on: after the stay's
         * first contact when the stay ends after its admission day (the
         * contacts up to that one start on it or before), usually a few */
        size_t i0 = st->ci;
        if (st->dis > st->adm)
            while (++i0 < n && c_start[i0] < st->dis)
                ;
        else
            i0 = lower_bound(c_start, n, st->dis);
        for (size_t i = i0; i < n; i++) {
            if (o0->followup_types & BIT(c_type[i])) {
                ds->days_to_followup = day_span(st->dis, c_start[i]);
                ds->flags |= CAREALIGN_DIS_FOLLOWED_UP;
                break;
            }
        }
        int64_t best = INT64_MAX;
        for (size_t e = 0; e < n_readm; e++) {
            const size_t q = readm[e];
            int64_t gap = (int64_t)j->stays[q].adm - st->dis;
            if (q == k || gap < 0 || gap >= o0->readmission_days || gap >= best)
                continue;
            best = gap;
        }
        if (best != INT64_MAX) {
            ds->days_to_readmission = (int32_t)best;
            ds->flags |= CAREALIGN_DIS_READMITTED;
        }
        if (st->ready != INT32_MIN && st->ready <= st->dis) {
            ds->delay_days = day_span(st->ready, st->dis);
            ds->flags |= CAREALIGN_DIS_DELAY_KNOWN;
        }
    }
}

carealign_status carealign__journey_prepare(carealign_journey *j, const carealign__jopts *o0)
{
    const size_t n = j->n;
    if (prepare_contacts(j) != CAREALIGN_OK)
        return CAREALIGN_ENOMEM;
    if (j->prep != NULL && j->prep_stays && j->prep_sectors == o0->stay_sectors) {
        /* nothing changed since the last preparation, whose stays, spans
         * and death day read only the stay sectors, the same here: only
         * the discharges made again */
        make_discharges(j, o0);
        j->prep = o0;
        return CAREALIGN_OK;
    }
    const carealign__jcols *c = &j->k;
    const int32_t *const c_type = c->type, *const c_start = c->start;

    /* what does not depend on the period: the death day, the stays and
     * their discharges (all but being in the period), the merged spans
     * away from the community */
    int32_t death = j->death_day;
    int any_ltch = 0;
    size_t n_sidx = 0;
    const uint64_t stay_bits = BIT(CAREALIGN_CONTACT_ADMISSION) |
                               BIT(CAREALIGN_CONTACT_EMERGENCY_ADMISSION) |
                               BIT(CAREALIGN_CONTACT_DISCHARGE);
    if (j->tbits_valid) {
        /* the types present are known: scan only for what is there */
        const uint64_t tb = j->tbits;
        any_ltch = (tb & BIT(CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM)) != 0;
        if (tb & BIT(CAREALIGN_CONTACT_DEATH))
            for (size_t i = 0; i < n; i++)
                if (c_type[i] == CAREALIGN_CONTACT_DEATH && c_start[i] < death)
                    death = c_start[i];
        if (tb & stay_bits) {
            if (j->g_valid & CAREALIGN__G_STAYS) {
                /* the plain gather found them */
                for (uint32_t b = j->g_stays; b != 0; b &= b - 1)
                    j->sidx[n_sidx++] = (uint32_t)carealign__ctz64(b);
            } else {
                n_sidx = stay_contacts(c_type, n, j->sidx);
            }
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            const int32_t type = c_type[i];
            if (type == CAREALIGN_CONTACT_DEATH && c_start[i] < death)
                death = c_start[i];
            any_ltch |= type == CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM;
            if (is_stay_contact(type))
                j->sidx[n_sidx++] = (uint32_t)i;
        }
    }
    if (n_sidx > 0)
        build_stays(j, o0, j->sidx, n_sidx,
                    !j->tbits_valid || (j->tbits & BIT(CAREALIGN_CONTACT_DISCHARGE)));
    else
        j->n_stays = 0;
    make_discharges(j, o0);
    size_t nsp = 0;
    for (size_t k = 0; k < j->n_stays; k++) {
        const carealign__stay *st = &j->stays[k];
        if (st->adm_unknown)
            continue;
        j->spans[nsp].a = st->adm;
        j->spans[nsp].b = st->dis;
        nsp++;
    }
    if (any_ltch) {
        for (size_t i = 0; i < n; i++) {
            if (c_type[i] != CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM)
                continue;
            j->spans[nsp].a = c_start[i];
            j->spans[nsp].b =
                (c->has[i] & CAREALIGN_CONTACT_HAS_END) ? c->end[i] : CAREALIGN__NO_DAY;
            nsp++;
        }
    }
    size_t k0 = 1;
    while (k0 < nsp && !SPAN_LESS(&j->spans[k0], &j->spans[k0 - 1]))
        k0++;
    if (k0 < nsp)
        sort_span(j->spans, j->spans_tmp, nsp);
    /* merged in place: the write index never passes the read one */
    size_t n_merged = 0;
    for (size_t k = 0; k < nsp; k++) {
        if (n_merged > 0 && j->spans[k].a <= j->spans[n_merged - 1].b) {
            if (j->spans[k].b > j->spans[n_merged - 1].b)
                j->spans[n_merged - 1].b = j->spans[k].b;
            continue;
        }
        j->spans[n_merged++] = j->spans[k];
    }

    j->prep_death = death;
    j->prep_merged = n_merged;
    j->prep = o0;
    j->prep_stays = 1;
    j->prep_sectors = o0->stay_sectors;
    return CAREALIGN_OK;
}

carealign_status carealign__journey_compute_periods(carealign_journey *j,
                                                    const carealign__jopts *const *o, size_t n_o,
                                                    carealign_journey_result *const *r)
{
    if (n_o == 0)
        return CAREALIGN_OK;
    carealign_status st = carealign__journey_prepare(j, o[0]);
    if (st != CAREALIGN_OK)
        return st;
    for (size_t k = 0; k < n_o; k++)
        carealign__journey_compute_period(j, o[k], r[k]);
    return CAREALIGN_OK;
}

carealign_status carealign_journey_compute(carealign_journey *j,
                                           const carealign_journey_options *options,
                                           carealign_journey_result *out)
{
    if (j == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_journey_compute: journey is NULL");
    if (out == NULL || out->size < MIN_RESULT)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_journey_compute: out is NULL or out->size too small");
    carealign__jopts o;
    carealign_status s = carealign__journey_options(options, &o);
    if (s != CAREALIGN_OK)
        return s;
    carealign_journey_result r;
    s = carealign__journey_compute(j, &o, &r);
    if (s != CAREALIGN_OK)
        return s;
    carealign__journey_put(out, out->size, &r, sizeof r);
    return CAREALIGN_OK;
}

carealign_status carealign_journey_discharge_count(const carealign_journey *j, size_t *out_n)
{
    if (j == NULL || out_n == NULL)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_journey_discharge_count: NULL argument");
    *out_n = j->n_dis;
    return CAREALIGN_OK;
}

carealign_status carealign_journey_get_discharge(const carealign_journey *j, size_t i,
                                                 carealign_discharge *out)
{
    if (j == NULL || out == NULL || out->size < MIN_DISCHARGE)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_journey_get_discharge: NULL argument or size too small");
    if (i >= j->n_dis)
        return carealign__error(CAREALIGN_ERANGE,
                                "carealign_journey_get_discharge: index %zu of %zu", i, j->n_dis);
    carealign__journey_put(out, out->size, &j->dis[i], sizeof j->dis[i]);
    return CAREALIGN_OK;
}

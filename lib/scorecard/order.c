/* The order in which a person's pending records are processed: responses by
 * person, day, value set, organisation, score, weight and flags; contacts by
 * person, start day, then all their bytes (docs/scorecard.md, "Grouping").
 * Both orders are total up to records that are the same byte for byte, so
 * any correct sort gives the same array: the result never depends on the
 * order records were fed in.
 *
 * Extracts usually arrive grouped by person; then each person's run is
 * sorted on its own (a few records: their days sorted as integer keys, a
 * comparison call only between records of the same day; a person's
 * responses, fewer and smaller, by an insertion sort of the records)
 * instead of sorting the whole table. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "scorecard/internal.h"

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define CAREALIGN__SSE2 1
#else
#define CAREALIGN__SSE2 0
#endif

enum { SMALL_RUN = CAREALIGN__SC_SMALL_RUN };

/* sort_small_run's buffer holds SMALL_RUN of the larger record. */
_Static_assert(sizeof(carealign__sc_scored) <= sizeof(carealign_contact),
               "sort_small_run: a response is no larger than a contact");

static int cmp_i32(int32_t a, int32_t b)
{
    return a < b ? -1 : a > b;
}

static int cmp_f64(double a, double b)
{
    return a < b ? -1 : a > b;
}

static int cmp_resp(const void *x, const void *y)
{
    const carealign__sc_scored *a = x, *b = y;
    int c = cmp_i32(a->person, b->person);
    if (c == 0)
        c = cmp_i32(a->day, b->day);
    if (c == 0)
        c = cmp_i32(a->vs, b->vs);
    if (c == 0)
        c = cmp_i32(a->org, b->org);
    if (c == 0)
        c = cmp_f64(a->score, b->score);
    if (c == 0)
        c = cmp_f64(a->weight, b->weight);
    if (c == 0)
        c = a->flags < b->flags ? -1 : a->flags > b->flags;
    return c;
}

static int cmp_contact(const void *x, const void *y)
{
    const carealign_contact *a = x, *b = y;
    int c = cmp_i32(a->person, b->person);
    if (c == 0) /* by start day: the criteria's loops visit one period's contacts */
        c = cmp_i32(a->start_day, b->start_day);
    if (c == 0)
        c = memcmp(a, b, sizeof *a); /* any total order: the journey sorts itself */
    return c;
}

/* A record's int32 field at byte `at`. */
static int32_t field_i32(const unsigned char *record, size_t at)
{
    int32_t v;
    memcpy(&v, record + at, sizeof v);
    return v;
}

void carealign__sc_sort_keys(uint64_t *key, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint64_t t = key[i];
        size_t k = i;
        for (; k > 0 && key[k - 1] > t; k--)
            key[k] = key[k - 1];
        key[k] = t;
    }
}

/* The 32-bit key of a day inside CAREALIGN_DATE_MIN .. CAREALIGN_DATE_MAX
 * (22 bits from the first) at position i < SMALL_RUN (5 bits): ascending
 * keys order by day, then position. */
enum { POS_BITS = 5 };
_Static_assert(SMALL_RUN <= (1 << POS_BITS), "day_order: a position fits its bits");
_Static_assert((int64_t)CAREALIGN_DATE_MAX - CAREALIGN_DATE_MIN < (INT64_C(1) << (31 - POS_BITS)),
               "day_order: a day and a position fit a positive int32");

/* below[l] = the number of the first m (a multiple of 4) keys below
 * k[l], for l = 0 .. 3: with SSE2 one load per 4 keys, compared with the
 * four k and subtracted (below: all ones, -1), then the four sums made
 * together. */
static inline void keys_below4(const int32_t *key, size_t m, const int32_t *k, uint32_t *below)
{
#if CAREALIGN__SSE2
    const __m128i k0 = _mm_set1_epi32(k[0]), k1 = _mm_set1_epi32(k[1]), k2 = _mm_set1_epi32(k[2]),
                  k3 = _mm_set1_epi32(k[3]);
    __m128i r0 = _mm_setzero_si128(), r1 = r0, r2 = r0, r3 = r0;
    for (size_t j = 0; j < m; j += 4) {
        const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(key + j));
        r0 = _mm_sub_epi32(r0, _mm_cmplt_epi32(v, k0));
        r1 = _mm_sub_epi32(r1, _mm_cmplt_epi32(v, k1));
        r2 = _mm_sub_epi32(r2, _mm_cmplt_epi32(v, k2));
        r3 = _mm_sub_epi32(r3, _mm_cmplt_epi32(v, k3));
    }
    /* lane l of the sum: r_l's four lanes added */
    const __m128i s01 = _mm_add_epi32(_mm_unpacklo_epi32(r0, r1), _mm_unpackhi_epi32(r0, r1)),
                  s23 = _mm_add_epi32(_mm_unpacklo_epi32(r2, r3), _mm_unpackhi_epi32(r2, r3));
    _mm_storeu_si128((__m128i *)(void *)below,
                     _mm_add_epi32(_mm_unpacklo_epi64(s01, s23), _mm_unpackhi_epi64(s01, s23)));
#else
    for (size_t l = 0; l < 4; l++) {
        uint32_t r = 0;
        for (size_t j = 0; j < m; j++)
            r += (uint32_t)(key[j] < k[l]);
        below[l] = r;
    }
#endif
}

void carealign__sc_day_order(const int32_t *day, size_t n, unsigned char *order)
{
    int32_t key[SMALL_RUN];
    int in_range = 1;
    for (size_t i = 0; i < n; i++) {
        in_range &= day[i] >= CAREALIGN_DATE_MIN && day[i] <= CAREALIGN_DATE_MAX;
        /* (in unsigned arithmetic: a day outside the range wraps, unused) */
        const uint32_t d = (uint32_t)day[i] - (uint32_t)CAREALIGN_DATE_MIN;
        key[i] = (int32_t)((d << POS_BITS | (uint32_t)i) & INT32_MAX);
    }
    const size_t m = (n + 3) & ~(size_t)3; /* keys compared: whole vectors */
    for (size_t i = n; i < m; i++)
        key[i] = INT32_MAX; /* below none */
    if (!in_range) {        /* not a fed record's day: through the day keys */
        uint64_t k64[SMALL_RUN];
        for (size_t i = 0; i < n; i++)
            k64[i] = carealign__sc_day_key(day[i], i);
        carealign__sc_sort_keys(k64, n);
        for (size_t i = 0; i < n; i++)
            order[i] = (unsigned char)(uint32_t)k64[i];
        return;
    }
    /* the keys are distinct (their positions): the ranks are 0 .. n - 1;
     * four at a time (the padding's ranks, past n, not used) */
    for (size_t i = 0; i < n; i += 4) {
        uint32_t rank[4];
        keys_below4(key, m, key + i, rank);
        for (size_t l = 0; l < 4 && i + l < n; l++)
            order[rank[l]] = (unsigned char)(i + l);
    }
}

/* Sort a person's run of n <= SMALL_RUN records of `size` bytes (all of one
 * person) into cmp's order: by the int32 day at byte `day_at` of each
 * record first, then position (carealign__sc_day_order), then records of
 * the same day by cmp (insertion, rare), then the records moved once into
 * that order (those before the first out of place not at all: none in a
 * run already in order). The same array as an insertion sort by cmp, since
 * cmp orders by person, then that day. */
static void sort_small_run(unsigned char *base, size_t n, size_t size, size_t day_at,
                           int (*cmp)(const void *, const void *))
{
    int32_t day[SMALL_RUN] = {0}; /* (all n written: for the compiler) */
    unsigned char key[SMALL_RUN]; /* the records' positions in order */
    unsigned char moved[SMALL_RUN * sizeof(carealign_contact)];
    for (size_t i = 0; i < n; i++)
        day[i] = field_i32(base + i * size, day_at);
    carealign__sc_day_order(day, n, key);
    for (size_t a = 0, b; a < n; a = b) { /* ties of day: by cmp */
        for (b = a + 1; b < n && day[key[b]] == day[key[a]]; b++)
            ;
        for (size_t i = a + 1; i < b; i++) {
            unsigned char t = key[i];
            size_t k = i;
            for (; k > a && cmp(base + (size_t)key[k - 1] * size, base + (size_t)t * size) > 0; k--)
                key[k] = key[k - 1];
            key[k] = t;
        }
    }
    size_t first = 0; /* records before `first` stay where they are */
    while (first < n && key[first] == first)
        first++;
    for (size_t i = first; i < n; i++)
        memcpy(moved + i * size, base + (size_t)key[i] * size, size);
    if (first < n)
        memcpy(base + first * size, moved + first * size, (n - first) * size);
}

/* 1 when the n records of `size` bytes at base are grouped by the int32
 * person at byte `person_at` in ascending order; otherwise the whole table
 * is sorted by cmp and 0 is returned. */
static int sort_table(unsigned char *base, size_t n, size_t size, size_t person_at,
                      int (*cmp)(const void *, const void *))
{
    for (size_t i = 1; i < n; i++)
        if (field_i32(base + i * size, person_at) <
            field_i32(base + (i - 1) * size, person_at)) { /* not grouped: the whole table */
            qsort(base, n, size, cmp);
            return 0;
        }
    return 1;
}

/* Sort one person's run of n records into cmp's order (day at `day_at`). */
static void sort_run(unsigned char *base, size_t n, size_t size, size_t day_at,
                     int (*cmp)(const void *, const void *))
{
    if (n < 2) /* nothing to sort (and base may be NULL) */
        return;
    if (n <= SMALL_RUN)
        sort_small_run(base, n, size, day_at, cmp);
    else
        qsort(base, n, size, cmp);
}

/* sort_table, then each person's run sorted by `run` (the records'
 * carealign__sc_sort_*_run) when grouped. */
static void sort_records(unsigned char *base, size_t n, size_t size, size_t person_at,
                         int (*cmp)(const void *, const void *), void (*run)(void *, size_t))
{
    if (!sort_table(base, n, size, person_at, cmp))
        return;
    for (size_t a = 0, b; a < n; a = b) {
        const int32_t person = field_i32(base + a * size, person_at);
        for (b = a + 1; b < n && field_i32(base + b * size, person_at) == person; b++)
            ;
        run(base + a * size, b - a);
    }
}

/* 1 when the n responses at r are in cmp_resp's order already (a
 * person's responses fed in order): then any sort leaves them as they are
 * (the order is total up to records the same byte for byte). */
static int resp_in_order(const carealign__sc_scored *r, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        const carealign__sc_scored *a = &r[i - 1], *b = &r[i];
        if (a->person == b->person && a->day < b->day)
            continue; /* (the usual case: a person's run by day) */
        if (cmp_resp(a, b) > 0)
            return 0;
    }
    return 1;
}

int carealign__sc_sort_responses_table(carealign__sc_scored *r, size_t n)
{
    return sort_table((unsigned char *)r, n, sizeof *r, offsetof(carealign__sc_scored, person),
                      cmp_resp);
}

/* A person's run of n <= SMALL_RUN responses into cmp_resp's order: an
 * insertion sort of the records themselves, by day and, between records of
 * one day, by cmp_resp (a person has a few responses of 40 bytes: fewer
 * instructions than ranking their days first as sort_small_run does). A
 * run already in order is read once and left as it is. */
static void sort_small_responses(carealign__sc_scored *r, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        if (r[i - 1].day < r[i].day)
            continue;
        const carealign__sc_scored t = r[i];
        size_t k = i;
        for (; k > 0 &&
               (r[k - 1].day > t.day || (r[k - 1].day == t.day && cmp_resp(&r[k - 1], &t) > 0));
             k--)
            r[k] = r[k - 1];
        r[k] = t;
    }
}

void carealign__sc_sort_responses_run(carealign__sc_scored *r, size_t n)
{
    if (n <= SMALL_RUN)
        sort_small_responses(r, n); /* (nothing read for n < 2: r may be NULL) */
    else if (!resp_in_order(r, n))
        qsort(r, n, sizeof *r, cmp_resp);
}

/* carealign__sc_sort_responses_run as sort_records' `run`. */
static void responses_run(void *r, size_t n)
{
    carealign__sc_sort_responses_run(r, n);
}

void carealign__sc_sort_responses(carealign__sc_scored *r, size_t n)
{
    sort_records((unsigned char *)r, n, sizeof *r, offsetof(carealign__sc_scored, person), cmp_resp,
                 responses_run);
}

void carealign__sc_sort_contacts_run(carealign_contact *c, size_t n)
{
    if (n == 2) { /* (a day's pair, pending.c's usual group): one comparison */
        if (cmp_contact(&c[0], &c[1]) > 0) {
            const carealign_contact t = c[0];
            c[0] = c[1];
            c[1] = t;
        }
        return;
    }
    sort_run((unsigned char *)c, n, sizeof *c, offsetof(carealign_contact, start_day), cmp_contact);
}

/* carealign__sc_sort_contacts_run as sort_records' `run`. */
static void contacts_run(void *c, size_t n)
{
    carealign__sc_sort_contacts_run(c, n);
}

void carealign__sc_sort_contacts(carealign_contact *c, size_t n)
{
    sort_records((unsigned char *)c, n, sizeof *c, offsetof(carealign_contact, person), cmp_contact,
                 contacts_run);
}

/* Pending contacts by person, then start day (their runs are put in full
 * order when expanded: carealign__sc_pending_run). */
static int cmp_pending(const void *x, const void *y)
{
    const carealign__sc_pending *a = x, *b = y;
    int c = cmp_i32(a->person, b->person);
    return c != 0 ? c : cmp_i32(a->start_day, b->start_day);
}

int carealign__sc_sort_pending_table(carealign__sc_pending *p, size_t n)
{
    return sort_table((unsigned char *)p, n, sizeof *p, offsetof(carealign__sc_pending, person),
                      cmp_pending);
}

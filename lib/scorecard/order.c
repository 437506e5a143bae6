/* The order in which a person's pending records are processed: responses by
 * person, day, value set, organisation, score, weight and flags; contacts by
 * person, start day, then all their bytes (docs/scorecard.md, "Grouping").
 * Both orders are total up to records that are the same byte for byte, so
 * any correct sort gives the same array: the result never depends on the
 * order records were fed in.
 *
 * Extracts usually arrive grouped by person; then each person's run is
 * sorted on its own (a few records: their days sorted as integer keys, a
 * comparison call only between records of the same day) instead of sorting
 * the whole table. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "scorecard/internal.h"

/* Runs up to this length are sorted by sort_small_run; longer ones go to
 * qsort. */
enum { SMALL_RUN = 32 };

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

/* Sort a person's run of n <= SMALL_RUN records of `size` bytes (all of one
 * person) into cmp's order: by the int32 day at byte `day_at` of each
 * record first, through 64-bit keys (day, then position) sorted by
 * insertion, then records of the same day by cmp (insertion again, rare),
 * then the records moved once into that order. The same array as an
 * insertion sort by cmp, since cmp orders by person, then that day. */
static void sort_small_run(unsigned char *base, size_t n, size_t size, size_t day_at,
                           int (*cmp)(const void *, const void *))
{
    uint64_t key[SMALL_RUN];
    unsigned char moved[SMALL_RUN * sizeof(carealign_contact)];
    for (size_t i = 0; i < n; i++) {
        int32_t day;
        memcpy(&day, base + i * size + day_at, sizeof day);
        key[i] = (uint64_t)((uint32_t)day ^ UINT32_C(0x80000000)) << 32 | i;
    }
    for (size_t i = 1; i < n; i++) {
        uint64_t t = key[i];
        size_t k = i;
        for (; k > 0 && key[k - 1] > t; k--)
            key[k] = key[k - 1];
        key[k] = t;
    }
    for (size_t a = 0, b; a < n; a = b) { /* ties of day: by cmp */
        for (b = a + 1; b < n && key[b] >> 32 == key[a] >> 32; b++)
            ;
        for (size_t i = a + 1; i < b; i++) {
            uint64_t t = key[i];
            size_t k = i;
            for (; k > a && cmp(base + (uint32_t)key[k - 1] * size, base + (uint32_t)t * size) > 0;
                 k--)
                key[k] = key[k - 1];
            key[k] = t;
        }
    }
    for (size_t i = 0; i < n; i++)
        memcpy(moved + i * size, base + (uint32_t)key[i] * size, size);
    memcpy(base, moved, n * size);
}

int carealign__sc_sort_responses_table(carealign__sc_scored *r, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (r[i].person < r[i - 1].person) { /* not grouped: the whole table */
            qsort(r, n, sizeof *r, cmp_resp);
            return 0;
        }
    return 1;
}

void carealign__sc_sort_responses_run(carealign__sc_scored *r, size_t n)
{
    if (n < 2) /* nothing to sort (and r may be NULL) */
        return;
    if (n <= SMALL_RUN)
        sort_small_run((unsigned char *)r, n, sizeof *r, offsetof(carealign__sc_scored, day),
                       cmp_resp);
    else
        qsort(r, n, sizeof *r, cmp_resp);
}

void carealign__sc_sort_responses(carealign__sc_scored *r, size_t n)
{
    if (!carealign__sc_sort_responses_table(r, n))
        return;
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a + 1; b < n && r[b].person == r[a].person; b++)
            ;
        carealign__sc_sort_responses_run(r + a, b - a);
    }
}

int carealign__sc_sort_contacts_table(carealign_contact *c, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (c[i].person < c[i - 1].person) { /* not grouped: the whole table */
            qsort(c, n, sizeof *c, cmp_contact);
            return 0;
        }
    return 1;
}

void carealign__sc_sort_contacts_run(carealign_contact *c, size_t n)
{
    if (n < 2) /* nothing to sort (and c may be NULL) */
        return;
    if (n <= SMALL_RUN)
        sort_small_run((unsigned char *)c, n, sizeof *c, offsetof(carealign_contact, start_day),
                       cmp_contact);
    else
        qsort(c, n, sizeof *c, cmp_contact);
}

void carealign__sc_sort_contacts(carealign_contact *c, size_t n)
{
    if (!carealign__sc_sort_contacts_table(c, n))
        return;
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a + 1; b < n && c[b].person == c[a].person; b++)
            ;
        carealign__sc_sort_contacts_run(c + a, b - a);
    }
}

/* The order in which a person's pending records are processed: responses by
 * person, day, value set, organisation, score, weight and flags; contacts by
 * person, start day, then all their bytes (docs/scorecard.md, "Grouping").
 * Both orders are total up to records that are the same byte for byte, so
 * any correct sort gives the same array: the result never depends on the
 * order records were fed in.
 *
 * Extracts usually arrive grouped by person; then each person's run is
 * sorted on its own (a few records: insertion sort, no call per comparison)
 * instead of sorting the whole table. */
#include <stdlib.h>
#include <string.h>

#include "scorecard/internal.h"

/* Runs up to this length are insertion-sorted; longer ones go to qsort. */
enum { SMALL_RUN = 32 };

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

static void sort_small_resp(carealign__sc_scored *r, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        carealign__sc_scored t = r[i];
        size_t k = i;
        for (; k > 0 && cmp_resp(&r[k - 1], &t) > 0; k--)
            r[k] = r[k - 1];
        r[k] = t;
    }
}

static void sort_small_contacts(carealign_contact *c, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        carealign_contact t = c[i];
        size_t k = i;
        for (; k > 0 && cmp_contact(&c[k - 1], &t) > 0; k--)
            c[k] = c[k - 1];
        c[k] = t;
    }
}

void carealign__sc_sort_responses(carealign__sc_scored *r, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (r[i].person < r[i - 1].person) { /* not grouped: the whole table */
            qsort(r, n, sizeof *r, cmp_resp);
            return;
        }
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a + 1; b < n && r[b].person == r[a].person; b++)
            ;
        if (b - a <= SMALL_RUN)
            sort_small_resp(r + a, b - a);
        else
            qsort(r + a, b - a, sizeof *r, cmp_resp);
    }
}

void carealign__sc_sort_contacts(carealign_contact *c, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (c[i].person < c[i - 1].person) { /* not grouped: the whole table */
            qsort(c, n, sizeof *c, cmp_contact);
            return;
        }
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a + 1; b < n && c[b].person == c[a].person; b++)
            ;
        if (b - a <= SMALL_RUN)
            sort_small_contacts(c + a, b - a);
        else
            qsort(c + a, b - a, sizeof *c, cmp_contact);
    }
}

/* The documented order of a person's contacts (docs/scorecard.md, "The
 * order of a person's records"), written out independently of
 * lib/scorecard/order.c for the tests' qsort references: by person, start
 * day, then every byte. */
#ifndef CAREALIGN_TESTS_REF_CONTACT_H
#define CAREALIGN_TESTS_REF_CONTACT_H

#include <string.h>

#include "carealign/journey.h"

static int ref_contact(const void *x, const void *y)
{
    const carealign_contact *a = x, *b = y;
    if (a->person != b->person)
        return a->person < b->person ? -1 : 1;
    if (a->start_day != b->start_day)
        return a->start_day < b->start_day ? -1 : 1;
    return memcmp(a, b, sizeof *a);
}

#endif

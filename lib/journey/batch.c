/* The columnar batch: a whole table of contacts, one result row per person
 * index. Rows in any order are grouped by a counting sort on the person
 * index; rows already in person order can skip it (CAREALIGN_JOPT_INPUT_SORTED). */
#include <string.h>

#include "core/internal.h"
#include "journey/internal.h"

static int32_t col32(const int32_t *col, size_t r)
{
    return col != NULL ? col[r] : CAREALIGN_NA_I32;
}

/* Row r as a contact; EINVAL (last error set) for an invalid row. */
static carealign_status load_row(const carealign_contact_columns *k, size_t r, carealign__jc *out)
{
    carealign_contact c;
    memset(&c, 0, sizeof c);
    c.size = sizeof c;
    c.org = k->org[r];
    c.sector = k->sector[r];
    c.type = k->type[r];
    c.start_day = k->start_day[r];
    if (c.org == CAREALIGN_NA_I32 || c.sector == CAREALIGN_NA_I32 || c.type == CAREALIGN_NA_I32)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_journey_batch: row %zu has no org, sector or type", r);
    int32_t v;
    if ((v = col32(k->end_day, r)) != CAREALIGN_NA_I32) {
        c.has |= CAREALIGN_CONTACT_HAS_END;
        c.end_day = v;
    }
    if ((v = col32(k->start_minute, r)) != CAREALIGN_NA_I32) {
        c.has |= CAREALIGN_CONTACT_HAS_START_MINUTE;
        c.start_minute = v;
    }
    if ((v = col32(k->professional, r)) != CAREALIGN_NA_I32) {
        c.has |= CAREALIGN_CONTACT_HAS_PROFESSIONAL;
        c.professional = v;
    }
    if ((v = col32(k->subtype, r)) != CAREALIGN_NA_I32) {
        c.has |= CAREALIGN_CONTACT_HAS_SUBTYPE;
        c.subtype = v;
    }
    if ((v = col32(k->admission_method, r)) != CAREALIGN_NA_I32) {
        c.has |= CAREALIGN_CONTACT_HAS_ADMISSION_METHOD;
        c.admission_method = v;
    }
    if ((v = col32(k->discharge_destination, r)) != CAREALIGN_NA_I32) {
        c.has |= CAREALIGN_CONTACT_HAS_DESTINATION;
        c.discharge_destination = v;
    }
    if ((v = col32(k->discharge_ready_day, r)) != CAREALIGN_NA_I32) {
        c.has |= CAREALIGN_CONTACT_HAS_READY_DAY;
        c.discharge_ready_day = v;
    }
    if ((v = col32(k->staff_minutes, r)) != CAREALIGN_NA_I32)
        c.staff_minutes = v;
    if (k->activity != NULL && k->activity[r] != CAREALIGN_NA_I64) {
        c.has |= CAREALIGN_CONTACT_HAS_ACTIVITY;
        c.activity = k->activity[r];
    }
    if (k->cost_pence != NULL && k->cost_pence[r] != CAREALIGN_NA_I64) {
        c.has |= CAREALIGN_CONTACT_HAS_COST;
        c.cost_pence = k->cost_pence[r];
    }
    carealign_status s = carealign__journey_convert(&c, out);
    if (s != CAREALIGN_OK) {
        char why[200];
        strncpy(why, carealign_last_error(), sizeof why - 1);
        why[sizeof why - 1] = 0;
        return carealign__error(s, "carealign_journey_batch: row %zu: %s", r, why);
    }
    return CAREALIGN_OK;
}

#define CAREALIGN__PREFETCH 24
#if defined(__GNUC__)
#define CAREALIGN__FETCH(col, r)                                                                   \
    do {                                                                                           \
        if ((col) != NULL)                                                                         \
            __builtin_prefetch(&(col)[r]);                                                         \
    } while (0)
#else
#define CAREALIGN__FETCH(col, r) ((void)0)
#endif

static void prefetch_row(const carealign_contact_columns *k, size_t r)
{
    CAREALIGN__FETCH(k->org, r);
    CAREALIGN__FETCH(k->sector, r);
    CAREALIGN__FETCH(k->type, r);
    CAREALIGN__FETCH(k->start_day, r);
    CAREALIGN__FETCH(k->end_day, r);
    CAREALIGN__FETCH(k->start_minute, r);
    CAREALIGN__FETCH(k->professional, r);
    CAREALIGN__FETCH(k->subtype, r);
    CAREALIGN__FETCH(k->admission_method, r);
    CAREALIGN__FETCH(k->discharge_destination, r);
    CAREALIGN__FETCH(k->discharge_ready_day, r);
    CAREALIGN__FETCH(k->staff_minutes, r);
    CAREALIGN__FETCH(k->activity, r);
    CAREALIGN__FETCH(k->cost_pence, r);
}

/* Person details of person p from row pr of the person columns. */
static void load_person(carealign_journey *j, const carealign_person_columns *pc, size_t pr,
                        int32_t p)
{
    j->person = p;
    if (pc == NULL)
        return;
    int32_t y = col32(pc->birth_year, pr), m = col32(pc->birth_month, pr);
    if (y != CAREALIGN_NA_I32 && m != CAREALIGN_NA_I32) {
        int32_t saved = j->birth_day;
        if (carealign__journey_birth(j, y, m) != CAREALIGN_OK) {
            j->has_birth = 0; /* an impossible birth is an unknown one */
            j->birth_day = saved;
        }
    }
    int32_t d = col32(pc->death_day, pr);
    if (d != CAREALIGN_NA_I32)
        j->death_day = d;
    if (pc->flags != NULL)
        j->person_flags = pc->flags[pr];
}

carealign_status carealign_journey_batch(carealign_journey *j,
                                         const carealign_contact_columns *contacts,
                                         const carealign_person_columns *people,
                                         const carealign_journey_options *options,
                                         carealign_journey_result *results, size_t n_results,
                                         int32_t *row_status, size_t *out_n_rejected)
{
    if (j == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_journey_batch: journey is NULL");
    carealign_contact_columns k;
    carealign_status s =
        carealign__read_struct(&k, sizeof k, contacts, 136, "carealign_contact_columns");
    if (s != CAREALIGN_OK)
        return s;
    carealign_person_columns pc;
    const carealign_person_columns *pcp = NULL;
    if (people != NULL) {
        s = carealign__read_struct(&pc, sizeof pc, people, 96, "carealign_person_columns");
        if (s != CAREALIGN_OK)
            return s;
        pcp = &pc;
    }
    if (k.n > 0 && (k.person == NULL || k.org == NULL || k.sector == NULL || k.type == NULL ||
                    k.start_day == NULL))
        return carealign__error(CAREALIGN_EINVAL, "carealign_journey_batch: a required contact "
                                                  "column (person, org, sector, type, "
                                                  "start_day) is NULL");
    if (k.n > UINT32_MAX || n_results > (size_t)INT32_MAX)
        return carealign__error(CAREALIGN_EINVAL, "carealign_journey_batch: more than 2^32 rows "
                                                  "or 2^31 people; split the table");
    if (n_results > 0 && (results == NULL || results[0].size < 272))
        return carealign__error(CAREALIGN_EINVAL, "carealign_journey_batch: results is NULL or "
                                                  "results[0].size too small");
    carealign__jopts o;
    s = carealign__journey_options(options, &o);
    if (s != CAREALIGN_OK)
        return s;
    size_t stride = n_results > 0 ? results[0].size : 0;
    size_t n = k.n;
    int sorted = (o.raw.flags & CAREALIGN_JOPT_INPUT_SORTED) != 0;

    if (sorted) {
        int32_t prev = -1;
        for (size_t r = 0; r < n; r++) {
            int32_t p = k.person[r];
            if (p < 0 || (size_t)p >= n_results)
                continue;
            if (p < prev)
                return carealign__error(CAREALIGN_EINVAL,
                                        "carealign_journey_batch: row %zu is out of person order "
                                        "(CAREALIGN_JOPT_INPUT_SORTED)",
                                        r);
            prev = p;
        }
    }

    /* person -> row of the person columns */
    int32_t *prow = NULL;
    if (pcp != NULL && pcp->person != NULL && n_results > 0) {
        prow = carealign__malloc(n_results * sizeof *prow);
        if (prow == NULL)
            return CAREALIGN_ENOMEM;
        for (size_t p = 0; p < n_results; p++)
            prow[p] = -1;
        for (size_t r = 0; r < pcp->n && r <= (size_t)INT32_MAX; r++) {
            int32_t p = pcp->person[r];
            if (p >= 0 && (size_t)p < n_results)
                prow[p] = (int32_t)r;
        }
    }

    /* rows grouped by person: counting sort of row numbers */
    uint32_t *start = NULL, *order = NULL;
    size_t rejected = 0;
    if (!sorted && n > 0) {
        start = carealign__calloc(n_results + 1, sizeof *start);
        order = carealign__malloc(n * sizeof *order);
        if (start == NULL || order == NULL) {
            carealign__free(start);
            carealign__free(order);
            carealign__free(prow);
            return CAREALIGN_ENOMEM;
        }
        for (size_t r = 0; r < n; r++) {
            int32_t p = k.person[r];
            if (p >= 0 && (size_t)p < n_results)
                start[p + 1]++;
        }
        for (size_t p = 0; p < n_results; p++)
            start[p + 1] += start[p];
        for (size_t r = 0; r < n; r++) {
            int32_t p = k.person[r];
            if (p >= 0 && (size_t)p < n_results)
                order[start[p]++] = (uint32_t)r;
        }
        /* start[p] now holds the end of p's rows; shift back */
        for (size_t p = n_results; p > 0; p--)
            start[p] = start[p - 1];
        start[0] = 0;
    }

    size_t row = 0; /* sorted mode cursor */
    for (size_t p = 0; p < n_results; p++) {
        carealign_journey_reset(j);
        size_t pr = p;
        const carealign_person_columns *use = NULL;
        if (pcp != NULL) {
            if (prow != NULL) {
                if (prow[p] >= 0) {
                    pr = (size_t)prow[p];
                    use = pcp;
                }
            } else if (p < pcp->n) {
                use = pcp;
            }
        }
        load_person(j, use, pr, (int32_t)p);
        size_t lo = 0, hi = 0;
        if (!sorted && n > 0) {
            lo = start[p];
            hi = start[p + 1];
        }
        for (;;) {
            size_t r;
            if (sorted) {
                while (row < n && (k.person[row] < 0 || (size_t)k.person[row] >= n_results)) {
                    if (row_status != NULL)
                        row_status[row] = CAREALIGN_EINVAL;
                    rejected++;
                    row++;
                }
                if (row >= n || (size_t)k.person[row] != p)
                    break;
                r = row++;
            } else {
                if (lo >= hi)
                    break;
                r = order[lo++];
                /* rows come in person order through a random index: fetch
                 * the columns of a row further on while this one is used */
                if (lo + CAREALIGN__PREFETCH < start[n_results])
                    prefetch_row(&k, order[lo + CAREALIGN__PREFETCH]);
            }
            carealign__jc jc;
            s = load_row(&k, r, &jc);
            if (s == CAREALIGN_OK)
                s = carealign__journey_push(j, &jc);
            if (s == CAREALIGN_ENOMEM)
                goto done;
            if (s != CAREALIGN_OK) {
                j->n_rejected++;
                rejected++;
            }
            if (row_status != NULL)
                row_status[r] = (int32_t)s;
        }
        carealign_journey_result res;
        s = carealign__journey_compute(j, &o, &res);
        if (s != CAREALIGN_OK)
            goto done;
        carealign__journey_put((unsigned char *)results + p * stride, stride, &res, sizeof res);
    }
    if (sorted) {
        for (; row < n; row++) { /* trailing out-of-range rows */
            if (row_status != NULL)
                row_status[row] = CAREALIGN_EINVAL;
            rejected++;
        }
    } else {
        for (size_t r = 0; r < n; r++) {
            int32_t p = k.person[r];
            if (p < 0 || (size_t)p >= n_results) {
                if (row_status != NULL)
                    row_status[r] = CAREALIGN_EINVAL;
                rejected++;
            }
        }
    }
    s = CAREALIGN_OK;
    if (out_n_rejected != NULL)
        *out_n_rejected = rejected;
done:
    carealign_journey_reset(j);
    carealign__free(start);
    carealign__free(order);
    carealign__free(prow);
    return s;
}

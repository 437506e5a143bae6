/* The columnar batch: a whole table of contacts, one result row per person
 * index. Rows in any order are grouped by a counting sort on the person
 * index; rows already in person order can skip it (CAREALIGN_JOPT_INPUT_SORTED). */
#include <string.h>

#include "core/bits.h"
#include "core/internal.h"
#include "journey/internal.h"

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define CAREALIGN__STREAM 1
#else
#define CAREALIGN__STREAM 0
#endif

static int32_t col32(const int32_t *col, size_t r)
{
    return col != NULL ? col[r] : CAREALIGN_NA_I32;
}

/* Row r as a contact; EINVAL (last error set) for an invalid row, whose
 * message names the caller's row number `shown`. */
static carealign_status load_row(const carealign_contact_columns *k, size_t r, size_t shown,
                                 carealign__jc *out)
{
    carealign_contact c;
    memset(&c, 0, sizeof c);
    c.size = sizeof c;
    c.org = k->org[r];
    c.sector = k->sector[r];
    c.type = k->type[r];
    c.start_day = k->start_day[r];
    if (c.org == CAREALIGN_NA_I32 || c.sector == CAREALIGN_NA_I32 || c.type == CAREALIGN_NA_I32)
        return carealign__error(
            CAREALIGN_EINVAL, "carealign_journey_batch: row %zu has no org, sector or type", shown);
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
        return carealign__error(s, "carealign_journey_batch: row %zu: %s", shown, why);
    }
    return CAREALIGN_OK;
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

typedef struct batch_ctx {
    carealign_journey *j;
    const carealign__jopts *o;
    const carealign_person_columns *pcp;
    int32_t *prow; /* person -> row of the person columns, or NULL */
    unsigned char *results;
    size_t stride;
    int32_t *row_status;
    size_t n_results;
    size_t rejected;
    int plain; /* no optional contact column but end_day */
} batch_ctx;

/* Add rows lo..hi-1 of k to the person in j, column by column (each
 * optional column tested once, not per row); statuses go to
 * row_status[rowid[r]] (rowid NULL: r); error messages name row rowid[r]
 * (rowid NULL: r + shown).
 * The checks and bytes are those of
 * load_row + carealign__journey_convert; when a row fails them, every row
 * of the run is redone by load_row (errors for the failing ones, the same
 * bytes for the others). ENOMEM is the only failure returned. */
static carealign_status add_rows(batch_ctx *x, const carealign_contact_columns *k,
                                 const uint32_t *rowid, size_t lo, size_t hi, size_t shown)
{
    carealign_journey *j = x->j;
    size_t m = hi - lo;
    if (carealign__journey_edit(j) != CAREALIGN_OK)
        return CAREALIGN_ENOMEM;
    if (j->n + m > j->cap && carealign__journey_grow(j, j->n + m) != CAREALIGN_OK)
        return CAREALIGN_ENOMEM;
    carealign__jc *o = j->c + j->n;
    /* bad: some row fails a check (then every row is redone by load_row) */
    int32_t bad = 0;
    for (size_t i = 0; i < m; i++) {
        size_t r = lo + i;
        int32_t org = k->org[r], sector = k->sector[r], type = k->type[r], start = k->start_day[r];
        carealign__jc *c = &o[i];
        c->start = start;
        c->end = start;
        c->minute = -1;
        c->org = org;
        c->prof = -1;
        c->sector = sector;
        c->type = type;
        c->subtype = INT32_MIN;
        c->method = INT32_MIN;
        c->dest = INT32_MIN;
        c->ready = INT32_MIN;
        c->staff_minutes = 0;
        c->has = 0;
        c->pad = 0;
        bad |= ((uint32_t)type - 1u >= (uint32_t)CAREALIGN_CONTACT_TYPE_END - 1u) | (org < 0) |
               ((uint32_t)sector > 31u) | (start == INT32_MIN);
        c->activity = 1;
        c->cost = INT64_MIN;
    }
    int32_t v;
    int64_t w;
    if (k->end_day != NULL)
        for (size_t i = 0; i < m; i++)
            if ((v = k->end_day[lo + i]) != CAREALIGN_NA_I32) {
                bad |= v < o[i].start;
                o[i].has |= CAREALIGN_CONTACT_HAS_END;
                o[i].end = v;
            }
    if (k->start_minute != NULL)
        for (size_t i = 0; i < m; i++)
            if ((v = k->start_minute[lo + i]) != CAREALIGN_NA_I32) {
                bad |= v < 0 || v > 1439;
                o[i].has |= CAREALIGN_CONTACT_HAS_START_MINUTE;
                o[i].minute = v;
            }
    if (k->professional != NULL)
        for (size_t i = 0; i < m; i++)
            if ((v = k->professional[lo + i]) != CAREALIGN_NA_I32) {
                bad |= v < 0;
                o[i].has |= CAREALIGN_CONTACT_HAS_PROFESSIONAL;
                o[i].prof = v;
            }
    if (k->subtype != NULL)
        for (size_t i = 0; i < m; i++)
            if ((v = k->subtype[lo + i]) != CAREALIGN_NA_I32) {
                o[i].has |= CAREALIGN_CONTACT_HAS_SUBTYPE;
                o[i].subtype = v;
            }
    if (k->admission_method != NULL)
        for (size_t i = 0; i < m; i++)
            if ((v = k->admission_method[lo + i]) != CAREALIGN_NA_I32) {
                o[i].has |= CAREALIGN_CONTACT_HAS_ADMISSION_METHOD;
                o[i].method = v;
            }
    if (k->discharge_destination != NULL)
        for (size_t i = 0; i < m; i++)
            if ((v = k->discharge_destination[lo + i]) != CAREALIGN_NA_I32) {
                o[i].has |= CAREALIGN_CONTACT_HAS_DESTINATION;
                o[i].dest = v;
            }
    if (k->discharge_ready_day != NULL)
        for (size_t i = 0; i < m; i++)
            if ((v = k->discharge_ready_day[lo + i]) != CAREALIGN_NA_I32) {
                o[i].has |= CAREALIGN_CONTACT_HAS_READY_DAY;
                o[i].ready = v;
            }
    if (k->staff_minutes != NULL)
        for (size_t i = 0; i < m; i++)
            if ((v = k->staff_minutes[lo + i]) != CAREALIGN_NA_I32) {
                bad |= v < 0;
                o[i].staff_minutes = v;
            }
    if (k->activity != NULL)
        for (size_t i = 0; i < m; i++)
            if ((w = k->activity[lo + i]) != CAREALIGN_NA_I64) {
                bad |= w < 0;
                o[i].has |= CAREALIGN_CONTACT_HAS_ACTIVITY;
                o[i].activity = w;
            }
    if (k->cost_pence != NULL)
        for (size_t i = 0; i < m; i++)
            if ((w = k->cost_pence[lo + i]) != CAREALIGN_NA_I64) {
                bad |= w < 0;
                o[i].has |= CAREALIGN_CONTACT_HAS_COST;
                o[i].cost = w;
            }
    if (bad == 0) { /* the usual case: every row valid, nothing to compact */
        const int32_t *tc = k->type + lo;
        size_t nst = 0;
        for (size_t i = 0; i < m; i++)
            nst += tc[i] <= CAREALIGN_CONTACT_DISCHARGE;
        j->n_stayc += nst;
        if (k->professional != NULL)
            for (size_t i = 0; i < m; i++)
                j->n_prof += o[i].prof >= 0;
        if (x->row_status != NULL)
            for (size_t i = 0; i < m; i++)
                x->row_status[rowid != NULL ? rowid[lo + i] : lo + i] = CAREALIGN_OK;
        if (m > 0) {
            j->n += m;
            j->sorted = 0;
        }
        return CAREALIGN_OK;
    }
    size_t kept = 0;
    for (size_t i = 0; i < m; i++) {
        size_t r = lo + i;
        carealign__jc jc;
        carealign_status s = load_row(k, r, rowid != NULL ? rowid[r] : r + shown, &jc);
        if (s == CAREALIGN_OK) {
            o[kept++] = jc;
            if (jc.prof >= 0)
                j->n_prof++;
            if (jc.type <= CAREALIGN_CONTACT_DISCHARGE)
                j->n_stayc++;
        } else {
            j->n_rejected++;
            x->rejected++;
        }
        if (x->row_status != NULL)
            x->row_status[rowid != NULL ? rowid[r] : r] = (int32_t)s;
    }
    if (kept > 0) {
        j->n += kept;
        j->sorted = 0;
    }
    return CAREALIGN_OK;
}

/* A person's m rows (row i is ix[i], or base + i), all of them, straight
 * into the empty builder in content order when they are all valid: 1 done
 * (statuses written), 0 when the caller must use add_rows, -1 for ENOMEM. */
static int take_person(batch_ctx *x, const carealign_contact_columns *k, size_t base, size_t m,
                       const uint32_t *rowid)
{
    if (m == 0 || x->j->n != 0)
        return 0;
    int got = carealign__journey_gather(x->j, k, base, m, x->plain);
    if (got == 1 && x->row_status != NULL)
        for (size_t r = base; r < base + m; r++)
            x->row_status[rowid != NULL ? rowid[r] : r] = CAREALIGN_OK;
    return got;
}

/* Person p's details (from the person columns) into the reset builder. */
static void begin_person_details(batch_ctx *x, size_t p)
{
    carealign_journey *j = x->j;
    const carealign_person_columns *pcp = x->pcp;
    size_t pr = p;
    const carealign_person_columns *use = NULL;
    if (pcp != NULL) {
        if (x->prow != NULL) {
            if (x->prow[p] >= 0) {
                pr = (size_t)x->prow[p];
                use = pcp;
            }
        } else if (p < pcp->n) {
            use = pcp;
        }
    }
    load_person(j, use, pr, (int32_t)p);
}

/* Person p into the reset builder. */
static void begin_person(batch_ctx *x, size_t p)
{
    carealign_journey_reset(x->j);
    if (x->pcp != NULL)
        begin_person_details(x, p);
    else
        x->j->person = (int32_t)p;
}

/* A result into the caller's row of the library's size. The rows are
 * written once and not read here: with SSE2 and a 16-byte aligned row the
 * copy bypasses the cache (no read of each line before it is written;
 * carealign_journey_batch fences before it returns). */
static void put_result(unsigned char *dst, const carealign_journey_result *src)
{
#if CAREALIGN__STREAM
    _Static_assert(sizeof *src == 17 * 16, "put_result copies 17 blocks of 16 bytes");
    if (((uintptr_t)(void *)dst & 15u) == 0) {
        const unsigned char *s = (const unsigned char *)src;
        /* unrolled: a loop of 17 steps cost as much again in its counting */
#define CAREALIGN__S1(b)                                                                           \
    _mm_stream_si128((__m128i *)(void *)(dst + 16 * (b)),                                          \
                     _mm_loadu_si128((const __m128i *)(const void *)(s + 16 * (b))))
#define CAREALIGN__S4(b)                                                                           \
    CAREALIGN__S1(b);                                                                              \
    CAREALIGN__S1((b) + 1);                                                                        \
    CAREALIGN__S1((b) + 2);                                                                        \
    CAREALIGN__S1((b) + 3)
        CAREALIGN__S4(0);
        CAREALIGN__S4(4);
        CAREALIGN__S4(8);
        CAREALIGN__S4(12);
        CAREALIGN__S1(16);
#undef CAREALIGN__S4
#undef CAREALIGN__S1
        return;
    }
#endif
    memcpy(dst, src, sizeof *src);
}

/* Person p's figures into the results: computed in place (in cache) and
 * copied to the caller's row when it has the library's size, else through
 * a copy cut or padded to it. */
static carealign_status end_person(batch_ctx *x, size_t p)
{
    carealign_journey_result res;
    const carealign_status s = carealign__journey_compute(x->j, x->o, &res);
    if (s != CAREALIGN_OK)
        return s;
    if (x->stride == sizeof res)
        put_result(x->results + p * x->stride, &res);
    else
        carealign__journey_put(x->results + p * x->stride, x->stride, &res, sizeof res);
    return CAREALIGN_OK;
}

/* The first row from `row` on (below row_end) whose person is not p, or
 * row_end: four rows a compare with SSE2. */
static size_t same_person_end(const int32_t *person, size_t row, size_t row_end, int32_t p)
{
#if CAREALIGN__STREAM
    const __m128i pv = _mm_set1_epi32(p);
    for (; row + 4 <= row_end; row += 4) {
        const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(person + row));
        const unsigned other =
            ~(unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(v, pv))) & 15u;
        if (other != 0)
            return row + (size_t)carealign__ctz64(other);
    }
#endif
    while (row < row_end && person[row] == p)
        row++;
    return row;
}

/* Row `at` of the caller's table names no valid person: EINVAL, counted. */
static void reject_row(batch_ctx *x, size_t at)
{
    if (x->row_status != NULL)
        x->row_status[at] = CAREALIGN_EINVAL;
    x->rejected++;
}

/* Figures for people p_lo..p_hi-1 from the rows of lk from *row on, which
 * are in person order (rows naming no valid person may be mixed in); rowid
 * maps a row of lk to the caller's row (NULL: the same). *row ends after the
 * last row used. */
static carealign_status run_people(batch_ctx *x, const carealign_contact_columns *lk,
                                   const uint32_t *rowid, size_t *row_io, size_t row_end,
                                   size_t p_lo, size_t p_hi)
{
    size_t row = *row_io;
    carealign_status s = CAREALIGN_OK;
    for (size_t p = p_lo; p < p_hi; p++) {
        begin_person(x, p);
        for (;;) {
            while (row < row_end &&
                   (lk->person[row] < 0 || (size_t)lk->person[row] >= x->n_results)) {
                reject_row(x, rowid != NULL ? rowid[row] : row);
                row++;
            }
            if (row >= row_end || (size_t)lk->person[row] != p)
                break;
            const size_t hi = same_person_end(lk->person, row + 1, row_end, (int32_t)p);
            /* the whole person when the next row names another valid person */
            int got = 0;
            if (hi >= row_end || (lk->person[hi] >= 0 && (size_t)lk->person[hi] < x->n_results))
                got = take_person(x, lk, row, hi - row, rowid);
            if (got < 0) {
                s = CAREALIGN_ENOMEM;
                goto out;
            }
            if (got == 0) {
                s = add_rows(x, lk, rowid, row, hi, 0);
                if (s != CAREALIGN_OK)
                    goto out;
            }
            row = hi;
        }
        s = end_person(x, p);
        if (s != CAREALIGN_OK)
            goto out;
    }
out:
    *row_io = row;
    return s;
}

/* run_people for rows *row_io..row_end-1 that all name a valid person, in
 * person order (no row to skip, no search past a person's rows). */
static carealign_status run_valid(batch_ctx *x, const carealign_contact_columns *lk, size_t *row_io,
                                  size_t row_end, size_t p_lo, size_t p_hi)
{
    const int32_t *const person = lk->person;
    size_t row = *row_io;
    carealign_status s = CAREALIGN_OK;
    for (size_t p = p_lo; p < p_hi; p++) {
        begin_person(x, p);
        if (row < row_end && (size_t)person[row] == p) {
            const size_t hi = same_person_end(person, row + 1, row_end, (int32_t)p);
            const int got = take_person(x, lk, row, hi - row, NULL);
            if (got < 0) {
                s = CAREALIGN_ENOMEM;
                break;
            }
            if (got == 0 && (s = add_rows(x, lk, NULL, row, hi, 0)) != CAREALIGN_OK)
                break;
            row = hi;
        }
        if ((s = end_person(x, p)) != CAREALIGN_OK)
            break;
    }
    *row_io = row;
    return s;
}

#define N_COL32 13 /* person and the twelve other int32 columns */
#define N_COL64 2

/* The grouping of unsorted rows moves person, sector and type as one
 * 32-bit word: the type in bits 0-3, the sector in bits 4-8, PK_EXOTIC
 * when either is out of those ranges (both read again from the caller's
 * row then), the person's index within its bucket from bit PK_PERSON. */
#define PK_EXOTIC (UINT32_C(1) << 9)
#define PK_PERSON 10
/* Whether int32 column i (col32_slot) travels in the packed word. */
static int packed_col(int i)
{
    return i == 0 || i == 2 || i == 3;
}

static const int32_t **col32_slot(carealign_contact_columns *k, int i)
{
    switch (i) {
    case 0: return &k->person;
    case 1: return &k->org;
    case 2: return &k->sector;
    case 3: return &k->type;
    case 4: return &k->start_day;
    case 5: return &k->end_day;
    case 6: return &k->start_minute;
    case 7: return &k->professional;
    case 8: return &k->subtype;
    case 9: return &k->admission_method;
    case 10: return &k->discharge_destination;
    case 11: return &k->discharge_ready_day;
    default: return &k->staff_minutes;
    }
}

static const int64_t **col64_slot(carealign_contact_columns *k, int i)
{
    return i == 0 ? &k->activity : &k->cost_pence;
}

/* The scratch arrays of carealign_journey_batch, kept in the builder
 * between calls (carealign_journey's jb and jb_cap): one slot each. */
enum {
    JB_PK,                         /* the packed words, grouped */
    JB_BIGID,                      /* each grouped slot's caller row number */
    JB_LOCID,                      /* the same for one bucket, in person order */
    JB_ORDER,                      /* one bucket's rows in person order */
    JB_CNT,                        /* one bucket's counts per person */
    JB_BSTART,                     /* each bucket's first slot */
    JB_POS,                        /* each bucket's next slot in a scatter */
    JB_PROW,                       /* person -> row of the person columns */
    JB_BIG32,                      /* the grouped int32 columns (col32_slot) */
    JB_LOC32 = JB_BIG32 + N_COL32, /* one bucket of each, in person order */
    JB_BIG64 = JB_LOC32 + N_COL32, /* the grouped int64 columns (col64_slot) */
    JB_LOC64 = JB_BIG64 + N_COL64, /* one bucket of each, in person order */
    JB_END = JB_LOC64 + N_COL64
};
_Static_assert(JB_END == CAREALIGN__JB_SLOTS, "CAREALIGN__JB_SLOTS counts the batch's scratch");

/* Scratch slot i of the builder with room for `bytes`: the array kept from
 * an earlier call when it is big enough (its contents are not kept), else a
 * new one with an eighth to spare (a table growing call by call reuses
 * it). NULL when out of memory; the slot is then empty and the builder
 * still usable. */
static void *scratch(carealign_journey *j, int i, size_t bytes)
{
    if (bytes > j->jb_cap[i]) {
        carealign__free(j->jb[i]);
        size_t want = bytes + bytes / 8 >= bytes ? bytes + bytes / 8 : bytes;
        j->jb[i] = carealign__malloc(want);
        j->jb_cap[i] = j->jb[i] != NULL ? want : 0;
    }
    return j->jb[i];
}

/* Rows in any order grouped by buckets of 2^shift consecutive people: the
 * row of a valid person p goes to the next free slot of bucket p >> shift
 * (whose slots start at bstart[b]), a row naming no valid person to the
 * spare slot nv. Every pass over the rows works the slots out again from
 * the person column (pos reset from bstart): measured as fast as reading
 * a slot stored per row, with 4 bytes a row less to write and to keep. */
typedef struct grouping {
    const int32_t *person;
    size_t n;
    const uint32_t *bstart;
    uint32_t *pos;
    size_t nb;
    uint32_t nr; /* n_results, at most INT32_MAX */
    uint32_t nv; /* the rows naming a valid person */
    unsigned shift;
} grouping;

/* The slot of a row of person p (a negative one is above nr). */
static inline uint32_t next_slot(uint32_t *pos, uint32_t p, uint32_t nr, uint32_t nv,
                                 unsigned shift)
{
    return p < nr ? pos[p >> shift]++ : nv;
}

/* A pass's copies of g's fields in locals (not reloaded after each of the
 * pass's writes), pos reset to each bucket's first slot. */
#define CAREALIGN__PASS(g)                                                                         \
    const int32_t *const person = (g)->person;                                                     \
    uint32_t *const pos = (g)->pos;                                                                \
    const size_t n = (g)->n;                                                                       \
    const uint32_t nr = (g)->nr, nv = (g)->nv;                                                     \
    const unsigned shift = (g)->shift;                                                             \
    memcpy(pos, (g)->bstart, (g)->nb * sizeof *pos)

/* The first pass: each row's packed word (shift is at most 21: 22 bits
 * hold the person within the bucket) into pk, and its organisation into
 * org (one read of person, sector and type for both). Returns nonzero
 * when some row is exotic (PK_EXOTIC). */
static uint32_t scatter_packed(const grouping *g, const carealign_contact_columns *k, uint32_t *pk,
                               int32_t *org)
{
    CAREALIGN__PASS(g);
    const uint32_t lmask = ((uint32_t)1 << shift) - 1;
    const int32_t *const type = k->type, *const sector = k->sector, *const korg = k->org;
    uint32_t exotic = 0;
    for (size_t r = 0; r < n; r++) {
        const uint32_t p = (uint32_t)person[r];
        const uint32_t ty = (uint32_t)type[r], se = (uint32_t)sector[r];
        const uint32_t ex = (uint32_t)(ty > 15u) | (uint32_t)(se > 31u);
        const uint32_t d = next_slot(pos, p, nr, nv, shift);
        pk[d] = (p & lmask) << PK_PERSON | ex * PK_EXOTIC | ((ty | se << 4) & (ex - 1u));
        org[d] = korg[r];
        exotic |= ex;
    }
    return exotic;
}

/* Scatter column src into dst (its slots). */
#define CAREALIGN__DEFINE_SCATTER(name, T)                                                         \
    static void name(const grouping *g, const T *src, T *dst)                                      \
    {                                                                                              \
        CAREALIGN__PASS(g);                                                                        \
        for (size_t r = 0; r < n; r++)                                                             \
            dst[next_slot(pos, (uint32_t)person[r], nr, nv, shift)] = src[r];                      \
    }
CAREALIGN__DEFINE_SCATTER(scatter32, int32_t)
CAREALIGN__DEFINE_SCATTER(scatter64, int64_t)

/* Two int32 columns at once (one slot worked out for both). */
static void scatter32x2(const grouping *g, const int32_t *s1, int32_t *d1, const int32_t *s2,
                        int32_t *d2)
{
    CAREALIGN__PASS(g);
    for (size_t r = 0; r < n; r++) {
        const uint32_t t = next_slot(pos, (uint32_t)person[r], nr, nv, shift);
        d1[t] = s1[r];
        d2[t] = s2[r];
    }
}

/* The caller's row number of each slot into id. */
static void caller_rows(const grouping *g, uint32_t *id)
{
    CAREALIGN__PASS(g);
    for (size_t r = 0; r < n; r++) /* the rows of no person all to the spare slot */
        id[next_slot(pos, (uint32_t)person[r], nr, nv, shift)] = (uint32_t)r;
}
#undef CAREALIGN__PASS

/* The caller's row numbers of the nva slots (*bigid, caller_rows) and room
 * for those of one bucket of up to mba rows (*locid), in the builder's
 * scratch; 0 when out of memory. */
static int caller_row_scratch(carealign_journey *j, const grouping *g, size_t nva, size_t mba,
                              uint32_t **bigid, uint32_t **locid)
{
    *bigid = scratch(j, JB_BIGID, nva * sizeof **bigid);
    *locid = scratch(j, JB_LOCID, mba * sizeof **locid);
    if (*bigid == NULL || *locid == NULL)
        return 0;
    caller_rows(g, *bigid);
    return 1;
}

/* Rows in any order. Two sequential stages instead of a random gather per
 * row: (1) every present column is scattered, two columns a pass, into
 * buckets of 2^shift consecutive people (a few tens of thousands of rows
 * each, so each bucket's write position streams through memory; person,
 * sector and type as one packed word); (2) each bucket, now small enough
 * for the cache, is put in person order by a counting sort and copied
 * column by column in that order, then run as sorted input. The scratch
 * stays in the builder for the next call (scratch()): a call the size of
 * an earlier one touches no fresh memory. */
static carealign_status run_unsorted(batch_ctx *x, carealign_contact_columns *k)
{
    carealign_journey *j = x->j;
    size_t n = k->n, n_results = x->n_results;
    unsigned shift = 0;
    {
        /* about 2^15 rows per bucket at the table's mean rows per person */
        size_t per = n / n_results;
        if (per < 1)
            per = 1;
        while (shift < 30 && ((size_t)2 << shift) * per <= ((size_t)1 << 15))
            shift++;
        while (shift < 30 && ((n_results - 1) >> shift) >= 1024)
            shift++;
    }
    size_t nb = ((n_results - 1) >> shift) + 1;
    size_t span = (size_t)1 << shift;
    uint32_t *bstart = scratch(j, JB_BSTART, (nb + 1) * sizeof *bstart);
    uint32_t *pos = scratch(j, JB_POS, nb * sizeof *pos);
    if (bstart == NULL || pos == NULL)
        return CAREALIGN_ENOMEM;
    memset(bstart, 0, (nb + 1) * sizeof *bstart);
    for (size_t r = 0; r < n; r++) {
        const uint32_t p = (uint32_t)k->person[r]; /* a negative one is above n_results */
        if (p < (uint32_t)n_results) {
            bstart[(p >> shift) + 1]++;
        } else {
            reject_row(x, r);
        }
    }
    size_t maxb = 0;
    for (size_t b = 0; b < nb; b++) {
        if (bstart[b + 1] > maxb)
            maxb = bstart[b + 1];
        bstart[b + 1] += bstart[b];
    }
    size_t nv = bstart[nb];
    size_t nva = nv + 1, mba = maxb ? maxb : 1;
    int32_t *big32[N_COL32] = {0}, *loc32[N_COL32] = {0};
    int64_t *big64[N_COL64] = {0}, *loc64[N_COL64] = {0};
    uint32_t *bigid = NULL, *locid = NULL;
    carealign_contact_columns lk = *k;
    for (int i = 0; i < N_COL32; i++) {
        if (*col32_slot(k, i) == NULL)
            continue;
        if (!packed_col(i) && (big32[i] = scratch(j, JB_BIG32 + i, nva * sizeof(int32_t))) == NULL)
            return CAREALIGN_ENOMEM;
        if ((loc32[i] = scratch(j, JB_LOC32 + i, mba * sizeof(int32_t))) == NULL)
            return CAREALIGN_ENOMEM;
        *col32_slot(&lk, i) = loc32[i];
    }
    for (int i = 0; i < N_COL64; i++) {
        if (*col64_slot(k, i) == NULL)
            continue;
        big64[i] = scratch(j, JB_BIG64 + i, nva * sizeof(int64_t));
        loc64[i] = scratch(j, JB_LOC64 + i, mba * sizeof(int64_t));
        if (big64[i] == NULL || loc64[i] == NULL)
            return CAREALIGN_ENOMEM;
        *col64_slot(&lk, i) = loc64[i];
    }
    uint32_t *order = scratch(j, JB_ORDER, mba * sizeof *order);
    uint32_t *cnt = scratch(j, JB_CNT, (span + 1) * sizeof *cnt);
    uint32_t *pk = scratch(j, JB_PK, nva * sizeof *pk); /* the packed words, grouped */
    if (order == NULL || cnt == NULL || pk == NULL)
        return CAREALIGN_ENOMEM;

    /* stage 1: the packed words with the organisations, then the other
     * present columns in pairs, then the 64-bit ones */
    const grouping g = {k->person, n, bstart, pos, nb, (uint32_t)n_results, (uint32_t)nv, shift};
    const uint32_t exotic = scatter_packed(&g, k, pk, big32[1]);
    for (int i = 2, held = -1; i <= N_COL32; i++) { /* the present columns but org in pairs */
        if (i < N_COL32 && big32[i] == NULL)
            continue;
        if (i == N_COL32) {
            if (held >= 0)
                scatter32(&g, *col32_slot(k, held), big32[held]);
        } else if (held < 0) {
            held = i;
        } else {
            scatter32x2(&g, *col32_slot(k, held), big32[held], *col32_slot(k, i), big32[i]);
            held = -1;
        }
    }
    for (int i = 0; i < N_COL64; i++)
        if (big64[i] != NULL)
            scatter64(&g, *col64_slot(k, i), big64[i]);
    /* caller row numbers: statuses, exotic rows */
    if ((x->row_status != NULL || exotic) && !caller_row_scratch(j, &g, nva, mba, &bigid, &locid))
        return CAREALIGN_ENOMEM;

    /* stage 2: bucket by bucket */
    for (size_t b = 0; b < nb; b++) {
        size_t lo = bstart[b], m = bstart[b + 1] - lo;
        size_t p0 = b << shift, p1 = p0 + span < n_results ? p0 + span : n_results;
        const uint32_t *bp = pk + lo;
        memset(cnt, 0, (span + 1) * sizeof *cnt);
        for (size_t i = 0; i < m; i++)
            cnt[(bp[i] >> PK_PERSON) + 1]++;
        for (size_t q = 0; q < span; q++)
            cnt[q + 1] += cnt[q];
        for (size_t i = 0; i < m; i++)
            order[cnt[bp[i] >> PK_PERSON]++] = (uint32_t)i;
        /* the bucket's columns in person order into lk (sequential
         * writes, the reads through `order` in tight loops), with their
         * caller row numbers (locid) when known; then person by person */
        { /* type and sector unpacked from the packed words on the way */
            int32_t *ltype = loc32[3], *lsector = loc32[2];
            for (size_t q = 0; q < m; q++) {
                const uint32_t w = bp[order[q]];
                ltype[q] = (int32_t)(w & 15u);
                lsector[q] = (int32_t)(w >> 4 & 31u);
            }
        }
        for (int i = 1; i < N_COL32; i++) { /* all but the person, type and sector */
            const int32_t *src = big32[i];
            if (src == NULL)
                continue;
            src += lo;
            int32_t *dst = loc32[i];
            for (size_t q = 0; q < m; q++)
                dst[q] = src[order[q]];
        }
        for (int i = 0; i < N_COL64; i++) {
            if (big64[i] == NULL)
                continue;
            const int64_t *src = big64[i] + lo;
            int64_t *dst = loc64[i];
            for (size_t q = 0; q < m; q++)
                dst[q] = src[order[q]];
        }
        if (bigid != NULL)
            for (size_t q = 0; q < m; q++)
                locid[q] = bigid[lo + order[q]];
        for (size_t q = 0; q < m && exotic; q++) { /* read again from the caller's row */
            if (bp[order[q]] & PK_EXOTIC) {
                loc32[3][q] = k->type[locid[q]];
                loc32[2][q] = k->sector[locid[q]];
            }
        }
        lk.n = m;
        size_t a = 0;
        for (size_t p = p0; p < p1; p++) {
            size_t e = cnt[p - p0];
            begin_person(x, p);
            int got = take_person(x, &lk, a, e - a, bigid != NULL ? locid : NULL);
            if (got < 0)
                return CAREALIGN_ENOMEM;
            if (got == 0 && e > a) {
                if (bigid == NULL) { /* the first bad row: caller row numbers now */
                    if (!caller_row_scratch(j, &g, nva, mba, &bigid, &locid))
                        return CAREALIGN_ENOMEM;
                    for (size_t q = 0; q < m; q++)
                        locid[q] = bigid[lo + order[q]];
                }
                carealign_status s = add_rows(x, &lk, locid, a, e, 0);
                if (s != CAREALIGN_OK)
                    return s;
            }
            carealign_status s = end_person(x, p);
            if (s != CAREALIGN_OK)
                return s;
            a = e;
        }
    }
    return CAREALIGN_OK;
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
    int quick = 0; /* sorted, and no row names a person below the row before it */

    if (sorted) {
        /* usually no row names a person below the row before it: then the
         * rows naming a valid person are in order (a row naming none is
         * rejected wherever it is), with no search for a row out of order;
         * one pass of four rows a step */
        const int32_t *kp = k.person;
        uint32_t off = 0;
        size_t r1 = 1;
#if CAREALIGN__STREAM
        {
            __m128i down = _mm_setzero_si128();
            for (; r1 + 4 <= n; r1 += 4) {
                const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(kp + r1));
                const __m128i u = _mm_loadu_si128((const __m128i *)(const void *)(kp + r1 - 1));
                down = _mm_or_si128(down, _mm_cmpgt_epi32(u, v));
            }
            off = (uint32_t)(_mm_movemask_epi8(down) != 0);
        }
#endif
        for (; r1 < n; r1++)
            off |= (uint32_t)(kp[r1] < kp[r1 - 1]);
        quick = off == 0;
        int32_t prev = -1;
        for (size_t r = 0; r < n && !quick; r++) {
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

    batch_ctx x;
    memset(&x, 0, sizeof x);
    x.j = j;
    x.o = &o;
    x.pcp = pcp;
    x.results = (unsigned char *)results;
    x.stride = stride;
    x.row_status = row_status;
    x.n_results = n_results;
    x.plain = k.start_minute == NULL && k.professional == NULL && k.subtype == NULL &&
              k.admission_method == NULL && k.discharge_destination == NULL &&
              k.discharge_ready_day == NULL && k.staff_minutes == NULL && k.activity == NULL &&
              k.cost_pence == NULL;

    /* person -> row of the person columns */
    if (pcp != NULL && pcp->person != NULL && n_results > 0) {
        x.prow = scratch(j, JB_PROW, n_results * sizeof *x.prow);
        if (x.prow == NULL)
            return CAREALIGN_ENOMEM;
        for (size_t p = 0; p < n_results; p++)
            x.prow[p] = -1;
        for (size_t r = 0; r < pcp->n && r <= (size_t)INT32_MAX; r++) {
            int32_t p = pcp->person[r];
            if (p >= 0 && (size_t)p < n_results)
                x.prow[p] = (int32_t)r;
        }
    }

    if (sorted || n == 0 || n_results == 0) {
        size_t row = 0;
        if (quick) {
            /* the rows naming no valid person are the first ones (below 0)
             * and the last ones (n_results on), those between all name one */
            const int32_t *kp = k.person;
            for (; row < n && kp[row] < 0; row++)
                reject_row(&x, row);
            size_t valid_end = n;
            while (valid_end > row && (size_t)kp[valid_end - 1] >= n_results)
                valid_end--;
            s = run_valid(&x, &k, &row, valid_end, 0, n_results);
        } else {
            s = run_people(&x, &k, NULL, &row, n, 0, n_results);
        }
        if (s == CAREALIGN_OK) {
            for (; row < n; row++) /* trailing out-of-range rows */
                reject_row(&x, row);
        }
    } else {
        s = run_unsorted(&x, &k);
    }
#if CAREALIGN__STREAM
    _mm_sfence(); /* the streamed results before anything after the call */
#endif
    if (s == CAREALIGN_OK && out_n_rejected != NULL)
        *out_n_rejected = x.rejected;
    carealign_journey_reset(j);
    return s;
}

/* The columnar batch keeps its scratch for rows in any order in the builder
 * between calls. One builder used for batch after batch of growing and
 * shrinking size (bad rows, row_status on and off, optional 32- and 64-bit
 * columns there or not, person columns with and without their person
 * column, per-person use in between) gives, call by call, the figures,
 * statuses, rejected count and last error message of a fresh builder; a
 * call failing with ENOMEM at any of its allocations leaves the builder
 * usable. */
#include "cmocka_all.h"
#include "xorshift.h"

#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"

#define MAX_ROWS 60000
#define MAX_PEOPLE 9000

/* allocation failure injection: the fail_at-th allocation fails (0: none) */
static long calls, fail_at;

static void *inj_malloc(size_t bytes, void *user)
{
    (void)user;
    if (++calls == fail_at)
        return NULL;
    return malloc(bytes);
}

static void *inj_realloc(void *ptr, size_t bytes, void *user)
{
    (void)user;
    if (++calls == fail_at)
        return NULL;
    return realloc(ptr, bytes);
}

static void inj_free(void *ptr, void *user)
{
    (void)user;
    free(ptr);
}

static uint32_t rng = 97531u;
static int32_t rnd(int32_t n)
{
    return carealign_test_rnd(&rng, n);
}

/* The contact columns (MAX_ROWS rows) and person columns (MAX_PEOPLE). */
static int32_t *col[13];
static int64_t *act, *cost;
static int32_t *p_person, *p_year, *p_month, *p_death;

/* One call's shape. */
typedef struct shape {
    size_t rows, people;
    int optional32;  /* the optional int32 columns but end_day */
    int with64;      /* 0 none, 1 activity, 2 both */
    int status;      /* row_status given */
    int bad;         /* bad rows: 1 out-of-range people, ends before starts,
                        out-of-range types and sectors; 2 only the first two
                        (no type or sector read again from the caller's row:
                        the caller row numbers made at the first bad row) */
    int people_cols; /* 0 none, 1 without, 2 with their person column */
} shape;

/* A table of the shape's size into the columns. */
static void make(const shape *sh)
{
    for (size_t i = 0; i < sh->rows; i++) {
        col[0][i] = rnd((int32_t)sh->people);
        col[1][i] = rnd(6);
        col[2][i] = 1 + rnd(7);
        col[3][i] = 1 + rnd(15);
        col[4][i] = 1000 + rnd(200);
        col[5][i] = rnd(3) == 0 ? col[4][i] + rnd(10) : CAREALIGN_NA_I32;
        col[6][i] = rnd(2) ? rnd(1440) : CAREALIGN_NA_I32;
        col[7][i] = rnd(2) ? rnd(20) : CAREALIGN_NA_I32;
        col[8][i] = rnd(2) ? rnd(3) : CAREALIGN_NA_I32;
        col[9][i] = rnd(2) ? 21 + rnd(3) : CAREALIGN_NA_I32;
        col[10][i] = rnd(2) ? 19 : CAREALIGN_NA_I32;
        col[11][i] = rnd(4) == 0 ? col[4][i] + rnd(5) : CAREALIGN_NA_I32;
        col[12][i] = rnd(60);
        act[i] = rnd(2) ? 1 + rnd(4) : CAREALIGN_NA_I64;
        cost[i] = rnd(5) == 0 ? 100 * rnd(50) : CAREALIGN_NA_I64;
        if (sh->bad && rnd(50) == 0) {
            switch (rnd(sh->bad == 2 ? 2 : 5)) {
            case 0: col[0][i] = rnd(2) ? -1 - rnd(3) : (int32_t)sh->people + rnd(3); break;
            case 1: col[5][i] = col[4][i] - 1 - rnd(3); break;
            case 2: col[3][i] = 16 + rnd(40); break;
            case 3: col[2][i] = 32 + rnd(40); break;
            default: col[2][i] = -1 - rnd(3); break;
            }
        }
    }
    for (size_t p = 0; p < sh->people; p++) {
        p_person[p] = (int32_t)(sh->people - 1 - p); /* reversed when given */
        p_year[p] = 1920 + rnd(90);
        p_month[p] = 1 + rnd(12);
        p_death[p] = rnd(4) == 0 ? 1000 + rnd(300) : CAREALIGN_NA_I32;
    }
}

static carealign_contact_columns contact_columns(const shape *sh)
{
    carealign_contact_columns cc;
    carealign_contact_columns_init(&cc, sizeof cc);
    cc.n = sh->rows;
    cc.person = col[0];
    cc.org = col[1];
    cc.sector = col[2];
    cc.type = col[3];
    cc.start_day = col[4];
    cc.end_day = col[5];
    if (sh->optional32) {
        cc.start_minute = col[6];
        cc.professional = col[7];
        cc.subtype = col[8];
        cc.admission_method = col[9];
        cc.discharge_destination = col[10];
        cc.discharge_ready_day = col[11];
        cc.staff_minutes = col[12];
    }
    if (sh->with64 >= 1)
        cc.activity = act;
    if (sh->with64 >= 2)
        cc.cost_pence = cost;
    return cc;
}

static carealign_person_columns person_columns(const shape *sh)
{
    carealign_person_columns pc;
    carealign_person_columns_init(&pc, sizeof pc);
    pc.n = sh->people;
    pc.person = sh->people_cols == 2 ? p_person : NULL;
    pc.birth_year = p_year;
    pc.birth_month = p_month;
    pc.death_day = p_death;
    return pc;
}

static carealign_journey_options options(void)
{
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.has = CAREALIGN_JOPT_HAS_PERIOD;
    o.period_start = 1000;
    o.period_end = 1150;
    o.reablement_followup_days = 30;
    o.reablement_before = 7;
    o.reablement_after = 3;
    return o;
}

/* One batch's output. */
typedef struct output {
    carealign_journey_result *res;
    int32_t *status;
    size_t rejected;
} output;

static carealign_status batch(carealign_journey *j, const shape *sh, output *out)
{
    carealign_contact_columns cc = contact_columns(sh);
    carealign_person_columns pc = person_columns(sh);
    carealign_journey_options o = options();
    out->res[0].size = sizeof out->res[0];
    out->rejected = 12345;
    return carealign_journey_batch(j, &cc, sh->people_cols ? &pc : NULL, &o, out->res, sh->people,
                                   sh->status ? out->status : NULL, &out->rejected);
}

/* The builder j's batch of shape sh gives what a fresh builder's does. */
static void same_as_fresh(carealign_journey *j, const shape *sh, output *got, output *want)
{
    carealign_journey *f = NULL;
    assert_int_equal(carealign_journey_new(&f), CAREALIGN_OK);
    memset(want->res, 0x33, sh->people * sizeof *want->res);
    memset(want->status, 0x33, sh->rows * sizeof *want->status);
    assert_int_equal(batch(f, sh, want), CAREALIGN_OK);
    char message[256]; /* the last bad row's, naming its caller row */
    strncpy(message, carealign_last_error(), sizeof message - 1);
    message[sizeof message - 1] = 0;
    carealign_journey_free(f);
    memset(got->res, 0x77, sh->people * sizeof *got->res);
    memset(got->status, 0x77, sh->rows * sizeof *got->status);
    assert_int_equal(batch(j, sh, got), CAREALIGN_OK);
    assert_string_equal(carealign_last_error(), message);
    assert_int_equal(got->rejected, want->rejected);
    if (sh->bad && sh->rows > 1000)
        assert_true(got->rejected > 0);
    if (sh->people > 0)
        assert_memory_equal(got->res, want->res, sh->people * sizeof *got->res);
    if (sh->status && sh->rows > 0)
        assert_memory_equal(got->status, want->status, sh->rows * sizeof *got->status);
}

/* Per-person use of j after a batch: the figures of a fresh builder. */
static void person_use_as_fresh(carealign_journey *j)
{
    carealign_journey *f = NULL;
    assert_int_equal(carealign_journey_new(&f), CAREALIGN_OK);
    carealign_journey_options o = options();
    carealign_journey_result a, b;
    carealign_journey_result_init(&a, sizeof a);
    carealign_journey_result_init(&b, sizeof b);
    carealign_journey *both[2] = {j, f};
    for (int w = 0; w < 2; w++) {
        carealign_journey_reset(both[w]);
        for (int32_t i = 0; i < 30; i++) {
            carealign_contact c;
            carealign_contact_init(&c, sizeof c);
            c.org = i % 4;
            c.sector = 1 + i % 5;
            c.type = 1 + (i * 7) % 15;
            c.start_day = 1000 + (i * 11) % 150;
            assert_int_equal(carealign_journey_add_contact(both[w], &c), CAREALIGN_OK);
        }
    }
    assert_int_equal(carealign_journey_compute(j, &o, &a), CAREALIGN_OK);
    assert_int_equal(carealign_journey_compute(f, &o, &b), CAREALIGN_OK);
    assert_memory_equal(&a, &b, sizeof a);
    carealign_journey_free(f);
}

static void alloc_columns(void)
{
    for (int c = 0; c < 13; c++) {
        col[c] = malloc(MAX_ROWS * sizeof(int32_t));
        assert_non_null(col[c]);
    }
    act = malloc(MAX_ROWS * sizeof *act);
    cost = malloc(MAX_ROWS * sizeof *cost);
    p_person = malloc(MAX_PEOPLE * sizeof *p_person);
    p_year = malloc(MAX_PEOPLE * sizeof *p_year);
    p_month = malloc(MAX_PEOPLE * sizeof *p_month);
    p_death = malloc(MAX_PEOPLE * sizeof *p_death);
    assert_true(act && cost && p_person && p_year && p_month && p_death);
}

static void free_columns(void)
{
    for (int c = 0; c < 13; c++)
        free(col[c]);
    free(act);
    free(cost);
    free(p_person);
    free(p_year);
    free(p_month);
    free(p_death);
}

static void alloc_output(output *o)
{
    o->res = malloc(MAX_PEOPLE * sizeof *o->res);
    o->status = malloc(MAX_ROWS * sizeof *o->status);
    assert_true(o->res && o->status);
}

static void free_output(output *o)
{
    free(o->res);
    free(o->status);
}

/* rows, people, optional32, with64, status, bad, people_cols */
static const shape shapes[] = {
    {3000, 200, 1, 2, 1, 1, 0},
    {MAX_ROWS, 4000, 1, 2, 1, 1, 2},
    {800, 30, 0, 0, 0, 0, 0},
    {MAX_ROWS, 4000, 0, 1, 0, 1, 1},
    {20000, MAX_PEOPLE, 0, 0, 1, 0, 2},
    {MAX_ROWS, 100, 1, 2, 1, 1, 0},
    {1, 1, 0, 0, 1, 0, 0},
    {0, 5, 1, 2, 1, 0, 1},
    {MAX_ROWS, 4000, 1, 0, 0, 1, 0},
    {MAX_ROWS, 4000, 0, 0, 0, 0, 0},
    {5000, 2500, 1, 2, 1, 1, 2},
    {MAX_ROWS, MAX_PEOPLE, 1, 2, 1, 1, 2},
    {MAX_ROWS, 3000, 1, 2, 0, 2, 0},
    {4000, 300, 0, 0, 0, 2, 1},
};

static void reused_builder_matches_fresh(void **state)
{
    (void)state;
    alloc_columns();
    output got, want;
    alloc_output(&got);
    alloc_output(&want);
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    for (int round = 0; round < 2; round++) {
        for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
            make(&shapes[s]);
            same_as_fresh(j, &shapes[s], &got, &want);
            same_as_fresh(j, &shapes[s], &got, &want); /* the same size again */
            if (s % 3 == 0)
                person_use_as_fresh(j);
        }
    }
    carealign_journey_free(j);
    free_output(&got);
    free_output(&want);
    free_columns();
}

/* A batch failing with ENOMEM at its k-th allocation, for every k, after
 * batches of other sizes on the same builder; the next batch (bigger) on
 * that builder gives a fresh builder's figures. */
static void enomem_leaves_builder_usable(void **state)
{
    (void)state;
    alloc_columns();
    output got, want;
    alloc_output(&got);
    alloc_output(&want);
    const shape small = {2000, 150, 1, 2, 1, 1, 2};
    const shape bigs[2] = {{9000, 700, 1, 1, 1, 1, 2}, {9000, 700, 1, 0, 0, 2, 0}};
    for (int v = 0; v < 2; v++) {
        const shape big = bigs[v];
        int failed = 0;
        for (long k = 1;; k++) {
            carealign_journey *j = NULL;
            assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
            make(&small);
            same_as_fresh(j, &small, &got, &want);
            make(&big);
            calls = 0;
            fail_at = k;
            carealign_status s = batch(j, &big, &got);
            fail_at = 0;
            if (s == CAREALIGN_OK) {
                carealign_journey_free(j);
                break;
            }
            assert_int_equal(s, CAREALIGN_ENOMEM);
            failed++;
            same_as_fresh(j, &big, &got, &want);
            carealign_journey_free(j);
        }
        assert_true(failed > 5); /* the batch's scratch grew at several points */
    }
    free_output(&got);
    free_output(&want);
    free_columns();
}

int main(void)
{
    carealign_allocator a = CAREALIGN_ALLOCATOR_INIT;
    a.malloc_fn = inj_malloc;
    a.realloc_fn = inj_realloc;
    a.free_fn = inj_free;
    if (carealign_set_allocator(&a) != CAREALIGN_OK)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reused_builder_matches_fresh),
        cmocka_unit_test(enomem_leaves_builder_usable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

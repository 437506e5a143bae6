/* Finalize: every group's estimate, population denominators, targets, SPC
 * over periods, funnels among same-sector organisations, the slope index of
 * inequality, then disclosure control and aim summaries (table.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "accum/finalize.h"
#include "scorecard/internal.h"
#include "scorecard/contrib.h"

static int cmp_key(const carealign__sc_key *a, const carealign__sc_key *b)
{
    /* stratum before period: a margin row is followed by its period rows */
    const int32_t va[8] = {a->measure,    a->level,      a->unit,       a->stratum[0],
                           a->stratum[1], a->stratum[2], a->stratum[3], a->period};
    const int32_t vb[8] = {b->measure,    b->level,      b->unit,       b->stratum[0],
                           b->stratum[1], b->stratum[2], b->stratum[3], b->period};
    for (int i = 0; i < 8; i++)
        if (va[i] != vb[i])
            return va[i] < vb[i] ? -1 : 1;
    return 0;
}

static int cmp_row(const void *x, const void *y)
{
    const carealign__sc_row *a = x, *b = y;
    const carealign_result *ra = &a->res, *rb = &b->res;
    if (ra->measure != rb->measure)
        return ra->measure < rb->measure ? -1 : 1;
    if (ra->kind != rb->kind)
        return ra->kind < rb->kind ? -1 : 1;
    carealign__sc_key ka = {ra->measure,
                            ra->level,
                            ra->unit,
                            {ra->stratum[0], ra->stratum[1], ra->stratum[2], ra->stratum[3]},
                            ra->period};
    carealign__sc_key kb = {rb->measure,
                            rb->level,
                            rb->unit,
                            {rb->stratum[0], rb->stratum[1], rb->stratum[2], rb->stratum[3]},
                            rb->period};
    return cmp_key(&ka, &kb);
}

/* Population of the base for a group: cells of the base's areas in the year
 * of the reporting period's start, whose age band lies within the
 * denominator's person-age conditions and the age stratum, and of the sex
 * stratum. Sex-specific cells are used when any exist, else persons (sex 0).
 * Returns -1 when there is none. */
/* The population in the base for a group's key, within ages [age_lo, age_hi]
 * (age_hi -1: no upper limit) as well as the measure's and the key's: the sum
 * of the population rows that lie wholly inside; -1 when none. */
static double population_for(const carealign_scorecard *sc, const carealign__sc_measure *m,
                             const carealign__sc_key *key, int32_t age_lo, int32_t age_hi)
{
    int32_t y = 0, mo = 0, d = 0;
    if (carealign_date_to_ymd(sc->period_start, &y, &mo, &d) != CAREALIGN_OK)
        return -1;
    double lo = age_lo, hi = age_hi < 0 ? 1e9 : age_hi;
    carealign__sc_age_range(sc, m, key, &lo, &hi);
    int32_t want_sex = 0;
    for (int s = 0; s < 4; s += 2) {
        int32_t dim = key->stratum[s];
        if (dim < 0)
            continue;
        if (sc->stratum_kind[dim] == CAREALIGN_STRATUM_SEX)
            want_sex = key->stratum[s + 1];
        else if (sc->stratum_kind[dim] != CAREALIGN_STRATUM_AGE)
            return -1;
    }
    int any_sex = 0;
    for (size_t i = 0; i < sc->n_pops; i++)
        if (sc->pops[i].year == y && sc->pops[i].sex != 0)
            any_sex = 1;
    double total = 0;
    int found = 0;
    for (size_t i = 0; i < sc->n_pops; i++) {
        const carealign_population *p = &sc->pops[i];
        if (p->year != y)
            continue;
        if (want_sex != 0 ? p->sex != want_sex : (any_sex ? p->sex == 0 : p->sex != 0))
            continue;
        double upper = p->age_upper < 0 ? 1e9 : p->age_upper;
        if (p->age_lower < lo || upper > hi)
            continue;
        /* the area must be in the base */
        const carealign__sc_dict *dict = &sc->dicts[CAREALIGN_DICT_AREA];
        int in_base = 0;
        for (int32_t c = 0;; c++) {
            const char *code = NULL;
            size_t len = 0;
            if (carealign_framework_get_population_code(sc->fw, c, &code, &len) != CAREALIGN_OK)
                break;
            if (len == dict->len[p->area] &&
                memcmp(code, dict->bytes + dict->start[p->area], len) == 0)
                in_base = 1;
        }
        if (!in_base)
            continue;
        total += (double)p->count;
        found = 1;
    }
    return found && total > 0 ? total : -1;
}

/* The row of group g: its estimate, interval and counts; the t quantiles
 * through `memo` (finalize's, shared by all groups). */
static carealign_status fill_row(carealign_scorecard *sc, const carealign__sc_group *g,
                                 carealign__t_memo *memo, carealign__sc_row *row)
{
    const carealign__sc_measure *m = &sc->measures[g->key.measure];
    carealign_result *r = &row->res;
    memset(row, 0, sizeof *row);
    r->size = sizeof *r;
    r->measure = g->key.measure;
    r->kind = CAREALIGN_RESULT_ESTIMATE;
    r->level = g->key.level;
    r->unit = g->key.unit;
    r->period = g->key.period;
    r->period_start = g->key.period < 0 ? sc->period_start : sc->pstart[g->key.period];
    r->period_end = g->key.period < 0 ? sc->period_end : sc->pend[g->key.period];
    memcpy(r->stratum, g->key.stratum, sizeof r->stratum);
    r->spc_point = r->spc_variation = r->spc_assurance = r->funnel = -1;
    r->target = m->target;
    r->target_met = -1;
    if (m->mflags & CAREALIGN_MEASURE_LOCAL)
        r->flags |= CAREALIGN_RES_LOCAL_DEFINITION;
    row->scoring = m->scoring;
    row->acc_kind = m->acc_kind;
    row->aim = m->aim;
    row->improvement = m->improvement;
    row->denominator_is_count = m->acc_kind == CAREALIGN_ACC_PROPORTION;
    carealign_acc_summary s = CAREALIGN_ACC_SUMMARY_INIT;
    carealign_status st = carealign_acc_get_summary(g->acc, &s);
    if (st != CAREALIGN_OK)
        return st;
    row->raw_n = s.n;
    carealign_estimate e;
    memset(&e, 0, sizeof e);
    if (m->pop_denominator) {
        /* a copy, so that the accumulator (and a later serialize) is untouched */
        carealign_acc *copy = NULL;
        st = carealign_acc_clone(g->acc, &copy);
        if (st != CAREALIGN_OK)
            return st;
        double pop = -1;
        if (m->acc_kind == CAREALIGN_ACC_DSR) {
            /* each ESP band's population (docs/scorecard.md, "Directly
             * standardised rates"); a band without one: no DSR */
            pop = 0;
            double standard[CAREALIGN__SC_ESP_BANDS];
            int restricted = carealign__sc_dsr_standard(sc, m, &g->key, standard);
            for (int32_t b = 0; b < CAREALIGN__SC_ESP_BANDS && pop >= 0; b++) {
                int32_t lo = 0, hi = 0;
                carealign__sc_esp_band_ages(b, &lo, &hi);
                if (restricted && standard[b] == 0) {
                    /* outside the group's ages: weight 0, no events; any
                     * population will do (carealign_dsr needs one) */
                    st = st == CAREALIGN_OK ? carealign_acc_set_band_population(copy, b, 1) : st;
                    continue;
                }
                double pb = population_for(sc, m, &g->key, lo, hi);
                if (pb > 0)
                    st = st == CAREALIGN_OK ? carealign_acc_set_band_population(copy, b, pb) : st;
                pop = pb > 0 ? pop + pb : -1;
            }
        } else {
            pop = population_for(sc, m, &g->key, 0, -1);
            if (pop > 0)
                st = carealign_acc_set_denominator(copy, pop);
        }
        if (st == CAREALIGN_OK && pop > 0)
            st = carealign__acc_finalize_memo(copy, sc->confidence, memo, &e);
        carealign_acc_free(copy);
        if (st != CAREALIGN_OK)
            return st;
        if (!(pop > 0)) {
            e.value = e.lower = e.upper = NAN;
            e.flags = CAREALIGN_EST_TOO_FEW;
            r->flags |= CAREALIGN_RES_NO_DENOMINATOR;
        }
        row->raw_numerator = s.numerator;
        row->raw_denominator = pop > 0 ? pop : NAN;
    } else {
        st = carealign__acc_finalize_memo(g->acc, sc->confidence, memo, &e);
        if (st != CAREALIGN_OK)
            return st;
        row->raw_numerator = s.numerator;
        row->raw_denominator =
            (m->mflags & CAREALIGN_MEASURE_WEIGHTED) ? s.sum_weights /* numerator / it = estimate */
            : m->acc_kind == CAREALIGN_ACC_PROPORTION || m->acc_kind == CAREALIGN_ACC_RATE
                ? s.denominator
                : (double)s.n;
        if (m->acc_kind == CAREALIGN_ACC_PROPORTION) {
            double per = (m->mflags & CAREALIGN_MEASURE_HAS_PER) ? m->per : 1.0;
            e.value *= per;
            e.lower *= per;
            e.upper *= per;
        }
        if (m->scoring == CAREALIGN_SCORING_COHORT) {
            e.value = (double)s.n;
            e.lower = e.upper = NAN;
        }
        if (m->acc_kind == CAREALIGN_ACC_TOTAL && m->aggregate == CAREALIGN_AGG_SUM) {
            e.value = s.numerator;
            e.lower = e.upper = NAN;
        }
    }
    if (m->acc_kind == CAREALIGN_ACC_DSR)
        r->flags |= CAREALIGN_RES_STANDARDISED;
    if (isnan(e.value))
        r->flags |= CAREALIGN_RES_TOO_FEW;
    if (e.flags & CAREALIGN_EST_WEIGHTED)
        r->flags |= CAREALIGN_RES_WEIGHTED;
    if (!isnan(e.value) && !isnan(m->target)) {
        if (m->improvement == CAREALIGN_IMPROVE_DECREASE)
            r->target_met = e.value <= m->target;
        else
            r->target_met = e.value >= m->target;
    }
    row->raw_estimate = e;
    r->estimate = e;
    r->numerator = row->raw_numerator;
    r->denominator = row->raw_denominator;
    return CAREALIGN_OK;
}

static int margin(const carealign_result *r)
{
    return r->stratum[0] == CAREALIGN_STRATUM_MARGIN && r->stratum[2] == CAREALIGN_STRATUM_MARGIN;
}

/* SPC over the periods of each whole-period margin row with periods. */
static carealign_status spc(carealign_scorecard *sc, carealign__sc_table *t)
{
    size_t np = (size_t)sc->n_periods;
    if (np == 0)
        return CAREALIGN_OK;
    double *v = carealign__calloc(np, sizeof *v);
    carealign_spc_point *pts = carealign__calloc(np, sizeof *pts);
    if (v == NULL || pts == NULL) {
        carealign__free(v);
        carealign__free(pts);
        return carealign__error(CAREALIGN_ENOMEM, "scorecard_finalize: out of memory");
    }
    carealign_status st = CAREALIGN_OK;
    for (size_t i = 0; i < t->n_rows && st == CAREALIGN_OK; i++) {
        carealign__sc_row *w = &t->rows[i];
        const carealign__sc_measure *m = &sc->measures[w->res.measure];
        if (w->res.kind != CAREALIGN_RESULT_ESTIMATE || w->res.period != -1 || !margin(&w->res) ||
            !m->periods)
            continue;
        /* the period rows follow the whole row (sorted by period after -1) */
        size_t first = i + 1, n = 0;
        while (first + n < t->n_rows && t->rows[first + n].res.measure == w->res.measure &&
               t->rows[first + n].res.level == w->res.level &&
               t->rows[first + n].res.unit == w->res.unit &&
               t->rows[first + n].res.kind == w->res.kind && t->rows[first + n].res.period >= 0)
            n++;
        /* a chart needs a value for every interval */
        int complete = n == np;
        for (size_t k = 0; complete && k < n; k++) {
            v[k] = t->rows[first + k].raw_estimate.value;
            if (!isfinite(v[k]))
                complete = 0;
        }
        w->spc_first_row = (int32_t)first;
        w->spc_n_rows = (int32_t)n;
        if (!complete)
            continue;
        carealign_spc_options o = CAREALIGN_SPC_OPTIONS_INIT;
        o.improvement_direction =
            m->improvement == CAREALIGN_IMPROVE_DECREASE   ? CAREALIGN_SPC_DECREASE
            : m->improvement == CAREALIGN_IMPROVE_INCREASE ? CAREALIGN_SPC_INCREASE
                                                           : CAREALIGN_SPC_NEUTRAL;
        if (!isnan(m->target)) {
            o.has_target = 1;
            o.target = m->target;
        }
        carealign_spc_summary sum;
        st = carealign_spc_xmr(v, n, &o, pts, &sum);
        if (st != CAREALIGN_OK) {
            /* a series the chart refuses is a routine outcome: no icons */
            carealign_clear_error();
            st = CAREALIGN_OK;
            continue;
        }
        w->res.spc_variation = sum.variation_icon;
        w->res.spc_assurance = sum.assurance_icon;
        for (size_t k = 0; k < n; k++)
            t->rows[first + k].res.spc_point = (int32_t)pts[k].point_type;
    }
    carealign__free(v);
    carealign__free(pts);
    return st;
}

/* Funnels: organisation rows (whole period, margin) of comparable measures
 * against the average of the organisations of the same main sector. */
static carealign_status funnels(carealign_scorecard *sc, carealign__sc_table *t)
{
    for (size_t i = 0; i < t->n_rows; i++) {
        carealign__sc_row *w = &t->rows[i];
        const carealign__sc_measure *m = &sc->measures[w->res.measure];
        if (w->res.level != CAREALIGN_LEVEL_ORG || w->res.period != -1 || !margin(&w->res) ||
            (m->mflags & CAREALIGN_MEASURE_COMPARABLE) == 0 ||
            (m->acc_kind != CAREALIGN_ACC_PROPORTION && m->acc_kind != CAREALIGN_ACC_RATE))
            continue;
        int32_t sector = (size_t)w->res.unit < sc->n_orgs ? sc->orgs[w->res.unit].sector : 0;
        double sn = 0, sd = 0;
        for (size_t k = 0; k < t->n_rows; k++) {
            const carealign__sc_row *o = &t->rows[k];
            if (o->res.measure != w->res.measure || o->res.level != CAREALIGN_LEVEL_ORG ||
                o->res.period != -1 || !margin(&o->res) || (size_t)o->res.unit >= sc->n_orgs ||
                sc->orgs[o->res.unit].sector != sector)
                continue;
            sn += o->raw_numerator;
            sd += o->raw_denominator;
        }
        if (!(sd > 0) || !(w->raw_denominator > 0))
            continue;
        int32_t cat = CAREALIGN_FUNNEL_NOT_APPLICABLE;
        carealign_status st;
        if (m->acc_kind == CAREALIGN_ACC_PROPORTION)
            st = carealign_funnel_proportion_significance(w->raw_numerator, w->raw_denominator,
                                                          sn / sd, &cat);
        else
            st = sn > 0 ? carealign_funnel_rate_significance(w->raw_numerator, w->raw_denominator,
                                                             sn / sd, CAREALIGN_FUNNEL_RATE_CRUDE,
                                                             &cat)
                        : CAREALIGN_EINVAL;
        if (st != CAREALIGN_OK) {
            carealign_clear_error();
            continue;
        }
        w->res.funnel = cat;
    }
    return CAREALIGN_OK;
}

/* SII across deprivation groups, system level, whole period, for measures
 * flagged for inequality; appended as SII and RII rows. */
static carealign_status inequality(carealign_scorecard *sc, carealign__sc_table *t, size_t *n_rows,
                                   size_t cap)
{
    int32_t dep = -1;
    for (int32_t i = 0; i < sc->n_strata; i++)
        if (sc->stratum_kind[i] == CAREALIGN_STRATUM_DEPRIVATION)
            dep = i;
    if (dep < 0)
        return CAREALIGN_OK;
    int32_t ng = sc->stratum_groups[dep] == 5 ? 5 : 10;
    size_t base_rows = *n_rows;
    for (int32_t mi = 0; mi < sc->n_measures; mi++) {
        const carealign__sc_measure *m = &sc->measures[mi];
        if ((m->mflags & CAREALIGN_MEASURE_SII) == 0)
            continue;
        double val[10], pop[10], lo[10], up[10];
        int ok = 1;
        const carealign__sc_row *proto = NULL;
        for (int32_t q = 1; q <= ng && ok; q++) {
            const carealign__sc_row *f = NULL;
            for (size_t i = 0; i < base_rows; i++) {
                const carealign_result *r = &t->rows[i].res;
                if (r->measure == mi && r->kind == 0 && r->level == CAREALIGN_LEVEL_SYSTEM &&
                    r->period == -1 && r->stratum[0] == dep && r->stratum[1] == q &&
                    r->stratum[2] == CAREALIGN_STRATUM_MARGIN)
                    f = &t->rows[i];
                if (r->measure == mi && r->kind == 0 && r->level == CAREALIGN_LEVEL_SYSTEM &&
                    r->period == -1 && margin(r))
                    proto = &t->rows[i];
            }
            if (f == NULL || !isfinite(f->raw_estimate.value) || !isfinite(f->raw_estimate.lower) ||
                !isfinite(f->raw_estimate.upper) || !(f->raw_n > 0)) {
                ok = 0;
                break;
            }
            val[q - 1] = f->raw_estimate.value;
            lo[q - 1] = f->raw_estimate.lower;
            up[q - 1] = f->raw_estimate.upper;
            pop[q - 1] = (double)f->raw_n;
        }
        if (!ok || proto == NULL || *n_rows + 2 > cap)
            continue;
        carealign_estimate sii, rii;
        int32_t type =
            m->acc_kind == CAREALIGN_ACC_RATE ? CAREALIGN_SII_RATE : CAREALIGN_SII_NORMAL;
        if (carealign_sii(val, pop, NULL, lo, up, (size_t)ng, type, 1.0, sc->confidence, &sii,
                          &rii) != CAREALIGN_OK) {
            carealign_clear_error();
            continue;
        }
        for (int k = 0; k < 2; k++) {
            carealign__sc_row *w = &t->rows[(*n_rows)++];
            *w = *proto;
            w->res.kind = k == 0 ? CAREALIGN_RESULT_SII : CAREALIGN_RESULT_RII;
            w->res.stratum[0] = dep;
            w->res.stratum[1] = -1;
            w->res.estimate = k == 0 ? sii : rii;
            w->raw_estimate = w->res.estimate;
            w->res.numerator = w->res.denominator = NAN;
            w->raw_numerator = w->raw_denominator = NAN;
            w->res.target = NAN;
            w->res.target_met = -1;
            w->res.spc_point = w->res.spc_variation = w->res.spc_assurance = w->res.funnel = -1;
            w->acc_kind = 0;
            w->spc_first_row = w->spc_n_rows = 0;
        }
    }
    return CAREALIGN_OK;
}

carealign_status carealign__sc_build_table(carealign_scorecard *sc)
{
    carealign__sc_table t;
    memset(&t, 0, sizeof t);
    size_t cap = sc->n_groups + 2 * (size_t)sc->n_measures + 1;
    t.rows = carealign__calloc(cap, sizeof *t.rows);
    if (t.rows == NULL)
        return carealign__error(CAREALIGN_ENOMEM, "scorecard_finalize: out of memory");
    carealign_status st = CAREALIGN_OK;
    /* many groups share a t quantile (a confidence level and df): each
     * solved once in this call */
    carealign__t_memo memo;
    memset(&memo, 0, sizeof memo);
    for (size_t g = 0; g < sc->n_groups && st == CAREALIGN_OK; g++)
        st = fill_row(sc, &sc->groups[g], &memo, &t.rows[g]);
    carealign__t_memo_free(&memo);
    t.n_rows = sc->n_groups;
    if (st == CAREALIGN_OK) {
        qsort(t.rows, t.n_rows, sizeof *t.rows, cmp_row);
        st = spc(sc, &t);
    }
    if (st == CAREALIGN_OK)
        st = funnels(sc, &t);
    if (st == CAREALIGN_OK)
        st = inequality(sc, &t, &t.n_rows, cap);
    if (st == CAREALIGN_OK) {
        /* SII rows sort after their measure's estimates; spc indices refer to
         * estimate rows, which keep their positions only if we sort once more
         * with a stable key: recompute the indices after sorting. */
        qsort(t.rows, t.n_rows, sizeof *t.rows, cmp_row);
        for (size_t i = 0; i < t.n_rows; i++) {
            carealign__sc_row *w = &t.rows[i];
            if (w->spc_n_rows > 0)
                w->spc_first_row = (int32_t)(i + 1);
        }
    }
    if (st != CAREALIGN_OK) {
        carealign__free(t.rows);
        return st;
    }
    for (int f = 0; f < 7; f++)
        t.counts[f] = sc->counts[f];
    memcpy(t.framework_hash, sc->hash, sizeof t.framework_hash);
    t.methods_version = sc->methods_version;
    t.flags = sc->flags;
    t.confidence = sc->confidence;
    t.n_periods = sc->n_periods;
    t.n_measures = sc->n_measures;
    t.sc = sc;
    if (sc->n_orgs > 0) {
        int32_t *os = carealign__calloc(sc->n_orgs, sizeof *os);
        if (os == NULL) {
            carealign__free(t.rows);
            return carealign__error(CAREALIGN_ENOMEM, "scorecard_finalize: out of memory");
        }
        for (size_t i = 0; i < sc->n_orgs; i++)
            os[i] = sc->orgs[i].sector;
        carealign__free(sc->org_sector);
        sc->org_sector = os;
        t.org_sector = os;
        t.n_org_sector = sc->n_orgs;
    }
    sc->table = t;
    st = carealign__sc_disclose(&sc->table, sc->fw, sc->flags);
    if (st == CAREALIGN_OK)
        st = carealign__sc_aims(&sc->table, sc->fw);
    if (st != CAREALIGN_OK) {
        carealign__sc_table_free(&sc->table);
        return st;
    }
    return CAREALIGN_OK;
}

carealign_status carealign_scorecard_finalize(carealign_scorecard *sc)
{
    if (sc == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard_finalize: NULL scorecard");
    if (sc->finalized)
        return carealign__error(CAREALIGN_ESTATE, "scorecard_finalize: already finalized");
    carealign_status st = carealign_scorecard_close_all(sc);
    if (st != CAREALIGN_OK)
        return st;
    carealign__sc_fine_flush_all(sc); /* the groups from the finest cells (fine.c) */
    st = carealign__sc_build_table(sc);
    if (st != CAREALIGN_OK)
        return st;
    /* org sector table for the output side */
    sc->finalized = 1;
    return CAREALIGN_OK;
}

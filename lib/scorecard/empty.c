/* Which scope-periods of a person can be skipped without changing a figure.
 *
 * process.c evaluates every measure for every period (the whole reporting
 * period and each month) at every scope of the person (the system, each
 * sector and each organisation that served them). Most scope-months hold
 * none of the person's records. This file proves, per measure, a kind of
 * record without which `evaluate` (process.c) returns contribution kind 0;
 * process.c then skips the evaluation where the person has no such record.
 * Kind 0 adds nothing to any group (system, cohort, sector, organisation),
 * and evaluate has no other effect (its caches hold the same figures
 * whichever evaluations ran), so the groups, and every output, are the same.
 *
 * The proof, following evaluate and crit_eval in process.c. Call a scope
 * and period "empty of R" when the person has no record of kind R there.
 *
 * 1. Atom values when empty (atom_value):
 *    - RESPONSE any, SCORE each: count the responses to the measure's value
 *      set in the period and scope (pair_responses' n_any, the loop in
 *      atom_value): 0 when empty of responses. SCORE latest: NaN (no
 *      latest). RESPONSE paired, SCORE baseline/follow-up and CHANGE need a
 *      pair whose baseline is a response of the period and scope when the
 *      baseline is FIRST_IN_PERIOD: no pair, so 0 or NaN. A FIRST_EVER
 *      baseline may lie outside the period: not proven.
 *    - CONTACTS and JOURNEY contacts: sums over the contacts of the scope
 *      starting in the period: 0 when empty of contacts.
 *    - JOURNEY discharge figures (discharges, follow-ups, readmissions,
 *      delays, reablement): sums over the discharges whose day is in the
 *      period and whose organisation is in scope (discharge_in): 0 when
 *      empty of such discharges.
 *    - JOURNEY organisations, sectors, assessments, duplicate assessments,
 *      long-term care-home admissions: the journey counts these over the
 *      builder's contacts (those of the scope) starting in the options'
 *      period (include/carealign/journey.h: "contacts in the period",
 *      "in the period"); for a month the options' period is the month
 *      (resolved_options), so 0 when the month is empty of contacts. The
 *      whole period uses the framework's own options: not proven there.
 *    Narrower, by contact type (the contacts of other types are not
 *    counted): a CONTACTS atom with types counts only those types; the
 *    journey's assessments and duplicate assessments are contacts of the
 *    options' assessment types (journey.h: 0 means social care and health
 *    assessments); its long-term care-home admissions are contacts of that
 *    type. Such a measure needs a contact of those types.
 *    - Anything else (population, person atoms, bed days, days observed,
 *      costs, continuity indices): not proven.
 *    get_jr failing gives NaN, as does a measure without journey options.
 * 2. A criterion is 0 when empty (crit_eval): its non-counted, non-person
 *    atoms are tested first and any failing one makes it 0; a RESPONSE atom
 *    fails unless its value is > 0; any other atom fails on NaN always and
 *    on 0 when it has at_least > 0 or at_most < 0. If none fails, the value
 *    is the counted atom's, NaN counting as 0. So a criterion is 0 when
 *    empty of R if its counted atom is 0/NaN when empty of R, or one of its
 *    non-counted atoms is 0/NaN when empty of R and fails on 0 and NaN.
 * 3. A measure gives kind 0 when its criterion below is 0:
 *    - without a population denominator: the initial population; evaluate
 *      returns kind 0 as soon as it is 0 (`if (ip == 0)`), for every
 *      scoring;
 *    - with a population denominator (ratio scoring only): the numerator;
 *      evaluate returns kind 0 when it is <= 0 before any other use, and
 *      the DSR path is after that test.
 * tests/scorecard/test_empty.c checks each rule on hand-built measures. */
#include "scorecard/empty.h"

int carealign__sc_shortcuts = 1;

/* The record kind without which atom a's value is 0 or NaN (1. above). */
static int32_t atom_needs(const carealign__sc_measure *m, const carealign_journey_options *jo,
                          const carealign__sc_atom *a, uint64_t *types)
{
    *types = 0;
    int first_in_period = (m->mflags & CAREALIGN_MEASURE_HAS_PAIRING) != 0 &&
                          m->pair_baseline == CAREALIGN_PAIR_BASELINE_FIRST_IN_PERIOD;
    switch (a->kind) {
    case CAREALIGN_ATOM_RESPONSE:
        if (m->vs < 0)
            return CAREALIGN__SC_NEEDS_NOTHING;
        if (a->which == CAREALIGN_RESPONSE_PAIRED)
            return first_in_period ? CAREALIGN__SC_NEEDS_RESPONSE : CAREALIGN__SC_NEEDS_NOTHING;
        return a->which == CAREALIGN_RESPONSE_ANY ? CAREALIGN__SC_NEEDS_RESPONSE
                                                  : CAREALIGN__SC_NEEDS_NOTHING;
    case CAREALIGN_ATOM_SCORE:
        if (m->vs < 0)
            return CAREALIGN__SC_NEEDS_NOTHING;
        switch (a->which) {
        case CAREALIGN_SCORE_LATEST:
        case CAREALIGN_SCORE_EACH: return CAREALIGN__SC_NEEDS_RESPONSE;
        case CAREALIGN_SCORE_BASELINE:
        case CAREALIGN_SCORE_FOLLOW_UP:
            return first_in_period ? CAREALIGN__SC_NEEDS_RESPONSE : CAREALIGN__SC_NEEDS_NOTHING;
        default: return CAREALIGN__SC_NEEDS_NOTHING;
        }
    case CAREALIGN_ATOM_CHANGE:
        return m->vs >= 0 && first_in_period ? CAREALIGN__SC_NEEDS_RESPONSE
                                             : CAREALIGN__SC_NEEDS_NOTHING;
    case CAREALIGN_ATOM_CONTACTS: *types = a->type_mask; return CAREALIGN__SC_NEEDS_CONTACT;
    case CAREALIGN_ATOM_JOURNEY:
        if (carealign__sc_is_discharge_figure(a->which))
            return m->jopt >= 0 ? CAREALIGN__SC_NEEDS_DISCHARGE : CAREALIGN__SC_NEEDS_NOTHING;
        switch (a->which) {
        case CAREALIGN_JF_CONTACTS: return CAREALIGN__SC_NEEDS_CONTACT;
        case CAREALIGN_JF_ORGANISATIONS:
        case CAREALIGN_JF_SECTORS: return CAREALIGN__SC_NEEDS_CONTACT_MONTH;
        case CAREALIGN_JF_ASSESSMENTS:
        case CAREALIGN_JF_DUPLICATE_ASSESSMENTS:
            if (jo != NULL)
                *types = jo->assessment_types != 0
                             ? jo->assessment_types
                             : CAREALIGN_TYPE_BIT(CAREALIGN_CONTACT_SOCIAL_CARE_ASSESSMENT) |
                                   CAREALIGN_TYPE_BIT(CAREALIGN_CONTACT_HEALTH_ASSESSMENT);
            return CAREALIGN__SC_NEEDS_CONTACT_MONTH;
        case CAREALIGN_JF_CARE_HOME_ADMISSIONS:
            *types = CAREALIGN_TYPE_BIT(CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM);
            return CAREALIGN__SC_NEEDS_CONTACT_MONTH;
        default: return CAREALIGN__SC_NEEDS_NOTHING;
        }
    default: return CAREALIGN__SC_NEEDS_NOTHING;
    }
}

/* 1 when the atom fails crit_eval's test on both 0 and NaN (2. above). */
static int fails_on_zero(const carealign__sc_atom *a)
{
    if (a->kind == CAREALIGN_ATOM_RESPONSE)
        return 1;
    if ((a->flags & CAREALIGN_ATOM_HAS_AT_LEAST) && !(0.0 >= a->at_least))
        return 1;
    if ((a->flags & CAREALIGN_ATOM_HAS_AT_MOST) && !(0.0 <= a->at_most))
        return 1;
    return 0;
}

/* The record kind without which criterion cr is 0 (2. above). */
static int32_t crit_needs(const carealign__sc_measure *m, const carealign_journey_options *jo,
                          const carealign__sc_crit *cr, uint64_t *types)
{
    *types = 0;
    if (cr->n <= 0)
        return CAREALIGN__SC_NEEDS_NOTHING; /* absent: -1, not 0 */
    if (cr->counted >= 0 && cr->counted < cr->n &&
        cr->atoms[cr->counted].kind != CAREALIGN_ATOM_PERSON) {
        int32_t need = atom_needs(m, jo, &cr->atoms[cr->counted], types);
        if (need != CAREALIGN__SC_NEEDS_NOTHING)
            return need;
    }
    for (int32_t k = 0; k < cr->n && k < CAREALIGN__SC_MAX_ATOMS; k++) {
        const carealign__sc_atom *a = &cr->atoms[k];
        if (k == cr->counted || a->kind == CAREALIGN_ATOM_PERSON)
            continue;
        int32_t need = atom_needs(m, jo, a, types);
        if (need != CAREALIGN__SC_NEEDS_NOTHING && fails_on_zero(a))
            return need;
    }
    *types = 0;
    return CAREALIGN__SC_NEEDS_NOTHING;
}

int32_t carealign__sc_needs(const carealign__sc_measure *m, const carealign_journey_options *jo,
                            uint64_t *types)
{
    *types = 0;
    if (m->pop_denominator)
        return m->scoring == CAREALIGN_SCORING_RATIO
                   ? crit_needs(m, jo, &m->crit[CAREALIGN_CRIT_NUMERATOR], types)
                   : CAREALIGN__SC_NEEDS_NOTHING;
    return crit_needs(m, jo, &m->crit[CAREALIGN_CRIT_INITIAL_POPULATION], types);
}

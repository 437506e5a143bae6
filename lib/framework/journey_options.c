/* A measure's journey parameters as the journey layer's options.
 *
 * Each named parameter (docs/framework.md section 4) sets one field of
 * carealign_journey_options; the reablement rule names an official rule and
 * sets the parts of it that have no parameter of their own. The tables the
 * options point at (unit costs, numeric code lists) are built once at load
 * and live as long as the framework, which never changes after loading. */
#include <string.h>

#include "core/internal.h"
#include "framework/internal.h"

/* A decimal whole number in int32_t range, written without sign or spaces. */
static int parse_code(const carealign__fw_str *s, int32_t *out)
{
    if (s->len == 0 || s->len > 10)
        return 0;
    int64_t v = 0;
    for (size_t i = 0; i < s->len; i++) {
        if (s->p[i] < '0' || s->p[i] > '9')
            return 0;
        v = v * 10 + (s->p[i] - '0');
    }
    if (v > INT32_MAX)
        return 0;
    *out = (int32_t)v;
    return 1;
}

carealign_status carealign__fw_prepare_journey(carealign_framework *fw)
{
    size_t n = (size_t)CAREALIGN_CONTACT_TYPE_END * CAREALIGN__FW_COST_SECTORS;
    fw->journey_unit_costs = carealign__fw_alloc(fw, n, sizeof *fw->journey_unit_costs);
    if (fw->journey_unit_costs == NULL)
        return CAREALIGN_ENOMEM;
    for (size_t i = 0; i < n; i++)
        fw->journey_unit_costs[i] = CAREALIGN_NA_I64;
    /* The rule of carealign_framework_unit_cost(): the item for exactly the
     * contact's sector, else the type's item for any sector (also for sector
     * 0, unknown, and codes no file can name). */
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < fw->n_unit_costs; k++) {
            const carealign__fw_unit_cost *u = &fw->unit_costs[k];
            if (u->contact_type <= 0 || u->contact_type >= CAREALIGN_CONTACT_TYPE_END)
                continue;
            int64_t *row =
                fw->journey_unit_costs + (size_t)u->contact_type * CAREALIGN__FW_COST_SECTORS;
            if (pass == 0 && u->sector == 0) {
                for (size_t s = 0; s < CAREALIGN__FW_COST_SECTORS; s++)
                    row[s] = u->pence;
            } else if (pass == 1 && u->sector > 0 && u->sector < CAREALIGN__FW_COST_SECTORS) {
                row[u->sector] = u->pence;
            }
        }
    for (size_t i = 0; i < fw->n_valuesets; i++) {
        carealign__fw_valueset *vs = &fw->valuesets[i];
        if (vs->kind != CAREALIGN_VS_CODES)
            continue;
        vs->int_codes = carealign__fw_alloc(fw, vs->n_codes, sizeof *vs->int_codes);
        if (vs->int_codes == NULL)
            return CAREALIGN_ENOMEM;
        vs->codes_are_ints = 1;
        for (size_t k = 0; k < vs->n_codes && vs->codes_are_ints; k++)
            vs->codes_are_ints = parse_code(&vs->codes[k], &vs->int_codes[k]);
    }
    return CAREALIGN_OK;
}

/* The size of carealign_journey_options in its first release: the fields
 * after it (maximum age, discharge exclusions) need a caller that knows them. */
#define JOPT_FIRST_SIZE 192u

/* The reablement rules (names.c, "reablement_rule"). */
enum { RULE_NONE = 0, RULE_ASCOF2D_2024 = 1, RULE_91DAY = 2 };

/* Days between reablement spells that still join one cluster: DHSC's ASCOF 2D
 * SQL (DataS-DHSC/ASC-CLD-LA-Dashboard, Create_ASCOF_2D.sql) clusters ST-Max
 * events at most 7 days apart; the 91-day form uses the same linkage. */
#define RULE_CLUSTER_GAP 7

static carealign_status code_list(const carealign_framework *fw, const carealign__fw_measure *m,
                                  const carealign__fw_param *p, const int32_t **out, size_t *n)
{
    const carealign__fw_valueset *vs = &fw->valuesets[p->valueset];
    if (!vs->codes_are_ints)
        return carealign__error(CAREALIGN_EINVAL,
                                "measure '%s': journey parameter '%s': code set '%s' has a code "
                                "that is not a whole number",
                                m->id.p, p->name.p, vs->name.p);
    *out = vs->int_codes;
    *n = vs->n_codes;
    return CAREALIGN_OK;
}

carealign_status carealign_framework_get_journey_options(const carealign_framework *fw,
                                                         int32_t measure,
                                                         carealign_journey_options *out)
{
    static const char fn[] = "carealign_framework_get_journey_options";
    if (fw == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "%s: NULL argument", fn);
    size_t given;
    memcpy(&given, out, sizeof given);
    if (given < JOPT_FIRST_SIZE)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_journey_options.size is %zu, smaller than the "
                                "smallest release (%zu)",
                                given, (size_t)JOPT_FIRST_SIZE);
    if (measure < 0 || (size_t)measure >= fw->n_measures)
        return carealign__error(CAREALIGN_ERANGE, "%s: measure index %d is not below %zu", fn,
                                (int)measure, fw->n_measures);
    const carealign__fw_measure *m = &fw->measures[measure];

    carealign_journey_options o;
    memset(&o, 0, sizeof o);
    o.size = sizeof o;
    o.has = CAREALIGN_JOPT_HAS_PERIOD;
    o.period_start = fw->period_start;
    o.period_end = fw->period_end;
    o.unit_costs = fw->journey_unit_costs;
    o.n_cost_types = CAREALIGN_CONTACT_TYPE_END;
    o.n_cost_sectors = CAREALIGN__FW_COST_SECTORS;

    int32_t rule = -1;
    const int32_t *dests = NULL;
    size_t n_dests = 0;
    int have_dests = 0;
    const char *needs_new = NULL; /* a parameter only the appended fields carry */
    carealign_status st = CAREALIGN_OK;
    for (size_t i = 0; i < m->n_params && st == CAREALIGN_OK; i++) {
        const carealign__fw_param *p = &m->params[i];
        const char *name = p->name.p;
        if (strcmp(name, "min_age") == 0) {
            o.has |= CAREALIGN_JOPT_HAS_REABLEMENT_MIN_AGE;
            o.reablement_min_age = (int32_t)p->value;
        } else if (strcmp(name, "max_age") == 0) {
            o.has |= CAREALIGN_JOPT_HAS_REABLEMENT_MAX_AGE;
            o.reablement_max_age = (int32_t)p->value;
            needs_new = name;
        } else if (strcmp(name, "min_contacts") == 0) {
            o.min_contacts = (int32_t)p->value;
        } else if (strcmp(name, "same_day") == 0) {
            o.same_day = (int32_t)p->value;
        } else if (strcmp(name, "continuity_types") == 0) {
            o.continuity_types = p->mask;
        } else if (strcmp(name, "followup_types") == 0) {
            o.followup_types = p->mask;
        } else if (strcmp(name, "assessment_types") == 0) {
            o.assessment_types = p->mask;
        } else if (strcmp(name, "followup_within_days") == 0) {
            for (size_t k = 0; k < p->n_values && k < 4; k++)
                o.followup_within[k] = (int32_t)p->values[k];
        } else if (strcmp(name, "readmission_days") == 0) {
            o.readmission_days = (int32_t)p->value;
        } else if (strcmp(name, "duplicate_days") == 0) {
            o.duplicate_days = (int32_t)p->value;
        } else if (strcmp(name, "reablement_rule") == 0) {
            rule = (int32_t)p->value;
        } else if (strcmp(name, "reablement_before_days") == 0) {
            o.reablement_before = (int32_t)p->value;
        } else if (strcmp(name, "reablement_after_days") == 0) {
            o.reablement_after = (int32_t)p->value;
        } else if (strcmp(name, "reablement_followup_days") == 0) {
            o.reablement_followup_days = (int32_t)p->value;
        } else if (strcmp(name, "excluded_admission_methods") == 0) {
            st = code_list(fw, m, p, &o.reablement_excluded_methods,
                           &o.n_reablement_excluded_methods);
        } else if (strcmp(name, "excluded_destinations") == 0) {
            /* Placed once the rule is known (below). */
            st = code_list(fw, m, p, &dests, &n_dests);
            have_dests = 1;
        } else if (strcmp(name, "readmission_excluded_methods") == 0) {
            st = code_list(fw, m, p, &o.readmission_excluded_methods,
                           &o.n_readmission_excluded_methods);
        } else if (strcmp(name, "national_readmission") == 0) {
            if (p->value)
                o.flags |= CAREALIGN_JOPT_NATIONAL_READMISSION;
        } else {
            st = carealign__error(CAREALIGN_EUNSUPPORTED,
                                  "measure '%s': journey parameter '%s' has no journey option",
                                  m->id.p, name);
        }
    }
    if (st != CAREALIGN_OK)
        return st;

    /* excluded_destinations: the reablement rule's exclusions on a
     * reablement measure; otherwise discharges that are not counted (for
     * example deaths, for follow-up and readmission measures). */
    int reable = rule == RULE_ASCOF2D_2024 || rule == RULE_91DAY ||
                 (rule < 0 && o.reablement_followup_days > 0);
    if (reable) {
        o.reablement_excluded_destinations = dests;
        o.n_reablement_excluded_destinations = n_dests;
    } else if (have_dests) {
        o.discharge_excluded_destinations = dests;
        o.n_discharge_excluded_destinations = n_dests;
        needs_new = "excluded_destinations";
    }
    if (needs_new != NULL && given < sizeof o)
        return carealign__error(CAREALIGN_EUNSUPPORTED,
                                "measure '%s': journey parameter '%s' needs "
                                "carealign_journey_options of %zu bytes; size is %zu",
                                m->id.p, needs_new, sizeof o, given);

    if (rule == RULE_NONE) {
        o.reablement_followup_days = 0; /* no reablement figures */
    } else if (rule == RULE_ASCOF2D_2024 || rule == RULE_91DAY) {
        if (o.reablement_followup_days == 0)
            return carealign__error(CAREALIGN_EINVAL,
                                    "measure '%s': journey parameter 'reablement_rule' needs "
                                    "'reablement_followup_days'",
                                    m->id.p);
        o.reablement_cluster_gap = RULE_CLUSTER_GAP;
        if (rule == RULE_ASCOF2D_2024) {
            /* ASCOF 2D from 2024/25 (DHSC's SQL, as above): remained in the
             * community (no emergency readmission of a night or more, death or
             * long-term care-home admission); ages floor(days / 365.25);
             * same-day stays, deaths in hospital and people in long-term
             * residential, nursing or prison support excluded. */
            o.reablement_outcome = CAREALIGN_REABLE_OUTCOME_NO_EVENT;
            o.flags |= CAREALIGN_JOPT_AGE_DAYS_365_25 | CAREALIGN_JOPT_REABLE_EXCLUDE_ZERO_LOS |
                       CAREALIGN_JOPT_REABLE_READMIT_EXCLUDE_ZERO_LOS |
                       CAREALIGN_JOPT_REABLE_EXCLUDE_DIED_IN_HOSPITAL |
                       CAREALIGN_JOPT_REABLE_EXCLUDE_LTS;
        } else {
            /* The older form (NHS Digital SALT STS004, ASCOF 2B part 1): at
             * home on the day discharge + follow-up days; deaths stay in the
             * denominator. */
            o.reablement_outcome = CAREALIGN_REABLE_OUTCOME_AT_HOME_ON_DAY;
        }
    }

    size_t put = given < sizeof o ? given : sizeof o;
    memcpy(out, &o, put);
    memcpy(out, &given, sizeof given);
    if (given > sizeof o)
        memset((char *)out + sizeof o, 0, given - sizeof o);
    return CAREALIGN_OK;
}

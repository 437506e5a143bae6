/*
 * Internal to lib/framework: the loaded model behind the opaque handle, and
 * the name tables. Strings point into the parsed JSON document, which the
 * framework keeps (its strings are NUL-terminated), so nothing is copied.
 */
#ifndef CAREALIGN_FRAMEWORK_INTERNAL_H
#define CAREALIGN_FRAMEWORK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "carealign/framework.h"
#include "core/json.h"

typedef struct carealign__fw_str {
    const char *p; /* never NULL once loaded: "" when absent */
    size_t len;
} carealign__fw_str;

typedef struct carealign__fw_name {
    const char *name;
    int32_t code;
} carealign__fw_name;

typedef struct carealign__fw_atom {
    const carealign__json *json; /* the atom as written */
    int32_t kind;
    int32_t which;
    uint32_t flags;
    int32_t days;
    double at_least;
    double at_most;
    int32_t *values;
    size_t n_values;
    int32_t *sectors;
    size_t n_sectors;
} carealign__fw_atom;

typedef struct carealign__fw_criterion {
    const carealign__json *json; /* the criterion as written; NULL when absent */
    carealign__fw_str description;
    carealign__fw_atom *atoms;
    size_t n_atoms;
    int32_t aggregate; /* observation only */
} carealign__fw_criterion;

typedef struct carealign__fw_param {
    carealign__fw_str name;
    int32_t kind;
    int32_t valueset;
    int64_t value;
    int64_t *values;
    size_t n_values;
    uint64_t mask;
    carealign__fw_str text;
} carealign__fw_param;

typedef struct carealign__fw_measure {
    const carealign__json *json;
    carealign__fw_str id, version, title, description, official_ref, local, citation, url;
    carealign__fw_str instrument, valueset, unit, mid_source, target_source;
    int32_t aim, scoring, improvement;
    uint32_t flags;
    double target, mid, per;
    int32_t spc_min_points, standard_population;
    int32_t pairing_baseline, pairing_follow_up, pairing_min_days, pairing_max_days;
    int32_t pairing_organisation;
    int32_t valueset_index;
    carealign__fw_criterion criteria[7]; /* indexed by CAREALIGN_CRIT_* (0 unused) */
    carealign__fw_param *params;         /* sorted by name */
    size_t n_params;
    /* "composite": three cut points, best first (docs/framework.md) */
    int32_t has_composite;
    double composite_cut[3];
    carealign__fw_str composite_source;
} carealign__fw_measure;

typedef struct carealign__fw_stratum {
    carealign__fw_str id;
    int32_t kind;
    int32_t n_groups;
    carealign__fw_str edition;
    int32_t *band_lower;
    int32_t *band_upper;
    int32_t grouping;
} carealign__fw_stratum;

typedef struct carealign__fw_valueset {
    int32_t kind;
    carealign__fw_str name, instrument, system, source;
    carealign__fw_str *codes;
    size_t n_codes;
    int32_t *int_codes; /* code sets whose codes are all whole numbers: the numbers */
    int32_t codes_are_ints;
} carealign__fw_valueset;

typedef struct carealign__fw_unit_cost {
    int32_t contact_type;
    int32_t sector;
    int32_t per;
    int64_t pence;
} carealign__fw_unit_cost;

struct carealign_framework {
    carealign__json_doc *doc;
    void **allocs; /* every other allocation, freed with the framework */
    size_t n_allocs, cap_allocs;
    char *canonical;
    size_t canonical_len;
    uint8_t hash[32];

    carealign__fw_str id, version, title, description;
    int32_t effective_start, effective_end, period_start, period_end, interval;
    int32_t n_periods;
    int32_t *period_starts, *period_ends;
    int32_t population_base;
    carealign__fw_str *population_codes;
    size_t n_population_codes;
    carealign__fw_stratum *strata;
    size_t n_strata;
    int32_t *crosses; /* pairs */
    size_t n_crosses;
    carealign__fw_valueset *valuesets;
    size_t n_valuesets;
    carealign__fw_unit_cost *unit_costs;
    size_t n_unit_costs;
    carealign__fw_str price_year, cost_source;
    uint32_t flags;
    int64_t ce_threshold_pence;
    carealign__fw_str ce_source;
    int32_t disclosure_suppress_max, disclosure_round_to;
    carealign__fw_str disclosure_source;
    carealign__fw_measure *measures;
    size_t n_measures;
    /* Unit costs as the journey layer's table (lib/framework/journey_options.c):
     * [type * CAREALIGN__FW_COST_SECTORS + sector], CAREALIGN_NA_I64 when unpriced. */
    int64_t *journey_unit_costs;
};

/* The journey layer's unit-cost table: every contact type code below
 * CAREALIGN_CONTACT_TYPE_END, every sector code 0 to 31. */
#define CAREALIGN__FW_COST_SECTORS 32

/* Name tables, each ending with {NULL, 0}. */
extern const carealign__fw_name carealign__fw_aims[];
extern const carealign__fw_name carealign__fw_scorings[];
extern const carealign__fw_name carealign__fw_improvements[];
extern const carealign__fw_name carealign__fw_intervals[];
extern const carealign__fw_name carealign__fw_bases[];
extern const carealign__fw_name carealign__fw_strata[];
extern const carealign__fw_name carealign__fw_groupings[];
extern const carealign__fw_name carealign__fw_cost_pers[];
extern const carealign__fw_name carealign__fw_contact_types[];
extern const carealign__fw_name carealign__fw_sectors[];
extern const carealign__fw_name carealign__fw_criteria[];
extern const carealign__fw_name carealign__fw_atoms[];
extern const carealign__fw_name carealign__fw_population_whats[];
extern const carealign__fw_name carealign__fw_person_attrs[];
extern const carealign__fw_name carealign__fw_response_whats[];
extern const carealign__fw_name carealign__fw_score_whats[];
extern const carealign__fw_name carealign__fw_change_whats[];
extern const carealign__fw_name carealign__fw_journey_figures[];
extern const carealign__fw_name carealign__fw_contacts_whats[];
extern const carealign__fw_name carealign__fw_aggregates[];
extern const carealign__fw_name carealign__fw_stdpops[];
extern const carealign__fw_name carealign__fw_pair_baselines[];
extern const carealign__fw_name carealign__fw_pair_follow_ups[];
extern const carealign__fw_name carealign__fw_pair_orgs[];

/* The journey parameters a measure may set. */
typedef struct carealign__fw_param_spec {
    const char *name;
    int32_t kind;
    int64_t min, max;                /* INT and INT_LIST entries */
    size_t max_count;                /* INT_LIST */
    const carealign__fw_name *names; /* NAME */
} carealign__fw_param_spec;
extern const carealign__fw_param_spec carealign__fw_param_specs[];

/* Instruments and their value sets (the instruments layer's registry names;
 * "gas" is Goal Attainment Scaling's T-score, named by its rho). */
typedef struct carealign__fw_instrument {
    const char *name;
    const char *const *valuesets; /* NULL-terminated */
} carealign__fw_instrument;
extern const carealign__fw_instrument carealign__fw_instruments[];

/* The code of `name` (len bytes) in a table, or -1. */
int32_t carealign__fw_lookup(const carealign__fw_name *table, const char *name, size_t len);
/* The name of a code, or NULL. */
const char *carealign__fw_name_of(const carealign__fw_name *table, int32_t code);

/* Validate a parsed document into fw (lib/framework/load.c). */
carealign_status carealign__fw_build(carealign_framework *fw, const char *source);
/* Build what carealign_framework_get_journey_options() hands out: the unit
 * cost table and the numeric code lists (lib/framework/journey_options.c). */
carealign_status carealign__fw_prepare_journey(carealign_framework *fw);
/* Allocate zeroed memory owned by fw. */
void *carealign__fw_alloc(carealign_framework *fw, size_t count, size_t size);

#endif /* CAREALIGN_FRAMEWORK_INTERNAL_H */

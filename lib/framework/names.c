/* The spellings a framework file uses for every enumerated value, and the
 * closed lists of journey parameters and instruments. Codes never change. */
#include <string.h>

#include "carealign/journey.h"
#include "framework/internal.h"

/* The contact-type list below must name every journey contact type, and the
 * sector list every sector (the framework never renumbers them). */
_Static_assert(CAREALIGN_CONTACT_TYPE_END == 16, "contact types 1 to 15 are named below");
_Static_assert(CAREALIGN_SECTOR_OTHER == 9, "sectors 1 to 9 are named below");

const carealign__fw_name carealign__fw_aims[] = {{"experience", CAREALIGN_AIM_EXPERIENCE},
                                                 {"outcomes", CAREALIGN_AIM_OUTCOMES},
                                                 {"resources", CAREALIGN_AIM_RESOURCES},
                                                 {"integration", CAREALIGN_AIM_INTEGRATION},
                                                 {NULL, 0}};

const carealign__fw_name carealign__fw_scorings[] = {
    {"proportion", CAREALIGN_SCORING_PROPORTION},
    {"ratio", CAREALIGN_SCORING_RATIO},
    {"continuous-variable", CAREALIGN_SCORING_CONTINUOUS},
    {"cohort", CAREALIGN_SCORING_COHORT},
    {NULL, 0}};

const carealign__fw_name carealign__fw_improvements[] = {
    {"increase", CAREALIGN_IMPROVE_INCREASE}, {"decrease", CAREALIGN_IMPROVE_DECREASE}, {NULL, 0}};

const carealign__fw_name carealign__fw_intervals[] = {
    {"month", CAREALIGN_INTERVAL_MONTH}, {"quarter", CAREALIGN_INTERVAL_QUARTER}, {NULL, 0}};

const carealign__fw_name carealign__fw_bases[] = {
    {"residents", CAREALIGN_BASE_RESIDENTS}, {"registered", CAREALIGN_BASE_REGISTERED}, {NULL, 0}};

const carealign__fw_name carealign__fw_strata[] = {{"organisation", CAREALIGN_STRATUM_ORGANISATION},
                                                   {"sector", CAREALIGN_STRATUM_SECTOR},
                                                   {"age", CAREALIGN_STRATUM_AGE},
                                                   {"sex", CAREALIGN_STRATUM_SEX},
                                                   {"ethnicity", CAREALIGN_STRATUM_ETHNICITY},
                                                   {"deprivation", CAREALIGN_STRATUM_DEPRIVATION},
                                                   {NULL, 0}};

const carealign__fw_name carealign__fw_groupings[] = {
    {"decile", CAREALIGN_GROUPING_DECILE}, {"quintile", CAREALIGN_GROUPING_QUINTILE}, {NULL, 0}};

const carealign__fw_name carealign__fw_cost_pers[] = {{"contact", CAREALIGN_COST_PER_CONTACT},
                                                      {"day", CAREALIGN_COST_PER_DAY},
                                                      {"hour", CAREALIGN_COST_PER_HOUR},
                                                      {"minute", CAREALIGN_COST_PER_MINUTE},
                                                      {NULL, 0}};

/* The journey layer's CAREALIGN_CONTACT_* codes: one source of truth. */
const carealign__fw_name carealign__fw_contact_types[] = {
    {"admission", CAREALIGN_CONTACT_ADMISSION},
    {"emergency_admission", CAREALIGN_CONTACT_EMERGENCY_ADMISSION},
    {"discharge", CAREALIGN_CONTACT_DISCHARGE},
    {"community_visit", CAREALIGN_CONTACT_COMMUNITY_VISIT},
    {"homecare_visit", CAREALIGN_CONTACT_HOMECARE_VISIT},
    {"gp_appointment", CAREALIGN_CONTACT_GP_APPOINTMENT},
    {"social_care_assessment", CAREALIGN_CONTACT_SOCIAL_CARE_ASSESSMENT},
    {"health_assessment", CAREALIGN_CONTACT_HEALTH_ASSESSMENT},
    {"care_package_start", CAREALIGN_CONTACT_CARE_PACKAGE_START},
    {"care_package_end", CAREALIGN_CONTACT_CARE_PACKAGE_END},
    {"reablement_start", CAREALIGN_CONTACT_REABLEMENT_START},
    {"reablement_end", CAREALIGN_CONTACT_REABLEMENT_END},
    {"care_home_admission_long_term", CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM},
    {"review", CAREALIGN_CONTACT_REVIEW},
    {"death", CAREALIGN_CONTACT_DEATH},
    {NULL, 0}};

/* The journey layer's CAREALIGN_SECTOR_* codes. */
const carealign__fw_name carealign__fw_sectors[] = {
    {"nhs_acute", CAREALIGN_SECTOR_NHS_ACUTE},
    {"nhs_community", CAREALIGN_SECTOR_NHS_COMMUNITY},
    {"nhs_mental_health", CAREALIGN_SECTOR_NHS_MENTAL_HEALTH},
    {"primary_care", CAREALIGN_SECTOR_PRIMARY_CARE},
    {"local_authority", CAREALIGN_SECTOR_LOCAL_AUTHORITY},
    {"independent_provider", CAREALIGN_SECTOR_INDEPENDENT_PROVIDER},
    {"voluntary", CAREALIGN_SECTOR_VOLUNTARY},
    {"housing", CAREALIGN_SECTOR_HOUSING},
    {"other", CAREALIGN_SECTOR_OTHER},
    {NULL, 0}};

const carealign__fw_name carealign__fw_criteria[] = {
    {"initial_population", CAREALIGN_CRIT_INITIAL_POPULATION},
    {"denominator", CAREALIGN_CRIT_DENOMINATOR},
    {"denominator_exclusion", CAREALIGN_CRIT_DENOMINATOR_EXCLUSION},
    {"numerator", CAREALIGN_CRIT_NUMERATOR},
    {"numerator_exclusion", CAREALIGN_CRIT_NUMERATOR_EXCLUSION},
    {"measure_observation", CAREALIGN_CRIT_OBSERVATION},
    {NULL, 0}};

const carealign__fw_name carealign__fw_atoms[] = {
    {"population", CAREALIGN_ATOM_POPULATION}, {"person", CAREALIGN_ATOM_PERSON},
    {"response", CAREALIGN_ATOM_RESPONSE},     {"score", CAREALIGN_ATOM_SCORE},
    {"change", CAREALIGN_ATOM_CHANGE},         {"journey", CAREALIGN_ATOM_JOURNEY},
    {"contacts", CAREALIGN_ATOM_CONTACTS},     {NULL, 0}};

const carealign__fw_name carealign__fw_population_whats[] = {{"base", CAREALIGN_POPULATION_BASE},
                                                             {NULL, 0}};

const carealign__fw_name carealign__fw_person_attrs[] = {
    {"age", CAREALIGN_PERSON_AGE},
    {"sex", CAREALIGN_PERSON_SEX},
    {"deprivation_decile", CAREALIGN_PERSON_DEPRIVATION_DECILE},
    {"deprivation_quintile", CAREALIGN_PERSON_DEPRIVATION_QUINTILE},
    {NULL, 0}};

const carealign__fw_name carealign__fw_response_whats[] = {
    {"any", CAREALIGN_RESPONSE_ANY}, {"paired", CAREALIGN_RESPONSE_PAIRED}, {NULL, 0}};

const carealign__fw_name carealign__fw_score_whats[] = {{"latest", CAREALIGN_SCORE_LATEST},
                                                        {"baseline", CAREALIGN_SCORE_BASELINE},
                                                        {"follow_up", CAREALIGN_SCORE_FOLLOW_UP},
                                                        {"each", CAREALIGN_SCORE_EACH},
                                                        {NULL, 0}};

const carealign__fw_name carealign__fw_change_whats[] = {
    {"value", CAREALIGN_CHANGE_VALUE},
    {"improved_by_mid", CAREALIGN_CHANGE_IMPROVED_BY_MID},
    {"worsened_by_mid", CAREALIGN_CHANGE_WORSENED_BY_MID},
    {NULL, 0}};

const carealign__fw_name carealign__fw_journey_figures[] = {
    {"contacts", CAREALIGN_JF_CONTACTS},
    {"organisations", CAREALIGN_JF_ORGANISATIONS},
    {"sectors", CAREALIGN_JF_SECTORS},
    {"handoffs", CAREALIGN_JF_HANDOFFS},
    {"discharges", CAREALIGN_JF_DISCHARGES},
    {"followed_up_within", CAREALIGN_JF_FOLLOWED_UP_WITHIN},
    {"followup_none", CAREALIGN_JF_FOLLOWUP_NONE},
    {"readmissions", CAREALIGN_JF_READMISSIONS},
    {"delay_known", CAREALIGN_JF_DELAY_KNOWN},
    {"delay_days", CAREALIGN_JF_DELAY_DAYS},
    {"reablement_denominator", CAREALIGN_JF_REABLEMENT_DENOMINATOR},
    {"reablement_numerator", CAREALIGN_JF_REABLEMENT_NUMERATOR},
    {"assessments", CAREALIGN_JF_ASSESSMENTS},
    {"duplicate_assessments", CAREALIGN_JF_DUPLICATE_ASSESSMENTS},
    {"care_home_admissions", CAREALIGN_JF_CARE_HOME_ADMISSIONS},
    {"bed_days", CAREALIGN_JF_BED_DAYS},
    {"days_in_community", CAREALIGN_JF_DAYS_IN_COMMUNITY},
    {"days_observed", CAREALIGN_JF_DAYS_OBSERVED},
    {"activity", CAREALIGN_JF_ACTIVITY},
    {"cost_pence", CAREALIGN_JF_COST_PENCE},
    {"staff_minutes", CAREALIGN_JF_STAFF_MINUTES},
    {"coc", CAREALIGN_JF_COC},
    {"upc", CAREALIGN_JF_UPC},
    {"secon", CAREALIGN_JF_SECON},
    {"mmci", CAREALIGN_JF_MMCI},
    {"fragmentation", CAREALIGN_JF_FRAGMENTATION},
    {NULL, 0}};

const carealign__fw_name carealign__fw_contacts_whats[] = {
    {"count", CAREALIGN_CONTACTS_COUNT},
    {"activity", CAREALIGN_CONTACTS_ACTIVITY},
    {"cost_pence", CAREALIGN_CONTACTS_COST_PENCE},
    {"staff_minutes", CAREALIGN_CONTACTS_STAFF_MINUTES},
    {NULL, 0}};

const carealign__fw_name carealign__fw_aggregates[] = {{"mean", CAREALIGN_AGG_MEAN},
                                                       {"median", CAREALIGN_AGG_MEDIAN},
                                                       {"sum", CAREALIGN_AGG_SUM},
                                                       {NULL, 0}};

const carealign__fw_name carealign__fw_stdpops[] = {
    {"none", CAREALIGN_STDPOP_NONE}, {"esp2013", CAREALIGN_STDPOP_ESP2013}, {NULL, 0}};

const carealign__fw_name carealign__fw_pair_baselines[] = {
    {"first_in_period", CAREALIGN_PAIR_BASELINE_FIRST_IN_PERIOD},
    {"first_ever", CAREALIGN_PAIR_BASELINE_FIRST_EVER},
    {NULL, 0}};

const carealign__fw_name carealign__fw_pair_follow_ups[] = {
    {"first_in_window", CAREALIGN_PAIR_FOLLOWUP_FIRST_IN_WINDOW},
    {"last_in_window", CAREALIGN_PAIR_FOLLOWUP_LAST_IN_WINDOW},
    {NULL, 0}};

const carealign__fw_name carealign__fw_pair_orgs[] = {
    {"any", CAREALIGN_PAIR_ORG_ANY}, {"same", CAREALIGN_PAIR_ORG_SAME}, {NULL, 0}};

static const carealign__fw_name same_day_names[] = {{"keep", CAREALIGN_SAMEDAY_KEEP},
                                                    {"collapse", CAREALIGN_SAMEDAY_COLLAPSE},
                                                    {"by_minute", CAREALIGN_SAMEDAY_BY_MINUTE},
                                                    {NULL, 0}};

static const carealign__fw_name reablement_rules[] = {
    {"none", 0}, {"ascof2d_2024", 1}, {"91day", 2}, {NULL, 0}};

/* Sorted by name; each maps to one field of the journey layer's options. */
const carealign__fw_param_spec carealign__fw_param_specs[] = {
    {"assessment_types", CAREALIGN_PARAM_CONTACT_TYPES, 0, 0, 0, NULL},
    {"continuity_types", CAREALIGN_PARAM_CONTACT_TYPES, 0, 0, 0, NULL},
    {"duplicate_days", CAREALIGN_PARAM_INT, 1, 3650, 0, NULL},
    {"excluded_admission_methods", CAREALIGN_PARAM_CODESET, 0, 0, 0, NULL},
    {"excluded_destinations", CAREALIGN_PARAM_CODESET, 0, 0, 0, NULL},
    {"followup_types", CAREALIGN_PARAM_CONTACT_TYPES, 0, 0, 0, NULL},
    {"followup_within_days", CAREALIGN_PARAM_INT_LIST, 0, 3650, 4, NULL},
    {"max_age", CAREALIGN_PARAM_INT, 0, 130, 0, NULL},
    {"min_age", CAREALIGN_PARAM_INT, 0, 130, 0, NULL},
    {"min_contacts", CAREALIGN_PARAM_INT, 1, 1000, 0, NULL},
    {"national_readmission", CAREALIGN_PARAM_BOOL, 0, 1, 0, NULL},
    {"readmission_days", CAREALIGN_PARAM_INT, 1, 3650, 0, NULL},
    {"readmission_excluded_methods", CAREALIGN_PARAM_CODESET, 0, 0, 0, NULL},
    {"reablement_after_days", CAREALIGN_PARAM_INT, 0, 365, 0, NULL},
    {"reablement_before_days", CAREALIGN_PARAM_INT, 0, 365, 0, NULL},
    {"reablement_followup_days", CAREALIGN_PARAM_INT, 1, 3650, 0, NULL},
    {"reablement_rule", CAREALIGN_PARAM_NAME, 0, 0, 0, reablement_rules},
    {"same_day", CAREALIGN_PARAM_NAME, 0, 0, 0, same_day_names},
    {NULL, 0, 0, 0, 0, NULL}};

static const char *const vs_eq5d3l[] = {"uk-tto-1997", NULL};
static const char *const vs_eq5d5l[] = {"uk-2026", "england-2018", NULL};
static const char *const vs_ascot[] = {"raw", NULL};
static const char *const vs_swemwbs[] = {"metric", "raw", NULL};
static const char *const vs_wemwbs[] = {"raw", NULL};
static const char *const vs_icecap[] = {"coast-2008", NULL};
static const char *const vs_fft[] = {"positive", NULL};
static const char *const vs_barthel[] = {"20", "100", NULL};
static const char *const vs_gas[] = {"tscore-rho-0.3", NULL};

const carealign__fw_instrument carealign__fw_instruments[] = {
    {"eq5d3l", vs_eq5d3l},    {"eq5d5l", vs_eq5d5l},
    {"ascot_sct4", vs_ascot}, {"swemwbs", vs_swemwbs},
    {"wemwbs", vs_wemwbs},    {"icecap_o", vs_icecap},
    {"fft", vs_fft},          {"barthel", vs_barthel},
    {"gas", vs_gas},          {NULL, NULL}};

int32_t carealign__fw_lookup(const carealign__fw_name *table, const char *name, size_t len)
{
    for (; table->name != NULL; table++)
        if (strlen(table->name) == len && memcmp(table->name, name, len) == 0)
            return table->code;
    return -1;
}

const char *carealign__fw_name_of(const carealign__fw_name *table, int32_t code)
{
    for (; table->name != NULL; table++)
        if (table->code == code)
            return table->name;
    return NULL;
}

const char *carealign_framework_code_name(int32_t table, int32_t code)
{
    static const carealign__fw_name *const tables[] = {
        NULL,
        carealign__fw_aims,
        carealign__fw_scorings,
        carealign__fw_improvements,
        carealign__fw_contact_types,
        carealign__fw_sectors,
        carealign__fw_strata,
        carealign__fw_criteria,
        carealign__fw_atoms,
        carealign__fw_journey_figures,
        carealign__fw_cost_pers,
        carealign__fw_aggregates,
        carealign__fw_intervals,
    };
    if (table < 1 || table >= (int32_t)(sizeof tables / sizeof tables[0]))
        return "";
    const char *name = carealign__fw_name_of(tables[table], code);
    return name ? name : "";
}

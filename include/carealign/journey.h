/**
 * @file journey.h
 * @brief Journeys: one person's contacts across organisations turned into
 *        continuity, hand-offs, discharge follow-up, readmission, reablement
 *        outcome, discharge delay, duplicate assessments and totals.
 *
 * Mechanism only. Every window, age limit, exclusion, contact-type filter and
 * unit cost is a field of ::carealign_journey_options that the framework layer
 * supplies; nothing official is built in. docs/journey.md defines every figure
 * with its source and gives the official parameter sets (ASCOF 2D 2024/25
 * onwards, the older 91-day form, BCF discharge delay) as example values.
 *
 * Two ways in:
 * - a reusable builder (::carealign_journey): carealign_journey_reset(), then
 *   carealign_journey_add_contact() in any order (in as many calls as you
 *   like), then carealign_journey_compute(); after warm-up it allocates
 *   nothing per person;
 * - carealign_journey_batch() over a whole columnar table, one result row per
 *   person index.
 *
 * Thread safety: a ::carealign_journey handle may be used by one thread at a
 * time; different handles are independent. The const query functions may run
 * concurrently with each other. The options and columns are only read, during
 * the call.
 */
#ifndef CAREALIGN_JOURNEY_H
#define CAREALIGN_JOURNEY_H

#include <stddef.h>
#include <stdint.h>

#include "carealign/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup journey Journey
 * @brief One person's contacts to figures about how seamless their care was.
 * @{
 */

/**
 * @name Contact types
 * Values of carealign_contact::type; never renumbered. Masks of types (for
 * example carealign_journey_options::continuity_types) use
 * #CAREALIGN_TYPE_BIT.
 * @{
 */
/** @brief Hospital admission (elective or unknown method); a stay with an end day. */
#define CAREALIGN_CONTACT_ADMISSION 1
/** @brief Emergency hospital admission; a stay, and a candidate readmission. */
#define CAREALIGN_CONTACT_EMERGENCY_ADMISSION 2
/** @brief Hospital discharge; closes the latest open admission at the same organisation. */
#define CAREALIGN_CONTACT_DISCHARGE 3
/** @brief Community health visit or appointment. */
#define CAREALIGN_CONTACT_COMMUNITY_VISIT 4
/** @brief Homecare visit. */
#define CAREALIGN_CONTACT_HOMECARE_VISIT 5
/** @brief GP (primary care) appointment. */
#define CAREALIGN_CONTACT_GP_APPOINTMENT 6
/** @brief Social care assessment; carealign_contact::subtype is the assessment type. */
#define CAREALIGN_CONTACT_SOCIAL_CARE_ASSESSMENT 7
/** @brief Health assessment; carealign_contact::subtype is the assessment type. */
#define CAREALIGN_CONTACT_HEALTH_ASSESSMENT 8
/** @brief Start of a care package. */
#define CAREALIGN_CONTACT_CARE_PACKAGE_START 9
/** @brief End of a care package. */
#define CAREALIGN_CONTACT_CARE_PACKAGE_END 10
/** @brief Start of reablement; with an end day it is the whole reablement spell. */
#define CAREALIGN_CONTACT_REABLEMENT_START 11
/** @brief End of reablement; closes the earliest open reablement start before it. */
#define CAREALIGN_CONTACT_REABLEMENT_END 12
/** @brief Long-term admission to a residential or nursing care home (end day = left). */
#define CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM 13
/** @brief Review of care and support. */
#define CAREALIGN_CONTACT_REVIEW 14
/** @brief Death (start day = day of death). */
#define CAREALIGN_CONTACT_DEATH 15
/** @brief One more than the largest contact type; types are 1 to this minus 1. */
#define CAREALIGN_CONTACT_TYPE_END 16
/** @brief The mask bit of contact type @p t (1 to 63), as a `uint64_t`. */
#define CAREALIGN_TYPE_BIT(t) (UINT64_C(1) << (t))
/** @} */

/**
 * @name Sectors
 * Values of carealign_contact::sector; never renumbered. Masks of sectors use
 * #CAREALIGN_SECTOR_BIT.
 * @{
 */
/** @brief Sector not known. */
#define CAREALIGN_SECTOR_UNKNOWN 0
/** @brief NHS acute hospital. */
#define CAREALIGN_SECTOR_NHS_ACUTE 1
/** @brief NHS community health services. */
#define CAREALIGN_SECTOR_NHS_COMMUNITY 2
/** @brief NHS mental health services. */
#define CAREALIGN_SECTOR_NHS_MENTAL_HEALTH 3
/** @brief Primary care (general practice). */
#define CAREALIGN_SECTOR_PRIMARY_CARE 4
/** @brief Local authority (council) social care. */
#define CAREALIGN_SECTOR_LOCAL_AUTHORITY 5
/** @brief Independent (private) provider. */
#define CAREALIGN_SECTOR_INDEPENDENT_PROVIDER 6
/** @brief Voluntary sector. */
#define CAREALIGN_SECTOR_VOLUNTARY 7
/** @brief Housing. */
#define CAREALIGN_SECTOR_HOUSING 8
/** @brief Any other sector. */
#define CAREALIGN_SECTOR_OTHER 9
/** @brief The mask bit of sector @p s (0 to 31), as a `uint32_t`. */
#define CAREALIGN_SECTOR_BIT(s) (UINT32_C(1) << (s))
/** @} */

/**
 * @name Optional contact fields
 * Bits of carealign_contact::has: a field is read only when its bit is set.
 * @{
 */
/** @brief carealign_contact::end_day is set (otherwise the contact ends on its start day). */
#define CAREALIGN_CONTACT_HAS_END 0x1u
/** @brief carealign_contact::start_minute is set. */
#define CAREALIGN_CONTACT_HAS_START_MINUTE 0x2u
/** @brief carealign_contact::professional is set. */
#define CAREALIGN_CONTACT_HAS_PROFESSIONAL 0x4u
/** @brief carealign_contact::subtype is set. */
#define CAREALIGN_CONTACT_HAS_SUBTYPE 0x8u
/** @brief carealign_contact::admission_method is set. */
#define CAREALIGN_CONTACT_HAS_ADMISSION_METHOD 0x10u
/** @brief carealign_contact::discharge_destination is set. */
#define CAREALIGN_CONTACT_HAS_DESTINATION 0x20u
/** @brief carealign_contact::discharge_ready_day is set. */
#define CAREALIGN_CONTACT_HAS_READY_DAY 0x40u
/** @brief carealign_contact::activity is set (otherwise one unit). */
#define CAREALIGN_CONTACT_HAS_ACTIVITY 0x80u
/** @brief carealign_contact::cost_pence is set (it overrides unit-cost pricing). */
#define CAREALIGN_CONTACT_HAS_COST 0x100u
/** @} */

/**
 * @brief One contact between a person and a service. 80 bytes; minimum size 80.
 *
 * Initialise with #CAREALIGN_CONTACT_INIT or carealign_contact_init(). A stay
 * in hospital is an admission-type contact whose end day is the discharge day
 * (or an admission closed by a later #CAREALIGN_CONTACT_DISCHARGE at the same
 * organisation).
 */
typedef struct carealign_contact {
    size_t size;       /**< sizeof(carealign_contact) as the caller knows it. */
    uint32_t has;      /**< CAREALIGN_CONTACT_HAS_ bits for the optional fields. */
    int32_t person;    /**< Person index (batch and scorecard); ignored by the builder. */
    int32_t org;       /**< Organisation index, 0 or more. */
    int32_t sector;    /**< CAREALIGN_SECTOR_ value of this service, 0 to 31. */
    int32_t type;      /**< CAREALIGN_CONTACT_ type. */
    int32_t start_day; /**< First day, days since 1970-01-01. */
    int32_t end_day;   /**< Last day (discharge day of a stay); with HAS_END; not before start. */
    int32_t start_minute; /**< Minute of the day, 0 to 1439, for ordering; with HAS_START_MINUTE. */
    int32_t professional; /**< Professional index, 0 or more, unique across organisations. */
    int32_t subtype;      /**< Assessment type or other local code; with HAS_SUBTYPE. */
    int32_t admission_method;      /**< NHS Data Dictionary admission method code, e.g. 21. */
    int32_t discharge_destination; /**< NHS Data Dictionary discharge destination code, e.g. 19. */
    int32_t discharge_ready_day;   /**< Day the person was ready for discharge; acute stays. */
    int32_t staff_minutes;         /**< Staff time in minutes, 0 or more (0 if unknown). */
    int64_t activity;              /**< Activity units, 0 or more; with HAS_ACTIVITY, else 1. */
    int64_t cost_pence;            /**< Cost in pence, 0 or more; with HAS_COST. */
} carealign_contact;

/** @brief Static initialiser for ::carealign_contact (all fields zero, none present). */
#define CAREALIGN_CONTACT_INIT                                                                     \
    {                                                                                              \
        .size = sizeof(carealign_contact)                                                          \
    }

/**
 * @brief Initialise a ::carealign_contact: zero @p size bytes, then set the size.
 * @param contact The struct to fill.
 * @param size sizeof(carealign_contact) as the caller knows it; at least 80.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL or a size below 80.
 */
CAREALIGN_API carealign_status carealign_contact_init(carealign_contact *contact, size_t size);

/**
 * @name Person fields and flags
 * @{
 */
/** @brief carealign_person::birth_year and birth_month are set. */
#define CAREALIGN_PERSON_HAS_BIRTH 0x1u
/** @brief carealign_person::death_day is set. */
#define CAREALIGN_PERSON_HAS_DEATH 0x2u
/** @brief carealign_person::sex is set. */
#define CAREALIGN_PERSON_HAS_SEX 0x4u
/** @brief carealign_person::ethnicity is set. */
#define CAREALIGN_PERSON_HAS_ETHNICITY 0x8u
/** @brief carealign_person::imd_decile is set. */
#define CAREALIGN_PERSON_HAS_IMD 0x10u
/** @brief carealign_person::area is set. */
#define CAREALIGN_PERSON_HAS_AREA 0x20u
/** @brief carealign_person::practice is set. */
#define CAREALIGN_PERSON_HAS_PRACTICE 0x40u
/** @brief The person opted out of the use of their data. */
#define CAREALIGN_PERSON_OPTED_OUT 0x1u
/** @brief In long-term residential care support throughout the observation. */
#define CAREALIGN_PERSON_LTS_RESIDENTIAL 0x2u
/** @brief In long-term nursing care support throughout the observation. */
#define CAREALIGN_PERSON_LTS_NURSING 0x4u
/** @brief In long-term support in prison throughout the observation. */
#define CAREALIGN_PERSON_LTS_PRISON 0x8u
/** @} */

/**
 * @brief What the journey needs to know about the person. 56 bytes; minimum 56.
 *
 * Shared with the scorecard layer. Only birth, death and the LTS flags are
 * used by the journey.
 */
typedef struct carealign_person {
    size_t size;         /**< sizeof(carealign_person) as the caller knows it. */
    uint32_t has;        /**< CAREALIGN_PERSON_HAS_ bits. */
    int32_t person;      /**< Person index. */
    int32_t birth_year;  /**< Year of birth, 1 to 9999; with HAS_BIRTH. */
    int32_t birth_month; /**< Month of birth, 1 to 12; with HAS_BIRTH. */
    int32_t death_day;   /**< Day of death; with HAS_DEATH. */
    int32_t sex;         /**< NHS Data Dictionary: 1 male, 2 female, 9 indeterminate. */
    int32_t ethnicity;   /**< Ethnicity dictionary index. */
    int32_t imd_decile;  /**< Index of Multiple Deprivation decile, 1 most deprived to 10. */
    int32_t area;        /**< Area (local authority) dictionary index. */
    int32_t practice;    /**< GP practice dictionary index. */
    uint32_t flags;      /**< CAREALIGN_PERSON_OPTED_OUT and CAREALIGN_PERSON_LTS_ bits. */
    int32_t reserved;    /**< Must be zero. */
} carealign_person;

/** @brief Static initialiser for ::carealign_person (nothing known). */
#define CAREALIGN_PERSON_INIT                                                                      \
    {                                                                                              \
        .size = sizeof(carealign_person)                                                           \
    }

/**
 * @brief Initialise a ::carealign_person: zero @p size bytes, then set the size.
 * @param person The struct to fill.
 * @param size sizeof(carealign_person) as the caller knows it; at least 56.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL or a size below 56.
 */
CAREALIGN_API carealign_status carealign_person_init(carealign_person *person, size_t size);

/**
 * @name Same-day rules
 * Values of carealign_journey_options::same_day: how contacts on one day
 * enter the continuity sequence.
 * @{
 */
/** @brief Keep every contact; same-day contacts are ordered by organisation, then professional. */
#define CAREALIGN_SAMEDAY_KEEP 0
/** @brief Keep one contact per organisation (per professional for professional continuity) per
 * day. */
#define CAREALIGN_SAMEDAY_COLLAPSE 1
/** @brief Keep every contact, ordered within the day by start minute (unknown minutes first). */
#define CAREALIGN_SAMEDAY_BY_MINUTE 2
/** @} */

/**
 * @name Reablement outcome rules
 * Values of carealign_journey_options::reablement_outcome.
 * @{
 */
/** @brief Success unless an emergency readmission, death or long-term care-home admission
 * falls within the follow-up days after discharge (ASCOF 2D 2024/25 form). */
#define CAREALIGN_REABLE_OUTCOME_NO_EVENT 0
/** @brief Success if alive, not in hospital and not in a long-term care home on the day
 * discharge + follow-up days (the older 91-day "still at home" form). */
#define CAREALIGN_REABLE_OUTCOME_AT_HOME_ON_DAY 1
/** @} */

/**
 * @name Option presence bits
 * Bits of carealign_journey_options::has.
 * @{
 */
/** @brief period_start and period_end are set. */
#define CAREALIGN_JOPT_HAS_PERIOD 0x1u
/** @brief reablement_min_age is set (otherwise no age limit). */
#define CAREALIGN_JOPT_HAS_REABLEMENT_MIN_AGE 0x2u
/** @brief reablement_discharge_first and _last are set (otherwise the period, if any). */
#define CAREALIGN_JOPT_HAS_REABLEMENT_DISCHARGES 0x4u
/** @brief reablement_max_age is set (otherwise no upper age limit). Needs an options size of
 * 216 or more. */
#define CAREALIGN_JOPT_HAS_REABLEMENT_MAX_AGE 0x8u
/** @} */

/**
 * @name Option flags
 * Bits of carealign_journey_options::flags.
 * @{
 */
/** @brief The framework supplied the national readmission exclusions: readmissions are not
 * labelled with #CAREALIGN_JR_LOCAL_READMISSION. */
#define CAREALIGN_JOPT_NATIONAL_READMISSION 0x1u
/** @brief Batch: rows are already in non-decreasing person order (no sort; a row out of order
 * makes the call fail with #CAREALIGN_EINVAL). */
#define CAREALIGN_JOPT_INPUT_SORTED 0x2u
/** @brief Reablement: exclude index stays whose admission day equals the discharge day. */
#define CAREALIGN_JOPT_REABLE_EXCLUDE_ZERO_LOS 0x4u
/** @brief Reablement: a readmission counts only if its stay lasts at least one night. */
#define CAREALIGN_JOPT_REABLE_READMIT_EXCLUDE_ZERO_LOS 0x8u
/** @brief Reablement: exclude discharges of people who died on or before the discharge day
 * (died in hospital). */
#define CAREALIGN_JOPT_REABLE_EXCLUDE_DIED_IN_HOSPITAL 0x10u
/** @brief Reablement: people who die within the follow-up are removed from the denominator
 * (otherwise they stay in it and are not in the numerator). */
#define CAREALIGN_JOPT_REABLE_EXCLUDE_DEATHS 0x20u
/** @brief Reablement: exclude people in long-term residential, nursing or prison support at
 * admission (person LTS flags, or a long-term care-home contact spanning the admission day). */
#define CAREALIGN_JOPT_REABLE_EXCLUDE_LTS 0x40u
/** @brief Ages are floor((day - 1st of birth month) / 365.25), as DHSC's ASCOF SQL computes
 * them; otherwise whole years completed since the 1st of the birth month. */
#define CAREALIGN_JOPT_AGE_DAYS_365_25 0x80u
/** @} */

/**
 * @brief Every parameter of the journey figures. 216 bytes; minimum 192 (the first
 *        release, without reablement_max_age and the discharge exclusions).
 *
 * The framework supplies every value; zero means the documented default.
 * Initialise with #CAREALIGN_JOURNEY_OPTIONS_INIT or
 * carealign_journey_options_init(). The pointers are borrowed for the call.
 */
typedef struct carealign_journey_options {
    size_t size;          /**< sizeof(carealign_journey_options) as the caller knows it. */
    uint32_t has;         /**< CAREALIGN_JOPT_HAS_ bits. */
    uint32_t flags;       /**< CAREALIGN_JOPT_ flags. */
    int32_t period_start; /**< First day observed (inclusive); with HAS_PERIOD. */
    int32_t period_end;   /**< Last day observed (inclusive); with HAS_PERIOD. */
    /** Contact types (CAREALIGN_TYPE_BIT mask) in the continuity sequence; 0 means all types
     * except homecare visits, admissions, discharges, care-package and reablement starts and
     * ends, long-term care-home admissions and deaths. */
    uint64_t continuity_types;
    /** Contact types that count as follow-up after a discharge; 0 means community visits,
     * homecare visits, GP appointments, both assessments, reviews, care-package starts and
     * reablement starts. */
    uint64_t followup_types;
    /** Contact types that are assessments; 0 means social care and health assessments. */
    uint64_t assessment_types;
    int32_t min_contacts; /**< Fewest contacts for continuity; 0 (or 1) means 2. */
    int32_t same_day;     /**< CAREALIGN_SAMEDAY_ rule. */
    /** Follow-up thresholds in days (days to follow-up <= threshold); unused entries 0; all 0
     * means {3, 7}. */
    int32_t followup_within[4];
    int32_t readmission_days; /**< Emergency readmission when 0 <= days after discharge < this;
                                   0 means 30. */
    int32_t duplicate_days;   /**< Duplicate assessment within this many days; 0 means 90. */
    /** Reablement follow-up days after discharge (84 for 12 weeks, 91); 0 means no reablement
     * figures. The other reablement fields are used as given: no hidden defaults. */
    int32_t reablement_followup_days;
    int32_t reablement_before;      /**< A discharge links to a reablement cluster starting up to
                                         this many days after it (days; 0 or more). */
    int32_t reablement_after;       /**< ...or up to this many days before it (0 or more). */
    int32_t reablement_cluster_gap; /**< Reablement spells starting at most this many days after
                                         the previous one ended form one cluster (0 or more). */
    int32_t reablement_min_age;     /**< Minimum age at discharge; with HAS_REABLEMENT_MIN_AGE. */
    int32_t reablement_outcome;     /**< CAREALIGN_REABLE_OUTCOME_ rule. */
    int32_t reablement_discharge_first; /**< First discharge day eligible; with
                                             HAS_REABLEMENT_DISCHARGES. */
    int32_t reablement_discharge_last;  /**< Last discharge day eligible (inclusive). */
    /** Sectors (CAREALIGN_SECTOR_BIT mask) whose admission-type contacts are hospital stays;
     * 0 means every sector. */
    uint32_t stay_sectors;
    uint32_t reserved;                          /**< Must be zero. */
    const int32_t *reablement_excluded_methods; /**< Admission methods excluded; may be NULL. */
    size_t n_reablement_excluded_methods;       /**< Entries in reablement_excluded_methods. */
    const int32_t *reablement_excluded_destinations; /**< Discharge destinations excluded. */
    size_t n_reablement_excluded_destinations; /**< Entries in reablement_excluded_destinations. */
    const int32_t *readmission_excluded_methods; /**< Admission methods that are not
                                                      readmissions; may be NULL. */
    size_t n_readmission_excluded_methods;       /**< Entries in readmission_excluded_methods. */
    /** Pence per activity unit, row-major [type][sector]: unit_costs[type * n_cost_sectors +
     * sector]; #CAREALIGN_NA_I64 for "no price". NULL prices nothing but HAS_COST contacts. */
    const int64_t *unit_costs;
    size_t n_cost_types;   /**< Rows of unit_costs (contact types 0 to n - 1). */
    size_t n_cost_sectors; /**< Columns of unit_costs (sectors 0 to n - 1). */
    /* Appended after the first release: read only when size reaches them (216). */
    /** Maximum age at discharge (inclusive; older is excluded like younger than
     * reablement_min_age); with #CAREALIGN_JOPT_HAS_REABLEMENT_MAX_AGE. */
    int32_t reablement_max_age;
    int32_t reserved2; /**< Must be zero. */
    /** Discharge destinations whose discharges are not counted: not in n_discharges, the
     * follow-up counts, n_readmissions (as the discharge before a readmission) or the delay
     * counts; flagged #CAREALIGN_DIS_EXCLUDED in the per-discharge detail. The stay still counts
     * in bed days and days in the community, and reablement has its own list. May be NULL. */
    const int32_t *discharge_excluded_destinations;
    size_t n_discharge_excluded_destinations; /**< Entries in discharge_excluded_destinations. */
} carealign_journey_options;

/** @brief Static initialiser for ::carealign_journey_options (every default). */
#define CAREALIGN_JOURNEY_OPTIONS_INIT                                                             \
    {                                                                                              \
        .size = sizeof(carealign_journey_options)                                                  \
    }

/**
 * @brief Initialise ::carealign_journey_options: zero @p size bytes, then set the size.
 * @param options The struct to fill.
 * @param size sizeof(carealign_journey_options) as the caller knows it; at least 192
 *        (the first release's size).
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL or a size below 192.
 */
CAREALIGN_API carealign_status carealign_journey_options_init(carealign_journey_options *options,
                                                              size_t size);

/**
 * @name Result flags
 * Bits of carealign_journey_result::flags.
 * @{
 */
/** @brief Organisation continuity not computable (fewer contacts than the minimum): NaN. */
#define CAREALIGN_JR_CONTINUITY_NA 0x1u
/** @brief Professional continuity not computable: NaN. */
#define CAREALIGN_JR_PROF_CONTINUITY_NA 0x2u
/** @brief Readmissions follow a local definition (national exclusions not supplied). */
#define CAREALIGN_JR_LOCAL_READMISSION 0x4u
/** @brief Some activity had no price (see n_unpriced); cost_pence is a lower bound. */
#define CAREALIGN_JR_UNPRICED_ACTIVITY 0x8u
/** @brief The person had no valid contacts. */
#define CAREALIGN_JR_NO_CONTACTS 0x10u
/** @brief No period was given: days_observed, days_alive and days_alive_in_community are 0. */
#define CAREALIGN_JR_NO_PERIOD 0x20u
/** @brief Reablement figures were not asked for (reablement_followup_days 0). */
#define CAREALIGN_JR_NO_REABLEMENT 0x40u
/** @} */

/**
 * @brief The figures for one person. 272 bytes; minimum 272.
 *
 * An output struct: set @c size before the call; the library writes the
 * fields that fit and zero-fills the rest. Continuity values are in [0, 1]
 * and NaN when not computable (never 0 or 1 for "too few").
 */
typedef struct carealign_journey_result {
    size_t size;                 /**< sizeof(carealign_journey_result) as the caller knows it. */
    int32_t person;              /**< Batch: the person index; builder: the person set, or -1. */
    uint32_t flags;              /**< CAREALIGN_JR_ flags. */
    double coc;                  /**< Bice-Boxerman continuity of care over organisations. */
    double upc;                  /**< Usual provider continuity over organisations. */
    double secon;                /**< Sequential continuity over organisations. */
    double mmci;                 /**< Modified modified continuity index over organisations. */
    double fragmentation;        /**< 1 - Herfindahl index over organisations. */
    double prof_coc;             /**< COC over professionals. */
    double prof_upc;             /**< UPC over professionals. */
    double prof_secon;           /**< SECON over professionals. */
    double prof_mmci;            /**< MMCI over professionals. */
    double prof_fragmentation;   /**< 1 - Herfindahl index over professionals. */
    int32_t continuity_contacts; /**< Contacts in the organisation continuity sequence. */
    int32_t prof_continuity_contacts; /**< Contacts in the professional sequence. */
    int32_t min_contacts_used;        /**< Minimum contacts applied (echo). */
    int32_t same_day_used;            /**< Same-day rule applied (echo). */
    int32_t n_contacts;               /**< Valid contacts added. */
    int32_t n_rejected;               /**< Contacts rejected by add_contact. */
    int32_t n_organisations;          /**< Distinct organisations (contacts in the period). */
    int32_t n_sectors;                /**< Distinct known sectors (contacts in the period). */
    int32_t n_professionals;          /**< Distinct professionals (contacts in the period). */
    int32_t n_handoffs;               /**< Changes of organisation along the continuity sequence. */
    int32_t n_discharges;             /**< Hospital discharges in the period. */
    int32_t n_followup_none;          /**< Discharges with no follow-up contact at all. */
    int32_t followup_days[4];         /**< Follow-up thresholds applied (echo; 0 unused). */
    int32_t n_followup_within[4];     /**< Discharges followed up within each threshold. */
    int32_t n_readmissions;           /**< Discharges followed by an emergency readmission. */
    int32_t readmission_days_used;    /**< Readmission window applied (echo). */
    int32_t n_delay_known;            /**< Discharges with a valid discharge ready day. */
    int32_t n_delayed;                /**< ... of which discharged after the ready day. */
    int32_t delay_days_total;         /**< Sum of days from ready day to discharge. */
    int32_t n_reablement_denominator; /**< Reablement clusters with a linked eligible discharge. */
    int32_t n_reablement_numerator;   /**< ... of which remained in the community. */
    int32_t n_reablement_excluded;    /**< Discharges excluded from reablement by a rule. */
    int32_t n_assessments;            /**< Assessments in the period. */
    int32_t n_duplicate_assessments;  /**< ... repeating an earlier one by another organisation. */
    int32_t duplicate_days_used;      /**< Duplicate window applied (echo). */
    int32_t n_lt_care_home_admissions; /**< Long-term care-home admissions in the period. */
    int32_t bed_days;                  /**< Nights in hospital within the period. */
    int32_t days_observed;             /**< Days in the period (0 without one). */
    int32_t days_alive;                /**< Days in the period before death. */
    int32_t days_alive_in_community;   /**< ... not in hospital or a long-term care home. */
    int32_t n_unpriced;                /**< Contacts that could not be priced. */
    int32_t reserved;                  /**< Zero. */
    int64_t activity;                  /**< Activity units (contacts in the period). */
    int64_t cost_pence;                /**< Priced cost in pence (contacts in the period). */
    int64_t staff_minutes;             /**< Staff minutes (contacts in the period). */
} carealign_journey_result;

/** @brief Static initialiser for ::carealign_journey_result. */
#define CAREALIGN_JOURNEY_RESULT_INIT                                                              \
    {                                                                                              \
        .size = sizeof(carealign_journey_result)                                                   \
    }

/**
 * @brief Initialise a ::carealign_journey_result: zero @p size bytes, then set the size.
 * @param result The struct to fill.
 * @param size sizeof(carealign_journey_result) as the caller knows it; at least 272.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL or a size below 272.
 */
CAREALIGN_API carealign_status carealign_journey_result_init(carealign_journey_result *result,
                                                             size_t size);

/**
 * @name Discharge flags and reablement exclusions
 * @{
 */
/** @brief carealign_discharge::days_to_followup is valid. */
#define CAREALIGN_DIS_FOLLOWED_UP 0x1u
/** @brief carealign_discharge::delay_days is valid. */
#define CAREALIGN_DIS_DELAY_KNOWN 0x2u
/** @brief An emergency readmission followed (carealign_discharge::days_to_readmission). */
#define CAREALIGN_DIS_READMITTED 0x4u
/** @brief The stay began with an emergency admission. */
#define CAREALIGN_DIS_EMERGENCY 0x8u
/** @brief The discharge day is in the period (counted in the result). */
#define CAREALIGN_DIS_IN_PERIOD 0x10u
/** @brief The admission day is not known (a discharge with no admission contact). */
#define CAREALIGN_DIS_ADMISSION_UNKNOWN 0x20u
/** @brief The destination is in carealign_journey_options::discharge_excluded_destinations:
 * not counted in the discharge figures. */
#define CAREALIGN_DIS_EXCLUDED 0x40u
/** @brief Reablement exclusion: died in hospital, or within follow-up with EXCLUDE_DEATHS. */
#define CAREALIGN_REABLE_EXCL_DIED 0x1u
/** @brief Reablement exclusion: below the minimum age, above the maximum age, or age unknown
 * (when an age limit is set). */
#define CAREALIGN_REABLE_EXCL_AGE 0x2u
/** @brief Reablement exclusion: admission method excluded. */
#define CAREALIGN_REABLE_EXCL_METHOD 0x4u
/** @brief Reablement exclusion: discharge destination excluded. */
#define CAREALIGN_REABLE_EXCL_DEST 0x8u
/** @brief Reablement exclusion: in long-term residential, nursing or prison support. */
#define CAREALIGN_REABLE_EXCL_LTS 0x10u
/** @brief Reablement exclusion: zero length of stay. */
#define CAREALIGN_REABLE_EXCL_ZERO_LOS 0x20u
/** @brief Reablement exclusion: discharge outside the eligible discharge days. */
#define CAREALIGN_REABLE_EXCL_PERIOD 0x40u
/** @} */

/**
 * @brief One hospital discharge, from the builder after carealign_journey_compute().
 *        48 bytes; minimum 48. An output struct: set @c size before the call.
 */
typedef struct carealign_discharge {
    size_t size;                    /**< sizeof(carealign_discharge) as the caller knows it. */
    int32_t day;                    /**< Discharge day. */
    int32_t admission_day;          /**< Admission day (the discharge day when unknown). */
    int32_t org;                    /**< Organisation of the stay. */
    int32_t sector;                 /**< Sector of the stay. */
    int32_t days_to_followup;       /**< Days to the first follow-up; with DIS_FOLLOWED_UP. */
    int32_t delay_days;             /**< Days from ready day to discharge; with DIS_DELAY_KNOWN. */
    int32_t days_to_readmission;    /**< Days to the emergency readmission; with DIS_READMITTED. */
    int32_t reablement;             /**< 0 not linked, 1 in the denominator, 2 also numerator. */
    uint32_t reablement_exclusions; /**< CAREALIGN_REABLE_EXCL_ bits (when reablement asked). */
    uint32_t flags;                 /**< CAREALIGN_DIS_ flags. */
} carealign_discharge;

/** @brief Static initialiser for ::carealign_discharge. */
#define CAREALIGN_DISCHARGE_INIT                                                                   \
    {                                                                                              \
        .size = sizeof(carealign_discharge)                                                        \
    }

/**
 * @brief Initialise a ::carealign_discharge: zero @p size bytes, then set the size.
 * @param discharge The struct to fill.
 * @param size sizeof(carealign_discharge) as the caller knows it; at least 48.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL or a size below 48.
 */
CAREALIGN_API carealign_status carealign_discharge_init(carealign_discharge *discharge,
                                                        size_t size);

/**
 * @brief Parallel columns of contacts for carealign_journey_batch(). 136 bytes;
 *        minimum 136.
 *
 * A NULL optional column means "absent for every row"; in a present column
 * #CAREALIGN_NA_I32 / #CAREALIGN_NA_I64 mark a missing value. Borrowed for
 * the call only; never copied.
 */
typedef struct carealign_contact_columns {
    size_t size;                          /**< sizeof(carealign_contact_columns). */
    size_t n;                             /**< Rows in every column. */
    const int32_t *person;                /**< Person index, 0 to n_results - 1; required. */
    const int32_t *org;                   /**< Required. */
    const int32_t *sector;                /**< Required. */
    const int32_t *type;                  /**< Required. */
    const int32_t *start_day;             /**< Required. */
    const int32_t *end_day;               /**< Optional. */
    const int32_t *start_minute;          /**< Optional. */
    const int32_t *professional;          /**< Optional. */
    const int32_t *subtype;               /**< Optional. */
    const int32_t *admission_method;      /**< Optional. */
    const int32_t *discharge_destination; /**< Optional. */
    const int32_t *discharge_ready_day;   /**< Optional. */
    const int32_t *staff_minutes;         /**< Optional; NA counts as 0. */
    const int64_t *activity;              /**< Optional; NA counts as 1 unit. */
    const int64_t *cost_pence;            /**< Optional. */
} carealign_contact_columns;

/** @brief Static initialiser for ::carealign_contact_columns (no rows). */
#define CAREALIGN_CONTACT_COLUMNS_INIT                                                             \
    {                                                                                              \
        .size = sizeof(carealign_contact_columns)                                                  \
    }

/**
 * @brief Initialise ::carealign_contact_columns: zero @p size bytes, then set the size.
 * @param columns The struct to fill.
 * @param size sizeof(carealign_contact_columns) as the caller knows it; at least 136.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL or a size below 136.
 */
CAREALIGN_API carealign_status carealign_contact_columns_init(carealign_contact_columns *columns,
                                                              size_t size);

/**
 * @brief Parallel columns of people for carealign_journey_batch(). 96 bytes; minimum 96.
 *
 * Only birth, death and flags are used by the journey. NA values mark a
 * missing birth or death.
 */
typedef struct carealign_person_columns {
    size_t size;                /**< sizeof(carealign_person_columns). */
    size_t n;                   /**< Rows in every column. */
    const int32_t *person;      /**< Person index of each row; NULL: row i is person i. */
    const int32_t *birth_year;  /**< Optional. */
    const int32_t *birth_month; /**< Optional. */
    const int32_t *death_day;   /**< Optional. */
    const int32_t *sex;         /**< Optional; not used by the journey. */
    const int32_t *ethnicity;   /**< Optional; not used by the journey. */
    const int32_t *imd_decile;  /**< Optional; not used by the journey. */
    const int32_t *area;        /**< Optional; not used by the journey. */
    const int32_t *practice;    /**< Optional; not used by the journey. */
    const uint32_t *flags;      /**< Optional CAREALIGN_PERSON_ flags. */
} carealign_person_columns;

/** @brief Static initialiser for ::carealign_person_columns (no rows). */
#define CAREALIGN_PERSON_COLUMNS_INIT                                                              \
    {                                                                                              \
        .size = sizeof(carealign_person_columns)                                                   \
    }

/**
 * @brief Initialise ::carealign_person_columns: zero @p size bytes, then set the size.
 * @param columns The struct to fill.
 * @param size sizeof(carealign_person_columns) as the caller knows it; at least 96.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL or a size below 96.
 */
CAREALIGN_API carealign_status carealign_person_columns_init(carealign_person_columns *columns,
                                                             size_t size);

/**
 * @brief A reusable journey builder for one person at a time (opaque).
 */
typedef struct carealign_journey carealign_journey;

/**
 * @brief Create a journey builder.
 * @param out Receives the new builder; release it with carealign_journey_free().
 * @return #CAREALIGN_OK; #CAREALIGN_ENOMEM; #CAREALIGN_EINVAL for a NULL @p out.
 */
CAREALIGN_API carealign_status carealign_journey_new(carealign_journey **out);

/**
 * @brief Release a builder and all its memory.
 * @param journey The builder; NULL is a no-op.
 */
CAREALIGN_API void carealign_journey_free(carealign_journey *journey);

/**
 * @brief Forget the person (contacts, person details, discharges) and keep the memory,
 *        ready for the next person.
 *
 * The memory kept includes the scratch of earlier carealign_journey_batch()
 * calls; only carealign_journey_free() releases it.
 * @param journey The builder; NULL is a no-op.
 */
CAREALIGN_API void carealign_journey_reset(carealign_journey *journey);

/**
 * @brief Tell the builder who the person is (birth, death, long-term support flags).
 *
 * Optional: without it, ages are unknown and death comes only from
 * #CAREALIGN_CONTACT_DEATH contacts.
 *
 * @param journey The builder.
 * @param person The person; copied.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for NULL, a bad size or a birth month outside
 *         1 to 12; #CAREALIGN_EUNSUPPORTED for a newer struct with unknown fields set.
 */
CAREALIGN_API carealign_status carealign_journey_set_person(carealign_journey *journey,
                                                            const carealign_person *person);

/**
 * @brief Add one contact of the current person. Contacts may come in any order.
 *
 * A contact that is invalid (end before start, unknown type, negative
 * organisation, sector outside 0 to 31, start minute outside 0 to 1439,
 * negative activity, cost or staff minutes) is rejected with
 * #CAREALIGN_EINVAL and counted in carealign_journey_result::n_rejected;
 * the other contacts still count.
 *
 * @param journey The builder.
 * @param contact The contact; copied.
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for a rejected contact; #CAREALIGN_ENOMEM
 *         (the builder is unchanged); #CAREALIGN_EUNSUPPORTED for a newer struct with
 *         unknown fields set.
 */
CAREALIGN_API carealign_status carealign_journey_add_contact(carealign_journey *journey,
                                                             const carealign_contact *contact);

/**
 * @brief Add an array of contacts, strided by contacts[0].size.
 * @param journey The builder.
 * @param contacts The contacts; every element must carry the same size.
 * @param n The number of contacts.
 * @param row_status Receives #CAREALIGN_OK or the error of each contact; may be NULL.
 * @param out_n_rejected Receives the number rejected; may be NULL.
 * @return #CAREALIGN_OK even when some contacts were rejected; #CAREALIGN_ENOMEM;
 *         #CAREALIGN_EINVAL for NULL arguments.
 */
CAREALIGN_API carealign_status carealign_journey_add_contacts(carealign_journey *journey,
                                                              const carealign_contact *contacts,
                                                              size_t n, int32_t *row_status,
                                                              size_t *out_n_rejected);

/**
 * @brief Compute the figures of the current person.
 *
 * May be called again with other options; the contacts stay until
 * carealign_journey_reset(). Per-discharge detail is then available from
 * carealign_journey_discharge_count() and carealign_journey_get_discharge().
 *
 * @param journey The builder.
 * @param options The parameters; NULL means every default.
 * @param out Receives the figures (its @c size set by the caller).
 * @return #CAREALIGN_OK; #CAREALIGN_EINVAL for bad options (a negative window, an unknown
 *         rule, a period ending before it starts, a list pointer NULL with a count) or a bad
 *         @p out; #CAREALIGN_ENOMEM.
 */
CAREALIGN_API carealign_status carealign_journey_compute(carealign_journey *journey,
                                                         const carealign_journey_options *options,
                                                         carealign_journey_result *out);

/**
 * @brief The number of discharges found by the last carealign_journey_compute().
 * @param journey The builder.
 * @param out_n Receives the count (0 before any compute or after a reset).
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL arguments.
 */
CAREALIGN_API carealign_status carealign_journey_discharge_count(const carealign_journey *journey,
                                                                 size_t *out_n);

/**
 * @brief One discharge found by the last carealign_journey_compute(), in discharge-day order.
 * @param journey The builder.
 * @param i Index, below the count from carealign_journey_discharge_count().
 * @param out Receives the discharge (its @c size set by the caller).
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for @p i out of range; #CAREALIGN_EINVAL for NULL
 *         arguments or a bad size.
 */
CAREALIGN_API carealign_status carealign_journey_get_discharge(const carealign_journey *journey,
                                                               size_t i, carealign_discharge *out);

/**
 * @brief The figures for every person of a columnar table.
 *
 * results[p] (strided by results[0].size, which the caller sets) receives the
 * figures of person index p, for every p below @p n_results; people without
 * rows get the "no contacts" figures. Without #CAREALIGN_JOPT_INPUT_SORTED the
 * rows may be in any order: the batch groups them by person in buckets of
 * person indices, in scratch memory: a copy of every given column (4 or 8
 * bytes per row each; person, sector and type together 4), plus 4 bytes per
 * row when row_status is given or a row is invalid, and room for one bucket;
 * with person columns that have a person column, 4 bytes per person (also
 * with #CAREALIGN_JOPT_INPUT_SORTED). The builder keeps this scratch for its
 * next batch (a call no bigger than an earlier one allocates nothing, and
 * touches no fresh memory), grows it by up to an eighth more than a bigger
 * call needs, never shrinks it, and releases it only in
 * carealign_journey_free(); carealign_journey_reset() keeps it. With
 * #CAREALIGN_JOPT_INPUT_SORTED the rows must be in non-decreasing person
 * order, checked before anything is written. A row that is invalid, or
 * whose person index is outside 0 to n_results - 1, is rejected (its
 * row_status) and the rest still count. The builder's current person is
 * lost.
 *
 * @param journey The builder, used as scratch.
 * @param contacts The contact columns.
 * @param people Person columns; may be NULL (ages unknown, deaths only from contacts).
 * @param options The parameters; NULL means every default.
 * @param results The output rows; results[0].size set by the caller.
 * @param n_results The number of output rows (person indices 0 to n_results - 1).
 * @param row_status Receives #CAREALIGN_OK or #CAREALIGN_EINVAL for each contact row; may be
 *        NULL.
 * @param out_n_rejected Receives the number of rejected rows; may be NULL.
 * @return #CAREALIGN_OK even when rows were rejected; #CAREALIGN_EINVAL for NULL required
 *         columns, bad sizes or options, or unsorted rows with INPUT_SORTED;
 *         #CAREALIGN_ENOMEM.
 */
CAREALIGN_API carealign_status carealign_journey_batch(carealign_journey *journey,
                                                       const carealign_contact_columns *contacts,
                                                       const carealign_person_columns *people,
                                                       const carealign_journey_options *options,
                                                       carealign_journey_result *results,
                                                       size_t n_results, int32_t *row_status,
                                                       size_t *out_n_rejected);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CAREALIGN_JOURNEY_H */

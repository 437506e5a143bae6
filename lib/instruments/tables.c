/*
 * The instrument registry: every instrument, item, value set and published
 * coefficient, as immutable static tables. Sources are cited beside each
 * table and in the value set's citation; see also docs/instruments.md and
 * the reference notes the coefficients were typed from.
 *
 * Every coefficient is written COEF(n), in the integer units of its value
 * set (thousandths, ten-thousandths, hundredths or whole points), so that
 * results are exact. tests/instruments/mutation_check.py changes each
 * COEF(n) in turn by one unit and checks that a test fails.
 *
 * No item or level wording: it is licensed by the questionnaires' owners.
 */
#include <stddef.h>
#include <stdint.h>

#include "instruments/registry.h"

#define COEF(v) (v)

#define ITEM(code, min, max, best)                                                                 \
    {                                                                                              \
        sizeof(carealign_item_info), code, min, max, best                                          \
    }
#define VALUESET_INFO(name, citation, min, max, decimals)                                          \
    {                                                                                              \
        sizeof(carealign_valueset_info), name, citation, min, max, decimals                        \
    }
#define INSTRUMENT_INFO(name, title, owner, url, n_items, n_valuesets)                             \
    {                                                                                              \
        sizeof(carealign_instrument_info), name, title, owner, url, n_items, n_valuesets           \
    }
#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* ---------------------------------------------------------------- EQ-5D */

static const char EUROQOL[] = "EuroQol Research Foundation";
static const char EUROQOL_URL[] = "https://euroqol.org/information-and-support/user-support/faqs";

/* Dimensions, always in this order: mobility, self-care, usual activities,
 * pain/discomfort, anxiety/depression. Level 1 = no problems (best). */
static const carealign_item_info eq5d3l_items[] = {
    ITEM("MO", 1, 3, 1), ITEM("SC", 1, 3, 1), ITEM("UA", 1, 3, 1),
    ITEM("PD", 1, 3, 1), ITEM("AD", 1, 3, 1),
};
static const carealign_item_info eq5d5l_items[] = {
    ITEM("MO", 1, 5, 1), ITEM("SC", 1, 5, 1), ITEM("UA", 1, 5, 1),
    ITEM("PD", 1, 5, 1), ITEM("AD", 1, 5, 1),
};

/* EQ-5D-3L UK TTO: Dolan P. Modeling valuations for EuroQol health states.
 * Med Care 1997;35(11):1095-1108. Decrements in thousandths, negated, for
 * levels 1, 2, 3. index = 1 - 0.081 (unless 11111) - decrements - 0.269
 * (when any dimension is at level 3). */
static const int32_t eq5d3l_uk_tto_1997[5 * 3] = {
    COEF(0), COEF(-69),  COEF(-314), /* MO */
    COEF(0), COEF(-104), COEF(-214), /* SC */
    COEF(0), COEF(-36),  COEF(-94),  /* UA */
    COEF(0), COEF(-123), COEF(-386), /* PD */
    COEF(0), COEF(-71),  COEF(-236), /* AD */
};

/* EQ-5D-5L England: Devlin NJ, Shah KK, Feng Y, Mulhern B, van Hout B.
 * Health Econ 2018;27(1):7-22. Decrements in thousandths, negated, for
 * levels 1 to 5; no constant, no interactions. */
static const int32_t eq5d5l_england_2018[5 * 5] = {
    COEF(0), COEF(-58), COEF(-76),  COEF(-207), COEF(-274), /* MO */
    COEF(0), COEF(-50), COEF(-80),  COEF(-164), COEF(-203), /* SC */
    COEF(0), COEF(-50), COEF(-63),  COEF(-162), COEF(-184), /* UA */
    COEF(0), COEF(-63), COEF(-84),  COEF(-276), COEF(-335), /* PD */
    COEF(0), COEF(-78), COEF(-104), COEF(-285), COEF(-289), /* AD */
};

/* EQ-5D-5L UK: Rowen D, Mukuria C, Bray N, et al. A United Kingdom value set
 * for the EQ-5D-5L. Value Health 2026. doi:10.1016/j.jval.2026.03.008.
 * Decrements in thousandths, negated, levels 1 to 5; same form. */
static const int32_t eq5d5l_uk_2026[5 * 5] = {
    COEF(0), COEF(-32), COEF(-58),  COEF(-179), COEF(-279), /* MO */
    COEF(0), COEF(-38), COEF(-60),  COEF(-162), COEF(-206), /* SC */
    COEF(0), COEF(-49), COEF(-86),  COEF(-184), COEF(-212), /* UA */
    COEF(0), COEF(-56), COEF(-66),  COEF(-371), COEF(-479), /* PD */
    COEF(0), COEF(-41), COEF(-126), COEF(-313), COEF(-391), /* AD */
};

static const carealign__valueset eq5d3l_valuesets[] = {
    {
        .info = VALUESET_INFO("uk-tto-1997",
                              "Dolan P. Modeling valuations for EuroQol health states. "
                              "Med Care 1997;35(11):1095-1108.",
                              -0.594, 1.0, 3),
        .table = eq5d3l_uk_tto_1997,
        .stride = 3,
        .rule = CAREALIGN__RULE_EQ5D3L,
        .base = COEF(1000),
        .constant = COEF(81),
        .n3 = COEF(269),
        .divisor = COEF(1000),
    },
};

static const carealign__valueset eq5d5l_valuesets[] = {
    {
        .info = VALUESET_INFO("uk-2026",
                              "Rowen D, Mukuria C, Bray N, et al. A United Kingdom value set "
                              "for the EQ-5D-5L. Value Health 2026. "
                              "doi:10.1016/j.jval.2026.03.008",
                              -0.567, 1.0, 3),
        .table = eq5d5l_uk_2026,
        .stride = 5,
        .rule = CAREALIGN__RULE_SUM,
        .base = COEF(1000),
        .divisor = COEF(1000),
    },
    {
        .info = VALUESET_INFO("england-2018",
                              "Devlin NJ, Shah KK, Feng Y, Mulhern B, van Hout B. Valuing "
                              "health-related quality of life: an EQ-5D-5L value set for "
                              "England. Health Econ 2018;27(1):7-22. doi:10.1002/hec.3564",
                              -0.285, 1.0, 3),
        .table = eq5d5l_england_2018,
        .stride = 5,
        .rule = CAREALIGN__RULE_SUM,
        .base = COEF(1000),
        .divisor = COEF(1000),
    },
};

/* ---------------------------------------------------------------- ASCOT */

/* The eight ASCOT domains in order: control over daily life, personal
 * cleanliness and comfort, food and drink, personal safety, social
 * participation and involvement, occupation, accommodation cleanliness and
 * comfort, dignity. Response 1 is best, 4 worst. */
static const carealign_item_info ascot_items[] = {
    ITEM("CONTROL", 1, 4, 1), ITEM("CLEAN", 1, 4, 1),   ITEM("FOOD", 1, 4, 1),
    ITEM("SAFETY", 1, 4, 1),  ITEM("SOCIAL", 1, 4, 1),  ITEM("OCCUPATION", 1, 4, 1),
    ITEM("ACCOM", 1, 4, 1),   ITEM("DIGNITY", 1, 4, 1),
};

/* ASCOF 1A (NHS Digital, Adult Social Care Survey): item score 3, 2, 1, 0
 * for responses 1, 2, 3, 4, i.e. 4 - response; person score = sum, 0..24. */
static const carealign__valueset ascot_valuesets[] = {
    {
        .info = VALUESET_INFO("raw",
                              "NHS Digital. Adult Social Care Outcomes Framework measure 1A, "
                              "social care-related quality of life: item scores 3/2/1/0 for "
                              "ASCOT SCT4 responses 1/2/3/4, summed (0..24), complete "
                              "responses only.",
                              0.0, 24.0, 0),
        .slope = COEF(-1),
        .intercept = COEF(4),
        .rule = CAREALIGN__RULE_SUM,
        .divisor = COEF(1),
    },
};

/* ----------------------------------------------------- WEMWBS / SWEMWBS */

static const char WARWICK[] = "University of Warwick";
static const char WARWICK_URL[] =
    "https://warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using/register/";

/* Items scored 1..5, 5 best. Codes are the WEMWBS item numbers; SWEMWBS is
 * WEMWBS items 1, 2, 3, 6, 7, 9 and 11. */
static const carealign_item_info swemwbs_items[] = {
    ITEM("W1", 1, 5, 5), ITEM("W2", 1, 5, 5), ITEM("W3", 1, 5, 5),  ITEM("W6", 1, 5, 5),
    ITEM("W7", 1, 5, 5), ITEM("W9", 1, 5, 5), ITEM("W11", 1, 5, 5),
};
static const carealign_item_info wemwbs_items[] = {
    ITEM("W1", 1, 5, 5),  ITEM("W2", 1, 5, 5),  ITEM("W3", 1, 5, 5),  ITEM("W4", 1, 5, 5),
    ITEM("W5", 1, 5, 5),  ITEM("W6", 1, 5, 5),  ITEM("W7", 1, 5, 5),  ITEM("W8", 1, 5, 5),
    ITEM("W9", 1, 5, 5),  ITEM("W10", 1, 5, 5), ITEM("W11", 1, 5, 5), ITEM("W12", 1, 5, 5),
    ITEM("W13", 1, 5, 5), ITEM("W14", 1, 5, 5),
};

/* SWEMWBS raw sum 7..35 to metric score, in hundredths: the published Rasch
 * conversion table (Stewart-Brown et al. 2009, Health Qual Life Outcomes
 * 7:15). */
static const int32_t swemwbs_metric_table[29] = {
    COEF(700),  COEF(951),  COEF(1125), COEF(1240), COEF(1333), COEF(1408), /* 7..12 */
    COEF(1475), COEF(1532), COEF(1584), COEF(1636), COEF(1688), COEF(1743), /* 13..18 */
    COEF(1798), COEF(1859), COEF(1925), COEF(1998), COEF(2073), COEF(2154), /* 19..24 */
    COEF(2235), COEF(2321), COEF(2411), COEF(2503), COEF(2602), COEF(2703), /* 25..30 */
    COEF(2813), COEF(2931), COEF(3070), COEF(3255), COEF(3500),             /* 31..35 */
};

static const carealign__valueset swemwbs_valuesets[] = {
    {
        .info = VALUESET_INFO("metric",
                              "Stewart-Brown S, et al. Health Qual Life Outcomes 2009;7:15: "
                              "SWEMWBS raw score (7..35) to metric score, Rasch conversion "
                              "table.",
                              7.0, 35.0, 2),
        .slope = COEF(1),
        .intercept = COEF(0),
        .rule = CAREALIGN__RULE_LOOKUP,
        .lookup = swemwbs_metric_table,
        .lookup_first = 7,
        .lookup_count = 29,
        .divisor = COEF(100),
    },
    {
        .info = VALUESET_INFO("raw",
                              "Stewart-Brown S, et al. Health Qual Life Outcomes 2009;7:15: "
                              "SWEMWBS raw score, the sum of the seven items (7..35).",
                              7.0, 35.0, 0),
        .slope = COEF(1),
        .intercept = COEF(0),
        .rule = CAREALIGN__RULE_SUM,
        .divisor = COEF(1),
    },
};

static const carealign__valueset wemwbs_valuesets[] = {
    {
        .info = VALUESET_INFO("raw",
                              "Warwick-Edinburgh Mental Wellbeing Scale (University of "
                              "Warwick): the sum of the fourteen items (14..70).",
                              14.0, 70.0, 0),
        .slope = COEF(1),
        .intercept = COEF(0),
        .rule = CAREALIGN__RULE_SUM,
        .divisor = COEF(1),
    },
};

/* ------------------------------------------------------------- ICECAP-O */

/* Attributes in order: attachment, security, role, enjoyment, control.
 * Level 4 = full capability (best), 1 = none. */
static const carealign_item_info icecap_o_items[] = {
    ITEM("ATTACHMENT", 1, 4, 4), ITEM("SECURITY", 1, 4, 4), ITEM("ROLE", 1, 4, 4),
    ITEM("ENJOYMENT", 1, 4, 4),  ITEM("CONTROL", 1, 4, 4),
};

/* Coast J, Flynn TN, Natarajan L, et al. Soc Sci Med 2008;67(5):874-882;
 * tariff as tabulated in Flynn et al., Popul Health Metr 2008;6:6, Table 1.
 * Values in ten-thousandths for levels 1, 2, 3, 4. */
static const int32_t icecap_o_coast_2008[5 * 4] = {
    COEF(-128), COEF(1340), COEF(2325), COEF(2535), /* attachment */
    COEF(321),  COEF(661),  COEF(1071), COEF(1788), /* security */
    COEF(151),  COEF(1296), COEF(1793), COEF(1923), /* role */
    COEF(168),  COEF(1185), COEF(1643), COEF(1660), /* enjoyment */
    COEF(-512), COEF(1076), COEF(1848), COEF(2094), /* control */
};

static const carealign__valueset icecap_o_valuesets[] = {
    {
        .info = VALUESET_INFO("coast-2008",
                              "Coast J, Flynn TN, Natarajan L, et al. Valuing the ICECAP "
                              "capability index for older people. Soc Sci Med "
                              "2008;67(5):874-882 (tariff as tabulated in Flynn TN, et al. "
                              "Popul Health Metr 2008;6:6, Table 1).",
                              0.0, 1.0, 4),
        .table = icecap_o_coast_2008,
        .stride = 4,
        .rule = CAREALIGN__RULE_SUM,
        .base = COEF(0),
        .divisor = COEF(10000),
    },
};

/* ------------------------------------------------ Friends and Family Test */

/* One item: 1 very good, 2 good, 3 neither good nor poor, 4 poor, 5 very
 * poor, 6 don't know (NHS England, since April 2020). */
static const carealign_item_info fft_items[] = {
    ITEM("FFT", 1, 6, 1),
};

/* 1 for a positive answer (very good or good), else 0; "don't know" stays
 * in the denominator of % positive. */
static const int32_t fft_positive[6] = {
    COEF(1), COEF(1), COEF(0), COEF(0), COEF(0), COEF(0),
};

static const carealign__valueset fft_valuesets[] = {
    {
        .info = VALUESET_INFO("positive",
                              "NHS England. Friends and Family Test (since April 2020): "
                              "% positive = (very good + good) / all responses, including "
                              "\"don't know\".",
                              0.0, 1.0, 0),
        .table = fft_positive,
        .stride = 6,
        .rule = CAREALIGN__RULE_SUM,
        .divisor = COEF(1),
    },
};

/* --------------------------------------------------------------- Barthel */

/* Items in order with their 20-point maxima; 0 is the most dependent and
 * the maximum the best. */
static const carealign_item_info barthel_items[] = {
    ITEM("BOWELS", 0, 2, 2),   ITEM("BLADDER", 0, 2, 2),  ITEM("GROOMING", 0, 1, 1),
    ITEM("TOILET", 0, 2, 2),   ITEM("FEEDING", 0, 2, 2),  ITEM("TRANSFERS", 0, 3, 3),
    ITEM("MOBILITY", 0, 3, 3), ITEM("DRESSING", 0, 2, 2), ITEM("STAIRS", 0, 2, 2),
    ITEM("BATHING", 0, 1, 1),
};

/* 20-point: Collin et al. 1988, the sum. 100-point: Mahoney and Barthel
 * 1965, exactly 5 times each 20-point item. */
static const carealign__valueset barthel_valuesets[] = {
    {
        .info = VALUESET_INFO("20",
                              "Collin C, Wade DT, Davies S, Horne V. The Barthel ADL Index: a "
                              "reliability study. Int Disabil Stud 1988;10(2):61-63. "
                              "Sum of the ten items (0..20).",
                              0.0, 20.0, 0),
        .slope = COEF(1),
        .intercept = COEF(0),
        .rule = CAREALIGN__RULE_SUM,
        .divisor = COEF(1),
    },
    {
        .info = VALUESET_INFO("100",
                              "Mahoney FI, Barthel DW. Functional evaluation: the Barthel "
                              "Index. Md State Med J 1965;14:61-65. Five times each 20-point "
                              "item, summed (0..100).",
                              0.0, 100.0, 0),
        .slope = COEF(5),
        .intercept = COEF(0),
        .rule = CAREALIGN__RULE_SUM,
        .divisor = COEF(1),
    },
};

/* -------------------------------------------------------------- registry */

#define INSTRUMENT(name, title, owner, url, items, valuesets)                                      \
    {                                                                                              \
        INSTRUMENT_INFO(name, title, owner, url, COUNT(items), COUNT(valuesets)), items, valuesets \
    }

const carealign__instrument carealign__instruments[] = {
    INSTRUMENT("eq5d3l", "EQ-5D-3L", EUROQOL, EUROQOL_URL, eq5d3l_items, eq5d3l_valuesets),
    INSTRUMENT("eq5d5l", "EQ-5D-5L", EUROQOL, EUROQOL_URL, eq5d5l_items, eq5d5l_valuesets),
    INSTRUMENT("ascot_sct4", "ASCOT SCT4 (ASCOF 1A)",
               "University of Kent, Personal Social Services Research Unit (PSSRU)",
               "https://www.pssru.ac.uk/ascot/", ascot_items, ascot_valuesets),
    INSTRUMENT("swemwbs", "Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)", WARWICK,
               WARWICK_URL, swemwbs_items, swemwbs_valuesets),
    INSTRUMENT("wemwbs", "Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS)", WARWICK, WARWICK_URL,
               wemwbs_items, wemwbs_valuesets),
    INSTRUMENT("icecap_o", "ICECAP-O", "University of Birmingham (ICECAP)",
               "https://www.birmingham.ac.uk/research/activity/mds/projects/HaPS/HE/ICECAP/"
               "ICECAP-O/index.aspx",
               icecap_o_items, icecap_o_valuesets),
    INSTRUMENT("fft", "NHS Friends and Family Test", "NHS England",
               "https://www.england.nhs.uk/fft/", fft_items, fft_valuesets),
    INSTRUMENT("barthel", "Barthel Index",
               "Mahoney FI and Barthel DW (1965); 20-point version Collin C, Wade DT, et al. "
               "(1988)",
               "", barthel_items, barthel_valuesets),
};

const size_t carealign__instrument_total = COUNT(carealign__instruments);

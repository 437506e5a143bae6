/* The finished results table of a scorecard: what carealign_scorecard_finalize()
 * produces and what disclosure control, aim summaries and the writers consume.
 *
 * Internal; never installed. Stable: fields and functions are only appended.
 *
 * Producer (lib/scorecard/finalize.c): fills rows (raw values copied into the
 * published fields too), counts, hash and flags, then calls, in this order,
 *   carealign__sc_disclose(t, fw, t->flags)  -- lib/scorecard/disclose.c
 *   carealign__sc_aims(t, fw)                -- lib/scorecard/aims.c
 * The writers (carealign__sc_write, lib/scorecard/write_*.c) read the table
 * only. Everything the table points to is owned by the scorecard and freed by
 * carealign_scorecard_free(); t->aims is allocated by carealign__sc_aims()
 * with carealign__malloc/calloc and freed by the scorecard with carealign__free. */
#ifndef CAREALIGN_SCORECARD_TABLE_H
#define CAREALIGN_SCORECARD_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "carealign/scorecard.h"

/* Which accumulator produced a row (carealign__sc_row::acc_kind is the
 * CAREALIGN_ACC_* kind; 0 for SII/RII rows and for FFT aggregate rows, which
 * use CAREALIGN_ACC_PROPORTION). */

/* One result row. `res` holds the published values: finalize fills them with
 * the raw values (res.numerator = raw_numerator, ...), and disclosure control
 * then overwrites what it suppresses or rounds (setting RES_SUPPRESSED,
 * RES_SECONDARY_SUPPRESSED, RES_ROUNDED, or RES_NO_DISCLOSURE when the
 * scorecard has CAREALIGN_SC_NO_DISCLOSURE). Writers print `res`; the raw_*
 * fields never leave the library. */
typedef struct carealign__sc_row {
    carealign_result res;            /* published row; res.size = sizeof(carealign_result) */
    carealign_estimate raw_estimate; /* the estimate before disclosure control */
    double raw_numerator;            /* successes / events / sum, before disclosure */
    double raw_denominator;          /* trials / person-time / population, before disclosure */
    uint64_t raw_n;                  /* people (or responses, or FFT answers) behind the row */
    int32_t scoring;                 /* CAREALIGN_SCORING_* of the measure */
    int32_t acc_kind;                /* CAREALIGN_ACC_* kind of the group, 0 for SII/RII */
    int32_t aim;                     /* CAREALIGN_AIM_* of the measure */
    int32_t improvement;             /* CAREALIGN_IMPROVE_* of the measure */
    /* Denominator is a count of people/responses/discharges (disclosable) rather
     * than person-time or a population estimate: 1 yes, 0 no. */
    int32_t denominator_is_count;
    /* Whole-period row with an SPC chart: index of its first period row in
     * `rows` and the number of period rows (0 when none). */
    int32_t spc_first_row;
    int32_t spc_n_rows;
    int32_t reserved;
} carealign__sc_row;

/* The table. */
typedef struct carealign__sc_table {
    carealign__sc_row *rows; /* deterministic order: see carealign_scorecard_get_result() */
    size_t n_rows;
    carealign_aim_summary *aims; /* filled by carealign__sc_aims(); NULL before */
    size_t n_aims;
    carealign_feed_counts counts[7]; /* indexed by CAREALIGN_FEED_* (entry 0 unused) */
    uint8_t framework_hash[CAREALIGN_SHA256_SIZE];
    uint32_t methods_version; /* carealign_methods_version() of the run */
    uint32_t flags;           /* the scorecard's CAREALIGN_SC_* option flags */
    double confidence;        /* the confidence level used (0.95 by default) */
    int32_t n_periods;        /* intervals of the reporting period */
    int32_t n_measures;       /* framework measures */
    /* Organisations fed: org index -> main sector (CAREALIGN_SECTOR_*), or 0
     * for an index never fed. */
    const int32_t *org_sector;
    size_t n_org_sector;
    const struct carealign_scorecard *sc; /* owner, for the dictionary accessors */
} carealign__sc_table;

/* Dictionary string (CAREALIGN_DICT_*) by index; "" with length 0 when
 * unknown. Never NULL. For CAREALIGN_DICT_ORG this is the ODS code. */
const char *carealign__sc_dict_string(const carealign__sc_table *t, int32_t dict, int32_t index,
                                      size_t *out_len);
/* An organisation's display name as fed; "" when none. Never NULL. */
const char *carealign__sc_org_name(const carealign__sc_table *t, int32_t org, size_t *out_len);
/* The framework the scorecard was made for. */
const carealign_framework *carealign__sc_framework(const carealign__sc_table *t);

/* Implemented in lib/scorecard/disclose.c: NHS Digital's rule from the
 * framework's disclosure member, plus secondary suppression across system,
 * sector, organisation and cohort rows so that no suppressed cell can be
 * recovered by differencing. `flags` are the scorecard's option flags. */
carealign_status carealign__sc_disclose(carealign__sc_table *t, const carealign_framework *fw,
                                        uint32_t flags);
/* Implemented in lib/scorecard/aims.c: fills t->aims / t->n_aims. */
carealign_status carealign__sc_aims(carealign__sc_table *t, const carealign_framework *fw);
/* A row's part in its aim's composite: 1..4 by the measure's framework rule;
 * 0 when the measure has a rule but the row no value; -1 when the row is
 * not summarised or the measure has no rule (aims.c). */
int32_t carealign__sc_composite_part(const carealign_framework *fw, const carealign__sc_row *r);
/* Implemented in lib/scorecard/write_{json,csv,fhir}.c: one writer per
 * CAREALIGN_FORMAT_*, streaming through fn. */
carealign_status carealign__sc_write(const carealign__sc_table *t, const carealign_framework *fw,
                                     int32_t format, const carealign_write_options *opt,
                                     carealign_write_fn fn, void *user);

#endif /* CAREALIGN_SCORECARD_TABLE_H */

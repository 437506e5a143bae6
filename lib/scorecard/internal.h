/* The scorecard engine's private state (the sources of lib/scorecard). Never installed. */
#ifndef CAREALIGN_SCORECARD_INTERNAL_H
#define CAREALIGN_SCORECARD_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "carealign/instruments.h"
#include "carealign/scorecard.h"
#include "carealign/stats.h"
#include "instruments/internal.h"
#include "scorecard/table.h"

/* Atoms of one criterion, compiled from the framework. */
#define CAREALIGN__SC_MAX_ATOMS 8

typedef struct carealign__sc_atom {
    int32_t kind;
    int32_t which;
    uint32_t flags;
    int32_t days;
    double at_least;
    double at_most;
    const int32_t *values; /* points into the framework */
    size_t n_values;
    uint64_t type_mask;   /* CONTACTS: contact types (0 = all) */
    uint32_t sector_mask; /* CONTACTS: sectors (0 = all) */
    int32_t reserved;
} carealign__sc_atom;

typedef struct carealign__sc_crit {
    carealign__sc_atom atoms[CAREALIGN__SC_MAX_ATOMS];
    int32_t n;       /* atoms; 0 = criterion absent */
    int32_t counted; /* index of the counting atom, -1 = counts people */
    /* 7 * measure + criterion of the first criterion of the framework with
     * the same person atoms in the same order (itself when none before; set
     * by compile_measure): criteria with one key hold on the same days */
    int32_t person_key;
} carealign__sc_crit;

/* Value sets the measures use: instrument registry index + value set index. */
typedef struct carealign__sc_vs {
    int32_t instrument; /* registry index, -1 when the registry lacks it */
    int32_t valueset;   /* index within the instrument */
    int32_t decimals;   /* grid: 10^-decimals */
    int32_t reserved;
    const char *instrument_name; /* static, registry */
    const char *valueset_name;   /* static, registry */
    size_t n_items;
} carealign__sc_vs;

/* Measure plan. */
typedef struct carealign__sc_measure {
    int32_t scoring;
    int32_t aim;
    int32_t improvement;
    uint32_t mflags; /* CAREALIGN_MEASURE_* */
    double per;
    double target;
    double mid;
    int32_t stdpop;
    int32_t pair_baseline, pair_follow_up, pair_min_days, pair_max_days, pair_org;
    int32_t aggregate;
    int32_t vs;   /* index into sc->vs, or -1 */
    int32_t jopt; /* index into sc->jopts, or -1 (no journey figure needed) */
    int32_t acc_kind;
    int32_t scale;
    int32_t pop_denominator; /* 1: denominator from population estimates */
    int32_t fft;             /* 1: FFT aggregate counts feed it */
    int32_t periods;         /* 1: per-interval groups (SPC history) */
    int32_t needs_discharges;
    carealign__sc_crit crit[7]; /* by CAREALIGN_CRIT_* (index 0 unused) */
} carealign__sc_measure;

/* A group key: measure x level x unit x stratum x period. */
typedef struct carealign__sc_key {
    int32_t measure;
    int32_t level;
    int32_t unit;
    int32_t stratum[4];
    int32_t period;
} carealign__sc_key;

typedef struct carealign__sc_group {
    carealign__sc_key key;
    carealign_acc *acc;
} carealign__sc_group;

typedef struct carealign__sc_slots carealign__sc_slots;

/* A dictionary of strings (each stored NUL-terminated). */
typedef struct carealign__sc_dict {
    char *bytes;
    size_t bytes_len, bytes_cap;
    size_t *start; /* start[i]: offset of string i */
    size_t *len;   /* len[i] */
    size_t n, cap;
    int32_t *slots; /* open addressing: index + 1, 0 = empty */
    size_t n_slots;
} carealign__sc_dict;

/* A person known to the scorecard and not yet closed. */
typedef struct carealign__sc_person {
    carealign_person rec; /* normalised: size = sizeof */
    uint32_t excluded;    /* 1 opted out, 2 outside the base */
    int32_t reserved;
} carealign__sc_person;

/* A scored response kept until its person is processed. */
typedef struct carealign__sc_scored {
    int32_t person;
    int32_t org; /* -1 none */
    int32_t day;
    int32_t vs;
    double score;
    double weight;
    uint32_t flags;
    int32_t reserved;
} carealign__sc_scored;

/* A contact kept until its person is processed (pending.c): the fields
 * most contacts have; the rest in a carealign__sc_pending_extra when one of
 * them is not zero. */
typedef struct carealign__sc_pending {
    int32_t person;
    int32_t start_day;
    int32_t org;
    int32_t staff_minutes;
    int32_t end_day;
    int32_t discharge_ready_day;
    uint32_t bits;  /* has | sector << 9 | type << 14 */
    uint32_t extra; /* 0: none; else 1 + its index in sc->pending_extra */
} carealign__sc_pending;

/* A pending contact's other fields. */
typedef struct carealign__sc_pending_extra {
    int32_t start_minute;
    int32_t professional;
    int32_t subtype;
    int32_t admission_method;
    int32_t discharge_destination;
    uint32_t live; /* 0 once its contact has left the table */
    int64_t activity;
    int64_t cost_pence;
} carealign__sc_pending_extra;

typedef struct carealign__sc_org {
    int32_t sector; /* 0 = never fed */
    int32_t reserved;
    char *name;
    size_t name_len;
} carealign__sc_org;

typedef struct carealign__sc_fftkey {
    int32_t org, month, mode, has_mode;
} carealign__sc_fftkey;

/* Up to this many value sets score one response (feed.c, take_response). */
enum { CAREALIGN__SC_RESP_VS = 16 };

/* The value sets that score responses of one (instrument, stated value set
 * or -1), worked out from sc->vs (which never changes once the scorecard is
 * made) by the last response feed that met that pair (feed.c, resp_vs_of). */
typedef struct carealign__sc_resp_vs {
    int32_t valid, instrument, valueset;
    int32_t matched;   /* some value set of the instrument is used */
    int32_t stated_ok; /* no value set stated, or the stated one is used */
    int32_t n;         /* value sets to score with: which[0..n) */
    int32_t which[CAREALIGN__SC_RESP_VS];
    int32_t planned[CAREALIGN__SC_RESP_VS]; /* plan[k] is prepared */
    carealign__score_plan plan[CAREALIGN__SC_RESP_VS];
} carealign__sc_resp_vs;

struct carealign_scorecard {
    const carealign_framework *fw;
    uint32_t flags;
    int32_t finalized;
    double confidence;
    uint8_t hash[CAREALIGN_SHA256_SIZE];
    uint32_t methods_version;
    int32_t n_periods;
    int32_t period_start, period_end;
    int32_t *pstart, *pend; /* n_periods */
    int32_t n_measures;
    carealign__sc_measure *measures;
    int32_t n_vs;
    carealign__sc_vs *vs;
    int32_t n_jopts;
    carealign_journey_options *jopts; /* distinct options per measure (by measure) */
    int32_t n_strata;
    int32_t *stratum_kind;
    int32_t *stratum_groups;
    const int32_t **band_lower, **band_upper;
    int32_t n_crosses;
    int32_t *cross_a, *cross_b;
    int32_t base_kind;
    carealign__sc_dict dicts[CAREALIGN_DICT_COUNT];
    /* organisations by index */
    carealign__sc_org *orgs;
    size_t n_orgs;
    /* populations */
    carealign_population *pops;
    size_t n_pops, cap_pops;
    /* FFT rows seen (duplicate check) */
    carealign__sc_fftkey *fftkeys;
    size_t n_fftkeys, cap_fftkeys;
    /* people: open ones in `people`, index by hash; closed ones in a bitset */
    carealign__sc_person *people;
    size_t n_people, cap_people;
    int32_t *pslots; /* open addressing on person id: slot + 1 */
    size_t n_pslots;
    uint8_t *closed; /* bit per person id */
    size_t closed_bytes;
    uint8_t *seen; /* bit per person id: fed (duplicate check) */
    size_t seen_bytes;
    /* pending records */
    carealign__sc_scored *resp;
    size_t n_resp, cap_resp;
    carealign__sc_pending *pending; /* contacts (pending.c) */
    size_t n_pending, cap_pending;
    carealign__sc_pending_extra *pending_extra;
    size_t n_pending_extra, n_pending_extra_live, cap_pending_extra;
    /* groups */
    carealign__sc_group *groups;
    size_t n_groups, cap_groups;
    int32_t *gslots;
    size_t n_gslots;
    /* counts by feed */
    carealign_feed_counts counts[7];
    /* the value sets of the responses last fed (feed.c) */
    carealign__sc_resp_vs resp_vs;
    /* the person a record feed last found open, and where (feed.c,
     * record_person; checked before use: people move when one is closed) */
    int32_t feed_person, feed_person_k;
    /* per-person work */
    carealign_journey *journey;
    carealign_contact *work_contacts; /* a person's contacts, expanded (pending.c) */
    size_t cap_work_contacts;
    /* 1 when the last expansion into work_contacts knows their journey
     * content order (jc_less): the array's own when work_order is NULL (no
     * two on one start day, or those that are in that order), else
     * work_contacts[work_order[0]], work_contacts[work_order[1]], ...
     * (work_order = work_perm: pending.c's order_ties). Any subset taken in
     * that order may go to carealign__journey_push_ordered. */
    int work_in_order;
    const uint32_t *work_order;
    uint32_t *work_perm;
    size_t cap_work_perm;
    carealign_discharge *work_dis;
    size_t cap_work_dis;
    /* the person's contacts converted for the journey builders (process.c,
     * load_contacts): n converted contacts, their n statuses
     * (carealign_status), room for n indexes (carealign__sc_jc_room);
     * work_jc_ready: the last expansion into work_contacts wrote the n
     * converted contacts of work_contacts (every status OK: pending.c) */
    void *work_jc;
    size_t cap_work_jc;
    int work_jc_ready;
    /* the discharge measure's values by discharge and atom (process.c, dis_rows) */
    double *dis_rows;
    size_t cap_dis_rows;
    /* one journey builder per scope of the person being processed (system,
     * each sector, each organisation), loaded once per person (process.c) */
    carealign_journey **jpool;
    uint32_t *jpool_gen; /* jr_gen when the builder was loaded */
    size_t n_jpool;
    void *jr_table; /* per-person cache of journey figures (process.c) */
    /* the parts of journey figures to compute by option set and class of
     * key (process.c, jr_class_parts; in jr_table's block, NULL: none) */
    const unsigned char *jr_cparts;
    /* 1 when no option set's figures of a sector or an organisation read
     * the bed days or the days alive (jr_cparts, process.c's jr_contacts_only):
     * their builders are prepared for the contacts alone */
    int jr_contacts_only;
    /* 1 when, besides, no figure of the system reads them and no measure
     * counts discharges (process.c's jr_system_contacts_only): the
     * system's builder is prepared for the contacts alone too */
    int jr_sys_contacts_only;
    /* 1 when no option set's figures of a sector or an organisation read
     * more than the sums of its contacts and the days observed (jr_cparts,
     * process.c's jr_sums_only): their figures are read from the system's
     * builder (jr_within), theirs never loaded for them */
    int jr_within_on;
    struct carealign__sc_work *work; /* per-person scratch (process.c) */
    size_t jr_cap;
    /* journey options resolved once per (option set, period + 1), for the
     * whole run (process.c); jconv_done[i] != 0 once jconv[i] holds them */
    struct carealign__jopts *jconv;
    unsigned char *jconv_done;
    uint32_t jr_gen;
    /* memo of the groups' accumulators by position (slots.c) */
    struct carealign__sc_slots *slots;
    /* peak bytes hint for the bench (not used by figures) */
    /* results */
    carealign__sc_table table;
    int32_t *org_sector; /* owned; table.org_sector points here */
    /* jr_within's sums of the person's sectors and organisations by period
     * (carealign__journey_within_bins' rows, cap_work_wb words; process.c) */
    uint64_t *work_wb;
    size_t cap_work_wb;
};

/* Growth of an array (elements of `elem` bytes) to hold at least `need`. */
carealign_status carealign__sc_grow(void **p, size_t *cap, size_t need, size_t elem);

/* Dictionaries. */
carealign_status carealign__sc_dict_add(carealign__sc_dict *d, const char *s, size_t len,
                                        int32_t *out_index);
int32_t carealign__sc_dict_find(const carealign__sc_dict *d, const char *s, size_t len);
void carealign__sc_dict_free(carealign__sc_dict *d);

/* Groups. */
carealign_status carealign__sc_group_get(carealign_scorecard *sc, const carealign__sc_key *key,
                                         carealign_acc **out);
carealign_status carealign__sc_acc_new(const carealign_scorecard *sc, const carealign__sc_key *key,
                                       carealign_acc **out);

/* Person processing (process.c); FFT aggregate counts (fft.c). */
carealign_status carealign__sc_process_person(carealign_scorecard *sc,
                                              const carealign__sc_person *p,
                                              const carealign__sc_scored *resp, size_t n_resp,
                                              const carealign_contact *contacts, size_t n_contacts);
carealign_status carealign__sc_fft_add(carealign_scorecard *sc, const carealign_fft_counts *c);

/* Record order (order.c): sort pending responses or contacts into the order
 * carealign__sc_process_person takes them in (by person, then the record's
 * own keys; a total order up to identical records). Never fails. */
void carealign__sc_sort_responses(carealign__sc_scored *r, size_t n);
void carealign__sc_sort_contacts(carealign_contact *c, size_t n);
/* The two steps of those sorts, for a caller that sorts each person's run
 * just before using it: _table sorts the whole table when its people are
 * not in ascending order and returns 0, or returns 1 and leaves it as it is
 * when they are; then _run sorts one person's run of such a table. */
int carealign__sc_sort_responses_table(carealign__sc_scored *r, size_t n);
void carealign__sc_sort_responses_run(carealign__sc_scored *r, size_t n);
void carealign__sc_sort_contacts_run(carealign_contact *c, size_t n);

/* Runs up to this length are sorted through day keys (sort_small_run,
 * pending.c); longer ones go to qsort. */
#define CAREALIGN__SC_SMALL_RUN 32
/* The key of record i of a run with that day: ascending keys order by day,
 * then position (the day's sign flipped so that days before 1970 come
 * first); _sort_keys sorts n of them (insertion: a run is short). */
static inline uint64_t carealign__sc_day_key(int32_t day, size_t i)
{
    return (uint64_t)((uint32_t)day ^ UINT32_C(0x80000000)) << 32 | i;
}
void carealign__sc_sort_keys(uint64_t *key, size_t n);
/* order[0 .. n) (n <= CAREALIGN__SC_SMALL_RUN): the positions 0 .. n - 1 of
 * day[] in ascending order of (day, position), as sorting the day keys
 * gives. Days inside CAREALIGN_DATE_MIN .. CAREALIGN_DATE_MAX (every fed
 * record's) are ranked without a branch on the data: each position's rank
 * is the number of smaller 32-bit keys (day, position), a loop the
 * compiler vectorizes; other days go through the day keys. */
void carealign__sc_day_order(const int32_t *day, size_t n, unsigned char *order);

/* Whole-table step for pending contacts: 1 when the table is grouped by
 * person in ascending order (left as it is), else sorted by person and
 * start day and 0. Each person's run is then put in order by
 * carealign__sc_pending_run. */
int carealign__sc_sort_pending_table(carealign__sc_pending *p, size_t n);

/* Pending contacts (pending.c). _add keeps a checked contact (size = sizeof
 * when expanded); _run expands the n pending contacts from index `from`
 * (one person's run) into sc->work_contacts in carealign__sc_sort_contacts'
 * order; _person does the same for every pending contact of `person`,
 * wherever it is; _remove_person drops those, _keep_from drops every
 * contact of a person below `next`, _clear drops all. *out stays valid
 * until the next call of _run or _person. _run and _person of at most
 * CAREALIGN__SC_SMALL_RUN contacts, none of contact type 0, also write
 * their converted forms (carealign__journey_fill, in the array's order)
 * into sc->work_jc and set sc->work_jc_ready; otherwise they clear it. */
carealign_status carealign__sc_pending_add(carealign_scorecard *sc, const carealign_contact *c);
carealign_status carealign__sc_pending_run(carealign_scorecard *sc, size_t from, size_t n,
                                           carealign_contact **out);
carealign_status carealign__sc_pending_person(carealign_scorecard *sc, int32_t person,
                                              carealign_contact **out, size_t *n_out);
void carealign__sc_pending_remove_person(carealign_scorecard *sc, int32_t person);
void carealign__sc_pending_keep_from(carealign_scorecard *sc, int32_t next);
void carealign__sc_pending_clear(carealign_scorecard *sc);

/* carealign__sc_pending_add's usual case inline (the feed's rows): a
 * contact without an extra, the table having room; anything else through
 * carealign__sc_pending_add. The core's bits: has (9 bits), the sector
 * above them, the type above that (pending.c). */
enum { CAREALIGN__SC_PENDING_SECTOR_SHIFT = 9, CAREALIGN__SC_PENDING_TYPE_SHIFT = 14 };

/* 1 when pending contact c needs an extra: a field outside the core is
 * not zero. */
static inline int carealign__sc_pending_needs_extra(const carealign_contact *c)
{
    return (c->start_minute | c->professional | c->subtype | c->admission_method |
            c->discharge_destination) != 0 ||
           (c->activity | c->cost_pence) != 0;
}

/* Contact c's core appended to sc->pending (room made), its extra
 * `extra` (0: none; else 1 + its index). */
static inline void carealign__sc_pending_put(carealign_scorecard *sc, const carealign_contact *c,
                                             uint32_t extra)
{
    carealign__sc_pending *p = &sc->pending[sc->n_pending++];
    p->person = c->person;
    p->start_day = c->start_day;
    p->org = c->org;
    p->staff_minutes = c->staff_minutes;
    p->end_day = c->end_day;
    p->discharge_ready_day = c->discharge_ready_day;
    p->bits = c->has | (uint32_t)c->sector << CAREALIGN__SC_PENDING_SECTOR_SHIFT |
              (uint32_t)c->type << CAREALIGN__SC_PENDING_TYPE_SHIFT;
    p->extra = extra;
}

static inline carealign_status carealign__sc_pending_take(carealign_scorecard *sc,
                                                          const carealign_contact *c)
{
    if (sc->n_pending == sc->cap_pending || carealign__sc_pending_needs_extra(c))
        return carealign__sc_pending_add(sc, c);
    carealign__sc_pending_put(sc, c, 0);
    return CAREALIGN_OK;
}

/* Room in sc->work_jc for n converted contacts, their n statuses and n
 * indexes (process.c's convert_contacts, pending.c's expansion). */
carealign_status carealign__sc_jc_room(carealign_scorecard *sc, size_t n);

/* Finalize (finalize.c). */
carealign_status carealign__sc_build_table(carealign_scorecard *sc);
void carealign__sc_table_free(carealign__sc_table *t);

/* Open people (feed.c). _reindex rebuilds the index (pslots) of the open
 * people after they moved in sc->people: O(slots + open people). */
int carealign__sc_person_closed(const carealign_scorecard *sc, int32_t id);
carealign_status carealign__sc_person_remove(carealign_scorecard *sc, int32_t k);
void carealign__sc_people_reindex(carealign_scorecard *sc);
int32_t carealign__sc_person_find(const carealign_scorecard *sc, int32_t id);

/* Age in completed years on `day` from the 1st of the birth month; -1 unknown. */
int32_t carealign__sc_age(const carealign_person *p, int32_t day);

/* process.c's ages for the person atoms, for tests: the age on `day`
 * (carealign__sc_age's) and the days [*lo, *hi] around it with the same
 * age, by the checked date functions for every birth and day
 * (carealign__sc_age_span_checked), or from one conversion of the day when
 * the birth year is 1..9998, the day in range and the next birthday's
 * year at most 9999 (carealign__sc_age_span_plain: 1 and the same answer
 * there, else 0 and nothing written). */
int32_t carealign__sc_age_span_checked(const carealign_person *p, int32_t day, int32_t *lo,
                                       int32_t *hi);
int carealign__sc_age_span_plain(const carealign_person *p, int32_t day, int32_t *age, int32_t *lo,
                                 int32_t *hi);

/* Goal Attainment Scaling (gas.c): fill t for a framework value set of
 * instrument "gas" and return 1; 0 for any other instrument. */
int carealign__sc_vs_gas(carealign__sc_vs *t, const carealign_framework_valueset *v);
/* Score one response's items with value set vs (registry or GAS); no error
 * message is set (the caller records a reject reason). */
carealign_status carealign__sc_score(const carealign__sc_vs *vs, const int32_t *items,
                                     size_t n_items, double *score);
/* 1 when the items would score but for the missing ones (each answered item
 * in range, the count right, up to 64 items): a response whose score is
 * missing, not a bad row. Decided by the scorer, with each missing item set
 * to a valid level. */
int carealign__sc_only_missing(const carealign__sc_vs *vs, const int32_t *items, size_t n_items);

/* Survey weights (weighted.c; docs/scorecard.md, "Survey weights"). A
 * weight held to 1/2^20 (at least 2^-20), so that every weighted sum is a
 * sum of doubles on one binary grid and merges are exact. */
double carealign__sc_person_weight(double weight);
/* Add a person's contribution (kind 1: num ones and den - num zeros; kind
 * 3: one value) to a weighted PROPORTION or MEAN accumulator. */
carealign_status carealign__sc_add_weighted(carealign_acc *acc, int kind, double a, double b,
                                            double w);
/* 1 when a weighted measure uses a value set of the instrument (the stated
 * one when valueset >= 0): a response's weight is applied. */
int carealign__sc_weight_used(const carealign_scorecard *sc, int32_t instrument, int32_t valueset);

/* Directly standardised rates (dsr.c): the European Standard Population 2013
 * in PHE's 19 five-year bands (0-4 ... 85-89, 90+). */
#define CAREALIGN__SC_ESP_BANDS 19
/* The band of an age in completed years; -1 for an unknown (negative) age. */
int32_t carealign__sc_esp_band(int32_t age);
/* The ages of band b: [*lo, *hi], *hi = -1 for the open band 90+. */
void carealign__sc_esp_band_ages(int32_t b, int32_t *lo, int32_t *hi);
/* Narrow [*lo, *hi] (ages, inclusive) to a group's age range: the
 * measure's denominator age conditions and the key's age stratum band. */
void carealign__sc_age_range(const carealign_scorecard *sc, const carealign__sc_measure *m,
                             const carealign__sc_key *key, double *lo, double *hi);
/* The standard of a DSR group: the ESP 2013 weights of the bands that
 * overlap the group's age range, 0 for the others (PHE: an age-restricted
 * indicator is standardised to the bands covering its ages). Returns 1 when
 * some band is left out (a custom standard), 0 for the whole ESP. */
int carealign__sc_dsr_standard(const carealign_scorecard *sc, const carealign__sc_measure *m,
                               const carealign__sc_key *key, double standard[]);
/* Add a person's events per band, leaving out the bands outside the
 * standard (weight 0): they are in neither the observed nor the standard. */
carealign_status carealign__sc_add_bands(carealign_acc *acc, const double *bands);

/* 1 when journey figure `which` (CAREALIGN_JF_*) is read from the
 * person's discharges (follow-up, readmission, delay, reablement), else 0. */
int carealign__sc_is_discharge_figure(int32_t which);

#endif /* CAREALIGN_SCORECARD_INTERNAL_H */

/* Scope-periods that provably contribute nothing (empty.c). Never installed. */
#ifndef CAREALIGN_SCORECARD_EMPTY_H
#define CAREALIGN_SCORECARD_EMPTY_H

#include <stdint.h>

#include "carealign/journey.h"
#include "scorecard/internal.h"

/* The kind of record without which a measure's evaluation in a scope and
 * period yields no contribution (contrib kind 0, nothing added anywhere). */
#define CAREALIGN__SC_NEEDS_NOTHING 0 /* not proven: always evaluate */
/* a contact of the scope starting in the period */
#define CAREALIGN__SC_NEEDS_CONTACT 1
/* the same, proven for the months only (journey figures over the builder's
 * contacts in the journey options' period, which is the month's own) */
#define CAREALIGN__SC_NEEDS_CONTACT_MONTH 2
/* a response of the scope to the measure's value set in the period */
#define CAREALIGN__SC_NEEDS_RESPONSE 3
/* a discharge of the measure's journey option set (system journey) whose
 * day is in the period and whose organisation is in the scope */
#define CAREALIGN__SC_NEEDS_DISCHARGE 4

/* What measure m needs to contribute in a scope and period; the proof is
 * beside the definition. `jo`: the measure's journey options (NULL when
 * m->jopt < 0). For the two contact kinds, *types receives the contact
 * types that count (CAREALIGN_TYPE_BIT mask; 0: any type); else 0. Pure:
 * depends on the compiled measure and its options only. */
int32_t carealign__sc_needs(const carealign__sc_measure *m, const carealign_journey_options *jo,
                            uint64_t *types);

/* The contact counts n (0 .. UINT32_MAX) for which the initial population
 * ip of a journey observation (atoms reading the scope's contacts of the
 * period only, process.c) holds: the integers *lo .. *hi, none when *lo >
 * *hi. Every atom but the counted one bounds n by its thresholds (a NaN
 * threshold holds for no n); a counted atom asks n != 0; no atom: every n.
 * process.c's obs_ip_in reads it with the shortcuts on. */
void carealign__sc_ip_range(const carealign__sc_crit *ip, uint32_t *lo, uint32_t *hi);

/* Whether criteria a and b have the same person atoms in the same order
 * (scorecard.c; criteria with the same ones share a person_key, and
 * process.c's person_atoms_span its answers). */
int carealign__sc_person_atoms_same(const carealign__sc_crit *a, const carealign__sc_crit *b);

/* 0 (the default); 1: process.c checks the sectors and organisations its
 * period loop visits for each measure (scope_visits) against those made
 * from every scope class's may_contribute, adding the period bits that
 * differ to carealign__sc_visit_errors and the measures compared to
 * carealign__sc_visits_checked. For tests only (tests/scorecard/test_empty.c);
 * not synchronised: the switch is never written by the library, the two
 * counters only while the switch is on. */
extern int carealign__sc_check_visits;
extern size_t carealign__sc_visit_errors, carealign__sc_visits_checked;

/* 0 (the default); 1: process.c counts the sector and organisation keys
 * of journey figures (option set, scope; and period when read from the
 * bins) whose figures it read from the system's builder (jr_within) in
 * carealign__sc_within_done, those of them read from the bins of every
 * scope and period (carealign__journey_within_bins) in
 * carealign__sc_within_binned too (and in carealign__sc_within_sector_dups
 * those of a sector whose duplicate assessments, read, are above 0), and
 * those it could not (their builder loaded) in
 * carealign__sc_within_declined. For tests only, as
 * carealign__sc_check_visits. */
extern int carealign__sc_count_within;
extern size_t carealign__sc_within_done, carealign__sc_within_declined, carealign__sc_within_binned,
    carealign__sc_within_sector_dups;

/* 1 (the default): process.c skips what carealign__sc_needs proves empty,
 * evaluates scopes holding the same records once, ratios of journey
 * figures by their shortcut (evaluate_journey_ratio) and a scope's journey
 * figures after its first period by jr_compute's; 0: it evaluates
 * everything everywhere with the general evaluation. For tests only (tests/scorecard/test_empty.c
 * compares both); not synchronised, never written by the library. */
extern int carealign__sc_shortcuts;

/* process.c's records_plan of sc (made with its work at the first person
 * closed): *counts_on 1 when records_init counts the contacts by scope and
 * period, *n_tsets its contact type sets; both 0 before the first person.
 * For tests (tests/scorecard/test_empty.c). */
void carealign__sc_records_plan_of(const carealign_scorecard *sc, int *counts_on, int *n_tsets);

#endif /* CAREALIGN_SCORECARD_EMPTY_H */

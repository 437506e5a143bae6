/* A memo of the result groups' accumulators (slots.c). Never installed. */
#ifndef CAREALIGN_SCORECARD_SLOTS_H
#define CAREALIGN_SCORECARD_SLOTS_H

#include <stddef.h>
#include <stdint.h>

#include "accum/fast.h"
#include "scorecard/internal.h"

/* The dense code of a stratum tuple (t[0..3] as in carealign__sc_key):
 * 0 for the margin, 1, 2, ... for the others in order of first use, the
 * same for the scorecard's life; -1 when the memo cannot grow (the caller
 * then takes carealign__sc_group_get's path). Never fails otherwise. */
int32_t carealign__sc_stratum_code(carealign_scorecard *sc, const int32_t t[4]);

/** The adds a finest cell holds since its last flush (fine.c): what they
 * would have added to each of its groups. 64 bytes, one cache line. */
typedef struct carealign__sc_fstate {
    uint64_t n;             /**< CAREALIGN__SC_FINE_MADE (the tuple's groups exist, remembered
                                 in the memo: the cell takes adds) plus the records held
                                 (COUNT: their n), below carealign__sc_fine_limit */
    uint64_t successes;     /**< PROPORTION (and a weighted one) */
    int64_t min, max;       /**< GRID_SMALL, WEIGHTED: INT64_MAX and INT64_MIN while none held */
    carealign__u128 s1, s2; /**< GRID_SMALL: sum, sum of squares; RATE: events, exposure;
                                 WEIGHTED: sum w x, sum w x^2 (w = 1) */
} carealign__sc_fstate;

/** The bit of carealign__sc_fstate.n that says the cell takes adds. */
#define CAREALIGN__SC_FINE_MADE (UINT64_C(1) << 63)

/** A cell holds records of n below this (then its block is flushed first):
 * with at most 2^20 tuples, a flush adds less than 2^60 to a group's n. */
#define CAREALIGN__SC_FINE_LIMIT (UINT64_C(1) << 40)

/** The block of finest cells of one (measure, level, unit) at the whole
 * period (fine.c): this header, then its states by finest tuple
 * (carealign__sc_fine_person), the header in the cache line before the
 * first state (carealign__sc_fine_of), so that the memo's cell holds the
 * states' address and number and an add reads neither the header nor
 * anything but the tuple's state. */
typedef struct carealign__sc_fine {
    void *raw;   /**< the allocation of the header and the states */
    int32_t n;   /**< states */
    int32_t cls; /**< the class of the measure's adds (CAREALIGN__SC_FINE_*) */
    int32_t mi, level, unit;
    int32_t index; /**< in the memo's list of blocks (carealign__sc_slots.fine) */
} carealign__sc_fine;

/** The block whose states start at st. */
static inline carealign__sc_fine *carealign__sc_fine_of(carealign__sc_fstate *st)
{
    return (carealign__sc_fine *)(void *)(st - 1);
}

/** The memo's accumulators of one (measure, level, unit, period). 32 bytes. */
typedef struct carealign__sc_cell {
    carealign_acc *acc0;        /**< the margin's (code 0), as acc[0]: here so that the
                                     commonest add (a month's margin) reads one pointer
                                     less before the accumulator; NULL: not remembered yet */
    carealign_acc **acc;        /**< by stratum code (n of them); NULL: not remembered yet */
    int32_t n;                  /**< entries of acc */
    int32_t fine_n;             /**< states of fine; 0 when the cells are off (fine.c) */
    carealign__sc_fstate *fine; /**< the whole period's finest cells by tuple (fine.c, in
                                     a block: carealign__sc_fine_of); NULL: none */
} carealign__sc_cell;

typedef struct carealign__sc_units {
    carealign__sc_cell *cells; /* by unit + 1 */
    size_t n;
} carealign__sc_units;

/** The parameters every accumulator the memo remembers for one measure
 * has (slots.c sets them as it remembers them), so that an add of a record
 * prepared for them need not compare each accumulator's. */
typedef struct carealign__sc_mparams {
    int32_t kind, scale; /**< carealign_acc's kind and scale */
    uint32_t flags;      /**< and flags */
    int32_t state;       /**< CAREALIGN__SC_MP_NONE, _SAME or _MIXED */
} carealign__sc_mparams;

/** carealign__sc_mparams.state: no accumulator remembered yet; all of
 * kind, scale and flags; not all the same (each add then compares). */
enum { CAREALIGN__SC_MP_NONE, CAREALIGN__SC_MP_SAME, CAREALIGN__SC_MP_MIXED };

/** 1 (the default): the memo keeps carealign__sc_mparams; 0: every
 * measure's are CAREALIGN__SC_MP_MIXED, so that each add compares its
 * accumulator's parameters (add.c's fallback). For tests only
 * (tests/scorecard/test_empty.c); not synchronised, never written by the
 * library; change it only while no scorecard exists. */
extern int carealign__sc_same_params;

/** The number of prepared records add.c keeps: 2^CAREALIGN__SC_RECS_LOG2. */
#define CAREALIGN__SC_RECS_LOG2 8
#define CAREALIGN__SC_RECS (1 << CAREALIGN__SC_RECS_LOG2)

struct carealign__sc_slots {
    /* stratum tuples by code (code 0, the margin, is implicit) */
    int32_t (*tuples)[4];
    size_t n_codes, cap_codes;
    int32_t *tslots; /* open addressing: code, 0 = empty */
    size_t n_tslots;
    /* by (measure * 4 + level) * per + period + 1 */
    carealign__sc_units *by;
    size_t n_by;
    carealign__sc_mparams *mp; /* by measure (allocated with by) */
    size_t per;                /* n_periods + 1 */
    /* records added (add.c), each prepared for the accumulators it went to
     * last, by a hash of their measure (rec_mi) and contents: one place
     * each, the last there kept, for the scorecard's life */
    carealign__acc_rec recs[CAREALIGN__SC_RECS];
    int32_t rec_mi[CAREALIGN__SC_RECS];
    /* finest cells (fine.c): the tuples, each a list of stratum codes (the
     * margin's and those of the strata in the cell), flat in ft_codes */
    int32_t *ft_codes;
    size_t n_ft_codes, cap_ft_codes;
    int32_t *ft_start, *ft_len; /* by tuple */
    size_t n_ft, cap_ft;
    int32_t *ft_slots; /* open addressing: tuple + 1, 0 = empty */
    size_t n_ft_slots;
    uint8_t *fine_dim;         /* by framework stratum: in the cell (1) or added directly (0) */
    uint8_t *fine_mcls;        /* by measure: the class of its whole-period adds that cells
                                  take (carealign__sc_fine_class_of), 0: none, or its cells off
                                  for good (fine.c: a weighted measure's groups out of
                                  carealign__sc_fine_wroom's bounds) */
    uint64_t fine_wadds;       /* adds of the weighted class since every group was checked */
    int32_t fine_ready;        /* fine_dim is set */
    int32_t fine_off;          /* 1: no finest cells (every add direct) */
    int32_t fine_held;         /* 0: no cell holds adds (set by every add to one) */
    carealign__sc_fine **fine; /* every block */
    size_t n_fine, cap_fine;
};

/* carealign__sc_slot_get's path for a group not yet remembered. */
carealign_status carealign__sc_slot_add(carealign_scorecard *sc, const carealign__sc_key *key,
                                        int32_t code, carealign_acc **out);

/* The memo's accumulators by stratum code of (measure, level, unit,
 * period): *n entries, each NULL when not remembered yet; NULL and *n = 0
 * when there are none. Valid until the next carealign__sc_slot_add. */
static inline carealign_acc *const *carealign__sc_slot_row(const carealign_scorecard *sc,
                                                           int32_t measure, int32_t level,
                                                           int32_t unit, int32_t period, int32_t *n)
{
    const carealign__sc_slots *s = sc->slots;
    *n = 0;
    if (s != NULL && (uint32_t)level <= 3 && (size_t)(uint32_t)(period + 1) < s->per) {
        size_t i = ((size_t)(uint32_t)measure * 4 + (size_t)level) * s->per + (size_t)(period + 1);
        size_t k = (size_t)(uint32_t)(unit + 1);
        if (i < s->n_by && k < s->by[i].n) {
            const carealign__sc_cell *c = &s->by[i].cells[k];
            *n = c->n;
            return c->acc;
        }
    }
    return NULL;
}

/* The accumulator of the group `key`, whose stratum has code `code`
 * (carealign__sc_stratum_code; -1: unknown): the memo's, else
 * carealign__sc_group_get's (which creates the group), remembered. Same
 * result, errors and group creation order as carealign__sc_group_get. */
static inline carealign_status carealign__sc_slot_get(carealign_scorecard *sc,
                                                      const carealign__sc_key *key, int32_t code,
                                                      carealign_acc **out)
{
    const carealign__sc_slots *s = sc->slots;
    if (s != NULL && code >= 0 && (uint32_t)key->level <= 3 &&
        (size_t)(uint32_t)(key->period + 1) < s->per) {
        size_t i = ((size_t)(uint32_t)key->measure * 4 + (size_t)key->level) * s->per +
                   (size_t)(key->period + 1);
        size_t k = (size_t)(uint32_t)(key->unit + 1);
        if (i < s->n_by && k < s->by[i].n) {
            const carealign__sc_cell *c = &s->by[i].cells[k];
            if (code < c->n && c->acc[code] != NULL) {
                *out = c->acc[code];
                return CAREALIGN_OK;
            }
        }
    }
    return carealign__sc_slot_add(sc, key, code, out);
}

/* Free the memo (carealign_scorecard_free). */
void carealign__sc_slots_free(carealign_scorecard *sc);

#endif /* CAREALIGN_SCORECARD_SLOTS_H */

/* TEMPORARY (deleted at merge): placeholders for the output side of the
 * scorecard, owned by another helper (lib/scorecard/disclose.c, aims.c,
 * write_json.c, write_csv.c, write_fhir.c). Until they land:
 * - disclosure fails closed (EUNSUPPORTED) unless the scorecard was made with
 *   CAREALIGN_SC_NO_DISCLOSURE, when it only stamps RES_NO_DISCLOSURE;
 * - aim summaries are empty;
 * - the writers return EUNSUPPORTED. */
#include "core/internal.h"
#include "scorecard/table.h"

carealign_status carealign__sc_disclose(carealign__sc_table *t, const carealign_framework *fw,
                                        uint32_t flags)
{
    (void)fw;
    if ((flags & CAREALIGN_SC_NO_DISCLOSURE) == 0)
        return carealign__error(CAREALIGN_EUNSUPPORTED,
                                "scorecard: disclosure control not built yet");
    for (size_t i = 0; i < t->n_rows; i++)
        t->rows[i].res.flags |= CAREALIGN_RES_NO_DISCLOSURE;
    return CAREALIGN_OK;
}

carealign_status carealign__sc_aims(carealign__sc_table *t, const carealign_framework *fw)
{
    (void)fw;
    t->aims = NULL;
    t->n_aims = 0;
    return CAREALIGN_OK;
}

carealign_status carealign__sc_write(const carealign__sc_table *t, const carealign_framework *fw,
                                     int32_t format, const carealign_write_options *opt,
                                     carealign_write_fn fn, void *user)
{
    (void)t;
    (void)fw;
    (void)format;
    (void)opt;
    (void)fn;
    (void)user;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: writers not built yet");
}

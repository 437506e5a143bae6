/* TEMPORARY: the engine entry points, being written; each returns EUNSUPPORTED. */
#include "core/internal.h"
#include "carealign/scorecard.h"

carealign_status carealign_scorecard_new(const carealign_framework *fw,
                                         const carealign_scorecard_options *opt,
                                         carealign_scorecard **out)
{
    (void)fw;
    (void)opt;
    (void)out;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

void carealign_scorecard_free(carealign_scorecard *sc)
{
    (void)sc;
}

carealign_status carealign_scorecard_register_ids(carealign_scorecard *sc, int32_t dict,
                                                  const char *bytes, const uint64_t *offsets,
                                                  size_t n, int32_t *out_indices)
{
    (void)sc;
    (void)dict;
    (void)bytes;
    (void)offsets;
    (void)n;
    (void)out_indices;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_get_id(const carealign_scorecard *sc, int32_t dict,
                                            int32_t index, const char **out, size_t *out_len)
{
    (void)sc;
    (void)dict;
    (void)index;
    (void)out;
    (void)out_len;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_feed_organisations(carealign_scorecard *sc,
                                                        const carealign_organisation *recs,
                                                        size_t n, int32_t *row_reason,
                                                        size_t *out_n_rejected)
{
    (void)sc;
    (void)recs;
    (void)n;
    (void)row_reason;
    (void)out_n_rejected;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_feed_populations(carealign_scorecard *sc,
                                                      const carealign_population *recs, size_t n,
                                                      int32_t *row_reason, size_t *out_n_rejected)
{
    (void)sc;
    (void)recs;
    (void)n;
    (void)row_reason;
    (void)out_n_rejected;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_feed_people(carealign_scorecard *sc,
                                                 const carealign_person *recs, size_t n,
                                                 int32_t *row_reason, size_t *out_n_rejected)
{
    (void)sc;
    (void)recs;
    (void)n;
    (void)row_reason;
    (void)out_n_rejected;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_feed_responses(carealign_scorecard *sc,
                                                    const carealign_response *recs, size_t n,
                                                    int32_t *row_reason, size_t *out_n_rejected)
{
    (void)sc;
    (void)recs;
    (void)n;
    (void)row_reason;
    (void)out_n_rejected;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_feed_fft(carealign_scorecard *sc,
                                              const carealign_fft_counts *recs, size_t n,
                                              int32_t *row_reason, size_t *out_n_rejected)
{
    (void)sc;
    (void)recs;
    (void)n;
    (void)row_reason;
    (void)out_n_rejected;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_feed_contacts(carealign_scorecard *sc,
                                                   const carealign_contact *recs, size_t n,
                                                   int32_t *row_reason, size_t *out_n_rejected)
{
    (void)sc;
    (void)recs;
    (void)n;
    (void)row_reason;
    (void)out_n_rejected;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_feed_people_columns(carealign_scorecard *sc,
                                                         const carealign_person_columns *cols,
                                                         int32_t *row_reason,
                                                         size_t *out_n_rejected)
{
    (void)sc;
    (void)cols;
    (void)row_reason;
    (void)out_n_rejected;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_feed_responses_columns(carealign_scorecard *sc,
                                                            const carealign_response_columns *cols,
                                                            int32_t *row_reason,
                                                            size_t *out_n_rejected)
{
    (void)sc;
    (void)cols;
    (void)row_reason;
    (void)out_n_rejected;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_feed_contacts_columns(carealign_scorecard *sc,
                                                           const carealign_contact_columns *cols,
                                                           int32_t *row_reason,
                                                           size_t *out_n_rejected)
{
    (void)sc;
    (void)cols;
    (void)row_reason;
    (void)out_n_rejected;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_close_person(carealign_scorecard *sc, int32_t person)
{
    (void)sc;
    (void)person;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_close_all(carealign_scorecard *sc)
{
    (void)sc;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_get_counts(const carealign_scorecard *sc, int32_t feed,
                                                carealign_feed_counts *out)
{
    (void)sc;
    (void)feed;
    (void)out;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_serialize(const carealign_scorecard *sc, void *buf, size_t cap,
                                               size_t *out_len)
{
    (void)sc;
    (void)buf;
    (void)cap;
    (void)out_len;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_deserialize(const carealign_framework *fw, const void *buf,
                                                 size_t len, carealign_scorecard **out)
{
    (void)fw;
    (void)buf;
    (void)len;
    (void)out;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_merge(carealign_scorecard *dst, const carealign_scorecard *src)
{
    (void)dst;
    (void)src;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_finalize(carealign_scorecard *sc)
{
    (void)sc;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_result_count(const carealign_scorecard *sc, size_t *out_n)
{
    (void)sc;
    (void)out_n;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_get_result(const carealign_scorecard *sc, size_t i,
                                                carealign_result *out)
{
    (void)sc;
    (void)i;
    (void)out;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_get_results(const carealign_scorecard *sc, size_t first,
                                                 carealign_result *out, size_t cap, size_t *out_n)
{
    (void)sc;
    (void)first;
    (void)out;
    (void)cap;
    (void)out_n;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_find_result(const carealign_scorecard *sc, int32_t measure,
                                                 int32_t level, int32_t unit, int32_t period,
                                                 size_t *out_index)
{
    (void)sc;
    (void)measure;
    (void)level;
    (void)unit;
    (void)period;
    (void)out_index;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_get_aim_summary(const carealign_scorecard *sc, int32_t aim,
                                                     int32_t level, int32_t unit,
                                                     carealign_aim_summary *out)
{
    (void)sc;
    (void)aim;
    (void)level;
    (void)unit;
    (void)out;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_write(const carealign_scorecard *sc, int32_t format,
                                           const carealign_write_options *opt, char *buf,
                                           size_t cap, size_t *out_len)
{
    (void)sc;
    (void)format;
    (void)opt;
    (void)buf;
    (void)cap;
    (void)out_len;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

carealign_status carealign_scorecard_write_cb(const carealign_scorecard *sc, int32_t format,
                                              const carealign_write_options *opt,
                                              carealign_write_fn fn, void *user)
{
    (void)sc;
    (void)format;
    (void)opt;
    (void)fn;
    (void)user;
    return carealign__error(CAREALIGN_EUNSUPPORTED, "scorecard: not built yet");
}

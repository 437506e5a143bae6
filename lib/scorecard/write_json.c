/* The JSON report (docs/report-schema.md, docs/report-schema.json). */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "scorecard/fpclass.h"
#include "scorecard/write_common.h"

static void write_header(const carealign__sc_table *t, const carealign_framework *fw,
                         carealign__sc_out *o)
{
    carealign_framework_info info;
    memset(&info, 0, sizeof info);
    info.size = sizeof info;
    (void)carealign_framework_get_info(fw, &info);
    char hex[2 * CAREALIGN_SHA256_SIZE + 1];
    carealign__sc_jfield(o, "format", "carealign-report/1");
    carealign__sc_jkey(o, "framework");
    carealign__sc_jopen(o, '{');
    carealign__sc_jkey(o, "id");
    carealign__sc_jstr(o, info.id, info.id_len);
    carealign__sc_jkey(o, "version");
    carealign__sc_jstr(o, info.version, info.version_len);
    carealign__sc_jkey(o, "title");
    carealign__sc_jstr(o, info.title, info.title_len);
    carealign__sc_hex(t->framework_hash, hex);
    carealign__sc_jfield(o, "sha256", hex);
    carealign__sc_jclose(o, '}');
    carealign__sc_jkey(o, "methods_version");
    carealign__sc_jint(o, t->methods_version);
    carealign__sc_jkey(o, "confidence");
    carealign__sc_jnum(o, t->confidence);
    carealign__sc_jkey(o, "significant_digits");
    carealign__sc_jint(o, o->sig_digits);
    char d[CAREALIGN_DATE_BUFSIZE];
    carealign__sc_jkey(o, "period");
    carealign__sc_jopen(o, '{');
    carealign__sc_date_text(info.period_start, d);
    carealign__sc_jfield(o, "start", d);
    carealign__sc_date_text(info.period_end, d);
    carealign__sc_jfield(o, "end", d);
    carealign__sc_jfield(o, "interval",
                         carealign_framework_code_name(CAREALIGN_TABLE_INTERVAL, info.interval));
    carealign__sc_jkey(o, "n_periods");
    carealign__sc_jint(o, t->n_periods);
    carealign__sc_jclose(o, '}');
    carealign__sc_jkey(o, "disclosure");
    carealign__sc_jopen(o, '{');
    carealign__sc_jkey(o, "applied");
    carealign__sc_jraw(o, (t->flags & CAREALIGN_SC_NO_DISCLOSURE) ? "false" : "true");
    carealign__sc_jkey(o, "suppress_max");
    carealign__sc_jint(o, info.disclosure_suppress_max);
    carealign__sc_jkey(o, "round_to");
    carealign__sc_jint(o, info.disclosure_round_to);
    carealign__sc_jkey(o, "source");
    carealign__sc_jstr(o, info.disclosure_source, info.disclosure_source_len);
    carealign__sc_jclose(o, '}');
    carealign__sc_jkey(o, "feeds");
    carealign__sc_jopen(o, '[');
    for (int32_t f = CAREALIGN_FEED_ORGANISATIONS; f <= CAREALIGN_FEED_CONTACTS; f++) {
        const carealign_feed_counts *c = &t->counts[f];
        carealign__sc_jopen(o, '{');
        carealign__sc_jfield(o, "feed", carealign__sc_feed_name(f));
        carealign__sc_jkey(o, "read");
        carealign__sc_jint(o, (int64_t)c->read);
        carealign__sc_jkey(o, "used");
        carealign__sc_jint(o, (int64_t)c->used);
        carealign__sc_jkey(o, "rejected");
        carealign__sc_jint(o, (int64_t)c->rejected);
        carealign__sc_jkey(o, "excluded_opt_out");
        carealign__sc_jint(o, (int64_t)c->excluded_opt_out);
        carealign__sc_jkey(o, "excluded_outside_base");
        carealign__sc_jint(o, (int64_t)c->excluded_outside_base);
        carealign__sc_jkey(o, "weights_not_applied");
        carealign__sc_jint(o, (int64_t)c->weights_not_applied);
        carealign__sc_jkey(o, "unscored");
        carealign__sc_jint(o, (int64_t)c->unscored);
        carealign__sc_jclose(o, '}');
    }
    carealign__sc_jclose(o, ']');
}

static void write_flags(carealign__sc_out *o, uint32_t flags)
{
    carealign__sc_jopen(o, '[');
    for (size_t i = 0; i < carealign__sc_flag_count(); i++) {
        uint32_t bit;
        const char *name = carealign__sc_flag_name(i, &bit);
        if (flags & bit)
            carealign__sc_jcstr(o, name);
    }
    carealign__sc_jclose(o, ']');
}

static void write_row(const carealign__sc_table *t, const carealign_framework *fw,
                      carealign__sc_out *o, size_t index, carealign__json_buf *scratch)
{
    const carealign__sc_row *row = &t->rows[index];
    const carealign_result *r = &row->res;
    carealign_measure_info mi;
    memset(&mi, 0, sizeof mi);
    mi.size = sizeof mi;
    (void)carealign_framework_get_measure(fw, r->measure, &mi);
    char d[CAREALIGN_DATE_BUFSIZE];
    size_t len = 0;
    const char *s;

    carealign__sc_jopen(o, '{');
    carealign__sc_jkey(o, "row");
    carealign__sc_jint(o, (int64_t)index);
    carealign__sc_jkey(o, "measure");
    carealign__sc_jstr(o, mi.id != NULL ? mi.id : "", mi.id != NULL ? mi.id_len : 0);
    carealign__sc_jkey(o, "measure_index");
    carealign__sc_jint(o, r->measure);
    carealign__sc_jfield(o, "aim", carealign_framework_code_name(CAREALIGN_TABLE_AIM, row->aim));
    carealign__sc_jfield(o, "kind", carealign__sc_kind_name(r->kind));
    carealign__sc_jfield(o, "level", carealign__sc_level_name(r->level));
    carealign__sc_jkey(o, "unit");
    if (r->level == CAREALIGN_LEVEL_SYSTEM) {
        carealign__sc_jraw(o, "null");
    } else {
        s = carealign__sc_unit_text(t, r, &len);
        carealign__sc_jstr(o, s, len);
    }
    carealign__sc_jkey(o, "unit_index");
    carealign__sc_jint(o, r->unit);
    if (r->level == CAREALIGN_LEVEL_ORG || r->level == CAREALIGN_LEVEL_COHORT) {
        s = carealign__sc_org_name(t, r->unit, &len);
        carealign__sc_jkey(o, "unit_name");
        carealign__sc_jstr(o, s, len);
    }
    carealign__sc_jkey(o, "period");
    if (r->period == CAREALIGN_PERIOD_WHOLE)
        carealign__sc_jcstr(o, "whole");
    else
        carealign__sc_jint(o, r->period);
    carealign__sc_date_text(r->period_start, d);
    carealign__sc_jfield(o, "period_start", d);
    carealign__sc_date_text(r->period_end, d);
    carealign__sc_jfield(o, "period_end", d);
    carealign__sc_jkey(o, "strata");
    carealign__sc_jopen(o, '[');
    for (int k = 0; k < 4; k += 2) {
        if (r->stratum[k] == CAREALIGN_STRATUM_MARGIN)
            continue;
        carealign__sc_jopen(o, '{');
        s = carealign__sc_stratum_id(fw, r->stratum[k], &len);
        carealign__sc_jkey(o, "stratum");
        carealign__sc_jstr(o, s, len);
        scratch->len = 0;
        carealign__sc_stratum_value_text(t, fw, r->stratum[k], r->stratum[k + 1], scratch);
        carealign__sc_jkey(o, "value");
        carealign__sc_jstr(o, scratch->data != NULL ? scratch->data : "", scratch->len);
        carealign__sc_jkey(o, "code");
        carealign__sc_jint(o, r->stratum[k + 1]);
        carealign__sc_jclose(o, '}');
    }
    carealign__sc_jclose(o, ']');
    carealign__sc_jkey(o, "estimate");
    carealign__sc_jopen(o, '{');
    carealign__sc_jkey(o, "value");
    carealign__sc_jnum(o, r->estimate.value);
    carealign__sc_jkey(o, "lower");
    carealign__sc_jnum(o, r->estimate.lower);
    carealign__sc_jkey(o, "upper");
    carealign__sc_jnum(o, r->estimate.upper);
    carealign__sc_jkey(o, "n");
    carealign__sc_jcount(o, r->estimate.n);
    carealign__sc_jfield(o, "method", carealign__sc_method_name(r->estimate.method));
    carealign__sc_jclose(o, '}');
    carealign__sc_jkey(o, "unit_of_measure");
    carealign__sc_jstr(o, mi.unit != NULL ? mi.unit : "", mi.unit != NULL ? mi.unit_len : 0);
    carealign__sc_jkey(o, "numerator");
    carealign__sc_jcount(o, r->numerator);
    carealign__sc_jkey(o, "denominator");
    carealign__sc_jcount(o, r->denominator);
    carealign__sc_jkey(o, "target");
    carealign__sc_jnum(o, r->target);
    carealign__sc_jkey(o, "target_met");
    carealign__sc_jraw(o, r->target_met == 1 ? "true" : r->target_met == 0 ? "false" : "null");
    carealign__sc_jkey(o, "flags");
    write_flags(o, r->flags);
    carealign__sc_jkey(o, "spc");
    if (r->spc_point < 0 && r->spc_variation < 0 && r->spc_assurance < 0) {
        carealign__sc_jraw(o, "null");
    } else {
        carealign__sc_jopen(o, '{');
        if (r->spc_point >= 0) {
            carealign__sc_jkey(o, "point");
            carealign__sc_jopen(o, '[');
            for (size_t i = 0; i < carealign__sc_spc_point_flag_count(); i++) {
                uint32_t bit;
                const char *name = carealign__sc_spc_point_flag_name(i, &bit);
                if ((uint32_t)r->spc_point & bit)
                    carealign__sc_jcstr(o, name);
            }
            carealign__sc_jclose(o, ']');
        }
        s = carealign__sc_variation_name(r->spc_variation);
        if (s != NULL && r->spc_variation >= 0)
            carealign__sc_jfield(o, "variation", s);
        s = carealign__sc_assurance_name(r->spc_assurance);
        if (s != NULL && r->spc_assurance >= 0)
            carealign__sc_jfield(o, "assurance", s);
        carealign__sc_jclose(o, '}');
    }
    carealign__sc_jkey(o, "funnel");
    s = r->level == CAREALIGN_LEVEL_ORG ? carealign__sc_funnel_name(r->funnel) : NULL;
    if (s != NULL && r->funnel != -1)
        carealign__sc_jcstr(o, s);
    else
        carealign__sc_jraw(o, "null");
    carealign__sc_jclose(o, '}');
}

static void write_aim(const carealign__sc_table *t, const carealign_framework *fw,
                      carealign__sc_out *o, const carealign_aim_summary *a)
{
    size_t len = 0;
    carealign__sc_jopen(o, '{');
    carealign__sc_jfield(o, "aim", carealign_framework_code_name(CAREALIGN_TABLE_AIM, a->aim));
    carealign__sc_jfield(o, "level", carealign__sc_level_name(a->level));
    carealign__sc_jkey(o, "unit");
    if (a->level == CAREALIGN_LEVEL_SYSTEM) {
        carealign__sc_jraw(o, "null");
    } else {
        carealign_result r;
        memset(&r, 0, sizeof r);
        r.level = a->level;
        r.unit = a->unit;
        const char *s = carealign__sc_unit_text(t, &r, &len);
        carealign__sc_jstr(o, s, len);
    }
    carealign__sc_jkey(o, "unit_index");
    carealign__sc_jint(o, a->unit);
    carealign__sc_jkey(o, "n_measures");
    carealign__sc_jint(o, a->n_measures);
    carealign__sc_jkey(o, "n_on_target");
    carealign__sc_jint(o, a->n_on_target);
    carealign__sc_jkey(o, "n_improving");
    carealign__sc_jint(o, a->n_improving);
    carealign__sc_jkey(o, "n_stable");
    carealign__sc_jint(o, a->n_stable);
    carealign__sc_jkey(o, "n_concern");
    carealign__sc_jint(o, a->n_concern);
    carealign__sc_jkey(o, "n_not_computable");
    carealign__sc_jint(o, a->n_not_computable);
    carealign__sc_jkey(o, "composite");
    if (a->flags & CAREALIGN_AIM_HAS_COMPOSITE)
        carealign__sc_jnum(o, a->composite);
    else
        carealign__sc_jraw(o, "null");
    /* the composite's parts: every measure of the aim with a rule, its row
     * and its score 1..4 (null when it has no value) */
    carealign__sc_jkey(o, "n_composite");
    carealign__sc_jint(o, a->n_composite);
    carealign__sc_jkey(o, "composite_parts");
    carealign__sc_jopen(o, '[');
    for (size_t i = 0; i < t->n_rows; i++) {
        const carealign__sc_row *row = &t->rows[i];
        if (row->aim != a->aim || row->res.level != a->level || row->res.unit != a->unit)
            continue;
        int32_t score = carealign__sc_composite_part(fw, row);
        if (score < 0)
            continue;
        carealign_measure_info mi;
        memset(&mi, 0, sizeof mi);
        mi.size = sizeof mi;
        (void)carealign_framework_get_measure(fw, row->res.measure, &mi);
        carealign__sc_jopen(o, '{');
        carealign__sc_jkey(o, "measure");
        carealign__sc_jstr(o, mi.id != NULL ? mi.id : "", mi.id != NULL ? mi.id_len : 0);
        carealign__sc_jkey(o, "row");
        carealign__sc_jint(o, (int64_t)i);
        carealign__sc_jkey(o, "score");
        if (score > 0)
            carealign__sc_jint(o, score);
        else
            carealign__sc_jraw(o, "null");
        carealign__sc_jclose(o, '}');
    }
    carealign__sc_jclose(o, ']');
    carealign__sc_jclose(o, '}');
}

void carealign__sc_write_json(const carealign__sc_table *t, const carealign_framework *fw,
                              const carealign_write_options *opt, carealign__sc_out *o)
{
    (void)opt;
    carealign__json_buf scratch;
    carealign__json_buf_init(&scratch);
    carealign__sc_jopen(o, '{');
    write_header(t, fw, o);
    carealign__sc_jkey(o, "results");
    carealign__sc_jopen(o, '[');
    for (size_t i = 0; i < t->n_rows && o->status == CAREALIGN_OK; i++)
        write_row(t, fw, o, i, &scratch);
    carealign__sc_jclose(o, ']');
    carealign__sc_jkey(o, "aims");
    carealign__sc_jopen(o, '[');
    for (size_t i = 0; i < t->n_aims && o->status == CAREALIGN_OK; i++)
        write_aim(t, fw, o, &t->aims[i]);
    carealign__sc_jclose(o, ']');
    carealign__sc_jclose(o, '}');
    if (scratch.failed && o->status == CAREALIGN_OK)
        o->status = carealign__error(CAREALIGN_ENOMEM, "scorecard writer: out of memory");
    carealign__json_buf_release(&scratch);
}

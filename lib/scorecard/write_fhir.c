/* The FHIR R4 report: a Bundle (type "collection") of MeasureReport
 * resources (type "summary"), one per measure, level, unit and period
 * (docs/report-schema.md, "FHIR MeasureReport profile"). */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "scorecard/fpclass.h"
#include "scorecard/write_common.h"

#define EXT_BASE "urn:carealign:fhir:"
#define DATA_ABSENT "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
#define MEASURE_POPULATION "http://terminology.hl7.org/CodeSystem/measure-population"
#define ODS_SYSTEM "https://fhir.nhs.uk/Id/ods-organization-code"

static void ext_open(carealign__sc_out *o, const char *url)
{
    carealign__sc_jopen(o, '{');
    carealign__sc_jfield(o, "url", url);
}

static void ext_code(carealign__sc_out *o, const char *url, const char *code)
{
    ext_open(o, url);
    carealign__sc_jfield(o, "valueCode", code);
    carealign__sc_jclose(o, '}');
}

static void ext_decimal(carealign__sc_out *o, const char *url, double x, int count)
{
    ext_open(o, url);
    carealign__sc_jkey(o, "valueDecimal");
    if (count)
        carealign__sc_jcount(o, x);
    else
        carealign__sc_jnum(o, x);
    carealign__sc_jclose(o, '}');
}

static void ext_integer(carealign__sc_out *o, const char *url, int64_t v)
{
    ext_open(o, url);
    carealign__sc_jkey(o, "valueInteger");
    carealign__sc_jint(o, v);
    carealign__sc_jclose(o, '}');
}

static void absent(carealign__sc_out *o, const char *key, const char *reason)
{
    carealign__sc_jkey(o, key);
    carealign__sc_jopen(o, '{');
    carealign__sc_jkey(o, "extension");
    carealign__sc_jopen(o, '[');
    ext_code(o, DATA_ABSENT, reason);
    carealign__sc_jclose(o, ']');
    carealign__sc_jclose(o, '}');
}

static int suppressed(const carealign_result *r)
{
    return (r->flags & (CAREALIGN_RES_SUPPRESSED | CAREALIGN_RES_SECONDARY_SUPPRESSED)) != 0;
}

static int integral(double x)
{
    return CAREALIGN__SC_ISFINITE(x) && x == floor(x) && fabs(x) < 9007199254740992.0;
}

static void population(carealign__sc_out *o, const char *code, double x, int masked)
{
    carealign__sc_jopen(o, '{');
    if (CAREALIGN__SC_ISFINITE(x) && !integral(x)) {
        carealign__sc_jkey(o, "extension");
        carealign__sc_jopen(o, '[');
        ext_decimal(o, EXT_BASE "population-value", x, 1);
        carealign__sc_jclose(o, ']');
    }
    carealign__sc_jkey(o, "code");
    carealign__sc_jopen(o, '{');
    carealign__sc_jkey(o, "coding");
    carealign__sc_jopen(o, '[');
    carealign__sc_jopen(o, '{');
    carealign__sc_jfield(o, "system", MEASURE_POPULATION);
    carealign__sc_jfield(o, "code", code);
    carealign__sc_jclose(o, '}');
    carealign__sc_jclose(o, ']');
    carealign__sc_jclose(o, '}');
    if (integral(x)) {
        carealign__sc_jkey(o, "count");
        carealign__sc_jcount(o, x);
    } else if (!CAREALIGN__SC_ISFINITE(x) && masked) {
        absent(o, "_count", "masked");
    }
    carealign__sc_jclose(o, '}');
}

/* The figures of one row, as members of a group or stratum. */
static void figures(const carealign__sc_table *t, const carealign_framework *fw,
                    carealign__sc_out *o, size_t index)
{
    const carealign__sc_row *row = &t->rows[index];
    const carealign_result *r = &row->res;
    int masked = suppressed(r);
    /* extensions: row, flags, target, SPC, funnel, a denominator that is not a count */
    carealign__sc_jkey(o, "extension");
    carealign__sc_jopen(o, '[');
    ext_integer(o, EXT_BASE "result-row", (int64_t)index);
    for (size_t i = 0; i < carealign__sc_flag_count(); i++) {
        uint32_t bit;
        const char *name = carealign__sc_flag_name(i, &bit);
        if (r->flags & bit)
            ext_code(o, EXT_BASE "result-flag", name);
    }
    if (CAREALIGN__SC_ISFINITE(r->target))
        ext_decimal(o, EXT_BASE "target", r->target, 0);
    if (r->target_met == 0 || r->target_met == 1) {
        ext_open(o, EXT_BASE "target-met");
        carealign__sc_jkey(o, "valueBoolean");
        carealign__sc_jraw(o, r->target_met == 1 ? "true" : "false");
        carealign__sc_jclose(o, '}');
    }
    const char *s = r->spc_variation >= 0 ? carealign__sc_variation_name(r->spc_variation) : NULL;
    if (s != NULL)
        ext_code(o, EXT_BASE "spc-variation", s);
    s = r->spc_assurance >= 0 ? carealign__sc_assurance_name(r->spc_assurance) : NULL;
    if (s != NULL)
        ext_code(o, EXT_BASE "spc-assurance", s);
    for (size_t i = 0; r->spc_point >= 0 && i < carealign__sc_spc_point_flag_count(); i++) {
        uint32_t bit;
        const char *name = carealign__sc_spc_point_flag_name(i, &bit);
        if ((uint32_t)r->spc_point & bit)
            ext_code(o, EXT_BASE "spc-point", name);
    }
    s = r->level == CAREALIGN_LEVEL_ORG && r->funnel != -1 ? carealign__sc_funnel_name(r->funnel)
                                                           : NULL;
    if (s != NULL)
        ext_code(o, EXT_BASE "funnel", s);
    int den_is_population =
        row->denominator_is_count || row->scoring == CAREALIGN_SCORING_CONTINUOUS;
    if (!den_is_population && CAREALIGN__SC_ISFINITE(r->denominator))
        ext_decimal(o, EXT_BASE "denominator", r->denominator, 1);
    int32_t score = carealign__sc_composite_part(fw, row);
    if (score > 0)
        ext_integer(o, EXT_BASE "composite-score", score);
    /* survey-weighted: the estimate's n is Kish's effective n (docs/scorecard.md) */
    if ((r->flags & CAREALIGN_RES_WEIGHTED) && CAREALIGN__SC_ISFINITE(r->estimate.n))
        ext_decimal(o, EXT_BASE "effective-n", r->estimate.n, 1);
    carealign__sc_jclose(o, ']');

    /* SII and RII rows summarise the groups' estimates: no populations */
    if (r->kind == CAREALIGN_RESULT_ESTIMATE) {
        carealign__sc_jkey(o, "population");
        carealign__sc_jopen(o, '[');
        if (row->scoring != CAREALIGN_SCORING_CONTINUOUS)
            population(o, "numerator", r->numerator, masked);
        if (den_is_population)
            population(o,
                       row->scoring == CAREALIGN_SCORING_CONTINUOUS ? "measure-population"
                                                                    : "denominator",
                       r->denominator, masked);
        carealign__sc_jclose(o, ']');
    }

    carealign__sc_jkey(o, "measureScore");
    carealign__sc_jopen(o, '{');
    int have_interval =
        CAREALIGN__SC_ISFINITE(r->estimate.lower) || CAREALIGN__SC_ISFINITE(r->estimate.upper);
    if (!CAREALIGN__SC_ISFINITE(r->estimate.value) || have_interval) {
        carealign__sc_jkey(o, "extension");
        carealign__sc_jopen(o, '[');
        if (!CAREALIGN__SC_ISFINITE(r->estimate.value))
            ext_code(o, DATA_ABSENT, masked ? "masked" : "not-applicable");
        if (have_interval) {
            ext_open(o, EXT_BASE "confidence-interval");
            carealign__sc_jkey(o, "extension");
            carealign__sc_jopen(o, '[');
            if (CAREALIGN__SC_ISFINITE(r->estimate.lower))
                ext_decimal(o, "lower", r->estimate.lower, 0);
            if (CAREALIGN__SC_ISFINITE(r->estimate.upper))
                ext_decimal(o, "upper", r->estimate.upper, 0);
            ext_decimal(o, "level", t->confidence, 0);
            ext_code(o, "method", carealign__sc_method_name(r->estimate.method));
            carealign__sc_jclose(o, ']');
            carealign__sc_jclose(o, '}');
        }
        carealign__sc_jclose(o, ']');
    }
    if (CAREALIGN__SC_ISFINITE(r->estimate.value)) {
        carealign__sc_jkey(o, "value");
        carealign__sc_jnum(o, r->estimate.value);
    }
    carealign__sc_jclose(o, '}');
}

static void text_concept(carealign__sc_out *o, const char *key, const char *s, size_t len)
{
    if (key != NULL)
        carealign__sc_jkey(o, key);
    carealign__sc_jopen(o, '{');
    carealign__sc_jkey(o, "text");
    carealign__sc_jstr(o, s, len);
    carealign__sc_jclose(o, '}');
}

static int same_report(const carealign_result *a, const carealign_result *b)
{
    return a->measure == b->measure && a->kind == b->kind && a->level == b->level &&
           a->unit == b->unit && a->period == b->period;
}

static int is_margin(const carealign_result *r)
{
    return r->stratum[0] == CAREALIGN_STRATUM_MARGIN && r->stratum[2] == CAREALIGN_STRATUM_MARGIN;
}

static void write_report(const carealign__sc_table *t, const carealign_framework *fw,
                         const carealign_write_options *opt, carealign__sc_out *o, size_t first,
                         size_t end, carealign__json_buf *sb)
{
    const carealign_result *r0 = &t->rows[first].res;
    carealign_measure_info mi;
    memset(&mi, 0, sizeof mi);
    mi.size = sizeof mi;
    (void)carealign_framework_get_measure(fw, r0->measure, &mi);
    carealign_framework_info info;
    memset(&info, 0, sizeof info);
    info.size = sizeof info;
    (void)carealign_framework_get_info(fw, &info);
    char d[CAREALIGN_DATE_BUFSIZE];
    size_t len = 0;
    const char *s;

    carealign__sc_jopen(o, '{');
    carealign__sc_jkey(o, "resource");
    carealign__sc_jopen(o, '{');
    carealign__sc_jfield(o, "resourceType", "MeasureReport");
    sb->len = 0;
    carealign__json_buf_puts(sb, "r");
    char num[CAREALIGN__SC_NUMBUF];
    carealign__sc_count_text((double)first, num);
    carealign__json_buf_puts(sb, num);
    carealign__sc_jkey(o, "id");
    carealign__sc_jstr(o, sb->data != NULL ? sb->data : "", sb->len);
    carealign__sc_jkey(o, "extension");
    carealign__sc_jopen(o, '[');
    ext_code(o, EXT_BASE "level", carealign__sc_level_name(r0->level));
    if (r0->level != CAREALIGN_LEVEL_SYSTEM) {
        s = carealign__sc_unit_text(t, r0, &len);
        ext_open(o, EXT_BASE "unit");
        carealign__sc_jkey(o, "valueString");
        if (len > 0) {
            carealign__sc_jstr(o, s, len);
        } else {
            carealign__sc_count_text((double)r0->unit, num);
            carealign__sc_jcstr(o, num);
        }
        carealign__sc_jclose(o, '}');
    }
    ext_integer(o, EXT_BASE "unit-index", r0->unit);
    /* An SII or RII row is a report of its own: the kind, and the stratum
     * (deprivation) across whose groups it is computed */
    int inequality = r0->kind != CAREALIGN_RESULT_ESTIMATE;
    if (inequality) {
        ext_code(o, EXT_BASE "result-kind", carealign__sc_kind_name(r0->kind));
        s = carealign__sc_stratum_id(fw, r0->stratum[0], &len);
        ext_open(o, EXT_BASE "inequality-stratifier");
        carealign__sc_jkey(o, "valueString");
        carealign__sc_jstr(o, s, len);
        carealign__sc_jclose(o, '}');
    }
    carealign__sc_jclose(o, ']');
    carealign__sc_jfield(o, "status", "complete");
    carealign__sc_jfield(o, "type", "summary");
    /* measure: the exported Measure's canonical url|version */
    sb->len = 0;
    if (opt->base_url != NULL && opt->base_url_len > 0) {
        size_t n = opt->base_url_len;
        while (n > 0 && opt->base_url[n - 1] == '/')
            n--;
        carealign__json_buf_append(sb, opt->base_url, n);
        carealign__json_buf_puts(sb, "/Measure/");
    } else {
        carealign__json_buf_puts(sb, "urn:carealign:framework:");
        carealign__json_buf_append(sb, info.id, info.id_len);
        carealign__json_buf_puts(sb, ":measure:");
    }
    carealign__json_buf_append(sb, mi.id != NULL ? mi.id : "", mi.id != NULL ? mi.id_len : 0);
    carealign__json_buf_puts(sb, "|");
    carealign__json_buf_append(sb, mi.version != NULL ? mi.version : "",
                               mi.version != NULL ? mi.version_len : 0);
    carealign__sc_jkey(o, "measure");
    carealign__sc_jstr(o, sb->data != NULL ? sb->data : "", sb->len);
    if (r0->level == CAREALIGN_LEVEL_ORG || r0->level == CAREALIGN_LEVEL_COHORT) {
        s = carealign__sc_dict_string(t, CAREALIGN_DICT_ORG, r0->unit, &len);
        if (len > 0) {
            carealign__sc_jkey(o, "reporter");
            carealign__sc_jopen(o, '{');
            carealign__sc_jkey(o, "identifier");
            carealign__sc_jopen(o, '{');
            carealign__sc_jfield(o, "system", ODS_SYSTEM);
            carealign__sc_jkey(o, "value");
            carealign__sc_jstr(o, s, len);
            carealign__sc_jclose(o, '}');
            carealign__sc_jclose(o, '}');
        }
    }
    carealign__sc_jkey(o, "period");
    carealign__sc_jopen(o, '{');
    carealign__sc_date_text(r0->period_start, d);
    carealign__sc_jfield(o, "start", d);
    carealign__sc_date_text(r0->period_end, d);
    carealign__sc_jfield(o, "end", d);
    carealign__sc_jclose(o, '}');
    carealign__sc_jkey(o, "group");
    carealign__sc_jopen(o, '[');
    carealign__sc_jopen(o, '{');
    size_t margin = inequality ? first : end;
    for (size_t i = first; i < end && !inequality; i++)
        if (is_margin(&t->rows[i].res)) {
            margin = i;
            break;
        }
    if (margin < end)
        figures(t, fw, o, margin);
    /* One stratifier per combination of stratum dimensions, in row order. */
    int any = 0;
    for (size_t i = first; i < end && !inequality; i++) {
        const carealign_result *ri = &t->rows[i].res;
        if (is_margin(ri))
            continue;
        int seen = 0;
        for (size_t j = first; j < i && !seen; j++) {
            const carealign_result *rj = &t->rows[j].res;
            seen = !is_margin(rj) && rj->stratum[0] == ri->stratum[0] &&
                   rj->stratum[2] == ri->stratum[2];
        }
        if (seen)
            continue;
        if (!any) {
            carealign__sc_jkey(o, "stratifier");
            carealign__sc_jopen(o, '[');
            any = 1;
        }
        int cross = ri->stratum[2] != CAREALIGN_STRATUM_MARGIN;
        carealign__sc_jopen(o, '{');
        carealign__sc_jkey(o, "code");
        carealign__sc_jopen(o, '[');
        for (int k = 0; k <= (cross ? 2 : 0); k += 2) {
            s = carealign__sc_stratum_id(fw, ri->stratum[k], &len);
            text_concept(o, NULL, s, len);
        }
        carealign__sc_jclose(o, ']');
        carealign__sc_jkey(o, "stratum");
        carealign__sc_jopen(o, '[');
        for (size_t j = i; j < end; j++) {
            const carealign_result *rj = &t->rows[j].res;
            if (is_margin(rj) || rj->stratum[0] != ri->stratum[0] ||
                rj->stratum[2] != ri->stratum[2])
                continue;
            carealign__sc_jopen(o, '{');
            if (!cross) {
                sb->len = 0;
                carealign__sc_stratum_value_text(t, fw, rj->stratum[0], rj->stratum[1], sb);
                text_concept(o, "value", sb->data != NULL ? sb->data : "", sb->len);
            } else {
                carealign__sc_jkey(o, "component");
                carealign__sc_jopen(o, '[');
                for (int k = 0; k <= 2; k += 2) {
                    carealign__sc_jopen(o, '{');
                    s = carealign__sc_stratum_id(fw, rj->stratum[k], &len);
                    text_concept(o, "code", s, len);
                    sb->len = 0;
                    carealign__sc_stratum_value_text(t, fw, rj->stratum[k], rj->stratum[k + 1], sb);
                    text_concept(o, "value", sb->data != NULL ? sb->data : "", sb->len);
                    carealign__sc_jclose(o, '}');
                }
                carealign__sc_jclose(o, ']');
            }
            figures(t, fw, o, j);
            carealign__sc_jclose(o, '}');
        }
        carealign__sc_jclose(o, ']');
        carealign__sc_jclose(o, '}');
    }
    if (any)
        carealign__sc_jclose(o, ']');
    carealign__sc_jclose(o, '}');
    carealign__sc_jclose(o, ']');
    carealign__sc_jclose(o, '}');
    carealign__sc_jclose(o, '}');
}

void carealign__sc_write_fhir(const carealign__sc_table *t, const carealign_framework *fw,
                              const carealign_write_options *opt, carealign__sc_out *o)
{
    char hex[2 * CAREALIGN_SHA256_SIZE + 1];
    carealign__sc_hex(t->framework_hash, hex);
    carealign__json_buf sb;
    carealign__json_buf_init(&sb);
    carealign__sc_jopen(o, '{');
    carealign__sc_jfield(o, "resourceType", "Bundle");
    carealign__sc_jkey(o, "identifier");
    carealign__sc_jopen(o, '{');
    carealign__sc_jfield(o, "system", "urn:ietf:rfc:3986");
    carealign__json_buf_puts(&sb, "urn:carealign:framework-sha256:");
    carealign__json_buf_puts(&sb, hex);
    carealign__sc_jkey(o, "value");
    carealign__sc_jstr(o, sb.data != NULL ? sb.data : "", sb.len);
    carealign__sc_jclose(o, '}');
    carealign__sc_jfield(o, "type", "collection");
    carealign__sc_jkey(o, "entry");
    carealign__sc_jopen(o, '[');
    for (size_t i = 0; i < t->n_rows && o->status == CAREALIGN_OK;) {
        size_t end = i + 1;
        while (end < t->n_rows && same_report(&t->rows[end].res, &t->rows[i].res))
            end++;
        if (t->rows[i].res.kind != CAREALIGN_RESULT_ESTIMATE)
            end = i + 1; /* one report per SII or RII row */
        write_report(t, fw, opt, o, i, end, &sb);
        i = end;
    }
    carealign__sc_jclose(o, ']');
    carealign__sc_jclose(o, '}');
    if (sb.failed && o->status == CAREALIGN_OK)
        o->status = carealign__error(CAREALIGN_ENOMEM, "scorecard writer: out of memory");
    carealign__json_buf_release(&sb);
}

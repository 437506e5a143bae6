/* The CSV report: a header line, then one line per result row, CRLF line
 * ends and RFC 4180 quoting (docs/report-schema.md, "CSV"). */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "scorecard/fpclass.h"
#include "scorecard/write_common.h"

static const char *const columns[] = {
    "row",
    "measure",
    "measure_index",
    "aim",
    "kind",
    "level",
    "unit",
    "unit_index",
    "period",
    "period_start",
    "period_end",
    "stratum_a",
    "value_a",
    "code_a",
    "stratum_b",
    "value_b",
    "code_b",
    "value",
    "lower",
    "upper",
    "n",
    "method",
    "numerator",
    "denominator",
    "target",
    "target_met",
    "flags",
    "spc_point",
    "spc_variation",
    "spc_assurance",
    "funnel",
    "composite_score",
};

static void field(carealign__sc_out *o, int *first, const char *s, size_t len)
{
    if (!*first)
        carealign__sc_out_bytes(o, ",", 1);
    *first = 0;
    int quote = 0;
    for (size_t i = 0; i < len && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        carealign__sc_out_bytes(o, s, len);
        return;
    }
    carealign__sc_out_bytes(o, "\"", 1);
    size_t from = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '"') {
            carealign__sc_out_bytes(o, s + from, i + 1 - from);
            carealign__sc_out_bytes(o, "\"", 1);
            from = i + 1;
        }
    carealign__sc_out_bytes(o, s + from, len - from);
    carealign__sc_out_bytes(o, "\"", 1);
}

static void cfield(carealign__sc_out *o, int *first, const char *s)
{
    field(o, first, s, strlen(s));
}

static void ifield(carealign__sc_out *o, int *first, int64_t v)
{
    char t[CAREALIGN__SC_NUMBUF];
    carealign__sc_count_text((double)v, t);
    cfield(o, first, t);
}

static void nfield(carealign__sc_out *o, int *first, double x)
{
    char t[CAREALIGN__SC_NUMBUF];
    carealign__sc_num_text(x, o->sig_digits, t);
    cfield(o, first, t);
}

static void countfield(carealign__sc_out *o, int *first, double x)
{
    char t[CAREALIGN__SC_NUMBUF];
    if (carealign__sc_count_text(x, t) == 0)
        t[0] = '\0';
    cfield(o, first, t);
}

static void write_row(const carealign__sc_table *t, const carealign_framework *fw,
                      carealign__sc_out *o, size_t index, carealign__json_buf *sb)
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
    int first = 1;
    ifield(o, &first, (int64_t)index);
    field(o, &first, mi.id != NULL ? mi.id : "", mi.id != NULL ? mi.id_len : 0);
    ifield(o, &first, r->measure);
    cfield(o, &first, carealign_framework_code_name(CAREALIGN_TABLE_AIM, row->aim));
    cfield(o, &first, carealign__sc_kind_name(r->kind));
    cfield(o, &first, carealign__sc_level_name(r->level));
    s = carealign__sc_unit_text(t, r, &len);
    field(o, &first, s, len);
    ifield(o, &first, r->unit);
    if (r->period == CAREALIGN_PERIOD_WHOLE)
        cfield(o, &first, "whole");
    else
        ifield(o, &first, r->period);
    carealign__sc_date_text(r->period_start, d);
    cfield(o, &first, d);
    carealign__sc_date_text(r->period_end, d);
    cfield(o, &first, d);
    for (int k = 0; k < 4; k += 2) {
        if (r->stratum[k] == CAREALIGN_STRATUM_MARGIN) {
            cfield(o, &first, "");
            cfield(o, &first, "");
            cfield(o, &first, "");
            continue;
        }
        s = carealign__sc_stratum_id(fw, r->stratum[k], &len);
        field(o, &first, s, len);
        sb->len = 0;
        carealign__sc_stratum_value_text(t, fw, r->stratum[k], r->stratum[k + 1], sb);
        field(o, &first, sb->data != NULL ? sb->data : "", sb->len);
        ifield(o, &first, r->stratum[k + 1]);
    }
    nfield(o, &first, r->estimate.value);
    nfield(o, &first, r->estimate.lower);
    nfield(o, &first, r->estimate.upper);
    countfield(o, &first, r->estimate.n);
    cfield(o, &first, carealign__sc_method_name(r->estimate.method));
    countfield(o, &first, r->numerator);
    countfield(o, &first, r->denominator);
    nfield(o, &first, r->target);
    cfield(o, &first, r->target_met == 1 ? "true" : r->target_met == 0 ? "false" : "");
    sb->len = 0;
    for (size_t i = 0; i < carealign__sc_flag_count(); i++) {
        uint32_t bit;
        const char *name = carealign__sc_flag_name(i, &bit);
        if (r->flags & bit) {
            if (sb->len > 0)
                carealign__json_buf_puts(sb, " ");
            carealign__json_buf_puts(sb, name);
        }
    }
    field(o, &first, sb->data != NULL ? sb->data : "", sb->len);
    sb->len = 0;
    for (size_t i = 0; r->spc_point >= 0 && i < carealign__sc_spc_point_flag_count(); i++) {
        uint32_t bit;
        const char *name = carealign__sc_spc_point_flag_name(i, &bit);
        if ((uint32_t)r->spc_point & bit) {
            if (sb->len > 0)
                carealign__json_buf_puts(sb, " ");
            carealign__json_buf_puts(sb, name);
        }
    }
    field(o, &first, sb->data != NULL ? sb->data : "", sb->len);
    s = r->spc_variation >= 0 ? carealign__sc_variation_name(r->spc_variation) : NULL;
    cfield(o, &first, s != NULL ? s : "");
    s = r->spc_assurance >= 0 ? carealign__sc_assurance_name(r->spc_assurance) : NULL;
    cfield(o, &first, s != NULL ? s : "");
    s = r->level == CAREALIGN_LEVEL_ORG && r->funnel != -1 ? carealign__sc_funnel_name(r->funnel)
                                                           : NULL;
    cfield(o, &first, s != NULL ? s : "");
    /* the row's part in its aim's composite: 1..4, empty when none */
    int32_t score = carealign__sc_composite_part(fw, &t->rows[index]);
    char digit[2] = {(char)('0' + (score > 0 ? score : 0)), '\0'};
    cfield(o, &first, score > 0 ? digit : "");
    carealign__sc_out_bytes(o, "\r\n", 2);
}

void carealign__sc_write_csv(const carealign__sc_table *t, const carealign_framework *fw,
                             const carealign_write_options *opt, carealign__sc_out *o)
{
    (void)opt;
    int first = 1;
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        cfield(o, &first, columns[i]);
    carealign__sc_out_bytes(o, "\r\n", 2);
    carealign__json_buf sb;
    carealign__json_buf_init(&sb);
    for (size_t i = 0; i < t->n_rows && o->status == CAREALIGN_OK; i++)
        write_row(t, fw, o, i, &sb);
    if (sb.failed && o->status == CAREALIGN_OK)
        o->status = carealign__error(CAREALIGN_ENOMEM, "scorecard writer: out of memory");
    carealign__json_buf_release(&sb);
}

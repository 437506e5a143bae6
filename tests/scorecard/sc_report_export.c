/* Writes the reports of a hand-built, disclosure-controlled table for the
 * independent checks (check_report.py, check_fhir_schema.sh).
 *
 * usage: sc_report_export OUTDIR
 * writes OUTDIR/report.json, report.pretty.json, report.csv,
 * report.fhir.json, report.fhir.pretty.json, raw.json (no disclosure). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/framework.h"
#include "carealign/stats.h"
#include "sc_fixture.h"

static int32_t to_file(const void *data, size_t len, void *user)
{
    return fwrite(data, 1, len, (FILE *)user) == len ? 0 : 1;
}

static int write_one(const carealign__sc_table *t, int32_t format, uint32_t flags, const char *dir,
                     const char *name)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    if (fp == NULL) {
        fprintf(stderr, "sc_report_export: cannot write %s\n", path);
        return 1;
    }
    carealign_write_options o = CAREALIGN_WRITE_OPTIONS_INIT;
    o.flags = flags;
    carealign_status st = carealign__sc_write(t, fx_framework(), format, &o, to_file, fp);
    if (fclose(fp) != 0 || st != CAREALIGN_OK) {
        fprintf(stderr, "sc_report_export: %s: %s\n", name, carealign_last_error());
        return 1;
    }
    return 0;
}

/* Give the table SPC icons, funnels and targets to print. */
static void decorate(fx *f)
{
    for (size_t i = 0; i < f->t.n_rows; i++) {
        carealign_result *r = &f->t.rows[i].res;
        if (r->period == CAREALIGN_PERIOD_WHOLE && r->stratum[0] < 0) {
            r->spc_variation = (int32_t)(i % 8);
            r->spc_assurance = (int32_t)(i % 4);
        } else if (r->period >= 0) {
            r->spc_point =
                (int32_t)(i % 5 == 0 ? CAREALIGN_SPC_OUTSIDE_LIMITS | CAREALIGN_SPC_IN_SHIFT : 0);
        }
        if (r->level == CAREALIGN_LEVEL_ORG)
            r->funnel = (int32_t)(i % 6) - 2;
    }
}

/* Append an SII and an RII row for the last measure at system level (rows
 * are ordered by measure, then kind, so they go at the end), as finalize
 * makes them (lib/scorecard/finalize.c): across the framework's
 * "deprivation" stratum (index 5), no counts. The values are arbitrary:
 * the check is that every writer shows the same rows. */
static int add_inequality(fx *f)
{
    const int32_t deprivation = 5;
    size_t proto = f->t.n_rows;
    int32_t last = f->t.rows[f->t.n_rows - 1].res.measure;
    for (size_t i = 0; i < f->t.n_rows; i++) {
        const carealign_result *r = &f->t.rows[i].res;
        if (r->measure == last && r->level == CAREALIGN_LEVEL_SYSTEM &&
            r->period == CAREALIGN_PERIOD_WHOLE && r->stratum[0] < 0 && r->stratum[2] < 0) {
            proto = i;
            break;
        }
    }
    if (proto == f->t.n_rows)
        return 1;
    carealign__sc_row *rows = realloc(f->t.rows, (f->t.n_rows + 2) * sizeof *rows);
    if (rows == NULL)
        return 1;
    f->t.rows = rows;
    for (int k = 0; k < 2; k++) {
        carealign__sc_row *w = &rows[f->t.n_rows++];
        *w = rows[proto];
        w->res.kind = k == 0 ? CAREALIGN_RESULT_SII : CAREALIGN_RESULT_RII;
        w->res.stratum[0] = deprivation;
        w->res.stratum[1] = -1;
        w->res.estimate.value = k == 0 ? -12.5 : 0.75;
        w->res.estimate.lower = k == 0 ? -20.25 : 0.5;
        w->res.estimate.upper = k == 0 ? -4.75 : 1.0;
        w->res.estimate.n = 5;
        w->res.flags = 0;
        w->raw_estimate = w->res.estimate;
        w->res.numerator = w->res.denominator = NAN;
        w->raw_numerator = w->raw_denominator = NAN;
        w->res.target = NAN;
        w->res.target_met = -1;
        w->res.spc_point = w->res.spc_variation = w->res.spc_assurance = w->res.funnel = -1;
        w->acc_kind = 0;
        w->spc_first_row = w->spc_n_rows = 0;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: sc_report_export OUTDIR\n");
        return 2;
    }
    fx f, raw;
    fx_shape shape = {17, 2, 3, 2, 1, 25, 0.4, NULL};
    fx_build(&f, &shape, 2026);
    fx_build(&raw, &shape, 2026);
    decorate(&f);
    decorate(&raw);
    if (add_inequality(&f) != 0 || add_inequality(&raw) != 0)
        return 1;
    const carealign_framework *fw = fx_framework();
    if (carealign__sc_disclose(&f.t, fw, 0) != CAREALIGN_OK ||
        carealign__sc_aims(&f.t, fw) != CAREALIGN_OK)
        return 1;
    raw.t.flags = CAREALIGN_SC_NO_DISCLOSURE;
    if (carealign__sc_disclose(&raw.t, fw, CAREALIGN_SC_NO_DISCLOSURE) != CAREALIGN_OK ||
        carealign__sc_aims(&raw.t, fw) != CAREALIGN_OK)
        return 1;
    int bad = 0;
    bad |= write_one(&f.t, CAREALIGN_FORMAT_JSON, 0, argv[1], "report.json");
    bad |= write_one(&f.t, CAREALIGN_FORMAT_JSON, CAREALIGN_WRITE_PRETTY, argv[1],
                     "report.pretty.json");
    bad |= write_one(&f.t, CAREALIGN_FORMAT_CSV, 0, argv[1], "report.csv");
    bad |= write_one(&f.t, CAREALIGN_FORMAT_FHIR, 0, argv[1], "report.fhir.json");
    bad |= write_one(&f.t, CAREALIGN_FORMAT_FHIR, CAREALIGN_WRITE_PRETTY, argv[1],
                     "report.fhir.pretty.json");
    bad |= write_one(&raw.t, CAREALIGN_FORMAT_JSON, 0, argv[1], "raw.json");
    bad |= write_one(&raw.t, CAREALIGN_FORMAT_FHIR, 0, argv[1], "raw.fhir.json");
    fx_free(&f);
    fx_free(&raw);
    return bad;
}

/* The report, merge and demo subcommands: loading the six data files into
 * scorecard records (load.c), feeding scorecards in threads (report.c) and
 * rendering the HTML report (html.c, svg.c). Internal to the tool. */
#ifndef CAREALIGN_TOOLS_REPORT_H
#define CAREALIGN_TOOLS_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "carealign/carealign.h"

/* 1 for a finite number (not NaN or infinite); math.h's isfinite() is a
 * float-converting macro under mingw-w64. */
static inline int rep_finite(double v)
{
    return v - v == 0.0;
}

/* The six data files, in feeding order. */
enum { REP_ORGS, REP_POPS, REP_PEOPLE, REP_RESPONSES, REP_FFT, REP_CONTACTS, REP_N_FILES };

/* The name of a data file kind ("organisations", ...). */
const char *rep_file_kind(int file);

/* One rejected row: where and why, never the value. */
typedef struct rep_reject {
    int32_t file;       /* REP_ file kind */
    int64_t line;       /* physical line (the header is line 1) */
    const char *field;  /* column name, or "" for a reason about the whole row */
    const char *reason; /* static text */
} rep_reject;

/* A dictionary of strings (dense indices in order of first appearance),
 * in the Arrow layout carealign_scorecard_register_ids() takes. */
typedef struct rep_dict {
    char *bytes;
    size_t len, cap;
    uint64_t *offsets; /* n + 1 */
    size_t n, cap_n;
    int32_t *slots; /* open addressing, -1 empty */
    size_t n_slots;
} rep_dict;

/* Find a string; add it when add is set. Returns its index, -1 when absent
 * (and not added), -2 when out of memory. */
int32_t rep_dict_find(rep_dict *d, const char *s, size_t len, int add);
const char *rep_dict_get(const rep_dict *d, int32_t i, size_t *len);
void rep_dict_free(rep_dict *d);

/* Everything read from the data files. Records are in file order; line[]
 * gives each record's line; reason[] receives the library's row reasons. */
typedef struct rep_table {
    void *recs;
    size_t size; /* bytes per record */
    size_t n, cap;
    int64_t *line;
    int32_t *reason;
    uint64_t rows;     /* data rows read (all, including those the tool rejected) */
    uint64_t rejected; /* rows rejected by the tool before feeding */
} rep_table;

typedef struct rep_data {
    const char *path[REP_N_FILES];
    rep_dict dict[CAREALIGN_DICT_COUNT];
    char **org_name;     /* display names by organisation index (NULL when none) */
    rep_dict modes;      /* FFT collection modes (local codes) */
    int32_t *org_sector; /* by organisation index (0 unknown) */
    size_t n_org_sector;
    rep_table t[REP_N_FILES];
    uint32_t *person_hash; /* by person index */
    size_t cap_person_hash;
    int32_t *items; /* responses' item levels, pooled */
    size_t n_items, cap_items;
    size_t *item_at; /* per response: offset into items */
    size_t cap_item_at;
    rep_reject *rejects;
    size_t n_rejects, cap_rejects;
} rep_data;

/* Read the files named in data->path (every one required). Returns 0, or -1
 * after printing an error for command (missing or unreadable file, bad
 * header). Bad rows are not errors: they are recorded in rejects. */
int rep_load(const char *command, const carealign_framework *fw, rep_data *data, int quiet);

/* Register the dictionaries in a scorecard (same order, same indices). */
carealign_status rep_register(carealign_scorecard *sc, const rep_data *data);

/* Feed the records of the people in partition part of nparts (by person
 * hash; FFT, organisations and populations go to every partition except FFT,
 * which goes to partition 0 only) and close everyone. */
carealign_status rep_feed(carealign_scorecard *sc, rep_data *data, uint32_t part, uint32_t nparts);

/* After feeding: turn the library's row reasons into rejects, sorted by
 * file and line. Returns 0 or -1 (out of memory). */
int rep_collect_rejects(rep_data *data);

void rep_data_free(rep_data *data);

/* The HTML report. */
typedef struct rep_view {
    const carealign_framework *fw;
    const carealign_scorecard *sc;
    const rep_data *data;  /* may be NULL (merge): organisation codes instead of names */
    const char *generator; /* e.g. "carealign 0.4.0" */
} rep_view;

/* A sink for text output. */
typedef struct rep_sink {
    int (*write)(void *user, const void *data, size_t len);
    void *user;
    int failed;
} rep_sink;

void rep_put(rep_sink *s, const char *text);
void rep_putn(rep_sink *s, const char *text, size_t len);
void rep_printf(rep_sink *s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Text escaped for HTML and XML (& < > " '). */
void rep_esc(rep_sink *s, const char *text, size_t len);

/* A number for people: significant digits, thousands separators, "-" for NaN. */
void rep_format_number(double v, int sig, char *buf, size_t cap);

/* Render the whole report; returns 0 or -1 (with a message in err). */
int rep_html(const rep_view *view, rep_sink *sink, char *err, size_t err_cap);

/* SVG charts (svg.c). */
typedef struct rep_xmr {
    const char *title; /* the measure's title (for <title>) */
    const char *unit;
    const double *values;        /* n values; NaN = no value for the period */
    const int32_t *period_start; /* n first days */
    size_t n;
    int32_t improvement; /* CAREALIGN_IMPROVE_ */
    int32_t min_points;  /* points before icons */
    double target;       /* NaN when none */
} rep_xmr;
/* Writes an <svg>; *points_drawn receives the points plotted. */
void rep_svg_xmr(rep_sink *s, const rep_xmr *x, int id, size_t *points_drawn);

typedef struct rep_funnel_point {
    const char *label; /* organisation */
    double x;          /* denominator */
    double y;          /* value */
    int32_t funnel;    /* CAREALIGN_FUNNEL_ significance or -1 */
} rep_funnel_point;
typedef struct rep_funnel {
    const char *title;
    const char *unit;
    const char *group; /* sector name */
    const rep_funnel_point *pts;
    size_t n;
    double average;     /* in the measure's unit; NaN when unknown */
    int32_t proportion; /* 1: draw PHE proportion limits */
    double per;         /* multiplier of the proportion (100 for %) */
} rep_funnel;
void rep_svg_funnel(rep_sink *s, const rep_funnel *f, int id);

typedef struct rep_bars {
    const char *title;
    const char *desc;
    const char *const *labels;
    const double *values; /* NaN = suppressed or missing */
    size_t n;
} rep_bars;
void rep_svg_bars(rep_sink *s, const rep_bars *b, int id);

/* Threads: run fn(arg[i]) for i < n at once; 0 on success. */
int rep_run_threads(size_t n, void (*fn)(void *), void **args);

/* ---- the run shared by report and demo (report.c) ---- */

/* The HTML format (the library's formats are CAREALIGN_FORMAT_*). */
#define REP_FORMAT_HTML 100

typedef struct rep_output {
    int format;       /* REP_FORMAT_HTML or CAREALIGN_FORMAT_* */
    const char *path; /* NULL or "-": standard output */
} rep_output;

typedef struct rep_args {
    const char *command;
    const char *framework;
    const char *path[REP_N_FILES];
    int threads;
    int quiet;
    int no_disclosure; /* CAREALIGN_SC_NO_DISCLOSURE */
    const char *partial_out;
    rep_output outputs[2];
    size_t n_outputs;
} rep_args;

/* html, json, csv, fhir -> a format; -1 otherwise. */
int rep_parse_format(const char *text);

/* Load, feed (in threads), merge, finalize and write; returns the exit status. */
int rep_run(const rep_args *a);

/* Write a finalized scorecard in a format to path (atomically); 0 or -1
 * after printing an error. data may be NULL. */
int rep_write(const char *command, const carealign_framework *fw, const carealign_scorecard *sc,
              const rep_data *data, int format, const char *path);

#endif /* CAREALIGN_TOOLS_REPORT_H */

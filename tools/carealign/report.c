/* carealign report: data files x framework -> one report (HTML, JSON, CSV
 * or FHIR), or a serialized partial for `carealign merge`.
 *
 * With --threads N the people are split by a hash of their id into N
 * partitions, each fed into its own scorecard in its own thread, and the
 * partials merged: the library guarantees the same figures, bit for bit, as
 * one scorecard (a test compares the JSON). Organisations and populations
 * go to every partition, FFT counts (which are not about people) to the
 * first only. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(_WIN32)
#include <windows.h>
#else
#include <pthread.h>
#endif

#include "commands.h"
#include "output.h"
#include "report.h"
#include "tool_framework.h"

/* ---- threads ---- */

typedef struct thread_arg {
    void (*fn)(void *);
    void *arg;
} thread_arg;

#if defined(_WIN32)
static DWORD WINAPI thread_main(LPVOID p)
{
    thread_arg *t = p;
    t->fn(t->arg);
    return 0;
}
#else
static void *thread_main(void *p)
{
    thread_arg *t = p;
    t->fn(t->arg);
    return NULL;
}
#endif

int rep_run_threads(size_t n, void (*fn)(void *), void **args)
{
    thread_arg *ta = calloc(n, sizeof *ta);
#if defined(_WIN32)
    HANDLE *th = calloc(n, sizeof *th);
#else
    pthread_t *th = calloc(n, sizeof *th);
#endif
    int *started = calloc(n, sizeof *started);
    int rc = 0;
    if (ta == NULL || th == NULL || started == NULL) {
        free(ta);
        free(th);
        free(started);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        ta[i].fn = fn;
        ta[i].arg = args[i];
#if defined(_WIN32)
        th[i] = CreateThread(NULL, 0, thread_main, &ta[i], 0, NULL);
        started[i] = th[i] != NULL;
#else
        started[i] = pthread_create(&th[i], NULL, thread_main, &ta[i]) == 0;
#endif
        if (!started[i])
            fn(args[i]); /* run it here instead */
    }
    for (size_t i = 0; i < n; i++) {
        if (!started[i])
            continue;
#if defined(_WIN32)
        if (WaitForSingleObject(th[i], INFINITE) != WAIT_OBJECT_0)
            rc = -1;
        CloseHandle(th[i]);
#else
        if (pthread_join(th[i], NULL) != 0)
            rc = -1;
#endif
    }
    free(ta);
    free(th);
    free(started);
    return rc;
}

/* ---- output ---- */

static int32_t out_cb(const void *data, size_t len, void *user)
{
    return tool_out_write(user, data, len) == 0 ? 0 : 1;
}

static int sink_out(void *user, const void *data, size_t len)
{
    return tool_out_write(user, data, len);
}

int rep_parse_format(const char *text)
{
    if (strcmp(text, "html") == 0)
        return REP_FORMAT_HTML;
    if (strcmp(text, "json") == 0)
        return CAREALIGN_FORMAT_JSON;
    if (strcmp(text, "csv") == 0)
        return CAREALIGN_FORMAT_CSV;
    if (strcmp(text, "fhir") == 0)
        return CAREALIGN_FORMAT_FHIR;
    return -1;
}

int rep_write(const char *command, const carealign_framework *fw, const carealign_scorecard *sc,
              const rep_data *data, int format, const char *path)
{
    tool_out *out = tool_out_open(command, path);
    if (out == NULL)
        return -1;
    if (format == REP_FORMAT_HTML) {
        char generator[96];
        snprintf(generator, sizeof generator, "carealign %s (methods version %u)",
                 carealign_version_string(), (unsigned)carealign_methods_version());
        rep_view view = {fw, sc, data, generator};
        rep_sink sink = {sink_out, out, 0};
        char err[256] = "";
        if (rep_html(&view, &sink, err, sizeof err) != 0 || sink.failed) {
            tool_error(command, "writing the HTML report: %s",
                       err[0] ? err : "the output could not be written");
            tool_out_abort(out);
            return -1;
        }
    } else {
        carealign_status st = carealign_scorecard_write_cb(sc, format, NULL, out_cb, out);
        if (st != CAREALIGN_OK) {
            tool_error(command, "writing %s: %s", tool_out_name(out), carealign_last_error());
            tool_out_abort(out);
            return -1;
        }
    }
    return tool_out_commit(out);
}

/* ---- the run ---- */

typedef struct part {
    carealign_scorecard *sc;
    rep_data *data;
    uint32_t index, count;
    carealign_status status;
    char error[256];
} part;

static void feed_part(void *p)
{
    part *pt = p;
    pt->status = rep_feed(pt->sc, pt->data, pt->index, pt->count);
    if (pt->status != CAREALIGN_OK)
        snprintf(pt->error, sizeof pt->error, "%s", carealign_last_error());
}

int rep_run(const rep_args *a)
{
    const char *cmd = a->command;
    carealign_framework *fw = NULL;
    rep_data data;
    memset(&data, 0, sizeof data);
    part *parts = NULL;
    void **args = NULL;
    int rc = TOOL_EXIT_ERROR;
    uint32_t n = a->threads > 0 ? (uint32_t)a->threads : 1;

    if (tool_framework_load(cmd, a->framework, &fw) != 0)
        return TOOL_EXIT_ERROR;
    for (int f = 0; f < REP_N_FILES; f++)
        data.path[f] = a->path[f];
    if (rep_load(cmd, fw, &data, a->quiet) != 0)
        goto done;
    parts = calloc(n, sizeof *parts);
    args = calloc(n, sizeof *args);
    if (parts == NULL || args == NULL) {
        tool_error(cmd, "out of memory");
        goto done;
    }
    for (uint32_t i = 0; i < n; i++) {
        carealign_scorecard_options opt = CAREALIGN_SCORECARD_OPTIONS_INIT;
        if (a->no_disclosure)
            opt.flags |= CAREALIGN_SC_NO_DISCLOSURE;
        carealign_status st = carealign_scorecard_new(fw, &opt, &parts[i].sc);
        if (st != CAREALIGN_OK) {
            tool_error(cmd, "%s: %s", a->framework, carealign_last_error());
            goto done;
        }
        parts[i].data = &data;
        parts[i].index = i;
        parts[i].count = n;
        args[i] = &parts[i];
    }
    if (n == 1)
        feed_part(&parts[0]);
    else if (rep_run_threads(n, feed_part, args) != 0) {
        tool_error(cmd, "a thread could not be joined");
        goto done;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (parts[i].status != CAREALIGN_OK) {
            tool_error(cmd, "%s", parts[i].error);
            goto done;
        }
    }
    for (uint32_t i = 1; i < n; i++) {
        if (carealign_scorecard_merge(parts[0].sc, parts[i].sc) != CAREALIGN_OK) {
            tool_error(cmd, "merging the partitions: %s", carealign_last_error());
            goto done;
        }
        carealign_scorecard_free(parts[i].sc);
        parts[i].sc = NULL;
    }
    if (rep_collect_rejects(&data) != 0) {
        tool_error(cmd, "out of memory");
        goto done;
    }
    carealign_scorecard *sc = parts[0].sc;
    if (a->partial_out != NULL) {
        size_t len = 0;
        carealign_status st = carealign_scorecard_serialize(sc, NULL, 0, &len);
        void *blob = NULL;
        if (st == CAREALIGN_EBUFSIZE || st == CAREALIGN_OK) {
            blob = malloc(len ? len : 1);
            st = blob ? carealign_scorecard_serialize(sc, blob, len, &len) : CAREALIGN_ENOMEM;
        }
        if (st != CAREALIGN_OK) {
            tool_error(cmd, "writing the partial: %s", carealign_last_error());
            free(blob);
            goto done;
        }
        tool_out *out = tool_out_open(cmd, a->partial_out);
        if (out == NULL) {
            free(blob);
            goto done;
        }
        tool_binary(stdout);
        int w = tool_out_write(out, blob, len);
        free(blob);
        if (w != 0) {
            tool_out_abort(out);
            tool_error(cmd, "%s: could not write", a->partial_out);
            goto done;
        }
        if (tool_out_commit(out) != 0)
            goto done;
    } else {
        if (carealign_scorecard_finalize(sc) != CAREALIGN_OK) {
            tool_error(cmd, "computing the results: %s", carealign_last_error());
            goto done;
        }
        for (size_t k = 0; k < a->n_outputs; k++) {
            if (rep_write(cmd, fw, sc, &data, a->outputs[k].format, a->outputs[k].path) != 0)
                goto done;
        }
    }
    rc = TOOL_EXIT_OK;
    if (data.n_rejects > 0) {
        fprintf(stderr,
                "carealign %s: %llu row%s rejected (all of them are listed in the HTML "
                "report); the first:\n",
                cmd, (unsigned long long)data.n_rejects, data.n_rejects == 1 ? "" : "s");
        for (size_t i = 0; i < data.n_rejects && i < 5; i++) {
            const rep_reject *r = &data.rejects[i];
            fprintf(stderr, "  %s: line %lld%s%s: %s\n", data.path[r->file], (long long)r->line,
                    r->field[0] ? ": " : "", r->field, r->reason);
        }
        rc = TOOL_EXIT_ROWS_FAILED;
    }
done:
    if (parts != NULL) {
        for (uint32_t i = 0; i < n; i++)
            carealign_scorecard_free(parts[i].sc);
    }
    free(parts);
    free(args);
    rep_data_free(&data);
    carealign_framework_free(fw);
    return rc;
}

/* ---- carealign report ---- */

static const char *const FILE_OPTS[REP_N_FILES] = {
    "--organisations", "--populations", "--people", "--responses", "--fft", "--contacts"};

void tool_report_usage(FILE *out)
{
    fputs("usage: carealign report --framework F --people P --organisations O\n"
          "           --populations Q --responses R --fft A --contacts C\n"
          "           [--format html|json|csv|fhir] [--out FILE] [--threads N]\n"
          "           [--partial-out FILE] [--quiet]\n"
          "\n"
          "Compute every measure of the framework F over the six data files\n"
          "(docs/data.md; any may be gzip-compressed) and write one report:\n"
          "HTML (the default; one self-contained page, docs/report.md), JSON,\n"
          "CSV or a FHIR R4 MeasureReport Bundle, to FILE (written atomically)\n"
          "or standard output.\n"
          "\n"
          "  --threads N        feed N partitions of the people at once and merge\n"
          "                     them (the same figures as one thread, bit for bit)\n"
          "  --partial-out FILE write a partial result for `carealign merge`\n"
          "                     instead of a report (personal data: keep it safe)\n"
          "  --quiet            no progress on standard error\n"
          "  --no-disclosure    no disclosure control: for in-house use only, never\n"
          "                     to publish (every figure and the page say so)\n"
          "\n"
          "Rows that break a rule are rejected and the run goes on: exit status 3,\n"
          "the count and first reasons on standard error, all of them in the HTML\n"
          "report (file, line, field and reason, never the value).\n"
          "exit status: 0 success, 3 rejected rows, 2 usage error, 1 other error\n",
          out);
}

int tool_report(int argc, char **argv)
{
    const char *cmd = "report";
    rep_args a;
    memset(&a, 0, sizeof a);
    a.command = cmd;
    a.threads = 1;
    const char *format = "html", *out = NULL, *threads = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r, matched = 0;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            tool_report_usage(stdout);
            return TOOL_EXIT_OK;
        }
        if (strcmp(argv[i], "--quiet") == 0) {
            a.quiet = 1;
            continue;
        }
        if (strcmp(argv[i], "--no-disclosure") == 0) {
            a.no_disclosure = 1;
            continue;
        }
        if ((r = tool_option(cmd, argc, argv, &i, "--framework", &v)) != 0) {
            if (r < 0)
                return TOOL_EXIT_USAGE;
            a.framework = v;
            continue;
        }
        for (int f = 0; f < REP_N_FILES && !matched; f++) {
            if ((r = tool_option(cmd, argc, argv, &i, FILE_OPTS[f], &v)) != 0) {
                if (r < 0)
                    return TOOL_EXIT_USAGE;
                a.path[f] = v;
                matched = 1;
            }
        }
        if (matched)
            continue;
        if ((r = tool_option(cmd, argc, argv, &i, "--format", &v)) != 0) {
            if (r < 0)
                return TOOL_EXIT_USAGE;
            format = v;
            continue;
        }
        if ((r = tool_option(cmd, argc, argv, &i, "--out", &v)) != 0) {
            if (r < 0)
                return TOOL_EXIT_USAGE;
            out = v;
            continue;
        }
        if ((r = tool_option(cmd, argc, argv, &i, "--threads", &v)) != 0) {
            if (r < 0)
                return TOOL_EXIT_USAGE;
            threads = v;
            continue;
        }
        if ((r = tool_option(cmd, argc, argv, &i, "--partial-out", &v)) != 0) {
            if (r < 0)
                return TOOL_EXIT_USAGE;
            a.partial_out = v;
            continue;
        }
        return tool_usage_error(cmd, "unknown argument '%s'", argv[i]);
    }
    if (a.framework == NULL)
        return tool_usage_error(cmd, "--framework is required");
    for (int f = 0; f < REP_N_FILES; f++) {
        if (a.path[f] == NULL)
            return tool_usage_error(cmd, "%s is required", FILE_OPTS[f]);
    }
    int fmt = rep_parse_format(format);
    if (fmt < 0)
        return tool_usage_error(cmd, "--format must be html, json, csv or fhir, not '%s'", format);
    if (threads != NULL) {
        long long t;
        if (!tool_parse_int(threads, 1, 256, &t))
            return tool_usage_error(cmd, "--threads must be a whole number from 1 to 256");
        a.threads = (int)t;
    }
    if (a.partial_out != NULL && out != NULL)
        return tool_usage_error(cmd, "--partial-out and --out cannot be used together");
    a.outputs[0].format = fmt;
    a.outputs[0].path = out;
    a.n_outputs = 1;
    return rep_run(&a);
}

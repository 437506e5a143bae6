/* Fuzzes the carealign command's data loaders (tools/carealign/load.c) as
 * `carealign report` runs them. The first byte picks the file: its low 7
 * bits modulo 6 give the kind in load.c's order (organisations, populations,
 * people, responses, fft, contacts), its top bit two partitions (as
 * --threads 2) instead of one; the rest is that file's content. The other
 * five files are fixed (fuzz/tool_files.h). The files are read by load.c's
 * own code through in-memory input (memory_input.c), fed into scorecards of
 * the small framework (tests/scorecard/small_framework.h), merged,
 * finalized, written as JSON and rendered as the HTML report.
 *
 * Checks, besides no crash, leak or undefined behaviour: for every file,
 * rows read = records kept + rows the tool rejected, with one reject entry
 * each; feeding, merging and finalizing succeed; afterwards the rejects are
 * the tool's and the library's, once each (so used + rejected = read). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"
#include "small_framework_once.h"
#include "../tools/carealign/report.h"
#include "memory_input.h"
#include "tool_files.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const PATHS[REP_N_FILES] = {"organisations.csv", "populations.csv",
                                               "people.csv",        "responses.csv",
                                               "fft.csv",           "contacts.csv"};

static const char *const FIXED[REP_N_FILES] = {fixed_organisations, fixed_populations,
                                               fixed_people,        fixed_responses,
                                               fixed_fft,           fixed_contacts};

static int32_t discard(const void *data, size_t len, void *user)
{
    (void)data;
    (void)len;
    (void)user;
    return 0;
}

static int sink_discard(void *user, const void *data, size_t len)
{
    return discard(data, len, user);
}

/* Rejects of file f in the list. */
static uint64_t rejects_of(const rep_data *d, int f)
{
    uint64_t n = 0;
    for (size_t i = 0; i < d->n_rejects; i++)
        n += d->rejects[i].file == f;
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    carealign_framework *fw = small_framework_once();
    int kind = (data[0] & 0x7f) % REP_N_FILES;
    uint32_t nparts = data[0] & 0x80 ? 2 : 1;
    for (int f = 0; f < REP_N_FILES; f++)
        memory_file(PATHS[f], FIXED[f], strlen(FIXED[f]));
    memory_file(PATHS[kind], data + 1, size - 1);

    rep_data d;
    memset(&d, 0, sizeof d);
    for (int f = 0; f < REP_N_FILES; f++)
        d.path[f] = PATHS[f];
    if (rep_load("fuzz", fw, &d, 1) != 0) {
        rep_data_free(&d);
        return 0; /* a file error (the fuzzed header or CSV), reported */
    }
    size_t tool_rejects = 0;
    for (int f = 0; f < REP_N_FILES; f++) {
        const rep_table *t = &d.t[f];
        if (t->rows != t->n + t->rejected || rejects_of(&d, f) != t->rejected)
            __builtin_trap();
        tool_rejects += t->rejected;
    }
    if (d.n_rejects != tool_rejects)
        __builtin_trap();

    carealign_scorecard *sc[2] = {NULL, NULL};
    for (uint32_t p = 0; p < nparts; p++) {
        carealign_scorecard_options opt = CAREALIGN_SCORECARD_OPTIONS_INIT;
        if (carealign_scorecard_new(fw, &opt, &sc[p]) != CAREALIGN_OK ||
            rep_feed(sc[p], &d, p, nparts) != CAREALIGN_OK)
            __builtin_trap();
    }
    if (nparts == 2 && carealign_scorecard_merge(sc[0], sc[1]) != CAREALIGN_OK)
        __builtin_trap();
    if (rep_collect_rejects(&d) != 0)
        __builtin_trap();
    for (int f = 0; f < REP_N_FILES; f++) {
        const rep_table *t = &d.t[f];
        uint64_t library = 0;
        for (size_t i = 0; i < t->n; i++)
            library += t->reason[i] != CAREALIGN_REJECT_NONE;
        if (rejects_of(&d, f) != t->rejected + library)
            __builtin_trap();
    }
    if (carealign_scorecard_finalize(sc[0]) != CAREALIGN_OK ||
        carealign_scorecard_write_cb(sc[0], CAREALIGN_FORMAT_JSON, NULL, discard, NULL) !=
            CAREALIGN_OK)
        __builtin_trap();
    rep_view view = {fw, sc[0], &d, "carealign fuzz"};
    rep_sink sink = {sink_discard, NULL, 0};
    char err[256] = "";
    if (rep_html(&view, &sink, err, sizeof err) != 0 || sink.failed)
        __builtin_trap();
    carealign_scorecard_free(sc[0]);
    carealign_scorecard_free(sc[1]);
    rep_data_free(&d);
    return 0;
}

/* carealign merge: partial results written by `carealign report
 * --partial-out` on several workers (each over its own people) -> one
 * report. The library checks that every partial was made with the same
 * framework, methods version and options, and the result is the same, bit
 * for bit, as one run over all the people. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "report.h"
#include "tool_framework.h"

/* The library merges only strings the destination knows: register every
 * dictionary string of src in dst first (indices of dst are kept). */
static carealign_status adopt_ids(carealign_scorecard *dst, const carealign_scorecard *src)
{
    for (int32_t k = 0; k < CAREALIGN_DICT_COUNT; k++) {
        size_t n = 0, bytes = 0;
        const char *s;
        size_t len;
        while (carealign_scorecard_get_id(src, k, (int32_t)n, &s, &len) == CAREALIGN_OK) {
            n++;
            bytes += len;
        }
        if (n == 0)
            continue;
        char *buf = malloc(bytes ? bytes : 1);
        uint64_t *off = malloc((n + 1) * sizeof *off);
        if (buf == NULL || off == NULL) {
            free(buf);
            free(off);
            return CAREALIGN_ENOMEM;
        }
        size_t at = 0;
        off[0] = 0;
        for (size_t i = 0; i < n; i++) {
            if (carealign_scorecard_get_id(src, k, (int32_t)i, &s, &len) != CAREALIGN_OK)
                len = 0;
            memcpy(buf + at, s, len);
            at += len;
            off[i + 1] = at;
        }
        carealign_status st = carealign_scorecard_register_ids(dst, k, buf, off, n, NULL);
        free(buf);
        free(off);
        if (st != CAREALIGN_OK)
            return st;
    }
    return CAREALIGN_OK;
}

void tool_merge_usage(FILE *out)
{
    fputs("usage: carealign merge --framework F PARTIAL... [--format html|json|csv|fhir]\n"
          "           [--out FILE]\n"
          "\n"
          "Merge partial results (carealign report --partial-out), made with the\n"
          "framework F over disjoint sets of people, and write one report (HTML by\n"
          "default) to FILE (written atomically) or standard output. Organisations\n"
          "are shown by their codes: names are not part of a partial.\n"
          "exit status: 0 success, 2 usage error, 1 other error\n",
          out);
}

int tool_merge(int argc, char **argv)
{
    const char *cmd = "merge";
    const char *framework = NULL, *format = "html", *out = NULL;
    char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    size_t n_inputs = 0;
    if (inputs == NULL) {
        tool_error(cmd, "out of memory");
        return TOOL_EXIT_ERROR;
    }
    int rc = TOOL_EXIT_USAGE;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            tool_merge_usage(stdout);
            free(inputs);
            return TOOL_EXIT_OK;
        }
        if ((r = tool_option(cmd, argc, argv, &i, "--framework", &v)) != 0) {
            if (r < 0)
                goto usage;
            framework = v;
        } else if ((r = tool_option(cmd, argc, argv, &i, "--format", &v)) != 0) {
            if (r < 0)
                goto usage;
            format = v;
        } else if ((r = tool_option(cmd, argc, argv, &i, "--out", &v)) != 0) {
            if (r < 0)
                goto usage;
            out = v;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            rc = tool_usage_error(cmd, "unknown option '%s'", argv[i]);
            goto usage;
        } else {
            inputs[n_inputs++] = argv[i];
        }
    }
    if (framework == NULL) {
        rc = tool_usage_error(cmd, "--framework is required");
        goto usage;
    }
    if (n_inputs == 0) {
        rc = tool_usage_error(cmd, "give at least one partial file");
        goto usage;
    }
    int fmt = rep_parse_format(format);
    if (fmt < 0) {
        rc = tool_usage_error(cmd, "--format must be html, json, csv or fhir, not '%s'", format);
        goto usage;
    }

    carealign_framework *fw = NULL;
    carealign_scorecard *dst = NULL;
    rc = TOOL_EXIT_ERROR;
    if (tool_framework_load(cmd, framework, &fw) != 0)
        goto usage;
    for (size_t k = 0; k < n_inputs; k++) {
        char *buf = NULL;
        size_t len = 0;
        if (tool_read_all(cmd, inputs[k], &buf, &len) != 0)
            goto fail;
        carealign_scorecard *sc = NULL;
        carealign_status st = carealign_scorecard_deserialize(fw, buf, len, &sc);
        free(buf);
        if (st != CAREALIGN_OK) {
            tool_error(cmd, "%s: not a partial of this framework: %s", inputs[k],
                       carealign_last_error());
            goto fail;
        }
        if (dst == NULL) {
            dst = sc;
            continue;
        }
        st = adopt_ids(dst, sc);
        if (st == CAREALIGN_OK)
            st = carealign_scorecard_merge(dst, sc);
        carealign_scorecard_free(sc);
        if (st != CAREALIGN_OK) {
            tool_error(cmd, "%s: cannot be merged with the partials before it: %s", inputs[k],
                       carealign_last_error());
            goto fail;
        }
    }
    if (carealign_scorecard_finalize(dst) != CAREALIGN_OK) {
        tool_error(cmd, "computing the results: %s", carealign_last_error());
        goto fail;
    }
    if (rep_write(cmd, fw, dst, NULL, fmt, out) != 0)
        goto fail;
    rc = TOOL_EXIT_OK;
fail:
    carealign_scorecard_free(dst);
    carealign_framework_free(fw);
usage:
    free(inputs);
    return rc;
}

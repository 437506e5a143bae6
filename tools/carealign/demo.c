/* carealign demo: the default framework over the bundled sample data ->
 * report.html and report.json in --out DIR (default the current directory).
 *
 * The framework (examples/frameworks/england-integrated-care.json) and the
 * sample (examples/data/) are found, in this order, in:
 *   1. $CAREALIGN_DEMO_DIR (a directory holding frameworks/ and data/);
 *   2. <prefix>/share/carealign/examples, where <prefix> is the parent of
 *      the directory holding the carealign executable (an installed copy);
 *   3. the source tree the command was built from (a build-tree copy).
 * They are files, not embedded in the executable, so the sample can be read
 * and changed; docs/report.md explains. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#if defined(_WIN32)
#include <direct.h>
#include <windows.h>
#else
#include <unistd.h>
#endif

#include "commands.h"
#include "report.h"

#ifndef CAREALIGN_SOURCE_DIR
#define CAREALIGN_SOURCE_DIR ""
#endif

static const char FRAMEWORK[] = "frameworks/england-integrated-care.json";
static const char *const DATA[REP_N_FILES] = {"data/organisations.csv", "data/populations.csv",
                                              "data/people.csv",        "data/responses.csv",
                                              "data/fft.csv",           "data/contacts.csv"};

void tool_demo_usage(FILE *out)
{
    fputs("usage: carealign demo [--out DIR] [--quiet]\n"
          "\n"
          "Run the default framework (England integrated care) over the bundled\n"
          "synthetic sample data and write report.html and report.json into DIR\n"
          "(default: the current directory; created when missing). Open\n"
          "report.html in a web browser; docs/report.md explains how to read it.\n"
          "The sample is looked for in $CAREALIGN_DEMO_DIR, then in\n"
          "<prefix>/share/carealign/examples next to the installed command, then\n"
          "in the source tree it was built from.\n"
          "exit status: 0 success, 2 usage error, 1 other error\n",
          out);
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* dir + "/" + rel into buf; 0 when it fits. */
static int join(char *buf, size_t cap, const char *dir, const char *rel)
{
    int n = snprintf(buf, cap, "%s/%s", dir, rel);
    return n > 0 && (size_t)n < cap ? 0 : -1;
}

static int has_sample(const char *root)
{
    char p[4096];
    return root[0] != '\0' && join(p, sizeof p, root, FRAMEWORK) == 0 && file_exists(p) &&
           join(p, sizeof p, root, DATA[REP_PEOPLE]) == 0 && file_exists(p);
}

/* The installed location: <exe dir>/../share/carealign/examples. */
static int installed_root(char *buf, size_t cap)
{
    char exe[4096];
    size_t n = 0;
#if defined(_WIN32)
    DWORD got = GetModuleFileNameA(NULL, exe, (DWORD)sizeof exe);
    if (got == 0 || got >= sizeof exe)
        return -1;
    n = got;
    for (size_t i = 0; i < n; i++) {
        if (exe[i] == '\\')
            exe[i] = '/';
    }
#else
    ssize_t got = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (got <= 0)
        return -1;
    n = (size_t)got;
#endif
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL)
        return -1;
    *slash = '\0';
    int k = snprintf(buf, cap, "%s/../share/carealign/examples", exe);
    return k > 0 && (size_t)k < cap ? 0 : -1;
}

static int make_dir(const char *dir)
{
    if (file_exists(dir))
        return 0;
#if defined(_WIN32)
    return _mkdir(dir) == 0 || errno == EEXIST ? 0 : -1;
#else
    return mkdir(dir, 0777) == 0 || errno == EEXIST ? 0 : -1;
#endif
}

int tool_demo(int argc, char **argv)
{
    const char *cmd = "demo";
    const char *dir = ".";
    int quiet = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            tool_demo_usage(stdout);
            return TOOL_EXIT_OK;
        }
        if (strcmp(argv[i], "--quiet") == 0) {
            quiet = 1;
            continue;
        }
        if ((r = tool_option(cmd, argc, argv, &i, "--out", &v)) != 0) {
            if (r < 0)
                return TOOL_EXIT_USAGE;
            dir = v;
            continue;
        }
        return tool_usage_error(cmd, "unknown argument '%s'", argv[i]);
    }
    char root[4096] = "";
    const char *env = getenv("CAREALIGN_DEMO_DIR");
    if (env != NULL && env[0] != '\0') {
        if (!has_sample(env)) {
            tool_error(cmd, "CAREALIGN_DEMO_DIR=%s holds no %s and %s", env, FRAMEWORK,
                       DATA[REP_PEOPLE]);
            return TOOL_EXIT_ERROR;
        }
        snprintf(root, sizeof root, "%s", env);
    } else if (installed_root(root, sizeof root) != 0 || !has_sample(root)) {
        snprintf(root, sizeof root, "%s/examples", CAREALIGN_SOURCE_DIR);
        if (CAREALIGN_SOURCE_DIR[0] == '\0' || !has_sample(root)) {
            tool_error(cmd, "the sample data was not found (looked in "
                            "<prefix>/share/carealign/examples and the source tree); set "
                            "CAREALIGN_DEMO_DIR to a directory holding frameworks/ and data/");
            return TOOL_EXIT_ERROR;
        }
    }
    if (make_dir(dir) != 0) {
        tool_error(cmd, "%s: cannot create the directory: %s", dir, strerror(errno));
        return TOOL_EXIT_ERROR;
    }
    static char paths[REP_N_FILES + 3][4096];
    rep_args a;
    memset(&a, 0, sizeof a);
    a.command = cmd;
    a.threads = 1;
    a.quiet = quiet;
    if (join(paths[0], sizeof paths[0], root, FRAMEWORK) != 0)
        return TOOL_EXIT_ERROR;
    a.framework = paths[0];
    for (int f = 0; f < REP_N_FILES; f++) {
        if (join(paths[1 + f], sizeof paths[1 + f], root, DATA[f]) != 0)
            return TOOL_EXIT_ERROR;
        a.path[f] = paths[1 + f];
    }
    if (join(paths[REP_N_FILES + 1], sizeof paths[0], dir, "report.html") != 0 ||
        join(paths[REP_N_FILES + 2], sizeof paths[0], dir, "report.json") != 0)
        return TOOL_EXIT_ERROR;
    a.outputs[0].format = REP_FORMAT_HTML;
    a.outputs[0].path = paths[REP_N_FILES + 1];
    a.outputs[1].format = CAREALIGN_FORMAT_JSON;
    a.outputs[1].path = paths[REP_N_FILES + 2];
    a.n_outputs = 2;
    int rc = rep_run(&a);
    if (rc == TOOL_EXIT_OK || rc == TOOL_EXIT_ROWS_FAILED)
        printf("The report is in %s (open it in a web browser);\nthe same results as JSON in "
               "%s.\nFramework: %s\nSample data: %s/data\n",
               paths[REP_N_FILES + 1], paths[REP_N_FILES + 2], paths[0], root);
    /* The demo shows the report: rows of the sample that the library cannot
     * use (listed on stderr and in the report) do not make it fail. */
    return rc == TOOL_EXIT_ROWS_FAILED ? TOOL_EXIT_OK : rc;
}

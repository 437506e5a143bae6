/* carealign: the command-line tool. Dispatches to subcommands; uses only
 * the public API of the shared library. */
#include <stdio.h>
#include <string.h>

#include "carealign/carealign.h"
#include "commands.h"
#include "input.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    void (*usage)(FILE *out);
    const char *synopsis;
    const char *summary;
} command;

static const command commands[] = {
    {"report", tool_report, tool_report_usage,
     "report --framework F --people P --organisations O --populations Q --responses R --fft A "
     "--contacts C [--format html|json|csv|fhir] [--out FILE] [--threads N]",
     "compute the framework over the data files and write one report"},
    {"merge", tool_merge, tool_merge_usage,
     "merge --framework F PARTIAL... [--format html|json|csv|fhir] [--out FILE]",
     "merge partial results (report --partial-out) into one report"},
    {"demo", tool_demo, tool_demo_usage, "demo [--out DIR]",
     "the default framework over the bundled sample: report.html and report.json"},
    {"score", tool_score, tool_score_usage, "score INSTRUMENT [--valueset NAME] [FILE|-]",
     "score questionnaire rows of a CSV file"},
    {"validate", tool_validate, tool_validate_usage, "validate --framework F [DATA.csv ...]",
     "check a framework and data files without computing"},
    {"fhir", tool_fhir, tool_fhir_usage, "fhir --framework F [--out FILE] [--schema-strict]",
     "export a framework as a FHIR R4 Measure Bundle"},
    {"pseudonymise", tool_pseudonymise, tool_pseudonymise_usage,
     "pseudonymise (--key-file K | --key-env VAR) --column NAME [IN] [--out FILE]",
     "replace NHS numbers by keyed hashes (HMAC-SHA256)"},
    {"generate", tool_generate, tool_generate_usage,
     "generate --people N --organisations M --months T --seed S --out DIR",
     "write synthetic data files for tests and demonstrations"},
};

static const command *find(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    }
    return NULL;
}

static void usage(FILE *out)
{
    fputs("usage: carealign COMMAND [ARGS]\n\ncommands:\n", out);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %s\n      %s\n", commands[i].synopsis, commands[i].summary);
    fputs("  help [COMMAND]   show help (also COMMAND --help)\n"
          "  --version        show the library and methods versions\n"
          "\n"
          "exit status: 0 success, 3 finished with rejected records, 2 usage error,\n"
          "1 other error\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return TOOL_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        if (argc > 2 && strcmp(name, "help") == 0) {
            const command *c = find(argv[2]);
            if (c == NULL) {
                fprintf(stderr, "carealign: unknown command '%s'\n", argv[2]);
                usage(stderr);
                return TOOL_EXIT_USAGE;
            }
            c->usage(stdout);
            return TOOL_EXIT_OK;
        }
        usage(stdout);
        return TOOL_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0) {
        printf("carealign %s (methods version %u; gzip input %s)\n", carealign_version_string(),
               (unsigned)carealign_methods_version(),
               tool_in_have_gzip() ? "yes" : "no: built without zlib");
        return TOOL_EXIT_OK;
    }
    const command *c = find(name);
    if (c == NULL) {
        fprintf(stderr, "carealign: unknown command '%s'\n", name);
        usage(stderr);
        return TOOL_EXIT_USAGE;
    }
    return c->run(argc - 1, argv + 1);
}

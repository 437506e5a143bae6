/* carealign: the command-line tool. Dispatches to subcommands; uses only
 * the public API of the shared library. */
#include <stdio.h>
#include <string.h>

#if defined(_WIN32)
#include <fcntl.h>
#include <io.h>
#endif

#include "carealign/carealign.h"
#include "commands.h"

void tool_binary(FILE *stream)
{
#if defined(_WIN32)
    _setmode(_fileno(stream), _O_BINARY);
#else
    (void)stream;
#endif
}

static void usage(FILE *out)
{
    fputs("usage: carealign COMMAND [ARGS]\n"
          "\n"
          "commands:\n"
          "  score INSTRUMENT [--valueset NAME] [FILE|-]\n"
          "      score questionnaire rows of a CSV file (stdin by default)\n"
          "  help [COMMAND]   show help\n"
          "  --version        show the library and methods versions\n"
          "\n"
          "exit status: 0 success, 3 some rows failed, 2 usage error, 1 other error\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return TOOL_EXIT_USAGE;
    }
    const char *command = argv[1];
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0 ||
        strcmp(command, "help") == 0) {
        if (argc > 2 && strcmp(command, "help") == 0) {
            if (strcmp(argv[2], "score") == 0) {
                tool_score_usage(stdout);
                return TOOL_EXIT_OK;
            }
            fprintf(stderr, "carealign: unknown command '%s'\n", argv[2]);
            return TOOL_EXIT_USAGE;
        }
        usage(stdout);
        return TOOL_EXIT_OK;
    }
    if (strcmp(command, "--version") == 0) {
        printf("carealign %s (methods version %u)\n", carealign_version_string(),
               (unsigned)carealign_methods_version());
        return TOOL_EXIT_OK;
    }
    if (strcmp(command, "score") == 0)
        return tool_score(argc - 1, argv + 1);
    fprintf(stderr, "carealign: unknown command '%s'\n", command);
    usage(stderr);
    return TOOL_EXIT_USAGE;
}

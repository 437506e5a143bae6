/* The subcommands of the carealign tool. Each takes the arguments after
 * "carealign" (argv[0] is the subcommand's name) and returns the exit
 * status: 0 success, 3 some rows failed, 2 usage error, 1 other error. */
#ifndef CAREALIGN_TOOLS_COMMANDS_H
#define CAREALIGN_TOOLS_COMMANDS_H

#include <stdio.h>

enum { TOOL_EXIT_OK = 0, TOOL_EXIT_ERROR = 1, TOOL_EXIT_USAGE = 2, TOOL_EXIT_ROWS_FAILED = 3 };

/* carealign score INSTRUMENT [--valueset NAME] [FILE|-] */
int tool_score(int argc, char **argv);
void tool_score_usage(FILE *out);

/* Set a stream to binary mode where text mode would translate line ends. */
void tool_binary(FILE *stream);

#endif /* CAREALIGN_TOOLS_COMMANDS_H */

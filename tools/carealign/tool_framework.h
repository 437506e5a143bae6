/* Loading a framework file for the subcommands. */
#ifndef CAREALIGN_TOOLS_TOOL_FRAMEWORK_H
#define CAREALIGN_TOOLS_TOOL_FRAMEWORK_H

#include "carealign/carealign.h"

/* Read and load PATH; on failure print "carealign CMD: FILE:LINE:COLUMN:
 * message" (the library's message, which names the file as given) and
 * return -1. */
int tool_framework_load(const char *command, const char *path, carealign_framework **out);

#endif /* CAREALIGN_TOOLS_TOOL_FRAMEWORK_H */

/* Atomic output files.
 *
 * tool_out_open(PATH) creates a temporary file in PATH's directory; writes go
 * there; tool_out_commit() flushes it to disk and renames it over PATH
 * (rename(2) on POSIX, MoveFileEx with MOVEFILE_REPLACE_EXISTING on
 * Windows), so PATH holds either its old contents or the complete new ones,
 * never a half-written file. tool_out_abort() (or a failed commit) removes
 * the temporary file and leaves PATH untouched; so does an interruption by
 * SIGINT or SIGTERM (a handler removes the temporary files, then lets the
 * signal end the process). A PATH of NULL or "-" writes
 * to standard output (not atomic, nothing to rename).
 *
 * A new file gets the permissions a plain fopen() would give it (0666 less
 * the umask); a replaced file keeps its permissions. */
#ifndef CAREALIGN_TOOLS_OUTPUT_H
#define CAREALIGN_TOOLS_OUTPUT_H

#include <stddef.h>

#include "commands.h"

typedef struct tool_out tool_out;

/* Open PATH for writing, or NULL after printing an error for command. */
tool_out *tool_out_open(const char *command, const char *path);

/* Write bytes; 0 on success, -1 on failure (sticky; reported at commit). */
int tool_out_write(tool_out *out, const void *data, size_t len);

/* printf to the output; 0 on success, -1 on failure. */
int tool_out_printf(tool_out *out, const char *fmt, ...) TOOL_PRINTF(2, 3);

/* Finish: flush, sync, rename over the target, free. 0 on success; -1
 * after printing an error (the target is then untouched). */
int tool_out_commit(tool_out *out);

/* Give up: remove the temporary file and free. NULL is a no-op. */
void tool_out_abort(tool_out *out);

/* The name the output will have ("stdout" for standard output). */
const char *tool_out_name(const tool_out *out);

#endif /* CAREALIGN_TOOLS_OUTPUT_H */

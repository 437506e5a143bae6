/* Input files, plain or gzip-compressed, read transparently.
 *
 * With zlib (CAREALIGN_TOOL_HAVE_ZLIB, the default when zlib is found at
 * build time) a gzip file (one or more members) is decompressed as it is
 * read; any other file is read as it is. Without zlib a gzip file is an
 * error that says so. "-" is standard input. */
#ifndef CAREALIGN_TOOLS_INPUT_H
#define CAREALIGN_TOOLS_INPUT_H

#include <stddef.h>
#include <stdint.h>

typedef struct tool_in tool_in;

/* Open PATH ("-" = stdin), or NULL after printing an error for command. */
tool_in *tool_in_open(const char *command, const char *path);

/* A csv_read_fn over the input (ctx is the tool_in). */
size_t tool_in_read(void *ctx, char *buf, size_t cap, int *failed);

/* The name used in messages ("stdin" for standard input). */
const char *tool_in_name(const tool_in *in);

/* The size of the file on disk, or -1 when unknown (stdin, pipes). */
int64_t tool_in_size(const tool_in *in);

/* Bytes consumed from the file on disk so far (compressed bytes for gzip). */
int64_t tool_in_position(const tool_in *in);

/* The reason of the last read failure; "" when none. */
const char *tool_in_error(const tool_in *in);

/* 1 when gzip support was built in. */
int tool_in_have_gzip(void);

/* Close; NULL is a no-op. */
void tool_in_close(tool_in *in);

#endif /* CAREALIGN_TOOLS_INPUT_H */

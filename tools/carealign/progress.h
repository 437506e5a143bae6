/* Progress on standard error for long runs.
 *
 * Shown only when standard error is a terminal (or CAREALIGN_PROGRESS=1 is
 * set in the environment, for logs), --quiet was not given, and the work has
 * run for more than a second. One line, rewritten in place at most five
 * times a second: the input's name, bytes read of its size, records read,
 * records per second and, when the size is known, the time left. Cleared
 * when the work ends, so that only results and messages remain. */
#ifndef CAREALIGN_TOOLS_PROGRESS_H
#define CAREALIGN_TOOLS_PROGRESS_H

#include <stdint.h>

typedef struct tool_progress {
    int enabled;
    int shown;
    const char *label;
    int64_t total;
    double start, last;
    uint32_t calls;
} tool_progress;

/* Start measuring a piece of work; quiet disables the display. */
void tool_progress_start(tool_progress *p, int quiet, const char *label, int64_t total_bytes);

/* 1 when the display should be updated now: cheap to call for every
 * record (it looks at the clock once every 1024 calls). */
int tool_progress_due(tool_progress *p);

/* Show the bytes consumed and records read so far (after a due). */
void tool_progress_show(tool_progress *p, int64_t bytes, uint64_t records);

/* Clear the line, if one was shown. */
void tool_progress_end(tool_progress *p);

#endif /* CAREALIGN_TOOLS_PROGRESS_H */

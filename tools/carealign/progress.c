/* Progress on standard error: see progress.h. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif

#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(_WIN32)
#include <io.h>
#include <windows.h>
#else
#include <time.h>
#include <unistd.h>
#endif

static double now_seconds(void)
{
#if defined(_WIN32)
    return (double)GetTickCount64() / 1000.0;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
#endif
}

static int stderr_is_terminal(void)
{
#if defined(_WIN32)
    return _isatty(_fileno(stderr));
#else
    return isatty(fileno(stderr));
#endif
}

void tool_progress_start(tool_progress *p, int quiet, const char *label, int64_t total_bytes)
{
    memset(p, 0, sizeof *p);
    const char *force = getenv("CAREALIGN_PROGRESS");
    p->enabled = !quiet && (stderr_is_terminal() || (force != NULL && strcmp(force, "1") == 0));
    p->label = label;
    p->total = total_bytes;
    if (p->enabled)
        p->start = p->last = now_seconds();
}

static void human_bytes(char *buf, size_t cap, int64_t n)
{
    if (n >= 1000000000)
        snprintf(buf, cap, "%.1f GB", (double)n / 1e9);
    else if (n >= 1000000)
        snprintf(buf, cap, "%.1f MB", (double)n / 1e6);
    else
        snprintf(buf, cap, "%.0f kB", (double)n / 1e3);
}

int tool_progress_due(tool_progress *p)
{
    if (!p->enabled || (++p->calls & 1023u) != 0)
        return 0;
    double t = now_seconds();
    if (t - p->start < 1.0 || t - p->last < 0.2)
        return 0;
    p->last = t;
    return 1;
}

void tool_progress_show(tool_progress *p, int64_t bytes, uint64_t records)
{
    double t = p->last;
    double rate = (double)records / (t - p->start);
    char done[32], total[32], left[48] = "";
    human_bytes(done, sizeof done, bytes);
    if (p->total > 0 && bytes > 0) {
        human_bytes(total, sizeof total, p->total);
        double remaining = (t - p->start) * (double)(p->total - bytes) / (double)bytes;
        if (remaining < 0)
            remaining = 0;
        long s = (long)(remaining + 0.5);
        snprintf(left, sizeof left, ", %ld:%02ld left", s / 60, s % 60);
        fprintf(stderr, "\r%s: %s of %s, %llu records, %.0f records/s%s\033[K", p->label, done,
                total, (unsigned long long)records, rate, left);
    } else {
        fprintf(stderr, "\r%s: %s, %llu records, %.0f records/s\033[K", p->label, done,
                (unsigned long long)records, rate);
    }
    fflush(stderr);
    p->shown = 1;
}

void tool_progress_end(tool_progress *p)
{
    if (p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    p->shown = 0;
}

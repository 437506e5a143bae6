/* Helpers shared by the subcommands: messages, options, numbers, files. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(_WIN32)
#include <fcntl.h>
#include <io.h>
#endif

#include "carealign/carealign.h"
#include "commands.h"
#include "csv.h"
#include "input.h"
#include "tool_framework.h"

void tool_binary(FILE *stream)
{
#if defined(_WIN32)
    _setmode(_fileno(stream), _O_BINARY);
#else
    (void)stream;
#endif
}

void tool_error(const char *command, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    fprintf(stderr, "carealign %s: ", command);
    vfprintf(stderr, fmt, args);
    fputc('\n', stderr);
    va_end(args);
}

int tool_usage_error(const char *command, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    fprintf(stderr, "carealign %s: ", command);
    vfprintf(stderr, fmt, args);
    fprintf(stderr, "\n(carealign help %s for usage)\n", command);
    va_end(args);
    return TOOL_EXIT_USAGE;
}

int tool_option(const char *command, int argc, char **argv, int *i, const char *name,
                const char **value)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return 1;
    }
    if (arg[n] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        tool_usage_error(command, "%s needs a value", name);
        return -1;
    }
    *value = argv[++*i];
    return 1;
}

int tool_code_of(int32_t table, int32_t first, int32_t end, const char *text)
{
    for (int32_t c = first; c < end; c++) {
        const char *name = carealign_framework_code_name(table, c);
        if (name[0] != '\0' && strcmp(name, text) == 0)
            return (int)c;
    }
    return -1;
}

int tool_parse_int(const char *text, long long min, long long max, long long *out)
{
    const char *p = text;
    int negative = 0;
    if (*p == '-' || *p == '+') {
        negative = *p == '-';
        p++;
    }
    if (*p == '\0')
        return 0;
    unsigned long long v = 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        if (v > (unsigned long long)LLONG_MAX / 10)
            return 0;
        v = v * 10 + (unsigned long long)(*p - '0');
        if (v > (unsigned long long)LLONG_MAX)
            return 0;
    }
    long long s = negative ? -(long long)v : (long long)v;
    if (s < min || s > max)
        return 0;
    *out = s;
    return 1;
}

int tool_ascii_equal(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return 0;
    }
    return *a == *b;
}

int tool_read_all(const char *command, const char *path, char **out, size_t *out_len)
{
    tool_in *in = tool_in_open(command, path);
    if (in == NULL)
        return -1;
    size_t len = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    for (;;) {
        if (buf == NULL) {
            tool_error(command, "out of memory");
            tool_in_close(in);
            return -1;
        }
        if (cap - len < 2) {
            if (cap > ((size_t)1 << 30)) {
                tool_error(command, "%s: larger than 1 GiB", tool_in_name(in));
                free(buf);
                tool_in_close(in);
                return -1;
            }
            char *bigger = realloc(buf, cap * 2);
            if (bigger == NULL)
                free(buf);
            buf = bigger;
            cap *= 2;
            continue;
        }
        int failed = 0;
        size_t n = tool_in_read(in, buf + len, cap - len - 1, &failed);
        if (failed) {
            tool_error(command, "cannot read %s: %s", tool_in_name(in), tool_in_error(in));
            free(buf);
            tool_in_close(in);
            return -1;
        }
        if (n == 0)
            break;
        len += n;
    }
    buf[len] = '\0';
    tool_in_close(in);
    *out = buf;
    *out_len = len;
    return 0;
}

int tool_framework_load(const char *command, const char *path, carealign_framework **out)
{
    char *text;
    size_t len;
    if (tool_read_all(command, path, &text, &len) != 0)
        return -1;
    carealign_framework_load_options opt = CAREALIGN_FRAMEWORK_LOAD_OPTIONS_INIT;
    opt.source_name = path;
    opt.source_name_len = strlen(path);
    carealign_status status = carealign_framework_load(text, len, &opt, out);
    free(text);
    if (status != CAREALIGN_OK) {
        fprintf(stderr, "carealign %s: %s\n", command, carealign_last_error());
        return -1;
    }
    return 0;
}

static int line_reserve(tool_line *line, size_t more)
{
    if (line->len + more <= line->cap)
        return 0;
    size_t cap = line->cap ? line->cap : 1024;
    while (cap < line->len + more)
        cap *= 2;
    char *buf = realloc(line->buf, cap);
    if (buf == NULL)
        return -1;
    line->buf = buf;
    line->cap = cap;
    return 0;
}

int tool_line_field(tool_line *line, const char *field, size_t len, int first)
{
    if (line_reserve(line, 2 * len + 3) != 0)
        return -1;
    if (!first)
        line->buf[line->len++] = ',';
    line->len += csv_format_field(field, len, 0, line->buf + line->len);
    return 0;
}

int tool_line_raw(tool_line *line, const char *text, size_t len)
{
    if (line_reserve(line, len) != 0)
        return -1;
    memcpy(line->buf + line->len, text, len);
    line->len += len;
    return 0;
}

void tool_line_free(tool_line *line)
{
    free(line->buf);
    line->buf = NULL;
    line->len = line->cap = 0;
}

/* Plain or gzip input: see input.h. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif

#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#if defined(CAREALIGN_TOOL_HAVE_ZLIB)
#include <zlib.h>
#endif
#if defined(_WIN32)
#include <io.h>
#else
#include <unistd.h>
#endif

#include "commands.h"

struct tool_in {
    char *name;
    int64_t size;
    int64_t position; /* plain reads */
#if defined(CAREALIGN_TOOL_HAVE_ZLIB)
    gzFile gz;
#else
    FILE *file;
    int checked;
#endif
    char error[160];
};

int tool_in_have_gzip(void)
{
#if defined(CAREALIGN_TOOL_HAVE_ZLIB)
    return 1;
#else
    return 0;
#endif
}

tool_in *tool_in_open(const char *command, const char *path)
{
    tool_in *in = calloc(1, sizeof *in);
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "stdin" : path;
    if (in == NULL || (in->name = malloc(strlen(name) + 1)) == NULL) {
        free(in);
        tool_error(command, "out of memory");
        return NULL;
    }
    strcpy(in->name, name);
    in->size = -1;
    if (!is_stdin) {
        struct stat st;
        if (stat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                tool_error(command, "%s is a directory, not a file", path);
                free(in->name);
                free(in);
                return NULL;
            }
            if (S_ISREG(st.st_mode))
                in->size = (int64_t)st.st_size;
        }
    }
    errno = 0;
#if defined(CAREALIGN_TOOL_HAVE_ZLIB)
    if (is_stdin) {
        tool_binary(stdin);
#if defined(_WIN32)
        int fd = _dup(_fileno(stdin));
#else
        int fd = dup(fileno(stdin));
#endif
        in->gz = fd >= 0 ? gzdopen(fd, "rb") : NULL;
    } else {
        in->gz = gzopen(path, "rb");
    }
    if (in->gz != NULL)
        gzbuffer(in->gz, 1u << 17);
    if (in->gz == NULL) {
#else
    if (is_stdin) {
        tool_binary(stdin);
        in->file = stdin;
    } else {
        in->file = fopen(path, "rb");
    }
    if (in->file == NULL) {
#endif
        tool_error(command, "cannot open %s: %s", name, errno ? strerror(errno) : "out of memory");
        free(in->name);
        free(in);
        return NULL;
    }
    return in;
}

size_t tool_in_read(void *ctx, char *buf, size_t cap, int *failed)
{
    tool_in *in = ctx;
    if (cap > (1u << 30))
        cap = 1u << 30;
#if defined(CAREALIGN_TOOL_HAVE_ZLIB)
    int n = gzread(in->gz, buf, (unsigned)cap);
    if (n < 0) {
        int code;
        const char *why = gzerror(in->gz, &code);
        if (code == Z_ERRNO)
            why = strerror(errno);
        /* zlib prefixes its messages with the path, which ours carry already */
        size_t name_len = strlen(in->name);
        if (strncmp(why, in->name, name_len) == 0 && strncmp(why + name_len, ": ", 2) == 0)
            why += name_len + 2;
        snprintf(in->error, sizeof in->error, "%s", why);
        *failed = 1;
        return 0;
    }
    if (n == 0) {
        /* a truncated gzip file ends with Z_BUF_ERROR, not a read error */
        int code;
        const char *why = gzerror(in->gz, &code);
        if (code != Z_OK) {
            snprintf(in->error, sizeof in->error, "%s",
                     code == Z_BUF_ERROR ? "truncated gzip file" : why);
            *failed = 1;
        }
    }
    return (size_t)n;
#else
    size_t n = fread(buf, 1, cap, in->file);
    if (n == 0 && ferror(in->file)) {
        snprintf(in->error, sizeof in->error, "%s", strerror(errno));
        *failed = 1;
        return 0;
    }
    if (!in->checked && n > 0) {
        in->checked = 1;
        if (n >= 2 && (unsigned char)buf[0] == 0x1f && (unsigned char)buf[1] == 0x8b) {
            snprintf(in->error, sizeof in->error,
                     "gzip input, but this carealign was built without zlib: "
                     "decompress it first (gzip -d)");
            *failed = 1;
            return 0;
        }
    }
    in->position += (int64_t)n;
    return n;
#endif
}

const char *tool_in_name(const tool_in *in)
{
    return in->name;
}

int64_t tool_in_size(const tool_in *in)
{
    return in->size;
}

int64_t tool_in_position(const tool_in *in)
{
#if defined(CAREALIGN_TOOL_HAVE_ZLIB)
    long off = gzoffset(in->gz);
    return off >= 0 ? (int64_t)off : 0;
#else
    return in->position;
#endif
}

const char *tool_in_error(const tool_in *in)
{
    return in->error;
}

void tool_in_close(tool_in *in)
{
    if (in == NULL)
        return;
#if defined(CAREALIGN_TOOL_HAVE_ZLIB)
    gzclose(in->gz);
#else
    if (in->file != stdin)
        fclose(in->file);
#endif
    free(in->name);
    free(in);
}

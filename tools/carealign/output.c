/* Atomic output files: see output.h. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif

#include "output.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(_WIN32)
#include <fcntl.h>
#include <io.h>
#include <process.h>
#include <sys/stat.h>
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include <signal.h>

/* Temporary files still open, removed if the run is interrupted (SIGINT,
 * SIGTERM), so that an interrupted run leaves nothing behind either. */
enum { MAX_TEMPS = 16 };
static char *volatile temps[MAX_TEMPS];
static int handlers_set;

static void on_signal(int sig)
{
    for (int i = 0; i < MAX_TEMPS; i++) {
        char *name = temps[i];
        if (name != NULL)
            remove(name);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void track(char *name)
{
    if (!handlers_set) {
        handlers_set = 1;
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
    }
    for (int i = 0; i < MAX_TEMPS; i++) {
        if (temps[i] == NULL) {
            temps[i] = name;
            return;
        }
    }
}

static void untrack(const char *name)
{
    for (int i = 0; i < MAX_TEMPS; i++) {
        if (temps[i] == name)
            temps[i] = NULL;
    }
}

struct tool_out {
    const char *command;
    FILE *file;
    char *path; /* NULL for stdout */
    char *temp;
    int failed;
    int err;           /* errno of the first failure */
    int direct;        /* path is not a regular file: written in place */
    const char *shown; /* its name (the caller's string) */
};

/* 1 when path is a regular file or does not exist (the atomic case). */
static int is_regular_target(const char *path)
{
#if defined(_WIN32)
    static const char *const devices[] = {"NUL", "CON", "PRN", "AUX", "CONOUT$"};
    for (size_t i = 0; i < sizeof devices / sizeof devices[0]; i++) {
        if (_stricmp(path, devices[i]) == 0)
            return 0;
    }
    struct _stat st;
    if (_stat(path, &st) != 0)
        return 1;
    return (st.st_mode & _S_IFMT) == _S_IFREG;
#else
    struct stat st;
    if (stat(path, &st) != 0)
        return 1;
    return S_ISREG(st.st_mode);
#endif
}

const char *tool_out_name(const tool_out *out)
{
    return out->path ? out->path : out->shown ? out->shown : "stdout";
}

static void out_free(tool_out *out)
{
    if (out->temp != NULL)
        untrack(out->temp);
    free(out->path);
    free(out->temp);
    free(out);
}

#if defined(_WIN32)
static FILE *create_temp(const char *path, char **temp)
{
    static unsigned counter;
    size_t len = strlen(path) + 48;
    char *name = malloc(len);
    if (name == NULL)
        return NULL;
    for (int attempt = 0; attempt < 100; attempt++) {
        snprintf(name, len, "%s.tmp%lu-%u", path, (unsigned long)_getpid(), counter++);
        int fd = _open(name, _O_CREAT | _O_EXCL | _O_WRONLY | _O_BINARY, _S_IREAD | _S_IWRITE);
        if (fd < 0) {
            if (errno == EEXIST)
                continue;
            break;
        }
        FILE *f = _fdopen(fd, "wb");
        if (f == NULL) {
            _close(fd);
            remove(name);
            break;
        }
        *temp = name;
        return f;
    }
    free(name);
    return NULL;
}
#else
static FILE *create_temp(const char *path, char **temp)
{
    /* DIR/.BASE.XXXXXX beside the target, so that rename() stays on one
     * file system. */
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dir_len;
    size_t len = strlen(path) + 16;
    char *name = malloc(len);
    if (name == NULL)
        return NULL;
    snprintf(name, len, "%.*s.%s.XXXXXX", (int)dir_len, path, base);
    int fd = mkstemp(name);
    if (fd < 0) {
        free(name);
        return NULL;
    }
    struct stat st;
    mode_t mode;
    if (stat(path, &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(022);
        umask(mask);
        mode = (mode_t)(0666 & ~mask);
    }
    if (fchmod(fd, mode) != 0) {
        int e = errno;
        close(fd);
        unlink(name);
        free(name);
        errno = e;
        return NULL;
    }
    FILE *f = fdopen(fd, "wb");
    if (f == NULL) {
        int e = errno;
        close(fd);
        unlink(name);
        free(name);
        errno = e;
        return NULL;
    }
    *temp = name;
    return f;
}
#endif

tool_out *tool_out_open(const char *command, const char *path)
{
    tool_out *out = calloc(1, sizeof *out);
    if (out == NULL) {
        tool_error(command, "out of memory");
        return NULL;
    }
    out->command = command;
    if (path == NULL || strcmp(path, "-") == 0) {
        out->file = stdout;
        tool_binary(stdout);
        return out;
    }
    if (!is_regular_target(path)) {
        /* a device, FIFO or terminal (/dev/null, /dev/stdout, NUL): written
         * in place; renaming a file over it would replace the device */
        out->file = fopen(path, "wb");
        if (out->file == NULL) {
            tool_error(command, "cannot open %s: %s", path, strerror(errno));
            free(out);
            return NULL;
        }
        out->direct = 1;
        out->shown = path;
        return out;
    }
    size_t len = strlen(path);
    out->path = malloc(len + 1);
    if (out->path == NULL) {
        free(out);
        tool_error(command, "out of memory");
        return NULL;
    }
    memcpy(out->path, path, len + 1);
    errno = 0;
    out->file = create_temp(path, &out->temp);
    if (out->file != NULL)
        track(out->temp);
    if (out->file == NULL) {
        tool_error(command, "cannot create a temporary file beside %s: %s", path,
                   errno ? strerror(errno) : "out of memory");
        out_free(out);
        return NULL;
    }
    return out;
}

int tool_out_write(tool_out *out, const void *data, size_t len)
{
    if (out->failed)
        return -1;
    if (len > 0 && fwrite(data, 1, len, out->file) != len) {
        out->failed = 1;
        out->err = errno;
        return -1;
    }
    return 0;
}

int tool_out_printf(tool_out *out, const char *fmt, ...)
{
    if (out->failed)
        return -1;
    va_list args;
    va_start(args, fmt);
    int n = vfprintf(out->file, fmt, args);
    va_end(args);
    if (n < 0) {
        out->failed = 1;
        out->err = errno;
        return -1;
    }
    return 0;
}

void tool_out_abort(tool_out *out)
{
    if (out == NULL)
        return;
    if (out->path != NULL) {
        fclose(out->file);
        remove(out->temp);
    } else if (out->direct) {
        fclose(out->file);
    } else {
        fflush(out->file);
    }
    out_free(out);
}

int tool_out_commit(tool_out *out)
{
    const char *command = out->command;
    if (out->path == NULL) {
        const char *shown = out->shown ? out->shown : "standard output";
        int bad = out->failed || fflush(out->file) != 0 || ferror(out->file);
        if (out->direct && fclose(out->file) != 0)
            bad = 1;
        out_free(out);
        if (bad) {
            tool_error(command, "cannot write to %s", shown);
            return -1;
        }
        return 0;
    }
    int bad = out->failed;
    if (!bad && fflush(out->file) != 0) {
        bad = 1;
        out->err = errno;
    }
#if defined(_WIN32)
    if (!bad && _commit(_fileno(out->file)) != 0) {
        bad = 1;
        out->err = errno;
    }
#else
    if (!bad && fsync(fileno(out->file)) != 0 && errno != EINVAL) {
        bad = 1;
        out->err = errno;
    }
#endif
    if (fclose(out->file) != 0 && !bad) {
        bad = 1;
        out->err = errno;
    }
    if (bad) {
        tool_error(command, "cannot write %s: %s (left unchanged)", out->path,
                   out->err ? strerror(out->err) : "write error");
        remove(out->temp);
        out_free(out);
        return -1;
    }
#if defined(_WIN32)
    if (!MoveFileExA(out->temp, out->path, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
        tool_error(command, "cannot replace %s (Windows error %lu; left unchanged)", out->path,
                   (unsigned long)GetLastError());
        remove(out->temp);
        out_free(out);
        return -1;
    }
#else
    if (rename(out->temp, out->path) != 0) {
        tool_error(command, "cannot replace %s: %s (left unchanged)", out->path, strerror(errno));
        remove(out->temp);
        out_free(out);
        return -1;
    }
#endif
    out_free(out);
    return 0;
}

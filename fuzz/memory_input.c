/* tools/carealign/input.h over in-memory files: see memory_input.h. */
#include "memory_input.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../tools/carealign/commands.h"
#include "../tools/carealign/input.h"

enum { MAX_FILES = 8 };

static struct {
    const char *path;
    const char *data;
    size_t size;
} files[MAX_FILES];

struct tool_in {
    const char *name;
    const char *data;
    size_t size, pos;
};

void memory_file(const char *path, const void *data, size_t size)
{
    for (int i = 0; i < MAX_FILES; i++) {
        if (files[i].path == NULL || strcmp(files[i].path, path) == 0) {
            files[i].path = path;
            files[i].data = data;
            files[i].size = size;
            return;
        }
    }
    abort();
}

tool_in *tool_in_open(const char *command, const char *path)
{
    for (int i = 0; i < MAX_FILES && files[i].path != NULL; i++) {
        if (strcmp(files[i].path, path) != 0)
            continue;
        tool_in *in = calloc(1, sizeof *in);
        if (in == NULL) {
            tool_error(command, "out of memory");
            return NULL;
        }
        in->name = files[i].path;
        in->data = files[i].data;
        in->size = files[i].size;
        return in;
    }
    tool_error(command, "cannot open %s: no such in-memory file", path);
    return NULL;
}

size_t tool_in_read(void *ctx, char *buf, size_t cap, int *failed)
{
    tool_in *in = ctx;
    size_t n = in->size - in->pos;
    (void)failed;
    if (n > cap)
        n = cap;
    if (n > 0)
        memcpy(buf, in->data + in->pos, n);
    in->pos += n;
    return n;
}

const char *tool_in_name(const tool_in *in)
{
    return in->name;
}

int64_t tool_in_size(const tool_in *in)
{
    return (int64_t)in->size;
}

int64_t tool_in_position(const tool_in *in)
{
    return (int64_t)in->pos;
}

const char *tool_in_error(const tool_in *in)
{
    (void)in;
    return "";
}

int tool_in_have_gzip(void)
{
    return 0;
}

void tool_in_close(tool_in *in)
{
    free(in);
}

/* Fuzzes the tool's strict RFC 4180 CSV reader (tools/carealign/csv.c):
 * input arrives in small chunks to cross buffer boundaries; every field is
 * NUL-free with the length reported; every record has the first record's
 * field count; and for input that parses, writing the records back with
 * csv_format_field and parsing that again gives the same text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../tools/carealign/csv.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct memory {
    const char *data;
    size_t size, pos, chunk;
} memory;

static size_t read_memory(void *ctx, char *buf, size_t cap, int *failed)
{
    memory *m = ctx;
    (void)failed;
    size_t n = m->size - m->pos;
    if (n > m->chunk)
        n = m->chunk;
    if (n > cap)
        n = cap;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return n;
}

/* Parse and write back; returns the text (malloc'd, *len set) or NULL when
 * the input does not parse. */
static char *round_trip(const char *data, size_t size, size_t chunk, size_t *len)
{
    memory m = {data, size, 0, chunk};
    csv_reader *r = csv_open(read_memory, &m);
    if (r == NULL)
        return NULL;
    size_t cap = 2 * size + 16, n = 0, fields = 0;
    char *out = malloc(cap);
    int got;
    while (out != NULL && (got = csv_next(r)) == 1) {
        size_t count = csv_field_count(r);
        if (count == 0 || (fields != 0 && count != fields))
            __builtin_trap();
        fields = count;
        for (size_t i = 0; i < count; i++) {
            size_t flen;
            const char *field = csv_field(r, i, &flen);
            if (strlen(field) != flen)
                __builtin_trap();
            if (n + 2 * flen + 4 > cap) {
                cap = 2 * (n + 2 * flen + 4);
                char *bigger = realloc(out, cap);
                if (bigger == NULL) {
                    free(out);
                    out = NULL;
                    break;
                }
                out = bigger;
            }
            if (i > 0)
                out[n++] = ',';
            n += csv_format_field(field, flen, count == 1, out + n);
        }
        if (out != NULL)
            out[n++] = '\n';
    }
    if (out != NULL && got != 0) {
        if (csv_error(r)[0] == '\0')
            __builtin_trap();
        free(out);
        out = NULL;
    }
    csv_close(r);
    *len = n;
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t chunk = size > 0 ? 1 + data[0] % 7 : 1;
    size_t len1, len2;
    char *once = round_trip((const char *)data, size, chunk, &len1);
    if (once == NULL)
        return 0;
    char *twice = round_trip(once, len1, 4096, &len2);
    if (twice == NULL || len1 != len2 || memcmp(once, twice, len1) != 0)
        __builtin_trap();
    free(once);
    free(twice);
    return 0;
}

/* The strict RFC 4180 reader and writer described in csv.h. */
#include "csv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CSV_BUFFER = 1 << 16, CSV_EOF = -1, CSV_READ_ERROR = -2 };

struct csv_reader {
    csv_read_fn read;
    void *ctx;
    unsigned char buf[CSV_BUFFER];
    size_t pos, len;
    int at_end;
    int failed; /* sticky: an error was reported */
    int started;
    int crlf;
    int terminator_known;
    int pushed; /* bytes pushed back (BOM check), most recent last */
    int pushback[3];
    int64_t line, column;
    int64_t record_line;
    char *data; /* fields, each NUL-terminated */
    size_t data_len, data_cap;
    size_t *offsets;
    size_t *lengths;
    size_t n_fields, fields_cap;
    size_t expected_fields; /* 0 until the first record */
    char error[160];
};

csv_reader *csv_open(csv_read_fn read, void *ctx)
{
    csv_reader *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    r->read = read;
    r->ctx = ctx;
    r->line = 1;
    return r;
}

void csv_close(csv_reader *r)
{
    if (r == NULL)
        return;
    free(r->data);
    free(r->offsets);
    free(r->lengths);
    free(r);
}

#if defined(__GNUC__)
#define CSV_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CSV_PRINTF(f, a)
#endif

static int fail(csv_reader *r, int64_t line, int64_t column, const char *fmt, ...) CSV_PRINTF(4, 5);

static int fail(csv_reader *r, int64_t line, int64_t column, const char *fmt, ...)
{
    char text[120];
    va_list args;
    va_start(args, fmt);
    vsnprintf(text, sizeof text, fmt, args);
    va_end(args);
    if (column > 0)
        snprintf(r->error, sizeof r->error, "line %lld, column %lld: %s", (long long)line,
                 (long long)column, text);
    else
        snprintf(r->error, sizeof r->error, "line %lld: %s", (long long)line, text);
    r->record_line = line;
    r->failed = 1;
    return -1;
}

/* The next byte (0..255), CSV_EOF or CSV_READ_ERROR; advances the column. */
static int next_byte(csv_reader *r)
{
    if (r->pushed > 0) {
        int c = r->pushback[--r->pushed];
        if (c >= 0)
            r->column++;
        return c;
    }
    if (r->pos == r->len) {
        if (r->at_end)
            return CSV_EOF;
        int failed = 0;
        r->len = r->read(r->ctx, (char *)r->buf, sizeof r->buf, &failed);
        r->pos = 0;
        if (failed)
            return CSV_READ_ERROR;
        if (r->len == 0) {
            r->at_end = 1;
            return CSV_EOF;
        }
    }
    r->column++;
    return r->buf[r->pos++];
}

static int append(csv_reader *r, int c)
{
    if (r->data_len + 1 >= CSV_MAX_RECORD)
        return fail(r, r->record_line, 0, "record longer than %u bytes", CSV_MAX_RECORD);
    if (r->data_len + 1 >= r->data_cap) {
        size_t cap = r->data_cap ? r->data_cap * 2 : 256;
        char *data = realloc(r->data, cap);
        if (data == NULL)
            return fail(r, r->record_line, 0, "out of memory");
        r->data = data;
        r->data_cap = cap;
    }
    r->data[r->data_len++] = (char)c;
    return 0;
}

static int end_field(csv_reader *r, size_t start)
{
    if (r->n_fields == r->fields_cap) {
        size_t cap = r->fields_cap ? r->fields_cap * 2 : 16;
        size_t *offsets = realloc(r->offsets, cap * sizeof *offsets);
        if (offsets == NULL)
            return fail(r, r->record_line, 0, "out of memory");
        r->offsets = offsets;
        size_t *lengths = realloc(r->lengths, cap * sizeof *lengths);
        if (lengths == NULL)
            return fail(r, r->record_line, 0, "out of memory");
        r->lengths = lengths;
        r->fields_cap = cap;
    }
    r->offsets[r->n_fields] = start;
    r->lengths[r->n_fields] = r->data_len - start;
    r->n_fields++;
    return append(r, '\0');
}

static void new_line(csv_reader *r)
{
    r->line++;
    r->column = 0;
}

static void skip_bom(csv_reader *r)
{
    static const int bom[3] = {0xEF, 0xBB, 0xBF};
    int got[3];
    int n = 0;
    while (n < 3) {
        got[n] = next_byte(r);
        n++;
        if (got[n - 1] != bom[n - 1])
            break;
    }
    r->column = 0; /* a BOM takes no column; pushed-back bytes count again */
    if (n == 3 && got[2] == bom[2])
        return;
    for (int i = n - 1; i >= 0; i--)
        r->pushback[r->pushed++] = got[i];
}

int csv_next(csv_reader *r)
{
    if (r->failed)
        return -1;
    if (!r->started) {
        r->started = 1;
        skip_bom(r);
    }
    r->n_fields = 0;
    r->data_len = 0;
    int c = next_byte(r);
    if (c == CSV_EOF)
        return 0;
    r->record_line = r->line;
    for (;;) {
        size_t start = r->data_len;
        if (c == CSV_READ_ERROR)
            return fail(r, r->line, 0, "read error");
        if (c == '"') {
            int64_t quote_line = r->line, quote_column = r->column;
            for (;;) {
                c = next_byte(r);
                if (c == CSV_EOF)
                    return fail(r, quote_line, quote_column,
                                "quoted field not closed before the end of input");
                if (c == CSV_READ_ERROR)
                    return fail(r, r->line, 0, "read error");
                if (c == '\0')
                    return fail(r, r->line, r->column, "NUL byte");
                if (c == '"') {
                    c = next_byte(r);
                    if (c != '"')
                        break;
                } else if (c == '\n') {
                    new_line(r);
                }
                if (append(r, c) != 0)
                    return -1;
            }
            if (c != ',' && c != '\r' && c != '\n' && c != CSV_EOF) {
                if (c == CSV_READ_ERROR)
                    return fail(r, r->line, 0, "read error");
                return fail(r, r->line, r->column, "character after a closing quote");
            }
        } else {
            while (c != ',' && c != '\r' && c != '\n' && c != CSV_EOF) {
                if (c == CSV_READ_ERROR)
                    return fail(r, r->line, 0, "read error");
                if (c == '"')
                    return fail(r, r->line, r->column, "quote in an unquoted field");
                if (c == '\0')
                    return fail(r, r->line, r->column, "NUL byte");
                if (append(r, c) != 0)
                    return -1;
                c = next_byte(r);
            }
        }
        if (end_field(r, start) != 0)
            return -1;
        if (c == ',') {
            c = next_byte(r);
            continue;
        }
        int crlf = 0;
        if (c == '\r') {
            int64_t column = r->column;
            c = next_byte(r);
            if (c != '\n')
                return fail(r, r->line, column, "carriage return without a line feed");
            crlf = 1;
        }
        if (c == '\n') {
            new_line(r);
            if (!r->terminator_known) {
                r->terminator_known = 1;
                r->crlf = crlf;
            }
        }
        break; /* end of record (line end or end of input) */
    }
    if (r->expected_fields == 0) {
        r->expected_fields = r->n_fields;
    } else if (r->n_fields != r->expected_fields) {
        return fail(r, r->record_line, 0, "%llu fields where the first record has %llu",
                    (unsigned long long)r->n_fields, (unsigned long long)r->expected_fields);
    }
    return 1;
}

size_t csv_field_count(const csv_reader *r)
{
    return r->n_fields;
}

const char *csv_field(const csv_reader *r, size_t i, size_t *len)
{
    if (i >= r->n_fields) {
        if (len != NULL)
            *len = 0;
        return "";
    }
    if (len != NULL)
        *len = r->lengths[i];
    return r->data + r->offsets[i];
}

int64_t csv_line(const csv_reader *r)
{
    return r->record_line;
}

int csv_crlf(const csv_reader *r)
{
    return r->crlf;
}

const char *csv_error(const csv_reader *r)
{
    return r->error;
}

size_t csv_format_field(const char *field, size_t len, int only_field, char *out)
{
    /* quoted too: an empty only field (else a blank line) and a field that
     * starts like a byte order mark (else it would be skipped as one) */
    int quote = (only_field && len == 0) ||
                (len >= 3 && (unsigned char)field[0] == 0xEF && (unsigned char)field[1] == 0xBB &&
                 (unsigned char)field[2] == 0xBF);
    for (size_t i = 0; i < len && !quote; i++)
        quote = field[i] == ',' || field[i] == '"' || field[i] == '\r' || field[i] == '\n';
    size_t n = 0;
    if (quote)
        out[n++] = '"';
    for (size_t i = 0; i < len; i++) {
        if (field[i] == '"')
            out[n++] = '"';
        out[n++] = field[i];
    }
    if (quote)
        out[n++] = '"';
    return n;
}

/*
 * A strict RFC 4180 CSV reader and field writer, shared by the carealign
 * subcommands (and fuzzed by fuzz/fuzz_csv.c).
 *
 * - Records end with CRLF or LF; a CR not followed by LF is an error.
 * - Fields are separated by commas. A field that begins with a double quote
 *   is quoted: it may contain commas, CR, LF and doubled quotes (""), and
 *   must be followed by a comma, a line end or the end of input. A quote
 *   inside an unquoted field is an error.
 * - A UTF-8 byte order mark at the start is skipped. NUL bytes are errors.
 * - The last record may end without a line end. An empty line is a record
 *   with one empty field (RFC 4180); every record must have as many fields
 *   as the first.
 * - Errors carry the physical line (1-based) and the byte column (1-based)
 *   and never repeat field contents.
 *
 * Input comes from a read callback, so files, stdin, memory and (later)
 * gzip streams all go through the same code. Not thread-safe per reader.
 */
#ifndef CAREALIGN_TOOLS_CSV_H
#define CAREALIGN_TOOLS_CSV_H

#include <stddef.h>
#include <stdint.h>

/* The most bytes one record may hold (fields and their separators). */
#define CSV_MAX_RECORD (1u << 20)

/* Fill buf with up to cap bytes; return the number read, 0 at the end of
 * input. Set *failed to non-zero on a read error. */
typedef size_t (*csv_read_fn)(void *ctx, char *buf, size_t cap, int *failed);

typedef struct csv_reader csv_reader;

/* A reader over a callback, or NULL when out of memory. */
csv_reader *csv_open(csv_read_fn read, void *ctx);

/* Release a reader; NULL is a no-op. */
void csv_close(csv_reader *reader);

/* Read the next record: 1 when there is one, 0 at the end of input, -1 on
 * an error (see csv_error()). After an error every call returns -1. */
int csv_next(csv_reader *reader);

/* The number of fields of the current record. */
size_t csv_field_count(const csv_reader *reader);

/* Field i of the current record (NUL-terminated; *len, when not NULL,
 * receives its length, which may be less than strlen only never: NUL bytes
 * are rejected). Valid until the next csv_next(). */
const char *csv_field(const csv_reader *reader, size_t i, size_t *len);

/* The physical line on which the current record (or the error) started. */
int64_t csv_line(const csv_reader *reader);

/* 1 when the first record ended with CRLF, 0 otherwise. */
int csv_crlf(const csv_reader *reader);

/* The message of the last error, with line and column, e.g.
 * "line 3, column 7: quote in an unquoted field"; "" when none. */
const char *csv_error(const csv_reader *reader);

/* Write one field as RFC 4180 needs it (quoted when it holds a comma, a
 * quote, CR or LF, when it is empty and the only field of a record, or when
 * it starts with the bytes of a UTF-8 byte order mark) into
 * out, which must hold 2 * len + 2 bytes. Returns the bytes written. */
size_t csv_format_field(const char *field, size_t len, int only_field, char *out);

#endif /* CAREALIGN_TOOLS_CSV_H */

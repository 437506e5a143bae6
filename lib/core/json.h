/*
 * Internal strict JSON (RFC 8259) reader and writer: never installed, never
 * exported. The framework layer reads its files with it and writes its
 * canonical form and FHIR with the writer helpers.
 *
 * Reading is strict:
 * - the text must be UTF-8 (no byte order mark, no overlong forms, no
 *   surrogates, nothing above U+10FFFF); \u escapes must pair surrogates;
 * - exactly one value, with only JSON whitespace around it; no comments,
 *   no trailing commas, no NaN or Infinity, no leading zeros, no single
 *   quotes, no control characters inside strings;
 * - an object may not repeat a key (compared after unescaping);
 * - nesting deeper than max_depth and texts longer than max_bytes are
 *   refused.
 * A malformed text is CAREALIGN_EPARSE; a text over max_bytes, nesting
 * over max_depth or a non-zero number whose value's decimal exponent (n in
 * the canonical form below) is beyond +-10^15 is CAREALIGN_ERANGE;
 * running out of memory is CAREALIGN_ENOMEM. The last error has the 1-based
 * line and column (columns count characters, a tab as one; lines end at
 * LF) and reads "<source>:<line>:<column>: <what is wrong>".
 *
 * The document (DOM) lives in one arena allocated through carealign__malloc
 * and is released by one call to carealign__json_free. It is immutable, so
 * a parsed document may be read from several threads at once.
 *
 * Numbers keep their exact literal text; nothing is rounded until a caller
 * asks for a double. Strings are unescaped UTF-8 with an explicit length
 * (they may contain U+0000) and a terminating NUL after that length.
 * Object members are stored sorted in canonical key order (below), so a
 * lookup is a binary search and the canonical writer needs no scratch
 * memory; each member keeps the position where its key was written.
 *
 * Canonical form (the framework's identity, docs/framework.md):
 * - no whitespace; members sorted by their keys compared as sequences of
 *   UTF-16 code units (as RFC 8785, JCS, does); array order kept;
 * - strings: '"' and '\' escaped as \" and \\, U+0008, U+0009, U+000A,
 *   U+000C and U+000D as \b \t \n \f \r, other controls below U+0020 as
 *   \u00xx (lower-case hex); everything else, including '/' and non-ASCII,
 *   as raw UTF-8;
 * - numbers: the exact decimal value of the literal, laid out as
 *   ECMAScript's Number::toString lays out a number (RFC 8785 section
 *   3.2.2.3) but without converting to binary first: with the value written
 *   as s x 10^(n-k), s a k-digit integer without trailing zeros,
 *     k <= n <= 21      digits of s then n-k zeros        (100000)
 *     0 < n <= 21       s with a point after n digits     (2.5)
 *     -6 < n <= 0       "0." then -n zeros then s         (0.001)
 *     otherwise         d[.ddd]e+x or e-x, x = n-1        (1e+21, 1.5e-7)
 *   with '-' before a negative value and "0" for every zero (no "-0").
 *   For any number written with 15 or fewer significant digits inside the
 *   range of a double, this is byte for byte what RFC 8785 produces.
 */
#ifndef CAREALIGN_CORE_JSON_H
#define CAREALIGN_CORE_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "carealign/common.h"

enum {
    CAREALIGN__JSON_NULL = 0,
    CAREALIGN__JSON_FALSE = 1,
    CAREALIGN__JSON_TRUE = 2,
    CAREALIGN__JSON_NUMBER = 3,
    CAREALIGN__JSON_STRING = 4,
    CAREALIGN__JSON_ARRAY = 5,
    CAREALIGN__JSON_OBJECT = 6
};

/* Defaults used when a limit of 0 is given. */
#define CAREALIGN__JSON_DEFAULT_MAX_DEPTH 64u
#define CAREALIGN__JSON_DEFAULT_MAX_BYTES ((uint64_t)16 * 1024 * 1024)
/* Hard ceiling on nesting, whatever the caller asks (the parser recurses). */
#define CAREALIGN__JSON_MAX_DEPTH_LIMIT 1000u

typedef struct carealign__json carealign__json;
typedef struct carealign__json_member carealign__json_member;

struct carealign__json {
    int32_t type; /* CAREALIGN__JSON_* */
    int32_t reserved;
    int64_t line; /* 1-based position of the value's first character */
    int64_t column;
    const char *text;             /* STRING: unescaped UTF-8; NUMBER: the literal as written */
    size_t len;                   /* bytes in text (not counting the NUL after it) */
    size_t n;                     /* ARRAY: items; OBJECT: members */
    const carealign__json *items; /* ARRAY: n values in document order */
    const carealign__json_member *members; /* OBJECT: n members in canonical key order */
};

struct carealign__json_member {
    const char *key; /* unescaped UTF-8, NUL after key_len bytes */
    size_t key_len;
    int64_t line; /* position of the key's opening quote */
    int64_t column;
    carealign__json value;
};

typedef struct carealign__json_doc carealign__json_doc;

typedef struct carealign__json_limits {
    uint64_t max_bytes; /* 0 -> CAREALIGN__JSON_DEFAULT_MAX_BYTES */
    uint32_t max_depth; /* 0 -> CAREALIGN__JSON_DEFAULT_MAX_DEPTH; capped at the hard limit */
} carealign__json_limits;

/* Parse `len` bytes. `source` names the text in messages (NULL -> "<json>").
 * `limits` may be NULL for the defaults. On success *out owns everything. */
carealign_status carealign__json_parse(const char *text, size_t len, const char *source,
                                       const carealign__json_limits *limits,
                                       carealign__json_doc **out);
/* Release a document; NULL is a no-op. */
void carealign__json_free(carealign__json_doc *doc);
/* The document's root value. */
const carealign__json *carealign__json_root(const carealign__json_doc *doc);

/* The member named `key` (NUL-terminated) of an object, or NULL when the
 * value is not an object or has no such member. */
const carealign__json_member *carealign__json_find(const carealign__json *object, const char *key);
/* The member's value, or NULL (as carealign__json_find). */
const carealign__json *carealign__json_get(const carealign__json *object, const char *key);

/* Compare two UTF-8 strings as sequences of UTF-16 code units: <0, 0, >0. */
int carealign__json_key_compare(const char *a, size_t a_len, const char *b, size_t b_len);

/* The exact decomposition of a number literal: value = (-1)^negative x
 * 0.d1d2..dk x 10^point, with d1 != 0 and dk != 0 (k = 0 for zero). The
 * k significant digits are the first k digit characters of the literal
 * from offset `first`, skipping a '.' between them. EPARSE when the text is
 * not a JSON number; ERANGE when a non-zero value's point is beyond
 * +-10^15 (the limit is on the value, whatever exponent is written, so the
 * canonical form of an accepted number is accepted too). */
typedef struct carealign__json_decimal {
    int32_t negative;
    int32_t reserved;
    int64_t point;   /* ECMAScript's n */
    size_t n_digits; /* ECMAScript's k; 0 for zero */
    size_t first;    /* offset of d1 in the literal */
} carealign__json_decimal;
carealign_status carealign__json_decimal_of(const char *literal, size_t len,
                                            carealign__json_decimal *out);

/* The number as the nearest double. ERANGE when it overflows a double;
 * EINVAL when the value is not a number. */
carealign_status carealign__json_to_double(const carealign__json *value, double *out);
/* The number as an exact int64. EINVAL when it is not a number or not a
 * whole number (1.5); ERANGE when it does not fit. 1e3 and 1000.0 are 1000. */
carealign_status carealign__json_to_int64(const carealign__json *value, int64_t *out);

/* A growing output buffer. After any failed append `failed` is set and
 * later appends do nothing, so writers check once at the end. */
typedef struct carealign__json_buf {
    char *data; /* NUL-terminated while not failed */
    size_t len;
    size_t cap;
    int failed;
} carealign__json_buf;

void carealign__json_buf_init(carealign__json_buf *buf);
void carealign__json_buf_release(carealign__json_buf *buf);
void carealign__json_buf_append(carealign__json_buf *buf, const char *bytes, size_t len);
void carealign__json_buf_puts(carealign__json_buf *buf, const char *text);
/* A JSON string literal (quotes included) in the canonical escaping. The
 * bytes must be valid UTF-8 (a decoded string always is). */
void carealign__json_buf_string(carealign__json_buf *buf, const char *bytes, size_t len);
/* A number literal's canonical text. */
void carealign__json_buf_number(carealign__json_buf *buf, const char *literal, size_t len);
/* A value in canonical form. */
void carealign__json_write_canonical(carealign__json_buf *buf, const carealign__json *value);

/* Is `text` (len bytes) well-formed UTF-8 in the strict sense above? */
int carealign__json_utf8_valid(const char *text, size_t len);

#endif /* CAREALIGN_CORE_JSON_H */

/* Strict JSON (RFC 8259): a recursive-descent reader into an arena DOM, and
 * the canonical writer. The rules are in json.h. */
#include <float.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"
#include "core/json.h"

/* ---- arena ----------------------------------------------------------- */

enum { ARENA_BLOCK = 16384, ARENA_ALIGN = 16 };

typedef struct arena_block {
    struct arena_block *next;
    size_t used;
    size_t cap;
    max_align_t data[];
} arena_block;

struct carealign__json_doc {
    arena_block *blocks;
    carealign__json root;
};

static void *arena_alloc(carealign__json_doc *doc, size_t bytes)
{
    size_t need = (bytes + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1);
    if (need < bytes)
        return carealign__error(CAREALIGN_ENOMEM, "JSON document too large"), NULL;
    arena_block *b = doc->blocks;
    if (b == NULL || b->cap - b->used < need) {
        size_t cap = need > ARENA_BLOCK ? need : ARENA_BLOCK;
        if (cap > SIZE_MAX - sizeof(arena_block))
            return carealign__error(CAREALIGN_ENOMEM, "JSON document too large"), NULL;
        arena_block *fresh = carealign__malloc(sizeof(arena_block) + cap);
        if (fresh == NULL)
            return NULL;
        fresh->used = 0;
        fresh->cap = cap;
        if (b != NULL && need > ARENA_BLOCK) {
            /* A large piece gets its own block behind the current one, so
             * the current block's free space is not wasted. */
            fresh->next = b->next;
            b->next = fresh;
        } else {
            fresh->next = b;
            doc->blocks = fresh;
        }
        b = fresh;
    }
    void *p = (char *)b->data + b->used;
    b->used += need;
    return p;
}

void carealign__json_free(carealign__json_doc *doc)
{
    if (doc == NULL)
        return;
    arena_block *b = doc->blocks;
    while (b != NULL) {
        arena_block *next = b->next;
        carealign__free(b);
        b = next;
    }
    carealign__free(doc);
}

const carealign__json *carealign__json_root(const carealign__json_doc *doc)
{
    return doc ? &doc->root : NULL;
}

/* ---- UTF-8 ------------------------------------------------------------ */

/* Length of the well-formed UTF-8 sequence at p (RFC 3629 table 3-7), or 0. */
static size_t utf8_sequence(const unsigned char *p, const unsigned char *end, uint32_t *cp)
{
    unsigned char c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    uint32_t v;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0Fu;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F; /* no UTF-16 surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07u;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        return 0;
    }
    if ((size_t)(end - p) < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        unsigned char t = p[i];
        if (i == 1 ? (t < lo || t > hi) : (t < 0x80 || t > 0xBF))
            return 0;
        v = (v << 6) | (t & 0x3Fu);
    }
    *cp = v;
    return n;
}

int carealign__json_utf8_valid(const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text, *end = p + len;
    while (p < end) {
        uint32_t cp;
        size_t n = utf8_sequence(p, end, &cp);
        if (n == 0)
            return 0;
        p += n;
    }
    return 1;
}

static size_t utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decode one code point of text already known to be valid UTF-8. */
static uint32_t utf8_next(const unsigned char **p, const unsigned char *end)
{
    uint32_t cp = 0;
    size_t n = utf8_sequence(*p, end, &cp);
    *p += n ? n : 1;
    return cp;
}

int carealign__json_key_compare(const char *a, size_t a_len, const char *b, size_t b_len)
{
    const unsigned char *pa = (const unsigned char *)a, *ea = pa + a_len;
    const unsigned char *pb = (const unsigned char *)b, *eb = pb + b_len;
    while (pa < ea && pb < eb) {
        uint32_t ca = utf8_next(&pa, ea), cb = utf8_next(&pb, eb);
        if (ca == cb)
            continue;
        /* The first UTF-16 code unit decides unless both are supplementary
         * with the same high surrogate; then the low surrogates, which
         * order as the code points do. */
        uint32_t ua = ca < 0x10000 ? ca : 0xD800 + ((ca - 0x10000) >> 10);
        uint32_t ub = cb < 0x10000 ? cb : 0xD800 + ((cb - 0x10000) >> 10);
        if (ua != ub)
            return ua < ub ? -1 : 1;
        return ca < cb ? -1 : 1;
    }
    if (pa < ea)
        return 1;
    if (pb < eb)
        return -1;
    return 0;
}

/* ---- numbers ---------------------------------------------------------- */

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Length of a JSON number at the start of s (0 if none), and where its
 * first bad character is when it is malformed (*bad, else NULL). */
static size_t scan_number(const unsigned char *s, const unsigned char *end,
                          const unsigned char **bad, const char **why)
{
    const unsigned char *p = s;
    *bad = NULL;
    if (p < end && *p == '-')
        p++;
    if (p >= end || !is_digit(*p)) {
        *bad = p;
        *why = "expected a digit";
        return 0;
    }
    if (*p == '0') {
        p++;
        if (p < end && is_digit(*p)) {
            *bad = p;
            *why = "leading zeros are not allowed in numbers";
            return 0;
        }
    } else {
        while (p < end && is_digit(*p))
            p++;
    }
    if (p < end && *p == '.') {
        p++;
        if (p >= end || !is_digit(*p)) {
            *bad = p;
            *why = "expected a digit after the decimal point";
            return 0;
        }
        while (p < end && is_digit(*p))
            p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (p >= end || !is_digit(*p)) {
            *bad = p;
            *why = "expected a digit in the exponent";
            return 0;
        }
        while (p < end && is_digit(*p))
            p++;
    }
    return (size_t)(p - s);
}

/* A value's decimal exponent (ECMAScript's n, the `point` below) must lie
 * within +-POINT_LIMIT; zero is accepted whatever its exponent. The limit is
 * on the value, not on the exponent as written, so that the canonical form
 * of every accepted number (which writes n - 1) is itself accepted. The
 * written exponent is read with saturation at EXPONENT_SATURATE, far beyond
 * the limit, so that no spelling overflows. */
#define POINT_LIMIT INT64_C(1000000000000000)
#define EXPONENT_SATURATE INT64_C(100000000000000000)

carealign_status carealign__json_decimal_of(const char *literal, size_t len,
                                            carealign__json_decimal *out)
{
    const unsigned char *s = (const unsigned char *)literal, *end = s + len;
    const unsigned char *bad;
    const char *why;
    if (literal == NULL || scan_number(s, end, &bad, &why) != len)
        return carealign__error(CAREALIGN_EPARSE, "not a JSON number");
    carealign__json_decimal d = {0, 0, 0, 0, 0};
    const unsigned char *p = s;
    if (*p == '-') {
        d.negative = 1;
        p++;
    }
    /* Mantissa: count integer digits, find the first and last non-zero. */
    int64_t int_digits = 0;
    int64_t index = 0; /* digit index within the mantissa */
    int64_t first_nz = -1, last_nz = -1;
    size_t first_off = 0;
    int in_fraction = 0;
    for (; p < end && (is_digit(*p) || *p == '.'); p++) {
        if (*p == '.') {
            in_fraction = 1;
            continue;
        }
        if (!in_fraction)
            int_digits++;
        if (*p != '0') {
            if (first_nz < 0) {
                first_nz = index;
                first_off = (size_t)(p - s);
            }
            last_nz = index;
        }
        index++;
    }
    int64_t exponent = 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        int neg = 0;
        if (*p == '+' || *p == '-')
            neg = *p++ == '-';
        for (; p < end; p++)
            if (exponent < EXPONENT_SATURATE)
                exponent = exponent * 10 + (*p - '0');
        if (neg)
            exponent = -exponent;
    }
    if (first_nz < 0) {
        d.negative = 0; /* every zero is "0" */
        *out = d;
        return CAREALIGN_OK;
    }
    d.n_digits = (size_t)(last_nz - first_nz + 1);
    d.point = int_digits - first_nz + exponent;
    if (d.point > POINT_LIMIT || d.point < -POINT_LIMIT)
        return carealign__error(CAREALIGN_ERANGE, "number exponent out of range");
    d.first = first_off;
    *out = d;
    return CAREALIGN_OK;
}

/* The i-th significant digit character, walking from `first` over a '.'. */
typedef struct digit_walk {
    const char *p;
} digit_walk;

static char next_digit(digit_walk *w)
{
    if (*w->p == '.')
        w->p++;
    return *w->p++;
}

carealign_status carealign__json_to_double(const carealign__json *value, double *out)
{
    if (value == NULL || value->type != CAREALIGN__JSON_NUMBER)
        return carealign__error(CAREALIGN_EINVAL, "not a number");
    carealign__json_decimal d;
    carealign_status st = carealign__json_decimal_of(value->text, value->len, &d);
    if (st != CAREALIGN_OK)
        return st;
    if (d.n_digits == 0) {
        *out = 0.0;
        return CAREALIGN_OK;
    }
    if (d.point > 310)
        return carealign__error(CAREALIGN_ERANGE, "number too large for a double");
    if (d.point < -400) {
        *out = d.negative ? -0.0 : 0.0;
        return CAREALIGN_OK;
    }
    /* "[-]digits" "e" exponent, without a decimal point, so that strtod's
     * reading does not depend on the locale's radix character. */
    char small[128];
    size_t need = d.n_digits + 32;
    char *text = need <= sizeof small ? small : carealign__malloc(need);
    if (text == NULL)
        return CAREALIGN_ENOMEM;
    size_t n = 0;
    if (d.negative)
        text[n++] = '-';
    digit_walk w = {value->text + d.first};
    for (size_t i = 0; i < d.n_digits; i++)
        text[n++] = next_digit(&w);
    snprintf(text + n, need - n, "e%" PRId64, d.point - (int64_t)d.n_digits);
    double v = strtod(text, NULL);
    if (text != small)
        carealign__free(text);
    if (v > DBL_MAX || v < -DBL_MAX) /* not isinf: mingw's macro narrows to float */
        return carealign__error(CAREALIGN_ERANGE, "number too large for a double");
    *out = v;
    return CAREALIGN_OK;
}

carealign_status carealign__json_to_int64(const carealign__json *value, int64_t *out)
{
    if (value == NULL || value->type != CAREALIGN__JSON_NUMBER)
        return carealign__error(CAREALIGN_EINVAL, "not a number");
    carealign__json_decimal d;
    carealign_status st = carealign__json_decimal_of(value->text, value->len, &d);
    if (st != CAREALIGN_OK)
        return st;
    if (d.n_digits == 0) {
        *out = 0;
        return CAREALIGN_OK;
    }
    if (d.point < (int64_t)d.n_digits)
        return carealign__error(CAREALIGN_EINVAL, "not a whole number");
    if (d.point > 19)
        return carealign__error(CAREALIGN_ERANGE, "whole number out of range");
    uint64_t limit = d.negative ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
    uint64_t v = 0;
    digit_walk w = {value->text + d.first};
    for (int64_t i = 0; i < d.point; i++) {
        unsigned digit = i < (int64_t)d.n_digits ? (unsigned)(next_digit(&w) - '0') : 0u;
        if (v > (limit - digit) / 10)
            return carealign__error(CAREALIGN_ERANGE, "whole number out of range");
        v = v * 10 + digit;
    }
    *out = d.negative ? (v == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)v) : (int64_t)v;
    return CAREALIGN_OK;
}

/* ---- output buffer ------------------------------------------------------ */

void carealign__json_buf_init(carealign__json_buf *buf)
{
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
    buf->failed = 0;
}

void carealign__json_buf_release(carealign__json_buf *buf)
{
    carealign__free(buf->data);
    carealign__json_buf_init(buf);
}

void carealign__json_buf_append(carealign__json_buf *buf, const char *bytes, size_t len)
{
    if (buf->failed)
        return;
    if (len >= buf->cap - buf->len || buf->data == NULL) {
        size_t cap = buf->cap ? buf->cap : 256;
        while (cap - buf->len <= len) {
            if (cap > SIZE_MAX / 2) {
                buf->failed = 1;
                carealign__error(CAREALIGN_ENOMEM, "output too large");
                return;
            }
            cap *= 2;
        }
        char *grown = carealign__realloc(buf->data, cap);
        if (grown == NULL) {
            buf->failed = 1;
            return;
        }
        buf->data = grown;
        buf->cap = cap;
    }
    if (len > 0)
        memcpy(buf->data + buf->len, bytes, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
}

void carealign__json_buf_puts(carealign__json_buf *buf, const char *text)
{
    carealign__json_buf_append(buf, text, strlen(text));
}

void carealign__json_buf_string(carealign__json_buf *buf, const char *bytes, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    carealign__json_buf_append(buf, "\"", 1);
    size_t run = 0; /* bytes copied as they are, pending */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)bytes[i];
        char esc[6];
        size_t n = 0;
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            n = 2;
        } else if (c < 0x20) {
            esc[0] = '\\';
            n = 2;
            switch (c) {
            case '\b': esc[1] = 'b'; break;
            case '\t': esc[1] = 't'; break;
            case '\n': esc[1] = 'n'; break;
            case '\f': esc[1] = 'f'; break;
            case '\r': esc[1] = 'r'; break;
            default:
                esc[1] = 'u';
                esc[2] = '0';
                esc[3] = '0';
                esc[4] = hex[c >> 4];
                esc[5] = hex[c & 15];
                n = 6;
            }
        } else {
            run++;
            continue;
        }
        carealign__json_buf_append(buf, bytes + i - run, run);
        run = 0;
        carealign__json_buf_append(buf, esc, n);
    }
    carealign__json_buf_append(buf, bytes + len - run, run);
    carealign__json_buf_append(buf, "\"", 1);
}

void carealign__json_buf_number(carealign__json_buf *buf, const char *literal, size_t len)
{
    carealign__json_decimal d;
    if (carealign__json_decimal_of(literal, len, &d) != CAREALIGN_OK) {
        buf->failed = 1;
        return;
    }
    if (d.n_digits == 0) {
        carealign__json_buf_append(buf, "0", 1);
        return;
    }
    if (d.negative)
        carealign__json_buf_append(buf, "-", 1);
    digit_walk w = {literal + d.first};
    int64_t k = (int64_t)d.n_digits, n = d.point;
    char c;
    if (k <= n && n <= 21) {
        for (int64_t i = 0; i < k; i++)
            c = next_digit(&w), carealign__json_buf_append(buf, &c, 1);
        for (int64_t i = k; i < n; i++)
            carealign__json_buf_append(buf, "0", 1);
    } else if (0 < n && n <= 21) {
        for (int64_t i = 0; i < k; i++) {
            if (i == n)
                carealign__json_buf_append(buf, ".", 1);
            c = next_digit(&w), carealign__json_buf_append(buf, &c, 1);
        }
    } else if (-6 < n && n <= 0) {
        carealign__json_buf_append(buf, "0.", 2);
        for (int64_t i = n; i < 0; i++)
            carealign__json_buf_append(buf, "0", 1);
        for (int64_t i = 0; i < k; i++)
            c = next_digit(&w), carealign__json_buf_append(buf, &c, 1);
    } else {
        c = next_digit(&w), carealign__json_buf_append(buf, &c, 1);
        if (k > 1) {
            carealign__json_buf_append(buf, ".", 1);
            for (int64_t i = 1; i < k; i++)
                c = next_digit(&w), carealign__json_buf_append(buf, &c, 1);
        }
        char e[32];
        int m = snprintf(e, sizeof e, "e%c%" PRId64, n - 1 < 0 ? '-' : '+',
                         n - 1 < 0 ? -(n - 1) : n - 1);
        carealign__json_buf_append(buf, e, (size_t)m);
    }
}

void carealign__json_write_canonical(carealign__json_buf *buf, const carealign__json *value)
{
    switch (value->type) {
    case CAREALIGN__JSON_NULL: carealign__json_buf_append(buf, "null", 4); break;
    case CAREALIGN__JSON_FALSE: carealign__json_buf_append(buf, "false", 5); break;
    case CAREALIGN__JSON_TRUE: carealign__json_buf_append(buf, "true", 4); break;
    case CAREALIGN__JSON_NUMBER: carealign__json_buf_number(buf, value->text, value->len); break;
    case CAREALIGN__JSON_STRING: carealign__json_buf_string(buf, value->text, value->len); break;
    case CAREALIGN__JSON_ARRAY:
        carealign__json_buf_append(buf, "[", 1);
        for (size_t i = 0; i < value->n; i++) {
            if (i > 0)
                carealign__json_buf_append(buf, ",", 1);
            carealign__json_write_canonical(buf, &value->items[i]);
        }
        carealign__json_buf_append(buf, "]", 1);
        break;
    case CAREALIGN__JSON_OBJECT:
        carealign__json_buf_append(buf, "{", 1);
        for (size_t i = 0; i < value->n; i++) {
            const carealign__json_member *m = &value->members[i];
            if (i > 0)
                carealign__json_buf_append(buf, ",", 1);
            carealign__json_buf_string(buf, m->key, m->key_len);
            carealign__json_buf_append(buf, ":", 1);
            carealign__json_write_canonical(buf, &m->value);
        }
        carealign__json_buf_append(buf, "}", 1);
        break;
    default: buf->failed = 1;
    }
}

/* ---- lookup ------------------------------------------------------------- */

const carealign__json_member *carealign__json_find(const carealign__json *object, const char *key)
{
    if (object == NULL || object->type != CAREALIGN__JSON_OBJECT || key == NULL)
        return NULL;
    size_t key_len = strlen(key), lo = 0, hi = object->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const carealign__json_member *m = &object->members[mid];
        int c = carealign__json_key_compare(m->key, m->key_len, key, key_len);
        if (c == 0)
            return m;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const carealign__json *carealign__json_get(const carealign__json *object, const char *key)
{
    const carealign__json_member *m = carealign__json_find(object, key);
    return m ? &m->value : NULL;
}

/* ---- parser ------------------------------------------------------------- */

typedef struct parser {
    const unsigned char *start, *p, *end;
    const char *source;
    uint32_t max_depth;
    int64_t line;
    const unsigned char *line_start;
    const unsigned char *col_at; /* column is known at this position ... */
    int64_t col;                 /* ... and is this */
    carealign__json_doc *doc;
    carealign__json *items; /* work stacks for open containers */
    size_t n_items, cap_items;
    carealign__json_member *members;
    size_t n_members, cap_members;
} parser;

static int64_t column_of(parser *ps, const unsigned char *at)
{
    if (at < ps->col_at || ps->col_at < ps->line_start) {
        ps->col_at = ps->line_start;
        ps->col = 1;
    }
    for (const unsigned char *q = ps->col_at; q < at; q++)
        if ((*q & 0xC0) != 0x80)
            ps->col++;
    ps->col_at = at;
    return ps->col;
}

static carealign_status fail_at(parser *ps, carealign_status status, const unsigned char *at,
                                const char *fmt, ...) CAREALIGN__PRINTF(4, 5);

static carealign_status fail_at(parser *ps, carealign_status status, const unsigned char *at,
                                const char *fmt, ...)
{
    char what[320];
    va_list args;
    va_start(args, fmt);
    if (vsnprintf(what, sizeof what, fmt, args) < 0)
        what[0] = '\0';
    va_end(args);
    int64_t column = column_of(ps, at);
    return carealign__error_at(status, ps->line, column, "%s:%" PRId64 ":%" PRId64 ": %s",
                               ps->source, ps->line, column, what);
}

static void skip_ws(parser *ps)
{
    const unsigned char *p = ps->p, *end = ps->end;
    while (p < end) {
        unsigned char c = *p;
        if (c == '\n') {
            ps->line++;
            ps->line_start = p + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            break;
        }
        p++;
    }
    ps->p = p;
}

/* Describe the character at p for a message, never quoting more than it. */
static carealign_status unexpected(parser *ps, const unsigned char *at, const char *expected)
{
    if (at >= ps->end)
        return fail_at(ps, CAREALIGN_EPARSE, at, "unexpected end of input; expected %s", expected);
    unsigned char c = *at;
    if (c == '/')
        return fail_at(ps, CAREALIGN_EPARSE, at, "comments are not allowed in JSON");
    if (c == '\'')
        return fail_at(ps, CAREALIGN_EPARSE, at,
                       "single quotes are not allowed in JSON; use double quotes");
    if (c > 0x20 && c < 0x7F)
        return fail_at(ps, CAREALIGN_EPARSE, at, "unexpected character '%c'; expected %s", c,
                       expected);
    return fail_at(ps, CAREALIGN_EPARSE, at, "unexpected byte 0x%02X; expected %s", c, expected);
}

static carealign_status push_item(parser *ps, const carealign__json *v)
{
    if (ps->n_items == ps->cap_items) {
        size_t cap = ps->cap_items ? ps->cap_items * 2 : 64;
        carealign__json *grown = carealign__realloc_array(ps->items, cap, sizeof *grown);
        if (grown == NULL)
            return CAREALIGN_ENOMEM;
        ps->items = grown;
        ps->cap_items = cap;
    }
    ps->items[ps->n_items++] = *v;
    return CAREALIGN_OK;
}

static carealign_status push_member(parser *ps, const carealign__json_member *m)
{
    if (ps->n_members == ps->cap_members) {
        size_t cap = ps->cap_members ? ps->cap_members * 2 : 64;
        carealign__json_member *grown = carealign__realloc_array(ps->members, cap, sizeof *grown);
        if (grown == NULL)
            return CAREALIGN_ENOMEM;
        ps->members = grown;
        ps->cap_members = cap;
    }
    ps->members[ps->n_members++] = *m;
    return CAREALIGN_OK;
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static carealign_status read_hex4(parser *ps, const unsigned char *at, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        if (at + i >= ps->end || hex_value(at[i]) < 0)
            return fail_at(ps, CAREALIGN_EPARSE, at + i,
                           "a \\u escape needs four hexadecimal digits");
        v = (v << 4) | (uint32_t)hex_value(at[i]);
    }
    *out = v;
    return CAREALIGN_OK;
}

/* ps->p at the opening quote. Decodes into the arena. */
static carealign_status parse_string(parser *ps, const char **out, size_t *out_len)
{
    const unsigned char *open = ps->p, *q = open + 1;
    /* Find the closing quote; controls are refused on the way. */
    while (q < ps->end && *q != '"') {
        if (*q < 0x20)
            return fail_at(ps, CAREALIGN_EPARSE, q,
                           *q == '\n' ? "line break inside a string; write it as \\n"
                                      : "control character inside a string; escape it");
        q += *q == '\\' && q + 1 < ps->end ? 2 : 1;
    }
    if (q >= ps->end)
        return fail_at(ps, CAREALIGN_EPARSE, open, "unterminated string");
    const unsigned char *close = q;
    char *text = arena_alloc(ps->doc, (size_t)(close - open));
    if (text == NULL)
        return CAREALIGN_ENOMEM;
    size_t n = 0;
    for (q = open + 1; q < close;) {
        unsigned char c = *q;
        if (c != '\\') {
            uint32_t cp;
            size_t len = utf8_sequence(q, close, &cp);
            if (len == 0)
                return fail_at(ps, CAREALIGN_EPARSE, q, "invalid UTF-8 (byte 0x%02X)", c);
            memcpy(text + n, q, len);
            n += len;
            q += len;
            continue;
        }
        unsigned char e = q[1];
        const char *simple = NULL;
        switch (e) {
        case '"': simple = "\""; break;
        case '\\': simple = "\\"; break;
        case '/': simple = "/"; break;
        case 'b': simple = "\b"; break;
        case 'f': simple = "\f"; break;
        case 'n': simple = "\n"; break;
        case 'r': simple = "\r"; break;
        case 't': simple = "\t"; break;
        case 'u': break;
        default:
            return fail_at(ps, CAREALIGN_EPARSE, q,
                           "invalid escape; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t "
                           "and \\uXXXX");
        }
        if (simple != NULL) {
            text[n++] = simple[0];
            q += 2;
            continue;
        }
        uint32_t cp = 0;
        carealign_status st = read_hex4(ps, q + 2, &cp);
        if (st != CAREALIGN_OK)
            return st;
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return fail_at(ps, CAREALIGN_EPARSE, q, "unpaired low surrogate \\u%04X", cp);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t low = 0;
            if (q + 7 >= close || q[6] != '\\' || q[7] != 'u')
                return fail_at(ps, CAREALIGN_EPARSE, q, "unpaired high surrogate \\u%04X", cp);
            st = read_hex4(ps, q + 8, &low);
            if (st != CAREALIGN_OK)
                return st;
            if (low < 0xDC00 || low > 0xDFFF)
                return fail_at(ps, CAREALIGN_EPARSE, q, "unpaired high surrogate \\u%04X", cp);
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            q += 6;
        }
        q += 6;
        n += utf8_encode(cp, text + n);
    }
    text[n] = '\0';
    *out = text;
    *out_len = n;
    ps->p = close + 1;
    return CAREALIGN_OK;
}

static carealign_status parse_value(parser *ps, uint32_t depth, carealign__json *out);

/* qsort has no context: positions break ties so the order is total. */
static int member_order(const void *a, const void *b)
{
    const carealign__json_member *x = a, *y = b;
    int c = carealign__json_key_compare(x->key, x->key_len, y->key, y->key_len);
    if (c != 0)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->column < y->column ? -1 : x->column > y->column;
}

static void printable_key(const char *key, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 4 < cap; i++) {
        unsigned char c = (unsigned char)key[i];
        out[n++] = c < 0x20 || c == 0x7F ? '?' : (char)c;
    }
    if (n + 4 >= cap && len > n) {
        /* Cut at a character boundary, then mark the cut. */
        while (n > 0 && ((unsigned char)out[n - 1] & 0xC0) == 0x80)
            n--;
        if (n > 0 && ((unsigned char)out[n - 1] & 0xC0) == 0xC0)
            n--;
        memcpy(out + n, "...", 3);
        n += 3;
    }
    out[n] = '\0';
}

static carealign_status parse_object(parser *ps, uint32_t depth, carealign__json *out)
{
    const unsigned char *open = ps->p;
    if (depth > ps->max_depth)
        return fail_at(ps, CAREALIGN_ERANGE, open, "nesting deeper than %u levels", ps->max_depth);
    size_t base = ps->n_members;
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == '}') {
        ps->p++;
    } else {
        for (;;) {
            if (ps->p >= ps->end || *ps->p != '"') {
                if (ps->p < ps->end && *ps->p == '}' && ps->n_members > base)
                    return fail_at(ps, CAREALIGN_EPARSE, ps->p,
                                   "trailing comma before '}' is not allowed");
                return unexpected(ps, ps->p, "a member name in double quotes");
            }
            carealign__json_member m;
            m.line = ps->line;
            m.column = column_of(ps, ps->p);
            carealign_status st = parse_string(ps, &m.key, &m.key_len);
            if (st != CAREALIGN_OK)
                return st;
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':')
                return unexpected(ps, ps->p, "':' after the member name");
            ps->p++;
            skip_ws(ps);
            st = parse_value(ps, depth, &m.value);
            if (st != CAREALIGN_OK)
                return st;
            st = push_member(ps, &m);
            if (st != CAREALIGN_OK)
                return st;
            skip_ws(ps);
            if (ps->p < ps->end && *ps->p == ',') {
                ps->p++;
                skip_ws(ps);
                continue;
            }
            if (ps->p < ps->end && *ps->p == '}') {
                ps->p++;
                break;
            }
            return unexpected(ps, ps->p, "',' or '}'");
        }
    }
    size_t n = ps->n_members - base;
    carealign__json_member *members = NULL;
    if (n > 0) {
        members = arena_alloc(ps->doc, n * sizeof *members);
        if (members == NULL)
            return CAREALIGN_ENOMEM;
        memcpy(members, ps->members + base, n * sizeof *members);
        qsort(members, n, sizeof *members, member_order);
        for (size_t i = 1; i < n; i++) {
            const carealign__json_member *a = &members[i - 1], *b = &members[i];
            if (carealign__json_key_compare(a->key, a->key_len, b->key, b->key_len) == 0) {
                char key[64];
                printable_key(b->key, b->key_len, key, sizeof key);
                return carealign__error_at(CAREALIGN_EPARSE, b->line, b->column,
                                           "%s:%" PRId64 ":%" PRId64 ": duplicate key \"%s\" "
                                           "(first at line %" PRId64 ", column %" PRId64 ")",
                                           ps->source, b->line, b->column, key, a->line, a->column);
            }
        }
    }
    ps->n_members = base;
    out->type = CAREALIGN__JSON_OBJECT;
    out->n = n;
    out->members = members;
    return CAREALIGN_OK;
}

static carealign_status parse_array(parser *ps, uint32_t depth, carealign__json *out)
{
    const unsigned char *open = ps->p;
    if (depth > ps->max_depth)
        return fail_at(ps, CAREALIGN_ERANGE, open, "nesting deeper than %u levels", ps->max_depth);
    size_t base = ps->n_items;
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ']') {
        ps->p++;
    } else {
        for (;;) {
            if (ps->p < ps->end && *ps->p == ']' && ps->n_items > base)
                return fail_at(ps, CAREALIGN_EPARSE, ps->p,
                               "trailing comma before ']' is not allowed");
            carealign__json v;
            carealign_status st = parse_value(ps, depth, &v);
            if (st != CAREALIGN_OK)
                return st;
            st = push_item(ps, &v);
            if (st != CAREALIGN_OK)
                return st;
            skip_ws(ps);
            if (ps->p < ps->end && *ps->p == ',') {
                ps->p++;
                skip_ws(ps);
                continue;
            }
            if (ps->p < ps->end && *ps->p == ']') {
                ps->p++;
                break;
            }
            return unexpected(ps, ps->p, "',' or ']'");
        }
    }
    size_t n = ps->n_items - base;
    carealign__json *items = NULL;
    if (n > 0) {
        items = arena_alloc(ps->doc, n * sizeof *items);
        if (items == NULL)
            return CAREALIGN_ENOMEM;
        memcpy(items, ps->items + base, n * sizeof *items);
    }
    ps->n_items = base;
    out->type = CAREALIGN__JSON_ARRAY;
    out->n = n;
    out->items = items;
    return CAREALIGN_OK;
}

static int word_at(const parser *ps, const char *word, size_t len)
{
    return (size_t)(ps->end - ps->p) >= len && memcmp(ps->p, word, len) == 0;
}

static carealign_status parse_value(parser *ps, uint32_t depth, carealign__json *out)
{
    memset(out, 0, sizeof *out);
    out->line = ps->line;
    out->column = column_of(ps, ps->p);
    if (ps->p >= ps->end)
        return unexpected(ps, ps->p, "a value");
    unsigned char c = *ps->p;
    switch (c) {
    case '{': return parse_object(ps, depth + 1, out);
    case '[': return parse_array(ps, depth + 1, out);
    case '"': out->type = CAREALIGN__JSON_STRING; return parse_string(ps, &out->text, &out->len);
    case 't':
    case 'f':
    case 'n': {
        static const char *const words[] = {"true", "false", "null"};
        static const int32_t types[] = {CAREALIGN__JSON_TRUE, CAREALIGN__JSON_FALSE,
                                        CAREALIGN__JSON_NULL};
        int i = c == 't' ? 0 : c == 'f' ? 1 : 2;
        size_t len = strlen(words[i]);
        if (!word_at(ps, words[i], len))
            return fail_at(ps, CAREALIGN_EPARSE, ps->p, "unknown word; expected %s", words[i]);
        ps->p += len;
        out->type = types[i];
        return CAREALIGN_OK;
    }
    default: break;
    }
    if (c == '-' || is_digit(c)) {
        const unsigned char *bad;
        const char *why;
        size_t len = scan_number(ps->p, ps->end, &bad, &why);
        if (len == 0) {
            if (c == '-' && bad < ps->end && (*bad == 'I' || *bad == 'N'))
                return fail_at(ps, CAREALIGN_EPARSE, ps->p,
                               "Infinity and NaN are not JSON numbers");
            return fail_at(ps, CAREALIGN_EPARSE, bad, "%s", why);
        }
        carealign__json_decimal d;
        if (carealign__json_decimal_of((const char *)ps->p, len, &d) != CAREALIGN_OK)
            return fail_at(
                ps, CAREALIGN_ERANGE, ps->p,
                "number exponent out of range (the value's decimal exponent is beyond +-10^15)");
        char *copy = arena_alloc(ps->doc, len + 1);
        if (copy == NULL)
            return CAREALIGN_ENOMEM;
        memcpy(copy, ps->p, len);
        copy[len] = '\0';
        out->type = CAREALIGN__JSON_NUMBER;
        out->text = copy;
        out->len = len;
        ps->p += len;
        return CAREALIGN_OK;
    }
    if (c == 'N' || c == 'I')
        return fail_at(ps, CAREALIGN_EPARSE, ps->p, "Infinity and NaN are not JSON numbers");
    if (c == '+' || c == '.')
        return fail_at(ps, CAREALIGN_EPARSE, ps->p, "a JSON number starts with '-' or a digit");
    return unexpected(ps, ps->p, "a value");
}

carealign_status carealign__json_parse(const char *text, size_t len, const char *source,
                                       const carealign__json_limits *limits,
                                       carealign__json_doc **out)
{
    if (out == NULL || (text == NULL && len > 0))
        return carealign__error(CAREALIGN_EINVAL, "JSON parse: NULL argument");
    if (source == NULL)
        source = "<json>";
    uint64_t max_bytes =
        limits && limits->max_bytes ? limits->max_bytes : CAREALIGN__JSON_DEFAULT_MAX_BYTES;
    uint32_t max_depth =
        limits && limits->max_depth ? limits->max_depth : CAREALIGN__JSON_DEFAULT_MAX_DEPTH;
    if (max_depth > CAREALIGN__JSON_MAX_DEPTH_LIMIT)
        max_depth = CAREALIGN__JSON_MAX_DEPTH_LIMIT;
    if ((uint64_t)len > max_bytes)
        return carealign__error(CAREALIGN_ERANGE, "%s: %zu bytes, more than the limit of %" PRIu64,
                                source, len, max_bytes);

    parser ps;
    memset(&ps, 0, sizeof ps);
    ps.start = ps.p = (const unsigned char *)(text ? text : "");
    ps.end = ps.start + len;
    ps.source = source;
    ps.max_depth = max_depth;
    ps.line = 1;
    ps.line_start = ps.col_at = ps.start;
    ps.col = 1;
    ps.doc = carealign__malloc(sizeof *ps.doc);
    if (ps.doc == NULL)
        return CAREALIGN_ENOMEM;
    ps.doc->blocks = NULL;

    carealign_status st;
    if (len >= 3 && memcmp(ps.p, "\xEF\xBB\xBF", 3) == 0) {
        st = fail_at(&ps, CAREALIGN_EPARSE, ps.p,
                     "byte order mark is not allowed; save the file as UTF-8 without BOM");
    } else {
        skip_ws(&ps);
        st = parse_value(&ps, 0, &ps.doc->root);
        if (st == CAREALIGN_OK) {
            skip_ws(&ps);
            if (ps.p < ps.end)
                st = fail_at(&ps, CAREALIGN_EPARSE, ps.p, "unexpected text after the JSON value");
        }
    }
    carealign__free(ps.items);
    carealign__free(ps.members);
    if (st != CAREALIGN_OK) {
        carealign__json_free(ps.doc);
        return st;
    }
    *out = ps.doc;
    return CAREALIGN_OK;
}

/* carealign score INSTRUMENT [--valueset NAME] [FILE|-]
 *
 * Reads a CSV file whose header names the instrument's item columns (the
 * registry's item codes, matched without regard to ASCII case; EQ-5D also
 * accepts one "profile" column of five digits such as 12321) and writes it
 * back with two more columns, "score" and "status". A row that cannot be
 * scored keeps its line with an empty score and the status name
 * (EMISSING, EINVAL) and is reported on stderr with its line number; the
 * messages name the column or item, never the answer. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"
#include "commands.h"
#include "csv.h"

enum { MAX_ITEMS = 64 };

void tool_score_usage(FILE *out)
{
    fputs("usage: carealign score INSTRUMENT [--valueset NAME] [FILE|-]\n"
          "\n"
          "Scores each row of a CSV file (stdin when FILE is - or absent). The header\n"
          "names the item columns by their codes (docs/instruments.md); other columns\n"
          "pass through. Output: the input columns plus score and status. A row that\n"
          "fails keeps its line with an empty score and the status name and is\n"
          "reported on stderr with its line number.\n"
          "\n"
          "instruments and value sets (the first is the default):\n",
          out);
    for (size_t i = 0; i < carealign_instrument_count(); i++) {
        const carealign_instrument_info *info = carealign_instrument_get(i);
        fprintf(out, "  %-11s", info->name);
        for (size_t v = 0; v < info->n_valuesets; v++)
            fprintf(out, " %s", carealign_instrument_valueset(info, v)->name);
        fputs("\n", out);
    }
    fputs("\nexit status: 0 all rows scored, 3 some rows failed, 2 usage error,\n"
          "1 other error (unreadable or malformed input, missing columns)\n",
          out);
}

static int ascii_equal(const char *a, const char *b)
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

static size_t read_file(void *ctx, char *buf, size_t cap, int *failed)
{
    FILE *f = ctx;
    size_t n = fread(buf, 1, cap, f);
    if (n == 0 && ferror(f))
        *failed = 1;
    return n;
}

/* A whole number of at most nine digits with an optional sign: never
 * CAREALIGN_ITEM_MISSING. Returns 0 when the text is not one. */
static int parse_level(const char *text, size_t len, int32_t *out)
{
    size_t i = 0;
    int negative = 0;
    if (len > 0 && (text[0] == '-' || text[0] == '+')) {
        negative = text[0] == '-';
        i = 1;
    }
    if (i == len || len - i > 9)
        return 0;
    int32_t value = 0;
    for (; i < len; i++) {
        if (text[i] < '0' || text[i] > '9')
            return 0;
        value = value * 10 + (text[i] - '0');
    }
    *out = negative ? -value : value;
    return 1;
}

static const char *status_name(carealign_status status)
{
    switch (status) {
    case CAREALIGN_OK: return "OK";
    case CAREALIGN_EINVAL: return "EINVAL";
    case CAREALIGN_EMISSING: return "EMISSING";
    default: return "ERROR";
    }
}

typedef struct output {
    char *buf;
    size_t len, cap;
    const char *eol;
} output;

static int out_reserve(output *o, size_t more)
{
    if (o->len + more <= o->cap)
        return 1;
    size_t cap = o->cap ? o->cap : 4096;
    while (cap < o->len + more)
        cap *= 2;
    char *buf = realloc(o->buf, cap);
    if (buf == NULL)
        return 0;
    o->buf = buf;
    o->cap = cap;
    return 1;
}

static int out_field(output *o, const char *field, size_t len, int first, int only)
{
    if (!out_reserve(o, 2 * len + 3))
        return 0;
    if (!first)
        o->buf[o->len++] = ',';
    o->len += csv_format_field(field, len, only, o->buf + o->len);
    return 1;
}

static int out_flush_line(output *o, FILE *f)
{
    size_t eol = strlen(o->eol);
    if (!out_reserve(o, eol))
        return 0;
    memcpy(o->buf + o->len, o->eol, eol);
    o->len += eol;
    int ok = fwrite(o->buf, 1, o->len, f) == o->len;
    o->len = 0;
    return ok;
}

typedef struct columns {
    size_t item[MAX_ITEMS]; /* column of each item */
    size_t profile;         /* column of "profile", or SIZE_MAX */
    int use_profile;
} columns;

static int map_columns(csv_reader *csv, const carealign_instrument_info *info, columns *cols)
{
    int eq5d = strncmp(info->name, "eq5d", 4) == 0;
    size_t found = 0;
    cols->profile = SIZE_MAX;
    for (size_t j = 0; j < info->n_items; j++)
        cols->item[j] = SIZE_MAX;
    for (size_t c = 0; c < csv_field_count(csv); c++) {
        const char *name = csv_field(csv, c, NULL);
        if (eq5d && ascii_equal(name, "profile")) {
            if (cols->profile != SIZE_MAX) {
                fprintf(stderr, "carealign score: line %lld: column profile appears twice\n",
                        (long long)csv_line(csv));
                return 0;
            }
            cols->profile = c;
            continue;
        }
        for (size_t j = 0; j < info->n_items; j++) {
            const carealign_item_info *item = carealign_instrument_item(info, j);
            if (ascii_equal(name, item->code)) {
                if (cols->item[j] != SIZE_MAX) {
                    fprintf(stderr, "carealign score: line %lld: column %s appears twice\n",
                            (long long)csv_line(csv), item->code);
                    return 0;
                }
                cols->item[j] = c;
                found++;
            }
        }
    }
    if (cols->profile != SIZE_MAX && found > 0) {
        fprintf(stderr,
                "carealign score: line %lld: both a profile column and item columns; "
                "keep one\n",
                (long long)csv_line(csv));
        return 0;
    }
    cols->use_profile = cols->profile != SIZE_MAX;
    if (cols->use_profile || found == info->n_items)
        return 1;
    fprintf(stderr,
            "carealign score: line %lld: missing column(s) for %s:", (long long)csv_line(csv),
            info->name);
    for (size_t j = 0; j < info->n_items; j++) {
        if (cols->item[j] == SIZE_MAX)
            fprintf(stderr, " %s", carealign_instrument_item(info, j)->code);
    }
    fprintf(stderr, "%s\n", eq5d ? " (or one profile column)" : "");
    return 0;
}

/* Fill items from the current record. Returns CAREALIGN_OK, or
 * CAREALIGN_EINVAL with a message in why when a field is not a level. */
static carealign_status read_items(csv_reader *csv, const carealign_instrument_info *info,
                                   const columns *cols, int32_t *items, char *why, size_t cap)
{
    if (cols->use_profile) {
        size_t len;
        const char *text = csv_field(csv, cols->profile, &len);
        if (len == 0) {
            for (size_t j = 0; j < info->n_items; j++)
                items[j] = CAREALIGN_ITEM_MISSING;
            return CAREALIGN_OK;
        }
        int digits = len == info->n_items;
        for (size_t j = 0; digits && j < len; j++)
            digits = text[j] >= '0' && text[j] <= '9';
        if (!digits) {
            snprintf(why, cap, "column profile is not %llu digits",
                     (unsigned long long)info->n_items);
            return CAREALIGN_EINVAL;
        }
        for (size_t j = 0; j < info->n_items; j++)
            items[j] = text[j] - '0';
        return CAREALIGN_OK;
    }
    for (size_t j = 0; j < info->n_items; j++) {
        size_t len;
        const char *text = csv_field(csv, cols->item[j], &len);
        if (len == 0) {
            items[j] = CAREALIGN_ITEM_MISSING;
        } else if (!parse_level(text, len, &items[j])) {
            snprintf(why, cap, "column %s is not a whole number",
                     carealign_instrument_item(info, j)->code);
            return CAREALIGN_EINVAL;
        }
    }
    return CAREALIGN_OK;
}

static int usage_error(const char *message, const char *arg)
{
    fprintf(stderr, "carealign score: %s%s\n(carealign help score for usage)\n", message, arg);
    return TOOL_EXIT_USAGE;
}

int tool_score(int argc, char **argv)
{
    const char *instrument = NULL, *valueset = NULL, *path = NULL;
    int options = 1;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (options && strcmp(arg, "--") == 0) {
            options = 0;
        } else if (options && (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0)) {
            tool_score_usage(stdout);
            return TOOL_EXIT_OK;
        } else if (options && strcmp(arg, "--valueset") == 0) {
            if (i + 1 == argc)
                return usage_error("--valueset needs a NAME", "");
            valueset = argv[++i];
        } else if (options && strncmp(arg, "--valueset=", 11) == 0) {
            valueset = arg + 11;
        } else if (options && arg[0] == '-' && arg[1] != '\0') {
            return usage_error("unknown option: ", arg);
        } else if (instrument == NULL) {
            instrument = arg;
        } else if (path == NULL) {
            path = arg;
        } else {
            return usage_error("unexpected argument: ", arg);
        }
    }
    if (instrument == NULL)
        return usage_error("no INSTRUMENT given", "");
    const carealign_instrument_info *info;
    if (carealign_instrument_find(instrument, &info) != CAREALIGN_OK)
        return usage_error("unknown instrument: ", instrument);
    const carealign_valueset_info *vs;
    if (carealign_instrument_valueset_find(instrument, valueset, &vs) != CAREALIGN_OK)
        return usage_error("unknown value set: ", valueset);
    if (info->n_items > MAX_ITEMS) {
        fprintf(stderr, "carealign score: %s has too many items\n", info->name);
        return TOOL_EXIT_ERROR;
    }

    FILE *in = stdin;
    const char *input_name = "stdin";
    if (path != NULL && strcmp(path, "-") != 0) {
        in = fopen(path, "rb");
        if (in == NULL) {
            fprintf(stderr, "carealign score: cannot open %s: %s\n", path, strerror(errno));
            return TOOL_EXIT_ERROR;
        }
        input_name = path;
    } else {
        tool_binary(stdin);
    }
    tool_binary(stdout);

    int result = TOOL_EXIT_ERROR;
    output out = {NULL, 0, 0, "\n"};
    columns cols;
    size_t failed = 0;
    csv_reader *csv = csv_open(read_file, in);
    if (csv == NULL) {
        fprintf(stderr, "carealign score: out of memory\n");
        goto done;
    }
    int got = csv_next(csv);
    if (got <= 0) {
        if (got == 0)
            fprintf(stderr, "carealign score: %s: empty input, no header\n", input_name);
        else
            fprintf(stderr, "carealign score: %s: %s\n", input_name, csv_error(csv));
        goto done;
    }
    if (!map_columns(csv, info, &cols))
        goto done;
    out.eol = csv_crlf(csv) ? "\r\n" : "\n";
    size_t n_fields = csv_field_count(csv);
    for (size_t c = 0; c < n_fields; c++) {
        size_t len;
        const char *field = csv_field(csv, c, &len);
        if (!out_field(&out, field, len, c == 0, 0))
            goto oom;
    }
    if (!out_field(&out, "score", 5, 0, 0) || !out_field(&out, "status", 6, 0, 0))
        goto oom;
    if (!out_flush_line(&out, stdout))
        goto write_error;

    while ((got = csv_next(csv)) == 1) {
        int32_t items[MAX_ITEMS];
        char why[128];
        double score = 0.0;
        carealign_status status = read_items(csv, info, &cols, items, why, sizeof why);
        if (status == CAREALIGN_OK) {
            status = carealign_score(info->name, vs->name, items, info->n_items, &score);
            if (status != CAREALIGN_OK)
                snprintf(why, sizeof why, "%s", carealign_last_error());
        }
        for (size_t c = 0; c < n_fields; c++) {
            size_t len;
            const char *field = csv_field(csv, c, &len);
            if (!out_field(&out, field, len, c == 0, 0))
                goto oom;
        }
        char text[48] = "";
        if (status == CAREALIGN_OK)
            snprintf(text, sizeof text, "%.*f", (int)vs->decimals, score);
        const char *name = status_name(status);
        if (!out_field(&out, text, strlen(text), 0, 0) ||
            !out_field(&out, name, strlen(name), 0, 0))
            goto oom;
        if (!out_flush_line(&out, stdout))
            goto write_error;
        if (status != CAREALIGN_OK) {
            failed++;
            fprintf(stderr, "carealign score: %s: line %lld: %s\n", input_name,
                    (long long)csv_line(csv), why);
        }
    }
    if (got < 0) {
        fprintf(stderr, "carealign score: %s: %s\n", input_name, csv_error(csv));
        goto done;
    }
    if (fflush(stdout) != 0 || ferror(stdout))
        goto write_error;
    if (in != stdin && ferror(in))
        goto done;
    result = failed ? TOOL_EXIT_ROWS_FAILED : TOOL_EXIT_OK;
    if (failed)
        fprintf(stderr, "carealign score: %llu row(s) not scored\n", (unsigned long long)failed);
    goto done;
oom:
    fprintf(stderr, "carealign score: out of memory\n");
    goto done;
write_error:
    fprintf(stderr, "carealign score: cannot write the output\n");
done:
    fflush(stdout);
    csv_close(csv);
    free(out.buf);
    if (in != stdin)
        fclose(in);
    return result;
}

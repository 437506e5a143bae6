/* carealign validate --framework F [DATA.csv ...] [--quiet]
 *
 * Loads the framework (reporting file:line:column: message for the first
 * problem) and checks data files in the formats of docs/data.md without
 * computing anything: the header (known columns, required columns present,
 * none twice), then every row (types, ranges, codes, dates, references to
 * people and organisations when their files are given too). Each rejected
 * row is reported on stderr with its file, line, field and reason, never
 * the value; stdout gets read, used and rejected counts per file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"
#include "commands.h"
#include "csv.h"
#include "input.h"
#include "progress.h"
#include "tool_framework.h"

static const char *const NAME = "validate";

void tool_validate_usage(FILE *out)
{
    fputs("usage: carealign validate --framework FILE [DATA.csv ...] [--quiet]\n"
          "\n"
          "Checks the framework and, without computing, the data files (plain or gzip)\n"
          "in the formats of docs/data.md: people, organisations, populations,\n"
          "responses, fft and contacts, each recognised by its header, whatever the\n"
          "file is called (a MANIFEST.csv of carealign generate is skipped).\n"
          "Organisations and people are checked first, so that the\n"
          "other files' references to them can be checked too.\n"
          "\n"
          "Each rejected row goes to stderr as FILE:LINE: field NAME: reason (never the\n"
          "value); stdout gets the framework's identity and, per file, the rows read,\n"
          "used and rejected (used + rejected = read).\n"
          "\n"
          "exit status: 0 all valid, 3 some rows rejected, 2 usage error, 1 other error\n"
          "(the framework is invalid, a file cannot be read, is not RFC 4180 CSV or\n"
          "its header is not one of the formats)\n",
          out);
}

/* ---- a set of strings --------------------------------------------------- */

typedef struct idset {
    char **slots;
    size_t cap, n;
} idset;

static uint64_t hash_text(const char *s, size_t len)
{
    uint64_t h = UINT64_C(1469598103934665603);
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

/* 1 when present; with add, inserts (returns 0 when newly added, -1 when
 * out of memory). */
static int idset_find(idset *set, const char *s, size_t len, int add)
{
    if (add && (set->n + 1) * 2 > set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 1024;
        char **slots = calloc(cap, sizeof *slots);
        if (slots == NULL)
            return -1;
        for (size_t i = 0; i < set->cap; i++) {
            if (set->slots[i] == NULL)
                continue;
            size_t j = hash_text(set->slots[i], strlen(set->slots[i])) & (cap - 1);
            while (slots[j] != NULL)
                j = (j + 1) & (cap - 1);
            slots[j] = set->slots[i];
        }
        free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    if (set->cap == 0)
        return 0;
    size_t j = hash_text(s, len) & (set->cap - 1);
    while (set->slots[j] != NULL) {
        if (strlen(set->slots[j]) == len && memcmp(set->slots[j], s, len) == 0)
            return 1;
        j = (j + 1) & (set->cap - 1);
    }
    if (!add)
        return 0;
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return -1;
    memcpy(copy, s, len);
    copy[len] = '\0';
    set->slots[j] = copy;
    set->n++;
    return 0;
}

static void idset_free(idset *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->slots[i]);
    free(set->slots);
}

/* ---- the formats -------------------------------------------------------- */

enum {
    T_ID = 1, /* non-empty text, at most 64 bytes, no control characters */
    T_TEXT,   /* any text, at most 256 bytes */
    T_INT,    /* whole number in [min, max] */
    T_DATE,   /* YYYY-MM-DD */
    T_MONTH,  /* YYYY-MM-01 */
    T_SECTOR, /* a sector name */
    T_TYPE,   /* a contact type name */
    T_BOOL,   /* 0 or 1 */
    T_SEX,    /* 1, 2 or 9 */
    T_LTS,    /* "", residential, nursing, prison */
    T_ITEMS,  /* levels separated by ';' */
    T_INSTRUMENT,
    T_VALUESET,
    T_WEIGHT, /* a positive decimal */
    T_PERSON, /* T_ID, known when people were given */
    T_ORG     /* T_ID, known when organisations were given */
};

typedef struct colspec {
    const char *name;
    int type;
    int required;
    long long min, max;
} colspec;

enum { K_ORGS, K_PEOPLE, K_POPS, K_RESPONSES, K_FFT, K_CONTACTS, N_KINDS, K_MANIFEST = 99 };

static const colspec ORG_COLS[] = {
    {"org_id", T_ID, 1, 0, 0}, {"name", T_TEXT, 0, 0, 0}, {"sector", T_SECTOR, 1, 0, 0}};
static const colspec PEOPLE_COLS[] = {{"person_id", T_ID, 1, 0, 0},
                                      {"birth_year", T_INT, 1, 1850, 2200},
                                      {"birth_month", T_INT, 1, 1, 12},
                                      {"sex", T_SEX, 0, 0, 0},
                                      {"ethnicity", T_ID, 0, 0, 0},
                                      {"imd_decile", T_INT, 0, 1, 10},
                                      {"area", T_ID, 0, 0, 0},
                                      {"practice", T_ID, 0, 0, 0},
                                      {"opted_out", T_BOOL, 0, 0, 0},
                                      {"death_date", T_DATE, 0, 0, 0},
                                      {"long_term_support", T_LTS, 0, 0, 0}};
static const colspec POP_COLS[] = {
    {"area", T_ID, 1, 0, 0},         {"year", T_INT, 1, 1800, 2200},
    {"sex", T_INT, 1, 1, 2},         {"age_lower", T_INT, 1, 0, 130},
    {"age_upper", T_INT, 0, 0, 130}, {"count", T_INT, 1, 0, INT64_MAX}};
static const colspec RESPONSE_COLS[] = {
    {"person_id", T_PERSON, 1, 0, 0},   {"org_id", T_ORG, 0, 0, 0},
    {"date", T_DATE, 1, 0, 0},          {"instrument", T_INSTRUMENT, 1, 0, 0},
    {"value_set", T_VALUESET, 0, 0, 0}, {"items", T_ITEMS, 1, 0, 0},
    {"proxy", T_BOOL, 0, 0, 0},         {"weight", T_WEIGHT, 0, 0, 0}};
static const colspec FFT_COLS[] = {{"org_id", T_ORG, 1, 0, 0},
                                   {"month", T_MONTH, 1, 0, 0},
                                   {"mode", T_ID, 0, 0, 0},
                                   {"very_good", T_INT, 1, 0, INT64_MAX},
                                   {"good", T_INT, 1, 0, INT64_MAX},
                                   {"neither", T_INT, 1, 0, INT64_MAX},
                                   {"poor", T_INT, 1, 0, INT64_MAX},
                                   {"very_poor", T_INT, 1, 0, INT64_MAX},
                                   {"dont_know", T_INT, 1, 0, INT64_MAX}};
static const colspec CONTACT_COLS[] = {{"person_id", T_PERSON, 1, 0, 0},
                                       {"org_id", T_ORG, 1, 0, 0},
                                       {"sector", T_SECTOR, 0, 0, 0},
                                       {"type", T_TYPE, 1, 0, 0},
                                       {"start_date", T_DATE, 1, 0, 0},
                                       {"end_date", T_DATE, 0, 0, 0},
                                       {"start_minute", T_INT, 0, 0, 1439},
                                       {"professional", T_ID, 0, 0, 0},
                                       {"subtype", T_INT, 0, 0, INT32_MAX},
                                       {"admission_method", T_INT, 0, 0, 99},
                                       {"discharge_destination", T_INT, 0, 0, 99},
                                       {"discharge_ready_date", T_DATE, 0, 0, 0},
                                       {"staff_minutes", T_INT, 0, 0, INT32_MAX},
                                       {"activity", T_INT, 0, 0, INT64_MAX},
                                       {"cost_pence", T_INT, 0, 0, INT64_MAX}};

typedef struct kind {
    const char *name;
    const colspec *cols;
    size_t n;
} kind;

static const kind KINDS[N_KINDS] = {
    {"organisations", ORG_COLS, sizeof ORG_COLS / sizeof ORG_COLS[0]},
    {"people", PEOPLE_COLS, sizeof PEOPLE_COLS / sizeof PEOPLE_COLS[0]},
    {"populations", POP_COLS, sizeof POP_COLS / sizeof POP_COLS[0]},
    {"responses", RESPONSE_COLS, sizeof RESPONSE_COLS / sizeof RESPONSE_COLS[0]},
    {"fft", FFT_COLS, sizeof FFT_COLS / sizeof FFT_COLS[0]},
    {"contacts", CONTACT_COLS, sizeof CONTACT_COLS / sizeof CONTACT_COLS[0]}};

enum { MAX_COLS = 16 };

typedef struct state {
    const carealign_framework *fw;
    idset orgs, people;
    int have_orgs, have_people;
    int quiet;
} state;

static int parse_ll(const char *text, long long *out)
{
    return tool_parse_int(text, INT64_MIN, INT64_MAX, out);
}

static int is_id(const char *text, size_t len, size_t max)
{
    if (len == 0 || len > max)
        return 0;
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
            return 0;
    }
    return 1;
}

/* An instrument the framework uses (for those outside the registry, such as
 * Goal Attainment Scaling) or one of the registry. The value set, when
 * given, must be one of the instrument's. Returns NULL when fine, else the
 * reason. */
static const char *check_instrument(const state *s, const char *instrument, const char *valueset,
                                    const carealign_instrument_info **info)
{
    *info = NULL;
    if (carealign_instrument_find(instrument, info) == CAREALIGN_OK) {
        const carealign_valueset_info *vs;
        if (valueset[0] != '\0' &&
            carealign_instrument_valueset_find(instrument, valueset, &vs) != CAREALIGN_OK)
            return "not a value set of the instrument";
        return NULL;
    }
    carealign_framework_info fi = {0};
    carealign_framework_info_init(&fi, sizeof fi);
    if (carealign_framework_get_info(s->fw, &fi) != CAREALIGN_OK)
        return "unknown instrument";
    for (int32_t m = 0; m < fi.n_measures; m++) {
        carealign_measure_info mi = {0};
        carealign_measure_info_init(&mi, sizeof mi);
        if (carealign_framework_get_measure(s->fw, m, &mi) != CAREALIGN_OK)
            continue;
        if (strcmp(mi.instrument, instrument) == 0) {
            if (valueset[0] != '\0' && strcmp(mi.valueset, valueset) != 0)
                return "not the value set the framework uses for this instrument";
            return NULL;
        }
    }
    return "unknown instrument (neither in the registry nor in the framework)";
}

/* Levels separated by ';', an empty level for a missing answer. */
static const char *check_items(const char *items, const carealign_instrument_info *info,
                               const char *instrument)
{
    size_t n = 0;
    const char *p = items;
    for (;;) {
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > 0) {
            char buf[16];
            long long level;
            if (len >= sizeof buf)
                return "a level is not a whole number";
            memcpy(buf, p, len);
            buf[len] = '\0';
            if (!tool_parse_int(buf, -1000000, 1000000, &level))
                return "a level is not a whole number";
            if (info != NULL) {
                if (n >= info->n_items)
                    return "more levels than the instrument has items";
                const carealign_item_info *item = carealign_instrument_item(info, n);
                if (level < item->min_level || level > item->max_level)
                    return "a level out of its item's range";
            } else if (strcmp(instrument, "gas") == 0 && (level < -2 || level > 2)) {
                return "a goal attainment level outside -2 to +2";
            }
        }
        n++;
        if (end == NULL)
            break;
        p = end + 1;
    }
    if (info != NULL && n != info->n_items)
        return "not as many levels as the instrument has items";
    return NULL;
}

static int parse_weight(const char *text)
{
    const char *p = text;
    int digits = 0, nonzero = 0;
    while (*p >= '0' && *p <= '9') {
        nonzero |= *p != '0';
        digits++;
        p++;
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            nonzero |= *p != '0';
            digits++;
            p++;
        }
    }
    return *p == '\0' && digits > 0 && nonzero;
}

/* Check one field; NULL when fine, else the reason. */
static const char *check_field(state *s, const colspec *c, const char *text, size_t len,
                               int32_t *day)
{
    long long v;
    if (len == 0)
        return c->required ? "missing" : NULL;
    switch (c->type) {
    case T_ID: return is_id(text, len, 64) ? NULL : "not an identifier (1 to 64 printable bytes)";
    case T_PERSON:
        if (!is_id(text, len, 64))
            return "not an identifier (1 to 64 printable bytes)";
        return !s->have_people || idset_find(&s->people, text, len, 0) == 1
                   ? NULL
                   : "unknown person (not in the people file)";
    case T_ORG:
        if (!is_id(text, len, 64))
            return "not an identifier (1 to 64 printable bytes)";
        return !s->have_orgs || idset_find(&s->orgs, text, len, 0) == 1
                   ? NULL
                   : "unknown organisation (not in the organisations file)";
    case T_TEXT: return len <= 256 ? NULL : "longer than 256 bytes";
    case T_INT:
        if (!parse_ll(text, &v))
            return "not a whole number";
        return v >= c->min && v <= c->max ? NULL : "out of range";
    case T_BOOL: return strcmp(text, "0") == 0 || strcmp(text, "1") == 0 ? NULL : "not 0 or 1";
    case T_SEX:
        return strcmp(text, "1") == 0 || strcmp(text, "2") == 0 || strcmp(text, "9") == 0
                   ? NULL
                   : "not a sex code (1 male, 2 female, 9 indeterminate)";
    case T_LTS:
        return strcmp(text, "residential") == 0 || strcmp(text, "nursing") == 0 ||
                       strcmp(text, "prison") == 0
                   ? NULL
                   : "not residential, nursing or prison";
    case T_DATE:
    case T_MONTH:
        if (carealign_date_parse(text, len, day) != CAREALIGN_OK)
            return "not a date (YYYY-MM-DD)";
        if (c->type == T_MONTH && strcmp(text + 8, "01") != 0)
            return "not the first day of a month";
        return NULL;
    case T_SECTOR:
        return tool_code_of(CAREALIGN_TABLE_SECTOR, 0, 32, text) >= 0 ? NULL : "unknown sector";
    case T_TYPE:
        return tool_code_of(CAREALIGN_TABLE_CONTACT_TYPE, 1, CAREALIGN_CONTACT_TYPE_END, text) >= 0
                   ? NULL
                   : "unknown contact type";
    case T_WEIGHT: return parse_weight(text) ? NULL : "not a positive decimal number";
    case T_INSTRUMENT:
    case T_VALUESET:
    case T_ITEMS: return NULL; /* checked with the whole row */
    default: return NULL;
    }
}

typedef struct counts {
    uint64_t read, used, rejected;
} counts;

static int peek_kind(const char *path, int *out)
{
    tool_in *in = tool_in_open(NAME, path);
    if (in == NULL)
        return -1;
    csv_reader *csv = csv_open(tool_in_read, in);
    int got = csv ? csv_next(csv) : -1;
    int result = -1;
    if (got == 1 && csv_field_count(csv) == 4 && strcmp(csv_field(csv, 0, NULL), "file") == 0 &&
        strcmp(csv_field(csv, 3, NULL), "problem") == 0) {
        *out = K_MANIFEST; /* carealign generate's list of broken rows */
        result = 0;
    } else if (got == 1) {
        int best = -1, best_hits = 0;
        for (int k = 0; k < N_KINDS; k++) {
            int hits = 0;
            for (size_t c = 0; c < csv_field_count(csv); c++) {
                for (size_t j = 0; j < KINDS[k].n; j++)
                    hits += strcmp(csv_field(csv, c, NULL), KINDS[k].cols[j].name) == 0;
            }
            /* more matched columns wins; a tie goes to the kind whose
             * first column comes first (org_id for organisations) */
            if (hits > best_hits || (hits == best_hits && hits > 0 && csv_field_count(csv) > 0 &&
                                     strcmp(csv_field(csv, 0, NULL), KINDS[k].cols[0].name) == 0)) {
                best = k;
                best_hits = hits;
            }
        }
        if (best < 0)
            tool_error(NAME, "%s: line 1: the header is not one of the formats of docs/data.md",
                       path);
        else
            result = 0;
        *out = best;
    } else if (got == 0) {
        tool_error(NAME, "%s: empty file, no header", path);
    } else if (csv != NULL) {
        tool_error(NAME, "%s: %s%s%s", path, csv_error(csv), tool_in_error(in)[0] ? ": " : "",
                   tool_in_error(in));
    } else {
        tool_error(NAME, "out of memory");
    }
    csv_close(csv);
    tool_in_close(in);
    return result;
}

static int find_col(const kind *k, const char *name)
{
    for (size_t j = 0; j < k->n; j++) {
        if (strcmp(k->cols[j].name, name) == 0)
            return (int)j;
    }
    return -1;
}

/* Validate one file; 0 done (rows may be rejected), -1 file error. */
static int validate_file(state *s, const char *path, int k, counts *cnt)
{
    const kind *kd = &KINDS[k];
    memset(cnt, 0, sizeof *cnt);
    tool_in *in = tool_in_open(NAME, path);
    if (in == NULL)
        return -1;
    int result = -1;
    csv_reader *csv = csv_open(tool_in_read, in);
    tool_progress progress;
    tool_progress_start(&progress, s->quiet, path, tool_in_size(in));
    if (csv == NULL || csv_next(csv) != 1) {
        tool_error(NAME, "%s: cannot read the header", path);
        goto done;
    }
    int col_of[MAX_COLS]; /* spec index -> CSV column */
    for (int j = 0; j < MAX_COLS; j++)
        col_of[j] = -1;
    size_t n_fields = csv_field_count(csv);
    int header_ok = 1;
    for (size_t c = 0; c < n_fields; c++) {
        const char *name = csv_field(csv, c, NULL);
        int j = find_col(kd, name);
        if (j < 0) {
            tool_error(NAME, "%s:1: column %llu: not a column of the %s format (docs/data.md)",
                       path, (unsigned long long)c + 1, kd->name);
            header_ok = 0;
        } else if (col_of[j] >= 0) {
            tool_error(NAME, "%s:1: column %s appears twice", path, name);
            header_ok = 0;
        } else {
            col_of[j] = (int)c;
        }
    }
    for (size_t j = 0; j < kd->n; j++) {
        if (kd->cols[j].required && col_of[j] < 0) {
            tool_error(NAME, "%s:1: the required column %s is missing", path, kd->cols[j].name);
            header_ok = 0;
        }
    }
    if (!header_ok)
        goto done;
    int got;
    while ((got = csv_next(csv)) == 1) {
        cnt->read++;
        const char *reason = NULL, *field = NULL;
        int32_t days[MAX_COLS];
        const char *text[MAX_COLS];
        for (size_t j = 0; j < kd->n; j++) {
            size_t len = 0;
            text[j] = col_of[j] >= 0 ? csv_field(csv, (size_t)col_of[j], &len) : "";
            days[j] = INT32_MIN;
            if (reason == NULL) {
                reason = check_field(s, &kd->cols[j], text[j], len, &days[j]);
                if (reason != NULL)
                    field = kd->cols[j].name;
            }
        }
        if (reason == NULL) {
            /* checks across fields */
            switch (k) {
            case K_ORGS:
            case K_PEOPLE: {
                idset *set = k == K_ORGS ? &s->orgs : &s->people;
                int found = idset_find(set, text[0], strlen(text[0]), 1);
                if (found < 0) {
                    tool_error(NAME, "out of memory");
                    goto done;
                }
                if (found == 1) {
                    reason = "a duplicate of an earlier row's";
                    field = kd->cols[0].name;
                }
                break;
            }
            case K_POPS:
                if (text[4][0] != '\0' && atoll(text[4]) < atoll(text[3])) {
                    reason = "below age_lower";
                    field = "age_upper";
                }
                break;
            case K_RESPONSES: {
                const carealign_instrument_info *info;
                reason = check_instrument(s, text[3], text[4], &info);
                field = reason ? (strstr(reason, "value set") ? "value_set" : "instrument") : NULL;
                if (reason == NULL) {
                    reason = check_items(text[5], info, text[3]);
                    field = "items";
                }
                break;
            }
            case K_CONTACTS:
                if (days[5] != INT32_MIN && days[5] < days[4]) {
                    reason = "before start_date";
                    field = "end_date";
                } else if (days[11] != INT32_MIN &&
                           days[11] > (days[5] != INT32_MIN ? days[5] : days[4])) {
                    reason = "after the discharge (end_date)";
                    field = "discharge_ready_date";
                }
                break;
            default: break;
            }
        }
        if (reason != NULL) {
            cnt->rejected++;
            fprintf(stderr, "carealign validate: %s:%lld: field %s: %s\n", path,
                    (long long)csv_line(csv), field, reason);
        } else {
            cnt->used++;
        }
        if (tool_progress_due(&progress))
            tool_progress_show(&progress, tool_in_position(in), cnt->read);
    }
    tool_progress_end(&progress);
    if (got < 0) {
        tool_error(NAME, "%s: %s%s%s", path, csv_error(csv), tool_in_error(in)[0] ? ": " : "",
                   tool_in_error(in));
        goto done;
    }
    result = 0;
done:
    tool_progress_end(&progress);
    csv_close(csv);
    tool_in_close(in);
    return result;
}

int tool_validate(int argc, char **argv)
{
    const char *framework = NULL;
    int quiet = 0, options = 1, n_files = 0;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    if (files == NULL) {
        tool_error(NAME, "out of memory");
        return TOOL_EXIT_ERROR;
    }
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int got;
        if (options && strcmp(arg, "--") == 0) {
            options = 0;
        } else if (options && (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0)) {
            free(files);
            tool_validate_usage(stdout);
            return TOOL_EXIT_OK;
        } else if (options &&
                   (got = tool_option(NAME, argc, argv, &i, "--framework", &framework)) != 0) {
            if (got < 0) {
                free(files);
                return TOOL_EXIT_USAGE;
            }
        } else if (options && strcmp(arg, "--quiet") == 0) {
            quiet = 1;
        } else if (options && arg[0] == '-' && arg[1] != '\0') {
            free(files);
            return tool_usage_error(NAME, "unknown option: %s", arg);
        } else {
            files[n_files++] = arg;
        }
    }
    if (framework == NULL) {
        free(files);
        return tool_usage_error(NAME, "--framework FILE is required");
    }
    carealign_framework *fw = NULL;
    if (tool_framework_load(NAME, framework, &fw) != 0) {
        free(files);
        return TOOL_EXIT_ERROR;
    }
    carealign_framework_info fi = {0};
    carealign_framework_info_init(&fi, sizeof fi);
    uint8_t hash[CAREALIGN_SHA256_SIZE];
    carealign_framework_get_info(fw, &fi);
    carealign_framework_hash(fw, hash);
    printf("%s: framework %.*s version %.*s: %d measures, sha256 ", framework, (int)fi.id_len,
           fi.id, (int)fi.version_len, fi.version, (int)fi.n_measures);
    for (int b = 0; b < CAREALIGN_SHA256_SIZE; b++)
        printf("%02x", hash[b]);
    printf("\n");

    state s;
    memset(&s, 0, sizeof s);
    s.fw = fw;
    s.quiet = quiet;
    int result = TOOL_EXIT_OK;
    int *kinds = calloc((size_t)n_files + 1, sizeof *kinds);
    if (kinds == NULL) {
        tool_error(NAME, "out of memory");
        result = TOOL_EXIT_ERROR;
        goto done;
    }
    for (int f = 0; f < n_files; f++) {
        if (peek_kind(files[f], &kinds[f]) != 0) {
            kinds[f] = -1;
            result = TOOL_EXIT_ERROR;
        }
    }
    for (int f = 0; f < n_files; f++) {
        if (kinds[f] == K_ORGS)
            s.have_orgs = 1;
        if (kinds[f] == K_PEOPLE)
            s.have_people = 1;
    }
    uint64_t rejected = 0;
    for (int f = 0; f < n_files; f++) {
        if (kinds[f] == K_MANIFEST)
            printf("%s: MANIFEST of carealign generate: not data, skipped\n", files[f]);
    }
    for (int k = 0; k < N_KINDS; k++) {
        for (int f = 0; f < n_files; f++) {
            if (kinds[f] != k)
                continue;
            counts c;
            if (validate_file(&s, files[f], k, &c) != 0) {
                result = TOOL_EXIT_ERROR;
                if (k == K_ORGS)
                    s.have_orgs = 0; /* references can no longer be checked */
                if (k == K_PEOPLE)
                    s.have_people = 0;
                continue;
            }
            rejected += c.rejected;
            printf("%s: %s: read %llu, used %llu, rejected %llu\n", files[f], KINDS[k].name,
                   (unsigned long long)c.read, (unsigned long long)c.used,
                   (unsigned long long)c.rejected);
        }
    }
    if (result == TOOL_EXIT_OK && rejected > 0)
        result = TOOL_EXIT_ROWS_FAILED;
done:
    if (fflush(stdout) != 0 && result == TOOL_EXIT_OK)
        result = TOOL_EXIT_ERROR;
    free(kinds);
    idset_free(&s.orgs);
    idset_free(&s.people);
    carealign_framework_free(fw);
    free(files);
    return result;
}

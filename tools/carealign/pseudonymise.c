/* carealign pseudonymise (--key-file K | --key-env VAR) --column NAME [IN]
 *                        [--out FILE] [--quiet]
 *
 * Replaces the NHS numbers of one CSV column by their keyed pseudonyms:
 * the lower-case hex HMAC-SHA256, under the key, of the ten digits left
 * after removing spaces and hyphens and checking the Modulus 11 check digit
 * (carealign_nhs_number_normalise, carealign_hmac_sha256). Every other
 * column passes through unchanged. A missing or invalid number leaves the
 * field empty and is counted (and its line reported, never its value).
 *
 * The key never comes from the command line, where other users (ps) and
 * shell history would see it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"
#include "commands.h"
#include "csv.h"
#include "input.h"
#include "output.h"
#include "progress.h"

static const char *const NAME = "pseudonymise";

enum { MAX_LINES_LISTED = 100, MIN_KEY_BYTES = 16, MAX_KEY_BYTES = 1 << 16 };

void tool_pseudonymise_usage(FILE *out)
{
    fputs("usage: carealign pseudonymise (--key-file FILE | --key-env VAR) --column NAME\n"
          "                              [IN|-] [--out FILE] [--quiet]\n"
          "\n"
          "Replaces the NHS numbers in column NAME of a CSV file (stdin when IN is - or\n"
          "absent; plain or gzip) by their keyed pseudonyms: the lower-case hex\n"
          "HMAC-SHA256 of the number's ten digits, after removing spaces and hyphens\n"
          "and checking the Modulus 11 check digit. Other columns pass through.\n"
          "Partners who share the key get the same pseudonym for the same person.\n"
          "The output is still personal data.\n"
          "\n"
          "  --key-file FILE  the key: the file's bytes, less one final line end;\n"
          "                   at least 16 bytes (32 random bytes recommended)\n"
          "  --key-env VAR    the key: the value of environment variable VAR\n"
          "  --column NAME    the column holding NHS numbers (ASCII case ignored)\n"
          "  --out FILE       write here (replaced atomically) instead of stdout\n"
          "  --quiet          no progress display\n"
          "\n"
          "The key is never accepted on the command line (--key), where other users\n"
          "and shell history would see it.\n"
          "\n"
          "A missing or invalid number leaves the field empty; counts of both, and the\n"
          "line numbers (never the values), go to stderr.\n"
          "\n"
          "exit status: 0 every number pseudonymised, 3 some missing or invalid,\n"
          "2 usage error, 1 other error (key, input or output)\n",
          out);
}

static int load_key(const char *file, const char *env, char **key, size_t *key_len)
{
    if (file != NULL) {
        if (strcmp(file, "-") == 0) {
            tool_error(NAME, "--key-file needs a file, not standard input");
            return -1;
        }
        FILE *f = fopen(file, "rb");
        if (f == NULL) {
            tool_error(NAME, "cannot open the key file %s", file);
            return -1;
        }
        char *buf = malloc(MAX_KEY_BYTES + 1);
        size_t n = buf ? fread(buf, 1, MAX_KEY_BYTES + 1, f) : 0;
        int bad = buf == NULL || ferror(f);
        fclose(f);
        if (bad || n > MAX_KEY_BYTES) {
            tool_error(NAME, "cannot read the key file %s%s", file,
                       n > MAX_KEY_BYTES ? ": larger than 64 KiB" : "");
            free(buf);
            return -1;
        }
        if (n > 0 && buf[n - 1] == '\n')
            n--;
        if (n > 0 && buf[n - 1] == '\r')
            n--;
        *key = buf;
        *key_len = n;
    } else {
        const char *value = getenv(env);
        if (value == NULL) {
            tool_error(NAME, "environment variable %s is not set", env);
            return -1;
        }
        size_t n = strlen(value);
        char *buf = malloc(n + 1);
        if (buf == NULL) {
            tool_error(NAME, "out of memory");
            return -1;
        }
        memcpy(buf, value, n + 1);
        *key = buf;
        *key_len = n;
    }
    if (*key_len < MIN_KEY_BYTES) {
        tool_error(NAME, "the key has %llu bytes; at least %d are needed",
                   (unsigned long long)*key_len, MIN_KEY_BYTES);
        free(*key);
        return -1;
    }
    return 0;
}

int tool_pseudonymise(int argc, char **argv)
{
    const char *key_file = NULL, *key_env = NULL, *column = NULL, *out_path = NULL, *in_path = NULL;
    int quiet = 0, options = 1;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int got = 0;
        if (options && strcmp(arg, "--") == 0) {
            options = 0;
        } else if (options && (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0)) {
            tool_pseudonymise_usage(stdout);
            return TOOL_EXIT_OK;
        } else if (options && (strcmp(arg, "--key") == 0 || strncmp(arg, "--key=", 6) == 0)) {
            return tool_usage_error(NAME,
                                    "--key is not accepted: a key on the command line is seen "
                                    "by other users and kept in shell history; use --key-file "
                                    "FILE or --key-env VAR");
        } else if (options &&
                   ((got = tool_option(NAME, argc, argv, &i, "--key-file", &key_file)) != 0 ||
                    (got = tool_option(NAME, argc, argv, &i, "--key-env", &key_env)) != 0 ||
                    (got = tool_option(NAME, argc, argv, &i, "--column", &column)) != 0 ||
                    (got = tool_option(NAME, argc, argv, &i, "--out", &out_path)) != 0)) {
            if (got < 0)
                return TOOL_EXIT_USAGE;
        } else if (options && strcmp(arg, "--quiet") == 0) {
            quiet = 1;
        } else if (options && arg[0] == '-' && arg[1] != '\0') {
            return tool_usage_error(NAME, "unknown option: %s", arg);
        } else if (in_path == NULL) {
            in_path = arg;
        } else {
            return tool_usage_error(NAME, "unexpected argument: %s", arg);
        }
    }
    if ((key_file == NULL) == (key_env == NULL))
        return tool_usage_error(NAME, "give exactly one of --key-file FILE and --key-env VAR");
    if (column == NULL || column[0] == '\0')
        return tool_usage_error(NAME, "--column NAME is required");
    if (in_path == NULL)
        in_path = "-";

    char *key;
    size_t key_len;
    if (load_key(key_file, key_env, &key, &key_len) != 0)
        return TOOL_EXIT_ERROR;

    int result = TOOL_EXIT_ERROR;
    tool_out *out = NULL;
    csv_reader *csv = NULL;
    tool_line line = {NULL, 0, 0};
    tool_progress progress;
    tool_progress_start(&progress, quiet, in_path, -1);
    tool_in *in = tool_in_open(NAME, in_path);
    if (in == NULL)
        goto done;
    progress.total = tool_in_size(in);
    csv = csv_open(tool_in_read, in);
    if (csv == NULL) {
        tool_error(NAME, "out of memory");
        goto done;
    }
    const char *input = tool_in_name(in);
    int got = csv_next(csv);
    if (got <= 0) {
        if (got == 0)
            tool_error(NAME, "%s: empty input, no header", input);
        else
            tool_error(NAME, "%s: %s%s%s", input, csv_error(csv), tool_in_error(in)[0] ? ": " : "",
                       tool_in_error(in));
        goto done;
    }
    size_t n_fields = csv_field_count(csv), target = SIZE_MAX;
    for (size_t c = 0; c < n_fields; c++) {
        if (tool_ascii_equal(csv_field(csv, c, NULL), column)) {
            if (target != SIZE_MAX) {
                tool_error(NAME, "%s: line 1: column %s appears twice", input, column);
                goto done;
            }
            target = c;
        }
    }
    if (target == SIZE_MAX) {
        tool_error(NAME, "%s: line 1: no column %s", input, column);
        goto done;
    }
    const char *eol = csv_crlf(csv) ? "\r\n" : "\n";
    out = tool_out_open(NAME, out_path);
    if (out == NULL)
        goto done;
    uint64_t done_rows = 0, missing = 0, invalid = 0, listed = 0;
    char last_digits[CAREALIGN_NHS_NUMBER_BUFSIZE] = "";
    uint8_t last_mac[CAREALIGN_SHA256_SIZE];
    do {
        line.len = 0;
        for (size_t c = 0; c < n_fields; c++) {
            size_t len;
            const char *field = csv_field(csv, c, &len);
            char hex[2 * CAREALIGN_SHA256_SIZE + 1];
            if (c == target && done_rows > 0) {
                char digits[CAREALIGN_NHS_NUMBER_BUFSIZE];
                uint8_t mac[CAREALIGN_SHA256_SIZE];
                const char *why = NULL;
                if (len == 0) {
                    missing++;
                    why = "missing";
                } else if (carealign_nhs_number_normalise(field, len, digits) != CAREALIGN_OK) {
                    invalid++;
                    why = "not a valid NHS number (ten digits with a Modulus 11 check digit)";
                } else if (memcmp(digits, last_digits, sizeof digits) == 0) {
                    memcpy(mac, last_mac, sizeof mac); /* rows grouped by person */
                } else if (carealign_hmac_sha256(key, key_len, digits, 10, mac) != CAREALIGN_OK) {
                    tool_error(NAME, "%s", carealign_last_error());
                    goto done;
                } else {
                    memcpy(last_digits, digits, sizeof digits);
                    memcpy(last_mac, mac, sizeof mac);
                }
                if (why != NULL) {
                    if (listed < MAX_LINES_LISTED)
                        tool_error(NAME, "%s: line %lld: column %s: %s", input,
                                   (long long)csv_line(csv), column, why);
                    else if (listed == MAX_LINES_LISTED)
                        tool_error(NAME, "%s: further lines not listed", input);
                    listed++;
                    field = "";
                    len = 0;
                } else {
                    for (size_t b = 0; b < CAREALIGN_SHA256_SIZE; b++) {
                        hex[2 * b] = "0123456789abcdef"[mac[b] >> 4];
                        hex[2 * b + 1] = "0123456789abcdef"[mac[b] & 15];
                    }
                    field = hex;
                    len = 2 * CAREALIGN_SHA256_SIZE;
                }
            }
            if (tool_line_field(&line, field, len, c == 0) != 0)
                goto oom;
        }
        if (tool_line_raw(&line, eol, strlen(eol)) != 0)
            goto oom;
        if (tool_out_write(out, line.buf, line.len) != 0)
            break; /* reported by commit */
        done_rows++;
        if (tool_progress_due(&progress))
            tool_progress_show(&progress, tool_in_position(in), done_rows);
    } while ((got = csv_next(csv)) == 1);
    tool_progress_end(&progress);
    if (got < 0) {
        tool_error(NAME, "%s: %s%s%s", input, csv_error(csv), tool_in_error(in)[0] ? ": " : "",
                   tool_in_error(in));
        goto done;
    }
    if (tool_out_commit(out) != 0) {
        out = NULL;
        goto done;
    }
    out = NULL;
    uint64_t rows = done_rows - 1;
    fprintf(stderr,
            "carealign pseudonymise: %s: %llu rows: %llu pseudonymised, %llu invalid, "
            "%llu missing\n",
            input, (unsigned long long)rows, (unsigned long long)(rows - invalid - missing),
            (unsigned long long)invalid, (unsigned long long)missing);
    result = invalid + missing > 0 ? TOOL_EXIT_ROWS_FAILED : TOOL_EXIT_OK;
    goto done;
oom:
    tool_error(NAME, "out of memory");
done:
    tool_progress_end(&progress);
    tool_out_abort(out);
    tool_line_free(&line);
    csv_close(csv);
    tool_in_close(in);
    memset(key, 0, key_len);
    free(key);
    return result;
}

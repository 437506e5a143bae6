/* The subcommands of the carealign tool and the helpers they share. Each
 * subcommand takes the arguments after "carealign" (argv[0] is the
 * subcommand's name) and returns the exit status: 0 success, 3 finished with
 * rejected records, 2 usage error, 1 other error. */
#ifndef CAREALIGN_TOOLS_COMMANDS_H
#define CAREALIGN_TOOLS_COMMANDS_H

#include <stdint.h>
#include <stdio.h>

enum { TOOL_EXIT_OK = 0, TOOL_EXIT_ERROR = 1, TOOL_EXIT_USAGE = 2, TOOL_EXIT_ROWS_FAILED = 3 };

#if defined(__GNUC__)
#define TOOL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TOOL_PRINTF(f, a)
#endif

/* carealign score INSTRUMENT [--valueset NAME] [FILE|-] */
int tool_score(int argc, char **argv);
void tool_score_usage(FILE *out);

/* carealign validate --framework F [DATA...] */
int tool_validate(int argc, char **argv);
void tool_validate_usage(FILE *out);

/* carealign fhir --framework F [--out FILE] [--schema-strict] [--pretty] */
int tool_fhir(int argc, char **argv);
void tool_fhir_usage(FILE *out);

/* carealign pseudonymise (--key-file K | --key-env VAR) --column NAME [IN] [--out FILE] */
int tool_pseudonymise(int argc, char **argv);
void tool_pseudonymise_usage(FILE *out);

/* carealign generate --people N --organisations M --months T --seed S --out DIR */
int tool_generate(int argc, char **argv);
void tool_generate_usage(FILE *out);

/* carealign report|merge|demo (report.c, merge.c, demo.c; issue 9) */
int tool_report(int argc, char **argv);
void tool_report_usage(FILE *out);
int tool_merge(int argc, char **argv);
void tool_merge_usage(FILE *out);
int tool_demo(int argc, char **argv);
void tool_demo_usage(FILE *out);

/* Set a stream to binary mode where text mode would translate line ends. */
void tool_binary(FILE *stream);

/* Print "carealign CMD: message" and "(carealign help CMD for usage)" on
 * stderr; returns TOOL_EXIT_USAGE. */
int tool_usage_error(const char *command, const char *fmt, ...) TOOL_PRINTF(2, 3);

/* Print "carealign CMD: message" on stderr. */
void tool_error(const char *command, const char *fmt, ...) TOOL_PRINTF(2, 3);

/* Option parsing. tool_option() matches argv[*i] against "--NAME VALUE" or
 * "--NAME=VALUE": returns 1 and sets *value (advancing *i past a separate
 * value), 0 when argv[*i] is another argument, -1 when the value is missing
 * (after printing a usage error for command). */
int tool_option(const char *command, int argc, char **argv, int *i, const char *name,
                const char **value);

/* Parse a whole decimal number in [min, max]; 1 on success. */
int tool_parse_int(const char *text, long long min, long long max, long long *out);

/* The framework code in [first, end) of table whose name is text, or -1. */
int tool_code_of(int32_t table, int32_t first, int32_t end, const char *text);

/* ASCII case-insensitive equality. */
int tool_ascii_equal(const char *a, const char *b);

/* Read a whole file ("-" = stdin; plain or gzip) into a malloc'd buffer with
 * a NUL after it. Returns 0, or -1 after printing an error for command. */
int tool_read_all(const char *command, const char *path, char **out, size_t *out_len);

/* A CSV output line under construction. */
typedef struct tool_line {
    char *buf;
    size_t len, cap;
} tool_line;

/* Append a field (quoted as RFC 4180 needs; a comma before it unless
 * first); 0 on success, -1 when out of memory. */
int tool_line_field(tool_line *line, const char *field, size_t len, int first);

/* Append text as it is; 0 on success, -1 when out of memory. */
int tool_line_raw(tool_line *line, const char *text, size_t len);

/* Release the buffer. */
void tool_line_free(tool_line *line);

#endif /* CAREALIGN_TOOLS_COMMANDS_H */

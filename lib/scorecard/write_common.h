/* Shared by the scorecard writers (write_json.c, write_csv.c, write_fhir.c):
 * a streaming output sink, a small JSON writer with optional indentation,
 * locale-independent number text and the names of codes. Internal. */
#ifndef CAREALIGN_SCORECARD_WRITE_COMMON_H
#define CAREALIGN_SCORECARD_WRITE_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "core/json.h"
#include "scorecard/table.h"

/* Default significant digits of computed numbers (docs/report-schema.md). */
#define CAREALIGN__SC_DEFAULT_SIG_DIGITS 6
/* Number text buffer size: enough for any double with 17 digits. */
#define CAREALIGN__SC_NUMBUF 40

/* Output: text gathers in buf and goes to fn in pieces of about 64 KiB.
 * After a failure (`status` not OK) nothing more is written. */
typedef struct carealign__sc_out {
    carealign__json_buf buf;
    carealign_write_fn fn;
    void *user;
    carealign_status status;
    /* JSON state */
    int pretty;
    int comma;
    int depth;
    int after_key;
    int sig_digits;
} carealign__sc_out;

void carealign__sc_out_init(carealign__sc_out *o, carealign_write_fn fn, void *user, int pretty,
                            int sig_digits);
void carealign__sc_out_bytes(carealign__sc_out *o, const char *s, size_t len);
void carealign__sc_out_puts(carealign__sc_out *o, const char *s);
/* Flush what is left and release; returns the first failure, if any. */
carealign_status carealign__sc_out_finish(carealign__sc_out *o);

/* JSON */
void carealign__sc_jopen(carealign__sc_out *o, char bracket);
void carealign__sc_jclose(carealign__sc_out *o, char bracket);
void carealign__sc_jkey(carealign__sc_out *o, const char *key);
void carealign__sc_jstr(carealign__sc_out *o, const char *s, size_t len);
void carealign__sc_jcstr(carealign__sc_out *o, const char *s);
void carealign__sc_jraw(carealign__sc_out *o, const char *text);
/* A number with o->sig_digits significant digits; null when not finite. */
void carealign__sc_jnum(carealign__sc_out *o, double x);
/* A count: exact when integral and below 2^53, else as carealign__sc_jnum. */
void carealign__sc_jcount(carealign__sc_out *o, double x);
void carealign__sc_jint(carealign__sc_out *o, int64_t x);
void carealign__sc_jfield(carealign__sc_out *o, const char *key, const char *value);

/* Number text: %.<digits>g made locale-independent and canonical (no '+'
 * or leading zeros in the exponent, "0" for a zero). "" when not finite.
 * Returns the length. */
size_t carealign__sc_num_text(double x, int digits, char out[CAREALIGN__SC_NUMBUF]);
/* Count text: an exact integer when integral and |x| < 2^53, else with 17 digits. */
size_t carealign__sc_count_text(double x, char out[CAREALIGN__SC_NUMBUF]);

/* Names */
const char *carealign__sc_level_name(int32_t level);
const char *carealign__sc_kind_name(int32_t kind);
const char *carealign__sc_method_name(int32_t method);
const char *carealign__sc_variation_name(int32_t v);
const char *carealign__sc_assurance_name(int32_t v);
const char *carealign__sc_funnel_name(int32_t v);
const char *carealign__sc_feed_name(int32_t feed);
/* The names of the set CAREALIGN_RES_* bits, space-separated, in bit order. */
size_t carealign__sc_flag_count(void);
const char *carealign__sc_flag_name(size_t i, uint32_t *bit);
size_t carealign__sc_spc_point_flag_count(void);
const char *carealign__sc_spc_point_flag_name(size_t i, uint32_t *bit);

/* The unit of a row as text: "" for the system, the sector's name, or the
 * organisation's ODS code ("" when the dictionary has none). */
const char *carealign__sc_unit_text(const carealign__sc_table *t, const carealign_result *r,
                                    size_t *len);
/* A stratum value as text into out (the age band "65-74" or "85+", the sex
 * "male"/"female"/"persons", the ethnicity dictionary string, the
 * deprivation group number, the ODS code or sector name). */
void carealign__sc_stratum_value_text(const carealign__sc_table *t, const carealign_framework *fw,
                                      int32_t dim, int32_t value, carealign__json_buf *out);
/* The stratum's id in the framework ("" when out of range). */
const char *carealign__sc_stratum_id(const carealign_framework *fw, int32_t dim, size_t *len);
/* Days since 1970-01-01 as YYYY-MM-DD into out (11 bytes); "" when invalid. */
void carealign__sc_date_text(int32_t day, char out[CAREALIGN_DATE_BUFSIZE]);
/* Lower-case hex of a SHA-256. */
void carealign__sc_hex(const uint8_t h[CAREALIGN_SHA256_SIZE],
                       char out[2 * CAREALIGN_SHA256_SIZE + 1]);
/* Read and check writer options into o (zeros when opt is NULL). */
carealign_status carealign__sc_read_write_options(const carealign_write_options *opt,
                                                  carealign_write_options *o);

/* The three writers, each given checked options and an initialised sink. */
void carealign__sc_write_json(const carealign__sc_table *t, const carealign_framework *fw,
                              const carealign_write_options *o, carealign__sc_out *out);
void carealign__sc_write_csv(const carealign__sc_table *t, const carealign_framework *fw,
                             const carealign_write_options *o, carealign__sc_out *out);
void carealign__sc_write_fhir(const carealign__sc_table *t, const carealign_framework *fw,
                              const carealign_write_options *o, carealign__sc_out *out);

#endif /* CAREALIGN_SCORECARD_WRITE_COMMON_H */

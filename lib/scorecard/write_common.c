/* Shared pieces of the scorecard writers: see write_common.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "carealign/stats.h"
#include "core/internal.h"
#include "scorecard/fpclass.h"
#include "scorecard/write_common.h"

enum { CHUNK = 65536 };

void carealign__sc_out_init(carealign__sc_out *o, carealign_write_fn fn, void *user, int pretty,
                            int sig_digits)
{
    memset(o, 0, sizeof *o);
    carealign__json_buf_init(&o->buf);
    o->fn = fn;
    o->user = user;
    o->status = CAREALIGN_OK;
    o->pretty = pretty;
    o->sig_digits = sig_digits;
}

static void flush(carealign__sc_out *o)
{
    if (o->status != CAREALIGN_OK)
        return;
    if (o->buf.failed) {
        o->status = carealign__error(CAREALIGN_ENOMEM, "scorecard writer: out of memory");
        return;
    }
    if (o->buf.len > 0 && o->fn(o->buf.data, o->buf.len, o->user) != 0)
        o->status =
            carealign__error(CAREALIGN_EIO, "scorecard writer: the callback stopped the write");
    o->buf.len = 0;
}

void carealign__sc_out_bytes(carealign__sc_out *o, const char *s, size_t len)
{
    if (o->status != CAREALIGN_OK)
        return;
    carealign__json_buf_append(&o->buf, s, len);
    if (o->buf.len >= CHUNK || o->buf.failed)
        flush(o);
}

void carealign__sc_out_puts(carealign__sc_out *o, const char *s)
{
    carealign__sc_out_bytes(o, s, strlen(s));
}

carealign_status carealign__sc_out_finish(carealign__sc_out *o)
{
    flush(o);
    carealign__json_buf_release(&o->buf);
    return o->status;
}

/* ---- JSON ---------------------------------------------------------------- */

static void newline(carealign__sc_out *o)
{
    carealign__sc_out_bytes(o, "\n", 1);
    for (int i = 0; i < o->depth; i++)
        carealign__sc_out_bytes(o, "  ", 2);
}

static void jsep(carealign__sc_out *o)
{
    if (o->after_key) {
        o->after_key = 0;
        return;
    }
    if (o->comma)
        carealign__sc_out_bytes(o, ",", 1);
    if (o->pretty && o->depth > 0)
        newline(o);
}

void carealign__sc_jopen(carealign__sc_out *o, char bracket)
{
    jsep(o);
    carealign__sc_out_bytes(o, &bracket, 1);
    o->depth++;
    o->comma = 0;
}

void carealign__sc_jclose(carealign__sc_out *o, char bracket)
{
    o->depth--;
    if (o->pretty && o->comma)
        newline(o);
    carealign__sc_out_bytes(o, &bracket, 1);
    o->comma = 1;
    if (o->pretty && o->depth == 0)
        carealign__sc_out_bytes(o, "\n", 1);
}

void carealign__sc_jkey(carealign__sc_out *o, const char *key)
{
    jsep(o);
    if (o->status == CAREALIGN_OK) {
        carealign__json_buf_string(&o->buf, key, strlen(key));
        carealign__sc_out_bytes(o, o->pretty ? ": " : ":", o->pretty ? 2 : 1);
    }
    o->after_key = 1;
    o->comma = 0;
}

void carealign__sc_jstr(carealign__sc_out *o, const char *s, size_t len)
{
    jsep(o);
    if (o->status == CAREALIGN_OK && carealign__json_utf8_valid(s, len)) {
        carealign__json_buf_string(&o->buf, s, len);
    } else if (o->status == CAREALIGN_OK) {
        /* Not UTF-8 (a caller's dictionary string): every byte above 0x7F
         * becomes U+FFFD, so the output stays valid JSON. */
        carealign__json_buf tmp;
        carealign__json_buf_init(&tmp);
        for (size_t i = 0; i < len; i++) {
            if ((unsigned char)s[i] < 0x80)
                carealign__json_buf_append(&tmp, s + i, 1);
            else
                carealign__json_buf_puts(&tmp, "\xEF\xBF\xBD");
        }
        if (tmp.failed)
            o->buf.failed = 1;
        else
            carealign__json_buf_string(&o->buf, tmp.data != NULL ? tmp.data : "", tmp.len);
        carealign__json_buf_release(&tmp);
    }
    carealign__sc_out_bytes(o, "", 0);
    o->comma = 1;
}

void carealign__sc_jcstr(carealign__sc_out *o, const char *s)
{
    carealign__sc_jstr(o, s, strlen(s));
}

void carealign__sc_jraw(carealign__sc_out *o, const char *text)
{
    jsep(o);
    carealign__sc_out_puts(o, text);
    o->comma = 1;
}

void carealign__sc_jnum(carealign__sc_out *o, double x)
{
    char t[CAREALIGN__SC_NUMBUF];
    carealign__sc_jraw(o, carealign__sc_num_text(x, o->sig_digits, t) ? t : "null");
}

void carealign__sc_jcount(carealign__sc_out *o, double x)
{
    char t[CAREALIGN__SC_NUMBUF];
    carealign__sc_jraw(o, carealign__sc_count_text(x, t) ? t : "null");
}

void carealign__sc_jint(carealign__sc_out *o, int64_t x)
{
    char t[CAREALIGN__SC_NUMBUF];
    snprintf(t, sizeof t, "%lld", (long long)x);
    carealign__sc_jraw(o, t);
}

void carealign__sc_jfield(carealign__sc_out *o, const char *key, const char *value)
{
    carealign__sc_jkey(o, key);
    carealign__sc_jcstr(o, value);
}

/* ---- numbers ------------------------------------------------------------- */

size_t carealign__sc_num_text(double x, int digits, char out[CAREALIGN__SC_NUMBUF])
{
    out[0] = '\0';
    if (!CAREALIGN__SC_ISFINITE(x))
        return 0;
    if (x == 0.0) {
        out[0] = '0';
        out[1] = '\0';
        return 1;
    }
    if (digits < 1 || digits > 17)
        digits = CAREALIGN__SC_DEFAULT_SIG_DIGITS;
    char raw[64];
    snprintf(raw, sizeof raw, "%.*g", digits, x);
    /* Rebuild: sign, digits, one '.', digits, then e[-]exponent without zeros. */
    size_t n = 0;
    const char *p = raw;
    if (*p == '-')
        out[n++] = *p++;
    int seen_point = 0;
    while (*p != '\0' && *p != 'e' && *p != 'E') {
        if (*p >= '0' && *p <= '9') {
            out[n++] = *p++;
        } else {
            if (!seen_point)
                out[n++] = '.';
            seen_point = 1;
            p++;
            while (*p != '\0' && !(*p >= '0' && *p <= '9') && *p != 'e' && *p != 'E')
                p++; /* a multi-byte decimal separator */
        }
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        out[n++] = 'e';
        if (*p == '-')
            out[n++] = *p++;
        else if (*p == '+')
            p++;
        while (*p == '0' && p[1] != '\0')
            p++;
        while (*p >= '0' && *p <= '9' && n < CAREALIGN__SC_NUMBUF - 1)
            out[n++] = *p++;
    }
    out[n] = '\0';
    return n;
}

size_t carealign__sc_count_text(double x, char out[CAREALIGN__SC_NUMBUF])
{
    if (CAREALIGN__SC_ISFINITE(x) && x == floor(x) && fabs(x) < 9007199254740992.0) {
        int n = snprintf(out, CAREALIGN__SC_NUMBUF, "%lld", (long long)x);
        if (strcmp(out, "-0") == 0) {
            out[0] = '0';
            out[1] = '\0';
            n = 1;
        }
        return n > 0 ? (size_t)n : 0;
    }
    return carealign__sc_num_text(x, 17, out);
}

/* ---- names --------------------------------------------------------------- */

const char *carealign__sc_level_name(int32_t level)
{
    switch (level) {
    case CAREALIGN_LEVEL_SYSTEM: return "system";
    case CAREALIGN_LEVEL_SECTOR: return "sector";
    case CAREALIGN_LEVEL_ORG: return "organisation";
    case CAREALIGN_LEVEL_COHORT: return "cohort";
    default: return "unknown";
    }
}

const char *carealign__sc_kind_name(int32_t kind)
{
    switch (kind) {
    case CAREALIGN_RESULT_ESTIMATE: return "estimate";
    case CAREALIGN_RESULT_SII: return "sii";
    case CAREALIGN_RESULT_RII: return "rii";
    default: return "unknown";
    }
}

const char *carealign__sc_method_name(int32_t method)
{
    switch (method) {
    case CAREALIGN_METHOD_NONE: return "none";
    case CAREALIGN_METHOD_WILSON: return "wilson";
    case CAREALIGN_METHOD_EXACT: return "exact";
    case CAREALIGN_METHOD_BYAR: return "byar";
    case CAREALIGN_METHOD_T: return "t";
    case CAREALIGN_METHOD_DOBSON: return "dobson";
    case CAREALIGN_METHOD_QUANTILE: return "quantile";
    default: return "unknown";
    }
}

const char *carealign__sc_variation_name(int32_t v)
{
    switch (v) {
    case CAREALIGN_SPC_VARIATION_NONE: return "none";
    case CAREALIGN_SPC_VARIATION_COMMON_CAUSE: return "common_cause";
    case CAREALIGN_SPC_VARIATION_IMPROVEMENT_HIGH: return "improvement_high";
    case CAREALIGN_SPC_VARIATION_IMPROVEMENT_LOW: return "improvement_low";
    case CAREALIGN_SPC_VARIATION_CONCERN_HIGH: return "concern_high";
    case CAREALIGN_SPC_VARIATION_CONCERN_LOW: return "concern_low";
    case CAREALIGN_SPC_VARIATION_NEUTRAL_HIGH: return "neutral_high";
    case CAREALIGN_SPC_VARIATION_NEUTRAL_LOW: return "neutral_low";
    default: return NULL;
    }
}

const char *carealign__sc_assurance_name(int32_t v)
{
    switch (v) {
    case CAREALIGN_SPC_ASSURANCE_NONE: return "none";
    case CAREALIGN_SPC_ASSURANCE_PASS: return "pass";
    case CAREALIGN_SPC_ASSURANCE_FAIL: return "fail";
    case CAREALIGN_SPC_ASSURANCE_INCONSISTENT: return "inconsistent";
    default: return NULL;
    }
}

const char *carealign__sc_funnel_name(int32_t v)
{
    switch (v) {
    case CAREALIGN_FUNNEL_NOT_SIGNIFICANT: return "not_significant";
    case CAREALIGN_FUNNEL_HIGH_0025: return "high_0025";
    case CAREALIGN_FUNNEL_HIGH_0001: return "high_0001";
    case CAREALIGN_FUNNEL_LOW_0025: return "low_0025";
    case CAREALIGN_FUNNEL_LOW_0001: return "low_0001";
    case CAREALIGN_FUNNEL_NOT_APPLICABLE: return "not_applicable";
    default: return NULL;
    }
}

const char *carealign__sc_feed_name(int32_t feed)
{
    switch (feed) {
    case CAREALIGN_FEED_ORGANISATIONS: return "organisations";
    case CAREALIGN_FEED_POPULATIONS: return "populations";
    case CAREALIGN_FEED_PEOPLE: return "people";
    case CAREALIGN_FEED_RESPONSES: return "responses";
    case CAREALIGN_FEED_FFT: return "fft";
    case CAREALIGN_FEED_CONTACTS: return "contacts";
    default: return "unknown";
    }
}

static const struct {
    uint32_t bit;
    const char *name;
} flag_names[] = {
    {CAREALIGN_RES_TOO_FEW, "too_few"},
    {CAREALIGN_RES_SUPPRESSED, "suppressed"},
    {CAREALIGN_RES_SECONDARY_SUPPRESSED, "secondary_suppressed"},
    {CAREALIGN_RES_ROUNDED, "rounded"},
    {CAREALIGN_RES_LOCAL_DEFINITION, "local_definition"},
    {CAREALIGN_RES_NO_DENOMINATOR, "no_denominator"},
    {CAREALIGN_RES_NO_DISCLOSURE, "no_disclosure"},
    {CAREALIGN_RES_WEIGHTED, "weighted"},
    {CAREALIGN_RES_STANDARDISED, "standardised"},
};

size_t carealign__sc_flag_count(void)
{
    return sizeof flag_names / sizeof flag_names[0];
}

const char *carealign__sc_flag_name(size_t i, uint32_t *bit)
{
    *bit = flag_names[i].bit;
    return flag_names[i].name;
}

static const struct {
    uint32_t bit;
    const char *name;
} spc_names[] = {
    {CAREALIGN_SPC_OUTSIDE_LIMITS, "outside_limits"},
    {CAREALIGN_SPC_CLOSE_TO_LIMITS, "close_to_limits"},
    {CAREALIGN_SPC_IN_TREND, "trend"},
    {CAREALIGN_SPC_IN_TWO_OF_THREE, "two_of_three"},
    {CAREALIGN_SPC_IN_SHIFT, "shift"},
    {CAREALIGN_SPC_MR_SCREENED, "mr_screened"},
    {CAREALIGN_SPC_AFTER_FIX, "after_fix"},
    {CAREALIGN_SPC_SHORT_GROUP, "short_group"},
    {CAREALIGN_SPC_LIMITS_NA, "limits_na"},
    {CAREALIGN_SPC_TOO_FEW_FOR_ICONS, "too_few_for_icons"},
};

size_t carealign__sc_spc_point_flag_count(void)
{
    return sizeof spc_names / sizeof spc_names[0];
}

const char *carealign__sc_spc_point_flag_name(size_t i, uint32_t *bit)
{
    *bit = spc_names[i].bit;
    return spc_names[i].name;
}

const char *carealign__sc_unit_text(const carealign__sc_table *t, const carealign_result *r,
                                    size_t *len)
{
    const char *s = "";
    switch (r->level) {
    case CAREALIGN_LEVEL_SECTOR:
        s = carealign_framework_code_name(CAREALIGN_TABLE_SECTOR, r->unit);
        break;
    case CAREALIGN_LEVEL_ORG:
    case CAREALIGN_LEVEL_COHORT:
        return carealign__sc_dict_string(t, CAREALIGN_DICT_ORG, r->unit, len);
    default: break;
    }
    *len = strlen(s);
    return s;
}

const char *carealign__sc_stratum_id(const carealign_framework *fw, int32_t dim, size_t *len)
{
    carealign_framework_stratum s;
    memset(&s, 0, sizeof s);
    s.size = sizeof s;
    if (carealign_framework_get_stratum(fw, dim, &s) != CAREALIGN_OK) {
        *len = 0;
        return "";
    }
    *len = s.id_len;
    return s.id;
}

static void put_int(carealign__json_buf *out, int64_t v)
{
    char t[24];
    snprintf(t, sizeof t, "%lld", (long long)v);
    carealign__json_buf_puts(out, t);
}

void carealign__sc_stratum_value_text(const carealign__sc_table *t, const carealign_framework *fw,
                                      int32_t dim, int32_t value, carealign__json_buf *out)
{
    carealign_framework_stratum s;
    memset(&s, 0, sizeof s);
    s.size = sizeof s;
    if (carealign_framework_get_stratum(fw, dim, &s) != CAREALIGN_OK) {
        put_int(out, value);
        return;
    }
    size_t len = 0;
    const char *text;
    switch (s.kind) {
    case CAREALIGN_STRATUM_AGE:
        if (value >= 0 && value < s.n_groups && s.band_lower != NULL && s.band_upper != NULL) {
            put_int(out, s.band_lower[value]);
            if (s.band_upper[value] < 0) {
                carealign__json_buf_puts(out, "+");
            } else {
                carealign__json_buf_puts(out, "-");
                put_int(out, s.band_upper[value]);
            }
            return;
        }
        break;
    case CAREALIGN_STRATUM_SEX:
        carealign__json_buf_puts(out, value == 1 ? "male" : value == 2 ? "female" : "persons");
        return;
    case CAREALIGN_STRATUM_ETHNICITY:
        text = carealign__sc_dict_string(t, CAREALIGN_DICT_ETHNICITY, value, &len);
        if (len > 0) {
            carealign__json_buf_append(out, text, len);
            return;
        }
        break;
    case CAREALIGN_STRATUM_ORGANISATION:
        text = carealign__sc_dict_string(t, CAREALIGN_DICT_ORG, value, &len);
        if (len > 0) {
            carealign__json_buf_append(out, text, len);
            return;
        }
        break;
    case CAREALIGN_STRATUM_SECTOR:
        text = carealign_framework_code_name(CAREALIGN_TABLE_SECTOR, value);
        if (text[0] != '\0') {
            carealign__json_buf_puts(out, text);
            return;
        }
        break;
    default: break;
    }
    put_int(out, value);
}

void carealign__sc_date_text(int32_t day, char out[CAREALIGN_DATE_BUFSIZE])
{
    size_t n = 0;
    if (carealign_date_format(day, out, CAREALIGN_DATE_BUFSIZE, &n) != CAREALIGN_OK)
        out[0] = '\0';
}

void carealign__sc_hex(const uint8_t h[CAREALIGN_SHA256_SIZE],
                       char out[2 * CAREALIGN_SHA256_SIZE + 1])
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < CAREALIGN_SHA256_SIZE; i++) {
        out[2 * i] = digits[h[i] >> 4];
        out[2 * i + 1] = digits[h[i] & 15];
    }
    out[2 * CAREALIGN_SHA256_SIZE] = '\0';
}

carealign_status carealign__sc_read_write_options(const carealign_write_options *opt,
                                                  carealign_write_options *o)
{
    memset(o, 0, sizeof *o);
    o->size = sizeof *o;
    if (opt == NULL)
        return CAREALIGN_OK;
    carealign_status st =
        carealign__read_struct(o, sizeof *o, opt, sizeof *o, "carealign_write_options");
    if (st != CAREALIGN_OK)
        return st;
    if (o->flags & ~(CAREALIGN_WRITE_PRETTY | CAREALIGN_WRITE_FHIR_JSON_SCHEMA))
        return carealign__error(CAREALIGN_EUNSUPPORTED,
                                "carealign_write_options.flags: unknown flags 0x%x",
                                (unsigned)o->flags);
    if (o->sig_digits < 0 || o->sig_digits > 17)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_write_options.sig_digits: %d is outside 0..17",
                                (int)o->sig_digits);
    if (o->base_url == NULL && o->base_url_len > 0)
        return carealign__error(CAREALIGN_EINVAL, "carealign_write_options.base_url is NULL");
    if (o->base_url_len > 0 && !carealign__json_utf8_valid(o->base_url, o->base_url_len))
        return carealign__error(CAREALIGN_EINVAL, "carealign_write_options.base_url is not UTF-8");
    for (size_t i = 0; i < o->base_url_len; i++)
        if ((unsigned char)o->base_url[i] <= 0x20)
            return carealign__error(CAREALIGN_EINVAL,
                                    "carealign_write_options.base_url contains a space or "
                                    "control character");
    return CAREALIGN_OK;
}

/* ---- the entry point ---------------------------------------------------- */

carealign_status carealign__sc_write(const carealign__sc_table *t, const carealign_framework *fw,
                                     int32_t format, const carealign_write_options *opt,
                                     carealign_write_fn fn, void *user)
{
    if (t == NULL || fw == NULL || fn == NULL)
        return carealign__error(CAREALIGN_EINVAL, "scorecard write: NULL argument");
    if (format != CAREALIGN_FORMAT_JSON && format != CAREALIGN_FORMAT_CSV &&
        format != CAREALIGN_FORMAT_FHIR)
        return carealign__error(CAREALIGN_EINVAL, "scorecard write: unknown format %d",
                                (int)format);
    carealign_write_options o;
    carealign_status st = carealign__sc_read_write_options(opt, &o);
    if (st != CAREALIGN_OK)
        return st;
    carealign__sc_out out;
    carealign__sc_out_init(&out, fn, user, (o.flags & CAREALIGN_WRITE_PRETTY) != 0,
                           o.sig_digits > 0 ? o.sig_digits : CAREALIGN__SC_DEFAULT_SIG_DIGITS);
    if (format == CAREALIGN_FORMAT_JSON)
        carealign__sc_write_json(t, fw, &o, &out);
    else if (format == CAREALIGN_FORMAT_CSV)
        carealign__sc_write_csv(t, fw, &o, &out);
    else
        carealign__sc_write_fhir(t, fw, &o, &out);
    return carealign__sc_out_finish(&out);
}

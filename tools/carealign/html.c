/* The HTML report: one self-contained page (inline CSS and SVG, no
 * JavaScript, nothing fetched) for people who will not read JSON.
 *
 * Order: the three aims and integration at a glance (headline figures,
 * status against target and direction in plain words), the data used
 * (rows read, used, rejected and excluded; every rejected row with file,
 * line, field and reason), then each aim's measures (value and interval,
 * target, n, definition and source, an XmR chart over the periods, a
 * funnel plot of same-sector organisations where comparison is allowed, a
 * table by organisation with the whole-system figure for its people, a
 * table by group, the deprivation gradient), and last the cohort view.
 * Every number comes from the finalized scorecard; suppressed cells show
 * "*". Every shown value carries its full-precision value in a data-value
 * attribute, so tests can check it against report.json. docs/report.md
 * explains how to read the page. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

const char *rep_file_kind(int file)
{
    static const char *const names[REP_N_FILES] = {"organisations", "populations", "people",
                                                   "responses",     "fft",         "contacts"};
    return file >= 0 && file < REP_N_FILES ? names[file] : "?";
}

/* ---- sink ---- */

void rep_putn(rep_sink *s, const char *text, size_t len)
{
    if (s->failed || len == 0)
        return;
    if (s->write(s->user, text, len) != 0)
        s->failed = 1;
}

void rep_put(rep_sink *s, const char *text)
{
    rep_putn(s, text, strlen(text));
}

void rep_printf(rep_sink *s, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) {
        s->failed = 1;
        return;
    }
    if ((size_t)n < sizeof buf) {
        rep_putn(s, buf, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (big == NULL) {
        s->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    rep_putn(s, big, (size_t)n);
    free(big);
}

void rep_esc(rep_sink *s, const char *text, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        const char *rep = NULL;
        switch (text[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default:
            /* control characters are not allowed in XML 1.0 */
            if ((unsigned char)text[i] < 0x20 && text[i] != '\n' && text[i] != '\t')
                rep = " ";
        }
        if (rep != NULL) {
            rep_putn(s, text + start, i - start);
            rep_put(s, rep);
            start = i + 1;
        }
    }
    rep_putn(s, text + start, len - start);
}

static void esc0(rep_sink *s, const char *text)
{
    rep_esc(s, text, strlen(text));
}

void rep_format_number(double v, int sig, char *buf, size_t cap)
{
    if (!rep_finite(v)) {
        snprintf(buf, cap, "-");
        return;
    }
    if (v == 0) {
        snprintf(buf, cap, "0");
        return;
    }
    int e = (int)floor(log10(fabs(v)));
    int dec = sig - 1 - e;
    char tmp[64];
    if (dec > 6)
        dec = 6;
    if (dec < 0) {
        double p = pow(10, -dec);
        snprintf(tmp, sizeof tmp, "%.0f", round(v / p) * p);
    } else {
        snprintf(tmp, sizeof tmp, "%.*f", dec, v);
    }
    if (strcmp(tmp, "-0") == 0 || strspn(tmp, "-0.") == strlen(tmp)) {
        /* rounded to zero at this precision */
        snprintf(buf, cap, "0");
        return;
    }
    /* thousands separators in the integer part when it has more than 4 digits */
    const char *p = tmp;
    size_t o = 0;
    if (*p == '-' && o + 1 < cap)
        buf[o++] = *p++;
    size_t intlen = strcspn(p, ".");
    for (size_t i = 0; i < intlen && o + 2 < cap; i++) {
        buf[o++] = p[i];
        size_t left = intlen - i - 1;
        if (intlen > 4 && left > 0 && left % 3 == 0)
            buf[o++] = ',';
    }
    for (const char *q = p + intlen; *q && o + 1 < cap; q++)
        buf[o++] = *q;
    buf[o < cap ? o : cap - 1] = '\0';
}

/* ---- the data of the page ---- */

typedef struct page {
    const rep_view *v;
    rep_sink *o;
    carealign_framework_info fi;
    carealign_measure_info *mi;
    int32_t n_measures;
    int32_t *period_start;
    int32_t n_periods;
    carealign_result *res;
    size_t n_res;
    size_t *m_begin, *m_end; /* rows of each measure */
    int chart_id;
    char *err;
    size_t err_cap;
} page;

static int fail(page *pg, const char *what)
{
    snprintf(pg->err, pg->err_cap, "%s: %s", what, carealign_last_error());
    return -1;
}

static int is_margin(const carealign_result *r)
{
    return r->stratum[0] == CAREALIGN_STRATUM_MARGIN && r->stratum[2] == CAREALIGN_STRATUM_MARGIN;
}

static const carealign_result *find(const page *pg, int32_t m, int32_t level, int32_t unit,
                                    int32_t period)
{
    size_t i;
    if (carealign_scorecard_find_result(pg->v->sc, m, level, unit, period, &i) != CAREALIGN_OK ||
        i >= pg->n_res)
        return NULL;
    return &pg->res[i];
}

static int suppressed(const carealign_result *r)
{
    return (r->flags & (CAREALIGN_RES_SUPPRESSED | CAREALIGN_RES_SECONDARY_SUPPRESSED)) != 0;
}

static void org_label(const page *pg, int32_t org, char *buf, size_t cap)
{
    const char *code = "";
    size_t len = 0;
    if (carealign_scorecard_get_id(pg->v->sc, CAREALIGN_DICT_ORG, org, &code, &len) != CAREALIGN_OK)
        code = "?";
    const rep_data *d = pg->v->data;
    if (d != NULL && org >= 0 && (size_t)org < d->n_org_sector && d->org_name[org] != NULL)
        snprintf(buf, cap, "%s (%s)", d->org_name[org], code);
    else
        snprintf(buf, cap, "%s", code);
}

static int32_t org_sector(const page *pg, int32_t org)
{
    const rep_data *d = pg->v->data;
    if (d != NULL && org >= 0 && (size_t)org < d->n_org_sector)
        return d->org_sector[org];
    return 0;
}

static const char *sector_name(int32_t s)
{
    static const char *const names[10] = {"all",
                                          "NHS acute",
                                          "NHS community",
                                          "NHS mental health",
                                          "primary care",
                                          "local authority",
                                          "independent provider",
                                          "voluntary",
                                          "housing",
                                          "other"};
    return s >= 0 && s < 10 ? names[s] : "other";
}

static const char *aim_name(int32_t aim)
{
    switch (aim) {
    case CAREALIGN_AIM_EXPERIENCE: return "Experience";
    case CAREALIGN_AIM_OUTCOMES: return "Outcomes";
    case CAREALIGN_AIM_RESOURCES: return "Resources";
    case CAREALIGN_AIM_INTEGRATION: return "Integration";
    default: return "Other";
    }
}

static const char *aim_question(int32_t aim)
{
    switch (aim) {
    case CAREALIGN_AIM_EXPERIENCE: return "How did people experience care and support?";
    case CAREALIGN_AIM_OUTCOMES: return "Did people's lives get better?";
    case CAREALIGN_AIM_RESOURCES:
        return "Were money and staff time used well across the whole system?";
    case CAREALIGN_AIM_INTEGRATION: return "How seamless was the journey between organisations?";
    default: return "";
    }
}

/* The direction in plain words, from the whole-period row's SPC icon. */
static const char *direction_words(const carealign_result *r, const char **cls)
{
    int32_t v = r != NULL ? r->spc_variation : -1;
    switch (v) {
    case CAREALIGN_SPC_VARIATION_IMPROVEMENT_HIGH:
    case CAREALIGN_SPC_VARIATION_IMPROVEMENT_LOW: *cls = "improving"; return "Improving";
    case CAREALIGN_SPC_VARIATION_CONCERN_HIGH:
    case CAREALIGN_SPC_VARIATION_CONCERN_LOW: *cls = "concern"; return "Concern";
    case CAREALIGN_SPC_VARIATION_COMMON_CAUSE: *cls = "nochange"; return "No significant change";
    case CAREALIGN_SPC_VARIATION_NEUTRAL_HIGH:
        *cls = "neutral";
        return "Unusually high (no preferred direction)";
    case CAREALIGN_SPC_VARIATION_NEUTRAL_LOW:
        *cls = "neutral";
        return "Unusually low (no preferred direction)";
    default: *cls = "unknown"; return "Too few periods to judge";
    }
}

static const char *target_words(const carealign_result *r, const char **cls)
{
    if (r == NULL || !rep_finite(r->target)) {
        *cls = "unknown";
        return "No target";
    }
    if (r->target_met == 1) {
        *cls = "met";
        return "Meets target";
    }
    if (r->target_met == 0) {
        *cls = "missed";
        return "Misses target";
    }
    *cls = "unknown";
    return "Cannot be judged";
}

/* A value cell: "*" when suppressed; data-* attributes for checking. */
static void value_cell(page *pg, const carealign_result *r, const char *unit_suffix)
{
    rep_sink *o = pg->o;
    if (r == NULL) {
        rep_put(o, "<td class=\"na\">-</td>");
        return;
    }
    size_t idx = (size_t)(r - pg->res);
    if (suppressed(r)) {
        rep_printf(o, "<td class=\"supp\" data-row=\"%llu\" data-value=\"suppressed\">*</td>",
                   (unsigned long long)idx);
        return;
    }
    if (!rep_finite(r->estimate.value)) {
        const char *why = (r->flags & CAREALIGN_RES_NO_DENOMINATOR) ? "no denominator"
                          : (r->flags & CAREALIGN_RES_TOO_FEW)      ? "too few"
                                                                    : "no value";
        rep_printf(o, "<td class=\"na\" data-row=\"%llu\" data-value=\"nan\">%s</td>",
                   (unsigned long long)idx, why);
        return;
    }
    char num[64];
    rep_format_number(r->estimate.value, 3, num, sizeof num);
    rep_printf(o, "<td data-row=\"%llu\" data-value=\"%.17g\">%s", (unsigned long long)idx,
               r->estimate.value, num);
    if (unit_suffix != NULL && strcmp(unit_suffix, "%") == 0)
        rep_put(o, "%");
    rep_put(o, "</td>");
}

static void interval_text(const carealign_result *r, char *buf, size_t cap)
{
    if (r == NULL || !rep_finite(r->estimate.lower) || !rep_finite(r->estimate.upper)) {
        if (r != NULL && rep_finite(r->estimate.upper) && !rep_finite(r->estimate.lower)) {
            char u[48];
            rep_format_number(r->estimate.upper, 3, u, sizeof u);
            snprintf(buf, cap, "up to %s", u);
            return;
        }
        snprintf(buf, cap, "-");
        return;
    }
    char l[48], u[48];
    rep_format_number(r->estimate.lower, 3, l, sizeof l);
    rep_format_number(r->estimate.upper, 3, u, sizeof u);
    snprintf(buf, cap, "%s to %s", l, u);
}

static void n_text(const carealign_result *r, char *buf, size_t cap)
{
    if (r == NULL || suppressed(r) || !rep_finite(r->estimate.n))
        snprintf(buf, cap, r != NULL && suppressed(r) ? "*" : "-");
    else if (r->estimate.n == floor(r->estimate.n) && fabs(r->estimate.n) < 1e15)
        rep_format_number(r->estimate.n, 1 + (r->estimate.n >= 1 ? (int)log10(r->estimate.n) : 0),
                          buf, cap);
    else
        rep_format_number(r->estimate.n, 4, buf, cap);
}

static void stratum_value_label(const page *pg, int32_t dim, int32_t value, char *buf, size_t cap)
{
    carealign_framework_stratum st;
    carealign_framework_stratum_init(&st, sizeof st);
    if (carealign_framework_get_stratum(pg->v->fw, dim, &st) != CAREALIGN_OK) {
        snprintf(buf, cap, "%d", (int)value);
        return;
    }
    switch (st.kind) {
    case CAREALIGN_STRATUM_AGE:
        if (value >= 0 && value < st.n_groups && st.band_lower != NULL) {
            if (st.band_upper[value] < 0)
                snprintf(buf, cap, "aged %d and over", (int)st.band_lower[value]);
            else
                snprintf(buf, cap, "aged %d to %d", (int)st.band_lower[value],
                         (int)st.band_upper[value]);
        } else {
            snprintf(buf, cap, "age band %d", (int)value);
        }
        break;
    case CAREALIGN_STRATUM_SEX:
        snprintf(buf, cap, "%s",
                 value == 1   ? "male"
                 : value == 2 ? "female"
                 : value == 9 ? "indeterminate"
                              : "not known");
        break;
    case CAREALIGN_STRATUM_ETHNICITY: {
        const char *s = "?";
        size_t len;
        if (carealign_scorecard_get_id(pg->v->sc, CAREALIGN_DICT_ETHNICITY, value, &s, &len) !=
            CAREALIGN_OK)
            s = "?";
        snprintf(buf, cap, "ethnic category %s", s);
        break;
    }
    case CAREALIGN_STRATUM_DEPRIVATION:
        snprintf(buf, cap, "%s %d%s", st.n_groups == 5 ? "quintile" : "decile", (int)value,
                 value == 1             ? " (most deprived)"
                 : value == st.n_groups ? " (least deprived)"
                                        : "");
        break;
    case CAREALIGN_STRATUM_ORGANISATION: org_label(pg, value, buf, cap); break;
    case CAREALIGN_STRATUM_SECTOR: snprintf(buf, cap, "%s", sector_name(value)); break;
    default: snprintf(buf, cap, "%d", (int)value);
    }
}

static void stratum_name(const page *pg, int32_t dim, char *buf, size_t cap)
{
    carealign_framework_stratum st;
    carealign_framework_stratum_init(&st, sizeof st);
    if (carealign_framework_get_stratum(pg->v->fw, dim, &st) != CAREALIGN_OK)
        snprintf(buf, cap, "group");
    else
        snprintf(buf, cap, "%.*s", (int)st.id_len, st.id);
}

static int stratum_kind(const page *pg, int32_t dim)
{
    carealign_framework_stratum st;
    carealign_framework_stratum_init(&st, sizeof st);
    if (carealign_framework_get_stratum(pg->v->fw, dim, &st) != CAREALIGN_OK)
        return 0;
    return st.kind;
}

/* ---- sections ---- */

static const char CSS[] =
    "body{font-family:Arial,Helvetica,sans-serif;color:#212b32;background:#fff;max-width:1100px;"
    "margin:0 auto;padding:16px;line-height:1.45}"
    "h1{font-size:1.9em;margin:.2em 0}h2{border-bottom:3px solid #005eb8;padding-bottom:4px;"
    "margin-top:1.6em}h3{margin-top:1.4em}h4{margin:1em 0 .3em}"
    ".meta{color:#4c6272}.aims{display:grid;grid-template-columns:repeat(auto-fit,"
    "minmax(460px,1fr));gap:12px}.aim{border:1px solid #aeb7bd;border-top:6px solid #005eb8;"
    "padding:4px 10px 10px}.aim h3{margin:.3em 0}"
    ".status{display:inline-block;font-weight:bold;padding:1px 6px;border:2px "
    "solid;border-radius:3px}"
    ".improving{color:#00436e;border-color:#41b6e6;background:#e8f6fc}"
    ".concern{color:#7a4700;border-color:#ed8b00;background:#fdf1e0}"
    ".nochange,.unknown,.neutral{color:#333;border-color:#a6a6a6;background:#f2f2f2}"
    ".met{color:#00436e;border-color:#41b6e6}.missed{color:#7a4700;border-color:#ed8b00}"
    "table{border-collapse:collapse;margin:.4em 0 1em;font-size:.92em}th,td{border:1px solid "
    "#d8dde0;padding:3px 7px;text-align:right;vertical-align:top}th{background:#f0f4f5}"
    "th[scope=row],td.l,th.l{text-align:left}td.supp{font-weight:bold}"
    "dl.fig{display:grid;grid-template-columns:max-content auto;gap:2px 14px;margin:.5em 0}"
    "dl.fig dt{font-weight:bold}dl.fig dd{margin:0}"
    "svg{width:100%;max-width:760px;height:auto;display:block;margin:.3em 0}"
    "svg text{font-family:Arial,Helvetica,sans-serif;font-size:11px;fill:#212b32}"
    "svg .axis line{stroke:#4c6272}svg .series{fill:none;stroke:#768692;stroke-width:1.2}"
    "svg .mean{stroke:#212b32;stroke-width:1.2}svg .limit{stroke:#4c6272;stroke-dasharray:5 3}"
    "svg .target{stroke:#6a1b9a;stroke-width:1.5;stroke-dasharray:2 2}"
    "svg .common{fill:#a6a6a6;stroke:#595959}svg .improve{fill:#41b6e6;stroke:#00436e}"
    "svg .concern{fill:#ed8b00;stroke:#7a4700}svg .neutral{fill:#7b5ea7;stroke:#3d2a5c}"
    "svg .limit95{fill:none;stroke:#4c6272;stroke-dasharray:5 3}"
    "svg .limit998{fill:none;stroke:#212b32;stroke-dasharray:1 0}"
    "svg .out2{fill:#ffb81c;stroke:#7a4700}svg .out3{fill:#ed8b00;stroke:#212b32}"
    "svg .bar{fill:#41b6e6;stroke:#00436e}svg .lab{font-size:10px}"
    ".note{font-size:.9em;color:#4c6272}"
    "@media print{@page{size:A4;margin:14mm}body{max-width:none;padding:0;font-size:10pt}"
    "section.measure{break-inside:avoid-page}h2{break-before:page}nav{display:none}"
    "svg{max-width:100%}}";

static void head(page *pg)
{
    rep_sink *o = pg->o;
    rep_put(o, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    rep_esc(o, pg->fi.title, pg->fi.title_len);
    rep_put(o, " - carealign report</title>\n<meta name=\"generator\" content=\"");
    esc0(o, pg->v->generator);
    rep_put(o, "\">\n<style>");
    rep_put(o, CSS);
    rep_put(o, "</style>\n</head>\n<body>\n<header>\n<h1>");
    rep_esc(o, pg->fi.title, pg->fi.title_len);
    rep_put(o, "</h1>\n<p class=\"meta\">Framework <strong>");
    rep_esc(o, pg->fi.id, pg->fi.id_len);
    rep_put(o, "</strong> version ");
    rep_esc(o, pg->fi.version, pg->fi.version_len);
    char a[16] = "?", b[16] = "?";
    carealign_date_format(pg->fi.period_start, a, sizeof a, NULL);
    carealign_date_format(pg->fi.period_end, b, sizeof b, NULL);
    rep_printf(o, ". Reporting period %s to %s (%d %s). Framework fingerprint (SHA-256) ", a, b,
               (int)pg->n_periods,
               pg->fi.interval == CAREALIGN_INTERVAL_QUARTER ? "quarters" : "months");
    for (int i = 0; i < 6; i++)
        rep_printf(o, "%02x", pg->fi.hash[i]);
    rep_put(o, "&#8230;. Made by ");
    esc0(o, pg->v->generator);
    rep_put(o, ".</p>\n");
    if (pg->fi.description_len > 0) {
        rep_put(o, "<p>");
        rep_esc(o, pg->fi.description, pg->fi.description_len);
        rep_put(o, "</p>\n");
    }
    rep_put(o, "</header>\n<nav aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>"
               "<li><a href=\"#glance\">At a glance</a></li>"
               "<li><a href=\"#data\">The data used</a></li>");
    for (int32_t aim = 1; aim <= 4; aim++)
        rep_printf(o, "<li><a href=\"#aim-%d\">%s</a></li>", (int)aim, aim_name(aim));
    rep_put(o, "<li><a href=\"#cohort\">Cohort view</a></li>"
               "<li><a href=\"#reading\">How to read this report</a></li>");
    if (pg->v->data != NULL && pg->v->data->n_rejects > 0)
        rep_put(o, "<li><a href=\"#rejects\">Rejected rows</a></li>");
    rep_put(o, "</ol>\n</nav>\n");
}

/* The aim summary as the library gives it; when it has none (EMISSING),
 * the same counts from the whole-system rows. */
static int aim_summary(page *pg, int32_t aim, carealign_aim_summary *s)
{
    carealign_aim_summary_init(s, sizeof *s);
    if (carealign_scorecard_get_aim_summary(pg->v->sc, aim, CAREALIGN_LEVEL_SYSTEM, -1, s) ==
        CAREALIGN_OK)
        return 1;
    carealign_aim_summary_init(s, sizeof *s);
    s->aim = aim;
    s->level = CAREALIGN_LEVEL_SYSTEM;
    s->unit = -1;
    s->composite = NAN;
    for (int32_t m = 0; m < pg->n_measures; m++) {
        if (pg->mi[m].aim != aim)
            continue;
        s->n_measures++;
        const carealign_result *r = find(pg, m, CAREALIGN_LEVEL_SYSTEM, -1, CAREALIGN_PERIOD_WHOLE);
        if (r == NULL || suppressed(r) || !rep_finite(r->estimate.value)) {
            s->n_not_computable++;
            continue;
        }
        if (r->target_met == 1)
            s->n_on_target++;
        const char *cls;
        const char *w = direction_words(r, &cls);
        (void)w;
        if (strcmp(cls, "improving") == 0)
            s->n_improving++;
        else if (strcmp(cls, "concern") == 0)
            s->n_concern++;
        else if (strcmp(cls, "nochange") == 0)
            s->n_stable++;
    }
    return 1;
}

static void glance(page *pg)
{
    rep_sink *o = pg->o;
    rep_put(o, "<section id=\"glance\">\n<h2>At a glance</h2>\n<p>The whole system, each person "
               "counted once, over the whole reporting period. <em>Status</em> compares each "
               "figure with its target; <em>direction</em> reads the chart over time (Making "
               "Data Count): only a special cause counts as improving or a concern.</p>\n"
               "<div class=\"aims\">\n");
    for (int32_t aim = 1; aim <= 4; aim++) {
        carealign_aim_summary s;
        int have = aim_summary(pg, aim, &s);
        rep_printf(o,
                   "<div class=\"aim\" id=\"glance-%d\">\n<h3>%s</h3>\n<p class=\"note\">%s</p>\n",
                   (int)aim, aim_name(aim), aim_question(aim));
        if (!have || s.n_measures == 0) {
            rep_put(o, "<p>No measures of this aim in the framework.</p>\n</div>\n");
            continue;
        }
        const char *cls = "nochange", *word = "No significant change";
        if (s.n_concern > 0) {
            cls = "concern";
            word = "Concern";
        } else if (s.n_improving > 0) {
            cls = "improving";
            word = "Improving";
        }
        rep_printf(o, "<p><span class=\"status %s\">%s</span></p>\n", cls, word);
        rep_printf(o,
                   "<p data-aim=\"%d\">%d measure%s: <strong>%d on target</strong>; %d "
                   "improving; %d of concern; %d with no significant change; %d that cannot be "
                   "computed.",
                   (int)aim, (int)s.n_measures, s.n_measures == 1 ? "" : "s", (int)s.n_on_target,
                   (int)s.n_improving, (int)s.n_concern, (int)s.n_stable, (int)s.n_not_computable);
        if (s.flags & CAREALIGN_AIM_HAS_COMPOSITE) {
            char c[32];
            rep_format_number(s.composite, 3, c, sizeof c);
            rep_printf(o, " Composite score %s (of 1 to 4).", c);
        }
        rep_put(o, "</p>\n<table>\n<thead><tr><th scope=\"col\" class=\"l\">Measure</th>"
                   "<th scope=\"col\">Value</th><th scope=\"col\">Target</th>"
                   "<th scope=\"col\">Status</th><th scope=\"col\">Direction</th></tr></thead>"
                   "\n<tbody>\n");
        for (int32_t m = 0; m < pg->n_measures; m++) {
            const carealign_measure_info *mi = &pg->mi[m];
            if (mi->aim != aim)
                continue;
            const carealign_result *r =
                find(pg, m, CAREALIGN_LEVEL_SYSTEM, -1, CAREALIGN_PERIOD_WHOLE);
            rep_put(o, "<tr><th scope=\"row\"><a href=\"#m-");
            rep_esc(o, mi->id, mi->id_len);
            rep_put(o, "\">");
            rep_esc(o, mi->title, mi->title_len);
            rep_put(o, "</a></th>");
            value_cell(pg, r, mi->unit);
            char t[48];
            rep_format_number(mi->target, 3, t, sizeof t);
            rep_printf(o, "<td>%s</td>", rep_finite(mi->target) ? t : "none");
            const char *c1, *c2;
            const char *w1 = target_words(r, &c1), *w2 = direction_words(r, &c2);
            rep_printf(o,
                       "<td><span class=\"status %s\">%s</span></td><td><span class=\"status "
                       "%s\">%s</span></td></tr>\n",
                       c1, w1, c2, w2);
        }
        rep_put(o, "</tbody>\n</table>\n</div>\n");
    }
    rep_put(o, "</div>\n</section>\n");
}

static void data_used(page *pg)
{
    rep_sink *o = pg->o;
    const rep_data *d = pg->v->data;
    rep_put(o, "<section id=\"data\">\n<h2>The data used</h2>\n");
    static const int32_t FEED[REP_N_FILES] = {
        CAREALIGN_FEED_ORGANISATIONS, CAREALIGN_FEED_POPULATIONS, CAREALIGN_FEED_PEOPLE,
        CAREALIGN_FEED_RESPONSES,     CAREALIGN_FEED_FFT,         CAREALIGN_FEED_CONTACTS};
    rep_put(o, "<table>\n<thead><tr><th scope=\"col\" class=\"l\">File</th>"
               "<th scope=\"col\">Rows read</th><th scope=\"col\">Used</th>"
               "<th scope=\"col\">Rejected</th><th scope=\"col\">Excluded: opted out</th>"
               "<th scope=\"col\">Excluded: outside the population</th></tr></thead>\n<tbody>\n");
    for (int f = 0; f < REP_N_FILES; f++) {
        carealign_feed_counts c;
        carealign_feed_counts_init(&c, sizeof c);
        if (carealign_scorecard_get_counts(pg->v->sc, FEED[f], &c) != CAREALIGN_OK)
            memset(&c.read, 0, sizeof c - sizeof c.size);
        uint64_t tool_rows = d ? d->t[f].rows : 0, tool_rej = d ? d->t[f].rejected : 0;
        uint64_t read = d ? tool_rows : c.read;
        rep_put(o, "<tr><th scope=\"row\">");
        if (d != NULL)
            esc0(o, d->path[f]);
        else
            esc0(o, rep_file_kind(f));
        rep_printf(
            o, "</th><td>%llu</td><td>%llu</td><td>%llu</td><td>%llu</td><td>%llu</td></tr>\n",
            (unsigned long long)read, (unsigned long long)c.used,
            (unsigned long long)(c.rejected + tool_rej), (unsigned long long)c.excluded_opt_out,
            (unsigned long long)c.excluded_outside_base);
    }
    rep_put(o, "</tbody>\n</table>\n");
    rep_printf(o,
               "<p>Published figures follow the disclosure rule of the framework: counts of 1 "
               "to %d are suppressed (shown as <strong>*</strong>), other counts rounded to "
               "the nearest %d; a figure is also suppressed when it could reveal a suppressed "
               "one by difference. ",
               (int)pg->fi.disclosure_suppress_max, (int)pg->fi.disclosure_round_to);
    rep_esc(o, pg->fi.disclosure_source, pg->fi.disclosure_source_len);
    rep_put(o, "</p>\n");
    if (d == NULL) {
        rep_put(o, "<p>This report was merged from partial results: rejected rows are listed by "
                   "the runs that made the partials.</p>\n</section>\n");
        return;
    }
    if (d->n_rejects == 0)
        rep_put(o, "<p>No rows were rejected.</p>\n");
    else
        rep_printf(o,
                   "<p>%llu row%s broke a rule and %s not used: <a href=\"#rejects\">the list"
                   "</a> is at the end.</p>\n",
                   (unsigned long long)d->n_rejects, d->n_rejects == 1 ? "" : "s",
                   d->n_rejects == 1 ? "was" : "were");
    rep_put(o, "</section>\n");
}

static void rejects(page *pg)
{
    rep_sink *o = pg->o;
    const rep_data *d = pg->v->data;
    if (d == NULL || d->n_rejects == 0)
        return;
    rep_printf(o,
               "<section id=\"rejects\">\n<h2>Rejected rows</h2>\n<p>%llu row%s broke a rule "
               "and %s not used. The values are not repeated here.</p>\n<table>\n<thead><tr>"
               "<th scope=\"col\" class=\"l\">File</th><th scope=\"col\">Line</th>"
               "<th scope=\"col\" class=\"l\">Field</th><th scope=\"col\" class=\"l\">Reason"
               "</th></tr></thead>\n<tbody>\n",
               (unsigned long long)d->n_rejects, d->n_rejects == 1 ? "" : "s",
               d->n_rejects == 1 ? "was" : "were");
    for (size_t i = 0; i < d->n_rejects; i++) {
        const rep_reject *r = &d->rejects[i];
        rep_put(o, "<tr><td class=\"l\">");
        esc0(o, d->path[r->file]);
        rep_printf(o, "</td><td>%lld</td><td class=\"l\">", (long long)r->line);
        esc0(o, r->field[0] ? r->field : "(the row)");
        rep_put(o, "</td><td class=\"l\">");
        esc0(o, r->reason);
        rep_put(o, "</td></tr>\n");
    }
    rep_put(o, "</tbody>\n</table>\n</section>\n");
}

static void definition(page *pg, const carealign_measure_info *mi)
{
    rep_sink *o = pg->o;
    rep_put(o, "<p class=\"def\">");
    if (mi->description_len > 0) {
        rep_esc(o, mi->description, mi->description_len);
        rep_put(o, " ");
    }
    if (mi->official_ref_len > 0) {
        rep_put(o, "<strong>Official definition:</strong> ");
        rep_esc(o, mi->official_ref, mi->official_ref_len);
        rep_put(o, ".");
    } else {
        rep_put(o, "<strong>Local definition</strong>");
        if (mi->local_len > 0) {
            rep_put(o, ": ");
            rep_esc(o, mi->local, mi->local_len);
        }
        rep_put(o, ".");
    }
    if (mi->citation_len > 0) {
        rep_put(o, " Source: ");
        rep_esc(o, mi->citation, mi->citation_len);
        rep_put(o, ".");
    }
    if (mi->url_len > 0) {
        rep_put(o, " <a href=\"");
        rep_esc(o, mi->url, mi->url_len);
        rep_put(o, "\">");
        rep_esc(o, mi->url, mi->url_len);
        rep_put(o, "</a>");
    }
    rep_put(o, "</p>\n");
}

static void figures(page *pg, const carealign_measure_info *mi, const carealign_result *r)
{
    rep_sink *o = pg->o;
    char buf[96];
    rep_put(o, "<table class=\"fig\">\n<tbody>\n<tr><th scope=\"row\">Whole system</th>");
    value_cell(pg, r, mi->unit);
    rep_put(o, "<td class=\"l\">");
    rep_esc(o, mi->unit, mi->unit_len);
    rep_put(o, "</td></tr>\n");
    interval_text(r, buf, sizeof buf);
    rep_put(o, "<tr><th scope=\"row\">95% interval</th><td>");
    esc0(o, buf);
    rep_put(o, "</td><td></td></tr>\n<tr><th scope=\"row\">Target</th><td>");
    if (rep_finite(mi->target)) {
        rep_format_number(mi->target, 4, buf, sizeof buf);
        esc0(o, buf);
        rep_put(o, "</td><td class=\"l\">");
        rep_esc(o, mi->target_source, mi->target_source_len);
    } else {
        rep_put(o, "none</td><td>");
    }
    n_text(r, buf, sizeof buf);
    rep_put(o, "</td></tr>\n<tr><th scope=\"row\">n</th><td>");
    esc0(o, buf);
    const char *c1, *c2;
    const char *w1 = target_words(r, &c1), *w2 = direction_words(r, &c2);
    rep_printf(o,
               "</td><td class=\"l\">people, events or person-time</td></tr>\n"
               "<tr><th scope=\"row\">Status</th><td colspan=\"2\" class=\"l\"><span "
               "class=\"status %s\">%s</span></td></tr>\n<tr><th scope=\"row\">Direction</th>"
               "<td colspan=\"2\" class=\"l\"><span class=\"status %s\">%s</span></td></tr>\n",
               c1, w1, c2, w2);
    rep_put(o, "</tbody>\n</table>\n");
}

static void over_time(page *pg, int32_t m, const carealign_measure_info *mi)
{
    rep_sink *o = pg->o;
    rep_put(o, "<h4>Over time</h4>\n");
    if (pg->n_periods == 0) {
        rep_put(o, "<p>The framework has no periods.</p>\n");
        return;
    }
    double *vals = malloc((size_t)pg->n_periods * sizeof *vals);
    if (vals == NULL) {
        o->failed = 1;
        return;
    }
    for (int32_t p = 0; p < pg->n_periods; p++) {
        const carealign_result *r = find(pg, m, CAREALIGN_LEVEL_SYSTEM, -1, p);
        vals[p] = r != NULL && !suppressed(r) ? r->estimate.value : NAN;
    }
    char title[300], unit[80];
    snprintf(title, sizeof title, "%.*s", (int)mi->title_len, mi->title);
    snprintf(unit, sizeof unit, "%.*s", (int)mi->unit_len, mi->unit);
    rep_xmr x = {title,
                 unit,
                 vals,
                 pg->period_start,
                 (size_t)pg->n_periods,
                 mi->improvement,
                 mi->spc_min_points,
                 mi->target};
    size_t drawn = 0;
    rep_printf(o, "<figure data-measure=\"%d\" data-chart=\"xmr\">\n", (int)m);
    rep_svg_xmr(o, &x, pg->chart_id++, &drawn);
    rep_put(o, "\n<figcaption class=\"note\">Each point is the whole-system figure for one "
               "period. Grey circles: common cause variation; blue squares: special cause "
               "improvement; orange diamonds: special cause concern. Dashed lines: process "
               "limits; solid line: mean; dotted line: target.</figcaption>\n</figure>\n");
    free(vals);
}

static int cmp_double(double a, double b)
{
    return a < b ? -1 : a > b ? 1 : 0;
}

static void comparison(page *pg, int32_t m, const carealign_measure_info *mi)
{
    rep_sink *o = pg->o;
    if (!(mi->flags & CAREALIGN_MEASURE_COMPARABLE))
        return;
    rep_put(o, "<h4>Compared with similar organisations</h4>\n");
    size_t n = pg->m_end[m] - pg->m_begin[m];
    rep_funnel_point *pts = calloc(n ? n : 1, sizeof *pts);
    char(*labels)[200] = calloc(n ? n : 1, sizeof *labels);
    if (pts == NULL || labels == NULL) {
        free(pts);
        free(labels);
        o->failed = 1;
        return;
    }
    int drew = 0;
    for (int32_t sector = 0; sector <= 9; sector++) {
        size_t k = 0;
        double num = 0, den = 0;
        for (size_t i = pg->m_begin[m]; i < pg->m_end[m]; i++) {
            const carealign_result *r = &pg->res[i];
            if (r->kind != CAREALIGN_RESULT_ESTIMATE || r->level != CAREALIGN_LEVEL_ORG ||
                r->period != CAREALIGN_PERIOD_WHOLE || !is_margin(r) || suppressed(r) ||
                !rep_finite(r->estimate.value) || org_sector(pg, r->unit) != sector)
                continue;
            org_label(pg, r->unit, labels[k], sizeof labels[k]);
            pts[k].label = labels[k];
            pts[k].x = r->denominator;
            pts[k].y = r->estimate.value;
            pts[k].funnel = r->funnel;
            if (rep_finite(r->numerator) && rep_finite(r->denominator)) {
                num += r->numerator;
                den += r->denominator;
            }
            k++;
        }
        if (k < 2)
            continue;
        double per = rep_finite(mi->per) && mi->per > 0 ? mi->per : 1;
        int prop = mi->scoring == CAREALIGN_SCORING_PROPORTION;
        rep_funnel f = {NULL,
                        NULL,
                        sector_name(sector),
                        pts,
                        k,
                        den > 0 ? num / den * per : NAN,
                        prop,
                        prop ? (cmp_double(per, 1) == 0 ? 100 : per) : per};
        char title[300], unit[80];
        snprintf(title, sizeof title, "%.*s", (int)mi->title_len, mi->title);
        snprintf(unit, sizeof unit, "%.*s", (int)mi->unit_len, mi->unit);
        f.title = title;
        f.unit = unit;
        if (prop && cmp_double(per, 1) == 0)
            f.average = den > 0 ? num / den * 100 : NAN;
        rep_printf(o, "<figure data-measure=\"%d\" data-chart=\"funnel\">\n", (int)m);
        rep_svg_funnel(o, &f, pg->chart_id++);
        rep_put(o, "\n<figcaption class=\"note\">Organisations of the sector \"");
        esc0(o, sector_name(sector));
        rep_put(o, "\". Triangles: outside the limits (pointing up above, down below); "
                   "circles: within.</figcaption>\n</figure>\n");
        drew = 1;
    }
    if (!drew)
        rep_put(o, "<p>Fewer than two organisations of a sector have a published figure.</p>\n");
    free(pts);
    free(labels);
}

static const char *funnel_short(int32_t f)
{
    switch (f) {
    case CAREALIGN_FUNNEL_HIGH_0001: return "high (99.8%)";
    case CAREALIGN_FUNNEL_HIGH_0025: return "high (95%)";
    case CAREALIGN_FUNNEL_LOW_0001: return "low (99.8%)";
    case CAREALIGN_FUNNEL_LOW_0025: return "low (95%)";
    case CAREALIGN_FUNNEL_NOT_SIGNIFICANT: return "within limits";
    default: return "not assessed";
    }
}

static void by_org(page *pg, int32_t m, const carealign_measure_info *mi)
{
    rep_sink *o = pg->o;
    int any = 0;
    for (size_t i = pg->m_begin[m]; i < pg->m_end[m]; i++) {
        const carealign_result *r = &pg->res[i];
        if (r->kind != CAREALIGN_RESULT_ESTIMATE || r->level != CAREALIGN_LEVEL_ORG ||
            r->period != CAREALIGN_PERIOD_WHOLE || !is_margin(r))
            continue;
        if (!any) {
            rep_printf(o,
                       "<h4>By organisation</h4>\n<table data-measure=\"%d\" "
                       "data-table=\"org\">\n<thead><tr><th scope=\"col\" "
                       "class=\"l\">Organisation</th><th scope=\"col\">Value</th>"
                       "<th scope=\"col\">95%% interval</th><th scope=\"col\">n</th>%s"
                       "<th scope=\"col\">Whole-system figure for its people</th></tr>"
                       "</thead>\n<tbody>\n",
                       (int)m,
                       (mi->flags & CAREALIGN_MEASURE_COMPARABLE)
                           ? "<th scope=\"col\">Against peers</th>"
                           : "");
            any = 1;
        }
        char lab[200], buf[96];
        org_label(pg, r->unit, lab, sizeof lab);
        rep_put(o, "<tr><th scope=\"row\">");
        esc0(o, lab);
        rep_put(o, "</th>");
        value_cell(pg, r, mi->unit);
        interval_text(suppressed(r) ? NULL : r, buf, sizeof buf);
        rep_printf(o, "<td>%s</td>", buf);
        n_text(r, buf, sizeof buf);
        rep_printf(o, "<td>%s</td>", buf);
        if (mi->flags & CAREALIGN_MEASURE_COMPARABLE)
            rep_printf(o, "<td>%s</td>", funnel_short(r->funnel));
        value_cell(pg, find(pg, m, CAREALIGN_LEVEL_COHORT, r->unit, CAREALIGN_PERIOD_WHOLE),
                   mi->unit);
        rep_put(o, "</tr>\n");
    }
    if (any)
        rep_put(o, "</tbody>\n</table>\n");
}

static void by_group(page *pg, int32_t m, const carealign_measure_info *mi)
{
    rep_sink *o = pg->o;
    int any = 0;
    for (size_t i = pg->m_begin[m]; i < pg->m_end[m]; i++) {
        const carealign_result *r = &pg->res[i];
        if (r->kind != CAREALIGN_RESULT_ESTIMATE || r->level != CAREALIGN_LEVEL_SYSTEM ||
            r->period != CAREALIGN_PERIOD_WHOLE || is_margin(r))
            continue;
        if (!any) {
            rep_printf(o,
                       "<h4>By group</h4>\n<table data-measure=\"%d\" data-table=\"strata\">\n"
                       "<thead><tr><th scope=\"col\" class=\"l\">Grouped by</th>"
                       "<th scope=\"col\" class=\"l\">Group</th><th scope=\"col\">Value</th>"
                       "<th scope=\"col\">95%% interval</th><th scope=\"col\">n</th></tr>"
                       "</thead>\n<tbody>\n",
                       (int)m);
            any = 1;
        }
        char name[128] = "", lab[256] = "", buf[200];
        for (int d = 0; d < 4; d += 2) {
            if (r->stratum[d] == CAREALIGN_STRATUM_MARGIN)
                continue;
            char n1[64], l1[128];
            stratum_name(pg, r->stratum[d], n1, sizeof n1);
            stratum_value_label(pg, r->stratum[d], r->stratum[d + 1], l1, sizeof l1);
            size_t nl = strlen(name), ll = strlen(lab);
            snprintf(name + nl, sizeof name - nl, "%s%s", nl ? " and " : "", n1);
            snprintf(lab + ll, sizeof lab - ll, "%s%s", ll ? ", " : "", l1);
        }
        rep_put(o, "<tr><td class=\"l\">");
        esc0(o, name);
        rep_put(o, "</td><th scope=\"row\">");
        esc0(o, lab);
        rep_put(o, "</th>");
        value_cell(pg, r, mi->unit);
        interval_text(suppressed(r) ? NULL : r, buf, sizeof buf);
        rep_printf(o, "<td>%s</td>", buf);
        n_text(r, buf, sizeof buf);
        rep_printf(o, "<td>%s</td></tr>\n", buf);
    }
    if (any)
        rep_put(o, "</tbody>\n</table>\n");
}

static void gradient(page *pg, int32_t m, const carealign_measure_info *mi)
{
    rep_sink *o = pg->o;
    if (!(mi->flags & CAREALIGN_MEASURE_SII))
        return;
    rep_put(o, "<h4>Deprivation gradient</h4>\n");
    const char *labels[10];
    char store[10][64];
    double vals[10];
    size_t n = 0;
    for (size_t i = pg->m_begin[m]; i < pg->m_end[m] && n < 10; i++) {
        const carealign_result *r = &pg->res[i];
        if (r->kind != CAREALIGN_RESULT_ESTIMATE || r->level != CAREALIGN_LEVEL_SYSTEM ||
            r->period != CAREALIGN_PERIOD_WHOLE || r->stratum[0] < 0 ||
            r->stratum[2] != CAREALIGN_STRATUM_MARGIN ||
            stratum_kind(pg, r->stratum[0]) != CAREALIGN_STRATUM_DEPRIVATION)
            continue;
        stratum_value_label(pg, r->stratum[0], r->stratum[1], store[n], sizeof store[n]);
        labels[n] = store[n];
        vals[n] = suppressed(r) ? NAN : r->estimate.value;
        n++;
    }
    if (n > 0) {
        char title[300], desc[200];
        snprintf(title, sizeof title, "%.*s by deprivation", (int)mi->title_len, mi->title);
        snprintf(desc, sizeof desc,
                 "The whole-system figure for each of %llu deprivation groups, most deprived "
                 "first; suppressed groups are marked with an asterisk.",
                 (unsigned long long)n);
        rep_bars b = {title, desc, labels, vals, n};
        rep_printf(o, "<figure data-measure=\"%d\" data-chart=\"gradient\">\n", (int)m);
        rep_svg_bars(o, &b, pg->chart_id++);
        rep_put(o, "</figure>\n");
    }
    for (size_t i = pg->m_begin[m]; i < pg->m_end[m]; i++) {
        const carealign_result *r = &pg->res[i];
        if ((r->kind != CAREALIGN_RESULT_SII && r->kind != CAREALIGN_RESULT_RII) ||
            r->level != CAREALIGN_LEVEL_SYSTEM || r->period != CAREALIGN_PERIOD_WHOLE)
            continue;
        char v[48], iv[96];
        rep_format_number(r->estimate.value, 3, v, sizeof v);
        interval_text(r, iv, sizeof iv);
        rep_printf(o,
                   "<p>%s: <strong data-row=\"%llu\" data-value=\"%.17g\">%s</strong> (95%% "
                   "interval %s). %s</p>\n",
                   r->kind == CAREALIGN_RESULT_SII ? "Slope index of inequality"
                                                   : "Relative index of inequality",
                   (unsigned long long)(r - pg->res), r->estimate.value, v, iv,
                   r->kind == CAREALIGN_RESULT_SII
                       ? "The modelled gap between the most and the least deprived, in the "
                         "measure's unit."
                       : "The same gap relative to the average.");
    }
}

static void aims(page *pg)
{
    rep_sink *o = pg->o;
    for (int32_t aim = 1; aim <= 4; aim++) {
        rep_printf(o, "<section id=\"aim-%d\">\n<h2>%s</h2>\n<p>%s</p>\n", (int)aim, aim_name(aim),
                   aim_question(aim));
        int any = 0;
        for (int32_t m = 0; m < pg->n_measures; m++) {
            const carealign_measure_info *mi = &pg->mi[m];
            if (mi->aim != aim)
                continue;
            any = 1;
            rep_put(o, "<section class=\"measure\" id=\"m-");
            rep_esc(o, mi->id, mi->id_len);
            rep_printf(o, "\" data-measure=\"%d\" data-id=\"", (int)m);
            rep_esc(o, mi->id, mi->id_len);
            rep_put(o, "\">\n<h3>");
            rep_esc(o, mi->title, mi->title_len);
            rep_put(o, "</h3>\n");
            definition(pg, mi);
            figures(pg, mi, find(pg, m, CAREALIGN_LEVEL_SYSTEM, -1, CAREALIGN_PERIOD_WHOLE));
            over_time(pg, m, mi);
            comparison(pg, m, mi);
            by_org(pg, m, mi);
            by_group(pg, m, mi);
            gradient(pg, m, mi);
            rep_put(o, "</section>\n");
        }
        if (!any)
            rep_put(o, "<p>No measures of this aim in the framework.</p>\n");
        rep_put(o, "</section>\n");
    }
}

static void cohort(page *pg)
{
    rep_sink *o = pg->o;
    rep_put(o, "<section id=\"cohort\">\n<h2>Cohort view</h2>\n<p>\"Your integration is my "
               "fragmentation.\" For each organisation: its own figure beside the whole-system "
               "figure for the people it served (everything that happened to them, wherever). "
               "Cost or harm shifted to a partner shows up in the second column.</p>\n");
    /* organisations in index order, each with the measures that have a cohort row */
    int32_t max_org = -1;
    for (size_t i = 0; i < pg->n_res; i++) {
        if (pg->res[i].level == CAREALIGN_LEVEL_COHORT && pg->res[i].unit > max_org)
            max_org = pg->res[i].unit;
    }
    for (int32_t u = 0; u <= max_org; u++) {
        int any = 0;
        for (int32_t m = 0; m < pg->n_measures; m++) {
            const carealign_result *c =
                find(pg, m, CAREALIGN_LEVEL_COHORT, u, CAREALIGN_PERIOD_WHOLE);
            if (c == NULL)
                continue;
            if (!any) {
                char lab[200];
                org_label(pg, u, lab, sizeof lab);
                rep_put(o, "<h3>");
                esc0(o, lab);
                rep_printf(o,
                           "</h3>\n<table data-table=\"cohort\" data-unit=\"%d\">\n<thead><tr>"
                           "<th scope=\"col\" class=\"l\">Measure</th><th scope=\"col\">"
                           "Organisation's own figure</th><th scope=\"col\">Whole-system "
                           "figure for its people</th><th scope=\"col\">Whole system</th>"
                           "</tr></thead>\n<tbody>\n",
                           (int)u);
                any = 1;
            }
            const carealign_measure_info *mi = &pg->mi[m];
            rep_put(o, "<tr><th scope=\"row\">");
            rep_esc(o, mi->title, mi->title_len);
            rep_put(o, "</th>");
            value_cell(pg, find(pg, m, CAREALIGN_LEVEL_ORG, u, CAREALIGN_PERIOD_WHOLE), mi->unit);
            value_cell(pg, c, mi->unit);
            value_cell(pg, find(pg, m, CAREALIGN_LEVEL_SYSTEM, -1, CAREALIGN_PERIOD_WHOLE),
                       mi->unit);
            rep_put(o, "</tr>\n");
        }
        if (any)
            rep_put(o, "</tbody>\n</table>\n");
    }
    if (max_org < 0)
        rep_put(o, "<p>No organisation has a cohort figure.</p>\n");
    rep_put(o, "</section>\n");
}

static void reading(page *pg)
{
    rep_put(pg->o,
            "<section id=\"reading\">\n<h2>How to read this report</h2>\n<ul>\n"
            "<li><strong>Value and interval.</strong> The figure and its 95% confidence "
            "interval: the range the true figure is likely to lie in, given how many people it "
            "rests on.</li>\n"
            "<li><strong>Status</strong> compares the whole-period figure with the target the "
            "framework sets. <strong>Direction</strong> reads the chart over time: "
            "<em>Improving</em> or <em>Concern</em> only when the chart shows a special cause "
            "(a point outside the process limits, a run of points on one side of the mean, a "
            "trend, or two of three points near a limit); otherwise <em>No significant "
            "change</em>. With too few periods no direction is given.</li>\n"
            "<li><strong>Charts over time</strong> (XmR charts, NHS England's Making Data "
            "Count): grey circles are common cause variation, blue squares special cause "
            "improvement, orange diamonds special cause concern.</li>\n"
            "<li><strong>Funnel plots</strong> compare organisations of the same sector: the "
            "funnel narrows as the number of people grows; points outside it differ from the "
            "sector's average by more than chance would explain.</li>\n"
            "<li><strong>*</strong> marks a figure withheld to protect privacy; "
            "<strong>-</strong> a figure that cannot be computed (too few people, or no "
            "denominator).</li>\n"
            "<li>docs/report.md in the carealign sources explains more.</li>\n</ul>\n"
            "</section>\n");
}

int rep_html(const rep_view *view, rep_sink *sink, char *err, size_t err_cap)
{
    page pg;
    memset(&pg, 0, sizeof pg);
    pg.v = view;
    pg.o = sink;
    pg.err = err;
    pg.err_cap = err_cap;
    int rc = -1;
    carealign_framework_info_init(&pg.fi, sizeof pg.fi);
    if (carealign_framework_get_info(view->fw, &pg.fi) != CAREALIGN_OK)
        return fail(&pg, "the framework");
    pg.n_measures = pg.fi.n_measures;
    pg.n_periods = pg.fi.n_periods;
    pg.mi = calloc((size_t)pg.n_measures + 1, sizeof *pg.mi);
    pg.period_start = calloc((size_t)pg.n_periods + 1, sizeof *pg.period_start);
    pg.m_begin = calloc((size_t)pg.n_measures + 1, sizeof *pg.m_begin);
    pg.m_end = calloc((size_t)pg.n_measures + 1, sizeof *pg.m_end);
    if (pg.mi == NULL || pg.period_start == NULL || pg.m_begin == NULL || pg.m_end == NULL) {
        snprintf(err, err_cap, "out of memory");
        goto done;
    }
    for (int32_t m = 0; m < pg.n_measures; m++) {
        carealign_measure_info_init(&pg.mi[m], sizeof pg.mi[m]);
        if (carealign_framework_get_measure(view->fw, m, &pg.mi[m]) != CAREALIGN_OK) {
            fail(&pg, "a measure");
            goto done;
        }
    }
    for (int32_t p = 0; p < pg.n_periods; p++) {
        int32_t end;
        if (carealign_framework_get_period(view->fw, p, &pg.period_start[p], &end) !=
            CAREALIGN_OK) {
            fail(&pg, "a period");
            goto done;
        }
    }
    if (carealign_scorecard_result_count(view->sc, &pg.n_res) != CAREALIGN_OK) {
        fail(&pg, "the results");
        goto done;
    }
    pg.res = calloc(pg.n_res + 1, sizeof *pg.res);
    if (pg.res == NULL) {
        snprintf(err, err_cap, "out of memory");
        goto done;
    }
    if (pg.n_res > 0) {
        size_t got = 0;
        pg.res[0].size = sizeof pg.res[0];
        if (carealign_scorecard_get_results(view->sc, 0, pg.res, pg.n_res, &got) != CAREALIGN_OK ||
            got != pg.n_res) {
            fail(&pg, "the results");
            goto done;
        }
    }
    for (int32_t m = 0; m < pg.n_measures; m++)
        pg.m_begin[m] = pg.m_end[m] = 0;
    for (size_t i = 0; i < pg.n_res; i++) {
        int32_t m = pg.res[i].measure;
        if (m < 0 || m >= pg.n_measures)
            continue;
        if (pg.m_end[m] == 0)
            pg.m_begin[m] = i;
        pg.m_end[m] = i + 1;
    }
    head(&pg);
    glance(&pg);
    data_used(&pg);
    aims(&pg);
    cohort(&pg);
    reading(&pg);
    rejects(&pg);
    rep_put(sink, "</body>\n</html>\n");
    rc = sink->failed ? -1 : 0;
    if (rc != 0 && err[0] == '\0')
        snprintf(err, err_cap, "the output could not be written");
done:
    free(pg.mi);
    free(pg.period_start);
    free(pg.m_begin);
    free(pg.m_end);
    free(pg.res);
    return rc;
}

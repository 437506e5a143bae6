/* Inline SVG charts of the HTML report: XmR (statistical process control)
 * charts with Making Data Count point types, funnel plots and bar charts.
 *
 * Every chart has a <title> and a <desc> (referenced by aria-labelledby),
 * draws with the colour-blind-safe Making Data Count colours (orange for
 * concern, blue for improvement, grey for common cause) and never relies
 * on colour alone: each point type has its own shape and every point its
 * own <title> in words. All text is escaped. The charts are computed with
 * the library's SPC and funnel functions, never re-implemented here. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

#define W 720.0
#define H 270.0
#define ML 70.0
#define MR 110.0
#define MT 16.0
#define MB 46.0

static const char *const MONTHS[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static void month_label(int32_t day, char *buf, size_t cap)
{
    int32_t y, m, d;
    if (carealign_date_to_ymd(day, &y, &m, &d) != CAREALIGN_OK || m < 1 || m > 12) {
        snprintf(buf, cap, "?");
        return;
    }
    snprintf(buf, cap, "%s %02d", MONTHS[m - 1], (int)(y % 100));
}

typedef struct scale {
    double lo, hi;
} scale;

static void scale_add(scale *s, double v)
{
    if (!rep_finite(v))
        return;
    if (v < s->lo)
        s->lo = v;
    if (v > s->hi)
        s->hi = v;
}

static void scale_pad(scale *s)
{
    if (!(s->lo <= s->hi)) {
        s->lo = 0;
        s->hi = 1;
    }
    double span = s->hi - s->lo;
    if (span <= 0)
        span = fabs(s->hi) > 0 ? fabs(s->hi) * 0.1 : 1;
    s->lo -= span * 0.08;
    s->hi += span * 0.08;
}

static double sy(const scale *s, double v)
{
    return MT + (H - MT - MB) * (1.0 - (v - s->lo) / (s->hi - s->lo));
}

static void y_axis(rep_sink *o, const scale *s, const char *unit)
{
    char buf[64];
    rep_printf(o, "<g class=\"axis\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", ML,
               MT, ML, H - MB);
    for (int k = 0; k <= 4; k++) {
        double v = s->lo + (s->hi - s->lo) * k / 4.0;
        rep_format_number(v, 3, buf, sizeof buf);
        rep_printf(o, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", ML - 6, sy(s, v) + 4);
        rep_esc(o, buf, strlen(buf));
        rep_put(o, "</text>");
    }
    rep_printf(o,
               "<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" "
               "text-anchor=\"middle\">",
               (MT + H - MB) / 2, (MT + H - MB) / 2);
    rep_esc(o, unit, strlen(unit));
    rep_put(o, "</text></g>");
}

static void open_svg(rep_sink *o, const char *cls, int id, const char *title, const char *desc)
{
    rep_printf(o,
               "<svg class=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
               "role=\"img\" aria-labelledby=\"%s-t%d %s-d%d\">",
               cls, W, H, cls, id, cls, id);
    rep_printf(o, "<title id=\"%s-t%d\">", cls, id);
    rep_esc(o, title, strlen(title));
    rep_printf(o, "</title><desc id=\"%s-d%d\">", cls, id);
    rep_esc(o, desc, strlen(desc));
    rep_put(o, "</desc>");
}

/* Point shapes: circle (common cause), square (improvement), diamond (concern),
 * triangle (neutral special cause). */
static void shape(rep_sink *o, int type, double x, double y)
{
    switch (type) {
    case CAREALIGN_SPC_IMPROVEMENT:
        rep_printf(o, "<rect class=\"improve\" x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\"/>",
                   x - 4.5, y - 4.5);
        break;
    case CAREALIGN_SPC_CONCERN:
        rep_printf(o, "<path class=\"concern\" d=\"M%.1f %.1fl6 6-6 6-6-6z\"/>", x, y - 6);
        break;
    case CAREALIGN_SPC_NEUTRAL_HIGH:
    case CAREALIGN_SPC_NEUTRAL_LOW:
        rep_printf(o, "<path class=\"neutral\" d=\"M%.1f %.1fl5.5 10h-11z\"/>", x, y - 6);
        break;
    default: rep_printf(o, "<circle class=\"common\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>", x, y);
    }
}

static const char *point_words(int type)
{
    switch (type) {
    case CAREALIGN_SPC_IMPROVEMENT: return "special cause: improvement";
    case CAREALIGN_SPC_CONCERN: return "special cause: concern";
    case CAREALIGN_SPC_NEUTRAL_HIGH: return "special cause: higher (no preferred direction)";
    case CAREALIGN_SPC_NEUTRAL_LOW: return "special cause: lower (no preferred direction)";
    default: return "common cause variation";
    }
}

static void hline(rep_sink *o, const scale *s, double v, const char *cls, const char *label,
                  double x0, double x1)
{
    if (!rep_finite(v))
        return;
    char buf[64], num[48];
    rep_format_number(v, 3, num, sizeof num);
    snprintf(buf, sizeof buf, "%s %s", label, num);
    rep_printf(o, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", cls, x0,
               sy(s, v), x1, sy(s, v));
    rep_printf(o, "<text class=\"lab\" x=\"%.1f\" y=\"%.1f\">", x1 + 4, sy(s, v) + 4);
    rep_esc(o, buf, strlen(buf));
    rep_put(o, "</text>");
}

void rep_svg_xmr(rep_sink *o, const rep_xmr *x, int id, size_t *points_drawn)
{
    size_t n = x->n, m = 0;
    double *vals = malloc((n ? n : 1) * sizeof *vals);
    size_t *at = malloc((n ? n : 1) * sizeof *at);
    carealign_spc_point *pts = calloc(n ? n : 1, sizeof *pts);
    carealign_spc_summary sum;
    memset(&sum, 0, sizeof sum);
    int have_spc = 0;
    if (vals == NULL || at == NULL || pts == NULL) {
        o->failed = 1;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        if (rep_finite(x->values[i])) {
            vals[m] = x->values[i];
            at[m++] = i;
        }
    }
    if (m >= 2) {
        carealign_spc_options opt = CAREALIGN_SPC_OPTIONS_INIT;
        opt.improvement_direction =
            x->improvement == CAREALIGN_IMPROVE_INCREASE   ? CAREALIGN_SPC_INCREASE
            : x->improvement == CAREALIGN_IMPROVE_DECREASE ? CAREALIGN_SPC_DECREASE
                                                           : CAREALIGN_SPC_NEUTRAL;
        opt.min_points_for_icons = x->min_points > 0 ? x->min_points : 15;
        if (rep_finite(x->target)) {
            opt.has_target = 1;
            opt.target = x->target;
        }
        have_spc = carealign_spc_xmr(vals, m, &opt, pts, &sum) == CAREALIGN_OK;
    }
    scale s = {INFINITY, -INFINITY};
    for (size_t j = 0; j < m; j++)
        scale_add(&s, vals[j]);
    if (have_spc) {
        scale_add(&s, sum.lower);
        scale_add(&s, sum.upper);
    }
    scale_add(&s, x->target);
    scale_pad(&s);

    char first[16] = "", last[16] = "";
    if (n > 0) {
        month_label(x->period_start[0], first, sizeof first);
        month_label(x->period_start[n - 1], last, sizeof last);
    }
    char title[512], desc[1024];
    snprintf(title, sizeof title, "%s over time (XmR chart)", x->title);
    if (have_spc)
        snprintf(desc, sizeof desc,
                 "%llu periods from %s to %s, %llu with a value. Centre line (mean) %.4g; process "
                 "limits %.4g to %.4g. Points: %d improvement, %d concern, %d common cause in "
                 "the latest group.",
                 (unsigned long long)n, first, last, (unsigned long long)m, sum.mean, sum.lower,
                 sum.upper, sum.improvement, sum.concern, sum.common_cause);
    else
        snprintf(desc, sizeof desc,
                 "%llu periods from %s to %s, %llu with a value: too few for process limits.",
                 (unsigned long long)n, first, last, (unsigned long long)m);
    open_svg(o, "xmr", id, title, desc);
    y_axis(o, &s, x->unit);
    double x0 = ML + 8, x1 = W - MR;
    double step = n > 1 ? (x1 - x0) / (double)(n - 1) : 0;
    /* x labels: at most 12 */
    size_t every = n > 12 ? (n + 11) / 12 : 1;
    rep_put(o, "<g class=\"axis\">");
    rep_printf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", ML, H - MB, x1,
               H - MB);
    for (size_t i = 0; i < n; i += every) {
        char lab[16];
        month_label(x->period_start[i], lab, sizeof lab);
        rep_printf(o, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
                   x0 + step * (double)i, H - MB + 16, lab);
    }
    rep_put(o, "</g>");
    if (have_spc) {
        hline(o, &s, sum.upper, "limit", "upper limit", x0, x1);
        hline(o, &s, sum.mean, "mean", "mean", x0, x1);
        hline(o, &s, sum.lower, "limit", "lower limit", x0, x1);
    }
    if (rep_finite(x->target))
        hline(o, &s, x->target, "target", "target", x0, x1);
    /* the line through the points, then the points */
    if (m >= 2) {
        rep_put(o, "<polyline class=\"series\" points=\"");
        for (size_t j = 0; j < m; j++)
            rep_printf(o, "%s%.1f,%.1f", j ? " " : "", x0 + step * (double)at[j], sy(&s, vals[j]));
        rep_put(o, "\"/>");
    }
    size_t drawn = 0, j = 0;
    for (size_t i = 0; i < n; i++) {
        char lab[16], num[48];
        month_label(x->period_start[i], lab, sizeof lab);
        double px = x0 + step * (double)i;
        if (j < m && at[j] == i) {
            int type = have_spc ? pts[j].point_type : CAREALIGN_SPC_COMMON_CAUSE;
            rep_format_number(vals[j], 4, num, sizeof num);
            rep_printf(o, "<g class=\"pt\" data-period=\"%llu\" data-value=\"%.17g\"><title>",
                       (unsigned long long)i, vals[j]);
            rep_esc(o, lab, strlen(lab));
            rep_put(o, ": ");
            rep_esc(o, num, strlen(num));
            rep_put(o, " (");
            rep_put(o, point_words(type));
            rep_put(o, ")</title>");
            shape(o, type, px, sy(&s, vals[j]));
            rep_put(o, "</g>");
            j++;
        } else {
            rep_printf(o,
                       "<g class=\"pt none\" data-period=\"%llu\"><title>%s: no value "
                       "(too few, suppressed or no data)</title><text x=\"%.1f\" y=\"%.1f\" "
                       "text-anchor=\"middle\">\xC3\x97</text></g>",
                       (unsigned long long)i, lab, px, H - MB - 4);
        }
        drawn++;
    }
    /* legend: shapes and words */
    double ly = H - 12;
    rep_printf(o, "<g class=\"legend\">");
    shape(o, CAREALIGN_SPC_COMMON_CAUSE, ML + 6, ly - 4);
    rep_printf(o, "<text x=\"%.1f\" y=\"%.1f\">common cause</text>", ML + 14, ly);
    shape(o, CAREALIGN_SPC_IMPROVEMENT, ML + 126, ly - 4);
    rep_printf(o, "<text x=\"%.1f\" y=\"%.1f\">improvement</text>", ML + 134, ly);
    shape(o, CAREALIGN_SPC_CONCERN, ML + 236, ly - 4);
    rep_printf(o, "<text x=\"%.1f\" y=\"%.1f\">concern</text>", ML + 244, ly);
    shape(o, CAREALIGN_SPC_NEUTRAL_HIGH, ML + 320, ly - 4);
    rep_printf(o, "<text x=\"%.1f\" y=\"%.1f\">special cause, no preferred direction</text>",
               ML + 328, ly);
    rep_put(o, "</g></svg>");
    if (points_drawn != NULL)
        *points_drawn = drawn;
done:
    free(vals);
    free(at);
    free(pts);
}

static const char *funnel_words(int32_t f)
{
    switch (f) {
    case CAREALIGN_FUNNEL_HIGH_0001: return "above the 99.8% limit";
    case CAREALIGN_FUNNEL_HIGH_0025: return "above the 95% limit";
    case CAREALIGN_FUNNEL_LOW_0001: return "below the 99.8% limit";
    case CAREALIGN_FUNNEL_LOW_0025: return "below the 95% limit";
    case CAREALIGN_FUNNEL_NOT_SIGNIFICANT: return "within the limits";
    default: return "not assessed";
    }
}

void rep_svg_funnel(rep_sink *o, const rep_funnel *f, int id)
{
    scale s = {INFINITY, -INFINITY};
    double xmax = 0;
    for (size_t i = 0; i < f->n; i++) {
        scale_add(&s, f->pts[i].y);
        if (rep_finite(f->pts[i].x) && f->pts[i].x > xmax)
            xmax = f->pts[i].x;
    }
    scale_add(&s, f->average);
    enum { NL = 48 };
    carealign_funnel_point lim[NL];
    int have_limits = 0;
    if (f->proportion && rep_finite(f->average) && xmax > 0 && f->per > 0) {
        have_limits = 1;
        for (int k = 0; k < NL && have_limits; k++) {
            double pop = 1 + (xmax * 1.05 - 1) * (double)(k + 1) / NL;
            if (carealign_funnel_proportion_limits(f->average / f->per, pop, f->per, &lim[k]) !=
                CAREALIGN_OK)
                have_limits = 0;
        }
        if (have_limits) {
            /* the limits are wide at small populations: show from the smallest unit */
            for (int k = NL / 4; k < NL; k++) {
                scale_add(&s, lim[k].lower_3s);
                scale_add(&s, lim[k].upper_3s);
            }
        }
    }
    scale_pad(&s);
    double xm = xmax > 0 ? xmax * 1.05 : 1;
    double x0 = ML + 4, x1 = W - MR;
#define FX(v) (x0 + (x1 - x0) * (v) / xm)
    char title[512], desc[512];
    snprintf(title, sizeof title, "%s: funnel plot of %s organisations", f->title, f->group);
    snprintf(desc, sizeof desc,
             "%llu organisations by the number of people or events (across) and their value "
             "(up). The line is the average of the group%s.",
             (unsigned long long)f->n,
             have_limits ? "; the funnel lines are the 95% and 99.8% limits" : "");
    open_svg(o, "funnel", id, title, desc);
    y_axis(o, &s, f->unit);
    rep_printf(o, "<g class=\"axis\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", ML,
               H - MB, x1, H - MB);
    for (int k = 0; k <= 4; k++) {
        char buf[48];
        rep_format_number(xm * k / 4.0, 3, buf, sizeof buf);
        rep_printf(o, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
                   FX(xm * k / 4.0), H - MB + 16, buf);
    }
    rep_printf(o, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">denominator</text></g>",
               (x0 + x1) / 2, H - 8);
    if (have_limits) {
        static const char *const cls[4] = {"limit95", "limit95", "limit998", "limit998"};
        for (int c = 0; c < 4; c++) {
            rep_printf(o, "<polyline class=\"%s\" points=\"", cls[c]);
            int firstpt = 1;
            for (int k = 0; k < NL; k++) {
                double v = c == 0   ? lim[k].lower_2s
                           : c == 1 ? lim[k].upper_2s
                           : c == 2 ? lim[k].lower_3s
                                    : lim[k].upper_3s;
                if (!rep_finite(v) || v < s.lo || v > s.hi)
                    continue;
                rep_printf(o, "%s%.1f,%.1f", firstpt ? "" : " ", FX(lim[k].x), sy(&s, v));
                firstpt = 0;
            }
            rep_put(o, "\"/>");
        }
    }
    hline(o, &s, f->average, "mean", "average", x0, x1);
    for (size_t i = 0; i < f->n; i++) {
        const rep_funnel_point *p = &f->pts[i];
        if (!rep_finite(p->x) || !rep_finite(p->y))
            continue;
        char num[48];
        rep_format_number(p->y, 4, num, sizeof num);
        rep_put(o, "<g class=\"fp\"><title>");
        rep_esc(o, p->label, strlen(p->label));
        rep_put(o, ": ");
        rep_esc(o, num, strlen(num));
        rep_put(o, ", ");
        rep_put(o, funnel_words(p->funnel));
        rep_put(o, "</title>");
        double px = FX(p->x), py = sy(&s, p->y);
        if (p->funnel == CAREALIGN_FUNNEL_HIGH_0001 || p->funnel == CAREALIGN_FUNNEL_HIGH_0025)
            rep_printf(o, "<path class=\"%s\" d=\"M%.1f %.1fl6 10h-12z\"/>",
                       p->funnel == CAREALIGN_FUNNEL_HIGH_0001 ? "out3" : "out2", px, py - 6);
        else if (p->funnel == CAREALIGN_FUNNEL_LOW_0001 || p->funnel == CAREALIGN_FUNNEL_LOW_0025)
            rep_printf(o, "<path class=\"%s\" d=\"M%.1f %.1fl6 -10h-12z\"/>",
                       p->funnel == CAREALIGN_FUNNEL_LOW_0001 ? "out3" : "out2", px, py + 6);
        else
            rep_printf(o, "<circle class=\"common\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>", px, py);
        rep_put(o, "</g>");
    }
    rep_put(o, "</svg>");
#undef FX
}

void rep_svg_bars(rep_sink *o, const rep_bars *b, int id)
{
    scale s = {0, -INFINITY};
    for (size_t i = 0; i < b->n; i++)
        scale_add(&s, b->values[i]);
    if (!(s.hi > s.lo))
        s.hi = s.lo + 1;
    s.hi += (s.hi - s.lo) * 0.15;
    double row = b->n > 0 ? (H - MT - 24) / (double)b->n : 0;
    if (row > 28)
        row = 28;
    double x0 = 190, x1 = W - 80;
    open_svg(o, "bars", id, b->title, b->desc);
    for (size_t i = 0; i < b->n; i++) {
        double y = MT + row * (double)i;
        rep_printf(o, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", x0 - 6, y + row * 0.65);
        rep_esc(o, b->labels[i], strlen(b->labels[i]));
        rep_put(o, "</text>");
        if (rep_finite(b->values[i])) {
            char num[48];
            rep_format_number(b->values[i], 4, num, sizeof num);
            double w = (x1 - x0) * (b->values[i] - s.lo) / (s.hi - s.lo);
            rep_printf(o,
                       "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                       x0, y + 3, w > 0 ? w : 0, row - 6);
            rep_printf(o, "<text x=\"%.1f\" y=\"%.1f\">%s</text>", x0 + (w > 0 ? w : 0) + 4,
                       y + row * 0.65, num);
        } else {
            rep_printf(o, "<text x=\"%.1f\" y=\"%.1f\">* (suppressed or no value)</text>", x0 + 4,
                       y + row * 0.65);
        }
    }
    rep_put(o, "</svg>");
}

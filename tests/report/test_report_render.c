/* The HTML report's building blocks (tools/carealign/html.c, svg.c):
 * number formatting, escaping, and the XmR, funnel and bar charts. The
 * expected SPC point types follow NHS England's Making Data Count rules
 * (a shift of 7 or more points on one side of the mean, points outside
 * the process limits), applied by the library's carealign_spc_xmr(); the
 * last test writes report_render_sample.html, which check_render.py parses
 * as XML and opens in headless Chromium. */
#include "cmocka_all.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"
#include "../../tools/carealign/report.h"

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static int buf_write(void *user, const void *data, size_t len)
{
    buf *b = user;
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + len + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (p == NULL)
            return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, len);
    b->len += len;
    b->p[b->len] = '\0';
    return 0;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_format_number(void **state)
{
    (void)state;
    char s[64];
    /* Expected values: rounding to significant digits by hand. */
    rep_format_number(85.234, 3, s, sizeof s);
    assert_string_equal(s, "85.2");
    rep_format_number(0.012345, 3, s, sizeof s);
    assert_string_equal(s, "0.0123");
    rep_format_number(1234.5, 3, s, sizeof s);
    assert_string_equal(s, "1230");
    rep_format_number(123456.0, 3, s, sizeof s);
    assert_string_equal(s, "123,000");
    rep_format_number(1234567.0, 7, s, sizeof s);
    assert_string_equal(s, "1,234,567");
    rep_format_number(-45678.9, 6, s, sizeof s);
    assert_string_equal(s, "-45,678.9");
    rep_format_number(0.0, 3, s, sizeof s);
    assert_string_equal(s, "0");
    rep_format_number(NAN, 3, s, sizeof s);
    assert_string_equal(s, "-");
    rep_format_number(1e-9, 3, s, sizeof s);
    assert_string_equal(s, "0");
}

static void test_escape(void **state)
{
    (void)state;
    buf b = {0};
    rep_sink s = {buf_write, &b, 0};
    const char text[] = "<a href='x'>&\"\x01";
    rep_esc(&s, text, sizeof text - 1);
    assert_false(s.failed);
    assert_string_equal(b.p, "&lt;a href=&#39;x&#39;&gt;&amp;&quot; ");
    free(b.p);
}

static void xmr(buf *b, const double *v, size_t n, int32_t improvement, size_t *drawn)
{
    int32_t start[64];
    for (size_t i = 0; i < n; i++)
        carealign_date_from_ymd(2024 + (int32_t)((3 + i) / 12), (int32_t)((3 + i) % 12) + 1, 1,
                                &start[i]);
    rep_xmr x = {"Test & <measure>", "%", v, start, n, improvement, 15, 80.0};
    rep_sink s = {buf_write, b, 0};
    rep_svg_xmr(&s, &x, 1, drawn);
    assert_false(s.failed);
}

static void test_xmr_shift_up_is_improvement_when_higher_is_better(void **state)
{
    (void)state;
    /* 12 points around 70 then 12 around 85: a shift (7+ points above the mean) */
    double v[24];
    for (int i = 0; i < 24; i++)
        v[i] = (i < 12 ? 70.0 : 85.0) + (i % 3) - 1;
    v[5] = NAN; /* a period without a value still gets its marker */
    buf b = {0};
    size_t drawn = 0;
    xmr(&b, v, 24, CAREALIGN_IMPROVE_INCREASE, &drawn);
    assert_int_equal(drawn, 24);
    assert_int_equal(count(b.p, "<g class=\"pt"), 24);
    assert_int_equal(count(b.p, "<g class=\"pt none\""), 1);
    assert_true(count(b.p, "<rect class=\"improve\"") >= 7 + 1); /* + the legend's */
    /* a shift below the mean first (concern), above it later (improvement) */
    assert_true(count(b.p, "<path class=\"concern\"") >= 7 + 1);
    assert_non_null(strstr(b.p, "Apr 24: 69.00 (special cause: concern)"));
    assert_non_null(strstr(b.p, "Mar 26: 86.00 (special cause: improvement)"));
    assert_non_null(strstr(b.p, "Test &amp; &lt;measure&gt;"));
    assert_int_equal(count(b.p, "<title"), 1 + 24);
    assert_int_equal(count(b.p, "<desc"), 1);
    free(b.p);
}

static void test_xmr_shift_up_is_concern_when_lower_is_better(void **state)
{
    (void)state;
    double v[24];
    for (int i = 0; i < 24; i++)
        v[i] = (i < 12 ? 70.0 : 85.0) + (i % 3) - 1;
    buf b = {0};
    size_t drawn = 0;
    xmr(&b, v, 24, CAREALIGN_IMPROVE_DECREASE, &drawn);
    assert_int_equal(drawn, 24);
    assert_non_null(strstr(b.p, "Apr 24: 69.00 (special cause: improvement)"));
    assert_non_null(strstr(b.p, "Mar 26: 86.00 (special cause: concern)"));
    free(b.p);
}

static void test_xmr_too_few(void **state)
{
    (void)state;
    double v[1] = {3.0};
    buf b = {0};
    size_t drawn = 9;
    xmr(&b, v, 1, CAREALIGN_IMPROVE_INCREASE, &drawn);
    assert_int_equal(drawn, 1);
    assert_non_null(strstr(b.p, "too few for process limits"));
    free(b.p);
}

static void test_funnel_marks_outliers(void **state)
{
    (void)state;
    rep_funnel_point pts[4] = {{"A", 400, 90.0, CAREALIGN_FUNNEL_NOT_SIGNIFICANT},
                               {"B", 900, 89.0, CAREALIGN_FUNNEL_NOT_SIGNIFICANT},
                               {"C", 1500, 97.0, CAREALIGN_FUNNEL_HIGH_0001},
                               {"D <&>", 200, 75.0, CAREALIGN_FUNNEL_LOW_0025}};
    rep_funnel f = {"FFT", "%", "NHS acute", pts, 4, 90.0, 1, 100};
    buf b = {0};
    rep_sink s = {buf_write, &b, 0};
    rep_svg_funnel(&s, &f, 2);
    assert_false(s.failed);
    assert_int_equal(count(b.p, "<g class=\"fp\""), 4);
    assert_int_equal(count(b.p, "class=\"out3\""), 1);
    assert_int_equal(count(b.p, "class=\"out2\""), 1);
    assert_int_equal(count(b.p, "class=\"limit998\""), 2);
    assert_non_null(strstr(b.p, "D &lt;&amp;&gt;: 75.00, below the 95% limit"));
    free(b.p);
}

static void test_sample_page(void **state)
{
    (void)state;
    buf b = {0};
    rep_sink s = {buf_write, &b, 0};
    rep_put(&s, "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
                "<title>charts</title><style>svg{width:100%;max-width:760px}"
                "svg .common{fill:#a6a6a6;stroke:#595959}svg .improve{fill:#41b6e6}"
                "svg .concern{fill:#ed8b00}svg .mean,svg .limit,svg .axis line{stroke:#333}"
                "svg .series{fill:none;stroke:#777}svg .bar{fill:#41b6e6}</style></head><body>"
                "<h1>Charts</h1>\n");
    double v[24];
    for (int i = 0; i < 24; i++)
        v[i] = (i < 12 ? 70.0 : 85.0) + (i % 3) - 1;
    int32_t start[24];
    for (int i = 0; i < 24; i++)
        carealign_date_from_ymd(2024 + (3 + i) / 12, (3 + i) % 12 + 1, 1, &start[i]);
    rep_xmr x = {"Shift up", "%", v, start, 24, CAREALIGN_IMPROVE_INCREASE, 15, 80.0};
    rep_svg_xmr(&s, &x, 1, NULL);
    rep_funnel_point pts[3] = {{"A", 400, 90.0, CAREALIGN_FUNNEL_NOT_SIGNIFICANT},
                               {"B", 1500, 97.0, CAREALIGN_FUNNEL_HIGH_0001},
                               {"C", 200, 75.0, CAREALIGN_FUNNEL_LOW_0025}};
    rep_funnel f = {"FFT", "%", "NHS acute", pts, 3, 90.0, 1, 100};
    rep_svg_funnel(&s, &f, 2);
    const char *labels[3] = {"decile 1 (most deprived)", "decile 2", "decile 3"};
    double bars[3] = {120.5, NAN, 80.25};
    rep_bars bb = {"Gradient", "Three groups", labels, bars, 3};
    rep_svg_bars(&s, &bb, 3);
    rep_put(&s, "</body></html>\n");
    assert_false(s.failed);
    FILE *fp = fopen("report_render_sample.html", "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(b.p, 1, b.len, fp), b.len);
    assert_int_equal(fclose(fp), 0);
    free(b.p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_number),
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_xmr_shift_up_is_improvement_when_higher_is_better),
        cmocka_unit_test(test_xmr_shift_up_is_concern_when_lower_is_better),
        cmocka_unit_test(test_xmr_too_few),
        cmocka_unit_test(test_funnel_marks_outliers),
        cmocka_unit_test(test_sample_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Distributions (lib/stats/distributions.c). Expected values come from SciPy
 * (an independent implementation), generated into distribution_grid.h by
 * gen_distribution_grid.py, which names the SciPy call for each table; a few
 * are R's documented values, cited beside them. Tolerance: 1e-12 relative,
 * the accuracy the issue asks for. */
#include "cmocka_all.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "distribution_grid.h"
#include "t_large_df_grid.h"
#include "stats/stats_internal.h"

#define ROWS(t) (sizeof(t) / sizeof((t)[0]))

static void assert_rel(double got, double want, double tol, const char *what, size_t row)
{
    if (got == want) {
        return;
    }
    double err = fabs(got - want);
    if (!(err <= tol * fabs(want)) && !(fabs(want) < 1e-290 && err < 1e-290)) {
        print_error("%s row %zu: got %.17g want %.17g (rel %.3g)\n", what, row, got, want,
                    err / fabs(want));
        fail();
    }
}

static void normal_matches_scipy(void **state)
{
    (void)state;
    for (size_t i = 0; i < ROWS(grid_norm_cdf); i++) {
        assert_rel(carealign__norm_cdf(grid_norm_cdf[i][0]), grid_norm_cdf[i][1], 1e-12, "ndtr", i);
    }
    for (size_t i = 0; i < ROWS(grid_norm_quantile); i++) {
        assert_rel(carealign__norm_quantile(grid_norm_quantile[i][0]), grid_norm_quantile[i][1],
                   1e-14, "ndtri", i);
    }
}

static void normal_edges(void **state)
{
    (void)state;
    assert_true(isinf(carealign__norm_quantile(0.0)) && carealign__norm_quantile(0.0) < 0);
    assert_true(isinf(carealign__norm_quantile(1.0)) && carealign__norm_quantile(1.0) > 0);
    assert_true(isnan(carealign__norm_quantile(-0.1)));
    assert_true(isnan(carealign__norm_quantile(1.1)));
    assert_true(isnan(carealign__norm_quantile(NAN)));
    assert_true(carealign__norm_quantile(0.5) == 0.0);
    /* AS241 in IEEE double gives 1.9599639845400536 for qnorm(0.975) (R prints
     * it as 1.959963984540054); Python's statistics.NormalDist().inv_cdf(0.975),
     * an independent AS241 port, gives the same double. PHE's z for 95% is
     * qnorm(0.95 + (1 - 0.95)/2), for 99.8% 3.090232306167813. */
    assert_true(carealign__z_two_sided(0.95) == 1.9599639845400536);
    assert_rel(carealign__z_two_sided(0.998), 3.090232306167813, 1e-15, "z998", 0);
}

static void gamma_matches_scipy(void **state)
{
    (void)state;
    for (size_t i = 0; i < ROWS(grid_gamma_cdf); i++) {
        const double *r = grid_gamma_cdf[i];
        assert_rel(carealign__gamma_cdf(r[0], r[1], 1), r[2], 1e-12, "gammainc", i);
        assert_rel(carealign__gamma_cdf(r[0], r[1], 0), r[3], 1e-12, "gammaincc", i);
    }
}

static void chisq_quantile_matches_scipy(void **state)
{
    (void)state;
    for (size_t i = 0; i < ROWS(grid_chisq_quantile); i++) {
        const double *r = grid_chisq_quantile[i];
        assert_rel(carealign__chisq_quantile(r[0], r[1], 1), r[2], 1e-12, "chi2.ppf", i);
        assert_rel(carealign__chisq_quantile(r[0], r[1], 0), r[3], 1e-12, "chi2.isf", i);
    }
}

static void chisq_edges(void **state)
{
    (void)state;
    /* R: qchisq(p, 0) is 0 for every p (point mass at 0), which the exact
     * interval for a zero count relies on. */
    assert_true(carealign__chisq_quantile(0.025, 0.0, 1) == 0.0);
    assert_true(carealign__chisq_quantile(0.975, 0.0, 1) == 0.0);
    assert_true(carealign__chisq_quantile(0.0, 4.0, 1) == 0.0);
    assert_true(isinf(carealign__chisq_quantile(1.0, 4.0, 1)));
    assert_true(isnan(carealign__chisq_quantile(0.5, -1.0, 1)));
    assert_true(isnan(carealign__chisq_quantile(1.5, 1.0, 1)));
    assert_true(isnan(carealign__gamma_cdf(0.0, 1.0, 1)));
    assert_true(carealign__gamma_cdf(2.0, 0.0, 1) == 0.0);
    /* R: qchisq(0.025, 2) = 0.05063561596857; here to 1e-12 relative */
    assert_rel(carealign__chisq_quantile(0.025, 2.0, 1), 0.050635615968579795, 1e-12, "q2", 0);
}

static void beta_matches_scipy(void **state)
{
    (void)state;
    for (size_t i = 0; i < ROWS(grid_beta_cdf); i++) {
        const double *r = grid_beta_cdf[i];
        double x = r[0];
        assert_rel(carealign__beta_cdf(x, 1.0 - x, r[1], r[2], 1), r[3], 1e-12, "betainc", i);
        assert_rel(carealign__beta_cdf(x, 1.0 - x, r[1], r[2], 0), r[4], 1e-12, "betainc c", i);
    }
}

static void t_matches_scipy(void **state)
{
    (void)state;
    for (size_t i = 0; i < ROWS(grid_t_cdf); i++) {
        const double *r = grid_t_cdf[i];
        /* df >= 1e4: SciPy 1.10's own t.sf(12, 1e5) = 1.872252906039971e-33
         * is 3.3e-11 off (mpmath at 60 digits, betainc and quadrature
         * alike: 1.8722529059781754731e-33), so these rows are held to
         * 5e-11 here and to 3e-15 against mpmath in
         * t_cdf_large_df_matches_mpmath. */
        double tol = r[1] < 1e4 ? 1e-12 : 5e-11;
        assert_rel(carealign__t_cdf(r[0], r[1], 1), r[2], tol, "t.cdf", i);
        assert_rel(carealign__t_cdf(r[0], r[1], 0), r[3], tol, "t.sf", i);
    }
    for (size_t i = 0; i < ROWS(grid_t_quantile); i++) {
        const double *r = grid_t_quantile[i];
        assert_rel(carealign__t_quantile(r[0], r[1]), r[2], 1e-12, "t.ppf", i);
    }
    assert_true(carealign__t_quantile(0.5, 7.0) == 0.0);
    assert_true(isnan(carealign__t_quantile(0.5, 0.0)));
    assert_true(isinf(carealign__t_quantile(1.0, 3.0)));
    assert_true(carealign__t_cdf(0.0, 3.0, 1) == 0.5);
    assert_true(carealign__t_cdf(INFINITY, 3.0, 1) == 1.0);
}

/* carealign__t_quantile keeps the calling thread's last answers by (p, df):
 * asked again, in another order, and between other (p, df) with the same p or
 * the same df, it still gives SciPy's value, and the same bits as the first
 * time. */
static void t_quantile_repeated(void **state)
{
    (void)state;
    static double first[ROWS(grid_t_quantile)];
    for (size_t i = 0; i < ROWS(grid_t_quantile); i++)
        first[i] = carealign__t_quantile(grid_t_quantile[i][0], grid_t_quantile[i][1]);
    for (int rep = 0; rep < 2; rep++)
        for (size_t k = 0; k < ROWS(grid_t_quantile); k++) {
            size_t i = rep == 0 ? ROWS(grid_t_quantile) - 1 - k : (k * 7) % ROWS(grid_t_quantile);
            const double *r = grid_t_quantile[i];
            double t = carealign__t_quantile(r[0], r[1]);
            assert_rel(t, r[2], 1e-12, "t.ppf again", i);
            assert_memory_equal(&t, &first[i], sizeof t);
        }
}

/* The same with many more (p, df) than the memo has entries, so that entries
 * are replaced and pairs with the same df (or the same p) share an entry:
 * against the closed forms of df 1, t = tan(pi (p - 1/2)), and df 2,
 * t = (2p - 1) / sqrt(2 p (1 - p)), twice over. */
static void t_quantile_closed_forms(void **state)
{
    (void)state;
    const double pi = 3.14159265358979323846;
    for (int rep = 0; rep < 2; rep++)
        for (size_t k = 0; k < 2000; k++) {
            double p = ((double)k + 0.5) / 2000.0;
            if (fabs(p - 0.5) < 0.01)
                continue;
            double want1 = tan(pi * (p - 0.5));
            double want2 = (2.0 * p - 1.0) / sqrt(2.0 * p * (1.0 - p));
            assert_rel(carealign__t_quantile(p, 1.0), want1, 1e-11, "t.ppf df 1", k);
            assert_rel(carealign__t_quantile(p, 2.0), want2, 1e-11, "t.ppf df 2", k);
        }
}

/* A caller's memo (carealign__t_quantile_memo, a scorecard finalize's):
 * SciPy's values, checked against mpmath (distribution_grid.h), and the
 * closed forms of df 1 and 2 (t_quantile_closed_forms), asked in three
 * orders, so that most answers come from the memo: several p share each df
 * and each p is asked at df 1 and 2, so an entry found by df (or by p)
 * alone gives a wrong answer. 4,000 pairs make the table grow 5 times. */
static void t_quantile_memo_matches_scipy(void **state)
{
    (void)state;
    const double pi = 3.14159265358979323846;
    carealign__t_memo memo;
    memset(&memo, 0, sizeof memo);
    size_t kept = 0; /* the pairs after the first round: none added later */
    for (int rep = 0; rep < 3; rep++) {
        for (size_t k = 0; k < ROWS(grid_t_quantile); k++) {
            size_t i = rep == 1 ? ROWS(grid_t_quantile) - 1 - k : (k * 7) % ROWS(grid_t_quantile);
            const double *r = grid_t_quantile[i];
            assert_rel(carealign__t_quantile_memo(&memo, r[0], r[1]), r[2], 1e-12, "memo t.ppf", i);
        }
        for (size_t k = 0; k < 2000; k++) {
            double p = ((double)(rep == 1 ? 1999 - k : k) + 0.5) / 2000.0;
            if (fabs(p - 0.5) < 0.01)
                continue;
            double want1 = tan(pi * (p - 0.5));
            double want2 = (2.0 * p - 1.0) / sqrt(2.0 * p * (1.0 - p));
            assert_rel(carealign__t_quantile_memo(&memo, p, 1.0), want1, 1e-11, "memo df 1", k);
            assert_rel(carealign__t_quantile_memo(&memo, p, 2.0), want2, 1e-11, "memo df 2", k);
        }
        if (rep == 0)
            kept = memo.n;
        assert_int_equal(memo.n, kept);
    }
    assert_true(memo.n >= 3900 && memo.n <= memo.cap / 2);
    assert_true(carealign__t_quantile_memo(&memo, 0.5, 7.0) == 0.0);
    assert_true(isnan(carealign__t_quantile_memo(&memo, 0.5, 0.0)));
    assert_true(isinf(carealign__t_quantile_memo(&memo, 1.0, 3.0)));
    carealign__t_memo_free(&memo);
    assert_true(memo.entries == NULL && memo.cap == 0 && memo.n == 0);
    assert_rel(carealign__t_quantile_memo(NULL, 0.025, 1.0), -12.706204736174705, 1e-12, "no memo",
               0);
}

/* The library's allocations fail while this is set (main's allocator). */
static int refuse_memory;

static void *hook_malloc(size_t bytes, void *user)
{
    (void)user;
    return refuse_memory ? NULL : malloc(bytes);
}

static void *hook_realloc(void *ptr, size_t bytes, void *user)
{
    (void)user;
    return refuse_memory ? NULL : realloc(ptr, bytes);
}

static void hook_free(void *ptr, void *user)
{
    (void)user;
    free(ptr);
}

/* A memo that cannot get memory still answers, every time, by computing:
 * SciPy's values, with nothing kept; and one that cannot grow keeps its
 * entries. */
static void t_quantile_memo_without_memory(void **state)
{
    (void)state;
    carealign__t_memo memo;
    memset(&memo, 0, sizeof memo);
    refuse_memory = 1;
    for (int rep = 0; rep < 2; rep++)
        for (size_t i = 0; i < ROWS(grid_t_quantile); i++) {
            const double *r = grid_t_quantile[i];
            assert_rel(carealign__t_quantile_memo(&memo, r[0], r[1]), r[2], 1e-12, "no memory", i);
        }
    assert_true(memo.cap == 0 && memo.n == 0);
    refuse_memory = 0;
    for (size_t i = 0; i < 128; i++) /* fills the first table: 256 slots */
        assert_rel(carealign__t_quantile_memo(&memo, grid_t_quantile[i][0], grid_t_quantile[i][1]),
                   grid_t_quantile[i][2], 1e-12, "first table", i);
    assert_true(memo.cap == 256 && memo.n == 128);
    refuse_memory = 1;
    for (int rep = 0; rep < 2; rep++)
        for (size_t i = 0; i < ROWS(grid_t_quantile); i++) {
            const double *r = grid_t_quantile[i];
            assert_rel(carealign__t_quantile_memo(&memo, r[0], r[1]), r[2], 1e-12, "cannot grow",
                       i);
        }
    assert_true(memo.cap == 256 && memo.n == 128);
    refuse_memory = 0;
    carealign__t_memo_free(&memo);
}

/* df >= 1000 (the integral form, docs/methods.md): against mpmath's
 * 40-digit incomplete beta (t_large_df_grid.h, gen_t_large_df.py). 3e-15
 * relative for |t| <= 5; beyond, the rounding of t itself is amplified t^2
 * times (as in the normal tail from erfc), so 3e-15 + 1e-16 t^2. */
static void t_cdf_large_df_matches_mpmath(void **state)
{
    (void)state;
    for (size_t i = 0; i < ROWS(grid_t_large_df); i++) {
        const double *r = grid_t_large_df[i];
        double tol = 3e-15 + (fabs(r[0]) <= 5.0 ? 0.0 : 1e-16 * r[0] * r[0]);
        assert_rel(carealign__t_cdf(r[0], r[1], 0), r[2], tol, "t tail large df", i);
        assert_rel(carealign__t_cdf(-r[0], r[1], 1), r[2], tol, "t lower large df", i);
        assert_rel(carealign__t_cdf(r[0], r[1], 1), 1.0 - r[2], 3e-15, "t cdf large df", i);
    }
}

/* log1p(u) - u as distributions.c's log1p_minus computes it (the series
 * below |u| 0.05), for full_large_df_tail. */
static double ref_log1p_minus(double u)
{
    if (fabs(u) < 0.05) {
        double term = u * u, sum = 0.0;
        for (int k = 2; k < 60; k++) {
            double add = term / k;
            sum += (k % 2 == 0) ? -add : add;
            if (fabs(add) < 1e-18 * fabs(sum)) {
                break;
            }
            term *= u;
        }
        return sum;
    }
    return log1p(u) - u;
}

/* P(T > t), df >= 1000, as the trapezoid sum over all 321 points
 * k = -160..160 of docs/methods.md, in the order and with the operations
 * of distributions.c before it skipped the points that are exactly 0: the
 * bits carealign__t_cdf must keep. */
static double full_large_df_tail(double t, double df)
{
    double a = 0.5 * df;
    double ia = 1.0 / a, ia2 = ia * ia;
    double lambda =
        ia * (1.0 / 12.0 + ia2 * (-1.0 / 360.0 + ia2 * (1.0 / 1260.0 + ia2 * (-1.0 / 1680.0))));
    double lnorm = 0.693147180559945309417232121458 + 0.5 * log(a) -
                   0.5 * 1.837877066409345483560659472811 - lambda;
    double t2 = t * t;
    double sigma = 1.0 / sqrt(t2 + df);
    double mode = -t2 / (t2 + df);
    double h = 0.25 * sigma;
    double sum = 0.0;
    for (int k = -160; k <= 160; k++) {
        double u = mode + k * h;
        if (!(u > -1.0)) {
            continue;
        }
        double lf = lnorm - log1p(u) + 2.0 * a * ref_log1p_minus(u) - a * u * u;
        double q = 0.5 * erfc(t * (1.0 + u) / 1.414213562373095048801688724210);
        sum += q * exp(lf);
    }
    return h * sum;
}

/* df >= 1000: carealign__t_cdf skips the points of the sum whose term is
 * exactly 0 (below the log density's cut, found by bisection); its tail
 * has the bits of the sum over every point, over t from 0.01 to 38 and df
 * from 1000 to 1e9 (the quantiles' df of a scorecard and beyond). */
static void t_cdf_large_df_skips_only_zero_points(void **state)
{
    (void)state;
    static const double dfs[] = {1000.0, 1001.0,   1234.5, 1999.0, 5000.0, 19999.0,
                                 1e5,    199999.0, 1e6,    3.3e7,  1e9};
    static const double ts[] = {
        0.01, 0.3,  1.0, 1.6448536269514722, 1.959963984540054, 2.5758293035489, 3.0, 5.0, 8.0,
        12.0, 20.0, 38.0};
    for (size_t i = 0; i < ROWS(dfs); i++) {
        for (size_t j = 0; j < ROWS(ts); j++) {
            double want = full_large_df_tail(ts[j], dfs[i]);
            double got = carealign__t_cdf(ts[j], dfs[i], 0);
            if (memcmp(&got, &want, sizeof got) != 0) {
                print_error("df %.17g t %.17g: got %a want %a\n", dfs[i], ts[j], got, want);
                fail();
            }
            double lower = carealign__t_cdf(-ts[j], dfs[i], 1);
            assert_true(memcmp(&lower, &want, sizeof lower) == 0);
        }
    }
}

/* The t density, as distributions.c's t_density computes it, for
 * full_t_quantile. */
static double ref_t_density(double t, double df)
{
    double lf = carealign__lgamma(0.5 * (df + 1.0)) - carealign__lgamma(0.5 * df) -
                0.5 * log(df * 3.141592653589793238462643383280) -
                0.5 * (df + 1.0) * log1p(t * t / df);
    return exp(lf);
}

/* The upper t quantile of q < 0.5, df > 2, by distributions.c's search with
 * t_cdf at every step (no step taken without it): the Cornish-Fisher start,
 * then safeguarded Newton. *steps: the t_cdf calls. */
static double full_t_quantile(double q, double df, int *steps)
{
    double z = -carealign__norm_quantile(q), z2 = z * z;
    double t = z + z * (z2 + 1.0) / (4.0 * df) +
               z * (5.0 * z2 * z2 + 16.0 * z2 + 3.0) / (96.0 * df * df) +
               z * (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) / (384.0 * df * df * df);
    double lo = 0.0, hi = INFINITY;
    *steps = 0;
    for (int it = 0; it < 300; it++) {
        double f = carealign__t_cdf(t, df, 0) - q;
        ++*steps;
        if (f == 0.0)
            break;
        if (f > 0.0)
            lo = t;
        else
            hi = t;
        double g = ref_t_density(t, df);
        double tn = (g > 0.0) ? t + f / g : NAN;
        if (!(tn > lo && tn < hi)) {
            tn = isinf(hi) ? 2.0 * (lo > 0.0 ? lo : t) : (lo > 0.0 ? sqrt(lo * hi) : 0.5 * hi);
            if (!(tn > lo && tn < hi))
                tn = 0.5 * (lo + hi);
        }
        if (fabs(tn - t) <= 4.0 * DBL_EPSILON * t) {
            t = tn;
            break;
        }
        if (isfinite(hi) && hi - lo <= 4.0 * DBL_EPSILON * hi) {
            t = 0.5 * (lo + hi);
            break;
        }
        t = tn;
    }
    return t;
}

/* From 1000 df the quantile's search takes the steps it knows without t_cdf
 * (t_step_known): the same bits as the search that evaluates every step, for
 * the scorecard's levels (q 0.025, 0.05, 0.005, 0.0005; lower and upper p)
 * and df 1000 to 1e8. Some of these searches (df 3738, 3775, ...) overshoot
 * after a Newton step that rounds to nothing and bisect down ~50 steps: the
 * test asks for some of them. */
static void t_quantile_large_df_same_bits_as_full_search(void **state)
{
    (void)state;
    static const double qs[] = {0.025, 0.05, 0.005, 0.0005};
    int long_searches = 0;
    for (size_t i = 0; i < ROWS(qs); i++) {
        double step = i == 0 ? 47.0 : 997.0;
        for (double df = i == 0 ? 1000.0 : 1003.0; df < 3e4; df += step) {
            int steps;
            double want = full_t_quantile(qs[i], df, &steps);
            long_searches += steps > 20;
            double got = -carealign__t_quantile(qs[i], df);
            if (memcmp(&got, &want, sizeof want) != 0) {
                print_error("q %g df %.17g: got %a want %a\n", qs[i], df, got, want);
                fail();
            }
        }
    }
    static const double big[] = {3738.0, 3775.0, 1e5 + 1, 1e6 - 1, 5e6 + 3, 1e7, 1.5e7, 1e8};
    for (size_t i = 0; i < ROWS(big); i++) {
        int steps;
        double want = full_t_quantile(0.025, big[i], &steps);
        long_searches += steps > 20;
        double got = -carealign__t_quantile(0.025, big[i]);
        assert_true(memcmp(&got, &want, sizeof want) == 0);
    }
    assert_true(long_searches >= 20);
}

static void poisson_binomial_match_scipy(void **state)
{
    (void)state;
    for (size_t i = 0; i < ROWS(grid_poisson_cdf); i++) {
        const double *r = grid_poisson_cdf[i];
        assert_rel(carealign__poisson_cdf(r[0], r[1], 1), r[2], 1e-12, "poisson.cdf", i);
        assert_rel(carealign__poisson_cdf(r[0], r[1], 0), r[3], 1e-12, "poisson.sf", i);
    }
    for (size_t i = 0; i < ROWS(grid_binom_cdf); i++) {
        const double *r = grid_binom_cdf[i];
        assert_rel(carealign__binom_cdf(r[0], r[1], r[2], 1), r[3], 1e-12, "binom.cdf", i);
        assert_rel(carealign__binom_cdf(r[0], r[1], r[2], 0), r[4], 1e-12, "binom.sf", i);
    }
    /* hand-checkable: P(X <= 0 | mu = 2) = exp(-2); P(X <= 1 | n = 2, p = .5) = 3/4 */
    assert_rel(carealign__poisson_cdf(0.0, 2.0, 1), exp(-2.0), 1e-15, "exp(-2)", 0);
    assert_rel(carealign__binom_cdf(1.0, 2.0, 0.5, 1), 0.75, 1e-15, "3/4", 0);
    assert_true(carealign__poisson_cdf(-1.0, 2.0, 1) == 0.0);
    assert_true(carealign__poisson_cdf(3.0, 0.0, 1) == 1.0);
    assert_true(carealign__binom_cdf(5.0, 5.0, 0.3, 1) == 1.0);
    assert_true(isnan(carealign__binom_cdf(1.0, 5.0, 1.5, 1)));
    assert_true(isnan(carealign__poisson_cdf(1.0, -1.0, 1)));
}

static void lgamma_matches_known_values(void **state)
{
    (void)state;
    /* log Gamma(n) = log((n-1)!) exactly representable factorials; Gamma(1/2)
     * = sqrt(pi) */
    assert_true(fabs(carealign__lgamma(1.0)) < 1e-15 && fabs(carealign__lgamma(2.0)) < 1e-15);
    assert_rel(carealign__lgamma(11.0), log(3628800.0), 1e-15, "lg11", 0);
    assert_rel(carealign__lgamma(0.5), 0.5 * log(3.14159265358979323846), 1e-14, "lg.5", 0);
    assert_rel(carealign__lgamma(171.0), 706.5730622457874, 1e-14, "lg171", 0); /* math.lgamma */
    assert_true(isnan(carealign__lgamma(0.0)));
    assert_true(isnan(carealign__lgamma(-1.5)));
}

int main(void)
{
    carealign_allocator allocator = CAREALIGN_ALLOCATOR_INIT;
    allocator.malloc_fn = hook_malloc;
    allocator.realloc_fn = hook_realloc;
    allocator.free_fn = hook_free;
    if (carealign_set_allocator(&allocator) != CAREALIGN_OK)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(normal_matches_scipy),
        cmocka_unit_test(normal_edges),
        cmocka_unit_test(gamma_matches_scipy),
        cmocka_unit_test(chisq_quantile_matches_scipy),
        cmocka_unit_test(chisq_edges),
        cmocka_unit_test(beta_matches_scipy),
        cmocka_unit_test(t_matches_scipy),
        cmocka_unit_test(t_quantile_repeated),
        cmocka_unit_test(t_quantile_closed_forms),
        cmocka_unit_test(t_quantile_memo_matches_scipy),
        cmocka_unit_test(t_quantile_memo_without_memory),
        cmocka_unit_test(t_cdf_large_df_matches_mpmath),
        cmocka_unit_test(t_cdf_large_df_skips_only_zero_points),
        cmocka_unit_test(t_quantile_large_df_same_bits_as_full_search),
        cmocka_unit_test(poisson_binomial_match_scipy),
        cmocka_unit_test(lgamma_matches_known_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

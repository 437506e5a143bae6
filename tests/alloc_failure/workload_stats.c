/* Statistics: every public function once, on small valid inputs. The layer
 * is pure (DESIGN.md: no allocation; scratch space is the caller's), so the
 * harness requires this workload to make no allocation at all; every call
 * must succeed. */
#include "workloads.h"

static void ok(carealign_status status, const char *what)
{
    carealign_workload_expect(status, what);
}

void carealign_workload_stats(void)
{
    carealign_estimate e, rii;
    double x = 0.0, lower = 0.0, upper = 0.0;
    int32_t category = 0;
    ok(carealign_proportion_wilson(37, 120, 0.95, &e), "proportion_wilson");
    ok(carealign_rate(12, 52000, 100000, 0.95, &e), "rate");
    ok(carealign_byar_interval(12, 0.95, &e), "byar_interval");
    ok(carealign_mean_t(40, 0.71, 3.2, 0.95, &e), "mean_t");
    (void)carealign_esp2013();

    const double counts[3] = {3, 10, 25}, pops[3] = {10000, 8000, 5000}, std[3] = {1, 1, 1};
    ok(carealign_dsr(counts, pops, std, 3, 100000, 0.95, &e), "dsr");
    const uint32_t band[4] = {0, 1, 1, 2};
    const double freq[4] = {2, 1, 3, 4}, persons[4] = {1, 1, 2, 3};
    ok(carealign_dsr_nonindependent(band, freq, persons, 4, pops, std, 3, 100000, 0.95, &e),
       "dsr_nonindependent");
    double expected = 0.0;
    ok(carealign_expected_events(counts, pops, pops, 3, &expected), "expected_events");
    ok(carealign_isratio(40, 38.5, 100, 0.95, &e), "isratio");
    ok(carealign_israte(40, 38.5, 380, 100000, 100000, 0.95, &e), "israte");

    carealign_funnel_point point;
    double axis[CAREALIGN_FUNNEL_POINTS];
    ok(carealign_funnel_proportion_limit(0.975, 200, 0.3, CAREALIGN_FUNNEL_HIGH, 100, &x),
       "funnel_proportion_limit");
    ok(carealign_funnel_proportion_limits(0.3, 200, 100, &point), "funnel_proportion_limits");
    ok(carealign_funnel_poisson_search(20, 0.025, CAREALIGN_FUNNEL_HIGH, &x),
       "funnel_poisson_search");
    ok(carealign_funnel_ratio_limits(20, CAREALIGN_FUNNEL_RATIO_ISR, &point),
       "funnel_ratio_limits");
    ok(carealign_funnel_rate_limits(20, 0.001, 100000, 1, &point), "funnel_rate_limits");
    ok(carealign_funnel_axis(CAREALIGN_FUNNEL_PROPORTION, 100, 5000, 0, 1, axis), "funnel_axis");
    ok(carealign_funnel_proportion_significance(80, 200, 0.3, &category),
       "funnel_proportion_significance");
    ok(carealign_funnel_ratio_significance(30, 20, &category), "funnel_ratio_significance");
    ok(carealign_funnel_rate_significance(30, 20000, 0.001, CAREALIGN_FUNNEL_RATE_CRUDE, &category),
       "funnel_rate_significance");

    carealign_overdispersion_options od_options;
    ok(carealign_overdispersion_options_init(&od_options, sizeof od_options),
       "overdispersion_options_init");
    const double num[6] = {30, 45, 20, 60, 25, 50}, den[6] = {100, 120, 90, 130, 80, 110};
    double workspace[6], z[6];
    carealign_overdispersion od;
    ok(carealign_funnel_overdispersion(num, den, 6, &od_options, workspace, 6, z, &od),
       "funnel_overdispersion");
    ok(carealign_overdispersion_limits(&od, 100, 0.95, 1, &lower, &upper), "overdispersion_limits");

    const double values[5] = {30, 27, 25, 22, 20}, qpop[5] = {1000, 1000, 1000, 1000, 1000},
                 se[5] = {1, 1, 1, 1, 1};
    ok(carealign_sii(values, qpop, se, NULL, NULL, 5, CAREALIGN_SII_NORMAL, 1, 0.95, &e, &rii),
       "sii");
    static double sii_workspace[2000];
    ok(carealign_sii_simulated(values, qpop, se, NULL, NULL, 5, CAREALIGN_SII_NORMAL, 1, 0.95, 42,
                               1000, sii_workspace, 2000, &e, &rii),
       "sii_simulated");
    carealign_funnel_point exact_point;
    ok(carealign_funnel_exact_limit(CAREALIGN_FUNNEL_EXACT_BINOMIAL, 0.3, 200, 0.975, &x),
       "funnel_exact_limit");
    ok(carealign_funnel_exact_limits(CAREALIGN_FUNNEL_EXACT_POISSON, 1.0, 50, 100, &exact_point),
       "funnel_exact_limits");

    carealign_spc_options spc_options;
    ok(carealign_spc_options_init(&spc_options, sizeof spc_options), "spc_options_init");
    const double series[16] = {5, 6, 5, 7, 6, 5, 6, 8, 5, 6, 7, 6, 5, 6, 7, 9};
    carealign_spc_point spc_points[16];
    carealign_spc_summary summary;
    ok(carealign_spc_xmr(series, 16, &spc_options, spc_points, &summary), "spc_xmr");

    carealign_disclosure_options disclosure;
    ok(carealign_disclosure_options_init(&disclosure, sizeof disclosure),
       "disclosure_options_init");
    int64_t shown = 0, many_shown[3];
    uint32_t flags = 0, many_flags[3];
    const int64_t many[3] = {0, 5, 123};
    ok(carealign_disclose_count(123, &disclosure, &shown, &flags), "disclose_count");
    ok(carealign_disclose_counts(many, 3, &disclosure, many_shown, many_flags), "disclose_counts");
    ok(carealign_disclose_percentage(40, 120, &disclosure, &x, &flags), "disclose_percentage");
    ok(carealign_disclose_mean(0.7, 40, &disclosure, &x, &flags), "disclose_mean");

    const double years[3] = {0, 1, 2}, utility[3] = {0.6, 0.7, 0.8};
    carealign_icer_result icer;
    int64_t nmb = 0;
    ok(carealign_qaly(years, utility, 3, 0.035, CAREALIGN_QALY_DISCOUNT_ANNUAL, &x), "qaly");
    ok(carealign_icer(500000, 1.2, 300000, 1.0, &icer), "icer");
    ok(carealign_net_monetary_benefit(1.2, 500000, 2000000, &nmb), "net_monetary_benefit");
    const int64_t cea_costs[3] = {100000, 300000, 500000};
    const double cea_qalys[3] = {1.0, 1.1, 1.5};
    size_t cea_workspace[3];
    carealign_cea_result cea[3];
    ok(carealign_cea_frontier(cea_costs, cea_qalys, 3, cea_workspace, 3, cea), "cea_frontier");

    carealign_change_options change;
    ok(carealign_change_options_init(&change, sizeof change), "change_options_init");
    change.better = 1;
    change.criterion = CAREALIGN_CHANGE_BY_MID;
    change.mid = 3;
    const double before[3] = {40, 45, 50}, after[3] = {45, 45, 44};
    carealign_change_counts change_counts;
    int32_t classes[3];
    ok(carealign_change_rci(40, 45, 7.5, 0.88, &x), "change_rci");
    ok(carealign_change_classify(before, after, 3, &change, &change_counts, classes),
       "change_classify");
    ok(carealign_change_mean_t(40, 0.71, 3.2, 0.95, &e), "change_mean_t");
    ok(carealign_change_mean_paired(before, after, 3, 0.95, &e), "change_mean_paired");
}

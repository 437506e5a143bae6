/*
 * Internal to the stats layer, part B (SPC, disclosure, economics, change):
 * never installed, never exported.
 */
#ifndef CAREALIGN_STATS_B_INTERNAL_H
#define CAREALIGN_STATS_B_INTERNAL_H

#include <float.h>
#include <math.h>
#include <stddef.h>

/* Finite and NaN tests for doubles that avoid the type-generic isfinite and
 * isnan macros, whose mingw-w64 versions warn under -Wfloat-conversion. */
static inline int carealign__is_finite(double x)
{
    return fabs(x) <= DBL_MAX;
}

static inline int carealign__is_nan(double x)
{
    return x != x;
}

/* The mean of x[0..n) as R's mean() computes it (src/main/summary.c,
 * real_mean): the sum in long double divided by n, then the mean of the
 * residuals added as a correction pass. NaN when n is 0. */
double carealign__r_mean(const double *x, size_t n);

/* R's mean() of the moving ranges |y[i] - y[i-1]|, 1 <= i < n, keeping only
 * those strictly below `below` (INFINITY keeps them all). *kept receives the
 * number used. NaN when none is kept. */
double carealign__r_mean_moving_range(const double *y, size_t n, double below, size_t *kept);

#endif /* CAREALIGN_STATS_B_INTERNAL_H */

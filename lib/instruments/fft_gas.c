/* The Friends and Family Test categories and the Goal Attainment Scaling
 * T-score. Pure functions. */
#include <float.h>
#include <math.h>

#include "core/internal.h"
#include "instruments/registry.h"

carealign_status carealign_fft_classify(int32_t response, int32_t *category)
{
    if (category == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_fft_classify: category is NULL");
    if (response == CAREALIGN_ITEM_MISSING)
        return carealign__error(CAREALIGN_EMISSING, "fft: item FFT is missing");
    switch (response) {
    case 1:
    case 2: *category = CAREALIGN_FFT_POSITIVE; return CAREALIGN_OK;
    case 3: *category = CAREALIGN_FFT_NEUTRAL; return CAREALIGN_OK;
    case 4:
    case 5: *category = CAREALIGN_FFT_NEGATIVE; return CAREALIGN_OK;
    case 6: *category = CAREALIGN_FFT_DONT_KNOW; return CAREALIGN_OK;
    default: return carealign__error(CAREALIGN_EINVAL, "fft: item FFT out of range 1..6");
    }
}

/* Kiresuk TJ, Sherman RE. Goal attainment scaling. Community Ment Health J
 * 1968;4:443-453. The denominator is written sum(w^2) + rho * ((sum w)^2 -
 * sum(w^2)), equal to (1 - rho) sum(w^2) + rho (sum w)^2, with one rounding
 * of rho fewer. */
carealign_status carealign_gas_tscore(const int32_t *levels, const double *weights, size_t n_goals,
                                      double rho, double *t)
{
    static const char function[] = "carealign_gas_tscore";
    if (levels == NULL || t == NULL)
        return carealign__error(CAREALIGN_EINVAL, "%s: %s is NULL", function,
                                levels == NULL ? "levels" : "t");
    if (n_goals == 0)
        return carealign__error(CAREALIGN_EINVAL, "%s: no goals", function);
    if (!(rho >= 0.0 && rho <= 1.0))
        return carealign__error(CAREALIGN_EINVAL, "%s: rho is not between 0 and 1", function);
    double sum_wx = 0.0, sum_w = 0.0, sum_w2 = 0.0;
    for (size_t i = 0; i < n_goals; i++) {
        if (levels[i] == CAREALIGN_ITEM_MISSING)
            return carealign__error(CAREALIGN_EMISSING, "%s: goal %llu is missing", function,
                                    (unsigned long long)(i + 1));
        if (levels[i] < -2 || levels[i] > 2)
            return carealign__error(CAREALIGN_EINVAL, "%s: goal %llu out of range -2..2", function,
                                    (unsigned long long)(i + 1));
        double w = 1.0;
        if (weights != NULL) {
            w = weights[i];
            if (!(w > 0.0 && w <= DBL_MAX))
                return carealign__error(CAREALIGN_EINVAL,
                                        "%s: weight of goal %llu is not finite and positive",
                                        function, (unsigned long long)(i + 1));
        }
        sum_wx += w * levels[i];
        sum_w += w;
        sum_w2 += w * w;
    }
    double denominator = sum_w2 + rho * (sum_w * sum_w - sum_w2);
    if (!(denominator > 0.0 && denominator <= DBL_MAX) || !(fabs(sum_wx) <= DBL_MAX))
        return carealign__error(CAREALIGN_ERANGE, "%s: weights too large", function);
    *t = 50.0 + 10.0 * sum_wx / sqrt(denominator);
    return CAREALIGN_OK;
}

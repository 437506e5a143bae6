/* The 1.0.0 consumer: compiled against the headers of release 1.0.0
 * (tests/consumer/v1.0.0/include, a snapshot taken at the release) and run
 * against the library built now. It uses the size-prefixed structs of the
 * accumulator and journey layers with the sizes 1.0.0 compiled in, so a
 * later library that stopped accepting them fails here. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <carealign/carealign.h>

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "consumer 1.0.0: %s failed: %s\n", what, carealign_last_error());
        failures++;
    }
}

static void mean_of_two(void)
{
    /* the mean of 0.5 and 0.75 is 0.625, exact on a 1/1000 grid */
    carealign_acc_params p = CAREALIGN_ACC_PARAMS_INIT;
    p.kind = CAREALIGN_ACC_MEAN;
    p.scale = 1000;
    carealign_acc *acc = NULL;
    check(carealign_acc_new(&p, &acc) == CAREALIGN_OK, "acc_new with the 1.0.0 params");
    if (acc == NULL)
        return;
    check(carealign_acc_add(acc, 0.5, 1.0) == CAREALIGN_OK, "acc_add");
    check(carealign_acc_add(acc, 0.75, 1.0) == CAREALIGN_OK, "acc_add");
    carealign_estimate e;
    check(carealign_acc_finalize(acc, 0.95, &e) == CAREALIGN_OK, "acc_finalize");
    check(e.value == 0.625, "mean 0.625");
    carealign_acc_free(acc);
}

static void one_organisation_is_full_continuity(void)
{
    /* Bice and Boxerman (1977) and Breslau and Reeb (1975): with every
     * contact at one provider, COC = UPC = 1. */
    carealign_journey *j = NULL;
    check(carealign_journey_new(&j) == CAREALIGN_OK, "journey_new");
    if (j == NULL)
        return;
    for (int32_t day = 0; day < 3; day++) {
        carealign_contact c = CAREALIGN_CONTACT_INIT;
        c.org = 7;
        c.sector = CAREALIGN_SECTOR_PRIMARY_CARE;
        c.type = CAREALIGN_CONTACT_GP_APPOINTMENT;
        c.start_day = 20779 + 10 * day;
        check(carealign_journey_add_contact(j, &c) == CAREALIGN_OK, "journey_add_contact");
    }
    carealign_journey_options o = CAREALIGN_JOURNEY_OPTIONS_INIT;
    carealign_journey_result r = CAREALIGN_JOURNEY_RESULT_INIT;
    check(carealign_journey_compute(j, &o, &r) == CAREALIGN_OK, "journey_compute");
    check(r.coc == 1.0 && r.upc == 1.0, "COC = UPC = 1");
    carealign_journey_free(j);
}

int main(void)
{
    check(carealign_version() >= CAREALIGN_VERSION_NUMBER, "version: not older than 1.0.0");
    check(carealign_methods_version() >= CAREALIGN_METHODS_VERSION, "methods version");
    mean_of_two();
    one_organisation_is_full_continuity();
    if (failures == 0)
        printf("consumer 1.0.0: ok against carealign %s\n", carealign_version_string());
    return failures == 0 ? 0 : 1;
}

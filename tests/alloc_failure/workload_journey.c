/* Journeys: every public function of carealign/journey.h once, under the
 * harness's allocation failures: the builder (growth of its contact array
 * and of its scratch at the first compute), per-discharge detail, and the
 * columnar batch both unsorted (bucket copies) and sorted. */
#include <stdint.h>

#include "workloads.h"

static carealign_contact contact(int32_t org, int32_t sector, int32_t type, int32_t day,
                                 int32_t end)
{
    carealign_contact c;
    carealign_contact_init(&c, sizeof c);
    c.org = org;
    c.sector = sector;
    c.type = type;
    c.start_day = day;
    if (end >= day) {
        c.end_day = end;
        c.has |= CAREALIGN_CONTACT_HAS_END;
    }
    return c;
}

void carealign_workload_journey(void)
{
    carealign_contact one;
    carealign_workload_expect(carealign_contact_init(&one, sizeof one), "contact_init");
    one.type = CAREALIGN_CONTACT_GP_APPOINTMENT;
    one.sector = CAREALIGN_SECTOR_PRIMARY_CARE;
    one.start_day = 20030;
    carealign_person person;
    carealign_workload_expect(carealign_person_init(&person, sizeof person), "person_init");
    person.has = CAREALIGN_PERSON_HAS_BIRTH;
    person.birth_year = 1950;
    person.birth_month = 3;
    static const int32_t died[] = {79};
    carealign_journey_options o;
    carealign_workload_expect(carealign_journey_options_init(&o, sizeof o), "options_init");
    o.has = CAREALIGN_JOPT_HAS_PERIOD | CAREALIGN_JOPT_HAS_REABLEMENT_MIN_AGE;
    o.period_start = 20000;
    o.period_end = 20364;
    o.reablement_followup_days = 84;
    o.reablement_before = 7;
    o.reablement_after = 3;
    o.reablement_cluster_gap = 7;
    o.reablement_min_age = 65;
    o.discharge_excluded_destinations = died;
    o.n_discharge_excluded_destinations = 1;
    carealign_journey_result r;
    carealign_workload_expect(carealign_journey_result_init(&r, sizeof r), "result_init");
    carealign_discharge d;
    carealign_workload_expect(carealign_discharge_init(&d, sizeof d), "discharge_init");

    carealign_journey *j = NULL;
    if (!carealign_workload_expect(carealign_journey_new(&j), "journey_new"))
        return;
    carealign_workload_expect(carealign_journey_set_person(j, &person), "set_person");
    /* 40 contacts: enough for the contact array to grow more than once. */
    carealign_contact cs[40];
    for (int32_t i = 0; i < 40; i++)
        cs[i] = contact(i % 5, 1 + i % 4, 4 + i % 4, 20010 + (i * 7) % 300, -1);
    cs[0] =
        contact(0, CAREALIGN_SECTOR_NHS_ACUTE, CAREALIGN_CONTACT_EMERGENCY_ADMISSION, 20020, 20025);
    cs[1] = contact(3, CAREALIGN_SECTOR_LOCAL_AUTHORITY, CAREALIGN_CONTACT_REABLEMENT_START, 20026,
                    20040);
    carealign_workload_expect(carealign_journey_add_contact(j, &one), "add_contact");
    size_t rejected = 0;
    carealign_workload_expect(carealign_journey_add_contacts(j, cs, 40, NULL, &rejected),
                              "add_contacts");
    if (carealign_workload_expect(carealign_journey_compute(j, &o, &r), "compute")) {
        size_t n = 0;
        carealign_workload_expect(carealign_journey_discharge_count(j, &n), "discharge_count");
        if (n > 0)
            carealign_workload_expect(carealign_journey_get_discharge(j, 0, &d), "get_discharge");
    }
    carealign_journey_reset(j);

    /* The batch: 3 people, 60 rows in any order, then in person order. */
    enum { ROWS = 60, PEOPLE = 3 };
    int32_t person_col[ROWS], org[ROWS], sector[ROWS], type[ROWS], start[ROWS];
    for (int32_t i = 0; i < ROWS; i++) {
        person_col[i] = (i * 7) % PEOPLE;
        org[i] = i % 4;
        sector[i] = 1 + i % 3;
        type[i] = 4 + i % 3;
        start[i] = 20000 + (i * 13) % 200;
    }
    carealign_contact_columns cols;
    carealign_workload_expect(carealign_contact_columns_init(&cols, sizeof cols),
                              "contact_columns_init");
    cols.n = ROWS;
    cols.person = person_col;
    cols.org = org;
    cols.sector = sector;
    cols.type = type;
    cols.start_day = start;
    carealign_person_columns pc;
    carealign_workload_expect(carealign_person_columns_init(&pc, sizeof pc), "person_columns_init");
    carealign_journey_result res[PEOPLE];
    res[0].size = sizeof res[0];
    int32_t status[ROWS];
    carealign_workload_expect(
        carealign_journey_batch(j, &cols, NULL, &o, res, PEOPLE, status, &rejected), "batch");
    int32_t sorted_person[ROWS];
    for (int32_t i = 0; i < ROWS; i++)
        sorted_person[i] = i * PEOPLE / ROWS;
    cols.person = sorted_person;
    o.flags |= CAREALIGN_JOPT_INPUT_SORTED;
    carealign_workload_expect(carealign_journey_batch(j, &cols, &pc, &o, res, PEOPLE, NULL, NULL),
                              "batch sorted");
    carealign_journey_free(j);
}

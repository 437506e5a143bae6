/* Journeys: continuity indices, hand-offs, discharge follow-up, readmission,
 * discharge delay, duplicate assessments, totals and edge cases.
 *
 * Expected values are derived by hand from the published definitions, with
 * the arithmetic beside each assertion:
 *   COC   Bice TW, Boxerman SB. A quantitative measure of continuity of care.
 *         Med Care 1977;15(4):347-349: (sum n_j^2 - N) / (N (N - 1)).
 *   UPC   Breslau N, Reeb KG. Continuity of care in a university-based
 *         practice. J Med Educ 1975;50:965-969: max n_j / N.
 *   SECON Steinwachs DM. Measuring provider continuity in ambulatory care.
 *         Med Care 1979;17(6):551-565: same-provider consecutive pairs / (N - 1).
 *   MMCI  Magill MK, Senf J. A new method for measuring continuity of care in
 *         family practice residencies. J Fam Pract 1987;24:165-168:
 *         (1 - k / (N + 0.1)) / (1 - 1 / (N + 0.1)); as used by Pollack CE
 *         et al., Med Care 2016;54(5):e30-4, with the Herfindahl index
 *         sum (n_j / N)^2 (fragmentation here is 1 - Herfindahl).
 * The limiting values in Bice & Boxerman (all visits to one provider -> 1;
 * every visit to a different provider -> 0) are checked as well.
 * None of the expected numbers come from the code under test. */
#include "cmocka_all.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/journey.h"

#define EPS 1e-12
/* cmocka 1.1's assert_float_equal works in float; these are doubles. */
#define NEAR(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

static carealign_contact mk(int32_t org, int32_t sector, int32_t type, int32_t day)
{
    carealign_contact c;
    carealign_contact_init(&c, sizeof c);
    c.org = org;
    c.sector = sector;
    c.type = type;
    c.start_day = day;
    return c;
}

static void add(carealign_journey *j, carealign_contact c)
{
    assert_int_equal(carealign_journey_add_contact(j, &c), CAREALIGN_OK);
}

static void gp(carealign_journey *j, int32_t org, int32_t day)
{
    add(j, mk(org, CAREALIGN_SECTOR_PRIMARY_CARE, CAREALIGN_CONTACT_GP_APPOINTMENT, day));
}

static carealign_contact stay(int32_t org, int32_t type, int32_t adm, int32_t dis)
{
    carealign_contact c = mk(org, CAREALIGN_SECTOR_NHS_ACUTE, type, adm);
    c.has |= CAREALIGN_CONTACT_HAS_END;
    c.end_day = dis;
    return c;
}

static carealign_journey_result compute(carealign_journey *j, const carealign_journey_options *o)
{
    carealign_journey_result r;
    carealign_journey_result_init(&r, sizeof r);
    assert_int_equal(carealign_journey_compute(j, o, &r), CAREALIGN_OK);
    return r;
}

static carealign_journey *new_journey(void)
{
    carealign_journey *j = NULL;
    assert_int_equal(carealign_journey_new(&j), CAREALIGN_OK);
    assert_non_null(j);
    return j;
}

static void init_functions(void **state)
{
    (void)state;
    carealign_contact c;
    assert_int_equal(carealign_contact_init(&c, sizeof c), CAREALIGN_OK);
    assert_int_equal(c.size, 80);
    assert_int_equal(carealign_contact_init(&c, 79), CAREALIGN_EINVAL);
    assert_int_equal(carealign_contact_init(NULL, 80), CAREALIGN_EINVAL);
    carealign_journey_options o;
    assert_int_equal(carealign_journey_options_init(&o, sizeof o), CAREALIGN_OK);
    assert_int_equal(o.size, 216);
    assert_int_equal(carealign_journey_options_init(&o, 192), CAREALIGN_OK); /* first release */
    assert_int_equal(carealign_journey_options_init(&o, 191), CAREALIGN_EINVAL);
    carealign_journey_result r;
    assert_int_equal(carealign_journey_result_init(&r, sizeof r), CAREALIGN_OK);
    assert_int_equal(r.size, 272);
    carealign_discharge d;
    assert_int_equal(carealign_discharge_init(&d, sizeof d), CAREALIGN_OK);
    assert_int_equal(d.size, 48);
    carealign_person p;
    assert_int_equal(carealign_person_init(&p, sizeof p), CAREALIGN_OK);
    assert_int_equal(p.size, 56);
    carealign_contact_columns cc;
    assert_int_equal(carealign_contact_columns_init(&cc, sizeof cc), CAREALIGN_OK);
    assert_int_equal(cc.size, 136);
    carealign_person_columns pc;
    assert_int_equal(carealign_person_columns_init(&pc, sizeof pc), CAREALIGN_OK);
    assert_int_equal(pc.size, 96);
    carealign_journey_free(NULL);
    carealign_journey_reset(NULL);
}

/* Visits A A B C on four days. N = 4, n = (2, 1, 1), k = 3.
 * COC = (4 + 1 + 1 - 4) / (4 * 3) = 2 / 12; UPC = 2 / 4;
 * SECON: pairs AA, AB, BC -> 1 / 3; MMCI = (1 - 3/4.1) / (1 - 1/4.1) = 1.1 / 3.1;
 * Herfindahl = 6 / 16, fragmentation = 10 / 16; hand-offs AB, BC = 2. */
static void continuity_aabc(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    gp(j, 1, 100);
    gp(j, 1, 101);
    gp(j, 2, 102);
    gp(j, 3, 103);
    carealign_journey_result r = compute(j, NULL);
    NEAR(r.coc, 2.0 / 12.0, EPS);
    NEAR(r.upc, 0.5, EPS);
    NEAR(r.secon, 1.0 / 3.0, EPS);
    NEAR(r.mmci, 1.1 / 3.1, EPS);
    NEAR(r.fragmentation, 10.0 / 16.0, EPS);
    assert_int_equal(r.n_handoffs, 2);
    assert_int_equal(r.continuity_contacts, 4);
    assert_int_equal(r.n_organisations, 3);
    assert_int_equal(r.n_sectors, 1);
    assert_int_equal(r.min_contacts_used, 2);
    assert_int_equal(r.flags & CAREALIGN_JR_CONTINUITY_NA, 0);
    /* no professionals given: professional continuity is not computable */
    assert_true(isnan(r.prof_coc));
    assert_true(r.flags & CAREALIGN_JR_PROF_CONTINUITY_NA);
    carealign_journey_free(j);
}

/* Bice & Boxerman's lower limit: each of N = 5 visits to a different
 * provider. COC = (5 - 5) / 20 = 0; UPC = 1/5; SECON = 0/4;
 * MMCI = (1 - 5/5.1) / (1 - 1/5.1) = 0.1 / 4.1; fragmentation = 1 - 5/25. */
static void continuity_all_different(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    for (int i = 0; i < 5; i++)
        gp(j, 10 + i, 200 + i);
    carealign_journey_result r = compute(j, NULL);
    NEAR(r.coc, 0.0, EPS);
    NEAR(r.upc, 0.2, EPS);
    NEAR(r.secon, 0.0, EPS);
    NEAR(r.mmci, 0.1 / 4.1, EPS);
    NEAR(r.fragmentation, 0.8, EPS);
    assert_int_equal(r.n_handoffs, 4);
    carealign_journey_free(j);
}

/* A B A B A C: N = 6, n = (3, 2, 1), k = 3. COC = (9 + 4 + 1 - 6) / 30 = 8/30;
 * UPC = 3/6; SECON = 0/5; MMCI = (1 - 3/6.1) / (1 - 1/6.1) = 3.1 / 5.1;
 * fragmentation = 1 - 14/36 = 22/36; hand-offs 5. */
static void continuity_ababac(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    int32_t orgs[6] = {1, 2, 1, 2, 1, 3};
    for (int i = 0; i < 6; i++)
        gp(j, orgs[i], 300 + i);
    carealign_journey_result r = compute(j, NULL);
    NEAR(r.coc, 8.0 / 30.0, EPS);
    NEAR(r.upc, 0.5, EPS);
    NEAR(r.secon, 0.0, EPS);
    NEAR(r.mmci, 3.1 / 5.1, EPS);
    NEAR(r.fragmentation, 22.0 / 36.0, EPS);
    assert_int_equal(r.n_handoffs, 5);
    carealign_journey_free(j);
}

/* Property: one organisation gives COC = UPC = SECON = MMCI = 1 and no
 * fragmentation, whatever N (Bice & Boxerman's upper limit). */
static void continuity_one_org(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    for (int n = 2; n <= 40; n++) {
        carealign_journey_reset(j);
        for (int i = 0; i < n; i++)
            gp(j, 7, 1000 + 3 * i);
        carealign_journey_result r = compute(j, NULL);
        NEAR(r.coc, 1.0, EPS);
        NEAR(r.upc, 1.0, EPS);
        NEAR(r.secon, 1.0, EPS);
        NEAR(r.mmci, 1.0, EPS);
        NEAR(r.fragmentation, 0.0, EPS);
        assert_int_equal(r.n_handoffs, 0);
    }
    carealign_journey_free(j);
}

/* Property: AABB and ABAB have the same counts, so the same COC
 * ((4 + 4 - 4) / 12 = 1/3) but SECON 2/3 and 0/3: COC ignores order,
 * SECON does not. */
static void secon_order_dependent(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    int32_t a[4] = {1, 1, 2, 2}, b[4] = {1, 2, 1, 2};
    for (int i = 0; i < 4; i++)
        gp(j, a[i], 10 + i);
    carealign_journey_result ra = compute(j, NULL);
    carealign_journey_reset(j);
    for (int i = 0; i < 4; i++)
        gp(j, b[i], 10 + i);
    carealign_journey_result rb = compute(j, NULL);
    NEAR(ra.coc, 1.0 / 3.0, EPS);
    NEAR(rb.coc, 1.0 / 3.0, EPS);
    NEAR(ra.upc, rb.upc, EPS);
    NEAR(ra.secon, 2.0 / 3.0, EPS);
    NEAR(rb.secon, 0.0, EPS);
    carealign_journey_free(j);
}

/* A mixed journey used for the order properties. */
static int make_mixed(carealign_contact *c)
{
    int n = 0;
    c[n++] = mk(1, CAREALIGN_SECTOR_PRIMARY_CARE, CAREALIGN_CONTACT_GP_APPOINTMENT, 5);
    c[n++] = mk(2, CAREALIGN_SECTOR_NHS_COMMUNITY, CAREALIGN_CONTACT_COMMUNITY_VISIT, 9);
    c[n++] = mk(2, CAREALIGN_SECTOR_NHS_COMMUNITY, CAREALIGN_CONTACT_COMMUNITY_VISIT, 9);
    c[n++] = mk(3, CAREALIGN_SECTOR_LOCAL_AUTHORITY, CAREALIGN_CONTACT_SOCIAL_CARE_ASSESSMENT, 9);
    c[n++] = stay(4, CAREALIGN_CONTACT_EMERGENCY_ADMISSION, 20, 26);
    c[n++] = mk(1, CAREALIGN_SECTOR_PRIMARY_CARE, CAREALIGN_CONTACT_GP_APPOINTMENT, 28);
    c[n++] = mk(5, CAREALIGN_SECTOR_INDEPENDENT_PROVIDER, CAREALIGN_CONTACT_HOMECARE_VISIT, 27);
    c[n++] = stay(4, CAREALIGN_CONTACT_EMERGENCY_ADMISSION, 40, 45);
    c[n++] = mk(3, CAREALIGN_SECTOR_LOCAL_AUTHORITY, CAREALIGN_CONTACT_REVIEW, 60);
    for (int i = 0; i < n; i++) {
        c[i].has |= CAREALIGN_CONTACT_HAS_PROFESSIONAL;
        c[i].professional = 100 + (i % 3);
    }
    return n;
}

/* Property: contacts in any order and split across any number of add calls
 * give bit-identical figures. */
static void order_and_split_invariant(void **state)
{
    (void)state;
    carealign_contact c[16];
    int n = make_mixed(c);
    carealign_journey *j = new_journey();
    for (int i = 0; i < n; i++)
        add(j, c[i]);
    carealign_journey_result ref = compute(j, NULL);
    assert_int_equal(ref.n_contacts, n);
    srand(12345);
    for (int round = 0; round < 200; round++) {
        for (int i = n - 1; i > 0; i--) {
            int k = rand() % (i + 1);
            carealign_contact t = c[i];
            c[i] = c[k];
            c[k] = t;
        }
        carealign_journey_reset(j);
        int split = rand() % (n + 1);
        size_t rej = 99;
        assert_int_equal(carealign_journey_add_contacts(j, c, (size_t)split, NULL, &rej),
                         CAREALIGN_OK);
        assert_int_equal(rej, 0);
        for (int i = split; i < n; i++)
            add(j, c[i]);
        carealign_journey_result r = compute(j, NULL);
        assert_memory_equal(&r, &ref, sizeof r);
    }
    carealign_journey_free(j);
}

/* Minimum contacts: a parameter, echoed; below it the indices are NaN with
 * a flag, never 0 or 1. */
static void min_contacts_not_computable(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    gp(j, 1, 1);
    gp(j, 1, 2);
    gp(j, 1, 3);
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.min_contacts = 4;
    carealign_journey_result r = compute(j, &o);
    assert_int_equal(r.min_contacts_used, 4);
    assert_true(r.flags & CAREALIGN_JR_CONTINUITY_NA);
    assert_true(isnan(r.coc) && isnan(r.upc) && isnan(r.secon) && isnan(r.mmci) &&
                isnan(r.fragmentation));
    o.min_contacts = 3;
    r = compute(j, &o);
    assert_int_equal(r.flags & CAREALIGN_JR_CONTINUITY_NA, 0);
    NEAR(r.coc, 1.0, EPS);
    o.min_contacts = -1;
    carealign_journey_result bad;
    carealign_journey_result_init(&bad, sizeof bad);
    assert_int_equal(carealign_journey_compute(j, &o, &bad), CAREALIGN_EINVAL);
    carealign_journey_free(j);
}

/* Same-day rules. Day 1: org 1 at 10:00 (twice), org 2 at 09:00; day 2: org 1.
 * KEEP orders a day by organisation: 1 1 2 1 -> N 4, SECON 1/3, hand-offs 2.
 * COLLAPSE keeps one per organisation per day: 1 2 1 -> N 3, SECON 0/2.
 * BY_MINUTE orders by minute: 2 1 1 1 -> N 4, SECON 2/3, hand-offs 1. */
static void same_day_rules(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    carealign_contact a = mk(1, 4, CAREALIGN_CONTACT_GP_APPOINTMENT, 1);
    a.has |= CAREALIGN_CONTACT_HAS_START_MINUTE;
    a.start_minute = 600;
    carealign_contact b = a;
    b.org = 2;
    b.start_minute = 540;
    add(j, a);
    add(j, a);
    add(j, b);
    gp(j, 1, 2);
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    carealign_journey_result r = compute(j, &o);
    assert_int_equal(r.same_day_used, CAREALIGN_SAMEDAY_KEEP);
    assert_int_equal(r.continuity_contacts, 4);
    NEAR(r.secon, 1.0 / 3.0, EPS);
    assert_int_equal(r.n_handoffs, 2);
    o.same_day = CAREALIGN_SAMEDAY_COLLAPSE;
    r = compute(j, &o);
    assert_int_equal(r.same_day_used, CAREALIGN_SAMEDAY_COLLAPSE);
    assert_int_equal(r.continuity_contacts, 3);
    NEAR(r.secon, 0.0, EPS);
    /* n = (2, 1): COC = (4 + 1 - 3) / 6 */
    NEAR(r.coc, 2.0 / 6.0, EPS);
    o.same_day = CAREALIGN_SAMEDAY_BY_MINUTE;
    r = compute(j, &o);
    assert_int_equal(r.continuity_contacts, 4);
    /* the day-2 contact has no minute: it still follows day 1 */
    NEAR(r.secon, 2.0 / 3.0, EPS);
    assert_int_equal(r.n_handoffs, 1);
    o.same_day = 3;
    carealign_journey_result bad;
    carealign_journey_result_init(&bad, sizeof bad);
    assert_int_equal(carealign_journey_compute(j, &o, &bad), CAREALIGN_EINVAL);
    carealign_journey_free(j);
}

/* Professional continuity over the contacts that name one: professionals
 * 7, 7, 8 (the fourth contact has none). N = 3, n = (2, 1):
 * COC = (4 + 1 - 3) / 6 = 1/3, UPC = 2/3, SECON = 1/2. */
static void professional_continuity(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    int32_t prof[3] = {7, 7, 8};
    for (int i = 0; i < 3; i++) {
        carealign_contact c = mk(1, 4, CAREALIGN_CONTACT_GP_APPOINTMENT, 10 + i);
        c.has |= CAREALIGN_CONTACT_HAS_PROFESSIONAL;
        c.professional = prof[i];
        add(j, c);
    }
    gp(j, 1, 20);
    carealign_journey_result r = compute(j, NULL);
    assert_int_equal(r.prof_continuity_contacts, 3);
    NEAR(r.prof_coc, 1.0 / 3.0, EPS);
    NEAR(r.prof_upc, 2.0 / 3.0, EPS);
    NEAR(r.prof_secon, 0.5, EPS);
    assert_int_equal(r.n_professionals, 2);
    assert_int_equal(r.flags & CAREALIGN_JR_PROF_CONTINUITY_NA, 0);
    NEAR(r.coc, 1.0, EPS);
    carealign_journey_free(j);
}

/* Edge cases: no contacts; one contact; an end before its start. */
static void edge_cases(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    carealign_journey_result r = compute(j, NULL);
    assert_true(r.flags & CAREALIGN_JR_NO_CONTACTS);
    assert_true(r.flags & CAREALIGN_JR_CONTINUITY_NA);
    assert_true(isnan(r.coc));
    assert_int_equal(r.n_contacts, 0);
    assert_int_equal(r.n_organisations, 0);
    assert_int_equal(r.n_discharges, 0);
    assert_int_equal(r.person, -1);
    size_t nd = 9;
    assert_int_equal(carealign_journey_discharge_count(j, &nd), CAREALIGN_OK);
    assert_int_equal(nd, 0);

    gp(j, 3, 50);
    r = compute(j, NULL);
    assert_int_equal(r.n_contacts, 1);
    assert_int_equal(r.n_organisations, 1);
    assert_int_equal(r.continuity_contacts, 1);
    assert_true(isnan(r.upc));
    assert_int_equal(r.activity, 1);

    carealign_contact bad = mk(2, 4, CAREALIGN_CONTACT_GP_APPOINTMENT, 60);
    bad.has |= CAREALIGN_CONTACT_HAS_END;
    bad.end_day = 59;
    assert_int_equal(carealign_journey_add_contact(j, &bad), CAREALIGN_EINVAL);
    carealign_contact badtype = mk(2, 4, 0, 60);
    assert_int_equal(carealign_journey_add_contact(j, &badtype), CAREALIGN_EINVAL);
    badtype.type = CAREALIGN_CONTACT_TYPE_END;
    assert_int_equal(carealign_journey_add_contact(j, &badtype), CAREALIGN_EINVAL);
    carealign_contact badsector = mk(2, 32, CAREALIGN_CONTACT_GP_APPOINTMENT, 60);
    assert_int_equal(carealign_journey_add_contact(j, &badsector), CAREALIGN_EINVAL);
    gp(j, 3, 51);
    r = compute(j, NULL);
    assert_int_equal(r.n_rejected, 4);
    assert_int_equal(r.n_contacts, 2);
    NEAR(r.coc, 1.0, EPS);

    /* struct sizes: too small, and larger with unknown fields set */
    struct {
        carealign_contact c;
        int64_t extra;
    } big;
    memset(&big, 0, sizeof big);
    big.c = mk(1, 4, CAREALIGN_CONTACT_GP_APPOINTMENT, 1);
    big.c.size = sizeof big;
    assert_int_equal(carealign_journey_add_contact(j, &big.c), CAREALIGN_OK);
    big.extra = 1;
    assert_int_equal(carealign_journey_add_contact(j, &big.c), CAREALIGN_EUNSUPPORTED);
    big.c.size = 72;
    assert_int_equal(carealign_journey_add_contact(j, &big.c), CAREALIGN_EINVAL);
    assert_int_equal(carealign_journey_add_contact(NULL, &big.c), CAREALIGN_EINVAL);
    carealign_journey_free(j);
}

/* Overlapping and out-of-order contacts: a care-home stay overlapping a
 * hospital stay is counted once in the days away from the community.
 * Period days 0..99 (100 days). Hospital 10 -> 15 (nights 10..14);
 * long-term care home from 12 to 30 (days 12..29); death on day 80.
 * Days alive 0..79 = 80; away = union [10, 30) = 20; in community 60.
 * Bed days: 5. */
static void overlapping_days_in_community(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    carealign_contact home = mk(9, CAREALIGN_SECTOR_INDEPENDENT_PROVIDER,
                                CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM, 12);
    home.has |= CAREALIGN_CONTACT_HAS_END;
    home.end_day = 30;
    add(j, mk(9, 0, CAREALIGN_CONTACT_DEATH, 80));
    add(j, home);
    add(j, stay(1, CAREALIGN_CONTACT_ADMISSION, 10, 15));
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.has = CAREALIGN_JOPT_HAS_PERIOD;
    o.period_start = 0;
    o.period_end = 99;
    carealign_journey_result r = compute(j, &o);
    assert_int_equal(r.days_observed, 100);
    assert_int_equal(r.days_alive, 80);
    assert_int_equal(r.days_alive_in_community, 60);
    assert_int_equal(r.bed_days, 5);
    assert_int_equal(r.n_lt_care_home_admissions, 1);
    /* without a period: flagged, not computed */
    r = compute(j, NULL);
    assert_true(r.flags & CAREALIGN_JR_NO_PERIOD);
    assert_int_equal(r.days_alive_in_community, 0);
    assert_int_equal(r.bed_days, 5);
    /* a period that cuts the stay: days 0..11 -> nights 10, 11 */
    o.period_end = 11;
    r = compute(j, &o);
    assert_int_equal(r.bed_days, 2);
    assert_int_equal(r.days_alive, 12);
    assert_int_equal(r.days_alive_in_community, 10);
    carealign_journey_free(j);
}

/* Follow-up after discharge. Stay 1: discharged day 105, GP on 108 ->
 * 3 days (within 3 and 7). Stay 2: discharged 201, community visit 209 ->
 * 8 days (within neither). Stay 3: discharged 300, nothing after -> none.
 * The homecare visit on 202 counts as follow-up by default (1 day after
 * stay 2) unless the follow-up types exclude it. */
static void discharge_followup(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    add(j, stay(1, CAREALIGN_CONTACT_ADMISSION, 100, 105));
    gp(j, 2, 108);
    add(j, stay(1, CAREALIGN_CONTACT_ADMISSION, 200, 201));
    add(j, mk(3, 2, CAREALIGN_CONTACT_COMMUNITY_VISIT, 209));
    add(j, stay(1, CAREALIGN_CONTACT_ADMISSION, 299, 300));
    carealign_journey_result r = compute(j, NULL);
    assert_int_equal(r.n_discharges, 3);
    assert_int_equal(r.followup_days[0], 3);
    assert_int_equal(r.followup_days[1], 7);
    assert_int_equal(r.n_followup_within[0], 1);
    assert_int_equal(r.n_followup_within[1], 1);
    assert_int_equal(r.n_followup_none, 1);
    carealign_discharge d;
    carealign_discharge_init(&d, sizeof d);
    assert_int_equal(carealign_journey_get_discharge(j, 1, &d), CAREALIGN_OK);
    assert_int_equal(d.day, 201);
    assert_int_equal(d.admission_day, 200);
    assert_int_equal(d.days_to_followup, 8);
    assert_int_equal(carealign_journey_get_discharge(j, 3, &d), CAREALIGN_ERANGE);

    add(j, mk(4, 6, CAREALIGN_CONTACT_HOMECARE_VISIT, 202));
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.followup_within[0] = 1;
    o.followup_within[1] = 3;
    o.followup_within[2] = 10;
    r = compute(j, &o);
    assert_int_equal(r.followup_days[2], 10);
    assert_int_equal(r.n_followup_within[0], 1); /* 1 day */
    assert_int_equal(r.n_followup_within[1], 2); /* 3 days, 1 day */
    assert_int_equal(r.n_followup_within[2], 2);
    assert_int_equal(r.n_followup_within[3], 0);
    o.followup_types = CAREALIGN_TYPE_BIT(CAREALIGN_CONTACT_GP_APPOINTMENT);
    r = compute(j, &o);
    assert_int_equal(r.n_followup_none, 2);
    carealign_journey_free(j);
}

/* Emergency readmission within N days: 0 <= admission - discharge < N.
 * Discharge 105, emergency admission 120 (15 days) -> readmitted.
 * Discharge 130 (of the stay from 120), emergency admission 160 (30 days)
 * -> not within 30, within 31. The last stay (160 -> 170) is not followed. */
static void readmission(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    add(j, stay(1, CAREALIGN_CONTACT_ADMISSION, 100, 105));
    add(j, stay(1, CAREALIGN_CONTACT_EMERGENCY_ADMISSION, 120, 130));
    add(j, stay(2, CAREALIGN_CONTACT_EMERGENCY_ADMISSION, 160, 170));
    carealign_journey_result r = compute(j, NULL);
    assert_int_equal(r.n_discharges, 3);
    assert_int_equal(r.n_readmissions, 1);
    assert_int_equal(r.readmission_days_used, 30);
    assert_true(r.flags & CAREALIGN_JR_LOCAL_READMISSION);
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.readmission_days = 31;
    o.flags = CAREALIGN_JOPT_NATIONAL_READMISSION;
    r = compute(j, &o);
    assert_int_equal(r.n_readmissions, 2);
    assert_int_equal(r.flags & CAREALIGN_JR_LOCAL_READMISSION, 0);
    carealign_discharge d;
    carealign_discharge_init(&d, sizeof d);
    assert_int_equal(carealign_journey_get_discharge(j, 0, &d), CAREALIGN_OK);
    assert_true(d.flags & CAREALIGN_DIS_READMITTED);
    assert_int_equal(d.days_to_readmission, 15);
    /* an excluded admission method is not a readmission */
    carealign_journey_reset(j);
    add(j, stay(1, CAREALIGN_CONTACT_ADMISSION, 100, 105));
    carealign_contact e = stay(1, CAREALIGN_CONTACT_EMERGENCY_ADMISSION, 110, 112);
    e.has |= CAREALIGN_CONTACT_HAS_ADMISSION_METHOD;
    e.admission_method = 28;
    add(j, e);
    int32_t excluded[1] = {28};
    o.readmission_days = 0;
    o.readmission_excluded_methods = excluded;
    o.n_readmission_excluded_methods = 1;
    r = compute(j, &o);
    assert_int_equal(r.n_readmissions, 0);
    carealign_journey_free(j);
}

/* Discharges to excluded destinations are not counted (issue 7; for
 * example deaths for follow-up and readmission measures).
 * Stay A 100 -> 105 to destination 19, GP on 107: followed up in 2 days.
 * Stay B, an emergency admission 110 -> 112 to destination 79 (died), ready
 * day 111: no follow-up after it; it is A's readmission (110 - 105 = 5 < 30).
 * Without exclusions: 2 discharges, 1 within 3 days, 1 with none, 1
 * readmission, 1 delay known (1 day). Excluding 79: 1 discharge, 1 within 3,
 * none without, A still readmitted (the readmission's own destination does
 * not matter), no delay known; bed days 5 + 2 = 7 either way. */
static void discharge_exclusions(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    carealign_contact a = stay(1, CAREALIGN_CONTACT_ADMISSION, 100, 105);
    a.has |= CAREALIGN_CONTACT_HAS_DESTINATION;
    a.discharge_destination = 19;
    add(j, a);
    gp(j, 2, 107);
    carealign_contact b = stay(1, CAREALIGN_CONTACT_EMERGENCY_ADMISSION, 110, 112);
    b.has |= CAREALIGN_CONTACT_HAS_DESTINATION | CAREALIGN_CONTACT_HAS_READY_DAY;
    b.discharge_destination = 79;
    b.discharge_ready_day = 111;
    add(j, b);
    carealign_journey_result r = compute(j, NULL);
    assert_int_equal(r.n_discharges, 2);
    assert_int_equal(r.n_followup_within[0], 1);
    assert_int_equal(r.n_followup_none, 1);
    assert_int_equal(r.n_readmissions, 1);
    assert_int_equal(r.n_delay_known, 1);
    assert_int_equal(r.delay_days_total, 1);
    assert_int_equal(r.bed_days, 7);

    static const int32_t died[] = {79};
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.discharge_excluded_destinations = died;
    o.n_discharge_excluded_destinations = 1;
    r = compute(j, &o);
    assert_int_equal(r.n_discharges, 1);
    assert_int_equal(r.n_followup_within[0], 1);
    assert_int_equal(r.n_followup_within[1], 1);
    assert_int_equal(r.n_followup_none, 0);
    assert_int_equal(r.n_readmissions, 1);
    assert_int_equal(r.n_delay_known, 0);
    assert_int_equal(r.delay_days_total, 0);
    assert_int_equal(r.bed_days, 7);
    carealign_discharge d;
    carealign_discharge_init(&d, sizeof d);
    assert_int_equal(carealign_journey_get_discharge(j, 0, &d), CAREALIGN_OK);
    assert_int_equal(d.day, 105);
    assert_int_equal(d.flags & CAREALIGN_DIS_EXCLUDED, 0);
    assert_int_equal(carealign_journey_get_discharge(j, 1, &d), CAREALIGN_OK);
    assert_int_equal(d.day, 112);
    assert_true(d.flags & CAREALIGN_DIS_EXCLUDED);
    assert_true(d.flags & CAREALIGN_DIS_IN_PERIOD);

    /* A list naming another destination excludes nothing. */
    static const int32_t other[] = {19 + 1000};
    o.discharge_excluded_destinations = other;
    r = compute(j, &o);
    assert_int_equal(r.n_discharges, 2);
    /* Excluding 19 instead: B is counted (no follow-up, no readmission after it). */
    static const int32_t usual[] = {19};
    o.discharge_excluded_destinations = usual;
    r = compute(j, &o);
    assert_int_equal(r.n_discharges, 1);
    assert_int_equal(r.n_followup_within[0], 0);
    assert_int_equal(r.n_followup_none, 1);
    assert_int_equal(r.n_readmissions, 0);
    assert_int_equal(r.n_delay_known, 1);
    /* A caller of the first release (size 192) never reaches the list. */
    o.discharge_excluded_destinations = died;
    o.size = 192;
    r = compute(j, &o);
    assert_int_equal(r.n_discharges, 2);
    carealign_journey_free(j);
}

/* Discharge delay (BCF 2025-26): days from the discharge ready day to the
 * discharge. Ready 100, discharged 105 -> 5; ready = discharge day 200 ->
 * 0 (known, not delayed); ready 310 after discharge 308 -> not valid.
 * Total 5 over 2 known, 1 delayed. An admission closed by a separate
 * DISCHARGE contact carries the ready day from either. */
static void discharge_delay(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    carealign_contact a = stay(1, CAREALIGN_CONTACT_ADMISSION, 90, 105);
    a.has |= CAREALIGN_CONTACT_HAS_READY_DAY;
    a.discharge_ready_day = 100;
    add(j, a);
    carealign_contact b = mk(1, 1, CAREALIGN_CONTACT_EMERGENCY_ADMISSION, 190);
    add(j, b);
    carealign_contact bd = mk(1, 1, CAREALIGN_CONTACT_DISCHARGE, 200);
    bd.has |= CAREALIGN_CONTACT_HAS_READY_DAY;
    bd.discharge_ready_day = 200;
    add(j, bd);
    carealign_contact c = stay(2, CAREALIGN_CONTACT_ADMISSION, 300, 308);
    c.has |= CAREALIGN_CONTACT_HAS_READY_DAY;
    c.discharge_ready_day = 310;
    add(j, c);
    carealign_journey_result r = compute(j, NULL);
    assert_int_equal(r.n_discharges, 3);
    assert_int_equal(r.n_delay_known, 2);
    assert_int_equal(r.n_delayed, 1);
    assert_int_equal(r.delay_days_total, 5);
    /* bed days: 15 + 10 + 8 */
    assert_int_equal(r.bed_days, 33);
    carealign_discharge d;
    carealign_discharge_init(&d, sizeof d);
    assert_int_equal(carealign_journey_get_discharge(j, 1, &d), CAREALIGN_OK);
    assert_int_equal(d.admission_day, 190);
    assert_true(d.flags & CAREALIGN_DIS_EMERGENCY);
    assert_true(d.flags & CAREALIGN_DIS_DELAY_KNOWN);
    assert_int_equal(d.delay_days, 0);
    carealign_journey_free(j);
}

/* Spans longer than INT32_MAX days are held at INT32_MAX, not wrapped
 * (docs/journey.md, "After each hospital discharge"): a ready day near the
 * bottom of the int32 range, and a follow-up near its top after a
 * discharge near its bottom. */
static void extreme_day_spans(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    carealign_contact a = stay(1, CAREALIGN_CONTACT_ADMISSION, 2000000000, 2000000005);
    a.has |= CAREALIGN_CONTACT_HAS_READY_DAY;
    a.discharge_ready_day = INT32_MIN + 1;
    add(j, a);
    carealign_journey_result r = compute(j, NULL);
    assert_int_equal(r.n_delay_known, 1);
    assert_int_equal(r.delay_days_total, INT32_MAX);
    carealign_discharge d;
    carealign_discharge_init(&d, sizeof d);
    assert_int_equal(carealign_journey_get_discharge(j, 0, &d), CAREALIGN_OK);
    assert_int_equal(d.delay_days, INT32_MAX);
    carealign_journey_free(j);

    j = new_journey();
    add(j, stay(1, CAREALIGN_CONTACT_ADMISSION, -2000000005, -2000000000));
    gp(j, 2, 2000000000);
    r = compute(j, NULL);
    assert_int_equal(r.n_discharges, 1);
    assert_int_equal(r.n_followup_none, 0);
    assert_int_equal(carealign_journey_get_discharge(j, 0, &d), CAREALIGN_OK);
    assert_true(d.flags & CAREALIGN_DIS_FOLLOWED_UP);
    assert_int_equal(d.days_to_followup, INT32_MAX);
    carealign_journey_free(j);
}

/* An admission with no discharge is still in hospital: no discharge, bed
 * days up to the period end; a discharge with no admission is a discharge
 * of unknown admission day. */
static void open_stays(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    add(j, mk(1, 1, CAREALIGN_CONTACT_ADMISSION, 95));
    add(j, mk(2, 1, CAREALIGN_CONTACT_DISCHARGE, 40));
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.has = CAREALIGN_JOPT_HAS_PERIOD;
    o.period_start = 0;
    o.period_end = 99;
    carealign_journey_result r = compute(j, &o);
    assert_int_equal(r.n_discharges, 1);
    assert_int_equal(r.bed_days, 5); /* nights 95..99 */
    assert_int_equal(r.days_alive_in_community, 95);
    carealign_discharge d;
    carealign_discharge_init(&d, sizeof d);
    assert_int_equal(carealign_journey_get_discharge(j, 0, &d), CAREALIGN_OK);
    assert_true(d.flags & CAREALIGN_DIS_ADMISSION_UNKNOWN);
    assert_int_equal(d.day, 40);
    carealign_journey_free(j);
}

/* Duplicate assessments: the same assessment type (type and subtype) by a
 * different organisation within N days of an earlier one.
 * day 10 org 1 type 1: first.             day 50 org 2 type 1: duplicate (40 days).
 * day 50 org 2 type 2: other type.        day 60 org 1 type 1: duplicate (org 2 on day 50).
 * day 200 org 3 type 1: 140 days after the last type 1: not a duplicate.
 * With N = 30: day 50 is 40 days after day 10 -> not; day 60 still is (10 days). */
static void duplicate_assessments(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    int32_t day[5] = {10, 50, 50, 60, 200}, org[5] = {1, 2, 2, 1, 3}, sub[5] = {1, 1, 2, 1, 1};
    for (int i = 0; i < 5; i++) {
        carealign_contact c = mk(org[i], 5, CAREALIGN_CONTACT_SOCIAL_CARE_ASSESSMENT, day[i]);
        c.has |= CAREALIGN_CONTACT_HAS_SUBTYPE;
        c.subtype = sub[i];
        add(j, c);
    }
    carealign_journey_result r = compute(j, NULL);
    assert_int_equal(r.n_assessments, 5);
    assert_int_equal(r.n_duplicate_assessments, 2);
    assert_int_equal(r.duplicate_days_used, 90);
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.duplicate_days = 30;
    r = compute(j, &o);
    assert_int_equal(r.n_duplicate_assessments, 1);
    carealign_journey_free(j);
}

/* Totals. Unit costs [type][sector]: GP appointment in primary care 4200
 * pence a unit; community visit in NHS community 6000 a unit.
 * GP x1 unit -> 4200; community visit x3 units -> 18000; a homecare visit
 * with its own cost 2500; a review with no price -> unpriced.
 * Activity 1 + 3 + 1 + 1 = 6; cost 24700; staff minutes 10 + 45 + 30 = 85.
 * A contact outside the period does not count. */
static void totals(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    carealign_contact g =
        mk(1, CAREALIGN_SECTOR_PRIMARY_CARE, CAREALIGN_CONTACT_GP_APPOINTMENT, 10);
    g.staff_minutes = 10;
    add(j, g);
    carealign_contact v =
        mk(2, CAREALIGN_SECTOR_NHS_COMMUNITY, CAREALIGN_CONTACT_COMMUNITY_VISIT, 11);
    v.has |= CAREALIGN_CONTACT_HAS_ACTIVITY;
    v.activity = 3;
    v.staff_minutes = 45;
    add(j, v);
    carealign_contact h =
        mk(3, CAREALIGN_SECTOR_INDEPENDENT_PROVIDER, CAREALIGN_CONTACT_HOMECARE_VISIT, 12);
    h.has |= CAREALIGN_CONTACT_HAS_COST;
    h.cost_pence = 2500;
    h.staff_minutes = 30;
    add(j, h);
    add(j, mk(4, CAREALIGN_SECTOR_LOCAL_AUTHORITY, CAREALIGN_CONTACT_REVIEW, 13));
    add(j, mk(1, CAREALIGN_SECTOR_PRIMARY_CARE, CAREALIGN_CONTACT_GP_APPOINTMENT, 500));
    int64_t costs[16 * 10];
    for (int i = 0; i < 160; i++)
        costs[i] = CAREALIGN_NA_I64;
    costs[CAREALIGN_CONTACT_GP_APPOINTMENT * 10 + CAREALIGN_SECTOR_PRIMARY_CARE] = 4200;
    costs[CAREALIGN_CONTACT_COMMUNITY_VISIT * 10 + CAREALIGN_SECTOR_NHS_COMMUNITY] = 6000;
    carealign_journey_options o;
    carealign_journey_options_init(&o, sizeof o);
    o.unit_costs = costs;
    o.n_cost_types = 16;
    o.n_cost_sectors = 10;
    o.has = CAREALIGN_JOPT_HAS_PERIOD;
    o.period_start = 0;
    o.period_end = 100;
    carealign_journey_result r = compute(j, &o);
    assert_int_equal(r.activity, 6);
    assert_int_equal(r.cost_pence, 24700);
    assert_int_equal(r.staff_minutes, 85);
    assert_int_equal(r.n_unpriced, 1);
    assert_true(r.flags & CAREALIGN_JR_UNPRICED_ACTIVITY);
    assert_int_equal(r.n_organisations, 4);
    assert_int_equal(r.n_sectors, 4);
    assert_int_equal(r.n_contacts, 5);
    /* no unit costs: only the contact with its own cost is priced */
    o.unit_costs = NULL;
    r = compute(j, &o);
    assert_int_equal(r.cost_pence, 2500);
    assert_int_equal(r.n_unpriced, 3);
    carealign_journey_free(j);
}

static void bad_options(void **state)
{
    (void)state;
    carealign_journey *j = new_journey();
    carealign_journey_options o;
    carealign_journey_result r;
    carealign_journey_result_init(&r, sizeof r);
    carealign_journey_options_init(&o, sizeof o);
    o.has = CAREALIGN_JOPT_HAS_PERIOD;
    o.period_start = 10;
    o.period_end = 9;
    assert_int_equal(carealign_journey_compute(j, &o, &r), CAREALIGN_EINVAL);
    carealign_journey_options_init(&o, sizeof o);
    o.readmission_days = -1;
    assert_int_equal(carealign_journey_compute(j, &o, &r), CAREALIGN_EINVAL);
    carealign_journey_options_init(&o, sizeof o);
    o.n_reablement_excluded_methods = 2;
    assert_int_equal(carealign_journey_compute(j, &o, &r), CAREALIGN_EINVAL);
    carealign_journey_options_init(&o, sizeof o);
    o.n_discharge_excluded_destinations = 1;
    assert_int_equal(carealign_journey_compute(j, &o, &r), CAREALIGN_EINVAL);
    carealign_journey_options_init(&o, sizeof o);
    o.reserved2 = 1;
    assert_int_equal(carealign_journey_compute(j, &o, &r), CAREALIGN_EINVAL);
    carealign_journey_options_init(&o, sizeof o);
    o.reablement_outcome = 5;
    assert_int_equal(carealign_journey_compute(j, &o, &r), CAREALIGN_EINVAL);
    carealign_journey_options_init(&o, sizeof o);
    o.size = 100;
    assert_int_equal(carealign_journey_compute(j, &o, &r), CAREALIGN_EINVAL);
    r.size = 100;
    assert_int_equal(carealign_journey_compute(j, NULL, &r), CAREALIGN_EINVAL);
    /* a larger output struct: the tail is zero-filled */
    struct {
        carealign_journey_result r;
        int64_t tail;
    } big;
    memset(&big, 0xAB, sizeof big);
    big.r.size = sizeof big;
    assert_int_equal(carealign_journey_compute(j, NULL, &big.r), CAREALIGN_OK);
    assert_int_equal(big.tail, 0);
    assert_int_equal(big.r.size, sizeof big);
    carealign_journey_free(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(init_functions),
        cmocka_unit_test(continuity_aabc),
        cmocka_unit_test(continuity_all_different),
        cmocka_unit_test(continuity_ababac),
        cmocka_unit_test(continuity_one_org),
        cmocka_unit_test(secon_order_dependent),
        cmocka_unit_test(order_and_split_invariant),
        cmocka_unit_test(min_contacts_not_computable),
        cmocka_unit_test(same_day_rules),
        cmocka_unit_test(professional_continuity),
        cmocka_unit_test(edge_cases),
        cmocka_unit_test(overlapping_days_in_community),
        cmocka_unit_test(discharge_followup),
        cmocka_unit_test(readmission),
        cmocka_unit_test(discharge_exclusions),
        cmocka_unit_test(discharge_delay),
        cmocka_unit_test(extreme_day_spans),
        cmocka_unit_test(open_stays),
        cmocka_unit_test(duplicate_assessments),
        cmocka_unit_test(totals),
        cmocka_unit_test(bad_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* carealign generate --people N --organisations M --months T --seed S --out DIR
 *                    [--bad-rows RATE] [--end YYYY-MM] [--quiet]
 *
 * Synthetic data for tests, demonstrations and benchmarks, in the CSV
 * formats of docs/data.md: people, organisations, populations, responses,
 * fft and contacts, plus MANIFEST.csv (the rows broken on request).
 *
 * Determinism: one xoshiro256** generator (Blackman and Vigna, 2018), its
 * state seeded from S by splitmix64, draws every random number in a fixed
 * order; only integer arithmetic decides what is written (no floating
 * point, no libm), so the same arguments give byte-identical files on every
 * platform and compiler.
 *
 * The model, month by month for each person alive: frailty (a heavy-tailed
 * class times age and deprivation factors) drives GP appointments,
 * community visits, emergency and elective admissions, assessments, care
 * packages (weekly homecare rows with hours as activity), reablement after
 * discharge, long-term care home admissions and death; outcome
 * questionnaires (ASCOT SCT4 yearly surveys, EQ-5D-5L and SWEMWBS before
 * and after an episode, GAS at the end of reablement) are worse for frailer,
 * older and more deprived people. docs/data.md lists the rates. */
#if !defined(_WIN32)
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#if defined(_WIN32)
#include <direct.h>
#include <errno.h>
#else
#include <errno.h>
#endif

#include "carealign/carealign.h"
#include "commands.h"
#include "csv.h"
#include "output.h"

static const char *const NAME = "generate";

void tool_generate_usage(FILE *out)
{
    fputs("usage: carealign generate --people N --organisations M --months T --seed S\n"
          "                          --out DIR [--bad-rows RATE] [--end YYYY-MM] [--quiet]\n"
          "\n"
          "Writes synthetic people.csv, organisations.csv, populations.csv,\n"
          "responses.csv, fft.csv and contacts.csv (docs/data.md) and MANIFEST.csv into\n"
          "DIR (created if missing; each file replaced atomically). The same arguments\n"
          "give byte-identical files on every platform.\n"
          "\n"
          "  --people N         people, 1 to 10000000\n"
          "  --organisations M  organisations, 5 to 100000\n"
          "  --months T         months of activity, 1 to 240, ending with --end\n"
          "  --seed S           seed of the random generator, 0 to 2^63-1\n"
          "  --out DIR          the directory to write into\n"
          "  --bad-rows RATE    break this share of data rows (0 to 1, e.g. 0.01), each\n"
          "                     listed in MANIFEST.csv with its file, line, field and\n"
          "                     problem (default 0)\n"
          "  --end YYYY-MM      the last month (default 2026-03)\n"
          "  --quiet            no summary on stderr\n"
          "\n"
          "exit status: 0 written, 2 usage error, 1 other error\n",
          out);
}

/* ---- the generator ------------------------------------------------------ */

typedef struct rng {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t next64(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* A whole number from 0 to n - 1 (n >= 1): the high bits of a 32 x 32
 * product (Lemire), deterministic everywhere. */
static uint32_t below(rng *r, uint32_t n)
{
    return (uint32_t)(((next64(r) >> 32) * (uint64_t)n) >> 32);
}

static int32_t between(rng *r, int32_t lo, int32_t hi)
{
    return lo + (int32_t)below(r, (uint32_t)(hi - lo + 1));
}

/* True with probability ppm / 1,000,000. */
static int chance(rng *r, int64_t ppm)
{
    if (ppm <= 0)
        return 0;
    return (int64_t)below(r, 1000000) < ppm;
}

static size_t pick(rng *r, const uint32_t *weights, size_t n)
{
    uint32_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += weights[i];
    uint32_t x = below(r, total);
    for (size_t i = 0; i < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1;
}

/* An approximately normal draw in thousandths of a standard deviation
 * (Irwin-Hall: four uniforms), integers only. */
static int32_t gauss_milli(rng *r)
{
    int32_t sum = 0;
    for (int i = 0; i < 4; i++)
        sum += (int32_t)below(r, 1001);
    return (sum - 2000) * 1000 / 577;
}

/* Geometric: the number of successes before the first failure, each with
 * probability ppm, at most cap. */
static int32_t geometric(rng *r, int64_t ppm, int32_t cap)
{
    int32_t k = 0;
    while (k < cap && chance(r, ppm))
        k++;
    return k;
}

/* ---- rows and files ----------------------------------------------------- */

enum { MAX_FIELDS = 16, FIELD_CAP = 96 };

typedef struct row {
    int n;
    char f[MAX_FIELDS][FIELD_CAP];
} row;

enum { F_PEOPLE, F_ORGS, F_POPS, F_RESPONSES, F_FFT, F_CONTACTS, F_MANIFEST, N_FILES };

static const char *const FILE_NAMES[N_FILES] = {
    "people.csv", "organisations.csv", "populations.csv", "responses.csv",
    "fft.csv",    "contacts.csv",      "MANIFEST.csv"};

static const char *const HEADERS[N_FILES] = {
    "person_id,birth_year,birth_month,sex,ethnicity,imd_decile,area,practice,opted_out,"
    "death_date,long_term_support",
    "org_id,name,sector",
    "area,year,sex,age_lower,age_upper,count",
    "person_id,org_id,date,instrument,value_set,items,proxy,weight",
    "org_id,month,mode,very_good,good,neither,poor,very_poor,dont_know",
    "person_id,org_id,sector,type,start_date,end_date,start_minute,professional,subtype,"
    "admission_method,discharge_destination,discharge_ready_date,staff_minutes,activity,"
    "cost_pence",
    "file,line,field,problem"};

typedef struct gen {
    rng r;
    rng bad; /* a separate stream, so that --bad-rows changes nothing else */
    int64_t bad_ppm;
    tool_out *out[N_FILES];
    uint64_t rows[N_FILES];
    uint64_t broken;
    int failed;
} gen;

static void set(row *w, int i, const char *text)
{
    snprintf(w->f[i], FIELD_CAP, "%s", text);
    if (i >= w->n)
        w->n = i + 1;
}

static void set_int(row *w, int i, int64_t v)
{
    snprintf(w->f[i], FIELD_CAP, "%lld", (long long)v);
    if (i >= w->n)
        w->n = i + 1;
}

static void set_date(row *w, int i, int32_t day)
{
    char buf[CAREALIGN_DATE_BUFSIZE];
    if (carealign_date_format(day, buf, sizeof buf, NULL) != CAREALIGN_OK)
        buf[0] = '\0';
    set(w, i, buf);
}

static void clear_row(row *w, int n)
{
    w->n = n;
    for (int i = 0; i < n; i++)
        w->f[i][0] = '\0';
}

static void write_line(gen *g, int file, const row *w)
{
    char line[MAX_FIELDS * (2 * FIELD_CAP + 3) + 2];
    size_t len = 0;
    for (int i = 0; i < w->n; i++) {
        if (i > 0)
            line[len++] = ',';
        len += csv_format_field(w->f[i], strlen(w->f[i]), 0, line + len);
    }
    line[len++] = '\n';
    if (tool_out_write(g->out[file], line, len) != 0)
        g->failed = 1;
}

/* A broken version of a row: which field, what is written, the problem. */
typedef struct breakage {
    int field;
    const char *value;
    const char *problem;
} breakage;

static const breakage BREAK_PEOPLE[] = {
    {2, "13", "birth_month out of range"}, {3, "7", "sex not a valid code"},
    {5, "0", "imd_decile out of range"},   {9, "2025-02-30", "death_date not a date"},
    {8, "maybe", "opted_out not 0 or 1"},  {1, "", "birth_year missing"},
};
static const breakage BREAK_POPS[] = {
    {5, "-5", "count negative"},
    {5, "many", "count not a whole number"},
};
static const breakage BREAK_RESPONSES[] = {
    {2, "2025-13-01", "date not a date"},
    {5, "9;9;9;9;9", "items: wrong count or levels out of range"},
    {3, "eq5d9l", "instrument unknown"},
    {7, "-1", "weight not positive"},
    {0, "9990000000", "person_id unknown"},
};
static const breakage BREAK_FFT[] = {
    {3, "-3", "very_good negative"},
    {1, "2025-04-15", "month not the first day of a month"},
};
static const breakage BREAK_CONTACTS[] = {
    {5, "1970-01-01", "end_date before start_date"}, {3, "teleport", "type unknown"},
    {4, "2025-02-30", "start_date not a date"},      {1, "ZZZ99", "org_id unknown"},
    {6, "1440", "start_minute out of range"},
};

/* Write a data row, breaking it on request and noting it in the MANIFEST. */
static void emit(gen *g, int file, row *w)
{
    g->rows[file]++;
    if (g->bad_ppm > 0 && chance(&g->bad, g->bad_ppm)) {
        const breakage *list = NULL;
        size_t n = 0;
        switch (file) {
        case F_PEOPLE: list = BREAK_PEOPLE, n = sizeof BREAK_PEOPLE / sizeof *list; break;
        case F_POPS: list = BREAK_POPS, n = sizeof BREAK_POPS / sizeof *list; break;
        case F_RESPONSES: list = BREAK_RESPONSES, n = sizeof BREAK_RESPONSES / sizeof *list; break;
        case F_FFT: list = BREAK_FFT, n = sizeof BREAK_FFT / sizeof *list; break;
        case F_CONTACTS: list = BREAK_CONTACTS, n = sizeof BREAK_CONTACTS / sizeof *list; break;
        default: break;
        }
        if (n > 0) {
            const breakage *b = &list[below(&g->bad, (uint32_t)n)];
            /* "end before start" needs a start to be after 1970: always true */
            set(w, b->field, b->value);
            row m;
            clear_row(&m, 4);
            set(&m, 0, FILE_NAMES[file]);
            set_int(&m, 1, (int64_t)g->rows[file] + 1); /* the header is line 1 */
            const char *header = HEADERS[file];
            for (int i = 0; i < b->field; i++)
                header = strchr(header, ',') + 1;
            size_t len = strcspn(header, ",");
            snprintf(m.f[2], FIELD_CAP, "%.*s", (int)len, header);
            set(&m, 3, b->problem);
            write_line(g, F_MANIFEST, &m);
            g->rows[F_MANIFEST]++;
            g->broken++;
        }
    }
    write_line(g, file, w);
}

/* ---- the world ---------------------------------------------------------- */

typedef struct org {
    char id[16];
    int32_t sector;
    int32_t quality; /* -60..60: per-mille shift of FFT positive and outcomes */
} org;

typedef struct world {
    org *orgs;
    int32_t n_orgs;
    int32_t *by_sector[10];
    int32_t n_by_sector[10];
    int32_t first_day, end_day; /* the months simulated: [first_day, end_day] */
    int32_t start_year, start_month, months;
    int32_t end_year, end_month;
} world;

static const char *const BASE_AREA = "E08000035";
static const char *const OTHER_AREAS[2] = {"E08000036", "E08000032"};

static int32_t org_of(rng *r, const world *w, int32_t sector)
{
    if (w->n_by_sector[sector] == 0)
        sector = CAREALIGN_SECTOR_NHS_COMMUNITY;
    return w->by_sector[sector][below(r, (uint32_t)w->n_by_sector[sector])];
}

static const char *sector_name(int32_t sector)
{
    return carealign_framework_code_name(CAREALIGN_TABLE_SECTOR, sector);
}

static const char *type_name(int32_t type)
{
    return carealign_framework_code_name(CAREALIGN_TABLE_CONTACT_TYPE, type);
}

static int make_orgs(gen *g, world *w, int32_t m)
{
    static const int32_t fixed[5] = {CAREALIGN_SECTOR_NHS_ACUTE, CAREALIGN_SECTOR_LOCAL_AUTHORITY,
                                     CAREALIGN_SECTOR_NHS_COMMUNITY,
                                     CAREALIGN_SECTOR_NHS_MENTAL_HEALTH,
                                     CAREALIGN_SECTOR_PRIMARY_CARE};
    static const int32_t others[7] = {
        CAREALIGN_SECTOR_PRIMARY_CARE, CAREALIGN_SECTOR_INDEPENDENT_PROVIDER,
        CAREALIGN_SECTOR_VOLUNTARY,    CAREALIGN_SECTOR_NHS_ACUTE,
        CAREALIGN_SECTOR_HOUSING,      CAREALIGN_SECTOR_NHS_COMMUNITY,
        CAREALIGN_SECTOR_OTHER};
    static const uint32_t weights[7] = {45, 25, 10, 5, 5, 5, 5};
    static const char *const prefix[10] = {"X",  "RA", "RC", "RM", "B8",
                                           "LA", "VI", "VV", "VH", "VO"};
    static const char *const title[10] = {"Unknown",
                                          "Acute Hospitals NHS Trust",
                                          "Community Health NHS Trust",
                                          "Mental Health NHS Trust",
                                          "Medical Practice",
                                          "City Council Adult Social Care",
                                          "Home Care Ltd",
                                          "Community Support Charity",
                                          "Housing Association",
                                          "Other Service"};
    w->orgs = calloc((size_t)m, sizeof *w->orgs);
    for (int s = 0; s < 10; s++)
        w->by_sector[s] = calloc((size_t)m, sizeof(int32_t));
    if (w->orgs == NULL)
        return -1;
    for (int s = 0; s < 10; s++) {
        if (w->by_sector[s] == NULL)
            return -1;
    }
    w->n_orgs = m;
    for (int32_t i = 0; i < m; i++) {
        org *o = &w->orgs[i];
        o->sector = i < 5 ? fixed[i] : others[pick(&g->r, weights, 7)];
        /* at least one independent provider for home care */
        if (i == 5)
            o->sector = CAREALIGN_SECTOR_INDEPENDENT_PROVIDER;
        o->quality = between(&g->r, -60, 60);
        snprintf(o->id, sizeof o->id, "%s%04d", prefix[o->sector], (int)i + 1);
        w->by_sector[o->sector][w->n_by_sector[o->sector]++] = i;
        row r;
        clear_row(&r, 3);
        set(&r, 0, o->id);
        snprintf(r.f[1], FIELD_CAP, "Synthetic %s %d", title[o->sector], (int)i + 1);
        set(&r, 2, sector_name(o->sector));
        write_line(g, F_ORGS, &r); /* never broken: every other file refers to it */
        g->rows[F_ORGS]++;
    }
    return 0;
}

/* Mid-year population shares per 5-year band 0-4 .. 85-89 and 90+, in
 * thousandths of the total (shape of an English city), by sex. */
static void make_populations(gen *g, const world *w, int64_t people)
{
    static const int32_t share[19] = {60, 60, 58, 58, 80, 82, 72, 66, 62, 62,
                                      62, 60, 52, 46, 42, 32, 23, 12, 6};
    /* the population is eight times the people in contact with services */
    int64_t total = people * 8;
    for (int a = 0; a < 3; a++) {
        const char *area = a == 0 ? BASE_AREA : OTHER_AREAS[a - 1];
        int64_t area_total = a == 0 ? total : total / 4;
        for (int32_t year = w->start_year; year <= w->end_year; year++) {
            for (int32_t sex = 1; sex <= 2; sex++) {
                for (int band = 0; band < 19; band++) {
                    /* more women among the oldest */
                    int64_t permille = share[band] * (sex == 2 ? (band >= 15 ? 580 : 500)
                                                               : (band >= 15 ? 420 : 500));
                    int64_t count = area_total * permille / 1000000;
                    count += count * (year - w->start_year) / 200; /* +0.5% a year */
                    row r;
                    clear_row(&r, 6);
                    set(&r, 0, area);
                    set_int(&r, 1, year);
                    set_int(&r, 2, sex);
                    set_int(&r, 3, band * 5);
                    if (band < 18)
                        set_int(&r, 4, band * 5 + 4);
                    set_int(&r, 5, count);
                    emit(g, F_POPS, &r);
                }
            }
        }
    }
}

static void make_fft(gen *g, const world *w)
{
    static const char *const modes[4] = {"sms", "online", "paper", "other"};
    for (int32_t i = 0; i < w->n_orgs; i++) {
        const org *o = &w->orgs[i];
        int32_t base;
        switch (o->sector) {
        case CAREALIGN_SECTOR_NHS_ACUTE: base = 300; break;
        case CAREALIGN_SECTOR_NHS_COMMUNITY: base = 80; break;
        case CAREALIGN_SECTOR_NHS_MENTAL_HEALTH: base = 40; break;
        case CAREALIGN_SECTOR_PRIMARY_CARE: base = 60; break;
        default: continue; /* FFT is an NHS-funded services' test */
        }
        const char *mode = modes[below(&g->r, 4)];
        for (int32_t m = 0; m < w->months; m++) {
            int32_t y = w->start_year + (w->start_month - 1 + m) / 12;
            int32_t mo = (w->start_month - 1 + m) % 12 + 1;
            int32_t day;
            carealign_date_from_ymd(y, mo, 1, &day);
            int32_t n = base / 2 + (int32_t)below(&g->r, (uint32_t)base);
            int64_t counts[6] = {0, 0, 0, 0, 0, 0};
            /* positive (very good or good) about 88%, shifted by quality */
            uint32_t weights[6] = {(uint32_t)(640 + o->quality),    240, 45, 25,
                                   (uint32_t)(30 - o->quality / 3), 20};
            for (int32_t k = 0; k < n; k++)
                counts[pick(&g->r, weights, 6)]++;
            row r;
            clear_row(&r, 9);
            set(&r, 0, o->id);
            set_date(&r, 1, day);
            set(&r, 2, mode);
            for (int c = 0; c < 6; c++)
                set_int(&r, 3 + c, counts[c]);
            emit(g, F_FFT, &r);
        }
    }
}

/* ---- people ------------------------------------------------------------- */

/* A synthetic NHS number with a valid Modulus 11 check digit; candidates
 * are numbered from 999 000 000 (the range the NHS keeps for testing). */
static void nhs_number(int64_t *cursor, char out[11])
{
    for (;;) {
        int64_t k = (*cursor)++;
        int64_t prefix = (999 - k / 1000000) * 1000000 + k % 1000000;
        char d[24];
        snprintf(d, sizeof d, "%09lld", (long long)prefix);
        int sum = 0;
        for (int i = 0; i < 9; i++)
            sum += (d[i] - '0') * (10 - i);
        int check = 11 - sum % 11;
        if (check == 11)
            check = 0;
        if (check == 10)
            continue;
        memcpy(out, d, 9);
        out[9] = (char)('0' + check);
        out[10] = '\0';
        return;
    }
}

typedef struct contact {
    int32_t org, type, start, end; /* end -1: none */
    int32_t minute, professional, subtype;
    int32_t method, destination, ready; /* -1: none */
    int32_t staff, activity;            /* -1: none */
    uint32_t seq;                       /* order of creation: ties never depend on qsort */
} contact;

typedef struct response {
    int32_t org, day, instrument; /* instrument: 0 ascot, 1 eq5d5l, 2 swemwbs, 3 gas */
    int32_t n_items;
    int32_t items[8]; /* INT32_MIN = missing */
    int32_t proxy;
    int32_t weight_cents; /* 0 = none */
    uint32_t seq;
} response;

typedef struct person {
    contact *contacts;
    size_t n_contacts, cap_contacts;
    response *responses;
    size_t n_responses, cap_responses;
} person;

static int add_contact(person *p, const contact *c)
{
    if (p->n_contacts == p->cap_contacts) {
        size_t cap = p->cap_contacts ? p->cap_contacts * 2 : 64;
        contact *bigger = realloc(p->contacts, cap * sizeof *bigger);
        if (bigger == NULL)
            return -1;
        p->contacts = bigger;
        p->cap_contacts = cap;
    }
    p->contacts[p->n_contacts] = *c;
    p->contacts[p->n_contacts].seq = (uint32_t)p->n_contacts;
    p->n_contacts++;
    return 0;
}

static int add_response(person *p, const response *r)
{
    if (p->n_responses == p->cap_responses) {
        size_t cap = p->cap_responses ? p->cap_responses * 2 : 16;
        response *bigger = realloc(p->responses, cap * sizeof *bigger);
        if (bigger == NULL)
            return -1;
        p->responses = bigger;
        p->cap_responses = cap;
    }
    p->responses[p->n_responses] = *r;
    p->responses[p->n_responses].seq = (uint32_t)p->n_responses;
    p->n_responses++;
    return 0;
}

static contact new_contact(int32_t where, int32_t type, int32_t start)
{
    contact c = {where, type, start, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0};
    return c;
}

static int cmp_contact(const void *a, const void *b)
{
    const contact *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->type != y->type)
        return x->type < y->type ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int cmp_response(const void *a, const void *b)
{
    const response *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->instrument != y->instrument)
        return x->instrument < y->instrument ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Questionnaire items from a latent quality (0 worst .. 1000 best) with
 * noise; level best..worst over n_levels; one item missing in 3%. */
static void items_from_quality(rng *r, int32_t quality, int32_t n_items, int32_t best,
                               int32_t worst, int32_t *items)
{
    int32_t span = worst > best ? worst - best : best - worst;
    for (int32_t i = 0; i < n_items; i++) {
        int32_t q = quality + gauss_milli(r) / 5;
        if (q < 0)
            q = 0;
        if (q > 1000)
            q = 1000;
        int32_t offset = ((1000 - q) * (span + 1)) / 1001;
        items[i] = worst > best ? best + offset : best - offset;
    }
    if (chance(r, 30000))
        items[below(r, (uint32_t)n_items)] = INT32_MIN;
}

static int32_t clamp(int32_t v, int32_t lo, int32_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Simulate one person; writes people, contacts and responses rows. */
static int simulate_person(gen *g, const world *w, int64_t *cursor, person *p)
{
    rng *r = &g->r;
    p->n_contacts = 0;
    p->n_responses = 0;
    char id[11];
    nhs_number(cursor, id);

    static const uint32_t band_w[5] = {14, 20, 22, 26, 18};
    static const int32_t band_lo[5] = {18, 45, 65, 75, 85};
    static const int32_t band_hi[5] = {44, 64, 74, 84, 99};
    size_t band = pick(r, band_w, 5);
    int32_t age = between(r, band_lo[band], band_hi[band]);
    int32_t birth_month = between(r, 1, 12);
    int32_t birth_year = w->end_year - age - (birth_month > w->end_month ? 1 : 0);
    int32_t female_ppm = age < 65 ? 520000 : age < 85 ? 580000 : 670000;
    int32_t sex = chance(r, 1000) ? 9 : chance(r, female_ppm) ? 2 : 1;
    static const uint32_t imd_w[10] = {16, 13, 11, 10, 10, 9, 9, 8, 7, 7};
    int32_t imd = (int32_t)pick(r, imd_w, 10) + 1;
    int imd_known = !chance(r, 20000);
    static const char *const eth[] = {"A", "B", "C", "D", "E", "F", "G", "H", "J",
                                      "K", "L", "M", "N", "P", "R", "S", "Z"};
    static const uint32_t eth_w[] = {780, 20, 30, 10, 10, 5, 5,  30, 50,
                                     10,  10, 10, 15, 5,  5, 10, 20};
    const char *ethnicity = eth[pick(r, eth_w, sizeof eth_w / sizeof eth_w[0])];
    uint32_t area_pick = below(r, 100);
    const char *area = area_pick < 93 ? BASE_AREA : OTHER_AREAS[area_pick < 97 ? 0 : 1];
    int32_t practice = chance(r, 10000) ? -1 : org_of(r, w, CAREALIGN_SECTOR_PRIMARY_CARE);
    int opted_out = chance(r, 50000);
    static const uint32_t class_w[7] = {20, 25, 25, 15, 8, 5, 2};
    static const int32_t class_mult[7] = {30, 60, 100, 150, 250, 400, 700};
    size_t frailty_class = pick(r, class_w, 7);
    int32_t age_factor = age < 45 ? 50 : age < 65 ? 80 : age < 75 ? 100 : age < 85 ? 150 : 230;
    int32_t dep_factor = 100 + (10 - (imd_known ? imd : 5)) * 6;
    /* frailty in hundredths: 1.00 is typical */
    int64_t frailty = (int64_t)class_mult[frailty_class] * age_factor * dep_factor / 10000;
    int mental_health = chance(r, age < 65 ? 150000 : 60000);
    const char *lts = "";
    int in_care_home = 0;
    if (age >= 75 && frailty_class >= 4 && chance(r, 150000)) {
        lts = chance(r, 500000) ? "residential" : "nursing";
        in_care_home = 1;
    }
    int32_t community = org_of(r, w, CAREALIGN_SECTOR_NHS_COMMUNITY);
    int32_t acute_main = org_of(r, w, CAREALIGN_SECTOR_NHS_ACUTE);
    int32_t la = org_of(r, w, CAREALIGN_SECTOR_LOCAL_AUTHORITY);
    int32_t gp = practice >= 0 ? practice : org_of(r, w, CAREALIGN_SECTOR_PRIMARY_CARE);
    /* latent outcomes, 0..1000 (1000 best) */
    int32_t deprivation_penalty = (10 - (imd_known ? imd : 5)) * 12;
    int32_t health = clamp(780 - (int32_t)(frailty / 2) - deprivation_penalty - (age - 18) * 2 +
                               gauss_milli(r) / 8,
                           50, 980);
    int32_t wellbeing =
        clamp(620 - deprivation_penalty - (int32_t)(frailty / 4) + gauss_milli(r) / 6, 50, 980);

    int32_t death_day = -1;
    int32_t package_until = -1; /* homecare package running until this day */
    int32_t package_org = -1;
    int32_t last_assessment = -100000;
    int32_t reablement_count = 0, episode_count = 0;
    for (int32_t m = 0; m < w->months && death_day < 0; m++) {
        int32_t y = w->start_year + (w->start_month - 1 + m) / 12;
        int32_t mo = (w->start_month - 1 + m) % 12 + 1;
        int32_t first, next_first;
        carealign_date_from_ymd(y, mo, 1, &first);
        carealign_date_from_ymd(mo == 12 ? y + 1 : y, mo == 12 ? 1 : mo + 1, 1, &next_first);
        int32_t days = next_first - first;
        int32_t month_age = age - (w->months - 1 - m) / 12;
        /* death this month? annual mortality by age, times frailty */
        int64_t annual = month_age < 65   ? 5000
                         : month_age < 75 ? 20000
                         : month_age < 85 ? 40000
                                          : 100000;
        if (chance(r, annual * (100 + frailty) / 200 / 12))
            death_day = first + (int32_t)below(r, (uint32_t)days);
        int32_t alive_until = death_day >= 0 ? death_day : next_first - 1;
        int32_t span = alive_until - first + 1;

        /* GP appointments */
        int64_t gp_ppm = 50000 * frailty / 100;
        if (gp_ppm > 900000)
            gp_ppm = 900000;
        for (int k = 0; k < 3; k++) {
            if (chance(r, gp_ppm)) {
                contact c = new_contact(gp, CAREALIGN_CONTACT_GP_APPOINTMENT,
                                        first + (int32_t)below(r, (uint32_t)span));
                c.minute = 480 + 10 * (int32_t)below(r, 60);
                c.professional = gp * 10 + (int32_t)below(r, 4);
                c.staff = chance(r, 200000) ? 20 : 10 + 5 * (int32_t)below(r, 2);
                if (add_contact(p, &c) != 0)
                    return -1;
            }
        }
        /* community and mental health visits */
        int64_t cv_ppm = 30000 * frailty / 100;
        if (cv_ppm > 800000)
            cv_ppm = 800000;
        for (int k = 0; k < 2; k++) {
            if (chance(r, cv_ppm)) {
                contact c = new_contact(community, CAREALIGN_CONTACT_COMMUNITY_VISIT,
                                        first + (int32_t)below(r, (uint32_t)span));
                c.professional = community * 10 + (int32_t)below(r, 6);
                c.staff = 30 + 15 * (int32_t)below(r, 3);
                if (add_contact(p, &c) != 0)
                    return -1;
            }
        }
        if (mental_health && chance(r, 300000)) {
            int32_t mh = org_of(r, w, CAREALIGN_SECTOR_NHS_MENTAL_HEALTH);
            int32_t day = first + (int32_t)below(r, (uint32_t)span);
            contact c = new_contact(mh, CAREALIGN_CONTACT_COMMUNITY_VISIT, day);
            c.staff = 50;
            if (add_contact(p, &c) != 0)
                return -1;
            /* SWEMWBS before and after an episode of support */
            if (episode_count < 2 && chance(r, 200000) && day + 120 <= w->end_day) {
                episode_count++;
                int32_t gain = 40 - deprivation_penalty / 3 + gauss_milli(r) / 10;
                int32_t when[2] = {day, day + between(r, 56, 120)};
                int32_t level[2] = {wellbeing, clamp(wellbeing + gain, 0, 1000)};
                for (int t = 0; t < 2; t++) {
                    if (t == 1 && (chance(r, 250000) || (death_day >= 0 && when[1] > death_day)))
                        break; /* lost to follow-up */
                    response q = {mh, when[t], 2, 7, {0}, 0, 0, 0};
                    items_from_quality(r, level[t], 7, 5, 1, q.items);
                    if (add_response(p, &q) != 0)
                        return -1;
                }
            }
        }
        /* emergency and elective admissions */
        int64_t emergency_ppm = 10000 * frailty / 100;
        int64_t elective_ppm = 1500 * frailty / 100;
        for (int kind = 0; kind < 2; kind++) {
            if (!chance(r, kind == 0 ? emergency_ppm : elective_ppm))
                continue;
            int32_t start = first + (int32_t)below(r, (uint32_t)span);
            int32_t hospital =
                chance(r, 850000) ? acute_main : org_of(r, w, CAREALIGN_SECTOR_NHS_ACUTE);
            int32_t los = kind == 0 ? 1 + geometric(r, month_age >= 65 ? 850000 : 700000, 120)
                                    : geometric(r, 500000, 6);
            int32_t end = start + los;
            int died_in_hospital = 0;
            if (death_day >= 0 && end >= death_day) {
                end = death_day;
                died_in_hospital = 1;
            }
            contact c = new_contact(hospital,
                                    kind == 0 ? CAREALIGN_CONTACT_EMERGENCY_ADMISSION
                                              : CAREALIGN_CONTACT_ADMISSION,
                                    start);
            c.end = end;
            c.minute = (int32_t)below(r, 1440);
            c.method = kind == 0 ? (chance(r, 800000) ? 21 : chance(r, 500000) ? 22 : 28) : 11;
            if (died_in_hospital) {
                c.destination = 79;
            } else if (month_age >= 75 && chance(r, 50000)) {
                c.destination = 54;
            } else {
                c.destination = chance(r, 980000) ? 19 : 51;
            }
            if (kind == 0 && chance(r, month_age >= 65 ? 850000 : 500000)) {
                int32_t delay = geometric(r, month_age >= 65 ? 600000 : 300000, 30);
                if (delay > end - start)
                    delay = end - start;
                c.ready = end - delay;
            }
            c.staff = (end - start + 1) * 180;
            if (add_contact(p, &c) != 0)
                return -1;
            if (died_in_hospital)
                break;
            if (c.destination == 54) {
                contact h = new_contact(org_of(r, w, CAREALIGN_SECTOR_INDEPENDENT_PROVIDER),
                                        CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM, end);
                if (add_contact(p, &h) != 0)
                    return -1;
                in_care_home = 1;
                continue;
            }
            /* follow-up in the community after discharge: less often for the
             * deprived */
            int64_t follow_ppm = 650000 - (10 - (imd_known ? imd : 5)) * 20000;
            int32_t follow = -1;
            if (chance(r, follow_ppm))
                follow = end + between(r, 0, 3);
            else if (chance(r, 400000))
                follow = end + between(r, 4, 14);
            if (follow >= 0 && (death_day < 0 || follow <= death_day)) {
                contact f = new_contact(chance(r, 600000) ? community : gp,
                                        CAREALIGN_CONTACT_COMMUNITY_VISIT, follow);
                if (f.org == gp)
                    f.type = CAREALIGN_CONTACT_GP_APPOINTMENT;
                f.staff = 30;
                if (add_contact(p, &f) != 0)
                    return -1;
            }
            /* reablement for older people after an emergency stay */
            if (kind == 0 && month_age >= 65 && reablement_count < 3 && chance(r, 350000)) {
                reablement_count++;
                int32_t rs = end + between(r, 0, 2);
                int32_t re = rs + between(r, 14, 42);
                if (death_day >= 0 && re > death_day)
                    re = death_day;
                contact s = new_contact(la, CAREALIGN_CONTACT_REABLEMENT_START, rs);
                s.end = re;
                s.staff = (re - rs + 1) * 45;
                if (add_contact(p, &s) != 0)
                    return -1;
                /* EQ-5D-5L at the start and (often) 6 to 12 weeks later */
                int32_t gain =
                    90 - deprivation_penalty / 2 - (month_age - 65) * 2 + gauss_milli(r) / 8;
                int32_t when[2] = {rs, rs + between(r, 42, 84)};
                int32_t level[2] = {health - 150, health - 150 + gain};
                for (int t = 0; t < 2; t++) {
                    if (t == 1 && (chance(r, 300000) || (death_day >= 0 && when[1] > death_day)))
                        break;
                    response q = {la, when[t], 1, 5, {0}, chance(r, 150000), 0, 0};
                    items_from_quality(r, clamp(level[t], 0, 1000), 5, 1, 5, q.items);
                    if (add_response(p, &q) != 0)
                        return -1;
                }
                /* Goal Attainment Scaling at the end of reablement */
                if (death_day < 0 || re < death_day) {
                    response q = {la, re, 3, between(r, 1, 3), {0}, 0, 0, 0};
                    for (int32_t k = 0; k < q.n_items; k++)
                        q.items[k] = clamp((gain + gauss_milli(r) / 2) / 400, -2, 2);
                    if (add_response(p, &q) != 0)
                        return -1;
                }
            }
        }
        if (death_day >= 0 && death_day < next_first && !in_care_home) {
            /* nothing more after death */
        }
        /* social care: assessments, packages, reviews, care homes */
        int64_t assess_ppm = (month_age >= 65 ? 15000 : 6000) * frailty / 100;
        if (!in_care_home && package_until < first && chance(r, assess_ppm)) {
            int32_t day = first + (int32_t)below(r, (uint32_t)span);
            contact a = new_contact(la, CAREALIGN_CONTACT_SOCIAL_CARE_ASSESSMENT, day);
            a.subtype = 1;
            a.staff = 90;
            if (add_contact(p, &a) != 0)
                return -1;
            /* told their story again: a second assessment by another body */
            if (day - last_assessment > 90 &&
                chance(r, 120000 + (10 - (imd_known ? imd : 5)) * 8000)) {
                int32_t again = day + between(r, 10, 80);
                if (death_day < 0 || again <= death_day) {
                    int32_t by = chance(r, 500000) ? community : la;
                    int32_t kind = chance(r, 500000) ? CAREALIGN_CONTACT_SOCIAL_CARE_ASSESSMENT
                                                     : CAREALIGN_CONTACT_HEALTH_ASSESSMENT;
                    contact b = new_contact(by, kind, again);
                    b.subtype = 1;
                    b.staff = 90;
                    if (b.type == CAREALIGN_CONTACT_SOCIAL_CARE_ASSESSMENT)
                        b.org = la;
                    if (add_contact(p, &b) != 0)
                        return -1;
                }
            }
            last_assessment = day;
            if (chance(r, 400000)) {
                package_org = org_of(r, w, CAREALIGN_SECTOR_INDEPENDENT_PROVIDER);
                int32_t start = day + between(r, 3, 21);
                int32_t weeks = 1 + geometric(r, 920000, 150);
                package_until = start + 7 * weeks;
                contact s = new_contact(package_org, CAREALIGN_CONTACT_CARE_PACKAGE_START, start);
                if (add_contact(p, &s) != 0)
                    return -1;
                int32_t hours = 3 + (int32_t)(frailty / 60) + (int32_t)below(r, 6);
                if (hours > 40)
                    hours = 40;
                int32_t stop = package_until;
                if (death_day >= 0 && stop > death_day)
                    stop = death_day;
                if (stop > w->end_day)
                    stop = w->end_day;
                int32_t d;
                for (d = start; d + 6 <= stop; d += 7) {
                    contact h = new_contact(package_org, CAREALIGN_CONTACT_HOMECARE_VISIT, d);
                    h.end = d + 6;
                    h.activity = hours;
                    h.staff = hours * 60;
                    if (add_contact(p, &h) != 0)
                        return -1;
                    if ((d - start) % 182 == 181 - (181 % 7)) {
                        contact rv = new_contact(la, CAREALIGN_CONTACT_REVIEW, d + 3);
                        rv.staff = 60;
                        if (add_contact(p, &rv) != 0)
                            return -1;
                    }
                }
                if (package_until <= w->end_day && (death_day < 0 || package_until < death_day)) {
                    contact e =
                        new_contact(package_org, CAREALIGN_CONTACT_CARE_PACKAGE_END, package_until);
                    if (add_contact(p, &e) != 0)
                        return -1;
                }
            }
        }
        if (!in_care_home && month_age >= 75 && chance(r, 300 * frailty / 100)) {
            int32_t day = first + (int32_t)below(r, (uint32_t)span);
            contact h = new_contact(org_of(r, w, CAREALIGN_SECTOR_INDEPENDENT_PROVIDER),
                                    CAREALIGN_CONTACT_CARE_HOME_ADMISSION_LONG_TERM, day);
            if (add_contact(p, &h) != 0)
                return -1;
            in_care_home = 1;
            package_until = -1;
        }
        /* the yearly Adult Social Care Survey, in January, for people with
         * social care support */
        if (mo == 1 && (in_care_home || package_until >= first) && chance(r, 450000)) {
            int proxy = chance(r, in_care_home ? 450000 : 200000);
            int32_t quality =
                clamp(health + 120 - (in_care_home ? 80 : 0) + gauss_milli(r) / 10, 0, 1000);
            /* one draw per statement: the order of evaluation inside an
             * initializer list is unspecified */
            int32_t day = first + (int32_t)below(r, 28);
            int32_t weight =
                in_care_home ? 180 + (int32_t)below(r, 60) : 220 + (int32_t)below(r, 80);
            response q = {la, day, 0, 8, {0}, proxy, weight, 0};
            items_from_quality(r, quality, 8, 1, 4, q.items);
            if (add_response(p, &q) != 0)
                return -1;
        }
    }

    /* people.csv */
    row pr;
    clear_row(&pr, 11);
    set(&pr, 0, id);
    set_int(&pr, 1, birth_year);
    set_int(&pr, 2, birth_month);
    set_int(&pr, 3, sex);
    set(&pr, 4, ethnicity);
    if (imd_known)
        set_int(&pr, 5, imd);
    set(&pr, 6, area);
    if (practice >= 0)
        set(&pr, 7, w->orgs[practice].id);
    set_int(&pr, 8, opted_out);
    if (death_day >= 0)
        set_date(&pr, 9, death_day);
    set(&pr, 10, lts);
    emit(g, F_PEOPLE, &pr);

    /* contacts.csv, in date order */
    if (p->n_contacts > 1)
        qsort(p->contacts, p->n_contacts, sizeof *p->contacts, cmp_contact);
    for (size_t i = 0; i < p->n_contacts; i++) {
        const contact *c = &p->contacts[i];
        if (c->start > w->end_day || (death_day >= 0 && c->start > death_day))
            continue;
        row cr;
        clear_row(&cr, 15);
        set(&cr, 0, id);
        set(&cr, 1, w->orgs[c->org].id);
        set(&cr, 2, sector_name(w->orgs[c->org].sector));
        set(&cr, 3, type_name(c->type));
        set_date(&cr, 4, c->start);
        if (c->end >= 0)
            set_date(&cr, 5, c->end);
        if (c->minute >= 0)
            set_int(&cr, 6, c->minute);
        if (c->professional >= 0)
            snprintf(cr.f[7], FIELD_CAP, "P%05d", (int)c->professional);
        if (c->subtype >= 0)
            set_int(&cr, 8, c->subtype);
        if (c->method >= 0)
            set_int(&cr, 9, c->method);
        if (c->destination >= 0)
            set_int(&cr, 10, c->destination);
        if (c->ready >= 0)
            set_date(&cr, 11, c->ready);
        if (c->staff >= 0)
            set_int(&cr, 12, c->staff);
        if (c->activity >= 0)
            set_int(&cr, 13, c->activity);
        emit(g, F_CONTACTS, &cr);
    }

    /* responses.csv */
    static const char *const instruments[4] = {"ascot_sct4", "eq5d5l", "swemwbs", "gas"};
    static const char *const valuesets[4] = {"raw", "uk-2026", "metric", "tscore-rho-0.3"};
    if (p->n_responses > 1)
        qsort(p->responses, p->n_responses, sizeof *p->responses, cmp_response);
    for (size_t i = 0; i < p->n_responses; i++) {
        const response *q = &p->responses[i];
        if (q->day > w->end_day)
            continue;
        row rr;
        clear_row(&rr, 8);
        set(&rr, 0, id);
        set(&rr, 1, w->orgs[q->org].id);
        set_date(&rr, 2, q->day);
        set(&rr, 3, instruments[q->instrument]);
        set(&rr, 4, valuesets[q->instrument]);
        size_t len = 0;
        for (int32_t k = 0; k < q->n_items; k++) {
            if (k > 0)
                rr.f[5][len++] = ';';
            if (q->items[k] != INT32_MIN)
                len += (size_t)snprintf(rr.f[5] + len, FIELD_CAP - len, "%d", (int)q->items[k]);
        }
        rr.f[5][len] = '\0';
        set_int(&rr, 6, q->proxy);
        if (q->weight_cents > 0)
            snprintf(rr.f[7], FIELD_CAP, "%d.%02d", (int)(q->weight_cents / 100),
                     (int)(q->weight_cents % 100));
        emit(g, F_RESPONSES, &rr);
    }
    return 0;
}

/* ---- the command -------------------------------------------------------- */

/* A decimal fraction 0..1 with up to six decimals, as parts per million. */
static int parse_rate(const char *text, int64_t *ppm)
{
    int64_t whole = 0, frac = 0, scale = 1000000;
    const char *p = text;
    if (*p < '0' || *p > '9')
        return 0;
    while (*p >= '0' && *p <= '9' && whole <= 1)
        whole = whole * 10 + (*p++ - '0');
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return 0;
        while (*p >= '0' && *p <= '9') {
            if (scale == 1)
                return 0;
            scale /= 10;
            frac += (*p++ - '0') * scale;
        }
    }
    if (*p != '\0')
        return 0;
    int64_t v = whole * 1000000 + frac;
    if (v > 1000000)
        return 0;
    *ppm = v;
    return 1;
}

static int make_dir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0)
        return S_ISDIR(st.st_mode) ? 0 : -1;
#if defined(_WIN32)
    return _mkdir(dir);
#else
    return mkdir(dir, 0777);
#endif
}

int tool_generate(int argc, char **argv)
{
    const char *v_people = NULL, *v_orgs = NULL, *v_months = NULL, *v_seed = NULL, *dir = NULL,
               *v_bad = NULL, *v_end = "2026-03";
    int quiet = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int got = 0;
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            tool_generate_usage(stdout);
            return TOOL_EXIT_OK;
        } else if ((got = tool_option(NAME, argc, argv, &i, "--people", &v_people)) != 0 ||
                   (got = tool_option(NAME, argc, argv, &i, "--organisations", &v_orgs)) != 0 ||
                   (got = tool_option(NAME, argc, argv, &i, "--months", &v_months)) != 0 ||
                   (got = tool_option(NAME, argc, argv, &i, "--seed", &v_seed)) != 0 ||
                   (got = tool_option(NAME, argc, argv, &i, "--out", &dir)) != 0 ||
                   (got = tool_option(NAME, argc, argv, &i, "--bad-rows", &v_bad)) != 0 ||
                   (got = tool_option(NAME, argc, argv, &i, "--end", &v_end)) != 0) {
            if (got < 0)
                return TOOL_EXIT_USAGE;
        } else if (strcmp(arg, "--quiet") == 0) {
            quiet = 1;
        } else if (arg[0] == '-') {
            return tool_usage_error(NAME, "unknown option: %s", arg);
        } else {
            return tool_usage_error(NAME, "unexpected argument: %s", arg);
        }
    }
    long long people, orgs, months, seed;
    int64_t bad_ppm = 0;
    if (v_people == NULL || v_orgs == NULL || v_months == NULL || v_seed == NULL || dir == NULL)
        return tool_usage_error(NAME, "--people, --organisations, --months, --seed and --out are "
                                      "required");
    if (!tool_parse_int(v_people, 1, 10000000, &people))
        return tool_usage_error(NAME, "--people: a whole number from 1 to 10000000");
    if (!tool_parse_int(v_orgs, 5, 100000, &orgs))
        return tool_usage_error(NAME, "--organisations: a whole number from 5 to 100000");
    if (!tool_parse_int(v_months, 1, 240, &months))
        return tool_usage_error(NAME, "--months: a whole number from 1 to 240");
    if (!tool_parse_int(v_seed, 0, INT64_MAX, &seed))
        return tool_usage_error(NAME, "--seed: a whole number from 0 to 2^63-1");
    if (v_bad != NULL && !parse_rate(v_bad, &bad_ppm))
        return tool_usage_error(NAME, "--bad-rows: a share from 0 to 1 such as 0.01");
    long long end_year, end_month;
    if (strlen(v_end) != 7 || v_end[4] != '-') {
        return tool_usage_error(NAME, "--end: a month as YYYY-MM");
    }
    char year_text[5], month_text[3];
    memcpy(year_text, v_end, 4);
    year_text[4] = '\0';
    memcpy(month_text, v_end + 5, 2);
    month_text[2] = '\0';
    if (!tool_parse_int(year_text, 1900, 2200, &end_year) ||
        !tool_parse_int(month_text, 1, 12, &end_month))
        return tool_usage_error(NAME, "--end: a month as YYYY-MM");

    world w;
    memset(&w, 0, sizeof w);
    w.months = (int32_t)months;
    w.end_year = (int32_t)end_year;
    w.end_month = (int32_t)end_month;
    int32_t start_index = w.end_year * 12 + (w.end_month - 1) - (w.months - 1);
    w.start_year = start_index / 12;
    w.start_month = start_index % 12 + 1;
    carealign_date_from_ymd(w.start_year, w.start_month, 1, &w.first_day);
    int32_t after_end;
    carealign_date_from_ymd(w.end_month == 12 ? w.end_year + 1 : w.end_year,
                            w.end_month == 12 ? 1 : w.end_month + 1, 1, &after_end);
    w.end_day = after_end - 1;

    if (make_dir(dir) != 0) {
        tool_error(NAME, "cannot create the directory %s: %s", dir, strerror(errno));
        return TOOL_EXIT_ERROR;
    }
    gen g;
    memset(&g, 0, sizeof g);
    uint64_t x = (uint64_t)seed;
    for (int i = 0; i < 4; i++)
        g.r.s[i] = splitmix64(&x);
    for (int i = 0; i < 4; i++)
        g.bad.s[i] = splitmix64(&x);
    g.bad_ppm = bad_ppm;

    int result = TOOL_EXIT_ERROR;
    person p;
    memset(&p, 0, sizeof p);
    for (int f = 0; f < N_FILES; f++) {
        size_t len = strlen(dir) + strlen(FILE_NAMES[f]) + 2;
        char *path = malloc(len);
        if (path == NULL) {
            tool_error(NAME, "out of memory");
            goto done;
        }
        snprintf(path, len, "%s/%s", dir, FILE_NAMES[f]);
        g.out[f] = tool_out_open(NAME, path);
        free(path);
        if (g.out[f] == NULL)
            goto done;
        if (tool_out_write(g.out[f], HEADERS[f], strlen(HEADERS[f])) != 0 ||
            tool_out_write(g.out[f], "\n", 1) != 0)
            g.failed = 1;
    }
    if (make_orgs(&g, &w, (int32_t)orgs) != 0) {
        tool_error(NAME, "out of memory");
        goto done;
    }
    make_populations(&g, &w, people);
    make_fft(&g, &w);
    int64_t cursor = 0;
    for (long long i = 0; i < people && !g.failed; i++) {
        if (simulate_person(&g, &w, &cursor, &p) != 0) {
            tool_error(NAME, "out of memory");
            goto done;
        }
    }
    if (g.failed) {
        tool_error(NAME, "cannot write into %s", dir);
        goto done;
    }
    for (int f = 0; f < N_FILES; f++) {
        tool_out *o = g.out[f];
        g.out[f] = NULL;
        if (tool_out_commit(o) != 0)
            goto done;
    }
    if (!quiet) {
        fprintf(stderr, "carealign generate: wrote %s:", dir);
        for (int f = 0; f < N_FILES - 1; f++)
            fprintf(stderr, " %s %llu rows%s", FILE_NAMES[f], (unsigned long long)g.rows[f],
                    f < N_FILES - 2 ? "," : "");
        fprintf(stderr, "; %llu broken on request (MANIFEST.csv)\n", (unsigned long long)g.broken);
    }
    result = TOOL_EXIT_OK;
done:
    for (int f = 0; f < N_FILES; f++)
        tool_out_abort(g.out[f]);
    free(p.contacts);
    free(p.responses);
    free(w.orgs);
    for (int s = 0; s < 10; s++)
        free(w.by_sector[s]);
    return result;
}

/* The framework as a FHIR R4 Bundle of Measure resources. Criteria are
 * Expressions in language text/x-carealign whose text is the criterion's
 * canonical JSON: a faithful description, not something a CQL engine can
 * run. Numbers are written from the file's own literals (canonical form),
 * so no locale or rounding can change the bytes. */
#include <string.h>

#include "core/internal.h"
#include "framework/internal.h"

#define LANGUAGE "text/x-carealign"
#define MEASURE_POPULATION "http://terminology.hl7.org/CodeSystem/measure-population"
#define MEASURE_SCORING "http://terminology.hl7.org/CodeSystem/measure-scoring"
#define MEASURE_IMPROVEMENT "http://terminology.hl7.org/CodeSystem/measure-improvement-notation"
#define AIM_SYSTEM "urn:carealign:aim"
#define OFFICIAL_REF_SYSTEM "urn:carealign:official-ref"
#define LANGUAGE_EXTENSION "urn:carealign:fhir:expression-language"
#define COMPOSITE_EXTENSION "urn:carealign:fhir:composite-rule"

typedef struct jw {
    carealign__json_buf *b;
    int comma;
} jw;

static void jw_sep(jw *w)
{
    if (w->comma)
        carealign__json_buf_append(w->b, ",", 1);
}

static void jw_open(jw *w, const char *bracket)
{
    jw_sep(w);
    carealign__json_buf_puts(w->b, bracket);
    w->comma = 0;
}

static void jw_close(jw *w, const char *bracket)
{
    carealign__json_buf_puts(w->b, bracket);
    w->comma = 1;
}

static void jw_key(jw *w, const char *key)
{
    jw_sep(w);
    carealign__json_buf_string(w->b, key, strlen(key));
    carealign__json_buf_append(w->b, ":", 1);
    w->comma = 0;
}

static void jw_str(jw *w, const char *s, size_t len)
{
    jw_sep(w);
    carealign__json_buf_string(w->b, s, len);
    w->comma = 1;
}

static void jw_cstr(jw *w, const char *s)
{
    jw_str(w, s, strlen(s));
}

static void jw_field(jw *w, const char *key, const char *value)
{
    jw_key(w, key);
    jw_cstr(w, value);
}

static void jw_raw(jw *w, const char *raw)
{
    jw_sep(w);
    carealign__json_buf_puts(w->b, raw);
    w->comma = 1;
}

/* {"coding":[{"system":..,"code":..}]} */
static void jw_concept(jw *w, const char *key, const char *system, const char *code)
{
    jw_key(w, key);
    jw_open(w, "{");
    jw_key(w, "coding");
    jw_open(w, "[");
    jw_open(w, "{");
    jw_field(w, "system", system);
    jw_field(w, "code", code);
    jw_close(w, "}");
    jw_close(w, "]");
    jw_close(w, "}");
}

/* ---- English descriptions ------------------------------------------------- */

/* Text is gathered in a separate buffer, then written as one JSON string. */
static void number_text(carealign__json_buf *t, const carealign__json *v)
{
    if (v != NULL && v->type == CAREALIGN__JSON_NUMBER)
        carealign__json_buf_number(t, v->text, v->len);
}

static void threshold_text(carealign__json_buf *t, const carealign__json *atom)
{
    const carealign__json *lo = carealign__json_get(atom, "at_least");
    const carealign__json *hi = carealign__json_get(atom, "at_most");
    if (lo != NULL && hi != NULL) {
        carealign__json_buf_puts(t, " from ");
        number_text(t, lo);
        carealign__json_buf_puts(t, " to ");
        number_text(t, hi);
    } else if (lo != NULL) {
        carealign__json_buf_puts(t, " at least ");
        number_text(t, lo);
    } else if (hi != NULL) {
        carealign__json_buf_puts(t, " at most ");
        number_text(t, hi);
    }
}

static void list_text(carealign__json_buf *t, const int32_t *codes, size_t n,
                      const carealign__fw_name *table)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            carealign__json_buf_puts(t, i + 1 == n ? " or " : ", ");
        if (table != NULL) {
            const char *name = carealign__fw_name_of(table, codes[i]);
            carealign__json_buf_puts(t, name ? name : "?");
        } else {
            char digits[16];
            size_t k = 0;
            int32_t v = codes[i];
            do {
                digits[k++] = (char)('0' + v % 10);
                v /= 10;
            } while (v > 0 && k < sizeof digits);
            while (k > 0)
                carealign__json_buf_append(t, &digits[--k], 1);
        }
    }
}

static void atom_text(carealign__json_buf *t, const carealign__fw_measure *m,
                      const carealign__fw_atom *a)
{
    switch (a->kind) {
    case CAREALIGN_ATOM_POPULATION:
        carealign__json_buf_puts(t, "people in the population base");
        break;
    case CAREALIGN_ATOM_PERSON:
        if (a->which == CAREALIGN_PERSON_AGE) {
            carealign__json_buf_puts(t, "aged");
            threshold_text(t, a->json);
        } else {
            carealign__json_buf_puts(t,
                                     carealign__fw_name_of(carealign__fw_person_attrs, a->which));
            carealign__json_buf_puts(t, " is ");
            list_text(t, a->values, a->n_values, NULL);
        }
        break;
    case CAREALIGN_ATOM_RESPONSE:
        carealign__json_buf_puts(t, a->which == CAREALIGN_RESPONSE_ANY
                                        ? "responses to "
                                        : "people with a paired baseline and follow-up of ");
        carealign__json_buf_append(t, m->instrument.p, m->instrument.len);
        break;
    case CAREALIGN_ATOM_SCORE:
        if (a->which == CAREALIGN_SCORE_EACH) {
            carealign__json_buf_puts(t, "each ");
            carealign__json_buf_append(t, m->instrument.p, m->instrument.len);
            carealign__json_buf_puts(t, " response (value set ");
            carealign__json_buf_append(t, m->valueset.p, m->valueset.len);
            carealign__json_buf_puts(t, ")");
            if (a->flags & (CAREALIGN_ATOM_HAS_AT_LEAST | CAREALIGN_ATOM_HAS_AT_MOST))
                carealign__json_buf_puts(t, " scoring");
        } else {
            carealign__json_buf_puts(t, "the ");
            carealign__json_buf_puts(
                t, a->which == CAREALIGN_SCORE_FOLLOW_UP
                       ? "follow-up"
                       : carealign__fw_name_of(carealign__fw_score_whats, a->which));
            carealign__json_buf_puts(t, " ");
            carealign__json_buf_append(t, m->instrument.p, m->instrument.len);
            carealign__json_buf_puts(t, " score (value set ");
            carealign__json_buf_append(t, m->valueset.p, m->valueset.len);
            carealign__json_buf_puts(t, ")");
            if (a->flags & (CAREALIGN_ATOM_HAS_AT_LEAST | CAREALIGN_ATOM_HAS_AT_MOST))
                carealign__json_buf_puts(t, " is");
        }
        threshold_text(t, a->json);
        break;
    case CAREALIGN_ATOM_CHANGE:
        carealign__json_buf_puts(t, "the change in ");
        carealign__json_buf_append(t, m->instrument.p, m->instrument.len);
        carealign__json_buf_puts(t, " score from baseline to follow-up");
        if (a->which == CAREALIGN_CHANGE_VALUE) {
            if (a->flags & (CAREALIGN_ATOM_HAS_AT_LEAST | CAREALIGN_ATOM_HAS_AT_MOST))
                carealign__json_buf_puts(t, " is");
            threshold_text(t, a->json);
        } else {
            carealign__json_buf_puts(t, a->which == CAREALIGN_CHANGE_IMPROVED_BY_MID
                                            ? " is an improvement of at least the minimal "
                                              "important difference ("
                                            : " is a worsening of at least the minimal "
                                              "important difference (");
            const carealign__json *mid =
                carealign__json_get(m->json, "minimal_important_difference");
            number_text(t, carealign__json_get(mid, "value"));
            carealign__json_buf_puts(t, ")");
        }
        break;
    case CAREALIGN_ATOM_JOURNEY:
        carealign__json_buf_puts(t, "journey figure ");
        carealign__json_buf_puts(t, carealign__fw_name_of(carealign__fw_journey_figures, a->which));
        if (a->which == CAREALIGN_JF_FOLLOWED_UP_WITHIN) {
            carealign__json_buf_puts(t, " ");
            number_text(t, carealign__json_get(a->json, "days"));
            carealign__json_buf_puts(t, " days");
        }
        threshold_text(t, a->json);
        break;
    default:
        carealign__json_buf_puts(t, "the ");
        carealign__json_buf_puts(t, carealign__fw_name_of(carealign__fw_contacts_whats, a->which));
        carealign__json_buf_puts(t, " of contacts of type ");
        list_text(t, a->values, a->n_values, carealign__fw_contact_types);
        if (a->n_sectors > 0) {
            carealign__json_buf_puts(t, " in sector ");
            list_text(t, a->sectors, a->n_sectors, carealign__fw_sectors);
        }
        threshold_text(t, a->json);
    }
}

static void criterion_text(carealign__json_buf *t, const carealign__fw_measure *m,
                           const carealign__fw_criterion *c)
{
    if (c->description.len > 0) {
        carealign__json_buf_append(t, c->description.p, c->description.len);
        carealign__json_buf_puts(t, ": ");
    }
    if (c->aggregate != 0) {
        carealign__json_buf_puts(t, carealign__fw_name_of(carealign__fw_aggregates, c->aggregate));
        carealign__json_buf_puts(t, " of ");
    }
    for (size_t i = 0; i < c->n_atoms; i++) {
        if (i > 0)
            carealign__json_buf_puts(t, "; and ");
        atom_text(t, m, &c->atoms[i]);
    }
}

/* ---- the bundle ------------------------------------------------------------- */

static void hex_of(const uint8_t *h, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < 32; i++) {
        out[2 * i] = digits[h[i] >> 4];
        out[2 * i + 1] = digits[h[i] & 15];
    }
    out[64] = '\0';
}

static void measure_url(carealign__json_buf *t, const carealign_framework *fw,
                        const carealign__fw_measure *m, const carealign_write_options *o)
{
    if (o->base_url != NULL && o->base_url_len > 0) {
        size_t n = o->base_url_len;
        while (n > 0 && o->base_url[n - 1] == '/')
            n--;
        carealign__json_buf_append(t, o->base_url, n);
        carealign__json_buf_puts(t, "/Measure/");
        carealign__json_buf_append(t, m->id.p, m->id.len);
    } else {
        carealign__json_buf_puts(t, "urn:carealign:framework:");
        carealign__json_buf_append(t, fw->id.p, fw->id.len);
        carealign__json_buf_puts(t, ":measure:");
        carealign__json_buf_append(t, m->id.p, m->id.len);
    }
}

static void date_text(carealign__json_buf *t, int32_t day)
{
    char d[CAREALIGN_DATE_BUFSIZE];
    size_t n = 0;
    if (carealign_date_format(day, d, sizeof d, &n) == CAREALIGN_OK)
        carealign__json_buf_append(t, d, n);
}

static void param_text(carealign__json_buf *t, const carealign__fw_measure *m,
                       const carealign__fw_param *p)
{
    carealign__json_buf_append(t, p->name.p, p->name.len);
    carealign__json_buf_puts(t, " = ");
    /* The value as written, in canonical JSON. */
    const carealign__json *journey = carealign__json_get(m->json, "journey");
    for (size_t i = 0; journey != NULL && i < journey->n; i++)
        if (journey->members[i].key == p->name.p)
            carealign__json_write_canonical(t, &journey->members[i].value);
}

static void guidance_text(carealign__json_buf *t, const carealign_framework *fw,
                          const carealign__fw_measure *m)
{
    char hex[65];
    hex_of(fw->hash, hex);
    carealign__json_buf_puts(t, "Part of the carealign framework ");
    carealign__json_buf_append(t, fw->id.p, fw->id.len);
    carealign__json_buf_puts(t, " version ");
    carealign__json_buf_append(t, fw->version.p, fw->version.len);
    carealign__json_buf_puts(t, " (SHA-256 of its canonical form ");
    carealign__json_buf_puts(t, hex);
    carealign__json_buf_puts(t, "). Criteria are in the carealign vocabulary (" LANGUAGE
                                "): descriptive, not executable by CQL engines.\n\n");
    carealign__json_buf_puts(t, "- Aim: ");
    carealign__json_buf_puts(t, carealign__fw_name_of(carealign__fw_aims, m->aim));
    carealign__json_buf_puts(t, "\n- Definition: ");
    if (m->official_ref.len > 0) {
        carealign__json_buf_puts(t, "official, ");
        carealign__json_buf_append(t, m->official_ref.p, m->official_ref.len);
    } else {
        carealign__json_buf_puts(t, "local, ");
        carealign__json_buf_append(t, m->local.p, m->local.len);
    }
    carealign__json_buf_puts(t, "\n- Citation: ");
    carealign__json_buf_append(t, m->citation.p, m->citation.len);
    carealign__json_buf_puts(t, "\n- Unit: ");
    carealign__json_buf_append(t, m->unit.p, m->unit.len);
    if (m->flags & CAREALIGN_MEASURE_HAS_PER) {
        carealign__json_buf_puts(t, "\n- Per: ");
        number_text(t, carealign__json_get(m->json, "per"));
    }
    carealign__json_buf_puts(t, "\n- Instrument: ");
    if (m->instrument.len > 0) {
        carealign__json_buf_append(t, m->instrument.p, m->instrument.len);
        carealign__json_buf_puts(t, ", value set ");
        carealign__json_buf_append(t, m->valueset.p, m->valueset.len);
    } else {
        carealign__json_buf_puts(t, "none");
    }
    if (m->flags & CAREALIGN_MEASURE_HAS_PAIRING) {
        const carealign__json *p = carealign__json_get(m->json, "pairing");
        const carealign__json *w = carealign__json_get(p, "window_days");
        carealign__json_buf_puts(t, "\n- Pairing: baseline ");
        carealign__json_buf_puts(
            t, carealign__fw_name_of(carealign__fw_pair_baselines, m->pairing_baseline));
        carealign__json_buf_puts(t, ", follow-up ");
        carealign__json_buf_puts(
            t, carealign__fw_name_of(carealign__fw_pair_follow_ups, m->pairing_follow_up));
        carealign__json_buf_puts(t, " ");
        number_text(t, &w->items[0]);
        carealign__json_buf_puts(t, " to ");
        number_text(t, &w->items[1]);
        carealign__json_buf_puts(t, " days after baseline, organisation ");
        carealign__json_buf_puts(
            t, carealign__fw_name_of(carealign__fw_pair_orgs, m->pairing_organisation));
    }
    static const char *const sourced[2][2] = {
        {"target", "Target"}, {"minimal_important_difference", "Minimal important difference"}};
    for (int k = 0; k < 2; k++) {
        const carealign__json *s = carealign__json_get(m->json, sourced[k][0]);
        if (s == NULL)
            continue;
        const carealign__json *src = carealign__json_get(s, "source");
        carealign__json_buf_puts(t, "\n- ");
        carealign__json_buf_puts(t, sourced[k][1]);
        carealign__json_buf_puts(t, ": ");
        number_text(t, carealign__json_get(s, "value"));
        carealign__json_buf_puts(t, " (");
        carealign__json_buf_append(t, src->text, src->len);
        carealign__json_buf_puts(t, ")");
    }
    if (m->standard_population != CAREALIGN_STDPOP_NONE) {
        carealign__json_buf_puts(t, "\n- Standard population: ");
        carealign__json_buf_puts(
            t, carealign__fw_name_of(carealign__fw_stdpops, m->standard_population));
    }
    for (size_t i = 0; i < m->n_params; i++) {
        carealign__json_buf_puts(t, i == 0 ? "\n- Journey parameters: " : "; ");
        param_text(t, m, &m->params[i]);
    }
    carealign__json_buf_puts(t, (m->flags & CAREALIGN_MEASURE_SPC_HISTORY)
                                    ? "\n- SPC history: required"
                                    : "\n- SPC history: not required");
    carealign__json_buf_puts(t, (m->flags & CAREALIGN_MEASURE_COMPARABLE)
                                    ? "\n- Organisations may be compared (funnel plots): yes"
                                    : "\n- Organisations may be compared (funnel plots): no");
    if (m->flags & CAREALIGN_MEASURE_SII)
        carealign__json_buf_puts(t, "\n- Inequality across deprivation: reported");
    if (m->flags & CAREALIGN_MEASURE_WEIGHTED)
        carealign__json_buf_puts(t, "\n- Survey weights: applied (weighted estimate on Kish's "
                                    "effective n)");
}

static const char *population_code(int32_t crit, int32_t scoring)
{
    int cv = scoring == CAREALIGN_SCORING_CONTINUOUS;
    switch (crit) {
    case CAREALIGN_CRIT_INITIAL_POPULATION: return "initial-population";
    case CAREALIGN_CRIT_DENOMINATOR: return cv ? "measure-population" : "denominator";
    case CAREALIGN_CRIT_DENOMINATOR_EXCLUSION:
        return cv ? "measure-population-exclusion" : "denominator-exclusion";
    case CAREALIGN_CRIT_NUMERATOR: return "numerator";
    case CAREALIGN_CRIT_NUMERATOR_EXCLUSION: return "numerator-exclusion";
    default: return "measure-observation";
    }
}

/* The measure's "composite" rule (docs/framework.md, "Composite aim scores")
 * as a complex extension of the Measure: three "threshold" sub-extensions,
 * best first (valueDecimal, the numbers as the framework writes them), and a
 * "source" (valueString). Nothing for a measure without a rule. */
static void write_composite(jw *w, const carealign__fw_measure *m)
{
    const carealign__json *v = m->has_composite ? carealign__json_get(m->json, "composite") : NULL;
    const carealign__json *t = v != NULL ? carealign__json_get(v, "thresholds") : NULL;
    if (t == NULL || t->type != CAREALIGN__JSON_ARRAY || t->n != 3)
        return;
    jw_key(w, "extension");
    jw_open(w, "[");
    jw_open(w, "{");
    jw_field(w, "url", COMPOSITE_EXTENSION);
    jw_key(w, "extension");
    jw_open(w, "[");
    for (size_t i = 0; i < 3; i++) {
        jw_open(w, "{");
        jw_field(w, "url", "threshold");
        jw_key(w, "valueDecimal");
        jw_sep(w);
        carealign__json_buf_number(w->b, t->items[i].text, t->items[i].len);
        w->comma = 1;
        jw_close(w, "}");
    }
    jw_open(w, "{");
    jw_field(w, "url", "source");
    jw_key(w, "valueString");
    jw_str(w, m->composite_source.p, m->composite_source.len);
    jw_close(w, "}");
    jw_close(w, "]");
    jw_close(w, "}");
    jw_close(w, "]");
}

static void write_measure(jw *w, carealign__json_buf *t, const carealign_framework *fw,
                          const carealign__fw_measure *m, const carealign_write_options *o)
{
    /* entry.fullUrl and Measure.url are the same canonical URL. */
    t->len = 0;
    measure_url(t, fw, m, o);
    jw_open(w, "{");
    jw_key(w, "fullUrl");
    jw_str(w, t->data ? t->data : "", t->len);
    jw_key(w, "resource");
    jw_open(w, "{");
    jw_field(w, "resourceType", "Measure");
    jw_key(w, "id");
    jw_str(w, m->id.p, m->id.len);
    write_composite(w, m);
    jw_key(w, "url");
    jw_str(w, t->data ? t->data : "", t->len);
    if (m->official_ref.len > 0) {
        jw_key(w, "identifier");
        jw_open(w, "[");
        jw_open(w, "{");
        jw_field(w, "system", OFFICIAL_REF_SYSTEM);
        jw_key(w, "value");
        jw_str(w, m->official_ref.p, m->official_ref.len);
        jw_close(w, "}");
        jw_close(w, "]");
    }
    jw_key(w, "version");
    jw_str(w, m->version.p, m->version.len);
    jw_key(w, "title");
    jw_str(w, m->title.p, m->title.len);
    jw_field(w, "status", "active");
    jw_key(w, "experimental");
    jw_raw(w, "false");
    jw_key(w, "description");
    if (m->description.len > 0)
        jw_str(w, m->description.p, m->description.len);
    else
        jw_str(w, m->title.p, m->title.len);
    jw_key(w, "effectivePeriod");
    jw_open(w, "{");
    t->len = 0;
    date_text(t, fw->effective_start);
    jw_key(w, "start");
    jw_str(w, t->data ? t->data : "", t->len);
    t->len = 0;
    date_text(t, fw->effective_end);
    jw_key(w, "end");
    jw_str(w, t->data ? t->data : "", t->len);
    jw_close(w, "}");
    jw_key(w, "topic");
    jw_open(w, "[");
    jw_open(w, "{");
    jw_key(w, "coding");
    jw_open(w, "[");
    jw_open(w, "{");
    jw_field(w, "system", AIM_SYSTEM);
    jw_field(w, "code", carealign__fw_name_of(carealign__fw_aims, m->aim));
    jw_close(w, "}");
    jw_close(w, "]");
    jw_close(w, "}");
    jw_close(w, "]");
    jw_key(w, "relatedArtifact");
    jw_open(w, "[");
    jw_open(w, "{");
    jw_field(w, "type", "documentation");
    if (m->official_ref.len > 0) {
        jw_key(w, "label");
        jw_str(w, m->official_ref.p, m->official_ref.len);
    }
    jw_key(w, "display");
    jw_str(w, m->citation.p, m->citation.len);
    if (m->url.len > 0) {
        jw_key(w, "url");
        jw_str(w, m->url.p, m->url.len);
    }
    jw_close(w, "}");
    jw_close(w, "]");
    jw_concept(w, "scoring", MEASURE_SCORING,
               carealign__fw_name_of(carealign__fw_scorings, m->scoring));
    if (m->improvement != CAREALIGN_IMPROVE_NONE)
        jw_concept(w, "improvementNotation", MEASURE_IMPROVEMENT,
                   carealign__fw_name_of(carealign__fw_improvements, m->improvement));
    t->len = 0;
    guidance_text(t, fw, m);
    jw_key(w, "guidance");
    jw_str(w, t->data ? t->data : "", t->len);
    jw_key(w, "group");
    jw_open(w, "[");
    jw_open(w, "{");
    jw_key(w, "population");
    jw_open(w, "[");
    for (int32_t k = CAREALIGN_CRIT_INITIAL_POPULATION; k <= CAREALIGN_CRIT_OBSERVATION; k++) {
        const carealign__fw_criterion *c = &m->criteria[k];
        if (c->json == NULL)
            continue;
        jw_open(w, "{");
        jw_concept(w, "code", MEASURE_POPULATION, population_code(k, m->scoring));
        t->len = 0;
        criterion_text(t, m, c);
        jw_key(w, "description");
        jw_str(w, t->data ? t->data : "", t->len);
        jw_key(w, "criteria");
        jw_open(w, "{");
        jw_key(w, "description");
        jw_str(w, t->data ? t->data : "", t->len);
        if (o->flags & CAREALIGN_WRITE_FHIR_JSON_SCHEMA) {
            /* The language as an extension of a value-less element: the
             * official R4 JSON Schema enumerates only three languages
             * although the binding is extensible. */
            jw_key(w, "_language");
            jw_open(w, "{");
            jw_key(w, "extension");
            jw_open(w, "[");
            jw_open(w, "{");
            jw_field(w, "url", LANGUAGE_EXTENSION);
            jw_field(w, "valueCode", LANGUAGE);
            jw_close(w, "}");
            jw_close(w, "]");
            jw_close(w, "}");
        } else {
            jw_field(w, "language", LANGUAGE);
        }
        t->len = 0;
        carealign__json_write_canonical(t, c->json);
        jw_key(w, "expression");
        jw_str(w, t->data ? t->data : "", t->len);
        jw_close(w, "}");
        jw_close(w, "}");
    }
    jw_close(w, "]");
    jw_close(w, "}");
    jw_close(w, "]");
    jw_close(w, "}");
    jw_close(w, "}");
}

/* Indent compact JSON: two spaces, LF, ": " after keys; empty {} and [] stay. */
static void pretty(carealign__json_buf *out, const char *s, size_t n)
{
    size_t depth = 0;
    int in_string = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (in_string) {
            carealign__json_buf_append(out, &ch, 1);
            if (ch == '\\' && i + 1 < n)
                carealign__json_buf_append(out, &s[++i], 1);
            else if (ch == '"')
                in_string = 0;
            continue;
        }
        if (ch == '"') {
            in_string = 1;
            carealign__json_buf_append(out, &ch, 1);
        } else if ((ch == '{' || ch == '[') && i + 1 < n && (s[i + 1] == '}' || s[i + 1] == ']')) {
            carealign__json_buf_append(out, &s[i], 2);
            i++;
        } else if (ch == '{' || ch == '[' || ch == ',') {
            if (ch != ',')
                depth++;
            carealign__json_buf_append(out, &ch, 1);
            carealign__json_buf_append(out, "\n", 1);
            for (size_t k = 0; k < depth; k++)
                carealign__json_buf_append(out, "  ", 2);
        } else if (ch == '}' || ch == ']') {
            depth--;
            carealign__json_buf_append(out, "\n", 1);
            for (size_t k = 0; k < depth; k++)
                carealign__json_buf_append(out, "  ", 2);
            carealign__json_buf_append(out, &ch, 1);
        } else if (ch == ':') {
            carealign__json_buf_append(out, ": ", 2);
        } else {
            carealign__json_buf_append(out, &ch, 1);
        }
    }
    carealign__json_buf_append(out, "\n", 1);
}

static carealign_status build_bundle(const carealign_framework *fw,
                                     const carealign_write_options *opt, carealign__json_buf *out)
{
    carealign_write_options o;
    memset(&o, 0, sizeof o);
    o.size = sizeof o;
    if (opt != NULL) {
        carealign_status st =
            carealign__read_struct(&o, sizeof o, opt, sizeof o, "carealign_write_options");
        if (st != CAREALIGN_OK)
            return st;
        if (o.flags & ~(CAREALIGN_WRITE_PRETTY | CAREALIGN_WRITE_FHIR_JSON_SCHEMA))
            return carealign__error(CAREALIGN_EUNSUPPORTED,
                                    "carealign_write_options.flags: unknown flags 0x%x",
                                    (unsigned)o.flags);
        if (o.base_url == NULL && o.base_url_len > 0)
            return carealign__error(CAREALIGN_EINVAL, "carealign_write_options.base_url is NULL");
        if (o.base_url_len > 0 && !carealign__json_utf8_valid(o.base_url, o.base_url_len))
            return carealign__error(CAREALIGN_EINVAL,
                                    "carealign_write_options.base_url is not UTF-8");
        for (size_t i = 0; i < o.base_url_len; i++)
            if ((unsigned char)o.base_url[i] <= 0x20)
                return carealign__error(CAREALIGN_EINVAL,
                                        "carealign_write_options.base_url contains a space or "
                                        "control character");
    }
    carealign__json_buf compact, scratch;
    carealign__json_buf_init(&compact);
    carealign__json_buf_init(&scratch);
    jw w = {&compact, 0};
    char hex[65];
    hex_of(fw->hash, hex);
    jw_open(&w, "{");
    jw_field(&w, "resourceType", "Bundle");
    jw_key(&w, "id");
    jw_str(&w, fw->id.p, fw->id.len);
    jw_key(&w, "identifier");
    jw_open(&w, "{");
    jw_field(&w, "system", "urn:ietf:rfc:3986");
    carealign__json_buf_puts(&scratch, "urn:carealign:framework-sha256:");
    carealign__json_buf_puts(&scratch, hex);
    jw_key(&w, "value");
    jw_str(&w, scratch.data ? scratch.data : "", scratch.len);
    jw_close(&w, "}");
    jw_field(&w, "type", "collection");
    jw_key(&w, "entry");
    jw_open(&w, "[");
    for (size_t i = 0; i < fw->n_measures; i++)
        write_measure(&w, &scratch, fw, &fw->measures[i], &o);
    jw_close(&w, "]");
    jw_close(&w, "}");
    int failed = compact.failed || scratch.failed;
    carealign__json_buf_release(&scratch);
    if (failed) {
        carealign__json_buf_release(&compact);
        return CAREALIGN_ENOMEM;
    }
    if (!(o.flags & CAREALIGN_WRITE_PRETTY)) {
        *out = compact;
        return CAREALIGN_OK;
    }
    carealign__json_buf nice;
    carealign__json_buf_init(&nice);
    pretty(&nice, compact.data, compact.len);
    carealign__json_buf_release(&compact);
    if (nice.failed) {
        carealign__json_buf_release(&nice);
        return CAREALIGN_ENOMEM;
    }
    *out = nice;
    return CAREALIGN_OK;
}

carealign_status carealign_framework_to_fhir(const carealign_framework *fw,
                                             const carealign_write_options *opt, char *buf,
                                             size_t cap, size_t *out_len)
{
    if (fw == NULL || out_len == NULL || (buf == NULL && cap > 0))
        return carealign__error(CAREALIGN_EINVAL, "carealign_framework_to_fhir: NULL argument");
    carealign__json_buf b;
    carealign_status st = build_bundle(fw, opt, &b);
    if (st != CAREALIGN_OK)
        return st;
    if (cap < b.len + 1) {
        if (cap > 0)
            buf[0] = '\0';
        *out_len = b.len + 1;
        st = carealign__error(CAREALIGN_EBUFSIZE,
                              "carealign_framework_to_fhir: needs %zu bytes, given %zu", b.len + 1,
                              cap);
    } else {
        memcpy(buf, b.data, b.len + 1);
        *out_len = b.len;
    }
    carealign__json_buf_release(&b);
    return st;
}

carealign_status carealign_framework_to_fhir_cb(const carealign_framework *fw,
                                                const carealign_write_options *opt,
                                                carealign_write_fn fn, void *user)
{
    if (fw == NULL || fn == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_framework_to_fhir_cb: NULL argument");
    carealign__json_buf b;
    carealign_status st = build_bundle(fw, opt, &b);
    if (st != CAREALIGN_OK)
        return st;
    enum { CHUNK = 65536 };
    for (size_t at = 0; at < b.len && st == CAREALIGN_OK; at += CHUNK) {
        size_t n = b.len - at < CHUNK ? b.len - at : CHUNK;
        if (fn(b.data + at, n, user) != 0)
            st = carealign__error(CAREALIGN_EIO,
                                  "carealign_framework_to_fhir_cb: the callback stopped the write");
    }
    carealign__json_buf_release(&b);
    return st;
}

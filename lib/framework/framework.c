/* Loading, freeing and reading a framework; its canonical form and hash. */
#include <math.h>
#include <string.h>

#include "core/internal.h"
#include "core/sha256.h"
#include "framework/internal.h"

/* Sizes of the first release of each output struct: the smallest accepted. */
#define LOAD_OPTIONS_MIN 40u
#define INFO_MIN 240u
#define STRATUM_MIN 72u
#define VALUESET_MIN 80u
#define UNIT_COST_MIN 32u
#define MEASURE_MIN 296u
#define PARAM_MIN 80u
#define ATOM_MIN 72u
#define WRITE_OPTIONS_MIN 32u

/* ---- init functions ------------------------------------------------------- */

carealign_status carealign_framework_load_options_init(carealign_framework_load_options *opt,
                                                       size_t size)
{
    return carealign__init_struct(opt, size, LOAD_OPTIONS_MIN, "carealign_framework_load_options");
}

carealign_status carealign_framework_info_init(carealign_framework_info *info, size_t size)
{
    return carealign__init_struct(info, size, INFO_MIN, "carealign_framework_info");
}

carealign_status carealign_framework_stratum_init(carealign_framework_stratum *s, size_t size)
{
    return carealign__init_struct(s, size, STRATUM_MIN, "carealign_framework_stratum");
}

carealign_status carealign_framework_valueset_init(carealign_framework_valueset *vs, size_t size)
{
    return carealign__init_struct(vs, size, VALUESET_MIN, "carealign_framework_valueset");
}

carealign_status carealign_unit_cost_init(carealign_unit_cost *uc, size_t size)
{
    return carealign__init_struct(uc, size, UNIT_COST_MIN, "carealign_unit_cost");
}

carealign_status carealign_measure_info_init(carealign_measure_info *info, size_t size)
{
    return carealign__init_struct(info, size, MEASURE_MIN, "carealign_measure_info");
}

carealign_status carealign_framework_param_init(carealign_framework_param *p, size_t size)
{
    return carealign__init_struct(p, size, PARAM_MIN, "carealign_framework_param");
}

carealign_status carealign_framework_atom_init(carealign_framework_atom *a, size_t size)
{
    return carealign__init_struct(a, size, ATOM_MIN, "carealign_framework_atom");
}

carealign_status carealign_write_options_init(carealign_write_options *opt, size_t size)
{
    return carealign__init_struct(opt, size, WRITE_OPTIONS_MIN, "carealign_write_options");
}

/* Copy a filled library-sized struct into the caller's, which says its own
 * size: known fields that fit are written, unknown trailing bytes zeroed. */
static carealign_status write_out(void *out, const void *local, size_t known, size_t min,
                                  const char *name)
{
    if (out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "%s: NULL output", name);
    size_t given;
    memcpy(&given, out, sizeof given);
    if (given < min)
        return carealign__error(CAREALIGN_EINVAL,
                                "%s.size is %zu, smaller than the smallest release (%zu)", name,
                                given, min);
    size_t n = given < known ? given : known;
    memcpy(out, local, n);
    memcpy(out, &given, sizeof given);
    if (given > known)
        memset((char *)out + known, 0, given - known);
    return CAREALIGN_OK;
}

/* ---- load and free ---------------------------------------------------------- */

void carealign_framework_free(carealign_framework *fw)
{
    if (fw == NULL)
        return;
    for (size_t i = 0; i < fw->n_allocs; i++)
        carealign__free(fw->allocs[i]);
    carealign__free(fw->allocs);
    carealign__free(fw->canonical);
    carealign__json_free(fw->doc);
    carealign__free(fw);
}

carealign_status carealign_framework_load(const char *json, size_t len,
                                          const carealign_framework_load_options *opt,
                                          carealign_framework **out)
{
    if (out == NULL || (json == NULL && len > 0))
        return carealign__error(CAREALIGN_EINVAL, "carealign_framework_load: NULL argument");
    carealign_framework_load_options o;
    memset(&o, 0, sizeof o);
    o.size = sizeof o;
    if (opt != NULL) {
        carealign_status st = carealign__read_struct(&o, sizeof o, opt, LOAD_OPTIONS_MIN,
                                                     "carealign_framework_load_options");
        if (st != CAREALIGN_OK)
            return st;
        if (o.flags != 0)
            return carealign__error(CAREALIGN_EUNSUPPORTED,
                                    "carealign_framework_load_options.flags: unknown flags 0x%x",
                                    (unsigned)o.flags);
        if (o.source_name == NULL && o.source_name_len > 0)
            return carealign__error(CAREALIGN_EINVAL,
                                    "carealign_framework_load_options.source_name is NULL");
    }
    /* A printable, bounded copy of the source name for messages. */
    char source[160];
    size_t n = 0;
    if (o.source_name == NULL || o.source_name_len == 0) {
        memcpy(source, "framework", 10);
    } else {
        for (size_t i = 0; i < o.source_name_len && n + 1 < sizeof source; i++) {
            unsigned char ch = (unsigned char)o.source_name[i];
            source[n++] = ch < 0x20 || ch == 0x7F ? '?' : (char)ch;
        }
        source[n] = '\0';
    }

    carealign_framework *fw = carealign__calloc(1, sizeof *fw);
    if (fw == NULL)
        return CAREALIGN_ENOMEM;
    carealign__json_limits limits = {o.max_bytes, o.max_depth};
    carealign_status st = carealign__json_parse(json, len, source, &limits, &fw->doc);
    if (st == CAREALIGN_OK)
        st = carealign__fw_build(fw, source);
    if (st == CAREALIGN_OK)
        st = carealign__fw_prepare_journey(fw);
    if (st == CAREALIGN_OK) {
        carealign__json_buf buf;
        carealign__json_buf_init(&buf);
        carealign__json_write_canonical(&buf, carealign__json_root(fw->doc));
        if (buf.failed) {
            carealign__json_buf_release(&buf);
            st = CAREALIGN_ENOMEM;
        } else {
            fw->canonical = buf.data;
            fw->canonical_len = buf.len;
            carealign__sha256 ctx;
            carealign__sha256_init(&ctx);
            carealign__sha256_update(&ctx, fw->canonical, fw->canonical_len);
            carealign__sha256_final(&ctx, fw->hash);
        }
    }
    if (st != CAREALIGN_OK) {
        carealign_framework_free(fw);
        return st;
    }
    *out = fw;
    return CAREALIGN_OK;
}

/* ---- identity ---------------------------------------------------------------- */

carealign_status carealign_framework_canonical(const carealign_framework *fw, char *buf, size_t cap,
                                               size_t *out_len)
{
    if (fw == NULL || out_len == NULL || (buf == NULL && cap > 0))
        return carealign__error(CAREALIGN_EINVAL, "carealign_framework_canonical: NULL argument");
    if (cap < fw->canonical_len + 1) {
        if (cap > 0)
            buf[0] = '\0';
        *out_len = fw->canonical_len + 1;
        return carealign__error(CAREALIGN_EBUFSIZE,
                                "carealign_framework_canonical: needs %zu bytes, given %zu",
                                fw->canonical_len + 1, cap);
    }
    memcpy(buf, fw->canonical, fw->canonical_len);
    buf[fw->canonical_len] = '\0';
    *out_len = fw->canonical_len;
    return CAREALIGN_OK;
}

carealign_status carealign_framework_hash(const carealign_framework *fw,
                                          uint8_t out[CAREALIGN_SHA256_SIZE])
{
    if (fw == NULL || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_framework_hash: NULL argument");
    memcpy(out, fw->hash, sizeof fw->hash);
    return CAREALIGN_OK;
}

/* ---- accessors ------------------------------------------------------------------- */

static carealign_status bad_index(const char *fn, int64_t index, size_t n)
{
    return carealign__error(CAREALIGN_ERANGE, "%s: index %lld outside 0..%zu", fn, (long long)index,
                            n ? n - 1 : 0);
}

carealign_status carealign_framework_get_info(const carealign_framework *fw,
                                              carealign_framework_info *out)
{
    if (fw == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_framework_get_info: NULL framework");
    carealign_framework_info i;
    memset(&i, 0, sizeof i);
    i.id = fw->id.p;
    i.id_len = fw->id.len;
    i.version = fw->version.p;
    i.version_len = fw->version.len;
    i.title = fw->title.p;
    i.title_len = fw->title.len;
    i.effective_start = fw->effective_start;
    i.effective_end = fw->effective_end;
    i.period_start = fw->period_start;
    i.period_end = fw->period_end;
    i.interval = fw->interval;
    i.n_periods = fw->n_periods;
    i.n_measures = (int32_t)fw->n_measures;
    i.n_strata = (int32_t)fw->n_strata;
    i.n_crosses = (int32_t)fw->n_crosses;
    i.n_valuesets = (int32_t)fw->n_valuesets;
    i.n_unit_costs = (int32_t)fw->n_unit_costs;
    i.population_base = fw->population_base;
    i.n_population_codes = (int32_t)fw->n_population_codes;
    i.flags = fw->flags;
    i.ce_threshold_pence = fw->ce_threshold_pence;
    i.ce_source = fw->ce_source.p;
    i.ce_source_len = fw->ce_source.len;
    i.price_year = fw->price_year.p;
    i.price_year_len = fw->price_year.len;
    i.cost_source = fw->cost_source.p;
    i.cost_source_len = fw->cost_source.len;
    i.disclosure_suppress_max = fw->disclosure_suppress_max;
    i.disclosure_round_to = fw->disclosure_round_to;
    i.disclosure_source = fw->disclosure_source.p;
    i.disclosure_source_len = fw->disclosure_source.len;
    i.description = fw->description.p;
    i.description_len = fw->description.len;
    memcpy(i.hash, fw->hash, sizeof i.hash);
    return write_out(out, &i, sizeof i, INFO_MIN, "carealign_framework_info");
}

carealign_status carealign_framework_get_period(const carealign_framework *fw, int32_t index,
                                                int32_t *out_start, int32_t *out_end)
{
    if (fw == NULL || out_start == NULL || out_end == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_framework_get_period: NULL argument");
    if (index < 0 || index >= fw->n_periods)
        return bad_index("carealign_framework_get_period", index, (size_t)fw->n_periods);
    *out_start = fw->period_starts[index];
    *out_end = fw->period_ends[index];
    return CAREALIGN_OK;
}

carealign_status carealign_framework_get_population_code(const carealign_framework *fw,
                                                         int32_t index, const char **out,
                                                         size_t *out_len)
{
    if (fw == NULL || out == NULL || out_len == NULL)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_framework_get_population_code: NULL argument");
    if (index < 0 || (size_t)index >= fw->n_population_codes)
        return bad_index("carealign_framework_get_population_code", index, fw->n_population_codes);
    *out = fw->population_codes[index].p;
    *out_len = fw->population_codes[index].len;
    return CAREALIGN_OK;
}

carealign_status carealign_framework_get_stratum(const carealign_framework *fw, int32_t index,
                                                 carealign_framework_stratum *out)
{
    if (fw == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_framework_get_stratum: NULL");
    if (index < 0 || (size_t)index >= fw->n_strata)
        return bad_index("carealign_framework_get_stratum", index, fw->n_strata);
    const carealign__fw_stratum *s = &fw->strata[index];
    carealign_framework_stratum o;
    memset(&o, 0, sizeof o);
    o.id = s->id.p;
    o.id_len = s->id.len;
    o.kind = s->kind;
    o.n_groups = s->kind == CAREALIGN_STRATUM_AGE || s->kind == CAREALIGN_STRATUM_DEPRIVATION
                     ? s->n_groups
                     : 0;
    o.edition = s->edition.p;
    o.edition_len = s->edition.len;
    o.band_lower = s->band_lower;
    o.band_upper = s->band_upper;
    o.grouping = s->grouping;
    return write_out(out, &o, sizeof o, STRATUM_MIN, "carealign_framework_stratum");
}

carealign_status carealign_framework_get_cross(const carealign_framework *fw, int32_t index,
                                               int32_t *out_a, int32_t *out_b)
{
    if (fw == NULL || out_a == NULL || out_b == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_framework_get_cross: NULL argument");
    if (index < 0 || (size_t)index >= fw->n_crosses)
        return bad_index("carealign_framework_get_cross", index, fw->n_crosses);
    *out_a = fw->crosses[2 * index];
    *out_b = fw->crosses[2 * index + 1];
    return CAREALIGN_OK;
}

carealign_status carealign_framework_get_valueset(const carealign_framework *fw, int32_t index,
                                                  carealign_framework_valueset *out)
{
    if (fw == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_framework_get_valueset: NULL");
    if (index < 0 || (size_t)index >= fw->n_valuesets)
        return bad_index("carealign_framework_get_valueset", index, fw->n_valuesets);
    const carealign__fw_valueset *v = &fw->valuesets[index];
    carealign_framework_valueset o;
    memset(&o, 0, sizeof o);
    o.kind = v->kind;
    o.n_codes = (int32_t)v->n_codes;
    o.name = v->name.p;
    o.name_len = v->name.len;
    o.instrument = v->instrument.p;
    o.instrument_len = v->instrument.len;
    o.system = v->system.p;
    o.system_len = v->system.len;
    o.source = v->source.p;
    o.source_len = v->source.len;
    return write_out(out, &o, sizeof o, VALUESET_MIN, "carealign_framework_valueset");
}

carealign_status carealign_framework_get_valueset_code(const carealign_framework *fw,
                                                       int32_t valueset, int32_t index,
                                                       const char **out, size_t *out_len)
{
    if (fw == NULL || out == NULL || out_len == NULL)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_framework_get_valueset_code: NULL argument");
    if (valueset < 0 || (size_t)valueset >= fw->n_valuesets)
        return bad_index("carealign_framework_get_valueset_code", valueset, fw->n_valuesets);
    const carealign__fw_valueset *v = &fw->valuesets[valueset];
    if (index < 0 || (size_t)index >= v->n_codes)
        return bad_index("carealign_framework_get_valueset_code", index, v->n_codes);
    *out = v->codes[index].p;
    *out_len = v->codes[index].len;
    return CAREALIGN_OK;
}

carealign_status carealign_framework_get_unit_cost(const carealign_framework *fw, int32_t index,
                                                   carealign_unit_cost *out)
{
    if (fw == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_framework_get_unit_cost: NULL");
    if (index < 0 || (size_t)index >= fw->n_unit_costs)
        return bad_index("carealign_framework_get_unit_cost", index, fw->n_unit_costs);
    const carealign__fw_unit_cost *u = &fw->unit_costs[index];
    carealign_unit_cost o;
    memset(&o, 0, sizeof o);
    o.contact_type = u->contact_type;
    o.sector = u->sector;
    o.per = u->per;
    o.pence = u->pence;
    return write_out(out, &o, sizeof o, UNIT_COST_MIN, "carealign_unit_cost");
}

carealign_status carealign_framework_unit_cost(const carealign_framework *fw, int32_t contact_type,
                                               int32_t sector, int64_t *out_pence)
{
    if (fw == NULL || out_pence == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_framework_unit_cost: NULL argument");
    const carealign__fw_unit_cost *any = NULL;
    for (size_t i = 0; i < fw->n_unit_costs; i++) {
        const carealign__fw_unit_cost *u = &fw->unit_costs[i];
        if (u->contact_type != contact_type)
            continue;
        if (u->sector == sector && sector != 0) {
            *out_pence = u->pence;
            return CAREALIGN_OK;
        }
        if (u->sector == 0)
            any = u;
    }
    if (any != NULL) {
        *out_pence = any->pence;
        return CAREALIGN_OK;
    }
    return carealign__error(
        CAREALIGN_EMISSING, "framework '%s' has no unit cost for contact type '%s' in sector '%s'",
        fw->id.p, carealign_framework_code_name(CAREALIGN_TABLE_CONTACT_TYPE, contact_type),
        carealign_framework_code_name(CAREALIGN_TABLE_SECTOR, sector));
}

carealign_status carealign_framework_find_measure(const carealign_framework *fw, const char *id,
                                                  size_t len, int32_t *out_index)
{
    if (fw == NULL || out_index == NULL || (id == NULL && len > 0))
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_framework_find_measure: NULL argument");
    for (size_t i = 0; i < fw->n_measures; i++) {
        const carealign__fw_measure *m = &fw->measures[i];
        if (m->id.len == len && memcmp(m->id.p, id, len) == 0) {
            *out_index = (int32_t)i;
            return CAREALIGN_OK;
        }
    }
    return carealign__error(CAREALIGN_EMISSING, "framework '%s' has no measure with that id",
                            fw->id.p);
}

static const carealign__fw_measure *measure_at(const carealign_framework *fw, int32_t index,
                                               const char *fn, carealign_status *st)
{
    if (fw == NULL) {
        *st = carealign__error(CAREALIGN_EINVAL, "%s: NULL framework", fn);
        return NULL;
    }
    if (index < 0 || (size_t)index >= fw->n_measures) {
        *st = bad_index(fn, index, fw->n_measures);
        return NULL;
    }
    *st = CAREALIGN_OK;
    return &fw->measures[index];
}

carealign_status carealign_framework_get_measure(const carealign_framework *fw, int32_t index,
                                                 carealign_measure_info *out)
{
    carealign_status st;
    const carealign__fw_measure *m = measure_at(fw, index, "carealign_framework_get_measure", &st);
    if (m == NULL)
        return st;
    carealign_measure_info o;
    memset(&o, 0, sizeof o);
    o.id = m->id.p;
    o.id_len = m->id.len;
    o.version = m->version.p;
    o.version_len = m->version.len;
    o.title = m->title.p;
    o.title_len = m->title.len;
    o.description = m->description.p;
    o.description_len = m->description.len;
    o.official_ref = m->official_ref.p;
    o.official_ref_len = m->official_ref.len;
    o.local = m->local.p;
    o.local_len = m->local.len;
    o.citation = m->citation.p;
    o.citation_len = m->citation.len;
    o.instrument = m->instrument.p;
    o.instrument_len = m->instrument.len;
    o.valueset = m->valueset.p;
    o.valueset_len = m->valueset.len;
    o.unit = m->unit.p;
    o.unit_len = m->unit.len;
    o.aim = m->aim;
    o.scoring = m->scoring;
    o.improvement = m->improvement;
    o.flags = m->flags;
    o.target = m->target;
    o.mid = m->mid;
    o.per = m->per;
    o.spc_min_points = m->spc_min_points;
    o.standard_population = m->standard_population;
    o.pairing_baseline = m->pairing_baseline;
    o.pairing_follow_up = m->pairing_follow_up;
    o.pairing_min_days = m->pairing_min_days;
    o.pairing_max_days = m->pairing_max_days;
    o.pairing_organisation = m->pairing_organisation;
    o.observation_aggregate = m->criteria[CAREALIGN_CRIT_OBSERVATION].aggregate;
    o.n_params = (int32_t)m->n_params;
    o.valueset_index = m->valueset_index;
    o.mid_source = m->mid_source.p;
    o.mid_source_len = m->mid_source.len;
    o.target_source = m->target_source.p;
    o.target_source_len = m->target_source.len;
    o.url = m->url.p;
    o.url_len = m->url.len;
    return write_out(out, &o, sizeof o, MEASURE_MIN, "carealign_measure_info");
}

static carealign_status param_out(const carealign__fw_param *p, carealign_framework_param *out)
{
    carealign_framework_param o;
    memset(&o, 0, sizeof o);
    o.name = p->name.p;
    o.name_len = p->name.len;
    o.kind = p->kind;
    o.valueset = p->valueset;
    o.value = p->value;
    o.values = p->values;
    o.n_values = p->n_values;
    o.mask = p->mask;
    o.text = p->text.p;
    o.text_len = p->text.len;
    return write_out(out, &o, sizeof o, PARAM_MIN, "carealign_framework_param");
}

carealign_status carealign_framework_get_param(const carealign_framework *fw, int32_t measure,
                                               int32_t index, carealign_framework_param *out)
{
    carealign_status st;
    const carealign__fw_measure *m = measure_at(fw, measure, "carealign_framework_get_param", &st);
    if (m == NULL)
        return st;
    if (index < 0 || (size_t)index >= m->n_params)
        return bad_index("carealign_framework_get_param", index, m->n_params);
    return param_out(&m->params[index], out);
}

carealign_status carealign_framework_find_param(const carealign_framework *fw, int32_t measure,
                                                const char *name, size_t len,
                                                carealign_framework_param *out)
{
    carealign_status st;
    const carealign__fw_measure *m = measure_at(fw, measure, "carealign_framework_find_param", &st);
    if (m == NULL)
        return st;
    if (name == NULL && len > 0)
        return carealign__error(CAREALIGN_EINVAL, "carealign_framework_find_param: NULL name");
    for (size_t i = 0; i < m->n_params; i++)
        if (m->params[i].name.len == len && memcmp(m->params[i].name.p, name, len) == 0)
            return param_out(&m->params[i], out);
    return carealign__error(CAREALIGN_EMISSING, "measure '%s' does not set that journey parameter",
                            m->id.p);
}

static const carealign__fw_criterion *criterion_at(const carealign_framework *fw, int32_t measure,
                                                   int32_t criterion, const char *fn,
                                                   carealign_status *st)
{
    const carealign__fw_measure *m = measure_at(fw, measure, fn, st);
    if (m == NULL)
        return NULL;
    if (criterion < CAREALIGN_CRIT_INITIAL_POPULATION || criterion > CAREALIGN_CRIT_OBSERVATION) {
        *st = carealign__error(CAREALIGN_ERANGE, "%s: criterion %d is not a CAREALIGN_CRIT_ code",
                               fn, (int)criterion);
        return NULL;
    }
    return &m->criteria[criterion];
}

carealign_status carealign_framework_atom_count(const carealign_framework *fw, int32_t measure,
                                                int32_t criterion, size_t *out_n)
{
    carealign_status st;
    const carealign__fw_criterion *c =
        criterion_at(fw, measure, criterion, "carealign_framework_atom_count", &st);
    if (c == NULL)
        return st;
    if (out_n == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_framework_atom_count: NULL out_n");
    *out_n = c->n_atoms;
    return CAREALIGN_OK;
}

carealign_status carealign_framework_get_atom(const carealign_framework *fw, int32_t measure,
                                              int32_t criterion, size_t index,
                                              carealign_framework_atom *out)
{
    carealign_status st;
    const carealign__fw_criterion *c =
        criterion_at(fw, measure, criterion, "carealign_framework_get_atom", &st);
    if (c == NULL)
        return st;
    if (index >= c->n_atoms)
        return carealign__error(CAREALIGN_ERANGE,
                                "carealign_framework_get_atom: index %zu, the criterion has %zu",
                                index, c->n_atoms);
    const carealign__fw_atom *a = &c->atoms[index];
    carealign_framework_atom o;
    memset(&o, 0, sizeof o);
    o.kind = a->kind;
    o.which = a->which;
    o.flags = a->flags;
    o.days = a->days;
    o.at_least = a->at_least;
    o.at_most = a->at_most;
    o.values = a->values;
    o.n_values = a->n_values;
    o.sectors = a->sectors;
    o.n_sectors = a->n_sectors;
    return write_out(out, &o, sizeof o, ATOM_MIN, "carealign_framework_atom");
}

carealign_status carealign_framework_get_composite(const carealign_framework *fw, int32_t index,
                                                   double thresholds[3], const char **source,
                                                   size_t *source_len, int32_t *out_has)
{
    carealign_status st;
    const carealign__fw_measure *m =
        measure_at(fw, index, "carealign_framework_get_composite", &st);
    if (m == NULL)
        return st;
    if (thresholds == NULL || out_has == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_framework_get_composite: %s is NULL",
                                thresholds == NULL ? "thresholds" : "out_has");
    *out_has = m->has_composite;
    for (int i = 0; i < 3; i++)
        thresholds[i] = m->has_composite ? m->composite_cut[i] : NAN;
    if (source != NULL)
        *source = m->composite_source.p;
    if (source_len != NULL)
        *source_len = m->composite_source.len;
    return CAREALIGN_OK;
}

int32_t carealign_composite_score(double value, const double thresholds[3], int32_t improvement)
{
    if (thresholds == NULL || value != value)
        return 0;
    for (int32_t i = 0; i < 3; i++) {
        if (improvement == CAREALIGN_IMPROVE_INCREASE ? value >= thresholds[i]
                                                      : value <= thresholds[i])
            return i + 1;
    }
    return 4;
}

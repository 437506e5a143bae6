/* Pins the layout of every public struct of carealign/framework.h (LP64 and
 * LLP64: 8-byte pointers and size_t), so a change that moves a field fails
 * to compile on gcc, clang and mingw-w64 before it can reach the ABI. */
#include <stddef.h>
#include <stdint.h>

#include "carealign/framework.h"

#define CAREALIGN__PIN(type, member, offset)                                                       \
    _Static_assert(offsetof(type, member) == (offset), #type "." #member " moved")
#define CAREALIGN__SIZE(type, bytes) _Static_assert(sizeof(type) == (bytes), #type " resized")

#if SIZE_MAX == UINT64_MAX
CAREALIGN__SIZE(carealign_framework_load_options, 40);
CAREALIGN__PIN(carealign_framework_load_options, size, 0);
CAREALIGN__PIN(carealign_framework_load_options, source_name, 8);
CAREALIGN__PIN(carealign_framework_load_options, source_name_len, 16);
CAREALIGN__PIN(carealign_framework_load_options, max_depth, 24);
CAREALIGN__PIN(carealign_framework_load_options, flags, 28);
CAREALIGN__PIN(carealign_framework_load_options, max_bytes, 32);
CAREALIGN__SIZE(carealign_framework_info, 240);
CAREALIGN__PIN(carealign_framework_info, size, 0);
CAREALIGN__PIN(carealign_framework_info, id, 8);
CAREALIGN__PIN(carealign_framework_info, id_len, 16);
CAREALIGN__PIN(carealign_framework_info, version, 24);
CAREALIGN__PIN(carealign_framework_info, version_len, 32);
CAREALIGN__PIN(carealign_framework_info, title, 40);
CAREALIGN__PIN(carealign_framework_info, title_len, 48);
CAREALIGN__PIN(carealign_framework_info, effective_start, 56);
CAREALIGN__PIN(carealign_framework_info, effective_end, 60);
CAREALIGN__PIN(carealign_framework_info, period_start, 64);
CAREALIGN__PIN(carealign_framework_info, period_end, 68);
CAREALIGN__PIN(carealign_framework_info, interval, 72);
CAREALIGN__PIN(carealign_framework_info, n_periods, 76);
CAREALIGN__PIN(carealign_framework_info, n_measures, 80);
CAREALIGN__PIN(carealign_framework_info, n_strata, 84);
CAREALIGN__PIN(carealign_framework_info, n_crosses, 88);
CAREALIGN__PIN(carealign_framework_info, n_valuesets, 92);
CAREALIGN__PIN(carealign_framework_info, n_unit_costs, 96);
CAREALIGN__PIN(carealign_framework_info, population_base, 100);
CAREALIGN__PIN(carealign_framework_info, n_population_codes, 104);
CAREALIGN__PIN(carealign_framework_info, flags, 108);
CAREALIGN__PIN(carealign_framework_info, ce_threshold_pence, 112);
CAREALIGN__PIN(carealign_framework_info, ce_source, 120);
CAREALIGN__PIN(carealign_framework_info, ce_source_len, 128);
CAREALIGN__PIN(carealign_framework_info, price_year, 136);
CAREALIGN__PIN(carealign_framework_info, price_year_len, 144);
CAREALIGN__PIN(carealign_framework_info, cost_source, 152);
CAREALIGN__PIN(carealign_framework_info, cost_source_len, 160);
CAREALIGN__PIN(carealign_framework_info, disclosure_suppress_max, 168);
CAREALIGN__PIN(carealign_framework_info, disclosure_round_to, 172);
CAREALIGN__PIN(carealign_framework_info, disclosure_source, 176);
CAREALIGN__PIN(carealign_framework_info, disclosure_source_len, 184);
CAREALIGN__PIN(carealign_framework_info, description, 192);
CAREALIGN__PIN(carealign_framework_info, description_len, 200);
CAREALIGN__PIN(carealign_framework_info, hash, 208);
CAREALIGN__SIZE(carealign_framework_stratum, 72);
CAREALIGN__PIN(carealign_framework_stratum, size, 0);
CAREALIGN__PIN(carealign_framework_stratum, id, 8);
CAREALIGN__PIN(carealign_framework_stratum, id_len, 16);
CAREALIGN__PIN(carealign_framework_stratum, kind, 24);
CAREALIGN__PIN(carealign_framework_stratum, n_groups, 28);
CAREALIGN__PIN(carealign_framework_stratum, edition, 32);
CAREALIGN__PIN(carealign_framework_stratum, edition_len, 40);
CAREALIGN__PIN(carealign_framework_stratum, band_lower, 48);
CAREALIGN__PIN(carealign_framework_stratum, band_upper, 56);
CAREALIGN__PIN(carealign_framework_stratum, grouping, 64);
CAREALIGN__PIN(carealign_framework_stratum, reserved, 68);
CAREALIGN__SIZE(carealign_framework_valueset, 80);
CAREALIGN__PIN(carealign_framework_valueset, size, 0);
CAREALIGN__PIN(carealign_framework_valueset, kind, 8);
CAREALIGN__PIN(carealign_framework_valueset, n_codes, 12);
CAREALIGN__PIN(carealign_framework_valueset, name, 16);
CAREALIGN__PIN(carealign_framework_valueset, name_len, 24);
CAREALIGN__PIN(carealign_framework_valueset, instrument, 32);
CAREALIGN__PIN(carealign_framework_valueset, instrument_len, 40);
CAREALIGN__PIN(carealign_framework_valueset, system, 48);
CAREALIGN__PIN(carealign_framework_valueset, system_len, 56);
CAREALIGN__PIN(carealign_framework_valueset, source, 64);
CAREALIGN__PIN(carealign_framework_valueset, source_len, 72);
CAREALIGN__SIZE(carealign_unit_cost, 32);
CAREALIGN__PIN(carealign_unit_cost, size, 0);
CAREALIGN__PIN(carealign_unit_cost, contact_type, 8);
CAREALIGN__PIN(carealign_unit_cost, sector, 12);
CAREALIGN__PIN(carealign_unit_cost, per, 16);
CAREALIGN__PIN(carealign_unit_cost, reserved, 20);
CAREALIGN__PIN(carealign_unit_cost, pence, 24);
CAREALIGN__SIZE(carealign_measure_info, 296);
CAREALIGN__PIN(carealign_measure_info, size, 0);
CAREALIGN__PIN(carealign_measure_info, id, 8);
CAREALIGN__PIN(carealign_measure_info, id_len, 16);
CAREALIGN__PIN(carealign_measure_info, version, 24);
CAREALIGN__PIN(carealign_measure_info, version_len, 32);
CAREALIGN__PIN(carealign_measure_info, title, 40);
CAREALIGN__PIN(carealign_measure_info, title_len, 48);
CAREALIGN__PIN(carealign_measure_info, description, 56);
CAREALIGN__PIN(carealign_measure_info, description_len, 64);
CAREALIGN__PIN(carealign_measure_info, official_ref, 72);
CAREALIGN__PIN(carealign_measure_info, official_ref_len, 80);
CAREALIGN__PIN(carealign_measure_info, local, 88);
CAREALIGN__PIN(carealign_measure_info, local_len, 96);
CAREALIGN__PIN(carealign_measure_info, citation, 104);
CAREALIGN__PIN(carealign_measure_info, citation_len, 112);
CAREALIGN__PIN(carealign_measure_info, instrument, 120);
CAREALIGN__PIN(carealign_measure_info, instrument_len, 128);
CAREALIGN__PIN(carealign_measure_info, valueset, 136);
CAREALIGN__PIN(carealign_measure_info, valueset_len, 144);
CAREALIGN__PIN(carealign_measure_info, unit, 152);
CAREALIGN__PIN(carealign_measure_info, unit_len, 160);
CAREALIGN__PIN(carealign_measure_info, aim, 168);
CAREALIGN__PIN(carealign_measure_info, scoring, 172);
CAREALIGN__PIN(carealign_measure_info, improvement, 176);
CAREALIGN__PIN(carealign_measure_info, flags, 180);
CAREALIGN__PIN(carealign_measure_info, target, 184);
CAREALIGN__PIN(carealign_measure_info, mid, 192);
CAREALIGN__PIN(carealign_measure_info, per, 200);
CAREALIGN__PIN(carealign_measure_info, spc_min_points, 208);
CAREALIGN__PIN(carealign_measure_info, standard_population, 212);
CAREALIGN__PIN(carealign_measure_info, pairing_baseline, 216);
CAREALIGN__PIN(carealign_measure_info, pairing_follow_up, 220);
CAREALIGN__PIN(carealign_measure_info, pairing_min_days, 224);
CAREALIGN__PIN(carealign_measure_info, pairing_max_days, 228);
CAREALIGN__PIN(carealign_measure_info, pairing_organisation, 232);
CAREALIGN__PIN(carealign_measure_info, observation_aggregate, 236);
CAREALIGN__PIN(carealign_measure_info, n_params, 240);
CAREALIGN__PIN(carealign_measure_info, valueset_index, 244);
CAREALIGN__PIN(carealign_measure_info, mid_source, 248);
CAREALIGN__PIN(carealign_measure_info, mid_source_len, 256);
CAREALIGN__PIN(carealign_measure_info, target_source, 264);
CAREALIGN__PIN(carealign_measure_info, target_source_len, 272);
CAREALIGN__PIN(carealign_measure_info, url, 280);
CAREALIGN__PIN(carealign_measure_info, url_len, 288);
CAREALIGN__SIZE(carealign_framework_param, 80);
CAREALIGN__PIN(carealign_framework_param, size, 0);
CAREALIGN__PIN(carealign_framework_param, name, 8);
CAREALIGN__PIN(carealign_framework_param, name_len, 16);
CAREALIGN__PIN(carealign_framework_param, kind, 24);
CAREALIGN__PIN(carealign_framework_param, valueset, 28);
CAREALIGN__PIN(carealign_framework_param, value, 32);
CAREALIGN__PIN(carealign_framework_param, values, 40);
CAREALIGN__PIN(carealign_framework_param, n_values, 48);
CAREALIGN__PIN(carealign_framework_param, mask, 56);
CAREALIGN__PIN(carealign_framework_param, text, 64);
CAREALIGN__PIN(carealign_framework_param, text_len, 72);
CAREALIGN__SIZE(carealign_framework_atom, 72);
CAREALIGN__PIN(carealign_framework_atom, size, 0);
CAREALIGN__PIN(carealign_framework_atom, kind, 8);
CAREALIGN__PIN(carealign_framework_atom, which, 12);
CAREALIGN__PIN(carealign_framework_atom, flags, 16);
CAREALIGN__PIN(carealign_framework_atom, days, 20);
CAREALIGN__PIN(carealign_framework_atom, at_least, 24);
CAREALIGN__PIN(carealign_framework_atom, at_most, 32);
CAREALIGN__PIN(carealign_framework_atom, values, 40);
CAREALIGN__PIN(carealign_framework_atom, n_values, 48);
CAREALIGN__PIN(carealign_framework_atom, sectors, 56);
CAREALIGN__PIN(carealign_framework_atom, n_sectors, 64);
CAREALIGN__SIZE(carealign_write_options, 32);
CAREALIGN__PIN(carealign_write_options, size, 0);
CAREALIGN__PIN(carealign_write_options, flags, 8);
CAREALIGN__PIN(carealign_write_options, sig_digits, 12);
CAREALIGN__PIN(carealign_write_options, base_url, 16);
CAREALIGN__PIN(carealign_write_options, base_url_len, 24);
#endif

/* Keeps the unit non-empty without exporting anything. */
typedef int carealign__framework_layout_checked;

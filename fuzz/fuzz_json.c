/* Fuzzes the strict JSON reader: any accepted text has a canonical form that
 * is itself accepted and is a fixed point (canonical(parse(c)) == c), and
 * every number converts without crashing. Depth is limited to 32 here so
 * the fuzzer spends its time on content rather than on nesting. */
#include <stdint.h>
#include <string.h>

#include "carealign/common.h"
#include "core/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void visit(const carealign__json *v)
{
    if (v->type == CAREALIGN__JSON_NUMBER) {
        double d;
        int64_t i;
        (void)carealign__json_to_double(v, &d);
        (void)carealign__json_to_int64(v, &i);
    } else if (v->type == CAREALIGN__JSON_ARRAY) {
        for (size_t k = 0; k < v->n; k++)
            visit(&v->items[k]);
    } else if (v->type == CAREALIGN__JSON_OBJECT) {
        for (size_t k = 0; k < v->n; k++) {
            if (carealign__json_get(v, v->members[k].key) == NULL &&
                memchr(v->members[k].key, 0, v->members[k].key_len) == NULL)
                __builtin_trap(); /* every key without NUL must be found */
            visit(&v->members[k].value);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    carealign__json_limits limits = {1u << 20, 32};
    carealign__json_doc *doc = NULL;
    if (carealign__json_parse((const char *)data, size, "fuzz", &limits, &doc) != CAREALIGN_OK)
        return 0;
    visit(carealign__json_root(doc));
    carealign__json_buf first;
    carealign__json_buf_init(&first);
    carealign__json_write_canonical(&first, carealign__json_root(doc));
    carealign__json_free(doc);
    if (first.failed)
        __builtin_trap();
    carealign__json_doc *again = NULL;
    if (carealign__json_parse(first.data, first.len, "fuzz", &limits, &again) != CAREALIGN_OK)
        __builtin_trap();
    carealign__json_buf second;
    carealign__json_buf_init(&second);
    carealign__json_write_canonical(&second, carealign__json_root(again));
    carealign__json_free(again);
    if (second.failed || second.len != first.len || memcmp(first.data, second.data, first.len))
        __builtin_trap();
    carealign__json_buf_release(&first);
    carealign__json_buf_release(&second);
    return 0;
}

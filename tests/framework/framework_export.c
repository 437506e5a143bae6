/* Loads a framework file and writes one of its forms to stdout, for the
 * independent checks (check_canonical.py, check_fhir_schema.sh).
 *
 * usage: framework_export canonical|hash|fhir|fhir-pretty|fhir-schema FILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/framework.h"

static int fail(const char *what)
{
    fprintf(stderr, "framework_export: %s: %s\n", what, carealign_last_error());
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr,
                "usage: framework_export canonical|hash|fhir|fhir-pretty|fhir-schema FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[2], "rb");
    if (f == NULL) {
        fprintf(stderr, "framework_export: cannot open %s\n", argv[2]);
        return 1;
    }
    size_t cap = 1 << 16, len = 0, got;
    char *text = malloc(cap);
    while (text != NULL && (got = fread(text + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            char *bigger = realloc(text, cap *= 2);
            if (bigger == NULL)
                free(text);
            text = bigger;
        }
    }
    fclose(f);
    if (text == NULL)
        return 1;
    carealign_framework_load_options opt = CAREALIGN_FRAMEWORK_LOAD_OPTIONS_INIT;
    opt.source_name = argv[2];
    opt.source_name_len = strlen(argv[2]);
    carealign_framework *fw = NULL;
    if (carealign_framework_load(text, len, &opt, &fw) != CAREALIGN_OK) {
        free(text);
        return fail("load");
    }
    free(text);
    int rc = 0;
    const char *mode = argv[1];
    if (strcmp(mode, "hash") == 0) {
        uint8_t hash[CAREALIGN_SHA256_SIZE];
        carealign_framework_hash(fw, hash);
        for (size_t i = 0; i < sizeof hash; i++)
            printf("%02x", hash[i]);
        printf("\n");
    } else {
        size_t need = 0, out_len = 0;
        carealign_write_options w = CAREALIGN_WRITE_OPTIONS_INIT;
        int canonical = strcmp(mode, "canonical") == 0;
        if (strcmp(mode, "fhir-pretty") == 0)
            w.flags = CAREALIGN_WRITE_PRETTY;
        else if (strcmp(mode, "fhir-schema") == 0)
            w.flags = CAREALIGN_WRITE_FHIR_JSON_SCHEMA;
        else if (!canonical && strcmp(mode, "fhir") != 0) {
            fprintf(stderr, "framework_export: unknown mode %s\n", mode);
            carealign_framework_free(fw);
            return 2;
        }
        carealign_status st = canonical ? carealign_framework_canonical(fw, NULL, 0, &need)
                                        : carealign_framework_to_fhir(fw, &w, NULL, 0, &need);
        char *out = st == CAREALIGN_EBUFSIZE ? malloc(need) : NULL;
        if (out == NULL) {
            rc = fail("size query");
        } else {
            st = canonical ? carealign_framework_canonical(fw, out, need, &out_len)
                           : carealign_framework_to_fhir(fw, &w, out, need, &out_len);
            if (st != CAREALIGN_OK)
                rc = fail("write");
            else
                fwrite(out, 1, out_len, stdout);
        }
        free(out);
    }
    carealign_framework_free(fw);
    return rc;
}

/* carealign fhir --framework F [--out FILE] [--schema-strict] [--pretty]
 *
 * Loads a framework and writes it as a FHIR R4 Bundle of Measure resources
 * (carealign_framework_to_fhir_cb), atomically when --out is given. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carealign/carealign.h"
#include "commands.h"
#include "output.h"
#include "tool_framework.h"

static const char *const NAME = "fhir";

void tool_fhir_usage(FILE *out)
{
    fputs("usage: carealign fhir --framework FILE [--out FILE] [--schema-strict] [--pretty]\n"
          "\n"
          "Writes the framework as a FHIR R4 Bundle (type collection) of Measure\n"
          "resources, one per measure, to --out (replaced atomically) or stdout.\n"
          "\n"
          "  --framework FILE  the framework (JSON, plain or gzip)\n"
          "  --out FILE        write here instead of stdout\n"
          "  --schema-strict   carry each Expression's language in an extension, so\n"
          "                    that the output validates against the official FHIR R4\n"
          "                    JSON Schema too (which lists only CQL, FHIRPath and\n"
          "                    FHIR queries as languages)\n"
          "  --pretty          indent the JSON\n"
          "\n"
          "exit status: 0 written, 2 usage error, 1 other error (the framework\n"
          "could not be read or is invalid: file:line:column: message)\n",
          out);
}

static int32_t write_piece(const void *data, size_t len, void *user)
{
    return tool_out_write(user, data, len) == 0 ? 0 : 1;
}

int tool_fhir(int argc, char **argv)
{
    const char *framework = NULL, *out_path = NULL;
    uint32_t flags = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int got;
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            tool_fhir_usage(stdout);
            return TOOL_EXIT_OK;
        } else if ((got = tool_option(NAME, argc, argv, &i, "--framework", &framework)) != 0) {
            if (got < 0)
                return TOOL_EXIT_USAGE;
        } else if ((got = tool_option(NAME, argc, argv, &i, "--out", &out_path)) != 0) {
            if (got < 0)
                return TOOL_EXIT_USAGE;
        } else if (strcmp(arg, "--schema-strict") == 0) {
            flags |= CAREALIGN_WRITE_FHIR_JSON_SCHEMA;
        } else if (strcmp(arg, "--pretty") == 0) {
            flags |= CAREALIGN_WRITE_PRETTY;
        } else if (arg[0] == '-') {
            return tool_usage_error(NAME, "unknown option: %s", arg);
        } else {
            return tool_usage_error(NAME, "unexpected argument: %s", arg);
        }
    }
    if (framework == NULL)
        return tool_usage_error(NAME, "--framework FILE is required");
    carealign_framework *fw = NULL;
    if (tool_framework_load(NAME, framework, &fw) != 0)
        return TOOL_EXIT_ERROR;
    tool_out *out = tool_out_open(NAME, out_path);
    if (out == NULL) {
        carealign_framework_free(fw);
        return TOOL_EXIT_ERROR;
    }
    carealign_write_options opt = CAREALIGN_WRITE_OPTIONS_INIT;
    opt.flags = flags;
    carealign_status status = carealign_framework_to_fhir_cb(fw, &opt, write_piece, out);
    carealign_framework_free(fw);
    if (status == CAREALIGN_OK)
        status = tool_out_write(out, "\n", 1) == 0 ? CAREALIGN_OK : CAREALIGN_EIO;
    if (status != CAREALIGN_OK) {
        if (status == CAREALIGN_EIO)
            tool_error(NAME, "cannot write %s", tool_out_name(out));
        else
            tool_error(NAME, "%s", carealign_last_error());
        tool_out_abort(out);
        return TOOL_EXIT_ERROR;
    }
    return tool_out_commit(out) == 0 ? TOOL_EXIT_OK : TOOL_EXIT_ERROR;
}

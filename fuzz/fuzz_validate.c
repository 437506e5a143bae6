/* Fuzzes the row checks of `carealign validate` (tools/carealign/validate.c,
 * included here to reach its file-level functions). The first byte picks
 * the file: its low 7 bits modulo 6 give the kind in validate.c's order
 * (organisations, people, populations, responses, fft, contacts), its top
 * bit whether references to people and organisations are checked (as when
 * their files are given too); the rest is that file's content. The other
 * files are fixed (fuzz/tool_files.h) and read through in-memory input
 * (memory_input.c). As the command does, the organisations and people are
 * validated first, then the fuzzed file; its header is also recognised
 * (peek_kind) as the command does, but it is checked as the chosen kind
 * whatever the header says, to reach the row checks with any header.
 *
 * Checks, besides no crash, leak or undefined behaviour: for every file,
 * rows read = used + rejected, also when the file ends in an error. */
#include "../tools/carealign/validate.c"

#include "small_framework_once.h"
#include "memory_input.h"
#include "tool_files.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fuzz_paths[N_KINDS] = {"organisations.csv", "people.csv",
                                                "populations.csv",   "responses.csv",
                                                "fft.csv",           "contacts.csv"};

static const char *const fuzz_fixed[N_KINDS] = {fixed_organisations, fixed_people,
                                                fixed_populations,   fixed_responses,
                                                fixed_fft,           fixed_contacts};

/* Validate one file as kind k; returns as validate_file(). */
static int fuzz_check(state *s, int k)
{
    counts c;
    int rc = validate_file(s, fuzz_paths[k], k, &c);
    if (c.read != c.used + c.rejected)
        __builtin_trap();
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    int chosen = (data[0] & 0x7f) % N_KINDS;
    for (int k = 0; k < N_KINDS; k++)
        memory_file(fuzz_paths[k], fuzz_fixed[k], strlen(fuzz_fixed[k]));
    memory_file(fuzz_paths[chosen], data + 1, size - 1);

    int peeked = -1;
    if (peek_kind(fuzz_paths[chosen], &peeked) == 0 && peeked != K_MANIFEST &&
        (peeked < 0 || peeked >= N_KINDS))
        __builtin_trap();

    state s;
    memset(&s, 0, sizeof s);
    s.fw = small_framework_once();
    s.quiet = 1;
    if (data[0] & 0x80) {
        s.have_orgs = fuzz_check(&s, K_ORGS) == 0;
        s.have_people = fuzz_check(&s, K_PEOPLE) == 0;
    }
    if (!(data[0] & 0x80) || (chosen != K_ORGS && chosen != K_PEOPLE))
        (void)fuzz_check(&s, chosen);
    idset_free(&s.orgs);
    idset_free(&s.people);
    return 0;
}

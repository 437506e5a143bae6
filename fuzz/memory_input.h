/* In-memory files for the fuzz targets of the carealign command's loaders
 * (fuzz_load.c, fuzz_validate.c). memory_input.c defines the tool's input
 * functions (tools/carealign/input.h) over buffers registered here, and is
 * linked instead of tools/carealign/input.c, so that the loaders' own code,
 * unchanged, reads the fuzzer's bytes as a file's content. */
#ifndef CAREALIGN_FUZZ_MEMORY_INPUT_H
#define CAREALIGN_FUZZ_MEMORY_INPUT_H

#include <stddef.h>

/* Make path name these bytes (not copied: they must outlive every open of
 * path). Up to 8 paths; registering a path again replaces its bytes. */
void memory_file(const char *path, const void *data, size_t size);

#endif /* CAREALIGN_FUZZ_MEMORY_INPUT_H */

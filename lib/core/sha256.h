/* Internal incremental SHA-256 (FIPS 180-4), for hashing data that arrives
 * in pieces (the canonical framework, partial blobs). */
#ifndef CAREALIGN_CORE_SHA256_H
#define CAREALIGN_CORE_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct carealign__sha256 {
    uint32_t state[8];
    uint64_t total_bytes;
    uint8_t block[64];
    size_t block_used;
} carealign__sha256;

void carealign__sha256_init(carealign__sha256 *ctx);
void carealign__sha256_update(carealign__sha256 *ctx, const void *data, size_t len);
void carealign__sha256_final(carealign__sha256 *ctx, uint8_t out[32]);

#endif /* CAREALIGN_CORE_SHA256_H */

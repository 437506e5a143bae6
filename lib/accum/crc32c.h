/* Internal CRC-32C (Castagnoli), the checksum of accumulator blobs. */
#ifndef CAREALIGN_ACCUM_CRC32C_H
#define CAREALIGN_ACCUM_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/* The CRC-32C of data; CRC-32C("123456789") = 0xE3069283. */
uint32_t carealign__crc32c(const void *data, size_t len);

/* Continue a CRC-32C: update(update(0, a), b) == crc32c(a || b). */
uint32_t carealign__crc32c_update(uint32_t crc, const void *data, size_t len);

#endif /* CAREALIGN_ACCUM_CRC32C_H */

/* SHA-256 as specified in FIPS 180-4, section 6.2, and HMAC (RFC 2104)
 * over it. The round constants are the first 32 bits of the fractional
 * parts of the cube roots of the first 64 primes (FIPS 180-4, 4.2.2). */
#include <string.h>

#include "core/internal.h"
#include "core/sha256.h"

static const uint32_t round_constants[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u,
    0xab1c5ed5u, 0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu,
    0x9bdc06a7u, 0xc19bf174u, 0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu,
    0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau, 0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u,
    0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u, 0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu,
    0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u, 0xa2bfe8a1u, 0xa81a664bu,
    0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u, 0x19a4c116u,
    0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u,
    0xc67178f2u};

static uint32_t rotr(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32u - n));
}

static uint32_t load_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void store_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void compress_block(uint32_t state[8], const uint8_t block[64])
{
    uint32_t w[64];
    for (int t = 0; t < 16; t++)
        w[t] = load_be32(block + 4 * t);
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int t = 0; t < 64; t++) {
        uint32_t sum1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        uint32_t choose = (e & f) ^ (~e & g);
        uint32_t t1 = h + sum1 + choose + round_constants[t] + w[t];
        uint32_t sum0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
        uint32_t t2 = sum0 + majority;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

void carealign__sha256_init(carealign__sha256 *ctx)
{
    /* FIPS 180-4, 5.3.3: square roots of the first eight primes. */
    static const uint32_t initial[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                                        0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};
    memcpy(ctx->state, initial, sizeof initial);
    ctx->total_bytes = 0;
    ctx->block_used = 0;
}

void carealign__sha256_update(carealign__sha256 *ctx, const void *data, size_t len)
{
    const uint8_t *p = data;
    ctx->total_bytes += len;
    while (len > 0) {
        size_t take = 64 - ctx->block_used;
        if (take > len)
            take = len;
        memcpy(ctx->block + ctx->block_used, p, take);
        ctx->block_used += take;
        p += take;
        len -= take;
        if (ctx->block_used == 64) {
            compress_block(ctx->state, ctx->block);
            ctx->block_used = 0;
        }
    }
}

void carealign__sha256_final(carealign__sha256 *ctx, uint8_t out[32])
{
    uint64_t bits = ctx->total_bytes * 8u;
    uint8_t pad[72] = {0x80};
    size_t pad_len = (ctx->block_used < 56 ? 56 : 120) - ctx->block_used;
    for (int i = 0; i < 8; i++)
        pad[pad_len + (size_t)i] = (uint8_t)(bits >> (56 - 8 * i));
    uint64_t total = ctx->total_bytes;
    carealign__sha256_update(ctx, pad, pad_len + 8);
    ctx->total_bytes = total;
    for (int i = 0; i < 8; i++)
        store_be32(out + 4 * i, ctx->state[i]);
}

carealign_status carealign_sha256(const void *data, size_t len, uint8_t out[32])
{
    if ((data == NULL && len > 0) || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_sha256: NULL argument");
    carealign__sha256 ctx;
    carealign__sha256_init(&ctx);
    carealign__sha256_update(&ctx, data, len);
    carealign__sha256_final(&ctx, out);
    return CAREALIGN_OK;
}

carealign_status carealign_hmac_sha256(const void *key, size_t key_len, const void *data,
                                       size_t len, uint8_t out[32])
{
    if ((key == NULL && key_len > 0) || (data == NULL && len > 0) || out == NULL)
        return carealign__error(CAREALIGN_EINVAL, "carealign_hmac_sha256: NULL argument");
    uint8_t block_key[64] = {0};
    if (key_len > sizeof block_key)
        carealign_sha256(key, key_len, block_key);
    else if (key_len > 0)
        memcpy(block_key, key, key_len);

    uint8_t pad[64];
    carealign__sha256 ctx;
    for (int i = 0; i < 64; i++)
        pad[i] = (uint8_t)(block_key[i] ^ 0x36u);
    carealign__sha256_init(&ctx);
    carealign__sha256_update(&ctx, pad, sizeof pad);
    carealign__sha256_update(&ctx, data, len);
    uint8_t inner[32];
    carealign__sha256_final(&ctx, inner);

    for (int i = 0; i < 64; i++)
        pad[i] = (uint8_t)(block_key[i] ^ 0x5cu);
    carealign__sha256_init(&ctx);
    carealign__sha256_update(&ctx, pad, sizeof pad);
    carealign__sha256_update(&ctx, inner, sizeof inner);
    carealign__sha256_final(&ctx, out);
    return CAREALIGN_OK;
}

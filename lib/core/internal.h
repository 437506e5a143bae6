/*
 * Internal to the library: never installed, never exported. Every layer
 * reports errors, allocates and checks caller structs through these.
 */
#ifndef CAREALIGN_CORE_INTERNAL_H
#define CAREALIGN_CORE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "carealign/common.h"

/* A variable of the calling thread's own (the last error, the stats memos). */
#if defined(_MSC_VER)
#define CAREALIGN__THREAD_LOCAL __declspec(thread)
#else
#define CAREALIGN__THREAD_LOCAL _Thread_local
#endif

#if defined(__MINGW32__)
/* mingw-w64 builds use its C99 printf (__USE_MINGW_ANSI_STDIO), so %zu works. */
#define CAREALIGN__PRINTF(f, a) __attribute__((format(gnu_printf, f, a)))
#elif defined(__GNUC__)
#define CAREALIGN__PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CAREALIGN__PRINTF(f, a)
#endif

/* A function kept out of line: a slow path the compiler would otherwise
 * inline into its fast caller, whose prologue (register saves, stack
 * frame) every fast call would then pay. Empty where unknown. */
#if defined(__GNUC__)
#define CAREALIGN__NOINLINE __attribute__((noinline))
#elif defined(_MSC_VER)
#define CAREALIGN__NOINLINE __declspec(noinline)
#else
#define CAREALIGN__NOINLINE
#endif

/* A function the compiler must inline into every caller (a hot path's
 * call and frame avoided). Nothing where unknown (plain `inline`). */
#if defined(__GNUC__)
#define CAREALIGN__ALWAYS_INLINE __attribute__((always_inline))
#else
#define CAREALIGN__ALWAYS_INLINE
#endif

/* A function rarely called (a check for tests, say): laid out away from
 * the hot code, its calls taken as unlikely. Nothing where unknown. */
#if defined(__GNUC__)
#define CAREALIGN__COLD __attribute__((cold))
#else
#define CAREALIGN__COLD
#endif

/* Record an error for the calling thread and return its status, so that a
 * failing path reads `return carealign__error(CAREALIGN_EINVAL, "...")`. */
carealign_status carealign__error(carealign_status status, const char *fmt, ...)
    CAREALIGN__PRINTF(2, 3);

/* As carealign__error, with the 1-based line and column of the input. */
carealign_status carealign__error_at(carealign_status status, int64_t line, int64_t column,
                                     const char *fmt, ...) CAREALIGN__PRINTF(4, 5);

/* The one allocation path. Sizes of zero are turned into one byte so that
 * a successful call never returns NULL. carealign__alloc_array checks the
 * multiplication for overflow. */
void *carealign__malloc(size_t bytes);
void *carealign__calloc(size_t count, size_t size);
void *carealign__realloc(void *ptr, size_t bytes);
void *carealign__realloc_array(void *ptr, size_t count, size_t size);
void carealign__free(void *ptr);

/* Check a caller's size-prefixed struct. `given` is the caller's size field,
 * `known` the library's sizeof and `min` the size of the first release of the
 * struct. Too small -> EINVAL; larger with a non-zero byte beyond what the
 * library knows -> EUNSUPPORTED. */
carealign_status carealign__check_struct(const void *ptr, size_t given, size_t min, size_t known,
                                         const char *name);

/* Copy a caller's size-prefixed struct into a library-sized one: the known
 * prefix is copied, the rest of `dst` keeps the defaults already in it. */
carealign_status carealign__read_struct(void *dst, size_t known, const void *src, size_t min,
                                        const char *name);

/* The body of every public carealign_x_init(p, size): NULL or a size below
 * `min` (the first release's size) is EINVAL naming `name`; otherwise zero
 * `size` bytes and store the size in the leading size_t. */
carealign_status carealign__init_struct(void *p, size_t size, size_t min, const char *name);

#endif /* CAREALIGN_CORE_INTERNAL_H */

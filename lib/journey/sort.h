/* A small stable sort generator for the journey layer: insertion sort for
 * short runs, then bottom-up merges through a caller scratch array of the
 * same length. No allocation, no function pointers in the inner loop. */
#ifndef CAREALIGN_JOURNEY_SORT_H
#define CAREALIGN_JOURNEY_SORT_H

#include <stddef.h>
#include <string.h>

#define CAREALIGN__SORT_RUN 16

/* Defines `static void name(T *a, T *tmp, size_t n)`; LESS(x, y) compares
 * two `const T *`. tmp must hold n elements when n > CAREALIGN__SORT_RUN. */
#define CAREALIGN__DEFINE_SORT(name, T, LESS)                                                      \
    static void name##_insertion(T *a, size_t n)                                                   \
    {                                                                                              \
        for (size_t i = 1; i < n; i++) {                                                           \
            T x = a[i];                                                                            \
            size_t k = i;                                                                          \
            while (k > 0 && LESS(&x, &a[k - 1])) {                                                 \
                a[k] = a[k - 1];                                                                   \
                k--;                                                                               \
            }                                                                                      \
            a[k] = x;                                                                              \
        }                                                                                          \
    }                                                                                              \
    static void name(T *a, T *tmp, size_t n)                                                       \
    {                                                                                              \
        for (size_t lo = 0; lo < n; lo += CAREALIGN__SORT_RUN) {                                   \
            size_t hi = lo + CAREALIGN__SORT_RUN < n ? lo + CAREALIGN__SORT_RUN : n;               \
            name##_insertion(a + lo, hi - lo);                                                     \
        }                                                                                          \
        T *src = a, *dst = tmp;                                                                    \
        for (size_t w = CAREALIGN__SORT_RUN; w < n; w *= 2) {                                      \
            for (size_t lo = 0; lo < n; lo += 2 * w) {                                             \
                size_t mid = lo + w < n ? lo + w : n;                                              \
                size_t hi = lo + 2 * w < n ? lo + 2 * w : n;                                       \
                size_t i = lo, j = mid, k = lo;                                                    \
                while (i < mid && j < hi)                                                          \
                    dst[k++] = LESS(&src[j], &src[i]) ? src[j++] : src[i++];                       \
                while (i < mid)                                                                    \
                    dst[k++] = src[i++];                                                           \
                while (j < hi)                                                                     \
                    dst[k++] = src[j++];                                                           \
            }                                                                                      \
            T *swap = src;                                                                         \
            src = dst;                                                                             \
            dst = swap;                                                                            \
        }                                                                                          \
        if (src != a)                                                                              \
            memcpy(a, src, n * sizeof(T));                                                         \
    }

#endif /* CAREALIGN_JOURNEY_SORT_H */

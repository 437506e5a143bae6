/* The allocator hook: set once before the first allocation, used for every
 * allocation afterwards, and able to fail the n-th allocation. */
#include "cmocka_all.h"

#include <stdlib.h>

#include "carealign/common.h"
#include "core/internal.h"

static int calls;
static int fail_at; /* 1-based call to fail; 0 = never */

static void *counting_malloc(size_t bytes, void *user)
{
    (void)user;
    return ++calls == fail_at ? NULL : malloc(bytes);
}

static void *counting_realloc(void *ptr, size_t bytes, void *user)
{
    (void)user;
    return ++calls == fail_at ? NULL : realloc(ptr, bytes);
}

static void counting_free(void *ptr, void *user)
{
    (*(int *)user)++;
    free(ptr);
}

static int frees;

/* This test must run first: nothing may have allocated yet. */
static void hook_is_validated_then_installed(void **state)
{
    (void)state;
    carealign_allocator a;
    assert_int_equal(carealign_allocator_init(&a, sizeof a), CAREALIGN_OK);
    assert_int_equal(a.size, sizeof a);
    assert_null(a.malloc_fn);
    assert_int_equal(carealign_allocator_init(&a, sizeof a - 1), CAREALIGN_EINVAL);
    assert_int_equal(carealign_set_allocator(&a), CAREALIGN_EINVAL); /* functions missing */
    a.malloc_fn = counting_malloc;
    a.realloc_fn = counting_realloc;
    a.free_fn = counting_free;
    a.user = &frees;
    a.size = 8;
    assert_int_equal(carealign_set_allocator(&a), CAREALIGN_EINVAL); /* too small */
    a.size = sizeof a;
    assert_int_equal(carealign_set_allocator(NULL), CAREALIGN_OK);
    assert_int_equal(carealign_set_allocator(&a), CAREALIGN_OK);
}

static void allocations_go_through_the_hook(void **state)
{
    (void)state;
    int before = calls;
    void *p = carealign__malloc(10);
    assert_non_null(p);
    p = carealign__realloc(p, 1000);
    assert_non_null(p);
    carealign__free(p);
    carealign__free(NULL); /* not passed to the hook */
    assert_int_equal(calls - before, 2);
    assert_int_equal(frees, 1);
}

static void hook_cannot_change_after_allocating(void **state)
{
    (void)state;
    carealign_allocator a = CAREALIGN_ALLOCATOR_INIT;
    a.malloc_fn = counting_malloc;
    a.realloc_fn = counting_realloc;
    a.free_fn = counting_free;
    assert_int_equal(carealign_set_allocator(&a), CAREALIGN_ESTATE);
    assert_int_equal(carealign_set_allocator(NULL), CAREALIGN_ESTATE);
}

static void nth_allocation_fails_with_enomem(void **state)
{
    (void)state;
    fail_at = calls + 2;
    void *first = carealign__malloc(16);
    assert_non_null(first);
    carealign_clear_error();
    assert_null(carealign__calloc(4, 4));
    assert_int_equal(carealign_last_error_code(), CAREALIGN_ENOMEM);
    void *third = carealign__calloc(4, 4);
    assert_non_null(third);
    for (int i = 0; i < 16; i++)
        assert_int_equal(((unsigned char *)third)[i], 0);
    carealign__free(first);
    carealign__free(third);
    fail_at = 0;
}

static void overflowing_sizes_are_refused(void **state)
{
    (void)state;
    int before = calls;
    assert_null(carealign__calloc(SIZE_MAX / 2, 4));
    assert_null(carealign__realloc_array(NULL, SIZE_MAX, SIZE_MAX));
    assert_int_equal(carealign_last_error_code(), CAREALIGN_ENOMEM);
    assert_int_equal(calls, before); /* never reached the allocator */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hook_is_validated_then_installed),
        cmocka_unit_test(allocations_go_through_the_hook),
        cmocka_unit_test(hook_cannot_change_after_allocating),
        cmocka_unit_test(nth_allocation_fails_with_enomem),
        cmocka_unit_test(overflowing_sizes_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

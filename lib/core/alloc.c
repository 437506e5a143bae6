/* The one allocation path, and the allocator hook that can replace it once,
 * before the first allocation. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/internal.h"

static void *default_malloc(size_t bytes, void *user)
{
    (void)user;
    return malloc(bytes);
}

static void *default_realloc(void *ptr, size_t bytes, void *user)
{
    (void)user;
    return realloc(ptr, bytes);
}

static void default_free(void *ptr, void *user)
{
    (void)user;
    free(ptr);
}

static carealign_allocator current = {sizeof(carealign_allocator), default_malloc, default_realloc,
                                      default_free, NULL};
static atomic_int allocated_once;

carealign_status carealign_allocator_init(carealign_allocator *allocator, size_t size)
{
    if (allocator == NULL || size < sizeof(carealign_allocator))
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_allocator_init: NULL or size too small");
    *allocator = (carealign_allocator)CAREALIGN_ALLOCATOR_INIT;
    return CAREALIGN_OK;
}

carealign_status carealign_set_allocator(const carealign_allocator *allocator)
{
    if (atomic_load(&allocated_once))
        return carealign__error(CAREALIGN_ESTATE,
                                "carealign_set_allocator: the library has already allocated");
    if (allocator == NULL) {
        current = (carealign_allocator){sizeof(carealign_allocator), default_malloc,
                                        default_realloc, default_free, NULL};
        return CAREALIGN_OK;
    }
    carealign_allocator copy = CAREALIGN_ALLOCATOR_INIT;
    carealign_status status =
        carealign__read_struct(&copy, sizeof copy, allocator, sizeof copy, "carealign_allocator");
    if (status != CAREALIGN_OK)
        return status;
    if (copy.malloc_fn == NULL || copy.realloc_fn == NULL || copy.free_fn == NULL)
        return carealign__error(CAREALIGN_EINVAL,
                                "carealign_set_allocator: malloc_fn, realloc_fn and "
                                "free_fn must all be set");
    current = copy;
    return CAREALIGN_OK;
}

static void *note_failure(void *ptr, size_t bytes)
{
    if (ptr == NULL)
        carealign__error(CAREALIGN_ENOMEM, "out of memory allocating %zu bytes", bytes);
    return ptr;
}

void *carealign__malloc(size_t bytes)
{
    atomic_store(&allocated_once, 1);
    size_t asked = bytes ? bytes : 1;
    return note_failure(current.malloc_fn(asked, current.user), asked);
}

void *carealign__realloc(void *ptr, size_t bytes)
{
    atomic_store(&allocated_once, 1);
    size_t asked = bytes ? bytes : 1;
    return note_failure(current.realloc_fn(ptr, asked, current.user), asked);
}

void *carealign__realloc_array(void *ptr, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size) {
        carealign__error(CAREALIGN_ENOMEM, "allocation of %zu x %zu bytes overflows", count, size);
        return NULL;
    }
    return carealign__realloc(ptr, count * size);
}

void *carealign__calloc(size_t count, size_t size)
{
    void *ptr = carealign__realloc_array(NULL, count, size);
    if (ptr != NULL)
        memset(ptr, 0, count * size);
    return ptr;
}

void carealign__free(void *ptr)
{
    if (ptr != NULL)
        current.free_fn(ptr, current.user);
}

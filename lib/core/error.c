/* Status names and the calling thread's last error. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/internal.h"

enum { CAREALIGN__ERROR_TEXT = 512 };

struct carealign__last_error {
    carealign_status status;
    int64_t line;
    int64_t column;
    char text[CAREALIGN__ERROR_TEXT];
};

static CAREALIGN__THREAD_LOCAL struct carealign__last_error last_error;

const char *carealign_strerror(carealign_status status)
{
    switch (status) {
    case CAREALIGN_OK: return "CAREALIGN_OK: success";
    case CAREALIGN_EINVAL: return "CAREALIGN_EINVAL: invalid argument or value";
    case CAREALIGN_EMISSING: return "CAREALIGN_EMISSING: required value missing";
    case CAREALIGN_ERANGE: return "CAREALIGN_ERANGE: value out of range";
    case CAREALIGN_ENOMEM: return "CAREALIGN_ENOMEM: out of memory";
    case CAREALIGN_EPARSE: return "CAREALIGN_EPARSE: input could not be parsed";
    case CAREALIGN_EIO: return "CAREALIGN_EIO: input or output failed";
    case CAREALIGN_ECORRUPT: return "CAREALIGN_ECORRUPT: data damaged or not carealign's";
    case CAREALIGN_EUNSUPPORTED: return "CAREALIGN_EUNSUPPORTED: not supported";
    case CAREALIGN_ESTATE: return "CAREALIGN_ESTATE: not allowed in this state";
    case CAREALIGN_EBUFSIZE: return "CAREALIGN_EBUFSIZE: buffer too small";
    }
    return "unknown status";
}

const char *carealign_last_error(void)
{
    return last_error.text;
}

carealign_status carealign_last_error_code(void)
{
    return last_error.status;
}

int64_t carealign_last_error_line(void)
{
    return last_error.line;
}

int64_t carealign_last_error_column(void)
{
    return last_error.column;
}

void carealign_clear_error(void)
{
    last_error.status = CAREALIGN_OK;
    last_error.line = 0;
    last_error.column = 0;
    last_error.text[0] = '\0';
}

static carealign_status set_error(carealign_status status, int64_t line, int64_t column,
                                  const char *fmt, va_list args) CAREALIGN__PRINTF(4, 0);

static carealign_status set_error(carealign_status status, int64_t line, int64_t column,
                                  const char *fmt, va_list args)
{
    last_error.status = status;
    last_error.line = line;
    last_error.column = column;
    if (vsnprintf(last_error.text, sizeof last_error.text, fmt, args) < 0)
        strcpy(last_error.text, "error message could not be formatted");
    return status;
}

carealign_status carealign__error(carealign_status status, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    carealign_status result = set_error(status, 0, 0, fmt, args);
    va_end(args);
    return result;
}

carealign_status carealign__error_at(carealign_status status, int64_t line, int64_t column,
                                     const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    carealign_status result = set_error(status, line, column, fmt, args);
    va_end(args);
    return result;
}

carealign_status carealign__check_struct(const void *ptr, size_t given, size_t min, size_t known,
                                         const char *name)
{
    if (ptr == NULL)
        return carealign__error(CAREALIGN_EINVAL, "%s is NULL", name);
    if (given < min)
        return carealign__error(CAREALIGN_EINVAL,
                                "%s.size is %zu, smaller than the smallest release (%zu)", name,
                                given, min);
    const unsigned char *bytes = ptr;
    for (size_t i = known; i < given; i++) {
        if (bytes[i] != 0)
            return carealign__error(CAREALIGN_EUNSUPPORTED,
                                    "%s.size is %zu and sets fields this library "
                                    "(which knows %zu bytes) does not know",
                                    name, given, known);
    }
    return CAREALIGN_OK;
}

carealign_status carealign__read_struct(void *dst, size_t known, const void *src, size_t min,
                                        const char *name)
{
    if (src == NULL)
        return carealign__error(CAREALIGN_EINVAL, "%s is NULL", name);
    size_t given;
    memcpy(&given, src, sizeof given);
    carealign_status status = carealign__check_struct(src, given, min, known, name);
    if (status != CAREALIGN_OK)
        return status;
    memcpy(dst, src, given < known ? given : known);
    memcpy(dst, &known, sizeof known);
    return CAREALIGN_OK;
}

carealign_status carealign__init_struct(void *p, size_t size, size_t min, const char *name)
{
    if (p == NULL || size < min)
        return carealign__error(CAREALIGN_EINVAL, "%s_init: NULL or size %zu below %zu", name, size,
                                min);
    memset(p, 0, size);
    memcpy(p, &size, sizeof size);
    return CAREALIGN_OK;
}

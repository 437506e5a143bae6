/**
 * @file common.h
 * @brief Core: status codes, the thread's last error, allocation, versions,
 *        dates, SHA-256/HMAC-SHA256, NHS numbers and the shared estimate.
 *
 * Every other carealign header includes this one. It is the manual for the
 * conventions the whole library follows:
 *
 * - A function that can fail returns ::carealign_status: #CAREALIGN_OK (0) or a
 *   negative code that is never renumbered. Results come back through
 *   out-parameters. The detail of the most recent failure on the calling
 *   thread is in carealign_last_error().
 * - The library never prints, never calls `exit` or `abort`, and never reads
 *   or writes past a buffer it was given.
 * - Dates are `int32_t` days since 1970-01-01 (proleptic Gregorian calendar);
 *   money is `int64_t` pence; durations are whole minutes or days.
 * - Strings that come from data are UTF-8 with an explicit length.
 *
 * Thread safety: every function here may be called from any thread at any
 * time, except carealign_set_allocator(), which must be called once, before
 * anything else allocates (see docs/threading.md).
 */
#ifndef CAREALIGN_COMMON_H
#define CAREALIGN_COMMON_H

#include <stddef.h>
#include <stdint.h>

/**
 * @defgroup core Core
 * @brief Status codes, errors, allocation, versions, dates, hashing and NHS
 *        numbers.
 * @{
 */

/**
 * @def CAREALIGN_API
 * @brief Marks a function as part of the exported ABI.
 *
 * On Windows it expands to `__declspec(dllexport)` while the library itself
 * is built, to `__declspec(dllimport)` for users of the DLL and to nothing for
 * users of the static library (who define `CAREALIGN_STATIC`). With gcc and
 * clang elsewhere it sets default visibility; the library is compiled with
 * `-fvisibility=hidden`, so nothing else is exported.
 */
#if defined(_WIN32) || defined(__CYGWIN__)
#if defined(CAREALIGN_STATIC)
#define CAREALIGN_API
#elif defined(CAREALIGN_BUILDING)
#define CAREALIGN_API __declspec(dllexport)
#else
#define CAREALIGN_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define CAREALIGN_API __attribute__((visibility("default")))
#else
#define CAREALIGN_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief The result of every function that can fail.
 *
 * Zero is success; errors are negative. The numbers are part of the ABI and
 * are never renumbered: a new code only ever gets a new, more negative value.
 */
typedef enum carealign_status {
    CAREALIGN_OK = 0,        /**< Success. */
    CAREALIGN_EINVAL = -1,   /**< An argument or a value is invalid. */
    CAREALIGN_EMISSING = -2, /**< A required value is missing. */
    CAREALIGN_ERANGE = -3,   /**< A value is outside the representable or allowed range. */
    CAREALIGN_ENOMEM = -4,   /**< An allocation failed. */
    CAREALIGN_EPARSE =
        -5,             /**< Input text could not be parsed (line and column in the last error). */
    CAREALIGN_EIO = -6, /**< A caller callback reported an input or output failure. */
    CAREALIGN_ECORRUPT = -7, /**< A serialized blob is damaged or not carealign's. */
    CAREALIGN_EUNSUPPORTED =
        -8,                /**< Not supported: unknown name, newer struct, other format version. */
    CAREALIGN_ESTATE = -9, /**< The call is not allowed in the current state. */
    CAREALIGN_EBUFSIZE = -10 /**< A caller buffer is too small; the size needed is returned. */
} carealign_status;

/**
 * @brief The name and meaning of a status code, as a static string.
 * @param status Any value; unknown values give "unknown status".
 * @return A static, NUL-terminated string such as
 *         "CAREALIGN_EINVAL: invalid argument". Never NULL.
 */
CAREALIGN_API const char *carealign_strerror(carealign_status status);

/**
 * @brief The calling thread's most recent error message.
 *
 * The message names the function and, where relevant, the file, line,
 * column and field, but never a person or an answer. It stays until the
 * next failure on the same thread or carealign_clear_error(). Do not use it
 * to decide whether a call failed: use the returned status.
 *
 * @return A NUL-terminated string in thread-local storage, valid until the
 *         thread's next carealign call. Never NULL; "" when there is none.
 */
CAREALIGN_API const char *carealign_last_error(void);

/**
 * @brief The status of the calling thread's most recent error.
 * @return The status that went with carealign_last_error(), or
 *         #CAREALIGN_OK when there is none.
 */
CAREALIGN_API carealign_status carealign_last_error_code(void);

/**
 * @brief The 1-based input line of the calling thread's most recent error.
 * @return The line for parse and data errors, or 0 when the error has none.
 */
CAREALIGN_API int64_t carealign_last_error_line(void);

/**
 * @brief The 1-based input column of the calling thread's most recent error.
 * @return The column for parse errors, or 0 when the error has none.
 */
CAREALIGN_API int64_t carealign_last_error_column(void);

/**
 * @brief Forget the calling thread's last error.
 *
 * Afterwards carealign_last_error() returns "" and
 * carealign_last_error_code() returns #CAREALIGN_OK.
 */
CAREALIGN_API void carealign_clear_error(void);

/**
 * @brief A replacement for malloc, realloc and free.
 *
 * All three functions must be given. They receive @c user as their last
 * argument and must be safe to call from any thread. `realloc_fn(NULL, n)`
 * must behave as `malloc_fn(n)`. Allocation of size zero is never requested.
 */
typedef struct carealign_allocator {
    size_t size;                                  /**< sizeof(carealign_allocator). */
    void *(*malloc_fn)(size_t bytes, void *user); /**< Allocate; NULL on failure. */
    void *(*realloc_fn)(void *ptr, size_t bytes,
                        void *user);        /**< Resize; NULL on failure, @c ptr untouched. */
    void (*free_fn)(void *ptr, void *user); /**< Release; never given NULL. */
    void *user;                             /**< Passed to the three functions. */
} carealign_allocator;

/** @brief Static initialiser for ::carealign_allocator (all functions NULL). */
#define CAREALIGN_ALLOCATOR_INIT                                                                   \
    {                                                                                              \
        sizeof(carealign_allocator), NULL, NULL, NULL, NULL                                        \
    }

/**
 * @brief Initialise a ::carealign_allocator, as #CAREALIGN_ALLOCATOR_INIT does.
 * @param allocator The struct to fill.
 * @param size sizeof(carealign_allocator) as the caller knows it.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL or a size too small.
 */
CAREALIGN_API carealign_status carealign_allocator_init(carealign_allocator *allocator,
                                                        size_t size);

/**
 * @brief Route every allocation the library makes through @p allocator.
 *
 * Call it once, before anything else in the process allocates through
 * carealign. The allocator is copied. Passing NULL restores the C library's
 * functions, also only before the first allocation.
 *
 * Not thread-safe with respect to other carealign calls.
 *
 * @param allocator The functions to use, or NULL for malloc/realloc/free.
 * @return #CAREALIGN_OK; #CAREALIGN_ESTATE once the library has allocated;
 *         #CAREALIGN_EINVAL when a function is missing or the size is wrong;
 *         #CAREALIGN_EUNSUPPORTED for a larger struct with unknown fields set.
 */
CAREALIGN_API carealign_status carealign_set_allocator(const carealign_allocator *allocator);

/**
 * @brief The run-time library version as a number.
 * @return major * 10000 + minor * 100 + patch, comparable with
 *         #CAREALIGN_VERSION_NUMBER from carealign/version.h.
 */
CAREALIGN_API uint32_t carealign_version(void);

/**
 * @brief The run-time library version as text.
 * @return A static string such as "0.1.0". Never NULL.
 */
CAREALIGN_API const char *carealign_version_string(void);

/**
 * @brief The methods version: bumped whenever any figure for the same input
 *        changes.
 *
 * Results and serialized partials carry it; merging partials made under
 * different methods versions is refused.
 *
 * @return The methods version, 1 or more.
 */
CAREALIGN_API uint32_t carealign_methods_version(void);

/**
 * @name Missing values in columnar feeds
 * @{
 */
/** @brief Missing value in an `int32_t` column (INT32_MIN). */
#define CAREALIGN_NA_I32 INT32_MIN
/** @brief Missing value in an `int64_t` column or a unit-cost cell (INT64_MIN). */
#define CAREALIGN_NA_I64 INT64_MIN
/** @} */

/**
 * @name Dates
 * Days since 1970-01-01 in the proleptic Gregorian calendar, for the years
 * 0001 to 9999 (#CAREALIGN_DATE_MIN to #CAREALIGN_DATE_MAX).
 * @{
 */

/** @brief The first supported day, 0001-01-01. */
#define CAREALIGN_DATE_MIN (-719162)
/** @brief The last supported day, 9999-12-31. */
#define CAREALIGN_DATE_MAX 2932896
/** @brief Bytes needed to format a date, including the terminating NUL. */
#define CAREALIGN_DATE_BUFSIZE 11

/**
 * @brief Parse an ISO 8601 calendar date, exactly `YYYY-MM-DD`.
 *
 * The whole of @p text must be the date: no spaces, no time, no trailing
 * characters. Impossible dates such as 2026-02-30 or 2026-13-01 are refused.
 *
 * @param text The characters; need not be NUL-terminated.
 * @param len The number of characters in @p text.
 * @param out_days Receives the day number on success.
 * @return #CAREALIGN_OK; #CAREALIGN_EPARSE for text that is not a date
 *         (column of the first bad character in the last error);
 *         #CAREALIGN_EINVAL for NULL arguments.
 */
CAREALIGN_API carealign_status carealign_date_parse(const char *text, size_t len,
                                                    int32_t *out_days);

/**
 * @brief Format a day number as `YYYY-MM-DD`.
 * @param days A day between #CAREALIGN_DATE_MIN and #CAREALIGN_DATE_MAX.
 * @param buf Receives the text and a terminating NUL.
 * @param cap The size of @p buf; #CAREALIGN_DATE_BUFSIZE is enough.
 * @param out_len Receives 10, the length without the NUL; may be NULL.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for a day outside the range;
 *         #CAREALIGN_EBUFSIZE when @p cap is too small (nothing written);
 *         #CAREALIGN_EINVAL for a NULL @p buf.
 */
CAREALIGN_API carealign_status carealign_date_format(int32_t days, char *buf, size_t cap,
                                                     size_t *out_len);

/**
 * @brief The day number of a calendar date.
 * @param year 1 to 9999.
 * @param month 1 to 12.
 * @param day 1 to the length of that month.
 * @param out_days Receives the day number.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for a date that does not exist;
 *         #CAREALIGN_EINVAL for a NULL @p out_days.
 */
CAREALIGN_API carealign_status carealign_date_from_ymd(int32_t year, int32_t month, int32_t day,
                                                       int32_t *out_days);

/**
 * @brief The calendar date of a day number.
 * @param days A day between #CAREALIGN_DATE_MIN and #CAREALIGN_DATE_MAX.
 * @param out_year Receives the year.
 * @param out_month Receives the month, 1 to 12.
 * @param out_day Receives the day of the month.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for a day outside the range;
 *         #CAREALIGN_EINVAL for NULL out-parameters.
 */
CAREALIGN_API carealign_status carealign_date_to_ymd(int32_t days, int32_t *out_year,
                                                     int32_t *out_month, int32_t *out_day);

/**
 * @brief Age in completed years on a date.
 *
 * A person born on 29 February reaches each new year of age on 1 March in
 * years that are not leap years (the usual rule in England and Wales).
 *
 * @param birth The day of birth.
 * @param at The day at which the age is wanted; not before @p birth.
 * @param out_age Receives the whole years completed.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for days outside the range or
 *         @p at before @p birth; #CAREALIGN_EINVAL for a NULL @p out_age.
 */
CAREALIGN_API carealign_status carealign_age_years(int32_t birth, int32_t at, int32_t *out_age);

/**
 * @brief The financial year that contains a day.
 *
 * A financial year starts on the first day of @p start_month and is named by
 * the calendar year in which it starts: with @p start_month 4 (the UK public
 * sector's April to March year), 2027-03-31 is in 2026 (2026/27).
 *
 * @param days The day.
 * @param start_month The first month of the financial year, 1 to 12.
 * @param out_start_year Receives the calendar year in which that financial
 *        year starts.
 * @return #CAREALIGN_OK; #CAREALIGN_ERANGE for a day or month outside the
 *         range; #CAREALIGN_EINVAL for a NULL @p out_start_year.
 */
CAREALIGN_API carealign_status carealign_financial_year(int32_t days, int32_t start_month,
                                                        int32_t *out_start_year);
/** @} */

/**
 * @name Hashing
 * SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), in-tree so that the
 * library needs no cryptographic dependency.
 * @{
 */

/** @brief Bytes in a SHA-256 digest. */
#define CAREALIGN_SHA256_SIZE 32

/**
 * @brief The SHA-256 digest of a buffer.
 * @param data The bytes; may be NULL when @p len is 0.
 * @param len The number of bytes.
 * @param out Receives the #CAREALIGN_SHA256_SIZE-byte digest.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL pointers.
 */
CAREALIGN_API carealign_status carealign_sha256(const void *data, size_t len,
                                                uint8_t out[CAREALIGN_SHA256_SIZE]);

/**
 * @brief The HMAC-SHA256 of a buffer under a key.
 * @param key The key bytes; may be NULL when @p key_len is 0.
 * @param key_len The key length; keys longer than 64 bytes are hashed first.
 * @param data The message; may be NULL when @p len is 0.
 * @param len The message length.
 * @param out Receives the #CAREALIGN_SHA256_SIZE-byte tag.
 * @return #CAREALIGN_OK, or #CAREALIGN_EINVAL for NULL pointers.
 */
CAREALIGN_API carealign_status carealign_hmac_sha256(const void *key, size_t key_len,
                                                     const void *data, size_t len,
                                                     uint8_t out[CAREALIGN_SHA256_SIZE]);
/** @} */

/**
 * @name NHS numbers
 * @{
 */

/** @brief Bytes needed for a normalised NHS number and its terminating NUL. */
#define CAREALIGN_NHS_NUMBER_BUFSIZE 11

/**
 * @brief Normalise an NHS number and check its Modulus 11 check digit.
 *
 * Spaces and hyphens are removed (as in "943 476 5919" or "943-476-5919");
 * what remains must be exactly ten digits whose tenth is the Modulus 11
 * check digit of the first nine. Numbers whose check computes to 10 are
 * invalid. The error message never repeats the number.
 *
 * @param text The characters; need not be NUL-terminated.
 * @param len The number of characters.
 * @param out Receives the ten digits and a terminating NUL.
 * @return #CAREALIGN_OK; #CAREALIGN_EPARSE for other characters or not ten
 *         digits; #CAREALIGN_EINVAL for a wrong check digit or NULL pointers.
 */
CAREALIGN_API carealign_status carealign_nhs_number_normalise(
    const char *text, size_t len, char out[CAREALIGN_NHS_NUMBER_BUFSIZE]);

/**
 * @brief The keyed pseudonym of an NHS number: HMAC-SHA256 of its ten
 *        normalised digits.
 *
 * Partners who share a key under a data-sharing agreement can link records
 * about one person without exchanging the number. The pseudonym is still
 * personal data.
 *
 * @param key The shared secret key.
 * @param key_len The key length in bytes; at least 16.
 * @param text The NHS number as carealign_nhs_number_normalise() accepts it.
 * @param len The number of characters.
 * @param out Receives the #CAREALIGN_SHA256_SIZE-byte pseudonym.
 * @return #CAREALIGN_OK; the errors of carealign_nhs_number_normalise();
 *         #CAREALIGN_EINVAL for a key shorter than 16 bytes.
 */
CAREALIGN_API carealign_status
carealign_nhs_number_pseudonymise(const void *key, size_t key_len, const char *text, size_t len,
                                  uint8_t out[CAREALIGN_SHA256_SIZE]);
/** @} */

/**
 * @name Estimates
 * The one result type that statistics, accumulators and the scorecard share.
 * @{
 */

/** @brief No method: the estimate is a plain count or was not computed. */
#define CAREALIGN_METHOD_NONE 0
/** @brief Wilson score interval for a proportion. */
#define CAREALIGN_METHOD_WILSON 1
/** @brief Exact (chi-square / Poisson) interval. */
#define CAREALIGN_METHOD_EXACT 2
/** @brief Byar's approximation to the Poisson interval. */
#define CAREALIGN_METHOD_BYAR 3
/** @brief Student t interval for a mean. */
#define CAREALIGN_METHOD_T 4
/** @brief Dobson's method for a directly standardised rate. */
#define CAREALIGN_METHOD_DOBSON 5
/** @brief A quantile (median) of an exact distribution, with a
 *         distribution-free interval. (6 to 8 are reserved.) */
#define CAREALIGN_METHOD_QUANTILE 9

/** @brief Too few events or people for a value or an interval. */
#define CAREALIGN_EST_TOO_FEW 0x1u
/** @brief The lower limit is not available (for example below zero). */
#define CAREALIGN_EST_LOWER_NA 0x2u
/** @brief The upper limit is not available. */
#define CAREALIGN_EST_UPPER_NA 0x4u
/** @brief Suppressed by disclosure control. */
#define CAREALIGN_EST_SUPPRESSED 0x8u
/** @brief Computed under a local, not an official, definition. */
#define CAREALIGN_EST_LOCAL_DEFINITION 0x10u
/** @brief Survey-weighted: carealign_estimate::n is Kish's effective sample size.
 *         (0x20 is reserved.) */
#define CAREALIGN_EST_WEIGHTED 0x40u

/**
 * @brief An estimate with its interval. 40 bytes; frozen once released.
 *
 * A value that cannot be computed is NaN, never 0; so is an unavailable
 * limit, with the reason in @c flags.
 */
typedef struct carealign_estimate {
    double value;   /**< The estimate; NaN when not computable. */
    double lower;   /**< Lower confidence limit; NaN when not available. */
    double upper;   /**< Upper confidence limit; NaN when not available. */
    double n;       /**< Denominator, count or effective sample size. */
    int32_t method; /**< A CAREALIGN_METHOD_ constant. */
    uint32_t flags; /**< CAREALIGN_EST_ flags. */
} carealign_estimate;
/** @} */

#ifdef __cplusplus
}
#endif

/** @} */

#endif /* CAREALIGN_COMMON_H */

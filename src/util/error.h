/* Raising errors inside the library (private). */
#ifndef SCD_ERROR_H
#define SCD_ERROR_H

#include "scodiff/common.h"

#if defined(__GNUC__)
#define SCD_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SCD_PRINTF(f, a)
#endif

/*
 * Record a message for scd_error_last() and return `code`, so that error
 * paths read `return scd_error__set(SCD_EINVALID, "'%s': …", path);`.
 */
int scd_error__set(int code, const char *fmt, ...) SCD_PRINTF(2, 3);

/* Record "out of memory" and return SCD_ENOMEM. */
int scd_error__nomem(void);

/*
 * Translate an ICU status into an scodiff error: records "what: ICU
 * message" and returns SCD_ERROR (SCD_ENOMEM for U_MEMORY_ALLOCATION_ERROR).
 * `status` is an int so that this header does not pull in ICU.
 */
int scd_error__icu(int status, const char *what);

#endif

/* Thread-local last-error message (libgit2's git_error_last() model). */
#include <stdarg.h>
#include <stdio.h>
#include <unicode/utypes.h>

#include "util/error.h"

static _Thread_local char last_message[1024];

const char *scd_error_last(void)
{
	return last_message;
}

void scd_error_clear(void)
{
	last_message[0] = '\0';
}

int scd_error__set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_message, sizeof(last_message), fmt, ap);
	va_end(ap);
	return code;
}

int scd_error__nomem(void)
{
	return scd_error__set(SCD_ENOMEM, "out of memory");
}

int scd_error__icu(int status, const char *what)
{
	UErrorCode code = (UErrorCode)status;

	if (code == U_MEMORY_ALLOCATION_ERROR)
		return scd_error__nomem();
	return scd_error__set(SCD_ERROR, "%s: %s", what, u_errorName(code));
}

const char *scd_version(void)
{
	return SCD_VERSION;
}

/*
 * The JSON string writer (json.h).  Bytes that need nothing are written
 * in runs, one fwrite per run: most of a document's text is such a run.
 * Every control character (C0, DEL, C1, the bidirectional ones) is
 * escaped, so a report is safe to show on a terminal as it is.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/utf8.h>

#include "scodiff/common.h"
#include "report/json.h"

/* The escape of ASCII byte c under `flags`, or NULL when c stands as it is. */
static const char *escape(unsigned char c, unsigned int flags, char buf[8])
{
	switch (c) {
	case '"': return "\\\"";
	case '\\': return "\\\\";
	case '<': return flags & SCD_JSON_HTML ? "\\u003c" : NULL;
	case '>': return flags & SCD_JSON_HTML ? "\\u003e" : NULL;
	case '&': return flags & SCD_JSON_HTML ? "\\u0026" : NULL;
	default: break;
	}
	if (c >= 0x20 && c != 0x7F)
		return NULL;
	if (!(flags & SCD_JSON_HEX_CONTROLS)) {
		if (c == '\n')
			return "\\n";
		if (c == '\r')
			return "\\r";
		if (c == '\t')
			return "\\t";
	}
	snprintf(buf, 8, "\\u%04x", c);
	return buf;
}

void scd_json__chars(FILE *f, const char *s, size_t len, unsigned int flags)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i = 0, run = 0;
	char buf[16];

	while (i < len) {
		const char *e;
		size_t at = i;
		if (u[i] >= 0x80) {
			UChar32 c;
			U8_NEXT(u, i, len, c);
			/* C1 and bidirectional controls escaped too: the
			 * same string, and nothing that drives a terminal
			 * the JSON is shown on (scd_quote_needed()) */
			if (c >= 0 && !scd_quote_needed((uint32_t)c))
				continue;
			if (c >= 0)
				snprintf(buf, sizeof(buf), "\\u%04x", (unsigned int)c);
			e = c >= 0 ? buf : "\\ufffd";
		} else if (!(e = escape(u[i++], flags, buf))) {
			continue;
		}
		fwrite(s + run, 1, at - run, f);
		fputs(e, f);
		run = i;
	}
	fwrite(s + run, 1, len - run, f);
}

void scd_json__string(FILE *f, const char *s, size_t len, unsigned int flags)
{
	fputc('"', f);
	scd_json__chars(f, s, len, flags);
	fputc('"', f);
}

void scd_json__cstring(FILE *f, const char *s, unsigned int flags)
{
	scd_json__string(f, s, strlen(s), flags);
}

/*
 * Terminal-safe output of text and file names (scodiff/common.h): the
 * one writer every terminal report, error line and commit message goes
 * through, so that no control character from a user's file reaches a
 * terminal raw.  Escapes follow git's quoting of paths (quote.c,
 * core.quotePath): a name is left bare unless something in it needs an
 * escape, and then put in double quotes.
 */
#include <stdio.h>
#include <string.h>

#include "scodiff/common.h"

int scd_quote_needed(uint32_t c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x061C ||
	       c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069);
}

/*
 * The length of the well-formed UTF-8 sequence at s[0..n) and its code
 * point in *c, or 0 when s does not start with one (a stray byte, an
 * overlong form, a surrogate, beyond U+10FFFF, cut short).
 */
static size_t utf8_next(const unsigned char *s, size_t n, uint32_t *c)
{
	size_t len, i;
	uint32_t v;

	if (s[0] < 0x80)
		return *c = s[0], 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, v = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, v = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, v = s[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	return *c = v, len;
}

/* Whether the character c (of length len, 0 for a stray byte) is
 * written as an escape under `flags`. */
static int escaped(uint32_t c, size_t len, unsigned int flags)
{
	if (!len)
		return 1;
	if ((flags & SCD_QUOTE_LINES) && (c == '\n' || c == '\t'))
		return 0;
	return scd_quote_needed(c);
}

/* Whether a name needs its quotes: anything escaped in it, or a '"' or
 * '\\' (which git quotes too, so that the quoted form reads back). */
static int needs_quotes(const unsigned char *s, size_t n)
{
	size_t i = 0, len;
	uint32_t c = 0;

	while (i < n) {
		len = utf8_next(s + i, n - i, &c);
		if (escaped(c, len, 0) || c == '"' || c == '\\')
			return 1;
		i += len ? len : 1;
	}
	return 0;
}

/* c's escape in a quoted name, as git's quote_c_style writes it, or 0
 * when it has no letter (it is then written in octal). */
static int name_letter(uint32_t c)
{
	switch (c) {
	case '\a': return 'a';
	case '\b': return 'b';
	case '\t': return 't';
	case '\n': return 'n';
	case '\v': return 'v';
	case '\f': return 'f';
	case '\r': return 'r';
	case '"': return '"';
	case '\\': return '\\';
	default: return 0;
	}
}

/* The escape of the character s[0..len) (len 0: the stray byte s[0]). */
static void put_escape(FILE *f, const unsigned char *s, size_t len, uint32_t c, int quoted)
{
	size_t i;

	if (quoted) {
		/* git's form, which git apply and GNU patch read back: a
		 * letter, or each byte in octal */
		if (len == 1 && name_letter(c))
			fprintf(f, "\\%c", name_letter(c));
		else
			for (i = 0; i < (len ? len : 1); i++)
				fprintf(f, "\\%03o", s[i]);
	} else if (!len || c < 0x80) {
		fprintf(f, "\\x%02x", s[0]);
	} else {
		fprintf(f, "\\u%04x", (unsigned int)c);
	}
}

int scd_quote_write(FILE *f, const char *str, size_t n, unsigned int flags)
{
	const unsigned char *s = (const unsigned char *)str;
	int quote = (flags & SCD_QUOTE_NAME) && needs_quotes(s, n);
	size_t i = 0, run = 0, len;
	uint32_t c = 0;

	if (quote)
		fputc('"', f);
	/* plain runs are written in one go, escapes one by one */
	while (i < n) {
		len = utf8_next(s + i, n - i, &c);
		if (!escaped(c, len, flags) && !(quote && (c == '"' || c == '\\'))) {
			i += len;
			continue;
		}
		fwrite(s + run, 1, i - run, f);
		put_escape(f, s + i, len, c, quote);
		i += len ? len : 1;
		run = i;
	}
	fwrite(s + run, 1, n - run, f);
	if (quote)
		fputc('"', f);
	return ferror(f) ? SCD_EIO : 0;
}

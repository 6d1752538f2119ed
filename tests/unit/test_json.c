/*
 * Unit tests of the JSON string writer (report/json.c): JSON's escapes,
 * every control character, the HTML-safe and hex-controls flags, strings
 * with an explicit length (an embedded NUL), and invalid UTF-8 written as
 * \ufffd per ill-formed sequence, never raw.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/json.h"
#include "util.h"

/* s[0..len) through the writer (quotes included unless `inside`),
 * malloc'd and NUL-terminated. */
static char *written(const char *s, size_t len, unsigned int flags, int inside)
{
	return util_written(inside ? scd_json__chars : scd_json__string, s, len, flags);
}

static void expect(const char *s, size_t len, unsigned int flags, const char *want)
{
	char *out = written(s, len, flags, 0);
	assert_string_equal(out, want);
	free(out);
}

#define EXPECT(lit, flags, want) expect(lit, sizeof(lit) - 1, flags, want)

static void escapes(void **state)
{
	(void)state;
	EXPECT("", SCD_JSON_PLAIN, "\"\"");
	EXPECT("plain text", SCD_JSON_PLAIN, "\"plain text\"");
	EXPECT("say \"hi\"\\", SCD_JSON_PLAIN, "\"say \\\"hi\\\"\\\\\"");
	/* '/' and other characters are not escaped */
	EXPECT("a/bé上海😀", SCD_JSON_PLAIN, "\"a/bé上海😀\"");
	/* DEL, C1 controls (the CSI U+009B) and bidirectional overrides are:
	 * shown on a terminal, they would drive it or reorder the line */
	EXPECT("a\x7f" "b\xc2\x9b" "c\xe2\x80\xae" "d\xe2\x81\xa6", SCD_JSON_PLAIN,
	       "\"a\\u007fb\\u009bc\\u202ed\\u2066\"");
	/* nor is a real U+FFFD, or a line separator */
	EXPECT("\xef\xbf\xbd\xe2\x80\xa8", SCD_JSON_PLAIN, "\"\xef\xbf\xbd\xe2\x80\xa8\"");
	/* plain JSON leaves markup alone */
	EXPECT("<b>&</b>", SCD_JSON_PLAIN, "\"<b>&</b>\"");
}

static void controls(void **state)
{
	char s[32], want[32 * 6 + 3], *p = want, *out;
	unsigned int c;

	(void)state;
	for (c = 0; c < 32; c++)
		s[c] = (char)c;
	*p++ = '"';
	for (c = 0; c < 32; c++) {
		if (c == '\n' || c == '\r' || c == '\t')
			p += sprintf(p, "\\%c", c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
		else
			p += sprintf(p, "\\u%04x", c);
	}
	strcpy(p, "\"");
	out = written(s, sizeof(s), SCD_JSON_PLAIN, 0);
	assert_string_equal(out, want);
	free(out);

	/* store show's form: every control as \u00xx */
	EXPECT("a\nb\r\tc\x1f", SCD_JSON_HEX_CONTROLS, "\"a\\u000ab\\u000d\\u0009c\\u001f\"");
	EXPECT("\"\\", SCD_JSON_HEX_CONTROLS, "\"\\\"\\\\\"");
}

static void html_safe(void **state)
{
	(void)state;
	EXPECT("</script><!--&\"\\\n\x01é", SCD_JSON_HTML,
	       "\"\\u003c/script\\u003e\\u003c!--\\u0026\\\"\\\\\\n\\u0001é\"");
	EXPECT("a<b", SCD_JSON_HTML | SCD_JSON_HEX_CONTROLS, "\"a\\u003cb\"");
	EXPECT("x\ny", SCD_JSON_HTML | SCD_JSON_HEX_CONTROLS, "\"x\\u000ay\"");
}

static void invalid_utf8(void **state)
{
	(void)state;
	/* "中文" in GBK: no byte pair is UTF-8, each byte is one sequence */
	EXPECT("\xd6\xd0\xce\xc4.txt", SCD_JSON_PLAIN,
	       "\"\\ufffd\\ufffd\\ufffd\\ufffd.txt\"");
	/* a lone continuation byte; a byte never used by UTF-8 */
	EXPECT("a\x80" "b\xff" "c", SCD_JSON_PLAIN, "\"a\\ufffdb\\ufffdc\"");
	/* a sequence cut short is one replacement (its maximal subpart) */
	EXPECT("\xe4\xb8" "x", SCD_JSON_PLAIN, "\"\\ufffdx\"");
	EXPECT("上\xe4\xb8", SCD_JSON_PLAIN, "\"上\\ufffd\"");
	EXPECT("\xf0\x9f\x98", SCD_JSON_PLAIN, "\"\\ufffd\"");
	/* overlong forms, a surrogate, beyond U+10FFFF */
	EXPECT("\xc0\xaf", SCD_JSON_PLAIN, "\"\\ufffd\\ufffd\"");
	EXPECT("\xe0\x80\xaf", SCD_JSON_PLAIN, "\"\\ufffd\\ufffd\\ufffd\"");
	EXPECT("\xed\xa0\x80", SCD_JSON_PLAIN, "\"\\ufffd\\ufffd\\ufffd\"");
	EXPECT("\xf4\x90\x80\x80", SCD_JSON_PLAIN, "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	/* the same in the HTML-safe mode, next to an escape */
	EXPECT("<\xd6>", SCD_JSON_HTML, "\"\\u003c\\ufffd\\u003e\"");
}

static void explicit_length(void **state)
{
	char *out;

	(void)state;
	EXPECT("a\0b", SCD_JSON_PLAIN, "\"a\\u0000b\"");
	EXPECT("\0", SCD_JSON_HTML, "\"\\u0000\"");
	/* only len bytes are read: a cut inside a character is replaced */
	expect("上海", 2, SCD_JSON_PLAIN, "\"\\ufffd\"");
	expect("abc", 2, SCD_JSON_PLAIN, "\"ab\"");

	out = written("a\"b", 3, SCD_JSON_PLAIN, 1);
	assert_string_equal(out, "a\\\"b");
	free(out);
}

/* Written in pieces cut at character boundaries, a string reads as whole. */
static void pieces(void **state)
{
	static const char s[] = "上海<合作>\n组织 & \"co\"";
	size_t cut;
	char *whole;

	(void)state;
	whole = written(s, sizeof(s) - 1, SCD_JSON_HTML, 1);
	for (cut = 0; cut < sizeof(s); cut++) {
		char *buf = NULL;
		size_t n = 0;
		FILE *f;
		if ((s[cut] & 0xC0) == 0x80)
			continue;
		f = open_memstream(&buf, &n);
		assert_non_null(f);
		scd_json__chars(f, s, cut, SCD_JSON_HTML);
		scd_json__chars(f, s + cut, sizeof(s) - 1 - cut, SCD_JSON_HTML);
		assert_int_equal(fclose(f), 0);
		assert_string_equal(buf, whole);
		free(buf);
	}
	free(whole);
}

static void cstring(void **state)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	(void)state;
	assert_non_null(f);
	scd_json__cstring(f, "tab\there", SCD_JSON_PLAIN);
	scd_json__cstring(f, "", SCD_JSON_HTML);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(buf, "\"tab\\there\"\"\"");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes),
		cmocka_unit_test(controls),
		cmocka_unit_test(html_safe),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(explicit_length),
		cmocka_unit_test(pieces),
		cmocka_unit_test(cstring),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

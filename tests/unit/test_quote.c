/*
 * Unit tests of the terminal-safe writer (util/quote.c): names bare when
 * nothing needs an escape and quoted as git quotes paths otherwise; text
 * with every control character (C0, DEL, C1, bidirectional) escaped and
 * nothing else touched; stray bytes escaped, never copied.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scodiff/common.h"
#include "util.h"

static void quote(FILE *f, const char *s, size_t len, unsigned int flags)
{
	assert_int_equal(scd_quote_write(f, s, len, flags), 0);
}

/* s[0..len) through scd_quote_write() under flags, compared with want. */
static void expect(const char *s, size_t len, unsigned int flags, const char *want)
{
	char *out = util_written(quote, s, len, flags);
	assert_string_equal(out, want);
	free(out);
}

#define EXPECT(lit, flags, want) expect(lit, sizeof(lit) - 1, flags, want)

static void names(void **state)
{
	(void)state;
	/* ordinary names, CJK and spaces included, stand as they are */
	EXPECT("corpora/上海 合作.txt", SCD_QUOTE_NAME, "corpora/上海 合作.txt");
	EXPECT("", SCD_QUOTE_NAME, "");
	/* git's quote_c_style: letters for the usual controls, octal for
	 * the others, each byte of a multi-byte control in octal */
	EXPECT("a\nb\tc\033[31m", SCD_QUOTE_NAME, "\"a\\nb\\tc\\033[31m\"");
	EXPECT("x\a\b\v\f\r\x7f", SCD_QUOTE_NAME, "\"x\\a\\b\\v\\f\\r\\177\"");
	EXPECT("csi\xc2\x9b" "2J", SCD_QUOTE_NAME, "\"csi\\302\\2332J\"");
	EXPECT("rtl\xe2\x80\xaetxt.exe", SCD_QUOTE_NAME, "\"rtl\\342\\200\\256txt.exe\"");
	/* a quote or backslash alone makes git quote the name too */
	EXPECT("say \"hi\".txt", SCD_QUOTE_NAME, "\"say \\\"hi\\\".txt\"");
	EXPECT("a\\b", SCD_QUOTE_NAME, "\"a\\\\b\"");
	/* a name in GBK (from a Windows zip): each byte in octal, the rest
	 * of the name as it is */
	EXPECT("\xd6\xd0\xce\xc4.txt", SCD_QUOTE_NAME, "\"\\326\\320\\316\\304.txt\"");
	/* valid non-ASCII next to an escape keeps its bytes */
	EXPECT("上\n海", SCD_QUOTE_NAME, "\"上\\n海\"");
}

static void text(void **state)
{
	char all[32], want[32 * 4 + 1];
	unsigned int c;
	char *p = want;

	(void)state;
	/* every C0 control as \xNN, whatever the flags but LINES */
	for (c = 0; c < 32; c++) {
		all[c] = (char)c;
		p += sprintf(p, "\\x%02x", c);
	}
	expect(all, sizeof(all), 0, want);
	EXPECT("a\x7f" "b", 0, "a\\x7fb");
	/* C1 and bidirectional controls as \uNNNN */
	EXPECT("\xc2\x80\xc2\x9b\xc2\x9f", 0, "\\u0080\\u009b\\u009f");
	EXPECT("\xd8\x9c\xe2\x80\x8e\xe2\x80\x8f\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9", 0,
	       "\\u061c\\u200e\\u200f\\u202a\\u202e\\u2066\\u2069");
	/* what is not a control stands: U+00A0, U+200B, U+2028, CJK, emoji,
	 * quotes and backslashes (text is never quoted) */
	EXPECT("\xc2\xa0\xe2\x80\x8b\xe2\x80\xa8上😀\"\\", 0, "\xc2\xa0\xe2\x80\x8b\xe2\x80\xa8上😀\"\\");
	/* stray bytes, overlong forms, surrogates, cut short: \xNN a byte */
	EXPECT("a\xff" "b\xc0\xaf" "c\xed\xa0\x80" "d\xe4\xb8", 0,
	       "a\\xffb\\xc0\\xafc\\xed\\xa0\\x80d\\xe4\\xb8");
	/* multi-line text keeps its newlines and tabs, not a return */
	EXPECT("一\n二\t三\r\033", SCD_QUOTE_LINES, "一\n二\t三\\x0d\\x1b");
	/* an embedded NUL is a character like any other */
	EXPECT("a\0b", 0, "a\\x00b");
}

static void needed(void **state)
{
	(void)state;
	assert_true(scd_quote_needed(0x1B));
	assert_true(scd_quote_needed(0x9B));
	assert_true(scd_quote_needed(0x202E));
	assert_false(scd_quote_needed(' '));
	assert_false(scd_quote_needed(0x4E0A));
	assert_false(scd_quote_needed(0xA0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names),
		cmocka_unit_test(text),
		cmocka_unit_test(needed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Unit tests of segment.c: the word-space rule by script, the one table
 * of sentence stops and closers, the line scanner's ranges, sentence ends
 * read backwards, forwards and streamed, and the paragraphs of a text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "text/segment.h"

static void words_by_script(void **state)
{
	static const uint32_t words[] = {
		'a', 'Z', '7', 0xE9 /* é */, 0x436 /* ж */, 0x3B1 /* α */,
		0xD55C /* 한 */, 0xFF21 /* Ａ */, 0xFF11 /* １ */, 0x661 /* ١ */
	};
	static const uint32_t not_words[] = {
		' ', ',', '-', 0x4E2D /* 中 */, 0x20000 /* 𠀀 */, 0x3042 /* あ */,
		0x30AB /* カ */, 0x3105 /* ㄅ */, 0xE01 /* ก */, 0x3002 /* 。 */,
		0x2460 /* ① */, 0xA000 /* ꀀ */, 0xF40 /* ཀ */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(*words); i++)
		assert_true(scd_segment_is_word(words[i]));
	for (i = 0; i < sizeof(not_words) / sizeof(*not_words); i++)
		assert_false(scd_segment_is_word(not_words[i]));
}

/*
 * The fixed inconsistency: scan's canonical texts kept a space only
 * between ASCII letters and digits, the reports below U+2E80.  Now every
 * writer keeps it between two words of a spaced script, as the key does.
 */
static void one_word_space_rule(void **state)
{
	(void)state;
	assert_true(scd_segment_keeps_space('a', 'b'));
	assert_true(scd_segment_keeps_space(0xE9, 'a'));      /* café au: scan dropped it */
	assert_true(scd_segment_keeps_space(0x438, 0x43C));   /* и м: scan dropped it */
	assert_true(scd_segment_keeps_space(0xD55C, 0xAD6D)); /* 한 국: reports dropped it */
	assert_false(scd_segment_keeps_space(0xE29, 0xE32));  /* ษ า: reports kept it */
	assert_false(scd_segment_keeps_space(0x4E0A, 0x6D77)); /* 上 海 */
	assert_false(scd_segment_keeps_space('a', 0x4E0A));
	assert_false(scd_segment_keeps_space(0x3042, 0x3044)); /* あ い */
	assert_false(scd_segment_keeps_space('.', 'a'));
}

static void stops_and_closers(void **state)
{
	static const uint32_t stops[] = {
		0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A, 0x2026, 0xFF0E,
		'.', '!', '?', ';', ':'
	};
	static const uint32_t closers[] = {
		0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0x300B, 0x3011, ')', '"'
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(stops) / sizeof(*stops); i++) {
		assert_true(scd_segment_is_stop(stops[i]));
		assert_false(scd_segment_is_closer(stops[i]));
	}
	for (i = 0; i < sizeof(closers) / sizeof(*closers); i++) {
		assert_true(scd_segment_is_closer(closers[i]));
		assert_false(scd_segment_is_stop(closers[i]));
	}
	assert_false(scd_segment_is_stop(0xFF0C)); /* ， */
	assert_false(scd_segment_is_stop(0x3001)); /* 、 */
	assert_false(scd_segment_is_closer(0x201C)); /* “ opens */
	/* streamed: a stop ends, closers after it keep it ended */
	assert_true(scd_segment_after(0, 0x3002));
	assert_true(scd_segment_after(1, 0x201D));
	assert_false(scd_segment_after(0, 0x201D));
	assert_false(scd_segment_after(1, 0x4E2D));
}

static void ends_sentence(void **state)
{
	static const struct {
		const char *s;
		int ends;
	} cases[] = {
		{ "好。", 1 }, { "好。”", 1 }, { "好。”）", 1 }, { "如下：", 1 },
		{ "Done.", 1 }, { "He said \"yes.\"", 1 }, { "第一．", 1 },
		{ "好”", 0 }, { "”", 0 }, { "", 0 }, { "好。再", 0 }, { "好，", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		assert_int_equal(scd_segment_ends_sentence(cases[i].s, 0, strlen(cases[i].s)),
				 cases[i].ends);
	/* only the range counts */
	assert_false(scd_segment_ends_sentence("好。再", 0, strlen("好")));
	assert_true(scd_segment_ends_sentence("好。再", 0, strlen("好。")));
}

static void next_sentence(void **state)
{
	static const char t[] = "一句。”二句！三";
	size_t len = strlen(t);

	(void)state;
	/* after the stop and its closer */
	assert_int_equal(scd_segment_next_sentence(t, 0, len, len), strlen("一句。”"));
	assert_int_equal(scd_segment_next_sentence(t, strlen("一句。”"), len, len),
			 strlen("一句。”二句！"));
	/* a stop must start before `to`; its closers are read up to `end` */
	assert_int_equal(scd_segment_next_sentence(t, 0, strlen("一句"), len), 0);
	assert_int_equal(scd_segment_next_sentence(t, 0, strlen("一句。"), len),
			 strlen("一句。”"));
	assert_int_equal(scd_segment_next_sentence(t, strlen("一句。”二句！"), len, len), 0);
}

static void lines(void **state)
{
	static const char t[] = "ab\r\n\xE3\x80\x80 x y \t\rlast\n";
	size_t len = strlen(t);
	scd_segment_line l;

	(void)state;
	scd_segment_line_at(&l, t, len, 0);
	assert_int_equal(l.beg, 0);
	assert_int_equal(l.end, 2);
	assert_int_equal(l.next, 4); /* CRLF is one break */
	assert_int_equal(l.cbeg, 0);
	assert_int_equal(l.cend, 2);
	/* margins of ideographic space, space and tab are not content */
	scd_segment_line_at(&l, t, len, 4);
	assert_int_equal(l.end, 4 + strlen("\xE3\x80\x80 x y \t"));
	assert_int_equal(l.next, l.end + 1); /* a lone CR */
	assert_int_equal(l.cbeg, 4 + strlen("\xE3\x80\x80 "));
	assert_int_equal(l.cend, l.cbeg + strlen("x y"));
	scd_segment_line_at(&l, t, len, l.next);
	assert_int_equal(l.cend - l.cbeg, 4);
	assert_int_equal(l.next, len);
	/* after a final break: an empty line without one */
	scd_segment_line_at(&l, t, len, len);
	assert_int_equal(l.beg, len);
	assert_int_equal(l.next, len);
	assert_int_equal(l.end, len);
	/* a blank line: content empty at its end */
	scd_segment_line_at(&l, " \t\xEF\xBB\xBF\n", 6, 0);
	assert_int_equal(l.cbeg, 5);
	assert_int_equal(l.cend, 5);
	assert_int_equal(l.next, 6);
}

/* The paragraphs of s, each as text, joined by '|' (malloc'd). */
static char *paragraphs(const char *s)
{
	scd_range *p = NULL;
	size_t n = 0, i, len = strlen(s), at = 0;
	char *out = malloc(len + 2);

	assert_non_null(out);
	assert_int_equal(scd_segment_paragraphs(&p, &n, s, len), 0);
	for (i = 0; i < n; i++) {
		if (i)
			out[at++] = '|';
		memcpy(out + at, s + p[i].beg, p[i].end - p[i].beg);
		at += p[i].end - p[i].beg;
	}
	out[at] = '\0';
	free(p);
	return out;
}

static void paragraph_rules(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		/* a line ending a sentence ends its paragraph; closers count */
		{ "第一句接着\n写完。\n第二段说：“好。”\n第三段", "第一句接着\n写完。|第二段说：“好。”|第三段" },
		/* an indented line starts one; margins are not part of it */
		{ "开头的一行\n\xE3\x80\x80缩进的一行 \n", "开头的一行|缩进的一行" },
		/* a blank line parts paragraphs */
		{ "甲\n\n乙", "甲|乙" },
		/* blank lines after nearly every line are layout */
		{ "一行\n\n二行\n\n三行\n\n四行\n\n五行。\n\n六", "一行\n\n二行\n\n三行\n\n四行\n\n五行。|六" },
		{ "", "" },
		{ "\n\n", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *out = paragraphs(cases[i].in);
		assert_string_equal(out, cases[i].out);
		free(out);
	}
}

/*
 * The fixed case: a paragraph over 1500 bytes is cut after a sentence,
 * and the closing quote after its stop stays with it (the cut used to
 * fall between 。 and ”, starting the next piece with the quote).
 */
static void long_paragraph_cut_after_closer(void **state)
{
	size_t len = 0, i, n = 0;
	char *t = malloc(4000);
	scd_range *p = NULL;

	(void)state;
	assert_non_null(t);
	for (i = 0; i < 510; i++, len += 3)
		memcpy(t + len, "字", 3);
	memcpy(t + len, "。”", 6);
	len += 6;
	for (i = 0; i < 300; i++, len += 3)
		memcpy(t + len, "字", 3);
	assert_int_equal(scd_segment_paragraphs(&p, &n, t, len), 0);
	assert_int_equal(n, 2);
	assert_int_equal(p[0].beg, 0);
	assert_int_equal(p[0].end, 510 * 3 + 6);
	assert_int_equal(p[1].beg, 510 * 3 + 6);
	assert_int_equal(p[1].end, len);
	free(p);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(words_by_script),
		cmocka_unit_test(one_word_space_rule),
		cmocka_unit_test(stops_and_closers),
		cmocka_unit_test(ends_sentence),
		cmocka_unit_test(next_sentence),
		cmocka_unit_test(lines),
		cmocka_unit_test(paragraph_rules),
		cmocka_unit_test(long_paragraph_cut_after_closer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

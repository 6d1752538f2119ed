/*
 * Unit tests of the cleanup pass (clean.c): each rule on small texts —
 * what it changes and, as much, what it must leave alone — and the
 * properties every cleaning keeps: idempotent, nothing but the listed
 * changes, a patch that reproduces the result.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scodiff.h"
#include "util.h"

/* The cleaned form of s, with the given rules (malloc'd). */
static char *clean_rules(const char *s, unsigned rules)
{
	scd_clean_options o = SCD_CLEAN_OPTIONS_INIT;
	scd_input *in = util_input("t", s, strlen(s));
	scd_clean *c = NULL;
	char *out;

	o.rules = rules;
	assert_int_equal(scd_clean_input(&c, in, &o), 0);
	out = strdup(c->text);
	assert_non_null(out);
	scd_clean_free(c);
	scd_input_free(in);
	return out;
}

static char *clean(const char *s)
{
	return clean_rules(s, SCD_CLEAN_RULES_ALL);
}

/* s cleaned by every rule but those of `without` is `want`, and cleaning
 * it again changes nothing. */
static void expect_without(const char *s, const char *want, unsigned without)
{
	char *got = clean_rules(s, SCD_CLEAN_RULES_ALL & ~without);
	char *again = clean_rules(got, SCD_CLEAN_RULES_ALL & ~without);

	assert_string_equal(got, want);
	assert_string_equal(again, got);
	free(got);
	free(again);
}

/* clean(s) is `want`, and cleaning it again changes nothing. */
static void expect(const char *s, const char *want)
{
	expect_without(s, want, 0);
}

/* What clean() makes of a text, rule by rule: { text, cleaned }. */
static const struct {
	const char *in, *want;
} cleanings[] = {
	/* ---- reflow joins wrapped sentences */
	/* the declaration's opening: letter-spaced, wrapped, double-spaced */
	{ " 上 海 合 作 组 织（以 下 称“ 上 合 组 织 ”或“ 本 组\n\n"
	  "织”）成员国领导人于 2025 年 9 月 1 日在中国天津\n\n"
	  "举行元首理事会会议，并发表宣言如下：\n",
	  "上海合作组织（以下称“上合组织”或“本组织”）成员国领导人于2025年9月1日在中国天津"
	  "举行元首理事会会议，并发表宣言如下：\n" },
	/* a sentence's end ends the paragraph */
	{ "成员国重申，反对以集团化思维解决问题。\n\n成员国强调，协作十分重要。\n",
	  "成员国重申，反对以集团化思维解决问题。\n\n成员国强调，协作十分重要。\n" },
	/* a word split by the break (切|断) */
	{ "成员国强调通过多边合作打击恐怖主义及切\n断恐怖主义融资渠道的重要性。\n",
	  "成员国强调通过多边合作打击恐怖主义及切断恐怖主义融资渠道的重要性。\n" },
	/* two blank lines part paragraphs */
	{ "我们呼吁各方开展对话，\n\n\n遵守国际贸易法。\n",
	  "我们呼吁各方开展对话，\n\n\n遵守国际贸易法。\n" },
	/* Latin lines are joined with a space */
	{ "The New York Times reported that the\nsummit ended on Monday.\n",
	  "The New York Times reported that the summit ended on Monday.\n" },

	/* ---- reflow keeps the structure */
	/* Markdown headings, a section number, numbered and bulleted items */
	{ "## 上海合作组织\n我们支持以世贸组织规则为基础，\n开放的多边贸易体制。\n",
	  "## 上海合作组织\n我们支持以世贸组织规则为基础，开放的多边贸易体制。\n" },
	{ "一\n世界政治、经济形势\n正经历深刻变革。\n",
	  "一\n世界政治、经济形势正经历深刻变革。\n" },
	{ "1.上海合作组织成员国元首理事会，\n2.上海合作组织成员国外长理事会会议\n",
	  "1.上海合作组织成员国元首理事会，\n2.上海合作组织成员国外长理事会会议\n" },
	{ "● 成果一 制定了发展战略\n这一管总的战略明确指出，成员国将遵循“上海精神”。\n",
	  "● 成果一制定了发展战略\n这一管总的战略明确指出，成员国将遵循“上海精神”。\n" },
	/* a short tail between two items belongs to the first */
	{ "12. 上海合作组织成员国禁毒部门缉毒执法专家工作组\n会议\n13. 上海合作组织会议\n",
	  "12. 上海合作组织成员国禁毒部门缉毒执法专家工作组会议\n13. 上海合作组织会议\n" },
	/* a dateline starts a paragraph; a page note stands alone */
	{ "在此背景下，各国开展合作，\n新华社天津9月1日电 记者报道，\n会议举行。\n",
	  "在此背景下，各国开展合作，\n新华社天津9月1日电记者报道，会议举行。\n" },
	{ "成员国支持防止外空武器化，\n（下转第四版）\n国际文书。\n",
	  "成员国支持防止外空武器化，\n（下转第四版）\n国际文书。\n" },
	/* a caption ends with its credit */
	{ "图为彭丽媛同来宾们集体合影。 新华社记者 翟健岚摄\n我们，上海合作组织成员国领导人，\n",
	  "图为彭丽媛同来宾们集体合影。新华社记者翟健岚摄\n我们，上海合作组织成员国领导人，\n" },
	/* an unpunctuated heading over prose keeps its line */
	{ "在“上海精神”指引下从天津再出发\n今年是世界反法西斯战争胜利和联合国成立80周年，意义重大。\n",
	  "在“上海精神”指引下从天津再出发\n今年是世界反法西斯战争胜利和联合国成立80周年，意义重大。\n" },
	/* a fenced code block is left exactly as it is */
	{ "```\n中 国,\n上 海\n```\n", "```\n中 国,\n上 海\n```\n" },

	/* ---- fixed with the one table of stops and closers (segment.h): a
	 * sentence closed by two marks (。”）) ends its line as one closed by
	 * one does; clean looked only one closer back and joined the next line */
	{ "甲说（“好。”）\n乙来了。\n", "甲说（“好。”）\n乙来了。\n" },
	{ "甲说：“好。”\n乙来了。\n", "甲说：“好。”\n乙来了。\n" },
	/* ---- a zero-width no-break space (a BOM left inside the text) is
	 * layout, as in the store's paragraphs: it goes with the space next to it */
	{ "甲说\xEF\xBB\xBF 乙来了\n", "甲说乙来了\n" },

	/* ---- spaces go in Chinese text only */
	{ "上 海 合 作 组 织\n", "上海合作组织\n" },
	{ "于 2025 年 9 月 1 日 举行\n", "于2025年9月1日举行\n" },
	{ "　　成员国 重申\n", "　　成员国重申\n" }, /* the 　 indent stays */
	/* Latin text keeps its spaces, also inside Chinese text */
	{ "The New York Times said so.\n", "The New York Times said so.\n" },
	{ "据 New York Times 报道\n", "据 New York Times 报道\n" },

	/* ---- punctuation in the house style */
	{ "他强调,当前国际局势复杂:需要加强合作!\n",
	  "他强调，当前国际局势复杂：需要加强合作！\n" },
	{ "(2024年7月4日,阿斯塔纳)\n", "（2024年7月4日，阿斯塔纳）\n" },
	{ "天津中欧(中亚)班列\n", "天津中欧（中亚）班列\n" },
	/* an English sentence keeps its ASCII punctuation, also in a Chinese
	 * paragraph; so do numbers */
	{ "He said a, b and c (all of them).\n", "He said a, b and c (all of them).\n" },
	{ "会议文件 a, b 已经发布，共有1,000份\n", "会议文件 a, b 已经发布，共有1,000份\n" },
	/* dashes: runs become ——, a lone dash the connector — */
	{ "八大成果———\n", "八大成果——\n" },
	{ "未来10年（2026－2035年）发展战略\n", "未来10年（2026—2035年）发展战略\n" },
	{ "“反恐协作―2024”\n", "“反恐协作—2024”\n" },
	{ "建立灵活的边境安全机制——杜尚别进程\n", "建立灵活的边境安全机制——杜尚别进程\n" },
};

static void cleanings_expected(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < UTIL_LEN(cleanings); i++)
		expect(cleanings[i].in, cleanings[i].want);
}

/* --punct=keep leaves the punctuation as it is. */
static void punct_keep(void **state)
{
	(void)state;
	expect_without("他强调,当前", "他强调,当前", SCD_CLEAN_RULE(SCD_CLEAN_PUNCT));
}

static void traditional_forms(void **state)
{
	static const char simp[] =
		"乌兹别克斯坦总统呼吁进一步扩大上合组织框架内的多方位伙伴关系。他强调，当前国际局势复杂变化，"
		"需要保持并进一步強化对上海精神的遵守，为发挥上合组织国家的巨大发展潜力，需建立新的经济伙伴关系。\n";
	static const char trad[] =
		"烏茲別克斯坦總統呼籲進一步擴大上合組織框架內的多方位夥伴關係。他強調，當前國際局勢複雜變化，"
		"需要保持並進一步強化對上海精神的遵守，為發揮上合組織國家的巨大發展潛力，需建立新的經濟夥伴關係。\n";
	char *got;

	(void)state;
	got = clean(simp);
	assert_non_null(strstr(got, "强化"));
	assert_null(strstr(got, "強"));
	free(got);
	/* a text written in traditional characters is left alone */
	expect(trad, trad);
}

/* Every change is listed; the text between them is the original's. */
static void changes_account_for_everything(void **state)
{
	static const char s[] = " 上 海 合 作 组 织（以 下 称“ 上 合 组 织 ”或“ 本 组\n\n"
				"织”）于 2025 年, 举行 -- 会议\n";
	scd_input *in = util_input("t", s, strlen(s));
	scd_clean *c = NULL;
	char rebuilt[512];
	size_t i, pos = 0, len = 0, k, total = 0;

	(void)state;
	assert_int_equal(scd_clean_input(&c, in, NULL), 0);
	for (i = 0; i < c->nchanges; i++) {
		const scd_clean_change *ch = &c->changes[i];
		assert_true(ch->span.beg >= pos);
		assert_true(ch->applied);
		memcpy(rebuilt + len, s + pos, ch->span.beg - pos);
		len += ch->span.beg - pos;
		memcpy(rebuilt + len, ch->text, strlen(ch->text));
		len += strlen(ch->text);
		pos = ch->span.end;
		assert_non_null(ch->reason);
	}
	memcpy(rebuilt + len, s + pos, strlen(s) - pos);
	len += strlen(s) - pos;
	assert_int_equal(len, c->len);
	assert_memory_equal(rebuilt, c->text, len);
	for (k = 0; k < SCD_CLEAN__COUNT; k++)
		total += c->counts[k];
	assert_int_equal(total, c->nchanges);
	assert_true(c->counts[SCD_CLEAN_REFLOW] == 1);
	assert_true(c->counts[SCD_CLEAN_PUNCT] == 1); /* , (-- is ASCII: kept) */
	scd_clean_free(c);
	scd_input_free(in);
}

/* A known reading wins over the rules and is applied as given. */
static void known_readings(void **state)
{
	static const char s[] = "这是发展路劲的问题 , 十分重要。\n";
	scd_clean_reading r = { { 0, 0 }, "路径", "canonical reading", 1.0 };
	scd_clean_options o = SCD_CLEAN_OPTIONS_INIT;
	scd_input *in = util_input("t", s, strlen(s));
	scd_clean *c = NULL;
	const char *at = strstr(s, "路劲");

	(void)state;
	r.span.beg = (uint32_t)(at - s);
	r.span.end = r.span.beg + (uint32_t)strlen("路劲");
	o.readings = &r;
	o.nreadings = 1;
	assert_int_equal(scd_clean_input(&c, in, &o), 0);
	assert_string_equal(c->text, "这是发展路径的问题，十分重要。\n");
	assert_int_equal(c->counts[SCD_CLEAN_READING], 1);
	scd_clean_free(c);
	/* out of range: refused */
	r.span.end = 1000;
	assert_int_equal(scd_clean_input(&c, in, &o), SCD_EINVALID);
	assert_null(c);
	scd_input_free(in);
}

/* The patch: hunks with context and the last line without a newline. */
static void patch_format(void **state)
{
	static const char s[] = "A\nB\nC\nD\nE\nF\nG\nH\nI\nJ\n"
				"成员国重申，坚持\n深化合作。\nK\nL\nM\nN\nO\nP\nQ\nR\nS\nT\n"
				"上 海";
	static const char want[] =
		"--- a/t\n+++ b/t\n"
		"@@ -8,8 +8,7 @@\n H\n I\n J\n-成员国重申，坚持\n-深化合作。\n+成员国重申，坚持深化合作。\n K\n L\n M\n"
		"@@ -20,4 +19,4 @@\n R\n S\n T\n-上 海\n\\ No newline at end of file\n+上海\n\\ No newline at end of file\n";
	scd_input *in = util_input("t", s, strlen(s));
	scd_clean *c = NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(f);
	assert_int_equal(scd_clean_input(&c, in, NULL), 0);
	assert_true(scd_clean_patch_applies(c));
	assert_int_equal(scd_clean_write_patch(f, c, "t"), 0);
	fclose(f);
	assert_string_equal(buf, want);
	free(buf);
	scd_clean_free(c);
	scd_input_free(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cleanings_expected),
		cmocka_unit_test(punct_keep),
		cmocka_unit_test(traditional_forms),
		cmocka_unit_test(changes_account_for_everything),
		cmocka_unit_test(known_readings),
		cmocka_unit_test(patch_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

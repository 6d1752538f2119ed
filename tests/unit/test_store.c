/*
 * Unit tests of the store's readers and index (store_meta.c,
 * store_index.c) and of the paragraphs trace works on: metadata written
 * reads back exactly, every malformed or hand-edited file is refused with
 * its name and line, the index finds what it was given across writes and
 * merges, a damaged segment is refused, paragraphs follow sentences
 * through the corpus's wrapping, and a statement is shown with its
 * members' records and readings.
 */
#define _XOPEN_SOURCE 700 /* nftw, to remove the test's store */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ftw.h>
#include <cmocka.h>

#include <scodiff.h>
#include "store/store_meta.h"
#include "store/store_index.h"
#include "util.h"

static void witness_round_trip(void **state)
{
	scd_store_witness w = { 0 }, r;
	char *text = NULL;

	(void)state;
	strcpy(w.blob, "0123456789abcdef0123456789abcdef01234567");
	strcpy(w.xxh128, "00112233445566778899aabbccddeeff");
	w.path = "a dir/odd\\name\nwith newline.txt";
	w.bytes = 22715;
	w.encoding = "GB18030";
	w.chars = 7000;
	w.added = "2026-11-21T10:00:00Z";
	assert_int_equal(scd_store__witness_format(&text, &w), 0);
	assert_null(strstr(text, "newline.txt\n") == text); /* escaped, one line */
	assert_non_null(strstr(text, "path a dir/odd\\\\name\\x0awith newline.txt\n"));
	assert_int_equal(scd_store__witness_parse(&r, text, strlen(text), "meta"), 0);
	assert_string_equal(r.path, w.path);
	assert_string_equal(r.encoding, "GB18030");
	assert_string_equal(r.blob, w.blob);
	assert_string_equal(r.id, "0123456789ab");
	assert_int_equal(r.bytes, 22715);
	assert_int_equal(r.chars, 7000);
	scd_store_witness_clear(&r);
	free(text);
}

/* Each malformed witness file fails with the message expected. */
static void witness_refused(void **state)
{
	static const struct { const char *text, *message; } bad[] = {
		{ "", "meta: empty file" },
		{ "scodiff-witness 2\n", "version 2 is not one" },
		{ "scodiff-store 1\n", "not a scodiff-witness file" },
		{ "scodiff-witness 1", "no newline at the end" },
		{ "scodiff-witness 1\nbytes 12\n", "'blob' missing" },
		{ "scodiff-witness 1\nbytes 012\n", "bytes '012' is not a number" },
		{ "scodiff-witness 1\nbytes 1\nbytes 1\n", "meta line 3: 'bytes' given twice" },
		{ "scodiff-witness 1\nbytes 99999999999999999999\n", "is too large" },
		{ "scodiff-witness 1\nblob XYZ\n", "blob id 'XYZ' is not 40 lowercase hex" },
		{ "scodiff-witness 1\nbytes  1\n", "two spaces" },
		{ "scodiff-witness 1\nbytes 1 \n", "space at the end" },
		{ "scodiff-witness 1\r\n", "control character" },
		{ "scodiff-witness 1\ncolour red\n", "unknown key 'colour'" },
		{ "scodiff-witness 1\npath a\\qb\n", "bad escape in path" },
		{ "scodiff-witness 1\npath a\\x00b\n", "NUL byte in path" },
		{ "scodiff-witness 1\n\n", "meta line 2: empty line" },
		{ "scodiff-witness 1\nadded yesterday\n", "added time is not like" },
	};
	scd_store_witness w;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		int rc = scd_store__witness_parse(&w, bad[i].text, strlen(bad[i].text), "meta");
		assert_int_equal(rc, SCD_EINVALID);
		if (!strstr(scd_error_last(), bad[i].message))
			fail_msg("case %zu: '%s' does not say '%s'", i, scd_error_last(), bad[i].message);
	}
	/* a NUL inside the buffer, which a C string would hide */
	assert_int_equal(scd_store__witness_parse(&w, "scodiff-witness 1\nbytes 1\0\n", 27, "meta"),
			 SCD_EINVALID);
	assert_non_null(strstr(scd_error_last(), "control character"));
}

static void members_round_trip_and_refused(void **state)
{
	scd_store_member m[2] = {
		{ "0123456789ab", { 1, 1150 }, { 1, 36 }, 1.0 },
		{ "abcdef012345", { 14159, 25905 }, { 319, 629 }, 0.8976 },
	}, *r = NULL;
	static const struct { const char *text, *message; } bad[] = {
		{ "scodiff-statement 1\n", "a statement without members" },
		{ "scodiff-statement 1\nmember 0123456789ab 10 5 1 1 1.000\n", "reversed span 10-5" },
		{ "scodiff-statement 1\nmember 0123456789ab 1 5 0 1 1.000\n", "bad lines 0-1" },
		{ "scodiff-statement 1\nmember 0123456789ab 1 5 1 1 1.500\n", "'1.500' is above 1" },
		{ "scodiff-statement 1\nmember 0123456789ab 1 5 1 1 0.5\n", "not a fraction like 0.875" },
		{ "scodiff-statement 1\nmember 12345 1 5 1 1 1.000\n", "members line 2: witness id '12345'" },
		{ "scodiff-statement 1\nmember 0123456789ab 1 5 1 1\n", "a member line is" },
	};
	char *text = NULL;
	size_t n = 0, i;

	(void)state;
	assert_int_equal(scd_store__members_format(&text, m, 2), 0);
	assert_string_equal(text, "scodiff-statement 1\n"
			    "member 0123456789ab 1 1150 1 36 1.000\n"
			    "member abcdef012345 14159 25905 319 629 0.897\n");
	assert_int_equal(scd_store__members_parse(&r, &n, text, strlen(text), "members"), 0);
	assert_int_equal(n, 2);
	assert_int_equal(r[1].span[0], 14159);
	assert_int_equal(r[1].lines[1], 629);
	assert_true(r[1].similarity > 0.896 && r[1].similarity < 0.898);
	free(r);
	free(text);
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(scd_store__members_parse(&r, &n, bad[i].text, strlen(bad[i].text),
							  "members"), SCD_EINVALID);
		if (!strstr(scd_error_last(), bad[i].message))
			fail_msg("case %zu: '%s' does not say '%s'", i, scd_error_last(), bad[i].message);
	}
}

/* ---- the index ---------------------------------------------------------- */

static char dir[64];

static void fps(scd_store__fp *f, size_t n, uint64_t seed)
{
	size_t i;

	for (i = 0; i < n; i++) {
		f[i].hash = (seed + i) * 0x9E3779B97F4A7C15ull;
		f[i].doc = 0;
		f[i].pos = (uint32_t)(i * 3);
	}
}

static void index_write_merge_find(void **state)
{
	scd_store__index *x = NULL;
	scd_store__fp f[500], got[8];
	char id[SCD_STORE_ID_LEN + 1];
	int k;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/scd-test-index.%d", (int)getpid());
	assert_int_equal(scd_store__index_open(&x, dir), 0); /* none yet: empty */
	assert_string_equal(scd_store__index_commit(x), "");
	/* eight writes of one witness each: the segments merge as they go */
	for (k = 0; k < 8; k++) {
		char commit[41];
		snprintf(id, sizeof(id), "%012x", k + 1);
		fps(f, 500, (uint64_t)k * 1000);
		assert_int_equal(scd_store__index_add(x, id, f, 500), 0);
		memset(commit, "0123456789abcdef"[k], 40);
		commit[40] = '\0';
		assert_int_equal(scd_store__index_write(x, commit), 0);
	}
	scd_store__index_free(x);
	assert_int_equal(scd_store__index_open(&x, dir), 0);
	assert_string_equal(scd_store__index_commit(x), "7777777777777777777777777777777777777777");
	assert_int_equal(scd_store__index_nwitnesses(x), 8);
	assert_int_equal(scd_store__index_find_witness(x, "000000000003"), 2);
	assert_int_equal(scd_store__index_find_witness(x, "000000000009"), -1);
	/* every entry of every witness is found, with its position */
	for (k = 0; k < 8; k++) {
		size_t i;
		fps(f, 500, (uint64_t)k * 1000);
		for (i = 0; i < 500; i += 37) {
			assert_int_equal(scd_store__index_find(x, f[i].hash, got, 8), 1);
			assert_int_equal(got[0].doc, (uint32_t)k);
			assert_int_equal(got[0].pos, f[i].pos);
		}
	}
	{
		scd_store__fp *all = NULL;
		size_t n = 0;
		assert_int_equal(scd_store__index_all(x, &all, &n), 0);
		assert_int_equal(n, 8 * 500);
		free(all);
	}
	/* fewer segments than writes: they were merged */
	{
		FILE *m;
		char line[256];
		int segs = 0;
		snprintf(line, sizeof(line), "%s/manifest", dir);
		assert_non_null(m = fopen(line, "r"));
		while (fgets(line, sizeof(line), m))
			segs += !strncmp(line, "segment ", 8);
		fclose(m);
		assert_true(segs >= 1 && segs <= 4);
	}
	scd_store__index_free(x);
}

static void index_damaged(void **state)
{
	scd_store__index *x = NULL;
	char path[512], cmd[256];
	FILE *m;

	(void)state;
	/* truncate the first segment the manifest names */
	snprintf(path, sizeof(path), "%s/manifest", dir);
	assert_non_null(m = fopen(path, "r"));
	while (fgets(cmd, sizeof(cmd), m))
		if (!strncmp(cmd, "segment ", 8)) {
			*strchr(cmd + 8, ' ') = '\0';
			snprintf(path, sizeof(path), "%s/%s", dir, cmd + 8);
			break;
		}
	fclose(m);
	assert_int_equal(truncate(path, 40), 0);
	assert_int_equal(scd_store__index_open(&x, dir), SCD_EINVALID);
	assert_non_null(strstr(scd_error_last(), "size does not match the manifest"));
	/* a manifest edited by hand */
	snprintf(path, sizeof(path), "%s/manifest", dir);
	assert_non_null(m = fopen(path, "w"));
	fputs("scodiff-index 1\ncommit abc\n", m);
	fclose(m);
	assert_int_equal(scd_store__index_open(&x, dir), SCD_EINVALID);
	assert_non_null(strstr(scd_error_last(), "manifest line 2: commit 'abc'"));
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* ---- paragraphs --------------------------------------------------------- */

static void paragraphs_of_the_declaration(void **state)
{
	size_t len, n = 0;
	char *text = util_slurp(SCD_CORPORA "/tianjin-declaration-2025.txt", &len);
	struct scd_input *in = util_input("decl", text, len);
	scd_range *p = NULL;
	const char *t;

	(void)state;
	assert_int_equal(scd_store_paragraphs(&p, &n, in), 0);
	t = scd_input_text(in, &len);
	assert_true(n > 60);
	/* the opening sentence runs over three wrapped lines with a blank
	 * line after each (layout), and ends at "如下：" */
	assert_memory_equal(t + p[0].beg, "上 海 合 作", strlen("上 海 合 作"));
	assert_memory_equal(t + p[0].end - strlen("如下："), "如下：", strlen("如下："));
	/* the heading 一 is a paragraph of its own */
	assert_int_equal(p[1].end - p[1].beg, strlen("一"));
	assert_memory_equal(t + p[1].beg, "一", strlen("一"));
	free(p);
	scd_input_free(in);
	free(text);
}

static void paragraphs_by_blank_lines(void **state)
{
	static const char text[] = "First paragraph, line one\nline two of it\n\n"
				   "Second paragraph\n\n\nThird";
	struct scd_input *in = util_input("en", text, strlen(text));
	scd_range *p = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(scd_store_paragraphs(&p, &n, in), 0);
	assert_int_equal(n, 3);
	assert_int_equal(p[0].beg, 0);
	assert_int_equal(p[0].end, strlen("First paragraph, line one\nline two of it"));
	assert_int_equal(p[2].end, strlen(text));
	free(p);
	scd_input_free(in);
}

static void paragraphs_of_one_long_line(void **state)
{
	size_t len = 40000, i, n = 0;
	char *text = malloc(len);
	struct scd_input *in;
	scd_range *p = NULL;

	(void)state;
	/* no line break and no sentence end: cut on character boundaries */
	for (i = 0; i + 3 <= len; i += 3)
		memcpy(text + i, "字", 3);
	len = i;
	in = util_input("long", text, len);
	assert_int_equal(scd_store_paragraphs(&p, &n, in), 0);
	assert_true(n >= 6);
	for (i = 0; i < n; i++) {
		assert_true(p[i].end - p[i].beg <= 6003);
		assert_int_equal(p[i].beg % 3, 0);
		assert_int_equal(p[i].end % 3, 0);
		if (i)
			assert_int_equal(p[i].beg, p[i - 1].end);
	}
	assert_int_equal(p[n - 1].end, len);
	free(p);
	scd_input_free(in);
	free(text);
}

/* ---- show --------------------------------------------------------------- */

static int rm_tree(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* The report of sh (JSON or text) holds each of want[] ("!x": not x). */
static void expect_report(const scd_store_shown *sh, int json, const char *const *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(json ? scd_report_statement_json(f, sh)
			      : scd_report_statement_text(f, sh), 0);
	assert_int_equal(fclose(f), 0);
	for (; *want; want++) {
		if (**want == '!')
			assert_null(strstr(buf, *want + 1));
		else
			assert_non_null(strstr(buf, *want));
	}
	free(buf);
}

/* Two renderings of a passage, one with a slip: the statement they make
 * is shown with both members' records and the one place they differ. */
static void show_a_statement(void **state)
{
	static const char *const texts[2] = {
		"上海合作组织成员国领导人于2025年9月1日在中国天津举行元首理事会会议，\n"
		"世界政治、经济形势及国际关系的其他各领域正经历深刻历史性变革。\n",
		"上海合作组织成员国领导人于2025年9月1日在中国天津举行元首理事会会议，\n"
		"世界政治、经济形势及国际关系的其他各领域正经历深刻历史性变化。\n"
	};
	static const char *const text_has[] = {
		"statement 1: 2 witnesses\n\n上海合作组织",
		"readings (1 place where the witnesses differ):\n",
		/* a name with a quote is quoted, as git quotes it */
		"r2\\\".txt\":1-2 [bytes 0-", NULL
	};
	/* every control as \u00xx, as store show has always written */
	static const char *const json_has[] = {
		"{\"version\":1,\"statement\":1,\"canonical\":\"上海",
		"会议，\\u000a世界", "r1\\\".txt\",\"span\":[0,", "!readings", NULL
	};
	static const char *const no_readings[] = { "witnesses:\n", "!readings", NULL };
	scd_store_show_options o = SCD_STORE_SHOW_OPTIONS_INIT;
	char tmp[] = "/tmp/scd-show-XXXXXX", store[64], paths[2][96];
	const char *pp[2] = { paths[0], paths[1] };
	scd_store *s = NULL;
	scd_store_added *added = NULL;
	scd_store_shown *sh = NULL;
	size_t *nums = NULL, n = 0, i;

	(void)state;
	assert_non_null(mkdtemp(tmp));
	snprintf(store, sizeof(store), "%s/store", tmp);
	for (i = 0; i < 2; i++) {
		FILE *f;
		snprintf(paths[i], sizeof(paths[i]), "%s/r%zu\".txt", tmp, i + 1);
		assert_non_null(f = fopen(paths[i], "w"));
		fputs(texts[i], f);
		assert_int_equal(fclose(f), 0);
	}
	assert_int_equal(scd_store_init(store), 0);
	assert_int_equal(scd_store_open(&s, store), 0);
	assert_int_equal(scd_store_add(s, &added, pp, 2, NULL), 0);
	assert_int_equal(scd_store_statements(s, &nums, &n), 0);
	assert_int_equal(n, 1);

	assert_int_equal(scd_store_show(s, &sh, nums[0], &o), 0);
	assert_int_equal(sh->statement->nmembers, 2);
	for (i = 0; i < 2; i++) {
		assert_ptr_equal(sh->members[i].member, &sh->statement->members[i]);
		assert_string_equal(sh->members[i].first_commit, added->commit);
	}
	assert_non_null(sh->collation);
	assert_int_equal(sh->collation->nplaces, 1);
	expect_report(sh, 0, text_has);
	expect_report(sh, 1, json_has);
	scd_store_shown_free(sh);

	/* without the readings: no collation */
	o.readings = 0;
	assert_int_equal(scd_store_show(s, &sh, nums[0], &o), 0);
	assert_null(sh->collation);
	assert_null(sh->inputs);
	expect_report(sh, 0, no_readings);
	scd_store_shown_free(sh);
	assert_int_equal(scd_store_show(s, &sh, 2, NULL), SCD_ENOTFOUND);
	assert_null(sh);

	free(nums);
	scd_store_added_free(added);
	scd_store_free(s);
	assert_int_equal(nftw(tmp, rm_tree, 16, FTW_DEPTH | FTW_PHYS), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(witness_round_trip),
		cmocka_unit_test(witness_refused),
		cmocka_unit_test(members_round_trip_and_refused),
		cmocka_unit_test(index_write_merge_find),
		cmocka_unit_test(index_damaged),
		cmocka_unit_test(paragraphs_of_the_declaration),
		cmocka_unit_test(paragraphs_by_blank_lines),
		cmocka_unit_test(paragraphs_of_one_long_line),
		cmocka_unit_test(show_a_statement),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

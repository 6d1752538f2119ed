/*
 * Unit tests of scan.c: repeats inside one document and across documents
 * found through layout and punctuation noise, their byte offsets in the
 * original files, files that cannot be read skipped without failing the
 * scan, and bad options refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <scodiff.h>
#include "util.h"

static char dir[64];

static void write_file(const char *name, const char *text, char *path, size_t cap)
{
	FILE *f;

	snprintf(path, cap, "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/scd-scan-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The same statement twice in one file (the second time spaced out, with
 * half-width punctuation and wrapped), once in another, between texts
 * that share nothing. */
static const char statement[] =
	"世界政治、经济形势及国际关系的其他各领域正经历深刻历史性变革。国际体系朝着更加公正、平等、更具代表性的多极化方向演进。";
static const char noisy[] =
	"世 界 政 治、经 济 形 势 及 国 际 关 系 的 其 他 各 领 域 正 经 历 深 刻\n历 史 性 变 革。国际体系朝着更加公正,平等,更具代表性的多极化方向演进。";

static void repeats_found(void **state)
{
	char pa[128], pb[128], text[2048];
	const char *paths[2];
	scd_scan *scan = NULL;
	const scd_scan_cluster *c;
	size_t i, first = 0;

	(void)state;
	snprintf(text, sizeof(text), "春眠不觉晓，处处闻啼鸟。\n%s\n夜来风雨声，花落知多少。\n%s\n", statement, noisy);
	write_file("a.txt", text, pa, sizeof(pa));
	snprintf(text, sizeof(text), "白日依山尽，黄河入海流。\n%s\n", statement);
	write_file("b.txt", text, pb, sizeof(pb));
	paths[0] = pa;
	paths[1] = pb;
	assert_int_equal(scd_scan_files(&scan, paths, 2, NULL), 0);
	assert_int_equal(scan->nclusters, 1);
	c = &scan->clusters[0];
	assert_int_equal(c->nmembers, 3);
	assert_int_equal(c->ndocs, 2);
	assert_true(c->similarity > 0.95);
	assert_int_equal(c->counts[SCD_KIND_EDIT] + c->counts[SCD_KIND_OCR], 0);
	/* a.txt's first member starts where the statement does, on line 2 */
	for (i = 0; i < c->nmembers; i++)
		if (c->members[i].doc == 0) {
			first = i;
			break;
		}
	assert_int_equal(c->members[first].span[0], strlen("春眠不觉晓，处处闻啼鸟。\n"));
	assert_int_equal(c->members[first].lines[0], 2);
	assert_int_equal(c->members[first + 1].doc, 0);
	assert_int_equal(c->members[first + 1].lines[0], 4);
	assert_int_equal(c->members[first + 1].lines[1], 5);
	assert_true(scan->docs[1].repeated_bytes >= strlen(statement) - 12);
	assert_true(scan->docs[1].repeated_bytes <= strlen(statement));
	scd_scan_free(scan);

	/* only across documents: the second copy in a.txt is still in the
	 * cluster (linked to b.txt), but within a.txt alone nothing is
	 * linked when b.txt is not given */
	{
		scd_scan_options o = SCD_SCAN_OPTIONS_INIT;
		o.within = 0;
		assert_int_equal(scd_scan_files(&scan, paths, 1, &o), 0);
		assert_int_equal(scan->nclusters, 0);
		scd_scan_free(scan);
		o.within = 1;
		o.across = 0;
		assert_int_equal(scd_scan_files(&scan, paths, 1, &o), 0);
		assert_int_equal(scan->nclusters, 1);
		assert_int_equal(scan->clusters[0].nmembers, 2);
		scd_scan_free(scan);
	}
}

static void unreadable_skipped(void **state)
{
	char pa[128], bad[128], text[1024];
	const char *paths[3];
	scd_scan *scan = NULL;

	(void)state;
	snprintf(text, sizeof(text), "%s\n一二三\n%s\n", statement, statement);
	write_file("c.txt", text, pa, sizeof(pa));
	write_file("bad.txt", "abc \xff\xff\xc3\x28 \xff\xfe\xfd\x80\x80 def\n", bad, sizeof(bad));
	paths[0] = bad;
	paths[1] = pa;
	paths[2] = "/nonexistent/x.txt";
	assert_int_equal(scd_scan_files(&scan, paths, 3, NULL), 0);
	assert_int_equal(scan->nskipped, 2);
	assert_non_null(scan->docs[0].error);
	assert_non_null(strstr(scan->docs[0].error, "bad.txt"));
	assert_null(scan->docs[1].error);
	assert_non_null(scan->docs[2].error);
	assert_int_equal(scan->nclusters, 1);
	scd_scan_free(scan);
}

static void bad_options(void **state)
{
	scd_scan_options o = SCD_SCAN_OPTIONS_INIT;
	scd_scan *scan = NULL;
	const char *paths[1] = { "x" };

	(void)state;
	o.min_length = 3;
	assert_int_equal(scd_scan_files(&scan, paths, 1, &o), SCD_EINVALID);
	assert_null(scan);
	o = (scd_scan_options)SCD_SCAN_OPTIONS_INIT;
	o.within = o.across = 0;
	assert_int_equal(scd_scan_files(&scan, paths, 1, &o), SCD_EINVALID);
	o = (scd_scan_options)SCD_SCAN_OPTIONS_INIT;
	o.threshold = 1.5;
	assert_int_equal(scd_scan_files(&scan, paths, 1, &o), SCD_EINVALID);
	/* no files: an empty result */
	assert_int_equal(scd_scan_files(&scan, paths, 0, NULL), 0);
	assert_int_equal(scan->nclusters + scan->nboilerplate + scan->ndocs, 0);
	scd_scan_free(scan);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(repeats_found),
		cmocka_unit_test(unreadable_skipped),
		cmocka_unit_test(bad_options),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

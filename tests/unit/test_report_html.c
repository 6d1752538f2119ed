/*
 * Unit tests of the HTML writers (report_html.c, report_html_scan.c):
 * no document text can leave the page's data script, the data is the
 * JSON the scripts read (pieces cut at the differences, reflowed text),
 * the scan page carries its members' texts read back from the files, and
 * the trace page its paragraphs' texts and sources, recognizing the
 * input's own record.
 * The browser tests (tests/html/) check the rendered page.
 */
#define _XOPEN_SOURCE 700 /* nftw, to remove the test's store */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <unistd.h>

#include "scodiff.h"
#include "report/report_html.h"
#include "util.h"

/* What f wrote, NUL-terminated (open_memstream). */
typedef struct {
	FILE *f;
	char *buf;
	size_t len;
} capture;

static void cap_open(capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
}

static char *cap_close(capture *c)
{
	assert_int_equal(fclose(c->f), 0);
	return c->buf;
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	while ((s = strstr(s, what))) {
		n++;
		s += strlen(what);
	}
	return n;
}

/* The inside of the page's data script. */
static char *data_of(const char *page)
{
	const char *b = strstr(page, "id=\"scd-data\">"), *e;

	assert_non_null(b);
	b += strlen("id=\"scd-data\">");
	e = strstr(b, "</script>");
	assert_non_null(e);
	return util_strndup(b, (size_t)(e - b));
}

/* Check the page's skeleton (one data script and the two scripts of the
 * page, nothing of a document outside the data) and return its data. */
static char *page_data(const char *page, const char *name)
{
	char want[64], *data;

	assert_int_equal(strncmp(page, "<!DOCTYPE html>", 15), 0);
	assert_non_null(strstr(page, "Content-Security-Policy\" content=\"default-src 'none';"));
	snprintf(want, sizeof(want), "<body class=\"page-%s\">", name);
	assert_non_null(strstr(page, want));
	assert_int_equal(count(page, "<script"), 3);
	assert_int_equal(count(page, "</script>"), 3);
	assert_non_null(strstr(page, "</html>\n"));
	data = data_of(page);
	assert_null(strpbrk(data, "<>&"));
	snprintf(want, sizeof(want), "\"page\":\"%s\"", name);
	assert_non_null(strstr(data, want));
	return data;
}

/* Close the capture of a page named `name`, check its skeleton
 * (page_data) and return its data (malloc'd); the page itself is freed. */
static char *cap_page(capture *c, const char *name)
{
	char *page = cap_close(c), *data = page_data(page, name);

	free(page);
	return data;
}

/* t reflowed in one piece. */
static char *flow(const char *t)
{
	scd_html__flow fl;
	capture c;

	cap_open(&c);
	scd_html__flow_init(&fl, c.f);
	scd_html__flow_put(&fl, t, 0, (uint32_t)strlen(t), (uint32_t)strlen(t));
	return cap_close(&c);
}

static void reflow(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "上海\n合 作\r\n组织", "上海合作组织" },      /* wraps inside CJK are layout */
		{ "Shanghai\nCooperation  Organisation", "Shanghai Cooperation Organisation" },
		{ "2\n025年", "2025年" },                         /* a number wrapped stays one */
		{ "会议。\n\n成员国", "会议。\\n成员国" },         /* a sentence ended at a break */
		{ "本组\n\n织", "本组织" },                        /* a blank line mid-sentence */
		{ "  \n前后\t \n", "前后" },
		{ "a\x01" "b", "ab" },                             /* controls dropped */
		/* a sentence closed by a quote ends at a break too (the quote
		 * used to hide the stop: 。” ran on into the next paragraph) */
		{ "繁荣。”\n弘扬", "繁荣。”\\n弘扬" },
		{ "第一．\n第二", "第一．\\n第二" },           /* the full-width full stop */
		/* spaces by script: between Cyrillic or Hangul words a wrap is a
		 * space, inside Thai text (no spaces between words) it is not */
		{ "мир\nтруд", "мир труд" },
		{ "대한\n민국", "대한 민국" },
		{ "ภาษา\nไทย", "ภาษาไทย" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *out = flow(cases[i].in);
		assert_string_equal(out, cases[i].out);
		free(out);
	}
}

/* Pieces cut at differences flow as the whole text does: the whitespace
 * before a piece is decided once, not again by the next piece. */
static void pieces(void **state)
{
	static const char t[] = "ab c\nd<e>f";
	scd_difference d[2];
	scd_range whole = { 0, sizeof(t) - 1 }, only = { 8, 9 };
	capture c;
	char *out;

	(void)state;
	memset(d, 0, sizeof(d));
	d[0].kind = SCD_KIND_EDIT;
	d[0].a.beg = 2, d[0].a.end = 4;  /* " c" */
	d[1].kind = SCD_KIND_PUNCT;
	d[1].a.beg = d[1].a.end = 5;     /* an insertion before "d" */
	cap_open(&c);
	scd_html__side(c.f, t, whole, d, 2, 7, SCD_SHOW_ALL, 0, &only, 1);
	out = cap_close(&c);
	/* the space between "b" and "c" goes with the difference that
	 * starts with it; the line break before "d" becomes one space */
	assert_string_equal(out, "[\"ab\",[7,\" c\"],\" \",[8,\"\"],\"d\\u003ce\",[-1,\"\\u003e\"],\"f\"]");
	free(out);

	/* a kind not shown stays plain text and takes no number */
	cap_open(&c);
	scd_html__side(c.f, t, whole, d, 2, 0, SCD_SHOW(SCD_KIND_PUNCT), 0, NULL, 0);
	out = cap_close(&c);
	assert_string_equal(out, "[\"ab c \",[0,\"\"],\"d\\u003ce\\u003ef\"]");
	free(out);
}

static void diff_page(void **state)
{
	static const char ta[] =
		"上海合作组织成员国领导人于2025年9月1日在中国天津举行元首理事会会议。</script><script>alert(1)</script>\n"
		"世界政治、经济形势及国际关系的其他各领域正经历深刻历史性变革 & 演进。\n";
	/* b: a full stop, the script's number and a word changed */
	char *t1 = util_replace_first(ta, sizeof(ta) - 1, "会议。", "会议.", NULL);
	char *t2 = util_replace_first(t1, strlen(t1), "alert(1)", "alert(2)", NULL);
	char *tb = util_replace_first(t2, strlen(t2), "变革", "变化", NULL);
	scd_input *a = util_input("a<b>.txt", ta, sizeof(ta) - 1);
	scd_input *b = util_input("b.txt", tb, strlen(tb));
	scd_diff *d = NULL;
	capture c;
	char *data;

	(void)state;
	assert_int_equal(scd_diff_inputs(&d, a, b, NULL), 0);
	assert_true(d->ndiffs > 0);
	cap_open(&c);
	assert_int_equal(scd_report_html_diff(c.f, d, NULL), 0);
	data = cap_page(&c, "diff");
	assert_non_null(strstr(data, "\"path\":\"a\\u003cb\\u003e.txt\""));
	assert_non_null(strstr(data, "\\u003cscript\\u003ealert("));
	assert_non_null(strstr(data, "[0,\"1\"]") ? strstr(data, "[0,\"1\"]") : strstr(data, ",\"1\"]"));
	/* every difference listed has its entry, numbered in order */
	assert_non_null(strstr(data, "[0,\""));
	assert_int_equal(count(data, "],\n["), d->ndiffs - 1);
	free(data);
	scd_diff_free(d);
	scd_input_free(a);
	scd_input_free(b);
	free(tb);
	free(t2);
	free(t1);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void scan_page(void **state)
{
	static const char statement[] =
		"世界政治、经济形势及国际关系的其他各领域正经历深刻历史性变革。国际体系朝着更加公正、平等、更具代表性的多极化方向演进。";
	char dir[] = "/tmp/scd-html-XXXXXX", pa[64], pb[64], text[1024];
	const char *paths[2] = { pa, pb };
	scd_scan *scan = NULL;
	capture c;
	char *data;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(pa, sizeof(pa), "%s/a.txt", dir);
	snprintf(pb, sizeof(pb), "%s/b.txt", dir);
	snprintf(text, sizeof(text), "春眠不觉晓<script>。\n%s\n", statement);
	write_file(pa, text);
	/* the second rendering with one character changed */
	snprintf(text, sizeof(text), "白日依山尽。\n%s\n", statement);
	memcpy(strstr(text, "变革"), "变化", strlen("变化"));
	write_file(pb, text);
	assert_int_equal(scd_scan_files(&scan, paths, 2, NULL), 0);
	assert_int_equal(scan->nclusters, 1);
	cap_open(&c);
	assert_int_equal(scd_report_html_scan(c.f, scan), 0);
	data = cap_page(&c, "scan");
	/* both members carry their text; the changed one its difference,
	 * with the canonical reading as the entry's seventh field */
	assert_int_equal(count(data, ",\"t\":["), 2);
	assert_int_equal(count(data, ",\"x\":[["), 1);
	assert_true((strstr(data, "[0,\"化\"]") && strstr(data, ",null,null,\"革\"]")) ||
		    (strstr(data, "[0,\"革\"]") && strstr(data, ",null,null,\"化\"]")));
	free(data);
	scd_scan_free(scan);
	unlink(pa);
	unlink(pb);
	rmdir(dir);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* Trace markup against a store holding it: the texts and the witness's
 * path stay inside the data, escaped; every paragraph is there with its
 * text and sources; the input's own record is "self" only when its bytes
 * are a witness's. */
static void trace_page(void **state)
{
	static const char witness[] =
		"上海合作组织成员国领导人于2025年9月1日在中国天津举行元首理事会会议</script><script>alert(1)</script>。\n"
		"世界政治、经济形势及国际关系的其他各领域正经历深刻历史性变革 &amp; \"演进\"。\n";
	char dir[] = "/tmp/scd-html-XXXXXX", store[64], pw[96];
	const char *paths[1] = { pw };
	scd_store *s = NULL;
	scd_store_added *added = NULL;
	scd_store_trace *t = NULL;
	scd_input *in;
	capture c;
	char *data, *text, commit[48];
	size_t i, n, nsrc = 0;
	int k;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(store, sizeof(store), "%s/store", dir);
	snprintf(pw, sizeof(pw), "%s/w<b>&\".txt", dir);
	write_file(pw, witness);
	assert_int_equal(scd_store_init(store), 0);
	assert_int_equal(scd_store_open(&s, store), 0);
	assert_int_equal(scd_store_add(s, &added, paths, 1, NULL), 0);
	for (k = 0; k < 2; k++) {
		/* k = 0: another text holding the witness's; 1: its very bytes */
		size_t len = strlen(witness) + 32;
		text = malloc(len);
		assert_non_null(text);
		snprintf(text, len, "%s%s", k ? "" : "前言<i>。\n", witness);
		in = util_input("in<put>.txt", text, strlen(text));
		assert_int_equal(scd_store_trace_input(s, &t, in, NULL), 0);
		assert_int_equal(t->nparagraphs, k ? 2 : 3);
		cap_open(&c);
		assert_int_equal(scd_report_html_trace(c.f, t, store), 0);
		data = cap_page(&c, "trace");
		assert_non_null(strstr(data, "\"path\":\"in\\u003cput\\u003e.txt\""));
		assert_non_null(strstr(data, "w\\u003cb\\u003e\\u0026\\\".txt\""));
		assert_non_null(strstr(data, "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"));
		assert_non_null(strstr(data, k ? "\"self\":0," : "\"self\":null,"));
		/* a paragraph entry each, the first one's text as given */
		assert_int_equal(count(data, "{\"s\":["), t->nparagraphs);
		assert_non_null(strstr(data, k ? ",\"t\":\"上海合作组织" : ",\"t\":\"前言\\u003ci\\u003e。\""));
		/* a source entry each, ending in its first commit (the add's) */
		for (i = n = 0; i < t->nparagraphs; i++)
			n += t->paragraphs[i].nsources;
		snprintf(commit, sizeof(commit), ",\"%s\"]", t->commit);
		assert_int_equal(count(data, commit), n);
		assert_true(t->paragraphs[k ? 0 : 1].nsources > 0);
		nsrc += n;
		free(data);
		scd_store_trace_free(t);
		scd_input_free(in);
		free(text);
	}
	assert_true(nsrc >= 4);
	scd_store_added_free(added);
	scd_store_free(s);
	assert_int_equal(nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reflow),
		cmocka_unit_test(pieces),
		cmocka_unit_test(diff_page),
		cmocka_unit_test(scan_page),
		cmocka_unit_test(trace_page),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Unit tests of report.c: the version-1 JSON document (parsed here by a
 * small strict parser, so that escaping mistakes show up as parse errors
 * or wrong strings), its positions in the user's original bytes, which
 * kinds are listed, and the terminal report's change markers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>

#include "scodiff.h"
#include "util.h"

/* ---- a small strict JSON parser ----------------------------------------- */

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } jtype;

typedef struct jnode {
	jtype type;
	double num;
	char *str;             /* J_STR: decoded UTF-8, NUL-terminated */
	size_t len;            /* J_STR: bytes; J_ARR/J_OBJ: members */
	char **keys;           /* J_OBJ */
	struct jnode **items;  /* J_ARR, J_OBJ */
} jnode;

typedef struct {
	const char *s;
	size_t i, n;
	int bad;
} jparser;

static void jfree(jnode *j)
{
	size_t i;

	if (!j)
		return;
	for (i = 0; i < j->len && (j->type == J_ARR || j->type == J_OBJ); i++) {
		jfree(j->items[i]);
		if (j->keys)
			free(j->keys[i]);
	}
	free(j->items);
	free(j->keys);
	free(j->str);
	free(j);
}

static void jws(jparser *p)
{
	while (p->i < p->n && strchr(" \t\r\n", p->s[p->i]))
		p->i++;
}

static int jhex(jparser *p, unsigned *out)
{
	unsigned v = 0;
	int k;

	if (p->i + 4 > p->n)
		return -1;
	for (k = 0; k < 4; k++) {
		char c = p->s[p->i++];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static size_t put_utf8(char *o, unsigned c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | c >> 6);
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | c >> 12);
		o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | c >> 18);
	o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* A string at p->s[p->i] == '"'; decoded into a malloc'd buffer. */
static char *jstring(jparser *p, size_t *len)
{
	char *o = malloc(p->n - p->i + 1);
	size_t n = 0;

	p->i++;
	while (p->i < p->n && p->s[p->i] != '"') {
		unsigned char c = (unsigned char)p->s[p->i++];
		if (c < 0x20) {
			p->bad = 1; /* control characters must be escaped */
			break;
		}
		if (c != '\\') {
			o[n++] = (char)c;
			continue;
		}
		if (p->i >= p->n) {
			p->bad = 1;
			break;
		}
		c = (unsigned char)p->s[p->i++];
		switch (c) {
		case '"': o[n++] = '"'; break;
		case '\\': o[n++] = '\\'; break;
		case '/': o[n++] = '/'; break;
		case 'b': o[n++] = '\b'; break;
		case 'f': o[n++] = '\f'; break;
		case 'n': o[n++] = '\n'; break;
		case 'r': o[n++] = '\r'; break;
		case 't': o[n++] = '\t'; break;
		case 'u': {
			unsigned u, u2;
			if (jhex(p, &u) < 0) {
				p->bad = 1;
				break;
			}
			if (u >= 0xD800 && u < 0xDC00) {
				if (p->i + 2 > p->n || p->s[p->i] != '\\' ||
				    p->s[p->i + 1] != 'u') {
					p->bad = 1;
					break;
				}
				p->i += 2;
				if (jhex(p, &u2) < 0 || u2 < 0xDC00 || u2 >= 0xE000) {
					p->bad = 1;
					break;
				}
				u = 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00);
			} else if (u >= 0xDC00 && u < 0xE000) {
				p->bad = 1;
				break;
			}
			n += put_utf8(o + n, u);
			break;
		}
		default:
			p->bad = 1;
		}
		if (p->bad)
			break;
	}
	if (p->i >= p->n || p->s[p->i] != '"')
		p->bad = 1;
	p->i++;
	o[n] = '\0';
	*len = n;
	return o;
}

static jnode *jvalue(jparser *p, int depth)
{
	jnode *j = calloc(1, sizeof(*j));
	char c;

	assert_non_null(j);
	jws(p);
	if (p->i >= p->n || depth > 32) {
		p->bad = 1;
		return j;
	}
	c = p->s[p->i];
	if (c == '{' || c == '[') {
		size_t cap = 0;
		char close = c == '{' ? '}' : ']';
		j->type = c == '{' ? J_OBJ : J_ARR;
		p->i++;
		jws(p);
		if (p->i < p->n && p->s[p->i] == close) {
			p->i++;
			return j;
		}
		while (!p->bad) {
			char *key = NULL;
			size_t kl;
			if (j->type == J_OBJ) {
				jws(p);
				if (p->i >= p->n || p->s[p->i] != '"') {
					p->bad = 1;
					break;
				}
				key = jstring(p, &kl);
				jws(p);
				if (p->i >= p->n || p->s[p->i] != ':') {
					free(key);
					p->bad = 1;
					break;
				}
				p->i++;
			}
			if (j->len == cap) {
				cap = cap ? 2 * cap : 8;
				j->items = realloc(j->items, cap * sizeof(*j->items));
				if (j->type == J_OBJ)
					j->keys = realloc(j->keys, cap * sizeof(*j->keys));
			}
			if (j->type == J_OBJ)
				j->keys[j->len] = key;
			j->items[j->len++] = jvalue(p, depth + 1);
			jws(p);
			if (p->i < p->n && p->s[p->i] == ',') {
				p->i++;
				continue;
			}
			if (p->i < p->n && p->s[p->i] == close) {
				p->i++;
				break;
			}
			p->bad = 1;
		}
	} else if (c == '"') {
		j->type = J_STR;
		j->str = jstring(p, &j->len);
	} else if (c == '-' || (c >= '0' && c <= '9')) {
		char *end;
		j->type = J_NUM;
		j->num = strtod(p->s + p->i, &end);
		p->i = (size_t)(end - p->s);
	} else if (!strncmp(p->s + p->i, "true", 4) || !strncmp(p->s + p->i, "null", 4)) {
		j->type = c == 't' ? J_BOOL : J_NULL;
		j->num = 1;
		p->i += 4;
	} else if (!strncmp(p->s + p->i, "false", 5)) {
		j->type = J_BOOL;
		p->i += 5;
	} else {
		p->bad = 1;
	}
	return j;
}

/* Parse a whole document; fails the test if it is not valid JSON. */
static jnode *jparse(const char *s, size_t n)
{
	jparser p = { s, 0, n, 0 };
	jnode *j = jvalue(&p, 0);

	jws(&p);
	if (p.bad || p.i != n)
		print_error("JSON error near byte %zu: %.60s\n", p.i,
			    s + (p.i < n ? p.i : n));
	assert_false(p.bad);
	assert_int_equal(p.i, n);
	return j;
}

/* Member `key` of an object; fails the test if it is missing. */
static const jnode *jget(const jnode *j, const char *key)
{
	size_t i;

	assert_int_equal(j->type, J_OBJ);
	for (i = 0; i < j->len; i++)
		if (!strcmp(j->keys[i], key))
			return j->items[i];
	print_error("no member \"%s\"\n", key);
	fail();
	return NULL;
}

static int jhas(const jnode *j, const char *key)
{
	size_t i;

	for (i = 0; i < j->len; i++)
		if (!strcmp(j->keys[i], key))
			return 1;
	return 0;
}

static const jnode *jat(const jnode *j, size_t i)
{
	assert_int_equal(j->type, J_ARR);
	assert_true(i < j->len);
	return j->items[i];
}

static double jnum(const jnode *j)
{
	assert_int_equal(j->type, J_NUM);
	return j->num;
}

static const char *jstr(const jnode *j)
{
	assert_int_equal(j->type, J_STR);
	return j->str;
}

/* A [beg, end] pair. */
static void assert_span(const jnode *j, double beg, double end)
{
	assert_int_equal(j->type, J_ARR);
	assert_int_equal(j->len, 2);
	if (jnum(jat(j, 0)) != beg || jnum(jat(j, 1)) != end)
		print_error("span [%g,%g], wanted [%g,%g]\n", jnum(jat(j, 0)),
			    jnum(jat(j, 1)), beg, end);
	assert_true(jnum(jat(j, 0)) == beg);
	assert_true(jnum(jat(j, 1)) == end);
}

/* ---- helpers ------------------------------------------------------------ */


/* UTF-16LE with a BOM of a UTF-8 string (malloc'd). */
static char *utf16le(const char *s, size_t *len)
{
	UErrorCode st = U_ZERO_ERROR;
	size_t n = strlen(s);
	char *buf = malloc(2 * n + 4);
	int32_t m;

	assert_non_null(buf);
	memcpy(buf, "\xFF\xFE", 2);
	m = ucnv_convert("UTF-16LE", "UTF-8", buf + 2, (int32_t)(2 * n + 2), s,
			 (int32_t)n, &st);
	assert_true(U_SUCCESS(st));
	*len = (size_t)m + 2;
	return buf;
}

/* UTF-16 bytes (after a BOM) of the UTF-8 text s[0..off). */
static size_t u16_offset(const char *s, size_t off)
{
	size_t i, n = 2;

	for (i = 0; i < off; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) == 0x80)
			continue;
		n += c >= 0xF0 ? 4 : 2;
	}
	return n;
}

static size_t offset_of(const char *s, const char *needle)
{
	const char *at = strstr(s, needle);

	assert_non_null(at);
	return (size_t)(at - s);
}

/* The report written to memory (malloc'd, NUL-terminated). */
static char *json_of(const scd_diff *d, unsigned int show, size_t *len)
{
	scd_report_options o = SCD_REPORT_OPTIONS_INIT;
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	assert_non_null(f);
	if (show)
		o.show = show;
	assert_int_equal(scd_report_json(f, d, &o), 0);
	assert_int_equal(fclose(f), 0);
	*len = n;
	return buf;
}

static scd_diff *diff(const scd_input *a, const scd_input *b, int keep_layout)
{
	scd_diff_options opts = SCD_DIFF_OPTIONS_INIT;
	scd_diff *d = NULL;

	opts.keep_layout = keep_layout;
	assert_int_equal(scd_diff_inputs(&d, a, b, &opts), 0);
	return d;
}

/* ---- the pair ------------------------------------------------------------ */

/* a in UTF-8; b in UTF-16LE: 三 → 五 (an edit), a line broken (layout), a
 * full-width comma made ASCII (width), and a sentence only in b. */
static const char text_a[] =
	"上海合作组织成员国元首理事会会议在天津举行，三方表示支持，"
	"会议取得圆满成功并通过了天津宣言，成员国领导人出席会议。\n";
static const char text_b[] =
	"上海合作组织成员国元首理事会会议在天津举行，五方表示支持，"
	"会议取得圆满成功并通过了\n天津宣言,成员国领导人出席会议。\n"
	"新华社天津九月一日电只在这一版上有的文字。\n";

typedef struct {
	scd_input *a, *b;
	char *b_bytes;
	size_t b_len;
} pair;

static pair make_pair(const char *name_a)
{
	pair p;

	p.a = util_input(name_a, text_a, strlen(text_a));
	p.b_bytes = utf16le(text_b, &p.b_len);
	p.b = util_input("b16.txt", p.b_bytes, p.b_len);
	return p;
}

static void free_pair(pair *p)
{
	scd_input_free(p->a);
	scd_input_free(p->b);
	free(p->b_bytes);
}

/* ---- tests ------------------------------------------------------------------ */

static void json_document(void **state)
{
	pair p = make_pair("a.txt");
	scd_diff *d = diff(p.a, p.b, 0);
	size_t len, ea, eb;
	char *s = json_of(d, 0, &len);
	jnode *j = jparse(s, len);
	const jnode *x, *counts;

	(void)state;
	assert_true(jnum(jget(j, "version")) == 1);
	assert_true(jnum(jget(j, "version")) == SCD_REPORT_JSON_VERSION);
	assert_string_equal(jstr(jget(jget(j, "a"), "path")), "a.txt");
	assert_string_equal(jstr(jget(jget(j, "b"), "path")), "b16.txt");
	assert_true(jnum(jget(jget(j, "a"), "bytes")) == strlen(text_a));
	assert_true(jnum(jget(jget(j, "b"), "bytes")) == p.b_len);
	assert_string_equal(jstr(jget(jget(j, "a"), "encoding")), "UTF-8");
	assert_non_null(strstr(jstr(jget(jget(j, "b"), "encoding")), "16"));
	assert_true(jnum(jget(j, "similarity")) > 0.5 &&
		    jnum(jget(j, "similarity")) < 1);
	counts = jget(j, "counts");
	assert_true(jnum(jget(counts, "edit")) == 1);
	assert_true(jnum(jget(counts, "ocr")) == 0);
	assert_true(jnum(jget(counts, "width")) == 1);
	assert_true(jnum(jget(counts, "layout")) >= 1);
	assert_true(jnum(jget(counts, "punct")) == 0);
	assert_true(jnum(jget(counts, "variant")) == 0);
	/* one block, starting at the first byte of each file */
	assert_int_equal(jget(j, "blocks")->len, 1);
	x = jat(jget(j, "blocks"), 0);
	ea = offset_of(text_a, "。\n") + 3;
	eb = u16_offset(text_b, offset_of(text_b, "。\n") + 3);
	assert_span(jget(x, "a"), 0, (double)ea);
	assert_span(jget(x, "b"), 2, (double)eb);
	assert_span(jget(x, "a_lines"), 1, 1);
	assert_span(jget(x, "b_lines"), 1, 2);
	assert_true(jnum(jget(x, "similarity")) > 0.9);
	/* by default only edit and ocr are listed */
	assert_int_equal(jget(j, "differences")->len, 1);
	x = jat(jget(j, "differences"), 0);
	assert_string_equal(jstr(jget(x, "kind")), "edit");
	assert_string_equal(jstr(jget(x, "a_text")), "三");
	assert_string_equal(jstr(jget(x, "b_text")), "五");
	assert_true(jnum(jget(x, "block")) == 0);
	/* offsets are bytes of the original files: UTF-8 in a, UTF-16 in b */
	ea = offset_of(text_a, "三");
	eb = u16_offset(text_b, offset_of(text_b, "五"));
	assert_span(jget(x, "a"), (double)ea, (double)ea + 3);
	assert_span(jget(x, "b"), (double)eb, (double)eb + 2);
	assert_false(jhas(x, "reason"));
	/* the sentence only in b */
	assert_int_equal(jget(j, "unmatched_a")->len, 0);
	assert_int_equal(jget(j, "unmatched_b")->len, 1);
	assert_span(jat(jget(j, "unmatched_b"), 0),
		    (double)u16_offset(text_b, offset_of(text_b, "新华社")),
		    (double)u16_offset(text_b, strlen(text_b) - 1));
	jfree(j);
	free(s);
	scd_diff_free(d);
	free_pair(&p);
}

/* A UTF-8 BOM shifts every offset by three bytes. */
static void json_offsets_after_bom(void **state)
{
	char *bom = malloc(sizeof(text_a) + 3);
	scd_input *a, *b;
	scd_diff *d;
	size_t len, at = offset_of(text_a, "三");
	char *s;
	jnode *j;

	(void)state;
	memcpy(bom, "\xEF\xBB\xBF", 3);
	memcpy(bom + 3, text_a, sizeof(text_a));
	a = util_input("bom.txt", bom, sizeof(text_a) + 2);
	b = util_input("b.txt", text_b, strlen(text_b));
	d = diff(a, b, 0);
	s = json_of(d, 0, &len);
	j = jparse(s, len);
	assert_span(jget(jat(jget(j, "differences"), 0), "a"), (double)at + 3,
		    (double)at + 6);
	assert_span(jget(jat(jget(j, "differences"), 0), "b"), (double)at,
		    (double)at + 3);
	assert_true(jnum(jat(jget(jat(jget(j, "blocks"), 0), "a"), 0)) == 3);
	jfree(j);
	free(s);
	scd_diff_free(d);
	scd_input_free(a);
	scd_input_free(b);
	free(bom);
}

/* Kinds of the differences listed in a report. */
static void listed_kinds(const jnode *j, size_t counts[SCD_KIND__COUNT])
{
	const jnode *diffs = jget(j, "differences");
	size_t i;
	int k;

	memset(counts, 0, SCD_KIND__COUNT * sizeof(counts[0]));
	for (i = 0; i < diffs->len; i++) {
		k = scd_kind_from_name(jstr(jget(jat(diffs, i), "kind")));
		assert_true(k >= 0);
		counts[k]++;
	}
}

/* Layout is counted always, listed only when `show` asks for it. */
static void layout_listed_only_when_shown(void **state)
{
	pair p = make_pair("a.txt");
	scd_diff *d = diff(p.a, p.b, 1);
	size_t len, listed[SCD_KIND__COUNT];
	char *s;
	jnode *j;

	(void)state;
	assert_true(d->counts[SCD_KIND_LAYOUT] >= 1);
	/* default: edit and ocr */
	s = json_of(d, 0, &len);
	j = jparse(s, len);
	listed_kinds(j, listed);
	assert_int_equal(listed[SCD_KIND_LAYOUT], 0);
	assert_int_equal(listed[SCD_KIND_WIDTH], 0);
	assert_int_equal(listed[SCD_KIND_EDIT], 1);
	assert_true(jnum(jget(jget(j, "counts"), "layout")) == d->counts[SCD_KIND_LAYOUT]);
	jfree(j);
	free(s);
	/* everything but layout */
	s = json_of(d, SCD_SHOW_ALL & ~SCD_SHOW(SCD_KIND_LAYOUT), &len);
	j = jparse(s, len);
	listed_kinds(j, listed);
	assert_int_equal(listed[SCD_KIND_LAYOUT], 0);
	assert_int_equal(listed[SCD_KIND_WIDTH], 1);
	assert_int_equal(listed[SCD_KIND_EDIT], 1);
	jfree(j);
	free(s);
	/* everything */
	s = json_of(d, SCD_SHOW_ALL, &len);
	j = jparse(s, len);
	listed_kinds(j, listed);
	assert_int_equal(listed[SCD_KIND_LAYOUT], d->counts[SCD_KIND_LAYOUT]);
	assert_int_equal(listed[SCD_KIND_WIDTH], 1);
	assert_int_equal(listed[SCD_KIND_EDIT], 1);
	jfree(j);
	free(s);
	/* layout only: the inserted line break, at its UTF-16 offset */
	s = json_of(d, SCD_SHOW(SCD_KIND_LAYOUT), &len);
	j = jparse(s, len);
	{
		const jnode *diffs = jget(j, "differences");
		size_t i, seen = 0, nl = u16_offset(text_b, offset_of(text_b, "了\n") + 3);
		for (i = 0; i < diffs->len; i++) {
			const jnode *x = jat(diffs, i);
			assert_string_equal(jstr(jget(x, "kind")), "layout");
			if (!strcmp(jstr(jget(x, "b_text")), "\n")) {
				assert_string_equal(jstr(jget(x, "a_text")), "");
				assert_span(jget(x, "b"), (double)nl, (double)nl + 2);
				seen++;
			}
		}
		assert_int_equal(seen, 1);
	}
	jfree(j);
	free(s);
	scd_diff_free(d);
	free_pair(&p);
}

/* Names and texts with quotes, backslashes, control characters and markup
 * come back unchanged from the JSON. */
static void strings_escaped(void **state)
{
	static const char name[] = "we\"ird\\na\tme\x01\x1f</script><script>.txt";
	static const char inserted[] = "<script>\"\\\x01\x7f\ttab</script>";
	char tb[512];
	scd_input *a, *b;
	scd_diff *d;
	size_t len, i, found = 0;
	char *s;
	jnode *j;
	const jnode *diffs;

	(void)state;
	snprintf(tb, sizeof(tb), "%.*s%s%s", (int)offset_of(text_a, "三"), text_a,
		 inserted, text_a + offset_of(text_a, "三") + 3);
	a = util_input(name, text_a, strlen(text_a));
	b = util_input("b\n\r.txt", tb, strlen(tb));
	d = diff(a, b, 1);
	s = json_of(d, SCD_SHOW_ALL, &len);
	/* nothing raw that would end the string or the document early */
	for (i = 0; i < len; i++)
		assert_true((unsigned char)s[i] >= 0x20 || s[i] == '\n');
	j = jparse(s, len);
	assert_string_equal(jstr(jget(jget(j, "a"), "path")), name);
	assert_string_equal(jstr(jget(jget(j, "b"), "path")), "b\n\r.txt");
	diffs = jget(j, "differences");
	for (i = 0; i < diffs->len; i++) {
		const jnode *x = jat(diffs, i);
		if (!strcmp(jstr(jget(x, "a_text")), "三")) {
			assert_string_equal(jstr(jget(x, "kind")), "edit");
			assert_string_equal(jstr(jget(x, "b_text")), inserted);
			found++;
		}
	}
	assert_int_equal(found, 1);
	jfree(j);
	free(s);
	scd_diff_free(d);
	scd_input_free(a);
	scd_input_free(b);
}

/* The terminal report shows the counts and marks a change [-a-]{+b+}. */
static void text_report(void **state)
{
	pair p = make_pair("a.txt");
	scd_diff *d = diff(p.a, p.b, 0);
	scd_report_options o = SCD_REPORT_OPTIONS_INIT;
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	(void)state;
	assert_int_equal(scd_report_text(f, d, &o), 0);
	assert_int_equal(fclose(f), 0);
	assert_non_null(strstr(buf, "a.txt"));
	assert_non_null(strstr(buf, "b16.txt"));
	assert_non_null(strstr(buf, "edit 1"));
	assert_non_null(strstr(buf, "[-三-]{+五+}"));
	assert_null(strstr(buf, "\033["));
	free(buf);
	scd_diff_free(d);
	free_pair(&p);
}

/* A stream that cannot be written is an error, not a silent success. */
static void write_error(void **state)
{
	pair p = make_pair("a.txt");
	scd_diff *d = diff(p.a, p.b, 0);
	FILE *f = fopen("/dev/null", "r");

	(void)state;
	assert_non_null(f);
	assert_int_equal(scd_report_json(f, d, NULL), SCD_EIO);
	fclose(f);
	scd_diff_free(d);
	free_pair(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_document),
		cmocka_unit_test(json_offsets_after_bom),
		cmocka_unit_test(layout_listed_only_when_shown),
		cmocka_unit_test(strings_escaped),
		cmocka_unit_test(text_report),
		cmocka_unit_test(write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

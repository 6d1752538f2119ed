/*
 * Unit tests of input.c: charset detection, decoding to UTF-8, the map
 * from text offsets back to the user's bytes, the line table, and the
 * errors a user sees for files that are not text.
 *
 * Inputs are built in memory; other charsets are produced from UTF-8 with
 * ICU's ucnv_convert() so that no test depends on hand-typed byte arrays
 * beyond a few short, well-known sequences.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <unicode/ucnv.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>

#include "scodiff.h"
#include "util.h"

#define CORPUS(name) SCD_CORPORA "/" name

/* ---- helpers ------------------------------------------------------------ */

/* Decode from memory; the call must succeed. */
static scd_input *decode_ok(const void *data, size_t len, const char *encoding)
{
	scd_input_options opts = SCD_INPUT_OPTIONS_INIT;
	scd_input *in = NULL;
	int error;

	opts.encoding = encoding;
	error = scd_input_from_memory(&in, "mem.txt", data, len, &opts);
	if (error != 0)
		print_error("scd_input_from_memory: %d %s\n", error, scd_error_last());
	assert_int_equal(error, 0);
	assert_non_null(in);
	return in;
}

/* `needle` occurs in `s`, not followed by a digit ("byte 3" is not in
 * "byte 30"). */
static int has(const char *s, const char *needle)
{
	const char *at = s;
	size_t n = strlen(needle);

	while ((at = strstr(at, needle)) != NULL) {
		if (at[n] < '0' || at[n] > '9')
			return 1;
		at++;
	}
	return 0;
}

/* An input the decoder must refuse with `code`, with a message that names
 * the input and contains `needle`. */
struct bad_input {
	const char *name;
	const char *data;
	size_t len;
	const char *encoding;
	int code;
	const char *needle;
};

static void decode_fails(const struct bad_input *c)
{
	scd_input_options opts = SCD_INPUT_OPTIONS_INIT;
	scd_input *in = (scd_input *)&opts; /* must be reset to NULL */
	char quoted[256];
	int error;

	opts.encoding = c->encoding;
	error = scd_input_from_memory(&in, c->name, c->data, c->len, &opts);
	if (error != c->code) {
		print_error("got %d (%s), wanted %d\n", error,
			    error ? scd_error_last() : scd_input_encoding(in), c->code);
		if (error == 0)
			scd_input_free(in);
	}
	assert_int_equal(error, c->code);
	assert_null(in);
	snprintf(quoted, sizeof(quoted), "'%s'", c->name);
	if (!has(scd_error_last(), quoted) || !has(scd_error_last(), c->needle))
		print_error("message: %s\n", scd_error_last());
	assert_true(has(scd_error_last(), quoted));
	assert_true(has(scd_error_last(), c->needle));
}

static void decode_fails_all(const struct bad_input *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		decode_fails(&c[i]);
}

/* A bad input of a string literal: its bytes without the final NUL. */
#define BAD(name, literal, encoding, needle)                                  \
	{ name, literal, sizeof(literal) - 1, encoding, SCD_EINVALID, needle }

static void assert_text(const scd_input *in, const char *want, size_t wlen)
{
	size_t len;
	const char *t = scd_input_text(in, &len);

	assert_int_equal(len, wlen);
	assert_memory_equal(t, want, wlen);
}

/* Text offset `text` maps to byte `byte` of the user's input. */
struct offset_row {
	size_t text, byte;
};

static void assert_offset_rows(const scd_input *in, const struct offset_row *r,
			       size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		assert_int_equal(scd_input_offset(in, r[i].text), r[i].byte);
}

/* Text offset `at` is on line `line`, in column `column` (0: not checked). */
struct position_row {
	size_t at, line, column;
};

static void assert_positions(const scd_input *in, const struct position_row *r,
			     size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (r[i].line)
			assert_int_equal(scd_input_line(in, r[i].at), r[i].line);
		if (r[i].column)
			assert_int_equal(scd_input_column(in, r[i].at), r[i].column);
	}
}

/*
 * For every character of the UTF-8 text `u8`, the original byte offset
 * reported by scd_input_offset() must be `skip` plus the size, in charset
 * `cs`, of all characters before it; the text length maps to the size.
 */
static void assert_offsets(const scd_input *in, const char *u8, size_t len,
			   const char *cs, size_t skip)
{
	UErrorCode st = U_ZERO_ERROR;
	UConverter *cnv = ucnv_open(cs, &st);
	size_t at = skip;
	int32_t i = 0;

	assert_true(U_SUCCESS(st));
	while ((size_t)i < len) {
		int32_t start = i, nu = 0;
		UChar32 c;
		UChar u[2];
		char bytes[8];
		UBool err = 0;

		U8_NEXT(u8, i, (int32_t)len, c);
		assert_true(c >= 0);
		U16_APPEND(u, nu, 2, c, err);
		st = U_ZERO_ERROR;
		int32_t clen = ucnv_fromUChars(cnv, bytes, sizeof(bytes), u, nu, &st);
		assert_true(U_SUCCESS(st) && !err);
		if (scd_input_offset(in, (size_t)start) != at)
			print_error("text offset %d: byte %zu, wanted %zu\n", start,
				    scd_input_offset(in, (size_t)start), at);
		assert_int_equal(scd_input_offset(in, (size_t)start), at);
		at += (size_t)clen;
	}
	ucnv_close(cnv);
	assert_int_equal(scd_input_offset(in, len), at);
	assert_int_equal(scd_input_size(in), at);
}

/* A realistic paragraph: the first `max` bytes or so of a corpus file,
 * cut after a line end (malloc'd). */
static char *corpus_paragraph(const char *file, size_t max, size_t *len)
{
	size_t n;
	char *all = util_slurp(file, &n);

	if (max > n)
		max = n;
	while (max > 0 && all[max - 1] != '\n')
		max--;
	assert_true(max > 200);
	*len = max;
	return all;
}

/* ---- UTF-8 -------------------------------------------------------------- */

static void utf8_plain(void **state)
{
	static const char s[] = "中文 abc\n";
	scd_input *in = decode_ok(s, sizeof(s) - 1, NULL);
	size_t i;

	(void)state;
	assert_string_equal(scd_input_encoding(in), "UTF-8");
	assert_string_equal(scd_input_path(in), "mem.txt");
	assert_int_equal(scd_input_size(in), sizeof(s) - 1);
	assert_text(in, s, sizeof(s) - 1);
	for (i = 0; i <= sizeof(s) - 1; i++)
		assert_int_equal(scd_input_offset(in, i), i);
	scd_input_free(in);
}

static void utf8_bom_skipped(void **state)
{
	static const char s[] = "\xEF\xBB\xBF中文";
	scd_input *in = decode_ok(s, sizeof(s) - 1, NULL);

	(void)state;
	assert_string_equal(scd_input_encoding(in), "UTF-8");
	assert_text(in, "中文", 6);
	assert_int_equal(scd_input_size(in), 9);
	assert_int_equal(scd_input_offset(in, 0), 3);
	assert_int_equal(scd_input_offset(in, 3), 6);
	assert_int_equal(scd_input_offset(in, 6), 9);
	assert_int_equal(scd_input_line(in, 0), 1);
	assert_int_equal(scd_input_column(in, 3), 2);
	scd_input_free(in);
}

static void utf8_bom_with_forced_utf8(void **state)
{
	static const char s[] = "\xEF\xBB\xBF中文";
	scd_input *in = decode_ok(s, sizeof(s) - 1, "UTF-8");

	(void)state;
	assert_text(in, "中文", 6);
	assert_int_equal(scd_input_offset(in, 0), 3);
	scd_input_free(in);
}

static void empty_input(void **state)
{
	scd_input *in = decode_ok("", 0, NULL);
	size_t len = 99;

	(void)state;
	scd_input_text(in, &len);
	assert_int_equal(len, 0);
	assert_int_equal(scd_input_size(in), 0);
	assert_int_equal(scd_input_offset(in, 0), 0);
	assert_int_equal(scd_input_line(in, 0), 1);
	assert_int_equal(scd_input_column(in, 0), 1);
	scd_input_free(in);
}

static void empty_device(void **state)
{
	scd_input *in = NULL;
	size_t len = 99;

	(void)state;
	assert_int_equal(scd_input_read(&in, "/dev/null", NULL), 0);
	scd_input_text(in, &len);
	assert_int_equal(len, 0);
	scd_input_free(in);
}

static void corpus_file_read(void **state)
{
	static const char *const files[] = {
		"astana-summit-2024.txt", "council-meeting-2025.txt",
		"sco-plus-meeting-2025.txt", "tianjin-declaration-2025.txt",
		"tianjin-eight-outcomes-2025.txt"
	};
	size_t f;

	(void)state;
	for (f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		char path[512];
		size_t n;
		char *want;
		scd_input *in = NULL;

		snprintf(path, sizeof(path), "%s/%s", SCD_CORPORA, files[f]);
		want = util_slurp(path, &n);
		assert_int_equal(scd_input_read(&in, path, NULL), 0);
		assert_string_equal(scd_input_path(in), path);
		assert_string_equal(scd_input_encoding(in), "UTF-8");
		assert_int_equal(scd_input_size(in), n);
		assert_text(in, want, n);
		assert_int_equal(scd_input_offset(in, 100), 100);
		scd_input_free(in);
		free(want);
	}
}

/* ---- UTF-16 ------------------------------------------------------------- */

/* "A中𠀀b": one, three, four and one UTF-8 bytes; 2, 2, 4 and 2 in UTF-16. */
static const char sample[] = "A中\xF0\xA0\x80\x80" "b";

/* The sample in charset `cs` behind a byte order mark decodes, charset
 * detected, to the sample, under a name that contains `name`; its
 * characters A, 中, 𠀀, b and its end map to bytes `at`, and the whole
 * input has `size` bytes. */
struct bom_case {
	const char *cs, *bom;
	size_t nbom;
	const char *name;
	size_t size, at[5];
};

static const struct bom_case bom_cases[] = {
	{ "UTF-16LE", "\xFF\xFE", 2, "16", 12, { 2, 4, 6, 10, 12 } },
	{ "UTF-16BE", "\xFE\xFF", 2, "16", 12, { 2, 4, 6, 10, 12 } },
	/* UTF-32: four bytes a character */
	{ "UTF-32LE", "\xFF\xFE\0\0", 4, "32", 20, { 4, 8, 12, 16, 20 } },
};

static void bom_detected(void **state)
{
	static const size_t text_at[5] = { 0, 1, 4, 8, 9 };
	size_t c, n, i;

	(void)state;
	for (c = 0; c < UTIL_LEN(bom_cases); c++) {
		const struct bom_case *bc = &bom_cases[c];
		char *buf = util_encode(bc->cs, bc->bom, bc->nbom, sample,
				   sizeof(sample) - 1, &n);
		scd_input *in = decode_ok(buf, n, NULL);

		assert_int_equal(n, bc->size);
		assert_text(in, sample, sizeof(sample) - 1);
		assert_non_null(strstr(scd_input_encoding(in), bc->name));
		assert_int_equal(scd_input_size(in), bc->size);
		for (i = 0; i < 5; i++)
			assert_int_equal(scd_input_offset(in, text_at[i]), bc->at[i]);
		scd_input_free(in);
		free(buf);
	}
}

/*
 * A surrogate pair split between two of the decoder's 64 KiB chunks keeps
 * its offset: 32767 units of 'a', then 𠀀, then 'z'.  With a BOM the lead
 * surrogate is the last unit of the first chunk; forced UTF-16LE without a
 * BOM puts the split at byte 65536, between lead and trail.
 */
static void utf16_pair_across_chunks(void **state)
{
	size_t na = 32767, len = na + 4 + 1, n, i;
	char *u8 = malloc(len);
	char *buf;
	scd_input *in;

	(void)state;
	memset(u8, 'a', na);
	memcpy(u8 + na, "\xF0\xA0\x80\x80", 4);
	u8[na + 4] = 'z';

	buf = util_encode("UTF-16LE", "\xFF\xFE", 2, u8, len, &n);
	in = decode_ok(buf, n, NULL);
	assert_text(in, u8, len);
	for (i = na - 2; i < na; i++)
		assert_int_equal(scd_input_offset(in, i), 2 + 2 * i);
	{
		const struct offset_row at[] = {
			{ na, 65536 }, { na + 4, 65540 }, { len, 65542 }
		};
		assert_offset_rows(in, at, UTIL_LEN(at));
	}
	scd_input_free(in);

	in = decode_ok(buf + 2, n - 2, "UTF-16LE");
	assert_text(in, u8, len);
	{
		const struct offset_row at[] = {
			{ na - 1, 65532 }, { na, 65534 }, { na + 4, 65538 }
		};
		assert_offset_rows(in, at, UTIL_LEN(at));
	}
	scd_input_free(in);
	free(buf);
	free(u8);
}

static void utf16_invalid(void **state)
{
	static const struct bad_input cases[] = {
		/* lead surrogate followed by 'A' */
		BAD("lead.txt", "\xFF\xFE\x00\xD8\x41\x00", NULL, "byte 2"),
		/* trail surrogate alone */
		BAD("trail.txt", "\xFF\xFE\x41\x00\x00\xDC\x41\x00", NULL, "byte 4"),
		/* lead surrogate at the very end */
		BAD("end.txt", "\xFF\xFE\x41\x00\x00\xD8", NULL, "byte 4"),
		/* big-endian */
		BAD("be.txt", "\xFE\xFF\xD8\x00\x00\x41", NULL, "byte 2"),
		/* a NUL character: binary */
		BAD("nul16.txt", "\xFF\xFE\x41\x00\x00\x00\x42\x00", NULL, "binary"),
	};

	(void)state;
	decode_fails_all(cases, UTIL_LEN(cases));
}

/* ---- GB18030 ------------------------------------------------------------ */

static void gb18030_known_bytes(void **state)
{
	static const struct offset_row at[] = { { 0, 0 }, { 3, 2 }, { 6, 4 } };
	scd_input *in = decode_ok("\xD6\xD0\xCE\xC4", 4, "GB18030");

	(void)state;
	assert_text(in, "中文", 6);
	assert_offset_rows(in, at, UTIL_LEN(at));
	scd_input_free(in);
}

/* The charset is reported by the name users know it by, as documented in
 * input.h ("GB18030"), both when detected and when forced. */
static void gb18030_encoding_name(void **state)
{
	size_t len, n;
	char *para = corpus_paragraph(CORPUS("tianjin-declaration-2025.txt"), 2000, &len);
	char *gb = util_encode("GB18030", "", 0, para, len, &n);
	scd_input *in = decode_ok(gb, n, NULL);

	(void)state;
	assert_string_equal(scd_input_encoding(in), "GB18030");
	scd_input_free(in);
	in = decode_ok(gb, n, "GB18030");
	assert_string_equal(scd_input_encoding(in), "GB18030");
	scd_input_free(in);
	free(gb);
	free(para);
}

/* More than one 64 KiB decoding chunk, with a two-byte character straddling
 * the chunk boundary (the text starts with one ASCII byte, so every
 * two-byte character of the first line starts at an odd offset) and
 * four-byte GB18030 characters (𠀀, €) along the way. */
static void gb18030_across_chunks(void **state)
{
	size_t plen, len = 0, n, cap = 140000;
	char *para = corpus_paragraph(CORPUS("sco-plus-meeting-2025.txt"), 4000, &plen);
	char *u8 = malloc(cap + 8192);
	char *gb;
	scd_input *in;

	(void)state;
	u8[len++] = 'x';
	while (len < 1 + 3 * 32800)
		len += (size_t)sprintf(u8 + len, "中");
	while (len < cap) {
		memcpy(u8 + len, para, plen);
		len += plen;
		len += (size_t)sprintf(u8 + len, "\xF0\xA0\x80\x80€\n");
	}
	gb = util_convert("GB18030", "UTF-8", u8, len, &n);
	assert_true(n > 65536 + 1000);
	in = decode_ok(gb, n, "GB18030");
	assert_text(in, u8, len);
	assert_offsets(in, u8, len, "GB18030", 0);
	scd_input_free(in);
	free(gb);
	free(u8);
	free(para);
}

static void gb18030_invalid_forced(void **state)
{
	/* 中文, a byte no GB18030 sequence starts with, 中 */
	static const struct bad_input c =
		BAD("gb.txt", "\xD6\xD0\xCE\xC4\xFF\xD6\xD0", "GB18030", "byte 4");

	(void)state;
	decode_fails(&c);
}

static void unknown_encoding(void **state)
{
	static const struct bad_input c =
		BAD("x.txt", "abc", "no-such-charset-xyz", "no-such-charset-xyz");

	(void)state;
	decode_fails(&c);
}

/* ---- corpus paragraphs in other charsets -------------------------------- */

/* A corpus paragraph (corpus_paragraph of `file`, `max`) in charset `cs`
 * behind the `nbom` bytes of `bom` decodes (as charset `forced`, detected
 * when NULL) to itself, and each character maps back to its bytes in `cs`;
 * with `shorter`, the encoded paragraph is smaller than its UTF-8. */
struct paragraph_trip {
	const char *file;
	size_t max;
	const char *cs, *bom;
	size_t nbom;
	const char *forced;
	int shorter;
};

static const struct paragraph_trip paragraph_trips[] = {
	/* every character maps back to its UTF-16 bytes */
	{ CORPUS("astana-summit-2024.txt"), 3000, "UTF-16LE", "\xFF\xFE", 2, NULL, 0 },
	/* GB18030 decodes without being told its charset (two bytes a
	 * character, not three) */
	{ CORPUS("tianjin-declaration-2025.txt"), 2000, "GB18030", "", 0, NULL, 1 },
	{ CORPUS("council-meeting-2025.txt"), 1500, "GB18030", "", 0, "GB18030", 0 },
};

static void paragraph_round_trips(void **state)
{
	size_t t, len, n;

	(void)state;
	for (t = 0; t < UTIL_LEN(paragraph_trips); t++) {
		const struct paragraph_trip *p = &paragraph_trips[t];
		char *para = corpus_paragraph(p->file, p->max, &len);
		char *buf = util_encode(p->cs, p->bom, p->nbom, para, len, &n);
		scd_input *in = decode_ok(buf, n, p->forced);

		if (p->shorter)
			assert_true(n - p->nbom < len);
		assert_text(in, para, len);
		assert_offsets(in, para, len, p->cs, p->nbom);
		scd_input_free(in);
		free(buf);
		free(para);
	}
}

/* ---- lines and columns ---------------------------------------------------- */

/* Line and column of offsets of short UTF-8 texts (the charset detected);
 * the rows end at the first one that checks neither. */
static const struct {
	const char *text;
	struct position_row r[8];
} position_cases[] = {
	{ "ab\ncd\n\nef", {
		{ 0, 1, 0 },
		{ 2, 1, 0 }, /* the LF ends line 1 */
		{ 3, 2, 1 },
		{ 4, 0, 2 },
		{ 6, 3, 0 }, /* the empty line */
		{ 7, 4, 0 },
		{ 8, 4, 2 },
	} },
	{ "ab\r\ncd\r\n\r\nef", {
		{ 2, 1, 0 }, /* CR */
		{ 3, 1, 0 }, /* LF */
		{ 4, 2, 0 },
		{ 5, 2, 0 },
		{ 8, 3, 0 },
		{ 10, 4, 0 },
		{ 11, 0, 2 },
	} },
	{ "ab\rcd\r\ref", {
		{ 2, 1, 0 }, { 3, 2, 0 }, { 6, 3, 0 }, { 7, 4, 0 }, { 8, 0, 2 },
	} },
	/* columns count characters, not bytes */
	{ "中文\n上海合作组织", {
		{ 7, 2, 1 },  /* 上 */
		{ 13, 0, 3 }, /* 合 */
		{ 3, 0, 2 },  /* 文 */
	} },
};

static void lines_and_columns(void **state)
{
	size_t c, n;

	(void)state;
	for (c = 0; c < UTIL_LEN(position_cases); c++) {
		const char *s = position_cases[c].text;
		const struct position_row *r = position_cases[c].r;
		scd_input *in = decode_ok(s, strlen(s), NULL);

		for (n = 0; n < 8 && (r[n].line || r[n].column); n++)
			;
		assert_positions(in, r, n);
		scd_input_free(in);
	}
}

/* Columns on a line far longer than the 64 KiB checkpoints agree with a
 * plain count of characters from the line start. */
static void columns_on_long_line(void **state)
{
	size_t n = 0, cap = 600000, i, lead = 0, line_start;
	char *buf = malloc(cap);
	scd_input *in;

	(void)state;
	assert_non_null(buf);
	memcpy(buf, "x\ny\n", 4);
	n = line_start = 4;
	while (n + 3 < cap - 1) {
		if ((n / 7) % 3) {
			memcpy(buf + n, "\xe4\xb8\xad", 3); /* 中 */
			n += 3;
		} else {
			buf[n++] = 'a';
		}
	}
	assert_int_equal(scd_input_from_memory(&in, "long", buf, n, NULL), 0);
	for (i = line_start; i < n; i++) {
		if (((unsigned char)buf[i] & 0xC0) == 0x80)
			continue;
		if (i % 997 == 0 || i + 3 >= n || (i & 0xFFFF) < 4)
			assert_int_equal(scd_input_column(in, i), lead + 1);
		lead++;
	}
	assert_int_equal(scd_input_line(in, n - 1), 3);
	scd_input_free(in);
	free(buf);
}

/* Lines of a UTF-16 file with CRLF are counted on the decoded text. */
static void lines_utf16_crlf(void **state)
{
	static const char u8[] = "上海\r\n合作\r\n组织";
	static const struct position_row r[] = {
		{ 8, 2, 0 },  /* 合 */
		{ 16, 3, 0 }, /* 组 */
		{ 19, 0, 2 },
	};
	size_t n;
	char *buf = util_encode("UTF-16LE", "\xFF\xFE", 2, u8, sizeof(u8) - 1, &n);
	scd_input *in = decode_ok(buf, n, NULL);

	(void)state;
	assert_positions(in, r, UTIL_LEN(r));
	assert_int_equal(scd_input_offset(in, 8), 10);
	scd_input_free(in);
	free(buf);
}

/* Line numbers of a corpus file agree with a count of its LFs. */
static void lines_corpus(void **state)
{
	size_t n, i, line = 1, col = 1;
	char *t = util_slurp(CORPUS("tianjin-eight-outcomes-2025.txt"), &n);
	scd_input *in = decode_ok(t, n, NULL);

	(void)state;
	for (i = 0; i < n; i++) {
		if (((unsigned char)t[i] & 0xC0) != 0x80) {
			assert_int_equal(scd_input_line(in, i), line);
			assert_int_equal(scd_input_column(in, i), col);
			col++;
		}
		if (t[i] == '\n') {
			line++;
			col = 1;
		}
	}
	scd_input_free(in);
	free(t);
}

/* ---- errors --------------------------------------------------------------- */

static void invalid_utf8(void **state)
{
	static const struct bad_input cases[] = {
		BAD("bad.txt", "abc\xFF" "def", NULL, "byte 3"),
		/* forced UTF-8: an overlong form and an encoded surrogate */
		BAD("overlong.txt", "ab\xC0\xAF", "UTF-8", "byte 2"),
		BAD("surrogate.txt", "abcd\xED\xA0\x80", "UTF-8", "byte 4"),
		BAD("bad.txt", "abc\xFF" "def", "UTF-8", "byte 3"),
		/* a short UTF-8 text whose last character lost its last byte is
		 * reported as truncated, not decoded as some other charset:
		 * 中文 and the first two bytes of 中 */
		BAD("short.txt", "\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8", NULL, "byte 6"),
		/* a NUL byte: binary, also behind a BOM */
		BAD("nul.bin", "abc\0def", NULL, "binary"),
		BAD("nul.bin", "\xEF\xBB\xBF" "abc\0def", NULL, "binary"),
	};
	static char big[2000];
	const struct bad_input far = { "big.txt", big, 2000, NULL, SCD_EINVALID,
				       "byte 1234" };

	(void)state;
	decode_fails_all(cases, UTIL_LEN(cases));
	memset(big, 'a', 2000);
	big[1234] = (char)0xFF;
	decode_fails(&far);
}

/* A corpus paragraph cut in the middle of its last character. */
static void truncated_utf8(void **state)
{
	size_t len, cut;
	char *para = corpus_paragraph(CORPUS("council-meeting-2025.txt"), 1000, &len);
	char msg[32];

	(void)state;
	/* the last three-byte character before the cut */
	cut = len - 1;
	while ((unsigned char)para[cut] < 0xE0 || (unsigned char)para[cut] >= 0xF0)
		cut--;
	snprintf(msg, sizeof(msg), "byte %zu", cut);
	{
		const struct bad_input cases[] = {
			{ "cut.txt", para, cut + 2, NULL, SCD_EINVALID, msg },
			{ "cut.txt", para, cut + 2, NULL, SCD_EINVALID, "truncated" },
			{ "cut.txt", para, cut + 1, "UTF-8", SCD_EINVALID, msg },
		};
		decode_fails_all(cases, UTIL_LEN(cases));
	}
	free(para);
}

static void missing_file(void **state)
{
	const char *path = SCD_CORPORA "/no-such-file.txt";
	scd_input *in = (scd_input *)&path;

	(void)state;
	assert_int_equal(scd_input_read(&in, path, NULL), SCD_ENOTFOUND);
	assert_null(in);
	assert_non_null(strstr(scd_error_last(), "'" SCD_CORPORA "/no-such-file.txt'"));
}

static void directory(void **state)
{
	scd_input *in = NULL;

	(void)state;
	assert_int_equal(scd_input_read(&in, SCD_CORPORA, NULL), SCD_EINVALID);
	assert_null(in);
	assert_non_null(strstr(scd_error_last(), "'" SCD_CORPORA "'"));
}

/* ---- files that are not regular, or say nothing of their size ------------ */

/* procfs files have st_size 0: they are read to their end all the same. */
static void procfs_zero_size(void **state)
{
	struct stat sb;
	scd_input *in = NULL;
	const char *t;
	size_t len;

	(void)state;
	if (stat("/proc/self/status", &sb) != 0 || sb.st_size != 0)
		skip();
	assert_int_equal(scd_input_read(&in, "/proc/self/status", NULL), 0);
	t = scd_input_text(in, &len);
	assert_true(len > 0);
	assert_int_equal(strncmp(t, "Name:", 5), 0);
	assert_int_equal(scd_input_size(in), len);
	scd_input_free(in);
}

/* An endless device is refused on its first bytes, not after 4 GiB. */
static void endless_device(void **state)
{
	scd_input *in = NULL;

	(void)state;
	assert_int_equal(scd_input_read(&in, "/dev/zero", NULL), SCD_EINVALID);
	assert_null(in);
	assert_string_equal(scd_error_last(), "'/dev/zero': binary file (NUL byte at 0)");
}

/* The name of the read end of a pipe a child fills with data[0..len),
 * then closes (the child is reaped by pipe_done()). */
static pid_t pipe_child;
static char *pipe_from(const void *data, size_t len)
{
	static char name[64];
	int fd[2];

	assert_int_equal(pipe(fd), 0);
	assert_true((pipe_child = fork()) >= 0);
	if (pipe_child == 0) {
		const char *p = data;
		close(fd[0]);
		while (len > 0) {
			ssize_t w = write(fd[1], p, len);
			if (w <= 0)
				_exit(1); /* the reader stopped: fine */
			p += w;
			len -= (size_t)w;
		}
		_exit(0);
	}
	close(fd[1]);
	snprintf(name, sizeof(name), "/dev/fd/%d", fd[0]);
	return name;
}

static void pipe_done(const char *name)
{
	close(atoi(name + strlen("/dev/fd/")));
	waitpid(pipe_child, NULL, 0);
}

/* Text through a pipe, in several reads and buffer growths, is the same
 * text as from memory, in UTF-8 and in a detected charset. */
static void pipe_text(void **state)
{
	size_t n, gn, i, len;
	char *one = util_slurp(CORPUS("tianjin-declaration-2025.txt"), &n);
	char *big = malloc(n * 12), *gb;
	const char *name, *t;
	scd_input *in = NULL;

	(void)state;
	assert_non_null(big);
	for (i = 0; i < 12; i++)
		memcpy(big + i * n, one, n);
	name = pipe_from(big, n * 12);
	assert_int_equal(scd_input_read(&in, name, NULL), 0);
	pipe_done(name);
	t = scd_input_text(in, &len);
	assert_int_equal(len, n * 12);
	assert_memory_equal(t, big, len);
	scd_input_free(in);

	gb = util_convert("GB18030", "UTF-8", big, n * 12, &gn);
	name = pipe_from(gb, gn);
	assert_int_equal(scd_input_read(&in, name, NULL), 0);
	pipe_done(name);
	assert_string_equal(scd_input_encoding(in), "GB18030");
	t = scd_input_text(in, &len);
	assert_int_equal(len, n * 12);
	assert_memory_equal(t, big, len);
	scd_input_free(in);
	free(gb);
	free(big);
	free(one);
}

/* A stream that turns to binary after its first 64 KiB is refused at the
 * first NUL, whatever follows. */
static void pipe_turns_binary(void **state)
{
	size_t n = 1 << 20, i;
	char *buf = calloc(n, 1);
	const char *name;
	scd_input *in = NULL;

	(void)state;
	assert_non_null(buf);
	for (i = 0; i < 100000; i++)
		buf[i] = (char)('a' + i % 26);
	name = pipe_from(buf, n);
	assert_int_equal(scd_input_read(&in, name, NULL), SCD_EINVALID);
	pipe_done(name);
	assert_null(in);
	assert_true(has(scd_error_last(), "binary file (NUL byte at 100000"));
	free(buf);
}

/* ---- slices ------------------------------------------------------------- */

/* Slice [beg, end) of `in` answers every question as `in` does at
 * beg + its offset: text, original offsets, lines, columns, the file. */
static void assert_slice_of(const scd_input *sl, const scd_input *in, size_t beg,
			    size_t end)
{
	size_t len, plen, off;
	const char *t = scd_input_text(sl, &len), *pt = scd_input_text(in, &plen);

	assert_int_equal(len, end - beg);
	assert_memory_equal(t, pt + beg, len);
	for (off = 0; off <= len; off++) {
		assert_int_equal(scd_input_slice_offset(sl, off), scd_input_slice_offset(in, beg + off));
		assert_int_equal(scd_input_offset(sl, off), scd_input_offset(in, beg + off));
		assert_int_equal(scd_input_line(sl, off), scd_input_line(in, beg + off));
		assert_int_equal(scd_input_column(sl, off), scd_input_column(in, beg + off));
	}
	assert_string_equal(scd_input_path(sl), scd_input_path(in));
	assert_string_equal(scd_input_encoding(sl), scd_input_encoding(in));
	assert_int_equal(scd_input_size(sl), scd_input_size(in));
	assert_ptr_equal(scd_input_bytes(sl), scd_input_bytes(in));
	if (len)
		assert_int_equal(scd_input_text_at(sl, scd_input_offset(sl, 0)), 0);
}

/* Character boundaries of t[0..len): the offsets where a character starts,
 * and len. */
static size_t *boundaries(const char *t, size_t len, size_t *n)
{
	size_t *b = malloc((len + 1) * sizeof(*b)), i;

	assert_non_null(b);
	*n = 0;
	for (i = 0; i <= len; i++)
		if (i == len || !U8_IS_TRAIL((uint8_t)t[i]))
			b[(*n)++] = i;
	return b;
}

/* Slices at pseudo-random places of a decoded text, and slices of them,
 * report the file's positions. */
static void slices_of(const scd_input *in)
{
	size_t len, nb, i;
	const char *t = scd_input_text(in, &len);
	size_t *b = boundaries(t, len, &nb);

	util_rng_seed(7);
	for (i = 0; i < 40; i++) {
		size_t x = b[util_rng_below((uint32_t)nb)], y = b[util_rng_below((uint32_t)nb)];
		size_t beg = x < y ? x : y, end = x < y ? y : x;
		scd_input *sl = NULL, *inner = NULL;
		size_t ilen, nib, *ib;

		assert_int_equal(scd_input_slice(&sl, in, beg, end), 0);
		assert_slice_of(sl, in, beg, end);
		/* a slice of the slice is a slice of the input */
		ib = boundaries(scd_input_text(sl, NULL), end - beg, &nib);
		ilen = ib[nib / 2];
		assert_int_equal(scd_input_slice(&inner, sl, ilen, end - beg), 0);
		assert_slice_of(inner, in, beg + ilen, end);
		assert_slice_of(inner, sl, ilen, end - beg);
		free(ib);
		scd_input_free(inner);
		scd_input_free(sl);
	}
	free(b);
}

/* In place (UTF-8 after a BOM: the map is a shift) and converted
 * (GB18030: the map is a table). */
static void slice_positions(void **state)
{
	size_t len, n;
	char *para = corpus_paragraph(CORPUS("tianjin-declaration-2025.txt"), 3000, &len);
	size_t nbom;
	char *bom = util_encode("UTF-8", "\xEF\xBB\xBF", 3, para, len, &nbom);
	char *gb = util_convert("GB18030", "UTF-8", para, len, &n);
	scd_input *in = decode_ok(bom, nbom, NULL);

	(void)state;
	slices_of(in);
	scd_input_free(in);
	in = decode_ok(gb, n, "GB18030");
	slices_of(in);
	scd_input_free(in);
	free(gb);
	free(bom);
	free(para);
}

/* A slice keeps its input: freed first, the input's text and map stay
 * until the slice goes (valgrind and ASan see the rest). */
static void slice_outlives_input(void **state)
{
	static const char s[] = "第一行\n第二行\n";
	scd_input *in = decode_ok(s, sizeof(s) - 1, NULL), *sl = NULL, *sl2 = NULL;

	(void)state;
	assert_int_equal(scd_input_slice(&sl, in, 10, 19), 0);
	assert_int_equal(scd_input_slice(&sl2, sl, 3, 9), 0);
	scd_input_free(in);
	assert_memory_equal(scd_input_text(sl, NULL), "第二行", 9);
	assert_int_equal(scd_input_line(sl, 0), 2);
	assert_int_equal(scd_input_column(sl2, 0), 2);
	assert_int_equal(scd_input_offset(sl, 9), 19);
	assert_string_equal(scd_input_path(sl2), "mem.txt");
	scd_input_free(sl);
	assert_int_equal(scd_input_offset(sl2, 0), 13);
	scd_input_free(sl2);
}

/* Ranges off the text or inside a character are refused; an empty slice,
 * also of an empty input, is fine. */
static void slice_bad_ranges(void **state)
{
	static const char s[] = "中文";
	scd_input *in = decode_ok(s, 6, NULL), *empty = decode_ok("", 0, NULL), *sl = NULL;
	size_t len;

	(void)state;
	assert_int_equal(scd_input_slice(&sl, in, 1, 6), SCD_EINVALID);
	assert_null(sl);
	assert_int_equal(scd_input_slice(&sl, in, 0, 4), SCD_EINVALID);
	assert_int_equal(scd_input_slice(&sl, in, 3, 0), SCD_EINVALID);
	assert_int_equal(scd_input_slice(&sl, in, 0, 7), SCD_EINVALID);
	assert_non_null(strstr(scd_error_last(), "'mem.txt'"));
	assert_int_equal(scd_input_slice(&sl, in, 6, 6), 0);
	assert_non_null(scd_input_text(sl, &len)); /* not NUL-terminated */
	assert_int_equal(len, 0);
	assert_int_equal(scd_input_offset(sl, 0), 6);
	scd_input_free(sl);
	assert_int_equal(scd_input_slice(&sl, empty, 0, 0), 0);
	assert_non_null(scd_input_text(sl, &len)); /* not NUL-terminated */
	assert_int_equal(scd_input_line(sl, 0), 1);
	scd_input_free(sl);
	scd_input_free(empty);
	scd_input_free(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_plain),
		cmocka_unit_test(utf8_bom_skipped),
		cmocka_unit_test(utf8_bom_with_forced_utf8),
		cmocka_unit_test(empty_input),
		cmocka_unit_test(empty_device),
		cmocka_unit_test(corpus_file_read),
		cmocka_unit_test(bom_detected),
		cmocka_unit_test(paragraph_round_trips),
		cmocka_unit_test(utf16_pair_across_chunks),
		cmocka_unit_test(utf16_invalid),
		cmocka_unit_test(gb18030_known_bytes),
		cmocka_unit_test(gb18030_encoding_name),
		cmocka_unit_test(gb18030_across_chunks),
		cmocka_unit_test(gb18030_invalid_forced),
		cmocka_unit_test(unknown_encoding),
		cmocka_unit_test(lines_and_columns),
		cmocka_unit_test(columns_on_long_line),
		cmocka_unit_test(lines_utf16_crlf),
		cmocka_unit_test(lines_corpus),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(truncated_utf8),
		cmocka_unit_test(missing_file),
		cmocka_unit_test(directory),
		cmocka_unit_test(procfs_zero_size),
		cmocka_unit_test(endless_device),
		cmocka_unit_test(pipe_text),
		cmocka_unit_test(pipe_turns_binary),
		cmocka_unit_test(slice_positions),
		cmocka_unit_test(slice_outlives_input),
		cmocka_unit_test(slice_bad_ranges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

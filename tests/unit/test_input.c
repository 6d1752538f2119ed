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

#include <unicode/ucnv.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>

#include "scodiff.h"
#include "util.h"

#define CORPUS(name) SCD_CORPORA "/" name

/* ---- helpers ------------------------------------------------------------ */

/* The whole file at `path` (malloc'd) and its size. */
/* `bom` followed by `data` (malloc'd). */
static char *with_prefix(const char *bom, size_t nbom, const char *data,
			 size_t len)
{
	char *buf = malloc(nbom + len);

	assert_non_null(buf);
	memcpy(buf, bom, nbom);
	memcpy(buf + nbom, data, len);
	return buf;
}

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

/* Decode from memory; the call must fail with `code`, and the message must
 * name the input and contain `needle`. */
static void decode_fails(const char *name, const void *data, size_t len,
			 const char *encoding, int code, const char *needle)
{
	scd_input_options opts = SCD_INPUT_OPTIONS_INIT;
	scd_input *in = (scd_input *)&opts; /* must be reset to NULL */
	char quoted[256];
	int error;

	opts.encoding = encoding;
	error = scd_input_from_memory(&in, name, data, len, &opts);
	if (error != code) {
		print_error("got %d (%s), wanted %d\n", error,
			    error ? scd_error_last() : scd_input_encoding(in), code);
		if (error == 0)
			scd_input_free(in);
	}
	assert_int_equal(error, code);
	assert_null(in);
	snprintf(quoted, sizeof(quoted), "'%s'", name);
	if (!has(scd_error_last(), quoted) || !has(scd_error_last(), needle))
		print_error("message: %s\n", scd_error_last());
	assert_true(has(scd_error_last(), quoted));
	assert_true(has(scd_error_last(), needle));
}

static void assert_text(const scd_input *in, const char *want, size_t wlen)
{
	size_t len;
	const char *t = scd_input_text(in, &len);

	assert_int_equal(len, wlen);
	assert_memory_equal(t, want, wlen);
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

static void utf16le_bom(void **state)
{
	size_t n;
	char *u16 = util_convert("UTF-16LE", "UTF-8", sample, sizeof(sample) - 1, &n);
	char *buf = with_prefix("\xFF\xFE", 2, u16, n);
	scd_input *in = decode_ok(buf, n + 2, NULL);

	(void)state;
	assert_int_equal(n, 10);
	assert_text(in, sample, sizeof(sample) - 1);
	assert_non_null(strstr(scd_input_encoding(in), "16"));
	assert_int_equal(scd_input_size(in), 12);
	assert_int_equal(scd_input_offset(in, 0), 2);  /* A */
	assert_int_equal(scd_input_offset(in, 1), 4);  /* 中 */
	assert_int_equal(scd_input_offset(in, 4), 6);  /* 𠀀 */
	assert_int_equal(scd_input_offset(in, 8), 10); /* b */
	assert_int_equal(scd_input_offset(in, 9), 12); /* end */
	scd_input_free(in);
	free(buf);
	free(u16);
}

static void utf16be_bom(void **state)
{
	size_t n;
	char *u16 = util_convert("UTF-16BE", "UTF-8", sample, sizeof(sample) - 1, &n);
	char *buf = with_prefix("\xFE\xFF", 2, u16, n);
	scd_input *in = decode_ok(buf, n + 2, NULL);

	(void)state;
	assert_text(in, sample, sizeof(sample) - 1);
	assert_int_equal(scd_input_offset(in, 0), 2);
	assert_int_equal(scd_input_offset(in, 1), 4);
	assert_int_equal(scd_input_offset(in, 4), 6);
	assert_int_equal(scd_input_offset(in, 8), 10);
	assert_int_equal(scd_input_offset(in, 9), 12);
	scd_input_free(in);
	free(buf);
	free(u16);
}

/* Every character of a corpus paragraph maps back to its UTF-16 bytes. */
static void utf16_offset_map_paragraph(void **state)
{
	size_t len, n;
	char *para = corpus_paragraph(CORPUS("astana-summit-2024.txt"), 3000, &len);
	char *u16 = util_convert("UTF-16LE", "UTF-8", para, len, &n);
	char *buf = with_prefix("\xFF\xFE", 2, u16, n);
	scd_input *in = decode_ok(buf, n + 2, NULL);

	(void)state;
	assert_text(in, para, len);
	assert_offsets(in, para, len, "UTF-16LE", 2);
	scd_input_free(in);
	free(buf);
	free(u16);
	free(para);
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
	char *u16, *buf;
	scd_input *in;

	(void)state;
	memset(u8, 'a', na);
	memcpy(u8 + na, "\xF0\xA0\x80\x80", 4);
	u8[na + 4] = 'z';
	u16 = util_convert("UTF-16LE", "UTF-8", u8, len, &n);

	buf = with_prefix("\xFF\xFE", 2, u16, n);
	in = decode_ok(buf, n + 2, NULL);
	assert_text(in, u8, len);
	for (i = na - 2; i < na; i++)
		assert_int_equal(scd_input_offset(in, i), 2 + 2 * i);
	assert_int_equal(scd_input_offset(in, na), 65536);
	assert_int_equal(scd_input_offset(in, na + 4), 65540);
	assert_int_equal(scd_input_offset(in, len), 65542);
	scd_input_free(in);
	free(buf);

	in = decode_ok(u16, n, "UTF-16LE");
	assert_text(in, u8, len);
	assert_int_equal(scd_input_offset(in, na - 1), 65532);
	assert_int_equal(scd_input_offset(in, na), 65534);
	assert_int_equal(scd_input_offset(in, na + 4), 65538);
	scd_input_free(in);
	free(u16);
	free(u8);
}

/* UTF-32 with a BOM: four bytes a character. */
static void utf32_bom(void **state)
{
	size_t n;
	char *u32 = util_convert("UTF-32LE", "UTF-8", sample, sizeof(sample) - 1, &n);
	char *buf = with_prefix("\xFF\xFE\0\0", 4, u32, n);
	scd_input *in = decode_ok(buf, n + 4, NULL);

	(void)state;
	assert_text(in, sample, sizeof(sample) - 1);
	assert_int_equal(scd_input_offset(in, 0), 4);
	assert_int_equal(scd_input_offset(in, 1), 8);
	assert_int_equal(scd_input_offset(in, 4), 12);
	assert_int_equal(scd_input_offset(in, 8), 16);
	assert_int_equal(scd_input_offset(in, 9), 20);
	scd_input_free(in);
	free(buf);
	free(u32);
}

static void utf16_unpaired_surrogate(void **state)
{
	(void)state;
	/* lead surrogate followed by 'A' */
	decode_fails("lead.txt", "\xFF\xFE\x00\xD8\x41\x00", 6, NULL,
		     SCD_EINVALID, "byte 2");
	/* trail surrogate alone */
	decode_fails("trail.txt", "\xFF\xFE\x41\x00\x00\xDC\x41\x00", 8, NULL,
		     SCD_EINVALID, "byte 4");
	/* lead surrogate at the very end */
	decode_fails("end.txt", "\xFF\xFE\x41\x00\x00\xD8", 6, NULL,
		     SCD_EINVALID, "byte 4");
	/* big-endian */
	decode_fails("be.txt", "\xFE\xFF\xD8\x00\x00\x41", 6, NULL,
		     SCD_EINVALID, "byte 2");
}

static void utf16_nul_is_binary(void **state)
{
	(void)state;
	decode_fails("nul16.txt", "\xFF\xFE\x41\x00\x00\x00\x42\x00", 8, NULL,
		     SCD_EINVALID, "binary");
}

/* ---- GB18030 ------------------------------------------------------------ */

static void gb18030_known_bytes(void **state)
{
	scd_input *in = decode_ok("\xD6\xD0\xCE\xC4", 4, "GB18030");

	(void)state;
	assert_text(in, "中文", 6);
	assert_int_equal(scd_input_offset(in, 0), 0);
	assert_int_equal(scd_input_offset(in, 3), 2);
	assert_int_equal(scd_input_offset(in, 6), 4);
	scd_input_free(in);
}


/* A realistic paragraph in GB18030 decodes without being told its charset,
 * and each character maps back to its GB18030 bytes. */
static void gb18030_detected(void **state)
{
	size_t len, n;
	char *para = corpus_paragraph(CORPUS("tianjin-declaration-2025.txt"), 2000, &len);
	char *gb = util_convert("GB18030", "UTF-8", para, len, &n);
	scd_input *in = decode_ok(gb, n, NULL);

	(void)state;
	assert_true(n < len); /* two bytes a character, not three */
	assert_text(in, para, len);
	assert_offsets(in, para, len, "GB18030", 0);
	scd_input_free(in);
	free(gb);
	free(para);
}

/* The charset is reported by the name users know it by, as documented in
 * input.h ("GB18030"), both when detected and when forced. */
static void gb18030_encoding_name(void **state)
{
	size_t len, n;
	char *para = corpus_paragraph(CORPUS("tianjin-declaration-2025.txt"), 2000, &len);
	char *gb = util_convert("GB18030", "UTF-8", para, len, &n);
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

static void gb18030_forced(void **state)
{
	size_t len, n;
	char *para = corpus_paragraph(CORPUS("council-meeting-2025.txt"), 1500, &len);
	char *gb = util_convert("GB18030", "UTF-8", para, len, &n);
	scd_input *in = decode_ok(gb, n, "GB18030");

	(void)state;
	assert_text(in, para, len);
	assert_offsets(in, para, len, "GB18030", 0);
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
	(void)state;
	/* 中文, a byte no GB18030 sequence starts with, 中 */
	decode_fails("gb.txt", "\xD6\xD0\xCE\xC4\xFF\xD6\xD0", 7, "GB18030",
		     SCD_EINVALID, "byte 4");
}

static void unknown_encoding(void **state)
{
	(void)state;
	decode_fails("x.txt", "abc", 3, "no-such-charset-xyz", SCD_EINVALID,
		     "no-such-charset-xyz");
}

/* ---- lines and columns ---------------------------------------------------- */

static void lines_lf(void **state)
{
	static const char s[] = "ab\ncd\n\nef";
	scd_input *in = decode_ok(s, sizeof(s) - 1, NULL);

	(void)state;
	assert_int_equal(scd_input_line(in, 0), 1);
	assert_int_equal(scd_input_line(in, 2), 1); /* the LF ends line 1 */
	assert_int_equal(scd_input_line(in, 3), 2);
	assert_int_equal(scd_input_line(in, 6), 3); /* the empty line */
	assert_int_equal(scd_input_line(in, 7), 4);
	assert_int_equal(scd_input_line(in, 8), 4);
	assert_int_equal(scd_input_column(in, 3), 1);
	assert_int_equal(scd_input_column(in, 4), 2);
	assert_int_equal(scd_input_column(in, 8), 2);
	scd_input_free(in);
}

static void lines_crlf(void **state)
{
	static const char s[] = "ab\r\ncd\r\n\r\nef";
	scd_input *in = decode_ok(s, sizeof(s) - 1, NULL);

	(void)state;
	assert_int_equal(scd_input_line(in, 2), 1); /* CR */
	assert_int_equal(scd_input_line(in, 3), 1); /* LF */
	assert_int_equal(scd_input_line(in, 4), 2);
	assert_int_equal(scd_input_line(in, 5), 2);
	assert_int_equal(scd_input_line(in, 8), 3);
	assert_int_equal(scd_input_line(in, 10), 4);
	assert_int_equal(scd_input_column(in, 11), 2);
	scd_input_free(in);
}

static void lines_cr(void **state)
{
	static const char s[] = "ab\rcd\r\ref";
	scd_input *in = decode_ok(s, sizeof(s) - 1, NULL);

	(void)state;
	assert_int_equal(scd_input_line(in, 2), 1);
	assert_int_equal(scd_input_line(in, 3), 2);
	assert_int_equal(scd_input_line(in, 6), 3);
	assert_int_equal(scd_input_line(in, 7), 4);
	assert_int_equal(scd_input_column(in, 8), 2);
	scd_input_free(in);
}

/* Columns count characters, not bytes. */
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

static void columns_in_characters(void **state)
{
	static const char s[] = "中文\n上海合作组织";
	scd_input *in = decode_ok(s, sizeof(s) - 1, NULL);

	(void)state;
	assert_int_equal(scd_input_line(in, 7), 2);
	assert_int_equal(scd_input_column(in, 7), 1);  /* 上 */
	assert_int_equal(scd_input_column(in, 13), 3); /* 合 */
	assert_int_equal(scd_input_column(in, 3), 2);  /* 文 */
	scd_input_free(in);
}

/* Lines of a UTF-16 file with CRLF are counted on the decoded text. */
static void lines_utf16_crlf(void **state)
{
	static const char u8[] = "上海\r\n合作\r\n组织";
	size_t n;
	char *u16 = util_convert("UTF-16LE", "UTF-8", u8, sizeof(u8) - 1, &n);
	char *buf = with_prefix("\xFF\xFE", 2, u16, n);
	scd_input *in = decode_ok(buf, n + 2, NULL);

	(void)state;
	assert_int_equal(scd_input_line(in, 8), 2);  /* 合 */
	assert_int_equal(scd_input_offset(in, 8), 10);
	assert_int_equal(scd_input_line(in, 16), 3); /* 组 */
	assert_int_equal(scd_input_column(in, 19), 2);
	scd_input_free(in);
	free(buf);
	free(u16);
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
	static char big[2000];

	(void)state;
	decode_fails("bad.txt", "abc\xFF" "def", 7, NULL, SCD_EINVALID,
		     "byte 3");
	memset(big, 'a', 2000);
	big[1234] = (char)0xFF;
	decode_fails("big.txt", big, 2000, NULL, SCD_EINVALID, "byte 1234");
	/* forced UTF-8: an overlong form and an encoded surrogate */
	decode_fails("overlong.txt", "ab\xC0\xAF", 4, "UTF-8", SCD_EINVALID,
		     "byte 2");
	decode_fails("surrogate.txt", "abcd\xED\xA0\x80", 7, "UTF-8",
		     SCD_EINVALID, "byte 4");
	decode_fails("bad.txt", "abc\xFF" "def", 7, "UTF-8", SCD_EINVALID,
		     "byte 3");
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
	decode_fails("cut.txt", para, cut + 2, NULL, SCD_EINVALID, msg);
	decode_fails("cut.txt", para, cut + 2, NULL, SCD_EINVALID, "truncated");
	decode_fails("cut.txt", para, cut + 1, "UTF-8", SCD_EINVALID, msg);
	free(para);
}

/* A short UTF-8 text whose last character lost its last byte is reported
 * as truncated, not decoded as some other charset. */
static void truncated_utf8_short(void **state)
{
	(void)state;
	/* 中文 and the first two bytes of 中 */
	decode_fails("short.txt", "\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8", 8, NULL,
		     SCD_EINVALID, "byte 6");
}

static void nul_is_binary(void **state)
{
	(void)state;
	decode_fails("nul.bin", "abc\0def", 7, NULL, SCD_EINVALID, "binary");
	decode_fails("nul.bin", "\xEF\xBB\xBF" "abc\0def", 10, NULL,
		     SCD_EINVALID, "binary");
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
	char *bom = with_prefix("\xEF\xBB\xBF", 3, para, len);
	char *gb = util_convert("GB18030", "UTF-8", para, len, &n);
	scd_input *in = decode_ok(bom, len + 3, NULL);

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
	assert_string_equal(scd_input_text(sl, &len), "");
	assert_int_equal(len, 0);
	assert_int_equal(scd_input_offset(sl, 0), 6);
	scd_input_free(sl);
	assert_int_equal(scd_input_slice(&sl, empty, 0, 0), 0);
	assert_string_equal(scd_input_text(sl, &len), "");
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
		cmocka_unit_test(utf16le_bom),
		cmocka_unit_test(utf16be_bom),
		cmocka_unit_test(utf16_offset_map_paragraph),
		cmocka_unit_test(utf16_pair_across_chunks),
		cmocka_unit_test(utf32_bom),
		cmocka_unit_test(utf16_unpaired_surrogate),
		cmocka_unit_test(utf16_nul_is_binary),
		cmocka_unit_test(gb18030_known_bytes),
		cmocka_unit_test(gb18030_detected),
		cmocka_unit_test(gb18030_encoding_name),
		cmocka_unit_test(gb18030_forced),
		cmocka_unit_test(gb18030_across_chunks),
		cmocka_unit_test(gb18030_invalid_forced),
		cmocka_unit_test(unknown_encoding),
		cmocka_unit_test(lines_lf),
		cmocka_unit_test(lines_crlf),
		cmocka_unit_test(lines_cr),
		cmocka_unit_test(columns_in_characters),
		cmocka_unit_test(columns_on_long_line),
		cmocka_unit_test(lines_utf16_crlf),
		cmocka_unit_test(lines_corpus),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(truncated_utf8),
		cmocka_unit_test(truncated_utf8_short),
		cmocka_unit_test(nul_is_binary),
		cmocka_unit_test(missing_file),
		cmocka_unit_test(directory),
		cmocka_unit_test(slice_positions),
		cmocka_unit_test(slice_outlives_input),
		cmocka_unit_test(slice_bad_ranges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

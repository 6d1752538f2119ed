/*
 * The input decoder (input.h) on arbitrary bytes, detected or forced to
 * one of the charsets users name with --encoding.
 *
 * Input: one byte choosing the charset (0 = detect), then the file.
 * Properties, whenever decoding succeeds:
 *  - the text is valid UTF-8 without NUL;
 *  - every text offset maps to an original offset inside the file, never
 *    decreasing, and the text's end maps to the file's end;
 *  - for the charsets that round-trip (UTF-8/16/32, GB18030) the original
 *    bytes at each character's mapped offset are that character encoded
 *    again: the map lands on a character boundary of the original;
 *  - line numbers and columns agree with a plain count of LF, CRLF and CR;
 * and when it fails, the message names the file.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <scodiff.h>
#include "fuzz_util.h"

static const char *const charsets[] = {
	NULL, "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32LE",
	"UTF-32BE", "GB18030", "Big5", "Shift_JIS", "EUC-JP", "EUC-KR",
	"ISO-8859-1", "windows-1252", "ISO-2022-JP", "UTF-7", "HZ",
	"SCSU", "no-such-charset"
};
#define NCHARSETS (sizeof(charsets) / sizeof(charsets[0]))

static int round_trips(const char *name)
{
	static const char *const rt[] = {
		"UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "GB18030"
	};
	size_t i;

	for (i = 0; i < sizeof(rt) / sizeof(rt[0]); i++)
		if (!strcmp(name, rt[i]))
			return 1;
	return 0;
}

/* The original bytes at `at` are c in charset `cnv`. */
static void check_bytes(UConverter *cnv, const uint8_t *orig, size_t orig_len,
			size_t at, UChar32 c)
{
	UChar u[2];
	char enc[16];
	int32_t ul = 0, el;
	UErrorCode st = U_ZERO_ERROR;

	U16_APPEND_UNSAFE(u, ul, c);
	ucnv_resetFromUnicode(cnv);
	el = ucnv_fromUChars(cnv, enc, sizeof(enc), u, ul, &st);
	FUZZ_CHECK(U_SUCCESS(st));
	FUZZ_CHECK(at + (size_t)el <= orig_len);
	FUZZ_CHECK(!memcmp(orig + at, enc, (size_t)el));
}

static void check_input(const scd_input *in, const uint8_t *orig, size_t n)
{
	size_t len, off = 0, prev = 0, line = 1, col = 1;
	const char *t = scd_input_text(in, &len);
	const char *enc = scd_input_encoding(in);
	UConverter *cnv = NULL;
	int pending_cr = 0;

	FUZZ_CHECK(scd_input_size(in) == n);
	FUZZ_CHECK(scd_input_offset(in, len) == n);
	if (round_trips(enc)) {
		UErrorCode st = U_ZERO_ERROR;
		cnv = ucnv_open(enc, &st);
		FUZZ_CHECK(U_SUCCESS(st));
	}
	while (off < len) {
		size_t at = scd_input_offset(in, off), next = off;
		UChar32 c;

		U8_NEXT(t, next, len, c);
		FUZZ_CHECK(c > 0); /* well-formed, no NUL */
		FUZZ_CHECK(at < n && at >= prev);
		if (cnv)
			check_bytes(cnv, orig, n, at, c);

		/* a line starts after LF, after CR not followed by LF */
		if (pending_cr && c != '\n') {
			line++;
			col = 1;
		}
		FUZZ_CHECK(scd_input_line(in, off) == line);
		FUZZ_CHECK(scd_input_column(in, off) == col);
		pending_cr = c == '\r';
		if (c == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
		prev = at;
		off = next;
	}
	ucnv_close(cnv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	scd_input_options opts = SCD_INPUT_OPTIONS_INIT;
	scd_input *in = NULL;
	int error;

	if (size == 0)
		return 0;
	opts.encoding = charsets[data[0] % NCHARSETS];
	data++;
	size--;
	error = scd_input_from_memory(&in, "fuzz.txt", data, size, &opts);
	if (error < 0) {
		FUZZ_CHECK(in == NULL);
		FUZZ_CHECK(error == SCD_EINVALID);
		FUZZ_CHECK(strstr(scd_error_last(), "'fuzz.txt'") != NULL);
		return 0;
	}
	check_input(in, data, size);
	scd_input_free(in);
	return 0;
}

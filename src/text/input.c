/*
 * Input: read bytes, find their charset, decode to UTF-8 with a map back.
 *
 * UTF-8 input (the common case) is used in place: the text is the bytes
 * read minus their BOM and the map is a constant shift.  Other charsets are
 * converted by ICU in chunks; ucnv_toUnicode()'s offsets give, for every
 * UTF-16 unit, the source byte it came from, which becomes a dense map
 * text byte → original byte.  Nothing here is quadratic, and the file is
 * never held twice in UTF-16.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>

#include "scodiff/input.h"
#include "text/input_priv.h"
#include "util/array.h"
#include "util/error.h"

struct scd_input {
	/* A slice (scd_input_slice()) has root, base and its own text and
	 * text_len, and nothing else of its own: every other question goes
	 * to root, which is never a slice itself. */
	const scd_input *root;
	size_t base;               /* text offset of the slice in root's text */
	/* references to a decoded input: its owner's and one per slice;
	 * the last scd_input_free() frees it */
	atomic_uint refs;

	char *path;
	char encoding[48];

	const unsigned char *orig; /* the user's bytes (malloc'd) */
	size_t orig_len;
	/* orig is only the start of a stream still being read: decode
	 * leaves open what only its end can settle (refuse_prefix()) */
	int prefix;

	char *text;                /* decoded UTF-8 */
	size_t text_len;
	int text_owned;
	size_t bias;               /* orig offset = text offset + bias ... */
	uint32_t *map;             /* ... unless map: orig offset = map[off] */

	uint32_t *lines;           /* text offsets of line starts */
	size_t nlines;
	/* characters before each 64 KiB checkpoint of the text, so that a
	 * column on a line of hundreds of MB costs one checkpoint's scan */
	uint64_t *chars;
};

#define CHECKPOINT_BITS 16

/* Charsets accepted from detection: the multi-byte CJK ones.  A single-byte
 * charset decodes any bytes at all, so guessing one would turn binary junk
 * into text; those must be named with --encoding. */
static const char *const detectable[] = {
	"GB18030", "Big5", "EUC-JP", "Shift_JIS", "EUC-KR", NULL
};

/* Lowest ICU detector confidence (0–100) accepted.  Measured: every file
 * of corpora/ converted to GB18030 or Big5 scores 100 for its charset,
 * and so do their first 300 bytes; ASCII with one stray byte, or a text of
 * two characters, scores 10 for every charset that merely decodes it. */
#define DETECT_MIN_CONFIDENCE 25

static int too_large(const char *path)
{
	return scd_error__set(SCD_EINVALID, "'%s': file too large (over 4 GiB)", path);
}

static void input_destroy(scd_input *in)
{
	if (in->text_owned)
		free(in->text);
	free((void *)in->orig);
	free(in->map);
	free(in->lines);
	free(in->chars);
	free(in->path);
	free(in);
}

/* Drop one reference to a decoded input (not a slice). */
static void input_release(const scd_input *in)
{
	scd_input *x = (scd_input *)in; /* the count is not part of its value */

	if (atomic_fetch_sub_explicit(&x->refs, 1, memory_order_acq_rel) == 1)
		input_destroy(x);
}

void scd_input_free(scd_input *in)
{
	if (!in)
		return;
	if (in->root) {
		input_release(in->root);
		free(in);
		return;
	}
	input_release(in);
}

int scd_input_slice(scd_input **out, const scd_input *parent, size_t beg,
		    size_t end)
{
	const scd_input *root = parent->root ? parent->root : parent;
	scd_input *sl;

	*out = NULL;
	if (beg > end || end > parent->text_len ||
	    (beg < parent->text_len && U8_IS_TRAIL((uint8_t)parent->text[beg])) ||
	    (end < parent->text_len && U8_IS_TRAIL((uint8_t)parent->text[end])))
		return scd_error__set(SCD_EINVALID, "'%s': no slice [%zu, %zu) of its %zu "
				      "bytes of text on character boundaries",
				      scd_input_path(parent), beg, end, parent->text_len);
	if (!(sl = calloc(1, sizeof(*sl))))
		return scd_error__nomem();
	sl->root = root;
	sl->base = parent->base + beg;
	/* an empty text is "" everywhere, and no arithmetic on its NULL */
	sl->text = parent->text ? parent->text + beg : NULL;
	sl->text_len = end - beg;
	atomic_fetch_add_explicit(&((scd_input *)root)->refs, 1, memory_order_relaxed);
	*out = sl;
	return 0;
}

size_t scd_input_slice_offset(const scd_input *in, size_t off)
{
	return in->base + (off < in->text_len ? off : in->text_len);
}

/* The decoded input a question about in goes to. */
#define ROOT(in) ((in)->root ? (in)->root : (in))

const char *scd_input_path(const scd_input *in) { return ROOT(in)->path; }
const char *scd_input_encoding(const scd_input *in) { return ROOT(in)->encoding; }
size_t scd_input_size(const scd_input *in) { return ROOT(in)->orig_len; }
const unsigned char *scd_input_bytes(const scd_input *in) { return ROOT(in)->orig; }

const char *scd_input_text(const scd_input *in, size_t *len)
{
	if (len)
		*len = in->text_len;
	return in->text ? in->text : "";
}

size_t scd_input_offset(const scd_input *in, size_t off)
{
	if (in->root)
		return scd_input_offset(in->root, scd_input_slice_offset(in, off));
	if (off >= in->text_len)
		return in->orig_len;
	return in->map ? in->map[off] : off + in->bias;
}

size_t scd_input_line(const scd_input *in, size_t off)
{
	size_t lo = 0, hi;

	if (in->root)
		return scd_input_line(in->root, scd_input_slice_offset(in, off));
	hi = in->nlines;
	/* last line start ≤ off */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (in->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1;
}

/* UTF-8 characters (bytes that are not continuation bytes) in t[0..n). */
static size_t count_chars(const char *t, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)t[i] & 0xC0) != 0x80;
	return c;
}

/* Characters of the text before offset off. */
static uint64_t chars_before(const scd_input *in, size_t off)
{
	size_t cp = off >> CHECKPOINT_BITS, from = cp << CHECKPOINT_BITS;

	return in->chars[cp] + (off > from ? count_chars(in->text + from, off - from) : 0);
}

size_t scd_input_column(const scd_input *in, size_t off)
{
	size_t line;

	if (in->root)
		return scd_input_column(in->root, scd_input_slice_offset(in, off));
	line = scd_input_line(in, off);
	if (off > in->text_len)
		off = in->text_len;
	return (size_t)(chars_before(in, off) - chars_before(in, in->lines[line - 1])) + 1;
}

static int build_checkpoints(scd_input *in)
{
	size_t n = (in->text_len >> CHECKPOINT_BITS) + 1, i;

	if (!(in->chars = malloc(n * sizeof(*in->chars))))
		return scd_error__nomem();
	in->chars[0] = 0;
	for (i = 1; i < n; i++)
		in->chars[i] = in->chars[i - 1] +
			count_chars(in->text + ((i - 1) << CHECKPOINT_BITS),
				    (size_t)1 << CHECKPOINT_BITS);
	return 0;
}

/* Line starts: after LF, after CR not followed by LF. */
static int build_lines(scd_input *in)
{
	size_t cap = 1024, n = 0, i;
	const char *t = in->text;
	int error;

	in->lines = malloc(cap * sizeof(*in->lines));
	if (!in->lines)
		return scd_error__nomem();
	in->lines[n++] = 0;
	if (in->text_len == 0) {
		in->nlines = 1; /* an empty text is one empty line */
		return 0;
	}
	if (!memchr(t, '\r', in->text_len)) {
		/* LF only: let memchr find them */
		const char *p = t, *end = t + in->text_len;
		while ((p = memchr(p, '\n', (size_t)(end - p))) && ++p < end) {
			if ((error = scd_array_grow(in->lines, n, cap)) < 0)
				return error;
			in->lines[n++] = (uint32_t)(p - t);
		}
		in->nlines = n;
		return 0;
	}
	for (i = 0; i < in->text_len; i++) {
		char c = t[i];
		if (c != '\n' && c != '\r')
			continue;
		if (c == '\r' && i + 1 < in->text_len && t[i + 1] == '\n')
			continue;
		if (i + 1 == in->text_len)
			break; /* a final line end starts no line */
		if ((error = scd_array_grow(in->lines, n, cap)) < 0)
			return error;
		in->lines[n++] = (uint32_t)(i + 1);
	}
	in->nlines = n;
	return 0;
}

/* Offset of the first byte that is not well-formed UTF-8, or len.  ICU's
 * U8_NEXT rejects overlong forms, surrogates and values above U+10FFFF. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len,
			      int *truncated)
{
	size_t i = 0;

	*truncated = 0;
	while (i < len) {
		size_t start = i;
		UChar32 c;

		if (s[i] < 0x80) {
			/* ASCII, eight bytes at a time where it can */
			uint64_t v;
			while (i + 8 <= len && (memcpy(&v, s + i, 8), !(v & 0x8080808080808080ull)))
				i += 8;
			while (i < len && s[i] < 0x80)
				i++;
			continue;
		}
		if (s[i] >= 0xE1 && s[i] <= 0xEF && s[i] != 0xED && i + 2 < len &&
		    (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
			/* a three-byte character (CJK) with no special case:
			 * E0 (overlong) and ED (surrogates) go the long way */
			i += 3;
			continue;
		}
		if (len - i > INT32_MAX) {
			/* U8_NEXT takes int32 lengths: look at one char */
			int32_t j = 0, n = 4;
			U8_NEXT(s + i, j, n, c);
			i += (size_t)j;
		} else {
			int32_t j = 0, n = (int32_t)(len - i);
			U8_NEXT(s + i, j, n, c);
			i += (size_t)j;
		}
		if (c < 0) {
			*truncated = (i >= len);
			return start;
		}
	}
	return len;
}

static int refuse_nul(const scd_input *in, const void *p, size_t len,
		      size_t base)
{
	const unsigned char *nul = len ? memchr(p, 0, len) : NULL;

	if (nul)
		return scd_error__set(SCD_EINVALID,
				      "'%s': binary file (NUL byte at %zu)",
				      in->path,
				      base + (size_t)(nul - (const unsigned char *)p));
	return 0;
}

/* The bytes from `bias` on, known to be well-formed UTF-8, are the text
 * (used in place: no copy, and the map is the shift by bias). */
static int take_utf8(scd_input *in, size_t bias)
{
	int error;

	snprintf(in->encoding, sizeof(in->encoding), "UTF-8");
	if (in->orig_len == 0)
		return 0; /* an empty file is empty text */
	if ((error = refuse_nul(in, in->orig + bias, in->orig_len - bias, bias)) < 0)
		return error;
	in->text = (char *)in->orig + bias;
	in->text_len = in->orig_len - bias;
	in->text_owned = 0;
	in->bias = bias;
	return 0;
}

/* The bytes from `bias` on as UTF-8, checked first. */
static int use_utf8(scd_input *in, size_t bias)
{
	int truncated;
	size_t bad;

	if (in->orig_len > bias &&
	    (bad = utf8_invalid_at(in->orig + bias, in->orig_len - bias, &truncated)) <
	    in->orig_len - bias && !(in->prefix && truncated))
		return scd_error__set(SCD_EINVALID,
				      "'%s': invalid UTF-8 at byte %zu%s",
				      in->path, bad + bias,
				      truncated ? " (truncated sequence at end of file)" : "");
	return take_utf8(in, bias);
}

/* Growable UTF-8 output with its map. */
typedef struct {
	char *buf;
	uint32_t *map;
	size_t len, cap;
} u8_out;

static int u8_reserve(u8_out *o, size_t more)
{
	size_t cap = o->cap ? o->cap : 4096;
	char *b;
	uint32_t *m;

	if (o->len + more <= o->cap)
		return 0;
	while (cap < o->len + more)
		cap *= 2;
	if (!(b = realloc(o->buf, cap)))
		return scd_error__nomem();
	o->buf = b;
	if (!(m = realloc(o->map, (cap + 1) * sizeof(*m))))
		return scd_error__nomem();
	o->map = m;
	o->cap = cap;
	return 0;
}

static int icu_bad_input(const scd_input *in, const char *charset,
			 UErrorCode st, size_t pos)
{
	if (st == U_TRUNCATED_CHAR_FOUND)
		return scd_error__set(SCD_EINVALID,
				      "'%s': invalid %s at byte %zu (truncated sequence at end of file)",
				      in->path, charset, pos);
	return scd_error__set(SCD_EINVALID, "'%s': invalid %s at byte %zu",
			      in->path, charset, pos);
}

static int unpaired_surrogate(const scd_input *in, const char *charset,
			      uint32_t at)
{
	return scd_error__set(SCD_EINVALID, "'%s': invalid %s at byte %u (unpaired surrogate)",
			      in->path, charset, at);
}

/* The error for ucnv_toUnicode's failure st, which stopped at src: the
 * offending sequence starts before src by the bytes ICU holds of it. */
static int icu_failure(const scd_input *in, UConverter *cnv,
		       const char *charset, UErrorCode st, const char *src)
{
	size_t pos = (size_t)(src - (const char *)in->orig);
	char bad[32];
	int8_t badlen = sizeof(bad);
	UErrorCode st2 = U_ZERO_ERROR;

	if (st == U_TRUNCATED_CHAR_FOUND) {
		ucnv_getInvalidChars(cnv, bad, &badlen, &st2);
		pos = in->orig_len - (U_SUCCESS(st2) ? (size_t)badlen : 0);
	} else if (st == U_ILLEGAL_CHAR_FOUND || st == U_INVALID_CHAR_FOUND
		   || st == U_ILLEGAL_ESCAPE_SEQUENCE
		   || st == U_UNSUPPORTED_ESCAPE_SEQUENCE) {
		ucnv_getInvalidChars(cnv, bad, &badlen, &st2);
		if (U_SUCCESS(st2) && (size_t)badlen <= pos)
			pos -= (size_t)badlen;
	} else {
		return scd_error__icu(st, "ucnv_toUnicode");
	}
	return icu_bad_input(in, charset, st, pos);
}

/* UTF-16 from ICU on its way to UTF-8: a lead surrogate waits for its
 * trail across chunks. */
typedef struct {
	const scd_input *in;
	const char *charset;
	UChar high;
	uint32_t high_off;
} u16_pairs;

/*
 * Append u16[0..n) to o as UTF-8, each byte mapped to the source byte its
 * character began at: base + offs[i], or, for a character begun in the
 * previous chunk (offset -1), base minus the `pending` bytes ICU held.
 */
static int put_u16(u8_out *o, u16_pairs *p, const UChar *u16,
		   const int32_t *offs, int32_t n, size_t base, size_t pending)
{
	int32_t i;
	int error;

	if ((error = u8_reserve(o, (size_t)n * 3 + 8)) < 0)
		return error;
	for (i = 0; i < n; i++) {
		UChar u = u16[i];
		uint32_t at = offs[i] >= 0 ? (uint32_t)(base + (size_t)offs[i])
					   : (uint32_t)(base - pending);
		UChar32 c = u;
		size_t k = o->len, e;
		int32_t j = 0;

		if (U16_IS_LEAD(u)) {
			if (p->high)
				return unpaired_surrogate(p->in, p->charset, p->high_off);
			p->high = u;
			p->high_off = at;
			continue;
		}
		if (U16_IS_TRAIL(u)) {
			if (!p->high)
				return unpaired_surrogate(p->in, p->charset, at);
			c = U16_GET_SUPPLEMENTARY(p->high, u);
			at = p->high_off;
			p->high = 0;
		} else if (p->high) {
			return unpaired_surrogate(p->in, p->charset, p->high_off);
		}
		if (c == 0)
			return scd_error__set(SCD_EINVALID, "'%s': binary file (NUL character at byte %u)",
					      p->in->path, at);
		U8_APPEND_UNSAFE(o->buf + o->len, j, c);
		o->len += (size_t)j;
		for (e = k; e < o->len; e++)
			o->map[e] = at;
	}
	return 0;
}

/*
 * Decode orig[skip..) from `charset` with ICU, strictly (the first
 * ill-formed or unmappable sequence is an error naming its byte offset).
 * Sources are fed in chunks small enough that the UTF-16 output always
 * fits, so ICU never holds output back; bytes of a character split across
 * two chunks come back with offset -1 and are credited to where that
 * character began (chunk start minus the bytes ICU had pending).  Of a
 * prefix (in->prefix), only the errors are wanted: nothing is flushed,
 * as more is to come, and nothing is kept.
 */
#define CHUNK 65536
static int use_icu(scd_input *in, const char *charset, size_t skip)
{
	UErrorCode st = U_ZERO_ERROR;
	UConverter *cnv = ucnv_open(charset, &st);
	UChar *u16 = NULL;
	int32_t *offs = NULL;
	u8_out o = { 0 };
	u16_pairs pairs = { in, charset, 0, 0 };
	const char *src, *end;
	int32_t pending = 0, cap16;
	int error = 0;

	if (U_FAILURE(st))
		return scd_error__set(SCD_EINVALID, "'%s': unknown encoding '%s'",
				      in->path, charset);
	if (skip >= in->orig_len) {
		/* an empty file, or a BOM alone: empty text (and no pointer
		 * arithmetic on the NULL that stands for no bytes) */
		snprintf(in->encoding, sizeof(in->encoding), "%s", charset);
		ucnv_close(cnv);
		return 0;
	}
	src = (const char *)in->orig + skip;
	end = (const char *)in->orig + in->orig_len;
	ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
	/* 2 units per byte bounds every ICU charset; the rest is ICU's
	 * own pending state replayed at the start of a call. */
	cap16 = 2 * CHUNK + 64;
	u16 = malloc((size_t)cap16 * sizeof(*u16));
	offs = malloc((size_t)cap16 * sizeof(*offs));
	if (!u16 || !offs || U_FAILURE(st)) {
		error = U_FAILURE(st) ? scd_error__icu(st, "ucnv_setToUCallBack")
				      : scd_error__nomem();
		goto done;
	}
	if ((error = u8_reserve(&o, in->orig_len + 16)) < 0)
		goto done;

	while (1) {
		const char *chunk = src;
		const char *lim = (end - src > CHUNK) ? src + CHUNK : end;
		UChar *t = u16;
		int last = (lim == end);

		st = U_ZERO_ERROR;
		ucnv_toUnicode(cnv, &t, u16 + cap16, &src, lim, offs, last && !in->prefix, &st);
		if (U_FAILURE(st)) {
			error = icu_failure(in, cnv, charset, st, src);
			goto done;
		}
		if ((error = put_u16(&o, &pairs, u16, offs, (int32_t)(t - u16),
				     (size_t)(chunk - (const char *)in->orig),
				     (size_t)pending)) < 0)
			goto done;
		if (last)
			break;
		st = U_ZERO_ERROR;
		pending = ucnv_toUCountPending(cnv, &st);
		if (U_FAILURE(st) || pending < 0)
			pending = 0;
	}
	if (in->prefix)
		goto done;
	if (pairs.high) {
		error = unpaired_surrogate(in, charset, pairs.high_off);
		goto done;
	}
	if (o.len > SCD_INPUT_MAX_BYTES) {
		error = scd_error__set(SCD_EINVALID, "'%s': decoded text too large (over 4 GiB)", in->path);
		goto done;
	}
	o.map[o.len] = (uint32_t)in->orig_len;
	in->text = o.buf;
	in->text_len = o.len;
	in->text_owned = 1;
	in->map = o.map;
	o.buf = NULL;
	o.map = NULL;
	snprintf(in->encoding, sizeof(in->encoding), "%s", charset);
done:
	free(o.buf);
	free(o.map);
	free(u16);
	free(offs);
	ucnv_close(cnv);
	return error;
}

/*
 * Does the text look like UTF-8 that was damaged, rather than text in
 * another charset?  Text in a legacy CJK charset almost never contains
 * well-formed UTF-8 multi-byte sequences, so if they outnumber the
 * ill-formed ones, the file is taken as broken UTF-8 and refused.
 */
static int damaged_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0, good = 0, bad = 0;

	while (i < len) {
		int32_t j = 0, n;
		UChar32 c;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		n = (int32_t)(len - i < 4 ? len - i : 4);
		U8_NEXT(s + i, j, n, c);
		if (c < 0)
			bad++;
		else
			good++;
		i += (size_t)j;
	}
	return good > bad;
}

/* Not UTF-8 and no BOM: ask ICU's detector, keep only CJK multi-byte
 * charsets, and take the first that decodes cleanly. */
static int use_detected(scd_input *in, size_t bad_utf8, int truncated)
{
	UErrorCode st = U_ZERO_ERROR;
	UCharsetDetector *det = ucsdet_open(&st);
	const UCharsetMatch **m;
	int32_t n = 0, i;
	int error;

	if ((error = refuse_nul(in, in->orig, in->orig_len, 0)) < 0) {
		ucsdet_close(det);
		return error;
	}
	if (damaged_utf8(in->orig, in->orig_len)) {
		ucsdet_close(det);
		return scd_error__set(SCD_EINVALID, "'%s': invalid UTF-8 at byte %zu%s",
				      in->path, bad_utf8,
				      truncated ? " (truncated sequence at end of file)" : "");
	}
	if (U_FAILURE(st))
		return scd_error__icu(st, "ucsdet_open");
	/* The detector only looks at the start; 64 KiB is plenty. */
	ucsdet_setText(det, (const char *)in->orig,
		       (int32_t)(in->orig_len < 65536 ? in->orig_len : 65536), &st);
	m = ucsdet_detectAll(det, &n, &st);
	for (i = 0; U_SUCCESS(st) && i < n; i++) {
		UErrorCode s2 = U_ZERO_ERROR;
		const char *name = ucsdet_getName(m[i], &s2);
		int32_t conf = ucsdet_getConfidence(m[i], &s2);
		int j;

		if (U_FAILURE(s2) || conf < DETECT_MIN_CONFIDENCE)
			continue;
		for (j = 0; detectable[j]; j++)
			if (!strcmp(name, detectable[j]))
				break;
		if (!detectable[j])
			continue;
		if (use_icu(in, name, 0) == 0) {
			ucsdet_close(det);
			scd_error_clear();
			return 0;
		}
	}
	ucsdet_close(det);
	return scd_error__set(SCD_EINVALID,
			      "'%s': invalid UTF-8 at byte %zu%s, and not a recognised CJK encoding (try --encoding)",
			      in->path, bad_utf8,
			      truncated ? " (truncated sequence at end of file)" : "");
}

static int is_utf8_name(const char *name)
{
	return !ucnv_compareNames(name, "UTF-8") || !ucnv_compareNames(name, "UTF8");
}

/* The text of in->orig in the charset `opts` name, or the one found. */
static int decode_text(scd_input *in, const scd_input_options *opts)
{
	const unsigned char *s = in->orig;
	size_t n = in->orig_len;
	int error, truncated;
	size_t bad;

	if (opts && opts->encoding && *opts->encoding) {
		if (is_utf8_name(opts->encoding))
			error = use_utf8(in, n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0);
		else
			error = use_icu(in, opts->encoding, 0);
	} else if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		error = use_utf8(in, 3);
	} else if (n >= 4 && !memcmp(s, "\xFF\xFE\0\0", 4)) {
		error = use_icu(in, "UTF-32LE", 4);
	} else if (n >= 4 && !memcmp(s, "\0\0\xFE\xFF", 4)) {
		error = use_icu(in, "UTF-32BE", 4);
	} else if (n >= 2 && !memcmp(s, "\xFF\xFE", 2)) {
		error = use_icu(in, "UTF-16LE", 2);
	} else if (n >= 2 && !memcmp(s, "\xFE\xFF", 2)) {
		error = use_icu(in, "UTF-16BE", 2);
	} else if ((bad = utf8_invalid_at(s, n, &truncated)) == n ||
		   (in->prefix && truncated)) {
		error = take_utf8(in, 0); /* checked just now: not again */
	} else {
		error = use_detected(in, bad, truncated);
	}
	return error;
}

static int decode(scd_input *in, const scd_input_options *opts)
{
	int error;

	if ((error = decode_text(in, opts)) < 0)
		return error;
	/* ICU conversion from a BOM'd charset starts at `skip`; the map
	 * already holds real offsets. */
	if ((error = build_lines(in)) < 0)
		return error;
	return build_checkpoints(in);
}

static scd_input *input_new(const char *name)
{
	scd_input *in = calloc(1, sizeof(*in));

	if (!in)
		return NULL;
	if (!(in->path = strdup(name))) {
		free(in);
		return NULL;
	}
	atomic_init(&in->refs, 1);
	return in;
}

int scd_input_from_memory(scd_input **out, const char *name, const void *data,
			  size_t len, const scd_input_options *opts)
{
	scd_input *in;
	int error;

	*out = NULL;
	if (!(in = input_new(name)))
		return scd_error__nomem();
	if (len > SCD_INPUT_MAX_BYTES) {
		scd_input_free(in);
		return too_large(name);
	}
	if (len) {
		unsigned char *copy = malloc(len);
		if (!copy) {
			scd_input_free(in);
			return scd_error__nomem();
		}
		memcpy(copy, data, len);
		in->orig = copy;
		in->orig_len = len;
	}
	if ((error = decode(in, opts)) < 0) {
		scd_input_free(in);
		return error;
	}
	*out = in;
	return 0;
}

/* Has the file behind fd changed since `before` was taken of it?  Its
 * size and modification time are what a writer cannot help but change. */
static int file_changed(int fd, const struct stat *before)
{
	struct stat now;

	return fstat(fd, &now) < 0 || now.st_size != before->st_size ||
	       now.st_mtim.tv_sec != before->st_mtim.tv_sec ||
	       now.st_mtim.tv_nsec != before->st_mtim.tv_nsec;
}

static void forget_text(scd_input *in)
{
	if (in->text_owned)
		free(in->text);
	free(in->map);
	in->text = NULL;
	in->text_len = 0;
	in->text_owned = 0;
	in->map = NULL;
	in->bias = 0;
	in->encoding[0] = '\0';
}

/*
 * Can the len bytes read so far, with more to come, not begin a text?
 * They are decoded as decode() would (`opts` the same), except that what
 * only the end of the input can settle (a character cut short, a charset
 * converter's pending bytes) is left open; the error is theirs, and
 * nothing decoded is kept.
 */
static int refuse_prefix(scd_input *in, const unsigned char *buf, size_t len,
			 const scd_input_options *opts)
{
	int error;

	in->orig = buf;
	in->orig_len = len;
	in->prefix = 1;
	error = decode_text(in, opts);
	forget_text(in);
	in->orig = NULL;
	in->orig_len = 0;
	in->prefix = 0;
	return error;
}

/*
 * Read fd (`sb` its fstat) to its end into in->orig; never mapped, so a
 * file cut short under us is fewer bytes, not a SIGBUS.  A regular file
 * goes into one buffer of its size and a byte more, to see the end; a
 * file that changed while it was read is refused.  Anything else (a
 * pipe, a terminal, a device, or a regular file whose size says 0, as
 * procfs's do) is read to its end in a growing buffer, and before each
 * growth the bytes so far must pass refuse_prefix(): /dev/zero or binary
 * junk is refused after 64 KiB, not after 4 GiB.  Nothing beyond the
 * size cap and one byte is ever held.
 */
static int read_all(scd_input *in, int fd, const struct stat *sb,
		    const scd_input_options *opts)
{
	const size_t most = SCD_INPUT_MAX_BYTES + 1; /* a byte over: too large */
	int regular = S_ISREG(sb->st_mode);
	size_t cap = regular && sb->st_size > 0 ? (size_t)sb->st_size + 1 : 65536;
	size_t len = 0, grown;
	unsigned char *buf = malloc(cap), *p;
	int error = 0, at_end = 0;

	if (!buf)
		return scd_error__nomem();
	while (!error) {
		ssize_t r;
		if (len == cap || at_end) {
			/* at the end, or about to grow: what is known so far */
			if (len == most)
				error = too_large(in->path);
			else if (regular && file_changed(fd, sb))
				error = scd_error__set(SCD_EIO, "'%s': changed while being read", in->path);
			else if (!at_end)
				error = refuse_prefix(in, buf, len, opts);
			if (error || at_end)
				break;
			grown = cap < most / 2 ? cap * 2 : most;
			if (!(p = realloc(buf, grown))) {
				error = scd_error__nomem();
				break;
			}
			buf = p;
			cap = grown;
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0 && errno != EINTR)
			error = scd_error__set(SCD_EIO, "'%s': %s", in->path, strerror(errno));
		else if (r == 0)
			at_end = 1;
		else if (r > 0) /* r < 0 here is EINTR: read again */
			len += (size_t)r;
	}
	if (error < 0 || len == 0) {
		free(buf); /* no bytes: no buffer, as for an empty string */
		return error;
	}
	in->orig = buf;
	in->orig_len = len;
	return 0;
}

/* The bytes of `path` into in->orig ("-" is standard input when
 * `dash_is_stdin`); `opts` are those it will be decoded with. */
static int load_bytes(scd_input *in, const char *path, int dash_is_stdin,
		      const scd_input_options *opts)
{
	struct stat sb;
	int fd, error = 0;

	if (dash_is_stdin && !strcmp(path, "-")) {
		fd = STDIN_FILENO;
	} else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		int e = errno;
		return scd_error__set(e == ENOENT ? SCD_ENOTFOUND : SCD_EIO,
				      "'%s': %s", path,
				      e == ENOENT ? "no such file" : strerror(e));
	}
	if (fstat(fd, &sb) < 0)
		error = scd_error__set(SCD_EIO, "'%s': %s", path, strerror(errno));
	else if (S_ISDIR(sb.st_mode))
		error = scd_error__set(SCD_EINVALID, "'%s': is a directory", path);
	else if (S_ISREG(sb.st_mode) && (uint64_t)sb.st_size > SCD_INPUT_MAX_BYTES)
		error = too_large(path);
	else
		error = read_all(in, fd, &sb, opts);
	if (fd != STDIN_FILENO)
		close(fd);
	return error;
}

int scd_input__load(scd_input **out, const char *path,
		    const scd_input_options *opts)
{
	scd_input *in;
	int error;

	*out = NULL;
	if (!(in = input_new(path)))
		return scd_error__nomem();
	if ((error = load_bytes(in, path, 0, opts)) < 0) {
		scd_input_free(in);
		return error;
	}
	*out = in;
	return 0;
}

int scd_input__decode(scd_input *in, const scd_input_options *opts)
{
	return decode(in, opts);
}

int scd_input_read(scd_input **out, const char *path,
		   const scd_input_options *opts)
{
	scd_input *in;
	int error;

	*out = NULL;
	if (!(in = input_new(path)))
		return scd_error__nomem();
	if ((error = load_bytes(in, path, 1, opts)) < 0 || (error = decode(in, opts)) < 0) {
		scd_input_free(in);
		return error;
	}
	*out = in;
	return 0;
}

size_t scd_input_text_at(const scd_input *in, size_t byte)
{
	size_t lo = 0, hi, len;

	scd_input_text(in, &len);
	hi = len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (scd_input_offset(in, mid) < byte)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

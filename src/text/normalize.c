/*
 * Normalisation: text → key, one pass, with the span of text behind every
 * key character.
 *
 * Per character: whitespace opens (or extends) a pending run; a default
 * ignorable is dropped; anything else is taken with the combining marks
 * that follow it (a normalisation segment: unorm2_hasBoundaryBefore()),
 * NFKC-normalised, and each output code point folded (punctuation class,
 * then traditional → simplified).  A pending whitespace run becomes one
 * key space only between two word characters of scripts that separate
 * words with spaces; between CJK characters, or a CJK character and a
 * digit, it is layout and leaves no trace in the key.
 *
 * Fast paths cover ASCII and the CJK Unified Ideographs block, which is
 * nearly all of corpora/: there NFKC is the identity (those characters are
 * normalisation-inert) and only the variant fold applies.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>

#include "scodiff/normalize.h"
#include "text/opencc.h"
#include "text/segment.h"
#include "util/error.h"

struct scd_key {
	uint32_t *val, *beg, *end;
	size_t len, cap;
};

/* Class representatives (each is a member of its class). */
#define K_DASH 0x2Du     /* - */
#define K_QUOTE 0x22u    /* " */
#define K_OPEN 0x28u     /* ( */
#define K_CLOSE 0x29u    /* ) */
#define K_STOP 0x2Eu     /* . */
#define K_MIDDOT 0xB7u   /* · */
#define K_ELLIPSIS 0x2026u

/* ---- traditional → simplified ---------------------------------------- */

/*
 * The one-to-one mappings of ICU's Traditional-Simplified transliterator
 * over the BMP's CJK Unified Ideographs, generated at build time by
 * tools/gen_tables.c (variants.c in the build folder).
 */
extern const uint32_t scd_variants__lo, scd_variants__hi;
extern const uint16_t scd_variants__ts[];

/*
 * OpenCC's character mappings first (its Hong Kong and Taiwan variants
 * reversed, then TSCharacters: text/opencc.h), ICU's where OpenCC has
 * none.  Over the CJK Unified Ideographs of the BMP OpenCC maps 3,764
 * characters and ICU 2,853; they agree on 2,742 of the 2,755 both map,
 * ICU alone maps 98 (rare forms such as 䬗), OpenCC alone 1,009.
 */
uint32_t scd_normalize_simplified(uint32_t c)
{
	uint32_t v = scd_opencc__simplified(c);

	if (v != c)
		return v;
	if (c >= scd_variants__lo && c < scd_variants__hi &&
	    scd_variants__ts[c - scd_variants__lo])
		return scd_variants__ts[c - scd_variants__lo];
	return c;
}

/* ---- regional vocabulary ---------------------------------------------- */

/*
 * The regional fold: in the key, already in simplified characters, each
 * word of OpenCC's Taiwan phrase dictionaries becomes the one form of its
 * class (the "regional" configuration that tools/gen_opencc.c builds from
 * OpenCC's phrase dictionaries and ICU's phrases, docs/variants.md:
 * 文件, 档案 and 檔案 all become 文件, 用户 and 使用者 用户, 默认, 预设 and
 * 缺省 one word).  Both sides of a comparison
 * take the same path, so a mainland text and its Taiwan edition meet
 * whichever vocabulary each uses, and text in neither is left as it was.
 * A replaced word's characters share one span, so that it is aligned or
 * changed whole (units() in diff.c).
 */
static const scd_opencc__config *regional_fold(void)
{
	const scd_opencc__config *cfg = scd_opencc__find("regional");
	if (!cfg)
		scd_error__set(SCD_EINVALID, "OpenCC's regional fold is not compiled in");
	return cfg;
}

/* Room for `need` values in each of k's arrays. */
static int key_reserve(scd_key *k, size_t need)
{
	uint32_t *v, *b, *e;

	if (need <= k->cap)
		return 0;
	if (!(v = realloc(k->val, need * sizeof(*v))))
		return SCD_ENOMEM;
	k->val = v;
	if (!(b = realloc(k->beg, need * sizeof(*b))))
		return SCD_ENOMEM;
	k->beg = b;
	if (!(e = realloc(k->end, need * sizeof(*e))))
		return SCD_ENOMEM;
	k->end = e;
	k->cap = need;
	return 0;
}

/*
 * The key k through the regional fold, its spans carried over: every
 * character of a replaced word has the whole word's span.  Not character
 * by character even when the lengths agree: 建立 becomes 创建, and a 建
 * of the key is then the text's 立.
 *
 * Rewritten in place, with no second key: the arrays grow by what the
 * longer words add (`grow`), the key moves up by as much, and the
 * rewrite reads from there; it never writes past what it has read,
 * since it has added at most `grow` so far.
 */
static int key_regional(scd_key *k)
{
	const scd_opencc__config *cfg = regional_fold();
	scd_opencc__match *m;
	size_t nm, i, n = k->len, grow = 0, at, w, j;
	int error;

	if (!cfg)
		return SCD_EINVALID;
	if ((error = scd_opencc__matches(&m, &nm, cfg, k->val, k->len)) < 0)
		return error;
	for (i = 0; i < nm; i++) {
		n = n + m[i].nvalue - m[i].len;
		if (m[i].nvalue > m[i].len)
			grow += m[i].nvalue - m[i].len;
	}
	if (grow) {
		if (key_reserve(k, k->len + grow) < 0) {
			free(m);
			return SCD_ENOMEM;
		}
		memmove(k->val + grow, k->val, k->len * sizeof(*k->val));
		memmove(k->beg + grow, k->beg, k->len * sizeof(*k->beg));
		memmove(k->end + grow, k->end, k->len * sizeof(*k->end));
	}
	for (i = 0, at = 0, w = 0; i <= nm; i++) {
		/* the key as it was, at index x: k->val[grow + x] */
		const uint32_t *ov = k->val + grow, *ob = k->beg + grow, *oe = k->end + grow;
		size_t upto = i < nm ? m[i].pos : k->len, len;
		uint32_t b, e;

		if (w != grow + at) {
			memmove(k->val + w, ov + at, (upto - at) * sizeof(*ov));
			memmove(k->beg + w, ob + at, (upto - at) * sizeof(*ob));
			memmove(k->end + w, oe + at, (upto - at) * sizeof(*oe));
		}
		w += upto - at;
		if (i == nm)
			break;
		len = m[i].len;
		b = ob[upto];
		e = oe[upto + len - 1];
		if (m[i].nvalue == len && !memcmp(m[i].value, ov + upto, len * sizeof(*ov))) {
			/* a word in its class's own form: as it is */
			memmove(k->val + w, ov + upto, len * sizeof(*ov));
			memmove(k->beg + w, ob + upto, len * sizeof(*ob));
			memmove(k->end + w, oe + upto, len * sizeof(*oe));
		} else {
			for (j = 0; j < m[i].nvalue; j++) {
				k->val[w + j] = m[i].value[j];
				k->beg[w + j] = b;
				k->end[w + j] = e;
			}
		}
		w += m[i].nvalue;
		at = upto + len;
	}
	free(m);
	k->len = n;
	return 0;
}

/* ---- character classes ----------------------------------------------- */

int scd_normalize_is_punct(uint32_t c)
{
	return u_ispunct((UChar32)c) != 0;
}

static int is_ellipsis(uint32_t c)
{
	return c == 0x2026 || c == 0x22EF || c == 0xFE19;
}

static int is_space(uint32_t c)
{
	return u_isUWhiteSpace((UChar32)c) || c == 0x85;
}

static int is_digit(uint32_t c)
{
	return c < 0x80 ? (c >= '0' && c <= '9') : u_isdigit((UChar32)c) != 0;
}

/* Fold one NFKC code point for matching. */
static uint32_t fold(uint32_t v, unsigned int flags)
{
	if (flags & SCD_FOLD_PUNCT) {
		if (v < 0x80) {
			switch (v) {
			case '\'': return K_QUOTE;
			case '[': case '{': return K_OPEN;
			case ']': case '}': return K_CLOSE;
			default: return v;
			}
		}
		if (v == 0x3002)
			return K_STOP;
		if (v == 0x30FB || v == 0x2027 || v == 0x2022 || v == 0x2219 ||
		    v == 0x22C5 || v == 0x2E31)
			return K_MIDDOT;
		if (!(v >= 0x3400 && v < 0xA000) && u_ispunct((UChar32)v)) {
			if (u_hasBinaryProperty((UChar32)v, UCHAR_DASH))
				return K_DASH;
			if (u_hasBinaryProperty((UChar32)v, UCHAR_QUOTATION_MARK))
				return K_QUOTE;
			switch (u_charType((UChar32)v)) {
			case U_START_PUNCTUATION: return K_OPEN;
			case U_END_PUNCTUATION: return K_CLOSE;
			case U_DASH_PUNCTUATION: return K_DASH;
			default: break;
			}
		}
		if (v == 0x2212) /* minus sign: Dash, but category Sm */
			return K_DASH;
	}
	if (flags & SCD_FOLD_VARIANT)
		v = scd_normalize_simplified(v);
	return v;
}

/* Runs of these classes are one key character: `——` and `－` match. */
static int collapses(uint32_t k)
{
	return k == K_DASH || k == K_ELLIPSIS;
}

/* ---- the key --------------------------------------------------------- */

void scd_key_free(scd_key *key)
{
	if (!key)
		return;
	free(key->val);
	free(key->beg);
	free(key->end);
	free(key);
}

size_t scd_key_len(const scd_key *key) { return key->len; }
const uint32_t *scd_key_values(const scd_key *key) { return key->val; }
size_t scd_key_index(const scd_key *key, uint32_t off)
{
	const uint32_t *b = scd_key_begins(key);
	size_t lo = 0, hi = scd_key_len(key);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const uint32_t *scd_key_begins(const scd_key *key) { return key->beg; }
const uint32_t *scd_key_ends(const scd_key *key) { return key->end; }

static int key_grow(scd_key *k)
{
	size_t cap = k->cap ? k->cap * 2 : 1024;
	uint32_t *v = realloc(k->val, cap * sizeof(*v));
	if (v) k->val = v;
	uint32_t *b = v ? realloc(k->beg, cap * sizeof(*b)) : NULL;
	if (b) k->beg = b;
	uint32_t *e = b ? realloc(k->end, cap * sizeof(*e)) : NULL;
	if (e) k->end = e;
	if (!e)
		return scd_error__nomem();
	k->cap = cap;
	return 0;
}

/* Normaliser state across characters. */
typedef struct {
	scd_key *key;
	unsigned int flags;
	int ws;              /* whitespace pending */
	uint32_t ws_beg, ws_end;
	int prev_word;       /* last key character is a word character */
	int prev_digit;      /* ... and a decimal digit */
} nstate;

/* Append key value kv (a word / digit character or not) for [beg, end). */
static int emit_key(nstate *s, uint32_t kv, int word, int digit, uint32_t beg,
		    uint32_t end)
{
	scd_key *k = s->key;

	if (k->len && collapses(kv) && k->val[k->len - 1] == kv &&
	    k->end[k->len - 1] <= beg) {
		/* `——`, `— —`: one dash, whatever the spacing */
		k->end[k->len - 1] = end;
		s->ws = 0;
		return 0;
	}
	if (s->ws) {
		s->ws = 0;
		/* digits on both sides: `1 000`, `2 025` are spacing too */
		if (s->prev_word && word && !(s->prev_digit && digit)) {
			if (k->len == k->cap && key_grow(k) < 0)
				return SCD_ENOMEM;
			k->val[k->len] = ' ';
			k->beg[k->len] = s->ws_beg;
			k->end[k->len] = s->ws_end;
			k->len++;
		}
	}
	if (k->len == k->cap && key_grow(k) < 0)
		return SCD_ENOMEM;
	k->val[k->len] = kv;
	k->beg[k->len] = beg;
	k->end[k->len] = end;
	k->len++;
	s->prev_word = word;
	s->prev_digit = digit;
	return 0;
}

/* Append the key of NFKC output code point v. */
static int emit(nstate *s, uint32_t v, uint32_t beg, uint32_t end)
{
	if (is_space(v))
		return 0; /* NFKC turned something into a space: layout */
	return emit_key(s, fold(v, s->flags), scd_segment_is_word(v), is_digit(v), beg, end);
}

/* NFKC of the segment cps[0..n) spanning [beg, end), then emit. */
static int emit_segment(nstate *s, const UNormalizer2 *n2, const UChar32 *cps,
			int32_t n, uint32_t beg, uint32_t end)
{
	UChar src[80], dst[256];
	int32_t sl = 0, dl, i;
	UErrorCode st = U_ZERO_ERROR;
	UBool err = 0;

	for (i = 0; i < n; i++)
		U16_APPEND(src, sl, (int32_t)(sizeof(src) / sizeof(src[0])), cps[i], err);
	dl = err ? -1 : unorm2_normalize(n2, src, sl, dst, 256, &st);
	if (err || U_FAILURE(st)) {
		/* absurdly long combining run: keep it as it is */
		for (i = 0; i < n; i++)
			if (emit(s, (uint32_t)cps[i], beg, end) < 0)
				return SCD_ENOMEM;
		return 0;
	}
	for (i = 0; i < dl;) {
		UChar32 c;
		U16_NEXT(dst, i, dl, c);
		if (emit(s, (uint32_t)c, beg, end) < 0)
			return SCD_ENOMEM;
	}
	return 0;
}

#define MAX_SEGMENT 32

/*
 * What a BMP code point does, looked up once per call and cached: ICU's
 * property and normalisation look-ups cost more than the rest of the pass
 * together when made for every character.
 */
enum {
	C_KNOWN = 1,     /* entry filled */
	C_SPACE = 2,     /* whitespace: layout */
	C_IGNORE = 4,    /* default ignorable: dropped */
	C_ELLIPSIS = 8,  /* an ellipsis, kept whole */
	C_SIMPLE = 16,   /* NFKC-inert: one key value, cached */
	C_WORD = 32,
	C_DIGIT = 64,
	C_BOUNDARY = 128 /* a normalisation boundary before it */
};

typedef struct {
	uint32_t *key;   /* 65536 entries */
	uint8_t *flags;  /* 65536 entries, 0 = unknown */
} ccache;

static uint8_t cache_fill(ccache *cc, const UNormalizer2 *n2, UChar32 c,
			  unsigned int flags)
{
	uint8_t f = C_KNOWN;

	if (unorm2_hasBoundaryBefore(n2, c))
		f |= C_BOUNDARY;
	if (is_space((uint32_t)c))
		f |= C_SPACE;
	else if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
		f |= C_IGNORE;
	else if (is_ellipsis((uint32_t)c) && (flags & SCD_FOLD_PUNCT))
		f |= C_ELLIPSIS;
	else if (unorm2_isInert(n2, c)) {
		f |= C_SIMPLE;
		cc->key[c] = fold((uint32_t)c, flags);
		if (scd_segment_is_word((uint32_t)c))
			f |= C_WORD;
		if (is_digit((uint32_t)c))
			f |= C_DIGIT;
	}
	cc->flags[c] = f;
	return f;
}

int scd_normalize(scd_key **out, const char *text, size_t len,
		  const scd_normalize_options *opts)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *n2 = unorm2_getNFKCInstance(&st);
	nstate s = { 0 };
	ccache cc;
	size_t i = 0;
	int error = 0;

	*out = NULL;
	if (U_FAILURE(st))
		return scd_error__icu(st, "unorm2_getNFKCInstance");
	if (len >= UINT32_MAX)
		return scd_error__set(SCD_EINVALID, "text too large to normalise");
	s.flags = opts ? opts->fold : SCD_FOLD_DEFAULT;
	cc.key = malloc(65536 * sizeof(*cc.key));
	cc.flags = calloc(65536, 1);
	s.key = calloc(1, sizeof(*s.key));
	if (!cc.key || !cc.flags || !s.key) {
		error = SCD_ENOMEM;
		goto done;
	}
	/* about one key character per 3 bytes of Chinese text */
	s.key->cap = len / 3 + 16;
	if (!(s.key->val = malloc(s.key->cap * sizeof(uint32_t))) ||
	    !(s.key->beg = malloc(s.key->cap * sizeof(uint32_t))) ||
	    !(s.key->end = malloc(s.key->cap * sizeof(uint32_t)))) {
		error = SCD_ENOMEM;
		goto done;
	}

	while (i < len) {
		uint32_t beg = (uint32_t)i;
		UChar32 c;
		uint8_t f = 0;

		U8_NEXT_UNSAFE(text, i, c); /* input is valid UTF-8 */
		if (c < 0x10000) {
			f = cc.flags[c];
			if (!f)
				f = cache_fill(&cc, n2, c, s.flags);
			if (f & C_SPACE) {
				if (!s.ws) {
					s.ws = 1;
					s.ws_beg = beg;
				}
				s.ws_end = (uint32_t)i;
				continue;
			}
			if (f & C_IGNORE)
				continue;
			if (f & C_ELLIPSIS) {
				/* before NFKC, which would make it three full stops */
				if ((error = emit_key(&s, K_ELLIPSIS, 0, 0, beg, (uint32_t)i)) < 0)
					break;
				continue;
			}
			if (f & C_SIMPLE) {
				/* simple unless a combining mark follows */
				int alone = 1;
				if (i < len && (unsigned char)text[i] >= 0xCC) {
					size_t j = i;
					UChar32 d;
					U8_NEXT_UNSAFE(text, j, d);
					if (d >= 0x10000)
						alone = unorm2_hasBoundaryBefore(n2, d);
					else {
						uint8_t g = cc.flags[d];
						if (!g)
							g = cache_fill(&cc, n2, d, s.flags);
						alone = (g & C_BOUNDARY) != 0;
					}
				}
				if (alone) {
					if ((error = emit_key(&s, cc.key[c], (f & C_WORD) != 0,
							      (f & C_DIGIT) != 0, beg, (uint32_t)i)) < 0)
						break;
					continue;
				}
			}
		} else if (is_space((uint32_t)c)) {
			continue; /* no supplementary whitespace exists; be safe */
		} else if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
			continue;
		}
		{
			/* the general case: c with the marks that belong to it */
			UChar32 seg[MAX_SEGMENT];
			int32_t n = 0;
			seg[n++] = c;
			while (i < len && n < MAX_SEGMENT) {
				size_t j = i;
				UChar32 d;
				U8_NEXT_UNSAFE(text, j, d);
				if (d < 0x300 || unorm2_hasBoundaryBefore(n2, d))
					break;
				seg[n++] = d;
				i = j;
			}
			if (n == 1 && unorm2_isInert(n2, c))
				error = emit(&s, (uint32_t)c, beg, (uint32_t)i);
			else
				error = emit_segment(&s, n2, seg, n, beg, (uint32_t)i);
			if (error < 0)
				break;
		}
	}
	if (error == 0 && (s.flags & SCD_FOLD_REGIONAL) && (s.flags & SCD_FOLD_VARIANT) &&
	    s.key->len) {
		error = key_regional(s.key);
	}
done:
	free(cc.key);
	free(cc.flags);
	if (error < 0) {
		scd_key_free(s.key);
		return error == SCD_ENOMEM ? scd_error__nomem() : error;
	}
	*out = s.key;
	return 0;
}

size_t scd_normalize_char(uint32_t *out, size_t cap, uint32_t c,
			  unsigned int flags)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *n2 = unorm2_getNFKCInstance(&st);
	UChar src[2], dst[32];
	int32_t sl = 0, dl, i;
	size_t n = 0;
	UBool err = 0;

	if (U_FAILURE(st) || is_space(c) ||
	    u_hasBinaryProperty((UChar32)c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
		return 0;
	if (is_ellipsis(c) && (flags & SCD_FOLD_PUNCT)) {
		if (cap)
			out[n++] = K_ELLIPSIS;
		return n;
	}
	U16_APPEND(src, sl, 2, (UChar32)c, err);
	dl = unorm2_normalize(n2, src, sl, dst, 32, &st);
	if (err || U_FAILURE(st)) {
		if (cap)
			out[n++] = fold(c, flags);
		return n;
	}
	for (i = 0; i < dl && n < cap;) {
		UChar32 d;
		U16_NEXT(dst, i, dl, d);
		if (!is_space((uint32_t)d))
			out[n++] = fold((uint32_t)d, flags);
	}
	return n;
}

int scd_normalize_chars(uint32_t *out, size_t cap, const uint32_t *c,
			size_t n, unsigned int flags)
{
	uint32_t key[256];
	size_t m = 0, i;
	scd_opencc__text t = { 0 };
	const scd_opencc__config *cfg;
	int error;

	for (i = 0; i < n && m < 256; i++)
		m += scd_normalize_char(key + m, 256 - m, c[i], flags);
	if (!(flags & SCD_FOLD_REGIONAL) || !(flags & SCD_FOLD_VARIANT) || m == 0) {
		if (m > cap)
			m = cap;
		memcpy(out, key, m * sizeof(*out));
		return (int)m;
	}
	if (!(cfg = regional_fold()))
		return SCD_EINVALID;
	if ((error = scd_opencc__convert(&t, cfg, key, m, 0)) < 0) {
		scd_opencc__text_clear(&t);
		return error;
	}
	m = t.len < cap ? t.len : cap;
	memcpy(out, t.cp, m * sizeof(*out));
	scd_opencc__text_clear(&t);
	return (int)m;
}

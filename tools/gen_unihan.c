/*
 * Build-time generator of scodiff's character data (src/text/chardata.c), from
 * Unicode's Unihan database as Debian's unicode-data package installs it:
 *
 *   bzcat Unihan_Readings.txt.bz2 Unihan_Variants.txt.bz2 \
 *         Unihan_RadicalStrokeCounts.txt.bz2 Unihan_DictionaryLikeData.txt.bz2 \
 *         Unihan_IRGSources.txt.bz2 | gen_unihan > unihan.c
 *
 * Input lines are `U+XXXX<TAB>kField<TAB>value` (UAX #38); '#' lines are
 * comments.  Fields move between files from one Unicode version to the next
 * (in 15.0 kRSUnicode and kTotalStrokes are IRG sources, not radical-stroke
 * counts), so the generator reads every file that could hold one as a
 * single stream, and fails when a field it needs never shows up: a missing
 * or unreadable file does not go unnoticed even though the shell pipeline
 * hides bzcat's exit status.
 *
 * Output: static tables, nothing left to parse at run time.
 *
 *  - Records: every code point with at least one field kept, in code point
 *    order; the records of a run of consecutive code points are found from
 *    a short list of ranges (the CJK blocks, with a few holes), so a record
 *    index costs a binary search over a dozen ranges.
 *  - Shape (kTotalStrokes, kRSUnicode), known for every record: a uint16
 *    per record naming one of the few thousand distinct shape tuples.
 *  - Sparse columns (readings, variants, kCangjie, kFourCornerCode,
 *    kPhonetic, frequency): a presence bitmap over records with a running
 *    count per 64-bit word, so that the j-th value of a column belongs to
 *    the record whose bit is the j-th set one (rank in O(1): one table read
 *    and one popcount); the values themselves are packed back to back.
 *  - Readings are toneless syllables (a few hundred), each character's list
 *    of them is interned (many characters read just "yi"), and every string
 *    (syllables, Cangjie codes, four-corner codes) sits once in one pool.
 *  - Frequency scores are computed here, so that the library needs no libm
 *    and the rule (chardata.h) is applied to the data in one place.
 *
 * The layout is shared with src/text/chardata.c, which declares the same names.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scodiff/chardata.h" /* SCD_VARIANT_* bits, stored as they are */

#define NCP 0x110000
#define MAXSYL 8 /* longest toneless syllable + NUL ("zhuang" has 6) */

static unsigned long lineno;

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "gen_unihan: ");
	if (lineno)
		fprintf(stderr, "line %lu: ", lineno);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

/* Array p of *cap elements of `size` bytes, grown to hold at least n. */
static void *grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n <= *cap)
		return p;
	*cap = *cap ? *cap * 2 : 8;
	if (*cap < n)
		*cap = n;
	return xrealloc(p, *cap * size);
}

/* ---- interning --------------------------------------------------------- */

/*
 * Byte strings stored once each, numbered in order of first appearance
 * (open addressing on FNV-1a).  Used for strings, reading lists and shape
 * tuples alike.
 */
struct intern {
	unsigned char *data;
	size_t len, cap;
	size_t *start; /* item i is data[start[i] .. start[i + 1]) */
	size_t n, ncap;
	uint32_t *slot; /* item id + 1, 0 when empty */
	size_t nslot;
};

static uint32_t fnv1a(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint32_t h = 2166136261u;

	while (n--)
		h = (h ^ *s++) * 16777619u;
	return h;
}

static size_t item_len(const struct intern *t, size_t i)
{
	return t->start[i + 1] - t->start[i];
}

static const void *item(const struct intern *t, size_t i)
{
	return t->data + t->start[i];
}

static size_t intern(struct intern *t, const void *p, size_t n)
{
	size_t i, k;

	if (2 * (t->n + 1) > t->nslot) { /* rehash at half full */
		size_t ns = t->nslot ? 2 * t->nslot : 1024;
		free(t->slot);
		t->slot = calloc(ns, sizeof(*t->slot));
		if (!t->slot)
			die("out of memory");
		t->nslot = ns;
		for (i = 0; i < t->n; i++) {
			k = fnv1a(item(t, i), item_len(t, i)) & (ns - 1);
			while (t->slot[k])
				k = (k + 1) & (ns - 1);
			t->slot[k] = (uint32_t)(i + 1);
		}
	}
	k = fnv1a(p, n) & (t->nslot - 1);
	for (; t->slot[k]; k = (k + 1) & (t->nslot - 1)) {
		i = t->slot[k] - 1;
		if (item_len(t, i) == n && !memcmp(item(t, i), p, n))
			return i;
	}
	t->data = grow(t->data, &t->cap, t->len + n, 1);
	memcpy(t->data + t->len, p, n);
	t->len += n;
	t->start = grow(t->start, &t->ncap, t->n + 2, sizeof(*t->start));
	t->start[0] = 0;
	t->start[t->n + 1] = t->len;
	t->slot[k] = (uint32_t)(t->n + 1);
	return t->n++;
}

/* ---- what is kept of each code point ----------------------------------- */

struct reading {
	uint16_t syl;   /* in `syllables` */
	uint8_t source; /* field rank: readings are listed by it */
	uint32_t seq;   /* order of appearance within the field */
};

struct link {
	uint32_t cp;
	unsigned int kinds; /* SCD_VARIANT_* */
};

struct rec {
	uint32_t cp;
	struct reading *rd;
	size_t nrd, rdcap;
	struct link *var;
	size_t nvar, varcap;
	int has_shape;
	uint8_t strokes, radical, simplified, residual;
	int32_t cangjie, four_corner; /* in `strings`, -1 when none */
	uint16_t phonetic;
	uint8_t frequency;
	uint32_t pinlu;
};

static int32_t *slot_of; /* code point → index in recs, -1 */
static struct rec *recs;
static size_t nrecs, reccap;
static struct intern syllables, strings;
static unsigned long clamped; /* negative residual strokes read as 0 */

static struct rec *rec_of(uint32_t cp)
{
	struct rec *r;

	if (slot_of[cp] < 0) {
		recs = grow(recs, &reccap, nrecs + 1, sizeof(*recs));
		r = &recs[nrecs];
		memset(r, 0, sizeof(*r));
		r->cp = cp;
		r->cangjie = r->four_corner = -1;
		slot_of[cp] = (int32_t)nrecs++;
	}
	return &recs[slot_of[cp]];
}

/* ---- readings ---------------------------------------------------------- */

/* Pinyin letters with tone marks (and ü, ê) and what they become. */
static const struct {
	uint32_t cp;
	char base;
} tone_letters[] = {
	{ 0xE0, 'a' }, { 0xE1, 'a' }, { 0xE2, 'a' }, { 0x101, 'a' }, { 0x1CE, 'a' },
	{ 0xE8, 'e' }, { 0xE9, 'e' }, { 0xEA, 'e' }, { 0x113, 'e' }, { 0x11B, 'e' },
	{ 0x1EBF, 'e' }, { 0x1EC1, 'e' },
	{ 0xEC, 'i' }, { 0xED, 'i' }, { 0x12B, 'i' }, { 0x1D0, 'i' },
	{ 0xF2, 'o' }, { 0xF3, 'o' }, { 0x14D, 'o' }, { 0x1D2, 'o' },
	{ 0xF9, 'u' }, { 0xFA, 'u' }, { 0x16B, 'u' }, { 0x1D4, 'u' },
	{ 0xFC, 'v' }, { 0x1D6, 'v' }, { 0x1D8, 'v' }, { 0x1DA, 'v' }, { 0x1DC, 'v' },
	{ 0x1E3F, 'm' }, { 0x144, 'n' }, { 0x148, 'n' }, { 0x1F9, 'n' },
};

/* Decode one UTF-8 sequence at *s (< end); 0xFFFFFFFF when malformed. */
static uint32_t utf8_next(const char **s, const char *end)
{
	const unsigned char *p = (const unsigned char *)*s;
	uint32_t c = *p++;
	int n = c < 0x80 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;

	if (n < 0 || (const char *)p + n > end)
		return 0xFFFFFFFF;
	if (n)
		c &= 0x3F >> n;
	while (n--) {
		if ((*p & 0xC0) != 0x80)
			return 0xFFFFFFFF;
		c = (c << 6) | (*p++ & 0x3F);
	}
	*s = (const char *)p;
	return c;
}

/*
 * The toneless ASCII form of the pinyin syllable s[0..n): tone marks
 * dropped, whether precomposed (jìn) or combining (m̄, ê̌), ü → v, ê → e.
 * Dies on anything else, so that a new spelling in Unihan is noticed.
 */
static void toneless(char out[MAXSYL], const char *s, size_t n, const char *field)
{
	const char *start = s, *end = s + n;
	size_t k = 0, i;

	while (s < end) {
		uint32_t c = utf8_next(&s, end);
		char b = 0;

		if (c >= 'a' && c <= 'z')
			b = (char)c;
		else if (c >= 'A' && c <= 'Z')
			b = (char)(c - 'A' + 'a');
		else if (c == 0x308 && k && out[k - 1] == 'u')
			out[k - 1] = 'v'; /* u + combining diaeresis */
		else if (c == 0x300 || c == 0x301 || c == 0x302 || c == 0x304 || c == 0x30C)
			; /* combining tone mark (or the circumflex of ê) */
		else {
			for (i = 0; i < sizeof(tone_letters) / sizeof(tone_letters[0]); i++)
				if (tone_letters[i].cp == c)
					b = tone_letters[i].base;
			if (!b)
				die("%s: unexpected U+%04X in reading \"%.*s\"", field,
				    (unsigned int)c, (int)n, start);
		}
		if (b) {
			if (k + 1 >= MAXSYL)
				die("%s: reading too long", field);
			out[k++] = b;
		}
	}
	if (!k)
		die("%s: empty reading", field);
	out[k] = 0;
}

static void add_reading(struct rec *r, const char *s, size_t n, int source,
			const char *field)
{
	char syl[MAXSYL];
	size_t id;

	toneless(syl, s, n, field);
	id = intern(&syllables, syl, strlen(syl) + 1);
	if (id > UINT16_MAX)
		die("more than 65535 syllables");
	r->rd = grow(r->rd, &r->rdcap, r->nrd + 1, sizeof(*r->rd));
	r->rd[r->nrd].syl = (uint16_t)id;
	r->rd[r->nrd].source = (uint8_t)source;
	r->rd[r->nrd].seq = (uint32_t)r->nrd;
	r->nrd++;
}

/*
 * The reading fields, in the order their readings are listed: the
 * customary reading; the readings counted in a corpus (most common first);
 * then the dictionaries, modern before historical.  Formats:
 *   kMandarin     jìn jìng                  (space-separated)
 *   kHanyuPinlu   qiáng(975) qiǎng(88)      (reading(count))
 *   kXHC1983      0593.020:jìn 0604.010:jìng, 1092.070*,1092.071:sóng
 *   kTGHZ2013     454.090,454.100:yún
 *   kHanyuPinyin  10273.010:jìng,jìn        (locations:readings)
 */
static const char *const reading_fields[] = {
	"kMandarin", "kHanyuPinlu", "kXHC1983", "kTGHZ2013", "kHanyuPinyin"
};
#define NREADING_FIELDS (sizeof(reading_fields) / sizeof(reading_fields[0]))

static void parse_readings(struct rec *r, int source, const char *v)
{
	const char *field = reading_fields[source];

	while (*v) {
		const char *tok = v, *end, *colon;

		while (*v && *v != ' ')
			v++;
		end = v;
		while (*v == ' ')
			v++;
		if (end == tok)
			continue;
		if (source == 0) {
			add_reading(r, tok, (size_t)(end - tok), source, field);
		} else if (source == 1) {
			const char *paren = memchr(tok, '(', (size_t)(end - tok));
			char *num_end;
			unsigned long n;

			if (!paren || end[-1] != ')')
				die("%s: expected reading(count), got \"%.*s\"", field,
				    (int)(end - tok), tok);
			n = strtoul(paren + 1, &num_end, 10);
			if (num_end != end - 1)
				die("%s: bad count in \"%.*s\"", field, (int)(end - tok), tok);
			add_reading(r, tok, (size_t)(paren - tok), source, field);
			r->pinlu += (uint32_t)n;
		} else {
			colon = memchr(tok, ':', (size_t)(end - tok));
			if (!colon)
				die("%s: expected location:readings, got \"%.*s\"", field,
				    (int)(end - tok), tok);
			for (tok = colon + 1; tok < end;) {
				const char *comma = memchr(tok, ',', (size_t)(end - tok));
				const char *e = comma ? comma : end;

				add_reading(r, tok, (size_t)(e - tok), source, field);
				tok = e + (comma != NULL);
			}
		}
	}
}

/* ---- variants ---------------------------------------------------------- */

static const struct {
	const char *field;
	unsigned int kind;
} variant_fields[] = {
	{ "kTraditionalVariant", SCD_VARIANT_TRADITIONAL },
	{ "kSimplifiedVariant", SCD_VARIANT_SIMPLIFIED },
	{ "kSemanticVariant", SCD_VARIANT_SEMANTIC },
	{ "kSpecializedSemanticVariant", SCD_VARIANT_SPECIALIZED },
	{ "kZVariant", SCD_VARIANT_Z },
	{ "kSpoofingVariant", SCD_VARIANT_SPOOFING },
};
#define NVARIANT_FIELDS (sizeof(variant_fields) / sizeof(variant_fields[0]))

/* Parse "U+XXXX" at s; returns the code point and moves *end past it. */
static uint32_t parse_cp(const char *s, const char **end)
{
	char *e;
	unsigned long v;

	if (s[0] != 'U' || s[1] != '+')
		return 0xFFFFFFFF;
	v = strtoul(s + 2, &e, 16);
	if (e - (s + 2) < 4 || e - (s + 2) > 6 || v >= NCP)
		return 0xFFFFFFFF;
	*end = e;
	return (uint32_t)v;
}

/*
 * Values are space-separated code points, each possibly followed by the
 * sources that attest the link: `U+5F3A<kLau,kMatthews U+5F4A<kLau`,
 * `U+9616<sGZJZD1989:TZ`.  Only the code points are kept; a link of a
 * character to itself is dropped (see chardata.h).
 */
static void parse_variants(struct rec *r, uint32_t self, unsigned int kind,
			   const char *field, const char *v)
{
	while (*v) {
		const char *e;
		uint32_t cp = parse_cp(v, &e);
		size_t i;

		if (cp == 0xFFFFFFFF)
			die("%s: expected U+XXXX, got \"%s\"", field, v);
		while (*e && *e != ' ')
			e++; /* <sources */
		while (*e == ' ')
			e++;
		v = e;
		if (cp == self)
			continue;
		for (i = 0; i < r->nvar && r->var[i].cp != cp; i++)
			;
		if (i == r->nvar) {
			r->var = grow(r->var, &r->varcap, r->nvar + 1, sizeof(*r->var));
			r->var[r->nvar].cp = cp;
			r->var[r->nvar++].kinds = 0;
		}
		r->var[i].kinds |= kind;
	}
}

/* ---- shape, dictionary data, frequency --------------------------------- */

/* The leading decimal number of s, at most `max`; dies on anything else. */
static unsigned long leading_number(const char *s, const char **end,
				    unsigned long max, const char *field)
{
	char *e;
	unsigned long v;

	if (*s < '0' || *s > '9')
		die("%s: expected a number, got \"%s\"", field, s);
	v = strtoul(s, &e, 10);
	if (v > max)
		die("%s: %lu is out of range", field, v);
	if (end)
		*end = e;
	return v;
}

/* kRSUnicode, first value: `157.6`, `120'.9`, `96.-1`. */
static void parse_rs(struct rec *r, const char *v)
{
	const char *e;
	long residual;
	int neg = 0;

	r->radical = (uint8_t)leading_number(v, &e, 214, "kRSUnicode");
	r->simplified = 0;
	while (*e == '\'' && r->simplified < 2) {
		r->simplified++;
		e++;
	}
	if (*e++ != '.')
		die("kRSUnicode: expected radical.strokes, got \"%s\"", v);
	if (*e == '-') {
		neg = 1;
		e++;
	}
	residual = (long)leading_number(e, &e, 255, "kRSUnicode");
	if (*e && *e != ' ')
		die("kRSUnicode: trailing \"%s\"", e);
	if (neg && residual) {
		clamped++;
		residual = 0;
	}
	r->residual = (uint8_t)residual;
}

/* The first space-separated value of v, interned in `strings`, after
 * checking that it is made only of the characters in `allowed`. */
static int32_t first_string(const char *v, const char *allowed, const char *field)
{
	size_t n = strcspn(v, " ");
	char buf[32];

	if (!n || n >= sizeof(buf) || strspn(v, allowed) < n)
		die("%s: unexpected value \"%s\"", field, v);
	memcpy(buf, v, n);
	buf[n] = 0;
	return (int32_t)intern(&strings, buf, n + 1);
}

/* ---- input ------------------------------------------------------------- */

/* Every field kept, and how many lines gave it (all must be seen). */
static const char *const kept_fields[] = {
	"kMandarin", "kHanyuPinlu", "kXHC1983", "kTGHZ2013", "kHanyuPinyin",
	"kTraditionalVariant", "kSimplifiedVariant", "kSemanticVariant",
	"kSpecializedSemanticVariant", "kZVariant", "kSpoofingVariant",
	"kTotalStrokes", "kRSUnicode", "kCangjie", "kFourCornerCode",
	"kPhonetic", "kFrequency",
};
#define NKEPT (sizeof(kept_fields) / sizeof(kept_fields[0]))
static unsigned long seen[NKEPT];
static char unicode_version[32];

static void take(uint32_t cp, const char *field, const char *v)
{
	struct rec *r;
	size_t f, i;

	for (f = 0; f < NKEPT && strcmp(kept_fields[f], field); f++)
		;
	if (f == NKEPT)
		return;
	seen[f]++;
	r = rec_of(cp);
	for (i = 0; i < NREADING_FIELDS; i++)
		if (!strcmp(field, reading_fields[i])) {
			parse_readings(r, (int)i, v);
			return;
		}
	for (i = 0; i < NVARIANT_FIELDS; i++)
		if (!strcmp(field, variant_fields[i].field)) {
			parse_variants(r, cp, variant_fields[i].kind, field, v);
			return;
		}
	if (!strcmp(field, "kTotalStrokes")) {
		r->strokes = (uint8_t)leading_number(v, NULL, 255, field);
		r->has_shape = 1;
	} else if (!strcmp(field, "kRSUnicode")) {
		parse_rs(r, v);
		r->has_shape = 1;
	} else if (!strcmp(field, "kCangjie")) {
		r->cangjie = first_string(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", field);
	} else if (!strcmp(field, "kFourCornerCode")) {
		r->four_corner = first_string(v, "0123456789.", field);
	} else if (!strcmp(field, "kPhonetic")) {
		/* `954 1156`, `103*`, `1053A`: the first class number */
		r->phonetic = (uint16_t)leading_number(v, NULL, UINT16_MAX, field);
	} else if (!strcmp(field, "kFrequency")) {
		r->frequency = (uint8_t)leading_number(v, NULL, 5, field);
		if (!r->frequency)
			die("kFrequency: 0");
	}
}

/* The "# Unicode version: 15.0.0" header line of each file. */
static void comment(const char *line)
{
	static const char tag[] = "# Unicode version: ";
	const char *v;

	if (strncmp(line, tag, sizeof(tag) - 1))
		return;
	v = line + sizeof(tag) - 1;
	if (!unicode_version[0])
		snprintf(unicode_version, sizeof(unicode_version), "%s", v);
	else if (strcmp(unicode_version, v))
		die("files of Unicode %s and %s mixed", unicode_version, v);
}

static void read_input(FILE *in)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, in)) > 0) {
		char *field, *value, *e;
		uint32_t cp;
		const char *end;

		lineno++;
		if (line[n - 1] != '\n')
			die("last line cut short: is a file truncated?");
		line[--n] = 0;
		if (n && line[n - 1] == '\r')
			line[--n] = 0;
		if (!n)
			continue;
		if (line[0] == '#') {
			comment(line);
			continue;
		}
		cp = parse_cp(line, &end);
		if (cp == 0xFFFFFFFF || *end != '\t')
			die("expected U+XXXX<TAB>field<TAB>value");
		field = (char *)end + 1;
		e = strchr(field, '\t');
		if (!e || e == field || !e[1])
			die("expected U+XXXX<TAB>field<TAB>value");
		*e = 0;
		value = e + 1;
		take(cp, field, value);
	}
	if (ferror(in))
		die("read error");
	free(line);
	lineno = 0;
}

/* ---- output ------------------------------------------------------------ */

static void print_u32s(const char *type, const char *name, const uint32_t *v, size_t n)
{
	size_t i;

	printf("const %s scd_chardata__%s[%zu] = {\n", type, name, n ? n : 1);
	for (i = 0; i < n; i++)
		printf("%lu,%s", (unsigned long)v[i], i % 20 == 19 || i + 1 == n ? "\n" : "");
	printf("%s};\n", n ? "" : "0\n");
}

/* Bytes as one string literal, in lines of about 76 columns; NULs are
 * "\000" so that a digit after one is not read as octal. */
static void print_bytes(const char *name, const unsigned char *p, size_t n)
{
	size_t i, col = 0;

	printf("const char scd_chardata__%s[%zu] =\n\"", name, n + 1);
	for (i = 0; i < n; i++) {
		if (p[i] == 0) {
			fputs("\\000", stdout);
			col += 4;
		} else if (p[i] < 0x20 || p[i] >= 0x7F || p[i] == '"' || p[i] == '\\' ||
			   p[i] == '?') {
			printf("\\%03o", p[i]);
			col += 4;
		} else {
			putchar(p[i]);
			col++;
		}
		if (col >= 72 && i + 1 < n) {
			fputs("\"\n\"", stdout);
			col = 0;
		}
	}
	printf("\";\n");
}

enum { COL_READINGS, COL_VARIANTS, COL_CANGJIE, COL_FOUR_CORNER, COL_PHONETIC,
       COL_FREQUENCY, NCOL };
static const char *const col_names[NCOL] = {
	"readings", "variants", "cangjie", "four_corner", "phonetic", "frequency"
};

static int has(const struct rec *r, int col)
{
	switch (col) {
	case COL_READINGS: return r->nrd > 0;
	case COL_VARIANTS: return r->nvar > 0;
	case COL_CANGJIE: return r->cangjie >= 0;
	case COL_FOUR_CORNER: return r->four_corner >= 0;
	case COL_PHONETIC: return r->phonetic > 0;
	default: return r->frequency > 0 || r->pinlu > 0;
	}
}

static int by_source(const void *pa, const void *pb)
{
	const struct reading *a = pa, *b = pb;

	if (a->source != b->source)
		return a->source - b->source;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int by_cp(const void *pa, const void *pb)
{
	const struct link *a = pa, *b = pb;

	return a->cp < b->cp ? -1 : a->cp > b->cp;
}

static int by_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

/* Accumulates a uint32 table before printing it. */
struct u32s {
	uint32_t *v;
	size_t n, cap;
};

static void push(struct u32s *a, uint32_t x)
{
	a->v = grow(a->v, &a->cap, a->n + 1, sizeof(*a->v));
	a->v[a->n++] = x;
}

static void write_tables(void)
{
	uint32_t *order = xrealloc(NULL, nrecs * sizeof(*order)); /* record → recs index */
	size_t nwords = (nrecs + 63) / 64, i, j, cp, col;
	struct intern sets = { 0 }, shapes = { 0 };
	struct u32s ranges = { 0 }, shape_id = { 0 }, set_start = { 0 },
		    set_syl = { 0 }, reading_set = { 0 }, var_start = { 0 }, vars = { 0 },
		    cangjie = { 0 }, four_corner = { 0 }, phonetic = { 0 },
		    frequency = { 0 }, pinlu = { 0 }, score = { 0 }, syl_off = { 0 };
	uint32_t pinlu_max = 0;
	double level_score[6] = { 0 };
	size_t n = 0, npairs = 0;

	/* records in code point order, and their ranges */
	for (cp = 0; cp < NCP; cp++) {
		if (slot_of[cp] < 0)
			continue;
		if (!n || cp != ranges.v[ranges.n - 3] + ranges.v[ranges.n - 2]) {
			push(&ranges, (uint32_t)cp);
			push(&ranges, 0);
			push(&ranges, (uint32_t)n);
		}
		ranges.v[ranges.n - 2]++;
		order[n++] = (uint32_t)slot_of[cp];
	}

	/* the string pool: syllables first, then Cangjie and four-corner
	 * codes; offsets into it are fixed up below */
	for (i = 0; i < syllables.n; i++)
		push(&syl_off, (uint32_t)syllables.start[i]);

	for (i = 0; i < nrecs; i++) {
		const struct rec *r = &recs[order[i]];
		uint32_t s;

		if (r->pinlu > pinlu_max)
			pinlu_max = r->pinlu;
		if (!r->has_shape)
			s = 0;
		else
			s = (uint32_t)r->strokes | (uint32_t)r->radical << 8 |
			    (uint32_t)r->residual << 16 | (uint32_t)r->simplified << 24;
		j = intern(&shapes, &s, sizeof(s));
		if (j > UINT16_MAX)
			die("more than 65535 distinct shapes");
		push(&shape_id, (uint32_t)j);
	}

	/*
	 * What a kFrequency level is worth on the kHanyuPinlu scale: the median
	 * log-scaled count of the characters that have both.  Levels nobody
	 * was counted at fall back on the lowest score seen.
	 */
	{
		double *sc = xrealloc(NULL, (nrecs + 1) * sizeof(*sc)), low = 1;
		int lv;

		for (lv = 1; lv <= 5; lv++) {
			size_t m = 0;

			for (i = 0; i < nrecs; i++) {
				const struct rec *r = &recs[i];
				if (r->frequency == lv && r->pinlu)
					sc[m++] = log1p(r->pinlu) / log1p(pinlu_max);
			}
			qsort(sc, m, sizeof(*sc), by_double);
			level_score[lv] = m ? (m % 2 ? sc[m / 2] : (sc[m / 2 - 1] + sc[m / 2]) / 2) : -1;
			if (m && sc[0] < low)
				low = sc[0];
		}
		for (lv = 1; lv <= 5; lv++)
			if (level_score[lv] < 0)
				level_score[lv] = low;
		free(sc);
	}

	push(&set_start, 0);
	push(&var_start, 0);
	for (i = 0; i < nrecs; i++) {
		struct rec *r = &recs[order[i]];

		if (r->nrd) {
			uint16_t ids[64];
			size_t k, m = 0;

			qsort(r->rd, r->nrd, sizeof(*r->rd), by_source);
			for (j = 0; j < r->nrd; j++) {
				for (k = 0; k < m && ids[k] != r->rd[j].syl; k++)
					;
				if (k == m) {
					if (m == sizeof(ids) / sizeof(ids[0]))
						die("U+%04X: more than 64 readings", (unsigned int)r->cp);
					ids[m++] = r->rd[j].syl;
				}
			}
			npairs += m;
			k = sets.n;
			j = intern(&sets, ids, m * sizeof(ids[0]));
			if (j > UINT16_MAX)
				die("more than 65535 distinct reading lists");
			if (j == k) {
				for (k = 0; k < m; k++)
					push(&set_syl, ids[k]);
				push(&set_start, (uint32_t)set_syl.n);
			}
			push(&reading_set, (uint32_t)j);
		}
		if (r->nvar) {
			qsort(r->var, r->nvar, sizeof(*r->var), by_cp);
			for (j = 0; j < r->nvar; j++)
				push(&vars, r->var[j].cp | r->var[j].kinds << 21);
			push(&var_start, (uint32_t)vars.n);
		}
		if (r->cangjie >= 0)
			push(&cangjie, (uint32_t)(syllables.len + strings.start[r->cangjie]));
		if (r->four_corner >= 0)
			push(&four_corner, (uint32_t)(syllables.len + strings.start[r->four_corner]));
		if (r->phonetic)
			push(&phonetic, r->phonetic);
		if (has(r, COL_FREQUENCY)) {
			double f = r->pinlu ? log1p(r->pinlu) / log1p(pinlu_max)
					    : level_score[r->frequency];
			push(&frequency, r->frequency);
			push(&pinlu, r->pinlu);
			push(&score, (uint32_t)lround(f * 65535));
		}
	}

	printf("/* Generated by tools/gen_unihan.c from Unihan (Unicode %s, Debian's\n"
	       " * unicode-data): %zu characters.  Do not edit; see src/text/chardata.c. */\n"
	       "#include <stdint.h>\n\n",
	       unicode_version[0] ? unicode_version : "?", nrecs);

	printf("/* records: [first code point, count, first record] per run */\n"
	       "const uint32_t scd_chardata__nranges = %zu;\n"
	       "const uint32_t scd_chardata__ranges[%zu] = {\n", ranges.n / 3, ranges.n);
	for (i = 0; i < ranges.n; i += 3)
		printf("0x%lX,%lu,%lu,\n", (unsigned long)ranges.v[i],
		       (unsigned long)ranges.v[i + 1], (unsigned long)ranges.v[i + 2]);
	printf("};\n");
	printf("const uint32_t scd_chardata__nrecords = %zu;\n\n", nrecs);

	printf("/* per sparse column: presence bit per record, and the bits set\n"
	       " * in the words before each word */\n");
	for (col = 0; col < NCOL; col++) {
		uint32_t total = 0;

		printf("const uint64_t scd_chardata__%s_bits[%zu] = {\n", col_names[col], nwords);
		for (i = 0; i < nwords; i++) {
			uint64_t w = 0;
			for (j = 0; j < 64 && i * 64 + j < nrecs; j++)
				if (has(&recs[order[i * 64 + j]], (int)col))
					w |= (uint64_t)1 << j;
			printf("0x%llxu,%s", (unsigned long long)w, i % 8 == 7 ? "\n" : "");
		}
		printf("\n};\nconst uint32_t scd_chardata__%s_rank[%zu] = {\n", col_names[col], nwords);
		for (i = 0; i < nwords; i++) {
			printf("%lu,%s", (unsigned long)total, i % 16 == 15 ? "\n" : "");
			for (j = 0; j < 64 && i * 64 + j < nrecs; j++)
				total += (uint32_t)has(&recs[order[i * 64 + j]], (int)col);
		}
		printf("\n};\n");
	}

	printf("\n/* shape per record: an index in shapes, each strokes | radical << 8 |\n"
	       " * residual strokes << 16 | radical simplified << 24 (0: unknown) */\n");
	{
		uint32_t *sv = xrealloc(NULL, shapes.n * sizeof(*sv));
		for (i = 0; i < shapes.n; i++)
			memcpy(&sv[i], item(&shapes, i), sizeof(*sv));
		print_u32s("uint16_t", "shape_id", shape_id.v, shape_id.n);
		print_u32s("uint32_t", "shapes", sv, shapes.n);
		free(sv);
	}

	printf("\n/* strings: toneless syllables, then Cangjie and four-corner codes */\n");
	{
		unsigned char *pool = xrealloc(NULL, syllables.len + strings.len);
		memcpy(pool, syllables.data, syllables.len);
		memcpy(pool + syllables.len, strings.data, strings.len);
		print_bytes("strings", pool, syllables.len + strings.len);
		free(pool);
	}
	print_u32s("uint32_t", "syllables", syl_off.v, syl_off.n);

	printf("\n/* readings column: a reading list per character; list i is\n"
	       " * syllables set_syllables[set_start[i] .. set_start[i + 1]) */\n");
	print_u32s("uint16_t", "reading_set", reading_set.v, reading_set.n);
	print_u32s("uint32_t", "set_start", set_start.v, set_start.n);
	print_u32s("uint16_t", "set_syllables", set_syl.v, set_syl.n);

	printf("\n/* variants column: character i's links are variants[var_start[i] ..\n"
	       " * var_start[i + 1]), each code point | SCD_VARIANT_* bits << 21 */\n");
	print_u32s("uint32_t", "var_start", var_start.v, var_start.n);
	print_u32s("uint32_t", "variants", vars.v, vars.n);

	printf("\n/* Cangjie and four-corner columns: offsets in strings */\n");
	print_u32s("uint32_t", "cangjie", cangjie.v, cangjie.n);
	print_u32s("uint32_t", "four_corner", four_corner.v, four_corner.n);
	printf("\n/* phonetic column: kPhonetic class */\n");
	print_u32s("uint16_t", "phonetic", phonetic.v, phonetic.n);
	printf("\n/* frequency column: kFrequency level (0 none) and kHanyuPinlu total */\n");
	print_u32s("uint8_t", "frequency", frequency.v, frequency.n);
	print_u32s("uint32_t", "pinlu", pinlu.v, pinlu.n);
	printf("/* frequency score in 1/65535ths: log(1 + kHanyuPinlu) / log(1 + %lu),\n"
	       " * else by kFrequency level 1-5: %.4f %.4f %.4f %.4f %.4f */\n",
	       (unsigned long)pinlu_max, level_score[1], level_score[2], level_score[3],
	       level_score[4], level_score[5]);
	print_u32s("uint16_t", "score", score.v, score.n);

	fprintf(stderr, "gen_unihan: Unicode %s: %zu characters in %zu ranges; "
		"%zu syllables, %zu characters with readings (%zu readings, %zu distinct lists), "
		"%zu with variants (%zu links), %zu shapes, %zu Cangjie, %zu four-corner, "
		"%zu phonetic, %zu frequency; %lu negative residual stroke counts read as 0\n",
		unicode_version, nrecs, ranges.n / 3, syllables.n, reading_set.n, npairs,
		sets.n, var_start.n - 1, vars.n, shapes.n, cangjie.n, four_corner.n,
		phonetic.n, frequency.n, clamped);
	fprintf(stderr, "gen_unihan: fields:");
	for (i = 0; i < NKEPT; i++)
		fprintf(stderr, " %s %lu", kept_fields[i], seen[i]);
	fputc('\n', stderr);
	free(order);
	free(sets.data), free(sets.start), free(sets.slot);
	free(shapes.data), free(shapes.start), free(shapes.slot);
	free(ranges.v), free(shape_id.v), free(set_start.v), free(set_syl.v);
	free(reading_set.v), free(var_start.v), free(vars.v), free(cangjie.v);
	free(four_corner.v), free(phonetic.v), free(frequency.v), free(pinlu.v);
	free(score.v), free(syl_off.v);
}

int main(int argc, char **argv)
{
	size_t i;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: bzcat Unihan_*.txt.bz2 | gen_unihan > unihan.c\n");
		return 2;
	}
	slot_of = xrealloc(NULL, NCP * sizeof(*slot_of));
	memset(slot_of, 0xFF, NCP * sizeof(*slot_of));
	read_input(stdin);
	for (i = 0; i < NKEPT; i++)
		if (!seen[i])
			die("no %s in the input: are all five Unihan files there?", kept_fields[i]);
	write_tables();
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}

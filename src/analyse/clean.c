/*
 * The cleanup pass (clean.h).
 *
 * 1. Cut the text into lines and give each a role from its first and last
 *    characters: Markdown markers, headings, list and numbered items,
 *    datelines, captions and page notes either stand alone, start a
 *    paragraph, or end one.
 * 2. Group lines into paragraphs: a line is joined to the next (across at
 *    most one blank line) when neither role forbids it, the line does not
 *    end a sentence, and the paragraph is prose — it has clause
 *    punctuation, or a dictionary word runs across the break (切|断), or
 *    the line ends on a character that binds to what follows (的, 关于).
 *    Without one of those a short unpunctuated line is taken for a
 *    heading: headings in corpora/ are printed without punctuation, wrapped
 *    prose almost never is.
 * 3. Inside paragraphs whose Han characters outnumber their Latin letters
 *    ("Chinese"), turn half-width punctuation next to Chinese characters
 *    full-width and dashes into the house style, then remove spaces that
 *    touch a Chinese character on one side and a Chinese character, digit
 *    or Chinese quote mark on the other.
 * 4. Ask check.c for traditional forms and likely slips: it decides
 *    whether the text is simplified (then traditional forms are changed)
 *    and how sure each slip is (applied only with fix_ocr).
 * 5. Add the caller's known readings, drop what overlaps them, and write
 *    the text with every applied change.
 *
 * Every rule looks only at characters that it and the other rules leave
 * as they are (or at their converted form), so the cleaned text gives the
 * same decisions and no further change: cleaning is idempotent.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "scodiff/clean.h"
#include "scodiff/check.h"
#include "scodiff/evidence.h"
#include "scodiff/normalize.h"
#include "text/opencc.h"
#include "text/segment.h"
#include "util/array.h"
#include "util/error.h"

static const char *const kind_names[SCD_CLEAN__COUNT] = {
	"reflow", "space", "punct", "variant", "ocr", "reading"
};

const char *scd_clean_kind_name(scd_clean_kind kind)
{
	return (unsigned)kind < SCD_CLEAN__COUNT ? kind_names[kind] : "?";
}

int scd_clean_kind_from_name(const char *name)
{
	int k;

	for (k = 0; k < SCD_CLEAN__COUNT; k++)
		if (!strcmp(name, kind_names[k]))
			return k;
	return -1;
}

/* ---- characters ------------------------------------------------------ */

static int is_han(uint32_t c)
{
	return u_hasBinaryProperty((UChar32)c, UCHAR_IDEOGRAPHIC) != 0;
}

/* Characters of Chinese (and Japanese) text that take no spaces around
 * them: ideographs, kana, CJK punctuation and the full-width forms. */
static int is_cjk(uint32_t c)
{
	return is_han(c) || (c >= 0x3001 && c <= 0x30FF) ||
	       (c >= 0xFF01 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFEE);
}

/* Punctuation Chinese text shares with Western text: quotes, the dash,
 * the ellipsis, the middle dot.  Spaces next to them go only when the
 * other side is Chinese. */
static int is_shared_punct(uint32_t c)
{
	return (c >= 0x2018 && c <= 0x201F) || c == 0x2014 || c == 0x2026 || c == 0xB7;
}

static int is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static int is_latin(uint32_t c)
{
	return (c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) ||
	       (c >= 0xC0 && c < 0x250 && c != 0xD7 && c != 0xF7);
}

/* Dashes that Chinese text prints for the dash —— and the connector —
 * (not the ASCII hyphen, which joins Latin words, and not box drawing,
 * which draws rules and tables). */
static int is_dash(uint32_t c)
{
	return c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015 ||
	       c == 0xFF0D || c == 0x2E3A || c == 0x2E3B || c == 0xFE58;
}

/* The full-width form of ASCII punctuation Chinese text writes full-width. */
static uint32_t fullwidth_of(uint32_t c)
{
	switch (c) {
	case ',': return 0xFF0C;
	case ';': return 0xFF1B;
	case ':': return 0xFF1A;
	case '?': return 0xFF1F;
	case '!': return 0xFF01;
	case '(': return 0xFF08;
	case ')': return 0xFF09;
	default: return 0;
	}
}

/* Clause punctuation: what prose has and headings do not. */
static int is_clause_punct(uint32_t c)
{
	return c == 0xFF0C || c == 0x3001 || c == 0x3002 || c == 0xFF1B ||
	       c == 0xFF1A || c == 0xFF01 || c == 0xFF1F || c == ',' ||
	       c == ';' || c == ':';
}

/*
 * Characters that bind to what follows them (structural particles,
 * conjunctions, prepositions): a line ending in one is inside a phrase, so
 * even an unpunctuated title wraps there (…理事会关于 | 第二次…的声明).
 */
static int binds_forward(uint32_t c)
{
	static const uint32_t set[] = {
		0x7684 /* 的 */, 0x548C /* 和 */, 0x4E0E /* 与 */, 0x53CA /* 及 */,
		0x6216 /* 或 */, 0x5728 /* 在 */, 0x5BF9 /* 对 */, 0x5C06 /* 将 */,
		0x4E8E /* 于 */, 0x4E3A /* 为 */, 0x4ECE /* 从 */, 0x5411 /* 向 */,
		0x628A /* 把 */, 0x88AB /* 被 */, 0x5E76 /* 并 */, 0x800C /* 而 */,
		0x7B2C /* 第, before a number */
	};
	size_t i;

	for (i = 0; i < sizeof(set) / sizeof(*set); i++)
		if (set[i] == c)
			return 1;
	return 0;
}

/* The code point at t[*i], advancing *i (the text is valid UTF-8). */
static uint32_t next_cp(const char *t, size_t n, size_t *i)
{
	UChar32 c;
	int32_t k = (int32_t)*i;

	U8_NEXT((const uint8_t *)t, k, (int32_t)n, c);
	*i = (size_t)k;
	return c < 0 ? 0xFFFD : (uint32_t)c;
}

/* The code point ending at t[*i], moving *i back to its start. */
static uint32_t prev_cp(const char *t, size_t *i)
{
	UChar32 c;
	int32_t k = (int32_t)*i;

	U8_PREV((const uint8_t *)t, 0, k, c);
	*i = (size_t)k;
	return c < 0 ? 0xFFFD : (uint32_t)c;
}

static uint32_t cp_at(const char *t, size_t n, size_t i)
{
	return next_cp(t, n, &i);
}

/* ---- lines and their roles ------------------------------------------- */

enum {
	ROLE_BLANK = 1,    /* nothing but spaces */
	ROLE_ALONE = 2,    /* never joined to a neighbour */
	ROLE_START = 4,    /* starts a paragraph */
	ROLE_END = 8,      /* ends a paragraph */
	ROLE_VERBATIM = 16 /* no character rules either (code, rules, tables) */
};

typedef struct {
	uint32_t beg, end;   /* the line without its break */
	uint32_t next;       /* start of the next line */
	uint32_t cbeg, cend; /* the line without leading and trailing spaces */
	unsigned role;
} line;

typedef struct {
	size_t first, last; /* lines */
	int chinese;
} para;

/* Does s[0..n) start with the UTF-8 string p? */
static int starts(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);
	return n >= k && !memcmp(s, p, k);
}

static int ends(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);
	return n >= k && !memcmp(s + n - k, p, k);
}

/* Chinese numerals of section numbers and list markers. */
static int is_cn_numeral(uint32_t c)
{
	static const char digits[] = "一二三四五六七八九十百零〇";
	size_t i = 0, n = sizeof(digits) - 1;

	while (i < n)
		if (next_cp(digits, n, &i) == c)
			return 1;
	return 0;
}

/* Markdown: heading, block quote, list item, fence, table row, rule. */
static unsigned markdown_role(const char *s, size_t n, int *in_fence)
{
	size_t i = 0, k;

	if (starts(s, n, "```") || starts(s, n, "~~~")) {
		*in_fence = !*in_fence;
		return ROLE_ALONE | ROLE_VERBATIM;
	}
	if (*in_fence)
		return ROLE_ALONE | ROLE_VERBATIM;
	while (i < n && i < 6 && s[i] == '#')
		i++;
	if (i > 0 && (i == n || s[i] == ' '))
		return ROLE_ALONE;
	if (s[0] == '>' || s[0] == '|')
		return ROLE_ALONE | ROLE_VERBATIM;
	if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
		return ROLE_START;
	/* a thematic break: ***, ---, ___ (or \*\*\*, escaped) */
	for (i = k = 0; i < n; i++) {
		if (s[i] == '*' || s[i] == '-' || s[i] == '_')
			k++;
		else if (s[i] != '\\' && s[i] != ' ')
			break;
	}
	if (i == n && k >= 3)
		return ROLE_ALONE | ROLE_VERBATIM;
	return 0;
}

/* Does s[0..n) start with a year (9.2024 年… is item 9, not a decimal)? */
static int year_after(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && is_digit((uint8_t)s[i]))
		i++;
	while (i < n && s[i] == ' ')
		i++;
	return i >= 4 && starts(s + i, n - i, "年");
}

/* The role of a line from its content s[0..n) (trimmed). */
static unsigned line_role(const char *s, size_t n, int *in_fence)
{
	unsigned role = 0;
	size_t i = 0, j, chars = 0;
	uint32_t c, last = 0;
	int all_numerals = 1, has_clause = 0;

	if (n == 0)
		return *in_fence ? ROLE_BLANK | ROLE_VERBATIM : ROLE_BLANK;
	if ((role = markdown_role(s, n, in_fence)) != 0)
		return role & ROLE_ALONE ? role : role | (scd_segment_ends_sentence(s, 0, n) ? ROLE_END : 0);
	while (i < n) {
		c = next_cp(s, n, &i);
		last = c;
		chars++;
		all_numerals &= is_cn_numeral(c);
		has_clause |= is_clause_punct(c);
	}
	/* a section number alone: 一, 二, 十二 */
	if (all_numerals && chars <= 3)
		return ROLE_ALONE;
	/* a page note or dateline in brackets: （下转第四版） (新华社…电) */
	c = cp_at(s, n, 0);
	if ((c == '(' || c == 0xFF08) && (last == ')' || last == 0xFF09)) {
		int depth = 0;
		for (i = 0; i < n;) {
			uint32_t d = next_cp(s, n, &i);
			depth += (d == '(' || d == 0xFF08) - (d == ')' || d == 0xFF09);
			if (depth == 0)
				break;
		}
		if (i == n)
			return ROLE_ALONE;
	}
	/* continuation notes without brackets: 上接一版, 下转第六版 */
	if ((starts(s, n, "上接") || starts(s, n, "下转")) && chars <= 12)
		return ROLE_ALONE;
	/* a date line closing a statement: 2025 年 9 月 1 日 天津 */
	for (i = 0; i < n && (is_digit((uint8_t)s[i]) || s[i] == ' '); i++)
		;
	if (i > 0 && starts(s + i, n - i, "年") && !has_clause && chars <= 24)
		for (j = i; j < n; j++)
			if (starts(s + j, n - j, "日"))
				return ROLE_ALONE;
	/* numbered and bulleted items: 1. 12、 一、 （一） ① ● */
	for (i = 0; i < n && is_digit((uint8_t)s[i]); i++)
		;
	if (i > 0 && i < n &&
	    ((s[i] == '.' && (!(i + 1 < n && is_digit((uint8_t)s[i + 1])) ||
			      year_after(s + i + 1, n - i - 1))) ||
	     starts(s + i, n - i, "、") || starts(s + i, n - i, "．") || s[i] == ')' ||
	     starts(s + i, n - i, "）")))
		{ role = ROLE_START; goto ending; }
	for (i = j = 0; j < n;) {
		c = next_cp(s, n, &j);
		if (!is_cn_numeral(c))
			break;
		i = j;
	}
	if (i > 0 && starts(s + i, n - i, "、"))
		{ role = ROLE_START; goto ending; }
	if (c == '(' || c == 0xFF08) {
		j = 0;
		next_cp(s, n, &j);
		i = j;
		while (j < n && is_cn_numeral(cp_at(s, n, j)))
			next_cp(s, n, &j);
		if (j > i && j < n && (s[j] == ')' || starts(s + j, n - j, "）")))
			{ role = ROLE_START; goto ending; }
	}
	c = cp_at(s, n, 0);
	if ((c >= 0x2460 && c <= 0x249B) || (c >= 0x2776 && c <= 0x2793) ||
	    c == 0x25CF || c == 0x2022 || c == 0x25C6 || c == 0x25C7 ||
	    c == 0x25A0 || c == 0x25A1 || c == 0x25B2 || c == 0x25B3 ||
	    c == 0x25B6 || c == 0x25BA || c == 0x25CB || c == 0x25CE ||
	    c == 0x2605 || c == 0x2606)
		{ role = ROLE_START; goto ending; }
	/* datelines and lines led by a dash (attributions, subtitles) */
	if (starts(s, n, "新华社") || starts(s, n, "据新华社") ||
	    starts(s, n, "本报") || starts(s, n, "中新社") ||
	    (is_dash(c) && chars > 1 && is_dash(cp_at(s, n, strlen("—")))))
		{ role = ROLE_START; goto ending; }
ending:
	/* a photo caption ends with its credit: 新华社记者 翟健岚摄 */
	if (ends(s, n, "摄") || ends(s, n, "供图"))
		role |= ROLE_END;
	/* a line ending a sentence: 。 ！ ？ ； ： or one of them closed: 。” */
	if (scd_segment_ends_sentence(s, 0, n))
		role |= ROLE_END;
	return role;
}

/* ---- the cleaner ----------------------------------------------------- */

typedef struct {
	scd_clean_kind kind;
	uint32_t beg, end;
	size_t text;        /* offset into the arena */
	const char *reason; /* static, or NULL: at reason_at in the arena */
	size_t reason_at;
	double confidence;
	int applied;
	int rank;           /* who wins an overlap: reading > check > rules */
} item;

typedef struct {
	const char *t;
	size_t n;
	const scd_clean_options *o;
	line *lines;
	size_t nlines, lcap;
	item *items;
	size_t nitems, icap;
	char *arena;
	size_t alen, acap;
	uint8_t *fw;        /* byte marks: punctuation turned full-width here */
	scd_evidence *ev;   /* ICU's dictionary, for words across a break */
} cleaner;

static int arena_put(cleaner *k, const char *s, size_t n, size_t *at)
{
	int error;

	if ((error = scd_array__reserve(&k->arena, &k->acap, k->alen + n + 1, 1)) < 0)
		return error;
	memcpy(k->arena + k->alen, s, n);
	k->arena[k->alen + n] = '\0';
	*at = k->alen;
	k->alen += n + 1;
	return 0;
}

static int add(cleaner *k, scd_clean_kind kind, size_t beg, size_t end,
	       const char *text, size_t tlen, const char *reason,
	       double confidence, int applied, int rank)
{
	item *it;
	int error;

	if ((error = scd_array_grow(k->items, k->nitems, k->icap)) < 0)
		return error;
	it = &k->items[k->nitems];
	memset(it, 0, sizeof(*it));
	if ((error = arena_put(k, text, tlen, &it->text)) < 0)
		return error;
	it->kind = kind;
	it->beg = (uint32_t)beg;
	it->end = (uint32_t)end;
	it->reason = reason;
	it->confidence = confidence;
	it->applied = applied;
	it->rank = rank;
	k->nitems++;
	return 0;
}

static int add_cp(cleaner *k, scd_clean_kind kind, size_t beg, size_t end,
		  uint32_t c, const char *reason)
{
	char buf[8];
	int32_t m = 0;

	U8_APPEND_UNSAFE((uint8_t *)buf, m, (UChar32)c);
	return add(k, kind, beg, end, buf, (size_t)m, reason, 1.0, 1, 0);
}

static int cut_lines(cleaner *k)
{
	size_t i = 0;
	int in_fence = 0, error;

	while (i < k->n) {
		scd_segment_line sl;
		line *l;
		if ((error = scd_array_grow(k->lines, k->nlines, k->lcap)) < 0)
			return error;
		scd_segment_line_at(&sl, k->t, k->n, i);
		l = &k->lines[k->nlines++];
		l->beg = (uint32_t)sl.beg;
		l->end = (uint32_t)sl.end;
		l->next = (uint32_t)sl.next;
		l->cbeg = (uint32_t)sl.cbeg;
		l->cend = (uint32_t)sl.cend;
		l->role = line_role(k->t + l->cbeg, l->cend - l->cbeg, &in_fence);
		i = l->next;
	}
	return 0;
}

/* Is there clause punctuation in t[beg..end)? */
static int has_clause(const char *t, size_t beg, size_t end)
{
	while (beg < end)
		if (is_clause_punct(next_cp(t, end, &beg)))
			return 1;
	return 0;
}

/*
 * Does a dictionary word run across the break between a (ending at
 * a_end) and b (starting at b_beg)?  The word ICU finds around a's last
 * Han character grows when b's first characters follow it: 及切 | 断恐.
 */
static int word_across(cleaner *k, size_t a_beg, size_t a_end, size_t b_beg,
		       size_t b_end)
{
	uint32_t w[8];
	size_t na = 0, nb = 0, i = a_end, j;

	while (na < 4 && i > a_beg) {
		size_t p = i;
		uint32_t c = prev_cp(k->t, &i);
		if (!is_han(c)) {
			i = p;
			break;
		}
		na++;
	}
	for (j = 0; j < na;)
		w[j++] = next_cp(k->t, a_end, &i);
	for (i = b_beg; nb < 4 && i < b_end;) {
		uint32_t c = next_cp(k->t, b_end, &i);
		if (!is_han(c))
			break;
		w[na + nb++] = c;
	}
	if (na == 0 || nb == 0)
		return 0;
	return scd_evidence_word_at(k->ev, w, na + nb, na - 1) >
	       scd_evidence_word_at(k->ev, w, na, na - 1);
}

/* The last character of line l's content. */
static uint32_t last_cp(const cleaner *k, const line *l)
{
	size_t i = l->cend;
	return l->cend > l->cbeg ? prev_cp(k->t, &i) : 0;
}

/* Characters of line l other than spaces: its printed width, near enough
 * (a rule turning , into ， leaves it as it is). */
static size_t width(const cleaner *k, const line *l)
{
	size_t i = l->cbeg, w = 0;

	while (i < l->cend)
		w += !scd_segment_is_hspace(next_cp(k->t, l->cend, &i));
	return w;
}

/* The next line after line i, across one blank line at most (two blank
 * lines part paragraphs whatever their text); nlines when none. */
static size_t next_line(const cleaner *k, size_t i)
{
	size_t j = i + 1;

	if (j < k->nlines && (k->lines[j].role & ROLE_BLANK) &&
	    !(k->lines[j].role & ROLE_VERBATIM))
		j++;
	return j;
}

/*
 * Should the paragraph that starts on line `first` and has reached line i
 * continue on line j?
 */
/*
 * Does line i go on into line j?  `clause`: whether the paragraph so far
 * (lines first .. i) holds clause punctuation; the caller carries it
 * forward line by line, since rescanning the paragraph at every line made
 * reflow quadratic (a 1 MB paragraph without clauses took 79 s).
 */
static int joins(cleaner *k, size_t first, size_t i, size_t j, int clause)
{
	const line *l = &k->lines[i], *m = &k->lines[j], *after;
	size_t wl, wm, next;

	if ((l->role & (ROLE_ALONE | ROLE_END | ROLE_BLANK)) ||
	    (m->role & (ROLE_ALONE | ROLE_START | ROLE_BLANK)))
		return 0;
	if (clause || binds_forward(last_cp(k, l)) ||
	    word_across(k, l->cbeg, l->cend, m->cbeg, m->cend))
		return 1;
	/* Latin prose: a line that goes on in lowercase */
	if (u_islower((UChar32)cp_at(k->t, k->n, m->cbeg)) && is_latin(cp_at(k->t, k->n, m->cbeg)) &&
	    (is_latin(last_cp(k, l)) || last_cp(k, l) == ','))
		return 1;
	/* a wrapped sentence that ends on m */
	if (i > first && (m->role & ROLE_END))
		return 1;
	wl = width(k, l);
	wm = width(k, m);
	/*
	 * The tail of a list item: a short unpunctuated line between two
	 * items belongs to the one before (…专家工作组 | 会议).
	 */
	next = next_line(k, j);
	after = next < k->nlines ? &k->lines[next] : NULL;
	if ((k->lines[first].role & ROLE_START) && 2 * wm < wl &&
	    !has_clause(k->t, m->cbeg, m->cend) && after && (after->role & ROLE_START))
		return 1;
	/*
	 * Two lines of a column: m runs on (it ends no sentence) and l is
	 * about as wide as m — not wider, and at least 80% of it (wrapped
	 * lines in corpora/ differ by up to 15% where spaces and numbers
	 * crowd one of them).  A heading is narrower or wider than the column
	 * it heads (in corpora/, 4 to 16 characters over prose lines of 19 to
	 * 150; the one title of column width is 27 over 23).  Lines under 16
	 * characters are not taken for column lines: a dateline over a short
	 * title (新华社天津9月1日电 | 牢记初心使命开创美好未来) would be.
	 */
	return !(m->role & ROLE_END) && wm >= 16 && 10 * wl >= 8 * wm && wl <= wm + 1;
}

/* What stands where a line break is joined away: nothing in Chinese, a
 * space between two words of Latin text. */
static int add_join(cleaner *k, const line *l, const line *m)
{
	uint32_t a = last_cp(k, l), b = cp_at(k->t, k->n, m->cbeg);
	int space = !is_cjk(a) && !is_cjk(b) && !is_shared_punct(a) &&
		    !is_shared_punct(b) && !fullwidth_of(a) && a != '-';

	return add(k, SCD_CLEAN_REFLOW, l->cend, m->cbeg, " ", space ? 1 : 0,
		   "line break inside a sentence", 1.0, 1, 0);
}

/*
 * Paragraphs: join lines and record each paragraph's extent.  Lines keep
 * their own paragraph when reflow is off.
 */
static int find_paras(cleaner *k, para **out, size_t *nout)
{
	para *p = NULL;
	size_t np = 0, cap = 0, i = 0;
	int reflow = (k->o->rules & SCD_CLEAN_RULE(SCD_CLEAN_REFLOW)) != 0, error;

	while (i < k->nlines) {
		size_t first = i;
		int clause = 0;
		if (k->lines[i].role & ROLE_BLANK) {
			i++;
			continue;
		}
		for (;;) {
			size_t j = next_line(k, i);
			clause = clause || has_clause(k->t, k->lines[i].cbeg, k->lines[i].cend);
			if (!reflow || j >= k->nlines || !joins(k, first, i, j, clause))
				break;
			if ((error = add_join(k, &k->lines[i], &k->lines[j])) < 0)
				goto fail;
			i = j;
		}
		if ((error = scd_array_grow(p, np, cap)) < 0)
			goto fail;
		p[np].first = first;
		p[np].last = i;
		p[np].chinese = 0;
		np++;
		i++;
	}
	*out = p;
	*nout = np;
	return 0;
fail:
	free(p);
	return error;
}

/* Han characters outnumber Latin letters in the paragraph. */
static int chinese_para(const cleaner *k, const para *p)
{
	size_t i = k->lines[p->first].cbeg, end = k->lines[p->last].cend,
	       han = 0, latin = 0;

	while (i < end) {
		uint32_t c = next_cp(k->t, end, &i);
		han += is_han(c);
		latin += is_latin(c);
	}
	return han >= 2 && han > latin;
}

/* The nearest character before `at` (after, for next_char) inside
 * [beg, end) that is not space or a line break; 0 when none. */
static uint32_t prev_char(const cleaner *k, size_t beg, size_t at)
{
	while (at > beg) {
		uint32_t c = prev_cp(k->t, &at);
		if (!scd_segment_is_hspace(c) && c != '\n' && c != '\r')
			return c;
	}
	return 0;
}

static uint32_t next_char(const cleaner *k, size_t at, size_t end)
{
	while (at < end) {
		uint32_t c = next_cp(k->t, end, &at);
		if (!scd_segment_is_hspace(c) && c != '\n' && c != '\r')
			return c;
	}
	return 0;
}

/* Is the character at byte i Chinese, as it will be written? */
static int cjk_at(const cleaner *k, size_t i, uint32_t c)
{
	return is_cjk(c) || k->fw[i];
}

/* Is line l (or part of it) to be left exactly as it is? */
static int verbatim(const line *l)
{
	return (l->role & ROLE_VERBATIM) != 0;
}

/*
 * Punctuation in the house style over paragraph [beg, end): ASCII marks
 * touching a Chinese character turn full-width, brackets in pairs;
 * dashes run together become ——, a lone dash the connector —.
 */
static int punct_para(cleaner *k, size_t beg, size_t end)
{
	size_t i = beg;
	int error;

	while (i < end) {
		size_t at = i, j;
		uint32_t c = next_cp(k->t, end, &i), f;
		if (k->fw[at])
			continue; /* the closing half of a pair done below */
		if (c == '(') {
			/* its partner, nested pairs skipped */
			int depth = 0, han = 0;
			size_t close = 0;
			for (j = at; j < end;) {
				size_t q = j;
				uint32_t d = next_cp(k->t, end, &j);
				han |= is_han(d);
				depth += (d == '(') - (d == ')');
				if (depth == 0) {
					close = q;
					break;
				}
			}
			if (!close || !(han || is_cjk(prev_char(k, beg, at)) ||
					is_cjk(next_char(k, close + 1, end))))
				continue;
			k->fw[at] = k->fw[close] = 1;
			if ((error = add_cp(k, SCD_CLEAN_PUNCT, at, at + 1, 0xFF08,
					    "full-width bracket in Chinese text")) < 0 ||
			    (error = add_cp(k, SCD_CLEAN_PUNCT, close, close + 1, 0xFF09,
					    "full-width bracket in Chinese text")) < 0)
				return error;
		} else if (c != '(' && c != ')' && (f = fullwidth_of(c)) != 0) {
			uint32_t a = prev_char(k, beg, at), b = next_char(k, i, end);
			if (!(is_cjk(a) || is_cjk(b)) || (is_digit(a) && is_digit(b)) ||
			    (c == ':' && b == '/'))
				continue;
			k->fw[at] = 1;
			if ((error = add_cp(k, SCD_CLEAN_PUNCT, at, i, f,
					    "full-width punctuation in Chinese text")) < 0)
				return error;
		} else if (is_dash(c)) {
			size_t run = 1, e = i, q;
			int same = c == 0x2014;
			for (q = i; q < end;) {
				size_t s = q;
				uint32_t d = next_cp(k->t, end, &q);
				if (!is_dash(d)) {
					q = s;
					break;
				}
				same &= d == 0x2014;
				run++;
				e = q;
			}
			i = e;
			if (run == 1 && c != 0x2014 &&
			    (error = add_cp(k, SCD_CLEAN_PUNCT, at, e, 0x2014,
					    "connector — in the house style")) < 0)
				return error;
			if (run >= 2 && !(run == 2 && same) &&
			    (error = add(k, SCD_CLEAN_PUNCT, at, e, "——", strlen("——"),
					 "dash —— in the house style", 1.0, 1, 0)) < 0)
				return error;
		}
	}
	return 0;
}

/*
 * Spaces inside the lines of a Chinese paragraph [beg, end): a run goes
 * when it touches a Chinese character on one side and a Chinese character,
 * a digit or shared punctuation on the other; spaces at the paragraph's
 * edges go when its first (last) character is Chinese.
 */
static int space_para(cleaner *k, const para *p)
{
	size_t li;
	int error;

	for (li = p->first; li <= p->last; li++) {
		const line *l = &k->lines[li];
		size_t i = l->cbeg;
		uint32_t prev = 0;
		size_t prev_at = 0;
		if (l->role & (ROLE_BLANK | ROLE_VERBATIM))
			continue;
		if (li == p->first && l->cbeg > l->beg &&
		    cjk_at(k, l->cbeg, cp_at(k->t, k->n, l->cbeg)) &&
		    !memchr(k->t + l->beg, 0xE3, l->cbeg - l->beg) /* keep 　 indents */ &&
		    (error = add(k, SCD_CLEAN_SPACE, l->beg, l->cbeg, "", 0,
				 "spaces before Chinese text", 1.0, 1, 0)) < 0)
			return error;
		if (li == p->last && l->end > l->cend &&
		    (error = add(k, SCD_CLEAN_SPACE, l->cend, l->end, "", 0,
				 "spaces at the end of a line", 1.0, 1, 0)) < 0)
			return error;
		while (i < l->cend) {
			size_t at = i, e;
			uint32_t c = next_cp(k->t, l->cend, &i), b;
			int a_cjk, b_cjk;
			if (!scd_segment_is_hspace(c)) {
				prev = c;
				prev_at = at;
				continue;
			}
			for (e = i; e < l->cend;) {
				size_t s = e;
				if (!scd_segment_is_hspace(next_cp(k->t, l->cend, &e))) {
					e = s;
					break;
				}
			}
			i = e;
			b = cp_at(k->t, k->n, e);
			a_cjk = cjk_at(k, prev_at, prev);
			b_cjk = cjk_at(k, e, b);
			if ((a_cjk && (b_cjk || is_digit(b) || is_shared_punct(b))) ||
			    (b_cjk && (is_digit(prev) || is_shared_punct(prev)))) {
				if ((error = add(k, SCD_CLEAN_SPACE, at, e, "", 0,
						 is_digit(prev) || is_digit(b)
							 ? "space between a number and Chinese text"
							 : "space between Chinese characters",
						 1.0, 1, 0)) < 0)
					return error;
			}
		}
	}
	return 0;
}

/* Traditional forms and likely slips, as check.c finds them. */
static int check_text(cleaner *k, const scd_input *in)
{
	scd_check_options co = SCD_CHECK_OPTIONS_INIT;
	scd_check *chk = NULL;
	/* check.c only reads its inputs; its array is not const-qualified */
	scd_input *inputs[1];
	size_t i;
	int error;

	memcpy(&inputs[0], &in, sizeof(in));
	co.min_confidence = k->o->review_min_confidence;
	if ((error = scd_check_inputs(&chk, inputs, 1, &co)) < 0)
		return error;
	for (i = 0; i < chk->nflags && !error; i++) {
		const scd_flag *f = &chk->flags[i];
		int ocr = f->kind == SCD_KIND_OCR;
		scd_clean_kind kind = ocr ? SCD_CLEAN_OCR : SCD_CLEAN_VARIANT;
		int applied = ocr ? k->o->fix_ocr && f->confidence >= k->o->fix_min_confidence
				  : 1;
		if (!(k->o->rules & SCD_CLEAN_RULE(kind)) || !f->suggest[0] ||
		    (!ocr && k->o->to))
			continue;
		error = add(k, kind, f->span.beg, f->span.end, f->suggest,
			    strlen(f->suggest), f->reason, f->confidence, applied, 1);
	}
	scd_check_free(chk);
	return error;
}

/* ---- --to: OpenCC's conversion ----------------------------------------- */

/* The OpenCC configuration behind a --to target, or NULL. */
static const scd_opencc__config *to_config(const char *to)
{
	static const char *const names[][2] = {
		{ "simplified", "t2s" }, { "traditional", "s2t" },
		{ "tw", "s2twp" }, { "hk", "s2hk" },
	};
	const scd_opencc__config *cfg;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(to, names[i][0]))
			return scd_opencc__find(names[i][1]);
	/* an OpenCC configuration by name; scodiff's folds are not */
	cfg = scd_opencc__find(to);
	return cfg && !scd_opencc__is_fold(cfg) ? cfg : NULL;
}

int scd_clean_target_valid(const char *to)
{
	return to && to_config(to) != NULL;
}

/* The unit of t from output i: [i, *u) from input [*b, *e), grown while
 * the next character's origin overlaps; whether it reads otherwise. */
static int unit(const scd_opencc__text *t, const uint32_t *cps, size_t i,
		size_t *u, size_t *b, size_t *e)
{
	size_t j = i + 1;

	*b = t->beg[i];
	*e = t->end[i];
	while (j < t->len && t->beg[j] < *e) {
		if (t->end[j] > *e)
			*e = t->end[j];
		j++;
	}
	*u = j;
	return j - i != *e - *b || memcmp(t->cp + i, cps + *b, (j - i) * sizeof(*cps)) != 0;
}

/*
 * The changes of one converted stretch: cps[0..n), character i at bytes
 * [off[i], past[i]), converted as t.  A unit is a run of
 * output characters whose origins overlap (a phrase, or what two runs
 * made of one); each unit that reads otherwise is a change, neighbouring
 * changes joined.  Its reason is "script" when the two are one text in
 * simplified characters, else "regional word".
 */
static int emit_converted(cleaner *k, const uint32_t *cps, const uint32_t *off,
			  const uint32_t *past, const scd_opencc__text *t)
{
	size_t i = 0, j, u, b, e, cb, ce, m, q;
	char *buf = NULL;
	int error = 0, script;

	while (i < t->len && error == 0) {
		if (!unit(t, cps, i, &u, &cb, &ce)) {
			i = u;
			continue;
		}
		/* a change: the changed units that follow it join it */
		for (j = u; j < t->len && unit(t, cps, j, &u, &b, &e) && b == ce; j = u)
			ce = e;
		if (!(buf = realloc(buf, 4 * (j - i) + 1))) {
			error = scd_error__nomem();
			break;
		}
		for (m = 0, q = i; q < j; q++)
			U8_APPEND_UNSAFE((uint8_t *)buf, m, (UChar32)t->cp[q]);
		script = j - i == ce - cb;
		for (q = 0; script && q < j - i; q++)
			script = scd_normalize_simplified(t->cp[i + q]) ==
				 scd_normalize_simplified(cps[cb + q]);
		/* from the first character to just past the last: what the
		 * layout rules remove between them goes with the change */
		error = add(k, SCD_CLEAN_VARIANT, off[cb], past[ce - 1], buf, m,
			    script ? "script" : "regional word", 1.0, 1, 1);
		i = j;
	}
	free(buf);
	return error;
}

/* Whether byte i of the text is whitespace a layout rule already removes
 * (reflow and space changes that replace it with nothing). */
static int removed(const cleaner *k, size_t at, size_t i)
{
	return at < k->nitems && k->items[at].beg <= i && i < k->items[at].end &&
	       (k->items[at].kind == SCD_CLEAN_REFLOW || k->items[at].kind == SCD_CLEAN_SPACE) &&
	       k->arena[k->items[at].text] == '\0';
}

static int cmp_item(const void *x, const void *y);

/*
 * --to: the text through an OpenCC configuration, as the layout rules
 * leave it (the line breaks and spaces they remove are not there for the
 * conversion, so 文\n件 is one word), verbatim lines (code, tables) left
 * out.  Each stretch between verbatim lines is converted on its own.
 */
static int to_script(cleaner *k, const scd_opencc__config *cfg)
{
	uint32_t *cps = malloc((k->n + 1) * sizeof(*cps));
	uint32_t *off = malloc((k->n + 1) * sizeof(*off));
	uint32_t *past = malloc((k->n + 1) * sizeof(*past));
	scd_opencc__text t = { 0 };
	size_t n = 0, l, at = 0, nitems = k->nitems;
	int error = 0;

	if (!cps || !off || !past) {
		free(cps);
		free(off);
		free(past);
		return scd_error__nomem();
	}
	if (nitems)
		qsort(k->items, nitems, sizeof(*k->items), cmp_item);
	for (l = 0; l <= k->nlines && error == 0; l++) {
		int flush = l == k->nlines || (k->lines[l].role & ROLE_VERBATIM);
		size_t i, e;
		if (flush) {
			t.len = 0;
			if (n && (error = scd_opencc__convert_fixed(&t, cfg, cps, n)) == 0)
				error = emit_converted(k, cps, off, past, &t);
			n = 0;
			continue;
		}
		i = k->lines[l].beg;
		e = k->lines[l].next;
		while (i < e) {
			size_t from = i;
			UChar32 c;
			while (at < nitems && k->items[at].end <= i)
				at++;
			U8_NEXT_UNSAFE((const uint8_t *)k->t, i, c); /* valid UTF-8 */
			if (removed(k, at, from))
				continue;
			off[n] = (uint32_t)from;
			past[n] = (uint32_t)i;
			cps[n++] = (uint32_t)c;
		}
	}
	scd_opencc__text_clear(&t);
	free(cps);
	free(off);
	free(past);
	return error;
}

static int add_readings(cleaner *k)
{
	size_t i;
	int error;

	for (i = 0; i < k->o->nreadings; i++) {
		const scd_clean_reading *r = &k->o->readings[i];
		size_t at;
		if (r->span.beg > r->span.end || r->span.end > k->n || !r->text)
			return scd_error__set(SCD_EINVALID,
					      "known reading %zu: span [%u, %u) is outside the text (%zu bytes)",
					      i, r->span.beg, r->span.end, k->n);
		if ((error = add(k, SCD_CLEAN_READING, r->span.beg, r->span.end,
				 r->text, strlen(r->text), NULL, r->confidence, 1, 2)) < 0)
			return error;
		if ((error = arena_put(k, r->reason ? r->reason : "known reading",
				       strlen(r->reason ? r->reason : "known reading"), &at)) < 0)
			return error;
		k->items[k->nitems - 1].reason_at = at;
	}
	return 0;
}

static int cmp_item(const void *x, const void *y)
{
	const item *a = x, *b = y;

	if (a->beg != b->beg)
		return a->beg < b->beg ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return b->rank - a->rank;
}

/* Sort the changes and drop those overlapping a stronger one. */
static int settle(cleaner *k)
{
	size_t i, w = 0;

	if (k->nitems)
		qsort(k->items, k->nitems, sizeof(*k->items), cmp_item);
	for (i = 0; i < k->nitems; i++) {
		item *it = &k->items[i];
		int keep = 1;
		while (w > 0 && k->items[w - 1].end > it->beg) {
			item *prev = &k->items[w - 1];
			if (prev->rank == 2 && it->rank == 2)
				return scd_error__set(SCD_EINVALID,
						      "known readings overlap at byte %u", it->beg);
			if (prev->rank >= it->rank) {
				keep = 0;
				break;
			}
			w--; /* the new one is stronger */
		}
		if (keep)
			k->items[w++] = *it;
	}
	k->nitems = w;
	return 0;
}

static int build(cleaner *k, scd_clean *c)
{
	size_t i, pos = 0, len = 0, cap = 0;
	char *out = NULL;
	int error;

	if (!(c->changes = calloc(k->nitems ? k->nitems : 1, sizeof(*c->changes))))
		return scd_error__nomem();
	/* the arena no longer moves: its pointers can be handed out */
	c->nchanges = k->nitems;
	for (i = 0; i < k->nitems; i++) {
		const item *it = &k->items[i];
		scd_clean_change *ch = &c->changes[i];
		ch->kind = it->kind;
		ch->span.beg = it->beg;
		ch->span.end = it->end;
		ch->text = k->arena + it->text;
		ch->reason = it->reason ? it->reason : k->arena + it->reason_at;
		ch->confidence = it->confidence;
		ch->applied = it->applied;
		if (it->applied)
			c->counts[it->kind]++;
		else
			c->review++;
	}
	for (i = 0; i <= k->nitems; i++) {
		const item *it = i < k->nitems ? &k->items[i] : NULL;
		size_t upto = it ? it->beg : k->n, tl = it ? strlen(k->arena + it->text) : 0;
		if (it && !it->applied)
			continue;
		if ((error = scd_array__reserve(&out, &cap, len + (upto - pos) + tl + 1, 1)) < 0)
			return error;
		memcpy(out + len, k->t + pos, upto - pos);
		len += upto - pos;
		if (it) {
			memcpy(out + len, k->arena + it->text, tl);
			len += tl;
			pos = it->end;
		}
	}
	out[len] = '\0';
	c->text = out;
	c->len = len;
	return 0;
}

void scd_clean_free(scd_clean *clean)
{
	if (!clean)
		return;
	free(clean->text);
	free(clean->changes);
	free(clean->strings);
	free(clean);
}

int scd_clean_input(scd_clean **out, const scd_input *in,
		    const scd_clean_options *opts)
{
	scd_clean_options o = SCD_CLEAN_OPTIONS_INIT;
	cleaner k;
	scd_clean *c = NULL;
	para *paras = NULL;
	size_t np = 0, i;
	int error;

	*out = NULL;
	if (opts)
		o = *opts;
	memset(&k, 0, sizeof(k));
	k.o = &o;
	k.t = scd_input_text(in, &k.n);
	if (!(c = calloc(1, sizeof(*c))) || !(k.fw = calloc(k.n + 1, 1))) {
		error = scd_error__nomem();
		goto done;
	}
	c->input = in;
	if ((error = scd_evidence_new(&k.ev)) < 0 || (error = cut_lines(&k)) < 0 ||
	    (error = find_paras(&k, &paras, &np)) < 0)
		goto done;
	for (i = 0; i < np; i++) {
		para *p = &paras[i];
		size_t beg = k.lines[p->first].cbeg, end = k.lines[p->last].cend;
		if (!(p->chinese = chinese_para(&k, p)) || verbatim(&k.lines[p->first]))
			continue;
		if ((o.rules & SCD_CLEAN_RULE(SCD_CLEAN_PUNCT)) &&
		    (error = punct_para(&k, beg, end)) < 0)
			goto done;
		if ((o.rules & SCD_CLEAN_RULE(SCD_CLEAN_SPACE)) &&
		    (error = space_para(&k, p)) < 0)
			goto done;
	}
	if (o.to) {
		const scd_opencc__config *cfg = to_config(o.to);
		if (!cfg) {
			char names[256];
			scd_opencc__names(names, sizeof(names));
			error = scd_error__set(SCD_EINVALID, "unknown conversion '%s' (simplified, "
					       "traditional, tw, hk, or an OpenCC configuration: %s)",
					       o.to, names);
			goto done;
		}
		/* the conversion decides every character's form: check's
		 * variant rule (traditional → simplified) stays out */
		if ((error = to_script(&k, cfg)) < 0)
			goto done;
	}
	if ((o.rules & (SCD_CLEAN_RULE(SCD_CLEAN_VARIANT) | SCD_CLEAN_RULE(SCD_CLEAN_OCR))) &&
	    (error = check_text(&k, in)) < 0)
		goto done;
	if ((error = add_readings(&k)) < 0 || (error = settle(&k)) < 0 ||
	    (error = build(&k, c)) < 0)
		goto done;
	c->strings = k.arena;
	k.arena = NULL;
	*out = c;
	c = NULL;
done:
	free(paras);
	free(k.lines);
	free(k.items);
	free(k.arena);
	free(k.fw);
	scd_evidence_free(k.ev);
	scd_clean_free(c);
	return error;
}

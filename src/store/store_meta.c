/*
 * The store's metadata files (store_meta.h): one record a line, a keyword
 * and its values separated by single spaces, the first line naming the
 * format and its version.  Read strictly: every line must be one the
 * writer could have written, every required key present once.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_meta.h"
#include "util/error.h"
#include "util/array.h"

int scd_store__is_hex(const char *s, size_t len, size_t digits)
{
	size_t i;

	if (len != digits)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* ---- reading lines ------------------------------------------------------ */

typedef struct {
	const char *buf, *name;
	size_t len, at, line;
	/* the current line, split: word 0 is the keyword */
	const char *w[8];
	size_t wl[8], nw;
	const char *rest; /* after the keyword and its space */
	size_t restlen;
} reader;

static int bad(const reader *r, const char *fmt, ...) SCD_PRINTF(2, 3);
static int bad(const reader *r, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (r->line)
		return scd_error__set(SCD_EINVALID, "%s line %zu: %s", r->name, r->line, what);
	return scd_error__set(SCD_EINVALID, "%s: %s", r->name, what);
}

/* Next line into r->w (at most 8 words); 0 at the end, 1 for a line. */
static int next_line(reader *r)
{
	const char *p, *e, *nl;
	size_t i;

	if (r->at >= r->len)
		return 0;
	p = r->buf + r->at;
	nl = memchr(p, '\n', r->len - r->at);
	r->line++;
	if (!nl)
		return bad(r, "no newline at the end of the file");
	e = nl;
	r->at = (size_t)(nl - r->buf) + 1;
	if (memchr(p, '\0', (size_t)(e - p)) || memchr(p, '\r', (size_t)(e - p)))
		return bad(r, "control character in the line");
	if (p == e)
		return bad(r, "empty line");
	r->nw = 0;
	r->rest = NULL;
	r->restlen = 0;
	for (i = 0; p < e; i++) {
		const char *sp = memchr(p, ' ', (size_t)(e - p));
		const char *we = sp ? sp : e;
		if (we == p)
			return bad(r, "two spaces in a row, or a space at the start");
		if (r->nw == 8)
			return bad(r, "too many values");
		r->w[r->nw] = p;
		r->wl[r->nw++] = (size_t)(we - p);
		if (i == 0 && sp) {
			r->rest = sp + 1;
			r->restlen = (size_t)(e - sp - 1);
		}
		if (!sp)
			break;
		p = sp + 1;
		if (p == e)
			return bad(r, "space at the end of the line");
	}
	return 1;
}

static int word_is(const reader *r, size_t i, const char *s)
{
	return i < r->nw && r->wl[i] == strlen(s) && !memcmp(r->w[i], s, r->wl[i]);
}

static int header(reader *r, const char *magic)
{
	int got = next_line(r);

	if (got < 0)
		return got;
	if (got == 0)
		return bad(r, "empty file");
	if (!word_is(r, 0, magic))
		return bad(r, "not a %s file", magic);
	if (r->nw != 2 || !word_is(r, 1, "1"))
		return bad(r, "%s version %.*s is not one this scodiff reads", magic,
			   r->nw > 1 ? (int)r->wl[1] : 0, r->nw > 1 ? r->w[1] : "");
	return 0;
}

/* A decimal whole number without sign or leading zeros, ≤ max. */
static int number(const reader *r, size_t i, uint64_t max, uint64_t *out, const char *what)
{
	uint64_t v = 0;
	size_t k;

	if (i >= r->nw)
		return bad(r, "%s missing", what);
	if (r->wl[i] == 0 || r->wl[i] > 20 || (r->wl[i] > 1 && r->w[i][0] == '0'))
		return bad(r, "%s '%.*s' is not a number", what, (int)r->wl[i], r->w[i]);
	for (k = 0; k < r->wl[i]; k++) {
		unsigned d = (unsigned char)r->w[i][k] - '0';
		if (d > 9)
			return bad(r, "%s '%.*s' is not a number", what, (int)r->wl[i], r->w[i]);
		if (v > (max - d) / 10)
			return bad(r, "%s '%.*s' is too large", what, (int)r->wl[i], r->w[i]);
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

static int hex(const reader *r, size_t i, size_t digits, char *out, const char *what)
{
	if (i >= r->nw)
		return bad(r, "%s missing", what);
	if (!scd_store__is_hex(r->w[i], r->wl[i], digits))
		return bad(r, "%s '%.*s' is not %zu lowercase hex digits", what,
			   (int)(r->wl[i] > 64 ? 64 : r->wl[i]), r->w[i], digits);
	memcpy(out, r->w[i], digits);
	out[digits] = '\0';
	return 0;
}

/* "0.xxx" or "1.000": three decimals in [0, 1]. */
static int fraction(const reader *r, size_t i, double *out, const char *what)
{
	const char *s = i < r->nw ? r->w[i] : "";
	size_t l = i < r->nw ? r->wl[i] : 0, k;
	unsigned v = 0;

	if (l != 5 || (s[0] != '0' && s[0] != '1') || s[1] != '.')
		return bad(r, "%s '%.*s' is not a fraction like 0.875", what, (int)l, s);
	for (k = 2; k < 5; k++) {
		if (s[k] < '0' || s[k] > '9')
			return bad(r, "%s '%.*s' is not a fraction like 0.875", what, (int)l, s);
		v = v * 10 + (unsigned)(s[k] - '0');
	}
	if (s[0] == '1' && v)
		return bad(r, "%s '%.*s' is above 1", what, (int)l, s);
	*out = (s[0] - '0') + v / 1000.0;
	return 0;
}

/* The rest of the line after the keyword, unescaped (\\ and \xHH). */
static int text_value(const reader *r, char **out, const char *what)
{
	char *t;
	size_t i, o = 0;

	if (!r->rest)
		return bad(r, "%s missing", what);
	if (!(t = malloc(r->restlen + 1)))
		return scd_error__nomem();
	for (i = 0; i < r->restlen; i++) {
		unsigned char c = (unsigned char)r->rest[i];
		if (c < 0x20 || c == 0x7f) {
			free(t);
			return bad(r, "raw control character in %s", what);
		}
		if (c != '\\') {
			t[o++] = (char)c;
			continue;
		}
		if (i + 1 < r->restlen && r->rest[i + 1] == '\\') {
			t[o++] = '\\';
			i++;
		} else if (i + 3 < r->restlen && r->rest[i + 1] == 'x' &&
			   strchr("0123456789abcdef", r->rest[i + 2]) &&
			   strchr("0123456789abcdef", r->rest[i + 3]) &&
			   r->rest[i + 2] && r->rest[i + 3]) {
			char h[3] = { r->rest[i + 2], r->rest[i + 3], 0 };
			unsigned long v = strtoul(h, NULL, 16);
			if (v == 0) {
				free(t);
				return bad(r, "NUL byte in %s", what);
			}
			t[o++] = (char)v;
			i += 3;
		} else {
			free(t);
			return bad(r, "bad escape in %s", what);
		}
	}
	t[o] = '\0';
	*out = t;
	return 0;
}

/* ---- writing ------------------------------------------------------------ */

static void put_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\\')
			fputs("\\\\", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
}

static int finish(FILE *f, char **buf, char **out)
{
	if (fclose(f) != 0) {
		free(*buf);
		return scd_error__nomem();
	}
	*out = *buf;
	return 0;
}

/* ---- witnesses ---------------------------------------------------------- */

enum { W_BLOB, W_XXH, W_PATH, W_BYTES, W_ENC, W_CHARS, W_ADDED, W__N };
static const char *const wkeys[W__N] = {
	"blob", "xxh128", "path", "bytes", "encoding", "chars", "added"
};

int scd_store__witness_parse(scd_store_witness *w, const char *buf,
			     size_t len, const char *name)
{
	reader r = { buf, name, len, 0, 0, { 0 }, { 0 }, 0, NULL, 0 };
	int seen[W__N] = { 0 }, error, got;
	uint64_t v;
	size_t k;

	memset(w, 0, sizeof(*w));
	if ((error = header(&r, "scodiff-witness")) < 0)
		return error;
	while ((got = next_line(&r)) > 0) {
		for (k = 0; k < W__N && !word_is(&r, 0, wkeys[k]); k++)
			;
		if (k == W__N) {
			error = bad(&r, "unknown key '%.*s'", (int)(r.wl[0] > 40 ? 40 : r.wl[0]), r.w[0]);
			goto fail;
		}
		if (seen[k]++) {
			error = bad(&r, "'%s' given twice", wkeys[k]);
			goto fail;
		}
		if (k != W_PATH && r.nw != 2) {
			error = bad(&r, "'%s' takes one value", wkeys[k]);
			goto fail;
		}
		switch (k) {
		case W_BLOB: error = hex(&r, 1, 40, w->blob, "blob id"); break;
		case W_XXH: error = hex(&r, 1, 32, w->xxh128, "xxh128"); break;
		case W_PATH: error = text_value(&r, &w->path, "path"); break;
		case W_BYTES:
			if ((error = number(&r, 1, SCD_INPUT_MAX_BYTES, &v, "bytes")) == 0)
				w->bytes = (size_t)v;
			break;
		case W_CHARS:
			if ((error = number(&r, 1, SCD_INPUT_MAX_BYTES, &v, "chars")) == 0)
				w->chars = (size_t)v;
			break;
		case W_ENC:
			if (r.wl[1] > 40) {
				error = bad(&r, "encoding name too long");
				break;
			}
			if (!(w->encoding = strndup(r.w[1], r.wl[1])))
				error = scd_error__nomem();
			break;
		case W_ADDED:
			/* 2026-11-21T10:00:00Z */
			if (r.wl[1] != 20 || r.w[1][4] != '-' || r.w[1][10] != 'T' ||
			    r.w[1][19] != 'Z') {
				error = bad(&r, "added time is not like 2025-09-01T12:00:00Z");
				break;
			}
			if (!(w->added = strndup(r.w[1], r.wl[1])))
				error = scd_error__nomem();
			break;
		}
		if (error < 0)
			goto fail;
	}
	if ((error = got) < 0)
		goto fail;
	r.line = 0;
	for (k = 0; k < W__N; k++)
		if (!seen[k]) {
			error = bad(&r, "'%s' missing", wkeys[k]);
			goto fail;
		}
	if (w->chars > w->bytes) {
		error = bad(&r, "more characters (%zu) than bytes (%zu)", w->chars, w->bytes);
		goto fail;
	}
	memcpy(w->id, w->blob, SCD_STORE_ID_LEN);
	w->id[SCD_STORE_ID_LEN] = '\0';
	return 0;
fail:
	scd_store_witness_clear(w);
	return error;
}

int scd_store__witness_format(char **out, const scd_store_witness *w)
{
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return scd_error__nomem();
	fprintf(f, "scodiff-witness 1\nblob %s\nxxh128 %s\npath ", w->blob, w->xxh128);
	put_escaped(f, w->path);
	fprintf(f, "\nbytes %zu\nencoding %s\nchars %zu\nadded %s\n", w->bytes,
		w->encoding, w->chars, w->added);
	return finish(f, &buf, out);
}

void scd_store_witness_clear(scd_store_witness *w)
{
	if (!w)
		return;
	free(w->path);
	free(w->encoding);
	free(w->added);
	memset(w, 0, sizeof(*w));
}

/* ---- statements --------------------------------------------------------- */

int scd_store__members_parse(scd_store_member **out, size_t *n,
			     const char *buf, size_t len, const char *name)
{
	reader r = { buf, name, len, 0, 0, { 0 }, { 0 }, 0, NULL, 0 };
	scd_store_member *m = NULL;
	size_t nm = 0, cap = 0;
	uint64_t v[4];
	int error, got;

	*out = NULL;
	*n = 0;
	if ((error = header(&r, "scodiff-statement")) < 0)
		return error;
	while ((got = next_line(&r)) > 0) {
		scd_store_member *x;
		if (!word_is(&r, 0, "member")) {
			error = bad(&r, "unknown key '%.*s'", (int)(r.wl[0] > 40 ? 40 : r.wl[0]), r.w[0]);
			goto fail;
		}
		if (r.nw != 7) {
			error = bad(&r, "a member line is: member WITNESS START END LINE1 LINE2 SIMILARITY");
			goto fail;
		}
		if ((error = scd_array_grow(m, nm, cap)) < 0)
			goto fail;
		x = &m[nm];
		if ((error = hex(&r, 1, SCD_STORE_ID_LEN, x->witness, "witness id")) < 0 ||
		    (error = number(&r, 2, SCD_INPUT_MAX_BYTES, &v[0], "start")) < 0 ||
		    (error = number(&r, 3, SCD_INPUT_MAX_BYTES, &v[1], "end")) < 0 ||
		    (error = number(&r, 4, SCD_INPUT_MAX_BYTES, &v[2], "first line")) < 0 ||
		    (error = number(&r, 5, SCD_INPUT_MAX_BYTES, &v[3], "last line")) < 0 ||
		    (error = fraction(&r, 6, &x->similarity, "similarity")) < 0)
			goto fail;
		if (v[0] >= v[1]) {
			error = bad(&r, "empty or reversed span %" PRIu64 "-%" PRIu64, v[0], v[1]);
			goto fail;
		}
		if (v[2] == 0 || v[2] > v[3]) {
			error = bad(&r, "bad lines %" PRIu64 "-%" PRIu64, v[2], v[3]);
			goto fail;
		}
		x->span[0] = (size_t)v[0];
		x->span[1] = (size_t)v[1];
		x->lines[0] = (size_t)v[2];
		x->lines[1] = (size_t)v[3];
		nm++;
	}
	if ((error = got) < 0)
		goto fail;
	if (nm == 0) {
		r.line = 0;
		error = bad(&r, "a statement without members");
		goto fail;
	}
	*out = m;
	*n = nm;
	return 0;
fail:
	free(m);
	return error;
}

int scd_store__members_format(char **out, const scd_store_member *m, size_t n)
{
	char *buf = NULL;
	size_t len, i;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return scd_error__nomem();
	fputs("scodiff-statement 1\n", f);
	for (i = 0; i < n; i++) {
		/* three decimals, rounded down so 0.9996 stays below 1 */
		unsigned milli = (unsigned)(m[i].similarity * 1000.0 + 1e-9);
		if (milli > 1000)
			milli = 1000;
		fprintf(f, "member %s %zu %zu %zu %zu %u.%03u\n", m[i].witness,
			m[i].span[0], m[i].span[1], m[i].lines[0], m[i].lines[1],
			milli / 1000, milli % 1000);
	}
	return finish(f, &buf, out);
}

/* ---- the index manifest ------------------------------------------------- */

int scd_store__manifest_parse(scd_store__manifest *m, const char *buf,
			      size_t len, const char *name)
{
	reader r = { buf, name, len, 0, 0, { 0 }, { 0 }, 0, NULL, 0 };
	size_t capw = 0, caps = 0;
	int error, got, have_commit = 0;
	uint64_t v;

	memset(m, 0, sizeof(*m));
	if ((error = header(&r, "scodiff-index")) < 0)
		return error;
	while ((got = next_line(&r)) > 0) {
		if (word_is(&r, 0, "commit") && r.nw == 2 && !have_commit) {
			if ((error = hex(&r, 1, 40, m->commit, "commit")) < 0)
				goto fail;
			have_commit = 1;
		} else if (word_is(&r, 0, "next") && r.nw == 2) {
			if ((error = number(&r, 1, 999999999, &v, "next segment")) < 0)
				goto fail;
			m->next_segment = (unsigned long)v;
		} else if (word_is(&r, 0, "witness") && r.nw == 2) {
			if ((error = scd_array__reserve(&m->witnesses, &capw, m->nwitnesses + 1,
							sizeof(*m->witnesses))) < 0 ||
			    (error = hex(&r, 1, SCD_STORE_ID_LEN, m->witnesses[m->nwitnesses],
					 "witness id")) < 0)
				goto fail;
			m->nwitnesses++;
		} else if (word_is(&r, 0, "segment") && r.nw == 4) {
			scd_store__segment *sg;
			size_t k;
			if ((error = scd_array__reserve(&m->segments, &caps, m->nsegments + 1,
							sizeof(*m->segments))) < 0)
				goto fail;
			sg = &m->segments[m->nsegments];
			if (r.wl[1] >= sizeof(sg->name) || r.wl[1] < 5 || memcmp(r.w[1], "seg-", 4)) {
				error = bad(&r, "bad segment name");
				goto fail;
			}
			for (k = 4; k < r.wl[1]; k++)
				if (r.w[1][k] < '0' || r.w[1][k] > '9') {
					error = bad(&r, "bad segment name");
					goto fail;
				}
			memcpy(sg->name, r.w[1], r.wl[1]);
			sg->name[r.wl[1]] = '\0';
			if ((error = number(&r, 2, UINT64_MAX / 32, &sg->count, "count")) < 0)
				goto fail;
			{
				char h[17];
				if ((error = hex(&r, 3, 16, h, "checksum")) < 0)
					goto fail;
				sg->checksum = strtoull(h, NULL, 16);
			}
			m->nsegments++;
		} else {
			error = bad(&r, "unknown or malformed line '%.*s'",
				    (int)(r.wl[0] > 40 ? 40 : r.wl[0]), r.w[0]);
			goto fail;
		}
	}
	if ((error = got) < 0)
		goto fail;
	if (!have_commit) {
		r.line = 0;
		error = bad(&r, "no commit line");
		goto fail;
	}
	return 0;
fail:
	scd_store__manifest_clear(m);
	return error;
}

int scd_store__manifest_format(char **out, const scd_store__manifest *m)
{
	char *buf = NULL;
	size_t len, i;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return scd_error__nomem();
	fprintf(f, "scodiff-index 1\ncommit %s\nnext %lu\n", m->commit, m->next_segment);
	for (i = 0; i < m->nwitnesses; i++)
		fprintf(f, "witness %s\n", m->witnesses[i]);
	for (i = 0; i < m->nsegments; i++)
		fprintf(f, "segment %s %" PRIu64 " %016" PRIx64 "\n", m->segments[i].name,
			m->segments[i].count, m->segments[i].checksum);
	return finish(f, &buf, out);
}

void scd_store__manifest_clear(scd_store__manifest *m)
{
	free(m->witnesses);
	free(m->segments);
	memset(m, 0, sizeof(*m));
}

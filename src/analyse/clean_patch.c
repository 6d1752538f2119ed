/*
 * The cleanup as a unified diff (clean.h), in the format GNU diff writes
 * and patch(1) reads: `--- a/NAME`, `+++ b/NAME`, hunks with three lines
 * of context, `\ No newline at end of file` where a side ends without one.
 *
 * No line diff is computed: the changes are known exactly.  The lines a
 * change touches (from the line of its first byte to the line of its end,
 * inclusive, so that a joined line break takes the next line along) are
 * the changed lines; each run of them becomes, on the new side, the
 * cleaned text between the same two line starts.  Runs closer than twice
 * the context share a hunk, as GNU diff does.
 */
#include <stdlib.h>
#include <string.h>

#include "scodiff/clean.h"
#include "util/array.h"
#include "util/error.h"

#define CONTEXT 3

typedef struct {
	size_t a, b;       /* first and one-past-last original line */
	size_t out_beg, out_end; /* the new text of those lines */
} run;

/* Start offsets of the lines of t[0..n), plus n at the end. */
static int line_starts(size_t **out, size_t *nlines, const char *t, size_t n)
{
	size_t *ls = NULL, nl = 0, cap = 0, i;
	int error;

	for (i = 0; i < n; i++)
		if (i == 0 || t[i - 1] == '\n') {
			if ((error = scd_array_grow(ls, nl, cap)) < 0)
				goto fail;
			ls[nl++] = i;
		}
	if ((error = scd_array_grow(ls, nl, cap)) < 0)
		goto fail;
	ls[nl] = n;
	*out = ls;
	*nlines = nl;
	return 0;
fail:
	free(ls);
	return error;
}

/* The line holding offset x (the last line for x == n). */
static size_t line_of(const size_t *ls, size_t nl, size_t x)
{
	size_t lo = 0, hi = nl;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (ls[mid] <= x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* One line of t starting at s (ending at its '\n' or at e), with prefix. */
static void put_line(FILE *f, char prefix, const char *t, size_t s, size_t e)
{
	const char *nl = memchr(t + s, '\n', e - s);
	size_t end = nl ? (size_t)(nl - t) + 1 : e;

	fputc(prefix, f);
	fwrite(t + s, 1, end - s, f);
	if (!nl)
		fputs("\n\\ No newline at end of file\n", f);
}

/* The lines of t[s..e) with prefix; returns how many. */
static size_t put_lines(FILE *f, char prefix, const char *t, size_t s, size_t e)
{
	size_t n = 0;

	while (s < e) {
		const char *nl = memchr(t + s, '\n', e - s);
		put_line(f, prefix, t, s, e);
		s = nl ? (size_t)(nl - t) + 1 : e;
		n++;
	}
	return n;
}

static size_t count_lines(const char *t, size_t s, size_t e)
{
	size_t n = 0;

	while (s < e) {
		const char *nl = memchr(t + s, '\n', e - s);
		s = nl ? (size_t)(nl - t) + 1 : e;
		n++;
	}
	return n;
}

/* "--- a/NAME" and "+++ b/NAME", a name with control characters in
 * quotes as git writes it ("a/x\ty"), which patch(1) and git apply read. */
static int patch_names(FILE *f, const char *name)
{
	size_t n = strlen(name);
	char *path = malloc(n + 3);
	int side;

	if (!path)
		return scd_error__nomem();
	for (side = 0; side < 2; side++) {
		memcpy(path, side ? "b/" : "a/", 2);
		memcpy(path + 2, name, n + 1);
		fputs(side ? "+++ " : "--- ", f);
		scd_quote_write(f, path, n + 2, SCD_QUOTE_NAME);
		fputc('\n', f);
	}
	free(path);
	return 0;
}

/* "start,count" of a hunk side, as diff writes it (start is the line
 * before when the side is empty; ",1" is left out). */
static void put_range(FILE *f, char sign, size_t first, size_t count)
{
	if (count == 1)
		fprintf(f, "%c%zu", sign, first + 1);
	else
		fprintf(f, "%c%zu,%zu", sign, count ? first + 1 : first, count);
}

static void put_hunk(FILE *f, const scd_clean *c, const char *t,
		     const size_t *ls, size_t nl, const run *r, size_t nr,
		     long shift)
{
	/* shift: new line number minus old line number before r[0] */
	size_t a0 = r[0].a > CONTEXT ? r[0].a - CONTEXT : 0;
	size_t a1 = r[nr - 1].b + CONTEXT < nl ? r[nr - 1].b + CONTEXT : nl;
	size_t old_count = a1 - a0, new_count = 0, i, x;
	long s = shift;

	/* new side: old lines outside the runs plus each run's new lines */
	for (i = 0; i < nr; i++)
		new_count += count_lines(c->text, r[i].out_beg, r[i].out_end);
	for (i = 0, x = a0; i < nr; i++) {
		new_count += r[i].a - x;
		x = r[i].b;
	}
	new_count += a1 - x;
	fputs("@@ ", f);
	put_range(f, '-', a0, old_count);
	fputc(' ', f);
	put_range(f, '+', (size_t)((long)a0 + s), new_count);
	fputs(" @@\n", f);
	for (i = 0, x = a0; i < nr; i++) {
		for (; x < r[i].a; x++)
			put_line(f, ' ', t, ls[x], ls[x + 1]);
		put_lines(f, '-', t, ls[r[i].a], ls[r[i].b]);
		put_lines(f, '+', c->text, r[i].out_beg, r[i].out_end);
		x = r[i].b;
	}
	for (; x < a1; x++)
		put_line(f, ' ', t, ls[x], ls[x + 1]);
}

int scd_clean_write_patch(FILE *f, const scd_clean *c, const char *name)
{
	size_t n, nl, i, nr = 0, cap = 0, ci = 0, first;
	const char *t = scd_input_text(c->input, &n);
	size_t *ls = NULL;
	run *runs = NULL;
	long delta = 0; /* bytes: new minus old, of the changes before */
	long lines_shift = 0;
	int error;

	if ((error = line_starts(&ls, &nl, t, n)) < 0)
		return error;
	/* runs of touched lines, with their new text */
	for (i = 0; i < c->nchanges; i++) {
		const scd_clean_change *ch = &c->changes[i];
		size_t a, b;
		if (!ch->applied)
			continue;
		a = line_of(ls, nl, ch->span.beg);
		b = line_of(ls, nl, ch->span.end) + 1;
		if (nr && a <= runs[nr - 1].b) {
			if (b > runs[nr - 1].b)
				runs[nr - 1].b = b;
			continue;
		}
		if ((error = scd_array_grow(runs, nr, cap)) < 0)
			goto done;
		runs[nr].a = a;
		runs[nr].b = b;
		nr++;
	}
	/* new offsets of the run edges: shifted by the changes that end
	 * before them (none straddles an edge: it would touch both lines) */
	for (i = 0; i < nr; i++) {
		size_t edge;
		for (edge = 0; edge < 2; edge++) {
			size_t x = ls[edge ? runs[i].b : runs[i].a];
			for (; ci < c->nchanges; ci++) {
				const scd_clean_change *ch = &c->changes[ci];
				if (ch->span.end > x || (ch->span.end == x && ch->span.beg == x))
					break;
				if (ch->applied)
					delta += (long)strlen(ch->text) -
						 (long)(ch->span.end - ch->span.beg);
			}
			if (edge)
				runs[i].out_end = (size_t)((long)x + delta);
			else
				runs[i].out_beg = (size_t)((long)x + delta);
		}
	}
	if (nr == 0)
		goto done;
	if ((error = patch_names(f, name)) < 0)
		goto done;
	for (first = 0; first < nr;) {
		size_t last = first, k;
		long shift = lines_shift;
		while (last + 1 < nr && runs[last + 1].a - runs[last].b <= 2 * CONTEXT)
			last++;
		put_hunk(f, c, t, ls, nl, runs + first, last - first + 1, shift);
		for (k = first; k <= last; k++)
			lines_shift += (long)count_lines(c->text, runs[k].out_beg, runs[k].out_end) -
				       (long)(runs[k].b - runs[k].a);
		first = last + 1;
	}
	if (ferror(f))
		error = scd_error__set(SCD_EIO, "write error");
done:
	free(ls);
	free(runs);
	return error;
}

int scd_clean_patch_applies(const scd_clean *c)
{
	size_t n;

	scd_input_text(c->input, &n);
	return n == scd_input_size(c->input) &&
	       !strcmp(scd_input_encoding(c->input), "UTF-8");
}

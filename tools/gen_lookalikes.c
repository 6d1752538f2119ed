/*
 * Generator of data/lookalikes.tsv: for each common Chinese character, the
 * characters whose glyphs look most alike (己/已/巳, 未/末, 戍/戌/戊), which
 * is what OCR engines confuse.  Unihan's static variant fields know only a
 * few such pairs, so the likeness is measured on glyph images:
 *
 *   gen_lookalikes [options] [--chars FILE]... > data/lookalikes.tsv
 *   gen_lookalikes [options] --pairs FILE    (score and rank of given pairs)
 *
 * Method (data/README.md has the measurements behind every default):
 *
 *  1. Character set: the 6,763 hanzi of GB2312 (every two-byte code
 *     0xB0A1-0xF7FE that ICU's "GB2312" converter maps to an ideograph),
 *     plus the ideographs of each --chars FILE (the build passes corpora/,
 *     which adds 強 and 勠).  Traditional forms are left out: normalize.c
 *     folds them to simplified ones before anything looks a character up.
 *  2. Each character is rendered with FreeType, anti-aliased and unhinted,
 *     at SIZE px per em, in every font: by default the SC faces (picked by
 *     family name, face index 2 of both .ttc files in fonts-noto-cjk
 *     20220127) of Noto Serif CJK, the Song/Ming style newspapers print in,
 *     and of Noto Sans CJK, for headings and captions; using both beat
 *     either alone.  The glyph stays where the font puts it in its em box
 *     (pen origin to advance; OS/2 typographic ascender to descender): the
 *     place and size of the ink tell 口 from 囗 and 一 from 丨, and
 *     re-centring the ink (--align ink) did worse on OCR confusions.
 *  3. Features, per font: the em box area-averaged to GRID x GRID cells
 *     (gray), and four planes of stroke direction on the same grid (dir:
 *     Sobel gradient magnitude shared out by orientation, modulo 180
 *     degrees, between 0, 45, 90 and 135 degrees; the "directional element
 *     features" of Chinese OCR, Kato et al. 1999, Liu 2007).  Every plane is
 *     blurred with the binomial kernel [1 2 1]/4 (BLUR passes, both axes)
 *     so that a stroke a cell off still overlaps.  The set's average is
 *     subtracted cell by cell (ink in the middle, paper at the edges: what
 *     all characters share would otherwise make any two look half alike),
 *     then each group (a font's gray plane; a font's four dir planes) is
 *     made zero-mean and unit-norm and stored as int16.
 *  4. Score of a pair: the normalised cross-correlation (Pearson's r over
 *     cells) of each group, averaged over the groups: 1 for identical
 *     images, about 0 for unrelated characters (the median of random GB2312
 *     pairs is -0.01, their 99.9th percentile 0.61).
 *  5. Every pair is scored: n^2/2 integer dot products, 23 M pairs of 2,560
 *     int16, 1.6 s on 2 cores (rows dealt out to THREADS pthreads); the
 *     rendering before takes 1.4 s.  There is no prefilter: a trial of an
 *     exact early cut-off (a 4x4 coarse-grid projection plus Cauchy-Schwarz
 *     on the residuals as an upper bound) skipped only 1 % of the pairs,
 *     and inexact ones (ink density, aspect) would lose real pairs to save
 *     a second.  Each thread keeps the best N partners of every character
 *     with a score of at least SCORE; the lists are merged, made symmetric
 *     (a pair listed for a is listed for b too) and printed sorted by first
 *     code point, then score, highest first.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_SFNT_NAMES_H
#include FT_TRUETYPE_IDS_H
#include FT_TRUETYPE_TABLES_H

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#define MAXFONTS 4
#define MAXFILES 256
/* Fixed-point scale of the unit vectors: |x| <= 1 becomes |q| <= 2^12, so
 * the dot product of two groups stays below 2^24 and the sum over at most
 * 2 * MAXFONTS groups below 2^27, inside int32. */
#define QSCALE 4096.0
#define PI 3.14159265358979323846

enum { FEAT_GRAY = 1, FEAT_DIR = 2 };

struct font {
	const char *path, *family;
	FT_Face face;
	long index;
	int asc; /* typographic ascender, font units */
	char version[64];
};

struct opts {
	int topn, threads, size, grid, blur, feat, ink_align, center;
	double thresh;
	const char *pairs;
	struct font font[MAXFONTS];
	int nfonts;
	const char *chars[MAXFILES];
	int nchars;
};

/* The characters and their feature vectors; read-only once built. */
struct set {
	uint32_t *cp; /* code points, ascending */
	int n, n_gb;
	int dim; /* int16 per vector, a multiple of 16 */
	int16_t *vec; /* n x dim */
	int32_t one; /* the dot product that means score 1 */
};

struct best {
	int32_t s;
	int32_t j;
};

/* One thread's share of the pairwise pass. */
struct job {
	const struct set *set;
	int t, nthreads, topn;
	int32_t thresh;
	struct best *best; /* n x topn: this thread's lists */
	int *count; /* n: entries used in each list */
};

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "gen_lookalikes: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	exit(2);
}

/* Like die(), for trouble with a file: "gen_lookalikes: 'path': what". */
static void die_file(const char *path, const char *what)
{
	fprintf(stderr, "gen_lookalikes: '%s': %s\n", path, what);
	exit(2);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		die("out of memory", NULL);
	return p;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* --- character set ------------------------------------------------------ */

/* Stores the GB2312 hanzi (rows 16-87, 0xB0A1-0xF7FE) in cp (room for 72 x
 * 94); returns how many. */
static int gb2312_hanzi(uint32_t *cp)
{
	UErrorCode st = U_ZERO_ERROR;
	UConverter *cnv = ucnv_open("GB2312", &st);
	int n = 0, hi, lo;

	if (U_FAILURE(st))
		die("cannot open ICU's GB2312 converter", u_errorName(st));
	ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &st);
	for (hi = 0xB0; hi <= 0xF7; hi++)
		for (lo = 0xA1; lo <= 0xFE; lo++) {
			const char src[2] = {(char)hi, (char)lo};
			UChar dst[4];
			int32_t len;

			st = U_ZERO_ERROR;
			ucnv_reset(cnv);
			len = ucnv_toUChars(cnv, dst, 4, src, 2, &st);
			if (U_SUCCESS(st) && len == 1 && u_hasBinaryProperty(dst[0], UCHAR_UNIFIED_IDEOGRAPH))
				cp[n++] = dst[0];
		}
	ucnv_close(cnv);
	return n;
}

/* Appends the unified ideographs of UTF-8 file `path` to *cp (grown as
 * needed, *cap entries); returns the new count. */
static int file_hanzi(const char *path, uint32_t **cp, int n, int *cap)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long size;
	int32_t i = 0;

	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) || size > INT32_MAX)
		die_file(path, strerror(errno));
	buf = xcalloc((size_t)size + 1, 1);
	if (fread(buf, 1, (size_t)size, f) != (size_t)size)
		die_file(path, "read error");
	fclose(f);
	while (i < size) {
		UChar32 c;
		U8_NEXT(buf, i, size, c);
		if (c < 0 || !u_hasBinaryProperty(c, UCHAR_UNIFIED_IDEOGRAPH))
			continue;
		if (n == *cap) {
			*cap *= 2;
			*cp = realloc(*cp, (size_t)*cap * sizeof(**cp));
			if (!*cp)
				die("out of memory", NULL);
		}
		(*cp)[n++] = (uint32_t)c;
	}
	free(buf);
	return n;
}

/* --- fonts and rendering ------------------------------------------------ */

/* Opens the Regular face of f->family in f->path (a .ttc holds several),
 * sized to `size` px per em. */
static void font_open(FT_Library lib, struct font *f, int size)
{
	FT_Face face;
	long i, nfaces;
	FT_UInt k;
	TT_OS2 *os2;

	if (FT_New_Face(lib, f->path, -1, &face))
		die_file(f->path, "cannot open font");
	nfaces = face->num_faces;
	FT_Done_Face(face);
	for (i = 0; i < nfaces; i++) {
		if (FT_New_Face(lib, f->path, i, &face))
			die_file(f->path, "cannot open font");
		if (face->family_name && !strcmp(face->family_name, f->family) && face->style_name &&
		    !strcmp(face->style_name, "Regular"))
			break;
		FT_Done_Face(face);
	}
	if (i == nfaces) {
		char what[200];
		snprintf(what, sizeof(what), "no face \"%s\" Regular", f->family);
		die_file(f->path, what);
	}
	if (FT_Set_Pixel_Sizes(face, 0, (FT_UInt)size))
		die_file(f->path, "cannot size font");
	f->face = face;
	f->index = i;
	os2 = FT_Get_Sfnt_Table(face, FT_SFNT_OS2);
	/* Without an OS/2 table, the usual CJK em box: 0.88 em above the
	 * baseline. */
	f->asc = os2 && os2->sTypoAscender > 0 ? os2->sTypoAscender : face->units_per_EM * 88 / 100;
	/* The version string (name ID 5, ASCII or UTF-16BE) for the header. */
	strcpy(f->version, "?");
	for (k = 0; k < FT_Get_Sfnt_Name_Count(face); k++) {
		FT_SfntName nm;
		size_t j, o = 0;
		int wide;

		if (FT_Get_Sfnt_Name(face, k, &nm) || nm.name_id != TT_NAME_ID_VERSION_STRING)
			continue;
		wide = nm.platform_id == TT_PLATFORM_MICROSOFT;
		for (j = (size_t)wide; j < nm.string_len && o + 1 < sizeof(f->version); j += 1 + (size_t)wide)
			if (nm.string[j] >= 0x20 && nm.string[j] < 0x7F && (!wide || !nm.string[j - 1]))
				f->version[o++] = (char)nm.string[j];
		f->version[o] = 0;
		break;
	}
}

/*
 * Renders c into img (size x size, the em box, 0 paper to 255 ink);
 * returns 0, or -1 when the font has no glyph for c.
 */
static int render(const struct font *f, uint32_t c, int size, int ink_align, uint8_t *img)
{
	FT_Face face = f->face;
	FT_GlyphSlot g = face->glyph;
	const FT_Bitmap *bm = &g->bitmap;
	int x, y, x0, y0, minx = size, maxx = -1, miny = size, maxy = -1;

	memset(img, 0, (size_t)size * size);
	if (!FT_Get_Char_Index(face, c) || FT_Load_Char(face, c, FT_LOAD_RENDER | FT_LOAD_NO_HINTING))
		return -1;
	x0 = g->bitmap_left;
	y0 = (int)lround((double)f->asc * size / face->units_per_EM) - g->bitmap_top;
	if (ink_align) { /* centre the ink's bounding box instead */
		for (y = 0; y < (int)bm->rows; y++)
			for (x = 0; x < (int)bm->width; x++)
				if (bm->buffer[y * bm->pitch + x] > 64) {
					minx = x < minx ? x : minx;
					maxx = x > maxx ? x : maxx;
					miny = y < miny ? y : miny;
					maxy = y > maxy ? y : maxy;
				}
		if (maxx >= 0) {
			x0 = (size - (maxx + minx + 1)) / 2;
			y0 = (size - (maxy + miny + 1)) / 2;
		}
	}
	/* Ink outside the em box (a pixel or two of a few glyphs) is clipped. */
	for (y = 0; y < (int)bm->rows; y++)
		for (x = 0; x < (int)bm->width; x++) {
			int X = x0 + x, Y = y0 + y;
			if (X >= 0 && X < size && Y >= 0 && Y < size)
				img[Y * size + X] = bm->buffer[y * bm->pitch + x];
		}
	return 0;
}

/* --- features ----------------------------------------------------------- */

/* Planes per font and groups per font (each group is normalised alone). */
static int planes_of(const struct opts *o)
{
	return (o->feat & FEAT_GRAY ? 1 : 0) + (o->feat & FEAT_DIR ? 4 : 0);
}

static int groups_of(const struct opts *o)
{
	return (o->feat & FEAT_GRAY ? 1 : 0) + (o->feat & FEAT_DIR ? 1 : 0);
}

/* One [1 2 1]/4 pass along both axes of the grid x grid plane v (zero
 * outside), using tmp. */
static void blur(double *v, double *tmp, int grid)
{
	int x, y;

	for (y = 0; y < grid; y++)
		for (x = 0; x < grid; x++) {
			double l = x > 0 ? v[y * grid + x - 1] : 0, r = x + 1 < grid ? v[y * grid + x + 1] : 0;
			tmp[y * grid + x] = (l + 2 * v[y * grid + x] + r) / 4;
		}
	for (y = 0; y < grid; y++)
		for (x = 0; x < grid; x++) {
			double u = y > 0 ? tmp[(y - 1) * grid + x] : 0, d = y + 1 < grid ? tmp[(y + 1) * grid + x] : 0;
			v[y * grid + x] = (u + 2 * tmp[y * grid + x] + d) / 4;
		}
}

static double pixel(const uint8_t *img, int size, int x, int y)
{
	return x < 0 || y < 0 || x >= size || y >= size ? 0 : img[y * size + x];
}

/*
 * The raw features of one rendering img (size x size): the gray plane and/or
 * the four direction planes, each grid x grid and blurred, into
 * out[planes_of(o) * grid^2].  v is scratch of as many doubles plus grid^2.
 * Returns -1 for an image without ink.
 */
static int features(const uint8_t *img, int size, const struct opts *o, float *out, double *v)
{
	int g = o->grid, gg = g * g, np = planes_of(o), x, y, i, ink = 0;
	double *gray = v, *dir = v + (o->feat & FEAT_GRAY ? gg : 0), *tmp = v + np * gg;

	for (i = 0; i < np * gg; i++)
		v[i] = 0;
	/* Pixel (x, y) goes to cell (x * g / size, y * g / size): exact area
	 * averaging when g divides size, near enough otherwise. */
	for (y = 0; y < size; y++)
		for (x = 0; x < size; x++) {
			int cell = (y * g / size) * g + x * g / size;
			double gx, gy, mag, t;
			int p;

			ink |= img[y * size + x];
			if (o->feat & FEAT_GRAY)
				gray[cell] += img[y * size + x];
			if (!(o->feat & FEAT_DIR))
				continue;
			gx = pixel(img, size, x + 1, y - 1) + 2 * pixel(img, size, x + 1, y) +
			     pixel(img, size, x + 1, y + 1) - pixel(img, size, x - 1, y - 1) -
			     2 * pixel(img, size, x - 1, y) - pixel(img, size, x - 1, y + 1);
			gy = pixel(img, size, x - 1, y + 1) + 2 * pixel(img, size, x, y + 1) +
			     pixel(img, size, x + 1, y + 1) - pixel(img, size, x - 1, y - 1) -
			     2 * pixel(img, size, x, y - 1) - pixel(img, size, x + 1, y - 1);
			mag = sqrt(gx * gx + gy * gy);
			if (mag == 0)
				continue;
			/* Orientation modulo 180 degrees in units of 45: [0, 4);
			 * the magnitude is shared by the two nearest planes. */
			t = fmod(atan2(gy, gx) / (PI / 4) + 8, 4);
			p = (int)t;
			t -= p;
			dir[(p % 4) * gg + cell] += mag * (1 - t);
			dir[((p + 1) % 4) * gg + cell] += mag * t;
		}
	for (i = 0; i < np * o->blur; i++)
		blur(v + (i % np) * gg, tmp, g);
	for (i = 0; i < np * gg; i++)
		out[i] = (float)v[i];
	return ink ? 0 : -1;
}

/* Subtracts the mean and divides by the norm of the n values of r (after
 * subtracting m cell by cell), into q at QSCALE. */
static void normalise(const float *r, const double *m, int n, int16_t *q)
{
	double avg = 0, norm = 0;
	int k;

	for (k = 0; k < n; k++)
		avg += r[k] - m[k];
	avg /= n;
	for (k = 0; k < n; k++)
		norm += (r[k] - m[k] - avg) * (r[k] - m[k] - avg);
	norm = norm > 0 ? sqrt(norm) : 1;
	for (k = 0; k < n; k++)
		q[k] = (int16_t)lround((r[k] - m[k] - avg) / norm * QSCALE);
}

/* Renders the n characters of cp in every font and fills s; characters
 * some font lacks are left out (and cp compacted). */
static void build(struct set *s, const struct opts *o, uint32_t *cp, int n)
{
	int gg = o->grid * o->grid, fd = planes_of(o) * gg, fg = o->nfonts * fd, i, k, f, keep = 0;
	uint8_t *img = xcalloc((size_t)o->size * o->size, 1);
	double *scratch = xcalloc((size_t)fd + gg, sizeof(*scratch)), *mean = xcalloc((size_t)fg, sizeof(*mean));
	float *raw = xcalloc((size_t)n * fg, sizeof(*raw));

	for (i = 0; i < n; i++) {
		float *r = raw + (size_t)keep * fg;
		for (f = 0; f < o->nfonts; f++)
			if (render(&o->font[f], cp[i], o->size, o->ink_align, img) ||
			    features(img, o->size, o, r + f * fd, scratch))
				break;
		if (f < o->nfonts) {
			fprintf(stderr, "gen_lookalikes: U+%04X: no glyph in %s, left out\n", (unsigned)cp[i],
				o->font[f].family);
			continue;
		}
		cp[keep++] = cp[i];
	}
	s->cp = cp;
	s->n = keep;
	if (o->center && keep) {
		for (i = 0; i < keep; i++)
			for (k = 0; k < fg; k++)
				mean[k] += raw[(size_t)i * fg + k];
		for (k = 0; k < fg; k++)
			mean[k] /= keep;
	}

	s->dim = (fg + 15) / 16 * 16;
	s->vec = xcalloc((size_t)keep * s->dim, sizeof(*s->vec));
	s->one = (int32_t)(o->nfonts * groups_of(o) * QSCALE * QSCALE);
	for (i = 0; i < keep; i++)
		for (f = 0; f < o->nfonts; f++) {
			size_t at = (size_t)f * fd;
			int16_t *q = s->vec + (size_t)i * s->dim;
			const float *r = raw + (size_t)i * fg;

			if (o->feat & FEAT_GRAY) {
				normalise(r + at, mean + at, gg, q + at);
				at += gg;
			}
			if (o->feat & FEAT_DIR)
				normalise(r + at, mean + at, 4 * gg, q + at);
		}
	free(img);
	free(scratch);
	free(mean);
	free(raw);
}

/* --- pairwise pass ------------------------------------------------------ */

/* The inner loop has a fixed trip count so that compilers vectorise it
 * (pmaddwd and the like) at -O2 too. */
static int32_t dot(const int16_t *a, const int16_t *b, int dim)
{
	int32_t s = 0;
	int i, k;

	for (i = 0; i < dim; i += 16)
		for (k = 0; k < 16; k++)
			s += (int32_t)a[i + k] * b[i + k];
	return s;
}

/* Order of list entries: score descending, then partner ascending, so that
 * the lists do not depend on the order in which pairs are scored. */
static int better(int32_t s, int32_t j, const struct best *b)
{
	return s > b->s || (s == b->s && j < b->j);
}

/* Offers partner j with score sc to a list of topn entries. */
static void offer(struct best *list, int *count, int topn, int32_t sc, int32_t j)
{
	int k = *count;

	if (k == topn && !better(sc, j, &list[k - 1]))
		return;
	if (k < topn)
		(*count)++;
	else
		k--;
	while (k > 0 && better(sc, j, &list[k - 1])) {
		list[k] = list[k - 1];
		k--;
	}
	list[k].s = sc;
	list[k].j = j;
}

/* The lowest score that can still enter list i. */
static int32_t floor_of(const struct job *jb, int i)
{
	int32_t f = jb->thresh;
	const struct best *last = &jb->best[(size_t)i * jb->topn + jb->topn - 1];

	return jb->count[i] == jb->topn && last->s > f ? last->s : f;
}

/* Rows t, t + nthreads, ... against every later row (interleaved rows even
 * out the shrinking lengths). */
static void *run_job(void *arg)
{
	struct job *jb = arg;
	const struct set *s = jb->set;
	int i, j, topn = jb->topn;

	for (i = jb->t; i < s->n; i += jb->nthreads) {
		const int16_t *a = s->vec + (size_t)i * s->dim;
		for (j = i + 1; j < s->n; j++) {
			int32_t sc = dot(a, s->vec + (size_t)j * s->dim, s->dim);
			if (sc >= floor_of(jb, i))
				offer(jb->best + (size_t)i * topn, &jb->count[i], topn, sc, j);
			if (sc >= floor_of(jb, j))
				offer(jb->best + (size_t)j * topn, &jb->count[j], topn, sc, i);
		}
	}
	return NULL;
}

struct edge {
	uint32_t a, b;
	int32_t s;
};

static int cmp_edge(const void *x, const void *y)
{
	const struct edge *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	if (p->s != q->s)
		return p->s > q->s ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

/* The table: every character's list, both directions, sorted; *out is the
 * caller's to free.  Returns the number of edges. */
static size_t pairwise(struct edge **out, const struct set *s, const struct opts *o)
{
	struct job *jobs = xcalloc((size_t)o->threads, sizeof(*jobs));
	pthread_t *tid = xcalloc((size_t)o->threads, sizeof(*tid));
	struct edge *e;
	size_t ne = 0, nout = 0, m;
	int i, k, t;

	for (t = 0; t < o->threads; t++) {
		jobs[t] = (struct job){.set = s, .t = t, .nthreads = o->threads, .topn = o->topn};
		jobs[t].thresh = (int32_t)ceil(o->thresh * s->one);
		jobs[t].best = xcalloc((size_t)s->n * o->topn, sizeof(struct best));
		jobs[t].count = xcalloc((size_t)s->n, sizeof(int));
		if (pthread_create(&tid[t], NULL, run_job, &jobs[t]))
			die("cannot start a thread", NULL);
	}
	for (t = 0; t < o->threads; t++)
		pthread_join(tid[t], NULL);

	/* Each thread saw every pair of its rows, and its lists hold the best
	 * of those; the best of the union is the best of the lists. */
	for (i = 0; i < s->n; i++)
		for (t = 1; t < o->threads; t++)
			for (k = 0; k < jobs[t].count[i]; k++) {
				const struct best *b = &jobs[t].best[(size_t)i * o->topn + k];
				offer(jobs[0].best + (size_t)i * o->topn, &jobs[0].count[i], o->topn, b->s, b->j);
			}
	e = xcalloc((size_t)s->n * o->topn * 2, sizeof(*e));
	for (i = 0; i < s->n; i++)
		for (k = 0; k < jobs[0].count[i]; k++) {
			const struct best *b = &jobs[0].best[(size_t)i * o->topn + k];
			e[ne++] = (struct edge){s->cp[i], s->cp[b->j], b->s};
			e[ne++] = (struct edge){s->cp[b->j], s->cp[i], b->s};
		}
	qsort(e, ne, sizeof(*e), cmp_edge);
	for (m = 0; m < ne; m++) /* a pair in both lists came twice */
		if (!m || e[m].a != e[m - 1].a || e[m].b != e[m - 1].b)
			e[nout++] = e[m];
	for (t = 0; t < o->threads; t++) {
		free(jobs[t].best);
		free(jobs[t].count);
	}
	free(jobs);
	free(tid);
	*out = e;
	return nout;
}

/* --- output ------------------------------------------------------------- */

static void print_header(const struct set *s, const struct opts *o, int argc, char **argv, size_t nlines,
			 double secs)
{
	const char *env = getenv("SOURCE_DATE_EPOCH"), *prog = strrchr(argv[0], '/');
	time_t now = env ? (time_t)strtoll(env, NULL, 10) : time(NULL);
	char date[32];
	int i;

	strftime(date, sizeof(date), "%Y-%m-%d", gmtime(&now));
	printf("# lookalikes.tsv: Chinese characters whose glyphs look alike (what OCR confuses)\n"
	       "# generated %s by tools/gen_lookalikes.c (FreeType %d.%d.%d, ICU %s) in %.1f s\n"
	       "# command: %s",
	       date, FREETYPE_MAJOR, FREETYPE_MINOR, FREETYPE_PATCH, U_ICU_VERSION, secs,
	       prog ? prog + 1 : argv[0]);
	for (i = 1; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
	for (i = 0; i < o->nfonts; i++)
		printf("# font: %s face %ld, \"%s\" Regular, %s\n", o->font[i].path, o->font[i].index,
		       o->font[i].family, o->font[i].version);
	printf("# render: %d px per em, anti-aliased, unhinted; %s\n", o->size,
	       o->ink_align ? "ink bounding box centred in the em box"
			    : "glyph where the font puts it in the em box (OS/2 typo ascender to descender)");
	printf("# method: %dx%d cells of%s%s%s, %d pass(es) of [1 2 1]/4 blur, %s;\n"
	       "#   score = normalised cross-correlation averaged over %d group(s) (font x feature)\n",
	       o->grid, o->grid, o->feat & FEAT_GRAY ? " gray level" : "",
	       o->feat == (FEAT_GRAY | FEAT_DIR) ? " and" : "",
	       o->feat & FEAT_DIR ? " 4 stroke directions (Sobel)" : "", o->blur,
	       o->center ? "minus the set's mean, zero mean, unit norm" : "zero mean, unit norm",
	       o->nfonts * groups_of(o));
	printf("# characters: %d = the %d GB2312 hanzi (ICU \"GB2312\", 0xB0A1-0xF7FE)", s->n, s->n_gb);
	for (i = 0; i < o->nchars; i++)
		printf("%s%s", i ? ", " : " + the other ideographs of ", o->chars[i]);
	printf("\n# pairs: each character's top %d others with score >= %.2f, listed both ways: %zu lines\n"
	       "# columns: code point, look-alike code point, score in (0, 1] (tab-separated);\n"
	       "#   sorted by first code point, then score descending; see data/README.md\n",
	       o->topn, o->thresh, nlines);
}

/* Score and rank (1 = most alike of all) of the first two ideographs on
 * each line of o->pairs; "-" for characters outside the set. */
static void score_pairs(const struct set *s, const struct opts *o)
{
	FILE *f = fopen(o->pairs, "rb");
	char line[1024];

	if (!f)
		die_file(o->pairs, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		int32_t i = 0, len = (int32_t)strlen(line), k = 0, m, rank = 1, idx[2];
		uint32_t cc[2];
		const int16_t *a;
		int32_t sc;

		while (i < len && k < 2) {
			UChar32 c;
			U8_NEXT(line, i, len, c);
			if (c >= 0 && u_hasBinaryProperty(c, UCHAR_UNIFIED_IDEOGRAPH))
				cc[k++] = (uint32_t)c;
		}
		if (k < 2)
			continue;
		for (k = 0; k < 2; k++) {
			const uint32_t *hit = bsearch(&cc[k], s->cp, (size_t)s->n, sizeof(*s->cp), cmp_u32);
			idx[k] = hit ? (int32_t)(hit - s->cp) : -1;
		}
		if (idx[0] < 0 || idx[1] < 0) {
			printf("U+%04X\tU+%04X\t-\t-\n", (unsigned)cc[0], (unsigned)cc[1]);
			continue;
		}
		a = s->vec + (size_t)idx[0] * s->dim;
		sc = dot(a, s->vec + (size_t)idx[1] * s->dim, s->dim);
		for (m = 0; m < s->n; m++)
			if (m != idx[0] && m != idx[1] && dot(a, s->vec + (size_t)m * s->dim, s->dim) > sc)
				rank++;
		printf("U+%04X\tU+%04X\t%.4f\t%d\n", (unsigned)cc[0], (unsigned)cc[1], (double)sc / s->one, rank);
	}
	fclose(f);
}

static void usage(FILE *f)
{
	fputs("usage: gen_lookalikes [options] > lookalikes.tsv\n"
	      "       gen_lookalikes [options] --pairs FILE\n"
	      "  -n N             look-alikes kept per character (default 10)\n"
	      "  -t SCORE         lowest score kept (default 0.5)\n"
	      "  -j THREADS       threads of the pairwise pass (default 2)\n"
	      "  -s PX            pixels per em (default 48)\n"
	      "  -g CELLS         cells per side of the feature grid (default 16)\n"
	      "  -b PASSES        blur passes (default 1)\n"
	      "  --features gray|dir|both   feature planes (default both)\n"
	      "  --center set|glyph         subtract the set's mean glyph first (set,\n"
	      "                   default) or only each glyph's own mean (glyph)\n"
	      "  --align em|ink   keep glyphs in the em box (default) or centre their ink\n"
	      "  --font PATH:FAMILY   a font: the Regular face of FAMILY in PATH;\n"
	      "                   repeatable; default Noto Serif CJK SC and Noto Sans CJK SC\n"
	      "                   of /usr/share/fonts/opentype/noto\n"
	      "  --chars FILE     also take the ideographs of UTF-8 FILE; repeatable\n"
	      "  --pairs FILE     no table: for the first two ideographs on each line of\n"
	      "                   FILE print both, their score and the rank of the second\n"
	      "                   among the look-alikes of the first (1 = most alike)\n",
	      f);
}

static const char *arg(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		usage(stderr);
		exit(2);
	}
	return argv[++*i];
}

static void parse(struct opts *o, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		if (!strcmp(a, "-n"))
			o->topn = atoi(arg(argc, argv, &i));
		else if (!strcmp(a, "-t"))
			o->thresh = atof(arg(argc, argv, &i));
		else if (!strcmp(a, "-j"))
			o->threads = atoi(arg(argc, argv, &i));
		else if (!strcmp(a, "-s"))
			o->size = atoi(arg(argc, argv, &i));
		else if (!strcmp(a, "-g"))
			o->grid = atoi(arg(argc, argv, &i));
		else if (!strcmp(a, "-b"))
			o->blur = atoi(arg(argc, argv, &i));
		else if (!strcmp(a, "--features")) {
			v = arg(argc, argv, &i);
			o->feat = !strcmp(v, "gray") ? FEAT_GRAY : !strcmp(v, "dir") ? FEAT_DIR
						 : !strcmp(v, "both") ? FEAT_GRAY | FEAT_DIR : 0;
		} else if (!strcmp(a, "--center")) {
			v = arg(argc, argv, &i);
			o->center = !strcmp(v, "set") ? 1 : !strcmp(v, "glyph") ? 0 : -1;
		} else if (!strcmp(a, "--align")) {
			v = arg(argc, argv, &i);
			o->ink_align = !strcmp(v, "ink") ? 1 : !strcmp(v, "em") ? 0 : -1;
		} else if (!strcmp(a, "--pairs"))
			o->pairs = arg(argc, argv, &i);
		else if (!strcmp(a, "--chars") && o->nchars < MAXFILES)
			o->chars[o->nchars++] = arg(argc, argv, &i);
		else if (!strcmp(a, "--font") && o->nfonts < MAXFONTS) {
			char *p, *colon;
			arg(argc, argv, &i);
			p = argv[i];
			colon = strrchr(p, ':');
			if (!colon)
				die("--font wants PATH:FAMILY", p);
			*colon = 0;
			o->font[o->nfonts].path = p;
			o->font[o->nfonts++].family = colon + 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			exit(0);
		} else {
			usage(stderr);
			exit(2);
		}
	}
	if (o->topn < 1 || o->topn > 100 || o->threads < 1 || o->threads > 64 || o->size < 8 || o->size > 1024 ||
	    o->grid < 1 || o->grid > o->size || o->blur < 0 || !o->feat || o->center < 0 || o->ink_align < 0) {
		usage(stderr);
		exit(2);
	}
	if (!o->nfonts) {
		o->font[0].path = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
		o->font[0].family = "Noto Serif CJK SC";
		o->font[1].path = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
		o->font[1].family = "Noto Sans CJK SC";
		o->nfonts = 2;
	}
}

int main(int argc, char **argv)
{
	struct opts o = {.topn = 10, .thresh = 0.5, .threads = 2, .size = 48, .grid = 16, .blur = 1,
			 .feat = FEAT_GRAY | FEAT_DIR, .center = 1};
	struct set s = {0};
	struct timespec t0, t1;
	FT_Library lib;
	uint32_t *cp;
	int cap = 72 * 94, n, i, k;
	struct edge *e;
	size_t ne, m;

	parse(&o, argc, argv);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (FT_Init_FreeType(&lib))
		die("cannot start FreeType", NULL);
	for (i = 0; i < o.nfonts; i++)
		font_open(lib, &o.font[i], o.size);

	cp = xcalloc((size_t)cap, sizeof(*cp));
	n = s.n_gb = gb2312_hanzi(cp);
	if (n != 6763)
		fprintf(stderr, "gen_lookalikes: warning: %d GB2312 hanzi, not 6763\n", n);
	for (i = 0; i < o.nchars; i++)
		n = file_hanzi(o.chars[i], &cp, n, &cap);
	qsort(cp, (size_t)n, sizeof(*cp), cmp_u32);
	for (i = k = 0; i < n; i++)
		if (!k || cp[k - 1] != cp[i])
			cp[k++] = cp[i];
	build(&s, &o, cp, k);

	if (o.pairs)
		score_pairs(&s, &o);
	else {
		ne = pairwise(&e, &s, &o);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		print_header(&s, &o, argc, argv, ne,
			     (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
		for (m = 0; m < ne; m++)
			printf("U+%04X\tU+%04X\t%.4f\n", (unsigned)e[m].a, (unsigned)e[m].b, (double)e[m].s / s.one);
		free(e);
	}
	for (i = 0; i < o.nfonts; i++)
		FT_Done_Face(o.font[i].face);
	FT_Done_FreeType(lib);
	free(s.vec);
	free(cp);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "gen_lookalikes: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

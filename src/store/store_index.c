/*
 * The store's fingerprint index (store_index.h).
 *
 * A segment file is a 32-byte header — the magic "SCDSEG03", the entry
 * count (u64), the XXH64 of the entries (u64), the byte-order mark
 * 0x01020304 (u32) and the id of the OpenCC tables the keys were made
 * with (u32, scd_opencc__key_id(): other tables, other fingerprints, and
 * the index is rebuilt) — then the bucket table (below, 65,537
 * u32, padded to 8 bytes), then the entries, 16 bytes each in host byte order, sorted by
 * hash, witness, position.  Segments are mapped, not read: a lookup reads
 * two table slots and binary-searches one bucket, so a trace touches a
 * few pages of each segment, not all of them.  The index is derived
 * data: a segment written on a machine of the other byte order fails the
 * mark and the index is rebuilt.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xxhash.h>

#include "store/store_index.h"
#include "scodiff/normalize.h"
#include "text/opencc.h"
#include "index/fingerprint.h"
#include "util/array.h"
#include "util/error.h"

/* 03: keys fold regional vocabulary (normalize.h); the fingerprints of
 * an 02 segment are of other keys, and such an index is rebuilt. */
#define SEG_MAGIC "SCDSEG03"
#define SEG_HEADER 32
#define SEG_MARK 0x01020304u

/* Entries whose hash has the top BUCKET_BITS bits b start at
 * start[b]: a lookup searches only its bucket (a few dozen entries in a
 * store of 100 MB) instead of the whole segment. */
#define BUCKET_BITS 16

/* A mapped segment file: the fingerprint index (fpindex.h) on disk. */
typedef struct {
	void *map;
	size_t maplen;
	scd_fpindex x; /* a view of the file's table and entries */
} segment;

#define TABLE_BYTES ((((size_t)1 << BUCKET_BITS) + 1) * sizeof(uint32_t))
/* The table padded to 8 bytes, so that the entries after it are aligned
 * (found by tests/fuzz/store_meta_fuzzer.c under UBSan). */
#define TABLE_SPACE ((TABLE_BYTES + 7) & ~(size_t)7)

/*
 * The in-memory entries: runs of fingerprint indexes, one per witness
 * added, merged as segments are (the newest with the one before while it
 * is as large as half of it), so a lookup reads about log2(witnesses)
 * buckets.  A run holds witnesses in increasing numbers, and merging
 * lays the older first: the order among equal hashes is (witness,
 * position), as in a segment.
 */
typedef struct {
	scd_fpindex *run;
	size_t nrun, caprun;
	size_t n; /* entries in all runs */
} memtable;

static void mem_clear(memtable *t);

struct scd_store__index {
	char *dir;
	scd_store__manifest man;
	size_t capw;
	segment *seg;
	/* witness ids sorted, with their numbers, for lookups by id */
	struct sorted_id { char id[SCD_STORE_ID_LEN + 1]; uint32_t num; } *byid;
	size_t nbyid, capbyid;
	memtable mem;
};

static char *path_in(const char *dir, const char *name)
{
	size_t l = strlen(dir) + strlen(name) + 2;
	char *p = malloc(l);

	if (p)
		snprintf(p, l, "%s/%s", dir, name);
	return p;
}

static int cmp_byid(const void *x, const void *y)
{
	return strcmp(((const struct sorted_id *)x)->id, ((const struct sorted_id *)y)->id);
}

static int rebuild_byid(scd_store__index *x)
{
	size_t i;
	int error;

	if ((error = scd_array__reserve(&x->byid, &x->capbyid, x->man.nwitnesses + 1,
					sizeof(*x->byid))) < 0)
		return error;
	for (i = 0; i < x->man.nwitnesses; i++) {
		memcpy(x->byid[i].id, x->man.witnesses[i], SCD_STORE_ID_LEN + 1);
		x->byid[i].num = (uint32_t)i;
	}
	x->nbyid = x->man.nwitnesses;
	if (x->nbyid > 1)
		qsort(x->byid, x->nbyid, sizeof(*x->byid), cmp_byid);
	for (i = 1; i < x->nbyid; i++)
		if (!strcmp(x->byid[i].id, x->byid[i - 1].id))
			return scd_error__set(SCD_EINVALID, "%s/manifest: witness %s listed twice",
					      x->dir, x->byid[i].id);
	return 0;
}

static void unmap_segments(scd_store__index *x)
{
	size_t i;

	for (i = 0; x->seg && i < x->man.nsegments; i++)
		if (x->seg[i].map)
			munmap(x->seg[i].map, x->seg[i].maplen);
	free(x->seg);
	x->seg = NULL;
}

static int map_segment(scd_store__index *x, size_t i)
{
	const scd_store__segment *sg = &x->man.segments[i];
	char *p = path_in(x->dir, sg->name);
	struct stat st;
	unsigned char *m;
	uint32_t mark, keys;
	uint64_t count;
	int fd, error = 0;

	if (!p)
		return scd_error__nomem();
	if ((fd = open(p, O_RDONLY | O_CLOEXEC)) < 0) {
		error = scd_error__set(SCD_EINVALID, "%s: %s", p, strerror(errno));
		goto done;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size < SEG_HEADER + TABLE_SPACE ||
	    (uint64_t)st.st_size - SEG_HEADER - TABLE_SPACE != sg->count * sizeof(scd_store__fp)) {
		error = scd_error__set(SCD_EINVALID, "%s: size does not match the manifest", p);
		goto done;
	}
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (m == MAP_FAILED) {
		error = scd_error__set(SCD_EIO, "%s: %s", p, strerror(errno));
		goto done;
	}
	x->seg[i].map = m;
	x->seg[i].maplen = (size_t)st.st_size;
	memcpy(&count, m + 8, 8);
	memcpy(&mark, m + 24, 4);
	memcpy(&keys, m + 28, 4);
	if (!memcmp(m, SEG_MAGIC, 8) && mark == SEG_MARK && keys != scd_opencc__key_id()) {
		/* not damage: keys of other OpenCC or ICU data */
		error = scd_error__set(SCD_ENOTFOUND, "%s: fingerprints of keys made with "
				       "other OpenCC data (tables %08x, these %08x)",
				       p, keys, scd_opencc__key_id());
		goto done;
	}
	if (!memcmp(m, SEG_MAGIC, 7) && memcmp(m, SEG_MAGIC, 8)) {
		/* not damage: derived data of an older format */
		error = scd_error__set(SCD_ENOTFOUND, "%s: a segment of another scodiff (%.8s)",
				       p, (const char *)m);
		goto done;
	}
	if (memcmp(m, SEG_MAGIC, 8) || mark != SEG_MARK || count != sg->count ||
	    count >= UINT32_MAX) {
		error = scd_error__set(SCD_EINVALID, "%s: not a segment of this manifest", p);
		goto done;
	}
	scd_fpindex_view(&x->seg[i].x, (const scd_store__fp *)(m + SEG_HEADER + TABLE_SPACE),
			 (size_t)count, (const uint32_t *)(m + SEG_HEADER), BUCKET_BITS);
done:
	if (fd >= 0)
		close(fd);
	free(p);
	return error;
}

int scd_store__index_empty(scd_store__index **out, const char *dir)
{
	scd_store__index *x = calloc(1, sizeof(*x));

	*out = NULL;
	if (!x || !(x->dir = strdup(dir))) {
		free(x);
		return scd_error__nomem();
	}
	x->man.next_segment = 1;
	*out = x;
	return 0;
}

int scd_store__index_open(scd_store__index **out, const char *dir)
{
	scd_store__index *x;
	char *p = NULL, *buf = NULL;
	FILE *f = NULL;
	size_t len = 0, i;
	int error;

	if ((error = scd_store__index_empty(&x, dir)) < 0)
		return error;
	if (!(p = path_in(dir, "manifest"))) {
		error = scd_error__nomem();
		goto fail;
	}
	if (!(f = fopen(p, "rb"))) {
		if (errno == ENOENT) {
			free(p);
			*out = x;
			return 0;
		}
		error = scd_error__set(SCD_EIO, "%s: %s", p, strerror(errno));
		goto fail;
	}
	{
		char chunk[65536];
		size_t got, cap = 0;
		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
			if (len + got > (64u << 20)) {
				error = scd_error__set(SCD_EINVALID, "%s: too large", p);
				goto fail;
			}
			if ((error = scd_array__reserve(&buf, &cap, len + got, 1)) < 0)
				goto fail;
			memcpy(buf + len, chunk, got);
			len += got;
		}
		if (ferror(f)) {
			error = scd_error__set(SCD_EIO, "%s: read error", p);
			goto fail;
		}
	}
	scd_store__manifest_clear(&x->man);
	if ((error = scd_store__manifest_parse(&x->man, buf ? buf : "", len, p)) < 0)
		goto fail;
	x->capw = x->man.nwitnesses;
	if ((error = rebuild_byid(x)) < 0)
		goto fail;
	if (x->man.nsegments && !(x->seg = calloc(x->man.nsegments, sizeof(*x->seg)))) {
		error = scd_error__nomem();
		goto fail;
	}
	for (i = 0; i < x->man.nsegments; i++)
		if ((error = map_segment(x, i)) < 0)
			goto fail;
	fclose(f);
	free(buf);
	free(p);
	*out = x;
	return 0;
fail:
	if (f)
		fclose(f);
	free(buf);
	free(p);
	scd_store__index_free(x);
	return error;
}

void scd_store__index_free(scd_store__index *x)
{
	if (!x)
		return;
	unmap_segments(x);
	scd_store__manifest_clear(&x->man);
	free(x->byid);
	mem_clear(&x->mem);
	free(x->mem.run);
	free(x->dir);
	free(x);
}

const char *scd_store__index_commit(const scd_store__index *x)
{
	return x->man.commit;
}

size_t scd_store__index_nwitnesses(const scd_store__index *x)
{
	return x->man.nwitnesses;
}

const char *scd_store__index_witness(const scd_store__index *x, size_t i)
{
	return i < x->man.nwitnesses ? x->man.witnesses[i] : NULL;
}

long scd_store__index_find_witness(const scd_store__index *x, const char *id)
{
	struct sorted_id key, *hit;

	if (strlen(id) != SCD_STORE_ID_LEN || !x->nbyid)
		return -1;
	memcpy(key.id, id, SCD_STORE_ID_LEN + 1);
	hit = bsearch(&key, x->byid, x->nbyid, sizeof(key), cmp_byid);
	return hit ? (long)hit->num : -1;
}

/* ---- the in-memory table ------------------------------------------------ */

static void mem_clear(memtable *t)
{
	size_t i;

	for (i = 0; i < t->nrun; i++)
		scd_fpindex_free(&t->run[i]);
	t->nrun = 0;
	t->n = 0;
}

/* The entries of runs [from, nrun) in one malloc'd array, older first. */
static scd_store__fp *mem_concat(const memtable *t, size_t from, size_t *n)
{
	scd_store__fp *e;
	size_t i, k = 0;

	for (i = from, *n = 0; i < t->nrun; i++)
		*n += t->run[i].n;
	if (!(e = malloc((*n ? *n : 1) * sizeof(*e))))
		return NULL;
	for (i = from; i < t->nrun; i++) {
		memcpy(e + k, t->run[i].e, t->run[i].n * sizeof(*e));
		k += t->run[i].n;
	}
	return e;
}

/* Merge the newest runs while the newest is as large as half the one
 * before it. */
static int mem_merge(memtable *t)
{
	while (t->nrun > 1 && 2 * t->run[t->nrun - 1].n >= t->run[t->nrun - 2].n) {
		scd_fpindex m;
		size_t n;
		scd_store__fp *e = mem_concat(t, t->nrun - 2, &n);
		int error;
		if (!e)
			return scd_error__nomem();
		if ((error = scd_fpindex_build(&m, e, n, scd_fpindex_bits(n))) < 0)
			return error;
		scd_fpindex_free(&t->run[t->nrun - 1]);
		scd_fpindex_free(&t->run[t->nrun - 2]);
		t->run[t->nrun - 2] = m;
		t->nrun--;
	}
	return 0;
}

int scd_store__index_add(scd_store__index *x, const char *id,
			 const scd_store__fp *fp, size_t n)
{
	memtable *t = &x->mem;
	size_t i, num = x->man.nwitnesses;
	scd_store__fp *e;
	int error;

	if (num >= UINT32_MAX || t->n + n >= UINT32_MAX)
		return scd_error__set(SCD_EINVALID, "store index: too many entries");
	if ((error = scd_array__reserve(&x->man.witnesses, &x->capw, num + 1,
					sizeof(*x->man.witnesses))) < 0 ||
	    (error = scd_array__reserve(&t->run, &t->caprun, t->nrun + 1, sizeof(*t->run))) < 0)
		return error;
	if (!(e = malloc((n ? n : 1) * sizeof(*e))))
		return scd_error__nomem();
	for (i = 0; i < n; i++) {
		e[i] = fp[i];
		e[i].doc = (uint32_t)num;
	}
	if ((error = scd_fpindex_build(&t->run[t->nrun], e, n, scd_fpindex_bits(n))) < 0)
		return error;
	t->nrun++;
	t->n += n;
	memcpy(x->man.witnesses[num], id, SCD_STORE_ID_LEN + 1);
	x->man.nwitnesses++;
	if ((error = rebuild_byid(x)) < 0) {
		x->man.nwitnesses--;
		t->n -= n;
		scd_fpindex_free(&t->run[--t->nrun]);
		return error;
	}
	return mem_merge(t);
}

/* ---- lookups ------------------------------------------------------------ */

/* Append the entries of hash in x to buf (at most cap in all). */
static size_t find_in(const scd_fpindex *x, uint64_t hash, size_t nwitnesses,
		      scd_store__fp *buf, size_t cap, size_t total)
{
	const scd_store__fp *run;
	size_t n = scd_fpindex_find(x, hash, &run), j;

	for (j = 0; j < n; j++) {
		if (run[j].doc >= nwitnesses)
			continue;
		if (total < cap)
			buf[total] = run[j];
		total++;
	}
	return total;
}

size_t scd_store__index_find(const scd_store__index *x, uint64_t hash,
			     scd_store__fp *buf, size_t cap)
{
	size_t total = 0, i;

	for (i = 0; i < x->man.nsegments; i++)
		total = find_in(&x->seg[i].x, hash, x->man.nwitnesses, buf, cap, total);
	for (i = 0; i < x->mem.nrun; i++)
		total = find_in(&x->mem.run[i], hash, x->man.nwitnesses, buf, cap, total);
	return total;
}

/* ---- writing ------------------------------------------------------------ */

/*
 * Write the parts part[0..n) (len[i] bytes each) to file p: to a new file
 * beside it, flushed to disk and renamed over it, so that a reader sees
 * the old file or the new one, never half of one.  The new file's name is
 * unpredictable and made with O_EXCL (mkstemp), so that a link planted at
 * a guessable temp name cannot make the store write outside itself
 * (issue "Reliability").  On failure nothing is left behind.
 */
static int write_beside(const char *p, const void *const *part, const size_t *len, size_t n)
{
	char *tmp = malloc(strlen(p) + 16);
	FILE *f = NULL;
	size_t i;
	int fd, ok;

	if (!tmp)
		return scd_error__nomem();
	sprintf(tmp, "%s.tmp-XXXXXX", p);
	if ((fd = mkstemp(tmp)) < 0 || fchmod(fd, 0644) != 0 || !(f = fdopen(fd, "wb"))) {
		int e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		scd_error__set(SCD_EIO, "%s: %s", tmp, strerror(e));
		free(tmp);
		return SCD_EIO;
	}
	for (i = 0, ok = 1; i < n && ok; i++)
		ok = !len[i] || fwrite(part[i], 1, len[i], f) == len[i];
	ok = ok && fflush(f) == 0 && fsync(fileno(f)) == 0;
	if (fclose(f) != 0 || !ok) {
		scd_error__set(SCD_EIO, "%s: write error: %s", tmp, strerror(errno));
		unlink(tmp);
		free(tmp);
		return SCD_EIO;
	}
	if (rename(tmp, p) != 0) {
		scd_error__set(SCD_EIO, "%s: %s", p, strerror(errno));
		unlink(tmp);
		free(tmp);
		return SCD_EIO;
	}
	free(tmp);
	return 0;
}

/* Write e[0..n) as segment `name` (temp file + rename). */
static int write_segment(scd_store__index *x, scd_store__segment *sg,
			 const scd_store__fp *e, size_t n)
{
	unsigned char h[SEG_HEADER] = { 0 };
	uint64_t count = n, sum = XXH64(e, n * sizeof(*e), 0);
	uint32_t mark = SEG_MARK, keys = scd_opencc__key_id(), *table;
	char *p;
	int error;

	/* start of each bucket: entries are sorted by hash */
	if (!(table = calloc(1, TABLE_SPACE)))
		return scd_error__nomem();
	scd_fpindex_table(table, e, n, BUCKET_BITS);

	snprintf(sg->name, sizeof(sg->name), "seg-%06lu", x->man.next_segment++);
	sg->count = count;
	sg->checksum = sum;
	if (!(p = path_in(x->dir, sg->name))) {
		free(table);
		return scd_error__nomem();
	}
	memcpy(h, SEG_MAGIC, 8);
	memcpy(h + 8, &count, 8);
	memcpy(h + 16, &sum, 8);
	memcpy(h + 24, &mark, 4);
	memcpy(h + 28, &keys, 4);
	{
		const void *part[] = { h, table, e };
		const size_t len[] = { sizeof(h), TABLE_SPACE, n * sizeof(*e) };
		error = write_beside(p, part, len, 3);
	}
	free(table);
	free(p);
	return error;
}

/* Merge two sorted runs into one array. */
static scd_store__fp *merge_runs(const scd_store__fp *a, size_t na,
				 const scd_store__fp *b, size_t nb)
{
	scd_store__fp *m = malloc((na + nb ? na + nb : 1) * sizeof(*m));
	size_t i = 0, j = 0, k = 0;

	if (!m)
		return NULL;
	while (i < na && j < nb)
		m[k++] = scd_posting_cmp(&a[i], &b[j]) <= 0 ? a[i++] : b[j++];
	while (i < na)
		m[k++] = a[i++];
	while (j < nb)
		m[k++] = b[j++];
	return m;
}

static int write_manifest(const scd_store__index *x, const scd_store__manifest *man)
{
	char *text = NULL, *p = path_in(x->dir, "manifest");
	int error;

	if (!p)
		return scd_error__nomem();
	if ((error = scd_store__manifest_format(&text, man)) == 0) {
		const void *part[] = { text };
		const size_t len[] = { strlen(text) };
		error = write_beside(p, part, len, 1);
	}
	free(text);
	free(p);
	return error;
}

/* Remove files of the folder that the manifest does not name (segments
 * merged away, temp files of an interrupted writer). */
static void sweep(const scd_store__index *x)
{
	char cmd[64];
	size_t i;
	unsigned long k;

	for (k = 1; k < x->man.next_segment; k++) {
		int named = 0;
		snprintf(cmd, sizeof(cmd), "seg-%06lu", k);
		for (i = 0; i < x->man.nsegments && !named; i++)
			named = !strcmp(x->man.segments[i].name, cmd);
		if (!named) {
			char *p = path_in(x->dir, cmd);
			if (p) {
				unlink(p);
				free(p);
			}
		}
	}
}

int scd_store__index_write(scd_store__index *x, const char *commit)
{
	scd_store__segment *segs = NULL;
	segment *old = x->seg;
	size_t nold = x->man.nsegments, nseg = nold, cap = 0, i;
	scd_store__fp *run = NULL;
	size_t nrun;
	int error = 0;

	if (mkdir(x->dir, 0777) < 0 && errno != EEXIST)
		return scd_error__set(SCD_EIO, "%s: %s", x->dir, strerror(errno));
	{
		/* the index is written only inside the store, not through a
		 * link someone put in its place */
		struct stat st;
		if (lstat(x->dir, &st) < 0 || !S_ISDIR(st.st_mode))
			return scd_error__set(SCD_EINVALID, "%s: not a folder of this store "
					      "(a link or a file); the index is not written there",
					      x->dir);
	}
	if ((error = scd_array__reserve(&segs, &cap, nseg + 1, sizeof(*segs))) < 0)
		return error;
	if (nseg)
		memcpy(segs, x->man.segments, nseg * sizeof(*segs));
	/* the new entries, sorted, merged with the newest segments while
	 * those are not more than twice as large */
	if (!(run = mem_concat(&x->mem, 0, &nrun))) {
		error = scd_error__nomem();
		goto done;
	}
	if (x->mem.nrun > 1) {
		/* runs older first: the stable sort keeps (witness, position)
		 * order among equal hashes */
		scd_fpindex m;
		if ((error = scd_fpindex_build(&m, run, nrun, scd_fpindex_bits(nrun))) < 0) {
			run = NULL;
			goto done;
		}
		run = m.own_e; /* the index's sorted array, taken over */
		m.own_e = NULL;
		scd_fpindex_free(&m);
	}
	while (nrun && nseg > 0 && segs[nseg - 1].count <= 2 * (uint64_t)nrun) {
		const segment *s = &old[nseg - 1];
		scd_store__fp *m = merge_runs(s->x.e, s->x.n, run, nrun);
		if (!m) {
			error = scd_error__nomem();
			goto done;
		}
		free(run);
		run = m;
		nrun += s->x.n;
		nseg--;
	}
	if (nrun && (error = write_segment(x, &segs[nseg++], run, nrun)) < 0)
		goto done;
	/* the manifest names the new set; only once it is written does this
	 * index change (a failed write leaves it as it was, still usable) */
	{
		scd_store__manifest nm = x->man;
		nm.segments = segs;
		nm.nsegments = nseg;
		memcpy(nm.commit, commit, 41);
		if ((error = write_manifest(x, &nm)) < 0) {
			if (nrun) {
				char *sp = path_in(x->dir, segs[nseg - 1].name);
				if (sp)
					unlink(sp);
				free(sp);
			}
			goto done;
		}
	}
	free(x->man.segments);
	x->man.segments = segs;
	x->man.nsegments = nseg;
	segs = NULL;
	memcpy(x->man.commit, commit, 41);
	sweep(x);
	/* map the new set, let the old go, empty the table */
	if (!(x->seg = calloc(nseg ? nseg : 1, sizeof(*x->seg)))) {
		x->seg = old;
		x->man.nsegments = 0; /* the old mappings no longer match */
		error = scd_error__nomem();
		goto unmap;
	}
	for (i = 0; i < nseg && error == 0; i++)
		error = map_segment(x, i);
	mem_clear(&x->mem);
unmap:
	for (i = 0; old && i < nold; i++)
		if (old[i].map)
			munmap(old[i].map, old[i].maplen);
	if (old != x->seg)
		free(old);
	else
		x->seg = NULL;
	free(run);
	return error;
done:
	free(run);
	free(segs);
	return error;
}

int scd_store__index_all(const scd_store__index *x, scd_store__fp **out,
			 size_t *n)
{
	size_t total = x->mem.n, i, k = 0;
	scd_store__fp *e;

	for (i = 0; i < x->man.nsegments; i++)
		total += x->seg[i].x.n;
	*out = NULL;
	*n = 0;
	if (!(e = malloc((total ? total : 1) * sizeof(*e))))
		return scd_error__nomem();
	for (i = 0; i < x->man.nsegments; i++) {
		memcpy(e + k, x->seg[i].x.e, x->seg[i].x.n * sizeof(*e));
		k += x->seg[i].x.n;
	}
	for (i = 0; i < x->mem.nrun; i++) {
		memcpy(e + k, x->mem.run[i].e, x->mem.run[i].n * sizeof(*e));
		k += x->mem.run[i].n;
	}
	*out = e;
	*n = total;
	return 0;
}

int scd_store__index_check(const scd_store__index *x,
			   void (*fn)(const char *problem, void *payload),
			   void *payload)
{
	char msg[512];
	size_t i, j;
	int problems = 0;

	for (i = 0; i < x->man.nsegments; i++) {
		const scd_fpindex *s = &x->seg[i].x;
		if (XXH64(s->e, s->n * sizeof(*s->e), 0) != x->man.segments[i].checksum) {
			snprintf(msg, sizeof(msg), "%s/%s: checksum does not match the manifest",
				 x->dir, x->man.segments[i].name);
			fn(msg, payload);
			problems++;
			continue;
		}
		for (j = 1; j < s->n; j++)
			if (scd_posting_cmp(&s->e[j - 1], &s->e[j]) > 0)
				break;
		if (s->n > 1 && j < s->n) {
			snprintf(msg, sizeof(msg), "%s/%s: entries out of order at %zu",
				 x->dir, x->man.segments[i].name, j);
			fn(msg, payload);
			problems++;
		}
		/* the bucket table: each entry inside its hash's bucket */
		for (j = 0; j < s->n; j++) {
			uint32_t top = (uint32_t)(s->e[j].hash >> (64 - BUCKET_BITS));
			if (s->start[top] > j || s->start[top + 1] <= j)
				break;
		}
		if (j < s->n || s->start[1u << BUCKET_BITS] != s->n) {
			snprintf(msg, sizeof(msg), "%s/%s: bucket table does not match the entries",
				 x->dir, x->man.segments[i].name);
			fn(msg, payload);
			problems++;
		}
		for (j = 0; j < s->n; j++)
			if (s->e[j].doc >= x->man.nwitnesses) {
				snprintf(msg, sizeof(msg), "%s/%s: entry %zu names witness number %u, "
					 "the manifest lists %zu", x->dir, x->man.segments[i].name,
					 j, s->e[j].doc, x->man.nwitnesses);
				fn(msg, payload);
				problems++;
				break;
			}
	}
	return problems;
}

int scd_store__fingerprints(scd_store__fp **out, size_t *n, size_t *nkey,
			    const char *text, size_t len, uint32_t witness)
{
	scd_key *key = NULL;
	scd_fingerprint *f = NULL;
	scd_store__fp *e = NULL;
	size_t nf = 0, i;
	const uint32_t *b;
	int error;

	*out = NULL;
	*n = 0;
	if ((error = scd_fingerprint__text(&key, &f, &nf, text, len, NULL,
					   SCD_STORE_K, SCD_STORE_W)) < 0)
		return error;
	if (nkey)
		*nkey = scd_key_len(key);
	if (nf && !(e = malloc(nf * sizeof(*e)))) {
		error = scd_error__nomem();
		goto done;
	}
	b = scd_key_begins(key);
	for (i = 0; i < nf; i++) {
		e[i].hash = f[i].hash;
		e[i].doc = witness;
		e[i].pos = b[f[i].pos];
	}
	*out = e;
	*n = nf;
done:
	free(f);
	scd_key_free(key);
	return error;
}

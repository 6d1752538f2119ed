/*
 * Verifying a store (store.h): every object of the repository reads back
 * with its hash, the branch's tree has only what the format allows, each
 * witness's bytes match its metadata, each statement's members lie inside
 * their witnesses and its canonical text is what its members give, and
 * the index holds exactly the witnesses' fingerprints.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "store/store_priv.h"
#include "scodiff/normalize.h"
#include "util/array.h"
#include "util/error.h"

typedef struct {
	scd_store *s;
	void (*fn)(const char *problem, void *payload);
	void *payload;
	int problems;
	git_odb *odb;
	char head[41];         /* the branch's commit */
	scd_store__index *x;   /* NULL when it cannot be opened */
	scd_store__fp *all;    /* its entries, by witness then position */
	size_t nall;
} verifier;

static void problem(verifier *v, const char *fmt, ...) SCD_PRINTF(2, 3);
static void problem(verifier *v, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	v->fn(msg, v->payload);
	v->problems++;
}

static int check_object(const git_oid *id, void *payload)
{
	verifier *v = payload;
	git_odb_object *o = NULL;
	char hex[41];

	/* reading an object checks its zlib stream and its hash (libgit2's
	 * strict hash verification is on by default) */
	if (git_odb_read(&o, v->odb, id) < 0) {
		const git_error *e = git_error_last();
		git_oid_tostr(hex, sizeof(hex), id);
		problem(v, "object %s: %s", hex, e && e->message ? e->message : "unreadable");
	}
	git_odb_object_free(o);
	return 0;
}

static int check_witness(verifier *v, git_tree *tree, const char *id,
			 scd_store__fp **fp, size_t *nfp)
{
	scd_store *s = v->s;
	scd_store_witness w;
	char path[64], *buf = NULL, **names = NULL, hexid[41], xx[33];
	size_t len, n = 0, i;
	git_oid oid;
	const scd_input *in;
	int error;

	*fp = NULL;
	*nfp = 0;
	snprintf(path, sizeof(path), "witnesses/%s", id);
	if ((error = scd_store__list(s, tree, path, &names, &n)) < 0) {
		problem(v, "%s", scd_error_last());
		return 0;
	}
	for (i = 0; i < n; i++)
		if (strcmp(names[i], "meta") && strcmp(names[i], "original"))
			problem(v, "%s/%s: not part of the format", path, names[i]);
	scd_store__free_list(names, n);
	if (scd_store__witness_meta(s, tree, id, &w) < 0) {
		problem(v, "%s", scd_error_last());
		return 0;
	}
	snprintf(path, sizeof(path), "witnesses/%s/original", id);
	if (scd_store__read_blob(s, tree, path, &buf, &len) < 0) {
		problem(v, "%s", scd_error_last());
		goto done;
	}
	git_odb_hash(&oid, buf, len, GIT_OBJECT_BLOB);
	git_oid_tostr(hexid, sizeof(hexid), &oid);
	if (strcmp(hexid, w.blob))
		problem(v, "witnesses/%s/meta: blob %s, but original is %s", id, w.blob, hexid);
	if (len != w.bytes)
		problem(v, "witnesses/%s/meta: %zu bytes, but original has %zu", id, w.bytes, len);
	{
		XXH128_hash_t x = XXH3_128bits(buf, len);
		snprintf(xx, sizeof(xx), "%016llx%016llx", (unsigned long long)x.high64,
			 (unsigned long long)x.low64);
		if (strcmp(xx, w.xxh128))
			problem(v, "witnesses/%s/meta: xxh128 %s, but original has %s", id,
				w.xxh128, xx);
	}
	if (scd_store__witness_decoded(s, tree, id, &in) < 0) {
		problem(v, "%s", scd_error_last());
		goto done;
	}
	{
		const char *text;
		size_t tlen;
		scd_key *key = NULL;
		text = scd_input_text(in, &tlen);
		if (strcmp(scd_input_encoding(in), w.encoding))
			problem(v, "witnesses/%s/meta: encoding %s, but it decodes as %s", id,
				w.encoding, scd_input_encoding(in));
		if (scd_normalize(&key, text, tlen, NULL) == 0) {
			size_t now = scd_key_len(key);
			scd_key_free(key);
			key = NULL;
			if (now != w.chars) {
				/* counted by a scodiff before the regional fold
				 * (0.1.0 and earlier): the same text, not damage */
				scd_normalize_options no = SCD_NORMALIZE_OPTIONS_INIT;
				no.fold &= ~SCD_FOLD_REGIONAL;
				if (scd_normalize(&key, text, tlen, &no) < 0 ||
				    scd_key_len(key) != w.chars)
					problem(v, "witnesses/%s/meta: %zu characters, but it has %zu",
						id, w.chars, now);
				scd_key_free(key);
			}
		}
		error = scd_store__fingerprints(fp, nfp, NULL, text, tlen, 0);
	}
done:
	free(buf);
	scd_store_witness_clear(&w);
	return error;
}

static int cmp_fp_pos(const void *a, const void *b)
{
	const scd_store__fp *x = a, *y = b;
	const uint64_t kx[] = { x->doc, x->pos, x->hash }, ky[] = { y->doc, y->pos, y->hash };
	return scd_array_cmp_keys(kx, ky, 3);
}

/* Only what the format allows at the top of the tree. */
static void check_top(verifier *v, git_tree *tree)
{
	size_t i;

	for (i = 0; i < git_tree_entrycount(tree); i++) {
		const char *nm = git_tree_entry_name(git_tree_entry_byindex(tree, i));
		if (strcmp(nm, "FORMAT") && strcmp(nm, "README.md") && strcmp(nm, "witnesses") &&
		    strcmp(nm, "statements"))
			problem(v, "%s: not part of the format", nm);
	}
}

/* Member j of the statement whose members file is `path`: a recorded
 * witness, inside its bytes, on character boundaries, on its lines. */
static void check_member(verifier *v, git_tree *tree, const char *path, size_t j,
			 const scd_store_member *m)
{
	scd_store_witness w;
	const scd_input *in;

	if (scd_store__witness_meta(v->s, tree, m->witness, &w) < 0) {
		problem(v, "%s: member %zu names witness %s, which is not recorded", path, j + 1,
			m->witness);
		return;
	}
	if (m->span[1] > w.bytes)
		problem(v, "%s: member %zu ends at byte %zu, past the %zu bytes of witness %s",
			path, j + 1, m->span[1], w.bytes, m->witness);
	else if (scd_store__witness_decoded(v->s, tree, m->witness, &in) == 0) {
		size_t tb = scd_input_text_at(in, m->span[0]);
		size_t te = scd_input_text_at(in, m->span[1]);
		size_t l1 = scd_input_line(in, tb), l2 = scd_input_line(in, te > tb ? te - 1 : tb);
		if (scd_input_offset(in, tb) != m->span[0] || scd_input_offset(in, te) != m->span[1])
			problem(v, "%s: member %zu: bytes %zu-%zu are not on character boundaries "
				"of witness %s", path, j + 1, m->span[0], m->span[1], m->witness);
		else if (l1 != m->lines[0] || l2 != m->lines[1])
			problem(v, "%s: member %zu: lines %zu-%zu, but bytes %zu-%zu are on lines "
				"%zu-%zu", path, j + 1, m->lines[0], m->lines[1], m->span[0],
				m->span[1], l1, l2);
	}
	scd_store_witness_clear(&w);
}

/* Statement `name`: its members parse and hold, its canonical text is
 * their consensus.  A malformed one is a problem; the check goes on. */
static void check_statement(verifier *v, git_tree *tree, const char *name)
{
	char path[64], *buf = NULL, *canon = NULL;
	scd_store_member *m = NULL;
	size_t nm = 0, len, j;

	snprintf(path, sizeof(path), "statements/%s/members", name);
	if (scd_store__read_blob(v->s, tree, path, &buf, &len) < 0 ||
	    scd_store__members_parse(&m, &nm, buf, len, path) < 0) {
		problem(v, "%s", scd_error_last());
		free(buf);
		return;
	}
	free(buf);
	buf = NULL;
	for (j = 0; j < nm; j++)
		check_member(v, tree, path, j, &m[j]);
	snprintf(path, sizeof(path), "statements/%s/canonical.txt", name);
	if (scd_store__read_blob(v->s, tree, path, &buf, &len) < 0) {
		problem(v, "%s", scd_error_last());
	} else if (scd_store__canonical(v->s, tree, m, nm, &canon, NULL) == 0) {
		if (strlen(canon) != len || memcmp(canon, buf, len))
			problem(v, "%s: not the consensus of the statement's members "
				"(edited by hand?)", path);
		free(canon);
	} else {
		problem(v, "%s: %s", path, scd_error_last());
	}
	free(buf);
	free(m);
}

static int check_statements(verifier *v, git_tree *tree)
{
	char **names = NULL;
	size_t n = 0, i;
	int error;

	if ((error = scd_store__list(v->s, tree, "statements", &names, &n)) < 0)
		return error;
	for (i = 0; i < n; i++)
		check_statement(v, tree, names[i]);
	scd_store__free_list(names, n);
	return 0;
}

/* Whether the index's entries of witness number `num` are exactly
 * fp[0..nfp) (in order of position); *at is the first that differs. */
static int same_entries(const verifier *v, uint32_t num, const scd_store__fp *fp,
			size_t nfp, size_t *at)
{
	const scd_store__fp *all = v->all;
	size_t lo = 0, hi = v->nall, k;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (all[mid].doc < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = 0; k < nfp && lo + k < v->nall && all[lo + k].doc == num &&
		    all[lo + k].pos == fp[k].pos && all[lo + k].hash == fp[k].hash; k++)
		;
	*at = k;
	return k == nfp && !(lo + k < v->nall && all[lo + k].doc == num);
}

/* Witness `id`, and its entries in the index against its text now. */
static int check_indexed_witness(verifier *v, git_tree *tree, const char *id)
{
	const char *indexed = v->x ? scd_store__index_commit(v->x) : "";
	scd_store__fp *fp = NULL;
	size_t nfp = 0, at;
	long num;
	int error;

	if (!scd_store__is_hex(id, strlen(id), SCD_STORE_ID_LEN)) {
		problem(v, "witnesses/%s: not a witness id", id);
		return 0;
	}
	if ((error = check_witness(v, tree, id, &fp, &nfp)) < 0) {
		free(fp);
		return error;
	}
	if (indexed[0] && (num = scd_store__index_find_witness(v->x, id)) >= 0) {
		/* in the index's order: key characters that share a span (a
		 * regional word of another length, an NFKC expansion) give
		 * entries of one position, ordered there by hash */
		if (nfp)
			qsort(fp, nfp, sizeof(*fp), cmp_fp_pos);
		if (!same_entries(v, (uint32_t)num, fp, nfp, &at))
			problem(v, "index: the fingerprints of witness %s differ from its "
				"text (entry %zu); delete %s to rebuild it", id, at, v->s->index_dir);
	} else if (v->x && !strcmp(indexed, v->head)) {
		problem(v, "index: witness %s is missing; delete %s to rebuild it", id,
			v->s->index_dir);
	}
	free(fp);
	scd_store__cache_clear(v->s);
	return 0;
}

/* The index on its own, then every witness with its entries in it. */
static int check_witnesses(verifier *v, git_tree *tree)
{
	char **names = NULL;
	size_t n = 0, i;
	int error;

	if ((error = scd_store__index_open(&v->x, v->s->index_dir)) == SCD_ENOTFOUND) {
		char msg[600];
		snprintf(msg, sizeof(msg), "note: %s; the index is rebuilt on the next add or trace",
			 scd_error_last());
		v->fn(msg, v->payload);
		v->x = NULL;
	} else if (error < 0) {
		problem(v, "%s", scd_error_last());
		v->x = NULL;
	} else {
		v->problems += scd_store__index_check(v->x, v->fn, v->payload);
		if (strcmp(scd_store__index_commit(v->x), v->head) &&
		    scd_store__index_commit(v->x)[0])
			v->fn("note: the index describes an older commit; it catches up on the "
			      "next add or trace", v->payload);
	}
	if ((error = scd_store__list(v->s, tree, "witnesses", &names, &n)) < 0)
		return error;
	if (v->x && (error = scd_store__index_all(v->x, &v->all, &v->nall)) < 0)
		goto done;
	if (v->nall > 1)
		qsort(v->all, v->nall, sizeof(*v->all), cmp_fp_pos);
	for (i = 0; i < n && error == 0; i++)
		error = check_indexed_witness(v, tree, names[i]);
done:
	scd_store__free_list(names, n);
	return error;
}

int scd_store_verify(scd_store *s,
		     void (*fn)(const char *problem, void *payload),
		     void *payload)
{
	verifier v = { s, fn, payload, 0, NULL, "", NULL, NULL, 0 };
	git_commit *head = NULL;
	git_tree *tree = NULL;
	int rc, error;

	if ((rc = git_repository_odb(&v.odb, s->repo)) < 0)
		return scd_store__git_error(rc, s->dir);
	git_odb_foreach(v.odb, check_object, &v);
	if ((error = scd_store__head(s, &head, &tree)) == 0) {
		git_oid_tostr(v.head, sizeof(v.head), git_commit_id(head));
		check_top(&v, tree);
		if ((error = check_statements(&v, tree)) == 0)
			error = check_witnesses(&v, tree);
	}
	free(v.all);
	scd_store__index_free(v.x);
	scd_store__cache_clear(s);
	git_tree_free(tree);
	git_commit_free(head);
	git_odb_free(v.odb);
	return error < 0 ? error : v.problems;
}

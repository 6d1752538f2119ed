/*
 * The store (store.h): the repository, its lock, reading witnesses and
 * statements from a commit, the index kept up to date, the history.
 * Adding is store_add.c, tracing store_trace.c, verifying store_verify.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include "store/store_priv.h"
#include "scodiff/collate.h"
#include "util/array.h"
#include "util/error.h"

/* Decoded witnesses kept between lookups of one operation. */
#define CACHE_BUDGET ((size_t)512 << 20)

static const char format_text[] = "scodiff-store 1\n";

static const char readme_text[] =
	"# A scodiff store\n"
	"\n"
	"This git repository is a scodiff store: renderings of texts (witnesses),\n"
	"the statements they share, and each statement's canonical text.  It is\n"
	"written by `scodiff store`; read it with plain git (`git log`, `git show\n"
	"main:statements/000001/canonical.txt`).\n"
	"\n"
	"    FORMAT                             store format version\n"
	"    witnesses/<id>/original            the file's bytes as added\n"
	"    witnesses/<id>/meta                path, size, encoding, hashes, time\n"
	"    statements/<number>/canonical.txt  the consensus text (UTF-8)\n"
	"    statements/<number>/members        member WITNESS START END LINE1 LINE2 SIMILARITY\n"
	"\n"
	"A witness id is the first 12 hex digits of the git blob id of its bytes.\n"
	"START and END are byte offsets into the witness's original bytes, LINE1\n"
	"and LINE2 its lines (1-based).  Each `scodiff store add` is one commit\n"
	"whose message lists what it recorded.  The fingerprint index is derived\n"
	"data kept outside the history, in the scodiff-index folder of the\n"
	"repository, and rebuilt from the witnesses when missing.\n";

int scd_store__git_error(int code, const char *what)
{
	const git_error *e = git_error_last();

	if (code == GIT_ENOTFOUND)
		return scd_error__set(SCD_ENOTFOUND, "%s: %s", what,
				      e && e->message ? e->message : "not found");
	return scd_error__set(SCD_ERROR, "%s: %s", what,
			      e && e->message ? e->message : "git error");
}

void scd_store__now(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- init and open ------------------------------------------------------ */

int scd_store__signature(git_signature **sig, git_repository *repo)
{
	/* the user's git identity when there is one, else scodiff's */
	if (git_signature_default(sig, repo) == 0)
		return 0;
	return git_signature_now(sig, "scodiff", "scodiff@localhost");
}

static int is_empty_dir(const char *dir, int *empty)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	*empty = 1;
	if (!d)
		return errno == ENOENT ? 0 : -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			*empty = 0;
			break;
		}
	closedir(d);
	return 0;
}

int scd_store_init(const char *dir)
{
	git_repository_init_options io;
	git_repository *repo = NULL;
	git_treebuilder *tb = NULL;
	git_signature *sig = NULL;
	git_oid fmt, readme, tree_id, commit_id;
	git_tree *tree = NULL;
	struct stat st;
	int empty, error = 0, rc;

	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode))
		return scd_error__set(SCD_EINVALID, "'%s': exists and is not a folder", dir);
	if (is_empty_dir(dir, &empty) < 0)
		return scd_error__set(SCD_EIO, "'%s': %s", dir, strerror(errno));
	if (!empty)
		return scd_error__set(SCD_EINVALID, "'%s': not empty; a store is created "
				      "in a new or empty folder", dir);
	git_libgit2_init();
	git_repository_init_options_init(&io, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	io.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH |
		   GIT_REPOSITORY_INIT_NO_REINIT;
	io.initial_head = "main";
	io.description = "A scodiff store: renderings of texts, their statements "
			 "and canonical versions";
	if ((rc = git_repository_init_ext(&repo, dir, &io)) < 0) {
		error = scd_store__git_error(rc, dir);
		goto done;
	}
	if ((rc = git_blob_create_from_buffer(&fmt, repo, format_text, strlen(format_text))) < 0 ||
	    (rc = git_blob_create_from_buffer(&readme, repo, readme_text, strlen(readme_text))) < 0 ||
	    (rc = git_treebuilder_new(&tb, repo, NULL)) < 0 ||
	    (rc = git_treebuilder_insert(NULL, tb, "FORMAT", &fmt, GIT_FILEMODE_BLOB)) < 0 ||
	    (rc = git_treebuilder_insert(NULL, tb, "README.md", &readme, GIT_FILEMODE_BLOB)) < 0 ||
	    (rc = git_treebuilder_write(&tree_id, tb)) < 0 ||
	    (rc = git_tree_lookup(&tree, repo, &tree_id)) < 0 ||
	    (rc = scd_store__signature(&sig, repo)) < 0 ||
	    (rc = git_commit_create(&commit_id, repo, SCD_STORE_BRANCH, sig, sig, NULL,
				    "Create an empty scodiff store\n", tree, 0, NULL)) < 0)
		error = scd_store__git_error(rc, dir);
done:
	git_signature_free(sig);
	git_tree_free(tree);
	git_treebuilder_free(tb);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return error;
}

int scd_store_open(scd_store **out, const char *dir)
{
	scd_store *s;
	git_commit *c = NULL;
	git_tree *t = NULL;
	char *fmt = NULL;
	size_t len;
	int error, rc;

	*out = NULL;
	if (!(s = calloc(1, sizeof(*s))))
		return scd_error__nomem();
	s->lockfd = -1;
	git_libgit2_init();
	/* libgit2 caches no tree larger than 4 KiB by default, and the
	 * witnesses/ and statements/ trees of a store are far larger: every
	 * lookup by path would inflate them again */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, (int)GIT_OBJECT_TREE, (size_t)64 << 20);
	if (!(s->dir = strdup(dir)) ||
	    !(s->index_dir = malloc(strlen(dir) + sizeof("/scodiff-index")))) {
		error = scd_error__nomem();
		goto fail;
	}
	sprintf(s->index_dir, "%s/scodiff-index", dir);
	if ((rc = git_repository_open_ext(&s->repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL)) < 0) {
		error = scd_error__set(SCD_ENOTFOUND, "'%s': not a scodiff store (no git "
				       "repository there; 'scodiff store init %s' makes one)",
				       dir, dir);
		goto fail;
	}
	if ((error = scd_store__head(s, &c, &t)) < 0) {
		if (error == SCD_ENOTFOUND)
			error = scd_error__set(SCD_ENOTFOUND, "'%s': a git repository, but its "
					       "branch main is empty: not a scodiff store", dir);
		goto fail;
	}
	if ((error = scd_store__read_blob(s, t, "FORMAT", &fmt, &len)) < 0) {
		if (error == SCD_ENOTFOUND)
			error = scd_error__set(SCD_EINVALID, "'%s': no FORMAT file on branch "
					       "main: not a scodiff store", dir);
		goto fail;
	}
	if (len != strlen(format_text) || memcmp(fmt, format_text, len)) {
		error = scd_error__set(SCD_EINVALID, "'%s': FORMAT says '%.*s', this scodiff "
				       "reads '%.*s'", dir, (int)(len > 40 ? 40 : len) -
				       (len && fmt[len - 1] == '\n'), fmt,
				       (int)strlen(format_text) - 1, format_text);
		goto fail;
	}
	free(fmt);
	git_tree_free(t);
	git_commit_free(c);
	*out = s;
	return 0;
fail:
	free(fmt);
	git_tree_free(t);
	git_commit_free(c);
	scd_store_free(s);
	return error;
}

void scd_store_free(scd_store *s)
{
	if (!s)
		return;
	scd_store__unlock(s);
	scd_store__cache_clear(s);
	free(s->cache);
	free(s->written);
	git_repository_free(s->repo);
	free(s->index_dir);
	free(s->dir);
	free(s);
	git_libgit2_shutdown();
}

const char *scd_store_dir(const scd_store *s)
{
	return s->dir;
}

const char *scd_store_note(const scd_store *s)
{
	return s->note;
}

/* ---- reading ------------------------------------------------------------ */

int scd_store__head(scd_store *s, git_commit **commit, git_tree **tree)
{
	git_oid id;
	int rc;

	*commit = NULL;
	*tree = NULL;
	if ((rc = git_reference_name_to_id(&id, s->repo, SCD_STORE_BRANCH)) < 0)
		return rc == GIT_ENOTFOUND ? SCD_ENOTFOUND
					   : scd_store__git_error(rc, s->dir);
	if ((rc = git_commit_lookup(commit, s->repo, &id)) < 0 ||
	    (rc = git_commit_tree(tree, *commit)) < 0) {
		git_commit_free(*commit);
		*commit = NULL;
		return scd_store__git_error(rc, s->dir);
	}
	return 0;
}

int scd_store__read_blob(scd_store *s, git_tree *tree, const char *path,
			 char **buf, size_t *len)
{
	git_tree_entry *e = NULL;
	git_blob *b = NULL;
	git_object_size_t n;
	int rc, error = 0;

	*buf = NULL;
	*len = 0;
	if ((rc = git_tree_entry_bypath(&e, tree, path)) < 0) {
		if (rc == GIT_ENOTFOUND)
			return scd_error__set(SCD_ENOTFOUND, "%s: %s: missing", s->dir, path);
		return scd_store__git_error(rc, path);
	}
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		error = scd_error__set(SCD_EINVALID, "%s: %s: not a file", s->dir, path);
		goto done;
	}
	if ((rc = git_blob_lookup(&b, s->repo, git_tree_entry_id(e))) < 0) {
		error = scd_store__git_error(rc, path);
		goto done;
	}
	n = git_blob_rawsize(b);
	if (n > SCD_INPUT_MAX_BYTES) {
		error = scd_error__set(SCD_EINVALID, "%s: %s: too large", s->dir, path);
		goto done;
	}
	if (!(*buf = malloc((size_t)n + 1))) {
		error = scd_error__nomem();
		goto done;
	}
	memcpy(*buf, git_blob_rawcontent(b), (size_t)n);
	(*buf)[n] = '\0';
	*len = (size_t)n;
done:
	git_blob_free(b);
	git_tree_entry_free(e);
	return error;
}

int scd_store__list(scd_store *s, git_tree *tree, const char *path,
		    char ***names, size_t *n)
{
	git_tree_entry *e = NULL;
	git_tree *sub = NULL;
	size_t i, cnt;
	char **v = NULL;
	int rc, error = 0;

	*names = NULL;
	*n = 0;
	if ((rc = git_tree_entry_bypath(&e, tree, path)) < 0)
		return rc == GIT_ENOTFOUND ? 0 : scd_store__git_error(rc, path);
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		error = scd_error__set(SCD_EINVALID, "%s: %s: not a folder", s->dir, path);
		goto done;
	}
	if ((rc = git_tree_lookup(&sub, s->repo, git_tree_entry_id(e))) < 0) {
		error = scd_store__git_error(rc, path);
		goto done;
	}
	cnt = git_tree_entrycount(sub);
	if (cnt && !(v = calloc(cnt, sizeof(*v)))) {
		error = scd_error__nomem();
		goto done;
	}
	for (i = 0; i < cnt; i++)
		if (!(v[i] = strdup(git_tree_entry_name(git_tree_entry_byindex(sub, i))))) {
			scd_store__free_list(v, i);
			v = NULL;
			error = scd_error__nomem();
			goto done;
		}
	*names = v;
	*n = cnt;
done:
	git_tree_free(sub);
	git_tree_entry_free(e);
	return error;
}

void scd_store__free_list(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* ---- writing a pack ----------------------------------------------------- */

int scd_store__pack_begin(scd_store *s)
{
	git_odb *odb = NULL;
	int rc;

	if (s->mempack)
		return 0;
	if ((rc = git_repository_odb(&odb, s->repo)) < 0 ||
	    (rc = git_mempack_new(&s->mempack)) < 0) {
		git_odb_free(odb);
		return scd_store__git_error(rc, s->dir);
	}
	/* the highest priority: new objects go there, reads look there first */
	if ((rc = git_odb_add_backend(odb, s->mempack, 1000)) < 0) {
		s->mempack->free(s->mempack);
		s->mempack = NULL;
		git_odb_free(odb);
		return scd_store__git_error(rc, s->dir);
	}
	git_odb_free(odb);
	return 0;
}

int scd_store__written(scd_store *s, const git_oid *id)
{
	int error;

	if (!s->mempack)
		return 0;
	if ((error = scd_array_grow(s->written, s->nwritten, s->capwritten)) < 0)
		return error;
	s->written[s->nwritten++] = *id;
	return 0;
}

int scd_store__pack_flush(scd_store *s)
{
	git_buf buf = { NULL, 0, 0 };
	git_odb *odb = NULL;
	git_odb_writepack *wp = NULL;
	git_packbuilder *pb = NULL;
	git_indexer_progress stats;
	size_t i;
	int rc = 0;

	if (!s->mempack || !s->nwritten)
		return 0;
	/* a pack of what this add wrote, and nothing else (git_mempack_dump
	 * would pack everything the commit reaches: the whole store) */
	if ((rc = git_packbuilder_new(&pb, s->repo)) < 0)
		goto fail;
	git_packbuilder_set_threads(pb, 1);
	for (i = 0; i < s->nwritten; i++)
		if ((rc = git_packbuilder_insert(pb, &s->written[i], NULL)) < 0)
			goto fail;
	if ((rc = git_packbuilder_write_buf(&buf, pb)) < 0 ||
	    (rc = git_repository_odb(&odb, s->repo)) < 0 ||
	    (rc = git_odb_write_pack(&wp, odb, NULL, NULL)) < 0 ||
	    (rc = wp->append(wp, buf.ptr, buf.size, &stats)) < 0 ||
	    (rc = wp->commit(wp, &stats)) < 0)
		goto fail;
	wp->free(wp);
	git_odb_free(odb);
	git_buf_dispose(&buf);
	git_packbuilder_free(pb);
	/* the objects are in the pack now: memory lets them go */
	git_mempack_reset(s->mempack);
	s->nwritten = 0;
	return 0;
fail:
	{
		int error = scd_store__git_error(rc, "writing the pack");
		if (wp)
			wp->free(wp);
		git_odb_free(odb);
		git_buf_dispose(&buf);
		git_packbuilder_free(pb);
		return error;
	}
}

void scd_store__pack_drop(scd_store *s)
{
	if (s->mempack)
		git_mempack_reset(s->mempack);
	s->nwritten = 0;
}

/* ---- the lock ----------------------------------------------------------- */

int scd_store__lock(scd_store *s, unsigned int wait)
{
	char *p = malloc(strlen(s->dir) + sizeof("/scodiff.lock"));
	struct timespec pause = { 0, 50 * 1000 * 1000 };
	unsigned long tries = 0, max = (unsigned long)wait * 20;
	int fd;

	if (s->lockfd >= 0)
		return 0;
	if (!p)
		return scd_error__nomem();
	sprintf(p, "%s/scodiff.lock", s->dir);
	/* never through a link planted at the lock's name */
	fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
	if (fd < 0) {
		int e = errno;
		scd_error__set(SCD_EIO, "%s: %s", p,
			       e == ELOOP ? "is a link; the store's lock must be a file" : strerror(e));
		free(p);
		return SCD_EIO;
	}
	/* flock(2): the kernel lets go of it when the holder dies, even by
	 * kill -9, so there is never a stale lock to clear */
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			int e = errno;
			close(fd);
			scd_error__set(SCD_EIO, "%s: %s", p, strerror(e));
			free(p);
			return SCD_EIO;
		}
		if (tries++ >= max) {
			close(fd);
			scd_error__set(SCD_EIO, "%s: another scodiff is writing to this store "
				       "(waited %u s)", s->dir, wait);
			free(p);
			return SCD_EIO;
		}
		nanosleep(&pause, NULL);
	}
	free(p);
	s->lockfd = fd;
	return 0;
}

void scd_store__unlock(scd_store *s)
{
	if (s->lockfd >= 0) {
		flock(s->lockfd, LOCK_UN);
		close(s->lockfd);
		s->lockfd = -1;
	}
}

/* ---- witnesses ---------------------------------------------------------- */

int scd_store__witness_meta(scd_store *s, git_tree *tree, const char *id,
			    scd_store_witness *w)
{
	char path[64], *buf = NULL, name[512];
	size_t len;
	int error;

	snprintf(path, sizeof(path), "witnesses/%s/meta", id);
	if ((error = scd_store__read_blob(s, tree, path, &buf, &len)) < 0)
		return error;
	snprintf(name, sizeof(name), "%s: %s", s->dir, path);
	error = scd_store__witness_parse(w, buf, len, name);
	free(buf);
	if (error == 0 && strcmp(w->id, id)) {
		scd_store_witness_clear(w);
		return scd_error__set(SCD_EINVALID, "%s: blob %s does not belong to witness %s",
				      name, w->blob, id);
	}
	return error;
}

void scd_store__cache_clear(scd_store *s)
{
	size_t i;

	for (i = 0; i < s->ncache; i++)
		scd_input_free(s->cache[i].in);
	s->ncache = 0;
	s->cache_bytes = 0;
}

int scd_store__cache_put(scd_store *s, const char *id, scd_input *in)
{
	size_t bytes = scd_input_size(in) * 3 + 64;
	int error;

	if (s->cache_bytes + bytes > CACHE_BUDGET && !s->cache_pinned)
		scd_store__cache_clear(s);
	if ((error = scd_array_grow(s->cache, s->ncache, s->capcache)) < 0) {
		scd_input_free(in);
		return error;
	}
	memcpy(s->cache[s->ncache].id, id, SCD_STORE_ID_LEN + 1);
	s->cache[s->ncache].in = in;
	s->cache[s->ncache].bytes = bytes;
	s->ncache++;
	s->cache_bytes += bytes;
	return 0;
}

/* Witness id's bytes decoded as when it was added: detected again, or,
 * when that gives another charset (it was forced), the one recorded.
 * *out is the caller's. */
static int decode_witness(scd_store *s, git_tree *tree, const char *id, scd_input **out)
{
	scd_input_options io = SCD_INPUT_OPTIONS_INIT;
	scd_store_witness w;
	scd_input *in = NULL;
	char path[64], *buf = NULL;
	size_t len;
	int error;

	*out = NULL;
	if ((error = scd_store__witness_meta(s, tree, id, &w)) < 0)
		return error;
	snprintf(path, sizeof(path), "witnesses/%s/original", id);
	if ((error = scd_store__read_blob(s, tree, path, &buf, &len)) < 0)
		goto done;
	if ((error = scd_input_from_memory(&in, w.path, buf, len, &io)) < 0 ||
	    strcmp(scd_input_encoding(in), w.encoding)) {
		scd_input_free(in);
		in = NULL;
		io.encoding = w.encoding;
		if ((error = scd_input_from_memory(&in, w.path, buf, len, &io)) < 0) {
			error = scd_error__set(SCD_EINVALID, "%s: witness %s no longer decodes "
					       "as %s: %s", s->dir, id, w.encoding,
					       scd_error_last());
			goto done;
		}
	}
	*out = in;
done:
	free(buf);
	scd_store_witness_clear(&w);
	return error;
}

int scd_store__witness_decoded(scd_store *s, git_tree *tree, const char *id,
			       const scd_input **out)
{
	scd_input *in = NULL;
	size_t i;
	int error;

	for (i = 0; i < s->ncache; i++)
		if (!strcmp(s->cache[i].id, id)) {
			*out = s->cache[i].in;
			return 0;
		}
	*out = NULL;
	if ((error = decode_witness(s, tree, id, &in)) < 0 ||
	    (error = scd_store__cache_put(s, id, in)) < 0)
		return error;
	*out = in;
	return 0;
}

int scd_store_witness_get(scd_store *s, scd_store_witness *out, const char *id)
{
	git_commit *c = NULL;
	git_tree *t = NULL;
	char **names = NULL;
	size_t n = 0, i, l = strlen(id), hits = 0;
	int error;

	memset(out, 0, sizeof(*out));
	if ((error = scd_store__head(s, &c, &t)) < 0)
		return error;
	if ((error = scd_store__list(s, t, "witnesses", &names, &n)) < 0)
		goto done;
	error = scd_error__set(SCD_ENOTFOUND, "%s: no witness %s", s->dir, id);
	for (i = 0; i < n; i++)
		if (l >= 4 && !strncmp(names[i], id, l < SCD_STORE_ID_LEN ? l : SCD_STORE_ID_LEN) &&
		    hits++ == 0)
			error = scd_store__witness_meta(s, t, names[i], out);
	if (hits > 1) {
		scd_store_witness_clear(out);
		error = scd_error__set(SCD_EINVALID, "%s: '%s' names %zu witnesses", s->dir, id, hits);
	}
	if (error == 0 && l > SCD_STORE_ID_LEN && strncmp(out->blob, id, l)) {
		scd_store_witness_clear(out);
		error = scd_error__set(SCD_ENOTFOUND, "%s: no witness %s", s->dir, id);
	}
done:
	scd_store__free_list(names, n);
	git_tree_free(t);
	git_commit_free(c);
	return error;
}

int scd_store_witness_input(scd_store *s, scd_input **out, const char *id)
{
	git_commit *c = NULL;
	git_tree *t = NULL;
	scd_store_witness w;
	int error;

	*out = NULL;
	/* the id may be a prefix: the full one first */
	if ((error = scd_store_witness_get(s, &w, id)) < 0)
		return error;
	if ((error = scd_store__head(s, &c, &t)) == 0)
		error = decode_witness(s, t, w.id, out);
	scd_store_witness_clear(&w);
	git_tree_free(t);
	git_commit_free(c);
	return error;
}

/* ---- statements --------------------------------------------------------- */

static int parse_number(const char *s, size_t *out)
{
	size_t v = 0, i;

	if (!*s || strlen(s) > 12)
		return -1;
	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (size_t)(s[i] - '0');
	}
	if (v == 0)
		return -1;
	*out = v;
	return 0;
}

int scd_store__load_statements(scd_store *s, git_tree *tree,
			       scd_store__stmt **out, size_t *n)
{
	char **names = NULL, path[64], *buf = NULL, name[512];
	size_t nn = 0, i, len;
	scd_store__stmt *st = NULL;
	int error;

	*out = NULL;
	*n = 0;
	if ((error = scd_store__list(s, tree, "statements", &names, &nn)) < 0)
		return error;
	if (nn && !(st = calloc(nn, sizeof(*st)))) {
		error = scd_error__nomem();
		goto done;
	}
	for (i = 0; i < nn; i++) {
		if (strlen(names[i]) != 6 || parse_number(names[i], &st[i].number) < 0) {
			error = scd_error__set(SCD_EINVALID, "%s: statements/%s: not a statement "
					       "number (six digits)", s->dir, names[i]);
			goto done;
		}
		snprintf(path, sizeof(path), "statements/%s/members", names[i]);
		if ((error = scd_store__read_blob(s, tree, path, &buf, &len)) < 0)
			goto done;
		snprintf(name, sizeof(name), "%s: %s", s->dir, path);
		error = scd_store__members_parse(&st[i].m, &st[i].nm, buf, len, name);
		free(buf);
		buf = NULL;
		if (error < 0)
			goto done;
		st[i].capm = st[i].nm;
	}
	*out = st;
	*n = nn;
	st = NULL;
done:
	scd_store__free_statements(st, nn);
	scd_store__free_list(names, nn);
	return error;
}

void scd_store__free_statements(scd_store__stmt *st, size_t n)
{
	size_t i;

	for (i = 0; st && i < n; i++) {
		free(st[i].m);
		free(st[i].canonical);
		free(st[i].old_canonical);
	}
	free(st);
}

#define MINDEX_HEADS (1u << 16)

static uint64_t id_key(const char *id)
{
	return strtoull(id, NULL, 16);
}

static uint32_t head_of(uint64_t key)
{
	return (uint32_t)((key ^ (key >> 17) ^ (key >> 33)) & (MINDEX_HEADS - 1));
}

int scd_store__mindex_add(scd_store__mindex *ix, const char *id, size_t st, size_t m)
{
	uint64_t key = id_key(id);
	uint32_t h;
	int error;

	if (!ix->head) {
		if (!(ix->head = malloc(MINDEX_HEADS * sizeof(*ix->head))))
			return scd_error__nomem();
		memset(ix->head, 0xff, MINDEX_HEADS * sizeof(*ix->head));
	}
	if (ix->n >= UINT32_MAX - 1)
		return scd_error__set(SCD_EINVALID, "too many statement members");
	if ((error = scd_array_grow(ix->v, ix->n, ix->cap)) < 0)
		return error;
	h = head_of(key);
	ix->v[ix->n].key = key;
	ix->v[ix->n].st = (uint32_t)st;
	ix->v[ix->n].m = (uint32_t)m;
	ix->v[ix->n].next = ix->head[h];
	ix->head[h] = (uint32_t)ix->n++;
	return 0;
}

int scd_store__mindex_build(scd_store__mindex *ix, const scd_store__stmt *st, size_t n)
{
	size_t i, j;
	int error = 0;

	for (i = 0; i < n && error == 0; i++)
		for (j = 0; j < st[i].nm && error == 0; j++)
			error = scd_store__mindex_add(ix, st[i].m[j].witness, i, j);
	return error;
}

uint32_t scd_store__mindex_first(const scd_store__mindex *ix, const char *id,
				 uint64_t *key)
{
	*key = id_key(id);
	return ix->head ? ix->head[head_of(*key)] : SCD_STORE_MREF_END;
}

void scd_store__mindex_clear(scd_store__mindex *ix)
{
	free(ix->head);
	free(ix->v);
	memset(ix, 0, sizeof(*ix));
}

long scd_store__statement_of(const scd_store__stmt *st,
			     const scd_store__mindex *ix, const char *id, size_t s,
			     size_t e, double share, int of_shorter)
{
	long best = -1;
	size_t best_ov = 0;
	uint64_t key;
	uint32_t k;

	for (k = scd_store__mindex_first(ix, id, &key); k != SCD_STORE_MREF_END;
	     k = ix->v[k].next) {
		const scd_store_member *m;
		size_t lo, hi, ov, base;
		if (ix->v[k].key != key)
			continue;
		m = &st[ix->v[k].st].m[ix->v[k].m];
		lo = m->span[0] > s ? m->span[0] : s;
		hi = m->span[1] < e ? m->span[1] : e;
		if (hi <= lo)
			continue;
		ov = hi - lo;
		base = e - s;
		if (of_shorter && m->span[1] - m->span[0] < base)
			base = m->span[1] - m->span[0];
		if ((double)ov >= share * (double)base && ov > best_ov) {
			best_ov = ov;
			best = (long)ix->v[k].st;
		}
	}
	return best;
}

int scd_store_statements(scd_store *s, size_t **out, size_t *n)
{
	git_commit *c = NULL;
	git_tree *t = NULL;
	char **names = NULL;
	size_t nn = 0, i, *v = NULL;
	int error;

	*out = NULL;
	*n = 0;
	if ((error = scd_store__head(s, &c, &t)) < 0)
		return error;
	if ((error = scd_store__list(s, t, "statements", &names, &nn)) < 0)
		goto done;
	if (nn && !(v = malloc(nn * sizeof(*v)))) {
		error = scd_error__nomem();
		goto done;
	}
	for (i = 0; i < nn; i++)
		if (parse_number(names[i], &v[i]) < 0) {
			error = scd_error__set(SCD_EINVALID, "%s: statements/%s: not a statement "
					       "number", s->dir, names[i]);
			goto done;
		}
	*out = v;
	*n = nn;
	v = NULL;
done:
	free(v);
	scd_store__free_list(names, nn);
	git_tree_free(t);
	git_commit_free(c);
	return error;
}

int scd_store_statement_get(scd_store *s, scd_store_statement **out,
			    size_t number)
{
	git_commit *c = NULL;
	git_tree *t = NULL;
	scd_store_statement *st;
	char path[64], name[512], *buf = NULL;
	size_t len;
	int error;

	*out = NULL;
	if (!(st = calloc(1, sizeof(*st))))
		return scd_error__nomem();
	st->number = number;
	if ((error = scd_store__head(s, &c, &t)) < 0)
		goto fail;
	snprintf(path, sizeof(path), "statements/%06zu/members", number);
	if ((error = scd_store__read_blob(s, t, path, &buf, &len)) < 0) {
		if (error == SCD_ENOTFOUND)
			error = scd_error__set(SCD_ENOTFOUND, "%s: no statement %zu", s->dir, number);
		goto fail;
	}
	snprintf(name, sizeof(name), "%s: %s", s->dir, path);
	if ((error = scd_store__members_parse(&st->members, &st->nmembers, buf, len, name)) < 0)
		goto fail;
	free(buf);
	buf = NULL;
	snprintf(path, sizeof(path), "statements/%06zu/canonical.txt", number);
	if ((error = scd_store__read_blob(s, t, path, &st->canonical, &len)) < 0)
		goto fail;
	if (memchr(st->canonical, '\0', len)) {
		error = scd_error__set(SCD_EINVALID, "%s: %s: NUL byte", s->dir, path);
		goto fail;
	}
	git_tree_free(t);
	git_commit_free(c);
	*out = st;
	return 0;
fail:
	free(buf);
	git_tree_free(t);
	git_commit_free(c);
	scd_store_statement_free(st);
	return error;
}

void scd_store_statement_free(scd_store_statement *st)
{
	if (!st)
		return;
	free(st->canonical);
	free(st->members);
	free(st);
}

/* ---- canonical texts ---------------------------------------------------- */

int scd_store__canonical(scd_store *s, git_tree *tree,
			 const scd_store_member *m, size_t n,
			 char **canonical, double *sims)
{
	scd_collate_options co = SCD_COLLATE_OPTIONS_INIT;
	scd_collation *col = NULL;
	scd_input **in = NULL;
	size_t i;
	int error = 0;

	*canonical = NULL;
	if (!(in = calloc(n ? n : 1, sizeof(*in))))
		return scd_error__nomem();
	for (i = 0; i < n && error == 0; i++) {
		const scd_input *w;
		if ((error = scd_store__witness_decoded(s, tree, m[i].witness, &w)) < 0)
			break;
		if (m[i].span[1] > scd_input_size(w)) {
			error = scd_error__set(SCD_EINVALID, "%s: a member of witness %s ends at "
					       "byte %zu, past its %zu bytes", s->dir,
					       m[i].witness, m[i].span[1], scd_input_size(w));
			break;
		}
		/* a slice keeps the witness even if the cache lets it go */
		error = scd_input_slice(&in[i], w, scd_input_text_at(w, m[i].span[0]),
					scd_input_text_at(w, m[i].span[1]));
	}
	co.ties_by_order = 1;
	if (error == 0 && (error = scd_collate_inputs(&col, in, n, &co)) == 0) {
		if (!(*canonical = strdup(col->canonical)))
			error = scd_error__nomem();
		for (i = 0; sims && i < n; i++)
			sims[i] = col->witnesses[i].similarity;
	}
	scd_collation_free(col);
	for (i = 0; i < n; i++)
		scd_input_free(in[i]);
	free(in);
	return error;
}

/* ---- the index, kept up to date ----------------------------------------- */

size_t scd_store__lookup(const scd_store__index *x, uint64_t hash,
			 scd_store__fp *buf, size_t formula)
{
	size_t n = scd_store__index_find(x, hash, buf, SCD_STORE_FETCH), distinct = 0, j, k;

	if (n == 0 || n > SCD_STORE_MAX_OCC)
		return 0;
	for (j = 0; j < n; j++) {
		for (k = 0; k < j && buf[k].doc != buf[j].doc; k++)
			;
		distinct += k == j;
	}
	return distinct >= formula ? 0 : n;
}

static int fingerprint_witness(scd_store *s, scd_store__index *x, git_tree *tree,
			       const char *id)
{
	const scd_input *in;
	const char *text;
	scd_store__fp *fp = NULL;
	size_t len, n = 0;
	int error;

	if ((error = scd_store__witness_decoded(s, tree, id, &in)) < 0)
		return error;
	text = scd_input_text(in, &len);
	if ((error = scd_store__fingerprints(&fp, &n, NULL, text, len, 0)) == 0)
		error = scd_store__index_add(x, id, fp, n);
	free(fp);
	return error;
}

int scd_store__index_sync(scd_store *s, scd_store__index **out,
			  git_tree *tree, const char *commit, int write)
{
	scd_store__index *x = NULL;
	char **names = NULL;
	size_t n = 0, i, known = 0;
	int error;

	*out = NULL;
	if ((error = scd_store__index_open(&x, s->index_dir)) < 0) {
		snprintf(s->note, sizeof(s->note), "index rebuilt: %s", scd_error_last());
		if ((error = scd_store__index_empty(&x, s->index_dir)) < 0)
			return error;
	}
	if (!strcmp(scd_store__index_commit(x), commit)) {
		*out = x;
		return 0;
	}
	if ((error = scd_store__list(s, tree, "witnesses", &names, &n)) < 0)
		goto done;
	/* every witness of the index must still be in the tree (witnesses are
	 * never removed; if some are, the history was rewritten: start over) */
	for (i = 0; i < n; i++)
		if (scd_store__index_find_witness(x, names[i]) >= 0)
			known++;
	if (known != scd_store__index_nwitnesses(x)) {
		snprintf(s->note, sizeof(s->note), "index rebuilt: it lists witnesses the "
			 "branch does not have");
		scd_store__index_free(x);
		if ((error = scd_store__index_empty(&x, s->index_dir)) < 0)
			goto done;
	}
	for (i = 0; i < n && error == 0; i++) {
		if (strlen(names[i]) != SCD_STORE_ID_LEN ||
		    !scd_store__is_hex(names[i], SCD_STORE_ID_LEN, SCD_STORE_ID_LEN)) {
			error = scd_error__set(SCD_EINVALID, "%s: witnesses/%s: not a witness id",
					       s->dir, names[i]);
			break;
		}
		if (scd_store__index_find_witness(x, names[i]) < 0)
			error = fingerprint_witness(s, x, tree, names[i]);
	}
	/* saving is a convenience: an index that cannot be written (a store
	 * read-only to this user) still serves this operation */
	if (error == 0 && write && scd_store__index_write(x, commit) < 0)
		snprintf(s->note, sizeof(s->note), "index not saved: %s", scd_error_last());
done:
	scd_store__free_list(names, n);
	if (error < 0) {
		scd_store__index_free(x);
		return error;
	}
	*out = x;
	return 0;
}

/* ---- history ------------------------------------------------------------ */

int scd_store_log(scd_store *s,
		  int (*fn)(const scd_store_commit *c, void *payload),
		  void *payload)
{
	git_revwalk *w = NULL;
	git_oid id;
	int rc, error = 0;

	if ((rc = git_revwalk_new(&w, s->repo)) < 0 ||
	    (rc = git_revwalk_push_ref(w, SCD_STORE_BRANCH)) < 0) {
		git_revwalk_free(w);
		return scd_store__git_error(rc, s->dir);
	}
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	while (error == 0 && (rc = git_revwalk_next(&id, w)) == 0) {
		git_commit *c;
		scd_store_commit sc;
		if ((rc = git_commit_lookup(&c, s->repo, &id)) < 0)
			break;
		git_oid_tostr(sc.commit, sizeof(sc.commit), &id);
		sc.time = (long long)git_commit_time(c);
		sc.offset = git_commit_time_offset(c);
		sc.author = git_commit_author(c)->name;
		sc.message = git_commit_message(c);
		error = fn(&sc, payload);
		git_commit_free(c);
	}
	git_revwalk_free(w);
	if (error == 0 && rc < 0 && rc != GIT_ITEROVER)
		return scd_store__git_error(rc, s->dir);
	return error;
}

int scd_store_first_commit(scd_store *s, char out[41], const char *id)
{
	git_oid *chain = NULL, cur;
	size_t n = 0, cap = 0, lo, hi;
	char path[64];
	int rc, error = 0;

	out[0] = '\0';
	if ((rc = git_reference_name_to_id(&cur, s->repo, SCD_STORE_BRANCH)) < 0)
		return scd_store__git_error(rc, s->dir);
	/* the first-parent chain, newest first */
	for (;;) {
		git_commit *c;
		if ((error = scd_array_grow(chain, n, cap)) < 0)
			goto done;
		chain[n++] = cur;
		if ((rc = git_commit_lookup(&c, s->repo, &cur)) < 0) {
			error = scd_store__git_error(rc, s->dir);
			goto done;
		}
		if (git_commit_parentcount(c) == 0) {
			git_commit_free(c);
			break;
		}
		cur = *git_commit_parent_id(c, 0);
		git_commit_free(c);
	}
	snprintf(path, sizeof(path), "witnesses/%s", id);
	/* witnesses are never removed, so "has it" is false then true along
	 * the chain from oldest to newest: a binary search finds the first */
	lo = 0;
	hi = n; /* chain[lo..hi) newest..oldest; find the oldest having it */
	{
		size_t first = n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			git_commit *c = NULL;
			git_tree *t = NULL;
			git_tree_entry *e = NULL;
			int has;
			if ((rc = git_commit_lookup(&c, s->repo, &chain[mid])) < 0 ||
			    (rc = git_commit_tree(&t, c)) < 0) {
				git_commit_free(c);
				error = scd_store__git_error(rc, s->dir);
				goto done;
			}
			has = git_tree_entry_bypath(&e, t, path) == 0;
			git_tree_entry_free(e);
			git_tree_free(t);
			git_commit_free(c);
			if (has) {
				first = mid;
				lo = mid + 1;
			} else {
				hi = mid;
			}
		}
		if (first == n) {
			error = scd_error__set(SCD_ENOTFOUND, "%s: no witness %s", s->dir, id);
			goto done;
		}
		git_oid_tostr(out, 41, &chain[first]);
	}
done:
	free(chain);
	return error;
}

/*
 * The store: a growing archive of renderings (witnesses) kept in a git
 * repository, with the statements they share and each statement's
 * canonical text, and the provenance audit (trace) over it.
 *
 * The store is a bare git repository written through libgit2; its tree
 * (docs/store.md) is meant to be read with plain git:
 *
 *   FORMAT                         "scodiff-store 1"
 *   README.md                      this layout, for a person browsing
 *   witnesses/<id>/original        the file's bytes as they were added
 *   witnesses/<id>/meta            path, size, encoding, hashes, time
 *   statements/<nnnnnn>/canonical.txt   the consensus text (UTF-8)
 *   statements/<nnnnnn>/members    which witnesses hold it, where
 *
 * A witness id is the first 12 hex digits of the git blob id of its
 * bytes, so the same bytes are recorded once.  Every `add` is one commit
 * on the branch `main`: all objects are written first and the branch
 * moves last, under a lock (flock(2) on <store>/scodiff.lock, released by
 * the kernel if the process dies), with a compare-and-swap on the branch.
 *
 * The fingerprint index that finds what a new text shares with the store
 * is derived data, kept beside the repository in <store>/scodiff-index/
 * (like git's own index): sorted segments of winnowed fingerprints and a
 * manifest naming the commit they describe.  It is brought up to date
 * from the witnesses whenever it lags the branch, and rebuilt when
 * missing, so a clone of the repository is a complete store.
 */
#ifndef SCODIFF_STORE_H
#define SCODIFF_STORE_H

#include "common.h"
#include "input.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct scd_store scd_store;

#define SCD_STORE_FORMAT 1
/* Length of a witness id (hex digits of the blob id). */
#define SCD_STORE_ID_LEN 12

/* Create an empty store at dir (which must not exist, or be an empty
 * folder): the repository, FORMAT, README.md, and a first commit. */
int scd_store_init(const char *dir);

/* Open the store at dir; SCD_ENOTFOUND when it is not one, SCD_EINVALID
 * when its FORMAT is not a version this library reads. */
int scd_store_open(scd_store **out, const char *dir);
void scd_store_free(scd_store *s);
const char *scd_store_dir(const scd_store *s);

/* What the last operation did on the side that a user may want to know
 * ("index rebuilt: …", "index not saved: …"), or "" (borrowed). */
const char *scd_store_note(const scd_store *s);

/* ---- add ---------------------------------------------------------------- */

typedef enum {
	SCD_ADDED_NEW = 0,  /* recorded as a new witness */
	SCD_ADDED_KNOWN     /* the same bytes are witness `id` already */
} scd_added_status;

typedef struct {
	char *path;              /* as given */
	scd_added_status status;
	char id[SCD_STORE_ID_LEN + 1];
	char *known_path;        /* the path the known witness was added as */
	size_t bytes;
	char *encoding;
	size_t statements;       /* statements it now belongs to */
} scd_added_file;

typedef struct {
	size_t statement;    /* its number */
	int is_new;          /* created by this add */
	size_t members;      /* after the add */
	int canonical_changed; /* the commit message says how */
} scd_added_statement;

typedef struct {
	scd_added_file *files;
	size_t nfiles;
	scd_added_statement *statements; /* touched ones, by number */
	size_t nstatements;
	int committed;       /* 0 when nothing was new */
	char commit[41];     /* the new commit (hex), else "" */
	char *message;       /* its message */
} scd_store_added;

typedef struct {
	unsigned int version;
	scd_input_options input;
	/* Shortest shared passage that makes or joins a statement, in key
	 * characters (as scan's --min-length). */
	size_t min_length;
	/* Seconds to wait for another add to finish before giving up. */
	unsigned int wait;
} scd_store_add_options;

#define SCD_STORE_ADD_OPTIONS_VERSION 1
#define SCD_STORE_ADD_OPTIONS_INIT \
	{ SCD_STORE_ADD_OPTIONS_VERSION, SCD_INPUT_OPTIONS_INIT, 30, 120 }

/*
 * Record the files paths[0..n) as witnesses, in one commit.  A file that
 * cannot be read or decoded fails the whole add (nothing is recorded) with
 * a message naming it.  *out is the caller's (scd_store_added_free()).
 */
int scd_store_add(scd_store *s, scd_store_added **out,
		  const char *const *paths, size_t n,
		  const scd_store_add_options *opts);
void scd_store_added_free(scd_store_added *a);

/* ---- reading the store -------------------------------------------------- */

typedef struct {
	char id[SCD_STORE_ID_LEN + 1];
	char *path;       /* as it was added */
	size_t bytes;
	char *encoding;
	size_t chars;     /* key characters */
	char *added;      /* ISO 8601 time, UTC */
	char blob[41];    /* git blob id of its bytes */
	char xxh128[33];  /* XXH3-128 of its bytes, hex */
} scd_store_witness;

typedef struct {
	char witness[SCD_STORE_ID_LEN + 1];
	size_t span[2];   /* byte offsets in the witness's original bytes */
	size_t lines[2];  /* 1-based, inclusive */
	double similarity; /* to the canonical text when recorded */
} scd_store_member;

typedef struct {
	size_t number;
	char *canonical;  /* UTF-8 */
	scd_store_member *members; /* in recording order */
	size_t nmembers;
} scd_store_statement;

/* Numbers of all statements, ascending (*out malloc'd, may be NULL). */
int scd_store_statements(scd_store *s, size_t **out, size_t *n);

/* Statement `number`; SCD_ENOTFOUND when there is none. */
int scd_store_statement_get(scd_store *s, scd_store_statement **out,
			    size_t number);
void scd_store_statement_free(scd_store_statement *st);

/* Witness `id` (its 12-digit id or a longer prefix of the blob id). */
int scd_store_witness_get(scd_store *s, scd_store_witness *out,
			  const char *id);
void scd_store_witness_clear(scd_store_witness *w);

/* The witness's decoded input (for reports of positions in it). */
int scd_store_witness_input(scd_store *s, scd_input **out, const char *id);

/* The commit that first recorded witness `id` (hex into out[41]). */
int scd_store_first_commit(scd_store *s, char out[41], const char *id);

/* ---- show --------------------------------------------------------------- */

/* A member of a shown statement with its witness's record. */
typedef struct {
	const scd_store_member *member; /* into the statement's members */
	scd_store_witness witness;
	char first_commit[41];  /* the commit that first recorded the witness */
} scd_store_shown_member;

/* What `scodiff store show` reports of a statement. */
typedef struct {
	scd_store_statement *statement;
	scd_store_shown_member *members; /* statement->nmembers, in its order */
	/*
	 * The places where the members read differently: a collation of
	 * their passages (ties go to the earlier member), or NULL when not
	 * asked for or the statement has one member.  Its positions are in
	 * the passages `inputs` (one per member, named "path:l1-l2"), not in
	 * the witnesses' files.  (collate.h: this header does not include
	 * it, so that the store's users do not pull in the diff.)
	 */
	struct scd_collation *collation;
	scd_input **inputs;
} scd_store_shown;

typedef struct {
	unsigned int version;
	int readings; /* collate the members (scd_store_shown.collation) */
} scd_store_show_options;

#define SCD_STORE_SHOW_OPTIONS_VERSION 1
#define SCD_STORE_SHOW_OPTIONS_INIT { SCD_STORE_SHOW_OPTIONS_VERSION, 1 }

/*
 * Statement `number` with its members' witnesses and, when opts->readings
 * (the default; `opts` may be NULL), the readings where they differ.
 * SCD_ENOTFOUND when there is no such statement.  *out is the caller's
 * to free with scd_store_shown_free().
 */
int scd_store_show(scd_store *s, scd_store_shown **out, size_t number,
		   const scd_store_show_options *opts);
void scd_store_shown_free(scd_store_shown *sh);

/* ---- history ------------------------------------------------------------ */

typedef struct {
	char commit[41];
	long long time;  /* seconds since the epoch */
	int offset;      /* minutes east of UTC */
	const char *author;
	const char *message;
} scd_store_commit;

/* Call fn on every commit of the branch, newest first; a non-zero return
 * from fn stops the walk and is returned. */
int scd_store_log(scd_store *s,
		  int (*fn)(const scd_store_commit *c, void *payload),
		  void *payload);

/* ---- trace -------------------------------------------------------------- */

typedef struct {
	size_t witness_index; /* into scd_store_trace.witnesses */
	size_t span[2];       /* bytes of the witness's original */
	size_t lines[2];
	double similarity;    /* 2·matched / (key chars of both spans) */
	size_t statement;     /* 0 when the passage is in no statement */
	char first_commit[41];
} scd_store_source;

typedef struct {
	scd_range text;       /* text offsets of the traced input */
	scd_store_source *sources; /* best first */
	size_t nsources;
} scd_store_paragraph;

typedef struct {
	const scd_input *input;   /* borrowed */
	char commit[41];          /* the store's commit it was traced against */
	scd_store_paragraph *paragraphs;
	size_t nparagraphs;
	scd_store_witness *witnesses; /* those named by sources */
	size_t nwitnesses;
} scd_store_trace;

typedef struct {
	unsigned int version;
	double threshold; /* least similarity of a source */
	size_t max_sources; /* per paragraph, 0 = all */
} scd_store_trace_options;

#define SCD_STORE_TRACE_OPTIONS_VERSION 1
#define SCD_STORE_TRACE_OPTIONS_INIT { SCD_STORE_TRACE_OPTIONS_VERSION, 0.5, 0 }

/*
 * For each paragraph of `in`, the recorded witnesses that hold it exactly
 * or nearly.  `in` must outlive *out (scd_store_trace_free()).
 */
int scd_store_trace_input(scd_store *s, scd_store_trace **out,
			  const scd_input *in,
			  const scd_store_trace_options *opts);
void scd_store_trace_free(scd_store_trace *t);

/* A reading the store holds for a place of a text. */
typedef struct {
	scd_range span;   /* text offsets of the input */
	char *text;       /* the canonical reading (UTF-8) */
	char reason[96];  /* e.g. "canonical text of statement 12" */
	double confidence; /* the similarity of the paragraph to its source */
} scd_store_reading;

/*
 * The places where `in` has a slip (an `ocr` difference) against the
 * canonical text of the statement one of its paragraphs traces to (a
 * source of `min_similarity` or more, in a statement), with the canonical
 * reading: what `scodiff clean --store` applies.  *out (malloc'd, each
 * text too) is the caller's to free with scd_store_readings_free().
 */
int scd_store_readings(scd_store *s, scd_store_reading **out, size_t *n,
		       const scd_input *in, double min_similarity);
void scd_store_readings_free(scd_store_reading *r, size_t n);

/*
 * Paragraphs of a text (text offsets): a line that ends a sentence ends
 * its paragraph; blank lines do too, unless the text puts one after
 * nearly every line (then they are layout); a very long paragraph is cut
 * after a sentence.  *out is malloc'd.
 */
int scd_store_paragraphs(scd_range **out, size_t *n, const scd_input *in);

/* ---- verify ------------------------------------------------------------- */

/*
 * Check that the objects, the metadata and the index agree; fn is called
 * with one line per problem.  Returns the number of problems found (0 =
 * sound), or a negative code when the check itself could not run.
 */
int scd_store_verify(scd_store *s,
		     void (*fn)(const char *problem, void *payload),
		     void *payload);

#ifdef __cplusplus
}
#endif
#endif

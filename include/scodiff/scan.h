/*
 * Scanning a collection: every passage that occurs at least twice, within
 * one document or across documents, found through shared fingerprints and
 * grouped into clusters (one cluster = the renderings of one statement).
 *
 * The collection is read twice, one file at a time: a first pass keeps
 * only each file's winnowed fingerprints (memory grows with the
 * fingerprints, about a fifth of the key characters, not with the text);
 * a second pass re-reads the files that hold repeated passages to give
 * their byte offsets, lines and texts.  Formulae found in very many
 * documents (datelines, slogans) are set apart as boilerplate.  Each
 * member is compared with its cluster's canonical member; the result can
 * keep the members' texts and those comparisons (keep_texts), so that a
 * report shows them without reading or comparing anything again.
 */
#ifndef SCODIFF_SCAN_H
#define SCODIFF_SCAN_H

#include "common.h"
#include "input.h"
#include "normalize.h"
#include "classify.h"
#include "shingle.h"
#include "diff.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	size_t doc;        /* index into scd_scan.docs */
	size_t span[2];    /* byte offsets into the original file, [s, e) */
	size_t lines[2];   /* 1-based, inclusive */
	size_t chars;      /* key characters */
	double similarity; /* to the cluster's canonical member (1 for it) */
	/* With keep_texts, else NULL; both owned by the scan. */
	scd_input *input;  /* the member's text: a slice of its file
			    * (scd_input_slice()), NULL when the file could
			    * not be read again */
	scd_diff *diff;    /* the comparison of the canonical member (a)
			    * with this one (b); NULL for the canonical
			    * member, a member with no input and boilerplate */
} scd_scan_member;

typedef struct {
	size_t id;           /* 1-based, in report order */
	int boilerplate;     /* a formula of very many documents */
	double similarity;   /* mean similarity of the members to the canonical */
	char *canonical;     /* UTF-8 text of the canonical member, whitespace
			      * runs made one space */
	size_t canonical_member;
	size_t counts[SCD_KIND__COUNT]; /* differences of the members from it */
	size_t ndocs;        /* distinct documents among the members */
	scd_scan_member *members; /* by document, then position */
	size_t nmembers;
} scd_scan_cluster;

typedef struct {
	char *path;
	char *encoding;       /* NULL when the file was skipped */
	size_t bytes;
	size_t repeated_bytes; /* bytes inside a member of any cluster */
	char *error;           /* why the file was skipped, else NULL */
} scd_scan_doc;

typedef struct {
	scd_scan_doc *docs; /* in the order given */
	size_t ndocs;
	size_t nskipped;
	scd_scan_cluster *clusters; /* largest first (key characters × members) */
	size_t nclusters;
	scd_scan_cluster *boilerplate; /* most documents first */
	size_t nboilerplate;
	size_t boilerplate_docs; /* documents a formula must be in to be one */
} scd_scan;

typedef struct {
	unsigned int version;
	scd_input_options input;
	scd_normalize_options normalize;
	/* Shortest passage reported, in key characters (docs/parameters.md). */
	size_t min_length;
	/* Least similarity of a member to its cluster's canonical member. */
	double threshold;
	int within;  /* look for repeats inside one document */
	int across;  /* and across documents */
	/* A fingerprint in at least this many documents is boilerplate;
	 * 0 = max(10, 5 % of the documents). */
	size_t boilerplate_docs;
	/* Called after each file of the first pass (done of total), from
	 * either thread, never at once from both; may be NULL. */
	void (*progress)(size_t done, size_t total, void *payload);
	void *payload;
	/* Shingle length and winnowing window (shingle.h), as the diff's
	 * --k and --w; min_length must be at least k + w. */
	unsigned int k, w;
	/* Keep each member's text and its comparison with the canonical
	 * member in the result (scd_scan_member.input, .diff), as the HTML
	 * report needs them.  They hold the files that have members in
	 * memory until scd_scan_free(); 0 lets each go once compared. */
	int keep_texts;
} scd_scan_options;

#define SCD_SCAN_OPTIONS_VERSION 1
#define SCD_SCAN_MIN_LENGTH 30
#define SCD_SCAN_THRESHOLD 0.5
#define SCD_SCAN_OPTIONS_INIT \
	{ SCD_SCAN_OPTIONS_VERSION, SCD_INPUT_OPTIONS_INIT, \
	  SCD_NORMALIZE_OPTIONS_INIT, SCD_SCAN_MIN_LENGTH, \
	  SCD_SCAN_THRESHOLD, 1, 1, 0, NULL, NULL, SCD_SHINGLE_K, SCD_SHINGLE_W, 1 }

/*
 * Scan the files paths[0..n) (regular files; "-" is not accepted here).
 * A file that cannot be read or decoded is recorded in docs[] with its
 * error and skipped; that is not a failure of the scan.  Returns 0 or a
 * negative code (SCD_ENOMEM, SCD_EINVALID for bad options); *out is the
 * caller's to free with scd_scan_free().  `opts` may be NULL.
 */
int scd_scan_files(scd_scan **out, const char *const *paths, size_t n,
		   const scd_scan_options *opts);

void scd_scan_free(scd_scan *scan);

#ifdef __cplusplus
}
#endif
#endif

/*
 * The store's metadata files (private): their text formats, written and
 * read strictly.  A file a person edited by hand must either read as
 * exactly what it says or fail with a message naming the file and line;
 * nothing is guessed.  The formats are in docs/store.md.
 */
#ifndef SCD_STORE_META_H
#define SCD_STORE_META_H

#include <stdio.h>
#include "scodiff/store.h"

/* Is s[0..len) a lowercase hex string of exactly `digits` digits? */
int scd_store__is_hex(const char *s, size_t len, size_t digits);

/*
 * witnesses/<id>/meta.  Parsing fills *w (strings malloc'd; clear with
 * scd_store_witness_clear()); `name` is used in messages.  Errors are
 * SCD_EINVALID with "name line N: what".
 */
int scd_store__witness_parse(scd_store_witness *w, const char *buf,
			     size_t len, const char *name);
/* Its text (malloc'd, NUL-terminated). */
int scd_store__witness_format(char **out, const scd_store_witness *w);

/* statements/<n>/members. */
int scd_store__members_parse(scd_store_member **out, size_t *n,
			     const char *buf, size_t len, const char *name);
int scd_store__members_format(char **out, const scd_store_member *m,
			      size_t n);

/* The index manifest (scodiff-index/manifest). */
typedef struct {
	char name[32];      /* file name in the index folder */
	uint64_t count;     /* entries */
	uint64_t checksum;  /* XXH64 of the entries */
} scd_store__segment;

typedef struct {
	char commit[41];
	char (*witnesses)[SCD_STORE_ID_LEN + 1]; /* index number → id */
	size_t nwitnesses;
	scd_store__segment *segments;
	size_t nsegments;
	unsigned long next_segment; /* for naming the next one */
} scd_store__manifest;

int scd_store__manifest_parse(scd_store__manifest *m, const char *buf,
			      size_t len, const char *name);
int scd_store__manifest_format(char **out, const scd_store__manifest *m);
void scd_store__manifest_clear(scd_store__manifest *m);

#endif

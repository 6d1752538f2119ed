/*
 * Scanning a collection (scan.h) on up to four arbitrary files, written
 * to a scratch folder and read back as `scodiff scan` reads them.
 *
 * Input: one byte of options, then the files separated by FF FF.
 * Properties:
 *  - a file that cannot be decoded is recorded with an error naming it,
 *    and skipped; the others are scanned;
 *  - every member of every cluster lies in a file that was read, its byte
 *    span inside the file and its lines in order; documents are counted
 *    right;
 *  - the terminal and JSON reports are written without error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <scodiff.h>
#include "fuzz_util.h"

#define MAX_FILES 4

static char dir[64];
static char paths[MAX_FILES][96];

static void cleanup(void)
{
	int i;

	for (i = 0; i < MAX_FILES; i++)
		unlink(paths[i]);
	rmdir(dir);
}

static void setup(void)
{
	const char *tmp = getenv("TMPDIR");
	int i;

	if (dir[0])
		return;
	snprintf(dir, sizeof(dir), "%s/scan_fuzzer.XXXXXX", tmp && strlen(tmp) < 32 ? tmp : "/tmp");
	FUZZ_CHECK(mkdtemp(dir) != NULL);
	for (i = 0; i < MAX_FILES; i++)
		snprintf(paths[i], sizeof(paths[i]), "%s/doc%d.txt", dir, i);
	atexit(cleanup);
}

static void check_cluster(const scd_scan *s, const scd_scan_cluster *c)
{
	size_t m, docs = 0;

	FUZZ_CHECK(c->nmembers >= 2 && c->canonical_member < c->nmembers);
	FUZZ_CHECK(c->canonical != NULL);
	for (m = 0; m < c->nmembers; m++) {
		const scd_scan_member *x = &c->members[m];
		FUZZ_CHECK(x->doc < s->ndocs && s->docs[x->doc].error == NULL);
		FUZZ_CHECK(x->span[0] < x->span[1] && x->span[1] <= s->docs[x->doc].bytes);
		FUZZ_CHECK(x->lines[0] >= 1 && x->lines[0] <= x->lines[1]);
		FUZZ_CHECK(x->similarity >= 0 && x->similarity <= 1);
		/* by document, then position */
		if (m > 0) {
			const scd_scan_member *p = x - 1;
			FUZZ_CHECK(p->doc < x->doc || (p->doc == x->doc && p->span[0] <= x->span[0]));
		}
		docs += m == 0 || c->members[m - 1].doc != x->doc;
	}
	FUZZ_CHECK(docs == c->ndocs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	scd_scan_options opts = SCD_SCAN_OPTIONS_INIT;
	scd_report_options ro = SCD_REPORT_OPTIONS_INIT;
	const uint8_t *part[MAX_FILES];
	size_t len[MAX_FILES], n, i, skipped = 0;
	const char *list[MAX_FILES];
	scd_scan *s = NULL;
	FILE *f;

	if (size == 0)
		return 0;
	setup();
	opts.min_length = SCD_SHINGLE_K + SCD_SHINGLE_W + (data[0] & 15);
	opts.within = !(data[0] & 16);
	opts.across = !(data[0] & 32);
	opts.boilerplate_docs = (data[0] >> 6) & 3; /* 0 = the default rule */
	n = fuzz_split(part, len, MAX_FILES, data + 1, size - 1);
	for (i = 0; i < n; i++) {
		FILE *w = fopen(paths[i], "wb");
		FUZZ_CHECK(w != NULL);
		FUZZ_CHECK(fwrite(part[i], 1, len[i], w) == len[i]);
		FUZZ_CHECK(fclose(w) == 0);
		list[i] = paths[i];
	}
	if (!opts.within && !opts.across) {
		/* bad options are refused, not scanned */
		FUZZ_CHECK(scd_scan_files(&s, list, n, &opts) == SCD_EINVALID && !s);
		return 0;
	}
	FUZZ_CHECK(scd_scan_files(&s, list, n, &opts) == 0);
	FUZZ_CHECK(s->ndocs == n);
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(s->docs[i].bytes == len[i] || s->docs[i].error);
		if (s->docs[i].error) {
			FUZZ_CHECK(strstr(s->docs[i].error, paths[i]) != NULL);
			skipped++;
		} else {
			FUZZ_CHECK(s->docs[i].repeated_bytes <= s->docs[i].bytes);
		}
	}
	FUZZ_CHECK(skipped == s->nskipped);
	for (i = 0; i < s->nclusters; i++)
		check_cluster(s, &s->clusters[i]);
	for (i = 0; i < s->nboilerplate; i++)
		check_cluster(s, &s->boilerplate[i]);

	f = fuzz_sink_open();
	FUZZ_CHECK(scd_report_scan_text(f, s, &ro) == 0);
	FUZZ_CHECK(scd_report_scan_json(f, s) == 0);
	fuzz_sink_close(f);
	scd_scan_free(s);
	return 0;
}

/*
 * The store's readers (store_meta.c, store_index.c) and the paragraphs
 * trace cuts a text into (store_trace.c), on arbitrary bytes.
 *
 * Input: one byte choosing the reader, then the bytes it reads:
 *  0  witnesses/<id>/meta      1  statements/<n>/members
 *  2  the index: a manifest, FF FF, then one segment file (fuzz_split())
 *  3  a text, cut into paragraphs
 * Properties:
 *  - a reader either refuses the bytes with SCD_EINVALID and a message
 *    naming the file, or accepts them; what it accepted, written again,
 *    reads back to the same values, and writing that once more gives the
 *    same bytes (the formats are canonical);
 *  - an index whose files were damaged is refused or, if its sizes and
 *    header hold, looked up without leaving its entries (every entry found
 *    names a witness of the manifest), and its check runs;
 *  - paragraphs lie inside the text, in order, apart, not empty, on
 *    character boundaries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <scodiff.h>
#include "store/store_meta.h"
#include "store/store_index.h"
#include "fuzz_util.h"

static void witness(const char *buf, size_t len)
{
	scd_store_witness w, r;
	char *text = NULL, *again = NULL;

	if (scd_store__witness_parse(&w, buf, len, "witnesses/x/meta") < 0) {
		FUZZ_CHECK(strstr(scd_error_last(), "witnesses/x/meta") != NULL);
		return;
	}
	FUZZ_CHECK(scd_store__witness_format(&text, &w) == 0);
	FUZZ_CHECK(scd_store__witness_parse(&r, text, strlen(text), "again") == 0);
	FUZZ_CHECK(!strcmp(r.path, w.path) && !strcmp(r.encoding, w.encoding) &&
		   !strcmp(r.blob, w.blob) && !strcmp(r.xxh128, w.xxh128) &&
		   !strcmp(r.added, w.added) && r.bytes == w.bytes && r.chars == w.chars);
	FUZZ_CHECK(scd_store__witness_format(&again, &r) == 0);
	FUZZ_CHECK(!strcmp(text, again));
	scd_store_witness_clear(&w);
	scd_store_witness_clear(&r);
	free(text);
	free(again);
}

static void members(const char *buf, size_t len)
{
	scd_store_member *m = NULL, *r = NULL;
	size_t n = 0, nr = 0, i;
	char *text = NULL, *again = NULL;

	if (scd_store__members_parse(&m, &n, buf, len, "statements/000001/members") < 0) {
		FUZZ_CHECK(strstr(scd_error_last(), "statements/000001/members") != NULL);
		return;
	}
	FUZZ_CHECK(n > 0);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(m[i].span[0] < m[i].span[1] && m[i].lines[0] >= 1 &&
			   m[i].lines[0] <= m[i].lines[1] && m[i].similarity >= 0 &&
			   m[i].similarity <= 1 && strlen(m[i].witness) == SCD_STORE_ID_LEN);
	FUZZ_CHECK(scd_store__members_format(&text, m, n) == 0);
	FUZZ_CHECK(scd_store__members_parse(&r, &nr, text, strlen(text), "again") == 0);
	FUZZ_CHECK(nr == n);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(!strcmp(r[i].witness, m[i].witness) && r[i].span[0] == m[i].span[0] &&
			   r[i].span[1] == m[i].span[1] && r[i].lines[0] == m[i].lines[0] &&
			   r[i].lines[1] == m[i].lines[1]);
	FUZZ_CHECK(scd_store__members_format(&again, r, nr) == 0);
	FUZZ_CHECK(!strcmp(text, again));
	free(m);
	free(r);
	free(text);
	free(again);
}

static void write_all(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	FUZZ_CHECK(f != NULL);
	FUZZ_CHECK(len == 0 || fwrite(data, 1, len, f) == len);
	FUZZ_CHECK(fclose(f) == 0);
}

static void problem(const char *p, void *payload)
{
	(void)p;
	++*(size_t *)payload;
}

static void index_files(const uint8_t *data, size_t size)
{
	char dir[64], path[128];
	const uint8_t *pd[2] = { NULL, NULL };
	size_t pl[2] = { 0, 0 };
	size_t nparts = fuzz_split(pd, pl, 2, data, size), problems = 0;
	scd_store__index *x = NULL;
	scd_store__manifest m;

	snprintf(dir, sizeof(dir), "/tmp/scd-fuzz-index.%d", (int)getpid());
	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/manifest", dir);
	write_all(path, pd[0], pl[0]);
	/* the segment goes under the first name the manifest gives, if any */
	if (scd_store__manifest_parse(&m, (const char *)(pd[0] ? (const char *)pd[0] : ""), pl[0], "manifest") == 0) {
		char *text = NULL;
		scd_store__manifest r;
		FUZZ_CHECK(scd_store__manifest_format(&text, &m) == 0);
		FUZZ_CHECK(scd_store__manifest_parse(&r, text, strlen(text), "again") == 0);
		FUZZ_CHECK(r.nwitnesses == m.nwitnesses && r.nsegments == m.nsegments &&
			   !strcmp(r.commit, m.commit));
		scd_store__manifest_clear(&r);
		free(text);
		if (m.nsegments && nparts > 1) {
			snprintf(path, sizeof(path), "%s/%s", dir, m.segments[0].name);
			write_all(path, pd[1], pl[1]);
		}
		scd_store__manifest_clear(&m);
	} else {
		FUZZ_CHECK(strstr(scd_error_last(), "manifest") != NULL);
	}
	if (scd_store__index_open(&x, dir) == 0) {
		scd_store__fp buf[8];
		size_t i, n, k;
		/* look up the hashes the segment holds, and some it does not */
		for (i = 0; nparts > 1 && i + 8 <= pl[1] && i < 4096; i += 8) {
			uint64_t h;
			memcpy(&h, pd[1] + i, 8);
			n = scd_store__index_find(x, h, buf, 8);
			for (k = 0; k < n && k < 8; k++)
				FUZZ_CHECK(buf[k].doc < scd_store__index_nwitnesses(x));
		}
		scd_store__index_check(x, problem, &problems);
		scd_store__index_free(x);
	} else {
		FUZZ_CHECK(scd_error_last()[0] != '\0');
	}
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	FUZZ_CHECK(system(path) == 0);
}

static void paragraphs(const uint8_t *data, size_t size)
{
	size_t len = 0, n = 0, i;
	char *text = fuzz_utf8(data, size, &len);
	scd_input *in = NULL;
	scd_range *p = NULL;
	const char *t;

	if (scd_input_from_memory(&in, "text", text, len, NULL) < 0) {
		free(text);
		return;
	}
	t = scd_input_text(in, &len);
	FUZZ_CHECK(scd_store_paragraphs(&p, &n, in) == 0);
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(p[i].beg < p[i].end && p[i].end <= len);
		FUZZ_CHECK(fuzz_on_boundary(t, len, p[i].beg) && fuzz_on_boundary(t, len, p[i].end));
		if (i)
			FUZZ_CHECK(p[i].beg >= p[i - 1].end);
	}
	free(p);
	scd_input_free(in);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	switch (data[0] % 4) {
	case 0: witness((const char *)data + 1, size - 1); break;
	case 1: members((const char *)data + 1, size - 1); break;
	case 2: index_files(data + 1, size - 1); break;
	case 3: paragraphs(data + 1, size - 1); break;
	}
	return 0;
}

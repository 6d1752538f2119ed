/*
 * A plain driver for the fuzz harnesses, for builds without libFuzzer
 * (gcc, the normal and the sanitizer builds): runs LLVMFuzzerTestOneInput
 * once on every file named, and on every file of every folder named (in
 * name order, so runs are repeatable).  Under ctest each harness replays
 * its seed folder this way; a failed property aborts.
 *
 *   driver FILE|FOLDER...
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_util.h"

static size_t nrun;

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, r;

	if (!f) {
		perror(path);
		return -1;
	}
	do {
		if (len == cap) {
			uint8_t *p = realloc(buf, cap ? 2 * cap : 65536);
			if (!p) {
				fclose(f);
				free(buf);
				fprintf(stderr, "%s: out of memory\n", path);
				return -1;
			}
			buf = p;
			cap = cap ? 2 * cap : 65536;
		}
		r = fread(buf + len, 1, cap - len, f);
		len += r;
	} while (r > 0);
	if (ferror(f)) {
		perror(path);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	/* an exact-size copy, so that reads past the end are caught by ASan */
	{
		uint8_t *exact = malloc(len ? len : 1);
		if (!exact) {
			free(buf);
			return -1;
		}
		memcpy(exact, buf, len);
		free(buf);
		fprintf(stderr, "running %s (%zu bytes)\n", path, len);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	nrun++;
	return 0;
}

static int cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int error = 0;

	if (!d) {
		perror(dir);
		return -1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **p = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof(*names));
			if (!p) {
				error = -1;
				break;
			}
			names = p;
		}
		if (!(names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2))) {
			error = -1;
			break;
		}
		sprintf(names[n++], "%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		if (error == 0)
			error = run_file(names[i]);
		free(names[i]);
	}
	free(names);
	return error;
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|FOLDER...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		struct stat sb;
		int error;

		if (stat(argv[i], &sb) < 0) {
			perror(argv[i]);
			return 2;
		}
		error = S_ISDIR(sb.st_mode) ? run_dir(argv[i]) : run_file(argv[i]);
		if (error < 0)
			return 2;
	}
	if (nrun == 0) {
		fprintf(stderr, "%s: no inputs found\n", argv[0]);
		return 2; /* a misplaced seed folder must not pass quietly */
	}
	printf("%s: %zu inputs, no failure\n", argv[0], nrun);
	return 0;
}

/* scodiff scan PATH...: repeated passages in a collection, clustered. */
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <scodiff.h>
#include "cli.h"

/* What the command line sets. */
typedef struct {
	scd_scan_options scan;
	scd_report_options report;
	const char *color, *html;
	int json, within, across, follow;
} scan_args;

#define ARG(field) offsetof(scan_args, field)

static const cli_opt_spec scan_options[] = {
	CLI_SECTION("options"),
	CLI_OPT_JSON(ARG(json), "write {\"version\":1,\"clusters\":[...],\n"
				"\"boilerplate\":[...],\"documents\":[...]} (byte\n"
				"offsets into the original files)"),
	CLI_OPT_HTML(ARG(html), "write a self-contained HTML report to FILE ('-':\n"
				"standard output): documents × documents shares,\n"
				"clusters, each member's text with its\n"
				"differences; it replaces the terminal report\n"
				"(--json still goes to standard output)"),
	CLI_SIZE("min-length", ARG(scan.min_length), 16, 1000000, "N",
		 "shortest passage, in characters (30)"),
	CLI_FRACTION("threshold", ARG(scan.threshold),
		     "least similarity of a member to its cluster's\n"
		     "canonical text, 0 to 1 (0.5)"),
	CLI_SWITCH("within", 0, ARG(within), "only repeats inside one document"),
	CLI_SWITCH("across", 0, ARG(across), "only repeats across documents"),
	CLI_SWITCH("follow", 0, ARG(follow), "follow links to folders inside the folders\n"
					  "given (as find -L; each folder is read once)"),
	CLI_SIZE("boilerplate-docs", ARG(scan.boilerplate_docs), 2, 100000000, "N",
		 "a formula in N documents or more is boilerplate\n"
		 "(default: 5 % of the documents, at least 10)"),
	CLI_OPT_COLOR(ARG(color), "auto (default), always or never"),
	CLI_OPT_ENCODING(ARG(scan.input.encoding), "charset of every input (default: detected)"),
	CLI_OPT_HELP_ROW,
	CLI_END
};

static const cli_opt_command scan_cli = {
	.usage =
	"usage: scodiff scan [options] PATH...\n"
	"\n"
	"Find every passage that occurs at least twice in a collection, inside\n"
	"one document or across documents, through line wraps, spacing,\n"
	"punctuation widths, variant forms and OCR slips, and group the renderings\n"
	"of each statement into a cluster.  PATH is a file or a folder (read\n"
	"recursively; names starting with '.' inside folders are left out); '-'\n"
	"reads a list of paths from standard input, one per line.\n"
	"\n"
	"Reports clusters largest first (members with file and lines, the\n"
	"canonical text, how the members differ), the formulae found in very many\n"
	"documents (datelines, slogans) collapsed as boilerplate, and each\n"
	"document's share of repeated text.\n",
	.specs = scan_options,
	.epilogue =
	"\n"
	"Progress goes to standard error when it is a terminal.  A file that\n"
	"cannot be read or decoded is reported and skipped; the scan goes on.\n"
	"\n"
	"exit status: 0 nothing repeated, 1 clusters found, 2 trouble (also when\n"
	"a file was skipped).\n",
	.see = "--help",
	.min_operands = 1,
	.operands_error = "scan: expected at least one file or folder (see scodiff scan --help)",
};

typedef struct {
	char **v;
	size_t n, cap;
	int trouble; /* a path could not be listed */
	int follow;  /* follow links to folders below the paths given */
	/* the folders read so far, so that a link loop (a link to '..')
	 * or a folder reached twice is read once */
	struct { dev_t dev; ino_t ino; } *seen;
	size_t nseen, capseen;
} path_list;

/* Room for one more path in l: 0, or -1 when out of memory. */
static int grow(path_list *l)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		char **v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	return 0;
}

static int add_path(path_list *l, const char *p)
{
	if (grow(l) || !(l->v[l->n] = strdup(p)))
		return -1;
	l->n++;
	return 0;
}

static void free_paths(path_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	free(l->seen);
}

static int cmp_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Add path: a file as it is, a folder's files in name order. */
static int walk(path_list *l, const char *path, int depth)
{
	struct stat st;
	DIR *dir;
	struct dirent *e;
	path_list names = { NULL, 0, 0, 0, 0, NULL, 0, 0 };
	size_t i;
	int error = 0;

	if (stat(path, &st) < 0) {
		/* let the scan say what is wrong with it, in its list */
		return add_path(l, path);
	}
	if (!S_ISDIR(st.st_mode))
		return S_ISREG(st.st_mode) || depth == 0 ? add_path(l, path) : 0;
	{
		/* inside a folder, a link to a folder is left alone unless
		 * asked (find's -P); a folder already read is not read again */
		struct stat lst;
		if (depth > 0 && !l->follow && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
			return 0;
		for (i = 0; i < l->nseen; i++)
			if (l->seen[i].dev == st.st_dev && l->seen[i].ino == st.st_ino)
				return 0;
		if (l->nseen == l->capseen) {
			size_t cap = l->capseen ? 2 * l->capseen : 16;
			void *v = realloc(l->seen, cap * sizeof(*l->seen));
			if (!v)
				return -1;
			l->seen = v;
			l->capseen = cap;
		}
		l->seen[l->nseen].dev = st.st_dev;
		l->seen[l->nseen].ino = st.st_ino;
		l->nseen++;
	}
	if (depth > 64) {
		cli_error("'%s': folders nested too deep, left out", path);
		l->trouble = 1;
		return 0;
	}
	if (!(dir = opendir(path))) {
		cli_error("'%s': %s", path, strerror(errno));
		l->trouble = 1;
		return 0;
	}
	while ((e = readdir(dir))) {
		size_t len = strlen(path) + strlen(e->d_name) + 2;
		char *full;
		if (e->d_name[0] == '.')
			continue;
		if (grow(&names) || !(full = malloc(len))) {
			error = -1;
			break;
		}
		snprintf(full, len, "%s%s%s", path,
			 path[strlen(path) - 1] == '/' ? "" : "/", e->d_name);
		names.v[names.n++] = full;
	}
	closedir(dir);
	qsort(names.v, names.n, sizeof(*names.v), cmp_name);
	for (i = 0; i < names.n && error == 0; i++)
		error = walk(l, names.v[i], depth + 1);
	free_paths(&names);
	return error;
}

/* Paths from standard input, one per line. */
static int read_list(path_list *l)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int error = 0;

	while (error == 0 && (len = getline(&line, &cap, stdin)) >= 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len > 0)
			error = walk(l, line, 0);
	}
	free(line);
	return error;
}

static void progress(size_t done, size_t total, void *payload)
{
	(void)payload;
	if (done == total || done % 16 == 0)
		fprintf(stderr, "\rscodiff: scanning: %zu of %zu files%s", done, total,
			done == total ? "\n" : "");
}

int cmd_scan(int argc, char **argv)
{
	scan_args a = { SCD_SCAN_OPTIONS_INIT, SCD_REPORT_OPTIONS_INIT, NULL, NULL, 0, 0, 0, 0 };
	scd_scan *scan = NULL;
	path_list paths = { NULL, 0, 0, 0, 0, NULL, 0, 0 };
	int first, status, error, stdin_list = 0;
	size_t i;

	if ((first = cli_opt_parse(&status, &scan_cli, &a, argc, argv)) < 0)
		return status;
	if ((a.report.color = cli_want_color(a.color, stdout)) < 0)
		return CLI_TROUBLE;
	if (a.html && a.json && !strcmp(a.html, "-"))
		return cli_error("--json and --html=- both write to standard output: give one");
	paths.follow = a.follow;
	if (a.within || a.across) {
		/* --within and --across together mean both, as neither does */
		a.scan.within = a.within;
		a.scan.across = a.across;
	}
	for (i = (size_t)first; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "-")) {
			if (stdin_list++)
				return cli_error("scan: '-' given twice");
			error = read_list(&paths);
		} else {
			error = walk(&paths, argv[i], 0);
		}
		if (error < 0) {
			cli_error("out of memory");
			goto done;
		}
	}
	if (paths.n == 0) {
		cli_error("scan: no files to read in %s", argv[first]);
		goto done;
	}
	if (isatty(STDERR_FILENO))
		a.scan.progress = progress;
	/* only the page shows the members' texts: the other reports let
	 * each file go once its members are compared */
	a.scan.keep_texts = a.html != NULL;
	if ((error = scd_scan_files(&scan, (const char *const *)paths.v, paths.n, &a.scan)) < 0) {
		cli_error("%s", scd_error_last());
		goto done;
	}
	for (i = 0; i < scan->ndocs; i++)
		if (scan->docs[i].error)
			cli_error("%s (skipped)", scan->docs[i].error);
	if (a.html) {
		FILE *f = cli_output_open(a.html, 0);
		if (!f || cli_output_close(f, a.html, scd_report_html_scan(f, scan)))
			goto done;
	}
	error = a.json ? scd_report_scan_json(stdout, scan)
		       : a.html ? 0 : scd_report_scan_text(stdout, scan, &a.report);
	if (error < 0 || cli_close_stdout()) {
		if (error < 0)
			cli_error("%s", scd_error_last());
		goto done;
	}
	status = scan->nskipped || paths.trouble ? CLI_TROUBLE
		 : scan->nclusters ? CLI_DIFFERENT : CLI_SAME;
done:
	scd_scan_free(scan);
	free_paths(&paths);
	return status;
}

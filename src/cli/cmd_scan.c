/* scodiff scan PATH...: repeated passages in a collection, clustered. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <scodiff.h>
#include "cli.h"

const char cmd_scan_help[] =
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
"document's share of repeated text.\n"
"\n"
"options:\n"
"  --json                write {\"version\":1,\"clusters\":[...],\n"
"                        \"boilerplate\":[...],\"documents\":[...]} (byte\n"
"                        offsets into the original files)\n"
"  --html=FILE           write a self-contained HTML report to FILE ('-':\n"
"                        standard output): documents × documents shares,\n"
"                        clusters, each member's text with its\n"
"                        differences; it replaces the terminal report\n"
"                        (--json still goes to standard output)\n"
"  --min-length=N        shortest passage, in characters (30)\n"
"  --threshold=X         least similarity of a member to its cluster's\n"
"                        canonical text, 0 to 1 (0.5)\n"
"  --within              only repeats inside one document\n"
"  --across              only repeats across documents\n"
"  --boilerplate-docs=N  a formula in N documents or more is boilerplate\n"
"                        (default: 5 % of the documents, at least 10)\n"
"  --color=WHEN          auto (default), always or never\n"
"  --encoding=NAME       charset of every input (default: detected)\n"
"  -h, --help            this help\n"
"\n"
"Progress goes to standard error when it is a terminal.  A file that\n"
"cannot be read or decoded is reported and skipped; the scan goes on.\n"
"\n"
"exit status: 0 nothing repeated, 1 clusters found, 2 trouble (also when\n"
"a file was skipped).\n";

enum {
	OPT_JSON = 256, OPT_MIN_LENGTH, OPT_THRESHOLD, OPT_WITHIN, OPT_ACROSS,
	OPT_BOILERPLATE, OPT_COLOR, OPT_ENCODING, OPT_HTML
};

static const struct option long_options[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "html", required_argument, NULL, OPT_HTML },
	{ "min-length", required_argument, NULL, OPT_MIN_LENGTH },
	{ "threshold", required_argument, NULL, OPT_THRESHOLD },
	{ "within", no_argument, NULL, OPT_WITHIN },
	{ "across", no_argument, NULL, OPT_ACROSS },
	{ "boilerplate-docs", required_argument, NULL, OPT_BOILERPLATE },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

typedef struct {
	char **v;
	size_t n, cap;
	int trouble; /* a path could not be listed */
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
	path_list names = { NULL, 0, 0, 0 };
	size_t i;
	int error = 0;

	if (stat(path, &st) < 0) {
		/* let the scan say what is wrong with it, in its list */
		return add_path(l, path);
	}
	if (!S_ISDIR(st.st_mode))
		return S_ISREG(st.st_mode) || depth == 0 ? add_path(l, path) : 0;
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
	scd_scan_options o = SCD_SCAN_OPTIONS_INIT;
	scd_report_options ropts = SCD_REPORT_OPTIONS_INIT;
	scd_scan *scan = NULL;
	path_list paths = { NULL, 0, 0, 0 };
	const char *color = NULL, *html = NULL;
	int json = 0, within = 0, across = 0, c, status = CLI_TROUBLE, error, stdin_list = 0;
	unsigned int v;
	size_t i;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_JSON: json = 1; break;
		case OPT_HTML: html = optarg; break;
		case OPT_MIN_LENGTH:
			if (cli_number(&v, optarg, "min-length", 16, 1000000))
				return CLI_TROUBLE;
			o.min_length = v;
			break;
		case OPT_THRESHOLD: {
			char *end;
			errno = 0;
			o.threshold = strtod(optarg, &end);
			if (errno || *end || end == optarg || !(o.threshold >= 0 && o.threshold <= 1))
				return cli_error("--threshold takes a number from 0 to 1, not '%s'", optarg);
			break;
		}
		case OPT_WITHIN: within = 1; break;
		case OPT_ACROSS: across = 1; break;
		case OPT_BOILERPLATE:
			if (cli_number(&v, optarg, "boilerplate-docs", 2, 100000000))
				return CLI_TROUBLE;
			o.boilerplate_docs = v;
			break;
		case OPT_COLOR: color = optarg; break;
		case OPT_ENCODING: o.input.encoding = optarg; break;
		case 'h':
			fputs(cmd_scan_help, stdout);
			return cli_close_stdout() ? CLI_TROUBLE : CLI_SAME;
		case ':':
			return cli_error("option '%s' needs a value (see --help)", argv[optind - 1]);
		default:
			return cli_error("unknown option '%s' (see --help)", argv[optind - 1]);
		}
	}
	if (optind == argc)
		return cli_error("scan: expected at least one file or folder (see scodiff scan --help)");
	if ((ropts.color = cli_want_color(color, stdout)) < 0)
		return cli_error("--color takes auto, always or never, not '%s'", color);
	if (html && json && !strcmp(html, "-"))
		return cli_error("--json and --html=- both write to standard output: give one");
	if (within || across) {
		/* --within and --across together mean both, as neither does */
		o.within = within;
		o.across = across;
	}
	for (i = (size_t)optind; i < (size_t)argc; i++) {
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
		cli_error("scan: no files to read in %s", argv[optind]);
		goto done;
	}
	if (isatty(STDERR_FILENO))
		o.progress = progress;
	if ((error = scd_scan_files(&scan, (const char *const *)paths.v, paths.n, &o)) < 0) {
		cli_error("%s", scd_error_last());
		goto done;
	}
	for (i = 0; i < scan->ndocs; i++)
		if (scan->docs[i].error)
			cli_error("%s (skipped)", scan->docs[i].error);
	if (html) {
		FILE *f = cli_output_open(html);
		if (!f || cli_output_close(f, html, scd_report_html_scan(f, scan)))
			goto done;
	}
	error = json ? scd_report_scan_json(stdout, scan)
		     : html ? 0 : scd_report_scan_text(stdout, scan, &ropts);
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

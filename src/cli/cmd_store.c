/*
 * scodiff store ...: the git-backed archive of witnesses, statements and
 * canonical texts, and the provenance audit (store.h).
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <scodiff.h>
#include "cli.h"

/* What the command line sets, and the operands. */
typedef struct {
	const char *store, *text, *encoding, *color, *html;
	int json, all, verbose;
	double threshold; /* -1: not given */
	unsigned int min_length, wait;
	char **args;
	int nargs;
	char *dflt; /* the default store path, malloc'd */
} store_args;

#define ARG(field) offsetof(store_args, field)

static const cli_opt_spec store_options[] = {
	CLI_SECTION("options"),
	CLI_STRING("store", 0, ARG(store), "DIR",
		   "the store (default $SCODIFF_STORE, else\n"
		   "$XDG_DATA_HOME/scodiff/store, else\n"
		   "~/.local/share/scodiff/store)"),
	CLI_OPT_JSON(ARG(json), "JSON output (show, trace; docs/json-report.md)"),
	CLI_FRACTION("threshold", ARG(threshold), "trace: least similarity of a source (0.5)"),
	CLI_STRING("text", 0, ARG(text), "TEXT", "trace: the text itself instead of a FILE"),
	CLI_OPT_HTML(ARG(html), "trace: write a self-contained HTML page to FILE\n"
				"('-': standard output): the text with each\n"
				"paragraph colored by the witness it came from,\n"
				"its sources beside it; it replaces the terminal\n"
				"report (--json still goes to standard output)"),
	CLI_NUMBER("min-length", ARG(min_length), 16, 100000, "N",
		   "add: shortest shared passage, key characters (30)"),
	CLI_NUMBER("wait", ARG(wait), 0, 86400, "SECONDS",
		   "add: how long to wait for another add (120)"),
	CLI_OPT_ENCODING(ARG(encoding), "charset of the files (default: detected)"),
	CLI_OPT_COLOR(ARG(color), "auto (default), always or never"),
	CLI_SWITCH("all", 0, ARG(all), NULL), /* canon --all: in the usage above */
	CLI_SWITCH("verbose", 'v', ARG(verbose), "log: whole commit messages"),
	CLI_OPT_HELP_ROW,
	CLI_END
};

static const cli_opt_command store_cli = {
	.usage =
	"usage: scodiff store init [DIR]\n"
	"       scodiff store add [options] FILE...\n"
	"       scodiff store log [-v]\n"
	"       scodiff store show [--json] NUMBER\n"
	"       scodiff store canon NUMBER | --all\n"
	"       scodiff store trace [--json] [--html=FILE] [--threshold=X]\n"
	"                           FILE | --text=TEXT\n"
	"       scodiff store verify\n"
	"\n"
	"A store keeps every rendering of a text it is given (a witness: the\n"
	"file's bytes, path, size, encoding, hashes and time), the statements the\n"
	"witnesses share (passages found in two or more of them) and each\n"
	"statement's canonical text (the reading most of its witnesses give at\n"
	"every place; a tie goes to the earliest witness).  It is a git\n"
	"repository: each add is one commit, so 'git -C DIR log', 'git show' and\n"
	"'git fsck' work on it (layout: docs/store.md).\n"
	"\n"
	"  init     create an empty store in DIR (new or empty folder)\n"
	"  add      record files as witnesses, in one commit; the same bytes\n"
	"           again record nothing and say so\n"
	"  log      the store's commits, newest first (-v: whole messages)\n"
	"  show     a statement: canonical text, witnesses with byte ranges and\n"
	"           lines, and the readings where they differ\n"
	"  canon    the canonical text of a statement, or of all (--all)\n"
	"  trace    for each paragraph of FILE (or of --text), the recorded\n"
	"           witnesses holding it, with similarity, statement and the commit\n"
	"           that first recorded the witness\n"
	"  verify   check that objects, metadata and index agree\n",
	.specs = store_options,
	.epilogue =
	"\n"
	"exit status: 0 done (verify: sound), 2 trouble (verify: problems found).\n",
	.see = "scodiff store --help",
};

static const char *store_dir(store_args *a)
{
	return cli_store_dir(a->store, &a->dflt);
}

static int open_store(scd_store **s, store_args *a)
{
	if (scd_store_open(s, store_dir(a)) < 0)
		return cli_error("%s", scd_error_last());
	return 0;
}

static int parse_statement(size_t *n, const char *arg)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (!*arg || *end || errno || v == 0 || v > 999999 || arg[0] == '-')
		return cli_error("'%s' is not a statement number (1 to 999999)", arg);
	*n = (size_t)v;
	return 0;
}

/* ---- subcommands -------------------------------------------------------- */

static int do_init(store_args *a)
{
	const char *dir;

	if (a->nargs > 1)
		return cli_error("store init: one folder, got %d", a->nargs);
	dir = a->nargs ? a->args[0] : store_dir(a);
	if (scd_store_init(dir) < 0)
		return cli_error("%s", scd_error_last());
	fputs("created an empty store in ", stdout);
	cli_name(stdout, dir);
	putchar('\n');
	return cli_close_stdout() ? CLI_TROUBLE : CLI_SAME;
}

static int do_add(store_args *a)
{
	scd_store_add_options o = SCD_STORE_ADD_OPTIONS_INIT;
	scd_store_added *r = NULL;
	scd_store *s = NULL;
	size_t i, known = 0;
	int status = CLI_TROUBLE;

	if (a->nargs < 1)
		return cli_error("store add: no files given (see scodiff store --help)");
	for (i = 0; i < (size_t)a->nargs; i++)
		if (!strcmp(a->args[i], "-"))
			return cli_error("store add: '-' is not accepted: a witness is a file "
					 "with a path");
	o.input.encoding = a->encoding;
	if (a->min_length)
		o.min_length = a->min_length;
	o.wait = a->wait;
	if (open_store(&s, a))
		return CLI_TROUBLE;
	if (scd_store_add(s, &r, (const char *const *)a->args, (size_t)a->nargs, &o) < 0) {
		cli_error("%s (nothing recorded)", scd_error_last());
		goto done;
	}
	if (*scd_store_note(s))
		cli_note(scd_store_note(s));
	for (i = 0; i < r->nfiles; i++) {
		const scd_added_file *f = &r->files[i];
		if (f->status == SCD_ADDED_KNOWN) {
			cli_name(stdout, f->path);
			printf(": already recorded as witness %s (", f->id);
			cli_name(stdout, f->known_path);
			fputs("); nothing new\n", stdout);
			known++;
		}
	}
	if (r->committed) {
		printf("commit %.12s  ", r->commit);
		scd_quote_write(stdout, r->message, strlen(r->message), SCD_QUOTE_LINES);
	} else {
		printf("nothing new: %zu file%s already recorded; no commit\n", known,
		       known == 1 ? "" : "s");
	}
	status = cli_close_stdout() ? CLI_TROUBLE : CLI_SAME;
done:
	scd_store_added_free(r);
	scd_store_free(s);
	return status;
}

static int print_commit(const scd_store_commit *c, void *payload)
{
	const store_args *a = payload;
	char when[32];
	time_t t = (time_t)c->time;
	struct tm tm;
	const char *nl = strchr(c->message, '\n');

	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm);
	/* a message is anyone's who could commit to the store's repository */
	if (a->verbose) {
		printf("commit %s\nDate:  %s\n\n", c->commit, when);
		scd_quote_write(stdout, c->message, strlen(c->message), SCD_QUOTE_LINES);
	} else {
		printf("%.12s %s  ", c->commit, when);
		scd_quote_write(stdout, c->message,
				nl ? (size_t)(nl - c->message) : strlen(c->message), 0);
	}
	putchar('\n');
	return 0;
}

static int do_log(store_args *a)
{
	scd_store *s = NULL;
	int status = CLI_TROUBLE;

	if (a->nargs)
		return cli_error("store log: takes no arguments");
	if (open_store(&s, a))
		return CLI_TROUBLE;
	if (scd_store_log(s, print_commit, a) < 0)
		cli_error("%s", scd_error_last());
	else
		status = cli_close_stdout() ? CLI_TROUBLE : CLI_SAME;
	scd_store_free(s);
	return status;
}

static int do_show(store_args *a)
{
	scd_store_show_options o = SCD_STORE_SHOW_OPTIONS_INIT;
	scd_store *s = NULL;
	scd_store_shown *sh = NULL;
	size_t n = 0;
	int status = CLI_TROUBLE, error;

	if (a->nargs != 1)
		return cli_error("store show: one statement number (see 'scodiff store canon --all')");
	if (parse_statement(&n, a->args[0]))
		return CLI_TROUBLE;
	if (open_store(&s, a))
		return CLI_TROUBLE;
	/* the readings where the witnesses differ are in the terminal report only */
	o.readings = !a->json;
	if (scd_store_show(s, &sh, n, &o) < 0) {
		cli_error("%s", scd_error_last());
		goto done;
	}
	error = a->json ? scd_report_statement_json(stdout, sh)
			: scd_report_statement_text(stdout, sh);
	/* cli_close_stdout() names a write error's cause */
	if (cli_close_stdout() || (error < 0 && cli_error("%s", scd_error_last())))
		goto done;
	status = CLI_SAME;
done:
	scd_store_shown_free(sh);
	scd_store_free(s);
	return status;
}

static int do_canon(store_args *a)
{
	scd_store *s = NULL;
	scd_store_statement *st = NULL;
	size_t *nums = NULL, n = 0, i, one;
	int status = CLI_TROUBLE;

	if (a->all ? a->nargs != 0 : a->nargs != 1)
		return cli_error("store canon: one statement number, or --all");
	if (!a->all && parse_statement(&one, a->args[0]))
		return CLI_TROUBLE;
	if (open_store(&s, a))
		return CLI_TROUBLE;
	if (a->all) {
		if (scd_store_statements(s, &nums, &n) < 0) {
			cli_error("%s", scd_error_last());
			goto done;
		}
	} else {
		nums = &one;
		n = 1;
	}
	for (i = 0; i < n; i++) {
		if (scd_store_statement_get(s, &st, nums[i]) < 0) {
			cli_error("%s", scd_error_last());
			goto done;
		}
		if (a->all)
			printf("== statement %zu (%zu witness%s)\n", nums[i], st->nmembers,
			       st->nmembers == 1 ? "" : "es");
		if (cli_write_text(stdout, st->canonical, strlen(st->canonical)) < 0)
			break; /* cli_close_stdout() says it */
		if (a->all || (*st->canonical && st->canonical[strlen(st->canonical) - 1] != '\n'))
			putchar('\n');
		scd_store_statement_free(st);
		st = NULL;
	}
	status = cli_close_stdout() ? CLI_TROUBLE : CLI_SAME;
done:
	if (nums != &one)
		free(nums);
	scd_store_statement_free(st);
	scd_store_free(s);
	return status;
}

static int do_trace(store_args *a)
{
	scd_store_trace_options o = SCD_STORE_TRACE_OPTIONS_INIT;
	scd_input_options io = SCD_INPUT_OPTIONS_INIT;
	scd_report_options ro = SCD_REPORT_OPTIONS_INIT;
	scd_store *s = NULL;
	scd_input *in = NULL;
	scd_store_trace *t = NULL;
	int status = CLI_TROUBLE, error;

	if (a->text ? a->nargs != 0 : a->nargs != 1)
		return cli_error("store trace: one FILE, or --text=TEXT");
	if (a->html && a->json && !strcmp(a->html, "-"))
		return cli_error("--json and --html=- both write to standard output: give one");
	if (a->threshold >= 0)
		o.threshold = a->threshold;
	io.encoding = a->encoding;
	if (a->text)
		error = scd_input_from_memory(&in, "--text", a->text, strlen(a->text), &io);
	else
		error = scd_input_read(&in, a->args[0], &io);
	if (error < 0)
		return cli_error("%s", scd_error_last());
	if (open_store(&s, a))
		goto done;
	if (scd_store_trace_input(s, &t, in, &o) < 0) {
		cli_error("%s", scd_error_last());
		goto done;
	}
	if (*scd_store_note(s))
		cli_note(scd_store_note(s));
	if (a->html) {
		FILE *f = cli_output_open(a->html, 0);
		if (!f || cli_output_close(f, a->html,
					   scd_report_html_trace(f, t, scd_store_dir(s))))
			goto done;
	}
	error = 0;
	if (a->json) {
		error = scd_report_trace_json(stdout, t, scd_store_dir(s), t->commit);
	} else if (!a->html) {
		ro.color = cli_want_color(a->color, stdout);
		error = scd_report_trace_text(stdout, t, &ro);
	}
	/* one line for a write error: cli_close_stdout() says its own */
	if (error < 0 ? cli_error("write error on standard output") : cli_close_stdout())
		goto done;
	status = CLI_SAME;
done:
	scd_store_trace_free(t);
	scd_input_free(in);
	scd_store_free(s);
	return status;
}

static void print_problem(const char *problem, void *payload)
{
	size_t *n = payload;

	scd_quote_write(stdout, problem, strlen(problem), 0);
	putchar('\n');
	(*n)++;
}

static int do_verify(store_args *a)
{
	scd_store *s = NULL;
	size_t lines = 0;
	int problems;

	if (a->nargs)
		return cli_error("store verify: takes no arguments");
	if (open_store(&s, a))
		return CLI_TROUBLE;
	problems = scd_store_verify(s, print_problem, &lines);
	if (problems < 0) {
		cli_error("%s", scd_error_last());
		scd_store_free(s);
		return CLI_TROUBLE;
	}
	cli_name(stdout, scd_store_dir(s));
	if (problems == 0)
		printf(": sound\n");
	else
		printf(": %d problem%s\n", problems, problems == 1 ? "" : "s");
	scd_store_free(s);
	if (cli_close_stdout())
		return CLI_TROUBLE;
	return problems ? CLI_TROUBLE : CLI_SAME;
}

int cmd_store(int argc, char **argv)
{
	static const struct { const char *name; int (*run)(store_args *); } sub[] = {
		{ "init", do_init }, { "add", do_add }, { "log", do_log },
		{ "show", do_show }, { "canon", do_canon }, { "trace", do_trace },
		{ "verify", do_verify }, { NULL, NULL }
	};
	store_args a;
	const char *name;
	size_t i;
	int first, status;

	memset(&a, 0, sizeof(a));
	a.threshold = -1;
	a.wait = 120;
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cli_opt_help(argc < 2 ? stderr : stdout, &store_cli);
		if (argc < 2)
			return CLI_TROUBLE;
		return cli_close_stdout() ? CLI_TROUBLE : CLI_SAME;
	}
	name = argv[1];
	for (i = 0; sub[i].name && strcmp(sub[i].name, name); i++)
		;
	if (!sub[i].name)
		return cli_error("store: unknown command '%s' (init, add, log, show, canon, "
				 "trace, verify; see scodiff store --help)", name);
	/* the subcommand's name stands where getopt expects the program's */
	if ((first = cli_opt_parse(&status, &store_cli, &a, argc - 1, argv + 1)) < 0)
		return status;
	if (a.color && cli_want_color(a.color, stdout) < 0)
		return CLI_TROUBLE;
	if (a.html && sub[i].run != do_trace)
		return cli_error("--html is an option of store trace only");
	a.args = argv + 1 + first;
	a.nargs = argc - 1 - first;
	status = sub[i].run(&a);
	free(a.dflt);
	return status;
}

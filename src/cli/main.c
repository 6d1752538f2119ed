/* scodiff: the command table and dispatch.  `scodiff A B` is `diff`. */
#include <stdio.h>
#include <string.h>

#include <scodiff.h>
#include "cli.h"

static const cli_command commands[] = {
	{ "diff", cmd_diff, "compare two renderings of a text (the default)" },
	{ "check", cmd_check, "flag likely slips in texts with no second rendering" },
	{ "scan", cmd_scan, "repeated passages in a collection, clustered" },
	{ "collate", cmd_collate, "the consensus reading of several renderings" },
	{ "store", cmd_store, "a git-backed archive of witnesses, statements, provenance" },
	{ "clean", cmd_clean, "an editor's cleanup pass, as text, patch or report" },
	{ NULL, NULL, NULL }
};

static void usage(FILE *f)
{
	const cli_command *c;

	fputs("usage: scodiff [options] A B          compare two files ('-' is stdin)\n"
	      "       scodiff <command> [options] ...\n"
	      "       scodiff --help | --version\n\ncommands:\n", f);
	for (c = commands; c->name; c++)
		fprintf(f, "  %-8s %s\n", c->name, c->summary);
	fputs("\n'scodiff <command> --help' describes a command; 'scodiff diff --help' lists\n"
	      "the options of the default comparison.\n", f);
}

int main(int argc, char **argv)
{
	const cli_command *c;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		fputc('\n', stdout);
		cli_opt_help(stdout, &cmd_diff_cli);
		return cli_close_stdout() ? CLI_TROUBLE : CLI_SAME;
	}
	if (argc >= 2 && !strcmp(argv[1], "--version")) {
		printf("scodiff %s\n", scd_version());
		return cli_close_stdout() ? CLI_TROUBLE : CLI_SAME;
	}
	if (argc < 2) {
		usage(stderr);
		return CLI_TROUBLE;
	}
	for (c = commands; c->name; c++)
		if (!strcmp(argv[1], c->name))
			return c->run(argc - 1, argv + 1);
	/* no command named: the default comparison gets every argument */
	return cmd_diff(argc, argv);
}

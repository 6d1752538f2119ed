/* scodiff collate FILE FILE...: the consensus of several renderings. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <scodiff.h>
#include "cli.h"

const char cmd_collate_help[] =
"usage: scodiff collate [options] FILE FILE...\n"
"\n"
"Align several renderings of one text and give, at every place where they\n"
"disagree, the reading most of them have (the consensus), the canonical\n"
"text made of those readings, and which file has which reading, with its\n"
"kind against the consensus (variant, ocr with its reason, edit).  The\n"
"files are aligned on one of them, the pivot (by default the one most\n"
"similar to all the others); a file lacking a passage of the pivot does\n"
"not vote there, and text found nowhere in the pivot is listed apart.  A\n"
"tie goes to the reading that fits its context best by the evidence of\n"
"all the files (their character pairs, ICU's dictionary, character\n"
"frequency), then to the earlier file.  One FILE may be '-' (stdin).\n"
"\n"
"options:\n"
"  --json                write the JSON report (docs/json-report.md)\n"
"  --canon               write only the canonical text: the pivot's text\n"
"                        with the consensus readings, in UTF-8\n"
"  -o, --output=FILE     write to FILE instead of standard output\n"
"  --show=KINDS          kinds of difference that make a place (comma list\n"
"                        or 'all'; default variant,ocr,edit; layout never)\n"
"  --pivot=N             align on the N-th FILE (1 = the first)\n"
"  --color=WHEN          auto (default), always or never\n"
"  --context=N           characters of context around a place (8)\n"
"  --encoding=NAME       charset of every input (default: detected)\n"
"  -h, --help            this help\n"
"\n"
"exit status: 0 the files read the same (in the kinds shown) and hold the\n"
"same text, 1 they do not, 2 trouble.\n";

enum { OPT_JSON = 256, OPT_CANON, OPT_SHOW, OPT_PIVOT, OPT_COLOR, OPT_CONTEXT, OPT_ENCODING };

static const struct option long_options[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "canon", no_argument, NULL, OPT_CANON },
	{ "output", required_argument, NULL, 'o' },
	{ "show", required_argument, NULL, OPT_SHOW },
	{ "pivot", required_argument, NULL, OPT_PIVOT },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "context", required_argument, NULL, OPT_CONTEXT },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int cmd_collate(int argc, char **argv)
{
	scd_collate_options copts = SCD_COLLATE_OPTIONS_INIT;
	scd_report_options ropts = SCD_REPORT_OPTIONS_INIT;
	scd_input_options iopts = SCD_INPUT_OPTIONS_INIT;
	scd_input **in = NULL;
	scd_collation *col = NULL;
	const char *color = NULL, *output = NULL;
	unsigned int pivot = 0;
	size_t n = 0, i, absent = 0;
	int json = 0, canon = 0, c, status = CLI_TROUBLE, error;
	long show;
	FILE *out = stdout;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+ho:", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_JSON: json = 1; break;
		case OPT_CANON: canon = 1; break;
		case 'o': output = optarg; break;
		case OPT_SHOW:
			if ((show = cli_parse_kinds(optarg, "--show")) < 0)
				return CLI_TROUBLE;
			copts.kinds = (unsigned int)show;
			break;
		case OPT_PIVOT:
			if (cli_number(&pivot, optarg, "pivot", 1, 1000000))
				return CLI_TROUBLE;
			break;
		case OPT_COLOR: color = optarg; break;
		case OPT_CONTEXT:
			if (cli_number(&ropts.context, optarg, "context", 0, 1000))
				return CLI_TROUBLE;
			break;
		case OPT_ENCODING: iopts.encoding = optarg; break;
		case 'h':
			fputs(cmd_collate_help, stdout);
			return cli_close_stdout() ? CLI_TROUBLE : CLI_SAME;
		case ':':
			return cli_error("option '%s' needs a value (see --help)", argv[optind - 1]);
		default:
			return cli_error("unknown option '%s' (see --help)", argv[optind - 1]);
		}
	}
	if (argc - optind < 2)
		return cli_error("collate: expected at least two files, got %d (see scodiff collate --help)",
				 argc - optind);
	if (json && canon)
		return cli_error("--json and --canon are two different outputs: give one");
	if (cli_want_color(color, stdout) < 0)
		return cli_error("--color takes auto, always or never, not '%s'", color);
	if (pivot > (unsigned int)(argc - optind))
		return cli_error("--pivot=%u: there are only %d files", pivot, argc - optind);
	copts.pivot = (int)pivot - 1;
	if (cli_read_inputs(&in, argv + optind, (size_t)(argc - optind), &iopts) < 0)
		return CLI_TROUBLE;
	n = (size_t)(argc - optind);
	if ((error = scd_collate_inputs(&col, in, n, &copts)) < 0) {
		cli_error("%s", scd_error_last());
		goto done;
	}
	if (output && !(out = fopen(output, "w"))) {
		out = stdout;
		cli_error("'%s': %s", output, strerror(errno));
		goto done;
	}
	ropts.color = cli_want_color(color, out);
	if (canon)
		error = fwrite(col->canonical, 1, col->canonical_len, out) == col->canonical_len ? 0 : -1;
	else
		error = json ? scd_report_collate_json(out, col)
			     : scd_report_collate_text(out, col, &ropts);
	if (out != stdout) {
		int failed = ferror(out);
		if (fclose(out) != 0 || failed) {
			out = stdout;
			cli_error("'%s': write error", output);
			goto done;
		}
		out = stdout;
	}
	if (error < 0 || cli_close_stdout()) {
		if (error < 0)
			cli_error("write error");
		goto done;
	}
	for (i = 0; i < n; i++)
		absent += col->witnesses[i].nabsent;
	status = col->nplaces || col->nadditions || absent ? CLI_DIFFERENT : CLI_SAME;
done:
	if (out != stdout)
		fclose(out);
	scd_collation_free(col);
	for (i = 0; i < n; i++)
		scd_input_free(in[i]);
	free(in);
	return status;
}

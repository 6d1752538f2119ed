/* scodiff [diff] A B: compare two renderings of a text. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <scodiff.h>
#include "cli.h"

const char cmd_diff_help[] =
"usage: scodiff [diff] [options] A B\n"
"\n"
"Compare two renderings of the same text and show what really differs:\n"
"aligned passages (in any order) with their differences, then the parts\n"
"found in only one file.  Line wraps, spaces between CJK characters,\n"
"full/half-width forms, dash and quote styles and traditional/simplified\n"
"forms are seen through and classified, not shown as changes.  A or B may\n"
"be '-' for standard input.\n"
"\n"
"kinds of difference:\n"
"  layout   whitespace and line breaks (hidden)\n"
"  width    full/half-width or other compatibility forms (NFKC-equal)\n"
"  punct    punctuation only (`－`/`—`, `，`/`、`, a mark added or dropped)\n"
"  variant  another standard form of the same character (`強`/`强`)\n"
"  ocr      likely recognition or typing slip (same sound, doubled)\n"
"  edit     a substantive change\n"
"\n"
"options:\n"
"  --json                write the JSON report (docs/json-report.md)\n"
"  --html=FILE           write a self-contained HTML report to FILE ('-':\n"
"                        standard output) to open in a browser: both texts\n"
"                        side by side, differences colored by kind; it\n"
"                        replaces the terminal report (--json still goes\n"
"                        to standard output)\n"
"  --show=KINDS          kinds listed one by one (comma list or 'all');\n"
"                        default edit,ocr in the terminal, all but layout\n"
"                        in JSON; the others are counted\n"
"  --ignore=KINDS        kinds that do not make the files differ (exit 0)\n"
"  --color=WHEN          auto (default: on a terminal, unless NO_COLOR),\n"
"                        always or never\n"
"  --context=N           characters of context around a change (8)\n"
"  --encoding=NAME       charset of both inputs (e.g. GB18030, UTF-16LE);\n"
"                        default: BOM, then UTF-8, then detection of\n"
"                        CJK charsets\n"
"  -h, --help            this help\n"
"\n"
"tuning (docs/parameters.md says how the defaults were measured):\n"
"  --k=N --w=N           shingle length and winnowing window (8, 8)\n"
"  --min-tile=N          shortest exact match used as a tile (12)\n"
"  --max-gap=N           longest gap bridged inside a passage (48)\n"
"  --min-block=N         fewest aligned characters in a passage (16)\n"
"  --max-occ=N           fingerprints seen more often in B are not seeds (8)\n"
"\n"
"exit status: 0 the texts differ only in layout (and --ignore'd kinds),\n"
"1 they differ otherwise, 2 trouble.\n";

enum {
	OPT_JSON = 256, OPT_SHOW, OPT_IGNORE, OPT_COLOR, OPT_CONTEXT,
	OPT_ENCODING, OPT_K, OPT_W, OPT_MIN_TILE, OPT_MAX_GAP, OPT_MIN_BLOCK, OPT_MAX_OCC,
	OPT_HTML
};

static const struct option long_options[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "html", required_argument, NULL, OPT_HTML },
	{ "show", required_argument, NULL, OPT_SHOW },
	{ "ignore", required_argument, NULL, OPT_IGNORE },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "context", required_argument, NULL, OPT_CONTEXT },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "k", required_argument, NULL, OPT_K },
	{ "w", required_argument, NULL, OPT_W },
	{ "min-tile", required_argument, NULL, OPT_MIN_TILE },
	{ "max-gap", required_argument, NULL, OPT_MAX_GAP },
	{ "min-block", required_argument, NULL, OPT_MIN_BLOCK },
	{ "max-occ", required_argument, NULL, OPT_MAX_OCC },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int cmd_diff(int argc, char **argv)
{
	scd_diff_options dopts = SCD_DIFF_OPTIONS_INIT;
	scd_report_options ropts = SCD_REPORT_OPTIONS_INIT;
	scd_input_options iopts = SCD_INPUT_OPTIONS_INIT;
	scd_input *a = NULL, *b = NULL;
	scd_diff *d = NULL;
	const char *color = NULL, *html = NULL;
	long show = -1, ignore = 0;
	int json = 0, c, status = CLI_TROUBLE, error, k;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_JSON: json = 1; break;
		case OPT_HTML: html = optarg; break;
		case OPT_SHOW:
			if ((show = cli_parse_kinds(optarg, "--show")) < 0)
				return CLI_TROUBLE;
			break;
		case OPT_IGNORE:
			if ((ignore = cli_parse_kinds(optarg, "--ignore")) < 0)
				return CLI_TROUBLE;
			break;
		case OPT_COLOR: color = optarg; break;
		case OPT_CONTEXT:
			if (cli_number(&ropts.context, optarg, "context", 0, 1000))
				return CLI_TROUBLE;
			break;
		case OPT_ENCODING: iopts.encoding = optarg; break;
		case OPT_K:
			if (cli_number(&dopts.align.k, optarg, "k", 1, 64))
				return CLI_TROUBLE;
			break;
		case OPT_W:
			if (cli_number(&dopts.align.w, optarg, "w", 1, 1000))
				return CLI_TROUBLE;
			break;
		case OPT_MIN_TILE:
			if (cli_number(&dopts.align.min_tile, optarg, "min-tile", 1, 100000))
				return CLI_TROUBLE;
			break;
		case OPT_MAX_GAP:
			if (cli_number(&dopts.align.max_gap, optarg, "max-gap", 0, 100000))
				return CLI_TROUBLE;
			break;
		case OPT_MIN_BLOCK:
			if (cli_number(&dopts.align.min_block, optarg, "min-block", 1, 100000000))
				return CLI_TROUBLE;
			break;
		case OPT_MAX_OCC:
			if (cli_number(&dopts.align.max_occ, optarg, "max-occ", 1, 1000000))
				return CLI_TROUBLE;
			break;
		case 'h':
			fputs(cmd_diff_help, stdout);
			return cli_close_stdout() ? CLI_TROUBLE : CLI_SAME;
		case ':':
			return cli_error("option '%s' needs a value (see --help)", argv[optind - 1]);
		default:
			return cli_error("unknown option '%s' (see --help)", argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return cli_error("expected two files to compare, got %d (see --help)",
				 argc - optind);
	if (!strcmp(argv[optind], "-") && !strcmp(argv[optind + 1], "-"))
		return cli_error("only one of A and B can be standard input");
	if ((ropts.color = cli_want_color(color, stdout)) < 0)
		return cli_error("--color takes auto, always or never, not '%s'", color);
	if (html && json && !strcmp(html, "-"))
		return cli_error("--json and --html=- both write to standard output: give one");
	if (json)
		ropts.color = 0;
	if (show >= 0)
		ropts.show = (unsigned int)show;
	else if (json || html)
		ropts.show = SCD_SHOW_ALL & ~SCD_SHOW(SCD_KIND_LAYOUT);
	dopts.keep_layout = (ropts.show & SCD_SHOW(SCD_KIND_LAYOUT)) != 0;

	if (cli_read_two(&a, argv[optind], &b, argv[optind + 1], &iopts) < 0)
		goto done;
	if ((error = scd_diff_inputs(&d, a, b, &dopts)) < 0) {
		cli_error("%s", scd_error_last());
		goto done;
	}
	if (html) {
		/* the page marks every kind but layout it is given */
		scd_report_options hopts = ropts;
		FILE *f;
		hopts.show &= ~SCD_SHOW(SCD_KIND_LAYOUT);
		if (!(f = cli_output_open(html)) ||
		    cli_output_close(f, html, scd_report_html_diff(f, d, &hopts)))
			goto done;
	}
	error = json ? scd_report_json(stdout, d, &ropts)
		     : html ? 0 : scd_report_text(stdout, d, &ropts);
	if (error < 0 || cli_close_stdout()) {
		if (error < 0)
			cli_error("%s", scd_error_last());
		goto done;
	}
	status = CLI_SAME;
	if (d->nunmatched_a || d->nunmatched_b)
		status = CLI_DIFFERENT;
	for (k = 0; k < SCD_KIND__COUNT; k++)
		if (k != SCD_KIND_LAYOUT && !(ignore & (long)SCD_SHOW(k)) && d->counts[k])
			status = CLI_DIFFERENT;
done:
	scd_diff_free(d);
	scd_input_free(a);
	scd_input_free(b);
	return status;
}

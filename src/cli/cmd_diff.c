/* scodiff [diff] A B: compare two renderings of a text. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <scodiff.h>
#include "cli.h"

/* What the command line sets. */
typedef struct {
	scd_diff_options diff;
	scd_report_options report;
	scd_input_options input;
	const char *color, *html;
	long show, ignore;
	int json;
	int vocabulary; /* 1: regional words fold (variants); 0: they are edits */
} diff_args;

#define ARG(field) offsetof(diff_args, field)

static const cli_opt_choice vocabulary_choices[] = {
	{ "fold", 1 }, { "keep", 0 }, { NULL, 0 }
};

static const cli_opt_spec diff_options[] = {
	CLI_SECTION("options"),
	CLI_OPT_JSON(ARG(json), "write the JSON report (docs/json-report.md)"),
	CLI_OPT_HTML(ARG(html), "write a self-contained HTML report to FILE ('-':\n"
				"standard output) to open in a browser: both texts\n"
				"side by side, differences colored by kind; it\n"
				"replaces the terminal report (--json still goes\n"
				"to standard output)"),
	CLI_KINDS("show", ARG(show), "kinds listed one by one (comma list or 'all');\n"
				     "default edit,ocr in the terminal, all but layout\n"
				     "in JSON; the others are counted"),
	CLI_KINDS("ignore", ARG(ignore), "kinds that do not make the files differ (exit 0)"),
	CLI_OPT_COLOR(ARG(color), "auto (default: on a terminal, unless NO_COLOR),\n"
				  "always or never"),
	CLI_OPT_CONTEXT(ARG(report.context), "characters of context around a change (8)"),
	CLI_CHOICE("vocabulary", ARG(vocabulary), vocabulary_choices, "fold|keep",
		   "fold (default): another region's word (文件/檔案,\n"
		   "用户/使用者, OpenCC's dictionaries) is a variant;\n"
		   "keep: it is an edit"),
	CLI_OPT_ENCODING(ARG(input.encoding), "charset of both inputs (e.g. GB18030, UTF-16LE);\n"
					      "default: BOM, then UTF-8, then detection of\n"
					      "CJK charsets"),
	CLI_OPT_HELP_ROW,
	CLI_OPT_ALIGN(ARG(diff.align)),
	CLI_END
};

const cli_opt_command cmd_diff_cli = {
	.usage =
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
	"  edit     a substantive change\n",
	.specs = diff_options,
	.epilogue =
	"\n"
	"exit status: 0 the texts differ only in layout (and --ignore'd kinds),\n"
	"1 they differ otherwise, 2 trouble.\n",
	.see = "--help",
	.min_operands = 2,
	.max_operands = 2,
	.operands_error = "expected two files to compare, got %d (see --help)",
};

int cmd_diff(int argc, char **argv)
{
	diff_args a = { SCD_DIFF_OPTIONS_INIT, SCD_REPORT_OPTIONS_INIT,
			SCD_INPUT_OPTIONS_INIT, NULL, NULL, -1, 0, 0, 1 };
	scd_input *ia = NULL, *ib = NULL;
	scd_diff *d = NULL;
	int first, status, error, k;

	if ((first = cli_opt_parse(&status, &cmd_diff_cli, &a, argc, argv)) < 0)
		return status;
	if (!strcmp(argv[first], "-") && !strcmp(argv[first + 1], "-"))
		return cli_error("only one of A and B can be standard input");
	if ((a.report.color = cli_want_color(a.color, stdout)) < 0)
		return CLI_TROUBLE;
	if (a.html && a.json && !strcmp(a.html, "-"))
		return cli_error("--json and --html=- both write to standard output: give one");
	if (a.json)
		a.report.color = 0;
	if (a.show >= 0)
		a.report.show = (unsigned int)a.show;
	else if (a.json || a.html)
		a.report.show = SCD_SHOW_ALL & ~SCD_SHOW(SCD_KIND_LAYOUT);
	a.diff.keep_layout = (a.report.show & SCD_SHOW(SCD_KIND_LAYOUT)) != 0;
	if (!a.vocabulary)
		a.diff.normalize.fold &= ~(unsigned int)SCD_FOLD_REGIONAL;

	if (cli_read_two(&ia, argv[first], &ib, argv[first + 1], &a.input) < 0)
		goto done;
	if ((error = scd_diff_inputs(&d, ia, ib, &a.diff)) < 0) {
		cli_error("%s", scd_error_last());
		goto done;
	}
	if (a.html) {
		/* the page marks every kind but layout it is given */
		scd_report_options hopts = a.report;
		FILE *f;
		hopts.show &= ~SCD_SHOW(SCD_KIND_LAYOUT);
		if (!(f = cli_output_open(a.html, 0)) ||
		    cli_output_close(f, a.html, scd_report_html_diff(f, d, &hopts)))
			goto done;
	}
	error = a.json ? scd_report_json(stdout, d, &a.report)
		       : a.html ? 0 : scd_report_text(stdout, d, &a.report);
	if (error < 0 || cli_close_stdout()) {
		if (error < 0)
			cli_error("%s", scd_error_last());
		goto done;
	}
	status = CLI_SAME;
	if (d->nunmatched_a || d->nunmatched_b)
		status = CLI_DIFFERENT;
	for (k = 0; k < SCD_KIND__COUNT; k++)
		if (k != SCD_KIND_LAYOUT && !(a.ignore & (long)SCD_SHOW(k)) && d->counts[k])
			status = CLI_DIFFERENT;
done:
	scd_diff_free(d);
	scd_input_free(ia);
	scd_input_free(ib);
	return status;
}

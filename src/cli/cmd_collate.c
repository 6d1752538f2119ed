/* scodiff collate FILE FILE...: the consensus of several renderings. */
#include <stddef.h>
#include <stdlib.h>

#include <scodiff.h>
#include "cli.h"

/* What the command line sets. */
typedef struct {
	scd_collate_options collate;
	scd_report_options report;
	scd_input_options input;
	const char *color, *output;
	long show;
	unsigned int pivot;
	int json, canon;
} collate_args;

#define ARG(field) offsetof(collate_args, field)

static const cli_opt_spec collate_options[] = {
	CLI_SECTION("options"),
	CLI_OPT_JSON(ARG(json), "write the JSON report (docs/json-report.md)"),
	CLI_SWITCH("canon", 0, ARG(canon), "write only the canonical text: the pivot's text\n"
					   "with the consensus readings, in UTF-8"),
	CLI_STRING("output", 'o', ARG(output), "FILE", "write to FILE instead of standard output"),
	CLI_KINDS("show", ARG(show), "kinds of difference that make a place (comma list\n"
				     "or 'all'; default variant,ocr,edit; layout never)"),
	CLI_NUMBER("pivot", ARG(pivot), 1, 1000000, "N",
		   "align on the N-th FILE (1 = the first)"),
	CLI_OPT_COLOR(ARG(color), "auto (default), always or never"),
	CLI_OPT_CONTEXT(ARG(report.context), "characters of context around a place (8)"),
	CLI_OPT_ENCODING(ARG(input.encoding), "charset of every input (default: detected)"),
	CLI_OPT_HELP_ROW,
	CLI_END
};

static const cli_opt_command collate_cli = {
	.usage =
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
	"frequency), then to the earlier file.  One FILE may be '-' (stdin).\n",
	.specs = collate_options,
	.epilogue =
	"\n"
	"exit status: 0 the files read the same (in the kinds shown) and hold the\n"
	"same text, 1 they do not, 2 trouble.\n",
	.see = "--help",
	.flags = CLI_OPT_IN_ORDER,
	.min_operands = 2,
	.operands_error = "collate: expected at least two files, got %d (see scodiff collate --help)",
};

int cmd_collate(int argc, char **argv)
{
	collate_args a = { SCD_COLLATE_OPTIONS_INIT, SCD_REPORT_OPTIONS_INIT,
			   SCD_INPUT_OPTIONS_INIT, NULL, NULL, -1, 0, 0, 0 };
	scd_input **in = NULL;
	scd_collation *col = NULL;
	size_t n = 0, i, absent = 0;
	int first, status, error;
	FILE *out = stdout;

	if ((first = cli_opt_parse(&status, &collate_cli, &a, argc, argv)) < 0)
		return status;
	if (a.show >= 0)
		a.collate.kinds = (unsigned int)a.show;
	if (a.json && a.canon)
		return cli_error("--json and --canon are two different outputs: give one");
	if (cli_want_color(a.color, stdout) < 0)
		return CLI_TROUBLE;
	if (a.pivot > (unsigned int)(argc - first))
		return cli_error("--pivot=%u: there are only %d files", a.pivot, argc - first);
	a.collate.pivot = (int)a.pivot - 1;
	if (cli_read_inputs(&in, argv + first, (size_t)(argc - first), &a.input) < 0)
		return CLI_TROUBLE;
	n = (size_t)(argc - first);
	if ((error = scd_collate_inputs(&col, in, n, &a.collate)) < 0) {
		cli_error("%s", scd_error_last());
		goto done;
	}
	/* a file is written beside itself and renamed when whole (cli.h) */
	if (a.output && !(out = cli_output_open(a.output, 0)))
		goto done;
	a.report.color = cli_want_color(a.color, out);
	if (a.canon)
		error = cli_write_text(out, col->canonical, col->canonical_len) < 0 ? SCD_EIO : 0;
	else
		error = a.json ? scd_report_collate_json(out, col)
			       : scd_report_collate_text(out, col, &a.report);
	if (out != stdout) {
		FILE *f = out;
		out = stdout;
		if (cli_output_close(f, a.output, error) != 0)
			goto done;
		error = 0;
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
	scd_collation_free(col);
	for (i = 0; i < n; i++)
		scd_input_free(in[i]);
	free(in);
	return status;
}

/* scodiff check FILE...: likely slips in texts with no second rendering. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <scodiff.h>
#include "cli.h"

/* What the command line sets. */
typedef struct {
	scd_check_options check;
	scd_report_options report;
	scd_input_options input;
	const char *color;
	int json;
} check_args;

#define ARG(field) offsetof(check_args, field)

static const cli_opt_spec check_options[] = {
	CLI_SECTION("options"),
	CLI_OPT_JSON(ARG(json), "write {\"version\":1,\"flags\":[...]} (byte offsets\n"
				"into the original files)"),
	CLI_FRACTION("min-confidence", ARG(check.min_confidence),
		     "drop flags below X, 0 to 1 (0.5)"),
	CLI_OPT_COLOR(ARG(color), "auto (default), always or never"),
	CLI_OPT_CONTEXT(ARG(report.context), "characters of context shown (8)"),
	CLI_OPT_ENCODING(ARG(input.encoding), "charset of every input (default: detected)"),
	CLI_OPT_HELP_ROW,
	CLI_END
};

static const cli_opt_command check_cli = {
	.usage =
	"usage: scodiff check [options] FILE...\n"
	"\n"
	"Flag likely OCR and typing slips in texts that have no second rendering\n"
	"at hand, and traditional forms inside simplified text.  The files given\n"
	"together are the evidence: a character is flagged when it forms no word\n"
	"with its neighbours while a character that sounds or looks like it does,\n"
	"in ICU's dictionary and elsewhere in the files (`路劲` where the text\n"
	"elsewhere says `路径`).  FILE may be '-' for standard input (once).\n",
	.specs = check_options,
	.epilogue =
	"\nexit status: 0 nothing flagged, 1 flags, 2 trouble.\n",
	.see = "--help",
	.flags = CLI_OPT_IN_ORDER,
	.min_operands = 1,
	.operands_error = "check: expected at least one file (see scodiff check --help)",
};

int cmd_check(int argc, char **argv)
{
	check_args a = { SCD_CHECK_OPTIONS_INIT, SCD_REPORT_OPTIONS_INIT,
			 SCD_INPUT_OPTIONS_INIT, NULL, 0 };
	scd_input **in = NULL;
	scd_check *check = NULL;
	size_t n = 0, i;
	int first, status, error;

	if ((first = cli_opt_parse(&status, &check_cli, &a, argc, argv)) < 0)
		return status;
	if ((a.report.color = cli_want_color(a.color, stdout)) < 0)
		return CLI_TROUBLE;
	if (cli_read_inputs(&in, argv + first, (size_t)(argc - first), &a.input) < 0)
		return CLI_TROUBLE;
	n = (size_t)(argc - first);
	if ((error = scd_check_inputs(&check, in, n, &a.check)) < 0) {
		cli_error("%s", scd_error_last());
		goto done;
	}
	error = a.json ? scd_report_check_json(stdout, check, in, n)
		     : scd_report_check_text(stdout, check, in, n, &a.report);
	if (error < 0 || cli_close_stdout()) {
		if (error < 0)
			cli_error("%s", scd_error_last());
		goto done;
	}
	status = check->nflags ? CLI_DIFFERENT : CLI_SAME;
done:
	scd_check_free(check);
	for (i = 0; i < n; i++)
		scd_input_free(in[i]);
	free(in);
	return status;
}

/* scodiff check FILE...: likely slips in texts with no second rendering. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <scodiff.h>
#include "cli.h"

const char cmd_check_help[] =
"usage: scodiff check [options] FILE...\n"
"\n"
"Flag likely OCR and typing slips in texts that have no second rendering\n"
"at hand, and traditional forms inside simplified text.  The files given\n"
"together are the evidence: a character is flagged when it forms no word\n"
"with its neighbours while a character that sounds or looks like it does,\n"
"in ICU's dictionary and elsewhere in the files (`路劲` where the text\n"
"elsewhere says `路径`).  FILE may be '-' for standard input (once).\n"
"\n"
"options:\n"
"  --json                write {\"version\":1,\"flags\":[...]} (byte offsets\n"
"                        into the original files)\n"
"  --min-confidence=X    drop flags below X, 0 to 1 (0.5)\n"
"  --color=WHEN          auto (default), always or never\n"
"  --context=N           characters of context shown (8)\n"
"  --encoding=NAME       charset of every input (default: detected)\n"
"  -h, --help            this help\n"
"\n"
"exit status: 0 nothing flagged, 1 flags, 2 trouble.\n";

enum { OPT_JSON = 256, OPT_MIN_CONF, OPT_COLOR, OPT_CONTEXT, OPT_ENCODING };

static const struct option long_options[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "min-confidence", required_argument, NULL, OPT_MIN_CONF },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "context", required_argument, NULL, OPT_CONTEXT },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int cmd_check(int argc, char **argv)
{
	scd_check_options copts = SCD_CHECK_OPTIONS_INIT;
	scd_report_options ropts = SCD_REPORT_OPTIONS_INIT;
	scd_input_options iopts = SCD_INPUT_OPTIONS_INIT;
	scd_input **in = NULL;
	scd_check *check = NULL;
	const char *color = NULL;
	size_t n = 0, i;
	int json = 0, c, status = CLI_TROUBLE, error;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_JSON: json = 1; break;
		case OPT_MIN_CONF: {
			char *end;
			errno = 0;
			copts.min_confidence = strtod(optarg, &end);
			if (errno || *end || end == optarg || !(copts.min_confidence >= 0 && copts.min_confidence <= 1))
				return cli_error("--min-confidence takes a number from 0 to 1, not '%s'", optarg);
			break;
		}
		case OPT_COLOR: color = optarg; break;
		case OPT_CONTEXT: {
			char *end;
			unsigned long v;
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (errno || *end || end == optarg || v > 1000)
				return cli_error("--context takes a whole number from 0 to 1000, not '%s'", optarg);
			ropts.context = (unsigned int)v;
			break;
		}
		case OPT_ENCODING: iopts.encoding = optarg; break;
		case 'h':
			fputs(cmd_check_help, stdout);
			return cli_close_stdout() ? CLI_TROUBLE : CLI_SAME;
		case ':':
			return cli_error("option '%s' needs a value (see --help)", argv[optind - 1]);
		default:
			return cli_error("unknown option '%s' (see --help)", argv[optind - 1]);
		}
	}
	if (optind == argc)
		return cli_error("check: expected at least one file (see scodiff check --help)");
	if ((ropts.color = cli_want_color(color, stdout)) < 0)
		return cli_error("--color takes auto, always or never, not '%s'", color);
	if (cli_read_inputs(&in, argv + optind, (size_t)(argc - optind), &iopts) < 0)
		return CLI_TROUBLE;
	n = (size_t)(argc - optind);
	if ((error = scd_check_inputs(&check, in, n, &copts)) < 0) {
		cli_error("%s", scd_error_last());
		goto done;
	}
	error = json ? scd_report_check_json(stdout, check, in, n)
		     : scd_report_check_text(stdout, check, in, n, &ropts);
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

/* scodiff clean FILE: the editor's cleanup pass, as text, patch or report. */
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
	scd_clean_options clean;
	scd_input_options input;
	const char *output, *backup, *color, *store;
	int in_place, patch, report, json;
} clean_args;

#define ARG(field) offsetof(clean_args, field)

static int parse_backup(void *target, const char *value);
static int parse_rules(void *target, const char *value);
static int parse_punct(void *target, const char *value);
static int parse_to(void *target, const char *value);

static const cli_opt_choice fix_choices[] = { { "ocr", 1 }, { "none", 0 }, { NULL, 0 } };

static const cli_opt_spec clean_options[] = {
	CLI_SECTION("options"),
	CLI_STRING("output", 'o', ARG(output), "OUT", "write the cleaned text to OUT"),
	CLI_SWITCH("in-place", 'i', ARG(in_place), "replace FILE, keeping the original as FILE.orig\n"
						   "(never replaced: if taken, FILE.orig.~1~, ~2~...)"),
	CLI_CALL("backup", ARG(backup), parse_backup, "SUFFIX",
		 "with --in-place: the backup's suffix (.orig)"),
	CLI_SWITCH("patch", 0, ARG(patch), "write a unified diff that patch(1) applies to FILE"),
	CLI_SWITCH("report", 0, ARG(report), "list every change: place, kind, before -> after,\n"
					     "reason (changes marked [review] are not applied)"),
	CLI_OPT_JSON(ARG(json), "with --report: a JSON document (docs/json-report.md)"),
	CLI_CHOICE("fix", ARG(clean.fix_ocr), fix_choices, "ocr",
		   "apply likely slips at or above --min-confidence"),
	CLI_FRACTION("min-confidence", ARG(clean.fix_min_confidence),
		     "0 to 1 (0.9); slips below it are only listed"),
	CLI_STRING("store", 0, ARG(store), "DIR",
		   "apply the canonical readings of a scodiff store: where\n"
		   "a paragraph traces (similarity 0.8 or more) to a\n"
		   "statement whose canonical text reads otherwise at a\n"
		   "slip, the canonical reading (kind 'reading')"),
	CLI_CALL("rules", ARG(clean.rules), parse_rules, "LIST",
		 "rules to run: reflow,space,punct,variant,ocr (all)"),
	CLI_CALL("punct", ARG(clean.rules), parse_punct, "STYLE",
		 "fullwidth (default) or keep (punctuation untouched)"),
	CLI_CALL("to", ARG(clean.to), parse_to, "FORM",
		 "convert through OpenCC: simplified, traditional, tw\n"
		 "(Taiwan characters and vocabulary: 文件 -> 檔案), hk,\n"
		 "or an OpenCC configuration (tw2sp, hk2s, s2tw...)"),
	CLI_OPT_ENCODING(ARG(input.encoding), "charset of FILE (default: detected)"),
	CLI_OPT_COLOR(ARG(color), "auto (default), always or never (--report)"),
	CLI_OPT_HELP_ROW,
	CLI_END
};

static const cli_opt_command clean_cli = {
	.usage =
	"usage: scodiff clean [options] FILE\n"
	"\n"
	"Clean an OCR'd text for publication and account for every change.  The\n"
	"cleaned text goes to standard output (or -o, --in-place); --patch and\n"
	"--report show what changed instead.  Rules (all on by default):\n"
	"  reflow   a line break inside a sentence is layout: the lines are joined\n"
	"           (with the blank line between them).  Headings, Markdown lines,\n"
	"           list and numbered items, datelines, captions and page notes\n"
	"           keep their own lines; so does a line that ends a sentence.\n"
	"  space    spaces between Chinese characters, and between digits and\n"
	"           Chinese characters (2025 年 9 月 -> 2025年9月), are removed;\n"
	"           Latin text keeps its spaces.\n"
	"  punct    in Chinese text, ASCII , ; : ? ! ( ) next to Chinese characters\n"
	"           become full-width; runs of dashes become ——, a lone dash —.\n"
	"  variant  traditional forms inside simplified text become simplified\n"
	"           (強化 -> 强化); a traditional text is left alone.  With --to,\n"
	"           the whole text is converted through OpenCC instead.\n"
	"  ocr      likely OCR slips (as 'scodiff check' finds them) are listed for\n"
	"           review; --fix=ocr applies those at or above --min-confidence.\n"
	"Nothing else is touched: the only differences between FILE and the\n"
	"output are the changes --report lists, and cleaning twice changes\n"
	"nothing more.  FILE may be '-' for standard input.\n",
	.specs = clean_options,
	.epilogue =
	"\n"
	"Input in another charset (GB18030, Big5, UTF-16...) is decoded and the\n"
	"cleaned text is written in UTF-8.  --patch needs UTF-8 input without a\n"
	"byte order mark, the only case where the patch applies to FILE itself.\n"
	"\n"
	"-o and --in-place write the whole file or nothing: a temporary beside it,\n"
	"renamed over it, with its mode, owner and group (a new file: the umask's).\n"
	"--in-place on a symbolic link cleans the file it points to, backs it up\n"
	"beside itself and keeps the link; a file with several hard links is\n"
	"rewritten in place once its backup is written, so its names still share it.\n"
	"\n"
	"exit status: 0 nothing to clean, 1 changes made or listed, 2 trouble.\n",
	.see = "--help",
	.flags = CLI_OPT_IN_ORDER | CLI_OPT_INDENT_LONG,
	.min_operands = 1,
	.max_operands = 1,
	.operands_error = "clean: expected one file (see scodiff clean --help)",
};

/* --backup: a suffix of a file name in the same folder. */
static int parse_backup(void *target, const char *value)
{
	if (!*value || strchr(value, '/'))
		return cli_error("--backup takes a file name suffix, not '%s'", value);
	*(const char **)target = value;
	return 0;
}

/* --punct: the punct rule on or off, after the --rules before it. */
static int parse_punct(void *target, const char *value)
{
	static const cli_opt_choice styles[] = {
		{ "fullwidth", 1 }, { "keep", 0 }, { NULL, 0 }
	};
	unsigned int *rules = target;
	int on = cli_opt_choose(styles, value, "--punct");

	if (on < 0)
		return CLI_TROUBLE;
	if (on)
		*rules |= SCD_CLEAN_RULE(SCD_CLEAN_PUNCT);
	else
		*rules &= ~SCD_CLEAN_RULE(SCD_CLEAN_PUNCT);
	return 0;
}

/* --to: a conversion the library knows. */
static int parse_to(void *target, const char *value)
{
	if (!scd_clean_target_valid(value))
		return cli_error("--to: unknown form '%s' (simplified, traditional, tw, hk, "
				 "or an OpenCC configuration such as tw2sp, hk2s, s2tw)", value);
	*(const char **)target = value;
	return 0;
}

/* --rules=reflow,space: the rules to run. */
static int parse_rules(void *target, const char *list)
{
	unsigned int set = 0;
	const char *p = list;

	while (*p) {
		char name[16];
		size_t n = strcspn(p, ",");
		int k;
		if (n > 0 && n < sizeof(name)) {
			memcpy(name, p, n);
			name[n] = '\0';
		}
		if (n == 0 || n >= sizeof(name) || (k = scd_clean_kind_from_name(name)) < 0 ||
		    k == SCD_CLEAN_READING)
			return cli_error("--rules: bad list '%s' (rules: reflow, space, punct, variant, ocr)",
					 list);
		set |= SCD_CLEAN_RULE(k);
		p += n + (p[n] == ',');
	}
	*(unsigned int *)target = set;
	return 0;
}

/* `len` bytes of `data` to f, opened by cli_output_open() for `path`. */
static int write_out(FILE *f, const char *path, const char *data, size_t len)
{
	if (!f)
		return CLI_TROUBLE;
	return cli_output_close(f, path, fwrite(data, 1, len, f) == len ? 0 : SCD_EIO);
}

/* The bytes of the file at `path`, read whole (for the backup). */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			char *p = realloc(buf, cap ? 2 * cap : 65536);
			if (!p)
				break;
			buf = p;
			cap = cap ? 2 * cap : 65536;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f) || !buf) {
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* --in-place: the file to replace (a link's target), or NULL after
 * saying why not. */
static char *in_place_file(const char *path)
{
	char *file = cli_output_resolve(path);
	struct stat st;

	if (!file) {
		cli_error("'%s': %s", path, strerror(errno));
	} else if (stat(file, &st) != 0 || !S_ISREG(st.st_mode)) {
		cli_error("'%s': --in-place needs a regular file", path);
		free(file);
		file = NULL;
	}
	return file;
}

/*
 * --in-place: the backup first, then the file itself (`file`, what `path`
 * names: a link's target).  A file with several hard links is rewritten
 * in place once the backup is written, so that its names still share it.
 */
static int replace_file(const char *file, const char *path, const char *suffix,
			const scd_clean *c)
{
	char *backup = malloc(strlen(file) + strlen(suffix) + 1), *orig = NULL;
	size_t len = 0;
	int status = CLI_TROUBLE;

	if (!backup)
		return cli_error("out of memory");
	sprintf(backup, "%s%s", file, suffix);
	if (!(orig = slurp(file, &len)))
		cli_error("'%s': cannot read it again for the backup: %s", path, strerror(errno));
	else if (write_out(cli_output_backup(backup, file), backup, orig, len) == 0)
		status = write_out(cli_output_open(file, CLI_OUTPUT_SHARE_LINKS), path, c->text, c->len);
	free(orig);
	free(backup);
	return status;
}

/* A paragraph takes the canonical reading of the statement it traces to
 * only when it is this close to its source: a near copy, whose slips
 * the other renderings outvote. */
#define STORE_MIN_SIMILARITY 0.8

int cmd_clean(int argc, char **argv)
{
	clean_args a = { SCD_CLEAN_OPTIONS_INIT, SCD_INPUT_OPTIONS_INIT,
			 NULL, ".orig", NULL, NULL, 0, 0, 0, 0 };
	scd_input *in = NULL;
	scd_clean *cl = NULL;
	const char *path;
	char *file = NULL;
	scd_store *st = NULL;
	scd_store_reading *known = NULL;
	scd_clean_reading *readings = NULL;
	size_t nknown = 0;
	int first, status, use_color, error = 0;
	size_t k, changes = 0;

	if ((first = cli_opt_parse(&status, &clean_cli, &a, argc, argv)) < 0)
		return status;
	path = argv[first];
	if (a.patch && a.report)
		return cli_error("--patch and --report both write to standard output: choose one");
	if (a.json && !a.report)
		return cli_error("--json goes with --report");
	if (a.in_place && a.output)
		return cli_error("--in-place and --output: choose one");
	if (a.in_place && !strcmp(path, "-"))
		return cli_error("--in-place needs a file, not standard input");
	if ((use_color = cli_want_color(a.color, stdout)) < 0)
		return CLI_TROUBLE;
	if (a.in_place && !(file = in_place_file(path)))
		return CLI_TROUBLE;
	if (scd_input_read(&in, path, &a.input) < 0) {
		cli_error("%s", scd_error_last());
		goto done;
	}
	if (a.store) {
		/* the store's canonical readings where this text has slips */
		if (scd_store_open(&st, a.store) < 0 ||
		    scd_store_readings(st, &known, &nknown, in, STORE_MIN_SIMILARITY) < 0) {
			cli_error("%s", scd_error_last());
			goto done;
		}
		if (nknown && !(readings = calloc(nknown, sizeof(*readings)))) {
			cli_error("out of memory");
			goto done;
		}
		for (k = 0; k < nknown; k++) {
			readings[k].span = known[k].span;
			readings[k].text = known[k].text;
			readings[k].reason = known[k].reason;
			readings[k].confidence = known[k].confidence;
		}
		a.clean.readings = readings;
		a.clean.nreadings = nknown;
	}
	if (scd_clean_input(&cl, in, &a.clean) < 0) {
		cli_error("%s", scd_error_last());
		goto done;
	}
	if (a.patch && !scd_clean_patch_applies(cl)) {
		cli_error("'%s': --patch needs UTF-8 input without a byte order mark (this file was read as %s); convert it first, e.g. with iconv",
			  path, scd_input_encoding(in));
		goto done;
	}
	for (k = 0; k < SCD_CLEAN__COUNT; k++)
		changes += cl->counts[k];
	if (a.in_place) {
		if (changes && replace_file(file, path, a.backup, cl) != 0)
			goto done;
	} else if (a.output && strcmp(a.output, "-")) {
		if (write_out(cli_output_open(a.output, 0), a.output, cl->text, cl->len) != 0)
			goto done;
	} else if (!a.patch && !a.report) {
		if (cli_write_text(stdout, cl->text, cl->len) < 0)
			error = SCD_EIO;
	}
	if (a.patch)
		error = scd_clean_write_patch(stdout, cl, path);
	else if (a.report)
		error = a.json ? scd_report_clean_json(stdout, cl)
			     : scd_report_clean_text(stdout, cl, use_color);
	if (error < 0 || cli_close_stdout()) {
		if (error < 0)
			cli_error("write error on standard output");
		goto done;
	}
	status = changes || cl->review ? CLI_DIFFERENT : CLI_SAME;
done:
	free(file);
	scd_clean_free(cl);
	free(readings);
	scd_store_readings_free(known, nknown);
	scd_store_free(st);
	scd_input_free(in);
	return status;
}

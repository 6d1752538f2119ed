/* scodiff clean FILE: the editor's cleanup pass, as text, patch or report. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <scodiff.h>
#include "cli.h"

const char cmd_clean_help[] =
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
"           (強化 -> 强化); a traditional text is left alone.\n"
"  ocr      likely OCR slips (as 'scodiff check' finds them) are listed for\n"
"           review; --fix=ocr applies those at or above --min-confidence.\n"
"Nothing else is touched: the only differences between FILE and the\n"
"output are the changes --report lists, and cleaning twice changes\n"
"nothing more.  FILE may be '-' for standard input.\n"
"\n"
"options:\n"
"  -o, --output=OUT      write the cleaned text to OUT\n"
"  -i, --in-place        replace FILE, keeping the original as FILE.orig\n"
"      --backup=SUFFIX   with --in-place: the backup's suffix (.orig)\n"
"      --patch           write a unified diff that patch(1) applies to FILE\n"
"      --report          list every change: place, kind, before -> after,\n"
"                        reason (changes marked [review] are not applied)\n"
"      --json            with --report: a JSON document (docs/json-report.md)\n"
"      --fix=ocr         apply likely slips at or above --min-confidence\n"
"      --min-confidence=X  0 to 1 (0.9); slips below it are only listed\n"
"      --store=DIR       apply the canonical readings of a scodiff store: where\n"
"                        a paragraph traces (similarity 0.8 or more) to a\n"
"                        statement whose canonical text reads otherwise at a\n"
"                        slip, the canonical reading (kind 'reading')\n"
"      --rules=LIST      rules to run: reflow,space,punct,variant,ocr (all)\n"
"      --punct=STYLE     fullwidth (default) or keep (punctuation untouched)\n"
"      --encoding=NAME   charset of FILE (default: detected)\n"
"      --color=WHEN      auto (default), always or never (--report)\n"
"  -h, --help            this help\n"
"\n"
"Input in another charset (GB18030, Big5, UTF-16...) is decoded and the\n"
"cleaned text is written in UTF-8.  --patch needs UTF-8 input without a\n"
"byte order mark, the only case where the patch applies to FILE itself.\n"
"\n"
"exit status: 0 nothing to clean, 1 changes made or listed, 2 trouble.\n";

enum {
	OPT_BACKUP = 256, OPT_PATCH, OPT_REPORT, OPT_JSON, OPT_FIX, OPT_MIN_CONF,
	OPT_RULES, OPT_PUNCT, OPT_ENCODING, OPT_COLOR, OPT_STORE
};

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "in-place", no_argument, NULL, 'i' },
	{ "backup", required_argument, NULL, OPT_BACKUP },
	{ "patch", no_argument, NULL, OPT_PATCH },
	{ "report", no_argument, NULL, OPT_REPORT },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "fix", required_argument, NULL, OPT_FIX },
	{ "min-confidence", required_argument, NULL, OPT_MIN_CONF },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "punct", required_argument, NULL, OPT_PUNCT },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "store", required_argument, NULL, OPT_STORE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* "reflow,space" → rule bits; -1 (message printed) on a bad name. */
static long parse_rules(const char *list)
{
	long set = 0;
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
		    k == SCD_CLEAN_READING) {
			cli_error("--rules: bad list '%s' (rules: reflow, space, punct, variant, ocr)", list);
			return -1;
		}
		set |= (long)SCD_CLEAN_RULE(k);
		p += n + (p[n] == ',');
	}
	return set;
}

/* Write data to `path` through a temporary file in the same directory and
 * rename(2), so that `path` is either the old file or the whole new one.
 * `mode_from` (may be NULL) gives the permissions to copy. */
static int write_atomic(const char *path, const char *data, size_t len,
			const char *mode_from)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + 8);
	struct stat st;
	int fd, ok;
	FILE *f;

	if (!tmp)
		return cli_error("out of memory");
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".XXXXXX", 8);
	if ((fd = mkstemp(tmp)) < 0) {
		cli_error("'%s': cannot create a temporary file: %s", path, strerror(errno));
		free(tmp);
		return CLI_TROUBLE;
	}
	if (mode_from && stat(mode_from, &st) == 0)
		(void)fchmod(fd, st.st_mode & 07777);
	else
		(void)fchmod(fd, 0666 & ~(mode_t)0022);
	if (!(f = fdopen(fd, "wb"))) {
		close(fd);
		ok = 0;
	} else {
		ok = fwrite(data, 1, len, f) == len;
		ok &= fflush(f) == 0 && fsync(fileno(f)) == 0;
		ok &= fclose(f) == 0;
	}
	if (!ok || rename(tmp, path) != 0) {
		cli_error("'%s': cannot write: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return CLI_TROUBLE;
	}
	free(tmp);
	return 0;
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

/* --in-place: the backup first, then the new file, each atomically. */
static int replace_file(const char *path, const char *suffix, const scd_clean *c)
{
	size_t n = strlen(path), len = 0;
	char *backup = malloc(n + strlen(suffix) + 1), *orig;
	int status;

	if (!backup)
		return cli_error("out of memory");
	memcpy(backup, path, n);
	strcpy(backup + n, suffix);
	if (!(orig = slurp(path, &len))) {
		status = cli_error("'%s': cannot read it again for the backup: %s", path,
				   strerror(errno));
		free(backup);
		return status;
	}
	status = write_atomic(backup, orig, len, path);
	if (status == 0)
		status = write_atomic(path, c->text, c->len, path);
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
	scd_clean_options co = SCD_CLEAN_OPTIONS_INIT;
	scd_input_options iopts = SCD_INPUT_OPTIONS_INIT;
	scd_input *in = NULL;
	scd_clean *cl = NULL;
	const char *output = NULL, *backup = ".orig", *color = NULL, *path, *store = NULL;
	scd_store *st = NULL;
	scd_store_reading *known = NULL;
	scd_clean_reading *readings = NULL;
	size_t nknown = 0;
	int in_place = 0, patch = 0, report = 0, json = 0, c, status = CLI_TROUBLE,
	    use_color, error = 0;
	size_t k, changes = 0;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+ho:i", long_options, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'i': in_place = 1; break;
		case OPT_BACKUP:
			if (!*optarg || strchr(optarg, '/'))
				return cli_error("--backup takes a file name suffix, not '%s'", optarg);
			backup = optarg;
			break;
		case OPT_PATCH: patch = 1; break;
		case OPT_REPORT: report = 1; break;
		case OPT_JSON: json = 1; break;
		case OPT_FIX:
			if (!strcmp(optarg, "ocr"))
				co.fix_ocr = 1;
			else if (!strcmp(optarg, "none"))
				co.fix_ocr = 0;
			else
				return cli_error("--fix takes ocr or none, not '%s'", optarg);
			break;
		case OPT_MIN_CONF: {
			char *end;
			errno = 0;
			co.fix_min_confidence = strtod(optarg, &end);
			if (errno || *end || end == optarg ||
			    !(co.fix_min_confidence >= 0 && co.fix_min_confidence <= 1))
				return cli_error("--min-confidence takes a number from 0 to 1, not '%s'", optarg);
			break;
		}
		case OPT_RULES: {
			long r = parse_rules(optarg);
			if (r < 0)
				return CLI_TROUBLE;
			co.rules = (unsigned int)r;
			break;
		}
		case OPT_PUNCT:
			if (!strcmp(optarg, "fullwidth"))
				co.rules |= SCD_CLEAN_RULE(SCD_CLEAN_PUNCT);
			else if (!strcmp(optarg, "keep"))
				co.rules &= ~SCD_CLEAN_RULE(SCD_CLEAN_PUNCT);
			else
				return cli_error("--punct takes fullwidth or keep, not '%s'", optarg);
			break;
		case OPT_ENCODING: iopts.encoding = optarg; break;
		case OPT_COLOR: color = optarg; break;
		case OPT_STORE: store = optarg; break;
		case 'h':
			fputs(cmd_clean_help, stdout);
			return cli_close_stdout() ? CLI_TROUBLE : CLI_SAME;
		case ':':
			return cli_error("option '%s' needs a value (see --help)", argv[optind - 1]);
		default:
			return cli_error("unknown option '%s' (see --help)", argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_error("clean: expected one file (see scodiff clean --help)");
	path = argv[optind];
	if (patch && report)
		return cli_error("--patch and --report both write to standard output: choose one");
	if (json && !report)
		return cli_error("--json goes with --report");
	if (in_place && output)
		return cli_error("--in-place and --output: choose one");
	if (in_place && !strcmp(path, "-"))
		return cli_error("--in-place needs a file, not standard input");
	if ((use_color = cli_want_color(color, stdout)) < 0)
		return cli_error("--color takes auto, always or never, not '%s'", color);
	if (scd_input_read(&in, path, &iopts) < 0)
		return cli_error("%s", scd_error_last());
	if (store) {
		/* the store's canonical readings where this text has slips */
		if (scd_store_open(&st, store) < 0 ||
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
		co.readings = readings;
		co.nreadings = nknown;
	}
	if (scd_clean_input(&cl, in, &co) < 0) {
		cli_error("%s", scd_error_last());
		goto done;
	}
	if (patch && !scd_clean_patch_applies(cl)) {
		cli_error("'%s': --patch needs UTF-8 input without a byte order mark (this file was read as %s); convert it first, e.g. with iconv",
			  path, scd_input_encoding(in));
		goto done;
	}
	for (k = 0; k < SCD_CLEAN__COUNT; k++)
		changes += cl->counts[k];
	if (in_place) {
		if (changes && replace_file(path, backup, cl) != 0)
			goto done;
	} else if (output && strcmp(output, "-")) {
		if (write_atomic(output, cl->text, cl->len, NULL) != 0)
			goto done;
	} else if (!patch && !report) {
		if (fwrite(cl->text, 1, cl->len, stdout) != cl->len)
			error = SCD_EIO;
	}
	if (patch)
		error = scd_clean_write_patch(stdout, cl, path);
	else if (report)
		error = json ? scd_report_clean_json(stdout, cl)
			     : scd_report_clean_text(stdout, cl, use_color);
	if (error < 0 || cli_close_stdout()) {
		if (error < 0)
			cli_error("write error on standard output");
		goto done;
	}
	status = changes || cl->review ? CLI_DIFFERENT : CLI_SAME;
done:
	scd_clean_free(cl);
	free(readings);
	scd_store_readings_free(known, nknown);
	scd_store_free(st);
	scd_input_free(in);
	return status;
}

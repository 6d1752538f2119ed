/* The one option parser and help printer of the commands (cli_opt.h). */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <scodiff.h>
#include "cli.h"
#include "cli_opt.h"

/* Rows of the largest table, with room to spare; a table over it is a
 * mistake of this program, said as such. */
#define MAX_ROWS 48

/* getopt_long returns this plus the row for a long option (a short one
 * comes back as its character, below 256). */
#define LONG_BASE 256

int cli_opt_choose(const cli_opt_choice *choices, const char *name,
		   const char *option)
{
	char names[256];
	size_t i, n, len = 0;

	for (n = 0; choices[n].name; n++)
		if (!strcmp(choices[n].name, name))
			return choices[n].value;
	names[0] = '\0';
	for (i = 0; i < n && len < sizeof(names); i++)
		len += (size_t)snprintf(names + len, sizeof(names) - len, "%s%s",
					i == 0 ? "" : i + 1 < n ? ", " : " or ", choices[i].name);
	cli_error("%s takes %s, not '%s'", option, names, name);
	return -1;
}

int cli_want_color(const char *when, FILE *f)
{
	enum { AUTO = 2 };
	static const cli_opt_choice whens[] = {
		{ "auto", AUTO }, { "always", 1 }, { "never", 0 }, { NULL, 0 }
	};
	const char *nc = getenv("NO_COLOR");
	int c = when ? cli_opt_choose(whens, when, "--color") : AUTO;

	if (c != AUTO)
		return c; /* 1, 0, or -1 with the message printed */
	return isatty(fileno(f)) && !(nc && *nc) &&
	       !(getenv("TERM") && !strcmp(getenv("TERM"), "dumb"));
}

/* A whole number from lo to hi given to --name: 0, or CLI_TROUBLE after
 * printing the error. */
static int parse_number(unsigned int *out, const char *arg, const char *name,
			unsigned long lo, unsigned long hi)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (errno || *end || end == arg || v < lo || v > hi)
		return cli_error("--%s takes a whole number from %lu to %lu, not '%s'",
				 name, lo, hi, arg);
	*out = (unsigned int)v;
	return 0;
}

/* "edit,ocr" or "all" given to `option`: a kind bit set, or -1 after
 * printing the error. */
static long parse_kinds(const char *list, const char *option)
{
	long set = 0;
	const char *p = list;

	if (!strcmp(list, "all"))
		return SCD_SHOW_ALL;
	while (*p) {
		char name[32];
		size_t n = strcspn(p, ",");
		int k;
		if (n == 0 || n >= sizeof(name)) {
			cli_error("%s: bad list '%s' (kinds: layout, width, punct, variant, ocr, edit, or all)",
				  option, list);
			return -1;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		if ((k = scd_kind_from_name(name)) < 0) {
			cli_error("%s: unknown kind '%s' (kinds: layout, width, punct, variant, ocr, edit, or all)",
				  option, name);
			return -1;
		}
		set |= (long)SCD_SHOW(k);
		p += n;
		if (*p == ',')
			p++;
	}
	return set;
}

/* A number from 0 to 1 (NaN is not one): 0, or CLI_TROUBLE after printing
 * the error. */
static int parse_fraction(double *out, const char *arg, const char *name)
{
	char *end;

	errno = 0;
	*out = strtod(arg, &end);
	if (errno || *end || end == arg || !(*out >= 0 && *out <= 1))
		return cli_error("--%s takes a number from 0 to 1, not '%s'", name, arg);
	return 0;
}

/* Put the value of row s into the argument struct; 0 or CLI_TROUBLE. */
static int take(const cli_opt_spec *s, void *args, const char *value)
{
	void *t = (char *)args + s->target;
	char option[64];
	unsigned int v = 0;
	long kinds;
	int c;

	snprintf(option, sizeof(option), "--%s", s->name);
	switch (s->kind) {
	case CLI_OPT_SWITCH:
		*(int *)t = 1;
		return 0;
	case CLI_OPT_STRING:
		*(const char **)t = value;
		return 0;
	case CLI_OPT_NUMBER:
	case CLI_OPT_SIZE:
		if (parse_number(&v, value, s->name, s->lo, s->hi))
			return CLI_TROUBLE;
		if (s->kind == CLI_OPT_SIZE)
			*(size_t *)t = v;
		else
			*(unsigned int *)t = v;
		return 0;
	case CLI_OPT_FRACTION:
		return parse_fraction(t, value, s->name);
	case CLI_OPT_CHOICE:
		if ((c = cli_opt_choose(s->choices, value, option)) < 0)
			return CLI_TROUBLE;
		*(int *)t = c;
		return 0;
	case CLI_OPT_KINDS:
		if ((kinds = parse_kinds(value, option)) < 0)
			return CLI_TROUBLE;
		*(long *)t = kinds;
		return 0;
	case CLI_OPT_CALL:
		return s->parse(t, value);
	default:
		return cli_error("option '%s': no parser (a mistake of scodiff)", option);
	}
}

static int takes_value(const cli_opt_spec *s)
{
	return s->kind != CLI_OPT_SWITCH && s->kind != CLI_OPT_HELP;
}

/* getopt_long's tables for cmd: the long options (a row's other names
 * return the row's number too, so that getopt takes a prefix of both for
 * one option, as it did "col" for color and colour) and the short ones. */
static int build(const cli_opt_command *cmd, struct option *longs, char *shorts)
{
	const cli_opt_spec *s;
	size_t nl = 0, ns = 0, owner = 0, i;

	if (cmd->flags & CLI_OPT_IN_ORDER)
		shorts[ns++] = '+';
	for (i = 0, s = cmd->specs; s->kind != CLI_OPT_END; i++, s++) {
		if (i >= MAX_ROWS)
			return cli_error("too many options (a mistake of scodiff)");
		if (s->kind == CLI_OPT_SECTION)
			continue;
		if (s->kind != CLI_OPT_ALIAS)
			owner = i;
		longs[nl].name = s->name;
		longs[nl].has_arg = takes_value(&cmd->specs[owner]) ? required_argument
								     : no_argument;
		longs[nl].flag = NULL;
		longs[nl].val = LONG_BASE + (int)owner;
		nl++;
		if (s->alias) {
			shorts[ns++] = s->alias;
			if (takes_value(s))
				shorts[ns++] = ':';
		}
	}
	memset(&longs[nl], 0, sizeof(longs[nl]));
	shorts[ns] = '\0';
	return 0;
}

/* The row getopt_long's answer c stands for; NULL: an unknown option. */
static const cli_opt_spec *row_of(const cli_opt_command *cmd, int c)
{
	const cli_opt_spec *s;

	if (c >= LONG_BASE)
		return &cmd->specs[c - LONG_BASE];
	for (s = cmd->specs; c != '?' && s->kind != CLI_OPT_END; s++)
		if (s->alias == c)
			return s;
	return NULL;
}

int cli_opt_parse(int *status, const cli_opt_command *cmd, void *args,
		  int argc, char **argv)
{
	struct option longs[MAX_ROWS + 1];
	char shorts[2 * MAX_ROWS + 2];
	const cli_opt_spec *s;
	int c, n;

	*status = CLI_TROUBLE;
	if (build(cmd, longs, shorts))
		return -1;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		/* ':' only where getopt tells a missing value apart; glibc does
		 * not without a leading ':', so that is an "unknown option" */
		if (c == ':') {
			cli_error("option '%s' needs a value (see --help)", argv[optind - 1]);
			return -1;
		}
		/* argv[optind - 1] is the word getopt is at, or after an
		 * unknown letter inside "-xy" the one before it: as it was */
		if (!(s = row_of(cmd, c))) {
			cli_error("unknown option '%s' (see %s)", argv[optind - 1], cmd->see);
			return -1;
		}
		if (s->kind == CLI_OPT_HELP) {
			cli_opt_help(stdout, cmd);
			*status = cli_close_stdout() ? CLI_TROUBLE : CLI_SAME;
			return -1;
		}
		if (take(s, args, optarg))
			return -1;
	}
	n = argc - optind;
	if (cmd->operands_error && (n < cmd->min_operands ||
				    (cmd->max_operands && n > cmd->max_operands))) {
		cli_error(cmd->operands_error, n);
		return -1;
	}
	return optind;
}

/* One row of the help: "  --name=VALUE        the help", the help's
 * further lines under its first; rows joined to it share its line. */
static void help_row(FILE *f, const cli_opt_command *cmd, const cli_opt_spec *s)
{
	char left[128];
	size_t n = 0;
	const cli_opt_spec *r = s;
	const char *h = s->help, *nl;

	do {
		char a[8] = "";
		if (r->alias)
			snprintf(a, sizeof(a), "-%c, ", r->alias);
		else if (n == 0 && (cmd->flags & CLI_OPT_INDENT_LONG))
			strcpy(a, "    ");
		n += (size_t)snprintf(left + n, sizeof(left) - n, "%s%s--%s%s%s", n ? " " : "",
				      a, r->name, r->value_name ? "=" : "",
				      r->value_name ? r->value_name : "");
		if (n >= sizeof(left))
			n = sizeof(left) - 1;
		r++;
	} while (r->kind != CLI_OPT_END && (r->flags & CLI_OPT_JOIN));
	fprintf(f, "  %-20s  ", left);
	while ((nl = strchr(h, '\n'))) {
		fprintf(f, "%.*s\n%24s", (int)(nl - h), h, "");
		h = nl + 1;
	}
	fprintf(f, "%s\n", h);
}

int cli_opt_help(FILE *f, const cli_opt_command *cmd)
{
	const cli_opt_spec *s;

	fputs(cmd->usage, f);
	for (s = cmd->specs; s->kind != CLI_OPT_END; s++) {
		if (s->kind == CLI_OPT_SECTION)
			fprintf(f, "\n%s:\n", s->help);
		else if (s->help && !(s->flags & CLI_OPT_JOIN))
			help_row(f, cmd, s);
	}
	return fputs(cmd->epilogue, f);
}

/*
 * The option table of every command and the one parser that reads it.
 *
 * A command declares its options as rows (long name, short name, kind,
 * where the value goes, the value's name and the help line), as libgit2's
 * src/cli/opt.h does; cli_opt_parse() fills the command's argument struct
 * from argv and cli_opt_help() writes the --help text from the same rows,
 * so an option is described once.  Each kind of value (whole number,
 * fraction, choice, list of kinds) is parsed in one place, with one error
 * message.
 *
 * The words on the command line are still split by getopt_long(3): its
 * rules (unique prefixes of long names, operands after options unless the
 * command stops at the first operand, "--", POSIXLY_CORRECT) are the
 * command line users have, and the parser keeps them exactly.
 */
#ifndef SCD_CLI_OPT_H
#define SCD_CLI_OPT_H

#include <stddef.h>
#include <stdio.h>

#include <scodiff.h>

typedef enum {
	CLI_OPT_END = 0,  /* ends a table */
	CLI_OPT_SWITCH,   /* no value: the int target becomes 1 */
	CLI_OPT_STRING,   /* the value as given: a const char * target */
	CLI_OPT_NUMBER,   /* a whole number from lo to hi: unsigned int target */
	CLI_OPT_SIZE,     /* the same into a size_t target */
	CLI_OPT_FRACTION, /* a number from 0 to 1: double target */
	CLI_OPT_CHOICE,   /* one of `choices`: the int target gets its value */
	CLI_OPT_KINDS,    /* kinds of difference, "edit,ocr" or "all": long target */
	CLI_OPT_CALL,     /* a value of the command's own: parse(target, value) */
	CLI_OPT_HELP,     /* print the command's help and stop */
	CLI_OPT_ALIAS,    /* another long name of the row before (not listed) */
	CLI_OPT_SECTION   /* no option: a heading in the help */
} cli_opt_kind;

/* A name a CLI_OPT_CHOICE row accepts and the value (0 or more) it stands
 * for; a list ends with a NULL name. */
typedef struct {
	const char *name;
	int value;
} cli_opt_choice;

/* Listed in the help on the same line as the row before ("--k=N --w=N"). */
#define CLI_OPT_JOIN 1u

typedef struct {
	cli_opt_kind kind;
	const char *name;       /* long name, without "--" */
	char alias;             /* short name, or 0 */
	size_t target;          /* offset of the value in the argument struct */
	const char *value_name; /* in the help: --name=VALUE_NAME */
	const char *help;       /* lines of the help ('\n' between); NULL: not listed */
	unsigned long lo, hi;   /* NUMBER, SIZE: the range */
	const cli_opt_choice *choices;            /* CHOICE */
	int (*parse)(void *target, const char *value); /* CALL: 0 or CLI_TROUBLE, said */
	unsigned int flags;     /* CLI_OPT_JOIN */
} cli_opt_spec;

/* Rows, by kind.  `field` is offsetof(the argument struct, member). */
#define CLI_SWITCH(name, alias, field, help) \
	{ CLI_OPT_SWITCH, name, alias, field, NULL, help, 0, 0, NULL, NULL, 0 }
#define CLI_STRING(name, alias, field, value_name, help) \
	{ CLI_OPT_STRING, name, alias, field, value_name, help, 0, 0, NULL, NULL, 0 }
#define CLI_NUMBER(name, field, lo, hi, value_name, help) \
	{ CLI_OPT_NUMBER, name, 0, field, value_name, help, lo, hi, NULL, NULL, 0 }
#define CLI_SIZE(name, field, lo, hi, value_name, help) \
	{ CLI_OPT_SIZE, name, 0, field, value_name, help, lo, hi, NULL, NULL, 0 }
#define CLI_FRACTION(name, field, help) \
	{ CLI_OPT_FRACTION, name, 0, field, "X", help, 0, 0, NULL, NULL, 0 }
#define CLI_CHOICE(name, field, choices, value_name, help) \
	{ CLI_OPT_CHOICE, name, 0, field, value_name, help, 0, 0, choices, NULL, 0 }
#define CLI_KINDS(name, field, help) \
	{ CLI_OPT_KINDS, name, 0, field, "KINDS", help, 0, 0, NULL, NULL, 0 }
#define CLI_CALL(name, field, parse, value_name, help) \
	{ CLI_OPT_CALL, name, 0, field, value_name, help, 0, 0, NULL, parse, 0 }
#define CLI_ALIAS(name) \
	{ CLI_OPT_ALIAS, name, 0, 0, NULL, NULL, 0, 0, NULL, NULL, 0 }
#define CLI_SECTION(heading) \
	{ CLI_OPT_SECTION, NULL, 0, 0, NULL, heading, 0, 0, NULL, NULL, 0 }
#define CLI_END { CLI_OPT_END, NULL, 0, 0, NULL, NULL, 0, 0, NULL, NULL, 0 }

/* The rows several commands share: the same name, value and range
 * everywhere, the help line as it reads for that command. */
#define CLI_OPT_JSON(field, help) CLI_SWITCH("json", 0, field, help)
#define CLI_OPT_HTML(field, help) CLI_STRING("html", 0, field, "FILE", help)
#define CLI_OPT_ENCODING(field, help) CLI_STRING("encoding", 0, field, "NAME", help)
#define CLI_OPT_CONTEXT(field, help) CLI_NUMBER("context", field, 0, 1000, "N", help)
/* --color=WHEN (checked later by cli_want_color) and its British spelling */
#define CLI_OPT_COLOR(field, help) \
	CLI_STRING("color", 0, field, "WHEN", help), CLI_ALIAS("colour")
#define CLI_OPT_HELP_ROW \
	{ CLI_OPT_HELP, "help", 'h', 0, NULL, "this help", 0, 0, NULL, NULL, 0 }
/* The aligner's tuning (scd_align_options at offset `field`), for a
 * command that diffs; docs/parameters.md has the ranges' reasons. */
#define CLI_ALIGN_ARG(field, member) ((field) + offsetof(scd_align_options, member))
#define CLI_OPT_ALIGN(field) \
	CLI_SECTION("tuning (docs/parameters.md says how the defaults were measured)"), \
	CLI_NUMBER("k", CLI_ALIGN_ARG(field, k), 1, 64, "N", \
		   "shingle length and winnowing window (8, 8)"), \
	{ CLI_OPT_NUMBER, "w", 0, CLI_ALIGN_ARG(field, w), "N", NULL, 1, 1000, \
	  NULL, NULL, CLI_OPT_JOIN }, \
	CLI_NUMBER("min-tile", CLI_ALIGN_ARG(field, min_tile), 1, 100000, "N", \
		   "shortest exact match used as a tile (12)"), \
	CLI_NUMBER("max-gap", CLI_ALIGN_ARG(field, max_gap), 0, 100000, "N", \
		   "longest gap bridged inside a passage (48)"), \
	CLI_NUMBER("min-block", CLI_ALIGN_ARG(field, min_block), 1, 100000000, "N", \
		   "fewest aligned characters in a passage (16)"), \
	CLI_NUMBER("max-occ", CLI_ALIGN_ARG(field, max_occ), 1, 1000000, "N", \
		   "fingerprints seen more often in B are not seeds (8)")

/* How a command reads its command line. */
#define CLI_OPT_IN_ORDER 1u    /* options end at the first operand (getopt's '+') */
#define CLI_OPT_INDENT_LONG 2u /* help: long-only options line up after "-x, " */

typedef struct {
	const char *usage;         /* the help before the rows */
	const cli_opt_spec *specs; /* ended by CLI_END */
	const char *epilogue;      /* the help after the rows */
	const char *see;           /* an unknown option's pointer: "--help" */
	unsigned int flags;        /* CLI_OPT_IN_ORDER, CLI_OPT_INDENT_LONG */
	/* How many operands the command takes (max 0: no limit), and the
	 * error when it is given another number: a format given that number.
	 * No error: the command counts its operands itself. */
	int min_operands, max_operands;
	const char *operands_error;
} cli_opt_command;

/*
 * Parse the options of argv[1..argc) by cmd's table into the struct at
 * `args`, and count the operands.  Returns the index of the first operand
 * (getopt_long moves the operands after the options) with *status set to
 * CLI_TROUBLE, the command's status until it has done its work; or -1
 * when the command is over, *status its exit status: the help was
 * printed, or an error was.
 */
int cli_opt_parse(int *status, const cli_opt_command *cmd, void *args,
		  int argc, char **argv);

/* Write cmd's help: usage, the rows, the epilogue.  Returns 0 or EOF. */
int cli_opt_help(FILE *f, const cli_opt_command *cmd);

/* The value of `name` in choices, or -1 after printing "OPTION takes A,
 * B or C, not 'NAME'". */
int cli_opt_choose(const cli_opt_choice *choices, const char *name,
		   const char *option);

/* Resolve --color=auto|always|never (NULL = auto) for stream f:
 * 1 = color, 0 = none, -1 = bad value (the error printed). */
int cli_want_color(const char *when, FILE *f);

#endif

/* The command-line front end (uses the public API only). */
#ifndef SCD_CLI_H
#define SCD_CLI_H

#include <stdio.h>

#include "cli_opt.h"

/* Exit statuses, as diff(1). */
#define CLI_SAME 0
#define CLI_DIFFERENT 1
#define CLI_TROUBLE 2

typedef struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} cli_command;

int cmd_diff(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_collate(int argc, char **argv);
int cmd_store(int argc, char **argv);
int cmd_clean(int argc, char **argv);
/* The default command's options, whose help `scodiff --help` ends with. */
extern const cli_opt_command cmd_diff_cli;

/* "scodiff: <message>" on stderr; returns CLI_TROUBLE. */
int cli_error(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

#include <scodiff.h>

/*
 * Read the two inputs at once (b on a second thread: decoding and
 * validating a large file is a good part of a comparison).  On failure
 * the first error is printed, nothing is returned, and -1 comes back.
 */
int cli_read_two(scd_input **a, const char *pa, scd_input **b, const char *pb,
		 const scd_input_options *opts);

/*
 * Read the n inputs named paths[0..n) ('-' at most once) into *out
 * (calloc'd, n entries; free each with scd_input_free(), then the array).
 * On failure the first error is printed, nothing is returned, and -1
 * comes back.
 */
int cli_read_inputs(scd_input ***out, char *const *paths, size_t n,
		    const scd_input_options *opts);

/* The store to use: `given` (--store), else $SCODIFF_STORE, else
 * $XDG_DATA_HOME/scodiff/store, else ~/.local/share/scodiff/store (kept
 * in *dflt, the caller frees it). */
const char *cli_store_dir(const char *given, char **dflt);

/*
 * Text of the user's (a cleaned text, a canonical text) to f: as it is
 * when f is a file or a pipe, the data the user asked for; through the
 * terminal-safe writer when f is a terminal (newline and tab kept), so no
 * control character in it drives the terminal.  0, or -1 on a write error.
 */
int cli_write_text(FILE *f, const char *s, size_t n);

/* "scodiff: note: MSG" on standard error, one line whatever MSG holds. */
void cli_note(const char *msg);

/* A name (a file, a folder) for a line on a terminal: bare, or quoted
 * with escapes (scd_quote_write(), SCD_QUOTE_NAME). */
void cli_name(FILE *f, const char *name);

/* Flush and close stdout, reporting a write error. */
int cli_close_stdout(void);

/*
 * The file a command writes to (a report, cleaned text): `path` opened
 * for writing ('-': standard output), or NULL after printing
 * "scodiff: 'path': cannot write: why".  A regular file is written beside
 * itself and renamed over itself when whole, keeping its mode, owner and
 * group (a new one: the umask's mode); a link is followed and stays a
 * link; anything else is written in place (cli_output.c says why).  Write
 * into it, then hand what the writer returned to cli_output_close(): it
 * closes the file, and on a failure prints "scodiff: 'path': why", leaves
 * what was there and returns CLI_TROUBLE; else 0.
 */
FILE *cli_output_open(const char *path, unsigned int flags);
/* The file cli_output_open() writes for `path`: the file a link points
 * to, else path; malloc'd, NULL (errno set) for a link that leads nowhere. */
char *cli_output_resolve(const char *path);
/* flags: a file with several hard links is rewritten in place, so that
 * all its names see the new text (for a file backed up first) */
#define CLI_OUTPUT_SHARE_LINKS 1u
/*
 * A backup of the file `of` named `path`, or if that is taken the next
 * free path.~N~ (nothing is ever replaced), with the mode, owner and
 * group of `of`; closed with cli_output_close(f, path, error).  NULL
 * after printing why (a name too long for the file system among them).
 */
FILE *cli_output_backup(const char *path, const char *of);
int cli_output_close(FILE *f, const char *path, int error);

#endif

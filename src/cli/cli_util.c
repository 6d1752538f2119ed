/* Helpers shared by the subcommands. */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <scodiff.h>
#include "cli.h"

/*
 * One line on standard error, whatever the message holds: a file name
 * with a newline, ESC, BEL or a C1 control (U+009B, the CSI) must neither
 * fake a second line nor drive the terminal (issue "Reliability"); the
 * library's one terminal-safe writer escapes them.
 */
int cli_error(const char *fmt, ...)
{
	char small[1024], *msg = small;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(small) && (msg = malloc((size_t)n + 1))) {
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
	} else if (n >= (int)sizeof(small)) {
		msg = small; /* out of memory: the message cut short */
	}
	if (n < 0)
		msg = strcpy(small, "(message lost)");
	fputs("scodiff: ", stderr);
	scd_quote_write(stderr, msg, strlen(msg), 0);
	fputc('\n', stderr);
	if (msg != small)
		free(msg);
	return CLI_TROUBLE;
}

int cli_read_inputs(scd_input ***out, char *const *paths, size_t n,
		    const scd_input_options *opts)
{
	scd_input **in;
	size_t i, stdin_uses = 0;

	*out = NULL;
	for (i = 0; i < n; i++)
		stdin_uses += !strcmp(paths[i], "-");
	if (stdin_uses > 1)
		return cli_error("only one input can be standard input"), -1;
	if (!(in = calloc(n ? n : 1, sizeof(*in))))
		return cli_error("out of memory"), -1;
	for (i = 0; i < n; i++)
		if (scd_input_read(&in[i], paths[i], opts) < 0) {
			cli_error("%s", scd_error_last());
			while (i-- > 0)
				scd_input_free(in[i]);
			free(in);
			return -1;
		}
	*out = in;
	return 0;
}

int cli_write_text(FILE *f, const char *s, size_t n)
{
	if (isatty(fileno(f)))
		return scd_quote_write(f, s, n, SCD_QUOTE_LINES) < 0 ? -1 : 0;
	return fwrite(s, 1, n, f) == n ? 0 : -1;
}

void cli_note(const char *msg)
{
	fputs("scodiff: note: ", stderr);
	scd_quote_write(stderr, msg, strlen(msg), 0);
	fputc('\n', stderr);
}

void cli_name(FILE *f, const char *name)
{
	scd_quote_write(f, name, strlen(name), SCD_QUOTE_NAME);
}

int cli_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error("write error on standard output: %s", strerror(errno));
	return 0;
}

/* One input read on a thread of its own. */
typedef struct {
	scd_input *in;
	const char *path;
	const scd_input_options *opts;
	int error;
	char message[1024]; /* scd_error_last() is per thread */
} read_job;

static void *read_one(void *p)
{
	read_job *j = p;

	j->error = scd_input_read(&j->in, j->path, j->opts);
	if (j->error < 0)
		snprintf(j->message, sizeof(j->message), "%s", scd_error_last());
	return NULL;
}

int cli_read_two(scd_input **a, const char *pa, scd_input **b, const char *pb,
		 const scd_input_options *opts)
{
	read_job jb = { NULL, pb, opts, 0, "" };
	pthread_t th;
	int threaded = pthread_create(&th, NULL, read_one, &jb) == 0;
	int ea;

	*a = *b = NULL;
	ea = scd_input_read(a, pa, opts);
	if (ea < 0)
		cli_error("%s", scd_error_last());
	if (threaded)
		pthread_join(th, NULL);
	else
		read_one(&jb);
	if (jb.error < 0 && ea == 0)
		cli_error("%s", jb.message);
	if (ea < 0 || jb.error < 0) {
		scd_input_free(*a);
		scd_input_free(jb.in);
		*a = NULL;
		return -1;
	}
	*b = jb.in;
	return 0;
}

const char *cli_store_dir(const char *given, char **dflt)
{
	const char *e = getenv("SCODIFF_STORE"), *base;
	size_t l;

	if (given)
		return given;
	if (e && *e)
		return e;
	if (!*dflt && (base = getenv("XDG_DATA_HOME")) && *base) {
		l = strlen(base) + sizeof("/scodiff/store");
		if ((*dflt = malloc(l)))
			snprintf(*dflt, l, "%s/scodiff/store", base);
	} else if (!*dflt && (base = getenv("HOME")) && *base) {
		l = strlen(base) + sizeof("/.local/share/scodiff/store");
		if ((*dflt = malloc(l)))
			snprintf(*dflt, l, "%s/.local/share/scodiff/store", base);
	}
	return *dflt ? *dflt : "scodiff-store";
}

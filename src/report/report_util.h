/*
 * Pieces shared by the reports of the subcommands (private): JSON numbers
 * and positions (strings: json.h),
 * positions in the original files, one-line snippets of text, colors.
 * Defined in report.c.
 */
#ifndef SCD_REPORT_UTIL_H
#define SCD_REPORT_UTIL_H

#include <stdio.h>

#include "scodiff/diff.h"
#include "scodiff/input.h"

/* x in [0, 1] with four decimals, whatever the locale. */
void scd_report__json_fraction(FILE *f, double x);

/* Text range r of `in` as [start,end] original byte offsets. */
void scd_report__json_span(FILE *f, const scd_input *in, scd_range r);

/* The first and last line of text range r of `in`, [l1,l2]. */
void scd_report__json_lines(FILE *f, const scd_input *in, scd_range r);

/* Characters in t[beg..end) that are not whitespace. */
size_t scd_report__nchars(const char *t, uint32_t beg, uint32_t end);

/*
 * t[beg..end) on one line, layout closed up, control characters escaped
 * (scd_quote_write()), at most `max` characters
 * (the last ones, after "…", when `from_end`; else "…" after them when
 * cut).
 */
void scd_report__snippet(FILE *f, const char *t, uint32_t beg, uint32_t end,
			 size_t max, int from_end);

/* A file name on a terminal report: bare, or in quotes with its control
 * characters escaped (scd_quote_write(), SCD_QUOTE_NAME). */
void scd_report__name(FILE *f, const char *path);

/* "line:column" of the start of text range r. */
void scd_report__where(FILE *f, const scd_input *in, scd_range r);

/* ANSI sequences of the terminal reports ("" each when not coloring). */
typedef struct {
	const char *del, *ins, *dim, *head, *off;
} scd_report__palette;

extern const scd_report__palette scd_report__colors, scd_report__plain;

#endif

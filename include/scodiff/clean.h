/*
 * An editor's cleanup pass over one text: the mechanical noise of OCR and
 * page layout removed, every change listed with its reason so that it can
 * be reviewed, and nothing else touched.
 *
 *  - reflow: a line break inside a sentence is layout and goes, with the
 *    blank line after it; headings, list and numbered items, datelines,
 *    captions, page notes and Markdown markers keep their own lines;
 *  - space: spaces between Chinese characters, and between digits and
 *    Chinese characters (`2025 年 9 月`), go; Latin text is left alone;
 *  - punct: half-width punctuation next to Chinese characters becomes
 *    full-width (`,` → `，`, `(…)` → `（…）`), runs of dashes become the
 *    dash `——` and single dashes the connector `—`;
 *  - variant: traditional forms inside simplified text become simplified
 *    (`強化` → `强化`); a text written in traditional characters is left
 *    alone (check.h decides which a text is).  Or, when asked (`to`), the
 *    whole text converted through OpenCC: to simplified or traditional
 *    characters, or to Taiwan or Hong Kong forms and vocabulary;
 *  - ocr: likely slips (check.h) are listed for review, and fixed only
 *    when asked to and sure enough;
 *  - reading: replacements the caller knows to be right (canonical
 *    readings from elsewhere), applied as given.
 *
 * Every decision is made on the original text and is stable: cleaning the
 * result again changes nothing.
 */
#ifndef SCODIFF_CLEAN_H
#define SCODIFF_CLEAN_H

#include <stdio.h>

#include "common.h"
#include "input.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	SCD_CLEAN_REFLOW = 0, /* a line break (and blank line) joined away */
	SCD_CLEAN_SPACE,      /* spaces removed */
	SCD_CLEAN_PUNCT,      /* punctuation in the house style */
	SCD_CLEAN_VARIANT,    /* traditional form made simplified */
	SCD_CLEAN_OCR,        /* likely slip (applied only on request) */
	SCD_CLEAN_READING,    /* a known reading given by the caller */
	SCD_CLEAN__COUNT
} scd_clean_kind;

/* Bits of scd_clean_options.rules. */
#define SCD_CLEAN_RULE(k) (1u << (k))
#define SCD_CLEAN_RULES_ALL                                                  \
	(SCD_CLEAN_RULE(SCD_CLEAN_REFLOW) | SCD_CLEAN_RULE(SCD_CLEAN_SPACE) | \
	 SCD_CLEAN_RULE(SCD_CLEAN_PUNCT) | SCD_CLEAN_RULE(SCD_CLEAN_VARIANT) | \
	 SCD_CLEAN_RULE(SCD_CLEAN_OCR))

/* "reflow", "space", "punct", "variant", "ocr", "reading". */
const char *scd_clean_kind_name(scd_clean_kind kind);

/* The kind named `name`, or -1. */
int scd_clean_kind_from_name(const char *name);

/*
 * A replacement the caller knows to be right: the text at `span` (text
 * offsets of the input) reads `text` instead.  Such readings win over the
 * rules: a rule's change that overlaps one is dropped.
 */
typedef struct {
	scd_range span;
	const char *text;   /* UTF-8, NUL-terminated; copied */
	const char *reason; /* shown in the report; copied; NULL = "known reading" */
	double confidence;  /* 0..1, shown in the report */
} scd_clean_reading;

typedef struct {
	unsigned int version;
	unsigned int rules;    /* SCD_CLEAN_RULE() bits of the rules to run */
	/* Likely slips (check.h) at or above this confidence are listed for
	 * review; below it they are not mentioned. */
	double review_min_confidence;
	/* Apply the listed slips at or above fix_min_confidence (0: only list
	 * them). */
	int fix_ocr;
	double fix_min_confidence;
	/* Known readings (see scd_clean_reading), in any order, not overlapping
	 * one another; borrowed for the call. */
	const scd_clean_reading *readings;
	size_t nreadings;
	/* Convert the script and vocabulary through OpenCC (NULL: no):
	 * "simplified" (t2s), "traditional" (s2t), "tw" (s2twp: Taiwan
	 * characters and vocabulary), "hk" (s2hk), or any OpenCC
	 * configuration compiled in ("tw2sp", "hk2s", …).  The changes are
	 * kind variant; the variant rule's traditional → simplified is left
	 * to the conversion. */
	const char *to;
} scd_clean_options;

#define SCD_CLEAN_OPTIONS_VERSION 1
#define SCD_CLEAN_OPTIONS_INIT \
	{ SCD_CLEAN_OPTIONS_VERSION, SCD_CLEAN_RULES_ALL, 0.5, 0, 0.9, NULL, 0, NULL }

/* Whether `to` names a conversion scd_clean_options.to accepts. */
int scd_clean_target_valid(const char *to);

typedef struct {
	scd_clean_kind kind;
	scd_range span;      /* text offsets of the input replaced */
	const char *text;    /* the replacement, UTF-8, NUL-terminated ("" =
			      * removed); owned by the scd_clean */
	const char *reason;  /* owned by the scd_clean (or static) */
	double confidence;   /* 0..1; 1 for the mechanical rules */
	int applied;         /* 0: listed for review, not in the output */
} scd_clean_change;

typedef struct {
	const scd_input *input;    /* borrowed from the caller */
	char *text;                /* the cleaned text, UTF-8, NUL-terminated */
	size_t len;
	scd_clean_change *changes; /* by position; applied or not */
	size_t nchanges;
	size_t counts[SCD_CLEAN__COUNT]; /* applied changes by kind */
	size_t review;             /* changes listed but not applied */
	char *strings;             /* private: storage behind text and reason */
} scd_clean;

/*
 * Clean the text of `in`.  `in` must outlive *out, which is the caller's
 * to free with scd_clean_free().  `opts` may be NULL.  Returns 0, or
 * SCD_EINVALID when a known reading is out of range or overlaps another.
 */
int scd_clean_input(scd_clean **out, const scd_input *in,
		    const scd_clean_options *opts);

void scd_clean_free(scd_clean *clean);

/*
 * Write a unified diff (three lines of context, `--- a/NAME` and
 * `+++ b/NAME` headers) that patch(1) applies to the input's text to give
 * the cleaned text.  The text is the original file only when it was
 * UTF-8 without a BOM (scd_clean_patch_applies()).  Writes nothing when
 * nothing changed.  Returns 0 or SCD_EIO.
 */
int scd_clean_write_patch(FILE *f, const scd_clean *clean, const char *name);

/* Whether the input's text is its original bytes (UTF-8, no BOM), so that
 * the patch applies to the file itself. */
int scd_clean_patch_applies(const scd_clean *clean);

/*
 * Every change of `clean`, applied or listed for review, as the JSON
 * document of docs/json-report.md ({"version":1,...}); positions are byte
 * offsets and lines of the original file.  Returns 0 or SCD_EIO.
 */
int scd_report_clean_json(FILE *f, const scd_clean *clean);

/* The same, one line per change (`FILE:LINE:COL kind before → after
 * reason`) and a summary; ANSI colors when `color`. */
int scd_report_clean_text(FILE *f, const scd_clean *clean, int color);

#ifdef __cplusplus
}
#endif
#endif

/*
 * Collation: several renderings of one text (witnesses) aligned together,
 * with the reading most of them give at every place where they disagree
 * (the consensus), the canonical text made of those readings, and an
 * apparatus saying which witness has which reading and what kind of
 * difference (variant, ocr, edit, …) it is from the consensus.
 *
 * The alignment is a pivot alignment: one witness (the pivot, by default
 * the one most similar to all the others) is compared with each other
 * witness (scd_diff_inputs()), and every difference is projected onto the
 * pivot's text, where the differences of all witnesses meet.  Every
 * position here is a text offset (scd_input_text()) of the witness it
 * belongs to; convert with scd_input_offset() and scd_input_line() before
 * showing it.
 */
#ifndef SCODIFF_COLLATE_H
#define SCODIFF_COLLATE_H

#include "common.h"
#include "input.h"
#include "diff.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Where one witness has a reading. */
typedef struct {
	size_t witness;  /* index into the inputs */
	scd_range span;  /* its text offsets, whitespace trimmed; empty
			  * (where it would go) for an empty reading */
} scd_attestation;

/* One reading of a place and the witnesses that give it. */
typedef struct {
	/* The reading in UTF-8, NUL-terminated, as its first witness
	 * writes it with layout closed up (a whitespace run between two
	 * words of a spaced script is one space); "" for none.  Readings
	 * of one place differ in this text. */
	const char *text;
	const scd_attestation *witnesses; /* in input order */
	size_t nwitnesses;
	/* What it is against the consensus (not set for the consensus):
	 * kind, reason (static or NULL), confidence (0 when not given). */
	scd_kind kind;
	const char *reason;
	double confidence;
} scd_reading;

/* How the consensus of a place was decided. */
typedef enum {
	SCD_DECIDED_MAJORITY = 0, /* more witnesses give it than any other */
	SCD_DECIDED_EVIDENCE,     /* a tie, broken by evidence.h's score */
	SCD_DECIDED_ORDER         /* a tie the evidence did not break: the
				   * reading of the earliest witness */
} scd_decided;

/* A place of variation: a range of the pivot's text where the witnesses
 * present do not all read the same. */
typedef struct {
	scd_range span;               /* pivot text offsets */
	const scd_reading *readings;  /* readings[0] is the consensus; the
				       * others by votes, then by witness */
	size_t nreadings;
	const size_t *absent;  /* witnesses lacking this part of the pivot
				* (outside their aligned passages): they
				* do not vote */
	size_t nabsent;
	scd_decided decided;
} scd_place;

/* Text of a witness found nowhere in the pivot. */
typedef struct {
	size_t witness;
	scd_range span; /* the witness's text offsets */
	uint32_t at;    /* pivot text offset nearest to where it stands:
			 * the end of the pivot passage it follows in the
			 * witness (else the start of the one it precedes) */
} scd_addition;

/* Each witness against the pivot. */
typedef struct {
	double similarity;  /* scd_diff similarity with the pivot (1 for it) */
	scd_range *absent;  /* pivot text ranges it lacks, in order */
	size_t nabsent;
} scd_witness;

/* (The tag lets store.h point at a collation without including this.) */
typedef struct scd_collation {
	scd_input *const *inputs; /* borrowed from the caller */
	size_t ninputs;
	size_t pivot;             /* index of the pivot */
	scd_witness *witnesses;   /* ninputs of them */
	scd_place *places;        /* in the pivot's order, disjoint */
	size_t nplaces;
	scd_addition *additions;  /* by witness, then position */
	size_t nadditions;
	/* Readings that are not the consensus, by kind against it. */
	size_t counts[SCD_KIND__COUNT];
	/* The pivot's text with every place's consensus reading in place of
	 * the pivot's own (UTF-8, NUL-terminated): the canonical text in the
	 * pivot's layout.  Text missing from the pivot is not in it (see
	 * additions). */
	char *canonical;
	size_t canonical_len;
} scd_collation;

#define SCD_COLLATE_KINDS_DEFAULT \
	((1u << SCD_KIND_VARIANT) | (1u << SCD_KIND_OCR) | (1u << SCD_KIND_EDIT))

typedef struct {
	unsigned int version;
	/* How each witness is compared with the pivot (keep_layout is
	 * ignored: the projection needs every difference). */
	scd_diff_options diff;
	/* Kinds of difference with the pivot that make a place, as bits
	 * 1u << SCD_KIND_…; layout never does (readings close it up). */
	unsigned int kinds;
	/* The witness to align on, or -1 to choose the one with the highest
	 * summed similarity to the others (the first of equals). */
	int pivot;
	/* Break ties by witness order alone (the earliest witness's reading),
	 * without the evidence score: the store's rule, where the first
	 * recorded rendering stands until a majority says otherwise. */
	int ties_by_order;
} scd_collate_options;

#define SCD_COLLATE_OPTIONS_VERSION 1
#define SCD_COLLATE_OPTIONS_INIT \
	{ SCD_COLLATE_OPTIONS_VERSION, SCD_DIFF_OPTIONS_INIT, \
	  SCD_COLLATE_KINDS_DEFAULT, -1, 0 }

/*
 * Collate inputs[0..n) (n ≥ 1).  The consensus of a place is the reading
 * most of the witnesses present there give (the pivot is one of them);
 * a tie goes to the reading that fits the pivot's context best by the
 * evidence of all the witnesses (evidence.h), then to the earliest
 * witness's.  The inputs must outlive *out, which is the caller's to free
 * with scd_collation_free().  `opts` may be NULL.  Returns SCD_EINVALID
 * for n == 0 or a pivot out of range.
 */
int scd_collate_inputs(scd_collation **out, scd_input *const *inputs,
		       size_t n, const scd_collate_options *opts);

void scd_collation_free(scd_collation *c);

/* "majority", "evidence" or "order" (static strings). */
const char *scd_decided_name(scd_decided d);

#ifdef __cplusplus
}
#endif
#endif

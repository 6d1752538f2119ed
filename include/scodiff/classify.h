/*
 * Classification: what kind of difference lies between two spans of text
 * that the alignment put face to face.
 *
 *  layout   whitespace and line breaks only;
 *  width    equal under NFKC (full/half width, compatibility forms);
 *  punct    punctuation only: another mark of the same function
 *           (`－`/`—`, `———`/`——`), or a mark added or dropped;
 *  variant  the same character in another standard form (`強`/`强`, and
 *           Unihan's semantic and z-variants), or the same word in another
 *           region's vocabulary (`文件`/`檔案`, OpenCC's dictionaries);
 *  ocr      a likely recognition or typing slip: one character for one of
 *           the same or a near sound (all Unihan readings), or one made to
 *           look alike (Unihan spoofing variants, glyph similarity); a
 *           doubled or dropped character;
 *  edit     anything else: a substantive change.
 */
#ifndef SCODIFF_CLASSIFY_H
#define SCODIFF_CLASSIFY_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	SCD_KIND_LAYOUT = 0,
	SCD_KIND_WIDTH,
	SCD_KIND_PUNCT,
	SCD_KIND_VARIANT,
	SCD_KIND_OCR,
	SCD_KIND_EDIT,
	SCD_KIND__COUNT
} scd_kind;

/* "layout", "width", … (static strings). */
const char *scd_kind_name(scd_kind kind);

/* The kind named `name`, or -1. */
int scd_kind_from_name(const char *name);

/* What the classifier says of one difference. */
typedef struct {
	scd_kind kind;
	const char *reason; /* static: "same sound", "doubled", … or NULL */
	double confidence;  /* 0..1; 0 when it does not apply */
	char suggest[32];   /* UTF-8 reading probably right, "" if none */
} scd_verdict;

/* The characters just around a difference on one side (0 for none),
 * used to recognise doubled characters. */
typedef struct {
	uint32_t before, after;
} scd_context;

/*
 * Classify the difference between text a[0..alen) and b[0..blen) (UTF-8;
 * either may be empty).  `ca` and `cb` give each side's context and may
 * be NULL.
 */
void scd_classify(scd_verdict *out, const char *a, size_t alen,
		  const char *b, size_t blen, const scd_context *ca,
		  const scd_context *cb);

/*
 * Classify two spans whose keys are equal (the alignment matched them) but
 * whose text differs: layout, width, punct or variant, a variant's reason
 * saying which: "script" (強/强) or "regional word" (文件/檔案, 用户/使用者).
 */
void scd_classify_surface(scd_verdict *out, const char *a, size_t alen,
			  const char *b, size_t blen);

#ifdef __cplusplus
}
#endif
#endif

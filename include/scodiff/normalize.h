/*
 * Normalisation: turn decoded text into a comparison key, one 32-bit value
 * per key character, each with the span of text it came from.
 *
 * What the key sees through (in this order, per character):
 *  - layout: line breaks, and whitespace unless it separates two words of a
 *    script that uses spaces (Latin letters and digits on both sides), where
 *    one key space stands for the whole run; default-ignorable characters
 *    (ZWSP, soft hyphen, BOM);
 *  - compatibility forms: Unicode NFKC (full-width → ASCII, circled digits…);
 *  - punctuation classes: dashes (a run of `－ — —— ——— -` is one key
 *    character), quotation marks, opening and closing brackets, full stops,
 *    middle dots, ellipses;
 *  - variant forms: traditional characters folded to simplified (OpenCC's
 *    character tables, ICU's Traditional-Simplified transliterator where
 *    OpenCC has none);
 *  - regional vocabulary and phrase forms: each word of OpenCC's Taiwan
 *    phrase dictionaries (and of the phrases whose traditional form is
 *    not character by character, OpenCC's and ICU's) becomes one form of
 *    its class, so that a mainland text and its Taiwan or Hong Kong
 *    edition meet (文件, 档案 and 檔案 all become 文件; 用户 and 使用者
 *    用户): docs/variants.md.
 * The key is only for matching; what a difference *is* is decided later by
 * looking at the original text of the two spans (classify.h).
 */
#ifndef SCODIFF_NORMALIZE_H
#define SCODIFF_NORMALIZE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct scd_key scd_key;

enum {
	SCD_FOLD_PUNCT = 1u << 0,   /* punctuation classes */
	SCD_FOLD_VARIANT = 1u << 1, /* traditional → simplified */
	SCD_FOLD_REGIONAL = 1u << 2, /* regional vocabulary (with VARIANT only) */
	SCD_FOLD_DEFAULT = SCD_FOLD_PUNCT | SCD_FOLD_VARIANT | SCD_FOLD_REGIONAL
};

typedef struct {
	unsigned int version;
	unsigned int fold; /* SCD_FOLD_* bits */
} scd_normalize_options;

#define SCD_NORMALIZE_OPTIONS_VERSION 1
#define SCD_NORMALIZE_OPTIONS_INIT \
	{ SCD_NORMALIZE_OPTIONS_VERSION, SCD_FOLD_DEFAULT }

/*
 * Build the key of `len` bytes of valid UTF-8 at `text` (as returned by
 * scd_input_text()).  The text is borrowed only during the call.  *out is
 * the caller's to free with scd_key_free().  `opts` may be NULL.
 */
int scd_normalize(scd_key **out, const char *text, size_t len,
		  const scd_normalize_options *opts);

void scd_key_free(scd_key *key);

/* Number of key characters. */
size_t scd_key_len(const scd_key *key);

/*
 * The key values (code points or class representatives), and for each the
 * half-open span [begins[i], ends[i]) of text it stands for.  Spans never
 * decrease; several key characters may share one span (NFKC expansions).
 * All three arrays are borrowed and have scd_key_len() elements.
 */
const uint32_t *scd_key_values(const scd_key *key);
const uint32_t *scd_key_begins(const scd_key *key);
const uint32_t *scd_key_ends(const scd_key *key);

/* Index of the first key character whose span begins at or after text
 * offset off (scd_key_len() when none does): where a text range starts
 * in the key. */
size_t scd_key_index(const scd_key *key, uint32_t off);

/*
 * The key of a single code point taken alone: NFKC then the folds of
 * `fold`.  Returns the number of key values written to out (at most
 * `cap`), 0 for layout.  Used to classify differences.
 */
size_t scd_normalize_char(uint32_t *out, size_t cap, uint32_t c,
			  unsigned int fold);

/*
 * The key of code points c[0..n) taken together, as scd_normalize() would
 * make it of their text alone (NFKC, the folds of `fold`, the regional
 * vocabulary among them); layout leaves no trace.  Returns the number of
 * key values written to out (at most `cap`), or SCD_ENOMEM.  Used to
 * classify differences: 文件 and 檔案 have one key.
 */
int scd_normalize_chars(uint32_t *out, size_t cap, const uint32_t *c,
			size_t n, unsigned int fold);

/* The simplified form of a traditional character, or c itself. */
uint32_t scd_normalize_simplified(uint32_t c);

/* True when c is punctuation for scodiff (Unicode P* categories). */
int scd_normalize_is_punct(uint32_t c);

#ifdef __cplusplus
}
#endif
#endif

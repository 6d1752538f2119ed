/*
 * Conversion between Chinese scripts and regional vocabularies with
 * OpenCC's dictionaries and configurations (private to the library).
 *
 * OpenCC's converter is the reference: the conversion here is OpenCC's
 * algorithm (maximum-match segmentation with the configuration's
 * segmentation dictionaries, then each conversion step's longest-prefix
 * match inside every segment, a group of dictionaries taking the first
 * that matches) over OpenCC's data, compiled in at build time
 * (tools/gen_opencc.c).  What it adds is where every output character came
 * from, which OpenCC's API does not say and scodiff needs to report
 * positions in the user's file; and speed: OpenCC's own converter takes
 * 1.9 s for 5 MB (s2twp, this machine), five times a whole comparison.
 * tests/unit/test_opencc.c checks the output against libopencc's.
 */
#ifndef SCD_TEXT_OPENCC_H
#define SCD_TEXT_OPENCC_H

#include <stddef.h>
#include <stdint.h>

typedef struct scd_opencc__config scd_opencc__config;

/* The configuration named as OpenCC names its files ("s2twp", "t2s",
 * "s2hk", …), or NULL when it is not compiled in. */
const scd_opencc__config *scd_opencc__find(const char *name);

/* Whether cfg is one of scodiff's own folds ("regional", "phrases":
 * tools/gen_opencc.c) rather than an OpenCC configuration. */
int scd_opencc__is_fold(const scd_opencc__config *cfg);

/* The OpenCC configurations compiled in, separated by ", ", into
 * buf[0..cap) (cut short if it is too small). */
void scd_opencc__names(char *buf, size_t cap);

/*
 * A converted text: code points, and for each the half-open range
 * [beg, end) of input indices it came from.  Ranges never decrease; the
 * characters of a phrase replaced by one of another length all carry the
 * phrase's whole range.
 */
typedef struct {
	uint32_t *cp, *beg, *end;
	size_t len, cap;
} scd_opencc__text;

/*
 * Convert in[0..n) through cfg, appending to *out.  0 or SCD_ENOMEM.
 * `settled` 0 is OpenCC's conversion exactly; 1 leaves a key whose
 * candidate holds it where the text reads the candidate already (實模式
 * → 真實模式 in 真實模式), so that converting a converted text again does
 * not grow it (clean --to).
 */
int scd_opencc__convert(scd_opencc__text *out, const scd_opencc__config *cfg,
			const uint32_t *in, size_t n, int settled);

void scd_opencc__text_clear(scd_opencc__text *t);

/*
 * in[0..n) through cfg, settled (above), until a run changes nothing (at
 * most four runs), origins composed back to `in`: what clean --to writes,
 * so that cleaning twice changes nothing more.  Appends to *out.
 */
int scd_opencc__convert_fixed(scd_opencc__text *out, const scd_opencc__config *cfg,
			      const uint32_t *in, size_t n);

/* A key found by the segmentation: in[pos..pos+len) becomes value[0..nvalue). */
typedef struct {
	uint32_t pos, len;
	const uint32_t *value;
	uint32_t nvalue;
} scd_opencc__match;

/*
 * The keys the segmentation of cfg finds in in[0..n), in order, as a
 * malloc'd array (*out, *count; NULL, 0 when none).  For a configuration
 * whose one step is its segmentation's dictionary (the "regional" fold),
 * this is the whole conversion: each match replaced by its value, the
 * rest copied; the caller can then rewrite in place.  0 or SCD_ENOMEM.
 */
int scd_opencc__matches(scd_opencc__match **out, size_t *count,
			const scd_opencc__config *cfg, const uint32_t *in, size_t n);

/* Whether a[0..na) and b[0..nb) convert to one text through `config`
 * (0 also when it is not compiled in or memory runs out). */
int scd_opencc__same(const char *config, const uint32_t *a, size_t na,
		     const uint32_t *b, size_t nb);

/* Whether a[0..na) through `config`, in one run or run to its end
 * (scd_opencc__convert_fixed), is b[0..nb), each character compared in
 * simplified form. */
int scd_opencc__converts_to(const char *config, const uint32_t *a, size_t na,
			    const uint32_t *b, size_t nb);

/* Which OpenCC and ICU data the folds were built from (a checksum of the
 * compiled-in tables): keys made under another id differ. */
uint32_t scd_opencc__key_id(void);

/* One character's simplified form, or c itself: OpenCC's Hong Kong and
 * Taiwan variants reversed, then its traditional → simplified characters
 * (the character steps of hk2s and tw2s). */
uint32_t scd_opencc__simplified(uint32_t c);

#endif

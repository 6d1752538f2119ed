/* Suggestions for the differences of a comparison (private). */
#ifndef SCD_SUGGEST_H
#define SCD_SUGGEST_H

#include "scodiff/diff.h"
#include "scodiff/normalize.h"

/*
 * Give every ocr and variant difference of d the reading that is probably
 * right, from the evidence of both texts (their keys ka and kb: pairs seen
 * elsewhere, ICU dictionary words, character frequency); and call ocr the
 * one-for-one substitutions that recur between the two renderings (an
 * engine's own confusions, in no table).  Updates d->counts.
 */
int scd_suggest__diff(scd_diff *d, const scd_key *ka, const scd_key *kb);

#endif

/*
 * scodiff — find, align and explain the differences between renderings of
 * the same text.  This umbrella header pulls in the whole public API.
 *
 * Data flows through the modules in this order:
 *   input (decode, offset map) → normalize (comparison key with a map back
 *   to the text) → shingle (winnowed XXH3 fingerprints) → align (blocks in
 *   any order, character alignment inside) → classify (kind of every
 *   difference) → diff (the assembled result) → report (terminal, JSON).
 */
#ifndef SCODIFF_H
#define SCODIFF_H

#include "scodiff/common.h"
#include "scodiff/input.h"
#include "scodiff/normalize.h"
#include "scodiff/shingle.h"
#include "scodiff/align.h"
#include "scodiff/chardata.h"
#include "scodiff/lookalike.h"
#include "scodiff/classify.h"
#include "scodiff/diff.h"
#include "scodiff/evidence.h"
#include "scodiff/check.h"
#include "scodiff/clean.h"
#include "scodiff/collate.h"
#include "scodiff/scan.h"
#include "scodiff/store.h"
#include "scodiff/report.h"

#endif

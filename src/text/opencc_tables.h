/*
 * The OpenCC tables generated at build time (tools/gen_opencc.c) from
 * OpenCC's dictionaries and configurations; read by text/opencc.c only.
 */
#ifndef SCD_TEXT_OPENCC_TABLES_H
#define SCD_TEXT_OPENCC_TABLES_H

#include <stddef.h>
#include <stdint.h>

/* One dictionary as a trie: the children of node i are the edges
 * first[i] .. first[i+1]-1, sorted by code point; value[i] is 0 or 1 +
 * the offset in scd_opencc__pool of the key's default candidate (its
 * length, then its code points).  Node 0 is the root, never a child. */
typedef struct {
	const char *name;
	size_t nnodes, maxlen;
	const uint32_t *first, *cp, *child, *value;
	/* the root's children with code points in [root_lo, root_hi) (all
	 * those of the BMP), by code point: root[cp - root_lo], 0 = none;
	 * root_hi 0 when the root has few children (binary search them) */
	uint32_t root_lo, root_hi;
	const uint32_t *root;
} scd_opencc__dict;

/* A configuration: groups of dictionary indices, each ended by -1, the
 * segmentation's first, then the conversion steps; -2 ends it. */
typedef struct scd_opencc__config {
	const char *name;
	int16_t spec[32];
} scd_opencc__config;

extern const uint32_t scd_opencc__pool[];
extern const scd_opencc__dict scd_opencc__dicts[];
extern const size_t scd_opencc__ndicts;
extern const scd_opencc__config scd_opencc__configs[];
extern const size_t scd_opencc__nconfigs;

/* A checksum of the tables (tools/gen_opencc.sh): which data made them. */
extern const uint32_t scd_opencc__tables_id;

/* One character's simplified form (tools/gen_opencc.c, emit_simplified):
 * dense over [lo, hi), 0 = unchanged; elsewhere sorted pairs. */
extern const uint32_t scd_opencc__simplified_lo, scd_opencc__simplified_hi;
extern const uint32_t scd_opencc__simplified_table[];
extern const uint32_t scd_opencc__simplified_pairs[][2];
extern const size_t scd_opencc__simplified_npairs;

#endif
